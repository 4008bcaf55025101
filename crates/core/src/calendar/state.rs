//! The life cycle of a service request (spec §6): states, the allowed transitions, follow-up
//! ratings and the Open311 GeoReport v2 status of each state.
//!
//! The transitions follow the 12345 loop 受理 → 调度 → 办理 → 回复 → 督办 → 办结 → 回访 → 评价
//! (国办发〔2020〕53号) under 首问负责: the official who first receives a request owns it until
//! it is done, so every path that leaves a handling unit (退回, a reopening rating) comes back
//! to that owner, who either dispatches the request again or answers it. 督办 (supervision) is
//! an action on an open request, not a state; a reopening rating is recorded as `reopened`.

use serde::{Deserialize, Serialize};

use super::rules::ServiceRules;
use super::{join_displayed, Bilingual, Label};
use Needs::{Nothing, ReopeningRating};
use RequestState::{Assigned, Extended, InProgress, Rated, Received, Reopened, Resolved, Returned};

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    /// 提交/受理
    Received,
    /// 分派/交办
    Assigned,
    /// 办理中
    InProgress,
    /// 延期, approved with a reason
    Extended,
    /// 退回/改派: sent back to the first receiver
    Returned,
    /// 已办结/已答复
    Resolved,
    /// 回访评价
    Rated,
    /// 不满意 → 重办
    Reopened,
}

/// The `status` field of an Open311 GeoReport v2 request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Open311Status {
    Open,
    Closed,
}

/// Who must act next (首问负责): the request is never without an owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holder {
    /// 首问责任人: the official who first received the request.
    FirstReceiver,
    /// 承办单位: the unit the request was dispatched to.
    Handler,
}

/// A follow-up rating (回访评价).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// 满意
    Satisfied,
    /// 基本满意
    BasicallySatisfied,
    /// 不满意
    Dissatisfied,
}

/// A transition that [`check_transition`] accepted, named as a step of the loop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionStep {
    pub from: RequestState,
    pub to: RequestState,
    pub step: Bilingual,
}

/// Why a transition is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum TransitionError {
    #[error("a request cannot go from {from} to {to}; from {from} it can go to: {}", join_displayed(.allowed, ", "))]
    Illegal { from: RequestState, to: RequestState, allowed: Vec<RequestState> },
    #[error("going from {from} to {to} needs the requester's rating (满意, 基本满意 or 不满意); record it first")]
    RatingRequired { from: RequestState, to: RequestState },
    #[error("a request rated {rating} stays closed; only a rating of {} reopens it", join_displayed(.reopening, ", "))]
    RatingDoesNotReopen { rating: Rating, reopening: Vec<Rating> },
}

/// What a transition needs besides its two states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    Nothing,
    /// The rating given at the follow-up.
    Rating,
    /// The request's rating must be one that reopens ([`ServiceRules::reopens`]).
    ReopeningRating,
}

struct Edge {
    from: RequestState,
    to: RequestState,
    step: Label,
    needs: Needs,
}

const fn edge(from: RequestState, to: RequestState, zh: &'static str, en: &'static str, needs: Needs) -> Edge {
    Edge { from, to, step: Label { zh, en }, needs }
}

/// Every allowed transition. The first receiver's states (received, returned, reopened) lead
/// to a dispatch or a direct answer; the handler's states (assigned, in progress, extended)
/// lead to work, an extension, a return or an answer; an answered request is rated, and a
/// reopening rating starts the loop again.
const EDGES: [Edge; 14] = [
    edge(Received, Assigned, "调度交办", "dispatched to a handling unit", Nothing),
    edge(Received, Resolved, "即时答复", "answered at first contact", Nothing),
    edge(Assigned, InProgress, "签收办理", "accepted by the handling unit", Nothing),
    edge(Assigned, Returned, "退回", "returned as outside the unit's remit", Nothing),
    edge(InProgress, Extended, "延期", "extension approved with a reason", Nothing),
    edge(InProgress, Returned, "退回", "returned after review", Nothing),
    edge(InProgress, Resolved, "回复办结", "answered and resolved", Nothing),
    edge(Extended, Resolved, "回复办结", "answered and resolved", Nothing),
    edge(Returned, Assigned, "改派", "dispatched again by the first receiver", Nothing),
    edge(Returned, Resolved, "首问答复", "answered by the first receiver", Nothing),
    edge(Resolved, Rated, "回访评价", "rated at the follow-up", Needs::Rating),
    edge(Rated, Reopened, "督办重办", "reopened under supervision after the rating", ReopeningRating),
    edge(Reopened, Assigned, "重新交办", "dispatched again under supervision", Nothing),
    edge(Reopened, Resolved, "首问答复", "answered by the first receiver", Nothing),
];

impl RequestState {
    pub const ALL: [RequestState; 8] = [Received, Assigned, InProgress, Extended, Returned, Resolved, Rated, Reopened];

