//! The 梯度培育库 (cultivation pool) of a park beyond the pyramid and the near-next-tier
//! candidates of [`super::park`]: the default "near" rule, certificates about to expire,
//! and the enterprises whose tier changes when the 2026 rules replace the 2022 ones.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::assessment::{assess_under, TierAssessment, TierRules};
use super::criterion::Outcome;
use super::ladder::LadderStep;
use super::park::NearTierParams;
use super::profile::{CertificateKind, EnterpriseProfile};
use super::version::RuleVersion;
use super::TierError;

impl Default for NearTierParams {
    /// At most 2 criteria to go, each at most 20% short: wide enough that an officer sees
    /// whom to visit this year, narrow enough that the list stays short.
    fn default() -> NearTierParams {
        NearTierParams { max_not_met: 2, max_relative_gap_ratio: 0.2 }
    }
}

/// How far ahead the pool looks for certificates to renew.
pub const EXPIRY_WINDOW_MONTHS: u32 = 6;

/// A certificate valid today that ends within the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpiringCertificate {
    pub enterprise_id: i64,
    pub kind: CertificateKind,
    pub expires_on: NaiveDate,
    /// Days from `today` to the last valid day, 0 when it ends today.
    pub days_left: i64,
}

/// Certificates valid on `today` whose last valid day is within `months` months of it,
/// soonest first.
pub fn expiring_certificates<'a>(
    profiles: impl IntoIterator<Item = (i64, &'a EnterpriseProfile)>,
    today: NaiveDate,
    months: u32,
) -> Vec<ExpiringCertificate> {
    let until = today.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX);
    let mut expiring: Vec<ExpiringCertificate> = profiles
        .into_iter()
        .flat_map(|(enterprise_id, profile)| {
            profile.certificates.iter().flatten().filter(move |c| c.valid_on(today) && c.expires_on <= until).map(
                move |c| ExpiringCertificate {
                    enterprise_id,
                    kind: c.kind,
                    expires_on: c.expires_on,
                    days_left: (c.expires_on - today).num_days(),
                },
            )
        })
        .collect();
    expiring.sort_by_key(|c| (c.expires_on, c.enterprise_id));
    expiring
}

/// The highest ladder step whose criteria are all met, certificates aside: what the rules
/// themselves grant (a certificate stays valid to its end whatever the rules become).
pub fn step_by_criteria(assessment: &TierAssessment) -> Option<LadderStep> {
    assessment.tiers.iter().filter(|t| t.outcome == Outcome::Met).filter_map(|t| t.tier.ladder_step()).max()
}

/// An enterprise the two rule versions place on different steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleChange {
    pub enterprise_id: i64,
    /// The step its criteria reach under 工信部企业〔2022〕63号.
    pub under_2022: Option<LadderStep>,
    /// The step its criteria reach under the 2026 rules.
    pub under_2026: Option<LadderStep>,
}

impl RuleChange {
    /// The 2026 rules place it higher.
    pub fn rises(&self) -> bool {
        self.under_2026 > self.under_2022
    }
}

