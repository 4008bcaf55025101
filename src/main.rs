//! Browser entry point: installs the panic hook, mounts the app, and removes the
//! splash that `index.html` shows while the WebAssembly downloads.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(parkatlas::App);
    if let Some(splash) = leptos::prelude::document().get_element_by_id("splash") {
        splash.remove();
    }
}
