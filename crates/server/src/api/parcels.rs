//! Parcels: viewport queries for the map, one parcel's full record, and their editing
//! by the officers of their park and by admins.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use parkatlas_core::geometry::{BoundingBox, MAX_ZOOM};
use parkatlas_core::wire::{
    ErrorBody, Feature, FeatureCollection, ParcelBody, ParcelCollection, ParcelImport, ParcelProperties,
    ParcelsImported,
};

use super::body::{JsonBody, Params};
use super::id::Id;
use super::sync::{stale, Idempotent, IfMatch, IfNoneMatch, Tagged, Unversioned};
use crate::auth::guard::{kinds, Manages};
use crate::auth::{Caller, Owner, Scope};
use crate::error::ApiError;
use crate::store::{NewParcel, Store, Versioned};
use crate::AppState;

/// `?bbox=west,south,east,north&zoom=Z`: both required, checked before the database is asked.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct ViewportQuery {
    /// west,south,east,north in degrees (WGS-84).
    bbox: Option<String>,
    /// The map's zoom level, 0 to 22; it selects how far geometry is simplified.
    zoom: Option<String>,
}

/// The parcels in a map viewport, simplified for its zoom.
#[utoipa::path(get, path = "/parcels", tag = "map", params(ViewportQuery),
    responses((status = 200, body = FeatureCollection<ParcelProperties>), (status = 400, body = ErrorBody)))]
pub async fn in_view(
    State(state): State<AppState>,
    Params(query): Params<ViewportQuery>,
) -> Result<Json<ParcelCollection>, ApiError> {
    let invalid = |field: &str, message: String| ApiError::InvalidParameter { field: field.into(), message };
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

/// One parcel with its supply mode, 标准地 terms and occupant; its development figures
/// only for the occupant's users, the park's officers and admins.
#[utoipa::path(get, path = "/parcels/{id}", tag = "map", params(("id" = i64, Path)),
    responses((status = 200, body = Feature<ParcelProperties>), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    cached: IfNoneMatch,
) -> Result<Tagged<Feature<ParcelProperties>>, ApiError> {
    let parcel = state.store.parcel(id).await?.ok_or(ApiError::NotFound { resource: "parcel", id })?;
    Ok(cached.tag(parcel.properties.version, view(&caller.scope(), parcel)))
}

/// A parcel as a caller with `scope` may see it: the figures of what its occupant builds
/// and earns there are that enterprise's private data, however public the land itself is
/// (without an occupant, they are the park's).
pub(crate) fn view(scope: &Scope, mut parcel: Feature<ParcelProperties>) -> Feature<ParcelProperties> {
    let park_id = Some(parcel.properties.park_id);
    if let Some(details) = parcel.properties.details.as_mut() {
        if !scope.sees(Owner { park_id, enterprise_id: details.occupant_id }) {
            details.development = None;
        }
    }
    parcel
}

/// Adds a parcel to a park (its officers, city admins).
#[utoipa::path(post, path = "/parks/{id}/parcels", tag = "map", params(("id" = i64, Path)), request_body = ParcelBody,
    responses((status = 201, body = Feature<ParcelProperties>), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    park: Manages<kinds::Park>,
    idempotent: Idempotent,
    JsonBody(body): JsonBody<ParcelBody>,
) -> Result<Response, ApiError> {
    let store = &state.store;
    idempotent
        .run(store, StatusCode::CREATED, async |mut write| {
            let parcel = checked(store, body, None).await?;
            let record = store.add_parcel(&mut write, park.id, &parcel).await?;
            Ok((write, record))
        })
        .await
}

/// Adds many parcels to a park in one write, all or none (its officers, city admins): the
/// import page's last step, after it has shown every problem of the file. Each parcel is
/// checked as `POST /parks/{id}/parcels` checks it; the first bad one is named by its
/// index (`parcels[2].code`) and nothing is stored.
#[utoipa::path(post, path = "/parks/{id}/parcels/import", tag = "map", params(("id" = i64, Path)),
    request_body = ParcelImport,
    responses((status = 201, body = ParcelsImported), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    park: Manages<kinds::Park>,
    idempotent: Idempotent,
    JsonBody(body): JsonBody<ParcelImport>,
) -> Result<Response, ApiError> {
    let store = &state.store;
    idempotent
        .run(store, StatusCode::CREATED, async |mut write| {
            let mut ids = Vec::with_capacity(body.parcels.len());
            for (index, body) in body.parcels.into_iter().enumerate() {
                let parcel =
                    checked(store, body, None).await.map_err(|error| error.within(&format!("parcels[{index}]")))?;
                ids.push(store.add_parcel_id(&mut write, park.id, &parcel).await?);
            }
            Ok((write, Unversioned(ParcelsImported { ids })))
        })
        .await
}

/// Replaces a parcel's record (officers of its park, city admins).
#[utoipa::path(put, path = "/parcels/{id}", tag = "map", params(("id" = i64, Path)), request_body = ParcelBody,
    responses((status = 200, body = Feature<ParcelProperties>), (status = 412, body = ErrorBody), (status = 428, body = ErrorBody)))]
