//! The figures of the workspace's home, as plain values: each what it counts, its value and
//! the list it opens. Computed from what the pages load, tested natively.

use chrono::NaiveDateTime;
use parkatlas_core::units::SquareMetres;
use parkatlas_core::wire::{
    EvaluationRecord, InquiryRecord, InquiryStatus, ParcelStatus, ParkStatistics, RequestRecord,
};

use super::filter::{DeskFilter, Due};

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    Overdue,
    DueToday,
    NewInquiries,
    Idle,
    Unsupplied,
    LatestEvaluation,
}

impl FigureKind {
    /// A stable name for the page's markup (`data-testid`): never `Debug`, which the
    /// Debian wasm build compiles away (`-Zfmt-debug=none`).
    pub fn key(self) -> &'static str {
        match self {
            FigureKind::Overdue => "overdue",
            FigureKind::DueToday => "due-today",
            FigureKind::NewInquiries => "new-inquiries",
            FigureKind::Idle => "idle",
            FigureKind::Unsupplied => "unsupplied",
            FigureKind::LatestEvaluation => "latest-evaluation",
        }
    }
}

/// A figure's value.
#[derive(Debug, Clone, PartialEq)]
pub enum FigureValue {
    Count(usize),
    Land {
        parcels: u32,
        area: SquareMetres,
    },
    /// The latest run's year, date (`YYYY-MM-DD`) and how many enterprises it evaluated;
    /// `None` when the parks have none.
    Evaluation(Option<(i32, String, usize)>),
    /// Its source could not be read (offline, or the server failed).
    Unavailable,
}

/// One figure of the home: a link to its list.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub kind: FigureKind,
    pub value: FigureValue,
    pub href: String,
    /// Drawn as needing attention (a count above zero of something late or waiting).
    pub alert: bool,
}

/// What the home loaded; a source that failed is `None`.
#[derive(Debug, Clone, Default)]
pub struct HomeData {
    pub requests: Option<Vec<RequestRecord>>,
    pub inquiries: Option<Vec<InquiryRecord>>,
    /// One per park of the caller.
    pub statistics: Option<Vec<ParkStatistics>>,
    pub evaluations: Option<Vec<EvaluationRecord>>,
    /// The caller's parks; `None` for an admin, who sees every park.
    pub parks: Option<Vec<i64>>,
}

/// Where the land layers open on a flag (another section of the workspace).
pub const LAND_PATH: &str = "/app/workspace/land";
pub const INQUIRIES_PATH: &str = "/app/workspace/inquiries";
pub const EVALUATIONS_PATH: &str = "/app/workspace/evaluations";

impl HomeData {
    /// The home's figures at `now` (China time), in the order shown. Enterprises near their
    /// next tier join this list as one more [`Figure`] once the cultivation pool
    /// (`/app/workspace/pool`) computes them.
    pub fn figures(&self, now: NaiveDateTime) -> Vec<Figure> {
        let due = |due: Due| {
            let value = match &self.requests {
                Some(records) => FigureValue::Count(records.iter().filter(|r| due.admits(r, now)).count()),
                None => FigureValue::Unavailable,
            };
            let href = DeskFilter { due: Some(due), ..DeskFilter::default() }.href();
            let kind = if due == Due::Overdue { FigureKind::Overdue } else { FigureKind::DueToday };
            figure(kind, value, href)
        };
        let new_inquiries = match &self.inquiries {
            Some(inquiries) => {
                FigureValue::Count(inquiries.iter().filter(|inquiry| inquiry.status == InquiryStatus::New).count())
            }
            None => FigureValue::Unavailable,
        };
        let land = |status: ParcelStatus, kind: FigureKind, flag: &str| {
            let value = match &self.statistics {
                Some(parks) => {
                    let tallies = parks.iter().map(|park| park.land_of(status));
                    let (parcels, area) = tallies.fold((0, 0.0), |(n, a), t| (n + t.parcels, a + t.area_m2.0));
                    FigureValue::Land { parcels, area: SquareMetres(area) }
                }
                None => FigureValue::Unavailable,
            };
            figure(kind, value, format!("{LAND_PATH}?flag={flag}"))
        };
        vec![
            due(Due::Overdue),
            due(Due::Today),
            figure(FigureKind::NewInquiries, new_inquiries, format!("{INQUIRIES_PATH}?status=new")),
            land(ParcelStatus::Idle, FigureKind::Idle, "idle"),
            land(ParcelStatus::Unsupplied, FigureKind::Unsupplied, "unsupplied"),
            figure(FigureKind::LatestEvaluation, self.latest_evaluation(), EVALUATIONS_PATH.into()),
        ]
    }

    /// The latest run (by evaluation date, then the newest) of the caller's parks, or of
    /// any park and the city for an admin.
    fn latest_evaluation(&self) -> FigureValue {
        let Some(runs) = &self.evaluations else { return FigureValue::Unavailable };
        let ours = |run: &&EvaluationRecord| match (&self.parks, run.summary.park_id) {
            (None, _) => true,
            (Some(parks), Some(park)) => parks.contains(&park),
            (Some(_), None) => false,
        };
        let latest = runs.iter().filter(ours).max_by_key(|run| (run.summary.evaluation_date, run.id));
        FigureValue::Evaluation(latest.map(|run| {
            let summary = &run.summary;
            (summary.year, summary.evaluation_date.format("%Y-%m-%d").to_string(), summary.evaluated)
        }))
    }
}

