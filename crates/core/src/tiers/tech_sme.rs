//! 科技型中小企业 (科技部 2017 评价办法, spec §4.2): size eligibility, the 100-point score
//! (科技人员 20, 研发投入 50, 科技成果 30) with the 科技人员 item not zero, or a direct path.

use serde::{Deserialize, Serialize};

use super::assessment::Evaluation;
use super::bands::{BandTable, Figure, IpClassBands};
use super::criterion::{label, Bound, Criterion, Label, Unit};
use super::facts::Facts;
use super::ladder::Tier;
use super::paths::{AwardRule, DirectPath};
use super::profile::{AwardKind, AwardLevel, CertificateKind, FiscalYearFigures, IpClass};
use super::score::{ScoreItem, Scorecard};

/// The 科技型中小企业 standard as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TechSmeRules {
    pub source: String,
    pub max_staff: Figure,
    /// Last year's 销售收入.
    pub max_sales_wan_yuan: Figure,
    pub max_assets_wan_yuan: Figure,
    pub min_score: Figure,
    /// 科技人员 / 职工总数 (20).
    pub tech_staff_share: BandTable,
    /// 研发投入 (50) scores the better of R&D / sales and R&D / total cost, last year.
    pub rd_to_sales: BandTable,
    pub rd_to_cost: BandTable,
    /// 科技成果 (30).
    pub achievements: Vec<IpClassBands>,
    pub direct_paths: Vec<DirectPath>,
}

impl Default for TechSmeRules {
    fn default() -> TechSmeRules {
        TechSmeRules {
            source: "科技型中小企业评价办法（国科发政〔2017〕115号）".to_owned(),
            max_staff: Figure::new(500.0),
            max_sales_wan_yuan: Figure::new(20_000.0),
            max_assets_wan_yuan: Figure::new(20_000.0),
            min_score: Figure::new(60.0),
            tech_staff_share: BandTable::upward(
                &[(0.30, 20.0), (0.25, 16.0), (0.20, 12.0), (0.15, 8.0), (0.10, 4.0)],
                Some(0.0),
            ),
            rd_to_sales: BandTable::upward(
                &[(0.06, 50.0), (0.05, 40.0), (0.04, 30.0), (0.03, 20.0), (0.02, 10.0)],
                Some(0.0),
            ),
            rd_to_cost: BandTable::upward(
                &[(0.30, 50.0), (0.25, 40.0), (0.20, 30.0), (0.15, 20.0), (0.10, 10.0)],
                Some(0.0),
            ),
            achievements: IpClassBands::ladder(&[
                (IpClass::Class1, 1.0, 30.0),
                (IpClass::Class2, 4.0, 24.0),
                (IpClass::Class2, 3.0, 18.0),
                (IpClass::Class2, 2.0, 12.0),
                (IpClass::Class2, 1.0, 6.0),
            ]),
            direct_paths: vec![
                DirectPath::Certificate { kinds: vec![CertificateKind::Tier(Tier::HighTech)] },
                // The spec names only "a few awards"; 115号 lists national awards placed top 3 in 5 years.
                DirectPath::Award(AwardRule {
                    kind: AwardKind::ScienceTechnology,
                    min_level: AwardLevel::National,
                    max_rank: Some(3),
                    within_years: 5,
                    unconfirmed: true,
                }),
            ],
        }
    }
}

const STAFF: Label = label("staff_count", "职工总数", "staff count");
const SALES: Label = label("sales_last_year", "上年度销售收入", "sales last year");
const ASSETS: Label = label("total_assets", "资产总额", "total assets");
const SCORE: Label = label("tech_sme_score", "科技型中小企业评价得分", "technology-based SME score");
const TECH_STAFF_ITEM: Label =
    label("tech_staff_points_not_zero", "科技人员指标得分不为0", "tech-staff item above zero");
const SCORE_PATH: Label = label("score_path", "评分达标", "qualifies by score");
const QUALIFIES: Label = label("score_or_direct", "评分达标或直接确认", "qualifies by score or directly");
const TECH_STAFF: Label = label("tech_staff_share", "科技人员占职工总数比例", "tech staff share of all staff");
const RD: Label = label("rd_input", "研发投入", "R&D input");
const ACHIEVEMENTS: Label = label("achievements", "科技成果（知识产权）", "scientific achievements (IP)");

