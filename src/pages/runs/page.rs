//! `/app/workspace/evaluations`: the officials' 亩均效益 runs. Loads the stored profiles
//! and a year's figures of the chosen scope, evaluates them in the browser with core, and
//! wires the profile form, chart, ranked table, movers, comparison, publishing and export.

use leptos::prelude::*;
use parkatlas_core::wire::{ClassCounts, ProfileRecord, Role};

use super::draft::Draft;
use super::explain::Explanation;
use super::publish_panel::{ExportButton, PublishPanel};
use super::ranking::{arrange, rows, RankedRow, Sort};
use super::texts::use_runs_texts;
use super::versus::Versus;
use super::workbench::{Workbench, MEASURE};
use crate::api::{self, portal as portal_api};
use crate::components::runs::chart::ClassChart;
use crate::components::runs::movers::Movers;
use crate::components::runs::profile_form::ProfileForm;
use crate::components::runs::table::RankedTable;
use crate::components::shared::states::{outcome, Empty, Loading};
use crate::pages::portal::{noticed, reporting_year, today};
use crate::signed_in::session::use_session;

#[component]
pub fn RunsPage() -> impl IntoView {
    let session = use_session();
    let texts = use_runs_texts();
    view! {
        <div class="runs">
            <h1 class="runs__heading">{move || texts.get().heading}</h1>
            <p class="hint">{move || texts.get().intro}</p>
            {move || match session.role() {
                Some(Role::Officer | Role::Admin) => view! { <Bench /> }.into_any(),
                _ => view! { <p class="message message--warn" role="alert">{move || texts.get().officials_only}</p> }.into_any(),
            }}
        </div>
    }
}

/// The scopes the signed-in official may evaluate: `None` is all their parks (the city
/// for an admin), then each park by id and name.
fn scopes(role: Option<Role>, own_parks: &[i64], parks: &[(i64, String)]) -> Vec<(Option<i64>, String)> {
    let name = |id: i64| parks.iter().find(|(park, _)| *park == id).map_or(format!("#{id}"), |(_, name)| name.clone());
    let ids: Vec<i64> = match role {
        Some(Role::Admin) => parks.iter().map(|(id, _)| *id).collect(),
        _ => own_parks.to_vec(),
    };
    let mut scopes: Vec<(Option<i64>, String)> = ids.into_iter().map(|id| (Some(id), name(id))).collect();
    scopes.push((None, String::new()));
    scopes
}

