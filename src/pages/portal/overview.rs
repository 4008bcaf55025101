//! 我的企业 overview (`/app/enterprise`): the enterprise's parcels on the map, its class in
//! the latest published evaluation, its tiers today, its open requests with their
//! deadlines, and its years of figures.

use leptos::prelude::*;
use parkatlas_core::geometry::BoundingBox;
use parkatlas_core::text::Bilingual;
use parkatlas_core::tiers::TierAssessment;
use parkatlas_core::units::SquareMetres;
use parkatlas_core::wire::{
    AnnualDataRecord, ClientConfig, EnterpriseRecord, LandFilter, ParcelRecord, ParkRecord, RequestRecord,
};

use super::basis::EfficiencyBasis;
use super::texts::use_portal_texts;
use super::{efficiency_basis, noticed, reporting_year, today, PortalPage};
use crate::api::{self, portal as portal_api, ApiFailure};
use crate::components::portal::score::{BigScore, ClassBadge};
use crate::components::portal::tiers::Reached;
use crate::components::shared::states::{outcome, Loading};
use crate::format::area_mu;
use crate::i18n::{fill, use_texts};
use crate::map::decode::{extent_of, polygons_of};
use crate::map::tiles::BaseMap;
use crate::map::{MapHandle, MapView, ParkMap};
use crate::signed_in::session::use_session;

#[derive(Debug, Clone)]
struct Overview {
    enterprise: EnterpriseRecord,
    annual: Vec<AnnualDataRecord>,
    basis: Option<EfficiencyBasis>,
    tiers: TierAssessment,
    requests: Vec<RequestRecord>,
}

async fn load(id: i64) -> Result<Overview, ApiFailure> {
    let on = today().to_string();
    let (enterprise, annual, tiers, requests) = futures::try_join!(
        api::enterprise(id),
        portal_api::annual_data(id),
        portal_api::tiers(id, &on),
        portal_api::requests()
    )?;
    let basis = efficiency_basis(&enterprise, None).await?;
    Ok(Overview { enterprise, annual, basis, tiers, requests })
}

/// The requests still open, in the order of a desk ([`RequestRecord::urgency`]).
fn open_requests(requests: Vec<RequestRecord>) -> Vec<RequestRecord> {
    let mut open: Vec<RequestRecord> = requests.into_iter().filter(|request| !request.is_closed()).collect();
    open.sort_by_cached_key(RequestRecord::urgency);
    open
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let texts = use_portal_texts();
    let show = |overview: Overview| view! { <OverviewBody overview /> }.into_any();
    view! { <PortalPage heading=Signal::derive(move || texts.get().nav_overview.to_string()) load show /> }
}

#[component]
fn OverviewBody(overview: Overview) -> impl IntoView {
    let texts = use_portal_texts();
    let Overview { enterprise, annual, basis, tiers, requests } = overview;
    let cohort = enterprise.cohort;
    let size = enterprise.size_class;
    view! {
        <section class="card" aria-labelledby="enterprise-name">
            <h2 id="enterprise-name" data-testid="enterprise-name">{enterprise.name.clone()}</h2>
            <dl class="facts-list">
                <div><dt>{move || texts.get().credit_code}</dt><dd>{enterprise.credit_code.to_string()}</dd></div>
                <div><dt>{move || texts.get().industry_code}</dt><dd>{enterprise.industry_code.to_string()}</dd></div>
                <div><dt>{move || texts.get().size_class}</dt><dd>{move || texts.get().size(size)}</dd></div>
                <div>
                    <dt>{move || texts.get().cohort}</dt>
                    <dd>{move || match cohort {
                        parkatlas_core::efficiency::Cohort::AboveScale => texts.get().above_scale,
                        parkatlas_core::efficiency::Cohort::BelowScale => texts.get().below_scale,
                    }}</dd>
                </div>
            </dl>
        </section>
        <Parcels enterprise=enterprise.clone() />
        <div class="portal__cards">
            <ClassCard basis />
            <TiersCard tiers />
        </div>
        <Requests requests=open_requests(requests) />
        <Years annual />
    }
}

