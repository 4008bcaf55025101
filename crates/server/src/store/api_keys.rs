//! API keys: issued to enterprise accounts for Open311, found by the SHA-256 of their text.

use parkatlas_core::wire::{ApiKeyRecord, UserRecord};

use super::error::{Context, Result};
use super::users::read_user;
use super::write::Write;
use super::{china_time, now_text, Store};

impl Store {
    /// Keeps a new key of `user_id` under its `digest`.
    pub async fn add_api_key(
        &self,
        write: &mut Write,
        user_id: i64,
        digest: &str,
        label: &str,
    ) -> Result<ApiKeyRecord> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_keys (user_id, digest, label, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(user_id)
        .bind(digest)
        .bind(label)
        .bind(now_text())
        .fetch_one(write.connection())
        .await?;
        let mut keys = read_keys(write.connection(), user_id).await?;
        keys.retain(|key| key.id == id);
        keys.pop().context("the key just issued is missing")
    }

    /// The keys of `user_id`, oldest first.
    pub async fn api_keys(&self, user_id: i64) -> Result<Vec<ApiKeyRecord>> {
        let mut connection = self.pool.acquire().await?;
        read_keys(&mut connection, user_id).await
    }

    /// Revokes key `key_id` of `user_id`; whether there was one.
    pub async fn delete_api_key(&self, write: &mut Write, user_id: i64, key_id: i64) -> sqlx::Result<bool> {
        let deleted = sqlx::query("DELETE FROM api_keys WHERE id = $1 AND user_id = $2")
            .bind(key_id)
            .bind(user_id)
            .execute(write.connection())
            .await?;
        Ok(deleted.rows_affected() > 0)
    }

    /// The account a key with this `digest` acts as.
    pub async fn api_key_user(&self, digest: &str) -> Result<Option<UserRecord>> {
        let user_id: Option<i64> = sqlx::query_scalar("SELECT user_id FROM api_keys WHERE digest = $1")
            .bind(digest)
            .fetch_optional(&self.pool)
            .await?;
        let Some(user_id) = user_id else { return Ok(None) };
        let mut connection = self.pool.acquire().await?;
        read_user(&mut connection, user_id).await
    }
}

async fn read_keys(connection: &mut sqlx::AnyConnection, user_id: i64) -> Result<Vec<ApiKeyRecord>> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, label, created_at FROM api_keys WHERE user_id = $1 ORDER BY id")
            .bind(user_id)
            .fetch_all(connection)
            .await?;
    rows.into_iter()
        .map(|(id, label, created_at)| Ok(ApiKeyRecord { id, user_id, label, created_at: china_time(&created_at)? }))
        .collect()
}
