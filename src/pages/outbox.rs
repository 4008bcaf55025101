//! 待发送, the outbox: every change made on this device until the server has it, each with
//! its state, the server's message when refused, and a way to edit or discard it.

use leptos::prelude::*;
use parkatlas_core::wire::RequestRecord;

use crate::components::shared::states::Empty;
use crate::i18n::{fill, use_texts};
use crate::offline::outbox::{ItemState, OutboxItem, Write};
use crate::offline::texts::{use_offline_texts, OfflineTexts};
use crate::offline::use_offline;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let texts = use_offline_texts();
    let offline = use_offline();
    let outbox = offline.outbox();
    let sending = move || outbox.items().iter().any(|item| item.state == ItemState::Sending);
    view! {
        <section class="outbox" aria-labelledby="outbox-heading">
            <div class="outbox__head">
                <h1 id="outbox-heading">{move || texts.get().heading}</h1>
                <button
                    class="button"
                    type="button"
                    disabled=move || outbox.unsent() == 0 || !offline.online() || sending()
                    on:click=move |_| outbox.send_now()
                >
                    {move || if sending() { texts.get().sending_now } else { texts.get().send_now }}
                </button>
            </div>
            <p class="hint">{move || texts.get().intro}</p>
            <Show when=move || { !offline.online() && outbox.unsent() > 0 }>
                <p class="notice" role="status">{move || texts.get().offline_hint}</p>
            </Show>
            <Show when=move || outbox.storage_refused()>
                <p class="notice outbox__storage" role="alert">{move || texts.get().storage_refused}</p>
            </Show>
            {move || {
                let items = outbox.items();
                if items.is_empty() {
                    let heading = Signal::derive(move || texts.get().empty_heading);
                    let body = Signal::derive(move || texts.get().empty_body);
                    return view! { <Empty heading body /> }.into_any();
                }
                view! {
                    <ul class="outbox__list">
                        {items.into_iter().map(|item| view! { <OutboxCard item /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// One item: its state as a word and a colour, what it is, when it was made, and what the
/// server said.
#[component]
fn OutboxCard(item: OutboxItem) -> impl IntoView {
    let texts = use_offline_texts();
    let outbox = use_offline().outbox();
    let operation_id = item.operation_id.clone();
    let discard = Action::new_local(move |operation_id: &String| {
        let operation_id = operation_id.clone();
        async move { outbox.discard(&operation_id).await }
    });
    let state = item.state;
    let photos = match &item.write {
        Write::NewRequest { photos, .. } if !photos.is_empty() => Some(photos.len()),
        _ => None,
    };
    let editable = matches!(state, ItemState::Waiting | ItemState::NeedsAttention);
    let on_remove = move |_| {
        let confirmed = state == ItemState::Sent
            || window().confirm_with_message(texts.get_untracked().discard_confirm).unwrap_or(false);
        if confirmed {
            discard.dispatch(operation_id.clone());
        }
    };
    view! {
        <li class=format!("outbox-item outbox-item--{}", state_class(state))>
            <div class="outbox-item__top">
                <span class="outbox-item__state">{move || state_word(state, texts.get())}</span>
                <time class="outbox-item__time">
                    {move || format!("{} {}", texts.get().created_at, clock(item.created_at_ms))}
                </time>
            </div>
            <p class="outbox-item__summary">{item.summary.clone()}</p>
            {photos.map(|count| view! {
                <p class="hint">{move || fill(texts.get().photos, &[("count", count.to_string())])}</p>
            })}
            {item.problem.clone().map(|(_, message)| view! {
                <p class="outbox-item__problem" role="alert">{move || texts.get().problem}{message.clone()}</p>
            })}
            {item.conflict.is_some().then(|| view! {
                <p class="outbox-item__problem" role="alert">{move || texts.get().conflict}</p>
            })}
            {(state == ItemState::Sent).then(|| item.answer.clone()).flatten().map(|answer| view! { <Receipt answer /> })}
            <div class="outbox-item__actions">
                {editable.then(|| view! {
                    <a class="button button--quiet" href=item.edit_href.clone()>{move || texts.get().edit}</a>
                })}
                {(state != ItemState::Sending).then(|| view! {
                    <button
                        class="button button--quiet outbox-item__remove"
                        type="button"
                        disabled=move || discard.pending().get()
                        on:click=on_remove
                    >
                        {move || if state == ItemState::Sent { texts.get().clear } else { texts.get().discard }}
                    </button>
                })}
            </div>
        </li>
    }
}

/// What a sent new request got back: its reference and its deadline in working days.
#[component]
fn Receipt(answer: serde_json::Value) -> impl IntoView {
    let texts = use_offline_texts();
    let app_texts = use_texts();
    let Ok(request) = serde_json::from_value::<RequestRecord>(answer) else { return ().into_any() };
    let due = request.due.clone();
    view! {
        <p class="outbox-item__receipt">
            <a href=format!("/app/requests/{}", request.id)>
                {move || format!("{} #{}", texts.get().reference, request.id)}
            </a>
            {due.map(|due| view! {
                <span>
                    {move || {
                        let kind = app_texts.get().pick(&due.kind.label().into()).to_string();
                        let at = due.due_at.format("%Y-%m-%d %H:%M").to_string();
                        fill(texts.get().due, &[("kind", kind), ("at", at)])
                    }}
                </span>
            })}
        </p>
    }
    .into_any()
}

fn state_class(state: ItemState) -> &'static str {
    match state {
        ItemState::Waiting => "waiting",
        ItemState::Sending => "sending",
        ItemState::Sent => "sent",
        ItemState::NeedsAttention => "attention",
    }
}

fn state_word(state: ItemState, texts: &OfflineTexts) -> &'static str {
    match state {
        ItemState::Waiting => texts.state_waiting,
        ItemState::Sending => texts.state_sending,
        ItemState::Sent => texts.state_sent,
        ItemState::NeedsAttention => texts.state_needs_attention,
    }
}

/// A moment as this device's clock shows it, e.g. `11-22 14:05`.
fn clock(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    format!("{:02}-{:02} {:02}:{:02}", date.get_month() + 1, date.get_date(), date.get_hours(), date.get_minutes())
}
