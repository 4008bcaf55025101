//! The public map (`/`): find land with search and filters, see it on the map and in a
//! list that follows the map, open a parcel, check a plan against its 标准地 terms and
//! ask the park. The whole state lives in the URL (see [`crate::url_state`]).

mod state;

use leptos::prelude::*;
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
use crate::map::tiles::BaseMap;
use crate::map::{MapHandle, MapView, ParkMap, Pick, StartView};
use crate::url_state::{opened_query, use_replace_query, AtlasUrl};

use self::state::{atlas_search, FetchArea, Framing, Parks};

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

/// The map, once Leaflet has built it (in a later task than the page's). The effects
/// that drive the map track it, so each runs again when the map arrives and the map
/// starts in step with the page, whatever ran first.
#[derive(Clone, Copy)]
struct MapSlot(RwSignal<Option<MapHandle>, LocalStorage>);

impl MapSlot {
    fn new() -> MapSlot {
        MapSlot(RwSignal::new_local(None))
    }

    fn set(&self, map: MapHandle) {
        self.0.set(Some(map));
    }

    /// Whether the map exists; tracked.
    fn is_ready(&self) -> bool {
        self.0.with(Option::is_some)
    }

    /// Runs `act` on the map, if there is one yet; tracked, for effects.
    fn act(&self, act: impl FnOnce(&MapHandle)) {
        self.0.with(|map| map.as_ref().map(act));
    }

    /// Runs `act` on the map, if there is one yet; for event handlers and tasks.
    fn act_now(&self, act: impl FnOnce(&MapHandle)) {
        self.0.with_untracked(|map| map.as_ref().map(act));
    }
}

#[component]
fn Atlas(loaded: Loaded) -> impl IntoView {
    let texts = use_texts();
    let (url, url_problem) = AtlasUrl::parse(&opened_query());
    let available_bases = BaseMap::available(&loaded.config);
    let start_base =
        url.base.filter(|base| available_bases.contains(base)).unwrap_or_else(|| BaseMap::default_for(&loaded.config));

    let filter = RwSignal::new(url.filter.clone());
    let selected = RwSignal::new(url.parcel);
    let base = RwSignal::new(start_base);
    let view_now = RwSignal::new(None::<MapView>);
    let map = MapSlot::new();
    let drawn_error = RwSignal::new(None::<String>);
    let list_open = RwSignal::new(false);
    let parks = StoredValue::new(Parks::new(&loaded.parks));
    let framing = StoredValue::new(Framing::opened_with(&url));

    // Viewport parcels: fetched for an area around the view, again only when the view leaves it.
    let fetch_area = Memo::new(move |previous: Option<&Option<FetchArea>>| {
        Some(FetchArea::for_view(previous.copied().flatten(), &view_now.get()?))
    });
    let viewport = LocalResource::new(move || async move {
        match fetch_area.get() {
            Some(area) => api::parcels_in_view(area.bbox, area.zoom).await.map(Some),
            None => Ok(None),
        }
    });
    Effect::new(move || match viewport.get() {
        Some(Ok(Some(json))) => map.act(|map| {
            let unreadable = map.draw_viewport(&json).is_err();
            drawn_error.set(unreadable.then(|| texts.get_untracked().error_unreadable.to_string()));
        }),
        Some(Err(failure)) => drawn_error.set(Some(failure.describe(texts.get_untracked()))),
        Some(Ok(None)) | None => {}
    });

    // A text or industry search is answered by the server for the whole atlas: the map
    // dims what it did not find and frames what it did.
    let search = Memo::new(move |_| filter.with(atlas_search));
    let found = LocalResource::new(move || async move {
        match search.get() {
            Some(filter) => api::find_land(&filter, None, MAX_LAND_LIMIT).await.map(Some),
            None => Ok(None),
        }
    });
    Effect::new(move || {
        let filter = filter.get();
        let found_ids = found.with(|found| match found {
            Some(Ok(Some(search))) => Some(search.parcels.iter().map(|parcel| parcel.id).collect()),
            _ => None,
        });
        map.act(|map| map.filter(filter, found_ids));
    });
    Effect::new(move || {
        let Some(Ok(Some(search))) = found.get() else { return };
        let text = filter.with_untracked(|f| f.text.clone());
        let new_search = framing.try_update_value(|framing| framing.search(&text)).unwrap_or(false);
        if let Some(bounds) = search.bounds.filter(|_| new_search) {
            map.act(|map| map.frame(bounds, false, None));
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
        map.act(|map| map.select(parcel));
    });
    Effect::new(move || {
        let chosen = base.get();
        map.act(|map| map.set_base(chosen));
    });
    Effect::new(move || {
        let labels = parks.with_value(|parks| parks.labels(texts.get()));
        map.act(|map| map.label_parks(labels));
    });
    // Choosing a park (in the filter, or through a park page's link) frames it.
    Effect::new(move || {
        let park = filter.with(|f| f.park_id);
        // Not before the map exists, or the choice would be spent without being framed.
        if !map.is_ready() {
            return;
        }
        let framed = framing.try_update_value(|framing| framing.park(park)).flatten();
        if let Some(extent) = framed.and_then(|park| parks.with_value(|parks| parks.extent(park))) {
            map.act(|map| map.frame(extent, false, None));
        }
    });

    // Every change goes into the URL.
    let replace_query = use_replace_query("/");
    Effect::new(move || {
        let state = AtlasUrl {
            start: view_now.get().map(StartView::from),
            parcel: selected.get(),
            base: Some(base.get()),
            filter: filter.get(),
        };
        replace_query(&state.to_query());
    });
    let park_name = Callback::new(move |id: i64| parks.with_value(|parks| parks.name(id)));

    // An opened parcel is kept in sight beside (or above) its details: once the sheet is
    // laid out, the map frames or pans the parcel into the part the sheet leaves clear.
    let sheet = NodeRef::<leptos::html::Aside>::new();
    let open = move |parcel: LandMatch| {
        selected.set(Some(parcel.id));
        list_open.set(false);
        request_animation_frame(move || {
            let cover = sheet.get_untracked();
            map.act_now(|map| map.frame(parcel.bbox, false, cover.as_deref()));
        });
    };
    let pick = move |picked: Option<Pick>| {
        let Some(pick) = picked else { return };
        selected.set(Some(pick.parcel));
        request_animation_frame(move || {
            let Some(cover) = sheet.get_untracked() else { return };
            map.act_now(|map| map.reveal(pick.lat, pick.lng, &cover));
        });
    };
    let locate = Action::new_local(move |_: &()| async move {
        let (lat, lng, accuracy) = crate::geolocation::current_position().await?;
        map.act_now(|map| {
            map.go_to(lat, lng, 15.0);
            map.mark_position(lat, lng, accuracy);
        });
        Ok::<_, String>(())
    });
    let locating = move || {
        if locate.pending().get() {
            return Some(texts.get().locating.to_string());
        }
        locate.value().get()?.err().map(|reason| format!("{}: {reason}", texts.get().locate_failed))
    };

    let parks_for_filters = loaded.parks.clone();
    let parks_for_details = loaded.parks.clone();
    let demo = loaded.config.demo_data;
    view! {
        <div class="atlas" class:atlas--details=move || selected.get().is_some()>
            <div class="atlas__map">
                <ParkMap
                    config=loaded.config.clone()
                    parks=loaded.parks.clone()
                    base=start_base
                    start=url.start
                    label=Signal::derive(move || texts.get().map_label)
                    on_ready=move |ready: MapHandle| {
                        let view = ready.view();
                        map.set(ready);
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
