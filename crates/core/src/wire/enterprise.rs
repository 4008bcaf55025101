//! Enterprises on the wire: the record and its identifiers (统一社会信用代码, 国民经济行业分类
//! code), one year's figures for the 亩均 evaluation and the tiers (spec §1, §4), and the
//! certificates an enterprise holds.
//!
//! Public facts ([`EnterprisePublic`]) may be shown to anyone; private facts
//! ([`EnterprisePrivate`]) only to the enterprise itself and to the officers and admins
//! who manage it. Annual figures and certificates are stored apart from the enterprise,
//! one record per year and per certificate.

use std::fmt;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::efficiency::{Cohort, EnterpriseInput, ExemptionReason};
use crate::tiers::{Certificate, CertificateKind, EnterpriseProfile, FiscalYear};

/// The characters of a credit code, in the order of their values (GB 32100-2015 table 1):
/// digits and capital letters without I, O, S, V and Z.
const CREDIT_CODE_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights of characters 1–17 in the check-character sum: 3ⁱ mod 31.
const CREDIT_CODE_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// A 统一社会信用代码 (unified social credit code, GB 32100-2015), checked and in capitals.
///
/// Eighteen characters: 1 the registration authority (9 = 市场监管/工商), 2 the organisation
/// type, 3–8 the administrative division code (digits), 9–17 the organisation code
/// (GB 11714), 18 a check character: with `v` the value of a character (its index in
/// `0123456789ABCDEFGHJKLMNPQRTUWXY`) and `w` = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25,
/// 13, 8, 24, 10, 30, 28], the check is `31 − (Σ vᵢ·wᵢ mod 31)`, with 31 written as `0`.
/// Characters 1 and 2 are not checked against the lists of authorities and types, which
/// grow over time.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

impl CreditCode {
    /// Reads a code, ignoring surrounding spaces and letter case.
    pub fn parse(text: &str) -> Result<CreditCode, String> {
        let code = text.trim().to_uppercase();
        let chars: Vec<char> = code.chars().collect();
        if chars.len() != 18 {
            return Err(format!(
                "{code:?} has {} characters; a unified social credit code (统一社会信用代码) has 18",
                chars.len()
            ));
        }
        let values = credit_code_values(&chars)?;
        let expected = credit_code_check(&values[..17]);
        if chars[17] != expected {
            return Err(format!(
                "the check character (the 18th) of {code} should be {expected}, not {}; one of the 18 characters \
                 is probably mistyped",
                chars[17]
            ));
        }
        Ok(CreditCode(code))
    }

