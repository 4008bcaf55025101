//! Ids in the path: positive 64-bit integers, or a JSON 400 that says so. [`Id`] is the
//! `{id}` of a path, whatever other parameters the path has.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;

use crate::error::ApiError;

/// The `{id}` path parameter.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let params = RawPathParams::from_request_parts(parts, state).await.map_err(|_| invalid("id", ""))?;
        positive("id", path_param(&params, "id")).map(Id)
    }
}

/// The path parameter `name`, or "" when the route has none of that name.
pub fn path_param<'a>(params: &'a RawPathParams, name: &str) -> &'a str {
    params.iter().find(|(param, _)| *param == name).map_or("", |(_, value)| value)
}

/// `text` as an id named `field`.
pub fn positive(field: &str, text: &str) -> Result<i64, ApiError> {
    text.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| invalid(field, text))
}

fn invalid(field: &str, text: &str) -> ApiError {
    ApiError::InvalidParameter {
        field: field.into(),
        message: format!("{field} {text:?} is not valid: ids are positive whole numbers such as 1 or 42"),
    }
}
