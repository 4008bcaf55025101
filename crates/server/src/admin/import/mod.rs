//! `parkatlas import parcels <file.geojson> --park <id>` and `parkatlas import enterprises
//! <file.csv>`: records from officials' files, each checked by the rules of the API's
//! create endpoints, then stored all together — or, when any feature or row is bad,
//! nothing at all, with a report naming every bad one, its field and the problem.

mod enterprises;
mod parcels;

use std::collections::hash_map::{Entry, HashMap};
use std::fmt;
use std::hash::Hash;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::store::{Store, StoreError};

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub what: ImportCommand,
    /// Database to import into; it may hold records already.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://parkatlas.db", global = true)]
    pub database_url: String,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Parcels of one park from a GeoJSON FeatureCollection (WGS-84), one feature per parcel.
    Parcels {
        /// The GeoJSON file; each feature's properties are the parcel's fields.
        file: PathBuf,
        /// The id of the park the parcels belong to.
        #[arg(long)]
        park: i64,
    },
    /// Enterprises from a CSV file (UTF-8, a header row, one enterprise per row).
    Enterprises {
        /// The CSV file; its header names the enterprise fields of its columns.
        file: PathBuf,
    },
}

pub async fn run(args: ImportArgs, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    let store = Store::open(&args.database_url).await?;
    let imported = match &args.what {
        ImportCommand::Parcels { file, park } => parcels::import(&store, file, *park).await,
        ImportCommand::Enterprises { file } => enterprises::import(&store, file).await,
    };
    // Folds SQLite's write-ahead log into the file, which may be copied right after.
    let closed = store.close().await;
    writeln!(out, "{}", imported?)?;
    Ok(closed?)
}

/// A feature or row of the file: features counted from 1, rows as a spreadsheet numbers
/// them (the header is row 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Feature(usize),
    Row(usize),
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
#[derive(Debug, Clone, PartialEq, Eq)]
struct Problem {
    item: Item,
    field: Option<String>,
    message: String,
}

impl Problem {
    fn new(item: Item, field: &str, message: impl Into<String>) -> Problem {
        Problem { item, field: Some(field.to_string()), message: message.into() }
    }

    fn of_item(item: Item, message: impl Into<String>) -> Problem {
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
#[derive(Debug, PartialEq, Eq)]
struct Refusal {
    reason: String,
    problems: Vec<Problem>,
}

impl Refusal {
    /// A file that cannot be read as a whole.
    fn whole(reason: impl Into<String>) -> Refusal {
        Refusal { reason: reason.into(), problems: Vec::new() }
    }

    /// `problems`, one for each bad item, among `total` items (a feature, a row).
    fn items(item: &str, total: usize, problems: Vec<Problem>) -> Refusal {
        Refusal { reason: format!("problems in {} of {}", problems.len(), counted(total, item)), problems }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)?;
        self.problems.iter().try_for_each(|problem| write!(f, "\n{problem}"))
    }
}

/// A refused file: nothing was stored, and `parkatlas` exits with status 2.
#[derive(Debug, thiserror::Error)]
#[error("nothing was imported from {file}: {refusal}")]
pub struct Refused {
    file: String,
    refusal: Refusal,
}

impl Refused {
    fn new(file: &Path, refusal: Refusal) -> Refused {
        Refused { file: file.display().to_string(), refusal }
    }
}

/// "1 parcel", "3 parcels".
fn counted(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        _ => format!("{count} {noun}s"),
    }
}

/// Each item read from a file, or the problem that kept it from being read.
type ReadItems<T> = Vec<(Item, Result<T, Problem>)>;

/// Reads a JSON value as a `T`, or says which field is wrong and why, in the API's
/// words. serde reports a missing field at the level above it, naming it only in its
/// message; the report names it as the field.
fn read_as<T: DeserializeOwned>(item: Item, value: serde_json::Value) -> Result<T, Problem> {
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

/// Checks every item that could be read: first that its key (a parcel code, a credit
/// code: unique in the database) is not used by an earlier item of the file, then `check`,
/// the API's rules. Returns the checked records, or one problem for each bad item.
async fn check_all<T, K: Hash + Eq, U>(
    items: ReadItems<T>,
    key_field: &str,
    key: impl Fn(&T) -> K,
    check: impl AsyncFn(T) -> Result<U, ApiError>,
) -> anyhow::Result<Result<Vec<U>, Vec<Problem>>> {
    let mut first_users: HashMap<K, Item> = HashMap::new();
    let mut checked = Vec::with_capacity(items.len());
    let mut problems = Vec::new();
    for (item, read) in items {
        let record = match read {
            Ok(record) => record,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        match first_users.entry(key(&record)) {
            Entry::Occupied(first) => {
                problems.push(Problem::new(item, key_field, format!("is the same as in {}", first.get())));
                continue;
            }
            Entry::Vacant(unused) => {
                unused.insert(item);
            }
        }
        match check(record).await {
            Ok(record) => checked.push(record),
            Err(ApiError::InvalidField { field, message } | ApiError::Conflict { field, message }) => {
                problems.push(Problem { item, field: Some(field), message })
            }
            Err(other) => return Err(other.into()),
        }
    }
    Ok(if problems.is_empty() { Ok(checked) } else { Err(problems) })
}

/// The error for a database that refused a duplicate the checks did not see: a record
/// with the same code was stored by someone else while the file was being checked.
fn stored_meanwhile(error: StoreError, records: &str) -> anyhow::Error {
    match error.is_duplicate() {
        true => anyhow::Error::new(error).context(format!(
            "nothing was imported: {records} with the same codes were stored meanwhile; run the import again \
             to see which"
        )),
        false => error.into(),
    }
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
    fn the_database_may_be_named_before_or_after_the_file() {
        use clap::Parser;
        let parse = |args: &[&str]| match crate::config::Cli::parse_from(args).command {
            crate::config::Command::Import(import) => import,
            other => panic!("parsed {other:?}"),
        };
        let after =
            parse(&["parkatlas", "import", "parcels", "a.geojson", "--park", "3", "--database-url", "sqlite://x"]);
        assert!(matches!(&after.what, ImportCommand::Parcels { file, park: 3 } if file == Path::new("a.geojson")));
        assert_eq!(after.database_url, "sqlite://x");
        let before = parse(&["parkatlas", "import", "--database-url", "sqlite://y", "enterprises", "b.csv"]);
        assert!(matches!(&before.what, ImportCommand::Enterprises { file } if file == Path::new("b.csv")));
        assert_eq!(before.database_url, "sqlite://y");
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
