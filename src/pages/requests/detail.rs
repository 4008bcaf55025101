//! One request whole: its state, owner and deadline, what was asked, the location and
//! photos, every step and reply; the enterprise rates it once it is resolved. A request
//! the account may not see shows the same page as one that does not exist: no data.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use parkatlas_core::calendar::RequestState;
use parkatlas_core::wire::{ChangeKind, RequestRecord, Role};

use super::desk_actions::DeskActions;
use super::rating::RatingForm;
use super::texts::use_request_texts;
use crate::api::{self, ApiFailure};
use crate::components::requests::deadline::{china_now, Countdown};
use crate::components::requests::timeline::Timeline;
use crate::components::shared::states::{LoadError, Loading};
use crate::i18n::use_texts;
use crate::offline::use_offline;
use crate::signed_in::session::use_session;
use crate::signed_in::NotYours;

#[component]
pub fn RequestPage() -> impl IntoView {
    let texts = use_request_texts();
    let shared = use_texts();
    let session = use_session();
    let params = use_params_map();
    let id = move || params.with(|params| params.get("id").and_then(|id| id.parse::<i64>().ok()));
    let offline = use_offline();
    let request = LocalResource::new(move || async move {
        offline.synced();
        let Some(id) = id() else { return Err(ApiFailure::Status { status: 404, message: None, field: None }) };
        let kept = offline.record::<RequestRecord>(ChangeKind::Request, id);
        let result = offline.or_kept(api::requests::get(id).await, kept).await;
        if let Err(failure) = &result {
            session.notice(failure);
        }
        result
    });
    view! {
        <Transition fallback=move || view! { <Loading message=Signal::derive(move || texts.get().loading) /> }>
            {move || {
                request.get().map(|result| match result {
                    Ok(record) => view! { <RequestView record on_changed=move || request.refetch() /> }.into_any(),
                    // 403 and 404 read the same: whether another enterprise's request exists is not ours to say.
                    Err(ApiFailure::Status { status: 403 | 404 | 400, .. }) => view! { <NotYours /> }.into_any(),
                    Err(failure) => {
                        let message = Signal::derive(move || failure.describe(shared.get()));
                        view! { <LoadError message on_retry=move || request.refetch() /> }.into_any()
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn RequestView(record: RequestRecord, on_changed: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let texts = use_request_texts();
    let shared = use_texts();
    let session = use_session();
    let (countdown, due) = Countdown::of(&record, china_now());
    let (category, state) = (record.category.label(), record.state.label());
    let owner = record.owner().map(str::to_string);
    let may_rate = record.state == RequestState::Resolved && session.role() == Some(Role::Enterprise);
    let official = matches!(session.role(), Some(Role::Officer | Role::Admin));
    let back = if official { crate::pages::workspace::filter::DESK_PATH } else { "/app/requests" };
    let desk_record = official.then(|| record.clone());
    let explanation = due.as_ref().map(|due| due.status.explanation.clone());
    let due_at = due.map(|due| due.due_at.format("%Y-%m-%d %H:%M").to_string());
    let location = record.location.map(|at| format!("{:.5}, {:.5}", at.lat, at.lon));
    let address = record.address.clone();
    let request_id = record.id;
    view! {
        <article class="request" aria-labelledby="request-heading" data-testid="request">
            <a class="back-link" href=back>{move || texts.get().back_to_list}</a>
            <h1 id="request-heading">{record.title.clone()}</h1>
            <dl class="facts request__facts">
                <div><dt>{move || texts.get().reference}</dt><dd data-testid="request-reference">"#"{record.id}</dd></div>
                <div><dt>{move || texts.get().category}</dt><dd>{move || shared.get().label(category)}</dd></div>
                <div><dt>{move || texts.get().state}</dt><dd data-testid="request-state">{move || shared.get().label(state)}</dd></div>
                <div>
                    <dt>{move || texts.get().owner}</dt>
                    <dd>{
                        let owner = owner.clone();
                        move || owner.clone().unwrap_or_else(|| texts.get().owner_none.to_string())
                    }</dd>
                </div>
                <div>
                    <dt>{move || texts.get().deadline}</dt>
                    <dd class:overdue=countdown.is_overdue() data-testid="request-deadline">
                        {move || countdown.describe(texts.get())}
                        {due_at.clone().map(|due_at| view! { <span class="request__due-at">{move || texts.get().due_at}" "{due_at.clone()}</span> })}
                    </dd>
                </div>
            </dl>
            {explanation.map(|explanation| view! {
                <details class="request__explanation">
                    <summary>{move || texts.get().deadline_how}</summary>
                    <p>{move || shared.get().pick(&explanation).to_string()}</p>
                </details>
            })}
            <p class="request__body">{record.body.clone()}</p>
            {(location.is_some() || address.is_some()).then(|| view! {
                <p class="request__location">
                    <strong>{move || texts.get().location}": "</strong>
                    {address.clone()}
                    {location.clone().map(|at| view! { <span class="request__coordinates">" ("{at}")"</span> })}
                </p>
            })}
            <section aria-labelledby="attachments-heading">
                <h2 id="attachments-heading">{move || texts.get().attachments}</h2>
                {if record.attachments.is_empty() {
                    view! { <p class="hint">{move || texts.get().no_attachments}</p> }.into_any()
                } else {
                    view! {
                        <ul class="attachments">
                            {record.attachments.iter().map(|attachment| {
                                let href = api::requests::attachment_href(request_id, attachment.id);
                                let is_image = attachment.content_type.starts_with("image/");
                                view! {
                                    <li class="attachments__item">
                                        {is_image.then(|| view! { <img class="attachments__thumb" src=href.clone() alt="" loading="lazy" /> })}
                                        <a href=href.clone() rel="external" download=attachment.name.clone()>{attachment.name.clone()}</a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="timeline-heading">
                <h2 id="timeline-heading">{move || texts.get().timeline}</h2>
                <Timeline events=record.events.clone() />
            </section>
            {may_rate.then(|| view! { <RatingForm request_id version=record.version on_changed /> })}
            {desk_record.map(|record| view! { <DeskActions record on_changed /> })}
        </article>
    }
}
