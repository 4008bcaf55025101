//! The JSON API under `/api/v1`.
//!
//! | Method | Path | Returns |
//! |---|---|---|
//! | GET | `/api/v1/config` | [`ClientConfig`]: base map, demo flag, version |
//! | GET | `/api/v1/parks` | every park as a GeoJSON `FeatureCollection` |
//! | GET | `/api/v1/parks/{id}/parcels` | the parcels of one park as a GeoJSON `FeatureCollection` |
//! | GET | `/api/v1/parcels?bbox=w,s,e,n&zoom=z` | the parcels in a map viewport, simplified for the zoom |
//! | GET | `/healthz` | `ok` when the database answers |
//!
//! Errors are JSON [`parkatlas_core::wire::ErrorBody`]s; see [`crate::error`].

mod id;
mod parks;

use axum::extract::{OriginalUri, State};
use axum::routing::get;
use axum::{Json, Router};
use parkatlas_core::wire::ClientConfig;

use crate::error::ApiError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/config", get(config))
        .route("/parks", get(parks::list))
        .route("/parks/{id}/parcels", get(parks::parcels))
        .route("/parcels", get(parks::parcels_in_view))
        .fallback(no_such_endpoint)
}

async fn config(State(state): State<AppState>) -> Result<Json<ClientConfig>, ApiError> {
    Ok(Json(ClientConfig {
        tiles: state.tiles.clone(),
        demo_data: state.store.holds_demo_data().await?,
        version: env!("CARGO_PKG_VERSION").to_string(),
    }))
}

/// `OriginalUri`, because inside `nest` the path has lost its `/api/v1` prefix.
async fn no_such_endpoint(OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::NoSuchEndpoint(uri.path().to_string())
}
