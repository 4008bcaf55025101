//! 创新型中小企业 (2022 rules, spec §4.1): six indicators scored to 100 with group
//! minimums, or a direct path; and the merged 2026 "科技和创新型中小企业".

use serde::{Deserialize, Serialize};

use super::assessment::Evaluation;
use super::bands::{BandTable, Figure, FlagPoints, IpClassBands};
use super::criterion::{label, Criterion, Label};
use super::facts::Facts;
use super::ladder::Tier;
use super::paths::{AwardRule, DirectPath};
use super::profile::{AwardKind, AwardLevel, CertificateKind, FiscalYearFigures, IpClass, RdInstitutionLevel};
use super::score::{GroupMinimum, ScoreGroup, ScoreItem, Scorecard};
use super::tech_sme::TechSmeRules;

/// The 创新型中小企业 standard as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InnovativeSmeRules {
    pub source: String,
    /// 有效知识产权 (20).
    pub ip: Vec<IpClassBands>,
    /// 研发费用 / 营业收入, last year (20).
    pub rd_to_revenue: BandTable,
    /// 主营业务收入增长率, last year (20).
    pub main_business_growth: BandTable,
    /// 资产负债率 (10).
    pub debt_ratio: BandTable,
    /// 主导产品所属领域: 战略性新兴产业 or other (10).
    pub strategic_field: FlagPoints,
    /// 主营业务收入 / 营业收入, last year (20).
    pub main_business_share: BandTable,
    pub min_score: Figure,
    pub group_minimums: Vec<GroupMinimum>,
    pub direct_paths: Vec<DirectPath>,
    /// No major incident within this many years.
    pub incident_free_years: u32,
}

impl Default for InnovativeSmeRules {
    fn default() -> InnovativeSmeRules {
        let certified = [
            CertificateKind::Tier(Tier::HighTech),
            CertificateKind::TechInnovationDemo,
            CertificateKind::IpAdvantageOrDemo,
        ];
        InnovativeSmeRules {
            source: "优质中小企业梯度培育管理暂行办法（工信部企业〔2022〕63号）附件 创新型中小企业评价标准".to_owned(),
            ip: IpClassBands::ladder(&[
                (IpClass::Class1HighValue, 1.0, 20.0),
                (IpClass::Class1SelfDeveloped, 1.0, 15.0),
                (IpClass::Class1, 1.0, 10.0),
                (IpClass::Class2, 1.0, 5.0),
            ]),
            rd_to_revenue: BandTable::upward(&[(0.05, 20.0), (0.03, 15.0), (0.02, 10.0), (0.01, 5.0)], Some(0.0)),
            main_business_growth: BandTable::upward(&[(0.15, 20.0), (0.10, 15.0), (0.05, 10.0), (0.0, 5.0)], Some(0.0)),
            // "≤ 55% → 10; 55–75% → 5; > 75% → 0": both edges are stated.
            debt_ratio: BandTable::downward(&[(0.55, 10.0), (0.75, 5.0)], Some(0.0)).edges_explicit(),
            strategic_field: FlagPoints { if_true: 10.0, if_false: 5.0, unconfirmed: false },
            main_business_share: BandTable::upward(&[(0.70, 20.0), (0.60, 15.0), (0.55, 10.0), (0.50, 5.0)], Some(0.0)),
            min_score: Figure::new(60.0),
            group_minimums: vec![
                GroupMinimum { group: ScoreGroup::Innovation, min_points: Figure::new(20.0) },
                GroupMinimum { group: ScoreGroup::Growth, min_points: Figure::new(15.0) },
                GroupMinimum { group: ScoreGroup::Specialisation, min_points: Figure::new(15.0) },
            ],
            direct_paths: vec![
                DirectPath::Award(AwardRule {
                    kind: AwardKind::ScienceTechnology,
                    min_level: AwardLevel::Provincial,
                    max_rank: None,
                    within_years: 3,
                    unconfirmed: false,
                }),
                DirectPath::Certificate { kinds: certified.to_vec() },
                DirectPath::RdInstitution { min_level: RdInstitutionLevel::Provincial },
                DirectPath::EquityFinancing { min_wan_yuan: Figure::new(500.0), years: 3 },
            ],
            incident_free_years: 3,
        }
    }
}