    pub fn label(self) -> Label {
        match self {
            Received => Label { zh: "已受理", en: "received" },
            Assigned => Label { zh: "已交办", en: "assigned" },
            InProgress => Label { zh: "办理中", en: "in progress" },
            Extended => Label { zh: "已延期", en: "extended" },
            Returned => Label { zh: "已退回", en: "returned" },
            Resolved => Label { zh: "已办结", en: "resolved" },
            Rated => Label { zh: "已评价", en: "rated" },
            Reopened => Label { zh: "重办", en: "reopened" },
        }
    }

    /// Answered requests are closed for Open311, whatever their rating; a reopened one is open again.
    pub fn open311_status(self) -> Open311Status {
        match self {
            Resolved | Rated => Open311Status::Closed,
            Received | Assigned | InProgress | Extended | Returned | Reopened => Open311Status::Open,
        }
    }

    pub fn holder(self) -> Holder {
        match self {
            Assigned | InProgress | Extended => Holder::Handler,
            Received | Returned | Resolved | Rated | Reopened => Holder::FirstReceiver,
        }
    }

    /// The states a request in this state may move to, ignoring ratings.
    pub fn next_states(self) -> Vec<RequestState> {
        EDGES.iter().filter(|edge| edge.from == self).map(|edge| edge.to).collect()
    }
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::Satisfied, Rating::BasicallySatisfied, Rating::Dissatisfied];

    pub fn label(self) -> Label {
        match self {
            Rating::Satisfied => Label { zh: "满意", en: "satisfied" },
            Rating::BasicallySatisfied => Label { zh: "基本满意", en: "basically satisfied" },
            Rating::Dissatisfied => Label { zh: "不满意", en: "dissatisfied" },
        }
    }
}

/// Checks a transition. `rating` is the rating given with the change to `rated`, or, for
/// `rated → reopened`, the rating the request holds; other transitions ignore it.
pub fn check_transition(
    rules: &ServiceRules,
    from: RequestState,
    to: RequestState,
    rating: Option<Rating>,
) -> Result<TransitionStep, TransitionError> {
    let edge = EDGES
        .iter()
        .find(|edge| edge.from == from && edge.to == to)
        .ok_or_else(|| TransitionError::Illegal { from, to, allowed: from.next_states() })?;
    match (edge.needs, rating) {
        (Nothing, _) => {}
        (Needs::Rating | ReopeningRating, None) => return Err(TransitionError::RatingRequired { from, to }),
        (Needs::Rating, Some(_)) => {}
        (ReopeningRating, Some(rating)) if !rules.reopens(rating) => {
            let reopening = Rating::ALL.into_iter().filter(|rating| rules.reopens(*rating)).collect();
            return Err(TransitionError::RatingDoesNotReopen { rating, reopening });
        }
        (ReopeningRating, Some(_)) => {}
    }
    Ok(TransitionStep { from, to, step: edge.step.into() })
}

