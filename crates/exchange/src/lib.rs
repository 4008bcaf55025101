//! parkatlas-exchange: officials' files read into the bodies the API takes, before
//! anything is stored. Used by the server's `parkatlas import` and by the signed-in app's
//! import page (never by the public atlas), so that both read a file alike and name each
//! bad feature or row with its field. Pure: bytes in, bodies and problems out; compiles
//! for wasm32 and the host.
//!
//! - [`parcels`]: GeoJSON and zipped Shapefiles (DBF text in UTF-8 or GBK, `.prj` in
//!   CGCS2000 or its Gauss–Krüger zones, reprojected to WGS-84), mapped column by column.
//! - [`enterprises`]: enterprises from CSV (UTF-8 or GBK) or Excel (.xlsx) through [`table`].
//! - [`limits`]: what a file may hold (zip bombs, vertex counts), checked before reading.

pub mod enterprises;
pub mod limits;
pub mod parcels;
pub mod prj;
pub mod problem;
pub mod table;
pub mod text;

#[doc(hidden)]
pub mod test_support;

use std::collections::hash_map::{Entry, HashMap};
use std::hash::Hash;

use crate::problem::{Problem, ReadItems};

/// `items` with each item whose key (a parcel code, a credit code) an earlier item of the
/// file already has turned into a problem of `key_field`.
pub fn unique_within_file<T, K: Hash + Eq>(
    items: ReadItems<T>,
    key_field: &str,
    key: impl Fn(&T) -> K,
) -> ReadItems<T> {
    let mut first_users = HashMap::new();
    items
        .into_iter()
        .map(|(item, read)| {
            let read = read.and_then(|record| match first_users.entry(key(&record)) {
                Entry::Occupied(first) => {
                    Err(Problem::new(item, key_field, format!("is the same as in {}", first.get())))
                }
                Entry::Vacant(unused) => {
                    unused.insert(item);
                    Ok(record)
                }
            });
            (item, read)
        })
        .collect()
}
