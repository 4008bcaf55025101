//! The atlas page's state in its URL — map centre and zoom, the selected parcel, the
//! base map and the land filter — so that a shared link reopens the same view.
//!
//! `?at=30.51234,114.31234,15&parcel=12&base=amap&status=available&min_mu=50`; the
//! filter keys are [`LandFilter`]'s own, the same the `/land` search reads.

use parkatlas_core::geometry::MAX_ZOOM;
use parkatlas_core::wire::{LandFilter, QueryProblem};

use crate::map::tiles::BaseMap;
use crate::map::StartView;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct AtlasUrl {
    pub start: Option<StartView>,
    pub parcel: Option<i64>,
    pub base: Option<BaseMap>,
    pub filter: LandFilter,
}

impl AtlasUrl {
    /// Reads a query string (with or without its `?`). A filter the app cannot use is
    /// dropped and its problem returned, so a mangled link still opens the map.
    pub fn parse(query: &str) -> (AtlasUrl, Option<QueryProblem>) {
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(query.trim_start_matches('?').as_bytes()).into_owned().collect();
        let value = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        let (filter, problem) = match LandFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
            Ok(filter) => (filter, None),
            Err(problem) => (LandFilter::default(), Some(problem)),
        };
        let url = AtlasUrl {
            start: value("at").and_then(parse_at),
            parcel: value("parcel").and_then(|id| id.parse().ok()).filter(|id| *id > 0),
            base: value("base").and_then(BaseMap::from_key),
            filter,
        };
        (url, problem)
    }

    /// The query string, without `?`; empty when there is nothing to say.
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(start) = self.start {
            // Five decimals are about a metre: enough to reopen the same view.
            query.append_pair("at", &format!("{:.5},{:.5},{}", start.lat, start.lng, start.zoom));
        }
        if let Some(parcel) = self.parcel {
            query.append_pair("parcel", &parcel.to_string());
        }
        if let Some(base) = self.base {
            query.append_pair("base", base.key());
        }
        for (key, value) in self.filter.to_pairs() {
            query.append_pair(key, &value);
        }
        query.finish()
    }
}

fn parse_at(text: &str) -> Option<StartView> {
    let numbers: Vec<f64> =
        text.split(',').map(|n| n.trim().parse::<f64>().ok().filter(|n| n.is_finite())).collect::<Option<_>>()?;
    let [lat, lng, zoom] = numbers[..] else { return None };
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lng) && (0.0..=f64::from(MAX_ZOOM)).contains(&zoom))
        .then_some(StartView { lat, lng, zoom })
}

#[cfg(test)]
mod tests {
    use super::*;
    use parkatlas_core::wire::ParcelStatus;

    #[test]
    fn a_full_view_survives_the_round_trip() {
        let url = AtlasUrl {
            start: Some(StartView { lat: 30.51234, lng: 114.31234, zoom: 15.0 }),
            parcel: Some(12),
            base: Some(BaseMap::Amap),
            filter: LandFilter {
                text: "光谷 & 东湖".into(),
                statuses: vec![ParcelStatus::Available],
                min_mu: Some(50.0),
                ..LandFilter::default()
            },
        };
        let query = url.to_query();
        assert_eq!(
            query,
            "at=30.51234%2C114.31234%2C15&parcel=12&base=amap&q=%E5%85%89%E8%B0%B7+%26+%E4%B8%9C%E6%B9%96&status=available&min_mu=50"
        );
        assert_eq!(AtlasUrl::parse(&format!("?{query}")), (url, None));
    }

    #[test]
    fn nothing_to_say_is_an_empty_query() {
        assert_eq!(AtlasUrl::default().to_query(), "");
        assert_eq!(AtlasUrl::parse(""), (AtlasUrl::default(), None));
    }

    #[test]
    fn a_bad_filter_is_dropped_and_reported_but_the_view_kept() {
        let (url, problem) = AtlasUrl::parse("at=30.5,114.3,14&status=vacant&parcel=3");
        assert_eq!(url.filter, LandFilter::default());
        assert_eq!(url.parcel, Some(3));
        assert_eq!(url.start, Some(StartView { lat: 30.5, lng: 114.3, zoom: 14.0 }));
        assert_eq!(problem.map(|(field, _)| field), Some("status"));
    }

    #[test]
    fn impossible_positions_and_unknown_base_maps_are_ignored() {
        for query in ["at=95,114,14", "at=30,114", "at=30,114,30", "at=a,b,c"] {
            assert_eq!(AtlasUrl::parse(query).0.start, None, "{query}");
        }
        assert_eq!(AtlasUrl::parse("base=google").0.base, None);
        assert_eq!(AtlasUrl::parse("parcel=-2").0.parcel, None);
    }
}
