//! The published KPIs of service requests (spec §6): 办结率, 响应率 and 满意率 over a set of
//! requests, each with its formula and counts.
//!
//! The spec names the KPIs without formulas; these are the definitions used, stated in every
//! explanation so they can be checked:
//! - 办结率 (completion) = requests resolved or rated (Open311 `closed`) ÷ all requests;
//! - 响应率 (response) = requests that have had a first response ÷ all requests, where a
//!   resolved or rated request counts as responded (answering it was a response);
//! - 满意率 (satisfaction) = the sum of each rated request's satisfaction weight ÷ rated
//!   requests, the weights being data ([`RatingRule::satisfaction_weight`](super::RatingRule)).
//!
//! A rate over nothing is undefined, not 0 % or 100 %: its `ratio` is `None`.

use serde::{Deserialize, Serialize};

use super::rules::{RulesErrors, ServiceRules};
use super::state::{Open311Status, Rating, RequestState};
use super::{capitalise, Bilingual};

/// What the KPIs need to know about one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRecord {
    pub state: RequestState,
    /// The requester has had a first response (签收告知 or an answer).
    pub responded: bool,
    /// The latest follow-up rating; a reopened request keeps it until it is rated again.
    pub rating: Option<Rating>,
}

/// One rate with its counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpi {
    /// Counted requests, weighted for 满意率.
    pub numerator: f64,
    pub denominator: usize,
    /// `numerator / denominator`, or `None` when there is nothing to divide by.
    pub ratio: Option<f64>,
    /// The rate rests on weights no source confirmed.
    pub unconfirmed: bool,
    pub explanation: Bilingual,
}

/// The three published KPIs over one set of requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpis {
    pub requests: usize,
    /// 办结率
    pub completion: Kpi,
    /// 响应率
    pub response: Kpi,
    /// 满意率
    pub satisfaction: Kpi,
}

/// 办结率, 响应率 and 满意率 over `requests`, with the satisfaction weights of `rules`.
pub fn kpis(rules: &ServiceRules, requests: &[RequestRecord]) -> Result<Kpis, RulesErrors> {
    rules.validate()?;
    let total = requests.len();
    let closed = |record: &&RequestRecord| record.state.open311_status() == Open311Status::Closed;
    let resolved = requests.iter().filter(closed).count();
    let responded = requests.iter().filter(|record| record.responded || closed(record)).count();
    let completion = rate(
        resolved as f64,
        total,
        Bilingual::new(
            "办结率 = 已办结（含已评价）诉求数 ÷ 诉求总数",
            "completion rate (办结率) = resolved or rated requests ÷ all requests",
        ),
    );
    let response = rate(
        responded as f64,
        total,
        Bilingual::new(
            "响应率 = 已响应诉求数（已办结的计为已响应）÷ 诉求总数",
            "response rate (响应率) = requests with a first response (resolved ones count as responded) ÷ all requests",
        ),
    );
    Ok(Kpis { requests: total, completion, response, satisfaction: satisfaction(rules, requests) })
}

fn satisfaction(rules: &ServiceRules, requests: &[RequestRecord]) -> Kpi {
    let ratings: Vec<Rating> = requests.iter().filter_map(|record| record.rating).collect();
    let mut terms_zh = Vec::new();
    let mut terms_en = Vec::new();
    let mut weighted = 0.0;
    let mut unconfirmed = false;
    for rule in &rules.ratings {
        let count = ratings.iter().filter(|rating| **rating == rule.rating).count();
        let label = rule.rating.label();
        let weight = rule.satisfaction_weight;
        weighted += count as f64 * weight;
        unconfirmed |= rule.satisfaction_weight_unconfirmed;
        terms_zh.push(format!("{}{count}件×{weight}", label.zh));
        terms_en.push(format!("{count} {} × {weight}", label.en));
    }
    let formula = Bilingual::new(
        format!("满意率 = ({}) ÷ 已评价诉求数", terms_zh.join(" + ")),
        format!("satisfaction rate (满意率) = ({}) ÷ rated requests", terms_en.join(" + ")),
    );
    let mut kpi = rate(weighted, ratings.len(), formula);
    if unconfirmed {
        kpi.unconfirmed = true;
        kpi.explanation.append(Bilingual::new(
            "权重未经来源确认（UNCONFIRMED），可在规则中修改。",
            "The weights are UNCONFIRMED by any source; edit them in the rules.",
        ));
    }
    kpi
}

