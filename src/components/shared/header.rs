//! The top bar: product name, the two public pages, and the language switch.

use leptos::prelude::*;

use crate::i18n::{use_language, use_texts};

#[component]
pub fn Header() -> impl IntoView {
    let texts = use_texts();
    let language = use_language();
    view! {
        <header class="topbar">
            <a class="topbar__brand" href="/">
                <img class="topbar__logo" src="/favicon.svg" alt="" width="28" height="28" />
                <span class="topbar__name">{move || texts.get().app_name}</span>
                <span class="topbar__subtitle">{move || texts.get().app_subtitle}</span>
            </a>
            <nav class="topbar__nav" aria-label=move || texts.get().app_name>
                <a class="topbar__link" href="/">{move || texts.get().nav_map}</a>
                <a class="topbar__link" href="/compare">{move || texts.get().nav_compare}</a>
            </nav>
            <button
                class="button button--quiet topbar__language"
                type="button"
                title=move || texts.get().switch_language_hint
                on:click=move |_| language.update(|l| *l = l.other())
            >
                {move || texts.get().switch_language}
            </button>
        </header>
    }
}
