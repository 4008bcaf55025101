//! The 亩均 indicators (spec §1.2): what each measures, its unit, and how it is
//! computed from an enterprise's annual figures.
//!
//! An indicator is undefined when its input is missing or its denominator is zero
//! (no land, no energy use reported); the profile decides what an undefined value
//! scores, so nothing here ever yields NaN.

use serde::{Deserialize, Serialize};

use super::input::EnterpriseInput;

/// Every indicator a profile may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// 亩均税收: 评价税收 / 用地面积, 万元/亩
    TaxPerMu,
    /// 亩均增加值: 工业增加值 / 用地面积, 万元/亩
    ValueAddedPerMu,
    /// 亩均营业收入 (亩均销售收入): 营业收入 / 用地面积, 万元/亩
    RevenuePerMu,
    /// 单位能耗增加值: 工业增加值 / 综合能耗, 万元/吨标煤
    ValueAddedPerEnergy,
    /// 单位能耗税收 (淮安 "绿色发展"): 评价税收 / 综合能耗, 万元/吨标煤
    TaxPerEnergy,
    /// 单位排放增加值: 工业增加值 / 主要污染物排放量, 万元/吨
    ValueAddedPerEmission,
    /// 单位用水量工业增加值: 工业增加值 / 用水量, 万元/吨
    ValueAddedPerWater,
    /// 全员劳动生产率: 工业增加值 / 年平均职工人数, 万元/人·年
    LabourProductivity,
    /// R&D经费支出占主营业务收入之比: R&D经费 / 主营业务收入, ratio
    RdIntensity,
    /// 单位电耗税收 (规下): 评价税收 / 用电量, 元/kWh
    TaxPerKwh,
}

/// What a person needs to read an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicatorInfo {
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub unit: &'static str,
    /// The formula in words, numerator over denominator.
    pub formula_zh: &'static str,
    pub formula_en: &'static str,
    /// True where the spec marks the unit UNCONFIRMED.
    pub unit_unconfirmed: bool,
}

/// Why an indicator has no value for an enterprise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Undefined {
    /// An input the formula needs was not reported.
    MissingData,
    /// The denominator is zero (no land, no energy or water use, no staff, no revenue).
    ZeroDenominator,
}

impl Indicator {
    pub const ALL: [Indicator; 10] = [
        Indicator::TaxPerMu,
        Indicator::ValueAddedPerMu,
        Indicator::RevenuePerMu,
        Indicator::ValueAddedPerEnergy,
        Indicator::TaxPerEnergy,
        Indicator::ValueAddedPerEmission,
        Indicator::ValueAddedPerWater,
        Indicator::LabourProductivity,
        Indicator::RdIntensity,
        Indicator::TaxPerKwh,
    ];

    pub fn info(self) -> IndicatorInfo {
        let info = |name_zh, name_en, unit, formula_zh, formula_en| IndicatorInfo {
            name_zh,
            name_en,
            unit,
            formula_zh,
            formula_en,
            unit_unconfirmed: false,
        };
        match self {
            Indicator::TaxPerMu => info("亩均税收", "tax per mu", "万元/亩", "评价税收 ÷ 用地面积", "tax ÷ land area"),
            Indicator::ValueAddedPerMu => {
                info("亩均增加值", "value added per mu", "万元/亩", "工业增加值 ÷ 用地面积", "value added ÷ land area")
            }
            Indicator::RevenuePerMu => {
                info("亩均营业收入", "revenue per mu", "万元/亩", "营业收入 ÷ 用地面积", "revenue ÷ land area")
            }
            Indicator::ValueAddedPerEnergy => info(
                "单位能耗增加值",
                "value added per unit of energy",
                "万元/吨标煤",
                "工业增加值 ÷ 综合能耗",
                "value added ÷ energy use",
            ),
            Indicator::TaxPerEnergy => {
                info("单位能耗税收", "tax per unit of energy", "万元/吨标煤", "评价税收 ÷ 综合能耗", "tax ÷ energy use")
            }
            Indicator::ValueAddedPerEmission => info(
                "单位排放增加值",
                "value added per unit of emissions",
                "万元/吨",
                "工业增加值 ÷ 主要污染物排放量",
                "value added ÷ main pollutant emissions",
            ),
            Indicator::ValueAddedPerWater => info(
                "单位用水量工业增加值",
                "value added per unit of water",
                "万元/吨",
                "工业增加值 ÷ 用水量",
                "value added ÷ water use",
            ),
            Indicator::LabourProductivity => info(
                "全员劳动生产率",
                "labour productivity",
                "万元/人·年",
                "工业增加值 ÷ 年平均职工人数",
                "value added ÷ average staff",
            ),
            Indicator::RdIntensity => info(
                "R&D经费支出占主营业务收入之比",
                "R&D spending to main-business revenue",
                "比值",
                "R&D经费 ÷ 主营业务收入",
                "R&D spending ÷ main-business revenue",
            ),
            Indicator::TaxPerKwh => IndicatorInfo {
                unit_unconfirmed: true,
                ..info("单位电耗税收", "tax per kWh", "元/kWh", "评价税收 ÷ 用电量", "tax ÷ electricity use")
            },
        }
    }

