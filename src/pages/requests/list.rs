//! Requests page (being built).

use leptos::prelude::*;

#[component]
pub fn RequestsPage() -> impl IntoView {
    view! { <h1>"企业诉求"</h1> }
}
