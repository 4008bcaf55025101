//! A scoring profile being edited on the runs page: every value as typed, the profile it
//! makes, and every problem at once beside the field it belongs to (core's
//! `Profile::problems`, placed by `wire::problem_field`, and numbers that do not parse).

use std::collections::BTreeMap;

use parkatlas_core::efficiency::{ClassRule, Method, MissingPolicy, Profile, ProfileProblem};
use parkatlas_core::wire::problem_field;

/// One editable value of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// Cohort index, item index.
    Weight(usize, usize),
    Benchmark(usize, usize),
    Cap(usize, usize),
    Missing(usize, usize),
    /// The class rule's three cut-offs: A, B, C (shares or minimum scores).
    Cut(usize),
    FloorShare,
}

impl Target {
    /// The field's path in the profile's JSON, as the server's 422 and `problem_field` name it.
    pub fn path(self) -> String {
        match self {
            Target::Weight(c, i) => format!("cohorts[{c}].items[{i}].weight"),
            Target::Benchmark(c, i) => format!("cohorts[{c}].items[{i}].benchmark"),
            Target::Cap(c, i) => format!("cohorts[{c}].items[{i}].cap_multiple"),
            Target::Missing(c, i) => format!("cohorts[{c}].items[{i}].missing"),
            Target::Cut(_) => "class_rule".into(),
            Target::FloorShare => "method.floor_share".into(),
        }
    }
}

/// Why a typed value was not taken.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The text is not a number.
    NotANumber(String),
    /// The rule data is wrong (core's own check).
    Rule(ProfileProblem),
}

/// A profile with the officer's edits.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The profile as chosen, before any edit: what "reset" returns to.
    pub original: Profile,
    /// The profile as edited, with every value that parsed.
    pub profile: Profile,
    /// The text of each edited number, as typed (kept so that "30." stays on screen).
    typed: BTreeMap<Target, String>,
}

impl Draft {
    pub fn new(profile: Profile) -> Draft {
        Draft { original: profile.clone(), profile, typed: BTreeMap::new() }
    }

    /// True when nothing differs from the profile as chosen.
    pub fn is_unchanged(&self) -> bool {
        self.profile == self.original && self.typed.values().all(|text| text.trim().parse::<f64>().is_ok())
    }

    /// The text a field shows: as typed, or the profile's value.
    pub fn text(&self, target: Target) -> String {
        if let Some(text) = self.typed.get(&target) {
            return text.clone();
        }
        let show = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
        match target {
            Target::Weight(c, i) => show(self.item(c, i).map(|item| item.weight)),
            Target::Benchmark(c, i) => show(self.item(c, i).and_then(|item| item.benchmark)),
            Target::Cap(c, i) => show(self.item(c, i).and_then(|item| item.cap_multiple)),
            Target::Missing(c, i) => match self.item(c, i).map(|item| item.missing) {
                Some(MissingPolicy::CohortAverage) => "cohort_average".into(),
                _ => "zero".into(),
            },
            Target::Cut(n) => show(Some(cuts(self.profile.class_rule)[n.min(2)])),
            Target::FloorShare => match self.profile.method {
                Method::MinMax { floor_share } => floor_share.to_string(),
                _ => String::new(),
            },
        }
    }

    fn item(&self, c: usize, i: usize) -> Option<&parkatlas_core::efficiency::ItemRule> {
        self.profile.cohorts.get(c)?.items.get(i)
    }

    /// Takes `text` for `target`: the profile changes when it parses (an empty benchmark or
    /// cap means none); otherwise the text is kept with its problem and the profile stays.
    pub fn set(&mut self, target: Target, text: &str) {
        let number = text.trim().parse::<f64>().ok();
        let optional = if text.trim().is_empty() { Some(None) } else { number.map(Some) };
        match target {
            Target::Missing(c, i) => {
                let policy = if text == "cohort_average" { MissingPolicy::CohortAverage } else { MissingPolicy::Zero };
                if let Some(item) = self.item_mut(c, i) {
                    item.missing = policy;
                }
                return;
            }
            Target::Weight(c, i) => {
                if let (Some(item), Some(weight)) = (self.item_mut(c, i), number) {
                    item.weight = weight;
                }
            }
            Target::Benchmark(c, i) => {
                if let (Some(item), Some(benchmark)) = (self.item_mut(c, i), optional) {
                    item.benchmark = benchmark;
                    // The official set this value: it is theirs now, not an unconfirmed default.
                    item.benchmark_unconfirmed = false;
                }
            }
            Target::Cap(c, i) => {
                if let (Some(item), Some(cap)) = (self.item_mut(c, i), optional) {
                    item.cap_multiple = cap;
                }
            }
            Target::Cut(n) => {
                if let Some(value) = number {
                    let mut values = cuts(self.profile.class_rule);
                    values[n.min(2)] = value;
                    self.profile.class_rule = with_cuts(self.profile.class_rule, values);
                }
            }
            Target::FloorShare => {
                if let (Method::MinMax { floor_share }, Some(value)) = (&mut self.profile.method, number) {
                    *floor_share = value;
                }
            }
        }
        self.typed.insert(target, text.to_string());
    }

    fn item_mut(&mut self, c: usize, i: usize) -> Option<&mut parkatlas_core::efficiency::ItemRule> {
        self.profile.cohorts.get_mut(c)?.items.get_mut(i)
    }

