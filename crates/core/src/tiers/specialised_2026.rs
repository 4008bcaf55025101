//! 专精特新中小企业 under the 2026 rules (spec §4.3): a list of conditions, among them the
//! 发展质量评价得分 that MIIT's platform computes (an input here, never calculated).

use serde::{Deserialize, Serialize};

use super::assessment::Evaluation;
use super::bands::Figure;
use super::conditions::{
    debt_at_most, holds_title, main_business_share, main_product_ip, rd_each_year, revenue_or, years_in_niche,
};
use super::criterion::{label, Criterion, Label, Unit};
use super::facts::Facts;
use super::ladder::Tier;
use super::paths::{AwardRule, DirectPath};
use super::profile::{AwardKind, AwardLevel, RdInstitutionLevel};

/// The 2026 专精特新中小企业 conditions as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Specialised2026Rules {
    pub source: String,
    pub min_years_in_niche: Figure,
    /// Last year's revenue, unless one of `revenue_alternatives` holds.
    pub min_revenue_wan_yuan: Figure,
    pub revenue_alternatives: Vec<DirectPath>,
    pub min_main_business_share: Figure,
    pub max_debt_ratio: Figure,
    /// R&D amount and share of revenue, in each of the last `rd_years` years.
    pub min_rd_wan_yuan: Figure,
    pub min_rd_ratio: Figure,
    pub rd_years: u32,
    /// Ⅰ类 IP applied to the main product, unless one of `ip_waivers` holds.
    pub min_main_product_class1_ip: Figure,
    pub ip_waivers: Vec<DirectPath>,
    pub min_development_quality_score: Figure,
}

impl Default for Specialised2026Rules {
    fn default() -> Specialised2026Rules {
        Specialised2026Rules {
            source: "优质中小企业梯度培育管理办法（2026年修订，文号待确认）".to_owned(),
            min_years_in_niche: Figure::new(3.0),
            min_revenue_wan_yuan: Figure::new(1_500.0),
            revenue_alternatives: vec![DirectPath::EquityFinancing { min_wan_yuan: Figure::new(2_000.0), years: 2 }],
            min_main_business_share: Figure::new(0.80),
            max_debt_ratio: Figure::new(0.80),
            min_rd_wan_yuan: Figure::new(100.0),
            min_rd_ratio: Figure::new(0.03),
            rd_years: 2,
            min_main_product_class1_ip: Figure::new(1.0),
            ip_waivers: vec![
                // The spec does not say how recent the award must be; 3 years as in 2022.
                DirectPath::Award(AwardRule {
                    kind: AwardKind::ScienceTechnology,
                    min_level: AwardLevel::Provincial,
                    max_rank: Some(3),
                    within_years: 3,
                    unconfirmed: true,
                }),
                DirectPath::RdInstitution { min_level: RdInstitutionLevel::Provincial },
            ],
            min_development_quality_score: Figure::new(50.0),
        }
    }
}

const NICHE_SHARE: Label = label(
    "niche_share_leading",
    "细分市场占有率较为靠前（人工审核）",
    "niche market share among the leaders (manual review)",
);
const QUALITY_SCORE: Label =
    label("development_quality_score", "专精特新发展质量评价得分", "SRDI development quality score");

