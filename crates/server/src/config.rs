//! Command-line interface of the `parkatlas` binary. Every option of `serve` can
//! also be set through the environment variable named beside it.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use parkatlas_core::wire::TileProvider;

#[derive(Debug, Parser)]
#[command(name = "parkatlas", version, about = "园区一张图 parkatlas: industrial-park land and enterprise atlas")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the JSON API under /api/v1 and the built single-page app.
    Serve(ServeArgs),
    /// Score enterprises' land efficiency (亩均效益) under a profile; prints JSON or CSV.
    Evaluate(crate::batch::evaluate::EvaluateArgs),
    /// Assess enterprises' gradient tiers (梯度培育) on a date; prints tiers and gaps as JSON or CSV.
    Tiers(crate::batch::tiers::TiersArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(crate::admin::user::UserCommand),
    /// Fill an empty database with the synthetic demo dataset (--scale N: N copies, for benchmarks).
    DemoData(crate::admin::demo_data::DemoDataArgs),
    /// Import parcels (GeoJSON) or enterprises (CSV) into a database that may hold data already:
    /// all of the file or, with a report of every bad feature or row, nothing.
    Import(crate::admin::import::ImportArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. Use 0.0.0.0 to accept connections from other machines.
    #[arg(long, env = "PARKATLAS_BIND", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// TCP port; 0 picks a free one (the URL printed at start says which).
    #[arg(long, env = "PARKATLAS_PORT", default_value_t = 8080)]
    pub port: u16,
    /// Database to open, created and migrated on first start.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://parkatlas.db")]
    pub database_url: String,
    /// The base map visitors start with: none (plain background, works offline), osm, or
    /// tianditu (needs a key). Defaults to tianditu when a key is given, else none.
    #[arg(long, env = "PARKATLAS_TILES", value_enum)]
    pub tiles: Option<TilesArg>,
    /// 天地图 browser key (tk), from console.tianditu.gov.cn: with it, visitors may switch
    /// to 天地图 whatever the starting base map.
    #[arg(long, env = "PARKATLAS_TIANDITU_KEY", hide_env_values = true)]
    pub tianditu_key: Option<String>,
    /// Directory of the built single-page app (trunk's output).
    #[arg(long, env = "PARKATLAS_STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,
    /// Load the synthetic demo dataset when the database has no parks yet.
    #[arg(long, env = "PARKATLAS_DEMO")]
    pub demo: bool,
    /// Send the session cookie without `Secure`, for plain-HTTP access from other machines
    /// on a trusted network. Browsers accept `Secure` cookies on localhost without this.
    #[arg(long, env = "PARKATLAS_INSECURE_COOKIES")]
    pub insecure_cookies: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TilesArg {
    None,
    Osm,
    Tianditu,
}

/// The deployment's base maps: the one visitors start with, and the 天地图 key that
/// makes 天地图's layers available.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tiles {
    pub start: TileProvider,
    pub tianditu_key: Option<String>,
}

impl ServeArgs {
    /// Resolves the tile options, refusing 天地图 without a key.
    pub fn tiles(&self) -> anyhow::Result<Tiles> {
        let tianditu_key = self.tianditu_key.clone().filter(|key| !key.trim().is_empty());
        let start = match (self.tiles, &tianditu_key) {
            (Some(TilesArg::None), _) | (None, None) => TileProvider::None,
            (Some(TilesArg::Osm), _) => TileProvider::Osm,
            (Some(TilesArg::Tianditu) | None, Some(_)) => TileProvider::Tianditu,
            (Some(TilesArg::Tianditu), None) => {
                anyhow::bail!("PARKATLAS_TILES=tianditu needs a key: set PARKATLAS_TIANDITU_KEY or --tianditu-key")
            }
        };
        Ok(Tiles { start, tianditu_key })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serve(args: &[&str]) -> ServeArgs {
        match Cli::parse_from([&["parkatlas", "serve"], args].concat()).command {
            Command::Serve(serve) => serve,
            other => panic!("parsed {other:?}"),
        }
    }

    #[test]
    fn defaults_listen_on_loopback_8080_without_tiles() {
        let args = serve(&[]);
        assert_eq!(args.bind.to_string(), "127.0.0.1");
        assert_eq!(args.port, 8080);
        assert_eq!(args.tiles().unwrap(), Tiles::default());
    }

    #[test]
    fn a_tianditu_key_alone_selects_tianditu() {
        let args = serve(&["--tianditu-key", "abc"]);
        assert_eq!(args.tiles().unwrap(), Tiles { start: TileProvider::Tianditu, tianditu_key: Some("abc".into()) });
    }

    #[test]
    fn tianditu_without_a_key_is_refused() {
        let err = serve(&["--tiles", "tianditu"]).tiles().unwrap_err();
        assert!(err.to_string().contains("PARKATLAS_TIANDITU_KEY"), "{err}");
    }

    #[test]
    fn explicit_osm_starts_with_osm_and_keeps_tianditu_available() {
        assert_eq!(
            serve(&["--tiles", "osm", "--tianditu-key", "abc"]).tiles().unwrap(),
            Tiles { start: TileProvider::Osm, tianditu_key: Some("abc".into()) }
        );
    }

    #[test]
    fn a_blank_key_is_no_key() {
        assert_eq!(serve(&["--tianditu-key", "  "]).tiles().unwrap(), Tiles::default());
    }
}
