//! The 13-indicator score of 专精特新中小企业 under the 2022 rules (spec §4.3): 专业化 25,
//! 精细化 25, 特色化 15 (the province's own indicators, an input) and 创新能力 35.

use serde::{Deserialize, Serialize};

use super::bands::{BandTable, FlagPoints, IpClassBands};
use super::criterion::{label, Label};
use super::facts::Facts;
use super::profile::{FiscalYearFigures, IpClass};
use super::score::{ScoreGroup, ScoreItem, Scorecard};

/// The scored indicators as data. The spec gives only the maximum of 主导产品所属领域 and
/// 质量管理, and marks 研发人员占比 and 研发机构级别 UNCONFIRMED: all four are flagged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Specialised2022Score {
    /// 主营业务收入 / 营业收入, last year (专业化 5).
    pub main_business_share: BandTable,
    /// 近2年主营业务收入平均增长率 (专业化 10).
    pub main_business_growth: BandTable,
    /// 从事细分市场年限, 1 point per 2 years (专业化 5).
    pub years_in_niche: BandTable,
    /// 主导产品所属领域 (专业化 5); the spec gives only the maximum.
    pub strategic_field: FlagPoints,
    /// 数字化水平 grade (精细化 5).
    pub digitalisation: BandTable,
    /// 质量管理: certified management system (精细化 5); the spec gives only the maximum.
    pub quality_management: FlagPoints,
    /// 净利润率 = net profit / revenue, last year (精细化 10).
    pub net_profit_margin: BandTable,
    /// 资产负债率 (精细化 5).
    pub debt_ratio: BandTable,
    /// 特色化: points from the province's own indicators, an input up to this maximum.
    pub distinctiveness_max_points: f64,
    /// 有效知识产权 (创新能力 10).
    pub ip: Vec<IpClassBands>,
    /// 研发费用 (创新能力 10): the better of last year's amount and its share of revenue.
    pub rd_amount: BandTable,
    pub rd_ratio: BandTable,
    /// 研发人员占比 (创新能力 5).
    pub rd_staff_share: BandTable,
    /// 研发机构级别 by [`RdInstitutionLevel::rank`](super::RdInstitutionLevel::rank) (创新能力 10).
    pub rd_institution: BandTable,
}

impl Default for Specialised2022Score {
    fn default() -> Specialised2022Score {
        Specialised2022Score {
            main_business_share: BandTable::upward(&[(0.80, 5.0), (0.70, 3.0), (0.60, 1.0)], Some(0.0)),
            main_business_growth: BandTable::upward(
                &[(0.10, 10.0), (0.08, 8.0), (0.06, 6.0), (0.04, 4.0), (0.0, 2.0)],
                Some(0.0),
            ),
            years_in_niche: BandTable::upward(
                &[(10.0, 5.0), (8.0, 4.0), (6.0, 3.0), (4.0, 2.0), (2.0, 1.0)],
                Some(0.0),
            )
            .edges_explicit(),
            strategic_field: FlagPoints { if_true: 5.0, if_false: 0.0, unconfirmed: true },
            digitalisation: BandTable::upward(&[(3.0, 5.0), (2.0, 3.0)], Some(0.0)).edges_explicit(),
            quality_management: FlagPoints { if_true: 5.0, if_false: 0.0, unconfirmed: true },
            net_profit_margin: BandTable::upward(
                &[(0.10, 10.0), (0.08, 8.0), (0.06, 6.0), (0.04, 4.0), (0.02, 2.0)],
                Some(0.0),
            ),
            debt_ratio: BandTable::downward(&[(0.50, 5.0), (0.60, 3.0), (0.70, 1.0)], Some(0.0)),
            distinctiveness_max_points: 15.0,
            ip: IpClassBands::ladder(&[
                (IpClass::Class1HighValue, 1.0, 10.0),
                (IpClass::Class1SelfDeveloped, 1.0, 8.0),
                (IpClass::Class1, 1.0, 6.0),
                (IpClass::Class2, 1.0, 2.0),
            ]),
            rd_amount: BandTable::upward(
                &[(500.0, 10.0), (400.0, 8.0), (300.0, 6.0), (200.0, 4.0), (100.0, 2.0)],
                Some(0.0),
            ),
            rd_ratio: BandTable::upward(&[(0.10, 10.0), (0.08, 8.0), (0.06, 6.0), (0.04, 4.0), (0.03, 2.0)], Some(0.0)),
            rd_staff_share: BandTable::upward(&[(0.20, 5.0), (0.10, 3.0), (0.05, 1.0)], Some(0.0)).unconfirmed(),
            rd_institution: BandTable::upward(&[(4.0, 10.0), (3.0, 8.0), (2.0, 4.0), (1.0, 2.0)], Some(0.0))
                .edges_explicit()
                .unconfirmed(),
        }
    }
}

