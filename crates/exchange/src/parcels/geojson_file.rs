//! A GeoJSON FeatureCollection in WGS-84: each feature's properties are its attributes,
//! its Polygon or MultiPolygon the outline.

use geojson::{Geometry, GeometryValue};
use serde_json::Value;

use super::{check_positions, Survey, SurveyFeature};
use crate::limits::MAX_FEATURES;
use crate::prj::Crs;
use crate::problem::{Item, Problem, Refusal};

/// The top level of a FeatureCollection, its features left as JSON so that each is read
/// on its own: one malformed feature is reported with its number, not as a bad file.
#[derive(serde::Deserialize)]
struct Collection {
    #[serde(rename = "type")]
    kind: String,
    features: Vec<Value>,
}

pub(super) fn read(bytes: &[u8]) -> Result<Survey, Refusal> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let collection: Collection = serde_json::from_slice(bytes)
        .map_err(|error| Refusal::whole(format!("it is not a GeoJSON FeatureCollection: {error}")))?;
    if collection.kind != "FeatureCollection" {
        return Err(Refusal::whole(format!("it is a GeoJSON {}, not a FeatureCollection", collection.kind)));
    }
    if collection.features.is_empty() {
        return Err(Refusal::whole("its FeatureCollection holds no features"));
    }
    if collection.features.len() > MAX_FEATURES {
        return Err(Refusal::whole(format!("it holds more than {MAX_FEATURES} features")));
    }
    let mut columns: Vec<String> = Vec::new();
    let features = collection
        .features
        .into_iter()
        .enumerate()
        .map(|(index, value)| {
            let feature = survey_feature(Item::Feature(index + 1), value);
            for key in feature.attributes.keys() {
                if !columns.contains(key) {
                    columns.push(key.clone());
                }
            }
            feature
        })
        .collect();
    Ok(Survey { columns, features, format: "GeoJSON".into(), crs: Crs::Wgs84 })
}

fn survey_feature(item: Item, value: Value) -> SurveyFeature {
    match serde_json::from_value::<geojson::Feature>(value) {
        Ok(feature) => SurveyFeature {
            item,
            attributes: feature.properties.unwrap_or_default(),
            geometry: outline(item, feature.geometry),
        },
        Err(error) => SurveyFeature {
            item,
            attributes: Default::default(),
            geometry: Err(Problem::of_item(item, format!("is not a GeoJSON Feature: {error}"))),
        },
    }
}

fn outline(item: Item, geometry: Option<Geometry>) -> Result<Geometry, Problem> {
    let geometry = geometry.ok_or_else(|| Problem::new(item, "geometry", "is required"))?;
    let rings: Vec<&Vec<geojson::Position>> = match &geometry.value {
        GeometryValue::Polygon { coordinates } => coordinates.iter().collect(),
        GeometryValue::MultiPolygon { coordinates } => coordinates.iter().flatten().collect(),
        // Core names the type it expected.
        _ => Vec::new(),
    };
    check_positions(rings.into_iter().flatten().map(geojson::Position::as_slice))
        .map_err(|message| Problem::new(item, "geometry", message))?;
    Ok(geometry)
}

#[cfg(test)]
mod tests {
    use parkatlas_core::wire::{LandUse, ParcelStatus, SupplyMode};
    use serde_json::json;

    use super::*;
    use crate::parcels::ColumnMapping;

    const SQUARE: [[f64; 2]; 5] = [[114.5, 30.4], [114.501, 30.4], [114.501, 30.401], [114.5, 30.401], [114.5, 30.4]];

    fn feature(properties: Value) -> Value {
        json!({ "type": "Feature", "properties": properties, "geometry": { "type": "Polygon", "coordinates": [SQUARE] } })
    }

    fn survey(features: Vec<Value>) -> Survey {
        read(json!({ "type": "FeatureCollection", "features": features }).to_string().as_bytes()).unwrap()
    }

    /// The problem of each feature, as reported (`None` for a feature that reads).
    fn problems(features: Vec<Value>) -> Vec<Option<String>> {
        let survey = survey(features);
        let parcels = survey.parcels(&ColumnMapping::default_for(&survey.columns));
        parcels.into_iter().map(|(_, parcel)| parcel.err().map(|problem| problem.to_string())).collect()
    }

