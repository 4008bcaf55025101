//! The officials' what-if bench: a year's figures evaluated in the browser by core, the
//! run as the chosen profile gives it (the baseline), the run as edited, and who changed
//! class since the last edit and since the baseline.

use chrono::NaiveDate;
use parkatlas_core::efficiency::{
    compare, evaluate, Comparison, EnterpriseInput, EvaluationError, EvaluationRun, Profile,
};
use parkatlas_core::wire::{ClassCounts, EvaluationInputRecord};

/// The name of the User Timing measure around one re-evaluation (benchmarks/what-if.md).
pub const MEASURE: &str = "parkatlas:what-if";

#[derive(Debug, Clone, PartialEq)]
pub struct Workbench {
    pub records: Vec<EvaluationInputRecord>,
    inputs: Vec<EnterpriseInput>,
    pub date: NaiveDate,
    /// The run under the profile as chosen, before any edit.
    pub baseline: EvaluationRun,
    /// The profile of the current run.
    pub profile: Profile,
    /// The run under the profile as edited now.
    pub current: EvaluationRun,
    /// Who changed class with the last edit.
    pub since_edit: Comparison,
    /// Who changed class since the baseline.
    pub since_baseline: Comparison,
}

impl Workbench {
    /// Evaluates `records` under `profile` as of `date`.
    pub fn new(
        records: Vec<EvaluationInputRecord>,
        profile: &Profile,
        date: NaiveDate,
    ) -> Result<Self, EvaluationError> {
        let inputs: Vec<EnterpriseInput> = records.iter().map(|record| record.input.clone()).collect();
        let baseline = evaluate(profile, &inputs, date)?;
        Ok(Workbench {
            records,
            inputs,
            date,
            profile: profile.clone(),
            current: baseline.clone(),
            baseline,
            since_edit: Comparison::default(),
            since_baseline: Comparison::default(),
        })
    }

    /// Re-evaluates and reclassifies every enterprise under the edited `profile`, and
    /// compares the new run with the one before the edit and with the baseline.
    /// Nothing happens when `profile` is the current run's.
    pub fn apply(&mut self, profile: &Profile) -> Result<(), EvaluationError> {
        self.apply_timed(profile, &mut |_, work| work())
    }

    /// [`Workbench::apply`], with its two steps (`"evaluate"`, `"compare"`) run through
    /// `time`, which the page uses to put a User Timing measure around each.
    pub fn apply_timed(
        &mut self,
        profile: &Profile,
        time: &mut dyn FnMut(&str, &mut dyn FnMut()),
    ) -> Result<(), EvaluationError> {
        if *profile == self.profile {
            return Ok(());
        }
        let mut evaluated = None;
        time("evaluate", &mut || evaluated = Some(evaluate(profile, &self.inputs, self.date)));
        let run = evaluated.expect("the step ran")?;
        time("compare", &mut || {
            self.since_edit = compare(&self.current, &run);
            self.since_baseline = compare(&self.baseline, &run);
        });
        self.current = run;
        self.profile = profile.clone();
        Ok(())
    }

    /// Another profile over the same enterprises, beside the current run: its class
    /// counts and who would be in another class under it.
    pub fn versus(&self, other: &Profile) -> Result<(ClassCounts, Comparison), EvaluationError> {
        let run = evaluate(other, &self.inputs, self.date)?;
        Ok((ClassCounts::of(&run), compare(&self.current, &run)))
    }

