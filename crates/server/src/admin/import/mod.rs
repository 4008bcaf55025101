//! `parkatlas import parcels <file.geojson|.zip> --park <id>` and `parkatlas import
//! enterprises <file.csv|.xlsx>`: records from officials' files, read by
//! `parkatlas-exchange` as the browser reads them, each checked by the rules of the API's
//! create endpoints, then stored all together — or, when any feature or row is bad,
//! nothing at all, with a report naming every bad one, its field and the problem.

mod enterprises;
mod parcels;

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use parkatlas_exchange::problem::{Problem, ReadItems, Refusal};

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
    /// Parcels of one park from a GeoJSON FeatureCollection (WGS-84) or a zipped Shapefile
    /// (CGCS2000 or its Gauss–Krüger zones, attributes in UTF-8 or GBK), one feature per parcel.
    Parcels {
        /// The .geojson or .zip file; its columns fill the parcel's fields by their usual names.
        file: PathBuf,
        /// The id of the park the parcels belong to.
        #[arg(long)]
        park: i64,
    },
    /// Enterprises from a CSV file (UTF-8 or GBK) or an Excel workbook (.xlsx): a header row,
    /// one enterprise per row.
    Enterprises {
        /// The .csv or .xlsx file; its header names the enterprise fields of its columns.
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

/// Checks every item that could be read (and is unique within the file) with `check`,
/// the API's rules against the database. Returns the checked records, or one problem for
/// each bad item.
async fn check_all<T, U>(
    items: ReadItems<T>,
    check: impl AsyncFn(T) -> Result<U, ApiError>,
) -> anyhow::Result<Result<Vec<U>, Vec<Problem>>> {
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

/// The whole file, or why it cannot be read.
fn read_file(file: &Path) -> Result<Vec<u8>, Refused> {
    std::fs::read(file).map_err(|error| Refused::new(file, Refusal::whole(format!("cannot read it: {error}"))))
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
}
