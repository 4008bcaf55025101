//! Service requests (企业诉求): the request rows, their event history and attachments.
//! A request is read whole — history, attachment list and the deadline that
//! parkatlas-core computes from its category — in three queries however many are asked for.
//!
//! Instants are stored as UTC text ([`super::TIME_FORMAT`]) and shown in China time, as
//! the wire types and the working-day calendar expect.

use std::collections::HashMap;
use std::sync::LazyLock;

use anyhow::Context;
use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use parkatlas_core::calendar::{
    check_transition, Category, DeadlineKind, Extension, Rating, RequestState, ServiceRules, WorkingCalendar,
};
use parkatlas_core::text::Bilingual;
use parkatlas_core::wire::{AttachmentInfo, ChangeKind, NewRequest, RequestDue, RequestEvent, RequestRecord};
use sqlx::AnyConnection;

use super::map::Versioned;
use super::write::{Audience, Write};
use super::{from_db, now_text, to_db, AnyQueryAs, Store, Value};

/// The §6 rules and the working-day calendar every deadline is computed with.
static SERVICE_RULES: LazyLock<ServiceRules> = LazyLock::new(ServiceRules::china_default);
static CALENDAR: LazyLock<WorkingCalendar> = LazyLock::new(WorkingCalendar::china);

pub fn service_rules() -> &'static ServiceRules {
    &SERVICE_RULES
}

pub fn working_calendar() -> &'static WorkingCalendar {
    &CALENDAR
}

/// China has one time zone, UTC+08:00, without daylight saving.
fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

/// A stored instant as China local time.
pub(crate) fn china_time(stored: &str) -> anyhow::Result<NaiveDateTime> {
    let instant =
        DateTime::parse_from_rfc3339(stored).with_context(|| format!("the database holds a bad time {stored:?}"))?;
    Ok(instant.with_timezone(&china()).naive_local())
}

/// Now, in China local time.
pub(crate) fn china_now() -> NaiveDateTime {
    Utc::now().with_timezone(&china()).naive_local()
}

/// Whose requests a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestScope {
    Everything,
    /// The requests of the parks user `0` is an officer of.
    ParksOfOfficer(i64),
    Enterprise(i64),
}

/// Who files a request.
pub struct Filer {
    pub user_id: i64,
    pub enterprise_id: i64,
    pub park_id: i64,
}

/// A step of a request's life, already allowed by core.
pub struct Move {
    pub user_id: i64,
    pub from: RequestState,
    pub to: RequestState,
    /// The rating given with this step (the change to `rated`), kept with the event.
    pub rating: Option<Rating>,
    /// The rating the request holds afterwards.
    pub held: Option<Rating>,
    pub note: String,
}

/// An uploaded file, already checked.
pub struct Upload {
    pub name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// Where a request belongs, for permission checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestOwner {
    pub enterprise_id: i64,
    pub park_id: i64,
}

impl Store {
    /// The requests in `scope`, in state `state` if given, newest first.
    pub async fn requests(
        &self,
        scope: RequestScope,
        state: Option<RequestState>,
    ) -> anyhow::Result<Vec<RequestRecord>> {
        let mut clauses = Vec::new();
        let mut values = Vec::new();
        match scope {
            RequestScope::Everything => {}
            RequestScope::ParksOfOfficer(user_id) => {
                values.push(Value::Int(user_id));
                clauses
                    .push(format!("r.park_id IN (SELECT park_id FROM user_parks WHERE user_id = ${})", values.len()));
            }
            RequestScope::Enterprise(enterprise_id) => {
                values.push(Value::Int(enterprise_id));
                clauses.push(format!("r.enterprise_id = ${}", values.len()));
            }
        }
        if let Some(state) = state {
            values.push(Value::Text(to_db(state)));
            clauses.push(format!("r.state = ${}", values.len()));
        }
        let filter = if clauses.is_empty() { "1 = 1".to_string() } else { clauses.join(" AND ") };
        let mut connection = self.pool.acquire().await?;
        read_requests(&mut connection, &Filter { clause: filter, values }).await
    }

    pub async fn request(&self, id: i64) -> anyhow::Result<Option<RequestRecord>> {
        let mut connection = self.pool.acquire().await?;
        read_request(&mut connection, id).await
    }

