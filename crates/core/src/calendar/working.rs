//! The validated working-day calendar: which days are worked, how many working days lie
//! between two dates, and which years had to fall back to plain Monday–Friday.

use std::collections::btree_map::Range;
use std::collections::BTreeMap;
use std::ops::Bound::{Excluded, Included};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::holidays::{CalendarErrors, HolidayCalendar};
use super::{wording, Bilingual};

/// What kind of day a date is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayKind {
    /// Monday to Friday, not listed by the calendar.
    Workday,
    /// Saturday or Sunday, not listed by the calendar.
    Weekend,
    /// A public holiday (休), whatever the weekday.
    Holiday { name_zh: String, name_en: String },
    /// A Saturday or Sunday worked in exchange for a holiday (调休上班).
    AdjustedWorkday { for_zh: String, for_en: String },
}

/// Where the answer for a year comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YearStatus {
    /// The year's official notice is in the calendar.
    Official,
    /// The calendar has a draft or forecast for the year.
    Unofficial,
    /// The calendar has nothing for the year: Monday to Friday are taken as working days.
    Fallback,
}

/// One date, classified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub working: bool,
    pub year_status: YearStatus,
}

/// The years a result relied on that the calendar does not vouch for. Both lists empty means
/// every day counted came from an official notice.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Coverage {
    /// Years with no schedule, counted as plain Monday–Friday: holidays there are missed.
    pub fallback_years: Vec<i32>,
    /// Years whose schedule is a draft or forecast.
    pub unofficial_years: Vec<i32>,
}

/// The number of working days after `from` up to and including `to`; negative when `to` is
/// before `from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingDayCount {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub working_days: i64,
    pub coverage: Coverage,
    pub warnings: Vec<Bilingual>,
    pub explanation: Bilingual,
}

/// A [`HolidayCalendar`] checked and indexed for lookups. Its JSON form is the holiday
/// calendar itself; reading JSON validates it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "HolidayCalendar", into = "HolidayCalendar")]
pub struct WorkingCalendar {
    source: HolidayCalendar,
    /// Every listed date; only holidays and adjusted working days appear.
    listed: BTreeMap<NaiveDate, DayKind>,
    official_by_year: BTreeMap<i32, bool>,
}

impl DayKind {
    pub fn is_working(&self) -> bool {
        matches!(self, DayKind::Workday | DayKind::AdjustedWorkday { .. })
    }

    /// The holiday name a listed day carries (the holiday itself, or the one a worked day makes up for).
    pub(super) fn listed_name(&self) -> &str {
        match self {
            DayKind::Holiday { name_zh, .. } | DayKind::AdjustedWorkday { for_zh: name_zh, .. } => name_zh,
            DayKind::Workday | DayKind::Weekend => "",
        }
    }
}

impl Coverage {
    /// True when some counted day came from a year the calendar does not cover.
    pub fn is_fallback(&self) -> bool {
        !self.fallback_years.is_empty()
    }
}

impl TryFrom<HolidayCalendar> for WorkingCalendar {
    type Error = CalendarErrors;

    fn try_from(source: HolidayCalendar) -> Result<WorkingCalendar, CalendarErrors> {
        WorkingCalendar::new(source)
    }
}

impl From<WorkingCalendar> for HolidayCalendar {
    fn from(calendar: WorkingCalendar) -> HolidayCalendar {
        calendar.source
    }
}

impl WorkingCalendar {
    /// Checks the calendar and indexes it, or returns every problem found.
    pub fn new(source: HolidayCalendar) -> Result<WorkingCalendar, CalendarErrors> {
        let problems = source.problems();
        if !problems.is_empty() {
            return Err(CalendarErrors(problems));
        }
        let listed = source.listed_days().into_iter().map(|day| (day.date, day.kind)).collect();
        let official_by_year = source.years.iter().map(|year| (year.year, year.official)).collect();
        Ok(WorkingCalendar { source, listed, official_by_year })
    }

