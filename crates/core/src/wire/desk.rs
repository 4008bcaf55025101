//! The steps an official takes on a request at the desk (办理台), named as officials name
//! them, each one a transition of core's life cycle ([`check_transition`]):
//!
//! | step | from | to |
//! |---|---|---|
//! | 受理 claim (首问负责) | received | assigned |
//! | 签收办理 accept | assigned | in progress |
//! | 一次性告知 notice | assigned | in progress, the note listing every missing material |
//! | 交办 assign | returned, reopened | assigned |
//! | 退回 return | assigned, in progress | returned |
//! | 延期 extend | in progress | extended (once, where the category allows one) |
//! | 办结 resolve | received, in progress, extended, returned, reopened | resolved |
//!
//! The life cycle has no step that leaves a request where it stands, so 一次性告知 is given
//! when the handler signs for the request (签收): that is when the materials are checked,
//! and the notice is the note of that step. Claiming is the first step an official takes,
//! which makes them the owner ([`RequestRecord::owner`]).

use serde::{Deserialize, Serialize};

use super::{RequestAction, RequestRecord};
use crate::calendar::{check_transition, RequestState, ServiceRules};
use crate::text::{Bilingual, Label};
use RequestState::{Assigned, Extended, InProgress, Received, Reopened, Resolved, Returned};

/// What the note of a claim says when the official adds nothing.
pub const CLAIM_NOTE: &str = "首问负责：已受理，由本人负责办理到底";

/// The most free items a notice may add to the category's list.
pub const MAX_FREE_MATERIALS: usize = 10;

/// One step of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeskStep {
    Claim,
    Accept,
    Notice,
    Assign,
    Return,
    Extend,
    Resolve,
}

impl DeskStep {
    pub const ALL: [DeskStep; 7] = [
        DeskStep::Claim,
        DeskStep::Accept,
        DeskStep::Notice,
        DeskStep::Assign,
        DeskStep::Return,
        DeskStep::Extend,
        DeskStep::Resolve,
    ];

    pub fn label(self) -> Label {
        match self {
            DeskStep::Claim => Label { zh: "受理（首问负责）", en: "Claim (首问负责)" },
            DeskStep::Accept => Label { zh: "签收办理", en: "Accept" },
            DeskStep::Notice => Label { zh: "一次性告知", en: "Tell every missing material at once" },
            DeskStep::Assign => Label { zh: "交办", en: "Assign" },
            DeskStep::Return => Label { zh: "退回", en: "Return" },
            DeskStep::Extend => Label { zh: "延期", en: "Extend" },
            DeskStep::Resolve => Label { zh: "办结答复", en: "Resolve with a reply" },
        }
    }

    /// The state this step moves a request in `from` to, if it starts there.
    pub fn target(self, from: RequestState) -> Option<RequestState> {
        let to = match (self, from) {
            (DeskStep::Claim, Received) => Assigned,
            (DeskStep::Accept | DeskStep::Notice, Assigned) => InProgress,
            (DeskStep::Assign, Returned | Reopened) => Assigned,
            (DeskStep::Return, Assigned | InProgress) => Returned,
            (DeskStep::Extend, InProgress) => Extended,
            (DeskStep::Resolve, Received | InProgress | Extended | Returned | Reopened) => Resolved,
            _ => return None,
        };
        Some(to)
    }

    /// The step needs a note: the reason (退回, 延期), to whom (交办), the reply (办结).
    pub fn needs_note(self) -> bool {
        matches!(self, DeskStep::Assign | DeskStep::Return | DeskStep::Extend | DeskStep::Resolve)
    }
}

