//! The controls of an outline being drawn or reshaped: what to do, the corners and the
//! live area in 亩, core's problem in words (the map marks where), and the buttons to
//! finish, delete a corner or cancel. Every action is a button: nothing needs hover.

use leptos::prelude::*;

use crate::format::number;
use crate::i18n::{fill, use_texts};
use crate::pages::land::outline::OutlineDraft;
use crate::pages::land::texts::use_land_texts;

#[component]
pub fn OutlinePanel(
    #[prop(into)] draft: Signal<OutlineDraft>,
    #[prop(into)] on_finish: Callback<()>,
    #[prop(into)] on_delete: Callback<()>,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    let texts = use_land_texts();
    let app_texts = use_texts();
    let instructions = move || {
        if draft.with(OutlineDraft::closed) {
            texts.get().outline_reshaping
        } else {
            texts.get().outline_drawing
        }
    };
    let summary = move || {
        draft.with(|draft| {
            let corners = fill(texts.get().corners, &[("n", draft.corners().len().to_string())]);
            match draft.area() {
                Some(area) => {
                    let area = format!("{} {}", number(area.0, 2), app_texts.get().mu);
                    format!("{corners} · {}", fill(texts.get().area_live, &[("area", area)]))
                }
                None => corners,
            }
        })
    };
    let problem =
        move || draft.with(|draft| draft.problem().map(|problem| app_texts.get().pick(&problem.message).to_string()));
    view! {
        <section class="outline-panel" aria-labelledby="outline-heading">
            <h3 id="outline-heading">{move || texts.get().outline_heading}</h3>
            <p class="hint">{instructions}</p>
            <p class="outline-panel__summary" data-testid="outline-summary" aria-live="polite">{summary}</p>
            <p class="field__problem" role="alert" data-testid="outline-problem">{problem}</p>
            <Show when=move || draft.with(|d| d.problem().is_none() && d.shape().is_some())>
                <p class="hint" data-testid="outline-ok">{move || texts.get().outline_ok}</p>
            </Show>
            <div class="actions">
                <Show when=move || !draft.with(OutlineDraft::closed)>
                    <button
                        type="button"
                        class="button"
                        disabled=move || draft.with(|d| d.corners().len() < 3)
                        on:click=move |_| on_finish.run(())
                    >
                        {move || texts.get().finish}
                    </button>
                </Show>
                <button
                    type="button"
                    class="button button--quiet"
                    disabled=move || !draft.with(OutlineDraft::can_delete)
                    on:click=move |_| on_delete.run(())
                >
                    {move || texts.get().delete_corner}
                </button>
                <button type="button" class="button button--quiet" on:click=move |_| on_cancel.run(())>
                    {move || texts.get().cancel}
                </button>
            </div>
        </section>
    }
}
