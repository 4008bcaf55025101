//! Finding land: the search box and the filters (status, land use, area in 亩, park,
//! leading industry). Edits a [`LandFilter`] signal; the page does the searching.

use leptos::prelude::*;
use parkatlas_core::text::Bilingual;
use parkatlas_core::wire::{Feature, LandFilter, LandUse, ParcelStatus, ParkProperties};

use crate::i18n::{use_texts, Texts};
use crate::theme::parcel_status_colour;

#[component]
pub fn SearchBox(filter: RwSignal<LandFilter>) -> impl IntoView {
    let texts = use_texts();
    let draft = RwSignal::new(filter.get_untracked().text);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let text = draft.get_untracked().trim().to_string();
        filter.update(|f| f.text = text);
    };
    view! {
        <form class="search" role="search" on:submit=submit>
            <label class="visually-hidden" for="land-search">{move || texts.get().search_label}</label>
            <input
                id="land-search"
                class="search__input"
                type="search"
                enterkeyhint="search"
                maxlength="50"
                placeholder=move || texts.get().search_placeholder
                prop:value=move || draft.get()
                on:input=move |event| {
                    let value = event_target_value(&event);
                    if value.is_empty() {
                        filter.update(|f| f.text.clear());
                    }
                    draft.set(value);
                }
            />
            <button class="button search__button" type="submit">{move || texts.get().search_button}</button>
        </form>
    }
}

/// The filter controls. `parks` offers the park and leading-industry choices.
#[component]
pub fn Filters(filter: RwSignal<LandFilter>, parks: Vec<Feature<ParkProperties>>) -> impl IntoView {
    let texts = use_texts();
    let mut industries: Vec<String> =
        parks.iter().flat_map(|park| park.properties.details.leading_industries.iter().cloned()).collect();
    industries.sort();
    industries.dedup();
    let park_names: Vec<(i64, Bilingual)> = parks.iter().map(|p| (p.id, p.properties.name())).collect();

    let status_chips = ParcelStatus::ALL
        .into_iter()
        .map(|status| {
            let pressed = move || filter.with(|f| f.statuses.contains(&status));
            view! {
                <button
                    type="button"
                    class="chip"
                    aria-pressed=move || pressed().to_string()
                    on:click=move |_| filter.update(|f| toggle(&mut f.statuses, status))
                >
                    <span class="swatch" style:background-color=parcel_status_colour(status)></span>
                    {move || texts.get().parcel_status(status)}
                </button>
            }
        })
        .collect_view();
    let use_chips = LandUse::ALL
        .into_iter()
        .map(|land_use| {
            let pressed = move || filter.with(|f| f.land_uses.contains(&land_use));
            view! {
                <button
                    type="button"
                    class="chip"
                    aria-pressed=move || pressed().to_string()
                    on:click=move |_| filter.update(|f| toggle(&mut f.land_uses, land_use))
                >
                    {move || texts.get().land_use(land_use)}
                </button>
            }
        })
        .collect_view();

    let area_input = move |id: &'static str, label: fn(&Texts) -> &'static str, max: bool| {
        let value =
            move || filter.with(|f| if max { f.max_mu } else { f.min_mu }).map(|mu| mu.to_string()).unwrap_or_default();
        view! {
            <label class="field field--inline" for=id>
                <span class="field__label">{move || label(texts.get())}</span>
                <input
                    id=id
                    class="field__input"
                    type="number"
                    inputmode="decimal"
                    min="0"
                    max="30000"
                    step="any"
                    prop:value=value
                    on:change=move |event| {
                        let number = event_target_value(&event).trim().parse::<f64>().ok().filter(|n| n.is_finite() && *n >= 0.0);
                        filter.update(|f| if max { f.max_mu = number } else { f.min_mu = number });
                    }
                />
            </label>
        }
    };

    view! {
        <details class="filters" open=move || !filter.with(LandFilter::is_empty)>
            <summary class="filters__summary">
                {move || texts.get().filters_heading}
                {move || {
                    let count = filter.with(active_count);
                    (count > 0).then(|| view! { <span class="badge badge--count">{count}</span> })
                }}
            </summary>
            <fieldset class="filters__group">
                <legend>{move || texts.get().filter_status}</legend>
                <div class="chips">{status_chips}</div>
            </fieldset>
            <fieldset class="filters__group">
                <legend>{move || texts.get().filter_land_use}</legend>
                <div class="chips">{use_chips}</div>
            </fieldset>
            <fieldset class="filters__group filters__area">
                <legend>{move || texts.get().filter_area}</legend>
                {area_input("min-mu", |t| t.area_min, false)}
                {area_input("max-mu", |t| t.area_max, true)}
            </fieldset>
            <label class="field" for="filter-park">
                <span class="field__label">{move || texts.get().filter_park}</span>
                <select
                    id="filter-park"
                    class="field__input"
                    on:change=move |event| {
                        let park = event_target_value(&event).parse::<i64>().ok();
                        filter.update(|f| f.park_id = park);
                    }
                >
                    <option value="" selected=move || filter.with(|f| f.park_id.is_none())>{move || texts.get().any}</option>
                    {park_names
                        .into_iter()
                        .map(|(id, name)| {
                            view! {
                                <option value=id.to_string() selected=move || filter.with(|f| f.park_id == Some(id))>
                                    {move || texts.get().pick(&name).to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="field" for="filter-industry">
                <span class="field__label">{move || texts.get().filter_industry}</span>
                <select
                    id="filter-industry"
                    class="field__input"
                    on:change=move |event| {
                        let industry = event_target_value(&event);
                        filter.update(|f| f.industry = (!industry.is_empty()).then_some(industry));
                    }
                >
                    <option value="" selected=move || filter.with(|f| f.industry.is_none())>{move || texts.get().any}</option>
                    {industries
                        .into_iter()
                        .map(|industry| {
                            let chosen = industry.clone();
                            view! {
                                <option value=industry.clone() selected=move || filter.with(|f| f.industry.as_ref() == Some(&chosen))>
                                    {industry.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <button
                type="button"
                class="button button--quiet"
                disabled=move || filter.with(LandFilter::is_empty)
                on:click=move |_| filter.set(LandFilter::default())
            >
                {move || texts.get().clear_filters}
            </button>
        </details>
    }
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T) {
    match list.iter().position(|x| *x == item) {
        Some(index) => {
            list.remove(index);
        }
        None => list.push(item),
    }
}

/// How many filter controls are set (the search text is shown in its own box).
fn active_count(filter: &LandFilter) -> usize {
    usize::from(!filter.statuses.is_empty())
        + usize::from(!filter.land_uses.is_empty())
        + usize::from(filter.min_mu.is_some() || filter.max_mu.is_some())
        + usize::from(filter.park_id.is_some())
        + usize::from(filter.industry.is_some())
}
