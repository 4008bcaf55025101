//! 高新技术企业 (国科发火〔2016〕32号, spec §4.6): the eight conditions, with the 3-year R&D
//! intensity required by the latest year's sales band.

use serde::{Deserialize, Serialize};

use super::assessment::Evaluation;
use super::bands::{BandTable, Figure};
use super::criterion::{label, Criterion, Label, Unit};
use super::facts::{ratio, Facts};
use super::profile::FiscalYearFigures;

/// The 高企 conditions as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HighTechRules {
    pub source: String,
    pub min_years_registered: Figure,
    pub min_tech_staff_share: Figure,
    /// R&D / sales over the last `rd_years` years, required by the latest year's sales
    /// (≤ 5000 万 → 5%, ≤ 2 亿 → 4%, above → 3%).
    pub rd_ratio_by_sales: BandTable,
    pub rd_years: u32,
    /// R&D spent in China as a share of all R&D over the same years.
    pub min_domestic_rd_share: Figure,
    /// 高新技术产品（服务）收入 as a share of total revenue, last year.
    pub min_high_tech_product_share: Figure,
    pub min_innovation_score: Figure,
    pub incident_free_years: u32,
}

impl Default for HighTechRules {
    fn default() -> HighTechRules {
        HighTechRules {
            source: "高新技术企业认定管理办法（国科发火〔2016〕32号）".to_owned(),
            min_years_registered: Figure::new(1.0),
            min_tech_staff_share: Figure::new(0.10),
            rd_ratio_by_sales: BandTable::downward(&[(5_000.0, 0.05), (20_000.0, 0.04)], Some(0.03)).edges_explicit(),
            rd_years: 3,
            min_domestic_rd_share: Figure::new(0.60),
            min_high_tech_product_share: Figure::new(0.60),
            min_innovation_score: Figure::new(70.0),
            incident_free_years: 1,
        }
    }
}

const REGISTERED: Label = label("years_registered", "注册成立年限", "years since registration");
const IP: Label =
    label("ip_supports_main_products", "拥有对主要产品起核心支持作用的知识产权", "IP supports the main products");
const FIELD: Label = label(
    "supported_field",
    "核心技术属于《国家重点支持的高新技术领域》",
    "core technology in a state-supported high-tech field",
);
const TECH_STAFF: Label = label("tech_staff_share", "科技人员占职工总数比例", "tech staff share of all staff");
const RD: Label = label("rd_to_sales_3y", "近3年研发费用总额占销售收入总额比例", "3-year R&D share of sales");
const DOMESTIC: Label = label("domestic_rd_share", "境内研发费用占全部研发费用比例", "domestic share of R&D");
const PRODUCTS: Label =
    label("high_tech_product_share", "高新技术产品（服务）收入占总收入比例", "high-tech product share of revenue");
const SCORE: Label = label("innovation_capability_score", "企业创新能力评价得分", "innovation capability score");
const INCIDENT_FREE: Label = label(
    "no_major_incident",
    "申请前一年内未发生重大安全、质量事故或严重环境违法行为",
    "no major incident in the prior year",
);

