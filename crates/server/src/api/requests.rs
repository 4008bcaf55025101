//! Service requests (企业诉求, spec §6): an enterprise user files one, the park's officers
//! move it through its life cycle, the enterprise rates the answer. Which transitions exist
//! and the deadline come from parkatlas-core; who drives each step, from `auth::Scope`.
//!
//! - `POST /requests` (enterprise users), `GET /requests` (each caller's own scope);
//! - `GET /requests/{id}`; `POST /requests/{id}/events` (If-Match) moves it;
//! - `POST /requests/{id}/attachments?name=` (raw bytes, at most 3 per request; images lose
//!   their metadata, see [`super::metadata`]), `GET /requests/{id}/attachments/{attachment_id}`.
//!
//! A request is open to its enterprise's users, its park's officers and city admins. A
//! rating that reopens (core's rules) is followed in the same write by the platform's
//! 督办重办, so the request is `reopened` at once.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawPathParams, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use parkatlas_core::calendar::{service_rules, working_calendar, Extension, RequestState, TransitionError};
use parkatlas_core::wire::{
    is_attachment_type, AttachmentInfo, ErrorBody, ErrorDetail, NewRequest, RequestAction, RequestRecord,
    MAX_ATTACHMENTS_PER_REQUEST, MAX_ATTACHMENT_BYTES,
};

use super::body::{JsonBody, Params};
use super::id::{path_param, positive};
use super::sync::{stale, Idempotent, IfMatch, IfNoneMatch, Tagged, Unversioned};
use crate::auth::guard::{kinds, EnterpriseUser, Sees};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::china_now;
use crate::store::requests::{Attached, Filer, Move, Upload};
use crate::AppState;

/// `?state=received`: only requests in that state.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct RequestsQuery {
    /// One of received, assigned, in_progress, extended, returned, resolved, rated, reopened.
    state: Option<String>,
}

/// The requests the caller may see, newest first: an enterprise's own, a park officer's
/// parks', every request for admins.
#[utoipa::path(get, path = "/requests", tag = "requests", params(RequestsQuery),
    responses((status = 200, body = Vec<RequestRecord>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Params(query): Params<RequestsQuery>,
) -> Result<Json<Vec<RequestRecord>>, ApiError> {
    caller.signed_in()?;
    let wanted = query.state.as_deref().map(parse_state).transpose()?;
    Ok(Json(state.store.requests(&caller.scope(), wanted).await?))
}

fn parse_state(text: &str) -> Result<RequestState, ApiError> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|_| {
        let known: Vec<String> = RequestState::ALL.iter().map(|s| crate::store::to_db(*s)).collect();
        ApiError::InvalidParameter {
            field: "state".into(),
            message: format!("state {text:?} is not a request state; use one of {}", known.join(", ")),
        }
    })
}

/// Files a request for the caller's enterprise (enterprise users only: officers and
/// admins act on requests, they do not file them on an enterprise's behalf).
#[utoipa::path(post, path = "/requests", tag = "requests", request_body = NewRequest,
    responses((status = 201, body = RequestRecord), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    filer: EnterpriseUser,
    idempotent: Idempotent,
    JsonBody(request): JsonBody<NewRequest>,
) -> Result<Response, ApiError> {
    let store = &state.store;
    let filer = Filer { user_id: filer.user.id, enterprise_id: filer.enterprise_id, park_id: filer.park_id };
    idempotent
        .run(store, StatusCode::CREATED, async |mut write| {
            if let Some(parcel_id) = request.parcel_id {
                if store.park_of_parcel(parcel_id).await?.is_none() {
                    return Err(ApiError::invalid("parcel_id", format!("no parcel has id {parcel_id}")));
                }
            }
            let record = store.add_request(&mut write, &filer, &request).await?;
            Ok((write, record))
        })
        .await
}

/// One request with its history, deadline and attachments.
#[utoipa::path(get, path = "/requests/{id}", tag = "requests", params(("id" = i64, Path)),
    responses((status = 200, body = RequestRecord), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    request: Sees<kinds::Request>,
    cached: IfNoneMatch,
) -> Result<Tagged<RequestRecord>, ApiError> {
    let id = request.id;
    let record = state.store.request(id).await?.ok_or(ApiError::NotFound { resource: "request", id })?;
    Ok(cached.tag(record.version, record))
}

