//! Park-level views of many assessments: the tier pyramid and the enterprises a few small
//! steps from their next tier (the 梯度培育库's cultivation candidates).

use serde::{Deserialize, Serialize};

use super::assessment::TierAssessment;
use super::criterion::{Criterion, Outcome};
use super::ladder::{LadderStep, Tier};

/// How many enterprises stand at each step, counted by their highest step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierPyramid {
    /// Bottom first: no step, then each ladder step.
    pub levels: Vec<PyramidLevel>,
    pub side_labels: Vec<LabelCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PyramidLevel {
    pub step: Option<LadderStep>,
    pub enterprises: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelCount {
    pub tier: Tier,
    pub enterprises: usize,
}

const SIDE_LABELS: [Tier; 4] = [Tier::HighTech, Tier::Gazelle, Tier::Unicorn, Tier::PotentialUnicorn];

/// Counts enterprises by highest ladder step, and by side label.
pub fn pyramid<'a>(assessments: impl IntoIterator<Item = &'a TierAssessment>) -> TierPyramid {
    let assessments: Vec<&TierAssessment> = assessments.into_iter().collect();
    let steps = std::iter::once(None).chain(LadderStep::ALL.into_iter().map(Some));
    let levels = steps
        .map(|step| PyramidLevel { step, enterprises: assessments.iter().filter(|a| a.highest_step == step).count() })
        .collect();
    let side_labels = SIDE_LABELS
        .into_iter()
        .map(|tier| LabelCount {
            tier,
            enterprises: assessments.iter().filter(|a| a.side_labels.contains(&tier)).count(),
        })
        .collect();
    TierPyramid { levels, side_labels }
}

/// What counts as "near the next tier".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NearTierParams {
    /// Most criteria still unmet or unknown. Criteria awaiting manual review do not count:
    /// an official decides them, the enterprise cannot work on them.
    pub max_not_met: usize,
    /// Each unmet numeric criterion must be within this fraction of its requirement
    /// (0.1: at most 10% short). Unmet yes/no criteria and unknown ones have no gap to measure.
    pub max_relative_gap_ratio: f64,
}

/// An enterprise close to a tier of its next ladder step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NearTierCandidate {
    pub enterprise_id: i64,
    pub tier: Tier,
    /// Criteria unmet or unknown.
    pub not_met: usize,
    /// The widest relative gap among unmet numeric criteria.
    pub widest_relative_gap_ratio: Option<f64>,
    /// Every criterion not yet met, manual-review ones included.
    pub criteria: Vec<Criterion>,
}

