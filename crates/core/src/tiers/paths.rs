//! Direct qualification paths and waivers as data (直接认定: an award, a valid title, a
//! provincial R&D institution, equity raised, average R&D): each evaluates to a criterion,
//! and a tier's list of them is an "any of".

use serde::{Deserialize, Serialize};

use super::bands::Figure;
use super::criterion::{label, Criterion, Label, Unit};
use super::facts::Facts;
use super::profile::{AwardKind, AwardLevel, CertificateKind, RdInstitutionLevel};

/// An award that counts: its kind, lowest level, worst place and how recent it must be.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AwardRule {
    pub kind: AwardKind,
    pub min_level: AwardLevel,
    /// Worst place among the winning organisations that still counts; `None`: any place.
    pub max_rank: Option<u32>,
    /// How many years back an award counts (the window is described at [`assess`](super::assess)).
    pub within_years: u32,
    #[serde(default)]
    pub unconfirmed: bool,
}

/// One way to qualify directly or to be excused from a criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "path", rename_all = "snake_case")]
pub enum DirectPath {
    Award(AwardRule),
    /// Holds a valid certificate of one of these kinds.
    Certificate {
        kinds: Vec<CertificateKind>,
    },
    /// Has an own or joint R&D institution of at least this level.
    RdInstitution {
        min_level: RdInstitutionLevel,
    },
    /// New equity financing over the last `years` fiscal years.
    EquityFinancing {
        min_wan_yuan: Figure,
        years: u32,
    },
    /// Average yearly R&D expense over the last `years` fiscal years.
    AverageRdExpense {
        min_wan_yuan: Figure,
        years: u32,
    },
}

const AWARD: Label = label("direct_award", "获奖", "award");
const CERTIFICATE: Label = label("direct_certificate", "持有有效称号", "holds a valid title");
const INSTITUTION: Label = label("direct_rd_institution", "研发机构级别", "R&D institution level");
const EQUITY: Label = label("direct_equity_financing", "新增股权融资", "new equity financing");
const AVERAGE_RD: Label = label("direct_average_rd", "年均研发费用", "average yearly R&D expense");

impl DirectPath {
    pub(crate) fn evaluate(&self, facts: &Facts) -> Criterion {
        let (criterion, zh, en) = match self {
            DirectPath::Award(rule) => (
                Criterion::flag(AWARD, award_held(rule, facts)).flagged(rule.unconfirmed),
                format!(
                    "近{}年获得{}{}{}",
                    rule.within_years,
                    level_zh(rule.min_level),
                    kind_zh(rule.kind),
                    rule.max_rank.map(|r| format!("（排名前{r}）")).unwrap_or_default()
                ),
                format!(
                    "{} {} within {} years{}",
                    level_en(rule.min_level),
                    kind_en(rule.kind),
                    rule.within_years,
                    rule.max_rank.map(|r| format!(", placed in the top {r}")).unwrap_or_default()
                ),
            ),
            DirectPath::Certificate { kinds } => (
                Criterion::flag(CERTIFICATE, facts.holds(kinds)),
                format!("持有有效期内的{}", kinds.iter().map(|k| k.name_zh()).collect::<Vec<_>>().join("或")),
                format!("holds a valid {}", kinds.iter().map(|k| k.name_en()).collect::<Vec<_>>().join(" or ")),
            ),
            DirectPath::RdInstitution { min_level } => (
                Criterion::flag(INSTITUTION, facts.profile.rd_institution_level.map(|l| l >= *min_level)),
                format!("拥有{}研发机构", institution_zh(*min_level)),
                format!("has an R&D institution at {} level or above", institution_en(*min_level)),
            ),
            DirectPath::EquityFinancing { min_wan_yuan, years } => (
                Criterion::at_least(
                    EQUITY,
                    facts.sum(*years, |y| y.equity_financing_wan_yuan),
                    *min_wan_yuan,
                    Unit::WanYuan,
                ),
                format!("近{years}年新增股权融资总额 ≥ {} 万元", min_wan_yuan.value),
                format!("new equity financing over {years} years ≥ {} 万元", min_wan_yuan.value),
            ),
            DirectPath::AverageRdExpense { min_wan_yuan, years } => (
                Criterion::at_least(
                    AVERAGE_RD,
                    facts.sum(*years, |y| y.rd_expense_wan_yuan).map(|s| s / f64::from(*years)),
                    *min_wan_yuan,
                    Unit::WanYuan,
                ),
                format!("近{years}年研发费用年均 ≥ {} 万元", min_wan_yuan.value),
                format!("average R&D expense over {years} years ≥ {} 万元", min_wan_yuan.value),
            ),
        };
        Criterion { description_zh: zh, description_en: en, ..criterion }
    }
}

/// Whether an award satisfying `rule` was received; unknown while a candidate award's rank is missing.
fn award_held(rule: &AwardRule, facts: &Facts) -> Option<bool> {
    let awards = facts.profile.awards.as_ref()?;
    let candidates = awards
        .iter()
        .filter(|a| a.kind == rule.kind && a.level >= rule.min_level && facts.within(a.year, rule.within_years));
    let mut rank_missing = false;
    for award in candidates {
        match (rule.max_rank, award.rank) {
            (None, _) => return Some(true),
            (Some(max), Some(rank)) if rank <= max => return Some(true),
            (Some(_), Some(_)) => {}
            (Some(_), None) => rank_missing = true,
        }
    }
    if rank_missing {
        None
    } else {
        Some(false)
    }
}

