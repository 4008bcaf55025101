//! The titles and honours an enterprise holds (专精特新, 小巨人, 高企 …): public, since
//! they are published honours; added and withdrawn by its park's officers and city admins.
//!
//! - `GET /enterprises/{id}/certificates`: everyone.
//! - `POST /enterprises/{id}/certificates`: officers of its park, admins.
//! - `DELETE /certificates/{id}`: officers of its park, admins, with `If-Match`; clients
//!   learn of it as a tombstone.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use parkatlas_core::wire::{CertificateBody, CertificateRecord, ErrorBody};

use super::body::JsonBody;
use super::id::Id;
use super::sync::{Idempotent, IfMatch};
use crate::auth::guard::{kinds, Manages};
use crate::error::ApiError;
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
    enterprise: Manages<kinds::Enterprise>,
    idempotent: Idempotent,
    JsonBody(body): JsonBody<CertificateBody>,
) -> Result<Response, ApiError> {
    let store = &state.store;
    idempotent
        .run(store, StatusCode::CREATED, async |mut write| {
            let record = store.add_certificate(&mut write, enterprise.id, &body).await?;
            Ok((write, record))
        })
        .await
}

/// Withdraws a certificate (officers of its enterprise's park, city admins).
#[utoipa::path(delete, path = "/certificates/{id}", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 412, body = ErrorBody), (status = 428, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    certificate: Manages<kinds::Certificate>,
    idempotent: Idempotent,
    IfMatch(expected): IfMatch,
) -> Result<Response, ApiError> {
    let (store, id) = (&state.store, certificate.id);
    idempotent
        .run(store, StatusCode::NO_CONTENT, async |mut write| {
            let deleted = store.delete_certificate(&mut write, id, expected).await?;
            deleted.settled(expected, ApiError::NotFound { resource: "certificate", id })?;
            Ok((write, ()))
        })
        .await
}
