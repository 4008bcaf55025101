//! A test server over a fresh database holding the demo dataset, driven without a
//! socket, and a small request builder with a signed-in session.

use std::path::Path;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use parkatlas_core::wire::{ChangePage, ErrorBody};
use parkatlas_server::config::Tiles;
use parkatlas_server::demo::accounts::DEMO_PASSWORD;
use parkatlas_server::store::Store;
use parkatlas_server::{app, demo, AppState};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tower::ServiceExt;

pub struct TestServer {
    pub dir: tempfile::TempDir,
    pub router: axum::Router,
    /// The database behind the router, for running the `parkatlas` binary on it.
    pub database_url: String,
}

impl TestServer {
    /// One server per available backend: SQLite always, PostgreSQL when the test command started it.
    pub async fn each_backend() -> Vec<TestServer> {
        let mut servers = vec![TestServer::over(None).await];
        if let Some(admin_url) = postgres_admin_url() {
            servers.push(TestServer::over(Some(&admin_url)).await);
        }
        servers
    }

    /// A server over a fresh SQLite file, or over a fresh database on the PostgreSQL server at `postgres`.
    pub async fn over(postgres: Option<&str>) -> TestServer {
        TestServer::with_state(postgres, |state| state).await
    }

    /// As [`TestServer::over`], with the application state adjusted (rate limits, say).
    pub async fn with_state(postgres: Option<&str>, adjust: impl FnOnce(AppState) -> AppState) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let url = match postgres {
            Some(admin_url) => demo_postgres_database(admin_url).await,
            None => {
                std::fs::copy(demo_sqlite_file().await, dir.path().join("parkatlas.db")).unwrap();
                database_url(dir.path())
            }
        };
        TestServer::serving(dir, url, adjust).await
    }

    /// A server over a fresh SQLite file that holds no data.
    pub async fn empty() -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let url = database_url(dir.path());
        TestServer::serving(dir, url, |state| state).await
    }

    /// The router over the database at `url`, serving a stand-in SPA from `dir`.
    async fn serving(dir: tempfile::TempDir, url: String, adjust: impl FnOnce(AppState) -> AppState) -> TestServer {
        let store = Store::open(&url).await.unwrap();
        std::fs::write(dir.path().join("index.html"), "<!doctype html><title>parkatlas</title>").unwrap();
        let router = app(adjust(AppState::new(store, Tiles::default())), dir.path());
        TestServer { dir, router, database_url: url }
    }

    pub async fn with_demo_data() -> TestServer {
        TestServer::over(None).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Vec<u8>) {
        let response = self.call(Method::GET, path).send().await;
        (response.status, response.body)
    }

    pub async fn get_json<T: DeserializeOwned>(&self, path: &str, expected: StatusCode) -> T {
        self.call(Method::GET, path).send().await.json(expected)
    }

    /// The cursor after everything in the change feed the public may see.
    pub async fn feed_end(&self) -> i64 {
        let mut cursor = 0;
        loop {
            let page: ChangePage =
                self.get_json(&format!("/api/v1/changes?since={cursor}&limit=1000"), StatusCode::OK).await;
            cursor = page.next;
            if !page.more {
                return cursor;
            }
        }
    }

    /// A request as the public sends it.
    pub fn call(&self, method: Method, path: &str) -> Call<'_> {
        Call { server: self, request: Request::builder().method(method).uri(path), body: Body::empty() }
    }

    /// Signs in as a demo account.
    pub async fn login(&self, username: &str) -> Session<'_> {
        let response = self
            .call(Method::POST, "/api/v1/session")
            .json(&serde_json::json!({ "username": username, "password": DEMO_PASSWORD }))
            .send()
            .await;
        let cookie = response.headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
        let info: Value = response.json(StatusCode::CREATED);
        Session { server: self, cookie, csrf: info["csrf_token"].as_str().unwrap().to_string() }
    }
}

/// A signed-in caller: its requests carry the session cookie and the CSRF token.
pub struct Session<'a> {
    pub server: &'a TestServer,
    pub cookie: String,
    pub csrf: String,
}

