//! One year of figures (`/app/enterprise/figures/:year`): every input of spec §1 and §4
//! with its unit, checked by core as typed and by the API on save (its refusal beside the
//! field), the 亩均 score and class estimated against the year's published cut-offs as the
//! user types, saved with `If-Match`. A 412 opens the side-by-side merge; nothing typed is
//! lost on the way.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use parkatlas_core::efficiency::Class;
use parkatlas_core::wire::{check_year, AnnualDataRecord, AnnualFigures, EnterpriseRecord};

use super::basis::EfficiencyBasis;
use super::texts::use_portal_texts;
use super::year_edit::{Answer, Notice, Refusal, YearEdit};
use super::{efficiency_basis, PortalPage};
use crate::api::{new_operation_id, portal as api, ApiFailure};
use crate::components::portal::conflict_view::ConflictView;
use crate::components::portal::draft::Draft;
use crate::components::portal::figure::Figure;
use crate::components::portal::figure_fields::{DraftFields, FigureFields};
use crate::components::portal::merge::Conflict;
use crate::components::portal::score::Estimate;
use crate::i18n::{fill, use_texts};
use crate::offline::outbox::{ItemState, Outbox, Write};
use crate::offline::use_offline;
use crate::signed_in::session::{use_session, Session};

/// One save of one year of figures.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveRequest {
    pub enterprise_id: i64,
    pub year: i32,
    /// The stored version the figures were edited from; `None` creates the year.
    pub version: Option<i64>,
    pub figures: AnnualFigures,
    /// Kept for a retry of the same figures, so that it takes effect once.
    pub operation_id: String,
}

/// What a save came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    Done(AnnualDataRecord),
    /// HTTP 412: the year as it was saved meanwhile, at `version`.
    Conflict {
        current: AnnualFigures,
        version: i64,
    },
    /// A 4xx the user can act on; `field` names the figure when the server did (422).
    Refused {
        field: Option<String>,
        message: String,
    },
    /// No answer, or one that cannot be acted on here (a 401 opens the sign-in dialog).
    Failed(ApiFailure),
    /// Kept in the outbox until there is a connection.
    Queued,
}

/// The one way this page saves: through the outbox, which keeps the year on the device until
/// the server has it and sends it at once when it can. Its answer comes back here; offline
/// the year waits in the outbox (and a retry from this page replaces it, under the same
/// operation id). A refusal or a conflict is the page's to resolve: the item leaves the
/// outbox, the page keeps everything typed.
async fn save(session: Session, outbox: Outbox, request: SaveRequest) -> Saved {
    let SaveRequest { enterprise_id: id, year, version, figures, operation_id } = request;
    let write = Write::AnnualFigures { enterprise_id: id, year, version, figures };
    let operation_id = match outbox.write_of(&operation_id).await {
        Some(_) => {
            outbox.replace(&operation_id, write).await;
            operation_id
        }
        None => outbox.enqueue_as(operation_id, write).await,
    };
    let Some(item) = outbox.answer(&operation_id, Duration::from_secs(15)).await else { return Saved::Queued };
    if item.state == ItemState::Sent {
        let record = item.answer.and_then(|answer| serde_json::from_value::<AnnualDataRecord>(answer).ok());
        return record.map_or(Saved::Failed(ApiFailure::Unreadable), Saved::Done);
    }
    outbox.discard(&operation_id).await;
    match (item.conflict, item.problem) {
        (Some((current, version)), _) => match serde_json::from_value::<AnnualDataRecord>(current) {
            Ok(current) => Saved::Conflict { current: current.figures, version },
            Err(_) => Saved::Failed(ApiFailure::Unreadable),
        },
        // 428: the year was created meanwhile, while this edit created it too: theirs is the conflict.
        (None, Some((Some(field), _))) if field == "If-Match" => match api::annual_data(id).await {
            Ok(years) => match years.into_iter().find(|stored| stored.year == year) {
                Some(stored) => Saved::Conflict { current: stored.figures, version: stored.version },
                None => Saved::Failed(ApiFailure::Unreadable),
            },
            Err(failure) => {
                session.notice(&failure);
                Saved::Failed(failure)
            }
        },
        (None, Some((field, message))) => Saved::Refused { field, message },
        (None, None) => Saved::Failed(ApiFailure::Unreadable),
    }
}

#[derive(Debug, Clone)]
struct YearData {
    enterprise: EnterpriseRecord,
    annual: Vec<AnnualDataRecord>,
    basis: Option<EfficiencyBasis>,
}

