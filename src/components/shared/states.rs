//! Loading, error, empty and not-found states, shared by every page so that they
//! look and read the same everywhere.

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::i18n::use_texts;

#[component]
pub fn Loading(#[prop(into)] message: Signal<&'static str>) -> impl IntoView {
    view! {
        <div class="state state--loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <p>{move || message.get()}</p>
        </div>
    }
}

#[component]
pub fn LoadError(#[prop(into)] message: Signal<String>, on_retry: impl Fn() + 'static) -> impl IntoView {
    let texts = use_texts();
    view! {
        <div class="state state--error" role="alert">
            <h2>{move || texts.get().error_heading}</h2>
            <p>{move || message.get()}</p>
            <button class="button" type="button" on:click=move |_| on_retry()>{move || texts.get().retry}</button>
        </div>
    }
}

#[component]
pub fn Empty(#[prop(into)] heading: Signal<&'static str>, #[prop(into)] body: Signal<&'static str>) -> impl IntoView {
    view! {
        <div class="state state--empty">
            <h2>{move || heading.get()}</h2>
            <p>{move || body.get()}</p>
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let texts = use_texts();
    view! {
        <div class="state state--empty">
            <h2>{move || texts.get().not_found_heading}</h2>
            <a class="button" href="/">{move || texts.get().not_found_back}</a>
        </div>
    }
}

/// What a finished request shows: `show` views its data; a failure explains itself and
/// offers `retry`.
pub fn outcome<T>(
    result: Result<T, ApiFailure>,
    show: impl FnOnce(T) -> AnyView,
    retry: impl Fn() + 'static,
) -> AnyView {
    match result {
        Ok(data) => show(data),
        Err(failure) => {
            let texts = use_texts();
            view! { <LoadError message=Signal::derive(move || failure.describe(texts.get())) on_retry=retry /> }
                .into_any()
        }
    }
}
