//! One criterion of a tier and its outcome: met, unmet, unknown (data missing) or for
//! manual review, with the current value, the requirement and the gap (spec §4.0).

use serde::{Deserialize, Serialize};

use super::bands::Figure;

/// How a criterion came out. Ordered from best to worst for combining: an "all of"
/// takes the worst part, an "any of" the best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Met,
    /// A judgement (market share, chain position) that an official makes; no input answers it yet.
    ManualReview,
    /// The data needed is missing: supply it rather than read this as a failure.
    Unknown,
    Unmet,
}

/// A criterion's current value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Flag(bool),
}

/// What a criterion asks of its value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    AtLeast(f64),
    /// Strictly greater.
    Above(f64),
    AtMost(f64),
    /// Strictly less.
    Below(f64),
    /// The flag must be true.
    Yes,
}

/// The unit of a criterion's value and requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    WanYuan,
    /// 亿美元 (10⁸ US dollars), the unit of unicorn valuations.
    YiUsd,
    /// A fraction: 0.05 is 5%.
    Ratio,
    Count,
    Years,
    Points,
    /// A position in a ranking, 1 being first.
    Rank,
}

/// One criterion evaluated for one enterprise. Composite criteria ("revenue ≥ 1000 万
/// or equity ≥ 2000 万") keep their parts so the UI can show each alternative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// Stable identifier, e.g. `rd_ratio_each_year`.
    pub key: String,
    pub description_zh: String,
    pub description_en: String,
    pub outcome: Outcome,
    pub current: Option<Value>,
    pub required: Option<Requirement>,
    /// How far the current value is from the requirement, in `unit`: positive means short
    /// (that much more is needed, or that much less under an upper limit); zero or negative
    /// means met with that much to spare. Numeric criteria only.
    pub difference: Option<f64>,
    pub unit: Option<Unit>,
    /// The threshold or table behind this criterion is UNCONFIRMED in the spec.
    pub unconfirmed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combine: Option<Combine>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Criterion>,
}

/// How a composite criterion combines its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    AllOf,
    AnyOf,
}

/// The comparison a numeric criterion makes; becomes a [`Requirement`] with its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    AtLeast,
    Above,
    AtMost,
    Below,
}

/// A criterion's identity: key and bilingual description.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Label {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

pub(crate) const fn label(key: &'static str, zh: &'static str, en: &'static str) -> Label {
    Label { key, zh, en }
}

impl Outcome {
    /// Its name on the wire, for markup (a class name): never `Debug`, which the Debian wasm
    /// build compiles away.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::ManualReview => "manual_review",
            Outcome::Unknown => "unknown",
            Outcome::Unmet => "unmet",
        }
    }
}

impl Criterion {
    fn bare(label: Label, outcome: Outcome) -> Criterion {
        Criterion {
            key: label.key.to_owned(),
            description_zh: label.zh.to_owned(),
            description_en: label.en.to_owned(),
            outcome,
            current: None,
            required: None,
            difference: None,
            unit: None,
            unconfirmed: false,
            combine: None,
            parts: Vec::new(),
        }
    }

    /// Compares a measured value with a limit; a missing value is [`Outcome::Unknown`].
    pub(crate) fn compare(label: Label, current: Option<f64>, bound: Bound, limit: f64, unit: Unit) -> Criterion {
        let (required, met) = match bound {
            Bound::AtLeast => (Requirement::AtLeast(limit), current.map(|x| x >= limit)),
            Bound::Above => (Requirement::Above(limit), current.map(|x| x > limit)),
            Bound::AtMost => (Requirement::AtMost(limit), current.map(|x| x <= limit)),
            Bound::Below => (Requirement::Below(limit), current.map(|x| x < limit)),
        };
        let higher_is_better = matches!(bound, Bound::AtLeast | Bound::Above);
        let outcome = match met {
            None => Outcome::Unknown,
            Some(true) => Outcome::Met,
            Some(false) => Outcome::Unmet,
        };
        Criterion {
            current: current.map(Value::Number),
            required: Some(required),
            difference: current.map(|x| if higher_is_better { limit - x } else { x - limit }),
            unit: Some(unit),
            ..Criterion::bare(label, outcome)
        }
    }

    /// `current ≥ figure`, flagged when the figure is UNCONFIRMED.
    pub(crate) fn at_least(label: Label, current: Option<f64>, figure: Figure, unit: Unit) -> Criterion {
        Criterion::compare(label, current, Bound::AtLeast, figure.value, unit).flagged(figure.unconfirmed)
    }

