//! Service requests (企业诉求, spec §6) on the wire: what an enterprise files, the actions
//! that move a request through its life cycle, and the record with its history, deadline and
//! attachments.
//!
//! The life cycle itself lives in [`crate::calendar`]: [`RequestAction::transition`] asks
//! [`check_transition`]; which caller drives each step is the server's `auth` decision.

use std::cmp::Reverse;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::attachment::media_url_problem;
use super::location::address_problem;
use super::{AttachmentInfo, Location};
use crate::calendar::{
    check_transition, Category, Deadline, DeadlineKind, DeadlineStatus, Extension, Rating, RequestState, ServiceRules,
    TransitionError, TransitionStep, WorkingCalendar,
};
use crate::text::Bilingual;

const TITLE_CHARS: std::ops::RangeInclusive<usize> = 2..=100;
const MAX_BODY_CHARS: usize = 5000;
const MAX_NOTE_CHARS: usize = 2000;

/// Who takes the steps no person takes: the 督办重办 that a reopening rating triggers.
pub const PLATFORM_ACTOR: &str = "平台督办";

/// `POST /api/v1/requests`, by an enterprise user; the enterprise and park come from the account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "enquiry"))]
    pub category: Category,
    pub title: String,
    pub body: String,
    /// The parcel the request is about, if any.
    #[serde(default)]
    pub parcel_id: Option<i64>,
    /// Where the matter is, if the enterprise says (its device's position, or a point on the map).
    #[serde(default)]
    pub location: Option<Location>,
    /// Where the matter is, in words: at most 200 characters; blank counts as none.
    #[serde(default)]
    pub address: Option<String>,
    /// A photo or file held elsewhere (Open311's `media_url`): an http(s) link of at most 2,000 characters.
    #[serde(default)]
    pub media_url: Option<String>,
}

impl NewRequest {
    /// The first problem with this request, as `(field, problem)`.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        let title_chars = self.title.trim().chars().count();
        if !TITLE_CHARS.contains(&title_chars) {
            let (min, max) = (TITLE_CHARS.start(), TITLE_CHARS.end());
            return Some(("title", format!("give a title of {min} to {max} characters; this one has {title_chars}")));
        }
        let body_chars = self.body.chars().count();
        if self.body.trim().is_empty() {
            return Some(("body", "describe the request: the text is empty".into()));
        }
        if body_chars > MAX_BODY_CHARS {
            return Some((
                "body",
                format!(
                    "the text has {body_chars} characters; shorten it to at most {MAX_BODY_CHARS} or attach a file"
                ),
            ));
        }
        if let Some(problem) = self.location.as_ref().and_then(Location::problem) {
            return Some(("location", problem));
        }
        if let Some(problem) = self.address.as_deref().and_then(address_problem) {
            return Some(("address", problem));
        }
        if let Some(problem) = self.media_url.as_deref().and_then(media_url_problem) {
            return Some(("media_url", problem));
        }
        None
    }

    /// The address to keep: trimmed, and none when blank.
    pub fn given_address(&self) -> Option<&str> {
        self.address.as_deref().map(str::trim).filter(|address| !address.is_empty())
    }
}

/// `POST /api/v1/requests/{id}/events`: move a request to `to`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestAction {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "in_progress"))]
    pub to: RequestState,
    /// What was done or decided; the reason for a return or an extension.
    #[serde(default)]
    pub note: String,
    /// The requester's rating, given only with the change to `rated`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "satisfied"))]
    pub rating: Option<Rating>,
}

