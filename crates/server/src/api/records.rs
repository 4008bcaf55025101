//! Records by kind and id as the caller may see them: what the change feed sends, in the
//! same JSON as each kind's own endpoint.

use parkatlas_core::wire::ChangeKind;
use serde_json::Value;

use crate::auth::{Caller, Owner};
use crate::error::ApiError;
use crate::AppState;

/// The records of `kind` among `ids` that `caller` may see, as `(id, JSON)`.
pub async fn load(
    state: &AppState,
    caller: &Caller,
    kind: ChangeKind,
    ids: &[i64],
) -> Result<Vec<(i64, Value)>, ApiError> {
    let scope = caller.scope();
    let mut loaded = Vec::with_capacity(ids.len());
    match kind {
        ChangeKind::Park => {
            for &id in ids {
                if let Some(park) = state.store.park(id).await? {
                    loaded.push((id, to_json(&park)?));
                }
            }
        }
        ChangeKind::Parcel => {
            for parcel in state.store.parcels_by_id(ids).await? {
                loaded.push((parcel.id, to_json(&super::parcels::view(&scope, parcel))?));
            }
        }
        ChangeKind::Enterprise => {
            for enterprise in state.store.enterprises_by_id(ids).await? {
                loaded.push((enterprise.id, to_json(&super::enterprises::view(&scope, enterprise))?));
            }
        }
        ChangeKind::AnnualData => {
            for year in state.store.annual_data_by_id(ids).await? {
                if scope.sees(Owner::enterprise(year.record.enterprise_id, year.park_id)) {
                    loaded.push((year.id, to_json(&year.record)?));
                }
            }
        }
        ChangeKind::Certificate => {
            for certificate in state.store.certificates_by_id(ids).await? {
                loaded.push((certificate.id, to_json(&certificate)?));
            }
        }
        ChangeKind::Profile => {
            for profile in state.store.profiles_by_id(ids).await? {
                loaded.push((profile.id, to_json(&profile)?));
            }
        }
        ChangeKind::Evaluation => {
            // The summary only: results never go into the feed.
            for run in state.store.evaluations_by_id(ids).await? {
                loaded.push((run.id, to_json(&run)?));
            }
        }
        ChangeKind::Request => {
            for request in state.store.requests_by_id(ids).await? {
                if scope.sees(Owner::enterprise(request.enterprise_id, request.park_id)) {
                    loaded.push((request.id, to_json(&request)?));
                }
            }
        }
        ChangeKind::Inquiry => {
            for inquiry in state.store.inquiries_by_id(ids).await? {
                if scope.manages(Owner::park(inquiry.park_id)) {
                    loaded.push((inquiry.id, to_json(&inquiry)?));
                }
            }
        }
    }
    Ok(loaded)
}

fn to_json(record: &impl serde::Serialize) -> Result<Value, ApiError> {
    serde_json::to_value(record).map_err(|error| ApiError::Internal(error.into()))
}
