//! API keys of Open311 clients, managed by city admins (`parkatlas user api-key` does the
//! same from a shell). A key acts as one enterprise account at `/open311/v2`.
//!
//! - `POST /users/{id}/api-keys`: issues a key; the answer is the only place it appears.
//! - `GET /users/{id}/api-keys`: the account's keys, without the keys themselves.
//! - `DELETE /users/{id}/api-keys/{key_id}`: revokes one at once.

use axum::extract::{RawPathParams, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use parkatlas_core::wire::{ApiKeyRecord, ErrorBody, IssuedApiKey, NewApiKey, Role, UserRecord};

use super::body::JsonBody;
use super::id::{path_param, positive};
use super::sync::{Idempotent, Unversioned};
use crate::auth::guard::{kinds, Manages};
use crate::auth::token;
use crate::error::ApiError;
use crate::store::{Store, Write};
use crate::AppState;

/// Issues a key to an enterprise account (city admins). The answer holds the key, once:
/// it is not kept for a replay of the same `Idempotency-Key`, since only its digest is
/// stored; a retried issue makes a second key (list and revoke the spare).
#[utoipa::path(post, path = "/users/{id}/api-keys", tag = "users", params(("id" = i64, Path)), request_body = NewApiKey,
    responses((status = 201, body = IssuedApiKey), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    account: Manages<kinds::User>,
    JsonBody(body): JsonBody<NewApiKey>,
) -> Result<Response, ApiError> {
    let store = &state.store;
    let user = store.user(account.id).await?.ok_or(ApiError::NotFound { resource: "user", id: account.id })?;
    Idempotent::unrecorded()
        .run(store, StatusCode::CREATED, async |mut write| {
            let issued = issue(store, &mut write, &user, &body.label).await?;
            Ok((write, Unversioned(issued)))
        })
        .await
}

/// Issues a key to `user` within `write`: shared by the API and the command line.
pub async fn issue(store: &Store, write: &mut Write, user: &UserRecord, label: &str) -> Result<IssuedApiKey, ApiError> {
    if user.role != Role::Enterprise {
        return Err(ApiError::invalid(
            "id",
            format!(
                "{} is not an enterprise account: a key files requests as an enterprise, so issue it to one of \
                 the enterprise's users",
                user.username
            ),
        ));
    }
    let key = token::new();
    let record = store.add_api_key(write, user.id, &token::digest(&key), label.trim()).await?;
    Ok(IssuedApiKey { record, key })
}

/// An account's keys, oldest first, without the keys themselves (city admins).
#[utoipa::path(get, path = "/users/{id}/api-keys", tag = "users", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ApiKeyRecord>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    account: Manages<kinds::User>,
) -> Result<Json<Vec<ApiKeyRecord>>, ApiError> {
    Ok(Json(state.store.api_keys(account.id).await?))
}

/// Revokes a key (city admins): Open311 refuses it from the next request on. Keys are
/// never edited, so this takes no `If-Match`.
#[utoipa::path(delete, path = "/users/{id}/api-keys/{key_id}", tag = "users",
    params(("id" = i64, Path), ("key_id" = i64, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    account: Manages<kinds::User>,
    idempotent: Idempotent,
    params: RawPathParams,
) -> Result<Response, ApiError> {
    let (store, user_id) = (&state.store, account.id);
    let key_id = positive("key_id", path_param(&params, "key_id"))?;
    idempotent
        .run(store, StatusCode::NO_CONTENT, async |mut write| {
            if !store.delete_api_key(&mut write, user_id, key_id).await? {
                return Err(ApiError::NotFound { resource: "API key", id: key_id });
            }
            Ok((write, ()))
        })
        .await
}
