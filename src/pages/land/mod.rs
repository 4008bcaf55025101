//! 土地 (`/app/workspace/land?flag=idle&parcel=12`), for officers (their parks) and admins
//! (every park): the map with the parcels core flags (闲置, 批而未供, 低效用地 candidates,
//! spec §3) kept bright, the same parcels as lists with their reasons, and the editing of
//! a parcel's status, terms and outline, or the drawing of a new one.
//!
//! - [`state`]: the URL and the flagged parcels ([`state::LandBook`]), plain types.
//! - [`form`]: the parcel form as typed; [`outline`]: the outline being drawn.
//! - [`editor`]: the editing panel and its map wiring; `save.rs`: the one save path.
//!
//! The parcels and their details come from the device's replica of the change feed, so
//! the page opens offline; it is read again after each sync.

pub mod editor;
pub mod form;
pub mod outline;
mod save;
pub mod state;
pub mod texts;

use leptos::prelude::*;
use parkatlas_core::wire::{ChangeKind, ClientConfig, Feature, LandFilter, ParcelRecord, ParkProperties, Role};

use self::editor::{EditTarget, ParcelEditor};
use self::state::{LandBook, LandUrl};
use self::texts::use_land_texts;
use crate::api::{self, ApiFailure};
use crate::components::land::flag_list::{FlagFilter, FlagList};
use crate::components::shared::states::{outcome, Loading};
use crate::map::decode::{extent_of, polygons_of};
use crate::map::tiles::BaseMap;
use crate::map::{MapHandle, MapView, ParkMap};
use crate::offline::use_offline;
use crate::pages::portal::{noticed, today};
use crate::signed_in::session::use_session;
use crate::signed_in::NotYours;
use crate::url_state::{opened_query, use_replace_query};

#[derive(Debug, Clone)]
struct Base {
    config: ClientConfig,
    parks: Vec<Feature<ParkProperties>>,
}

async fn load_base() -> Result<Base, ApiFailure> {
    let (config, parks) = futures::try_join!(api::config(), api::parks())?;
    Ok(Base { config, parks: parks.features })
}

#[component]
pub fn LandPage() -> impl IntoView {
    let texts = use_land_texts();
    let session = use_session();
    let loaded = LocalResource::new(move || async move { noticed(session, load_base().await) });
    let show = move |base: Base| view! { <LandWorkspace base /> }.into_any();
    move || match session.role() {
        Some(Role::Officer | Role::Admin) => view! {
            <section class="land-page" aria-labelledby="land-heading">
                <h1 id="land-heading">{move || texts.get().heading}</h1>
                <p class="hint">{move || texts.get().intro}</p>
                <Suspense fallback=move || view! { <Loading message=Signal::derive(move || texts.get().loading) /> }>
                    {move || loaded.get().map(|result| outcome(result, show, move || loaded.refetch()))}
                </Suspense>
            </section>
        }
        .into_any(),
        _ => view! { <NotYours /> }.into_any(),
    }
}