/// Enterprises whose step by criteria differs between the 2022 and the 2026 rules, both
/// applied to the same facts on `on`; those that fall first, then by id.
pub fn rule_changes<'a>(
    rules: &TierRules,
    profiles: impl IntoIterator<Item = (i64, &'a EnterpriseProfile)>,
    on: NaiveDate,
) -> Result<Vec<RuleChange>, TierError> {
    let mut changes = Vec::new();
    for (enterprise_id, profile) in profiles {
        let under = |version| assess_under(rules, profile, on, version).map(|a| step_by_criteria(&a));
        let (under_2022, under_2026) = (under(RuleVersion::Miit2022)?, under(RuleVersion::Miit2026)?);
        if under_2022 != under_2026 {
            changes.push(RuleChange { enterprise_id, under_2022, under_2026 });
        }
    }
    changes.sort_by_key(|c| (c.rises(), c.enterprise_id));
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::park::near_next_tier;
    use crate::tiers::profile::{Certificate, IpCounts, RdInstitutionLevel};
    use crate::tiers::test_support::{date, specialised_profile, with_accounts};
    use crate::tiers::{assess, Tier};
    use proptest::prelude::*;

    fn certificate(tier: Tier, expires_on: NaiveDate) -> Certificate {
        Certificate { kind: CertificateKind::Tier(tier), issued_on: date(2023, 1, 1), expires_on }
    }

    #[test]
    fn certificates_ending_within_six_months_are_listed_soonest_first() {
        let today = date(2026, 12, 7);
        let a = EnterpriseProfile {
            certificates: Some(vec![
                certificate(Tier::SpecialisedSme, date(2027, 6, 7)),
                certificate(Tier::HighTech, date(2027, 6, 8)),
            ]),
            ..EnterpriseProfile::default()
        };
        let b = EnterpriseProfile {
            certificates: Some(vec![
                certificate(Tier::LittleGiant, date(2026, 12, 7)),
                certificate(Tier::InnovativeSme, date(2026, 12, 6)),
            ]),
            ..EnterpriseProfile::default()
        };
        let found = expiring_certificates([(1, &a), (2, &b)], today, EXPIRY_WINDOW_MONTHS);
        let seen: Vec<_> = found.iter().map(|c| (c.enterprise_id, c.kind, c.days_left)).collect();
        // B's 创新型 ended yesterday and A's 高企 ends a day after the window.
        assert_eq!(
            seen,
            vec![
                (2, CertificateKind::Tier(Tier::LittleGiant), 0),
                (1, CertificateKind::Tier(Tier::SpecialisedSme), 182)
            ]
        );
    }

    #[test]
    fn an_enterprise_the_2026_rules_place_lower_is_listed_with_both_steps() {
        // The 2022 专精特新 worked example (73 points) holds no 科技和创新型 title, which the
        // 2026 专精特新 rules ask for first, and spent R&D in one year only.
        let p = specialised_profile(300.0);
        let on = date(2025, 6, 1);
        let changes = rule_changes(&TierRules::default(), [(5, &p), (6, &EnterpriseProfile::default())], on).unwrap();
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].enterprise_id, 5);
        assert_eq!(changes[0].under_2022, Some(LadderStep::SpecialisedSme));
        assert!(changes[0].under_2026 < Some(LadderStep::SpecialisedSme));
        assert!(!changes[0].rises());
    }

    #[test]
    fn rule_changes_refuse_a_date_before_the_first_rules() {
        let p = EnterpriseProfile::default();
        let error = rule_changes(&TierRules::default(), [(1, &p)], date(2021, 1, 1)).unwrap_err();
        assert_eq!(error, TierError::BeforeFirstRules(date(2021, 1, 1)));
    }

    #[test]
    fn default_near_rule_is_two_criteria_within_twenty_percent() {
        assert_eq!(NearTierParams::default(), NearTierParams { max_not_met: 2, max_relative_gap_ratio: 0.2 });
    }

    /// A 专精特新 holder that lacks some of the 2022 小巨人 criteria, by how much chosen by the test.
    fn varied(rd: f64, brand: bool, debt_ratio: f64, share: f64) -> EnterpriseProfile {
        EnterpriseProfile {
            certificates: Some(vec![certificate(Tier::SpecialisedSme, date(2026, 12, 31))]),
            years_in_niche: Some(5),
            has_core_business_information_system: Some(true),
            management_system_certified: Some(true),
            debt_ratio: Some(debt_ratio),
            national_niche_market_share_ratio: Some(share),
            has_own_brand: Some(brand),
            rd_institution_level: Some(RdInstitutionLevel::Provincial),
            ip: IpCounts { class1: Some(3), ..IpCounts::default() },
            key_chain_link: Some(true),
            ..with_accounts(2024, &[(12_000.0, 11_000.0, rd), (12_000.0, 10_000.0, rd), (12_000.0, 9_000.0, rd)])
        }
    }

    proptest! {
        /// Raising the number of criteria to go or the margin never drops a candidate.
        #[test]
        fn widening_the_near_rule_keeps_every_candidate(
            firms in prop::collection::vec((100.0..400.0f64, any::<bool>(), 0.4..0.9f64, 0.0..0.2f64), 1..8),
            n in 0usize..4, extra_n in 0usize..3, margin in 0.0..0.5f64, extra_margin in 0.0..0.5f64,
        ) {
            let assessed: Vec<TierAssessment> = firms
                .iter()
                .map(|&(rd, brand, debt, share)| assess(&TierRules::default(), &varied(rd, brand, debt, share), date(2025, 6, 1)).unwrap())
                .collect();
            let ids = |params: NearTierParams| -> Vec<(i64, Tier)> {
                near_next_tier(assessed.iter().enumerate().map(|(i, a)| (i as i64, a)), &params)
                    .into_iter()
                    .map(|c| (c.enterprise_id, c.tier))
                    .collect()
            };
            let narrow = ids(NearTierParams { max_not_met: n, max_relative_gap_ratio: margin });
            let wide = ids(NearTierParams { max_not_met: n + extra_n, max_relative_gap_ratio: margin + extra_margin });
            for candidate in narrow {
                prop_assert!(wide.contains(&candidate), "{candidate:?} dropped");
            }
        }
    }
}
