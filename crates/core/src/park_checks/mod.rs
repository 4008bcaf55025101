//! Park-level targets (spec §5): at most three leading industries (national guideline),
//! the leading-industry share of revenue by park type and the 千亿/百亿 scale classes
//! (Wuhan plan), each returned as an explained pass or fail.
//!
//! [`targets`] ships the Wuhan 2027 and Chongqing 2025 target values for dashboards.

pub mod targets;

pub use targets::{chongqing_2025_targets, chongqing_evaluation_dimensions, wuhan_2027_targets, Target};

use serde::{Deserialize, Serialize};

use crate::control::measure::{number, Assessment, Bilingual, Bound, Computed, Formula, Limit, Unit, Verdict};
use crate::wire::ParkType;

/// 万元 in one 亿元.
const WAN_YUAN_PER_YI_YUAN: f64 = 10_000.0;

/// Park scale classes by yearly output or revenue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleClass {
    /// 千亿园区: ≥ 1000 亿元.
    ThousandYi,
    /// 百亿园区: ≥ 100 亿元.
    HundredYi,
}

/// What a park check looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParkCheck {
    LeadingIndustryCount,
    LeadingIndustryShare,
    Scale(ScaleClass),
}

/// The leading-industry share a park type must exceed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShareTarget {
    pub park_type: ParkType,
    pub limit: Limit,
}

/// The revenue a scale class needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScaleRule {
    pub class: ScaleClass,
    pub limit: Limit,
}

/// The §5 park rules as editable data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParkCheckRules {
    pub max_leading_industries: Limit,
    pub leading_share: Vec<ShareTarget>,
    pub scale_classes: Vec<ScaleRule>,
}

impl Default for ParkCheckRules {
    /// National guideline §1 (≤ 3 leading industries) and the Wuhan plan's 总体目标.
    fn default() -> ParkCheckRules {
        let share =
            |park_type, percent| ShareTarget { park_type, limit: Limit::new(Bound::MoreThan, percent, Unit::Percent) };
        let scale = |class, yi_yuan| ScaleRule { class, limit: Limit::new(Bound::AtLeast, yi_yuan, Unit::YiYuan) };
        ParkCheckRules {
            max_leading_industries: Limit::new(Bound::AtMost, 3.0, Unit::Count),
            leading_share: vec![
                share(ParkType::Modern, 80.0),
                share(ParkType::Specialty, 90.0),
                share(ParkType::Urban, 75.0),
            ],
            scale_classes: vec![scale(ScaleClass::ThousandYi, 1_000.0), scale(ScaleClass::HundredYi, 100.0)],
        }
    }
}

/// One leading industry (主导产业) and its yearly revenue in the park.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadingIndustry {
    pub name: String,
    pub revenue_wan_yuan: f64,
}

/// What a park reports for the §5 checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParkFigures {
    pub park_type: ParkType,
    pub leading_industries: Vec<LeadingIndustry>,
    /// The park's yearly 营业收入 (or 产值, which the Wuhan plan accepts for scale).
    pub total_revenue_wan_yuan: f64,
}

/// The scale class reached and the test of each class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScaleResult {
    /// The highest class reached, if any.
    pub class: Option<ScaleClass>,
    pub tests: Vec<Assessment<ParkCheck>>,
}

/// The §5 checks of one park.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParkReport {
    pub leading_industry_count: Assessment<ParkCheck>,
    pub leading_industry_share: Assessment<ParkCheck>,
    pub scale: ScaleResult,
}

/// Why a park's figures cannot be checked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParkCheckError {
    #[error("{field} is {value}; enter a finite revenue in 万元 of at least 0")]
    NotNonNegative { field: String, value: f64 },
    #[error("leading industry \"{0}\" is listed twice; list each industry once with its whole revenue")]
    DuplicateIndustry(String),
    #[error(
        "leading industries earn {leading} 万元 but the park earns {total} 万元; the park total must include them"
    )]
    LeadingExceedsTotal { leading: f64, total: f64 },
    #[error("the rules give no leading-industry share for the {} type; add one to leading_share", park_type_name(*.0).en)]
    NoShareTarget(ParkType),
}

fn park_type_name(park_type: ParkType) -> Bilingual {
    match park_type {
        ParkType::Modern => Bilingual::new("现代产业园", "modern industrial park"),
        ParkType::Specialty => Bilingual::new("特色产业园", "specialty industrial park"),
        ParkType::Urban => Bilingual::new("都市工业园", "urban industrial park"),
    }
}

impl ParkCheckRules {
    /// Runs every §5 check on a park.
    pub fn check(&self, park: &ParkFigures) -> Result<ParkReport, ParkCheckError> {
        validate(park)?;
        Ok(ParkReport {
            leading_industry_count: self.check_leading_industry_count(park),
            leading_industry_share: self.check_leading_industry_share(park)?,
            scale: self.check_scale(park.total_revenue_wan_yuan),
        })
    }

