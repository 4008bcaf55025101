//! The one module that touches Leaflet (through leaflet-rs and leptos-leaflet): the
//! map, its base maps, park boundaries, and the parcel layer drawn from Rust.
//!
//! [`ParkMap`] creates the map and hands the page a [`MapHandle`] to drive it; the page
//! decides what to fetch and show. After each draw the container's
//! `data-parcels-drawn` and `data-parks-drawn` attributes hold the counts, and after
//! each move `data-zoom` holds the zoom, so tests and tools can read what is on the map
//! without reaching into Leaflet. Drawing a viewport is timed as the
//! `parkatlas:parcels-drawn` performance measure (decoding included).

pub mod decode;
pub mod outline;
mod parcel_layer;
pub mod pin;
mod projection;
pub mod tiles;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use js_sys::Array;
use leaflet::{Canvas, FeatureGroup, LatLng, LatLngBounds, Map, PolylineOptions, TileLayer, Tooltip, TooltipOptions};
use leptos::html::Div;
use leptos::prelude::*;
use leptos_leaflet::prelude::*;
use parkatlas_core::geometry::gcj02::{gcj02_to_wgs84, wgs84_to_gcj02};
use parkatlas_core::geometry::BoundingBox;
use parkatlas_core::wire::{ClientConfig, Feature, LandFilter, ParkProperties};
use wasm_bindgen::JsValue;

use self::decode::{extent_of, polygons_of, ViewportCollection};
use self::parcel_layer::Datum;
use self::parcel_layer::ParcelLayer;
use self::tiles::BaseMap;
use crate::components::shared::deferred::Deferred;
use crate::theme::park_type_colour;

/// Where the map starts when neither the link nor the parks say: central Wuhan.
const WUHAN: (f64, f64) = (30.55, 114.30);

/// What the map shows: centre and extent in WGS-84 whatever the base map's datum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapView {
    pub lat: f64,
    pub lng: f64,
    pub zoom: f64,
    pub bbox: BoundingBox,
}

/// A parcel picked on the map, and the WGS-84 point where it was picked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pick {
    pub parcel: i64,
    pub lat: f64,
    pub lng: f64,
}

/// A position to start at, from a shared link.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StartView {
    pub lat: f64,
    pub lng: f64,
    pub zoom: f64,
}

impl From<MapView> for StartView {
    fn from(view: MapView) -> StartView {
        StartView { lat: view.lat, lng: view.lng, zoom: view.zoom }
    }
}

/// A base map on the map, and the tile layers that draw it.
type ShownBase = (BaseMap, Vec<TileLayer>);

/// The page's handle on the map.
#[derive(Clone)]
pub struct MapHandle {
    map: Map,
    container: web_sys::HtmlElement,
    parcels: ParcelLayer,
    config: Rc<ClientConfig>,
    parks: Rc<Vec<Feature<ParkProperties>>>,
    /// The base map shown and its tile layers; `None` until the first is added.
    base: Rc<RefCell<Option<ShownBase>>>,
    boundaries: Rc<RefCell<Option<FeatureGroup>>>,
    /// The parks' name labels in `parks` order, and the names they show.
    labels: Rc<RefCell<(Vec<Tooltip>, Vec<String>)>>,
    position: Rc<RefCell<Option<leaflet::Circle>>>,
    renderer: Canvas,
    /// The outline being drawn or reshaped, made by the first `listen_to_outline` (only
    /// the signed-in land page's map has one, so the public atlas's bundle holds none of it).
    outline: Rc<RefCell<Option<Rc<self::outline::OutlineLayer>>>>,
}

impl MapHandle {
    /// Decodes a `GET /parcels` response and draws it; returns the number drawn.
    pub fn draw_viewport(&self, json: &str) -> Result<usize, serde_json::Error> {
        const START: &str = "parkatlas:parcels-received";
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(performance) = &performance {
            let _ = performance.mark(START);
        }
        let collection: ViewportCollection = serde_json::from_str(json)?;
        let drawn = self.parcels.set_parcels(collection.features);
        if let Some(performance) = &performance {
            let _ = performance.measure_with_start_mark("parkatlas:parcels-drawn", START);
        }
        let _ = self.container.set_attribute("data-parcels-drawn", &drawn.to_string());
        Ok(drawn)
    }

    pub fn select(&self, parcel: Option<i64>) {
        self.parcels.set_selected(parcel);
    }

