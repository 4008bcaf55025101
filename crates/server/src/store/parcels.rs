//! Parcels: the plots of land inside a park. A parcel's geometry is stored as GeoJSON text
//! that parkatlas-core validated, with its geodesic area and bounding box beside it (see
//! `store::bind_shape`) so that viewport queries and reads need no geometry work.
//! `overlapping`, the condition that a parcel lies in a box, is shared with `land.rs`.

use std::str::FromStr;

use parkatlas_core::geometry::{BoundingBox, Shape};
use parkatlas_core::units::SquareMetres;
use parkatlas_core::wire::{
    ChangeKind, Feature, LandUse, ParcelBody, ParcelCollection, ParcelDetails, ParcelProperties, ParcelRecord,
    ParcelStatus,
};
use sqlx::AnyConnection;
use sqlx::Row;

use super::error::{Context, Result};
use super::write::{Audience, Versioned, Write};
use super::{bind_shape, from_db, insert_returning_id, to_db, AnyQuery, Store};

/// A parcel to insert, its geometry already validated.
pub struct NewParcel {
    pub body: ParcelBody,
    pub geometry: Shape,
}

const PARCEL_COLUMNS: &str = "id, park_id, code, land_use, status, geometry, area_m2, version";

impl Store {
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

    /// The parcels an enterprise uses, with their details, in id order.
    pub async fn parcels_of_enterprise(&self, enterprise_id: i64) -> Result<Vec<ParcelRecord>> {
        let mut connection = self.pool.acquire().await?;
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM parcels WHERE occupant_id = $1 ORDER BY id")
            .bind(enterprise_id)
            .fetch_all(&mut *connection)
            .await?;
        read_parcels(&mut connection, &ids).await
    }

    pub async fn add_parcel(&self, write: &mut Write, park_id: i64, parcel: &NewParcel) -> Result<ParcelRecord> {
        let id = insert_parcel(write, park_id, parcel).await?;
        read_parcel(write.connection(), id).await?.context("the parcel just inserted is missing")
    }

    /// Adds a parcel within `write` and returns its id, for writes that add many.
    pub async fn add_parcel_id(&self, write: &mut Write, park_id: i64, parcel: &NewParcel) -> Result<i64> {
        insert_parcel(write, park_id, parcel).await
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

pub(super) async fn insert_parcel(write: &mut Write, park_id: i64, parcel: &NewParcel) -> Result<i64> {
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
