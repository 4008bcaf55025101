//! Enterprises on the wire: the record, its size class and the facts public and private.
//!
//! Public facts ([`EnterprisePublic`]) may be shown to anyone; private facts
//! ([`EnterprisePrivate`]) only to the enterprise itself and to the officers and admins
//! who manage it. Annual figures ([`super::annual`]) and certificates ([`super::certificate`])
//! are stored apart from the enterprise, one record per year and per certificate.

use serde::{Deserialize, Serialize};

use super::annual::AnnualDataRecord;
use super::certificate::CertificateRecord;
use crate::efficiency::Cohort;
use crate::registry::{CreditCode, IndustryCode};
use crate::tiers::EnterpriseProfile;

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

impl EnterprisePrivate {
    /// What the tier rules read: the stored tier facts joined with the accounts of every
    /// stored year of figures and with every certificate (all of them are known, so "none"
    /// is an answer, not missing data). The server assesses stored records with it, the
    /// enterprise portal its what-if.
    pub fn tier_profile(self, annual: &[AnnualDataRecord], certificates: &[CertificateRecord]) -> EnterpriseProfile {
        EnterpriseProfile {
            accounts: annual.iter().map(|year| year.figures.to_fiscal_year(year.year)).collect(),
            certificates: Some(certificates.iter().map(CertificateRecord::to_certificate).collect()),
            ..self.tier_facts
        }
    }
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::tiers::{Certificate, CertificateKind, FiscalYear, Tier};
    use chrono::NaiveDate;
    use serde_json::json;

    /// A change to a valid value that should make it invalid.
    type Edit<T> = fn(&mut T);

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    pub(crate) fn body() -> EnterpriseBody {
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
        fn the_tier_profile_joins_every_year_and_certificate_to_the_facts() {
            let private = body().private;
            let annual = crate::wire::annual::tests::figures();
            let years: Vec<AnnualDataRecord> = [2023, 2024]
                .map(|year| AnnualDataRecord { enterprise_id: 1, year, version: 1, figures: annual.clone() })
                .into();
            let certificate = CertificateRecord {
                id: 4,
                enterprise_id: 1,
                version: 1,
                kind: CertificateKind::Tier(Tier::SpecialisedSme),
                number: "ZJTX-2025-001".into(),
                issued_on: date(2025, 7, 1),
                expires_on: date(2028, 6, 30),
            };
            let profile = private.clone().tier_profile(&years, std::slice::from_ref(&certificate));
            assert_eq!(profile.staff_count, Some(180));
            assert_eq!(profile.accounts.iter().map(|a| a.year).collect::<Vec<_>>(), [2023, 2024]);
            assert_eq!(profile.accounts[1].figures, annual.accounts);
            assert_eq!(profile.certificates, Some(vec![certificate.to_certificate()]));
            // No certificates stored is an answer: none held.
            assert_eq!(private.tier_profile(&[], &[]).certificates, Some(vec![]));
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
        }
    }
}
