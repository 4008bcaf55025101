//! The device's IndexedDB database `parkatlas`, through the `idb` crate: the outbox (each
//! item's JSON beside its photos, kept as Blobs), the replica of the change feed, and other
//! reads kept for offline use. Values are JSON text, so that the serde types of the app
//! and the core are stored as they travel; only the photos are not text.

use std::cell::RefCell;
use std::rc::Rc;

use idb::{Database, Index, KeyPath, ObjectStore, Query, Transaction, TransactionMode};
use js_sys::{Array, Object, Reflect};
use parkatlas_core::wire::ChangeKind;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

const NAME: &str = "parkatlas";
/// Raised with every change of the stores below; the builder then adds what is missing.
const VERSION: u32 = 1;
/// Key: the operation id. Value: `{entry: JSON text, photos: [Blob]}`.
const OUTBOX: &str = "outbox";
/// Key path `[kind, id]`, with an index on `kind`. Value: `{kind, id, json}`.
const RECORDS: &str = "records";
/// Key: any name a page chose. Value: JSON text.
const KEPT: &str = "kept";
/// Key: `replica`. Value: the JSON text of the replica's owner and cursor.
const META: &str = "meta";
const REPLICA_KEY: &str = "replica";

/// Why the database did not do what was asked, in the browser's words (for the console:
/// the outbox keeps working from memory, and the replica is only a copy).
#[derive(Debug)]
pub struct Unavailable(pub String);

impl From<idb::Error> for Unavailable {
    fn from(error: idb::Error) -> Self {
        Unavailable(error.to_string())
    }
}

type Result<T> = std::result::Result<T, Unavailable>;

thread_local! {
    /// The open database: opened once per page load, on first use.
    static DATABASE: RefCell<Option<Rc<Database>>> = const { RefCell::new(None) };
}

async fn database() -> Result<Rc<Database>> {
    if let Some(database) = DATABASE.with_borrow(Clone::clone) {
        return Ok(database);
    }
    let records = ObjectStore::builder(RECORDS)
        .key_path(Some(KeyPath::new_array(["kind", "id"])))
        .add_index(Index::builder("kind".into(), KeyPath::new_single("kind")));
    let database = Database::builder(NAME)
        .version(VERSION)
        .add_object_store(ObjectStore::builder(OUTBOX))
        .add_object_store(records)
        .add_object_store(ObjectStore::builder(KEPT))
        .add_object_store(ObjectStore::builder(META))
        .build()
        .await?;
    let database = Rc::new(database);
    DATABASE.with_borrow_mut(|slot| *slot = Some(Rc::clone(&database)));
    Ok(database)
}

/// Makes the requests `change` issues on `stores` in one read-write transaction, and waits
/// until they are all on disk: a failed request aborts them all.
async fn change(
    stores: &[&str],
    change: impl FnOnce(&Transaction) -> std::result::Result<(), idb::Error>,
) -> Result<()> {
    let transaction = database().await?.transaction(stores, TransactionMode::ReadWrite)?;
    change(&transaction)?;
    if transaction.commit()?.await?.is_committed() {
        Ok(())
    } else {
        Err(Unavailable(format!("the change to {} was aborted", stores.join(", "))))
    }
}

/// A read-only transaction on `store`.
async fn reading(store: &str) -> Result<ObjectStore> {
    Ok(database().await?.transaction(&[store], TransactionMode::ReadOnly)?.object_store(store)?)
}

