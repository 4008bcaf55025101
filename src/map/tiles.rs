//! Base maps: none (a plain background that works offline), OpenStreetMap, 天地图
//! vector or imagery with annotation (when the deployment has a key), and 高德, whose
//! tiles are in GCJ-02 so that parcels are shifted to match them.

use leaflet::{Map, TileLayer, TileLayerOptions};
use parkatlas_core::wire::{ClientConfig, TileProvider};
use wasm_bindgen::JsValue;

use super::parcel_layer::Datum;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseMap {
    None,
    Osm,
    TiandituVector,
    TiandituImagery,
    Amap,
}

const OSM_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const OSM_ATTRIBUTION: &str = "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a>";
const TIANDITU_ATTRIBUTION: &str = "&copy; <a href=\"https://www.tianditu.gov.cn/\">天地图</a> GS(2024)0568号";
const AMAP_URL: &str =
    "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}";
const AMAP_ATTRIBUTION: &str = "&copy; <a href=\"https://www.amap.com/\">高德地图</a> GS(2024)0650号";

impl BaseMap {
    /// Its name in the page's URL.
    pub fn key(self) -> &'static str {
        match self {
            BaseMap::None => "none",
            BaseMap::Osm => "osm",
            BaseMap::TiandituVector => "tianditu",
            BaseMap::TiandituImagery => "tianditu-imagery",
            BaseMap::Amap => "amap",
        }
    }

    pub fn from_key(key: &str) -> Option<BaseMap> {
        BaseMap::ALL.into_iter().find(|base| base.key() == key)
    }

    pub const ALL: [BaseMap; 5] =
        [BaseMap::None, BaseMap::Osm, BaseMap::TiandituVector, BaseMap::TiandituImagery, BaseMap::Amap];

    pub fn datum(self) -> Datum {
        match self {
            BaseMap::Amap => Datum::Gcj02,
            _ => Datum::Wgs84,
        }
    }

    /// The base map a deployment starts with.
    pub fn default_for(config: &ClientConfig) -> BaseMap {
        match config.tiles {
            TileProvider::None => BaseMap::None,
            TileProvider::Osm => BaseMap::Osm,
            TileProvider::Tianditu => BaseMap::TiandituVector,
        }
    }

    /// The base maps this deployment can show: 天地图 only with a key.
    pub fn available(config: &ClientConfig) -> Vec<BaseMap> {
        let has_key = config.tianditu_key.is_some();
        BaseMap::ALL
            .into_iter()
            .filter(|base| has_key || !matches!(base, BaseMap::TiandituVector | BaseMap::TiandituImagery))
            .collect()
    }

    /// Adds this base map's tile layers to `map` (none for [`BaseMap::None`]).
    pub fn add_to(self, map: &Map, config: &ClientConfig) -> Vec<TileLayer> {
        let layers = match (self, config.tianditu_key.as_deref()) {
            (BaseMap::None, _) => Vec::new(),
            (BaseMap::Osm, _) => vec![layer(OSM_URL, OSM_ATTRIBUTION, None)],
            (BaseMap::Amap, _) => vec![layer(AMAP_URL, AMAP_ATTRIBUTION, Some("1234"))],
            (BaseMap::TiandituVector, Some(key)) => tianditu(["vec", "cva"], key),
            (BaseMap::TiandituImagery, Some(key)) => tianditu(["img", "cia"], key),
            (BaseMap::TiandituVector | BaseMap::TiandituImagery, None) => Vec::new(),
        };
        for tile_layer in &layers {
            tile_layer.add_to(map);
        }
        layers
    }
}

/// A 天地图 picture layer and its annotation layer, in Web Mercator (the `_w` matrix
/// set): no offset, so WGS-84 parcels line up.
fn tianditu(layer_names: [&str; 2], key: &str) -> Vec<TileLayer> {
    layer_names
        .into_iter()
        .map(|name| {
            let url = format!(
                "https://t{{s}}.tianditu.gov.cn/{name}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0\
                 &LAYER={name}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles\
                 &TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={key}"
            );
            layer(&url, TIANDITU_ATTRIBUTION, Some("01234567"))
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn config(tiles: TileProvider, tianditu_key: Option<&str>) -> ClientConfig {
        ClientConfig { tiles, tianditu_key: tianditu_key.map(Into::into), demo_data: false, version: "0.1.0".into() }
    }

    #[test]
    fn tianditu_is_offered_with_a_key_whatever_the_starting_base_map() {
        let osm_with_key = config(TileProvider::Osm, Some("k"));
        assert_eq!(BaseMap::default_for(&osm_with_key), BaseMap::Osm);
        assert_eq!(BaseMap::available(&osm_with_key), BaseMap::ALL.to_vec());
    }

    #[test]
    fn without_a_key_tianditu_is_not_offered() {
        let keyless = config(TileProvider::None, None);
        assert_eq!(BaseMap::default_for(&keyless), BaseMap::None);
        assert_eq!(BaseMap::available(&keyless), vec![BaseMap::None, BaseMap::Osm, BaseMap::Amap]);
    }

    #[test]
    fn every_base_map_survives_its_url_key() {
        for base in BaseMap::ALL {
            assert_eq!(BaseMap::from_key(base.key()), Some(base));
        }
        assert_eq!(BaseMap::from_key("google"), None);
    }
}
