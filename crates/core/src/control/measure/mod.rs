//! Shared shapes of every checked indicator: units, bounds and limits, quotients that
//! may not apply, and the bilingual assessment of a value against a limit.
//!
//! Land control (spec §3), park targets (§5) and land-use intensity (§2) all compare a
//! computed value with a required one. They share these types so that the SPA shows
//! every check the same way and a zero denominator never becomes NaN.

use serde::{Deserialize, Serialize};

mod quotient;

pub(crate) use quotient::{number, Formula};
pub use quotient::{Computed, Quotient};

pub use crate::text::Bilingual;

/// A rule value and whether a source confirmed it: the UI labels UNCONFIRMED values (spec preamble).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Setting<T> {
    pub value: T,
    #[serde(default)]
    pub unconfirmed: bool,
}

impl<T> Setting<T> {
    pub fn confirmed(value: T) -> Setting<T> {
        Setting { value, unconfirmed: false }
    }

    pub fn unconfirmed(value: T) -> Setting<T> {
        Setting { value, unconfirmed: true }
    }
}

/// The unit a value or a limit is expressed in.
///
/// Percentages are stored as percentages (30 for 30%), as the policy texts print them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Percent,
    /// A pure number such as 容积率.
    Dimensionless,
    WanYuanPerMu,
    WanYuanPerHectare,
    /// 吨标煤/万元.
    TcePerWanYuan,
    /// 吨/万元.
    TonnesPerWanYuan,
    /// 亿元 (10⁸ CNY).
    YiYuan,
    /// A number of things, e.g. leading industries or parks.
    Count,
}

impl Unit {
    pub fn symbol_zh(self) -> &'static str {
        match self {
            Unit::Percent => "%",
            Unit::Dimensionless => "",
            Unit::WanYuanPerMu => " 万元/亩",
            Unit::WanYuanPerHectare => " 万元/公顷",
            Unit::TcePerWanYuan => " 吨标煤/万元",
            Unit::TonnesPerWanYuan => " 吨/万元",
            Unit::YiYuan => " 亿元",
            Unit::Count => " 个",
        }
    }

    pub fn symbol_en(self) -> &'static str {
        match self {
            Unit::Percent => "%",
            Unit::Dimensionless | Unit::Count => "",
            Unit::WanYuanPerMu => " ×10⁴ CNY/mu",
            Unit::WanYuanPerHectare => " ×10⁴ CNY/ha",
            Unit::TcePerWanYuan => " tce/10⁴ CNY",
            Unit::TonnesPerWanYuan => " t/10⁴ CNY",
            Unit::YiYuan => " ×10⁸ CNY",
        }
    }

    /// What a quotient is multiplied by to be expressed in this unit.
    pub(crate) fn scale(self) -> f64 {
        match self {
            Unit::Percent => 100.0,
            _ => 1.0,
        }
    }
}

/// Which side of the required value a current value must be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// ≥
    AtLeast,
    /// ≤
    AtMost,
    /// > (strictly, e.g. "超过 80%")
    MoreThan,
    /// < (strictly)
    LessThan,
}

impl Bound {
    pub fn symbol(self) -> &'static str {
        match self {
            Bound::AtLeast => "≥",
            Bound::AtMost => "≤",
            Bound::MoreThan => ">",
            Bound::LessThan => "<",
        }
    }

    pub fn admits(self, current: f64, required: f64) -> bool {
        match self {
            Bound::AtLeast => current >= required,
            Bound::AtMost => current <= required,
            Bound::MoreThan => current > required,
            Bound::LessThan => current < required,
        }
    }

    /// True for bounds that set a floor (a value may be too low), false for ceilings.
    pub fn is_floor(self) -> bool {
        matches!(self, Bound::AtLeast | Bound::MoreThan)
    }
}

/// A required value: "建筑系数 ≥ 30%", "主导产业 ≤ 3 个".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Limit {
    pub bound: Bound,
    pub value: f64,
    pub unit: Unit,
    /// True when no source confirmed the value (spec: UNCONFIRMED); the UI labels it.
    #[serde(default)]
    pub unconfirmed: bool,
}

/// Whether a value meets its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Met,
    Unmet,
    /// The value could not be computed (a zero denominator, a missing figure); the explanation says why.
    Undetermined,
}

/// A value checked against a limit, with everything a person needs to see why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment<K> {
    /// What was checked, e.g. an indicator key.
    pub subject: K,
    pub name: Bilingual,
    pub verdict: Verdict,
    /// The value found, in `required.unit`; absent when undetermined.
    pub current: Option<f64>,
    pub required: Limit,
    /// `current − required`, in `required.unit`: negative means below the required value.
    pub difference: Option<f64>,
    pub explanation: Bilingual,
}

impl Limit {
    pub fn new(bound: Bound, value: f64, unit: Unit) -> Limit {
        Limit { bound, value, unit, unconfirmed: false }
    }

    pub fn admits(&self, current: f64) -> bool {
        self.bound.admits(current, self.value)
    }