impl RequestAction {
    /// The first problem with this action on its own, as `(field, problem)`; whether the
    /// request may take it from where it stands is [`RequestAction::transition`]'s question.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        let note_chars = self.note.chars().count();
        if note_chars > MAX_NOTE_CHARS {
            return Some((
                "note",
                format!("the note has {note_chars} characters; shorten it to at most {MAX_NOTE_CHARS}"),
            ));
        }
        if matches!(self.to, RequestState::Returned | RequestState::Extended) && self.note.trim().is_empty() {
            let to = self.to.label().en;
            return Some(("note", format!("a request is {to} only with a reason: say why in the note")));
        }
        match (self.to, self.rating) {
            (RequestState::Rated, None) => Some((
                "rating",
                "give the requester's rating: satisfied (满意), basically_satisfied (基本满意) or dissatisfied (不满意)"
                    .into(),
            )),
            (to, Some(_)) if to != RequestState::Rated => Some((
                "rating",
                format!("a rating is given only with the change to rated; leave it out when the request is {}", to.label().en),
            )),
            _ => None,
        }
    }

    /// Checks the move from `from`, where the request holds the rating `held`: the rating
    /// of this action counts for the change to `rated`, the held one for `rated → reopened`.
    pub fn transition(
        &self,
        rules: &ServiceRules,
        from: RequestState,
        held: Option<Rating>,
    ) -> Result<TransitionStep, TransitionError> {
        let rating = if self.to == RequestState::Rated { self.rating } else { held };
        check_transition(rules, from, self.to, rating)
    }

    /// The step the platform takes at `at` in the same write as this one, if any: a rating
    /// that reopens ([`ServiceRules::reopens`]) sends the request back to work at once
    /// (rated → reopened, 督办重办), rather than waiting for an official to notice it.
    pub fn follow_up(&self, rules: &ServiceRules, at: NaiveDateTime) -> Option<RequestEvent> {
        let rating = self.rating.filter(|_| self.to == RequestState::Rated)?;
        let step = check_transition(rules, RequestState::Rated, RequestState::Reopened, Some(rating)).ok()?;
        let note = format!("企业评价为“{}”，平台督办重办", rating.label().zh);
        Some(RequestEvent::transition(at, PLATFORM_ACTOR, step, None, note))
    }
}

/// One step of a request's history.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestEvent {
    /// China local time (UTC+08:00).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-03-02T09:00:00"))]
    pub at: NaiveDateTime,
    /// The display name of whoever acted.
    pub actor: String,
    /// `None` for the submission, the first event.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub from: Option<RequestState>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub to: RequestState,
    /// The step of the loop, e.g. 调度交办 / dispatched to a handling unit.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub step: Bilingual,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub rating: Option<Rating>,
    pub note: String,
}

impl RequestEvent {
    /// The first event of every request: filed and received (提交/受理).
    pub fn received(at: NaiveDateTime, actor: impl Into<String>) -> RequestEvent {
        RequestEvent {
            at,
            actor: actor.into(),
            from: None,
            to: RequestState::Received,
            step: Bilingual::new("提交受理", "submitted and received"),
            rating: None,
            note: String::new(),
        }
    }

    /// The event of a transition that [`check_transition`] accepted.
    pub fn transition(
        at: NaiveDateTime,
        actor: impl Into<String>,
        step: TransitionStep,
        rating: Option<Rating>,
        note: impl Into<String>,
    ) -> RequestEvent {
        let TransitionStep { from, to, step } = step;
        RequestEvent { at, actor: actor.into(), from: Some(from), to, step, rating, note: note.into() }
    }
}

/// When a request falls due and where that stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDue {
    /// China local time (UTC+08:00).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-03-04T23:59:59"))]
    pub due_at: NaiveDateTime,
    /// What is due: `resolve` (办结), or `respond` (响应) for urgent requests.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "resolve"))]
    pub kind: DeadlineKind,
    /// The deadline seen at `status.at`: the moment of the response for an open request,
    /// the moment it was resolved for a closed one.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub status: DeadlineStatus,
}

impl RequestDue {
    /// The deadline seen at `at` (China time).
    pub fn new(deadline: &Deadline, calendar: &WorkingCalendar, at: NaiveDateTime) -> RequestDue {
        RequestDue { due_at: deadline.due_at, kind: deadline.kind, status: deadline.status(calendar, at) }
    }

