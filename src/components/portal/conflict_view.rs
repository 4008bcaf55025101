//! The conflict view: after a 412, the user's figures and the ones saved meanwhile side by
//! side, figure by figure, with "keep mine", "take theirs" and a choice per figure. The
//! page saves the merge against the saved version, or takes theirs as it stands.

use leptos::prelude::*;

use super::draft::Draft;
use super::figure::{Figure, Kind};
use super::merge::{Conflict, Side};
use crate::i18n::fill;
use crate::pages::portal::texts::{use_portal_texts, PortalTexts};

/// A figure's value as the view shows it: with its unit, or the option's label.
fn shown(draft: &Draft, figure: Figure, texts: &PortalTexts) -> String {
    let text = draft.text(figure).trim();
    match figure.kind() {
        Kind::Choice => texts.option(text).to_string(),
        _ if text.is_empty() => texts.conflict_empty.to_string(),
        Kind::Number(unit) => format!("{text} {}", texts.unit(unit)),
        Kind::Date | Kind::Text => text.to_string(),
    }
}

fn side_name(side: Side, texts: &PortalTexts, version: i64) -> String {
    match side {
        Side::Mine => texts.conflict_mine.to_string(),
        Side::Theirs => fill(texts.conflict_theirs, &[("v", version.to_string())]),
    }
}

/// `conflict` as a table of choices; `on_resolve` receives it as the user left it.
#[component]
pub fn ConflictView(
    conflict: RwSignal<Option<Conflict>>,
    #[prop(into)] saving: Signal<bool>,
    on_resolve: Callback<Conflict>,
) -> impl IntoView {
    let texts = use_portal_texts();
    let choose_all = move |side: Side| conflict.update(|c| c.iter_mut().for_each(|c| c.choose_all(side)));
    let keeps_theirs = move || conflict.with(|c| c.as_ref().is_some_and(Conflict::keeps_theirs));
    let finish = move |_| {
        if let Some(current) = conflict.get_untracked() {
            on_resolve.run(current);
        }
    };
    let rows = move || {
        let Some(current) = conflict.get() else { return Vec::new() };
        let texts = texts.get();
        current
            .figures()
            .into_iter()
            .map(|figure| {
                let name = format!("conflict-{}", figure.input_id("choice"));
                let changed_by_me = current.changed_by_me(figure);
                let current = current.clone();
                let choice = move |side: Side| {
                    view! {
                        <label class="conflict__choice">
                            <input
                                type="radio"
                                name=name.clone()
                                prop:checked=move || conflict.with(|c| c.as_ref().and_then(|c| c.choice(figure)) == Some(side))
                                on:change=move |_| conflict.update(|c| c.iter_mut().for_each(|c| c.choose(figure, side)))
                            />
                            <span>
                                // The column heading, for a screen reader reading the radio alone.
                                <span class="visually-hidden">{side_name(side, texts, current.version)}": "</span>
                                {match side {
                                    Side::Mine => shown(current.mine(), figure, texts),
                                    Side::Theirs => shown(current.theirs(), figure, texts),
                                }}
                            </span>
                        </label>
                    }
                };
                view! {
                    <tr data-figure=figure.path()>
                        <th scope="row">
                            {texts.figure(figure)}
                            {changed_by_me.then(|| view! { <span class="tag">{texts.changed_by_me}</span> })}
                        </th>
                        <td>{choice(Side::Mine)}</td>
                        <td>{choice(Side::Theirs)}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>()
    };
    let version = move || conflict.with(|c| c.as_ref().map(|c| c.version).unwrap_or_default());
    view! {
        <section class="conflict" aria-labelledby="conflict-heading" data-testid="conflict">
            <h2 id="conflict-heading">{move || texts.get().conflict_heading}</h2>
            <p>{move || texts.get().conflict_intro}</p>
            <div class="conflict__scroll">
                <table class="conflict__table">
                    <thead>
                        <tr>
                            <th scope="col">{move || texts.get().conflict_figure}</th>
                            <th scope="col">{move || side_name(Side::Mine, texts.get(), version())}</th>
                            <th scope="col">{move || side_name(Side::Theirs, texts.get(), version())}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="conflict__actions">
                <button class="button button--quiet" type="button" on:click=move |_| choose_all(Side::Mine)>
                    {move || texts.get().keep_mine}
                </button>
                <button class="button button--quiet" type="button" on:click=move |_| choose_all(Side::Theirs)>
                    {move || texts.get().keep_theirs}
                </button>
                <button class="button" type="button" disabled=move || saving.get() on:click=finish data-testid="conflict-save">
                    {move || if keeps_theirs() { texts.get().use_theirs } else { texts.get().save_choices }}
                </button>
            </div>
        </section>
    }
}
