//! 亩均 evaluation runs (spec §1): a park's officers (or a city admin, for one park or
//! the whole city) score every enterprise's annual data of one year under a stored
//! profile. The run's summary and cut-offs are published to everyone; the results are not.
//!
//! - `POST /evaluations`: officers for one of their parks; admins for any park, or the
//!   city when `park_id` is left out.
//! - `GET /evaluations` (`?park_id=` keeps one park's runs), `GET /evaluations/{id}`:
//!   everyone; the summary only.
//! - `GET /evaluations/{id}/results`: admins get every result; officers the results of
//!   their parks' enterprises (403 for a run of a park they do not manage; a city-wide
//!   run gives them their parks' part); enterprise users their own result, a list of 0
//!   or 1 whatever the run; the public 401. Only admins and the officers of a one-park
//!   run see the cohort's min–max range, which consists of other enterprises' figures.
//! - `GET /evaluation-inputs?year=&park_id=`: every enterprise's figures of a year as an
//!   evaluation reads them, in one answer, for the officials' what-ifs in the browser:
//!   officers of their parks (403 for another park), admins of any park or the city;
//!   enterprise users 403, the public 401.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use parkatlas_core::efficiency::{evaluate, EvaluationError};
use parkatlas_core::wire::{
    check_year, ErrorBody, EvaluationInputRecord, EvaluationRecord, EvaluationResultRecord, EvaluationSummary,
    NewEvaluation,
};

use super::body::{JsonBody, Params};
use super::id::Id;
use super::sync::{Idempotent, IfNoneMatch, Tagged};
use crate::auth::guard::Staff;
use crate::auth::{Caller, Owner};
use crate::error::ApiError;
use crate::store::evaluations::NewRun;
use crate::AppState;

/// `?park_id=`: only this park's runs.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct RunsQuery {
    /// A park id; city-wide runs are left out when it is given.
    park_id: Option<String>,
}

/// `?year=&park_id=`: whose figures of which year.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct InputsQuery {
    /// The year of the annual data.
    year: i32,
    /// One park; left out, every park the caller manages (the city for an admin).
    park_id: Option<i64>,
}

/// Every enterprise's figures of one year within the caller's parks, as an evaluation reads them.
#[utoipa::path(get, path = "/evaluation-inputs", tag = "evaluations", params(InputsQuery),
    responses((status = 200, body = Vec<EvaluationInputRecord>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn inputs(
    State(state): State<AppState>,
    staff: Staff,
    Params(query): Params<InputsQuery>,
) -> Result<Json<Vec<EvaluationInputRecord>>, ApiError> {
    if let Some((field, message)) = check_year(query.year) {
        return Err(ApiError::InvalidParameter { field: field.into(), message });
    }
    let scope = match query.park_id {
        Some(park_id) => {
            staff.scope.check_manages(Owner::park(park_id))?;
            crate::auth::Scope::Parks(vec![park_id])
        }
        None => staff.scope,
    };
    Ok(Json(state.store.scoped_evaluation_inputs(&scope, query.year).await?))
}

/// Evaluation runs, newest first: their summaries and published cut-offs.
#[utoipa::path(get, path = "/evaluations", tag = "evaluations", params(RunsQuery),
    responses((status = 200, body = Vec<EvaluationRecord>), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Params(query): Params<RunsQuery>,
) -> Result<Json<Vec<EvaluationRecord>>, ApiError> {
    let invalid = |message: String| ApiError::InvalidParameter { field: "park_id".into(), message };
    let park_id = match query.park_id {
        None => None,
        Some(text) => match text.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => return Err(invalid(format!("park_id {text:?} is not a park id such as 1"))),
        },
    };
    Ok(Json(state.store.evaluations(park_id).await?))
}

/// One run: its profile, year, date, class counts and cut-offs per cohort.
#[utoipa::path(get, path = "/evaluations/{id}", tag = "evaluations", params(("id" = i64, Path)),
    responses((status = 200, body = EvaluationRecord), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Id(id): Id,
    cached: IfNoneMatch,
) -> Result<Tagged<EvaluationRecord>, ApiError> {
    let run = state.store.evaluation(id).await?.ok_or(ApiError::NotFound { resource: "evaluation", id })?;
    Ok(cached.tag(run.version, run))
}

/// Evaluates the enterprises of a park (or of the city) on one year's annual data.
#[utoipa::path(post, path = "/evaluations", tag = "evaluations", request_body = NewEvaluation,
    responses((status = 201, body = EvaluationRecord), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    idempotent: Idempotent,
    JsonBody(body): JsonBody<NewEvaluation>,
) -> Result<Response, ApiError> {
    match body.park_id {
        Some(park_id) => staff.scope.check_manages(Owner::park(park_id))?,
        None => staff.scope.check_manages(Owner::CITY).map_err(|_| {
            ApiError::Forbidden(
                "only city admins may evaluate the whole city; name one of your parks in park_id".into(),
            )
        })?,
    }
    let (store, created_by) = (&state.store, staff.user.id);
    idempotent
        .run(store, StatusCode::CREATED, async |mut write| {
            if let Some(park_id) = body.park_id {
                if !store.park_exists(park_id).await? {
                    return Err(ApiError::invalid("park_id", format!("no park has id {park_id}")));
                }
            }
            let profile = store.profile_for_run(&mut write, body.profile_id).await?.ok_or_else(|| {
                ApiError::invalid(
                    "profile_id",
                    format!("no profile has id {}; GET /profiles lists them", body.profile_id),
                )
            })?;
            let scoped = store.evaluation_inputs(&mut write, body.park_id, body.year).await?;
            if scoped.is_empty() {
                let scope = body.park_id.map_or("the city".to_string(), |id| format!("park {id}"));
                return Err(ApiError::invalid(
                    "year",
                    format!("no enterprise in {scope} has annual data for {}; enter the figures first", body.year),
                ));
            }
            let inputs: Vec<_> = scoped.iter().map(|s| s.input.clone()).collect();
            let run = evaluate(&profile.profile, &inputs, body.evaluation_date).map_err(|error| match error {
                EvaluationError::InvalidProfile { .. } => ApiError::invalid("profile_id", error.to_string()),
                EvaluationError::InvalidInput { .. } => ApiError::invalid("year", error.to_string()),
            })?;
            let summary = EvaluationSummary::of(&run, &profile.key, profile.version, body.year, body.park_id);
            // Core returns one result per input, in input order.
            let results =
                scoped.iter().zip(&run.results).map(|(s, result)| (s.enterprise_id, s.park_id, result)).collect();
            let new_run =
                NewRun { profile_id: profile.id, created_by, summary: &summary, notice: body.notice, results };
            let record = store.add_evaluation(&mut write, &new_run).await?;
            Ok((write, record))
        })
        .await
}

/// The per-enterprise results of a run that the caller may see, each with its item scores.
#[utoipa::path(get, path = "/evaluations/{id}/results", tag = "evaluations", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<EvaluationResultRecord>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn results(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Json<Vec<EvaluationResultRecord>>, ApiError> {
    let run = state.store.evaluation(id).await?.ok_or(ApiError::NotFound { resource: "evaluation", id })?;
    caller.signed_in()?;
    let scope = caller.scope();
    let full_view = scope.reads_run(run.summary.park_id.map_or(Owner::CITY, Owner::park))?;
    let results = state.store.evaluation_results(id, &scope).await?;
    Ok(Json(match full_view {
        true => results,
        false => results.into_iter().map(EvaluationResultRecord::without_cohort_range).collect(),
    }))
}
