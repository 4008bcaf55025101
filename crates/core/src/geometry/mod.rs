//! Park and parcel shapes in WGS-84: parsing GeoJSON into a validated [`Shape`],
//! geodesic area and perimeter, bounding boxes, point-in-polygon, simplification for
//! a map zoom level, and the GCJ-02 display offset ([`gcj02`]).
//!
//! Coordinates are (longitude, latitude) in degrees, the GeoJSON axis order.
//! Areas are geodesic on the WGS-84 ellipsoid (Karney 2013, "Algorithms for
//! geodesics", via `geo::GeodesicArea`): planar areas in degrees are never
//! acceptable for land (spec §0). Every algorithm here is `geo`'s; this module only
//! chooses, parameterises and validates.

mod equal_area;
pub mod gauss_kruger;
pub mod gcj02;
mod outline;
mod simplify;
mod validation;

#[cfg(test)]
mod fixtures;

use std::fmt;

use geo::orient::Direction;
use geo::{BoundingRect, Contains, Coord, GeodesicArea, InteriorPoint, MultiPolygon, Orient, Polygon};
use serde::{Deserialize, Serialize};

use crate::units::SquareMetres;

/// Shapes no wider or taller than this (about 10 km) take the equal-area path of [`Shape::area`].
pub const EQUAL_AREA_MAX_EXTENT_DEG: f64 = 0.1;

pub use outline::{check_outline, ring_geometry, OutlineProblem};
pub use simplify::{ground_resolution_m_per_px, simplify_tolerance_deg, TILE_SIZE_PX, WEB_MERCATOR_RADIUS_M};

/// The geodesic distance on WGS-84 between two (longitude, latitude) points in degrees,
/// in metres (Karney's algorithm, as for areas).
pub fn geodesic_distance_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    use geo::{Distance, Geodesic, Point};
    Geodesic.distance(Point::new(a.0, a.1), Point::new(b.0, b.1))
}

/// A validated polygonal area: one or more polygons, each with an outer ring and
/// optional holes, closed, finite, in range and free of self-intersections, wound
/// as RFC 7946 asks whatever the input's winding was.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape(MultiPolygon<f64>);

/// Which ring of which polygon a problem is in, counted from 1 as a person reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RingLocation {
    pub polygon: usize,
    pub ring: Ring,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ring {
    Outer,
    /// A hole, counted from 1.
    Hole(usize),
}

impl fmt::Display for RingLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ring {
            Ring::Outer => write!(f, "polygon {}, outer ring", self.polygon),
            Ring::Hole(hole) => write!(f, "polygon {}, hole {}", self.polygon, hole),
        }
    }
}

/// Why a geometry is not an acceptable park or parcel shape.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeometryError {
    #[error("geometry must be a Polygon or MultiPolygon, not a {0}")]
    NotPolygonal(&'static str),
    #[error("geometry has no polygons")]
    Empty,
    #[error("{0}: the ring is not closed; repeat the first position at the end")]
    RingNotClosed(RingLocation),
    #[error("{at}: the ring has {count} positions; it needs at least 4 (three corners and the closing position)")]
    TooFewPositions { at: RingLocation, count: usize },
    #[error("{at}, position {index}: a position needs a longitude and a latitude")]
    IncompletePosition { at: RingLocation, index: usize },
    #[error(
        "{at}, position {index}: ({lon}, {lat}) is not a WGS-84 longitude in [-180, 180] and latitude in [-90, 90]"
    )]
    OutOfRange { at: RingLocation, index: usize, lon: f64, lat: f64 },
    #[error("{at}: {problem}")]
    Topology { at: RingLocation, problem: &'static str },
    #[error("polygons {0} and {1} overlap or share an edge; merge them or separate them")]
    PolygonsOverlap(usize, usize),
}

/// An axis-aligned box in degrees: west, south, east, north.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BoundingBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

/// The deepest web-map zoom level parkatlas serves (about 4 cm per pixel).
pub const MAX_ZOOM: u8 = 22;

/// Why a `bbox=west,south,east,north` parameter is not a usable box.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BoundingBoxError {
    #[error("give four numbers, west,south,east,north in degrees, e.g. 114.1,30.4,114.6,30.7")]
    NotFourNumbers,
    #[error("longitudes must lie in [-180, 180] and latitudes in [-90, 90]")]
    OutOfRange,
    #[error("west must be less than east and south less than north")]
    Empty,
}

