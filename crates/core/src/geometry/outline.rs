//! An outline being drawn on the map: a list of corners (the ring without its closing
//! position) checked as the server will check it, with the problem in both languages and,
//! for a ring that crosses itself, where it does, so that the map can point at it.

use geo::line_intersection::{line_intersection, LineIntersection};
use geo::{Coord, Line};

use super::{GeometryError, Shape};
use crate::text::Bilingual;

/// Why the corners drawn are not yet a parcel outline.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineProblem {
    pub message: Bilingual,
    /// A (lon, lat) point to mark: where the ring crosses itself.
    pub at: Option<(f64, f64)>,
}

/// Checks corners (lon, lat), in drawing order, as a parcel outline: at least three, the
/// ring closed for them, then every check of [`Shape::from_geojson`].
pub fn check_outline(corners: &[(f64, f64)]) -> Result<Shape, OutlineProblem> {
    if corners.len() < 3 {
        return Err(OutlineProblem {
            message: Bilingual::new(
                format!("已有 {} 个顶点，至少需要 3 个", corners.len()),
                format!("{} corners so far; an outline needs at least 3", corners.len()),
            ),
            at: None,
        });
    }
    Shape::from_geojson(&ring_geometry(corners)).map_err(|error| {
        let at = first_crossing(corners);
        let message = match (&error, at) {
            (GeometryError::Topology { .. }, Some(_)) => Bilingual::new(
                "边界自相交：请拖动或删除顶点，使各边互不交叉",
                "the outline crosses itself: drag or delete a corner so that no two sides cross",
            ),
            (GeometryError::Topology { .. }, None) => Bilingual::new(
                "边界与自身重合或相接：请拖开重合的顶点",
                format!("{error}: drag apart the corners that meet"),
            ),
            _ => Bilingual::new(format!("边界无效：{error}"), format!("the outline is not valid: {error}")),
        };
        OutlineProblem { message, at }
    })
}

/// The GeoJSON Polygon whose outer ring runs through `corners` and back to the first.
pub fn ring_geometry(corners: &[(f64, f64)]) -> geojson::Geometry {
    let mut ring: Vec<Vec<f64>> = corners.iter().map(|&(lon, lat)| vec![lon, lat]).collect();
    if let Some(first) = ring.first().cloned() {
        ring.push(first);
    }
    geojson::Geometry::new(geojson::GeometryValue::new_polygon(vec![ring]))
}

/// Where two sides that are not neighbours meet, the first such pair in drawing order.
fn first_crossing(corners: &[(f64, f64)]) -> Option<(f64, f64)> {
    let n = corners.len();
    let side = |i: usize| {
        let (a, b) = (corners[i], corners[(i + 1) % n]);
        Line::new(Coord { x: a.0, y: a.1 }, Coord { x: b.0, y: b.1 })
    };
    for i in 0..n {
        for j in i + 2..n {
            // The last side and the first share the first corner.
            if i == 0 && j == n - 1 {
                continue;
            }
            match line_intersection(side(i), side(j)) {
                Some(LineIntersection::SinglePoint { intersection, .. }) => {
                    return Some((intersection.x, intersection.y))
                }
                Some(LineIntersection::Collinear { intersection }) => {
                    return Some((intersection.start.x, intersection.start.y))
                }
                None => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 100 m square near Wuhan, corner by corner (about 15 亩).
    fn square() -> Vec<(f64, f64)> {
        let (lon, lat, d_lon, d_lat) = (114.4, 30.5, 100.0 / 95_900.0, 100.0 / 110_850.0);
        vec![(lon, lat), (lon + d_lon, lat), (lon + d_lon, lat + d_lat), (lon, lat + d_lat)]
    }

    #[test]
    fn two_corners_are_too_few_and_say_how_many() {
        let problem = check_outline(&square()[..2]).unwrap_err();
        assert_eq!(problem.message.zh, "已有 2 个顶点，至少需要 3 个");
        assert_eq!(problem.at, None);
    }

    #[test]
    fn a_square_is_an_outline_of_its_area() {
        let shape = check_outline(&square()).unwrap();
        let mu = shape.area().to_mu().0;
        assert!((mu - 15.0).abs() < 0.2, "{mu} 亩");
    }

    #[test]
    fn a_bow_tie_is_refused_with_the_crossing_marked() {
        let mut corners = square();
        corners.swap(2, 3);
        let problem = check_outline(&corners).unwrap_err();
        assert!(problem.message.zh.contains("自相交"), "{}", problem.message.zh);
        let (lon, lat) = problem.at.unwrap();
        let middle = (square()[0].0 + square()[1].0) / 2.0;
        assert!((lon - middle).abs() < 1e-9, "{lon}");
        assert!(lat > square()[0].1 && lat < square()[3].1);
    }

    #[test]
    fn a_corner_on_top_of_another_is_refused() {
        let mut corners = square();
        corners.push(corners[1]);
        assert!(check_outline(&corners).is_err());
    }

    #[test]
    fn the_ring_is_closed_for_the_corners() {
        let geometry = ring_geometry(&square());
        let geojson::GeometryValue::Polygon { coordinates } = geometry.value else { panic!("not a polygon") };
        assert_eq!(coordinates[0].len(), 5);
        assert_eq!(coordinates[0][0], coordinates[0][4]);
    }
}
