//! Where a demo park's parcels lie: a grid of blocks separated by roads, clipped to a
//! boundary whose north-east corner is cut off, some blocks split in two and some with a
//! retained site (a hole) in the middle. Coordinates are WGS-84, validated by core.

use geo::{Contains, Coord, LineString, Polygon, Rect};
use parkatlas_core::geometry::Shape;
use parkatlas_core::wire::{LandUse, ParcelStatus};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::{weighted, ParkPlan};

const ROAD_M: f64 = 30.0;

/// A parcel before it has an id, details or an occupant.
pub(super) struct PlannedParcel {
    pub code: String,
    pub shape: Shape,
    pub land_use: LandUse,
    pub status: ParcelStatus,
}

pub(super) struct Layout {
    pub boundary: Shape,
    pub parcels: Vec<PlannedParcel>,
}

/// Lays out a park whose south-west corner is at `origin` (longitude, latitude).
pub(super) fn lay_out(plan: &ParkPlan, origin: (f64, f64), code_prefix: &str, rng: &mut ChaCha8Rng) -> Layout {
    let column_edges = block_edges(plan.columns, 150.0..260.0, rng);
    let row_edges = block_edges(plan.rows, 140.0..230.0, rng);
    let (width, height) = (column_edges[plan.columns], row_edges[plan.rows]);
    let boundary = boundary_m(width, height, plan.corner_cut_m);

    let mut parcels = Vec::new();
    for row in row_edges.windows(2) {
        for column in column_edges.windows(2) {
            let block = Rect::new(
                Coord { x: column[0] + ROAD_M / 2.0, y: row[0] + ROAD_M / 2.0 },
                Coord { x: column[1] - ROAD_M / 2.0, y: row[1] - ROAD_M / 2.0 },
            );
            if !boundary.contains(&block.to_polygon()) {
                continue;
            }
            // Some blocks are sold as two parcels, split along their longer side.
            let pieces = if rng.random_bool(0.2) { split(block) } else { vec![block] };
            for piece in pieces {
                let code = format!("{code_prefix}-{:03}", parcels.len() + 1);
                let with_hole = rng.random_bool(0.12);
                let shape = to_shape(origin, piece, with_hole);
                parcels.push(PlannedParcel { code, shape, land_use: land_use(rng), status: status(rng) });
            }
        }
    }
    let boundary = shape_from_rings(origin, &[boundary.exterior().0.clone()]);
    Layout { boundary, parcels }
}

/// Cumulative positions of block edges, in metres from the park's west or south edge.
fn block_edges(count: usize, size_m: std::ops::Range<f64>, rng: &mut ChaCha8Rng) -> Vec<f64> {
    let mut edges = vec![ROAD_M / 2.0];
    for _ in 0..count {
        let last = edges[edges.len() - 1];
        edges.push(last + rng.random_range(size_m.clone()));
    }
    edges
}

/// The park outline around the grid, with the north-east corner cut off along a diagonal.
fn boundary_m(width: f64, height: f64, corner_cut_m: f64) -> Polygon<f64> {
    let ring = vec![
        Coord { x: 0.0, y: 0.0 },
        Coord { x: width + ROAD_M / 2.0, y: 0.0 },
        Coord { x: width + ROAD_M / 2.0, y: height + ROAD_M / 2.0 - corner_cut_m },
        Coord { x: width + ROAD_M / 2.0 - corner_cut_m, y: height + ROAD_M / 2.0 },
        Coord { x: 0.0, y: height + ROAD_M / 2.0 },
        Coord { x: 0.0, y: 0.0 },
    ];
    Polygon::new(LineString::new(ring), vec![])
}

fn split(block: Rect<f64>) -> Vec<Rect<f64>> {
    let (min, max) = (block.min(), block.max());
    if block.width() >= block.height() {
        let middle = (min.x + max.x) / 2.0;
        vec![Rect::new(min, Coord { x: middle - 5.0, y: max.y }), Rect::new(Coord { x: middle + 5.0, y: min.y }, max)]
    } else {
        let middle = (min.y + max.y) / 2.0;
        vec![Rect::new(min, Coord { x: max.x, y: middle - 5.0 }), Rect::new(Coord { x: min.x, y: middle + 5.0 }, max)]
    }
}

/// A parcel in WGS-84; with a hole, the middle fifth is a retained site (a substation or pond).
fn to_shape(origin: (f64, f64), block: Rect<f64>, with_hole: bool) -> Shape {
    let outer = block.to_polygon().exterior().0.clone();
    let mut rings = vec![outer];
    if with_hole {
        let centre = block.center();
        let (half_w, half_h) = (block.width() * 0.22, block.height() * 0.22);
        let hole = Rect::new(
            Coord { x: centre.x - half_w, y: centre.y - half_h },
            Coord { x: centre.x + half_w, y: centre.y + half_h },
        );
        rings.push(hole.to_polygon().exterior().0.iter().rev().copied().collect());
    }
    shape_from_rings(origin, &rings)
}

/// Places local metre coordinates around `origin` (an equirectangular approximation,
/// ample for synthetic data) and validates the result through parkatlas-core.
fn shape_from_rings(origin: (f64, f64), rings_m: &[Vec<Coord<f64>>]) -> Shape {
    const METRES_PER_DEGREE_LAT: f64 = 110_574.0;
    let metres_per_degree_lon = 111_320.0 * origin.1.to_radians().cos();
    let rings = rings_m
        .iter()
        .map(|ring| {
            ring.iter()
                .map(|c| {
                    let lon = origin.0 + c.x / metres_per_degree_lon;
                    let lat = origin.1 + c.y / METRES_PER_DEGREE_LAT;
                    // Seven decimals (about 1 cm) keep the stored GeoJSON compact.
                    geojson::Position::from(vec![round7(lon), round7(lat)])
                })
                .collect()
        })
        .collect();
    let geometry = geojson::Geometry::new(geojson::GeometryValue::Polygon { coordinates: rings });
    Shape::from_geojson(&geometry).expect("generated demo shapes are valid")
}

fn round7(degrees: f64) -> f64 {
    (degrees * 1e7).round() / 1e7
}

fn status(rng: &mut ChaCha8Rng) -> ParcelStatus {
    const WEIGHTS: [(ParcelStatus, u32); 6] = [
        (ParcelStatus::Producing, 48),
        (ParcelStatus::UnderConstruction, 12),
        (ParcelStatus::Granted, 8),
        (ParcelStatus::Available, 17),
        (ParcelStatus::Idle, 7),
        (ParcelStatus::Unsupplied, 8),
    ];
    weighted(rng, &WEIGHTS)
}

fn land_use(rng: &mut ChaCha8Rng) -> LandUse {
    const WEIGHTS: [(LandUse, u32); 5] = [
        (LandUse::Industrial, 62),
        (LandUse::InnovativeIndustrial, 15),
        (LandUse::Warehousing, 10),
        (LandUse::Commercial, 8),
        (LandUse::Public, 5),
    ];
    weighted(rng, &WEIGHTS)
}