/// Why a desk step cannot be sent as it stands: `(field, problem)`.
pub type DeskProblem = (&'static str, String);

impl RequestRecord {
    /// The steps an official may take on this request now, in [`DeskStep::ALL`] order: those
    /// the life cycle allows from its state, an extension only once and only where the
    /// category has one (`rules`), a claim only while nobody owns the request.
    pub fn desk_steps(&self, rules: &ServiceRules) -> Vec<DeskStep> {
        let extended_before = self.events.iter().any(|event| event.to == Extended);
        DeskStep::ALL
            .into_iter()
            .filter(|step| {
                step.target(self.state).is_some_and(|to| check_transition(rules, self.state, to, self.rating).is_ok())
            })
            .filter(|step| match step {
                DeskStep::Claim => self.owner().is_none(),
                DeskStep::Extend => !extended_before && rules.extension_days(self.category).is_some(),
                _ => true,
            })
            .collect()
    }

    /// The action that takes `step` with `note`, checked: the step must be one of
    /// [`RequestRecord::desk_steps`], and a step that needs a note has one.
    pub fn desk_action(&self, rules: &ServiceRules, step: DeskStep, note: &str) -> Result<RequestAction, DeskProblem> {
        if !self.desk_steps(rules).contains(&step) {
            let state = self.state.label().en;
            return Err(("to", format!("“{}” is not a step a request that is {state} can take", step.label().en)));
        }
        let note = note.trim();
        if step.needs_note() && note.is_empty() {
            let what = match step {
                DeskStep::Assign => "say to whom and why",
                DeskStep::Resolve => "write the reply the enterprise gets",
                _ => "give the reason",
            };
            return Err(("note", what.into()));
        }
        let note = match step {
            DeskStep::Claim if note.is_empty() => CLAIM_NOTE.to_string(),
            _ => note.to_string(),
        };
        let to = step.target(self.state).ok_or(("to", "no target state".to_string()))?;
        let action = RequestAction { to, note, rating: None };
        match action.problem() {
            Some(problem) => Err(problem),
            None => Ok(action),
        }
    }
}

/// 一次性告知: one reply that lists every missing material at once, picked from the
/// category's list ([`ServiceRules::materials`]) plus items the official types.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneTimeNotice {
    /// The materials picked from the category's list.
    pub listed: Vec<Bilingual>,
    /// Materials the list lacks, as typed.
    pub free: Vec<String>,
}

impl OneTimeNotice {
    /// Every material, listed ones first, each once, blanks left out (Chinese names).
    pub fn items(&self) -> Vec<String> {
        let mut items: Vec<String> = Vec::new();
        let named = self.listed.iter().map(|material| material.zh.trim());
        for item in named.chain(self.free.iter().map(|item| item.trim())) {
            if !item.is_empty() && !items.iter().any(|kept| kept == item) {
                items.push(item.to_string());
            }
        }
        items
    }

    /// What stops the notice from being sent, if anything.
    pub fn problem(&self) -> Option<DeskProblem> {
        if self.items().is_empty() {
            return Some(("materials", "pick at least one missing material or type one".into()));
        }
        let free = self.free.iter().filter(|item| !item.trim().is_empty()).count();
        if free > MAX_FREE_MATERIALS {
            return Some((
                "materials",
                format!("{free} typed materials are too many for one notice; keep at most {MAX_FREE_MATERIALS}"),
            ));
        }
        None
    }

