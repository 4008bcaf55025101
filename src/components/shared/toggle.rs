//! [`ToggleButton`]: the button that opens and closes a region of the page.

use leptos::prelude::*;

/// Flips `open`, and tells assistive technology whether the region with the id
/// `controls` is open.
#[component]
pub fn ToggleButton(
    open: RwSignal<bool>,
    controls: &'static str,
    class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <button
            class=format!("button button--quiet {class}")
            type="button"
            aria-expanded=move || open.get().to_string()
            aria-controls=controls
            on:click=move |_| open.update(|open| *open = !*open)
        >
            {children()}
        </button>
    }
}
