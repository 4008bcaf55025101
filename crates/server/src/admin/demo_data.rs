//! `parkatlas demo-data`: fills an empty database with the synthetic demo dataset, or with
//! `--scale N` copies of it for benchmarks, and prints what it stored and how long it took.

use std::time::Instant;

use anyhow::bail;
use clap::Args;

use crate::store::Store;

#[derive(Debug, Args)]
pub struct DemoDataArgs {
    /// Database to fill; it must hold no parks yet.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://parkatlas.db")]
    pub database_url: String,
    /// Copies of the three demo parks, side by side: 80 gives about 50,000 parcels.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub scale: u16,
}

pub async fn run(args: &DemoDataArgs, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    let store = Store::open(&args.database_url).await?;
    if !store.is_empty().await? {
        bail!(
            "the database already holds parks; the demo dataset goes only into an empty database \
             (give another --database-url, or delete the file)"
        );
    }
    let started = Instant::now();
    crate::demo::load_scaled(&store, usize::from(args.scale)).await?;
    let counts = store.counts().await?;
    writeln!(
        out,
        "stored the demo dataset at scale {} in {:.1} s: {} parks, {} parcels, {} enterprises, {} years of figures, \
         {} certificates, {} service requests, {} inquiries",
        args.scale,
        started.elapsed().as_secs_f64(),
        counts.parks,
        counts.parcels,
        counts.enterprises,
        counts.annual_data,
        counts.certificates,
        counts.requests,
        counts.inquiries,
    )?;
    Ok(())
}
