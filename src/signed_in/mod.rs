//! The signed-in app under `/app/` (enterprise staff and officials), a second binary of
//! this library (`src/bin/app.rs`), so that the public atlas's bundle holds none of it.
//!
//! - [`SignedInApp`]: the router, the frame and the session's sign-in dialog.
//! - [`session`]: who is signed in, remembered for offline use.
//! - [`status`]: the offline banner and the outbox's badge.
//! - [`texts`]: the frame's own interface text.

pub mod header;
pub mod session;
pub mod status;
pub mod texts;

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use parkatlas_core::wire::Role;

use self::header::AppHeader;
use self::session::{use_session, Session, SessionState};
use self::status::OfflineBanner;
use self::texts::use_shell_texts;
use crate::components::shared::states::Loading;
use crate::offline::Offline;
use crate::pages::account::sign_in::{SignInAgain, SignInPage};
use crate::pages::outbox::OutboxPage;
use crate::pages::{land, portal, requests, runs, workspace};

#[component]
pub fn SignedInApp() -> impl IntoView {
    crate::i18n::provide_language();
    let session = Session::provide();
    Offline::provide(session);
    view! {
        <Router>
            <AppHeader />
            <OfflineBanner />
            <main class="page page--app">
                <Routes fallback=NotYours>
                    <Route path=path!("/app/sign-in") view=SignInPage />
                    <Route path=path!("/app") view=|| view! { <SignedInOnly><Home /></SignedInOnly> } />
                    <Route path=path!("/app/enterprise") view=|| view! { <SignedInOnly><portal::overview::OverviewPage /></SignedInOnly> } />
                    <Route path=path!("/app/enterprise/figures/:year") view=|| view! { <SignedInOnly><portal::figures::FiguresPage /></SignedInOnly> } />
                    <Route path=path!("/app/enterprise/efficiency") view=|| view! { <SignedInOnly><portal::efficiency::EfficiencyPage /></SignedInOnly> } />
                    <Route path=path!("/app/enterprise/tiers") view=|| view! { <SignedInOnly><portal::tiers::TiersPage /></SignedInOnly> } />
                    <Route path=path!("/app/requests") view=|| view! { <SignedInOnly><requests::list::RequestsPage /></SignedInOnly> } />
                    <Route path=path!("/app/requests/new") view=|| view! { <SignedInOnly><requests::new::NewRequestPage /></SignedInOnly> } />
                    <Route path=path!("/app/requests/:id") view=|| view! { <SignedInOnly><requests::detail::RequestPage /></SignedInOnly> } />
                    <Route path=path!("/app/workspace") view=|| view! { <SignedInOnly><workspace::home::WorkspaceHome /></SignedInOnly> } />
                    <Route path=path!("/app/workspace/requests") view=|| view! { <SignedInOnly><workspace::desk::DeskPage /></SignedInOnly> } />
                    <Route path=path!("/app/workspace/requests/kpis") view=|| view! { <SignedInOnly><workspace::kpis::KpisPage /></SignedInOnly> } />
                    <Route path=path!("/app/workspace/inquiries") view=|| view! { <SignedInOnly><workspace::inquiries::InquiriesPage /></SignedInOnly> } />
                    <Route path=path!("/app/workspace/pool") view=|| view! { <SignedInOnly><workspace::pool::PoolPage /></SignedInOnly> } />
                    <Route path=path!("/app/workspace/parks") view=|| view! { <SignedInOnly><workspace::dashboard::DashboardPage /></SignedInOnly> } />
                    <Route path=path!("/app/workspace/parks/:id") view=|| view! { <SignedInOnly><workspace::dashboard::DashboardPage /></SignedInOnly> } />
                    <Route path=path!("/app/workspace/evaluations") view=|| view! { <SignedInOnly><runs::page::RunsPage /></SignedInOnly> } />
                    <Route path=path!("/app/workspace/land") view=|| view! { <SignedInOnly><land::LandPage /></SignedInOnly> } />
                    <Route path=path!("/app/workspace/import") view=|| view! { <SignedInOnly><workspace::import::ImportPage /></SignedInOnly> } />
                    <Route path=path!("/app/outbox") view=|| view! { <SignedInOnly><OutboxPage /></SignedInOnly> } />
                </Routes>
            </main>
            <Show when=move || session.lapsed()>
                <SignInAgain />
            </Show>
        </Router>
    }
}

/// The start of the app: each role's own home.
#[component]
fn Home() -> impl IntoView {
    let session = use_session();
    move || match session.role() {
        Some(Role::Enterprise) => view! { <Redirect path="/app/enterprise" /> }.into_any(),
        Some(Role::Officer | Role::Admin) => view! { <Redirect path="/app/workspace" /> }.into_any(),
        None => ().into_any(),
    }
}

/// Shows `children` to a signed-in user; sends anyone else to the sign-in page, which
/// brings them back here.
#[component]
fn SignedInOnly(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let texts = use_shell_texts();
    let location = use_location();
    move || match session.state() {
        SessionState::Checking => {
            view! { <Loading message=Signal::derive(move || texts.get().checking_session) /> }.into_any()
        }
        SessionState::SignedOut => {
            let here = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
            let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
            view! { <Redirect path=format!("/app/sign-in?next={next}") /> }.into_any()
        }
        SessionState::SignedIn { .. } => children().into_any(),
    }
}

/// What an unknown address, or a record the account may not see, shows: never data.
#[component]
pub fn NotYours() -> impl IntoView {
    let texts = use_shell_texts();
    view! {
        <div class="state state--empty" role="alert">
            <h1>{move || texts.get().not_yours_heading}</h1>
            <p>{move || texts.get().not_yours_body}</p>
            <a class="button" href="/app">{move || texts.get().back_home}</a>
        </div>
    }
}
