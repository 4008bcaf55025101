//! Investment inquiries (招商咨询): anyone may send one to a park, without an account
//! (rate-limited per address), and gets only a receipt with the reference to quote; the
//! park's officers and admins read and answer them, since they carry contact data.
//!
//! - `POST /inquiries` (anyone), `GET /inquiries` (officers: their parks; admins: all);
//! - `GET /inquiries/{id}`, `PUT /inquiries/{id}` (If-Match; the park's officers, admins).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use parkatlas_core::wire::{ErrorBody, InquiryReceipt, InquiryRecord, InquiryStatus, InquiryUpdate, NewInquiry};

use super::body::{JsonBody, Params};
use super::sync::{Idempotent, IfMatch, IfNoneMatch, Tagged, Unversioned};
use crate::auth::guard::{kinds, Manages, Staff};
use crate::auth::limits::ClientAddress;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::AppState;

/// Sends an inquiry to a park (anyone; anonymous senders are rate-limited per address).
/// The answer is a receipt: the reference to quote, nothing of other inquiries.
#[utoipa::path(post, path = "/inquiries", tag = "inquiries", request_body = NewInquiry,
    responses((status = 201, body = InquiryReceipt), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    client: ClientAddress,
    idempotent: Idempotent,
    JsonBody(inquiry): JsonBody<NewInquiry>,
) -> Result<Response, ApiError> {
    let (store, inquiry) = (&state.store, inquiry.tidied());
    idempotent
        .run(store, StatusCode::CREATED, async |mut write| {
            if !store.park_exists(inquiry.park_id).await? {
                return Err(ApiError::invalid("park_id", format!("no park has id {}", inquiry.park_id)));
            }
            if let Some(parcel_id) = inquiry.parcel_id {
                match store.park_of_parcel(parcel_id).await? {
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
            // in the phone number is not held back, and a retried operation was answered before.
            if caller.user().is_none() {
                state.limits.check_inquiry(client)?;
            }
            let record = store.add_inquiry(&mut write, &inquiry).await?;
            Ok((write, Unversioned(InquiryReceipt { reference: record.reference, id: record.id })))
        })
        .await
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
    staff: Staff,
    Params(query): Params<InquiriesQuery>,
) -> Result<Json<Vec<InquiryRecord>>, ApiError> {
    let status = query.status.as_deref().map(parse_status).transpose()?;
    Ok(Json(state.store.inquiries(&staff.scope, status).await?))
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
    inquiry: Manages<kinds::Inquiry>,
    cached: IfNoneMatch,
) -> Result<Tagged<InquiryRecord>, ApiError> {
    let id = inquiry.id;
    let record = state.store.inquiry(id).await?.ok_or(ApiError::NotFound { resource: "inquiry", id })?;
    Ok(cached.tag(record.version, record))
}

/// Sets where an inquiry stands: answered or closed (the park's officers, admins).
#[utoipa::path(put, path = "/inquiries/{id}", tag = "inquiries", params(("id" = i64, Path)), request_body = InquiryUpdate,
    responses((status = 200, body = InquiryRecord), (status = 412, body = ErrorBody), (status = 428, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    inquiry: Manages<kinds::Inquiry>,
    idempotent: Idempotent,
    IfMatch(expected): IfMatch,
    JsonBody(update): JsonBody<InquiryUpdate>,
) -> Result<Response, ApiError> {
    let (store, id) = (&state.store, inquiry.id);
    idempotent
        .run(store, StatusCode::OK, async |mut write| {
            let updated = store.set_inquiry_status(&mut write, id, expected, update.status).await?;
            Ok((write, updated.settled(expected, ApiError::NotFound { resource: "inquiry", id })?))
        })
        .await
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
