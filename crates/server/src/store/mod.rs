//! All SQL of parkatlas: opening and migrating the database and every read and write.
//! Nothing outside this module writes a query.
//!
//! One code path serves both backends through sqlx's `Any` driver: an embedded SQLite
//! file by default, PostgreSQL when `DATABASE_URL` is a `postgres://` URL. Statements
//! use `$1`-style parameters, which both understand; each backend has its own
//! migrations folder. `Any` carries only integers, floats, text and bytes, so dates are
//! ISO 8601 text and structured details are JSON text checked by parkatlas-core's types.
//!
//! Its files follow the API's resources (`api/`): one file per resource.
//!
//! - [`parks`] and [`parcels`]: the public map. Geometries are validated by core and
//!   stored with their area and bounding box (`bind_shape`, here, binds them for both) so
//!   that reads need no geometry work.
//! - [`enterprises`], their figures by year ([`annual`]) and their [`certificates`].
//! - [`profiles`]: scoring profiles; [`evaluations`]: 亩均 evaluation runs and results.
//! - [`requests`]: service requests with their history and attachments.
//! - [`inquiries`]: investment inquiries sent to a park.
//! - [`users`]: accounts and sessions; [`api_keys`]: the keys of Open311 clients.
//! - [`land`]: finding land across every park (`GET /land`).
//! - [`statistics`]: what a park's public profile counts (`GET /parks/{id}/statistics`).
//! - [`changes`]: reading the change log (`GET /changes`).
//!
//! Beside them: [`write`](mod@write), the transaction every change goes through
//! (client operation ids, the change log, optimistic versions and their [`Versioned`]
//! result); [`bulk`], the demo dataset and imports in one write; `scope.rs`, a caller's
//! `Scope` as SQL; `error.rs`, [`StoreError`].

pub mod annual;
pub mod api_keys;
pub mod bulk;
pub mod certificates;
pub mod changes;
pub mod enterprises;
mod error;
pub mod evaluations;
pub mod inquiries;
pub mod land;
pub mod parcels;
pub mod parks;
pub mod profiles;
pub mod requests;
mod scope;
pub mod statistics;
pub mod users;
pub mod write;

use anyhow::Context;
use parkatlas_core::geometry::Shape;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::any::{AnyArguments, AnyPoolOptions};
use sqlx::{Any, AnyPool};

pub use error::StoreError;
pub use parcels::NewParcel;
pub use parks::NewPark;
pub use write::{Begun, Outcome, Versioned, Write};

/// A handle on the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

const DATASET_KEY: &str = "dataset";
const DEMO_DATASET: &str = "demo";

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    fn of(url: &str) -> anyhow::Result<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!(
                "DATABASE_URL {url:?} is neither a SQLite file (sqlite://parkatlas.db) nor a PostgreSQL server \
                 (postgres://user:password@host/database)"
            )
        }
    }
}

impl Store {
    /// Opens the database at `url`, creating a SQLite file (and its directory) if needed,
    /// and applies pending migrations.
    pub async fn open(url: &str) -> anyhow::Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url)?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_file(url)?,
            Backend::Postgres => url.to_string(),
        };
        let pool = AnyPoolOptions::new()
            .connect(&url)
            .await
            .with_context(|| format!("cannot open the database at {}", redact(&url)))?;
        match backend {
            Backend::Sqlite => {
                // WAL lets readers proceed while a write commits; it is a property of the file.
                sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
                sqlx::migrate!("./migrations/sqlite").run(&pool).await
            }
            Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(&pool).await,
        }
        .context("cannot migrate the database")?;
        profiles::add_shipped_profiles(&Store { pool: pool.clone(), backend }).await?;
        Ok(Store { pool, backend })
    }

    /// Closes every connection; for SQLite, folds the write-ahead log into the file first,
    /// so that the file alone holds the database.
    pub async fn close(&self) -> sqlx::Result<()> {
        if self.backend == Backend::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await?;
        }
        self.pool.close().await;
        Ok(())
    }

    pub async fn is_empty(&self) -> sqlx::Result<bool> {
        let parks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM parks").fetch_one(&self.pool).await?;
        Ok(parks == 0)
    }

    pub async fn holds_demo_data(&self) -> sqlx::Result<bool> {
        let dataset: Option<String> = sqlx::query_scalar("SELECT value FROM dataset_meta WHERE key = $1")
            .bind(DATASET_KEY)
            .fetch_optional(&self.pool)
            .await?;
        Ok(dataset.as_deref() == Some(DEMO_DATASET))
    }
}

pub(crate) type AnyQuery<'q> = sqlx::query::Query<'q, Any, AnyArguments<'q>>;
pub(crate) type AnyQueryAs<'q, O> = sqlx::query::QueryAs<'q, Any, O, AnyArguments<'q>>;

