//! API keys: how another system files and reads service requests as one enterprise account
//! through Open311 GeoReport v2 (`/open311/v2`). A city admin issues a key to an enterprise
//! user; the key is shown once, and the server keeps only its digest.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// The longest label of a key, in characters.
pub const MAX_API_KEY_LABEL_CHARS: usize = 100;

/// `POST /api/v1/users/{id}/api-keys` (admins): what the key is for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewApiKey {
    /// Who uses the key, e.g. "12345 热线对接"; at most 100 characters.
    #[serde(default)]
    pub label: String,
}

impl NewApiKey {
    /// The first problem with this key, as `(field, problem)`.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        let chars = self.label.trim().chars().count();
        (chars > MAX_API_KEY_LABEL_CHARS).then(|| {
            ("label", format!("the label has {chars} characters; shorten it to at most {MAX_API_KEY_LABEL_CHARS}"))
        })
    }
}

/// An issued key as `GET /api/v1/users/{id}/api-keys` lists it: never the key itself.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyRecord {
    pub id: i64,
    /// The account the key acts as.
    pub user_id: i64,
    pub label: String,
    /// China local time (UTC+08:00).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-03-02T09:00:00"))]
    pub created_at: NaiveDateTime,
}

/// The answer to issuing a key: the record and, this once, the key (64 hex characters),
/// to be sent as Open311's `api_key` parameter.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedApiKey {
    #[serde(flatten)]
    pub record: ApiKeyRecord,
    pub key: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_up_to_100_characters_are_accepted() {
        let label = |text: &str| NewApiKey { label: text.into() };
        assert_eq!(label("").problem(), None);
        assert_eq!(label(&"键".repeat(100)).problem(), None);
        assert_eq!(label(&"键".repeat(101)).problem().map(|(field, _)| field), Some("label"));
    }

    #[test]
    fn an_issued_key_is_the_record_with_the_key_beside_it() {
        let record = ApiKeyRecord {
            id: 3,
            user_id: 4,
            label: "12345 热线对接".into(),
            created_at: NaiveDateTime::parse_from_str("2026-03-02 09:00:00", "%Y-%m-%d %H:%M:%S").unwrap(),
        };
        let issued = IssuedApiKey { record, key: "ab".repeat(32) };
        let value = serde_json::to_value(&issued).unwrap();
        assert_eq!(
            (&value["id"], &value["user_id"], &value["created_at"]),
            (&3.into(), &4.into(), &"2026-03-02T09:00:00".into())
        );
        assert_eq!(serde_json::from_value::<IssuedApiKey>(value).unwrap(), issued);
    }
}