impl HighTechRules {
    pub(crate) fn evaluate(&self, facts: &Facts) -> Evaluation {
        let p = facts.profile;
        let years = self.rd_years;
        let rd = |y: &FiscalYearFigures| y.rd_expense_wan_yuan;
        let sales = |y: &FiscalYearFigures| y.revenue_wan_yuan;
        // Until the latest sales are known, the strictest band is shown as the requirement.
        let required = facts
            .value(0, sales)
            .and_then(|s| self.rd_ratio_by_sales.lookup(s))
            .unwrap_or_else(|| self.rd_ratio_by_sales.max_value());
        let min_rd = Figure { value: required, unconfirmed: self.rd_ratio_by_sales.unconfirmed };
        let criteria = vec![
            Criterion::at_least(REGISTERED, facts.age_years(), self.min_years_registered, Unit::Years),
            Criterion::flag(IP, p.ip_supports_main_products),
            Criterion::flag(FIELD, p.core_technology_in_supported_field),
            Criterion::at_least(
                TECH_STAFF,
                facts.staff_share(p.tech_staff_count),
                self.min_tech_staff_share,
                Unit::Ratio,
            ),
            Criterion::at_least(RD, ratio(facts.sum(years, rd), facts.sum(years, sales)), min_rd, Unit::Ratio),
            Criterion::at_least(
                DOMESTIC,
                ratio(facts.sum(years, |y| y.domestic_rd_expense_wan_yuan), facts.sum(years, rd)),
                self.min_domestic_rd_share,
                Unit::Ratio,
            ),
            Criterion::at_least(
                PRODUCTS,
                facts.share(0, |y| y.high_tech_product_revenue_wan_yuan, sales),
                self.min_high_tech_product_share,
                Unit::Ratio,
            ),
            Criterion::at_least(SCORE, p.innovation_capability_score, self.min_innovation_score, Unit::Points),
            Criterion::flag(INCIDENT_FREE, facts.incident_free(self.incident_free_years)),
        ];
        Evaluation { criteria, scorecards: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::criterion::{Outcome, Requirement};
    use crate::tiers::profile::EnterpriseProfile;
    use crate::tiers::test_support::{accounts, check_bands, date};

    #[test]
    fn rd_ratio_by_sales_band_edges() {
        check_bands(
            &HighTechRules::default().rd_ratio_by_sales,
            &[(5_000.0, 0.05), (5_000.01, 0.04), (20_000.0, 0.04), (20_000.01, 0.03)],
        );
    }

    fn profile(sales: f64, rd: f64) -> EnterpriseProfile {
        let mut accounts = accounts(2024, &[(sales, sales, rd); 3]);
        for year in &mut accounts {
            year.figures.domestic_rd_expense_wan_yuan = Some(rd * 0.6);
            year.figures.high_tech_product_revenue_wan_yuan = Some(sales * 0.6);
        }
        EnterpriseProfile {
            founded_on: Some(date(2024, 6, 1)),
            ip_supports_main_products: Some(true),
            core_technology_in_supported_field: Some(true),
            staff_count: Some(50),
            tech_staff_count: Some(5),
            innovation_capability_score: Some(70.0),
            major_incident_years: Some(vec![2022]),
            accounts,
            ..EnterpriseProfile::default()
        }
    }

    fn evaluate(p: &EnterpriseProfile) -> Evaluation {
        HighTechRules::default().evaluate(&Facts::new(p, date(2025, 6, 1)).unwrap())
    }

    #[test]
    fn meets_every_condition_on_its_edge() {
        let e = evaluate(&profile(5_000.0, 250.0));
        assert!(e.criteria.iter().all(|c| c.outcome == Outcome::Met), "{:#?}", e.criteria);
    }

    #[test]
    fn required_rd_follows_the_latest_sales_band() {
        let required = |sales, rd| evaluate(&profile(sales, rd)).criteria[4].required;
        assert_eq!(required(5_000.0, 250.0), Some(Requirement::AtLeast(0.05)));
        assert_eq!(required(20_000.0, 800.0), Some(Requirement::AtLeast(0.04)));
        assert_eq!(required(20_001.0, 600.03), Some(Requirement::AtLeast(0.03)));
        assert_eq!(evaluate(&profile(20_000.0, 799.0)).criteria[4].outcome, Outcome::Unmet);
    }

    #[test]
    fn registered_less_than_a_year_fails() {
        let p = EnterpriseProfile { founded_on: Some(date(2024, 6, 2)), ..profile(5_000.0, 250.0) };
        assert_eq!(evaluate(&p).criteria[0].outcome, Outcome::Unmet);
    }

    #[test]
    fn incident_last_year_fails() {
        let p = EnterpriseProfile { major_incident_years: Some(vec![2024]), ..profile(5_000.0, 250.0) };
        assert_eq!(evaluate(&p).criteria[8].outcome, Outcome::Unmet);
    }

    #[test]
    fn tech_staff_below_10_percent_fails() {
        let p = EnterpriseProfile { tech_staff_count: Some(4), ..profile(5_000.0, 250.0) };
        assert_eq!(evaluate(&p).criteria[3].outcome, Outcome::Unmet);
    }
}
