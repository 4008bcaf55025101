//! The §6 table as data: the time limit of each request category, extensions and rating
//! rules, every row with its source, and the checks that list every mistake in an edited table.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use super::state::Rating;
use super::{join_displayed, Label};
use crate::text::Bilingual;

/// The shipped default, embedded from `data/service-rules.json`.
const CHINA_DEFAULT_JSON: &str = include_str!("../../data/service-rules.json");

/// A request category of the §6 table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 咨询
    Enquiry,
    /// 求助 / 建议
    HelpOrSuggestion,
    /// 投诉 / 举报
    ComplaintOrReport,
    /// 一般诉求
    General,
    /// 紧急诉求
    Urgent,
}

/// What a limit asks for by its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// 办结: resolved and answered.
    Resolve,
    /// 响应: a first response (urgent requests).
    Respond,
}

/// A time limit: working days by the calendar, or clock hours regardless of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "unit", rename_all = "snake_case")]
pub enum Limit {
    WorkingDays { count: u32 },
    ClockHours { count: u32 },
}

/// How far a deadline may be extended (延期).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionRule {
    /// The most working days all extensions of one request may add together.
    pub max_working_days: u32,
    pub reason_required: bool,
}

/// One row of the §6 table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRule {
    pub category: Category,
    pub kind: DeadlineKind,
    pub limit: Limit,
    /// `None`: the source gives no extension for the category, so none is allowed.
    pub extension: Option<ExtensionRule>,
    pub source: String,
    #[serde(default)]
    pub unconfirmed: bool,
    /// 一次性告知: every material a request of this category may need, listed at once so
    /// that the enterprise never learns of them one by one. Empty when no list applies.
    #[serde(default)]
    pub materials: Vec<Bilingual>,
    /// The spec gives no lists, so the shipped ones are marked unconfirmed (待核实).
    #[serde(default)]
    pub materials_unconfirmed: bool,
}

/// What a follow-up rating (回访评价) does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingRule {
    pub rating: Rating,
    /// Whether the rating reopens the request (重办 / 督办).
    pub reopens: bool,
    /// The rating's share in 满意率, from 0 to 1.
    pub satisfaction_weight: f64,
    /// The spec gives no 满意率 formula, so the shipped weights are marked unconfirmed.
    #[serde(default)]
    pub satisfaction_weight_unconfirmed: bool,
}

/// The rules for service requests of one jurisdiction, versioned so a result can name them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceRules {
    pub version: String,
    /// The time of day a working-day deadline falls due: 23:59:59 by default, or an office
    /// close time such as 17:30:00.
    pub due_time: NaiveTime,
    pub categories: Vec<CategoryRule>,
    pub ratings: Vec<RatingRule>,
}

/// One mistake in a [`ServiceRules`] table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum RulesProblem {
    #[error("the table has no row for {category}; add one")]
    MissingCategory { category: Category },
    #[error("the table has several rows for {category}; keep one")]
    DuplicateCategory { category: Category },
    #[error("{category}: a limit of 0 would be due before anyone could act; give at least 1")]
    ZeroLimit { category: Category },
    #[error("{category}: an extension is counted in working days and cannot extend a clock-hour limit; remove it")]
    ExtensionOnClockLimit { category: Category },
    #[error("{category}: the row names no source; add the rule or notice it comes from")]
    MissingSource { category: Category },
    #[error("{category}: material {position} has no name in Chinese or in English; name it or remove it")]
    UnnamedMaterial { category: Category, position: usize },
    #[error("the table has no rule for the rating {rating}; add one")]
    MissingRating { rating: Rating },
    #[error("the table has several rules for the rating {rating}; keep one")]
    DuplicateRating { rating: Rating },
    #[error("{rating}: the satisfaction weight {weight} must be a number from 0 to 1")]
    WeightOutOfRange { rating: Rating, weight: f64 },
}

/// Every problem found in a rules table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("the service rules have {} problem(s): {}", .0.len(), join_displayed(.0, "; "))]
pub struct RulesErrors(pub Vec<RulesProblem>);

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Enquiry,
        Category::HelpOrSuggestion,
        Category::ComplaintOrReport,
        Category::General,
        Category::Urgent,
    ];

    pub fn label(self) -> Label {
        match self {
            Category::Enquiry => Label { zh: "咨询", en: "enquiry" },
            Category::HelpOrSuggestion => Label { zh: "求助/建议", en: "help or suggestion" },
            Category::ComplaintOrReport => Label { zh: "投诉/举报", en: "complaint or report" },
            Category::General => Label { zh: "一般诉求", en: "general request" },
            Category::Urgent => Label { zh: "紧急诉求", en: "urgent request" },
        }
    }
}

