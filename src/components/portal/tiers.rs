//! An enterprise's tiers on a date (spec §4): the ladder with the step reached, the gap to
//! the next step criterion by criterion, every tier's criteria, and its certificates.

use chrono::NaiveDate;
use leptos::prelude::*;
use parkatlas_core::text::Bilingual;
use parkatlas_core::tiers::{LadderStep, Outcome, TierAssessment, TierGap, TierResult};
use parkatlas_core::wire::CertificateRecord;

use super::criterion::{CriterionList, OutcomeMark};
use crate::i18n::{certificate_name, fill, use_texts};
use crate::pages::portal::texts::use_portal_texts;

fn step_name(step: LadderStep) -> Bilingual {
    Bilingual::new(step.name_zh(), step.name_en())
}

/// The highest step reached and the side labels, in one line.
#[component]
pub fn Reached(assessment: TierAssessment) -> impl IntoView {
    let texts = use_texts();
    let portal = use_portal_texts();
    let highest = assessment.highest_step.map(step_name);
    let labels: Vec<Bilingual> =
        assessment.side_labels.iter().map(|tier| Bilingual::new(tier.name_zh(), tier.name_en())).collect();
    view! {
        <p class="reached" data-testid="highest-step">
            {move || match &highest {
                Some(step) => format!("{}：{}", portal.get().reached, texts.get().pick(step)),
                None => portal.get().tier_none.to_string(),
            }}
        </p>
        {(!labels.is_empty()).then(|| view! {
            <p class="hint">
                {move || {
                    let names: Vec<String> = labels.iter().map(|label| texts.get().pick(label).to_string()).collect();
                    format!("{}：{}", portal.get().side_labels, names.join("、"))
                }}
            </p>
        })}
    }
}

/// The four steps, each reached, next, or not reached, in words as well as marks.
#[component]
pub fn Ladder(assessment: TierAssessment) -> impl IntoView {
    let texts = use_texts();
    let portal = use_portal_texts();
    let steps = LadderStep::ALL
        .into_iter()
        .rev()
        .map(|step| {
            let reached = assessment.highest_step.is_some_and(|highest| step <= highest);
            let next = assessment.next_step == Some(step);
            let (class, mark) = match (reached, next) {
                (true, _) => ("ladder__step ladder__step--reached", "✓"),
                (false, true) => ("ladder__step ladder__step--next", "→"),
                (false, false) => ("ladder__step", "·"),
            };
            let name = step_name(step);
            let state = move || {
                let portal = portal.get();
                match (reached, next) {
                    (true, _) => portal.reached,
                    (false, true) => portal.next_marker,
                    (false, false) => portal.not_reached,
                }
            };
            view! {
                <li class=class>
                    <span class="ladder__mark" aria-hidden="true">{mark}</span>
                    <span class="ladder__name">{move || texts.get().pick(&name).to_string()}</span>
                    <span class="ladder__state">{state}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="ladder" reversed>{steps}</ol> }
}

/// What each tier of the next step still lacks: every criterion not met, with its current
/// value, requirement and gap.
#[component]
pub fn Gaps(gaps: Vec<TierGap>) -> impl IntoView {
    let texts = use_texts();
    let portal = use_portal_texts();
    if gaps.is_empty() {
        return view! { <p class="hint">{move || portal.get().top_reached}</p> }.into_any();
    }
    gaps.into_iter()
        .map(|gap| {
            let name = Bilingual::new(gap.tier.name_zh(), gap.tier.name_en());
            view! {
                <section class="gap" data-testid="gap">
                    <h3>{move || fill(portal.get().gap_heading, &[("tier", texts.get().pick(&name).to_string())])}</h3>
                    <CriterionList criteria=gap.criteria />
                </section>
            }
        })
        .collect_view()
        .into_any()
}

/// Every tier assessed, folded: its outcome and tally, its criteria when opened.
#[component]
pub fn TierResults(tiers: Vec<TierResult>) -> impl IntoView {
    let texts = use_texts();
    let portal = use_portal_texts();
    let rows = tiers
        .into_iter()
        .map(|tier| {
            let name = Bilingual::new(tier.tier.name_zh(), tier.tier.name_en());
            let count = |outcome: Outcome| tier.criteria.iter().filter(|c| c.outcome == outcome).count().to_string();
            let tally = [
                ("met", count(Outcome::Met)),
                ("unmet", count(Outcome::Unmet)),
                ("unknown", count(Outcome::Unknown)),
                ("manual", count(Outcome::ManualReview)),
            ];
            let holds = tier.holds_certificate == Some(true);
            view! {
                <li>
                    <details class="tier">
                        <summary class="tier__summary">
                            <span class="tier__name">{move || texts.get().pick(&name).to_string()}</span>
                            <OutcomeMark outcome=tier.outcome />
                            {holds.then(|| view! { <span class="tag">{move || portal.get().holds_certificate}</span> })}
                            <span class="tier__tally">{move || fill(portal.get().tier_tally, &tally)}</span>
                        </summary>
                        <p class="hint">{tier.source.clone()}</p>
                        <CriterionList criteria=tier.criteria />
                    </details>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="tiers">{rows}</ul> }
}

/// The enterprise's certificates with their validity on `today`.
#[component]
pub fn Certificates(certificates: Vec<CertificateRecord>, today: NaiveDate) -> impl IntoView {
    let texts = use_texts();
    let portal = use_portal_texts();
    if certificates.is_empty() {
        return view! { <p class="hint">{move || portal.get().certificates_none}</p> }.into_any();
    }
    let rows = certificates
        .into_iter()
        .map(|certificate| {
            let name = certificate_name(certificate.kind);
            let days_left = certificate.expires_on.signed_duration_since(today).num_days();
            let (class, status) = match days_left {
                ..0 => ("certificate certificate--expired", None),
                0..=180 => ("certificate certificate--expiring", Some(days_left)),
                _ => ("certificate", None),
            };
            let status = move || match (days_left, status) {
                (..0, _) => portal.get().expired.to_string(),
                (_, Some(days)) => fill(portal.get().expires_in, &[("n", days.to_string())]),
                _ => portal.get().valid.to_string(),
            };
            view! {
                <li class=class>
                    <span class="certificate__name">{move || texts.get().pick(&name).to_string()}</span>
                    <span class="certificate__status">{status}</span>
                    <dl class="certificate__facts">
                        <div><dt>{move || portal.get().certificate_number}</dt><dd>{certificate.number.clone()}</dd></div>
                        <div><dt>{move || portal.get().issued_on}</dt><dd>{certificate.issued_on.to_string()}</dd></div>
                        <div><dt>{move || portal.get().expires_on}</dt><dd>{certificate.expires_on.to_string()}</dd></div>
                    </dl>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="certificates" data-testid="certificates">{rows}</ul> }.into_any()
}
