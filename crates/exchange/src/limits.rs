//! The bounds on what an import reads, so that a hostile or mistaken file costs bounded
//! time and memory: checked before anything is decompressed or allocated per item.

use std::io::{Cursor, Read};

use crate::problem::Refusal;

/// The largest file read, compressed or not (50 MB: a city's parcel survey is a few MB).
pub const MAX_FILE_BYTES: usize = 50 << 20;
/// The most a zip may unpack to, declared or actual (200 MB): more is a zip bomb.
pub const MAX_UNPACKED_BYTES: u64 = 200 << 20;
/// The most entries a zip may list.
pub const MAX_ZIP_ENTRIES: usize = 1_000;
/// The most features in one file, and rows in one sheet.
pub const MAX_FEATURES: usize = 100_000;
pub const MAX_ROWS: usize = 100_000;
/// The most vertices one parcel's outline may have, all rings together: surveyed parcels
/// have tens to hundreds; tens of thousands is a traced image or a park boundary.
pub const MAX_VERTICES: usize = 20_000;

/// Refuses a file larger than [`MAX_FILE_BYTES`].
pub fn check_size(bytes: &[u8]) -> Result<(), Refusal> {
    match bytes.len() > MAX_FILE_BYTES {
        true => Err(Refusal::whole(format!("it is larger than {} MB", MAX_FILE_BYTES >> 20))),
        false => Ok(()),
    }
}

/// Refuses a zip archive whose entries declare more than [`MAX_UNPACKED_BYTES`] in all,
/// or that lists more than [`MAX_ZIP_ENTRIES`] entries.
pub fn check_zip(bytes: &[u8]) -> Result<(), Refusal> {
    check_size(bytes)?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| Refusal::whole(format!("it is not a zip archive: {error}")))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(Refusal::whole(format!("its zip lists {} entries, more than {MAX_ZIP_ENTRIES}", archive.len())));
    }
    let mut declared: u64 = 0;
    for index in 0..archive.len() {
        let entry =
            archive.by_index_raw(index).map_err(|error| Refusal::whole(format!("its zip is damaged: {error}")))?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_UNPACKED_BYTES {
        return Err(too_large_unpacked());
    }
    Ok(())
}

/// Reads a zip entry whole, refusing it when it unpacks to more than `budget` bytes,
/// whatever its header declared; the budget shrinks by what was read.
pub fn read_entry(entry: &mut impl Read, name: &str, budget: &mut u64) -> Result<Vec<u8>, Refusal> {
    let mut bytes = Vec::new();
    entry
        .take(*budget + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| Refusal::whole(format!("{name} in the zip cannot be unpacked: {error}")))?;
    let read = bytes.len() as u64;
    if read > *budget {
        return Err(too_large_unpacked());
    }
    *budget -= read;
    Ok(bytes)
}

fn too_large_unpacked() -> Refusal {
    Refusal::whole(format!("it unpacks to more than {} MB, which no parcel survey needs", MAX_UNPACKED_BYTES >> 20))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_that_unpacks_past_its_budget_is_refused_whatever_it_declared() {
        let mut budget = 1000;
        let mut small = &[1u8; 600][..];
        assert_eq!(read_entry(&mut small, "a.dbf", &mut budget).unwrap().len(), 600);
        assert_eq!(budget, 400);
        let mut large = &[1u8; 401][..];
        assert!(read_entry(&mut large, "a.shp", &mut budget)
            .unwrap_err()
            .reason
            .starts_with("it unpacks to more than"));
    }
}
