//! Park and parcel shapes in WGS-84: parsing GeoJSON into a validated [`Shape`],
//! geodesic area and perimeter, bounding boxes.
//!
//! Coordinates are (longitude, latitude) in degrees, the GeoJSON axis order.
//! Areas are geodesic on the WGS-84 ellipsoid (Karney 2013, "Algorithms for
//! geodesics", via `geo::GeodesicArea`): planar areas in degrees are never
//! acceptable for land (spec §0).

use std::fmt;

use geo::orient::Direction;
use geo::{BoundingRect, Coord, GeodesicArea, LineString, MultiPolygon, Orient, Polygon, Validation};
use geojson::{GeometryValue, Position};
use serde::{Deserialize, Serialize};

use crate::units::SquareMetres;

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

impl Shape {
    /// Parses and validates a GeoJSON geometry, reporting the first problem found.
    pub fn from_geojson(geometry: &geojson::Geometry) -> Result<Shape, GeometryError> {
        let polygons = match &geometry.value {
            GeometryValue::Polygon { coordinates } => vec![polygon_from_rings(1, coordinates)?],
            GeometryValue::MultiPolygon { coordinates } => coordinates
                .iter()
                .enumerate()
                .map(|(i, rings)| polygon_from_rings(i + 1, rings))
                .collect::<Result<_, _>>()?,
            other => return Err(GeometryError::NotPolygonal(geometry_type_name(other))),
        };
        if polygons.is_empty() {
            return Err(GeometryError::Empty);
        }
        let shape = MultiPolygon::new(polygons);
        check_topology(&shape)?;
        // RFC 7946 winding (outer rings anticlockwise, holes clockwise): geodesic area
        // takes a clockwise outer ring for the rest of the globe.
        Ok(Shape(shape.orient(Direction::Default)))
    }

    /// The GeoJSON form: a Polygon when there is one part, else a MultiPolygon.
    pub fn to_geojson(&self) -> geojson::Geometry {
        match self.0 .0.as_slice() {
            [single] => geojson::Geometry::from(single),
            _ => geojson::Geometry::from(&self.0),
        }
    }

    pub fn polygons(&self) -> &[Polygon<f64>] {
        &self.0 .0
    }

    /// Geodesic area on the WGS-84 ellipsoid, holes subtracted.
    pub fn area(&self) -> SquareMetres {
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
}

fn polygon_from_rings(polygon: usize, rings: &[Vec<Position>]) -> Result<Polygon<f64>, GeometryError> {
    let mut rings = rings.iter().enumerate().map(|(i, positions)| {
        let ring = if i == 0 { Ring::Outer } else { Ring::Hole(i) };
        line_string_from_ring(RingLocation { polygon, ring }, positions)
    });
    let outer = rings.next().ok_or(GeometryError::Empty)??;
    let holes = rings.collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(outer, holes))
}

fn line_string_from_ring(at: RingLocation, positions: &[Position]) -> Result<LineString<f64>, GeometryError> {
    if positions.len() < 4 {
        return Err(GeometryError::TooFewPositions { at, count: positions.len() });
    }
    let coords = positions
        .iter()
        .enumerate()
        .map(|(index, position)| match position.as_slice() {
            [lon, lat, ..] if lon.abs() <= 180.0 && lat.abs() <= 90.0 => Ok(Coord { x: *lon, y: *lat }),
            [lon, lat, ..] => Err(GeometryError::OutOfRange { at, index: index + 1, lon: *lon, lat: *lat }),
            _ => Err(GeometryError::IncompletePosition { at, index: index + 1 }),
        })
        .collect::<Result<Vec<_>, _>>()?;
    if coords.first() != coords.last() {
        return Err(GeometryError::RingNotClosed(at));
    }
    Ok(LineString::new(coords))
}

/// Self-intersections, holes outside their polygon and overlapping polygons, as `geo` detects them.
fn check_topology(shape: &MultiPolygon<f64>) -> Result<(), GeometryError> {
    use geo::algorithm::validation::{InvalidMultiPolygon, InvalidPolygon, RingRole};

    let location = |polygon: usize, role: &RingRole| RingLocation {
        polygon: polygon + 1,
        ring: match role {
            RingRole::Exterior => Ring::Outer,
            RingRole::Interior(i) => Ring::Hole(i + 1),
        },
    };
    let Some(problem) = shape.validation_errors().into_iter().next() else {
        return Ok(());
    };
    Err(match problem {
        InvalidMultiPolygon::InvalidPolygon(index, problem) => {
            let (role, text) = match &problem {
                InvalidPolygon::TooFewPointsInRing(role) => (role, "the ring needs at least three distinct corners"),
                InvalidPolygon::SelfIntersection(role) => (role, "the ring crosses or touches itself"),
                InvalidPolygon::NonFiniteCoord(role, _) => {
                    (role, "the ring has a coordinate that is not a finite number")
                }
                InvalidPolygon::InteriorRingNotContainedInExteriorRing(role) => {
                    (role, "the hole lies outside the outer ring")
                }
                InvalidPolygon::IntersectingRingsOnALine(role, _) => {
                    (role, "the ring shares an edge with another ring")
                }
                InvalidPolygon::IntersectingRingsOnAnArea(role, _) => (role, "the ring overlaps another ring"),
            };
            GeometryError::Topology { at: location(index.0, role), problem: text }
        }
        InvalidMultiPolygon::ElementsOverlaps(a, b) | InvalidMultiPolygon::ElementsTouchOnALine(a, b) => {
            GeometryError::PolygonsOverlap(a.0 + 1, b.0 + 1)
        }
    })
}

