//! The outbox's rules on plain data, apart from IndexedDB and `fetch`: which call an item
//! makes next, what each answer does to it, whose items an account sees, and when a sent
//! item is forgotten. The glue in `outbox.rs` only stores entries and performs their calls.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::outbox::Photo;
pub use super::write::{Call, CallBody, Named, Progress, Write};
use crate::api::{ApiFailure, WriteFailure};

/// A sent item stays in the list, with its answer, for this long unless cleared.
pub const SENT_KEPT_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

/// Where an item stands, shown as a word and a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    Waiting,
    Sending,
    Sent,
    /// Refused by the server, or made to a version that changed: the user edits it.
    NeedsAttention,
}

/// A field (as the server names it, or `photos.<i>` for a refused photo) and the server's message.
pub type Problem = (Option<String>, String);

/// One item of the outbox, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry<P = Photo> {
    /// The `Idempotency-Key` of the write: a resend after a lost answer has no second effect.
    pub operation_id: String,
    /// The username of the account that made it: no other account sees or sends it.
    pub owner: String,
    pub created_at_ms: f64,
    pub state: ItemState,
    pub write: Write<P>,
    pub progress: Progress,
    pub problem: Option<Problem>,
    /// HTTP 412: the record as it now stands and its version.
    pub conflict: Option<(Value, i64)>,
    /// The server's record once sent (for a new request, the request: its id is the reference).
    pub answer: Option<Value>,
    pub sent_at_ms: Option<f64>,
}

/// What the server made of a call.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// 2xx, with the record it answered.
    Stored(Value),
    /// No answer, or one that asks to come back later (5xx, 408, 429, an unreadable page).
    Unreachable,
    /// 401: the session ended; the sign-in dialog asks for the password.
    SignedOut,
    /// 412: the record changed since the version the write was made to.
    Conflict { current: Value, version: i64 },
    /// Any other 4xx: the write as it stands will never be accepted.
    Rejected { field: Option<String>, message: String },
}

impl Outcome {
    /// The outcome of a call's answer as `api::write` reads it.
    pub fn of(result: Result<Value, WriteFailure<Value>>) -> Outcome {
        match result {
            Ok(answer) => Outcome::Stored(answer),
            Err(WriteFailure::Conflict { current, version }) => Outcome::Conflict { current, version },
            Err(WriteFailure::Failed(ApiFailure::Status { status: 401, .. })) => Outcome::SignedOut,
            Err(WriteFailure::Failed(ApiFailure::Status { status, message, field }))
                if (400..500).contains(&status) && !matches!(status, 408 | 429) =>
            {
                Outcome::Rejected { field, message: message.unwrap_or_else(|| format!("HTTP {status}")) }
            }
            Err(WriteFailure::Failed(_)) => Outcome::Unreachable,
        }
    }
}

/// What the send loop does after an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// The item has more calls to make (photos).
    Continue,
    /// The item is sent: refresh the replica and go on with the next item.
    Sent,
    /// The item waits for the user; go on with the next item.
    Attention,
    /// Stop sending for now (offline, or signed out): the next trigger tries again.
    Stop,
}

impl<P> Entry<P> {
    pub fn new(operation_id: String, owner: String, created_at_ms: f64, write: Write<P>) -> Entry<P> {
        Entry {
            operation_id,
            owner,
            created_at_ms,
            state: ItemState::Waiting,
            write,
            progress: Progress::default(),
            problem: None,
            conflict: None,
            answer: None,
            sent_at_ms: None,
        }
    }

    /// The same entry with each photo turned into another form.
    pub fn map_photos<Q>(self, change: impl FnMut(P) -> Q) -> Entry<Q> {
        let Entry { operation_id, owner, created_at_ms, state, write, progress, problem, conflict, answer, sent_at_ms } =
            self;
        let write = write.map_photos(change);
        Entry { operation_id, owner, created_at_ms, state, write, progress, problem, conflict, answer, sent_at_ms }
    }

    pub fn edit_href(&self) -> String {
        format!("{}?outbox={}", self.write.edit_path(), self.operation_id)
    }

