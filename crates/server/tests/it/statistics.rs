//! A park's public statistics (`GET /parks/{id}/statistics`) against what the park's
//! parcels, enterprises, certificates and evaluation runs endpoints show, counted here;
//! certificates and runs added here move the counts as the rules say; and the answer
//! holds counts only.

use std::collections::{BTreeMap, BTreeSet};

use axum::http::{Method, StatusCode};
use chrono::{Duration, NaiveDate, Utc};
use parkatlas_core::wire::{
    CertificateRecord, ErrorBody, EvaluationRecord, ParcelCollection, ParcelStatus, ParkCollection, ParkStatistics,
    ProfileRecord,
};
use serde_json::{json, Value};

use crate::support::{Session, TestServer};

const OK: StatusCode = StatusCode::OK;

/// Every certificate kind, in the order the statistics list them.
const KIND_ORDER: [&str; 12] = [
    "tech_sme",
    "innovative_sme",
    "tech_innovative_sme",
    "specialised_sme",
    "little_giant",
    "single_champion",
    "high_tech",
    "gazelle",
    "unicorn",
    "potential_unicorn",
    "tech_innovation_demo",
    "ip_advantage_or_demo",
];

/// A year of figures the demo data holds, and a profile with rules for its enterprises.
const YEAR: i32 = 2025;
const PROFILE_KEY: &str = "huangyan-2022";

fn today_in_china() -> NaiveDate {
    parkatlas_core::calendar::china_date(Utc::now())
}

/// Park `park`'s statistics, with `as_of` checked to be today in China.
async fn statistics(server: &TestServer, park: i64) -> ParkStatistics {
    let before = today_in_china();
    let statistics: ParkStatistics = server.get_json(&format!("/api/v1/parks/{park}/statistics"), OK).await;
    assert!([before, today_in_china()].contains(&statistics.as_of), "as_of {}", statistics.as_of);
    assert_eq!(statistics.park_id, park);
    statistics
}

/// `(kind, enterprises)` as counted here from every enterprise's public certificates:
/// distinct enterprises of `park` holding a certificate of the kind valid on `day`.
async fn tiers_counted_here(server: &TestServer, park: i64, day: NaiveDate) -> Vec<(String, u32)> {
    let enterprises: Vec<Value> = server.get_json(&format!("/api/v1/enterprises?park_id={park}"), OK).await;
    let mut holders: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
    for enterprise in &enterprises {
        let id = enterprise["id"].as_i64().unwrap();
        let certificates: Vec<CertificateRecord> =
            server.get_json(&format!("/api/v1/enterprises/{id}/certificates"), OK).await;
        for certificate in certificates.iter().filter(|c| c.issued_on <= day && day <= c.expires_on) {
            let kind = serde_json::to_value(certificate.kind).unwrap().as_str().unwrap().to_string();
            holders.entry(kind).or_default().insert(id);
        }
    }
    assert!(holders.keys().all(|kind| KIND_ORDER.contains(&kind.as_str())), "{holders:?}");
    KIND_ORDER.iter().filter_map(|kind| holders.get(*kind).map(|ids| (kind.to_string(), ids.len() as u32))).collect()
}

fn tiers_of(statistics: &ParkStatistics) -> Vec<(String, u32)> {
    statistics
        .tiers
        .iter()
        .map(|tally| (serde_json::to_value(tally.kind).unwrap().as_str().unwrap().to_string(), tally.enterprises))
        .collect()
}

