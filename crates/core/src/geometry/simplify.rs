//! Simplifying a [`Shape`] for drawing at a Web Mercator zoom level, so that a whole
//! park's parcels stay light enough to draw at low zoom without any visible change.
//!
//! Ramer–Douglas–Peucker (`geo::SimplifyIdx`) rather than Visvalingam–Whyatt: its
//! tolerance is a distance, and the promise it keeps — every dropped vertex lies within
//! the tolerance of the simplified outline — is exactly "moves by under half a pixel".
//! Visvalingam's tolerance is an area, with no bound on how far an edge moves. Leaflet
//! simplifies its own paths with the same algorithm.

use geo::algorithm::validation::{InvalidMultiPolygon, InvalidPolygon, RingRole};
use geo::{Coord, LineString, MapCoords, MultiPolygon, Polygon, SimplifyIdx, Validation};

use super::Shape;

/// Radius of the sphere Web Mercator projects from (EPSG:3857), in metres.
pub const WEB_MERCATOR_RADIUS_M: f64 = 6_378_137.0;
/// Width of a map tile in pixels, the size OpenStreetMap, 天地图 and 高德 tiles share.
pub const TILE_SIZE_PX: f64 = 256.0;

/// Metres of ground one screen pixel covers at `zoom` and latitude `lat_deg` on a Web
/// Mercator map: the equator's length spread over 256·2^zoom pixels, shrunk by cos(lat).
pub fn ground_resolution_m_per_px(zoom: u8, lat_deg: f64) -> f64 {
    std::f64::consts::TAU * WEB_MERCATOR_RADIUS_M * lat_deg.to_radians().cos() / (TILE_SIZE_PX * 2f64.powi(zoom.into()))
}

/// The simplification tolerance at `zoom` and `lat_deg`: half a pixel of ground, in
/// degrees of latitude (arc on the Web Mercator sphere), i.e. 180°·cos(lat) / (256·2^zoom).
/// A vertex that moves by less than half a pixel cannot be seen to move.
pub fn simplify_tolerance_deg(zoom: u8, lat_deg: f64) -> f64 {
    (0.5 * ground_resolution_m_per_px(zoom, lat_deg) / WEB_MERCATOR_RADIUS_M).to_degrees()
}

impl Shape {
    /// A lighter copy for drawing at `zoom`: each ring is simplified with Ramer–Douglas–
    /// Peucker at [`simplify_tolerance_deg`] for the latitude of the shape's centre, and
    /// keeps a subset of its own vertices, so the outline moves by under half a pixel.
    ///
    /// The result is always a valid shape. A ring that would keep fewer than 4 positions
    /// (a parcel smaller than a pixel) is kept whole, so small parcels never vanish. When
    /// simplification makes a polygon invalid (a ring crossing itself or another ring, a
    /// hole left outside), the rings `geo`'s validation names are put back as they were,
    /// and the whole polygon if that is not enough; when two simplified polygons overlap,
    /// both are put back. Measure areas on the original: simplified edges cut corners.
    pub fn simplified_for_zoom(&self, zoom: u8) -> Shape {
        let bbox = self.bounding_box();
        let lat_deg = (bbox.south + bbox.north) / 2.0;
        let tolerance_deg = simplify_tolerance_deg(zoom, lat_deg);
        // RDP measures Euclidean distance; scaling longitude by cos(lat) makes both axes
        // degrees of latitude, as Web Mercator pixels are square.
        let lon_scale = lat_deg.to_radians().cos();
        let simplify = |ring: &LineString<f64>| simplify_ring(ring, tolerance_deg, lon_scale);
        let simplified = self
            .polygons()
            .iter()
            .map(|polygon| {
                Polygon::new(simplify(polygon.exterior()), polygon.interiors().iter().map(simplify).collect())
            })
            .collect();
        Shape::oriented(restore_until_valid(MultiPolygon::new(simplified), &self.0))
    }
}

fn simplify_ring(ring: &LineString<f64>, tolerance_deg: f64, lon_scale: f64) -> LineString<f64> {
    let scaled = ring.map_coords(|Coord { x, y }| Coord { x: x * lon_scale, y });
    // Indices rather than coordinates, so kept vertices are the originals to the last bit.
    let kept = scaled.simplify_idx(tolerance_deg);
    if kept.len() < 4 {
        return ring.clone();
    }
    LineString::new(kept.into_iter().map(|index| ring.0[index]).collect())
}

