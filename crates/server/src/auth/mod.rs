//! Who is calling and what they may do. A request carries a session cookie or nothing;
//! [`Caller`] resolves it, and checks the CSRF token on every request that changes state.
//!
//! The rules, in one place:
//! - anyone may read public records (parks, parcels, public enterprise facts,
//!   certificates, profiles, published cut-offs) and send an investment inquiry;
//! - an enterprise user may read and file what belongs to its own enterprise;
//! - a park officer may read and change what belongs to its parks;
//! - a city admin may do everything;
//! - an Open311 client with an enterprise's API key acts as that enterprise's account.
//!
//! [`Scope`] turns an account into the parks and enterprises it reaches; the extractors of
//! [`guard`] check a caller against the record a path names before the body is read, so a
//! caller who may not act learns nothing of what the body should have held.

pub mod guard;
pub mod limits;
pub mod password;
mod scope;
pub mod token;

pub use scope::{Open311Reach, Owner, Scope};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method};
use parkatlas_core::wire::UserRecord;

use crate::error::ApiError;
use crate::store::users::SessionUser;
use crate::store::Store;
use crate::AppState;

/// The session cookie: HttpOnly, so page scripts never see it; SameSite=Strict, so other
/// sites' pages never send it.
pub const SESSION_COOKIE: &str = "parkatlas_session";
/// The header that must repeat the session's CSRF token on every state-changing request.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The caller of a request.
#[derive(Debug, Clone)]
pub enum Caller {
    Public,
    User { session: SessionUser, token_hash: String },
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        // Guards and the write extractor ask for the caller too: one session lookup per request.
        if let Some(caller) = parts.extensions.get::<Caller>() {
            return Ok(caller.clone());
        }
        let caller = Caller::resolve(parts, state).await?;
        parts.extensions.insert(caller.clone());
        Ok(caller)
    }
}

impl Caller {
    async fn resolve(parts: &Parts, state: &AppState) -> Result<Caller, ApiError> {
        let Some(token) = session_token(parts) else { return Ok(Caller::Public) };
        let token_hash = token::digest(&token);
        let Some(session) = state.store.session(&token_hash).await? else { return Ok(Caller::Public) };
        if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            match sent {
                None => return Err(ApiError::Csrf("send the session's csrf_token in the X-CSRF-Token header")),
                Some(sent) if !token::same(sent, &session.csrf_token) => {
                    return Err(ApiError::Csrf("the X-CSRF-Token header does not match this session"))
                }
                Some(_) => {}
            }
        }
        Ok(Caller::User { session, token_hash })
    }
}

/// The account an Open311 `api_key` acts as; `None` for a key that was never issued or was revoked.
pub async fn api_key_account(store: &Store, key: &str) -> Result<Option<UserRecord>, ApiError> {
    Ok(store.api_key_user(&token::digest(key)).await?)
}

fn session_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|cookie| cookie.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
}

impl Caller {
    pub fn user(&self) -> Option<&UserRecord> {
        match self {
            Caller::Public => None,
            Caller::User { session, .. } => Some(&session.user),
        }
    }

    /// The account, or 401.
    pub fn signed_in(&self) -> Result<&UserRecord, ApiError> {
        self.user().ok_or(ApiError::LoginRequired)
    }

    /// The parks and enterprises this caller reaches.
    pub fn scope(&self) -> Scope {
        Scope::of(self.user())
    }

    /// 401 for the public, 403 for an account that does not manage `owner`'s records.
    pub fn require_manages(&self, owner: Owner) -> Result<&UserRecord, ApiError> {
        let user = self.signed_in()?;
        self.scope().check_manages(owner)?;
        Ok(user)
    }

    /// 401 for the public, 403 for accounts that may not see `owner`'s private records.
    pub fn require_sees(&self, owner: Owner) -> Result<&UserRecord, ApiError> {
        let user = self.signed_in()?;
        self.scope().check_sees(owner)?;
        Ok(user)
    }

    /// What scopes this caller's client operation ids: ids of two callers never meet.
    pub fn operation_scope(&self) -> String {
        operation_scope(self.user())
    }
}

/// What scopes the client operation ids of `user` (or the public): the same for its
/// sessions and its API keys, which act as the account.
pub fn operation_scope(user: Option<&UserRecord>) -> String {
    match user {
        Some(user) => format!("user-{}", user.id),
        None => "public".into(),
    }
}
