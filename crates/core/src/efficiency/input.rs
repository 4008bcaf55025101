//! One enterprise's figures for one evaluation year: what the 亩均 evaluation reads.
//!
//! Amounts are in 万元, land in 亩, energy in 吨标煤, emissions and water in 吨. Every
//! figure but land may be unreported (`None`); the profile decides what that scores.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// 规上 and 规下 enterprises are ranked separately, with different indicator sets (spec §1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cohort {
    /// 规上工业企业: above designated size.
    #[serde(alias = "规上")]
    AboveScale,
    /// 规下工业企业: below designated size, evaluated when their land passes a minimum.
    #[serde(alias = "规下")]
    BelowScale,
}

/// Why an enterprise is class T, "不适合评价" (spec §1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExemptionReason {
    /// 供电、给排水、燃气、垃圾焚烧、污水处理.
    PublicUtility,
    /// Producing for less than the profile's minimum (2 years by default).
    RecentlyStartedProduction,
    /// Land granted less than the profile's minimum ago (3 years) and still under construction.
    RecentlyGrantedUnderConstruction,
    /// 政策性搬迁.
    PolicyRelocation,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnterpriseInput {
    pub id: String,
    pub name: String,
    pub cohort: Cohort,
    /// 用地面积: land with a land-use certificate, built, under construction and ancillary.
    pub land_area_mu: f64,
    /// 评价税收; may be negative after VAT refunds.
    #[serde(default)]
    pub tax_wan_yuan: Option<f64>,
    /// 工业增加值.
    #[serde(default)]
    pub value_added_wan_yuan: Option<f64>,
    /// 营业收入 (销售收入).
    #[serde(default)]
    pub revenue_wan_yuan: Option<f64>,
    /// 主营业务收入.
    #[serde(default)]
    pub main_business_revenue_wan_yuan: Option<f64>,
    /// 综合能耗 (等价值).
    #[serde(default)]
    pub energy_tce: Option<f64>,
    /// 主要污染物排放量; which pollutants count is the jurisdiction's choice.
    #[serde(default)]
    pub emissions_t: Option<f64>,
    #[serde(default)]
    pub water_t: Option<f64>,
    #[serde(default)]
    pub electricity_kwh: Option<f64>,
    /// 年平均职工人数.
    #[serde(default)]
    pub average_staff: Option<f64>,
    /// R&D经费支出.
    #[serde(default)]
    pub rd_wan_yuan: Option<f64>,
    /// 加分 (methods B and C).
    #[serde(default)]
    pub bonus: f64,
    /// 减分 (method B).
    #[serde(default)]
    pub deduction: f64,
    /// A reason to grade the enterprise T, given outright.
    #[serde(default)]
    pub exemption: Option<ExemptionReason>,
    /// When production started; under the profile's minimum years the enterprise is T.
    #[serde(default)]
    pub production_start: Option<NaiveDate>,
    /// When the land was granted; recent grants still under construction are T.
    #[serde(default)]
    pub land_granted: Option<NaiveDate>,
    #[serde(default)]
    pub under_construction: bool,
    /// Enterprises sharing one parcel name the same group: their figures are merged and
    /// they share one result (spec §1.1).
    #[serde(default)]
    pub land_group: Option<String>,
}

/// A figure that cannot be evaluated, named after its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct InputProblem {
    pub field: &'static str,
    pub problem: String,
}

impl EnterpriseInput {
    /// Every problem with the figures: non-finite numbers, negative quantities.
    /// Tax alone may be negative (VAT refunds).
    pub fn problems(&self) -> Vec<InputProblem> {
        let mut problems = Vec::new();
        if self.id.trim().is_empty() {
            problems.push(InputProblem { field: "id", problem: "is empty; give each enterprise an identifier".into() });
        }
        let mut check = |field: &'static str, value: Option<f64>, may_be_negative: bool| match value {
            Some(v) if !v.is_finite() => {
                problems.push(InputProblem { field, problem: format!("{v} is not a number") });
            }
            Some(v) if v < 0.0 && !may_be_negative => {
                problems.push(InputProblem { field, problem: format!("{v} is negative; it must be 0 or more") });
            }
            _ => {}
        };
        check("land_area_mu", Some(self.land_area_mu), false);
        check("tax_wan_yuan", self.tax_wan_yuan, true);
        check("value_added_wan_yuan", self.value_added_wan_yuan, true);
        check("revenue_wan_yuan", self.revenue_wan_yuan, false);
        check("main_business_revenue_wan_yuan", self.main_business_revenue_wan_yuan, false);
        check("energy_tce", self.energy_tce, false);
        check("emissions_t", self.emissions_t, false);
        check("water_t", self.water_t, false);
        check("electricity_kwh", self.electricity_kwh, false);
        check("average_staff", self.average_staff, false);
        check("rd_wan_yuan", self.rd_wan_yuan, false);
        check("bonus", Some(self.bonus), false);
        check("deduction", Some(self.deduction), false);
        problems
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The enterprise of the spec's worked example (§1.5).
    pub(crate) fn huangyan_worked_example() -> EnterpriseInput {
        EnterpriseInput {
            id: "E1".into(),
            name: "示例企业".into(),
            cohort: Cohort::AboveScale,
            land_area_mu: 30.0,
            tax_wan_yuan: Some(600.0),
            value_added_wan_yuan: Some(3000.0),
            revenue_wan_yuan: Some(12000.0),
            main_business_revenue_wan_yuan: Some(10000.0),
            energy_tce: Some(1000.0),
            emissions_t: Some(0.5),
            water_t: None,
            electricity_kwh: None,
            average_staff: Some(150.0),
            rd_wan_yuan: Some(300.0),
            bonus: 0.0,
            deduction: 0.0,
            exemption: None,
            production_start: None,
            land_granted: None,
            under_construction: false,
            land_group: None,
        }
    }

    #[test]
    fn negative_tax_is_allowed_but_negative_land_is_not() {
        let input = EnterpriseInput { tax_wan_yuan: Some(-5.0), land_area_mu: -1.0, ..huangyan_worked_example() };
        let problems = input.problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].to_string(), "land_area_mu: -1 is negative; it must be 0 or more");
    }

    #[test]
    fn non_finite_figures_are_named() {
        let input = EnterpriseInput { energy_tce: Some(f64::NAN), ..huangyan_worked_example() };
        assert_eq!(input.problems()[0].field, "energy_tce");
    }

    #[test]
    fn input_round_trips_through_json() {
        let input = huangyan_worked_example();
        let json = serde_json::to_string(&input).unwrap();
        assert_eq!(serde_json::from_str::<EnterpriseInput>(&json).unwrap(), input);
    }
}
