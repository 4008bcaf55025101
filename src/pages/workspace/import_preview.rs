//! What the import page shows of a chosen file before anything is stored, as plain types
//! tested natively: the file read by `parkatlas-exchange`, the column mapping the user
//! edits, and for each feature or row what it becomes or why it cannot.

use parkatlas_core::units::SquareMetres;
use parkatlas_core::wire::{EnterpriseBody, LandUse, ParcelBody, ParcelImport, ParcelStatus};
use parkatlas_exchange::parcels::{is_parcel_file, ColumnMapping, ParcelField, Survey};
use parkatlas_exchange::problem::{Item, Problem, Refusal};
use parkatlas_exchange::table::{is_spreadsheet, Table};

/// A chosen file, read.
#[derive(Debug, Clone, PartialEq)]
pub enum ChosenFile {
    Parcels(ParcelFile),
    Enterprises(EnterpriseFile),
}

impl ChosenFile {
    /// Reads `bytes` by the kind its name says: parcels from GeoJSON or a zipped Shapefile,
    /// enterprises from CSV or Excel.
    pub fn read(file_name: &str, bytes: &[u8]) -> Result<ChosenFile, Refusal> {
        if is_parcel_file(file_name) {
            let survey = Survey::read(file_name, bytes)?;
            let mapping = ColumnMapping::default_for(&survey.columns);
            Ok(ChosenFile::Parcels(ParcelFile { file_name: file_name.into(), survey, mapping }))
        } else if is_spreadsheet(file_name) {
            let table = Table::read(file_name, bytes)?;
            let source = table.source;
            let rows = parkatlas_exchange::enterprises::read_rows(table)?;
            let rows = rows.into_iter().map(|(item, body)| EnterpriseRow { item, body }).collect();
            Ok(ChosenFile::Enterprises(EnterpriseFile { file_name: file_name.into(), source, rows }))
        } else {
            Err(Refusal::whole("choose a .geojson or .zip (Shapefile) of parcels, or a .csv or .xlsx of enterprises"))
        }
    }
}

/// A parcel file and how its columns are mapped.
#[derive(Debug, Clone, PartialEq)]
pub struct ParcelFile {
    pub file_name: String,
    pub survey: Survey,
    pub mapping: ColumnMapping,
}

/// One feature as the preview lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParcelRow {
    pub item: Item,
    pub code: Option<String>,
    pub land_use: Option<LandUse>,
    pub status: Option<ParcelStatus>,
    pub area: Option<SquareMetres>,
    pub problem: Option<Problem>,
}

/// The preview of a parcel file under its current mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct ParcelPreview {
    pub rows: Vec<ParcelRow>,
    /// Every problem, in file order.
    pub problems: Vec<Problem>,
    /// Required fields no column fills.
    pub missing: Vec<ParcelField>,
    /// The body to send: only when nothing is wrong.
    pub ready: Option<ParcelImport>,
}

impl ParcelFile {
    /// Makes `column` fill `field` (or nothing); the preview follows.
    pub fn map(&mut self, column: &str, field: Option<ParcelField>) {
        self.mapping.set(column, field);
    }

    pub fn preview(&self) -> ParcelPreview {
        let mut rows = Vec::with_capacity(self.survey.features.len());
        let mut problems = Vec::new();
        let mut bodies: Vec<ParcelBody> = Vec::new();
        let code_column = self.mapping.column_of(ParcelField::Code);
        for (feature, (item, parcel)) in self.survey.features.iter().zip(self.survey.parcels(&self.mapping)) {
            let row = match parcel {
                Ok(parcel) => {
                    let body = &parcel.body;
                    let row = ParcelRow {
                        item,
                        code: Some(body.code.clone()),
                        land_use: Some(body.land_use),
                        status: Some(body.status),
                        area: Some(parcel.area),
                        problem: None,
                    };
                    bodies.push(parcel.body);
                    row
                }
                Err(problem) => {
                    problems.push(problem.clone());
                    let code = code_column.and_then(|column| feature.attributes.get(column)).map(|value| match value {
                        serde_json::Value::String(text) => text.clone(),
                        other => other.to_string(),
                    });
                    ParcelRow { item, code, land_use: None, status: None, area: None, problem: Some(problem) }
                }
            };
            rows.push(row);
        }
        let missing = self.mapping.missing();
        let ready = (problems.is_empty() && missing.is_empty()).then_some(ParcelImport { parcels: bodies });
        ParcelPreview { rows, problems, missing, ready }
    }
}

