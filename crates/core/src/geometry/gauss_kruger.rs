//! China's CGCS2000 Gauss–Krüger grid (3-degree zones, EPSG:4513–4554) to and from
//! geographic coordinates: the transverse Mercator on the CGCS2000 ellipsoid with
//! Krüger's series to the sixth order in n (Karney 2011, "Transverse Mercator with an
//! accuracy of a few nanometers", eqs. 35–36), which is exact to well under a millimetre
//! within a zone. Survey files of Chinese parks come in this grid.
//!
//! CGCS2000 and WGS-84 share the same ellipsoid to within 0.1 mm of semi-minor axis and
//! their frames agree to a few centimetres (both are ITRF realisations), so geographic
//! CGCS2000 coordinates are taken as WGS-84: the difference is far below a parcel
//! survey's metre-level accuracy.

/// CGCS2000's semi-major axis, metres.
const A: f64 = 6_378_137.0;
/// CGCS2000's flattening (GRS 80's, which differs from WGS-84's in the 12th digit).
const F: f64 = 1.0 / 298.257_222_101;
/// The false easting of every zone, before its zone number is put in front.
pub const FALSE_EASTING_M: f64 = 500_000.0;

/// One 3-degree zone: central meridian `3 × number` degrees east, zones 25 (75° E) to
/// 45 (135° E) covering China.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone {
    number: u8,
}

/// A grid coordinate in metres: `easting` without the zone number in front.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GridPoint {
    pub easting: f64,
    pub northing: f64,
}

impl Zone {
    pub const FIRST: u8 = 25;
    pub const LAST: u8 = 45;

    /// Zone `number`, when it is one of China's (25–45).
    pub fn new(number: u8) -> Option<Zone> {
        (Zone::FIRST..=Zone::LAST).contains(&number).then_some(Zone { number })
    }

    /// The zone whose central meridian is `degrees` east, if any.
    pub fn of_central_meridian(degrees: f64) -> Option<Zone> {
        let number = degrees / 3.0;
        (number.fract() == 0.0 && (0.0..=255.0).contains(&number)).then(|| Zone::new(number as u8)).flatten()
    }

    pub fn number(self) -> u8 {
        self.number
    }

    pub fn central_meridian_deg(self) -> f64 {
        3.0 * f64::from(self.number)
    }

    /// The EPSG code of this zone's grid with the zone number in front of the easting
    /// (4513 for zone 25) or without it (4534 for 75° E).
    pub fn epsg(self, zone_prefixed: bool) -> u16 {
        let offset = u16::from(self.number - Zone::FIRST);
        if zone_prefixed {
            4513 + offset
        } else {
            4534 + offset
        }
    }

    /// The zone of an EPSG code between 4513 and 4554, and whether its eastings carry the zone number.
    pub fn of_epsg(code: u16) -> Option<(Zone, bool)> {
        match code {
            4513..=4533 => Some((Zone { number: Zone::FIRST + (code - 4513) as u8 }, true)),
            4534..=4554 => Some((Zone { number: Zone::FIRST + (code - 4534) as u8 }, false)),
            _ => None,
        }
    }

    /// The easting with this zone's number in front (38 500 000 m for 500 000 m in zone 38).
    pub fn prefixed(self, easting: f64) -> f64 {
        f64::from(self.number) * 1e6 + easting
    }

    /// Grid coordinates of (longitude, latitude) in degrees.
    pub fn project(self, lon: f64, lat: f64) -> GridPoint {
        let series = Series::get();
        let lambda = (lon - self.central_meridian_deg()).to_radians();
        let phi = lat.to_radians();
        let e = series.e;
        let tau = phi.tan();
        let sigma = (e * (e * tau / tau.hypot(1.0)).atanh()).sinh();
        let tau_prime = tau * sigma.hypot(1.0) - sigma * tau.hypot(1.0);
        let xi_prime = tau_prime.atan2(lambda.cos());
        let eta_prime = (lambda.sin() / tau_prime.hypot(lambda.cos())).asinh();
        let (mut xi, mut eta) = (xi_prime, eta_prime);
        for (j, alpha) in series.alpha.iter().enumerate() {
            let k = 2.0 * (j + 1) as f64;
            xi += alpha * (k * xi_prime).sin() * (k * eta_prime).cosh();
            eta += alpha * (k * xi_prime).cos() * (k * eta_prime).sinh();
        }
        GridPoint { easting: FALSE_EASTING_M + series.rectifying_radius * eta, northing: series.rectifying_radius * xi }
    }