const SHARE: Label = label("main_business_share", "主营业务收入占营业收入比重", "main business share of revenue");
const GROWTH: Label =
    label("main_business_growth_2y", "近2年主营业务收入平均增长率", "2-year average main-business growth");
const FIELD: Label = label("strategic_field", "主导产品所属领域", "field of the main product");
const DIGITAL: Label = label("digitalisation", "数字化水平", "digitalisation level");
const QUALITY: Label = label("quality_management", "质量管理水平", "quality management");
const MARGIN: Label = label("net_profit_margin", "净利润率", "net profit margin");
const DEBT: Label = label("debt_ratio", "资产负债率", "debt-to-asset ratio");
const DISTINCT: Label = label("distinctiveness", "特色化指标（省级）", "distinctiveness (provincial indicators)");
const IP: Label = label("ip", "有效知识产权", "valid intellectual property");
const RD_ITEM: Label = label("rd_expense_item", "研发费用", "R&D expense");
const RD_STAFF: Label = label("rd_staff_share", "研发人员占比", "R&D staff share");
const INSTITUTION: Label = label("rd_institution", "研发机构级别", "R&D institution level");

const NICHE_YEARS: Label = label("years_in_niche", "从事特定细分市场年限", "years in the niche market");
pub(crate) const SCORE: Label = label("specialised_sme_score", "专精特新中小企业评价得分", "SRDI SME score");

