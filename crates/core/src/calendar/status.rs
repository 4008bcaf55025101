//! Where a deadline stands at a given moment: overdue or not, and how many working days
//! and clock minutes are left.

use chrono::{NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

use super::deadline::Deadline;
use super::working::{Coverage, WorkingCalendar};
use super::Bilingual;

/// A deadline seen at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineStatus {
    pub at: NaiveDateTime,
    pub due_at: NaiveDateTime,
    /// True once `at` is after `due_at`; a request answered at `due_at` itself is on time.
    pub overdue: bool,
    /// Working days after the date of `at` up to the due date: 0 on the due day, negative
    /// (working days since the due date) when overdue.
    pub remaining_working_days: i64,
    /// Whole clock minutes until `due_at`, rounded down: negative exactly when overdue.
    pub remaining_minutes: i64,
    pub coverage: Coverage,
    pub warnings: Vec<Bilingual>,
    pub explanation: Bilingual,
}

impl Deadline {
    /// Where the deadline stands at `at` (China time).
    pub fn status(&self, calendar: &WorkingCalendar, at: NaiveDateTime) -> DeadlineStatus {
        let due_at = self.due_at;
        let overdue = at > due_at;
        let count = calendar.working_days_between(at.date(), due_at.date());
        let remaining = due_at.signed_duration_since(at);
        // Rounded down, not toward zero, so that one second overdue is -1 minute, never 0.
        let truncated = remaining.num_minutes();
        let remaining_minutes = if remaining < TimeDelta::minutes(truncated) { truncated - 1 } else { truncated };
        let (hours, minutes) = (remaining_minutes.abs() / 60, remaining_minutes.abs() % 60);
        let days = count.working_days.abs();
        let explanation = if overdue {
            Bilingual::new(
                format!("已超期：截止{due_at}，截至{at}已超过{hours}小时{minutes}分钟，其后{days}个工作日。"),
                format!(
                    "Overdue: due {due_at}; at {at} it is {hours} h {minutes} min past due, \
                     {days} working days after the due date."
                ),
            )
        } else {
            Bilingual::new(
                format!("未超期：截止{due_at}，截至{at}剩余{days}个工作日（不含当日），合计{hours}小时{minutes}分钟。"),
                format!(
                    "Not overdue: due {due_at}; at {at} there are {days} working days left (today not counted), \
                     {hours} h {minutes} min in clock time."
                ),
            )
        };
        DeadlineStatus {
            at,
            due_at,
            overdue,
            remaining_working_days: count.working_days,
            remaining_minutes,
            coverage: count.coverage,
            warnings: count.warnings,
            explanation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Category, ServiceRules};
    use proptest::prelude::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn status(category: Category, submitted: &str, seen: &str) -> DeadlineStatus {
        let calendar = WorkingCalendar::china();
        let deadline = ServiceRules::china_default().deadline(&calendar, category, at(submitted), None).unwrap();
        deadline.status(&calendar, at(seen))
    }

    #[test]
    fn a_request_is_on_time_at_the_due_second_and_overdue_one_second_later() {
        let on_time = status(Category::Enquiry, "2026-02-12 10:00:00", "2026-02-14 23:59:59");
        assert!(!on_time.overdue);
        assert_eq!((on_time.remaining_working_days, on_time.remaining_minutes), (0, 0));
        let late = status(Category::Enquiry, "2026-02-12 10:00:00", "2026-02-15 00:00:00");
        assert!(late.overdue);
        assert_eq!((late.remaining_working_days, late.remaining_minutes), (0, -1), "the 15th is a holiday");
    }

    #[test]
    fn a_complaint_seen_before_spring_festival_has_twelve_working_days_left() {
        let status = status(Category::ComplaintOrReport, "2026-02-10 15:00:00", "2026-02-13 10:00:00");
        assert!(!status.overdue);
        assert_eq!(status.remaining_working_days, 12);
        assert_eq!(status.remaining_minutes, 24 * 60 * 24 + 13 * 60 + 59);
        assert_eq!(
            status.explanation.zh,
            "未超期：截止2026-03-09 23:59:59，截至2026-02-13 10:00:00剩余12个工作日（不含当日），合计589小时59分钟。"
        );
    }

    #[test]
    fn an_overdue_enquiry_counts_the_working_days_since_its_due_date() {
        let status = status(Category::Enquiry, "2026-02-12 10:00:00", "2026-02-25 09:00:00");
        assert!(status.overdue);
        assert_eq!(status.remaining_working_days, -2, "the 24th and the 25th");
        assert_eq!(status.remaining_minutes, -(10 * 24 * 60 + 9 * 60 + 1));
        assert_eq!(
            status.explanation.en,
            "Overdue: due 2026-02-14 23:59:59; at 2026-02-25 09:00:00 it is 249 h 1 min past due, 2 working days \
             after the due date."
        );
    }

    #[test]
    fn the_status_of_a_deadline_in_an_uncovered_year_is_flagged() {
        let status = status(Category::Enquiry, "2026-12-30 10:00:00", "2026-12-30 12:00:00");
        assert_eq!(status.coverage.fallback_years, vec![2027]);
        assert_eq!(status.warnings.len(), 1);
    }

    proptest! {
        #[test]
        fn statuses_round_trip_through_json(day in 0u64..700, minute in 0i64..(40 * 24 * 60)) {
            let submitted = at("2025-06-01 09:00:00") + chrono::Days::new(day);
            let calendar = WorkingCalendar::china();
            let rules = ServiceRules::china_default();
            let deadline = rules.deadline(&calendar, Category::General, submitted, None).unwrap();
            let status = deadline.status(&calendar, submitted + chrono::TimeDelta::minutes(minute));
            prop_assert_eq!(status.overdue, status.remaining_minutes < 0);
            let json = serde_json::to_string(&status).unwrap();
            prop_assert_eq!(serde_json::from_str::<DeadlineStatus>(&json).unwrap(), status);
        }
    }
}
