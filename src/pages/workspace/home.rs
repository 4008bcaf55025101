//! 工作台 (`/app/workspace`): the figures of the official's parks (an admin's: every park),
//! each a link to its list, and the workspace's sections as tiles.

use leptos::prelude::*;
use parkatlas_core::wire::Role;

use super::figures::{Figure, FigureKind, FigureValue, HomeData};
use super::texts::{use_workspace_texts, WorkspaceTexts};
use crate::api::{self, portal as portal_api, workspace as workspace_api};
use crate::components::requests::deadline::china_now;
use crate::components::shared::states::Loading;
use crate::format::area_mu;
use crate::i18n::{fill, use_texts, Texts};
use crate::offline::{use_offline, Offline};
use crate::pages::requests;
use crate::signed_in::session::{use_session, Session};

/// The caller's parks: an officer's own, every park for an admin (`None`).
async fn load(session: Session, offline: Offline) -> HomeData {
    let user = session.user();
    let parks = user.filter(|user| user.role != Role::Admin).map(|user| user.park_ids);
    let park_ids: Vec<i64> = match &parks {
        Some(ids) => ids.clone(),
        None => api::parks().await.map(|all| all.features.iter().map(|park| park.id).collect()).unwrap_or_default(),
    };
    let requests = requests::list::load(offline, session).await.ok();
    let statistics = futures::future::join_all(park_ids.iter().map(|id| api::park_statistics(*id))).await;
    let (inquiries, evaluations) = futures::join!(workspace_api::inquiries(), portal_api::evaluations());
    HomeData {
        requests,
        inquiries: inquiries.ok(),
        statistics: statistics.into_iter().collect::<Result<Vec<_>, _>>().ok(),
        evaluations: evaluations.ok(),
        parks,
    }
}

#[component]
pub fn WorkspaceHome() -> impl IntoView {
    let texts = use_workspace_texts();
    let session = use_session();
    let offline = use_offline();
    let data = LocalResource::new(move || {
        offline.synced();
        load(session, offline)
    });
    let scope = move || match session.user() {
        Some(user) if user.role == Role::Officer => {
            let ids: Vec<String> = user.park_ids.iter().map(|id| format!("#{id}")).collect();
            fill(texts.get().home_intro_parks, &[("parks", ids.join("、"))])
        }
        _ => texts.get().home_intro_all.to_string(),
    };
    view! {
        <section class="workspace" aria-labelledby="workspace-heading">
            <h1 id="workspace-heading">{move || texts.get().home_heading}</h1>
            <p class="hint">{scope}</p>
            <h2>{move || texts.get().figures_heading}</h2>
            <Suspense fallback=move || view! { <Loading message=Signal::derive(move || texts.get().home_loading) /> }>
                {move || data.get().map(|data| {
                    let figures = data.figures(china_now());
                    view! { <FigureGrid figures /> }
                })}
            </Suspense>
            <h2>{move || texts.get().sections_heading}</h2>
            <SectionTiles />
        </section>
    }
}

fn figure_label(kind: FigureKind, texts: &WorkspaceTexts) -> &'static str {
    match kind {
        FigureKind::Overdue => texts.figure_overdue,
        FigureKind::DueToday => texts.figure_due_today,
        FigureKind::NewInquiries => texts.figure_new_inquiries,
        FigureKind::Idle => texts.figure_idle,
        FigureKind::Unsupplied => texts.figure_unsupplied,
        FigureKind::LatestEvaluation => texts.figure_evaluation,
    }
}

/// The figure's value in words: (the big number or phrase, the line under it).
fn figure_words(value: &FigureValue, texts: &WorkspaceTexts, shared: &Texts) -> (String, Option<String>) {
    match value {
        FigureValue::Count(count) => (count.to_string(), None),
        FigureValue::Land { parcels, area } => (parcels.to_string(), Some(area_mu(*area, shared))),
        FigureValue::Evaluation(None) => (texts.evaluation_none.to_string(), None),
        FigureValue::Evaluation(Some((year, date, count))) => (
            year.to_string(),
            Some(fill(
                texts.evaluation_state,
                &[("year", year.to_string()), ("date", date.clone()), ("count", count.to_string())],
            )),
        ),
        FigureValue::Unavailable => ("–".into(), Some(texts.figure_unavailable.to_string())),
    }
}

#[component]
fn FigureGrid(figures: Vec<Figure>) -> impl IntoView {
    let texts = use_workspace_texts();
    let shared = use_texts();
    view! {
        <ul class="figure-grid" data-testid="home-figures">
            {figures.into_iter().map(|figure| {
                let kind = figure.kind;
                let value = figure.value.clone();
                let testid = format!("figure-{}", kind.key());
                view! {
                    <li>
                        <a class="figure-tile" class:figure-tile--alert=figure.alert href=figure.href.clone() data-testid=testid>
                            <span class="figure-tile__label">{move || figure_label(kind, texts.get())}</span>
                            <span class="figure-tile__value">{
                                let value = value.clone();
                                move || figure_words(&value, texts.get(), shared.get()).0
                            }</span>
                            <span class="figure-tile__detail">{
                                move || figure_words(&value, texts.get(), shared.get()).1
                            }</span>
                        </a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// One text of the table, chosen.
type Text = fn(&WorkspaceTexts) -> &'static str;

/// The workspace's sections (`href`, title, hint).
const SECTIONS: [(&str, Text, Text); 8] = [
    ("/app/workspace/requests", |t| t.section_requests, |t| t.section_requests_hint),
    ("/app/workspace/requests/kpis", |t| t.section_kpis, |t| t.section_kpis_hint),
    ("/app/workspace/inquiries", |t| t.section_inquiries, |t| t.section_inquiries_hint),
    ("/app/workspace/evaluations", |t| t.section_evaluations, |t| t.section_evaluations_hint),
    ("/app/workspace/pool", |t| t.section_pool, |t| t.section_pool_hint),
    ("/app/workspace/parks", |t| t.section_parks, |t| t.section_parks_hint),
    ("/app/workspace/land", |t| t.section_land, |t| t.section_land_hint),
    ("/app/workspace/import", |t| t.section_import, |t| t.section_import_hint),
];

#[component]
fn SectionTiles() -> impl IntoView {
    let texts = use_workspace_texts();
    view! {
        <ul class="section-tiles">
            {SECTIONS.into_iter().map(|(href, title, hint)| view! {
                <li>
                    <a class="section-tile" href=href>
                        <span class="section-tile__title">{move || title(texts.get())}</span>
                        <span class="section-tile__hint">{move || hint(texts.get())}</span>
                    </a>
                </li>
            }).collect_view()}
        </ul>
    }
}
