//! The one way to change stored records. A [`Write`] is a transaction that first claims
//! the client's operation id, logs every changed record for the change feed, and keeps
//! the response with the operation id, so that a retried operation gets its first
//! response back and has no second effect. Dropping a `Write` rolls everything back.

use parkatlas_core::wire::ChangeKind;
use sqlx::AnyConnection;
use sqlx::{Any, Transaction};

use super::error::StoreError;
use super::{now_text, Backend, Store};

/// A client operation id (the `Idempotency-Key` header), scoped to the caller so that two
/// callers' ids never meet, with the request it was first used for.
#[derive(Debug, Clone)]
pub struct OperationKey {
    pub key: String,
    pub method: String,
    pub path: String,
}

/// What a write answered; kept with its operation id and returned again on a retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: u16,
    /// The version of the record written, sent as its ETag.
    pub version: Option<i64>,
    /// The JSON body.
    pub body: String,
}

pub enum Begun {
    Fresh(Write),
    /// The operation was applied before: here is what it answered.
    Replay(Outcome),
}

/// Who may see a change in the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Everyone,
    /// Admins, officers of `park_id`, and users of `enterprise_id`.
    Scoped {
        park_id: Option<i64>,
        enterprise_id: Option<i64>,
    },
    Admins,
}

pub struct Write {
    tx: Transaction<'static, Any>,
    operation: Option<OperationKey>,
    backend: Backend,
    feed_locked: bool,
}

/// Operation records older than this are forgotten: a client retries within seconds, and
/// a phone that was offline within days.
const OPERATION_RETENTION_DAYS: i64 = 30;

/// The PostgreSQL advisory lock that orders change-log entries by commit (any constant).
const FEED_LOCK: i64 = 0x7061_726b;

impl Store {
    /// Starts a write, or returns the recorded outcome when `operation` was applied before.
    pub async fn write(&self, operation: Option<OperationKey>) -> Result<Begun, StoreError> {
        let mut tx = self.pool.begin().await?;
        // A write statement first, so that SQLite takes its write lock now: upgrading a read
        // lock later fails at once when another writer committed in between.
        let cutoff = (chrono::Utc::now() - chrono::Duration::days(OPERATION_RETENTION_DAYS))
            .format(super::TIME_FORMAT)
            .to_string();
        sqlx::query("DELETE FROM operations WHERE created_at < $1").bind(cutoff).execute(&mut *tx).await?;
        if let Some(operation) = &operation {
            if let Some(outcome) = recorded(&mut tx, operation).await? {
                return Ok(Begun::Replay(outcome));
            }
            let claim = sqlx::query(
                "INSERT INTO operations (key, method, path, status, etag, body, created_at)
                 VALUES ($1, $2, $3, 0, NULL, '', $4)",
            )
            .bind(&operation.key)
            .bind(&operation.method)
            .bind(&operation.path)
            .bind(now_text())
            .execute(&mut *tx)
            .await;
            match claim {
                Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
                    // The same operation committed meanwhile (PostgreSQL waited for it): answer as it did.
                    tx.rollback().await?;
                    let mut connection = self.pool.acquire().await?;
                    let outcome = recorded(&mut connection, operation).await?;
                    return Ok(Begun::Replay(outcome.ok_or(sqlx::Error::RowNotFound)?));
                }
                other => {
                    other?;
                }
            }
        }
        Ok(Begun::Fresh(Write { tx, operation, backend: self.backend, feed_locked: false }))
    }
}

impl Write {
    pub fn connection(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    /// Records that a record changed (or was deleted) for the change feed: only its latest
    /// change is kept, under a new cursor.
    pub async fn log_change(
        &mut self,
        kind: ChangeKind,
        row_id: i64,
        version: i64,
        deleted: bool,
        audience: Audience,
    ) -> sqlx::Result<()> {
        if self.backend == Backend::Postgres && !self.feed_locked {
            // Identity values are handed out before commit; without this lock a reader could
            // see cursor 11 committed while 10 is still in flight, and skip 10 for ever.
            sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(FEED_LOCK).execute(&mut *self.tx).await?;
            self.feed_locked = true;
        }
        let (audience, park_id, enterprise_id) = match audience {
            Audience::Everyone => ("public", None, None),
            Audience::Scoped { park_id, enterprise_id } => ("scoped", park_id, enterprise_id),
            Audience::Admins => ("admin", None, None),
        };
        sqlx::query("DELETE FROM change_log WHERE kind = $1 AND row_id = $2")
            .bind(kind.as_str())
            .bind(row_id)
            .execute(&mut *self.tx)
            .await?;
        sqlx::query(
            "INSERT INTO change_log (kind, row_id, version, deleted, audience, park_id, enterprise_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(kind.as_str())
        .bind(row_id)
        .bind(version)
        .bind(i64::from(deleted))
        .bind(audience)
        .bind(park_id)
        .bind(enterprise_id)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Keeps `outcome` with the operation id and commits: the write happened, once.
    pub async fn finish(mut self, outcome: Outcome) -> sqlx::Result<Outcome> {
        if let Some(operation) = &self.operation {
            sqlx::query("UPDATE operations SET status = $1, etag = $2, body = $3 WHERE key = $4")
                .bind(i64::from(outcome.status))
                .bind(outcome.version.map(|v| v.to_string()))
                .bind(&outcome.body)
                .bind(&operation.key)
                .execute(&mut *self.tx)
                .await?;
        }
        self.tx.commit().await?;
        Ok(outcome)
    }
}

/// The stored outcome of `operation`, if it was applied; an error if its id was used for
/// another request.
async fn recorded(connection: &mut AnyConnection, operation: &OperationKey) -> Result<Option<Outcome>, StoreError> {
    let row: Option<(String, String, i64, Option<String>, String)> =
        sqlx::query_as("SELECT method, path, status, etag, body FROM operations WHERE key = $1")
            .bind(&operation.key)
            .fetch_optional(&mut *connection)
            .await?;
    let Some((method, path, status, etag, body)) = row else { return Ok(None) };
    if method != operation.method || path != operation.path {
        let key = operation.key.split_once(':').map_or(operation.key.as_str(), |(_, id)| id).to_string();
        return Err(StoreError::OperationReused { key, method, path });
    }
    Ok(Some(Outcome { status: u16::try_from(status).unwrap_or(500), version: etag.and_then(|v| v.parse().ok()), body }))
}
