//! The profile being edited: per cohort each item's weight, benchmark (待核实 where no
//! source confirmed it), cap and missing-data policy, then the class rule and its
//! cut-offs; every problem beside its field, all at once, as the draft reports them.

use leptos::prelude::*;
use parkatlas_core::efficiency::{ClassRule, Method};
use parkatlas_core::text::Bilingual;

use crate::components::shared::field::{Field, FieldKind};
use crate::i18n::use_texts;
use crate::pages::runs::draft::{Draft, Target};
use crate::pages::runs::texts::use_runs_texts;

/// The problems the draft reports at `path`, in words, joined.
fn problems_at(draft: RwSignal<Draft>, path: String) -> Signal<Option<String>> {
    let texts = use_runs_texts();
    Signal::derive(move || {
        let texts = texts.get();
        let found: Vec<String> = draft.with(|draft| {
            draft
                .problems()
                .iter()
                .filter(|(field, _)| *field == path)
                .map(|(_, problem)| texts.problem(problem))
                .collect()
        });
        (!found.is_empty()).then(|| found.join("；"))
    })
}

/// One numeric field of the draft.
#[component]
fn NumberField(draft: RwSignal<Draft>, target: Target, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let id = format!("runs-{}", target.path().replace(['[', ']', '.'], "-"));
    view! {
        <Field
            id
            label
            kind=FieldKind::Number
            value=Signal::derive(move || draft.with(|draft| draft.text(target)))
            on_input=Callback::new(move |text: String| draft.update(|draft| draft.set(target, &text)))
            problem=problems_at(draft, target.path())
        />
    }
}

