//! Two evaluations of the same enterprises side by side (the officials' what-if): how
//! many moved from each class to each other class, and who moved, with the score before
//! and after. The runs may use different profiles; enterprises are matched by id.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::result::{Class, EvaluationRun};

/// One enterprise whose class differs between the two runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mover {
    pub id: String,
    pub name: String,
    /// `None`: not evaluated (or absent) in that run.
    pub before: Option<Class>,
    pub after: Option<Class>,
    pub score_before: Option<f64>,
    pub score_after: Option<f64>,
}

/// How many enterprises went from class `from` to class `to` (equal for those that stayed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub from: Option<Class>,
    pub to: Option<Class>,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Comparison {
    /// Every (from, to) pair that occurs, stayers included, in class order; the counts
    /// sum to the enterprises of the union of both runs.
    pub transitions: Vec<Transition>,
    /// The enterprises whose class changed, in the order of the first run (then any only in the second).
    pub movers: Vec<Mover>,
}

impl Comparison {
    /// How many enterprises changed class.
    pub fn moved(&self) -> usize {
        self.movers.len()
    }

    /// How many enterprises were compared.
    pub fn compared(&self) -> usize {
        self.transitions.iter().map(|t| t.count).sum()
    }

    /// How many went from `from` to `to`.
    pub fn count(&self, from: Option<Class>, to: Option<Class>) -> usize {
        self.transitions.iter().find(|t| t.from == from && t.to == to).map_or(0, |t| t.count)
    }
}

