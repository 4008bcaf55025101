//! 专精特新"小巨人" (spec §4.4) under the 2022 and the 2026 rules. Market share and chain
//! position are judgements: without an explicit input they go to manual review.

use serde::{Deserialize, Serialize};

use super::assessment::Evaluation;
use super::bands::{BandTable, Figure};
use super::conditions::{
    debt_at_most, holds_title, key_chain_link, main_business_share, main_product_ip, national_niche_share,
    rd_each_year, rd_total, revenue, revenue_at_least, years_in_niche,
};
use super::criterion::{label, Criterion, Label, Unit};
use super::facts::Facts;
use super::ladder::Tier;
use super::paths::{AwardRule, DirectPath};
use super::profile::{AwardKind, AwardLevel, FiscalYearFigures, RdInstitutionLevel};

/// The 2022 小巨人 conditions as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LittleGiant2022Rules {
    pub source: String,
    pub min_years_in_niche: Figure,
    pub min_main_business_share: Figure,
    /// 近2年主营业务收入平均增长率.
    pub min_main_business_growth: Figure,
    pub max_debt_ratio: Figure,
    pub min_national_niche_share: Figure,
    /// R&D share of revenue required in each of the last `rd_years` years, by last year's
    /// revenue (≥ 1 亿 → 3%, 5000 万–1 亿 → 6%); revenue below every band takes the
    /// small-enterprise path below.
    pub rd_ratio_by_revenue: BandTable,
    pub rd_years: u32,
    /// Small-enterprise path: equity raised and R&D spent over `rd_years`, and R&D staff share.
    pub small_min_equity_wan_yuan: Figure,
    pub small_min_rd_total_wan_yuan: Figure,
    pub small_min_rd_staff_share: Figure,
    pub min_class1_ip: Figure,
}

impl Default for LittleGiant2022Rules {
    fn default() -> LittleGiant2022Rules {
        LittleGiant2022Rules {
            source: "优质中小企业梯度培育管理暂行办法（工信部企业〔2022〕63号）附件 专精特新“小巨人”企业认定标准"
                .to_owned(),
            min_years_in_niche: Figure::new(3.0),
            min_main_business_share: Figure::new(0.70),
            min_main_business_growth: Figure::new(0.05),
            max_debt_ratio: Figure::new(0.70),
            min_national_niche_share: Figure::new(0.10),
            rd_ratio_by_revenue: BandTable::upward(&[(10_000.0, 0.03), (5_000.0, 0.06)], None).edges_explicit(),
            rd_years: 2,
            small_min_equity_wan_yuan: Figure::new(8_000.0),
            small_min_rd_total_wan_yuan: Figure::new(3_000.0),
            small_min_rd_staff_share: Figure::new(0.50),
            min_class1_ip: Figure::new(2.0),
        }
    }
}

/// The 2026 小巨人 conditions as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LittleGiant2026Rules {
    pub source: String,
    pub min_years_in_niche: Figure,
    pub min_revenue_wan_yuan: Figure,
    pub min_main_business_share: Figure,
    /// Revenue compound growth over `growth_years`; not asked of renewals (a valid 小巨人 title).
    pub min_revenue_growth: Figure,
    pub growth_years: u32,
    pub max_debt_ratio: Figure,
    /// R&D over the last `rd_years` years, and its share of revenue in each of them.
    pub min_rd_total_wan_yuan: Figure,
    pub min_rd_ratio: Figure,
    pub rd_years: u32,
    pub min_main_product_class1_ip: Figure,
    pub ip_waivers: Vec<DirectPath>,
    /// Niche market: this national share, or this domestic rank or better.
    pub min_national_niche_share: Figure,
    pub max_domestic_niche_rank: Figure,
    pub min_development_score: Figure,
}

impl Default for LittleGiant2026Rules {
    fn default() -> LittleGiant2026Rules {
        LittleGiant2026Rules {
            source: "优质中小企业梯度培育管理办法（2026年修订，文号待确认）".to_owned(),
            min_years_in_niche: Figure::new(3.0),
            min_revenue_wan_yuan: Figure::new(5_000.0),
            min_main_business_share: Figure::new(0.90),
            min_revenue_growth: Figure::new(0.05),
            growth_years: 2,
            max_debt_ratio: Figure::new(0.75),
            min_rd_total_wan_yuan: Figure::new(1_200.0),
            min_rd_ratio: Figure::new(0.03),
            rd_years: 2,
            min_main_product_class1_ip: Figure::new(4.0),
            // The spec does not say how recent the award must be; 3 years as in 2022.
            ip_waivers: vec![DirectPath::Award(AwardRule {
                kind: AwardKind::ScienceTechnology,
                min_level: AwardLevel::National,
                max_rank: Some(3),
                within_years: 3,
                unconfirmed: true,
            })],
            min_national_niche_share: Figure::new(0.10),
            max_domestic_niche_rank: Figure::new(3.0),
            min_development_score: Figure::new(60.0),
        }
    }
}

