//! All SQL of parkatlas: opening and migrating the database, reading and writing
//! parks and parcels. Nothing outside this module writes a query.
//!
//! One code path serves both backends through sqlx's `Any` driver: an embedded SQLite
//! file by default, PostgreSQL when `DATABASE_URL` is a `postgres://` URL. Statements
//! use `$1`-style parameters, which both understand; each backend has its own
//! migrations folder.
//!
//! Geometries are stored as GeoJSON text that parkatlas-core validated, with the
//! geodesic area and bounding box precomputed so that reads need no geometry work.

use std::str::FromStr;

use anyhow::Context;
use parkatlas_core::geometry::{BoundingBox, Shape};
use parkatlas_core::units::SquareMetres;
use parkatlas_core::wire::{
    Feature, LandUse, ParcelCollection, ParcelProperties, ParcelStatus, ParkCollection, ParkProperties, ParkType,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::any::{AnyArguments, AnyPoolOptions};
use sqlx::{Any, AnyPool, Row};

/// A handle on the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
}

/// A park to insert, its boundary already validated.
pub struct NewPark {
    pub name: String,
    pub name_en: String,
    pub park_type: ParkType,
    pub district: String,
    pub boundary: Shape,
}

/// A parcel to insert, its geometry already validated.
pub struct NewParcel {
    pub code: String,
    pub land_use: LandUse,
    pub status: ParcelStatus,
    pub geometry: Shape,
}

const DATASET_KEY: &str = "dataset";
const DEMO_DATASET: &str = "demo";

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    fn of(url: &str) -> anyhow::Result<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!(
                "DATABASE_URL {url:?} is neither a SQLite file (sqlite://parkatlas.db) nor a PostgreSQL server \
                 (postgres://user:password@host/database)"
            )
        }
    }
}

