//! [`Deferred`]: a part of a page built in a task after the one that builds the rest.

use std::time::Duration;

use leptos::prelude::*;

/// Builds `children` once the page around them has painted, in a task of their own.
///
/// Start-up on a slow phone is a chain of long tasks (the app, the page, Leaflet, the
/// first data); a tap that lands in one waits for all of it. Cut into shorter tasks,
/// the page shows sooner and answers sooner.
#[component]
pub fn Deferred(children: ChildrenFn) -> impl IntoView {
    let due = RwSignal::new(false);
    // The animation frame runs before the next paint; the timeout after it.
    request_animation_frame(move || set_timeout(move || due.set(true), Duration::ZERO));
    move || due.get().then(|| children())
}
