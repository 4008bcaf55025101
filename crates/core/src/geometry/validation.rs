//! From GeoJSON to a validated [`Shape`](super::Shape): structure, ranges and topology,
//! each problem located by polygon and ring so a person can find it on the map.

use geo::algorithm::validation::{InvalidMultiPolygon, InvalidPolygon, RingRole};
use geo::{Coord, LineString, MultiPolygon, Polygon, Validation};
use geojson::{GeometryValue, Position};

use super::{GeometryError, Ring, RingLocation};

/// The polygons of a Polygon or MultiPolygon, each ring closed, complete and in range.
pub(super) fn polygons_from_geojson(geometry: &geojson::Geometry) -> Result<Vec<Polygon<f64>>, GeometryError> {
    let polygons: Vec<_> = match &geometry.value {
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
    Ok(polygons)
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

/// Self-intersections, holes outside or against their polygon and overlapping polygons,
/// as `geo` detects them; the first one found is reported.
pub(super) fn check_topology(shape: &MultiPolygon<f64>) -> Result<(), GeometryError> {
    let Some(problem) = shape.validation_errors().into_iter().next() else {
        return Ok(());
    };
    Err(match problem {
        InvalidMultiPolygon::InvalidPolygon(index, problem) => {
            let (role, text) = ring_problem(&problem);
            GeometryError::Topology { at: location(index.0, role), problem: text }
        }
        InvalidMultiPolygon::ElementsOverlaps(a, b) | InvalidMultiPolygon::ElementsTouchOnALine(a, b) => {
            GeometryError::PolygonsOverlap(a.0 + 1, b.0 + 1)
        }
    })
}

/// The ring to point a person at and what is wrong with it. When two rings meet, `geo`
/// names the outer ring or the earlier hole first; the later ring is always a hole, the
/// one most likely drawn wrong, so that is the one reported.
fn ring_problem(problem: &InvalidPolygon) -> (RingRole, &'static str) {
    match *problem {
        InvalidPolygon::TooFewPointsInRing(role) => (role, "the ring needs at least three distinct corners"),
        InvalidPolygon::SelfIntersection(role) => (role, "the ring crosses or touches itself"),
        InvalidPolygon::NonFiniteCoord(role, _) => (role, "the ring has a coordinate that is not a finite number"),
        InvalidPolygon::InteriorRingNotContainedInExteriorRing(role) => (role, "the hole lies outside the outer ring"),
        InvalidPolygon::IntersectingRingsOnALine(RingRole::Exterior, hole) => {
            (hole, "the hole shares an edge with the outer ring; move it inside")
        }
        InvalidPolygon::IntersectingRingsOnALine(_, hole) => {
            (hole, "the hole shares an edge with an earlier hole; merge the two holes")
        }
        InvalidPolygon::IntersectingRingsOnAnArea(_, hole) => {
            (hole, "the hole overlaps an earlier hole; merge the two holes")
        }
    }
}

/// 0-based `geo` indices to the 1-based location a person reads.
fn location(polygon: usize, role: RingRole) -> RingLocation {
    RingLocation {
        polygon: polygon + 1,
        ring: match role {
            RingRole::Exterior => Ring::Outer,
            RingRole::Interior(i) => Ring::Hole(i + 1),
        },
    }
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
    use crate::geometry::fixtures::{multi_polygon, polygon, rectangle, square};
    use crate::geometry::{GeometryError, Ring, RingLocation, Shape};
    use geojson::{GeometryValue, Position};

    const OUTER_OF_1: RingLocation = RingLocation { polygon: 1, ring: Ring::Outer };

    fn hole_of(polygon: usize, hole: usize) -> RingLocation {
        RingLocation { polygon, ring: Ring::Hole(hole) }
    }

    fn reversed(ring: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
        ring.into_iter().rev().collect()
    }

    #[test]
    fn triangle_without_closing_position_has_too_few_positions() {
        let ring = [(114.0, 30.0), (114.1, 30.0), (114.1, 30.1)];
        let err = Shape::from_geojson(&polygon(&[&ring])).unwrap_err();
        assert_eq!(err, GeometryError::TooFewPositions { at: OUTER_OF_1, count: 3 });
    }

    #[test]
    fn closed_triangle_has_just_enough_positions() {
        let ring = [(114.0, 30.0), (114.1, 30.0), (114.1, 30.1), (114.0, 30.0)];
        assert!(Shape::from_geojson(&polygon(&[&ring])).is_ok());
    }

    #[test]
    fn unclosed_ring_is_rejected() {
        let ring = [(114.0, 30.0), (114.1, 30.0), (114.1, 30.1), (114.0, 30.1), (114.0, 30.05)];
        let err = Shape::from_geojson(&polygon(&[&ring])).unwrap_err();
        assert_eq!(err, GeometryError::RingNotClosed(OUTER_OF_1));
        assert_eq!(
            err.to_string(),
            "polygon 1, outer ring: the ring is not closed; repeat the first position at the end"
        );
    }

    #[test]
    fn latitude_beyond_the_pole_is_out_of_range() {
        let ring = [(114.0, 30.0), (114.1, 30.0), (114.1, 91.0), (114.0, 30.0)];
        let err = Shape::from_geojson(&polygon(&[&ring])).unwrap_err();
        assert_eq!(err, GeometryError::OutOfRange { at: OUTER_OF_1, index: 3, lon: 114.1, lat: 91.0 });
    }

    #[test]
    fn position_with_only_a_longitude_is_incomplete() {
        let mut rings = vec![square(114.4, 30.5, 100.0)
            .iter()
            .map(|&(lon, lat)| Position::from(vec![lon, lat]))
            .collect::<Vec<_>>()];
        rings[0][2] = Position::from(vec![114.4]);
        let geometry = geojson::Geometry::new(GeometryValue::Polygon { coordinates: rings });
        let err = Shape::from_geojson(&geometry).unwrap_err();
        assert_eq!(err, GeometryError::IncompletePosition { at: OUTER_OF_1, index: 3 });
        assert_eq!(err.to_string(), "polygon 1, outer ring, position 3: a position needs a longitude and a latitude");
    }

    #[test]
    fn multipolygon_without_polygons_is_empty() {
        let err = Shape::from_geojson(&multi_polygon(&[])).unwrap_err();
        assert_eq!(err, GeometryError::Empty);
    }

    #[test]
    fn polygon_without_rings_is_empty() {
        let err = Shape::from_geojson(&polygon(&[])).unwrap_err();
        assert_eq!(err, GeometryError::Empty);
    }

    #[test]
    fn bow_tie_is_a_self_intersection() {
        let ring = [(114.0, 30.0), (114.1, 30.1), (114.1, 30.0), (114.0, 30.1), (114.0, 30.0)];
        let err = Shape::from_geojson(&polygon(&[&ring])).unwrap_err();
        assert_eq!(err, GeometryError::Topology { at: OUTER_OF_1, problem: "the ring crosses or touches itself" });
    }

    #[test]
    fn hole_outside_its_polygon_names_the_hole() {
        let outer = square(114.40, 30.48, 100.0);
        let hole = square(114.50, 30.48, 10.0);
        let err = Shape::from_geojson(&polygon(&[&outer, &hole])).unwrap_err();
        assert_eq!(err, GeometryError::Topology { at: hole_of(1, 1), problem: "the hole lies outside the outer ring" });
    }

    #[test]
    fn second_hole_of_second_polygon_outside_it_is_named() {
        let first = square(114.40, 30.48, 100.0);
        let second = square(114.41, 30.48, 100.0);
        let good_hole = reversed(square(114.4101, 30.4801, 10.0));
        let stray_hole = reversed(square(114.42, 30.48, 10.0));
        let err = Shape::from_geojson(&multi_polygon(&[&[&first], &[&second, &good_hole, &stray_hole]])).unwrap_err();
        assert_eq!(err, GeometryError::Topology { at: hole_of(2, 2), problem: "the hole lies outside the outer ring" });
        assert_eq!(err.to_string(), "polygon 2, hole 2: the hole lies outside the outer ring");
    }

    #[test]
    fn hole_along_the_outer_edge_names_the_hole_not_the_outer_ring() {
        // The hole's south edge lies on the outer ring's south edge.
        let outer = square(114.40, 30.48, 100.0);
        let hole = reversed(square(114.40, 30.48, 10.0));
        let err =
            Shape::from_geojson(&multi_polygon(&[&[&square(114.41, 30.48, 50.0)], &[&outer, &hole]])).unwrap_err();
        assert_eq!(
            err,
            GeometryError::Topology {
                at: hole_of(2, 1),
                problem: "the hole shares an edge with the outer ring; move it inside"
            }
        );
    }

    #[test]
    fn overlapping_holes_name_the_later_hole() {
        let outer = square(114.40, 30.48, 100.0);
        let first = reversed(rectangle(114.4001, 30.4801, 30.0, 10.0));
        let second = reversed(rectangle(114.4002, 30.4801, 30.0, 20.0));
        let err = Shape::from_geojson(&polygon(&[&outer, &first, &second])).unwrap_err();
        assert_eq!(
            err,
            GeometryError::Topology {
                at: hole_of(1, 2),
                problem: "the hole overlaps an earlier hole; merge the two holes"
            }
        );
    }

    #[test]
    fn overlapping_parts_of_a_multipolygon_are_rejected() {
        let a = square(114.40, 30.48, 100.0);
        let b = square(114.4005, 30.4805, 100.0);
        let err = Shape::from_geojson(&multi_polygon(&[&[&a], &[&b]])).unwrap_err();
        assert_eq!(err, GeometryError::PolygonsOverlap(1, 2));
        assert_eq!(err.to_string(), "polygons 1 and 2 overlap or share an edge; merge them or separate them");
    }

    #[test]
    fn parts_sharing_an_edge_are_rejected_but_parts_touching_at_a_corner_are_not() {
        let west = [(114.0, 30.0), (114.1, 30.0), (114.1, 30.1), (114.0, 30.1), (114.0, 30.0)];
        let east = [(114.1, 30.0), (114.2, 30.0), (114.2, 30.1), (114.1, 30.1), (114.1, 30.0)];
        let north_east = [(114.1, 30.1), (114.2, 30.1), (114.2, 30.2), (114.1, 30.2), (114.1, 30.1)];
        let shared_edge = Shape::from_geojson(&multi_polygon(&[&[&west], &[&east]]));
        assert_eq!(shared_edge.unwrap_err(), GeometryError::PolygonsOverlap(1, 2));
        assert!(Shape::from_geojson(&multi_polygon(&[&[&west], &[&north_east]])).is_ok());
    }

    #[test]
    fn a_point_is_not_a_parcel() {
        let point = geojson::Geometry::new(GeometryValue::Point { coordinates: Position::from(vec![114.0, 30.0]) });
        assert_eq!(Shape::from_geojson(&point).unwrap_err(), GeometryError::NotPolygonal("Point"));
    }
}
