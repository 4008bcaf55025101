//! Helpers shared by the tier tests: dates, band-edge checks, tolerant JSON round trips.

use std::fmt::Debug;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::bands::BandTable;
use super::profile::{EnterpriseProfile, FiscalYear, FiscalYearFigures, IpCounts, RdInstitutionLevel};

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid test date")
}

/// Asserts `table` gives each `(input, expected)` pair's value.
pub fn check_bands(table: &BandTable, cases: &[(f64, f64)]) {
    for &(x, expected) in cases {
        assert_eq!(table.lookup(x), Some(expected), "input {x}");
    }
}

/// Accounts with revenue, main-business revenue and R&D for consecutive years ending at `last`.
pub fn accounts(last: i32, rows: &[(f64, f64, f64)]) -> Vec<FiscalYear> {
    rows.iter()
        .enumerate()
        .map(|(back, &(revenue, main, rd))| FiscalYear {
            year: last - back as i32,
            figures: FiscalYearFigures {
                revenue_wan_yuan: Some(revenue),
                main_business_revenue_wan_yuan: Some(main),
                rd_expense_wan_yuan: Some(rd),
                ..FiscalYearFigures::default()
            },
        })
        .collect()
}

/// A profile with only accounts set.
pub fn with_accounts(last: i32, rows: &[(f64, f64, f64)]) -> EnterpriseProfile {
    EnterpriseProfile { accounts: accounts(last, rows), ..EnterpriseProfile::default() }
}

/// The 专精特新 2022 worked example: 73 points when `rd_last_year` is 300 万 (6% of revenue).
pub fn specialised_profile(rd_last_year: f64) -> EnterpriseProfile {
    let mut accounts =
        accounts(2024, &[(5_000.0, 4_500.0, rd_last_year), (4_500.0, 4_000.0, 150.0), (4_000.0, 3_600.0, 120.0)]);
    accounts[0].figures.net_profit_wan_yuan = Some(400.0);
    EnterpriseProfile {
        years_in_niche: Some(6),
        staff_count: Some(100),
        rd_staff_count: Some(12),
        debt_ratio: Some(0.55),
        digitalisation_level: Some(2),
        management_system_certified: Some(true),
        strategic_emerging_industry: Some(true),
        distinctiveness_points: Some(10.0),
        rd_institution_level: Some(RdInstitutionLevel::City),
        ip: IpCounts {
            class1_high_value: Some(0),
            class1_self_developed: Some(2),
            class1: Some(2),
            class2: Some(5),
            ..IpCounts::default()
        },
        accounts,
        ..EnterpriseProfile::default()
    }
}

/// Serialises, reads back and compares, allowing floats to differ in the last bit: the
/// workspace's serde_json parses floats fast rather than exactly (no `float_roundtrip`).
pub fn assert_round_trip<T: Serialize + DeserializeOwned + Debug>(value: &T) {
    let json = serde_json::to_string(value).expect("serialises");
    let back: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("reads back: {e}\n{json}"));
    let (a, b) = (serde_json::to_value(value).unwrap(), serde_json::to_value(&back).unwrap());
    assert!(close(&a, &b), "round trip changed the value:\n{a}\n{b}");
}

fn close(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value::{Array, Number, Object};
    match (a, b) {
        (Number(x), Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0)
        }
        (Array(x), Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| close(x, y)),
        (Object(x), Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| close(v, w))),
        _ => a == b,
    }
}
