//! A parcel outline being drawn or reshaped: its sides, a handle on each corner (dragged to
//! move it, tapped to select it), a small handle in the middle of each side (tapped to add
//! a corner there) and a ring around the point where the outline crosses itself.
//!
//! The page owns the corners (a plain type it tests natively); this layer only shows what
//! the page gives it and reports taps and drags in WGS-84, whatever the base map's datum.
//! Handles are Leaflet markers, which Leaflet drags by touch as well as by mouse. After
//! each show the container's `data-outline-corners` holds the number of corners.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Array;
use leaflet::{
    CircleMarker, DivIconOptions, DragEvents, Icon, LatLng, LayerGroup, Marker, MarkerOptions, MouseEvents, Point,
    Polygon, PolylineOptions,
};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use super::MapHandle;

/// What the person did to the outline; positions are WGS-84 (lon, lat).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OutlineEvent {
    /// A tap on the map beside the handles (adds a corner while drawing).
    Tap { lon: f64, lat: f64 },
    /// A corner is being dragged and is now here.
    Drag { corner: usize, lon: f64, lat: f64 },
    /// A corner was tapped (selects it).
    Corner(usize),
    /// The handle between corner `n` and the next one was tapped.
    Midpoint(usize),
}

/// What to show of the outline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutlineShown {
    pub corners: Vec<(f64, f64)>,
    pub selected: Option<usize>,
    /// Closed: the last corner joins the first and each side gets a midpoint handle.
    pub closed: bool,
    /// Where the outline crosses itself.
    pub crossing: Option<(f64, f64)>,
}

/// The page's listener to what is done to the outline.
type Listener = Rc<dyn Fn(OutlineEvent)>;

/// The outline's Leaflet layers, kept by [`MapHandle`].
pub(super) struct OutlineLayer {
    group: LayerGroup,
    listener: RefCell<Option<Listener>>,
    /// Whether taps on the map are reported (only while an outline is shown).
    active: Cell<bool>,
    sides: RefCell<Option<Polygon>>,
    corners: RefCell<Vec<Marker>>,
    midpoints: RefCell<Vec<Marker>>,
    crossing: RefCell<Option<CircleMarker>>,
    /// The structure last shown: number of corners, closed, selected corner.
    shape: Cell<Option<(usize, bool, Option<usize>)>>,
}

impl OutlineLayer {
    pub(super) fn add_to(map: &leaflet::Map) -> Rc<OutlineLayer> {
        let group = LayerGroup::new();
        group.add_to(map);
        Rc::new(OutlineLayer {
            group,
            listener: RefCell::new(None),
            active: Cell::new(false),
            sides: RefCell::new(None),
            corners: RefCell::new(Vec::new()),
            midpoints: RefCell::new(Vec::new()),
            crossing: RefCell::new(None),
            shape: Cell::new(None),
        })
    }

    fn emit(&self, event: OutlineEvent) {
        let listener = self.listener.borrow().clone();
        if let Some(listener) = listener {
            listener(event);
        }
    }
}

impl MapHandle {
    /// Reports what is done to the outline to `listener` (one listener; a later call
    /// replaces it). The first call adds the outline's layers to the map.
    pub fn listen_to_outline(&self, listener: impl Fn(OutlineEvent) + 'static) {
        let layer = self.outline_layer();
        *layer.listener.borrow_mut() = Some(Rc::new(listener));
    }

    fn outline_layer(&self) -> Rc<OutlineLayer> {
        if let Some(layer) = self.outline.borrow().as_ref() {
            return Rc::clone(layer);
        }
        let layer = OutlineLayer::add_to(&self.map);
        let (tapped, handle) = (Rc::clone(&layer), self.clone());
        self.map.on_mouse_click(Box::new(move |event| {
            if tapped.active.get() {
                let at = event.lat_lng();
                let (lon, lat) = handle.to_wgs84(at.lng(), at.lat());
                tapped.emit(OutlineEvent::Tap { lon, lat });
            }
        }));
        *self.outline.borrow_mut() = Some(Rc::clone(&layer));
        layer
    }

    /// Shows the outline, replacing what was shown. Handles are moved rather than made
    /// again while the corners stay the same in number, so that a drag goes on.
    pub fn show_outline(&self, shown: &OutlineShown) {
        let layer = &self.outline_layer();
        layer.active.set(true);
        let to_map = |&(lon, lat): &(f64, f64)| self.lat_lng(lat, lon);
        let positions: Vec<LatLng> = shown.corners.iter().map(to_map).collect();
        let shape = (shown.corners.len(), shown.closed, shown.selected);
        if layer.shape.get() == Some(shape) {
            for (marker, position) in layer.corners.borrow().iter().zip(&positions) {
                marker.set_lat_lng(position);
            }
            for (marker, position) in layer.midpoints.borrow().iter().zip(midpoints(&positions)) {
                marker.set_lat_lng(&position);
            }
        } else {
            self.rebuild_handles(layer, &positions, shown);
            layer.shape.set(Some(shape));
        }
        let ring: Array = positions.iter().map(JsValue::from).collect();
        let crossing = shown.crossing.is_some();
        let sides = layer.sides.borrow_mut().take();
        let sides = sides.unwrap_or_else(|| {
            let polygon = Polygon::new_with_options(&Array::new(), &sides_style(false));
            layer.group.add_layer(&polygon);
            polygon
        });
        sides.set_lat_lngs(&ring);
        sides.set_style(&sides_style(crossing));
        *layer.sides.borrow_mut() = Some(sides);
        if let Some(old) = layer.crossing.borrow_mut().take() {
            layer.group.remove_layer(&old);
        }
        if let Some(point) = shown.crossing.as_ref() {
            let options = js_sys::Object::new();
            for (key, value) in [("radius", JsValue::from(14.0)), ("color", "#c62828".into()), ("weight", 3.0.into())] {
                let _ = js_sys::Reflect::set(&options, &key.into(), &value);
            }
            let _ = js_sys::Reflect::set(&options, &"fillOpacity".into(), &JsValue::from(0.15));
            let _ = js_sys::Reflect::set(&options, &"interactive".into(), &JsValue::FALSE);
            let marker = CircleMarker::new_with_options(&to_map(point), &options);
            layer.group.add_layer(&marker);
            *layer.crossing.borrow_mut() = Some(marker);
        }
        let _ = self.container.set_attribute("data-outline-corners", &shown.corners.len().to_string());
        let _ = self.container.set_attribute("data-outline-crossing", if crossing { "true" } else { "false" });
    }

