//! Scoring profiles (spec §1.3, §1.4): anyone may read them, because a published
//! evaluation is only checkable against its rules; city admins add and edit them.
//!
//! - `GET /profiles`, `GET /profiles/{id}`: everyone.
//! - `POST /profiles`, `PUT /profiles/{id}` (`If-Match`): city admins. The body is a
//!   core `Profile`; its `id` is the profile's key, unique, and fixed once stored
//!   (to change it, POST a copy under the new key).

use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use parkatlas_core::efficiency::Profile;
use parkatlas_core::wire::{profile_problem, ErrorBody, ProfileRecord};

use super::body::JsonBody;
use super::id::Id;
use super::sync::{self, IfMatch, IfNoneMatch, OperationId, Tagged};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::map::Versioned;
use crate::AppState;

/// Every stored profile, shipped ones first.
#[utoipa::path(get, path = "/profiles", tag = "evaluations", responses((status = 200, body = Vec<ProfileRecord>)))]
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<ProfileRecord>>, ApiError> {
    Ok(Json(state.store.profiles().await?))
}

/// One profile: its weights, benchmarks, class rule and what no source confirmed.
#[utoipa::path(get, path = "/profiles/{id}", tag = "evaluations", params(("id" = i64, Path)),
    responses((status = 200, body = ProfileRecord), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Id(id): Id,
    cached: IfNoneMatch,
) -> Result<Tagged<ProfileRecord>, ApiError> {
    let profile = state.store.profile(id).await?.ok_or(ApiError::NotFound { resource: "profile", id })?;
    Ok(cached.tag(profile.version, profile))
}

/// Adds a profile (city admins).
#[utoipa::path(post, path = "/profiles", tag = "evaluations", request_body(content = Object, description = "a core Profile"),
    responses((status = 201, body = ProfileRecord), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    operation: OperationId,
    OriginalUri(uri): OriginalUri,
    JsonBody(profile): JsonBody<Profile>,
) -> Result<Response, ApiError> {
    caller.require_admin()?;
    let mut write = match sync::begin(&state.store, &caller, operation, "POST", uri.path()).await? {
        Ok(write) => write,
        Err(replay) => return Ok(replay),
    };
    checked(&profile)?;
    if state.store.profile_key_taken(&profile.id, None).await? {
        return Err(key_taken(&profile));
    }
    let record = state.store.add_profile(&mut write, &profile).await.map_err(|error| {
        if crate::store::unique_violation(&error) {
            key_taken(&profile)
        } else {
            ApiError::Internal(error)
        }
    })?;
    let outcome = sync::outcome(StatusCode::CREATED, &record, Some(record.version))?;
    Ok(sync::respond(write.finish(outcome).await?))
}

/// Replaces a profile's rules (city admins). Runs already made keep their results and
/// name the profile version they used.
#[utoipa::path(put, path = "/profiles/{id}", tag = "evaluations", params(("id" = i64, Path)),
    request_body(content = Object, description = "a core Profile with the stored key as its id"),
    responses((status = 200, body = ProfileRecord), (status = 404, body = ErrorBody), (status = 412, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 428, body = ErrorBody)))]
pub async fn replace(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    operation: OperationId,
    OriginalUri(uri): OriginalUri,
    IfMatch(expected): IfMatch,
    JsonBody(profile): JsonBody<Profile>,
) -> Result<Response, ApiError> {
    let stored = state.store.profile(id).await?.ok_or(ApiError::NotFound { resource: "profile", id })?;
    caller.require_admin()?;
    let mut write = match sync::begin(&state.store, &caller, operation, "PUT", uri.path()).await? {
        Ok(write) => write,
        Err(replay) => return Ok(replay),
    };
    checked(&profile)?;
    if profile.id != stored.key {
        return Err(ApiError::invalid(
            "id",
            format!(
                "this profile's key is {}; a key is fixed once stored, so POST a copy to give it the key {}",
                stored.key, profile.id
            ),
        ));
    }
    let record = match state.store.replace_profile(&mut write, id, expected, &profile).await? {
        Versioned::Done(record) => record,
        Versioned::Stale(current) => return Err(stale(expected, current)),
        Versioned::Missing => return Err(ApiError::NotFound { resource: "profile", id }),
    };
    let outcome = sync::outcome(StatusCode::OK, &record, Some(record.version))?;
    Ok(sync::respond(write.finish(outcome).await?))
}

fn checked(profile: &Profile) -> Result<(), ApiError> {
    match profile_problem(profile) {
        Some((field, problem)) => Err(ApiError::invalid(field, problem)),
        None => Ok(()),
    }
}

fn key_taken(profile: &Profile) -> ApiError {
    ApiError::Conflict {
        field: "id".into(),
        message: format!("a profile with the key {} exists; edit it, or choose another key", profile.id),
    }
}

/// A 412 carrying the profile as it now stands.
fn stale(expected: i64, current: ProfileRecord) -> ApiError {
    match serde_json::to_value(&current) {
        Ok(value) => ApiError::Stale { expected, version: current.version, current: value },
        Err(error) => ApiError::Internal(error.into()),
    }
}
