//! Scoring profiles: a jurisdiction's indicator set, weights, benchmarks, caps,
//! missing-data policy, population rules and class rule for one year, as data.
//!
//! Officials copy and edit profiles; [`Profile::problems`] lists everything wrong
//! with one at once, so a bad edit is fixed in one pass.

use serde::{Deserialize, Serialize};

use super::indicators::Indicator;
use super::input::Cohort;
use crate::text::quoted;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Stable key, e.g. `huangyan-2022`.
    pub id: String,
    pub name: String,
    pub jurisdiction: String,
    pub year: u16,
    /// Where the figures come from (spec source tag and document).
    pub source: String,
    pub method: Method,
    /// One rule set per cohort; 规上 and 规下 are ranked separately.
    pub cohorts: Vec<CohortRules>,
    #[serde(default)]
    pub population: PopulationRules,
    pub class_rule: ClassRule,
    #[serde(default)]
    pub edge_cases: EdgeCasePolicy,
    /// Which values no source confirmed; shown wherever the profile is shown.
    #[serde(default)]
    pub unconfirmed: Vec<String>,
}

/// The three published scoring methods (spec §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Method {
    /// A (Zhejiang): Σ (x / B) × w.
    RatioToBenchmark,
    /// B (Jiangsu): Σ (x / B) × w + bonus − deduction.
    RatioWithAdjustments,
    /// C (Anhui): Σ w × (floor + (1 − floor) × (x − min)/(max − min)) + bonus; floor 20% by default.
    MinMax {
        #[serde(default = "default_floor_share")]
        floor_share: f64,
    },
}

fn default_floor_share() -> f64 {
    0.2
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CohortRules {
    pub cohort: Cohort,
    pub items: Vec<ItemRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRule {
    /// An [`Indicator`] key such as `tax_per_mu`; kept as text so that an unknown key is
    /// reported with the profile's other problems rather than failing the whole parse.
    pub indicator: String,
    /// Points, out of 100 for the cohort.
    pub weight: f64,
    /// 基准值, needed by the ratio methods.
    #[serde(default)]
    pub benchmark: Option<f64>,
    /// The item scores at most `cap_multiple × weight`; none in Huangyan.
    #[serde(default)]
    pub cap_multiple: Option<f64>,
    #[serde(default)]
    pub missing: MissingPolicy,
    /// True when no source confirmed the benchmark.
    #[serde(default)]
    pub benchmark_unconfirmed: bool,
}

/// What an item scores when the enterprise's indicator is undefined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingPolicy {
    /// The average item score of the cohort's enterprises that have the value (Huangyan, for emissions).
    CohortAverage,
    #[default]
    Zero,
}

/// Who is evaluated (spec §1.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopulationRules {
    /// 规下 enterprises are evaluated from this much land (3 亩; 5 in some places).
    pub below_scale_min_land_mu: f64,
    /// Producing for fewer years: class T.
    pub min_years_producing: u32,
    /// Land granted fewer years ago and still under construction: class T.
    pub min_years_since_grant_while_building: u32,
}

impl Default for PopulationRules {
    fn default() -> Self {
        PopulationRules {
            below_scale_min_land_mu: 3.0,
            min_years_producing: 2,
            min_years_since_grant_while_building: 3,
        }
    }
}

/// How scores become classes A/B/C/D (spec §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClassRule {
    /// Shares of the cohort, best first: A is the top `a`, B down to `b`, C down to `c`, D the rest.
    Percentile { a: f64, b: f64, c: f64 },
    /// Fixed minimum scores for A, B and C; below `c_min` is D.
    ScoreThresholds { a_min: f64, b_min: f64, c_min: f64 },
}

/// Cases no source settles (spec §1.3, UNCONFIRMED): each profile decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EdgeCasePolicy {
    /// What a negative tax (after VAT refunds) scores on tax-based items.
    pub negative_tax: NegativeTaxPolicy,
    /// What an item with a zero denominator (no energy use reported, no land) scores.
    pub zero_denominator: MissingPolicy,
}