impl Specialised2026Rules {
    pub(crate) fn evaluate(&self, facts: &Facts) -> Evaluation {
        let p = facts.profile;
        let criteria = vec![
            holds_title(Tier::TechInnovativeSme, facts),
            years_in_niche(facts, self.min_years_in_niche),
            revenue_or(facts, self.min_revenue_wan_yuan, &self.revenue_alternatives),
            main_business_share(facts, self.min_main_business_share),
            debt_at_most(facts, self.max_debt_ratio),
            rd_each_year(facts, self.rd_years, Some(self.min_rd_wan_yuan), self.min_rd_ratio),
            main_product_ip(facts, self.min_main_product_class1_ip, &self.ip_waivers),
            Criterion::judgement(NICHE_SHARE, p.niche_share_leading),
            Criterion::at_least(
                QUALITY_SCORE,
                p.development_quality_score,
                self.min_development_quality_score,
                Unit::Points,
            ),
        ];
        Evaluation { criteria, scorecards: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::criterion::Outcome;
    use crate::tiers::profile::{Certificate, CertificateKind, EnterpriseProfile, IpCounts};
    use crate::tiers::test_support::{date, with_accounts};

    fn profile() -> EnterpriseProfile {
        EnterpriseProfile {
            certificates: Some(vec![Certificate {
                kind: CertificateKind::Tier(Tier::InnovativeSme),
                issued_on: date(2025, 9, 1),
                expires_on: date(2028, 8, 31),
            }]),
            years_in_niche: Some(3),
            debt_ratio: Some(0.80),
            ip: IpCounts { class1_main_product: Some(1), ..IpCounts::default() },
            niche_share_leading: Some(true),
            development_quality_score: Some(50.0),
            ..with_accounts(2025, &[(1_500.0, 1_200.0, 100.0), (4_000.0, 3_500.0, 120.0)])
        }
    }

    fn outcomes(p: &EnterpriseProfile) -> Vec<Outcome> {
        let e = Specialised2026Rules::default().evaluate(&Facts::new(p, date(2026, 5, 1)).unwrap());
        e.criteria.iter().map(|c| c.outcome).collect()
    }

    #[test]
    fn every_threshold_met_exactly_on_its_edge() {
        assert_eq!(outcomes(&profile()), vec![Outcome::Met; 9]);
    }

    #[test]
    fn each_threshold_fails_just_past_its_edge() {
        let mut p = profile();
        p.years_in_niche = Some(2);
        p.debt_ratio = Some(0.800_01);
        p.accounts[0].figures.revenue_wan_yuan = Some(1_499.0);
        p.accounts[0].figures.main_business_revenue_wan_yuan = Some(1_199.0);
        p.accounts[1].figures.rd_expense_wan_yuan = Some(119.99);
        for year in &mut p.accounts {
            year.figures.equity_financing_wan_yuan = Some(0.0);
        }
        p.development_quality_score = Some(49.9);
        p.ip.class1_main_product = Some(0);
        p.awards = Some(vec![]);
        p.rd_institution_level = Some(RdInstitutionLevel::City);
        p.niche_share_leading = Some(false);
        assert_eq!(outcomes(&p), [vec![Outcome::Met], vec![Outcome::Unmet; 8]].concat());
    }

    #[test]
    fn r_and_d_is_checked_in_each_of_two_years() {
        let mut p = profile();
        p.accounts[1].figures.rd_expense_wan_yuan = Some(99.0);
        p.accounts[1].figures.revenue_wan_yuan = Some(1_000.0);
        let e = Specialised2026Rules::default().evaluate(&Facts::new(&p, date(2026, 5, 1)).unwrap());
        let rd = &e.criteria[5];
        assert_eq!(rd.outcome, Outcome::Unmet);
        assert_eq!(rd.parts[1].key, "rd_expense_2024");
        assert_eq!(rd.parts[1].parts[0].outcome, Outcome::Unmet);
    }

    #[test]
    fn provincial_institution_waives_the_ip_requirement() {
        let mut p = profile();
        p.ip.class1_main_product = Some(0);
        p.rd_institution_level = Some(RdInstitutionLevel::Provincial);
        assert_eq!(outcomes(&p)[6], Outcome::Met);
    }

    #[test]
    fn niche_share_without_an_answer_goes_to_manual_review() {
        let p = EnterpriseProfile { niche_share_leading: None, ..profile() };
        assert_eq!(outcomes(&p)[7], Outcome::ManualReview);
    }

    #[test]
    fn missing_quality_score_is_unknown() {
        let p = EnterpriseProfile { development_quality_score: None, ..profile() };
        assert_eq!(outcomes(&p)[8], Outcome::Unknown);
    }

    #[test]
    fn expired_prerequisite_title_does_not_count() {
        let mut p = profile();
        p.certificates.as_mut().unwrap()[0].expires_on = date(2026, 4, 30);
        assert_eq!(outcomes(&p)[0], Outcome::Unmet);
    }
}
