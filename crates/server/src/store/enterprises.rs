//! Enterprises, their figures (one row per year) and their certificates. Public and private
//! facts are JSON text checked by parkatlas-core's types; reads return whole records and
//! the API decides what a caller sees of them.

use chrono::NaiveDate;
use parkatlas_core::efficiency::Cohort;
use parkatlas_core::tiers::CertificateKind;
use parkatlas_core::wire::{
    AnnualDataRecord, AnnualFigures, CertificateBody, CertificateRecord, ChangeKind, CreditCode, EnterpriseBody,
    EnterpriseRecord, IndustryCode, SizeClass,
};
use sqlx::{AnyConnection, Row};

use super::error::{Context, Result, StoreError};
use super::map::Versioned;
use super::write::{Audience, Write};
use super::{from_db, insert_returning_id, placeholders, to_db, AnyQuery, Store};

const ENTERPRISE_COLUMNS: &str =
    "id, park_id, credit_code, name, industry_code, size_class, cohort, public, private, version";

const CERTIFICATE_COLUMNS: &str = "id, enterprise_id, kind, number, issued_on, expires_on, version";

/// Which enterprises a list holds.
#[derive(Debug, Clone, Default)]
pub struct EnterpriseFilter {
    pub park_id: Option<i64>,
    /// A part of the name; ASCII letters match in either case.
    pub name_contains: Option<String>,
}

/// A year of figures with the park of its enterprise, for deciding who may see it.
pub struct ParkedAnnualData {
    pub id: i64,
    pub park_id: i64,
    pub record: AnnualDataRecord,
}

/// An enterprise's columns, in the order [`bind_enterprise`] binds them: every insert names these.
pub(super) const ENTERPRISE_INSERT_COLUMNS: [&str; 8] =
    ["park_id", "credit_code", "name", "industry_code", "size_class", "cohort", "public", "private"];

/// Binds an enterprise's columns: park, codes, name, classes, public and private JSON.
pub(super) fn bind_enterprise<'q>(query: AnyQuery<'q>, body: &EnterpriseBody) -> Result<AnyQuery<'q>> {
    Ok(query
        .bind(body.park_id)
        .bind(body.credit_code.to_string())
        .bind(body.name.clone())
        .bind(body.industry_code.to_string())
        .bind(to_db(body.size_class))
        .bind(to_db(body.cohort))
        .bind(serde_json::to_string(&body.public)?)
        .bind(serde_json::to_string(&body.private)?))
}

impl Store {
    /// The enterprises `filter` selects, in id order, private facts included.
    pub async fn enterprises(&self, filter: &EnterpriseFilter) -> Result<Vec<EnterpriseRecord>> {
        let mut conditions = Vec::new();
        if filter.park_id.is_some() {
            conditions.push(format!("park_id = ${}", conditions.len() + 1));
        }
        if filter.name_contains.is_some() {
            // LOWER on both sides: SQLite's LIKE ignores ASCII case and PostgreSQL's does not.
            conditions.push(format!("LOWER(name) LIKE ${} ESCAPE '\\'", conditions.len() + 1));
        }
        let filter_sql =
            if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        let sql = format!("SELECT {ENTERPRISE_COLUMNS} FROM enterprises {filter_sql} ORDER BY id");
        let mut query = sqlx::query_as::<_, EnterpriseRow>(&sql);
        if let Some(park_id) = filter.park_id {
            query = query.bind(park_id);
        }
        if let Some(part) = &filter.name_contains {
            query = query.bind(like_pattern(part));
        }
        query.fetch_all(&self.pool).await?.into_iter().map(EnterpriseRow::into_record).collect()
    }

    pub async fn enterprise(&self, id: i64) -> Result<Option<EnterpriseRecord>> {
        let mut connection = self.pool.acquire().await?;
        Ok(read_enterprises(&mut connection, &[id]).await?.pop())
    }

    /// Enterprises by id, for the change feed; missing ids are skipped.
    pub async fn enterprises_by_id(&self, ids: &[i64]) -> Result<Vec<EnterpriseRecord>> {
        let mut connection = self.pool.acquire().await?;
        read_enterprises(&mut connection, ids).await
    }