    /// Puts the user's edit of this item in its place, to be sent again. The operation id
    /// stays unless the server consumed it (the item was sent): a refused or conflicting
    /// write changed nothing there. A request the server already created stays created:
    /// the edit sends only the photos after those already stored.
    pub fn replace(&mut self, write: Write<P>, fresh_id: impl FnOnce() -> String) {
        if self.state == ItemState::Sent {
            self.operation_id = fresh_id();
            self.progress = Progress::default();
            self.answer = None;
            self.sent_at_ms = None;
        }
        self.write = write;
        self.state = ItemState::Waiting;
        self.problem = None;
        self.conflict = None;
    }

    /// A sent item is forgotten a week after it was sent.
    pub fn expired(&self, now_ms: f64) -> bool {
        self.sent_at_ms.is_some_and(|sent| now_ms - sent > SENT_KEPT_MS)
    }

    /// Records what the server made of [`Entry::next_call`] at `now_ms`.
    pub fn settle(&mut self, outcome: Outcome, now_ms: f64) -> Next {
        let photo = match (&self.write, self.progress.request_id) {
            (Write::NewRequest { .. } | Write::RequestAction { .. }, Some(_)) => Some(self.progress.photos_stored),
            _ => None,
        };
        match outcome {
            Outcome::Stored(answer) => {
                let more = match (&self.write, photo) {
                    (Write::NewRequest { photos, .. }, None) => {
                        // Without the new request's id its photos have nowhere to go; the
                        // replayed answer of a retry will carry it.
                        let Some(id) = answer.get("id").and_then(Value::as_i64) else {
                            self.state = ItemState::Waiting;
                            return Next::Stop;
                        };
                        self.progress.request_id = Some(id);
                        self.answer = Some(answer);
                        !photos.is_empty()
                    }
                    (Write::RequestAction { request_id, photos, .. }, None) => {
                        self.progress.request_id = Some(*request_id);
                        self.answer = Some(answer);
                        !photos.is_empty()
                    }
                    (write, Some(index)) => {
                        self.progress.photos_stored = index + 1;
                        self.progress.photos_stored < write.photos().len()
                    }
                    _ => {
                        self.answer = Some(answer);
                        false
                    }
                };
                if more {
                    return Next::Continue;
                }
                self.state = ItemState::Sent;
                self.sent_at_ms = Some(now_ms);
                self.problem = None;
                self.conflict = None;
                Next::Sent
            }
            Outcome::Unreachable | Outcome::SignedOut => {
                self.state = ItemState::Waiting;
                Next::Stop
            }
            Outcome::Conflict { current, version } => {
                self.state = ItemState::NeedsAttention;
                self.conflict = Some((current, version));
                self.problem = None;
                Next::Attention
            }
            Outcome::Rejected { field, message } => {
                self.state = ItemState::NeedsAttention;
                let field = match photo {
                    Some(index) => Some(format!("photos.{index}")),
                    None => field,
                };
                self.problem = Some((field, message));
                self.conflict = None;
                Next::Attention
            }
        }
    }
}

impl<P: Named> Entry<P> {
    /// The call this item makes next, `None` when it has nothing to send.
    pub fn next_call(&self) -> Option<Call> {
        match self.state {
            ItemState::Waiting | ItemState::Sending => self.write.call(&self.operation_id, &self.progress),
            ItemState::Sent | ItemState::NeedsAttention => None,
        }
    }

    /// Marks the item `Sending` and returns its next call at `now_ms`. A waiting item with
    /// no call left (an edited request whose photos were all stored already) is sent.
    pub fn begin(&mut self, now_ms: f64) -> Option<Call> {
        if !matches!(self.state, ItemState::Waiting | ItemState::Sending) {
            return None;
        }
        let call = self.next_call();
        if call.is_some() {
            self.state = ItemState::Sending;
        } else {
            self.state = ItemState::Sent;
            self.sent_at_ms = Some(now_ms);
        }
        call
    }
}

/// The current account's entries of all those stored, newest first, and the ids of the
/// stored entries to delete (sent more than a week ago, whoever sent them). An entry left
/// `Sending` by a closed tab is `Waiting` again: its call may or may not have arrived, and
/// its operation id makes resending it safe.
pub fn mine<P>(stored: Vec<Entry<P>>, owner: &str, now_ms: f64) -> (Vec<Entry<P>>, Vec<String>) {
    let (expired, kept): (Vec<_>, Vec<_>) = stored.into_iter().partition(|entry| entry.expired(now_ms));
    let mut mine: Vec<Entry<P>> = kept.into_iter().filter(|entry| entry.owner == owner).collect();
    for entry in &mut mine {
        if entry.state == ItemState::Sending {
            entry.state = ItemState::Waiting;
        }
    }
    mine.sort_by(|a, b| b.created_at_ms.total_cmp(&a.created_at_ms));
    (mine, expired.into_iter().map(|entry| entry.operation_id).collect())
}

