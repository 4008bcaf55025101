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
        let mut tx = self.pool.begin().await?;
        // Everything up to `newest` is committed; a page that is not full ends there, so
        // the cursor moves past changes this caller may not see.
        let newest: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM change_log").fetch_one(&mut *tx).await?;
        let newest = newest.unwrap_or(0).max(since);
        let rows: Vec<(i64, String, i64, i64, i64)> = sqlx::query_as(
            "SELECT seq, kind, row_id, version, deleted FROM change_log
             WHERE seq > $1 AND seq <= $2
               AND (audience = 'public' OR $3 = 1
                    OR (audience = 'scoped' AND (enterprise_id = $4
                        OR park_id IN (SELECT park_id FROM user_parks WHERE user_id = $5))))
             ORDER BY seq LIMIT $6",
        )
        .bind(since)
        .bind(newest)
        .bind(i64::from(viewer.admin))
        .bind(viewer.enterprise_id)
        .bind(viewer.user_id)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
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
