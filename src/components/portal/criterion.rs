//! A tier criterion as a person reads it (spec §4.0): its outcome in words beside a mark,
//! its current value, the requirement and the gap, in the criterion's own unit, and the
//! parts of a composite criterion beneath it.

use leptos::prelude::*;
use parkatlas_core::tiers::{Combine, Criterion, Outcome, Requirement, Unit, Value};

use crate::format::number;
use crate::i18n::fill;
use crate::pages::portal::texts::{use_portal_texts, PortalTexts};

/// An amount in a criterion's unit: `3.5%`, `1,200 万元`, `3 年`.
pub fn amount(value: f64, unit: Option<Unit>, texts: &PortalTexts) -> String {
    let with = |unit_text: &str| format!("{} {unit_text}", number(value, 2)).trim_end().to_string();
    match unit {
        Some(Unit::Ratio) => format!("{}%", number(value * 100.0, 2)),
        Some(Unit::WanYuan) => with(texts.unit_wan_yuan),
        Some(Unit::YiUsd) => with(texts.unit_yi_usd),
        Some(Unit::Years) => with(texts.unit_years),
        Some(Unit::Points) => with(texts.unit_points),
        Some(Unit::Count) => with(texts.unit_count),
        Some(Unit::Rank) => fill(texts.rank_value, &[("n", number(value, 0))]),
        None => number(value, 2),
    }
}

/// The criterion's current value, `—` when unknown.
pub fn current(criterion: &Criterion, texts: &PortalTexts) -> String {
    match criterion.current {
        Some(Value::Number(value)) => amount(value, criterion.unit, texts),
        Some(Value::Flag(flag)) => if flag { texts.yes } else { texts.no }.to_string(),
        None => "—".to_string(),
    }
}

/// What the criterion asks: `≥ 3%`, `≤ 70%`, `是`.
pub fn required(criterion: &Criterion, texts: &PortalTexts) -> String {
    let limit = |sign: &str, value: f64| format!("{sign} {}", amount(value, criterion.unit, texts));
    match criterion.required {
        Some(Requirement::AtLeast(value)) => limit("≥", value),
        Some(Requirement::Above(value)) => limit(">", value),
        Some(Requirement::AtMost(value)) => limit("≤", value),
        Some(Requirement::Below(value)) => limit("<", value),
        Some(Requirement::Yes) => texts.yes.to_string(),
        None => "—".to_string(),
    }
}

/// How far the value is from the requirement: short of a minimum, over a maximum, or
/// with so much to spare; `—` for facts and unknown values.
pub fn gap(criterion: &Criterion, texts: &PortalTexts) -> String {
    let Some(difference) = criterion.difference else { return "—".to_string() };
    let upper_limit = matches!(criterion.required, Some(Requirement::AtMost(_) | Requirement::Below(_)));
    let (template, size) = match (difference > 0.0, upper_limit) {
        (true, false) => (texts.short_by, difference),
        (true, true) => (texts.over_by, difference),
        (false, _) => (texts.to_spare, -difference),
    };
    fill(template, &[("amount", amount(size, criterion.unit, texts))])
}

/// The CSS modifier of an outcome; the word beside the mark says the same.
fn outcome_class(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Met => "outcome outcome--met",
        Outcome::Unmet => "outcome outcome--unmet",
        Outcome::Unknown => "outcome outcome--unknown",
        Outcome::ManualReview => "outcome outcome--manual",
    }
}

fn outcome_mark(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Met => "✓",
        Outcome::Unmet => "✕",
        Outcome::Unknown => "?",
        Outcome::ManualReview => "…",
    }
}

/// An outcome as a mark and a word.
#[component]
pub fn OutcomeMark(outcome: Outcome) -> impl IntoView {
    let texts = use_portal_texts();
    view! {
        <span class=outcome_class(outcome)>
            <span class="outcome__mark" aria-hidden="true">{outcome_mark(outcome)}</span>
            <span class="outcome__word">{move || texts.get().outcome(outcome)}</span>
        </span>
    }
}

/// Criteria as a list, each with its value, requirement and gap, composites with their parts.
#[component]
pub fn CriterionList(criteria: Vec<Criterion>) -> impl IntoView {
    view! { <ul class="criteria">{criteria.into_iter().map(criterion_item).collect_view()}</ul> }
}

