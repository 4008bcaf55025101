//! Publishing a run (公示): what the page sends to `POST /evaluations`, checked first by
//! core (the 公示 period's messages name `notice.start` / `notice.end`), and why a run
//! cannot be published as it stands.
//!
//! The server evaluates its own stored figures under a stored profile, so a run is only
//! published with a profile exactly as stored: an edited profile is a what-if until a city
//! admin stores it. Publishing is not queued offline: the server evaluates the figures as
//! they stand when the request arrives, so a queued run could publish classes, cut-offs and
//! a 公示 start that the official never saw.

use chrono::NaiveDate;
use parkatlas_core::text::quoted;
use parkatlas_core::wire::{NewEvaluation, NoticePeriod, Role};

/// Why the run on screen cannot be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    /// The profile was edited: only a stored profile can be published.
    ProfileEdited,
    /// A run over all of an officer's parks: officers publish one park at a time.
    CityNeedsAdmin,
}

/// Whether a run can be published: `park_id` `None` is the city (or all of an officer's parks).
pub fn blocked(profile_unchanged: bool, park_id: Option<i64>, role: Option<Role>) -> Option<Blocked> {
    if !profile_unchanged {
        return Some(Blocked::ProfileEdited);
    }
    if park_id.is_none() && role != Some(Role::Admin) {
        return Some(Blocked::CityNeedsAdmin);
    }
    None
}

/// The request to publish, or every problem as `(field, message)`.
pub fn request(
    profile_id: i64,
    year: i32,
    evaluation_date: NaiveDate,
    park_id: Option<i64>,
    (start, end): (&str, &str),
) -> Result<NewEvaluation, Vec<(String, String)>> {
    let date = |field: &str, text: &str| {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| (field.to_string(), format!("{}: give a date such as 2026-04-01", quoted(text))))
    };
    let (start, end) = match (date("notice.start", start), date("notice.end", end)) {
        (Ok(start), Ok(end)) => (start, end),
        (start, end) => return Err([start.err(), end.err()].into_iter().flatten().collect()),
    };
    let request =
        NewEvaluation { profile_id, year, evaluation_date, park_id, notice: Some(NoticePeriod { start, end }) };
    match request.problem() {
        Some(problem) => Err(vec![problem]),
        None => Ok(request),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 4, d).unwrap()
    }

    #[test]
    fn only_a_stored_profile_and_a_park_or_an_admins_city_run_publish() {
        assert_eq!(blocked(false, Some(1), Some(Role::Officer)), Some(Blocked::ProfileEdited));
        assert_eq!(blocked(true, None, Some(Role::Officer)), Some(Blocked::CityNeedsAdmin));
        assert_eq!(blocked(true, None, Some(Role::Admin)), None);
        assert_eq!(blocked(true, Some(1), Some(Role::Officer)), None);
    }

    #[test]
    fn a_period_that_ends_before_it_starts_is_named_at_notice_end() {
        let problems = request(3, 2025, day(1), Some(1), ("2026-04-10", "2026-04-05")).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "notice.end");
        let problems = request(3, 2025, day(2), Some(1), ("2026-04-01", "2026-04-05")).unwrap_err();
        assert_eq!(problems[0].0, "notice.start", "公示 cannot start before the evaluation date");
        let problems = request(3, 2025, day(1), Some(1), ("2026-04-01", "2026-05-15")).unwrap_err();
        assert!(problems[0].1.contains("30"), "{}", problems[0].1);
    }

    #[test]
    fn unreadable_dates_are_named_both_at_once() {
        let problems = request(3, 2025, day(1), Some(1), ("", "4月8日")).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(fields, ["notice.start", "notice.end"]);
    }

    #[test]
    fn a_good_period_makes_the_request() {
        let request = request(3, 2025, day(1), Some(1), ("2026-04-01", "2026-04-08")).unwrap();
        assert_eq!(request.notice, Some(NoticePeriod { start: day(1), end: day(8) }));
        assert_eq!((request.profile_id, request.year, request.park_id), (3, 2025, Some(1)));
    }
}