/// Puts original rings back into `shape` until it is valid. Every pass restores at
/// least one ring, and the original is valid, so this ends within one pass per ring;
/// the final fallback to the whole original only guards against that reasoning failing.
fn restore_until_valid(mut shape: MultiPolygon<f64>, original: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    let ring_count: usize = original.iter().map(|polygon| 1 + polygon.interiors().len()).sum();
    for _ in 0..=ring_count {
        let Some(problem) = shape.validation_errors().into_iter().next() else {
            return shape;
        };
        match problem {
            InvalidMultiPolygon::InvalidPolygon(index, problem) => {
                let (simplified, original) = (&mut shape.0[index.0], &original.0[index.0]);
                let mut restored = false;
                for role in rings_named(&problem) {
                    restored |= restore_ring(simplified, original, role);
                }
                if !restored {
                    *simplified = original.clone();
                }
            }
            InvalidMultiPolygon::ElementsOverlaps(a, b) | InvalidMultiPolygon::ElementsTouchOnALine(a, b) => {
                shape.0[a.0] = original.0[a.0].clone();
                shape.0[b.0] = original.0[b.0].clone();
            }
        }
    }
    original.clone()
}

fn rings_named(problem: &InvalidPolygon) -> Vec<RingRole> {
    match *problem {
        InvalidPolygon::TooFewPointsInRing(role)
        | InvalidPolygon::SelfIntersection(role)
        | InvalidPolygon::NonFiniteCoord(role, _)
        | InvalidPolygon::InteriorRingNotContainedInExteriorRing(role) => vec![role],
        InvalidPolygon::IntersectingRingsOnALine(a, b) | InvalidPolygon::IntersectingRingsOnAnArea(a, b) => vec![a, b],
    }
}