/// Moves a request to `to`: officers of its park and admins drive every step but the
/// rating, which the enterprise gives once the request is resolved.
#[utoipa::path(post, path = "/requests/{id}/events", tag = "requests", params(("id" = i64, Path)),
    request_body = RequestAction,
    responses((status = 200, body = RequestRecord), (status = 403, body = ErrorBody), (status = 412, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 428, body = ErrorBody)))]
pub async fn act(
    State(state): State<AppState>,
    request: Sees<kinds::Request>,
    idempotent: Idempotent,
    IfMatch(expected): IfMatch,
    JsonBody(action): JsonBody<RequestAction>,
) -> Result<Response, ApiError> {
    request.scope().drives_request_to(action.to).map_err(|message| ApiError::Forbidden(message.into()))?;
    let (store, id, user_id) = (&state.store, request.id, request.user.id);
    let missing = || ApiError::NotFound { resource: "request", id };
    idempotent
        .run(store, StatusCode::OK, async |mut write| {
            let current = store.request_in(&mut write, id).await?.ok_or_else(missing)?;
            if current.version != expected {
                return Err(stale(expected, &current));
            }
            if let Err(error) = action.transition(service_rules(), current.state, current.rating) {
                let field = match error {
                    TransitionError::RatingRequired { .. } => "rating",
                    TransitionError::Illegal { .. } | TransitionError::RatingDoesNotReopen { .. } => "to",
                };
                return Err(ApiError::invalid(field, error.to_string()));
            }
            if action.to == RequestState::Extended {
                check_extension(&current, &action.note)?;
            }
            let at = china_now();
            let step = Move {
                user_id,
                at,
                from: current.state,
                to: action.to,
                rating: action.rating,
                held: if action.to == RequestState::Rated { action.rating } else { current.rating },
                note: action.note.trim().to_string(),
                then: action.follow_up(service_rules(), at),
            };
            let moved = store.move_request(&mut write, id, expected, &step).await?;
            Ok((write, moved.settled(expected, missing())?))
        })
        .await
}

/// An extension (延期) is approved once per request, for the working days its category's
/// rule allows; categories without one cannot be extended.
fn check_extension(current: &RequestRecord, reason: &str) -> Result<(), ApiError> {
    if current.events.iter().any(|event| event.to == RequestState::Extended) {
        return Err(ApiError::invalid(
            "to",
            "this request was extended before, by all the working days its category allows; resolve it or return it",
        ));
    }
    let extension = Extension {
        working_days: service_rules().extension_days(current.category).unwrap_or(0),
        reason: reason.into(),
    };
    service_rules()
        .deadline(working_calendar(), current.category, current.submitted_at, Some(extension))
        .map(|_| ())
        .map_err(|error| ApiError::invalid("to", error.to_string()))
}

/// `?name=申报材料.pdf`: the file's name as the user chose it.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct AttachmentQuery {
    /// The file name, without any folder.
    name: Option<String>,
}

