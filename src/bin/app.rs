//! Browser entry point of the signed-in app under `/app/`: installs the panic hook, mounts
//! the app, and removes the splash that `app.html` shows while the WebAssembly downloads.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(parkatlas::signed_in::SignedInApp);
    if let Some(splash) = leptos::prelude::document().get_element_by_id("splash") {
        splash.remove();
    }
}
