//! The deadline of a service request: its due date-time from the category's limit and the
//! working-day calendar, extensions, and whether it is overdue at a given moment.
//!
//! The convention is stated in the module doc of [`crate::calendar`]: the day of submission
//! never counts, day 1 is the first working day after it, and the request is due at
//! [`ServiceRules::due_time`] on the last working day; clock-hour limits ignore the calendar.

use chrono::{NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

use super::rules::{Category, CategoryRule, DeadlineKind, Limit, RulesErrors, ServiceRules};
use super::wording::{span_notes, Texts};
use super::working::{Coverage, WorkingCalendar};
use super::Bilingual;

/// An approved extension (延期).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// Working days added to the limit, all extensions of the request together.
    pub working_days: u32,
    pub reason: String,
}

/// When a request falls due, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub category: Category,
    pub kind: DeadlineKind,
    pub rules_version: String,
    pub source: String,
    /// China local time (UTC+08:00), as every time here.
    pub submitted_at: NaiveDateTime,
    pub limit: Limit,
    pub extension: Option<Extension>,
    pub due_at: NaiveDateTime,
    /// Years of the counted days the calendar does not vouch for.
    pub coverage: Coverage,
    pub warnings: Vec<Bilingual>,
    pub explanation: Bilingual,
}

/// Why no deadline can be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DeadlineError {
    #[error(transparent)]
    InvalidRules(#[from] RulesErrors),
    #[error(
        "{category} cannot be extended: the rules (version {version}) give no extension for it; if the \
         jurisdiction allows one, add an extension to the category's row"
    )]
    NoExtension { category: Category, version: String },
    #[error(
        "an extension of {requested} working days is more than the {max} allowed for {category}; ask for at most {max}"
    )]
    ExtensionTooLong { category: Category, requested: u32, max: u32 },
    #[error("an extension of {category} needs a reason; give the reason the extension was approved")]
    ReasonRequired { category: Category },
    #[error(
        "the deadline of a request submitted at {submitted_at} is past the last representable date; \
         check the submission time"
    )]
    OutOfRange { submitted_at: NaiveDateTime },
}

impl ServiceRules {
    /// The due date-time of a request of `category` submitted at `submitted_at` (China time).
    pub fn deadline(
        &self,
        calendar: &WorkingCalendar,
        category: Category,
        submitted_at: NaiveDateTime,
        extension: Option<Extension>,
    ) -> Result<Deadline, DeadlineError> {
        self.validate()?;
        let rule = self.category(category).expect("validated rules have a row for every category");
        let extra_working_days = self.extension_working_days(rule, extension.as_ref())?;
        let out_of_range = || DeadlineError::OutOfRange { submitted_at };
        let (due_at, coverage, explanation) = match rule.limit {
            Limit::WorkingDays { count } => {
                let n = count.checked_add(extra_working_days).ok_or_else(out_of_range)?;
                let submitted_on = submitted_at.date();
                let start = calendar.nth_working_day_after(submitted_on, 1).ok_or_else(out_of_range)?;
                let due_on = calendar.nth_working_day_after(submitted_on, n).ok_or_else(out_of_range)?;
                let due_at = due_on.and_time(self.due_time);
                let texts = Texts { rules: self, rule, submitted_at, due_at };
                let mut explanation = texts.working_days(calendar, count, extension.as_ref(), start, n);
                if let Some(notes) = span_notes(calendar, submitted_on, due_on) {
                    explanation.append(notes);
                }
                (due_at, calendar.coverage(submitted_on, due_on), explanation)
            }
            Limit::ClockHours { count } => {
                let due_at =
                    submitted_at.checked_add_signed(TimeDelta::hours(count.into())).ok_or_else(out_of_range)?;
                let texts = Texts { rules: self, rule, submitted_at, due_at };
                (due_at, Coverage::default(), texts.clock_hours(count))
            }
        };
        Ok(Deadline {
            category,
            kind: rule.kind,
            rules_version: self.version.clone(),
            source: rule.source.clone(),
            submitted_at,
            limit: rule.limit,
            extension,
            due_at,
            warnings: coverage.warnings(),
            coverage,
            explanation,
        })
    }

