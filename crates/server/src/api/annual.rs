//! An enterprise's figures, one record per year: what the 亩均 evaluation (spec §1) and the
//! tier rules (spec §4) read. Private: only its own users, its park's officers and city
//! admins read or write them (404 for an unknown enterprise, then 401 or 403).
//!
//! - `GET /enterprises/{id}/annual-data`: every year, oldest first.
//! - `PUT /enterprises/{id}/annual-data/{year}`: a year not yet stored is created (201,
//!   no `If-Match` needed); a stored year is replaced (200) and needs `If-Match` (428
//!   without it, 412 with the current figures when stale).

use axum::extract::{FromRequestParts, OriginalUri, Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use parkatlas_core::wire::{check_year, AnnualDataRecord, AnnualFigures, ErrorBody};
use serde_json::Value;

use super::body::JsonBody;
use super::enterprises::stale;
use super::id::Id;
use super::sync::{self, IfMatch, OperationId};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::map::Versioned;
use crate::AppState;

/// Every year of an enterprise's figures.
#[utoipa::path(get, path = "/enterprises/{id}/annual-data", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<AnnualDataRecord>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Json<Vec<AnnualDataRecord>>, ApiError> {
    let park_id = state.store.park_of_enterprise(id).await?.ok_or(ApiError::NotFound { resource: "enterprise", id })?;
    caller.require_enterprise(id, park_id)?;
    Ok(Json(state.store.annual_data(id).await?))
}

/// Creates or replaces one year of an enterprise's figures.
#[utoipa::path(put, path = "/enterprises/{id}/annual-data/{year}", tag = "enterprises",
    params(("id" = i64, Path), ("year" = i32, Path)), request_body = AnnualFigures,
    responses((status = 200, body = AnnualDataRecord), (status = 201, body = AnnualDataRecord),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 412, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 428, body = ErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    caller: Caller,
    EnterpriseYear { id, year }: EnterpriseYear,
    operation: OperationId,
    OriginalUri(uri): OriginalUri,
    if_match: Result<IfMatch, ApiError>,
    JsonBody(figures): JsonBody<AnnualFigures>,
) -> Result<Response, ApiError> {
    // If-Match is needed only to replace a stored year: whether it is stored is known below.
    let expected = match if_match {
        Ok(IfMatch(version)) => Some(version),
        Err(ApiError::PreconditionRequired) => None,
        Err(error) => return Err(error),
    };
    let park_id = state.store.park_of_enterprise(id).await?.ok_or(ApiError::NotFound { resource: "enterprise", id })?;
    caller.require_enterprise(id, park_id)?;
    let mut write = match sync::begin(&state.store, &caller, operation, "PUT", uri.path()).await? {
        Ok(write) => write,
        Err(replay) => return Ok(replay),
    };
    if let Some((field, problem)) = figures.problem() {
        return Err(ApiError::invalid(field, problem));
    }
    let stored = state.store.annual_year(&mut write, id, year).await?;
    let (status, record) = match (stored, expected) {
        (None, None) => {
            // A concurrent writer stored the year first: this request is now an update without If-Match.
            let added = state.store.add_annual_year(&mut write, id, year, &figures).await;
            let record = added.map_err(|error| match crate::store::unique_violation(&error) {
                true => ApiError::PreconditionRequired,
                false => ApiError::Internal(error),
            })?;
            (StatusCode::CREATED, record)
        }
        // The client edited a year that is not stored: no version of it matches.
        (None, Some(expected)) => return Err(stale(expected, 0, &Value::Null)),
        (Some(_), None) => return Err(ApiError::PreconditionRequired),
        (Some(_), Some(expected)) => {
            match state.store.replace_annual_year(&mut write, id, year, expected, &figures).await? {
                Versioned::Done(record) => (StatusCode::OK, record),
                Versioned::Stale(current) => return Err(stale(expected, current.version, &current)),
                Versioned::Missing => return Err(stale(expected, 0, &Value::Null)),
            }
        }
    };
    let outcome = sync::outcome(status, &record, Some(record.version))?;
    Ok(sync::respond(write.finish(outcome).await?))
}

/// The `{id}` and `{year}` path parameters of one year of an enterprise's figures.
pub struct EnterpriseYear {
    id: i64,
    year: i32,
}

impl<S: Send + Sync> FromRequestParts<S> for EnterpriseYear {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let invalid = |field: &str, message: String| ApiError::InvalidParameter { field: field.into(), message };
        let Path((id, year)) = Path::<(String, String)>::from_request_parts(parts, state)
            .await
            .map_err(|rejection| invalid("id", rejection.body_text()))?;
        let id = id.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| {
            invalid("id", format!("id {id:?} is not valid: ids are positive whole numbers such as 1 or 42"))
        })?;
        let year = year
            .parse::<i32>()
            .map_err(|_| invalid("year", format!("year {year:?} is not a calendar year such as 2024")))?;
        if let Some((field, problem)) = check_year(year) {
            return Err(invalid(field, problem));
        }
        Ok(EnterpriseYear { id, year })
    }
}