    /// (longitude, latitude) in degrees of a grid point of this zone.
    pub fn unproject(self, point: GridPoint) -> (f64, f64) {
        let series = Series::get();
        let xi = point.northing / series.rectifying_radius;
        let eta = (point.easting - FALSE_EASTING_M) / series.rectifying_radius;
        let (mut xi_prime, mut eta_prime) = (xi, eta);
        for (j, beta) in series.beta.iter().enumerate() {
            let k = 2.0 * (j + 1) as f64;
            xi_prime -= beta * (k * xi).sin() * (k * eta).cosh();
            eta_prime -= beta * (k * xi).cos() * (k * eta).sinh();
        }
        let tau_prime = xi_prime.sin() / eta_prime.sinh().hypot(xi_prime.cos());
        let lambda = eta_prime.sinh().atan2(xi_prime.cos());
        let tau = conformal_to_geographic(tau_prime, series.e);
        (self.central_meridian_deg() + lambda.to_degrees(), tau.atan().to_degrees())
    }
}

/// tan φ from the tangent of the conformal latitude, by Newton's method (Karney 2011, eqs. 19–21).
fn conformal_to_geographic(tau_prime: f64, e: f64) -> f64 {
    let e2m = 1.0 - e * e;
    let mut tau = tau_prime;
    // Converges to machine precision in two or three steps for any latitude; five is a bound.
    for _ in 0..5 {
        let sigma = (e * (e * tau / tau.hypot(1.0)).atanh()).sinh();
        let tau_i = tau * sigma.hypot(1.0) - sigma * tau.hypot(1.0);
        let step = (tau_prime - tau_i) / tau_i.hypot(1.0) * (1.0 + e2m * tau * tau) / (e2m * tau.hypot(1.0));
        tau += step;
        if step.abs() <= 1e-14 * tau.abs().max(1.0) {
            break;
        }
    }
    tau
}

/// The ellipsoid's constants of Krüger's series, computed once from A and F.
struct Series {
    e: f64,
    /// A in Karney's notation: the radius of the rectifying sphere, times the scale factor 1.
    rectifying_radius: f64,
    alpha: [f64; 6],
    beta: [f64; 6],
}

impl Series {
    fn get() -> &'static Series {
        static SERIES: std::sync::OnceLock<Series> = std::sync::OnceLock::new();
        SERIES.get_or_init(Series::new)
    }

    fn new() -> Series {
        let n = F / (2.0 - F);
        let [n2, n3, n4, n5, n6] = [n * n, n.powi(3), n.powi(4), n.powi(5), n.powi(6)];
        let alpha = [
            n / 2.0 - 2.0 * n2 / 3.0 + 5.0 * n3 / 16.0 + 41.0 * n4 / 180.0 - 127.0 * n5 / 288.0 + 7891.0 * n6 / 37800.0,
            13.0 * n2 / 48.0 - 3.0 * n3 / 5.0 + 557.0 * n4 / 1440.0 + 281.0 * n5 / 630.0 - 1983433.0 * n6 / 1935360.0,
            61.0 * n3 / 240.0 - 103.0 * n4 / 140.0 + 15061.0 * n5 / 26880.0 + 167603.0 * n6 / 181440.0,
            49561.0 * n4 / 161280.0 - 179.0 * n5 / 168.0 + 6601661.0 * n6 / 7257600.0,
            34729.0 * n5 / 80640.0 - 3418889.0 * n6 / 1995840.0,
            212378941.0 * n6 / 319334400.0,
        ];
        let beta = [
            n / 2.0 - 2.0 * n2 / 3.0 + 37.0 * n3 / 96.0 - n4 / 360.0 - 81.0 * n5 / 512.0 + 96199.0 * n6 / 604800.0,
            n2 / 48.0 + n3 / 15.0 - 437.0 * n4 / 1440.0 + 46.0 * n5 / 105.0 - 1118711.0 * n6 / 3870720.0,
            17.0 * n3 / 480.0 - 37.0 * n4 / 840.0 - 209.0 * n5 / 4480.0 + 5569.0 * n6 / 90720.0,
            4397.0 * n4 / 161280.0 - 11.0 * n5 / 504.0 - 830251.0 * n6 / 7257600.0,
            4583.0 * n5 / 161280.0 - 108847.0 * n6 / 3991680.0,
            20648693.0 * n6 / 638668800.0,
        ];
        Series {
            e: (F * (2.0 - F)).sqrt(),
            rectifying_radius: A / (1.0 + n) * (1.0 + n2 / 4.0 + n4 / 64.0 + n6 / 256.0),
            alpha,
            beta,
        }
    }
}

