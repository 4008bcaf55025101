//! The top bar: product name, the two public pages, the way into the signed-in app, and
//! the language switch.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::i18n::{use_language, use_texts, Texts};

#[component]
pub fn Header() -> impl IntoView {
    let texts = use_texts();
    // The signed-in app is another bundle: its links load it (rel="external"). The role of
    // the last sign-in on this device names the entry, without a request.
    let role: Option<String> = LocalStorage::get(crate::signed_in::session::ROLE_KEY).ok();
    let (href, label): (_, fn(&Texts) -> &'static str) = match role.as_deref() {
        Some("enterprise") => ("/app/enterprise", |texts| texts.nav_my_enterprise),
        Some("officer" | "admin") => ("/app/workspace", |texts| texts.nav_workspace),
        _ => ("/app/sign-in", |texts| texts.nav_sign_in),
    };
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
                <a class="topbar__link topbar__link--app" href=href rel="external">{move || label(texts.get())}</a>
            </nav>
            <LanguageSwitch />
        </header>
    }
}

/// The button that switches to the other language, in that language: both apps' top bars.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let texts = use_texts();
    let language = use_language();
    view! {
        <button
            class="button button--quiet topbar__language"
            type="button"
            title=move || texts.get().switch_language_hint
            on:click=move |_| language.update(|l| *l = l.other())
        >
            {move || texts.get().switch_language}
        </button>
    }
}
