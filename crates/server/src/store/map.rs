//! Parks and parcels: the public map. Geometries are stored as GeoJSON text that
//! parkatlas-core validated, with the geodesic area and the bounding box beside them so
//! that viewport queries and reads need no geometry work.

use std::str::FromStr;

use parkatlas_core::geometry::{BoundingBox, Shape};
use parkatlas_core::units::SquareMetres;
use parkatlas_core::wire::{
    ChangeKind, Feature, LandUse, ParcelBody, ParcelCollection, ParcelDetails, ParcelProperties, ParcelRecord,
    ParcelStatus, ParkBody, ParkCollection, ParkDetails, ParkLevel, ParkProperties, ParkRecord, ParkType,
};
use sqlx::AnyConnection;
use sqlx::Row;

use super::error::{Context, Result};
use super::write::{Audience, Write};
use super::{from_db, insert_returning_id, to_db, AnyQuery, Store, DATASET_KEY, DEMO_DATASET};

/// A park to insert, its boundary already validated.
pub struct NewPark {
    pub body: ParkBody,
    pub boundary: Shape,
}

/// A parcel to insert, its geometry already validated.
pub struct NewParcel {
    pub body: ParcelBody,
    pub geometry: Shape,
}

/// The result of a change that names the version it expects.
#[derive(Debug)]
pub enum Versioned<T> {
    Done(T),
    /// The record has moved on: here it is as it now stands.
    Stale(T),
    Missing,
}

const PARK_COLUMNS: &str = "p.id, p.name, p.name_en, p.park_type, p.level, p.district, p.boundary, p.area_m2, \
     p.details, p.version, (SELECT COUNT(*) FROM parcels WHERE parcels.park_id = p.id) AS parcel_count";

const PARCEL_COLUMNS: &str = "id, park_id, code, land_use, status, geometry, area_m2, version";