    /// Completes the first 17 characters with their check character: how demo codes are made.
    pub fn with_check_character(body17: &str) -> Result<CreditCode, String> {
        let body = body17.trim().to_uppercase();
        let chars: Vec<char> = body.chars().collect();
        if chars.len() != 17 {
            return Err(format!(
                "{body:?} has {} characters; give the first 17 characters of a credit code",
                chars.len()
            ));
        }
        let values = credit_code_values(&chars)?;
        let check = credit_code_check(&values);
        Ok(CreditCode(format!("{body}{check}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Characters 3–8: the administrative division (行政区划) code of the registering authority.
    pub fn division_code(&self) -> &str {
        &self.0[2..8]
    }

    /// Characters 9–17: the organisation code (组织机构代码, GB 11714).
    pub fn organisation_code(&self) -> &str {
        &self.0[8..17]
    }
}

/// The value of each character, or the first character that cannot stand where it is.
fn credit_code_values(chars: &[char]) -> Result<Vec<u32>, String> {
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let position = i + 1;
            if (3..=8).contains(&position) && !c.is_ascii_digit() {
                return Err(format!(
                    "character {position} ({c:?}) must be a digit: characters 3 to 8 are the administrative \
                     division code"
                ));
            }
            CREDIT_CODE_ALPHABET.find(c).map(|index| index as u32).ok_or_else(|| {
                format!(
                    "character {position} ({c:?}) cannot appear in a credit code: use digits and capital letters \
                     other than I, O, S, V and Z"
                )
            })
        })
        .collect()
}

/// The check character of the values of characters 1–17.
fn credit_code_check(values: &[u32]) -> char {
    let sum: u32 = values.iter().zip(CREDIT_CODE_WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    char::from(CREDIT_CODE_ALPHABET.as_bytes()[check as usize])
}

impl TryFrom<String> for CreditCode {
    type Error = String;

    fn try_from(text: String) -> Result<CreditCode, String> {
        CreditCode::parse(&text)
    }
}

impl From<CreditCode> for String {
    fn from(code: CreditCode) -> String {
        code.0
    }
}

impl std::str::FromStr for CreditCode {
    type Err = String;

    fn from_str(text: &str) -> Result<CreditCode, String> {
        CreditCode::parse(text)
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The sections (门类) of GB/T 4754-2017 with their divisions (大类), first and last.
/// The divisions run 01–97 without gaps.
const SECTIONS: [(char, u8, u8, &str); 20] = [
    ('A', 1, 5, "农、林、牧、渔业"),
    ('B', 6, 12, "采矿业"),
    ('C', 13, 43, "制造业"),
    ('D', 44, 46, "电力、热力、燃气及水生产和供应业"),
    ('E', 47, 50, "建筑业"),
    ('F', 51, 52, "批发和零售业"),
    ('G', 53, 60, "交通运输、仓储和邮政业"),
    ('H', 61, 62, "住宿和餐饮业"),
    ('I', 63, 65, "信息传输、软件和信息技术服务业"),
    ('J', 66, 69, "金融业"),
    ('K', 70, 70, "房地产业"),
    ('L', 71, 72, "租赁和商务服务业"),
    ('M', 73, 75, "科学研究和技术服务业"),
    ('N', 76, 79, "水利、环境和公共设施管理业"),
    ('O', 80, 82, "居民服务、修理和其他服务业"),
    ('P', 83, 83, "教育"),
    ('Q', 84, 85, "卫生和社会工作"),
    ('R', 86, 90, "文化、体育和娱乐业"),
    ('S', 91, 96, "公共管理、社会保障和社会组织"),
    ('T', 97, 97, "国际组织"),
];

/// An industry code of GB/T 4754-2017 (国民经济行业分类): a section letter and the
/// division (2 digits), group (3) or class (4 digits), always written with its letter,
/// e.g. `C36` 汽车制造业, `C367`, `C3670` 汽车零部件及配件制造.
///
/// Codes without the letter (`3670`) are accepted and given their section, since every
/// division belongs to exactly one. Whether a group or class exists inside its division
/// is not checked: that needs the full table.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IndustryCode(String);

impl IndustryCode {
    /// Reads `C3670`, `c3670` or `3670` (and the shorter `C36`, `C367`), ignoring surrounding spaces.
    pub fn parse(text: &str) -> Result<IndustryCode, String> {
        let code = text.trim().to_uppercase();
        let (letter, digits) = match code.chars().next() {
            Some(c) if c.is_ascii_uppercase() => (Some(c), &code[1..]),
            _ => (None, code.as_str()),
        };
        if !(2..=4).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "{code:?} is not an industry code (GB/T 4754-2017): write a section letter A–T and 2 to 4 digits, \
                 e.g. C3670, or the digits alone"
            ));
        }
        let division: u8 = digits[..2].parse().expect("two ASCII digits");
        let Some(&(section, _, _, section_name)) =
            SECTIONS.iter().find(|(_, first, last, _)| (*first..=*last).contains(&division))
        else {
            return Err(format!("division {:02} does not exist; divisions run from 01 to 97", division));
        };
        match letter {
            Some(letter) if !SECTIONS.iter().any(|(s, ..)| *s == letter) => {
                Err(format!("section {letter} does not exist; sections run from A to T"))
            }
            Some(letter) if letter != section => Err(format!(
                "division {division:02} belongs to section {section} ({section_name}), not {letter}; write \
                 {section}{digits}"
            )),
            _ => Ok(IndustryCode(format!("{section}{digits}"))),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The section letter (门类), `A` to `T`.
    pub fn section(&self) -> char {
        char::from(self.0.as_bytes()[0])
    }

    /// The division (大类), 1 to 97.
    pub fn division(&self) -> u8 {
        self.0[1..3].parse().expect("checked when parsed")
    }
}

impl TryFrom<String> for IndustryCode {
    type Error = String;

    fn try_from(text: String) -> Result<IndustryCode, String> {
        IndustryCode::parse(&text)
    }
}

impl From<IndustryCode> for String {
    fn from(code: IndustryCode) -> String {
        code.0
    }
}

impl std::str::FromStr for IndustryCode {
    type Err = String;

    fn from_str(text: &str) -> Result<IndustryCode, String> {
        IndustryCode::parse(text)
    }
}

impl fmt::Display for IndustryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Enterprise size under 工信部联企业〔2011〕300号 (中小企业划型标准规定), which sets the
/// thresholds per industry.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    /// 大型
    Large,
    /// 中型
    Medium,
    /// 小型
    Small,
    /// 微型
    Micro,
}

impl SizeClass {
    pub const ALL: [SizeClass; 4] = [SizeClass::Large, SizeClass::Medium, SizeClass::Small, SizeClass::Micro];

    pub fn name_zh(self) -> &'static str {
        match self {
            SizeClass::Large => "大型",
            SizeClass::Medium => "中型",
            SizeClass::Small => "小型",
            SizeClass::Micro => "微型",
        }
    }
}

/// What anyone may see about an enterprise besides its name and codes.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EnterprisePublic {
    pub name_en: Option<String>,
    pub address: Option<String>,
    /// 主要产品, in the enterprise's own words.
    pub main_products: Vec<String>,
    pub website: Option<String>,
}

/// What only the enterprise itself and the officers and admins managing it may see.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EnterprisePrivate {
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    /// The facts the tier rules read (spec §4), without `accounts` and `certificates`:
    /// those are stored as annual data and certificates and joined in when tiers are assessed.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub tier_facts: EnterpriseProfile,
}

/// The body that creates or replaces an enterprise: everything but its annual figures
/// and certificates.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnterpriseBody {
    pub park_id: i64,
    pub credit_code: CreditCode,
    pub name: String,
    pub industry_code: IndustryCode,
    pub size_class: SizeClass,
    /// 规上 or 规下: decides which ranking of the 亩均 evaluation the enterprise is in.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub cohort: Cohort,
    #[serde(default)]
    pub public: EnterprisePublic,
    #[serde(default)]
    pub private: EnterprisePrivate,
}

/// Names longer than this are refused.
pub const MAX_ENTERPRISE_NAME_CHARS: usize = 100;

