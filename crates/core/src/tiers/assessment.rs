//! Assessing one enterprise on one date: every tier of the rule version in force, the
//! highest ladder step reached, side labels, and the gap to the next step (spec §4.0).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::champion::ChampionRules;
use super::criterion::{overall, Criterion, Outcome};
use super::facts::Facts;
use super::high_tech::HighTechRules;
use super::innovative_sme::{tech_and_innovative, InnovativeSmeRules};
use super::ladder::{LadderStep, Tier};
use super::little_giant::{LittleGiant2022Rules, LittleGiant2026Rules};
use super::local::{GazelleRules, UnicornRules};
use super::profile::EnterpriseProfile;
use super::score::Scorecard;
use super::specialised_2022::Specialised2022Rules;
use super::specialised_2026::Specialised2026Rules;
use super::tech_sme::TechSmeRules;
use super::version::RuleVersion;
use super::TierError;

/// Every tier's rules: one editable, serialisable bundle. `Default` ships the spec's values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierRules {
    /// Which bundle this is, e.g. a park's copy with local 瞪羚 rules.
    pub name: String,
    pub tech_sme: TechSmeRules,
    pub innovative_sme: InnovativeSmeRules,
    pub specialised_2022: Specialised2022Rules,
    pub specialised_2026: Specialised2026Rules,
    pub little_giant_2022: LittleGiant2022Rules,
    pub little_giant_2026: LittleGiant2026Rules,
    pub single_champion: ChampionRules,
    pub high_tech: HighTechRules,
    /// The jurisdiction's 瞪羚 definitions.
    pub gazelle: Vec<GazelleRules>,
    /// The jurisdiction's 独角兽 and 潜在独角兽 definitions.
    pub unicorn: Vec<UnicornRules>,
}

impl Default for TierRules {
    fn default() -> TierRules {
        TierRules {
            name: "梯度培育默认规则（spec §4）".to_owned(),
            tech_sme: TechSmeRules::default(),
            innovative_sme: InnovativeSmeRules::default(),
            specialised_2022: Specialised2022Rules::default(),
            specialised_2026: Specialised2026Rules::default(),
            little_giant_2022: LittleGiant2022Rules::default(),
            little_giant_2026: LittleGiant2026Rules::default(),
            single_champion: ChampionRules::default(),
            high_tech: HighTechRules::default(),
            gazelle: vec![GazelleRules::huangpu_2022()],
            unicorn: vec![UnicornRules::unicorn(), UnicornRules::suqian_potential()],
        }
    }
}

/// What a tier's rules make of an enterprise, before the tier and source are attached.
pub(crate) struct Evaluation {
    pub criteria: Vec<Criterion>,
    pub scorecards: Vec<Scorecard>,
}

/// One tier for one enterprise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierResult {
    pub tier: Tier,
    /// The rule set that produced this result.
    pub source: String,
    /// All criteria combined: met only when every one is met.
    pub outcome: Outcome,
    /// A certificate of this tier is valid on the evaluation date (`None`: certificates unknown).
    pub holds_certificate: Option<bool>,
    /// Criteria met, or a valid certificate held.
    pub reached: bool,
    pub criteria: Vec<Criterion>,
    pub scorecards: Vec<Scorecard>,
}

/// What one tier of the next ladder step still lacks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierGap {
    pub tier: Tier,
    pub outcome: Outcome,
    /// Every criterion not yet met (unmet, unknown or awaiting manual review).
    pub criteria: Vec<Criterion>,
}

/// One enterprise's tiers on one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierAssessment {
    pub evaluated_on: NaiveDate,
    pub rule_version: RuleVersion,
    pub tiers: Vec<TierResult>,
    /// The highest ladder step reached, `None` if none.
    pub highest_step: Option<LadderStep>,
    /// Side labels reached (高企, 瞪羚, 独角兽, 潜在独角兽).
    pub side_labels: Vec<Tier>,
    /// The step above `highest_step` (the first step if none), `None` at the top.
    pub next_step: Option<LadderStep>,
    /// One gap per tier of `next_step` (two under the 2022 rules' first step: 科技型 and 创新型).
    pub next_tier_gaps: Vec<TierGap>,
}

/// Assesses `profile` on `on` under the rule version in force that day.
///
/// "Last year" is the calendar year before `on`; awards and incidents "within N years"
/// are those of the N calendar years before `on`'s year and of that year itself.
pub fn assess(rules: &TierRules, profile: &EnterpriseProfile, on: NaiveDate) -> Result<TierAssessment, TierError> {
    assess_under(rules, profile, on, RuleVersion::in_force_on(on)?)
}

