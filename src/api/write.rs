//! Writes: the headers that make a change safe to send and to resend, and the reading of
//! the answer, in which HTTP 412 is not an error to show but a conflict to merge.
//!
//! The server's side of this contract is `crates/server/src/api/sync.rs`: `If-Match`
//! names the version a change was made to, `Idempotency-Key` the client's operation, and
//! `X-CSRF-Token` repeats a signed-in session's token.

use gloo_net::http::{Method, Request, RequestBuilder};
use parkatlas_core::wire::ErrorBody;
use serde::de::DeserializeOwned;
use serde::Serialize;
use web_sys::Blob;

use super::{status_failure, ApiFailure};
use crate::i18n::Texts;

/// What a write sends besides its body.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WriteHeaders<'a> {
    /// The session's CSRF token, required on every write of a signed-in caller; `None`
    /// for an anonymous write.
    pub csrf_token: Option<&'a str>,
    /// The version of the record the change was made to, for an update; `None` when
    /// creating. A stale version is answered with a [`WriteFailure::Conflict`].
    pub if_match: Option<i64>,
    /// The client's id of this operation, kept until an answer arrives: a resend after a
    /// lost answer is recognised by the server and has no second effect.
    pub operation_id: &'a str,
}

impl WriteHeaders<'_> {
    /// The headers as (name, value) pairs, the version quoted as the ETag it came as.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::with_capacity(3);
        if let Some(token) = self.csrf_token {
            pairs.push(("X-CSRF-Token", token.to_string()));
        }
        if let Some(version) = self.if_match {
            pairs.push(("If-Match", format!("\"{version}\"")));
        }
        pairs.push(("Idempotency-Key", self.operation_id.to_string()));
        pairs
    }
}

/// Why a write did not take effect.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteFailure<R> {
    /// HTTP 412: the record changed since the version sent in `If-Match`. `current` is
    /// the record as it now stands and `version` its ETag: merge, then send again with it.
    Conflict { current: R, version: i64 },
    /// Any other failure, as for reads.
    Failed(ApiFailure),
}

impl<R> From<ApiFailure> for WriteFailure<R> {
    fn from(failure: ApiFailure) -> Self {
        WriteFailure::Failed(failure)
    }
}

impl<R> WriteFailure<R> {
    /// What to tell a person, in their language.
    pub fn describe(&self, texts: &Texts) -> String {
        match self {
            WriteFailure::Conflict { .. } => texts.error_conflict.to_string(),
            WriteFailure::Failed(failure) => failure.describe(texts),
        }
    }
}

/// Sends `body` as JSON to `path` with `headers`, and reads the record it answers with.
///
/// Unlike a read, a write is not aborted when the view that sent it goes away: the server
/// may have applied it already, and only its answer says so.
pub async fn write<B: Serialize, R: DeserializeOwned>(
    method: Method,
    path: &str,
    body: &B,
    headers: WriteHeaders<'_>,
) -> Result<R, WriteFailure<R>> {
    let request = with_headers(RequestBuilder::new(path).method(method), headers);
    send(request.json(body).map_err(|_| ApiFailure::Unreadable)?).await
}

/// POSTs `content` to `path` as the raw body of type `content_type` (a file upload), with
/// `headers`, and reads the record it answers with.
pub async fn upload<R: DeserializeOwned>(
    path: &str,
    content_type: &str,
    content: &Blob,
    headers: WriteHeaders<'_>,
) -> Result<R, WriteFailure<R>> {
    let request =
        with_headers(RequestBuilder::new(path).method(Method::POST), headers).header("Content-Type", content_type);
    send(request.body(content.clone()).map_err(|_| ApiFailure::Unreadable)?).await
}

fn with_headers(request: RequestBuilder, headers: WriteHeaders<'_>) -> RequestBuilder {
    headers.pairs().into_iter().fold(request, |request, (name, value)| request.header(name, &value))
}

async fn send<R: DeserializeOwned>(request: Request) -> Result<R, WriteFailure<R>> {
    let response = request.send().await.map_err(|_| ApiFailure::Network)?;
    let etag = response.headers().get("etag");
    let text = response.text().await.map_err(|_| ApiFailure::Network)?;
    read_answer(response.status(), etag.as_deref(), &text)
}