/// The item to send next: the oldest one waiting, so that changes arrive in the order made.
pub fn next_to_send<P>(entries: &[Entry<P>]) -> Option<&str> {
    entries
        .iter()
        .filter(|entry| matches!(entry.state, ItemState::Waiting | ItemState::Sending))
        .min_by(|a, b| a.created_at_ms.total_cmp(&b.created_at_ms))
        .map(|entry| entry.operation_id.as_str())
}

/// How many items the server does not have yet, those needing attention included.
pub fn unsent<P>(entries: &[Entry<P>]) -> usize {
    entries.iter().filter(|entry| entry.state != ItemState::Sent).count()
}

#[cfg(test)]
mod tests {
    use parkatlas_core::calendar::{Category, RequestState};
    use parkatlas_core::wire::{NewRequest, RequestAction};
    use serde_json::json;

    use super::*;

    const DAY_MS: f64 = 24.0 * 3600.0 * 1000.0;

    fn filing(operation_id: &str, owner: &str, created_at_ms: f64, photos: usize) -> Entry<String> {
        let request = NewRequest {
            category: Category::General,
            title: "光谷三路厂房断电".into(),
            body: "三号厂房自昨日起断电。".into(),
            parcel_id: None,
            location: None,
            address: None,
            media_url: None,
        };
        let photos = (0..photos).map(|i| format!("photo-{i}.jpg")).collect();
        Entry::new(operation_id.into(), owner.into(), created_at_ms, Write::NewRequest { request, photos })
    }

    fn action(version: i64) -> Write<String> {
        let action = RequestAction { to: RequestState::Rated, note: String::new(), rating: None };
        Write::RequestAction { request_id: 42, version, action, photos: Vec::new() }
    }

    fn rejected(field: &str, message: &str) -> Outcome {
        Outcome::Rejected { field: Some(field.into()), message: message.into() }
    }

    #[test]
    fn a_new_request_with_photos_is_sent_call_by_call_and_resumes_at_the_first_photo_not_stored() {
        let mut entry = filing("op-5f2c", "enterprise.a", 0.0, 2);
        let record = json!({"id": 42, "version": 1, "title": "光谷三路厂房断电"});
        assert_eq!(entry.begin(1.0).map(|call| call.path), Some("/api/v1/requests".into()));
        assert_eq!(entry.state, ItemState::Sending);
        assert_eq!(entry.settle(Outcome::Stored(record.clone()), 2.0), Next::Continue);
        assert_eq!(entry.progress, Progress { request_id: Some(42), photos_stored: 0 });

        // The connection drops during the first photo: it waits, and resumes there.
        assert_eq!(entry.begin(3.0).map(|call| call.operation_id), Some("op-5f2c-photo-0".into()));
        assert_eq!(entry.settle(Outcome::Unreachable, 4.0), Next::Stop);
        assert_eq!(entry.state, ItemState::Waiting);
        assert_eq!(entry.begin(5.0).map(|call| call.operation_id), Some("op-5f2c-photo-0".into()));
        assert_eq!(entry.settle(Outcome::Stored(json!({"id": 900})), 6.0), Next::Continue);
        assert_eq!(entry.begin(7.0).map(|call| call.operation_id), Some("op-5f2c-photo-1".into()));
        assert_eq!(entry.settle(Outcome::Stored(json!({"id": 901})), 8.0), Next::Sent);

        assert_eq!((entry.state, entry.sent_at_ms), (ItemState::Sent, Some(8.0)));
        assert_eq!(entry.answer, Some(record), "the request is the answer: its id is the reference");
        assert_eq!(entry.begin(9.0), None, "a sent item sends nothing more");
    }

    #[test]
    fn a_created_request_whose_answer_lacks_its_id_is_asked_for_again() {
        let mut entry = filing("op-5f2c", "enterprise.a", 0.0, 1);
        entry.begin(1.0);
        assert_eq!(entry.settle(Outcome::Stored(json!({"title": "?"})), 2.0), Next::Stop);
        assert_eq!((entry.state, entry.progress.request_id), (ItemState::Waiting, None));
    }

