//! Batch commands for officials' data work and for checking results outside the
//! browser: `parkatlas evaluate` (亩均效益) and `parkatlas tiers` (梯度培育).
//! Both read CSV or JSON, print JSON or CSV, and refuse bad rows with a report.

pub mod evaluate;
pub mod read;
pub mod tiers;

use std::io::Write;

use clap::ValueEnum;

/// How a batch command prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Csv,
}

/// Writes `value` as pretty JSON followed by a newline.
fn print_json<T: serde::Serialize>(out: &mut impl Write, value: &T) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}