impl Default for EdgeCasePolicy {
    fn default() -> Self {
        EdgeCasePolicy { negative_tax: NegativeTaxPolicy::ScoreZero, zero_denominator: MissingPolicy::Zero }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NegativeTaxPolicy {
    /// The item scores 0: a refund does not push the total below the other items.
    ScoreZero,
    /// The item scores its negative ratio.
    Proportional,
}

/// Something wrong with a profile, named precisely enough to fix it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProfileProblem {
    #[error("the profile has no cohorts; add the 规上 (above_scale) rules at least")]
    NoCohorts,
    #[error("cohort {cohort} appears twice; merge its items into one")]
    DuplicateCohort { cohort: Cohort },
    #[error("cohort {cohort}: weights sum to {sum}, they must sum to 100")]
    WeightsDoNotSum { cohort: Cohort, sum: f64 },
    #[error("cohort {cohort}: unknown indicator {}; known: {known}", quoted(.indicator))]
    UnknownIndicator { cohort: Cohort, indicator: String, known: String },
    #[error("cohort {cohort}: indicator {indicator} is listed twice")]
    DuplicateIndicator { cohort: Cohort, indicator: String },
    #[error("cohort {cohort}, {indicator}: weight {weight} must be positive")]
    WeightNotPositive { cohort: Cohort, indicator: String, weight: f64 },
    #[error("cohort {cohort}, {indicator}: this method needs a benchmark")]
    MissingBenchmark { cohort: Cohort, indicator: String },
    #[error("cohort {cohort}, {indicator}: benchmark {benchmark} must be greater than 0")]
    BenchmarkNotPositive { cohort: Cohort, indicator: String, benchmark: f64 },
    #[error("cohort {cohort}, {indicator}: cap multiple {cap} must be greater than 0")]
    CapNotPositive { cohort: Cohort, indicator: String, cap: f64 },
    #[error("min-max floor share {floor_share} must lie in [0, 1)")]
    FloorShareOutOfRange { floor_share: f64 },
    #[error("class cut-offs overlap: {detail}")]
    OverlappingClasses { detail: String },
}

impl Profile {
    /// Every problem with the profile; empty when it can be used.
    pub fn problems(&self) -> Vec<ProfileProblem> {
        let mut problems = Vec::new();
        if self.cohorts.is_empty() {
            problems.push(ProfileProblem::NoCohorts);
        }
        for (i, rules) in self.cohorts.iter().enumerate() {
            if self.cohorts[..i].iter().any(|earlier| earlier.cohort == rules.cohort) {
                problems.push(ProfileProblem::DuplicateCohort { cohort: rules.cohort });
            }
            self.cohort_problems(rules, &mut problems);
        }
        if let Method::MinMax { floor_share } = self.method {
            if !(0.0..1.0).contains(&floor_share) {
                problems.push(ProfileProblem::FloorShareOutOfRange { floor_share });
            }
        }
        if let Some(detail) = self.class_rule.overlap() {
            problems.push(ProfileProblem::OverlappingClasses { detail });
        }
        problems
    }

    fn cohort_problems(&self, rules: &CohortRules, problems: &mut Vec<ProfileProblem>) {
        let cohort = rules.cohort;
        let sum: f64 = rules.items.iter().map(|item| item.weight).sum();
        if (sum - 100.0).abs() > 1e-6 {
            problems.push(ProfileProblem::WeightsDoNotSum { cohort, sum });
        }
        for (i, item) in rules.items.iter().enumerate() {
            let indicator = item.indicator.clone();
            if parse_indicator(&item.indicator).is_none() {
                let known = Indicator::ALL.iter().map(|i| indicator_key(*i)).collect::<Vec<_>>().join(", ");
                problems.push(ProfileProblem::UnknownIndicator { cohort, indicator: indicator.clone(), known });
            }
            if rules.items[..i].iter().any(|earlier| earlier.indicator == item.indicator) {
                problems.push(ProfileProblem::DuplicateIndicator { cohort, indicator: indicator.clone() });
            }
            if item.weight <= 0.0 || !item.weight.is_finite() {
                problems.push(ProfileProblem::WeightNotPositive {
                    cohort,
                    indicator: indicator.clone(),
                    weight: item.weight,
                });
            }
            let needs_benchmark = !matches!(self.method, Method::MinMax { .. });
            match item.benchmark {
                None if needs_benchmark => {
                    problems.push(ProfileProblem::MissingBenchmark { cohort, indicator: indicator.clone() })
                }
                Some(benchmark) if benchmark <= 0.0 || !benchmark.is_finite() => problems
                    .push(ProfileProblem::BenchmarkNotPositive { cohort, indicator: indicator.clone(), benchmark }),
                _ => {}
            }
            if let Some(cap) = item.cap_multiple.filter(|cap| *cap <= 0.0 || !cap.is_finite()) {
                problems.push(ProfileProblem::CapNotPositive { cohort, indicator, cap });
            }
        }
    }

