//! The outbox: every write of the signed-in app is stored in IndexedDB before it is sent,
//! then sent in order by one loop at a time, and kept with its state until the server has
//! it. The rules live in `queue.rs`; this file stores entries and performs their calls.

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use super::database::{self, Unavailable};
use super::pump::{spawn_rounds, Pump};
pub use super::queue::ItemState;
use super::queue::{self, Call, CallBody, Entry, Named, Outcome, Problem};
use super::replica::Replica;
use super::texts::{use_offline_texts, OfflineTexts};
pub use super::write::Write;
use crate::api::{self, ApiFailure, WriteFailure, WriteHeaders};
use crate::i18n::{fill, use_texts, Texts};
use crate::signed_in::session::Session;

/// A photo of a new request: a JPEG the filing page has already made small.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    pub name: String,
    pub blob: Blob,
}

impl Named for Photo {
    fn file_name(&self) -> &str {
        &self.name
    }
}

/// One item as the outbox page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxItem {
    pub operation_id: String,
    pub state: ItemState,
    pub created_at_ms: f64,
    /// What it is, for the list: the request's title, "2025 年度数据", …
    pub summary: String,
    /// When refused: the field (as the server names it, `photos.<i>` for a photo) and the
    /// server's message.
    pub problem: Option<Problem>,
    /// HTTP 412: the record as it now stands and its version.
    pub conflict: Option<(Value, i64)>,
    /// The server's record once sent (for a new request the `RequestRecord`: its id is the reference).
    pub answer: Option<Value>,
    /// Where the item is edited, e.g. `/app/requests/new?outbox=<op>`.
    pub edit_href: String,
    pub write: Write,
}

/// The outbox of the signed-in account, provided with [`super::Offline`].
#[derive(Clone, Copy)]
pub struct Outbox {
    session: Session,
    replica: Replica,
    /// The signed-in account's entries, newest first. Local: a [`Photo`] holds a JS Blob.
    entries: RwSignal<Vec<Entry>, LocalStorage>,
    pump: StoredValue<Pump>,
    /// The browser's answer to `navigator.storage.persist()`, once asked.
    persisted: RwSignal<Option<bool>>,
    texts: Signal<&'static OfflineTexts>,
    app_texts: Signal<&'static Texts>,
}

impl Outbox {
    pub(super) fn new(session: Session, replica: Replica) -> Outbox {
        Outbox {
            session,
            replica,
            entries: RwSignal::new_local(Vec::new()),
            pump: StoredValue::new(Pump::default()),
            persisted: RwSignal::new(None),
            texts: use_offline_texts(),
            app_texts: use_texts(),
        }
    }

    /// The current account's items, newest first, tracked.
    pub fn items(&self) -> Vec<OutboxItem> {
        let (texts, app_texts) = (self.texts.get(), self.app_texts.get());
        self.entries.with(|entries| entries.iter().map(|entry| item(entry, texts, app_texts)).collect())
    }

    /// How many items the server does not have yet, tracked.
    pub fn unsent(&self) -> usize {
        self.entries.with(|entries| queue::unsent(entries))
    }

    /// Tracked: the browser refused to keep this site's storage under pressure.
    pub fn storage_refused(&self) -> bool {
        self.persisted.get() == Some(false)
    }

    /// Stores `write` on the device, then tries to send it; returns its operation id.
    pub async fn enqueue(&self, write: Write) -> String {
        self.enqueue_as(api::new_operation_id(), write).await
    }

    /// As [`Outbox::enqueue`], under an operation id the page already holds (a page that
    /// retries its own save keeps one id for it).
    pub async fn enqueue_as(&self, operation_id: String, write: Write) -> String {
        let owner = self.owner().unwrap_or_default();
        let entry = Entry::new(operation_id, owner, js_sys::Date::now(), write);
        let operation_id = entry.operation_id.clone();
        save(&entry).await;
        self.entries.update(|entries| place(entries, &operation_id, entry));
        self.ask_to_persist();
        self.send_now();
        operation_id
    }

