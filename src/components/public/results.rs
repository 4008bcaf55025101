//! The list of matching parcels beside (or under) the map: the largest first, each a
//! button that opens the parcel, the selected one marked.

use leptos::prelude::*;
use parkatlas_core::text::Bilingual;
use parkatlas_core::wire::{LandMatch, LandSearch};

use crate::format::area_mu;
use crate::i18n::{fill, use_texts};
use crate::theme::parcel_status_colour;

#[component]
pub fn Results(
    search: LandSearch,
    /// The park names by id.
    #[prop(into)]
    park_name: Callback<i64, Option<Bilingual>>,
    #[prop(into)] selected: Signal<Option<i64>>,
    on_open: impl Fn(LandMatch) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let texts = use_texts();
    if search.parcels.is_empty() {
        return view! {
            <div class="results__empty" data-testid="results-empty">
                <p class="results__empty-heading">{move || texts.get().results_empty}</p>
                <p>{move || texts.get().results_empty_hint}</p>
            </div>
        }
        .into_any();
    }
    let shown = search.parcels.len();
    let total = search.total as usize;
    view! {
        <ol class="results__list" data-testid="results" data-total=total>
            {search
                .parcels
                .into_iter()
                .map(|parcel| {
                    let id = parcel.id;
                    let park = park_name.run(parcel.park_id);
                    let opened = parcel.clone();
                    view! {
                        <li>
                            <button
                                type="button"
                                class="result"
                                aria-current=move || (selected.get() == Some(id)).then_some("true")
                                data-parcel-id=id
                                on:click=move |_| on_open(opened.clone())
                            >
                                <span class="result__code">{parcel.code.clone()}</span>
                                <span class="result__area">{move || area_mu(parcel.area_m2, texts.get())}</span>
                                <span class="result__meta">
                                    <span class="status-dot" style:background-color=parcel_status_colour(parcel.status)></span>
                                    {move || texts.get().parcel_status(parcel.status)}
                                    " · "
                                    {move || texts.get().land_use(parcel.land_use)}
                                    {parcel.standard_land.then(|| view! { <span class="tag">{move || texts.get().standard_land}</span> })}
                                </span>
                                <span class="result__park">{move || park.as_ref().map(|name| texts.get().pick(name).to_string())}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        {(total > shown).then(|| {
            view! {
                <p class="results__more">
                    {move || fill(texts.get().results_more, &[("shown", shown.to_string()), ("total", total.to_string())])}
                </p>
            }
        })}
    }
    .into_any()
}
