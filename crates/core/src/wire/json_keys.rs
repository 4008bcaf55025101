//! Every wire and result type is written with each key once per object, and reads back.
//!
//! `#[serde(flatten)]` can write a key twice when the flattened type has a member of the
//! same name, and serde_json reads such text without complaint, keeping the last value;
//! so these tests walk the written text with a reader that refuses a repeated key.

use std::collections::HashSet;
use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, DeserializeOwned, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::annual::tests::figures;
use super::certificate::tests::certificate;
use super::enterprise::tests::body;
use super::inquiry::tests::inquiry;
use super::request::tests::{record as request_record, request};
use super::*;
use crate::calendar::{Rating, RequestState};
use crate::efficiency::{
    evaluate, huangyan_worked_example, shipped, Cohort, EnterpriseInput, ExemptionReason, Outcome,
};
use crate::tiers::test_support::specialised_profile;
use crate::tiers::{assess, TierRules};

/// Any JSON value, read only to check that no object repeats a key.
struct UniqueKeys;

impl<'de> Deserialize<'de> for UniqueKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<UniqueKeys, D::Error> {
        deserializer.deserialize_any(UniqueKeysVisitor)
    }
}

struct UniqueKeysVisitor;

impl<'de> Visitor<'de> for UniqueKeysVisitor {
    type Value = UniqueKeys;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_i64<E>(self, _: i64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_u64<E>(self, _: u64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_f64<E>(self, _: f64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_str<E>(self, _: &str) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_unit<E>(self) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<UniqueKeys, A::Error> {
        while seq.next_element::<UniqueKeys>()?.is_some() {}
        Ok(UniqueKeys)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueKeys, A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value::<UniqueKeys>()?;
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("the key `{key}` appears twice in one object")));
            }
        }
        Ok(UniqueKeys)
    }
}

