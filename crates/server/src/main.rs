//! The `parkatlas` binary: parses the command line and hands over to the library.

use clap::Parser;
use parkatlas_server::config::{Cli, Command};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "parkatlas_server=info,tower_http=info".into()),
        )
        .init();
    match Cli::parse().command {
        Command::Serve(args) => parkatlas_server::serve(args).await,
        Command::Evaluate(args) => parkatlas_server::batch::evaluate::run(&args, &mut std::io::stdout().lock()),
    }
}
