//! The inputs of a year of figures, grouped as the form shows them, each with its unit and
//! its problem beside it. [`DraftFields`] holds one signal per figure, so that a keystroke
//! re-renders one input; the [`Draft`] they make up is read in one place.

use std::collections::BTreeMap;

use leptos::prelude::*;

use parkatlas_core::wire::AnnualFigures;

use super::draft::{Draft, Problem};
use super::figure::{Figure, Group, Kind};
use crate::components::shared::field::{Field, FieldKind};
use crate::pages::portal::texts::use_portal_texts;

/// The figures as typed, read and checked by core, and each figure's problem in words
/// for [`FigureFields`]; both tracked.
pub type Checked = (Memo<Result<AnnualFigures, BTreeMap<Figure, Problem>>>, Signal<BTreeMap<Figure, String>>);

/// A draft as one signal per figure, in [`Figure::ALL`] order.
#[derive(Debug, Clone, Copy)]
pub struct DraftFields {
    texts: [RwSignal<String>; Figure::ALL.len()],
}

impl DraftFields {
    pub fn new(draft: &Draft) -> DraftFields {
        DraftFields { texts: Figure::ALL.map(|figure| RwSignal::new(draft.text(figure).to_string())) }
    }

    pub fn text(&self, figure: Figure) -> RwSignal<String> {
        let index = Figure::ALL.iter().position(|&f| f == figure).expect("every figure is in ALL");
        self.texts[index]
    }

    /// The draft as typed; tracked.
    pub fn draft(&self) -> Draft {
        self.collect(|text| text.get())
    }

    /// The draft as typed, untracked: for event handlers and tasks.
    pub fn draft_untracked(&self) -> Draft {
        self.collect(|text| text.get_untracked())
    }

    fn collect(&self, read: impl Fn(&RwSignal<String>) -> String) -> Draft {
        let mut draft = Draft::default();
        for (figure, text) in Figure::ALL.into_iter().zip(&self.texts) {
            draft.set(figure, read(text));
        }
        draft
    }

    /// The figures as typed, checked: see [`Checked`].
    pub fn checked(&self) -> Checked {
        let fields = *self;
        let texts = use_portal_texts();
        let read = Memo::new(move |_| fields.draft().read());
        let problems = Signal::derive(move || {
            let texts = texts.get();
            read.with(|read| match read {
                Err(problems) => problems.iter().map(|(figure, problem)| (*figure, texts.problem(problem))).collect(),
                Ok(_) => BTreeMap::new(),
            })
        });
        (read, problems)
    }

    /// Puts `draft` into the inputs (undo, a conflict's choice).
    pub fn load(&self, draft: &Draft) {
        for (figure, text) in Figure::ALL.into_iter().zip(&self.texts) {
            text.set(draft.text(figure).to_string());
        }
    }
}

/// The inputs of the figures `shown` admits, a fieldset per group. `form` prefixes the
/// element ids; `problems` holds each figure's problem in words.
#[component]
pub fn FigureFields(
    form: &'static str,
    fields: DraftFields,
    #[prop(into)] problems: Signal<BTreeMap<Figure, String>>,
    shown: fn(Figure) -> bool,
) -> impl IntoView {
    let texts = use_portal_texts();
    Group::ALL
        .into_iter()
        .filter(move |group| group.figures().any(shown))
        .map(|group| {
            let inputs = group
                .figures()
                .filter(|&figure| shown(figure))
                .map(|figure| {
                    let problem = Signal::derive(move || problems.with(|problems| problems.get(&figure).cloned()));
                    view! { <FigureInput form figure value=fields.text(figure) problem /> }
                })
                .collect_view();
            view! {
                <fieldset class="figure-group">
                    <legend class="figure-group__legend">{move || texts.get().group(group)}</legend>
                    <div class="figure-group__inputs">{inputs}</div>
                </fieldset>
            }
        })
        .collect_view()
}

/// One figure's input: a text field for numbers, dates and text, a list for choices.
#[component]
fn FigureInput(
    form: &'static str,
    figure: Figure,
    value: RwSignal<String>,
    problem: Signal<Option<String>>,
) -> impl IntoView {
    let texts = use_portal_texts();
    let id = figure.input_id(form);
    let label = Signal::derive(move || texts.get().figure(figure).to_string());
    // Empty when the figure has none: the field's unit and hint spans then collapse.
    let hint = Signal::derive(move || texts.get().figure_hint(figure).unwrap_or_default().to_string());
    let unit = Signal::derive(move || match figure.kind() {
        Kind::Number(unit) => texts.get().unit(unit).to_string(),
        _ => String::new(),
    });
    let kind = match figure.kind() {
        Kind::Number(_) => FieldKind::Number,
        Kind::Date => FieldKind::Date,
        Kind::Text => FieldKind::Text,
        Kind::Choice => return view! { <ChoiceField id figure value problem /> }.into_any(),
    };
    view! { <Field id label value on_input=move |typed| value.set(typed) problem kind unit hint /> }.into_any()
}

/// A labelled list of a choice figure's options, with its problem beneath.
#[component]
fn ChoiceField(id: String, figure: Figure, value: RwSignal<String>, problem: Signal<Option<String>>) -> impl IntoView {
    let texts = use_portal_texts();
    let problem_id = format!("{id}-problem");
    let label_for = id.clone();
    view! {
        <label class="field" for=label_for>
            <span class="field__label">{move || texts.get().figure(figure)}</span>
            <select
                id=id
                class="field__input"
                aria-invalid=move || problem.with(Option::is_some).to_string()
                aria-describedby=problem_id.clone()
                prop:value=move || value.get()
                on:change=move |event| value.set(event_target_value(&event))
            >
                {figure
                    .options()
                    .iter()
                    .map(|&key| view! { <option value=key>{move || texts.get().option(key)}</option> })
                    .collect_view()}
            </select>
            <span id=problem_id class="field__problem" role="alert">{move || problem.get()}</span>
        </label>
    }
}
