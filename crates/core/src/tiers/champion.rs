//! 制造业单项冠军 (工信部政法〔2023〕138号 as reported by secondary sources, spec §4.5).
//! Several figures are UNCONFIRMED and flagged as such.

use serde::{Deserialize, Serialize};

use super::assessment::Evaluation;
use super::bands::Figure;
use super::conditions::years_in_niche;
use super::criterion::{label, Criterion, Label, Unit};
use super::facts::{ratio, Facts};
use super::ladder::Tier;

/// The 单项冠军 conditions as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChampionRules {
    pub source: String,
    pub min_years_in_niche: Figure,
    /// Years asked instead when the niche product is a new product (sources say 3 or 5).
    pub new_product_min_years_in_niche: Figure,
    /// Global market-share rank of the main product.
    pub max_global_rank: Figure,
    /// Average main-business revenue over the last `revenue_years` years.
    pub min_average_main_revenue_wan_yuan: Figure,
    /// The lower average asked of a valid 专精特新 or 小巨人 title holder.
    pub specialised_min_average_main_revenue_wan_yuan: Figure,
    pub revenue_years: u32,
    /// Niche-product revenue as a share of all revenue, last year (older notices).
    pub min_niche_product_share: Figure,
}

impl Default for ChampionRules {
    fn default() -> ChampionRules {
        ChampionRules {
            source: "制造业单项冠军企业认定管理办法（工信部政法〔2023〕138号，据二手资料）".to_owned(),
            min_years_in_niche: Figure::new(10.0),
            new_product_min_years_in_niche: Figure::unconfirmed(3.0),
            max_global_rank: Figure::new(3.0),
            min_average_main_revenue_wan_yuan: Figure::new(40_000.0),
            specialised_min_average_main_revenue_wan_yuan: Figure::unconfirmed(20_000.0),
            revenue_years: 3,
            min_niche_product_share: Figure::new(0.70),
        }
    }
}

const GLOBAL_RANK: Label =
    label("global_market_rank", "主导产品全球市场占有率排名", "global market-share rank of the main product");
const AVERAGE_REVENUE: Label =
    label("average_main_revenue", "近3年主营业务收入平均值", "3-year average main-business revenue");
const NICHE_SHARE: Label =
    label("niche_product_share", "单项冠军产品收入占营业收入比重", "niche product share of revenue");

impl ChampionRules {
    pub(crate) fn evaluate(&self, facts: &Facts) -> Evaluation {
        let p = facts.profile;
        let min_years = match p.niche_is_new_product {
            Some(true) => self.new_product_min_years_in_niche,
            _ => self.min_years_in_niche,
        };
        let specialised =
            [Tier::SpecialisedSme, Tier::LittleGiant].iter().flat_map(|t| t.held_by()).collect::<Vec<_>>();
        let min_revenue = match facts.holds(&specialised) {
            Some(true) => self.specialised_min_average_main_revenue_wan_yuan,
            _ => self.min_average_main_revenue_wan_yuan,
        };
        let years = self.revenue_years;
        let average = facts.sum(years, |y| y.main_business_revenue_wan_yuan).map(|s| s / f64::from(years));
        let niche_share =
            ratio(facts.value(0, |y| y.niche_product_revenue_wan_yuan), facts.value(0, |y| y.revenue_wan_yuan));
        let criteria = vec![
            years_in_niche(facts, min_years),
            Criterion::at_most(GLOBAL_RANK, p.global_market_rank.map(f64::from), self.max_global_rank, Unit::Rank)
                .or_manual_review(),
            Criterion::at_least(AVERAGE_REVENUE, average, min_revenue, Unit::WanYuan),
            Criterion::at_least(NICHE_SHARE, niche_share, self.min_niche_product_share, Unit::Ratio),
        ];
        Evaluation { criteria, scorecards: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::criterion::Outcome;
    use crate::tiers::profile::{Certificate, CertificateKind, EnterpriseProfile};
    use crate::tiers::test_support::{date, with_accounts};

    fn profile(average_main: f64) -> EnterpriseProfile {
        let mut p = EnterpriseProfile {
            years_in_niche: Some(10),
            global_market_rank: Some(3),
            ..with_accounts(2024, &[(50_000.0, average_main, 0.0); 3])
        };
        p.accounts[0].figures.niche_product_revenue_wan_yuan = Some(35_000.0);
        p
    }

    fn outcomes(p: &EnterpriseProfile) -> Vec<Outcome> {
        let e = ChampionRules::default().evaluate(&Facts::new(p, date(2025, 6, 1)).unwrap());
        e.criteria.iter().map(|c| c.outcome).collect()
    }

    #[test]
    fn meets_every_condition_on_its_edge() {
        assert_eq!(outcomes(&profile(40_000.0)), vec![Outcome::Met; 4]);
    }

    #[test]
    fn fails_each_condition_just_past_its_edge() {
        let mut p = EnterpriseProfile { years_in_niche: Some(9), global_market_rank: Some(4), ..profile(39_999.0) };
        p.accounts[0].figures.niche_product_revenue_wan_yuan = Some(34_999.0);
        assert_eq!(outcomes(&p), vec![Outcome::Unmet; 4]);
    }

    #[test]
    fn new_product_needs_3_years_flagged_unconfirmed() {
        let p = EnterpriseProfile { years_in_niche: Some(3), niche_is_new_product: Some(true), ..profile(40_000.0) };
        let e = ChampionRules::default().evaluate(&Facts::new(&p, date(2025, 6, 1)).unwrap());
        assert_eq!(e.criteria[0].outcome, Outcome::Met);
        assert!(e.criteria[0].unconfirmed);
        let younger = EnterpriseProfile { years_in_niche: Some(2), ..p };
        assert_eq!(outcomes(&younger)[0], Outcome::Unmet);
    }

    #[test]
    fn specialised_title_lowers_the_revenue_bar_to_2_yi() {
        let holder = |average| EnterpriseProfile {
            certificates: Some(vec![Certificate {
                kind: CertificateKind::Tier(Tier::LittleGiant),
                issued_on: date(2023, 7, 1),
                expires_on: date(2026, 6, 30),
            }]),
            ..profile(average)
        };
        assert_eq!(outcomes(&holder(20_000.0))[2], Outcome::Met);
        assert_eq!(outcomes(&holder(19_999.0))[2], Outcome::Unmet);
    }

    #[test]
    fn unknown_rank_goes_to_manual_review() {
        let p = EnterpriseProfile { global_market_rank: None, ..profile(40_000.0) };
        assert_eq!(outcomes(&p)[1], Outcome::ManualReview);
    }
}