#[component]
fn Bench() -> impl IntoView {
    let session = use_session();
    let texts = use_runs_texts();
    let role = session.role();
    let own_parks = session.user().map(|user| user.park_ids).unwrap_or_default();
    // An officer starts with their first park (which they may publish); an admin with the city.
    let scope = RwSignal::new(if role == Some(Role::Admin) { None } else { own_parks.first().copied() });
    let year = RwSignal::new(reporting_year());
    let chosen = RwSignal::new(None::<i64>);
    let profiles = LocalResource::new(move || async move { noticed(session, portal_api::profiles().await) });
    let parks = LocalResource::new(|| async move {
        api::parks()
            .await
            .map(|parks| parks.features.into_iter().map(|park| (park.id, park.properties.name)).collect::<Vec<_>>())
    });
    let inputs = LocalResource::new(move || async move {
        noticed(session, portal_api::evaluation_inputs(year.get(), scope.get()).await)
    });

    // Until a profile is loaded the form is not shown; the first shipped profile only fills the slot.
    let draft = RwSignal::new(Draft::new(parkatlas_core::efficiency::shipped::profiles().remove(0)));
    let bench = RwSignal::new(None::<Result<Workbench, String>>);
    let record = move || {
        profiles.get().and_then(|loaded| loaded.ok()).and_then(|records: Vec<ProfileRecord>| {
            let id = chosen.get();
            records.into_iter().find(|record| id.is_none_or(|id| id == record.id))
        })
    };
    // A profile chosen (or loaded): a fresh draft of it, and a fresh bench over the figures.
    Effect::new(move |_| {
        let (Some(record), Some(Ok(records))) = (record(), inputs.get()) else {
            bench.set(None);
            return;
        };
        // Another scope or year keeps the edits made to the same profile, applied at once.
        let edited = draft.with_untracked(|draft| (draft.original == record.profile).then(|| draft.usable().cloned()));
        if edited.is_none() {
            draft.set(Draft::new(record.profile.clone()));
        }
        let mut built = Workbench::new(records, &record.profile, today()).map_err(|error| error.to_string());
        if let (Ok(built), Some(Some(profile))) = (&mut built, edited) {
            let _ = built.apply(&profile);
        }
        bench.set(Some(built));
    });
    // Every usable edit re-evaluates at once, timed for the benchmark (benchmarks/what-if.md).
    Effect::new(move |_| {
        let Some(profile) = draft.with(|draft| draft.usable().cloned()) else { return };
        bench.update(|bench| {
            if let Some(Ok(bench)) = bench {
                let applied = timed(MEASURE, || {
                    bench.apply_timed(&profile, &mut |step, work| timed(&format!("{MEASURE}:{step}"), work))
                });
                if let Err(error) = applied {
                    leptos::logging::warn!("{error}");
                }
            }
        });
    });

    let sort = RwSignal::new(Sort::default());
    let query = RwSignal::new(String::new());
    let table = Memo::new(move |_| {
        bench.with(|bench| match bench {
            Some(Ok(bench)) => rows(&bench.records, &bench.current),
            _ => Vec::new(),
        })
    });
    let order = Memo::new(move |_| table.with(|rows| arrange(rows, sort.get(), &query.get())));
    let opened = RwSignal::new(None::<usize>);

    let controls = move || {
        let texts = texts.get();
        let park_names = parks.get().and_then(Result::ok).unwrap_or_default();
        let scope_options = scopes(role, &session.user().map(|u| u.park_ids).unwrap_or_default(), &park_names)
            .into_iter()
            .map(|(id, name)| {
                let label = match (id, role) {
                    (Some(_), _) => name,
                    (None, Some(Role::Admin)) => texts.scope_city.to_string(),
                    (None, _) => texts.scope_all_parks.to_string(),
                };
                let value = id.map(|id| id.to_string()).unwrap_or_default();
                view! { <option value=value selected=scope.get_untracked() == id>{label}</option> }
            })
            .collect_view();
        let this_year = reporting_year();
        let years = (0..5).map(|back| this_year - back).map(|shown| {
            view! { <option value=shown selected=year.get_untracked() == shown>{shown}</option> }
        });
        let profile_options =
            profiles.get().and_then(Result::ok).unwrap_or_default().into_iter().enumerate().map(|(n, record)| {
                let selected = chosen.get_untracked().map_or(n == 0, |id| id == record.id);
                view! { <option value=record.id selected=selected>{record.profile.name.clone()}</option> }
            });
        view! {
            <div class="runs-controls">
                <label class="field" for="runs-scope">
                    <span class="field__label">{texts.scope}</span>
                    <select id="runs-scope" class="field__input" on:change=move |event| scope.set(event_target_value(&event).parse().ok())>
                        {scope_options}
                    </select>
                </label>
                <label class="field" for="runs-year">
                    <span class="field__label">{texts.year}</span>
                    <select id="runs-year" class="field__input" on:change=move |event| {
                        if let Ok(chosen) = event_target_value(&event).parse() { year.set(chosen) }
                    }>{years.collect_view()}</select>
                </label>
                <label class="field" for="runs-profile">
                    <span class="field__label">{texts.profile}</span>
                    <select id="runs-profile" class="field__input" on:change=move |event| chosen.set(event_target_value(&event).parse().ok())>
                        {profile_options.collect_view()}
                    </select>
                </label>
            </div>
        }
    };

    let stored = Signal::derive(move || profiles.get().and_then(Result::ok).unwrap_or_default());
    let results = move || {
        let loading = move || view! { <Loading message=Signal::derive(move || texts.get().loading) /> }.into_any();
        let Some(loaded) = inputs.get() else { return loading() };
        outcome(
            loaded,
            move |records| {
                if records.is_empty() {
                    return view! { <Empty heading=Signal::derive(move || texts.get().empty_heading) body=Signal::derive(move || texts.get().empty_body) /> }.into_any();
                }
                view! { <Results draft bench table order sort query opened scope year profiles=stored /> }.into_any()
            },
            move || inputs.refetch(),
        )
    };
    view! {
        {controls}
        {results}
    }
}

