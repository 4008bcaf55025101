//! Enterprises, their yearly figures, certificates and tiers: who sees the private part
//! (never the public, never another enterprise), editing under If-Match, and the tier
//! assessment of an enterprise built here from facts, figures and a certificate.
//!
//! The enterprises are made through the API with names and credit codes of their own, so
//! that the tests hold whatever the demo dataset contains.

use axum::http::{Method, StatusCode};
use parkatlas_core::registry::CreditCode;
use parkatlas_core::wire::{ChangeKind, ChangePage, ErrorBody};
use parkatlas_server::demo::accounts::DEMO_PASSWORD;
use serde_json::{json, Value};

use crate::support::{Answer, Session, TestServer};

/// Every name made here contains this, so that `?q=` finds exactly them.
const MARK: &str = "梯队测试";

/// An enterprise body in park `park_id`; `n` makes its credit code and name unique.
pub(crate) fn body(park_id: i64, n: u32) -> Value {
    let code = CreditCode::with_check_character(&format!("91420100MA7E{n:05}")).unwrap();
    json!({
        "park_id": park_id, "credit_code": code, "name": format!("{MARK}企业{n}（演示）"), "industry_code": "C3670",
        "size_class": "medium", "cohort": "above_scale",
        "public": { "address": "光谷大道1号", "main_products": ["激光器"] },
        "private": { "contact_name": "张演示", "contact_phone": "13800000001",
                     "tier_facts": { "staff_count": 100, "total_assets_wan_yuan": 5000.0 } }
    })
}

/// One year of figures: 营业收入 3000 万, 主营 2800 万, R&D 100 万, tax 350 万 on 20 亩.
pub(crate) fn figures(tax: f64) -> Value {
    json!({
        "efficiency": { "land_area_mu": 20.0, "tax_wan_yuan": tax, "revenue_wan_yuan": 3000.0, "energy_tce": 800.0 },
        "accounts": { "revenue_wan_yuan": 3000.0, "main_business_revenue_wan_yuan": 2800.0, "rd_expense_wan_yuan": 100.0 }
    })
}

async fn create(session: &Session<'_>, body: &Value) -> i64 {
    let record: Value =
        session.call(Method::POST, "/api/v1/enterprises").json(body).send().await.json(StatusCode::CREATED);
    record["id"].as_i64().unwrap()
}

/// Creates a user of enterprise `enterprise_id` and signs in as it.
async fn user_of<'a>(server: &'a TestServer, admin: &Session<'_>, name: &str, enterprise_id: i64) -> Session<'a> {
    let user = json!({ "username": name, "display_name": name, "password": DEMO_PASSWORD, "role": "enterprise",
        "enterprise_id": enterprise_id });
    let created = admin.call(Method::POST, "/api/v1/users").json(&user).send().await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    server.login(name).await
}

/// Enterprise A in park 1 with a user, enterprise B in park 2 with a user, and A's 2024 figures.
struct World<'a> {
    a: i64,
    b: i64,
    admin: Session<'a>,
    user_a: Session<'a>,
    user_b: Session<'a>,
    officer_1: Session<'a>,
    officer_2: Session<'a>,
}

async fn world(server: &TestServer) -> World<'_> {
    let admin = server.login("admin").await;
    let a = create(&admin, &body(1, 1)).await;
    let b = create(&admin, &body(2, 2)).await;
    let user_a = user_of(server, &admin, "test.enterprise.a", a).await;
    let user_b = user_of(server, &admin, "test.enterprise.b", b).await;
    let path = format!("/api/v1/enterprises/{a}/annual-data/2024");
    let stored = user_a.call(Method::PUT, &path).json(&figures(350.0)).send().await;
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.text());
    let officer_1 = server.login("officer.guanggu").await;
    let officer_2 = server.login("officer.chegu").await;
    World { a, b, admin, user_a, user_b, officer_1, officer_2 }
}