pub(crate) fn rate(numerator: f64, denominator: usize, formula: Bilingual) -> Kpi {
    let ratio = (denominator > 0).then(|| numerator / denominator as f64);
    let explanation = match ratio {
        Some(ratio) => Bilingual::new(
            format!("{} = {numerator} ÷ {denominator} = {:.1}%。", formula.zh, ratio * 100.0),
            format!("{} = {numerator} ÷ {denominator} = {:.1}%.", capitalise(&formula.en), ratio * 100.0),
        ),
        None => Bilingual::new(
            format!("{}：没有可计的诉求，无法计算。", formula.zh),
            format!("{}: there are no requests to count, so the rate is undefined.", capitalise(&formula.en)),
        ),
    };
    Kpi { numerator, denominator, ratio, unconfirmed: false, explanation }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    fn record(state: RequestState, responded: bool, rating: Option<Rating>) -> RequestRecord {
        RequestRecord { state, responded, rating }
    }

    fn china(requests: &[RequestRecord]) -> Kpis {
        kpis(&ServiceRules::china_default(), requests).unwrap()
    }

    #[test]
    fn an_empty_slice_has_no_rates_and_says_why() {
        let kpis = china(&[]);
        assert_eq!(kpis.requests, 0);
        for kpi in [&kpis.completion, &kpis.response, &kpis.satisfaction] {
            assert_eq!(kpi.ratio, None);
            assert_eq!(kpi.denominator, 0);
            assert!(
                kpi.explanation.en.contains("there are no requests to count, so the rate is undefined."),
                "{}",
                kpi.explanation.en
            );
        }
    }

    #[test]
    fn requests_none_of_them_rated_have_completion_but_no_satisfaction() {
        let kpis = china(&[record(RequestState::Received, false, None), record(RequestState::Assigned, true, None)]);
        assert_eq!(kpis.completion.ratio, Some(0.0));
        assert_eq!(kpis.response.ratio, Some(0.5));
        assert_eq!(kpis.satisfaction.ratio, None);
    }

    #[test]
    fn resolved_and_rated_requests_are_completed_and_reopened_ones_are_not() {
        let kpis = china(&[
            record(RequestState::Resolved, true, None),
            record(RequestState::Rated, true, Some(Rating::Satisfied)),
            record(RequestState::Reopened, true, Some(Rating::Dissatisfied)),
            record(RequestState::InProgress, true, None),
        ]);
        assert_eq!(kpis.completion.ratio, Some(0.5));
        assert_eq!(kpis.completion.explanation.zh, "办结率 = 已办结（含已评价）诉求数 ÷ 诉求总数 = 2 ÷ 4 = 50.0%。");
    }

    #[test]
    fn a_resolved_request_counts_as_responded_even_without_the_flag() {
        let kpis = china(&[record(RequestState::Resolved, false, None), record(RequestState::Received, false, None)]);
        assert_eq!(kpis.response.numerator, 1.0);
        assert_eq!(kpis.response.ratio, Some(0.5));
    }

    #[test]
    fn satisfaction_weighs_each_rating_and_is_labelled_unconfirmed() {
        let kpis = china(&[
            record(RequestState::Rated, true, Some(Rating::Satisfied)),
            record(RequestState::Reopened, true, Some(Rating::BasicallySatisfied)),
            record(RequestState::Reopened, true, Some(Rating::Dissatisfied)),
            record(RequestState::Resolved, true, None),
        ]);
        assert_eq!(kpis.satisfaction.denominator, 3);
        assert_relative_eq!(kpis.satisfaction.ratio.unwrap(), 2.0 / 3.0);
        assert!(kpis.satisfaction.unconfirmed);
        assert_eq!(
            kpis.satisfaction.explanation.en,
            "Satisfaction rate (满意率) = (1 satisfied × 1 + 1 basically satisfied × 1 + 1 dissatisfied × 0) ÷ rated \
             requests = 2 ÷ 3 = 66.7%. The weights are UNCONFIRMED by any source; edit them in the rules."
        );
    }

    #[test]
    fn satisfaction_follows_edited_weights() {
        let mut rules = ServiceRules::china_default();
        rules.ratings[1].satisfaction_weight = 0.5;
        rules.ratings.iter_mut().for_each(|rule| rule.satisfaction_weight_unconfirmed = false);
        let requests = [
            record(RequestState::Rated, true, Some(Rating::Satisfied)),
            record(RequestState::Reopened, true, Some(Rating::BasicallySatisfied)),
        ];
        let satisfaction = kpis(&rules, &requests).unwrap().satisfaction;
        assert_eq!(satisfaction.ratio, Some(0.75));
        assert!(!satisfaction.unconfirmed);
    }

    #[test]
    fn invalid_rules_are_refused() {
        let mut rules = ServiceRules::china_default();
        rules.ratings.pop();
        assert!(kpis(&rules, &[]).is_err());
    }

    fn any_record() -> impl Strategy<Value = RequestRecord> {
        (
            proptest::sample::select(RequestState::ALL.to_vec()),
            any::<bool>(),
            proptest::option::of(proptest::sample::select(Rating::ALL.to_vec())),
        )
            .prop_map(|(state, responded, rating)| RequestRecord { state, responded, rating })
    }

    proptest! {
        #[test]
        fn rates_lie_between_0_and_1_and_completion_never_exceeds_response(
            requests in proptest::collection::vec(any_record(), 0..40),
        ) {
            let kpis = china(&requests);
            for kpi in [&kpis.completion, &kpis.response, &kpis.satisfaction] {
                prop_assert!(kpi.ratio.is_none_or(|ratio| (0.0..=1.0).contains(&ratio)));
            }
            prop_assert!(kpis.completion.numerator <= kpis.response.numerator);
        }

        #[test]
        fn kpis_and_records_round_trip_through_json(requests in proptest::collection::vec(any_record(), 0..40)) {
            let json = serde_json::to_string(&requests).unwrap();
            prop_assert_eq!(&serde_json::from_str::<Vec<RequestRecord>>(&json).unwrap(), &requests);
            let kpis = china(&requests);
            let back: Kpis = serde_json::from_str(&serde_json::to_string(&kpis).unwrap()).unwrap();
            prop_assert_eq!(back.requests, kpis.requests);
            let pairs = [
                (&back.completion, &kpis.completion),
                (&back.response, &kpis.response),
                (&back.satisfaction, &kpis.satisfaction),
            ];
            for (back, kpi) in pairs {
                prop_assert_eq!(&back.explanation, &kpi.explanation);
                prop_assert_eq!((back.denominator, back.unconfirmed), (kpi.denominator, kpi.unconfirmed));
                prop_assert!((back.numerator - kpi.numerator).abs() < 1e-12);
                prop_assert!(back.ratio.zip(kpi.ratio).is_none_or(|(a, b)| (a - b).abs() < 1e-12));
                prop_assert_eq!(back.ratio.is_some(), kpi.ratio.is_some());
            }
        }
    }
}