/// An enterprise file, each row read.
#[derive(Debug, Clone, PartialEq)]
pub struct EnterpriseFile {
    pub file_name: String,
    /// "UTF-8", "gb18030" or "xlsx".
    pub source: &'static str,
    pub rows: Vec<EnterpriseRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnterpriseRow {
    pub item: Item,
    pub body: Result<EnterpriseBody, Problem>,
}

impl EnterpriseFile {
    pub fn problems(&self) -> Vec<&Problem> {
        self.rows.iter().filter_map(|row| row.body.as_ref().err()).collect()
    }
}

#[cfg(test)]
mod tests {
    use parkatlas_exchange::test_support::{square, SurveyLayer, SurveyParcel};

    use super::*;

    fn parcel(code: &str, land_use: &str, lon: f64) -> SurveyParcel {
        SurveyParcel {
            code: code.into(),
            land_use: land_use.into(),
            status: "待出让".into(),
            note: "备注".into(),
            rings: vec![square(lon, 30.45, 90.0)],
        }
    }

    fn chosen(parcels: &[SurveyParcel]) -> ParcelFile {
        match ChosenFile::read("测绘.zip", &SurveyLayer::wuhan_gbk().zip(parcels)).unwrap() {
            ChosenFile::Parcels(file) => file,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_good_survey_is_ready_with_each_area() {
        let file = chosen(&[parcel("A-1", "工业用地", 114.503), parcel("A-2", "M0", 114.506)]);
        let preview = file.preview();
        assert!(preview.problems.is_empty());
        assert_eq!(preview.rows[1].land_use, Some(LandUse::InnovativeIndustrial));
        // 90 m × 90 m is about 8100 m², 12.15 亩.
        let mu = preview.rows[0].area.unwrap().to_mu().0;
        assert!((mu - 12.15).abs() < 0.1, "{mu}");
        assert_eq!(preview.ready.unwrap().parcels.len(), 2);
    }

    #[test]
    fn one_bad_feature_names_itself_and_nothing_is_ready() {
        let file = chosen(&[parcel("A-1", "工业用地", 114.503), parcel("A-2", "工矿仓储用地", 114.506)]);
        let preview = file.preview();
        assert_eq!(preview.problems.len(), 1);
        assert_eq!(preview.rows[1].code.as_deref(), Some("A-2"));
        assert_eq!(preview.problems[0].item, Item::Feature(2));
        assert_eq!(preview.problems[0].field.as_deref(), Some("YDXZ → land_use"));
        assert_eq!(preview.ready, None);
    }

    #[test]
    fn unmapping_a_required_column_leaves_nothing_ready_and_says_which() {
        let mut file = chosen(&[parcel("A-1", "工业用地", 114.503)]);
        file.map("DKBH", None);
        let preview = file.preview();
        assert_eq!(preview.missing, [ParcelField::Code]);
        assert_eq!(preview.ready, None);
        file.map("BZ", Some(ParcelField::Code));
        // 备注 is no parcel code: the problem names the column it came from.
        let problem = file.preview().problems[0].to_string();
        assert!(problem.starts_with("feature 1 (code): “备注”: use letters, digits"), "{problem}");
    }

    #[test]
    fn other_files_are_refused_with_what_to_choose() {
        let refusal = ChosenFile::read("地块.dwg", b"").unwrap_err();
        assert!(refusal.reason.starts_with("choose a .geojson or .zip"));
    }
}