#[component]
fn LandWorkspace(base: Base) -> impl IntoView {
    let texts = use_land_texts();
    let session = use_session();
    let offline = use_offline();
    let Base { config, parks } = base;
    // An officer's parks; an admin's are all of them.
    let managed: Option<Vec<i64>> = session.user().filter(|user| user.role == Role::Officer).map(|user| user.park_ids);
    let own_parks: Vec<(i64, String)> = parks
        .iter()
        .filter(|park| managed.as_ref().is_none_or(|ids| ids.contains(&park.id)))
        .map(|park| (park.id, park.properties.name.clone()))
        .collect();

    let url = RwSignal::new(LandUrl::parse(&opened_query()));
    let replace_query = use_replace_query("/app/workspace/land");
    Effect::new(move |_| replace_query(&url.get().to_query()));

    let book = RwSignal::new(LandBook::default());
    let records = LocalResource::new(move || {
        offline.synced();
        async move { offline.records::<ParcelRecord>(ChangeKind::Parcel).await }
    });
    let managed_ids = StoredValue::new(managed);
    Effect::new(move || {
        if let Some(records) = records.get() {
            let fresh = managed_ids.with_value(|ids| LandBook::new(records, ids.as_deref(), today()));
            book.set(fresh);
        }
    });

    let editing = RwSignal::new(None::<EditTarget>);
    let map = RwSignal::new_local(None::<MapHandle>);
    let view_now = RwSignal::new(None::<MapView>);
    let viewport = LocalResource::new(move || async move {
        match view_now.get() {
            Some(view) => api::parcels_in_view(view.bbox, view.zoom.round() as u8).await.map(Some),
            None => Ok(None),
        }
    });
    Effect::new(move || {
        if let Some(Ok(Some(json))) = viewport.get() {
            map.with(|map| map.as_ref().map(|map| map.draw_viewport(&json)));
        }
    });
    // The chosen list stays bright on the map; the rest is dimmed.
    Effect::new(move || {
        let ids = book.with(|book| book.ids(url.with(|url| url.flag)));
        map.with(|map| map.as_ref().map(|map| map.filter(LandFilter::default(), Some(ids))));
    });
    Effect::new(move || {
        let parcel = url.with(|url| url.parcel);
        map.with(|map| map.as_ref().map(|map| map.select(parcel)));
    });

    let frame_parcel = move |id: i64| {
        let extent = book.with_untracked(|book| book.get(id).and_then(|p| extent_of(&polygons_of(&p.record.geometry))));
        if let Some(extent) = extent {
            map.with_untracked(|map| map.as_ref().map(|map| map.frame(extent, false, None)));
        }
    };
    let on_select = Callback::new(move |id: i64| {
        url.update(|url| url.parcel = Some(id));
        frame_parcel(id);
    });
    let on_choose = Callback::new(move |flag| url.update(|url| url.flag = flag));
    let on_ready = move |handle: MapHandle| {
        view_now.set(Some(handle.view()));
        map.set(Some(handle));
        if let Some(id) = url.get_untracked().parcel {
            frame_parcel(id);
        }
    };
    // While an outline is drawn, taps belong to it, not to parcel selection.
    let on_pick = move |pick: Option<crate::map::Pick>| {
        if editing.with_untracked(|editing| !editing.as_ref().is_some_and(EditTarget::draws)) {
            url.update(|url| url.parcel = pick.map(|pick| pick.parcel));
        }
    };
    let on_saved = Callback::new(move |record: ParcelRecord| {
        let id = record.id;
        book.update(|book| book.replace(record, today()));
        url.update(|url| url.parcel = Some(id));
        // Fetch the viewport again so that the map draws the saved outline.
        map.with_untracked(|map| map.as_ref().map(|map| view_now.set(Some(map.view()))));
    });
    let on_close = Callback::new(move |()| editing.set(None));

    let selected = Signal::derive(move || url.with(|url| url.parcel));
    let chosen = Signal::derive(move || url.with(|url| url.flag));
    let selected_card = move || {
        let id = selected.get()?;
        let parcel = book.with(|book| book.get(id).cloned())?;
        let record = parcel.record.clone();
        let single = polygons_of(&record.geometry).len() == 1;
        let edit_record = record.clone();
        Some(view! {
            <div class="land-selected" data-testid="land-selected">
                <strong>{record.properties.code.clone()}</strong>
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| editing.set(Some(EditTarget::Parcel { record: Box::new(edit_record.clone()), reshape: false }))>
                        {move || texts.get().edit}
                    </button>
                    <Show when=move || single>
                        {
                            let record = record.clone();
                            view! {
                                <button type="button" class="button button--quiet" on:click=move |_| editing.set(Some(EditTarget::Parcel { record: Box::new(record.clone()), reshape: true }))>
                                    {move || texts.get().reshape}
                                </button>
                            }
                        }
                    </Show>
                </div>
            </div>
        })
    };
    let draw_park = RwSignal::new(own_parks.first().map(|(id, _)| *id));
    let own_parks = StoredValue::new(own_parks);
    let park_options = move || {
        own_parks.with_value(|parks| {
            parks.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()
        })
    };
    let base = BaseMap::default_for(&config);

    view! {
        <div class="land-layout">
            <div class="land-map">
                <ParkMap
                    config
                    parks
                    base
                    start=None
                    label=Signal::derive(move || texts.get().map_label)
                    on_ready
                    on_view=move |view| view_now.set(Some(view))
                    on_pick
                />
            </div>
            <div class="land-side">
                {move || match editing.get() {
                    Some(target) => view! { <ParcelEditor target map on_saved on_close /> }.into_any(),
                    None => view! {
                        <FlagFilter book chosen on_choose />
                        {selected_card}
                        <FlagList book chosen selected on_select />
                        <div class="land-draw">
                            <label class="field__label" for="draw-park">{move || texts.get().draw_park}</label>
                            <select
                                id="draw-park"
                                class="field__input"
                                on:change=move |event| draw_park.set(event_target_value(&event).parse().ok())
                            >
                                {park_options}
                            </select>
                            <button
                                type="button"
                                class="button"
                                data-testid="draw-new"
                                disabled=move || draw_park.get().is_none()
                                on:click=move |_| if let Some(park_id) = draw_park.get() { editing.set(Some(EditTarget::New { park_id })) }
                            >
                                {move || texts.get().draw_new}
                            </button>
                        </div>
                        <p class="hint">{move || texts.get().replica_note}</p>
                    }
                    .into_any(),
                }}
            </div>
        </div>
    }
}
