//! Test-only builders of GeoJSON polygons shared by the geometry tests.

use geojson::{GeometryValue, Position};

pub fn polygon(rings: &[&[(f64, f64)]]) -> geojson::Geometry {
    geojson::Geometry::new(GeometryValue::Polygon { coordinates: rings_to_positions(rings) })
}

pub fn multi_polygon(polygons: &[&[&[(f64, f64)]]]) -> geojson::Geometry {
    let coordinates = polygons.iter().map(|rings| rings_to_positions(rings)).collect();
    geojson::Geometry::new(GeometryValue::MultiPolygon { coordinates })
}

fn rings_to_positions(rings: &[&[(f64, f64)]]) -> Vec<Vec<Position>> {
    rings.iter().map(|ring| ring.iter().map(|&(lon, lat)| Position::from(vec![lon, lat])).collect()).collect()
}

/// Metres per degree of latitude and of longitude at the equator, on the local spherical
/// approximation the test shapes use: far more precise than the 0.5% the spec allows.
const M_PER_DEG_LAT: f64 = 110_574.0;
const M_PER_DEG_LON_AT_EQUATOR: f64 = 111_320.0;

/// Offsets (east, north) in metres from (lon, lat), as (lon, lat) degrees.
pub fn offset(lon: f64, lat: f64, east_m: f64, north_m: f64) -> (f64, f64) {
    (lon + east_m / (M_PER_DEG_LON_AT_EQUATOR * lat.to_radians().cos()), lat + north_m / M_PER_DEG_LAT)
}

/// A closed square ring of `side_m` metres with its south-west corner at (lon, lat), anticlockwise.
pub fn square(lon: f64, lat: f64, side_m: f64) -> Vec<(f64, f64)> {
    rectangle(lon, lat, side_m, side_m)
}

/// A closed rectangular ring `width_m` east by `height_m` north from its south-west corner, anticlockwise.
pub fn rectangle(lon: f64, lat: f64, width_m: f64, height_m: f64) -> Vec<(f64, f64)> {
    let (east, north) = offset(lon, lat, width_m, height_m);
    vec![(lon, lat), (east, lat), (east, north), (lon, north), (lon, lat)]
}

/// A closed star-shaped ring around (lon, lat): one vertex per radius, at equal angles,
/// so it never crosses itself whatever the radii.
pub fn star(lon: f64, lat: f64, radii_m: &[f64]) -> Vec<(f64, f64)> {
    let step = std::f64::consts::TAU / radii_m.len() as f64;
    let mut ring: Vec<_> = radii_m
        .iter()
        .enumerate()
        .map(|(i, r)| offset(lon, lat, r * (step * i as f64).cos(), r * (step * i as f64).sin()))
        .collect();
    ring.push(ring[0]);
    ring
}
