//! What the tier rules need to know about an enterprise. Every fact is optional: a missing
//! one makes the criteria that need it [`Outcome::Unknown`](super::Outcome::Unknown), so
//! incomplete records show what to collect instead of failing silently.
//!
//! Amounts are in 万元 (`_wan_yuan`), ratios are fractions (`_ratio`: 0.05 is 5%).

use chrono::NaiveDate;
use serde::de::MapAccess;
use serde::{Deserialize, Deserializer, Serialize};

use crate::beside::{self, OwnFields};

use super::ladder::Tier;
use super::version::RuleVersion;

/// An enterprise as the gradient rules see it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EnterpriseProfile {
    /// Registration (成立) date: ages for 高企, 瞪羚 and 独角兽.
    pub founded_on: Option<NaiveDate>,
    /// Passes the 中小企业划型 size test (工信部联企业〔2011〕300号), which depends on the industry.
    pub is_sme: Option<bool>,
    /// Not in the 经营异常名录 and not a 严重失信主体.
    pub in_good_standing: Option<bool>,
    /// Calendar years with a major safety, quality or environmental incident; empty if none.
    pub major_incident_years: Option<Vec<i32>>,
    /// 职工总数.
    pub staff_count: Option<u32>,
    /// 科技人员 (科技型 and 高企 count them).
    pub tech_staff_count: Option<u32>,
    /// 研发人员.
    pub rd_staff_count: Option<u32>,
    pub total_assets_wan_yuan: Option<f64>,
    /// 资产负债率 at the latest balance sheet.
    pub debt_ratio: Option<f64>,
    /// Annual accounts; "last year" is the calendar year before the evaluation date.
    pub accounts: Vec<FiscalYear>,
    pub ip: IpCounts,
    /// Whole years the enterprise has worked in its niche market (细分市场).
    pub years_in_niche: Option<u32>,
    /// The niche product is a new product (单项冠军 then asks for fewer years).
    pub niche_is_new_product: Option<bool>,
    /// The main product belongs to a 战略性新兴产业 (or the listed key fields).
    pub strategic_emerging_industry: Option<bool>,
    /// 数字化水平 grade (1–6, 中小企业数字化水平评测).
    pub digitalisation_level: Option<u8>,
    /// Holds a certified management system (ISO 9001 and the like).
    pub management_system_certified: Option<bool>,
    /// Runs an information system for a core business process (ERP, MES, …).
    pub has_core_business_information_system: Option<bool>,
    pub has_own_brand: Option<bool>,
    /// Highest level of an own or joint R&D institution.
    pub rd_institution_level: Option<RdInstitutionLevel>,
    /// 特色化 points from the province's own indicators (专精特新 2022), 0–15.
    pub distinctiveness_points: Option<f64>,
    /// 专精特新发展质量评价得分 from MIIT's platform (2026 rules; not computable here).
    pub development_quality_score: Option<f64>,
    /// Share of the national niche market.
    pub national_niche_market_share_ratio: Option<f64>,
    /// Rank of the niche product in the domestic market, 1 being first.
    pub domestic_niche_rank: Option<u32>,
    /// Rank of the main product in the global market, 1 being first.
    pub global_market_rank: Option<u32>,
    /// An official's answer to "niche market share 较为靠前" (专精特新 2026).
    pub niche_share_leading: Option<bool>,
    /// An official's answer to "key link of an industrial chain / listed key field" (小巨人).
    pub key_chain_link: Option<bool>,
    /// 高企: intellectual property supports the main products.
    pub ip_supports_main_products: Option<bool>,
    /// 高企: core technology is in the 国家重点支持的高新技术领域.
    pub core_technology_in_supported_field: Option<bool>,
    /// 高企: 企业创新能力评价 score (0–100).
    pub innovation_capability_score: Option<f64>,
    pub listed: Option<bool>,
    pub private_equity_backed: Option<bool>,
    /// Latest valuation in 亿美元 (10⁸ USD).
    pub valuation_yi_usd: Option<f64>,
    /// Awards received; empty if none.
    pub awards: Option<Vec<Award>>,
    /// Tier titles and honours held; empty if none. Only those valid on the evaluation date count.
    pub certificates: Option<Vec<Certificate>>,
}