pub async fn replace(
    State(state): State<AppState>,
    parcel: Manages<kinds::Parcel>,
    idempotent: Idempotent,
    IfMatch(expected): IfMatch,
    JsonBody(body): JsonBody<ParcelBody>,
) -> Result<Response, ApiError> {
    let (store, id) = (&state.store, parcel.id);
    idempotent
        .run(store, StatusCode::OK, async |mut write| {
            let parcel = checked(store, body, Some(id)).await?;
            let replaced = store.replace_parcel(&mut write, id, expected, &parcel).await?;
            Ok((write, replaced.settled(expected, ApiError::NotFound { resource: "parcel", id })?))
        })
        .await
}

/// Deletes a parcel (officers of its park, city admins); clients learn of it as a tombstone.
#[utoipa::path(delete, path = "/parcels/{id}", tag = "map", params(("id" = i64, Path)),
    responses((status = 204), (status = 412, body = ErrorBody), (status = 428, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    parcel: Manages<kinds::Parcel>,
    idempotent: Idempotent,
    IfMatch(expected): IfMatch,
) -> Result<Response, ApiError> {
    let (store, id) = (&state.store, parcel.id);
    let missing = || ApiError::NotFound { resource: "parcel", id };
    idempotent
        .run(store, StatusCode::NO_CONTENT, async |mut write| {
            match store.delete_parcel(&mut write, id, expected).await? {
                Versioned::Done(()) => Ok((write, ())),
                Versioned::Stale(()) => {
                    drop(write);
                    Err(stale(expected, &store.parcel(id).await?.ok_or_else(missing)?))
                }
                Versioned::Missing => Err(missing()),
            }
        })
        .await
}

/// A parcel body that passed every check, with its geometry as a core shape. `except` is
/// the parcel being replaced, which may keep its own code. `parkatlas import parcels`
/// checks each feature with this too, so a file is held to the rules of the API.
pub(crate) async fn checked(store: &Store, body: ParcelBody, except: Option<i64>) -> Result<NewParcel, ApiError> {
    if let Some((field, problem)) = body.problem() {
        return Err(ApiError::invalid(field, problem));
    }
    let geometry = body.outline().map_err(|problem| ApiError::invalid("geometry", problem))?;
    if let Some(occupant) = body.details.occupant_id {
        if store.park_of_enterprise(occupant).await?.is_none() {
            return Err(ApiError::invalid("details.occupant_id", format!("no enterprise has id {occupant}")));
        }
    }
    if store.parcel_code_taken(&body.code, except).await? {
        return Err(ApiError::Conflict {
            field: "code".into(),
            message: format!("another parcel has code {}", body.code),
        });
    }
    Ok(NewParcel { body, geometry })
}
