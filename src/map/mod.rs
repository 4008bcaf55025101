//! The one module that touches Leaflet (through leaflet-rs and leptos-leaflet):
//! park boundaries and land parcels drawn on a single shared canvas renderer.
//!
//! Parcels are plain Leaflet polygons created in one loop, not one Leptos component
//! each: thousands of reactive components would cost far more than the drawing.
//! After each draw the container's `data-parks-drawn` and `data-parcels-drawn`
//! attributes hold the counts, and after each move `data-zoom` holds the zoom, so
//! tests and tools can read what is on the map without reaching into Leaflet.

mod tiles;

use js_sys::Array;
use leaflet::{Canvas, FeatureGroup, LatLng, LatLngBounds, Map, PolylineOptions, Tooltip, TooltipOptions};
use leptos::html::Div;
use leptos::prelude::*;
use leptos_leaflet::prelude::*;
use parkatlas_core::geometry::{BoundingBox, Shape};
use parkatlas_core::wire::{Feature, ParcelProperties, ParkProperties, TileProvider};
use wasm_bindgen::JsValue;

use crate::theme::{parcel_status_colour, park_type_colour};

/// Where the map starts before the parks are known: central Wuhan.
const WUHAN: (f64, f64) = (30.55, 114.30);

/// The park map. `focus` names a park whose boundary the map should frame;
/// `park_names` labels the parks on the map, in `parks` order, in the current language.
#[component]
pub fn ParkMap(
    tiles: TileProvider,
    parks: Vec<Feature<ParkProperties>>,
    parcels: Vec<Feature<ParcelProperties>>,
    #[prop(into)] focus: Signal<Option<i64>>,
    #[prop(into)] park_names: Signal<Vec<String>>,
    #[prop(into)] label: Signal<&'static str>,
) -> impl IntoView {
    let (map, set_map) = JsRwSignal::<Option<Map>>::new_local(None).split();
    let container = NodeRef::<Div>::new();
    let parks_for_focus = parks.clone();
    // Park name labels, kept so that a language switch relabels without redrawing.
    let name_labels = StoredValue::new_local(Vec::<Tooltip>::new());

    Effect::new(move || {
        let (Some(map), Some(container)) = (map.get(), container.get()) else { return };
        let zoom_target = container.clone();
        let zoom_source = map.clone();
        map.on_move_end(Box::new(move |_| {
            let _ = zoom_target.set_attribute("data-zoom", &zoom_source.get_zoom().to_string());
        }));
        // Frame the parks before drawing, without animation: Leaflet clips each polygon
        // to the view it is added in, and a phone's first view need not hold all parks.
        // The container may also have been laid out after Leaflet measured it.
        map.invalidate_size(false);
        if let Some(bounds) = bounds_of(parks.iter()) {
            map.fit_bounds_with_options(&bounds, &no_animation());
        }
        tiles::add_base_layer(&map, &tiles);
        let renderer = Canvas::new();
        let boundaries = draw(&map, &renderer, &parks, boundary_style);
        let parcels_drawn = draw(&map, &renderer, &parcels, parcel_style).len();
        let names = park_names.get_untracked();
        name_labels
            .set_value(boundaries.iter().zip(&names).map(|(boundary, name)| name_label(boundary, name)).collect());
        let _ = container.set_attribute("data-parks-drawn", &boundaries.len().to_string());
        let _ = container.set_attribute("data-parcels-drawn", &parcels_drawn.to_string());
    });

    Effect::new(move || {
        let names = park_names.get();
        name_labels.with_value(|labels| {
            for (label, name) in labels.iter().zip(&names) {
                label.set_content(&JsValue::from_str(name));
            }
        });
    });

    // A second effect, so that choosing a park refits the view without redrawing.
    Effect::new(move || {
        let (Some(map), Some(id)) = (map.get(), focus.get()) else { return };
        if let Some(bounds) = bounds_of(parks_for_focus.iter().filter(|park| park.id == id)) {
            map.fit_bounds(&bounds);
        }
    });

    view! {
        <div class="park-map" node_ref=container data-testid="park-map" role="region" aria-label=move || label.get()>
            <MapContainer
                class="park-map__leaflet"
                center=Position::new(WUHAN.0, WUHAN.1)
                zoom=11.0
                prefer_canvas=true
                map=set_map
            />
        </div>
    }
}

/// Adds one canvas polygon per feature into a group on the map; returns the polygons drawn.
fn draw<P>(
    map: &Map,
    renderer: &Canvas,
    features: &[Feature<P>],
    style: impl Fn(&P) -> PolylineOptions,
) -> Vec<leaflet::Polygon> {
    let group = FeatureGroup::new();
    let mut drawn = Vec::with_capacity(features.len());
    for feature in features {
        // The server validated every geometry; one that fails here is skipped, not fatal.
        let Ok(shape) = Shape::from_geojson(&feature.geometry) else { continue };
        let options = style(&feature.properties);
        options.set_renderer(JsValue::from(renderer.clone()));
        let polygon = leaflet::Polygon::new_with_options(&lat_lngs(&shape), &options);
        group.add_layer(&polygon);
        drawn.push(polygon);
    }
    group.add_to(map);
    drawn
}

/// Leaflet's nesting: one polygon is `[outer, hole…]`, several are `[[outer, hole…], …]`.
fn lat_lngs(shape: &Shape) -> Array {
    let polygon_rings = |polygon: &geo::Polygon<f64>| -> Array {
        std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .map(|ring| ring.coords().map(|c| JsValue::from(LatLng::new(c.y, c.x))).collect::<Array>())
            .collect()
    };
    match shape.polygons() {
        [single] => polygon_rings(single),
        many => many.iter().map(polygon_rings).collect(),
    }
}

fn bounds_of<'a>(parks: impl Iterator<Item = &'a Feature<ParkProperties>>) -> Option<LatLngBounds> {
    parks
        .filter_map(|park| Shape::from_geojson(&park.geometry).ok())
        .map(|shape| shape.bounding_box())
        .reduce(BoundingBox::union)
        .map(|b| LatLngBounds::new(&LatLng::new(b.south, b.west), &LatLng::new(b.north, b.east)))
}

/// A permanent label with the park's name at the centre of its boundary.
fn name_label(boundary: &leaflet::Polygon, name: &str) -> Tooltip {
    let options = TooltipOptions::new();
    options.set_permanent(true);
    options.set_direction("center".into());
    // leaflet-rs has no setter for className; Leaflet reads it from the options object.
    let _ = js_sys::Reflect::set(&options, &"className".into(), &"park-label".into());
    let label = Tooltip::new(&options, None);
    label.set_content(&JsValue::from_str(name));
    boundary.bind_tooltip(&label);
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

fn parcel_style(parcel: &ParcelProperties) -> PolylineOptions {
    let colour = parcel_status_colour(parcel.status);
    let options = PolylineOptions::new();
    options.set_color("#ffffff".into());
    options.set_weight(0.8);
    options.set_fill_color(colour.into());
    options.set_fill_opacity(0.72);
    options
}
