//! An enterprise's figures, one record per year: what the 亩均 evaluation (spec §1) and the
//! tier rules (spec §4) read. Private: only its own users, its park's officers and city
//! admins read or write them (404 for an unknown enterprise, then 401 or 403).
//!
//! - `GET /enterprises/{id}/annual-data`: every year, oldest first.
//! - `PUT /enterprises/{id}/annual-data/{year}`: a year not yet stored is created (201,
//!   no `If-Match` needed); a stored year is replaced (200) and needs `If-Match` (428
//!   without it, 412 with the current figures when stale).

use axum::extract::{FromRequestParts, RawPathParams, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use parkatlas_core::wire::{check_year, AnnualDataRecord, AnnualFigures, ErrorBody};

use super::body::JsonBody;
use super::id::path_param;
use super::sync::{stale_absent, Idempotent, IfMatch, WithStatus};
use crate::auth::guard::{kinds, Sees};
use crate::error::ApiError;
use crate::AppState;

/// Every year of an enterprise's figures.
#[utoipa::path(get, path = "/enterprises/{id}/annual-data", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<AnnualDataRecord>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    enterprise: Sees<kinds::Enterprise>,
) -> Result<Json<Vec<AnnualDataRecord>>, ApiError> {
    Ok(Json(state.store.annual_data(enterprise.id).await?))
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
    enterprise: Sees<kinds::Enterprise>,
    Year(year): Year,
    idempotent: Idempotent,
    if_match: Result<IfMatch, ApiError>,
    JsonBody(figures): JsonBody<AnnualFigures>,
) -> Result<Response, ApiError> {
    // If-Match is needed only to replace a stored year: whether it is stored is known below.
    let expected = match if_match {
        Ok(IfMatch(version)) => Some(version),
        Err(ApiError::PreconditionRequired) => None,
        Err(error) => return Err(error),
    };
    let (store, id) = (&state.store, enterprise.id);
    idempotent
        .run(store, StatusCode::OK, async |mut write| {
            let stored = store.annual_year(&mut write, id, year).await?;
            let answer = match (stored, expected) {
                (None, None) => {
                    // A concurrent writer stored the year first: this request is now an update without If-Match.
                    let added = store.add_annual_year(&mut write, id, year, &figures).await;
                    let record = added.map_err(|error| match error.is_duplicate() {
                        true => ApiError::PreconditionRequired,
                        false => error.into(),
                    })?;
                    WithStatus(StatusCode::CREATED, record)
                }
                // The client edited a year that is not stored: no version of it matches.
                (None, Some(expected)) => return Err(stale_absent(expected)),
                (Some(_), None) => return Err(ApiError::PreconditionRequired),
                (Some(_), Some(expected)) => {
                    let replaced = store.replace_annual_year(&mut write, id, year, expected, &figures).await?;
                    WithStatus(StatusCode::OK, replaced.settled(expected, stale_absent(expected))?)
                }
            };
            Ok((write, answer))
        })
        .await
}

/// The `{year}` path parameter of one year of an enterprise's figures.
pub struct Year(i32);

impl<S: Send + Sync> FromRequestParts<S> for Year {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let invalid = |message: String| ApiError::InvalidParameter { field: "year".into(), message };
        let params = RawPathParams::from_request_parts(parts, state).await.map_err(|r| invalid(r.body_text()))?;
        let text = path_param(&params, "year");
        let year =
            text.parse::<i32>().map_err(|_| invalid(format!("year {text:?} is not a calendar year such as 2024")))?;
        if let Some((field, problem)) = check_year(year) {
            return Err(ApiError::InvalidParameter { field: field.into(), message: problem });
        }
        Ok(Year(year))
    }
}
