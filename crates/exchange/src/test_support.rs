//! Builds zipped Shapefiles of known parcels, as a survey office would send them: for
//! this crate's and the server's tests, and for the generator the browser journeys run
//! (`cargo run -p parkatlas-exchange --example survey-zip`). Not part of the API.

use std::io::{Cursor, Write};

use dbase::{FieldName, FieldValue, Record, TableWriterBuilder};
use encoding_rs::Encoding;
use parkatlas_core::geometry::gauss_kruger::Zone;
use shapefile::{Point, Polygon, PolygonRing, ShapeWriter};
use zip::write::SimpleFileOptions;

/// ESRI's WKT of CGCS2000 geographic (EPSG:4490), as ArcGIS writes it.
pub const CGCS2000_PRJ: &str = r#"GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#;

/// ESRI's WKT of a CGCS2000 3-degree Gauss–Krüger zone, named by its central meridian
/// ("CM_114E", EPSG:4534–4554) or, with the zone number in the false easting, by its zone
/// ("Zone_38", EPSG:4513–4533), as ArcGIS writes them.
pub fn esri_prj(zone: Zone, zone_prefixed: bool) -> String {
    let (name, false_easting) = match zone_prefixed {
        true => (format!("CGCS2000_3_Degree_GK_Zone_{}", zone.number()), zone.prefixed(500_000.0)),
        false => (format!("CGCS2000_3_Degree_GK_CM_{}E", zone.central_meridian_deg()), 500_000.0),
    };
    format!(
        r#"PROJCS["{name}",{CGCS2000_PRJ},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",{false_easting:.1}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",{:.1}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#,
        zone.central_meridian_deg()
    )
}

/// One parcel of a survey: its attributes as the survey office writes them and its rings
/// (the outer first, then holes) as WGS-84 (longitude, latitude), each closed or not.
#[derive(Debug, Clone)]
pub struct SurveyParcel {
    pub code: String,
    pub land_use: String,
    pub status: String,
    pub note: String,
    pub rings: Vec<Vec<(f64, f64)>>,
}

/// How the layer is written.
#[derive(Debug, Clone)]
pub struct SurveyLayer {
    /// Outlines in this zone's grid, or in geographic CGCS2000 when `None`.
    pub zone: Option<Zone>,
    /// The `.prj` names the zone-numbered grid (EPSG:4513–4533) rather than the CM one.
    pub prj_zone_prefixed: bool,
    /// Eastings carry the zone number in front, whatever the `.prj` says.
    pub eastings_zone_prefixed: bool,
    pub encoding: &'static Encoding,
    /// Writes a `.cpg` naming the encoding.
    pub cpg: bool,
    /// Overrides the DBF's language driver byte (0: none), so that the guess is exercised.
    pub language_driver: Option<u8>,
    /// Replaces the `.prj`.
    pub prj: Option<String>,
}

impl SurveyLayer {
    /// EPSG:4547 (CGCS2000, 3-degree zone 38, CM 114° E), GBK attributes, no `.cpg`, no
    /// language driver: what a Wuhan survey office's ArcGIS export often looks like.
    pub fn wuhan_gbk() -> SurveyLayer {
        SurveyLayer {
            zone: Zone::new(38),
            prj_zone_prefixed: false,
            eastings_zone_prefixed: false,
            encoding: encoding_rs::GB18030,
            cpg: false,
            language_driver: Some(0),
            prj: None,
        }
    }

