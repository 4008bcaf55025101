//! The titles and honours an enterprise holds (专精特新, 小巨人, 高企 …): public, since
//! they are published honours; added and withdrawn by its park's officers and city admins.
//!
//! - `GET /enterprises/{id}/certificates`: everyone.
//! - `POST /enterprises/{id}/certificates`: officers of its park, admins.
//! - `DELETE /certificates/{id}`: officers of its park, admins, with `If-Match`; clients
//!   learn of it as a tombstone.

use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use parkatlas_core::wire::{CertificateBody, CertificateRecord, ErrorBody};

use super::body::JsonBody;
use super::enterprises::stale;
use super::id::Id;
use super::sync::{self, IfMatch, OperationId};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::map::Versioned;
use crate::store::Outcome;
use crate::AppState;

/// An enterprise's certificates, expired ones included, oldest issue first.
#[utoipa::path(get, path = "/enterprises/{id}/certificates", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<CertificateRecord>), (status = 404, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, Id(id): Id) -> Result<Json<Vec<CertificateRecord>>, ApiError> {
    state.store.park_of_enterprise(id).await?.ok_or(ApiError::NotFound { resource: "enterprise", id })?;
    Ok(Json(state.store.certificates(id).await?))
}

/// Adds a certificate to an enterprise (officers of its park, city admins).
#[utoipa::path(post, path = "/enterprises/{id}/certificates", tag = "enterprises", params(("id" = i64, Path)),
    request_body = CertificateBody,
    responses((status = 201, body = CertificateRecord), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Id(enterprise_id): Id,
    operation: OperationId,
    OriginalUri(uri): OriginalUri,
    JsonBody(body): JsonBody<CertificateBody>,
) -> Result<Response, ApiError> {
    let park_id = state
        .store
        .park_of_enterprise(enterprise_id)
        .await?
        .ok_or(ApiError::NotFound { resource: "enterprise", id: enterprise_id })?;
    caller.require_park(park_id)?;
    let mut write = match sync::begin(&state.store, &caller, operation, "POST", uri.path()).await? {
        Ok(write) => write,
        Err(replay) => return Ok(replay),
    };
    if let Some((field, problem)) = body.problem() {
        return Err(ApiError::invalid(field, problem));
    }
    let record = state.store.add_certificate(&mut write, enterprise_id, &body).await?;
    let outcome = sync::outcome(StatusCode::CREATED, &record, Some(record.version))?;
    Ok(sync::respond(write.finish(outcome).await?))
}

/// Withdraws a certificate (officers of its enterprise's park, city admins).
#[utoipa::path(delete, path = "/certificates/{id}", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 412, body = ErrorBody), (status = 428, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    operation: OperationId,
    OriginalUri(uri): OriginalUri,
    IfMatch(expected): IfMatch,
) -> Result<Response, ApiError> {
    let park_id =
        state.store.park_of_certificate(id).await?.ok_or(ApiError::NotFound { resource: "certificate", id })?;
    caller.require_park(park_id)?;
    let mut write = match sync::begin(&state.store, &caller, operation, "DELETE", uri.path()).await? {
        Ok(write) => write,
        Err(replay) => return Ok(replay),
    };
    match state.store.delete_certificate(&mut write, id, expected).await? {
        Versioned::Done(_) => {}
        Versioned::Stale(current) => return Err(stale(expected, current.version, &current)),
        Versioned::Missing => return Err(ApiError::NotFound { resource: "certificate", id }),
    }
    let outcome = Outcome { status: StatusCode::NO_CONTENT.as_u16(), version: None, body: String::new() };
    Ok(sync::respond(write.finish(outcome).await?))
}