#[cfg(test)]
mod tests {
    use proj4rs::proj::Proj;
    use proptest::prelude::*;

    use super::*;

    fn zone(number: u8) -> Zone {
        Zone::new(number).unwrap()
    }

    /// proj4rs's transverse Mercator of the same zone (its exact "etmerc" algorithm).
    fn proj4rs_project(zone: Zone, lon: f64, lat: f64) -> GridPoint {
        let geographic = Proj::from_proj_string("+proj=longlat +ellps=GRS80 +no_defs").unwrap();
        let grid = Proj::from_proj_string(&format!(
            "+proj=tmerc +lat_0=0 +lon_0={} +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs",
            zone.central_meridian_deg()
        ))
        .unwrap();
        let mut point = (lon.to_radians(), lat.to_radians(), 0.0);
        proj4rs::transform::transform(&geographic, &grid, &mut point).unwrap();
        GridPoint { easting: point.0, northing: point.1 }
    }

    #[test]
    fn the_central_meridian_maps_to_the_false_easting_and_the_meridian_arc() {
        let at_equator = zone(38).project(114.0, 0.0);
        assert!((at_equator.easting - 500_000.0).abs() < 1e-9 && at_equator.northing.abs() < 1e-9);
        // The meridian arc of GRS 80 from the equator to 30° N: 3 320 113.398 m (published tables).
        let at_30 = zone(38).project(114.0, 30.0);
        assert!((at_30.northing - 3_320_113.398).abs() < 0.001, "{}", at_30.northing);
    }

    #[test]
    fn zones_and_epsg_codes_match_both_ways() {
        assert_eq!(zone(38).epsg(false), 4547);
        assert_eq!(zone(38).epsg(true), 4526);
        assert_eq!(Zone::of_epsg(4547), Some((zone(38), false)));
        assert_eq!(Zone::of_epsg(4513), Some((zone(25), true)));
        assert_eq!(Zone::of_epsg(4554), Some((zone(45), false)));
        assert_eq!(Zone::of_epsg(4555), None);
        assert_eq!(Zone::of_central_meridian(114.0), Some(zone(38)));
        assert_eq!(Zone::of_central_meridian(114.5), None);
        assert_eq!(Zone::of_central_meridian(72.0), None);
        assert_eq!(zone(38).prefixed(512_345.5), 38_512_345.5);
    }

    proptest! {
        /// Within a zone (±1.5° of its meridian, China's latitudes) the series agrees with
        /// proj4rs to well under a millimetre, and the inverse returns the point.
        #[test]
        fn agrees_with_proj4rs_and_inverts(number in 25u8..=45, offset in -1.5f64..1.5, lat in 18.0f64..54.0) {
            let zone = zone(number);
            let lon = zone.central_meridian_deg() + offset;
            let ours = zone.project(lon, lat);
            let theirs = proj4rs_project(zone, lon, lat);
            prop_assert!((ours.easting - theirs.easting).abs() < 1e-4, "{:?} vs {:?}", ours, theirs);
            prop_assert!((ours.northing - theirs.northing).abs() < 1e-4, "{:?} vs {:?}", ours, theirs);
            let (back_lon, back_lat) = zone.unproject(ours);
            // 1e-9 degrees is about 0.1 mm.
            prop_assert!((back_lon - lon).abs() < 1e-9 && (back_lat - lat).abs() < 1e-9);
        }
    }
}
