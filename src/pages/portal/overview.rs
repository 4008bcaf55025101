//! 我的企业 overview (being built).

use leptos::prelude::*;

#[component]
pub fn OverviewPage() -> impl IntoView {
    view! { <h1>"我的企业"</h1> }
}
