//! 瞪羚 and 独角兽 (spec §4.7): local definitions, one rule set per jurisdiction. Shipped:
//! 广州黄埔 2022 瞪羚, the 火炬中心 study criteria (UNCONFIRMED), 独角兽 and 宿迁 潜在独角兽.

use serde::{Deserialize, Serialize};

use super::assessment::Evaluation;
use super::bands::Figure;
use super::criterion::{label, Bound, Criterion, Label, Unit};
use super::facts::Facts;
use super::ladder::Tier;
use super::profile::FiscalYearFigures;

/// A 瞪羚 definition: a growth path and/or young-and-large paths, any of which qualifies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GazelleRules {
    pub source: String,
    pub growth_path: Option<GrowthPath>,
    pub young_large_paths: Vec<YoungLargePath>,
}

/// Fast growth from a base year `growth_years` before last year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GrowthPath {
    /// Must hold a valid 高新技术企业 title.
    pub requires_high_tech: bool,
    pub min_base_revenue_wan_yuan: Option<Figure>,
    pub min_compound_growth: Figure,
    pub growth_years: u32,
    /// Revenue must have grown in the last year.
    pub requires_last_year_growth: bool,
    /// Last year's R&D share of revenue must exceed this.
    pub min_rd_ratio_above: Option<Figure>,
}

/// Young enterprises with large revenue: age ≤ `max_age_years` and last year's revenue above the minimum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YoungLargePath {
    pub max_age_years: Figure,
    pub min_revenue_above_wan_yuan: Figure,
}

impl GazelleRules {
    /// 广州黄埔 2022.
    pub fn huangpu_2022() -> GazelleRules {
        GazelleRules {
            source: "广州市黄埔区 瞪羚企业认定（2022）".to_owned(),
            growth_path: Some(GrowthPath {
                requires_high_tech: true,
                min_base_revenue_wan_yuan: Some(Figure::new(1_000.0)),
                min_compound_growth: Figure::new(0.20),
                growth_years: 3,
                requires_last_year_growth: true,
                min_rd_ratio_above: None,
            }),
            young_large_paths: vec![
                YoungLargePath { max_age_years: Figure::new(5.0), min_revenue_above_wan_yuan: Figure::new(50_000.0) },
                YoungLargePath { max_age_years: Figure::new(10.0), min_revenue_above_wan_yuan: Figure::new(100_000.0) },
            ],
        }
    }

    /// 火炬中心 study criteria (CAGR ≥ 20%, R&D > 2.5%): UNCONFIRMED.
    pub fn torch_centre_study() -> GazelleRules {
        GazelleRules {
            source: "科技部火炬中心 瞪羚企业研究口径（待确认）".to_owned(),
            growth_path: Some(GrowthPath {
                requires_high_tech: false,
                min_base_revenue_wan_yuan: None,
                min_compound_growth: Figure::unconfirmed(0.20),
                growth_years: 3,
                requires_last_year_growth: false,
                min_rd_ratio_above: Some(Figure::unconfirmed(0.025)),
            }),
            young_large_paths: Vec::new(),
        }
    }
}

/// A 独角兽-style definition: backing and listing conditions, and age/valuation paths.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnicornRules {
    /// [`Tier::Unicorn`] or [`Tier::PotentialUnicorn`].
    pub tier: Tier,
    pub source: String,
    pub requires_private_equity: bool,
    pub requires_unlisted: bool,
    pub paths: Vec<AgeValuationPath>,
}

/// Age ≤ `max_age_years` and valuation ≥ the minimum (and below the maximum, if any).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgeValuationPath {
    pub max_age_years: Figure,
    pub min_valuation_yi_usd: Figure,
    pub max_valuation_below_yi_usd: Option<Figure>,
}

impl UnicornRules {
    pub fn unicorn() -> UnicornRules {
        UnicornRules {
            tier: Tier::Unicorn,
            source: "独角兽企业（成立10年以内、获私募投资、未上市、估值10亿美元以上）".to_owned(),
            requires_private_equity: true,
            requires_unlisted: true,
            paths: vec![AgeValuationPath {
                max_age_years: Figure::new(10.0),
                min_valuation_yi_usd: Figure::new(10.0),
                max_valuation_below_yi_usd: None,
            }],
        }
    }