    /// The item once the server has answered it (sent, or needing attention), or `None` while
    /// it waits for a connection: for a page that shows the answer in place. Gives up
    /// waiting after `patience`, leaving the item to the outbox.
    pub async fn answer(&self, operation_id: &str, patience: std::time::Duration) -> Option<OutboxItem> {
        const STEP_MS: i32 = 150;
        let mut waited_ms = 0;
        loop {
            let (texts, app_texts) = (self.texts.get_untracked(), self.app_texts.get_untracked());
            let item = self.entries.with_untracked(|entries| {
                entries
                    .iter()
                    .find(|entry| entry.operation_id == operation_id)
                    .map(|entry| item(entry, texts, app_texts))
            });
            match item {
                Some(item) if matches!(item.state, ItemState::Sent | ItemState::NeedsAttention) => return Some(item),
                _ if waited_ms >= patience.as_millis() as i32 => return None,
                _ => {}
            }
            pause(STEP_MS).await;
            waited_ms += STEP_MS;
        }
    }

    /// The write of one of the current account's items, for the page that edits it.
    pub async fn write_of(&self, operation_id: &str) -> Option<Write> {
        self.entry(operation_id).await.map(|entry| entry.write)
    }

    /// Puts the user's edit of an item in its place and sends it again (see [`Entry::replace`]).
    pub async fn replace(&self, operation_id: &str, write: Write) {
        let Some(mut entry) = self.entry(operation_id).await else { return };
        entry.replace(write, api::new_operation_id);
        if entry.operation_id != operation_id {
            forget(&[operation_id.to_string()]).await;
        }
        save(&entry).await;
        self.entries.update(|entries| place(entries, operation_id, entry));
        self.send_now();
    }

    /// Removes an item: unsent, it is never sent; sent, it leaves the list.
    pub async fn discard(&self, operation_id: &str) {
        forget(&[operation_id.to_string()]).await;
        self.entries.update(|entries| entries.retain(|entry| entry.operation_id != operation_id));
    }

    /// Sends what waits, in the background; a send already going takes another round.
    pub fn send_now(&self) {
        let outbox = *self;
        spawn_rounds(self.pump, move || outbox.send_waiting());
    }

    /// Loads `owner`'s stored items (none when signed out) and forgets the expired ones.
    pub(super) async fn load(self, owner: Option<String>) {
        let Some(owner) = owner else {
            self.entries.set(Vec::new());
            return;
        };
        let (mine, expired) = queue::mine(stored().await, &owner, js_sys::Date::now());
        forget(&expired).await;
        // Items in memory are as new as their stored copy or newer (one may be saving).
        self.entries.update(|entries| {
            entries.retain(|entry| entry.owner == owner);
            for entry in mine {
                if !entries.iter().any(|known| known.operation_id == entry.operation_id) {
                    let id = entry.operation_id.clone();
                    place(entries, &id, entry);
                }
            }
        });
    }

    fn owner(&self) -> Option<String> {
        untrack(|| self.session.user()).map(|user| user.username)
    }

    /// One of the current account's entries, from memory or, before the outbox has loaded,
    /// from the database.
    async fn entry(&self, operation_id: &str) -> Option<Entry> {
        let found = self.entries.with_untracked(|entries| find(entries, operation_id).cloned());
        if found.is_some() {
            return found;
        }
        let owner = self.owner()?;
        stored().await.into_iter().find(|entry| entry.operation_id == operation_id && entry.owner == owner)
    }

    fn ask_to_persist(self) {
        if self.persisted.get_untracked().is_some() {
            return;
        }
        leptos::task::spawn_local(async move { self.persisted.set(Some(persist().await)) });
    }

