//! Scoring profiles (spec §1): each is the core `Profile` as JSON under its unique key.
//! The shipped profiles are added to every database when it opens.

use parkatlas_core::efficiency::{shipped, Profile};
use parkatlas_core::wire::{ChangeKind, ProfileRecord};
use sqlx::AnyConnection;
use sqlx::Row;

use super::error::{Context, Result};
use super::write::{Audience, Versioned, Write};
use super::{placeholders, Outcome, Store};

/// Adds the shipped profiles whose keys the database does not hold yet. Profiles that
/// admins edited keep their edits; a shipped key is never overwritten.
pub async fn add_shipped_profiles(store: &Store) -> Result<()> {
    let profiles = shipped::profiles();
    let held: Vec<String> = sqlx::query_scalar("SELECT key FROM scoring_profiles").fetch_all(&store.pool).await?;
    if profiles.iter().all(|profile| held.contains(&profile.id)) {
        return Ok(());
    }
    let super::Begun::Fresh(mut write) = store.write(None).await? else { unreachable!("no operation id") };
    for profile in &profiles {
        // Another server opening the same database may have added it meanwhile: no conflict then.
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO scoring_profiles (key, body) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING id",
        )
        .bind(&profile.id)
        .bind(serde_json::to_string(profile)?)
        .fetch_optional(write.connection())
        .await
        .with_context(|| format!("cannot add the shipped profile {}", profile.id))?;
        if let Some(id) = id {
            write.log_change(ChangeKind::Profile, id, 1, false, Audience::Everyone).await?;
        }
    }
    write.finish(Outcome { status: 201, version: None, body: String::new() }).await?;
    Ok(())
}

impl Store {
    pub async fn profiles(&self) -> Result<Vec<ProfileRecord>> {
        let rows: Vec<ProfileRow> = sqlx::query_as("SELECT id, key, body, version FROM scoring_profiles ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(ProfileRow::into_record).collect()
    }

    pub async fn profile(&self, id: i64) -> Result<Option<ProfileRecord>> {
        let mut connection = self.pool.acquire().await?;
        Ok(read_profiles(&mut connection, &[id]).await?.pop())
    }

    /// Profiles by id, for the change feed; missing ids are skipped.
    pub async fn profiles_by_id(&self, ids: &[i64]) -> Result<Vec<ProfileRecord>> {
        let mut connection = self.pool.acquire().await?;
        read_profiles(&mut connection, ids).await
    }

    /// True when a profile other than `except` has `key`.
    pub async fn profile_key_taken(&self, key: &str, except: Option<i64>) -> sqlx::Result<bool> {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM scoring_profiles WHERE key = $1 AND id <> $2")
            .bind(key)
            .bind(except.unwrap_or(0))
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.is_some())
    }

    /// Adds a profile, checked by the caller; a duplicate key fails as a unique violation.
    pub async fn add_profile(&self, write: &mut Write, profile: &Profile) -> Result<ProfileRecord> {
        let id: i64 = sqlx::query("INSERT INTO scoring_profiles (key, body) VALUES ($1, $2) RETURNING id")
            .bind(&profile.id)
            .bind(serde_json::to_string(profile)?)
            .fetch_one(write.connection())
            .await
            .with_context(|| format!("cannot insert profile {}", profile.id))?
            .get(0);
        write.log_change(ChangeKind::Profile, id, 1, false, Audience::Everyone).await?;
        read_profiles(write.connection(), &[id]).await?.pop().context("the profile just inserted is missing")
    }

    /// Replaces profile `id` when it is still at `expected` version. Its key does not change.
    pub async fn replace_profile(
        &self,
        write: &mut Write,
        id: i64,
        expected: i64,
        profile: &Profile,
    ) -> Result<Versioned<ProfileRecord>> {
        let updated =
            sqlx::query("UPDATE scoring_profiles SET body = $1, version = version + 1 WHERE id = $2 AND version = $3")
                .bind(serde_json::to_string(profile)?)
                .bind(id)
                .bind(expected)
                .execute(write.connection())
                .await?;
        let Some(record) = read_profiles(write.connection(), &[id]).await?.pop() else {
            return Ok(Versioned::Missing);
        };
        if updated.rows_affected() == 0 {
            return Ok(Versioned::Stale(record));
        }
        write.log_change(ChangeKind::Profile, id, record.version, false, Audience::Everyone).await?;
        Ok(Versioned::Done(record))
    }

    /// Profile `id` as the write sees it: the version a run is scored with.
    pub async fn profile_for_run(&self, write: &mut Write, id: i64) -> Result<Option<ProfileRecord>> {
        Ok(read_profiles(write.connection(), &[id]).await?.pop())
    }
}

/// Profiles by id, in id order; missing ids are skipped.
async fn read_profiles(connection: &mut AnyConnection, ids: &[i64]) -> Result<Vec<ProfileRecord>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, key, body, version FROM scoring_profiles WHERE id IN ({}) ORDER BY id",
        placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, ProfileRow>(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(connection).await?.into_iter().map(ProfileRow::into_record).collect()
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: i64,
    key: String,
    body: String,
    version: i64,
}

impl ProfileRow {
    fn into_record(self) -> Result<ProfileRecord> {
        let profile = serde_json::from_str(&self.body).with_context(|| format!("stored profile {}", self.key))?;
        Ok(ProfileRecord { id: self.id, key: self.key, version: self.version, profile })
    }
}
