//! Enterprises: the firms registered in a park. Public and private facts are JSON text
//! checked by parkatlas-core's types; reads return whole records and the API decides what
//! a caller sees of them. Their figures are in `annual.rs`, their certificates in
//! `certificates.rs`.

use parkatlas_core::efficiency::Cohort;
use parkatlas_core::registry::{CreditCode, IndustryCode};
use parkatlas_core::wire::{ChangeKind, EnterpriseBody, EnterpriseRecord, SizeClass};
use sqlx::{AnyConnection, Row};

use super::error::{Context, Result};
use super::write::{Audience, Versioned, Write};
use super::{from_db, insert_returning_id, placeholders, to_db, AnyQuery, Store};

const ENTERPRISE_COLUMNS: &str =
    "id, park_id, credit_code, name, industry_code, size_class, cohort, public, private, version";

/// Which enterprises a list holds.
#[derive(Debug, Clone, Default)]
pub struct EnterpriseFilter {
    pub park_id: Option<i64>,
    /// A part of the name; ASCII letters match in either case.
    pub name_contains: Option<String>,
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

    /// The park an enterprise is registered in; `None` when there is no such enterprise.
    pub async fn park_of_enterprise(&self, enterprise_id: i64) -> sqlx::Result<Option<i64>> {
        sqlx::query_scalar("SELECT park_id FROM enterprises WHERE id = $1")
            .bind(enterprise_id)
            .fetch_optional(&self.pool)
            .await
    }
}

/// `%part%` with LIKE's wildcards in `part` taken literally.
pub(super) fn like_pattern(part: &str) -> String {
    let escaped = part.to_ascii_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
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
            credit_code: CreditCode::parse(&self.credit_code).context("a stored credit code")?,
            name: self.name,
            industry_code: IndustryCode::parse(&self.industry_code).context("a stored industry code")?,
            size_class: from_db::<SizeClass>(&self.size_class)?,
            cohort: from_db::<Cohort>(&self.cohort)?,
            public: serde_json::from_str(&self.public).with_context(|| unreadable("public facts"))?,
            private: Some(serde_json::from_str(&self.private).with_context(|| unreadable("private facts"))?),
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
