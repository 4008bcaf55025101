//! The list of parks beside the map; choosing one asks the map to frame it.

use leptos::prelude::*;
use parkatlas_core::wire::{Feature, ParkProperties};

use crate::i18n::{use_language, use_texts, Language};
use crate::theme::park_type_colour;

#[component]
pub fn ParkList(
    parks: Vec<Feature<ParkProperties>>,
    #[prop(into)] selected: Signal<Option<i64>>,
    on_select: impl Fn(i64) + Copy + 'static,
) -> impl IntoView {
    let texts = use_texts();
    let language = use_language();
    view! {
        <section class="park-list" aria-labelledby="park-list-heading">
            <h2 id="park-list-heading" class="panel__heading">{move || texts.get().parks_heading}</h2>
            <ul class="park-list__items">
                {parks
                    .into_iter()
                    .map(|park| {
                        let id = park.id;
                        let properties = park.properties;
                        let name = properties.name.clone();
                        let name_en = properties.name_en.clone();
                        let area_km2 = properties.area_m2.0 / 1_000_000.0;
                        view! {
                            <li>
                                <button
                                    class="park-card"
                                    type="button"
                                    aria-pressed=move || (selected.get() == Some(id)).to_string()
                                    on:click=move |_| on_select(id)
                                >
                                    <span class="park-card__type" style:color=park_type_colour(properties.park_type)>
                                        {move || texts.get().park_type(properties.park_type)}
                                    </span>
                                    <span class="park-card__name">
                                        {move || match language.get() {
                                            Language::Zh => name.clone(),
                                            Language::En => name_en.clone(),
                                        }}
                                    </span>
                                    <span class="park-card__facts">
                                        {properties.district.clone()} " · "
                                        {format!("{area_km2:.2}")} " " {move || texts.get().area_km2} " · "
                                        {properties.parcel_count} " " {move || texts.get().parcels_unit}
                                    </span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
