//! The demo service requests (企业诉求) and investment inquiries of one park. Every park has
//! requests in every state, each with a history that core's life cycle allows step by step
//! (the tests replay it), and the first firm of each park (the demo enterprise accounts'
//! own) has one request in every state.

use chrono::{Duration, NaiveDateTime};
use parkatlas_core::calendar::{service_rules, working_calendar, Category, Extension, Rating, RequestState};
use parkatlas_core::wire::{InquiryStatus, NewInquiry, RequestAction};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use RequestState::{Assigned, Extended, InProgress, Rated, Received, Reopened, Resolved, Returned};

use super::enterprises::{date, Firms};
use super::{weighted, ParkCopy};
use crate::store::bulk::{AttachmentRow, Dataset, EventRow, InquiryRow, RequestRow};

/// What a request is about, by category: (title, text).
const SUBJECTS: [(Category, &str, &str); 14] = [
    (Category::Enquiry, "标准厂房租金补贴申报时间", "请问本年度标准厂房租金补贴何时开始申报？需要准备哪些材料？"),
    (Category::Enquiry, "高新技术企业认定辅导", "我司计划申报高新技术企业，请问园区是否提供申报辅导和中介对接？"),
    (Category::Enquiry, "专精特新申报条件", "请问申报省级专精特新中小企业对研发投入和发明专利有何要求？"),
    (Category::Enquiry, "人才公寓申请", "新引进的研发人员能否申请园区人才公寓？申请流程是什么？"),
    (Category::HelpOrSuggestion, "园区道路照明不足", "园区主干道夜间多盏路灯损坏，员工下班通行不便，建议尽快维修。"),
    (Category::HelpOrSuggestion, "增开通勤班车", "建议在早晚高峰增开园区至地铁站的通勤班车，方便员工上下班。"),
    (Category::HelpOrSuggestion, "对接高校检测平台", "希望园区协助对接高校实验室，开展产品可靠性联合检测。"),
    (Category::ComplaintOrReport, "相邻地块夜间施工噪声", "相邻地块夜间施工噪声较大，影响倒班员工休息，请协调处理。"),
    (Category::ComplaintOrReport, "公共能耗分摊未公示", "园区物业对公共区域能耗的分摊未公示明细，请督促公开。"),
    (Category::General, "厂房用电增容", "因新增产线，需将变压器容量由 800 kVA 增至 1600 kVA，请协调供电部门。"),
    (Category::General, "二期厂房施工许可", "二期厂房已取得建设工程规划许可，请协助加快施工许可办理。"),
    (Category::General, "天然气管道接入", "新建涂装线需接入天然气管道，请协调燃气公司踏勘并给出接入方案。"),
    (Category::Urgent, "厂区突发停水", "今晨起厂区停水，两条产线已停产，请紧急协调供水单位抢修。"),
    (Category::Urgent, "雨水管道堵塞积水", "暴雨后厂区门前雨水管道堵塞，积水已漫入仓库，请紧急疏通。"),
];

/// The subject of the first firm's received request: a general one (厂房用电增容).
const DESK_EXAMPLE: usize = 9;

/// The latest moment of the dataset: every event happened before it.
fn last_moment() -> NaiveDateTime {
    date(2026, 11, 20).and_hms_opt(18, 0, 0).expect("a valid time")
}

/// Adds `park`'s requests and inquiries to `data`; `parcels_of` gives each firm's parcel ids.
pub(super) fn add(
    park: &ParkCopy,
    firms: &Firms,
    parcels_of: &dyn Fn(usize) -> Vec<i64>,
    available_parcels: &[i64],
    rng: &mut ChaCha8Rng,
    data: &mut Dataset,
) {
    for index in 0..park.plan.requests {
        // The first firm (enterprise 1 in park 1, 2 in park 2) gets one request per state.
        let (firm, target) = if index < RequestState::ALL.len() {
            (0, RequestState::ALL[index])
        } else {
            let target = weighted(
                rng,
                &[
                    (Received, 8),
                    (Assigned, 8),
                    (InProgress, 12),
                    (Extended, 5),
                    (Returned, 5),
                    (Resolved, 16),
                    (Rated, 40),
                    (Reopened, 6),
                ],
            );
            (rng.random_range(0..firms.firms.len()), target)
        };
        let parcels = parcels_of(firm);
        let parcel_id =
            (!parcels.is_empty() && rng.random_bool(0.3)).then(|| parcels[rng.random_range(0..parcels.len())]);
        let id = data.requests.len() as i64 + 1;
        // The first firm's received request is the desk's worked example (general: it has
        // materials to tell at once and an extension), overdue in every run.
        let subject = (index == 0).then_some(DESK_EXAMPLE);
        data.requests.push(request(id, park.id, firms.firms[firm].id, parcel_id, target, subject, rng));
    }
    for (index, status) in
        [InquiryStatus::New, InquiryStatus::New, InquiryStatus::Answered, InquiryStatus::Closed].into_iter().enumerate()
    {
        let id = data.inquiries.len() as i64 + 1;
        let parcel_id =
            (!available_parcels.is_empty()).then(|| available_parcels[rng.random_range(0..available_parcels.len())]);
        let industry = park.plan.leading_industries[index % park.plan.leading_industries.len()];
        let inquiry = NewInquiry {
            name: format!("{}先生（演示）", ["王", "李", "赵", "钱"][index]),
            organisation: format!("某示例{industry}投资有限公司（演示）"),
            phone: None,
            email: Some(format!("investor{id}@example.com")),
            industry: industry.to_string(),
            planned_investment_wan_yuan: Some(f64::from(rng.random_range(20..=300)) * 100.0),
            land_need_mu: Some(f64::from(rng.random_range(3..=16)) * 5.0),
            message: "希望了解园区标准地供地条件、出让起始价和产业扶持政策。".into(),
            park_id: park.id,
            parcel_id,
        };
        let created_at = last_moment() - Duration::hours(rng.random_range(24..24 * 40));
        let version = match status {
            InquiryStatus::New => 1,
            InquiryStatus::Answered => 2,
            InquiryStatus::Closed => 3,
        };
        data.inquiries.push(InquiryRow { id, inquiry, status, version, created_at });
    }
}

