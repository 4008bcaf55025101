//! 工作台: the officials' workspace (officers: their parks; admins: every park).
//!
//! - [`home`]: the figures of the parks, each a link to its list, and the sections as tiles;
//!   [`figures`] computes them as plain values.
//! - [`desk`]: the request desk, its filter in the URL ([`filter`]); the steps on one request
//!   are on the request page (`pages/requests/desk_actions.rs`).
//! - [`kpis`]: the desk's KPIs per park and category over a period, as a table and bars.
//! - [`inquiries`]: investors' inquiries, marked answered or closed.
//! - [`pool`]: a park's 梯度培育库 ([`pool_model`]); [`dashboard`]: a park's targets and
//!   charts, and the parks compared ([`dashboard_model`]). Both work on one park at a time,
//!   chosen with [`ParkChoice`] among the caller's parks ([`use_managed_parks`]).
//! - [`import`]: parcels and enterprises from officials' files, previewed before anything is
//!   stored ([`import_preview`] holds its logic as plain types); a park's parcels exported.
//! - [`texts`]: the text table of the workspace frame and the desk; [`parks_texts`]: the
//!   pool's and the dashboard's; [`import_texts`]: the import page's.

pub mod dashboard;
pub mod dashboard_model;
pub mod desk;
pub mod figures;
pub mod filter;
pub mod home;
pub mod import;
pub mod import_preview;
pub mod import_texts;
pub mod inquiries;
pub mod kpis;
pub mod parks_texts;
pub mod pool;
pub mod pool_model;
pub mod texts;

use leptos::prelude::*;
use parkatlas_core::wire::{ParkCollection, ParkRecord, Role, UserRecord};

use crate::api::{self, ApiFailure};
use crate::pages::portal::noticed;
use crate::signed_in::session::use_session;

/// The parks `user` manages, in the order the server lists them.
pub fn managed_parks(parks: ParkCollection, user: &UserRecord) -> Vec<ParkRecord> {
    parks
        .features
        .into_iter()
        .filter(|park| user.role == Role::Admin || (user.role == Role::Officer && user.park_ids.contains(&park.id)))
        .collect()
}

/// The caller's parks, loaded once per page.
pub fn use_managed_parks() -> LocalResource<Result<Vec<ParkRecord>, ApiFailure>> {
    let session = use_session();
    LocalResource::new(move || async move {
        let parks = noticed(session, api::parks().await)?;
        Ok(session.user().map(|user| managed_parks(parks, &user)).unwrap_or_default())
    })
}

/// A choice of park; `chosen` holds its id.
#[component]
pub fn ParkChoice(parks: Vec<ParkRecord>, chosen: RwSignal<i64>) -> impl IntoView {
    let texts = parks_texts::use_parks_texts();
    let options = parks
        .into_iter()
        .map(|park| {
            let id = park.id;
            view! { <option value=id.to_string() selected=move || chosen.get() == id>{park.properties.name}</option> }
        })
        .collect_view();
    view! {
        <label class="field workspace-park" for="workspace-park">
            <span class="field__label">{move || texts.get().park}</span>
            <select
                id="workspace-park"
                class="field__input"
                on:change=move |event| {
                    if let Ok(id) = event_target_value(&event).parse() {
                        chosen.set(id);
                    }
                }
            >
                {options}
            </select>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parkatlas_core::wire::FeatureCollection;

    fn parks() -> ParkCollection {
        let park = |id: i64| {
            serde_json::json!({"type": "Feature", "id": id, "geometry": {"type": "Point", "coordinates": [114.0, 30.5]},
                "properties": {"name": format!("园区{id}"), "name_en": "P", "park_type": "modern", "district": "d",
                    "area_m2": 1.0, "parcel_count": 0, "demo": true}})
        };
        serde_json::from_value::<FeatureCollection<_>>(
            serde_json::json!({"type": "FeatureCollection", "features": [park(1), park(2), park(3)]}),
        )
        .unwrap()
    }

    fn user(role: Role, park_ids: Vec<i64>) -> UserRecord {
        UserRecord {
            id: 1,
            username: "u".into(),
            display_name: "u".into(),
            role,
            enterprise_id: None,
            park_ids,
            version: 1,
        }
    }

    #[test]
    fn an_officer_manages_their_parks_and_an_admin_all() {
        let ids = |user: UserRecord| managed_parks(parks(), &user).iter().map(|p| p.id).collect::<Vec<_>>();
        assert_eq!(ids(user(Role::Officer, vec![3, 1])), vec![1, 3]);
        assert_eq!(ids(user(Role::Admin, vec![])), vec![1, 2, 3]);
        assert_eq!(ids(user(Role::Enterprise, vec![1])), Vec::<i64>::new());
    }
}
