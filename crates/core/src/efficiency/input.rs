//! One enterprise's figures for one evaluation year: what the 亩均 evaluation reads.
//!
//! Amounts are in 万元, land in 亩, energy in 吨标煤, emissions and water in 吨. Every
//! figure but land may be unreported (`None`); the profile decides what that scores.

use chrono::NaiveDate;
use serde::de::{Error as _, MapAccess};
use serde::{Deserialize, Deserializer, Serialize};

use crate::beside::{self, OwnFields};

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

impl Cohort {
    /// The cohort's name in profiles and on the wire.
    pub fn key(self) -> &'static str {
        match self {
            Cohort::AboveScale => "above_scale",
            Cohort::BelowScale => "below_scale",
        }
    }
}

impl std::fmt::Display for Cohort {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        out.write_str(self.key())
    }
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

/// An enterprise in an evaluation: who it is, its cohort and its figures for the year. On
/// the wire and in the batch files all three sit in one flat object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnterpriseInput {
    pub id: String,
    pub name: String,
    pub cohort: Cohort,
    #[serde(flatten)]
    pub figures: EfficiencyFigures,
}

/// One enterprise's figures for one evaluation year: what the 亩均 evaluation reads beside
/// the enterprise's id, name and cohort. Annual data stores exactly these.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EfficiencyFigures {
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
    /// 用水量.
    #[serde(default)]
    pub water_t: Option<f64>,
    /// 用电量.
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
    /// A reason to grade the enterprise T (不适合评价), given outright.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub exemption: Option<ExemptionReason>,
    /// When production started; under the profile's minimum years the enterprise is T.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub production_start: Option<NaiveDate>,
    /// When the land was granted; recent grants still under construction are T.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub land_granted: Option<NaiveDate>,
    #[serde(default)]
    pub under_construction: bool,
    /// Enterprises sharing one parcel name the same group: their figures are merged and
    /// they share one result (spec §1.1).
    #[serde(default)]
    pub land_group: Option<String>,
}

/// The input's own fields, read beside its figures.
#[derive(Default)]
struct Identity {
    id: Option<String>,
    name: Option<String>,
    cohort: Option<Cohort>,
}

impl<'de> OwnFields<'de> for Identity {
    fn read<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "id" => self.id = Some(map.next_value()?),
            "name" => self.name = Some(map.next_value()?),
            "cohort" => self.cohort = Some(map.next_value()?),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

impl<'de> Deserialize<'de> for EnterpriseInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<EnterpriseInput, D::Error> {
        let (identity, figures) = beside::deserialize::<D, Identity, EfficiencyFigures>(deserializer)?;
        Ok(EnterpriseInput {
            id: identity.id.ok_or_else(|| D::Error::missing_field("id"))?,
            name: identity.name.ok_or_else(|| D::Error::missing_field("name"))?,
            cohort: identity.cohort.ok_or_else(|| D::Error::missing_field("cohort"))?,
            figures,
        })
    }
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
        let f = &self.figures;
        check("land_area_mu", Some(f.land_area_mu), false);
        check("tax_wan_yuan", f.tax_wan_yuan, true);
        check("value_added_wan_yuan", f.value_added_wan_yuan, true);
        check("revenue_wan_yuan", f.revenue_wan_yuan, false);
        check("main_business_revenue_wan_yuan", f.main_business_revenue_wan_yuan, false);
        check("energy_tce", f.energy_tce, false);
        check("emissions_t", f.emissions_t, false);
        check("water_t", f.water_t, false);
        check("electricity_kwh", f.electricity_kwh, false);
        check("average_staff", f.average_staff, false);
        check("rd_wan_yuan", f.rd_wan_yuan, false);
        check("bonus", Some(f.bonus), false);
        check("deduction", Some(f.deduction), false);
        problems
    }
}

#[cfg(test)]
impl EnterpriseInput {
    /// This enterprise with some figures changed: how tests vary one figure.
    pub(crate) fn with(mut self, change: impl FnOnce(&mut EfficiencyFigures)) -> EnterpriseInput {
        change(&mut self.figures);
        self
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::json;

    /// The enterprise of the spec's worked example (§1.5).
    pub(crate) fn huangyan_worked_example() -> EnterpriseInput {
        EnterpriseInput {
            id: "E1".into(),
            name: "示例企业".into(),
            cohort: Cohort::AboveScale,
            figures: EfficiencyFigures {
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
            },
        }
    }

    #[test]
    fn negative_tax_is_allowed_but_negative_land_is_not() {
        let input = huangyan_worked_example().with(|f| {
            f.tax_wan_yuan = Some(-5.0);
            f.land_area_mu = -1.0;
        });
        let problems = input.problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].to_string(), "land_area_mu: -1 is negative; it must be 0 or more");
    }

    #[test]
    fn non_finite_figures_are_named() {
        let input = huangyan_worked_example().with(|f| f.energy_tce = Some(f64::NAN));
        assert_eq!(input.problems()[0].field, "energy_tce");
    }

    #[test]
    fn input_round_trips_through_json() {
        let input = huangyan_worked_example();
        let json = serde_json::to_string(&input).unwrap();
        assert_eq!(serde_json::from_str::<EnterpriseInput>(&json).unwrap(), input);
    }

    #[test]
    fn the_json_is_one_flat_object_that_refuses_unknown_fields() {
        let value = serde_json::to_value(huangyan_worked_example()).unwrap();
        assert_eq!(
            (&value["id"], &value["cohort"], &value["land_area_mu"]),
            (&json!("E1"), &json!("above_scale"), &json!(30.0))
        );
        assert_eq!(value.get("figures"), None);
        let mut misspelt = value.clone();
        misspelt["energy_tec"] = json!(1.0);
        let error = serde_json::from_value::<EnterpriseInput>(misspelt).unwrap_err().to_string();
        assert!(error.starts_with("unknown field `energy_tec`, expected one of `land_area_mu`"), "{error}");
        let mut nameless = value;
        nameless.as_object_mut().unwrap().remove("name");
        let error = serde_json::from_value::<EnterpriseInput>(nameless).unwrap_err().to_string();
        assert_eq!(error, "missing field `name`");
    }
}
