//! Benchmarks of the core engine at park-wide scale, natively:
//! `cargo bench -p parkatlas-core --bench core`. Budgets (issue 3, 2-core machine):
//! 50,000 enterprises evaluated with classes < 50 ms; geodesic area of 100,000
//! ten-vertex parcels < 100 ms. Results: benchmarks/core.md.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use geojson::{GeometryValue, Position};
use parkatlas_core::efficiency::{evaluate, shipped, Cohort, EfficiencyFigures, EnterpriseInput};
use parkatlas_core::geometry::Shape;

/// A deterministic spread of figures: SplitMix64, so runs compare like with like.
fn spread(seed: u64) -> f64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) as f64 / u64::MAX as f64
}

fn enterprises(count: u64) -> Vec<EnterpriseInput> {
    (0..count)
        .map(|i| {
            let f = |k: u64, scale: f64| Some(scale * (0.05 + spread(i * 16 + k)));
            EnterpriseInput {
                id: format!("E{i:06}"),
                name: format!("企业{i}"),
                cohort: if i % 5 == 0 { Cohort::BelowScale } else { Cohort::AboveScale },
                figures: EfficiencyFigures {
                    land_area_mu: 3.0 + 200.0 * spread(i * 16),
                    tax_wan_yuan: f(1, 3_000.0),
                    value_added_wan_yuan: f(2, 20_000.0),
                    revenue_wan_yuan: f(3, 80_000.0),
                    main_business_revenue_wan_yuan: f(4, 70_000.0),
                    energy_tce: f(5, 8_000.0),
                    // Every seventh enterprise reports no emissions: the cohort-average path.
                    emissions_t: if i % 7 == 0 { None } else { f(6, 5.0) },
                    water_t: f(7, 100_000.0),
                    electricity_kwh: f(8, 20_000_000.0),
                    average_staff: f(9, 2_000.0),
                    rd_wan_yuan: f(10, 3_000.0),
                    bonus: 0.0,
                    deduction: 0.0,
                    exemption: None,
                    production_start: None,
                    land_granted: None,
                    under_construction: false,
                    land_group: None,
                },
            }
        })
        .collect()
}

/// Ten-vertex parcels (a jittered decagon of about 150 m radius) spread over Wuhan.
fn parcels(count: u64) -> Vec<geojson::Geometry> {
    (0..count)
        .map(|i| {
            let (lon, lat) = (113.7 + 1.3 * spread(i * 32), 29.97 + 1.0 * spread(i * 32 + 1));
            let mut ring: Vec<Position> = (0..10)
                .map(|k| {
                    let angle = std::f64::consts::TAU * k as f64 / 10.0;
                    let radius_deg = 0.0012 + 0.0004 * spread(i * 32 + 2 + k);
                    Position::from(vec![lon + radius_deg * angle.cos(), lat + radius_deg * angle.sin()])
                })
                .collect();
            ring.push(ring[0].clone());
            geojson::Geometry::new(GeometryValue::Polygon { coordinates: vec![ring] })
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let profile = shipped::profile("huangyan-2022").expect("shipped");
    let inputs = enterprises(50_000);
    let date = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
    c.bench_function("evaluate 50,000 enterprises with classes (huangyan-2022)", |b| {
        // Freeing the previous run's results is not evaluation work: dropped outside the timing.
        b.iter_with_large_drop(|| evaluate(black_box(&profile), black_box(&inputs), date).unwrap())
    });

    let shapes: Vec<Shape> = parcels(100_000).iter().map(|g| Shape::from_geojson(g).expect("valid")).collect();
    c.bench_function("geodesic area of 100,000 ten-vertex parcels", |b| {
        b.iter(|| black_box(&shapes).iter().map(|shape| shape.area().0).sum::<f64>())
    });
    // The reference the parcel path is checked against, for comparison.
    c.bench_function("Karney geodesic area of 100,000 ten-vertex parcels (reference)", |b| {
        b.iter(|| black_box(&shapes).iter().map(|shape| shape.geodesic_area().0).sum::<f64>())
    });
}

criterion_group! {
    name = core;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(core);