    pub fn check_leading_industry_count(&self, park: &ParkFigures) -> Assessment<ParkCheck> {
        let names: Vec<_> = park.leading_industries.iter().map(|i| i.name.as_str()).collect();
        let count = names.len();
        let working = Bilingual::new(
            format!("主导产业 {count} 个（{}）", names.join("、")),
            format!("{count} leading industries ({})", names.join(", ")),
        );
        self.max_leading_industries.assess(
            ParkCheck::LeadingIndustryCount,
            Bilingual::new("主导产业数量", "number of leading industries"),
            &Computed::given(count as f64, Unit::Count, working),
        )
    }

    /// Leading-industry revenue over park revenue, against the park type's threshold (strictly greater).
    pub fn check_leading_industry_share(&self, park: &ParkFigures) -> Result<Assessment<ParkCheck>, ParkCheckError> {
        let target = self
            .leading_share
            .iter()
            .find(|t| t.park_type == park.park_type)
            .ok_or(ParkCheckError::NoShareTarget(park.park_type))?;
        let leading: f64 = park.leading_industries.iter().map(|i| i.revenue_wan_yuan).sum();
        let computed = Formula::new(
            ("主导产业营业收入 ÷ 园区营业收入", "leading-industry revenue ÷ park revenue"),
            ("园区营业收入", "park revenue"),
            Unit::Percent,
        )
        .divide(leading, park.total_revenue_wan_yuan);
        let kind = park_type_name(park.park_type);
        let name = Bilingual::new(
            format!("主导产业营业收入占比（{}）", kind.zh),
            format!("leading-industry share of revenue ({})", kind.en),
        );
        Ok(target.limit.assess(ParkCheck::LeadingIndustryShare, name, &computed))
    }

    /// Tests each scale class; the park's class is the highest one reached.
    pub fn check_scale(&self, total_revenue_wan_yuan: f64) -> ScaleResult {
        let yi_yuan = total_revenue_wan_yuan / WAN_YUAN_PER_YI_YUAN;
        let working = Bilingual::new(
            format!("园区营业收入 {} 万元 = {} 亿元", number(total_revenue_wan_yuan), number(yi_yuan)),
            format!("park revenue {} ×10⁴ CNY = {} ×10⁸ CNY", number(total_revenue_wan_yuan), number(yi_yuan)),
        );
        let computed = Computed::given(yi_yuan, Unit::YiYuan, working);
        let tests: Vec<_> = self
            .scale_classes
            .iter()
            .map(|rule| {
                let name = match rule.class {
                    ScaleClass::ThousandYi => Bilingual::new("千亿园区", "100-billion-yuan park"),
                    ScaleClass::HundredYi => Bilingual::new("百亿园区", "10-billion-yuan park"),
                };
                rule.limit.assess(ParkCheck::Scale(rule.class), name, &computed)
            })
            .collect();
        let class = self
            .scale_classes
            .iter()
            .zip(&tests)
            .filter(|(_, test)| test.verdict == Verdict::Met)
            .max_by(|(a, _), (b, _)| a.limit.value.total_cmp(&b.limit.value))
            .map(|(rule, _)| rule.class);
        ScaleResult { class, tests }
    }
}

