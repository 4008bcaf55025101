//! `parkatlas import enterprises`: a CSV file (UTF-8 or GBK) or an Excel workbook, read by
//! `parkatlas-exchange` row by row into the body `POST /enterprises` takes.

use std::collections::BTreeMap;
use std::path::Path;

use parkatlas_exchange::enterprises::read_rows;
use parkatlas_exchange::problem::{counted, Refusal};
use parkatlas_exchange::table::Table;

use super::{check_all, read_file, stored_meanwhile, Refused};
use crate::api::enterprises::{check_credit_code_free, check_record};
use crate::store::Store;

/// Checks the rows of `file` and stores them as enterprises; returns what to tell the user.
pub(super) async fn import(store: &Store, file: &Path) -> anyhow::Result<String> {
    let refused = |refusal| Refused::new(file, refusal);
    let bytes = read_file(file)?;
    let name = file.file_name().map(|name| name.to_string_lossy()).unwrap_or_default();
    let rows = Table::read(&name, &bytes).and_then(read_rows).map_err(refused)?;
    let total = rows.len();
    let checked = check_all(rows, async |body| {
        check_record(store, &body).await?;
        check_credit_code_free(store, &body, None).await?;
        Ok(body)
    })
    .await?;
    let enterprises = checked.map_err(|problems| refused(Refusal::items("row", total, problems)))?;
    store.import_enterprises(&enterprises).await.map_err(|error| stored_meanwhile(error, "enterprises"))?;
    let mut per_park: BTreeMap<i64, usize> = BTreeMap::new();
    for enterprise in &enterprises {
        *per_park.entry(enterprise.park_id).or_default() += 1;
    }
    let parks: Vec<String> = per_park.iter().map(|(park, count)| format!("park {park}: {count}")).collect();
    Ok(format!("imported {} ({})", counted(enterprises.len(), "enterprise"), parks.join(", ")))
}
