//! 亩均效益综合评价 (spec §1): scoring enterprises' land efficiency under a
//! jurisdiction's [`Profile`], ranking them within their cohort and classing them
//! A/B/C/D (or T), with every item explained.
//!
//! - [`evaluate`] runs a whole evaluation; [`EvaluationRun`] is its published result.
//! - [`Profile`] is the rule data; [`shipped`] holds 黄岩 2022/2021, 淮安 2024, ETDZ, 临海.
//! - [`Indicator`] defines each indicator; [`EnterpriseInput`] is an enterprise's year.
//! - [`ItemScore::explain`] puts an item's formula and numbers into words.
//! - [`compare`] diffs two evaluations of the same enterprises: who changed class.
//! - [`what_if`] rescores one enterprise on changed figures against a run's published
//!   cut-offs ([`CohortCutoffs::class_of`]), as the enterprise itself may (spec §1.4).

mod classes;
mod compare;
mod explain;
mod indicators;
mod input;
mod profile;
mod result;
mod scoring;
pub mod shipped;
mod what_if;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use compare::{compare, Comparison, Mover, Transition};
pub use indicators::{Indicator, IndicatorInfo, Undefined};
#[cfg(test)]
pub(crate) use input::tests::huangyan_worked_example;
pub use input::{Cohort, EfficiencyFigures, EnterpriseInput, ExemptionReason, InputProblem};
pub use profile::{
    indicator_key, parse_indicator, ClassRule, CohortRules, EdgeCasePolicy, ItemRule, Method, MissingPolicy,
    NegativeTaxPolicy, PopulationRules, Profile, ProfileProblem,
};
pub use result::{
    Basis, Class, CohortCutoffs, EnterpriseResult, EvaluationRun, Grade, ItemScore, NotEvaluatedReason, Outcome,
};
pub use scoring::Score;
pub use what_if::{what_if, Published, WhatIf};

/// Why an evaluation could not run. Nothing is scored until both the profile and every
/// input row are usable, so a partial ranking is never published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum EvaluationError {
    #[error("profile {id} cannot be used: {}", join(problems))]
    InvalidProfile { id: String, problems: Vec<ProfileProblem> },
    #[error("{} input row(s) cannot be evaluated: {}", problems.len(), join(problems))]
    InvalidInput { problems: Vec<RowProblem> },
}

/// A problem in one input row (numbered from 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("row {row} ({id}): {field}: {problem}")]
pub struct RowProblem {
    pub row: usize,
    pub id: String,
    pub field: String,
    pub problem: String,
}