    /// Dims what `filter` (and `found`, the answer to a text search) leaves out.
    pub fn filter(&self, filter: LandFilter, found: Option<Vec<i64>>) {
        self.parcels.set_filter(filter, found);
    }

    pub fn base(&self) -> BaseMap {
        self.base.borrow().as_ref().map_or(BaseMap::None, |(base, _)| *base)
    }

    /// Swaps the tile layers, and shifts parcels and boundaries when the datum changes.
    pub fn set_base(&self, base: BaseMap) {
        let view = self.view();
        let mut current = self.base.borrow_mut();
        if current.as_ref().is_some_and(|(shown, _)| *shown == base) {
            return;
        }
        let datum_changed = current.as_ref().is_some_and(|(shown, _)| shown.datum() != base.datum());
        for layer in current.take().into_iter().flat_map(|(_, layers)| layers) {
            layer.remove();
        }
        *current = Some((base, base.add_to(&self.map, &self.config)));
        drop(current);
        self.parcels.set_datum(base.datum());
        let _ = self.container.set_attribute("data-base", base.key());
        if datum_changed {
            self.draw_boundaries();
            // Keep the same ground in the middle of the screen.
            self.map.set_view_with_options(&self.lat_lng(view.lat, view.lng), view.zoom, &no_animation());
        }
    }

    /// The current view, in WGS-84.
    pub fn view(&self) -> MapView {
        let centre = self.map.get_center();
        let bounds = self.map.get_bounds();
        let (lng, lat) = self.to_wgs84(centre.lng(), centre.lat());
        let (west, south) = self.to_wgs84(bounds.get_south_west().lng(), bounds.get_south_west().lat());
        let (east, north) = self.to_wgs84(bounds.get_north_east().lng(), bounds.get_north_east().lat());
        MapView { lat, lng, zoom: self.map.get_zoom(), bbox: BoundingBox { west, south, east, north } }
    }

    /// Frames a WGS-84 box, animated unless `instantly`, in the part of the map that
    /// `cover` (a panel over it) leaves clear.
    pub fn frame(&self, bbox: BoundingBox, instantly: bool, cover: Option<&web_sys::Element>) {
        let bounds = LatLngBounds::new(&self.lat_lng(bbox.south, bbox.west), &self.lat_lng(bbox.north, bbox.east));
        let options = self.clear_of(cover);
        let _ = js_sys::Reflect::set(&options, &"maxZoom".into(), &JsValue::from_f64(17.0));
        if instantly {
            let _ = js_sys::Reflect::set(&options, &"animate".into(), &JsValue::FALSE);
        }
        self.map.fit_bounds_with_options(&bounds, &options);
    }

    /// Pans, without zooming, just enough to bring a WGS-84 point into the part of the
    /// map that `cover` leaves clear.
    pub fn reveal(&self, lat: f64, lng: f64, cover: &web_sys::Element) {
        self.map.pan_inside_with_options(&self.lat_lng(lat, lng), &self.clear_of(Some(cover)));
    }