/// Writes `value`, checks that no object repeats a key, and reads it back as a `T`.
fn assert_strict<T: Serialize + DeserializeOwned>(value: &T) {
    let text = serde_json::to_string(value).unwrap();
    if let Err(error) = serde_json::from_str::<UniqueKeys>(&text) {
        panic!("{} {error}: {text}", std::any::type_name::<T>());
    }
    if let Err(error) = serde_json::from_str::<T>(&text) {
        panic!("{} does not read back: {error}: {text}", std::any::type_name::<T>());
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn the_reader_refuses_a_repeated_key_at_any_depth() {
    assert!(serde_json::from_str::<UniqueKeys>(r#"{"a": [{"b": 1, "c": 2}], "d": {"e": null}}"#).is_ok());
    let error = serde_json::from_str::<UniqueKeys>(r#"{"a": [{"b": 1, "b": 2}]}"#).err().unwrap().to_string();
    assert!(error.starts_with("the key `b` appears twice in one object"), "{error}");
}

#[test]
fn enterprise_bodies_and_records() {
    let record = EnterpriseRecord::from_body(5, 3, body());
    assert_strict(&body());
    assert_strict(&record);
    assert_strict(&record.without_private());
    assert_strict(&figures());
    assert_strict(&AnnualDataRecord { enterprise_id: 5, year: 2024, version: 1, figures: figures() });
    assert_strict(&certificate());
    let c = certificate();
    assert_strict(&CertificateRecord {
        id: 9,
        enterprise_id: 5,
        version: 1,
        kind: c.kind,
        number: c.number,
        issued_on: c.issued_on,
        expires_on: c.expires_on,
    });
}

#[test]
fn rule_inputs_with_their_own_fields_beside_the_figures() {
    assert_strict(&huangyan_worked_example());
    assert_strict(&figures().to_fiscal_year(2024));
    assert_strict(&specialised_profile(300.0));
}

#[test]
fn evaluation_results_of_every_outcome() {
    let huangyan = shipped::profile("huangyan-2022").unwrap();
    let exempt = EnterpriseInput { id: "U".into(), ..huangyan_worked_example() }
        .with(|f| f.exemption = Some(ExemptionReason::PublicUtility));
    let small = EnterpriseInput { id: "S".into(), cohort: Cohort::BelowScale, ..huangyan_worked_example() }
        .with(|f| f.land_area_mu = 1.0);
    let run = evaluate(&huangyan, &[huangyan_worked_example(), exempt, small], date(2025, 3, 31)).unwrap();
    let statuses: Vec<&str> = run
        .results
        .iter()
        .map(|r| match r.outcome {
            Outcome::Graded(_) => "graded",
            Outcome::Exempt { .. } => "exempt",
            Outcome::NotEvaluated { .. } => "not_evaluated",
        })
        .collect();
    assert_eq!(statuses, ["graded", "exempt", "not_evaluated"]);
    assert_strict(&run);
    for result in &run.results {
        let record = EvaluationResultRecord {
            run_id: 1,
            enterprise_id: 1,
            park_id: 1,
            result: result.clone(),
            cohort_range_withheld: false,
        };
        assert_strict(&record);
    }
    let summary = EvaluationSummary::of(&run, "huangyan-2022", 1, 2024, Some(1));
    assert_strict(&EvaluationRecord {
        id: 1,
        version: 1,
        profile_id: 1,
        created_at: "2025-03-31T08:00:00Z".into(),
        summary,
        notice: Some(NoticePeriod { start: date(2025, 4, 1), end: date(2025, 4, 10) }),
    });
    assert_strict(&ProfileRecord { id: 1, key: "huangyan-2022".into(), version: 1, profile: huangyan });
}

#[test]
fn tier_assessments() {
    let assessment = assess(&TierRules::default(), &specialised_profile(300.0), date(2025, 6, 30)).unwrap();
    assert_strict(&assessment);
}

#[test]
fn configuration_and_errors() {
    assert_strict(&ClientConfig {
        tiles: TileProvider::Tianditu,
        tianditu_key: Some("k".into()),
        demo_data: true,
        version: "0.1.0".into(),
    });
    assert_strict(&ErrorBody {
        error: ErrorDetail { code: "invalid_body".into(), message: "unknown field".into(), field: Some("x".into()) },
        current: Some(serde_json::json!({ "version": 2 })),
    });
}

#[test]
fn requests_inquiries_sessions_and_the_change_feed() {
    let record = request_record();
    assert_strict(&request());
    assert_strict(&record);
    assert_strict(&RequestAction {
        to: RequestState::Rated,
        rating: Some(Rating::Dissatisfied),
        note: "未解决".into(),
    });
    let sent = InquiryRecord {
        id: 42,
        version: 1,
        reference: "INQ-20261122-000042".into(),
        park_id: 1,
        parcel_id: Some(17),
        status: InquiryStatus::New,
        created_at: date(2026, 11, 22).and_hms_opt(14, 5, 0).unwrap(),
        inquiry: inquiry(),
    };
    assert_strict(&sent);
    assert_strict(&InquiryReceipt { reference: sent.reference.clone(), id: sent.id });
    let user = UserRecord {
        id: 4,
        username: "enterprise.a".into(),
        display_name: "恒天示例光纤".into(),
        role: Role::Enterprise,
        enterprise_id: Some(1),
        park_ids: Vec::new(),
        version: 1,
    };
    assert_strict(&SessionInfo { user, csrf_token: "token".into() });
    let account =
        DemoAccount { username: "enterprise.a".into(), display_name: "企业用户甲".into(), role: Role::Enterprise };
    assert_strict(&DemoAccounts { password: Some("parkatlas-demo".into()), accounts: vec![account] });
    let key = ApiKeyRecord {
        id: 2,
        user_id: 4,
        label: "12345 热线对接".into(),
        created_at: date(2026, 3, 2).and_hms_opt(9, 0, 0).unwrap(),
    };
    assert_strict(&NewApiKey { label: key.label.clone() });
    assert_strict(&IssuedApiKey { record: key, key: "ab".repeat(32) });
    let data = serde_json::to_value(&record).unwrap();
    let live =
        Change { kind: ChangeKind::Request, id: record.id, version: record.version, deleted: false, data: Some(data) };
    let gone = Change { kind: ChangeKind::Parcel, id: 9, version: 3, deleted: true, data: None };
    assert_strict(&ChangePage { changes: vec![live, gone], next: 120, more: false });
}