impl Specialised2022Score {
    pub(crate) fn scorecard(&self, facts: &Facts) -> Scorecard {
        let p = facts.profile;
        let main = |y: &FiscalYearFigures| y.main_business_revenue_wan_yuan;
        let revenue = |y: &FiscalYearFigures| y.revenue_wan_yuan;
        let rd = |y: &FiscalYearFigures| y.rd_expense_wan_yuan;
        let (spec, refine, innov) =
            (Some(ScoreGroup::Specialisation), Some(ScoreGroup::Refinement), Some(ScoreGroup::Innovation));
        let items = vec![
            ScoreItem::banded(
                SHARE,
                spec,
                &[("main_business_share_ratio", facts.share(0, main, revenue), &self.main_business_share)],
            ),
            ScoreItem::banded(
                GROWTH,
                spec,
                &[("main_business_growth_ratio", facts.average_growth(2, main), &self.main_business_growth)],
            ),
            ScoreItem::banded(
                NICHE_YEARS,
                spec,
                &[("years_in_niche", p.years_in_niche.map(f64::from), &self.years_in_niche)],
            ),
            ScoreItem::flag(
                FIELD,
                spec,
                "strategic_emerging_industry",
                p.strategic_emerging_industry,
                &self.strategic_field,
            ),
            ScoreItem::banded(
                DIGITAL,
                refine,
                &[("digitalisation_level", p.digitalisation_level.map(f64::from), &self.digitalisation)],
            ),
            ScoreItem::flag(
                QUALITY,
                refine,
                "management_system_certified",
                p.management_system_certified,
                &self.quality_management,
            ),
            ScoreItem::banded(
                MARGIN,
                refine,
                &[(
                    "net_profit_margin_ratio",
                    facts.share(0, |y| y.net_profit_wan_yuan, revenue),
                    &self.net_profit_margin,
                )],
            ),
            ScoreItem::banded(DEBT, refine, &[("debt_ratio", p.debt_ratio, &self.debt_ratio)]),
            ScoreItem::given(
                DISTINCT,
                Some(ScoreGroup::Distinctiveness),
                p.distinctiveness_points,
                self.distinctiveness_max_points,
            ),
            ScoreItem::ip(IP, innov, &p.ip, &self.ip),
            ScoreItem::banded(
                RD_ITEM,
                innov,
                &[
                    ("rd_expense_wan_yuan", facts.value(0, rd), &self.rd_amount),
                    ("rd_to_revenue_ratio", facts.share(0, rd, revenue), &self.rd_ratio),
                ],
            ),
            ScoreItem::banded(
                RD_STAFF,
                innov,
                &[("rd_staff_ratio", facts.staff_share(p.rd_staff_count), &self.rd_staff_share)],
            ),
            ScoreItem::banded(
                INSTITUTION,
                innov,
                &[("rd_institution_rank", p.rd_institution_level.map(|l| l.rank()), &self.rd_institution)],
            ),
        ];
        Scorecard::new(SCORE, items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::profile::{EnterpriseProfile, IpCounts, RdInstitutionLevel};
    use crate::tiers::test_support::{check_bands, date, specialised_profile};
    use proptest::prelude::*;

    fn rules() -> Specialised2022Score {
        Specialised2022Score::default()
    }

    fn card(p: &EnterpriseProfile) -> Scorecard {
        rules().scorecard(&Facts::new(p, date(2025, 6, 1)).unwrap())
    }

    #[test]
    fn main_business_share_band_edges() {
        check_bands(
            &rules().main_business_share,
            &[(0.80, 5.0), (0.799_99, 3.0), (0.70, 3.0), (0.699_99, 1.0), (0.60, 1.0), (0.599_99, 0.0)],
        );
    }

    #[test]
    fn main_business_growth_band_edges() {
        check_bands(
            &rules().main_business_growth,
            &[
                (0.10, 10.0),
                (0.099_99, 8.0),
                (0.08, 8.0),
                (0.079_99, 6.0),
                (0.06, 6.0),
                (0.059_99, 4.0),
                (0.04, 4.0),
                (0.039_99, 2.0),
                (0.0, 2.0),
                (-0.000_01, 0.0),
            ],
        );
    }

    #[test]
    fn years_in_niche_band_edges() {
        check_bands(
            &rules().years_in_niche,
            &[
                (10.0, 5.0),
                (9.0, 4.0),
                (8.0, 4.0),
                (7.0, 3.0),
                (6.0, 3.0),
                (5.0, 2.0),
                (4.0, 2.0),
                (3.0, 1.0),
                (2.0, 1.0),
                (1.0, 0.0),
            ],
        );
    }

    #[test]
    fn digitalisation_band_edges() {
        check_bands(&rules().digitalisation, &[(4.0, 5.0), (3.0, 5.0), (2.0, 3.0), (1.0, 0.0)]);
    }

    #[test]
    fn net_profit_margin_band_edges() {
        check_bands(
            &rules().net_profit_margin,
            &[
                (0.10, 10.0),
                (0.099_99, 8.0),
                (0.08, 8.0),
                (0.079_99, 6.0),
                (0.06, 6.0),
                (0.059_99, 4.0),
                (0.04, 4.0),
                (0.039_99, 2.0),
                (0.02, 2.0),
                (0.019_99, 0.0),
            ],
        );
    }

    #[test]
    fn debt_ratio_band_edges() {
        check_bands(
            &rules().debt_ratio,
            &[(0.50, 5.0), (0.500_01, 3.0), (0.60, 3.0), (0.600_01, 1.0), (0.70, 1.0), (0.700_01, 0.0)],
        );
    }

    #[test]
    fn rd_amount_band_edges() {
        check_bands(
            &rules().rd_amount,
            &[
                (500.0, 10.0),
                (499.99, 8.0),
                (400.0, 8.0),
                (399.99, 6.0),
                (300.0, 6.0),
                (299.99, 4.0),
                (200.0, 4.0),
                (199.99, 2.0),
                (100.0, 2.0),
                (99.99, 0.0),
            ],
        );
    }

    #[test]
    fn rd_ratio_band_edges() {
        check_bands(
            &rules().rd_ratio,
            &[
                (0.10, 10.0),
                (0.099_99, 8.0),
                (0.08, 8.0),
                (0.079_99, 6.0),
                (0.06, 6.0),
                (0.059_99, 4.0),
                (0.04, 4.0),
                (0.039_99, 2.0),
                (0.03, 2.0),
                (0.029_99, 0.0),
            ],
        );
    }

    #[test]
    fn rd_staff_share_band_edges_are_unconfirmed() {
        let t = rules().rd_staff_share;
        assert!(t.unconfirmed);
        check_bands(&t, &[(0.20, 5.0), (0.199_99, 3.0), (0.10, 3.0), (0.099_99, 1.0), (0.05, 1.0), (0.049_99, 0.0)]);
    }

    #[test]
    fn rd_institution_band_edges_are_unconfirmed() {
        let t = rules().rd_institution;
        assert!(t.unconfirmed);
        let points = |l: RdInstitutionLevel| t.lookup(l.rank());
        assert_eq!(points(RdInstitutionLevel::National), Some(10.0));
        assert_eq!(points(RdInstitutionLevel::Provincial), Some(8.0));
        assert_eq!(points(RdInstitutionLevel::City), Some(4.0));
        assert_eq!(points(RdInstitutionLevel::BelowCity), Some(2.0));
        assert_eq!(points(RdInstitutionLevel::Absent), Some(0.0));
    }

    #[test]
    fn ip_band_edges() {
        let points = |hv, sd, c1, c2| {
            let ip = IpCounts {
                class1_high_value: Some(hv),
                class1_self_developed: Some(sd),
                class1: Some(c1),
                class2: Some(c2),
                ..IpCounts::default()
            };
            ScoreItem::ip(IP, None, &ip, &rules().ip).points
        };
        assert_eq!(points(1, 1, 1, 0), Some(10.0));
        assert_eq!(points(0, 1, 1, 0), Some(8.0));
        assert_eq!(points(0, 0, 1, 0), Some(6.0));
        assert_eq!(points(0, 0, 0, 1), Some(2.0));
        assert_eq!(points(0, 0, 0, 0), Some(0.0));
    }

    #[test]
    fn group_maxima_are_25_25_15_35() {
        let card = card(&EnterpriseProfile::default());
        let max = |g| card.items.iter().filter(|i| i.group == Some(g)).map(|i| i.max_points).sum::<f64>();
        assert_eq!(
            [
                max(ScoreGroup::Specialisation),
                max(ScoreGroup::Refinement),
                max(ScoreGroup::Distinctiveness),
                max(ScoreGroup::Innovation)
            ],
            [25.0, 25.0, 15.0, 35.0]
        );
        assert_eq!(card.max_possible_points, 100.0);
    }

    #[test]
    fn strategic_field_and_quality_score_5_or_0_flagged_unconfirmed() {
        for flag in [rules().strategic_field, rules().quality_management] {
            assert_eq!((flag.points(true), flag.points(false), flag.unconfirmed), (5.0, 0.0, true));
        }
    }

    #[test]
    fn worked_profile_scores_item_by_item() {
        // share 90% → 5; growth (11.1% + 12.5%)/2 → 10; 6 years → 3; strategic 5 (专业化 23);
        // level 2 → 3; certified 5; margin 8% → 8; debt 55% → 3 (精细化 19); 特色化 10;
        // 自主Ⅰ类 → 8; R&D 300 万 = 6% → 6; R&D staff 12% → 3; city institution → 4 (创新 21). Total 73.
        let card = card(&specialised_profile(300.0));
        let points: Vec<f64> = card.items.iter().map(|i| i.points.unwrap()).collect();
        assert_eq!(points, vec![5.0, 10.0, 3.0, 5.0, 3.0, 5.0, 8.0, 3.0, 10.0, 8.0, 6.0, 3.0, 4.0]);
        assert_eq!(card.known_points, 73.0);
    }

    proptest! {
        #[test]
        fn more_rd_never_lowers_the_score(rd in 0.0f64..1_000.0, extra in 0.0f64..1_000.0) {
            let score = |rd| card(&specialised_profile(rd)).known_points;
            prop_assert!(score(rd + extra) >= score(rd));
        }
    }
}
