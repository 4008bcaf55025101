//! Scoring profiles and 亩均 evaluation runs: profiles public and edited by admins; runs
//! made by a park's officers over a constructed set of enterprises, with the classes and
//! cut-offs worked out by hand below; summaries public, results only to those who may
//! see them.

use axum::http::{Method, StatusCode};
use parkatlas_core::registry::CreditCode;
use parkatlas_core::wire::{
    ChangePage, EvaluationInputRecord, EvaluationRecord, EvaluationResultRecord, ProfileRecord,
};
use parkatlas_server::demo::accounts::DEMO_PASSWORD;
use serde_json::{json, Value};

use crate::support::{Answer, Session, TestServer};

/// A year no demo data covers, so that runs see only the enterprises made here.
const YEAR: i32 = 2016;
const DATE: &str = "2017-04-30";

/// One enterprise to make: park, cohort and its `efficiency` figures for [`YEAR`].
struct Made {
    park_id: i64,
    cohort: &'static str,
    efficiency: Value,
}

/// 淮安 2024 (tax/mu 45 pts at 24, revenue/mu 35 at 600, tax/energy 20 at 1): with 10 亩,
/// revenue 6000 万 and energy equal to tax, an enterprise of tax 240·f scores 45·f + 55.
fn scored(f: f64) -> Value {
    json!({ "land_area_mu": 10.0, "tax_wan_yuan": 240.0 * f, "revenue_wan_yuan": 6000.0, "energy_tce": 240.0 * f })
}

/// Park 1: five graded 规上 enterprises scoring 64, 82, 100, 118 and 145, a public
/// utility (T) and a 规下 enterprise (淮安 2024 has no 规下 rules: not evaluated).
/// Park 2: one enterprise scoring 91.
fn dataset() -> Vec<Made> {
    let mut made: Vec<Made> = [0.2, 0.6, 1.0, 1.4, 2.0]
        .into_iter()
        .map(|f| Made { park_id: 1, cohort: "above_scale", efficiency: scored(f) })
        .collect();
    let mut utility = scored(3.0);
    utility["exemption"] = json!("public_utility");
    made.push(Made { park_id: 1, cohort: "above_scale", efficiency: utility });
    made.push(Made { park_id: 1, cohort: "below_scale", efficiency: scored(1.0) });
    made.push(Made { park_id: 2, cohort: "above_scale", efficiency: scored(0.8) });
    made
}

/// Registers the enterprises and their figures of [`YEAR`] as a city admin; returns
/// their ids in order.
async fn make_enterprises(server: &TestServer, made: &[Made]) -> Vec<i64> {
    let admin = server.login("admin").await;
    let mut ids = Vec::new();
    for (n, enterprise) in made.iter().enumerate() {
        let code = CreditCode::with_check_character(&format!("91420100MB0K{:05}", n + 1)).unwrap();
        let body = json!({
            "park_id": enterprise.park_id, "credit_code": code, "name": format!("评价测试企业{}（演示）", n + 1),
            "industry_code": "C3670", "size_class": "medium", "cohort": enterprise.cohort
        });
        let record: Value =
            admin.call(Method::POST, "/api/v1/enterprises").json(&body).send().await.json(StatusCode::CREATED);
        let id = record["id"].as_i64().unwrap();
        let figures = json!({ "efficiency": enterprise.efficiency });
        let stored = admin
            .call(Method::PUT, &format!("/api/v1/enterprises/{id}/annual-data/{YEAR}"))
            .json(&figures)
            .send()
            .await;
        assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.text());
        ids.push(id);
    }
    ids
}

/// Creates a user of enterprise `enterprise_id` and signs in as it.
async fn enterprise_user<'a>(
    server: &'a TestServer,
    admin: &Session<'_>,
    name: &str,
    enterprise_id: i64,
) -> Session<'a> {
    let user = json!({ "username": name, "display_name": name, "password": DEMO_PASSWORD, "role": "enterprise",
        "enterprise_id": enterprise_id });
    let created = admin.call(Method::POST, "/api/v1/users").json(&user).send().await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    server.login(name).await
}

