//! What offline clients rely on: versions as ETags, If-Match on updates (428, 412 with
//! the current record), idempotent operation ids, and the change feed; and the refusal
//! of bad bodies with errors that name the field.

use std::collections::BTreeMap;

use axum::http::{Method, StatusCode};
use parkatlas_core::wire::{ChangeKind, ChangePage, ErrorBody};
use serde_json::{json, Value};

use crate::support::TestServer;

/// Parcel 1 as an editable body, with a new status.
async fn parcel_body(server: &TestServer, status: &str) -> Value {
    let parcel: Value = server.get_json("/api/v1/parcels/1", StatusCode::OK).await;
    json!({
        "code": parcel["properties"]["code"], "land_use": parcel["properties"]["land_use"], "status": status,
        "geometry": parcel["geometry"], "details": { "supply_mode": "listing" }
    })
}

#[tokio::test]
async fn updates_need_the_current_version_and_a_stale_one_gets_the_record_back() {
    for server in TestServer::each_backend().await {
        let officer = server.login("officer.guanggu").await;
        let read = server.call(Method::GET, "/api/v1/parcels/1").send().await;
        assert_eq!(read.etag(), "\"1\"");
        let body = parcel_body(&server, "granted").await;

        let without = officer.call(Method::PUT, "/api/v1/parcels/1").json(&body).send().await;
        assert_eq!(
            without.error(StatusCode::PRECONDITION_REQUIRED),
            ("if_match_required".into(), Some("If-Match".into()))
        );

        let updated =
            officer.call(Method::PUT, "/api/v1/parcels/1").header("if-match", "\"1\"").json(&body).send().await;
        assert_eq!(updated.etag(), "\"2\"");
        let record: Value = updated.json(StatusCode::OK);
        assert_eq!(record["properties"]["status"], "granted");
        assert_eq!(record["properties"]["details"]["supply_mode"], "listing");

        let stale_body = parcel_body(&server, "idle").await;
        let stale =
            officer.call(Method::PUT, "/api/v1/parcels/1").header("if-match", "\"1\"").json(&stale_body).send().await;
        let error: ErrorBody = stale.json(StatusCode::PRECONDITION_FAILED);
        assert_eq!(error.error.code, "version_mismatch");
        let current = error.current.expect("the current record");
        assert_eq!(
            (current["properties"]["version"].as_i64(), current["properties"]["status"].as_str()),
            (Some(2), Some("granted"))
        );
        let now: Value = server.get_json("/api/v1/parcels/1", StatusCode::OK).await;
        assert_eq!(now["properties"]["status"], "granted", "a stale write changes nothing");
    }
}

#[tokio::test]
async fn an_unchanged_record_is_304_for_a_matching_if_none_match() {
    let server = TestServer::with_demo_data().await;
    let cached = server.call(Method::GET, "/api/v1/parks/2").header("if-none-match", "\"1\"").send().await;
    assert_eq!(cached.status, StatusCode::NOT_MODIFIED);
    assert!(cached.body.is_empty());
    let changed = server.call(Method::GET, "/api/v1/parks/2").header("if-none-match", "\"7\"").send().await;
    assert_eq!(changed.status, StatusCode::OK);
}

#[tokio::test]
async fn the_same_operation_id_twice_has_one_effect_and_the_first_answer() {
    for server in TestServer::each_backend().await {
        let officer = server.login("officer.guanggu").await;
        let body = parcel_body(&server, "producing").await;
        let send = || {
            officer
                .call(Method::PUT, "/api/v1/parcels/1")
                .header("if-match", "\"1\"")
                .header("idempotency-key", "op-7f3a9c1e-0001")
                .json(&body)
                .send()
        };
        let (first, second) = (send().await, send().await);
        assert_eq!((first.status, second.status), (StatusCode::OK, StatusCode::OK));
        assert_eq!(first.body, second.body);
        assert_eq!((first.etag(), second.etag()), ("\"2\"".to_string(), "\"2\"".to_string()));
        let now: Value = server.get_json("/api/v1/parcels/1", StatusCode::OK).await;
        assert_eq!(now["properties"]["version"], 2, "applied once");

        let reused = officer
            .call(Method::PUT, "/api/v1/parcels/2")
            .header("if-match", "\"1\"")
            .header("idempotency-key", "op-7f3a9c1e-0001")
            .json(&body)
            .send()
            .await;
        assert_eq!(reused.error(StatusCode::UNPROCESSABLE_ENTITY).0, "operation_id_reused");
    }
}