    #[test]
    fn a_lapsed_session_leaves_the_item_waiting_and_stops_the_loop() {
        let mut entry = Entry::new("op-rate-42".into(), "enterprise.a".into(), 0.0, action(3));
        entry.begin(1.0);
        assert_eq!(entry.settle(Outcome::SignedOut, 2.0), Next::Stop);
        assert_eq!((entry.state, entry.problem.clone()), (ItemState::Waiting, None));
    }

    #[test]
    fn a_refusal_keeps_the_servers_field_and_message_and_the_item_for_editing() {
        let mut entry = Entry::new("op-rate-42".into(), "enterprise.a".into(), 0.0, action(3));
        entry.begin(1.0);
        assert_eq!(entry.settle(rejected("rating", "give the requester's rating"), 2.0), Next::Attention);
        assert_eq!(entry.state, ItemState::NeedsAttention);
        assert_eq!(entry.problem, Some((Some("rating".into()), "give the requester's rating".into())));
        assert_eq!(entry.next_call(), None, "not sent again until edited");

        entry.replace(action(3), || unreachable!("a refusal consumed nothing: the id stays"));
        assert_eq!(
            (entry.operation_id.as_str(), entry.state, entry.problem.clone()),
            ("op-rate-42", ItemState::Waiting, None)
        );
    }

    #[test]
    fn a_refused_photo_is_named_by_its_place() {
        let mut entry = filing("op-5f2c", "enterprise.a", 0.0, 2);
        entry.begin(1.0);
        entry.settle(Outcome::Stored(json!({"id": 42})), 2.0);
        entry.begin(3.0);
        entry.settle(Outcome::Stored(json!({"id": 900})), 4.0);
        entry.begin(5.0);
        entry.settle(rejected("size", "the file has 2000000 bytes"), 6.0);
        assert_eq!(entry.problem, Some((Some("photos.1".into()), "the file has 2000000 bytes".into())));

        // The edit replaces the photo; the request is not filed again and photo 0 not sent again.
        let Write::NewRequest { request, .. } = entry.write.clone() else { unreachable!() };
        entry.replace(Write::NewRequest { request, photos: vec!["photo-0.jpg".into(), "smaller.jpg".into()] }, || {
            unreachable!("the id stays")
        });
        let call = entry.begin(7.0).unwrap();
        assert_eq!(
            (call.operation_id.as_str(), call.path.as_str()),
            ("op-5f2c-photo-1", "/api/v1/requests/42/attachments?name=smaller.jpg")
        );
    }

    #[test]
    fn a_conflict_keeps_the_record_as_it_stands_and_the_edit_is_sent_to_its_version() {
        let mut entry = Entry::new("op-rate-42".into(), "enterprise.a".into(), 0.0, action(3));
        entry.begin(1.0);
        let current = json!({"id": 42, "version": 5, "state": "reopened"});
        assert_eq!(entry.settle(Outcome::Conflict { current: current.clone(), version: 5 }, 2.0), Next::Attention);
        assert_eq!((entry.state, entry.conflict.clone()), (ItemState::NeedsAttention, Some((current, 5))));

        entry.replace(action(5), || unreachable!("a 412 consumed nothing: the id stays"));
        assert_eq!(entry.conflict, None);
        assert_eq!(
            entry.begin(3.0).map(|call| (call.operation_id, call.if_match)),
            Some(("op-rate-42".into(), Some(5)))
        );
    }

    #[test]
    fn an_edit_of_a_sent_item_is_a_new_operation() {
        let mut entry = Entry::new("op-rate-42".into(), "enterprise.a".into(), 0.0, action(3));
        entry.begin(1.0);
        entry.settle(Outcome::Stored(json!({"id": 42, "version": 4})), 2.0);
        entry.replace(action(4), || "op-again".into());
        assert_eq!(
            (entry.operation_id.as_str(), entry.state, entry.answer.clone()),
            ("op-again", ItemState::Waiting, None)
        );
    }