    /// 宿迁 潜在独角兽: ≤ 5 years and ≥ 0.5 亿美元, or ≤ 9 years and 1–10 亿美元.
    pub fn suqian_potential() -> UnicornRules {
        UnicornRules {
            tier: Tier::PotentialUnicorn,
            source: "宿迁市 潜在独角兽企业".to_owned(),
            requires_private_equity: false,
            requires_unlisted: false,
            paths: vec![
                AgeValuationPath {
                    max_age_years: Figure::new(5.0),
                    min_valuation_yi_usd: Figure::new(0.5),
                    max_valuation_below_yi_usd: None,
                },
                AgeValuationPath {
                    max_age_years: Figure::new(9.0),
                    min_valuation_yi_usd: Figure::new(1.0),
                    max_valuation_below_yi_usd: Some(Figure::new(10.0)),
                },
            ],
        }
    }
}

const ANY_PATH: Label = label("any_path", "满足任一认定路径", "meets any qualifying path");
const GROWTH_PATH: Label = label("growth_path", "高成长路径", "high-growth path");
const YOUNG_LARGE: Label = label("young_large_path", "成立年限与营业收入路径", "age and revenue path");
const HIGH_TECH: Label = label("holds_high_tech", "持有有效期内的高新技术企业称号", "holds a valid high-tech title");
const BASE_REVENUE: Label = label("base_year_revenue", "基期年营业收入", "base-year revenue");
const GROWTH: Label = label("revenue_compound_growth", "营业收入年均复合增长率", "revenue compound annual growth");
const LAST_GROWTH: Label = label("revenue_growth_last_year", "上年度营业收入增长率", "revenue growth last year");
const RD: Label = label("rd_to_revenue", "上年度研发费用占营业收入比重", "R&D share of revenue last year");
const AGE: Label = label("age_years", "成立年限", "years since founding");
const REVENUE: Label = label("revenue_last_year", "上年度营业收入", "revenue last year");
const PRIVATE_EQUITY: Label = label("private_equity_backed", "获得私募股权投资", "backed by private equity");
const UNLISTED: Label = label("unlisted", "尚未上市", "not listed");
const VALUATION: Label = label("valuation", "最新估值", "latest valuation");
const VALUATION_PATH: Label = label("age_valuation_path", "成立年限与估值路径", "age and valuation path");

fn revenue(y: &FiscalYearFigures) -> Option<f64> {
    y.revenue_wan_yuan
}

fn age_at_most(facts: &Facts, max: Figure) -> Criterion {
    Criterion::at_most(AGE, facts.age_years(), max, Unit::Years)
}

impl GrowthPath {
    fn evaluate(&self, facts: &Facts) -> Criterion {
        let mut parts = Vec::new();
        if self.requires_high_tech {
            parts.push(Criterion::flag(HIGH_TECH, facts.holds(&Tier::HighTech.held_by())));
        }
        if let Some(min) = self.min_base_revenue_wan_yuan {
            parts.push(Criterion::at_least(BASE_REVENUE, facts.value(self.growth_years, revenue), min, Unit::WanYuan));
        }
        let growth = facts.compound_growth(self.growth_years, revenue);
        parts.push(Criterion::at_least(GROWTH, growth, self.min_compound_growth, Unit::Ratio));
        if self.requires_last_year_growth {
            parts.push(Criterion::compare(LAST_GROWTH, facts.growth(0, revenue), Bound::Above, 0.0, Unit::Ratio));
        }
        if let Some(min) = self.min_rd_ratio_above {
            let rd = facts.share(0, |y| y.rd_expense_wan_yuan, revenue);
            parts.push(Criterion::compare(RD, rd, Bound::Above, min.value, Unit::Ratio).flagged(min.unconfirmed));
        }
        Criterion::all_of(GROWTH_PATH, parts)
    }
}

impl GazelleRules {
    pub(crate) fn evaluate(&self, facts: &Facts) -> Evaluation {
        let mut paths: Vec<Criterion> = self.growth_path.iter().map(|g| g.evaluate(facts)).collect();
        paths.extend(self.young_large_paths.iter().map(|y| {
            let revenue = facts.value(0, revenue);
            Criterion::all_of(
                YOUNG_LARGE,
                vec![
                    age_at_most(facts, y.max_age_years),
                    Criterion::compare(
                        REVENUE,
                        revenue,
                        Bound::Above,
                        y.min_revenue_above_wan_yuan.value,
                        Unit::WanYuan,
                    )
                    .flagged(y.min_revenue_above_wan_yuan.unconfirmed),
                ],
            )
        }));
        Evaluation { criteria: vec![Criterion::any_of(ANY_PATH, paths)], scorecards: Vec::new() }
    }
}

