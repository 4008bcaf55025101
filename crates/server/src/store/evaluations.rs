//! Scoring profiles and 亩均 evaluation runs (spec §1). A profile is the core `Profile`
//! as JSON under its unique key; the shipped profiles are added to every database when
//! it opens. A run keeps its published summary (cut-offs, class counts) as JSON, and
//! one result row per enterprise evaluated, with the enterprise's park beside it so
//! that officers and enterprise users can be given only their own rows.

use parkatlas_core::efficiency::{shipped, Cohort, EnterpriseInput, EnterpriseResult, Profile};
use parkatlas_core::wire::{
    AnnualFigures, ChangeKind, EvaluationRecord, EvaluationResultRecord, EvaluationSummary, ProfileRecord,
};
use sqlx::AnyConnection;
use sqlx::Row;

use super::error::{Context, Result};
use super::map::Versioned;
use super::scope::{self, Belonging};
use super::write::{Audience, Write};
use super::{bind_values, from_db, now_text, placeholders, Outcome, Store};
use crate::auth::Scope;

/// Result rows inserted per statement: 4 parameters each, far below both backends' limits.
const RESULT_ROWS_PER_INSERT: usize = 200;

/// Adds the shipped profiles whose keys the database does not hold yet. Profiles that
/// admins edited keep their edits; a shipped key is never overwritten.
pub async fn add_shipped_profiles(store: &Store) -> Result<()> {
    let profiles = shipped::profiles();
    let held: Vec<String> = sqlx::query_scalar("SELECT key FROM scoring_profiles").fetch_all(&store.pool).await?;
    if profiles.iter().all(|profile| held.contains(&profile.id)) {
        return Ok(());
    }
    let super::Begun::Fresh(mut write) = store.write(None).await? else { unreachable!("no operation id") };
    for profile in &profiles {
        // Another server opening the same database may have added it meanwhile: no conflict then.
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO scoring_profiles (key, body) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING id",
        )
        .bind(&profile.id)
        .bind(serde_json::to_string(profile)?)
        .fetch_optional(write.connection())
        .await
        .with_context(|| format!("cannot add the shipped profile {}", profile.id))?;
        if let Some(id) = id {
            write.log_change(ChangeKind::Profile, id, 1, false, Audience::Everyone).await?;
        }
    }
    write.finish(Outcome { status: 201, version: None, body: String::new() }).await?;
    Ok(())
}

/// Where a result belongs, for scoped reads.
const RESULT_BELONGING: Belonging = Belonging { park: "park_id", enterprise: Some("enterprise_id") };

/// An enterprise's figures of the evaluated year, as the evaluation reads them.
pub struct ScopedInput {
    pub enterprise_id: i64,
    pub park_id: i64,
    pub input: EnterpriseInput,
}

/// A run to store: what was asked, its summary, and each enterprise's result.
pub struct NewRun<'a> {
    pub profile_id: i64,
    pub created_by: i64,
    pub summary: &'a EvaluationSummary,
    /// `(enterprise_id, park_id, result)`.
    pub results: Vec<(i64, i64, &'a EnterpriseResult)>,
}

const RUN_COLUMNS: &str = "id, profile_id, summary, created_at, version";

impl Store {
    pub async fn profiles(&self) -> Result<Vec<ProfileRecord>> {
        let rows: Vec<ProfileRow> = sqlx::query_as("SELECT id, key, body, version FROM scoring_profiles ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(ProfileRow::into_record).collect()
    }

    pub async fn profile(&self, id: i64) -> Result<Option<ProfileRecord>> {
        let mut connection = self.pool.acquire().await?;
        Ok(read_profiles(&mut connection, &[id]).await?.pop())
    }

    /// Profiles by id, for the change feed; missing ids are skipped.
    pub async fn profiles_by_id(&self, ids: &[i64]) -> Result<Vec<ProfileRecord>> {
        let mut connection = self.pool.acquire().await?;
        read_profiles(&mut connection, ids).await
    }

    /// True when a profile other than `except` has `key`.
    pub async fn profile_key_taken(&self, key: &str, except: Option<i64>) -> sqlx::Result<bool> {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM scoring_profiles WHERE key = $1 AND id <> $2")
            .bind(key)
            .bind(except.unwrap_or(0))
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.is_some())
    }