#[tokio::test]
async fn the_public_and_other_enterprises_never_see_the_private_part_or_the_figures() {
    for server in TestServer::each_backend().await {
        let w = world(&server).await;
        let one = format!("/api/v1/enterprises/{}", w.a);
        let public = server.call(Method::GET, &one).send().await;
        assert_eq!((public.etag(), public.headers["vary"].to_str().unwrap()), ("\"1\"".into(), "cookie"));
        let text = public.text();
        let record: Value = public.json(StatusCode::OK);
        assert_eq!(
            (record["name"].as_str(), record["public"]["address"].as_str()),
            (Some("梯队测试企业1（演示）"), Some("光谷大道1号"))
        );
        assert!(record.get("private").is_none() && !text.contains("13800000001") && !text.contains("tier_facts"));

        for (who, session, sees) in [
            ("enterprise A", &w.user_a, true),
            ("enterprise B", &w.user_b, false),
            ("officer of park 1", &w.officer_1, true),
            ("officer of park 2", &w.officer_2, false),
            ("admin", &w.admin, true),
        ] {
            let record: Value = session.call(Method::GET, &one).send().await.json(StatusCode::OK);
            let phone = record.get("private").map(|p| p["contact_phone"].clone());
            assert_eq!(phone, sees.then(|| json!("13800000001")), "{who}");
        }

        let listed = format!("/api/v1/enterprises?q={}", urlencode(MARK));
        let everyone: Vec<Value> = server.get_json(&listed, StatusCode::OK).await;
        assert_eq!(everyone.iter().map(|e| e["id"].as_i64().unwrap()).collect::<Vec<_>>(), [w.a, w.b]);
        assert!(everyone.iter().all(|e| e.get("private").is_none()));
        let officer: Vec<Value> = w.officer_1.call(Method::GET, &listed).send().await.json(StatusCode::OK);
        let private: Vec<bool> = officer.iter().map(|e| e.get("private").is_some()).collect();
        assert_eq!(private, [true, false], "an officer sees the private part of its own park's enterprises only");
        let park_2: Vec<Value> = server.get_json(&format!("{listed}&park_id=2"), StatusCode::OK).await;
        assert_eq!(park_2.len(), 1);
        assert_eq!(park_2[0]["id"].as_i64(), Some(w.b));

        let annual = format!("/api/v1/enterprises/{}/annual-data", w.a);
        assert_eq!(server.call(Method::GET, &annual).send().await.error(StatusCode::UNAUTHORIZED).0, "login_required");
        for session in [&w.user_b, &w.officer_2] {
            let refused = session.call(Method::GET, &annual).send().await;
            assert!(!refused.text().contains("350"), "no figure in a refusal");
            assert_eq!(refused.error(StatusCode::FORBIDDEN).0, "forbidden");
        }
        for session in [&w.user_a, &w.officer_1, &w.admin] {
            let years: Vec<Value> = session.call(Method::GET, &annual).send().await.json(StatusCode::OK);
            assert_eq!(years.len(), 1);
            assert_eq!((years[0]["year"].as_i64(), years[0]["version"].as_i64()), (Some(2024), Some(1)));
            assert_eq!(years[0]["figures"]["efficiency"]["tax_wan_yuan"], 350.0);
        }
        let missing = server.call(Method::GET, "/api/v1/enterprises/999999/annual-data").send().await;
        assert_eq!(missing.error(StatusCode::NOT_FOUND), ("not_found".into(), Some("id".into())));
        assert_eq!(
            server.call(Method::GET, "/api/v1/enterprises/x").send().await.error(StatusCode::BAD_REQUEST).1.as_deref(),
            Some("id")
        );
        assert_eq!(
            server
                .call(Method::GET, "/api/v1/enterprises?park_id=one")
                .send()
                .await
                .error(StatusCode::BAD_REQUEST)
                .1
                .as_deref(),
            Some("park_id")
        );
    }
}