/// One year's accounts: the year and its figures, in one flat object.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FiscalYear {
    pub year: i32,
    #[serde(flatten)]
    pub figures: FiscalYearFigures,
}

/// One year's accounts without the year, 万元: what annual data stores for the tier rules.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FiscalYearFigures {
    /// 营业收入, also read as 销售收入 (科技型, 高企) and 总收入 (高企).
    pub revenue_wan_yuan: Option<f64>,
    /// 主营业务收入.
    pub main_business_revenue_wan_yuan: Option<f64>,
    /// Revenue from the niche (单项冠军) products.
    pub niche_product_revenue_wan_yuan: Option<f64>,
    /// 高新技术产品（服务）收入.
    pub high_tech_product_revenue_wan_yuan: Option<f64>,
    /// 研发费用.
    pub rd_expense_wan_yuan: Option<f64>,
    /// R&D spent in mainland China, part of `rd_expense_wan_yuan` (高企 asks ≥ 60% of all R&D).
    pub domestic_rd_expense_wan_yuan: Option<f64>,
    /// 成本费用总额 (科技型's R&D-to-cost alternative).
    pub total_cost_wan_yuan: Option<f64>,
    /// 净利润; may be negative: a loss.
    pub net_profit_wan_yuan: Option<f64>,
    /// New qualified equity financing (合格机构投资者股权融资) received in the year.
    pub equity_financing_wan_yuan: Option<f64>,
}

/// The year, read beside the figures; a missing year reads as 0, which no rule asks for.
#[derive(Default)]
struct Year(Option<i32>);

impl<'de> OwnFields<'de> for Year {
    fn read<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        if key != "year" {
            return Ok(false);
        }
        self.0 = Some(map.next_value()?);
        Ok(true)
    }
}

impl<'de> Deserialize<'de> for FiscalYear {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FiscalYear, D::Error> {
        let (Year(year), figures) = beside::deserialize::<D, Year, FiscalYearFigures>(deserializer)?;
        Ok(FiscalYear { year: year.unwrap_or_default(), figures })
    }
}

/// Valid invention-grade IP counts. The classes nest: `class1` counts every Ⅰ类 item,
/// including the high-value and self-developed ones, which are also counted on their own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IpCounts {
    /// Ⅰ类高价值知识产权.
    pub class1_high_value: Option<u32>,
    /// 自主研发Ⅰ类知识产权.
    pub class1_self_developed: Option<u32>,
    /// All Ⅰ类 (invention patents and the like).
    pub class1: Option<u32>,
    /// Ⅰ类 applied to the main product (2026 rules).
    pub class1_main_product: Option<u32>,
    /// Ⅱ类 (utility models, designs, software copyrights).
    pub class2: Option<u32>,
}

/// A class of [`IpCounts`], as rule tables name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IpClass {
    Class1HighValue,
    Class1SelfDeveloped,
    Class1,
    Class1MainProduct,
    Class2,
}

impl IpClass {
    pub fn key(self) -> &'static str {
        match self {
            IpClass::Class1HighValue => "ip_class1_high_value",
            IpClass::Class1SelfDeveloped => "ip_class1_self_developed",
            IpClass::Class1 => "ip_class1",
            IpClass::Class1MainProduct => "ip_class1_main_product",
            IpClass::Class2 => "ip_class2",
        }
    }
}

impl IpCounts {
    pub fn count(&self, class: IpClass) -> Option<u32> {
        match class {
            IpClass::Class1HighValue => self.class1_high_value,
            IpClass::Class1SelfDeveloped => self.class1_self_developed,
            IpClass::Class1 => self.class1,
            IpClass::Class1MainProduct => self.class1_main_product,
            IpClass::Class2 => self.class2,
        }
    }
}

/// An award: a 科技奖励 or a contest placing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Award {
    pub kind: AwardKind,
    pub level: AwardLevel,
    pub year: i32,
    /// The enterprise's place among the award's winning organisations, 1 being first.
    pub rank: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardKind {
    /// 科技奖励 (科学技术奖).
    ScienceTechnology,
    /// "创客中国" 中小企业创新创业大赛; rank is the placing (500 强 → ≤ 500).
    MakerChina,
}