    /// Leaflet's padding options for a view clear of `cover`: a panel at the right hides
    /// a strip on the right of the map, a sheet at the bottom one at the bottom; other
    /// covers are ignored, and so is one that would leave too little clear (the parcel
    /// is better under it than off-screen).
    fn clear_of(&self, cover: Option<&web_sys::Element>) -> js_sys::Object {
        const MARGIN: f64 = 24.0;
        const LEAST_CLEAR: f64 = 120.0;
        let map = self.container.get_bounding_client_rect();
        let (mut right, mut bottom) = (0.0, 0.0);
        if let Some(panel) = cover.map(web_sys::Element::get_bounding_client_rect) {
            let spans_width = panel.left() <= map.left() + 1.0 && panel.right() >= map.right() - 1.0;
            let spans_height = panel.top() <= map.top() + 1.0 && panel.bottom() >= map.bottom() - 1.0;
            if spans_width && panel.top() > map.top() {
                bottom = (map.bottom() - panel.top()).max(0.0);
            } else if spans_height && panel.left() > map.left() {
                right = (map.right() - panel.left()).max(0.0);
            }
            if map.width() - right < LEAST_CLEAR || map.height() - bottom < LEAST_CLEAR {
                (right, bottom) = (0.0, 0.0);
            }
        }
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"paddingTopLeft".into(), &Array::of2(&MARGIN.into(), &MARGIN.into()));
        let _ = js_sys::Reflect::set(
            &options,
            &"paddingBottomRight".into(),
            &Array::of2(&(MARGIN + right).into(), &(MARGIN + bottom).into()),
        );
        options
    }

    /// Centres on a WGS-84 position at `zoom`.
    pub fn go_to(&self, lat: f64, lng: f64, zoom: f64) {
        self.map.set_view(&self.lat_lng(lat, lng), zoom);
    }

    /// Marks a found position with its accuracy circle, replacing any earlier mark.
    pub fn mark_position(&self, lat: f64, lng: f64, accuracy_m: f64) {
        let _ = self.container.set_attribute("data-located", &format!("{lat:.5},{lng:.5}"));
        let options = leaflet::CircleOptions::new();
        options.set_radius(accuracy_m.max(5.0));
        options.set_color("#1565c0".into());
        options.set_weight(2.0);
        options.set_fill_opacity(0.15);
        options.set_interactive(false);
        let circle = leaflet::Circle::new_with_options(&self.lat_lng(lat, lng), &options);
        circle.add_to(&self.map);
        if let Some(earlier) = self.position.borrow_mut().replace(circle) {
            earlier.remove();
        }
    }

    /// A WGS-84 position as the base map's datum places it.
    fn lat_lng(&self, lat: f64, lng: f64) -> LatLng {
        let (lng, lat) = match self.base().datum() {
            Datum::Gcj02 => wgs84_to_gcj02(lng, lat),
            Datum::Wgs84 => (lng, lat),
        };
        LatLng::new(lat, lng)
    }

    fn to_wgs84(&self, lng: f64, lat: f64) -> (f64, f64) {
        match self.base().datum() {
            Datum::Gcj02 => gcj02_to_wgs84(lng, lat),
            Datum::Wgs84 => (lng, lat),
        }
    }

    fn draw_boundaries(&self) {
        if let Some(old) = self.boundaries.borrow_mut().take() {
            old.remove();
        }
        let group = FeatureGroup::new();
        let mut labels = Vec::new();
        let names = self.labels.borrow().1.clone();
        for (index, park) in self.parks.iter().enumerate() {
            let options = boundary_style(&park.properties);
            options.set_renderer(JsValue::from(self.renderer.clone()));
            let polygon = leaflet::Polygon::new_with_options(&self.rings(&polygons_of(&park.geometry)), &options);
            let label = name_label(names.get(index).unwrap_or(&park.properties.name));
            polygon.bind_tooltip(&label);
            labels.push(label);
            group.add_layer(&polygon);
        }
        group.add_to(&self.map);
        let _ = self.container.set_attribute("data-parks-drawn", &labels.len().to_string());
        self.labels.borrow_mut().0 = labels;
        *self.boundaries.borrow_mut() = Some(group);
    }

    /// Leaflet's nesting: one polygon is `[outer, hole…]`, several are `[[outer, hole…], …]`.
    fn rings(&self, polygons: &[Vec<Vec<[f64; 2]>>]) -> Array {
        let polygon_rings = |rings: &Vec<Vec<[f64; 2]>>| -> Array {
            rings
                .iter()
                .map(|ring| ring.iter().map(|&[lon, lat]| JsValue::from(self.lat_lng(lat, lon))).collect::<Array>())
                .collect()
        };
        match polygons {
            [single] => polygon_rings(single),
            many => many.iter().map(polygon_rings).collect(),
        }
    }

    /// Relabels the parks (after a language switch), in `parks` order.
    pub fn label_parks(&self, names: Vec<String>) {
        let mut labels = self.labels.borrow_mut();
        for (label, name) in labels.0.iter().zip(&names) {
            label.set_content(&JsValue::from_str(name));
        }
        labels.1 = names;
    }
}

