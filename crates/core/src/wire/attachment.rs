//! Files attached to service requests: the types and sizes accepted, and the checks of an
//! upload's name, shared by the SPA (before upload) and the server (on upload); and the
//! link to a photo held elsewhere that an Open311 client sends as `media_url`.

use crate::text::quoted;
use serde::{Deserialize, Serialize};

const MAX_ATTACHMENT_NAME_CHARS: usize = 120;

/// The content types an attachment may have.
pub const ATTACHMENT_TYPES: [&str; 7] = [
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/webp",
    "text/plain",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
];

/// The largest attachment accepted, in bytes.
pub const MAX_ATTACHMENT_BYTES: usize = 900 * 1024;

/// The most files one request holds: enough for a licence, a statement and a photo, few
/// enough that a phone on a slow link sends them.
pub const MAX_ATTACHMENTS_PER_REQUEST: usize = 3;

/// The longest `media_url` accepted, in characters.
pub const MAX_MEDIA_URL_CHARS: usize = 2000;

/// What is wrong with a link to media held elsewhere, if anything: an `http` or `https`
/// URL with a host, of at most [`MAX_MEDIA_URL_CHARS`] characters, without spaces.
pub fn media_url_problem(url: &str) -> Option<String> {
    let chars = url.chars().count();
    if chars > MAX_MEDIA_URL_CHARS {
        return Some(format!("the link has {chars} characters; give one of at most {MAX_MEDIA_URL_CHARS}"));
    }
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
    let well_formed =
        host.is_some_and(|host| !host.is_empty()) && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    (!well_formed).then(|| {
        format!("{} is not a link: give an http:// or https:// URL such as https://example.com/photo.jpg", quoted(url))
    })
}

/// A file attached to a request; its content is at `GET /api/v1/requests/{id}/attachments/{attachment_id}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub id: i64,
    /// The file name as uploaded, without any folder.
    pub name: String,
    pub content_type: String,
    /// In bytes.
    pub size: i64,
}

impl AttachmentInfo {
    /// The first problem with an upload described by this, as `(field, problem)`.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        if let Some(problem) = attachment_name_problem(&self.name) {
            return Some(("name", problem));
        }
        if !is_attachment_type(&self.content_type) {
            return Some((
                "content_type",
                format!(
                    "files of type {} are not accepted; attach a PDF, JPEG, PNG, WebP, plain-text, Word (.docx) \
                     or Excel (.xlsx) file",
                    quoted(&self.content_type)
                ),
            ));
        }
        let max_kib = MAX_ATTACHMENT_BYTES / 1024;
        if !usize::try_from(self.size).is_ok_and(|size| (1..=MAX_ATTACHMENT_BYTES).contains(&size)) {
            return Some((
                "size",
                format!("the file has {} bytes; attach a file of 1 byte to {max_kib} KiB", self.size),
            ));
        }
        None
    }
}

/// Whether `content_type` is one of [`ATTACHMENT_TYPES`], ignoring case and parameters
/// such as `; charset=utf-8`.
pub fn is_attachment_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    ATTACHMENT_TYPES.iter().any(|allowed| allowed.eq_ignore_ascii_case(essence))
}

/// What is wrong with an attachment's file name, if anything: it must have 1 to 120
/// characters, no folder (`/` or `\`) and no control characters.
pub fn attachment_name_problem(name: &str) -> Option<String> {
    let chars = name.chars().count();
    if name.trim().is_empty() || chars > MAX_ATTACHMENT_NAME_CHARS {
        return Some(format!("give a file name of 1 to {MAX_ATTACHMENT_NAME_CHARS} characters; this one has {chars}"));
    }
    if name.contains(['/', '\\']) {
        return Some(format!("{} names a folder; give the file name alone, without '/' or '\\'", quoted(name)));
    }
    if name.chars().any(char::is_control) {
        return Some("the file name holds control characters; rename the file".into());
    }
    if name.chars().all(|c| c == '.') {
        return Some(format!("{} is not a file name; rename the file", quoted(name)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_types_and_names() {
        assert!(is_attachment_type("application/pdf"));
        assert!(is_attachment_type("Text/Plain; charset=utf-8"));
        assert!(is_attachment_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        assert!(!is_attachment_type("application/msword"));
        assert!(!is_attachment_type("text/html"));
        assert!(!is_attachment_type(""));
        for name in ["申报材料.pdf", "a", "营业执照 (副本).jpg", &"名".repeat(120)] {
            assert_eq!(attachment_name_problem(name), None, "{name:?}");
        }
        for name in
            ["", "  ", &"名".repeat(121), "../etc/passwd", "C:\\a.pdf", "a/b.pdf", "a\u{0}.pdf", "a\n.txt", ".."]
        {
            assert!(attachment_name_problem(name).is_some(), "{name:?}");
        }
    }

    #[test]
    fn media_links_are_http_or_https_urls_with_a_host() {
        for url in [
            "https://example.com/photo.jpg",
            "http://192.0.2.7:8080/m?id=3",
            &format!("https://a.cn/{}", "x".repeat(1987)),
        ] {
            assert_eq!(media_url_problem(url), None, "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "ftp://example.com/a.jpg",
            "https://",
            "https:///a.jpg",
            "https://a b.cn/",
            "photo.jpg",
            &format!("https://a.cn/{}", "x".repeat(1988)),
        ] {
            assert!(media_url_problem(url).is_some(), "{url}");
        }
    }

    #[test]
    fn attachment_sizes_from_one_byte_to_the_limit_are_accepted() {
        let info = |size| AttachmentInfo { id: 1, name: "a.pdf".into(), content_type: "application/pdf".into(), size };
        assert_eq!(info(1).problem(), None);
        assert_eq!(info(900 * 1024).problem(), None);
        for size in [0, -1, 900 * 1024 + 1] {
            assert_eq!(info(size).problem().map(|(f, _)| f), Some("size"), "{size}");
        }
        let docx = AttachmentInfo { content_type: "application/msword".into(), ..info(10) };
        assert_eq!(docx.problem().map(|(f, _)| f), Some("content_type"));
        let named = AttachmentInfo { name: "x/y.pdf".into(), ..info(10) };
        assert_eq!(named.problem().map(|(f, _)| f), Some("name"));
    }
}
