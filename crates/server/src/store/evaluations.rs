//! 亩均 evaluation runs (spec §1). A run keeps its published summary (cut-offs, class
//! counts) as JSON, and one result row per enterprise evaluated, with the enterprise's
//! park beside it so that officers and enterprise users can be given only their own rows.
//! The profiles runs are scored with are in `profiles.rs`.

use parkatlas_core::efficiency::{Cohort, EnterpriseResult};
use parkatlas_core::wire::{
    AnnualFigures, ChangeKind, EvaluationInputRecord, EvaluationRecord, EvaluationResultRecord, EvaluationSummary,
    NoticePeriod,
};
use sqlx::AnyConnection;
use sqlx::Row;

use super::error::{Context, Result};
use super::scope::{self, Belonging};
use super::write::{Audience, Write};
use super::{bind_values, from_db, now_text, placeholders, Store};
use crate::auth::Scope;

/// Result rows inserted per statement: 4 parameters each, far below both backends' limits.
const RESULT_ROWS_PER_INSERT: usize = 200;

/// Where a result belongs, for scoped reads.
const RESULT_BELONGING: Belonging = Belonging { park: "park_id", enterprise: Some("enterprise_id") };

/// Where an enterprise's annual data belongs, for scoped reads of evaluation inputs.
const INPUT_BELONGING: Belonging = Belonging { park: "e.park_id", enterprise: Some("e.id") };

/// A run to store: what was asked, its summary, and each enterprise's result.
pub struct NewRun<'a> {
    pub profile_id: i64,
    pub created_by: i64,
    pub summary: &'a EvaluationSummary,
    pub notice: Option<NoticePeriod>,
    /// `(enterprise_id, park_id, result)`.
    pub results: Vec<(i64, i64, &'a EnterpriseResult)>,
}

const RUN_COLUMNS: &str = "id, profile_id, summary, created_at, version, notice_start, notice_end";

impl Store {
    /// The annual data of `year` of every enterprise in park `park_id` (every park when
    /// `None`), in enterprise id order, as evaluation inputs: what a run evaluates.
    pub async fn evaluation_inputs(
        &self,
        write: &mut Write,
        park_id: Option<i64>,
        year: i32,
    ) -> Result<Vec<EvaluationInputRecord>> {
        let scope = park_id.map_or(Scope::Everything, |park| Scope::Parks(vec![park]));
        read_inputs(write.connection(), &scope, year).await
    }

    /// The evaluation inputs of `year` of every enterprise within `scope` (officials'
    /// what-ifs in the browser), in enterprise id order.
    pub async fn scoped_evaluation_inputs(&self, scope: &Scope, year: i32) -> Result<Vec<EvaluationInputRecord>> {
        let mut connection = self.pool.acquire().await?;
        read_inputs(&mut connection, scope, year).await
    }

    /// Stores a run and its results; returns the run as everyone sees it.
    pub async fn add_evaluation(&self, write: &mut Write, run: &NewRun<'_>) -> Result<EvaluationRecord> {
        let summary = run.summary;
        let id: i64 = sqlx::query(
            "INSERT INTO evaluation_runs
                (profile_id, park_id, year, evaluation_date, summary, created_by, created_at, notice_start, notice_end)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(run.profile_id)
        .bind(summary.park_id)
        .bind(i64::from(summary.year))
        .bind(summary.evaluation_date.to_string())
        .bind(serde_json::to_string(summary)?)
        .bind(run.created_by)
        .bind(now_text())
        .bind(run.notice.map(|notice| notice.start.to_string()))
        .bind(run.notice.map(|notice| notice.end.to_string()))
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

async fn read_inputs(connection: &mut AnyConnection, scope: &Scope, year: i32) -> Result<Vec<EvaluationInputRecord>> {
    let Some(filter) = scope::condition(scope, INPUT_BELONGING, 2) else { return Ok(Vec::new()) };
    let sql = format!(
        "SELECT e.id, e.park_id, e.credit_code, e.name, e.cohort, a.figures
         FROM enterprises e JOIN annual_data a ON a.enterprise_id = e.id
         WHERE a.year = $1 AND {} ORDER BY e.id",
        filter.clause
    );
    let query = sqlx::query_as::<_, (i64, i64, String, String, String, String)>(&sql).bind(i64::from(year));
    let rows = bind_values(query, &filter.values).fetch_all(connection).await?;
    rows.into_iter()
        .map(|(enterprise_id, park_id, credit_code, name, cohort, figures)| {
            let figures: AnnualFigures = serde_json::from_str(&figures)
                .with_context(|| format!("the annual data of enterprise {enterprise_id} for {year} is unreadable"))?;
            let input = figures.to_efficiency_input(enterprise_id.to_string(), name, from_db::<Cohort>(&cohort)?);
            Ok(EvaluationInputRecord { enterprise_id, park_id, credit_code, input })
        })
        .collect()
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
struct RunRow {
    id: i64,
    profile_id: i64,
    summary: String,
    created_at: String,
    version: i64,
    notice_start: Option<String>,
    notice_end: Option<String>,
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
            notice: notice_period(self.id, self.notice_start, self.notice_end)?,
        })
    }
}

fn notice_period(run: i64, start: Option<String>, end: Option<String>) -> Result<Option<NoticePeriod>> {
    let (Some(start), Some(end)) = (start, end) else { return Ok(None) };
    let day = |text: &str| text.parse().with_context(|| format!("the 公示 period of run {run}: {text:?}"));
    Ok(Some(NoticePeriod { start: day(&start)?, end: day(&end)? }))
}
