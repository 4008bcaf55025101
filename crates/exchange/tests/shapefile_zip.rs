//! Zipped Shapefiles built from known WGS-84 parcels, read back: positions within a metre
//! (geodesic), GBK text exact, zone-numbered eastings or not, bad files refused by name.

use parkatlas_core::geometry::gauss_kruger::Zone;
use parkatlas_core::geometry::geodesic_distance_m;
use parkatlas_core::wire::{LandUse, ParcelStatus};
use parkatlas_exchange::parcels::{ColumnMapping, ParcelField, Survey};
use parkatlas_exchange::prj::Crs;
use parkatlas_exchange::problem::all_or_problems;
use parkatlas_exchange::test_support::{square, zip_of, SurveyLayer, SurveyParcel};
use proptest::prelude::*;

fn parcel(code: &str, lon: f64, lat: f64) -> SurveyParcel {
    SurveyParcel {
        code: code.into(),
        land_use: "工业用地".into(),
        status: "已出让".into(),
        note: "东临光谷大道，备注：待核实".into(),
        rings: vec![square(lon, lat, 80.0)],
    }
}

/// The farthest any read vertex lies from the vertex it was built from, in metres.
fn largest_error_m(parcels: &[SurveyParcel], survey: &Survey) -> f64 {
    let mut largest: f64 = 0.0;
    for (parcel, feature) in parcels.iter().zip(&survey.features) {
        let geometry = feature.geometry.clone().unwrap();
        let geojson::GeometryValue::Polygon { coordinates } = geometry.value else { panic!("{geometry:?}") };
        // The reader keeps the written ring order; shapefile writes outer rings clockwise,
        // so compare as sets of corners.
        for built in &parcel.rings[0] {
            let nearest = coordinates[0]
                .iter()
                .map(|read| geodesic_distance_m(*built, (read[0], read[1])))
                .fold(f64::INFINITY, f64::min);
            largest = largest.max(nearest);
        }
    }
    largest
}

fn read(layer: &SurveyLayer, parcels: &[SurveyParcel]) -> Survey {
    Survey::read("地块.zip", &layer.zip(parcels)).unwrap()
}

#[test]
fn epsg_4547_with_gbk_attributes_reads_back_exactly() {
    let parcels = [parcel("GX-2026-001", 114.4102, 30.4803), parcel("GX-2026-002", 114.4251, 30.4722)];
    let survey = read(&SurveyLayer::wuhan_gbk(), &parcels);
    assert_eq!(survey.crs.epsg(), 4547);
    assert_eq!(survey.format, "Shapefile, attributes in gb18030");
    assert_eq!(survey.columns, ["OBJECTID", "DKBH", "YDXZ", "ZT", "BZ", "SHAPE_AREA"]);
    assert_eq!(survey.features[0].attributes["BZ"], "东临光谷大道，备注：待核实");
    assert!(largest_error_m(&parcels, &survey) < 0.001, "{}", largest_error_m(&parcels, &survey));
    let mapping = ColumnMapping::default_for(&survey.columns);
    assert_eq!(mapping.unmapped().collect::<Vec<_>>(), ["OBJECTID", "BZ", "SHAPE_AREA"]);
    let parcels = all_or_problems(survey.parcels(&mapping)).unwrap();
    let body = &parcels[1].1.body;
    assert_eq!(
        (body.code.as_str(), body.land_use, body.status),
        ("GX-2026-002", LandUse::Industrial, ParcelStatus::Granted)
    );
    // The area of the outline read back is the area of the outline built, about 80 m × 80 m.
    let built: Vec<geojson::Position> = square(114.4251, 30.4722, 80.0).into_iter().map(Into::into).collect();
    let built = geojson::Geometry::new(geojson::GeometryValue::new_polygon(vec![built]));
    let built = parkatlas_core::geometry::Shape::from_geojson(&built).unwrap();
    assert!((parcels[1].1.area.0 - built.area().0).abs() < 0.1, "{:?} vs {:?}", parcels[1].1.area, built.area());
    assert!((parcels[1].1.area.0 - 6400.0).abs() < 50.0);
}

#[test]
fn the_encoding_comes_from_the_cpg_or_the_language_driver() {
    let parcels = [parcel("GX-1", 114.41, 30.48)];
    for layer in [
        SurveyLayer { cpg: true, ..SurveyLayer::wuhan_gbk() },
        SurveyLayer { language_driver: Some(0x4D), ..SurveyLayer::wuhan_gbk() },
        SurveyLayer { encoding: encoding_rs::UTF_8, ..SurveyLayer::wuhan_gbk() },
        SurveyLayer { encoding: encoding_rs::UTF_8, cpg: true, ..SurveyLayer::wuhan_gbk() },
    ] {
        let survey = read(&layer, &parcels);
        assert_eq!(survey.features[0].attributes["BZ"], "东临光谷大道，备注：待核实", "{layer:?}");
    }
}

#[test]
fn eastings_with_or_without_the_zone_number_under_either_prj() {
    let parcels = [parcel("GX-1", 113.2, 29.9)];
    for (prj_zone_prefixed, eastings_zone_prefixed) in [(false, false), (true, true), (false, true), (true, false)] {
        let layer = SurveyLayer { prj_zone_prefixed, eastings_zone_prefixed, ..SurveyLayer::wuhan_gbk() };
        let survey = read(&layer, &parcels);
        assert_eq!(survey.crs.epsg(), if prj_zone_prefixed { 4526 } else { 4547 });
        assert!(largest_error_m(&parcels, &survey) < 0.001);
    }
}

