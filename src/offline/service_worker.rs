//! Registers `public/sw.js`, the service worker that keeps the app shell (`/app/index.html`
//! and the hashed assets) for opening without a connection. Its scope is the signed-in app
//! alone: the public atlas is not cached.

use js_sys::Reflect;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::RegistrationOptions;

use crate::js_error::js_error_text;

pub fn register() {
    let Some(navigator) = web_sys::window().map(|window| window.navigator()) else { return };
    // Absent outside secure contexts (plain http to another machine): the app then needs a connection.
    if !Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let options = RegistrationOptions::new();
    options.set_scope("/app/");
    let registered = navigator.service_worker().register_with_options("/app/sw.js", &options);
    leptos::task::spawn_local(async move {
        if let Err(why) = JsFuture::from(registered).await {
            leptos::logging::warn!("the app will not open offline: {}", js_error_text(&why));
        }
    });
}