/// One criterion; a function rather than a component so that it can hold its own parts.
fn criterion_item(criterion: Criterion) -> AnyView {
    let texts = use_portal_texts();
    let shown = criterion.clone();
    let combine = criterion.combine;
    let parts = criterion.parts;
    let numbers = move || {
        let texts = texts.get();
        (shown.required.is_some()).then(|| {
            view! {
                <dl class="criterion__numbers">
                    <div><dt>{texts.current}</dt><dd>{current(&shown, texts)}</dd></div>
                    <div><dt>{texts.required}</dt><dd>{required(&shown, texts)}</dd></div>
                    <div><dt>{texts.difference}</dt><dd>{gap(&shown, texts)}</dd></div>
                </dl>
            }
        })
    };
    let description = crate::i18n::use_texts();
    let name = parkatlas_core::text::Bilingual::new(criterion.description_zh, criterion.description_en);
    view! {
        <li class="criterion" data-key=criterion.key>
            <div class="criterion__head">
                <OutcomeMark outcome=criterion.outcome />
                <span class="criterion__name">{move || description.get().pick(&name).to_string()}</span>
                {criterion.unconfirmed.then(|| view! { <span class="tag tag--warn">{move || texts.get().unconfirmed}</span> })}
            </div>
            {numbers}
            {(!parts.is_empty()).then(|| {
                let lead = move || match combine {
                    Some(Combine::AnyOf) => texts.get().any_of,
                    _ => texts.get().all_of,
                };
                view! {
                    <p class="criterion__combine">{lead}</p>
                    <ul class="criteria criteria--parts">{parts.into_iter().map(criterion_item).collect_view()}</ul>
                }
            })}
        </li>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::portal::texts::{PORTAL_EN, PORTAL_ZH};

    fn criterion(current: Option<f64>, required: Requirement, difference: f64, unit: Unit) -> Criterion {
        serde_json::from_value(serde_json::json!({
            "key": "x", "description_zh": "测试", "description_en": "test", "outcome": "unmet",
            "current": current, "required": required, "difference": difference, "unit": unit, "unconfirmed": false
        }))
        .unwrap()
    }

    #[test]
    fn ratios_read_as_percentages_and_amounts_carry_their_unit() {
        let rd = criterion(Some(0.025), Requirement::AtLeast(0.03), 0.005, Unit::Ratio);
        assert_eq!((current(&rd, &PORTAL_ZH), required(&rd, &PORTAL_ZH)), ("2.5%".into(), "≥ 3%".into()));
        assert_eq!(gap(&rd, &PORTAL_ZH), "还差 0.5%");
        let revenue = criterion(Some(1200.0), Requirement::AtLeast(1000.0), -200.0, Unit::WanYuan);
        assert_eq!(current(&revenue, &PORTAL_ZH), "1,200 万元");
        assert_eq!(gap(&revenue, &PORTAL_EN), "200 10⁴ CNY to spare");
    }

    #[test]
    fn an_upper_limit_is_exceeded_rather_than_short() {
        let debt = criterion(Some(0.8), Requirement::AtMost(0.7), 0.1, Unit::Ratio);
        assert_eq!((required(&debt, &PORTAL_ZH), gap(&debt, &PORTAL_ZH)), ("≤ 70%".into(), "超出 10%".into()));
        let rank = criterion(Some(5.0), Requirement::AtMost(3.0), 2.0, Unit::Rank);
        assert_eq!(current(&rank, &PORTAL_ZH), "第 5 名");
    }

    #[test]
    fn unknown_values_and_facts_have_no_number() {
        let unknown = criterion(None, Requirement::AtLeast(3.0), 0.0, Unit::Count);
        let unknown = Criterion { difference: None, ..unknown };
        assert_eq!((current(&unknown, &PORTAL_ZH), gap(&unknown, &PORTAL_ZH)), ("—".into(), "—".into()));
        let counted = criterion(Some(2.0), Requirement::AtLeast(4.0), 2.0, Unit::Count);
        assert_eq!((current(&counted, &PORTAL_EN), gap(&counted, &PORTAL_ZH)), ("2".into(), "还差 2 项".into()));
    }
}
