//! Who changed class: a count and the first enterprises with their class and score before
//! and after (the rest counted, not drawn).

use leptos::prelude::*;
use parkatlas_core::efficiency::{Class, Comparison};

use crate::format::points;
use crate::i18n::fill;
use crate::pages::runs::texts::use_runs_texts;

/// Movers listed by name; more are counted.
pub const LISTED: usize = 20;

#[component]
pub fn Movers(
    #[prop(into)] comparison: Signal<Comparison>,
    /// The heading, with `{count}` for how many moved.
    #[prop(into)]
    heading: Signal<&'static str>,
    #[prop(into)] test_id: String,
) -> impl IntoView {
    let texts = use_runs_texts();
    let letter = move |class: Option<Class>| class.map_or(texts.get().not_evaluated, Class::letter);
    let score = |score: Option<f64>| score.map(|s| format!(" {}", points(s))).unwrap_or_default();
    view! {
        <div class="runs-movers" data-testid=test_id data-moved=move || comparison.with(Comparison::moved)>
            <h3>{move || fill(heading.get(), &[("count", comparison.with(Comparison::moved).to_string())])}</h3>
            {move || comparison.with(|comparison| {
                if comparison.movers.is_empty() {
                    return view! { <p class="hint">{texts.get().movers_none}</p> }.into_any();
                }
                let more = comparison.moved().saturating_sub(LISTED);
                view! {
                    <ul class="runs-movers__list">
                        {comparison.movers.iter().take(LISTED).map(|mover| view! {
                            <li data-testid="mover" data-enterprise=mover.id.clone()>
                                <span>{mover.name.clone()}</span>
                                <span class="runs-movers__move">
                                    {letter(mover.before)}{score(mover.score_before)}" → "{letter(mover.after)}{score(mover.score_after)}
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                    {(more > 0).then(|| view! { <p class="hint">{fill(texts.get().movers_more, &[("count", more.to_string())])}</p> })}
                }
                .into_any()
            })}
        </div>
    }
}
