//! Requests page (being built).

use leptos::prelude::*;

#[component]
pub fn RequestPage() -> impl IntoView {
    view! { <h1>"企业诉求"</h1> }
}