/// Who files and rates the demo's requests.
const REQUESTER: &str = "企业经办人（演示）";

/// The official of each park who handles the demo's requests: the first of them to take a
/// request owns it (首问负责).
fn handler(park_id: i64) -> &'static str {
    match park_id {
        1 => "光谷星河园区 企业服务专员 李敏（演示）",
        2 => "车谷云帆园区 企业服务专员 周涛（演示）",
        _ => "汉江湾园区 企业服务专员 陈静（演示）",
    }
}

fn request(
    id: i64,
    park_id: i64,
    enterprise_id: i64,
    parcel_id: Option<i64>,
    target: RequestState,
    chosen_subject: Option<usize>,
    rng: &mut ChaCha8Rng,
) -> RequestRow {
    let extendable_subjects: Vec<usize> = (0..SUBJECTS.len()).filter(|&i| extendable(SUBJECTS[i].0)).collect();
    // Drawn even when the subject is chosen, so that the rest of the stream stays the same.
    let drawn = if target == Extended || rng.random_bool(0.1) {
        extendable_subjects[rng.random_range(0..extendable_subjects.len())]
    } else {
        rng.random_range(0..SUBJECTS.len())
    };
    let subject = chosen_subject.unwrap_or(drawn);
    let (category, title, body) = SUBJECTS[subject];
    let steps = path(target, extendable(category), rng);
    // Open requests are recent, answered ones spread over the half year before.
    let open = !matches!(target, Resolved | Rated);
    let mut at = Duration::zero();
    let mut offsets = vec![at];
    for _ in 1..steps.len() {
        at += Duration::minutes(if open { rng.random_range(30..1_800) } else { rng.random_range(60..4_000) });
        offsets.push(at);
    }
    // Filed in office hours on a day before the latest start the history leaves room for.
    let days_back = if open { rng.random_range(1..10) } else { rng.random_range(1..180) };
    let day = (last_moment() - at - Duration::days(days_back)).date();
    let submitted_at = day.and_hms_opt(8, 30, 0).expect("a valid time") + Duration::minutes(rng.random_range(0..540));
    let mut rating = None;
    let mut events: Vec<EventRow> = Vec::with_capacity(steps.len());
    for (index, (&(to, given), offset)) in steps.iter().zip(&offsets).enumerate() {
        let from = index.checked_sub(1).map(|previous| steps[previous].0);
        if given.is_some() {
            rating = given;
        }
        let event = match events.last() {
            // The platform's 督办重办, taken with the reopening rating before it, as the API takes it.
            Some(rated) if to == Reopened => platform_step(rated),
            _ => {
                let actor = if from.is_none() || to == Rated { REQUESTER } else { handler(park_id) };
                EventRow {
                    at: submitted_at + *offset,
                    actor: actor.into(),
                    from,
                    to,
                    rating: given,
                    note: note(to).into(),
                }
            }
        };
        events.push(event);
    }
    let attachments = if rng.random_bool(0.12) {
        vec![AttachmentRow {
            name: "情况说明（演示）.txt".into(),
            content_type: "text/plain".into(),
            content: format!("{title}\n\n{body}\n\n（演示附件）\n").into_bytes(),
            at: submitted_at + Duration::minutes(5),
        }]
    } else {
        Vec::new()
    };
    RequestRow {
        id,
        enterprise_id,
        park_id,
        parcel_id,
        category,
        title: title.into(),
        body: body.into(),
        state: target,
        rating,
        events,
        attachments,
    }
}

/// Whether requests of `category` may be extended: the API's own test.
fn extendable(category: Category) -> bool {
    service_rules().extension_days(category).is_some_and(|working_days| {
        let extension = Some(Extension { working_days, reason: "演示".into() });
        let submitted = last_moment();
        service_rules().deadline(working_calendar(), category, submitted, extension).is_ok()
    })
}

