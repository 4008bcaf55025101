//! GCJ-02, the offset datum of 高德 AutoNavi and Tencent tiles (spec §7): display only.
//!
//! Shapes are stored and measured in WGS-84. Over GCJ-02 tiles an overlay is shifted
//! forward with [`wgs84_to_gcj02`], and a clicked point is shifted back with
//! [`gcj02_to_wgs84`] before anything is looked up or stored. Never compute an area in
//! GCJ-02: the offset is a non-linear distortion, not a datum a geodesic can use.
//!
//! The forward transform is the widely published one (as in `coordtransform` and
//! `eviltransform`) on the Krasovsky 1940 ellipsoid; it has no closed-form inverse,
//! so the inverse is found by fixed-point iteration.

use geo::{Coord, MapCoords};

use super::{geojson_of, Shape};

/// Semi-major axis of the Krasovsky 1940 ellipsoid, in metres (spec §7).
pub const KRASOVSKY_A_M: f64 = 6_378_245.0;
/// First eccentricity squared of the Krasovsky 1940 ellipsoid: spec §7's
/// 0.00669342162296594323, of which an f64 holds the digits below.
pub const KRASOVSKY_EE: f64 = 0.006_693_421_622_965_943;

/// The rough box (lon 72.004–137.8347, lat 0.8293–55.8271) inside which the offset is
/// applied (spec §7): west, south, east, north in degrees.
pub const CHINA_BOX_DEG: [f64; 4] = [72.004, 0.8293, 137.8347, 55.8271];

/// The inverse stops once the forward transform of its answer is this close (in degrees,
/// about 0.1 mm) to the GCJ-02 point, well inside the 1e-6° round trip it promises.
pub const INVERSE_TOLERANCE_DEG: f64 = 1e-9;
/// Each inverse step shrinks the error about 10⁴-fold (the offset changes by under
/// 2·10⁻⁴ degree per degree), so three steps reach [`INVERSE_TOLERANCE_DEG`] from the
/// ~0.01° starting error anywhere in the box; ten leaves a wide margin.
pub const INVERSE_MAX_ITERATIONS: usize = 10;

/// The largest offset anywhere in the box is about 0.0107°: a GCJ-02 point farther than
/// this from the box cannot have come from inside it.
const MAX_OFFSET_DEG: f64 = 0.011;

/// Whether the GCJ-02 offset applies at this WGS-84 position (spec §7 box, edges included).
pub fn in_china(lon: f64, lat: f64) -> bool {
    in_box(lon, lat, 0.0)
}

/// Shifts a WGS-84 position (lon, lat in degrees) to GCJ-02; unchanged outside China.
pub fn wgs84_to_gcj02(lon: f64, lat: f64) -> (f64, f64) {
    if !in_china(lon, lat) {
        return (lon, lat);
    }
    let (dlon, dlat) = offset_deg(lon, lat);
    (lon + dlon, lat + dlat)
}

/// Shifts a GCJ-02 position back to WGS-84, so that `gcj02_to_wgs84(wgs84_to_gcj02(p))`
/// is within 1e-6° of `p` everywhere in the China box.
///
/// Solves `w + offset(w) = g` by the iteration `w ← w − (w + offset(w) − g)`, starting
/// from `g`, for at most [`INVERSE_MAX_ITERATIONS`] steps. Within one offset of the box
/// edge two WGS-84 points can share a GCJ-02 image (one shifted, one outside and not);
/// the one inside China is returned, as a Gaode map shows Chinese territory.
pub fn gcj02_to_wgs84(lon: f64, lat: f64) -> (f64, f64) {
    if !in_box(lon, lat, MAX_OFFSET_DEG) {
        return (lon, lat);
    }
    let mut wgs = (lon, lat);
    for _ in 0..INVERSE_MAX_ITERATIONS {
        let (dlon, dlat) = offset_deg(wgs.0, wgs.1);
        let (error_lon, error_lat) = (wgs.0 + dlon - lon, wgs.1 + dlat - lat);
        if error_lon.abs() < INVERSE_TOLERANCE_DEG && error_lat.abs() < INVERSE_TOLERANCE_DEG {
            break;
        }
        wgs = (wgs.0 - error_lon, wgs.1 - error_lat);
    }
    if in_china(wgs.0, wgs.1) {
        wgs
    } else {
        (lon, lat)
    }
}

impl Shape {
    /// The shape shifted to GCJ-02, for drawing over 高德 tiles only: it is returned as
    /// GeoJSON rather than a [`Shape`] so that nobody measures an area in it (spec §0).
    pub fn to_gcj02_geojson(&self) -> geojson::Geometry {
        geojson_of(&self.0.map_coords(|Coord { x, y }| {
            let (x, y) = wgs84_to_gcj02(x, y);
            Coord { x, y }
        }))
    }
}

fn in_box(lon: f64, lat: f64, margin_deg: f64) -> bool {
    let [west, south, east, north] = CHINA_BOX_DEG;
    (west - margin_deg..=east + margin_deg).contains(&lon) && (south - margin_deg..=north + margin_deg).contains(&lat)
}