const GROWTH_2Y: Label =
    label("main_business_growth_2y", "近2年主营业务收入平均增长率", "2-year average main-business growth");
const INFO_SYSTEM: Label =
    label("core_information_system", "主要业务流程使用信息系统", "information system for a core business");
const MANAGEMENT: Label = label("management_system_certified", "获得管理体系认证", "certified management system");
const DOMESTIC_RANK: Label = label("domestic_niche_rank", "主导产品国内细分市场排名", "domestic niche market rank");
const NICHE_POSITION: Label =
    label("niche_position", "细分市场地位（占有率或排名）", "niche market position (share or rank)");
const BRAND: Label = label("own_brand", "拥有自主品牌", "owns a brand");
const RD_RULE: Label = label("rd_by_revenue_band", "研发投入（按营业收入分档）", "R&D requirement by revenue band");
const SMALL_PATH: Label = label(
    "small_enterprise_rd_path",
    "营业收入5000万元以下企业的研发与融资条件",
    "R&D and financing path for small revenue",
);
const EQUITY: Label = label("equity_financing", "近年新增股权融资总额", "new equity financing over recent years");
const RD_STAFF: Label = label("rd_staff_share", "研发人员占职工总数比例", "R&D staff share of all staff");
const INSTITUTION: Label =
    label("has_rd_institution", "拥有自建或合作共建的研发机构", "has an own or joint R&D institution");
const CLASS1_IP: Label = label("class1_ip", "Ⅰ类知识产权数量", "Ⅰ-class IP count");
const REVENUE_GROWTH: Label =
    label("revenue_compound_growth", "近2年营业收入年均复合增长率", "2-year revenue compound growth");
const DEVELOPMENT_SCORE: Label = label("development_score", "专精特新发展评价得分", "SRDI development score");

impl LittleGiant2022Rules {
    fn rd_rule(&self, facts: &Facts) -> Criterion {
        let last_revenue = facts.value(0, revenue);
        let lowest_edge = self.rd_ratio_by_revenue.bands.iter().map(|b| b.edge).fold(f64::INFINITY, f64::min);
        let parts = match last_revenue.map(|r| self.rd_ratio_by_revenue.lookup(r)) {
            None => vec![revenue_at_least(facts, Figure::new(lowest_edge))],
            Some(Some(ratio)) => {
                let min_ratio = Figure { value: ratio, unconfirmed: self.rd_ratio_by_revenue.unconfirmed };
                vec![rd_each_year(facts, self.rd_years, None, min_ratio)]
            }
            Some(None) => vec![Criterion::all_of(
                SMALL_PATH,
                vec![
                    Criterion::at_least(
                        EQUITY,
                        facts.sum(self.rd_years, |y| y.equity_financing_wan_yuan),
                        self.small_min_equity_wan_yuan,
                        Unit::WanYuan,
                    ),
                    rd_total(facts, self.rd_years, self.small_min_rd_total_wan_yuan),
                    Criterion::at_least(
                        RD_STAFF,
                        facts.staff_share(facts.profile.rd_staff_count),
                        self.small_min_rd_staff_share,
                        Unit::Ratio,
                    ),
                ],
            )],
        };
        Criterion::all_of(RD_RULE, parts)
    }

    pub(crate) fn evaluate(&self, facts: &Facts) -> Evaluation {
        let p = facts.profile;
        let main = |y: &FiscalYearFigures| y.main_business_revenue_wan_yuan;
        let criteria = vec![
            years_in_niche(facts, self.min_years_in_niche),
            main_business_share(facts, self.min_main_business_share),
            Criterion::at_least(GROWTH_2Y, facts.average_growth(2, main), self.min_main_business_growth, Unit::Ratio),
            Criterion::flag(INFO_SYSTEM, p.has_core_business_information_system),
            Criterion::flag(MANAGEMENT, p.management_system_certified),
            debt_at_most(facts, self.max_debt_ratio),
            national_niche_share(facts, self.min_national_niche_share),
            Criterion::flag(BRAND, p.has_own_brand),
            self.rd_rule(facts),
            Criterion::flag(INSTITUTION, p.rd_institution_level.map(|l| l > RdInstitutionLevel::Absent)),
            Criterion::at_least(CLASS1_IP, p.ip.class1.map(f64::from), self.min_class1_ip, Unit::Count),
            key_chain_link(facts),
        ];
        Evaluation { criteria, scorecards: Vec::new() }
    }
}

