//! Finding land (`GET /land`): an investor's filters over the parcels of every park,
//! read from the same query string the map keeps in its URL. Public.

use axum::extract::State;
use axum::Json;
use parkatlas_core::geometry::BoundingBox;
use parkatlas_core::wire::{ErrorBody, LandFilter, LandSearch, DEFAULT_LAND_LIMIT, MAX_LAND_LIMIT};

use super::body::Params;
use crate::error::ApiError;
use crate::AppState;

/// The parcels that pass every filter given, largest first, with how many match in all
/// and the box around all of them. Keys other than these are ignored.
#[utoipa::path(get, path = "/land", tag = "map",
    params(
        ("q" = Option<String>, Query, description = "Part of a parcel code, a park's name (Chinese or English) or an occupant's name; case-insensitive, at most 50 characters"),
        ("status" = Option<String>, Query, description = "Comma-separated statuses, any of them: available, granted, under_construction, producing, idle, unsupplied"),
        ("land_use" = Option<String>, Query, description = "Comma-separated land uses, any of them: industrial, innovative_industrial, warehousing, commercial, public"),
        ("min_mu" = Option<f64>, Query, description = "Smallest area in 亩 (1 亩 = 10000/15 m²), inclusive"),
        ("max_mu" = Option<f64>, Query, description = "Largest area in 亩, inclusive"),
        ("park" = Option<i64>, Query, description = "Only this park's parcels"),
        ("industry" = Option<String>, Query, description = "Only the parcels of parks that list this leading industry (主导产业), exactly as written"),
        ("bbox" = Option<String>, Query, description = "west,south,east,north in degrees: parcels whose extent overlaps it"),
        ("limit" = Option<u32>, Query, description = "Parcels returned, 1 to 500 (default 100); `total` counts them all"),
    ),
    responses((status = 200, body = LandSearch), (status = 400, body = ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    Params(pairs): Params<Vec<(String, String)>>,
) -> Result<Json<LandSearch>, ApiError> {
    let invalid = |field: &str, message: String| ApiError::InvalidParameter { field: field.into(), message };
    let filter = LandFilter::from_pairs(pairs.iter().map(|(key, value)| (key.as_str(), value.as_str())))
        .map_err(|(field, message)| invalid(field, message))?;
    let mut within = None;
    let mut limit = DEFAULT_LAND_LIMIT;
    // As for the filter's own keys, an empty value means "not given".
    for (key, value) in pairs.iter().filter(|(_, value)| !value.trim().is_empty()) {
        match key.as_str() {
            "bbox" => {
                let view = BoundingBox::parse(value)
                    .map_err(|problem| invalid("bbox", format!("bbox {value:?}: {problem}")))?;
                within = Some(view);
            }
            "limit" => {
                limit = value.parse::<u32>().ok().filter(|n| (1..=MAX_LAND_LIMIT).contains(n)).ok_or_else(|| {
                    invalid("limit", format!("limit {value:?} must be a whole number from 1 to {MAX_LAND_LIMIT}"))
                })?;
            }
            _ => {}
        }
    }
    Ok(Json(state.store.find_land(&filter, within, limit).await?))
}
