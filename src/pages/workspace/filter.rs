//! The desk's filter in its URL (`?state=received&category=general&park=1&due=overdue`), so
//! that a filtered list can be shared and the home's figures open it; what it admits, and
//! the count of requests per state under the other filters.

use chrono::NaiveDateTime;
use parkatlas_core::calendar::{Category, RequestState};
use parkatlas_core::wire::RequestRecord;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::components::requests::deadline::Countdown;

/// Where an open request's deadline stands, as the home counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    Overdue,
    Today,
}

impl Due {
    pub fn key(self) -> &'static str {
        match self {
            Due::Overdue => "overdue",
            Due::Today => "today",
        }
    }

    fn from_key(key: &str) -> Option<Due> {
        [Due::Overdue, Due::Today].into_iter().find(|due| due.key() == key)
    }

    /// Whether `record`, seen at `now`, is open and stands here: overdue, or due today (an
    /// urgent request due within the day counts as due today).
    pub fn admits(self, record: &RequestRecord, now: NaiveDateTime) -> bool {
        if record.is_closed() {
            return false;
        }
        let (countdown, due) = Countdown::of(record, now);
        match self {
            Due::Overdue => matches!(countdown, Countdown::Overdue { .. }),
            Due::Today => match countdown {
                Countdown::DueToday => true,
                Countdown::DueInMinutes { .. } => due.is_some_and(|due| due.due_at.date() == now.date()),
                _ => false,
            },
        }
    }
}

/// The desk's filter; `None` admits every value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskFilter {
    pub state: Option<RequestState>,
    pub category: Option<Category>,
    pub park: Option<i64>,
    pub due: Option<Due>,
}

/// The serde name of a unit enum value, e.g. `in_progress`.
pub fn wire_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|value| value.as_str().map(str::to_string)).unwrap_or_default()
}

fn from_wire_name<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

impl DeskFilter {
    /// Reads a query string (with or without its `?`); a value the desk does not know is
    /// ignored, so a mangled link still opens the whole inbox.
    pub fn parse(query: &str) -> DeskFilter {
        let mut filter = DeskFilter::default();
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            match key.as_ref() {
                "state" => filter.state = from_wire_name(&value),
                "category" => filter.category = from_wire_name(&value),
                "park" => filter.park = value.parse().ok().filter(|id| *id > 0),
                "due" => filter.due = Due::from_key(&value),
                _ => {}
            }
        }
        filter
    }

    /// The query string, without `?`; empty for the whole inbox.
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(state) = self.state {
            query.append_pair("state", &wire_name(&state));
        }
        if let Some(category) = self.category {
            query.append_pair("category", &wire_name(&category));
        }
        if let Some(park) = self.park {
            query.append_pair("park", &park.to_string());
        }
        if let Some(due) = self.due {
            query.append_pair("due", due.key());
        }
        query.finish()
    }

    /// The desk's address with this filter.
    pub fn href(&self) -> String {
        let query = self.to_query();
        if query.is_empty() {
            DESK_PATH.to_string()
        } else {
            format!("{DESK_PATH}?{query}")
        }
    }

    /// Whether `record` passes every filter but the state.
    fn admits_besides_state(&self, record: &RequestRecord, now: NaiveDateTime) -> bool {
        self.category.is_none_or(|category| record.category == category)
            && self.park.is_none_or(|park| record.park_id == park)
            && self.due.is_none_or(|due| due.admits(record, now))
    }

    pub fn admits(&self, record: &RequestRecord, now: NaiveDateTime) -> bool {
        self.state.is_none_or(|state| record.state == state) && self.admits_besides_state(record, now)
    }

    /// How many requests stand in each state under the other filters, every state listed
    /// (zero included) in the life cycle's order: the counts beside the state filter.
    pub fn counts_by_state(&self, records: &[RequestRecord], now: NaiveDateTime) -> Vec<(RequestState, usize)> {
        let admitted: Vec<&RequestRecord> =
            records.iter().filter(|record| self.admits_besides_state(record, now)).collect();
        RequestState::ALL
            .into_iter()
            .map(|state| (state, admitted.iter().filter(|record| record.state == state).count()))
            .collect()
    }
}

/// Where the desk lives.
pub const DESK_PATH: &str = "/app/workspace/requests";

#[cfg(test)]
pub(crate) mod tests {
    use parkatlas_core::wire::RequestEvent;

    use super::*;