#[tokio::test]
async fn enterprises_are_registered_and_replaced_by_their_parks_officers() {
    for server in TestServer::each_backend().await {
        let (admin, officer_1, officer_2) =
            (server.login("admin").await, server.login("officer.guanggu").await, server.login("officer.chegu").await);
        assert_eq!(
            server
                .call(Method::POST, "/api/v1/enterprises")
                .json(&body(1, 10))
                .send()
                .await
                .error(StatusCode::UNAUTHORIZED)
                .0,
            "login_required"
        );
        assert_eq!(
            send(&officer_2, Method::POST, "/api/v1/enterprises", None, &body(1, 10))
                .await
                .error(StatusCode::FORBIDDEN)
                .0,
            "forbidden"
        );

        let created =
            officer_1.call(Method::POST, "/api/v1/enterprises").header("idempotency-key", "make-enterprise-10");
        let first = created.json(&body(1, 10)).send().await;
        let again = officer_1
            .call(Method::POST, "/api/v1/enterprises")
            .header("idempotency-key", "make-enterprise-10")
            .json(&body(1, 10))
            .send()
            .await;
        assert_eq!((first.status, first.etag()), (StatusCode::CREATED, "\"1\"".to_string()));
        assert_eq!(
            (again.status, &again.body),
            (StatusCode::CREATED, &first.body),
            "a replay answers as the first time"
        );
        let record: Value = first.json(StatusCode::CREATED);
        let id = record["id"].as_i64().unwrap();
        assert_eq!(
            (record["credit_code"].as_str(), record["industry_code"].as_str()),
            (Some(body(1, 10)["credit_code"].as_str().unwrap()), Some("C3670"))
        );
        let listed: Vec<Value> =
            server.get_json(&format!("/api/v1/enterprises?q={}", urlencode(MARK)), StatusCode::OK).await;
        assert_eq!(listed.len(), 1, "applied once");

        let mut bad_code = body(1, 11);
        let code = bad_code["credit_code"].as_str().unwrap().to_string();
        let wrong_check = if code.ends_with('0') { "1" } else { "0" };
        bad_code["credit_code"] = json!(format!("{}{wrong_check}", &code[..17]));
        let mut no_name = body(1, 11);
        no_name["name"] = json!("  ");
        let no_park = body(99, 11);
        let mut with_accounts = body(1, 11);
        with_accounts["private"]["tier_facts"]["accounts"] = json!([{ "year": 2024, "revenue_wan_yuan": 1.0 }]);
        for (bad, field) in [
            (bad_code, "credit_code"),
            (no_name, "name"),
            (no_park, "park_id"),
            (with_accounts, "private.tier_facts.accounts"),
        ] {
            let answer = send(&admin, Method::POST, "/api/v1/enterprises", None, &bad).await;
            assert_eq!(answer.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some(field));
        }
        let duplicate = send(&admin, Method::POST, "/api/v1/enterprises", None, &body(2, 10)).await;
        assert_eq!(duplicate.error(StatusCode::CONFLICT), ("conflict".into(), Some("credit_code".into())));

        let path = format!("/api/v1/enterprises/{id}");
        let mut renamed = body(1, 10);
        renamed["name"] = json!(format!("{MARK}更名企业（演示）"));
        assert_eq!(
            send(&officer_1, Method::PUT, &path, None, &renamed)
                .await
                .error(StatusCode::PRECONDITION_REQUIRED)
                .1
                .as_deref(),
            Some("If-Match")
        );
        assert_eq!(
            send(&officer_2, Method::PUT, &path, Some("\"1\""), &renamed).await.error(StatusCode::FORBIDDEN).0,
            "forbidden"
        );
        let replaced = send(&officer_1, Method::PUT, &path, Some("\"1\""), &renamed).await;
        assert_eq!(replaced.etag(), "\"2\"");
        let stale: ErrorBody = send(&officer_1, Method::PUT, &path, Some("\"1\""), &body(1, 10))
            .await
            .json(StatusCode::PRECONDITION_FAILED);
        let current = stale.current.unwrap();
        assert_eq!(
            (current["version"].as_i64(), current["name"].as_str()),
            (Some(2), Some("梯队测试更名企业（演示）"))
        );

        let mut moved = renamed.clone();
        moved["park_id"] = json!(2);
        assert_eq!(
            send(&officer_1, Method::PUT, &path, Some("\"2\""), &moved).await.error(StatusCode::FORBIDDEN).0,
            "forbidden"
        );
        let moved: Value = send(&admin, Method::PUT, &path, Some("\"2\""), &moved).await.json(StatusCode::OK);
        assert_eq!((moved["park_id"].as_i64(), moved["version"].as_i64()), (Some(2), Some(3)));
        let cached = server.call(Method::GET, &path).header("if-none-match", "\"3\"").send().await;
        assert_eq!(cached.status, StatusCode::NOT_MODIFIED);

        let missing = admin
            .call(Method::PUT, "/api/v1/enterprises/999999")
            .header("if-match", "\"1\"")
            .json(&renamed)
            .send()
            .await;
        assert_eq!(missing.error(StatusCode::NOT_FOUND).0, "not_found");
    }
}

