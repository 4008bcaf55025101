//! Service requests (企业诉求): the request rows, their event history and attachments.
//! A request is read whole — history, attachment list and the deadline that
//! parkatlas-core computes from its category — in three queries however many are asked for.
//!
//! Instants are stored as UTC text ([`super::TIME_FORMAT`]) and shown in China time, as
//! the wire types and the working-day calendar expect.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use parkatlas_core::calendar::{service_rules, step_name, working_calendar, Category, Rating, RequestState};
use parkatlas_core::wire::{
    AttachmentInfo, ChangeKind, Location, NewRequest, RequestDue, RequestEvent, RequestRecord,
    MAX_ATTACHMENTS_PER_REQUEST,
};
use sqlx::AnyConnection;

use super::error::{Context, Result};
use super::scope::{self, Belonging, Condition};
use super::write::{Audience, Versioned, Write};
use super::{bind_values, china_now, china_time, from_db, now_text, to_db, utc_text, Store, Value};
use crate::auth::Scope;

/// Who files a request.
pub struct Filer {
    pub user_id: i64,
    pub enterprise_id: i64,
    pub park_id: i64,
}

/// A step of a request's life, already allowed by core.
pub struct Move {
    pub user_id: i64,
    /// China local time.
    pub at: NaiveDateTime,
    pub from: RequestState,
    pub to: RequestState,
    /// The rating given with this step (the change to `rated`), kept with the event.
    pub rating: Option<Rating>,
    /// The rating the request holds afterwards.
    pub held: Option<Rating>,
    pub note: String,
    /// The step the platform takes in the same write (core's `RequestAction::follow_up`),
    /// which leaves the request in its `to` state.
    pub then: Option<RequestEvent>,
}

/// What became of an upload.
pub enum Attached {
    Done(AttachmentInfo),
    /// The request holds [`MAX_ATTACHMENTS_PER_REQUEST`] files already.
    Full,
    Missing,
}

/// An uploaded file, already checked.
pub struct Upload {
    pub name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// Which requests to list, beyond the caller's scope (Open311's `GET requests`).
#[derive(Debug)]
pub struct RequestFilter {
    /// Only these ids, when given.
    pub ids: Option<Vec<i64>>,
    /// Any of these categories; all when empty.
    pub categories: Vec<Category>,
    /// Any of these states; all when empty.
    pub states: Vec<RequestState>,
    /// Filed from the first instant up to the second, inclusive.
    pub submitted: Option<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)>,
    /// The newest this many.
    pub limit: usize,
}

/// Where a request belongs, for permission checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestOwner {
    pub enterprise_id: i64,
    pub park_id: i64,
}

impl Store {
    /// The requests in `scope`, in state `state` if given, newest first.
    pub async fn requests(&self, scope: &Scope, state: Option<RequestState>) -> Result<Vec<RequestRecord>> {
        let Some(mut filter) = scope::condition(scope, REQUEST_BELONGING, 1) else { return Ok(Vec::new()) };
        if let Some(state) = state {
            filter.values.push(Value::Text(to_db(state)));
            filter.clause = format!("{} AND r.state = ${}", filter.clause, filter.values.len());
        }
        let mut connection = self.pool.acquire().await?;
        read_requests(&mut connection, &filter).await
    }

    /// The newest requests in `scope` that match `filter`, newest first.
    pub async fn requests_matching(&self, scope: &Scope, filter: &RequestFilter) -> Result<Vec<RequestRecord>> {
        let Some(mut condition) = scope::condition(scope, REQUEST_BELONGING, 1) else { return Ok(Vec::new()) };
        let mut narrow = |column: &str, values: Vec<Value>| {
            let first = condition.values.len() + 1;
            condition.clause =
                format!("{} AND {column} IN ({})", condition.clause, super::placeholders(first, values.len()));
            condition.values.extend(values);
        };
        if let Some(ids) = &filter.ids {
            narrow("r.id", ids.iter().map(|id| Value::Int(*id)).collect());
        }
        if !filter.categories.is_empty() {
            narrow("r.category", filter.categories.iter().map(|c| Value::Text(to_db(*c))).collect());
        }
        if !filter.states.is_empty() {
            narrow("r.state", filter.states.iter().map(|s| Value::Text(to_db(*s))).collect());
        }
        if let Some((from, to)) = filter.submitted {
            let first = condition.values.len() + 1;
            condition.clause = format!("{} AND r.submitted_at BETWEEN ${first} AND ${}", condition.clause, first + 1);
            condition.values.extend([from, to].map(|at| Value::Text(at.format(super::TIME_FORMAT).to_string())));
        }
        let limit = i64::try_from(filter.limit).unwrap_or(i64::MAX);
        let sql = format!(
            "SELECT r.id FROM service_requests r WHERE {} ORDER BY r.submitted_at DESC, r.id DESC LIMIT {limit}",
            condition.clause
        );
        let mut connection = self.pool.acquire().await?;
        let rows: Vec<(i64,)> =
            bind_values(sqlx::query_as(&sql), &condition.values).fetch_all(&mut *connection).await?;
        let ids: Vec<i64> = rows.into_iter().map(|(id,)| id).collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        read_requests(&mut connection, &with_ids(&ids)).await
    }