impl Store {
    /// Inserts parks with their parcels in one transaction, marking the database as
    /// holding demo data when `demo` is set: all of it is stored, or none.
    pub async fn insert_parks(&self, parks: &[(NewPark, Vec<NewParcel>)], demo: bool) -> Result<()> {
        let super::Begun::Fresh(mut write) = self.write(None).await? else { unreachable!("no operation id") };
        for (park, parcels) in parks {
            let park_id = insert_park(&mut write, park).await?;
            for parcel in parcels {
                insert_parcel(&mut write, park_id, parcel).await?;
            }
        }
        if demo {
            sqlx::query(
                "INSERT INTO dataset_meta (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(DATASET_KEY)
            .bind(DEMO_DATASET)
            .execute(write.connection())
            .await?;
        }
        write.finish(super::Outcome { status: 201, version: None, body: String::new() }).await?;
        Ok(())
    }

    pub async fn parks(&self) -> Result<ParkCollection> {
        let demo = self.holds_demo_data().await?;
        let rows: Vec<ParkRow> =
            sqlx::query_as(&format!("SELECT {PARK_COLUMNS} FROM parks p ORDER BY p.id")).fetch_all(&self.pool).await?;
        let features = rows.into_iter().map(|row| row.into_feature(demo)).collect::<Result<_>>()?;
        Ok(ParkCollection::new(features))
    }

    pub async fn park(&self, id: i64) -> Result<Option<ParkRecord>> {
        let demo = self.holds_demo_data().await?;
        let mut connection = self.pool.acquire().await?;
        read_park(&mut connection, id, demo).await
    }

    /// Adds a park; returns it as stored.
    pub async fn add_park(&self, write: &mut Write, park: &NewPark) -> Result<ParkRecord> {
        let id = insert_park(write, park).await?;
        let demo = self.holds_demo_data().await?;
        read_park(write.connection(), id, demo).await?.context("the park just inserted is missing")
    }

    /// Replaces park `id` when it is still at `expected` version.
    pub async fn replace_park(
        &self,
        write: &mut Write,
        id: i64,
        expected: i64,
        park: &NewPark,
    ) -> Result<Versioned<ParkRecord>> {
        let body = &park.body;
        let query = sqlx::query(
            "UPDATE parks SET name = $1, name_en = $2, park_type = $3, level = $4, district = $5, details = $6,
                 version = version + 1, boundary = $7, area_m2 = $8, west = $9, south = $10, east = $11, north = $12
             WHERE id = $13 AND version = $14",
        )
        .bind(&body.name)
        .bind(&body.name_en)
        .bind(to_db(body.park_type))
        .bind(to_db(body.level))
        .bind(&body.district)
        .bind(serde_json::to_string(&body.details)?);
        let updated = bind_shape(query, &park.boundary).bind(id).bind(expected).execute(write.connection()).await?;
        let demo = self.holds_demo_data().await?;
        let Some(record) = read_park(write.connection(), id, demo).await? else { return Ok(Versioned::Missing) };
        if updated.rows_affected() == 0 {
            return Ok(Versioned::Stale(record));
        }
        write.log_change(ChangeKind::Park, id, record.properties.version, false, Audience::Everyone).await?;
        Ok(Versioned::Done(record))
    }

    /// The parcels of park `park_id`, or `None` when there is no such park.
    pub async fn parcels_of_park(&self, park_id: i64) -> Result<Option<ParcelCollection>> {
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT id FROM parks WHERE id = $1").bind(park_id).fetch_optional(&self.pool).await?;
        if exists.is_none() {
            return Ok(None);
        }
        let rows: Vec<ParcelRow> =
            sqlx::query_as(&format!("SELECT {PARCEL_COLUMNS} FROM parcels WHERE park_id = $1 ORDER BY id"))
                .bind(park_id)
                .fetch_all(&self.pool)
                .await?;
        let features = rows.into_iter().map(|row| row.into_feature(None)).collect::<Result<_>>()?;
        Ok(Some(ParcelCollection::new(features)))
    }

    /// The parcels whose extent overlaps `view`, simplified for drawing at `zoom`.
    pub async fn parcels_in_view(&self, view: BoundingBox, zoom: u8) -> Result<ParcelCollection> {
        let rows: Vec<ParcelRow> = sqlx::query_as(&format!(
            "SELECT {PARCEL_COLUMNS} FROM parcels p WHERE {} ORDER BY id",
            overlapping(["$1", "$2", "$3", "$4"])
        ))
        .bind(view.west)
        .bind(view.east)
        .bind(view.south)
        .bind(view.north)
        .fetch_all(&self.pool)
        .await?;
        let features = rows.into_iter().map(|row| row.into_feature(Some(zoom))).collect::<Result<_>>()?;
        Ok(ParcelCollection::new(features))
    }

    /// One parcel with its details and the name of the enterprise using it.
    pub async fn parcel(&self, id: i64) -> Result<Option<ParcelRecord>> {
        let mut connection = self.pool.acquire().await?;
        read_parcel(&mut connection, id).await
    }

    /// Parcels with their details, by id, for the change feed.
    pub async fn parcels_by_id(&self, ids: &[i64]) -> Result<Vec<ParcelRecord>> {
        let mut connection = self.pool.acquire().await?;
        read_parcels(&mut connection, ids).await
    }

    pub async fn add_parcel(&self, write: &mut Write, park_id: i64, parcel: &NewParcel) -> Result<ParcelRecord> {
        let id = insert_parcel(write, park_id, parcel).await?;
        read_parcel(write.connection(), id).await?.context("the parcel just inserted is missing")
    }

    /// Replaces parcel `id` when it is still at `expected` version.
    pub async fn replace_parcel(
        &self,
        write: &mut Write,
        id: i64,
        expected: i64,
        parcel: &NewParcel,
    ) -> Result<Versioned<ParcelRecord>> {
        let body = &parcel.body;
        let query = sqlx::query(
            "UPDATE parcels SET code = $1, land_use = $2, status = $3, supply_mode = $4, occupant_id = $5,
                 details = $6, version = version + 1,
                 geometry = $7, area_m2 = $8, west = $9, south = $10, east = $11, north = $12
             WHERE id = $13 AND version = $14",
        )
        .bind(&body.code)
        .bind(to_db(body.land_use))
        .bind(to_db(body.status))
        .bind(body.details.supply_mode.map(to_db))
        .bind(body.details.occupant_id)
        .bind(stored_details(&body.details)?);
        let updated = bind_shape(query, &parcel.geometry).bind(id).bind(expected).execute(write.connection()).await?;
        let Some(record) = read_parcel(write.connection(), id).await? else { return Ok(Versioned::Missing) };
        if updated.rows_affected() == 0 {
            return Ok(Versioned::Stale(record));
        }
        write.log_change(ChangeKind::Parcel, id, record.properties.version, false, Audience::Everyone).await?;
        Ok(Versioned::Done(record))
    }

    /// Deletes parcel `id` when it is still at `expected` version; leaves a tombstone in the feed.
    pub async fn delete_parcel(&self, write: &mut Write, id: i64, expected: i64) -> Result<Versioned<()>> {
        let deleted = sqlx::query("DELETE FROM parcels WHERE id = $1 AND version = $2")
            .bind(id)
            .bind(expected)
            .execute(write.connection())
            .await?;
        if deleted.rows_affected() == 0 {
            return Ok(match read_parcel(write.connection(), id).await? {
                Some(_) => Versioned::Stale(()),
                None => Versioned::Missing,
            });
        }
        write.log_change(ChangeKind::Parcel, id, expected + 1, true, Audience::Everyone).await?;
        Ok(Versioned::Done(()))
    }

    /// The park a parcel belongs to, for permission checks.
    pub async fn park_of_parcel(&self, parcel_id: i64) -> sqlx::Result<Option<i64>> {
        sqlx::query_scalar("SELECT park_id FROM parcels WHERE id = $1").bind(parcel_id).fetch_optional(&self.pool).await
    }

    pub async fn park_exists(&self, park_id: i64) -> sqlx::Result<bool> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM parks WHERE id = $1").bind(park_id).fetch_optional(&self.pool).await?;
        Ok(found.is_some())
    }

