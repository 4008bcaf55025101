//! Base-map tile layers for the providers the server may be configured with.
//! With none, the map shows parks on the plain background of the stylesheet.

use leaflet::{Map, TileLayer, TileLayerOptions};
use parkatlas_core::wire::TileProvider;
use wasm_bindgen::JsValue;

const OSM_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const OSM_ATTRIBUTION: &str = "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a>";
const TIANDITU_ATTRIBUTION: &str = "&copy; <a href=\"https://www.tianditu.gov.cn/\">天地图</a> GS(2024)0568号";

pub fn add_base_layer(map: &Map, provider: &TileProvider) {
    match provider {
        TileProvider::None => {}
        TileProvider::Osm => {
            layer(OSM_URL, OSM_ATTRIBUTION, None).add_to(map);
        }
        TileProvider::Tianditu { key } => {
            // Web Mercator (the `_w` matrix set): no offset, so WGS-84 parcels line up.
            for layer_name in ["vec", "cva"] {
                let url = format!(
                    "https://t{{s}}.tianditu.gov.cn/{layer_name}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0\
                     &LAYER={layer_name}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles\
                     &TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={key}"
                );
                layer(&url, TIANDITU_ATTRIBUTION, Some("01234567")).add_to(map);
            }
        }
    }
}

fn layer(url: &str, attribution: &str, subdomains: Option<&str>) -> TileLayer {
    let options = TileLayerOptions::new();
    options.set_attribution(attribution.into());
    options.set_max_zoom(18.0);
    if let Some(subdomains) = subdomains {
        // leaflet-rs types `subdomains` as a bool; Leaflet wants a string of letters.
        let _ = js_sys::Reflect::set(&options, &"subdomains".into(), &JsValue::from_str(subdomains));
    }
    TileLayer::new_options(url, &options)
}
