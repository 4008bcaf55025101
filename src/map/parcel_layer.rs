//! The parcel layer: every parcel in view drawn by Rust onto Leaflet's canvas grid
//! tiles in one batched pass per tile (one path per colour), and one click handler for
//! the whole layer that finds the parcel under the pointer.
//!
//! Leaflet's own vector layers create one object per polygon and re-project each on
//! every zoom; here parcels are projected once, to Web Mercator pixels at zoom 0, and a
//! tile only scales and offsets them. Leaflet still owns panning, zoom animation and
//! tile caching, because the layer is an ordinary `L.GridLayer` whose `createTile` is
//! this module's [`Scene::draw_tile`].

use std::cell::RefCell;
use std::rc::Rc;

use geo::{BoundingRect, Contains, Coord, Intersects, LineString, MapCoords, MultiPolygon, Point, Polygon, Rect};
use leaflet::{GridLayer, GridLayerOptions, Map};
use parkatlas_core::geometry::gcj02::wgs84_to_gcj02;
use parkatlas_core::geometry::MAX_ZOOM;
use parkatlas_core::units::SquareMetres;
use parkatlas_core::wire::{LandFilter, LandUse, ParcelStatus};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, CanvasWindingRule, HtmlCanvasElement};

use super::decode::ViewportParcel;
use super::projection::{project, TILE_SIZE};
use super::Pick;
use crate::theme::parcel_status_colour;

/// Which datum the base map is drawn in: parcels are shifted to match it for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Datum {
    Wgs84,
    /// 高德 tiles: shapes shifted to GCJ-02 for display only.
    Gcj02,
}

/// A parcel ready to draw and to hit-test.
struct DrawnParcel {
    id: i64,
    park_id: i64,
    status: ParcelStatus,
    land_use: LandUse,
    area: SquareMetres,
    /// In Web Mercator pixels at zoom 0, WGS-84: what clicks are tested against.
    true_shape: MultiPolygon<f64>,
    true_extent: Rect<f64>,
    /// The same shape and extent shifted to GCJ-02, while the base map needs it.
    shifted: Option<(MultiPolygon<f64>, Rect<f64>)>,
    /// Outside the current filter: drawn faintly.
    dimmed: bool,
}

impl DrawnParcel {
    fn shown_shape(&self) -> &MultiPolygon<f64> {
        self.shifted.as_ref().map_or(&self.true_shape, |(shape, _)| shape)
    }

    fn shown_extent(&self) -> Rect<f64> {
        self.shifted.as_ref().map_or(self.true_extent, |(_, extent)| *extent)
    }
}

/// Everything the tiles draw, shared by the tile callback, the click handler and the page.
#[derive(Default)]
struct Scene {
    parcels: Vec<DrawnParcel>,
    datum: Option<Datum>,
    selected: Option<i64>,
    filter: LandFilter,
    /// When set, only these parcels pass the filter (a text search answered by the server).
    found: Option<Vec<i64>>,
}

/// Fill alpha of a parcel that passes the filter, and of one that does not.
const FILL_ALPHA: f64 = 0.72;
const DIMMED_ALPHA: f64 = 0.14;
/// Below this size on screen (pixels) a parcel is filled but not outlined: at low zoom
/// outlines of thousands of small parcels would merge into a grey smear.
const OUTLINE_MIN_PX: f64 = 4.0;

impl Scene {
    fn passes(&self, parcel: &DrawnParcel) -> bool {
        self.filter.admits(parcel.park_id, parcel.status, parcel.land_use, parcel.area)
            && self.found.as_ref().is_none_or(|ids| ids.binary_search(&parcel.id).is_ok())
    }

    fn refilter(&mut self) {
        let dimmed: Vec<bool> = self.parcels.iter().map(|p| !self.passes(p)).collect();
        for (parcel, dimmed) in self.parcels.iter_mut().zip(dimmed) {
            parcel.dimmed = dimmed;
        }
    }

    fn shift_for(&mut self, datum: Datum) {
        for parcel in &mut self.parcels {
            parcel.shifted = match datum {
                Datum::Wgs84 => None,
                Datum::Gcj02 => {
                    let shape = shifted(&parcel.true_shape);
                    let extent = shape.bounding_rect().unwrap_or(parcel.true_extent);
                    Some((shape, extent))
                }
            };
        }
        self.datum = Some(datum);
    }

