//! Public holidays (休) and adjusted working weekends (调休上班) per year, as editable data,
//! and the checks that list every mistake in an edited calendar.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::join_displayed;
use super::working::DayKind;

/// The State Council schedules shipped with parkatlas (2025 and 2026).
const CHINA_JSON: &str = include_str!("../../data/holidays-cn.json");

/// A jurisdiction's holiday calendar: one entry per year, as the annual notices publish it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HolidayCalendar {
    pub name_zh: String,
    pub name_en: String,
    pub years: Vec<HolidayYear>,
}

/// One year's notice (部分节假日安排).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HolidayYear {
    pub year: i32,
    /// True when the dates were copied from the published notice. False marks a draft or a
    /// forecast entered before the notice appears (usually in November of the year before);
    /// results that rely on it say so.
    pub official: bool,
    /// The notice's title and date.
    pub source: String,
    pub holidays: Vec<Holiday>,
    pub working_days: Vec<AdjustedWorkingDay>,
}

/// A run of days off (放假调休), `first` to `last` inclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Holiday {
    pub name_zh: String,
    pub name_en: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// A Saturday or Sunday worked in exchange for a holiday (调休上班).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdjustedWorkingDay {
    pub date: NaiveDate,
    /// The holiday it makes up for, as `name_zh` in the same year's `holidays`.
    pub holiday_zh: String,
}

/// One mistake in a holiday calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum CalendarProblem {
    #[error("year {year} has {count} entries; merge them into one")]
    DuplicateYear { year: i32, count: usize },
    #[error("year {year} is marked official but names no source; add the notice's title and date")]
    MissingSource { year: i32 },
    #[error("{year} {holiday}: the last day {last} is before the first day {first}; swap the dates")]
    ReversedRange { year: i32, holiday: String, first: NaiveDate, last: NaiveDate },
    #[error(
        "{date} ({listed}) is filed under year {year}, but a year's entry may only list dates from December of \
         the year before to January of the year after; move it to the entry for its own year"
    )]
    DateOutsideYear { year: i32, date: NaiveDate, listed: String },
    #[error("{date} is listed {} times ({}); keep one", .entries.len(), .entries.join("; "))]
    DuplicateDate { date: NaiveDate, entries: Vec<String> },
    #[error(
        "{date} is both a holiday ({holiday}) and an adjusted working day (for {working_for}); \
         keep only what the notice says"
    )]
    HolidayAndWorkingDay { date: NaiveDate, holiday: String, working_for: String },
    #[error(
        "{date} is a Monday to Friday, already a working day; an adjusted working day (调休上班) is a \
         Saturday or Sunday, so check the date"
    )]
    WorkingDayOnWeekday { date: NaiveDate },
    #[error(
        "the adjusted working day {date} makes up for \"{holiday}\", which year {year} does not list; \
         use one of that year's holiday names"
    )]
    UnknownHoliday { year: i32, date: NaiveDate, holiday: String },
}

/// Every problem found in a calendar, so an editor can fix them all in one pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("the holiday calendar has {} problem(s): {}", .0.len(), join_displayed(.0, "; "))]
pub struct CalendarErrors(pub Vec<CalendarProblem>);

/// A date as one year's entry lists it.
pub(super) struct ListedDay {
    pub year: i32,
    pub date: NaiveDate,
    pub kind: DayKind,
}

impl ListedDay {
    fn describe(&self) -> String {
        match &self.kind {
            DayKind::Holiday { name_zh, .. } => format!("{} holiday {name_zh}", self.year),
            DayKind::AdjustedWorkday { for_zh, .. } => format!("{} adjusted working day for {for_zh}", self.year),
            DayKind::Workday | DayKind::Weekend => format!("{} {}", self.year, self.date),
        }
    }
}

impl HolidayCalendar {
    /// The PRC State Council schedules for 2025 and 2026, embedded from `data/holidays-cn.json`.
    pub fn china() -> HolidayCalendar {
        serde_json::from_str(CHINA_JSON).expect("data/holidays-cn.json parses; a test checks it")
    }