async fn load(id: i64, year: i32) -> Result<YearData, ApiFailure> {
    let (enterprise, annual) = futures::try_join!(crate::api::enterprise(id), api::annual_data(id))?;
    let basis = efficiency_basis(&enterprise, Some(year)).await?;
    Ok(YearData { enterprise, annual, basis })
}

#[component]
pub fn FiguresPage() -> impl IntoView {
    let texts = use_portal_texts();
    let params = use_params_map();
    let year = Memo::new(move |_| params.with(|p| p.get("year").and_then(|year| year.parse::<i32>().ok())));
    // A new year is a new page: its edit starts afresh.
    move || {
        let year = year.get().filter(|year| check_year(*year).is_none());
        let heading = Signal::derive(move || match year {
            Some(year) => fill(texts.get().year_heading, &[("year", year.to_string())]),
            None => texts.get().nav_figures.to_string(),
        });
        match year {
            None => view! {
                <div class="portal">
                    <h1 class="portal__heading">{heading}</h1>
                    <p class="message message--error">{move || texts.get().year_invalid}</p>
                </div>
            }
            .into_any(),
            Some(year) => {
                let load = move |id| load(id, year);
                let show = move |data: YearData| view! { <YearForm data year /> }.into_any();
                view! { <PortalPage heading load show figures_year=year /> }.into_any()
            }
        }
    }
}

