//! Investment inquiries: anyone sends one and gets only a receipt; anonymous senders are
//! rate-limited; only the park's officers and admins read and answer them.

use std::num::NonZeroU32;
use std::time::Duration;

use axum::http::{Method, StatusCode};
use parkatlas_server::auth::limits::{Allowance, RateLimits};
use serde_json::{json, Value};

use crate::requests::all_changes;
use crate::support::{Answer, TestServer};

pub(crate) fn inquiry() -> Value {
    json!({
        "name": " 王经理 ", "organisation": "示例新材料有限公司", "phone": "138-1234-5678", "email": "",
        "industry": "新材料", "planned_investment_wan_yuan": 50000.0, "land_need_mu": 80.0,
        "message": "希望了解标准地供地条件。", "park_id": 1
    })
}

async fn send(server: &TestServer, body: &Value) -> Answer {
    server.call(Method::POST, "/api/v1/inquiries").json(body).send().await
}

/// `INQ-YYYYMMDD-NNNNNN` for today in China (UTC+08:00) and id `id`.
fn reference_of(id: i64) -> String {
    let china_today = (chrono::Utc::now() + chrono::Duration::hours(8)).format("%Y%m%d");
    format!("INQ-{china_today}-{id:06}")
}

#[tokio::test]
async fn the_sender_gets_a_receipt_and_the_park_gets_the_inquiry() {
    for server in TestServer::each_backend().await {
        let receipt: Value = send(&server, &inquiry()).await.json(StatusCode::CREATED);
        let id = receipt["id"].as_i64().unwrap();
        assert_eq!(receipt, json!({ "reference": reference_of(id), "id": id }), "a receipt and nothing else");

        let officer = server.login("officer.guanggu").await;
        let listed: Vec<Value> = officer.call(Method::GET, "/api/v1/inquiries").send().await.json(StatusCode::OK);
        let record = listed.iter().find(|r| r["id"] == id).expect("the park's officer sees it");
        assert_eq!((&record["status"], &record["reference"]), (&json!("new"), &receipt["reference"]));
        assert_eq!(record["inquiry"]["name"], "王经理", "stored tidied");
        assert_eq!((&record["inquiry"]["phone"], &record["inquiry"]["email"]), (&json!("138-1234-5678"), &Value::Null));

        let path = format!("/api/v1/inquiries/{id}");
        let read = officer.call(Method::GET, &path).send().await;
        assert_eq!(read.etag(), "\"1\"");
        let answered = json!({ "status": "answered" });
        let without = officer.call(Method::PUT, &path).json(&answered).send().await;
        assert_eq!(without.error(StatusCode::PRECONDITION_REQUIRED).1.as_deref(), Some("If-Match"));
        let updated = officer.call(Method::PUT, &path).header("if-match", "\"1\"").json(&answered).send().await;
        assert_eq!(updated.etag(), "\"2\"");
        assert_eq!(updated.json::<Value>(StatusCode::OK)["status"], "answered");
        let stale = officer.call(Method::PUT, &path).header("if-match", "\"1\"").json(&json!({ "status": "closed" }));
        let stale: parkatlas_core::wire::ErrorBody = stale.send().await.json(StatusCode::PRECONDITION_FAILED);
        assert_eq!(stale.current.unwrap()["status"], "answered");
        let new_only: Vec<Value> =
            officer.call(Method::GET, "/api/v1/inquiries?status=new").send().await.json(StatusCode::OK);
        assert!(new_only.iter().all(|r| r["id"] != id && r["status"] == "new"));
    }
}