    pub fn counts(&self) -> ClassCounts {
        ClassCounts::of(&self.current)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use parkatlas_core::efficiency::{shipped, Class, Cohort, EfficiencyFigures};

    use super::*;
    use crate::pages::runs::draft::{Draft, Target};

    /// Ten 规上 enterprises whose tax per 亩 rises with their number.
    pub(crate) fn records() -> Vec<EvaluationInputRecord> {
        (1..=10)
            .map(|n| {
                let figures: EfficiencyFigures = serde_json::from_value(serde_json::json!({
                    "land_area_mu": 20.0, "tax_wan_yuan": 100.0 * n as f64, "value_added_wan_yuan": 2000.0 + 600.0 * (10 - n) as f64,
                    "energy_tce": 800.0, "emissions_t": 1.0, "average_staff": 100.0,
                    "rd_wan_yuan": 30.0, "main_business_revenue_wan_yuan": 1000.0
                }))
                .unwrap();
                EvaluationInputRecord {
                    enterprise_id: n,
                    park_id: 1,
                    credit_code: format!("9142010000000000{n:02}"),
                    input: EnterpriseInput { id: n.to_string(), name: format!("示例企业{n}"), cohort: Cohort::AboveScale, figures },
                }
            })
            .collect()
    }

    pub(crate) fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
    }

    fn class_members(run: &EvaluationRun, class: Class) -> Vec<&str> {
        run.results.iter().filter(|r| r.class() == Some(class)).map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn moving_weight_from_value_added_to_tax_turns_the_ranking_round() {
        // Value added falls faster with n than tax rises, so Huangyan's weights favour 1 and 2;
        // with tax at 60 points tax decides, and 9 and 10 lead.
        let mut draft = Draft::new(shipped::profile("huangyan-2022").unwrap());
        let mut bench = Workbench::new(records(), &draft.profile, date()).unwrap();
        // Percentile 20/60/95 of ten: A 2, B 4, C 4 (round(9.5) = 10, so no D).
        let counts = bench.counts();
        assert_eq!((counts.a, counts.b, counts.c, counts.d), (2, 4, 4, 0));
        assert_eq!(class_members(&bench.current, Class::A), ["1", "2"]);
        draft.set(Target::Weight(0, 0), "60");
        draft.set(Target::Weight(0, 1), "5");
        assert!(draft.usable().is_none(), "weights sum to 115");
        draft.set(Target::Weight(0, 2), "5");
        bench.apply(draft.usable().expect("weights sum to 100 again")).unwrap();
        assert_eq!(class_members(&bench.current, Class::A), ["9", "10"]);
        let into_a: Vec<&str> =
            bench.since_edit.movers.iter().filter(|m| m.after == Some(Class::A)).map(|m| m.id.as_str()).collect();
        assert_eq!(into_a, ["9", "10"]);
        assert_eq!(bench.since_edit.count(Some(Class::A), Some(Class::C)), 2, "1 and 2 fall from A to C");
        assert_eq!(bench.since_edit, bench.since_baseline, "one edit: the last edit is all since the baseline");
    }

    #[test]
    fn an_edit_undone_moves_nobody_since_the_baseline() {
        let profile = shipped::profile("huangyan-2022").unwrap();
        let mut bench = Workbench::new(records(), &profile, date()).unwrap();
        let mut edited = profile.clone();
        edited.cohorts[0].items[0].benchmark = Some(1.0);
        bench.apply(&edited).unwrap();
        bench.apply(&profile).unwrap();
        assert_eq!(bench.since_baseline.moved(), 0);
        assert_eq!(
            bench.since_edit.moved(),
            bench.since_edit.compared()
                - bench.since_edit.transitions.iter().filter(|t| t.from == t.to).map(|t| t.count).sum::<usize>()
        );
    }

    #[test]
    fn another_profile_is_counted_beside_the_current_run() {
        let profile = shipped::profile("huangyan-2022").unwrap();
        let bench = Workbench::new(records(), &profile, date()).unwrap();
        let (counts, comparison) = bench.versus(&profile).unwrap();
        assert_eq!(counts, bench.counts());
        assert_eq!(comparison.moved(), 0);
        let mut stricter = profile.clone();
        stricter.class_rule = parkatlas_core::efficiency::ClassRule::Percentile { a: 0.1, b: 0.6, c: 0.95 };
        let (counts, comparison) = bench.versus(&stricter).unwrap();
        assert_eq!(counts.a, 1);
        assert_eq!(comparison.count(Some(Class::A), Some(Class::B)), 1);
    }
}
