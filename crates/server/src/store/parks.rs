//! Parks: the public map's top level. A park's boundary is stored as GeoJSON text that
//! parkatlas-core validated, with its geodesic area and bounding box beside it (see
//! `store::bind_shape`) so that reads need no geometry work.

use std::str::FromStr;

use parkatlas_core::geometry::Shape;
use parkatlas_core::units::SquareMetres;
use parkatlas_core::wire::{
    ChangeKind, Feature, ParkBody, ParkCollection, ParkDetails, ParkLevel, ParkProperties, ParkRecord, ParkType,
};
use sqlx::AnyConnection;
use sqlx::Row;

use super::error::{Context, Result};
use super::parcels::{insert_parcel, NewParcel};
use super::write::{Audience, Versioned, Write};
use super::{bind_shape, from_db, insert_returning_id, mark_demo_data, to_db, AnyQuery, Store};

/// A park to insert, its boundary already validated.
pub struct NewPark {
    pub body: ParkBody,
    pub boundary: Shape,
}

const PARK_COLUMNS: &str = "p.id, p.name, p.name_en, p.park_type, p.level, p.district, p.boundary, p.area_m2, \
     p.details, p.version, (SELECT COUNT(*) FROM parcels WHERE parcels.park_id = p.id) AS parcel_count";

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
            mark_demo_data(write.connection()).await?;
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
        let assignments: Vec<String> =
            PARK_INSERT_COLUMNS.iter().enumerate().map(|(n, column)| format!("{column} = ${}", n + 1)).collect();
        let count = PARK_INSERT_COLUMNS.len();
        let sql = format!(
            "UPDATE parks SET {}, version = version + 1 WHERE id = ${} AND version = ${}",
            assignments.join(", "),
            count + 1,
            count + 2
        );
        let query = bind_park(sqlx::query(&sql), park)?.bind(id).bind(expected);
        let updated = query.execute(write.connection()).await?;
        let demo = self.holds_demo_data().await?;
        let Some(record) = read_park(write.connection(), id, demo).await? else { return Ok(Versioned::Missing) };
        if updated.rows_affected() == 0 {
            return Ok(Versioned::Stale(record));
        }
        write.log_change(ChangeKind::Park, id, record.properties.version, false, Audience::Everyone).await?;
        Ok(Versioned::Done(record))
    }

    /// Every park's name by id: the agency that answers a request (Open311's `agency_responsible`).
    pub async fn park_names(&self) -> sqlx::Result<std::collections::HashMap<i64, String>> {
        let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM parks").fetch_all(&self.pool).await?;
        Ok(rows.into_iter().collect())
    }

    pub async fn park_exists(&self, park_id: i64) -> sqlx::Result<bool> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM parks WHERE id = $1").bind(park_id).fetch_optional(&self.pool).await?;
        Ok(found.is_some())
    }
}

/// A park's columns, in the order [`bind_park`] binds them: every insert names these.
pub(super) const PARK_INSERT_COLUMNS: [&str; 12] = [
    "name",
    "name_en",
    "park_type",
    "level",
    "district",
    "details",
    "boundary",
    "area_m2",
    "west",
    "south",
    "east",
    "north",
];

/// Binds a park's columns: names, classes, details, then its boundary.
pub(super) fn bind_park<'q>(query: AnyQuery<'q>, park: &NewPark) -> Result<AnyQuery<'q>> {
    let body = &park.body;
    let query = query
        .bind(body.name.clone())
        .bind(body.name_en.clone())
        .bind(to_db(body.park_type))
        .bind(to_db(body.level))
        .bind(body.district.clone())
        .bind(serde_json::to_string(&body.details)?);
    Ok(bind_shape(query, &park.boundary))
}

async fn insert_park(write: &mut Write, park: &NewPark) -> Result<i64> {
    let sql = insert_returning_id("parks", &PARK_INSERT_COLUMNS);
    let id: i64 = bind_park(sqlx::query(&sql), park)?
        .fetch_one(write.connection())
        .await
        .with_context(|| format!("cannot insert park {}", park.body.name))?
        .get(0);
    write.log_change(ChangeKind::Park, id, 1, false, Audience::Everyone).await?;
    Ok(id)
}

async fn read_park(connection: &mut AnyConnection, id: i64, demo: bool) -> Result<Option<ParkRecord>> {
    let row: Option<ParkRow> = sqlx::query_as(&format!("SELECT {PARK_COLUMNS} FROM parks p WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(connection)
        .await?;
    row.map(|row| row.into_feature(demo)).transpose()
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
