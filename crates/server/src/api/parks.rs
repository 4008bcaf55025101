//! Parks: the public list and profile, and their editing by officers and admins.

use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use parkatlas_core::geometry::Shape;
use parkatlas_core::wire::{
    ErrorBody, Feature, FeatureCollection, ParcelCollection, ParcelProperties, ParkBody, ParkCollection,
    ParkProperties, ParkStatistics,
};

use super::body::JsonBody;
use super::enterprises::today_in_china;
use super::id::Id;
use super::sync::{self, IfMatch, IfNoneMatch, OperationId, Tagged};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::map::{NewPark, Versioned};
use crate::AppState;

/// The largest park boundary accepted, m² (1,000 km²; the largest national zones are a few hundred).
const MAX_PARK_AREA_M2: f64 = 1.0e9;

/// Every park as a GeoJSON FeatureCollection.
#[utoipa::path(get, path = "/parks", tag = "map", responses((status = 200, body = FeatureCollection<ParkProperties>)))]
pub async fn list(State(state): State<AppState>) -> Result<Json<ParkCollection>, ApiError> {
    Ok(Json(state.store.parks().await?))
}

/// One park with its full public profile.
#[utoipa::path(get, path = "/parks/{id}", tag = "map", params(("id" = i64, Path)),
    responses((status = 200, body = Feature<ParkProperties>), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Id(id): Id,
    cached: IfNoneMatch,
) -> Result<Tagged<Feature<ParkProperties>>, ApiError> {
    let park = state.store.park(id).await?.ok_or(ApiError::NotFound { resource: "park", id })?;
    Ok(cached.tag(park.properties.version, park))
}

/// Adds a park (city admins).
#[utoipa::path(post, path = "/parks", tag = "map", request_body = ParkBody,
    responses((status = 201, body = Feature<ParkProperties>), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    operation: OperationId,
    OriginalUri(uri): OriginalUri,
    JsonBody(body): JsonBody<ParkBody>,
) -> Result<Response, ApiError> {
    caller.require_admin()?;
    let park = checked(body)?;
    let mut write = match sync::begin(&state.store, &caller, operation, "POST", uri.path()).await? {
        Ok(write) => write,
        Err(replay) => return Ok(replay),
    };
    let record = state.store.add_park(&mut write, &park).await.map_err(|e| unique_name(e, &park))?;
    let outcome = sync::outcome(StatusCode::CREATED, &record, Some(record.properties.version))?;
    Ok(sync::respond(write.finish(outcome).await?))
}

/// Replaces a park's record (its officers, city admins).
#[utoipa::path(put, path = "/parks/{id}", tag = "map", params(("id" = i64, Path)), request_body = ParkBody,
    responses((status = 200, body = Feature<ParkProperties>), (status = 412, body = ErrorBody), (status = 428, body = ErrorBody)))]
pub async fn replace(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    operation: OperationId,
    OriginalUri(uri): OriginalUri,
    IfMatch(expected): IfMatch,
    JsonBody(body): JsonBody<ParkBody>,
) -> Result<Response, ApiError> {
    if !state.store.park_exists(id).await? {
        return Err(ApiError::NotFound { resource: "park", id });
    }
    caller.require_park(id)?;
    let park = checked(body)?;
    let mut write = match sync::begin(&state.store, &caller, operation, "PUT", uri.path()).await? {
        Ok(write) => write,
        Err(replay) => return Ok(replay),
    };
    let updated = state.store.replace_park(&mut write, id, expected, &park).await.map_err(|e| unique_name(e, &park))?;
    let record = match updated {
        Versioned::Done(record) => record,
        Versioned::Stale(current) => return Err(stale(expected, current)),
        Versioned::Missing => return Err(ApiError::NotFound { resource: "park", id }),
    };
    let outcome = sync::outcome(StatusCode::OK, &record, Some(record.properties.version))?;
    Ok(sync::respond(write.finish(outcome).await?))
}

/// The parcels of one park, with their full geometry.
#[utoipa::path(get, path = "/parks/{id}/parcels", tag = "map", params(("id" = i64, Path)),
    responses((status = 200, body = FeatureCollection<ParcelProperties>), (status = 404, body = ErrorBody)))]
pub async fn parcels(State(state): State<AppState>, Id(park_id): Id) -> Result<Json<ParcelCollection>, ApiError> {
    state.store.parcels_of_park(park_id).await?.map(Json).ok_or(ApiError::NotFound { resource: "park", id: park_id })
}

/// What the park's public profile counts: parcels and area by status, enterprises, how
/// many hold each kind of certificate today (in China), and its latest evaluation's class
/// counts. Counts only, never one enterprise's figures.
#[utoipa::path(get, path = "/parks/{id}/statistics", tag = "map", params(("id" = i64, Path)),
    responses((status = 200, body = ParkStatistics), (status = 404, body = ErrorBody)))]
pub async fn statistics(State(state): State<AppState>, Id(id): Id) -> Result<Json<ParkStatistics>, ApiError> {
    let statistics = state.store.park_statistics(id, today_in_china()).await?;
    statistics.map(Json).ok_or(ApiError::NotFound { resource: "park", id })
}

/// A park body that passed every check, with its boundary as a core shape.
fn checked(body: ParkBody) -> Result<NewPark, ApiError> {
    if let Some((field, problem)) = body.problem() {
        return Err(ApiError::invalid(field, problem));
    }
    let boundary = Shape::from_geojson(&body.boundary).map_err(|e| ApiError::invalid("boundary", e.to_string()))?;
    let area = boundary.area().0;
    if area > MAX_PARK_AREA_M2 {
        return Err(ApiError::invalid(
            "boundary",
            format!("encloses {:.0} km², more than the {:.0} km² a park may cover", area / 1e6, MAX_PARK_AREA_M2 / 1e6),
        ));
    }
    Ok(NewPark { body, boundary })
}

/// A 412 carrying the record as it now stands.
pub fn stale<T: serde::Serialize>(expected: i64, current: Feature<T>) -> ApiError {
    match serde_json::to_value(&current) {
        Ok(value) => ApiError::Stale { expected, version: version_of(&value), current: value },
        Err(error) => ApiError::Internal(error.into()),
    }
}

fn version_of(record: &serde_json::Value) -> i64 {
    record["properties"]["version"].as_i64().unwrap_or_default()
}

/// Park names are unique: a second park with the same name is a 409 naming the field.
fn unique_name(error: anyhow::Error, park: &NewPark) -> ApiError {
    match crate::store::unique_violation(&error) {
        true => {
            ApiError::Conflict { field: "name".into(), message: format!("a park is already named {}", park.body.name) }
        }
        false => ApiError::Internal(error),
    }
}