    /// True when another parcel than `except` already has `code`.
    pub async fn parcel_code_taken(&self, code: &str, except: Option<i64>) -> sqlx::Result<bool> {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM parcels WHERE code = $1 AND id <> $2")
            .bind(code)
            .bind(except.unwrap_or(0))
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.is_some())
    }
}

async fn insert_park(write: &mut Write, park: &NewPark) -> Result<i64> {
    let body = &park.body;
    let query = sqlx::query(
        "INSERT INTO parks (name, name_en, park_type, level, district, details,
                            boundary, area_m2, west, south, east, north)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(&body.name)
    .bind(&body.name_en)
    .bind(to_db(body.park_type))
    .bind(to_db(body.level))
    .bind(&body.district)
    .bind(serde_json::to_string(&body.details)?);
    let id: i64 = bind_shape(query, &park.boundary)
        .fetch_one(write.connection())
        .await
        .with_context(|| format!("cannot insert park {}", body.name))?
        .get(0);
    write.log_change(ChangeKind::Park, id, 1, false, Audience::Everyone).await?;
    Ok(id)
}

/// A parcel's columns, in the order [`bind_parcel`] binds them: every insert names these.
pub(super) const PARCEL_INSERT_COLUMNS: [&str; 13] = [
    "park_id",
    "code",
    "land_use",
    "status",
    "supply_mode",
    "occupant_id",
    "details",
    "geometry",
    "area_m2",
    "west",
    "south",
    "east",
    "north",
];

/// Binds a parcel's columns: park, code, classes, details, then its shape.
pub(super) fn bind_parcel<'q>(query: AnyQuery<'q>, park_id: i64, parcel: &NewParcel) -> Result<AnyQuery<'q>> {
    let body = &parcel.body;
    let query = query
        .bind(park_id)
        .bind(body.code.clone())
        .bind(to_db(body.land_use))
        .bind(to_db(body.status))
        .bind(body.details.supply_mode.map(to_db))
        .bind(body.details.occupant_id)
        .bind(stored_details(&body.details)?);
    Ok(bind_shape(query, &parcel.geometry))
}

async fn insert_parcel(write: &mut Write, park_id: i64, parcel: &NewParcel) -> Result<i64> {
    let sql = insert_returning_id("parcels", &PARCEL_INSERT_COLUMNS);
    let id: i64 = bind_parcel(sqlx::query(&sql), park_id, parcel)?
        .fetch_one(write.connection())
        .await
        .with_context(|| format!("cannot insert parcel {}", parcel.body.code))?
        .get(0);
    write.log_change(ChangeKind::Parcel, id, 1, false, Audience::Everyone).await?;
    Ok(id)
}

/// Details as stored: the occupant's name is looked up on reading, never stored twice.
fn stored_details(details: &ParcelDetails) -> serde_json::Result<String> {
    serde_json::to_string(&ParcelDetails { occupant_name: None, ..details.clone() })
}

