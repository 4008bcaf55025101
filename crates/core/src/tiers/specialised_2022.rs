//! 专精特新中小企业 under the 2022 rules (spec §4.3): basic conditions, then the 13-indicator
//! score ([`Specialised2022Score`]) ≥ 60 or a direct path.

use serde::{Deserialize, Serialize};

use super::assessment::Evaluation;
use super::bands::Figure;
use super::conditions::{rd_each_year, revenue_or, years_in_niche};
use super::criterion::{label, Criterion, Label};
use super::facts::Facts;
use super::paths::{AwardRule, DirectPath};
use super::profile::{AwardKind, AwardLevel};
use super::specialised_2022_score::{Specialised2022Score, SCORE};

/// The 2022 专精特新中小企业 standard as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Specialised2022Rules {
    pub source: String,
    pub min_years_in_niche: Figure,
    /// Last year's R&D expense and its share of revenue.
    pub min_rd_wan_yuan: Figure,
    pub min_rd_ratio: Figure,
    /// Last year's revenue, unless one of `revenue_alternatives` holds.
    pub min_revenue_wan_yuan: Figure,
    pub revenue_alternatives: Vec<DirectPath>,
    pub min_score: Figure,
    /// The 13 scored indicators.
    pub score: Specialised2022Score,
    pub direct_paths: Vec<DirectPath>,
}

impl Default for Specialised2022Rules {
    fn default() -> Specialised2022Rules {
        let award = |kind, min_level, max_rank| {
            DirectPath::Award(AwardRule {
                kind,
                min_level,
                max_rank: Some(max_rank),
                within_years: 3,
                unconfirmed: false,
            })
        };
        Specialised2022Rules {
            source: "优质中小企业梯度培育管理暂行办法（工信部企业〔2022〕63号）附件 专精特新中小企业认定标准"
                .to_owned(),
            min_years_in_niche: Figure::new(2.0),
            min_rd_wan_yuan: Figure::new(100.0),
            min_rd_ratio: Figure::new(0.03),
            min_revenue_wan_yuan: Figure::new(1_000.0),
            revenue_alternatives: vec![DirectPath::EquityFinancing { min_wan_yuan: Figure::new(2_000.0), years: 2 }],
            min_score: Figure::new(60.0),
            score: Specialised2022Score::default(),
            direct_paths: vec![
                award(AwardKind::ScienceTechnology, AwardLevel::Provincial, 3),
                award(AwardKind::ScienceTechnology, AwardLevel::National, 5),
                DirectPath::AverageRdExpense { min_wan_yuan: Figure::new(1_000.0), years: 2 },
                DirectPath::EquityFinancing { min_wan_yuan: Figure::new(6_000.0), years: 2 },
                award(AwardKind::MakerChina, AwardLevel::National, 500),
            ],
        }
    }
}

const SCORE_PATH: Label = label("score_path", "评分达标", "qualifies by score");
const QUALIFIES: Label = label("score_or_direct", "评分达标或直接认定", "qualifies by score or directly");

impl Specialised2022Rules {
    pub(crate) fn evaluate(&self, facts: &Facts) -> Evaluation {
        let card = self.score.scorecard(facts);
        let mut ways = vec![Criterion::all_of(SCORE_PATH, vec![card.total_at_least(SCORE, self.min_score)])];
        ways.extend(self.direct_paths.iter().map(|path| path.evaluate(facts)));
        let criteria = vec![
            years_in_niche(facts, self.min_years_in_niche),
            rd_each_year(facts, 1, Some(self.min_rd_wan_yuan), self.min_rd_ratio),
            revenue_or(facts, self.min_revenue_wan_yuan, &self.revenue_alternatives),
            Criterion::any_of(QUALIFIES, ways),
        ];
        Evaluation { criteria, scorecards: vec![card] }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::criterion::Outcome;
    use crate::tiers::profile::EnterpriseProfile;
    use crate::tiers::test_support::{date, specialised_profile};

    fn evaluate(p: &EnterpriseProfile) -> Evaluation {
        Specialised2022Rules::default().evaluate(&Facts::new(p, date(2025, 6, 1)).unwrap())
    }

    #[test]
    fn worked_profile_meets_every_condition_with_73_points() {
        let e = evaluate(&specialised_profile(300.0));
        assert_eq!(e.scorecards[0].known_points, 73.0);
        assert!(e.criteria.iter().all(|c| c.outcome == Outcome::Met), "{:#?}", e.criteria);
    }

    #[test]
    fn rd_below_3_percent_fails_the_condition_whatever_the_score() {
        let e = evaluate(&specialised_profile(140.0));
        let last_year = &e.criteria[1].parts[0];
        assert_eq!(last_year.key, "rd_expense_2024");
        assert_eq!((last_year.parts[0].outcome, last_year.parts[1].outcome), (Outcome::Met, Outcome::Unmet));
        assert!((last_year.parts[1].difference.unwrap() - 0.002).abs() < 1e-12);
        assert_eq!(e.criteria[3].outcome, Outcome::Met);
    }

    #[test]
    fn revenue_below_1000_wan_is_excused_by_2000_wan_equity_in_two_years() {
        let mut p = specialised_profile(300.0);
        p.accounts[0].figures.revenue_wan_yuan = Some(999.0);
        p.accounts[0].figures.equity_financing_wan_yuan = Some(1_500.0);
        p.accounts[1].figures.equity_financing_wan_yuan = Some(500.0);
        let revenue_or = &evaluate(&p).criteria[2];
        assert_eq!((revenue_or.parts[0].outcome, revenue_or.outcome), (Outcome::Unmet, Outcome::Met));
        p.accounts[1].figures.equity_financing_wan_yuan = Some(499.0);
        assert_eq!(evaluate(&p).criteria[2].outcome, Outcome::Unmet);
    }
}
