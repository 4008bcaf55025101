//! 亩均 evaluations on the wire (spec §1): stored scoring profiles, the request that
//! starts an evaluation run, the run's published summary (cut-offs and class counts,
//! open to everyone) and the per-enterprise results (open only to those who manage or
//! are the enterprise).

use crate::text::quoted;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::annual::{check_year, LAST_YEAR};
use crate::efficiency::{
    Basis, Class, CohortCutoffs, EnterpriseInput, EnterpriseResult, EvaluationRun, Outcome, Profile, ProfileProblem,
};

/// Profile keys longer than this are refused.
pub const MAX_PROFILE_KEY_CHARS: usize = 64;
/// Profile names and jurisdictions longer than this are refused.
pub const MAX_PROFILE_NAME_CHARS: usize = 100;

/// A stored scoring profile. `key` is the profile's own `id` (e.g. `huangyan-2022`);
/// `id` is the database row, which runs refer to.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileRecord {
    pub id: i64,
    pub key: String,
    /// The record's version: its ETag, and what `If-Match` must name to change it.
    pub version: i64,
    /// The rule data: weights, benchmarks, class rule (`parkatlas_core::efficiency::Profile`).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub profile: Profile,
}

/// The first problem with a profile as `(field, problem)`, the field a path into the
/// profile's JSON such as `cohorts[0].items[2].benchmark`: the profile's own rules
/// ([`Profile::problems`]) and what storing it needs (a usable key and name).
pub fn profile_problem(profile: &Profile) -> Option<(String, String)> {
    let key = &profile.id;
    let key_chars = key.chars().count();
    let key_ok = (1..=MAX_PROFILE_KEY_CHARS).contains(&key_chars)
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if !key_ok {
        return Some((
            "id".into(),
            format!(
                "{} is not a profile key: use 1 to {MAX_PROFILE_KEY_CHARS} letters, digits, '-', '_' or '.', \
                 such as huangyan-2022",
                quoted(key)
            ),
        ));
    }
    for (field, text) in [("name", &profile.name), ("jurisdiction", &profile.jurisdiction)] {
        if text.trim().is_empty() || text.chars().count() > MAX_PROFILE_NAME_CHARS {
            return Some((field.into(), format!("give 1 to {MAX_PROFILE_NAME_CHARS} characters")));
        }
    }
    if let Some((field, problem)) = check_year(i32::from(profile.year)) {
        return Some((field.into(), problem));
    }
    let problem = profile.problems().into_iter().next()?;
    Some((problem_field(profile, &problem), problem.to_string()))
}

/// Where in the profile's JSON `problem` lies, e.g. `cohorts[0].items[2].benchmark`: the
/// server names it in a 422, and the officials' profile form shows the problem beside it.
pub fn problem_field(profile: &Profile, problem: &ProfileProblem) -> String {
    use ProfileProblem::*;
    let cohort_index = |cohort| profile.cohorts.iter().position(|rules| rules.cohort == cohort).unwrap_or(0);
    // The last item with this indicator: for a duplicate, the second listing is the one to remove.
    let item = |cohort, indicator: &str, member: &str| {
        let c = cohort_index(cohort);
        let i =
            profile.cohorts.get(c).and_then(|rules| rules.items.iter().rposition(|item| item.indicator == indicator));
        format!("cohorts[{c}].items[{}].{member}", i.unwrap_or(0))
    };
    match problem {
        NoCohorts => "cohorts".into(),
        DuplicateCohort { cohort } => {
            let second = profile.cohorts.iter().rposition(|rules| rules.cohort == *cohort).unwrap_or(0);
            format!("cohorts[{second}].cohort")
        }
        WeightsDoNotSum { cohort, .. } => format!("cohorts[{}].items", cohort_index(*cohort)),
        UnknownIndicator { cohort, indicator, .. } | DuplicateIndicator { cohort, indicator } => {
            item(*cohort, indicator, "indicator")
        }
        WeightNotPositive { cohort, indicator, .. } => item(*cohort, indicator, "weight"),
        MissingBenchmark { cohort, indicator } | BenchmarkNotPositive { cohort, indicator, .. } => {
            item(*cohort, indicator, "benchmark")
        }
        CapNotPositive { cohort, indicator, .. } => item(*cohort, indicator, "cap_multiple"),
        FloorShareOutOfRange { .. } => "method.floor_share".into(),
        OverlappingClasses { .. } => "class_rule".into(),
    }
}