    /// The deadline of `request` from its category and history, and where it stands: at
    /// the first response for a deadline to respond, at the resolution for a closed
    /// request, at `now` (China time) for an open one. An extension adds the working days
    /// its category allows. `None` when the rules give the category no deadline.
    pub fn of(
        request: &RequestRecord,
        rules: &ServiceRules,
        calendar: &WorkingCalendar,
        now: NaiveDateTime,
    ) -> Option<RequestDue> {
        let events = &request.events;
        let extension = events
            .iter()
            .find(|event| event.to == RequestState::Extended)
            .zip(rules.extension_days(request.category))
            .map(|(event, working_days)| Extension { working_days, reason: event.note.clone() });
        let deadline = rules.deadline(calendar, request.category, request.submitted_at, extension).ok()?;
        let seen_at = request.met_at(deadline.kind).unwrap_or(now);
        Some(RequestDue::new(&deadline, calendar, seen_at))
    }
}

/// A request as `GET /api/v1/requests/{id}` returns it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestRecord {
    pub id: i64,
    /// The record's version: its ETag, and what `If-Match` must name to change it.
    pub version: i64,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub park_id: i64,
    #[serde(default)]
    pub parcel_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub category: Category,
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub location: Option<Location>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub media_url: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub state: RequestState,
    /// The latest rating; a reopened request keeps it until it is rated again.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub rating: Option<Rating>,
    /// China local time (UTC+08:00).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-03-02T09:00:00"))]
    pub submitted_at: NaiveDateTime,
    /// Absent when no deadline could be computed (e.g. the service rules are being fixed).
    pub due: Option<RequestDue>,
    /// Oldest first, beginning with the submission.
    pub events: Vec<RequestEvent>,
    pub attachments: Vec<AttachmentInfo>,
}

impl RequestRecord {
    /// When the request did what a deadline of `kind` asks: its first response for a
    /// deadline to respond, its (latest) resolution for a deadline to resolve while it
    /// stays closed. `None` while it has not.
    pub fn met_at(&self, kind: DeadlineKind) -> Option<NaiveDateTime> {
        match kind {
            DeadlineKind::Respond => self.events.get(1).map(|event| event.at),
            DeadlineKind::Resolve if self.is_closed() => {
                self.events.iter().rev().find(|event| event.to == RequestState::Resolved).map(|event| event.at)
            }
            DeadlineKind::Resolve => None,
        }
    }

    /// 首问负责: the display name of the official who first took the request, who owns it
    /// until it is done. That is whoever took the first step after the submission, ratings
    /// aside: the enterprise only ever rates (the server's `Scope::drives_request_to`), and
    /// no rating comes before an answer. `None` while nobody has taken it.
    pub fn owner(&self) -> Option<&str> {
        let first = self.events.iter().skip(1).find(|event| event.to != RequestState::Rated)?;
        Some(&first.actor)
    }

    /// Resolved or rated: nothing is due until it is reopened.
    pub fn is_closed(&self) -> bool {
        matches!(self.state, RequestState::Resolved | RequestState::Rated)
    }