    #[test]
    fn properties_become_the_body_and_the_geometry_its_outline() {
        let properties = json!({
            "code": "SL-01", "land_use": "industrial", "status": "available", "details": { "supply_mode": "listing" },
            "OBJECTID": 7
        });
        let survey = survey(vec![feature(properties)]);
        assert_eq!(survey.columns, ["OBJECTID", "code", "details", "land_use", "status"]);
        let mapping = ColumnMapping::default_for(&survey.columns);
        assert_eq!(mapping.unmapped().collect::<Vec<_>>(), ["OBJECTID"]);
        let (item, parcel) = survey.parcels(&mapping).into_iter().next().unwrap();
        let body = parcel.unwrap().body;
        assert_eq!(item, Item::Feature(1));
        assert_eq!(
            (body.code.as_str(), body.land_use, body.status, body.details.supply_mode),
            ("SL-01", LandUse::Industrial, ParcelStatus::Available, Some(SupplyMode::Listing))
        );
        assert_eq!(Value::from(&body.geometry.value), json!({ "type": "Polygon", "coordinates": [SQUARE] }));
    }

    #[test]
    fn each_bad_feature_is_named_with_its_field() {
        let good = json!({ "code": "SL-01", "land_use": "industrial", "status": "available" });
        let mut no_geometry = feature(json!({ "code": "SL-05", "land_use": "industrial", "status": "idle" }));
        no_geometry["geometry"] = Value::Null;
        let mut open_ring = feature(json!({ "code": "SL-06", "land_use": "工业用地", "status": "idle" }));
        open_ring["geometry"]["coordinates"][0][4] = json!([114.5, 30.4005]);
        let problems = problems(vec![
            feature(good.clone()),
            feature(json!({ "code": "SL-02", "land_use": "industrial", "status": "sold" })),
            feature(json!({ "code": "SL 03", "land_use": "industrial", "status": "idle" })),
            feature(json!({ "land_use": "industrial", "status": "idle" })),
            no_geometry,
            json!({ "type": "Point", "coordinates": [114.5, 30.4] }),
            open_ring,
            feature(good),
        ]);
        assert_eq!(problems[0], None);
        let expected_prefixes = [
            "feature 2 (status): “sold” is not one of available (待出让), granted (已出让)",
            "feature 3 (code): “SL 03”: use letters, digits",
            "feature 4 (code): is required",
            "feature 5 (geometry): is required",
            "feature 6: is not a GeoJSON Feature",
            "feature 7 (geometry): ",
            "feature 8 (code): is the same as in feature 1",
        ];
        for (problem, prefix) in problems[1..].iter().zip(expected_prefixes) {
            let problem = problem.as_deref().unwrap_or("(read)");
            assert!(problem.starts_with(prefix), "{problem:?} should start with {prefix:?}");
        }
    }

    #[test]
    fn a_file_that_is_not_a_feature_collection_is_refused_whole() {
        let refusal = |text: &str| read(text.as_bytes()).err().map(|refusal| refusal.to_string());
        assert_eq!(
            refusal(r#"{"type": "Feature", "features": []}"#).as_deref(),
            Some("it is a GeoJSON Feature, not a FeatureCollection")
        );
        assert_eq!(
            refusal(r#"{"type": "FeatureCollection", "features": []}"#).as_deref(),
            Some("its FeatureCollection holds no features")
        );
        assert!(refusal("code,land_use").unwrap().starts_with("it is not a GeoJSON FeatureCollection: expected value"));
    }

    #[test]
    fn an_outline_with_too_many_vertices_is_refused() {
        let ring: Vec<[f64; 2]> = (0..=crate::limits::MAX_VERTICES)
            .map(|i| {
                let angle = i as f64 / crate::limits::MAX_VERTICES as f64 * std::f64::consts::TAU;
                [114.5 + 0.001 * angle.cos(), 30.4 + 0.001 * angle.sin()]
            })
            .collect();
        let mut big = feature(json!({ "code": "SL-01", "land_use": "industrial", "status": "available" }));
        big["geometry"]["coordinates"] = json!([ring]);
        let problems = problems(vec![big]);
        assert!(problems[0].as_deref().unwrap().starts_with("feature 1 (geometry): has more than 20000 vertices"));
    }
}
