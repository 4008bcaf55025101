//! The 梯度培育库 of one park as a plain type: every enterprise assessed once on a date by
//! parkatlas-core, then the pyramid, the candidates near their next tier for any near
//! rule, the certificates about to expire, the 2022 → 2026 changes and the Excel sheets.
//! Tested natively; the page only wires signals to it.

use std::collections::HashMap;

use chrono::NaiveDate;
use parkatlas_core::tiers::{
    assess, expiring_certificates, near_next_tier, pyramid, rule_changes, Criterion, ExpiringCertificate, LadderStep,
    NearTierCandidate, NearTierParams, RuleChange, TierAssessment, TierPyramid, TierRules, Value, EXPIRY_WINDOW_MONTHS,
};
use parkatlas_core::wire::EnterpriseTierProfile;

use crate::export::xlsx::{Cell, Sheet};
use crate::format::number;

/// A park's pool on one date.
#[derive(Debug, Clone)]
pub struct Pool {
    names: HashMap<i64, String>,
    assessments: Vec<(i64, TierAssessment)>,
    pub pyramid: TierPyramid,
    pub expiring: Vec<ExpiringCertificate>,
    pub changes: Vec<RuleChange>,
    /// Enterprises the rules could not assess, with the reason (a stored date before 2022,
    /// say): named rather than silently left out of the counts.
    pub refused: Vec<(i64, String)>,
}

impl Pool {
    pub fn new(enterprises: &[EnterpriseTierProfile], on: NaiveDate) -> Pool {
        let rules = TierRules::default();
        let mut assessments = Vec::new();
        let mut refused = Vec::new();
        for e in enterprises {
            match assess(&rules, &e.profile, on) {
                Ok(a) => assessments.push((e.enterprise_id, a)),
                Err(error) => refused.push((e.enterprise_id, error.to_string())),
            }
        }
        let assessed = |e: &&EnterpriseTierProfile| assessments.iter().any(|(id, _)| *id == e.enterprise_id);
        let profiles: Vec<(i64, &_)> =
            enterprises.iter().filter(assessed).map(|e| (e.enterprise_id, &e.profile)).collect();
        let changes = rule_changes(&rules, profiles.iter().copied(), on).unwrap_or_default();
        Pool {
            names: enterprises.iter().map(|e| (e.enterprise_id, e.name.clone())).collect(),
            pyramid: pyramid(assessments.iter().map(|(_, a)| a)),
            expiring: expiring_certificates(profiles.iter().copied(), on, EXPIRY_WINDOW_MONTHS),
            changes,
            assessments,
            refused,
        }
    }

    pub fn name(&self, enterprise_id: i64) -> String {
        self.names.get(&enterprise_id).cloned().unwrap_or_else(|| format!("#{enterprise_id}"))
    }

    pub fn assessed(&self) -> usize {
        self.assessments.len()
    }

    pub fn candidates(&self, params: &NearTierParams) -> Vec<NearTierCandidate> {
        near_next_tier(self.assessments.iter().map(|(id, a)| (*id, a)), params)
    }

    /// One sheet per list: pyramid, candidates with one row per criterion, expiring
    /// certificates, rule changes. Sheet names and headers in Chinese, as officials file them.
    pub fn sheets(&self, params: &NearTierParams) -> Vec<Sheet> {
        let mut levels = Sheet::new("梯度金字塔", &["梯度", "企业数"]);
        for level in &self.pyramid.levels {
            levels.push(vec![step_name(level.step).into(), (level.enterprises as f64).into()]);
        }
        for label in &self.pyramid.side_labels {
            levels.push(vec![label.tier.name_zh().into(), (label.enterprises as f64).into()]);
        }
        let mut near =
            Sheet::new("临近晋级", &["企业", "目标梯度", "未满足项数", "条件", "现值", "要求", "差距", "单位"]);
        for c in self.candidates(params) {
            for criterion in &c.criteria {
                near.push(vec![
                    self.name(c.enterprise_id).into(),
                    c.tier.name_zh().into(),
                    (c.not_met as f64).into(),
                    criterion.description_zh.clone().into(),
                    current_cell(criterion),
                    required_text(criterion).into(),
                    criterion.difference.into(),
                    criterion.unit.map(unit_zh).into(),
                ]);
            }
        }
        let mut expiring = Sheet::new("证书到期", &["企业", "证书", "到期日", "剩余天数"]);
        for c in &self.expiring {
            expiring.push(vec![
                self.name(c.enterprise_id).into(),
                c.kind.name_zh().into(),
                c.expires_on.to_string().into(),
                (c.days_left as f64).into(),
            ]);
        }
        let mut changes = Sheet::new("新旧规则变化", &["企业", "2022 规则", "2026 规则"]);
        for c in &self.changes {
            changes.push(vec![
                self.name(c.enterprise_id).into(),
                step_name(c.under_2022).into(),
                step_name(c.under_2026).into(),
            ]);
        }
        vec![levels, near, expiring, changes]
    }
}

/// A step's Chinese name, 未达任何梯度 for none.
pub fn step_name(step: Option<LadderStep>) -> &'static str {
    step.map_or("未达任何梯度", LadderStep::name_zh)
}

fn current_cell(criterion: &Criterion) -> Cell {
    match criterion.current {
        Some(Value::Number(n)) => n.into(),
        Some(Value::Flag(true)) => "是".into(),
        Some(Value::Flag(false)) => "否".into(),
        None => Cell::Empty,
    }
}