/// A history that ends in `target`: the states in order, each with the rating given with
/// it. Every step is one core allows; extensions only where the category has them.
fn path(target: RequestState, may_extend: bool, rng: &mut ChaCha8Rng) -> Vec<(RequestState, Option<Rating>)> {
    let plain = |states: &[RequestState]| states.iter().map(|s| (*s, None)).collect::<Vec<_>>();
    match target {
        Received => plain(&[Received]),
        Assigned => plain(&[Received, Assigned]),
        InProgress => plain(&[Received, Assigned, InProgress]),
        Extended => plain(&[Received, Assigned, InProgress, Extended]),
        Returned => {
            if rng.random_bool(0.5) {
                plain(&[Received, Assigned, Returned])
            } else {
                plain(&[Received, Assigned, InProgress, Returned])
            }
        }
        Resolved => plain(&resolved(may_extend, rng)),
        Rated => {
            let mut steps = plain(&resolved(may_extend, rng));
            if rng.random_bool(0.12) {
                // Rated 不满意: reopened at once under supervision (督办重办), answered again.
                steps.push((Rated, Some(Rating::Dissatisfied)));
                steps.extend(plain(&[Reopened, Assigned, InProgress, Resolved]));
            }
            // How the last follow-up went. A request that stays rated holds a rating that does
            // not reopen (满意 under the shipped rules), so a draw of one that does counts as
            // that. The draw itself stays: what the park's stream draws after it (parcel
            // details, figures, certificates) stays the same as before the rule.
            let drawn =
                weighted(rng, &[(Rating::Satisfied, 72), (Rating::BasicallySatisfied, 22), (Rating::Dissatisfied, 6)]);
            let rating = if service_rules().reopens(drawn) { Rating::Satisfied } else { drawn };
            steps.push((Rated, Some(rating)));
            steps
        }
        Reopened => {
            let mut steps = plain(&resolved(may_extend, rng));
            steps.push((Rated, Some(Rating::Dissatisfied)));
            steps.push((Reopened, None));
            steps
        }
    }
}

/// One of the ways to an answer: at first contact, after a return, after an extension…
fn resolved(may_extend: bool, rng: &mut ChaCha8Rng) -> Vec<RequestState> {
    match rng.random_range(0..10) {
        0 | 1 => vec![Received, Resolved],
        2 => vec![Received, Assigned, Returned, Resolved],
        3 | 4 if may_extend => vec![Received, Assigned, InProgress, Extended, Resolved],
        5 => vec![Received, Assigned, Returned, Assigned, InProgress, Resolved],
        _ => vec![Received, Assigned, InProgress, Resolved],
    }
}

/// The platform's step after the reopening rating `rated`, as core builds it.
fn platform_step(rated: &EventRow) -> EventRow {
    let rating = RequestAction { to: Rated, note: String::new(), rating: rated.rating };
    let event = rating.follow_up(service_rules(), rated.at).expect("the demo reopens only after a reopening rating");
    EventRow { at: event.at, actor: event.actor, from: event.from, to: event.to, rating: None, note: event.note }
}

/// What the handler wrote at each step; the enterprise's ratings and the platform's
/// reopening bring their own notes.
fn note(to: RequestState) -> &'static str {
    match to {
        Received => "",
        Assigned => "已交办园区企业服务中心办理（演示）",
        InProgress => "承办单位已签收，正在现场核实（演示）",
        Extended => "需协调园区外单位联合办理，申请延期（演示）",
        Returned => "不属于本单位职责，退回首问责任人改派（演示）",
        Resolved => "已电话答复企业并办结（演示）",
        Rated | Reopened => "",
    }
}

/// Checks a history against core's life cycle, the rating rules and the one-extension rule.
#[cfg(test)]
pub(super) fn replay(request: &RequestRow) -> Result<(), String> {
    use parkatlas_core::calendar::check_transition;
    use parkatlas_core::wire::PLATFORM_ACTOR;
    let mut held = None;
    let mut extensions = 0;
    for (index, pair) in request.events.windows(2).enumerate() {
        let (from, to) = (pair[0].to, pair[1].to);
        if pair[1].from != Some(from) || pair[1].at < pair[0].at {
            return Err(format!("request {}: event out of order", request.id));
        }
        let rating = if to == Rated { pair[1].rating } else { held };
        check_transition(service_rules(), from, to, rating).map_err(|e| format!("request {}: {e}", request.id))?;
        // A reopening rating is followed at once by the platform's 督办重办, as in the API.
        let reopens = to == Rated && rating.is_some_and(|rating| service_rules().reopens(rating));
        let next_by_platform = request.events.get(index + 2).is_some_and(|next| next.actor == PLATFORM_ACTOR);
        if reopens != next_by_platform {
            return Err(format!("request {}: a reopening rating and the platform's reopening go together", request.id));
        }
        held = if to == Rated { pair[1].rating } else { held };
        extensions += usize::from(to == Extended);
    }
    let last = request.events.last().map(|e| e.to);
    if last != Some(request.state) || request.rating != held || extensions > 1 {
        return Err(format!("request {}: state, rating or extensions disagree with the history", request.id));
    }
    if extensions == 1 && !extendable(request.category) {
        return Err(format!("request {}: {:?} requests cannot be extended", request.id, request.category));
    }
    Ok(())
}