    /// True when an enterprise other than `except` is registered under `code`.
    pub async fn credit_code_taken(&self, code: &CreditCode, except: Option<i64>) -> sqlx::Result<bool> {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM enterprises WHERE credit_code = $1 AND id <> $2")
            .bind(code.as_str())
            .bind(except.unwrap_or(0))
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.is_some())
    }

    pub async fn add_enterprise(&self, write: &mut Write, body: &EnterpriseBody) -> Result<EnterpriseRecord> {
        let sql = insert_returning_id("enterprises", &ENTERPRISE_INSERT_COLUMNS);
        let id: i64 = bind_enterprise(sqlx::query(&sql), body)?
            .fetch_one(write.connection())
            .await
            .with_context(|| format!("cannot insert enterprise {}", body.credit_code))?
            .get(0);
        write.log_change(ChangeKind::Enterprise, id, 1, false, Audience::Everyone).await?;
        read_enterprises(write.connection(), &[id]).await?.pop().context("the enterprise just inserted is missing")
    }

    /// Replaces enterprise `id` when it is still at `expected` version. When it moves to
    /// another park, its years of figures are logged again for that park's officers.
    pub async fn replace_enterprise(
        &self,
        write: &mut Write,
        id: i64,
        expected: i64,
        body: &EnterpriseBody,
    ) -> Result<Versioned<EnterpriseRecord>> {
        let Some(before) = read_enterprises(write.connection(), &[id]).await?.pop() else {
            return Ok(Versioned::Missing);
        };
        let updated = sqlx::query(
            "UPDATE enterprises SET park_id = $1, credit_code = $2, name = $3, industry_code = $4, size_class = $5,
                 cohort = $6, public = $7, private = $8, version = version + 1
             WHERE id = $9 AND version = $10",
        )
        .bind(body.park_id)
        .bind(body.credit_code.as_str())
        .bind(&body.name)
        .bind(body.industry_code.as_str())
        .bind(to_db(body.size_class))
        .bind(to_db(body.cohort))
        .bind(serde_json::to_string(&body.public)?)
        .bind(serde_json::to_string(&body.private)?)
        .bind(id)
        .bind(expected)
        .execute(write.connection())
        .await?;
        if updated.rows_affected() == 0 {
            return Ok(Versioned::Stale(before));
        }
        let record = read_enterprises(write.connection(), &[id])
            .await?
            .pop()
            .context("the enterprise just updated is missing")?;
        write.log_change(ChangeKind::Enterprise, id, record.version, false, Audience::Everyone).await?;
        if before.park_id != record.park_id {
            let years: Vec<(i64, i64)> = sqlx::query_as("SELECT id, version FROM annual_data WHERE enterprise_id = $1")
                .bind(id)
                .fetch_all(write.connection())
                .await?;
            let audience = Audience::Scoped { park_id: Some(record.park_id), enterprise_id: Some(id) };
            for (row_id, version) in years {
                write.log_change(ChangeKind::AnnualData, row_id, version, false, audience).await?;
            }
        }
        Ok(Versioned::Done(record))
    }

    /// Every year of figures of an enterprise, oldest first.
    pub async fn annual_data(&self, enterprise_id: i64) -> Result<Vec<AnnualDataRecord>> {
        let rows: Vec<AnnualRow> = sqlx::query_as(
            "SELECT a.id, e.park_id, a.enterprise_id, a.year, a.figures, a.version
             FROM annual_data a JOIN enterprises e ON e.id = a.enterprise_id
             WHERE a.enterprise_id = $1 ORDER BY a.year",
        )
        .bind(enterprise_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(|row| Ok(row.into_parked()?.record)).collect()
    }

    /// Years of figures by row id, with their enterprise's park, for the change feed.
    pub async fn annual_data_by_id(&self, ids: &[i64]) -> Result<Vec<ParkedAnnualData>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT a.id, e.park_id, a.enterprise_id, a.year, a.figures, a.version
             FROM annual_data a JOIN enterprises e ON e.id = a.enterprise_id
             WHERE a.id IN ({}) ORDER BY a.id",
            placeholders(1, ids.len())
        );
        let mut query = sqlx::query_as::<_, AnnualRow>(&sql);
        for id in ids {
            query = query.bind(*id);
        }
        query.fetch_all(&self.pool).await?.into_iter().map(AnnualRow::into_parked).collect()
    }

    /// One year of an enterprise's figures as the write sees them.
    pub async fn annual_year(
        &self,
        write: &mut Write,
        enterprise_id: i64,
        year: i32,
    ) -> Result<Option<AnnualDataRecord>> {
        Ok(read_annual_year(write.connection(), enterprise_id, year).await?.map(|parked| parked.record))
    }

    /// Stores a year that has no figures yet.
    pub async fn add_annual_year(
        &self,
        write: &mut Write,
        enterprise_id: i64,
        year: i32,
        figures: &AnnualFigures,
    ) -> Result<AnnualDataRecord> {
        sqlx::query("INSERT INTO annual_data (enterprise_id, year, figures) VALUES ($1, $2, $3)")
            .bind(enterprise_id)
            .bind(i64::from(year))
            .bind(serde_json::to_string(figures)?)
            .execute(write.connection())
            .await
            .with_context(|| format!("cannot insert the {year} figures of enterprise {enterprise_id}"))?;
        log_annual_year(write, enterprise_id, year).await
    }

    /// Replaces a year's figures when they are still at `expected` version.
    pub async fn replace_annual_year(
        &self,
        write: &mut Write,
        enterprise_id: i64,
        year: i32,
        expected: i64,
        figures: &AnnualFigures,
    ) -> Result<Versioned<AnnualDataRecord>> {
        let updated = sqlx::query(
            "UPDATE annual_data SET figures = $1, version = version + 1
             WHERE enterprise_id = $2 AND year = $3 AND version = $4",
        )
        .bind(serde_json::to_string(figures)?)
        .bind(enterprise_id)
        .bind(i64::from(year))
        .bind(expected)
        .execute(write.connection())
        .await?;
        if updated.rows_affected() == 0 {
            return Ok(match read_annual_year(write.connection(), enterprise_id, year).await? {
                Some(current) => Versioned::Stale(current.record),
                None => Versioned::Missing,
            });
        }
        Ok(Versioned::Done(log_annual_year(write, enterprise_id, year).await?))
    }

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

