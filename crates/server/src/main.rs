//! The `parkatlas` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;
use parkatlas_server::admin::import::Refused;
use parkatlas_server::config::{Cli, Command};

#[tokio::main]
async fn main() -> ExitCode {
    init_logs();
    let outcome = match Cli::parse().command {
        Command::Serve(args) => parkatlas_server::serve(args).await,
        Command::Evaluate(args) => parkatlas_server::batch::evaluate::run(&args, &mut std::io::stdout().lock()),
        Command::Tiers(args) => parkatlas_server::batch::tiers::run(&args, &mut std::io::stdout().lock()),
        Command::User(command) => {
            parkatlas_server::admin::user::run(command, &mut std::io::stdin().lock(), &mut std::io::stdout().lock())
                .await
        }
        Command::DemoData(args) => parkatlas_server::admin::demo_data::run(&args, &mut std::io::stdout().lock()).await,
        Command::Import(args) => parkatlas_server::admin::import::run(args, &mut std::io::stdout().lock()).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // The chain of causes, without a backtrace: this is read by officials, not developers.
            eprintln!("error: {error:#}");
            // 2 tells scripts that the input was refused and nothing changed, 1 that something else failed.
            match error.is::<Refused>() {
                true => ExitCode::from(2),
                false => ExitCode::FAILURE,
            }
        }
    }
}

/// Logs go to standard error, leaving standard output to results and the URL line.
/// `PARKATLAS_LOG_FORMAT=json` writes one JSON object per event, for log collectors;
/// `RUST_LOG` chooses the levels.
fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "parkatlas_server=info,tower_http=info".into());
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if std::env::var("PARKATLAS_LOG_FORMAT").is_ok_and(|format| format == "json") {
        logs.json().with_current_span(true).init();
    } else {
        logs.init();
    }
}
