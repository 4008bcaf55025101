//! Web Mercator (EPSG:3857) as Leaflet's default CRS computes it, in pixels of the
//! 256-pixel world at zoom 0: a point at zoom z is these coordinates times 2^z.

use std::f64::consts::PI;

/// Leaflet's tile size, and the width of the zoom-0 world in pixels.
pub const TILE_SIZE: f64 = 256.0;
/// Leaflet's `L.Projection.SphericalMercator.MAX_LATITUDE`: the world is square.
const MAX_LATITUDE: f64 = 85.051_128_779_806_6;

/// (longitude, latitude) in degrees to zoom-0 pixels, y growing southwards.
pub fn project(lon: f64, lat: f64) -> (f64, f64) {
    let lat = lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let x = TILE_SIZE * (lon + 180.0) / 360.0;
    let y = TILE_SIZE * (0.5 - (PI / 4.0 + lat / 2.0).tan().ln() / (2.0 * PI));
    (x, y)
}

/// The inverse of [`project`].
pub fn unproject(x: f64, y: f64) -> (f64, f64) {
    let lon = x / TILE_SIZE * 360.0 - 180.0;
    let lat = (2.0 * ((0.5 - y / TILE_SIZE) * 2.0 * PI).exp().atan() - PI / 2.0).to_degrees();
    (lon, lat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_world_is_256_pixels_square_at_zoom_0() {
        assert_eq!(project(-180.0, 0.0), (0.0, 128.0));
        assert_eq!(project(0.0, 0.0), (128.0, 128.0));
        let (_, north) = project(0.0, MAX_LATITUDE);
        assert!(north.abs() < 1e-9, "{north}");
    }

    #[test]
    fn wuhan_lands_where_leaflet_puts_it() {
        // Leaflet's EPSG:3857 at zoom 0: y = 256 · (0.5 − R·ln tan(π/4 + φ/2) · 0.5/(πR)),
        // evaluated independently for (30.55° N, 114.30° E).
        let (x, y) = project(114.30, 30.55);
        assert!((x - 209.28).abs() < 1e-9, "{x}");
        assert!((y - 105.166_374_931_958_94).abs() < 1e-9, "{y}");
    }

    #[test]
    fn unproject_undoes_project() {
        for (lon, lat) in [(114.3, 30.55), (-73.98, 40.75), (151.2, -33.86), (0.0, 0.0)] {
            let (x, y) = project(lon, lat);
            let (back_lon, back_lat) = unproject(x, y);
            assert!((back_lon - lon).abs() < 1e-9 && (back_lat - lat).abs() < 1e-9, "{lon},{lat}");
        }
    }
}