/// A value for a numbered parameter of a statement whose conditions are chosen at run time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Int(i64),
    Real(f64),
    Text(String),
}

/// Binds `values` to `$1`, `$2`, … of `query`, in order.
pub(crate) fn bind_values<'q, O>(mut query: AnyQueryAs<'q, O>, values: &'q [Value]) -> AnyQueryAs<'q, O> {
    for value in values {
        query = match value {
            Value::Int(n) => query.bind(*n),
            Value::Real(x) => query.bind(*x),
            Value::Text(text) => query.bind(text.as_str()),
        };
    }
    query
}

/// Binds what parks and parcels store of a shape, in their shared column order:
/// GeoJSON, geodesic area, then the bounding box (west, south, east, north). It lives
/// here rather than in `parks.rs` or `parcels.rs` because both of them, and the bulk
/// inserts of `bulk.rs`, bind shapes the same way.
fn bind_shape<'q>(query: AnyQuery<'q>, shape: &Shape) -> AnyQuery<'q> {
    let bbox = shape.bounding_box();
    query
        .bind(shape.to_geojson().to_string())
        .bind(shape.area().0)
        .bind(bbox.west)
        .bind(bbox.south)
        .bind(bbox.east)
        .bind(bbox.north)
}

/// Adds `mode=rwc` (create the file if missing) to a SQLite URL and creates its directory:
/// a new deployment names a file in a directory that may not exist yet.
fn prepare_sqlite_file(url: &str) -> anyhow::Result<String> {
    let path = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (file, query) = path.split_once('?').unwrap_or((path, ""));
    if let Some(directory) = std::path::Path::new(file).parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(directory)
            .with_context(|| format!("cannot create the database directory {}", directory.display()))?;
    }
    Ok(match query {
        "" => format!("{url}?mode=rwc"),
        q if q.contains("mode=") => url.to_string(),
        _ => format!("{url}&mode=rwc"),
    })
}

/// A URL fit for a log line: the password, if any, replaced by `***`.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Stores a unit enum as its JSON name (e.g. `under_construction`), so the database
/// and the API spell every value the same way.
pub(crate) fn to_db<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        other => unreachable!("unit enums serialize to strings, got {other:?}"),
    }
}

pub(crate) fn from_db<T: DeserializeOwned>(name: &str) -> error::Result<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .map_err(|_| StoreError::Inconsistent(format!("the database holds an unknown value {name:?}")))
}

/// How instants are stored: UTC, fixed width, so that text order is time order.
pub(crate) const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.3fZ";

pub(crate) fn now_text() -> String {
    chrono::Utc::now().format(TIME_FORMAT).to_string()
}

/// A China local time as stored: UTC text in [`TIME_FORMAT`].
pub(crate) fn utc_text(china: chrono::NaiveDateTime) -> String {
    let offset = chrono::Duration::seconds(i64::from(parkatlas_core::calendar::CHINA_UTC_OFFSET_SECONDS));
    (china - offset).format(TIME_FORMAT).to_string()
}

/// A stored instant (UTC text) as China local time, as the wire types show it.
pub(crate) fn china_time(stored: &str) -> error::Result<chrono::NaiveDateTime> {
    let instant = chrono::DateTime::parse_from_rfc3339(stored)
        .map_err(|_| StoreError::Inconsistent(format!("the database holds a bad time {stored:?}")))?;
    Ok(parkatlas_core::calendar::china_time(instant))
}

/// Now, in China local time.
pub(crate) fn china_now() -> chrono::NaiveDateTime {
    parkatlas_core::calendar::china_time(chrono::Utc::now())
}

/// Marks the database as holding the demo dataset (the SPA shows a demo-data notice).
pub(crate) async fn mark_demo_data(connection: &mut sqlx::AnyConnection) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO dataset_meta (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(DATASET_KEY)
    .bind(DEMO_DATASET)
    .execute(connection)
    .await?;
    Ok(())
}

/// `INSERT INTO table (columns…) VALUES ($1, …) RETURNING id`.
pub(crate) fn insert_returning_id(table: &str, columns: &[&str]) -> String {
    format!("INSERT INTO {table} ({}) VALUES ({}) RETURNING id", columns.join(", "), placeholders(1, columns.len()))
}

/// `$first, $first+1, …`: `count` numbered parameters for an `IN (…)` list.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_utc_instants_are_shown_in_china_time() {
        let shown = china_time("2026-03-01T17:30:00.250Z").unwrap();
        assert_eq!(shown.to_string(), "2026-03-02 01:30:00.250");
        assert!(china_time("yesterday").is_err());
        assert_eq!(utc_text(shown), "2026-03-01T17:30:00.250Z");
    }
}