    /// Removes the outline and stops reporting taps.
    pub fn clear_outline(&self) {
        let Some(layer) = self.outline.borrow().clone() else { return };
        layer.active.set(false);
        layer.group.clear_layers();
        layer.sides.borrow_mut().take();
        layer.corners.borrow_mut().clear();
        layer.midpoints.borrow_mut().clear();
        layer.crossing.borrow_mut().take();
        layer.shape.set(None);
        let _ = self.container.remove_attribute("data-outline-corners");
        let _ = self.container.remove_attribute("data-outline-crossing");
    }

    fn rebuild_handles(&self, layer: &Rc<OutlineLayer>, positions: &[LatLng], shown: &OutlineShown) {
        for marker in layer.corners.borrow_mut().drain(..).chain(layer.midpoints.borrow_mut().drain(..)) {
            layer.group.remove_layer(&marker);
        }
        let mut corners = Vec::with_capacity(positions.len());
        for (index, position) in positions.iter().enumerate() {
            let class = if shown.selected == Some(index) {
                "outline-corner outline-corner--selected"
            } else {
                "outline-corner"
            };
            let marker = handle(position, class, true, &format!("{}", index + 1));
            let (events, dragged) = (Rc::clone(layer), marker.clone());
            let handle_of = self.clone();
            marker.on_drag(Box::new(move |_| {
                let at = dragged.get_lat_lng();
                let (lon, lat) = handle_of.to_wgs84(at.lng(), at.lat());
                events.emit(OutlineEvent::Drag { corner: index, lon, lat });
            }));
            let events = Rc::clone(layer);
            marker.on_click(Box::new(move |_| events.emit(OutlineEvent::Corner(index))));
            layer.group.add_layer(&marker);
            corners.push(marker);
        }
        let mut middles = Vec::new();
        if shown.closed {
            for (index, position) in midpoints(positions).iter().enumerate() {
                let marker = handle(position, "outline-midpoint", false, "+");
                let events = Rc::clone(layer);
                marker.on_click(Box::new(move |_| events.emit(OutlineEvent::Midpoint(index))));
                layer.group.add_layer(&marker);
                middles.push(marker);
            }
        }
        *layer.corners.borrow_mut() = corners;
        *layer.midpoints.borrow_mut() = middles;
    }
}

/// The middle of each side of a closed ring, side `n` running from corner `n` to the next.
fn midpoints(positions: &[LatLng]) -> Vec<LatLng> {
    if positions.len() < 3 {
        return Vec::new();
    }
    (0..positions.len())
        .map(|n| {
            let (a, b) = (&positions[n], &positions[(n + 1) % positions.len()]);
            LatLng::new((a.lat() + b.lat()) / 2.0, (a.lng() + b.lng()) / 2.0)
        })
        .collect()
}

#[wasm_bindgen]
extern "C" {
    /// `L.divIcon`. leaflet-rs 0.5 binds `DivIcon::new` to `new L.Icon(…)`, which throws
    /// "iconUrl not set" as soon as the marker is drawn, so the handles are made here.
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    fn div_icon(options: &DivIconOptions) -> Icon;
}

/// A round handle big enough for a finger (44 px target, as the style guide asks).
fn handle(position: &LatLng, class: &str, draggable: bool, label: &str) -> Marker {
    let icon = DivIconOptions::new();
    icon.set_class_name(class.into());
    icon.set_icon_size(Point::new(44.0, 44.0));
    icon.set_icon_anchor(Point::new(22.0, 22.0));
    icon.set_html(format!("<span>{label}</span>"));
    let options = MarkerOptions::new();
    options.set_icon(div_icon(&icon));
    options.set_draggable(draggable);
    options.set_keyboard(false);
    options.set_auto_pan(true);
    Marker::new_with_options(position, &options)
}

fn sides_style(crossing: bool) -> PolylineOptions {
    let options = PolylineOptions::new();
    let colour = if crossing { "#c62828" } else { "#0d47a1" };
    options.set_color(colour.into());
    options.set_weight(3.0);
    options.set_fill_color(colour.into());
    options.set_fill_opacity(0.15);
    options.set_interactive(false);
    options
}
