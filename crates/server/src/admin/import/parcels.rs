//! `parkatlas import parcels`: a GeoJSON FeatureCollection or a zipped Shapefile, read by
//! `parkatlas-exchange` with the default column mapping (`code`/地块编号/DKBH, …; other
//! columns ignored) into the bodies `POST /parks/{id}/parcels` takes.

use std::path::Path;

use parkatlas_exchange::parcels::{ColumnMapping, Survey};
use parkatlas_exchange::problem::{counted, Refusal};

use super::{check_all, read_file, stored_meanwhile, Refused};
use crate::store::Store;

/// Checks the features of `file` and stores them as parcels of park `park_id`; returns
/// what to tell the user.
pub(super) async fn import(store: &Store, file: &Path, park_id: i64) -> anyhow::Result<String> {
    let refused = |refusal| Refused::new(file, refusal);
    let Some(park) = store.park(park_id).await? else {
        return Err(refused(Refusal::whole(format!("no park has id {park_id}"))).into());
    };
    let bytes = read_file(file)?;
    let name = file.file_name().map(|name| name.to_string_lossy()).unwrap_or_default();
    let survey = Survey::read(&name, &bytes).map_err(refused)?;
    let mapping = ColumnMapping::default_for(&survey.columns);
    let missing: Vec<&str> = mapping.missing().iter().map(|field| field.key()).collect();
    if !missing.is_empty() {
        return Err(refused(Refusal::whole(format!(
            "no column fills {}; its columns are {} (name them as the README's import section lists, or use the \
             browser's import page to map them)",
            missing.join(", "),
            survey.columns.join(", ")
        )))
        .into());
    }
    let total = survey.features.len();
    let checked = check_all(survey.parcels(&mapping), async |parcel| {
        crate::api::parcels::checked(store, parcel.body, None).await
    })
    .await?;
    let parcels = checked.map_err(|problems| refused(Refusal::items("feature", total, problems)))?;
    store.import_parcels(park_id, &parcels).await.map_err(|error| stored_meanwhile(error, "parcels"))?;
    let imported =
        format!("imported {} into park {park_id} ({})", counted(parcels.len(), "parcel"), park.properties.name);
    // How the file was read, when there is more to say than "GeoJSON in WGS-84".
    let ignored: Vec<&str> = mapping.unmapped().collect();
    let mut read_as = Vec::new();
    if survey.format != "GeoJSON" {
        read_as.push(format!("read as {} in EPSG:{}", survey.format, survey.crs.epsg()));
    }
    if !ignored.is_empty() {
        read_as.push(format!("ignored columns: {}", ignored.join(", ")));
    }
    Ok(match read_as.is_empty() {
        true => imported,
        false => format!("{imported}\n{}", read_as.join("; ")),
    })
}
