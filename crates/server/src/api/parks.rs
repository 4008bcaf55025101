//! Parks: the public list and profile, and their editing by officers and admins.

use axum::extract::State;
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
use super::sync::{Idempotent, IfMatch, IfNoneMatch, Tagged};
use crate::auth::guard::{kinds, Admin, Manages};
use crate::error::ApiError;
use crate::store::map::NewPark;
use crate::store::StoreError;
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
    _: Admin,
    idempotent: Idempotent,
    JsonBody(body): JsonBody<ParkBody>,
) -> Result<Response, ApiError> {
    let (store, park) = (&state.store, checked(body)?);
    idempotent
        .run(store, StatusCode::CREATED, async |mut write| {
            let record = store.add_park(&mut write, &park).await.map_err(|e| unique_name(e, &park))?;
            Ok((write, record))
        })
        .await
}

/// Replaces a park's record (its officers, city admins).
#[utoipa::path(put, path = "/parks/{id}", tag = "map", params(("id" = i64, Path)), request_body = ParkBody,
    responses((status = 200, body = Feature<ParkProperties>), (status = 412, body = ErrorBody), (status = 428, body = ErrorBody)))]
pub async fn replace(
    State(state): State<AppState>,
    target: Manages<kinds::Park>,
    idempotent: Idempotent,
    IfMatch(expected): IfMatch,
    JsonBody(body): JsonBody<ParkBody>,
) -> Result<Response, ApiError> {
    let (store, id, park) = (&state.store, target.id, checked(body)?);
    idempotent
        .run(store, StatusCode::OK, async |mut write| {
            let replaced =
                store.replace_park(&mut write, id, expected, &park).await.map_err(|e| unique_name(e, &park))?;
            Ok((write, replaced.settled(expected, ApiError::NotFound { resource: "park", id })?))
        })
        .await
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

/// A park body with its boundary as a core shape, within the size a park may have (its
/// own rules were checked as it was read).
fn checked(body: ParkBody) -> Result<NewPark, ApiError> {
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

/// Park names are unique: a second park with the same name is a 409 naming the field.
fn unique_name(error: StoreError, park: &NewPark) -> ApiError {
    match error.is_duplicate() {
        true => {
            ApiError::Conflict { field: "name".into(), message: format!("a park is already named {}", park.body.name) }
        }
        false => error.into(),
    }
}
