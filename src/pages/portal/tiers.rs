//! 梯度培育 (`/app/enterprise/tiers?date=`): the highest tier reached on a date under the
//! rules then in force, every criterion met, unmet, unknown or for manual review, the gap
//! to the next tier (current, required, difference), the certificates with their expiry
//! dates, and a what-if on a year's accounts, reassessed by parkatlas-core at once.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use parkatlas_core::tiers::{RuleVersion, TierAssessment};

use super::basis::TierBasis;
use super::texts::use_portal_texts;
use super::{today, PortalPage};
use crate::api::{portal as api, ApiFailure};
use crate::components::portal::draft::Draft;
use crate::components::portal::figure::{Figure, Group};
use crate::components::portal::figure_fields::{DraftFields, FigureFields};
use crate::components::portal::tiers::{Certificates, Gaps, Ladder, Reached, TierResults};
use crate::url_state::use_replace_query;

#[derive(Debug, Clone)]
struct TiersData {
    basis: TierBasis,
    assessment: TierAssessment,
}

async fn load(id: i64, on: NaiveDate) -> Result<TiersData, ApiFailure> {
    let on = on.to_string();
    let (enterprise, annual, certificates, assessment) = futures::try_join!(
        crate::api::enterprise(id),
        api::annual_data(id),
        api::certificates(id),
        api::tiers(id, &on)
    )?;
    Ok(TiersData { basis: TierBasis { enterprise, annual, certificates }, assessment })
}

/// The rules in force, by title and number.
fn rules_title(version: RuleVersion) -> String {
    match version.document_number() {
        Some(number) => format!("《{}》（{number}）", version.title_zh()),
        None => format!("《{}》", version.title_zh()),
    }
}

#[component]
pub fn TiersPage() -> impl IntoView {
    let texts = use_portal_texts();
    let query = use_query_map();
    let on = Memo::new(move |_| {
        query.with(|query| query.get("date").and_then(|date| date.parse::<NaiveDate>().ok())).unwrap_or_else(today)
    });
    // Another date is another assessment: the page loads it afresh.
    move || {
        let on = on.get();
        let load = move |id| load(id, on);
        let show = move |data: TiersData| view! { <Assessment data on /> }.into_any();
        view! { <PortalPage heading=Signal::derive(move || texts.get().tiers_page_heading.to_string()) load show /> }
    }
}

#[component]
fn Assessment(data: TiersData, on: NaiveDate) -> impl IntoView {
    let texts = use_portal_texts();
    let replace_query = use_replace_query("/app/enterprise/tiers");
    let TiersData { basis, assessment } = data;
    let first_day = RuleVersion::Miit2022.in_force_from().to_string();
    let choose_date = move |event: leptos::ev::Event| {
        let chosen = event_target_value(&event);
        if chosen.parse::<NaiveDate>().is_ok_and(|date| date != on) {
            replace_query(&format!("date={chosen}"));
        }
    };
    view! {
        <div class="tiers-date">
            <label class="field" for="tiers-date">
                <span class="field__label">{move || texts.get().assessed_on}</span>
                <input id="tiers-date" class="field__input" type="date" min=first_day value=on.to_string() on:change=choose_date />
            </label>
            <p class="hint">{move || texts.get().rules_in_force}"："{rules_title(assessment.rule_version)}</p>
        </div>
        <section class="card" aria-labelledby="ladder-heading">
            <h2 id="ladder-heading">{move || texts.get().ladder_heading}</h2>
            <Reached assessment=assessment.clone() />
            <Ladder assessment=assessment.clone() />
        </section>
        <section class="card" aria-labelledby="gap-heading" data-testid="gaps">
            <h2 id="gap-heading">{move || texts.get().next_step}</h2>
            <Gaps gaps=assessment.next_tier_gaps.clone() />
        </section>
        <section class="card" aria-labelledby="all-tiers-heading">
            <h2 id="all-tiers-heading">{move || texts.get().all_tiers_heading}</h2>
            <TierResults tiers=assessment.tiers.clone() />
        </section>
        <section class="card" aria-labelledby="certificates-heading">
            <h2 id="certificates-heading">{move || texts.get().certificates_heading}</h2>
            <Certificates certificates=basis.certificates.clone() today=on />
        </section>
        <TierWhatIf basis on />
    }
}

/// A year's accounts changed, the tiers reassessed by core on the same date.
#[component]
fn TierWhatIf(basis: TierBasis, on: NaiveDate) -> impl IntoView {
    let texts = use_portal_texts();
    let years: Vec<i32> = basis.annual.iter().rev().map(|stored| stored.year).collect();
    let Some(&latest) = years.first() else {
        return view! {
            <section class="card" aria-labelledby="tier-what-if-heading">
                <h2 id="tier-what-if-heading">{move || texts.get().tier_what_if_heading}</h2>
                <p class="hint">{move || texts.get().tier_what_if_none}</p>
            </section>
        }
        .into_any();
    };
    let basis = StoredValue::new(basis);
    let stored = move |year: i32| {
        basis.with_value(|basis| {
            basis.annual.iter().find(|stored| stored.year == year).map(|stored| Draft::of(&stored.figures))
        })
    };
    let year = RwSignal::new(latest);
    let fields = DraftFields::new(&stored(latest).unwrap_or_default());
    let (read, problems) = fields.checked();
    let assessment = Memo::new(move |_| {
        let figures = read.get().map_err(|_| texts.get_untracked().estimate_fix.to_string())?;
        basis.with_value(|basis| basis.assess(on, year.get(), &figures)).map_err(|error| error.to_string())
    });
    let choose_year = move |event: leptos::ev::Event| {
        if let Ok(chosen) = event_target_value(&event).parse::<i32>() {
            year.set(chosen);
            fields.load(&stored(chosen).unwrap_or_default());
        }
    };
    view! {
        <section class="card" aria-labelledby="tier-what-if-heading" data-testid="tier-what-if">
            <h2 id="tier-what-if-heading">{move || texts.get().tier_what_if_heading}</h2>
            <p class="hint">{move || texts.get().tier_what_if_intro}</p>
            <label class="field" for="tier-what-if-year">
                <span class="field__label">{move || texts.get().tier_what_if_year}</span>
                <select id="tier-what-if-year" class="field__input" on:change=choose_year>
                    {years.into_iter().map(|shown| view! { <option value=shown selected=shown == latest>{shown}</option> }).collect_view()}
                </select>
            </label>
            <FigureFields form="tier-what-if" fields problems shown=|figure: Figure| figure.group() == Group::Accounts />
            <div class="estimate-panel" aria-live="polite" data-testid="tier-estimate">
                {move || match assessment.get() {
                    Err(problem) => view! { <p class="message message--warn">{problem}</p> }.into_any(),
                    Ok(assessment) => view! {
                        <h3>{move || texts.get().tier_estimate}</h3>
                        <Reached assessment=assessment.clone() />
                        <Gaps gaps=assessment.next_tier_gaps />
                    }
                    .into_any(),
                }}
            </div>
        </section>
    }
    .into_any()
}
