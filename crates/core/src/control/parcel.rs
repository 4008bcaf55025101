//! Parcel compliance with the national control values (spec §3): 容积率 by industry,
//! 建筑系数, 行政办公及生活服务设施用地比重 and 绿地率, plus any local 投资强度,
//! 亩均产值 and 亩均税收 values a jurisdiction adds.

use serde::{Deserialize, Serialize};

use super::indicators::{Condition, ControlIndicator, Development, TallStoreyRule};
use super::industry::{IndustryMinimum, IndustryTable};
use super::measure::{Assessment, Bound, Verdict};
use super::ControlError;
use crate::units::SquareMetres;

/// A set of control values, as one instrument (plus local additions) sets them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlRules {
    pub name: String,
    pub tall_storey: TallStoreyRule,
    /// Values every parcel is held to; local governments append 投资强度, 亩均产值 and 亩均税收 here.
    pub conditions: Vec<Condition>,
    /// Minimum 容积率 by industry, applied when a parcel's industry is known.
    pub floor_area_ratio_minimums: IndustryTable,
}

/// How one parcel or one plan fares against a set of conditions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplianceReport {
    /// The rules or the 标准地 parcel the conditions come from.
    pub source: String,
    /// Floor area as 容积率 counts it, tall storeys multiplied.
    pub counted_floor_area_m2: SquareMetres,
    /// The industry row whose minimum 容积率 was applied, if any.
    pub industry: Option<IndustryMinimum>,
    pub assessments: Vec<Assessment<ControlIndicator>>,
    /// True only when every condition is met; an undetermined condition is not met.
    pub all_met: bool,
}

impl ComplianceReport {
    pub(crate) fn new(
        source: String,
        tall: &TallStoreyRule,
        conditions: &[Condition],
        development: &Development,
        industry: Option<IndustryMinimum>,
    ) -> Result<ComplianceReport, ControlError> {
        development.validate()?;
        let assessments: Vec<_> = conditions.iter().map(|c| c.assess(development, tall)).collect();
        Ok(ComplianceReport {
            source,
            counted_floor_area_m2: tall.counted_floor_area(&development.storeys),
            industry,
            all_met: assessments.iter().all(|a| a.verdict == Verdict::Met),
            assessments,
        })
    }

    /// The assessment of one indicator with a floor (≥ or >), if the conditions had one.
    pub fn floor_assessment(&self, indicator: ControlIndicator) -> Option<&Assessment<ControlIndicator>> {
        self.assessments.iter().find(|a| a.subject == indicator && a.required.bound.is_floor())
    }
}

impl ControlRules {
    /// 《工业项目建设用地控制指标》 2008: 建筑系数 ≥ 30%, 行政办公及生活服务 ≤ 7%, 绿地率 ≤ 20%.
    pub fn edition_2008() -> ControlRules {
        ControlRules {
            name: "《工业项目建设用地控制指标》2008".to_owned(),
            tall_storey: TallStoreyRule::edition_2008(),
            conditions: vec![
                Condition::new(ControlIndicator::BuildingCoverage, Bound::AtLeast, 30.0),
                Condition::new(ControlIndicator::AdminServiceShare, Bound::AtMost, 7.0),
                Condition::new(ControlIndicator::GreenRatio, Bound::AtMost, 20.0),
            ],
            floor_area_ratio_minimums: IndustryTable::edition_2008(),
        }
    }

    /// The 2023 edition as reported: 建筑系数 ≥ 40% (UNCONFIRMED). Its other tables are
    /// not in the spec, so the 2008 values stand and the industry table names its 2008 source.
    pub fn edition_2023_reported() -> ControlRules {
        let mut rules = ControlRules::edition_2008();
        rules.name = "《工业项目建设用地控制指标》2023（建筑系数按报道值，未确认）".to_owned();
        rules.conditions[0] = Condition { value: 40.0, unconfirmed: true, ..rules.conditions[0] };
        rules
    }

