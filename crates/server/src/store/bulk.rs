//! Bulk inserts: the demo dataset (tens of thousands of rows at `--scale 80`) and the
//! `parkatlas import` commands. Everything goes through ONE [`Write`], so a load is stored
//! whole or not at all, and every row is logged for the change feed, so that a client
//! syncing from cursor 0 receives the complete dataset.
//!
//! The demo brings its own ids, so that its references (occupants, requests) are known
//! before anything is stored; it is only ever loaded into an empty database. Imports go
//! into a live database and take the ids it hands out.

use super::enterprises::{bind_enterprise, ENTERPRISE_INSERT_COLUMNS};
use super::error::Result;
use super::parcels::{bind_parcel, PARCEL_INSERT_COLUMNS};
use super::parks::{bind_park, PARK_INSERT_COLUMNS};
use super::write::{Audience, Write};
use super::{mark_demo_data, to_db, utc_text, AnyQuery, Backend, Begun, NewParcel, NewPark, Outcome, Store};
use chrono::NaiveDateTime;
use parkatlas_core::calendar::{Category, Rating, RequestState};
use parkatlas_core::wire::{
    inquiry_reference, AnnualFigures, CertificateBody, ChangeKind, EnterpriseBody, InquiryStatus, NewInquiry,
    PLATFORM_ACTOR,
};
use sqlx::Row;

/// A park with the id it is stored under.
pub struct ParkRow {
    pub id: i64,
    pub park: NewPark,
}

pub struct ParcelRow {
    pub id: i64,
    pub park_id: i64,
    pub parcel: NewParcel,
}

pub struct EnterpriseRow {
    pub id: i64,
    pub body: EnterpriseBody,
}

/// One enterprise's figures for one year.
pub struct AnnualRow {
    pub id: i64,
    pub enterprise_id: i64,
    /// The enterprise's park: the change feed shows the row to that park's officers.
    pub park_id: i64,
    pub year: i32,
    pub figures: AnnualFigures,
}

pub struct CertificateRow {
    pub id: i64,
    pub enterprise_id: i64,
    pub body: CertificateBody,
}

/// A service request with its whole history. Times are China local time, as the API shows them.
pub struct RequestRow {
    pub id: i64,
    pub enterprise_id: i64,
    pub park_id: i64,
    pub parcel_id: Option<i64>,
    pub category: Category,
    pub title: String,
    pub body: String,
    /// The state the events lead to.
    pub state: RequestState,
    /// The latest rating given.
    pub rating: Option<Rating>,
    /// Oldest first, beginning with the submission (`from: None`, `to: received`).
    pub events: Vec<EventRow>,
    pub attachments: Vec<AttachmentRow>,
}

/// One step of a request's history, by no account.
pub struct EventRow {
    pub at: NaiveDateTime,
    /// Who took the step, by name: the demo's people have no accounts, and the platform
    /// takes its 督办重办 itself.
    pub actor: String,
    pub from: Option<RequestState>,
    pub to: RequestState,
    pub rating: Option<Rating>,
    pub note: String,
}

pub struct AttachmentRow {
    pub name: String,
    pub content_type: String,
    pub content: Vec<u8>,
    pub at: NaiveDateTime,
}

impl RequestRow {
    fn submitted_at(&self) -> NaiveDateTime {
        self.events.first().map_or(NaiveDateTime::MIN, |event| event.at)
    }

    /// The version a request reaches through the API: 1 when filed, one more for every
    /// later step and every attachment; the platform's steps come in the write before them.
    pub fn version(&self) -> i64 {
        let writes = self.events.iter().filter(|event| event.actor != PLATFORM_ACTOR).count();
        (writes + self.attachments.len()) as i64
    }
}

/// An investment inquiry with its status; `version` counts the status changes plus one.
pub struct InquiryRow {
    pub id: i64,
    pub inquiry: NewInquiry,
    pub status: InquiryStatus,
    pub version: i64,
    /// China local time.
    pub created_at: NaiveDateTime,
}

