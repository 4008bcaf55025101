//! The one error type of the HTTP API: each variant is an HTTP outcome, rendered as
//! the shared [`ErrorBody`] JSON. Server-side failures are logged, never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use parkatlas_core::wire::{ErrorBody, ErrorDetail};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("no {resource} has id {id}")]
    NotFound { resource: &'static str, id: i64 },
    #[error("{message}")]
    InvalidParameter { field: String, message: String },
    #[error("no API endpoint at {0}; the API is documented in the README")]
    NoSuchEndpoint(String),
    #[error("storage failure: {0}")]
    Storage(#[from] sqlx::Error),
    #[error("internal failure: {0}")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::NotFound { .. } => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::InvalidParameter { .. } => (StatusCode::BAD_REQUEST, "invalid_parameter"),
            ApiError::NoSuchEndpoint(_) => (StatusCode::NOT_FOUND, "no_such_endpoint"),
            ApiError::Storage(_) | ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let (message, field) = match &self {
            ApiError::Storage(_) | ApiError::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                ("the server could not complete the request; it has been logged".to_string(), None)
            }
            ApiError::InvalidParameter { field, .. } => (self.to_string(), Some(field.clone())),
            ApiError::NotFound { .. } => (self.to_string(), Some("id".to_string())),
            ApiError::NoSuchEndpoint(_) => (self.to_string(), None),
        };
        let body = ErrorBody { error: ErrorDetail { code: code.to_string(), message, field } };
        (status, Json(body)).into_response()
    }
}