fn geometry_type_name(value: &GeometryValue) -> &'static str {
    match value {
        GeometryValue::Point { .. } => "Point",
        GeometryValue::MultiPoint { .. } => "MultiPoint",
        GeometryValue::LineString { .. } => "LineString",
        GeometryValue::MultiLineString { .. } => "MultiLineString",
        GeometryValue::Polygon { .. } => "Polygon",
        GeometryValue::MultiPolygon { .. } => "MultiPolygon",
        GeometryValue::GeometryCollection { .. } => "GeometryCollection",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    fn polygon(rings: &[&[(f64, f64)]]) -> geojson::Geometry {
        let rings =
            rings.iter().map(|ring| ring.iter().map(|&(lon, lat)| Position::from(vec![lon, lat])).collect()).collect();
        geojson::Geometry::new(GeometryValue::Polygon { coordinates: rings })
    }

    /// A square of `side_m` metres with its south-west corner at (lon, lat), on a local
    /// spherical approximation that is far more precise than the 0.5% the spec allows.
    fn square(lon: f64, lat: f64, side_m: f64) -> Vec<(f64, f64)> {
        let dlat = side_m / 110_574.0;
        let dlon = side_m / (111_320.0 * lat.to_radians().cos());
        vec![(lon, lat), (lon + dlon, lat), (lon + dlon, lat + dlat), (lon, lat + dlat), (lon, lat)]
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

        proptest! {
            #[test]
            fn area_is_positive_and_independent_of_ring_start_and_direction(
                lon in 73.0f64..135.0, lat in 18.0f64..53.0, side in 10.0f64..2_000.0,
                start in 0usize..4, reverse: bool,
            ) {
                let mut corners = square(lon, lat, side);
                corners.pop();
                corners.rotate_left(start);
                if reverse { corners.reverse(); }
                corners.push(corners[0]);
                let rotated = Shape::from_geojson(&polygon(&[&corners])).unwrap().area().0;
                let original = Shape::from_geojson(&polygon(&[&square(lon, lat, side)])).unwrap().area().0;
                prop_assert!(rotated > 0.0);
                prop_assert!((rotated - original).abs() <= original * 1e-9);
            }
        }
    }

    mod validation {
        use super::*;

        #[test]
        fn triangle_without_closing_position_has_too_few_positions() {
            let ring = [(114.0, 30.0), (114.1, 30.0), (114.1, 30.1)];
            let err = Shape::from_geojson(&polygon(&[&ring])).unwrap_err();
            assert_eq!(
                err,
                GeometryError::TooFewPositions { at: RingLocation { polygon: 1, ring: Ring::Outer }, count: 3 }
            );
        }

        #[test]
        fn unclosed_ring_is_rejected() {
            let ring = [(114.0, 30.0), (114.1, 30.0), (114.1, 30.1), (114.0, 30.1), (114.0, 30.05)];
            let err = Shape::from_geojson(&polygon(&[&ring])).unwrap_err();
            assert_eq!(err, GeometryError::RingNotClosed(RingLocation { polygon: 1, ring: Ring::Outer }));
            assert_eq!(
                err.to_string(),
                "polygon 1, outer ring: the ring is not closed; repeat the first position at the end"
            );
        }

        #[test]
        fn latitude_beyond_the_pole_is_out_of_range() {
            let ring = [(114.0, 30.0), (114.1, 30.0), (114.1, 91.0), (114.0, 30.0)];
            let err = Shape::from_geojson(&polygon(&[&ring])).unwrap_err();
            assert_eq!(
                err,
                GeometryError::OutOfRange {
                    at: RingLocation { polygon: 1, ring: Ring::Outer },
                    index: 3,
                    lon: 114.1,
                    lat: 91.0
                }
            );
        }

        #[test]
        fn bow_tie_is_a_self_intersection() {
            let ring = [(114.0, 30.0), (114.1, 30.1), (114.1, 30.0), (114.0, 30.1), (114.0, 30.0)];
            let err = Shape::from_geojson(&polygon(&[&ring])).unwrap_err();
            assert_eq!(
                err,
                GeometryError::Topology {
                    at: RingLocation { polygon: 1, ring: Ring::Outer },
                    problem: "the ring crosses or touches itself"
                }
            );
        }

        #[test]
        fn hole_outside_its_polygon_names_the_hole() {
            let outer = square(114.40, 30.48, 100.0);
            let hole = square(114.50, 30.48, 10.0);
            let err = Shape::from_geojson(&polygon(&[&outer, &hole])).unwrap_err();
            assert_eq!(
                err,
                GeometryError::Topology {
                    at: RingLocation { polygon: 1, ring: Ring::Hole(1) },
                    problem: "the hole lies outside the outer ring"
                }
            );
        }

        #[test]
        fn a_point_is_not_a_parcel() {
            let point = geojson::Geometry::new(GeometryValue::Point { coordinates: Position::from(vec![114.0, 30.0]) });
            assert_eq!(Shape::from_geojson(&point).unwrap_err(), GeometryError::NotPolygonal("Point"));
        }
    }

    #[test]
    fn geojson_round_trip_keeps_the_shape() {
        let shape = Shape::from_geojson(&polygon(&[&square(114.4, 30.5, 300.0)])).unwrap();
        assert_eq!(Shape::from_geojson(&shape.to_geojson()).unwrap(), shape);
    }
}
