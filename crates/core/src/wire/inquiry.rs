//! Investment inquiries (招商咨询): what anyone may send a park from its public page
//! without an account, the receipt the sender keeps, and the record park officers work from.

use crate::text::quoted;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::contact_check::{is_email, is_landline, is_mainland_mobile};

const MAX_NAME_CHARS: usize = 50;
const MAX_ORGANISATION_CHARS: usize = 100;
const MAX_INDUSTRY_CHARS: usize = 100;
const MAX_MESSAGE_CHARS: usize = 2000;
/// 1000 亿元: more than any single industrial project.
const MAX_INVESTMENT_WAN_YUAN: f64 = 10_000_000.0;
/// 100,000 亩 (about 67 km²): more than a whole park.
const MAX_LAND_MU: f64 = 100_000.0;

/// `POST /api/v1/inquiries`, from the public inquiry form.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewInquiry {
    /// The person to answer.
    pub name: String,
    /// The company or institution the person speaks for.
    pub organisation: String,
    /// A mainland mobile or landline number; this or `email` (or both) must be given.
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// The industry of the planned project, in the sender's words.
    #[serde(default)]
    pub industry: String,
    /// 计划投资额, 万元.
    #[serde(default)]
    pub planned_investment_wan_yuan: Option<f64>,
    /// 用地需求, 亩.
    #[serde(default)]
    pub land_need_mu: Option<f64>,
    #[serde(default)]
    pub message: String,
    pub park_id: i64,
    /// The parcel asked about, if the inquiry was sent from a parcel.
    #[serde(default)]
    pub parcel_id: Option<i64>,
}

/// Blank optional text counts as not given: a form sends an empty field as `""`.
fn given(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|text| !text.is_empty())
}

fn too_long(field: &'static str, text: &str, max: usize) -> Option<(&'static str, String)> {
    let chars = text.chars().count();
    (chars > max).then(|| (field, format!("this has {chars} characters; shorten it to at most {max}")))
}

/// A problem with an optional quantity that must be positive and at most `max`.
fn out_of_range(field: &'static str, value: Option<f64>, max: f64, unit: &str) -> Option<(&'static str, String)> {
    let value = value?;
    let fits = value.is_finite() && value > 0.0 && value <= max;
    (!fits).then(|| {
        (
            field,
            format!(
                "{value} {unit} is out of range: give an amount above 0 and at most {max} {unit}, or leave it empty"
            ),
        )
    })
}

impl NewInquiry {
    /// The first problem with this inquiry, as `(field, problem)`. Surrounding spaces do not
    /// count and blank optional fields are as good as absent; store [`NewInquiry::tidied`].
    pub fn problem(&self) -> Option<(&'static str, String)> {
        let name_chars = self.name.trim().chars().count();
        if !(1..=MAX_NAME_CHARS).contains(&name_chars) {
            return Some(("name", format!("give your name, 1 to {MAX_NAME_CHARS} characters")));
        }
        let organisation_chars = self.organisation.trim().chars().count();
        if !(1..=MAX_ORGANISATION_CHARS).contains(&organisation_chars) {
            return Some((
                "organisation",
                format!("give the company or institution you speak for, 1 to {MAX_ORGANISATION_CHARS} characters"),
            ));
        }
        let (phone, email) = (given(&self.phone), given(&self.email));
        if phone.is_none() && email.is_none() {
            return Some((
                "phone",
                "give a phone number (e.g. 13812345678 or 027-87654321) or an e-mail address, so the park can answer"
                    .into(),
            ));
        }
        if let Some(phone) = phone.filter(|phone| !is_mainland_mobile(phone) && !is_landline(phone)) {
            return Some((
                "phone",
                format!(
                    "{} is not a phone number: give a mobile number such as 13812345678 or a landline with \
                     its area code such as 027-87654321 (an extension as 027-87654321-123 or 027-87654321转123)",
                    quoted(phone)
                ),
            ));
        }
        if let Some(email) = email.filter(|email| !is_email(email)) {
            return Some((
                "email",
                format!("{} is not an e-mail address: give one such as name@example.com", quoted(email)),
            ));
        }
        too_long("industry", self.industry.trim(), MAX_INDUSTRY_CHARS)
            .or_else(|| {
                let max = MAX_INVESTMENT_WAN_YUAN;
                out_of_range("planned_investment_wan_yuan", self.planned_investment_wan_yuan, max, "万元")
            })
            .or_else(|| out_of_range("land_need_mu", self.land_need_mu, MAX_LAND_MU, "亩"))
            .or_else(|| too_long("message", self.message.trim(), MAX_MESSAGE_CHARS))
    }

