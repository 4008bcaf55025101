//! The top bar: product name, the demo-data badge, and the language switch.

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
