//! The `{id}` path parameter: a positive 64-bit integer, or a JSON 400 that says so.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use crate::error::ApiError;

/// A resource id taken from the path.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let invalid = |text: &str| ApiError::InvalidParameter {
            field: "id".into(),
            message: format!("id {text:?} is not valid: ids are positive whole numbers such as 1 or 42"),
        };
        let Path(text) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| invalid(""))?;
        match text.parse::<i64>() {
            Ok(id) if id > 0 => Ok(Id(id)),
            _ => Err(invalid(&text)),
        }
    }
}