    /// The inquiry as it should be stored: text trimmed, blank phone or e-mail absent.
    pub fn tidied(self) -> NewInquiry {
        let trim = |text: String| text.trim().to_string();
        NewInquiry {
            name: trim(self.name),
            organisation: trim(self.organisation),
            phone: given(&self.phone).map(str::to_string),
            email: given(&self.email).map(str::to_string),
            industry: trim(self.industry),
            message: trim(self.message),
            ..self
        }
    }
}

/// Where an inquiry stands with the park.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InquiryStatus {
    /// Not yet answered.
    New,
    /// The park has contacted the sender.
    Answered,
    /// Nothing more to do: a project agreed, declined, or a duplicate.
    Closed,
}

impl InquiryStatus {
    pub const ALL: [InquiryStatus; 3] = [InquiryStatus::New, InquiryStatus::Answered, InquiryStatus::Closed];
}

/// An inquiry as park officers see it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InquiryRecord {
    pub id: i64,
    /// The record's version: its ETag, and what `If-Match` must name to change it.
    pub version: i64,
    /// What the sender was given to quote, e.g. `INQ-20261122-000042`.
    pub reference: String,
    pub park_id: i64,
    pub parcel_id: Option<i64>,
    pub status: InquiryStatus,
    /// China local time (UTC+08:00).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-22T14:05:00"))]
    pub created_at: NaiveDateTime,
    pub inquiry: NewInquiry,
}

/// What the anonymous sender gets back: the reference to quote when calling the park.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryReceipt {
    pub reference: String,
    pub id: i64,
}

/// `PATCH /api/v1/inquiries/{id}`, by the park's officers.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InquiryUpdate {
    pub status: InquiryStatus,
}