    pub async fn request(&self, id: i64) -> Result<Option<RequestRecord>> {
        let mut connection = self.pool.acquire().await?;
        read_request(&mut connection, id).await
    }

    /// Requests by id, for the change feed; missing ids are skipped.
    pub async fn requests_by_id(&self, ids: &[i64]) -> Result<Vec<RequestRecord>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut connection = self.pool.acquire().await?;
        read_requests(&mut connection, &with_ids(ids)).await
    }

    /// The request as it stands inside `write`, to decide a change on.
    pub async fn request_in(&self, write: &mut Write, id: i64) -> Result<Option<RequestRecord>> {
        read_request(write.connection(), id).await
    }

    pub async fn request_owner(&self, id: i64) -> sqlx::Result<Option<RequestOwner>> {
        let row: Option<(i64, i64)> =
            sqlx::query_as("SELECT enterprise_id, park_id FROM service_requests WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(enterprise_id, park_id)| RequestOwner { enterprise_id, park_id }))
    }

    /// Files a request: state `received`, with its first event.
    pub async fn add_request(&self, write: &mut Write, filer: &Filer, request: &NewRequest) -> Result<RequestRecord> {
        let now = now_text();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO service_requests
                 (enterprise_id, park_id, parcel_id, category, title, body, lat, lon, address, media_url, state,
                  submitted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(filer.enterprise_id)
        .bind(filer.park_id)
        .bind(request.parcel_id)
        .bind(to_db(request.category))
        .bind(request.title.trim())
        .bind(&request.body)
        .bind(request.location.map(|point| point.lat))
        .bind(request.location.map(|point| point.lon))
        .bind(request.given_address())
        .bind(request.media_url.as_deref())
        .bind(to_db(RequestState::Received))
        .bind(&now)
        .fetch_one(write.connection())
        .await?;
        let received = NewEvent { at: &now, by: Actor::User(filer.user_id), from: None, to: RequestState::Received };
        received.insert(write, id, None, "").await?;
        let audience = Audience::Scoped { park_id: Some(filer.park_id), enterprise_id: Some(filer.enterprise_id) };
        write.log_change(ChangeKind::Request, id, 1, false, audience).await?;
        read_request(write.connection(), id).await?.context("the request just filed is missing")
    }

    /// Moves request `id` when it is still at `expected` version, recording the event.
    pub async fn move_request(
        &self,
        write: &mut Write,
        id: i64,
        expected: i64,
        step: &Move,
    ) -> Result<Versioned<RequestRecord>> {
        let reached = step.then.as_ref().map_or(step.to, |then| then.to);
        let updated = sqlx::query(
            "UPDATE service_requests SET state = $1, rating = $2, version = version + 1
             WHERE id = $3 AND version = $4 AND state = $5",
        )
        .bind(to_db(reached))
        .bind(step.held.map(to_db))
        .bind(id)
        .bind(expected)
        .bind(to_db(step.from))
        .execute(write.connection())
        .await?;
        if updated.rows_affected() == 0 {
            return Ok(match read_request(write.connection(), id).await? {
                Some(current) => Versioned::Stale(current),
                None => Versioned::Missing,
            });
        }
        let at = utc_text(step.at);
        let event = NewEvent { at: &at, by: Actor::User(step.user_id), from: Some(step.from), to: step.to };
        event.insert(write, id, step.rating, &step.note).await?;
        if let Some(then) = &step.then {
            let platform =
                NewEvent { at: &utc_text(then.at), by: Actor::Named(&then.actor), from: then.from, to: then.to };
            platform.insert(write, id, then.rating, &then.note).await?;
        }
        let record = read_request(write.connection(), id).await?.context("the request just moved is missing")?;
        log_request(write, &record).await?;
        Ok(Versioned::Done(record))
    }

    /// Attaches a file to request `id`, unless it holds [`MAX_ATTACHMENTS_PER_REQUEST`]
    /// files already; the request's version moves on so that clients syncing it learn of
    /// the file.
    pub async fn add_attachment(&self, write: &mut Write, request_id: i64, upload: &Upload) -> Result<Attached> {
        // The update comes first: on PostgreSQL it locks the request's row, so that two
        // uploads at once count each other's files.
        let bumped = sqlx::query("UPDATE service_requests SET version = version + 1 WHERE id = $1")
            .bind(request_id)
            .execute(write.connection())
            .await?;
        if bumped.rows_affected() == 0 {
            return Ok(Attached::Missing);
        }
        let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachments WHERE request_id = $1")
            .bind(request_id)
            .fetch_one(write.connection())
            .await?;
        if usize::try_from(held).is_ok_and(|held| held >= MAX_ATTACHMENTS_PER_REQUEST) {
            return Ok(Attached::Full);
        }
        let size = i64::try_from(upload.content.len())?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO attachments (request_id, name, content_type, size, content, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(request_id)
        .bind(&upload.name)
        .bind(&upload.content_type)
        .bind(size)
        .bind(upload.content.clone())
        .bind(now_text())
        .fetch_one(write.connection())
        .await?;
        let record =
            read_request(write.connection(), request_id).await?.context("the request just attached to is missing")?;
        log_request(write, &record).await?;
        Ok(Attached::Done(AttachmentInfo {
            id,
            name: upload.name.clone(),
            content_type: upload.content_type.clone(),
            size,
        }))
    }

    /// An attachment of request `request_id` with its bytes.
    pub async fn attachment(&self, request_id: i64, attachment_id: i64) -> Result<Option<(AttachmentInfo, Vec<u8>)>> {
        let row: Option<(i64, String, String, i64, Vec<u8>)> = sqlx::query_as(
            "SELECT id, name, content_type, size, content FROM attachments WHERE request_id = $1 AND id = $2",
        )
        .bind(request_id)
        .bind(attachment_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row
            .map(|(id, name, content_type, size, content)| (AttachmentInfo { id, name, content_type, size }, content)))
    }
}

async fn log_request(write: &mut Write, record: &RequestRecord) -> sqlx::Result<()> {
    let audience = Audience::Scoped { park_id: Some(record.park_id), enterprise_id: Some(record.enterprise_id) };
    write.log_change(ChangeKind::Request, record.id, record.version, false, audience).await
}

/// Who took a step: an account, or the platform under a name of its own.
enum Actor<'a> {
    User(i64),
    Named(&'a str),
}

/// A step to record in a request's history.
struct NewEvent<'a> {
    /// UTC text.
    at: &'a str,
    by: Actor<'a>,
    from: Option<RequestState>,
    to: RequestState,
}

impl NewEvent<'_> {
    async fn insert(&self, write: &mut Write, request_id: i64, rating: Option<Rating>, note: &str) -> sqlx::Result<()> {
        let (user_id, actor) = match self.by {
            Actor::User(id) => (Some(id), None),
            Actor::Named(name) => (None, Some(name)),
        };
        sqlx::query(
            "INSERT INTO request_events (request_id, at, user_id, actor, from_state, to_state, rating, note)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(request_id)
        .bind(self.at)
        .bind(user_id)
        .bind(actor)
        .bind(self.from.map(to_db))
        .bind(to_db(self.to))
        .bind(rating.map(to_db))
        .bind(note)
        .execute(write.connection())
        .await?;
        Ok(())
    }
}

/// Where a request belongs, for scoped lists.
const REQUEST_BELONGING: Belonging = Belonging { park: "r.park_id", enterprise: Some("r.enterprise_id") };

/// Requests `ids`, as a condition on `service_requests r`.
fn with_ids(ids: &[i64]) -> Condition {
    Condition {
        clause: format!("r.id IN ({})", super::placeholders(1, ids.len())),
        values: ids.iter().map(|id| Value::Int(*id)).collect(),
    }
}

async fn read_request(connection: &mut AnyConnection, id: i64) -> Result<Option<RequestRecord>> {
    Ok(read_requests(connection, &with_ids(&[id])).await?.pop())
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    version: i64,
    enterprise_id: i64,
    enterprise_name: String,
    park_id: i64,
    parcel_id: Option<i64>,
    category: String,
    title: String,
    body: String,
    lat: Option<f64>,
    lon: Option<f64>,
    address: Option<String>,
    media_url: Option<String>,
    state: String,
    rating: Option<String>,
    submitted_at: String,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    request_id: i64,
    at: String,
    actor: Option<String>,
    from_state: Option<String>,
    to_state: String,
    rating: Option<String>,
    note: String,
}

#[derive(sqlx::FromRow)]
struct AttachmentRow {
    request_id: i64,
    id: i64,
    name: String,
    content_type: String,
    size: i64,
}

/// The requests matching `filter`, newest first, each with its events and attachments.
async fn read_requests(connection: &mut AnyConnection, filter: &Condition) -> Result<Vec<RequestRecord>> {
    let clause = &filter.clause;
    let requests_sql = format!(
        "SELECT r.id, r.version, r.enterprise_id, e.name AS enterprise_name, r.park_id, r.parcel_id, r.category,
                r.title, r.body, r.lat, r.lon, r.address, r.media_url, r.state, r.rating, r.submitted_at
         FROM service_requests r JOIN enterprises e ON e.id = r.enterprise_id
         WHERE {clause} ORDER BY r.submitted_at DESC, r.id DESC"
    );
    let rows: Vec<RequestRow> =
        bind_values(sqlx::query_as(&requests_sql), &filter.values).fetch_all(&mut *connection).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let events_sql = format!(
        "SELECT ev.request_id, ev.at, COALESCE(ev.actor, u.display_name) AS actor, ev.from_state, ev.to_state, ev.rating, ev.note
         FROM request_events ev LEFT JOIN users u ON u.id = ev.user_id
         WHERE ev.request_id IN (SELECT r.id FROM service_requests r WHERE {clause})
         ORDER BY ev.request_id, ev.id"
    );
    let mut events: HashMap<i64, Vec<RequestEvent>> = HashMap::new();
    for row in
        bind_values(sqlx::query_as::<_, EventRow>(&events_sql), &filter.values).fetch_all(&mut *connection).await?
    {
        events.entry(row.request_id).or_default().push(row.into_event()?);
    }
    let attachments_sql = format!(
        "SELECT a.request_id, a.id, a.name, a.content_type, a.size FROM attachments a
         WHERE a.request_id IN (SELECT r.id FROM service_requests r WHERE {clause})
         ORDER BY a.request_id, a.id"
    );
    let mut attachments: HashMap<i64, Vec<AttachmentInfo>> = HashMap::new();
    for row in bind_values(sqlx::query_as::<_, AttachmentRow>(&attachments_sql), &filter.values)
        .fetch_all(&mut *connection)
        .await?
    {
        let info = AttachmentInfo { id: row.id, name: row.name, content_type: row.content_type, size: row.size };
        attachments.entry(row.request_id).or_default().push(info);
    }
    let now = china_now();
    rows.into_iter()
        .map(|row| {
            let events = events.remove(&row.id).unwrap_or_default();
            let attachments = attachments.remove(&row.id).unwrap_or_default();
            row.into_record(events, attachments, now)
        })
        .collect()
}

impl EventRow {
    fn into_event(self) -> Result<RequestEvent> {
        let at = china_time(&self.at)?;
        // Events filed without an account (imports, the demo dataset) are the system's.
        let actor = self.actor.unwrap_or_else(|| "系统 (system)".into());
        let to = from_db::<RequestState>(&self.to_state)?;
        let rating = self.rating.as_deref().map(from_db::<Rating>).transpose()?;
        let Some(from) = self.from_state.as_deref().map(from_db::<RequestState>).transpose()? else {
            return Ok(RequestEvent { note: self.note, ..RequestEvent::received(at, actor) });
        };
        Ok(RequestEvent { at, actor, from: Some(from), to, step: step_name(from, to), rating, note: self.note })
    }
}

impl RequestRow {
    fn into_record(
        self,
        events: Vec<RequestEvent>,
        attachments: Vec<AttachmentInfo>,
        now: NaiveDateTime,
    ) -> Result<RequestRecord> {
        let category = from_db::<Category>(&self.category)?;
        let state = from_db::<RequestState>(&self.state)?;
        let submitted_at = china_time(&self.submitted_at)?;
        let mut record = RequestRecord {
            id: self.id,
            version: self.version,
            enterprise_id: self.enterprise_id,
            enterprise_name: self.enterprise_name,
            park_id: self.park_id,
            parcel_id: self.parcel_id,
            category,
            title: self.title,
            body: self.body,
            location: self.lat.zip(self.lon).map(|(lat, lon)| Location { lat, lon }),
            address: self.address,
            media_url: self.media_url,
            state,
            rating: self.rating.as_deref().map(from_db::<Rating>).transpose()?,
            submitted_at,
            due: None,
            events,
            attachments,
        };
        record.due = RequestDue::of(&record, service_rules(), working_calendar(), now);
        Ok(record)
    }
}