/// Assesses `profile` on `on` under `version`, whichever is in force that day: what the
/// other rule version would make of the same facts (the 梯度培育库 compares the two).
pub fn assess_under(
    rules: &TierRules,
    profile: &EnterpriseProfile,
    on: NaiveDate,
    version: RuleVersion,
) -> Result<TierAssessment, TierError> {
    RuleVersion::in_force_on(on)?;
    let facts = Facts::new(profile, on)?;
    let tier = |tier: Tier, source: &str, e: Evaluation| {
        let holds_certificate = facts.holds(&tier.held_by());
        let outcome = overall(&e.criteria);
        TierResult {
            tier,
            source: source.to_owned(),
            outcome,
            holds_certificate,
            reached: outcome == Outcome::Met || holds_certificate == Some(true),
            criteria: e.criteria,
            scorecards: e.scorecards,
        }
    };
    let mut tiers = match version {
        RuleVersion::Miit2022 => vec![
            tier(Tier::TechSme, &rules.tech_sme.source, rules.tech_sme.evaluate(&facts)),
            tier(Tier::InnovativeSme, &rules.innovative_sme.source, rules.innovative_sme.evaluate(&facts)),
            tier(Tier::SpecialisedSme, &rules.specialised_2022.source, rules.specialised_2022.evaluate(&facts)),
            tier(Tier::LittleGiant, &rules.little_giant_2022.source, rules.little_giant_2022.evaluate(&facts)),
        ],
        RuleVersion::Miit2026 => vec![
            tier(
                Tier::TechInnovativeSme,
                &format!("{}；{}", rules.tech_sme.source, rules.innovative_sme.source),
                tech_and_innovative(&rules.tech_sme, &rules.innovative_sme, &facts),
            ),
            tier(Tier::SpecialisedSme, &rules.specialised_2026.source, rules.specialised_2026.evaluate(&facts)),
            tier(Tier::LittleGiant, &rules.little_giant_2026.source, rules.little_giant_2026.evaluate(&facts)),
        ],
    };
    tiers.push(tier(Tier::SingleChampion, &rules.single_champion.source, rules.single_champion.evaluate(&facts)));
    tiers.push(tier(Tier::HighTech, &rules.high_tech.source, rules.high_tech.evaluate(&facts)));
    tiers.extend(rules.gazelle.iter().map(|g| tier(Tier::Gazelle, &g.source, g.evaluate(&facts))));
    tiers.extend(rules.unicorn.iter().map(|u| tier(u.tier, &u.source, u.evaluate(&facts))));

    let highest_step = tiers.iter().filter(|t| t.reached).filter_map(|t| t.tier.ladder_step()).max();
    let mut side_labels: Vec<Tier> =
        tiers.iter().filter(|t| t.reached && t.tier.ladder_step().is_none()).map(|t| t.tier).collect();
    side_labels.dedup();
    let next_step = match highest_step {
        None => Some(LadderStep::TechOrInnovativeSme),
        Some(step) => step.next(),
    };
    let next_tier_gaps = tiers
        .iter()
        .filter(|t| next_step.is_some() && t.tier.ladder_step() == next_step)
        .map(|t| TierGap {
            tier: t.tier,
            outcome: t.outcome,
            criteria: t.criteria.iter().filter(|c| c.outcome != Outcome::Met).cloned().collect(),
        })
        .collect();
    Ok(TierAssessment {
        evaluated_on: on,
        rule_version: version,
        tiers,
        highest_step,
        side_labels,
        next_step,
        next_tier_gaps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiers::profile::{Certificate, CertificateKind, IpCounts};
    use crate::tiers::test_support::{assert_round_trip, date, with_accounts};
    use proptest::prelude::*;

    fn certificate(tier: Tier, issued_on: NaiveDate, expires_on: NaiveDate) -> Certificate {
        Certificate { kind: CertificateKind::Tier(tier), issued_on, expires_on }
    }

    fn assess_on(profile: &EnterpriseProfile, on: NaiveDate) -> TierAssessment {
        assess(&TierRules::default(), profile, on).unwrap()
    }

    fn tiers(a: &TierAssessment) -> Vec<Tier> {
        a.tiers.iter().map(|t| t.tier).collect()
    }

    #[test]
    fn rule_version_switches_between_31_march_and_1_april_2026() {
        let p = EnterpriseProfile::default();
        let before = assess_on(&p, date(2026, 3, 31));
        let after = assess_on(&p, date(2026, 4, 1));
        assert_eq!(before.rule_version, RuleVersion::Miit2022);
        assert_eq!(after.rule_version, RuleVersion::Miit2026);
        assert_eq!(
            &tiers(&before)[..4],
            &[Tier::TechSme, Tier::InnovativeSme, Tier::SpecialisedSme, Tier::LittleGiant]
        );
        assert_eq!(&tiers(&after)[..3], &[Tier::TechInnovativeSme, Tier::SpecialisedSme, Tier::LittleGiant]);
    }

    #[test]
    fn assessment_before_august_2022_is_refused() {
        let err = assess(&TierRules::default(), &EnterpriseProfile::default(), date(2022, 7, 31)).unwrap_err();
        assert_eq!(err, TierError::BeforeFirstRules(date(2022, 7, 31)));
    }

    #[test]
    fn certificate_expiring_before_issue_is_refused() {
        let p = EnterpriseProfile {
            certificates: Some(vec![certificate(Tier::HighTech, date(2025, 1, 1), date(2024, 1, 1))]),
            ..EnterpriseProfile::default()
        };
        let message = assess(&TierRules::default(), &p, date(2025, 6, 1)).unwrap_err().to_string();
        assert!(message.contains("correct one of the dates"), "{message}");
    }

    #[test]
    fn valid_2022_title_counts_under_2026_rules_until_it_expires() {
        let p = EnterpriseProfile {
            certificates: Some(vec![certificate(Tier::SpecialisedSme, date(2025, 7, 1), date(2028, 6, 30))]),
            ..EnterpriseProfile::default()
        };
        let during = assess_on(&p, date(2026, 4, 1));
        assert_eq!(during.highest_step, Some(LadderStep::SpecialisedSme));
        assert_eq!(during.next_step, Some(LadderStep::LittleGiant));
        let gap = &during.next_tier_gaps[0];
        assert_eq!(gap.tier, Tier::LittleGiant);
        assert!(gap.criteria.iter().all(|c| c.key != "holds_prerequisite_title"));
        let after = assess_on(&p, date(2028, 7, 1));
        assert_eq!(after.highest_step, None);
        assert_eq!(after.next_tier_gaps.len(), 1);
        assert_eq!(after.next_tier_gaps[0].tier, Tier::TechInnovativeSme);
    }

    #[test]
    fn first_step_under_2022_rules_has_two_gaps() {
        let a = assess_on(&EnterpriseProfile::default(), date(2025, 6, 1));
        assert_eq!(a.highest_step, None);
        let gap_tiers: Vec<Tier> = a.next_tier_gaps.iter().map(|g| g.tier).collect();
        assert_eq!(gap_tiers, vec![Tier::TechSme, Tier::InnovativeSme]);
        assert!(a.next_tier_gaps[0].criteria.iter().all(|c| c.outcome == Outcome::Unknown));
    }

    #[test]
    fn high_tech_certificate_is_a_side_label_and_a_direct_tech_sme_path() {
        let p = EnterpriseProfile {
            certificates: Some(vec![certificate(Tier::HighTech, date(2024, 1, 1), date(2026, 12, 31))]),
            staff_count: Some(100),
            total_assets_wan_yuan: Some(5_000.0),
            ..with_accounts(2024, &[(3_000.0, 2_800.0, 100.0)])
        };
        let a = assess_on(&p, date(2025, 6, 1));
        assert_eq!(a.side_labels, vec![Tier::HighTech]);
        assert_eq!(a.highest_step, Some(LadderStep::TechOrInnovativeSme));
        let tech_sme = &a.tiers[0];
        assert_eq!((tech_sme.reached, tech_sme.holds_certificate, tech_sme.outcome), (true, Some(false), Outcome::Met));
    }

    #[test]
    fn default_rules_round_trip_through_json() {
        assert_round_trip(&TierRules::default());
        let json = serde_json::to_string(&TierRules::default()).unwrap();
        assert_eq!(serde_json::from_str::<TierRules>(&json).unwrap(), TierRules::default());
    }

    fn arbitrary_profile() -> impl Strategy<Value = EnterpriseProfile> {
        (
            prop::option::of(0u32..1_000),
            prop::option::of(0u32..300),
            prop::option::of(0.0f64..1.2),
            prop::option::of(0u32..5),
            prop::option::of(0u32..20),
            prop::collection::vec((1.0f64..200_000.0, 0.0f64..1.0, 0.0f64..0.2), 0..5),
            any::<bool>(),
        )
            .prop_map(|(staff, tech, debt, class1, niche, rows, giant)| {
                let rows: Vec<(f64, f64, f64)> = rows.into_iter().map(|(r, m, rd)| (r, r * m, r * rd)).collect();
                EnterpriseProfile {
                    staff_count: staff,
                    tech_staff_count: tech,
                    debt_ratio: debt,
                    years_in_niche: niche,
                    ip: IpCounts { class1, class1_main_product: class1, class2: class1, ..IpCounts::default() },
                    certificates: Some(if giant {
                        vec![certificate(Tier::LittleGiant, date(2024, 1, 1), date(2026, 12, 31))]
                    } else {
                        vec![]
                    }),
                    ..with_accounts(2025, &rows)
                }
            })
    }

    proptest! {
        #[test]
        fn profile_and_assessment_round_trip_through_json(p in arbitrary_profile(), late in any::<bool>()) {
            assert_round_trip(&p);
            let on = if late { date(2026, 6, 1) } else { date(2026, 1, 15) };
            assert_round_trip(&assess_on(&p, on));
        }

        #[test]
        fn reached_tiers_include_every_held_certificate(p in arbitrary_profile()) {
            let a = assess_on(&p, date(2026, 6, 1));
            let giant = a.tiers.iter().find(|t| t.tier == Tier::LittleGiant).unwrap();
            prop_assert_eq!(giant.reached, giant.holds_certificate == Some(true) || giant.outcome == Outcome::Met);
            if giant.holds_certificate == Some(true) {
                prop_assert!(a.highest_step >= Some(LadderStep::LittleGiant));
            }
        }
    }
}