    /// Draws the parcels overlapping tile (x, y) of zoom `z` into a new canvas.
    fn draw_tile(&self, x: f64, y: f64, z: f64, pixel_ratio: f64) -> HtmlCanvasElement {
        let canvas: HtmlCanvasElement =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.create_element("canvas").ok()).map_or_else(
                || unreachable!("a browser window has a document that makes canvases"),
                |element| element.unchecked_into(),
            );
        let size = (TILE_SIZE * pixel_ratio).round() as u32;
        canvas.set_width(size);
        canvas.set_height(size);
        let Some(context) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|context| context.dyn_into::<CanvasRenderingContext2d>().ok())
        else {
            return canvas;
        };
        let scale = 2f64.powf(z);
        // A tile at zoom z covers [x, x + 1) × [y, y + 1) tiles of 256 zoom-z pixels.
        let tile = Rect::new(
            Coord { x: x * TILE_SIZE / scale, y: y * TILE_SIZE / scale },
            Coord { x: (x + 1.0) * TILE_SIZE / scale, y: (y + 1.0) * TILE_SIZE / scale },
        );
        let to_tile =
            |c: &Coord<f64>| ((c.x * scale - x * TILE_SIZE) * pixel_ratio, (c.y * scale - y * TILE_SIZE) * pixel_ratio);
        let in_tile: Vec<&DrawnParcel> = self.parcels.iter().filter(|p| p.shown_extent().intersects(&tile)).collect();
        context.set_line_join("round");
        for status in ParcelStatus::ALL {
            for dimmed in [true, false] {
                let batch = in_tile.iter().filter(|p| p.status == status && p.dimmed == dimmed);
                context.begin_path();
                let mut outlined = false;
                let mut any = false;
                for parcel in batch {
                    any = true;
                    let extent = parcel.shown_extent();
                    outlined |= extent.width().max(extent.height()) * scale >= OUTLINE_MIN_PX;
                    trace(&context, parcel.shown_shape(), &to_tile);
                }
                if !any {
                    continue;
                }
                context.set_global_alpha(if dimmed { DIMMED_ALPHA } else { FILL_ALPHA });
                context.set_fill_style_str(parcel_status_colour(status));
                context.fill_with_canvas_winding_rule(CanvasWindingRule::Evenodd);
                if outlined {
                    context.set_global_alpha(if dimmed { 0.35 } else { 0.95 });
                    context.set_stroke_style_str("#ffffff");
                    context.set_line_width(0.8 * pixel_ratio);
                    context.stroke();
                }
            }
        }
        if let Some(selected) = self.selected.and_then(|id| in_tile.iter().find(|p| p.id == id)) {
            context.set_global_alpha(1.0);
            context.begin_path();
            trace(&context, selected.shown_shape(), &to_tile);
            context.set_stroke_style_str("#102a43");
            context.set_line_width(3.0 * pixel_ratio);
            context.stroke();
        }
        canvas
    }

    /// The parcel under a WGS-84 point (parcels do not overlap, so the first found).
    fn parcel_at(&self, lon: f64, lat: f64) -> Option<i64> {
        let (x, y) = project(lon, lat);
        let point = Point::new(x, y);
        self.parcels
            .iter()
            .filter(|p| p.true_extent.intersects(&point))
            .find(|p| p.true_shape.contains(&point))
            .map(|p| p.id)
    }
}

/// Adds every ring of `shape` to the current path.
fn trace(context: &CanvasRenderingContext2d, shape: &MultiPolygon<f64>, to_tile: &impl Fn(&Coord<f64>) -> (f64, f64)) {
    for polygon in shape {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            let mut coords = ring.coords();
            let Some(first) = coords.next() else { continue };
            let (x, y) = to_tile(first);
            context.move_to(x, y);
            for coord in coords {
                let (x, y) = to_tile(coord);
                context.line_to(x, y);
            }
            context.close_path();
        }
    }
}

fn shifted(shape: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    shape.map_coords(|c| {
        let (lon, lat) = super::projection::unproject(c.x, c.y);
        let (lon, lat) = wgs84_to_gcj02(lon, lat);
        let (x, y) = project(lon, lat);
        Coord { x, y }
    })
}

