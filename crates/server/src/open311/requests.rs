//! Service requests through GeoReport v2: filed with an enterprise's API key through the
//! same store path as `POST /api/v1/requests` (and the same `Idempotency-Key` replay), and
//! listed as `auth::Scope::open311_reach` allows: the public side of every request without
//! a key, the key's own enterprise's requests in full with one.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{OriginalUri, RawPathParams, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use chrono::{DateTime, Duration, Utc};
use parkatlas_core::calendar::{Category, Open311Status, RequestState};
use parkatlas_core::wire::RequestRecord;

use super::filing::new_request;
use super::format::{Format, Refusal};
use super::params::Params;
use super::representation::{service_notice, Receipt, ServiceRequest, Token};
use super::services::category_of;
use super::MAX_BODY_BYTES;
use crate::api::id::path_param;
use crate::api::sync::{Answer, Idempotent};
use crate::auth::{operation_scope, Scope};
use crate::error::ApiError;
use crate::store::requests::{Filer, RequestFilter};
use crate::AppState;

/// The longest span of `start_date` to `end_date`, and the default span back from now.
pub const MAX_SPAN_DAYS: i64 = 90;
/// The most requests one list holds, newest first.
pub const MAX_ROWS: usize = 1000;

/// `GET requests.{json,xml}`: `service_request_id` (a comma list, which overrides the
/// rest), `service_code`, `start_date`, `end_date`, `status` (open, closed).
pub async fn list(State(state): State<AppState>, format: Format, OriginalUri(uri): OriginalUri) -> Response {
    format.reply(listing(&state, format, &Params::of_query(&uri)).await)
}

async fn listing(state: &AppState, format: Format, params: &Params) -> Result<Response, Refusal> {
    let reach = Scope::of(params.caller(&state.store).await?.as_ref()).open311_reach();
    let records = state.store.requests_matching(&reach.listed, &filter(params, Utc::now())?).await?;
    render(state, format, &records, reach.in_full).await
}

/// `GET requests/{id}.{json,xml}`: a list of one, or 404 when the caller may not list it.
pub async fn one(State(state): State<AppState>, OriginalUri(uri): OriginalUri, path: RawPathParams) -> Response {
    let (format, found) = named_request(&state, &uri, &path).await;
    format.reply(match found {
        Ok((record, in_full)) => render(&state, format, &[record], in_full).await,
        Err(refusal) => Err(refusal),
    })
}

/// `GET tokens/{token}.{json,xml}`. Requests are filed at once, never queued, so a
/// request's token is its `service_request_id`: this answers which request it is, or 404.
pub async fn token(State(state): State<AppState>, OriginalUri(uri): OriginalUri, path: RawPathParams) -> Response {
    let (format, found) = named_request(&state, &uri, &path).await;
    format.reply(found.and_then(|(record, _)| {
        let token = Token { service_request_id: record.id.to_string(), token: record.id.to_string() };
        format.list("service_requests", "request", &[token]).map(|body| format.respond(StatusCode::OK, body))
    }))
}

/// The format a `{id}.{json,xml}` path asks for, and the request it names as the caller
/// (by the query's `api_key`) may list it, with whether in full.
async fn named_request(
    state: &AppState,
    uri: &axum::http::Uri,
    path: &RawPathParams,
) -> (Format, Result<(RequestRecord, bool), Refusal>) {
    let (id, format) = named(path_param(path, "file"));
    (format, find(state, &Params::of_query(uri), id).await)
}

/// `{id}.{json,xml}` as the id (if it is one) and the format.
fn named(file: &str) -> (Option<i64>, Format) {
    match Format::split(file) {
        Some((name, format)) => (name.parse().ok().filter(|id| *id > 0), format),
        None => (None, Format::of_path(file)),
    }
}

/// Request `id` as the caller may list it, and whether in full.
async fn find(state: &AppState, params: &Params, id: Option<i64>) -> Result<(RequestRecord, bool), Refusal> {
    let reach = Scope::of(params.caller(&state.store).await?.as_ref()).open311_reach();
    let missing = || Refusal::not_found("service_request_id: no request with this id is listed for this caller");
    let id = id.ok_or_else(missing)?;
    let only =
        RequestFilter { ids: Some(vec![id]), categories: Vec::new(), states: Vec::new(), submitted: None, limit: 1 };
    let record = state.store.requests_matching(&reach.listed, &only).await?.pop().ok_or_else(missing)?;
    Ok((record, reach.in_full))
}

