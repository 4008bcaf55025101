//! The JSON API under `/api/v1`. Every endpoint is registered together with its OpenAPI
//! description (utoipa), so `GET /api/v1/openapi.json` always matches the code.
//!
//! Conventions shared by every endpoint:
//! - errors are [`parkatlas_core::wire::ErrorBody`] (see [`crate::error`]);
//! - bodies are JSON ([`body::JsonBody`]): 415, 400 or 422 naming the field;
//! - records carry a version: reads send it as `ETag`, updates need `If-Match`, and every
//!   write accepts an `Idempotency-Key` ([`sync`]);
//! - who may do what is decided by [`crate::auth::Caller`].

mod annual;
pub mod api_keys;
pub mod body;
mod certificates;
mod changes;
pub(crate) mod enterprises;
mod evaluations;
pub(crate) mod id;
mod inquiries;
mod land;
mod metadata;
pub(crate) mod parcels;
mod parks;
mod pool;
mod profiles;
mod records;
mod requests;
mod session;
pub mod sync;
pub mod users;

use axum::extract::{OriginalUri, State};
use axum::{Json, Router};
use parkatlas_core::wire::ClientConfig;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "parkatlas API", description = "园区一张图: parks, parcels, enterprises, evaluations and requests."),
    servers((url = "/api/v1")),
    tags(
        (name = "map", description = "Parks and parcels: public"),
        (name = "session", description = "Signing in and out"),
        (name = "users", description = "Accounts and the API keys of Open311 clients: city admins"),
        (name = "sync", description = "The change feed for offline clients"),
        (name = "enterprises", description = "Enterprises: public register; private facts, yearly figures and tiers for their own users, park officers and admins; certificates public"),
        (name = "requests", description = "Service requests (企业诉求): their enterprise, its park's officers, admins"),
        (name = "inquiries", description = "Investment inquiries (招商咨询): sent by anyone, read by the park's officers"),
        (name = "evaluations", description = "亩均 scoring profiles and evaluation runs: summaries public, results private"),
    )
)]
struct ApiDoc;

/// The API router and its OpenAPI document, built from the same registrations.
pub fn router() -> Router<AppState> {
    let (router, document) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(config))
        .routes(routes!(parks::list, parks::create))
        .routes(routes!(parks::get, parks::replace))
        .routes(routes!(parks::parcels, parcels::create))
        .routes(routes!(parcels::import))
        .routes(routes!(parks::statistics))
        .routes(routes!(pool::tier_profiles))
        .routes(routes!(land::search))
        .routes(routes!(parcels::in_view))
        .routes(routes!(parcels::get, parcels::replace, parcels::delete))
        .routes(routes!(session::current, session::login, session::logout))
        .routes(routes!(session::demo_accounts))
        .routes(routes!(users::list, users::create))
        .routes(routes!(api_keys::list, api_keys::create))
        .routes(routes!(api_keys::delete))
        .routes(routes!(changes::since))
        .routes(routes!(enterprises::list, enterprises::create))
        .routes(routes!(enterprises::get, enterprises::replace))
        .routes(routes!(enterprises::tiers))
        .routes(routes!(enterprises::parcels))
        .routes(routes!(annual::list))
        .routes(routes!(annual::put))
        .routes(routes!(certificates::list, certificates::create))
        .routes(routes!(certificates::delete))
        .routes(routes!(profiles::list, profiles::create))
        .routes(routes!(profiles::get, profiles::replace))
        .routes(routes!(evaluations::list, evaluations::create))
        .routes(routes!(evaluations::get))
        .routes(routes!(evaluations::results))
        .routes(routes!(evaluations::inputs))
        .routes(routes!(requests::list, requests::create))
        .routes(routes!(requests::get))
        .routes(routes!(requests::act))
        .routes(routes!(requests::attach))
        .routes(routes!(requests::download))
        .routes(routes!(inquiries::list, inquiries::create))
        .routes(routes!(inquiries::get, inquiries::update))
        .split_for_parts();
    let document = std::sync::Arc::new(document);
    router
        .route("/openapi.json", axum::routing::get(move || async move { Json(document.as_ref().clone()) }))
        .fallback(no_such_endpoint)
}

/// What the SPA needs to know about this deployment.
#[utoipa::path(get, path = "/config", tag = "map", responses((status = 200, body = ClientConfig)))]
async fn config(State(state): State<AppState>) -> Result<Json<ClientConfig>, ApiError> {
    Ok(Json(ClientConfig {
        tiles: state.tiles.start,
        tianditu_key: state.tiles.tianditu_key.clone(),
        demo_data: state.store.holds_demo_data().await?,
        version: env!("CARGO_PKG_VERSION").to_string(),
    }))
}

/// `OriginalUri`, because inside `nest` the path has lost its `/api/v1` prefix.
async fn no_such_endpoint(OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::NoSuchEndpoint(uri.path().to_string())
}