fn to_drawn(parcel: ViewportParcel) -> Option<DrawnParcel> {
    let ring = |positions: Vec<[f64; 2]>| -> LineString<f64> {
        positions.into_iter().map(|[lon, lat]| project(lon, lat)).map(|(x, y)| Coord { x, y }).collect()
    };
    let polygons: Vec<Polygon<f64>> = parcel
        .geometry
        .into_polygons()
        .into_iter()
        .filter_map(|mut rings| {
            if rings.is_empty() {
                return None;
            }
            let exterior = ring(rings.remove(0));
            Some(Polygon::new(exterior, rings.into_iter().map(ring).collect()))
        })
        .collect();
    let true_shape = MultiPolygon::new(polygons);
    let true_extent = true_shape.bounding_rect()?;
    Some(DrawnParcel {
        id: parcel.id,
        park_id: parcel.properties.park_id,
        status: parcel.properties.status,
        land_use: parcel.properties.land_use,
        area: parcel.properties.area_m2,
        true_shape,
        true_extent,
        shifted: None,
        dimmed: false,
    })
}

/// The layer on the map, and the handle the page changes it through.
#[derive(Clone)]
pub struct ParcelLayer {
    grid: GridLayer,
    scene: Rc<RefCell<Scene>>,
}

impl ParcelLayer {
    /// Adds an empty parcel layer to `map`; `on_pick` hears the parcel clicked and where,
    /// or `None` for a click on no parcel.
    pub fn add_to(map: &Map, on_pick: impl Fn(Option<Pick>) + 'static) -> ParcelLayer {
        let options = GridLayerOptions::new();
        options.set_tile_size(TILE_SIZE);
        options.set_pane("overlayPane".to_string());
        options.set_class_name("parcel-layer".to_string());
        // Parcels stay legible when the map zooms past the tiles' usual range.
        options.set_max_zoom(f64::from(MAX_ZOOM));
        let grid = GridLayer::new_with_options(&options);
        let scene = Rc::new(RefCell::new(Scene::default()));

        let tile_scene = Rc::clone(&scene);
        let create_tile = Closure::<dyn Fn(JsValue) -> HtmlCanvasElement>::new(move |coords: JsValue| {
            let read =
                |key: &str| js_sys::Reflect::get(&coords, &key.into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
            let pixel_ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).clamp(1.0, 3.0);
            tile_scene.borrow().draw_tile(read("x"), read("y"), read("z"), pixel_ratio)
        });
        // leaflet-rs cannot subclass GridLayer; Leaflet looks `createTile` up on the instance.
        let _ = js_sys::Reflect::set(&grid, &"createTile".into(), create_tile.as_ref());
        create_tile.forget();

        let click_scene = Rc::clone(&scene);
        map.on_mouse_click(Box::new(move |event| {
            let clicked = event.lat_lng();
            let (lon, lat) = match click_scene.borrow().datum {
                // The map shows GCJ-02: the point clicked is shifted back before lookup.
                Some(Datum::Gcj02) => parkatlas_core::geometry::gcj02::gcj02_to_wgs84(clicked.lng(), clicked.lat()),
                _ => (clicked.lng(), clicked.lat()),
            };
            let picked = click_scene.borrow().parcel_at(lon, lat);
            on_pick(picked.map(|parcel| Pick { parcel, lat, lng: lon }));
        }));
        grid.add_to(map);
        ParcelLayer { grid, scene }
    }

    /// Replaces the parcels drawn; returns how many there are.
    pub fn set_parcels(&self, parcels: Vec<ViewportParcel>) -> usize {
        let mut scene = self.scene.borrow_mut();
        scene.parcels = parcels.into_iter().filter_map(to_drawn).collect();
        if let Some(datum) = scene.datum {
            scene.shift_for(datum);
        }
        scene.refilter();
        let count = scene.parcels.len();
        drop(scene);
        self.grid.redraw();
        count
    }

    pub fn set_datum(&self, datum: Datum) {
        if self.scene.borrow().datum == Some(datum) {
            return;
        }
        self.scene.borrow_mut().shift_for(datum);
        self.grid.redraw();
    }

    pub fn set_selected(&self, selected: Option<i64>) {
        if self.scene.borrow().selected == selected {
            return;
        }
        self.scene.borrow_mut().selected = selected;
        self.grid.redraw();
    }

    /// Dims the parcels outside `filter`, and outside `found` when a text search gave it.
    pub fn set_filter(&self, filter: LandFilter, found: Option<Vec<i64>>) {
        let mut scene = self.scene.borrow_mut();
        scene.filter = filter;
        scene.found = found.map(|mut ids| {
            ids.sort_unstable();
            ids
        });
        scene.refilter();
        drop(scene);
        self.grid.redraw();
    }
}
