//! Item scores for one cohort under the three methods of spec §1.3, with the
//! profile's policies for missing data, zero denominators and negative tax.

use super::indicators::{Indicator, Undefined};
use super::input::EnterpriseInput;
use super::profile::{parse_indicator, CohortRules, ItemRule, Method, MissingPolicy, NegativeTaxPolicy, Profile};
use super::result::{Basis, ItemScore};

/// One member's item scores, the adjustments its method allows, and the total.
pub(super) struct MemberScore {
    pub items: Vec<ItemScore>,
    pub bonus: f64,
    pub deduction: f64,
    pub total: f64,
}

/// Scores every member of one cohort, in member order.
pub(super) fn score_cohort(profile: &Profile, rules: &CohortRules, members: &[&EnterpriseInput]) -> Vec<MemberScore> {
    // Score item by item (each needs the whole cohort), then gather each member's row.
    let mut columns: Vec<std::vec::IntoIter<ItemScore>> = rules
        .items
        .iter()
        .map(|rule| {
            let indicator = parse_indicator(&rule.indicator).expect("profiles are validated before scoring");
            score_item(profile, rule, indicator, members).into_iter()
        })
        .collect();
    let items_per_member: Vec<Vec<ItemScore>> = (0..members.len())
        .map(|_| columns.iter_mut().map(|column| column.next().expect("one score per member")).collect())
        .collect();
    members
        .iter()
        .zip(items_per_member)
        .map(|(member, items)| {
            // Method A has no adjustments; C adds bonus points only (spec §1.3).
            let (bonus, deduction) = match profile.method {
                Method::RatioWithAdjustments => (member.figures.bonus, member.figures.deduction),
                Method::MinMax { .. } => (member.figures.bonus, 0.0),
                Method::RatioToBenchmark => (0.0, 0.0),
            };
            let total = items.iter().map(|item| item.score).sum::<f64>() + bonus - deduction;
            MemberScore { items, bonus, deduction, total }
        })
        .collect()
}

/// One indicator's score for every member of the cohort.
fn score_item(
    profile: &Profile,
    rule: &ItemRule,
    indicator: Indicator,
    members: &[&EnterpriseInput],
) -> Vec<ItemScore> {
    let values: Vec<Result<f64, Undefined>> = members.iter().map(|m| indicator.value(m)).collect();
    let zeroes_negative = is_tax_based(indicator) && profile.edge_cases.negative_tax == NegativeTaxPolicy::ScoreZero;
    let scored_by_formula = |v: &f64| !(zeroes_negative && *v < 0.0);
    let range = values.iter().flatten().filter(|v| scored_by_formula(v)).fold(None, |range, &v| match range {
        None => Some((v, v)),
        Some((min, max)) => Some((f64::min(min, v), f64::max(max, v))),
    });

    let formula = |value: f64| -> (f64, Basis) {
        if !scored_by_formula(&value) {
            return (0.0, Basis::NegativeTaxZeroed);
        }
        match profile.method {
            Method::MinMax { floor_share } => {
                let (min, max) = range.expect("a defined value makes the range defined");
                // Everyone equal: no spread to rank on, so everyone gets the full weight.
                let position = if max > min { (value - min) / (max - min) } else { 1.0 };
                (rule.weight * (floor_share + (1.0 - floor_share) * position), Basis::MinMax { min, max, floor_share })
            }
            Method::RatioToBenchmark | Method::RatioWithAdjustments => {
                let benchmark = rule.benchmark.expect("ratio profiles are validated to have benchmarks");
                let score = value / benchmark * rule.weight;
                match rule.cap_multiple {
                    Some(cap) if score > cap * rule.weight => (cap * rule.weight, Basis::Capped { cap_multiple: cap }),
                    _ => (score, Basis::Ratio),
                }
            }
        }
    };

    let scored: Vec<Option<(f64, Basis)>> = values.iter().map(|v| v.as_ref().ok().map(|&v| formula(v))).collect();
    let (sum, count) = scored.iter().flatten().fold((0.0, 0usize), |(sum, count), (score, _)| (sum + score, count + 1));
    let cohort_average = if count == 0 { 0.0 } else { sum / count as f64 };

    values
        .iter()
        .zip(scored)
        .map(|(value, scored)| {
            let (score, basis) = scored.unwrap_or_else(|| {
                let why = value.expect_err("unscored values are undefined");
                let policy = match why {
                    Undefined::ZeroDenominator => profile.edge_cases.zero_denominator,
                    Undefined::MissingData => rule.missing,
                };
                let score = match policy {
                    MissingPolicy::CohortAverage => cohort_average,
                    MissingPolicy::Zero => 0.0,
                };
                (score, Basis::Filled { why, policy })
            });
            ItemScore { indicator, weight: rule.weight, benchmark: rule.benchmark, value: value.ok(), score, basis }
        })
        .collect()
}

fn is_tax_based(indicator: Indicator) -> bool {
    matches!(indicator, Indicator::TaxPerMu | Indicator::TaxPerEnergy | Indicator::TaxPerKwh)
}
