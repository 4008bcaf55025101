//! The parcel-status legend: the colour of each status, as the map draws it.

use leptos::prelude::*;
use parkatlas_core::wire::ParcelStatus;

use crate::i18n::use_texts;
use crate::theme::parcel_status_colour;

#[component]
pub fn Legend() -> impl IntoView {
    let texts = use_texts();
    view! {
        <section class="legend" aria-labelledby="legend-heading">
            <h2 id="legend-heading" class="panel__heading">{move || texts.get().legend_heading}</h2>
            <ul class="legend__items">
                {ParcelStatus::ALL
                    .into_iter()
                    .map(|status| {
                        view! {
                            <li class="legend__item">
                                <span class="swatch" style:background-color=parcel_status_colour(status)></span>
                                <span class="legend__label">{move || texts.get().parcel_status(status)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
