//! Reading the change log for `GET /changes`: the latest change of every record the
//! caller may see, after a cursor, oldest first.

use parkatlas_core::wire::ChangeKind;

use super::error::{Context, Result};
use super::scope::{self, Belonging};
use super::{bind_values, Store};
use crate::auth::Scope;

/// Where a logged change belongs (`audience` says whether it is public at all).
const CHANGE_BELONGING: Belonging = Belonging { park: "park_id", enterprise: Some("enterprise_id") };

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedChange {
    pub seq: i64,
    pub kind: ChangeKind,
    pub row_id: i64,
    pub version: i64,
    pub deleted: bool,
}

/// One page of the log and where the next starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogPage {
    pub changes: Vec<LoggedChange>,
    pub next: i64,
    pub more: bool,
}

impl Store {
    /// Up to `limit` changes after `since` that a caller with `scope` may see.
    pub async fn changes_since(&self, since: i64, limit: i64, scope: &Scope) -> Result<LogPage> {
        // No transaction is needed: cursors are handed out in commit order (see
        // `Write::log_change`), so everything up to `newest` is committed and stays as read.
        // A page that is not full ends there, so the cursor moves past changes this caller
        // may not see.
        let mut connection = self.pool.acquire().await?;
        let newest: Option<i64> =
            sqlx::query_scalar("SELECT MAX(seq) FROM change_log").fetch_one(&mut *connection).await?;
        let newest = newest.unwrap_or(0).max(since);
        let (sql, scoped) = visible_changes_sql(scope);
        let query = sqlx::query_as(&sql).bind(since).bind(newest).bind(limit);
        let values = scoped.map(|condition| condition.values).unwrap_or_default();
        let rows: Vec<(i64, String, i64, i64, i64)> = bind_values(query, &values).fetch_all(&mut *connection).await?;
        let more = rows.len() as i64 == limit;
        let changes = rows
            .into_iter()
            .map(|(seq, kind, row_id, version, deleted)| {
                let kind = ChangeKind::parse(&kind)
                    .with_context(|| format!("the change log holds an unknown kind {kind:?}"))?;
                Ok(LoggedChange { seq, kind, row_id, version, deleted: deleted != 0 })
            })
            .collect::<Result<Vec<_>>>()?;
        let next = if more { changes.last().map_or(newest, |c| c.seq) } else { newest };
        Ok(LogPage { changes, next, more })
    }
}

/// The query for one scope: one index walk per way this caller may see a change, each
/// stopping after `limit` rows, merged in cursor order. A single filtered scan would read
/// every change the caller may not see on the way to the few it may, and one query with
/// every walk guarded by parameters lets PostgreSQL's generic plan pick scans that suit no
/// caller, so only the walks that apply are in the text. The scoped walk goes by enterprise
/// or park index and may meet public changes too; UNION drops the repeats.
/// Parameters: $1 since, $2 newest, $3 limit, then those of the returned scope condition.
fn visible_changes_sql(scope: &Scope) -> (String, Option<scope::Condition>) {
    const COLUMNS: &str = "SELECT seq, kind, row_id, version, deleted FROM change_log";
    if *scope == Scope::Everything {
        return (format!("{COLUMNS} WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3"), None);
    }
    let mut walks =
        vec![format!("{COLUMNS} WHERE audience = 'public' AND seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3")];
    let scoped = scope::condition(scope, CHANGE_BELONGING, 4);
    if let Some(condition) = &scoped {
        walks.push(format!(
            "{COLUMNS} WHERE {} AND audience <> 'admin' AND seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3",
            condition.clause
        ));
    }
    let merged = walks.iter().map(|walk| format!("SELECT * FROM ({walk}) AS walk")).collect::<Vec<_>>().join(" UNION ");
    (format!("SELECT seq, kind, row_id, version, deleted FROM ({merged}) AS visible ORDER BY seq LIMIT $3"), scoped)
}
