//! `parkatlas user add`: creates an account with the same checks as `POST /api/v1/users`.
//! The password is read from standard input (one line), never from the command line,
//! where other users of the machine could see it.
//!
//! `parkatlas user api-key USERNAME`: issues an Open311 API key to an enterprise account,
//! as `POST /api/v1/users/{id}/api-keys` does, and prints it: the one time it is shown.

use std::io::BufRead;

use clap::{Args, Subcommand, ValueEnum};
use parkatlas_core::wire::{NewApiKey, NewUser, Role};

use crate::error::ApiError;
use crate::store::{Begun, Outcome, Store};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; reads its password from standard input.
    Add(AddArgs),
    /// Issue an Open311 API key to an enterprise account and print it (shown this once).
    ApiKey(ApiKeyArgs),
}

#[derive(Debug, Args)]
pub struct ApiKeyArgs {
    /// Database to change.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://parkatlas.db")]
    pub database_url: String,
    /// The enterprise account the key acts as, e.g. enterprise.a.
    pub username: String,
    /// Who uses the key, e.g. "12345 热线对接".
    #[arg(long, default_value = "")]
    pub label: String,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Database to change.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://parkatlas.db")]
    pub database_url: String,
    #[arg(long)]
    pub username: String,
    /// The name shown in the interface, e.g. 张三 or 光谷园区管委会.
    #[arg(long)]
    pub display_name: String,
    #[arg(long, value_enum)]
    pub role: RoleArg,
    /// The enterprise an enterprise user belongs to.
    #[arg(long)]
    pub enterprise: Option<i64>,
    /// A park an officer manages; repeat for several.
    #[arg(long = "park")]
    pub parks: Vec<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    Enterprise,
    Officer,
    Admin,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Role {
        match role {
            RoleArg::Enterprise => Role::Enterprise,
            RoleArg::Officer => Role::Officer,
            RoleArg::Admin => Role::Admin,
        }
    }
}

pub async fn run(command: UserCommand, input: &mut impl BufRead, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    match command {
        UserCommand::Add(args) => add(args, input, out).await,
        UserCommand::ApiKey(args) => api_key(args, out).await,
    }
}

async fn add(args: AddArgs, input: &mut impl BufRead, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    let mut password = String::new();
    input.read_line(&mut password)?;
    let user = NewUser {
        username: args.username,
        display_name: args.display_name,
        password: password.trim_end_matches(['\r', '\n']).to_string(),
        role: args.role.into(),
        enterprise_id: args.enterprise,
        park_ids: args.parks,
    };
    let store = Store::open(&args.database_url).await?;
    let record = in_one_write(&store, async |write| crate::api::users::add(&store, write, &user).await).await?;
    writeln!(out, "created {:?} user {} (id {})", record.role, record.username, record.id)?;
    Ok(())
}

async fn api_key(args: ApiKeyArgs, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    let problem = NewApiKey { label: args.label.clone() }.problem();
    if let Some((field, problem)) = problem {
        anyhow::bail!("{field}: {problem}");
    }
    let store = Store::open(&args.database_url).await?;
    let user = store
        .user_named(&args.username)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no account is called {}", args.username))?;
    let issued =
        in_one_write(&store, async |write| crate::api::api_keys::issue(&store, write, &user, &args.label).await)
            .await?;
    writeln!(out, "{}", issued.key)?;
    Ok(())
}

/// Runs `change` in one write of its own, with the API's errors as a shell shows them.
async fn in_one_write<T>(
    store: &Store,
    change: impl AsyncFnOnce(&mut crate::store::Write) -> Result<T, ApiError>,
) -> anyhow::Result<T> {
    let Begun::Fresh(mut write) = store.write(None).await? else { unreachable!("no operation id") };
    let done = change(&mut write).await.map_err(|error| match error {
        ApiError::InvalidField { field, message } | ApiError::Conflict { field, message } => {
            anyhow::anyhow!("{field}: {message}")
        }
        other => anyhow::anyhow!(other),
    })?;
    write.finish(Outcome { status: 201, version: None, body: String::new() }).await?;
    Ok(done)
}
