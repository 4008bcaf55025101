//! The request desk's KPIs over a period, per park and per category: 办结率, 响应率, 满意率
//! ([`crate::calendar::kpis`]), 按时办结率 and the median time to close.
//!
//! Spec §6 names the KPIs without formulas; the definitions chosen here, stated in each
//! explanation:
//! - the requests counted are those **submitted** in the period (China dates, both ends
//!   included), whatever happened to them since;
//! - 按时办结率 (on time) = closed requests that met their deadline ÷ closed requests with a
//!   deadline. The deadline is the one [`RequestDue::of`] computes (an extension included;
//!   for urgent requests, whose only limit is to respond within hours, the response);
//! - the median time to close is over closed requests, from submission to the latest
//!   resolution, in clock hours (nights and holidays included: what the enterprise waited).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{RequestDue, RequestRecord};
use crate::calendar::{kpi_rate, kpis, DeadlineKind, Kpi, RequestState, RulesErrors, ServiceRules, WorkingCalendar};
use crate::text::Bilingual;

/// The days whose submissions are counted, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The `days` days up to and including `today`.
    pub fn last_days(today: NaiveDate, days: u32) -> Period {
        Period { from: today - chrono::Duration::days(i64::from(days.max(1)) - 1), to: today }
    }

    pub fn contains(&self, at: NaiveDateTime) -> bool {
        (self.from..=self.to).contains(&at.date())
    }

    /// A period that ends before it starts: `(field, problem)`.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        (self.to < self.from)
            .then(|| ("to", format!("the period ends on {} before it starts on {}", self.to, self.from)))
    }
}

/// The KPIs of one set of requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskKpis {
    pub requests: usize,
    /// 办结率
    pub completion: Kpi,
    /// 按时办结率
    pub on_time: Kpi,
    /// 响应率
    pub response: Kpi,
    /// 满意率
    pub satisfaction: Kpi,
    /// The median hours from submission to resolution of the closed requests; `None`
    /// when none is closed.
    pub median_hours_to_close: Option<f64>,
}

/// The KPIs of `requests` (already chosen: a period, a park, a category).
pub fn desk_kpis(
    rules: &ServiceRules,
    calendar: &WorkingCalendar,
    requests: &[&RequestRecord],
) -> Result<DeskKpis, RulesErrors> {
    let plain: Vec<crate::calendar::RequestRecord> = requests
        .iter()
        .map(|request| crate::calendar::RequestRecord {
            state: request.state,
            responded: request.events.iter().skip(1).any(|event| event.to != RequestState::Rated),
            rating: request.rating,
        })
        .collect();
    let published = kpis(rules, &plain)?;
    let closed: Vec<&&RequestRecord> = requests.iter().filter(|request| request.is_closed()).collect();
    // Seen at its resolution, a closed request's deadline says whether it was met.
    let deadlines: Vec<RequestDue> =
        closed.iter().filter_map(|request| RequestDue::of(request, rules, calendar, request.submitted_at)).collect();
    let met = deadlines.iter().filter(|due| !due.status.overdue).count();
    let on_time = kpi_rate(
        met as f64,
        deadlines.len(),
        Bilingual::new(
            "按时办结率 = 在时限内办结（紧急诉求：在时限内响应）的诉求数 ÷ 有时限的已办结诉求数",
            "on-time rate (按时办结率) = closed requests that met their deadline (urgent ones: responded in time) \
             ÷ closed requests with a deadline",
        ),
    );
    let mut hours: Vec<f64> = closed
        .iter()
        .filter_map(|request| {
            let resolved = request.met_at(DeadlineKind::Resolve)?;
            Some((resolved - request.submitted_at).num_minutes() as f64 / 60.0)
        })
        .collect();
    hours.sort_by(f64::total_cmp);
    Ok(DeskKpis {
        requests: requests.len(),
        completion: published.completion,
        on_time,
        response: published.response,
        satisfaction: published.satisfaction,
        median_hours_to_close: median(&hours),
    })
}

