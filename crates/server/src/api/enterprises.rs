//! Enterprises: the public register and each enterprise's private facts, and its tier
//! assessment (spec §4). Their years of figures are in [`super::annual`], their
//! certificates in [`super::certificates`].
//!
//! - `GET /enterprises` (`?park_id=`, `?q=` a part of the name), `GET /enterprises/{id}`:
//!   everyone; `private` (contacts, tier facts) only for the enterprise's own users, its
//!   park's officers and city admins.
//! - `POST /enterprises`: officers of the body's park, admins. `PUT /enterprises/{id}`:
//!   officers of its park (and of the new park when it moves), admins.
//! - `GET /enterprises/{id}/parcels`: everyone (who uses a parcel is public, as on the map).
//! - `GET /enterprises/{id}/tiers?date=`: its own users, its park's officers, admins.

use super::body::{JsonBody, Params};
use super::id::Id;
use super::sync::{Idempotent, IfMatch, IfNoneMatch};
use crate::auth::guard::{kinds, Manages, Sees, Staff};
use crate::auth::{Caller, Owner, Scope};
use crate::error::ApiError;
use crate::store::enterprises::EnterpriseFilter;
use crate::store::Store;
use crate::store::StoreError;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{NaiveDate, Utc};
use parkatlas_core::tiers::{assess, TierAssessment, TierError, TierRules};
use parkatlas_core::wire::{EnterpriseBody, EnterpriseRecord, ErrorBody, ParcelRecord};

/// `?park_id=&q=`: both optional.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// Only the enterprises of this park.
    park_id: Option<String>,
    /// A part of the registered name.
    q: Option<String>,
}

/// The enterprises, in id order; private facts only where the caller may see them.
#[utoipa::path(get, path = "/enterprises", tag = "enterprises", params(ListQuery),
    responses((status = 200, body = Vec<EnterpriseRecord>), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Params(query): Params<ListQuery>,
) -> Result<Response, ApiError> {
    let invalid = |field: &str, message: String| ApiError::InvalidParameter { field: field.into(), message };
    let park_id = match query.park_id {
        None => None,
        Some(text) => match text.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => return Err(invalid("park_id", format!("park_id {text:?} is not a park id such as 1"))),
        },
    };
    let name_contains = query.q.map(|q| q.trim().to_string()).filter(|q| !q.is_empty());
    let filter = EnterpriseFilter { park_id, name_contains };
    let records: Vec<EnterpriseRecord> =
        state.store.enterprises(&filter).await?.into_iter().map(|record| view(&caller.scope(), record)).collect();
    Ok(per_caller(Json(records)))
}

/// One enterprise; private facts only for its own users, its park's officers and admins.
#[utoipa::path(get, path = "/enterprises/{id}", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = EnterpriseRecord), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    cached: IfNoneMatch,
) -> Result<Response, ApiError> {
    let record = view(&caller.scope(), existing(&state, id).await?);
    Ok(per_caller(cached.tag(record.version, record)))
}

/// Registers an enterprise (officers of its park, city admins).
#[utoipa::path(post, path = "/enterprises", tag = "enterprises", request_body = EnterpriseBody,
    responses((status = 201, body = EnterpriseRecord), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    idempotent: Idempotent,
    JsonBody(body): JsonBody<EnterpriseBody>,
) -> Result<Response, ApiError> {
    let store = &state.store;
    idempotent
        .run(store, StatusCode::CREATED, async |mut write| {
            checked(store, &staff.scope, &body, None).await?;
            let record = store.add_enterprise(&mut write, &body).await.map_err(|e| unique_code(e, &body))?;
            Ok((write, record))
        })
        .await
}

/// Replaces an enterprise's record (officers of its park, and of its new park when it
/// moves; city admins).
#[utoipa::path(put, path = "/enterprises/{id}", tag = "enterprises", params(("id" = i64, Path)), request_body = EnterpriseBody,
    responses((status = 200, body = EnterpriseRecord), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 412, body = ErrorBody), (status = 422, body = ErrorBody), (status = 428, body = ErrorBody)))]
pub async fn replace(
    State(state): State<AppState>,
    target: Manages<kinds::Enterprise>,
    idempotent: Idempotent,
    IfMatch(expected): IfMatch,
    JsonBody(body): JsonBody<EnterpriseBody>,
) -> Result<Response, ApiError> {
    let (store, id, scope) = (&state.store, target.id, target.scope());
    idempotent
        .run(store, StatusCode::OK, async |mut write| {
            checked(store, &scope, &body, Some(id)).await?;
            let replaced = store.replace_enterprise(&mut write, id, expected, &body).await;
            let replaced = replaced.map_err(|e| unique_code(e, &body))?;
            Ok((write, replaced.settled(expected, ApiError::NotFound { resource: "enterprise", id })?))
        })
        .await
}