async fn read_park(connection: &mut AnyConnection, id: i64, demo: bool) -> Result<Option<ParkRecord>> {
    let row: Option<ParkRow> = sqlx::query_as(&format!("SELECT {PARK_COLUMNS} FROM parks p WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(connection)
        .await?;
    row.map(|row| row.into_feature(demo)).transpose()
}

async fn read_parcel(connection: &mut AnyConnection, id: i64) -> Result<Option<ParcelRecord>> {
    Ok(read_parcels(connection, &[id]).await?.pop())
}

/// Parcels with their details and occupant names, in id order; missing ids are skipped.
async fn read_parcels(connection: &mut AnyConnection, ids: &[i64]) -> Result<Vec<ParcelRecord>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT p.id, p.park_id, p.code, p.land_use, p.status, p.geometry, p.area_m2, p.version, p.details,
                e.name AS occupant_name
         FROM parcels p LEFT JOIN enterprises e ON e.id = p.occupant_id
         WHERE p.id IN ({}) ORDER BY p.id",
        super::placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, DetailedParcelRow>(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(connection).await?;
    rows.into_iter()
        .map(|row| {
            let details = ParcelDetails { occupant_name: row.occupant_name, ..serde_json::from_str(&row.details)? };
            let mut feature = row.parcel.into_feature(None)?;
            feature.properties.details = Some(details);
            Ok(feature)
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct DetailedParcelRow {
    #[sqlx(flatten)]
    parcel: ParcelRow,
    details: String,
    occupant_name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ParkRow {
    id: i64,
    name: String,
    name_en: String,
    park_type: String,
    level: String,
    district: String,
    boundary: String,
    area_m2: f64,
    details: String,
    version: i64,
    parcel_count: i64,
}

impl ParkRow {
    fn into_feature(self, demo: bool) -> Result<Feature<ParkProperties>> {
        Ok(Feature::new(
            self.id,
            geojson::Geometry::from_str(&self.boundary)?,
            ParkProperties {
                name: self.name,
                name_en: self.name_en,
                park_type: from_db::<ParkType>(&self.park_type)?,
                district: self.district,
                area_m2: SquareMetres(self.area_m2),
                parcel_count: u32::try_from(self.parcel_count)?,
                demo,
                level: from_db::<ParkLevel>(&self.level)?,
                details: serde_json::from_str::<ParkDetails>(&self.details)?,
                version: self.version,
            },
        ))
    }
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
    version: i64,
}

impl ParcelRow {
    /// The parcel as a map feature; with a zoom, its geometry simplified for that zoom
    /// (the area stays that of the stored geometry).
    fn into_feature(self, zoom: Option<u8>) -> Result<Feature<ParcelProperties>> {
        let stored = geojson::Geometry::from_str(&self.geometry)?;
        let geometry = match zoom {
            Some(zoom) => Shape::from_geojson(&stored)?.simplified_for_zoom(zoom).to_geojson(),
            None => stored,
        };
        Ok(Feature::new(
            self.id,
            geometry,
            ParcelProperties {
                park_id: self.park_id,
                code: self.code,
                land_use: from_db::<LandUse>(&self.land_use)?,
                status: from_db::<ParcelStatus>(&self.status)?,
                area_m2: SquareMetres(self.area_m2),
                version: self.version,
                details: None,
            },
        ))
    }
}

/// The condition that parcel `p`'s extent overlaps the box whose west, east, south and
/// north edges are the parameters `edges`. The extent index (an R*Tree on SQLite, see
/// migration 0005) finds the candidates; the exact test on `p` decides.
pub(super) fn overlapping([west, east, south, north]: [&str; 4]) -> String {
    format!(
        "p.id IN (SELECT id FROM parcel_extents
                  WHERE east >= {west} AND west <= {east} AND north >= {south} AND south <= {north})
         AND p.east >= {west} AND p.west <= {east} AND p.north >= {south} AND p.south <= {north}"
    )
}

/// Binds what parks and parcels store of a shape, in their shared column order:
/// GeoJSON, geodesic area, then the bounding box (west, south, east, north).
pub(super) fn bind_shape<'q>(query: AnyQuery<'q>, shape: &Shape) -> AnyQuery<'q> {
    let bbox = shape.bounding_box();
    query
        .bind(shape.to_geojson().to_string())
        .bind(shape.area().0)
        .bind(bbox.west)
        .bind(bbox.south)
        .bind(bbox.east)
        .bind(bbox.north)
}

impl Store {
    /// The park an enterprise is registered in; `None` when there is no such enterprise.
    pub async fn park_of_enterprise(&self, enterprise_id: i64) -> sqlx::Result<Option<i64>> {
        sqlx::query_scalar("SELECT park_id FROM enterprises WHERE id = $1")
            .bind(enterprise_id)
            .fetch_optional(&self.pool)
            .await
    }
}