    /// The State Council schedules shipped with parkatlas ([`HolidayCalendar::china`]).
    pub fn china() -> WorkingCalendar {
        WorkingCalendar::new(HolidayCalendar::china()).expect("the shipped calendar is valid; a test checks it")
    }

    pub fn source(&self) -> &HolidayCalendar {
        &self.source
    }

    pub fn year_status(&self, year: i32) -> YearStatus {
        match self.official_by_year.get(&year) {
            Some(true) => YearStatus::Official,
            Some(false) => YearStatus::Unofficial,
            None => YearStatus::Fallback,
        }
    }

    pub fn day(&self, date: NaiveDate) -> Day {
        let kind = self.listed.get(&date).cloned().unwrap_or(if is_weekend(date) {
            DayKind::Weekend
        } else {
            DayKind::Workday
        });
        Day { date, working: kind.is_working(), kind, year_status: self.year_status(date.year()) }
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.listed.get(&date) {
            Some(kind) => kind.is_working(),
            None => !is_weekend(date),
        }
    }

    /// The `n`th working day after `date` (`date` itself never counts; `n = 0` gives `date`),
    /// or `None` past the last date chrono can represent.
    pub fn nth_working_day_after(&self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut day = date;
        for _ in 0..n {
            day = day.iter_days().skip(1).find(|next| self.is_working_day(*next))?;
        }
        Some(day)
    }

    /// The years of the days after `after` up to and including `through` that the calendar
    /// does not vouch for; empty when `through` is not after `after`.
    pub fn coverage(&self, after: NaiveDate, through: NaiveDate) -> Coverage {
        let mut coverage = Coverage::default();
        let Some(first) = after.succ_opt().filter(|first| *first <= through) else {
            return coverage;
        };
        for year in first.year()..=through.year() {
            match self.year_status(year) {
                YearStatus::Official => {}
                YearStatus::Unofficial => coverage.unofficial_years.push(year),
                YearStatus::Fallback => coverage.fallback_years.push(year),
            }
        }
        coverage
    }