impl CategoryRule {
    /// The time limit in words, as a service notice gives it: 2个工作日内办结 / resolved
    /// within 2 working days.
    pub fn limit_text(&self) -> Bilingual {
        let verb = self.kind.label();
        let (zh, en) = match self.limit {
            Limit::WorkingDays { count } => (format!("{count}个工作日内"), format!("within {count} working days")),
            Limit::ClockHours { count } => (format!("{count}小时内"), format!("within {count} hours")),
        };
        Bilingual::new(format!("{zh}{}", verb.zh), format!("{} {en}", verb.en))
    }
}

impl DeadlineKind {
    /// The verb of the deadline: 办结 / resolved, 响应 / answered.
    pub fn label(self) -> Label {
        match self {
            DeadlineKind::Resolve => Label { zh: "办结", en: "resolved" },
            DeadlineKind::Respond => Label { zh: "响应", en: "answered" },
        }
    }
}

impl ServiceRules {
    /// The §6 defaults: 广东 12345 limits for 咨询, 求助/建议 and 投诉/举报, 山东's general limit
    /// with its extension, 成都金牛's 2-hour urgent response, due at 23:59:59.
    pub fn china_default() -> ServiceRules {
        serde_json::from_str(CHINA_DEFAULT_JSON).expect("data/service-rules.json parses; a test checks it")
    }

    pub fn category(&self, category: Category) -> Option<&CategoryRule> {
        self.categories.iter().find(|rule| rule.category == category)
    }

    pub fn rating(&self, rating: Rating) -> Option<&RatingRule> {
        self.ratings.iter().find(|rule| rule.rating == rating)
    }

    /// 一次性告知: the materials a request of `category` may need, all at once.
    pub fn materials(&self, category: Category) -> &[Bilingual] {
        self.category(category).map_or(&[], |rule| &rule.materials)
    }

    /// Whether a rating reopens a request; a rating without a rule does not.
    pub fn reopens(&self, rating: Rating) -> bool {
        self.rating(rating).is_some_and(|rule| rule.reopens)
    }

    /// The working days an extension of `category` adds: all the rule allows, as an
    /// extension is approved once per request. `None` when the category has no extension.
    pub fn extension_days(&self, category: Category) -> Option<u32> {
        self.category(category)?.extension.map(|rule| rule.max_working_days)
    }

    /// Every mistake in the table, empty when it is sound.
    pub fn problems(&self) -> Vec<RulesProblem> {
        let mut problems = Vec::new();
        let (missing, duplicated) = missing_and_duplicated(&Category::ALL, self.categories.iter().map(|r| r.category));
        problems.extend(missing.into_iter().map(|category| RulesProblem::MissingCategory { category }));
        problems.extend(duplicated.into_iter().map(|category| RulesProblem::DuplicateCategory { category }));
        for rule in &self.categories {
            let category = rule.category;
            let (count, clock) = match rule.limit {
                Limit::WorkingDays { count } => (count, false),
                Limit::ClockHours { count } => (count, true),
            };
            if count == 0 {
                problems.push(RulesProblem::ZeroLimit { category });
            }
            if clock && rule.extension.is_some() {
                problems.push(RulesProblem::ExtensionOnClockLimit { category });
            }
            if rule.source.trim().is_empty() {
                problems.push(RulesProblem::MissingSource { category });
            }
            let unnamed = |material: &&Bilingual| material.zh.trim().is_empty() || material.en.trim().is_empty();
            for (index, _) in rule.materials.iter().enumerate().filter(|(_, material)| unnamed(material)) {
                problems.push(RulesProblem::UnnamedMaterial { category, position: index + 1 });
            }
        }
        let (missing, duplicated) = missing_and_duplicated(&Rating::ALL, self.ratings.iter().map(|r| r.rating));
        problems.extend(missing.into_iter().map(|rating| RulesProblem::MissingRating { rating }));
        problems.extend(duplicated.into_iter().map(|rating| RulesProblem::DuplicateRating { rating }));
        for rule in self.ratings.iter().filter(|rule| !(0.0..=1.0).contains(&rule.satisfaction_weight)) {
            problems.push(RulesProblem::WeightOutOfRange { rating: rule.rating, weight: rule.satisfaction_weight });
        }
        problems
    }