#[component]
fn YearForm(data: YearData, year: i32) -> impl IntoView {
    let texts = use_portal_texts();
    let core_texts = use_texts();
    let session = use_session();
    let outbox = use_offline().outbox();
    let YearData { enterprise, annual, basis } = data;
    let stored = annual.iter().find(|stored| stored.year == year);
    let previous = annual.iter().filter(|stored| stored.year < year).max_by_key(|stored| stored.year);
    let edit = RwSignal::new(YearEdit::new(enterprise.id, year, stored, previous.map(|p| &p.figures)));
    let fields = DraftFields::new(&edit.with_untracked(|edit| edit.base.clone()));
    let conflict = RwSignal::new(None::<Conflict>);
    let draft = Memo::new(move |_| fields.draft());
    let (read, checked) = fields.checked();

    // Core's problems as typed, and the server's beside the figure it refused.
    let problems = Signal::derive(move || {
        let mut shown = checked.get();
        draft.with(|draft| {
            edit.with(|edit| {
                for figure in Figure::ALL {
                    if let Some(message) = edit.refused(figure, draft.text(figure)) {
                        shown.entry(figure).or_insert(message);
                    }
                }
            })
        });
        shown
    });

    // Opened from the outbox on a year it holds: the figures typed there come back into the
    // form, and the next save replaces that item instead of adding another.
    let from_outbox = StoredValue::new(use_query_map().with_untracked(|query| query.get("outbox")));
    if let Some(operation_id) = from_outbox.get_value() {
        leptos::task::spawn_local(async move {
            match outbox.write_of(&operation_id).await {
                Some(Write::AnnualFigures { year: held, figures, .. }) if held == year => {
                    fields.load(&Draft::of(&figures))
                }
                _ => from_outbox.set_value(None),
            }
        });
    }

    let save_action = Action::new_local(move |request: &SaveRequest| {
        let request = request.clone();
        async move {
            let saved = save(session, outbox, request).await;
            let typed = fields.draft_untracked();
            match edit.try_update(|edit| edit.answer(saved, &typed)) {
                Some(Answer::Load(stored)) => fields.load(&stored),
                Some(Answer::Merge(opened)) => conflict.set(Some(opened)),
                Some(Answer::Keep) | None => {}
            }
        }
    });
    let saving = save_action.pending();
    let send = move |typed: Draft| {
        let Ok(figures) = typed.read() else { return };
        let operation_id =
            move || from_outbox.try_update_value(Option::take).flatten().unwrap_or_else(new_operation_id);
        if let Some(request) = edit.try_update(|edit| edit.send(&typed, figures, operation_id)) {
            save_action.dispatch(request);
        }
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        send(fields.draft_untracked());
    };
    let on_resolve = Callback::new(move |resolved: Conflict| {
        conflict.set(None);
        if let Some((merged, to_save)) = edit.try_update(|edit| edit.resolve(&resolved)) {
            fields.load(&merged);
            if to_save {
                send(merged);
            }
        }
    });

    let basis = StoredValue::new(basis);
    let estimate = Signal::derive(move || {
        let basis = basis.get_value()?;
        Some(read.get().map_err(|_| texts.get().estimate_fix.to_string()).and_then(|figures| basis.estimate(&figures)))
    });
    let baseline = Signal::derive(move || -> Option<(Option<f64>, Class)> {
        let basis = basis.get_value()?;
        let stored = edit.with(|edit| edit.stored.clone())?;
        let what_if = basis.estimate(&stored.figures).ok()?;
        Some((what_if.total(), what_if.class()?))
    });
    let profile_changed = basis.with_value(|basis| basis.as_ref().is_some_and(EfficiencyBasis::profile_changed));
    let unsaved = move || draft.with(|draft| edit.with(|edit| edit.unsaved(draft)));
    // A stored year saved unchanged would only raise its version.
    let nothing_to_save = move || !unsaved() && edit.with(|edit| edit.stored.is_some());
    let problem_count = move || problems.with(|problems| problems.len());
    let has_problems = move || problem_count() != 0;
    let status = move || {
        let texts = texts.get();
        edit.with(|edit| match (&edit.refusal, &edit.notice, &edit.stored) {
            (Some(Refusal::General(message)), _, _) => {
                Some(("save-bar__note save-bar__note--error", format!("{}{message}", texts.save_failed)))
            }
            (_, Some(Notice::Failed(failure)), _) => Some((
                "save-bar__note save-bar__note--error",
                format!("{}{} {}", texts.save_failed, failure.describe(core_texts.get()), texts.save_kept),
            )),
            (_, Some(Notice::Queued), _) => Some(("save-bar__note", texts.save_queued.to_string())),
            (_, Some(Notice::Saved { version }), _) => {
                Some(("save-bar__note save-bar__note--ok", fill(texts.saved_as, &[("v", version.to_string())])))
            }
            (_, _, None) => Some(("save-bar__note", texts.new_year.to_string())),
            _ => None,
        })
    };

    view! {
        <p class="hint">{move || texts.get().figures_intro}</p>
        <YearLinks annual year />
        <section class="estimate-panel estimate-panel--sticky" aria-labelledby="estimate-heading" aria-live="polite">
            <h2 id="estimate-heading">{move || texts.get().estimate_heading}</h2>
            {move || match estimate.get() {
                None => view! { <p class="hint">{fill(texts.get().estimate_no_run, &[("year", year.to_string())])}</p> }.into_any(),
                Some(estimate) => view! { <Estimate estimate baseline /> }.into_any(),
            }}
            {profile_changed.then(|| view! { <p class="hint">{move || texts.get().estimate_profile_changed}</p> })}
            <p class="hint estimate-panel__note">{move || texts.get().estimate_note}</p>
        </section>
        <Show when=move || conflict.with(Option::is_some)>
            <ConflictView conflict saving=saving on_resolve />
        </Show>
        <form class="figure-form" on:submit=submit novalidate data-testid="figures-form">
            <fieldset class="figure-form__fields" disabled=move || conflict.with(Option::is_some)>
                <FigureFields form="figures" fields problems shown=|_| true />
            </fieldset>
            <div class="save-bar">
                {move || status().map(|(class, text)| view! { <p class=class role="status" data-testid="save-status">{text}</p> })}
                <Show when=has_problems>
                    <p class="save-bar__note save-bar__note--warn">{move || fill(texts.get().fix_first, &[("n", problem_count().to_string())])}</p>
                </Show>
                <div class="save-bar__actions">
                    <Show when=move || unsaved() && conflict.with(Option::is_none)>
                        <span class="tag tag--warn">{move || texts.get().unsaved}</span>
                        <button
                            class="button button--quiet"
                            type="button"
                            on:click=move |_| fields.load(&edit.with_untracked(|edit| edit.base.clone()))
                        >
                            {move || texts.get().undo}
                        </button>
                    </Show>
                    <button
                        class="button"
                        type="submit"
                        data-testid="save-figures"
                        disabled=move || saving.get() || has_problems() || conflict.with(Option::is_some) || nothing_to_save()
                    >
                        {move || if saving.get() {
                            texts.get().saving.to_string()
                        } else {
                            fill(texts.get().save_year, &[("year", year.to_string())])
                        }}
                    </button>
                </div>
            </div>
        </form>
    }
}

/// The stored years and the next one, the open one marked.
#[component]
fn YearLinks(annual: Vec<AnnualDataRecord>, year: i32) -> impl IntoView {
    let texts = use_portal_texts();
    let mut years: Vec<i32> = annual.iter().map(|stored| stored.year).collect();
    let next = years.iter().max().map_or(year, |latest| latest + 1);
    years.extend([next, year]);
    years.sort_unstable();
    years.dedup();
    let links = years
        .into_iter()
        .rev()
        .map(|shown| {
            let current = (shown == year).then_some("page");
            view! { <a class="chip" href=format!("/app/enterprise/figures/{shown}") aria-current=current>{shown}</a> }
        })
        .collect_view();
    view! { <nav class="year-links chips" aria-label=move || texts.get().figures_heading>{links}</nav> }
}
