//! A table as an Excel workbook (.xlsx), written in the browser by `rust_xlsxwriter`:
//! one sheet per [`Sheet`], a bold header row that stays in view, a filter on every
//! column, numbers stored as numbers so Excel can sum and sort them.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_string())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<f64> for Cell {
    fn from(number: f64) -> Cell {
        // Excel has no NaN or infinity; a missing figure is an empty cell, not an error.
        if number.is_finite() {
            Cell::Number(number)
        } else {
            Cell::Empty
        }
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Cell {
        value.map_or(Cell::Empty, Into::into)
    }
}

/// A worksheet: a name (Excel allows 31 characters, without `[]:*?/\`), headers and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Widest column Excel shows without the user resizing it, in characters.
const WIDEST_COLUMN: usize = 40;

impl Sheet {
    pub fn new(name: &str, headers: &[&str]) -> Sheet {
        Sheet { name: name.to_string(), headers: headers.iter().map(|h| h.to_string()).collect(), rows: Vec::new() }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// Each column wide enough for its longest header or text, counting a Chinese
    /// character as two (it is drawn twice as wide as a Latin letter).
    fn column_widths(&self) -> Vec<usize> {
        let width = |text: &str| text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<usize>();
        (0..self.headers.len())
            .map(|column| {
                let longest_cell = self
                    .rows
                    .iter()
                    .filter_map(|row| match row.get(column) {
                        Some(Cell::Text(text)) => Some(width(text)),
                        Some(Cell::Number(_)) => Some(10),
                        _ => None,
                    })
                    .max()
                    .unwrap_or(0);
                (width(&self.headers[column]).max(longest_cell) + 2).min(WIDEST_COLUMN)
            })
            .collect()
    }
}

/// The workbook's bytes.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold();
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name)?;
        for (column, title) in sheet.headers.iter().enumerate() {
            worksheet.write_string_with_format(0, column as u16, title, &header)?;
        }
        for (index, row) in sheet.rows.iter().enumerate() {
            let row_number = index as u32 + 1;
            for (column, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(text) => worksheet.write_string(row_number, column as u16, text)?,
                    Cell::Number(number) => worksheet.write_number(row_number, column as u16, *number)?,
                    Cell::Empty => worksheet,
                };
            }
        }
        for (column, width) in sheet.column_widths().into_iter().enumerate() {
            worksheet.set_column_width(column as u16, width as f64)?;
        }
        if !sheet.headers.is_empty() {
            worksheet.set_freeze_panes(1, 0)?;
            worksheet.autofilter(0, 0, sheet.rows.len() as u32, sheet.headers.len() as u16 - 1)?;
        }
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    fn read_back(bytes: Vec<u8>, sheet: &str) -> Vec<Vec<Data>> {
        let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        workbook.worksheet_range(sheet).unwrap().rows().map(|row| row.to_vec()).collect()
    }

    #[test]
    fn a_sheet_reads_back_as_written_with_numbers_as_numbers() {
        let mut results = Sheet::new("亩均效益", &["企业", "得分", "类别"]);
        results.push(vec!["光谷示例科技有限公司".into(), 87.5.into(), "A 优先发展类".into()]);
        results.push(vec!["未申报企业".into(), None::<f64>.into(), f64::NAN.into()]);
        let rows = read_back(workbook(&[results]).unwrap(), "亩均效益");
        assert_eq!(rows[0], [Data::String("企业".into()), Data::String("得分".into()), Data::String("类别".into())]);
        assert_eq!(rows[1][1], Data::Float(87.5));
        assert_eq!(rows[2][0], Data::String("未申报企业".into()));
        assert_eq!(rows[2].get(1).cloned().unwrap_or(Data::Empty), Data::Empty, "a missing figure stays empty");
    }

    #[test]
    fn every_sheet_is_kept_and_a_bad_name_is_an_error() {
        let bytes = workbook(&[Sheet::new("A", &["x"]), Sheet::new("B", &["y"])]).unwrap();
        let workbook_read: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        assert_eq!(workbook_read.sheet_names(), ["A", "B"]);
        assert!(workbook(&[Sheet::new("a/b", &["x"])]).is_err(), "Excel forbids / in a sheet name");
    }

    #[test]
    fn columns_fit_chinese_text_counted_double_up_to_a_limit() {
        let mut sheet = Sheet::new("s", &["企业名称", "code"]);
        sheet.push(vec!["光谷示例".into(), "x".repeat(80).into()]);
        assert_eq!(sheet.column_widths(), [10, WIDEST_COLUMN]);
    }
}