impl Session<'_> {
    pub fn call(&self, method: Method, path: &str) -> Call<'_> {
        self.server.call(method, path).header("cookie", &self.cookie).header("x-csrf-token", &self.csrf)
    }
}

pub struct Call<'a> {
    server: &'a TestServer,
    request: axum::http::request::Builder,
    body: Body,
}

impl Call<'_> {
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.request = self.request.header(name, value);
        self
    }

    pub fn json(mut self, body: &impl serde::Serialize) -> Self {
        self.request = self.request.header("content-type", "application/json");
        self.body = Body::from(serde_json::to_vec(body).unwrap());
        self
    }

    pub fn raw(mut self, content_type: &str, body: impl Into<Body>) -> Self {
        self.request = self.request.header("content-type", content_type);
        self.body = body.into();
        self
    }

    pub async fn send(self) -> Answer {
        let response = self.server.router.clone().oneshot(self.request.body(self.body).unwrap()).await.unwrap();
        let (status, headers) = (response.status(), response.headers().clone());
        Answer { status, headers, body: response.into_body().collect().await.unwrap().to_bytes().to_vec() }
    }
}

/// A response, read in full.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as `T`, after checking the status.
    pub fn json<T: DeserializeOwned>(&self, expected: StatusCode) -> T {
        assert_eq!(self.status, expected, "{}", self.text());
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }

    /// The error's `(code, field)`, after checking the status.
    pub fn error(&self, expected: StatusCode) -> (String, Option<String>) {
        let body: ErrorBody = self.json(expected);
        (body.error.code, body.error.field)
    }

    pub fn etag(&self) -> String {
        self.headers["etag"].to_str().unwrap().to_string()
    }
}

/// A SQLite file holding the demo dataset, made once per test run: loading it for every
/// test would cost more than the tests.
async fn demo_sqlite_file() -> &'static Path {
    static TEMPLATE: tokio::sync::OnceCell<tempfile::TempDir> = tokio::sync::OnceCell::const_new();
    let dir = TEMPLATE
        .get_or_init(|| async {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(&database_url(dir.path())).await.unwrap();
            demo::load(&store).await.unwrap();
            store.close().await.unwrap();
            dir
        })
        .await;
    Box::leak(dir.path().join("parkatlas.db").into_boxed_path())
}

/// A fresh PostgreSQL database holding the demo dataset, copied from a template database
/// loaded once per test run.
async fn demo_postgres_database(admin_url: &str) -> String {
    use sqlx::{Connection, Executor};
    static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    let template = TEMPLATE
        .get_or_init(|| async {
            let url = fresh_postgres_database(admin_url).await;
            let store = Store::open(&url).await.unwrap();
            demo::load(&store).await.unwrap();
            store.close().await.unwrap();
            url.rsplit_once('/').unwrap().1.to_string()
        })
        .await;
    let name = unique_database_name();
    let mut admin = sqlx::PgConnection::connect(admin_url).await.expect("the test PostgreSQL server answers");
    admin.execute(format!("CREATE DATABASE {name} TEMPLATE {template}").as_str()).await.unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

fn unique_database_name() -> String {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    format!("parkatlas_test_{}_{}", std::process::id(), NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// The PostgreSQL server the test command started (`PARKATLAS_TEST_POSTGRES`). Without
/// one, the PostgreSQL half of a test is skipped, loudly; under `CI=true` it fails instead,
/// so that a run cannot pass by testing one backend.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("PARKATLAS_TEST_POSTGRES") {
        Ok(url) => Some(url),
        Err(_) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("CI=true but PARKATLAS_TEST_POSTGRES is not set: the PostgreSQL half of the tests cannot run")
        }
        Err(_) => {
            eprintln!("PARKATLAS_TEST_POSTGRES is not set: the PostgreSQL half of this test was SKIPPED");
            None
        }
    }
}

pub fn database_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("parkatlas.db").display())
}

/// Creates an empty database, unique to this test, on the server `admin_url` points at.
pub async fn fresh_postgres_database(admin_url: &str) -> String {
    use sqlx::{Connection, Executor};
    let name = unique_database_name();
    let mut admin = sqlx::PgConnection::connect(admin_url).await.expect("the test PostgreSQL server answers");
    admin.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}
