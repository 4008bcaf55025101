//! What an offline-first client relies on: an `ETag` on every record it reads, `If-Match`
//! on every update (428 without it, 412 with the current record when it is stale), and a
//! client operation id (`Idempotency-Key`) that makes every write safe to retry.
//!
//! Every write handler goes the same way: guards from `auth::guard` and [`Idempotent`]
//! before the body, the body checked by `body::JsonBody`, then [`Idempotent::run`] with
//! the change, whose stale or missing record [`Versioned::settled`] answers.

use std::future::Future;

use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::write::OperationKey;
use crate::store::{Begun, Outcome, Store, Versioned, Write};
use crate::AppState;

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

pub const OPERATION_HEADER: &str = "idempotency-key";

/// The client operation id of a write in `headers`, if the client sent one.
fn operation_id(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get(OPERATION_HEADER) else { return Ok(None) };
    let text = value.to_str().unwrap_or("");
    let valid =
        (8..=128).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
    if !valid {
        return Err(ApiError::InvalidParameter {
            field: "Idempotency-Key".into(),
            message: "an operation id is 8 to 128 letters, digits, '-', '_', '.' or ':' (a UUID will do)".into(),
        });
    }
    Ok(Some(text.to_string()))
}

/// A write sent to the API, made safe to retry: the caller's operation id with the method
/// and path it came with. It is extracted before the body, but the store's write begins
/// only in [`Idempotent::run`], once the body is read and checked, so that a slow upload
/// never holds the database's write lock.
pub struct Idempotent {
    key: Option<OperationKey>,
}

impl FromRequestParts<AppState> for Idempotent {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let caller = Caller::from_request_parts(parts, state).await?;
        // Inside `nest` the URI has lost its `/api/v1` prefix; the original one has it.
        let path = match parts.extensions.get::<OriginalUri>() {
            Some(OriginalUri(uri)) => uri.path().to_string(),
            None => parts.uri.path().to_string(),
        };
        Idempotent::new(caller.operation_scope(), &parts.method, path, &parts.headers)
    }
}

impl Idempotent {
    /// The write `method path` of the caller whose operation ids live in `scope`
    /// ([`Caller::operation_scope`]), with the operation id `headers` carry, if any.
    pub fn new(scope: String, method: &Method, path: String, headers: &HeaderMap) -> Result<Idempotent, ApiError> {
        let id = operation_id(headers)?;
        Ok(Idempotent {
            key: id.map(|id| OperationKey { key: format!("{scope}:{id}"), method: method.to_string(), path }),
        })
    }

    /// A write whose answer is never kept for a replay: an issued secret, which is shown
    /// once and stored only as its digest. A retry makes the change again.
    pub fn unrecorded() -> Idempotent {
        Idempotent { key: None }
    }

    /// Makes `change` in one store write and answers `status` with what it returns. A
    /// retried operation gets its first answer back, and `change` does not run again.
    /// `change` owns the write while it runs and hands it back with its answer.
    pub async fn run<T, F, Fut>(self, store: &Store, status: StatusCode, change: F) -> Result<Response, ApiError>
    where
        T: Answer,
        F: FnOnce(Write) -> Fut,
        Fut: Future<Output = Result<(Write, T), ApiError>>,
    {
        let write = match store.write(self.key).await? {
            Begun::Fresh(write) => write,
            Begun::Replay(outcome) => return Ok(respond(outcome)),
        };
        let (write, answer) = change(write).await?;
        let status = answer.status().unwrap_or(status);
        let outcome = Outcome { status: status.as_u16(), version: answer.version(), body: answer.body()? };
        Ok(respond(write.finish(outcome).await?))
    }
}

/// A stored record with a version: what its ETag and `If-Match` name.
pub trait Record: Serialize {
    fn version(&self) -> i64;
}

/// What a write answers with: a [`Record`] (sent with its ETag), [`Unversioned`] JSON, or
/// nothing (`()`, for 204), with the status [`Idempotent::run`] was given unless the
/// write decided another ([`WithStatus`]).
pub trait Answer {
    fn version(&self) -> Option<i64>;
    fn body(&self) -> Result<String, ApiError>;
    fn status(&self) -> Option<StatusCode> {
        None
    }
}

/// An answer whose status the write itself decided: 201 or 200 for a create-or-replace.
pub struct WithStatus<T>(pub StatusCode, pub T);

impl<T: Answer> Answer for WithStatus<T> {
    fn version(&self) -> Option<i64> {
        self.1.version()
    }

    fn body(&self) -> Result<String, ApiError> {
        self.1.body()
    }

    fn status(&self) -> Option<StatusCode> {
        Some(self.0)
    }
}

impl<T: Record> Answer for T {
    fn version(&self) -> Option<i64> {
        Some(Record::version(self))
    }

    fn body(&self) -> Result<String, ApiError> {
        json_text(self)
    }
}

impl Answer for () {
    fn version(&self) -> Option<i64> {
        None
    }

    fn body(&self) -> Result<String, ApiError> {
        Ok(String::new())
    }
}

/// An answer without a version of its own: a receipt, an attachment's description.
pub struct Unversioned<T>(pub T);

impl<T: Serialize> Answer for Unversioned<T> {
    fn version(&self) -> Option<i64> {
        None
    }

    fn body(&self) -> Result<String, ApiError> {
        json_text(&self.0)
    }
}

fn json_text(value: &impl Serialize) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|error| ApiError::Internal(error.into()))
}

impl<T: Record> Versioned<T> {
    /// The record as written; 412 with the record as it now stands when `expected` is no
    /// longer its version; `missing` when it is gone.
    pub fn settled(self, expected: i64, missing: ApiError) -> Result<T, ApiError> {
        match self {
            Versioned::Done(record) => Ok(record),
            Versioned::Stale(current) => Err(stale(expected, &current)),
            Versioned::Missing => Err(missing),
        }
    }
}

/// A 412 carrying `current`, the record as it now stands.
pub fn stale(expected: i64, current: &impl Record) -> ApiError {
    match serde_json::to_value(current) {
        Ok(value) => ApiError::Stale { expected, version: current.version(), current: value },
        Err(error) => ApiError::Internal(error.into()),
    }
}

/// A 412 for an edit of a record that does not exist (any more): no version matches.
pub fn stale_absent(expected: i64) -> ApiError {
    ApiError::Stale { expected, version: 0, current: serde_json::Value::Null }
}

/// The outcome of a write as the client gets it (the first time and on every retry).
fn respond(outcome: Outcome) -> Response {
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

/// The records that writes answer with, by where each keeps its version.
macro_rules! records_with_version {
    ($($record:ty),*) => {$(
        impl Record for $record {
            fn version(&self) -> i64 {
                self.version
            }
        }
    )*};
}

records_with_version!(
    parkatlas_core::wire::AnnualDataRecord,
    parkatlas_core::wire::CertificateRecord,
    parkatlas_core::wire::EnterpriseRecord,
    parkatlas_core::wire::EvaluationRecord,
    parkatlas_core::wire::InquiryRecord,
    parkatlas_core::wire::ProfileRecord,
    parkatlas_core::wire::RequestRecord,
    parkatlas_core::wire::UserRecord
);

/// Parks and parcels are GeoJSON features: the version is a property.
impl Record for parkatlas_core::wire::ParkRecord {
    fn version(&self) -> i64 {
        self.properties.version
    }
}

impl Record for parkatlas_core::wire::ParcelRecord {
    fn version(&self) -> i64 {
        self.properties.version
    }
}
