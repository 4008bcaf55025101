//! `parkatlas tiers --date YYYY-MM-DD <enterprises.csv|.json>`: each enterprise's
//! highest tier on the gradient ladder, its side labels, and the gap to the next tier,
//! under the MIIT rules in force on that date — computed by parkatlas-core.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use parkatlas_core::tiers::{
    assess, Criterion, EnterpriseProfile, Outcome, Requirement, TierAssessment, TierRules, Value as Current,
};
use serde::Serialize;
use serde_json::{Map, Value};

use super::read::{read_identified_rows, Identity, ReadError, RowProblem};
use super::{print_json, Format};

#[derive(Debug, Args)]
pub struct TiersArgs {
    /// The evaluation date, YYYY-MM-DD: it selects the 2022 or the 2026 rules.
    #[arg(long)]
    pub date: NaiveDate,
    /// Tier rules as JSON, to replace the shipped defaults (e.g. local 瞪羚 thresholds).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// Enterprises, one per row (columns in the README).
    pub input: PathBuf,
}

#[derive(Serialize)]
struct TierReport<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(flatten)]
    assessment: TierAssessment,
}

pub fn run(args: &TiersArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let rules: TierRules = match &args.rules {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            serde_json::from_str(&text).with_context(|| format!("{} is not a valid tier rule set", path.display()))?
        }
        None => TierRules::default(),
    };
    let rows: Vec<(Identity, EnterpriseProfile)> = read_identified_rows(&args.input, nest_csv_columns)?;
    let mut reports = Vec::with_capacity(rows.len());
    let mut problems = Vec::new();
    for (index, (who, profile)) in rows.iter().enumerate() {
        match assess(&rules, profile, args.date) {
            Ok(assessment) => reports.push(TierReport { id: &who.id, name: &who.name, assessment }),
            Err(error) => {
                problems.push(RowProblem { row: index + 1, column: "(row)".into(), problem: error.to_string() })
            }
        }
    }
    if !problems.is_empty() {
        return Err(ReadError::Rows(problems).into());
    }
    match args.format {
        Format::Json => print_json(out, &reports),
        Format::Csv => write_csv(out, &reports),
    }
}

/// CSV is flat: `revenue_wan_yuan_2024` becomes `accounts[year 2024].revenue_wan_yuan`
/// and `ip_class1` becomes `ip.class1`. Awards and certificates need JSON input.
fn nest_csv_columns(row: &mut Map<String, Value>) {
    let mut years: Vec<(i64, Map<String, Value>)> = Vec::new();
    let mut ip = Map::new();
    for key in row.keys().cloned().collect::<Vec<_>>() {
        if let Some(class) = key.strip_prefix("ip_") {
            ip.insert(class.to_string(), row.remove(&key).expect("key exists"));
        } else if let Some((field, year)) = key.rsplit_once('_').and_then(|(f, y)| Some((f, y.parse::<i64>().ok()?))) {
            if !(1900..=2100).contains(&year) {
                continue;
            }
            let value = row.remove(&key).expect("key exists");
            match years.iter_mut().find(|(y, _)| *y == year) {
                Some((_, account)) => {
                    account.insert(field.to_string(), value);
                }
                None => years.push((year, Map::from_iter([(field.to_string(), value)]))),
            }
        }
    }
    if !ip.is_empty() {
        row.insert("ip".into(), Value::Object(ip));
    }
    if !years.is_empty() {
        let accounts = years
            .into_iter()
            .map(|(year, mut account)| {
                account.insert("year".into(), Value::from(year));
                Value::Object(account)
            })
            .collect();
        row.insert("accounts".into(), Value::Array(accounts));
    }
}

fn write_csv(out: &mut impl Write, reports: &[TierReport]) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["id", "name", "rules", "highest_tier", "side_labels", "next_tier", "gaps"])?;
    for report in reports {
        let assessment = &report.assessment;
        let side_labels: Vec<&str> = assessment.side_labels.iter().map(|tier| tier.name_zh()).collect();
        let mut gaps = Vec::new();
        for criterion in assessment.next_tier_gaps.iter().flat_map(|gap| &gap.criteria) {
            open_leaves(criterion, &mut gaps);
        }
        writer.write_record([
            report.id,
            report.name,
            assessment.rule_version.title_zh(),
            assessment.highest_step.map(|s| s.name_zh()).unwrap_or(""),
            &side_labels.join("、"),
            assessment.next_step.map(|s| s.name_zh()).unwrap_or(""),
            &gaps.join("; "),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

/// The simple criteria, inside any composite, that are not met: what to work on or collect.
fn open_leaves(criterion: &Criterion, gaps: &mut Vec<String>) {
    if criterion.outcome == Outcome::Met {
        return;
    }
    if criterion.parts.is_empty() {
        gaps.push(describe_gap(criterion));
    } else {
        criterion.parts.iter().for_each(|part| open_leaves(part, gaps));
    }
}

/// `研发费用占比: 0.02 → ≥ 0.03 (差 0.01)`, or the outcome alone where there is no number.
fn describe_gap(criterion: &Criterion) -> String {
    let current = match criterion.current {
        Some(Current::Number(n)) => format!("{n}"),
        Some(Current::Flag(flag)) => if flag { "是" } else { "否" }.to_string(),
        None => "未知".to_string(),
    };
    let required = match criterion.required {
        Some(Requirement::AtLeast(v)) => format!("≥ {v}"),
        Some(Requirement::Above(v)) => format!("> {v}"),
        Some(Requirement::AtMost(v)) => format!("≤ {v}"),
        Some(Requirement::Below(v)) => format!("< {v}"),
        Some(Requirement::Yes) => "是".to_string(),
        None => format!("{:?}", criterion.outcome),
    };
    match criterion.difference {
        Some(difference) => format!("{}: {current} → {required} (差 {difference})", criterion.description_zh),
        None => format!("{}: {current} → {required}", criterion.description_zh),
    }
}
