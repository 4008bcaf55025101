//! Flags on parcels that land management tracks and reduces (spec §3, Chongqing §四(三)):
//! 批而未供 (approved, not supplied), 闲置 (supplied, not developed in time) and
//! 低效用地 candidates (亩均税收 or 容积率 below the control values).
//!
//! Dates are passed in; nothing here reads the clock.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::indicators::ControlIndicator;
use super::measure::{number, Bilingual, Setting, Verdict};
use super::parcel::{ComplianceReport, ControlRules};
use super::standard_land::StandardLandTerms;
use super::{ControlError, Development};

/// The land-supply dates of one parcel, as far as they have happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SupplyDates {
    /// Approval for construction (农用地转用/征收 批准).
    pub approved_on: Option<NaiveDate>,
    /// Supply: the grant contract or the allocation decision.
    pub supplied_on: Option<NaiveDate>,
    /// The start of construction agreed in the contract; without it the period runs from `supplied_on`.
    pub agreed_start_on: Option<NaiveDate>,
    pub construction_started_on: Option<NaiveDate>,
}

/// When supplied land counts as 闲置.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdleLandRule {
    /// Months after the agreed start (or supply) by which construction must have begun.
    pub idle_after_months: Setting<u32>,
}

impl Default for IdleLandRule {
    /// One year: the spec gives no period, so the value is UNCONFIRMED.
    fn default() -> IdleLandRule {
        IdleLandRule { idle_after_months: Setting::unconfirmed(12) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LandFlagKind {
    /// 批而未供
    ApprovedNotSupplied,
    /// 闲置
    Idle,
    /// 低效用地 candidate for redevelopment
    LowEfficiency,
}

/// A flag raised on a parcel, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LandFlag {
    pub kind: LandFlagKind,
    pub explanation: Bilingual,
}

/// 批而未供 and 闲置 flags as of a date.
pub fn supply_flags(dates: &SupplyDates, as_of: NaiveDate, rule: &IdleLandRule) -> Result<Vec<LandFlag>, ControlError> {
    let happened = |date: Option<NaiveDate>| date.filter(|d| *d <= as_of);
    let mut flags = Vec::new();
    if let (Some(approved), None) = (happened(dates.approved_on), happened(dates.supplied_on)) {
        flags.push(LandFlag {
            kind: LandFlagKind::ApprovedNotSupplied,
            explanation: Bilingual::new(
                format!("{approved} 已批准，截至 {as_of} 尚未供应：批而未供"),
                format!("approved on {approved} and still not supplied on {as_of}: approved but not supplied"),
            ),
        });
    }
    if let (Some(supplied), None) = (happened(dates.supplied_on), happened(dates.construction_started_on)) {
        let start = dates.agreed_start_on.unwrap_or(supplied);
        let months = rule.idle_after_months.value;
        let deadline = start
            .checked_add_months(Months::new(months))
            .ok_or(ControlError::DateOutOfRange { date: start, months })?;
        // Construction begun on the deadline itself is in time.
        if as_of > deadline {
            flags.push(LandFlag {
                kind: LandFlagKind::Idle,
                explanation: Bilingual::new(
                    format!("{supplied} 供应，应于 {start} 起 {months} 个月内（{deadline} 前）动工，截至 {as_of} 仍未动工：闲置"),
                    format!(
                        "supplied on {supplied}, construction due within {months} months of {start} \
                         (by {deadline}), not started on {as_of}: idle"
                    ),
                ),
            });
        }
    }
    Ok(flags)
}

/// A 低效用地 flag when the parcel's 容积率 or 亩均税收 fell short of a floor in its report.
pub fn low_efficiency(report: &ComplianceReport) -> Option<LandFlag> {
    let shortfalls: Vec<_> = [ControlIndicator::FloorAreaRatio, ControlIndicator::TaxPerMu]
        .into_iter()
        .filter_map(|indicator| report.floor_assessment(indicator))
        .filter(|a| a.verdict == Verdict::Unmet)
        .collect();
    if shortfalls.is_empty() {
        return None;
    }
    let describe = |zh: bool| {
        shortfalls
            .iter()
            .map(|a| {
                let current = number(a.current.unwrap_or_default());
                let required = a.required.describe();
                if zh {
                    format!("{} {current}{}，要求 {}", a.name.zh, a.required.unit.symbol_zh(), required.zh)
                } else {
                    format!("{} {current}{}, required {}", a.name.en, a.required.unit.symbol_en(), required.en)
                }
            })
            .collect::<Vec<_>>()
    };
    Some(LandFlag {
        kind: LandFlagKind::LowEfficiency,
        explanation: Bilingual::new(
            format!("{}：低效用地，可列入再开发", describe(true).join("；")),
            format!("{}: inefficient land, a candidate for redevelopment", describe(false).join("; ")),
        ),
    })
}

/// Every flag on one parcel as of a date: 批而未供 and 闲置 from its supply dates, and
/// 低效用地 when what is built and earned there falls short of its 标准地 terms or, without
/// terms, of the 2008 national control values (`rules`). A parcel without development
/// figures cannot be a 低效 candidate; figures that fail their own checks raise no flag
/// rather than a false one (the server refuses them on input).
pub fn parcel_flags(
    dates: &SupplyDates,
    terms: Option<&StandardLandTerms>,
    development: Option<&Development>,
    as_of: NaiveDate,
    rule: &IdleLandRule,
) -> Result<Vec<LandFlag>, ControlError> {
    let mut flags = supply_flags(dates, as_of, rule)?;
    let report = development.and_then(|development| match terms {
        Some(terms) => terms.check_plan(development).ok(),
        None => ControlRules::edition_2008().check_parcel(development, None).ok(),
    });
    flags.extend(report.as_ref().and_then(low_efficiency));
    Ok(flags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::indicators::tests::factory;
    use crate::control::indicators::{Condition, Development};
    use crate::control::measure::Bound;
    use crate::control::parcel::ControlRules;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn kinds(dates: &SupplyDates, as_of: &str) -> Vec<LandFlagKind> {
        supply_flags(dates, date(as_of), &IdleLandRule::default()).unwrap().into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn approved_land_is_unsupplied_until_the_supply_date() {
        let dates = SupplyDates {
            approved_on: Some(date("2023-03-01")),
            supplied_on: Some(date("2024-06-01")),
            ..SupplyDates::default()
        };
        assert_eq!(kinds(&dates, "2023-02-28"), []);
        assert_eq!(kinds(&dates, "2024-05-31"), [LandFlagKind::ApprovedNotSupplied]);
        assert_eq!(kinds(&dates, "2024-06-01"), []);
    }

    #[test]
    fn supplied_land_is_idle_the_day_after_the_period_ends() {
        let dates = SupplyDates {
            supplied_on: Some(date("2023-01-10")),
            agreed_start_on: Some(date("2023-07-01")),
            ..SupplyDates::default()
        };
        assert_eq!(kinds(&dates, "2024-07-01"), []);
        assert_eq!(kinds(&dates, "2024-07-02"), [LandFlagKind::Idle]);
        let started = SupplyDates { construction_started_on: Some(date("2024-07-01")), ..dates };
        assert_eq!(kinds(&started, "2025-01-01"), []);
    }

    #[test]
    fn idle_period_runs_from_supply_without_an_agreed_start_and_is_a_setting() {
        let dates = SupplyDates { supplied_on: Some(date("2023-01-31")), ..SupplyDates::default() };
        let six_months = IdleLandRule { idle_after_months: Setting::confirmed(6) };
        let flags = supply_flags(&dates, date("2023-08-01"), &six_months).unwrap();
        assert_eq!(flags.len(), 1);
        assert_eq!(
            flags[0].explanation.zh,
            "2023-01-31 供应，应于 2023-01-31 起 6 个月内（2023-07-31 前）动工，截至 2023-08-01 仍未动工：闲置"
        );
        assert_eq!(supply_flags(&dates, date("2023-07-31"), &six_months).unwrap(), []);
        assert!(IdleLandRule::default().idle_after_months.unconfirmed);
    }

    #[test]
    fn report_below_the_control_values_is_a_low_efficiency_candidate() {
        let mut rules = ControlRules::edition_2008();
        rules.conditions.push(Condition::new(ControlIndicator::TaxPerMu, Bound::AtLeast, 20.0));
        let efficient = rules.check_parcel(&factory(), Some("34")).unwrap();
        assert_eq!(low_efficiency(&efficient), None);
        let poor = Development { annual_tax_wan_yuan: 450.0, storeys: factory().storeys[..1].to_vec(), ..factory() };
        let flag = low_efficiency(&rules.check_parcel(&poor, Some("34")).unwrap()).unwrap();
        assert_eq!(flag.kind, LandFlagKind::LowEfficiency);
        assert_eq!(
            flag.explanation.zh,
            "容积率 0.3，要求 ≥ 0.7；亩均税收 15 万元/亩，要求 ≥ 20 万元/亩：低效用地，可列入再开发"
        );
    }

    #[test]
    fn flags_and_rules_round_trip_through_json() {
        let dates = SupplyDates { approved_on: Some(date("2023-03-01")), ..SupplyDates::default() };
        let flags = supply_flags(&dates, date("2024-01-01"), &IdleLandRule::default()).unwrap();
        let text = serde_json::to_string(&(dates, IdleLandRule::default(), flags.clone())).unwrap();
        assert_eq!(
            serde_json::from_str::<(SupplyDates, IdleLandRule, Vec<LandFlag>)>(&text).unwrap(),
            (dates, IdleLandRule::default(), flags)
        );
    }
    #[test]
    fn a_parcel_gathers_its_supply_and_efficiency_flags() {
        let dates = SupplyDates { supplied_on: Some(date("2022-01-10")), ..SupplyDates::default() };
        let terms = StandardLandTerms {
            parcel_code: "GG-2025-017".to_owned(),
            tall_storey: crate::control::TallStoreyRule::edition_2008(),
            conditions: vec![Condition::new(ControlIndicator::TaxPerMu, Bound::AtLeast, 25.0)],
        };
        let kinds = |terms: Option<&StandardLandTerms>, development: Option<&Development>| {
            parcel_flags(&dates, terms, development, date("2024-01-01"), &IdleLandRule::default())
                .unwrap()
                .into_iter()
                .map(|f| f.kind)
                .collect::<Vec<_>>()
        };
        // 600 万元 of tax on 30 亩 is 20 万元/亩, short of the terms' 25.
        assert_eq!(kinds(Some(&terms), Some(&factory())), [LandFlagKind::Idle, LandFlagKind::LowEfficiency]);
        // Without terms the 2008 rules hold no tax floor, and the factory meets the rest.
        assert_eq!(kinds(None, Some(&factory())), [LandFlagKind::Idle]);
        assert_eq!(kinds(Some(&terms), None), [LandFlagKind::Idle]);
        let broken = Development { green_area_m2: crate::units::SquareMetres(-1.0), ..factory() };
        assert_eq!(kinds(Some(&terms), Some(&broken)), [LandFlagKind::Idle]);
    }
}