#[tokio::test]
async fn a_year_is_created_without_if_match_and_replaced_only_with_it() {
    for server in TestServer::each_backend().await {
        let w = world(&server).await;
        let year = |y: &str| format!("/api/v1/enterprises/{}/annual-data/{y}", w.a);
        let stored = send(&w.user_a, Method::PUT, &year("2024"), None, &figures(400.0)).await;
        assert_eq!(stored.error(StatusCode::PRECONDITION_REQUIRED).1.as_deref(), Some("If-Match"));
        let replaced = send(&w.officer_1, Method::PUT, &year("2024"), Some("\"1\""), &figures(400.0)).await;
        assert_eq!(replaced.etag(), "\"2\"");
        let record: Value = replaced.json(StatusCode::OK);
        assert_eq!(
            (record["year"].as_i64(), record["figures"]["efficiency"]["tax_wan_yuan"].as_f64()),
            (Some(2024), Some(400.0))
        );
        let stale: ErrorBody = send(&w.user_a, Method::PUT, &year("2024"), Some("\"1\""), &figures(1.0))
            .await
            .json(StatusCode::PRECONDITION_FAILED);
        assert_eq!(stale.current.unwrap()["figures"]["efficiency"]["tax_wan_yuan"], 400.0);
        let never_stored = send(&w.user_a, Method::PUT, &year("2023"), Some("\"1\""), &figures(1.0)).await;
        assert_eq!(never_stored.error(StatusCode::PRECONDITION_FAILED).0, "version_mismatch");

        let send_2023 = || {
            w.user_a
                .call(Method::PUT, &year("2023"))
                .header("idempotency-key", "year-2023-first")
                .json(&figures(300.0))
                .send()
        };
        let (first, again) = (send_2023().await, send_2023().await);
        assert_eq!(
            (first.status, again.status, first.etag()),
            (StatusCode::CREATED, StatusCode::CREATED, "\"1\"".to_string())
        );
        assert_eq!(first.body, again.body);

        for (path, field) in
            [(year("1999"), "year"), (year("20x4"), "year"), ("/api/v1/enterprises/0/annual-data/2024".into(), "id")]
        {
            let answer = send(&w.user_a, Method::PUT, &path, None, &figures(1.0)).await;
            assert_eq!(answer.error(StatusCode::BAD_REQUEST).1.as_deref(), Some(field));
        }
        let mut negative = figures(1.0);
        negative["efficiency"]["land_area_mu"] = json!(-1.0);
        let answer = send(&w.user_a, Method::PUT, &year("2022"), None, &negative).await;
        assert_eq!(answer.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("efficiency.land_area_mu"));
        let mut unknown = figures(1.0);
        unknown["efficiency"]["profit"] = json!(1.0);
        let answer = send(&w.user_a, Method::PUT, &year("2022"), None, &unknown).await;
        assert_eq!(answer.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("efficiency.profit"));

        assert_eq!(
            server.call(Method::PUT, &year("2022")).json(&figures(1.0)).send().await.error(StatusCode::UNAUTHORIZED).0,
            "login_required"
        );
        for session in [&w.user_b, &w.officer_2] {
            assert_eq!(
                send(session, Method::PUT, &year("2022"), None, &figures(1.0)).await.error(StatusCode::FORBIDDEN).0,
                "forbidden"
            );
        }
        let missing =
            send(&w.admin, Method::PUT, "/api/v1/enterprises/999999/annual-data/2024", None, &figures(1.0)).await;
        assert_eq!(missing.error(StatusCode::NOT_FOUND).0, "not_found");
        let years: Vec<Value> = w
            .admin
            .call(Method::GET, &format!("/api/v1/enterprises/{}/annual-data", w.a))
            .send()
            .await
            .json(StatusCode::OK);
        let stored: Vec<(i64, i64)> =
            years.iter().map(|y| (y["year"].as_i64().unwrap(), y["version"].as_i64().unwrap())).collect();
        assert_eq!(stored, [(2023, 1), (2024, 2)], "refused writes changed nothing");
    }
}