#[test]
fn geographic_cgcs2000_is_read_as_wgs84() {
    let parcels = [parcel("GX-1", 106.5, 29.6)];
    let survey = read(&SurveyLayer { zone: None, ..SurveyLayer::wuhan_gbk() }, &parcels);
    assert_eq!(survey.crs, Crs::Cgcs2000);
    assert!(largest_error_m(&parcels, &survey) < 1e-6);
}

#[test]
fn an_easting_of_another_zone_is_named() {
    let parcels = [parcel("GX-1", 117.2, 31.8)];
    // Built in zone 39 (CM 117° E) with its number in front, but the .prj says zone 38.
    let layer = SurveyLayer {
        zone: Zone::new(39),
        eastings_zone_prefixed: true,
        prj: Some(parkatlas_exchange::test_support::esri_prj(Zone::new(38).unwrap(), false)),
        ..SurveyLayer::wuhan_gbk()
    };
    let survey = read(&layer, &parcels);
    let problem = survey.features[0].geometry.clone().unwrap_err().to_string();
    assert!(problem.starts_with("feature 1 (geometry): has easting 39"), "{problem}");
    assert!(problem.ends_with("which is in zone 39, not the .prj's zone 38"), "{problem}");
}

#[test]
fn an_unknown_prj_is_refused_by_name() {
    let xian80 = r#"PROJCS["Xian_1980_3_Degree_GK_CM_114E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
    let layer = SurveyLayer { prj: Some(xian80.into()), ..SurveyLayer::wuhan_gbk() };
    let refusal = Survey::read("a.zip", &layer.zip(&[parcel("GX-1", 114.41, 30.48)])).unwrap_err();
    assert!(refusal.reason.contains("Xian_1980_3_Degree_GK_CM_114E"), "{refusal}");
}

#[test]
fn one_bad_feature_is_named_and_nothing_is_read() {
    let mut parcels = vec![parcel("GX-1", 114.41, 30.48), parcel("GX-2", 114.42, 30.48), parcel("GX-3", 114.43, 30.48)];
    parcels[1].land_use = "工矿仓储用地".into();
    let survey = read(&SurveyLayer::wuhan_gbk(), &parcels);
    let problems = all_or_problems(survey.parcels(&ColumnMapping::default_for(&survey.columns))).unwrap_err();
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with("feature 2 (YDXZ → land_use): “工矿仓储用地” is not one of"), "{problems:?}");
}

#[test]
fn a_remapped_column_fills_its_field() {
    let mut parcels = vec![parcel("GX-1", 114.41, 30.48)];
    parcels[0].note = "M1".into();
    parcels[0].land_use = "不明".into();
    let survey = read(&SurveyLayer::wuhan_gbk(), &parcels);
    let mut mapping = ColumnMapping::default_for(&survey.columns);
    mapping.set("BZ", Some(ParcelField::LandUse));
    assert_eq!(mapping.unmapped().collect::<Vec<_>>(), ["OBJECTID", "YDXZ", "SHAPE_AREA"]);
    let parcels = all_or_problems(survey.parcels(&mapping)).unwrap();
    assert_eq!(parcels[0].1.body.land_use, LandUse::Industrial);
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    // A small zip whose central directory declares 300 MB for its entry, as a bomb's does.
    let mut bomb = zip_of(&[("parcels.shp", vec![0u8; 1000])]);
    let directory = bomb.windows(4).rposition(|window| window == b"PK\x01\x02").unwrap();
    bomb[directory + 24..directory + 28].copy_from_slice(&(300u32 << 20).to_le_bytes());
    let refusal = Survey::read("bomb.zip", &bomb).unwrap_err();
    assert!(refusal.reason.starts_with("it unpacks to more than 200 MB"), "{refusal}");
}

#[test]
fn a_zip_without_a_layer_or_prj_is_refused() {
    let refusal = Survey::read("a.zip", &zip_of(&[("readme.txt", b"hi".to_vec())])).unwrap_err();
    assert!(refusal.reason.starts_with("its zip holds no .shp file"));
    let layer = SurveyLayer::wuhan_gbk().zip(&[parcel("GX-1", 114.41, 30.48)]);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(layer)).unwrap();
    let files: Vec<(String, Vec<u8>)> = ["parcels.shp", "parcels.shx", "parcels.dbf"]
        .iter()
        .map(|name| {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut archive.by_name(name).unwrap(), &mut bytes).unwrap();
            (name.to_string(), bytes)
        })
        .collect();
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(name, bytes)| (name.as_str(), bytes.clone())).collect();
    let refusal = Survey::read("a.zip", &zip_of(&files)).unwrap_err();
    assert!(refusal.reason.starts_with("its zip holds no parcels.prj"), "{refusal}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Anywhere in a zone, with or without the zone number, each vertex comes back within a metre.
    #[test]
    fn round_trip_within_a_metre(zone in 25u8..=45, offset in -1.4f64..1.4, lat in 20.0f64..50.0, prefixed: bool) {
        let zone = Zone::new(zone).unwrap();
        let parcels = [parcel("GX-1", zone.central_meridian_deg() + offset, lat)];
        let layer = SurveyLayer { zone: Some(zone), eastings_zone_prefixed: prefixed, ..SurveyLayer::wuhan_gbk() };
        let survey = read(&layer, &parcels);
        prop_assert!(largest_error_m(&parcels, &survey) < 1.0);
    }
}
