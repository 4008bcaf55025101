//! Tests of whole evaluation runs: the spec's worked example, policies, population
//! rules, merging, and the invariants of scoring.

use approx::assert_relative_eq;
use proptest::prelude::*;

use super::input::tests::huangyan_worked_example;
use super::*;

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 3, 31).unwrap()
}

fn huangyan() -> Profile {
    shipped::profile("huangyan-2022").unwrap()
}

fn enterprise(id: &str, tax: f64) -> EnterpriseInput {
    EnterpriseInput { id: id.into(), ..huangyan_worked_example().with(|f| f.tax_wan_yuan = Some(tax)) }
}

fn grade(result: &EnterpriseResult) -> &Grade {
    match &result.outcome {
        Outcome::Graded(grade) => grade,
        other => panic!("{} is not graded: {other:?}", result.id),
    }
}

#[test]
fn huangyan_2022_worked_example_totals_94_99() {
    // Spec §1.5: items 24.90; 14.69; 22.27; 12.17; 11.03; 9.93; total 94.99.
    let run = evaluate(&huangyan(), &[huangyan_worked_example()], date()).unwrap();
    let grade = grade(&run.results[0]);
    let items: Vec<String> = grade.items.iter().map(|item| format!("{:.2}", item.score)).collect();
    assert_eq!(items, ["24.90", "14.69", "22.27", "12.17", "11.03", "9.93"]);
    assert_eq!(format!("{:.2}", grade.total), "94.99");
    assert!(grade.items.iter().all(|item| item.basis == Basis::Ratio));
}

#[test]
fn missing_emissions_score_the_cohort_average() {
    let reported = enterprise("A", 600.0);
    let other = enterprise("B", 600.0).with(|f| f.emissions_t = Some(1.0));
    let silent = enterprise("C", 600.0).with(|f| f.emissions_t = None);
    let run = evaluate(&huangyan(), &[reported, other, silent], date()).unwrap();
    let emission = |r: &EnterpriseResult| grade(r).items[3].clone();
    let average = (emission(&run.results[0]).score + emission(&run.results[1]).score) / 2.0;
    let filled = emission(&run.results[2]);
    assert_relative_eq!(filled.score, average, max_relative = 1e-12);
    assert_eq!(filled.basis, Basis::Filled { why: Undefined::MissingData, policy: MissingPolicy::CohortAverage });
}

#[test]
fn no_energy_reported_scores_zero_not_infinity() {
    let input = huangyan_worked_example().with(|f| f.energy_tce = Some(0.0));
    let run = evaluate(&huangyan(), &[input], date()).unwrap();
    let item = &grade(&run.results[0]).items[2];
    assert_eq!(item.score, 0.0);
    assert_eq!(item.basis, Basis::Filled { why: Undefined::ZeroDenominator, policy: MissingPolicy::Zero });
    assert!(grade(&run.results[0]).total.is_finite());
}

#[test]
fn negative_tax_scores_zero_under_the_default_policy() {
    let run = evaluate(&huangyan(), &[enterprise("A", -60.0)], date()).unwrap();
    let item = &grade(&run.results[0]).items[0];
    assert_eq!((item.score, item.basis), (0.0, Basis::NegativeTaxZeroed));

    let mut proportional = huangyan();
    proportional.edge_cases.negative_tax = NegativeTaxPolicy::Proportional;
    let run = evaluate(&proportional, &[enterprise("A", -60.0)], date()).unwrap();
    assert_relative_eq!(grade(&run.results[0]).items[0].score, -2.0 / 24.097 * 30.0, max_relative = 1e-12);
}

#[test]
fn a_cap_limits_the_item() {
    let mut profile = huangyan();
    profile.cohorts[0].items[0].cap_multiple = Some(1.5);
    let run = evaluate(&profile, &[enterprise("A", 6000.0)], date()).unwrap();
    let item = &grade(&run.results[0]).items[0];
    assert_eq!((item.score, item.basis), (45.0, Basis::Capped { cap_multiple: 1.5 }));
}

#[test]
fn exemptions_make_class_t_with_their_reason() {
    let utility = enterprise("U", 1.0).with(|f| f.exemption = Some(ExemptionReason::PublicUtility));
    let new_producer = enterprise("N", 1.0).with(|f| f.production_start = NaiveDate::from_ymd_opt(2021, 4, 1));
    let old_producer = enterprise("O", 1.0).with(|f| f.production_start = NaiveDate::from_ymd_opt(2021, 3, 31));
    let building = enterprise("G", 1.0).with(|f| {
        f.under_construction = true;
        f.land_granted = NaiveDate::from_ymd_opt(2020, 4, 1);
    });
    let run = evaluate(&huangyan(), &[utility, new_producer, old_producer, building], date()).unwrap();
    let outcomes: Vec<_> = run.results.iter().map(|r| r.outcome.clone()).collect();
    assert_eq!(outcomes[0], Outcome::Exempt { reason: ExemptionReason::PublicUtility });
    assert_eq!(outcomes[1], Outcome::Exempt { reason: ExemptionReason::RecentlyStartedProduction });
    assert!(matches!(outcomes[2], Outcome::Graded(_)), "two full years of production are graded");
    assert_eq!(outcomes[3], Outcome::Exempt { reason: ExemptionReason::RecentlyGrantedUnderConstruction });
    assert_eq!(run.results[0].class(), Some(Class::T));
    assert_eq!(run.cutoffs[0].exempt, 3);
}

