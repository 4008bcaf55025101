//! Accounts, managed by city admins (`parkatlas user add` does the same from a shell).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use parkatlas_core::wire::{ErrorBody, NewUser, UserRecord};

use super::body::JsonBody;
use super::sync::Idempotent;
use crate::auth::guard::Admin;
use crate::error::ApiError;
use crate::AppState;

/// Every account (city admins).
#[utoipa::path(get, path = "/users", tag = "users",
    responses((status = 200, body = Vec<UserRecord>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, _: Admin) -> Result<Json<Vec<UserRecord>>, ApiError> {
    Ok(Json(state.store.users().await?))
}

/// Creates an account (city admins).
#[utoipa::path(post, path = "/users", tag = "users", request_body = NewUser,
    responses((status = 201, body = UserRecord), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    _: Admin,
    idempotent: Idempotent,
    JsonBody(user): JsonBody<NewUser>,
) -> Result<Response, ApiError> {
    let store = &state.store;
    idempotent
        .run(store, StatusCode::CREATED, async |mut write| {
            let record = add(store, &mut write, &user).await?;
            Ok((write, record))
        })
        .await
}

/// Checks and stores a new account within `write`: shared by the API and the command line.
pub async fn add(
    store: &crate::store::Store,
    write: &mut crate::store::Write,
    user: &NewUser,
) -> Result<UserRecord, ApiError> {
    if let Some((field, problem)) = user.problem() {
        return Err(ApiError::invalid(field, problem));
    }
    if store.username_taken(&user.username).await? {
        return Err(ApiError::Conflict {
            field: "username".into(),
            message: format!("the username {} is taken", user.username),
        });
    }
    if let Some(enterprise_id) = user.enterprise_id {
        if store.park_of_enterprise(enterprise_id).await?.is_none() {
            return Err(ApiError::invalid("enterprise_id", format!("no enterprise has id {enterprise_id}")));
        }
    }
    for park_id in &user.park_ids {
        if !store.park_exists(*park_id).await? {
            return Err(ApiError::invalid("park_ids", format!("no park has id {park_id}")));
        }
    }
    let hash = crate::auth::password::hash(&user.password)?;
    Ok(store.add_user(write, user, &hash).await?)
}
