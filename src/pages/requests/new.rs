//! Requests page (being built).

use leptos::prelude::*;

#[component]
pub fn NewRequestPage() -> impl IntoView {
    view! { <h1>"企业诉求"</h1> }
}