#[test]
fn below_scale_enterprises_need_three_mu_and_rank_apart() {
    let small = |id: &str, land: f64| EnterpriseInput {
        cohort: Cohort::BelowScale,
        ..enterprise(id, 30.0).with(|f| {
            f.land_area_mu = land;
            f.electricity_kwh = Some(1_000_000.0);
        })
    };
    let run = evaluate(&huangyan(), &[small("S1", 2.99), small("S2", 3.0), enterprise("L", 600.0)], date()).unwrap();
    assert_eq!(
        run.results[0].outcome,
        Outcome::NotEvaluated {
            reason: NotEvaluatedReason::BelowScaleLandUnderMinimum { land_area_mu: 2.99, minimum_mu: 3.0 }
        }
    );
    // 规下: 亩均税收 10 / 11.5932 × 50 + 单位电耗税收 0.3 元/kWh / 0.2352 × 50.
    assert_relative_eq!(
        grade(&run.results[1]).total,
        10.0 / 11.5932 * 50.0 + 0.3 / 0.2352 * 50.0,
        max_relative = 1e-12
    );
    assert_eq!((grade(&run.results[1]).cohort_size, grade(&run.results[2]).cohort_size), (1, 1));
}

#[test]
fn enterprises_on_one_parcel_share_one_result() {
    let holder = enterprise("H", 400.0).with(|f| f.land_group = Some("GX-017".into()));
    let tenant = enterprise("T", 200.0).with(|f| {
        f.land_group = Some("GX-017".into());
        f.land_area_mu = 0.0;
        f.average_staff = Some(50.0);
    });
    let run = evaluate(&huangyan(), &[holder, tenant], date()).unwrap();
    let (h, t) = (&run.results[0], &run.results[1]);
    assert_eq!(h.outcome, t.outcome);
    assert_eq!((h.merged_with.clone(), t.merged_with.clone()), (vec!["T".to_string()], vec!["H".to_string()]));
    // Merged tax 600 on the holder's 30 亩 is the worked example's 亩均税收.
    assert_relative_eq!(grade(h).items[0].value.unwrap(), 20.0, max_relative = 1e-12);
    assert_eq!(grade(h).cohort_size, 1);
}

#[test]
fn min_max_floors_each_item_at_twenty_percent() {
    let mut profile = huangyan();
    profile.method = Method::MinMax { floor_share: 0.2 };
    let run =
        evaluate(&profile, &[enterprise("low", 300.0), enterprise("mid", 450.0), enterprise("high", 600.0)], date())
            .unwrap();
    let tax_item = |i: usize| grade(&run.results[i]).items[0].score;
    assert_relative_eq!(tax_item(0), 30.0 * 0.2, max_relative = 1e-12);
    assert_relative_eq!(tax_item(1), 30.0 * 0.6, max_relative = 1e-12);
    assert_relative_eq!(tax_item(2), 30.0, max_relative = 1e-12);
}

#[test]
fn method_b_adds_bonus_and_subtracts_deduction() {
    let profile = shipped::profile("huaian-2024").unwrap();
    let base = enterprise("A", 720.0).with(|f| f.revenue_wan_yuan = Some(18_000.0));
    let adjusted = base.clone().with(|f| {
        f.bonus = 3.0;
        f.deduction = 1.0;
    });
    let run = evaluate(&profile, &[base, EnterpriseInput { id: "B".into(), ..adjusted }], date()).unwrap();
    assert_relative_eq!(grade(&run.results[1]).total - grade(&run.results[0]).total, 2.0, max_relative = 1e-9);
}

#[test]
fn cutoffs_are_the_lowest_score_in_each_class() {
    let enterprises: Vec<_> = (0..10).map(|i| enterprise(&format!("E{i}"), 100.0 * (i + 1) as f64)).collect();
    let run = evaluate(&huangyan(), &enterprises, date()).unwrap();
    let cutoffs = &run.cutoffs[0];
    assert_eq!(cutoffs.counts, [2, 4, 4, 0]);
    let lowest_a =
        run.results.iter().filter(|r| r.class() == Some(Class::A)).map(|r| r.total().unwrap()).fold(f64::MAX, f64::min);
    assert_eq!(cutoffs.a_min, Some(lowest_a));
    assert_eq!(grade(&run.results[9]).rank, 1);
}