#[component]
fn ClassCard(basis: Option<EfficiencyBasis>) -> impl IntoView {
    let texts = use_portal_texts();
    let body = match basis.as_ref().and_then(|basis| Some((basis, basis.published()?))) {
        None => view! { <p class="hint">{move || texts.get().class_none}</p> }.into_any(),
        Some((basis, (total, class))) => {
            let summary = basis.run.summary.clone();
            view! {
                <p class="hint">{move || texts.get().run(&summary)}</p>
                {total.map(|total| view! { <BigScore total /> })}
                <ClassBadge class />
            }
            .into_any()
        }
    };
    view! {
        <section class="card" aria-labelledby="class-heading" data-testid="class-card">
            <h2 id="class-heading">{move || texts.get().class_heading}</h2>
            {body}
            <a class="card__link" href="/app/enterprise/efficiency">{move || texts.get().see_details}</a>
        </section>
    }
}

#[component]
fn TiersCard(tiers: TierAssessment) -> impl IntoView {
    let texts = use_portal_texts();
    let core_texts = use_texts();
    let next = tiers.next_step.map(|step| Bilingual::new(step.name_zh(), step.name_en()));
    view! {
        <section class="card" aria-labelledby="tiers-heading" data-testid="tiers-card">
            <h2 id="tiers-heading">{move || texts.get().tiers_heading}</h2>
            <Reached assessment=tiers />
            {next.map(|next| view! {
                <p class="hint">{move || format!("{}：{}", texts.get().next_step, core_texts.get().pick(&next))}</p>
            })}
            <a class="card__link" href="/app/enterprise/tiers">{move || texts.get().see_details}</a>
        </section>
    }
}