impl LittleGiant2026Rules {
    pub(crate) fn evaluate(&self, facts: &Facts) -> Evaluation {
        let p = facts.profile;
        let renewal = facts.holds(&Tier::LittleGiant.held_by()) == Some(true);
        let mut criteria = vec![
            holds_title(Tier::SpecialisedSme, facts),
            years_in_niche(facts, self.min_years_in_niche),
            revenue_at_least(facts, self.min_revenue_wan_yuan),
            main_business_share(facts, self.min_main_business_share),
        ];
        if !renewal {
            let growth = facts.compound_growth(self.growth_years, revenue);
            criteria.push(Criterion::at_least(REVENUE_GROWTH, growth, self.min_revenue_growth, Unit::Ratio));
        }
        criteria.extend([
            debt_at_most(facts, self.max_debt_ratio),
            rd_total(facts, self.rd_years, self.min_rd_total_wan_yuan),
            rd_each_year(facts, self.rd_years, None, self.min_rd_ratio),
            main_product_ip(facts, self.min_main_product_class1_ip, &self.ip_waivers),
            Criterion::any_of(
                NICHE_POSITION,
                vec![
                    national_niche_share(facts, self.min_national_niche_share),
                    Criterion::at_most(
                        DOMESTIC_RANK,
                        p.domestic_niche_rank.map(f64::from),
                        self.max_domestic_niche_rank,
                        Unit::Rank,
                    )
                    .or_manual_review(),
                ],
            ),
            key_chain_link(facts),
            Criterion::at_least(
                DEVELOPMENT_SCORE,
                p.development_quality_score,
                self.min_development_score,
                Unit::Points,
            ),
        ]);
        Evaluation { criteria, scorecards: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::criterion::Outcome;
    use crate::tiers::profile::{Certificate, CertificateKind, EnterpriseProfile, IpCounts};
    use crate::tiers::test_support::{check_bands, date, with_accounts};

    #[test]
    fn rd_ratio_by_revenue_band_edges() {
        let t = LittleGiant2022Rules::default().rd_ratio_by_revenue;
        check_bands(&t, &[(10_000.0, 0.03), (9_999.99, 0.06), (5_000.0, 0.06)]);
        assert_eq!(t.lookup(4_999.99), None);
    }

    fn profile_2022(revenue: f64, rd: f64) -> EnterpriseProfile {
        EnterpriseProfile {
            years_in_niche: Some(3),
            has_core_business_information_system: Some(true),
            management_system_certified: Some(true),
            debt_ratio: Some(0.70),
            national_niche_market_share_ratio: Some(0.10),
            has_own_brand: Some(true),
            rd_institution_level: Some(RdInstitutionLevel::City),
            ip: IpCounts { class1: Some(2), ..IpCounts::default() },
            key_chain_link: Some(true),
            staff_count: Some(100),
            rd_staff_count: Some(50),
            ..with_accounts(
                2024,
                &[
                    (revenue, revenue * 0.8, rd),
                    (revenue, revenue * 0.8 / 1.1, rd),
                    (revenue, revenue * 0.8 / 1.21, rd),
                ],
            )
        }
    }

    fn evaluate_2022(p: &EnterpriseProfile) -> Evaluation {
        LittleGiant2022Rules::default().evaluate(&Facts::new(p, date(2025, 6, 1)).unwrap())
    }

    #[test]
    fn large_revenue_needs_3_percent_each_year() {
        let met = evaluate_2022(&profile_2022(10_000.0, 300.0));
        assert!(met.criteria.iter().all(|c| c.outcome == Outcome::Met), "{:#?}", met.criteria);
        assert_eq!(evaluate_2022(&profile_2022(10_000.0, 299.0)).criteria[8].outcome, Outcome::Unmet);
    }

    #[test]
    fn middle_revenue_needs_6_percent_each_year() {
        assert_eq!(evaluate_2022(&profile_2022(9_000.0, 540.0)).criteria[8].outcome, Outcome::Met);
        assert_eq!(evaluate_2022(&profile_2022(9_000.0, 539.0)).criteria[8].outcome, Outcome::Unmet);
        assert_eq!(evaluate_2022(&profile_2022(5_000.0, 300.0)).criteria[8].outcome, Outcome::Met);
    }

    #[test]
    fn small_revenue_takes_the_equity_rd_and_staff_path() {
        let mut p = profile_2022(4_999.0, 1_500.0);
        p.accounts[0].figures.equity_financing_wan_yuan = Some(5_000.0);
        p.accounts[1].figures.equity_financing_wan_yuan = Some(3_000.0);
        let rule = &evaluate_2022(&p).criteria[8];
        assert_eq!(rule.outcome, Outcome::Met);
        assert_eq!(rule.parts[0].key, "small_enterprise_rd_path");
        p.rd_staff_count = Some(49);
        assert_eq!(evaluate_2022(&p).criteria[8].outcome, Outcome::Unmet);
    }

    #[test]
    fn market_share_and_chain_link_go_to_manual_review_without_answers() {
        let p = EnterpriseProfile {
            national_niche_market_share_ratio: None,
            key_chain_link: None,
            ..profile_2022(10_000.0, 300.0)
        };
        let e = evaluate_2022(&p);
        assert_eq!(e.criteria[6].outcome, Outcome::ManualReview);
        assert_eq!(e.criteria[11].outcome, Outcome::ManualReview);
    }

    #[test]
    fn main_business_share_edge_2022() {
        let mut p = profile_2022(10_000.0, 300.0);
        p.accounts[0].figures.main_business_revenue_wan_yuan = Some(7_000.0);
        assert_eq!(evaluate_2022(&p).criteria[1].outcome, Outcome::Met);
        p.accounts[0].figures.main_business_revenue_wan_yuan = Some(6_999.0);
        assert_eq!(evaluate_2022(&p).criteria[1].outcome, Outcome::Unmet);
    }

    #[test]
    fn debt_and_share_edges_2022() {
        let p = EnterpriseProfile {
            debt_ratio: Some(0.700_01),
            national_niche_market_share_ratio: Some(0.099_9),
            ..profile_2022(10_000.0, 300.0)
        };
        let e = evaluate_2022(&p);
        assert_eq!((e.criteria[5].outcome, e.criteria[6].outcome), (Outcome::Unmet, Outcome::Unmet));
    }

    fn profile_2026(certificates: Vec<Certificate>) -> EnterpriseProfile {
        EnterpriseProfile {
            certificates: Some(certificates),
            years_in_niche: Some(3),
            debt_ratio: Some(0.75),
            ip: IpCounts { class1_main_product: Some(4), ..IpCounts::default() },
            domestic_niche_rank: Some(3),
            key_chain_link: Some(true),
            development_quality_score: Some(60.0),
            ..with_accounts(2025, &[(6_050.0, 5_445.0, 600.0), (5_500.0, 5_000.0, 600.0), (5_000.0, 4_500.0, 500.0)])
        }
    }

    fn specialised(issued_on: chrono::NaiveDate) -> Certificate {
        Certificate { kind: CertificateKind::Tier(Tier::SpecialisedSme), issued_on, expires_on: date(2028, 12, 31) }
    }

    fn evaluate_2026(p: &EnterpriseProfile) -> Evaluation {
        LittleGiant2026Rules::default().evaluate(&Facts::new(p, date(2026, 6, 1)).unwrap())
    }

    #[test]
    fn meets_2026_conditions_on_every_edge() {
        // Revenue 5000 → 6050 over 2 years is exactly 10% a year; share 90%; R&D 1200 in 2 years.
        let e = evaluate_2026(&profile_2026(vec![specialised(date(2025, 1, 1))]));
        assert_eq!(e.criteria.len(), 12);
        assert!(e.criteria.iter().all(|c| c.outcome == Outcome::Met), "{:#?}", e.criteria);
    }

    #[test]
    fn rank_4_with_unknown_share_goes_to_manual_review() {
        let p = EnterpriseProfile { domestic_niche_rank: Some(4), ..profile_2026(vec![specialised(date(2025, 1, 1))]) };
        let position = evaluate_2026(&p).criteria.into_iter().find(|c| c.key == "niche_position").unwrap();
        assert_eq!(position.outcome, Outcome::ManualReview);
    }

    #[test]
    fn renewal_is_not_asked_for_growth() {
        let giant = Certificate {
            kind: CertificateKind::Tier(Tier::LittleGiant),
            issued_on: date(2023, 7, 1),
            expires_on: date(2026, 6, 30),
        };
        let e = evaluate_2026(&profile_2026(vec![specialised(date(2025, 1, 1)), giant]));
        assert_eq!(e.criteria.len(), 11);
        assert!(e.criteria.iter().all(|c| c.key != "revenue_compound_growth"));
    }

    #[test]
    fn rd_total_edge_2026() {
        let mut p = profile_2026(vec![specialised(date(2025, 1, 1))]);
        p.accounts[1].figures.rd_expense_wan_yuan = Some(599.0);
        let total = evaluate_2026(&p).criteria.into_iter().find(|c| c.key == "rd_total").unwrap();
        assert_eq!(total.outcome, Outcome::Unmet);
        assert_eq!(total.difference, Some(1.0));
    }
}
