//! Enterprises' figures, one row per enterprise and year (`annual_data`), as JSON text
//! checked by parkatlas-core's types. Each change is logged for the enterprise's users
//! and its park's officers only.

use parkatlas_core::wire::{AnnualDataRecord, AnnualFigures, ChangeKind};
use sqlx::AnyConnection;

use super::error::{Context, Result};
use super::write::{Audience, Versioned, Write};
use super::{placeholders, Store};

/// A year of figures with the park of its enterprise, for deciding who may see it.
pub struct ParkedAnnualData {
    pub id: i64,
    pub park_id: i64,
    pub record: AnnualDataRecord,
}

impl Store {
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

    /// Every year of figures of every enterprise of a park, by enterprise then year.
    pub async fn annual_data_of_park(&self, park_id: i64) -> Result<Vec<AnnualDataRecord>> {
        let rows: Vec<AnnualRow> = sqlx::query_as(
            "SELECT a.id, e.park_id, a.enterprise_id, a.year, a.figures, a.version
             FROM annual_data a JOIN enterprises e ON e.id = a.enterprise_id
             WHERE e.park_id = $1 ORDER BY a.enterprise_id, a.year",
        )
        .bind(park_id)
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
