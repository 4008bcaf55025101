//! What-if for one enterprise: its score and class under a published run had its figures
//! been different. The enterprise knows its own figures, the run's profile and published
//! cut-offs, and its own published result, never other enterprises' figures (spec §1.4),
//! so each item is scored from these: the same [`ItemScorer`] as the run, with the cohort's
//! range and average taken from the enterprise's own published items.

use chrono::NaiveDate;

use super::classes::class_against;
use super::indicators::Indicator;
use super::input::{EnterpriseInput, ExemptionReason};
use super::profile::{MissingPolicy, Profile};
use super::result::{Basis, Class, CohortCutoffs, EnterpriseResult, ItemScore, NotEvaluatedReason, Outcome};
use super::scoring::{ItemScorer, Score};
use super::{check_inputs, population_outcome, EvaluationError};

/// One enterprise's result had its figures been `input`'s.
#[derive(Debug, Clone, PartialEq)]
pub enum WhatIf {
    Graded {
        score: Score,
        /// The class the total reaches against the run's published cut-offs (or the
        /// profile's thresholds); `None` when the cohort published none.
        class: Option<Class>,
        /// Items that depend on other enterprises' figures the run did not publish to this
        /// enterprise (a min–max range withheld, or a cohort average its own result does
        /// not show): they keep their published score, or 0 without one.
        held: Vec<Indicator>,
    },
    /// Class T, 不适合评价.
    Exempt {
        reason: ExemptionReason,
    },
    NotEvaluated {
        reason: NotEvaluatedReason,
    },
}

impl WhatIf {
    /// A/B/C/D when graded and placed, T when exempt.
    pub fn class(&self) -> Option<Class> {
        match self {
            WhatIf::Graded { class, .. } => *class,
            WhatIf::Exempt { .. } => Some(Class::T),
            WhatIf::NotEvaluated { .. } => None,
        }
    }

    pub fn total(&self) -> Option<f64> {
        match self {
            WhatIf::Graded { score, .. } => Some(score.total),
            _ => None,
        }
    }
}

/// What a run published that a what-if reads: its rules, date and cut-offs, and the
/// enterprise's own result when the run graded it.
#[derive(Debug, Clone, Copy)]
pub struct Published<'a> {
    pub profile: &'a Profile,
    pub evaluation_date: NaiveDate,
    pub cutoffs: &'a [CohortCutoffs],
    pub own: Option<&'a EnterpriseResult>,
}

/// Scores `input` as the run of `published` would have, and places the total against the
/// run's cut-offs. With the figures the run used, this is the run's own total and class.
/// An enterprise sharing a parcel (a land group) is scored on its own figures here, where
/// the run merged the group's.
pub fn what_if(published: Published<'_>, input: &EnterpriseInput) -> Result<WhatIf, EvaluationError> {
    let profile = published.profile;
    let problems = profile.problems();
    if !problems.is_empty() {
        return Err(EvaluationError::InvalidProfile { id: profile.id.clone(), problems });
    }
    check_inputs(std::slice::from_ref(input))?;
    match population_outcome(profile, input, published.evaluation_date) {
        Some(Outcome::Exempt { reason }) => return Ok(WhatIf::Exempt { reason }),
        Some(Outcome::NotEvaluated { reason }) => return Ok(WhatIf::NotEvaluated { reason }),
        Some(Outcome::Graded(_)) | None => {}
    }
    let rules = profile.cohort(input.cohort).expect("the population rules leave out cohorts without rules");
    let own_items: &[ItemScore] = match published.own.map(|own| &own.outcome) {
        Some(Outcome::Graded(grade)) => &grade.items,
        _ => &[],
    };
    let mut held = Vec::new();
    let items = rules
        .items
        .iter()
        .map(|rule| {
            let scorer = ItemScorer::new(profile, rule);
            let own = own_items.iter().find(|item| item.indicator == scorer.indicator);
            let value = scorer.indicator.value(input);
            let scored = match value {
                Ok(value) => scorer.formula(
                    value,
                    published_range(own).and_then(|(min, max)| {
                        // The cohort's range, widened to this value if it now lies outside.
                        scorer.range([min, max, value].into_iter())
                    }),
                ),
                Err(why) => scorer.filled(why, published_average(own)),
            };
            match scored {
                Some((score, basis)) => scorer.item(value, score, basis),
                None => {
                    held.push(scorer.indicator);
                    own.cloned().unwrap_or_else(|| scorer.withheld(value))
                }
            }
        })
        .collect();
    let score = Score::of(profile, &input.figures, items);
    let cutoffs = published.cutoffs.iter().find(|cutoffs| cutoffs.cohort == input.cohort);
    let class = class_against(profile.class_rule, cutoffs, score.total);
    Ok(WhatIf::Graded { score, class, held })
}