#[tokio::test]
async fn certificates_are_public_and_withdrawn_by_the_parks_officers() {
    for server in TestServer::each_backend().await {
        let w = world(&server).await;
        let list = format!("/api/v1/enterprises/{}/certificates", w.a);
        let certificate = json!({
            "kind": "specialised_sme", "number": "鄂专精特新2024-017", "issued_on": "2024-07-01", "expires_on": "2027-06-30"
        });
        assert_eq!(
            server.call(Method::POST, &list).json(&certificate).send().await.error(StatusCode::UNAUTHORIZED).0,
            "login_required"
        );
        for session in [&w.user_a, &w.officer_2] {
            assert_eq!(
                session.call(Method::POST, &list).json(&certificate).send().await.error(StatusCode::FORBIDDEN).0,
                "forbidden"
            );
        }
        let mut backwards = certificate.clone();
        backwards["expires_on"] = json!("2023-06-30");
        let refused = w.officer_1.call(Method::POST, &list).json(&backwards).send().await;
        assert_eq!(refused.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("expires_on"));
        let mut unknown_kind = certificate.clone();
        unknown_kind["kind"] = json!("gold_medal");
        let refused = w.officer_1.call(Method::POST, &list).json(&unknown_kind).send().await;
        assert_eq!(refused.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("kind"));

        let added: Value =
            w.officer_1.call(Method::POST, &list).json(&certificate).send().await.json(StatusCode::CREATED);
        let id = added["id"].as_i64().unwrap();
        let public: Vec<Value> = server.get_json(&list, StatusCode::OK).await;
        assert_eq!(public.len(), 1);
        assert_eq!(
            (public[0]["kind"].as_str(), public[0]["expires_on"].as_str()),
            (Some("specialised_sme"), Some("2027-06-30"))
        );
        assert_eq!(
            server.call(Method::GET, "/api/v1/enterprises/999999/certificates").send().await.status,
            StatusCode::NOT_FOUND
        );

        let one = format!("/api/v1/certificates/{id}");
        assert_eq!(
            w.officer_1.call(Method::DELETE, &one).send().await.error(StatusCode::PRECONDITION_REQUIRED).0,
            "if_match_required"
        );
        assert_eq!(
            w.officer_2
                .call(Method::DELETE, &one)
                .header("if-match", "\"1\"")
                .send()
                .await
                .error(StatusCode::FORBIDDEN)
                .0,
            "forbidden"
        );
        let stale: ErrorBody = w
            .officer_1
            .call(Method::DELETE, &one)
            .header("if-match", "\"2\"")
            .send()
            .await
            .json(StatusCode::PRECONDITION_FAILED);
        assert_eq!(stale.current.unwrap()["number"], "鄂专精特新2024-017");
        let cursor = server.feed_end().await;
        let deleted = w.officer_1.call(Method::DELETE, &one).header("if-match", "\"1\"").send().await;
        assert_eq!(deleted.status, StatusCode::NO_CONTENT);
        assert!(server.get_json::<Vec<Value>>(&list, StatusCode::OK).await.is_empty());
        let gone = w.officer_1.call(Method::DELETE, &one).header("if-match", "\"1\"").send().await;
        assert_eq!(gone.error(StatusCode::NOT_FOUND).0, "not_found");
        let page: ChangePage = server.get_json(&format!("/api/v1/changes?since={cursor}"), StatusCode::OK).await;
        let tombstones: Vec<(ChangeKind, i64, i64, bool)> =
            page.changes.iter().map(|c| (c.kind, c.id, c.version, c.deleted)).collect();
        assert_eq!(tombstones, [(ChangeKind::Certificate, id, 2, true)]);
    }
}

#[tokio::test]
async fn tiers_are_assessed_from_stored_facts_figures_and_certificates() {
    for server in TestServer::each_backend().await {
        let w = world(&server).await;
        let tiers = format!("/api/v1/enterprises/{}/tiers", w.a);
        let on = format!("{tiers}?date=2025-06-01");
        let before: Value = w.user_a.call(Method::GET, &on).send().await.json(StatusCode::OK);
        assert_eq!((before["rule_version"].as_str(), before["highest_step"].as_str()), (Some("miit2022"), None));
        assert_eq!(before["next_step"], "tech_or_innovative_sme");

        let high_tech = json!({
            "kind": "high_tech", "number": "GR202442000123", "issued_on": "2024-01-01", "expires_on": "2026-12-31"
        });
        let list = format!("/api/v1/enterprises/{}/certificates", w.a);
        assert_eq!(w.officer_1.call(Method::POST, &list).json(&high_tech).send().await.status, StatusCode::CREATED);
        let after: Value = w.officer_1.call(Method::GET, &on).send().await.json(StatusCode::OK);
        assert_eq!(
            (after["evaluated_on"].as_str(), after["highest_step"].as_str()),
            (Some("2025-06-01"), Some("tech_or_innovative_sme"))
        );
        assert_eq!(after["side_labels"], json!(["high_tech"]));
        assert_eq!(after["next_step"], "specialised_sme");
        let tech_sme = &after["tiers"][0];
        assert_eq!(
            (tech_sme["tier"].as_str(), tech_sme["reached"].as_bool(), tech_sme["outcome"].as_str()),
            (Some("tech_sme"), Some(true), Some("met"))
        );
        let expired: Value =
            w.admin.call(Method::GET, &format!("{tiers}?date=2027-06-01")).send().await.json(StatusCode::OK);
        assert_eq!(expired["side_labels"], json!([]), "the certificate has expired by then");
        let today: Value = w.user_a.call(Method::GET, &tiers).send().await.json(StatusCode::OK);
        assert!(today["evaluated_on"].as_str().is_some_and(|d| d >= "2025-01-01"));

        for date in ["2022-07-31", "31/12/2024"] {
            let refused = w.user_a.call(Method::GET, &format!("{tiers}?date={date}")).send().await;
            assert_eq!(refused.error(StatusCode::BAD_REQUEST).1.as_deref(), Some("date"));
        }
        assert_eq!(server.call(Method::GET, &on).send().await.error(StatusCode::UNAUTHORIZED).0, "login_required");
        for session in [&w.user_b, &w.officer_2] {
            assert_eq!(session.call(Method::GET, &on).send().await.error(StatusCode::FORBIDDEN).0, "forbidden");
        }
        let missing = w.admin.call(Method::GET, "/api/v1/enterprises/999999/tiers").send().await;
        assert_eq!(missing.error(StatusCode::NOT_FOUND).0, "not_found");
    }
}

