//! Enterprises from a spreadsheet, one per row, into the body `POST /enterprises` takes.
//! Each column is named after the field it fills, a dot leading into `public` or
//! `private` (`public.address`, `private.contact_phone`), so that problems name fields as
//! the API does.

use parkatlas_core::text::quoted;
use parkatlas_core::wire::EnterpriseBody;
use serde_json::{Map, Value};

use crate::problem::{read_as, Item, Problem, ReadItems, Refusal};
use crate::table::Table;

/// How a column's cells become JSON.
#[derive(Debug, Clone, Copy)]
enum Cell {
    Text,
    /// A whole number.
    Integer,
    /// Items separated by `;` or `；`.
    List,
    /// A JSON object: the tier facts are many, nested and all optional, too many for columns.
    Json,
}

/// Every column an enterprise file may have, in the order of the README.
const COLUMNS: [(&str, Cell); 14] = [
    ("park_id", Cell::Integer),
    ("credit_code", Cell::Text),
    ("name", Cell::Text),
    ("industry_code", Cell::Text),
    ("size_class", Cell::Text),
    ("cohort", Cell::Text),
    ("public.name_en", Cell::Text),
    ("public.address", Cell::Text),
    ("public.main_products", Cell::List),
    ("public.website", Cell::Text),
    ("private.contact_name", Cell::Text),
    ("private.contact_phone", Cell::Text),
    ("private.contact_email", Cell::Text),
    ("private.tier_facts", Cell::Json),
];

/// Each row below the header as an enterprise body, or its problem, credit codes unique
/// within the file; the file is refused as a whole when its header names unknown columns
/// or it has no rows.
pub fn read_rows(table: Table) -> Result<ReadItems<EnterpriseBody>, Refusal> {
    let cells = cells_of(&table.header)?;
    if table.rows.is_empty() {
        return Err(Refusal::whole("it has no rows below the header"));
    }
    let rows = table.rows.into_iter().map(|(item, row)| {
        let body = row.and_then(|row| {
            enterprise_body(
                item,
                table.header.iter().map(String::as_str).zip(&cells).zip(row.iter().map(String::as_str)),
            )
        });
        (item, body)
    });
    let rows = rows.collect();
    Ok(crate::unique_within_file(rows, "credit_code", |body: &EnterpriseBody| body.credit_code.clone()))
}

/// The kind of each column of `header`, or the problems of the header row.
fn cells_of(header: &[String]) -> Result<Vec<Cell>, Refusal> {
    let header_row = Item::Row(1);
    let mut cells = Vec::with_capacity(header.len());
    let mut problems = Vec::new();
    for (index, name) in header.iter().enumerate() {
        if name.is_empty() {
            problems.push(Problem::of_item(header_row, format!("column {} has no name", index + 1)));
        } else if header.iter().take(index).any(|earlier| earlier == name) {
            problems.push(Problem::new(header_row, name, "names a column a second time"));
        } else if let Some((_, cell)) = COLUMNS.iter().find(|(column, _)| column == name) {
            cells.push(*cell);
        } else {
            let known: Vec<&str> = COLUMNS.iter().map(|(column, _)| *column).collect();
            let message = format!("is not a column of an enterprise file; the columns are {}", known.join(", "));
            problems.push(Problem::new(header_row, name, message));
        }
    }
    match problems.is_empty() {
        true => Ok(cells),
        false => Err(Refusal { reason: "its header row has problems".into(), problems }),
    }
}

/// One row's `((column, kind), cell)`s as an enterprise body. An empty cell leaves its
/// field out, as a JSON body would: the field's default, or "is required".
fn enterprise_body<'a>(
    item: Item,
    cells: impl Iterator<Item = ((&'a str, &'a Cell), &'a str)>,
) -> Result<EnterpriseBody, Problem> {
    let mut body = Map::new();
    for ((column, cell), text) in cells.filter(|(_, text)| !text.is_empty()) {
        let value = cell_value(*cell, text).map_err(|message| Problem::new(item, column, message))?;
        match column.split_once('.') {
            Some((part, field)) => {
                let part = body.entry(part).or_insert_with(|| Value::Object(Map::new()));
                part.as_object_mut().expect("public and private are objects").insert(field.into(), value);
            }
            None => {
                body.insert(column.into(), value);
            }
        }
    }
    read_as(item, Value::Object(body))
}