/// The cohort's min–max range as the enterprise's own item shows it; withheld ranges
/// read 0 to 0 and tell nothing.
fn published_range(own: Option<&ItemScore>) -> Option<(f64, f64)> {
    match own?.basis {
        Basis::MinMax { min, max, .. } if (min, max) != (0.0, 0.0) => Some((min, max)),
        _ => None,
    }
}

/// The cohort's average item score, which the enterprise's own item scored when its value
/// was missing under the cohort-average policy.
fn published_average(own: Option<&ItemScore>) -> Option<f64> {
    let own = own?;
    matches!(own.basis, Basis::Filled { policy: MissingPolicy::CohortAverage, .. }).then_some(own.score)
}

#[cfg(test)]
mod tests {
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    use super::*;
    use crate::efficiency::input::tests::huangyan_worked_example;
    use crate::efficiency::{evaluate, shipped, EvaluationRun, Method};

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, 3, 31).unwrap()
    }

    fn huangyan() -> Profile {
        shipped::profile("huangyan-2022").unwrap()
    }

    /// A cohort of `taxes.len()` enterprises around the spec's worked example.
    fn cohort(taxes: &[f64]) -> Vec<EnterpriseInput> {
        taxes
            .iter()
            .enumerate()
            .map(|(i, &tax)| EnterpriseInput {
                id: format!("E{i}"),
                ..huangyan_worked_example().with(|f| {
                    f.tax_wan_yuan = Some(tax);
                    f.value_added_wan_yuan = Some(1000.0 + 300.0 * i as f64);
                })
            })
            .collect()
    }

    fn published<'a>(profile: &'a Profile, run: &'a EvaluationRun, member: usize) -> Published<'a> {
        Published {
            profile,
            evaluation_date: run.evaluation_date,
            cutoffs: &run.cutoffs,
            own: Some(&run.results[member]),
        }
    }

    /// Each member's what-if on its own figures against its own published result.
    fn replayed(profile: &Profile, inputs: &[EnterpriseInput]) -> Vec<(EnterpriseResult, WhatIf)> {
        let run = evaluate(profile, inputs, date()).unwrap();
        (0..inputs.len())
            .map(|m| (run.results[m].clone(), what_if(published(profile, &run, m), &inputs[m]).unwrap()))
            .collect()
    }

    #[test]
    fn the_run_s_own_figures_give_the_run_s_total_and_class() {
        let inputs = cohort(&[100.0, 300.0, 600.0, 900.0, 1200.0, 50.0, 700.0, 650.0, 20.0, 400.0]);
        for (result, replay) in replayed(&huangyan(), &inputs) {
            assert_relative_eq!(replay.total().unwrap(), result.total().unwrap(), max_relative = 1e-12);
            assert_eq!(replay.class(), result.class(), "{}", result.id);
        }
    }

    #[test]
    fn more_tax_moves_the_score_and_the_class_up() {
        let profile = huangyan();
        let inputs = cohort(&[100.0, 300.0, 600.0, 900.0, 1200.0]);
        let run = evaluate(&profile, &inputs, date()).unwrap();
        assert_eq!(run.results[0].class(), Some(Class::C));
        let richer = inputs[0].clone().with(|f| f.tax_wan_yuan = Some(2000.0));
        let moved = what_if(published(&profile, &run, 0), &richer).unwrap();
        assert!(moved.total().unwrap() > run.results[0].total().unwrap());
        assert_eq!(moved.class(), Some(Class::A));
    }

    #[test]
    fn a_missing_figure_scores_the_published_cohort_average_or_is_held() {
        let profile = huangyan();
        let mut inputs = cohort(&[100.0, 300.0, 600.0]);
        inputs[2].figures.emissions_t = None;
        let run = evaluate(&profile, &inputs, date()).unwrap();
        let emissions = |w: &WhatIf| match w {
            WhatIf::Graded { score, held, .. } => (score.items[3].score, held.clone()),
            other => panic!("not graded: {other:?}"),
        };
        // Its own result shows the cohort's average for emissions: the what-if reuses it.
        let replay = what_if(published(&profile, &run, 2), &inputs[2].clone().with(|f| f.tax_wan_yuan = Some(1.0)));
        let Outcome::Graded(grade) = &run.results[2].outcome else { panic!("graded") };
        assert_eq!(emissions(&replay.unwrap()), (grade.items[3].score, vec![]));
        // Its own result scored its own emissions: the average is not published to it.
        let silent = inputs[0].clone().with(|f| f.emissions_t = None);
        let Outcome::Graded(grade) = &run.results[0].outcome else { panic!("graded") };
        let held = what_if(published(&profile, &run, 0), &silent).unwrap();
        assert_eq!(emissions(&held), (grade.items[3].score, vec![Indicator::ValueAddedPerEmission]));
    }

    #[test]
    fn min_max_items_use_the_published_range_and_are_held_when_it_is_withheld() {
        let mut profile = huangyan();
        profile.method = Method::MinMax { floor_share: 0.2 };
        let inputs = cohort(&[100.0, 300.0, 600.0]);
        for (result, replay) in replayed(&profile, &inputs) {
            assert_relative_eq!(replay.total().unwrap(), result.total().unwrap(), max_relative = 1e-12);
        }
        let run = evaluate(&profile, &inputs, date()).unwrap();
        let mut withheld = run.results[1].clone();
        if let Outcome::Graded(grade) = &mut withheld.outcome {
            for item in &mut grade.items {
                item.basis = Basis::MinMax { min: 0.0, max: 0.0, floor_share: 0.2 };
            }
        }
        let changed = inputs[1].clone().with(|f| f.tax_wan_yuan = Some(5000.0));
        let run_view = Published { own: Some(&withheld), ..published(&profile, &run, 1) };
        let WhatIf::Graded { score, held, .. } = what_if(run_view, &changed).unwrap() else { panic!("graded") };
        assert_eq!(held.len(), 6, "every item needs the withheld range");
        assert_relative_eq!(score.total, run.results[1].total().unwrap(), max_relative = 1e-12);
    }

    #[test]
    fn exemptions_and_the_population_rules_apply_as_in_a_run() {
        let profile = huangyan();
        let inputs = cohort(&[100.0, 300.0]);
        let run = evaluate(&profile, &inputs, date()).unwrap();
        let relocated = inputs[0].clone().with(|f| f.exemption = Some(ExemptionReason::PolicyRelocation));
        let outcome = what_if(published(&profile, &run, 0), &relocated).unwrap();
        assert_eq!(outcome, WhatIf::Exempt { reason: ExemptionReason::PolicyRelocation });
        assert_eq!(outcome.class(), Some(Class::T));
        let broken = inputs[0].clone().with(|f| f.land_area_mu = -3.0);
        assert!(matches!(what_if(published(&profile, &run, 0), &broken), Err(EvaluationError::InvalidInput { .. })));
    }

    proptest! {
        #[test]
        fn every_member_replays_its_own_result(
            taxes in proptest::collection::vec(-50.0f64..3000.0, 1..40),
            silent in proptest::collection::vec(any::<bool>(), 40),
        ) {
            let mut inputs = cohort(&taxes);
            for (input, &silent) in inputs.iter_mut().zip(&silent) {
                if silent {
                    input.figures.emissions_t = None;
                }
            }
            for (result, replay) in replayed(&huangyan(), &inputs) {
                prop_assert!((replay.total().unwrap() - result.total().unwrap()).abs() < 1e-9);
                prop_assert_eq!(replay.class(), result.class());
            }
        }
    }
}