    #[test]
    fn answers_become_outcomes_by_what_a_retry_could_change() {
        let status = |status, field: Option<&str>| {
            Err(WriteFailure::Failed(ApiFailure::Status {
                status,
                message: Some("why".into()),
                field: field.map(Into::into),
            }))
        };
        assert_eq!(Outcome::of(Ok(json!({"id": 1}))), Outcome::Stored(json!({"id": 1})));
        assert_eq!(Outcome::of(status(422, Some("title"))), rejected("title", "why"));
        assert_eq!(Outcome::of(status(403, None)), Outcome::Rejected { field: None, message: "why".into() });
        assert_eq!(Outcome::of(status(401, None)), Outcome::SignedOut);
        for later in [500, 502, 503, 408, 429] {
            assert_eq!(Outcome::of(status(later, None)), Outcome::Unreachable, "{later}");
        }
        assert_eq!(Outcome::of(Err(WriteFailure::Failed(ApiFailure::Network))), Outcome::Unreachable);
        assert_eq!(Outcome::of(Err(WriteFailure::Failed(ApiFailure::Unreadable))), Outcome::Unreachable);
        let conflict = Err(WriteFailure::Conflict { current: json!({"version": 5}), version: 5 });
        assert_eq!(Outcome::of(conflict), Outcome::Conflict { current: json!({"version": 5}), version: 5 });
        let bare = Err(WriteFailure::Failed(ApiFailure::Status { status: 413, message: None, field: None }));
        assert_eq!(Outcome::of(bare), Outcome::Rejected { field: None, message: "HTTP 413".into() });
    }

    #[test]
    fn an_account_sees_its_own_items_newest_first_and_a_week_after_sending_they_are_gone() {
        let now = 30.0 * DAY_MS;
        let mut sent_long_ago = filing("op-old", "enterprise.a", 0.0, 0);
        sent_long_ago.state = ItemState::Sent;
        sent_long_ago.sent_at_ms = Some(now - 8.0 * DAY_MS);
        let mut sent_lately = filing("op-lately", "enterprise.a", 1.0, 0);
        sent_lately.state = ItemState::Sent;
        sent_lately.sent_at_ms = Some(now - 6.0 * DAY_MS);
        let mut interrupted = filing("op-interrupted", "enterprise.a", 2.0, 1);
        interrupted.state = ItemState::Sending;
        let mut others_old = filing("op-b-old", "enterprise.b", 3.0, 0);
        others_old.state = ItemState::Sent;
        others_old.sent_at_ms = Some(0.0);
        let others = filing("op-b", "enterprise.b", 4.0, 0);

        let (mine, expired) =
            mine(vec![sent_long_ago, interrupted, others, sent_lately, others_old], "enterprise.a", now);
        let ids: Vec<_> = mine.iter().map(|entry| entry.operation_id.as_str()).collect();
        assert_eq!(ids, ["op-interrupted", "op-lately"]);
        assert_eq!(mine[0].state, ItemState::Waiting, "a send cut off by a closed tab is resent under its id");
        assert_eq!(expired, ["op-old", "op-b-old"]);
    }

    #[test]
    fn items_are_sent_oldest_first_and_attention_or_sent_ones_are_passed_over() {
        let mut refused = filing("op-1", "enterprise.a", 1.0, 0);
        refused.state = ItemState::NeedsAttention;
        let mut sent = filing("op-2", "enterprise.a", 2.0, 0);
        sent.state = ItemState::Sent;
        let entries =
            vec![filing("op-4", "enterprise.a", 4.0, 0), filing("op-3", "enterprise.a", 3.0, 0), sent, refused];
        assert_eq!(next_to_send(&entries), Some("op-3"));
        assert_eq!(unsent(&entries), 3, "an item needing attention is not sent yet");
        assert_eq!(next_to_send(&entries[2..]), None);
    }

    #[test]
    fn a_stored_entry_reads_back_as_it_was() {
        let mut entry = filing("op-5f2c", "enterprise.a", 1_764_000_000_000.0, 2);
        entry.progress = Progress { request_id: Some(42), photos_stored: 1 };
        entry.problem = Some((Some("photos.1".into()), "too large".into()));
        let json = serde_json::to_string(&entry).unwrap();
        assert_eq!(serde_json::from_str::<Entry<String>>(&json).unwrap(), entry);
        assert_eq!(entry.edit_href(), "/app/requests/new?outbox=op-5f2c");
    }
}