fn join<T: std::fmt::Display>(items: &[T]) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// Evaluates `enterprises` under `profile` as of `evaluation_date` (which decides the
/// years-producing and years-since-grant exemptions).
pub fn evaluate(
    profile: &Profile,
    enterprises: &[EnterpriseInput],
    evaluation_date: NaiveDate,
) -> Result<EvaluationRun, EvaluationError> {
    let problems = profile.problems();
    if !problems.is_empty() {
        return Err(EvaluationError::InvalidProfile { id: profile.id.clone(), problems });
    }
    check_inputs(enterprises)?;

    let units = merge_land_groups(enterprises);
    let mut outcomes: Vec<Option<Outcome>> =
        units.iter().map(|unit| population_outcome(profile, &unit.input, evaluation_date)).collect();
    let mut cutoffs = Vec::new();
    for rules in &profile.cohorts {
        let graded: Vec<usize> =
            (0..units.len()).filter(|&u| outcomes[u].is_none() && units[u].input.cohort == rules.cohort).collect();
        let members: Vec<&EnterpriseInput> = graded.iter().map(|&u| units[u].input.as_ref()).collect();
        let scores = scoring::score_cohort(profile, rules, &members);
        let totals: Vec<f64> = scores.iter().map(|score| score.total).collect();
        let ranked = classes::classify(&totals, profile.class_rule);
        for ((&unit, score), (rank, class)) in graded.iter().zip(scores).zip(ranked) {
            outcomes[unit] = Some(Outcome::Graded(Grade {
                total: score.total,
                items: score.items,
                bonus: score.bonus,
                deduction: score.deduction,
                rank,
                cohort_size: graded.len(),
                class,
            }));
        }
        let exempt = (0..units.len())
            .filter(|&u| units[u].input.cohort == rules.cohort && matches!(outcomes[u], Some(Outcome::Exempt { .. })))
            .count();
        cutoffs.push(cohort_cutoffs(rules.cohort, exempt, graded.iter().map(|&u| &outcomes[u])));
    }

    let mut results: Vec<Option<EnterpriseResult>> = Vec::with_capacity(enterprises.len());
    results.resize_with(enterprises.len(), || None);
    for (unit, outcome) in units.iter().zip(outcomes) {
        let outcome = outcome.unwrap_or(Outcome::NotEvaluated { reason: NotEvaluatedReason::NoRulesForCohort });
        let result = |member: usize, outcome: Outcome| EnterpriseResult {
            id: enterprises[member].id.clone(),
            name: enterprises[member].name.clone(),
            cohort: unit.input.cohort,
            merged_with: unit.members().filter(|&m| m != member).map(|m| enterprises[m].id.clone()).collect(),
            outcome,
        };
        // Members of a land group share copies of one outcome; the land holder takes the original.
        for &member in &unit.tenants {
            results[member] = Some(result(member, outcome.clone()));
        }
        results[unit.holder] = Some(result(unit.holder, outcome));
    }
    Ok(EvaluationRun {
        profile_id: profile.id.clone(),
        profile_name: profile.name.clone(),
        evaluation_date,
        results: results.into_iter().map(|r| r.expect("every enterprise belongs to a unit")).collect(),
        cutoffs,
    })
}

fn check_inputs(enterprises: &[EnterpriseInput]) -> Result<(), EvaluationError> {
    let mut problems = Vec::new();
    let mut seen = HashSet::with_capacity(enterprises.len());
    for (index, enterprise) in enterprises.iter().enumerate() {
        let row = index + 1;
        for problem in enterprise.problems() {
            problems.push(RowProblem {
                row,
                id: enterprise.id.clone(),
                field: problem.field.into(),
                problem: problem.problem,
            });
        }
        if !seen.insert(enterprise.id.as_str()) {
            problems.push(RowProblem {
                row,
                id: enterprise.id.clone(),
                field: "id".into(),
                problem: "appears more than once; each enterprise needs its own id".into(),
            });
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(EvaluationError::InvalidInput { problems })
    }
}

/// The enterprises evaluated as one: a single enterprise, or all on one land group.
struct Unit<'a> {
    /// The first listed member, whose land and status stand for the group.
    holder: usize,
    /// The other members; empty (and unallocated) for a lone enterprise.
    tenants: Vec<usize>,
    input: Cow<'a, EnterpriseInput>,
}

impl Unit<'_> {
    fn members(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.holder).chain(self.tenants.iter().copied())
    }
}

/// Enterprises sharing a parcel are evaluated as one and share the result (spec §1.1).
/// The first listed member is taken as the land holder: its cohort, land area and
/// exemption data stand for the group; amounts are summed over members that reported them.
fn merge_land_groups(enterprises: &[EnterpriseInput]) -> Vec<Unit<'_>> {
    let mut units: Vec<Unit> = Vec::with_capacity(enterprises.len());
    let mut group_unit: HashMap<&str, usize> = HashMap::new();
    for (index, enterprise) in enterprises.iter().enumerate() {
        let Some(group) = enterprise.figures.land_group.as_deref() else {
            units.push(Unit { holder: index, tenants: Vec::new(), input: Cow::Borrowed(enterprise) });
            continue;
        };
        match group_unit.get(group) {
            None => {
                group_unit.insert(group, units.len());
                units.push(Unit { holder: index, tenants: Vec::new(), input: Cow::Borrowed(enterprise) });
            }
            Some(&unit) => {
                let merged = units[unit].input.to_mut();
                add_figures(&mut merged.figures, &enterprise.figures);
                units[unit].tenants.push(index);
            }
        }
    }
    units
}

