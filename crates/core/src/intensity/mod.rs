//! 开发区土地集约利用评价: park land-use intensity from land-accounting codes (spec §2),
//! after 《开发区土地集约利用评价规程》 (2014 trial edition).
//!
//! - [`accounting`]: the input, [`LandAccounting`] — every code of §2.1 in 公顷, building
//!   figures and money in 万元.
//! - [`indicators`]: the thirteen [`IntensityIndicator`]s of §2.2 with formula, unit and working;
//!   the 土地开发率 denominator is an UNCONFIRMED setting.
//! - [`zone`]: 工业主导型 or 产城融合型, by an UNCONFIRMED rule.
//! - [`reference`]: national and Jiangsu reference values, and the comparison with them.
//!
//! A zero denominator gives a "not applicable" value with the reason, never NaN.

pub mod accounting;
pub mod indicators;
pub mod reference;
pub mod zone;

pub use accounting::LandAccounting;
pub use indicators::{DevelopmentRateDenominator, IndicatorResult, IntensityIndicator, IntensitySettings};
pub use reference::{reference_values, ReferenceComparison, ReferenceValue};
pub use zone::{ZoneShare, ZoneType, ZoneTypeResult, ZoneTypeRule};

use serde::{Deserialize, Serialize};

/// Why a land accounting cannot be evaluated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IntensityError {
    #[error(
        "{field} is {value}; land areas and investment must be finite numbers of at least 0 \
         (enter 0 when there is none)"
    )]
    NotNonNegative { field: &'static str, value: f64 },
    #[error("{field} is not a finite number; enter the tax in 万元 (negative after refunds is allowed)")]
    NotFinite { field: &'static str },
}

/// Every indicator of one zone, its type, and the settings that produced them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntensityReport {
    pub settings: IntensitySettings,
    pub indicators: Vec<IndicatorResult>,
    pub zone_type: ZoneTypeResult,
}

impl IntensityReport {
    /// The value of one indicator, if it applies to the zone.
    pub fn value(&self, indicator: IntensityIndicator) -> Option<f64> {
        self.indicators.iter().find(|r| r.indicator == indicator).and_then(|r| r.computed.value())
    }
}

/// Evaluates a zone's land accounting: all thirteen indicators and the zone type.
pub fn evaluate(land: &LandAccounting, settings: &IntensitySettings) -> Result<IntensityReport, IntensityError> {
    land.validate()?;
    Ok(IntensityReport {
        settings: settings.clone(),
        indicators: IntensityIndicator::ALL.iter().map(|i| i.compute(land, settings)).collect(),
        zone_type: settings.zone_type.classify(land),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Hectares;
    use accounting::tests::zone;
    use proptest::prelude::*;

    #[test]
    fn report_holds_every_indicator_in_spec_order() {
        let report = evaluate(&zone(), &IntensitySettings::default()).unwrap();
        let order: Vec<_> = report.indicators.iter().map(|r| r.indicator).collect();
        assert_eq!(order, IntensityIndicator::ALL);
        assert_eq!(report.value(IntensityIndicator::IdleRate), Some(2.0));
        assert_eq!(report.zone_type.zone_type, Some(ZoneType::IndustryLed));
    }

    #[test]
    fn invalid_accounting_is_rejected() {
        let land = LandAccounting { g_ha: Hectares(f64::INFINITY), ..zone() };
        assert!(matches!(
            evaluate(&land, &IntensitySettings::default()),
            Err(IntensityError::NotNonNegative { field: "g_ha", .. })
        ));
    }

    #[test]
    fn report_round_trips_through_json() {
        let report = evaluate(&zone(), &IntensitySettings::default()).unwrap();
        let text = serde_json::to_string(&report).unwrap();
        assert_eq!(serde_json::from_str::<IntensityReport>(&text).unwrap(), report);
    }

    proptest! {
        #[test]
        fn any_valid_accounting_gives_finite_values_or_reasons(
            codes in proptest::collection::vec(0u32..100_000, 29),
            money in proptest::collection::vec(0u32..100_000_000, 3),
        ) {
            let ha = |i: usize| Hectares(f64::from(codes[i]) / 100.0);
            let land = LandAccounting {
                a1_ha: ha(0), a2_ha: ha(1), a31_ha: ha(2), a32_ha: ha(3), a4_ha: ha(4), a51_ha: ha(5),
                a52_ha: ha(6), a6_ha: ha(7), b11_ha: ha(8), b12_ha: ha(9), b21_ha: ha(10), b22_ha: ha(11),
                c_ha: ha(12), d1_ha: ha(13), d21_ha: ha(14), d22_ha: ha(15), e1_ha: ha(16), e21_ha: ha(17),
                e22_ha: ha(18), g_ha: ha(19), h1_ha: ha(20), h2_ha: ha(21), total_floor_area_ha: ha(22),
                total_building_footprint_ha: ha(23), industrial_floor_area_ha: ha(24),
                industrial_building_footprint_ha: ha(25), industrial_structure_footprint_ha: ha(26),
                industrial_open_storage_ha: ha(27), industrial_open_operations_ha: ha(28),
                industrial_fixed_asset_investment_wan_yuan: f64::from(money[0]),
                industrial_tax_wan_yuan: f64::from(money[1]),
                secondary_tertiary_tax_wan_yuan: f64::from(money[2]),
            };
            let report = evaluate(&land, &IntensitySettings::default()).unwrap();
            for result in &report.indicators {
                if let Some(value) = result.computed.value() {
                    prop_assert!(value.is_finite() && value >= 0.0);
                }
            }
            let text = serde_json::to_string(&land).unwrap();
            prop_assert_eq!(serde_json::from_str::<LandAccounting>(&text).unwrap(), land);
        }
    }
}
