//! `GET /changes?since=<cursor>`: what changed for the caller since its last sync, as
//! current records (the same JSON their own endpoints return) or tombstones.

use std::collections::HashMap;

use axum::extract::State;
use axum::Json;
use parkatlas_core::wire::{Change, ChangeKind, ChangePage, ErrorBody};
use serde_json::Value;

use super::body::Params;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::AppState;

const DEFAULT_PAGE: i64 = 500;
const MAX_PAGE: i64 = 1000;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct ChangesQuery {
    /// The `next` cursor of the previous page; 0 (or nothing) for everything.
    since: Option<String>,
    /// Changes per page, 1 to 1000 (default 500).
    limit: Option<String>,
}

/// The changes after a cursor that the caller may see.
#[utoipa::path(get, path = "/changes", tag = "sync", params(ChangesQuery),
    responses((status = 200, body = ChangePage), (status = 400, body = ErrorBody)))]
pub async fn since(
    State(state): State<AppState>,
    caller: Caller,
    Params(query): Params<ChangesQuery>,
) -> Result<Json<ChangePage>, ApiError> {
    let invalid = |field: &str, message: String| ApiError::InvalidParameter { field: field.into(), message };
    let since = match query.since.as_deref() {
        None | Some("") => 0,
        Some(text) => text.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
            invalid("since", format!("since {text:?} must be a cursor from a previous page (a whole number ≥ 0)"))
        })?,
    };
    let limit =
        match query.limit.as_deref() {
            None => DEFAULT_PAGE,
            Some(text) => text.parse::<i64>().ok().filter(|n| (1..=MAX_PAGE).contains(n)).ok_or_else(|| {
                invalid("limit", format!("limit {text:?} must be a whole number from 1 to {MAX_PAGE}"))
            })?,
        };
    let page = state.store.changes_since(since, limit, &caller.scope()).await?;

    let mut wanted: HashMap<ChangeKind, Vec<i64>> = HashMap::new();
    for change in page.changes.iter().filter(|c| !c.deleted) {
        wanted.entry(change.kind).or_default().push(change.row_id);
    }
    let mut records: HashMap<(ChangeKind, i64), Value> = HashMap::new();
    for (kind, ids) in wanted {
        for (id, record) in super::records::load(&state, &caller, kind, &ids).await? {
            records.insert((kind, id), record);
        }
    }
    let changes = page
        .changes
        .into_iter()
        .map(|logged| {
            let data = records.remove(&(logged.kind, logged.row_id));
            // A record deleted after the log was read shows as a tombstone until the next page says so.
            Change { kind: logged.kind, id: logged.row_id, version: logged.version, deleted: data.is_none(), data }
        })
        .collect();
    Ok(Json(ChangePage { changes, next: page.next, more: page.more }))
}