    /// Working days after `from` up to and including `to` — the deadline convention, so that
    /// a request due on the Nth working day after submission has exactly N between the two
    /// dates. Negative when `to` is before `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> WorkingDayCount {
        let (after, through, sign) = if from <= to { (from, to, 1) } else { (to, from, -1) };
        let working_days = sign * self.count_after(after, through);
        let coverage = self.coverage(after, through);
        let mut explanation = wording::count_explanation(from, to, working_days);
        if let Some(notes) = wording::span_notes(self, after, through) {
            explanation.append(notes);
        }
        WorkingDayCount { from, to, working_days, warnings: coverage.warnings(), coverage, explanation }
    }

    /// The holidays and adjusted working days after `after` up to and including `through`.
    pub(super) fn listed_between(&self, after: NaiveDate, through: NaiveDate) -> Range<'_, NaiveDate, DayKind> {
        self.listed.range((Excluded(after), Included(through)))
    }

    /// Counts working days in (after, through] in constant time per listed date rather than
    /// per day, so that a mistyped year 9999 cannot stall the server.
    fn count_after(&self, after: NaiveDate, through: NaiveDate) -> i64 {
        let days = (through - after).num_days();
        let start = i64::from(after.weekday().num_days_from_monday());
        let weekdays_in_rest = (1..=days % 7).filter(|k| (start + k) % 7 < 5).count() as i64;
        let mut count = days / 7 * 5 + weekdays_in_rest;
        for (date, kind) in self.listed_between(after, through) {
            match (kind.is_working(), is_weekend(*date)) {
                (false, false) => count -= 1,
                (true, true) => count += 1,
                _ => {}
            }
        }
        count
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::holidays::HolidayYear;
    use proptest::prelude::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn china() -> WorkingCalendar {
        WorkingCalendar::china()
    }

    #[test]
    fn the_adjusted_saturday_before_spring_festival_2026_is_worked() {
        let day = china().day(date("2026-02-14"));
        assert_eq!(day.kind, DayKind::AdjustedWorkday { for_zh: "春节".into(), for_en: "Spring Festival".into() });
        assert!(day.working);
        assert_eq!(day.year_status, YearStatus::Official);
    }

    #[test]
    fn spring_festival_2026_is_off_from_the_15th_to_the_23rd_only() {
        let cal = china();
        assert!(cal.is_working_day(date("2026-02-13")), "Friday before");
        assert!(!cal.is_working_day(date("2026-02-15")), "first day off");
        assert!(!cal.is_working_day(date("2026-02-16")), "a Monday off");
        assert!(!cal.is_working_day(date("2026-02-23")), "last day off, a Monday");
        assert!(cal.is_working_day(date("2026-02-24")), "Tuesday after");
        assert!(cal.is_working_day(date("2026-02-28")), "adjusted Saturday");
        assert!(!cal.is_working_day(date("2026-03-01")), "an ordinary Sunday");
    }

    #[test]
    fn national_day_2025_is_off_from_the_1st_to_the_8th_with_two_weekends_worked() {
        let cal = china();
        assert!(cal.is_working_day(date("2025-09-28")), "adjusted Sunday");
        assert!(!cal.is_working_day(date("2025-10-01")));
        assert!(!cal.is_working_day(date("2025-10-08")), "a Wednesday off");
        assert!(cal.is_working_day(date("2025-10-09")));
        assert!(cal.is_working_day(date("2025-10-11")), "adjusted Saturday");
        assert!(!cal.is_working_day(date("2025-10-12")));
    }

    #[test]
    fn a_year_the_calendar_lacks_falls_back_to_monday_to_friday_and_says_so() {
        let day = china().day(date("2027-01-01"));
        assert_eq!(day.kind, DayKind::Workday, "New Year's Day 2027 is a Friday, unknown to the calendar");
        assert!(day.working);
        assert_eq!(day.year_status, YearStatus::Fallback);
    }

    #[test]
    fn working_days_across_spring_festival_2026_count_both_adjusted_saturdays() {
        let count = china().working_days_between(date("2026-02-13"), date("2026-02-28"));
        assert_eq!(count.working_days, 6, "14th, 24th–27th, 28th");
        assert_eq!(count.coverage, Coverage::default());
        assert_eq!(
            count.explanation.zh,
            "2026-02-13（不含）至2026-02-28（含）之间有6个工作日。放假不计：春节（2026-02-15至2026-02-23）；\
             调休上班计为工作日：2026-02-14（春节调休上班）、2026-02-28（春节调休上班）。"
        );
        assert_eq!(
            count.explanation.en,
            "There are 6 working days after 2026-02-13 up to and including 2026-02-28. Holidays not counted: \
             Spring Festival (2026-02-15 to 2026-02-23); adjusted working days counted: 2026-02-14 (worked for \
             Spring Festival), 2026-02-28 (worked for Spring Festival)."
        );
    }

    #[test]
    fn working_days_backwards_are_negative() {
        let count = china().working_days_between(date("2026-02-28"), date("2026-02-13"));
        assert_eq!(count.working_days, -6);
        assert!(count.explanation.en.starts_with("2026-02-13 is before 2026-02-28"), "{}", count.explanation.en);
    }

    #[test]
    fn no_working_days_between_a_date_and_itself() {
        let count = china().working_days_between(date("2026-02-16"), date("2026-02-16"));
        assert_eq!(count.working_days, 0);
        assert_eq!(count.coverage, Coverage::default());
    }

    #[test]
    fn the_day_after_the_last_covered_year_is_flagged_and_the_last_day_is_not() {
        let cal = china();
        assert_eq!(cal.coverage(date("2026-12-30"), date("2026-12-31")), Coverage::default());
        let across = cal.coverage(date("2026-12-31"), date("2027-01-01"));
        assert_eq!(across.fallback_years, vec![2027]);
        assert!(across.is_fallback());
        assert!(across.warnings()[0].en.starts_with("The calendar has no holiday schedule for 2027"));
    }

    #[test]
    fn the_day_before_the_first_covered_year_is_flagged_and_the_first_day_is_not() {
        let cal = china();
        assert_eq!(cal.coverage(date("2024-12-31"), date("2025-01-03")), Coverage::default());
        assert_eq!(cal.coverage(date("2024-12-30"), date("2024-12-31")).fallback_years, vec![2024]);
    }

    #[test]
    fn an_unofficial_year_is_reported_but_is_not_a_fallback() {
        let mut source = HolidayCalendar::china();
        source.years.push(HolidayYear {
            year: 2027,
            official: false,
            source: String::new(),
            holidays: vec![],
            working_days: vec![],
        });
        let coverage = WorkingCalendar::new(source).unwrap().coverage(date("2026-12-31"), date("2027-01-04"));
        assert_eq!(coverage, Coverage { fallback_years: vec![], unofficial_years: vec![2027] });
        assert!(!coverage.is_fallback());
        assert_eq!(coverage.warnings().len(), 1);
    }

    #[test]
    fn an_invalid_calendar_is_refused_with_every_problem() {
        let mut source = HolidayCalendar::china();
        source.years[0].official = true;
        source.years[0].source = String::new();
        source.years[1].source = String::new();
        let errors = WorkingCalendar::new(source).unwrap_err();
        assert_eq!(errors.0.len(), 2);
    }

    #[test]
    fn nth_working_day_after_skips_spring_festival() {
        let cal = china();
        assert_eq!(cal.nth_working_day_after(date("2026-02-13"), 0), Some(date("2026-02-13")));
        assert_eq!(cal.nth_working_day_after(date("2026-02-13"), 1), Some(date("2026-02-14")));
        assert_eq!(cal.nth_working_day_after(date("2026-02-13"), 2), Some(date("2026-02-24")));
        assert_eq!(cal.nth_working_day_after(NaiveDate::MAX, 1), None);
    }

    #[test]
    fn the_working_calendar_reads_and_writes_the_holiday_calendar_json() {
        let json = serde_json::to_string(&china()).unwrap();
        assert_eq!(serde_json::from_str::<HolidayCalendar>(&json).unwrap(), HolidayCalendar::china());
        assert_eq!(serde_json::from_str::<WorkingCalendar>(&json).unwrap(), china());
    }

    #[test]
    fn reading_an_invalid_calendar_from_json_fails_with_the_problems() {
        let mut source = HolidayCalendar::china();
        source.years.push(source.years[0].clone());
        let json = serde_json::to_string(&source).unwrap();
        let error = serde_json::from_str::<WorkingCalendar>(&json).unwrap_err();
        assert!(error.to_string().contains("year 2025 has 2 entries"), "{error}");
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..2200).prop_map(|offset| date("2024-01-01") + chrono::Days::new(offset as u64))
    }

    proptest! {
        #[test]
        fn counting_agrees_with_walking_day_by_day(from in any_date(), span in 0u64..800) {
            let cal = china();
            let to = from + chrono::Days::new(span);
            let walked = from.iter_days().skip(1).take_while(|d| *d <= to).filter(|d| cal.is_working_day(*d)).count();
            prop_assert_eq!(cal.working_days_between(from, to).working_days, walked as i64);
        }

        #[test]
        fn the_nth_working_day_after_a_date_is_n_working_days_away(from in any_date(), n in 0u32..40) {
            let cal = china();
            let nth = cal.nth_working_day_after(from, n).unwrap();
            prop_assert_eq!(cal.working_days_between(from, nth).working_days, i64::from(n));
            prop_assert!(n == 0 || cal.is_working_day(nth));
        }

        #[test]
        fn days_and_counts_round_trip_through_json(from in any_date(), span in 0u64..60) {
            let cal = china();
            let count = cal.working_days_between(from, from + chrono::Days::new(span));
            let json = serde_json::to_string(&count).unwrap();
            prop_assert_eq!(serde_json::from_str::<WorkingDayCount>(&json).unwrap(), count);
            let day = cal.day(from);
            prop_assert_eq!(serde_json::from_str::<Day>(&serde_json::to_string(&day).unwrap()).unwrap(), day);
        }
    }
}
