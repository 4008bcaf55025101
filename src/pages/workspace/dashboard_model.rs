//! The park dashboard as plain types: each seed target (and the park type's leading-share
//! target) with the current value an official enters, met, not met or unknown by core's
//! own limit; the scale class of a revenue; a park's row in the admins' comparison.

use parkatlas_core::control::measure::{Assessment, Verdict};
use parkatlas_core::park_checks::{
    chongqing_2025_targets, wuhan_2027_targets, LeadingIndustry, ParkCheckRules, ParkFigures, ScaleClass, Target,
};
use parkatlas_core::text::Bilingual;
use parkatlas_core::wire::{ParkRecord, ParkType};

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Met,
    NotMet,
    /// No current value yet.
    Unknown,
}

impl Standing {
    pub fn key(self) -> &'static str {
        match self {
            Standing::Met => "met",
            Standing::NotMet => "not-met",
            Standing::Unknown => "unknown",
        }
    }

    pub fn name(self) -> Bilingual {
        match self {
            Standing::Met => Bilingual::new("达标", "met"),
            Standing::NotMet => Bilingual::new("未达标", "not met"),
            Standing::Unknown => Bilingual::new("未知", "unknown"),
        }
    }
}

/// Reads what an official typed as a current value: empty is unknown; anything but a
/// finite number is refused with a message.
pub fn entered(text: &str) -> Result<Option<f64>, String> {
    let text = text.trim().trim_end_matches('%').trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(Some(value)),
        _ => Err(format!("“{text}” 不是数字 / is not a number")),
    }
}

/// A target with its current value, if entered.
pub fn standing(target: &Target, current: Option<f64>) -> (Standing, Option<Assessment<String>>) {
    match current {
        None => (Standing::Unknown, None),
        Some(value) => {
            let assessment = target.assess(value);
            let standing = match assessment.verdict {
                Verdict::Met => Standing::Met,
                Verdict::Unmet => Standing::NotMet,
                Verdict::Undetermined => Standing::Unknown,
            };
            (standing, Some(assessment))
        }
    }
}

/// The park type's leading-industry share target (现代 80 %, 特色 90 %, 都市 75 %) as a target row.
pub fn leading_share_target(park_type: ParkType) -> Option<Target> {
    let rules = ParkCheckRules::default();
    let rule = rules.leading_share.iter().find(|t| t.park_type == park_type)?;
    Some(Target {
        key: "leading_industry_share".into(),
        name: Bilingual::new("主导产业营业收入占比", "leading-industry share of revenue"),
        limit: rule.limit,
        year: 2027,
        jurisdiction: Bilingual::new("武汉", "Wuhan"),
        source: "武汉实施方案（2025—2027年）总体目标".into(),
    })
}

/// Every seed target a park dashboard shows: Wuhan 2027, then Chongqing 2025.
pub fn seed_targets() -> Vec<Target> {
    [wuhan_2027_targets(), chongqing_2025_targets()].concat()
}

/// The scale class of a yearly revenue in 亿元.
pub fn scale_class(revenue_yi_yuan: f64) -> Option<ScaleClass> {
    ParkCheckRules::default().check_scale(revenue_yi_yuan * 10_000.0).class
}

/// A park's row in the admins' comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct ParkRow {
    pub id: i64,
    pub name: String,
    pub park_type: ParkType,
    pub leading_industries: usize,
    /// Within the ≤ 3 rule.
    pub leading_within_rule: bool,
    /// The park type's share target, in %.
    pub share_target_percent: Option<f64>,
}

impl ParkRow {
    pub fn of(park: &ParkRecord) -> ParkRow {
        let p = &park.properties;
        ParkRow {
            id: park.id,
            name: p.name.clone(),
            park_type: p.park_type,
            leading_industries: p.details.leading_industries.len(),
            leading_within_rule: leading_count(park).verdict == Verdict::Met,
            share_target_percent: leading_share_target(p.park_type).map(|t| t.limit.value),
        }
    }
}

/// The ≤ 3 leading-industries check of a park (revenues play no part in the count).
pub fn leading_count(park: &ParkRecord) -> Assessment<parkatlas_core::park_checks::ParkCheck> {
    let p = &park.properties;
    let figures = ParkFigures {
        park_type: p.park_type,
        leading_industries: p
            .details
            .leading_industries
            .iter()
            .map(|name| LeadingIndustry { name: name.clone(), revenue_wan_yuan: 0.0 })
            .collect(),
        total_revenue_wan_yuan: 0.0,
    };
    ParkCheckRules::default().check_leading_industry_count(&figures)
}

pub fn park_type_name(park_type: ParkType) -> Bilingual {
    match park_type {
        ParkType::Modern => Bilingual::new("现代产业园", "modern industrial park"),
        ParkType::Specialty => Bilingual::new("特色产业园", "specialty industrial park"),
        ParkType::Urban => Bilingual::new("都市工业园", "urban industrial park"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(key: &str) -> Target {
        seed_targets().into_iter().find(|t| t.key == key).unwrap()
    }

    #[test]
    fn a_target_is_unknown_until_a_value_is_entered_then_met_or_not() {
        let target = find("high_tech_manufacturing_share");
        assert_eq!(standing(&target, None).0, Standing::Unknown);
        assert_eq!(standing(&target, Some(25.0)).0, Standing::Met);
        assert_eq!(standing(&target, Some(24.9)).0, Standing::NotMet);
        assert_eq!(standing(&find("rd_intensity"), Some(2.2)).0, Standing::Met);
    }

    #[test]
    fn both_seed_cities_targets_are_shown() {
        let targets = seed_targets();
        assert_eq!(targets.len(), 13);
        assert_eq!(targets.iter().filter(|t| t.year == 2025).count(), 6);
    }

    #[test]
    fn entered_values_accept_a_percent_sign_and_refuse_words() {
        assert_eq!(entered(" 12.5 % "), Ok(Some(12.5)));
        assert_eq!(entered(""), Ok(None));
        assert!(entered("很多").unwrap_err().contains("很多"));
        assert!(entered("NaN").is_err());
    }

    #[test]
    fn share_targets_follow_the_park_type() {
        let share = |t| leading_share_target(t).unwrap().limit.value;
        assert_eq!((share(ParkType::Modern), share(ParkType::Specialty), share(ParkType::Urban)), (80.0, 90.0, 75.0));
        let target = leading_share_target(ParkType::Urban).unwrap();
        assert_eq!(standing(&target, Some(75.0)).0, Standing::NotMet, "more than 75 %, strictly");
        assert_eq!(standing(&target, Some(75.1)).0, Standing::Met);
    }

    #[test]
    fn scale_classes_start_at_100_and_1000_yi() {
        assert_eq!(scale_class(99.9), None);
        assert_eq!(scale_class(100.0), Some(ScaleClass::HundredYi));
        assert_eq!(scale_class(1_000.0), Some(ScaleClass::ThousandYi));
    }
}
