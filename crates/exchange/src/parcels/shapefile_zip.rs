//! A zipped Shapefile layer: `.shp` (outlines), `.dbf` (attributes), `.prj` (coordinate
//! system), with `.shx` and `.cpg` when present. Attribute text is read in the encoding
//! the `.cpg` names, else the one the DBF's language driver byte names, else UTF-8 when
//! every text cell is valid UTF-8, else GB18030 (GBK). Outlines are reprojected to WGS-84.

use parkatlas_core::text::quoted;
use std::io::Cursor;

use encoding_rs::Encoding;
use geojson::{Geometry, GeometryValue};
use parkatlas_core::geometry::gauss_kruger::{GridPoint, Zone};
use serde_json::{Map, Value};
use shapefile::{PolygonRing, Shape};

use super::{check_positions, Survey, SurveyFeature};
use crate::limits::{check_zip, read_entry, MAX_FEATURES, MAX_UNPACKED_BYTES, MAX_VERTICES};
use crate::prj::Crs;
use crate::problem::{Item, Problem, Refusal};

/// The files of one layer, unpacked.
struct Layer {
    shp: Vec<u8>,
    dbf: Vec<u8>,
    prj: String,
    cpg: Option<String>,
}

pub(super) fn read(bytes: &[u8]) -> Result<Survey, Refusal> {
    let layer = unpack(bytes)?;
    let crs = Crs::of_prj(&layer.prj).map_err(Refusal::whole)?;
    let shape_problems = scan_shapes(&layer.shp)?;
    if !shape_problems.is_empty() {
        return Err(Refusal { reason: "its outlines cannot be read safely".into(), problems: shape_problems });
    }
    let encoding = dbf_encoding(&layer)?;
    let dbase =
        dbase::Reader::new_with_encoding(Cursor::new(&layer.dbf[..]), dbase::encoding::EncodingRs::from(encoding))
            .map_err(|error| Refusal::whole(format!("its .dbf cannot be read: {error}")))?;
    let columns: Vec<String> = dbase.fields().iter().map(|field| field.name().to_string()).collect();
    let shapes = shapefile::ShapeReader::new(Cursor::new(&layer.shp[..]))
        .map_err(|error| Refusal::whole(format!("its .shp cannot be read: {error}")))?;
    let mut reader = shapefile::Reader::new(shapes, dbase);
    let mut features = Vec::new();
    for (index, read) in reader.iter_shapes_and_records().enumerate() {
        let item = Item::Feature(index + 1);
        let feature = match read {
            Ok((shape, record)) => SurveyFeature {
                item,
                attributes: attributes(record),
                geometry: outline(shape, crs).map_err(|message| Problem::new(item, "geometry", message)),
            },
            Err(error) => SurveyFeature {
                item,
                attributes: Map::new(),
                geometry: Err(Problem::of_item(item, format!("cannot be read: {error}"))),
            },
        };
        features.push(feature);
    }
    if features.is_empty() {
        return Err(Refusal::whole("its Shapefile holds no features"));
    }
    let format = format!("Shapefile, attributes in {}", encoding.name());
    Ok(Survey { columns, features, format, crs })
}

/// The one layer of the zip, each file within the unpacked-size budget.
fn unpack(bytes: &[u8]) -> Result<Layer, Refusal> {
    check_zip(bytes)?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| Refusal::whole(format!("it is not a zip: {error}")))?;
    let names: Vec<String> = archive
        .file_names()
        .map(|name| name.map(|name| name.into_owned()))
        .collect::<Result<Vec<String>, _>>()
        .map_err(|error| Refusal::whole(format!("its zip holds a file name it cannot read: {error}")))?
        .into_iter()
        .filter(|name| !name.starts_with("__MACOSX/") && !name.ends_with('/'))
        .collect();
    let shps: Vec<&String> = names.iter().filter(|name| name.to_lowercase().ends_with(".shp")).collect();
    let stem = match shps.as_slice() {
        [one] => &one[..one.len() - 4],
        [] => return Err(Refusal::whole("its zip holds no .shp file: zip the .shp, .shx, .dbf and .prj of one layer")),
        many => {
            let many: Vec<&str> = many.iter().map(|name| name.as_str()).collect();
            return Err(Refusal::whole(format!(
                "its zip holds {} layers ({}); zip one layer per file",
                many.len(),
                many.join(", ")
            )));
        }
    };
    let mut budget = MAX_UNPACKED_BYTES;
    let mut take = |extension: &str| -> Result<Option<Vec<u8>>, Refusal> {
        let Some(name) = names.iter().find(|name| {
            name.len() == stem.len() + 4 && name.starts_with(stem) && name.to_lowercase().ends_with(extension)
        }) else {
            return Ok(None);
        };
        let mut entry = archive
            .by_name(name)
            .map_err(|error| Refusal::whole(format!("{name} in the zip cannot be read: {error}")))?;
        read_entry(&mut entry, name, &mut budget).map(Some)
    };
    let missing =
        |extension: &str| Refusal::whole(format!("its zip holds no {stem}{extension}, which every layer needs"));
    let shp = take(".shp")?.ok_or_else(|| missing(".shp"))?;
    let dbf = take(".dbf")?.ok_or_else(|| missing(".dbf"))?;
    let prj = take(".prj")?.ok_or_else(|| {
        Refusal::whole(format!("its zip holds no {stem}.prj, so the coordinate system of its outlines is unknown"))
    })?;
    let cpg = take(".cpg")?;
    Ok(Layer {
        shp,
        dbf,
        // A .prj is ASCII; anything else is not WKT, which Crs::of_prj says.
        prj: String::from_utf8_lossy(&prj).into_owned(),
        cpg: cpg.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
    })
}