/// Rows with their ids; references between them (a parcel's occupant, a year's enterprise)
/// name those ids.
#[derive(Default)]
pub struct Dataset {
    pub parks: Vec<ParkRow>,
    pub parcels: Vec<ParcelRow>,
    pub enterprises: Vec<EnterpriseRow>,
    pub annual_data: Vec<AnnualRow>,
    pub certificates: Vec<CertificateRow>,
    pub requests: Vec<RequestRow>,
    pub inquiries: Vec<InquiryRow>,
}

/// How many rows of each kind a database holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub parks: i64,
    pub parcels: i64,
    pub enterprises: i64,
    pub annual_data: i64,
    pub certificates: i64,
    pub requests: i64,
    pub inquiries: i64,
}

/// Most rows one INSERT statement carries: SQLite allows 32,766 parameters per statement,
/// PostgreSQL 65,535, and a few hundred rows already make the per-statement cost vanish.
const MAX_ROWS_PER_STATEMENT: usize = 400;
const MAX_PARAMETERS_PER_STATEMENT: usize = 30_000;

impl Store {
    /// Stores the demo dataset in one transaction and marks the database as demo data.
    /// The database must hold no parks (and so nothing that refers to one).
    pub async fn insert_demo(&self, data: &Dataset) -> Result<()> {
        let Begun::Fresh(mut write) = self.write(None).await? else { unreachable!("no operation id") };
        insert_parks(&mut write, &data.parks).await?;
        insert_enterprises(&mut write, &data.enterprises).await?;
        insert_parcels(&mut write, &data.parcels).await?;
        insert_annual_data(&mut write, &data.annual_data).await?;
        insert_certificates(&mut write, &data.certificates).await?;
        insert_requests(&mut write, &data.requests).await?;
        insert_inquiries(&mut write, &data.inquiries).await?;
        mark_demo_data(write.connection()).await?;
        if self.backend == Backend::Postgres {
            // Rows were stored under explicit ids; identity columns must hand out the next ones.
            for table in
                ["parks", "parcels", "enterprises", "annual_data", "certificates", "service_requests", "inquiries"]
            {
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
                ))
                .execute(write.connection())
                .await?;
            }
        }
        write.finish(Outcome { status: 201, version: None, body: String::new() }).await?;
        Ok(())
    }
}

impl Store {
    /// Stores parcels imported into park `park_id` in one transaction, under the ids the
    /// database hands out (it may hold records already), and logs each for the change feed.
    pub async fn import_parcels(&self, park_id: i64, parcels: &[NewParcel]) -> Result<Vec<i64>> {
        self.import(ChangeKind::Parcel, "parcels", &PARCEL_INSERT_COLUMNS, parcels, |query, parcel| {
            bind_parcel(query, park_id, parcel)
        })
        .await
    }

    /// Stores imported enterprises as [`Store::import_parcels`] stores parcels.
    pub async fn import_enterprises(&self, enterprises: &[EnterpriseBody]) -> Result<Vec<i64>> {
        self.import(ChangeKind::Enterprise, "enterprises", &ENTERPRISE_INSERT_COLUMNS, enterprises, bind_enterprise)
            .await
    }

    /// Inserts `rows` in one transaction and logs each new row as public, at version 1,
    /// as the API's create endpoints do; returns the ids the database handed out.
    async fn import<T>(
        &self,
        kind: ChangeKind,
        table: &str,
        columns: &[&str],
        rows: &[T],
        bind: impl for<'q> Fn(AnyQuery<'q>, &T) -> Result<AnyQuery<'q>>,
    ) -> Result<Vec<i64>> {
        let Begun::Fresh(mut write) = self.write(None).await? else { unreachable!("no operation id") };
        let ids = insert_many(&mut write, table, columns, rows, bind).await?;
        for id in &ids {
            write.log_change(kind, *id, 1, false, Audience::Everyone).await?;
        }
        write.finish(Outcome { status: 201, version: None, body: String::new() }).await?;
        Ok(ids)
    }

    /// Counts the rows of the main tables, for the reports of `demo-data` and `import`.
    pub async fn counts(&self) -> sqlx::Result<Counts> {
        let count = |table: &'static str| async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&self.pool).await
        };
        Ok(Counts {
            parks: count("parks").await?,
            parcels: count("parcels").await?,
            enterprises: count("enterprises").await?,
            annual_data: count("annual_data").await?,
            certificates: count("certificates").await?,
            requests: count("service_requests").await?,
            inquiries: count("inquiries").await?,
        })
    }
}

