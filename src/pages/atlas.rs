//! The public map (`/`): find land with search and filters, see it on the map and in a
//! list that follows the map, open a parcel, check a plan against its 标准地 terms and
//! ask the park. The whole state lives in the URL (see [`crate::url_state`]).

use leptos::prelude::*;
use parkatlas_core::geometry::{BoundingBox, MAX_ZOOM};
use parkatlas_core::text::Bilingual;
use parkatlas_core::wire::{ClientConfig, Feature, LandMatch, ParkProperties, MAX_LAND_LIMIT};

use crate::api::{self, ApiFailure};
use crate::components::public::finder::{Filters, SearchBox};
use crate::components::public::parcel_details::ParcelDetails;
use crate::components::public::results::Results;
use crate::components::shared::deferred::Deferred;
use crate::components::shared::legend::Legend;
use crate::components::shared::states::{outcome, Empty, Loading};
use crate::components::shared::toggle::ToggleButton;
use crate::i18n::use_texts;
use crate::map::decode::{extent_of, polygons_of};
use crate::map::tiles::BaseMap;
use crate::map::{MapHandle, MapView, ParkMap, Pick};
use crate::url_state::AtlasUrl;

/// Parcels listed beside the map at most; the list says how many more match.
const LISTED: u32 = 50;

#[derive(Clone)]
struct Loaded {
    config: ClientConfig,
    parks: Vec<Feature<ParkProperties>>,
}

async fn load() -> Result<Loaded, ApiFailure> {
    let (config, parks) = futures::try_join!(api::config(), api::parks())?;
    Ok(Loaded { config, parks: parks.features })
}

#[component]
pub fn AtlasPage() -> impl IntoView {
    let texts = use_texts();
    let loaded = LocalResource::new(load);
    // Not a <Suspense>: the atlas's own resources, first read in its effects, would
    // register with it and swap the whole page, map and all, for the loading state.
    move || match loaded.get() {
        None => view! { <Loading message=Signal::derive(move || texts.get().loading) /> }.into_any(),
        Some(result) => {
            let show = |data: Loaded| {
                if data.parks.is_empty() {
                    view! {
                        <Empty
                            heading=Signal::derive(move || texts.get().empty_heading)
                            body=Signal::derive(move || texts.get().empty_body)
                        />
                    }
                    .into_any()
                } else {
                    view! { <Atlas loaded=data /> }.into_any()
                }
            };
            outcome(result, show, move || loaded.refetch())
        }
    }
}

/// The box the map's parcels were last fetched for: a view inside it at the same zoom
/// needs no new request.
#[derive(Debug, Clone, Copy, PartialEq)]
struct FetchArea {
    bbox: BoundingBox,
    zoom: u8,
}

impl FetchArea {
    /// The view widened by half its size on every side, so small pans stay inside.
    fn around(view: &MapView) -> FetchArea {
        let BoundingBox { west, south, east, north } = view.bbox;
        let (dx, dy) = ((east - west) / 2.0, (north - south) / 2.0);
        FetchArea {
            bbox: BoundingBox {
                west: (west - dx).max(-180.0),
                south: (south - dy).max(-85.0),
                east: (east + dx).min(180.0),
                north: (north + dy).min(85.0),
            },
            zoom: view.zoom.round().clamp(0.0, f64::from(MAX_ZOOM)) as u8,
        }
    }

    fn covers(&self, view: &MapView) -> bool {
        let b = &self.bbox;
        self.zoom == view.zoom.round() as u8
            && view.bbox.west >= b.west
            && view.bbox.east <= b.east
            && view.bbox.south >= b.south
            && view.bbox.north <= b.north
    }
}