/// What a write's answer means, from its status, `ETag` header and body.
fn read_answer<R: DeserializeOwned>(status: u16, etag: Option<&str>, body: &str) -> Result<R, WriteFailure<R>> {
    if (200..300).contains(&status) {
        // 204 has no body: it reads as JSON null, which is what `()` expects.
        let body = if body.is_empty() { "null" } else { body };
        return serde_json::from_str(body).map_err(|_| ApiFailure::Unreadable.into());
    }
    let error = serde_json::from_str::<ErrorBody>(body).ok();
    if status == 412 {
        let current = error.and_then(|error| error.current).and_then(|current| serde_json::from_value(current).ok());
        return Err(match (current, etag.and_then(version_of)) {
            (Some(current), Some(version)) => WriteFailure::Conflict { current, version },
            // A conflict without the record to merge with cannot be resolved here.
            _ => ApiFailure::Unreadable.into(),
        });
    }
    Err(status_failure(status, error).into())
}

/// The version an ETag names: `"7"` and the weak `W/"7"` both name 7.
fn version_of(etag: &str) -> Option<i64> {
    let etag = etag.trim();
    etag.strip_prefix("W/").unwrap_or(etag).trim_matches('"').parse().ok().filter(|version| *version > 0)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    /// A record as an update answers with it.
    #[derive(Debug, PartialEq, Deserialize)]
    struct Note {
        text: String,
        version: i64,
    }

    fn note(text: &str, version: i64) -> Note {
        Note { text: text.into(), version }
    }

    #[test]
    fn an_anonymous_create_sends_only_its_operation_id() {
        let headers = WriteHeaders { csrf_token: None, if_match: None, operation_id: "op-12345678" };
        assert_eq!(headers.pairs(), [("Idempotency-Key", "op-12345678".to_string())]);
    }

    #[test]
    fn a_signed_in_update_sends_its_token_and_the_version_as_an_etag() {
        let headers = WriteHeaders { csrf_token: Some("t0k3n"), if_match: Some(7), operation_id: "op-12345678" };
        assert_eq!(
            headers.pairs(),
            [
                ("X-CSRF-Token", "t0k3n".to_string()),
                ("If-Match", "\"7\"".to_string()),
                ("Idempotency-Key", "op-12345678".to_string()),
            ]
        );
    }

    #[test]
    fn etags_name_their_version_strong_or_weak() {
        assert_eq!(version_of("\"7\""), Some(7));
        assert_eq!(version_of(" W/\"12\" "), Some(12));
        for unusable in ["", "\"\"", "\"seven\"", "\"0\"", "\"-3\""] {
            assert_eq!(version_of(unusable), None, "{unusable}");
        }
    }

    #[test]
    fn a_success_is_the_record_it_answers_with() {
        let answer = read_answer::<Note>(200, Some("\"3\""), r#"{"text":"光谷","version":3}"#);
        assert_eq!(answer, Ok(note("光谷", 3)));
        assert_eq!(read_answer::<Note>(201, None, "<html>"), Err(WriteFailure::Failed(ApiFailure::Unreadable)));
        assert_eq!(read_answer::<()>(204, None, ""), Ok(()), "a write that answers nothing");
        assert_eq!(read_answer::<Note>(204, None, ""), Err(WriteFailure::Failed(ApiFailure::Unreadable)));
    }

    #[test]
    fn a_stale_version_is_a_conflict_holding_the_current_record() {
        let body = r#"{"error":{"code":"version_mismatch","message":"merge","field":"If-Match"},
                       "current":{"text":"东湖","version":5}}"#;
        assert_eq!(
            read_answer::<Note>(412, Some("\"5\""), body),
            Err(WriteFailure::Conflict { current: note("东湖", 5), version: 5 })
        );
        // Without its ETag or its record, a conflict cannot be merged.
        assert_eq!(read_answer::<Note>(412, None, body), Err(WriteFailure::Failed(ApiFailure::Unreadable)));
        let bare = r#"{"error":{"code":"version_mismatch","message":"merge"}}"#;
        assert_eq!(read_answer::<Note>(412, Some("\"5\""), bare), Err(WriteFailure::Failed(ApiFailure::Unreadable)));
    }

    #[test]
    fn other_errors_keep_the_message_and_field_of_their_error_body() {
        let body = r#"{"error":{"code":"invalid_field","message":"name is required","field":"name"}}"#;
        assert_eq!(
            read_answer::<Note>(422, None, body),
            Err(WriteFailure::Failed(ApiFailure::Status {
                status: 422,
                message: Some("name is required".into()),
                field: Some("name".into()),
            }))
        );
        assert_eq!(
            read_answer::<Note>(502, None, "Bad Gateway"),
            Err(WriteFailure::Failed(ApiFailure::Status { status: 502, message: None, field: None }))
        );
    }
}