    /// Adds a profile, checked by the caller; a duplicate key fails as a unique violation.
    pub async fn add_profile(&self, write: &mut Write, profile: &Profile) -> Result<ProfileRecord> {
        let id: i64 = sqlx::query("INSERT INTO scoring_profiles (key, body) VALUES ($1, $2) RETURNING id")
            .bind(&profile.id)
            .bind(serde_json::to_string(profile)?)
            .fetch_one(write.connection())
            .await
            .with_context(|| format!("cannot insert profile {}", profile.id))?
            .get(0);
        write.log_change(ChangeKind::Profile, id, 1, false, Audience::Everyone).await?;
        read_profiles(write.connection(), &[id]).await?.pop().context("the profile just inserted is missing")
    }

    /// Replaces profile `id` when it is still at `expected` version. Its key does not change.
    pub async fn replace_profile(
        &self,
        write: &mut Write,
        id: i64,
        expected: i64,
        profile: &Profile,
    ) -> Result<Versioned<ProfileRecord>> {
        let updated =
            sqlx::query("UPDATE scoring_profiles SET body = $1, version = version + 1 WHERE id = $2 AND version = $3")
                .bind(serde_json::to_string(profile)?)
                .bind(id)
                .bind(expected)
                .execute(write.connection())
                .await?;
        let Some(record) = read_profiles(write.connection(), &[id]).await?.pop() else {
            return Ok(Versioned::Missing);
        };
        if updated.rows_affected() == 0 {
            return Ok(Versioned::Stale(record));
        }
        write.log_change(ChangeKind::Profile, id, record.version, false, Audience::Everyone).await?;
        Ok(Versioned::Done(record))
    }

    /// Profile `id` as the write sees it: the version a run is scored with.
    pub async fn profile_for_run(&self, write: &mut Write, id: i64) -> Result<Option<ProfileRecord>> {
        Ok(read_profiles(write.connection(), &[id]).await?.pop())
    }

    /// The annual data of `year` of every enterprise in park `park_id` (every park when
    /// `None`), in enterprise id order, as evaluation inputs.
    pub async fn evaluation_inputs(
        &self,
        write: &mut Write,
        park_id: Option<i64>,
        year: i32,
    ) -> Result<Vec<ScopedInput>> {
        let sql = format!(
            "SELECT e.id, e.park_id, e.name, e.cohort, a.figures
             FROM enterprises e JOIN annual_data a ON a.enterprise_id = e.id
             WHERE a.year = $1 {} ORDER BY e.id",
            if park_id.is_some() { "AND e.park_id = $2" } else { "" }
        );
        let mut query = sqlx::query_as::<_, (i64, i64, String, String, String)>(&sql).bind(i64::from(year));
        if let Some(park_id) = park_id {
            query = query.bind(park_id);
        }
        let rows = query.fetch_all(write.connection()).await?;
        rows.into_iter()
            .map(|(enterprise_id, park_id, name, cohort, figures)| {
                let figures: AnnualFigures = serde_json::from_str(&figures).with_context(|| {
                    format!("the annual data of enterprise {enterprise_id} for {year} is unreadable")
                })?;
                let input = figures.to_efficiency_input(enterprise_id.to_string(), name, from_db::<Cohort>(&cohort)?);
                Ok(ScopedInput { enterprise_id, park_id, input })
            })
            .collect()
    }

