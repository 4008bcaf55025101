//! parkatlas SPA (园区一张图): a Leptos client-side app compiled to WebAssembly.
//!
//! - [`App`]: the public atlas's router and page frame (header, language switch);
//!   [`signed_in::SignedInApp`]: the signed-in app's, a second binary (`src/bin/app.rs`).
//! - [`pages`]: one module per page; the only code that calls the API.
//! - [`components`]: pieces that get data and emit callbacks, `shared` by every section or
//!   belonging to one (`public`).
//! - [`map`]: the one module that touches Leaflet.
//! - [`api`]: the fetch and write helpers and typed endpoints of `/api/v1`.
//! - [`offline`]: the signed-in app's service worker, replica of the account's records and
//!   outbox of writes (never used by the public atlas).
//! - [`export`]: Excel workbooks and downloads, for the signed-in app.
//! - [`url_state`]: the pages' state in their URLs; [`format`]: numbers and areas;
//!   [`js_error`]: a browser error as text.
//! - [`i18n`]: Simplified Chinese first, English second; [`theme`]: the map palette.

pub mod api;
pub mod components;
pub mod export;
pub mod format;
pub mod geolocation;
pub mod i18n;
pub mod js_error;
pub mod map;
pub mod offline;
pub mod pages;
pub mod photo;
pub mod signed_in;
pub mod theme;
pub mod url_state;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::shared::deferred::Deferred;
use crate::components::shared::header::Header;
use crate::components::shared::states::NotFound;

#[component]
pub fn App() -> impl IntoView {
    i18n::provide_language();
    view! {
        <Router>
            <Header />
            <main class="page">
                // The header paints first, the page in the task after.
                <Deferred>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=pages::atlas::AtlasPage />
                        <Route path=path!("/parks/:id") view=pages::park::ParkPage />
                        <Route path=path!("/compare") view=pages::compare::ComparePage />
                    </Routes>
                </Deferred>
            </main>
        </Router>
    }
}