/// Attaches a file: the raw bytes as the body, with their own Content-Type (PDF, JPEG,
/// PNG, WebP, plain text, .docx or .xlsx), at most 900 KiB, at most 3 per request. Images
/// are stored without their metadata (EXIF with its GPS position, XMP, IPTC, text chunks).
#[utoipa::path(post, path = "/requests/{id}/attachments", tag = "requests", params(("id" = i64, Path), AttachmentQuery),
    request_body(content = String, content_type = "application/pdf", description = "The file's bytes"),
    responses((status = 201, body = AttachmentInfo), (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn attach(
    State(state): State<AppState>,
    request: Sees<kinds::Request>,
    idempotent: Idempotent,
    Params(query): Params<AttachmentQuery>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").trim();
    if !is_attachment_type(content_type) {
        return Ok(unsupported_type(content_type));
    }
    let content = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge(MAX_ATTACHMENT_BYTES),
        _ => ApiError::InvalidParameter { field: "body".into(), message: rejection.body_text() },
    })?;
    if content.len() > MAX_ATTACHMENT_BYTES {
        return Err(ApiError::PayloadTooLarge(MAX_ATTACHMENT_BYTES));
    }
    let name = query.name.unwrap_or_default().trim().to_string();
    let size = i64::try_from(content.len()).map_err(anyhow::Error::from)?;
    let info = AttachmentInfo { id: 0, name, content_type: content_type.to_string(), size };
    if let Some((field, problem)) = info.problem() {
        return Err(ApiError::invalid(field, problem));
    }
    let content = super::metadata::strip(content_type, content).map_err(|error| {
        ApiError::invalid("body", format!("the file is not a readable {content_type} image ({error}); send it again"))
    })?;
    let upload = Upload { name: info.name, content_type: info.content_type, content: content.to_vec() };
    let (store, id) = (&state.store, request.id);
    idempotent
        .run(store, StatusCode::CREATED, async |mut write| {
            match store.add_attachment(&mut write, id, &upload).await? {
                Attached::Done(info) => Ok((write, Unversioned(info))),
                Attached::Full => Err(ApiError::invalid(
                    "attachments",
                    format!(
                    "a request holds at most {MAX_ATTACHMENTS_PER_REQUEST} files and this one has them; put several \
                     pages in one PDF, or ask the park's officer to take the file another way"
                ),
                )),
                Attached::Missing => Err(ApiError::NotFound { resource: "request", id }),
            }
        })
        .await
}

/// 415 for a file type that is not accepted; [`ApiError::UnsupportedMediaType`] speaks of JSON.
fn unsupported_type(received: &str) -> Response {
    let message = format!(
        "files of type {received:?} are not accepted; send a PDF, JPEG, PNG, WebP, plain-text, Word (.docx) or \
         Excel (.xlsx) file with its Content-Type"
    );
    let detail = ErrorDetail { code: "unsupported_media_type".into(), message, field: Some("Content-Type".into()) };
    (StatusCode::UNSUPPORTED_MEDIA_TYPE, Json(ErrorBody { error: detail, current: None })).into_response()
}

/// An attached file, as a download.
#[utoipa::path(get, path = "/requests/{id}/attachments/{attachment_id}", tag = "requests",
    params(("id" = i64, Path), ("attachment_id" = i64, Path)),
    responses((status = 200, description = "The file, with its Content-Type and Content-Disposition: attachment"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    request: Sees<kinds::Request>,
    params: RawPathParams,
) -> Result<Response, ApiError> {
    let (id, attachment_id) = (request.id, positive("attachment_id", path_param(&params, "attachment_id"))?);
    let (info, content) = state
        .store
        .attachment(id, attachment_id)
        .await?
        .ok_or(ApiError::NotFound { resource: "attachment", id: attachment_id })?;
    let content_type =
        HeaderValue::from_str(&info.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let disposition =
        HeaderValue::from_str(&content_disposition(&info.name)).unwrap_or(HeaderValue::from_static("attachment"));
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_DISPOSITION, disposition),
        // The browser must not guess another type than the one checked on upload.
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache")),
    ];
    Ok((headers, content).into_response())
}

/// `attachment; filename="..."; filename*=UTF-8''...` (RFC 6266): an ASCII stand-in for old
/// clients, the UTF-8 name percent-encoded (RFC 8187) for the rest.
fn content_disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' { c } else { '_' })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_sent_ascii_and_percent_encoded() {
        assert_eq!(
            content_disposition("申报 材料.pdf"),
            "attachment; filename=\"__ __.pdf\"; filename*=UTF-8''%E7%94%B3%E6%8A%A5%20%E6%9D%90%E6%96%99.pdf"
        );
        assert_eq!(content_disposition("a\"b.txt"), "attachment; filename=\"a_b.txt\"; filename*=UTF-8''a%22b.txt");
    }

    #[test]
    fn request_states_are_parsed_by_their_wire_names() {
        assert_eq!(parse_state("in_progress").unwrap(), RequestState::InProgress);
        assert!(matches!(parse_state("done"), Err(ApiError::InvalidParameter { field, .. }) if field == "state"));
    }
}
