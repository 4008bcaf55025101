//! What the atlas keeps in step, as plain types: the area the parcels were fetched for,
//! the search the server answers, what the map has framed, and the parks by id. The
//! page's effects only wire signals and the map to them; they are tested here natively.

use parkatlas_core::geometry::{BoundingBox, MAX_ZOOM};
use parkatlas_core::text::Bilingual;
use parkatlas_core::wire::{Feature, LandFilter, ParkProperties};

use crate::i18n::Texts;
use crate::map::decode::{extent_of, polygons_of};
use crate::map::MapView;
use crate::url_state::AtlasUrl;

/// The box the map's parcels were last fetched for: a view inside it at the same zoom
/// needs no new request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FetchArea {
    pub bbox: BoundingBox,
    pub zoom: u8,
}

impl FetchArea {
    /// The area to fetch for `view`: the `previous` one while it still covers the view,
    /// else a new one around it.
    pub fn for_view(previous: Option<FetchArea>, view: &MapView) -> FetchArea {
        match previous {
            Some(area) if area.covers(view) => area,
            _ => FetchArea::around(view),
        }
    }

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
            zoom: zoom_level(view.zoom),
        }
    }

    fn covers(&self, view: &MapView) -> bool {
        let b = &self.bbox;
        self.zoom == zoom_level(view.zoom)
            && view.bbox.west >= b.west
            && view.bbox.east <= b.east
            && view.bbox.south >= b.south
            && view.bbox.north <= b.north
    }
}

/// The whole zoom level the server simplifies for: the map zooms in fractions.
fn zoom_level(zoom: f64) -> u8 {
    zoom.round().clamp(0.0, f64::from(MAX_ZOOM)) as u8
}

/// The search the server answers for the whole atlas, if `filter` needs one: text and
/// industry are matched by the server; status, use, area and park the map applies itself.
pub fn atlas_search(filter: &LandFilter) -> Option<LandFilter> {
    (!filter.text.is_empty() || filter.industry.is_some()).then(|| filter.clone())
}

/// What the map has framed, so that each new search and each newly chosen park is
/// framed once, and changing another filter afterwards leaves the view alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Framing {
    text: String,
    park: Option<i64>,
}

impl Framing {
    /// What a link shows framed already: its search, and its park when the link holds a
    /// view too. A park page's link (`/?park=3`) holds none, so its park is framed.
    pub fn opened_with(url: &AtlasUrl) -> Framing {
        Framing { text: url.filter.text.clone(), park: url.start.and(url.filter.park_id) }
    }

    /// Whether to frame the matches of the search for `text`: once per new search.
    pub fn search(&mut self, text: &str) -> bool {
        if text.is_empty() || self.text == text {
            return false;
        }
        self.text = text.to_string();
        true
    }

    /// The park to frame: the one just chosen, once.
    pub fn park(&mut self, park: Option<i64>) -> Option<i64> {
        if park == self.park {
            return None;
        }
        self.park = park;
        park
    }
}

/// The parks by id: their names for the list and the map's labels, their extents for
/// framing.
#[derive(Debug, Clone, PartialEq)]
pub struct Parks(Vec<Park>);

#[derive(Debug, Clone, PartialEq)]
struct Park {
    id: i64,
    name: Bilingual,
    extent: Option<BoundingBox>,
}

impl Parks {
    pub fn new(features: &[Feature<ParkProperties>]) -> Parks {
        Parks(
            features
                .iter()
                .map(|park| Park {
                    id: park.id,
                    name: park.properties.name(),
                    extent: extent_of(&polygons_of(&park.geometry)),
                })
                .collect(),
        )
    }

    pub fn name(&self, id: i64) -> Option<Bilingual> {
        self.find(id).map(|park| park.name.clone())
    }

    pub fn extent(&self, id: i64) -> Option<BoundingBox> {
        self.find(id)?.extent
    }

    /// The map's labels in `texts`' language, in the order the parks came in.
    pub fn labels(&self, texts: &Texts) -> Vec<String> {
        self.0.iter().map(|park| texts.pick(&park.name).to_string()).collect()
    }

    fn find(&self, id: i64) -> Option<&Park> {
        self.0.iter().find(|park| park.id == id)
    }
}

#[cfg(test)]
mod tests {
    use parkatlas_core::wire::ParcelStatus;
    use serde_json::json;

    use super::*;
    use crate::i18n::{EN, ZH};
    use crate::map::StartView;

    /// The view of central Wuhan at `zoom`, `half` degrees either side of 114.3°E, 30.55°N.
    fn wuhan(zoom: f64, half: f64) -> MapView {
        let (lat, lng) = (30.55, 114.3);
        MapView {
            lat,
            lng,
            zoom,
            bbox: BoundingBox { west: lng - half, south: lat - half, east: lng + half, north: lat + half },
        }
    }

