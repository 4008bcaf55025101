//! Spreadsheets as a header and rows of text cells: CSV in UTF-8 or GBK, or the first
//! sheet of an Excel workbook (.xlsx). Rows keep the numbers a spreadsheet shows.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::limits::MAX_ROWS;
use crate::problem::{Item, Problem, Refusal};

/// A header row and the rows below it, each with its spreadsheet number.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    /// Rows with at least one cell, each as `(row number, cells)` or why it could not be read.
    pub rows: Vec<(Item, Result<Vec<String>, Problem>)>,
    /// How the text was read: "UTF-8", "GB18030" or "xlsx".
    pub source: &'static str,
}

/// The kinds of spreadsheet file, by their name's extension.
pub fn is_spreadsheet(file_name: &str) -> bool {
    let lower = file_name.to_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".xlsx")
}

impl Table {
    /// Reads a `.csv` or `.xlsx` file named `file_name`.
    pub fn read(file_name: &str, bytes: &[u8]) -> Result<Table, Refusal> {
        crate::limits::check_size(bytes)?;
        let lower = file_name.to_lowercase();
        if lower.ends_with(".xlsx") {
            Table::from_xlsx(bytes)
        } else if lower.ends_with(".csv") {
            Table::from_csv(bytes)
        } else {
            Err(Refusal::whole("it is neither .csv nor .xlsx"))
        }
    }

    /// CSV text in UTF-8 (with or without a byte-order mark) or GBK, cells trimmed.
    pub fn from_csv(bytes: &[u8]) -> Result<Table, Refusal> {
        let (text, encoding) = crate::text::decode(bytes);
        let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
        let header = reader.headers().map_err(|error| Refusal::whole(format!("its header row is not CSV: {error}")))?;
        let header = header.iter().map(str::to_string).collect();
        let mut rows = Vec::new();
        for (index, record) in reader.records().enumerate() {
            // Rows are numbered as a spreadsheet shows them: the header is row 1.
            let item = Item::Row(index + 2);
            let cells = match record {
                // Spreadsheets save rows they once formatted as cells with nothing in them.
                Ok(record) if record.iter().all(str::is_empty) => continue,
                Ok(record) => Ok(record.iter().map(str::to_string).collect()),
                Err(error) => Err(unreadable_row(item, &error)),
            };
            rows.push((item, cells));
            if rows.len() > MAX_ROWS {
                return Err(Refusal::whole(format!("it has more than {MAX_ROWS} rows")));
            }
        }
        Ok(Table { header, rows, source: encoding.name() })
    }

    /// The first sheet of an Excel workbook; its first row is the header.
    pub fn from_xlsx(bytes: &[u8]) -> Result<Table, Refusal> {
        crate::limits::check_zip(bytes)?;
        let mut workbook = Xlsx::new(Cursor::new(bytes))
            .map_err(|error| Refusal::whole(format!("it is not an Excel workbook (.xlsx): {error}")))?;
        let range = workbook
            .worksheet_range_at(0)
            .ok_or_else(|| Refusal::whole("its workbook has no sheet"))?
            .map_err(|error| Refusal::whole(format!("its first sheet cannot be read: {error}")))?;
        let (first_row, _) = range.start().unwrap_or((0, 0));
        let mut lines = range.rows();
        let header = lines.next().map(|cells| cells.iter().map(cell_text).collect()).unwrap_or_default();
        let mut rows = Vec::new();
        for (index, cells) in lines.enumerate() {
            let cells: Vec<String> = cells.iter().map(cell_text).collect();
            if cells.iter().all(String::is_empty) {
                continue;
            }
            // The sheet's own row numbers: the header's, plus one for each row below it.
            rows.push((Item::Row(first_row as usize + index + 2), Ok(cells)));
            if rows.len() > MAX_ROWS {
                return Err(Refusal::whole(format!("it has more than {MAX_ROWS} rows")));
            }
        }
        Ok(Table { header, rows, source: "xlsx" })
    }
}

/// A cell as the text a person sees: whole numbers without ".0" (Excel keeps every number as a float).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.trim().to_string(),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => format!("{}", *number as i64),
        Data::Float(number) => number.to_string(),
        Data::Int(number) => number.to_string(),
        Data::Bool(value) => value.to_string(),
        Data::DateTime(value) => value.to_string(),
        Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Error(error) => error.to_string(),
    }
}

fn unreadable_row(item: Item, error: &csv::Error) -> Problem {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            Problem::of_item(item, format!("has {len} cells where the header has {expected_len}"))
        }
        _ => Problem::of_item(item, error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_csv_is_read_and_rows_keep_their_numbers() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("名称,园区\n示例光电,1\n,\n示例芯片,2\n");
        let table = Table::read("入园企业.CSV", &gbk).unwrap();
        assert_eq!(table.source, "gb18030");
        assert_eq!(table.header, ["名称", "园区"]);
        let rows: Vec<_> = table.rows.iter().map(|(item, cells)| (*item, cells.clone().unwrap())).collect();
        assert_eq!(
            rows,
            [
                (Item::Row(2), vec!["示例光电".to_string(), "1".into()]),
                (Item::Row(4), vec!["示例芯片".to_string(), "2".into()])
            ]
        );
    }

    #[test]
    fn a_short_row_is_a_problem_of_that_row() {
        let table = Table::from_csv(b"a,b\n1\n").unwrap();
        assert_eq!(table.rows[0].1.clone().unwrap_err().to_string(), "row 2: has 1 cells where the header has 2");
    }

    #[test]
    fn an_xlsx_sheet_reads_like_csv() {
        let xlsx = crate::test_support::xlsx_of(&[
            vec!["名称", "园区"],
            vec!["示例光电", "1"],
            vec!["", ""],
            vec!["示例芯片", "2"],
        ]);
        let table = Table::read("入园企业.xlsx", &xlsx).unwrap();
        let csv = Table::from_csv("名称,园区\n示例光电,1\n,\n示例芯片,2\n".as_bytes()).unwrap();
        assert_eq!((table.header, table.rows), (csv.header, csv.rows));
    }

    #[test]
    fn other_files_are_refused() {
        assert_eq!(Table::read("a.xls", b"").unwrap_err().reason, "it is neither .csv nor .xlsx");
        assert!(Table::read("a.xlsx", b"not a zip").unwrap_err().reason.starts_with("it is not"));
    }
}
