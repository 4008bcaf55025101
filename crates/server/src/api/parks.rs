//! Parks and their parcels as GeoJSON, by park or by map viewport.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use parkatlas_core::geometry::{BoundingBox, MAX_ZOOM};
use parkatlas_core::wire::{ParcelCollection, ParkCollection};

use super::id::Id;
use crate::error::ApiError;
use crate::AppState;

pub async fn list(State(state): State<AppState>) -> Result<Json<ParkCollection>, ApiError> {
    Ok(Json(state.store.parks().await?))
}

pub async fn parcels(State(state): State<AppState>, Id(park_id): Id) -> Result<Json<ParcelCollection>, ApiError> {
    state.store.parcels_of_park(park_id).await?.map(Json).ok_or(ApiError::NotFound { resource: "park", id: park_id })
}

/// `?bbox=west,south,east,north&zoom=Z`: both required, checked before the database is asked.
#[derive(Debug, serde::Deserialize)]
pub struct ViewportQuery {
    bbox: Option<String>,
    zoom: Option<String>,
}

pub async fn parcels_in_view(
    State(state): State<AppState>,
    query: Result<Query<ViewportQuery>, QueryRejection>,
) -> Result<Json<ParcelCollection>, ApiError> {
    let invalid = |field: &str, message: String| ApiError::InvalidParameter { field: field.into(), message };
    let Query(query) = query.map_err(|rejection| invalid("query", rejection.body_text()))?;
    let bbox =
        query.bbox.ok_or_else(|| invalid("bbox", "bbox is required: west,south,east,north in degrees".into()))?;
    let view = BoundingBox::parse(&bbox).map_err(|problem| invalid("bbox", format!("bbox {bbox:?}: {problem}")))?;
    let zoom =
        query.zoom.ok_or_else(|| invalid("zoom", format!("zoom is required: a whole number from 0 to {MAX_ZOOM}")))?;
    let zoom = zoom
        .parse::<u8>()
        .ok()
        .filter(|z| *z <= MAX_ZOOM)
        .ok_or_else(|| invalid("zoom", format!("zoom {zoom:?} must be a whole number from 0 to {MAX_ZOOM}")))?;
    Ok(Json(state.store.parcels_in_view(view, zoom).await?))
}
