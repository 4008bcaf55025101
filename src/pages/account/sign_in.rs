//! Signing in: the page, and the dialog that renews a session that ended mid-work over the
//! page the user was on. Both show the server's answer beside the field it concerns; a
//! rate-limited attempt counts down the wait.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use parkatlas_core::wire::{DemoAccounts, Login, Role, SessionInfo};

use crate::api::account::{self, SignInFailure};
use crate::api::ApiFailure;
use crate::components::shared::field::{Field, FieldKind};
use crate::i18n::{fill, use_texts, Texts};
use crate::signed_in::session::use_session;
use crate::signed_in::texts::{use_shell_texts, ShellTexts};

#[component]
pub fn SignInPage() -> impl IntoView {
    let shell = use_shell_texts();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    // Only a path of this app: a `next` elsewhere would make the page an open redirect.
    let next = move || {
        query.with_untracked(|query| query.get("next")).filter(|next| next.starts_with("/app")).unwrap_or("/app".into())
    };
    let on_signed_in = Callback::new(move |info: SessionInfo| {
        session.signed_in(info);
        navigate(&next(), Default::default());
    });
    let demo = LocalResource::new(account::demo_accounts);
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    view! {
        <section class="sign-in" aria-labelledby="sign-in-heading">
            <h1 id="sign-in-heading">{move || shell.get().sign_in_heading}</h1>
            <p class="hint">{move || shell.get().sign_in_intro}</p>
            <SignInForm username password fixed_username=false on_signed_in />
            {move || {
                demo.get()
                    .and_then(Result::ok)
                    .filter(|demo| !demo.accounts.is_empty())
                    .map(|demo| view! { <DemoAccountList demo username password /> })
            }}
        </section>
    }
}

/// Over the page where a 401 arrived: the same account signs in again and the page, with
/// everything typed on it, stays as it was.
#[component]
pub fn SignInAgain() -> impl IntoView {
    let shell = use_shell_texts();
    let session = use_session();
    let name = session.user().map(|user| user.username).unwrap_or_default();
    let username = RwSignal::new(name);
    let password = RwSignal::new(String::new());
    let on_signed_in = Callback::new(move |info: SessionInfo| session.signed_in(info));
    view! {
        <div class="dialog-backdrop">
            <section class="dialog" role="dialog" aria-modal="true" aria-labelledby="sign-in-again-heading">
                <h2 id="sign-in-again-heading">{move || shell.get().session_lapsed_heading}</h2>
                <p class="hint">{move || shell.get().session_lapsed_body}</p>
                <SignInForm username password fixed_username=true on_signed_in />
            </section>
        </div>
    }
}

/// Why the last attempt failed, placed beside its field.
#[derive(Debug, Clone, PartialEq)]
enum Refusal {
    Field { field: String, message: String },
    General(String),
    Wait { until_ms: f64 },
}

impl Refusal {
    fn of(failure: SignInFailure, shell: &ShellTexts, texts: &Texts) -> Refusal {
        match failure {
            SignInFailure::BadCredentials => {
                Refusal::Field { field: "password".into(), message: shell.bad_credentials.into() }
            }
            SignInFailure::Wait { seconds } => {
                Refusal::Wait { until_ms: js_sys::Date::now() + seconds as f64 * 1000.0 }
            }
            SignInFailure::Failed(ApiFailure::Network) => Refusal::General(shell.sign_in_offline.into()),
            SignInFailure::Failed(ApiFailure::Status { field: Some(field), message: Some(message), .. }) => {
                Refusal::Field { field, message }
            }
            SignInFailure::Failed(failure) => Refusal::General(failure.describe(texts)),
        }
    }
}