    /// `current ≤ figure`, flagged when the figure is UNCONFIRMED.
    pub(crate) fn at_most(label: Label, current: Option<f64>, figure: Figure, unit: Unit) -> Criterion {
        Criterion::compare(label, current, Bound::AtMost, figure.value, unit).flagged(figure.unconfirmed)
    }

    /// A fact that must hold; missing data is [`Outcome::Unknown`].
    pub(crate) fn flag(label: Label, current: Option<bool>) -> Criterion {
        let outcome = match current {
            None => Outcome::Unknown,
            Some(true) => Outcome::Met,
            Some(false) => Outcome::Unmet,
        };
        Criterion {
            current: current.map(Value::Flag),
            required: Some(Requirement::Yes),
            ..Criterion::bare(label, outcome)
        }
    }

    /// A judgement an official makes (market position, chain link): without an explicit
    /// answer it is [`Outcome::ManualReview`], not unknown.
    pub(crate) fn judgement(label: Label, answer: Option<bool>) -> Criterion {
        let criterion = Criterion::flag(label, answer);
        if answer.is_none() {
            Criterion { outcome: Outcome::ManualReview, ..criterion }
        } else {
            criterion
        }
    }

    /// Turns a missing numeric answer to a judgement into [`Outcome::ManualReview`].
    pub(crate) fn or_manual_review(self) -> Criterion {
        if self.outcome == Outcome::Unknown {
            Criterion { outcome: Outcome::ManualReview, ..self }
        } else {
            self
        }
    }

    pub(crate) fn flagged(self, unconfirmed: bool) -> Criterion {
        Criterion { unconfirmed: self.unconfirmed || unconfirmed, ..self }
    }

    /// Met only when every part is met.
    pub(crate) fn all_of(label: Label, parts: Vec<Criterion>) -> Criterion {
        Criterion::combined(label, Combine::AllOf, parts)
    }

    /// Met when any part is met (alternative paths, waivers).
    pub(crate) fn any_of(label: Label, parts: Vec<Criterion>) -> Criterion {
        Criterion::combined(label, Combine::AnyOf, parts)
    }

    fn combined(label: Label, combine: Combine, parts: Vec<Criterion>) -> Criterion {
        let outcomes = parts.iter().map(|p| p.outcome);
        let outcome = match combine {
            Combine::AllOf => outcomes.max().unwrap_or(Outcome::Met),
            Combine::AnyOf => outcomes.min().unwrap_or(Outcome::Unmet),
        };
        Criterion {
            unconfirmed: parts.iter().any(|p| p.unconfirmed),
            combine: Some(combine),
            parts,
            ..Criterion::bare(label, outcome)
        }
    }

    /// One criterion per fiscal year, last year first, all of which must be met
    /// ("R&D ≥ 3% of revenue in each of the last 2 years").
    pub(crate) fn each_year(
        label: Label,
        last_year: i32,
        years: u32,
        per_year: impl Fn(u32) -> Criterion,
    ) -> Criterion {
        let parts = (0..years)
            .map(|back| {
                let year = last_year - back as i32;
                let c = per_year(back);
                Criterion {
                    key: format!("{}_{year}", c.key),
                    description_zh: format!("{year}年{}", c.description_zh),
                    description_en: format!("{} in {year}", c.description_en),
                    ..c
                }
            })
            .collect();
        Criterion::all_of(label, parts)
    }

    /// The gap as a fraction of the requirement (0.1: 10% short), for numeric criteria
    /// that are unmet. An "any of" takes its closest alternative, an "all of" its widest
    /// numeric gap. `None` when no number describes the gap.
    pub fn relative_gap(&self) -> Option<f64> {
        if self.outcome != Outcome::Unmet {
            return None;
        }
        let part_gaps = self.parts.iter().filter_map(Criterion::relative_gap);
        match self.combine {
            Some(Combine::AnyOf) => part_gaps.reduce(f64::min),
            Some(Combine::AllOf) => part_gaps.reduce(f64::max),
            None => {
                let limit = match self.required? {
                    Requirement::AtLeast(v)
                    | Requirement::Above(v)
                    | Requirement::AtMost(v)
                    | Requirement::Below(v) => v,
                    Requirement::Yes => return None,
                };
                let difference = self.difference?;
                (limit != 0.0).then(|| difference.max(0.0) / limit.abs())
            }
        }
    }
}

