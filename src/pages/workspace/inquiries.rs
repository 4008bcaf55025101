//! Investors' inquiries to the official's parks (`/app/workspace/inquiries?status=new`):
//! newest first, filtered by status in the URL, with the sender's contact data (the server
//! shows it to the park's officials and admins only); each marked answered or closed with
//! `If-Match`, a stale version showing the inquiry as it now stands.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use parkatlas_core::wire::{InquiryRecord, InquiryStatus};

use super::figures::INQUIRIES_PATH;
use super::filter::wire_name;
use super::texts::{use_workspace_texts, WorkspaceTexts};
use crate::api::{workspace as workspace_api, ApiFailure, WriteFailure};
use crate::components::shared::states::{outcome, Loading};
use crate::i18n::{fill, use_texts};
use crate::signed_in::session::use_session;

/// The status chosen in `?status=`, if it is one.
pub fn status_in(query: &str) -> Option<InquiryStatus> {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .find(|(key, _)| key == "status")
        .and_then(|(_, value)| serde_json::from_value(serde_json::Value::String(value.into_owned())).ok())
}

/// The inquiries with `status` (all without one), newest first.
pub fn shown(inquiries: &[InquiryRecord], status: Option<InquiryStatus>) -> Vec<InquiryRecord> {
    let mut shown: Vec<InquiryRecord> =
        inquiries.iter().filter(|inquiry| status.is_none_or(|status| inquiry.status == status)).cloned().collect();
    shown.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    shown
}

fn status_label(status: InquiryStatus, texts: &WorkspaceTexts) -> &'static str {
    match status {
        InquiryStatus::New => texts.inquiry_status_new,
        InquiryStatus::Answered => texts.inquiry_status_answered,
        InquiryStatus::Closed => texts.inquiry_status_closed,
    }
}

#[component]
pub fn InquiriesPage() -> impl IntoView {
    let texts = use_workspace_texts();
    let session = use_session();
    let location = use_location();
    let status = Memo::new(move |_| status_in(&location.search.get()));
    let inquiries = LocalResource::new(move || async move {
        let result = workspace_api::inquiries().await;
        if let Err(failure) = &result {
            session.notice(failure);
        }
        result
    });
    view! {
        <section class="inquiries" aria-labelledby="inquiries-heading">
            <a class="back-link" href="/app/workspace">{move || texts.get().back_home}</a>
            <h1 id="inquiries-heading">{move || texts.get().inquiries_heading}</h1>
            <p class="hint">{move || texts.get().inquiries_intro}</p>
            <nav class="chips" aria-label=move || texts.get().filter_state>
                <a class="chip" href=INQUIRIES_PATH aria-current=move || status.get().is_none().then_some("page")>{move || texts.get().filter_any}</a>
                {InquiryStatus::ALL.into_iter().map(|each| view! {
                    <a class="chip" href=format!("{INQUIRIES_PATH}?status={}", wire_name(&each))
                        aria-current=move || (status.get() == Some(each)).then_some("page")>
                        {move || status_label(each, texts.get())}
                    </a>
                }).collect_view()}
            </nav>
            <Suspense fallback=move || view! { <Loading message=Signal::derive(move || texts.get().inquiries_loading) /> }>
                {move || inquiries.get().map(|result: Result<Vec<InquiryRecord>, ApiFailure>| outcome(result, move |all| {
                    let all = StoredValue::new(all);
                    (move || {
                        let list = all.with_value(|all| shown(all, status.get()));
                        if list.is_empty() {
                            return view! { <p class="hint">{move || texts.get().inquiries_empty}</p> }.into_any();
                        }
                        view! {
                            <ul class="inquiry-list" data-testid="inquiries">
                                {list.into_iter().map(|inquiry| view! { <InquiryCard inquiry /> }).collect_view()}
                            </ul>
                        }.into_any()
                    }).into_any()
                }, move || inquiries.refetch()))}
            </Suspense>
        </section>
    }
}

#[component]
fn InquiryCard(inquiry: InquiryRecord) -> impl IntoView {
    let texts = use_workspace_texts();
    let shared = use_texts();
    let session = use_session();
    let current = RwSignal::new(inquiry);
    let message = RwSignal::new(None::<String>);
    let save = Action::new_local(move |status: &InquiryStatus| {
        let status = *status;
        async move {
            let (id, version) = current.with_untracked(|inquiry| (inquiry.id, inquiry.version));
            let token = match session.csrf_token().await {
                Ok(token) => token,
                Err(failure) => {
                    message.set(Some(failure.describe(shared.get_untracked())));
                    return;
                }
            };
            match workspace_api::set_inquiry_status(id, version, status, &token).await {
                Ok(saved) => {
                    message.set(None);
                    current.set(saved);
                }
                Err(WriteFailure::Conflict { current: now, .. }) => {
                    message.set(Some(texts.get_untracked().inquiry_conflict.to_string()));
                    current.set(now);
                }
                Err(failure) => message.set(Some(failure.describe(shared.get_untracked()))),
            }
        }
    });
    let button = move |to: InquiryStatus, label: fn(&WorkspaceTexts) -> &'static str| {
        view! {
            <button class="button button--quiet button--small" type="button"
                hidden=move || current.with(|inquiry| inquiry.status == to || inquiry.status == InquiryStatus::Closed)
                disabled=move || save.pending().get()
                on:click=move |_| { save.dispatch(to); }>
                {move || label(texts.get())}
            </button>
        }
    };
    view! {
        <li class="inquiry-card" data-testid="inquiry">
            {move || current.with(|record| {
                let inquiry = &record.inquiry;
                let contact: Vec<String> = [inquiry.phone.clone(), inquiry.email.clone()].into_iter().flatten().collect();
                let investment = inquiry.planned_investment_wan_yuan;
                let land = inquiry.land_need_mu;
                let status = record.status;
                view! {
                    <p class="inquiry-card__head">
                        <strong>{inquiry.organisation.clone()}</strong>
                        " · "<span class=format!("state-badge state-badge--{}", wire_name(&status)) data-testid="inquiry-status">{move || status_label(status, texts.get())}</span>
                    </p>
                    <p class="inquiry-card__meta">{record.reference.clone()}" · "{record.created_at.format("%Y-%m-%d %H:%M").to_string()}" · "{inquiry.industry.clone()}</p>
                    <p>{inquiry.message.clone()}</p>
                    <p class="inquiry-card__need">
                        {investment.map(|amount| view! { <span>{move || fill(texts.get().inquiry_investment, &[("amount", amount.to_string())])}</span>" " })}
                        {land.map(|mu| view! { <span>{move || fill(texts.get().inquiry_land, &[("mu", mu.to_string())])}</span> })}
                    </p>
                    <p class="inquiry-card__contact"><strong>{move || texts.get().inquiry_contact}": "</strong>{inquiry.name.clone()}" "{contact.join(" · ")}</p>
                }
            })}
            <p class="message message--warn" role="status" hidden=move || message.with(Option::is_none)>{move || message.get()}</p>
            <div class="inquiry-card__actions">
                {button(InquiryStatus::Answered, |t| t.inquiry_mark_answered)}
                {button(InquiryStatus::Closed, |t| t.inquiry_mark_closed)}
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_filter_reads_the_query_and_ignores_unknown_values() {
        assert_eq!(status_in("?status=new"), Some(InquiryStatus::New));
        assert_eq!(status_in("status=answered&x=1"), Some(InquiryStatus::Answered));
        assert_eq!(status_in("status=lost"), None);
        assert_eq!(status_in(""), None);
    }
}