    /// Every mistake in the calendar, empty when it is sound.
    pub fn problems(&self) -> Vec<CalendarProblem> {
        let mut problems = Vec::new();
        let mut entries_per_year: BTreeMap<i32, usize> = BTreeMap::new();
        for entry in &self.years {
            *entries_per_year.entry(entry.year).or_default() += 1;
        }
        for (&year, &count) in entries_per_year.iter().filter(|(_, &count)| count > 1) {
            problems.push(CalendarProblem::DuplicateYear { year, count });
        }
        for entry in &self.years {
            problems.extend(entry.problems());
        }
        let mut by_date: BTreeMap<NaiveDate, Vec<ListedDay>> = BTreeMap::new();
        for day in self.listed_days() {
            by_date.entry(day.date).or_default().push(day);
        }
        for (date, days) in by_date.into_iter().filter(|(_, days)| days.len() > 1) {
            let (holidays, working): (Vec<_>, Vec<_>) =
                days.iter().partition(|day| matches!(day.kind, DayKind::Holiday { .. }));
            if let (Some(holiday), Some(worked)) = (holidays.first(), working.first()) {
                problems.push(CalendarProblem::HolidayAndWorkingDay {
                    date,
                    holiday: holiday.kind.listed_name().to_string(),
                    working_for: worked.kind.listed_name().to_string(),
                });
            }
            for same_kind in [holidays, working].into_iter().filter(|same_kind| same_kind.len() > 1) {
                let entries = same_kind.iter().map(|day| day.describe()).collect();
                problems.push(CalendarProblem::DuplicateDate { date, entries });
            }
        }
        problems
    }

    /// Every date the calendar lists. Ranges that are reversed or leave their year's window
    /// are left out: [`HolidayCalendar::problems`] reports them, and expanding a mistyped
    /// range such as 2026 to 2206 would enumerate tens of thousands of days.
    pub(super) fn listed_days(&self) -> Vec<ListedDay> {
        let mut days = Vec::new();
        for entry in &self.years {
            for holiday in entry.holidays.iter().filter(|h| entry.holds_range(h)) {
                days.extend(holiday.first.iter_days().take_while(|date| *date <= holiday.last).map(|date| ListedDay {
                    year: entry.year,
                    date,
                    kind: DayKind::Holiday { name_zh: holiday.name_zh.clone(), name_en: holiday.name_en.clone() },
                }));
            }
            for worked in entry.working_days.iter().filter(|w| in_window(entry.year, w.date)) {
                days.push(ListedDay {
                    year: entry.year,
                    date: worked.date,
                    kind: DayKind::AdjustedWorkday {
                        for_zh: worked.holiday_zh.clone(),
                        for_en: entry.holiday_name_en(&worked.holiday_zh).to_string(),
                    },
                });
            }
        }
        days
    }
}

impl HolidayYear {
    fn problems(&self) -> Vec<CalendarProblem> {
        let mut problems = Vec::new();
        let year = self.year;
        if self.official && self.source.trim().is_empty() {
            problems.push(CalendarProblem::MissingSource { year });
        }
        for holiday in &self.holidays {
            let (first, last) = (holiday.first, holiday.last);
            if first > last {
                problems.push(CalendarProblem::ReversedRange { year, holiday: holiday.name_zh.clone(), first, last });
            }
            let ends: BTreeSet<NaiveDate> = [first, last].into();
            for date in ends.into_iter().filter(|date| !in_window(year, *date)) {
                problems.push(CalendarProblem::DateOutsideYear { year, date, listed: holiday.name_zh.clone() });
            }
        }
        for worked in &self.working_days {
            let date = worked.date;
            if !in_window(year, date) {
                let listed = format!("adjusted working day for {}", worked.holiday_zh);
                problems.push(CalendarProblem::DateOutsideYear { year, date, listed });
            }
            if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                problems.push(CalendarProblem::WorkingDayOnWeekday { date });
            }
            if !self.holidays.iter().any(|holiday| holiday.name_zh == worked.holiday_zh) {
                problems.push(CalendarProblem::UnknownHoliday { year, date, holiday: worked.holiday_zh.clone() });
            }
        }
        problems
    }

    fn holds_range(&self, holiday: &Holiday) -> bool {
        holiday.first <= holiday.last && in_window(self.year, holiday.first) && in_window(self.year, holiday.last)
    }

    /// The English name of a holiday of this year, or the Chinese name when none is listed
    /// (an unknown name is reported by `problems`).
    fn holiday_name_en<'a>(&'a self, name_zh: &'a str) -> &'a str {
        self.holidays.iter().find(|holiday| holiday.name_zh == name_zh).map_or(name_zh, |h| h.name_en.as_str())
    }
}

