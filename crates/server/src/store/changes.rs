//! Reading the change log for `GET /changes`: the latest change of every record the
//! caller may see, after a cursor, oldest first.

use parkatlas_core::wire::ChangeKind;

use super::Store;

/// Whose view of the log to read.
#[derive(Debug, Clone, Default)]
pub struct Viewer {
    pub user_id: Option<i64>,
    pub admin: bool,
    pub enterprise_id: Option<i64>,
}

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
    /// Up to `limit` changes after `since` that `viewer` may see.
    pub async fn changes_since(&self, since: i64, limit: i64, viewer: &Viewer) -> anyhow::Result<LogPage> {
        // No transaction is needed: cursors are handed out in commit order (see
        // `Write::log_change`), so everything up to `newest` is committed and stays as read.
        // A page that is not full ends there, so the cursor moves past changes this caller
        // may not see.
        let mut connection = self.pool.acquire().await?;
        let newest: Option<i64> =
            sqlx::query_scalar("SELECT MAX(seq) FROM change_log").fetch_one(&mut *connection).await?;
        let newest = newest.unwrap_or(0).max(since);
        let (sql, scope) = visible_changes_sql(viewer);
        let query = sqlx::query_as(&sql).bind(since).bind(newest).bind(limit);
        let query = match scope {
            Some(id) => query.bind(id),
            None => query,
        };
        let rows: Vec<(i64, String, i64, i64, i64)> = query.fetch_all(&mut *connection).await?;
        let more = rows.len() as i64 == limit;
        let changes = rows
            .into_iter()
            .map(|(seq, kind, row_id, version, deleted)| {
                let kind = ChangeKind::parse(&kind)
                    .ok_or_else(|| anyhow::anyhow!("the change log holds an unknown kind {kind:?}"))?;
                Ok(LoggedChange { seq, kind, row_id, version, deleted: deleted != 0 })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let next = if more { changes.last().map_or(newest, |c| c.seq) } else { newest };
        Ok(LogPage { changes, next, more })
    }
}

/// The query for one viewer: one index walk per way this viewer may see a change, each
/// stopping after `limit` rows, merged in cursor order. A single filtered scan would read
/// every change the caller may not see on the way to the few it may, and one query with
/// every walk guarded by parameters lets PostgreSQL's generic plan pick scans that suit no
/// caller, so only the walks that apply are in the text. The scoped walks go by enterprise
/// or park index and may meet public changes too; UNION drops the repeats.
/// Parameters: $1 since, $2 newest, $3 limit, and $4 the returned scope id (the
/// enterprise's, or the officer's user id) when there is one.
fn visible_changes_sql(viewer: &Viewer) -> (String, Option<i64>) {
    const COLUMNS: &str = "SELECT seq, kind, row_id, version, deleted FROM change_log";
    if viewer.admin {
        return (format!("{COLUMNS} WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3"), None);
    }
    let mut walks =
        vec![format!("{COLUMNS} WHERE audience = 'public' AND seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3")];
    let scope = if let Some(enterprise_id) = viewer.enterprise_id {
        walks.push(format!(
            "{COLUMNS} WHERE enterprise_id = $4 AND audience <> 'admin' AND seq > $1 AND seq <= $2 \
             ORDER BY enterprise_id, seq LIMIT $3"
        ));
        Some(enterprise_id)
    } else if let Some(user_id) = viewer.user_id {
        walks.push(
            "SELECT c.seq, c.kind, c.row_id, c.version, c.deleted \
             FROM user_parks AS u JOIN change_log AS c ON c.park_id = u.park_id \
             WHERE u.user_id = $4 AND c.audience <> 'admin' AND c.seq > $1 AND c.seq <= $2 \
             ORDER BY c.seq LIMIT $3"
                .to_owned(),
        );
        Some(user_id)
    } else {
        None
    };
    let merged = walks.iter().map(|walk| format!("SELECT * FROM ({walk}) AS walk")).collect::<Vec<_>>().join(" UNION ");
    (format!("SELECT seq, kind, row_id, version, deleted FROM ({merged}) AS visible ORDER BY seq LIMIT $3"), scope)
}
