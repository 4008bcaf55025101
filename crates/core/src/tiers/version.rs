//! The two versions of MIIT's gradient rules and the dates they are in force (spec §4.0).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::TierError;

/// A version of 优质中小企业梯度培育管理办法.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleVersion {
    /// 《优质中小企业梯度培育管理暂行办法》 (工信部企业〔2022〕63号), 2022-08-01 to 2026-03-31.
    Miit2022,
    /// 《优质中小企业梯度培育管理办法》 (2026 revision), from 2026-04-01.
    Miit2026,
}

impl RuleVersion {
    /// The version in force on `date`; dates before 2022-08-01 have none.
    pub fn in_force_on(date: NaiveDate) -> Result<RuleVersion, TierError> {
        if date >= RuleVersion::Miit2026.in_force_from() {
            Ok(RuleVersion::Miit2026)
        } else if date >= RuleVersion::Miit2022.in_force_from() {
            Ok(RuleVersion::Miit2022)
        } else {
            Err(TierError::BeforeFirstRules(date))
        }
    }

    pub fn in_force_from(self) -> NaiveDate {
        let (y, m, d) = match self {
            RuleVersion::Miit2022 => (2022, 8, 1),
            RuleVersion::Miit2026 => (2026, 4, 1),
        };
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid calendar date")
    }

    pub fn title_zh(self) -> &'static str {
        match self {
            RuleVersion::Miit2022 => "优质中小企业梯度培育管理暂行办法",
            RuleVersion::Miit2026 => "优质中小企业梯度培育管理办法",
        }
    }

    /// The document number; `None` where the spec could not confirm it (2026).
    pub fn document_number(self) -> Option<&'static str> {
        match self {
            RuleVersion::Miit2022 => Some("工信部企业〔2022〕63号"),
            RuleVersion::Miit2026 => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn rules_switch_between_31_march_and_1_april_2026() {
        assert_eq!(RuleVersion::in_force_on(date(2026, 3, 31)), Ok(RuleVersion::Miit2022));
        assert_eq!(RuleVersion::in_force_on(date(2026, 4, 1)), Ok(RuleVersion::Miit2026));
    }

    #[test]
    fn rules_2022_start_on_1_august_2022() {
        assert_eq!(RuleVersion::in_force_on(date(2022, 8, 1)), Ok(RuleVersion::Miit2022));
        assert_eq!(RuleVersion::in_force_on(date(2022, 7, 31)), Err(TierError::BeforeFirstRules(date(2022, 7, 31))));
    }

    #[test]
    fn error_before_2022_says_which_date_to_use() {
        let message = RuleVersion::in_force_on(date(2021, 1, 1)).unwrap_err().to_string();
        assert!(message.contains("2021-01-01") && message.contains("on or after 2022-08-01"));
    }

    #[test]
    fn only_the_2026_number_is_unconfirmed() {
        assert_eq!(RuleVersion::Miit2022.document_number(), Some("工信部企业〔2022〕63号"));
        assert_eq!(RuleVersion::Miit2026.document_number(), None);
    }
}
