//! An official's steps on one request (the desk's side of the request page): only the steps
//! core allows from where the request stands ([`RequestRecord::desk_steps`]): claim (首问负责),
//! accept, 一次性告知, assign, return, extend with a reason, resolve with a reply and photos.
//! Each goes through the outbox, so it is kept offline and shows whether it is waiting,
//! sent, or needs attention; once the server has it, the page shows the request anew.

use leptos::prelude::*;
use parkatlas_core::calendar::service_rules;
use parkatlas_core::text::Bilingual;
use parkatlas_core::wire::{DeskStep, OneTimeNotice, RequestRecord};

use super::sending::PageWrite;
use crate::components::requests::photo_picker::PhotoPicker;
use crate::components::shared::field::{Field, FieldKind};
use crate::i18n::{fill, use_texts};
use crate::offline::outbox::{ItemState, Photo, Write};
use crate::pages::workspace::texts::{use_workspace_texts, WorkspaceTexts};
use crate::photo::PreparedPhoto;

/// The label of the note field of `step`.
fn note_label(step: DeskStep, texts: &WorkspaceTexts) -> &'static str {
    match step {
        DeskStep::Claim => texts.action_note_claim,
        DeskStep::Assign => texts.action_note_assign,
        DeskStep::Return => texts.action_note_return,
        DeskStep::Extend => texts.action_note_extend,
        DeskStep::Resolve => texts.action_note_resolve,
        DeskStep::Accept | DeskStep::Notice => texts.action_note,
    }
}

/// The free items typed one per line.
fn typed_items(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_string).collect()
}