impl EnterpriseBody {
    /// The first problem with this enterprise, as `(field, problem)`. The codes were
    /// checked when the body was read.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        if self.park_id <= 0 {
            return Some((
                "park_id",
                format!("{} is not a park id; give the id of the enterprise's park", self.park_id),
            ));
        }
        if self.name.trim().is_empty() || self.name.chars().count() > MAX_ENTERPRISE_NAME_CHARS {
            return Some(("name", format!("give the registered name, 1 to {MAX_ENTERPRISE_NAME_CHARS} characters")));
        }
        if self.public.main_products.iter().any(|product| product.trim().is_empty()) {
            return Some(("public.main_products", "a product name is empty".into()));
        }
        let facts = &self.private.tier_facts;
        if !facts.accounts.is_empty() {
            return Some((
                "private.tier_facts.accounts",
                "annual accounts are not part of the enterprise record; send each year's accounts with that year's \
                 annual data (AnnualFigures.accounts)"
                    .into(),
            ));
        }
        if facts.certificates.as_ref().is_some_and(|certificates| !certificates.is_empty()) {
            return Some((
                "private.tier_facts.certificates",
                "certificates are not part of the enterprise record; add each one to the enterprise's certificates \
                 (CertificateBody)"
                    .into(),
            ));
        }
        None
    }
}

/// An enterprise as the API returns it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseRecord {
    pub id: i64,
    /// The record's version: its ETag, and what `If-Match` must name to change it.
    pub version: i64,
    pub park_id: i64,
    pub credit_code: CreditCode,
    pub name: String,
    pub industry_code: IndustryCode,
    pub size_class: SizeClass,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub cohort: Cohort,
    pub public: EnterprisePublic,
    /// Absent for callers who may not see it: the public and other enterprises.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private: Option<EnterprisePrivate>,
}

impl EnterpriseRecord {
    /// The stored record of a body, private facts included.
    pub fn from_body(id: i64, version: i64, body: EnterpriseBody) -> EnterpriseRecord {
        EnterpriseRecord {
            id,
            version,
            park_id: body.park_id,
            credit_code: body.credit_code,
            name: body.name,
            industry_code: body.industry_code,
            size_class: body.size_class,
            cohort: body.cohort,
            public: body.public,
            private: Some(body.private),
        }
    }

    /// The record as a caller who may not see private facts gets it.
    pub fn without_private(self) -> EnterpriseRecord {
        EnterpriseRecord { private: None, ..self }
    }
}

/// The years annual figures may be given for.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;

/// Figures larger than this in magnitude (万元, 亩, 吨, kWh…) are refused as a unit mistake.
pub const MAX_FIGURE: f64 = 1e12;

/// The problem with a year of annual figures, if it is outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn check_year(year: i32) -> Option<(&'static str, String)> {
    (!(FIRST_YEAR..=LAST_YEAR).contains(&year)).then(|| {
        (
            "year",
            format!("{year} is not a year from {FIRST_YEAR} to {LAST_YEAR}; give the calendar year of the figures"),
        )
    })
}

/// One enterprise's figures for one year: what the 亩均 evaluation (spec §1) and the
/// tier rules (spec §4) read.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualFigures {
    pub efficiency: EfficiencyFigures,
    #[serde(default)]
    pub accounts: FiscalYearFigures,
}

/// The 亩均 evaluation's figures: [`EnterpriseInput`] without the enterprise's id, name
/// and cohort. Amounts in 万元, land in 亩, energy in 吨标煤, emissions and water in 吨.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EfficiencyFigures {
    /// 用地面积: land with a land-use certificate, built, under construction and ancillary.
    pub land_area_mu: f64,
    /// 评价税收; may be negative after VAT refunds.
    #[serde(default)]
    pub tax_wan_yuan: Option<f64>,
    /// 工业增加值.
    #[serde(default)]
    pub value_added_wan_yuan: Option<f64>,
    /// 营业收入.
    #[serde(default)]
    pub revenue_wan_yuan: Option<f64>,
    /// 主营业务收入.
    #[serde(default)]
    pub main_business_revenue_wan_yuan: Option<f64>,
    /// 综合能耗 (等价值).
    #[serde(default)]
    pub energy_tce: Option<f64>,
    /// 主要污染物排放量.
    #[serde(default)]
    pub emissions_t: Option<f64>,
    #[serde(default)]
    pub water_t: Option<f64>,
    #[serde(default)]
    pub electricity_kwh: Option<f64>,
    /// 年平均职工人数.
    #[serde(default)]
    pub average_staff: Option<f64>,
    /// R&D经费支出.
    #[serde(default)]
    pub rd_wan_yuan: Option<f64>,
    /// 加分.
    #[serde(default)]
    pub bonus: f64,
    /// 减分.
    #[serde(default)]
    pub deduction: f64,
    /// A reason to grade the enterprise T (不适合评价), given outright.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub exemption: Option<ExemptionReason>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub production_start: Option<NaiveDate>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub land_granted: Option<NaiveDate>,
    #[serde(default)]
    pub under_construction: bool,
    /// Enterprises sharing one parcel name the same group and are evaluated together.
    #[serde(default)]
    pub land_group: Option<String>,
}

