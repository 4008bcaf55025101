//! `parkatlas user add`: creates an account with the same checks as `POST /api/v1/users`.
//! The password is read from standard input (one line), never from the command line,
//! where other users of the machine could see it.

use std::io::BufRead;

use clap::{Args, Subcommand, ValueEnum};
use parkatlas_core::wire::{NewUser, Role};

use crate::store::{Begun, Outcome, Store};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; reads its password from standard input.
    Add(AddArgs),
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
    let UserCommand::Add(args) = command;
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
    let Begun::Fresh(mut write) = store.write(None).await? else { unreachable!("no operation id") };
    let record = crate::api::users::add(&store, &mut write, &user).await.map_err(|error| match error {
        crate::error::ApiError::InvalidField { field, message }
        | crate::error::ApiError::Conflict { field, message } => {
            anyhow::anyhow!("{field}: {message}")
        }
        other => anyhow::anyhow!(other),
    })?;
    write.finish(Outcome { status: 201, version: Some(record.version), body: String::new() }).await?;
    writeln!(out, "created {:?} user {} (id {})", record.role, record.username, record.id)?;
    Ok(())
}
