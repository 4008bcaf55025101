//! What an offline-first client relies on: an `ETag` on every record it reads, `If-Match`
//! on every update (428 without it, 412 with the current record when it is stale), and a
//! client operation id (`Idempotency-Key`) that makes every write safe to retry.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::write::OperationKey;
use crate::store::{Begun, Outcome, Store, Write};

/// The ETag of version `version`: `"7"`.
pub fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).expect("digits and quotes are a valid header")
}

/// The version an `If-Match` header names.
pub struct IfMatch(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let value = parts.headers.get(header::IF_MATCH).ok_or(ApiError::PreconditionRequired)?;
        let text = value.to_str().unwrap_or("").trim();
        let version = text.strip_prefix("W/").unwrap_or(text).trim_matches('"').parse::<i64>();
        match version {
            Ok(version) if version > 0 => Ok(IfMatch(version)),
            _ => Err(ApiError::InvalidParameter {
                field: "If-Match".into(),
                message: format!("If-Match {text:?} is not an ETag this API gave out, such as \"3\""),
            }),
        }
    }
}

/// The client operation id of a write, if the client sent one.
pub struct OperationId(Option<String>);

pub const OPERATION_HEADER: &str = "idempotency-key";

impl<S: Send + Sync> FromRequestParts<S> for OperationId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(OPERATION_HEADER) else { return Ok(OperationId(None)) };
        let text = value.to_str().unwrap_or("");
        let valid =
            (8..=128).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
        if !valid {
            return Err(ApiError::InvalidParameter {
                field: "Idempotency-Key".into(),
                message: "an operation id is 8 to 128 letters, digits, '-', '_', '.' or ':' (a UUID will do)".into(),
            });
        }
        Ok(OperationId(Some(text.to_string())))
    }
}

/// Starts a write for `caller`'s request `method path`, or answers it at once when the
/// same operation id was applied before.
pub async fn begin(
    store: &Store,
    caller: &Caller,
    operation: OperationId,
    method: &str,
    path: &str,
) -> Result<Result<Write, Response>, ApiError> {
    let key = operation.0.map(|id| OperationKey {
        key: format!("{}:{id}", caller.operation_scope()),
        method: method.to_string(),
        path: path.to_string(),
    });
    Ok(match store.write(key).await? {
        Begun::Fresh(write) => Ok(write),
        Begun::Replay(outcome) => Err(respond(outcome)),
    })
}

/// The outcome of a write as the client gets it (the first time and on every retry).
pub fn respond(outcome: Outcome) -> Response {
    let status = StatusCode::from_u16(outcome.status).unwrap_or(StatusCode::OK);
    if outcome.body.is_empty() {
        return status.into_response();
    }
    let mut response = (status, [(header::CONTENT_TYPE, "application/json")], outcome.body).into_response();
    if let Some(version) = outcome.version {
        response.headers_mut().insert(header::ETAG, etag(version));
    }
    response
}

/// Builds an outcome from a record and its version.
pub fn outcome(status: StatusCode, body: &impl Serialize, version: Option<i64>) -> Result<Outcome, ApiError> {
    Ok(Outcome { status: status.as_u16(), version, body: serde_json::to_string(body).map_err(anyhow::Error::from)? })
}

/// A record read with its version: answered with an `ETag`, or 304 when the client's
/// `If-None-Match` already names that version.
pub struct Tagged<T> {
    pub version: i64,
    pub body: T,
    pub if_none_match: Option<HeaderValue>,
}

impl<T: Serialize> IntoResponse for Tagged<T> {
    fn into_response(self) -> Response {
        let tag = etag(self.version);
        if self.if_none_match.as_ref() == Some(&tag) {
            return (StatusCode::NOT_MODIFIED, [(header::ETAG, tag)]).into_response();
        }
        let mut response = axum::Json(self.body).into_response();
        response.headers_mut().insert(header::ETAG, tag);
        response
    }
}

/// The `If-None-Match` header, for [`Tagged`].
pub struct IfNoneMatch(pub Option<HeaderValue>);

impl<S: Send + Sync> FromRequestParts<S> for IfNoneMatch {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(IfNoneMatch(parts.headers.get(header::IF_NONE_MATCH).cloned()))
    }
}

impl IfNoneMatch {
    pub fn tag<T>(self, version: i64, body: T) -> Tagged<T> {
        Tagged { version, body, if_none_match: self.0 }
    }
}