#[tokio::test]
async fn statistics_count_what_the_parcels_enterprises_and_certificates_endpoints_show() {
    for server in TestServer::each_backend().await {
        let parks: ParkCollection = server.get_json("/api/v1/parks", OK).await;
        for park in &parks.features {
            let statistics = statistics(&server, park.id).await;

            let parcels: ParcelCollection = server.get_json(&format!("/api/v1/parks/{}/parcels", park.id), OK).await;
            let statuses: Vec<ParcelStatus> = statistics.land.iter().map(|tally| tally.status).collect();
            assert_eq!(statuses, ParcelStatus::ALL);
            for tally in &statistics.land {
                let of_status: Vec<f64> = parcels
                    .features
                    .iter()
                    .filter(|p| p.properties.status == tally.status)
                    .map(|p| p.properties.area_m2.0)
                    .collect();
                assert_eq!(tally.parcels as usize, of_status.len(), "park {} {:?}", park.id, tally.status);
                // Summed in another order by the database: equal to rounding.
                let area: f64 = of_status.iter().sum();
                assert!((tally.area_m2.0 - area).abs() <= area * 1e-12, "{} ≠ {area}", tally.area_m2.0);
            }
            assert!(statistics.land.iter().filter(|tally| tally.parcels > 0).count() >= 2);

            let enterprises: Vec<Value> =
                server.get_json(&format!("/api/v1/enterprises?park_id={}", park.id), OK).await;
            assert!(!enterprises.is_empty());
            assert_eq!(statistics.enterprises as usize, enterprises.len());

            let counted = tiers_counted_here(&server, park.id, statistics.as_of).await;
            assert!(!counted.is_empty() && counted.len() < KIND_ORDER.len(), "{counted:?}");
            assert_eq!(tiers_of(&statistics), counted, "park {}", park.id);
            assert!(statistics.tiers.iter().all(|tally| tally.enterprises > 0));

            // The demo data has no evaluation runs.
            assert_eq!(statistics.latest_evaluation, None);
        }
    }
}

#[tokio::test]
async fn a_kind_counts_the_enterprises_holding_it_today_once_each() {
    for server in TestServer::each_backend().await {
        let admin = server.login("admin").await;
        let park = 1;
        let before = statistics(&server, park).await;
        assert!(!tiers_of(&before).iter().any(|(kind, _)| kind == "unicorn"), "no demo enterprise is a unicorn");
        let enterprises: Vec<Value> = server.get_json(&format!("/api/v1/enterprises?park_id={park}"), OK).await;
        let (first, second) = (enterprises[0]["id"].as_i64().unwrap(), enterprises[1]["id"].as_i64().unwrap());
        let today = before.as_of;
        let certify = |enterprise: i64, issued: NaiveDate, expires: NaiveDate| {
            let admin = &admin;
            async move {
                let body = json!({ "kind": "unicorn", "number": format!("统计测试-{enterprise}-{issued}"),
                                   "issued_on": issued, "expires_on": expires });
                let path = format!("/api/v1/enterprises/{enterprise}/certificates");
                assert_eq!(admin.call(Method::POST, &path).json(&body).send().await.status, StatusCode::CREATED);
            }
        };
        // The first enterprise twice (from today, and until today), the second only
        // before today and from tomorrow: one holder today.
        certify(first, today, today + Duration::days(365)).await;
        certify(first, today - Duration::days(365), today).await;
        certify(second, today - Duration::days(730), today - Duration::days(1)).await;
        certify(second, today + Duration::days(1), today + Duration::days(365)).await;

        let after = statistics(&server, park).await;
        let unicorns: Vec<(String, u32)> = tiers_of(&after).into_iter().filter(|(kind, _)| kind == "unicorn").collect();
        assert_eq!(unicorns, [("unicorn".to_string(), 1)]);
        assert_eq!(tiers_of(&after), tiers_counted_here(&server, park, after.as_of).await);
        // Unicorns rank after gazelles, before the national honours.
        let kinds: Vec<String> = tiers_of(&after).into_iter().map(|(kind, _)| kind).collect();
        let rank = |kind: &str| KIND_ORDER.iter().position(|k| *k == kind).unwrap();
        assert!(kinds.windows(2).all(|pair| rank(&pair[0]) < rank(&pair[1])), "{kinds:?}");
        // Another park's counts do not move.
        assert_eq!(tiers_of(&statistics(&server, 2).await), tiers_counted_here(&server, 2, today).await);
    }
}

/// Runs an evaluation of [`YEAR`] as `admin`; returns the run.
async fn evaluate(admin: &Session<'_>, profile: i64, park: Option<i64>, date: &str) -> EvaluationRecord {
    let body = json!({ "profile_id": profile, "year": YEAR, "evaluation_date": date, "park_id": park });
    admin.call(Method::POST, "/api/v1/evaluations").json(&body).send().await.json(StatusCode::CREATED)
}

