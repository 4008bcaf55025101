//! A parcel's code, status, land use and 标准地 terms as a form: every problem beside its
//! field as the officer types (core's rules, then the server's), and after a 412 the
//! parcel as it now stands on the server, with what was typed kept.

use leptos::prelude::*;
use parkatlas_core::wire::{LandUse, ParcelRecord, ParcelStatus};

use crate::components::shared::field::{Field, FieldKind};
use crate::i18n::{fill, use_language, use_texts, Language};
use crate::pages::land::form::{FormField, ParcelForm};
use crate::pages::land::texts::use_land_texts;

#[component]
pub fn ParcelFields(
    form: RwSignal<ParcelForm>,
    /// Every problem to show, each with its field.
    #[prop(into)]
    problems: Signal<Vec<(FormField, String)>>,
) -> impl IntoView {
    let texts = use_land_texts();
    let app_texts = use_texts();
    let language = use_language();
    let problem_of =
        move |field: FormField| problems.with(|all| all.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()));
    let status_options = move || {
        ParcelStatus::ALL
            .into_iter()
            .map(|status| {
                let key = serde_json::to_value(status).ok().and_then(|v| v.as_str().map(str::to_owned));
                view! {
                    <option value=key selected=move || form.with(|f| f.status == status)>
                        {move || app_texts.get().parcel_status(status)}
                    </option>
                }
            })
            .collect_view()
    };
    let use_options = move || {
        LandUse::ALL
            .into_iter()
            .map(|land_use| {
                let key = serde_json::to_value(land_use).ok().and_then(|v| v.as_str().map(str::to_owned));
                view! {
                    <option value=key selected=move || form.with(|f| f.land_use == land_use)>
                        {move || app_texts.get().land_use(land_use)}
                    </option>
                }
            })
            .collect_view()
    };
    let term_rows = move || {
        let count = form.with_untracked(|f| f.terms.len());
        (0..count)
            .map(|index| {
                let row = form.with_untracked(|f| f.terms[index].clone());
                let label = move || {
                    let app = app_texts.get();
                    let mut label = format!(
                        "{} {}",
                        app.pick(&row.indicator.name()),
                        row.bound.symbol()
                    );
                    if row.unconfirmed {
                        label.push_str(&format!("（{}）", texts.get().unconfirmed));
                    }
                    label
                };
                let unit = Signal::derive(move || {
                    let unit = row.indicator.unit();
                    match language.get() {
                        Language::Zh => unit.symbol_zh(),
                        Language::En => unit.symbol_en(),
                    }
                    .to_string()
                });
                view! {
                    <Field
                        id=format!("parcel-term-{index}")
                        label=Signal::derive(label)
                        value=Signal::derive(move || form.with(|f| f.terms.get(index).map(|r| r.text.clone()).unwrap_or_default()))
                        on_input=move |text: String| form.update(|f| if let Some(row) = f.terms.get_mut(index) { row.text = text })
                        problem=Signal::derive(move || problem_of(FormField::Term(index)))
                        kind=FieldKind::Number
                        unit
                    />
                }
            })
            .collect_view()
    };
    let on_status = move |event: leptos::ev::Event| {
        if let Some(status) = read::<ParcelStatus>(event_target_value(&event)) {
            form.update(|f| f.status = status);
        }
    };
    let on_land_use = move |event: leptos::ev::Event| {
        if let Some(land_use) = read::<LandUse>(event_target_value(&event)) {
            form.update(|f| f.land_use = land_use);
        }
    };
    view! {
        <Field
            id="parcel-code"
            label=Signal::derive(move || texts.get().code.to_string())
            value=Signal::derive(move || form.with(|f| f.code.clone()))
            on_input=move |code: String| form.update(|f| f.code = code)
            problem=Signal::derive(move || problem_of(FormField::Code))
            autocomplete="off"
        />
        <div class="field">
            <label class="field__label" for="parcel-status">{move || texts.get().status}</label>
            <select
                id="parcel-status"
                class="field__input"
                on:change=on_status
            >
                {status_options}
            </select>
            <p class="field__problem" role="alert">{move || problem_of(FormField::Status)}</p>
        </div>
        <div class="field">
            <label class="field__label" for="parcel-land-use">{move || texts.get().land_use}</label>
            <select
                id="parcel-land-use"
                class="field__input"
                on:change=on_land_use
            >
                {use_options}
            </select>
            <p class="field__problem" role="alert">{move || problem_of(FormField::LandUse)}</p>
        </div>
        <fieldset class="land-terms">
            <legend>{move || texts.get().terms_heading}</legend>
            <p class="hint">{move || texts.get().terms_hint}</p>
            {term_rows}
        </fieldset>
    }
}

/// A choice's serde name back into its value.
fn read<T: serde::de::DeserializeOwned>(value: String) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(value)).ok()
}

/// The parcel as the server now holds it, after a 412; saving again replaces it with what
/// was typed, or the officer takes the server's version into the form.
#[component]
pub fn ParcelConflict(
    current: ParcelRecord,
    #[prop(into)] on_save_over: Callback<()>,
    #[prop(into)] on_take_theirs: Callback<()>,
) -> impl IntoView {
    let texts = use_land_texts();
    let app_texts = use_texts();
    let properties = current.properties;
    let body = move || {
        fill(
            texts.get().conflict_body,
            &[
                ("version", properties.version.to_string()),
                ("status", app_texts.get().parcel_status(properties.status).to_string()),
                ("code", properties.code.clone()),
            ],
        )
    };
    view! {
        <div class="notice" role="alert" data-testid="parcel-conflict">
            <h3>{move || texts.get().conflict_heading}</h3>
            <p>{body}</p>
            <div class="actions">
                <button type="button" class="button" on:click=move |_| on_save_over.run(())>
                    {move || texts.get().save_over}
                </button>
                <button type="button" class="button button--quiet" on:click=move |_| on_take_theirs.run(())>
                    {move || texts.get().take_theirs}
                </button>
            </div>
        </div>
    }
}