    /// "≥ 30%", in both languages.
    pub fn describe(&self) -> Bilingual {
        let value = number(self.value);
        Bilingual::new(
            format!("{} {value}{}", self.bound.symbol(), self.unit.symbol_zh()),
            format!("{} {value}{}", self.bound.symbol(), self.unit.symbol_en()),
        )
    }

    /// Checks a computed value, explaining the working, the requirement and the verdict.
    pub fn assess<K>(&self, subject: K, name: Bilingual, computed: &Computed) -> Assessment<K> {
        let required = self.describe();
        let (zh_unit, en_unit) = (self.unit.symbol_zh(), self.unit.symbol_en());
        let (verdict, difference, zh_verdict, en_verdict) = match computed.value() {
            None => (Verdict::Undetermined, None, "无法判断".to_owned(), "undetermined".to_owned()),
            Some(current) if self.admits(current) => {
                (Verdict::Met, Some(current - self.value), "达标".to_owned(), "met".to_owned())
            }
            Some(current) => {
                let gap = number((current - self.value).abs());
                let (zh, en) = if self.bound.is_floor() {
                    (format!("未达标，低于要求 {gap}{zh_unit}"), format!("not met: short by {gap}{en_unit}"))
                } else {
                    (format!("未达标，超出要求 {gap}{zh_unit}"), format!("not met: over by {gap}{en_unit}"))
                };
                (Verdict::Unmet, Some(current - self.value), zh, en)
            }
        };
        let (zh_flag, en_flag) =
            if self.unconfirmed { ("（要求值未经确认）", " (required value UNCONFIRMED)") } else { ("", "") };
        let explanation = Bilingual::new(
            format!("{}：{}；要求 {}{zh_flag}：{zh_verdict}。", name.zh, computed.working.zh, required.zh),
            format!("{}: {}; required {}{en_flag}: {en_verdict}.", name.en, computed.working.en, required.en),
        );
        Assessment { subject, name, verdict, current: computed.value(), required: *self, difference, explanation }
    }
}

#[cfg(test)]
mod tests {
    use super::quotient::tests::percent_share;
    use super::*;

    #[test]
    fn bounds_at_their_edges() {
        assert!(Bound::AtLeast.admits(30.0, 30.0));
        assert!(!Bound::AtLeast.admits(29.999, 30.0));
        assert!(Bound::AtMost.admits(7.0, 7.0));
        assert!(!Bound::AtMost.admits(7.001, 7.0));
        assert!(!Bound::MoreThan.admits(80.0, 80.0));
        assert!(Bound::MoreThan.admits(80.001, 80.0));
        assert!(!Bound::LessThan.admits(25.0, 25.0));
        assert!(Bound::LessThan.admits(24.999, 25.0));
    }

    #[test]
    fn unmet_floor_explains_the_shortfall_in_both_languages() {
        let limit = Limit::new(Bound::AtLeast, 30.0, Unit::Percent);
        let assessment = limit.assess(
            "coverage",
            Bilingual::new("建筑系数", "building coverage"),
            &percent_share().divide(2_500.0, 10_000.0),
        );
        assert_eq!(assessment.verdict, Verdict::Unmet);
        assert_eq!(assessment.current, Some(25.0));
        assert_eq!(assessment.difference, Some(-5.0));
        assert_eq!(
            assessment.explanation.zh,
            "建筑系数：绿地面积 ÷ 总用地面积 = 2500 ÷ 10000 = 25%；要求 ≥ 30%：未达标，低于要求 5%。"
        );
        assert_eq!(
            assessment.explanation.en,
            "building coverage: green area ÷ land area = 2500 ÷ 10000 = 25%; required ≥ 30%: not met: short by 5%."
        );
    }

    #[test]
    fn unconfirmed_limit_is_labelled() {
        let limit = Limit { unconfirmed: true, ..Limit::new(Bound::AtLeast, 40.0, Unit::Percent) };
        let assessment = limit.assess(
            (),
            Bilingual::new("建筑系数", "building coverage"),
            &percent_share().divide(4_000.0, 10_000.0),
        );
        assert_eq!(assessment.verdict, Verdict::Met);
        assert!(assessment.explanation.zh.contains("要求 ≥ 40%（要求值未经确认）：达标"));
        assert!(assessment.explanation.en.contains("(required value UNCONFIRMED): met"));
    }

    #[test]
    fn undetermined_when_the_value_does_not_apply() {
        let limit = Limit::new(Bound::AtMost, 20.0, Unit::Percent);
        let assessment = limit.assess((), Bilingual::new("绿地率", "green ratio"), &percent_share().divide(10.0, 0.0));
        assert_eq!(assessment.verdict, Verdict::Undetermined);
        assert_eq!(assessment.current, None);
        assert_eq!(assessment.difference, None);
    }

    #[test]
    fn limit_json_names_its_bound_and_unit() {
        let limit = Limit::new(Bound::MoreThan, 80.0, Unit::Percent);
        let value = serde_json::to_value(limit).unwrap();
        assert_eq!(
            value,
            serde_json::json!({ "bound": "more_than", "value": 80.0, "unit": "percent", "unconfirmed": false })
        );
        assert_eq!(serde_json::from_value::<Limit>(value).unwrap(), limit);
    }
}
