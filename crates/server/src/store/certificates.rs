//! Enterprises' certificates (kind, number, validity). A certificate is added or deleted,
//! never replaced.

use chrono::NaiveDate;
use parkatlas_core::tiers::CertificateKind;
use parkatlas_core::wire::{CertificateBody, CertificateRecord, ChangeKind};
use sqlx::{AnyConnection, Row};

use super::error::{Context, Result};
use super::write::{Audience, Versioned, Write};
use super::{from_db, placeholders, to_db, Store};

const CERTIFICATE_COLUMNS: &str = "id, enterprise_id, kind, number, issued_on, expires_on, version";

impl Store {
    /// An enterprise's certificates, oldest issue first.
    pub async fn certificates(&self, enterprise_id: i64) -> Result<Vec<CertificateRecord>> {
        let rows: Vec<CertificateRow> = sqlx::query_as(&format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE enterprise_id = $1 ORDER BY issued_on, id"
        ))
        .bind(enterprise_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(CertificateRow::into_record).collect()
    }

    /// The certificates of every enterprise of a park, by enterprise then issue date.
    pub async fn certificates_of_park(&self, park_id: i64) -> Result<Vec<CertificateRecord>> {
        let rows: Vec<CertificateRow> = sqlx::query_as(&format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM certificates
             WHERE enterprise_id IN (SELECT id FROM enterprises WHERE park_id = $1)
             ORDER BY enterprise_id, issued_on, id"
        ))
        .bind(park_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(CertificateRow::into_record).collect()
    }

    /// Certificates by id, for the change feed; missing ids are skipped.
    pub async fn certificates_by_id(&self, ids: &[i64]) -> Result<Vec<CertificateRecord>> {
        let mut connection = self.pool.acquire().await?;
        read_certificates(&mut connection, ids).await
    }

    /// The park of a certificate's enterprise, for permission checks.
    pub async fn park_of_certificate(&self, id: i64) -> sqlx::Result<Option<i64>> {
        sqlx::query_scalar(
            "SELECT e.park_id FROM certificates c JOIN enterprises e ON e.id = c.enterprise_id WHERE c.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
    }

    pub async fn add_certificate(
        &self,
        write: &mut Write,
        enterprise_id: i64,
        body: &CertificateBody,
    ) -> Result<CertificateRecord> {
        let id: i64 = sqlx::query(
            "INSERT INTO certificates (enterprise_id, kind, number, issued_on, expires_on)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(enterprise_id)
        .bind(to_db(body.kind))
        .bind(body.number.trim())
        .bind(body.issued_on.to_string())
        .bind(body.expires_on.to_string())
        .fetch_one(write.connection())
        .await
        .with_context(|| format!("cannot insert a certificate of enterprise {enterprise_id}"))?
        .get(0);
        write.log_change(ChangeKind::Certificate, id, 1, false, Audience::Everyone).await?;
        read_certificates(write.connection(), &[id]).await?.pop().context("the certificate just inserted is missing")
    }

    /// Deletes certificate `id` when it is still at `expected` version, leaving a tombstone
    /// in the feed; `Done` holds the record as it was.
    pub async fn delete_certificate(
        &self,
        write: &mut Write,
        id: i64,
        expected: i64,
    ) -> Result<Versioned<CertificateRecord>> {
        let Some(current) = read_certificates(write.connection(), &[id]).await?.pop() else {
            return Ok(Versioned::Missing);
        };
        let deleted = sqlx::query("DELETE FROM certificates WHERE id = $1 AND version = $2")
            .bind(id)
            .bind(expected)
            .execute(write.connection())
            .await?;
        if deleted.rows_affected() == 0 {
            return Ok(Versioned::Stale(current));
        }
        write.log_change(ChangeKind::Certificate, id, expected + 1, true, Audience::Everyone).await?;
        Ok(Versioned::Done(current))
    }
}

async fn read_certificates(connection: &mut AnyConnection, ids: &[i64]) -> Result<Vec<CertificateRecord>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE id IN ({}) ORDER BY id",
        placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, CertificateRow>(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(connection).await?.into_iter().map(CertificateRow::into_record).collect()
}

#[derive(sqlx::FromRow)]
struct CertificateRow {
    id: i64,
    enterprise_id: i64,
    kind: String,
    number: String,
    issued_on: String,
    expires_on: String,
    version: i64,
}

impl CertificateRow {
    fn into_record(self) -> Result<CertificateRecord> {
        let date = |text: &str| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .with_context(|| format!("certificate {} holds an unreadable date {text:?}", self.id))
        };
        Ok(CertificateRecord {
            id: self.id,
            enterprise_id: self.enterprise_id,
            version: self.version,
            kind: from_db::<CertificateKind>(&self.kind)?,
            issued_on: date(&self.issued_on)?,
            expires_on: date(&self.expires_on)?,
            number: self.number,
        })
    }
}
