//! The endpoints the officials' workspace reads beyond the shared ones: a park's
//! enterprises as the tier rules read them (the park's officers and admins only).

use parkatlas_core::wire::EnterpriseTierProfile;

use super::{get_json, ApiFailure};

/// Every enterprise of park `park_id` with its tier facts, years and certificates.
pub async fn tier_profiles(park_id: i64) -> Result<Vec<EnterpriseTierProfile>, ApiFailure> {
    get_json(&format!("/api/v1/parks/{park_id}/tier-profiles")).await
}