fn cell_value(cell: Cell, text: &str) -> Result<Value, String> {
    match cell {
        Cell::Text => Ok(Value::from(text)),
        Cell::Integer => {
            text.parse::<i64>().map(Value::from).map_err(|_| format!("{} is not a whole number", quoted(text)))
        }
        Cell::List => Ok(text.split([';', '；']).map(|part| Value::from(part.trim())).collect()),
        Cell::Json => serde_json::from_str(text).map_err(|error| format!("is not JSON: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use parkatlas_core::efficiency::Cohort;
    use parkatlas_core::registry::CreditCode;
    use parkatlas_core::wire::SizeClass;

    use super::*;

    /// A valid credit code of the fictional kind the tests use.
    fn code(n: u32) -> CreditCode {
        CreditCode::with_check_character(&format!("91420111MA5D{n:05}")).unwrap()
    }

    fn read_csv(bytes: &[u8]) -> Result<ReadItems<EnterpriseBody>, Refusal> {
        read_rows(Table::from_csv(bytes)?)
    }

    fn problems(csv: &str) -> Vec<Option<String>> {
        let rows = read_csv(csv.as_bytes()).unwrap();
        rows.into_iter().map(|(_, body)| body.err().map(|problem| problem.to_string())).collect()
    }

    #[test]
    fn every_column_fills_its_field() {
        let csv = format!(
            "\u{feff}park_id,credit_code,name,industry_code,size_class,cohort,public.name_en,public.address,\
             public.main_products,public.website,private.contact_name,private.contact_phone,private.contact_email,\
             private.tier_facts\n\
             2,{},示例光电有限公司,3976,small,规上,Demo Optics,示例路1号,光模块；激光器芯片,https://example.cn,\
             张示例,02700000000,demo@example.cn,\"{{\"\"staff_count\"\": 120}}\"\n",
            code(1).as_str().to_lowercase()
        );
        let rows = read_csv(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 1);
        let (item, body) = rows.into_iter().next().unwrap();
        let body = body.unwrap();
        assert_eq!(item, Item::Row(2));
        assert_eq!(
            (body.park_id, &body.credit_code, body.name.as_str(), body.industry_code.as_str()),
            (2, &code(1), "示例光电有限公司", "C3976")
        );
        assert_eq!((body.size_class, body.cohort), (SizeClass::Small, Cohort::AboveScale));
        assert_eq!(body.public.main_products, ["光模块", "激光器芯片"]);
        assert_eq!(
            (body.public.name_en.as_deref(), body.public.address.as_deref(), body.public.website.as_deref()),
            (Some("Demo Optics"), Some("示例路1号"), Some("https://example.cn"))
        );
        assert_eq!(
            (body.private.contact_name.as_deref(), body.private.contact_phone.as_deref()),
            (Some("张示例"), Some("02700000000"))
        );
        assert_eq!(body.private.contact_email.as_deref(), Some("demo@example.cn"));
        assert_eq!(body.private.tier_facts.staff_count, Some(120));
    }

    #[test]
    fn each_bad_row_is_named_as_a_spreadsheet_numbers_it() {
        // The check character of 91420111MA5D00002 is K.
        let bad_check = "91420111MA5D00002X";
        let csv = format!(
            "park_id,credit_code,name,industry_code,size_class,cohort\n\
             1,{good},示例甲,C3670,small,above_scale\n\
             ,,,,,\n\
             1,{bad_check},示例乙,C3670,small,above_scale\n\
             1,{three},示例丙,C9999,small,above_scale\n\
             一,{four},示例丁,C3670,small,above_scale\n\
             1,{five},示例戊,C3670,small\n\
             1,{six},,C3670,small,above_scale\n",
            good = code(1),
            three = code(3),
            four = code(4),
            five = code(5),
            six = code(6),
        );
        let problems = problems(&csv);
        assert_eq!(problems.len(), 6, "the empty row 3 is skipped: {problems:?}");
        assert_eq!(problems[0], None);
        let expected_prefixes = [
            "row 4 (credit_code): the check character (the 18th) of 91420111MA5D00002X should be K, not X",
            "row 5 (industry_code): division 99 does not exist",
            "row 6 (park_id): “一” is not a whole number",
            "row 7: has 5 cells where the header has 6",
            "row 8 (name): is required",
        ];
        for (problem, prefix) in problems[1..].iter().zip(expected_prefixes) {
            let problem = problem.as_deref().unwrap_or("(read)");
            assert!(problem.starts_with(prefix), "{problem:?} should start with {prefix:?}");
        }
    }

    #[test]
    fn a_bad_header_refuses_the_file_naming_each_column() {
        let refusal = read_csv("park_id,credit_code,name,website,name,\n1,x,y,z,w,\n".as_bytes()).unwrap_err();
        let lines: Vec<String> = refusal.problems.iter().map(Problem::to_string).collect();
        assert_eq!(refusal.reason, "its header row has problems");
        assert!(
            lines[0].starts_with("row 1 (website): is not a column of an enterprise file; the columns are park_id,")
        );
        assert_eq!(lines[1..], ["row 1 (name): names a column a second time", "row 1: column 6 has no name"]);
    }

    #[test]
    fn a_gbk_file_reads_as_its_utf8_twin() {
        let csv = format!(
            "park_id,credit_code,name,industry_code,size_class,cohort\n1,{},示例光电有限公司,C3976,small,规上\n",
            code(1)
        );
        let (gbk, _, _) = encoding_rs::GB18030.encode(&csv);
        assert_eq!(read_csv(&gbk).unwrap(), read_csv(csv.as_bytes()).unwrap());
        assert_eq!(read_csv(b"park_id,name\n,\n").unwrap_err().reason, "it has no rows below the header");
    }
}
