//! Request bodies and query strings. Bodies are JSON only, parsed strictly and checked
//! against their own rules as they are read; each failure names what is wrong: 415 for
//! another content type, 400 for text that is not JSON, 422 naming the field for a wrong
//! type, an unknown field, a value out of range or a broken rule. A query string that does
//! not parse is a 400 naming the query.

use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::header;
use axum::http::request::Parts;
use parkatlas_core::efficiency::Profile;
use parkatlas_core::wire::{
    profile_problem, AnnualFigures, CertificateBody, EnterpriseBody, InquiryUpdate, Login, NewApiKey, NewEvaluation,
    NewInquiry, NewRequest, NewUser, ParcelBody, ParcelImport, ParkBody, RequestAction,
};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A body's own rules: what can be checked without the database.
pub trait Checked {
    /// The first broken rule, as the 422 that names its field.
    fn check(&self) -> Result<(), ApiError>;
}

/// Bodies whose wire type states its rules as `problem() -> Option<(field, problem)>`.
macro_rules! checked_by_problem {
    ($($body:ty),*) => {$(
        impl Checked for $body {
            fn check(&self) -> Result<(), ApiError> {
                match self.problem() {
                    Some((field, problem)) => Err(ApiError::invalid(field, problem)),
                    None => Ok(()),
                }
            }
        }
    )*};
}

checked_by_problem!(
    AnnualFigures,
    CertificateBody,
    EnterpriseBody,
    NewApiKey,
    NewEvaluation,
    NewInquiry,
    NewRequest,
    NewUser,
    ParcelBody,
    ParcelImport,
    ParkBody,
    RequestAction
);

impl Checked for Profile {
    fn check(&self) -> Result<(), ApiError> {
        match profile_problem(self) {
            Some((field, problem)) => Err(ApiError::invalid(field, problem)),
            None => Ok(()),
        }
    }
}

/// Bodies that any well-typed value satisfies.
impl Checked for Login {
    fn check(&self) -> Result<(), ApiError> {
        Ok(())
    }
}

impl Checked for InquiryUpdate {
    fn check(&self) -> Result<(), ApiError> {
        Ok(())
    }
}

/// Query parameters of type `T`; a query that does not parse is a 400 naming it.
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(params)) => Ok(Params(params)),
            Err(rejection) => Err(ApiError::InvalidParameter { field: "query".into(), message: rejection.body_text() }),
        }
    }
}

/// A JSON body of type `T` that passed its own rules.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Checked> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if essence != "application/json" {
            return Err(ApiError::UnsupportedMediaType(content_type.to_string()));
        }
        let bytes =
            axum::body::Bytes::from_request(request, state).await.map_err(|rejection| match rejection.status() {
                axum::http::StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge(crate::MAX_BODY_BYTES),
                _ => ApiError::MalformedJson(rejection.body_text()),
            })?;
        let body: T = parse(&bytes)?;
        body.check()?;
        Ok(JsonBody(body))
    }
}

/// Parses `bytes` as `T`, telling syntax errors (400) from content errors (422 with the
/// field's path, e.g. `details.terms.conditions[2].value`).
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let deserializer = &mut serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize(deserializer) {
        Ok(value) => Ok(value),
        Err(error) => {
            let path = error.path().to_string();
            let inner = error.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                return Err(ApiError::MalformedJson(inner.to_string()));
            }
            let field = if path == "." { "body".to_string() } else { path };
            Err(ApiError::invalid(field, strip_position(&inner.to_string())))
        }
    }
}

/// serde_json ends its messages with " at line 1 column 57"; the field path says more.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        inner: Inner,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        count: u8,
    }

    fn field_of(text: &str) -> (&'static str, Option<String>) {
        match parse::<Sample>(text.as_bytes()) {
            Err(ApiError::InvalidField { field, .. }) => ("invalid_field", Some(field)),
            Err(ApiError::MalformedJson(_)) => ("malformed_json", None),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn syntax_errors_are_malformed_json() {
        assert_eq!(field_of("{\"name\": "), ("malformed_json", None));
        assert_eq!(field_of("not json"), ("malformed_json", None));
    }

    #[test]
    fn content_errors_name_the_field_path() {
        assert_eq!(
            field_of(r#"{"name": "a", "inner": {"count": 300}}"#),
            ("invalid_field", Some("inner.count".into()))
        );
        assert_eq!(field_of(r#"{"name": 5, "inner": {"count": 1}}"#), ("invalid_field", Some("name".into())));
        assert_eq!(
            field_of(r#"{"name": "a", "inner": {"count": 1}, "extra": 1}"#),
            ("invalid_field", Some("extra".into()))
        );
    }
}