#[tokio::test]
async fn only_the_parks_officers_and_admins_read_inquiries() {
    for server in TestServer::each_backend().await {
        let id = send(&server, &inquiry()).await.json::<Value>(StatusCode::CREATED)["id"].as_i64().unwrap();
        let path = format!("/api/v1/inquiries/{id}");
        assert_eq!(server.get("/api/v1/inquiries").await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(server.get(&path).await.0, StatusCode::UNAUTHORIZED);

        let chegu = server.login("officer.chegu").await;
        assert_eq!(chegu.call(Method::GET, &path).send().await.error(StatusCode::FORBIDDEN).0, "forbidden");
        let put = chegu.call(Method::PUT, &path).header("if-match", "\"1\"").json(&json!({ "status": "closed" }));
        assert_eq!(put.send().await.status, StatusCode::FORBIDDEN);
        let theirs: Vec<Value> = chegu.call(Method::GET, "/api/v1/inquiries").send().await.json(StatusCode::OK);
        assert!(theirs.iter().all(|r| r["park_id"] == 2));

        let enterprise = server.login("enterprise.a").await;
        assert_eq!(enterprise.call(Method::GET, "/api/v1/inquiries").send().await.status, StatusCode::FORBIDDEN);
        assert_eq!(enterprise.call(Method::GET, &path).send().await.status, StatusCode::FORBIDDEN);
        let admin = server.login("admin").await;
        assert_eq!(admin.call(Method::GET, &path).send().await.status, StatusCode::OK);
        assert_eq!(admin.call(Method::GET, "/api/v1/inquiries/999999").send().await.status, StatusCode::NOT_FOUND);

        let guanggu = server.login("officer.guanggu").await;
        for (session, sees) in
            [(Some(&guanggu), true), (Some(&chegu), false), (Some(&enterprise), false), (None, false)]
        {
            let fed = all_changes(&server, session, "inquiry").await;
            let change = fed.iter().find(|c| c["id"] == id);
            assert_eq!(change.is_some(), sees);
            if let Some(change) = change {
                assert_eq!(change["data"]["inquiry"]["organisation"], "示例新材料有限公司");
            }
        }
    }
}

#[tokio::test]
async fn bad_inquiries_name_the_field() {
    let server = TestServer::with_demo_data().await;
    let parcels: Value = server.get_json("/api/v1/parks/2/parcels", StatusCode::OK).await;
    let parcel_in_park_2 = parcels["features"][0]["id"].clone();
    let with = |field: &str, value: Value| {
        let mut body = inquiry();
        body[field] = value;
        body
    };
    let cases = [
        (with("phone", json!("12345")), "phone"),
        (with("phone", Value::Null), "phone"),
        (with("email", json!("wang@example")), "email"),
        (with("name", json!("")), "name"),
        (with("land_need_mu", json!(-1)), "land_need_mu"),
        (with("park_id", json!(999)), "park_id"),
        (with("parcel_id", json!(999_999)), "parcel_id"),
        (with("parcel_id", parcel_in_park_2), "parcel_id"),
        (with("status", json!("answered")), "status"),
    ];
    for (body, field) in cases {
        let answer = send(&server, &body).await;
        assert_eq!(answer.error(StatusCode::UNPROCESSABLE_ENTITY), ("invalid_field".into(), Some(field.into())));
    }
    let phone = send(&server, &with("phone", json!("12345"))).await.text();
    assert!(phone.contains("13812345678") && phone.contains("027-87654321"), "{phone}");
    let admin = server.login("admin").await;
    let stored: Vec<Value> = admin.call(Method::GET, "/api/v1/inquiries").send().await.json(StatusCode::OK);
    let demo_count = stored.len();
    let by_email = with("email", json!("wang@example.com"));
    assert_eq!(send(&server, &by_email).await.status, StatusCode::CREATED, "an e-mail alone will do");
    let stored: Vec<Value> = admin.call(Method::GET, "/api/v1/inquiries").send().await.json(StatusCode::OK);
    assert_eq!(stored.len(), demo_count + 1, "refused inquiries are not kept");
}

#[tokio::test]
async fn anonymous_senders_get_429_after_their_allowance_and_a_retry_is_free() {
    let two = Allowance { attempts: NonZeroU32::new(2).unwrap(), per: Duration::from_secs(3600) };
    let server = TestServer::with_state(None, |state| parkatlas_server::AppState {
        limits: std::sync::Arc::new(RateLimits::new(two, two)),
        ..state
    })
    .await;
    let retried = || {
        server.call(Method::POST, "/api/v1/inquiries").header("idempotency-key", "inquiry-7c1d-0001").json(&inquiry())
    };
    let first: Value = retried().send().await.json(StatusCode::CREATED);
    let again: Value = retried().send().await.json(StatusCode::CREATED);
    assert_eq!(first, again, "a retried inquiry is answered with its receipt and spends nothing");
    let mut typo = inquiry();
    typo["phone"] = json!("138");
    assert_eq!(send(&server, &typo).await.status, StatusCode::UNPROCESSABLE_ENTITY, "a refused one spends nothing");
    assert_eq!(send(&server, &inquiry()).await.status, StatusCode::CREATED);

    let refused = send(&server, &inquiry()).await;
    assert_eq!(refused.error(StatusCode::TOO_MANY_REQUESTS).0, "too_many_requests");
    let wait: u64 = refused.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=1800).contains(&wait), "{wait}");

    let officer = server.login("officer.guanggu").await;
    let by_officer = officer.call(Method::POST, "/api/v1/inquiries").json(&inquiry()).send().await;
    assert_eq!(by_officer.status, StatusCode::CREATED, "signed-in callers are not limited");
}
