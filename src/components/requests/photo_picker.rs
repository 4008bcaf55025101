//! Choosing up to 3 photos for a request, on a phone's camera or from its gallery: each
//! prepared in the browser ([`crate::photo`]) with a preview, refused with a clear message
//! when it is not an image, too big, or one too many.

use leptos::html::Input;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::fill;
use crate::pages::requests::texts::{use_request_texts, RequestTexts};
use crate::photo::{prepare, PhotoProblem, PreparedPhoto, MAX_SOURCE_BYTES};
use parkatlas_core::wire::MAX_ATTACHMENTS_PER_REQUEST;

fn describe(problem: &PhotoProblem, texts: &RequestTexts) -> String {
    match problem {
        PhotoProblem::NotImage { name } => fill(texts.photo_not_image, &[("name", name.clone())]),
        PhotoProblem::TooBig { name, megabytes } => fill(
            texts.photo_too_big,
            &[
                ("name", name.clone()),
                ("mb", megabytes.to_string()),
                ("max", (MAX_SOURCE_BYTES / 1024.0 / 1024.0).to_string()),
            ],
        ),
        PhotoProblem::TooMany => texts.photo_too_many.to_string(),
        PhotoProblem::StillTooLarge => texts.photo_still_large.to_string(),
    }
}

#[component]
pub fn PhotoPicker(photos: RwSignal<Vec<PreparedPhoto>>) -> impl IntoView {
    let texts = use_request_texts();
    let input = NodeRef::<Input>::new();
    let problem = RwSignal::new(None::<PhotoProblem>);
    let preparing = RwSignal::new(false);
    let on_change = move |_| {
        let Some(element) = input.get() else { return };
        let files: Vec<web_sys::File> =
            element.files().map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default();
        // The same file may be chosen again after a removal.
        element.set_value("");
        preparing.set(true);
        leptos::task::spawn_local(async move {
            problem.set(None);
            for file in files {
                match prepare(file, photos.with_untracked(Vec::len)).await {
                    Ok(photo) => photos.update(|photos| photos.push(photo)),
                    Err(refused) => problem.set(Some(refused)),
                }
            }
            preparing.set(false);
        });
    };
    let remove = move |index: usize| {
        photos.update(|photos| {
            if index < photos.len() {
                let photo = photos.remove(index);
                let _ = web_sys::Url::revoke_object_url(&photo.preview_url);
            }
        });
        problem.set(None);
    };
    let choose = move |_| {
        if photos.with_untracked(Vec::len) >= MAX_ATTACHMENTS_PER_REQUEST {
            problem.set(Some(PhotoProblem::TooMany));
        } else if let Some(element) = input.get() {
            element.unchecked_ref::<web_sys::HtmlElement>().click();
        }
    };
    view! {
        <fieldset class="photos" data-testid="photos">
            <legend>{move || texts.get().new_photos}</legend>
            <p class="hint">{move || texts.get().new_photos_hint}</p>
            <ul class="photos__list">
                {move || photos.get().into_iter().enumerate().map(|(index, photo)| view! {
                    <li class="photos__item">
                        <img class="photos__preview" src=photo.preview_url.clone() alt=photo.name.clone() />
                        <button class="button button--quiet button--small" type="button" on:click=move |_| remove(index)>
                            {move || texts.get().new_remove_photo}
                        </button>
                    </li>
                }).collect_view()}
            </ul>
            <input
                node_ref=input
                id="request-photos"
                class="visually-hidden"
                type="file"
                accept="image/*"
                multiple
                aria-label=move || texts.get().new_add_photo
                on:change=on_change
            />
            <button class="button button--quiet" type="button" on:click=choose disabled=move || preparing.get()>
                {move || if preparing.get() { texts.get().new_preparing_photo } else { texts.get().new_add_photo }}
            </button>
            <p class="field__problem" role="alert" data-testid="photo-problem">{move || problem.get().map(|p| describe(&p, texts.get()))}</p>
        </fieldset>
    }
}
