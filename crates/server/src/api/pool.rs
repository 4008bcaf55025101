//! The 梯度培育库's data: every enterprise of a park as the tier rules read it, in one
//! request, so the browser assesses the whole park (pyramid, near-next-tier candidates,
//! expiring certificates, 2022 against 2026 rules) with parkatlas-core.
//!
//! - `GET /parks/{id}/tier-profiles`: the park's officers and city admins; private facts,
//!   figures and certificates of every enterprise, so never the public, an enterprise or
//!   another park's officer.

use crate::auth::guard::{kinds, Manages};
use crate::error::ApiError;
use crate::store::enterprises::EnterpriseFilter;
use crate::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use parkatlas_core::wire::{EnterpriseTierProfile, ErrorBody};

/// The park's enterprises in id order, each with its tier facts, years and certificates.
#[utoipa::path(get, path = "/parks/{id}/tier-profiles", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<EnterpriseTierProfile>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn tier_profiles(State(state): State<AppState>, park: Manages<kinds::Park>) -> Result<Response, ApiError> {
    let park_id = park.id;
    let filter = EnterpriseFilter { park_id: Some(park_id), name_contains: None };
    let enterprises = state.store.enterprises(&filter).await?;
    let annual = state.store.annual_data_of_park(park_id).await?;
    let certificates = state.store.certificates_of_park(park_id).await?;
    let profiles = EnterpriseTierProfile::join(enterprises, &annual, &certificates);
    // Private to the caller: no shared cache may keep it.
    Ok(([(header::CACHE_CONTROL, "private, no-store"), (header::VARY, "cookie")], Json(profiles)).into_response())
}
