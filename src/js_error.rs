//! A JavaScript error as text a person can read, without `Debug` (which the Debian wasm build
//! compiles away).

use wasm_bindgen::JsValue;

/// The error's own `toString`, the browser's wording such as "SecurityError: …".
pub fn js_error_text(error: &JsValue) -> String {
    String::from(js_sys::Object::from(error.clone()).to_string())
}