#[component]
pub fn DeskActions(record: RequestRecord, on_changed: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let texts = use_workspace_texts();
    let shared = use_texts();
    let rules = service_rules();
    let steps = record.desk_steps(rules);
    let materials: Vec<Bilingual> = rules.materials(record.category).to_vec();
    let materials_unconfirmed = rules.category(record.category).is_some_and(|rule| rule.materials_unconfirmed);
    let extension_days = rules.extension_days(record.category);
    let chosen = RwSignal::new(None::<DeskStep>);
    let note = RwSignal::new(String::new());
    let picked = RwSignal::new(Vec::<usize>::new());
    let free = RwSignal::new(String::new());
    let photos = RwSignal::new(Vec::<PreparedPhoto>::new());
    let problem = RwSignal::new(None::<String>);
    let record = StoredValue::new(record);
    let materials = StoredValue::new(materials);
    let notice = move || OneTimeNotice {
        listed: materials.with_value(|all| picked.get().iter().filter_map(|i| all.get(*i).cloned()).collect()),
        free: typed_items(&free.get()),
    };
    // Sent: show the request as it now stands (after a 412, the official asks for it).
    let sending = PageWrite::new(on_changed);
    let item = move || sending.item();
    let conflict = move || item().is_some_and(|item| item.conflict.is_some());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(step) = chosen.get_untracked() else { return };
        let text = if step == DeskStep::Notice {
            let notice = notice();
            if let Some((_, message)) = notice.problem() {
                problem.set(Some(message));
                return;
            }
            notice.text()
        } else {
            note.get_untracked()
        };
        let action = record.with_value(|record| record.desk_action(rules, step, &text));
        match action {
            Err((_, message)) => problem.set(Some(message)),
            Ok(action) => {
                problem.set(None);
                let attached: Vec<Photo> = if step == DeskStep::Resolve {
                    photos.with_untracked(|photos| {
                        photos
                            .iter()
                            .map(|photo| Photo { name: photo.name.clone(), blob: photo.blob.clone() })
                            .collect()
                    })
                } else {
                    Vec::new()
                };
                let (request_id, version) = record.with_value(|record| (record.id, record.version));
                sending.send(Write::RequestAction { request_id, version, action, photos: attached });
            }
        }
    };
    let status = move || match item() {
        Some(item) if item.conflict.is_some() => Some(texts.get().action_conflict.to_string()),
        Some(item) if item.state == ItemState::NeedsAttention => {
            item.problem.map(|(_, message)| format!("{}{message}", texts.get().action_attention))
        }
        Some(item) if item.state == ItemState::Sent => Some(texts.get().action_sent.to_string()),
        Some(_) => Some(texts.get().action_waiting.to_string()),
        None => None,
    };
    let owner = record.with_value(|record| record.owner().map(str::to_string));
    view! {
        <section class="desk-actions" aria-labelledby="desk-actions-heading" data-testid="desk-actions">
            <h2 id="desk-actions-heading">{move || texts.get().actions_heading}</h2>
            {owner.map(|owner| view! {
                <p class="hint">{move || fill(texts.get().actions_owner_is, &[("owner", owner.clone())])}</p>
            })}
            {if steps.is_empty() {
                view! { <p class="hint">{move || texts.get().actions_none}</p> }.into_any()
            } else {
                view! {
                    <div class="chips desk-actions__steps" role="group" aria-label=move || texts.get().actions_heading>
                        {steps.iter().map(|&step| {
                            let label = step.label();
                            view! {
                                <button type="button" class="chip" aria-pressed=move || (chosen.get() == Some(step)).to_string()
                                    on:click=move |_| { chosen.set(Some(step)); problem.set(None); }>
                                    {move || shared.get().label(label)}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                }.into_any()
            }}
            <Show when=move || chosen.get().is_some()>
                <form class="desk-actions__form" on:submit=submit novalidate>
                    <Show when=move || chosen.get() == Some(DeskStep::Notice)
                        fallback=move || view! {
                            <Field
                                id="desk-note"
                                label=Signal::derive(move || chosen.get().map(|step| note_label(step, texts.get())).unwrap_or_default().to_string())
                                value=note
                                on_input=move |typed| note.set(typed)
                                problem=Signal::derive(|| None::<String>)
                                kind=FieldKind::LongText
                            />
                        }>
                        <fieldset class="desk-actions__materials" data-testid="notice-materials">
                            <legend>
                                {move || texts.get().notice_listed}
                                {materials_unconfirmed.then(|| view! { " " <span class="tag tag--unconfirmed">{move || texts.get().notice_unconfirmed}</span> })}
                            </legend>
                            {materials.with_value(|all| all.iter().cloned().enumerate().map(|(index, material)| view! {
                                <label class="desk-actions__material">
                                    <input type="checkbox"
                                        prop:checked=move || picked.get().contains(&index)
                                        on:change=move |_| picked.update(|picked| {
                                            if let Some(at) = picked.iter().position(|i| *i == index) { picked.remove(at); } else { picked.push(index); picked.sort_unstable(); }
                                        }) />
                                    <span>{material.zh.clone()}</span>
                                </label>
                            }).collect_view())}
                        </fieldset>
                        <Field
                            id="notice-free"
                            label=Signal::derive(move || texts.get().notice_free.to_string())
                            value=free
                            on_input=move |typed| free.set(typed)
                            problem=Signal::derive(|| None::<String>)
                            kind=FieldKind::LongText
                        />
                        <p class="hint">{move || texts.get().notice_preview}</p>
                        <blockquote class="desk-actions__preview" data-testid="notice-preview">{move || notice().text()}</blockquote>
                    </Show>
                    <Show when=move || chosen.get() == Some(DeskStep::Extend)>
                        <p class="hint">{move || fill(texts.get().action_extend_limit, &[("days", extension_days.unwrap_or(0).to_string())])}</p>
                    </Show>
                    <Show when=move || chosen.get() == Some(DeskStep::Resolve)>
                        <PhotoPicker photos />
                    </Show>
                    <p class="message message--error" role="alert" hidden=move || problem.with(Option::is_none)>{move || problem.get()}</p>
                    <p class="message message--warn" role="status" data-testid="action-status" hidden=move || status().is_none()>{status}</p>
                    <Show when=conflict>
                        <button class="button button--quiet" type="button" on:click=move |_| on_changed()>{move || texts.get().action_reload}</button>
                    </Show>
                    <button class="button" type="submit" disabled=move || sending.busy()>
                        {move || texts.get().action_send}
                    </button>
                </form>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_materials_are_one_per_line_without_blanks() {
        assert_eq!(typed_items(" 环评批复 \n\n  \n消防验收意见\n"), ["环评批复", "消防验收意见"]);
        assert!(typed_items("").is_empty());
    }
}
