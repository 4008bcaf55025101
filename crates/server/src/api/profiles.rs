//! Scoring profiles (spec §1.3, §1.4): anyone may read them, because a published
//! evaluation is only checkable against its rules; city admins add and edit them.
//!
//! - `GET /profiles`, `GET /profiles/{id}`: everyone.
//! - `POST /profiles`, `PUT /profiles/{id}` (`If-Match`): city admins. The body is a
//!   core `Profile`; its `id` is the profile's key, unique, and fixed once stored
//!   (to change it, POST a copy under the new key).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use parkatlas_core::efficiency::Profile;
use parkatlas_core::wire::{ErrorBody, ProfileRecord};

use super::body::JsonBody;
use super::id::Id;
use super::sync::{Idempotent, IfMatch, IfNoneMatch, Tagged};
use crate::auth::guard::{kinds, Admin, Manages};
use crate::error::ApiError;
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
    _: Admin,
    idempotent: Idempotent,
    JsonBody(profile): JsonBody<Profile>,
) -> Result<Response, ApiError> {
    let store = &state.store;
    idempotent
        .run(store, StatusCode::CREATED, async |mut write| {
            if store.profile_key_taken(&profile.id, None).await? {
                return Err(key_taken(&profile));
            }
            let added = store.add_profile(&mut write, &profile).await;
            let record = added.map_err(|error| match error.is_duplicate() {
                true => key_taken(&profile),
                false => error.into(),
            })?;
            Ok((write, record))
        })
        .await
}

/// Replaces a profile's rules (city admins). Runs already made keep their results and
/// name the profile version they used.
#[utoipa::path(put, path = "/profiles/{id}", tag = "evaluations", params(("id" = i64, Path)),
    request_body(content = Object, description = "a core Profile with the stored key as its id"),
    responses((status = 200, body = ProfileRecord), (status = 404, body = ErrorBody), (status = 412, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 428, body = ErrorBody)))]
pub async fn replace(
    State(state): State<AppState>,
    target: Manages<kinds::Profile>,
    idempotent: Idempotent,
    IfMatch(expected): IfMatch,
    JsonBody(profile): JsonBody<Profile>,
) -> Result<Response, ApiError> {
    let (store, id) = (&state.store, target.id);
    let missing = || ApiError::NotFound { resource: "profile", id };
    idempotent
        .run(store, StatusCode::OK, async |mut write| {
            let stored = store.profile(id).await?.ok_or_else(missing)?;
            if profile.id != stored.key {
                return Err(ApiError::invalid(
                    "id",
                    format!(
                        "this profile's key is {}; a key is fixed once stored, so POST a copy to give it the key {}",
                        stored.key, profile.id
                    ),
                ));
            }
            let replaced = store.replace_profile(&mut write, id, expected, &profile).await?;
            Ok((write, replaced.settled(expected, missing())?))
        })
        .await
}

fn key_taken(profile: &Profile) -> ApiError {
    ApiError::Conflict {
        field: "id".into(),
        message: format!("a profile with the key {} exists; edit it, or choose another key", profile.id),
    }
}