fn figure(kind: FigureKind, value: FigureValue, href: String) -> Figure {
    let waiting = matches!(kind, FigureKind::Overdue | FigureKind::NewInquiries);
    let alert = waiting && matches!(value, FigureValue::Count(count) if count > 0);
    Figure { kind, value, href, alert }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use parkatlas_core::calendar::{Category, RequestState};
    use parkatlas_core::wire::{LandTally, NewInquiry};

    use super::super::filter::tests::{at, request};
    use super::*;

    #[test]
    fn each_figure_has_its_own_key() {
        use FigureKind::*;
        let keys: std::collections::BTreeSet<&str> =
            [Overdue, DueToday, NewInquiries, Idle, Unsupplied, LatestEvaluation].map(FigureKind::key).into();
        assert_eq!(keys.len(), 6);
        assert!(keys.contains("overdue") && keys.contains("new-inquiries"));
    }

    fn statistics(park_id: i64, idle: u32, idle_m2: f64) -> ParkStatistics {
        let tally = |status| LandTally {
            status,
            parcels: if status == ParcelStatus::Idle { idle } else { 1 },
            area_m2: SquareMetres(if status == ParcelStatus::Idle { idle_m2 } else { 100.0 }),
        };
        ParkStatistics {
            park_id,
            as_of: NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
            land: ParcelStatus::ALL.into_iter().map(tally).collect(),
            enterprises: 3,
            tiers: Vec::new(),
            latest_evaluation: None,
        }
    }

    fn inquiry(id: i64, status: InquiryStatus) -> InquiryRecord {
        let inquiry: NewInquiry = serde_json::from_value(serde_json::json!({
            "name": "王经理", "organisation": "示例公司", "email": "a@example.com", "industry": "光电子",
            "message": "了解供地条件", "park_id": 1
        }))
        .unwrap();
        InquiryRecord {
            id,
            version: 1,
            reference: format!("INQ-20260301-{id:06}"),
            park_id: 1,
            parcel_id: None,
            status,
            created_at: at("2026-03-01 10:00"),
            inquiry,
        }
    }

    #[test]
    fn the_home_counts_what_is_late_waiting_and_flagged_and_links_each_list() {
        let data = HomeData {
            requests: Some(vec![
                request(1, 1, Category::Enquiry, RequestState::Received, "2026-03-02 09:00"),
                request(2, 1, Category::General, RequestState::Received, "2026-03-02 09:00"),
                request(3, 1, Category::Enquiry, RequestState::Resolved, "2026-03-02 09:00"),
                request(4, 1, Category::Enquiry, RequestState::Received, "2026-03-03 09:00"),
            ]),
            inquiries: Some(vec![inquiry(1, InquiryStatus::New), inquiry(2, InquiryStatus::Answered)]),
            statistics: Some(vec![statistics(1, 2, 1000.0), statistics(2, 3, 500.0)]),
            evaluations: None,
            parks: Some(vec![1, 2]),
        };
        // Thursday 5 March: the enquiry of Monday is overdue, Tuesday's is due today.
        let figures = data.figures(at("2026-03-05 10:00"));
        let value = |kind| figures.iter().find(|f| f.kind == kind).unwrap().clone();
        assert_eq!(value(FigureKind::Overdue).value, FigureValue::Count(1));
        assert!(value(FigureKind::Overdue).alert);
        assert_eq!(value(FigureKind::Overdue).href, "/app/workspace/requests?due=overdue");
        assert_eq!(value(FigureKind::DueToday).value, FigureValue::Count(1));
        assert_eq!(value(FigureKind::DueToday).href, "/app/workspace/requests?due=today");
        assert_eq!(value(FigureKind::NewInquiries).value, FigureValue::Count(1));
        assert_eq!(value(FigureKind::NewInquiries).href, "/app/workspace/inquiries?status=new");
        assert_eq!(value(FigureKind::Idle).value, FigureValue::Land { parcels: 5, area: SquareMetres(1500.0) });
        assert_eq!(value(FigureKind::Idle).href, "/app/workspace/land?flag=idle");
        assert_eq!(value(FigureKind::Unsupplied).href, "/app/workspace/land?flag=unsupplied");
        assert_eq!(value(FigureKind::LatestEvaluation).value, FigureValue::Unavailable);
        assert_eq!(value(FigureKind::LatestEvaluation).href, "/app/workspace/evaluations");
    }

    #[test]
    fn sources_that_failed_show_as_unavailable_and_nothing_is_an_alert() {
        let figures = HomeData::default().figures(at("2026-03-05 10:00"));
        assert_eq!(figures.len(), 6);
        assert!(figures[..5].iter().all(|figure| figure.value == FigureValue::Unavailable && !figure.alert));
    }
}