#[component]
fn SignInForm(
    username: RwSignal<String>,
    password: RwSignal<String>,
    fixed_username: bool,
    on_signed_in: Callback<SessionInfo>,
) -> impl IntoView {
    let texts = use_texts();
    let shell = use_shell_texts();
    let refusal = RwSignal::new(None::<Refusal>);
    let now_ms = RwSignal::new(js_sys::Date::now());
    // The countdown of a rate-limited attempt ticks once a second while it lasts.
    let ticker = set_interval_with_handle(move || now_ms.set(js_sys::Date::now()), std::time::Duration::from_secs(1));
    on_cleanup(move || {
        if let Ok(ticker) = ticker {
            ticker.clear();
        }
    });
    let wait_seconds = move || match refusal.get() {
        Some(Refusal::Wait { until_ms }) => Some(((until_ms - now_ms.get()) / 1000.0).ceil()).filter(|s| *s > 0.0),
        _ => None,
    };
    let send = Action::new_local(move |login: &Login| {
        let login = login.clone();
        async move { account::sign_in(&login).await }
    });
    Effect::new(move || match send.value().get() {
        Some(Ok(info)) => {
            password.set(String::new());
            on_signed_in.run(info);
        }
        Some(Err(failure)) => refusal.set(Some(Refusal::of(failure, shell.get_untracked(), texts.get_untracked()))),
        None => {}
    });
    let problem = move |field: &'static str| {
        Signal::derive(move || match refusal.get() {
            Some(Refusal::Field { field: at, message }) if at == field => Some(message),
            _ => None,
        })
    };
    let general = move || match refusal.get() {
        Some(Refusal::General(message)) => Some(message),
        _ => wait_seconds().map(|seconds| fill(shell.get().wait_seconds, &[("seconds", seconds.to_string())])),
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        refusal.set(None);
        send.dispatch(Login {
            username: username.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        });
    };
    view! {
        <form class="sign-in__form" on:submit=submit novalidate>
            {(!fixed_username).then(|| view! {
                <Field
                    id="sign-in-username"
                    label=Signal::derive(move || shell.get().username.to_string())
                    value=username
                    on_input=move |typed| username.set(typed)
                    problem=problem("username")
                    autocomplete="username"
                />
            })}
            <Field
                id="sign-in-password"
                label=Signal::derive(move || shell.get().password.to_string())
                value=password
                on_input=move |typed| password.set(typed)
                problem=problem("password")
                kind=FieldKind::Password
                autocomplete="current-password"
            />
            <p class="message message--error" role="alert" hidden=move || general().is_none()>{general}</p>
            <button class="button" type="submit" disabled=move || send.pending().get() || wait_seconds().is_some()>
                {move || if send.pending().get() { shell.get().signing_in } else { shell.get().sign_in }}
            </button>
        </form>
    }
}

/// The demo accounts, each filling the form when picked.
#[component]
fn DemoAccountList(demo: DemoAccounts, username: RwSignal<String>, password: RwSignal<String>) -> impl IntoView {
    let shell = use_shell_texts();
    let demo_password = demo.password.clone().unwrap_or_default();
    let shown_password = demo_password.clone();
    let role = move |role: Role| match role {
        Role::Enterprise => shell.get().role_enterprise,
        Role::Officer => shell.get().role_officer,
        Role::Admin => shell.get().role_admin,
    };
    view! {
        <section class="demo-accounts" aria-labelledby="demo-accounts-heading">
            <h2 id="demo-accounts-heading">{move || shell.get().demo_heading}</h2>
            <p class="hint">{move || shell.get().demo_intro}" "<code>{shown_password}</code></p>
            <ul class="demo-accounts__list">
                {demo
                    .accounts
                    .into_iter()
                    .map(|account| {
                        let (name, filled_password) = (account.username.clone(), demo_password.clone());
                        view! {
                            <li>
                                <button
                                    class="chip demo-accounts__account"
                                    type="button"
                                    on:click=move |_| {
                                        username.set(name.clone());
                                        password.set(filled_password.clone());
                                    }
                                >
                                    <strong>{account.username}</strong>
                                    <span>{move || role(account.role)}" · "{account.display_name.clone()}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
