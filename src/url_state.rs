//! The pages' state in their URLs, so that a shared link reopens the same view, read and
//! written through the router.
//!
//! - [`AtlasUrl`]: the map's centre and zoom, the selected parcel, the base map and the
//!   land filter: `?at=30.51234,114.31234,15&parcel=12&base=amap&status=available&min_mu=50`;
//!   the filter keys are [`LandFilter`]'s own, the same the `/land` search reads.
//! - [`CompareUrl`]: the parks side by side, `?parks=1,2,3`.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
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

/// The parks chosen on the compare page (`?parks=1,2,3`): at most [`CompareUrl::MAX`],
/// each once, in the order chosen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CompareUrl {
    parks: Vec<i64>,
}

impl CompareUrl {
    /// At most this many parks fit side by side on a phone.
    pub const MAX: usize = 3;

    /// Reads a query string (with or without its `?`); ids that are not parks' are dropped.
    pub fn parse(query: &str) -> CompareUrl {
        let mut chosen = CompareUrl::default();
        let listed = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .find(|(key, _)| key == "parks")
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default();
        for id in listed.split(',').filter_map(|id| id.trim().parse::<i64>().ok()).filter(|id| *id > 0) {
            chosen.add(id);
        }
        chosen
    }

    /// The query string, without `?`. The commas stay as typed: ids need no escaping.
    pub fn to_query(&self) -> String {
        if self.parks.is_empty() {
            return String::new();
        }
        let ids: Vec<String> = self.parks.iter().map(i64::to_string).collect();
        format!("parks={}", ids.join(","))
    }

    pub fn parks(&self) -> &[i64] {
        &self.parks
    }

    /// Adds a park unless it is chosen already or the table is full.
    pub fn add(&mut self, park: i64) {
        if !self.has(park) && !self.is_full() {
            self.parks.push(park);
        }
    }

    pub fn remove(&mut self, park: i64) {
        self.parks.retain(|chosen| *chosen != park);
    }

    pub fn has(&self, park: i64) -> bool {
        self.parks.contains(&park)
    }

    pub fn is_full(&self) -> bool {
        self.parks.len() >= CompareUrl::MAX
    }
}

/// The query string the current page was opened with. Read once, untracked: a page keeps
/// its state in signals and only writes it back (with [`use_replace_query`]).
pub fn opened_query() -> String {
    use_location().search.get_untracked()
}

/// Writes a page's state into its URL through the router: `path` with the query given,
/// replacing the history entry (Back leaves the page rather than stepping through every
/// pan or click) and keeping the scroll position.
pub fn use_replace_query(path: &'static str) -> impl Fn(&str) + Clone {
    let navigate = use_navigate();
    move |query: &str| {
        navigate(
            &with_query(path, query),
            NavigateOptions { replace: true, scroll: false, ..NavigateOptions::default() },
        )
    }
}

/// `path?query`, or `path` alone when there is nothing to say.
fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
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

    #[test]
    fn compared_parks_are_distinct_positive_and_at_most_three() {
        let chosen = CompareUrl::parse("?parks=4,%204,x,-1,7,0,9,12");
        assert_eq!(chosen.parks(), [4, 7, 9]);
        assert!(chosen.is_full());
        assert_eq!(chosen.to_query(), "parks=4,7,9");
        assert_eq!(CompareUrl::parse(&chosen.to_query()), chosen);
    }

    #[test]
    fn choosing_and_removing_parks_to_compare() {
        let mut chosen = CompareUrl::parse("parks=1,2");
        chosen.add(2);
        assert_eq!(chosen.parks(), [1, 2]);
        chosen.add(3);
        chosen.add(5);
        assert_eq!(chosen.parks(), [1, 2, 3]);
        chosen.remove(1);
        chosen.add(5);
        assert_eq!(chosen.to_query(), "parks=2,3,5");
        assert!(chosen.has(5) && !chosen.has(1));
        assert_eq!(CompareUrl::default().to_query(), "");
    }

    #[test]
    fn a_page_without_state_has_a_bare_path() {
        assert_eq!(with_query("/", ""), "/");
        assert_eq!(with_query("/compare", "parks=1,2"), "/compare?parks=1,2");
    }
}
