//! What is wrong with a file, and where: each bad feature (counted from 1) or row
//! (numbered as a spreadsheet numbers it, the header being row 1) with its field.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;

/// A feature or row of the file: features counted from 1, rows as a spreadsheet numbers
/// them (the header is row 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "number", rename_all = "snake_case")]
pub enum Item {
    Feature(usize),
    Row(usize),
}

impl Item {
    pub fn number(self) -> usize {
        match self {
            Item::Feature(number) | Item::Row(number) => number,
        }
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Feature(number) => write!(f, "feature {number}"),
            Item::Row(number) => write!(f, "row {number}"),
        }
    }
}

/// What is wrong with one feature or row; `field` is `None` when the item as a whole is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub item: Item,
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn new(item: Item, field: &str, message: impl Into<String>) -> Problem {
        Problem { item, field: Some(field.to_string()), message: message.into() }
    }

    pub fn of_item(item: Item, message: impl Into<String>) -> Problem {
        Problem { item, field: None, message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{} ({field}): {}", self.item, self.message),
            None => write!(f, "{}: {}", self.item, self.message),
        }
    }
}

/// Why a file is refused: one reason, then a line for each bad feature or row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub reason: String,
    pub problems: Vec<Problem>,
}

impl Refusal {
    /// A file that cannot be read as a whole.
    pub fn whole(reason: impl Into<String>) -> Refusal {
        Refusal { reason: reason.into(), problems: Vec::new() }
    }

    /// `problems`, one for each bad item, among `total` items (a feature, a row).
    pub fn items(item: &str, total: usize, problems: Vec<Problem>) -> Refusal {
        Refusal { reason: format!("problems in {} of {}", problems.len(), counted(total, item)), problems }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)?;
        self.problems.iter().try_for_each(|problem| write!(f, "\n{problem}"))
    }
}

/// "1 parcel", "3 parcels".
pub fn counted(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        _ => format!("{count} {noun}s"),
    }
}

/// Each item read from a file, or the problem that kept it from being read.
pub type ReadItems<T> = Vec<(Item, Result<T, Problem>)>;

/// The problems of `items`, in file order; the read items when there are none.
pub fn all_or_problems<T>(items: ReadItems<T>) -> Result<Vec<(Item, T)>, Vec<Problem>> {
    let mut read = Vec::with_capacity(items.len());
    let mut problems = Vec::new();
    for (item, result) in items {
        match result {
            Ok(value) => read.push((item, value)),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(read)
    } else {
        Err(problems)
    }
}

/// Reads a JSON value as a `T`, or says which field is wrong and why, in the API's
/// words. serde reports a missing field at the level above it, naming it only in its
/// message; the report names it as the field.
pub fn read_as<T: DeserializeOwned>(item: Item, value: serde_json::Value) -> Result<T, Problem> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let message = error.into_inner().to_string();
        let missing = message.strip_prefix("missing field `").and_then(|rest| rest.split_once('`'));
        match (path.as_str(), missing) {
            (".", Some((field, _))) => Problem::new(item, field, "is required"),
            (".", None) => Problem::of_item(item, message),
            _ => Problem::new(item, &path, message),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        count: u8,
    }

    fn problem_reading(value: serde_json::Value) -> String {
        read_as::<Sample>(Item::Row(4), value).unwrap_err().to_string()
    }

    #[test]
    fn problems_name_the_item_and_the_field() {
        assert_eq!(problem_reading(serde_json::json!({ "count": 1 })), "row 4 (name): is required");
        assert_eq!(
            problem_reading(serde_json::json!({ "name": "a", "count": 300 })),
            "row 4 (count): invalid value: integer `300`, expected u8"
        );
        assert!(problem_reading(serde_json::json!({ "name": "a", "count": 1, "colour": "red" }))
            .starts_with("row 4 (colour): unknown field `colour`"),);
        assert_eq!(
            problem_reading(serde_json::json!("a")),
            "row 4: invalid type: string \"a\", expected struct Sample"
        );
    }

    #[test]
    fn a_refusal_counts_the_bad_items_and_lists_every_problem() {
        let problems = vec![
            Problem::new(Item::Feature(2), "geometry", "the ring is not closed"),
            Problem::of_item(Item::Feature(5), "is not a GeoJSON Feature"),
        ];
        assert_eq!(
            Refusal::items("feature", 6, problems).to_string(),
            "problems in 2 of 6 features\nfeature 2 (geometry): the ring is not closed\n\
             feature 5: is not a GeoJSON Feature"
        );
    }
}