fn level_zh(level: AwardLevel) -> &'static str {
    match level {
        AwardLevel::Provincial => "省部级以上",
        AwardLevel::National => "国家级",
    }
}

fn level_en(level: AwardLevel) -> &'static str {
    match level {
        AwardLevel::Provincial => "provincial or national",
        AwardLevel::National => "national",
    }
}

fn kind_zh(kind: AwardKind) -> &'static str {
    match kind {
        AwardKind::ScienceTechnology => "科技奖励",
        AwardKind::MakerChina => "“创客中国”大赛名次",
    }
}

fn kind_en(kind: AwardKind) -> &'static str {
    match kind {
        AwardKind::ScienceTechnology => "science and technology award",
        AwardKind::MakerChina => "\"Maker China\" contest placing",
    }
}

fn institution_zh(level: RdInstitutionLevel) -> &'static str {
    match level {
        RdInstitutionLevel::Absent => "任意",
        RdInstitutionLevel::BelowCity => "市级以下及以上",
        RdInstitutionLevel::City => "市级以上",
        RdInstitutionLevel::Provincial => "省部级以上",
        RdInstitutionLevel::National => "国家级",
    }
}

fn institution_en(level: RdInstitutionLevel) -> &'static str {
    match level {
        RdInstitutionLevel::Absent => "any",
        RdInstitutionLevel::BelowCity => "below-city",
        RdInstitutionLevel::City => "city",
        RdInstitutionLevel::Provincial => "provincial",
        RdInstitutionLevel::National => "national",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::criterion::Outcome;
    use crate::tiers::profile::{Award, EnterpriseProfile};
    use chrono::NaiveDate;

    fn outcome(path: &DirectPath, profile: &EnterpriseProfile) -> Outcome {
        let on = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        path.evaluate(&Facts::new(profile, on).unwrap()).outcome
    }

    fn with_award(level: AwardLevel, year: i32, rank: Option<u32>) -> EnterpriseProfile {
        let award = Award { kind: AwardKind::ScienceTechnology, level, year, rank };
        EnterpriseProfile { awards: Some(vec![award]), ..EnterpriseProfile::default() }
    }

    const TOP_3: DirectPath = DirectPath::Award(AwardRule {
        kind: AwardKind::ScienceTechnology,
        min_level: AwardLevel::Provincial,
        max_rank: Some(3),
        within_years: 3,
        unconfirmed: false,
    });

    #[test]
    fn award_rank_edge_is_inclusive() {
        assert_eq!(outcome(&TOP_3, &with_award(AwardLevel::Provincial, 2024, Some(3))), Outcome::Met);
        assert_eq!(outcome(&TOP_3, &with_award(AwardLevel::Provincial, 2024, Some(4))), Outcome::Unmet);
    }

    #[test]
    fn award_window_covers_three_years_before_the_evaluation_year() {
        assert_eq!(outcome(&TOP_3, &with_award(AwardLevel::National, 2022, Some(1))), Outcome::Met);
        assert_eq!(outcome(&TOP_3, &with_award(AwardLevel::National, 2021, Some(1))), Outcome::Unmet);
    }

    #[test]
    fn award_without_rank_is_unknown_when_rank_matters() {
        assert_eq!(outcome(&TOP_3, &with_award(AwardLevel::Provincial, 2024, None)), Outcome::Unknown);
        assert_eq!(outcome(&TOP_3, &EnterpriseProfile::default()), Outcome::Unknown);
    }

    #[test]
    fn award_description_states_the_rule() {
        let on = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let p = EnterpriseProfile::default();
        let c = TOP_3.evaluate(&Facts::new(&p, on).unwrap());
        assert_eq!(c.description_zh, "近3年获得省部级以上科技奖励（排名前3）");
    }

    #[test]
    fn institution_path_accepts_higher_levels() {
        let path = DirectPath::RdInstitution { min_level: RdInstitutionLevel::Provincial };
        let national = EnterpriseProfile {
            rd_institution_level: Some(RdInstitutionLevel::National),
            ..EnterpriseProfile::default()
        };
        let city =
            EnterpriseProfile { rd_institution_level: Some(RdInstitutionLevel::City), ..EnterpriseProfile::default() };
        assert_eq!(outcome(&path, &national), Outcome::Met);
        assert_eq!(outcome(&path, &city), Outcome::Unmet);
    }

    #[test]
    fn direct_path_json_names_the_path() {
        let path = DirectPath::EquityFinancing { min_wan_yuan: Figure::new(500.0), years: 3 };
        let json = serde_json::to_string(&path).unwrap();
        assert_eq!(json, r#"{"path":"equity_financing","min_wan_yuan":{"value":500.0,"unconfirmed":false},"years":3}"#);
        assert_eq!(serde_json::from_str::<DirectPath>(&json).unwrap(), path);
    }
}