    /// A zip holding `parcels.shp`, `.shx`, `.dbf`, `.prj` (and `.cpg`) with `parcels`.
    pub fn zip(&self, parcels: &[SurveyParcel]) -> Vec<u8> {
        let (mut shp, mut shx, mut dbf) = (Cursor::new(Vec::new()), Cursor::new(Vec::new()), Cursor::new(Vec::new()));
        {
            let name = |name: &str| FieldName::try_from(name).expect("a short ASCII name");
            let table = TableWriterBuilder::with_encoding(dbase::encoding::EncodingRs::from(self.encoding))
                .add_numeric_field(name("OBJECTID"), 10, 0)
                .add_character_field(name("DKBH"), 40)
                .add_character_field(name("YDXZ"), 40)
                .add_character_field(name("ZT"), 20)
                .add_character_field(name("BZ"), 100)
                .add_numeric_field(name("SHAPE_AREA"), 19, 2)
                .build_with_dest(&mut dbf);
            let mut writer = shapefile::Writer::new(ShapeWriter::with_shx(&mut shp, &mut shx), table);
            for (index, parcel) in parcels.iter().enumerate() {
                let mut record = Record::default();
                record.insert("OBJECTID".into(), FieldValue::Numeric(Some(index as f64 + 1.0)));
                record.insert("DKBH".into(), FieldValue::Character(Some(parcel.code.clone())));
                record.insert("YDXZ".into(), FieldValue::Character(Some(parcel.land_use.clone())));
                record.insert("ZT".into(), FieldValue::Character(Some(parcel.status.clone())));
                record.insert("BZ".into(), FieldValue::Character(Some(parcel.note.clone())));
                record.insert("SHAPE_AREA".into(), FieldValue::Numeric(Some(1234.5)));
                writer.write_shape_and_record(&self.polygon(parcel), &record).expect("writes to memory");
            }
        }
        let mut dbf = dbf.into_inner();
        if let Some(id) = self.language_driver {
            dbf[29] = id;
        }
        let prj = self.prj.clone().unwrap_or_else(|| match self.zone {
            Some(zone) => esri_prj(zone, self.prj_zone_prefixed),
            None => CGCS2000_PRJ.to_string(),
        });
        let mut files = vec![
            ("parcels.shp", shp.into_inner()),
            ("parcels.shx", shx.into_inner()),
            ("parcels.dbf", dbf),
            ("parcels.prj", prj.into_bytes()),
        ];
        if self.cpg {
            files.push(("parcels.cpg", self.encoding.name().as_bytes().to_vec()));
        }
        zip_of(&files)
    }

    fn polygon(&self, parcel: &SurveyParcel) -> Polygon {
        let rings = parcel.rings.iter().enumerate().map(|(index, ring)| {
            let points: Vec<Point> = ring.iter().map(|&(lon, lat)| self.point(lon, lat)).collect();
            match index {
                0 => PolygonRing::Outer(points),
                _ => PolygonRing::Inner(points),
            }
        });
        Polygon::with_rings(rings.collect())
    }

    fn point(&self, lon: f64, lat: f64) -> Point {
        let Some(zone) = self.zone else { return Point::new(lon, lat) };
        let grid = zone.project(lon, lat);
        let easting = match self.eastings_zone_prefixed {
            true => zone.prefixed(grid.easting),
            false => grid.easting,
        };
        Point::new(easting, grid.northing)
    }
}

/// A zip of `(name, bytes)`, deflated.
pub fn zip_of(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(*name, SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated))
            .expect("writes to memory");
        zip.write_all(bytes).expect("writes to memory");
    }
    zip.finish().expect("writes to memory").into_inner()
}

/// A square parcel of `side_m` metres around (lon, lat), counter-clockwise and closed.
pub fn square(lon: f64, lat: f64, side_m: f64) -> Vec<(f64, f64)> {
    let half_lat = side_m / 2.0 / 111_320.0;
    let half_lon = half_lat / lat.to_radians().cos();
    vec![
        (lon - half_lon, lat - half_lat),
        (lon + half_lon, lat - half_lat),
        (lon + half_lon, lat + half_lat),
        (lon - half_lon, lat + half_lat),
        (lon - half_lon, lat - half_lat),
    ]
}

/// The smallest Excel workbook (.xlsx) holding `rows` on its one sheet, each cell an
/// inline string, as the tests need to show that workbooks are read like CSV.
pub fn xlsx_of(rows: &[Vec<&str>]) -> Vec<u8> {
    let escape = |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let sheet_rows: String = rows
        .iter()
        .enumerate()
        .map(|(index, cells)| {
            let cells: String =
                cells.iter().map(|cell| format!(r#"<c t="inlineStr"><is><t>{}</t></is></c>"#, escape(cell))).collect();
            format!(r#"<row r="{}">{cells}</row>"#, index + 1)
        })
        .collect();
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let package = "http://schemas.openxmlformats.org/package/2006/relationships";
    zip_of(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#
            .as_bytes()
            .to_vec(),
        ),
        (
            "_rels/.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}"><Relationship Id="rId1" Type="{relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes(),
        ),
        (
            "xl/workbook.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{relationships}"><sheets><sheet name="企业" sheetId="1" r:id="rId1"/></sheets></workbook>"#).into_bytes(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}"><Relationship Id="rId1" Type="{relationships}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#).into_bytes(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>{sheet_rows}</sheetData></worksheet>"#).into_bytes(),
        ),
    ])
}
