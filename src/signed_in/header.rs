//! The signed-in app's top bar: the product name (back to the public atlas), the role's
//! own pages, the outbox, the account with its sign-out, and the language switch.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use parkatlas_core::wire::Role;

use super::session::use_session;
use super::status::OutboxBadge;
use super::texts::use_shell_texts;
use crate::components::shared::header::LanguageSwitch;
use crate::i18n::{fill, use_texts};
use crate::offline::use_offline;

#[component]
pub fn AppHeader() -> impl IntoView {
    let texts = use_texts();
    let shell = use_shell_texts();
    let session = use_session();
    let outbox = use_offline().outbox();
    let location = use_location();
    let links = move || {
        let shell = shell.get();
        match session.role() {
            Some(Role::Enterprise) => {
                vec![("/app/enterprise", shell.nav_enterprise), ("/app/requests", shell.nav_requests)]
            }
            Some(Role::Officer | Role::Admin) => {
                vec![("/app/workspace", shell.nav_workspace), ("/app/workspace/requests", shell.nav_desk)]
            }
            None => Vec::new(),
        }
    };
    let sign_out = Action::new_local(move |_: &()| async move {
        session.sign_out().await;
    });
    view! {
        <header class="topbar">
            <a class="topbar__brand" href="/" rel="external" title=move || shell.get().nav_atlas>
                <img class="topbar__logo" src="/favicon.svg" alt="" width="28" height="28" />
                <span class="topbar__name">{move || texts.get().app_name}</span>
                <span class="topbar__subtitle">{move || shell.get().app_section}</span>
            </a>
            // On a phone the role's pages are tabs at the bottom, within reach of a thumb.
            <nav class="topbar__nav app-tabs" aria-label=move || shell.get().app_section>
                {move || {
                    let links = links();
                    let hrefs: Vec<&str> = links.iter().map(|(href, _)| *href).collect();
                    let current = current_tab(&location.pathname.get(), &hrefs);
                    links
                        .into_iter()
                        .map(|(href, label)| {
                            let here = (current == Some(href)).then_some("page");
                            view! { <a class="topbar__link app-tabs__tab" href=href aria-current=here>{label}</a> }
                        })
                        .collect_view()
                }}
            </nav>
            <Show when=move || session.user().is_some()>
                <OutboxBadge />
                <button
                    class="button button--quiet topbar__account"
                    type="button"
                    title=move || {
                        let name = session.user().map(|user| user.display_name).unwrap_or_default();
                        format!("{}: {name}", shell.get().signed_in_as)
                    }
                    disabled=move || sign_out.pending().get()
                    on:click=move |_| {
                        // The outbox stays on the device for its account: say so before leaving it.
                        let unsent = outbox.unsent();
                        let question = fill(shell.get_untracked().sign_out_unsent, &[("count", unsent.to_string())]);
                        if unsent == 0 || window().confirm_with_message(&question).unwrap_or(false) {
                            sign_out.dispatch(());
                        }
                    }
                >
                    {move || shell.get().sign_out}
                </button>
            </Show>
            <LanguageSwitch />
        </header>
    }
}

/// The tab of the page at `path`: the one whose address is the longest that `path` lies under,
/// so the desk (`/app/workspace/requests`) is not also marked as the workspace home.
fn current_tab<'a>(path: &str, hrefs: &[&'a str]) -> Option<&'a str> {
    let under = |href: &str| path.strip_prefix(href).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
    hrefs.iter().copied().filter(|href| under(href)).max_by_key(|href| href.len())
}

#[cfg(test)]
mod tests {
    use super::current_tab;

    #[test]
    fn the_longest_matching_tab_is_current() {
        let tabs = ["/app/workspace", "/app/workspace/requests"];
        assert_eq!(current_tab("/app/workspace", &tabs), Some("/app/workspace"));
        assert_eq!(current_tab("/app/workspace/pool", &tabs), Some("/app/workspace"));
        assert_eq!(current_tab("/app/workspace/requests", &tabs), Some("/app/workspace/requests"));
        assert_eq!(current_tab("/app/workspace/requests/kpis", &tabs), Some("/app/workspace/requests"));
        assert_eq!(current_tab("/app/workspaces", &tabs), None);
        assert_eq!(current_tab("/app/enterprise", &tabs), None);
    }
}
