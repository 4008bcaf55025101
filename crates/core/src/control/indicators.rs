//! A parcel's development figures and the control indicators computed from them
//! (spec §3, the 2008 definitions of 《工业项目建设用地控制指标》 that local rules still use).

use serde::{Deserialize, Serialize};

use super::measure::{number, Assessment, Bilingual, Bound, Computed, Formula, Limit, Unit};
use super::ControlError;
use crate::units::SquareMetres;

/// One storey of one building: its floor area and its floor-to-floor height.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Storey {
    pub floor_area_m2: SquareMetres,
    pub height_m: f64,
}

/// How tall storeys count in 容积率. The 2008 rule: a storey higher than 8 m counts
/// twice, so that single-storey sheds cannot pass for dense development.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TallStoreyRule {
    /// Storeys strictly higher than this count `counts_as` times; exactly 8 m counts once.
    pub height_above_m: f64,
    pub counts_as: f64,
}

impl TallStoreyRule {
    pub fn edition_2008() -> TallStoreyRule {
        TallStoreyRule { height_above_m: 8.0, counts_as: 2.0 }
    }

    /// Floor area as 容积率 counts it (计容建筑面积).
    pub fn counted_floor_area(&self, storeys: &[Storey]) -> SquareMetres {
        SquareMetres(
            storeys
                .iter()
                .map(|s| {
                    if s.height_m > self.height_above_m {
                        s.floor_area_m2.0 * self.counts_as
                    } else {
                        s.floor_area_m2.0
                    }
                })
                .sum(),
        )
    }
}

/// What is, or is planned to be, built and earned on one parcel: the input of a
/// parcel compliance check and of an investor's 标准地 plan alike.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Development {
    /// 项目总用地面积.
    pub land_area_m2: SquareMetres,
    /// Every storey of every building, so that storeys over 8 m can count twice.
    pub storeys: Vec<Storey>,
    /// 建筑物基底面积.
    pub building_footprint_m2: SquareMetres,
    /// 构筑物基底面积 (tanks, towers, chimneys).
    #[serde(default)]
    pub structure_footprint_m2: SquareMetres,
    /// 露天堆场 and 露天操作场地.
    #[serde(default)]
    pub yard_area_m2: SquareMetres,
    /// 行政办公及生活服务设施用地.
    #[serde(default)]
    pub admin_service_area_m2: SquareMetres,
    pub green_area_m2: SquareMetres,
    /// 固定资产总投资: buildings, equipment and the land price.
    pub fixed_asset_investment_wan_yuan: f64,
    /// Yearly output (产值) once producing.
    pub annual_output_wan_yuan: f64,
    /// Yearly tax once producing; may be negative after refunds.
    pub annual_tax_wan_yuan: f64,
    /// Yearly 综合能耗 (等价值), when known.
    #[serde(default)]
    pub annual_energy_tce: Option<f64>,
    /// Yearly emissions of the locally listed main pollutants, when known.
    #[serde(default)]
    pub annual_emissions_t: Option<f64>,
}

impl Development {
    /// Rejects negative or non-finite figures, naming the field to fix.
    pub fn validate(&self) -> Result<(), ControlError> {
        let non_negative = [
            ("land_area_m2", self.land_area_m2.0),
            ("building_footprint_m2", self.building_footprint_m2.0),
            ("structure_footprint_m2", self.structure_footprint_m2.0),
            ("yard_area_m2", self.yard_area_m2.0),
            ("admin_service_area_m2", self.admin_service_area_m2.0),
            ("green_area_m2", self.green_area_m2.0),
            ("fixed_asset_investment_wan_yuan", self.fixed_asset_investment_wan_yuan),
            ("annual_output_wan_yuan", self.annual_output_wan_yuan),
            ("annual_energy_tce", self.annual_energy_tce.unwrap_or(0.0)),
            ("annual_emissions_t", self.annual_emissions_t.unwrap_or(0.0)),
        ];
        for (field, value) in non_negative {
            if !(value.is_finite() && value >= 0.0) {
                return Err(ControlError::NotNonNegative { field: field.to_owned(), value });
            }
        }
        if !self.annual_tax_wan_yuan.is_finite() {
            return Err(ControlError::NotFinite { field: "annual_tax_wan_yuan".to_owned() });
        }
        for (i, storey) in self.storeys.iter().enumerate() {
            if !(storey.floor_area_m2.0.is_finite() && storey.floor_area_m2.0 >= 0.0) {
                let field = format!("storeys[{i}].floor_area_m2");
                return Err(ControlError::NotNonNegative { field, value: storey.floor_area_m2.0 });
            }
            if !(storey.height_m.is_finite() && storey.height_m > 0.0) {
                return Err(ControlError::NotPositive {
                    field: format!("storeys[{i}].height_m"),
                    value: storey.height_m,
                });
            }
        }
        Ok(())
    }
}

