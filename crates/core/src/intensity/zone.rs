//! The zone type of a development zone: 工业主导型 or 产城融合型 (spec §2.2, UNCONFIRMED rule).

use serde::{Deserialize, Serialize};

use super::accounting::LandAccounting;
use crate::control::measure::{Assessment, Bilingual, Bound, Formula, Limit, Unit, Verdict};

/// 工业主导型 when A2/A and A1/A both meet their limits; otherwise 产城融合型.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneTypeRule {
    /// A2 / A, by default > 30% (UNCONFIRMED).
    pub industrial_share: Limit,
    /// A1 / A, by default < 25% (UNCONFIRMED).
    pub residential_share: Limit,
}

impl Default for ZoneTypeRule {
    /// The rule implemented in practice, which no source confirmed.
    fn default() -> ZoneTypeRule {
        ZoneTypeRule {
            industrial_share: Limit { unconfirmed: true, ..Limit::new(Bound::MoreThan, 30.0, Unit::Percent) },
            residential_share: Limit { unconfirmed: true, ..Limit::new(Bound::LessThan, 25.0, Unit::Percent) },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZoneType {
    /// 工业主导型
    IndustryLed,
    /// 产城融合型
    IndustryCityIntegrated,
}

/// The land share a zone-type test looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZoneShare {
    /// A2 / A
    Industrial,
    /// A1 / A
    Residential,
}

/// The zone type and the two share tests behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneTypeResult {
    /// Absent when A is 0 and the shares do not apply.
    pub zone_type: Option<ZoneType>,
    pub tests: Vec<Assessment<ZoneShare>>,
    /// True when either limit is UNCONFIRMED; the UI labels the type.
    pub unconfirmed: bool,
    pub explanation: Bilingual,
}

impl ZoneTypeRule {
    pub fn classify(&self, land: &LandAccounting) -> ZoneTypeResult {
        let a = land.a().0;
        let share = |zh: &str, en: &str, code: f64| Formula::new((zh, en), ("A", "A"), Unit::Percent).divide(code, a);
        let tests = vec![
            self.industrial_share.assess(
                ZoneShare::Industrial,
                Bilingual::new("工业用地率", "industrial land share"),
                &share("A2 ÷ A", "A2 ÷ A", land.a2_ha.0),
            ),
            self.residential_share.assess(
                ZoneShare::Residential,
                Bilingual::new("住宅用地率", "residential land share"),
                &share("A1 ÷ A", "A1 ÷ A", land.a1_ha.0),
            ),
        ];
        let zone_type = if tests.iter().any(|t| t.verdict == Verdict::Undetermined) {
            None
        } else if tests.iter().all(|t| t.verdict == Verdict::Met) {
            Some(ZoneType::IndustryLed)
        } else {
            Some(ZoneType::IndustryCityIntegrated)
        };
        let (ind, res) = (self.industrial_share.describe(), self.residential_share.describe());
        let rule = Bilingual::new(
            format!("A2/A {} 且 A1/A {} 为工业主导型，否则为产城融合型", ind.zh, res.zh),
            format!("industry-led when A2/A {} and A1/A {}, otherwise industry–city integrated", ind.en, res.en),
        );
        let (zh, en) = match zone_type {
            Some(ZoneType::IndustryLed) => ("工业主导型", "industry-led"),
            Some(ZoneType::IndustryCityIntegrated) => ("产城融合型", "industry–city integrated"),
            None => ("无法判断（A 为 0）", "undetermined (A is 0)"),
        };
        let unconfirmed = self.industrial_share.unconfirmed || self.residential_share.unconfirmed;
        let (zh_flag, en_flag) =
            if unconfirmed { ("（规则未经确认）", " (rule UNCONFIRMED)") } else { ("", "") };
        let details = |pick: fn(&Bilingual) -> &String| {
            tests.iter().map(|t| pick(&t.explanation).as_str()).collect::<Vec<_>>().join(" ")
        };
        let explanation = Bilingual::new(
            format!("{zh}。{}{zh_flag}。{}", rule.zh, details(|b| &b.zh)),
            format!("{en}. {}{en_flag}. {}", rule.en, details(|b| &b.en)),
        );
        ZoneTypeResult { zone_type, tests, unconfirmed, explanation }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intensity::accounting::tests::zone;
    use crate::units::Hectares;

    /// A = 1000 ha with the given A2 and A1, the rest in A4.
    fn shares(a2: f64, a1: f64) -> LandAccounting {
        LandAccounting {
            a2_ha: Hectares(a2),
            a1_ha: Hectares(a1),
            a4_ha: Hectares(1_000.0 - a2 - a1),
            ..LandAccounting::default()
        }
    }

    fn zone_type(land: &LandAccounting) -> Option<ZoneType> {
        ZoneTypeRule::default().classify(land).zone_type
    }

    #[test]
    fn sample_zone_is_industry_led() {
        let result = ZoneTypeRule::default().classify(&zone());
        assert_eq!(result.zone_type, Some(ZoneType::IndustryLed));
        assert!(result.unconfirmed);
        assert!(result
            .explanation
            .zh
            .starts_with("工业主导型。A2/A > 30% 且 A1/A < 25% 为工业主导型，否则为产城融合型（规则未经确认）。"));
    }

    #[test]
    fn industrial_share_must_exceed_thirty_percent() {
        assert_eq!(zone_type(&shares(300.0, 100.0)), Some(ZoneType::IndustryCityIntegrated));
        assert_eq!(zone_type(&shares(301.0, 100.0)), Some(ZoneType::IndustryLed));
    }

    #[test]
    fn residential_share_must_stay_below_twenty_five_percent() {
        assert_eq!(zone_type(&shares(400.0, 250.0)), Some(ZoneType::IndustryCityIntegrated));
        assert_eq!(zone_type(&shares(400.0, 249.0)), Some(ZoneType::IndustryLed));
    }

    #[test]
    fn zone_without_built_land_has_no_type() {
        let result = ZoneTypeRule::default().classify(&LandAccounting::default());
        assert_eq!(result.zone_type, None);
        assert!(result.explanation.en.starts_with("undetermined (A is 0)."));
    }

    #[test]
    fn result_round_trips_through_json() {
        let result = ZoneTypeRule::default().classify(&zone());
        let text = serde_json::to_string(&result).unwrap();
        assert_eq!(serde_json::from_str::<ZoneTypeResult>(&text).unwrap(), result);
    }
}
