//! Two profiles side by side: the current (edited) run's class counts beside another
//! stored profile's over the same enterprises, and who would be in another class.

use leptos::prelude::*;
use parkatlas_core::efficiency::Class;
use parkatlas_core::wire::{ClassCounts, ProfileRecord};

use super::texts::use_runs_texts;
use super::workbench::Workbench;
use crate::components::runs::chart::ORDER;
use crate::components::runs::movers::Movers;

#[component]
pub fn Versus(
    bench: RwSignal<Option<Result<Workbench, String>>>,
    #[prop(into)] profiles: Signal<Vec<ProfileRecord>>,
) -> impl IntoView {
    let texts = use_runs_texts();
    let other = RwSignal::new(None::<ProfileRecord>);
    let compared = Memo::new(move |_| {
        let other = other.get()?;
        bench.with(|bench| {
            let bench = bench.as_ref()?.as_ref().ok()?;
            Some(
                bench
                    .versus(&other.profile)
                    .map(|(counts, comparison)| (bench.counts(), counts, comparison))
                    .map_err(|e| e.to_string()),
            )
        })
    });
    let choose = move |event: leptos::ev::Event| {
        let id: Option<i64> = event_target_value(&event).parse().ok();
        other.set(id.and_then(|id| profiles.get().into_iter().find(|record| record.id == id)));
    };
    let label = move |class: Option<Class>| class.map_or(texts.get().not_evaluated, Class::letter);
    view! {
        <section class="runs-versus" aria-labelledby="runs-versus-heading">
            <h2 id="runs-versus-heading">{move || texts.get().compare_heading}</h2>
            <label class="field" for="runs-versus">
                <span class="field__label">{move || texts.get().compare_with}</span>
                <select id="runs-versus" class="field__input" on:change=choose>
                    <option value="">{move || texts.get().compare_none}</option>
                    {move || profiles.get().into_iter().map(|record| view! {
                        <option value=record.id>{record.profile.name.clone()}</option>
                    }).collect_view()}
                </select>
            </label>
            {move || compared.get().map(|compared| match compared {
                Err(problem) => view! { <p class="message message--warn">{problem}</p> }.into_any(),
                Ok((current, theirs, comparison)) => {
                    let name = other.get().map(|record| record.profile.name).unwrap_or_default();
                    let cell = |counts: &ClassCounts, class| counts.get(class);
                    view! {
                        <table class="runs-versus__table" data-testid="versus">
                            <thead><tr><th scope="col">{texts.get().col_class}</th><th scope="col">{texts.get().current}</th><th scope="col">{name}</th></tr></thead>
                            <tbody>
                                {ORDER.iter().map(|&class| view! {
                                    <tr><th scope="row">{label(class)}</th><td>{cell(&current, class)}</td><td>{cell(&theirs, class)}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <Movers comparison=Signal::derive(move || comparison.clone()) heading=Signal::derive(move || texts.get().compare_moved) test_id="movers-versus" />
                    }
                    .into_any()
                }
            })}
        </section>
    }
}
