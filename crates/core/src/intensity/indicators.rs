//! The thirteen land-use intensity indicators of spec §2.2, each with its formula and unit.

use serde::{Deserialize, Serialize};

use super::accounting::LandAccounting;
use crate::control::measure::{Bilingual, Computed, Formula, Setting, Unit};

/// An indicator of 开发区土地集约利用评价.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntensityIndicator {
    /// 土地开发率
    DevelopmentRate,
    /// 土地供应率
    SupplyRate,
    /// 土地建成率
    CompletionRate,
    /// 工业用地率
    IndustrialLandShare,
    /// 综合容积率
    FloorAreaRatio,
    /// 建筑密度
    BuildingDensity,
    /// 工业用地综合容积率
    IndustrialFloorAreaRatio,
    /// 工业用地建筑系数
    IndustrialBuildingCoverage,
    /// 工业用地固定资产投入强度
    IndustrialInvestmentIntensity,
    /// 工业用地地均税收
    IndustrialTaxPerHectare,
    /// 综合地均税收
    TaxPerHectare,
    /// 土地闲置率
    IdleRate,
    /// 高新技术产业用地率
    HighTechLandShare,
}

/// The denominator of 土地开发率, which sources disagree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DevelopmentRateDenominator {
    /// A + B: the spec's formula.
    ConstructionLand,
    /// A + B + C: the zone's whole area, as one source has it.
    TotalArea,
}

/// Choices the evaluation leaves to the jurisdiction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntensitySettings {
    /// UNCONFIRMED: (A + B21) / (A + B) by default, or / total area incl. C.
    pub development_rate_denominator: Setting<DevelopmentRateDenominator>,
    pub zone_type: super::zone::ZoneTypeRule,
}

impl Default for IntensitySettings {
    fn default() -> IntensitySettings {
        IntensitySettings {
            development_rate_denominator: Setting::unconfirmed(DevelopmentRateDenominator::ConstructionLand),
            zone_type: super::zone::ZoneTypeRule::default(),
        }
    }
}

/// One indicator's value with its formula and working.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorResult {
    pub indicator: IntensityIndicator,
    pub name: Bilingual,
    pub computed: Computed,
}

impl IntensityIndicator {
    pub const ALL: [IntensityIndicator; 13] = [
        IntensityIndicator::DevelopmentRate,
        IntensityIndicator::SupplyRate,
        IntensityIndicator::CompletionRate,
        IntensityIndicator::IndustrialLandShare,
        IntensityIndicator::FloorAreaRatio,
        IntensityIndicator::BuildingDensity,
        IntensityIndicator::IndustrialFloorAreaRatio,
        IntensityIndicator::IndustrialBuildingCoverage,
        IntensityIndicator::IndustrialInvestmentIntensity,
        IntensityIndicator::IndustrialTaxPerHectare,
        IntensityIndicator::TaxPerHectare,
        IntensityIndicator::IdleRate,
        IntensityIndicator::HighTechLandShare,
    ];

    pub fn name(self) -> Bilingual {
        let (zh, en) = match self {
            IntensityIndicator::DevelopmentRate => ("土地开发率", "land development rate"),
            IntensityIndicator::SupplyRate => ("土地供应率", "land supply rate"),
            IntensityIndicator::CompletionRate => ("土地建成率", "land completion rate"),
            IntensityIndicator::IndustrialLandShare => ("工业用地率", "industrial land share"),
            IntensityIndicator::FloorAreaRatio => ("综合容积率", "overall floor area ratio"),
            IntensityIndicator::BuildingDensity => ("建筑密度", "building density"),
            IntensityIndicator::IndustrialFloorAreaRatio => ("工业用地综合容积率", "industrial floor area ratio"),
            IntensityIndicator::IndustrialBuildingCoverage => ("工业用地建筑系数", "industrial building coverage"),
            IntensityIndicator::IndustrialInvestmentIntensity => {
                ("工业用地固定资产投入强度", "industrial fixed-asset investment intensity")
            }
            IntensityIndicator::IndustrialTaxPerHectare => ("工业用地地均税收", "industrial tax per hectare"),
            IntensityIndicator::TaxPerHectare => ("综合地均税收", "overall tax per hectare"),
            IntensityIndicator::IdleRate => ("土地闲置率", "idle land rate"),
            IntensityIndicator::HighTechLandShare => ("高新技术产业用地率", "high-tech industry land share"),
        };
        Bilingual::new(zh, en)
    }