/// Ordered: a national award satisfies a "provincial or above" rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardLevel {
    /// 省部级.
    Provincial,
    National,
}

/// Ordered from none to national.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RdInstitutionLevel {
    Absent,
    BelowCity,
    City,
    /// 省部级.
    Provincial,
    National,
}

impl RdInstitutionLevel {
    /// 0 (absent) to 4 (national): the input of banded institution indicators.
    pub fn rank(self) -> f64 {
        f64::from(self as u8)
    }
}

/// A title or honour with its validity period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub kind: CertificateKind,
    pub issued_on: NaiveDate,
    /// The last day it is valid (titles under the 2022 rules run 3 years).
    pub expires_on: NaiveDate,
}

/// What a certificate certifies: a tier, or an honour some rules accept as a direct path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateKind {
    /// 国家级技术创新示范企业.
    TechInnovationDemo,
    /// 国家级知识产权优势企业 or 示范企业.
    IpAdvantageOrDemo,
    #[serde(untagged)]
    Tier(Tier),
}

impl CertificateKind {
    pub fn name_zh(self) -> &'static str {
        match self {
            CertificateKind::TechInnovationDemo => "国家级技术创新示范企业",
            CertificateKind::IpAdvantageOrDemo => "国家知识产权优势企业或示范企业",
            CertificateKind::Tier(tier) => tier.name_zh(),
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            CertificateKind::TechInnovationDemo => "national technology innovation demonstration enterprise",
            CertificateKind::IpAdvantageOrDemo => "national IP advantage or demonstration enterprise",
            CertificateKind::Tier(tier) => tier.name_en(),
        }
    }
}

impl Certificate {
    /// Valid from its issue date to its expiry date, both inclusive. A title issued under
    /// the 2022 rules stays valid after the 2026 rules take over, until it expires.
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.issued_on <= date && date <= self.expires_on
    }

    /// The rule version in force when it was issued (`None` before 2022-08-01).
    pub fn issued_under(&self) -> Option<RuleVersion> {
        RuleVersion::in_force_on(self.issued_on).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn certificate() -> Certificate {
        Certificate {
            kind: CertificateKind::Tier(Tier::SpecialisedSme),
            issued_on: date(2025, 7, 1),
            expires_on: date(2028, 6, 30),
        }
    }

    #[test]
    fn certificate_is_valid_from_issue_to_expiry_inclusive() {
        let c = certificate();
        assert!(!c.valid_on(date(2025, 6, 30)));
        assert!(c.valid_on(date(2025, 7, 1)));
        assert!(c.valid_on(date(2028, 6, 30)));
        assert!(!c.valid_on(date(2028, 7, 1)));
    }

    #[test]
    fn certificate_issued_under_2022_rules_stays_valid_after_the_switch() {
        let c = certificate();
        assert_eq!(c.issued_under(), Some(RuleVersion::Miit2022));
        assert!(c.valid_on(date(2026, 4, 1)));
    }

    #[test]
    fn certificate_kind_reads_tiers_and_honours_as_plain_strings() {
        let tier: CertificateKind = serde_json::from_str(r#""little_giant""#).unwrap();
        assert_eq!(tier, CertificateKind::Tier(Tier::LittleGiant));
        let honour: CertificateKind = serde_json::from_str(r#""tech_innovation_demo""#).unwrap();
        assert_eq!(honour, CertificateKind::TechInnovationDemo);
        assert_eq!(serde_json::to_string(&tier).unwrap(), r#""little_giant""#);
    }

    #[test]
    fn profile_rejects_misspelt_fields() {
        let err = serde_json::from_str::<EnterpriseProfile>(r#"{"debt_ration": 0.5}"#).unwrap_err();
        assert!(err.to_string().contains("debt_ration"));
    }

    #[test]
    fn institution_rank_orders_levels() {
        assert_eq!(RdInstitutionLevel::Absent.rank(), 0.0);
        assert_eq!(RdInstitutionLevel::National.rank(), 4.0);
    }
}
