//! Investment inquiries (招商咨询): what the public sends a park, kept as the tidied
//! [`NewInquiry`] JSON with the columns that lists filter on, and the reference the sender
//! quotes. They hold personal contact data: only the park's officers and admins read them.

use chrono::NaiveDateTime;
use parkatlas_core::wire::{inquiry_reference, ChangeKind, InquiryRecord, InquiryStatus, NewInquiry};
use sqlx::AnyConnection;

use super::error::{Context, Result};
use super::map::Versioned;
use super::scope::{self, Belonging};
use super::write::{Audience, Write};
use super::{bind_values, china_now, china_time, from_db, now_text, to_db, Store, Value};
use crate::auth::Scope;

const INQUIRY_COLUMNS: &str = "id, version, reference, park_id, parcel_id, status, created_at, body";

/// Inquiries belong to a park; no enterprise reads them.
const INQUIRY_BELONGING: Belonging = Belonging { park: "park_id", enterprise: None };

impl Store {
    /// Stores an inquiry, already tidied and checked; returns it with its reference.
    pub async fn add_inquiry(&self, write: &mut Write, inquiry: &NewInquiry) -> Result<InquiryRecord> {
        // The reference names the id, which the insert hands out: a unique placeholder first.
        let placeholder = format!("pending-{}", crate::auth::token::new());
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO inquiries (reference, park_id, parcel_id, body, status, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&placeholder)
        .bind(inquiry.park_id)
        .bind(inquiry.parcel_id)
        .bind(serde_json::to_string(inquiry)?)
        .bind(to_db(InquiryStatus::New))
        .bind(now_text())
        .fetch_one(write.connection())
        .await?;
        let reference = inquiry_reference(china_now().date(), id);
        sqlx::query("UPDATE inquiries SET reference = $1 WHERE id = $2")
            .bind(&reference)
            .bind(id)
            .execute(write.connection())
            .await?;
        let audience = Audience::Scoped { park_id: Some(inquiry.park_id), enterprise_id: None };
        write.log_change(ChangeKind::Inquiry, id, 1, false, audience).await?;
        read_inquiry(write.connection(), id).await?.context("the inquiry just stored is missing")
    }

    /// The inquiries in `scope`, in status `status` if given, newest first.
    pub async fn inquiries(&self, scope: &Scope, status: Option<InquiryStatus>) -> Result<Vec<InquiryRecord>> {
        let Some(mut filter) = scope::condition(scope, INQUIRY_BELONGING, 1) else { return Ok(Vec::new()) };
        if let Some(status) = status {
            filter.values.push(Value::Text(to_db(status)));
            filter.clause = format!("{} AND status = ${}", filter.clause, filter.values.len());
        }
        let sql = format!(
            "SELECT {INQUIRY_COLUMNS} FROM inquiries WHERE {} ORDER BY created_at DESC, id DESC",
            filter.clause
        );
        let query = bind_values(sqlx::query_as::<_, InquiryRow>(&sql), &filter.values);
        let rows = query.fetch_all(&self.pool).await?;
        rows.into_iter().map(InquiryRow::into_record).collect()
    }

    pub async fn inquiry(&self, id: i64) -> Result<Option<InquiryRecord>> {
        let mut connection = self.pool.acquire().await?;
        read_inquiry(&mut connection, id).await
    }

    /// Inquiries by id, for the change feed; missing ids are skipped.
    pub async fn inquiries_by_id(&self, ids: &[i64]) -> Result<Vec<InquiryRecord>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {INQUIRY_COLUMNS} FROM inquiries WHERE id IN ({}) ORDER BY id",
            super::placeholders(1, ids.len())
        );
        let mut query = sqlx::query_as::<_, InquiryRow>(&sql);
        for id in ids {
            query = query.bind(*id);
        }
        query.fetch_all(&self.pool).await?.into_iter().map(InquiryRow::into_record).collect()
    }

    /// The park an inquiry was sent to, for permission checks.
    pub async fn park_of_inquiry(&self, id: i64) -> sqlx::Result<Option<i64>> {
        sqlx::query_scalar("SELECT park_id FROM inquiries WHERE id = $1").bind(id).fetch_optional(&self.pool).await
    }

    /// Sets the status of inquiry `id` when it is still at `expected` version.
    pub async fn set_inquiry_status(
        &self,
        write: &mut Write,
        id: i64,
        expected: i64,
        status: InquiryStatus,
    ) -> Result<Versioned<InquiryRecord>> {
        let updated =
            sqlx::query("UPDATE inquiries SET status = $1, version = version + 1 WHERE id = $2 AND version = $3")
                .bind(to_db(status))
                .bind(id)
                .bind(expected)
                .execute(write.connection())
                .await?;
        let Some(record) = read_inquiry(write.connection(), id).await? else { return Ok(Versioned::Missing) };
        if updated.rows_affected() == 0 {
            return Ok(Versioned::Stale(record));
        }
        let audience = Audience::Scoped { park_id: Some(record.park_id), enterprise_id: None };
        write.log_change(ChangeKind::Inquiry, id, record.version, false, audience).await?;
        Ok(Versioned::Done(record))
    }
}

async fn read_inquiry(connection: &mut AnyConnection, id: i64) -> Result<Option<InquiryRecord>> {
    let row: Option<InquiryRow> = sqlx::query_as(&format!("SELECT {INQUIRY_COLUMNS} FROM inquiries WHERE id = $1"))
        .bind(id)
        .fetch_optional(connection)
        .await?;
    row.map(InquiryRow::into_record).transpose()
}

#[derive(sqlx::FromRow)]
struct InquiryRow {
    id: i64,
    version: i64,
    reference: String,
    park_id: i64,
    parcel_id: Option<i64>,
    status: String,
    created_at: String,
    body: String,
}

impl InquiryRow {
    fn into_record(self) -> Result<InquiryRecord> {
        let created_at: NaiveDateTime = china_time(&self.created_at)?;
        Ok(InquiryRecord {
            id: self.id,
            version: self.version,
            reference: self.reference,
            park_id: self.park_id,
            parcel_id: self.parcel_id,
            status: from_db::<InquiryStatus>(&self.status)?,
            created_at,
            inquiry: serde_json::from_str(&self.body)
                .with_context(|| format!("inquiry {} holds a body that is not an inquiry", self.id))?,
        })
    }
}
