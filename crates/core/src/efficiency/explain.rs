//! Each item score in words, in Chinese and English: the formula with the
//! enterprise's own numbers, so that an official can check it by hand.

use super::indicators::Undefined;
use super::profile::MissingPolicy;
use super::result::{Basis, ItemScore};

use crate::text::Bilingual;

impl ItemScore {
    /// The item's formula with its numbers, e.g.
    /// `亩均税收 20 万元/亩 ÷ 基准 24.097 × 权重 30 = 24.90`.
    pub fn explain(&self) -> Bilingual {
        let info = self.indicator.info();
        let (name_zh, name_en, unit) = (info.name_zh, info.name_en, info.unit);
        let (w, s) = (self.weight, self.score);
        let value = self.value.map(number).unwrap_or_default();
        let benchmark = self.benchmark.map(number).unwrap_or_default();
        match self.basis {
            Basis::Ratio => Bilingual {
                zh: format!("{name_zh} {value} {unit} ÷ 基准 {benchmark} × 权重 {w} = {s:.2}"),
                en: format!("{name_en} {value} {unit} ÷ benchmark {benchmark} × weight {w} = {s:.2}"),
            },
            Basis::Capped { cap_multiple } => Bilingual {
                zh: format!("{name_zh} {value} {unit} ÷ 基准 {benchmark} × 权重 {w}，封顶 {cap_multiple} 倍权重 = {s:.2}"),
                en: format!(
                    "{name_en} {value} {unit} ÷ benchmark {benchmark} × weight {w}, capped at {cap_multiple} × weight = {s:.2}"
                ),
            },
            Basis::MinMax { min, max, floor_share } => {
                let (min, max, floor) = (number(min), number(max), floor_share * 100.0);
                Bilingual {
                    zh: format!(
                        "权重 {w} × ({floor} + {} × ({name_zh} {value} − 最小值 {min}) ÷ (最大值 {max} − 最小值 {min})) ÷ 100 = {s:.2}",
                        100.0 - floor
                    ),
                    en: format!(
                        "weight {w} × ({floor} + {} × ({name_en} {value} − min {min}) ÷ (max {max} − min {min})) ÷ 100 = {s:.2}",
                        100.0 - floor
                    ),
                }
            }
            Basis::NegativeTaxZeroed => Bilingual {
                zh: format!("{name_zh} {value} {unit} 为负（退税后），按评价规则本项记 0 分"),
                en: format!("{name_en} {value} {unit} is negative (after refunds); the profile scores this item 0"),
            },
            Basis::Filled { why, policy } => {
                let (why_zh, why_en) = match why {
                    Undefined::MissingData => ("数据未报送", "not reported"),
                    Undefined::ZeroDenominator => ("分母为零（如未报送能耗或用地）", "its denominator is zero"),
                };
                let (policy_zh, policy_en) = match policy {
                    MissingPolicy::CohortAverage => ("取同组企业该项平均得分", "scores the cohort's average for this item"),
                    MissingPolicy::Zero => ("本项记 0 分", "scores 0"),
                };
                Bilingual {
                    zh: format!("{name_zh}{why_zh}，{policy_zh}：{s:.2}"),
                    en: format!("{name_en} {why_en}; the item {policy_en}: {s:.2}"),
                }
            }
        }
    }
}

/// Up to four decimals without trailing zeros: 20, 0.03, 24.097.
fn number(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::efficiency::indicators::Indicator;

    fn item(basis: Basis, value: Option<f64>, score: f64) -> ItemScore {
        ItemScore { indicator: Indicator::TaxPerMu, weight: 30.0, benchmark: Some(24.097), value, score, basis }
    }

    #[test]
    fn ratio_item_reads_as_its_formula() {
        let explanation = item(Basis::Ratio, Some(20.0), 24.899_365).explain();
        assert_eq!(explanation.zh, "亩均税收 20 万元/亩 ÷ 基准 24.097 × 权重 30 = 24.90");
        assert_eq!(explanation.en, "tax per mu 20 万元/亩 ÷ benchmark 24.097 × weight 30 = 24.90");
    }

    #[test]
    fn filled_item_says_why_and_how() {
        let basis = Basis::Filled { why: Undefined::MissingData, policy: MissingPolicy::CohortAverage };
        assert_eq!(item(basis, None, 11.5).explain().zh, "亩均税收数据未报送，取同组企业该项平均得分：11.50");
    }

    #[test]
    fn negative_tax_is_explained() {
        assert!(item(Basis::NegativeTaxZeroed, Some(-2.5), 0.0).explain().zh.contains("-2.5 万元/亩 为负"));
    }
}