/// What `GET requests` asks for, `now` being the end of the default span.
fn filter(params: &Params, now: DateTime<Utc>) -> Result<RequestFilter, Refusal> {
    if let Some(ids) = params.list("service_request_id") {
        let ids = ids
            .iter()
            .map(|id| id.parse::<i64>().ok().filter(|id| *id > 0))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| Refusal::bad("service_request_id", "give ids such as 42, or several as 42,43"))?;
        let limit = ids.len().min(MAX_ROWS);
        return Ok(RequestFilter {
            ids: Some(ids),
            categories: Vec::new(),
            states: Vec::new(),
            submitted: None,
            limit,
        });
    }
    let categories = params
        .list("service_code")
        .unwrap_or_default()
        .into_iter()
        .map(|code| {
            category_of(code).ok_or_else(|| {
                Refusal::bad("service_code", format!("{code:?} is not a service; GET services.json lists them"))
            })
        })
        .collect::<Result<Vec<Category>, _>>()?;
    let statuses = params
        .list("status")
        .unwrap_or_default()
        .into_iter()
        .map(|status| match status {
            "open" => Ok(Open311Status::Open),
            "closed" => Ok(Open311Status::Closed),
            other => Err(Refusal::bad("status", format!("{other:?} is not a status; use open or closed"))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let states = RequestState::ALL.into_iter().filter(|state| statuses.contains(&state.open311_status())).collect();
    let span = Duration::days(MAX_SPAN_DAYS);
    let (start, end) = match (params.instant("start_date")?, params.instant("end_date")?) {
        (Some(start), Some(end)) => (start.to_utc(), end.to_utc()),
        (Some(start), None) => (start.to_utc(), now),
        (None, Some(end)) => (end.to_utc() - span, end.to_utc()),
        (None, None) => (now - span, now),
    };
    if start > end {
        return Err(Refusal::bad("start_date", "is after end_date; swap them"));
    }
    if end - start > span {
        let days = (end - start).num_days();
        return Err(Refusal::bad(
            "end_date",
            format!("is {days} days after start_date; ask for at most {MAX_SPAN_DAYS} days at a time"),
        ));
    }
    Ok(RequestFilter { ids: None, categories, states, submitted: Some((start, end)), limit: MAX_ROWS })
}

/// `records` as a list of requests, each answered by its park.
async fn render(
    state: &AppState,
    format: Format,
    records: &[RequestRecord],
    in_full: bool,
) -> Result<Response, Refusal> {
    let parks = state.store.park_names().await?;
    let requests: Vec<ServiceRequest> = records
        .iter()
        .map(|record| ServiceRequest::of(record, parks.get(&record.park_id).map_or("", String::as_str), in_full))
        .collect();
    format.list("service_requests", "request", &requests).map(|body| format.respond(StatusCode::OK, body))
}

/// `POST requests.{json,xml}`: files a request as the account of `api_key` (an
/// enterprise's user), from form parameters (`application/x-www-form-urlencoded`).
pub async fn file(
    State(state): State<AppState>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let format = Format::of_path(uri.path());
    format.reply(filing(&state, format, &method, &uri, &headers, body).await)
}

async fn filing(
    state: &AppState,
    format: Format,
    method: &Method,
    uri: &axum::http::Uri,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Refusal> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()).unwrap_or_default();
    if !content_type.to_ascii_lowercase().starts_with("application/x-www-form-urlencoded") {
        return Err(Refusal::bad("Content-Type", "send the parameters as application/x-www-form-urlencoded"));
    }
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        _ => Refusal::bad("body", rejection.body_text()),
    })?;
    let params = Params::parse(&body);
    let query = Params::of_query(uri);
    let user = match params.caller(&state.store).await? {
        Some(user) => user,
        None => query.caller(&state.store).await?.ok_or_else(|| {
            Refusal::forbidden(
                "api_key: is required to file a request; the city admin issues keys to enterprise accounts",
            )
        })?,
    };
    let Scope::Enterprise(enterprise_id) = Scope::of(Some(&user)) else {
        return Err(Refusal::forbidden("api_key: requests are filed by enterprise accounts; this key is not one's"));
    };
    let request = new_request(&params)?;
    let store = &state.store;
    let park_id = store.park_of_enterprise(enterprise_id).await?.ok_or_else(|| {
        Refusal::internal(anyhow::anyhow!("user {} names enterprise {enterprise_id}, which is missing", user.id))
    })?;
    let filer = Filer { user_id: user.id, enterprise_id, park_id };
    let idempotent = Idempotent::new(operation_scope(Some(&user)), method, uri.path().to_string(), headers)?;
    let account_id = user.id.to_string();
    let mut response = idempotent
        .run(store, StatusCode::CREATED, async |mut write| {
            let record = store.add_request(&mut write, &filer, &request).await?;
            let receipt = Receipt {
                service_request_id: record.id.to_string(),
                service_notice: service_notice(record.category),
                account_id,
            };
            let text = format.list("service_requests", "request", &[receipt]).map_err(|refusal| {
                ApiError::Internal(anyhow::anyhow!("cannot write the receipt: {}", refusal.description))
            })?;
            Ok((write, Rendered(text)))
        })
        .await?;
    // A replay comes back as it was written; its path, and so its format, is the same.
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    Ok(response)
}

