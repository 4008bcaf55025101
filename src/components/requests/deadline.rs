//! Where a request's deadline stands now, in words: the working-day countdown the request
//! pages show, computed in the browser by core's calendar (so it keeps counting offline).

use chrono::{DateTime, NaiveDateTime};
use parkatlas_core::calendar::DeadlineKind;
use parkatlas_core::calendar::{china_time, service_rules, working_calendar};
use parkatlas_core::wire::{RequestDue, RequestRecord};

use crate::i18n::fill;
use crate::pages::requests::texts::RequestTexts;

/// A deadline seen at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countdown {
    /// Open; due after today, in working days.
    DueIn {
        working_days: i64,
    },
    /// Open; due today.
    DueToday,
    /// Open with a clock-hour limit (urgent: respond within hours).
    DueInMinutes {
        minutes: i64,
    },
    Overdue {
        working_days: i64,
        minutes: i64,
        hours_limit: bool,
    },
    ClosedOnTime,
    ClosedLate,
    NoDeadline,
}

impl Countdown {
    /// The countdown of `record` at `now` (China time), and the deadline it counts to.
    pub fn of(record: &RequestRecord, now: NaiveDateTime) -> (Countdown, Option<RequestDue>) {
        let Some(due) = RequestDue::of(record, service_rules(), working_calendar(), now) else {
            return (Countdown::NoDeadline, None);
        };
        let status = &due.status;
        let answered = record.met_at(due.kind).is_some();
        let hours_limit = due.kind == DeadlineKind::Respond;
        let countdown = match (answered, status.overdue) {
            (true, false) => Countdown::ClosedOnTime,
            (true, true) => Countdown::ClosedLate,
            (false, true) => Countdown::Overdue {
                working_days: -status.remaining_working_days,
                minutes: -status.remaining_minutes,
                hours_limit,
            },
            (false, false) if hours_limit => Countdown::DueInMinutes { minutes: status.remaining_minutes },
            (false, false) if status.remaining_working_days == 0 => Countdown::DueToday,
            (false, false) => Countdown::DueIn { working_days: status.remaining_working_days },
        };
        (countdown, Some(due))
    }

    pub fn is_overdue(self) -> bool {
        matches!(self, Countdown::Overdue { .. } | Countdown::ClosedLate)
    }

    /// The countdown in words.
    pub fn describe(self, texts: &RequestTexts) -> String {
        let hours_minutes =
            |minutes: i64| [("hours", (minutes / 60).to_string()), ("minutes", (minutes % 60).to_string())];
        match self {
            Countdown::DueIn { working_days } => fill(texts.due_in_days, &[("days", working_days.to_string())]),
            Countdown::DueToday => texts.due_today.to_string(),
            Countdown::DueInMinutes { minutes } => fill(texts.due_in_minutes, &hours_minutes(minutes)),
            Countdown::Overdue { minutes, hours_limit: true, .. } => {
                fill(texts.overdue_minutes, &hours_minutes(minutes))
            }
            Countdown::Overdue { working_days, .. } => {
                fill(texts.overdue_days, &[("days", working_days.max(1).to_string())])
            }
            Countdown::ClosedOnTime => texts.closed_on_time.to_string(),
            Countdown::ClosedLate => texts.closed_late.to_string(),
            Countdown::NoDeadline => texts.no_deadline.to_string(),
        }
    }
}

/// Now, in China time, from the browser's clock.
pub fn china_now() -> NaiveDateTime {
    let now = DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default();
    china_time(now)
}

#[cfg(test)]
mod tests {
    use parkatlas_core::calendar::{Category, RequestState};
    use parkatlas_core::wire::RequestEvent;

    use super::*;
    use crate::pages::requests::texts::{REQUESTS_EN, REQUESTS_ZH};

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    /// An enquiry (2 working days) filed on Monday 2 March 2026 at 09:00, due Wednesday 4 March.
    fn enquiry(state: RequestState, events: Vec<RequestEvent>) -> RequestRecord {
        let submitted_at = at("2026-03-02 09:00");
        let mut all = vec![RequestEvent::received(submitted_at, "企业用户甲")];
        all.extend(events);
        RequestRecord {
            id: 7,
            version: 1,
            enterprise_id: 1,
            enterprise_name: "恒天示例光纤".into(),
            park_id: 1,
            parcel_id: None,
            location: None,
            address: None,
            media_url: None,
            category: Category::Enquiry,
            title: "租金补贴".into(),
            body: "何时申报？".into(),
            state,
            rating: None,
            submitted_at,
            due: None,
            events: all,
            attachments: Vec::new(),
        }
    }

    fn resolved_at(time: &str) -> RequestEvent {
        RequestEvent {
            at: at(time),
            actor: "光谷星河园区管理员".into(),
            from: Some(RequestState::Received),
            to: RequestState::Resolved,
            step: parkatlas_core::calendar::step_name(RequestState::Received, RequestState::Resolved),
            rating: None,
            note: "已答复".into(),
        }
    }

    #[test]
    fn an_open_enquiry_counts_down_working_days_then_overdue() {
        let open = enquiry(RequestState::Received, Vec::new());
        let countdown = |time| Countdown::of(&open, at(time)).0;
        assert_eq!(countdown("2026-03-02 10:00"), Countdown::DueIn { working_days: 2 });
        assert_eq!(countdown("2026-03-03 10:00"), Countdown::DueIn { working_days: 1 });
        assert_eq!(countdown("2026-03-04 23:00"), Countdown::DueToday);
        let overdue = countdown("2026-03-05 09:00");
        assert!(matches!(overdue, Countdown::Overdue { working_days: 1, .. }), "{overdue:?}");
        assert_eq!(overdue.describe(&REQUESTS_ZH), "已超期 1 个工作日");
        assert_eq!(Countdown::DueIn { working_days: 2 }.describe(&REQUESTS_EN), "2 working day(s) left");
    }

    #[test]
    fn a_resolved_request_says_whether_it_was_on_time() {
        let on_time = enquiry(RequestState::Resolved, vec![resolved_at("2026-03-04 16:00")]);
        assert_eq!(Countdown::of(&on_time, at("2026-03-20 10:00")).0, Countdown::ClosedOnTime);
        let late = enquiry(RequestState::Resolved, vec![resolved_at("2026-03-06 16:00")]);
        let (countdown, due) = Countdown::of(&late, at("2026-03-20 10:00"));
        assert_eq!(countdown, Countdown::ClosedLate);
        assert!(countdown.is_overdue());
        assert_eq!(
            due.unwrap().due_at,
            NaiveDateTime::parse_from_str("2026-03-04 23:59:59", "%Y-%m-%d %H:%M:%S").unwrap()
        );
    }
}
