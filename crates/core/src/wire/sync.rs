//! The change feed an offline client syncs from: `GET /api/v1/changes?since=<cursor>`
//! returns, oldest first, each record the caller may see that changed after the cursor,
//! as its current representation or as a tombstone.

use serde::{Deserialize, Serialize};

/// What kind of record a change is about; each kind has its own endpoint and representation.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Park,
    Parcel,
    Enterprise,
    AnnualData,
    Certificate,
    Profile,
    Evaluation,
    Request,
    Inquiry,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 9] = [
        ChangeKind::Park,
        ChangeKind::Parcel,
        ChangeKind::Enterprise,
        ChangeKind::AnnualData,
        ChangeKind::Certificate,
        ChangeKind::Profile,
        ChangeKind::Evaluation,
        ChangeKind::Request,
        ChangeKind::Inquiry,
    ];

    /// The name stored in the change log and sent on the wire, e.g. `annual_data`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Park => "park",
            ChangeKind::Parcel => "parcel",
            ChangeKind::Enterprise => "enterprise",
            ChangeKind::AnnualData => "annual_data",
            ChangeKind::Certificate => "certificate",
            ChangeKind::Profile => "profile",
            ChangeKind::Evaluation => "evaluation",
            ChangeKind::Request => "request",
            ChangeKind::Inquiry => "inquiry",
        }
    }

    pub fn parse(name: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// One record's latest change.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub id: i64,
    pub version: i64,
    /// A tombstone: the record was deleted and `data` is absent.
    pub deleted: bool,
    /// The record as the caller may see it (the same JSON as its own endpoint returns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
}

/// A page of the change feed.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangePage {
    pub changes: Vec<Change>,
    /// The cursor to pass as `since` next time.
    pub next: i64,
    /// True when more changes wait past this page: ask again at once with `next`.
    pub more: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_parses_back_from_its_name_and_its_json() {
        for kind in ChangeKind::ALL {
            assert_eq!(ChangeKind::parse(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), serde_json::Value::String(kind.as_str().into()));
        }
        assert_eq!(ChangeKind::parse("parcels"), None);
    }
}