fn validate(park: &ParkFigures) -> Result<(), ParkCheckError> {
    let revenues = park
        .leading_industries
        .iter()
        .map(|i| (format!("revenue of {}", i.name), i.revenue_wan_yuan))
        .chain([("total_revenue_wan_yuan".to_owned(), park.total_revenue_wan_yuan)]);
    for (field, value) in revenues {
        if !(value.is_finite() && value >= 0.0) {
            return Err(ParkCheckError::NotNonNegative { field, value });
        }
    }
    for (i, industry) in park.leading_industries.iter().enumerate() {
        if park.leading_industries[..i].iter().any(|earlier| earlier.name.trim() == industry.name.trim()) {
            return Err(ParkCheckError::DuplicateIndustry(industry.name.clone()));
        }
    }
    let leading: f64 = park.leading_industries.iter().map(|i| i.revenue_wan_yuan).sum();
    if leading > park.total_revenue_wan_yuan {
        return Err(ParkCheckError::LeadingExceedsTotal { leading, total: park.total_revenue_wan_yuan });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn park(park_type: ParkType, leading: &[f64], total: f64) -> ParkFigures {
        let names = ["集成电路", "光电子", "生物医药", "智能装备"];
        ParkFigures {
            park_type,
            leading_industries: leading
                .iter()
                .zip(names)
                .map(|(&revenue_wan_yuan, name)| LeadingIndustry { name: name.to_owned(), revenue_wan_yuan })
                .collect(),
            total_revenue_wan_yuan: total,
        }
    }

    fn share_verdict(park_type: ParkType, leading_wan_yuan: f64) -> Verdict {
        let rules = ParkCheckRules::default();
        rules.check(&park(park_type, &[leading_wan_yuan], 10_000.0)).unwrap().leading_industry_share.verdict
    }

    #[test]
    fn three_leading_industries_pass_and_four_fail() {
        let rules = ParkCheckRules::default();
        let three = rules.check(&park(ParkType::Modern, &[1.0, 1.0, 1.0], 10.0)).unwrap();
        assert_eq!(three.leading_industry_count.verdict, Verdict::Met);
        assert_eq!(
            three.leading_industry_count.explanation.zh,
            "主导产业数量：主导产业 3 个（集成电路、光电子、生物医药）；要求 ≤ 3 个：达标。"
        );
        let four = rules.check(&park(ParkType::Modern, &[1.0, 1.0, 1.0, 1.0], 10.0)).unwrap();
        assert_eq!(four.leading_industry_count.verdict, Verdict::Unmet);
        assert_eq!(four.leading_industry_count.difference, Some(1.0));
    }

    #[test]
    fn modern_park_share_must_exceed_eighty_percent() {
        assert_eq!(share_verdict(ParkType::Modern, 8_000.0), Verdict::Unmet);
        assert_eq!(share_verdict(ParkType::Modern, 8_001.0), Verdict::Met);
    }

    #[test]
    fn specialty_park_share_must_exceed_ninety_percent() {
        assert_eq!(share_verdict(ParkType::Specialty, 9_000.0), Verdict::Unmet);
        assert_eq!(share_verdict(ParkType::Specialty, 9_001.0), Verdict::Met);
    }

    #[test]
    fn urban_park_share_must_exceed_seventy_five_percent() {
        assert_eq!(share_verdict(ParkType::Urban, 7_500.0), Verdict::Unmet);
        assert_eq!(share_verdict(ParkType::Urban, 7_501.0), Verdict::Met);
    }

    #[test]
    fn share_explanation_names_the_park_type() {
        let report = ParkCheckRules::default().check(&park(ParkType::Urban, &[7_000.0], 10_000.0)).unwrap();
        assert_eq!(
            report.leading_industry_share.explanation.en,
            "leading-industry share of revenue (urban industrial park): leading-industry revenue ÷ park revenue \
             = 7000 ÷ 10000 = 70%; required > 75%: not met: short by 5%."
        );
    }

    #[test]
    fn park_without_revenue_has_an_undetermined_share() {
        let report = ParkCheckRules::default().check(&park(ParkType::Modern, &[0.0], 0.0)).unwrap();
        assert_eq!(report.leading_industry_share.verdict, Verdict::Undetermined);
        assert_eq!(report.scale.class, None);
    }

    #[test]
    fn scale_class_edges() {
        let rules = ParkCheckRules::default();
        assert_eq!(rules.check_scale(10_000_000.0).class, Some(ScaleClass::ThousandYi));
        assert_eq!(rules.check_scale(9_999_999.0).class, Some(ScaleClass::HundredYi));
        assert_eq!(rules.check_scale(1_000_000.0).class, Some(ScaleClass::HundredYi));
        let below = rules.check_scale(999_999.0);
        assert_eq!(below.class, None);
        assert_eq!(below.tests[1].verdict, Verdict::Unmet);
        assert_eq!(
            below.tests[1].explanation.zh,
            "百亿园区：园区营业收入 999999 万元 = 99.9999 亿元；要求 ≥ 100 亿元：未达标，低于要求 0.0001 亿元。"
        );
    }

    #[test]
    fn inconsistent_figures_are_rejected() {
        let rules = ParkCheckRules::default();
        assert_eq!(
            rules.check(&park(ParkType::Modern, &[6.0, 5.0], 10.0)),
            Err(ParkCheckError::LeadingExceedsTotal { leading: 11.0, total: 10.0 })
        );
        let mut twice = park(ParkType::Modern, &[1.0, 1.0], 10.0);
        twice.leading_industries[1].name = "集成电路".to_owned();
        assert_eq!(rules.check(&twice), Err(ParkCheckError::DuplicateIndustry("集成电路".to_owned())));
        assert!(matches!(
            rules.check(&park(ParkType::Modern, &[-1.0], 10.0)),
            Err(ParkCheckError::NotNonNegative { .. })
        ));
        let no_urban = ParkCheckRules { leading_share: vec![], ..ParkCheckRules::default() };
        assert_eq!(
            no_urban.check(&park(ParkType::Urban, &[1.0], 10.0)),
            Err(ParkCheckError::NoShareTarget(ParkType::Urban))
        );
    }

    #[test]
    fn rules_figures_and_report_round_trip_through_json() {
        let rules = ParkCheckRules::default();
        let figures = park(ParkType::Specialty, &[9_500_000.0, 2_000_000.0], 12_500_000.0);
        let report = rules.check(&figures).unwrap();
        assert_eq!(report.scale.class, Some(ScaleClass::ThousandYi));
        let text = serde_json::to_string(&(rules.clone(), figures.clone(), report.clone())).unwrap();
        assert_eq!(
            serde_json::from_str::<(ParkCheckRules, ParkFigures, ParkReport)>(&text).unwrap(),
            (rules, figures, report)
        );
    }
}
