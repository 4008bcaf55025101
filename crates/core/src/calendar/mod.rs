//! Service requests (企业诉求, spec §6): working-day calendars, time limits per request
//! category, deadlines, the request state model and the published KPIs.
//!
//! Every time is China local time (北京时间, UTC+08:00) carried as a `chrono::NaiveDateTime`:
//! the whole country keeps one time zone without daylight saving, so no zone arithmetic is
//! needed. Attach `+08:00` only when writing ISO-8601 for Open311 clients.
//!
//! # Catalogue
//! - [`HolidayCalendar`]: public holidays (休) and adjusted working weekends (调休上班) per year,
//!   as editable data; [`HolidayCalendar::problems`] lists every mistake in an edited calendar.
//!   [`HolidayCalendar::china`] ships the State Council schedules for 2025 and 2026.
//! - [`WorkingCalendar`]: a validated calendar that answers "is this a working day" and counts
//!   working days ([`WorkingCalendar::working_days_between`]). Years it does not cover fall back
//!   to plain Monday–Friday and every result says so in its [`Coverage`].
//! - [`ServiceRules`]: the §6 table of categories and limits, extensions and rating rules, with
//!   sources; [`ServiceRules::china_default`] is the shipped default.
//! - [`ServiceRules::deadline`] → [`Deadline`]; [`Deadline::status`] → [`DeadlineStatus`]
//!   (overdue, remaining working days).
//! - [`RequestState`]: the request life cycle, [`check_transition`], [`step_name`] and the
//!   Open311 status.
//! - [`china_time`] and the shipped singletons [`service_rules`] and [`working_calendar`]: what
//!   the server and the SPA compute every deadline with.
//! - [`kpis`]: 办结率, 响应率 and 满意率 over a slice of [`RequestRecord`]s.
//!
//! # The deadline convention
//! The day of submission never counts, whatever the hour: day 1 is the first working day
//! after the submission date (so a request submitted on a weekend or holiday starts counting
//! on the next working day), and the request is due at [`ServiceRules::due_time`] (23:59:59 by
//! default, or an office close time) on the Nth working day. An extension of E working days
//! moves the due date to the (N+E)th working day. Clock-hour limits (urgent requests) ignore the
//! calendar: 2 hours means 2 hours, nights and holidays included.

mod china;
mod deadline;
mod holidays;
mod kpi;
mod rules;
mod state;
mod status;
mod wording;
mod working;

pub use china::{china_date, china_offset, china_time, service_rules, working_calendar, CHINA_UTC_OFFSET_SECONDS};
pub use deadline::{Deadline, DeadlineError, Extension};
pub use holidays::{AdjustedWorkingDay, CalendarErrors, CalendarProblem, Holiday, HolidayCalendar, HolidayYear};
pub(crate) use kpi::rate as kpi_rate;
pub use kpi::{kpis, Kpi, Kpis, RequestRecord};
pub use rules::{
    Category, CategoryRule, DeadlineKind, ExtensionRule, Limit, RatingRule, RulesErrors, RulesProblem, ServiceRules,
};
pub use state::{
    check_transition, step_name, Holder, Open311Status, Rating, RequestState, TransitionError, TransitionStep,
};
pub use status::DeadlineStatus;
pub use working::{Coverage, Day, DayKind, WorkingCalendar, WorkingDayCount, YearStatus};

pub use crate::text::{Bilingual, Label};

/// Upper-cases the first letter, for English sentences assembled from lower-case parts.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().into_iter().flat_map(char::to_uppercase).chain(chars).collect()
}

/// Displays an enum by its label, "咨询 (enquiry)", as error messages name it.
macro_rules! display_by_label {
    ($($enum:ty),*) => {$(
        impl std::fmt::Display for $enum {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let label = self.label();
                write!(f, "{} ({})", label.zh, label.en)
            }
        }
    )*};
}
display_by_label!(Category, Rating, RequestState);

/// Joins displayed items for an error message: ", " for names, "; " for sentences.
fn join_displayed<T: std::fmt::Display>(items: &[T], separator: &str) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_display_as_chinese_then_english() {
        assert_eq!(Category::Enquiry.to_string(), "咨询 (enquiry)");
        assert_eq!(Rating::BasicallySatisfied.to_string(), "基本满意 (basically satisfied)");
        assert_eq!(RequestState::InProgress.to_string(), "办理中 (in progress)");
    }

    #[test]
    fn appended_sentences_run_on_in_chinese_and_are_spaced_in_english() {
        let mut text = Bilingual::new("甲。", "One.");
        text.append(Bilingual::new("乙。", "Two."));
        assert_eq!(text, Bilingual::new("甲。乙。", "One. Two."));
    }

    #[test]
    fn capitalise_upper_cases_only_the_first_letter() {
        assert_eq!(capitalise("holidays not counted: x"), "Holidays not counted: x");
        assert_eq!(capitalise(""), "");
    }

    #[test]
    fn displayed_items_join_with_commas() {
        assert_eq!(
            join_displayed(&[Rating::Satisfied, Rating::Dissatisfied], ", "),
            "满意 (satisfied), 不满意 (dissatisfied)"
        );
        assert_eq!(join_displayed::<Rating>(&[], "; "), "");
    }
}