/// Compares `before` with `after`, matching enterprises by id.
pub fn compare(before: &EvaluationRun, after: &EvaluationRun) -> Comparison {
    // A what-if reruns the same enterprises in the same order: then each is matched by its
    // place, without hashing every id (a city holds 20,000 of them).
    let same_order = before.results.len() == after.results.len()
        && before.results.iter().zip(&after.results).all(|(old, new)| old.id == new.id);
    let after_index: HashMap<&str, usize> = match same_order {
        true => HashMap::new(),
        false => after.results.iter().enumerate().map(|(i, result)| (result.id.as_str(), i)).collect(),
    };
    let mut counts: HashMap<(Option<Class>, Option<Class>), usize> = HashMap::new();
    let mut movers = Vec::new();
    let mut matched = vec![false; after.results.len()];
    for (position, old) in before.results.iter().enumerate() {
        let found = if same_order { Some(position) } else { after_index.get(old.id.as_str()).copied() };
        let new = found.map(|i| {
            matched[i] = true;
            &after.results[i]
        });
        let (from, to) = (old.class(), new.and_then(|n| n.class()));
        *counts.entry((from, to)).or_default() += 1;
        if from != to {
            movers.push(Mover {
                id: old.id.clone(),
                name: old.name.clone(),
                before: from,
                after: to,
                score_before: old.total(),
                score_after: new.and_then(|n| n.total()),
            });
        }
    }
    for (new, _) in after.results.iter().zip(&matched).filter(|(_, matched)| !**matched) {
        let to = new.class();
        *counts.entry((None, to)).or_default() += 1;
        if to.is_some() {
            movers.push(Mover {
                id: new.id.clone(),
                name: new.name.clone(),
                before: None,
                after: to,
                score_before: None,
                score_after: new.total(),
            });
        }
    }
    let mut transitions: Vec<Transition> =
        counts.into_iter().map(|((from, to), count)| Transition { from, to, count }).collect();
    transitions.sort_by_key(|t| (t.from, t.to));
    Comparison { transitions, movers }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;
    use crate::efficiency::input::tests::huangyan_worked_example;
    use crate::efficiency::{evaluate, shipped, ClassRule, EnterpriseInput, Profile};

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, 3, 31).unwrap()
    }

    fn enterprise(id: usize, tax: f64) -> EnterpriseInput {
        EnterpriseInput {
            id: id.to_string(),
            name: format!("企业{id}"),
            ..huangyan_worked_example().with(|f| f.tax_wan_yuan = Some(tax))
        }
    }

    fn thresholds(a_min: f64, b_min: f64, c_min: f64) -> Profile {
        let mut profile = shipped::profile("huangyan-2022").unwrap();
        profile.class_rule = ClassRule::ScoreThresholds { a_min, b_min, c_min };
        profile
    }

    #[test]
    fn raising_the_a_threshold_moves_the_enterprises_between_the_old_and_new_cut_off() {
        // Taxes 100..=1000 give totals that rise with tax; the worked example (tax 600) totals 94.99.
        let inputs: Vec<EnterpriseInput> = (1..=10).map(|i| enterprise(i, 100.0 * i as f64)).collect();
        let before = evaluate(&thresholds(80.0, 60.0, 40.0), &inputs, date()).unwrap();
        let after = evaluate(&thresholds(100.0, 60.0, 40.0), &inputs, date()).unwrap();
        let totals: Vec<f64> = before.results.iter().map(|r| r.total().unwrap()).collect();
        let expected: Vec<&str> = before
            .results
            .iter()
            .zip(&totals)
            .filter(|(_, &t)| (80.0..100.0).contains(&t))
            .map(|(r, _)| r.id.as_str())
            .collect();
        let comparison = compare(&before, &after);
        let moved: Vec<&str> = comparison.movers.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(moved, expected);
        assert_eq!(comparison.count(Some(Class::A), Some(Class::B)), expected.len());
        assert_eq!(comparison.compared(), 10);
        let first = &comparison.movers[0];
        assert_eq!((first.before, first.after), (Some(Class::A), Some(Class::B)));
        assert_eq!(first.score_before, first.score_after, "only the class rule changed");
    }

    #[test]
    fn worked_example_moves_from_a_to_b_when_a_needs_95() {
        let inputs = [huangyan_worked_example()];
        let before = evaluate(&thresholds(90.0, 60.0, 40.0), &inputs, date()).unwrap();
        let after = evaluate(&thresholds(95.0, 60.0, 40.0), &inputs, date()).unwrap();
        let comparison = compare(&before, &after);
        assert_eq!(comparison.transitions, vec![Transition { from: Some(Class::A), to: Some(Class::B), count: 1 }]);
        assert_eq!(format!("{:.2}", comparison.movers[0].score_after.unwrap()), "94.99");
    }

    #[test]
    fn enterprises_in_one_run_only_count_as_unevaluated_in_the_other() {
        let profile = thresholds(80.0, 60.0, 40.0);
        let before = evaluate(&profile, &[enterprise(1, 600.0), enterprise(2, 600.0)], date()).unwrap();
        let after = evaluate(&profile, &[enterprise(2, 600.0), enterprise(3, 600.0)], date()).unwrap();
        let comparison = compare(&before, &after);
        assert_eq!(comparison.compared(), 3);
        assert_eq!(comparison.count(Some(Class::A), None), 1);
        assert_eq!(comparison.count(None, Some(Class::A)), 1);
        assert_eq!(comparison.count(Some(Class::A), Some(Class::A)), 1);
        let moved: Vec<&str> = comparison.movers.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(moved, ["1", "3"]);
    }

    proptest! {
        #[test]
        fn a_run_compared_with_itself_moves_nobody(taxes in proptest::collection::vec(-100.0f64..5_000.0, 0..30)) {
            let inputs: Vec<EnterpriseInput> = taxes.iter().enumerate().map(|(i, &t)| enterprise(i, t)).collect();
            let run = evaluate(&shipped::profile("huangyan-2022").unwrap(), &inputs, date()).unwrap();
            let comparison = compare(&run, &run);
            prop_assert!(comparison.movers.is_empty());
            prop_assert_eq!(comparison.compared(), inputs.len());
            prop_assert!(comparison.transitions.iter().all(|t| t.from == t.to));
        }

        #[test]
        fn counts_sum_to_the_enterprises_and_movers_are_the_off_diagonal(
            taxes in proptest::collection::vec(0.0f64..5_000.0, 1..30), weight in 1.0f64..40.0, a in 0.05f64..0.5,
        ) {
            let inputs: Vec<EnterpriseInput> = taxes.iter().enumerate().map(|(i, &t)| enterprise(i, t)).collect();
            let before_profile = shipped::profile("huangyan-2022").unwrap();
            let mut after_profile = before_profile.clone();
            let items = &mut after_profile.cohorts[0].items;
            let shift = weight - items[0].weight;
            items[0].weight = weight;
            items[1].weight -= shift;
            prop_assume!(items[1].weight > 0.0);
            after_profile.class_rule = ClassRule::Percentile { a, b: 0.6, c: 0.9 };
            let before = evaluate(&before_profile, &inputs, date()).unwrap();
            let after = evaluate(&after_profile, &inputs, date()).unwrap();
            let comparison = compare(&before, &after);
            prop_assert_eq!(comparison.compared(), inputs.len());
            let off_diagonal: usize = comparison.transitions.iter().filter(|t| t.from != t.to).map(|t| t.count).sum();
            prop_assert_eq!(off_diagonal, comparison.moved());
        }
    }
}
