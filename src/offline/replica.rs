//! The replica: the records the signed-in account may see, copied from the change feed
//! (`GET /api/v1/changes?since=<cursor>`) into IndexedDB by (kind, id), page by page, with
//! the cursor after the last page stored in the same transaction. It belongs to one account:
//! another account starts from an empty replica, and signing out clears it.

use leptos::prelude::*;
use parkatlas_core::wire::ChangePage;
use serde::{Deserialize, Serialize};

use super::database::{self, Stored, Unavailable};
use super::pump::{spawn_rounds, Pump};
use crate::api::{self, ApiFailure};
use crate::signed_in::session::Session;

/// Whose replica the device holds and where the change feed goes on after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub owner: String,
    pub next: i64,
}

/// Where a refresh for `owner` starts, and whether the stored replica must be cleared
/// first: it goes on after the stored cursor only when the replica is that account's.
pub fn start(stored: Option<&Cursor>, owner: &str) -> (i64, bool) {
    match stored {
        Some(cursor) if cursor.owner == owner => (cursor.next, false),
        Some(_) => (0, true),
        None => (0, false),
    }
}

/// What a page of the change feed stores: each record's JSON, or `None` for a tombstone.
pub fn stored(page: &ChangePage) -> Vec<Stored> {
    let json = |change: &parkatlas_core::wire::Change| match (&change.data, change.deleted) {
        (Some(data), false) => Some(data.to_string()),
        _ => None,
    };
    page.changes.iter().map(|change| (change.kind, change.id, json(change))).collect()
}

/// Why a refresh stopped.
#[derive(Debug)]
enum Stop {
    Api(ApiFailure),
    Storage(Unavailable),
}

/// The replica's handle: refreshes it, one refresh at a time, and counts the refreshes
/// that changed something.
#[derive(Debug, Clone, Copy)]
pub struct Replica {
    session: Session,
    synced: RwSignal<u64>,
    pump: StoredValue<Pump>,
}

impl Replica {
    pub fn new(session: Session) -> Replica {
        Replica { session, synced: RwSignal::new(0), pump: StoredValue::new(Pump::default()) }
    }

    /// Tracked: bumps after each refresh that changed the replica.
    pub fn synced(&self) -> u64 {
        self.synced.get()
    }

    /// Pulls what changed since the last refresh, in the background.
    pub fn refresh(self) {
        spawn_rounds(self.pump, move || self.pull());
    }

    async fn pull(self) {
        let Some(owner) = untrack(|| self.session.user()).map(|user| user.username) else { return };
        match pull(&owner).await {
            Ok(false) => {}
            Ok(true) => self.synced.update(|synced| *synced += 1),
            Err(Stop::Api(failure)) => self.session.notice(&failure),
            Err(Stop::Storage(Unavailable(why))) => leptos::logging::warn!("the replica is not stored: {why}"),
        }
    }

    /// Forgets the replica (on sign-out: a shared device keeps nothing of the account).
    pub async fn clear(self) {
        if let Err(Unavailable(why)) = database::clear_replica().await {
            leptos::logging::warn!("the replica could not be cleared: {why}");
        }
        self.synced.update(|synced| *synced += 1);
    }
}

/// Pulls the change feed for `owner` until no more changes wait; true when anything changed.
async fn pull(owner: &str) -> Result<bool, Stop> {
    let stored_json = database::replica_meta().await.map_err(Stop::Storage)?;
    let cursor = stored_json.and_then(|json| serde_json::from_str::<Cursor>(&json).ok());
    let (mut since, clear) = start(cursor.as_ref(), owner);
    if clear {
        database::clear_replica().await.map_err(Stop::Storage)?;
    }
    let mut changed = clear;
    loop {
        let page = api::changes(since).await.map_err(Stop::Api)?;
        let cursor = Cursor { owner: owner.to_string(), next: page.next };
        let cursor_json = serde_json::to_string(&cursor).unwrap_or_default();
        database::apply_changes(&stored(&page), &cursor_json).await.map_err(Stop::Storage)?;
        changed |= !page.changes.is_empty();
        since = page.next;
        if !page.more {
            return Ok(changed);
        }
    }
}

#[cfg(test)]
mod tests {
    use parkatlas_core::wire::{Change, ChangeKind};
    use serde_json::json;

    use super::*;

    fn cursor(owner: &str, next: i64) -> Cursor {
        Cursor { owner: owner.into(), next }
    }

    #[test]
    fn a_refresh_goes_on_after_its_own_accounts_cursor_only() {
        assert_eq!(start(None, "enterprise.a"), (0, false), "a first refresh");
        assert_eq!(start(Some(&cursor("enterprise.a", 812)), "enterprise.a"), (812, false));
        assert_eq!(
            start(Some(&cursor("enterprise.a", 812)), "enterprise.b"),
            (0, true),
            "another account on the same device never sees enterprise.a's records"
        );
    }

    #[test]
    fn records_are_stored_as_their_json_and_tombstones_as_nothing() {
        let change = |id, deleted, data| Change { kind: ChangeKind::Request, id, version: 2, deleted, data };
        let page = ChangePage {
            changes: vec![
                change(7, false, Some(json!({"id": 7, "title": "光谷三路断电"}))),
                change(8, true, None),
                // A record deleted while the page was read has no data either.
                change(9, false, None),
            ],
            next: 40,
            more: false,
        };
        assert_eq!(
            stored(&page),
            [
                (ChangeKind::Request, 7, Some(r#"{"id":7,"title":"光谷三路断电"}"#.to_string())),
                (ChangeKind::Request, 8, None),
                (ChangeKind::Request, 9, None),
            ]
        );
    }
}