    /// Switches between percentile shares and score minimums, with the usual cut-offs of each.
    pub fn set_class_rule_kind(&mut self, percentile: bool) {
        self.profile.class_rule = match (percentile, self.profile.class_rule) {
            (true, rule @ ClassRule::Percentile { .. }) | (false, rule @ ClassRule::ScoreThresholds { .. }) => rule,
            (true, _) => ClassRule::Percentile { a: 0.2, b: 0.6, c: 0.95 },
            (false, _) => ClassRule::ScoreThresholds { a_min: 80.0, b_min: 60.0, c_min: 40.0 },
        };
        self.typed.retain(|target, _| !matches!(target, Target::Cut(_)));
    }

    /// Every problem, keyed by the field path it belongs to (several may share one).
    pub fn problems(&self) -> Vec<(String, Problem)> {
        let mut problems: Vec<(String, Problem)> = self
            .typed
            .iter()
            .filter(|(target, text)| {
                let blank_allowed = matches!(target, Target::Benchmark(..) | Target::Cap(..));
                !(blank_allowed && text.trim().is_empty()) && text.trim().parse::<f64>().is_err()
            })
            .map(|(target, text)| (target.path(), Problem::NotANumber(text.clone())))
            .collect();
        for problem in self.profile.problems() {
            problems.push((problem_field(&self.profile, &problem), Problem::Rule(problem)));
        }
        problems
    }

    /// The profile to evaluate with, when nothing is wrong with it.
    pub fn usable(&self) -> Option<&Profile> {
        self.problems().is_empty().then_some(&self.profile)
    }
}

/// A class rule's three cut-offs, A first.
pub fn cuts(rule: ClassRule) -> [f64; 3] {
    match rule {
        ClassRule::Percentile { a, b, c } => [a, b, c],
        ClassRule::ScoreThresholds { a_min, b_min, c_min } => [a_min, b_min, c_min],
    }
}

fn with_cuts(rule: ClassRule, [first, second, third]: [f64; 3]) -> ClassRule {
    match rule {
        ClassRule::Percentile { .. } => ClassRule::Percentile { a: first, b: second, c: third },
        ClassRule::ScoreThresholds { .. } => ClassRule::ScoreThresholds { a_min: first, b_min: second, c_min: third },
    }
}

#[cfg(test)]
mod tests {
    use parkatlas_core::efficiency::shipped;

    use super::*;

    fn huangyan() -> Draft {
        Draft::new(shipped::profile("huangyan-2022").unwrap())
    }

    #[test]
    fn a_weight_edit_that_breaks_the_sum_is_named_at_the_cohort_until_another_balances_it() {
        let mut draft = huangyan();
        draft.set(Target::Weight(0, 0), "40");
        let problems = draft.problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "cohorts[0].items");
        assert!(matches!(problems[0].1, Problem::Rule(ProfileProblem::WeightsDoNotSum { sum, .. }) if sum == 110.0));
        assert!(draft.usable().is_none());
        draft.set(Target::Weight(0, 1), "10");
        assert!(draft.usable().is_some());
        assert!(!draft.is_unchanged());
        assert_eq!(draft.text(Target::Weight(0, 0)), "40");
    }

    #[test]
    fn every_problem_is_listed_at_once_beside_its_field() {
        let mut draft = huangyan();
        draft.set(Target::Benchmark(0, 2), "abc");
        draft.set(Target::Cap(0, 1), "-1");
        draft.set(Target::Cut(1), "0.1");
        let fields: Vec<String> = draft.problems().into_iter().map(|(field, _)| field).collect();
        assert_eq!(fields, ["cohorts[0].items[2].benchmark", "cohorts[0].items[1].cap_multiple", "class_rule"]);
        assert_eq!(draft.text(Target::Benchmark(0, 2)), "abc", "what was typed stays on screen");
    }

    #[test]
    fn a_blank_benchmark_is_none_and_ratio_methods_then_miss_it() {
        let mut draft = huangyan();
        draft.set(Target::Benchmark(0, 0), " ");
        assert_eq!(draft.profile.cohorts[0].items[0].benchmark, None);
        let problems = draft.problems();
        assert!(matches!(problems[..], [(ref field, Problem::Rule(ProfileProblem::MissingBenchmark { .. }))]
            if field == "cohorts[0].items[0].benchmark"));
    }

    #[test]
    fn editing_an_unconfirmed_benchmark_makes_it_the_officials_own() {
        let mut draft = Draft::new(shipped::profile("etdz").unwrap());
        assert!(draft.profile.cohorts[0].items[0].benchmark_unconfirmed);
        draft.set(Target::Benchmark(0, 0), "30");
        assert!(!draft.profile.cohorts[0].items[0].benchmark_unconfirmed);
    }

    #[test]
    fn the_class_rule_switches_kind_and_its_cut_offs_follow() {
        let mut draft = huangyan();
        draft.set(Target::Cut(0), "0.25");
        assert_eq!(cuts(draft.profile.class_rule), [0.25, 0.6, 0.95]);
        draft.set_class_rule_kind(false);
        assert_eq!(draft.profile.class_rule, ClassRule::ScoreThresholds { a_min: 80.0, b_min: 60.0, c_min: 40.0 });
        assert_eq!(draft.text(Target::Cut(0)), "80");
        draft.set(Target::Missing(0, 0), "cohort_average");
        assert_eq!(draft.profile.cohorts[0].items[0].missing, MissingPolicy::CohortAverage);
    }
}
