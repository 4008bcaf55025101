//! Land-price concession for priority industries (spec §3): their projects may start at
//! 70% of the benchmark land price (Wuhan §三(三), Chongqing §四(三)).

use serde::{Deserialize, Serialize};

use super::measure::{number, Bilingual, Setting};
use super::ControlError;

/// The lowest starting price a priority-industry project may be offered, as a share of the benchmark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LandPriceRule {
    pub priority_share_percent: Setting<f64>,
    pub source: String,
}

/// The lowest starting price (出让起始价) for one project, with the working.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartingPrice {
    pub benchmark_yuan_per_m2: f64,
    pub share_percent: f64,
    pub lowest_starting_price_yuan_per_m2: f64,
    pub explanation: Bilingual,
}

impl LandPriceRule {
    pub fn seeds() -> LandPriceRule {
        LandPriceRule {
            priority_share_percent: Setting::confirmed(70.0),
            source: "武汉实施方案 §三(三)；重庆意见 §四(三)".to_owned(),
        }
    }

    /// Priority-industry projects may start at the concession share; others at the full benchmark.
    pub fn starting_price(
        &self,
        benchmark_yuan_per_m2: f64,
        priority_industry: bool,
    ) -> Result<StartingPrice, ControlError> {
        if !(benchmark_yuan_per_m2.is_finite() && benchmark_yuan_per_m2 >= 0.0) {
            let field = "benchmark_yuan_per_m2".to_owned();
            return Err(ControlError::NotNonNegative { field, value: benchmark_yuan_per_m2 });
        }
        let share_percent = if priority_industry { self.priority_share_percent.value } else { 100.0 };
        let price = benchmark_yuan_per_m2 * share_percent / 100.0;
        let (benchmark, share, shown) = (number(benchmark_yuan_per_m2), number(share_percent), number(price));
        let explanation = if priority_industry {
            Bilingual::new(
                format!(
                    "优先发展产业项目：基准地价 {benchmark} 元/m² × {share}% = 起始价不低于 {shown} 元/m²（{}）",
                    self.source
                ),
                format!(
                    "priority-industry project: benchmark {benchmark} CNY/m² × {share}% = starting price \
                     of at least {shown} CNY/m² ({})",
                    self.source
                ),
            )
        } else {
            Bilingual::new(
                format!("非优先发展产业项目：起始价不低于基准地价 {shown} 元/m²"),
                format!("not a priority-industry project: starting price of at least the benchmark, {shown} CNY/m²"),
            )
        };
        Ok(StartingPrice {
            benchmark_yuan_per_m2,
            share_percent,
            lowest_starting_price_yuan_per_m2: price,
            explanation,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_project_starts_at_seventy_percent() {
        let price = LandPriceRule::seeds().starting_price(480.0, true).unwrap();
        assert_eq!(price.lowest_starting_price_yuan_per_m2, 336.0);
        assert!(price
            .explanation
            .zh
            .starts_with("优先发展产业项目：基准地价 480 元/m² × 70% = 起始价不低于 336 元/m²"));
    }

    #[test]
    fn other_projects_start_at_the_benchmark() {
        let price = LandPriceRule::seeds().starting_price(480.0, false).unwrap();
        assert_eq!(price.lowest_starting_price_yuan_per_m2, 480.0);
        assert_eq!(price.share_percent, 100.0);
    }

    #[test]
    fn concession_share_is_a_setting() {
        let rule = LandPriceRule { priority_share_percent: Setting::unconfirmed(80.0), ..LandPriceRule::seeds() };
        assert_eq!(rule.starting_price(500.0, true).unwrap().lowest_starting_price_yuan_per_m2, 400.0);
    }

    #[test]
    fn negative_benchmark_is_rejected() {
        assert!(matches!(LandPriceRule::seeds().starting_price(-1.0, true), Err(ControlError::NotNonNegative { .. })));
    }

    #[test]
    fn rule_and_price_round_trip_through_json() {
        let rule = LandPriceRule::seeds();
        let price = rule.starting_price(480.0, true).unwrap();
        let text = serde_json::to_string(&(rule.clone(), price.clone())).unwrap();
        assert_eq!(serde_json::from_str::<(LandPriceRule, StartingPrice)>(&text).unwrap(), (rule, price));
    }
}