impl UnicornRules {
    pub(crate) fn evaluate(&self, facts: &Facts) -> Evaluation {
        let p = facts.profile;
        let mut criteria = Vec::new();
        if self.requires_private_equity {
            criteria.push(Criterion::flag(PRIVATE_EQUITY, p.private_equity_backed));
        }
        if self.requires_unlisted {
            criteria.push(Criterion::flag(UNLISTED, p.listed.map(|l| !l)));
        }
        let paths = self.paths.iter().map(|path| {
            let mut parts = vec![
                age_at_most(facts, path.max_age_years),
                Criterion::at_least(VALUATION, p.valuation_yi_usd, path.min_valuation_yi_usd, Unit::YiUsd),
            ];
            if let Some(max) = path.max_valuation_below_yi_usd {
                parts.push(
                    Criterion::compare(VALUATION, p.valuation_yi_usd, Bound::Below, max.value, Unit::YiUsd)
                        .flagged(max.unconfirmed),
                );
            }
            Criterion::all_of(VALUATION_PATH, parts)
        });
        criteria.push(Criterion::any_of(ANY_PATH, paths.collect()));
        Evaluation { criteria, scorecards: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::criterion::Outcome;
    use crate::tiers::profile::{Certificate, CertificateKind, EnterpriseProfile, FiscalYear, FiscalYearFigures};
    use crate::tiers::test_support::date;
    use chrono::NaiveDate;

    const ON: (i32, u32, u32) = (2025, 6, 1);

    fn founded(years_ago_months: i32) -> NaiveDate {
        let on = date(ON.0, ON.1, ON.2);
        on.checked_sub_months(chrono::Months::new(years_ago_months as u32)).unwrap()
    }

    fn revenues(rows: &[f64]) -> Vec<FiscalYear> {
        rows.iter()
            .enumerate()
            .map(|(back, &r)| FiscalYear {
                year: 2024 - back as i32,
                figures: FiscalYearFigures { revenue_wan_yuan: Some(r), ..FiscalYearFigures::default() },
            })
            .collect()
    }

    fn gazelle(p: &EnterpriseProfile, rules: &GazelleRules) -> Criterion {
        rules.evaluate(&Facts::new(p, date(ON.0, ON.1, ON.2)).unwrap()).criteria.remove(0)
    }

    fn high_tech_grower(base: f64) -> EnterpriseProfile {
        EnterpriseProfile {
            founded_on: Some(founded(20 * 12)),
            certificates: Some(vec![Certificate {
                kind: CertificateKind::Tier(Tier::HighTech),
                issued_on: date(2023, 1, 1),
                expires_on: date(2025, 12, 31),
            }]),
            // 1.8^(1/3): about 21.6% a year from the base year.
            accounts: revenues(&[base * 1.8, base * 1.44, base * 1.2, base]),
            ..EnterpriseProfile::default()
        }
    }

    #[test]
    fn huangpu_growth_path_base_revenue_edge() {
        assert_eq!(gazelle(&high_tech_grower(1_000.0), &GazelleRules::huangpu_2022()).outcome, Outcome::Met);
        assert_eq!(gazelle(&high_tech_grower(999.0), &GazelleRules::huangpu_2022()).outcome, Outcome::Unmet);
    }

    #[test]
    fn huangpu_growth_path_compound_growth_below_20_percent_fails() {
        let mut p = high_tech_grower(1_000.0);
        p.accounts = revenues(&[1_720.0, 1_500.0, 1_200.0, 1_000.0]);
        assert_eq!(gazelle(&p, &GazelleRules::huangpu_2022()).outcome, Outcome::Unmet);
    }

    #[test]
    fn huangpu_growth_path_needs_growth_last_year() {
        let mut p = high_tech_grower(1_000.0);
        p.accounts = revenues(&[2_000.0, 2_000.0, 1_200.0, 1_000.0]);
        let path = gazelle(&p, &GazelleRules::huangpu_2022()).parts.remove(0);
        assert_eq!(
            path.parts.iter().map(|c| c.outcome).collect::<Vec<_>>(),
            vec![Outcome::Met, Outcome::Met, Outcome::Met, Outcome::Unmet]
        );
    }

    fn young(months: i32, revenue: f64) -> EnterpriseProfile {
        EnterpriseProfile {
            founded_on: Some(founded(months)),
            accounts: revenues(&[revenue]),
            certificates: Some(vec![]),
            ..EnterpriseProfile::default()
        }
    }

    #[test]
    fn huangpu_young_large_edges() {
        let rules = GazelleRules::huangpu_2022();
        assert_eq!(gazelle(&young(60, 50_001.0), &rules).outcome, Outcome::Met);
        assert_eq!(gazelle(&young(60, 50_000.0), &rules).parts[1].outcome, Outcome::Unmet);
        assert_eq!(gazelle(&young(61, 50_001.0), &rules).parts[1].outcome, Outcome::Unmet);
        assert_eq!(gazelle(&young(120, 100_001.0), &rules).parts[2].outcome, Outcome::Met);
        assert_eq!(gazelle(&young(121, 100_001.0), &rules).parts[2].outcome, Outcome::Unmet);
        assert_eq!(gazelle(&young(120, 100_000.0), &rules).parts[2].outcome, Outcome::Unmet);
    }

    #[test]
    fn torch_centre_criteria_are_unconfirmed_and_strict_on_rd() {
        let mut p = high_tech_grower(1_000.0);
        p.accounts = revenues(&[2_000.0, 1_500.0, 1_200.0, 1_000.0]);
        p.accounts[0].figures.rd_expense_wan_yuan = Some(50.0);
        let c = gazelle(&p, &GazelleRules::torch_centre_study());
        assert!(c.unconfirmed);
        assert_eq!(c.outcome, Outcome::Unmet);
        p.accounts[0].figures.rd_expense_wan_yuan = Some(50.1);
        assert_eq!(gazelle(&p, &GazelleRules::torch_centre_study()).outcome, Outcome::Met);
    }

    fn valued(months: i32, valuation: f64) -> EnterpriseProfile {
        EnterpriseProfile {
            founded_on: Some(founded(months)),
            valuation_yi_usd: Some(valuation),
            private_equity_backed: Some(true),
            listed: Some(false),
            ..EnterpriseProfile::default()
        }
    }

    fn unicorn(p: &EnterpriseProfile, rules: &UnicornRules) -> Outcome {
        let e = rules.evaluate(&Facts::new(p, date(ON.0, ON.1, ON.2)).unwrap());
        e.criteria.iter().map(|c| c.outcome).max().unwrap()
    }

    #[test]
    fn unicorn_edges() {
        let rules = UnicornRules::unicorn();
        assert_eq!(unicorn(&valued(120, 10.0), &rules), Outcome::Met);
        assert_eq!(unicorn(&valued(121, 10.0), &rules), Outcome::Unmet);
        assert_eq!(unicorn(&valued(120, 9.99), &rules), Outcome::Unmet);
        let listed = EnterpriseProfile { listed: Some(true), ..valued(12, 50.0) };
        assert_eq!(unicorn(&listed, &rules), Outcome::Unmet);
    }

    #[test]
    fn suqian_potential_unicorn_edges() {
        let rules = UnicornRules::suqian_potential();
        assert_eq!(unicorn(&valued(60, 0.5), &rules), Outcome::Met);
        assert_eq!(unicorn(&valued(60, 0.49), &rules), Outcome::Unmet);
        assert_eq!(unicorn(&valued(61, 0.5), &rules), Outcome::Unmet);
        assert_eq!(unicorn(&valued(108, 1.0), &rules), Outcome::Met);
        assert_eq!(unicorn(&valued(108, 0.99), &rules), Outcome::Unmet);
        assert_eq!(unicorn(&valued(109, 1.0), &rules), Outcome::Unmet);
        assert_eq!(unicorn(&valued(108, 9.99), &rules), Outcome::Met);
        assert_eq!(unicorn(&valued(108, 10.0), &rules), Outcome::Unmet);
    }
}
