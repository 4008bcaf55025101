//! 标准地 (standard land, spec §3): a parcel offered with published conditions, and the
//! check of an investor's plan against them — each condition met, or the shortfall.

use serde::{Deserialize, Serialize};

use super::indicators::{Condition, Development, TallStoreyRule};
use super::parcel::ComplianceReport;
use super::ControlError;

/// The conditions a 标准地 parcel is offered with, e.g. 容积率 1.2–2.5, 建筑密度 ≥ 40%,
/// 绿地率 ≤ 15%, 投资强度 ≥ 300 万元/亩, 亩均产值 ≥ 500 万元/亩, 亩均税收 ≥ 25 万元/亩,
/// and optionally 单位产值能耗 or 排放 ceilings. A range is two conditions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardLandTerms {
    /// The parcel code on the land-supply plan.
    pub parcel_code: String,
    pub tall_storey: TallStoreyRule,
    pub conditions: Vec<Condition>,
}

impl StandardLandTerms {
    /// Checks an investor's plan: investment, land area, storeys (those over 8 m count
    /// twice), building footprint, green area, expected output, tax and energy use.
    pub fn check_plan(&self, plan: &Development) -> Result<ComplianceReport, ControlError> {
        ComplianceReport::new(self.parcel_code.clone(), &self.tall_storey, &self.conditions, plan, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::indicators::tests::factory;
    use crate::control::indicators::ControlIndicator;
    use crate::control::measure::{Bound, Verdict};
    use crate::units::SquareMetres;
    use proptest::prelude::*;

    fn terms() -> StandardLandTerms {
        use ControlIndicator::*;
        StandardLandTerms {
            parcel_code: "GG-2025-017".to_owned(),
            tall_storey: TallStoreyRule::edition_2008(),
            conditions: vec![
                Condition::new(FloorAreaRatio, Bound::AtLeast, 1.0),
                Condition::new(FloorAreaRatio, Bound::AtMost, 2.5),
                Condition::new(BuildingDensity, Bound::AtLeast, 35.0),
                Condition::new(GreenRatio, Bound::AtMost, 15.0),
                Condition::new(InvestmentPerMu, Bound::AtLeast, 300.0),
                Condition::new(OutputPerMu, Bound::AtLeast, 500.0),
                Condition::new(TaxPerMu, Bound::AtLeast, 20.0),
                Condition::new(EnergyPerOutput, Bound::AtMost, 0.1),
            ],
        }
    }

    fn verdicts(plan: &Development) -> Vec<Verdict> {
        terms().check_plan(plan).unwrap().assessments.iter().map(|a| a.verdict).collect()
    }

    #[test]
    fn plan_exactly_at_every_condition_meets_them_all() {
        let report = terms().check_plan(&factory()).unwrap();
        assert!(report.all_met, "{:#?}", report.assessments);
        assert_eq!(report.source, "GG-2025-017");
    }

    #[test]
    fn investment_just_short_shows_the_shortfall_in_both_languages() {
        let plan = Development { fixed_asset_investment_wan_yuan: 8_970.0, ..factory() };
        let report = terms().check_plan(&plan).unwrap();
        let investment = &report.assessments[4];
        assert_eq!(investment.verdict, Verdict::Unmet);
        assert_eq!(investment.current, Some(299.0));
        assert_eq!(investment.required.value, 300.0);
        assert_eq!(investment.difference, Some(-1.0));
        assert_eq!(
            investment.explanation.zh,
            "投资强度：固定资产总投资 ÷ 总用地面积（亩） = 8970 ÷ 30 = 299 万元/亩；要求 ≥ 300 万元/亩：未达标，低于要求 1 万元/亩。"
        );
        assert_eq!(
            investment.explanation.en,
            "investment intensity: fixed-asset investment ÷ land area (mu) = 8970 ÷ 30 = 299 ×10⁴ CNY/mu; \
             required ≥ 300 ×10⁴ CNY/mu: not met: short by 1 ×10⁴ CNY/mu."
        );
        assert!(!report.all_met);
    }

    #[test]
    fn edges_of_each_other_condition() {
        use Verdict::{Met, Unmet};
        let more_output = Development { annual_output_wan_yuan: 14_999.0, ..factory() };
        assert_eq!(verdicts(&more_output)[5], Unmet);
        let less_tax = Development { annual_tax_wan_yuan: 599.0, ..factory() };
        assert_eq!(verdicts(&less_tax)[6], Unmet);
        let more_energy = Development { annual_energy_tce: Some(1_500.5), ..factory() };
        assert_eq!(verdicts(&more_energy)[7], Unmet);
        let greener = Development { green_area_m2: SquareMetres(3_001.0), ..factory() };
        assert_eq!(verdicts(&greener)[3], Unmet);
        let sparser = Development { building_footprint_m2: SquareMetres(6_999.0), ..factory() };
        assert_eq!(verdicts(&sparser)[2], Unmet);
        let mut denser = factory();
        denser.storeys[2].floor_area_m2 = SquareMetres(19_000.0);
        // 6000 + 6000 + 2 × 19000 = 50000 m² on 20000 m²: exactly 2.5.
        assert_eq!(verdicts(&denser)[..2], [Met, Met]);
        denser.storeys[2].floor_area_m2 = SquareMetres(19_001.0);
        assert_eq!(verdicts(&denser)[..2], [Met, Unmet]);
    }

    #[test]
    fn plan_without_energy_figure_is_undetermined_not_met() {
        let plan = Development { annual_energy_tce: None, ..factory() };
        let report = terms().check_plan(&plan).unwrap();
        assert_eq!(report.assessments[7].verdict, Verdict::Undetermined);
        assert!(!report.all_met);
    }

    #[test]
    fn zero_land_area_plan_is_undetermined_not_a_panic() {
        let plan = Development { land_area_m2: SquareMetres(0.0), ..factory() };
        let report = terms().check_plan(&plan).unwrap();
        assert_eq!(report.assessments[4].verdict, Verdict::Undetermined);
        assert_eq!(report.assessments[7].verdict, Verdict::Met);
    }

    #[test]
    fn negative_investment_is_rejected() {
        let plan = Development { fixed_asset_investment_wan_yuan: -5.0, ..factory() };
        assert_eq!(
            terms().check_plan(&plan).unwrap_err().to_string(),
            "fixed_asset_investment_wan_yuan is -5; enter a finite number of at least 0"
        );
    }

    #[test]
    fn terms_round_trip_through_json() {
        let text = serde_json::to_string(&terms()).unwrap();
        assert_eq!(serde_json::from_str::<StandardLandTerms>(&text).unwrap(), terms());
    }

    proptest! {
        #[test]
        fn raising_investment_never_unmeets_investment_intensity(
            investment in 0u32..2_000_000, raise in 0u32..2_000_000, land_m2 in 1u32..1_000_000,
        ) {
            let plan = |investment: u32| Development {
                land_area_m2: SquareMetres(f64::from(land_m2)),
                fixed_asset_investment_wan_yuan: f64::from(investment) / 100.0,
                ..factory()
            };
            let intensity = |investment| terms().check_plan(&plan(investment)).unwrap().assessments[4].verdict;
            if intensity(investment) == Verdict::Met {
                prop_assert_eq!(intensity(investment + raise), Verdict::Met);
            }
        }

        #[test]
        fn plans_round_trip_through_json(
            land in 0u32..10_000_000, investment in 0u32..10_000_000, tax in -100_000i32..100_000,
            height in 1u32..3_000, energy in proptest::option::of(0u32..1_000_000),
        ) {
            let plan = Development {
                land_area_m2: SquareMetres(f64::from(land) / 100.0),
                storeys: vec![crate::control::indicators::Storey {
                    floor_area_m2: SquareMetres(f64::from(land) / 50.0),
                    height_m: f64::from(height) / 100.0,
                }],
                fixed_asset_investment_wan_yuan: f64::from(investment) / 100.0,
                annual_tax_wan_yuan: f64::from(tax) / 100.0,
                annual_energy_tce: energy.map(|e| f64::from(e) / 100.0),
                ..factory()
            };
            // Inputs in cents round-trip exactly; computed quotients may not, since the
            // workspace's serde_json parses floats without its `float_roundtrip` feature.
            let text = serde_json::to_string(&plan).unwrap();
            prop_assert_eq!(serde_json::from_str::<Development>(&text).unwrap(), plan);
        }
    }
}
