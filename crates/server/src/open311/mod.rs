//! Open311 GeoReport v2 (<http://wiki.open311.org/GeoReport_v2>) at `/open311/v2`, beside
//! the JSON API: other systems (a 12345 hotline, a city portal) file and follow service
//! requests with the standard's field names, in JSON or XML by the path's extension.
//!
//! - `GET discovery.{json,xml}`: the endpoint, its formats, how to get a key.
//! - `GET services.{json,xml}`: the request categories (spec §6), each with its time limit.
//! - `GET services/{service_code}.{json,xml}`: a category's 一次性告知 materials as
//!   attributes that only inform (`variable: false`, datatype `text`).
//! - `POST requests.{json,xml}`: files a request as the enterprise account of `api_key`
//!   (form parameters; `Idempotency-Key` makes a retry safe). Answers 201 with
//!   `[{service_request_id, service_notice, account_id}]`.
//! - `GET requests.{json,xml}`: requests filed in the last 90 days (or `start_date` to
//!   `end_date`, at most 90 days), newest first, at most 1,000; or `service_request_id`s.
//! - `GET requests/{service_request_id}.{json,xml}`: a list of one.
//! - `GET tokens/{token}.{json,xml}`: requests are filed at once, so a token is the
//!   request's id; this maps it back.
//!
//! Without `api_key`, reads show every request on its public side (service, status, dates,
//! the park); with an enterprise's key, that enterprise's requests in full and no other's
//! (`auth::Scope::open311_reach`). Errors are Open311's list of `{code, description}`, the
//! description naming the parameter; a body over 64 KiB is a 413 in the same form.
//! None of this is in the OpenAPI document: GeoReport v2 is its own standard.

mod filing;
mod format;
mod params;
mod representation;
mod requests;
mod services;

use axum::extract::DefaultBodyLimit;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use crate::AppState;
use format::{Format, Refusal};

/// The largest POST body: a 4,000-character description, percent-encoded, with room to spare.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The GeoReport v2 router, nested at `/open311/v2`.
pub fn router() -> Router<AppState> {
    let mut router = Router::new();
    for format in Format::ALL {
        let extension = format.extension();
        router = router
            .route(&format!("/discovery.{extension}"), get(services::discovery))
            .route(&format!("/services.{extension}"), get(services::list))
            .route(&format!("/requests.{extension}"), get(requests::list).post(requests::file));
    }
    router
        .route("/services/{file}", get(services::definition))
        .route("/requests/{file}", get(requests::one))
        .route("/tokens/{file}", get(requests::token))
        .fallback(no_such_resource)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

async fn no_such_resource(uri: axum::extract::OriginalUri) -> Response {
    let refusal = Refusal::not_found(format!(
        "no GeoReport v2 resource at {}; see discovery.json, services.json and requests.json",
        uri.path()
    ));
    refusal.in_format(Format::of_path(uri.path()))
}

async fn method_not_allowed(uri: axum::extract::OriginalUri) -> Response {
    let refusal = Refusal {
        status: StatusCode::METHOD_NOT_ALLOWED,
        description: format!("{} is read with GET; only requests.json and requests.xml take a POST", uri.path()),
    };
    refusal.in_format(Format::of_path(uri.path()))
}

/// 413 as an Open311 error, for a body the server's own limit refused before it reached
/// this router.
pub fn payload_too_large(uri: &Uri) -> Response {
    requests::too_large().in_format(Format::of_path(uri.path()))
}
