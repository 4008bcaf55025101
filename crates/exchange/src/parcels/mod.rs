//! Parcels from officials' files: a GeoJSON FeatureCollection or a zipped Shapefile,
//! read into a [`Survey`] (its columns and features as they are), then, through a
//! [`ColumnMapping`], into the bodies `POST /parks/{id}/parcels` takes, each checked by
//! core as that endpoint checks it.

mod geojson_file;
pub mod mapping;
mod shapefile_zip;

use geojson::Geometry;
use parkatlas_core::units::SquareMetres;
use parkatlas_core::wire::ParcelBody;
use serde_json::{Map, Value};

pub use self::mapping::{ColumnMapping, ParcelField};
use crate::limits::MAX_VERTICES;
use crate::prj::Crs;
use crate::problem::{read_as, Item, Problem, ReadItems, Refusal};

/// A survey file as read: its columns, in file order, and its features.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    pub columns: Vec<String>,
    pub features: Vec<SurveyFeature>,
    /// What the file was: "GeoJSON", or "Shapefile" with the encoding of its attributes.
    pub format: String,
    /// The coordinate system the outlines were read in (reprojected to WGS-84).
    pub crs: Crs,
}

/// One feature: its attribute values by column, and its outline in WGS-84 or why it has none.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyFeature {
    pub item: Item,
    pub attributes: Map<String, Value>,
    pub geometry: Result<Geometry, Problem>,
}

/// A parcel ready to store: its body and its geodesic area.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedParcel {
    pub body: ParcelBody,
    pub area: SquareMetres,
}

/// The kinds of parcel file, by their name's extension.
pub fn is_parcel_file(file_name: &str) -> bool {
    let lower = file_name.to_lowercase();
    [".geojson", ".json", ".zip"].iter().any(|extension| lower.ends_with(extension))
}

impl Survey {
    /// Reads `bytes`, a file named `file_name`: `.geojson`/`.json` or a `.zip` holding one Shapefile layer.
    pub fn read(file_name: &str, bytes: &[u8]) -> Result<Survey, Refusal> {
        crate::limits::check_size(bytes)?;
        let lower = file_name.to_lowercase();
        if lower.ends_with(".zip") {
            shapefile_zip::read(bytes)
        } else if lower.ends_with(".geojson") || lower.ends_with(".json") {
            geojson_file::read(bytes)
        } else {
            Err(Refusal::whole("it is neither GeoJSON (.geojson, .json) nor a zipped Shapefile (.zip)"))
        }
    }

    /// Each feature as a parcel through `mapping`, checked by core: field by field, then
    /// its outline, then that its code is not an earlier feature's.
    pub fn parcels(&self, mapping: &ColumnMapping) -> ReadItems<CheckedParcel> {
        let read = self.features.iter().map(|feature| (feature.item, checked_parcel(feature, mapping))).collect();
        crate::unique_within_file(read, "code", |parcel: &CheckedParcel| parcel.body.code.clone())
    }
}

fn checked_parcel(feature: &SurveyFeature, mapping: &ColumnMapping) -> Result<CheckedParcel, Problem> {
    let item = feature.item;
    let geometry = feature.geometry.clone()?;
    let mut body = Map::new();
    for (column, field) in &mapping.columns {
        let Some(field) = field else { continue };
        let Some(value) = feature.attributes.get(column).filter(|value| !is_blank(value)) else { continue };
        // A column named after the field is named once; another is named with the field it fills.
        let label = || match column == field.key() {
            true => column.clone(),
            false => format!("{column} → {}", field.key()),
        };
        let value = field_value(*field, value).map_err(|message| Problem::new(item, &label(), message))?;
        match field.key().split_once('.') {
            Some((part, key)) => {
                let part = body.entry(part).or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(part) = part {
                    part.insert(key.into(), value);
                }
            }
            None => {
                body.insert(field.key().into(), value);
            }
        }
    }
    body.insert("geometry".into(), Value::from(&geometry.value));
    let body: ParcelBody = read_as(item, Value::Object(body))?;
    if let Some((field, problem)) = body.problem() {
        return Err(Problem::new(item, field, problem));
    }
    let outline = body.outline().map_err(|problem| Problem::new(item, "geometry", problem))?;
    Ok(CheckedParcel { area: outline.area(), body })
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

/// A cell as the JSON the body's field takes.
fn field_value(field: ParcelField, value: &Value) -> Result<Value, String> {
    let text = match value {
        Value::String(text) => text.trim().to_string(),
        Value::Number(number) => number.to_string(),
        other if field == ParcelField::Details => return Ok(other.clone()),
        other => return Err(format!("{other} is not text")),
    };
    match field {
        ParcelField::Code => Ok(Value::String(text)),
        ParcelField::Details => serde_json::from_str(&text).map_err(|error| format!("is not a JSON object: {error}")),
        _ => field.translate(&text).expect("a field with a vocabulary").map(Value::from),
    }
}

/// Refuses an outline with more than [`MAX_VERTICES`] positions or a coordinate that is
/// not a finite number.
fn check_positions<'a>(positions: impl Iterator<Item = &'a [f64]>) -> Result<(), String> {
    let mut count = 0;
    for position in positions {
        count += 1;
        if count > MAX_VERTICES {
            return Err(format!("has more than {MAX_VERTICES} vertices, more than a parcel's outline needs"));
        }
        if let Some(bad) = position.iter().find(|coordinate| !coordinate.is_finite()) {
            return Err(format!("has a coordinate that is not a number ({bad})"));
        }
    }
    Ok(())
}