    pub fn cohort(&self, cohort: Cohort) -> Option<&CohortRules> {
        self.cohorts.iter().find(|rules| rules.cohort == cohort)
    }
}

impl ClassRule {
    fn overlap(&self) -> Option<String> {
        match *self {
            ClassRule::Percentile { a, b, c } if !(0.0 < a && a < b && b < c && c <= 1.0) => {
                Some(format!("percentile shares must rise 0 < A {a} < B {b} < C {c} ≤ 1"))
            }
            ClassRule::ScoreThresholds { a_min, b_min, c_min } if !(a_min > b_min && b_min > c_min) => {
                Some(format!("score minimums must fall A {a_min} > B {b_min} > C {c_min}"))
            }
            _ => None,
        }
    }
}

/// The JSON key of an indicator, e.g. `tax_per_mu`.
pub fn indicator_key(indicator: Indicator) -> String {
    serde_json::to_value(indicator).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

pub fn parse_indicator(key: &str) -> Option<Indicator> {
    serde_json::from_value(serde_json::Value::String(key.to_string())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::efficiency::shipped;

    fn huangyan() -> Profile {
        shipped::profile("huangyan-2022").unwrap()
    }

    #[test]
    fn shipped_profiles_have_no_problems() {
        for profile in shipped::profiles() {
            assert_eq!(profile.problems(), vec![], "{}", profile.id);
        }
    }

    #[test]
    fn every_problem_is_listed_at_once() {
        let mut profile = huangyan();
        let items = &mut profile.cohorts[0].items;
        items[0].weight = 35.0;
        items[1].indicator = "tax_per_hectare".into();
        items[2].benchmark = Some(0.0);
        profile.class_rule = ClassRule::Percentile { a: 0.3, b: 0.2, c: 0.95 };
        let problems = profile.problems();
        assert!(matches!(problems[0], ProfileProblem::WeightsDoNotSum { sum, .. } if (sum - 105.0).abs() < 1e-9));
        assert!(
            matches!(&problems[1], ProfileProblem::UnknownIndicator { indicator, .. } if indicator == "tax_per_hectare")
        );
        assert!(matches!(problems[2], ProfileProblem::BenchmarkNotPositive { benchmark, .. } if benchmark == 0.0));
        assert!(matches!(problems[3], ProfileProblem::OverlappingClasses { .. }));
        assert_eq!(problems.len(), 4);
    }

    #[test]
    fn threshold_classes_must_fall() {
        let mut profile = huangyan();
        profile.class_rule = ClassRule::ScoreThresholds { a_min: 80.0, b_min: 80.0, c_min: 40.0 };
        assert_eq!(profile.problems().len(), 1);
        profile.class_rule = ClassRule::ScoreThresholds { a_min: 80.0, b_min: 60.0, c_min: 40.0 };
        assert_eq!(profile.problems(), vec![]);
    }

    #[test]
    fn min_max_needs_no_benchmarks_but_ratio_does() {
        let mut profile = huangyan();
        profile.cohorts[0].items[0].benchmark = None;
        assert!(matches!(profile.problems()[0], ProfileProblem::MissingBenchmark { .. }));
        profile.method = Method::MinMax { floor_share: 0.2 };
        assert_eq!(profile.problems(), vec![]);
    }

    #[test]
    fn indicator_keys_round_trip() {
        for indicator in Indicator::ALL {
            assert_eq!(parse_indicator(&indicator_key(indicator)), Some(indicator));
        }
    }
}
