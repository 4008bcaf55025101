//! Service requests (企业诉求): the list the caller may see, one request whole, and the
//! address of an attachment. Filing, actions and uploads go through the outbox
//! (`crate::offline`), which sends them with [`super::write`].

use parkatlas_core::wire::RequestRecord;

use super::{get_json, ApiFailure};

/// The requests the caller may see, newest first: an enterprise's own, an officer's
/// parks', every request for an admin.
pub async fn list() -> Result<Vec<RequestRecord>, ApiFailure> {
    get_json("/api/v1/requests").await
}

pub async fn get(id: i64) -> Result<RequestRecord, ApiFailure> {
    get_json(&format!("/api/v1/requests/{id}")).await
}

/// Where an attachment's file is served (with `Content-Disposition: attachment`).
pub fn attachment_href(request_id: i64, attachment_id: i64) -> String {
    format!("/api/v1/requests/{request_id}/attachments/{attachment_id}")
}