#[component]
fn Atlas(loaded: Loaded) -> impl IntoView {
    let texts = use_texts();
    let location = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let (url, url_problem) = AtlasUrl::parse(&location);
    let available_bases = BaseMap::available(&loaded.config);
    let start_base =
        url.base.filter(|base| available_bases.contains(base)).unwrap_or_else(|| BaseMap::default_for(&loaded.config));

    let filter = RwSignal::new(url.filter.clone());
    let selected = RwSignal::new(url.parcel);
    let base = RwSignal::new(start_base);
    let view_now = RwSignal::new(None::<MapView>);
    let handle = StoredValue::new_local(None::<MapHandle>);
    let drawn_error = RwSignal::new(None::<String>);
    let list_open = RwSignal::new(false);

    // Viewport parcels: fetched for an area around the view, again only when the view leaves it.
    let fetch_area = Memo::new(move |previous: Option<&Option<FetchArea>>| {
        let view = view_now.get()?;
        match previous.copied().flatten() {
            Some(area) if area.covers(&view) => Some(area),
            _ => Some(FetchArea::around(&view)),
        }
    });
    let viewport = LocalResource::new(move || async move {
        match fetch_area.get() {
            Some(area) => api::parcels_in_view(area.bbox, area.zoom).await.map(Some),
            None => Ok(None),
        }
    });
    Effect::new(move || {
        let Some(result) = viewport.get() else { return };
        match result {
            Ok(Some(json)) => handle.with_value(|map| {
                if let Some(map) = map {
                    drawn_error.set(
                        map.draw_viewport(&json).err().map(|_| texts.get_untracked().error_unreadable.to_string()),
                    );
                }
            }),
            Ok(None) => {}
            Err(failure) => drawn_error.set(Some(failure.describe(texts.get_untracked()))),
        }
    });

    // A text or industry search is answered by the server for the whole atlas: the map
    // dims what it did not find and frames what it did.
    let needs_server =
        Memo::new(move |_| filter.with(|f| (!f.text.is_empty() || f.industry.is_some()).then(|| f.clone())));
    let found = LocalResource::new(move || async move {
        match needs_server.get() {
            Some(filter) => api::find_land(&filter, None, MAX_LAND_LIMIT).await.map(Some),
            None => Ok(None),
        }
    });
    Effect::new(move || {
        let filter = filter.get();
        let found_ids = match found.get() {
            Some(Ok(Some(search))) => Some(search.parcels.iter().map(|p| p.id).collect()),
            _ => None,
        };
        handle.with_value(|map| {
            if let Some(map) = map {
                map.filter(filter, found_ids);
            }
        });
    });
    // Frame the matches of a new text search (not of every filter change).
    let framed_text = StoredValue::new(url.filter.text.clone());
    Effect::new(move || {
        let Some(Ok(Some(search))) = found.get() else { return };
        let text = filter.with_untracked(|f| f.text.clone());
        if text.is_empty() || framed_text.get_value() == text {
            return;
        }
        framed_text.set_value(text);
        if let Some(bounds) = search.bounds {
            handle.with_value(|map| map.as_ref().map(|map| map.frame(bounds, false, None)));
        }
    });

    // The list: matches within the current view.
    let listed = LocalResource::new(move || async move {
        let filter = filter.get();
        match view_now.get() {
            Some(view) => api::find_land(&filter, Some(view.bbox), LISTED).await.map(Some),
            None => Ok(None),
        }
    });
    let listed_total = Memo::new(move |_| listed.with(|result| Some(result.as_ref()?.as_ref().ok()?.as_ref()?.total)));
    let nothing_found =
        Memo::new(move |_| found.with(|result| matches!(result, Some(Ok(Some(search))) if search.total == 0)));

    Effect::new(move || {
        let parcel = selected.get();
        handle.with_value(|map| map.as_ref().map(|map| map.select(parcel)));
    });
    Effect::new(move || {
        let chosen = base.get();
        handle.with_value(|map| map.as_ref().map(|map| map.set_base(chosen)));
    });

    // Every change goes into the URL (replacing, so Back leaves the map rather than
    // stepping through every pan).
    Effect::new(move || {
        let state = AtlasUrl {
            start: view_now.get().map(|v| crate::map::StartView { lat: v.lat, lng: v.lng, zoom: v.zoom }),
            parcel: selected.get(),
            base: Some(base.get()),
            filter: filter.get(),
        };
        let query = state.to_query();
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let url = if query.is_empty() { "/".to_string() } else { format!("/?{query}") };
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    });

    let parks = loaded.parks.clone();
    let names: Vec<(i64, Bilingual)> = parks.iter().map(|p| (p.id, p.properties.name())).collect();
    let names_for_map = names.clone();
    Effect::new(move || {
        let texts = texts.get();
        let labels = names_for_map.iter().map(|(_, name)| texts.pick(name).to_string()).collect();
        handle.with_value(|map| map.as_ref().map(|map| map.label_parks(labels)));
    });
    let park_name =
        Callback::new(move |id: i64| names.iter().find(|(park, _)| *park == id).map(|(_, name)| name.clone()));

    // Choosing a park (in the filter, or through a park page's link) frames it.
    let park_extents: Vec<(i64, BoundingBox)> =
        parks.iter().filter_map(|park| Some((park.id, extent_of(&polygons_of(&park.geometry))?))).collect();
    let framed_park = StoredValue::new(if url.start.is_some() { url.filter.park_id } else { None });
    Effect::new(move || {
        let park = filter.with(|f| f.park_id);
        // Tracked so that the first view (the map now exists) runs this again.
        let ready = view_now.with(Option::is_some) && handle.with_value(Option::is_some);
        if !ready || park == framed_park.get_value() {
            return;
        }
        framed_park.set_value(park);
        if let Some((_, extent)) = park_extents.iter().find(|(id, _)| Some(*id) == park) {
            handle.with_value(|map| map.as_ref().map(|map| map.frame(*extent, false, None)));
        }
    });

    // An opened parcel is kept in sight beside (or above) its details: once the sheet is
    // laid out, the map frames or pans the parcel into the part the sheet leaves clear.
    let sheet = NodeRef::<leptos::html::Aside>::new();
    let open = move |parcel: LandMatch| {
        selected.set(Some(parcel.id));
        list_open.set(false);
        request_animation_frame(move || {
            let cover = sheet.get_untracked();
            handle.with_value(|map| map.as_ref().map(|map| map.frame(parcel.bbox, false, cover.as_deref())));
        });
    };
    let pick = move |picked: Option<Pick>| {
        let Some(pick) = picked else { return };
        selected.set(Some(pick.parcel));
        request_animation_frame(move || {
            let Some(cover) = sheet.get_untracked() else { return };
            handle.with_value(|map| map.as_ref().map(|map| map.reveal(pick.lat, pick.lng, &cover)));
        });
    };
    let locate = Action::new_local(move |_: &()| async move {
        let (lat, lng, accuracy) = crate::geolocation::current_position().await?;
        handle.with_value(|map| {
            if let Some(map) = map {
                map.go_to(lat, lng, 15.0);
                map.mark_position(lat, lng, accuracy);
            }
        });
        Ok::<_, String>(())
    });
    let locating = move || {
        if locate.pending().get() {
            return Some(texts.get().locating.to_string());
        }
        locate.value().get()?.err().map(|reason| format!("{}: {reason}", texts.get().locate_failed))
    };

    let parks_for_details = parks.clone();
    let parks_for_filters = parks.clone();
    let demo = loaded.config.demo_data;
    view! {
        <div class="atlas" class:atlas--details=move || selected.get().is_some()>
            <div class="atlas__map">
                <ParkMap
                    config=loaded.config.clone()
                    parks=parks
                    base=start_base
                    start=url.start
                    label=Signal::derive(move || texts.get().map_label)
                    on_ready=move |map: MapHandle| {
                        let view = map.view();
                        map.select(selected.get_untracked());
                        handle.set_value(Some(map));
                        view_now.set(Some(view));
                    }
                    on_view=move |view| view_now.set(Some(view))
                    on_pick=pick
                />
                <div class="map-tools">
                    <label class="visually-hidden" for="base-map">{move || texts.get().base_map}</label>
                    <select
                        id="base-map"
                        class="map-tools__select"
                        title=move || texts.get().base_map
                        on:change=move |event| {
                            if let Some(chosen) = BaseMap::from_key(&event_target_value(&event)) {
                                base.set(chosen);
                            }
                        }
                    >
                        {available_bases
                            .into_iter()
                            .map(|option| {
                                view! {
                                    <option value=option.key() selected=move || base.get() == option>
                                        {move || base_name(option, texts.get())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <button class="button map-tools__locate" type="button" on:click=move |_| { locate.dispatch(()); }>
                        {move || texts.get().locate}
                    </button>
                </div>
                {move || locating().map(|text| view! { <p class="map-toast" role="status">{text}</p> })}
                {move || drawn_error.get().map(|text| view! { <p class="map-toast map-toast--error" role="alert">{text}</p> })}
            </div>
            <aside class="finder" class:finder--open=move || list_open.get() aria-label=move || texts.get().results_heading>
                <div class="finder__bar">
                    <SearchBox filter />
                    <ToggleButton open=list_open controls="finder-body" class="finder__toggle">
                        {move || if list_open.get() { texts.get().show_map } else { texts.get().show_list }}
                        {move || listed_total.get().map(|total| view! { <span class="badge badge--count">{total}</span> })}
                    </ToggleButton>
                </div>
                <div class="finder__body" id="finder-body">
                    {demo.then(|| {
                        view! {
                            <p class="notice" data-testid="demo-notice">
                                <span class="badge">{move || texts.get().demo_badge}</span>
                                {move || texts.get().demo_note}
                            </p>
                        }
                    })}
                    {url_problem.map(|(_, problem)| {
                        view! { <p class="message message--warn" role="status">{move || texts.get().filter_problem} {problem.clone()}</p> }
                    })}
                    // The filters and the legend, many small controls, are built after the
                    // rest of the page has painted (see Deferred).
                    <Deferred>
                        <Filters filter parks=parks_for_filters.clone() />
                    </Deferred>
                    {move || {
                        (filter.with(|f| !f.text.is_empty()) && nothing_found.get())
                            .then(|| view! { <p class="message message--warn" role="status" data-testid="search-none">{texts.get().search_none}</p> })
                    }}
                    <section class="results" aria-labelledby="results-heading">
                        <h2 id="results-heading" class="panel__heading">
                            {move || texts.get().results_heading}
                            <small>{move || texts.get().results_in_view}</small>
                        </h2>
                        <Transition fallback=move || view! { <Loading message=Signal::derive(move || texts.get().finding) /> }>
                            {move || {
                                listed
                                    .get()
                                    .map(|result| outcome(result, |found| match found { Some(search) => view! { <Results search park_name selected on_open=open /> }.into_any(), None => ().into_any() }, move || listed.refetch()))
                            }}
                        </Transition>
                    </section>
                    <Deferred>
                        <Legend />
                    </Deferred>
                </div>
            </aside>
            {move || {
                selected
                    .get()
                    .map(|id| {
                        view! { <ParcelDetails id parks=parks_for_details.clone() sheet on_close=move || selected.set(None) /> }
                    })
            }}
        </div>
    }
}

fn base_name(base: BaseMap, texts: &crate::i18n::Texts) -> &'static str {
    match base {
        BaseMap::None => texts.base_none,
        BaseMap::Osm => texts.base_osm,
        BaseMap::TiandituVector => texts.base_tianditu,
        BaseMap::TiandituImagery => texts.base_tianditu_imagery,
        BaseMap::Amap => texts.base_amap,
    }
}
