//! The client of the `/api/v1` JSON API: one fetch helper that aborts when the
//! calling reactive scope is cleaned up, and one typed function per endpoint.

use gloo_net::http::Request;
use parkatlas_core::wire::{ClientConfig, ErrorBody, ParcelCollection, ParkCollection};
use serde::de::DeserializeOwned;

use crate::i18n::Texts;

/// Why a request did not produce data.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// No response: offline, server down, or the request was aborted.
    Network,
    /// The server answered with an error status and, usually, an [`ErrorBody`].
    Status { status: u16, message: Option<String> },
    /// The response was not the JSON this version of the app expects.
    Unreadable,
}

impl ApiFailure {
    /// What to tell a person, in their language.
    pub fn describe(&self, texts: &Texts) -> String {
        match self {
            ApiFailure::Network => texts.error_network.to_string(),
            ApiFailure::Status { status, message: Some(message) } => {
                format!("{} ({status}): {message}", texts.error_server)
            }
            ApiFailure::Status { status, message: None } => format!("{} ({status})", texts.error_server),
            ApiFailure::Unreadable => texts.error_unreadable.to_string(),
        }
    }
}

/// GETs `path` and decodes its JSON. An in-flight request is aborted when the
/// reactive owner that started it is disposed (e.g. the page is left), so a slow
/// mobile connection never delivers data into a page that is gone.
async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    let controller = send_wrapper::SendWrapper::new(web_sys::AbortController::new().ok());
    let signal = controller.as_ref().map(|c| c.signal());
    leptos::prelude::on_cleanup(move || {
        if let Some(controller) = controller.take() {
            controller.abort();
        }
    });
    let response = Request::get(path).abort_signal(signal.as_ref()).send().await.map_err(|_| ApiFailure::Network)?;
    if !response.ok() {
        let message = response.json::<ErrorBody>().await.ok().map(|body| body.error.message);
        return Err(ApiFailure::Status { status: response.status(), message });
    }
    response.json().await.map_err(|_| ApiFailure::Unreadable)
}

pub async fn config() -> Result<ClientConfig, ApiFailure> {
    get_json("/api/v1/config").await
}

pub async fn parks() -> Result<ParkCollection, ApiFailure> {
    get_json("/api/v1/parks").await
}

pub async fn parcels_of_park(park_id: i64) -> Result<ParcelCollection, ApiFailure> {
    get_json(&format!("/api/v1/parks/{park_id}/parcels")).await
}
