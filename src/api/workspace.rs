//! The endpoints the officials' workspace reads besides requests: the inquiries to their
//! parks and the change of an inquiry's status (`If-Match`; a stale version answers 412
//! with the inquiry as it now stands), and a park's enterprises as the tier rules read them
//! (the park's officers and admins only).

use gloo_net::http::Method;
use parkatlas_core::wire::{EnterpriseTierProfile, InquiryRecord, InquiryStatus, InquiryUpdate};

use super::{get_json, new_operation_id, write, ApiFailure, WriteFailure, WriteHeaders};

/// The inquiries to the caller's parks (every park for an admin), newest first.
pub async fn inquiries() -> Result<Vec<InquiryRecord>, ApiFailure> {
    get_json("/api/v1/inquiries").await
}

/// Sets inquiry `id`, seen at `version`, to `status`.
pub async fn set_inquiry_status(
    id: i64,
    version: i64,
    status: InquiryStatus,
    csrf_token: &str,
) -> Result<InquiryRecord, WriteFailure<InquiryRecord>> {
    let operation_id = new_operation_id();
    let headers = WriteHeaders { csrf_token: Some(csrf_token), if_match: Some(version), operation_id: &operation_id };
    write(Method::PUT, &format!("/api/v1/inquiries/{id}"), &InquiryUpdate { status }, headers).await
}

/// Every enterprise of park `park_id` with its tier facts, years and certificates.
pub async fn tier_profiles(park_id: i64) -> Result<Vec<EnterpriseTierProfile>, ApiFailure> {
    get_json(&format!("/api/v1/parks/{park_id}/tier-profiles")).await
}
