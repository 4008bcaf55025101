//! Rating a resolved request (回访评价): 满意, 基本满意 or 不满意 with a reason. What a
//! rating does next follows core's service rules: the ones that reopen send the request
//! back for supervised rework (督办重办) at once. Sent through the outbox, so a rating
//! given offline is kept and sent later.

use leptos::prelude::*;
use parkatlas_core::calendar::{service_rules, Rating, RequestState};
use parkatlas_core::wire::RequestAction;

use super::sending::PageWrite;
use super::texts::use_request_texts;
use crate::components::shared::field::{Field, FieldKind};
use crate::i18n::use_texts;
use crate::offline::outbox::{ItemState, Write};

#[component]
pub fn RatingForm(
    request_id: i64,
    version: i64,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let texts = use_request_texts();
    let shared = use_texts();
    let rating = RwSignal::new(None::<Rating>);
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    // Once the server has the rating, the page reloads the request: rated, or reopened.
    let sending = PageWrite::new(on_changed);
    let item = move || sending.item();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(chosen) = rating.get_untracked() else {
            problem.set(Some(texts.get_untracked().rate_heading.to_string()));
            return;
        };
        let action = RequestAction {
            to: RequestState::Rated,
            note: reason.get_untracked().trim().to_string(),
            rating: Some(chosen),
        };
        match action.problem() {
            Some((_, message)) => problem.set(Some(message)),
            None => {
                problem.set(None);
                sending.send(Write::RequestAction { request_id, version, action, photos: Vec::new() });
            }
        }
    };
    let reopens = move || rating.get().is_some_and(|rating| service_rules().reopens(rating));
    let status = move || match item() {
        Some(item) if item.state == ItemState::NeedsAttention => item.problem.map(|(_, message)| message),
        Some(item) if item.state != ItemState::Sent => Some(texts.get().rate_queued.to_string()),
        _ => None,
    };
    view! {
        <section class="rating" aria-labelledby="rating-heading" data-testid="rating">
            <h2 id="rating-heading">{move || texts.get().rate_heading}</h2>
            <p class="hint">{move || texts.get().rate_intro}</p>
            <form class="rating__form" on:submit=submit novalidate>
                <fieldset class="rating__choices">
                    <legend class="visually-hidden">{move || texts.get().rate_heading}</legend>
                    {Rating::ALL.into_iter().map(|choice| {
                        let label = choice.label();
                        view! {
                            <label class="rating__choice">
                                <input
                                    type="radio"
                                    name="rating"
                                    value=label.en
                                    prop:checked=move || rating.get() == Some(choice)
                                    on:change=move |_| rating.set(Some(choice))
                                />
                                <span>{move || shared.get().label(label)}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <Field
                    id="rating-reason"
                    label=Signal::derive(move || texts.get().rate_reason.to_string())
                    value=reason
                    on_input=move |typed| reason.set(typed)
                    problem=Signal::derive(move || reopens().then(|| texts.get().rate_reason_needed.to_string()).filter(|_| reason.with(|r| r.trim().is_empty())))
                    kind=FieldKind::LongText
                />
                <p class="message message--error" role="alert" hidden=move || problem.with(Option::is_none)>{move || problem.get()}</p>
                <p class="message message--warn" role="status" hidden=move || status().is_none()>{status}</p>
                <button class="button" type="submit" disabled=move || sending.busy()>
                    {move || texts.get().rate_send}
                </button>
            </form>
        </section>
    }
}
