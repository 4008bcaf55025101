//! Hands bytes to the browser as a file to save: a Blob behind a temporary object URL,
//! clicked through an `<a download>` that is never attached to the page.

use std::time::Duration;

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

use crate::js_error::js_error_text;

/// The type of an Excel workbook.
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The type of a GeoJSON file (RFC 7946).
pub const GEOJSON_TYPE: &str = "application/geo+json";

/// Offers `bytes` as `file_name`. Errors only when the browser refuses a Blob or a link
/// (the caller shows the message).
pub fn save(bytes: &[u8], file_name: &str, media_type: &str) -> Result<(), String> {
    let refused = |error: wasm_bindgen::JsValue| js_error_text(&error);
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(refused)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(refused)?;
    let link: HtmlAnchorElement = leptos::prelude::document()
        .create_element("a")
        .map_err(refused)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_string())?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // Some browsers read the URL after the click's task: let it go a minute later.
    leptos::prelude::set_timeout(move || drop(Url::revoke_object_url(&url)), Duration::from_secs(60));
    Ok(())
}
