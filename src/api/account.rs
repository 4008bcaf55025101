//! Signing in and out: `GET`, `POST` and `DELETE /session`, and the demo accounts the
//! sign-in page offers.

use gloo_net::http::{Method, Request};
use parkatlas_core::wire::{DemoAccounts, ErrorBody, Login, SessionInfo};

use super::{get_json, status_failure, write, ApiFailure, WriteFailure, WriteHeaders};

/// Why a sign-in was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum SignInFailure {
    /// HTTP 401: the username or the password is wrong (the server does not say which).
    BadCredentials,
    /// HTTP 429: too many attempts from this address; try again after this many seconds.
    Wait { seconds: u64 },
    /// Anything else, a field's problem included.
    Failed(ApiFailure),
}

/// The signed-in caller, or 401 ([`ApiFailure::Status`]) without a session.
pub async fn session() -> Result<SessionInfo, ApiFailure> {
    get_json("/api/v1/session").await
}

pub async fn demo_accounts() -> Result<DemoAccounts, ApiFailure> {
    get_json("/api/v1/demo-accounts").await
}

/// Signs in; the server sets the session cookie.
pub async fn sign_in(login: &Login) -> Result<SessionInfo, SignInFailure> {
    let request =
        Request::post("/api/v1/session").json(login).map_err(|_| SignInFailure::Failed(ApiFailure::Unreadable))?;
    let response = request.send().await.map_err(|_| SignInFailure::Failed(ApiFailure::Network))?;
    match response.status() {
        201 => response.json().await.map_err(|_| SignInFailure::Failed(ApiFailure::Unreadable)),
        401 => Err(SignInFailure::BadCredentials),
        429 => {
            let seconds = response.headers().get("retry-after").and_then(|value| value.trim().parse().ok());
            Err(SignInFailure::Wait { seconds: seconds.unwrap_or(60) })
        }
        status => Err(SignInFailure::Failed(status_failure(status, response.json::<ErrorBody>().await.ok()))),
    }
}

/// Ends the session on the server.
pub async fn sign_out(csrf_token: &str, operation_id: &str) -> Result<(), ApiFailure> {
    let headers = WriteHeaders { csrf_token: Some(csrf_token), if_match: None, operation_id };
    write::<(), ()>(Method::DELETE, "/api/v1/session", &(), headers).await.map_err(|failure| match failure {
        WriteFailure::Failed(failure) => failure,
        WriteFailure::Conflict { .. } => ApiFailure::Unreadable,
    })
}
