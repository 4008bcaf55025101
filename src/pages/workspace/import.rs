//! `/app/workspace/import`: an official chooses a park and a file; the file is read in the
//! browser by `parkatlas-exchange` (GeoJSON, zipped Shapefile, Excel, CSV) and previewed
//! with its column mapping, each parcel's area in 亩 and every problem named by feature or
//! row and field. Parcels are then imported through the outbox in one all-or-nothing call
//! (`POST /parks/{id}/parcels/import`). A park's parcels download as GeoJSON.

use std::time::Duration;

use leptos::html::Input;
use leptos::prelude::*;
use parkatlas_core::wire::{ParcelImport, ParcelsImported, Role};
use parkatlas_exchange::parcels::ParcelField;

use super::import_preview::{ChosenFile, ParcelFile};
use super::import_texts::use_import_texts;
use crate::api::{self, new_operation_id};
use crate::components::shared::states::{outcome, Loading};
use crate::components::workspace::import::{ColumnMap, EnterpriseTable, ParcelTable, ProblemList};
use crate::i18n::fill;
use crate::offline::outbox::{ItemState, Outbox, Write};
use crate::offline::use_offline;
use crate::signed_in::session::use_session;

/// What reading the chosen file came to: the file, or its name and why it was refused.
type Chosen = Result<ChosenFile, (String, String)>;

/// What an import came to.
#[derive(Debug, Clone, PartialEq)]
enum Imported {
    Done(usize),
    Queued,
    /// The server's refusal, field and message (a parcel stored meanwhile with the same code).
    Refused(String),
}

/// Sends `import` through the outbox and waits for the server's answer.
async fn send(outbox: Outbox, park_id: i64, import: ParcelImport) -> Imported {
    let write = Write::ImportParcels { park_id, import };
    let operation_id = outbox.enqueue_as(new_operation_id(), write).await;
    let Some(item) = outbox.answer(&operation_id, Duration::from_secs(30)).await else { return Imported::Queued };
    if item.state == ItemState::Sent {
        let answer = item.answer.and_then(|answer| serde_json::from_value::<ParcelsImported>(answer).ok());
        return Imported::Done(answer.map_or(0, |answer| answer.ids.len()));
    }
    outbox.discard(&operation_id).await;
    let message = match item.problem {
        Some((Some(field), message)) => format!("{field}: {message}"),
        Some((None, message)) => message,
        None => String::new(),
    };
    Imported::Refused(message)
}

