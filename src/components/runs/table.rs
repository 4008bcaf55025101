//! The ranked table: sortable headers, a search by name, and only the rows in view drawn
//! (the window `ranking::window` computes), so 20,000 enterprises scroll smoothly. A row's
//! name opens its explanation.

use leptos::html::Div;
use leptos::prelude::*;

use crate::format::points;
use crate::i18n::fill;
use crate::pages::runs::ranking::{window, Column, RankedRow, Sort};
use crate::pages::runs::texts::use_runs_texts;

/// Each row's height in CSS pixels (style/runs.css holds the same).
pub const ROW_PX: f64 = 48.0;
/// What the list is assumed to show before it is measured.
const FIRST_VIEWPORT_PX: f64 = 480.0;

#[component]
pub fn RankedTable(
    #[prop(into)] rows: Signal<Vec<RankedRow>>,
    #[prop(into)] order: Signal<Vec<usize>>,
    sort: RwSignal<Sort>,
    query: RwSignal<String>,
    #[prop(into)] on_open: Callback<usize>,
) -> impl IntoView {
    let texts = use_runs_texts();
    let scroller = NodeRef::<Div>::new();
    let scroll = RwSignal::new((0.0, FIRST_VIEWPORT_PX));
    let measure = move || {
        if let Some(element) = scroller.get_untracked() {
            scroll.set((element.scroll_top() as f64, element.client_height() as f64));
        }
    };
    let shown = move || window(order.with(Vec::len), ROW_PX, scroll.get().0, scroll.get().1);
    let header = move |column: Column, label: fn(&crate::pages::runs::texts::RunsTexts) -> &'static str| {
        let state = move || {
            let sort = sort.get();
            match (sort.column == column, sort.descending) {
                (false, _) => "none",
                (true, true) => "descending",
                (true, false) => "ascending",
            }
        };
        view! {
            <th scope="col" aria-sort=state>
                <button type="button" class="runs-table__sort" title=move || texts.get().sort_by
                    on:click=move |_| sort.update(|sort| *sort = sort.toggled(column))>
                    {move || label(texts.get())}
                </button>
            </th>
        }
    };
    let body = move || {
        let window = shown();
        rows.with(|rows| {
            order.with(|order| {
                let texts = texts.get();
                order[window.first..window.first + window.count]
                    .iter()
                    .map(|&index| {
                        let row = &rows[index];
                        let class = row.class.map_or(texts.not_evaluated, |class| class.letter());
                        view! {
                            <tr class="runs-table__row" data-testid="ranked-row" data-enterprise=row.enterprise_id data-class=class>
                                <td class="runs-table__number">{row.rank.map(|rank| rank.to_string()).unwrap_or_default()}</td>
                                <td>
                                    <button type="button" class="runs-table__name" on:click=move |_| on_open.run(index)>{row.name.clone()}</button>
                                </td>
                                <td>{texts.cohort(row.cohort)}</td>
                                <td class="runs-table__number">{row.total.map(points).unwrap_or_default()}</td>
                                <td><span class="runs-table__class" data-class=class>{class}</span></td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <div class="runs-table">
            <label class="field" for="runs-search">
                <span class="field__label">{move || texts.get().search}</span>
                <input id="runs-search" class="field__input" type="search" prop:value=move || query.get()
                    on:input=move |event| query.set(event_target_value(&event)) />
            </label>
            <p class="hint" aria-live="polite" data-testid="runs-shown">
                {move || fill(texts.get().shown, &[("shown", order.with(Vec::len).to_string()), ("total", rows.with(Vec::len).to_string())])}
            </p>
            <div class="runs-table__scroller" node_ref=scroller on:scroll=move |_| measure() tabindex="0"
                aria-label=move || texts.get().heading>
                <table>
                    <thead>
                        <tr>
                            {header(Column::Rank, |t| t.col_rank)}
                            {header(Column::Name, |t| t.col_name)}
                            {header(Column::Cohort, |t| t.col_cohort)}
                            {header(Column::Score, |t| t.col_score)}
                            {header(Column::Class, |t| t.col_class)}
                        </tr>
                    </thead>
                    <tbody>
                        <tr aria-hidden="true" class="runs-table__spacer" style:height=move || format!("{}px", shown().offset_px)></tr>
                        {body}
                        <tr aria-hidden="true" class="runs-table__spacer" style:height=move || {
                            let w = shown();
                            format!("{}px", (w.total_px - w.offset_px - w.count as f64 * ROW_PX).max(0.0))
                        }></tr>
                    </tbody>
                </table>
            </div>
        </div>
    }
}