    pub(crate) fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    /// A request of `category` in park `park`, filed at `submitted`, standing in `state`.
    pub(crate) fn request(
        id: i64,
        park: i64,
        category: Category,
        state: RequestState,
        submitted: &str,
    ) -> RequestRecord {
        let submitted_at = at(submitted);
        let mut events = vec![RequestEvent::received(submitted_at, "企业用户甲")];
        if state != RequestState::Received {
            events.push(RequestEvent {
                at: submitted_at,
                actor: "园区管理员".into(),
                from: Some(RequestState::Received),
                to: state,
                step: parkatlas_core::calendar::step_name(RequestState::Received, state),
                rating: None,
                note: String::new(),
            });
        }
        RequestRecord {
            id,
            version: 1,
            enterprise_id: 1,
            enterprise_name: "示例企业".into(),
            park_id: park,
            parcel_id: None,
            location: None,
            address: None,
            media_url: None,
            category,
            title: format!("诉求 {id}"),
            body: "内容".into(),
            state,
            rating: None,
            submitted_at,
            due: None,
            events,
            attachments: Vec::new(),
        }
    }

    #[test]
    fn a_filter_round_trips_through_its_query_and_ignores_what_it_does_not_know() {
        let filter = DeskFilter {
            state: Some(RequestState::InProgress),
            category: Some(Category::General),
            park: Some(2),
            due: Some(Due::Overdue),
        };
        assert_eq!(filter.to_query(), "state=in_progress&category=general&park=2&due=overdue");
        assert_eq!(DeskFilter::parse(&format!("?{}", filter.to_query())), filter);
        assert_eq!(filter.href(), "/app/workspace/requests?state=in_progress&category=general&park=2&due=overdue");
        assert_eq!(DeskFilter::parse("state=lost&park=-1&due=soon&x=1"), DeskFilter::default());
        assert_eq!(DeskFilter::default().href(), "/app/workspace/requests");
    }

    #[test]
    fn overdue_and_due_today_follow_the_working_day_countdown() {
        // An enquiry (2 working days) filed Monday 2 March 2026 is due Wednesday 4 March.
        let enquiry = request(1, 1, Category::Enquiry, RequestState::Received, "2026-03-02 09:00");
        assert!(Due::Today.admits(&enquiry, at("2026-03-04 10:00")));
        assert!(!Due::Overdue.admits(&enquiry, at("2026-03-04 10:00")));
        assert!(Due::Overdue.admits(&enquiry, at("2026-03-05 10:00")));
        assert!(!Due::Today.admits(&enquiry, at("2026-03-03 10:00")));
        let resolved = request(2, 1, Category::Enquiry, RequestState::Resolved, "2026-03-02 09:00");
        assert!(!Due::Overdue.admits(&resolved, at("2026-03-20 10:00")));
        // An urgent request (2 clock hours) filed at 09:00 is due today at 11:00.
        let urgent = request(3, 1, Category::Urgent, RequestState::Received, "2026-03-02 09:00");
        assert!(Due::Today.admits(&urgent, at("2026-03-02 10:00")));
        assert!(Due::Overdue.admits(&urgent, at("2026-03-02 12:00")));
    }

    #[test]
    fn counts_per_state_follow_the_other_filters_but_not_the_state() {
        let records = vec![
            request(1, 1, Category::General, RequestState::Received, "2026-03-02 09:00"),
            request(2, 1, Category::General, RequestState::Assigned, "2026-03-02 09:00"),
            request(3, 1, Category::Enquiry, RequestState::Received, "2026-03-02 09:00"),
            request(4, 2, Category::General, RequestState::Received, "2026-03-02 09:00"),
        ];
        let now = at("2026-03-03 10:00");
        let filter = DeskFilter { state: Some(RequestState::Received), park: Some(1), ..DeskFilter::default() };
        let counts = filter.counts_by_state(&records, now);
        assert_eq!(counts.len(), RequestState::ALL.len());
        assert_eq!(counts[0], (RequestState::Received, 2));
        assert_eq!(counts[1], (RequestState::Assigned, 1));
        let shown: Vec<i64> = records.iter().filter(|r| filter.admits(r, now)).map(|r| r.id).collect();
        assert_eq!(shown, [1, 3]);
        let general = DeskFilter { category: Some(Category::General), ..filter };
        assert_eq!(general.counts_by_state(&records, now)[0], (RequestState::Received, 1));
    }
}