impl TechSmeRules {
    pub(crate) fn scorecard(&self, facts: &Facts) -> Scorecard {
        let rd = |y: &FiscalYearFigures| y.rd_expense_wan_yuan;
        let items = vec![
            ScoreItem::banded(
                TECH_STAFF,
                None,
                &[("tech_staff_ratio", facts.staff_share(facts.profile.tech_staff_count), &self.tech_staff_share)],
            ),
            ScoreItem::banded(
                RD,
                None,
                &[
                    ("rd_to_sales_ratio", facts.share(0, rd, |y| y.revenue_wan_yuan), &self.rd_to_sales),
                    ("rd_to_cost_ratio", facts.share(0, rd, |y| y.total_cost_wan_yuan), &self.rd_to_cost),
                ],
            ),
            ScoreItem::ip(ACHIEVEMENTS, None, &facts.profile.ip, &self.achievements),
        ];
        Scorecard::new(SCORE, items)
    }

    pub(crate) fn evaluate(&self, facts: &Facts) -> Evaluation {
        let p = facts.profile;
        let card = self.scorecard(facts);
        let tech_staff_points = card.items[0].points;
        let score_path = Criterion::all_of(
            SCORE_PATH,
            vec![
                card.total_at_least(SCORE, self.min_score),
                Criterion::compare(TECH_STAFF_ITEM, tech_staff_points, Bound::Above, 0.0, Unit::Points),
            ],
        );
        let mut ways = vec![score_path];
        ways.extend(self.direct_paths.iter().map(|path| path.evaluate(facts)));
        let criteria = vec![
            Criterion::at_most(STAFF, p.staff_count.map(f64::from), self.max_staff, Unit::Count),
            Criterion::at_most(SALES, facts.value(0, |y| y.revenue_wan_yuan), self.max_sales_wan_yuan, Unit::WanYuan),
            Criterion::at_most(ASSETS, p.total_assets_wan_yuan, self.max_assets_wan_yuan, Unit::WanYuan),
            Criterion::any_of(QUALIFIES, ways),
        ];
        Evaluation { criteria, scorecards: vec![card] }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::criterion::Outcome;
    use crate::tiers::profile::{Certificate, EnterpriseProfile, IpCounts};
    use crate::tiers::test_support::{accounts, check_bands, date, with_accounts};
    use proptest::prelude::*;

    #[test]
    fn tech_staff_share_band_edges() {
        check_bands(
            &TechSmeRules::default().tech_staff_share,
            &[
                (0.30, 20.0),
                (0.299_99, 16.0),
                (0.25, 16.0),
                (0.249_99, 12.0),
                (0.20, 12.0),
                (0.199_99, 8.0),
                (0.15, 8.0),
                (0.149_99, 4.0),
                (0.10, 4.0),
                (0.099_99, 0.0),
            ],
        );
    }

    #[test]
    fn rd_to_sales_band_edges() {
        check_bands(
            &TechSmeRules::default().rd_to_sales,
            &[
                (0.06, 50.0),
                (0.059_99, 40.0),
                (0.05, 40.0),
                (0.049_99, 30.0),
                (0.04, 30.0),
                (0.039_99, 20.0),
                (0.03, 20.0),
                (0.029_99, 10.0),
                (0.02, 10.0),
                (0.019_99, 0.0),
            ],
        );
    }

    #[test]
    fn rd_to_cost_band_edges() {
        check_bands(
            &TechSmeRules::default().rd_to_cost,
            &[
                (0.30, 50.0),
                (0.299_99, 40.0),
                (0.25, 40.0),
                (0.249_99, 30.0),
                (0.20, 30.0),
                (0.199_99, 20.0),
                (0.15, 20.0),
                (0.149_99, 10.0),
                (0.10, 10.0),
                (0.099_99, 0.0),
            ],
        );
    }

    fn achievement_points(class1: u32, class2: u32) -> Option<f64> {
        let ip = IpCounts { class1: Some(class1), class2: Some(class2), ..IpCounts::default() };
        ScoreItem::ip(ACHIEVEMENTS, None, &ip, &TechSmeRules::default().achievements).points
    }

    #[test]
    fn achievement_band_edges() {
        assert_eq!(achievement_points(1, 0), Some(30.0));
        assert_eq!(achievement_points(0, 4), Some(24.0));
        assert_eq!(achievement_points(0, 3), Some(18.0));
        assert_eq!(achievement_points(0, 2), Some(12.0));
        assert_eq!(achievement_points(0, 1), Some(6.0));
        assert_eq!(achievement_points(0, 0), Some(0.0));
        assert_eq!(achievement_points(1, 9), Some(30.0));
    }

    /// 300 staff, 90 of them tech (20), R&D 5% of sales and 5.6% of cost (40), one Ⅰ类 patent (30): 90 points.
    fn qualifying() -> EnterpriseProfile {
        let mut p = EnterpriseProfile {
            staff_count: Some(300),
            tech_staff_count: Some(90),
            total_assets_wan_yuan: Some(8_000.0),
            certificates: Some(vec![]),
            awards: Some(vec![]),
            ip: IpCounts { class1: Some(1), class2: Some(0), ..IpCounts::default() },
            ..with_accounts(2025, &[(10_000.0, 9_000.0, 500.0)])
        };
        p.accounts[0].figures.total_cost_wan_yuan = Some(9_000.0);
        p
    }

    #[test]
    fn rd_points_stay_open_while_the_cost_ratio_could_score_higher() {
        let mut p = qualifying();
        p.accounts[0].figures.total_cost_wan_yuan = None;
        let e = evaluate(&p);
        assert_eq!(e.scorecards[0].items[1].points, None);
        assert_eq!((e.scorecards[0].known_points, e.scorecards[0].max_possible_points), (50.0, 100.0));
        assert_eq!(e.criteria[3].outcome, Outcome::Unknown);
    }

    fn evaluate(p: &EnterpriseProfile) -> Evaluation {
        TechSmeRules::default().evaluate(&Facts::new(p, date(2026, 2, 1)).unwrap())
    }

    #[test]
    fn qualifying_enterprise_scores_90_and_meets_every_criterion() {
        let e = evaluate(&qualifying());
        assert_eq!(e.scorecards[0].known_points, 90.0);
        assert!(e.criteria.iter().all(|c| c.outcome == Outcome::Met));
    }

    #[test]
    fn zero_tech_staff_points_fails_even_with_a_high_score() {
        let p = EnterpriseProfile { tech_staff_count: Some(20), ..qualifying() };
        let e = evaluate(&p);
        assert_eq!(e.scorecards[0].known_points, 70.0);
        assert_eq!(e.criteria[3].outcome, Outcome::Unmet);
    }

    #[test]
    fn high_tech_certificate_qualifies_directly() {
        let certificate = Certificate {
            kind: CertificateKind::Tier(Tier::HighTech),
            issued_on: date(2024, 12, 1),
            expires_on: date(2027, 11, 30),
        };
        let p = EnterpriseProfile { tech_staff_count: Some(0), certificates: Some(vec![certificate]), ..qualifying() };
        assert_eq!(evaluate(&p).criteria[3].outcome, Outcome::Met);
    }

    #[test]
    fn over_500_staff_is_not_eligible() {
        let p = EnterpriseProfile { staff_count: Some(501), tech_staff_count: Some(200), ..qualifying() };
        assert_eq!(evaluate(&p).criteria[0].outcome, Outcome::Unmet);
    }

    proptest! {
        #[test]
        fn more_rd_never_lowers_the_score(rd in 0.0f64..2_000.0, extra in 0.0f64..2_000.0) {
            let score = |rd: f64| {
                let mut p = EnterpriseProfile { accounts: accounts(2025, &[(10_000.0, 9_000.0, rd)]), ..qualifying() };
                p.accounts[0].figures.total_cost_wan_yuan = Some(9_000.0);
                evaluate(&p).scorecards[0].known_points
            };
            prop_assert!(score(rd + extra) >= score(rd));
        }
    }
}