async fn insert_parks(write: &mut Write, rows: &[ParkRow]) -> Result<()> {
    let columns = with_id(&PARK_INSERT_COLUMNS);
    insert_many(write, "parks", &columns, rows, |query, row| bind_park(query.bind(row.id), &row.park)).await?;
    for row in rows {
        write.log_change(ChangeKind::Park, row.id, 1, false, Audience::Everyone).await?;
    }
    Ok(())
}

async fn insert_parcels(write: &mut Write, rows: &[ParcelRow]) -> Result<()> {
    let columns = with_id(&PARCEL_INSERT_COLUMNS);
    insert_many(write, "parcels", &columns, rows, |query, row| {
        bind_parcel(query.bind(row.id), row.park_id, &row.parcel)
    })
    .await?;
    for row in rows {
        write.log_change(ChangeKind::Parcel, row.id, 1, false, Audience::Everyone).await?;
    }
    Ok(())
}

async fn insert_enterprises(write: &mut Write, rows: &[EnterpriseRow]) -> Result<()> {
    let columns = with_id(&ENTERPRISE_INSERT_COLUMNS);
    insert_many(write, "enterprises", &columns, rows, |query, row| bind_enterprise(query.bind(row.id), &row.body))
        .await?;
    for row in rows {
        write.log_change(ChangeKind::Enterprise, row.id, 1, false, Audience::Everyone).await?;
    }
    Ok(())
}

/// `id` followed by `columns`: the demo brings its own ids.
fn with_id<'a>(columns: &[&'a str]) -> Vec<&'a str> {
    [&["id"], columns].concat()
}

async fn insert_annual_data(write: &mut Write, rows: &[AnnualRow]) -> Result<()> {
    let columns = ["id", "enterprise_id", "year", "figures"];
    insert_many(write, "annual_data", &columns, rows, |query, row| {
        Ok(query
            .bind(row.id)
            .bind(row.enterprise_id)
            .bind(i64::from(row.year))
            .bind(serde_json::to_string(&row.figures)?))
    })
    .await?;
    for row in rows {
        let audience = Audience::Scoped { park_id: Some(row.park_id), enterprise_id: Some(row.enterprise_id) };
        write.log_change(ChangeKind::AnnualData, row.id, 1, false, audience).await?;
    }
    Ok(())
}

async fn insert_certificates(write: &mut Write, rows: &[CertificateRow]) -> Result<()> {
    let columns = ["id", "enterprise_id", "kind", "number", "issued_on", "expires_on"];
    insert_many(write, "certificates", &columns, rows, |query, row| {
        let body = &row.body;
        Ok(query
            .bind(row.id)
            .bind(row.enterprise_id)
            .bind(to_db(body.kind))
            .bind(body.number.clone())
            .bind(body.issued_on.to_string())
            .bind(body.expires_on.to_string()))
    })
    .await?;
    for row in rows {
        write.log_change(ChangeKind::Certificate, row.id, 1, false, Audience::Everyone).await?;
    }
    Ok(())
}