impl EfficiencyFigures {
    /// Every number with its field name as [`AnnualFigures::problem`] reports it.
    fn numbers(&self) -> [(&'static str, Option<f64>); 13] {
        [
            ("efficiency.land_area_mu", Some(self.land_area_mu)),
            ("efficiency.tax_wan_yuan", self.tax_wan_yuan),
            ("efficiency.value_added_wan_yuan", self.value_added_wan_yuan),
            ("efficiency.revenue_wan_yuan", self.revenue_wan_yuan),
            ("efficiency.main_business_revenue_wan_yuan", self.main_business_revenue_wan_yuan),
            ("efficiency.energy_tce", self.energy_tce),
            ("efficiency.emissions_t", self.emissions_t),
            ("efficiency.water_t", self.water_t),
            ("efficiency.electricity_kwh", self.electricity_kwh),
            ("efficiency.average_staff", self.average_staff),
            ("efficiency.rd_wan_yuan", self.rd_wan_yuan),
            ("efficiency.bonus", Some(self.bonus)),
            ("efficiency.deduction", Some(self.deduction)),
        ]
    }
}

/// One year's accounts for the tier rules: [`FiscalYear`] without its year. 万元.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FiscalYearFigures {
    /// 营业收入, also read as 销售收入 and 总收入.
    pub revenue_wan_yuan: Option<f64>,
    pub main_business_revenue_wan_yuan: Option<f64>,
    /// Revenue from the niche (单项冠军) products.
    pub niche_product_revenue_wan_yuan: Option<f64>,
    /// 高新技术产品（服务）收入.
    pub high_tech_product_revenue_wan_yuan: Option<f64>,
    pub rd_expense_wan_yuan: Option<f64>,
    /// R&D spent in mainland China; part of `rd_expense_wan_yuan`.
    pub domestic_rd_expense_wan_yuan: Option<f64>,
    /// 成本费用总额.
    pub total_cost_wan_yuan: Option<f64>,
    /// May be negative: a loss.
    pub net_profit_wan_yuan: Option<f64>,
    /// New qualified equity financing received in the year.
    pub equity_financing_wan_yuan: Option<f64>,
}

impl FiscalYearFigures {
    /// Every number with its field name and whether it may be negative.
    fn numbers(&self) -> [(&'static str, Option<f64>, bool); 9] {
        [
            ("accounts.revenue_wan_yuan", self.revenue_wan_yuan, false),
            ("accounts.main_business_revenue_wan_yuan", self.main_business_revenue_wan_yuan, false),
            ("accounts.niche_product_revenue_wan_yuan", self.niche_product_revenue_wan_yuan, false),
            ("accounts.high_tech_product_revenue_wan_yuan", self.high_tech_product_revenue_wan_yuan, false),
            ("accounts.rd_expense_wan_yuan", self.rd_expense_wan_yuan, false),
            ("accounts.domestic_rd_expense_wan_yuan", self.domestic_rd_expense_wan_yuan, false),
            ("accounts.total_cost_wan_yuan", self.total_cost_wan_yuan, false),
            ("accounts.net_profit_wan_yuan", self.net_profit_wan_yuan, true),
            ("accounts.equity_financing_wan_yuan", self.equity_financing_wan_yuan, false),
        ]
    }
}

fn out_of_range(value: f64) -> String {
    format!("{value} is out of range: no figure exceeds 10¹² in its unit; check the unit (万元, 亩, 吨, kWh)")
}

impl AnnualFigures {
    /// The first problem that makes these figures unfit to store, as `(field, problem)`,
    /// the field named by its path, e.g. `efficiency.energy_tce`, `accounts.net_profit_wan_yuan`.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        // The evaluation's own checks, so that stored figures are always evaluable.
        let input = self.to_efficiency_input("-".into(), String::new(), Cohort::AboveScale);
        let numbers = self.efficiency.numbers();
        if let Some(problem) = input.problems().into_iter().next() {
            let field = numbers
                .iter()
                .map(|(name, _)| *name)
                .find(|name| name.strip_prefix("efficiency.") == Some(problem.field))
                .unwrap_or("efficiency");
            return Some((field, problem.problem));
        }
        if let Some((field, Some(value))) = numbers.into_iter().find(|(_, v)| v.is_some_and(|v| v.abs() > MAX_FIGURE)) {
            return Some((field, out_of_range(value)));
        }
        if self.efficiency.land_group.as_ref().is_some_and(|group| group.trim().is_empty()) {
            return Some(("efficiency.land_group", "is empty; name the shared parcel, or leave it out".into()));
        }
        for (field, value, may_be_negative) in self.accounts.numbers() {
            match value {
                Some(v) if !v.is_finite() => return Some((field, format!("{v} is not a number"))),
                Some(v) if v < 0.0 && !may_be_negative => {
                    return Some((field, format!("{v} is negative; it must be 0 or more")))
                }
                Some(v) if v.abs() > MAX_FIGURE => return Some((field, out_of_range(v))),
                _ => {}
            }
        }
        if let (Some(domestic), Some(all)) =
            (self.accounts.domestic_rd_expense_wan_yuan, self.accounts.rd_expense_wan_yuan)
        {
            if domestic > all {
                return Some((
                    "accounts.domestic_rd_expense_wan_yuan",
                    format!("{domestic} 万元 of R&D in mainland China is more than all R&D ({all} 万元), of which it is a part"),
                ));
            }
        }
        None
    }

    /// The 亩均 evaluation's input for this year, with the enterprise's id, name and cohort.
    pub fn to_efficiency_input(&self, id: String, name: String, cohort: Cohort) -> EnterpriseInput {
        let e = &self.efficiency;
        EnterpriseInput {
            id,
            name,
            cohort,
            land_area_mu: e.land_area_mu,
            tax_wan_yuan: e.tax_wan_yuan,
            value_added_wan_yuan: e.value_added_wan_yuan,
            revenue_wan_yuan: e.revenue_wan_yuan,
            main_business_revenue_wan_yuan: e.main_business_revenue_wan_yuan,
            energy_tce: e.energy_tce,
            emissions_t: e.emissions_t,
            water_t: e.water_t,
            electricity_kwh: e.electricity_kwh,
            average_staff: e.average_staff,
            rd_wan_yuan: e.rd_wan_yuan,
            bonus: e.bonus,
            deduction: e.deduction,
            exemption: e.exemption,
            production_start: e.production_start,
            land_granted: e.land_granted,
            under_construction: e.under_construction,
            land_group: e.land_group.clone(),
        }
    }

