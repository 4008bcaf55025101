//! The viewport response decoded straight into coordinate arrays.
//!
//! `geojson::Geometry` reads a geometry through an intermediate JSON object; for the
//! thousands of parcels of a viewport that doubles the decoding time, so the map reads
//! the same JSON (`parkatlas_core::wire::ParcelCollection`) through these leaner types.

use parkatlas_core::geometry::BoundingBox;
use parkatlas_core::wire::ParcelProperties;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct ViewportCollection {
    pub features: Vec<ViewportParcel>,
}

#[derive(Debug, Deserialize)]
pub struct ViewportParcel {
    pub id: i64,
    pub geometry: Polygonal,
    pub properties: ParcelProperties,
}

/// A GeoJSON Polygon or MultiPolygon: the only geometries the API stores for parcels.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", content = "coordinates")]
pub enum Polygonal {
    Polygon(Vec<Vec<[f64; 2]>>),
    MultiPolygon(Vec<Vec<Vec<[f64; 2]>>>),
}

impl Polygonal {
    /// Each polygon as its rings, outer ring first.
    pub fn into_polygons(self) -> Vec<Vec<Vec<[f64; 2]>>> {
        match self {
            Polygonal::Polygon(rings) => vec![rings],
            Polygonal::MultiPolygon(polygons) => polygons,
        }
    }
}

/// The polygons of a stored park or parcel geometry, as [`Polygonal::into_polygons`]
/// gives them. The server validated every stored shape, so the map only reads it: core's
/// validating `Shape` would add its topology checks to the download for nothing.
pub fn polygons_of(geometry: &geojson::Geometry) -> Vec<Vec<Vec<[f64; 2]>>> {
    let ring = |positions: &geojson::LineStringType| {
        positions.iter().filter_map(|p| Some([*p.as_slice().first()?, *p.as_slice().get(1)?])).collect::<Vec<_>>()
    };
    let polygon = |rings: &geojson::PolygonType| rings.iter().map(ring).collect::<Vec<_>>();
    match &geometry.value {
        geojson::GeometryValue::Polygon { coordinates } => vec![polygon(coordinates)],
        geojson::GeometryValue::MultiPolygon { coordinates } => coordinates.iter().map(polygon).collect(),
        _ => Vec::new(),
    }
}

/// The box around some polygons' outer rings.
pub fn extent_of(polygons: &[Vec<Vec<[f64; 2]>>]) -> Option<BoundingBox> {
    polygons.iter().filter_map(|rings| rings.first()).flatten().fold(None, |extent, &[lon, lat]| {
        let point = BoundingBox { west: lon, south: lat, east: lon, north: lat };
        Some(extent.map_or(point, |extent: BoundingBox| extent.union(point)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use parkatlas_core::wire::{Feature, FeatureCollection};

    #[test]
    fn reads_what_the_server_writes() {
        let server_side: FeatureCollection<ParcelProperties> = serde_json::from_value(serde_json::json!({
            "type": "FeatureCollection",
            "features": [{
                "type": "Feature", "id": 7,
                "geometry": { "type": "MultiPolygon", "coordinates": [[[[114.0, 30.0], [114.001, 30.0], [114.001, 30.001], [114.0, 30.0]]]] },
                "properties": { "park_id": 1, "code": "GG-1", "land_use": "industrial", "status": "available", "area_m2": 5000.0, "version": 1 }
            }]
        }))
        .unwrap();
        let text = serde_json::to_string(&server_side).unwrap();
        let decoded: ViewportCollection = serde_json::from_str(&text).unwrap();
        let Feature { id, properties, .. } = &server_side.features[0];
        assert_eq!(decoded.features[0].id, *id);
        assert_eq!(&decoded.features[0].properties, properties);
        let polygons = decoded.features.into_iter().next().unwrap().geometry.into_polygons();
        assert_eq!(polygons.len(), 1);
        assert_eq!(polygons[0][0][1], [114.001, 30.0]);
    }

    #[test]
    fn reads_stored_geometry_and_its_extent() {
        let geometry: geojson::Geometry = serde_json::from_value(serde_json::json!({
            "type": "Polygon",
            "coordinates": [[[114.0, 30.0], [114.2, 30.0], [114.2, 30.1], [114.0, 30.0]], [[114.1, 30.01], [114.15, 30.01], [114.15, 30.02], [114.1, 30.01]]]
        }))
        .unwrap();
        let polygons = polygons_of(&geometry);
        assert_eq!(polygons.len(), 1);
        assert_eq!(polygons[0].len(), 2);
        assert_eq!(extent_of(&polygons), Some(BoundingBox { west: 114.0, south: 30.0, east: 114.2, north: 30.1 }));
        assert_eq!(extent_of(&[]), None);
    }
}