const SCORE: Label = label("innovative_sme_score", "创新型中小企业评价得分", "innovative SME score");
const SCORE_PATH: Label = label("score_path", "评分达标", "qualifies by score");
const QUALIFIES: Label = label("score_or_direct", "评分达标或直接认定", "qualifies by score or directly");
const IP: Label = label("ip", "有效知识产权", "valid intellectual property");
const RD: Label = label("rd_to_revenue", "研发费用占营业收入比重", "R&D expense share of revenue");
const GROWTH: Label = label("main_business_growth", "主营业务收入增长率", "main-business revenue growth");
const DEBT: Label = label("debt_ratio", "资产负债率", "debt-to-asset ratio");
const FIELD: Label = label("strategic_field", "主导产品所属领域", "field of the main product");
const SHARE: Label = label("main_business_share", "主营业务收入占营业收入比重", "main business share of revenue");
pub(crate) const SME: Label = label("is_sme", "符合中小企业划型标准", "passes the SME size test");
pub(crate) const STANDING: Label = label(
    "in_good_standing",
    "未被列入经营异常名录或严重失信主体名单",
    "not listed as abnormal or seriously dishonest",
);
const INCIDENT_FREE: Label = label(
    "no_major_incident",
    "近年未发生重大安全（含网络安全、数据安全）、质量、环境污染等事故",
    "no major incident in recent years",
);
const MERGED: Label = label(
    "tech_or_innovative_standard",
    "满足科技型中小企业或创新型中小企业标准（2026年合并后的具体标准待确认）",
    "meets the technology-based or the innovative SME standard (the merged 2026 standard is unconfirmed)",
);
const TECH_STANDARD: Label = label("tech_sme_standard", "科技型中小企业标准", "technology-based SME standard");
const INNOVATIVE_STANDARD: Label = label("innovative_sme_standard", "创新型中小企业标准", "innovative SME standard");

impl InnovativeSmeRules {
    pub(crate) fn scorecard(&self, facts: &Facts) -> Scorecard {
        let p = facts.profile;
        let main = |y: &FiscalYearFigures| y.main_business_revenue_wan_yuan;
        let items = vec![
            ScoreItem::ip(IP, Some(ScoreGroup::Innovation), &p.ip, &self.ip),
            ScoreItem::banded(
                RD,
                Some(ScoreGroup::Innovation),
                &[(
                    "rd_to_revenue_ratio",
                    facts.share(0, |y| y.rd_expense_wan_yuan, |y| y.revenue_wan_yuan),
                    &self.rd_to_revenue,
                )],
            ),
            ScoreItem::banded(
                GROWTH,
                Some(ScoreGroup::Growth),
                &[("main_business_growth_ratio", facts.growth(0, main), &self.main_business_growth)],
            ),
            ScoreItem::banded(DEBT, Some(ScoreGroup::Growth), &[("debt_ratio", p.debt_ratio, &self.debt_ratio)]),
            ScoreItem::flag(
                FIELD,
                Some(ScoreGroup::Specialisation),
                "strategic_emerging_industry",
                p.strategic_emerging_industry,
                &self.strategic_field,
            ),
            ScoreItem::banded(
                SHARE,
                Some(ScoreGroup::Specialisation),
                &[(
                    "main_business_share_ratio",
                    facts.share(0, main, |y| y.revenue_wan_yuan),
                    &self.main_business_share,
                )],
            ),
        ];
        Scorecard::new(SCORE, items)
    }

    pub(crate) fn evaluate(&self, facts: &Facts) -> Evaluation {
        let p = facts.profile;
        let card = self.scorecard(facts);
        let mut score_parts = vec![card.total_at_least(SCORE, self.min_score)];
        score_parts.extend(self.group_minimums.iter().map(|m| card.group_at_least(m)));
        let mut ways = vec![Criterion::all_of(SCORE_PATH, score_parts)];
        ways.extend(self.direct_paths.iter().map(|path| path.evaluate(facts)));
        let criteria = vec![
            Criterion::flag(SME, p.is_sme),
            Criterion::flag(STANDING, p.in_good_standing),
            Criterion::flag(INCIDENT_FREE, facts.incident_free(self.incident_free_years)),
            Criterion::any_of(QUALIFIES, ways),
        ];
        Evaluation { criteria, scorecards: vec![card] }
    }
}

