//! The coordinate system of a Shapefile, from the WKT of its `.prj`: CGCS2000 geographic
//! (EPSG:4490), a CGCS2000 3-degree Gauss–Krüger zone (EPSG:4513–4554), or WGS-84
//! geographic (EPSG:4326). Anything else is refused with its name, never guessed.

use parkatlas_core::geometry::gauss_kruger::Zone;

/// A coordinate system parcels can be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crs {
    Wgs84,
    Cgcs2000,
    /// A Gauss–Krüger zone; `zone_prefixed` when its eastings carry the zone number in front.
    GaussKruger {
        zone: Zone,
        zone_prefixed: bool,
    },
}

impl Crs {
    pub fn epsg(self) -> u16 {
        match self {
            Crs::Wgs84 => 4326,
            Crs::Cgcs2000 => 4490,
            Crs::GaussKruger { zone, zone_prefixed } => zone.epsg(zone_prefixed),
        }
    }

    /// The coordinate system a `.prj` describes, or why it is refused.
    pub fn of_prj(text: &str) -> Result<Crs, String> {
        let wkt = Node::parse(text.trim()).ok_or_else(|| "its .prj is not WKT".to_string())?;
        let unknown = || format!("its .prj describes {}, which parkatlas cannot reproject; {}", wkt.name(), KNOWN);
        if let Some(code) = wkt.authority().filter(|code| (4513..=4554).contains(code)) {
            let (zone, zone_prefixed) = Zone::of_epsg(code).expect("in range");
            return Ok(Crs::GaussKruger { zone, zone_prefixed });
        }
        match wkt.keyword.as_str() {
            "GEOGCS" | "GEOGCRS" | "GEOGRAPHICCRS" => match datum_of(&wkt) {
                Some(Datum::Cgcs2000) => Ok(Crs::Cgcs2000),
                Some(Datum::Wgs84) => Ok(Crs::Wgs84),
                None => Err(unknown()),
            },
            "PROJCS" | "PROJCRS" => {
                let geographic = wkt.child_any(&["GEOGCS", "BASEGEOGCRS", "BASEGEODCRS"]).ok_or_else(unknown)?;
                if datum_of(geographic) != Some(Datum::Cgcs2000) {
                    return Err(unknown());
                }
                let method = wkt.child_any(&["PROJECTION", "METHOD"]).map(Node::name).unwrap_or_default();
                if !matches!(squashed(&method).as_str(), "gausskruger" | "transversemercator") {
                    return Err(unknown());
                }
                let parameter = |name: &str| wkt.parameter(name);
                let central_meridian = parameter("centralmeridian")
                    .or_else(|| parameter("longitudeofnaturalorigin"))
                    .ok_or_else(unknown)?;
                let false_easting = parameter("falseeasting").ok_or_else(unknown)?;
                let scale = parameter("scalefactor").or_else(|| parameter("scalefactoratnaturalorigin")).unwrap_or(1.0);
                let origin_lat =
                    parameter("latitudeoforigin").or_else(|| parameter("latitudeofnaturalorigin")).unwrap_or(0.0);
                let false_northing = parameter("falsenorthing").unwrap_or(0.0);
                let zone = Zone::of_central_meridian(central_meridian).ok_or_else(unknown)?;
                let zone_prefixed = if false_easting == 500_000.0 {
                    false
                } else if false_easting == zone.prefixed(500_000.0) {
                    true
                } else {
                    return Err(unknown());
                };
                if scale != 1.0 || origin_lat != 0.0 || false_northing != 0.0 {
                    return Err(unknown());
                }
                Ok(Crs::GaussKruger { zone, zone_prefixed })
            }
            _ => Err(unknown()),
        }
    }
}

const KNOWN: &str = "export the layer in CGCS2000 (EPSG:4490), a CGCS2000 3-degree Gauss–Krüger zone \
                     (EPSG:4513–4554) or WGS-84 (EPSG:4326)";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Datum {
    Cgcs2000,
    Wgs84,
}

fn datum_of(geographic: &Node) -> Option<Datum> {
    let datum = squashed(&geographic.child_any(&["DATUM", "GEODETICDATUM"])?.name());
    if datum.contains("china2000") || datum.contains("cgcs2000") || datum.contains("chinageodeticcoordinatesystem2000")
    {
        Some(Datum::Cgcs2000)
    } else if datum.contains("wgs1984") || datum.contains("wgs84") || datum.contains("worldgeodeticsystem1984") {
        Some(Datum::Wgs84)
    } else {
        None
    }
}

/// Lower case without spaces, underscores or hyphens: "Gauss_Kruger" and "Gauss Kruger" alike.
fn squashed(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, ' ' | '_' | '-')).flat_map(char::to_lowercase).collect()
}

/// A WKT node: `KEYWORD["name", child, …]`; quoted strings and numbers are leaves.
#[derive(Debug, Clone, PartialEq)]
struct Node {
    keyword: String,
    values: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
    Node(Node),
}

impl Node {
    fn parse(text: &str) -> Option<Node> {
        let mut parser = Parser { chars: text.chars().collect(), at: 0, depth: 0 };
        let node = parser.node()?;
        parser.skip_space();
        (parser.at == parser.chars.len()).then_some(node)
    }

    /// Its first text value: the name of the system, datum or method.
    fn name(&self) -> String {
        self.values
            .iter()
            .find_map(|value| match value {
                Value::Text(text) => Some(text.clone()),
                _ => None,
            })
            .unwrap_or_else(|| self.keyword.clone())
    }