    /// The tier rules' accounts for this year.
    pub fn to_fiscal_year(&self, year: i32) -> FiscalYear {
        let a = &self.accounts;
        FiscalYear {
            year,
            revenue_wan_yuan: a.revenue_wan_yuan,
            main_business_revenue_wan_yuan: a.main_business_revenue_wan_yuan,
            niche_product_revenue_wan_yuan: a.niche_product_revenue_wan_yuan,
            high_tech_product_revenue_wan_yuan: a.high_tech_product_revenue_wan_yuan,
            rd_expense_wan_yuan: a.rd_expense_wan_yuan,
            domestic_rd_expense_wan_yuan: a.domestic_rd_expense_wan_yuan,
            total_cost_wan_yuan: a.total_cost_wan_yuan,
            net_profit_wan_yuan: a.net_profit_wan_yuan,
            equity_financing_wan_yuan: a.equity_financing_wan_yuan,
        }
    }
}

/// One enterprise's stored figures for one year.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnualDataRecord {
    pub enterprise_id: i64,
    pub year: i32,
    pub version: i64,
    pub figures: AnnualFigures,
}

/// Certificate numbers longer than this are refused.
pub const MAX_CERTIFICATE_NUMBER_CHARS: usize = 64;

/// No title or honour is valid for longer than this.
pub const MAX_CERTIFICATE_YEARS: u32 = 10;

/// A title or honour an enterprise holds, as added or replaced.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateBody {
    /// A tier (`specialised_sme`, `little_giant`, …) or `tech_innovation_demo`, `ip_advantage_or_demo`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub kind: CertificateKind,
    /// The number printed on the certificate or in the published list.
    pub number: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub issued_on: NaiveDate,
    /// The last day it is valid.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub expires_on: NaiveDate,
}

impl CertificateBody {
    /// The first problem with this certificate, as `(field, problem)`.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        let chars = self.number.trim().chars().count();
        if chars == 0 {
            return Some(("number", "give the certificate number as printed".into()));
        }
        if chars > MAX_CERTIFICATE_NUMBER_CHARS {
            return Some((
                "number",
                format!("{chars} characters is too long; give at most {MAX_CERTIFICATE_NUMBER_CHARS}"),
            ));
        }
        if self.expires_on < self.issued_on {
            return Some((
                "expires_on",
                format!("{} is before the issue date {}; correct one of the dates", self.expires_on, self.issued_on),
            ));
        }
        let latest = self.issued_on.checked_add_months(Months::new(12 * MAX_CERTIFICATE_YEARS));
        if latest.is_none_or(|latest| self.expires_on > latest) {
            return Some((
                "expires_on",
                format!(
                    "{} is more than {MAX_CERTIFICATE_YEARS} years after the issue date {}; no title is valid that \
                     long, so one of the dates is probably mistyped",
                    self.expires_on, self.issued_on
                ),
            ));
        }
        None
    }

    /// The certificate as the tier rules read it (they do not need its number).
    pub fn to_certificate(&self) -> Certificate {
        Certificate { kind: self.kind, issued_on: self.issued_on, expires_on: self.expires_on }
    }
}

/// A stored certificate.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateRecord {
    pub id: i64,
    pub enterprise_id: i64,
    pub version: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub kind: CertificateKind,
    pub number: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub issued_on: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub expires_on: NaiveDate,
}