/// The bytes of a chosen file.
async fn bytes_of(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|error| error.as_string().unwrap_or_else(|| "the browser cannot read it".into()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let texts = use_import_texts();
    let session = use_session();
    let outbox = use_offline().outbox();
    let parks = LocalResource::new(move || async move {
        let result = api::parks().await;
        if let Err(failure) = &result {
            session.notice(failure);
        }
        result
    });
    // An officer imports into the parks they manage; an admin into any.
    let may_import = move |park_id: i64| {
        session.user().is_some_and(|user| user.role == Role::Admin || user.park_ids.contains(&park_id))
    };
    let park = RwSignal::new(None::<i64>);
    let chosen = RwSignal::new(None::<Chosen>);
    let reading = RwSignal::new(false);
    let input = NodeRef::<Input>::new();
    let on_file = move |_| {
        let Some(element) = input.get() else { return };
        let Some(file) = element.files().and_then(|list| list.get(0)) else { return };
        reading.set(true);
        chosen.set(None);
        leptos::task::spawn_local(async move {
            let name = file.name();
            let read = match bytes_of(&file).await {
                Ok(bytes) => ChosenFile::read(&name, &bytes).map_err(|refusal| (name, refusal.to_string())),
                Err(message) => Err((name, message)),
            };
            chosen.set(Some(read));
            reading.set(false);
        });
    };
    let import = Action::new_local(move |(park_id, body): &(i64, ParcelImport)| send(outbox, *park_id, body.clone()));
    let parcel_file = move || match chosen.get() {
        Some(Ok(ChosenFile::Parcels(file))) => Some(file),
        _ => None,
    };
    let on_map = move |(column, field): (String, Option<ParcelField>)| {
        chosen.update(|chosen| {
            if let Some(Ok(ChosenFile::Parcels(file))) = chosen {
                ParcelFile::map(file, &column, field);
            }
        })
    };
    let park_choice = move || match parks.get() {
        None => view! { <Loading message=Signal::derive(move || texts.get().loading_parks) /> }.into_any(),
        Some(result) => outcome(
            result,
            |parks| {
                let options: Vec<_> = parks
                    .features
                    .into_iter()
                    .filter(|feature| may_import(feature.id))
                    .map(|feature| view! { <option value=feature.id.to_string()>{feature.properties.name.clone()}</option> })
                    .collect();
                view! {
                    <label class="field" for="import-park">
                        <span class="field__label">{move || texts.get().park}</span>
                        <select id="import-park" on:change=move |event| park.set(event_target_value(&event).parse().ok())>
                            <option value="">{move || texts.get().park_choose}</option>
                            {options}
                        </select>
                    </label>
                }
                .into_any()
            },
            move || parks.refetch(),
        ),
    };
    view! {
        <section class="import">
            <h1>{move || texts.get().heading}</h1>
            <p class="import__intro">{move || texts.get().intro}</p>
            {park_choice}
            <label class="field" for="import-file">
                <span class="field__label">{move || texts.get().file}</span>
                <span class="field__hint">{move || texts.get().file_hint}</span>
                <input
                    id="import-file"
                    type="file"
                    accept=".geojson,.json,.zip,.csv,.xlsx"
                    node_ref=input
                    on:change=on_file
                />
            </label>
            <Show when=move || reading.get()>
                <Loading message=Signal::derive(move || texts.get().reading) />
            </Show>
            {move || match chosen.get() {
                Some(Err((name, message))) => Some(view! {
                    <p class="import__refused" role="alert">
                        {fill(texts.get().refused, &[("file", name)])}
                        {message}
                    </p>
                }.into_any()),
                Some(Ok(ChosenFile::Enterprises(file))) => Some(view! { <EnterpriseTable file=file /> }.into_any()),
                _ => None,
            }}
            {move || parcel_file().map(|file| {
                let preview = file.preview();
                let ready = preview.ready.clone();
                let count = preview.rows.len();
                let crs = fill(texts.get().read_as, &[
                    ("format", file.survey.format.clone()),
                    ("epsg", file.survey.crs.epsg().to_string()),
                ]);
                view! {
                    <p class="import__source">{file.file_name.clone()}" · "{crs}</p>
                    <ColumnMap mapping=file.mapping.clone() missing=preview.missing.clone() on_map=on_map />
                    <ProblemList problems=preview.problems.clone() />
                    <ParcelTable rows=preview.rows />
                    {ready.map(|body| {
                        let body = StoredValue::new(body);
                        view! {
                            <button
                                type="button"
                                class="button button--primary"
                                disabled=move || park.get().is_none() || import.pending().get()
                                on:click=move |_| {
                                    if let Some(park_id) = park.get_untracked() {
                                        import.dispatch((park_id, body.get_value()));
                                    }
                                }
                            >
                                {move || match import.pending().get() {
                                    true => texts.get().importing.to_string(),
                                    false => fill(texts.get().import, &[("count", count.to_string())]),
                                }}
                            </button>
                        }
                    })}
                }
            })}
            {move || import.value().get().map(|imported| {
                let texts = texts.get();
                match imported {
                    Imported::Done(count) => view! {
                        <p class="import__done" role="status">{fill(texts.imported, &[("count", count.to_string())])}</p>
                    }.into_any(),
                    Imported::Queued => view! { <p class="import__done" role="status">{texts.queued}</p> }.into_any(),
                    Imported::Refused(message) => view! {
                        <p class="import__refused" role="alert">{texts.import_refused}{message}</p>
                    }.into_any(),
                }
            })}
            <h2>{move || texts.get().export_heading}</h2>
            {move || park.get().map(|park_id| view! {
                <a
                    class="button"
                    href=format!("/api/v1/parks/{park_id}/parcels")
                    download=format!("park-{park_id}-parcels.geojson")
                >
                    {move || texts.get().export_parcels}
                </a>
            })}
        </section>
    }
}