/// The name of the step from `from` to `to` as a request's history shows it: its two
/// states alone decide it (a rating decides only whether the step may be taken). A pair
/// that is no step, as in records older than a rule change, is named by the state reached.
pub fn step_name(from: RequestState, to: RequestState) -> Bilingual {
    match EDGES.iter().find(|edge| edge.from == from && edge.to == to) {
        Some(edge) => edge.step.into(),
        None => to.label().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn steps_are_named_by_their_states() {
        assert_eq!(step_name(RequestState::Received, RequestState::Assigned).zh, "调度交办");
        assert_eq!(step_name(RequestState::Rated, RequestState::Reopened).zh, "督办重办");
        assert_eq!(step_name(RequestState::Resolved, RequestState::Rated).zh, "回访评价");
        assert_eq!(step_name(RequestState::Received, RequestState::Rated).zh, RequestState::Rated.label().zh);
    }

    fn check(from: RequestState, to: RequestState, rating: Option<Rating>) -> Result<TransitionStep, TransitionError> {
        check_transition(&ServiceRules::china_default(), from, to, rating)
    }

    #[test]
    fn every_legal_transition_is_accepted_with_its_step() {
        let legal = [
            (Received, Assigned, None, "调度交办"),
            (Received, Resolved, None, "即时答复"),
            (Assigned, InProgress, None, "签收办理"),
            (Assigned, Returned, None, "退回"),
            (InProgress, Extended, None, "延期"),
            (InProgress, Returned, None, "退回"),
            (InProgress, Resolved, None, "回复办结"),
            (Extended, Resolved, None, "回复办结"),
            (Returned, Assigned, None, "改派"),
            (Returned, Resolved, None, "首问答复"),
            (Resolved, Rated, Some(Rating::Satisfied), "回访评价"),
            (Resolved, Rated, Some(Rating::Dissatisfied), "回访评价"),
            (Rated, Reopened, Some(Rating::BasicallySatisfied), "督办重办"),
            (Rated, Reopened, Some(Rating::Dissatisfied), "督办重办"),
            (Reopened, Assigned, None, "重新交办"),
            (Reopened, Resolved, None, "首问答复"),
        ];
        for (from, to, rating, step) in legal {
            assert_eq!(check(from, to, rating).map(|s| s.step.zh), Ok(step.to_string()), "{from} → {to}");
        }
    }

    #[test]
    fn exactly_fourteen_of_the_64_state_pairs_are_transitions() {
        let pairs = RequestState::ALL.iter().flat_map(|from| RequestState::ALL.map(|to| (*from, to)));
        let legal = pairs.filter(|(from, to)| check(*from, *to, Some(Rating::Dissatisfied)).is_ok()).count();
        assert_eq!(legal, 14);
    }

    #[test]
    fn a_received_request_cannot_be_rated_and_the_error_lists_the_way_on() {
        let error = check(Received, Rated, Some(Rating::Satisfied)).unwrap_err();
        assert_eq!(error, TransitionError::Illegal { from: Received, to: Rated, allowed: vec![Assigned, Resolved] });
        assert_eq!(
            error.to_string(),
            "a request cannot go from 已受理 (received) to 已评价 (rated); from 已受理 (received) it can go to: \
             已交办 (assigned), 已办结 (resolved)"
        );
    }

    #[test]
    fn a_resolved_request_cannot_go_back_to_work_without_a_rating() {
        assert!(matches!(check(Resolved, InProgress, None), Err(TransitionError::Illegal { .. })));
        assert!(matches!(check(Resolved, Reopened, None), Err(TransitionError::Illegal { .. })));
    }

    #[test]
    fn a_second_extension_and_staying_put_are_illegal() {
        assert!(matches!(check(Extended, Extended, None), Err(TransitionError::Illegal { .. })));
        assert!(matches!(check(Received, Received, None), Err(TransitionError::Illegal { .. })));
    }

    #[test]
    fn an_extended_request_cannot_be_returned() {
        let error = check(Extended, Returned, None).unwrap_err();
        assert_eq!(error, TransitionError::Illegal { from: Extended, to: Returned, allowed: vec![Resolved] });
    }

    #[test]
    fn rating_needs_a_rating() {
        assert_eq!(check(Resolved, Rated, None), Err(TransitionError::RatingRequired { from: Resolved, to: Rated }));
        assert_eq!(check(Rated, Reopened, None), Err(TransitionError::RatingRequired { from: Rated, to: Reopened }));
    }

    #[test]
    fn a_satisfied_rating_does_not_reopen() {
        let error = check(Rated, Reopened, Some(Rating::Satisfied)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "a request rated 满意 (satisfied) stays closed; only a rating of 基本满意 (basically satisfied), \
             不满意 (dissatisfied) reopens it"
        );
    }

    #[test]
    fn reopening_follows_the_rules_table() {
        let mut rules = ServiceRules::china_default();
        rules.ratings.iter_mut().for_each(|rule| rule.reopens = rule.rating == Rating::Dissatisfied);
        let refused = check_transition(&rules, Rated, Reopened, Some(Rating::BasicallySatisfied));
        assert_eq!(
            refused,
            Err(TransitionError::RatingDoesNotReopen {
                rating: Rating::BasicallySatisfied,
                reopening: vec![Rating::Dissatisfied]
            })
        );
    }

    #[test]
    fn open311_closes_resolved_and_rated_requests_only() {
        let statuses: Vec<_> = RequestState::ALL.iter().map(|state| state.open311_status()).collect();
        use Open311Status::{Closed, Open};
        assert_eq!(statuses, vec![Open, Open, Open, Open, Open, Closed, Closed, Open]);
        assert_eq!(serde_json::to_string(&Open311Status::Closed).unwrap(), r#""closed""#);
    }

    #[test]
    fn handlers_hold_only_dispatched_work_and_the_first_receiver_holds_the_rest() {
        let holders: Vec<_> = RequestState::ALL.iter().map(|state| state.holder()).collect();
        use Holder::{FirstReceiver as F, Handler as H};
        assert_eq!(holders, vec![F, H, H, H, F, F, F, F]);
    }

    #[test]
    fn every_state_has_a_way_on() {
        for state in RequestState::ALL {
            assert!(!state.next_states().is_empty(), "{state}");
        }
    }

    #[test]
    fn states_and_ratings_use_snake_case_in_json() {
        assert_eq!(serde_json::to_string(&InProgress).unwrap(), r#""in_progress""#);
        assert_eq!(serde_json::to_string(&Rating::BasicallySatisfied).unwrap(), r#""basically_satisfied""#);
    }

    fn round_trip<T: Serialize + serde::de::DeserializeOwned>(value: &T) -> T {
        serde_json::from_str(&serde_json::to_string(value).unwrap()).unwrap()
    }

    proptest! {
        #[test]
        fn states_ratings_steps_and_errors_round_trip_through_json(
            from in proptest::sample::select(RequestState::ALL.to_vec()),
            to in proptest::sample::select(RequestState::ALL.to_vec()),
            rating in proptest::option::of(proptest::sample::select(Rating::ALL.to_vec())),
        ) {
            match check(from, to, rating) {
                Ok(step) => prop_assert_eq!(round_trip(&step), step),
                Err(error) => prop_assert_eq!(round_trip(&error), error),
            }
            prop_assert_eq!(round_trip(&from.holder()), from.holder());
            prop_assert_eq!(round_trip(&from.open311_status()), from.open311_status());
            prop_assert_eq!(round_trip(&to), to);
            prop_assert_eq!(round_trip(&rating), rating);
        }
    }
}
