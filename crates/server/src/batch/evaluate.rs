//! `parkatlas evaluate --profile <id or file> <enterprises.csv|.json>`: 亩均效益
//! scores, classes and explained items for every enterprise, computed by
//! parkatlas-core exactly as the browser computes them.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use chrono::NaiveDate;
use clap::Args;
use parkatlas_core::efficiency::{
    evaluate, indicator_key, parse_indicator, shipped, Class, CohortCutoffs, EnterpriseInput, EnterpriseResult,
    Indicator, ItemScore, Outcome, Profile,
};
use serde::Serialize;

use super::read::read_rows;
use super::{print_json, Format};

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// A shipped profile (huangyan-2022, huangyan-2021, huaian-2024, etdz, linhai) or a profile JSON file.
    #[arg(long)]
    pub profile: String,
    /// The evaluation date, YYYY-MM-DD; it decides the years-producing exemptions. Default: today.
    #[arg(long)]
    pub date: Option<NaiveDate>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// Enterprises, one per row (columns in the README).
    pub input: PathBuf,
}

/// Columns read as text even when they look like numbers.
const TEXT_COLUMNS: [&str; 3] = ["id", "name", "land_group"];

pub fn run(args: &EvaluateArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let profile = load_profile(&args.profile)?;
    let enterprises: Vec<EnterpriseInput> = read_rows(&args.input, &TEXT_COLUMNS)?;
    let date = args.date.unwrap_or_else(|| chrono::Local::now().date_naive());
    let run = evaluate(&profile, &enterprises, date)?;
    match args.format {
        Format::Json => print_json(
            out,
            &Report {
                profile_id: &run.profile_id,
                profile_name: &run.profile_name,
                evaluation_date: run.evaluation_date,
                unconfirmed: &profile.unconfirmed,
                cutoffs: &run.cutoffs,
                enterprises: run.results.iter().map(EnterpriseReport::from).collect(),
            },
        ),
        Format::Csv => write_csv(out, &run.results, &profile),
    }
}

fn load_profile(name: &str) -> anyhow::Result<Profile> {
    let path = Path::new(name);
    if path.extension().is_some_and(|e| e == "json") {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read profile {name}"))?;
        return serde_json::from_str(&text).with_context(|| format!("profile {name} is not a valid profile"));
    }
    match shipped::profile(name) {
        Some(profile) => Ok(profile),
        None => {
            let known: Vec<String> = shipped::profiles().into_iter().map(|p| p.id).collect();
            bail!("no shipped profile {name:?}; use one of {} or a .json profile file", known.join(", "))
        }
    }
}

#[derive(Serialize)]
struct Report<'a> {
    profile_id: &'a str,
    profile_name: &'a str,
    evaluation_date: NaiveDate,
    /// Profile values no source confirmed.
    unconfirmed: &'a [String],
    cutoffs: &'a [CohortCutoffs],
    enterprises: Vec<EnterpriseReport<'a>>,
}

/// One enterprise: its outcome's members (a graded one's `total` and `class` among them)
/// beside its id and name, each key once.
#[derive(Serialize)]
struct EnterpriseReport<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(flatten)]
    outcome: &'a Outcome,
    /// Class T, which an exempt outcome implies without naming it.
    #[serde(rename = "class", skip_serializing_if = "Option::is_none")]
    exempt_class: Option<Class>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    explained: Vec<ExplainedItem>,
}

/// An item with its name, unit and formula in words beside the numbers.
#[derive(Serialize)]
struct ExplainedItem {
    indicator: Indicator,
    name: &'static str,
    unit: &'static str,
    formula_zh: String,
    formula_en: String,
}

impl<'a> From<&'a EnterpriseResult> for EnterpriseReport<'a> {
    fn from(result: &'a EnterpriseResult) -> Self {
        let explained = match &result.outcome {
            Outcome::Graded(grade) => grade.items.iter().map(ExplainedItem::from).collect(),
            _ => Vec::new(),
        };
        EnterpriseReport {
            id: &result.id,
            name: &result.name,
            outcome: &result.outcome,
            exempt_class: result.class().filter(|_| matches!(result.outcome, Outcome::Exempt { .. })),
            explained,
        }
    }
}

impl From<&ItemScore> for ExplainedItem {
    fn from(item: &ItemScore) -> Self {
        let info = item.indicator.info();
        let explanation = item.explain();
        ExplainedItem {
            indicator: item.indicator,
            name: info.name_zh,
            unit: info.unit,
            formula_zh: explanation.zh,
            formula_en: explanation.en,
        }
    }
}

/// One row per enterprise, scores rounded to the two decimals evaluations publish.
fn write_csv(out: &mut impl Write, results: &[EnterpriseResult], profile: &Profile) -> anyhow::Result<()> {
    let mut indicators: Vec<Indicator> = Vec::new();
    for item in profile.cohorts.iter().flat_map(|cohort| &cohort.items) {
        if let Some(indicator) = parse_indicator(&item.indicator).filter(|i| !indicators.contains(i)) {
            indicators.push(indicator);
        }
    }
    let mut writer = csv::Writer::from_writer(out);
    let mut header =
        vec!["id".to_string(), "name".into(), "status".into(), "class".into(), "total".into(), "rank".into()];
    header.extend(indicators.iter().map(|&indicator| format!("{}_score", indicator_key(indicator))));
    writer.write_record(&header)?;
    for result in results {
        let (status, rank, items) = match &result.outcome {
            Outcome::Graded(grade) => ("graded", grade.rank.to_string(), grade.items.as_slice()),
            Outcome::Exempt { .. } => ("exempt", String::new(), &[][..]),
            Outcome::NotEvaluated { .. } => ("not_evaluated", String::new(), &[][..]),
        };
        let mut record = vec![
            result.id.clone(),
            result.name.clone(),
            status.to_string(),
            result.class().map(|c| format!("{c:?}")).unwrap_or_default(),
            result.total().map(|t| format!("{t:.2}")).unwrap_or_default(),
            rank,
        ];
        record.extend(indicators.iter().map(|&indicator| {
            items
                .iter()
                .find(|item| item.indicator == indicator)
                .map(|item| format!("{:.2}", item.score))
                .unwrap_or_default()
        }));
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
}