#[tokio::test]
async fn the_feed_carries_figures_only_to_their_enterprise_its_park_and_admins() {
    for server in TestServer::each_backend().await {
        let w = world(&server).await;
        let cursor = server.feed_end().await;
        let path = format!("/api/v1/enterprises/{}/annual-data/2025", w.a);
        assert_eq!(w.user_a.call(Method::PUT, &path).json(&figures(500.0)).send().await.status, StatusCode::CREATED);
        let mut renamed = body(1, 1);
        renamed["name"] = json!(format!("{MARK}企业1改（演示）"));
        let enterprise = format!("/api/v1/enterprises/{}", w.a);
        let renamed =
            w.officer_1.call(Method::PUT, &enterprise).header("if-match", "\"1\"").json(&renamed).send().await;
        assert_eq!(renamed.status, StatusCode::OK);

        let since = format!("/api/v1/changes?since={cursor}");
        let public: ChangePage = server.get_json(&since, StatusCode::OK).await;
        let sessions =
            [(&w.user_a, true), (&w.officer_1, true), (&w.admin, true), (&w.user_b, false), (&w.officer_2, false)];
        let mut pages = vec![(public, false)];
        for (session, sees) in sessions {
            pages.push((session.call(Method::GET, &since).send().await.json(StatusCode::OK), sees));
        }
        for (page, sees) in pages {
            let figures: Vec<&Value> = page
                .changes
                .iter()
                .filter(|c| c.kind == ChangeKind::AnnualData)
                .filter_map(|c| c.data.as_ref())
                .collect();
            let expected: Vec<Value> = if sees { vec![json!(500.0)] } else { vec![] };
            assert_eq!(
                figures.iter().map(|f| f["figures"]["efficiency"]["tax_wan_yuan"].clone()).collect::<Vec<_>>(),
                expected
            );
            let record = page
                .changes
                .iter()
                .find(|c| c.kind == ChangeKind::Enterprise && c.id == w.a)
                .and_then(|c| c.data.as_ref())
                .unwrap();
            assert_eq!(record["version"], 2);
            assert_eq!(record.get("private").is_some(), sees, "the enterprise's private part follows the same rule");
            assert!(!serde_json::to_string(&page).unwrap().contains("13800000001") || sees);
        }
    }
}

/// A request with a JSON body, and with `If-Match` when `version` is given.
async fn send(session: &Session<'_>, method: Method, path: &str, version: Option<&str>, body: &Value) -> Answer {
    let call = session.call(method, path).json(body);
    match version {
        Some(version) => call.header("if-match", version).send().await,
        None => call.send().await,
    }
}

/// Percent-encodes a query value (the names are Chinese).
pub(crate) fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[tokio::test]
async fn an_enterprises_parcels_are_those_it_occupies() {
    for server in TestServer::each_backend().await {
        let parcels: Vec<Value> = server.get_json("/api/v1/enterprises/1/parcels", StatusCode::OK).await;
        assert!(!parcels.is_empty(), "the demo enterprise 1 uses land");
        for parcel in &parcels {
            assert_eq!(parcel["properties"]["details"]["occupant_id"], 1, "{parcel}");
            assert_eq!(parcel["geometry"]["type"], "Polygon");
        }
        let (status, _) = server.get("/api/v1/enterprises/999999/parcels").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}
