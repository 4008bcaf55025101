//! `parkatlas import parcels`: a GeoJSON FeatureCollection, read feature by feature into
//! the body `POST /parks/{id}/parcels` takes: the feature's properties are the body's
//! fields (`code`, `land_use`, `status`, `details`), its geometry the parcel's outline.

use std::path::Path;

use parkatlas_core::wire::ParcelBody;
use serde_json::Value;

use super::{check_all, counted, read_as, stored_meanwhile, Item, Problem, ReadItems, Refusal, Refused};
use crate::store::Store;

/// Checks the features of `file` and stores them as parcels of park `park_id`; returns
/// what to tell the user.
pub(super) async fn import(store: &Store, file: &Path, park_id: i64) -> anyhow::Result<String> {
    let refused = |refusal| Refused::new(file, refusal);
    let Some(park) = store.park(park_id).await? else {
        return Err(refused(Refusal::whole(format!("no park has id {park_id}"))).into());
    };
    let text =
        std::fs::read_to_string(file).map_err(|error| refused(Refusal::whole(format!("cannot read it: {error}"))))?;
    let features = read_features(&text).map_err(refused)?;
    let total = features.len();
    let checked = check_all(
        features,
        "code",
        |body: &ParcelBody| body.code.clone(),
        async |body| crate::api::parcels::checked(store, body, None).await,
    )
    .await?;
    let parcels = checked.map_err(|problems| refused(Refusal::items("feature", total, problems)))?;
    store.import_parcels(park_id, &parcels).await.map_err(|error| stored_meanwhile(error, "parcels"))?;
    Ok(format!("imported {} into park {park_id} ({})", counted(parcels.len(), "parcel"), park.properties.name))
}

/// The top level of a FeatureCollection, its features left as JSON so that each is read
/// on its own: one malformed feature is reported with its number, not as a bad file.
#[derive(serde::Deserialize)]
struct Collection {
    #[serde(rename = "type")]
    kind: String,
    features: Vec<Value>,
}

/// Each feature as a parcel body, or its problem; the file is refused as a whole when it
/// is not a FeatureCollection or holds no features.
fn read_features(text: &str) -> Result<ReadItems<ParcelBody>, Refusal> {
    let collection: Collection = serde_json::from_str(text)
        .map_err(|error| Refusal::whole(format!("it is not a GeoJSON FeatureCollection: {error}")))?;
    if collection.kind != "FeatureCollection" {
        return Err(Refusal::whole(format!("it is a GeoJSON {}, not a FeatureCollection", collection.kind)));
    }
    if collection.features.is_empty() {
        return Err(Refusal::whole("its FeatureCollection holds no features"));
    }
    let features = collection.features.into_iter().enumerate();
    Ok(features.map(|(index, feature)| (Item::Feature(index + 1), parcel_body(index + 1, feature))).collect())
}

/// Feature `number` as a parcel body: its properties with its geometry beside them.
fn parcel_body(number: usize, feature: Value) -> Result<ParcelBody, Problem> {
    let item = Item::Feature(number);
    let feature: geojson::Feature = serde_json::from_value(feature)
        .map_err(|error| Problem::of_item(item, format!("is not a GeoJSON Feature: {error}")))?;
    let mut body = feature.properties.unwrap_or_default();
    if body.contains_key("geometry") {
        return Err(Problem::new(item, "geometry", "is a property here; give the outline as the feature's geometry"));
    }
    if let Some(geometry) = feature.geometry {
        body.insert("geometry".into(), Value::from(&geometry.value));
    }
    read_as(item, Value::Object(body))
}

#[cfg(test)]
mod tests {
    use parkatlas_core::wire::{LandUse, ParcelStatus, SupplyMode};
    use serde_json::json;

    use super::*;

    const SQUARE: [[f64; 2]; 5] = [[114.5, 30.4], [114.501, 30.4], [114.501, 30.401], [114.5, 30.401], [114.5, 30.4]];

    fn feature(properties: Value) -> Value {
        json!({ "type": "Feature", "properties": properties, "geometry": { "type": "Polygon", "coordinates": [SQUARE] } })
    }

    fn collection(features: Vec<Value>) -> String {
        json!({ "type": "FeatureCollection", "features": features }).to_string()
    }

    /// The problem of each feature, as reported (`None` for a feature that reads).
    fn problems(features: Vec<Value>) -> Vec<Option<String>> {
        let read = read_features(&collection(features)).unwrap();
        read.into_iter().map(|(_, body)| body.err().map(|problem| problem.to_string())).collect()
    }

    #[test]
    fn properties_become_the_body_and_the_geometry_its_outline() {
        let properties = json!({
            "code": "SL-01", "land_use": "industrial", "status": "available", "details": { "supply_mode": "listing" }
        });
        let read = read_features(&collection(vec![feature(properties)])).unwrap();
        let (item, body) = read.into_iter().next().unwrap();
        let body = body.unwrap();
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
        let mut no_geometry = feature(good.clone());
        no_geometry["geometry"] = Value::Null;
        let problems = problems(vec![
            feature(good.clone()),
            feature(json!({ "code": "SL-02", "land_use": "industrial", "status": "sold" })),
            feature(json!({ "code": "SL-03", "land_use": "industrial", "status": "idle", "OBJECTID": 7 })),
            feature(json!({ "land_use": "industrial", "status": "idle" })),
            no_geometry,
            json!({ "type": "Point", "coordinates": [114.5, 30.4] }),
            feature(json!({ "code": "SL-04", "land_use": "industrial", "status": "idle", "geometry": "here" })),
        ]);
        assert_eq!(problems[0], None);
        let expected_prefixes = [
            "feature 2 (status): unknown variant `sold`, expected one of `available`",
            "feature 3 (OBJECTID): unknown field `OBJECTID`, expected one of `code`",
            "feature 4 (code): is required",
            "feature 5 (geometry): is required",
            "feature 6: is not a GeoJSON Feature",
            "feature 7 (geometry): is a property here",
        ];
        for (problem, prefix) in problems[1..].iter().zip(expected_prefixes) {
            let problem = problem.as_deref().unwrap_or("(read)");
            assert!(problem.starts_with(prefix), "{problem:?} should start with {prefix:?}");
        }
    }

    #[test]
    fn a_file_that_is_not_a_feature_collection_is_refused_whole() {
        let refusal = |text: &str| read_features(text).err().map(|refusal| refusal.to_string());
        assert_eq!(
            refusal(r#"{"type": "Feature", "features": []}"#).as_deref(),
            Some("it is a GeoJSON Feature, not a FeatureCollection")
        );
        assert_eq!(refusal(&collection(vec![])).as_deref(), Some("its FeatureCollection holds no features"));
        assert!(refusal("code,land_use").unwrap().starts_with("it is not a GeoJSON FeatureCollection: expected value"));
    }
}
