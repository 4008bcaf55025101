//! A development zone's land accounting (开发区土地集约利用评价规程 codes, spec §2.1),
//! building figures and money, the input of the intensity indicators.

use serde::{Deserialize, Serialize};

use super::IntensityError;
use crate::units::Hectares;

/// Land by accounting code, in 公顷, plus building figures and money.
///
/// Building areas are in 公顷 too (1 公顷 = 1 万 m², the unit statistical returns use).
/// Codes a zone does not report are 0.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LandAccounting {
    /// A1 住宅用地.
    pub a1_ha: Hectares,
    /// A2 工矿仓储用地.
    pub a2_ha: Hectares,
    /// A31 街巷用地.
    pub a31_ha: Hectares,
    /// A32 其他交通用地.
    pub a32_ha: Hectares,
    /// A4 商服用地.
    pub a4_ha: Hectares,
    /// A51 公园与绿地.
    pub a51_ha: Hectares,
    /// A52 公共管理与公共服务用地.
    pub a52_ha: Hectares,
    /// A6 其他建成城镇建设用地.
    pub a6_ha: Hectares,
    /// B11 已建成农村工矿仓储用地.
    pub b11_ha: Hectares,
    /// B12 其他已建成农村建设用地.
    pub b12_ha: Hectares,
    /// B21 已达到供地条件的其他土地.
    pub b21_ha: Hectares,
    /// B22 未达到供地条件的其他土地.
    pub b22_ha: Hectares,
    /// C 不可建设土地 (rivers, lakes, ecological protection).
    pub c_ha: Hectares,
    /// D1 已供应的划拨土地.
    pub d1_ha: Hectares,
    /// D21 有偿使用且未到期.
    pub d21_ha: Hectares,
    /// D22 有偿使用已到期但未处置.
    pub d22_ha: Hectares,
    /// E1 尚可供应的划拨土地.
    pub e1_ha: Hectares,
    /// E21 尚可供应的工矿仓储用地.
    pub e21_ha: Hectares,
    /// E22 尚可供应的其他有偿使用土地.
    pub e22_ha: Hectares,
    /// G 闲置土地.
    pub g_ha: Hectares,
    /// H1 一类高新技术产业用地.
    pub h1_ha: Hectares,
    /// H2 二类高新技术产业用地.
    pub h2_ha: Hectares,
    /// 总建筑面积 on A.
    pub total_floor_area_ha: Hectares,
    /// 建筑基底总面积 on A.
    pub total_building_footprint_ha: Hectares,
    /// 总建筑面积 on A2.
    pub industrial_floor_area_ha: Hectares,
    /// 建筑物基底面积 on A2.
    pub industrial_building_footprint_ha: Hectares,
    /// 构筑物基底面积 on A2.
    pub industrial_structure_footprint_ha: Hectares,
    /// 露天堆场 on A2.
    pub industrial_open_storage_ha: Hectares,
    /// 露天操作场地 on A2.
    pub industrial_open_operations_ha: Hectares,
    /// 工业企业累计固定资产投资.
    pub industrial_fixed_asset_investment_wan_yuan: f64,
    /// 工业企业税收.
    pub industrial_tax_wan_yuan: f64,
    /// 二、三产业税收.
    pub secondary_tertiary_tax_wan_yuan: f64,
}

impl LandAccounting {
    /// A 已建成城镇建设用地 = A1 + A2 + A31 + A32 + A4 + A51 + A52 + A6.
    pub fn a(&self) -> Hectares {
        sum(&[self.a1_ha, self.a2_ha, self.a31_ha, self.a32_ha, self.a4_ha, self.a51_ha, self.a52_ha, self.a6_ha])
    }

    /// B = B11 + B12 + B21 + B22.
    pub fn b(&self) -> Hectares {
        sum(&[self.b11_ha, self.b12_ha, self.b21_ha, self.b22_ha])
    }

    /// D 已供应国有建设用地 = D1 + D21 + D22.
    pub fn d(&self) -> Hectares {
        sum(&[self.d1_ha, self.d21_ha, self.d22_ha])
    }

    /// E 尚可供应 = E1 + E21 + E22.
    pub fn e(&self) -> Hectares {
        sum(&[self.e1_ha, self.e21_ha, self.e22_ha])
    }

    /// The zone's whole area, A + B + C.
    pub fn total(&self) -> Hectares {
        sum(&[self.a(), self.b(), self.c_ha])
    }

