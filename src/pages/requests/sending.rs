//! A step on a request sent from its page through the outbox and followed there: waiting,
//! sent (the page then shows the request anew) or needing attention. The rating and the
//! desk's steps send this way.

use leptos::prelude::*;

use crate::offline::outbox::{ItemState, Outbox, OutboxItem, Write};
use crate::offline::use_offline;

/// The page's write and its item in the outbox.
#[derive(Clone, Copy)]
pub struct PageWrite {
    send: Action<Write, String>,
    operation: RwSignal<Option<String>>,
    outbox: Outbox,
}

impl PageWrite {
    /// A write that calls `on_sent` once the server has it.
    pub fn new(on_sent: impl Fn() + Send + Sync + 'static) -> PageWrite {
        let outbox = use_offline().outbox();
        let operation = RwSignal::new(None::<String>);
        let send = Action::new_local(move |write: &Write| {
            let write = write.clone();
            async move { outbox.enqueue(write).await }
        });
        let page_write = PageWrite { send, operation, outbox };
        Effect::new(move || {
            if let Some(operation_id) = send.value().get() {
                operation.set(Some(operation_id));
            }
        });
        Effect::new(move || {
            if page_write.item().is_some_and(|item| item.state == ItemState::Sent) {
                on_sent();
            }
        });
        page_write
    }

    pub fn send(&self, write: Write) {
        self.send.dispatch(write);
    }

    /// The write's item in the outbox once stored, tracked.
    pub fn item(&self) -> Option<OutboxItem> {
        let operation = self.operation.get()?;
        self.outbox.items().into_iter().find(|item| item.operation_id == operation)
    }

    /// Being stored, or stored already: the page sends one write.
    pub fn busy(&self) -> bool {
        self.send.pending().get() || self.operation.with(Option::is_some)
    }
}
