//! Finding land: the filters an investor sets on the public map, written the same way
//! into the page's URL (so a link reproduces the view) and into `GET /api/v1/land`,
//! and what that search answers. Both sides read the query with [`LandFilter::from_pairs`].

use crate::text::quoted;
use serde::{Deserialize, Serialize};

use super::{LandUse, ParcelStatus};
use crate::geometry::BoundingBox;
use crate::units::{Mu, SquareMetres};

/// Longest search text accepted, in characters: a name or a parcel code.
pub const MAX_SEARCH_CHARS: usize = 50;
/// Above any single land grant (30,000 亩, the largest parcel the API stores).
pub const MAX_FILTER_MU: f64 = 30_000.0;
/// Matches returned by one search unless `limit` asks for fewer.
pub const DEFAULT_LAND_LIMIT: u32 = 100;
pub const MAX_LAND_LIMIT: u32 = 500;

/// What an investor is looking for. Empty lists and `None` mean "any".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LandFilter {
    /// Part of a park name (Chinese or English), a parcel code or an occupant's name.
    pub text: String,
    pub statuses: Vec<ParcelStatus>,
    pub land_uses: Vec<LandUse>,
    pub min_mu: Option<f64>,
    pub max_mu: Option<f64>,
    pub park_id: Option<i64>,
    /// One of the parks' leading industries (主导产业), exactly as the park lists it.
    pub industry: Option<String>,
}

/// A query parameter that cannot be used, as `(field, problem)`.
pub type QueryProblem = (&'static str, String);

impl LandFilter {
    /// The filter as `key=value` pairs in a fixed order, values not yet percent-encoded;
    /// "any" is left out, so an empty filter writes nothing.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.text.trim().is_empty() {
            pairs.push(("q", self.text.trim().to_string()));
        }
        if !self.statuses.is_empty() {
            pairs.push(("status", self.statuses.iter().map(snake_name).collect::<Vec<_>>().join(",")));
        }
        if !self.land_uses.is_empty() {
            pairs.push(("land_use", self.land_uses.iter().map(snake_name).collect::<Vec<_>>().join(",")));
        }
        if let Some(min) = self.min_mu {
            pairs.push(("min_mu", min.to_string()));
        }
        if let Some(max) = self.max_mu {
            pairs.push(("max_mu", max.to_string()));
        }
        if let Some(park) = self.park_id {
            pairs.push(("park", park.to_string()));
        }
        if let Some(industry) = &self.industry {
            pairs.push(("industry", industry.clone()));
        }
        pairs
    }

    /// Reads the filter's own keys from decoded `key=value` pairs and ignores every other
    /// key (the map's URL also holds its centre, zoom and selection).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<LandFilter, QueryProblem> {
        let mut filter = LandFilter::default();
        for (key, value) in pairs {
            match key {
                "q" => {
                    let text = value.trim();
                    if text.chars().count() > MAX_SEARCH_CHARS {
                        return Err(("q", format!("search text is longer than {MAX_SEARCH_CHARS} characters")));
                    }
                    filter.text = text.to_string();
                }
                "status" => filter.statuses = names_list("status", value)?,
                "land_use" => filter.land_uses = names_list("land_use", value)?,
                "min_mu" => filter.min_mu = area("min_mu", value)?,
                "max_mu" => filter.max_mu = area("max_mu", value)?,
                "park" => {
                    filter.park_id = Some(
                        value
                            .parse::<i64>()
                            .ok()
                            .filter(|id| *id > 0)
                            .ok_or_else(|| ("park", format!("park {} must be a park id", quoted(value))))?,
                    )
                }
                "industry" => {
                    let industry = value.trim();
                    filter.industry = (!industry.is_empty()).then(|| industry.to_string());
                }
                _ => {}
            }
        }
        if let (Some(min), Some(max)) = (filter.min_mu, filter.max_mu) {
            if min > max {
                return Err(("min_mu", format!("the smallest area, {min} 亩, is above the largest, {max} 亩")));
            }
        }
        Ok(filter)
    }

    /// Whether this filter narrows anything down.
    pub fn is_empty(&self) -> bool {
        self == &LandFilter::default()
    }

    /// Whether a parcel passes the filters the map can check without the server: status,
    /// land use, area and park. Text and industry need the names of parks and occupants.
    pub fn admits(&self, park_id: i64, status: ParcelStatus, land_use: LandUse, area: SquareMetres) -> bool {
        let mu = area.to_mu().0;
        (self.statuses.is_empty() || self.statuses.contains(&status))
            && (self.land_uses.is_empty() || self.land_uses.contains(&land_use))
            && self.min_mu.is_none_or(|min| mu >= min)
            && self.max_mu.is_none_or(|max| mu <= max)
            && self.park_id.is_none_or(|park| park == park_id)
    }
}

/// The serde name of a unit enum variant, e.g. `under_construction`.
fn snake_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => unreachable!("status and land-use variants serialise as strings"),
    }
}

fn names_list<T: for<'de> Deserialize<'de> + PartialEq>(
    field: &'static str,
    value: &str,
) -> Result<Vec<T>, QueryProblem> {
    let mut list: Vec<T> = Vec::new();
    for name in value.split(',').map(str::trim).filter(|name| !name.is_empty()) {
        let parsed = serde_json::from_value::<T>(serde_json::Value::String(name.to_string()))
            .map_err(|_| (field, format!("{} is not a {field} parkatlas knows", quoted(name))))?;
        if !list.contains(&parsed) {
            list.push(parsed);
        }
    }
    Ok(list)
}

