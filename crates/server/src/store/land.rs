//! Finding land (`GET /land`): the parcels of every park that pass an investor's filters,
//! in two statements however many match — one counts them and frames them on the map,
//! the other reads the largest few with their occupants' names. Migration 0006 indexes
//! every column the filters test, so that both statements read that index rather than
//! the parcels' rows (geometry and details), and the largest come first without a sort.

use parkatlas_core::geometry::BoundingBox;
use parkatlas_core::units::{Mu, SquareMetres};
use parkatlas_core::wire::{LandFilter, LandMatch, LandSearch, ParkDetails};
use serde::de::IgnoredAny;

use super::enterprises::like_pattern;
use super::error::Result;
use super::map::overlapping;
use super::{bind_values, from_db, to_db, Store, Value};

impl Store {
    /// The parcels that pass `filter` and overlap `within`: how many, the box around all of
    /// them, and the `limit` largest (ties by id).
    pub async fn find_land(&self, filter: &LandFilter, within: Option<BoundingBox>, limit: u32) -> Result<LandSearch> {
        let mut conditions = Conditions::default();
        if let Some(industry) = &filter.industry {
            let parks = self.parks_leading_in(industry).await?;
            if parks.is_empty() {
                return Ok(LandSearch { total: 0, parcels: Vec::new(), bounds: None });
            }
            conditions.any_of("p.park_id", parks.into_iter().map(Value::Int));
        }
        if let Some(park) = filter.park_id {
            let park = conditions.param(Value::Int(park));
            conditions.push(format!("p.park_id = {park}"));
        }
        if !filter.statuses.is_empty() {
            conditions.any_of("p.status", filter.statuses.iter().map(|status| Value::Text(to_db(status))));
        }
        if !filter.land_uses.is_empty() {
            conditions.any_of("p.land_use", filter.land_uses.iter().map(|land_use| Value::Text(to_db(land_use))));
        }
        if let Some(min) = filter.min_mu {
            let min = conditions.param(Value::Real(Mu(min).to_square_metres().0));
            conditions.push(format!("p.area_m2 >= {min}"));
        }
        if let Some(max) = filter.max_mu {
            let max = conditions.param(Value::Real(Mu(max).to_square_metres().0));
            conditions.push(format!("p.area_m2 <= {max}"));
        }
        if !filter.text.is_empty() {
            // LOWER on both sides: SQLite's LIKE ignores ASCII case and PostgreSQL's does not.
            // The parks and occupants named are found once per statement, not joined to
            // every parcel: the parcels are then tested from the index alone.
            let text = conditions.param(Value::Text(like_pattern(&filter.text)));
            let matches = |column: &str| format!("LOWER({column}) LIKE LOWER({text}) ESCAPE '\\'");
            conditions.push(format!(
                "({} OR p.park_id IN (SELECT id FROM parks WHERE {} OR {})
                     OR p.occupant_id IN (SELECT id FROM enterprises WHERE {}))",
                matches("p.code"),
                matches("name"),
                matches("name_en"),
                matches("name")
            ));
        }
        if let Some(view) = within {
            let edges = [view.west, view.east, view.south, view.north].map(|edge| conditions.param(Value::Real(edge)));
            conditions.push(overlapping(edges.each_ref().map(String::as_str)));
        }

        let clause = conditions.clause();
        let summary_sql =
            format!("SELECT COUNT(*), MIN(p.west), MIN(p.south), MAX(p.east), MAX(p.north) FROM parcels p {clause}");
        let (total, west, south, east, north): (i64, Option<f64>, Option<f64>, Option<f64>, Option<f64>) =
            bind_values(sqlx::query_as(&summary_sql), &conditions.values).fetch_one(&self.pool).await?;
        let bounds = match (west, south, east, north) {
            (Some(west), Some(south), Some(east), Some(north)) => Some(BoundingBox { west, south, east, north }),
            _ => None,
        };

        // The largest matches are picked by id first, so that details and occupant names are
        // read for the page alone, not for every match. The limit is the page's last
        // parameter; the summary above has none.
        let limit = conditions.param(Value::Int(i64::from(limit)));
        let page_sql = format!(
            "SELECT p.id, p.park_id, p.code, p.land_use, p.status, p.area_m2, p.west, p.south, p.east, p.north,
                    p.details, o.name AS occupant_name
             FROM parcels p LEFT JOIN enterprises o ON o.id = p.occupant_id
             WHERE p.id IN (SELECT p.id FROM parcels p {clause}
                            ORDER BY p.area_m2 DESC, p.id LIMIT {limit})
             ORDER BY p.area_m2 DESC, p.id"
        );
        let rows: Vec<MatchRow> =
            bind_values(sqlx::query_as(&page_sql), &conditions.values).fetch_all(&self.pool).await?;
        let parcels = rows.into_iter().map(MatchRow::into_match).collect::<Result<_>>()?;
        Ok(LandSearch { total: u32::try_from(total)?, parcels, bounds })
    }

    /// The parks that list `industry` among their leading industries, exactly as written.
    /// The industries are inside each park's details JSON, and parks are few: they are
    /// read whole and picked here rather than taken apart in two SQL dialects.
    async fn parks_leading_in(&self, industry: &str) -> Result<Vec<i64>> {
        let parks: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, details FROM parks ORDER BY id").fetch_all(&self.pool).await?;
        let mut leading = Vec::new();
        for (id, details) in parks {
            let details: ParkDetails = serde_json::from_str(&details)?;
            if details.leading_industries.iter().any(|name| name == industry) {
                leading.push(id);
            }
        }
        Ok(leading)
    }
}

/// The conditions of a search and the values of their numbered parameters.
#[derive(Default)]
struct Conditions {
    clauses: Vec<String>,
    values: Vec<Value>,
}

impl Conditions {
    /// Takes `value` as the next parameter; returns its placeholder.
    fn param(&mut self, value: Value) -> String {
        self.values.push(value);
        format!("${}", self.values.len())
    }

    fn push(&mut self, clause: String) {
        self.clauses.push(clause);
    }

    /// `column` is one of `values`.
    fn any_of(&mut self, column: &str, values: impl IntoIterator<Item = Value>) {
        let placeholders: Vec<String> = values.into_iter().map(|value| self.param(value)).collect();
        self.push(format!("{column} IN ({})", placeholders.join(", ")));
    }

    fn clause(&self) -> String {
        match self.clauses.is_empty() {
            true => String::new(),
            false => format!("WHERE {}", self.clauses.join(" AND ")),
        }
    }
}

/// Of a parcel's stored details, whether it carries 标准地 terms (`terms` is null without);
/// the rest is skipped unread.
#[derive(serde::Deserialize)]
struct StandardLand {
    #[serde(default)]
    terms: Option<IgnoredAny>,
}

#[derive(sqlx::FromRow)]
struct MatchRow {
    id: i64,
    park_id: i64,
    code: String,
    land_use: String,
    status: String,
    area_m2: f64,
    west: f64,
    south: f64,
    east: f64,
    north: f64,
    details: String,
    occupant_name: Option<String>,
}

impl MatchRow {
    fn into_match(self) -> Result<LandMatch> {
        let standard: StandardLand = serde_json::from_str(&self.details)?;
        Ok(LandMatch {
            id: self.id,
            park_id: self.park_id,
            code: self.code,
            land_use: from_db(&self.land_use)?,
            status: from_db(&self.status)?,
            area_m2: SquareMetres(self.area_m2),
            occupant_name: self.occupant_name,
            standard_land: standard.terms.is_some(),
            bbox: BoundingBox { west: self.west, south: self.south, east: self.east, north: self.north },
        })
    }
}
