//! Who is signed in. The session comes from `GET /session`; the account is remembered on
//! the device so that the app opens offline; a session that ends mid-work is renewed in
//! place (a dialog over the page), so that nothing typed is lost.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use parkatlas_core::wire::{Role, SessionInfo, UserRecord};

use crate::api::account;
use crate::api::ApiFailure;

/// The account of the last sign-in on this device, for opening offline.
const USER_KEY: &str = "parkatlas.user";
/// The role alone, which the public atlas reads to offer 我的企业 or 工作台 instead of
/// 登录 without loading any of the signed-in app's code.
pub const ROLE_KEY: &str = "parkatlas.role";

#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// Asking the server.
    Checking,
    /// No session on this device.
    SignedOut,
    /// Signed in. Without a `csrf_token` the app runs offline on the remembered account,
    /// and fetches the token once the server answers again.
    SignedIn { user: UserRecord, csrf_token: Option<String> },
}

/// The session of the signed-in app, provided once by the app's root.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    state: RwSignal<SessionState>,
    /// The server answered 401 during work: the sign-in dialog shows over the page.
    lapsed: RwSignal<bool>,
}

impl Session {
    /// Creates the session, provides it as context and starts asking the server.
    pub fn provide() -> Session {
        let remembered: Option<UserRecord> = LocalStorage::get(USER_KEY).ok();
        let state = if remembered.is_some() { SessionState::Checking } else { SessionState::SignedOut };
        let session = Session { state: RwSignal::new(state), lapsed: RwSignal::new(false) };
        provide_context(session);
        if let Some(user) = remembered {
            leptos::task::spawn_local(async move { session.resume(user).await });
        }
        session
    }

    /// Asks the server for the session of the remembered account `user`.
    async fn resume(self, user: UserRecord) {
        match account::session().await {
            Ok(info) => self.signed_in(info),
            // Offline: the remembered account opens what the device keeps.
            Err(ApiFailure::Network) => self.state.set(SessionState::SignedIn { user, csrf_token: None }),
            Err(_) => self.forget(),
        }
    }

    pub fn state(&self) -> SessionState {
        self.state.get()
    }

    /// The signed-in account, tracked.
    pub fn user(&self) -> Option<UserRecord> {
        self.state.with(|state| match state {
            SessionState::SignedIn { user, .. } => Some(user.clone()),
            _ => None,
        })
    }

    pub fn role(&self) -> Option<Role> {
        self.user().map(|user| user.role)
    }

    pub fn lapsed(&self) -> bool {
        self.lapsed.get()
    }

    /// The CSRF token for a write, asking the server for it when the app started offline.
    /// `Err` when there is no session to write with (the dialog then asks to sign in).
    pub async fn csrf_token(&self) -> Result<String, ApiFailure> {
        let token = self.state.with_untracked(|state| match state {
            SessionState::SignedIn { csrf_token, .. } => csrf_token.clone(),
            _ => None,
        });
        if let Some(token) = token {
            return Ok(token);
        }
        let info = account::session().await.inspect_err(|failure| self.notice(failure))?;
        let token = info.csrf_token.clone();
        self.signed_in(info);
        Ok(token)
    }

    /// Records a successful sign-in.
    pub fn signed_in(&self, info: SessionInfo) {
        let _ = LocalStorage::set(USER_KEY, &info.user);
        let _ = LocalStorage::set(ROLE_KEY, role_code(info.user.role));
        self.state.set(SessionState::SignedIn { user: info.user, csrf_token: Some(info.csrf_token) });
        self.lapsed.set(false);
    }

    /// Looks at a failed call: a 401 while signed in means the session ended on the server.
    pub fn notice(&self, failure: &ApiFailure) {
        let signed_in = self.state.with_untracked(|state| matches!(state, SessionState::SignedIn { .. }));
        if signed_in && matches!(failure, ApiFailure::Status { status: 401, .. }) {
            self.lapsed.set(true);
        }
    }

    /// Ends the session on the server (when it answers) and on this device.
    pub async fn sign_out(&self) {
        if let Ok(token) = self.csrf_token().await {
            let _ = account::sign_out(&token, &crate::api::new_operation_id()).await;
        }
        self.forget();
    }

    fn forget(&self) {
        LocalStorage::delete(USER_KEY);
        LocalStorage::delete(ROLE_KEY);
        self.state.set(SessionState::SignedOut);
        self.lapsed.set(false);
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The role as the public atlas reads it from [`ROLE_KEY`].
fn role_code(role: Role) -> &'static str {
    match role {
        Role::Enterprise => "enterprise",
        Role::Officer => "officer",
        Role::Admin => "admin",
    }
}