/// The map. `on_ready` receives the handle once Leaflet exists; `on_view` hears every
/// settled move; `on_pick` hears a parcel click (`None`: a click beside every parcel).
#[component]
pub fn ParkMap(
    config: ClientConfig,
    parks: Vec<Feature<ParkProperties>>,
    base: BaseMap,
    start: Option<StartView>,
    #[prop(into)] label: Signal<&'static str>,
    on_ready: impl FnOnce(MapHandle) + 'static,
    on_view: impl Fn(MapView) + 'static,
    on_pick: impl Fn(Option<Pick>) + 'static,
) -> impl IntoView {
    let (map, set_map) = JsRwSignal::<Option<Map>>::new_local(None).split();
    let container = NodeRef::<Div>::new();
    let setup = RefCell::new(Some(MapSetup {
        config,
        parks,
        base,
        start,
        on_ready: Box::new(on_ready),
        on_view: Box::new(on_view),
        on_pick: Box::new(on_pick),
    }));

    Effect::new(move || {
        let (Some(map), Some(container)) = (map.get(), container.get()) else { return };
        let Some(setup) = setup.borrow_mut().take() else { return };
        // A task of its own, after the one that created Leaflet (see below).
        set_timeout(move || setup.run(map, container.into()), Duration::ZERO);
    });

    // Creating Leaflet measures the container, which would lay out the freshly built
    // page inside the task that built it.
    view! {
        <div class="park-map" node_ref=container data-testid="park-map" role="region" aria-label=move || label.get()>
            <Deferred>
                <MapContainer
                    class="park-map__leaflet"
                    center=Position::new(WUHAN.0, WUHAN.1)
                    zoom=11.0
                    prefer_canvas=true
                    map=set_map
                />
            </Deferred>
        </div>
    }
}

/// What [`ParkMap`] needs to set up its Leaflet map once that exists.
struct MapSetup {
    config: ClientConfig,
    parks: Vec<Feature<ParkProperties>>,
    base: BaseMap,
    start: Option<StartView>,
    on_ready: Box<dyn FnOnce(MapHandle)>,
    on_view: Box<dyn Fn(MapView)>,
    on_pick: Box<dyn Fn(Option<Pick>)>,
}

impl MapSetup {
    /// Adds the layers, shows the start view and hands the page its [`MapHandle`].
    fn run(self, map: Map, container: web_sys::HtmlElement) {
        // The container may have been laid out after Leaflet measured it.
        map.invalidate_size(false);
        let handle = MapHandle {
            parcels: ParcelLayer::add_to(&map, self.on_pick),
            map: map.clone(),
            container,
            config: Rc::new(self.config),
            parks: Rc::new(self.parks),
            base: Rc::new(RefCell::new(None)),
            boundaries: Rc::new(RefCell::new(None)),
            labels: Rc::new(RefCell::new((Vec::new(), Vec::new()))),
            position: Rc::new(RefCell::new(None)),
            renderer: Canvas::new(),
            outline: Rc::new(RefCell::new(None)),
        };
        handle.set_base(self.base);
        handle.draw_boundaries();
        match self.start {
            Some(start) => {
                handle.map.set_view_with_options(&handle.lat_lng(start.lat, start.lng), start.zoom, &no_animation());
            }
            None => {
                if let Some(bbox) = handle
                    .parks
                    .iter()
                    .filter_map(|park| extent_of(&polygons_of(&park.geometry)))
                    .reduce(BoundingBox::union)
                {
                    handle.frame(bbox, true, None);
                }
            }
        }
        let moved = handle.clone();
        let on_view = self.on_view;
        map.on_move_end(Box::new(move |_| {
            let view = moved.view();
            let _ = moved.container.set_attribute("data-zoom", &view.zoom.to_string());
            on_view(view);
        }));
        let view = handle.view();
        let _ = handle.container.set_attribute("data-zoom", &view.zoom.to_string());
        (self.on_ready)(handle);
    }
}

/// A permanent label with the park's name at the centre of its boundary.
fn name_label(name: &str) -> Tooltip {
    let options = TooltipOptions::new();
    options.set_permanent(true);
    options.set_direction("center".into());
    // leaflet-rs has no setter for className; Leaflet reads it from the options object.
    let _ = js_sys::Reflect::set(&options, &"className".into(), &"park-label".into());
    let label = Tooltip::new(&options, None);
    label.set_content(&JsValue::from_str(name));
    label
}

fn no_animation() -> JsValue {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"animate".into(), &JsValue::FALSE);
    options.into()
}

fn boundary_style(park: &ParkProperties) -> PolylineOptions {
    let colour = park_type_colour(park.park_type);
    let options = PolylineOptions::new();
    options.set_color(colour.into());
    options.set_weight(2.5);
    options.set_dash_array("6 4".into());
    options.set_fill_color(colour.into());
    options.set_fill_opacity(0.06);
    // Parcels on top take the clicks; the boundary is context.
    options.set_interactive(false);
    options
}
