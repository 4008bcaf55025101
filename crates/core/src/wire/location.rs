//! Where a service request is about: a WGS-84 point and a free-text address, as the SPA's
//! "定位我的位置" and Open311's `lat`/`long`/`address_string` give them.

use serde::{Deserialize, Serialize};

/// The longest address accepted, in characters.
pub const MAX_ADDRESS_CHARS: usize = 200;

/// A WGS-84 point in degrees (the same datum as every stored geometry; GCJ-02 is for display only).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Latitude, −90 to 90.
    pub lat: f64,
    /// Longitude, −180 to 180.
    pub lon: f64,
}

impl Location {
    /// What is wrong with this point, if anything: both numbers finite and in range.
    pub fn problem(&self) -> Option<String> {
        let Location { lat, lon } = *self;
        let in_range = lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0;
        (!in_range).then(|| {
            format!(
                "({lat}, {lon}) is not a WGS-84 point: give lat from -90 to 90 and lon from -180 to 180, in degrees"
            )
        })
    }
}

/// What is wrong with an address, if anything: at most [`MAX_ADDRESS_CHARS`] characters.
pub fn address_problem(address: &str) -> Option<String> {
    let chars = address.trim().chars().count();
    (chars > MAX_ADDRESS_CHARS)
        .then(|| format!("the address has {chars} characters; shorten it to at most {MAX_ADDRESS_CHARS}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_inside_the_ranges_are_accepted_up_to_the_poles_and_the_antimeridian() {
        // 光谷广场, Wuhan.
        for (lat, lon) in [(30.5052, 114.3983), (90.0, 180.0), (-90.0, -180.0), (0.0, 0.0)] {
            assert_eq!(Location { lat, lon }.problem(), None, "{lat}, {lon}");
        }
    }

    #[test]
    fn points_outside_the_ranges_or_not_numbers_are_refused() {
        for (lat, lon) in [(114.3983, 30.5052), (0.0, 180.01), (-90.5, 0.0), (f64::NAN, 0.0), (0.0, f64::INFINITY)] {
            assert!(Location { lat, lon }.problem().is_some(), "{lat}, {lon}");
        }
    }

    #[test]
    fn addresses_up_to_200_characters_are_accepted() {
        assert_eq!(address_problem("武汉市东湖新技术开发区光谷大道77号"), None);
        assert_eq!(address_problem(&"路".repeat(200)), None);
        assert!(address_problem(&"路".repeat(201)).unwrap().contains("201 characters"));
    }

    #[test]
    fn a_location_reads_only_lat_and_lon() {
        let point: Location = serde_json::from_str(r#"{"lat": 30.5, "lon": 114.4}"#).unwrap();
        assert_eq!(point, Location { lat: 30.5, lon: 114.4 });
        assert!(serde_json::from_str::<Location>(r#"{"lat": 30.5, "lng": 114.4}"#).is_err());
    }
}
