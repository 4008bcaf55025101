//! The client of the `/api/v1` JSON API: one fetch helper that aborts when the
//! calling reactive scope is cleaned up, one write helper ([`write`]), and one typed
//! function per endpoint.

pub mod account;
pub mod portal;
pub mod requests;
pub mod workspace;
mod write;

use gloo_net::http::{Method, Request, Response};
use parkatlas_core::geometry::BoundingBox;
use parkatlas_core::wire::{
    ChangePage, ClientConfig, EnterpriseRecord, ErrorBody, InquiryReceipt, LandFilter, LandSearch, NewInquiry,
    ParcelRecord, ParkCollection, ParkRecord, ParkStatistics,
};
use serde::de::DeserializeOwned;

pub use self::write::{upload, write, WriteFailure, WriteHeaders};
use crate::i18n::Texts;

/// Why a request did not produce data.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// No response: offline, server down, or the request was aborted.
    Network,
    /// The server answered with an error status and, usually, an [`ErrorBody`].
    Status { status: u16, message: Option<String>, field: Option<String> },
    /// The response was not the JSON this version of the app expects.
    Unreadable,
}

impl ApiFailure {
    /// What to tell a person, in their language.
    pub fn describe(&self, texts: &Texts) -> String {
        match self {
            ApiFailure::Network => texts.error_network.to_string(),
            ApiFailure::Status { status, message: Some(message), .. } => {
                format!("{} ({status}): {message}", texts.error_server)
            }
            ApiFailure::Status { status, message: None, .. } => format!("{} ({status})", texts.error_server),
            ApiFailure::Unreadable => texts.error_unreadable.to_string(),
        }
    }
}

/// An abort signal for a request, aborted when the reactive owner that started it is
/// disposed (e.g. the page is left or a newer request replaces it), so a slow mobile
/// connection never delivers data into a view that is gone.
fn abort_on_cleanup() -> Option<web_sys::AbortSignal> {
    let controller = send_wrapper::SendWrapper::new(web_sys::AbortController::new().ok());
    let signal = controller.as_ref().map(|c| c.signal());
    leptos::prelude::on_cleanup(move || {
        if let Some(controller) = controller.take() {
            controller.abort();
        }
    });
    signal
}

/// The response if its status is a success, else the failure its error body describes.
async fn checked(response: Response) -> Result<Response, ApiFailure> {
    if response.ok() {
        return Ok(response);
    }
    let body = response.json::<ErrorBody>().await.ok();
    Err(status_failure(response.status(), body))
}

/// The failure an error status and its body, if the body could be read, describe.
fn status_failure(status: u16, body: Option<ErrorBody>) -> ApiFailure {
    let (message, field) = body.map_or((None, None), |body| (Some(body.error.message), body.error.field));
    ApiFailure::Status { status, message, field }
}

/// A new id for a write, kept with it until an answer arrives (`Idempotency-Key`).
pub fn new_operation_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("op-{}-{}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e9) as u64))
}

async fn get(path: &str) -> Result<Response, ApiFailure> {
    let signal = abort_on_cleanup();
    let response = Request::get(path).abort_signal(signal.as_ref()).send().await.map_err(|_| ApiFailure::Network)?;
    checked(response).await
}

/// GETs `path` and decodes its JSON.
async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    get(path).await?.json().await.map_err(|_| ApiFailure::Unreadable)
}

pub async fn config() -> Result<ClientConfig, ApiFailure> {
    get_json("/api/v1/config").await
}

pub async fn parks() -> Result<ParkCollection, ApiFailure> {
    get_json("/api/v1/parks").await
}

pub async fn park(id: i64) -> Result<ParkRecord, ApiFailure> {
    get_json(&format!("/api/v1/parks/{id}")).await
}

pub async fn enterprise(id: i64) -> Result<EnterpriseRecord, ApiFailure> {
    get_json(&format!("/api/v1/enterprises/{id}")).await
}

/// The parcels an enterprise uses.
pub async fn enterprise_parcels(id: i64) -> Result<Vec<ParcelRecord>, ApiFailure> {
    get_json(&format!("/api/v1/enterprises/{id}/parcels")).await
}

pub async fn park_statistics(id: i64) -> Result<ParkStatistics, ApiFailure> {
    get_json(&format!("/api/v1/parks/{id}/statistics")).await
}

/// The parcels in a viewport as the response text: the map decodes it itself (see
/// `map::decode`) and times the decoding with the drawing.
pub async fn parcels_in_view(bbox: BoundingBox, zoom: u8) -> Result<String, ApiFailure> {
    let BoundingBox { west, south, east, north } = bbox;
    let path = format!("/api/v1/parcels?bbox={west:.6},{south:.6},{east:.6},{north:.6}&zoom={zoom}");
    get(&path).await?.text().await.map_err(|_| ApiFailure::Network)
}

pub async fn parcel(id: i64) -> Result<ParcelRecord, ApiFailure> {
    get_json(&format!("/api/v1/parcels/{id}")).await
}

/// Parcels matching `filter`, within `bbox` when given, largest first.
pub async fn find_land(filter: &LandFilter, bbox: Option<BoundingBox>, limit: u32) -> Result<LandSearch, ApiFailure> {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in filter.to_pairs() {
        query.append_pair(key, &value);
    }
    if let Some(BoundingBox { west, south, east, north }) = bbox {
        query.append_pair("bbox", &format!("{west:.6},{south:.6},{east:.6},{north:.6}"));
    }
    query.append_pair("limit", &limit.to_string());
    get_json(&format!("/api/v1/land?{}", query.finish())).await
}

/// The changes the caller may see after the cursor `since` (0 for everything), oldest first.
pub async fn changes(since: i64) -> Result<ChangePage, ApiFailure> {
    get_json(&format!("/api/v1/changes?since={since}")).await
}

/// Sends an inquiry, anonymously (the public app has no session). `operation_id` is kept
/// with the draft, so that resending after a lost answer is recognised by the server and
/// never files the inquiry twice.
pub async fn send_inquiry(
    inquiry: &NewInquiry,
    operation_id: &str,
) -> Result<InquiryReceipt, WriteFailure<InquiryReceipt>> {
    let headers = WriteHeaders { csrf_token: None, if_match: None, operation_id };
    write(Method::POST, "/api/v1/inquiries", inquiry, headers).await
}
