//! Signing in and out. A login sets an HttpOnly, SameSite=Strict session cookie and
//! returns the CSRF token the client must echo on every state-changing request.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use parkatlas_core::wire::{DemoAccounts, ErrorBody, Login, SessionInfo};

use super::body::JsonBody;
use crate::auth::limits::ClientAddress;
use crate::auth::{password, token, Caller, SESSION_COOKIE};
use crate::error::ApiError;
use crate::AppState;

/// How long a session lasts: a working week, so an official signs in about once a week.
const SESSION_SECONDS: i64 = 7 * 24 * 3600;

/// The signed-in caller and its CSRF token.
#[utoipa::path(get, path = "/session", tag = "session",
    responses((status = 200, body = SessionInfo), (status = 401, body = ErrorBody)))]
pub async fn current(caller: Caller) -> Result<Json<SessionInfo>, ApiError> {
    match caller {
        Caller::User { session, .. } => Ok(Json(SessionInfo { user: session.user, csrf_token: session.csrf_token })),
        Caller::Public => Err(ApiError::LoginRequired),
    }
}

/// Signs in with a username and password (rate-limited per client address).
#[utoipa::path(post, path = "/session", tag = "session", request_body = Login,
    responses((status = 201, body = SessionInfo), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    client: ClientAddress,
    JsonBody(login): JsonBody<Login>,
) -> Result<Response, ApiError> {
    state.limits.check_login(client)?;
    let found = state.store.credentials(&login.username).await?;
    // An unknown name is checked against a decoy hash so that it takes as long as a wrong password.
    let stored = found.as_ref().map_or(password::decoy(), |(_, hash)| hash.as_str());
    let verified = password::verify(&login.password, stored);
    let Some((user, _)) = found.filter(|_| verified) else { return Err(ApiError::BadCredentials) };
    let (session_token, csrf_token) = (token::new(), token::new());
    let expires_at = chrono::Utc::now().timestamp() + SESSION_SECONDS;
    state.store.open_session(user.id, &token::digest(&session_token), &csrf_token, expires_at).await?;
    tracing::info!(user = %user.username, "signed in");
    let cookie = format!(
        "{SESSION_COOKIE}={session_token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={SESSION_SECONDS}{}",
        if state.secure_cookies { "; Secure" } else { "" }
    );
    let mut response = (StatusCode::CREATED, Json(SessionInfo { user, csrf_token })).into_response();
    response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(anyhow::Error::from)?);
    Ok(response)
}

/// Signs out: the session ends on the server and the cookie is cleared.
#[utoipa::path(delete, path = "/session", tag = "session",
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn logout(State(state): State<AppState>, caller: Caller) -> Result<Response, ApiError> {
    let Caller::User { token_hash, .. } = caller else { return Err(ApiError::LoginRequired) };
    state.store.close_session(&token_hash).await?;
    let cleared = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cleared)]).into_response())
}

/// The demo accounts and their password when the database holds the demo dataset, so that
/// the sign-in page can offer them; otherwise none.
#[utoipa::path(get, path = "/demo-accounts", tag = "session", responses((status = 200, body = DemoAccounts)))]
pub async fn demo_accounts(State(state): State<AppState>) -> Result<Json<DemoAccounts>, ApiError> {
    if !state.store.holds_demo_data().await? {
        return Ok(Json(DemoAccounts::default()));
    }
    Ok(Json(crate::demo::accounts::offered()))
}
