//! The flag filter (a chip per flag with its count and area) and the list of the parcels
//! carrying the chosen flag, each with core's reasons. A tapped item is selected; the
//! selected one is marked and scrolled into view when the map selects it.

use leptos::prelude::*;
use parkatlas_core::control::LandFlagKind;

use crate::format::area_mu;
use crate::i18n::{fill, use_texts};
use crate::pages::land::state::{LandBook, FLAG_KINDS};
use crate::pages::land::texts::use_land_texts;

#[component]
pub fn FlagFilter(
    #[prop(into)] book: Signal<LandBook>,
    #[prop(into)] chosen: Signal<Option<LandFlagKind>>,
    #[prop(into)] on_choose: Callback<Option<LandFlagKind>>,
) -> impl IntoView {
    let texts = use_land_texts();
    let app_texts = use_texts();
    let chip = move |kind: Option<LandFlagKind>| {
        let label = move || match kind {
            None => texts.get().all_flags.to_string(),
            Some(kind) => book.with(|book| {
                let summary = fill(
                    texts.get().count_area,
                    &[("n", book.count(kind).to_string()), ("area", area_mu(book.area(kind), app_texts.get()))],
                );
                format!("{} {summary}", texts.get().flag(kind))
            }),
        };
        view! {
            <button
                type="button"
                class="chip"
                data-flag=kind.map_or("all", crate::pages::land::state::flag_key)
                aria-pressed=move || (chosen.get() == kind).to_string()
                on:click=move |_| on_choose.run(kind)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="chips land-filter" role="group" aria-label=move || texts.get().filter_label>
            {chip(None)}
            {FLAG_KINDS.into_iter().map(|kind| chip(Some(kind))).collect_view()}
        </div>
    }
}

#[component]
pub fn FlagList(
    #[prop(into)] book: Signal<LandBook>,
    #[prop(into)] chosen: Signal<Option<LandFlagKind>>,
    #[prop(into)] selected: Signal<Option<i64>>,
    #[prop(into)] on_select: Callback<i64>,
) -> impl IntoView {
    let texts = use_land_texts();
    let app_texts = use_texts();
    // The item the map selected comes into view (the list is the page's other half on a phone).
    Effect::new(move || {
        let Some(id) = selected.get() else { return };
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        if let Some(item) = document.get_element_by_id(&format!("land-item-{id}")) {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            item.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    let items = move || {
        book.with(|book| {
            let listed = book.listed(chosen.get());
            if listed.is_empty() {
                return view! { <p class="hint" data-testid="land-empty">{texts.get().list_empty}</p> }.into_any();
            }
            let app = app_texts.get();
            let items = listed
                .into_iter()
                .map(|parcel| {
                    let id = parcel.id();
                    let properties = &parcel.record.properties;
                    let facts = format!(
                        "{} · {} · {}",
                        app.parcel_status(properties.status),
                        app.land_use(properties.land_use),
                        area_mu(properties.area_m2, app)
                    );
                    let reasons = parcel
                        .flags
                        .iter()
                        .filter(|flag| chosen.get().is_none_or(|kind| kind == flag.kind))
                        .map(|flag| {
                            let reason = app.pick(&flag.explanation).to_string();
                            view! {
                                <li data-flag=crate::pages::land::state::flag_key(flag.kind)>
                                    <strong>{texts.get().flag(flag.kind)}</strong>" "{reason}
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <li class="land-item" id=format!("land-item-{id}") data-testid="land-item">
                            <button
                                type="button"
                                class="land-item__pick"
                                aria-pressed=move || (selected.get() == Some(id)).to_string()
                                on:click=move |_| on_select.run(id)
                            >
                                <span class="land-item__code">{properties.code.clone()}</span>
                                <span class="land-item__facts">{facts}</span>
                            </button>
                            <ul class="land-item__reasons">{reasons}</ul>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul class="land-list" aria-label=move || texts.get().list_label data-testid="land-list">
                    {items}
                </ul>
            }
            .into_any()
        })
    };
    view! { <div class="land-lists">{items}</div> }
}