#[component]
pub fn ProfileForm(draft: RwSignal<Draft>) -> impl IntoView {
    let texts = use_runs_texts();
    let shell = use_texts();
    // Only what changes the form's layout: typing a value never re-renders its field.
    let names = Memo::new(move |_| {
        draft.with(|draft| {
            let cohorts: Vec<(parkatlas_core::efficiency::Cohort, Vec<String>)> = draft
                .profile
                .cohorts
                .iter()
                .map(|rules| {
                    let items = rules
                        .items
                        .iter()
                        .map(|item| {
                            let name = parkatlas_core::efficiency::parse_indicator(&item.indicator)
                                .map(|indicator| {
                                    let info = indicator.info();
                                    Bilingual::new(
                                        format!("{}（{}）", info.name_zh, info.unit),
                                        format!("{} ({})", info.name_en, info.unit),
                                    )
                                })
                                .unwrap_or_else(|| Bilingual::new(item.indicator.clone(), item.indicator.clone()));
                            shell.get().pick(&name).to_string()
                        })
                        .collect();
                    (rules.cohort, items)
                })
                .collect();
            cohorts
        })
    });
    let percentile = Memo::new(move |_| draft.with(|d| matches!(d.profile.class_rule, ClassRule::Percentile { .. })));
    let min_max = Memo::new(move |_| draft.with(|d| matches!(d.profile.method, Method::MinMax { .. })));
    let cohorts = move || {
        names
            .get()
            .into_iter()
            .enumerate()
            .map(|(c, (cohort, items))| {
                let items = items
                    .into_iter()
                    .enumerate()
                    .map(|(i, name)| {
                        let missing_id = format!("runs-missing-{c}-{i}");
                        let missing = move || draft.with(|draft| draft.text(Target::Missing(c, i)));
                        view! {
                            <li class="runs-item" data-testid="runs-item">
                                <h3 class="runs-item__name">{name}</h3>
                                <div class="runs-item__fields">
                                    <NumberField draft target=Target::Weight(c, i) label=Signal::derive(move || texts.get().weight.to_string()) />
                                    <div class="runs-item__benchmark">
                                        <NumberField draft target=Target::Benchmark(c, i) label=Signal::derive(move || texts.get().benchmark.to_string()) />
                                        <Show when=move || draft.with(|d| d.profile.cohorts.get(c).and_then(|r| r.items.get(i)).is_some_and(|item| item.benchmark_unconfirmed))>
                                            <span class="unconfirmed" data-testid="unconfirmed">{move || texts.get().unconfirmed}</span>
                                        </Show>
                                    </div>
                                    <NumberField draft target=Target::Cap(c, i) label=Signal::derive(move || texts.get().cap.to_string()) />
                                    <label class="field" for=missing_id.clone()>
                                        <span class="field__label">{move || texts.get().missing}</span>
                                        <select id=missing_id.clone() class="field__input" on:change=move |event| {
                                            draft.update(|draft| draft.set(Target::Missing(c, i), &event_target_value(&event)))
                                        }>
                                            <option value="zero" selected=move || missing() == "zero">{move || texts.get().missing_zero}</option>
                                            <option value="cohort_average" selected=move || missing() == "cohort_average">{move || texts.get().missing_average}</option>
                                        </select>
                                    </label>
                                </div>
                            </li>
                        }
                    })
                    .collect_view();
                let sum_problem = problems_at(draft, format!("cohorts[{c}].items"));
                view! {
                    <fieldset class="runs-cohort">
                        <legend>{move || texts.get().cohort(cohort)}</legend>
                        <ol class="runs-items">{items}</ol>
                        {move || sum_problem.get().map(|problem| view! { <p class="field__problem" role="alert" data-testid="weights-problem">{problem}</p> })}
                    </fieldset>
                }
            })
            .collect_view()
    };
    let cut_label = move |n: usize| {
        Signal::derive(move || {
            let texts = texts.get();
            let name = [texts.cut_a, texts.cut_b, texts.cut_c][n];
            let hint = if percentile.get() { texts.cut_share_hint } else { texts.cut_score_hint };
            format!("{name} · {hint}")
        })
    };
    let rule_problem = problems_at(draft, "class_rule".into());
    let unconfirmed = move || draft.with(|draft| draft.profile.unconfirmed.clone());
    view! {
        <section class="runs-form" aria-labelledby="runs-settings">
            <h2 id="runs-settings">{move || texts.get().settings}</h2>
            {move || {
                let notes = unconfirmed();
                (!notes.is_empty()).then(|| view! {
                    <div class="message message--warn">
                        <p><span class="unconfirmed">{move || texts.get().unconfirmed}</span>" "{move || texts.get().unconfirmed_heading}</p>
                        <ul>{notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            {cohorts}
            <fieldset class="runs-cohort">
                <legend>{move || texts.get().class_rule}</legend>
                <div class="runs-rule-kind" role="radiogroup" aria-label=move || texts.get().class_rule>
                    <label><input type="radio" name="runs-rule" prop:checked=move || percentile.get() on:change=move |_| draft.update(|d| d.set_class_rule_kind(true)) />{move || texts.get().rule_percentile}</label>
                    <label><input type="radio" name="runs-rule" prop:checked=move || !percentile.get() on:change=move |_| draft.update(|d| d.set_class_rule_kind(false)) />{move || texts.get().rule_thresholds}</label>
                </div>
                <div class="runs-item__fields">
                    <NumberField draft target=Target::Cut(0) label=cut_label(0) />
                    <NumberField draft target=Target::Cut(1) label=cut_label(1) />
                    <NumberField draft target=Target::Cut(2) label=cut_label(2) />
                </div>
                {move || rule_problem.get().map(|problem| view! { <p class="field__problem" role="alert">{problem}</p> })}
                <Show when=move || min_max.get()>
                    <NumberField draft target=Target::FloorShare label=Signal::derive(move || texts.get().floor_share.to_string()) />
                </Show>
            </fieldset>
            <button class="button button--quiet" type="button" disabled=move || draft.with(Draft::is_unchanged)
                on:click=move |_| draft.update(|d| *d = Draft::new(d.original.clone()))>
                {move || texts.get().reset}
            </button>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use parkatlas_core::efficiency::MissingPolicy;

    #[test]
    fn the_missing_select_values_are_the_policies_json_names() {
        for (text, policy) in [("zero", MissingPolicy::Zero), ("cohort_average", MissingPolicy::CohortAverage)] {
            assert_eq!(serde_json::to_value(policy).unwrap(), text);
        }
    }
}