/// A JS object of `fields`.
fn object(fields: &[(&str, &JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

fn text_field(value: &JsValue, name: &str) -> Option<String> {
    Reflect::get(value, &JsValue::from_str(name)).ok()?.as_string()
}

fn record_key(kind: ChangeKind, id: i64) -> JsValue {
    // IndexedDB keys are JS numbers: record ids stay far below 2^53.
    Array::of2(&JsValue::from_str(kind.as_str()), &JsValue::from_f64(id as f64)).into()
}

// ---------- the outbox ----------

/// Stores an outbox entry (its JSON) with its photos, replacing one of the same operation id.
pub async fn put_entry(operation_id: &str, entry_json: &str, photos: &[Blob]) -> Result<()> {
    let photos: Array = photos.iter().collect();
    let value = object(&[("entry", &JsValue::from_str(entry_json)), ("photos", &photos)]);
    change(&[OUTBOX], |transaction| {
        transaction.object_store(OUTBOX)?.put(&value, Some(&JsValue::from_str(operation_id)))?;
        Ok(())
    })
    .await
}

/// Every stored outbox entry, of every account, as its JSON and its photos.
pub async fn entries() -> Result<Vec<(String, Vec<Blob>)>> {
    let values = reading(OUTBOX).await?.get_all(None, None)?.await?;
    Ok(values
        .iter()
        .filter_map(|value| {
            let photos = Reflect::get(value, &JsValue::from_str("photos")).ok()?;
            let photos = photos.dyn_into::<Array>().ok()?.iter().filter_map(|blob| blob.dyn_into().ok()).collect();
            Some((text_field(value, "entry")?, photos))
        })
        .collect())
}

pub async fn delete_entries(operation_ids: &[String]) -> Result<()> {
    change(&[OUTBOX], |transaction| {
        let store = transaction.object_store(OUTBOX)?;
        for id in operation_ids {
            store.delete(Query::Key(JsValue::from_str(id)))?;
        }
        Ok(())
    })
    .await
}

// ---------- the replica ----------

/// The JSON text of the replica's owner and cursor, if a refresh stored one.
pub async fn replica_meta() -> Result<Option<String>> {
    let value = reading(META).await?.get(JsValue::from_str(REPLICA_KEY))?.await?;
    Ok(value.and_then(|value| value.as_string()))
}

/// A record of the change feed: its current JSON, or `None` for a tombstone.
pub type Stored = (ChangeKind, i64, Option<String>);

/// Stores a page of the change feed and the cursor after it, in one transaction, so that
/// the cursor never runs ahead of the records.
pub async fn apply_changes(changes: &[Stored], meta_json: &str) -> Result<()> {
    change(&[RECORDS, META], |transaction| {
        let records = transaction.object_store(RECORDS)?;
        for (kind, id, json) in changes {
            match json {
                Some(json) => {
                    let value = object(&[
                        ("kind", &JsValue::from_str(kind.as_str())),
                        ("id", &JsValue::from_f64(*id as f64)),
                        ("json", &JsValue::from_str(json)),
                    ]);
                    records.put(&value, None)?;
                }
                None => {
                    records.delete(Query::Key(record_key(*kind, *id)))?;
                }
            }
        }
        let meta = transaction.object_store(META)?;
        meta.put(&JsValue::from_str(meta_json), Some(&JsValue::from_str(REPLICA_KEY)))?;
        Ok(())
    })
    .await
}

/// Forgets the replica and every kept read (on sign-out, or when another account signs in).
pub async fn clear_replica() -> Result<()> {
    change(&[RECORDS, KEPT, META], |transaction| {
        for store in [RECORDS, KEPT, META] {
            transaction.object_store(store)?.clear()?;
        }
        Ok(())
    })
    .await
}

/// The JSON of every stored record of `kind`.
pub async fn records(kind: ChangeKind) -> Result<Vec<String>> {
    let index = reading(RECORDS).await?.index("kind")?;
    let values = index.get_all(Some(Query::Key(JsValue::from_str(kind.as_str()))), None)?.await?;
    Ok(values.iter().filter_map(|value| text_field(value, "json")).collect())
}

pub async fn record(kind: ChangeKind, id: i64) -> Result<Option<String>> {
    let value = reading(RECORDS).await?.get(Query::Key(record_key(kind, id)))?.await?;
    Ok(value.and_then(|value| text_field(&value, "json")))
}

// ---------- other reads kept for offline use ----------

pub async fn keep(key: &str, json: &str) -> Result<()> {
    change(&[KEPT], |transaction| {
        transaction.object_store(KEPT)?.put(&JsValue::from_str(json), Some(&JsValue::from_str(key)))?;
        Ok(())
    })
    .await
}

pub async fn kept(key: &str) -> Result<Option<String>> {
    let value = reading(KEPT).await?.get(JsValue::from_str(key))?.await?;
    Ok(value.and_then(|value| value.as_string()))
}