impl CertificateRecord {
    /// The certificate as the tier rules read it.
    pub fn to_certificate(&self) -> Certificate {
        Certificate { kind: self.kind, issued_on: self.issued_on, expires_on: self.expires_on }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::Tier;
    use serde_json::json;

    /// A change to a valid value that should make it invalid.
    type Edit<T> = fn(&mut T);

    /// Published codes: 福建 (M-type organisation code), 北京, 腾讯 (深圳), 小米 (北京海淀).
    const PUBLISHED_CODES: [&str; 4] =
        ["91350100M000100Y43", "91110000802100433B", "91440300708461136T", "91110108551385082Q"];

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    mod credit_code {
        use super::*;

        #[test]
        fn published_codes_are_valid() {
            for code in PUBLISHED_CODES {
                assert_eq!(CreditCode::parse(code).map(String::from), Ok(code.to_string()));
                assert_eq!(CreditCode::with_check_character(&code[..17]).unwrap().as_str(), code);
            }
        }

        #[test]
        fn spaces_and_lower_case_are_forgiven() {
            let code = CreditCode::parse(" 91110000802100433b\n").unwrap();
            assert_eq!(code.as_str(), "91110000802100433B");
            assert_eq!(code.division_code(), "110000");
            assert_eq!(code.organisation_code(), "802100433");
        }

        #[test]
        fn every_single_character_change_is_detected() {
            for code in PUBLISHED_CODES {
                for position in 0..18 {
                    for replacement in CREDIT_CODE_ALPHABET.chars() {
                        let mut chars: Vec<char> = code.chars().collect();
                        if chars[position] == replacement {
                            continue;
                        }
                        chars[position] = replacement;
                        let changed: String = chars.into_iter().collect();
                        assert!(CreditCode::parse(&changed).is_err(), "{changed} accepted");
                    }
                }
            }
        }

        #[test]
        fn messages_say_what_is_wrong() {
            let short = CreditCode::parse("91110000802100433").unwrap_err();
            assert!(short.contains("has 17 characters") && short.contains("has 18"), "{short}");
            let letter_o = CreditCode::parse("91110000802100O33B").unwrap_err();
            assert!(letter_o.starts_with("character 15 ('O') cannot appear"), "{letter_o}");
            let division = CreditCode::parse("9111A000802100433B").unwrap_err();
            assert!(division.starts_with("character 5 ('A') must be a digit"), "{division}");
            let check = CreditCode::parse("91110000802100433A").unwrap_err();
            assert!(check.contains("should be B, not A"), "{check}");
            assert!(CreditCode::with_check_character("9111000080210043").unwrap_err().contains("first 17"));
        }

        #[test]
        fn serde_reads_through_parse_and_writes_a_string() {
            let code: CreditCode = serde_json::from_value(json!("91350100m000100y43")).unwrap();
            assert_eq!(serde_json::to_value(&code).unwrap(), json!("91350100M000100Y43"));
            let err = serde_json::from_value::<CreditCode>(json!("91350100M000100Y44")).unwrap_err();
            assert!(err.to_string().contains("should be 3"), "{err}");
        }

        mod properties {
            use super::*;
            use proptest::prelude::*;

            proptest! {
                #[test]
                fn the_computed_check_character_and_no_other_validates(
                    body in "[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{9}",
                ) {
                    let code = CreditCode::with_check_character(&body).unwrap();
                    prop_assert_eq!(CreditCode::parse(code.as_str()), Ok(code.clone()));
                    let check = code.as_str().chars().last().unwrap();
                    for other in CREDIT_CODE_ALPHABET.chars().filter(|&c| c != check) {
                        let wrong = format!("{body}{other}");
                        prop_assert!(CreditCode::parse(&wrong).is_err(), "{} accepted", wrong);
                    }
                }
            }
        }
    }

    mod industry_code {
        use super::*;

        fn parse(text: &str) -> Result<String, String> {
            IndustryCode::parse(text).map(String::from)
        }

        #[test]
        fn divisions_at_both_edges_of_their_sections() {
            for code in ["A01", "A05", "B06", "B12", "C13", "C43", "D44", "K70", "P83", "S91", "S96", "T97"] {
                assert_eq!(parse(code).as_deref(), Ok(code));
            }
            for (code, right) in [("A06", "B06"), ("C12", "B12"), ("C44", "D44"), ("S97", "T97"), ("L70", "K70")] {
                let err = parse(code).unwrap_err();
                assert!(err.contains(&format!("write {right}")), "{code}: {err}");
            }
        }

        #[test]
        fn groups_and_classes_keep_their_digits() {
            let code = IndustryCode::parse("c3670").unwrap();
            assert_eq!((code.as_str(), code.section(), code.division()), ("C3670", 'C', 36));
            assert_eq!(parse("C367").as_deref(), Ok("C367"));
            assert_eq!(IndustryCode::parse("A0111").unwrap().division(), 1);
        }

        #[test]
        fn bare_digits_are_given_their_section() {
            assert_eq!(parse("3670").as_deref(), Ok("C3670"));
            assert_eq!(parse(" 0111 ").as_deref(), Ok("A0111"));
            assert_eq!(parse("4411").as_deref(), Ok("D4411"));
            assert_eq!(parse("9700").as_deref(), Ok("T9700"));
        }

        #[test]
        fn malformed_codes_are_refused() {
            for code in ["", "C", "C3", "C36701", "36701", "C3a", "CC36"] {
                assert!(parse(code).unwrap_err().contains("is not an industry code"), "{code}");
            }
            assert!(parse("00").unwrap_err().contains("division 00 does not exist"));
            assert!(parse("9800").unwrap_err().contains("division 98 does not exist"));
            assert!(parse("U36").unwrap_err().contains("section U does not exist"));
        }

        #[test]
        fn sections_cover_01_to_97_without_gaps() {
            let mut next = 1;
            for (_, first, last, _) in SECTIONS {
                assert_eq!(first, next);
                next = last + 1;
            }
            assert_eq!(next, 98);
        }

        #[test]
        fn serde_reads_through_parse() {
            let code: IndustryCode = serde_json::from_value(json!("3670")).unwrap();
            assert_eq!(serde_json::to_value(code).unwrap(), json!("C3670"));
            assert!(serde_json::from_value::<IndustryCode>(json!("C44")).is_err());
        }
    }

    pub(super) fn body() -> EnterpriseBody {
        EnterpriseBody {
            park_id: 1,
            credit_code: CreditCode::parse("91350100M000100Y43").unwrap(),
            name: "武汉示例汽车零部件有限公司".into(),
            industry_code: IndustryCode::parse("C3670").unwrap(),
            size_class: SizeClass::Medium,
            cohort: Cohort::AboveScale,
            public: EnterprisePublic { main_products: vec!["制动盘".into()], ..EnterprisePublic::default() },
            private: EnterprisePrivate {
                contact_name: Some("张工".into()),
                tier_facts: EnterpriseProfile { staff_count: Some(180), ..EnterpriseProfile::default() },
                ..EnterprisePrivate::default()
            },
        }
    }

    mod enterprise {
        use super::*;

        #[test]
        fn a_complete_body_has_no_problem() {
            assert_eq!(body().problem(), None);
        }

        #[test]
        fn each_problem_names_its_field() {
            let cases: [(Edit<EnterpriseBody>, &str); 6] = [
                (|b| b.park_id = 0, "park_id"),
                (|b| b.name = "  ".into(), "name"),
                (|b| b.name = "厂".repeat(101), "name"),
                (|b| b.public.main_products.push(String::new()), "public.main_products"),
                (|b| b.private.tier_facts.accounts.push(FiscalYear::default()), "private.tier_facts.accounts"),
                (
                    |b| {
                        b.private.tier_facts.certificates = Some(vec![Certificate {
                            kind: CertificateKind::Tier(Tier::SpecialisedSme),
                            issued_on: date(2025, 7, 1),
                            expires_on: date(2028, 6, 30),
                        }])
                    },
                    "private.tier_facts.certificates",
                ),
            ];
            for (change, field) in cases {
                let mut body = body();
                change(&mut body);
                assert_eq!(body.problem().map(|(f, _)| f), Some(field), "{body:?}");
            }
        }

        #[test]
        fn misplaced_accounts_say_where_they_go() {
            let mut body = body();
            body.private.tier_facts.accounts.push(FiscalYear::default());
            assert!(body.problem().unwrap().1.contains("annual data"));
        }

        #[test]
        fn unknown_fields_and_bad_codes_are_refused_when_read() {
            let mut value = serde_json::to_value(body()).unwrap();
            value["credit_code"] = json!("91350100M000100Y44");
            assert!(serde_json::from_value::<EnterpriseBody>(value).is_err());
            let mut value = serde_json::to_value(body()).unwrap();
            value["nickname"] = json!("x");
            assert!(serde_json::from_value::<EnterpriseBody>(value).is_err());
        }

        #[test]
        fn public_and_private_may_be_left_out() {
            let value = json!({
                "park_id": 2, "credit_code": "91110000802100433B", "name": "示例", "industry_code": "C36",
                "size_class": "small", "cohort": "below_scale"
            });
            let body: EnterpriseBody = serde_json::from_value(value).unwrap();
            assert_eq!(body.public, EnterprisePublic::default());
            assert_eq!(body.private, EnterprisePrivate::default());
        }

        #[test]
        fn record_without_private_leaves_the_member_out() {
            let record = EnterpriseRecord::from_body(5, 3, body());
            assert!(serde_json::to_value(&record).unwrap().get("private").is_some());
            let public = serde_json::to_value(record.without_private()).unwrap();
            assert_eq!(public.get("private"), None);
            assert_eq!(public["credit_code"], "91350100M000100Y43");
            assert_eq!(public["size_class"], "medium");
        }
    }

    pub(super) fn figures() -> AnnualFigures {
        AnnualFigures {
            efficiency: EfficiencyFigures {
                land_area_mu: 30.0,
                tax_wan_yuan: Some(600.0),
                value_added_wan_yuan: Some(3000.0),
                revenue_wan_yuan: Some(12000.0),
                main_business_revenue_wan_yuan: Some(10000.0),
                energy_tce: Some(1000.0),
                emissions_t: Some(0.5),
                water_t: None,
                electricity_kwh: None,
                average_staff: Some(150.0),
                rd_wan_yuan: Some(300.0),
                bonus: 0.0,
                deduction: 0.0,
                exemption: None,
                production_start: Some(date(2015, 3, 1)),
                land_granted: None,
                under_construction: false,
                land_group: None,
            },
            accounts: FiscalYearFigures {
                revenue_wan_yuan: Some(12000.0),
                rd_expense_wan_yuan: Some(300.0),
                domestic_rd_expense_wan_yuan: Some(280.0),
                net_profit_wan_yuan: Some(-50.0),
                ..FiscalYearFigures::default()
            },
        }
    }

    mod annual {
        use super::*;

        #[test]
        fn complete_figures_have_no_problem() {
            assert_eq!(figures().problem(), None);
        }

        #[test]
        fn each_problem_names_its_field() {
            let cases: [(Edit<AnnualFigures>, &str); 8] = [
                (|f| f.efficiency.land_area_mu = -1.0, "efficiency.land_area_mu"),
                (|f| f.efficiency.energy_tce = Some(f64::NAN), "efficiency.energy_tce"),
                (|f| f.efficiency.electricity_kwh = Some(2e12), "efficiency.electricity_kwh"),
                (|f| f.efficiency.tax_wan_yuan = Some(-2e12), "efficiency.tax_wan_yuan"),
                (|f| f.efficiency.land_group = Some(" ".into()), "efficiency.land_group"),
                (|f| f.accounts.total_cost_wan_yuan = Some(-1.0), "accounts.total_cost_wan_yuan"),
                (|f| f.accounts.net_profit_wan_yuan = Some(f64::INFINITY), "accounts.net_profit_wan_yuan"),
                (|f| f.accounts.domestic_rd_expense_wan_yuan = Some(301.0), "accounts.domestic_rd_expense_wan_yuan"),
            ];
            for (change, field) in cases {
                let mut figures = figures();
                change(&mut figures);
                assert_eq!(figures.problem().map(|(f, _)| f), Some(field), "{figures:?}");
            }
        }

        #[test]
        fn refunds_and_losses_may_be_negative() {
            let mut figures = figures();
            figures.efficiency.tax_wan_yuan = Some(-20.0);
            figures.accounts.net_profit_wan_yuan = Some(-1e6);
            assert_eq!(figures.problem(), None);
        }

        #[test]
        fn huge_figures_are_out_of_range() {
            let mut figures = figures();
            figures.accounts.revenue_wan_yuan = Some(1.5e12);
            let (field, problem) = figures.problem().unwrap();
            assert_eq!(field, "accounts.revenue_wan_yuan");
            assert!(problem.contains("out of range"), "{problem}");
        }

        #[test]
        fn figures_convert_to_the_evaluation_and_tier_inputs() {
            let figures = figures();
            let input = figures.to_efficiency_input("7".into(), "示例".into(), Cohort::BelowScale);
            assert_eq!((input.id.as_str(), input.cohort), ("7", Cohort::BelowScale));
            assert_eq!(input.land_area_mu, 30.0);
            assert_eq!(input.production_start, Some(date(2015, 3, 1)));
            assert!(input.problems().is_empty());
            let year = figures.to_fiscal_year(2024);
            assert_eq!((year.year, year.net_profit_wan_yuan), (2024, Some(-50.0)));
            assert_eq!(year.domestic_rd_expense_wan_yuan, Some(280.0));
        }

        #[test]
        fn accounts_may_be_left_out() {
            let figures: AnnualFigures =
                serde_json::from_value(json!({ "efficiency": { "land_area_mu": 12.5 } })).unwrap();
            assert_eq!(figures.accounts, FiscalYearFigures::default());
            assert_eq!(figures.problem(), None);
        }

        #[test]
        fn years_run_from_2000_to_2100() {
            assert_eq!(check_year(2000), None);
            assert_eq!(check_year(2100), None);
            assert_eq!(check_year(1999).map(|(f, _)| f), Some("year"));
            assert!(check_year(2101).is_some());
        }
    }

    mod certificate {
        use super::*;

        fn certificate() -> CertificateBody {
            CertificateBody {
                kind: CertificateKind::Tier(Tier::LittleGiant),
                number: "工信部 2025-0117".into(),
                issued_on: date(2025, 7, 1),
                expires_on: date(2028, 6, 30),
            }
        }

        #[test]
        fn a_complete_certificate_has_no_problem() {
            assert_eq!(certificate().problem(), None);
            let ten_years = CertificateBody { expires_on: date(2035, 7, 1), ..certificate() };
            assert_eq!(ten_years.problem(), None);
        }

        #[test]
        fn each_problem_names_its_field() {
            let cases: [(Edit<CertificateBody>, &str); 4] = [
                (|c| c.number = " ".into(), "number"),
                (|c| c.number = "9".repeat(65), "number"),
                (|c| c.expires_on = date(2025, 6, 30), "expires_on"),
                (|c| c.expires_on = date(2035, 7, 2), "expires_on"),
            ];
            for (change, field) in cases {
                let mut certificate = certificate();
                change(&mut certificate);
                assert_eq!(certificate.problem().map(|(f, _)| f), Some(field), "{certificate:?}");
            }
        }

        #[test]
        fn converts_to_the_tier_rules_certificate() {
            let c = certificate().to_certificate();
            assert_eq!(c.kind, CertificateKind::Tier(Tier::LittleGiant));
            assert!(c.valid_on(date(2028, 6, 30)));
        }

        #[test]
        fn kind_is_a_plain_string() {
            let value = serde_json::to_value(certificate()).unwrap();
            assert_eq!(value["kind"], "little_giant");
            assert_eq!(value["issued_on"], "2025-07-01");
        }
    }

    mod round_trips {
        use super::*;
        use proptest::prelude::*;

        fn credit_code() -> impl Strategy<Value = CreditCode> {
            "[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{9}"
                .prop_map(|body| CreditCode::with_check_character(&body).unwrap())
        }

        fn industry_code() -> impl Strategy<Value = IndustryCode> {
            (1u8..=97, "[0-9]{0,2}")
                .prop_map(|(division, rest)| IndustryCode::parse(&format!("{division:02}{rest}")).unwrap())
        }

        fn figure() -> impl Strategy<Value = Option<f64>> {
            proptest::option::of(0.0f64..1e9)
        }

        proptest! {
            #[test]
            fn enterprise_bodies_round_trip(
                park_id in 1i64.., credit_code in credit_code(), name in ".{1,30}", industry_code in industry_code(),
                size_class in proptest::sample::select(SizeClass::ALL.to_vec()), above: bool,
                name_en in proptest::option::of(".{0,20}"), products in proptest::collection::vec(".{1,10}", 0..3),
                phone in proptest::option::of("[0-9]{11}"), staff in proptest::option::of(0u32..100_000),
                assets in figure(),
            ) {
                let body = EnterpriseBody {
                    park_id, credit_code, name, industry_code, size_class,
                    cohort: if above { Cohort::AboveScale } else { Cohort::BelowScale },
                    public: EnterprisePublic { name_en, main_products: products, ..EnterprisePublic::default() },
                    private: EnterprisePrivate {
                        contact_phone: phone,
                        tier_facts: EnterpriseProfile {
                            staff_count: staff, total_assets_wan_yuan: assets, ..EnterpriseProfile::default()
                        },
                        ..EnterprisePrivate::default()
                    },
                };
                let text = serde_json::to_string(&body).unwrap();
                prop_assert_eq!(serde_json::from_str::<EnterpriseBody>(&text).unwrap(), body);
            }

            #[test]
            fn annual_figures_round_trip(
                land in 0.0f64..1e5, tax in proptest::option::of(-1e6f64..1e7), revenue in figure(), energy in figure(),
                staff in figure(), bonus in 0.0f64..10.0, started in proptest::option::of(0i64..15_000),
                under_construction: bool, group in proptest::option::of("[A-Z]{2}-[0-9]{3}"),
                rd in figure(), profit in proptest::option::of(-1e6f64..1e6),
            ) {
                let figures = AnnualFigures {
                    efficiency: EfficiencyFigures {
                        land_area_mu: land, tax_wan_yuan: tax, revenue_wan_yuan: revenue, energy_tce: energy,
                        average_staff: staff, bonus,
                        production_start: started.map(|days| date(1990, 1, 1) + chrono::Days::new(days as u64)),
                        under_construction, land_group: group,
                        ..figures().efficiency
                    },
                    accounts: FiscalYearFigures {
                        revenue_wan_yuan: revenue, rd_expense_wan_yuan: rd, net_profit_wan_yuan: profit,
                        ..FiscalYearFigures::default()
                    },
                };
                let text = serde_json::to_string(&figures).unwrap();
                prop_assert_eq!(serde_json::from_str::<AnnualFigures>(&text).unwrap(), figures);
            }
        }
    }
}
