//! A bench-only WebAssembly export of the parcel area the signed-in app shows while an
//! outline is drawn: corners checked by `parkatlas_core::geometry::check_outline` into a
//! `Shape`, measured by `Shape::area`. `scripts/bench-area` builds it with the app's
//! release profile and times it in headless Chromium beside `@turf/area`.

use parkatlas_core::geometry::{check_outline, Shape};
use wasm_bindgen::prelude::*;

/// Parcels checked once, so that the timed call measures the area alone.
#[wasm_bindgen]
pub struct Parcels(Vec<Shape>);

#[wasm_bindgen]
impl Parcels {
    /// `corners` holds (lon, lat) pairs, parcel after parcel; `counts[i]` is how many
    /// corners parcel `i` has (its ring without the closing position).
    #[wasm_bindgen(constructor)]
    pub fn new(corners: &[f64], counts: &[u32]) -> Result<Parcels, String> {
        let mut shapes = Vec::with_capacity(counts.len());
        let mut start = 0;
        for (index, &count) in counts.iter().enumerate() {
            let end = start + 2 * count as usize;
            let pairs = corners.get(start..end).ok_or_else(|| format!("parcel {index}: corners run out"))?;
            let ring: Vec<(f64, f64)> = pairs.chunks_exact(2).map(|p| (p[0], p[1])).collect();
            shapes.push(check_outline(&ring).map_err(|problem| format!("parcel {index}: {}", problem.message.en))?);
            start = end;
        }
        Ok(Parcels(shapes))
    }

    /// Every parcel's area in m², as `Shape::area` gives it.
    pub fn areas(&self) -> Vec<f64> {
        self.0.iter().map(|shape| shape.area().0).collect()
    }

    /// Checks and measures the same corners in one go: what drawing costs per change.
    pub fn check_and_measure(corners: &[f64], counts: &[u32]) -> Result<Vec<f64>, String> {
        Ok(Parcels::new(corners, counts)?.areas())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_parcels_are_measured_and_a_short_one_is_named() {
        // A 100 m square near Wuhan (15 亩) and a triangle of half of it.
        let (lon, lat, dx, dy) = (114.4, 30.5, 100.0 / 95_900.0, 100.0 / 110_850.0);
        let corners =
            [lon, lat, lon + dx, lat, lon + dx, lat + dy, lon, lat + dy, lon, lat, lon + dx, lat, lon + dx, lat + dy];
        let areas = Parcels::new(&corners, &[4, 3]).unwrap().areas();
        assert!((areas[0] - 10_000.0).abs() < 100.0, "{areas:?}");
        assert!((areas[1] * 2.0 - areas[0]).abs() < 1e-6 * areas[0]);
        assert!(Parcels::new(&corners[..4], &[2]).err().unwrap().starts_with("parcel 0:"));
        assert!(Parcels::new(&corners, &[4, 4]).err().unwrap().contains("run out"));
    }
}