#[component]
fn Requests(requests: Vec<RequestRecord>) -> impl IntoView {
    let texts = use_portal_texts();
    let core_texts = use_texts();
    let rows = requests
        .into_iter()
        .map(|request| {
            let state = Bilingual::from(request.state.label());
            let due = request.due.clone();
            let deadline = Signal::derive(move || {
                let texts = texts.get();
                let Some(due) = &due else { return (texts.no_deadline.to_string(), "") };
                let when = fill(texts.due_on, &[("due", due.due_at.format("%Y-%m-%d %H:%M").to_string())]);
                let (standing, class) = match due.status.remaining_working_days {
                    _ if due.status.overdue => (texts.overdue.to_string(), "deadline deadline--overdue"),
                    0 => (texts.due_today.to_string(), "deadline deadline--soon"),
                    days => (fill(texts.days_left, &[("n", days.to_string())]), "deadline"),
                };
                (format!("{when} · {standing}"), class)
            });
            view! {
                <li class="request-row">
                    <a href=format!("/app/requests/{}", request.id)>{request.title.clone()}</a>
                    <span class="hint">{move || core_texts.get().pick(&state).to_string()}</span>
                    <span class=move || deadline.get().1>{move || deadline.get().0}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let empty = rows.is_empty();
    view! {
        <section class="card" aria-labelledby="requests-heading" data-testid="open-requests">
            <h2 id="requests-heading">{move || texts.get().requests_heading}</h2>
            {if empty {
                view! { <p class="hint">{move || texts.get().requests_none}</p> }.into_any()
            } else {
                view! { <ul class="request-rows">{rows}</ul> }.into_any()
            }}
            <p class="card__links">
                <a href="/app/requests/new">{move || texts.get().new_request}</a>
                <a href="/app/requests">{move || texts.get().all_requests}</a>
            </p>
        </section>
    }
}

#[component]
fn Years(annual: Vec<AnnualDataRecord>) -> impl IntoView {
    let texts = use_portal_texts();
    let next_year = annual.iter().map(|year| year.year + 1).max().unwrap_or_else(reporting_year);
    let rows = annual
        .iter()
        .rev()
        .map(|year| {
            let (number, version) = (year.year, year.version);
            view! {
                <li>
                    <a href=format!("/app/enterprise/figures/{number}")>{number}</a>
                    <span class="hint">{move || fill(texts.get().version, &[("v", version.to_string())])}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="years-heading">
            <h2 id="years-heading">{move || texts.get().figures_heading}</h2>
            {annual.is_empty().then(|| view! { <p class="hint">{move || texts.get().figures_none}</p> })}
            <ul class="year-list">{rows}</ul>
            <a class="button button--quiet" href=format!("/app/enterprise/figures/{next_year}")>
                {move || fill(texts.get().add_year, &[("year", next_year.to_string())])}
            </a>
        </section>
    }
}

/// What the map needs: the base map, the enterprise's park, and its parcels.
#[derive(Clone)]
struct MapData {
    config: ClientConfig,
    park: ParkRecord,
    parcels: Vec<ParcelRecord>,
}

async fn load_map(enterprise_id: i64, park_id: i64) -> Result<MapData, ApiFailure> {
    let (config, park, parcels) =
        futures::try_join!(api::config(), api::park(park_id), api::enterprise_parcels(enterprise_id))?;
    Ok(MapData { config, park, parcels })
}

/// The enterprise's parcels on the map, framed, with the park's other parcels dimmed.
#[component]
fn Parcels(enterprise: EnterpriseRecord) -> impl IntoView {
    let texts = use_portal_texts();
    let session = use_session();
    let (enterprise_id, park_id) = (enterprise.id, enterprise.park_id);
    let loaded = LocalResource::new(move || async move { noticed(session, load_map(enterprise_id, park_id).await) });
    let show = move |data: MapData| view! { <ParcelMap data /> }.into_any();
    view! {
        <section class="card" aria-labelledby="parcels-heading">
            <h2 id="parcels-heading">{move || texts.get().parcels_heading}</h2>
            <Suspense fallback=move || view! { <Loading message=Signal::derive(move || texts.get().loading) /> }>
                {move || loaded.get().map(|result| outcome(result, show, move || loaded.refetch()))}
            </Suspense>
        </section>
    }
}

#[component]
fn ParcelMap(data: MapData) -> impl IntoView {
    let texts = use_portal_texts();
    let core_texts = use_texts();
    let MapData { config, park, parcels } = data;
    let ids: Vec<i64> = parcels.iter().map(|parcel| parcel.id).collect();
    let bounds =
        parcels.iter().filter_map(|parcel| extent_of(&polygons_of(&parcel.geometry))).reduce(BoundingBox::union);
    let area = SquareMetres(parcels.iter().map(|parcel| parcel.properties.area_m2.0).sum());
    let count = parcels.len();
    let view_now = RwSignal::new(None::<MapView>);
    let map = RwSignal::new_local(None::<MapHandle>);
    // The parcels of the view, fetched again whenever the map settles elsewhere.
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
    let base = BaseMap::default_for(&config);
    let on_ready = move |handle: MapHandle| {
        handle.filter(LandFilter::default(), Some(ids));
        if let Some(bounds) = bounds {
            handle.frame(bounds, true, None);
        }
        view_now.set(Some(handle.view()));
        map.set(Some(handle));
    };
    view! {
        <p class="hint" data-testid="parcel-count">
            {move || if count == 0 {
                texts.get().parcels_none.to_string()
            } else {
                fill(texts.get().parcels_count, &[("n", count.to_string()), ("area", area_mu(area, core_texts.get()))])
            }}
        </p>
        <div class="portal-map">
            <ParkMap
                config
                parks=vec![park]
                base
                start=None
                label=Signal::derive(move || texts.get().map_label)
                on_ready
                on_view=move |view| view_now.set(Some(view))
                on_pick=|_| {}
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(id: i64, state: &str, due_at: Option<&str>) -> RequestRecord {
        let due = due_at.map(|due_at| {
            serde_json::json!({ "due_at": due_at, "kind": "resolve", "status": {
                "at": "2026-03-02T09:00:00", "due_at": due_at, "overdue": false, "remaining_working_days": 3,
                "remaining_minutes": 100, "coverage": { "fallback_years": [], "unofficial_years": [] }, "warnings": [],
                "explanation": { "zh": "", "en": "" } } })
        });
        serde_json::from_value(serde_json::json!({
            "id": id, "version": 1, "enterprise_id": 1, "enterprise_name": "示例", "park_id": 1,
            "category": "general", "title": "诉求", "body": "…", "state": state, "rating": null,
            "submitted_at": "2026-03-02T09:00:00", "due": due, "events": [], "attachments": []
        }))
        .unwrap()
    }

    #[test]
    fn open_requests_come_due_first_and_closed_ones_are_left_out() {
        let requests = vec![
            request(1, "in_progress", None),
            request(2, "received", Some("2026-03-09T23:59:59")),
            request(3, "resolved", Some("2026-03-03T23:59:59")),
            request(4, "reopened", Some("2026-03-04T23:59:59")),
        ];
        let ids: Vec<i64> = open_requests(requests).iter().map(|request| request.id).collect();
        assert_eq!(ids, [4, 2, 1]);
    }
}