    fn extension_working_days(&self, rule: &CategoryRule, extension: Option<&Extension>) -> Result<u32, DeadlineError> {
        let category = rule.category;
        let Some(extension) = extension else {
            return Ok(0);
        };
        let Some(allowed) = rule.extension else {
            return Err(DeadlineError::NoExtension { category, version: self.version.clone() });
        };
        if extension.working_days > allowed.max_working_days {
            let (requested, max) = (extension.working_days, allowed.max_working_days);
            return Err(DeadlineError::ExtensionTooLong { category, requested, max });
        }
        if allowed.reason_required && extension.reason.trim().is_empty() {
            return Err(DeadlineError::ReasonRequired { category });
        }
        Ok(extension.working_days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime};
    use proptest::prelude::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn deadline(category: Category, submitted: &str) -> Deadline {
        ServiceRules::china_default().deadline(&WorkingCalendar::china(), category, at(submitted), None).unwrap()
    }

    fn extended(working_days: u32, reason: &str) -> Result<Deadline, DeadlineError> {
        let extension = Extension { working_days, reason: reason.into() };
        let rules = ServiceRules::china_default();
        rules.deadline(&WorkingCalendar::china(), Category::General, at("2026-02-20 09:00:00"), Some(extension))
    }

    fn due(category: Category, submitted: &str) -> NaiveDateTime {
        deadline(category, submitted).due_at
    }

    #[test]
    fn an_enquiry_two_days_before_spring_festival_2026_is_due_on_the_adjusted_saturday() {
        assert_eq!(due(Category::Enquiry, "2026-02-12 10:00:00"), at("2026-02-14 23:59:59"));
    }

    #[test]
    fn an_enquiry_the_friday_before_spring_festival_2026_waits_out_the_holiday() {
        assert_eq!(due(Category::Enquiry, "2026-02-13 10:00:00"), at("2026-02-24 23:59:59"));
    }

    #[test]
    fn an_enquiry_submitted_during_spring_festival_counts_from_the_first_day_back() {
        assert_eq!(due(Category::Enquiry, "2026-02-16 08:30:00"), at("2026-02-25 23:59:59"));
        assert_eq!(due(Category::Enquiry, "2026-02-23 20:00:00"), at("2026-02-25 23:59:59"), "last holiday");
    }

    #[test]
    fn a_general_request_submitted_on_a_holiday_is_due_on_the_adjusted_saturday_after_it() {
        assert_eq!(due(Category::General, "2026-02-20 09:00:00"), at("2026-02-28 23:59:59"));
    }

    #[test]
    fn a_complaint_across_spring_festival_2026_takes_fifteen_working_days() {
        assert_eq!(due(Category::ComplaintOrReport, "2026-02-10 15:00:00"), at("2026-03-09 23:59:59"));
    }

    #[test]
    fn an_enquiry_before_national_day_2025_is_due_after_the_adjusted_sunday() {
        assert_eq!(due(Category::Enquiry, "2025-09-26 16:00:00"), at("2025-09-29 23:59:59"));
    }

    #[test]
    fn an_enquiry_on_the_eve_of_national_day_2025_is_due_after_eight_days_off() {
        assert_eq!(due(Category::Enquiry, "2025-09-30 11:00:00"), at("2025-10-10 23:59:59"));
    }

    #[test]
    fn a_help_request_across_national_day_2025_counts_the_adjusted_saturday() {
        assert_eq!(due(Category::HelpOrSuggestion, "2025-09-30 11:00:00"), at("2025-10-21 23:59:59"));
    }

    #[test]
    fn an_enquiry_on_the_sunday_after_national_day_2025_counts_from_monday() {
        assert_eq!(due(Category::Enquiry, "2025-10-12 09:00:00"), at("2025-10-14 23:59:59"));
    }

    #[test]
    fn the_hour_of_submission_does_not_matter() {
        assert_eq!(due(Category::Enquiry, "2026-03-02 00:00:00"), at("2026-03-04 23:59:59"));
        assert_eq!(due(Category::Enquiry, "2026-03-02 23:59:59"), at("2026-03-04 23:59:59"));
    }

    #[test]
    fn an_office_close_time_replaces_midnight() {
        let mut rules = ServiceRules::china_default();
        rules.due_time = NaiveTime::from_hms_opt(17, 30, 0).unwrap();
        let deadline = rules.deadline(&WorkingCalendar::china(), Category::Enquiry, at("2026-03-02 18:00:00"), None);
        assert_eq!(deadline.unwrap().due_at, at("2026-03-04 17:30:00"));
    }

    #[test]
    fn a_deadline_inside_the_last_covered_year_is_not_flagged() {
        let deadline = deadline(Category::Enquiry, "2026-12-29 10:00:00");
        assert_eq!(deadline.due_at, at("2026-12-31 23:59:59"));
        assert!(!deadline.coverage.is_fallback());
        assert_eq!(deadline.warnings, vec![]);
    }

    #[test]
    fn a_deadline_reaching_into_an_uncovered_year_falls_back_and_says_so() {
        let deadline = deadline(Category::Enquiry, "2026-12-30 10:00:00");
        assert_eq!(deadline.due_at, at("2027-01-01 23:59:59"), "New Year's Day 2027 counts as a plain Friday");
        assert_eq!(deadline.coverage.fallback_years, vec![2027]);
        assert_eq!(deadline.warnings.len(), 1);
        assert!(deadline.warnings[0].zh.starts_with("日历未收录2027年的节假日安排"), "{}", deadline.warnings[0].zh);
    }

    #[test]
    fn a_submission_in_an_uncovered_year_is_flagged_only_for_the_days_counted_in_it() {
        let inside = deadline(Category::Enquiry, "2024-12-31 10:00:00");
        assert_eq!(inside.due_at, at("2025-01-03 23:59:59"), "2025-01-01 is off");
        assert!(!inside.coverage.is_fallback(), "the submission day itself never counts");
        let across = deadline(Category::Enquiry, "2024-12-30 10:00:00");
        assert_eq!(across.due_at, at("2025-01-02 23:59:59"));
        assert_eq!(across.coverage.fallback_years, vec![2024]);
    }

    #[test]
    fn an_urgent_request_is_due_two_clock_hours_later_even_on_a_holiday_night() {
        let deadline = deadline(Category::Urgent, "2026-02-16 23:00:00");
        assert_eq!(deadline.due_at, at("2026-02-17 01:00:00"));
        assert_eq!(deadline.kind, DeadlineKind::Respond);
        assert_eq!(deadline.coverage, Coverage::default());
    }

    #[test]
    fn an_extension_of_ten_working_days_is_allowed_and_eleven_refused() {
        assert_eq!(extended(10, "需现场核查").unwrap().due_at, at("2026-03-13 23:59:59"));
        assert_eq!(
            extended(11, "需现场核查"),
            Err(DeadlineError::ExtensionTooLong { category: Category::General, requested: 11, max: 10 })
        );
    }

    #[test]
    fn an_extension_needs_a_reason() {
        assert_eq!(extended(3, "  "), Err(DeadlineError::ReasonRequired { category: Category::General }));
    }

    #[test]
    fn a_category_without_an_extension_rule_cannot_be_extended() {
        let rules = ServiceRules::china_default();
        let extension = Some(Extension { working_days: 1, reason: "复杂".into() });
        let error = rules.deadline(&WorkingCalendar::china(), Category::Enquiry, at("2026-03-02 09:00:00"), extension);
        let error = error.unwrap_err();
        assert_eq!(
            error.to_string(),
            "咨询 (enquiry) cannot be extended: the rules (version cn-default-2025) give no extension for it; if the \
             jurisdiction allows one, add an extension to the category's row"
        );
    }

    #[test]
    fn invalid_rules_give_no_deadline() {
        let mut rules = ServiceRules::china_default();
        rules.categories.clear();
        let result = rules.deadline(&WorkingCalendar::china(), Category::Enquiry, at("2026-03-02 09:00:00"), None);
        assert!(matches!(result, Err(DeadlineError::InvalidRules(RulesErrors(problems))) if problems.len() == 5));
    }

    #[test]
    fn a_deadline_past_the_last_date_is_an_error_not_a_panic() {
        let submitted_at = NaiveDate::MAX.and_hms_opt(23, 0, 0).unwrap();
        let rules = ServiceRules::china_default();
        let result = rules.deadline(&WorkingCalendar::china(), Category::Enquiry, submitted_at, None);
        assert_eq!(result, Err(DeadlineError::OutOfRange { submitted_at }));
        let result = rules.deadline(&WorkingCalendar::china(), Category::Urgent, submitted_at, None);
        assert_eq!(result, Err(DeadlineError::OutOfRange { submitted_at }));
    }

    fn any_submission() -> impl Strategy<Value = NaiveDateTime> {
        (0u64..5 * 366, 0u32..86_400).prop_map(|(day, second)| {
            let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(day);
            date.and_time(NaiveTime::from_num_seconds_from_midnight_opt(second, 0).unwrap())
        })
    }

    proptest! {
        #[test]
        fn the_due_time_is_never_before_submission(
            submitted in any_submission(),
            category in proptest::sample::select(Category::ALL.to_vec()),
        ) {
            let (rules, calendar) = (ServiceRules::china_default(), WorkingCalendar::china());
            let deadline = rules.deadline(&calendar, category, submitted, None).unwrap();
            prop_assert!(deadline.due_at > submitted);
        }

        #[test]
        fn one_more_working_day_never_moves_the_due_date_earlier(submitted in any_submission(), days in 0u32..10) {
            let (rules, calendar) = (ServiceRules::china_default(), WorkingCalendar::china());
            let due = |working_days| {
                let extension = Extension { working_days, reason: "复杂".into() };
                rules.deadline(&calendar, Category::General, submitted, Some(extension)).unwrap().due_at
            };
            prop_assert!(due(days + 1) > due(days));
        }

        #[test]
        fn a_longer_limit_never_moves_the_due_date_earlier(
            submitted in any_submission(),
            category in proptest::sample::select(Category::ALL.to_vec()),
        ) {
            let (mut rules, calendar) = (ServiceRules::china_default(), WorkingCalendar::china());
            let before = rules.deadline(&calendar, category, submitted, None).unwrap().due_at;
            for rule in &mut rules.categories {
                rule.limit = match rule.limit {
                    Limit::WorkingDays { count } => Limit::WorkingDays { count: count + 1 },
                    Limit::ClockHours { count } => Limit::ClockHours { count: count + 1 },
                };
            }
            prop_assert!(rules.deadline(&calendar, category, submitted, None).unwrap().due_at > before);
        }

        #[test]
        fn the_due_date_is_exactly_the_limit_in_working_days_after_submission(
            submitted in any_submission(),
            category in proptest::sample::select(Category::ALL[..4].to_vec()),
        ) {
            let (rules, calendar) = (ServiceRules::china_default(), WorkingCalendar::china());
            let deadline = rules.deadline(&calendar, category, submitted, None).unwrap();
            let Limit::WorkingDays { count } = deadline.limit else {
                unreachable!("the first four categories count working days")
            };
            let between = calendar.working_days_between(submitted.date(), deadline.due_at.date());
            prop_assert_eq!(between.working_days, i64::from(count));
            prop_assert!(calendar.is_working_day(deadline.due_at.date()));
        }

        #[test]
        fn deadlines_round_trip_through_json(
            submitted in any_submission(),
            category in proptest::sample::select(Category::ALL.to_vec()),
        ) {
            let (rules, calendar) = (ServiceRules::china_default(), WorkingCalendar::china());
            let deadline = rules.deadline(&calendar, category, submitted, None).unwrap();
            let json = serde_json::to_string(&deadline).unwrap();
            prop_assert_eq!(serde_json::from_str::<Deadline>(&json).unwrap(), deadline);
            let extension = Extension { working_days: 3, reason: "需会商".into() };
            let json = serde_json::to_string(&extension).unwrap();
            prop_assert_eq!(serde_json::from_str::<Extension>(&json).unwrap(), extension);
        }
    }
}
