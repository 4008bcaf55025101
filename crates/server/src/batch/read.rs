//! Reading officials' spreadsheets: CSV (UTF-8, with or without a BOM, one header
//! row) or a JSON array, into typed rows — or a report naming every bad row and
//! column, so a whole file is fixed in one pass.

use std::fmt;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// One problem in one row. Rows are counted from 1, after the CSV header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub row: usize,
    pub column: String,
    pub problem: String,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}, column {}: {}", self.row, self.column, self.problem)
    }
}

/// Why a file could not be read at all, or which rows are bad.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path} is neither .csv nor .json; give the file one of those extensions")]
    UnknownFormat { path: String },
    #[error("{path} is not valid CSV: {source}")]
    Csv { path: String, source: csv::Error },
    #[error("{path} is not a JSON array of objects: {source}")]
    Json { path: String, source: serde_json::Error },
    #[error("{} problem(s) in the rows:\n{}", .0.len(), .0.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Rows(Vec<RowProblem>),
}

/// Reads every row of `path` as a `T`. `text_columns` are kept as text even when they
/// look like numbers (identifiers such as 0012 or 91420100…).
pub fn read_rows<T: DeserializeOwned>(path: &Path, text_columns: &[&str]) -> Result<Vec<T>, ReadError> {
    read_rows_reshaped(path, text_columns, |_| {})
}

/// A row's identity, kept apart from the figures a rule reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub id: String,
    pub name: String,
}

/// Reads rows whose `id` and `name` columns identify an enterprise and whose other
/// columns (reshaped by `reshape` for CSV) form a `T`; problems name the exact column.
pub fn read_identified_rows<T: DeserializeOwned>(
    path: &Path,
    reshape: impl Fn(&mut Map<String, Value>),
) -> Result<Vec<(Identity, T)>, ReadError> {
    let rows: Vec<Map<String, Value>> = read_rows_reshaped(path, &["id", "name"], reshape)?;
    let mut identified = Vec::with_capacity(rows.len());
    let mut problems = Vec::new();
    for (index, mut row) in rows.into_iter().enumerate() {
        let mut text = |column: &str| match row.remove(column) {
            Some(Value::String(text)) => Some(text),
            Some(other) => Some(other.to_string()),
            None => None,
        };
        let (id, name) = (text("id"), text("name").unwrap_or_default());
        let Some(id) = id.filter(|id| !id.trim().is_empty()) else {
            problems.push(RowProblem {
                row: index + 1,
                column: "id".into(),
                problem: "is empty; give each enterprise an identifier".into(),
            });
            continue;
        };
        match serde_path_to_error::deserialize::<_, T>(Value::Object(row)) {
            Ok(figures) => identified.push((Identity { id, name }, figures)),
            Err(error) => problems.push(RowProblem {
                row: index + 1,
                column: column_of(&error),
                problem: error.inner().to_string(),
            }),
        }
    }
    if problems.is_empty() {
        Ok(identified)
    } else {
        Err(ReadError::Rows(problems))
    }
}

/// Like [`read_rows`], with `reshape` turning each flat CSV row into the nested object
/// `T` reads (JSON input is taken as already nested).
pub fn read_rows_reshaped<T: DeserializeOwned>(
    path: &Path,
    text_columns: &[&str],
    reshape: impl Fn(&mut Map<String, Value>),
) -> Result<Vec<T>, ReadError> {
    let display = path.display().to_string();
    let objects = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("csv") => {
            let mut objects = csv_objects(path, text_columns)?;
            objects.iter_mut().for_each(&reshape);
            objects
        }
        Some("json") => {
            let text =
                std::fs::read_to_string(path).map_err(|source| ReadError::Io { path: display.clone(), source })?;
            serde_json::from_str::<Vec<Map<String, Value>>>(&text)
                .map_err(|source| ReadError::Json { path: display.clone(), source })?
        }
        _ => return Err(ReadError::UnknownFormat { path: display }),
    };
    let mut rows = Vec::with_capacity(objects.len());
    let mut problems = Vec::new();
    for (index, object) in objects.into_iter().enumerate() {
        match serde_path_to_error::deserialize::<_, T>(Value::Object(object)) {
            Ok(row) => rows.push(row),
            Err(error) => problems.push(RowProblem {
                row: index + 1,
                column: column_of(&error),
                problem: error.inner().to_string(),
            }),
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(ReadError::Rows(problems))
    }
}