impl BoundingBox {
    /// The smallest box holding both (boxes across the antimeridian are not expected here).
    pub fn union(self, other: BoundingBox) -> BoundingBox {
        BoundingBox {
            west: self.west.min(other.west),
            south: self.south.min(other.south),
            east: self.east.max(other.east),
            north: self.north.max(other.north),
        }
    }

    /// Parses `west,south,east,north` in degrees, as map clients send a viewport.
    pub fn parse(text: &str) -> Result<BoundingBox, BoundingBoxError> {
        let numbers: Vec<f64> = text
            .split(',')
            .map(|part| part.trim().parse::<f64>().ok().filter(|n| n.is_finite()))
            .collect::<Option<_>>()
            .ok_or(BoundingBoxError::NotFourNumbers)?;
        let [west, south, east, north] = numbers[..] else { return Err(BoundingBoxError::NotFourNumbers) };
        if [west, east].iter().any(|lon| lon.abs() > 180.0) || [south, north].iter().any(|lat| lat.abs() > 90.0) {
            return Err(BoundingBoxError::OutOfRange);
        }
        if west >= east || south >= north {
            return Err(BoundingBoxError::Empty);
        }
        Ok(BoundingBox { west, south, east, north })
    }
}

impl Shape {
    /// Parses and validates a GeoJSON geometry, reporting the first problem found.
    pub fn from_geojson(geometry: &geojson::Geometry) -> Result<Shape, GeometryError> {
        let shape = MultiPolygon::new(validation::polygons_from_geojson(geometry)?);
        validation::check_topology(&shape)?;
        Ok(Shape::oriented(shape))
    }

    /// RFC 7946 winding (outer rings anticlockwise, holes clockwise): geodesic area
    /// takes a clockwise outer ring for the rest of the globe.
    fn oriented(shape: MultiPolygon<f64>) -> Shape {
        Shape(shape.orient(Direction::Default))
    }

    /// The GeoJSON form: a Polygon when there is one part, else a MultiPolygon.
    pub fn to_geojson(&self) -> geojson::Geometry {
        geojson_of(&self.0)
    }

    pub fn polygons(&self) -> &[Polygon<f64>] {
        &self.0 .0
    }

    /// Area on the WGS-84 ellipsoid, holes subtracted.
    ///
    /// Shapes within [`EQUAL_AREA_MAX_EXTENT_DEG`] (parcels, most parks) are measured in
    /// equal-area coordinates, which agree with Karney's geodesic area to better than a
    /// part in a million at about a twentieth of the cost; larger shapes use Karney's
    /// algorithm (via `geo`) directly.
    pub fn area(&self) -> SquareMetres {
        let bbox = self.bounding_box();
        if bbox.east - bbox.west <= EQUAL_AREA_MAX_EXTENT_DEG && bbox.north - bbox.south <= EQUAL_AREA_MAX_EXTENT_DEG {
            SquareMetres(self.0.iter().map(equal_area::polygon_area_m2).sum())
        } else {
            SquareMetres(self.0.geodesic_area_unsigned())
        }
    }

    /// Karney's geodesic area (via `geo`) whatever the size: the reference [`Shape::area`] is checked against.
    pub fn geodesic_area(&self) -> SquareMetres {
        SquareMetres(self.0.geodesic_area_unsigned())
    }

    /// Geodesic length of every ring, holes included, in metres.
    pub fn perimeter_m(&self) -> f64 {
        self.0.geodesic_perimeter()
    }

    pub fn bounding_box(&self) -> BoundingBox {
        let rect = self.0.bounding_rect().expect("a validated shape has at least one ring");
        BoundingBox { west: rect.min().x, south: rect.min().y, east: rect.max().x, north: rect.max().y }
    }

    /// Whether the WGS-84 point (lon, lat) lies in the shape's interior (`geo::Contains`):
    /// points in a hole, outside, or exactly on a ring are not, so a click on the edge
    /// two neighbouring parcels share selects neither rather than both.
    pub fn contains_point(&self, lon: f64, lat: f64) -> bool {
        self.0.contains(&Coord { x: lon, y: lat })
    }

    /// A WGS-84 point (lon, lat) inside the shape (`geo::InteriorPoint`): where a pin on
    /// the parcel goes. Unlike the centroid it never falls outside an L-shaped parcel.
    pub fn interior_point(&self) -> (f64, f64) {
        let point = self.0.interior_point().expect("a validated shape has at least one ring");
        (point.x(), point.y())
    }
}

/// A Polygon when there is one part, else a MultiPolygon.
fn geojson_of(shape: &MultiPolygon<f64>) -> geojson::Geometry {
    match shape.0.as_slice() {
        [single] => geojson::Geometry::from(single),
        _ => geojson::Geometry::from(shape),
    }
}