/// `%part%` with LIKE's wildcards in `part` taken literally.
pub(super) fn like_pattern(part: &str) -> String {
    let escaped = part.to_ascii_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Logs a year that was just written, for its enterprise's users and park's officers.
async fn log_annual_year(write: &mut Write, enterprise_id: i64, year: i32) -> Result<AnnualDataRecord> {
    let parked = read_annual_year(write.connection(), enterprise_id, year)
        .await?
        .context("the annual data just written is missing")?;
    let audience = Audience::Scoped { park_id: Some(parked.park_id), enterprise_id: Some(enterprise_id) };
    write.log_change(ChangeKind::AnnualData, parked.id, parked.record.version, false, audience).await?;
    Ok(parked.record)
}

async fn read_enterprises(connection: &mut AnyConnection, ids: &[i64]) -> Result<Vec<EnterpriseRecord>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {ENTERPRISE_COLUMNS} FROM enterprises WHERE id IN ({}) ORDER BY id",
        placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, EnterpriseRow>(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(connection).await?.into_iter().map(EnterpriseRow::into_record).collect()
}

async fn read_annual_year(
    connection: &mut AnyConnection,
    enterprise_id: i64,
    year: i32,
) -> Result<Option<ParkedAnnualData>> {
    let row: Option<AnnualRow> = sqlx::query_as(
        "SELECT a.id, e.park_id, a.enterprise_id, a.year, a.figures, a.version
         FROM annual_data a JOIN enterprises e ON e.id = a.enterprise_id
         WHERE a.enterprise_id = $1 AND a.year = $2",
    )
    .bind(enterprise_id)
    .bind(i64::from(year))
    .fetch_optional(connection)
    .await?;
    row.map(AnnualRow::into_parked).transpose()
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
struct EnterpriseRow {
    id: i64,
    park_id: i64,
    credit_code: String,
    name: String,
    industry_code: String,
    size_class: String,
    cohort: String,
    public: String,
    private: String,
    version: i64,
}

impl EnterpriseRow {
    fn into_record(self) -> Result<EnterpriseRecord> {
        let id = self.id;
        let unreadable = |what: &str| format!("the {what} of enterprise {id} is unreadable");
        Ok(EnterpriseRecord {
            id,
            version: self.version,
            park_id: self.park_id,
            credit_code: CreditCode::parse(&self.credit_code).map_err(StoreError::Inconsistent)?,
            name: self.name,
            industry_code: IndustryCode::parse(&self.industry_code).map_err(StoreError::Inconsistent)?,
            size_class: from_db::<SizeClass>(&self.size_class)?,
            cohort: from_db::<Cohort>(&self.cohort)?,
            public: serde_json::from_str(&self.public).with_context(|| unreadable("public facts"))?,
            private: Some(serde_json::from_str(&self.private).with_context(|| unreadable("private facts"))?),
        })
    }
}

#[derive(sqlx::FromRow)]
struct AnnualRow {
    id: i64,
    park_id: i64,
    enterprise_id: i64,
    year: i64,
    figures: String,
    version: i64,
}

impl AnnualRow {
    fn into_parked(self) -> Result<ParkedAnnualData> {
        let (enterprise_id, year) = (self.enterprise_id, self.year);
        let figures = serde_json::from_str(&self.figures)
            .with_context(|| format!("the {year} figures of enterprise {enterprise_id} are unreadable"))?;
        Ok(ParkedAnnualData {
            id: self.id,
            park_id: self.park_id,
            record: AnnualDataRecord {
                enterprise_id,
                year: i32::try_from(year).context("a stored year is out of range")?,
                version: self.version,
                figures,
            },
        })
    }
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

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn wildcards_in_a_name_part_are_literal() {
        assert_eq!(like_pattern("光谷"), "%光谷%");
        assert_eq!(like_pattern("50%_A\\b"), "%50\\%\\_a\\\\b%");
    }
}