async fn profile_id(server: &TestServer, key: &str) -> i64 {
    let profiles: Vec<ProfileRecord> = server.get_json("/api/v1/profiles", StatusCode::OK).await;
    profiles.iter().find(|p| p.key == key).unwrap().id
}

fn run_body(profile_id: i64, park_id: Option<i64>) -> Value {
    json!({ "profile_id": profile_id, "year": YEAR, "evaluation_date": DATE, "park_id": park_id })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn class_and_total(record: &EvaluationResultRecord) -> (Option<String>, Option<f64>) {
    (record.result.class().map(|c| format!("{c:?}")), record.result.total())
}

#[tokio::test]
async fn a_park_run_classes_its_enterprises_by_percentile_and_publishes_only_cutoffs() {
    for server in TestServer::each_backend().await {
        let ids = make_enterprises(&server, &dataset()).await;
        let officer = server.login("officer.guanggu").await;
        let huaian = profile_id(&server, "huaian-2024").await;

        let created = officer.call(Method::POST, "/api/v1/evaluations").json(&run_body(huaian, Some(1))).send().await;
        assert_eq!(created.etag(), "\"1\"");
        let run: EvaluationRecord = created.json(StatusCode::CREATED);
        let summary = &run.summary;
        assert_eq!((summary.profile_key.as_str(), summary.profile_name.as_str()), ("huaian-2024", "淮安 2024"));
        assert_eq!((summary.year, summary.park_id, summary.evaluated, summary.profile_version), (YEAR, Some(1), 7, 1));
        let classes = summary.classes;
        assert_eq!([classes.a, classes.b, classes.c, classes.d, classes.t, classes.not_evaluated], [1, 2, 2, 0, 1, 1]);
        let cutoffs = &summary.cutoffs[0];
        assert_eq!((cutoffs.graded, cutoffs.exempt, cutoffs.counts), (5, 1, [1, 2, 2, 0]));
        assert!(close(cutoffs.a_min.unwrap(), 145.0) && close(cutoffs.b_min.unwrap(), 100.0));
        assert!(close(cutoffs.c_min.unwrap(), 64.0));

        // The public sees the summary and cut-offs, never a figure or a result.
        let public = server.call(Method::GET, &format!("/api/v1/evaluations/{}", run.id)).send().await;
        assert_eq!(public.etag(), "\"1\"");
        let text = public.text();
        assert!(text.contains("a_min") && !text.contains("tax") && !text.contains("items"), "{text}");
        let results = server.call(Method::GET, &format!("/api/v1/evaluations/{}/results", run.id)).send().await;
        assert_eq!(results.error(StatusCode::UNAUTHORIZED).0, "login_required");

        // The park's officer sees every result, each with its items.
        let all: Vec<EvaluationResultRecord> = officer
            .call(Method::GET, &format!("/api/v1/evaluations/{}/results", run.id))
            .send()
            .await
            .json(StatusCode::OK);
        assert_eq!(all.iter().map(|r| r.enterprise_id).collect::<Vec<_>>(), ids[..7]);
        let expected = [("C", 64.0), ("C", 82.0), ("B", 100.0), ("B", 118.0), ("A", 145.0)];
        for (record, (class, total)) in all.iter().zip(expected) {
            let (got_class, got_total) = class_and_total(record);
            assert_eq!(got_class.as_deref(), Some(class));
            assert!(close(got_total.unwrap(), total), "{got_total:?} ≠ {total}");
        }
        assert_eq!(class_and_total(&all[5]), (Some("T".into()), None));
        assert_eq!(class_and_total(&all[6]), (None, None));
        let best = serde_json::to_value(&all[4].result).unwrap();
        assert_eq!(best["outcome"]["items"].as_array().unwrap().len(), 3, "each result explains its items");
        assert_eq!(best["outcome"]["rank"], 1);
    }
}

#[tokio::test]
async fn enterprises_see_their_own_result_and_officers_only_their_parks() {
    for server in TestServer::each_backend().await {
        let ids = make_enterprises(&server, &dataset()).await;
        let admin = server.login("admin").await;
        let huaian = profile_id(&server, "huaian-2024").await;
        let park_run: EvaluationRecord = server
            .login("officer.guanggu")
            .await
            .call(Method::POST, "/api/v1/evaluations")
            .json(&run_body(huaian, Some(1)))
            .send()
            .await
            .json(StatusCode::CREATED);
        let city_run: EvaluationRecord = admin
            .call(Method::POST, "/api/v1/evaluations")
            .json(&run_body(huaian, None))
            .send()
            .await
            .json(StatusCode::CREATED);
        assert_eq!((city_run.summary.park_id, city_run.summary.evaluated), (None, 8));

        let first = enterprise_user(&server, &admin, "eval.first", ids[0]).await;
        let second = enterprise_user(&server, &admin, "eval.second", ids[1]).await;
        let outside = enterprise_user(&server, &admin, "eval.outside", ids[7]).await;
        for (session, own) in [(&first, ids[0]), (&second, ids[1])] {
            let mine: Vec<EvaluationResultRecord> = results(session, park_run.id).await.json(StatusCode::OK);
            assert_eq!(mine.iter().map(|r| r.enterprise_id).collect::<Vec<_>>(), [own], "only its own result");
            assert!(!results(session, park_run.id).await.text().contains(&format!("\"enterprise_id\":{}", ids[4])));
        }
        let none: Vec<EvaluationResultRecord> = results(&outside, park_run.id).await.json(StatusCode::OK);
        assert!(none.is_empty(), "a run of another park holds nothing of this enterprise");

        let chegu = server.login("officer.chegu").await;
        assert_eq!(results(&chegu, park_run.id).await.error(StatusCode::FORBIDDEN).0, "forbidden");
        let part: Vec<EvaluationResultRecord> = results(&chegu, city_run.id).await.json(StatusCode::OK);
        assert_eq!(part.iter().map(|r| (r.enterprise_id, r.park_id)).collect::<Vec<_>>(), [(ids[7], 2)]);
        let everything: Vec<EvaluationResultRecord> = results(&admin, city_run.id).await.json(StatusCode::OK);
        assert_eq!(everything.len(), 8);
        assert_eq!(results(&admin, 999).await.error(StatusCode::NOT_FOUND).1.as_deref(), Some("id"));

        // Everyone may list runs, newest first, and keep one park's.
        let runs: Vec<EvaluationRecord> = server.get_json("/api/v1/evaluations", StatusCode::OK).await;
        assert_eq!(runs.iter().map(|r| r.id).collect::<Vec<_>>(), [city_run.id, park_run.id]);
        let park: Vec<EvaluationRecord> = server.get_json("/api/v1/evaluations?park_id=1", StatusCode::OK).await;
        assert_eq!(park.iter().map(|r| r.id).collect::<Vec<_>>(), [park_run.id]);
        let bad = server.call(Method::GET, "/api/v1/evaluations?park_id=one").send().await;
        assert_eq!(bad.error(StatusCode::BAD_REQUEST), ("invalid_parameter".into(), Some("park_id".into())));
    }
}

#[tokio::test]
async fn who_may_start_a_run_and_what_it_refuses() {
    let server = TestServer::with_demo_data().await;
    let ids = make_enterprises(&server, &dataset()).await;
    let admin = server.login("admin").await;
    let chegu = server.login("officer.chegu").await;
    let huaian = profile_id(&server, "huaian-2024").await;
    assert_eq!(
        start(&server, None, run_body(huaian, Some(1))).await.error(StatusCode::UNAUTHORIZED).0,
        "login_required"
    );
    assert_eq!(
        start(&server, Some(&chegu), run_body(huaian, Some(1))).await.error(StatusCode::FORBIDDEN).0,
        "forbidden"
    );
    assert_eq!(start(&server, Some(&chegu), run_body(huaian, None)).await.error(StatusCode::FORBIDDEN).0, "forbidden");
    let user = enterprise_user(&server, &admin, "eval.runner", ids[0]).await;
    assert_eq!(
        start(&server, Some(&user), run_body(huaian, Some(1))).await.error(StatusCode::FORBIDDEN).0,
        "forbidden"
    );

    let invalid = |field: &str| ("invalid_field".to_string(), Some(field.to_string()));
    let cases = [
        (run_body(999, Some(1)), "profile_id"),
        (run_body(huaian, Some(999)), "park_id"),
        (json!({ "profile_id": huaian, "year": 2001, "evaluation_date": DATE, "park_id": 1 }), "year"),
        (
            json!({ "profile_id": huaian, "year": YEAR, "evaluation_date": "2015-12-31", "park_id": 1 }),
            "evaluation_date",
        ),
        (json!({ "profile_id": huaian, "year": YEAR, "evaluation_date": "30/04/2017" }), "evaluation_date"),
        (json!({ "profile_id": huaian, "year": YEAR, "evaluation_date": DATE, "scope": "all" }), "scope"),
        (with_notice(run_body(huaian, Some(1)), "2017-05-10", "2017-05-01"), "notice.end"),
        (with_notice(run_body(huaian, Some(1)), "2017-05-01", "2017-06-15"), "notice.end"),
        (with_notice(run_body(huaian, Some(1)), "2017-04-01", "2017-04-20"), "notice.start"),
    ];
    for (body, field) in cases {
        let response = start(&server, Some(&admin), body).await;
        assert_eq!(response.error(StatusCode::UNPROCESSABLE_ENTITY), invalid(field), "{}", response.text());
    }
    // Park 3 has no enterprise with figures of YEAR.
    let empty = start(&server, Some(&admin), run_body(huaian, Some(3))).await;
    assert_eq!(empty.error(StatusCode::UNPROCESSABLE_ENTITY), invalid("year"));
    let runs: Vec<EvaluationRecord> = server.get_json("/api/v1/evaluations", StatusCode::OK).await;
    assert!(runs.is_empty(), "nothing refused was stored");
}

#[tokio::test]
async fn the_same_operation_id_makes_one_run_and_the_feed_carries_its_summary() {
    for server in TestServer::each_backend().await {
        make_enterprises(&server, &dataset()).await;
        let cursor = server.feed_end().await;
        let officer = server.login("officer.guanggu").await;
        let huaian = profile_id(&server, "huaian-2024").await;
        let send = || {
            officer
                .call(Method::POST, "/api/v1/evaluations")
                .header("idempotency-key", "run-2016-guanggu-0001")
                .json(&run_body(huaian, Some(1)))
                .send()
        };
        let (first, second) = (send().await, send().await);
        assert_eq!((first.status, second.status), (StatusCode::CREATED, StatusCode::CREATED));
        assert_eq!(first.body, second.body);
        let runs: Vec<EvaluationRecord> = server.get_json("/api/v1/evaluations", StatusCode::OK).await;
        assert_eq!(runs.len(), 1, "applied once");

        let page: ChangePage = server.get_json(&format!("/api/v1/changes?since={cursor}"), StatusCode::OK).await;
        let kinds: Vec<(&str, i64)> = page.changes.iter().map(|c| (c.kind.as_str(), c.id)).collect();
        assert_eq!(kinds, [("evaluation", runs[0].id)]);
        let data = page.changes[0].data.as_ref().unwrap();
        assert_eq!(data["summary"]["classes"]["a"], 1);
        assert!(!data.to_string().contains("items"), "results never go into the feed");
    }
}

fn with_notice(mut body: Value, start: &str, end: &str) -> Value {
    body["notice"] = json!({ "start": start, "end": end });
    body
}

#[tokio::test]
async fn a_run_keeps_its_notice_period_and_officers_read_their_parks_inputs_in_one_answer() {
    for server in TestServer::each_backend().await {
        let ids = make_enterprises(&server, &dataset()).await;
        let officer = server.login("officer.guanggu").await;
        let huaian = profile_id(&server, "huaian-2024").await;
        let body = with_notice(run_body(huaian, Some(1)), "2017-05-01", "2017-05-10");
        let run: EvaluationRecord = start(&server, Some(&officer), body).await.json(StatusCode::CREATED);
        let notice = run.notice.expect("the notice period");
        assert_eq!((notice.start.to_string(), notice.end.to_string()), ("2017-05-01".into(), "2017-05-10".into()));
        let stored: EvaluationRecord =
            server.get_json(&format!("/api/v1/evaluations/{}", run.id), StatusCode::OK).await;
        assert_eq!(stored.notice, run.notice);

        // The same enterprises and figures the run evaluated, with their credit codes.
        let path = format!("/api/v1/evaluation-inputs?year={YEAR}&park_id=1");
        let inputs: Vec<EvaluationInputRecord> = officer.call(Method::GET, &path).send().await.json(StatusCode::OK);
        assert_eq!(inputs.iter().map(|i| i.enterprise_id).collect::<Vec<_>>(), ids[..7]);
        assert_eq!(inputs.len(), run.summary.evaluated);
        assert!(inputs
            .iter()
            .all(|i| i.park_id == 1 && i.credit_code.len() == 18 && i.input.id == i.enterprise_id.to_string()));
        assert_eq!(inputs[2].input.figures.tax_wan_yuan, Some(240.0));
        // Without a park: every park the caller manages, so an admin gets park 2's enterprise too.
        let city: Vec<EvaluationInputRecord> = server
            .login("admin")
            .await
            .call(Method::GET, &format!("/api/v1/evaluation-inputs?year={YEAR}"))
            .send()
            .await
            .json(StatusCode::OK);
        assert_eq!(city.len(), 8);
        let bad_year = officer.call(Method::GET, "/api/v1/evaluation-inputs?year=1900").send().await;
        assert_eq!(bad_year.error(StatusCode::BAD_REQUEST).1.as_deref(), Some("year"));
    }
}

async fn results(session: &Session<'_>, run: i64) -> Answer {
    session.call(Method::GET, &format!("/api/v1/evaluations/{run}/results")).send().await
}

/// `POST /evaluations` as `session`, or as the public.
async fn start(server: &TestServer, session: Option<&Session<'_>>, body: Value) -> Answer {
    let call = match session {
        Some(session) => session.call(Method::POST, "/api/v1/evaluations"),
        None => server.call(Method::POST, "/api/v1/evaluations"),
    };
    call.json(&body).send().await
}

mod profiles {
    use super::*;

    #[tokio::test]
    async fn shipped_profiles_are_in_every_database_and_public() {
        for server in TestServer::each_backend().await {
            let profiles: Vec<ProfileRecord> = server.get_json("/api/v1/profiles", StatusCode::OK).await;
            let keys: Vec<&str> = profiles.iter().map(|p| p.key.as_str()).collect();
            assert_eq!(keys, ["huangyan-2022", "huangyan-2021", "huaian-2024", "etdz", "linhai"]);
            let one = server.call(Method::GET, &format!("/api/v1/profiles/{}", profiles[0].id)).send().await;
            assert_eq!(one.etag(), "\"1\"");
            let record: ProfileRecord = one.json(StatusCode::OK);
            assert_eq!(record.profile.cohorts[0].items[0].benchmark, Some(24.097));
            assert_eq!(server.get("/api/v1/profiles/999").await.0, StatusCode::NOT_FOUND);
        }
    }

    fn copy_of(record: &ProfileRecord, key: &str) -> Value {
        let mut body = serde_json::to_value(&record.profile).unwrap();
        body["id"] = json!(key);
        body["name"] = json!("黄岩 2022（园区修订）");
        body
    }

    #[tokio::test]
    async fn admins_add_and_edit_profiles_and_others_may_not() {
        for server in TestServer::each_backend().await {
            let admin = server.login("admin").await;
            let profiles: Vec<ProfileRecord> = server.get_json("/api/v1/profiles", StatusCode::OK).await;
            let body = copy_of(&profiles[0], "guanggu-2024");

            let officer = server.login("officer.guanggu").await;
            let refused = officer.call(Method::POST, "/api/v1/profiles").json(&body).send().await;
            assert_eq!(refused.error(StatusCode::FORBIDDEN).0, "forbidden");
            let public = server.call(Method::POST, "/api/v1/profiles").json(&body).send().await;
            assert_eq!(public.error(StatusCode::UNAUTHORIZED).0, "login_required");

            let created: ProfileRecord =
                admin.call(Method::POST, "/api/v1/profiles").json(&body).send().await.json(StatusCode::CREATED);
            assert_eq!((created.key.as_str(), created.version), ("guanggu-2024", 1));
            let again = admin.call(Method::POST, "/api/v1/profiles").json(&body).send().await;
            assert_eq!(again.error(StatusCode::CONFLICT), ("conflict".into(), Some("id".into())));

            let path = format!("/api/v1/profiles/{}", created.id);
            let mut edited = body.clone();
            edited["cohorts"][0]["items"][0]["benchmark"] = json!(30.0);
            let without = admin.call(Method::PUT, &path).json(&edited).send().await;
            assert_eq!(without.error(StatusCode::PRECONDITION_REQUIRED).0, "if_match_required");
            let by_officer = officer.call(Method::PUT, &path).header("if-match", "\"1\"").json(&edited).send().await;
            assert_eq!(by_officer.error(StatusCode::FORBIDDEN).0, "forbidden");
            let updated = admin.call(Method::PUT, &path).header("if-match", "\"1\"").json(&edited).send().await;
            assert_eq!(updated.etag(), "\"2\"");
            let record: ProfileRecord = updated.json(StatusCode::OK);
            assert_eq!(record.profile.cohorts[0].items[0].benchmark, Some(30.0));
            let stale = admin.call(Method::PUT, &path).header("if-match", "\"1\"").json(&body).send().await;
            let error: parkatlas_core::wire::ErrorBody = stale.json(StatusCode::PRECONDITION_FAILED);
            assert_eq!(error.current.unwrap()["version"], 2);

            let renamed = admin
                .call(Method::PUT, &path)
                .header("if-match", "\"2\"")
                .json(&copy_of(&record, "other"))
                .send()
                .await;
            assert_eq!(renamed.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("id"));
            let missing =
                admin.call(Method::PUT, "/api/v1/profiles/999").header("if-match", "\"1\"").json(&edited).send().await;
            assert_eq!(missing.error(StatusCode::NOT_FOUND).0, "not_found");
        }
    }

    #[tokio::test]
    async fn a_profile_with_a_problem_is_refused_naming_its_field() {
        let server = TestServer::with_demo_data().await;
        let admin = server.login("admin").await;
        let profiles: Vec<ProfileRecord> = server.get_json("/api/v1/profiles", StatusCode::OK).await;
        let good = copy_of(&profiles[0], "edited");
        let with = |pointer: &str, value: Value| {
            let mut body = good.clone();
            *body.pointer_mut(pointer).unwrap() = value;
            body
        };
        let mut unknown = good.clone();
        unknown["colour"] = json!("red");
        let cases = [
            (with("/cohorts/0/items/0/weight", json!(35)), "cohorts[0].items"),
            (with("/cohorts/0/items/3/benchmark", json!(0)), "cohorts[0].items[3].benchmark"),
            (with("/cohorts/1/items/1/indicator", json!("tax_per_hectare")), "cohorts[1].items[1].indicator"),
            (with("/class_rule/b", json!(0.1)), "class_rule"),
            (with("/id", json!("has space")), "id"),
            (with("/method/kind", json!("lottery")), "method.kind"),
            (unknown, "colour"),
        ];
        for (body, field) in cases {
            let response = admin.call(Method::POST, "/api/v1/profiles").json(&body).send().await;
            assert_eq!(
                response.error(StatusCode::UNPROCESSABLE_ENTITY),
                ("invalid_field".into(), Some(field.into())),
                "{}",
                response.text()
            );
        }
        let after: Vec<ProfileRecord> = server.get_json("/api/v1/profiles", StatusCode::OK).await;
        assert_eq!(after.len(), 5, "nothing refused was stored");
    }

    #[tokio::test]
    async fn a_run_names_the_profile_version_it_used() {
        let server = TestServer::with_demo_data().await;
        make_enterprises(&server, &dataset()).await;
        let admin = server.login("admin").await;
        let huaian = profile_id(&server, "huaian-2024").await;
        let record: ProfileRecord = server.get_json(&format!("/api/v1/profiles/{huaian}"), StatusCode::OK).await;
        let mut body = serde_json::to_value(&record.profile).unwrap();
        body["cohorts"][0]["items"][0]["benchmark"] = json!(12.0);
        let path = format!("/api/v1/profiles/{huaian}");
        let updated = admin.call(Method::PUT, &path).header("if-match", "\"1\"").json(&body).send().await;
        assert_eq!(updated.status, StatusCode::OK, "{}", updated.text());
        let run: EvaluationRecord = admin
            .call(Method::POST, "/api/v1/evaluations")
            .json(&run_body(huaian, Some(2)))
            .send()
            .await
            .json(StatusCode::CREATED);
        assert_eq!(run.summary.profile_version, 2);
        let results: Vec<EvaluationResultRecord> = admin
            .call(Method::GET, &format!("/api/v1/evaluations/{}/results", run.id))
            .send()
            .await
            .json(StatusCode::OK);
        // Tax per mu 19.2 against the edited benchmark 12: 45 × 1.6 = 72, + 35 + 20.
        assert!(close(results[0].result.total().unwrap(), 127.0), "{:?}", results[0].result.total());
    }
}

#[tokio::test]
async fn a_city_wide_run_over_the_demo_data_grades_every_enterprise_with_figures() {
    let server = TestServer::with_demo_data().await;
    let admin = server.login("admin").await;
    let huangyan = profile_id(&server, "huangyan-2022").await;
    let body = json!({ "profile_id": huangyan, "year": 2025, "evaluation_date": "2026-04-30" });
    let run: EvaluationRecord =
        admin.call(Method::POST, "/api/v1/evaluations").json(&body).send().await.json(StatusCode::CREATED);
    let classes = run.summary.classes;
    let counted = classes.a + classes.b + classes.c + classes.d + classes.t + classes.not_evaluated;
    assert!(run.summary.evaluated >= 250, "{}", run.summary.evaluated);
    assert_eq!(counted, run.summary.evaluated);
    assert_eq!(run.summary.cutoffs.len(), 2, "规上 and 规下 are ranked apart");
    let every: Vec<EvaluationResultRecord> = results(&admin, run.id).await.json(StatusCode::OK);
    assert_eq!(every.len(), run.summary.evaluated);
    let own: Vec<EvaluationResultRecord> =
        results(&server.login("enterprise.a").await, run.id).await.json(StatusCode::OK);
    assert_eq!(own.iter().map(|r| r.enterprise_id).collect::<Vec<_>>(), [1]);
}
