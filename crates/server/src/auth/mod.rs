//! Who is calling and what they may do. A request carries a session cookie or nothing;
//! [`Caller`] resolves it, and checks the CSRF token on every request that changes state.
//!
//! The rules, in one place:
//! - anyone may read public records (parks, parcels, public enterprise facts,
//!   certificates, profiles, published cut-offs) and send an investment inquiry;
//! - an enterprise user may read and file what belongs to its own enterprise;
//! - a park officer may read and change what belongs to its parks;
//! - a city admin may do everything.

pub mod limits;
pub mod password;
pub mod token;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method};
use parkatlas_core::wire::{Role, UserRecord};

use crate::error::ApiError;
use crate::store::users::SessionUser;
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

    pub fn is_admin(&self) -> bool {
        self.user().is_some_and(|user| user.role == Role::Admin)
    }

    /// An officer of `park_id`, or an admin.
    pub fn manages_park(&self, park_id: i64) -> bool {
        self.user().is_some_and(|user| match user.role {
            Role::Admin => true,
            Role::Officer => user.park_ids.contains(&park_id),
            Role::Enterprise => false,
        })
    }

    /// May see the private records of enterprise `enterprise_id` in park `park_id`: its own
    /// users, the park's officers, admins.
    pub fn sees_enterprise(&self, enterprise_id: i64, park_id: i64) -> bool {
        self.manages_park(park_id) || self.user().is_some_and(|user| user.enterprise_id == Some(enterprise_id))
    }

    /// May see what a parcel's occupant builds and earns on it (output, tax, energy): the
    /// occupant's own users, the park's officers, admins. Without an occupant, its officers.
    pub fn sees_parcel_figures(&self, park_id: i64, occupant_id: Option<i64>) -> bool {
        match occupant_id {
            Some(enterprise_id) => self.sees_enterprise(enterprise_id, park_id),
            None => self.manages_park(park_id),
        }
    }

    /// 401 for the public, 403 for an account that does not manage `park_id`.
    pub fn require_park(&self, park_id: i64) -> Result<&UserRecord, ApiError> {
        let user = self.signed_in()?;
        if self.manages_park(park_id) {
            Ok(user)
        } else {
            Err(ApiError::Forbidden(format!("only officers of park {park_id} and city admins may do this")))
        }
    }

    pub fn require_admin(&self) -> Result<&UserRecord, ApiError> {
        let user = self.signed_in()?;
        if user.role == Role::Admin {
            Ok(user)
        } else {
            Err(ApiError::Forbidden("only city admins may do this".into()))
        }
    }

    /// 401 for the public, 403 for accounts that may not see this enterprise's own records.
    pub fn require_enterprise(&self, enterprise_id: i64, park_id: i64) -> Result<&UserRecord, ApiError> {
        let user = self.signed_in()?;
        if self.sees_enterprise(enterprise_id, park_id) {
            Ok(user)
        } else {
            Err(ApiError::Forbidden(format!(
                "enterprise {enterprise_id}'s records are open to its own users, its park's officers and city admins"
            )))
        }
    }

    /// What scopes this caller's client operation ids: ids of two callers never meet.
    pub fn operation_scope(&self) -> String {
        match self.user() {
            Some(user) => format!("user-{}", user.id),
            None => "public".into(),
        }
    }
}