    /// Stores a run and its results; returns the run as everyone sees it.
    pub async fn add_evaluation(&self, write: &mut Write, run: &NewRun<'_>) -> Result<EvaluationRecord> {
        let summary = run.summary;
        let id: i64 = sqlx::query(
            "INSERT INTO evaluation_runs (profile_id, park_id, year, evaluation_date, summary, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(run.profile_id)
        .bind(summary.park_id)
        .bind(i64::from(summary.year))
        .bind(summary.evaluation_date.to_string())
        .bind(serde_json::to_string(summary)?)
        .bind(run.created_by)
        .bind(now_text())
        .fetch_one(write.connection())
        .await
        .context("cannot insert the evaluation run")?
        .get(0);
        for chunk in run.results.chunks(RESULT_ROWS_PER_INSERT) {
            let rows = (0..chunk.len())
                .map(|row| format!("({})", placeholders(row * 4 + 1, 4)))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!("INSERT INTO evaluation_results (run_id, enterprise_id, park_id, result) VALUES {rows}");
            let mut query = sqlx::query(&sql);
            for (enterprise_id, park_id, result) in chunk {
                query = query.bind(id).bind(*enterprise_id).bind(*park_id).bind(serde_json::to_string(result)?);
            }
            query.execute(write.connection()).await.context("cannot insert the evaluation results")?;
        }
        write.log_change(ChangeKind::Evaluation, id, 1, false, Audience::Everyone).await?;
        read_runs(write.connection(), &[id]).await?.pop().context("the run just inserted is missing")
    }

    /// Run summaries, newest first; only park `park_id`'s runs when it is given.
    pub async fn evaluations(&self, park_id: Option<i64>) -> Result<Vec<EvaluationRecord>> {
        let sql = format!(
            "SELECT {RUN_COLUMNS} FROM evaluation_runs {} ORDER BY id DESC",
            if park_id.is_some() { "WHERE park_id = $1" } else { "" }
        );
        let mut query = sqlx::query_as::<_, RunRow>(&sql);
        if let Some(park_id) = park_id {
            query = query.bind(park_id);
        }
        query.fetch_all(&self.pool).await?.into_iter().map(RunRow::into_record).collect()
    }

    pub async fn evaluation(&self, id: i64) -> Result<Option<EvaluationRecord>> {
        let mut connection = self.pool.acquire().await?;
        Ok(read_runs(&mut connection, &[id]).await?.pop())
    }

    /// Run summaries by id, for the change feed; missing ids are skipped.
    pub async fn evaluations_by_id(&self, ids: &[i64]) -> Result<Vec<EvaluationRecord>> {
        let mut connection = self.pool.acquire().await?;
        read_runs(&mut connection, ids).await
    }

    /// The results of run `run_id` within `scope`, in enterprise id order.
    pub async fn evaluation_results(&self, run_id: i64, scope: &Scope) -> Result<Vec<EvaluationResultRecord>> {
        let Some(filter) = scope::condition(scope, RESULT_BELONGING, 2) else { return Ok(Vec::new()) };
        let sql = format!(
            "SELECT enterprise_id, park_id, result FROM evaluation_results
             WHERE run_id = $1 AND {} ORDER BY enterprise_id",
            filter.clause
        );
        let query = bind_values(sqlx::query_as::<_, (i64, i64, String)>(&sql).bind(run_id), &filter.values);
        let rows = query.fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(|(enterprise_id, park_id, result)| {
                Ok(EvaluationResultRecord {
                    run_id,
                    enterprise_id,
                    park_id,
                    result: serde_json::from_str(&result)
                        .with_context(|| format!("the result of enterprise {enterprise_id} in run {run_id}"))?,
                    cohort_range_withheld: false,
                })
            })
            .collect()
    }
}

/// Profiles by id, in id order; missing ids are skipped.
async fn read_profiles(connection: &mut AnyConnection, ids: &[i64]) -> Result<Vec<ProfileRecord>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, key, body, version FROM scoring_profiles WHERE id IN ({}) ORDER BY id",
        placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, ProfileRow>(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(connection).await?.into_iter().map(ProfileRow::into_record).collect()
}

/// Run summaries by id, in id order; missing ids are skipped.
async fn read_runs(connection: &mut AnyConnection, ids: &[i64]) -> Result<Vec<EvaluationRecord>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql =
        format!("SELECT {RUN_COLUMNS} FROM evaluation_runs WHERE id IN ({}) ORDER BY id", placeholders(1, ids.len()));
    let mut query = sqlx::query_as::<_, RunRow>(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(connection).await?.into_iter().map(RunRow::into_record).collect()
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: i64,
    key: String,
    body: String,
    version: i64,
}

impl ProfileRow {
    fn into_record(self) -> Result<ProfileRecord> {
        let profile = serde_json::from_str(&self.body).with_context(|| format!("stored profile {}", self.key))?;
        Ok(ProfileRecord { id: self.id, key: self.key, version: self.version, profile })
    }
}

#[derive(sqlx::FromRow)]
struct RunRow {
    id: i64,
    profile_id: i64,
    summary: String,
    created_at: String,
    version: i64,
}

impl RunRow {
    fn into_record(self) -> Result<EvaluationRecord> {
        let summary = serde_json::from_str(&self.summary).with_context(|| format!("the summary of run {}", self.id))?;
        Ok(EvaluationRecord {
            id: self.id,
            version: self.version,
            profile_id: self.profile_id,
            created_at: self.created_at,
            summary,
        })
    }
}
