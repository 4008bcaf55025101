//! The tiers and the ladder they form (spec §4): 科技型/创新型 → 专精特新 → 小巨人 → 单项冠军,
//! with 高企, 瞪羚 and 独角兽 as side labels outside the ladder.

use serde::{Deserialize, Serialize};

use super::profile::CertificateKind;

/// A tier or label an enterprise can reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// 科技型中小企业 (MOST 2017; 2022 rules).
    TechSme,
    /// 创新型中小企业 (2022 rules).
    InnovativeSme,
    /// 科技和创新型中小企业 (2026 rules: merges the two above).
    TechInnovativeSme,
    /// 专精特新中小企业.
    SpecialisedSme,
    /// 专精特新"小巨人"企业.
    LittleGiant,
    /// 制造业单项冠军.
    SingleChampion,
    /// 高新技术企业.
    HighTech,
    /// 瞪羚企业.
    Gazelle,
    /// 独角兽企业.
    Unicorn,
    /// 潜在独角兽企业.
    PotentialUnicorn,
}

/// A step of the ladder, the same under both rule versions. Ordered bottom to top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LadderStep {
    /// 科技型 or 创新型 (2022), 科技和创新型 (2026).
    TechOrInnovativeSme,
    SpecialisedSme,
    LittleGiant,
    SingleChampion,
}

impl LadderStep {
    pub const ALL: [LadderStep; 4] = [
        LadderStep::TechOrInnovativeSme,
        LadderStep::SpecialisedSme,
        LadderStep::LittleGiant,
        LadderStep::SingleChampion,
    ];

    /// The step above, `None` at the top (领航企业 has no published criteria yet).
    pub fn next(self) -> Option<LadderStep> {
        LadderStep::ALL.into_iter().find(|s| *s > self)
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            LadderStep::TechOrInnovativeSme => "科技型/创新型中小企业",
            LadderStep::SpecialisedSme => "专精特新中小企业",
            LadderStep::LittleGiant => "专精特新“小巨人”",
            LadderStep::SingleChampion => "制造业单项冠军",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            LadderStep::TechOrInnovativeSme => "tech-based or innovative SME",
            LadderStep::SpecialisedSme => "specialised SME (专精特新)",
            LadderStep::LittleGiant => "little giant (小巨人)",
            LadderStep::SingleChampion => "single champion (单项冠军)",
        }
    }
}

impl Tier {
    pub fn name_zh(self) -> &'static str {
        match self {
            Tier::TechSme => "科技型中小企业",
            Tier::InnovativeSme => "创新型中小企业",
            Tier::TechInnovativeSme => "科技和创新型中小企业",
            Tier::SpecialisedSme => "专精特新中小企业",
            Tier::LittleGiant => "专精特新“小巨人”企业",
            Tier::SingleChampion => "制造业单项冠军企业",
            Tier::HighTech => "高新技术企业",
            Tier::Gazelle => "瞪羚企业",
            Tier::Unicorn => "独角兽企业",
            Tier::PotentialUnicorn => "潜在独角兽企业",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Tier::TechSme => "technology-based SME",
            Tier::InnovativeSme => "innovative SME",
            Tier::TechInnovativeSme => "technology and innovative SME",
            Tier::SpecialisedSme => "specialised, refined, distinctive and innovative (SRDI) SME",
            Tier::LittleGiant => "SRDI \"little giant\"",
            Tier::SingleChampion => "manufacturing single champion",
            Tier::HighTech => "high and new technology enterprise",
            Tier::Gazelle => "gazelle enterprise",
            Tier::Unicorn => "unicorn enterprise",
            Tier::PotentialUnicorn => "potential unicorn enterprise",
        }
    }

    /// The ladder step, `None` for side labels.
    pub fn ladder_step(self) -> Option<LadderStep> {
        match self {
            Tier::TechSme | Tier::InnovativeSme | Tier::TechInnovativeSme => Some(LadderStep::TechOrInnovativeSme),
            Tier::SpecialisedSme => Some(LadderStep::SpecialisedSme),
            Tier::LittleGiant => Some(LadderStep::LittleGiant),
            Tier::SingleChampion => Some(LadderStep::SingleChampion),
            Tier::HighTech | Tier::Gazelle | Tier::Unicorn | Tier::PotentialUnicorn => None,
        }
    }

    /// Certificates that show the tier is held. A valid 2022 科技型 or 创新型 title counts as
    /// the merged 2026 title, since titles stay valid until they expire.
    pub fn held_by(self) -> Vec<CertificateKind> {
        let own = CertificateKind::Tier(self);
        match self {
            Tier::TechInnovativeSme => {
                vec![own, CertificateKind::Tier(Tier::TechSme), CertificateKind::Tier(Tier::InnovativeSme)]
            }
            _ => vec![own],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ladder_steps_climb_to_single_champion() {
        assert_eq!(LadderStep::TechOrInnovativeSme.next(), Some(LadderStep::SpecialisedSme));
        assert_eq!(LadderStep::LittleGiant.next(), Some(LadderStep::SingleChampion));
        assert_eq!(LadderStep::SingleChampion.next(), None);
    }

    #[test]
    fn side_labels_are_off_the_ladder() {
        assert_eq!(Tier::HighTech.ladder_step(), None);
        assert_eq!(Tier::TechInnovativeSme.ladder_step(), Some(LadderStep::TechOrInnovativeSme));
    }

    #[test]
    fn merged_2026_title_is_held_by_a_2022_innovative_certificate() {
        assert!(Tier::TechInnovativeSme.held_by().contains(&CertificateKind::Tier(Tier::InnovativeSme)));
        assert_eq!(Tier::LittleGiant.held_by(), vec![CertificateKind::Tier(Tier::LittleGiant)]);
    }
}