/// Enterprises near a tier of their next step, fewest criteria to go first, then smallest gap.
pub fn near_next_tier<'a>(
    assessments: impl IntoIterator<Item = (i64, &'a TierAssessment)>,
    params: &NearTierParams,
) -> Vec<NearTierCandidate> {
    let mut candidates: Vec<NearTierCandidate> = assessments
        .into_iter()
        .flat_map(|(enterprise_id, a)| {
            a.next_tier_gaps.iter().filter_map(move |gap| {
                let not_met =
                    gap.criteria.iter().filter(|c| matches!(c.outcome, Outcome::Unmet | Outcome::Unknown)).count();
                let gaps: Vec<f64> = gap.criteria.iter().filter_map(Criterion::relative_gap).collect();
                let widest = gaps.iter().copied().reduce(f64::max);
                let near = not_met <= params.max_not_met && widest.is_none_or(|g| g <= params.max_relative_gap_ratio);
                near.then(|| NearTierCandidate {
                    enterprise_id,
                    tier: gap.tier,
                    not_met,
                    widest_relative_gap_ratio: widest,
                    criteria: gap.criteria.clone(),
                })
            })
        })
        .collect();
    candidates.sort_by(|a, b| {
        let gap = |c: &NearTierCandidate| c.widest_relative_gap_ratio.unwrap_or(0.0);
        a.not_met.cmp(&b.not_met).then(gap(a).total_cmp(&gap(b))).then(a.enterprise_id.cmp(&b.enterprise_id))
    });
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::assessment::{assess, TierRules};
    use crate::tiers::profile::{Certificate, CertificateKind, EnterpriseProfile, IpCounts, RdInstitutionLevel};
    use crate::tiers::test_support::{assert_round_trip, date, with_accounts};

    /// Holds 专精特新 and, under the 2022 rules, meets every 小巨人 criterion but R&D of 3% of
    /// revenue (360 万 of 12000 万) in each of the last 2 years when `rd` is below 360.
    fn nearly_giant(rd: f64) -> EnterpriseProfile {
        EnterpriseProfile {
            certificates: Some(vec![Certificate {
                kind: CertificateKind::Tier(Tier::SpecialisedSme),
                issued_on: date(2024, 1, 1),
                expires_on: date(2026, 12, 31),
            }]),
            years_in_niche: Some(5),
            has_core_business_information_system: Some(true),
            management_system_certified: Some(true),
            debt_ratio: Some(0.5),
            national_niche_market_share_ratio: Some(0.2),
            has_own_brand: Some(true),
            rd_institution_level: Some(RdInstitutionLevel::Provincial),
            ip: IpCounts { class1: Some(3), ..IpCounts::default() },
            key_chain_link: Some(true),
            ..with_accounts(2024, &[(12_000.0, 11_000.0, rd), (12_000.0, 10_000.0, rd), (12_000.0, 9_000.0, rd)])
        }
    }

    fn assessed(p: &EnterpriseProfile) -> TierAssessment {
        assess(&TierRules::default(), p, date(2025, 6, 1)).unwrap()
    }

    #[test]
    fn pyramid_counts_each_enterprise_once_at_its_highest_step() {
        let none = assessed(&EnterpriseProfile::default());
        let specialised = assessed(&nearly_giant(300.0));
        let giant = assessed(&nearly_giant(400.0));
        let p = pyramid([&none, &specialised, &giant, &specialised]);
        let counts: Vec<usize> = p.levels.iter().map(|l| l.enterprises).collect();
        assert_eq!(counts, vec![1, 0, 2, 1, 0]);
        assert_eq!(p.side_labels[0], LabelCount { tier: Tier::HighTech, enterprises: 0 });
        assert_round_trip(&p);
    }

    #[test]
    fn enterprise_within_the_margin_is_a_candidate() {
        let a = assessed(&nearly_giant(340.0));
        let params = NearTierParams { max_not_met: 1, max_relative_gap_ratio: 0.1 };
        let found = near_next_tier([(7, &a)], &params);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].enterprise_id, found[0].tier, found[0].not_met), (7, Tier::LittleGiant, 1));
        // 340 of 12000 is 2.83%: 5.6% short of the 3% requirement.
        let gap = found[0].widest_relative_gap_ratio.unwrap();
        assert!((gap - (0.03 - 340.0 / 12_000.0) / 0.03).abs() < 1e-12, "{gap}");
        assert_round_trip(&found);
    }

    #[test]
    fn enterprise_beyond_the_margin_or_with_too_many_gaps_is_not() {
        let a = assessed(&nearly_giant(200.0));
        assert!(near_next_tier([(1, &a)], &NearTierParams { max_not_met: 1, max_relative_gap_ratio: 0.1 }).is_empty());
        let b = assessed(&EnterpriseProfile { has_own_brand: Some(false), ..nearly_giant(340.0) });
        assert!(near_next_tier([(2, &b)], &NearTierParams { max_not_met: 1, max_relative_gap_ratio: 0.1 }).is_empty());
        assert_eq!(near_next_tier([(2, &b)], &NearTierParams { max_not_met: 2, max_relative_gap_ratio: 0.1 }).len(), 1);
    }

    #[test]
    fn candidates_sort_by_criteria_to_go_then_gap() {
        let close = assessed(&nearly_giant(350.0));
        let further = assessed(&nearly_giant(300.0));
        let params = NearTierParams { max_not_met: 1, max_relative_gap_ratio: 0.2 };
        let ids: Vec<i64> =
            near_next_tier([(1, &further), (2, &close)], &params).iter().map(|c| c.enterprise_id).collect();
        assert_eq!(ids, vec![2, 1]);
    }
}