/// Every criterion of a tier, combined: the tier is reached only when all are met.
pub(crate) fn overall(criteria: &[Criterion]) -> Outcome {
    criteria.iter().map(|c| c.outcome).max().unwrap_or(Outcome::Met)
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: Label = label("x", "测试", "test");

    #[test]
    fn at_least_is_met_on_the_edge_and_unmet_just_below() {
        let on = Criterion::at_least(L, Some(0.03), Figure::new(0.03), Unit::Ratio);
        assert_eq!(on.outcome, Outcome::Met);
        assert_eq!(on.difference, Some(0.0));
        let below = Criterion::at_least(L, Some(0.029), Figure::new(0.03), Unit::Ratio);
        assert_eq!(below.outcome, Outcome::Unmet);
        assert!((below.difference.unwrap() - 0.001).abs() < 1e-12);
    }

    #[test]
    fn at_most_difference_is_the_excess() {
        let c = Criterion::at_most(L, Some(0.8), Figure::new(0.7), Unit::Ratio);
        assert_eq!(c.outcome, Outcome::Unmet);
        assert!((c.difference.unwrap() - 0.1).abs() < 1e-12);
        assert!((c.relative_gap().unwrap() - 0.1 / 0.7).abs() < 1e-12);
    }

    #[test]
    fn above_is_strict() {
        assert_eq!(Criterion::compare(L, Some(5.0), Bound::Above, 5.0, Unit::Count).outcome, Outcome::Unmet);
        assert_eq!(Criterion::compare(L, Some(5.1), Bound::Above, 5.0, Unit::Count).outcome, Outcome::Met);
        assert_eq!(Criterion::compare(L, Some(4.9), Bound::Below, 5.0, Unit::Count).outcome, Outcome::Met);
        assert_eq!(Criterion::compare(L, Some(5.0), Bound::Below, 5.0, Unit::Count).outcome, Outcome::Unmet);
    }

    #[test]
    fn missing_value_is_unknown_not_unmet() {
        let c = Criterion::at_least(L, None, Figure::new(1.0), Unit::Count);
        assert_eq!(c.outcome, Outcome::Unknown);
        assert_eq!(c.difference, None);
        assert_eq!(Criterion::flag(L, None).outcome, Outcome::Unknown);
    }

    #[test]
    fn unanswered_judgement_goes_to_manual_review() {
        assert_eq!(Criterion::judgement(L, None).outcome, Outcome::ManualReview);
        assert_eq!(Criterion::judgement(L, Some(false)).outcome, Outcome::Unmet);
        assert_eq!(Criterion::judgement(L, Some(true)).outcome, Outcome::Met);
    }

    #[test]
    fn all_of_takes_the_worst_and_any_of_the_best() {
        let met = Criterion::flag(L, Some(true));
        let unmet = Criterion::flag(L, Some(false));
        let unknown = Criterion::flag(L, None);
        let review = Criterion::judgement(L, None);
        let all = Criterion::all_of(L, vec![met.clone(), review.clone(), unknown.clone()]);
        assert_eq!(all.outcome, Outcome::Unknown);
        let any = Criterion::any_of(L, vec![unmet.clone(), unknown.clone(), review.clone()]);
        assert_eq!(any.outcome, Outcome::ManualReview);
        assert_eq!(Criterion::any_of(L, vec![unmet.clone(), met]).outcome, Outcome::Met);
        assert_eq!(Criterion::all_of(L, vec![review, unmet]).outcome, Outcome::Unmet);
    }

    #[test]
    fn each_year_names_the_year_and_needs_every_year() {
        let c = Criterion::each_year(L, 2025, 2, |back| Criterion::flag(L, Some(back == 0)));
        assert_eq!(c.outcome, Outcome::Unmet);
        assert_eq!(c.parts[1].key, "x_2024");
        assert_eq!(c.parts[1].description_zh, "2024年测试");
    }

    #[test]
    fn any_of_relative_gap_is_the_closest_alternative() {
        let far = Criterion::at_least(L, Some(500.0), Figure::new(1000.0), Unit::WanYuan);
        let near = Criterion::at_least(L, Some(1800.0), Figure::new(2000.0), Unit::WanYuan);
        let any = Criterion::any_of(L, vec![far, near]);
        assert!((any.relative_gap().unwrap() - 0.1).abs() < 1e-12);
    }

    #[test]
    fn unconfirmed_figure_flags_the_criterion_and_its_parents() {
        let c = Criterion::at_least(L, Some(1.0), Figure::unconfirmed(3.0), Unit::Years);
        assert!(c.unconfirmed);
        assert!(Criterion::all_of(L, vec![c]).unconfirmed);
    }
}