    /// Requests by id, for the change feed; missing ids are skipped.
    pub async fn requests_by_id(&self, ids: &[i64]) -> anyhow::Result<Vec<RequestRecord>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut connection = self.pool.acquire().await?;
        read_requests(&mut connection, &Filter::ids(ids)).await
    }

    /// The request as it stands inside `write`, to decide a change on.
    pub async fn request_in(&self, write: &mut Write, id: i64) -> anyhow::Result<Option<RequestRecord>> {
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
    pub async fn add_request(
        &self,
        write: &mut Write,
        filer: &Filer,
        request: &NewRequest,
    ) -> anyhow::Result<RequestRecord> {
        let now = now_text();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO service_requests (enterprise_id, park_id, parcel_id, category, title, body, state, submitted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(filer.enterprise_id)
        .bind(filer.park_id)
        .bind(request.parcel_id)
        .bind(to_db(request.category))
        .bind(request.title.trim())
        .bind(&request.body)
        .bind(to_db(RequestState::Received))
        .bind(&now)
        .fetch_one(write.connection())
        .await?;
        insert_event(write, id, &now, filer.user_id, None, RequestState::Received, None, "").await?;
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
    ) -> anyhow::Result<Versioned<RequestRecord>> {
        let updated = sqlx::query(
            "UPDATE service_requests SET state = $1, rating = $2, version = version + 1
             WHERE id = $3 AND version = $4 AND state = $5",
        )
        .bind(to_db(step.to))
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
        let (user, from, to, rating) = (step.user_id, Some(step.from), step.to, step.rating);
        insert_event(write, id, &now_text(), user, from, to, rating, &step.note).await?;
        let record = read_request(write.connection(), id).await?.context("the request just moved is missing")?;
        log_request(write, &record).await?;
        Ok(Versioned::Done(record))
    }

    /// Attaches a file to request `id`; the request's version moves on so that clients
    /// syncing it learn of the file. `None` when there is no such request.
    pub async fn add_attachment(
        &self,
        write: &mut Write,
        request_id: i64,
        upload: &Upload,
    ) -> anyhow::Result<Option<AttachmentInfo>> {
        let bumped = sqlx::query("UPDATE service_requests SET version = version + 1 WHERE id = $1")
            .bind(request_id)
            .execute(write.connection())
            .await?;
        if bumped.rows_affected() == 0 {
            return Ok(None);
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
        Ok(Some(AttachmentInfo { id, name: upload.name.clone(), content_type: upload.content_type.clone(), size }))
    }

    /// An attachment of request `request_id` with its bytes.
    pub async fn attachment(
        &self,
        request_id: i64,
        attachment_id: i64,
    ) -> anyhow::Result<Option<(AttachmentInfo, Vec<u8>)>> {
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

#[allow(clippy::too_many_arguments)]
async fn insert_event(
    write: &mut Write,
    request_id: i64,
    at: &str,
    user_id: i64,
    from: Option<RequestState>,
    to: RequestState,
    rating: Option<Rating>,
    note: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO request_events (request_id, at, user_id, from_state, to_state, rating, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(request_id)
    .bind(at)
    .bind(user_id)
    .bind(from.map(to_db))
    .bind(to_db(to))
    .bind(rating.map(to_db))
    .bind(note)
    .execute(write.connection())
    .await?;
    Ok(())
}

/// A condition on `service_requests r` with its numbered parameters, shared by the three
/// queries that read requests whole.
struct Filter {
    clause: String,
    values: Vec<Value>,
}

impl Filter {
    fn ids(ids: &[i64]) -> Filter {
        Filter {
            clause: format!("r.id IN ({})", super::placeholders(1, ids.len())),
            values: ids.iter().map(|id| Value::Int(*id)).collect(),
        }
    }

    fn bind<'q, O>(&'q self, query: AnyQueryAs<'q, O>) -> AnyQueryAs<'q, O> {
        super::bind_values(query, &self.values)
    }
}

async fn read_request(connection: &mut AnyConnection, id: i64) -> anyhow::Result<Option<RequestRecord>> {
    Ok(read_requests(connection, &Filter::ids(&[id])).await?.pop())
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
async fn read_requests(connection: &mut AnyConnection, filter: &Filter) -> anyhow::Result<Vec<RequestRecord>> {
    let clause = &filter.clause;
    let requests_sql = format!(
        "SELECT r.id, r.version, r.enterprise_id, e.name AS enterprise_name, r.park_id, r.parcel_id, r.category,
                r.title, r.body, r.state, r.rating, r.submitted_at
         FROM service_requests r JOIN enterprises e ON e.id = r.enterprise_id
         WHERE {clause} ORDER BY r.submitted_at DESC, r.id DESC"
    );
    let rows: Vec<RequestRow> = filter.bind(sqlx::query_as(&requests_sql)).fetch_all(&mut *connection).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let events_sql = format!(
        "SELECT ev.request_id, ev.at, u.display_name AS actor, ev.from_state, ev.to_state, ev.rating, ev.note
         FROM request_events ev LEFT JOIN users u ON u.id = ev.user_id
         WHERE ev.request_id IN (SELECT r.id FROM service_requests r WHERE {clause})
         ORDER BY ev.request_id, ev.id"
    );
    let mut events: HashMap<i64, Vec<RequestEvent>> = HashMap::new();
    for row in filter.bind(sqlx::query_as::<_, EventRow>(&events_sql)).fetch_all(&mut *connection).await? {
        events.entry(row.request_id).or_default().push(row.into_event()?);
    }
    let attachments_sql = format!(
        "SELECT a.request_id, a.id, a.name, a.content_type, a.size FROM attachments a
         WHERE a.request_id IN (SELECT r.id FROM service_requests r WHERE {clause})
         ORDER BY a.request_id, a.id"
    );
    let mut attachments: HashMap<i64, Vec<AttachmentInfo>> = HashMap::new();
    for row in filter.bind(sqlx::query_as::<_, AttachmentRow>(&attachments_sql)).fetch_all(&mut *connection).await? {
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
    fn into_event(self) -> anyhow::Result<RequestEvent> {
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

/// The name of the step from `from` to `to`, which its two states alone decide: the
/// rating given only decides whether the step may be taken, and it was taken.
fn step_name(from: RequestState, to: RequestState) -> Bilingual {
    let rules = service_rules();
    let reopening = Rating::ALL.into_iter().find(|rating| rules.reopens(*rating));
    match check_transition(rules, from, to, reopening.or(Some(Rating::Dissatisfied))) {
        Ok(step) => step.step,
        Err(_) => to.label().into(),
    }
}

impl RequestRow {
    fn into_record(
        self,
        events: Vec<RequestEvent>,
        attachments: Vec<AttachmentInfo>,
        now: NaiveDateTime,
    ) -> anyhow::Result<RequestRecord> {
        let category = from_db::<Category>(&self.category)?;
        let state = from_db::<RequestState>(&self.state)?;
        let submitted_at = china_time(&self.submitted_at)?;
        let due = due(category, state, submitted_at, &events, now);
        Ok(RequestRecord {
            id: self.id,
            version: self.version,
            enterprise_id: self.enterprise_id,
            enterprise_name: self.enterprise_name,
            park_id: self.park_id,
            parcel_id: self.parcel_id,
            category,
            title: self.title,
            body: self.body,
            state,
            rating: self.rating.as_deref().map(from_db::<Rating>).transpose()?,
            submitted_at,
            due,
            events,
            attachments,
        })
    }
}

/// The working days an extension of `category` adds: all the rules allow, as the
/// extension is approved once per request.
pub fn extension_days(category: Category) -> Option<u32> {
    service_rules().category(category)?.extension.map(|rule| rule.max_working_days)
}

/// The deadline of a request and where it stands: at the first response for a deadline to
/// respond, at the resolution for a closed request, now for an open one.
fn due(
    category: Category,
    state: RequestState,
    submitted_at: NaiveDateTime,
    events: &[RequestEvent],
    now: NaiveDateTime,
) -> Option<RequestDue> {
    let extension = events
        .iter()
        .find(|event| event.to == RequestState::Extended)
        .zip(extension_days(category))
        .map(|(event, working_days)| Extension { working_days, reason: event.note.clone() });
    let deadline = service_rules().deadline(working_calendar(), category, submitted_at, extension).ok()?;
    let closed = matches!(state, RequestState::Resolved | RequestState::Rated);
    let seen_at = match deadline.kind {
        DeadlineKind::Respond => events.get(1).map(|event| event.at),
        DeadlineKind::Resolve if closed => {
            events.iter().rev().find(|event| event.to == RequestState::Resolved).map(|event| event.at)
        }
        DeadlineKind::Resolve => None,
    };
    Some(RequestDue::new(&deadline, working_calendar(), seen_at.unwrap_or(now)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_utc_instants_are_shown_in_china_time() {
        let shown = china_time("2026-03-01T17:30:00.250Z").unwrap();
        assert_eq!(shown.to_string(), "2026-03-02 01:30:00.250");
        assert!(china_time("yesterday").is_err());
    }

    #[test]
    fn steps_are_named_by_their_states() {
        assert_eq!(step_name(RequestState::Received, RequestState::Assigned).zh, "调度交办");
        assert_eq!(step_name(RequestState::Rated, RequestState::Reopened).zh, "督办重办");
        assert_eq!(step_name(RequestState::Resolved, RequestState::Rated).zh, "回访评价");
    }

    #[test]
    fn a_closed_request_is_judged_when_it_was_resolved() {
        let at = |text: &str| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        let submitted = at("2026-03-02 09:00");
        let mut resolved = RequestEvent::received(at("2026-03-09 10:00"), "园区");
        resolved.to = RequestState::Resolved;
        let events = [RequestEvent::received(submitted, "企业"), resolved];
        let due = due(Category::Enquiry, RequestState::Resolved, submitted, &events, at("2026-06-01 00:00")).unwrap();
        assert_eq!(due.due_at.to_string(), "2026-03-04 23:59:59");
        assert_eq!(due.status.at, at("2026-03-09 10:00"));
        assert!(due.status.overdue);
    }

    #[test]
    fn an_extension_adds_what_the_category_allows() {
        assert_eq!(extension_days(Category::General), Some(10));
        assert_eq!(extension_days(Category::Enquiry), None);
    }
}