fn add_figures(holder: &mut EfficiencyFigures, tenant: &EfficiencyFigures) {
    let add = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
    };
    holder.tax_wan_yuan = add(holder.tax_wan_yuan, tenant.tax_wan_yuan);
    holder.value_added_wan_yuan = add(holder.value_added_wan_yuan, tenant.value_added_wan_yuan);
    holder.revenue_wan_yuan = add(holder.revenue_wan_yuan, tenant.revenue_wan_yuan);
    holder.main_business_revenue_wan_yuan =
        add(holder.main_business_revenue_wan_yuan, tenant.main_business_revenue_wan_yuan);
    holder.energy_tce = add(holder.energy_tce, tenant.energy_tce);
    holder.emissions_t = add(holder.emissions_t, tenant.emissions_t);
    holder.water_t = add(holder.water_t, tenant.water_t);
    holder.electricity_kwh = add(holder.electricity_kwh, tenant.electricity_kwh);
    holder.average_staff = add(holder.average_staff, tenant.average_staff);
    holder.rd_wan_yuan = add(holder.rd_wan_yuan, tenant.rd_wan_yuan);
    holder.bonus += tenant.bonus;
    holder.deduction += tenant.deduction;
}

/// `Some` when the enterprise is not graded: class T, or outside the population.
fn population_outcome(profile: &Profile, input: &EnterpriseInput, date: NaiveDate) -> Option<Outcome> {
    let rules = &profile.population;
    let years_since = |start: NaiveDate| date.years_since(start).unwrap_or(0);
    let exemption = input.figures.exemption.or_else(|| {
        let new_producer =
            input.figures.production_start.is_some_and(|start| years_since(start) < rules.min_years_producing);
        let recent_grant = input.figures.under_construction
            && input
                .figures
                .land_granted
                .is_some_and(|granted| years_since(granted) < rules.min_years_since_grant_while_building);
        if new_producer {
            Some(ExemptionReason::RecentlyStartedProduction)
        } else if recent_grant {
            Some(ExemptionReason::RecentlyGrantedUnderConstruction)
        } else {
            None
        }
    });
    if let Some(reason) = exemption {
        return Some(Outcome::Exempt { reason });
    }
    if input.cohort == Cohort::BelowScale && input.figures.land_area_mu < rules.below_scale_min_land_mu {
        return Some(Outcome::NotEvaluated {
            reason: NotEvaluatedReason::BelowScaleLandUnderMinimum {
                land_area_mu: input.figures.land_area_mu,
                minimum_mu: rules.below_scale_min_land_mu,
            },
        });
    }
    if profile.cohort(input.cohort).is_none() {
        return Some(Outcome::NotEvaluated { reason: NotEvaluatedReason::NoRulesForCohort });
    }
    None
}

fn cohort_cutoffs<'a>(
    cohort: Cohort,
    exempt: usize,
    outcomes: impl Iterator<Item = &'a Option<Outcome>>,
) -> CohortCutoffs {
    let mut cutoffs =
        CohortCutoffs { cohort, graded: 0, exempt, a_min: None, b_min: None, c_min: None, counts: [0; 4] };
    for outcome in outcomes {
        let Some(Outcome::Graded(grade)) = outcome else { continue };
        cutoffs.graded += 1;
        let (slot, count) = match grade.class {
            Class::A => (Some(&mut cutoffs.a_min), 0),
            Class::B => (Some(&mut cutoffs.b_min), 1),
            Class::C => (Some(&mut cutoffs.c_min), 2),
            Class::D | Class::T => (None, 3),
        };
        cutoffs.counts[count] += 1;
        if let Some(min) = slot {
            *min = Some(min.map_or(grade.total, |m: f64| m.min(grade.total)));
        }
    }
    cutoffs
}

#[cfg(test)]
mod tests;
