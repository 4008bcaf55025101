//! Accounts and sessions. A session is found by the SHA-256 of its token: the token
//! itself lives only in the browser's cookie, so a copy of the database opens no session.

use parkatlas_core::wire::{NewUser, Role, UserRecord};
use sqlx::AnyConnection;

use super::error::{Context, Result};
use super::write::Write;
use super::{from_db, to_db, Store};

/// A signed-in caller: the account and the session's CSRF token.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user: UserRecord,
    pub csrf_token: String,
}

impl Store {
    /// Adds an account whose password is already hashed; returns it as stored.
    pub async fn add_user(&self, write: &mut Write, user: &NewUser, password_hash: &str) -> Result<UserRecord> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (username, display_name, password_hash, role, enterprise_id)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&user.username)
        .bind(&user.display_name)
        .bind(password_hash)
        .bind(to_db(user.role))
        .bind(user.enterprise_id)
        .fetch_one(write.connection())
        .await?;
        for park_id in &user.park_ids {
            sqlx::query("INSERT INTO user_parks (user_id, park_id) VALUES ($1, $2)")
                .bind(id)
                .bind(park_id)
                .execute(write.connection())
                .await?;
        }
        read_user(write.connection(), id).await?.context("the user just inserted is missing")
    }

    /// The account with id `id`.
    pub async fn user(&self, id: i64) -> Result<Option<UserRecord>> {
        let mut connection = self.pool.acquire().await?;
        read_user(&mut connection, id).await
    }

    /// The account called `username`.
    pub async fn user_named(&self, username: &str) -> Result<Option<UserRecord>> {
        Ok(self.credentials(username).await?.map(|(user, _)| user))
    }

    pub async fn username_taken(&self, username: &str) -> sqlx::Result<bool> {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.is_some())
    }

    /// The account called `username` and its password hash.
    pub async fn credentials(&self, username: &str) -> Result<Option<(UserRecord, String)>> {
        let row: Option<(i64, String)> = sqlx::query_as("SELECT id, password_hash FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        let Some((id, hash)) = row else { return Ok(None) };
        let mut connection = self.pool.acquire().await?;
        Ok(read_user(&mut connection, id).await?.map(|user| (user, hash)))
    }

    pub async fn users(&self) -> Result<Vec<UserRecord>> {
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM users ORDER BY id").fetch_all(&self.pool).await?;
        let mut connection = self.pool.acquire().await?;
        let mut users = Vec::with_capacity(ids.len());
        for id in ids {
            users.extend(read_user(&mut connection, id).await?);
        }
        Ok(users)
    }

    /// Opens a session until `expires_at` (Unix seconds), forgetting expired ones.
    pub async fn open_session(
        &self,
        user_id: i64,
        token_hash: &str,
        csrf_token: &str,
        expires_at: i64,
    ) -> sqlx::Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(chrono::Utc::now().timestamp())
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(user_id)
            .bind(csrf_token)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    }

    /// The user of an unexpired session.
    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionUser>> {
        let row: Option<(i64, String)> =
            sqlx::query_as("SELECT user_id, csrf_token FROM sessions WHERE token_hash = $1 AND expires_at >= $2")
                .bind(token_hash)
                .bind(chrono::Utc::now().timestamp())
                .fetch_optional(&self.pool)
                .await?;
        let Some((user_id, csrf_token)) = row else { return Ok(None) };
        let mut connection = self.pool.acquire().await?;
        Ok(read_user(&mut connection, user_id).await?.map(|user| SessionUser { user, csrf_token }))
    }

    pub async fn close_session(&self, token_hash: &str) -> sqlx::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&self.pool).await?;
        Ok(())
    }
}

pub(super) async fn read_user(connection: &mut AnyConnection, id: i64) -> Result<Option<UserRecord>> {
    let row: Option<(String, String, String, Option<i64>, i64)> =
        sqlx::query_as("SELECT username, display_name, role, enterprise_id, version FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *connection)
            .await?;
    let Some((username, display_name, role, enterprise_id, version)) = row else { return Ok(None) };
    let park_ids: Vec<i64> = sqlx::query_scalar("SELECT park_id FROM user_parks WHERE user_id = $1 ORDER BY park_id")
        .bind(id)
        .fetch_all(&mut *connection)
        .await?;
    Ok(Some(UserRecord { id, username, display_name, role: from_db::<Role>(&role)?, enterprise_id, park_ids, version }))
}