/// The requirement as people write it: "≥ 3%", "≥ 1,000 万元", "是".
pub fn required_text(criterion: &Criterion) -> String {
    use parkatlas_core::tiers::Requirement::*;
    let (sign, limit) = match criterion.required {
        Some(AtLeast(v)) => ("≥", v),
        Some(Above(v)) => (">", v),
        Some(AtMost(v)) => ("≤", v),
        Some(Below(v)) => ("<", v),
        Some(Yes) => return "是".into(),
        None => return String::new(),
    };
    format!("{sign} {}", quantity(limit, criterion.unit))
}

/// A value in its unit as people write it; ratios as percentages.
pub fn quantity(value: f64, unit: Option<parkatlas_core::tiers::Unit>) -> String {
    match unit {
        Some(parkatlas_core::tiers::Unit::Ratio) => format!("{}%", number(value * 100.0, 2)),
        Some(unit) => format!("{} {}", number(value, 2), unit_zh(unit)),
        None => number(value, 2),
    }
}

pub fn unit_zh(unit: parkatlas_core::tiers::Unit) -> &'static str {
    use parkatlas_core::tiers::Unit::*;
    match unit {
        WanYuan => "万元",
        YiUsd => "亿美元",
        Ratio => "比例",
        Count => "个",
        Years => "年",
        Points => "分",
        Rank => "名",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parkatlas_core::tiers::{
        Certificate, CertificateKind, EnterpriseProfile, FiscalYear, FiscalYearFigures, IpCounts, RdInstitutionLevel,
        Tier,
    };

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Holds 专精特新 until `expires_on`; under the 2026 rules meets every 小巨人 criterion
    /// it can be judged on but R&D, which is `rd` 万 of 6000 万 revenue a year (3% needed).
    fn firm(id: i64, rd: f64, expires_on: NaiveDate) -> EnterpriseTierProfile {
        let year = |year| FiscalYear {
            year,
            figures: FiscalYearFigures {
                revenue_wan_yuan: Some(6_000.0),
                main_business_revenue_wan_yuan: Some(5_800.0),
                rd_expense_wan_yuan: Some(rd),
                ..FiscalYearFigures::default()
            },
        };
        EnterpriseTierProfile {
            enterprise_id: id,
            name: format!("企业{id}"),
            profile: EnterpriseProfile {
                certificates: Some(vec![Certificate {
                    kind: CertificateKind::Tier(Tier::SpecialisedSme),
                    issued_on: day(2024, 1, 1),
                    expires_on,
                }]),
                years_in_niche: Some(5),
                debt_ratio: Some(0.5),
                national_niche_market_share_ratio: Some(0.2),
                rd_institution_level: Some(RdInstitutionLevel::Provincial),
                ip: IpCounts { class1: Some(5), class1_main_product: Some(5), ..IpCounts::default() },
                key_chain_link: Some(true),
                development_quality_score: Some(70.0),
                accounts: vec![year(2026), year(2025), year(2024)],
                ..EnterpriseProfile::default()
            },
        }
    }

    fn pool() -> Pool {
        let firms = [
            firm(1, 170.0, day(2027, 12, 31)),
            firm(2, 100.0, day(2027, 3, 1)),
            EnterpriseTierProfile { enterprise_id: 3, name: "企业3".into(), profile: EnterpriseProfile::default() },
        ];
        Pool::new(&firms, day(2026, 12, 7))
    }

    #[test]
    fn the_pyramid_counts_each_enterprise_at_its_highest_step() {
        let pool = pool();
        let counts: Vec<usize> = pool.pyramid.levels.iter().map(|l| l.enterprises).collect();
        assert_eq!(counts, vec![1, 0, 2, 0, 0]);
        assert_eq!(pool.assessed(), 3);
        assert!(pool.refused.is_empty());
    }

    #[test]
    fn a_wider_near_rule_admits_the_enterprise_further_away() {
        let pool = pool();
        let ids = |n, margin| -> Vec<i64> {
            let params = NearTierParams { max_not_met: n, max_relative_gap_ratio: margin };
            pool.candidates(&params)
                .iter()
                .filter(|c| c.tier == parkatlas_core::tiers::Tier::LittleGiant)
                .map(|c| c.enterprise_id)
                .collect()
        };
        let narrow = ids(10, 0.1);
        let wide = ids(10, 0.6);
        assert!(narrow.iter().all(|id| wide.contains(id)));
        assert!(wide.len() >= narrow.len());
    }

    #[test]
    fn the_certificate_ending_within_six_months_is_listed() {
        let pool = pool();
        let expiring: Vec<(i64, NaiveDate)> = pool.expiring.iter().map(|c| (c.enterprise_id, c.expires_on)).collect();
        assert_eq!(expiring, vec![(2, day(2027, 3, 1))]);
    }

    #[test]
    fn the_workbook_has_one_sheet_per_list() {
        let sheets = pool().sheets(&NearTierParams::default());
        let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["梯度金字塔", "临近晋级", "证书到期", "新旧规则变化"]);
        assert_eq!(sheets[0].rows[0], vec![Cell::from("未达任何梯度"), Cell::Number(1.0)]);
        assert_eq!(sheets[2].rows.len(), 1);
    }

    #[test]
    fn requirements_and_values_read_as_people_write_them() {
        use parkatlas_core::tiers::Unit;
        assert_eq!(quantity(0.03, Some(Unit::Ratio)), "3%");
        assert_eq!(quantity(1200.0, Some(Unit::WanYuan)), "1,200 万元");
    }
}
