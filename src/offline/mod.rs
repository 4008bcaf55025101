//! Offline first, for the signed-in app only: the app shell is cached by a service worker
//! ([`service_worker`]), the account's own records are copied into IndexedDB from the change
//! feed ([`replica`]), and every write waits in an outbox until the server has it
//! ([`outbox`]).
//!
//! - [`Offline`]: the handle pages use, provided once by `SignedInApp`.
//! - [`queue`], [`write`], [`pump`]: the outbox's rules on plain types, tested natively.
//! - [`database`]: the IndexedDB glue; [`texts`]: the interface text.

pub mod database;
pub mod outbox;
pub mod pump;
pub mod queue;
pub mod replica;
pub mod service_worker;
pub mod texts;
pub mod write;

use std::time::Duration;

use leptos::prelude::*;
use parkatlas_core::wire::ChangeKind;
use serde::de::DeserializeOwned;
use serde::Serialize;
use web_sys::VisibilityState;

use self::database::Unavailable;
use self::outbox::Outbox;
use self::replica::Replica;
use crate::api::ApiFailure;
use crate::signed_in::session::{Session, SessionState};

/// How often the replica is refreshed while the tab is visible.
const REFRESH_EVERY: Duration = Duration::from_secs(180);

/// Whether the app is online, the replica of the account's records, and its outbox.
#[derive(Clone, Copy)]
pub struct Offline {
    online: RwSignal<bool>,
    replica: Replica,
    outbox: Outbox,
}

pub fn use_offline() -> Offline {
    expect_context::<Offline>()
}

impl Offline {
    /// Creates the handle, provides it as context, registers the service worker and starts
    /// syncing: on start, on `online`, on return to the tab, and every few minutes.
    pub fn provide(session: Session) -> Offline {
        let replica = Replica::new(session);
        let online = RwSignal::new(navigator_online());
        let offline = Offline { online, replica, outbox: Outbox::new(session, replica) };
        provide_context(offline);
        service_worker::register();
        offline.follow(session);
        offline
    }

    /// Tracked: `navigator.onLine`, kept up to date by the `online` and `offline` events.
    pub fn online(&self) -> bool {
        self.online.get()
    }

    /// Tracked: bumps after each refresh that changed the replica, so that pages reload.
    pub fn synced(&self) -> u64 {
        self.replica.synced()
    }

    /// Every record of `kind` in the replica (those that do not read as `T` are left out).
    pub async fn records<T: DeserializeOwned>(&self, kind: ChangeKind) -> Vec<T> {
        let texts = database::records(kind).await.unwrap_or_else(|Unavailable(why)| {
            leptos::logging::warn!("the replica cannot be read: {why}");
            Vec::new()
        });
        texts.iter().filter_map(|json| serde_json::from_str(json).ok()).collect()
    }

    pub async fn record<T: DeserializeOwned>(&self, kind: ChangeKind, id: i64) -> Option<T> {
        let json = database::record(kind, id).await.ok().flatten()?;
        serde_json::from_str(&json).ok()
    }

    /// Keeps any other read for offline use under `key` (e.g. an evaluation result); cleared
    /// with the replica on sign-out.
    pub async fn remember<T: Serialize>(&self, key: &str, value: &T) {
        let Ok(json) = serde_json::to_string(value) else { return };
        if let Err(Unavailable(why)) = database::keep(key, &json).await {
            leptos::logging::warn!("{key} is not kept for offline use: {why}");
        }
    }

    pub async fn recall<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        let json = database::kept(key).await.ok().flatten()?;
        serde_json::from_str(&json).ok()
    }

    pub fn outbox(&self) -> Outbox {
        self.outbox
    }

    /// What the server answered, or, when it cannot be reached, what the device keeps
    /// (`kept`), so that a page opens offline on the account's own records.
    pub async fn or_kept<T>(
        &self,
        answered: Result<T, ApiFailure>,
        kept: impl std::future::Future<Output = Option<T>>,
    ) -> Result<T, ApiFailure> {
        match answered {
            Err(ApiFailure::Network) => kept.await.ok_or(ApiFailure::Network),
            answered => answered,
        }
    }

    /// Sends what waits and refreshes the replica, when there is a connection.
    fn sync(self) {
        if self.online.get_untracked() {
            self.outbox.send_now();
            self.replica.refresh();
        }
    }

    fn follow(self, session: Session) {
        let Offline { online, replica, outbox } = self;
        // The account decides whose outbox is loaded and whose replica is kept. Signing out
        // clears the replica (a shared device keeps nothing of the account) but not the
        // outbox, whose items wait for their account; a session that comes back (the server
        // answered, or the password was given again) sends what waits.
        Effect::new(move || {
            let lapsed = session.lapsed();
            match session.state() {
                SessionState::Checking => {}
                SessionState::SignedOut => leptos::task::spawn_local(async move {
                    outbox.load(None).await;
                    replica.clear().await;
                }),
                SessionState::SignedIn { user, .. } => leptos::task::spawn_local(async move {
                    outbox.load(Some(user.username)).await;
                    if !lapsed {
                        self.sync();
                    }
                }),
            }
        });
        let _ = window_event_listener(leptos::ev::online, move |_| {
            online.set(true);
            self.sync();
        });
        let _ = window_event_listener(leptos::ev::offline, move |_| online.set(false));
        // `visibilitychange` is fired at the document and bubbles up to the window.
        let _ = window_event_listener_untyped("visibilitychange", move |_| {
            if visible() {
                self.sync();
            }
        });
        set_interval(
            move || {
                if visible() && online.get_untracked() {
                    replica.refresh();
                }
            },
            REFRESH_EVERY,
        );
    }
}

fn navigator_online() -> bool {
    web_sys::window().is_none_or(|window| window.navigator().on_line())
}

fn visible() -> bool {
    document().visibility_state() == VisibilityState::Visible
}
