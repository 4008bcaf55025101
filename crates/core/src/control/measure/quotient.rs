//! Indicator values computed as quotients, with their working shown, and a zero
//! denominator or a missing figure turned into a "not applicable" result with its reason.

use serde::{Deserialize, Serialize};

use super::{Bilingual, Unit};

/// The outcome of a division that may have no answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Quotient {
    Value {
        value: f64,
    },
    /// The denominator is zero or a needed figure is missing; never NaN.
    NotApplicable {
        reason: Bilingual,
    },
}

/// An indicator value with its working shown, e.g. "(A + B21) ÷ (A + B) = 150 ÷ 170 = 88.2353%".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Computed {
    pub result: Quotient,
    pub unit: Unit,
    pub working: Bilingual,
}

/// How an indicator is computed: the expression printed in the working, and the
/// denominator named when it is zero.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Formula {
    pub expression: Bilingual,
    pub denominator: Bilingual,
    pub unit: Unit,
}

impl Formula {
    pub(crate) fn new(expression: (&str, &str), denominator: (&str, &str), unit: Unit) -> Formula {
        Formula {
            expression: Bilingual::new(expression.0, expression.1),
            denominator: Bilingual::new(denominator.0, denominator.1),
            unit,
        }
    }

    /// `numerator ÷ denominator`, scaled to the unit; multiplying before dividing keeps
    /// round percentages exact (3000 × 100 ÷ 10000 is 30, while 0.3 × 100 is not).
    pub(crate) fn divide(&self, numerator: f64, denominator: f64) -> Computed {
        let (zh, en) = (&self.expression.zh, &self.expression.en);
        let (num, den) = (number(numerator), number(denominator));
        if denominator == 0.0 {
            let reason = Bilingual::new(
                format!("{}为 0，该指标不适用", self.denominator.zh),
                format!("{} is 0, so the indicator does not apply", self.denominator.en),
            );
            let working = Bilingual::new(
                format!("{zh} = {num} ÷ {den}：{}", reason.zh),
                format!("{en} = {num} ÷ {den}: {}", reason.en),
            );
            return Computed { result: Quotient::NotApplicable { reason }, unit: self.unit, working };
        }
        let value = numerator * self.unit.scale() / denominator;
        let working = Bilingual::new(
            format!("{zh} = {num} ÷ {den} = {}{}", number(value), self.unit.symbol_zh()),
            format!("{en} = {num} ÷ {den} = {}{}", number(value), self.unit.symbol_en()),
        );
        Computed { result: Quotient::Value { value }, unit: self.unit, working }
    }

    /// The indicator cannot be computed because an input was not given.
    pub(crate) fn missing(&self, what: (&str, &str)) -> Computed {
        let reason = Bilingual::new(
            format!("未提供{}，无法计算；请补充", what.0),
            format!("no {} was given, so it cannot be computed; add it", what.1),
        );
        let working = Bilingual::new(
            format!("{}：{}", self.expression.zh, reason.zh),
            format!("{}: {}", self.expression.en, reason.en),
        );
        Computed { result: Quotient::NotApplicable { reason }, unit: self.unit, working }
    }
}

impl Computed {
    /// A value given directly rather than divided out, with how it was obtained.
    pub fn given(value: f64, unit: Unit, working: Bilingual) -> Computed {
        Computed { result: Quotient::Value { value }, unit, working }
    }

    pub fn value(&self) -> Option<f64> {
        match self.result {
            Quotient::Value { value } => Some(value),
            Quotient::NotApplicable { .. } => None,
        }
    }
}

/// A number as people read it in an explanation: at most four decimals, no trailing zeros.
pub(crate) fn number(x: f64) -> String {
    let text = format!("{x:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn percent_share() -> Formula {
        Formula::new(("绿地面积 ÷ 总用地面积", "green area ÷ land area"), ("总用地面积", "land area"), Unit::Percent)
    }

    #[test]
    fn round_percentages_are_exact() {
        assert_eq!(percent_share().divide(3_000.0, 10_000.0).value(), Some(30.0));
        assert_eq!(percent_share().divide(700.0, 10_000.0).value(), Some(7.0));
    }

    #[test]
    fn zero_denominator_is_not_applicable_and_names_the_denominator() {
        let computed = percent_share().divide(0.0, 0.0);
        assert_eq!(computed.value(), None);
        assert_eq!(
            computed.result,
            Quotient::NotApplicable {
                reason: Bilingual::new(
                    "总用地面积为 0，该指标不适用",
                    "land area is 0, so the indicator does not apply"
                )
            }
        );
        assert_eq!(
            computed.working.en,
            "green area ÷ land area = 0 ÷ 0: land area is 0, so the indicator does not apply"
        );
    }

    #[test]
    fn numbers_are_trimmed() {
        assert_eq!(number(30.0), "30");
        assert_eq!(number(88.235_294_1), "88.2353");
        assert_eq!(number(-0.000_01), "0");
        assert_eq!(number(8984.3), "8984.3");
    }
}
