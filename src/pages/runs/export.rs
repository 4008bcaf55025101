//! The ranked table as an Excel sheet, in the order on screen, with numbers as numbers.

use parkatlas_core::efficiency::Cohort;

use super::ranking::RankedRow;
use crate::export::xlsx::Sheet;

/// The sheet's name and column headers, Chinese first (the workbook is for the park's files).
pub const SHEET: &str = "亩均效益排名";
pub const HEADERS: [&str; 6] = ["排名", "企业名称", "统一社会信用代码", "组别", "得分", "类别"];

/// `rows` in `order` as a sheet; ungraded enterprises keep empty rank and score cells.
pub fn sheet(rows: &[RankedRow], order: &[usize]) -> Sheet {
    let mut sheet = Sheet::new(SHEET, &HEADERS);
    for row in order.iter().filter_map(|&index| rows.get(index)) {
        let cohort = match row.cohort {
            Cohort::AboveScale => "规上",
            Cohort::BelowScale => "规下",
        };
        let class = row.class.map(|class| format!("{} {}", class.letter(), class.name_zh()));
        sheet.push(vec![
            row.rank.map(|rank| rank as f64).into(),
            row.name.as_str().into(),
            row.credit_code.as_str().into(),
            cohort.into(),
            row.total.map(|total| (total * 100.0).round() / 100.0).into(),
            class.unwrap_or_else(|| "未评价".into()).into(),
        ]);
    }
    sheet
}

/// The file's name: the profile, the year and the scope, e.g. `亩均效益-2025-huangyan-2022-园区1.xlsx`.
pub fn file_name(year: i32, profile_key: &str, park_id: Option<i64>) -> String {
    let scope = park_id.map_or("全部园区".to_string(), |id| format!("园区{id}"));
    format!("亩均效益-{year}-{profile_key}-{scope}.xlsx")
}

#[cfg(test)]
mod tests {
    use parkatlas_core::efficiency::shipped;

    use super::*;
    use crate::export::xlsx::{workbook, Cell};
    use crate::pages::runs::ranking::{arrange, rows, Sort};
    use crate::pages::runs::workbench::tests::{date, records};
    use crate::pages::runs::workbench::Workbench;

    #[test]
    fn the_sheet_follows_the_screen_order_and_reads_back() {
        let bench = Workbench::new(records(), &shipped::profile("huangyan-2022").unwrap(), date()).unwrap();
        let rows = rows(&bench.records, &bench.current);
        let order = arrange(&rows, Sort::default(), "");
        let sheet = sheet(&rows, &order);
        assert_eq!(sheet.rows.len(), 10);
        assert_eq!(sheet.rows[0][0], Cell::Number(1.0), "best first");
        assert_eq!(sheet.rows[0][1], Cell::Text(rows[order[0]].name.clone()));
        assert!(matches!(&sheet.rows[0][5], Cell::Text(class) if class.starts_with("A ")));
        let bytes = workbook(&[sheet]).unwrap();
        assert_eq!(&bytes[..2], b"PK", "an xlsx is a zip");
    }

    #[test]
    fn the_file_is_named_by_year_profile_and_scope() {
        assert_eq!(file_name(2025, "huangyan-2022", Some(1)), "亩均效益-2025-huangyan-2022-园区1.xlsx");
        assert_eq!(file_name(2025, "etdz", None), "亩均效益-2025-etdz-全部园区.xlsx");
    }
}
