//! Signing in and out, the session cookie, CSRF tokens and the login rate limit.

use std::num::NonZeroU32;
use std::time::Duration;

use axum::http::{Method, StatusCode};
use parkatlas_server::auth::limits::{Allowance, RateLimits};
use serde_json::{json, Value};

use crate::support::TestServer;

#[tokio::test]
async fn login_sets_an_httponly_strict_cookie_and_returns_the_csrf_token() {
    for server in TestServer::each_backend().await {
        let response = server
            .call(Method::POST, "/api/v1/session")
            .json(&json!({ "username": "officer.guanggu", "password": "parkatlas-demo" }))
            .send()
            .await;
        let cookie = response.headers["set-cookie"].to_str().unwrap().to_string();
        let info: Value = response.json(StatusCode::CREATED);
        assert!(cookie.starts_with("parkatlas_session="), "{cookie}");
        for attribute in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
            assert!(cookie.contains(attribute), "{attribute} missing from {cookie}");
        }
        assert_eq!(info["user"]["role"], "officer");
        assert_eq!(info["user"]["park_ids"], json!([1]));
        assert_eq!(info["csrf_token"].as_str().unwrap().len(), 64);
        assert!(info["user"].get("password_hash").is_none());
    }
}

#[tokio::test]
async fn the_session_token_is_stored_only_as_its_hash() {
    let server = TestServer::with_demo_data().await;
    let session = server.login("admin").await;
    let token = session.cookie.split_once('=').unwrap().1;
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_all(&sqlx::SqlitePool::connect(&crate::support::database_url(server.dir.path())).await.unwrap())
        .await
        .unwrap();
    assert_eq!(stored, [parkatlas_server::auth::token::digest(token)]);
}

#[tokio::test]
async fn wrong_passwords_and_unknown_users_get_the_same_401() {
    let server = TestServer::with_demo_data().await;
    for (username, password) in [("admin", "wrong password"), ("nobody", "parkatlas-demo")] {
        let response = server
            .call(Method::POST, "/api/v1/session")
            .json(&json!({ "username": username, "password": password }))
            .send()
            .await;
        assert_eq!(response.error(StatusCode::UNAUTHORIZED), ("bad_credentials".into(), None));
        assert!(response.headers.get("set-cookie").is_none());
    }
}

#[tokio::test]
async fn session_shows_the_caller_and_logout_ends_it() {
    let server = TestServer::with_demo_data().await;
    let session = server.login("enterprise.a").await;
    let me: Value = session.call(Method::GET, "/api/v1/session").send().await.json(StatusCode::OK);
    assert_eq!(
        (me["user"]["username"].as_str(), me["user"]["enterprise_id"].as_i64()),
        (Some("enterprise.a"), Some(1))
    );

    let out = session.call(Method::DELETE, "/api/v1/session").send().await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.headers["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    let after = session.call(Method::GET, "/api/v1/session").send().await;
    assert_eq!(after.error(StatusCode::UNAUTHORIZED).0, "login_required");
}

#[tokio::test]
async fn a_state_changing_request_without_the_csrf_token_is_refused() {
    let server = TestServer::with_demo_data().await;
    let session = server.login("admin").await;
    let without = server.call(Method::DELETE, "/api/v1/session").header("cookie", &session.cookie).send().await;
    assert_eq!(without.error(StatusCode::FORBIDDEN), ("csrf_token".into(), Some("X-CSRF-Token".into())));
    let wrong = server
        .call(Method::DELETE, "/api/v1/session")
        .header("cookie", &session.cookie)
        .header("x-csrf-token", &"0".repeat(64))
        .send()
        .await;
    assert_eq!(wrong.error(StatusCode::FORBIDDEN).0, "csrf_token");
    // Still signed in: the refused requests changed nothing.
    assert_eq!(session.call(Method::GET, "/api/v1/session").send().await.status, StatusCode::OK);
}

#[tokio::test]
async fn login_attempts_beyond_the_allowance_get_429_with_retry_after() {
    let three = Allowance { attempts: NonZeroU32::new(3).unwrap(), per: Duration::from_secs(60) };
    let server = TestServer::with_state(None, |state| parkatlas_server::AppState {
        limits: std::sync::Arc::new(RateLimits::new(three, three)),
        ..state
    })
    .await;
    let attempt = || {
        server.call(Method::POST, "/api/v1/session").json(&json!({ "username": "admin", "password": "guess" })).send()
    };
    for _ in 0..3 {
        assert_eq!(attempt().await.status, StatusCode::UNAUTHORIZED);
    }
    let refused = attempt().await;
    assert_eq!(refused.error(StatusCode::TOO_MANY_REQUESTS).0, "too_many_requests");
    let retry_after: u64 = refused.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=20).contains(&retry_after), "{retry_after}");
}

#[tokio::test]
async fn admins_create_accounts_that_can_sign_in_and_others_cannot() {
    let server = TestServer::with_demo_data().await;
    let new_user = json!({
        "username": "officer.new", "display_name": "新园区管理员", "password": "a long enough password",
        "role": "officer", "park_ids": [3]
    });
    let officer = server.login("officer.guanggu").await;
    let refused = officer.call(Method::POST, "/api/v1/users").json(&new_user).send().await;
    assert_eq!(refused.error(StatusCode::FORBIDDEN).0, "forbidden");

    let admin = server.login("admin").await;
    let created: Value =
        admin.call(Method::POST, "/api/v1/users").json(&new_user).send().await.json(StatusCode::CREATED);
    assert_eq!(created["park_ids"], json!([3]));
    let again = admin.call(Method::POST, "/api/v1/users").json(&new_user).send().await;
    assert_eq!(again.error(StatusCode::CONFLICT), ("conflict".into(), Some("username".into())));
    let weak = admin
        .call(Method::POST, "/api/v1/users")
        .json(&json!({ "username": "x.y", "display_name": "X",
        "password": "short", "role": "admin" }))
        .send()
        .await;
    assert_eq!(weak.error(StatusCode::UNPROCESSABLE_ENTITY), ("invalid_field".into(), Some("password".into())));

    let response = server
        .call(Method::POST, "/api/v1/session")
        .json(&json!({ "username": "officer.new", "password": "a long enough password" }))
        .send()
        .await;
    assert_eq!(response.status, StatusCode::CREATED);
    let users: Vec<Value> = admin.call(Method::GET, "/api/v1/users").send().await.json(StatusCode::OK);
    assert!(users.iter().any(|u| u["username"] == "officer.new"));
}

#[tokio::test]
async fn the_demo_accounts_are_offered_only_over_the_demo_data() {
    let server = TestServer::with_demo_data().await;
    let offered: Value = server.get_json("/api/v1/demo-accounts", StatusCode::OK).await;
    assert_eq!(offered["password"], "parkatlas-demo");
    let names: Vec<&str> =
        offered["accounts"].as_array().unwrap().iter().map(|a| a["username"].as_str().unwrap()).collect();
    assert_eq!(names, ["admin", "officer.guanggu", "officer.chegu", "enterprise.a", "enterprise.b"]);

    let empty = TestServer::empty().await;
    let offered: Value = empty.get_json("/api/v1/demo-accounts", StatusCode::OK).await;
    assert_eq!(offered, json!({ "accounts": [] }));
}