    /// The order of a request desk, as a sort key: open requests first, the one due first
    /// on top (so overdue ones lead) and those without a deadline after them; then closed
    /// ones, the newest first.
    pub fn urgency(&self) -> (bool, bool, Option<NaiveDateTime>, Reverse<NaiveDateTime>) {
        let closed = self.is_closed();
        let due_at = self.due.as_ref().filter(|_| !closed).map(|due| due.due_at);
        (closed, due_at.is_none(), due_at, Reverse(self.submitted_at))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;
    use RequestState::{Assigned, Extended, InProgress, Rated, Received, Reopened, Resolved, Returned};

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    pub(crate) fn request() -> NewRequest {
        NewRequest {
            category: Category::Enquiry,
            title: "标准厂房租金补贴".into(),
            body: "请问2026年的租金补贴何时申报？".into(),
            parcel_id: None,
            location: None,
            address: None,
            media_url: None,
        }
    }

    fn action(to: RequestState, note: &str, rating: Option<Rating>) -> RequestAction {
        RequestAction { to, note: note.into(), rating }
    }

    /// A change that spoils one field of a valid NewRequest.
    type Edit = fn(&mut NewRequest);

    #[test]
    fn a_complete_request_has_no_problem() {
        assert_eq!(request().problem(), None);
        let two = NewRequest { title: "求助".into(), ..request() };
        assert_eq!(two.problem(), None, "two characters are enough");
    }

    #[test]
    fn each_request_problem_names_its_field() {
        let cases: [(Edit, &str); 10] = [
            (|r| r.title = "税".into(), "title"),
            (|r| r.title = "   ".into(), "title"),
            (|r| r.title = "长".repeat(101), "title"),
            (|r| r.body = String::new(), "body"),
            (|r| r.body = " \n".into(), "body"),
            (|r| r.body = "字".repeat(5001), "body"),
            (|r| r.location = Some(Location { lat: 114.4, lon: 30.5 }), "location"),
            (|r| r.location = Some(Location { lat: f64::NAN, lon: 30.5 }), "location"),
            (|r| r.address = Some("路".repeat(201)), "address"),
            (|r| r.media_url = Some("javascript:alert(1)".into()), "media_url"),
        ];
        for (change, field) in cases {
            let mut request = request();
            change(&mut request);
            assert_eq!(request.problem().map(|(f, _)| f), Some(field), "{request:?}");
        }
        let longest = NewRequest {
            title: "长".repeat(100),
            body: "字".repeat(5000),
            location: Some(Location { lat: 30.5052, lon: 114.3983 }),
            address: Some("路".repeat(200)),
            ..request()
        };
        assert_eq!(longest.problem(), None);
    }

    #[test]
    fn the_address_kept_is_trimmed_and_a_blank_one_is_none() {
        let at = |address: Option<&str>| NewRequest { address: address.map(Into::into), ..request() };
        assert_eq!(at(Some("  光谷大道77号 ")).given_address(), Some("光谷大道77号"));
        assert_eq!(at(Some(" \n")).given_address(), None);
        assert_eq!(at(None).given_address(), None);
    }

    #[test]
    fn a_new_request_refuses_unknown_fields_and_defaults_its_parcel() {
        let body = json!({ "category": "complaint_or_report", "title": "噪音扰民", "body": "夜间施工" });
        let request: NewRequest = serde_json::from_value(body.clone()).unwrap();
        assert_eq!((request.category, request.parcel_id), (Category::ComplaintOrReport, None));
        assert_eq!((request.location, request.address), (None, None));
        let mut located = body.clone();
        located["location"] = json!({ "lat": 30.5052, "lon": 114.3983 });
        located["address"] = json!("光谷大道77号");
        let request: NewRequest = serde_json::from_value(located).unwrap();
        assert_eq!(request.location, Some(Location { lat: 30.5052, lon: 114.3983 }));
        let mut extra = body;
        extra["enterprise_id"] = json!(3);
        assert!(serde_json::from_value::<NewRequest>(extra).is_err());
    }

    #[test]
    fn actions_with_their_notes_and_ratings() {
        let fine = [
            action(Assigned, "", None),
            action(Returned, "不属本单位职责", None),
            action(Extended, "需现场核查", None),
            action(Rated, "", Some(Rating::Satisfied)),
            action(Resolved, &"字".repeat(2000), None),
        ];
        for action in fine {
            assert_eq!(action.problem(), None, "{action:?}");
        }
        let refused = [
            (action(Returned, "  ", None), "note"),
            (action(Extended, "", None), "note"),
            (action(Resolved, &"字".repeat(2001), None), "note"),
            (action(Rated, "", None), "rating"),
            (action(Resolved, "已答复", Some(Rating::Satisfied)), "rating"),
            (action(Reopened, "督办", Some(Rating::Dissatisfied)), "rating"),
        ];
        for (action, field) in refused {
            assert_eq!(action.problem().map(|(f, _)| f), Some(field), "{action:?}");
        }
    }

    #[test]
    fn an_action_without_note_or_rating_reads_from_just_its_target() {
        let action: RequestAction = serde_json::from_value(json!({ "to": "in_progress" })).unwrap();
        assert_eq!(action, RequestAction { to: InProgress, note: String::new(), rating: None });
        assert!(serde_json::from_value::<RequestAction>(json!({ "to": "in_progress", "by": "x" })).is_err());
    }

    #[test]
    fn a_transition_uses_the_actions_rating_to_rate_and_the_held_one_to_reopen() {
        let rules = ServiceRules::china_default();
        let rate = action(Rated, "", Some(Rating::Dissatisfied));
        assert_eq!(rate.transition(&rules, Resolved, None).unwrap().step.zh, "回访评价");
        let reopen = action(Reopened, "督办", None);
        assert_eq!(reopen.transition(&rules, Rated, Some(Rating::Dissatisfied)).unwrap().step.zh, "督办重办");
        assert_eq!(
            reopen.transition(&rules, Rated, Some(Rating::Satisfied)),
            Err(TransitionError::RatingDoesNotReopen {
                rating: Rating::Satisfied,
                reopening: vec![Rating::BasicallySatisfied, Rating::Dissatisfied],
            })
        );
        assert!(matches!(
            action(Assigned, "", None).transition(&rules, Resolved, None),
            Err(TransitionError::Illegal { .. })
        ));
    }

    pub(crate) fn record() -> RequestRecord {
        let (rules, calendar) = (ServiceRules::china_default(), WorkingCalendar::china());
        let submitted_at = at("2026-03-02 09:00:00");
        let deadline = rules.deadline(&calendar, Category::Enquiry, submitted_at, None).unwrap();
        let step = check_transition(&rules, Received, Assigned, None).unwrap();
        RequestRecord {
            id: 42,
            version: 3,
            enterprise_id: 7,
            enterprise_name: "光谷示例科技有限公司".into(),
            park_id: 1,
            parcel_id: Some(12),
            category: Category::Enquiry,
            title: "租金补贴".into(),
            body: "何时申报？".into(),
            location: Some(Location { lat: 30.5052, lon: 114.3983 }),
            address: Some("光谷大道77号".into()),
            media_url: Some("https://example.com/roof.jpg".into()),
            state: Assigned,
            rating: None,
            submitted_at,
            due: Some(RequestDue::new(&deadline, &calendar, at("2026-03-03 10:00:00"))),
            events: vec![
                RequestEvent::received(submitted_at, "光谷示例科技"),
                RequestEvent::transition(at("2026-03-02 10:00:00"), "园区服务中心", step, None, "转人社局"),
            ],
            attachments: vec![AttachmentInfo {
                id: 5,
                name: "说明.pdf".into(),
                content_type: "application/pdf".into(),
                size: 1024,
            }],
        }
    }

    #[test]
    fn the_owner_is_whoever_took_the_first_step_after_the_submission() {
        assert_eq!(record().owner(), Some("园区服务中心"));
        let untouched = RequestRecord { events: record().events[..1].to_vec(), ..record() };
        assert_eq!(untouched.owner(), None);
        // Answered at first contact, then rated: the official who answered owns it.
        let (rules, start) = (ServiceRules::china_default(), at("2026-03-02 10:00:00"));
        let answer = check_transition(&rules, Received, Resolved, None).unwrap();
        let rate = check_transition(&rules, Resolved, Rated, Some(Rating::Satisfied)).unwrap();
        let events = vec![
            record().events[0].clone(),
            RequestEvent::transition(start, "首问专员王五", answer, None, "已答复"),
            RequestEvent::transition(start, "光谷示例科技", rate, Some(Rating::Satisfied), ""),
        ];
        assert_eq!(RequestRecord { events, ..record() }.owner(), Some("首问专员王五"));
    }

    #[test]
    fn a_rating_that_reopens_is_followed_by_the_platforms_supervision_step() {
        let (rules, when) = (ServiceRules::china_default(), at("2026-03-09 10:00:00"));
        let follow_up = action(Rated, "仍有渗水", Some(Rating::Dissatisfied)).follow_up(&rules, when).unwrap();
        assert_eq!((follow_up.from, follow_up.to, follow_up.at), (Some(Rated), Reopened, when));
        assert_eq!((follow_up.actor.as_str(), follow_up.step.zh.as_str()), (PLATFORM_ACTOR, "督办重办"));
        assert_eq!(follow_up.note, "企业评价为“不满意”，平台督办重办");
        assert_eq!(follow_up.rating, None, "the rating stays with the rating's own event");
        let basically = action(Rated, "", Some(Rating::BasicallySatisfied)).follow_up(&rules, when);
        assert_eq!(basically.map(|event| event.to), Some(Reopened));
        assert_eq!(action(Rated, "", Some(Rating::Satisfied)).follow_up(&rules, when), None);
        assert_eq!(action(Resolved, "", None).follow_up(&rules, when), None);
        let mut lenient = rules.clone();
        lenient.ratings.iter_mut().for_each(|rule| rule.reopens = false);
        assert_eq!(action(Rated, "", Some(Rating::Dissatisfied)).follow_up(&lenient, when), None, "the rules decide");
    }

    #[test]
    fn a_desk_shows_the_open_requests_due_first_then_the_closed_ones_newest_first() {
        let due_on = |id: i64, day: &str| {
            let mut request = RequestRecord { id, ..record() };
            request.due.as_mut().unwrap().due_at = at(&format!("{day} 23:59:59"));
            request
        };
        let no_deadline = RequestRecord { id: 3, due: None, ..record() };
        let closed = |id: i64, submitted: &str| RequestRecord {
            id,
            state: Resolved,
            submitted_at: at(submitted),
            ..due_on(id, "2026-01-01")
        };
        let mut desk = [
            closed(5, "2026-03-01 09:00:00"),
            no_deadline,
            due_on(2, "2026-03-09"),
            closed(6, "2026-03-05 09:00:00"),
            due_on(1, "2026-02-27"),
        ];
        desk.sort_by_key(RequestRecord::urgency);
        let order: Vec<i64> = desk.iter().map(|request| request.id).collect();
        assert_eq!(order, [1, 2, 3, 6, 5]);
    }

    #[test]
    fn a_deadline_to_respond_is_met_by_the_first_step_and_one_to_resolve_by_the_resolution() {
        assert_eq!(record().met_at(DeadlineKind::Respond), Some(at("2026-03-02 10:00:00")));
        assert_eq!(record().met_at(DeadlineKind::Resolve), None, "assigned, not yet resolved");
        let untouched = RequestRecord { events: record().events[..1].to_vec(), ..record() };
        assert_eq!(untouched.met_at(DeadlineKind::Respond), None);
        let mut resolved = RequestEvent::received(at("2026-03-04 15:00:00"), "园区");
        resolved.to = Resolved;
        let mut events = record().events;
        events.push(resolved);
        let closed = RequestRecord { state: Rated, events, ..record() };
        assert_eq!(closed.met_at(DeadlineKind::Resolve), Some(at("2026-03-04 15:00:00")));
    }

    #[test]
    fn a_closed_request_is_judged_when_it_was_resolved() {
        let (rules, calendar) = (ServiceRules::china_default(), WorkingCalendar::china());
        let mut resolved = RequestEvent::received(at("2026-03-09 10:00:00"), "园区");
        resolved.to = Resolved;
        let closed = RequestRecord { state: Resolved, events: vec![record().events[0].clone(), resolved], ..record() };
        let due = RequestDue::of(&closed, &rules, &calendar, at("2026-06-01 00:00:00")).unwrap();
        assert_eq!(due.due_at.to_string(), "2026-03-04 23:59:59");
        assert_eq!(due.status.at, at("2026-03-09 10:00:00"));
        assert!(due.status.overdue);
    }

    #[test]
    fn an_open_request_is_judged_now_and_an_extension_adds_its_categorys_days() {
        let (rules, calendar) = (ServiceRules::china_default(), WorkingCalendar::china());
        let open = RequestRecord { category: Category::General, ..record() };
        let due = RequestDue::of(&open, &rules, &calendar, at("2026-03-03 10:00:00")).unwrap();
        assert_eq!(due.status.at, at("2026-03-03 10:00:00"));
        let mut extended = RequestEvent::received(at("2026-03-03 11:00:00"), "园区");
        (extended.to, extended.note) = (Extended, "需现场核查".into());
        let longer = RequestRecord { events: vec![open.events[0].clone(), extended], ..open.clone() };
        let later = RequestDue::of(&longer, &rules, &calendar, at("2026-03-03 10:00:00")).unwrap();
        assert_eq!(rules.extension_days(Category::General), Some(10));
        assert_eq!(calendar.working_days_between(due.due_at.date(), later.due_at.date()).working_days, 10);
        assert_eq!(rules.extension_days(Category::Enquiry), None);
    }

    #[test]
    fn a_record_carries_its_deadline_and_history() {
        let value = serde_json::to_value(record()).unwrap();
        assert_eq!(value["state"], "assigned");
        assert_eq!(value["submitted_at"], "2026-03-02T09:00:00");
        assert_eq!(value["due"]["due_at"], "2026-03-04T23:59:59");
        assert_eq!(value["due"]["kind"], "resolve");
        assert_eq!(value["due"]["status"]["overdue"], false);
        assert_eq!(value["due"]["status"]["remaining_working_days"], 1);
        assert_eq!(value["events"][0]["from"], serde_json::Value::Null);
        assert_eq!(value["events"][0]["to"], "received");
        assert_eq!(value["events"][1]["from"], "received");
        assert_eq!(value["events"][1]["step"]["zh"], "调度交办");
        assert_eq!(value["location"], json!({ "lat": 30.5052, "lon": 114.3983 }));
        assert_eq!(value["address"], "光谷大道77号");
        let mut older = value.clone();
        older.as_object_mut().unwrap().retain(|key, _| !["location", "address", "media_url"].contains(&key.as_str()));
        let older: RequestRecord = serde_json::from_value(older).unwrap();
        assert_eq!(
            (older.location, older.address, older.media_url),
            (None, None, None),
            "older records read as without"
        );
        let text = serde_json::to_string(&record()).unwrap();
        assert_eq!(serde_json::from_str::<RequestRecord>(&text).unwrap(), record());
    }

    proptest! {
        #[test]
        fn new_requests_round_trip(
            category in proptest::sample::select(Category::ALL.to_vec()),
            title in ".{0,30}",
            body in ".{0,200}",
            parcel_id in proptest::option::of(1i64..),
            location in proptest::option::of((-90.0f64..=90.0, -180.0f64..=180.0)),
            address in proptest::option::of(".{0,40}"),
        ) {
            let location = location.map(|(lat, lon)| Location { lat, lon });
            let request = NewRequest { category, title, body, parcel_id, location, address, media_url: None };
            let text = serde_json::to_string(&request).unwrap();
            prop_assert_eq!(serde_json::from_str::<NewRequest>(&text).unwrap(), request);
        }

        #[test]
        fn actions_round_trip(
            to in proptest::sample::select(RequestState::ALL.to_vec()),
            note in ".{0,40}",
            rating in proptest::option::of(proptest::sample::select(Rating::ALL.to_vec())),
        ) {
            let action = RequestAction { to, note, rating };
            let text = serde_json::to_string(&action).unwrap();
            prop_assert_eq!(serde_json::from_str::<RequestAction>(&text).unwrap(), action);
        }
    }
}
