//! parkatlas-server: the JSON API, its storage, and the `parkatlas` command line.
//!
//! - [`app`] builds the whole HTTP service (API under `/api/v1`, Open311 GeoReport v2
//!   under `/open311/v2`, the built SPA for every other path) so that tests drive it
//!   without a socket.
//! - [`serve`] opens the database, optionally loads the demo dataset, and listens.
//! - [`store`] owns every SQL statement; [`auth`] decides who may do what;
//!   [`demo`] generates the synthetic dataset.
//! - [`batch`] holds the offline commands: `evaluate` and `tiers`.

pub mod admin;
pub mod api;
pub mod auth;
pub mod batch;
pub mod config;
pub mod demo;
pub mod error;
pub mod open311;
pub mod store;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use axum::extract::State;
use axum::http::{header, HeaderValue, Request};
use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::auth::limits::RateLimits;
use crate::config::{ServeArgs, Tiles};
use crate::error::ApiError;
use crate::store::Store;

/// What every request handler may use.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub tiles: Tiles,
    pub limits: Arc<RateLimits>,
    /// Mark the session cookie `Secure` (sent over HTTPS only; browsers also accept it on localhost).
    pub secure_cookies: bool,
}

impl AppState {
    /// A state with the production rate limits and secure cookies.
    pub fn new(store: Store, tiles: Tiles) -> AppState {
        AppState { store, tiles, limits: Arc::new(RateLimits::production()), secure_cookies: true }
    }
}

/// Request bodies above this size are refused with 413 before a handler runs.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The whole HTTP service: the API, the health check, and the SPA from `static_dir`.
pub fn app(state: AppState, static_dir: &Path) -> Router {
    // Two apps: the public atlas at the root, the signed-in app under /app/ (built apart so
    // that a visit to the atlas downloads none of it; ARCHITECTURE.md says why).
    let spa = Router::new()
        .nest_service("/app", single_page_app(&static_dir.join("app")))
        .fallback_service(single_page_app(static_dir))
        .layer(axum::middleware::map_response(cache_policy));
    Router::new()
        // Answers depend on who asks: a cache must not hand one caller's answer to another.
        .nest(
            "/api/v1",
            api::router().layer(SetResponseHeaderLayer::appending(header::VARY, HeaderValue::from_static("cookie"))),
        )
        .nest("/open311/v2", open311::router())
        .route("/healthz", get(healthz))
        .merge(spa)
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // Outside the limit, so that it also sees the 413 the limit answers by itself.
        .layer(axum::middleware::map_response(payload_too_large))
        .layer(CompressionLayer::new())
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", id, method = %request.method(), path = %request.uri().path())
        }))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// The files of one built SPA in `dir`. Unknown paths get its index.html, so that the
/// app's own routes survive a reload. The build leaves `.br` and `.gz` copies beside each
/// file (scripts/precompress.mjs): compressed once at the highest level rather than on
/// every request at a fast one.
fn single_page_app(dir: &Path) -> ServeDir<ServeFile> {
    let index = ServeFile::new(dir.join("index.html")).precompressed_br().precompressed_gzip();
    ServeDir::new(dir).precompressed_br().precompressed_gzip().fallback(index)
}

/// The body limit answers 413 in plain text; the API promises JSON errors everywhere, and
/// Open311 its own error list. A 413 a handler already wrote passes as it is.
async fn payload_too_large(uri: axum::http::Uri, response: axum::response::Response) -> axum::response::Response {
    let content_type = response.headers().get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let written = content_type.is_some_and(|v| v.starts_with("application/json") || v.starts_with("text/xml"));
    if response.status() != axum::http::StatusCode::PAYLOAD_TOO_LARGE || written {
        return response;
    }
    if uri.path().starts_with("/open311/") {
        return open311::payload_too_large(&uri);
    }
    axum::response::IntoResponse::into_response(ApiError::PayloadTooLarge(MAX_BODY_BYTES))
}

/// Trunk names every asset after a hash of its content (`main-89b14aac6850720c.css`),
/// so a phone may keep those for a year; everything else, index.html above all, is
/// revalidated so that a new release reaches officials at once.
async fn cache_policy(
    request_path: axum::extract::OriginalUri,
    mut response: axum::response::Response,
) -> axum::response::Response {
    let policy =
        if is_content_hashed(request_path.path()) { "public, max-age=31536000, immutable" } else { "no-cache" };
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static(policy));
    response
}

/// True for names like `/parkatlas-web-6f235db6c22cacf7_bg.wasm`: a dash, the hash in hex, then the extension.
/// Trunk writes the 64-bit hash without leading zeros, so it has 13 to 16 digits (rarely fewer).
fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default().trim_end_matches("_bg");
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| (13..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

async fn healthz(State(state): State<AppState>) -> Result<&'static str, ApiError> {
    state.store.is_empty().await?;
    Ok("ok")
}

/// Runs `parkatlas serve` until Ctrl-C or SIGTERM, finishing requests in flight.
pub async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let tiles = args.tiles()?;
    let store = Store::open(&args.database_url).await?;
    if args.demo && store.is_empty().await? {
        demo::load(&store).await.context("cannot load the demo dataset")?;
        tracing::info!("loaded the demo dataset into {}", args.database_url);
    }
    if !args.static_dir.join("index.html").is_file() {
        tracing::warn!(
            "{} has no index.html: the API works, the map does not; build the SPA with `make run`",
            args.static_dir.display()
        );
    }
    let listener = tokio::net::TcpListener::bind((args.bind, args.port))
        .await
        .with_context(|| format!("cannot listen on {}:{}", args.bind, args.port))?;
    let address = listener.local_addr()?;
    println!("parkatlas is running at http://{address}/  (Ctrl-C stops it)");
    let state = AppState { secure_cookies: !args.insecure_cookies, ..AppState::new(store.clone(), tiles) };
    // Connection addresses feed the rate limits on login and anonymous inquiries.
    let service = app(state, &args.static_dir).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service).with_graceful_shutdown(shutdown_signal()).await?;
    store.close().await.context("cannot close the database cleanly")?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