/// The reference of inquiry `id` received on `date` (China time), e.g. `INQ-20261122-000042`:
/// easy to read out on the phone, and sortable by date.
pub fn inquiry_reference(date: NaiveDate, id: i64) -> String {
    format!("INQ-{}-{id:06}", date.format("%Y%m%d"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    pub(crate) fn inquiry() -> NewInquiry {
        NewInquiry {
            name: "王经理".into(),
            organisation: "示例新材料有限公司".into(),
            phone: Some("138-1234-5678".into()),
            email: None,
            industry: "新材料".into(),
            planned_investment_wan_yuan: Some(50_000.0),
            land_need_mu: Some(80.0),
            message: "希望了解标准地供地条件。".into(),
            park_id: 1,
            parcel_id: Some(17),
        }
    }

    /// A change that spoils one field of a valid NewInquiry.
    type Edit = fn(&mut NewInquiry);

    #[test]
    fn a_complete_inquiry_has_no_problem() {
        assert_eq!(inquiry().problem(), None);
        let by_email = NewInquiry { phone: None, email: Some("wang@example.com".into()), ..inquiry() };
        assert_eq!(by_email.problem(), None);
        let landline = NewInquiry { phone: Some("027-87654321转8".into()), ..inquiry() };
        assert_eq!(landline.problem(), None);
        let least = NewInquiry {
            industry: String::new(),
            planned_investment_wan_yuan: None,
            land_need_mu: None,
            message: String::new(),
            parcel_id: None,
            ..inquiry()
        };
        assert_eq!(least.problem(), None);
    }

    #[test]
    fn each_inquiry_problem_names_its_field() {
        let cases: [(Edit, &str); 18] = [
            (|i| i.name = " ".into(), "name"),
            (|i| i.name = "名".repeat(51), "name"),
            (|i| i.organisation = String::new(), "organisation"),
            (|i| i.organisation = "司".repeat(101), "organisation"),
            (|i| i.phone = None, "phone"),
            (|i| i.phone = Some("  ".into()), "phone"),
            (|i| i.phone = Some("1381234567".into()), "phone"),
            (|i| i.phone = Some("87654321".into()), "phone"),
            (|i| i.email = Some("wang@example".into()), "email"),
            (|i| i.industry = "业".repeat(101), "industry"),
            (|i| i.planned_investment_wan_yuan = Some(0.0), "planned_investment_wan_yuan"),
            (|i| i.planned_investment_wan_yuan = Some(-5.0), "planned_investment_wan_yuan"),
            (|i| i.planned_investment_wan_yuan = Some(10_000_000.01), "planned_investment_wan_yuan"),
            (|i| i.planned_investment_wan_yuan = Some(f64::NAN), "planned_investment_wan_yuan"),
            (|i| i.land_need_mu = Some(0.0), "land_need_mu"),
            (|i| i.land_need_mu = Some(100_001.0), "land_need_mu"),
            (|i| i.land_need_mu = Some(f64::INFINITY), "land_need_mu"),
            (|i| i.message = "字".repeat(2001), "message"),
        ];
        for (change, field) in cases {
            let mut inquiry = inquiry();
            change(&mut inquiry);
            assert_eq!(inquiry.problem().map(|(f, _)| f), Some(field), "{inquiry:?}");
        }
    }

    #[test]
    fn limits_themselves_are_accepted() {
        let at_limits = NewInquiry {
            name: "名".repeat(50),
            organisation: "司".repeat(100),
            industry: "业".repeat(100),
            planned_investment_wan_yuan: Some(10_000_000.0),
            land_need_mu: Some(100_000.0),
            message: "字".repeat(2000),
            ..inquiry()
        };
        assert_eq!(at_limits.problem(), None);
    }

    #[test]
    fn a_wrong_phone_is_refused_with_the_accepted_formats() {
        let inquiry = NewInquiry { phone: Some("12345".into()), ..inquiry() };
        let (field, message) = inquiry.problem().unwrap();
        assert_eq!(field, "phone");
        assert!(message.contains("13812345678") && message.contains("027-87654321"), "{message}");
    }

    #[test]
    fn a_blank_phone_beside_an_email_is_as_good_as_absent_and_tidied_away() {
        let inquiry = NewInquiry {
            name: " 王经理 ".into(),
            phone: Some("".into()),
            email: Some(" wang@example.com ".into()),
            ..inquiry()
        };
        assert_eq!(inquiry.problem(), None);
        let tidied = inquiry.tidied();
        assert_eq!(
            (tidied.name.as_str(), tidied.phone, tidied.email),
            ("王经理", None, Some("wang@example.com".into()))
        );
    }

    #[test]
    fn an_inquiry_refuses_unknown_fields_and_defaults_its_optional_ones() {
        let body = json!({ "name": "王", "organisation": "某公司", "email": "w@example.cn", "park_id": 2 });
        let inquiry: NewInquiry = serde_json::from_value(body.clone()).unwrap();
        assert_eq!((inquiry.phone, inquiry.parcel_id, inquiry.message.as_str()), (None, None, ""));
        let mut extra = body;
        extra["status"] = json!("new");
        assert!(serde_json::from_value::<NewInquiry>(extra).is_err());
    }

    #[test]
    fn references_carry_the_date_and_a_six_digit_id() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(inquiry_reference(date, 42), "INQ-20261122-000042");
        assert_eq!(inquiry_reference(date, 1_234_567), "INQ-20261122-1234567");
    }

    #[test]
    fn statuses_and_records_serialize_as_the_api_documents() {
        assert_eq!(serde_json::to_value(InquiryStatus::ALL).unwrap(), json!(["new", "answered", "closed"]));
        let update: InquiryUpdate = serde_json::from_value(json!({ "status": "answered" })).unwrap();
        assert_eq!(update.status, InquiryStatus::Answered);
        let created_at = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap().and_hms_opt(14, 5, 0).unwrap();
        let record = InquiryRecord {
            id: 42,
            version: 1,
            reference: inquiry_reference(created_at.date(), 42),
            park_id: 1,
            parcel_id: Some(17),
            status: InquiryStatus::New,
            created_at,
            inquiry: inquiry(),
        };
        let value = serde_json::to_value(&record).unwrap();
        assert_eq!(value["created_at"], "2026-11-22T14:05:00");
        assert_eq!(value["inquiry"]["phone"], "138-1234-5678");
        assert_eq!(serde_json::from_value::<InquiryRecord>(value).unwrap(), record);
        let receipt = InquiryReceipt { reference: record.reference, id: 42 };
        assert_eq!(serde_json::to_value(receipt).unwrap(), json!({ "reference": "INQ-20261122-000042", "id": 42 }));
    }

    proptest! {
        #[test]
        fn new_inquiries_round_trip(
            name in ".{0,20}",
            organisation in ".{0,30}",
            phone in proptest::option::of("1[3-9][0-9]{9}"),
            email in proptest::option::of("[a-z]{1,8}@[a-z]{1,8}\\.cn"),
            industry in ".{0,20}",
            investment in proptest::option::of(0.01f64..1e7),
            land in proptest::option::of(0.01f64..1e5),
            message in ".{0,100}",
            park_id in 1i64..,
            parcel_id in proptest::option::of(1i64..),
        ) {
            let inquiry = NewInquiry {
                name, organisation, phone, email, industry,
                planned_investment_wan_yuan: investment, land_need_mu: land, message, park_id, parcel_id,
            };
            let text = serde_json::to_string(&inquiry).unwrap();
            prop_assert_eq!(serde_json::from_str::<NewInquiry>(&text).unwrap(), inquiry);
        }
    }
}
