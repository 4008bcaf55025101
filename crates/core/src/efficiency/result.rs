//! What an evaluation run produces: per-enterprise scores with every item explained,
//! classes, and the cut-off scores a park publishes (公示).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::indicators::{Indicator, Undefined};
use super::input::{Cohort, ExemptionReason};
use super::profile::MissingPolicy;
use crate::text::Bilingual;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationRun {
    pub profile_id: String,
    pub profile_name: String,
    pub evaluation_date: NaiveDate,
    /// One per input enterprise, in input order.
    pub results: Vec<EnterpriseResult>,
    /// Per cohort: the lowest score in each class. Enterprises see their own class from
    /// these, never from other enterprises' data (spec §1.4).
    pub cutoffs: Vec<CohortCutoffs>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseResult {
    pub id: String,
    pub name: String,
    pub cohort: Cohort,
    /// The other enterprises whose figures were merged with this one's (same land group).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_with: Vec<String>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    Graded(Grade),
    /// Class T, 不适合评价.
    Exempt {
        reason: ExemptionReason,
    },
    /// Outside the evaluated population (e.g. a 规下 enterprise on too little land).
    NotEvaluated {
        reason: NotEvaluatedReason,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NotEvaluatedReason {
    BelowScaleLandUnderMinimum { land_area_mu: f64, minimum_mu: f64 },
    NoRulesForCohort,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    /// Σ item scores + bonus − deduction.
    pub total: f64,
    pub items: Vec<ItemScore>,
    pub bonus: f64,
    pub deduction: f64,
    /// 1 is the best in the cohort; equal totals share a rank.
    pub rank: usize,
    pub cohort_size: usize,
    pub class: Class,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Class {
    /// 优先发展类
    A,
    /// 鼓励提升类
    B,
    /// 监管调控类
    C,
    /// 落后整治类
    D,
    /// 不适合评价
    T,
}

/// One indicator's contribution, with everything needed to check it by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemScore {
    pub indicator: Indicator,
    pub weight: f64,
    pub benchmark: Option<f64>,
    /// The enterprise's indicator value, when defined.
    pub value: Option<f64>,
    pub score: f64,
    pub basis: Basis,
}

/// How an item score was reached.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Basis {
    /// value ÷ benchmark × weight.
    Ratio,
    /// value ÷ benchmark × weight, limited to cap_multiple × weight.
    Capped { cap_multiple: f64 },
    /// weight × (floor + (1 − floor) × (value − min)/(max − min)), over the cohort's range.
    MinMax { min: f64, max: f64, floor_share: f64 },
    /// A negative tax scores 0 under the profile's edge-case policy.
    NegativeTaxZeroed,
    /// The value is undefined; the profile's policy filled the score.
    Filled { why: Undefined, policy: MissingPolicy },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortCutoffs {
    pub cohort: Cohort,
    pub graded: usize,
    pub exempt: usize,
    /// The lowest total in classes A, B and C; `None` when the class is empty.
    pub a_min: Option<f64>,
    pub b_min: Option<f64>,
    pub c_min: Option<f64>,
    /// Enterprises in A, B, C and D.
    pub counts: [usize; 4],
}

impl EnterpriseResult {
    /// A/B/C/D for graded enterprises, T for exempt ones, none for those not evaluated.
    pub fn class(&self) -> Option<Class> {
        match &self.outcome {
            Outcome::Graded(grade) => Some(grade.class),
            Outcome::Exempt { .. } => Some(Class::T),
            Outcome::NotEvaluated { .. } => None,
        }
    }

    pub fn total(&self) -> Option<f64> {
        match &self.outcome {
            Outcome::Graded(grade) => Some(grade.total),
            _ => None,
        }
    }
}

impl Class {
    /// The class's letter as people write it. Never `Debug`: builds that compile `Debug`
    /// formatting away (the Debian wasm route's `-Zfmt-debug=none`) would print nothing.
    pub fn letter(self) -> &'static str {
        match self {
            Class::A => "A",
            Class::B => "B",
            Class::C => "C",
            Class::D => "D",
            Class::T => "T",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Class::A => "优先发展类",
            Class::B => "鼓励提升类",
            Class::C => "监管调控类",
            Class::D => "落后整治类",
            Class::T => "不适合评价",
        }
    }

    /// The class's letter and name in both languages, e.g. `A 类 · 优先发展类`.
    pub fn name(self) -> Bilingual {
        let en = match self {
            Class::A => "priority development",
            Class::B => "encouraged to improve",
            Class::C => "regulated and supported",
            Class::D => "to be restructured",
            Class::T => "not suitable for evaluation",
        };
        let letter = self.letter();
        Bilingual::new(format!("{letter} 类 · {}", self.name_zh()), format!("Class {letter}: {en}"))
    }

    /// What the class usually means for an enterprise (spec §1.4). Each jurisdiction sets
    /// its own measures; this is their common shape, not one city's policy.
    pub fn meaning(self) -> Bilingual {
        match self {
            Class::A => Bilingual::new(
                "用地、用能、排污权、信贷等资源要素优先保障，可享受各项奖励政策。",
                "First call on land, energy, emission rights and credit, and eligible for the rewards on offer.",
            ),
            Class::B => Bilingual::new(
                "按一般标准配置资源要素，鼓励通过技术改造和提质增效进入 A 类。",
                "Resources on the usual terms; encouraged to move up to class A through upgrades and efficiency.",
            ),
            Class::C => Bilingual::new(
                "执行差别化的电价、水价和排污费等调控措施，同时获得帮扶提升。",
                "Differentiated prices for electricity, water and emissions apply, together with help to improve.",
            ),
            Class::D => Bilingual::new(
                "实施最严格的差别化措施，限期整治；部分城市不得参与工业用地竞买。",
                "The strictest differentiated measures and a deadline to restructure; some cities bar class D from \
                 bidding for industrial land.",
            ),
            Class::T => Bilingual::new(
                "不参加本次分类（如公用事业、投产不足两年、政策性搬迁），不适用分类措施。",
                "Not classed in this run (e.g. a utility, producing under two years, a policy relocation): no class \
                 measures apply.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_is_named_by_its_letter_in_both_languages() {
        let letters: Vec<&str> = [Class::A, Class::B, Class::C, Class::D, Class::T].map(Class::letter).into();
        assert_eq!(letters, ["A", "B", "C", "D", "T"]);
        let name = Class::A.name();
        assert_eq!((name.zh.as_str(), name.en.as_str()), ("A 类 · 优先发展类", "Class A: priority development"));
        // The letter is the class's JSON name too, so the page and the API agree.
        assert_eq!(serde_json::to_value(Class::D).unwrap(), "D");
    }
}