/// 科技和创新型中小企业 (2026). The spec gives no merged standard, so an enterprise
/// qualifies by meeting either earlier standard; the criterion is flagged UNCONFIRMED.
pub(crate) fn tech_and_innovative(tech: &TechSmeRules, innovative: &InnovativeSmeRules, facts: &Facts) -> Evaluation {
    let t = tech.evaluate(facts);
    let i = innovative.evaluate(facts);
    let either = Criterion::any_of(
        MERGED,
        vec![Criterion::all_of(TECH_STANDARD, t.criteria), Criterion::all_of(INNOVATIVE_STANDARD, i.criteria)],
    )
    .flagged(true);
    Evaluation { criteria: vec![either], scorecards: [t.scorecards, i.scorecards].concat() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::criterion::Outcome;
    use crate::tiers::profile::{EnterpriseProfile, FiscalYear, IpCounts};
    use crate::tiers::test_support::{accounts, check_bands, date, with_accounts};
    use proptest::prelude::*;

    #[test]
    fn rd_to_revenue_band_edges() {
        check_bands(
            &InnovativeSmeRules::default().rd_to_revenue,
            &[
                (0.05, 20.0),
                (0.049_99, 15.0),
                (0.03, 15.0),
                (0.029_99, 10.0),
                (0.02, 10.0),
                (0.019_99, 5.0),
                (0.01, 5.0),
                (0.009_99, 0.0),
            ],
        );
    }

    #[test]
    fn main_business_growth_band_edges() {
        check_bands(
            &InnovativeSmeRules::default().main_business_growth,
            &[
                (0.15, 20.0),
                (0.149_99, 15.0),
                (0.10, 15.0),
                (0.099_99, 10.0),
                (0.05, 10.0),
                (0.049_99, 5.0),
                (0.0, 5.0),
                (-0.000_01, 0.0),
            ],
        );
    }

    #[test]
    fn debt_ratio_band_edges() {
        check_bands(
            &InnovativeSmeRules::default().debt_ratio,
            &[(0.55, 10.0), (0.550_01, 5.0), (0.75, 5.0), (0.750_01, 0.0)],
        );
    }

    #[test]
    fn main_business_share_band_edges() {
        check_bands(
            &InnovativeSmeRules::default().main_business_share,
            &[
                (0.70, 20.0),
                (0.699_99, 15.0),
                (0.60, 15.0),
                (0.599_99, 10.0),
                (0.55, 10.0),
                (0.549_99, 5.0),
                (0.50, 5.0),
                (0.499_99, 0.0),
            ],
        );
    }

    #[test]
    fn strategic_field_scores_10_or_5() {
        let field = InnovativeSmeRules::default().strategic_field;
        assert_eq!((field.points(true), field.points(false)), (10.0, 5.0));
    }

    fn ip_points(high_value: u32, self_developed: u32, class1: u32, class2: u32) -> Option<f64> {
        let ip = IpCounts {
            class1_high_value: Some(high_value),
            class1_self_developed: Some(self_developed),
            class1: Some(class1),
            class2: Some(class2),
            ..IpCounts::default()
        };
        ScoreItem::ip(IP, None, &ip, &InnovativeSmeRules::default().ip).points
    }

    #[test]
    fn ip_band_edges() {
        assert_eq!(ip_points(1, 1, 1, 0), Some(20.0));
        assert_eq!(ip_points(0, 1, 1, 0), Some(15.0));
        assert_eq!(ip_points(0, 0, 1, 0), Some(10.0));
        assert_eq!(ip_points(0, 0, 0, 1), Some(5.0));
        assert_eq!(ip_points(0, 0, 0, 0), Some(0.0));
    }

    /// IP 15 + R&D 4% → 15 (innovation 30); growth 12.5% → 15, debt 50% → 10 (growth 25);
    /// strategic 10, main share 90% → 20 (specialisation 30): 85 points.
    fn qualifying() -> EnterpriseProfile {
        EnterpriseProfile {
            is_sme: Some(true),
            in_good_standing: Some(true),
            major_incident_years: Some(vec![]),
            debt_ratio: Some(0.5),
            strategic_emerging_industry: Some(true),
            ip: IpCounts { class1_high_value: Some(0), class1_self_developed: Some(1), ..IpCounts::default() },
            ..with_accounts(2024, &[(10_000.0, 9_000.0, 400.0), (9_000.0, 8_000.0, 300.0)])
        }
    }

    fn evaluate(p: &EnterpriseProfile) -> Evaluation {
        InnovativeSmeRules::default().evaluate(&Facts::new(p, date(2025, 3, 1)).unwrap())
    }

    #[test]
    fn qualifying_enterprise_scores_85() {
        let e = evaluate(&qualifying());
        assert_eq!(e.scorecards[0].known_points, 85.0);
        assert!(e.criteria.iter().all(|c| c.outcome == Outcome::Met), "{:#?}", e.criteria);
    }

    #[test]
    fn group_minimum_fails_a_high_total() {
        // No IP and R&D 0.5%: innovation 0 < 20 although the total is 55 + 0.
        let p = EnterpriseProfile {
            ip: IpCounts {
                class1_high_value: Some(0),
                class1_self_developed: Some(0),
                class1: Some(0),
                class2: Some(0),
                ..IpCounts::default()
            },
            accounts: accounts(2024, &[(10_000.0, 9_000.0, 50.0), (9_000.0, 8_000.0, 50.0)]),
            ..qualifying()
        };
        let score_path = &evaluate(&p).criteria[3].parts[0];
        assert_eq!(score_path.outcome, Outcome::Unmet);
        assert_eq!(score_path.parts[1].key, "group_innovation");
        assert_eq!(score_path.parts[1].current, Some(crate::tiers::Value::Number(0.0)));
    }

    #[test]
    fn equity_of_500_wan_in_three_years_qualifies_directly() {
        // Growth 5% → 10 and debt 90% → 0: the growth group (10) misses its minimum of 15.
        let mut p = EnterpriseProfile { debt_ratio: Some(0.9), ..qualifying() };
        p.accounts[0].figures.main_business_revenue_wan_yuan = Some(8_400.0);
        p.accounts[0].figures.equity_financing_wan_yuan = Some(300.0);
        p.accounts[1].figures.equity_financing_wan_yuan = Some(200.0);
        p.accounts.push(FiscalYear {
            year: 2022,
            figures: FiscalYearFigures { equity_financing_wan_yuan: Some(0.0), ..FiscalYearFigures::default() },
        });
        let qualifies = &evaluate(&p).criteria[3];
        assert_eq!(qualifies.parts[0].outcome, Outcome::Unmet);
        assert_eq!(qualifies.outcome, Outcome::Met);
    }

    #[test]
    fn merged_2026_title_accepts_either_standard() {
        let p = qualifying();
        let e = tech_and_innovative(
            &TechSmeRules::default(),
            &InnovativeSmeRules::default(),
            &Facts::new(&p, date(2026, 4, 1)).unwrap(),
        );
        assert_eq!(e.scorecards.len(), 2);
        assert!(e.criteria[0].unconfirmed);
        assert_eq!(e.criteria[0].parts.len(), 2);
    }

    proptest! {
        #[test]
        fn more_rd_never_lowers_the_score(rd in 0.0f64..1_000.0, extra in 0.0f64..1_000.0) {
            let score = |rd: f64| {
                let p = EnterpriseProfile { accounts: accounts(2024, &[(10_000.0, 9_000.0, rd), (9_000.0, 8_000.0, 0.0)]), ..qualifying() };
                evaluate(&p).scorecards[0].known_points
            };
            prop_assert!(score(rd + extra) >= score(rd));
        }
    }
}
