//! The one way the land page saves a parcel: through the outbox, which keeps the change on
//! the device until the server has it. The answer comes back here; a refusal or a 412 is
//! the page's to resolve (the item leaves the outbox, the page keeps everything typed).

use std::time::Duration;

use parkatlas_core::wire::ParcelRecord;

use crate::offline::outbox::{ItemState, Outbox, Write};

/// What a save came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    Done(ParcelRecord),
    /// HTTP 412: the parcel as it was saved meanwhile.
    Conflict(ParcelRecord),
    /// A 4xx naming a field (or not) with the server's message.
    Refused {
        field: Option<String>,
        message: String,
    },
    /// No answer that can be acted on here.
    Failed,
    /// Kept in the outbox until there is a connection.
    Queued,
}

pub async fn save(outbox: Outbox, operation_id: String, write: Write) -> Saved {
    let operation_id = match outbox.write_of(&operation_id).await {
        Some(_) => {
            outbox.replace(&operation_id, write).await;
            operation_id
        }
        None => outbox.enqueue_as(operation_id, write).await,
    };
    let Some(item) = outbox.answer(&operation_id, Duration::from_secs(15)).await else { return Saved::Queued };
    let record = |value| serde_json::from_value::<ParcelRecord>(value).ok();
    if item.state == ItemState::Sent {
        return item.answer.and_then(record).map_or(Saved::Failed, Saved::Done);
    }
    outbox.discard(&operation_id).await;
    match (item.conflict, item.problem) {
        (Some((current, _)), _) => record(current).map_or(Saved::Failed, Saved::Conflict),
        (None, Some((field, message))) => Saved::Refused { field, message },
        (None, None) => Saved::Failed,
    }
}
