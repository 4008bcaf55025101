//! The investment inquiry form. What is typed is kept in `localStorage` as it is typed,
//! with the operation id of the eventual request, so a failed connection or a reload
//! loses nothing and a resend after a lost answer never files the inquiry twice.
//! Checked before sending with the same rules the server applies (`NewInquiry::problem`).

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use parkatlas_core::wire::{InquiryReceipt, NewInquiry};
use serde::{Deserialize, Serialize};

use crate::api::{self, new_operation_id, ApiFailure, WriteFailure};
use crate::i18n::{use_texts, Texts};

const DRAFT_KEY: &str = "parkatlas.inquiry-draft";
/// The fields that show their own problem; a problem elsewhere shows above the button.
const FIELDS: [&str; 7] =
    ["name", "organisation", "phone", "email", "industry", "planned_investment_wan_yuan", "land_need_mu"];

/// The form as typed, and the id its sending will carry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Draft {
    name: String,
    organisation: String,
    phone: String,
    email: String,
    industry: String,
    investment: String,
    land_mu: String,
    message: String,
    operation_id: String,
}

impl Draft {
    fn load() -> Draft {
        let mut draft: Draft = LocalStorage::get(DRAFT_KEY).unwrap_or_default();
        if draft.operation_id.is_empty() {
            draft.operation_id = new_operation_id();
        }
        draft
    }

    /// The inquiry to send, or the field to fix and why.
    fn inquiry(&self, park_id: i64, parcel_id: Option<i64>) -> Result<NewInquiry, Problem> {
        let number = |field: &str, text: &str| -> Result<Option<f64>, Problem> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            text.parse::<f64>().map(Some).map_err(|_| Problem::at(field, format!("\"{text}\" is not a number")))
        };
        let optional = |text: &str| (!text.trim().is_empty()).then(|| text.trim().to_string());
        let inquiry = NewInquiry {
            name: self.name.clone(),
            organisation: self.organisation.clone(),
            phone: optional(&self.phone),
            email: optional(&self.email),
            industry: self.industry.clone(),
            planned_investment_wan_yuan: number("planned_investment_wan_yuan", &self.investment)?,
            land_need_mu: number("land_need_mu", &self.land_mu)?,
            message: self.message.clone(),
            park_id,
            parcel_id,
        };
        match inquiry.problem() {
            Some((field, problem)) => Err(Problem::at(field, problem)),
            None => Ok(inquiry.tidied()),
        }
    }
}

/// Why the inquiry was not filed, and the field to fix when one is at fault.
#[derive(Debug, Clone, PartialEq)]
struct Problem {
    field: Option<String>,
    message: String,
}

impl Problem {
    fn at(field: &str, message: String) -> Problem {
        Problem { field: Some(field.to_string()), message }
    }

    fn of(failure: WriteFailure<InquiryReceipt>, texts: &Texts) -> Problem {
        match failure {
            // The draft and its operation id are kept: sending again is safe.
            WriteFailure::Failed(ApiFailure::Network) => {
                Problem { field: None, message: texts.inquiry_kept.to_string() }
            }
            WriteFailure::Failed(ApiFailure::Status { field, message: Some(message), .. }) => {
                Problem { field, message }
            }
            other => Problem { field: None, message: other.describe(texts) },
        }
    }

    /// Whether the problem shows above the button rather than under a field.
    fn is_general(&self) -> bool {
        self.field.as_deref().is_none_or(|field| !FIELDS.contains(&field))
    }
}

