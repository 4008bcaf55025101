//! Publishing the run on screen with its 公示 period (`POST /evaluations`, sent at once:
//! see `publish` for why not through the outbox), and exporting the ranked table.

use gloo_net::http::Method;
use leptos::prelude::*;
use parkatlas_core::wire::{EvaluationRecord, NewEvaluation, ProfileRecord};

use super::draft::Draft;
use super::export::{file_name, sheet};
use super::publish::{blocked, request, Blocked};
use super::ranking::RankedRow;
use super::texts::use_runs_texts;
use crate::api::{new_operation_id, ApiFailure};
use crate::api::{write, WriteFailure, WriteHeaders};
use crate::components::shared::field::{Field, FieldKind};
use crate::export::{download, xlsx};
use crate::i18n::{fill, use_texts};
use crate::offline::use_offline;
use crate::pages::portal::today;
use crate::signed_in::session::use_session;

#[component]
pub fn PublishPanel(
    draft: RwSignal<Draft>,
    scope: RwSignal<Option<i64>>,
    year: RwSignal<i32>,
    /// The stored profiles: a run publishes under one of them, unedited.
    #[prop(into)]
    profiles: Signal<Vec<ProfileRecord>>,
) -> impl IntoView {
    let texts = use_runs_texts();
    let shell = use_texts();
    let session = use_session();
    let offline = use_offline();
    let start = RwSignal::new(today().to_string());
    let end = RwSignal::new((today() + chrono::Days::new(7)).to_string());
    let server_problem = RwSignal::new(None::<(Option<String>, String)>);
    let published = RwSignal::new(None::<EvaluationRecord>);
    // One operation per publication, so that a resend after a lost answer is recognised.
    let operation = RwSignal::new(new_operation_id());
    let stored_id = move || {
        let key = draft.with(|d| d.original.clone());
        profiles.get().into_iter().find(|record| record.profile == key).map(|record| record.id)
    };
    let why_not = move || {
        let unchanged = draft.with(Draft::is_unchanged) && stored_id().is_some();
        blocked(unchanged, scope.get(), session.role())
    };
    let checked = move || -> Result<NewEvaluation, Vec<(String, String)>> {
        request(stored_id().unwrap_or(0), year.get(), today(), scope.get(), (&start.get(), &end.get()))
    };
    let problem_at = move |field: &'static str| {
        Signal::derive(move || {
            let local =
                checked().err().and_then(|problems| problems.into_iter().find(|(f, _)| f == field).map(|(_, m)| m));
            local.or_else(|| server_problem.get().filter(|(f, _)| f.as_deref() == Some(field)).map(|(_, m)| m))
        })
    };
    let send = Action::new_local(move |body: &NewEvaluation| {
        let body = body.clone();
        async move {
            let token = session.csrf_token().await?;
            let operation_id = operation.get_untracked();
            let headers = WriteHeaders { csrf_token: Some(&token), if_match: None, operation_id: &operation_id };
            match write::<_, EvaluationRecord>(Method::POST, "/api/v1/evaluations", &body, headers).await {
                Ok(record) => Ok(record),
                Err(WriteFailure::Failed(failure)) => Err(failure),
                Err(WriteFailure::Conflict { .. }) => Err(ApiFailure::Unreadable),
            }
        }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(record)) => {
            published.set(Some(record));
            server_problem.set(None);
            operation.set(new_operation_id());
        }
        Some(Err(failure)) => {
            session.notice(&failure);
            let field = match &failure {
                ApiFailure::Status { field, .. } => field.clone(),
                _ => None,
            };
            server_problem.set(Some((field, failure.describe(shell.get_untracked()))));
        }
        None => {}
    });
    let blocked_text = move || {
        why_not().map(|why| match why {
            Blocked::ProfileEdited => texts.get().blocked_edited,
            Blocked::CityNeedsAdmin => texts.get().blocked_city,
        })
    };
    let general_problem = move || {
        server_problem
            .get()
            .filter(|(field, _)| !matches!(field.as_deref(), Some("notice.start" | "notice.end")))
            .map(|(_, m)| m)
    };
    view! {
        <section class="runs-publish" aria-labelledby="runs-publish-heading">
            <h2 id="runs-publish-heading">{move || texts.get().publish_heading}</h2>
            <p class="hint">{move || texts.get().publish_intro}</p>
            {move || blocked_text().map(|text| view! { <p class="message message--warn" data-testid="publish-blocked">{text}</p> })}
            <div class="runs-item__fields">
                <Field id="notice-start" kind=FieldKind::Date label=Signal::derive(move || texts.get().notice_start.to_string())
                    value=start on_input=Callback::new(move |text| start.set(text)) problem=problem_at("notice.start") />
                <Field id="notice-end" kind=FieldKind::Date label=Signal::derive(move || texts.get().notice_end.to_string())
                    value=end on_input=Callback::new(move |text| end.set(text)) problem=problem_at("notice.end") />
            </div>
            <Show when=move || !offline.online()>
                <p class="message message--warn">{move || texts.get().publish_online}</p>
            </Show>
            <button class="button" type="button" data-testid="publish"
                disabled=move || why_not().is_some() || checked().is_err() || send.pending().get() || !offline.online()
                on:click=move |_| if let Ok(body) = checked() { send.dispatch(body); }>
                {move || if send.pending().get() { texts.get().publishing } else { texts.get().publish }}
            </button>
            {move || general_problem().map(|problem| view! { <p class="message message--warn" role="alert">{problem}</p> })}
            {move || published.get().map(|record| {
                let (start, end) = record.notice.map(|n| (n.start.to_string(), n.end.to_string())).unwrap_or_default();
                view! {
                    <p class="message message--ok" role="status" data-testid="published" data-run=record.id>
                        {fill(texts.get().published, &[("id", record.id.to_string()), ("start", start), ("end", end)])}
                    </p>
                }
            })}
        </section>
    }
}

/// Saves the ranked table, in the order on screen, as an Excel workbook.
#[component]
pub fn ExportButton(
    table: Memo<Vec<RankedRow>>,
    order: Memo<Vec<usize>>,
    year: RwSignal<i32>,
    scope: RwSignal<Option<i64>>,
    #[prop(into)] profile_key: Signal<String>,
) -> impl IntoView {
    let texts = use_runs_texts();
    let failed = RwSignal::new(None::<String>);
    let export = move |_| {
        let bytes = table.with(|rows| order.with(|order| xlsx::workbook(&[sheet(rows, order)])));
        let name = file_name(year.get_untracked(), &profile_key.get_untracked(), scope.get_untracked());
        let saved = bytes
            .map_err(|error| error.to_string())
            .and_then(|bytes| download::save(&bytes, &name, download::XLSX_TYPE));
        failed.set(saved.err());
    };
    view! {
        <button class="button button--quiet" type="button" data-testid="export" on:click=export>{move || texts.get().export}</button>
        {move || failed.get().map(|problem| view! { <p class="message message--warn" role="alert">{texts.get().export_failed}{problem}</p> })}
    }
}