    /// Checks a parcel; `industry_code` is its two-digit GB/T 4754 大类, when known, for the minimum 容积率.
    pub fn check_parcel(
        &self,
        development: &Development,
        industry_code: Option<&str>,
    ) -> Result<ComplianceReport, ControlError> {
        let industry = industry_code.map(|code| self.floor_area_ratio_minimums.minimum_for(code)).transpose()?;
        let mut conditions = Vec::with_capacity(self.conditions.len() + 1);
        if let Some(row) = industry {
            conditions.push(Condition::new(ControlIndicator::FloorAreaRatio, Bound::AtLeast, row.min_floor_area_ratio));
        }
        conditions.extend_from_slice(&self.conditions);
        ComplianceReport::new(self.name.clone(), &self.tall_storey, &conditions, development, industry.cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::indicators::tests::factory;
    use crate::control::indicators::Storey;

    fn verdict(report: &ComplianceReport, indicator: ControlIndicator) -> Verdict {
        report.assessments.iter().find(|a| a.subject == indicator).unwrap().verdict
    }

    /// The 2008 rules on the 20000 m² factory with one area changed.
    fn check(change: impl FnOnce(&mut Development)) -> ComplianceReport {
        let mut development = factory();
        change(&mut development);
        ControlRules::edition_2008().check_parcel(&development, Some("34")).unwrap()
    }

    #[test]
    fn factory_meets_the_2008_rules() {
        let report = check(|_| {});
        assert!(report.all_met);
        assert_eq!(report.counted_floor_area_m2, SquareMetres(20_000.0));
        assert_eq!(report.industry.unwrap().min_floor_area_ratio, 0.7);
        assert_eq!(report.assessments.len(), 4);
    }

    #[test]
    fn building_coverage_edge_at_thirty_percent() {
        // Structures and yards are 1000 m²; coverage = (footprint + 1000) ÷ 20000.
        let at = check(|d| d.building_footprint_m2 = SquareMetres(5_000.0));
        assert_eq!(verdict(&at, ControlIndicator::BuildingCoverage), Verdict::Met);
        let below = check(|d| d.building_footprint_m2 = SquareMetres(4_999.0));
        assert_eq!(verdict(&below, ControlIndicator::BuildingCoverage), Verdict::Unmet);
        assert_eq!(below.assessments[1].difference.map(|d| (d * 1e6).round() / 1e6), Some(-0.005));
    }

    #[test]
    fn building_coverage_of_2023_is_forty_percent_and_unconfirmed() {
        let rules = ControlRules::edition_2023_reported();
        let mut development = factory();
        development.building_footprint_m2 = SquareMetres(7_000.0);
        let report = rules.check_parcel(&development, None).unwrap();
        assert_eq!(verdict(&report, ControlIndicator::BuildingCoverage), Verdict::Met);
        assert!(report.assessments[0].required.unconfirmed);
        development.building_footprint_m2 = SquareMetres(6_999.0);
        let report = rules.check_parcel(&development, None).unwrap();
        assert_eq!(verdict(&report, ControlIndicator::BuildingCoverage), Verdict::Unmet);
    }

    #[test]
    fn admin_service_share_edge_at_seven_percent() {
        let at = check(|d| d.admin_service_area_m2 = SquareMetres(1_400.0));
        assert_eq!(verdict(&at, ControlIndicator::AdminServiceShare), Verdict::Met);
        let over = check(|d| d.admin_service_area_m2 = SquareMetres(1_401.0));
        assert_eq!(verdict(&over, ControlIndicator::AdminServiceShare), Verdict::Unmet);
    }

    #[test]
    fn green_ratio_edge_at_twenty_percent() {
        let at = check(|d| d.green_area_m2 = SquareMetres(4_000.0));
        assert_eq!(verdict(&at, ControlIndicator::GreenRatio), Verdict::Met);
        let over = check(|d| d.green_area_m2 = SquareMetres(4_001.0));
        assert_eq!(verdict(&over, ControlIndicator::GreenRatio), Verdict::Unmet);
        assert!(over.assessments[3].explanation.en.ends_with("not met: over by 0.005%."));
    }

    #[test]
    fn minimum_floor_area_ratio_edge_counts_tall_storeys_twice() {
        // 金属制品 (34) needs 0.7: 14000 m² counted on 20000 m².
        let storeys = |tall_m2| {
            vec![
                Storey { floor_area_m2: SquareMetres(14_000.0 - 2.0 * tall_m2), height_m: 6.0 },
                Storey { floor_area_m2: SquareMetres(tall_m2), height_m: 9.0 },
            ]
        };
        let at = check(|d| d.storeys = storeys(3_000.0));
        assert_eq!(at.counted_floor_area_m2, SquareMetres(14_000.0));
        assert_eq!(verdict(&at, ControlIndicator::FloorAreaRatio), Verdict::Met);
        let mut short = storeys(3_000.0);
        short[0].floor_area_m2 = SquareMetres(7_999.0);
        let below = check(|d| d.storeys = short);
        assert_eq!(verdict(&below, ControlIndicator::FloorAreaRatio), Verdict::Unmet);
        let mut eight_metres = storeys(3_000.0);
        eight_metres[1].height_m = 8.0;
        let below = check(|d| d.storeys = eight_metres);
        assert_eq!(below.counted_floor_area_m2, SquareMetres(11_000.0));
        assert_eq!(verdict(&below, ControlIndicator::FloorAreaRatio), Verdict::Unmet);
    }

    #[test]
    fn local_tax_per_mu_value_is_checked_at_its_edge() {
        let mut rules = ControlRules::edition_2008();
        rules.conditions.push(Condition::new(ControlIndicator::TaxPerMu, Bound::AtLeast, 20.0));
        let report = rules.check_parcel(&factory(), None).unwrap();
        assert_eq!(verdict(&report, ControlIndicator::TaxPerMu), Verdict::Met);
        let poorer = Development { annual_tax_wan_yuan: 599.9, ..factory() };
        let report = rules.check_parcel(&poorer, None).unwrap();
        assert_eq!(verdict(&report, ControlIndicator::TaxPerMu), Verdict::Unmet);
        assert!(!report.all_met);
    }

    #[test]
    fn zero_land_area_leaves_every_condition_undetermined() {
        let report = check(|d| d.land_area_m2 = SquareMetres(0.0));
        assert!(report.assessments.iter().all(|a| a.verdict == Verdict::Undetermined));
        assert!(!report.all_met);
    }

    #[test]
    fn unknown_industry_is_an_error() {
        let err = ControlRules::edition_2008().check_parcel(&factory(), Some("38")).unwrap_err();
        assert!(matches!(err, ControlError::UnlistedIndustry { code: 38, .. }));
    }

    #[test]
    fn rules_and_report_round_trip_through_json() {
        let rules = ControlRules::edition_2023_reported();
        let text = serde_json::to_string(&rules).unwrap();
        assert_eq!(serde_json::from_str::<ControlRules>(&text).unwrap(), rules);
        let report = check(|_| {});
        let text = serde_json::to_string(&report).unwrap();
        assert_eq!(serde_json::from_str::<ComplianceReport>(&text).unwrap(), report);
    }
}