/// The parcels the enterprise uses, with their details as the caller may see them (the
/// figures of what is built and earned there only for those who see the enterprise).
#[utoipa::path(get, path = "/enterprises/{id}/parcels", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Object>), (status = 404, body = ErrorBody)))]
pub async fn parcels(State(state): State<AppState>, caller: Caller, Id(id): Id) -> Result<Response, ApiError> {
    existing(&state, id).await?;
    let scope = caller.scope();
    let parcels = state.store.parcels_of_enterprise(id).await?.into_iter();
    let parcels: Vec<ParcelRecord> = parcels.map(|parcel| super::parcels::view(&scope, parcel)).collect();
    Ok(per_caller(Json(parcels)))
}

/// `?date=YYYY-MM-DD`: the evaluation date; today in China when left out.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct TiersQuery {
    /// On or after 2022-08-01: it selects the 2022 or the 2026 MIIT rules.
    date: Option<String>,
}

/// The enterprise's tiers on a date: every tier's criteria, the highest ladder step reached,
/// side labels, and what the next step still lacks (its own users, its park's officers, admins).
#[utoipa::path(get, path = "/enterprises/{id}/tiers", tag = "enterprises", params(("id" = i64, Path), TiersQuery),
    responses((status = 200, description = "a core TierAssessment", body = Object), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn tiers(
    State(state): State<AppState>,
    target: Sees<kinds::Enterprise>,
    Params(query): Params<TiersQuery>,
) -> Result<Json<TierAssessment>, ApiError> {
    let invalid = |field: &str, message: String| ApiError::InvalidParameter { field: field.into(), message };
    let id = target.id;
    let enterprise = existing(&state, id).await?;
    let date = match query.date {
        None => today_in_china(),
        Some(text) => NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map_err(|_| invalid("date", format!("date {text:?} is not a date such as 2025-06-30")))?,
    };
    let annual = state.store.annual_data(id).await?;
    let certificates = state.store.certificates(id).await?;
    let profile = enterprise.private.unwrap_or_default().tier_profile(&annual, &certificates);
    match assess(&TierRules::default(), &profile, date) {
        Ok(assessment) => Ok(Json(assessment)),
        Err(error @ TierError::BeforeFirstRules(_)) => Err(invalid("date", error.to_string())),
        // Stored certificates and years were checked when written: these cannot come from the request.
        Err(error) => Err(ApiError::Internal(anyhow::anyhow!("enterprise {id}: {error}"))),
    }
}

/// The parks are in China: "today" is the date at +08:00, whatever the server's zone.
pub(super) fn today_in_china() -> NaiveDate {
    parkatlas_core::calendar::china_date(Utc::now())
}

/// Enterprise `id` in full, or 404.
pub(super) async fn existing(state: &AppState, id: i64) -> Result<EnterpriseRecord, ApiError> {
    state.store.enterprise(id).await?.ok_or(ApiError::NotFound { resource: "enterprise", id })
}

/// The record as a caller with `scope` may see it.
pub(super) fn view(scope: &Scope, record: EnterpriseRecord) -> EnterpriseRecord {
    match scope.sees(Owner::enterprise(record.id, record.park_id)) {
        true => record,
        false => record.without_private(),
    }
}

/// The same URL answers differently once signed in: caches must keep the answers apart.
fn per_caller(response: impl IntoResponse) -> Response {
    ([(header::VARY, "cookie")], response).into_response()
}

/// Checks a body against the stored records: its park exists (422), the caller manages
/// it (403), its credit code is free (409). `except` is the enterprise being replaced.
async fn checked(store: &Store, scope: &Scope, body: &EnterpriseBody, except: Option<i64>) -> Result<(), ApiError> {
    check_record(store, body).await?;
    scope.check_manages(Owner::park(body.park_id))?;
    check_credit_code_free(store, body, except).await
}

/// The rules a body must pass whoever sends it: its own, and an existing park (422).
/// `parkatlas import enterprises` checks each row with this and the next.
pub(crate) async fn check_record(store: &Store, body: &EnterpriseBody) -> Result<(), ApiError> {
    if let Some((field, problem)) = body.problem() {
        return Err(ApiError::invalid(field, problem));
    }
    if !store.park_exists(body.park_id).await? {
        return Err(ApiError::invalid("park_id", format!("no park has id {}", body.park_id)));
    }
    Ok(())
}

/// No enterprise other than `except` is registered under the body's credit code (409).
pub(crate) async fn check_credit_code_free(
    store: &Store,
    body: &EnterpriseBody,
    except: Option<i64>,
) -> Result<(), ApiError> {
    match store.credit_code_taken(&body.credit_code, except).await? {
        true => Err(duplicate_code(body)),
        false => Ok(()),
    }
}

/// Two writers racing with the same credit code: the database refuses the second.
fn unique_code(error: StoreError, body: &EnterpriseBody) -> ApiError {
    match error.is_duplicate() {
        true => duplicate_code(body),
        false => error.into(),
    }
}

fn duplicate_code(body: &EnterpriseBody) -> ApiError {
    ApiError::Conflict {
        field: "credit_code".into(),
        message: format!("another enterprise is registered under the credit code {}", body.credit_code),
    }
}