#[cfg(test)]
mod tests {
    mod bounding_box_parsing {
        use super::super::*;

        #[test]
        fn union_holds_both_boxes() {
            let guanggu = BoundingBox { west: 114.50, south: 30.45, east: 114.54, north: 30.48 };
            let chegu = BoundingBox { west: 114.12, south: 30.47, east: 114.16, north: 30.51 };
            assert_eq!(guanggu.union(chegu), BoundingBox { west: 114.12, south: 30.45, east: 114.54, north: 30.51 });
        }

        #[test]
        fn a_wuhan_viewport_parses() {
            let bbox = BoundingBox::parse("114.1, 30.4,114.6,30.7").unwrap();
            assert_eq!(bbox, BoundingBox { west: 114.1, south: 30.4, east: 114.6, north: 30.7 });
        }

        #[test]
        fn bad_viewports_say_what_is_wrong() {
            assert_eq!(BoundingBox::parse("114.1,30.4,114.6"), Err(BoundingBoxError::NotFourNumbers));
            assert_eq!(BoundingBox::parse("a,b,c,d"), Err(BoundingBoxError::NotFourNumbers));
            assert_eq!(BoundingBox::parse("114,30,114.5,NaN"), Err(BoundingBoxError::NotFourNumbers));
            assert_eq!(BoundingBox::parse("114,30,181,31"), Err(BoundingBoxError::OutOfRange));
            assert_eq!(BoundingBox::parse("114.6,30.4,114.1,30.7"), Err(BoundingBoxError::Empty));
        }
    }

    use super::fixtures::{multi_polygon, offset, polygon, square};
    use super::*;
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    mod interior_point {
        use super::*;

        #[test]
        fn the_pin_of_an_l_shaped_parcel_lies_on_the_parcel() {
            // An L: a 200 m square missing its north-east quarter; its centroid's
            // neighbourhood is near the notch, the interior point is inside.
            let l = [
                (114.40, 30.48),
                (114.402, 30.48),
                (114.402, 30.481),
                (114.401, 30.481),
                (114.401, 30.482),
                (114.40, 30.482),
                (114.40, 30.48),
            ];
            let shape = Shape::from_geojson(&polygon(&[&l])).unwrap();
            let (lon, lat) = shape.interior_point();
            assert!(shape.contains_point(lon, lat), "({lon}, {lat})");
        }
    }

    mod area {
        use super::*;

        #[test]
        fn hectare_square_at_thirty_degrees_is_ten_thousand_square_metres() {
            // Spec §0: 100 m × 100 m at latitude 30° must come out as 10000 m² ± 0.5%.
            let shape = Shape::from_geojson(&polygon(&[&square(114.4, 30.0, 100.0)])).unwrap();
            assert_relative_eq!(shape.area().0, 10_000.0, max_relative = 0.005);
        }

        #[test]
        fn hole_is_subtracted() {
            let outer = square(114.40, 30.48, 200.0);
            let hole: Vec<_> = square(114.4005, 30.4805, 50.0).into_iter().rev().collect();
            let shape = Shape::from_geojson(&polygon(&[&outer, &hole])).unwrap();
            assert_relative_eq!(shape.area().0, 40_000.0 - 2_500.0, max_relative = 0.005);
        }

        #[test]
        fn guanggu_perimeter_of_a_square_is_four_sides() {
            let shape = Shape::from_geojson(&polygon(&[&square(114.40, 30.48, 250.0)])).unwrap();
            assert_relative_eq!(shape.perimeter_m(), 1_000.0, max_relative = 0.005);
        }

        /// Area and perimeter of a single-ring parcel.
        fn measure(ring: &[(f64, f64)]) -> (f64, f64) {
            let shape = Shape::from_geojson(&polygon(&[ring])).unwrap();
            (shape.area().0, shape.perimeter_m())
        }