    /// `Ok` when the table is sound, else every problem.
    pub fn validate(&self) -> Result<(), RulesErrors> {
        let problems = self.problems();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(RulesErrors(problems))
        }
    }
}

/// Which of `all` are absent from `listed`, and which appear more than once, in the order of `all`.
fn missing_and_duplicated<T: Copy + PartialEq>(all: &[T], listed: impl Iterator<Item = T> + Clone) -> (Vec<T>, Vec<T>) {
    let count = |item: &T| listed.clone().filter(|listed| listed == item).count();
    let missing = all.iter().copied().filter(|item| count(item) == 0).collect();
    let duplicated = all.iter().copied().filter(|item| count(item) > 1).collect();
    (missing, duplicated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(category: Category) -> Limit {
        ServiceRules::china_default().category(category).unwrap().limit
    }

    #[test]
    fn the_shipped_rules_have_no_problems() {
        assert_eq!(ServiceRules::china_default().problems(), vec![]);
        assert_eq!(ServiceRules::china_default().validate(), Ok(()));
    }

    #[test]
    fn the_shipped_limits_are_those_of_the_spec_table() {
        assert_eq!(limit(Category::Enquiry), Limit::WorkingDays { count: 2 });
        assert_eq!(limit(Category::HelpOrSuggestion), Limit::WorkingDays { count: 10 });
        assert_eq!(limit(Category::ComplaintOrReport), Limit::WorkingDays { count: 15 });
        assert_eq!(limit(Category::General), Limit::WorkingDays { count: 5 });
        assert_eq!(limit(Category::Urgent), Limit::ClockHours { count: 2 });
    }

    #[test]
    fn only_general_requests_may_be_extended_by_up_to_10_working_days_with_a_reason() {
        let rules = ServiceRules::china_default();
        let extensions: Vec<_> = Category::ALL.iter().map(|c| rules.category(*c).unwrap().extension).collect();
        let general = Some(ExtensionRule { max_working_days: 10, reason_required: true });
        assert_eq!(extensions, vec![None, None, None, general, None]);
    }

    #[test]
    fn urgent_requests_have_a_response_deadline_and_the_rest_a_resolution_deadline() {
        let rules = ServiceRules::china_default();
        let kinds: Vec<_> = Category::ALL.iter().map(|c| rules.category(*c).unwrap().kind).collect();
        let resolve = DeadlineKind::Resolve;
        assert_eq!(kinds, vec![resolve, resolve, resolve, resolve, DeadlineKind::Respond]);
    }

    #[test]
    fn every_shipped_row_names_its_source() {
        let rules = ServiceRules::china_default();
        assert!(rules.category(Category::Enquiry).unwrap().source.contains("广东"));
        assert!(rules.category(Category::General).unwrap().source.contains("山东"));
        assert!(rules.category(Category::Urgent).unwrap().source.contains("金牛"));
    }

    #[test]
    fn basically_satisfied_and_dissatisfied_reopen_and_satisfied_does_not() {
        let rules = ServiceRules::china_default();
        assert!(!rules.reopens(Rating::Satisfied));
        assert!(rules.reopens(Rating::BasicallySatisfied));
        assert!(rules.reopens(Rating::Dissatisfied));
    }

    #[test]
    fn the_shipped_satisfaction_weights_are_marked_unconfirmed() {
        assert!(ServiceRules::china_default().ratings.iter().all(|rule| rule.satisfaction_weight_unconfirmed));
    }

    #[test]
    fn complaints_help_and_general_requests_list_their_materials_at_once_marked_unconfirmed() {
        let rules = ServiceRules::china_default();
        let names = |category| rules.materials(category).iter().map(|m| m.zh.as_str()).collect::<Vec<_>>();
        assert_eq!(
            names(Category::ComplaintOrReport),
            vec!["营业执照或身份证明", "事实经过说明", "相关证据（照片、合同、票据）"]
        );
        assert_eq!(names(Category::HelpOrSuggestion), vec!["情况说明", "相关证明材料"]);
        assert_eq!(names(Category::General), vec!["申请书", "营业执照复印件"]);
        assert!(names(Category::Enquiry).is_empty() && names(Category::Urgent).is_empty());
        for rule in &rules.categories {
            assert_eq!(rule.materials_unconfirmed, !rule.materials.is_empty(), "{}", rule.category);
        }
    }

    #[test]
    fn limits_read_as_a_service_notice() {
        let rules = ServiceRules::china_default();
        let text = |category| rules.category(category).unwrap().limit_text();
        assert_eq!(text(Category::Enquiry), Bilingual::new("2个工作日内办结", "resolved within 2 working days"));
        assert_eq!(text(Category::Urgent), Bilingual::new("2小时内响应", "answered within 2 hours"));
    }

    #[test]
    fn a_material_without_a_name_is_a_problem() {
        let mut rules = ServiceRules::china_default();
        rules.categories[0].materials = vec![Bilingual::new("申请书", "application"), Bilingual::new("", "statement")];
        assert_eq!(rules.problems(), vec![RulesProblem::UnnamedMaterial { category: Category::Enquiry, position: 2 }]);
    }

    #[test]
    fn the_shipped_due_time_is_one_second_before_midnight() {
        assert_eq!(ServiceRules::china_default().due_time, NaiveTime::from_hms_opt(23, 59, 59).unwrap());
    }

    #[test]
    fn every_problem_of_an_edited_table_is_reported() {
        let mut rules = ServiceRules::china_default();
        rules.categories.retain(|rule| rule.category != Category::Enquiry);
        rules.categories.push(rules.categories[0].clone());
        rules.categories[1].limit = Limit::WorkingDays { count: 0 };
        rules.categories[2].source = String::new();
        rules.categories[3].extension = Some(ExtensionRule { max_working_days: 1, reason_required: false });
        rules.ratings.pop();
        rules.ratings[0].satisfaction_weight = 1.5;
        let help = rules.categories[0].category;
        assert_eq!(
            rules.problems(),
            vec![
                RulesProblem::MissingCategory { category: Category::Enquiry },
                RulesProblem::DuplicateCategory { category: help },
                RulesProblem::ZeroLimit { category: Category::ComplaintOrReport },
                RulesProblem::MissingSource { category: Category::General },
                RulesProblem::ExtensionOnClockLimit { category: Category::Urgent },
                RulesProblem::MissingRating { rating: Rating::Dissatisfied },
                RulesProblem::WeightOutOfRange { rating: Rating::Satisfied, weight: 1.5 },
            ]
        );
    }

    #[test]
    fn a_limit_of_one_is_accepted_and_zero_refused() {
        let mut rules = ServiceRules::china_default();
        rules.categories[0].limit = Limit::WorkingDays { count: 1 };
        rules.categories[4].limit = Limit::ClockHours { count: 1 };
        assert_eq!(rules.problems(), vec![]);
        rules.categories[4].limit = Limit::ClockHours { count: 0 };
        assert_eq!(rules.problems(), vec![RulesProblem::ZeroLimit { category: Category::Urgent }]);
    }

    #[test]
    fn satisfaction_weights_from_0_to_1_are_accepted_and_outside_refused() {
        let mut rules = ServiceRules::china_default();
        rules.ratings[0].satisfaction_weight = 0.0;
        rules.ratings[1].satisfaction_weight = 1.0;
        assert_eq!(rules.problems(), vec![]);
        rules.ratings[0].satisfaction_weight = -0.01;
        rules.ratings[1].satisfaction_weight = 1.01;
        rules.ratings[2].satisfaction_weight = f64::NAN;
        let refused: Vec<_> = rules.problems().iter().map(ToString::to_string).collect();
        assert_eq!(refused.len(), 3, "{refused:?}");
        assert!(refused[0].contains("-0.01 must be a number from 0 to 1"), "{refused:?}");
    }

    #[test]
    fn invalid_rules_are_refused_with_a_message_naming_the_fix() {
        let mut rules = ServiceRules::china_default();
        rules.ratings.clear();
        let error = rules.validate().unwrap_err();
        assert!(
            error.to_string().starts_with(
                "the service rules have 3 problem(s): the table has no rule for the rating 满意 (satisfied); add one"
            ),
            "{error}"
        );
    }

    #[test]
    fn the_rules_round_trip_through_json() {
        let rules = ServiceRules::china_default();
        let json = serde_json::to_string(&rules).unwrap();
        assert!(json.contains(r#""limit":{"unit":"working_days","count":2}"#), "{json}");
        assert!(json.contains(r#""due_time":"23:59:59""#), "{json}");
        assert_eq!(serde_json::from_str::<ServiceRules>(&json).unwrap(), rules);
        let problems = RulesErrors(vec![RulesProblem::ZeroLimit { category: Category::General }]);
        let json = serde_json::to_string(&problems).unwrap();
        assert_eq!(serde_json::from_str::<RulesErrors>(&json).unwrap(), problems);
    }
}