#[test]
fn an_invalid_profile_is_refused_before_scoring() {
    let mut profile = huangyan();
    profile.cohorts[0].items[0].weight = 10.0;
    let err = evaluate(&profile, &[huangyan_worked_example()], date()).unwrap_err();
    assert!(err.to_string().contains("weights sum to 80"), "{err}");
}

#[test]
fn bad_rows_are_all_reported_with_their_row_numbers() {
    let bad = enterprise("A", 1.0).with(|f| f.land_area_mu = f64::INFINITY);
    let duplicate = enterprise("A", 2.0);
    let EvaluationError::InvalidInput { problems } = evaluate(&huangyan(), &[bad, duplicate], date()).unwrap_err()
    else {
        panic!("expected input problems");
    };
    let rows: Vec<(usize, &str)> = problems.iter().map(|p| (p.row, p.field.as_str())).collect();
    assert_eq!(rows, [(1, "land_area_mu"), (2, "id")]);
}

#[test]
fn evaluation_run_round_trips_through_json() {
    let run = evaluate(&huangyan(), &[huangyan_worked_example(), enterprise("B", -5.0)], date()).unwrap();
    let json = serde_json::to_string(&run).unwrap();
    assert_eq!(serde_json::from_str::<EvaluationRun>(&json).unwrap(), run);
}

proptest! {
    #[test]
    fn improving_one_indicator_never_lowers_the_score(
        tax in -100.0f64..5_000.0, extra in 0.0f64..1_000.0, item in 0usize..6, min_max: bool,
        others in proptest::collection::vec(0.0f64..5_000.0, 0..6),
    ) {
        let mut profile = huangyan();
        if min_max { profile.method = Method::MinMax { floor_share: 0.2 }; }
        let mut subject = enterprise("S", tax);
        let mut cohort: Vec<EnterpriseInput> =
            others.iter().enumerate().map(|(i, &t)| enterprise(&format!("O{i}"), t)).collect();
        cohort.push(subject.clone());
        let before = evaluate(&profile, &cohort, date()).unwrap().results.last().unwrap().total().unwrap();
        // Each item improves when its numerator grows or (for energy and emissions) its denominator shrinks.
        match item {
            0 => subject.figures.tax_wan_yuan = Some(tax + extra),
            1 | 4 => subject.figures.value_added_wan_yuan = subject.figures.value_added_wan_yuan.map(|v| v + extra),
            2 => subject.figures.energy_tce = subject.figures.energy_tce.map(|e| e * 1000.0 / (1000.0 + extra)),
            3 => subject.figures.emissions_t = subject.figures.emissions_t.map(|e| e * 1000.0 / (1000.0 + extra)),
            _ => subject.figures.rd_wan_yuan = subject.figures.rd_wan_yuan.map(|r| r + extra),
        }
        *cohort.last_mut().unwrap() = subject;
        let after = evaluate(&profile, &cohort, date()).unwrap().results.last().unwrap().total().unwrap();
        prop_assert!(after >= before - 1e-9, "{before} → {after}");
    }
}

proptest! {
    #[test]
    fn edited_profiles_round_trip_through_json(
        weights in proptest::collection::vec(0.1f64..100.0, 6), benchmarks in proptest::collection::vec(1e-3f64..1e4, 6),
        cap in proptest::option::of(0.5f64..3.0), a in 0.05f64..0.3, threshold_classes: bool,
    ) {
        let mut profile = huangyan();
        for ((item, weight), benchmark) in profile.cohorts[0].items.iter_mut().zip(&weights).zip(&benchmarks) {
            item.weight = *weight;
            item.benchmark = Some(*benchmark);
            item.cap_multiple = cap;
        }
        profile.class_rule = if threshold_classes {
            ClassRule::ScoreThresholds { a_min: 90.0 * a, b_min: 60.0 * a, c_min: 30.0 * a }
        } else {
            ClassRule::Percentile { a, b: a + 0.3, c: 0.95 }
        };
        let json = serde_json::to_string(&profile).unwrap();
        prop_assert_eq!(serde_json::from_str::<Profile>(&json).unwrap(), profile);
    }

    #[test]
    fn enterprise_inputs_round_trip_through_json(
        land in 0.0f64..1e4, tax in proptest::option::of(-1e4f64..1e6), energy in proptest::option::of(0.0f64..1e6),
        below_scale: bool, group in proptest::option::of("[A-Z0-9-]{1,8}"),
    ) {
        let input = EnterpriseInput { cohort: if below_scale { Cohort::BelowScale } else { Cohort::AboveScale }, ..huangyan_worked_example().with(|f| { f.land_area_mu = land; f.tax_wan_yuan = tax; f.energy_tce = energy; f.land_group = group; }) };
        let json = serde_json::to_string(&input).unwrap();
        prop_assert_eq!(serde_json::from_str::<EnterpriseInput>(&json).unwrap(), input);
    }
}
