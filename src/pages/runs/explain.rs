//! One enterprise's result on tap: its class and what it means, its total and rank, and
//! every item with the numbers and formula core explains it with. A panel over the page's
//! foot on a phone, beside the table on a wide screen; focus moves into it.

use leptos::html::Section;
use leptos::prelude::*;
use parkatlas_core::efficiency::{EnterpriseResult, Outcome};
use parkatlas_core::text::Bilingual;

use super::texts::use_runs_texts;
use crate::format::{number, points};
use crate::i18n::{fill, use_texts};
use crate::pages::portal::texts::use_portal_texts;

#[component]
pub fn Explanation(
    result: EnterpriseResult,
    credit_code: String,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let texts = use_runs_texts();
    let shell = use_texts();
    let portal = use_portal_texts();
    let panel = NodeRef::<Section>::new();
    Effect::new(move |_| {
        if let Some(panel) = panel.get() {
            let _ = panel.focus();
        }
    });
    let class = result.class().map(|class| (class.name(), class.meaning()));
    let details = match result.outcome.clone() {
        Outcome::Graded(grade) => {
            let items = grade
                .items
                .iter()
                .map(|item| {
                    let info = item.indicator.info();
                    let name = Bilingual::new(info.name_zh, info.name_en);
                    let formula = item.explain();
                    let score = format!("{} / {}", points(item.score), number(item.weight, 2));
                    view! {
                        <li class="runs-explain__item">
                            <span class="runs-explain__item-name">{move || shell.get().pick(&name).to_string()}</span>
                            <span class="runs-explain__item-score">{score}</span>
                            <p class="hint">{move || shell.get().pick(&formula).to_string()}</p>
                        </li>
                    }
                })
                .collect_view();
            let (rank, size) = (grade.rank.to_string(), grade.cohort_size.to_string());
            view! {
                <p class="runs-explain__total" data-testid="explain-total">{points(grade.total)}</p>
                <p class="hint">{move || fill(texts.get().rank_of, &[("rank", rank.clone()), ("size", size.clone())])}</p>
                <ol class="runs-explain__items">{items}</ol>
                <p class="hint">
                    {move || texts.get().bonus}" "{points(grade.bonus)}" · "{move || texts.get().deduction}" "{points(grade.deduction)}
                </p>
            }
            .into_any()
        }
        Outcome::Exempt { reason } => view! { <p class="hint">{move || portal.get().exemption(reason)}</p> }.into_any(),
        Outcome::NotEvaluated { reason } => {
            view! { <p class="hint">{move || portal.get().not_evaluated(reason)}</p> }.into_any()
        }
    };
    let merged = (!result.merged_with.is_empty()).then(|| result.merged_with.join("、"));
    view! {
        <section class="runs-explain" role="dialog" aria-labelledby="runs-explain-heading" tabindex="-1" node_ref=panel data-testid="explanation">
            <div class="runs-explain__head">
                <h2 id="runs-explain-heading">{result.name.clone()}</h2>
                <button class="button button--quiet" type="button" on:click=move |_| on_close.run(())>{move || texts.get().close}</button>
            </div>
            <p class="hint">{credit_code}" · "{move || texts.get().cohort(result.cohort)}</p>
            {class.map(|(name, meaning)| view! {
                <p class="runs-explain__class">{move || shell.get().pick(&name).to_string()}</p>
                <p class="hint">{move || shell.get().pick(&meaning).to_string()}</p>
            })}
            <h3>{move || texts.get().explanation}</h3>
            {details}
            {merged.map(|merged| view! { <p class="hint">{move || texts.get().merged_with}{merged.clone()}</p> })}
        </section>
    }
}