#[tokio::test]
async fn operation_ids_of_two_callers_never_meet() {
    let server = TestServer::with_demo_data().await;
    let officer = server.login("officer.guanggu").await;
    let admin = server.login("admin").await;
    let body = parcel_body(&server, "idle").await;
    for (session, version, expected) in [(&officer, "\"1\"", "\"2\""), (&admin, "\"2\"", "\"3\"")] {
        let response = session
            .call(Method::PUT, "/api/v1/parcels/1")
            .header("if-match", version)
            .header("idempotency-key", "shared-operation-id")
            .json(&body)
            .send()
            .await;
        assert_eq!(response.etag(), expected, "each caller's operation is its own");
    }
}

#[tokio::test]
async fn the_change_feed_pages_through_everything_then_reports_only_what_changed() {
    for server in TestServer::each_backend().await {
        let mut cursor = 0;
        let mut seen = BTreeMap::new();
        loop {
            let page: ChangePage =
                server.get_json(&format!("/api/v1/changes?since={cursor}&limit=150"), StatusCode::OK).await;
            for change in &page.changes {
                *seen.entry(change.kind).or_insert(0) += 1;
            }
            assert!(page.changes.iter().all(|c| !c.deleted && c.data.is_some()));
            cursor = page.next;
            if !page.more {
                break;
            }
        }
        let public_demo_records = BTreeMap::from([
            (ChangeKind::Park, 3),
            (ChangeKind::Parcel, 609),
            (ChangeKind::Enterprise, 300),
            (ChangeKind::Certificate, 397),
            (ChangeKind::Profile, 5),
        ]);
        assert_eq!(seen, public_demo_records, "every public record once, nothing scoped");
        let quiet: ChangePage = server.get_json(&format!("/api/v1/changes?since={cursor}"), StatusCode::OK).await;
        assert!(quiet.changes.is_empty() && !quiet.more && quiet.next == cursor);

        let officer = server.login("officer.guanggu").await;
        let body = parcel_body(&server, "idle").await;
        officer.call(Method::PUT, "/api/v1/parcels/1").header("if-match", "\"1\"").json(&body).send().await;
        let deleted = officer.call(Method::DELETE, "/api/v1/parcels/2").header("if-match", "\"1\"").send().await;
        assert_eq!(deleted.status, StatusCode::NO_CONTENT);

        let page: ChangePage = server.get_json(&format!("/api/v1/changes?since={cursor}"), StatusCode::OK).await;
        let summary: Vec<(i64, i64, bool)> = page.changes.iter().map(|c| (c.id, c.version, c.deleted)).collect();
        assert_eq!(summary, [(1, 2, false), (2, 2, true)]);
        assert_eq!(page.changes[0].data.as_ref().unwrap()["properties"]["status"], "idle");
        assert_eq!(server.get("/api/v1/parcels/2").await.0, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn bad_cursors_are_400s() {
    let server = TestServer::with_demo_data().await;
    for (query, field) in [("since=-1", "since"), ("since=abc", "since"), ("limit=0", "limit"), ("limit=5000", "limit")]
    {
        let response = server.call(Method::GET, &format!("/api/v1/changes?{query}")).send().await;
        assert_eq!(
            response.error(StatusCode::BAD_REQUEST),
            ("invalid_parameter".into(), Some(field.into())),
            "{query}"
        );
    }
}

mod bad_bodies {
    use super::*;

    async fn put(server: &TestServer, content_type: &str, body: Vec<u8>) -> crate::support::Answer {
        let officer = server.login("officer.guanggu").await;
        officer.call(Method::PUT, "/api/v1/parcels/1").header("if-match", "\"1\"").raw(content_type, body).send().await
    }

    #[tokio::test]
    async fn each_kind_of_bad_body_gets_its_own_status_and_field() {
        let server = TestServer::with_demo_data().await;
        let good = parcel_body(&server, "idle").await;
        let with = |pointer: &str, value: Value| {
            let mut body = good.clone();
            *body.pointer_mut(pointer).unwrap() = value;
            serde_json::to_vec(&body).unwrap()
        };
        let mut unknown = good.clone();
        unknown["colour"] = json!("red");
        let open_ring = json!({ "type": "Polygon", "coordinates": [[[114.5, 30.5], [114.51, 30.5], [114.51, 30.51]]] });
        let huge =
            json!({ "type": "Polygon", "coordinates": [[[114.0, 30.0], [115.0, 30.0], [115.0, 31.0], [114.0, 30.0]]] });
        type Case = (&'static str, Vec<u8>, StatusCode, &'static str, Option<&'static str>);
        let cases: [Case; 8] = [
            (
                "text/plain",
                serde_json::to_vec(&good).unwrap(),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                Some("Content-Type"),
            ),
            ("application/json", b"{\"code\": ".to_vec(), StatusCode::BAD_REQUEST, "malformed_json", None),
            (
                "application/json",
                serde_json::to_vec(&unknown).unwrap(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("colour"),
            ),
            (
                "application/json",
                with("/status", json!("sold")),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("status"),
            ),
            (
                "application/json",
                with("/geometry", open_ring),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("geometry"),
            ),
            (
                "application/json",
                with("/geometry", huge),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("geometry"),
            ),
            (
                "application/json",
                with("/code", json!("GX 001")),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("code"),
            ),
            (
                "application/json",
                with(
                    "/details",
                    json!({ "development": { "land_area_m2": -5.0, "storeys": [],
                "building_footprint_m2": 1.0, "green_area_m2": 0.0, "fixed_asset_investment_wan_yuan": 1.0,
                "annual_output_wan_yuan": 1.0, "annual_tax_wan_yuan": 1.0 } }),
                ),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("details.development"),
            ),
        ];
        for (content_type, body, status, code, field) in cases {
            let response = put(&server, content_type, body).await;
            assert_eq!(response.error(status), (code.to_string(), field.map(String::from)), "{}", response.text());
        }
        let unchanged: Value = server.get_json("/api/v1/parcels/1", StatusCode::OK).await;
        assert_eq!(unchanged["properties"]["version"], 1, "nothing was written");
    }

    #[tokio::test]
    async fn a_body_over_one_mebibyte_is_a_json_413() {
        let server = TestServer::with_demo_data().await;
        let response = put(&server, "application/json", vec![b' '; 1024 * 1024 + 1]).await;
        assert_eq!(response.error(StatusCode::PAYLOAD_TOO_LARGE).0, "payload_too_large");
    }

    #[tokio::test]
    async fn a_duplicate_parcel_code_is_a_409() {
        let server = TestServer::with_demo_data().await;
        let second: Value = server.get_json("/api/v1/parcels/2", StatusCode::OK).await;
        let mut body = parcel_body(&server, "idle").await;
        body["code"] = second["properties"]["code"].clone();
        let response = put(&server, "application/json", serde_json::to_vec(&body).unwrap()).await;
        assert_eq!(response.error(StatusCode::CONFLICT), ("conflict".into(), Some("code".into())));
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint() {
    let server = TestServer::with_demo_data().await;
    let document: Value = server.get_json("/api/v1/openapi.json", StatusCode::OK).await;
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    let paths = document["paths"].as_object().unwrap();
    for (path, method) in [
        ("/parks", "get"),
        ("/parks/{id}", "put"),
        ("/parcels", "get"),
        ("/parcels/{id}", "delete"),
        ("/session", "post"),
        ("/changes", "get"),
        ("/users", "post"),
    ] {
        assert!(paths.get(path).and_then(|p| p.get(method)).is_some(), "{method} {path} is missing");
    }
}
