//! National and provincial reference values of the intensity indicators (spec §2.2),
//! shipped as data so that a dashboard can set a zone's figures beside them.

use serde::{Deserialize, Serialize};

use super::indicators::IntensityIndicator;
use super::IntensityReport;
use crate::control::measure::{number, Bilingual, Unit};

/// A published value of one indicator for some scope and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceValue {
    pub indicator: IntensityIndicator,
    pub value: f64,
    /// Always the indicator's unit; stored so the data reads on its own.
    pub unit: Unit,
    /// Whose value it is, e.g. 全国国家级开发区.
    pub scope: Bilingual,
    /// The statistical year, when the source gives one.
    pub year: Option<u16>,
    pub source: String,
}

/// A zone's value beside a reference value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceComparison {
    pub reference: ReferenceValue,
    /// The zone's value; absent when the indicator does not apply to it.
    pub current: Option<f64>,
    /// `current − reference.value`, in the indicator's unit.
    pub difference: Option<f64>,
    pub explanation: Bilingual,
}

/// The reference values of spec §2.2: national monitoring [S21] and the 2024 statistics [S22].
pub fn reference_values() -> Vec<ReferenceValue> {
    use IntensityIndicator::*;
    let national = || Bilingual::new("全国国家级开发区", "national-level development zones");
    let monitoring = "S21 国家级开发区土地集约利用监测统计通报";
    let statistics_2024 = "S22 2024 统计";
    let rows = [
        (DevelopmentRate, 89.46, national(), None, monitoring),
        (SupplyRate, 92.68, national(), None, monitoring),
        (CompletionRate, 92.77, national(), None, monitoring),
        (FloorAreaRatio, 0.98, national(), None, monitoring),
        (IndustrialFloorAreaRatio, 0.93, national(), None, monitoring),
        (IndustrialLandShare, 48.52, national(), None, monitoring),
        (IndustrialInvestmentIntensity, 8_984.3, national(), None, monitoring),
        (IndustrialTaxPerHectare, 678.99, national(), None, monitoring),
        (TaxPerHectare, 539.96, national(), None, monitoring),
        (FloorAreaRatio, 1.06, Bilingual::new("全国", "China"), Some(2024), statistics_2024),
        (BuildingDensity, 33.87, Bilingual::new("全国", "China"), Some(2024), statistics_2024),
        (FloorAreaRatio, 1.19, Bilingual::new("江苏", "Jiangsu"), Some(2024), statistics_2024),
        (BuildingDensity, 50.13, Bilingual::new("江苏", "Jiangsu"), Some(2024), statistics_2024),
    ];
    rows.into_iter()
        .map(|(indicator, value, scope, year, source)| ReferenceValue {
            indicator,
            value,
            unit: indicator.unit(),
            scope,
            year,
            source: source.to_owned(),
        })
        .collect()
}

impl IntensityReport {
    /// Sets the zone's value of each referenced indicator beside the reference.
    pub fn compare(&self, references: &[ReferenceValue]) -> Vec<ReferenceComparison> {
        references.iter().map(|reference| self.compare_one(reference)).collect()
    }

    fn compare_one(&self, reference: &ReferenceValue) -> ReferenceComparison {
        let current = self.value(reference.indicator);
        let difference = current.map(|c| c - reference.value);
        let name = reference.indicator.name();
        let (unit_zh, unit_en) = (reference.unit.symbol_zh(), reference.unit.symbol_en());
        let (scope_zh, scope_en) = match reference.year {
            Some(year) => (format!("{}（{year}）", reference.scope.zh), format!("{} ({year})", reference.scope.en)),
            None => (reference.scope.zh.clone(), reference.scope.en.clone()),
        };
        let against_zh = format!("{scope_zh} {}{unit_zh}", number(reference.value));
        let against_en = format!("{scope_en} {}{unit_en}", number(reference.value));
        let explanation = match (current, difference) {
            (Some(current), Some(d)) => {
                let (zh_word, en_word) = if d >= 0.0 { ("高", "above by") } else { ("低", "below by") };
                let gap = number(d.abs());
                Bilingual::new(
                    format!("{}：本区 {}{unit_zh}，{against_zh}，{zh_word} {gap}{unit_zh}", name.zh, number(current)),
                    format!(
                        "{}: this zone {}{unit_en}, {against_en}, {en_word} {gap}{unit_en}",
                        name.en,
                        number(current)
                    ),
                )
            }
            _ => Bilingual::new(
                format!("{}：本区不适用，{against_zh}", name.zh),
                format!("{}: does not apply to this zone; {against_en}", name.en),
            ),
        };
        ReferenceComparison { reference: reference.clone(), current, difference, explanation }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intensity::accounting::tests::zone;
    use crate::intensity::accounting::LandAccounting;
    use crate::intensity::{evaluate, IntensitySettings};

    #[test]
    fn thirteen_reference_values_in_their_indicator_units() {
        let references = reference_values();
        assert_eq!(references.len(), 13);
        assert!(references.iter().all(|r| r.unit == r.indicator.unit()));
        let investment = references.iter().find(|r| r.indicator == IntensityIndicator::IndustrialInvestmentIntensity);
        assert_eq!(investment.unwrap().value, 8_984.3);
        let jiangsu: Vec<_> = references.iter().filter(|r| r.scope.zh == "江苏").map(|r| r.value).collect();
        assert_eq!(jiangsu, [1.19, 50.13]);
    }

    #[test]
    fn sample_zone_beside_the_national_values() {
        let report = evaluate(&zone(), &IntensitySettings::default()).unwrap();
        let comparisons = report.compare(&reference_values());
        let development = &comparisons[0];
        assert_eq!(development.current, Some(90.0));
        assert_eq!(development.difference.map(|d| (d * 100.0).round() / 100.0), Some(0.54));
        assert_eq!(development.explanation.zh, "土地开发率：本区 90%，全国国家级开发区 89.46%，高 0.54%");
        let density_2024 = &comparisons[10];
        assert_eq!(density_2024.explanation.en, "building density: this zone 35%, China (2024) 33.87%, above by 1.13%");
    }

    #[test]
    fn indicator_that_does_not_apply_is_said_so() {
        let report = evaluate(&LandAccounting::default(), &IntensitySettings::default()).unwrap();
        let comparison = &report.compare(&reference_values())[0];
        assert_eq!(comparison.current, None);
        assert_eq!(comparison.explanation.zh, "土地开发率：本区不适用，全国国家级开发区 89.46%");
    }

    #[test]
    fn references_and_comparisons_round_trip_through_json() {
        let references = reference_values();
        let text = serde_json::to_string(&references).unwrap();
        assert_eq!(serde_json::from_str::<Vec<ReferenceValue>>(&text).unwrap(), references);
        let report = evaluate(&zone(), &IntensitySettings::default()).unwrap();
        // A round reference, since the workspace's serde_json may move a computed difference by an ulp.
        let density = ReferenceValue { value: 33.5, ..references[10].clone() };
        let comparisons = report.compare(&[density]);
        let text = serde_json::to_string(&comparisons).unwrap();
        assert_eq!(serde_json::from_str::<Vec<ReferenceComparison>>(&text).unwrap(), comparisons);
    }
}