/// The GCJ-02 offset (Δlon, Δlat) in degrees at a WGS-84 position, without the box test.
fn offset_deg(lon: f64, lat: f64) -> (f64, f64) {
    use std::f64::consts::PI;

    // The published polynomial-and-sine noise, in metres, centred on (105°E, 35°N).
    let (x, y) = (lon - 105.0, lat - 35.0);
    let shared = 20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin();
    let dlat_m = -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * x.abs().sqrt()
        + (shared
            + 20.0 * (y * PI).sin()
            + 40.0 * (y / 3.0 * PI).sin()
            + 160.0 * (y / 12.0 * PI).sin()
            + 320.0 * (y / 30.0 * PI).sin())
            * 2.0
            / 3.0;
    let dlon_m = 300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * x.abs().sqrt()
        + (shared
            + 20.0 * (x * PI).sin()
            + 40.0 * (x / 3.0 * PI).sin()
            + 150.0 * (x / 12.0 * PI).sin()
            + 300.0 * (x / 30.0 * PI).sin())
            * 2.0
            / 3.0;

    // Metres to degrees with the Krasovsky meridian and prime-vertical radii of curvature.
    let lat_rad = lat.to_radians();
    let w2 = 1.0 - KRASOVSKY_EE * lat_rad.sin().powi(2);
    let meridian_radius_m = KRASOVSKY_A_M * (1.0 - KRASOVSKY_EE) / (w2 * w2.sqrt());
    let prime_vertical_radius_m = KRASOVSKY_A_M / w2.sqrt();
    ((dlon_m / (prime_vertical_radius_m * lat_rad.cos())).to_degrees(), (dlat_m / meridian_radius_m).to_degrees())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::fixtures::{polygon, square};
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    const TIANANMEN_WGS84: (f64, f64) = (116.391275, 39.907383);

    #[test]
    fn tiananmen_shifts_to_its_published_gcj02_position() {
        let (lon, lat) = wgs84_to_gcj02(TIANANMEN_WGS84.0, TIANANMEN_WGS84.1);
        assert_abs_diff_eq!(lon, 116.397519, epsilon = 1e-5);
        assert_abs_diff_eq!(lat, 39.908780, epsilon = 1e-5);
    }

    #[test]
    fn wuhan_optics_valley_shifts_by_a_few_hundred_metres() {
        let (lon, lat) = wgs84_to_gcj02(114.4, 30.5);
        // About 530 m east and 255 m south: the size of offset a Gaode overlay must undo.
        assert_abs_diff_eq!(lon - 114.4, 0.00554, epsilon = 1e-5);
        assert_abs_diff_eq!(lat - 30.5, -0.00231, epsilon = 1e-5);
    }

    #[test]
    fn tiananmen_round_trips_through_the_inverse() {
        let gcj = wgs84_to_gcj02(TIANANMEN_WGS84.0, TIANANMEN_WGS84.1);
        let (lon, lat) = gcj02_to_wgs84(gcj.0, gcj.1);
        assert_abs_diff_eq!(lon, TIANANMEN_WGS84.0, epsilon = 1e-9);
        assert_abs_diff_eq!(lat, TIANANMEN_WGS84.1, epsilon = 1e-9);
    }

    #[test]
    fn a_point_just_inside_the_east_edge_comes_back_though_its_shift_leaves_the_box() {
        let (gcj_lon, gcj_lat) = wgs84_to_gcj02(137.83, 40.0);
        assert!(!in_china(gcj_lon, gcj_lat));
        let (lon, lat) = gcj02_to_wgs84(gcj_lon, gcj_lat);
        assert_abs_diff_eq!(lon, 137.83, epsilon = 1e-9);
        assert_abs_diff_eq!(lat, 40.0, epsilon = 1e-9);
    }

    #[test]
    fn tokyo_is_outside_china_and_unchanged_both_ways() {
        assert_eq!(wgs84_to_gcj02(139.6917, 35.6895), (139.6917, 35.6895));
        assert_eq!(gcj02_to_wgs84(139.6917, 35.6895), (139.6917, 35.6895));
    }

    #[test]
    fn the_box_edges_are_inside_and_just_beyond_is_outside() {
        assert!(in_china(72.004, 0.8293));
        assert!(in_china(137.8347, 55.8271));
        assert!(!in_china(72.0039, 30.0));
        assert!(!in_china(137.8348, 30.0));
        assert!(!in_china(100.0, 0.8292));
        assert!(!in_china(100.0, 55.8272));
        assert_eq!(wgs84_to_gcj02(72.0039, 30.0), (72.0039, 30.0));
    }

    #[test]
    fn a_shape_is_shifted_vertex_by_vertex_for_display() {
        let corners = square(114.4, 30.5, 100.0);
        let shape = Shape::from_geojson(&polygon(&[&corners])).unwrap();
        let geojson::GeometryValue::Polygon { coordinates } = shape.to_gcj02_geojson().value else {
            panic!("a one-part shape is drawn as a Polygon");
        };
        let (lon, lat) = wgs84_to_gcj02(114.4, 30.5);
        assert_eq!(coordinates[0][0].as_slice(), &[lon, lat]);
        assert_eq!(coordinates[0].len(), 5);
    }

    proptest! {
        #[test]
        fn inverse_undoes_forward_within_a_micro_degree_over_the_china_box(
            lon in CHINA_BOX_DEG[0]..=CHINA_BOX_DEG[2], lat in CHINA_BOX_DEG[1]..=CHINA_BOX_DEG[3],
        ) {
            let (gcj_lon, gcj_lat) = wgs84_to_gcj02(lon, lat);
            let (back_lon, back_lat) = gcj02_to_wgs84(gcj_lon, gcj_lat);
            prop_assert!((back_lon - lon).abs() < 1e-6, "lon {lon} came back as {back_lon}");
            prop_assert!((back_lat - lat).abs() < 1e-6, "lat {lat} came back as {back_lat}");
        }

        #[test]
        fn the_offset_stays_below_its_stated_bound(
            lon in CHINA_BOX_DEG[0]..=CHINA_BOX_DEG[2], lat in CHINA_BOX_DEG[1]..=CHINA_BOX_DEG[3],
        ) {
            let (dlon, dlat) = offset_deg(lon, lat);
            prop_assert!(dlon.abs() < MAX_OFFSET_DEG && dlat.abs() < MAX_OFFSET_DEG);
        }
    }
}