    /// One round of the send loop: every waiting item, oldest first, until one cannot be
    /// sent for now (offline, or signed out).
    async fn send_waiting(self) {
        let online = web_sys::window().is_none_or(|window| window.navigator().on_line());
        if !online || self.next().is_none() {
            return;
        }
        let Ok(token) = self.session.csrf_token().await else { return };
        while let Some(operation_id) = self.next() {
            if !self.send(&operation_id, &token).await {
                return;
            }
        }
    }

    fn next(&self) -> Option<String> {
        self.entries.with_untracked(|entries| queue::next_to_send(entries).map(str::to_string))
    }

    /// Sends one item as far as it goes; false when sending must stop for now.
    async fn send(self, operation_id: &str, token: &str) -> bool {
        loop {
            let begun = self.update(operation_id, |entry| {
                let call = entry.begin(js_sys::Date::now())?;
                let jpeg = photo(&entry.write, &call.body);
                Some((call, jpeg))
            });
            // Gone (discarded meanwhile), or nothing left to send.
            let Some(Some((call, jpeg))) = begun.await else { return true };
            let result = perform(&call, jpeg, token).await;
            if let Err(WriteFailure::Failed(failure)) = &result {
                // A 401 opens the sign-in dialog; the item waits for the session.
                self.session.notice(failure);
            }
            let outcome = Outcome::of(result);
            let next = self.update(operation_id, |entry| entry.settle(outcome, js_sys::Date::now())).await;
            match next {
                Some(queue::Next::Continue) => {}
                Some(queue::Next::Sent) => {
                    self.replica.refresh();
                    return true;
                }
                Some(queue::Next::Attention) | None => return true,
                Some(queue::Next::Stop) => return false,
            }
        }
    }

    /// Changes the entry `operation_id` in memory, then on disk; `None` when it is gone.
    async fn update<R>(self, operation_id: &str, change: impl FnOnce(&mut Entry) -> R) -> Option<R> {
        let (result, entry) = self
            .entries
            .try_update(|entries| {
                let entry = entries.iter_mut().find(|entry| entry.operation_id == operation_id)?;
                let result = change(entry);
                Some((result, entry.clone()))
            })
            .flatten()?;
        save(&entry).await;
        Some(result)
    }
}

fn find<'a>(entries: &'a [Entry], operation_id: &str) -> Option<&'a Entry> {
    entries.iter().find(|entry| entry.operation_id == operation_id)
}

/// Puts `entry` in the place of the one named `operation_id`, or where its age puts it
/// in a list kept newest first.
fn place(entries: &mut Vec<Entry>, operation_id: &str, entry: Entry) {
    entries.retain(|known| known.operation_id != operation_id);
    let at = entries.partition_point(|known| known.created_at_ms > entry.created_at_ms);
    entries.insert(at, entry);
}

/// The JPEG a call sends, if it is a photo's.
fn photo(write: &Write, body: &CallBody) -> Option<Blob> {
    match body {
        CallBody::Photo(index) => write.photos().get(*index).map(|photo| photo.blob.clone()),
        CallBody::Json(_) => None,
    }
}

async fn perform(call: &Call, jpeg: Option<Blob>, token: &str) -> Result<Value, WriteFailure<Value>> {
    let headers = WriteHeaders { csrf_token: Some(token), if_match: call.if_match, operation_id: &call.operation_id };
    match (&call.body, jpeg) {
        (CallBody::Json(body), _) => api::write(call.method.clone(), &call.path, body, headers).await,
        (CallBody::Photo(_), Some(jpeg)) => api::upload(&call.path, "image/jpeg", &jpeg, headers).await,
        // Not reached: a photo's call comes with its JPEG.
        (CallBody::Photo(_), None) => Err(WriteFailure::Failed(ApiFailure::Unreadable)),
    }
}

