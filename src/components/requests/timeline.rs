//! A request's history, oldest first: each step with who took it, when, the note (the
//! reply, the reason of an extension or a return) and the rating.

use leptos::prelude::*;
use parkatlas_core::wire::RequestEvent;

use crate::i18n::use_texts;

#[component]
pub fn Timeline(events: Vec<RequestEvent>) -> impl IntoView {
    let texts = use_texts();
    view! {
        <ol class="timeline" data-testid="timeline">
            {events
                .into_iter()
                .map(|event| {
                    let step = event.step.clone();
                    let state = event.to.label();
                    let rating = event.rating.map(|rating| rating.label());
                    let when = event.at.format("%Y-%m-%d %H:%M").to_string();
                    view! {
                        <li class="timeline__event">
                            <span class="timeline__dot" aria-hidden="true"></span>
                            <p class="timeline__step">
                                <strong>{move || texts.get().pick(&step).to_string()}</strong>
                                " · "
                                {move || texts.get().label(state)}
                            </p>
                            <p class="timeline__meta">
                                <time datetime=event.at.format("%Y-%m-%dT%H:%M:%S+08:00").to_string()>{when}</time>
                                " · "
                                {event.actor.clone()}
                            </p>
                            {rating.map(|rating| view! { <p class="tag">{move || texts.get().label(rating)}</p> })}
                            {(!event.note.is_empty()).then(|| view! { <p class="timeline__note">{event.note.clone()}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
