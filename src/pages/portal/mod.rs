//! 我的企业, the enterprise portal: what an enterprise user sees of its own enterprise.
//!
//! - [`overview`]: its parcels on the map, its latest class, its tiers today and its open
//!   requests (`/app/enterprise`).
//! - [`figures`]: one year of figures, checked by core as typed, estimated against the
//!   published cut-offs, saved with `If-Match`; a conflict opens the side-by-side merge
//!   (`/app/enterprise/figures/:year`).
//! - [`efficiency`]: the published 亩均 result, item by item, with a what-if
//!   (`/app/enterprise/efficiency`); [`tiers`]: the tiers on a date, the gap to the next,
//!   certificates, with a what-if (`/app/enterprise/tiers`).
//! - [`basis`]: what the what-ifs stand on, computed by parkatlas-core as the server does;
//!   `year_edit`: where the edit of one year stands (saves, refusals, conflicts).
//! - [`texts`]: the portal's strings.

pub mod basis;
pub mod efficiency;
pub mod figures;
pub mod overview;
pub mod texts;
pub mod tiers;
mod year_edit;

use chrono::{DateTime, Datelike, NaiveDate};
use leptos::prelude::*;
use parkatlas_core::wire::{EnterpriseRecord, FIRST_YEAR, LAST_YEAR};

use self::basis::{latest_run, EfficiencyBasis};
use self::texts::use_portal_texts;
use crate::api::{portal as api, ApiFailure};
use crate::components::portal::nav::PortalNav;
use crate::components::shared::states::{outcome, Loading};
use crate::signed_in::session::{use_session, Session};

/// Today in China, where the parks are, whatever the device's time zone.
pub fn today() -> NaiveDate {
    let now = DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default();
    parkatlas_core::calendar::china_date(now)
}

/// The year whose figures are being reported: last year's accounts close in spring.
pub fn reporting_year() -> i32 {
    (today().year() - 1).clamp(FIRST_YEAR, LAST_YEAR)
}

/// `result`, after telling the session about a 401 (the sign-in dialog then opens over the
/// page, which keeps what was typed).
pub fn noticed<T>(session: Session, result: Result<T, ApiFailure>) -> Result<T, ApiFailure> {
    result.inspect_err(|failure| session.notice(failure))
}

/// The 亩均 what-if's basis: the newest run over the enterprise's park (of `year` when
/// given), its profile and the enterprise's own result; `None` when no run was published.
pub async fn efficiency_basis(
    enterprise: &EnterpriseRecord,
    year: Option<i32>,
) -> Result<Option<EfficiencyBasis>, ApiFailure> {
    let runs = api::evaluations().await?;
    let Some(run) = latest_run(&runs, enterprise.park_id, year).cloned() else { return Ok(None) };
    let (profile, results) = futures::try_join!(api::profile(run.profile_id), api::evaluation_results(run.id))?;
    let own = results.into_iter().find(|result| result.enterprise_id == enterprise.id);
    Ok(Some(EfficiencyBasis { enterprise: enterprise.clone(), run, profile, own }))
}

/// A portal page: its heading, the section tabs, and what `load` brings, shown by `show`
/// once loaded (with the loading and failure states in between). `load` receives the
/// signed-in user's enterprise id.
#[component]
pub fn PortalPage<T, L, F, S>(
    #[prop(into)] heading: Signal<String>,
    load: L,
    show: S,
    #[prop(optional)] figures_year: Option<i32>,
) -> impl IntoView
where
    T: Clone + 'static,
    L: Fn(i64) -> F + Copy + 'static,
    F: std::future::Future<Output = Result<T, ApiFailure>> + 'static,
    S: Fn(T) -> AnyView + Copy + Send + Sync + 'static,
{
    let texts = use_portal_texts();
    let session = use_session();
    let enterprise_id = Memo::new(move |_| session.user().and_then(|user| user.enterprise_id));
    let resource = LocalResource::new(move || async move {
        match enterprise_id.get() {
            Some(id) => Some(noticed(session, load(id).await)),
            None => None,
        }
    });
    view! {
        <div class="portal">
            <h1 class="portal__heading">{move || heading.get()}</h1>
            <PortalNav figures_year=figures_year.unwrap_or_else(reporting_year) />
            <Suspense fallback=move || view! { <Loading message=Signal::derive(move || texts.get().loading) /> }>
                {move || {
                    resource.get().map(|loaded| match loaded {
                        None => view! { <p class="message message--warn">{move || texts.get().no_enterprise}</p> }.into_any(),
                        Some(result) => outcome(result, show, move || resource.refetch()),
                    })
                }}
            </Suspense>
        </div>
    }
}