/// The indicators a parcel or an investor's plan is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ControlIndicator {
    /// 容积率 = 计容建筑面积 / 总用地面积.
    FloorAreaRatio,
    /// 建筑系数 = (建筑物 + 构筑物 + 堆场) / 总用地, %.
    BuildingCoverage,
    /// 建筑密度 = 建筑物基底 / 总用地, % (标准地 terms use it).
    BuildingDensity,
    /// 行政办公及生活服务设施用地所占比重, %.
    AdminServiceShare,
    /// 绿地率, %.
    GreenRatio,
    /// 投资强度 in 万元/公顷, the unit of the national control values.
    InvestmentPerHectare,
    /// 投资强度 in 万元/亩, the unit of 标准地 terms.
    InvestmentPerMu,
    /// 亩均产值.
    OutputPerMu,
    /// 亩均税收.
    TaxPerMu,
    /// 单位产值能耗 (吨标煤/万元).
    EnergyPerOutput,
    /// 单位产值排放 (吨/万元).
    EmissionPerOutput,
}

impl ControlIndicator {
    pub fn name(self) -> Bilingual {
        let (zh, en) = match self {
            ControlIndicator::FloorAreaRatio => ("容积率", "floor area ratio"),
            ControlIndicator::BuildingCoverage => ("建筑系数", "building coverage"),
            ControlIndicator::BuildingDensity => ("建筑密度", "building density"),
            ControlIndicator::AdminServiceShare => {
                ("行政办公及生活服务设施用地所占比重", "share of office and staff-service land")
            }
            ControlIndicator::GreenRatio => ("绿地率", "green ratio"),
            ControlIndicator::InvestmentPerHectare | ControlIndicator::InvestmentPerMu => {
                ("投资强度", "investment intensity")
            }
            ControlIndicator::OutputPerMu => ("亩均产值", "output per mu"),
            ControlIndicator::TaxPerMu => ("亩均税收", "tax per mu"),
            ControlIndicator::EnergyPerOutput => ("单位产值能耗", "energy use per output"),
            ControlIndicator::EmissionPerOutput => ("单位产值排放", "emissions per output"),
        };
        Bilingual::new(zh, en)
    }

    pub fn unit(self) -> Unit {
        match self {
            ControlIndicator::FloorAreaRatio => Unit::Dimensionless,
            ControlIndicator::BuildingCoverage
            | ControlIndicator::BuildingDensity
            | ControlIndicator::AdminServiceShare
            | ControlIndicator::GreenRatio => Unit::Percent,
            ControlIndicator::InvestmentPerHectare => Unit::WanYuanPerHectare,
            ControlIndicator::InvestmentPerMu | ControlIndicator::OutputPerMu | ControlIndicator::TaxPerMu => {
                Unit::WanYuanPerMu
            }
            ControlIndicator::EnergyPerOutput => Unit::TcePerWanYuan,
            ControlIndicator::EmissionPerOutput => Unit::TonnesPerWanYuan,
        }
    }