    /// The indicator's value for one enterprise, or why it has none.
    pub fn value(self, input: &EnterpriseInput) -> Result<f64, Undefined> {
        let input = &input.figures;
        let land = Some(input.land_area_mu);
        match self {
            Indicator::TaxPerMu => ratio(input.tax_wan_yuan, land),
            Indicator::ValueAddedPerMu => ratio(input.value_added_wan_yuan, land),
            Indicator::RevenuePerMu => ratio(input.revenue_wan_yuan, land),
            Indicator::ValueAddedPerEnergy => ratio(input.value_added_wan_yuan, input.energy_tce),
            Indicator::TaxPerEnergy => ratio(input.tax_wan_yuan, input.energy_tce),
            Indicator::ValueAddedPerEmission => ratio(input.value_added_wan_yuan, input.emissions_t),
            Indicator::ValueAddedPerWater => ratio(input.value_added_wan_yuan, input.water_t),
            Indicator::LabourProductivity => ratio(input.value_added_wan_yuan, input.average_staff),
            Indicator::RdIntensity => ratio(input.rd_wan_yuan, input.main_business_revenue_wan_yuan),
            // 万元 over kWh gives 万元/kWh; ×10⁴ gives the 元/kWh that the benchmarks use.
            Indicator::TaxPerKwh => ratio(input.tax_wan_yuan, input.electricity_kwh).map(|v| v * 10_000.0),
        }
    }
}

fn ratio(numerator: Option<f64>, denominator: Option<f64>) -> Result<f64, Undefined> {
    let (Some(numerator), Some(denominator)) = (numerator, denominator) else {
        return Err(Undefined::MissingData);
    };
    if denominator == 0.0 {
        return Err(Undefined::ZeroDenominator);
    }
    Ok(numerator / denominator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::efficiency::input::tests::huangyan_worked_example;
    use approx::assert_relative_eq;

    #[test]
    fn worked_example_indicators_match_the_spec() {
        // Spec §1.5: 20; 100; 3; 6000; 20; 0.03.
        let input = huangyan_worked_example();
        let values: Vec<f64> = [
            Indicator::TaxPerMu,
            Indicator::ValueAddedPerMu,
            Indicator::ValueAddedPerEnergy,
            Indicator::ValueAddedPerEmission,
            Indicator::LabourProductivity,
            Indicator::RdIntensity,
        ]
        .iter()
        .map(|i| i.value(&input).unwrap())
        .collect();
        for (value, expected) in values.iter().zip([20.0, 100.0, 3.0, 6000.0, 20.0, 0.03]) {
            assert_relative_eq!(*value, expected, max_relative = 1e-12);
        }
    }

    #[test]
    fn zero_energy_is_a_zero_denominator_not_infinity() {
        let input = huangyan_worked_example().with(|f| f.energy_tce = Some(0.0));
        assert_eq!(Indicator::ValueAddedPerEnergy.value(&input), Err(Undefined::ZeroDenominator));
    }

    #[test]
    fn unreported_emissions_are_missing_data() {
        let input = huangyan_worked_example().with(|f| f.emissions_t = None);
        assert_eq!(Indicator::ValueAddedPerEmission.value(&input), Err(Undefined::MissingData));
    }

    #[test]
    fn tax_per_kwh_is_in_yuan() {
        let input = huangyan_worked_example().with(|f| {
            f.tax_wan_yuan = Some(50.0);
            f.electricity_kwh = Some(2_000_000.0);
        });
        assert_relative_eq!(Indicator::TaxPerKwh.value(&input).unwrap(), 0.25, max_relative = 1e-12);
        assert!(Indicator::TaxPerKwh.info().unit_unconfirmed);
    }
}