/// Walks the `.shp` records before the reader does: each must be a polygon (or empty)
/// whose declared part and point counts fit in its record and stay within
/// [`MAX_VERTICES`], so that the reader never allocates what the file does not hold.
fn scan_shapes(shp: &[u8]) -> Result<Vec<Problem>, Refusal> {
    let bad = || Refusal::whole("its .shp is not a Shapefile, or is cut short");
    let be = |at: usize| shp.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize);
    let le = |at: usize| shp.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    if shp.len() < 100 || be(0) != Some(9994) {
        return Err(bad());
    }
    let mut problems = Vec::new();
    let (mut at, mut number) = (100, 0);
    while at < shp.len() {
        number += 1;
        if number > MAX_FEATURES {
            return Err(Refusal::whole(format!("it holds more than {MAX_FEATURES} features")));
        }
        let item = Item::Feature(number);
        let content = be(at + 4).ok_or_else(bad)? * 2;
        let start = at + 8;
        let end = start.checked_add(content).filter(|end| *end <= shp.len()).ok_or_else(bad)?;
        match le(start).ok_or_else(bad)? {
            0 => {}
            5 | 15 | 25 => {
                let (parts, points) = (le(start + 36).ok_or_else(bad)?, le(start + 40).ok_or_else(bad)?);
                if points > MAX_VERTICES {
                    problems.push(Problem::new(
                        item,
                        "geometry",
                        format!("has {points} vertices, more than the {MAX_VERTICES} a parcel's outline may have"),
                    ));
                } else if 44 + 4 * parts.min(content) + 16 * points > content || parts > points {
                    problems.push(Problem::new(
                        item,
                        "geometry",
                        "declares more parts or vertices than its record holds",
                    ));
                }
            }
            other => problems.push(Problem::new(
                item,
                "geometry",
                format!("is a {} shape, not a polygon", shape_type_name(other)),
            )),
        }
        at = end;
    }
    Ok(problems)
}

fn shape_type_name(code: usize) -> &'static str {
    match code {
        1 | 11 | 21 => "point",
        3 | 13 | 23 => "line",
        8 | 18 | 28 => "multipoint",
        31 => "multipatch",
        _ => "unknown",
    }
}

/// The encoding of the DBF's text: `.cpg`, language driver byte, else a guess from the text cells.
fn dbf_encoding(layer: &Layer) -> Result<&'static Encoding, Refusal> {
    if let Some(cpg) = &layer.cpg {
        return crate::text::of_code_page_file(cpg).ok_or_else(|| {
            Refusal::whole(format!("its .cpg names the encoding {}, which parkatlas does not know", quoted(cpg.trim())))
        });
    }
    if let Some(encoding) = layer.dbf.get(29).and_then(|id| crate::text::of_language_driver(*id)) {
        return Ok(encoding);
    }
    Ok(crate::text::guess(&character_cells(&layer.dbf)))
}

/// The bytes of every text (C) cell of a DBF, one after another, for the encoding guess.
fn character_cells(dbf: &[u8]) -> Vec<u8> {
    let le16 = |at: usize| dbf.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize).unwrap_or(0);
    let (header_len, record_len) = (le16(8), le16(10));
    let mut text_fields = Vec::new();
    let mut offset = 1; // the deletion flag
    let mut at = 32;
    while at + 32 <= header_len.min(dbf.len()) && dbf[at] != 0x0D {
        let length = dbf[at + 16] as usize;
        if dbf[at + 11] == b'C' {
            text_fields.push(offset..offset + length);
        }
        offset += length;
        at += 32;
    }
    let mut cells = Vec::new();
    if record_len == 0 {
        return cells;
    }
    for record in dbf.get(header_len..).unwrap_or_default().chunks_exact(record_len) {
        for field in &text_fields {
            cells.extend_from_slice(record.get(field.clone()).unwrap_or_default());
            // A separator, so that no multi-byte sequence runs from one cell into the next.
            cells.push(b' ');
        }
    }
    cells
}

