//! The synthetic demo dataset: three fictional parks around real Wuhan industrial
//! districts, with a few hundred parcels, generated from a fixed seed so that every
//! machine and every test sees the same data.
//!
//! Nothing here describes a real park or parcel: names carry 演示 / Demo, and the
//! API marks the whole dataset as demo data.

pub mod accounts;

use geo::{Contains, Coord, LineString, Polygon, Rect};
use parkatlas_core::geometry::Shape;
use parkatlas_core::wire::{
    LandUse, ParcelBody, ParcelDetails, ParcelStatus, ParkBody, ParkDetails, ParkLevel, ParkType,
};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::store::{NewParcel, NewPark, Store};

/// One park's layout: a grid of blocks separated by roads, clipped to a boundary.
struct ParkPlan {
    name: &'static str,
    name_en: &'static str,
    park_type: ParkType,
    district: &'static str,
    code_prefix: &'static str,
    /// South-west corner of the park, WGS-84 (longitude, latitude).
    origin: (f64, f64),
    columns: usize,
    rows: usize,
    /// How much of the north-east corner the boundary cuts off, in metres.
    corner_cut_m: f64,
}

const PLANS: [ParkPlan; 3] = [
    ParkPlan {
        name: "光谷星河智造园（演示）",
        name_en: "Guanggu Xinghe Smart Manufacturing Park (demo)",
        park_type: ParkType::Modern,
        district: "东湖新技术开发区",
        code_prefix: "GX",
        origin: (114.505, 30.455),
        columns: 13,
        rows: 12,
        corner_cut_m: 900.0,
    },
    ParkPlan {
        name: "车谷云帆汽车零部件园（演示）",
        name_en: "Chegu Yunfan Auto Parts Park (demo)",
        park_type: ParkType::Specialty,
        district: "武汉经济技术开发区",
        code_prefix: "CY",
        origin: (114.125, 30.475),
        columns: 12,
        rows: 11,
        corner_cut_m: 700.0,
    },
    ParkPlan {
        name: "汉江湾都市工业园（演示）",
        name_en: "Hanjiang Bay Urban Industrial Park (demo)",
        park_type: ParkType::Urban,
        district: "硚口区",
        code_prefix: "HW",
        origin: (114.215, 30.585),
        columns: 9,
        rows: 8,
        corner_cut_m: 450.0,
    },
];

const SEED: u64 = 2025;
const ROAD_M: f64 = 30.0;

/// Generates the demo parks and their parcels; the same every time.
pub fn dataset() -> Vec<(NewPark, Vec<NewParcel>)> {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    PLANS.iter().map(|plan| generate_park(plan, &mut rng)).collect()
}

/// Stores the demo dataset and marks the database as demo data, then adds the demo accounts.
pub async fn load(store: &Store) -> anyhow::Result<()> {
    store.insert_parks(&dataset(), true).await?;
    accounts::load(store).await
}

fn generate_park(plan: &ParkPlan, rng: &mut ChaCha8Rng) -> (NewPark, Vec<NewParcel>) {
    let column_edges = block_edges(plan.columns, 150.0..260.0, rng);
    let row_edges = block_edges(plan.rows, 140.0..230.0, rng);
    let (width, height) = (*column_edges.last().unwrap(), *row_edges.last().unwrap());
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
                let code = format!("{}-{:03}", plan.code_prefix, parcels.len() + 1);
                let with_hole = rng.random_bool(0.12);
                let geometry = to_shape(plan.origin, piece, with_hole);
                let body = ParcelBody {
                    code,
                    land_use: land_use(rng),
                    status: status(rng),
                    geometry: geometry.to_geojson(),
                    details: ParcelDetails::default(),
                };
                parcels.push(NewParcel { body, geometry });
            }
        }
    }
    let boundary = shape_from_rings(plan.origin, &[boundary.exterior().0.clone()]);
    let body = ParkBody {
        name: plan.name.into(),
        name_en: plan.name_en.into(),
        park_type: plan.park_type,
        level: ParkLevel::default(),
        district: plan.district.into(),
        boundary: boundary.to_geojson(),
        details: ParkDetails::default(),
    };
    let park = NewPark { body, boundary };
    (park, parcels)
}

/// Cumulative positions of block edges, in metres from the park's west or south edge.
fn block_edges(count: usize, size_m: std::ops::Range<f64>, rng: &mut ChaCha8Rng) -> Vec<f64> {
    let mut edges = vec![ROAD_M / 2.0];
    for _ in 0..count {
        let last = *edges.last().unwrap();
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

fn weighted<T: Copy>(rng: &mut ChaCha8Rng, weights: &[(T, u32)]) -> T {
    let total: u32 = weights.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for &(value, weight) in weights {
        if pick < weight {
            return value;
        }
        pick -= weight;
    }
    unreachable!("pick is below the total weight")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dataset_is_deterministic() {
        let codes = |data: Vec<(NewPark, Vec<NewParcel>)>| -> Vec<(String, f64)> {
            data.into_iter()
                .flat_map(|(_, parcels)| parcels)
                .map(|p| (p.body.code.clone(), p.geometry.area().0))
                .collect()
        };
        assert_eq!(codes(dataset()), codes(dataset()));
    }

    #[test]
    fn every_park_has_parcels_of_every_status_and_some_with_holes() {
        for (park, parcels) in dataset() {
            assert!(parcels.len() >= 50, "{} has only {} parcels", park.body.name, parcels.len());
            for status in ParcelStatus::ALL {
                assert!(parcels.iter().any(|p| p.body.status == status), "{} has no {status:?} parcel", park.body.name);
            }
            assert!(
                parcels.iter().any(|p| p.geometry.polygons()[0].interiors().len() == 1),
                "{} has no parcel with a hole",
                park.body.name
            );
        }
    }

    #[test]
    fn parcels_lie_inside_their_park() {
        for (park, parcels) in dataset() {
            let boundary = &park.boundary.polygons()[0];
            for parcel in &parcels {
                assert!(
                    boundary.contains(&parcel.geometry.polygons()[0]),
                    "{} is outside {}",
                    parcel.body.code,
                    park.body.name
                );
            }
        }
    }

    #[test]
    fn names_say_demo() {
        for (park, _) in dataset() {
            assert!(park.body.name.contains("演示") && park.body.name_en.contains("demo"), "{}", park.body.name);
        }
    }
}