    fn children(&self) -> impl Iterator<Item = &Node> {
        self.values.iter().filter_map(|value| match value {
            Value::Node(node) => Some(node),
            _ => None,
        })
    }

    fn child_any(&self, keywords: &[&str]) -> Option<&Node> {
        self.children().find(|child| keywords.contains(&child.keyword.as_str()))
    }

    /// The EPSG code of `AUTHORITY["EPSG","4547"]` or `ID["EPSG",4547]`.
    fn authority(&self) -> Option<u16> {
        let id = self.child_any(&["AUTHORITY", "ID"])?;
        if !id.name().eq_ignore_ascii_case("EPSG") {
            return None;
        }
        id.values.iter().skip(1).find_map(|value| match value {
            Value::Text(text) => text.parse().ok(),
            Value::Number(number) => Some(*number as u16),
            Value::Node(_) => None,
        })
    }

    /// The number of the `PARAMETER` whose squashed name is `name`.
    fn parameter(&self, name: &str) -> Option<f64> {
        let parameter =
            self.children().filter(|child| child.keyword == "PARAMETER").find(|p| squashed(&p.name()) == name)?;
        parameter.values.iter().find_map(|value| match value {
            Value::Number(number) => Some(*number),
            _ => None,
        })
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    depth: usize,
}

impl Parser {
    /// WKT nests a few levels deep; a limit keeps a hostile file from exhausting the stack.
    const MAX_DEPTH: usize = 16;

    fn skip_space(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn node(&mut self) -> Option<Node> {
        self.depth += 1;
        if self.depth > Parser::MAX_DEPTH {
            return None;
        }
        self.skip_space();
        let start = self.at;
        while self.chars.get(self.at).is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_') {
            self.at += 1;
        }
        let keyword: String = self.chars[start..self.at].iter().collect::<String>().to_uppercase();
        self.skip_space();
        let close = match self.chars.get(self.at)? {
            '[' => ']',
            '(' => ')',
            _ => return None,
        };
        self.at += 1;
        let mut values = Vec::new();
        loop {
            self.skip_space();
            match *self.chars.get(self.at)? {
                c if c == close => {
                    self.at += 1;
                    break;
                }
                ',' => self.at += 1,
                '"' => values.push(Value::Text(self.quoted()?)),
                c if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => {
                    values.push(Value::Number(self.number()?))
                }
                _ => values.push(Value::Node(self.node()?)),
            }
        }
        self.depth -= 1;
        (!keyword.is_empty()).then_some(Node { keyword, values })
    }

    fn quoted(&mut self) -> Option<String> {
        self.at += 1;
        let mut text = String::new();
        loop {
            let c = *self.chars.get(self.at)?;
            self.at += 1;
            if c == '"' {
                // WKT escapes a quote by doubling it.
                if self.chars.get(self.at) == Some(&'"') {
                    self.at += 1;
                } else {
                    return Some(text);
                }
            }
            text.push(c);
        }
    }

    fn number(&mut self) -> Option<f64> {
        let start = self.at;
        while self.chars.get(self.at).is_some_and(|c| c.is_ascii_digit() || "+-.eE".contains(*c)) {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect::<String>().parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(number: u8) -> Zone {
        Zone::new(number).unwrap()
    }

    #[test]
    fn esri_gauss_kruger_zones_with_and_without_the_zone_number() {
        let cm_114 = crate::test_support::esri_prj(zone(38), false);
        assert_eq!(Crs::of_prj(&cm_114), Ok(Crs::GaussKruger { zone: zone(38), zone_prefixed: false }));
        assert_eq!(Crs::of_prj(&cm_114).unwrap().epsg(), 4547);
        let zone_38 = crate::test_support::esri_prj(zone(38), true);
        assert_eq!(Crs::of_prj(&zone_38).unwrap().epsg(), 4526);
    }

    #[test]
    fn geographic_cgcs2000_and_wgs84() {
        assert_eq!(Crs::of_prj(crate::test_support::CGCS2000_PRJ), Ok(Crs::Cgcs2000));
        let wgs84 = r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#;
        assert_eq!(Crs::of_prj(wgs84), Ok(Crs::Wgs84));
    }

    #[test]
    fn an_ogc_wkt_with_its_epsg_code() {
        let ogc = r#"PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 114E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",114],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","4547"]]"#;
        assert_eq!(Crs::of_prj(ogc).unwrap().epsg(), 4547);
    }

    #[test]
    fn other_systems_are_refused_by_name() {
        let xian80 = r#"PROJCS["Xian_1980_3_Degree_GK_CM_114E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
        let refused = Crs::of_prj(xian80).unwrap_err();
        assert!(refused.starts_with("its .prj describes Xian_1980_3_Degree_GK_CM_114E, which parkatlas cannot"));
        let web_mercator = r#"PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],UNIT["Meter",1.0]]"#;
        assert!(Crs::of_prj(web_mercator).unwrap_err().contains("WGS_1984_Web_Mercator_Auxiliary_Sphere"));
        assert_eq!(Crs::of_prj("EPSG:4547"), Err("its .prj is not WKT".to_string()));
        let deep = format!("{}{}", "A[".repeat(100), "]".repeat(100));
        assert_eq!(Crs::of_prj(&deep), Err("its .prj is not WKT".to_string()));
    }
}
