//! Item scores under the three methods of spec §1.3, with the profile's policies for
//! missing data, zero denominators and negative tax: for a whole cohort ([`score_cohort`],
//! what a run does) and, through [`ItemScorer`], for one enterprise against what its
//! cohort published (the what-if of [`super::what_if`]).

use serde::{Deserialize, Serialize};

use super::indicators::{Indicator, Undefined};
use super::input::{EfficiencyFigures, EnterpriseInput};
use super::profile::{parse_indicator, CohortRules, ItemRule, Method, MissingPolicy, NegativeTaxPolicy, Profile};
use super::result::{Basis, ItemScore};

/// One enterprise's item scores, the adjustments its method allows, and the total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub items: Vec<ItemScore>,
    pub bonus: f64,
    pub deduction: f64,
    /// Σ item scores + bonus − deduction.
    pub total: f64,
}

impl Score {
    /// The total of `items` with the adjustments `profile`'s method allows `figures`.
    pub(super) fn of(profile: &Profile, figures: &EfficiencyFigures, items: Vec<ItemScore>) -> Score {
        // Method A has no adjustments; C adds bonus points only (spec §1.3).
        let (bonus, deduction) = match profile.method {
            Method::RatioWithAdjustments => (figures.bonus, figures.deduction),
            Method::MinMax { .. } => (figures.bonus, 0.0),
            Method::RatioToBenchmark => (0.0, 0.0),
        };
        let total = items.iter().map(|item| item.score).sum::<f64>() + bonus - deduction;
        Score { items, bonus, deduction, total }
    }
}

/// Scores every member of one cohort, in member order.
pub(super) fn score_cohort(profile: &Profile, rules: &CohortRules, members: &[&EnterpriseInput]) -> Vec<Score> {
    // Score item by item (each needs the whole cohort), then gather each member's row.
    let mut columns: Vec<std::vec::IntoIter<ItemScore>> =
        rules.items.iter().map(|rule| ItemScorer::new(profile, rule).score_cohort(members).into_iter()).collect();
    members
        .iter()
        .map(|member| {
            let items = columns.iter_mut().map(|column| column.next().expect("one score per member")).collect();
            Score::of(profile, &member.figures, items)
        })
        .collect()
}

/// One item of a profile, scoring values given what it needs from the rest of the cohort.
pub(super) struct ItemScorer<'a> {
    profile: &'a Profile,
    rule: &'a ItemRule,
    pub indicator: Indicator,
}

impl<'a> ItemScorer<'a> {
    pub fn new(profile: &'a Profile, rule: &'a ItemRule) -> ItemScorer<'a> {
        let indicator = parse_indicator(&rule.indicator).expect("profiles are validated before scoring");
        ItemScorer { profile, rule, indicator }
    }

    /// One score per member, in member order.
    fn score_cohort(&self, members: &[&EnterpriseInput]) -> Vec<ItemScore> {
        let values: Vec<Result<f64, Undefined>> = members.iter().map(|m| self.indicator.value(m)).collect();
        let range = self.range(values.iter().flatten().copied());
        let scored: Vec<Option<(f64, Basis)>> =
            values.iter().map(|v| v.as_ref().ok().and_then(|&v| self.formula(v, range))).collect();
        let (sum, count) =
            scored.iter().flatten().fold((0.0, 0usize), |(sum, count), (score, _)| (sum + score, count + 1));
        let average = if count == 0 { 0.0 } else { sum / count as f64 };
        values
            .iter()
            .zip(scored)
            .map(|(&value, scored)| {
                let (score, basis) = scored
                    .or_else(|| self.filled(value.expect_err("unscored values are undefined"), Some(average)))
                    .expect("a cohort knows its own average");
                self.item(value, score, basis)
            })
            .collect()
    }

    /// The lowest and highest of `values` that the formula scores: what min–max spreads over.
    pub fn range(&self, values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
        values.filter(|&v| self.scored_by_formula(v)).fold(None, |range, v| match range {
            None => Some((v, v)),
            Some((min, max)) => Some((f64::min(min, v), f64::max(max, v))),
        })
    }

    /// A negative tax is zeroed rather than scored when the profile says so.
    fn scored_by_formula(&self, value: f64) -> bool {
        let tax_based = matches!(self.indicator, Indicator::TaxPerMu | Indicator::TaxPerEnergy | Indicator::TaxPerKwh);
        !(tax_based && self.profile.edge_cases.negative_tax == NegativeTaxPolicy::ScoreZero && value < 0.0)
    }

    /// The score of a defined value; `None` under min–max without the cohort's `range`.
    pub fn formula(&self, value: f64, range: Option<(f64, f64)>) -> Option<(f64, Basis)> {
        if !self.scored_by_formula(value) {
            return Some((0.0, Basis::NegativeTaxZeroed));
        }
        let weight = self.rule.weight;
        match self.profile.method {
            Method::MinMax { floor_share } => {
                let (min, max) = range?;
                // Everyone equal: no spread to rank on, so everyone gets the full weight.
                let position = if max > min { (value - min) / (max - min) } else { 1.0 };
                Some((weight * (floor_share + (1.0 - floor_share) * position), Basis::MinMax { min, max, floor_share }))
            }
            Method::RatioToBenchmark | Method::RatioWithAdjustments => {
                let benchmark = self.rule.benchmark.expect("ratio profiles are validated to have benchmarks");
                let score = value / benchmark * weight;
                Some(match self.rule.cap_multiple {
                    Some(cap) if score > cap * weight => (cap * weight, Basis::Capped { cap_multiple: cap }),
                    _ => (score, Basis::Ratio),
                })
            }
        }
    }

    /// The score the profile's policy gives an undefined value; `None` when the policy is
    /// the cohort's average and `average` is not known.
    pub fn filled(&self, why: Undefined, average: Option<f64>) -> Option<(f64, Basis)> {
        let policy = self.policy(why);
        let score = match policy {
            MissingPolicy::CohortAverage => average?,
            MissingPolicy::Zero => 0.0,
        };
        Some((score, Basis::Filled { why, policy }))
    }

    fn policy(&self, why: Undefined) -> MissingPolicy {
        match why {
            Undefined::ZeroDenominator => self.profile.edge_cases.zero_denominator,
            Undefined::MissingData => self.rule.missing,
        }
    }

    /// The item scored 0 because the cohort figures it needs are withheld: a min–max range
    /// reading 0 to 0, or a cohort average.
    pub fn withheld(&self, value: Result<f64, Undefined>) -> ItemScore {
        let basis = match (value, self.profile.method) {
            (Err(why), _) => Basis::Filled { why, policy: self.policy(why) },
            (Ok(_), Method::MinMax { floor_share }) => Basis::MinMax { min: 0.0, max: 0.0, floor_share },
            (Ok(_), _) => Basis::Ratio,
        };
        self.item(value, 0.0, basis)
    }

    pub fn item(&self, value: Result<f64, Undefined>, score: f64, basis: Basis) -> ItemScore {
        let (indicator, weight, benchmark) = (self.indicator, self.rule.weight, self.rule.benchmark);
        ItemScore { indicator, weight, benchmark, value: value.ok(), score, basis }
    }
}