    /// The reply the enterprise reads, e.g. “一次性告知：请补齐以下 2 项材料：1. 申请书；2. 营业执照复印件。
    /// 材料齐全后即继续办理。”
    pub fn text(&self) -> String {
        let items = self.items();
        let numbered: Vec<String> = items.iter().enumerate().map(|(i, item)| format!("{}. {item}", i + 1)).collect();
        format!("一次性告知：请补齐以下 {} 项材料：{}。材料齐全后即继续办理。", items.len(), numbered.join("；"))
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::calendar::{step_name, Category, Rating};
    use crate::wire::RequestEvent;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    /// A general request (extendable) that went through `states` after its submission.
    fn record(category: Category, states: &[RequestState]) -> RequestRecord {
        let mut events = vec![RequestEvent::received(at("2026-03-02 09:00"), "企业用户甲")];
        let mut from = Received;
        for to in states {
            events.push(RequestEvent {
                at: at("2026-03-03 09:00"),
                actor: "园区管理员".into(),
                from: Some(from),
                to: *to,
                step: step_name(from, *to),
                rating: (*to == RequestState::Rated).then_some(Rating::Dissatisfied),
                note: String::new(),
            });
            from = *to;
        }
        RequestRecord {
            id: 1,
            version: 1,
            enterprise_id: 1,
            enterprise_name: "示例企业".into(),
            park_id: 1,
            parcel_id: None,
            category,
            title: "厂房用电增容".into(),
            body: "请协调供电部门。".into(),
            location: None,
            address: None,
            media_url: None,
            state: from,
            rating: states.contains(&RequestState::Rated).then_some(Rating::Dissatisfied),
            submitted_at: at("2026-03-02 09:00"),
            due: None,
            events,
            attachments: Vec::new(),
        }
    }

    fn steps(category: Category, states: &[RequestState]) -> Vec<DeskStep> {
        record(category, states).desk_steps(&ServiceRules::china_default())
    }

    #[test]
    fn each_state_offers_only_its_legal_steps() {
        use DeskStep::*;
        let general = Category::General;
        assert_eq!(steps(general, &[]), [Claim, Resolve]);
        assert_eq!(steps(general, &[Assigned]), [Accept, Notice, Return]);
        assert_eq!(steps(general, &[Assigned, InProgress]), [Return, Extend, Resolve]);
        assert_eq!(steps(general, &[Assigned, InProgress, Extended]), [Resolve]);
        assert_eq!(steps(general, &[Assigned, Returned]), [Assign, Resolve]);
        assert_eq!(steps(general, &[Assigned, InProgress, Resolved]), []);
        let reopened = [Assigned, InProgress, Resolved, RequestState::Rated, Reopened];
        assert_eq!(steps(general, &reopened), [Assign, Resolve]);
    }

    #[test]
    fn an_extension_needs_a_category_that_has_one_and_comes_once() {
        assert!(!steps(Category::Enquiry, &[Assigned, InProgress]).contains(&DeskStep::Extend));
        let again = [Assigned, InProgress, Extended, Returned, Assigned, InProgress];
        assert!(!steps(Category::General, &again).contains(&DeskStep::Extend));
    }

    #[test]
    fn every_offered_step_is_a_transition_the_server_accepts() {
        let rules = ServiceRules::china_default();
        for state_path in [&[][..], &[Assigned], &[Assigned, InProgress], &[Assigned, Returned]] {
            let request = record(Category::General, state_path);
            for step in request.desk_steps(&rules) {
                let action = request.desk_action(&rules, step, "说明").unwrap();
                assert!(action.transition(&rules, request.state, request.rating).is_ok(), "{step:?}");
            }
        }
    }

    #[test]
    fn a_claim_fills_in_its_note_and_other_steps_ask_for_theirs() {
        let rules = ServiceRules::china_default();
        let received = record(Category::General, &[]);
        let claim = received.desk_action(&rules, DeskStep::Claim, "  ").unwrap();
        assert_eq!((claim.to, claim.note.as_str()), (Assigned, CLAIM_NOTE));
        assert_eq!(received.desk_action(&rules, DeskStep::Resolve, " ").unwrap_err().0, "note");
        let (field, problem) = received.desk_action(&rules, DeskStep::Extend, "等待材料").unwrap_err();
        assert_eq!(field, "to");
        assert!(problem.contains("received"), "{problem}");
        let in_progress = record(Category::General, &[Assigned, InProgress]);
        let extend = in_progress.desk_action(&rules, DeskStep::Extend, " 需协调供电公司 ").unwrap();
        assert_eq!((extend.to, extend.note.as_str()), (Extended, "需协调供电公司"));
    }

    #[test]
    fn a_claimed_request_has_an_owner_and_offers_no_second_claim() {
        let claimed = record(Category::General, &[Assigned]);
        assert_eq!(claimed.owner(), Some("园区管理员"));
        assert!(!claimed.desk_steps(&ServiceRules::china_default()).contains(&DeskStep::Claim));
    }

    #[test]
    fn a_notice_lists_picked_and_typed_materials_once_each() {
        let rules = ServiceRules::china_default();
        let listed = rules.materials(Category::General).to_vec();
        let notice = OneTimeNotice {
            listed: listed.clone(),
            free: vec![" 环评批复 ".into(), "".into(), "申请书".into()],
        };
        assert_eq!(notice.items(), ["申请书", "营业执照复印件", "环评批复"]);
        assert_eq!(
            notice.text(),
            "一次性告知：请补齐以下 3 项材料：1. 申请书；2. 营业执照复印件；3. 环评批复。材料齐全后即继续办理。"
        );
        assert_eq!(notice.problem(), None);
        assert_eq!(OneTimeNotice { listed: Vec::new(), free: vec!["  ".into()] }.problem().unwrap().0, "materials");
        let many = OneTimeNotice { listed: Vec::new(), free: (0..11).map(|i| format!("材料{i}")).collect() };
        assert!(many.problem().unwrap().1.contains("11 typed materials"));
    }
}