    #[test]
    fn the_fetch_area_is_the_view_widened_by_half_on_every_side() {
        let area = FetchArea::for_view(None, &wuhan(14.4, 0.02));
        assert_eq!(area.zoom, 14);
        assert!((area.bbox.west - 114.26).abs() < 1e-9 && (area.bbox.north - 30.59).abs() < 1e-9, "{area:?}");
    }

    #[test]
    fn a_small_pan_keeps_the_area_and_a_zoom_or_long_pan_replaces_it() {
        let area = FetchArea::for_view(None, &wuhan(14.0, 0.02));
        let mut panned = wuhan(14.0, 0.02);
        panned.bbox.west += 0.01;
        panned.bbox.east += 0.01;
        assert_eq!(FetchArea::for_view(Some(area), &panned), area);
        assert_ne!(FetchArea::for_view(Some(area), &wuhan(15.0, 0.01)), area);
        panned.bbox.west += 0.05;
        panned.bbox.east += 0.05;
        assert_ne!(FetchArea::for_view(Some(area), &panned), area);
    }

    #[test]
    fn the_whole_world_stays_within_web_mercator_and_the_deepest_zoom() {
        let world = MapView {
            lat: 0.0,
            lng: 0.0,
            zoom: 30.0,
            bbox: BoundingBox { west: -180.0, south: -85.0, east: 180.0, north: 85.0 },
        };
        let area = FetchArea::for_view(None, &world);
        assert_eq!(area.bbox, world.bbox);
        assert_eq!(area.zoom, MAX_ZOOM);
    }

    #[test]
    fn only_text_and_industry_need_the_server() {
        let statuses =
            LandFilter { statuses: vec![ParcelStatus::Available], min_mu: Some(50.0), ..LandFilter::default() };
        assert_eq!(atlas_search(&statuses), None);
        let text = LandFilter { text: "光谷".into(), ..statuses.clone() };
        assert_eq!(atlas_search(&text), Some(text.clone()));
        let industry = LandFilter { industry: Some("光电子信息".into()), ..LandFilter::default() };
        assert_eq!(atlas_search(&industry), Some(industry.clone()));
    }

    #[test]
    fn each_new_search_is_framed_once() {
        let mut framing = Framing::opened_with(&AtlasUrl::default());
        assert!(framing.search("光谷"));
        assert!(!framing.search("光谷"), "a status chip clicked after the search");
        assert!(!framing.search(""), "a cleared search frames nothing");
        assert!(!framing.search("光谷"), "the same search again keeps the view");
        assert!(framing.search("东湖"));
    }

    #[test]
    fn a_shared_link_keeps_its_view_but_a_park_pages_link_frames_the_park() {
        let (shared, _) = AtlasUrl::parse("at=30.5,114.3,16&park=3&q=GX");
        let mut framing = Framing::opened_with(&shared);
        assert_eq!(shared.start, Some(StartView { lat: 30.5, lng: 114.3, zoom: 16.0 }));
        assert_eq!(framing.park(Some(3)), None);
        assert!(!framing.search("GX"));
        assert_eq!(framing.park(Some(4)), Some(4));
        assert_eq!(framing.park(None), None);

        let (from_park_page, _) = AtlasUrl::parse("park=3&status=available");
        assert_eq!(Framing::opened_with(&from_park_page).park(Some(3)), Some(3));
    }

    fn park(id: i64, zh: &str, en: &str, ring: &[[f64; 2]]) -> Feature<ParkProperties> {
        serde_json::from_value(json!({
            "type": "Feature",
            "id": id,
            "geometry": { "type": "Polygon", "coordinates": [ring] },
            "properties": {
                "name": zh, "name_en": en, "park_type": "modern", "district": "东湖新技术开发区",
                "area_m2": 1.0e6, "parcel_count": 3, "demo": true
            }
        }))
        .expect("a park feature as the API sends it")
    }

    #[test]
    fn parks_are_named_in_the_chosen_language_and_framed_by_their_extent() {
        let square = [[114.40, 30.48], [114.42, 30.48], [114.42, 30.50], [114.40, 30.50], [114.40, 30.48]];
        let parks = Parks::new(&[
            park(1, "光谷生物城", "Optics Valley Biolake", &square),
            park(2, "临空港", "Airport Park", &square),
        ]);
        assert_eq!(parks.labels(&ZH), ["光谷生物城", "临空港"]);
        assert_eq!(parks.labels(&EN), ["Optics Valley Biolake", "Airport Park"]);
        assert_eq!(parks.name(2), Some(Bilingual::new("临空港", "Airport Park")));
        assert_eq!(parks.extent(1), Some(BoundingBox { west: 114.40, south: 30.48, east: 114.42, north: 30.50 }));
        assert_eq!((parks.name(9), parks.extent(9)), (None, None));
    }
}
