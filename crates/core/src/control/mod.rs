//! Parcel control indicators, 标准地 and investor plan checks (spec §3).
//!
//! - [`measure`]: the shared shapes of every check — [`Unit`], [`Bound`], [`Limit`],
//!   [`Computed`] values that may not apply, and bilingual [`Assessment`]s. Park
//!   targets and land-use intensity use them too.
//! - [`indicators`]: a parcel's [`Development`] figures and the [`ControlIndicator`]s
//!   computed from them, storeys higher than 8 m counting twice in 容积率.
//! - [`industry`]: the 2008 minimum 容积率 by GB/T 4754 大类.
//! - [`parcel`]: [`ControlRules`] (2008; 2023 as reported) and the [`ComplianceReport`] of a parcel.
//! - [`standard_land`]: [`StandardLandTerms`] and the check of an investor's plan.
//! - [`flags`]: 批而未供, 闲置 and 低效用地 flags.
//! - [`price`]: the 70% land-price concession for priority industries.

pub mod flags;
pub mod indicators;
pub mod industry;
pub mod measure;
pub mod parcel;
pub mod price;
pub mod standard_land;

pub use flags::{low_efficiency, parcel_flags, supply_flags, IdleLandRule, LandFlag, LandFlagKind, SupplyDates};
pub use indicators::{Condition, ControlIndicator, Development, Storey, TallStoreyRule};
pub use industry::{IndustryMinimum, IndustryTable};
pub use measure::{Assessment, Bilingual, Bound, Computed, Limit, Quotient, Setting, Unit, Verdict};
pub use parcel::{ComplianceReport, ControlRules};
pub use price::{LandPriceRule, StartingPrice};
pub use standard_land::StandardLandTerms;

use chrono::NaiveDate;

/// Why a parcel, a plan or a rule lookup cannot be checked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ControlError {
    #[error("{field} is {value}; enter a finite number of at least 0")]
    NotNonNegative { field: String, value: f64 },
    #[error("{field} is {value}; enter a finite number greater than 0")]
    NotPositive { field: String, value: f64 },
    #[error("{field} is not a finite number; enter the amount in 万元 (negative after refunds is allowed)")]
    NotFinite { field: String },
    #[error(
        "industry code \"{0}\" is not a two-digit GB/T 4754 大类 code; write it as two digits, e.g. 26 for 化学原料"
    )]
    MalformedIndustryCode(String),
    #[error(
        "{source_name} sets no minimum 容积率 for 大类 {code}; \
         check the code (the table covers manufacturing 大类) or leave the industry empty"
    )]
    UnlistedIndustry { code: u8, source_name: String },
    #[error("{months} months after {date} is beyond the calendar; check the date and the idle period")]
    DateOutOfRange { date: NaiveDate, months: u32 },
}