#[component]
pub fn InquiryForm(park_id: i64, parcel_id: Option<i64>) -> impl IntoView {
    let texts = use_texts();
    let draft = RwSignal::new(Draft::load());
    Effect::new(move || {
        // Private browsing may refuse storage; the form still works for this visit.
        let _ = LocalStorage::set(DRAFT_KEY, draft.get());
    });

    // Checked here before sending, so a problem shows without a round trip; the server
    // checks again with the same rules.
    let send = Action::new_local(move |current: &Draft| {
        let current = current.clone();
        async move {
            let inquiry = current.inquiry(park_id, parcel_id)?;
            let receipt = api::send_inquiry(&inquiry, &current.operation_id)
                .await
                .map_err(|failure| Problem::of(failure, texts.get_untracked()))?;
            LocalStorage::delete(DRAFT_KEY);
            draft.set(Draft { operation_id: new_operation_id(), ..Draft::default() });
            Ok(receipt)
        }
    });
    let busy = send.pending();
    let sent = Memo::new(move |_| send.value().with(|outcome| outcome.clone()?.ok()));
    // While a resend is on its way, the problem of the last attempt no longer applies.
    let problem: Memo<Option<Problem>> =
        Memo::new(move |_| if busy.get() { None } else { send.value().with(|outcome| outcome.clone()?.err()) });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        send.dispatch(draft.get_untracked());
    };

    let problem_for = move |field: &'static str| {
        move || problem.get().filter(|problem| problem.field.as_deref() == Some(field)).map(|problem| problem.message)
    };
    let input = move |field: &'static str,
                      id: &'static str,
                      kind: &'static str,
                      label: fn(&Texts) -> &'static str,
                      optional: bool,
                      value: fn(&mut Draft) -> &mut String| {
        let problem = problem_for(field);
        let described_by = format!("{id}-problem");
        view! {
            <label class="field" for=id>
                <span class="field__label">
                    {move || label(texts.get())}
                    {optional.then(|| view! { <span class="field__optional">{move || texts.get().optional}</span> })}
                </span>
                <input
                    id=id
                    class="field__input"
                    type=kind
                    inputmode=match kind {
                        "tel" => "tel",
                        "email" => "email",
                        "number" => "decimal",
                        _ => "text",
                    }
                    step=(kind == "number").then_some("any")
                    aria-invalid=move || problem().is_some().to_string()
                    aria-describedby=described_by.clone()
                    prop:value=move || draft.with(|d| value(&mut d.clone()).clone())
                    on:input=move |event| draft.update(|d| *value(d) = event_target_value(&event))
                />
                <span id=described_by class="field__problem" role="alert">{problem}</span>
            </label>
        }
    };

    view! {
        <section class="inquiry" aria-labelledby="inquiry-heading" data-testid="inquiry">
            <h3 id="inquiry-heading" class="panel__heading">{move || texts.get().inquiry_heading}</h3>
            {move || match sent.get() {
                Some(receipt) => {
                    view! {
                        <div class="message message--ok" role="status" data-testid="inquiry-sent">
                            <p class="message__heading">{move || texts.get().inquiry_sent}</p>
                            <p>{move || texts.get().inquiry_reference} <strong data-testid="inquiry-reference">{receipt.reference.clone()}</strong></p>
                            <button class="button button--quiet" type="button" on:click=move |_| send.clear()>
                                {move || texts.get().inquiry_another}
                            </button>
                        </div>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <form class="inquiry__form" novalidate on:submit=submit>
                            <p class="hint">{move || texts.get().inquiry_intro} " " {move || texts.get().inquiry_draft}</p>
                            {input("name", "inquiry-name", "text", |t| t.inquiry_name, false, |d| &mut d.name)}
                            {input("organisation", "inquiry-organisation", "text", |t| t.inquiry_organisation, false, |d| &mut d.organisation)}
                            {input("phone", "inquiry-phone", "tel", |t| t.inquiry_phone, false, |d| &mut d.phone)}
                            <p class="hint">{move || texts.get().inquiry_phone_hint}</p>
                            {input("email", "inquiry-email", "email", |t| t.inquiry_email, true, |d| &mut d.email)}
                            {input("industry", "inquiry-industry", "text", |t| t.inquiry_industry, true, |d| &mut d.industry)}
                            {input("planned_investment_wan_yuan", "inquiry-investment", "number", |t| t.inquiry_investment, true, |d| &mut d.investment)}
                            {input("land_need_mu", "inquiry-land", "number", |t| t.inquiry_land, true, |d| &mut d.land_mu)}
                            <label class="field" for="inquiry-message">
                                <span class="field__label">
                                    {move || texts.get().inquiry_message}
                                    <span class="field__optional">{move || texts.get().optional}</span>
                                </span>
                                <textarea
                                    id="inquiry-message"
                                    class="field__input"
                                    rows="3"
                                    maxlength="2000"
                                    prop:value=move || draft.with(|d| d.message.clone())
                                    on:input=move |event| draft.update(|d| d.message = event_target_value(&event))
                                ></textarea>
                            </label>
                            {move || {
                                problem.get().filter(Problem::is_general).map(|problem| {
                                    view! { <p class="message message--error" role="alert" data-testid="inquiry-failed">{problem.message}</p> }
                                })
                            }}
                            <button class="button" type="submit" disabled=move || busy.get()>
                                {move || if busy.get() { texts.get().inquiry_sending } else { texts.get().inquiry_send }}
                            </button>
                        </form>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;

    #[test]
    fn a_figure_that_is_not_a_number_is_a_problem_of_its_field() {
        let draft = Draft {
            name: "王工".into(),
            organisation: "光谷光电".into(),
            investment: "五千".into(),
            ..Draft::default()
        };
        let problem = draft.inquiry(1, None).expect_err("五千 is not a number a form can send");
        assert_eq!(problem, Problem::at("planned_investment_wan_yuan", "\"五千\" is not a number".into()));
        assert!(!problem.is_general());
    }

    #[test]
    fn a_lost_connection_says_the_draft_is_kept() {
        let problem = Problem::of(WriteFailure::Failed(ApiFailure::Network), &EN);
        assert_eq!(problem, Problem { field: None, message: EN.inquiry_kept.to_string() });
        assert!(problem.is_general());
    }

    #[test]
    fn the_servers_problem_shows_under_its_field_or_above_the_button() {
        let status = |field: &str| {
            WriteFailure::Failed(ApiFailure::Status {
                status: 422,
                message: Some("not a phone number".into()),
                field: Some(field.into()),
            })
        };
        assert!(!Problem::of(status("phone"), &EN).is_general());
        assert!(Problem::of(status("park_id"), &EN).is_general());
        let unreadable = Problem::of(WriteFailure::Failed(ApiFailure::Unreadable), &EN);
        assert_eq!(unreadable.message, EN.error_unreadable);
    }
}
