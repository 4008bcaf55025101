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

use axum::extract::rejection::QueryRejection;
use axum::extract::{OriginalUri, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use parkatlas_core::efficiency::{evaluate, EvaluationError};
use parkatlas_core::wire::{
    ErrorBody, EvaluationRecord, EvaluationResultRecord, EvaluationSummary, NewEvaluation, Role,
};

use super::body::JsonBody;
use super::id::Id;
use super::sync::{self, IfNoneMatch, OperationId, Tagged};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::evaluations::{NewRun, ResultScope};
use crate::AppState;

/// `?park_id=`: only this park's runs.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct RunsQuery {
    /// A park id; city-wide runs are left out when it is given.
    park_id: Option<String>,
}

/// Evaluation runs, newest first: their summaries and published cut-offs.
#[utoipa::path(get, path = "/evaluations", tag = "evaluations", params(RunsQuery),
    responses((status = 200, body = Vec<EvaluationRecord>), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    query: Result<Query<RunsQuery>, QueryRejection>,
) -> Result<Json<Vec<EvaluationRecord>>, ApiError> {
    let invalid = |message: String| ApiError::InvalidParameter { field: "park_id".into(), message };
    let Query(query) = query.map_err(|rejection| invalid(rejection.body_text()))?;
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
    caller: Caller,
    operation: OperationId,
    OriginalUri(uri): OriginalUri,
    JsonBody(body): JsonBody<NewEvaluation>,
) -> Result<Response, ApiError> {
    let user = match body.park_id {
        Some(park_id) => caller.require_park(park_id)?,
        // The public gets 401 like everywhere else; only signed-in non-admins get the 403.
        None => {
            caller.signed_in()?;
            caller.require_admin().map_err(|_| {
                ApiError::Forbidden(
                    "only city admins may evaluate the whole city; name one of your parks in park_id".into(),
                )
            })?
        }
    };
    let created_by = user.id;
    let mut write = match sync::begin(&state.store, &caller, operation, "POST", uri.path()).await? {
        Ok(write) => write,
        Err(replay) => return Ok(replay),
    };
    if let Some((field, problem)) = body.problem() {
        return Err(ApiError::invalid(field, problem));
    }
    if let Some(park_id) = body.park_id {
        if !state.store.park_exists(park_id).await? {
            return Err(ApiError::invalid("park_id", format!("no park has id {park_id}")));
        }
    }
    let profile = state.store.profile_for_run(&mut write, body.profile_id).await?.ok_or_else(|| {
        ApiError::invalid("profile_id", format!("no profile has id {}; GET /profiles lists them", body.profile_id))
    })?;
    let scoped = state.store.evaluation_inputs(&mut write, body.park_id, body.year).await?;
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
    let results = scoped.iter().zip(&run.results).map(|(s, result)| (s.enterprise_id, s.park_id, result)).collect();
    let new_run = NewRun { profile_id: profile.id, created_by, summary: &summary, results };
    let record = state.store.add_evaluation(&mut write, &new_run).await?;
    let outcome = sync::outcome(StatusCode::CREATED, &record, Some(record.version))?;
    Ok(sync::respond(write.finish(outcome).await?))
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
    let user = caller.signed_in()?;
    let (scope, full_view) = match (user.role, run.summary.park_id) {
        (Role::Admin, _) => (ResultScope::All, true),
        (Role::Officer, Some(park_id)) => {
            caller.require_park(park_id)?;
            (ResultScope::All, true)
        }
        (Role::Officer, None) => (ResultScope::Parks(user.park_ids.clone()), false),
        (Role::Enterprise, _) => match user.enterprise_id {
            Some(enterprise_id) => (ResultScope::Enterprise(enterprise_id), false),
            None => return Ok(Json(Vec::new())),
        },
    };
    let results = state.store.evaluation_results(id, &scope).await?;
    Ok(Json(match full_view {
        true => results,
        false => results.into_iter().map(EvaluationResultRecord::without_cohort_range).collect(),
    }))
}