    /// Rejects negative or non-finite figures, naming the field to fix.
    pub fn validate(&self) -> Result<(), IntensityError> {
        let areas = [
            ("a1_ha", self.a1_ha.0),
            ("a2_ha", self.a2_ha.0),
            ("a31_ha", self.a31_ha.0),
            ("a32_ha", self.a32_ha.0),
            ("a4_ha", self.a4_ha.0),
            ("a51_ha", self.a51_ha.0),
            ("a52_ha", self.a52_ha.0),
            ("a6_ha", self.a6_ha.0),
            ("b11_ha", self.b11_ha.0),
            ("b12_ha", self.b12_ha.0),
            ("b21_ha", self.b21_ha.0),
            ("b22_ha", self.b22_ha.0),
            ("c_ha", self.c_ha.0),
            ("d1_ha", self.d1_ha.0),
            ("d21_ha", self.d21_ha.0),
            ("d22_ha", self.d22_ha.0),
            ("e1_ha", self.e1_ha.0),
            ("e21_ha", self.e21_ha.0),
            ("e22_ha", self.e22_ha.0),
            ("g_ha", self.g_ha.0),
            ("h1_ha", self.h1_ha.0),
            ("h2_ha", self.h2_ha.0),
            ("total_floor_area_ha", self.total_floor_area_ha.0),
            ("total_building_footprint_ha", self.total_building_footprint_ha.0),
            ("industrial_floor_area_ha", self.industrial_floor_area_ha.0),
            ("industrial_building_footprint_ha", self.industrial_building_footprint_ha.0),
            ("industrial_structure_footprint_ha", self.industrial_structure_footprint_ha.0),
            ("industrial_open_storage_ha", self.industrial_open_storage_ha.0),
            ("industrial_open_operations_ha", self.industrial_open_operations_ha.0),
            ("industrial_fixed_asset_investment_wan_yuan", self.industrial_fixed_asset_investment_wan_yuan),
        ];
        if let Some((field, value)) = areas.into_iter().find(|(_, v)| !(v.is_finite() && *v >= 0.0)) {
            return Err(IntensityError::NotNonNegative { field, value });
        }
        // Taxes may be negative after refunds, but must be numbers.
        let taxes = [
            ("industrial_tax_wan_yuan", self.industrial_tax_wan_yuan),
            ("secondary_tertiary_tax_wan_yuan", self.secondary_tertiary_tax_wan_yuan),
        ];
        match taxes.into_iter().find(|(_, v)| !v.is_finite()) {
            Some((field, _)) => Err(IntensityError::NotFinite { field }),
            None => Ok(()),
        }
    }
}

fn sum(parts: &[Hectares]) -> Hectares {
    Hectares(parts.iter().map(|h| h.0).sum())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A made-up national-level zone of 1000 ha, round numbers so every indicator is exact.
    pub(crate) fn zone() -> LandAccounting {
        LandAccounting {
            a1_ha: Hectares(150.0),
            a2_ha: Hectares(400.0),
            a31_ha: Hectares(60.0),
            a32_ha: Hectares(40.0),
            a4_ha: Hectares(50.0),
            a51_ha: Hectares(60.0),
            a52_ha: Hectares(30.0),
            a6_ha: Hectares(10.0),
            b11_ha: Hectares(20.0),
            b12_ha: Hectares(30.0),
            b21_ha: Hectares(100.0),
            b22_ha: Hectares(50.0),
            c_ha: Hectares(100.0),
            d1_ha: Hectares(200.0),
            d21_ha: Hectares(560.0),
            d22_ha: Hectares(40.0),
            e1_ha: Hectares(10.0),
            e21_ha: Hectares(60.0),
            e22_ha: Hectares(30.0),
            g_ha: Hectares(16.0),
            h1_ha: Hectares(120.0),
            h2_ha: Hectares(80.0),
            total_floor_area_ha: Hectares(800.0),
            total_building_footprint_ha: Hectares(280.0),
            industrial_floor_area_ha: Hectares(360.0),
            industrial_building_footprint_ha: Hectares(160.0),
            industrial_structure_footprint_ha: Hectares(20.0),
            industrial_open_storage_ha: Hectares(12.0),
            industrial_open_operations_ha: Hectares(8.0),
            industrial_fixed_asset_investment_wan_yuan: 3_600_000.0,
            industrial_tax_wan_yuan: 280_000.0,
            secondary_tertiary_tax_wan_yuan: 480_000.0,
        }
    }

    #[test]
    fn code_sums() {
        let z = zone();
        assert_eq!(z.a(), Hectares(800.0));
        assert_eq!(z.b(), Hectares(200.0));
        assert_eq!(z.d(), Hectares(800.0));
        assert_eq!(z.e(), Hectares(100.0));
        assert_eq!(z.total(), Hectares(1_100.0));
    }

    #[test]
    fn negative_area_is_rejected_by_code() {
        let z = LandAccounting { b21_ha: Hectares(-3.0), ..zone() };
        assert_eq!(
            z.validate().unwrap_err().to_string(),
            "b21_ha is -3; land areas and investment must be finite numbers of at least 0 (enter 0 when there is none)"
        );
        assert_eq!(zone().validate(), Ok(()));
    }

    #[test]
    fn non_finite_tax_is_rejected() {
        let z = LandAccounting { industrial_tax_wan_yuan: f64::NAN, ..zone() };
        assert_eq!(z.validate(), Err(IntensityError::NotFinite { field: "industrial_tax_wan_yuan" }));
        let refunded = LandAccounting { industrial_tax_wan_yuan: -10.0, ..zone() };
        assert_eq!(refunded.validate(), Ok(()));
    }

    #[test]
    fn missing_codes_default_to_zero_in_json() {
        let z: LandAccounting = serde_json::from_str(r#"{ "a2_ha": 12.5, "d1_ha": 3 }"#).unwrap();
        assert_eq!(z.a(), Hectares(12.5));
        assert_eq!(z.d(), Hectares(3.0));
        assert_eq!(z.g_ha, Hectares(0.0));
    }

    #[test]
    fn misspelt_code_is_rejected_rather_than_read_as_zero() {
        let err = serde_json::from_str::<LandAccounting>(r#"{ "a2": 12.5 }"#).unwrap_err();
        assert!(err.to_string().starts_with("unknown field `a2`"), "{err}");
    }
}
