//! Ranks and A/B/C/D classes within a cohort (spec §1.4).
//!
//! Percentile classes take whole enterprises: A holds round(n × a) of the cohort,
//! A and B together round(n × b), A to C round(n × c), D the rest. Enterprises with
//! equal totals share the better rank and class, so ties never split a score.
//!
//! Outside a run, one enterprise's total is placed against what the run published:
//! [`CohortCutoffs::class_of`] (spec §1.4: never against other enterprises' data).

use super::profile::ClassRule;
use super::result::{Class, CohortCutoffs};

/// The rank (1 = best, ties share) and class of each total, in input order.
pub(super) fn classify(totals: &[f64], rule: ClassRule) -> Vec<(usize, Class)> {
    let n = totals.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| totals[b].total_cmp(&totals[a]));

    let mut ranked = vec![(0, Class::D); n];
    let mut rank = 0;
    for (position, &index) in order.iter().enumerate() {
        let tied_with_previous = position > 0 && totals[order[position - 1]] == totals[index];
        if !tied_with_previous {
            rank = position + 1;
        }
        let class = match rule {
            ClassRule::Percentile { a, b, c } => percentile_class(rank - 1, n, a, b, c),
            ClassRule::ScoreThresholds { a_min, b_min, c_min } => threshold_class(totals[index], a_min, b_min, c_min),
        };
        ranked[index] = (rank, class);
    }
    ranked
}

fn percentile_class(position: usize, n: usize, a: f64, b: f64, c: f64) -> Class {
    let boundary = |share: f64| (n as f64 * share).round() as usize;
    if position < boundary(a) {
        Class::A
    } else if position < boundary(b) {
        Class::B
    } else if position < boundary(c) {
        Class::C
    } else {
        Class::D
    }
}

/// The class of one enterprise's `total` outside a run: by the profile's own score
/// thresholds, or else against its cohort's published `cutoffs`.
pub(super) fn class_against(rule: ClassRule, cutoffs: Option<&CohortCutoffs>, total: f64) -> Option<Class> {
    match rule {
        ClassRule::ScoreThresholds { a_min, b_min, c_min } => Some(threshold_class(total, a_min, b_min, c_min)),
        ClassRule::Percentile { .. } => cutoffs?.class_of(total),
    }
}

impl CohortCutoffs {
    /// The class `total` reaches against these published cut-offs: the best class whose
    /// lowest published total it reaches (a tie takes the better class, as in the run),
    /// D below them all. `None` when the cohort graded no one, so that nothing was published.
    pub fn class_of(&self, total: f64) -> Option<Class> {
        if self.graded == 0 {
            return None;
        }
        let reached = [(self.a_min, Class::A), (self.b_min, Class::B), (self.c_min, Class::C)]
            .into_iter()
            .find_map(|(min, class)| min.filter(|&min| total >= min).map(|_| class));
        Some(reached.unwrap_or(Class::D))
    }
}

fn threshold_class(total: f64, a_min: f64, b_min: f64, c_min: f64) -> Class {
    if total >= a_min {
        Class::A
    } else if total >= b_min {
        Class::B
    } else if total >= c_min {
        Class::C
    } else {
        Class::D
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HUAIAN: ClassRule = ClassRule::Percentile { a: 0.2, b: 0.6, c: 0.95 };

    fn classes(totals: &[f64], rule: ClassRule) -> Vec<Class> {
        classify(totals, rule).into_iter().map(|(_, class)| class).collect()
    }

    #[test]
    fn twenty_enterprises_split_4_8_7_1() {
        let totals: Vec<f64> = (0..20).map(|i| 100.0 - i as f64).collect();
        let classes = classes(&totals, HUAIAN);
        let count = |c| classes.iter().filter(|&&x| x == c).count();
        assert_eq!([count(Class::A), count(Class::B), count(Class::C), count(Class::D)], [4, 8, 7, 1]);
        assert_eq!(classes[0], Class::A);
        assert_eq!(classes[19], Class::D);
    }

    #[test]
    fn ties_share_rank_and_the_better_class() {
        let ranked = classify(&[90.0, 80.0, 80.0, 70.0, 60.0], HUAIAN);
        assert_eq!(ranked, vec![(1, Class::A), (2, Class::B), (2, Class::B), (4, Class::C), (5, Class::C)]);
    }

    #[test]
    fn a_lone_enterprise_is_b_not_d() {
        assert_eq!(classes(&[42.0], HUAIAN), vec![Class::B]);
    }

    #[test]
    fn thresholds_include_their_minimum() {
        let rule = ClassRule::ScoreThresholds { a_min: 80.0, b_min: 60.0, c_min: 40.0 };
        assert_eq!(
            classes(&[80.0, 79.99, 60.0, 59.99, 40.0, 39.99], rule),
            vec![Class::A, Class::B, Class::B, Class::C, Class::C, Class::D]
        );
    }

    fn cutoffs(a_min: Option<f64>, b_min: Option<f64>, c_min: Option<f64>, graded: usize) -> CohortCutoffs {
        let cohort = crate::efficiency::Cohort::AboveScale;
        CohortCutoffs { cohort, graded, exempt: 0, a_min, b_min, c_min, counts: [0; 4] }
    }

    #[test]
    fn a_total_takes_the_best_class_whose_cutoff_it_reaches() {
        let published = cutoffs(Some(90.0), Some(70.0), Some(40.0), 20);
        let classes: Vec<Option<Class>> = [95.0, 90.0, 89.99, 70.0, 40.0, 39.99].map(|t| published.class_of(t)).into();
        assert_eq!(classes, [Class::A, Class::A, Class::B, Class::B, Class::C, Class::D].map(Some));
    }

    #[test]
    fn an_empty_class_is_passed_over_and_an_empty_cohort_places_no_one() {
        // A lone enterprise is B: no A cut-off exists to reach, and below B is D.
        let lone = cutoffs(None, Some(60.0), None, 1);
        assert_eq!((lone.class_of(99.0), lone.class_of(59.0)), (Some(Class::B), Some(Class::D)));
        assert_eq!(cutoffs(None, None, None, 0).class_of(80.0), None);
    }

    #[test]
    fn score_thresholds_need_no_cutoffs() {
        let rule = ClassRule::ScoreThresholds { a_min: 80.0, b_min: 60.0, c_min: 40.0 };
        assert_eq!(class_against(rule, None, 61.0), Some(Class::B));
        assert_eq!(class_against(HUAIAN, None, 61.0), None);
        assert_eq!(class_against(HUAIAN, Some(&cutoffs(Some(90.0), Some(50.0), None, 9)), 61.0), Some(Class::B));
    }

    proptest! {
        #[test]
        fn percentile_classes_match_the_configured_shares(
            totals in proptest::collection::hash_set(0u32..1_000_000, 1..400),
        ) {
            let totals: Vec<f64> = totals.into_iter().map(|t| t as f64 / 100.0).collect();
            let n = totals.len() as f64;
            let classes = classes(&totals, HUAIAN);
            let count = |c| classes.iter().filter(|&&x| x == c).count() as f64;
            for (class, share) in [(Class::A, 0.2), (Class::B, 0.4), (Class::C, 0.35), (Class::D, 0.05)] {
                prop_assert!((count(class) - n * share).abs() <= 1.0, "{class:?}: {} of {n}", count(class));
            }
        }
    }
}
