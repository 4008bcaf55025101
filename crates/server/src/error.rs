//! The one error type of the HTTP API: each variant is an HTTP outcome, rendered as
//! the shared [`ErrorBody`] JSON `{ "error": { "code", "message", "field" } }`.
//! Server-side failures are logged, never shown.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use parkatlas_core::wire::{ErrorBody, ErrorDetail};

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("no {resource} has id {id}")]
    NotFound { resource: &'static str, id: i64 },
    /// A path or query parameter is malformed.
    #[error("{message}")]
    InvalidParameter { field: String, message: String },
    /// The body parsed but a field is wrong: out of range, unknown, inconsistent.
    #[error("{field}: {message}")]
    InvalidField { field: String, message: String },
    #[error("the body is not valid JSON: {0}")]
    MalformedJson(String),
    #[error("send the body as JSON with the header Content-Type: application/json")]
    UnsupportedMediaType(String),
    #[error("the body is larger than the {0} bytes this endpoint accepts")]
    PayloadTooLarge(usize),
    #[error("no API endpoint at {0}; the API is documented in the README and at /api/v1/openapi.json")]
    NoSuchEndpoint(String),
    #[error("sign in first: this needs an account")]
    LoginRequired,
    #[error("the username or password is wrong")]
    BadCredentials,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Csrf(&'static str),
    #[error("send If-Match with the ETag of the version you edited; GET the record to learn it")]
    PreconditionRequired,
    #[error("the record changed since version {expected}: it is now at version {version}; merge and send again")]
    Stale { expected: i64, version: i64, current: serde_json::Value },
    #[error("{message}")]
    Conflict { field: String, message: String },
    #[error("too many attempts; wait {retry_after_seconds} s and try again")]
    TooManyRequests { retry_after_seconds: u64 },
    #[error("{0}")]
    OperationReused(String),
    #[error("storage failure: {0}")]
    Storage(#[from] sqlx::Error),
    #[error("storage failure: {0}")]
    Store(StoreError),
    #[error("internal failure: {0}")]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match error {
            StoreError::OperationReused { .. } => ApiError::OperationReused(error.to_string()),
            other => ApiError::Store(other),
        }
    }
}

impl ApiError {
    /// A field of the body that fails a rule.
    /// This error with its field named within `part` of the body (`parcels[2]` + `code`).
    pub fn within(self, part: &str) -> ApiError {
        match self {
            ApiError::InvalidField { field, message } => {
                ApiError::InvalidField { field: format!("{part}.{field}"), message }
            }
            ApiError::Conflict { field, message } => ApiError::Conflict { field: format!("{part}.{field}"), message },
            other => other,
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::InvalidField { field: field.into(), message: message.into() }
    }

    pub fn status_and_code(&self) -> (StatusCode, &'static str) {
        use ApiError::*;
        match self {
            NotFound { .. } => (StatusCode::NOT_FOUND, "not_found"),
            InvalidParameter { .. } => (StatusCode::BAD_REQUEST, "invalid_parameter"),
            InvalidField { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field"),
            MalformedJson(_) => (StatusCode::BAD_REQUEST, "malformed_json"),
            UnsupportedMediaType(_) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
            PayloadTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            NoSuchEndpoint(_) => (StatusCode::NOT_FOUND, "no_such_endpoint"),
            LoginRequired => (StatusCode::UNAUTHORIZED, "login_required"),
            BadCredentials => (StatusCode::UNAUTHORIZED, "bad_credentials"),
            Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            Csrf(_) => (StatusCode::FORBIDDEN, "csrf_token"),
            PreconditionRequired => (StatusCode::PRECONDITION_REQUIRED, "if_match_required"),
            Stale { .. } => (StatusCode::PRECONDITION_FAILED, "version_mismatch"),
            Conflict { .. } => (StatusCode::CONFLICT, "conflict"),
            TooManyRequests { .. } => (StatusCode::TOO_MANY_REQUESTS, "too_many_requests"),
            OperationReused(_) => (StatusCode::UNPROCESSABLE_ENTITY, "operation_id_reused"),
            Storage(_) | Store(_) | Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    fn field(&self) -> Option<String> {
        use ApiError::*;
        match self {
            InvalidParameter { field, .. } | InvalidField { field, .. } | Conflict { field, .. } => Some(field.clone()),
            NotFound { .. } => Some("id".into()),
            PreconditionRequired | Stale { .. } => Some("If-Match".into()),
            Csrf(_) => Some("X-CSRF-Token".into()),
            OperationReused(_) => Some("Idempotency-Key".into()),
            UnsupportedMediaType(_) => Some("Content-Type".into()),
            _ => None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = match &self {
            ApiError::Storage(_) | ApiError::Store(_) | ApiError::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                "the server could not complete the request; it has been logged".to_string()
            }
            ApiError::UnsupportedMediaType(received) => format!("{self} (received {received:?})"),
            _ => self.to_string(),
        };
        let field = self.field();
        let retry_after = match &self {
            ApiError::TooManyRequests { retry_after_seconds } => Some(*retry_after_seconds),
            _ => None,
        };
        let (current, etag) = match self {
            ApiError::Stale { current, version, .. } => (Some(current), Some(version)),
            _ => (None, None),
        };
        let body = ErrorBody { error: ErrorDetail { code: code.to_string(), message, field }, current };
        let mut response = (status, Json(body)).into_response();
        if let Some(version) = etag {
            response.headers_mut().insert(header::ETAG, crate::api::sync::etag(version));
        }
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
