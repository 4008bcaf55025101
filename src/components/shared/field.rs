//! One labelled form field with its problem beneath it: the pattern every form of the
//! signed-in app shares (the server's or core's message beside the field it names).

use leptos::prelude::*;

/// What kind of value a [`Field`] takes, which picks the phone keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Password,
    /// A decimal number: the numeric keyboard, any precision.
    Number,
    /// A calendar date, `YYYY-MM-DD`: the phone's date picker.
    Date,
    LongText,
}

/// A labelled input showing `value` and reporting every change to `on_input`, with
/// `problem` beneath it (and the input marked invalid) when there is one. `unit` follows
/// the label, e.g. 万元; `hint` says what the field takes beneath the label.
#[component]
pub fn Field(
    /// The element id; the problem's id is derived from it.
    #[prop(into)]
    id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(into)] problem: Signal<Option<String>>,
    #[prop(default = FieldKind::Text)] kind: FieldKind,
    #[prop(optional, into)] unit: Option<Signal<String>>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional, into)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let problem_id = format!("{id}-problem");
    let invalid = move || problem.with(Option::is_some).to_string();
    let input = match kind {
        FieldKind::LongText => view! {
            <textarea
                id=id.clone()
                class="field__input"
                rows="5"
                aria-invalid=invalid
                aria-describedby=problem_id.clone()
                prop:value=move || value.get()
                on:input=move |event| on_input.run(event_target_value(&event))
            ></textarea>
        }
        .into_any(),
        _ => {
            let (kind, mode) = match kind {
                FieldKind::Password => ("password", "text"),
                FieldKind::Number => ("text", "decimal"),
                FieldKind::Date => ("date", "text"),
                _ => ("text", "text"),
            };
            view! {
                <input
                    id=id.clone()
                    class="field__input"
                    type=kind
                    inputmode=mode
                    autocomplete=autocomplete
                    aria-invalid=invalid
                    aria-describedby=problem_id.clone()
                    prop:value=move || value.get()
                    on:input=move |event| on_input.run(event_target_value(&event))
                />
            }
            .into_any()
        }
    };
    view! {
        <label class="field" for=id>
            <span class="field__label">
                {move || label.get()}
                {unit.map(|unit| view! { <span class="field__unit">{move || unit.get()}</span> })}
            </span>
            {hint.map(|hint| view! { <span class="field__hint">{move || hint.get()}</span> })}
            {input}
            <span id=problem_id class="field__problem" role="alert">{move || problem.get()}</span>
        </label>
    }
}