fn area(field: &'static str, value: &str) -> Result<Option<f64>, QueryProblem> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|mu| mu.is_finite() && (0.0..=MAX_FILTER_MU).contains(mu))
        .map(Some)
        .ok_or_else(|| (field, format!("{} must be an area from 0 to {MAX_FILTER_MU} 亩", quoted(value))))
}

/// One parcel found by a land search: enough to list it and frame it on the map.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LandMatch {
    pub id: i64,
    pub park_id: i64,
    pub code: String,
    pub land_use: LandUse,
    pub status: ParcelStatus,
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub area_m2: SquareMetres,
    /// The enterprise using the parcel (the public register's name), if any.
    pub occupant_name: Option<String>,
    /// Whether the parcel is offered with 标准地 conditions.
    pub standard_land: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub bbox: BoundingBox,
}

impl LandMatch {
    pub fn area_mu(&self) -> Mu {
        self.area_m2.to_mu()
    }
}

/// The answer of `GET /api/v1/land`: the largest matching parcels first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LandSearch {
    /// How many parcels match in all; `parcels` holds at most `limit` of them.
    pub total: u32,
    pub parcels: Vec<LandMatch>,
    /// The box around every match (not only those returned), to frame them on the map.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub bounds: Option<BoundingBox>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pairs(query: &str) -> Vec<(&str, &str)> {
        query.split('&').filter_map(|pair| pair.split_once('=')).collect()
    }

    #[test]
    fn reads_every_key_and_ignores_the_maps_own() {
        let filter = LandFilter::from_pairs(pairs(
            "at=30.5,114.3,14&q=光谷&status=available,idle&min_mu=50&park=2&industry=光电子信息&parcel=7",
        ))
        .unwrap();
        assert_eq!(filter.text, "光谷");
        assert_eq!(filter.statuses, vec![ParcelStatus::Available, ParcelStatus::Idle]);
        assert_eq!(filter.min_mu, Some(50.0));
        assert_eq!(filter.max_mu, None);
        assert_eq!(filter.park_id, Some(2));
        assert_eq!(filter.industry.as_deref(), Some("光电子信息"));
    }

    #[test]
    fn names_the_field_and_the_problem() {
        let problem = |query| LandFilter::from_pairs(pairs(query)).unwrap_err();
        assert_eq!(problem("status=vacant"), ("status", "“vacant” is not a status parkatlas knows".to_string()));
        assert_eq!(problem("min_mu=-1").0, "min_mu");
        assert_eq!(problem("max_mu=abc").0, "max_mu");
        assert_eq!(problem("max_mu=NaN").0, "max_mu");
        assert_eq!(problem("park=0").0, "park");
        assert_eq!(
            problem("min_mu=80&max_mu=50"),
            ("min_mu", "the smallest area, 80 亩, is above the largest, 50 亩".to_string())
        );
        assert_eq!(problem(&format!("q={}", "地".repeat(51))).0, "q");
    }

    #[test]
    fn an_empty_filter_writes_nothing_and_admits_everything() {
        assert!(LandFilter::default().to_pairs().is_empty());
        assert!(LandFilter::default().admits(1, ParcelStatus::Idle, LandUse::Public, SquareMetres(1.0)));
    }

    #[test]
    fn admits_by_status_use_area_and_park() {
        let filter = LandFilter { statuses: vec![ParcelStatus::Available], min_mu: Some(50.0), ..Default::default() };
        let fifty_mu = Mu(50.0).to_square_metres();
        assert!(filter.admits(1, ParcelStatus::Available, LandUse::Industrial, fifty_mu));
        assert!(!filter.admits(1, ParcelStatus::Available, LandUse::Industrial, SquareMetres(fifty_mu.0 - 1.0)));
        assert!(!filter.admits(1, ParcelStatus::Idle, LandUse::Industrial, fifty_mu));
        let in_park_2 = LandFilter { park_id: Some(2), land_uses: vec![LandUse::Warehousing], ..Default::default() };
        assert!(in_park_2.admits(2, ParcelStatus::Idle, LandUse::Warehousing, fifty_mu));
        assert!(!in_park_2.admits(1, ParcelStatus::Idle, LandUse::Warehousing, fifty_mu));
        assert!(!in_park_2.admits(2, ParcelStatus::Idle, LandUse::Industrial, fifty_mu));
    }

    fn any_filter() -> impl Strategy<Value = LandFilter> {
        (
            "[a-zA-Z0-9光谷园区 -]{0,12}",
            proptest::sample::subsequence(ParcelStatus::ALL.to_vec(), 0..=6),
            proptest::sample::subsequence(
                vec![LandUse::Industrial, LandUse::InnovativeIndustrial, LandUse::Warehousing, LandUse::Commercial],
                0..=4,
            ),
            proptest::option::of(0u32..10_000),
            proptest::option::of(1i64..1_000),
            proptest::option::of("[光电子信息汽车 ]{1,6}"),
        )
            .prop_map(|(text, statuses, land_uses, min, park_id, industry)| LandFilter {
                text: text.trim().to_string(),
                statuses,
                land_uses,
                min_mu: min.map(|m| f64::from(m) / 10.0),
                max_mu: min.map(|m| f64::from(m) / 10.0 + 25.5),
                park_id,
                industry: industry.map(|i| i.trim().to_string()).filter(|i| !i.is_empty()),
            })
    }

    proptest! {
        #[test]
        fn every_filter_survives_its_own_pairs(filter in any_filter()) {
            let written = filter.to_pairs();
            let read = LandFilter::from_pairs(written.iter().map(|(k, v)| (*k, v.as_str()))).unwrap();
            prop_assert_eq!(read, filter);
        }
    }
}