/// Runs `work` between a User Timing mark and the measure `name`.
fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = web_sys::window().and_then(|w| w.performance());
    let start = format!("{name}:start");
    if let Some(performance) = &performance {
        let _ = performance.mark(&start);
    }
    let done = work();
    if let Some(performance) = &performance {
        let _ = performance.measure_with_start_mark(name, &start);
    }
    done
}

/// The current run's part of the bench, or `value` of nothing when there is none.
fn from_bench<T>(bench: RwSignal<Option<Result<Workbench, String>>>, read: impl Fn(&Workbench) -> T) -> Option<T> {
    bench.with(|bench| bench.as_ref().and_then(|bench| bench.as_ref().ok()).map(read))
}

#[component]
#[allow(clippy::too_many_arguments)]
fn Results(
    draft: RwSignal<Draft>,
    bench: RwSignal<Option<Result<Workbench, String>>>,
    table: Memo<Vec<RankedRow>>,
    order: Memo<Vec<usize>>,
    sort: RwSignal<Sort>,
    query: RwSignal<String>,
    opened: RwSignal<Option<usize>>,
    scope: RwSignal<Option<i64>>,
    year: RwSignal<i32>,
    profiles: Signal<Vec<ProfileRecord>>,
) -> impl IntoView {
    let texts = use_runs_texts();
    let ready = move || from_bench(bench, |_| ()).is_some();
    let counts = Signal::derive(move || from_bench(bench, Workbench::counts).unwrap_or_default());
    let baseline =
        Signal::derive(move || from_bench(bench, |b| ClassCounts::of(&b.baseline)).filter(|b| *b != counts.get()));
    let since_edit = Signal::derive(move || from_bench(bench, |b| b.since_edit.clone()).unwrap_or_default());
    let since_baseline = Signal::derive(move || from_bench(bench, |b| b.since_baseline.clone()).unwrap_or_default());
    let explanation = move || {
        let index = opened.get()?;
        from_bench(bench, |bench| {
            Some((bench.records.get(index)?.credit_code.clone(), bench.current.results.get(index)?.clone()))
        })?
    };
    let problem = move || bench.with(|b| b.as_ref().and_then(|b| b.as_ref().err()).cloned());
    view! {
        {move || problem().map(|problem| view! { <p class="message message--warn" role="alert">{texts.get().cannot_evaluate}{problem}</p> })}
        <div class="runs-layout">
            <ProfileForm draft />
            <Show when=ready>
                <section class="runs-results" aria-labelledby="runs-results-heading" data-testid="runs-results">
                    <h2 id="runs-results-heading" class="visually-hidden">{move || texts.get().distribution}</h2>
                    <ClassChart counts baseline />
                    <Movers comparison=since_edit heading=Signal::derive(move || texts.get().moved_edit) test_id="movers-edit" />
                    <Movers comparison=since_baseline heading=Signal::derive(move || texts.get().moved_baseline) test_id="movers-baseline" />
                    <RankedTable rows=table order sort query on_open=Callback::new(move |index| opened.set(Some(index))) />
                    <ExportButton table order year scope profile_key=Signal::derive(move || draft.with(|d| d.profile.id.clone())) />
                    <Versus bench profiles />
                    <PublishPanel draft scope year profiles />
                </section>
            </Show>
        </div>
        {move || explanation().map(|(credit_code, result)| view! {
            <Explanation result credit_code on_close=Callback::new(move |_| opened.set(None)) />
        })}
    }
}