/// `POST /api/v1/evaluations`: evaluate the enterprises of one park (or, for city
/// admins, of the whole city) on their annual data of `year`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewEvaluation {
    /// The stored profile to score with ([`ProfileRecord::id`]).
    pub profile_id: i64,
    /// The year of the annual data evaluated.
    pub year: i32,
    /// The day the evaluation is made; it decides the years-producing and
    /// years-since-grant exemptions (class T).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub evaluation_date: NaiveDate,
    /// The park evaluated; left out, the whole city (city admins only).
    #[serde(default)]
    pub park_id: Option<i64>,
    /// The 公示 period during which enterprises may object to their class.
    #[serde(default)]
    pub notice: Option<NoticePeriod>,
}

/// The longest 公示 period accepted, in days from its first to its last day.
pub const MAX_NOTICE_DAYS: i64 = 30;

/// A run's 公示 (public notice) period: the first and last day, both included.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticePeriod {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub start: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub end: NaiveDate,
}

impl NoticePeriod {
    /// The first problem with the period of a run dated `evaluation_date`, as
    /// `(member, problem)`: `start` or `end`.
    pub fn problem(&self, evaluation_date: NaiveDate) -> Option<(&'static str, String)> {
        if self.start < evaluation_date {
            return Some((
                "start",
                format!("公示 cannot start ({}) before the evaluation date ({evaluation_date})", self.start),
            ));
        }
        let days = (self.end - self.start).num_days();
        if days <= 0 {
            return Some(("end", format!("公示 must end ({}) after it starts ({})", self.end, self.start)));
        }
        if days > MAX_NOTICE_DAYS {
            return Some((
                "end",
                format!("公示 lasts at most {MAX_NOTICE_DAYS} days; {} to {} is {days}", self.start, self.end),
            ));
        }
        None
    }
}

impl NewEvaluation {
    /// The first problem with the request, as `(field, problem)`.
    pub fn problem(&self) -> Option<(String, String)> {
        self.own_problem().map(|(field, problem)| (field.to_string(), problem)).or_else(|| {
            let (member, problem) = self.notice?.problem(self.evaluation_date)?;
            Some((format!("notice.{member}"), problem))
        })
    }

    fn own_problem(&self) -> Option<(&'static str, String)> {
        if self.profile_id <= 0 {
            return Some(("profile_id", format!("{} is not a profile id; GET /profiles lists them", self.profile_id)));
        }
        if let Some(problem) = check_year(self.year) {
            return Some(problem);
        }
        let date_year = self.evaluation_date.year();
        if date_year < self.year || date_year > LAST_YEAR {
            return Some((
                "evaluation_date",
                format!(
                    "{} cannot date an evaluation of {}'s figures: give a day from {} to {LAST_YEAR}",
                    self.evaluation_date, self.year, self.year
                ),
            ));
        }
        if self.park_id.is_some_and(|id| id <= 0) {
            return Some(("park_id", "give a park id, or leave park_id out for a city-wide run".into()));
        }
        None
    }
}

/// How many enterprises fell in each class; members of a shared parcel each count.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClassCounts {
    pub a: usize,
    pub b: usize,
    pub c: usize,
    pub d: usize,
    /// 不适合评价.
    pub t: usize,
    /// Outside the evaluated population (e.g. 规下 on too little land).
    pub not_evaluated: usize,
}

impl ClassCounts {
    /// How many of `run`'s enterprises fell in each class.
    pub fn of(run: &EvaluationRun) -> ClassCounts {
        let mut classes = ClassCounts::default();
        for result in &run.results {
            *classes.slot(result.class()) += 1;
        }
        classes
    }

    fn slot(&mut self, class: Option<Class>) -> &mut usize {
        match class {
            Some(Class::A) => &mut self.a,
            Some(Class::B) => &mut self.b,
            Some(Class::C) => &mut self.c,
            Some(Class::D) => &mut self.d,
            Some(Class::T) => &mut self.t,
            None => &mut self.not_evaluated,
        }
    }

    /// How many are in `class` (`None`: not evaluated).
    pub fn get(&self, class: Option<Class>) -> usize {
        let mut copy = *self;
        *copy.slot(class)
    }
}

/// What a run publishes (公示) to everyone: which rules, which data, the cut-off score
/// of each class per cohort and how many fell in each. No enterprise's figures.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationSummary {
    /// The profile's key and name, and the version of it the run used.
    pub profile_key: String,
    pub profile_name: String,
    pub profile_version: i64,
    pub year: i32,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub evaluation_date: NaiveDate,
    /// The park evaluated; `None` for a city-wide run.
    pub park_id: Option<i64>,
    /// Enterprises with annual data of `year` in scope: one result each.
    pub evaluated: usize,
    pub classes: ClassCounts,
    /// Per cohort: the lowest total in classes A, B and C. An enterprise places its own
    /// score against these, never against other enterprises' data (spec §1.4).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub cutoffs: Vec<CohortCutoffs>,
}

