//! Investment inquiries (招商咨询): anyone may send one to a park, without an account
//! (rate-limited per address), and gets only a receipt with the reference to quote; the
//! park's officers and admins read and answer them, since they carry contact data.
//!
//! - `POST /inquiries` (anyone), `GET /inquiries` (officers: their parks; admins: all);
//! - `GET /inquiries/{id}`, `PUT /inquiries/{id}` (If-Match; the park's officers, admins).

use axum::extract::rejection::QueryRejection;
use axum::extract::{OriginalUri, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use parkatlas_core::wire::{ErrorBody, InquiryReceipt, InquiryRecord, InquiryStatus, InquiryUpdate, NewInquiry, Role};

use super::body::JsonBody;
use super::id::Id;
use super::sync::{self, IfMatch, IfNoneMatch, OperationId, Tagged};
use crate::auth::limits::ClientAddress;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::inquiries::InquiryScope;
use crate::store::map::Versioned;
use crate::AppState;

/// Sends an inquiry to a park (anyone; anonymous senders are rate-limited per address).
/// The answer is a receipt: the reference to quote, nothing of other inquiries.
#[utoipa::path(post, path = "/inquiries", tag = "inquiries", request_body = NewInquiry,
    responses((status = 201, body = InquiryReceipt), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    client: ClientAddress,
    operation: OperationId,
    OriginalUri(uri): OriginalUri,
    JsonBody(inquiry): JsonBody<NewInquiry>,
) -> Result<Response, ApiError> {
    let mut write = match sync::begin(&state.store, &caller, operation, "POST", uri.path()).await? {
        Ok(write) => write,
        Err(replay) => return Ok(replay),
    };
    if let Some((field, problem)) = inquiry.problem() {
        return Err(ApiError::invalid(field, problem));
    }
    let inquiry = inquiry.tidied();
    if !state.store.park_exists(inquiry.park_id).await? {
        return Err(ApiError::invalid("park_id", format!("no park has id {}", inquiry.park_id)));
    }
    if let Some(parcel_id) = inquiry.parcel_id {
        match state.store.park_of_parcel(parcel_id).await? {
            None => return Err(ApiError::invalid("parcel_id", format!("no parcel has id {parcel_id}"))),
            Some(park_id) if park_id != inquiry.park_id => {
                return Err(ApiError::invalid(
                    "parcel_id",
                    format!("parcel {parcel_id} lies in park {park_id}, not in park {}", inquiry.park_id),
                ))
            }
            Some(_) => {}
        }
    }
    // Only inquiries that would be stored spend the allowance: a sender fixing a typo
    // in the phone number is not held back, and a retried operation was answered above.
    if caller.user().is_none() {
        state.limits.check_inquiry(client)?;
    }
    let record = state.store.add_inquiry(&mut write, &inquiry).await?;
    let receipt = InquiryReceipt { reference: record.reference, id: record.id };
    let outcome = sync::outcome(StatusCode::CREATED, &receipt, None)?;
    Ok(sync::respond(write.finish(outcome).await?))
}

/// `?status=new`: only inquiries with that status.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct InquiriesQuery {
    /// new, answered or closed.
    status: Option<String>,
}

/// The inquiries to the caller's parks (officers) or to every park (admins), newest first.
#[utoipa::path(get, path = "/inquiries", tag = "inquiries", params(InquiriesQuery),
    responses((status = 200, body = Vec<InquiryRecord>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    query: Result<Query<InquiriesQuery>, QueryRejection>,
) -> Result<Json<Vec<InquiryRecord>>, ApiError> {
    let user = caller.signed_in()?;
    let scope = match user.role {
        Role::Admin => InquiryScope::Everything,
        Role::Officer => InquiryScope::ParksOfOfficer(user.id),
        Role::Enterprise => {
            return Err(ApiError::Forbidden("inquiries are read by the parks' officers and city admins".into()))
        }
    };
    let Query(query) = query
        .map_err(|rejection| ApiError::InvalidParameter { field: "query".into(), message: rejection.body_text() })?;
    let status = query.status.as_deref().map(parse_status).transpose()?;
    Ok(Json(state.store.inquiries(scope, status).await?))
}

fn parse_status(text: &str) -> Result<InquiryStatus, ApiError> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|_| ApiError::InvalidParameter {
        field: "status".into(),
        message: format!("status {text:?} is not an inquiry status; use new, answered or closed"),
    })
}

/// One inquiry with the sender's contact data (the park's officers, admins).
#[utoipa::path(get, path = "/inquiries/{id}", tag = "inquiries", params(("id" = i64, Path)),
    responses((status = 200, body = InquiryRecord), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    cached: IfNoneMatch,
) -> Result<Tagged<InquiryRecord>, ApiError> {
    let record = state.store.inquiry(id).await?.ok_or(ApiError::NotFound { resource: "inquiry", id })?;
    caller.require_park(record.park_id)?;
    Ok(cached.tag(record.version, record))
}

/// Sets where an inquiry stands: answered or closed (the park's officers, admins).
#[utoipa::path(put, path = "/inquiries/{id}", tag = "inquiries", params(("id" = i64, Path)), request_body = InquiryUpdate,
    responses((status = 200, body = InquiryRecord), (status = 412, body = ErrorBody), (status = 428, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    operation: OperationId,
    OriginalUri(uri): OriginalUri,
    IfMatch(expected): IfMatch,
    JsonBody(update): JsonBody<InquiryUpdate>,
) -> Result<Response, ApiError> {
    let park_id = state.store.park_of_inquiry(id).await?.ok_or(ApiError::NotFound { resource: "inquiry", id })?;
    caller.require_park(park_id)?;
    let mut write = match sync::begin(&state.store, &caller, operation, "PUT", uri.path()).await? {
        Ok(write) => write,
        Err(replay) => return Ok(replay),
    };
    let record = match state.store.set_inquiry_status(&mut write, id, expected, update.status).await? {
        Versioned::Done(record) => record,
        Versioned::Stale(current) => return Err(stale(expected, &current)),
        Versioned::Missing => return Err(ApiError::NotFound { resource: "inquiry", id }),
    };
    let outcome = sync::outcome(StatusCode::OK, &record, Some(record.version))?;
    Ok(sync::respond(write.finish(outcome).await?))
}

fn stale(expected: i64, current: &InquiryRecord) -> ApiError {
    match serde_json::to_value(current) {
        Ok(value) => ApiError::Stale { expected, version: current.version, current: value },
        Err(error) => ApiError::Internal(error.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_parsed_by_their_wire_names() {
        assert_eq!(parse_status("answered").unwrap(), InquiryStatus::Answered);
        assert!(matches!(parse_status("open"), Err(ApiError::InvalidParameter { field, .. }) if field == "status"));
    }
}