        proptest! {
            #[test]
            fn area_and_perimeter_are_positive_and_independent_of_ring_start_and_direction(
                lon in 73.0f64..135.0, lat in 18.0f64..53.0, side in 10.0f64..2_000.0,
                start in 0usize..4, reverse: bool,
            ) {
                let mut corners = square(lon, lat, side);
                corners.pop();
                corners.rotate_left(start);
                if reverse { corners.reverse(); }
                corners.push(corners[0]);
                let (area, perimeter) = measure(&corners);
                let (original_area, original_perimeter) = measure(&square(lon, lat, side));
                prop_assert!(area > 0.0);
                prop_assert!((area - original_area).abs() <= original_area * 1e-9);
                prop_assert!((perimeter - original_perimeter).abs() <= original_perimeter * 1e-9);
            }

            /// The ellipsoid is symmetric about its axis, so moving a parcel east or west
            /// (by up to 5 km, staying within a UTM zone) must not change its measures.
            /// North–south moves change them with the ellipsoid's curvature, so are not tested.
            #[test]
            fn area_and_perimeter_are_unchanged_by_an_east_west_move(
                lon in 73.0f64..135.0, lat in 18.0f64..53.0, side in 10.0f64..2_000.0,
                shift_m in -5_000.0f64..5_000.0,
            ) {
                let corners = square(lon, lat, side);
                let shift_deg = offset(lon, lat, shift_m, 0.0).0 - lon;
                let moved: Vec<_> = corners.iter().map(|&(x, y)| (x + shift_deg, y)).collect();
                let (area, perimeter) = measure(&corners);
                let (moved_area, moved_perimeter) = measure(&moved);
                prop_assert!(moved_area > 0.0);
                prop_assert!((moved_area - area).abs() <= area * 1e-6);
                prop_assert!((moved_perimeter - perimeter).abs() <= perimeter * 1e-6);
            }
        }
    }

    mod contains_point {
        use super::*;

        fn parcel_with_hole() -> Shape {
            let outer = square(114.40, 30.48, 200.0);
            let hole: Vec<_> = square(114.4005, 30.4805, 50.0).into_iter().rev().collect();
            Shape::from_geojson(&polygon(&[&outer, &hole])).unwrap()
        }

        #[test]
        fn point_inside_the_outer_ring_is_contained() {
            let (lon, lat) = offset(114.40, 30.48, 150.0, 150.0);
            assert!(parcel_with_hole().contains_point(lon, lat));
        }

        #[test]
        fn point_in_the_hole_is_not_contained() {
            let (lon, lat) = offset(114.4005, 30.4805, 25.0, 25.0);
            assert!(!parcel_with_hole().contains_point(lon, lat));
        }

        #[test]
        fn point_outside_is_not_contained() {
            let (lon, lat) = offset(114.40, 30.48, 250.0, 50.0);
            assert!(!parcel_with_hole().contains_point(lon, lat));
        }

        #[test]
        fn point_on_the_outer_ring_is_not_contained() {
            assert!(!parcel_with_hole().contains_point(114.40, 30.481));
        }

        #[test]
        fn point_in_the_second_part_of_a_multipolygon_is_contained() {
            let west = square(114.40, 30.48, 100.0);
            let east = square(114.41, 30.48, 100.0);
            let shape = Shape::from_geojson(&multi_polygon(&[&[&west], &[&east]])).unwrap();
            let (lon, lat) = offset(114.41, 30.48, 50.0, 50.0);
            assert!(shape.contains_point(lon, lat));
            assert!(!shape.contains_point(114.405, 30.4804));
        }
    }

    #[test]
    fn geojson_round_trip_keeps_the_shape() {
        let shape = Shape::from_geojson(&polygon(&[&square(114.4, 30.5, 300.0)])).unwrap();
        assert_eq!(Shape::from_geojson(&shape.to_geojson()).unwrap(), shape);
    }

    #[test]
    fn bounding_box_spans_the_outer_ring() {
        let shape =
            Shape::from_geojson(&polygon(&[&[(114.0, 30.0), (114.2, 30.1), (114.1, 30.3), (114.0, 30.0)]])).unwrap();
        assert_eq!(shape.bounding_box(), BoundingBox { west: 114.0, south: 30.0, east: 114.2, north: 30.3 });
    }

    proptest! {
        /// Within one ulp: serde_json parses floats exactly only with its `float_roundtrip`
        /// feature, which the workspace does not enable; an ulp of a degree is 10⁻¹⁴ m.
        #[test]
        fn bounding_box_json_round_trips(
            west in -180.0f64..180.0, south in -90.0f64..90.0, east in -180.0f64..180.0, north in -90.0f64..90.0,
        ) {
            let bbox = BoundingBox { west, south, east, north };
            let back: BoundingBox = serde_json::from_str(&serde_json::to_string(&bbox).unwrap()).unwrap();
            for (read, written) in [(back.west, west), (back.south, south), (back.east, east), (back.north, north)] {
                prop_assert!((read - written).abs() <= f64::EPSILON * written.abs(), "{written} came back as {read}");
            }
        }
    }
}