    /// Computes the indicator for a development, with the working shown.
    pub fn measure(self, development: &Development, tall: &TallStoreyRule) -> Computed {
        let d = development;
        let land = d.land_area_m2;
        const LAND: (&str, &str) = ("总用地面积", "land area");
        const LAND_MU: (&str, &str) = ("总用地面积（亩）", "land area (mu)");
        const OUTPUT: (&str, &str) = ("年产值", "annual output");
        let formula = |zh: &str, en: &str, denominator| Formula::new((zh, en), denominator, self.unit());
        match self {
            ControlIndicator::FloorAreaRatio => {
                let (above, times) = (number(tall.height_above_m), number(tall.counts_as));
                formula(
                    &format!("计容建筑面积（层高超过 {above} m 的楼层按 {times} 倍计）÷ 总用地面积"),
                    &format!("counted floor area (storeys over {above} m count {times} times) ÷ land area"),
                    LAND,
                )
                .divide(tall.counted_floor_area(&d.storeys).0, land.0)
            }
            ControlIndicator::BuildingCoverage => {
                formula("(建筑物 + 构筑物 + 堆场) ÷ 总用地面积", "(buildings + structures + yards) ÷ land area", LAND)
                    .divide(d.building_footprint_m2.0 + d.structure_footprint_m2.0 + d.yard_area_m2.0, land.0)
            }
            ControlIndicator::BuildingDensity => {
                formula("建筑基底面积 ÷ 总用地面积", "building footprint ÷ land area", LAND)
                    .divide(d.building_footprint_m2.0, land.0)
            }
            ControlIndicator::AdminServiceShare => {
                formula("行政办公及生活服务设施用地 ÷ 总用地面积", "office and staff-service land ÷ land area", LAND)
                    .divide(d.admin_service_area_m2.0, land.0)
            }
            ControlIndicator::GreenRatio => {
                formula("绿地面积 ÷ 总用地面积", "green area ÷ land area", LAND).divide(d.green_area_m2.0, land.0)
            }
            ControlIndicator::InvestmentPerHectare => formula(
                "固定资产总投资 ÷ 总用地面积（公顷）",
                "fixed-asset investment ÷ land area (ha)",
                ("总用地面积（公顷）", "land area (ha)"),
            )
            .divide(d.fixed_asset_investment_wan_yuan, land.to_hectares().0),
            ControlIndicator::InvestmentPerMu => {
                formula("固定资产总投资 ÷ 总用地面积（亩）", "fixed-asset investment ÷ land area (mu)", LAND_MU)
                    .divide(d.fixed_asset_investment_wan_yuan, land.to_mu().0)
            }
            ControlIndicator::OutputPerMu => {
                formula("年产值 ÷ 总用地面积（亩）", "annual output ÷ land area (mu)", LAND_MU)
                    .divide(d.annual_output_wan_yuan, land.to_mu().0)
            }
            ControlIndicator::TaxPerMu => formula("年税收 ÷ 总用地面积（亩）", "annual tax ÷ land area (mu)", LAND_MU)
                .divide(d.annual_tax_wan_yuan, land.to_mu().0),
            ControlIndicator::EnergyPerOutput => {
                let f = formula("年综合能耗 ÷ 年产值", "annual energy use ÷ annual output", OUTPUT);
                match d.annual_energy_tce {
                    Some(energy) => f.divide(energy, d.annual_output_wan_yuan),
                    None => f.missing(("年综合能耗", "annual energy use")),
                }
            }
            ControlIndicator::EmissionPerOutput => {
                let f = formula("年主要污染物排放量 ÷ 年产值", "annual emissions ÷ annual output", OUTPUT);
                match d.annual_emissions_t {
                    Some(emissions) => f.divide(emissions, d.annual_output_wan_yuan),
                    None => f.missing(("年主要污染物排放量", "annual emissions figure")),
                }
            }
        }
    }
}

/// One required value for one indicator, e.g. 投资强度 ≥ 300 万元/亩. The unit is the indicator's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub indicator: ControlIndicator,
    pub bound: Bound,
    pub value: f64,
    /// True when no source confirmed the value (spec: UNCONFIRMED).
    #[serde(default)]
    pub unconfirmed: bool,
}

impl Condition {
    pub fn new(indicator: ControlIndicator, bound: Bound, value: f64) -> Condition {
        Condition { indicator, bound, value, unconfirmed: false }
    }

    pub fn limit(&self) -> Limit {
        Limit { bound: self.bound, value: self.value, unit: self.indicator.unit(), unconfirmed: self.unconfirmed }
    }

