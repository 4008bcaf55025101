//! The parcel-status legend, with how many parcels are in each status.

use leptos::prelude::*;
use parkatlas_core::wire::ParcelStatus;

use crate::i18n::use_texts;
use crate::theme::parcel_status_colour;

/// `counts` pairs each status with its number of parcels, in display order.
#[component]
pub fn Legend(counts: Vec<(ParcelStatus, usize)>) -> impl IntoView {
    let texts = use_texts();
    view! {
        <section class="legend" aria-labelledby="legend-heading">
            <h2 id="legend-heading" class="panel__heading">{move || texts.get().legend_heading}</h2>
            <ul class="legend__items">
                {counts
                    .into_iter()
                    .map(|(status, count)| {
                        view! {
                            <li class="legend__item">
                                <span class="swatch" style:background-color=parcel_status_colour(status)></span>
                                <span class="legend__label">{move || texts.get().parcel_status(status)}</span>
                                <span class="legend__count">{count}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
