//! The requests the account may see: an enterprise's own (with “file a request”), an
//! officer's parks' in the workspace; open ones first, the most urgent on top.

use leptos::prelude::*;
use parkatlas_core::wire::{ChangeKind, RequestRecord, Role};

use super::texts::use_request_texts;
use crate::api::{self, ApiFailure};
use crate::components::requests::card::RequestCard;
use crate::components::shared::states::{outcome, Empty, Loading};
use crate::offline::{use_offline, Offline};
use crate::signed_in::session::{use_session, Session};

/// Which requests the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Open,
    Closed,
    All,
}

impl Shown {
    fn admits(self, record: &RequestRecord) -> bool {
        let closed = record.is_closed();
        match self {
            Shown::Open => !closed,
            Shown::Closed => closed,
            Shown::All => true,
        }
    }
}

/// The requests the caller may see, from the server or, offline, as this device last kept
/// them; a failure is noticed by the session (a 401 asks for the password again).
pub async fn load(offline: Offline, session: Session) -> Result<Vec<RequestRecord>, ApiFailure> {
    let kept = async { Some(offline.records::<RequestRecord>(ChangeKind::Request).await).filter(|r| !r.is_empty()) };
    let result = offline.or_kept(api::requests::list().await, kept).await;
    if let Err(failure) = &result {
        session.notice(failure);
    }
    result
}

/// The requests in the order of a desk ([`RequestRecord::urgency`]).
pub fn by_urgency(mut records: Vec<RequestRecord>) -> Vec<RequestRecord> {
    records.sort_by_cached_key(RequestRecord::urgency);
    records
}

#[component]
pub fn RequestsPage() -> impl IntoView {
    let texts = use_request_texts();
    let session = use_session();
    let is_enterprise = move || session.role() == Some(Role::Enterprise);
    let shown = RwSignal::new(Shown::Open);
    let offline = use_offline();
    let requests = LocalResource::new(move || async move {
        offline.synced();
        load(offline, session).await.map(by_urgency)
    });
    let filter = move |value: Shown, label: fn(&super::texts::RequestTexts) -> &'static str| {
        view! {
            <button
                type="button"
                class="chip"
                aria-pressed=move || (shown.get() == value).to_string()
                on:click=move |_| shown.set(value)
            >
                {move || label(texts.get())}
            </button>
        }
    };
    view! {
        <section class="requests" aria-labelledby="requests-heading">
            <header class="section-header">
                <h1 id="requests-heading">
                    {move || if is_enterprise() { texts.get().heading } else { texts.get().workspace_heading }}
                </h1>
                <Show when=is_enterprise>
                    <a class="button" href="/app/requests/new">{move || texts.get().file_new}</a>
                </Show>
            </header>
            <p class="hint">{move || if is_enterprise() { texts.get().intro } else { texts.get().workspace_intro }}</p>
            <div class="chips" role="group">
                {filter(Shown::Open, |t| t.filter_open)}
                {filter(Shown::Closed, |t| t.filter_closed)}
                {filter(Shown::All, |t| t.filter_all)}
            </div>
            <Suspense fallback=move || view! { <Loading message=Signal::derive(move || texts.get().loading) /> }>
                {move || {
                    requests.get().map(|result: Result<Vec<RequestRecord>, ApiFailure>| {
                        outcome(
                            result,
                            |records| {
                                view! { <RequestList records shown is_enterprise=is_enterprise() /> }.into_any()
                            },
                            move || requests.refetch(),
                        )
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn RequestList(records: Vec<RequestRecord>, shown: RwSignal<Shown>, is_enterprise: bool) -> impl IntoView {
    let texts = use_request_texts();
    move || {
        let visible: Vec<RequestRecord> = records.iter().filter(|record| shown.get().admits(record)).cloned().collect();
        if visible.is_empty() {
            let body = move || if is_enterprise { texts.get().empty_body } else { texts.get().empty_workspace };
            return view! { <Empty heading=Signal::derive(move || texts.get().empty_heading) body=Signal::derive(body) /> }
                .into_any();
        }
        view! {
            <ul class="request-list">
                {visible.into_iter().map(|record| view! { <RequestCard record /> }).collect_view()}
            </ul>
        }
        .into_any()
    }
}