    pub fn assess(&self, development: &Development, tall: &TallStoreyRule) -> Assessment<ControlIndicator> {
        let computed = self.indicator.measure(development, tall);
        self.limit().assess(self.indicator, self.indicator.name(), &computed)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::control::measure::Quotient;

    /// 30 亩 (20000 m²) with a 4.5 m ground floor of 6000 m² and a 12 m high bay of 4000 m².
    pub(crate) fn factory() -> Development {
        Development {
            land_area_m2: SquareMetres(20_000.0),
            storeys: vec![
                Storey { floor_area_m2: SquareMetres(6_000.0), height_m: 4.5 },
                Storey { floor_area_m2: SquareMetres(6_000.0), height_m: 4.5 },
                Storey { floor_area_m2: SquareMetres(4_000.0), height_m: 12.0 },
            ],
            building_footprint_m2: SquareMetres(7_000.0),
            structure_footprint_m2: SquareMetres(500.0),
            yard_area_m2: SquareMetres(500.0),
            admin_service_area_m2: SquareMetres(1_000.0),
            green_area_m2: SquareMetres(3_000.0),
            fixed_asset_investment_wan_yuan: 9_000.0,
            annual_output_wan_yuan: 15_000.0,
            annual_tax_wan_yuan: 600.0,
            annual_energy_tce: Some(1_500.0),
            annual_emissions_t: None,
        }
    }

    fn value(indicator: ControlIndicator, development: &Development) -> Option<f64> {
        indicator.measure(development, &TallStoreyRule::edition_2008()).value()
    }

    #[test]
    fn storey_higher_than_eight_metres_counts_twice() {
        let rule = TallStoreyRule::edition_2008();
        let storey = |height_m| [Storey { floor_area_m2: SquareMetres(1_000.0), height_m }];
        assert_eq!(rule.counted_floor_area(&storey(8.0)), SquareMetres(1_000.0));
        assert_eq!(rule.counted_floor_area(&storey(8.01)), SquareMetres(2_000.0));
        assert_eq!(rule.counted_floor_area(&storey(7.99)), SquareMetres(1_000.0));
    }

    #[test]
    fn factory_floor_area_ratio_doubles_the_high_bay() {
        // (6000 + 6000 + 2 × 4000) ÷ 20000 = 1.0; without doubling it would be 0.8.
        assert_eq!(value(ControlIndicator::FloorAreaRatio, &factory()), Some(1.0));
        let working = ControlIndicator::FloorAreaRatio.measure(&factory(), &TallStoreyRule::edition_2008()).working;
        assert_eq!(working.zh, "计容建筑面积（层高超过 8 m 的楼层按 2 倍计）÷ 总用地面积 = 20000 ÷ 20000 = 1");
    }

    #[test]
    fn factory_indicators() {
        let f = factory();
        assert_eq!(value(ControlIndicator::BuildingCoverage, &f), Some(40.0));
        assert_eq!(value(ControlIndicator::BuildingDensity, &f), Some(35.0));
        assert_eq!(value(ControlIndicator::AdminServiceShare, &f), Some(5.0));
        assert_eq!(value(ControlIndicator::GreenRatio, &f), Some(15.0));
        assert_eq!(value(ControlIndicator::InvestmentPerMu, &f), Some(300.0));
        assert_eq!(value(ControlIndicator::InvestmentPerHectare, &f), Some(4_500.0));
        assert_eq!(value(ControlIndicator::OutputPerMu, &f), Some(500.0));
        assert_eq!(value(ControlIndicator::TaxPerMu, &f), Some(20.0));
        assert_eq!(value(ControlIndicator::EnergyPerOutput, &f), Some(0.1));
    }

    #[test]
    fn zero_land_area_makes_every_land_indicator_not_applicable() {
        let f = Development { land_area_m2: SquareMetres(0.0), ..factory() };
        for indicator in [
            ControlIndicator::FloorAreaRatio,
            ControlIndicator::BuildingCoverage,
            ControlIndicator::GreenRatio,
            ControlIndicator::InvestmentPerMu,
            ControlIndicator::InvestmentPerHectare,
            ControlIndicator::TaxPerMu,
        ] {
            let computed = indicator.measure(&f, &TallStoreyRule::edition_2008());
            assert!(matches!(computed.result, Quotient::NotApplicable { .. }), "{indicator:?}");
        }
    }

    #[test]
    fn zero_output_and_missing_emissions_are_not_applicable() {
        let f = Development { annual_output_wan_yuan: 0.0, ..factory() };
        assert_eq!(value(ControlIndicator::EnergyPerOutput, &f), None);
        let missing = ControlIndicator::EmissionPerOutput.measure(&factory(), &TallStoreyRule::edition_2008());
        assert_eq!(
            missing.working.en,
            "annual emissions ÷ annual output: no annual emissions figure was given, so it cannot be computed; add it"
        );
    }

    #[test]
    fn negative_area_and_zero_storey_height_are_rejected() {
        let f = Development { green_area_m2: SquareMetres(-1.0), ..factory() };
        assert_eq!(f.validate(), Err(ControlError::NotNonNegative { field: "green_area_m2".into(), value: -1.0 }));
        let mut f = factory();
        f.storeys[1].height_m = 0.0;
        assert_eq!(
            f.validate().unwrap_err().to_string(),
            "storeys[1].height_m is 0; enter a finite number greater than 0"
        );
        assert_eq!(factory().validate(), Ok(()));
    }

    #[test]
    fn condition_json_uses_snake_case_keys() {
        let condition = Condition::new(ControlIndicator::InvestmentPerMu, Bound::AtLeast, 300.0);
        let value = serde_json::to_value(condition).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "indicator": "investment_per_mu", "bound": "at_least", "value": 300.0, "unconfirmed": false
            })
        );
        assert_eq!(serde_json::from_value::<Condition>(value).unwrap(), condition);
    }
}