/// Stores an entry: its JSON (photos by name) beside its photos' Blobs.
async fn save(entry: &Entry) {
    let jpegs: Vec<Blob> = entry.write.photos().iter().map(|photo| photo.blob.clone()).collect();
    let json = serde_json::to_string(&entry.clone().map_photos(|photo| photo.name)).unwrap_or_default();
    if let Err(Unavailable(why)) = database::put_entry(&entry.operation_id, &json, &jpegs).await {
        leptos::logging::warn!("an outbox item is kept in this tab only: {why}");
    }
}

/// Every stored entry, of every account.
async fn stored() -> Vec<Entry> {
    let rows = database::entries().await.unwrap_or_else(|Unavailable(why)| {
        leptos::logging::warn!("the stored outbox cannot be read: {why}");
        Vec::new()
    });
    rows.into_iter()
        .filter_map(|(json, jpegs)| {
            let entry: Entry<String> = serde_json::from_str(&json).ok()?;
            let mut jpegs = jpegs.into_iter();
            // The Blobs were stored with the names, in order; a missing one uploads as empty
            // and comes back refused, for the user to attach again.
            Some(entry.map_photos(|name| Photo {
                name,
                blob: jpegs.next().unwrap_or_else(|| wasm_bindgen::JsValue::UNDEFINED.unchecked_into()),
            }))
        })
        .collect()
}

async fn forget(operation_ids: &[String]) {
    if operation_ids.is_empty() {
        return;
    }
    if let Err(Unavailable(why)) = database::delete_entries(operation_ids).await {
        leptos::logging::warn!("outbox items could not be removed: {why}");
    }
}

/// Asks the browser to keep this site's storage under pressure; true when it will.
async fn persist() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let Ok(promise) = window.navigator().storage().persist() else { return false };
    JsFuture::from(promise).await.ok().and_then(|granted| granted.as_bool()).unwrap_or(false)
}

fn item(entry: &Entry, texts: &OfflineTexts, app_texts: &Texts) -> OutboxItem {
    OutboxItem {
        operation_id: entry.operation_id.clone(),
        state: entry.state,
        created_at_ms: entry.created_at_ms,
        summary: summary(&entry.write, texts, app_texts),
        problem: entry.problem.clone(),
        conflict: entry.conflict.clone(),
        answer: entry.answer.clone(),
        edit_href: entry.edit_href(),
        write: entry.write.clone(),
    }
}

/// What a write is, in a few words for the list.
fn summary<P>(write: &Write<P>, texts: &OfflineTexts, app_texts: &Texts) -> String {
    match write {
        Write::NewRequest { request, .. } => request.title.clone(),
        Write::RequestAction { request_id, action, .. } => {
            let state = app_texts.pick(&action.to.label().into()).to_string();
            fill(texts.summary_action, &[("id", request_id.to_string()), ("state", state)])
        }
        Write::AnnualFigures { year, .. } => fill(texts.summary_figures, &[("year", year.to_string())]),
        Write::Parcel { body, .. } => fill(texts.summary_parcel, &[("code", body.code.clone())]),
        Write::ImportParcels { park_id, import } => {
            fill(texts.summary_import, &[("count", import.parcels.len().to_string()), ("park", park_id.to_string())])
        }
    }
}

/// Resolves after `ms` milliseconds.
async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

#[cfg(test)]
mod tests {
    use parkatlas_core::calendar::RequestState;
    use parkatlas_core::wire::RequestAction;

    use super::*;
    use crate::i18n::{EN, ZH};
    use crate::offline::texts::{OFFLINE_EN, OFFLINE_ZH};

    #[test]
    fn a_summary_names_the_write_in_the_chosen_language() {
        let action = RequestAction { to: RequestState::Resolved, note: String::new(), rating: None };
        let write: Write<String> = Write::RequestAction { request_id: 42, version: 3, action, photos: Vec::new() };
        assert_eq!(summary(&write, &OFFLINE_ZH, &ZH), "诉求 #42：已办结");
        assert_eq!(summary(&write, &OFFLINE_EN, &EN), "Request #42: resolved");
    }
}
