//! Enterprise gradient tiers (企业梯度培育, spec §4): which tier an enterprise has reached
//! on a date, under the rule version in force that day, and what it lacks for the next one.
//!
//! # Catalogue
//! - Inputs: [`EnterpriseProfile`] (every field optional: missing data gives
//!   [`Outcome::Unknown`], never a silent "unmet"), its [`FiscalYear`] accounts and
//!   [`Certificate`]s, which count only while valid on the evaluation date.
//! - Rule data: [`TierRules`] bundles every tier's serde rule table with the spec's
//!   defaults; banded scores share one [`BandTable`] type, thresholds are [`Figure`]s that
//!   carry their UNCONFIRMED flag.
//! - Rule versions: [`RuleVersion::in_force_on`] picks 2022 (工信部企业〔2022〕63号) or 2026 rules.
//! - Results: [`assess`] gives a [`TierAssessment`] — every tier's [`Criterion`] outcomes and
//!   [`Scorecard`]s, the highest [`LadderStep`] reached, side labels and the gap to the next step.
//! - Park level: [`pyramid`] counts enterprises per highest step; [`near_next_tier`] lists
//!   enterprises a few small steps from their next tier; [`expiring_certificates`] and
//!   [`rule_changes`] (2022 against 2026 rules) complete the 梯度培育库.
//!
//! The tiers themselves: [`TechSmeRules`] (科技型, §4.2), [`InnovativeSmeRules`] (创新型, §4.1),
//! [`Specialised2022Rules`] and [`Specialised2026Rules`] (专精特新, §4.3), [`LittleGiant2022Rules`] and
//! [`LittleGiant2026Rules`] (小巨人, §4.4), [`ChampionRules`] (单项冠军, §4.5),
//! [`HighTechRules`] (高企, §4.6), [`GazelleRules`] and [`UnicornRules`] (§4.7).

mod assessment;
mod bands;
mod champion;
mod conditions;
mod criterion;
mod facts;
mod high_tech;
mod innovative_sme;
mod ladder;
mod little_giant;
mod local;
mod park;
mod paths;
mod pool;
mod profile;
mod score;
mod specialised_2022;
mod specialised_2022_score;
mod specialised_2026;
mod tech_sme;
#[cfg(test)]
pub(crate) mod test_support;
mod version;

pub use assessment::{assess, assess_under, TierAssessment, TierGap, TierResult, TierRules};
pub use bands::{Band, BandDirection, BandTable, Figure, FlagPoints, IpClassBands};
pub use champion::ChampionRules;
pub use criterion::{Combine, Criterion, Outcome, Requirement, Unit, Value};
pub use high_tech::HighTechRules;
pub use innovative_sme::InnovativeSmeRules;
pub use ladder::{LadderStep, Tier};
pub use little_giant::{LittleGiant2022Rules, LittleGiant2026Rules};
pub use local::{AgeValuationPath, GazelleRules, GrowthPath, UnicornRules, YoungLargePath};
pub use park::{near_next_tier, pyramid, LabelCount, NearTierCandidate, NearTierParams, PyramidLevel, TierPyramid};
pub use paths::{AwardRule, DirectPath};
pub use pool::{
    expiring_certificates, rule_changes, step_by_criteria, ExpiringCertificate, RuleChange, EXPIRY_WINDOW_MONTHS,
};
pub use profile::{
    Award, AwardKind, AwardLevel, Certificate, CertificateKind, EnterpriseProfile, FiscalYear, FiscalYearFigures,
    IpClass, IpCounts, RdInstitutionLevel,
};
pub use score::{GroupMinimum, ScoreGroup, ScoreInput, ScoreItem, Scorecard};
pub use specialised_2022::Specialised2022Rules;
pub use specialised_2022_score::Specialised2022Score;
pub use specialised_2026::Specialised2026Rules;
pub use tech_sme::TechSmeRules;
pub use version::RuleVersion;

use chrono::NaiveDate;

/// Why an assessment could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TierError {
    #[error(
        "evaluation date {0} is before 2022-08-01, when the first gradient rules (工信部企业〔2022〕63号) came \
         into force; choose a date on or after 2022-08-01"
    )]
    BeforeFirstRules(NaiveDate),
    #[error(
        "a {} certificate expires on {expires_on}, before it was issued on {issued_on}; correct one of the dates",
        kind.name_en()
    )]
    CertificateExpiresBeforeIssue { kind: CertificateKind, issued_on: NaiveDate, expires_on: NaiveDate },
    #[error("fiscal year {0} appears more than once in the accounts; merge the entries into one")]
    DuplicateFiscalYear(i32),
}