/// Puts one ring of `simplified` back as it is in `original`; false if it already was.
fn restore_ring(simplified: &mut Polygon<f64>, original: &Polygon<f64>, role: RingRole) -> bool {
    match role {
        RingRole::Exterior if simplified.exterior() != original.exterior() => {
            simplified.exterior_mut(|ring| *ring = original.exterior().clone());
            true
        }
        RingRole::Interior(i) if simplified.interiors()[i] != original.interiors()[i] => {
            simplified.interiors_mut(|holes| holes[i] = original.interiors()[i].clone());
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::fixtures::{multi_polygon, offset, polygon, square, star};
    use approx::assert_relative_eq;
    use geo::{Distance, Euclidean, Point};
    use proptest::prelude::*;

    const LAT: f64 = 30.0;
    const LON: f64 = 114.4;
    /// At zoom 12 and 30°N half a pixel is 16.55 m of ground.
    const ZOOM: u8 = 12;

    /// (lon, lat) `east_m` and `north_m` metres from (LON, LAT).
    fn at(east_m: f64, north_m: f64) -> (f64, f64) {
        offset(LON, LAT, east_m, north_m)
    }

    fn circle(radius_m: f64, vertices: usize) -> Vec<(f64, f64)> {
        star(LON, LAT, &vec![radius_m; vertices])
    }

    fn shape(geometry: geojson::Geometry) -> Shape {
        Shape::from_geojson(&geometry).unwrap()
    }

    /// Whether `part` is `whole` with some positions left out, in order.
    fn is_subsequence(part: &LineString<f64>, whole: &LineString<f64>) -> bool {
        let mut whole = whole.0.iter();
        part.0.iter().all(|coord| whole.any(|candidate| candidate == coord))
    }

    #[test]
    fn ground_resolution_at_zoom_zero_on_the_equator_is_the_equator_over_256_pixels() {
        assert_relative_eq!(ground_resolution_m_per_px(0, 0.0), 156_543.033_928_040_97, max_relative = 1e-12);
    }

    #[test]
    fn ground_resolution_halves_per_zoom_level_and_shrinks_with_cos_latitude() {
        assert_relative_eq!(ground_resolution_m_per_px(10, 30.0), 132.392_816_569_504_65, max_relative = 1e-12);
    }

    #[test]
    fn tolerance_is_half_a_pixel_in_degrees_of_latitude() {
        assert_relative_eq!(simplify_tolerance_deg(0, 0.0), 180.0 / 256.0, max_relative = 1e-12);
        assert_relative_eq!(simplify_tolerance_deg(1, 60.0), 0.175_781_25, max_relative = 1e-12);
        assert_relative_eq!(simplify_tolerance_deg(ZOOM, LAT), 1.486_631_132_900_228e-4, max_relative = 1e-12);
    }

    #[test]
    fn a_dense_circle_loses_vertices_but_moves_under_half_a_pixel() {
        let original = shape(polygon(&[&circle(1_000.0, 720)]));
        let simplified = original.simplified_for_zoom(ZOOM);
        let (before, after) = (original.polygons()[0].exterior(), simplified.polygons()[0].exterior());
        // A chord of a 1 km circle may cut in 16.55 m: at least 18 chords, and far fewer than 720.
        assert!((19..=60).contains(&after.0.len()), "kept {} positions", after.0.len());
        assert!(is_subsequence(after, before));
        let scale = |c: Coord<f64>| Coord { x: c.x * LAT.to_radians().cos(), y: c.y };
        let after_scaled = after.map_coords(scale);
        let tolerance = simplify_tolerance_deg(ZOOM, LAT);
        for coord in before.coords() {
            assert!(Euclidean.distance(&Point(scale(*coord)), &after_scaled) <= tolerance * (1.0 + 1e-9));
        }
    }

    #[test]
    fn at_street_level_zoom_nothing_is_dropped() {
        let original = shape(polygon(&[&circle(1_000.0, 720)]));
        assert_eq!(original.simplified_for_zoom(24), original);
    }

    #[test]
    fn a_parcel_smaller_than_a_pixel_is_kept_whole() {
        let original = shape(polygon(&[&square(LON, LAT, 100.0)]));
        assert_eq!(original.simplified_for_zoom(5), original);
    }

    #[test]
    fn a_hole_that_simplification_would_leave_outside_keeps_its_polygon_whole() {
        // A 10 m bump on the south edge, under half a pixel, with a small hole inside it:
        // flattening the bump would leave the hole outside the outer ring.
        let outer = [at(0.0, 0.0), at(480.0, 0.0), at(500.0, -10.0), at(520.0, 0.0), at(1_000.0, 0.0)]
            .into_iter()
            .chain([at(1_000.0, 1_000.0), at(0.0, 1_000.0), at(0.0, 0.0)])
            .collect::<Vec<_>>();
        let hole = [at(497.0, -5.0), at(497.0, -3.0), at(503.0, -3.0), at(503.0, -5.0), at(497.0, -5.0)];
        let (far_lon, far_lat) = at(5_000.0, 0.0);
        let far_circle = star(far_lon, far_lat, &[1_000.0; 720]);
        let original = shape(multi_polygon(&[&[&outer, &hole], &[&far_circle]]));
        let simplified = original.simplified_for_zoom(ZOOM);
        assert_eq!(simplified.polygons()[0], original.polygons()[0]);
        assert!(simplified.polygons()[1].exterior().0.len() < 100);
    }

    #[test]
    fn polygons_that_simplification_would_overlap_are_both_kept_whole() {
        // A 10 m notch in a large parcel, with a 4 m parcel inside it: filling the notch
        // would cover the small parcel.
        let large = [at(0.0, 0.0), at(480.0, 0.0), at(500.0, 10.0), at(520.0, 0.0), at(1_000.0, 0.0)]
            .into_iter()
            .chain([at(1_000.0, 1_000.0), at(0.0, 1_000.0), at(0.0, 0.0)])
            .collect::<Vec<_>>();
        let (small_lon, small_lat) = at(498.0, 1.0);
        let small = square(small_lon, small_lat, 4.0);
        let original = shape(multi_polygon(&[&[&large], &[&small]]));
        assert_eq!(original.simplified_for_zoom(ZOOM), original);
    }

    #[test]
    fn the_same_large_parcel_alone_loses_its_notch() {
        let large = [at(0.0, 0.0), at(480.0, 0.0), at(500.0, 10.0), at(520.0, 0.0), at(1_000.0, 0.0)]
            .into_iter()
            .chain([at(1_000.0, 1_000.0), at(0.0, 1_000.0), at(0.0, 0.0)])
            .collect::<Vec<_>>();
        let simplified = shape(polygon(&[&large])).simplified_for_zoom(ZOOM);
        assert_eq!(simplified.polygons()[0].exterior().0.len(), 5);
    }

    proptest! {
        #[test]
        fn simplified_shapes_are_valid_subsets_of_the_original(
            radii in prop::collection::vec((200.0f64..1_000.0, 0.5f64..0.99), 8..60),
            zoom in 0u8..=20,
        ) {
            // Outer ring and hole share their vertex angles and each hole vertex is nearer the
            // centre, so the hole lies inside, at places within 1% of the outer ring.
            let outer_radii: Vec<f64> = radii.iter().map(|&(outer, _)| outer).collect();
            let hole_radii: Vec<f64> = radii.iter().map(|&(outer, fraction)| outer * fraction).collect();
            let outer = star(LON, LAT, &outer_radii);
            let hole: Vec<_> = star(LON, LAT, &hole_radii).into_iter().rev().collect();
            let original = shape(polygon(&[&outer, &hole]));
            let simplified = original.simplified_for_zoom(zoom);
            prop_assert_eq!(Shape::from_geojson(&simplified.to_geojson()), Ok(simplified.clone()));
            let (before, after) = (&original.polygons()[0], &simplified.polygons()[0]);
            prop_assert_eq!(after.interiors().len(), 1);
            prop_assert!(is_subsequence(after.exterior(), before.exterior()));
            prop_assert!(is_subsequence(&after.interiors()[0], &before.interiors()[0]));
        }
    }
}