impl EvaluationSummary {
    /// The summary of `run`, which evaluated the annual data of `year` with version
    /// `profile_version` of profile `profile_key`.
    pub fn of(run: &EvaluationRun, profile_key: &str, profile_version: i64, year: i32, park_id: Option<i64>) -> Self {
        let classes = ClassCounts::of(run);
        EvaluationSummary {
            profile_key: profile_key.to_string(),
            profile_name: run.profile_name.clone(),
            profile_version,
            year,
            evaluation_date: run.evaluation_date,
            park_id,
            evaluated: run.results.len(),
            classes,
            cutoffs: run.cutoffs.clone(),
        }
    }
}

/// An evaluation run as everyone sees it: its summary, never its results.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationRecord {
    pub id: i64,
    /// Runs are never changed; the version is their ETag.
    pub version: i64,
    pub profile_id: i64,
    /// When the run was made (UTC, ISO 8601).
    pub created_at: String,
    pub summary: EvaluationSummary,
    /// The run's 公示 period, when it was published with one.
    #[serde(default)]
    pub notice: Option<NoticePeriod>,
}

/// One enterprise's figures of a year as an evaluation reads them
/// (`GET /evaluation-inputs`): for officials who run what-ifs in the browser.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationInputRecord {
    pub enterprise_id: i64,
    pub park_id: i64,
    /// 统一社会信用代码.
    pub credit_code: String,
    /// The evaluation's input: `id` is the enterprise id as text
    /// (`parkatlas_core::efficiency::EnterpriseInput`).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub input: EnterpriseInput,
}

/// One enterprise's result in a run, with every item's inputs, formula basis,
/// benchmark and weight (`ItemScore::explain` puts an item into words).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationResultRecord {
    pub run_id: i64,
    pub enterprise_id: i64,
    pub park_id: i64,
    /// The core result: class, total, rank within the cohort and item scores
    /// (`parkatlas_core::efficiency::EnterpriseResult`).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub result: EnterpriseResult,
    /// True when the cohort's lowest and highest values of min–max items were withheld,
    /// because they are other enterprises' figures; those items then read `min` and
    /// `max` 0. The item's own value, weight and score stay.
    #[serde(default)]
    pub cohort_range_withheld: bool,
}