fn attributes(record: dbase::Record) -> Map<String, Value> {
    use dbase::FieldValue;
    let number = |value: f64| serde_json::Number::from_f64(value).map(Value::Number).unwrap_or(Value::Null);
    let to_json = |value: FieldValue| match value {
        FieldValue::Character(text) => text.map(|text| Value::String(text.trim().to_string())).unwrap_or(Value::Null),
        FieldValue::Memo(text) => Value::String(text),
        FieldValue::Numeric(value) => value.map(number).unwrap_or(Value::Null),
        FieldValue::Float(value) => value.map(|value| number(f64::from(value))).unwrap_or(Value::Null),
        FieldValue::Integer(value) => Value::from(value),
        FieldValue::Currency(value) | FieldValue::Double(value) => number(value),
        FieldValue::Logical(value) => value.map(Value::Bool).unwrap_or(Value::Null),
        FieldValue::Date(date) => date
            .map(|date| Value::String(format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())))
            .unwrap_or(Value::Null),
        FieldValue::DateTime(value) => {
            let (date, time) = (value.date(), value.time());
            Value::String(format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                date.year(),
                date.month(),
                date.day(),
                time.hours(),
                time.minutes(),
                time.seconds()
            ))
        }
    };
    record.into_iter().map(|(name, value)| (name, to_json(value))).collect()
}

/// A polygon shape as a GeoJSON outline in WGS-84. Each outer ring starts a polygon; the
/// holes after it are its holes (the order ArcGIS and QGIS write).
fn outline(shape: Shape, crs: Crs) -> Result<Geometry, String> {
    let rings = match shape {
        Shape::NullShape => return Err("is empty".into()),
        Shape::Polygon(polygon) => flat_rings(polygon.into_inner(), |point| (point.x, point.y)),
        Shape::PolygonM(polygon) => flat_rings(polygon.into_inner(), |point| (point.x, point.y)),
        Shape::PolygonZ(polygon) => flat_rings(polygon.into_inner(), |point| (point.x, point.y)),
        _ => return Err("is not a polygon".into()),
    };
    let positions = rings.iter().flat_map(|(_, ring)| ring.iter().map(|(x, y)| [*x, *y]));
    check_positions(positions.collect::<Vec<_>>().iter().map(|position| position.as_slice()))?;
    let mut polygons: Vec<Vec<Vec<geojson::Position>>> = Vec::new();
    for (outer, ring) in rings {
        let ring = ring.into_iter().map(|(x, y)| to_wgs84(crs, x, y)).collect::<Result<Vec<_>, _>>()?;
        match (outer, polygons.last_mut()) {
            (true, _) => polygons.push(vec![ring]),
            (false, Some(polygon)) => polygon.push(ring),
            (false, None) => return Err("has a hole before any outer ring".into()),
        }
    }
    Ok(Geometry::new(match polygons.len() {
        1 => GeometryValue::new_polygon(polygons.pop().expect("one")),
        _ => GeometryValue::new_multi_polygon(polygons),
    }))
}

fn flat_rings<P>(rings: Vec<PolygonRing<P>>, xy: impl Fn(&P) -> (f64, f64)) -> Vec<(bool, Vec<(f64, f64)>)> {
    rings
        .into_iter()
        .map(|ring| match ring {
            PolygonRing::Outer(points) => (true, points.iter().map(&xy).collect()),
            PolygonRing::Inner(points) => (false, points.iter().map(&xy).collect()),
        })
        .collect()
}

/// A position of the layer's system as (longitude, latitude) in WGS-84. CGCS2000 is taken
/// as WGS-84 (they agree to centimetres). A Gauss–Krüger easting may carry the zone
/// number in front or not, whatever the `.prj` says, as long as it is the `.prj`'s zone.
fn to_wgs84(crs: Crs, x: f64, y: f64) -> Result<geojson::Position, String> {
    let zone = match crs {
        Crs::Wgs84 | Crs::Cgcs2000 => return Ok([x, y].into()),
        Crs::GaussKruger { zone, .. } => zone,
    };
    let prefix = (x / 1e6).floor();
    let easting = if prefix == 0.0 {
        x
    } else if prefix == f64::from(zone.number()) {
        x - prefix * 1e6
    } else {
        let zone_of_prefix = (1.0..=255.0).contains(&prefix).then(|| Zone::new(prefix as u8)).flatten();
        return Err(match zone_of_prefix {
            Some(other) => {
                format!("has easting {x}, which is in zone {}, not the .prj's zone {}", other.number(), zone.number())
            }
            None => format!("has easting {x}, which is not in Gauss–Krüger zone {}", zone.number()),
        });
    };
    if !(0.0..=1e7).contains(&y) {
        return Err(format!("has northing {y}, which is not in China"));
    }
    let (lon, lat) = zone.unproject(GridPoint { easting, northing: y });
    Ok([lon, lat].into())
}
