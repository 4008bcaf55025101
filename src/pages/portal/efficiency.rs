//! 亩均效益 (`/app/enterprise/efficiency`): the enterprise's result in the latest published
//! evaluation — score, class and what it means, its place against the published cut-offs,
//! and every item with its value, benchmark, weight, score and formula in words — and a
//! what-if: any figure of that year changed, the score and class recomputed at once by
//! parkatlas-core against the same cut-offs.

use leptos::prelude::*;
use parkatlas_core::efficiency::{Class, Outcome, WhatIf};
use parkatlas_core::wire::{AnnualDataRecord, EvaluationResultRecord};

use super::basis::EfficiencyBasis;
use super::texts::use_portal_texts;
use super::{efficiency_basis, PortalPage};
use crate::api::{portal as api, ApiFailure};
use crate::components::portal::draft::Draft;
use crate::components::portal::figure::Figure;
use crate::components::portal::figure_fields::{DraftFields, FigureFields};
use crate::components::portal::score::{points, BigScore, ClassBadge, CutoffScale, Estimate, ItemList};
use crate::components::shared::states::Empty;
use crate::i18n::fill;

#[derive(Debug, Clone)]
struct EfficiencyData {
    annual: Vec<AnnualDataRecord>,
    basis: Option<EfficiencyBasis>,
}

async fn load(id: i64) -> Result<EfficiencyData, ApiFailure> {
    let (enterprise, annual) = futures::try_join!(crate::api::enterprise(id), api::annual_data(id))?;
    let basis = efficiency_basis(&enterprise, None).await?;
    Ok(EfficiencyData { annual, basis })
}

#[component]
pub fn EfficiencyPage() -> impl IntoView {
    let texts = use_portal_texts();
    let show = move |data: EfficiencyData| {
        match data.basis {
        None => view! {
            <Empty heading=Signal::derive(move || texts.get().efficiency_heading) body=Signal::derive(move || texts.get().class_none) />
        }
        .into_any(),
        Some(basis) => view! { <Evaluation basis annual=data.annual /> }.into_any(),
    }
    };
    view! { <PortalPage heading=Signal::derive(move || texts.get().efficiency_heading.to_string()) load show /> }
}

#[component]
fn Evaluation(basis: EfficiencyBasis, annual: Vec<AnnualDataRecord>) -> impl IntoView {
    let texts = use_portal_texts();
    let year = basis.year();
    let summary = basis.run.summary.clone();
    let stored = annual.iter().find(|stored| stored.year == year).map(|stored| Draft::of(&stored.figures));
    let fields = DraftFields::new(&stored.clone().unwrap_or_default());
    let (read, problems) = fields.checked();
    let estimate = {
        let basis = basis.clone();
        Memo::new(move |_| {
            let figures = read.get().map_err(|_| texts.get_untracked().estimate_fix.to_string())?;
            basis.estimate(&figures)
        })
    };
    let estimated_total = Signal::derive(move || estimate.with(|estimate| estimate.as_ref().ok()?.total()));
    let published = basis.published();
    let baseline = Signal::derive(move || published);
    let cutoffs = summary.cutoffs.iter().find(|cutoffs| cutoffs.cohort == basis.enterprise.cohort).cloned();
    let published_total = published.and_then(|(total, _)| total);
    let reset = move |_| fields.load(&stored.clone().unwrap_or_default());
    let profile_changed = basis.profile_changed();
    view! {
        <p class="hint">{move || texts.get().run(&summary)}</p>
        <section class="card" aria-labelledby="result-heading" data-testid="published-result">
            <h2 id="result-heading">{move || texts.get().published_result}</h2>
            <Published own=basis.own.clone() year />
            {cutoffs.map(|cutoffs| view! {
                <h3>{move || texts.get().cutoffs_heading}</h3>
                <p class="hint">{move || texts.get().cutoffs_note}</p>
                <CutoffScale cutoffs published=published_total estimate=estimated_total />
            })}
        </section>
        <PublishedItems own=basis.own.clone() />
        <section class="card" aria-labelledby="what-if-heading" data-testid="what-if">
            <h2 id="what-if-heading">{move || texts.get().what_if_heading}</h2>
            <p class="hint">{move || fill(texts.get().what_if_intro, &[("year", year.to_string())])}</p>
            <div class="estimate-panel estimate-panel--sticky" aria-live="polite">
                <Estimate estimate=Signal::derive(move || estimate.get()) baseline />
                {profile_changed.then(|| view! { <p class="hint">{move || texts.get().estimate_profile_changed}</p> })}
            </div>
            <FigureFields form="what-if" fields problems shown=Figure::scored />
            <div class="card__links">
                <button class="button button--quiet" type="button" on:click=reset>{move || texts.get().what_if_reset}</button>
                <a href=format!("/app/enterprise/figures/{year}")>{move || fill(texts.get().go_to_figures, &[("year", year.to_string())])}</a>
            </div>
            {move || estimate.with(|estimate| match estimate {
                Ok(WhatIf::Graded { score, .. }) => Some(view! {
                    <h3>{move || texts.get().items_heading}</h3>
                    <ItemList items=score.items.clone() />
                }),
                _ => None,
            })}
        </section>
    }
}

/// The published outcome: score, class with its meaning and rank; or why there is none.
#[component]
fn Published(own: Option<EvaluationResultRecord>, year: i32) -> impl IntoView {
    let texts = use_portal_texts();
    let Some(own) = own else {
        return view! { <p class="hint">{move || fill(texts.get().not_in_run, &[("year", year.to_string())])}</p> }
            .into_any();
    };
    match own.result.outcome {
        Outcome::Graded(grade) => view! {
            <BigScore total=grade.total />
            <ClassBadge class=grade.class explained=true />
            <p class="hint">{move || fill(texts.get().rank, &[("rank", grade.rank.to_string()), ("size", grade.cohort_size.to_string())])}</p>
        }
        .into_any(),
        Outcome::Exempt { reason } => view! {
            <ClassBadge class=Class::T explained=true />
            <p class="hint">{move || format!("{}{}", texts.get().exempt, texts.get().exemption(reason))}</p>
        }
        .into_any(),
        Outcome::NotEvaluated { reason } => view! { <p class="hint">{move || texts.get().not_evaluated(reason)}</p> }.into_any(),
    }
}

/// Every published item with its numbers and formula, and the adjustments.
#[component]
fn PublishedItems(own: Option<EvaluationResultRecord>) -> impl IntoView {
    let texts = use_portal_texts();
    let withheld = own.as_ref().is_some_and(|own| own.cohort_range_withheld);
    let Some(Outcome::Graded(grade)) = own.map(|own| own.result.outcome) else { return ().into_any() };
    let (bonus, deduction) = (grade.bonus, grade.deduction);
    view! {
        <section class="card" aria-labelledby="items-heading" data-testid="published-items">
            <h2 id="items-heading">{move || texts.get().items_heading}</h2>
            <ItemList items=grade.items />
            {(bonus != 0.0 || deduction != 0.0).then(|| view! {
                <p class="hint">{move || fill(texts.get().adjustments, &[("bonus", points(bonus)), ("deduction", points(deduction))])}</p>
            })}
            {withheld.then(|| view! { <p class="hint">{move || texts.get().range_withheld}</p> })}
        </section>
    }
    .into_any()
}
