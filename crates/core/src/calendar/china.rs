//! China's clock and the shipped §6 rules: the one time zone every instant is shown in,
//! and the service rules and working-day calendar that the server's answers and the SPA's
//! offline views compute every deadline with.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

use super::{ServiceRules, WorkingCalendar};

/// China keeps one time zone, UTC+08:00 (北京时间), without daylight saving.
pub const CHINA_UTC_OFFSET_SECONDS: i32 = 8 * 3600;

/// UTC+08:00.
pub fn china_offset() -> FixedOffset {
    FixedOffset::east_opt(CHINA_UTC_OFFSET_SECONDS).expect("+08:00 is a valid offset")
}

/// An instant in any zone as China local time. The caller reads the clock (core never
/// does): `china_time(Utc::now())`.
pub fn china_time<Tz: TimeZone>(instant: DateTime<Tz>) -> NaiveDateTime {
    instant.with_timezone(&china_offset()).naive_local()
}

/// The calendar date in China at `instant`.
pub fn china_date<Tz: TimeZone>(instant: DateTime<Tz>) -> NaiveDate {
    china_time(instant).date()
}

static SHIPPED_RULES: LazyLock<ServiceRules> = LazyLock::new(ServiceRules::china_default);
static SHIPPED_CALENDAR: LazyLock<WorkingCalendar> = LazyLock::new(WorkingCalendar::china);

/// The shipped §6 rules ([`ServiceRules::china_default`]), built once.
pub fn service_rules() -> &'static ServiceRules {
    &SHIPPED_RULES
}

/// The shipped working-day calendar ([`WorkingCalendar::china`]), built once.
pub fn working_calendar() -> &'static WorkingCalendar {
    &SHIPPED_CALENDAR
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_instants_are_shown_in_china_time() {
        let instant = DateTime::parse_from_rfc3339("2026-03-01T17:30:00.250Z").unwrap();
        assert_eq!(china_time(instant).to_string(), "2026-03-02 01:30:00.250");
        assert_eq!(china_date(instant).to_string(), "2026-03-02");
    }

    #[test]
    fn the_shipped_singletons_are_the_shipped_defaults() {
        assert_eq!(service_rules(), &ServiceRules::china_default());
        assert!(working_calendar().is_working_day(NaiveDate::from_ymd_opt(2026, 9, 28).unwrap()));
    }
}