impl Store {
    /// Opens the database at `url`, creating a SQLite file (and its directory) if needed,
    /// and applies pending migrations.
    pub async fn open(url: &str) -> anyhow::Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url)?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_file(url)?,
            Backend::Postgres => url.to_string(),
        };
        let pool = AnyPoolOptions::new()
            .connect(&url)
            .await
            .with_context(|| format!("cannot open the database at {}", redact(&url)))?;
        match backend {
            Backend::Sqlite => {
                // WAL lets readers proceed while a write commits; it is a property of the file.
                sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
                sqlx::migrate!("./migrations/sqlite").run(&pool).await
            }
            Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(&pool).await,
        }
        .context("cannot migrate the database")?;
        Ok(Store { pool })
    }

    pub async fn is_empty(&self) -> sqlx::Result<bool> {
        let parks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM parks").fetch_one(&self.pool).await?;
        Ok(parks == 0)
    }

    pub async fn holds_demo_data(&self) -> sqlx::Result<bool> {
        let dataset: Option<String> = sqlx::query_scalar("SELECT value FROM dataset_meta WHERE key = $1")
            .bind(DATASET_KEY)
            .fetch_optional(&self.pool)
            .await?;
        Ok(dataset.as_deref() == Some(DEMO_DATASET))
    }

    /// Inserts parks with their parcels in one transaction, marking the database as
    /// holding demo data when `demo` is set: all of it is stored, or none.
    pub async fn insert_parks(&self, parks: &[(NewPark, Vec<NewParcel>)], demo: bool) -> anyhow::Result<()> {
        let mut tx = self.pool.begin().await?;
        for (park, parcels) in parks {
            let query = sqlx::query(
                "INSERT INTO parks (name, name_en, park_type, district, boundary, area_m2, west, south, east, north)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            )
            .bind(&park.name)
            .bind(&park.name_en)
            .bind(to_db(park.park_type))
            .bind(&park.district);
            let park_id: i64 = bind_shape(query, &park.boundary)
                .fetch_one(&mut *tx)
                .await
                .with_context(|| format!("cannot insert park {}", park.name))?
                .get(0);
            for parcel in parcels {
                let query = sqlx::query(
                    "INSERT INTO parcels (park_id, code, land_use, status, geometry, area_m2, west, south, east, north)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(park_id)
                .bind(&parcel.code)
                .bind(to_db(parcel.land_use))
                .bind(to_db(parcel.status));
                bind_shape(query, &parcel.geometry)
                    .execute(&mut *tx)
                    .await
                    .with_context(|| format!("cannot insert parcel {}", parcel.code))?;
            }
        }
        if demo {
            sqlx::query("INSERT INTO dataset_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                .bind(DATASET_KEY)
                .bind(DEMO_DATASET)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn parks(&self) -> anyhow::Result<ParkCollection> {
        let demo = self.holds_demo_data().await?;
        let rows: Vec<ParkRow> = sqlx::query_as(
            "SELECT p.id, p.name, p.name_en, p.park_type, p.district, p.boundary, p.area_m2,
                    (SELECT COUNT(*) FROM parcels WHERE parcels.park_id = p.id) AS parcel_count
             FROM parks p ORDER BY p.id",
        )
        .fetch_all(&self.pool)
        .await?;
        let features = rows
            .into_iter()
            .map(|row| {
                Ok(Feature::new(
                    row.id,
                    geojson::Geometry::from_str(&row.boundary)?,
                    ParkProperties {
                        name: row.name,
                        name_en: row.name_en,
                        park_type: from_db(&row.park_type)?,
                        district: row.district,
                        area_m2: SquareMetres(row.area_m2),
                        parcel_count: u32::try_from(row.parcel_count)?,
                        demo,
                    },
                ))
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(ParkCollection::new(features))
    }

    /// The parcels of park `park_id`, or `None` when there is no such park.
    pub async fn parcels_of_park(&self, park_id: i64) -> anyhow::Result<Option<ParcelCollection>> {
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT id FROM parks WHERE id = $1").bind(park_id).fetch_optional(&self.pool).await?;
        if exists.is_none() {
            return Ok(None);
        }
        let rows: Vec<ParcelRow> = sqlx::query_as(
            "SELECT id, park_id, code, land_use, status, geometry, area_m2 FROM parcels WHERE park_id = $1 ORDER BY id",
        )
        .bind(park_id)
        .fetch_all(&self.pool)
        .await?;
        let features = rows.into_iter().map(|row| parcel_feature(row, None)).collect::<anyhow::Result<_>>()?;
        Ok(Some(ParcelCollection::new(features)))
    }

    /// The parcels whose extent overlaps `view`, simplified for drawing at `zoom`.
    pub async fn parcels_in_view(&self, view: BoundingBox, zoom: u8) -> anyhow::Result<ParcelCollection> {
        let rows: Vec<ParcelRow> = sqlx::query_as(
            "SELECT id, park_id, code, land_use, status, geometry, area_m2 FROM parcels
             WHERE east >= $1 AND west <= $2 AND north >= $3 AND south <= $4 ORDER BY id",
        )
        .bind(view.west)
        .bind(view.east)
        .bind(view.south)
        .bind(view.north)
        .fetch_all(&self.pool)
        .await?;
        let features = rows.into_iter().map(|row| parcel_feature(row, Some(zoom))).collect::<anyhow::Result<_>>()?;
        Ok(ParcelCollection::new(features))
    }
}

/// A stored parcel as a feature; with a zoom, its geometry simplified for that zoom
/// (areas stay those of the stored geometry).
fn parcel_feature(row: ParcelRow, zoom: Option<u8>) -> anyhow::Result<Feature<ParcelProperties>> {
    let stored = geojson::Geometry::from_str(&row.geometry)?;
    let geometry = match zoom {
        Some(zoom) => Shape::from_geojson(&stored)?.simplified_for_zoom(zoom).to_geojson(),
        None => stored,
    };
    Ok(Feature::new(
        row.id,
        geometry,
        ParcelProperties {
            park_id: row.park_id,
            code: row.code,
            land_use: from_db(&row.land_use)?,
            status: from_db(&row.status)?,
            area_m2: SquareMetres(row.area_m2),
        },
    ))
}

#[derive(sqlx::FromRow)]
struct ParkRow {
    id: i64,
    name: String,
    name_en: String,
    park_type: String,
    district: String,
    boundary: String,
    area_m2: f64,
    parcel_count: i64,
}

#[derive(sqlx::FromRow)]
struct ParcelRow {
    id: i64,
    park_id: i64,
    code: String,
    land_use: String,
    status: String,
    geometry: String,
    area_m2: f64,
}

type AnyQuery<'q> = sqlx::query::Query<'q, Any, AnyArguments<'q>>;

/// Binds what parks and parcels store of a shape, in their shared column order:
/// GeoJSON, geodesic area, then the bounding box (west, south, east, north).
fn bind_shape<'q>(query: AnyQuery<'q>, shape: &Shape) -> AnyQuery<'q> {
    let bbox = shape.bounding_box();
    query
        .bind(shape.to_geojson().to_string())
        .bind(shape.area().0)
        .bind(bbox.west)
        .bind(bbox.south)
        .bind(bbox.east)
        .bind(bbox.north)
}

/// Adds `mode=rwc` (create the file if missing) to a SQLite URL and creates its directory:
/// a new deployment names a file in a directory that may not exist yet.
fn prepare_sqlite_file(url: &str) -> anyhow::Result<String> {
    let path = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (file, query) = path.split_once('?').unwrap_or((path, ""));
    if let Some(directory) = std::path::Path::new(file).parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(directory)
            .with_context(|| format!("cannot create the database directory {}", directory.display()))?;
    }
    Ok(match query {
        "" => format!("{url}?mode=rwc"),
        q if q.contains("mode=") => url.to_string(),
        _ => format!("{url}&mode=rwc"),
    })
}

/// A URL fit for a log line: the password, if any, replaced by `***`.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Stores a unit enum as its JSON name (e.g. `under_construction`), so the database
/// and the API spell every value the same way.
fn to_db<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        other => unreachable!("unit enums serialize to strings, got {other:?}"),
    }
}

fn from_db<T: DeserializeOwned>(name: &str) -> anyhow::Result<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .with_context(|| format!("the database holds an unknown value {name:?}"))
}