#[tokio::test]
async fn the_latest_evaluation_is_the_parks_run_of_the_latest_date() {
    for server in TestServer::each_backend().await {
        let admin = server.login("admin").await;
        let profiles: Vec<ProfileRecord> = server.get_json("/api/v1/profiles", OK).await;
        let profile = profiles.iter().find(|p| p.key == PROFILE_KEY).expect("the profile").id;

        let april = evaluate(&admin, profile, Some(1), "2026-04-30").await;
        // Made later, but of an earlier date.
        evaluate(&admin, profile, Some(1), "2026-01-15").await;
        // Later, but the city's or another park's.
        evaluate(&admin, profile, None, "2026-06-30").await;
        let second_park = evaluate(&admin, profile, Some(2), "2026-05-01").await;

        let published =
            |run: &EvaluationRecord| (run.id, run.summary.year, run.summary.evaluation_date, run.summary.classes);
        let latest = |statistics: ParkStatistics| {
            statistics.latest_evaluation.map(|p| (p.run_id, p.year, p.evaluation_date, p.classes))
        };
        // Compared with the run as its own endpoint shows it.
        let shown: EvaluationRecord = server.get_json(&format!("/api/v1/evaluations/{}", april.id), OK).await;
        assert!(shown.summary.classes.a + shown.summary.classes.b + shown.summary.classes.c > 0);
        assert_eq!(latest(statistics(&server, 1).await), Some(published(&shown)));
        assert_eq!(latest(statistics(&server, 2).await), Some(published(&second_park)));
        assert_eq!(latest(statistics(&server, 3).await), None);

        // Two runs of one date: the one made last.
        let again = evaluate(&admin, profile, Some(1), "2026-04-30").await;
        assert!(again.id > april.id);
        assert_eq!(latest(statistics(&server, 1).await), Some(published(&again)));
    }
}

/// Every key the statistics may hold: counts, dates, ids of the park and the run.
const PUBLIC_KEYS: [&str; 20] = [
    "park_id",
    "as_of",
    "land",
    "status",
    "parcels",
    "area_m2",
    "enterprises",
    "tiers",
    "kind",
    "latest_evaluation",
    "run_id",
    "year",
    "evaluation_date",
    "classes",
    "a",
    "b",
    "c",
    "d",
    "t",
    "not_evaluated",
];

fn keys(value: &Value, into: &mut BTreeSet<String>) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                into.insert(key.clone());
                keys(field, into);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| keys(item, into)),
        _ => {}
    }
}

#[tokio::test]
async fn statistics_hold_counts_only_and_name_a_missing_park() {
    for server in TestServer::each_backend().await {
        let admin = server.login("admin").await;
        let profiles: Vec<ProfileRecord> = server.get_json("/api/v1/profiles", OK).await;
        let profile = profiles.iter().find(|p| p.key == PROFILE_KEY).expect("the profile").id;
        evaluate(&admin, profile, Some(1), "2026-04-30").await;
        for caller in [None, Some(&admin)] {
            let call = match caller {
                Some(session) => session.call(Method::GET, "/api/v1/parks/1/statistics"),
                None => server.call(Method::GET, "/api/v1/parks/1/statistics"),
            };
            let body: Value = call.send().await.json(OK);
            let mut found = BTreeSet::new();
            keys(&body, &mut found);
            let expected: BTreeSet<String> = PUBLIC_KEYS.iter().map(|key| key.to_string()).collect();
            assert_eq!(found, expected, "{body}");
        }

        let missing: ErrorBody = server.get_json("/api/v1/parks/9999/statistics", StatusCode::NOT_FOUND).await;
        assert_eq!((missing.error.code.as_str(), missing.error.field.as_deref()), ("not_found", Some("id")));
        assert_eq!(missing.error.message, "no park has id 9999");
        let bad: ErrorBody = server.get_json("/api/v1/parks/abc/statistics", StatusCode::BAD_REQUEST).await;
        assert_eq!(bad.error.field.as_deref(), Some("id"));
    }
}
