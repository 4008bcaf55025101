//! JSON or XML, as the path's extension asks (`requests.json`, `requests.xml`), and the
//! Open311 error list: `[{"code": 400, "description": "…"}]` or
//! `<errors><error><code>400</code><description>…</description></error></errors>`.
//!
//! XML is written by quick-xml's serde serializer, which escapes every text value. Lists
//! are the element named for the list holding one element per item (`<service_requests>`
//! of `<request>`), as the GeoReport v2 examples write them; JSON lists are arrays.

use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::error::ApiError;

/// How an answer is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::Json, Format::Xml];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xml => "xml",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Xml => "text/xml; charset=utf-8",
        }
    }

    /// `name.json` or `name.xml` split into the name and its format.
    pub fn split(file: &str) -> Option<(&str, Format)> {
        let (name, extension) = file.rsplit_once('.')?;
        let format = Format::ALL.into_iter().find(|format| format.extension() == extension)?;
        (!name.is_empty()).then_some((name, format))
    }

    /// The format a path asks for; JSON when it names none, for errors on unknown paths.
    pub fn of_path(path: &str) -> Format {
        let file = path.rsplit('/').next().unwrap_or_default();
        Format::split(file).map_or(Format::Json, |(_, format)| format)
    }

    /// `value` written in this format, `root` naming the XML document element.
    pub fn text<T: Serialize>(self, root: &str, value: &T) -> Result<String, Refusal> {
        match self {
            Format::Json => serde_json::to_string(value).map_err(|error| Refusal::internal(error.into())),
            Format::Xml => quick_xml::se::to_string_with_root(root, value)
                .map(|xml| format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>{xml}"))
                .map_err(|error| Refusal::internal(error.into())),
        }
    }

    /// `items` as a list: a JSON array, or the XML element `root` holding an `item` each.
    pub fn list<T: Serialize>(self, root: &str, item: &'static str, items: &[T]) -> Result<String, Refusal> {
        match self {
            Format::Json => self.text(root, &items),
            Format::Xml => self.text(root, &Items { item, items }),
        }
    }

    /// A written answer with its status and content type.
    pub fn respond(self, status: StatusCode, body: String) -> Response {
        (status, [(header::CONTENT_TYPE, HeaderValue::from_static(self.content_type()))], body).into_response()
    }

    /// The answer of a handler: its own, or its refusal as an Open311 error list.
    pub fn reply(self, result: Result<Response, Refusal>) -> Response {
        result.unwrap_or_else(|refusal| refusal.in_format(self))
    }
}

/// The extension of the path a request came to.
impl<S: Send + Sync> FromRequestParts<S> for Format {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let path = parts.extensions.get::<OriginalUri>().map_or(parts.uri.path(), |OriginalUri(uri)| uri.path());
        Ok(Format::of_path(path))
    }
}

/// An XML list's items, each an element named `item`.
struct Items<'a, T> {
    item: &'static str,
    items: &'a [T],
}

impl<T: Serialize> Serialize for Items<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.item, self.items)?;
        map.end()
    }
}

/// Why a request is refused, as Open311 reports it: the status and a description that
/// names the parameter and what is wrong with it.
#[derive(Debug)]
pub struct Refusal {
    pub status: StatusCode,
    pub description: String,
}

/// One item of the error list.
#[derive(Serialize)]
struct ErrorItem<'a> {
    code: u16,
    description: &'a str,
}

impl Refusal {
    /// 400: parameter `name` is wrong, and how.
    pub fn bad(name: &str, problem: impl std::fmt::Display) -> Refusal {
        Refusal { status: StatusCode::BAD_REQUEST, description: format!("{name}: {problem}") }
    }

    pub fn forbidden(description: impl Into<String>) -> Refusal {
        Refusal { status: StatusCode::FORBIDDEN, description: description.into() }
    }

    pub fn not_found(description: impl Into<String>) -> Refusal {
        Refusal { status: StatusCode::NOT_FOUND, description: description.into() }
    }

    /// 500, with the details in the log only.
    pub fn internal(error: anyhow::Error) -> Refusal {
        Refusal::from(ApiError::Internal(error))
    }

    pub fn in_format(self, format: Format) -> Response {
        let items = [ErrorItem { code: self.status.as_u16(), description: &self.description }];
        match format.list("errors", "error", &items) {
            Ok(body) => format.respond(self.status, body),
            Err(_) => self.status.into_response(),
        }
    }
}

/// The API's errors in Open311's terms: the same status, its message, and for a server
/// failure nothing but that it was logged.
impl From<ApiError> for Refusal {
    fn from(error: ApiError) -> Refusal {
        let (status, _) = error.status_and_code();
        let description = if status.is_server_error() {
            tracing::error!(error = %error, "Open311 request failed");
            "the server could not complete the request; it has been logged".to_string()
        } else {
            error.to_string()
        };
        Refusal { status, description }
    }
}

impl From<crate::store::StoreError> for Refusal {
    fn from(error: crate::store::StoreError) -> Refusal {
        Refusal::from(ApiError::from(error))
    }
}

impl From<sqlx::Error> for Refusal {
    fn from(error: sqlx::Error) -> Refusal {
        Refusal::from(ApiError::Storage(error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Sample {
        code: String,
        note: Option<String>,
    }

    #[test]
    fn files_split_into_their_name_and_format() {
        assert_eq!(Format::split("services.json"), Some(("services", Format::Json)));
        assert_eq!(Format::split("42.xml"), Some(("42", Format::Xml)));
        assert_eq!(Format::split("a.b.xml"), Some(("a.b", Format::Xml)));
        assert_eq!(Format::split("services.csv"), None);
        assert_eq!(Format::split(".json"), None);
        assert_eq!(Format::of_path("/open311/v2/requests/7.xml"), Format::Xml);
        assert_eq!(Format::of_path("/open311/v2/nothing"), Format::Json);
    }

    #[test]
    fn lists_are_arrays_in_json_and_an_element_per_item_in_xml_with_text_escaped() {
        let items =
            [Sample { code: "<script>&".into(), note: None }, Sample { code: "b".into(), note: Some("n".into()) }];
        assert_eq!(
            Format::Json.list("services", "service", &items).unwrap(),
            r#"[{"code":"<script>&","note":null},{"code":"b","note":"n"}]"#
        );
        assert_eq!(
            Format::Xml.list("services", "service", &items).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><services><service><code>&lt;script&gt;&amp;</code><note/>\
             </service><service><code>b</code><note>n</note></service></services>"
        );
        assert_eq!(
            Format::Xml.list::<Sample>("services", "service", &[]).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><services/>"
        );
    }

    #[test]
    fn refusals_are_error_lists() {
        let refusal = Refusal::bad("lat", "is not a number");
        assert_eq!(refusal.description, "lat: is not a number");
        let items = [ErrorItem { code: 400, description: &refusal.description }];
        assert_eq!(
            Format::Xml.list("errors", "error", &items).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>400</code>\
             <description>lat: is not a number</description></error></errors>"
        );
    }
}