impl EvaluationResultRecord {
    /// The result as a caller gets it who may not see every enterprise of the cohort.
    pub fn without_cohort_range(mut self) -> EvaluationResultRecord {
        if let Outcome::Graded(grade) = &mut self.result.outcome {
            for item in &mut grade.items {
                if let Basis::MinMax { min, max, .. } = &mut item.basis {
                    (*min, *max) = (0.0, 0.0);
                    self.cohort_range_withheld = true;
                }
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::efficiency::{evaluate, shipped, Cohort, EnterpriseInput, Method};

    fn huangyan() -> Profile {
        shipped::profile("huangyan-2022").unwrap()
    }

    fn field_of(edit: impl FnOnce(&mut Profile)) -> String {
        let mut profile = huangyan();
        edit(&mut profile);
        profile_problem(&profile).expect("a problem").0
    }

    #[test]
    fn shipped_profiles_can_be_stored() {
        for profile in shipped::profiles() {
            assert_eq!(profile_problem(&profile), None, "{}", profile.id);
        }
    }

    #[test]
    fn problems_name_the_field_to_fix() {
        assert_eq!(field_of(|p| p.id = "黄岩 2022".into()), "id");
        assert_eq!(field_of(|p| p.name = " ".into()), "name");
        assert_eq!(field_of(|p| p.year = 1999), "year");
        assert_eq!(field_of(|p| p.cohorts.clear()), "cohorts");
        assert_eq!(field_of(|p| p.cohorts[1].items[0].weight = 60.0), "cohorts[1].items");
        assert_eq!(field_of(|p| p.cohorts[0].items[3].benchmark = Some(-1.0)), "cohorts[0].items[3].benchmark");
        assert_eq!(
            field_of(|p| p.cohorts[0].items[4].indicator = "tax_per_hectare".into()),
            "cohorts[0].items[4].indicator"
        );
        assert_eq!(
            field_of(|p| {
                p.cohorts[0].items[4].weight = 0.0;
                p.cohorts[0].items[5].weight = 20.0;
            }),
            "cohorts[0].items[4].weight"
        );
        assert_eq!(field_of(|p| p.cohorts[0].items[2].cap_multiple = Some(0.0)), "cohorts[0].items[2].cap_multiple");
        assert_eq!(field_of(|p| p.method = Method::MinMax { floor_share: 1.5 }), "method.floor_share");
        assert_eq!(
            field_of(|p| p.class_rule = crate::efficiency::ClassRule::Percentile { a: 0.6, b: 0.2, c: 0.9 }),
            "class_rule"
        );
        let duplicate = |p: &mut Profile| {
            let copy = p.cohorts[1].clone();
            p.cohorts.push(copy);
        };
        assert_eq!(field_of(duplicate), "cohorts[2].cohort");
    }

    fn request(year: i32, date: &str) -> NewEvaluation {
        NewEvaluation { profile_id: 1, year, evaluation_date: date.parse().unwrap(), park_id: Some(1), notice: None }
    }

    fn notice(start: &str, end: &str) -> Option<NoticePeriod> {
        Some(NoticePeriod { start: start.parse().unwrap(), end: end.parse().unwrap() })
    }

    #[test]
    fn a_notice_period_ends_after_it_starts_and_lasts_at_most_30_days() {
        let with = |start, end| NewEvaluation { notice: notice(start, end), ..request(2024, "2025-03-31") };
        assert_eq!(with("2025-04-01", "2025-04-10").problem(), None);
        assert_eq!(with("2025-04-01", "2025-05-01").problem(), None, "30 days");
        assert_eq!(with("2025-04-01", "2025-05-02").problem().unwrap().0, "notice.end");
        assert_eq!(with("2025-04-01", "2025-04-01").problem().unwrap().0, "notice.end");
        assert_eq!(with("2025-04-10", "2025-04-01").problem().unwrap().0, "notice.end");
        assert_eq!(with("2025-03-30", "2025-04-10").problem().unwrap().0, "notice.start");
        // The request's own fields are named first.
        let both = NewEvaluation { profile_id: 0, ..with("2025-04-10", "2025-04-01") };
        assert_eq!(both.problem().unwrap().0, "profile_id");
    }

    #[test]
    fn an_evaluation_is_dated_no_earlier_than_its_year() {
        assert_eq!(request(2024, "2025-03-31").problem(), None);
        assert_eq!(request(2024, "2023-12-31").problem().unwrap().0, "evaluation_date");
        assert_eq!(request(1999, "2025-03-31").problem().unwrap().0, "year");
        assert_eq!(NewEvaluation { park_id: Some(0), ..request(2024, "2025-01-01") }.problem().unwrap().0, "park_id");
        assert_eq!(NewEvaluation { profile_id: -3, ..request(2024, "2025-01-01") }.problem().unwrap().0, "profile_id");
    }

    fn input(id: &str, tax: f64) -> EnterpriseInput {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": id, "cohort": "above_scale", "land_area_mu": 10.0, "tax_wan_yuan": tax,
            "value_added_wan_yuan": 1000.0, "energy_tce": 100.0, "average_staff": 50.0,
            "rd_wan_yuan": 10.0, "main_business_revenue_wan_yuan": 1000.0
        }))
        .unwrap()
    }

    #[test]
    fn the_summary_counts_classes_and_keeps_the_cutoffs() {
        let inputs: Vec<EnterpriseInput> = (1..=5).map(|i| input(&i.to_string(), 50.0 * i as f64)).collect();
        let date = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
        let run = evaluate(&huangyan(), &inputs, date).unwrap();
        let summary = EvaluationSummary::of(&run, "huangyan-2022", 1, 2024, Some(1));
        assert_eq!(summary.classes, ClassCounts { a: 1, b: 2, c: 2, d: 0, t: 0, not_evaluated: 0 });
        assert_eq!(summary.evaluated, 5);
        assert_eq!(summary.cutoffs[0].cohort, Cohort::AboveScale);
        assert_eq!(summary.cutoffs[0].counts, [1, 2, 2, 0]);
    }

    #[test]
    fn withholding_the_cohort_range_keeps_the_score() {
        let mut profile = huangyan();
        profile.method = Method::MinMax { floor_share: 0.2 };
        let inputs = [input("1", 100.0), input("2", 300.0)];
        let run = evaluate(&profile, &inputs, NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()).unwrap();
        let record = EvaluationResultRecord {
            run_id: 1,
            enterprise_id: 1,
            park_id: 1,
            result: run.results[0].clone(),
            cohort_range_withheld: false,
        };
        let total = record.result.total();
        let withheld = record.without_cohort_range();
        assert!(withheld.cohort_range_withheld);
        assert_eq!(withheld.result.total(), total);
        let Outcome::Graded(grade) = &withheld.result.outcome else { panic!("graded") };
        assert!(grade
            .items
            .iter()
            .all(|item| !matches!(item.basis, Basis::MinMax { min, max, .. } if min != 0.0 || max != 0.0)));
    }
}