async fn insert_requests(write: &mut Write, rows: &[RequestRow]) -> Result<()> {
    let columns = [
        "id",
        "enterprise_id",
        "park_id",
        "parcel_id",
        "category",
        "title",
        "body",
        "state",
        "rating",
        "submitted_at",
        "version",
    ];
    insert_many(write, "service_requests", &columns, rows, |query, row| {
        Ok(query
            .bind(row.id)
            .bind(row.enterprise_id)
            .bind(row.park_id)
            .bind(row.parcel_id)
            .bind(to_db(row.category))
            .bind(row.title.clone())
            .bind(row.body.clone())
            .bind(to_db(row.state))
            .bind(row.rating.map(to_db))
            .bind(utc_text(row.submitted_at()))
            .bind(row.version()))
    })
    .await?;
    let events: Vec<(i64, &EventRow)> =
        rows.iter().flat_map(|row| row.events.iter().map(move |event| (row.id, event))).collect();
    let columns = ["request_id", "at", "actor", "from_state", "to_state", "rating", "note"];
    insert_many(write, "request_events", &columns, &events, |query, (request_id, event)| {
        Ok(query
            .bind(*request_id)
            .bind(utc_text(event.at))
            .bind(event.actor.clone())
            .bind(event.from.map(to_db))
            .bind(to_db(event.to))
            .bind(event.rating.map(to_db))
            .bind(event.note.clone()))
    })
    .await?;
    let attachments: Vec<(i64, &AttachmentRow)> =
        rows.iter().flat_map(|row| row.attachments.iter().map(move |file| (row.id, file))).collect();
    let columns = ["request_id", "name", "content_type", "size", "content", "created_at"];
    insert_many(write, "attachments", &columns, &attachments, |query, (request_id, file)| {
        Ok(query
            .bind(*request_id)
            .bind(file.name.clone())
            .bind(file.content_type.clone())
            .bind(i64::try_from(file.content.len())?)
            .bind(file.content.clone())
            .bind(utc_text(file.at)))
    })
    .await?;
    for row in rows {
        let audience = Audience::Scoped { park_id: Some(row.park_id), enterprise_id: Some(row.enterprise_id) };
        write.log_change(ChangeKind::Request, row.id, row.version(), false, audience).await?;
    }
    Ok(())
}

async fn insert_inquiries(write: &mut Write, rows: &[InquiryRow]) -> Result<()> {
    let columns = ["id", "reference", "park_id", "parcel_id", "body", "status", "created_at", "version"];
    insert_many(write, "inquiries", &columns, rows, |query, row| {
        Ok(query
            .bind(row.id)
            .bind(inquiry_reference(row.created_at.date(), row.id))
            .bind(row.inquiry.park_id)
            .bind(row.inquiry.parcel_id)
            .bind(serde_json::to_string(&row.inquiry)?)
            .bind(to_db(row.status))
            .bind(utc_text(row.created_at))
            .bind(row.version))
    })
    .await?;
    for row in rows {
        let audience = Audience::Scoped { park_id: Some(row.inquiry.park_id), enterprise_id: None };
        write.log_change(ChangeKind::Inquiry, row.id, row.version, false, audience).await?;
    }
    Ok(())
}

/// Inserts `rows` into `table` with as few statements as the parameter limits allow;
/// `bind` binds one row's values in the order of `columns`. Returns the ids of the new
/// rows, in no particular order.
async fn insert_many<T>(
    write: &mut Write,
    table: &str,
    columns: &[&str],
    rows: &[T],
    bind: impl for<'q> Fn(AnyQuery<'q>, &T) -> Result<AnyQuery<'q>>,
) -> Result<Vec<i64>> {
    let per_statement = (MAX_PARAMETERS_PER_STATEMENT / columns.len()).min(MAX_ROWS_PER_STATEMENT);
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(per_statement) {
        let values = (0..chunk.len())
            .map(|row| format!("({})", super::placeholders(row * columns.len() + 1, columns.len())))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("INSERT INTO {table} ({}) VALUES {values} RETURNING id", columns.join(", "));
        let mut query = sqlx::query(&sql);
        for row in chunk {
            query = bind(query, row)?;
        }
        for inserted in query.fetch_all(write.connection()).await? {
            ids.push(inserted.try_get::<i64, _>(0)?);
        }
    }
    Ok(ids)
}
