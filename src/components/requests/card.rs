//! One request in a list: title, category, state, owner and the deadline countdown, the
//! whole card a link to the request.

use leptos::prelude::*;
use parkatlas_core::wire::RequestRecord;

use super::deadline::{china_now, Countdown};
use crate::i18n::use_texts;
use crate::pages::requests::texts::use_request_texts;

#[component]
pub fn RequestCard(record: RequestRecord) -> impl IntoView {
    let texts = use_texts();
    let request_texts = use_request_texts();
    let (countdown, _) = Countdown::of(&record, china_now());
    let owner = record.owner().map(str::to_string);
    let (category, state) = (record.category.label(), record.state.label());
    let href = format!("/app/requests/{}", record.id);
    view! {
        <li
            class="request-card"
            class:request-card--overdue=countdown.is_overdue()
            data-testid="request-card"
            data-request=record.id
        >
            <a class="request-card__link" href=href>
                <span class="request-card__title">{record.title.clone()}</span>
                <span class="request-card__meta">
                    <span class="tag">{move || texts.get().label(category)}</span>
                    <span class=format!("state-badge state-badge--{}", state.en.replace(' ', "-"))>{move || texts.get().label(state)}</span>
                    <span class="request-card__ref">"#"{record.id}" · "{record.enterprise_name.clone()}</span>
                </span>
                <span class="request-card__due" class:request-card__due--overdue=countdown.is_overdue()>
                    {move || countdown.describe(request_texts.get())}
                </span>
                <span class="request-card__owner">
                    {move || request_texts.get().owner}": "
                    {
                        let owner = owner.clone();
                        move || owner.clone().unwrap_or_else(|| request_texts.get().owner_none.to_string())
                    }
                </span>
            </a>
        </li>
    }
}
