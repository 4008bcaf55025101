//! The frame's signs of offline work: a banner while there is no connection, and the
//! outbox's entry in the top bar with the number of changes not sent yet.

use leptos::prelude::*;

use super::texts::use_shell_texts;
use crate::i18n::fill;
use crate::offline::texts::use_offline_texts;
use crate::offline::use_offline;

#[component]
pub fn OfflineBanner() -> impl IntoView {
    let shell = use_shell_texts();
    let offline = use_offline();
    view! {
        <Show when=move || !offline.online()>
            <p class="offline-banner" role="status">{move || shell.get().offline_banner}</p>
        </Show>
    }
}

/// A tray with the count of unsent changes, linking to the outbox.
#[component]
pub fn OutboxBadge() -> impl IntoView {
    let shell = use_shell_texts();
    let texts = use_offline_texts();
    let outbox = use_offline().outbox();
    let label = move || match outbox.unsent() {
        0 => shell.get().nav_outbox.to_string(),
        count => fill(texts.get().unsent_badge, &[("count", count.to_string())]),
    };
    view! {
        <a class="topbar__outbox" href="/app/outbox" title=label aria-label=label>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path
                    d="M4 13h4l1.5 3h5l1.5-3h4M4 13l2.5-8h11l2.5 8v6H4z"
                    fill="none"
                    stroke="currentColor"
                    stroke-width="2"
                    stroke-linejoin="round"
                />
            </svg>
            <Show when=move || { outbox.unsent() > 0 }>
                <span class="badge badge--count topbar__outbox-count">{move || outbox.unsent()}</span>
            </Show>
        </a>
    }
}