fn column_of(error: &serde_path_to_error::Error<serde_json::Error>) -> String {
    let path = error.path().to_string();
    if path == "." {
        // serde reports unknown and missing fields at the top level; its message names them.
        "(row)".to_string()
    } else {
        path
    }
}

/// CSV rows as JSON objects: empty cells are left out (unreported), `true`/`false`
/// become booleans, numbers become numbers, anything else stays text.
fn csv_objects(path: &Path, text_columns: &[&str]) -> Result<Vec<Map<String, Value>>, ReadError> {
    let display = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io { path: display.clone(), source })?;
    let mut reader = spreadsheet_csv(&bytes);
    let headers = reader.headers().map_err(|source| ReadError::Csv { path: display.clone(), source })?.clone();
    let mut objects = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|source| ReadError::Csv { path: display.clone(), source })?;
        let object = headers
            .iter()
            .zip(record.iter())
            .filter(|(_, cell)| !cell.is_empty())
            .map(|(column, cell)| (column.to_string(), cell_value(cell, text_columns.contains(&column))))
            .collect();
        objects.push(object);
    }
    Ok(objects)
}

/// A CSV reader for what spreadsheet programs save: a header row, cells trimmed, and the
/// byte-order mark they put before UTF-8 text skipped.
pub(crate) fn spreadsheet_csv(bytes: &[u8]) -> csv::Reader<&[u8]> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(bytes)
}

fn cell_value(cell: &str, is_text: bool) -> Value {
    if is_text {
        return Value::String(cell.to_string());
    }
    match cell {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        // Whole numbers stay integers so that counts (staff, years) read as integers.
        _ => match cell.parse::<i64>() {
            Ok(whole) => Value::from(whole),
            Err(_) => cell
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .unwrap_or_else(|| Value::String(cell.to_string())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Row {
        id: String,
        area_mu: f64,
        #[serde(default)]
        tax_wan_yuan: Option<f64>,
    }

    fn write(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn csv_with_bom_empty_cells_and_numeric_ids() {
        let (_dir, path) = write("a.csv", "\u{feff}id,area_mu,tax_wan_yuan\n0012,30,\nE2, 12.5 ,7\n");
        let rows: Vec<Row> = read_rows(&path, &["id"]).unwrap();
        assert_eq!(
            rows,
            [
                Row { id: "0012".into(), area_mu: 30.0, tax_wan_yuan: None },
                Row { id: "E2".into(), area_mu: 12.5, tax_wan_yuan: Some(7.0) }
            ]
        );
    }

    #[test]
    fn every_bad_row_is_named_with_its_column() {
        let (_dir, path) = write("a.csv", "id,area_mu,tax_wan_yuan\nE1,thirty,1\nE2,3,1\nE3,4,lots\n");
        let Err(ReadError::Rows(problems)) = read_rows::<Row>(&path, &["id"]) else { panic!("expected row problems") };
        let located: Vec<(usize, &str)> = problems.iter().map(|p| (p.row, p.column.as_str())).collect();
        assert_eq!(located, [(1, "area_mu"), (3, "tax_wan_yuan")]);
        assert!(problems[0].problem.contains("\"thirty\""), "{}", problems[0].problem);
    }

    #[test]
    fn json_arrays_are_read_the_same_way() {
        let (_dir, path) = write("a.json", r#"[{"id":"E1","area_mu":3},{"id":"E2","area_mu":"x"}]"#);
        let Err(ReadError::Rows(problems)) = read_rows::<Row>(&path, &[]) else { panic!("expected row problems") };
        assert_eq!((problems[0].row, problems[0].column.as_str()), (2, "area_mu"));
    }

    #[test]
    fn unknown_extension_is_refused() {
        let (_dir, path) = write("a.xlsx", "");
        assert!(matches!(read_rows::<Row>(&path, &[]), Err(ReadError::UnknownFormat { .. })));
    }
}