/// Whether a year's entry may list `date`: its own year, plus the December before and the
/// January after, because a notice sometimes reaches across New Year (the 2019 notice gave
/// 2018-12-30 to 2019-01-01 off and had 2018-12-29 worked).
fn in_window(year: i32, date: NaiveDate) -> bool {
    match i64::from(date.year()) - i64::from(year) {
        0 => true,
        -1 => date.month() == 12,
        1 => date.month() == 1,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn holiday(name: &str, first: &str, last: &str) -> Holiday {
        Holiday { name_zh: name.into(), name_en: format!("{name} (en)"), first: date(first), last: date(last) }
    }

    fn worked(day: &str, holiday: &str) -> AdjustedWorkingDay {
        AdjustedWorkingDay { date: date(day), holiday_zh: holiday.into() }
    }

    fn year(year: i32, holidays: Vec<Holiday>, working_days: Vec<AdjustedWorkingDay>) -> HolidayYear {
        HolidayYear { year, official: true, source: "test notice".into(), holidays, working_days }
    }

    fn calendar(years: Vec<HolidayYear>) -> HolidayCalendar {
        HolidayCalendar { name_zh: "测试".into(), name_en: "test".into(), years }
    }

    fn count_listed(calendar: &HolidayCalendar, year: i32, holidays: bool) -> usize {
        let is_holiday = |kind: &DayKind| matches!(kind, DayKind::Holiday { .. });
        calendar.listed_days().iter().filter(|d| d.year == year && is_holiday(&d.kind) == holidays).count()
    }

    #[test]
    fn the_shipped_china_calendar_has_no_problems() {
        assert_eq!(HolidayCalendar::china().problems(), vec![]);
    }

    #[test]
    fn the_shipped_years_are_2025_and_2026_both_official() {
        let years: Vec<_> = HolidayCalendar::china().years.iter().map(|y| (y.year, y.official)).collect();
        assert_eq!(years, vec![(2025, true), (2026, true)]);
    }

    #[test]
    fn china_2025_has_28_days_off_and_5_adjusted_working_days() {
        let china = HolidayCalendar::china();
        assert_eq!(count_listed(&china, 2025, true), 1 + 8 + 3 + 5 + 3 + 8);
        assert_eq!(count_listed(&china, 2025, false), 5);
    }

    #[test]
    fn china_2026_has_33_days_off_and_6_adjusted_working_days() {
        let china = HolidayCalendar::china();
        assert_eq!(count_listed(&china, 2026, true), 3 + 9 + 3 + 5 + 3 + 3 + 7);
        assert_eq!(count_listed(&china, 2026, false), 6);
    }

    #[test]
    fn adjusted_working_days_carry_the_english_holiday_name() {
        let china = HolidayCalendar::china();
        let day = china.listed_days().into_iter().find(|d| d.date == date("2026-02-14")).unwrap();
        assert_eq!(day.kind, DayKind::AdjustedWorkday { for_zh: "春节".into(), for_en: "Spring Festival".into() });
    }

    #[test]
    fn a_date_both_off_and_worked_is_reported() {
        let cal = calendar(vec![year(
            2026,
            vec![holiday("春节", "2026-02-14", "2026-02-16")],
            vec![worked("2026-02-14", "春节")],
        )]);
        assert_eq!(
            cal.problems(),
            vec![CalendarProblem::HolidayAndWorkingDay {
                date: date("2026-02-14"),
                holiday: "春节".into(),
                working_for: "春节".into()
            }]
        );
    }

    #[test]
    fn overlapping_holidays_and_a_repeated_working_day_are_duplicates() {
        let cal = calendar(vec![year(
            2026,
            vec![holiday("春节", "2026-02-15", "2026-02-16"), holiday("元宵", "2026-02-16", "2026-02-16")],
            vec![worked("2026-02-28", "春节"), worked("2026-02-28", "春节")],
        )]);
        assert_eq!(
            cal.problems(),
            vec![
                CalendarProblem::DuplicateDate {
                    date: date("2026-02-16"),
                    entries: vec!["2026 holiday 春节".into(), "2026 holiday 元宵".into()]
                },
                CalendarProblem::DuplicateDate {
                    date: date("2026-02-28"),
                    entries: vec!["2026 adjusted working day for 春节".into(); 2]
                },
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_not_only_the_first() {
        let mut draft =
            year(2027, vec![holiday("春节", "2027-02-10", "2027-02-05")], vec![worked("2027-02-03", "国庆节")]);
        draft.source = " ".into();
        let cal = calendar(vec![draft, year(2027, vec![], vec![])]);
        assert_eq!(
            cal.problems(),
            vec![
                CalendarProblem::DuplicateYear { year: 2027, count: 2 },
                CalendarProblem::MissingSource { year: 2027 },
                CalendarProblem::ReversedRange {
                    year: 2027,
                    holiday: "春节".into(),
                    first: date("2027-02-10"),
                    last: date("2027-02-05")
                },
                CalendarProblem::WorkingDayOnWeekday { date: date("2027-02-03") },
                CalendarProblem::UnknownHoliday { year: 2027, date: date("2027-02-03"), holiday: "国庆节".into() },
            ]
        );
    }

    #[test]
    fn an_unofficial_year_needs_no_source() {
        let mut draft = year(2027, vec![], vec![]);
        draft.official = false;
        draft.source = String::new();
        assert_eq!(calendar(vec![draft]).problems(), vec![]);
    }

    #[test]
    fn a_notice_may_reach_into_the_december_before_but_not_november() {
        let ok = calendar(vec![year(
            2019,
            vec![holiday("元旦", "2018-12-30", "2019-01-01")],
            vec![worked("2018-12-29", "元旦")],
        )]);
        assert_eq!(ok.problems(), vec![]);
        let late = calendar(vec![year(2019, vec![holiday("元旦", "2018-11-30", "2019-01-01")], vec![])]);
        assert_eq!(
            late.problems(),
            vec![CalendarProblem::DateOutsideYear { year: 2019, date: date("2018-11-30"), listed: "元旦".into() }]
        );
    }

    #[test]
    fn a_notice_may_reach_into_the_january_after_but_not_february() {
        let ok = calendar(vec![year(2026, vec![holiday("元旦", "2026-12-31", "2027-01-31")], vec![])]);
        assert_eq!(ok.problems(), vec![]);
        let late = calendar(vec![year(2026, vec![], vec![worked("2027-02-06", "元旦"), worked("2026-01-04", "元旦")])]);
        let problems = late.problems();
        assert_eq!(
            problems[0],
            CalendarProblem::DateOutsideYear {
                year: 2026,
                date: date("2027-02-06"),
                listed: "adjusted working day for 元旦".into()
            }
        );
        assert_eq!(problems.len(), 3, "the unknown holiday name is reported for both days: {problems:?}");
    }

    #[test]
    fn a_range_outside_its_year_is_not_expanded() {
        let cal = calendar(vec![year(2026, vec![holiday("错", "2026-01-01", "2206-01-01")], vec![])]);
        assert_eq!(cal.listed_days().len(), 0);
    }

    #[test]
    fn problems_name_the_fix() {
        let problem = CalendarProblem::WorkingDayOnWeekday { date: date("2027-02-03") };
        assert!(problem.to_string().contains("check the date"), "{problem}");
        let errors = CalendarErrors(vec![CalendarProblem::MissingSource { year: 2027 }, problem]);
        assert!(errors.to_string().starts_with("the holiday calendar has 2 problem(s): year 2027"), "{errors}");
    }

    #[test]
    fn the_calendar_round_trips_through_json() {
        let china = HolidayCalendar::china();
        let json = serde_json::to_string(&china).unwrap();
        assert_eq!(serde_json::from_str::<HolidayCalendar>(&json).unwrap(), china);
    }

    #[test]
    fn problems_round_trip_through_json() {
        let problems = vec![
            CalendarProblem::DuplicateDate { date: date("2026-02-16"), entries: vec!["a".into(), "b".into()] },
            CalendarProblem::HolidayAndWorkingDay {
                date: date("2026-02-14"),
                holiday: "春节".into(),
                working_for: "春节".into(),
            },
        ];
        let json = serde_json::to_string(&CalendarErrors(problems.clone())).unwrap();
        assert!(json.contains(r#""problem":"duplicate_date""#), "{json}");
        assert_eq!(serde_json::from_str::<CalendarErrors>(&json).unwrap(), CalendarErrors(problems));
    }
}