/// 413 for a body over the limit.
pub fn too_large() -> Refusal {
    Refusal {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        description: format!("the body is larger than the {MAX_BODY_BYTES} bytes a request may have"),
    }
}

/// An answer already written in the caller's format.
struct Rendered(String);

impl Answer for Rendered {
    fn version(&self) -> Option<i64> {
        None
    }

    fn body(&self) -> Result<String, ApiError> {
        Ok(self.0.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").unwrap().to_utc()
    }

    fn asked(query: &str) -> Result<RequestFilter, Refusal> {
        filter(&Params::parse(query.as_bytes()), now())
    }

    #[test]
    fn by_default_the_last_90_days_newest_first_at_most_1000() {
        let filter = asked("").unwrap();
        assert_eq!(filter.submitted, Some((now() - Duration::days(90), now())));
        assert_eq!((filter.limit, filter.ids, filter.states.len()), (1000, None, 0));
    }

    #[test]
    fn ids_override_every_other_parameter() {
        let filter = asked("service_request_id=4,5&status=closed&start_date=x").unwrap();
        assert_eq!((filter.ids, filter.submitted, filter.states.len()), (Some(vec![4, 5]), None, 0));
        assert!(asked("service_request_id=4,a").unwrap_err().description.starts_with("service_request_id: "));
    }

    #[test]
    fn status_and_service_codes_select_states_and_categories() {
        let filter = asked("status=closed&service_code=enquiry").unwrap();
        assert_eq!(filter.states, vec![RequestState::Resolved, RequestState::Rated]);
        assert_eq!(filter.categories, vec![Category::Enquiry]);
        assert!(asked("status=done").unwrap_err().description.starts_with("status: "));
        assert!(asked("service_code=pothole").unwrap_err().description.starts_with("service_code: "));
    }

    #[test]
    fn dates_span_at_most_90_days_in_order() {
        let exact = asked("start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-03-31T00:00:00%2B08:00").unwrap();
        assert_eq!(exact.submitted.map(|(from, to)| (to - from).num_days()), Some(89));
        let from_start = asked("start_date=2026-05-01T00:00:00Z").unwrap();
        assert_eq!(from_start.submitted.map(|(_, to)| to), Some(now()));
        let too_long = asked("start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z").unwrap_err();
        assert!(too_long.description.starts_with("end_date: is 91 days after start_date"), "{}", too_long.description);
        let reversed = asked("start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:00:00Z").unwrap_err();
        assert!(reversed.description.starts_with("start_date: is after end_date"));
        assert!(asked("start_date=yesterday").unwrap_err().description.starts_with("start_date: "));
    }

    #[test]
    fn files_name_an_id_and_a_format() {
        assert_eq!(named("42.xml"), (Some(42), Format::Xml));
        assert_eq!(named("x.json"), (None, Format::Json));
        assert_eq!(named("0.json"), (None, Format::Json));
    }
}