    pub fn unit(self) -> Unit {
        match self {
            IntensityIndicator::FloorAreaRatio | IntensityIndicator::IndustrialFloorAreaRatio => Unit::Dimensionless,
            IntensityIndicator::IndustrialInvestmentIntensity
            | IntensityIndicator::IndustrialTaxPerHectare
            | IntensityIndicator::TaxPerHectare => Unit::WanYuanPerHectare,
            _ => Unit::Percent,
        }
    }

    /// Computes the indicator; a zero denominator gives a "not applicable" result, never NaN.
    pub fn compute(self, land: &LandAccounting, settings: &IntensitySettings) -> IndicatorResult {
        const A: (&str, &str) = ("A", "A");
        const A2: (&str, &str) = ("A2", "A2");
        const D: (&str, &str) = ("D", "D");
        let a = land.a().0;
        let a2 = land.a2_ha.0;
        let formula = |expression: &str, denominator| Formula::new((expression, expression), denominator, self.unit());
        let computed = match self {
            IntensityIndicator::DevelopmentRate => match settings.development_rate_denominator.value {
                DevelopmentRateDenominator::ConstructionLand => {
                    formula("(A + B21) ÷ (A + B)", ("A + B", "A + B")).divide(a + land.b21_ha.0, a + land.b().0)
                }
                DevelopmentRateDenominator::TotalArea => formula("(A + B21) ÷ (A + B + C)", ("A + B + C", "A + B + C"))
                    .divide(a + land.b21_ha.0, land.total().0),
            },
            IntensityIndicator::SupplyRate => {
                formula("D ÷ (A + B21)", ("A + B21", "A + B21")).divide(land.d().0, a + land.b21_ha.0)
            }
            IntensityIndicator::CompletionRate => formula("A ÷ D", D).divide(a, land.d().0),
            IntensityIndicator::IndustrialLandShare => formula("A2 ÷ A", A).divide(a2, a),
            IntensityIndicator::FloorAreaRatio => {
                Formula::new(("总建筑面积 ÷ A", "total floor area ÷ A"), A, self.unit())
                    .divide(land.total_floor_area_ha.0, a)
            }
            IntensityIndicator::BuildingDensity => {
                Formula::new(("建筑基底总面积 ÷ A", "total building footprint ÷ A"), A, self.unit())
                    .divide(land.total_building_footprint_ha.0, a)
            }
            IntensityIndicator::IndustrialFloorAreaRatio => {
                Formula::new(("A2 上总建筑面积 ÷ A2", "floor area on A2 ÷ A2"), A2, self.unit())
                    .divide(land.industrial_floor_area_ha.0, a2)
            }
            IntensityIndicator::IndustrialBuildingCoverage => Formula::new(
                (
                    "(建筑物 + 构筑物基底 + 露天堆场 + 露天操作场地) ÷ A2",
                    "(buildings + structures + open storage + open operations) ÷ A2",
                ),
                A2,
                self.unit(),
            )
            .divide(
                land.industrial_building_footprint_ha.0
                    + land.industrial_structure_footprint_ha.0
                    + land.industrial_open_storage_ha.0
                    + land.industrial_open_operations_ha.0,
                a2,
            ),
            IntensityIndicator::IndustrialInvestmentIntensity => Formula::new(
                ("工业企业累计固定资产投资 ÷ A2", "cumulative industrial fixed-asset investment ÷ A2"),
                A2,
                self.unit(),
            )
            .divide(land.industrial_fixed_asset_investment_wan_yuan, a2),
            IntensityIndicator::IndustrialTaxPerHectare => {
                Formula::new(("工业企业税收 ÷ A2", "industrial tax ÷ A2"), A2, self.unit())
                    .divide(land.industrial_tax_wan_yuan, a2)
            }
            IntensityIndicator::TaxPerHectare => {
                Formula::new(("二、三产业税收 ÷ A", "secondary and tertiary tax ÷ A"), A, self.unit())
                    .divide(land.secondary_tertiary_tax_wan_yuan, a)
            }
            IntensityIndicator::IdleRate => formula("G ÷ D", D).divide(land.g_ha.0, land.d().0),
            IntensityIndicator::HighTechLandShare => formula("(H1 + H2) ÷ A", A).divide(land.h1_ha.0 + land.h2_ha.0, a),
        };
        IndicatorResult { indicator: self, name: self.name(), computed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::measure::Quotient;
    use crate::intensity::accounting::tests::zone;
    use crate::units::Hectares;
    use approx::assert_relative_eq;

    fn value(indicator: IntensityIndicator, land: &LandAccounting) -> Option<f64> {
        indicator.compute(land, &IntensitySettings::default()).computed.value()
    }

    #[test]
    fn every_indicator_of_the_sample_zone() {
        use IntensityIndicator::*;
        let z = zone();
        let expected = [
            (DevelopmentRate, 90.0),
            (CompletionRate, 100.0),
            (IndustrialLandShare, 50.0),
            (FloorAreaRatio, 1.0),
            (BuildingDensity, 35.0),
            (IndustrialFloorAreaRatio, 0.9),
            (IndustrialBuildingCoverage, 50.0),
            (IndustrialInvestmentIntensity, 9_000.0),
            (IndustrialTaxPerHectare, 700.0),
            (TaxPerHectare, 600.0),
            (IdleRate, 2.0),
            (HighTechLandShare, 25.0),
        ];
        for (indicator, expected) in expected {
            assert_eq!(value(indicator, &z), Some(expected), "{indicator:?}");
        }
        assert_relative_eq!(value(SupplyRate, &z).unwrap(), 800.0 / 9.0, max_relative = 1e-12);
    }

    #[test]
    fn development_rate_denominator_is_a_setting() {
        let settings = IntensitySettings {
            development_rate_denominator: Setting::confirmed(DevelopmentRateDenominator::TotalArea),
            ..IntensitySettings::default()
        };
        let result = IntensityIndicator::DevelopmentRate.compute(&zone(), &settings);
        assert_relative_eq!(result.computed.value().unwrap(), 900.0 * 100.0 / 1_100.0, max_relative = 1e-12);
        assert_eq!(result.computed.working.zh, "(A + B21) ÷ (A + B + C) = 900 ÷ 1100 = 81.8182%");
        assert!(IntensitySettings::default().development_rate_denominator.unconfirmed);
    }

    #[test]
    fn working_shows_formula_numbers_and_unit() {
        let result = IntensityIndicator::IndustrialInvestmentIntensity.compute(&zone(), &IntensitySettings::default());
        assert_eq!(result.name.zh, "工业用地固定资产投入强度");
        assert_eq!(result.computed.working.zh, "工业企业累计固定资产投资 ÷ A2 = 3600000 ÷ 400 = 9000 万元/公顷");
        assert_eq!(
            result.computed.working.en,
            "cumulative industrial fixed-asset investment ÷ A2 = 3600000 ÷ 400 = 9000 ×10⁴ CNY/ha"
        );
    }

    #[test]
    fn empty_zone_gives_not_applicable_for_every_indicator() {
        let empty = LandAccounting::default();
        for indicator in IntensityIndicator::ALL {
            let result = indicator.compute(&empty, &IntensitySettings::default());
            assert!(matches!(result.computed.result, Quotient::NotApplicable { .. }), "{indicator:?}");
        }
    }

    #[test]
    fn zone_without_industrial_land_explains_the_zero_denominator() {
        let z = LandAccounting { a2_ha: Hectares(0.0), ..zone() };
        let result = IntensityIndicator::IndustrialTaxPerHectare.compute(&z, &IntensitySettings::default());
        assert_eq!(
            result.computed.result,
            Quotient::NotApplicable {
                reason: Bilingual::new("A2为 0，该指标不适用", "A2 is 0, so the indicator does not apply")
            }
        );
        assert_eq!(value(IntensityIndicator::TaxPerHectare, &z), Some(480_000.0 / 400.0));
    }

    #[test]
    fn units_follow_the_spec_table() {
        assert_eq!(IntensityIndicator::FloorAreaRatio.unit(), Unit::Dimensionless);
        assert_eq!(IntensityIndicator::IndustrialTaxPerHectare.unit(), Unit::WanYuanPerHectare);
        assert_eq!(IntensityIndicator::IdleRate.unit(), Unit::Percent);
    }
}
