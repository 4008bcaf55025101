//! Parks and their parcels, as GeoJSON.

use axum::extract::State;
use axum::Json;
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