/// The median of sorted `values`: the middle one, or the mean of the two middle ones.
fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// The KPIs of the requests submitted in `period`, grouped by `key` (a park, a category),
/// in the order of the keys.
pub fn desk_kpis_by<K: Ord + Clone>(
    rules: &ServiceRules,
    calendar: &WorkingCalendar,
    requests: &[RequestRecord],
    period: Period,
    key: impl Fn(&RequestRecord) -> K,
) -> Result<Vec<(K, DeskKpis)>, RulesErrors> {
    let mut groups: std::collections::BTreeMap<K, Vec<&RequestRecord>> = std::collections::BTreeMap::new();
    for request in requests.iter().filter(|request| period.contains(request.submitted_at)) {
        groups.entry(key(request)).or_default().push(request);
    }
    groups.into_iter().map(|(key, group)| Ok((key, desk_kpis(rules, calendar, &group)?))).collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::calendar::{step_name, Category, Rating, RequestState};
    use crate::wire::RequestEvent;
    use RequestState::{Assigned, InProgress, Rated, Received, Resolved};

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    /// A request of `category` submitted at `submitted`, taking each `(state, at)` step.
    fn request(
        id: i64,
        park: i64,
        category: Category,
        submitted: &str,
        steps: &[(RequestState, &str)],
    ) -> RequestRecord {
        let submitted_at = at(submitted);
        let mut events = vec![RequestEvent::received(submitted_at, "企业")];
        let mut from = Received;
        let mut rating = None;
        for (to, when) in steps {
            let given = (*to == Rated).then_some(Rating::Satisfied);
            rating = given.or(rating);
            events.push(RequestEvent {
                at: at(when),
                actor: "园区".into(),
                from: Some(from),
                to: *to,
                step: step_name(from, *to),
                rating: given,
                note: String::new(),
            });
            from = *to;
        }
        RequestRecord {
            id,
            version: 1,
            enterprise_id: 1,
            enterprise_name: "企业".into(),
            park_id: park,
            parcel_id: None,
            category,
            title: "诉求".into(),
            body: "内容".into(),
            location: None,
            address: None,
            media_url: None,
            state: from,
            rating,
            submitted_at,
            due: None,
            events,
            attachments: Vec::new(),
        }
    }

    fn china(requests: &[RequestRecord], period: Period) -> Vec<(i64, DeskKpis)> {
        let rules = ServiceRules::china_default();
        desk_kpis_by(&rules, &WorkingCalendar::china(), requests, period, |r| r.park_id).unwrap()
    }

    /// March 2026: Monday 2 to Friday 6, enquiries due 2 working days after submission.
    fn history() -> Vec<RequestRecord> {
        vec![
            // Due Wed 4 March; resolved Tue 3 at 11:00 (26 h), then rated satisfied.
            request(
                1,
                1,
                Category::Enquiry,
                "2026-03-02 09:00",
                &[(Resolved, "2026-03-03 11:00"), (Rated, "2026-03-04 09:00")],
            ),
            // Due Wed 4 March; resolved Thu 5 at 09:00 (72 h): late.
            request(
                2,
                1,
                Category::Enquiry,
                "2026-03-02 09:00",
                &[(Assigned, "2026-03-02 10:00"), (InProgress, "2026-03-03 10:00"), (Resolved, "2026-03-05 09:00")],
            ),
            // Taken, still open.
            request(3, 1, Category::General, "2026-03-03 09:00", &[(Assigned, "2026-03-03 10:00")]),
            // Untouched.
            request(4, 1, Category::General, "2026-03-04 09:00", &[]),
            // Another park; outside the period.
            request(5, 2, Category::Enquiry, "2026-03-02 09:00", &[(Resolved, "2026-03-02 10:00")]),
            request(6, 1, Category::Enquiry, "2026-02-20 09:00", &[(Resolved, "2026-02-20 10:00")]),
        ]
    }

    #[test]
    fn a_park_over_a_period_has_its_rates_and_median() {
        let period = Period {
            from: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        };
        let parks = china(&history(), period);
        assert_eq!(parks.iter().map(|(park, _)| *park).collect::<Vec<_>>(), [1, 2]);
        let park = &parks[0].1;
        assert_eq!(park.requests, 4);
        assert_eq!(park.completion.ratio, Some(0.5));
        assert_eq!(park.response.ratio, Some(0.75));
        assert_eq!((park.on_time.numerator, park.on_time.denominator), (1.0, 2));
        assert_eq!(park.on_time.ratio, Some(0.5));
        assert_eq!(park.satisfaction.ratio, Some(1.0));
        // The median of 26 h and 72 h.
        assert_eq!(park.median_hours_to_close, Some(49.0));
        let other = &parks[1].1;
        assert_eq!((other.requests, other.on_time.ratio, other.median_hours_to_close), (1, Some(1.0), Some(1.0)));
    }

    #[test]
    fn by_category_and_an_empty_period() {
        let period = Period::last_days(NaiveDate::from_ymd_opt(2026, 3, 6).unwrap(), 30);
        assert_eq!(period.from, NaiveDate::from_ymd_opt(2026, 2, 5).unwrap());
        let rules = ServiceRules::china_default();
        let categories = desk_kpis_by(&rules, &WorkingCalendar::china(), &history(), period, |r| r.category).unwrap();
        let (category, general) = &categories[1];
        assert_eq!(*category, Category::General);
        assert_eq!((general.requests, general.completion.ratio, general.on_time.ratio), (2, Some(0.0), None));
        assert_eq!(general.median_hours_to_close, None);
        let none = Period {
            from: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
        };
        assert!(china(&history(), none).is_empty());
        let backwards = Period { from: none.to, to: none.from };
        assert_eq!(backwards.problem().unwrap().0, "to");
    }

    #[test]
    fn the_median_of_an_odd_and_an_even_count() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[1.0, 5.0, 9.0]), Some(5.0));
        assert_eq!(median(&[1.0, 3.0, 5.0, 9.0]), Some(4.0));
    }

    fn any_request() -> impl Strategy<Value = RequestRecord> {
        let paths: Vec<Vec<RequestState>> = vec![
            vec![],
            vec![Assigned],
            vec![Resolved],
            vec![Resolved, Rated],
            vec![Assigned, InProgress, Resolved],
            vec![Assigned, InProgress, RequestState::Extended, Resolved],
        ];
        (
            proptest::sample::select(Category::ALL.to_vec()),
            proptest::sample::select(paths),
            0u32..20,
            1i64..400,
            1i64..3,
        )
            .prop_map(|(category, path, day, hours, park)| {
                let submitted = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap()
                    + chrono::Duration::days(i64::from(day));
                let mut when = submitted;
                let steps: Vec<(RequestState, String)> = path
                    .into_iter()
                    .map(|state| {
                        when += chrono::Duration::hours(hours);
                        (state, when.format("%Y-%m-%d %H:%M").to_string())
                    })
                    .collect();
                let borrowed: Vec<(RequestState, &str)> = steps.iter().map(|(s, t)| (*s, t.as_str())).collect();
                request(1, park, category, &submitted.format("%Y-%m-%d %H:%M").to_string(), &borrowed)
            })
    }

    proptest! {
        #[test]
        fn rates_lie_in_0_to_1_and_on_time_never_exceeds_closed(requests in proptest::collection::vec(any_request(), 0..30)) {
            let period = Period { from: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(), to: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap() };
            for (_, kpis) in china(&requests, period) {
                for kpi in [&kpis.completion, &kpis.on_time, &kpis.response, &kpis.satisfaction] {
                    prop_assert!(kpi.ratio.is_none_or(|ratio| (0.0..=1.0).contains(&ratio)));
                }
                prop_assert!(kpis.on_time.numerator <= kpis.completion.numerator);
                prop_assert!(kpis.median_hours_to_close.is_none_or(|hours| hours > 0.0));
            }
        }
    }
}
