//! `parkatlas import`, run as an official runs it, on a database that already holds the
//! demo dataset (SQLite, and PostgreSQL when the test command started one): a good file
//! is stored whole under new ids and reaches the API and the change feed; a file with bad
//! features or rows stores nothing, exits with status 2 and names each one.

use std::collections::BTreeSet;
use std::process::{Command, Output};

use axum::http::{Method, StatusCode};
use parkatlas_core::geometry::geodesic_distance_m;
use parkatlas_core::wire::{ChangeKind, ChangePage, EnterpriseRecord, LandUse, ParcelCollection, ParcelStatus};
use parkatlas_exchange::test_support::{square, xlsx_of, SurveyLayer, SurveyParcel};
use serde_json::Value;

use crate::support::TestServer;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs `parkatlas import <args>` on the server's database.
fn import(server: &TestServer, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parkatlas"))
        .arg("import")
        .args(args)
        .args(["--database-url", &server.database_url])
        .env("RUST_LOG", "warn")
        .output()
        .expect("the parkatlas binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr_lines(output: &Output) -> Vec<String> {
    String::from_utf8(output.stderr.clone()).unwrap().lines().map(String::from).collect()
}

/// `(kind, id, version)` of every public change after `cursor`, with the records' data.
async fn changes_since(server: &TestServer, cursor: i64) -> (Vec<(ChangeKind, i64, i64)>, Vec<Value>) {
    let page: ChangePage = server.get_json(&format!("/api/v1/changes?since={cursor}"), StatusCode::OK).await;
    assert!(!page.more);
    let summary = page.changes.iter().map(|change| (change.kind, change.id, change.version)).collect();
    (summary, page.changes.into_iter().map(|change| change.data.expect("a record, not a tombstone")).collect())
}

/// The parcels of park 1, where the files import them.
async fn park_1_parcels(server: &TestServer) -> ParcelCollection {
    server.get_json("/api/v1/parks/1/parcels", StatusCode::OK).await
}

async fn all_enterprises(server: &TestServer) -> Vec<EnterpriseRecord> {
    server.get_json("/api/v1/enterprises", StatusCode::OK).await
}

#[tokio::test]
async fn a_good_parcels_file_is_stored_whole_under_new_ids_and_reaches_the_change_feed() {
    for server in TestServer::each_backend().await {
        let before = park_1_parcels(&server).await;
        let cursor = server.feed_end().await;

        let output = import(&server, &["parcels", &fixture("parcels-good.geojson"), "--park", "1"]);
        assert_eq!(output.status.code(), Some(0), "{:?}", stderr_lines(&output));
        assert_eq!(stdout(&output), "imported 3 parcels into park 1 (光谷星河智造园（演示）)\n");

        let after = park_1_parcels(&server).await;
        let old_ids: BTreeSet<i64> = before.features.iter().map(|parcel| parcel.id).collect();
        let mut new: Vec<_> = after.features.iter().filter(|parcel| !old_ids.contains(&parcel.id)).collect();
        new.sort_by(|a, b| a.properties.code.cmp(&b.properties.code));
        assert_eq!(after.features.len(), before.features.len() + 3, "every parcel stored before is still there");
        let stored: Vec<(&str, LandUse, ParcelStatus, i64)> = new
            .iter()
            .map(|parcel| {
                let properties = &parcel.properties;
                (properties.code.as_str(), properties.land_use, properties.status, properties.version)
            })
            .collect();
        assert_eq!(
            stored,
            [
                ("SL-IMP-001", LandUse::Industrial, ParcelStatus::Available, 1),
                ("SL-IMP-002", LandUse::Warehousing, ParcelStatus::Granted, 1),
                ("SL-IMP-003", LandUse::InnovativeIndustrial, ParcelStatus::UnderConstruction, 1),
            ]
        );
        let first: Value = server.get_json(&format!("/api/v1/parcels/{}", new[0].id), StatusCode::OK).await;
        assert_eq!(first["properties"]["details"]["supply_mode"], "listing");
        assert_eq!(first["geometry"]["type"], "Polygon");
        let third: Value = server.get_json(&format!("/api/v1/parcels/{}", new[2].id), StatusCode::OK).await;
        assert_eq!(third["geometry"]["coordinates"].as_array().map(Vec::len), Some(2), "a MultiPolygon of two parts");

        let (mut changes, records) = changes_since(&server, cursor).await;
        changes.sort_by_key(|(_, id, _)| *id);
        let mut new_ids: Vec<i64> = new.iter().map(|parcel| parcel.id).collect();
        new_ids.sort();
        assert_eq!(changes, new_ids.iter().map(|id| (ChangeKind::Parcel, *id, 1)).collect::<Vec<_>>());
        let mut codes: Vec<&str> =
            records.iter().map(|record| record["properties"]["code"].as_str().unwrap()).collect();
        codes.sort();
        assert_eq!(codes, ["SL-IMP-001", "SL-IMP-002", "SL-IMP-003"]);

        let again = import(&server, &["parcels", &fixture("parcels-good.geojson"), "--park", "1"]);
        assert_eq!(again.status.code(), Some(2));
        assert_eq!(
            stderr_lines(&again)[1..],
            [
                "feature 1 (code): another parcel has code SL-IMP-001",
                "feature 2 (code): another parcel has code SL-IMP-002",
                "feature 3 (code): another parcel has code SL-IMP-003",
            ]
        );
        assert_eq!(park_1_parcels(&server).await.features.len(), after.features.len());
    }
}

#[tokio::test]
async fn a_parcels_file_with_bad_features_stores_nothing_and_names_each_feature_and_field() {
    for server in TestServer::each_backend().await {
        let parcel_1: Value = server.get_json("/api/v1/parcels/1", StatusCode::OK).await;
        assert_eq!(parcel_1["properties"]["code"], "GX-001", "the demo parcel the bad file collides with");
        let before = park_1_parcels(&server).await;
        let cursor = server.feed_end().await;

        let output = import(&server, &["parcels", &fixture("parcels-bad.geojson"), "--park", "1"]);
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(stdout(&output), "");
        assert_eq!(
            stderr_lines(&output),
            [
                format!(
                    "error: nothing was imported from {}: problems in 4 of 5 features",
                    fixture("parcels-bad.geojson")
                )
                .as_str(),
                "feature 2 (geometry): polygon 1, outer ring: the ring is not closed; repeat the first position at the end",
                "feature 3 (status): “sold” is not one of available (待出让), granted (已出让), \
                 under_construction (在建), producing (已投产), idle (闲置), unsupplied (批而未供)",
                "feature 4 (code): is the same as in feature 1",
                "feature 5 (code): another parcel has code GX-001",
            ]
        );
        assert_eq!(park_1_parcels(&server).await, before, "not even the good feature 1 was stored");
        assert!(changes_since(&server, cursor).await.0.is_empty(), "nothing reached the change feed");
    }
}

#[tokio::test]
async fn an_unknown_park_refuses_the_file() {
    let server = TestServer::with_demo_data().await;
    let output = import(&server, &["parcels", &fixture("parcels-good.geojson"), "--park", "99"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&output),
        [format!("error: nothing was imported from {}: no park has id 99", fixture("parcels-good.geojson"))]
    );
}

#[tokio::test]
async fn a_good_enterprises_file_is_stored_whole_with_its_private_facts_and_reaches_the_change_feed() {
    for server in TestServer::each_backend().await {
        let before = all_enterprises(&server).await;
        let cursor = server.feed_end().await;

        let output = import(&server, &["enterprises", &fixture("enterprises-good.csv")]);
        assert_eq!(output.status.code(), Some(0), "{:?}", stderr_lines(&output));
        assert_eq!(stdout(&output), "imported 3 enterprises (park 1: 2, park 2: 1)\n");

        let after = all_enterprises(&server).await;
        let old_ids: BTreeSet<i64> = before.iter().map(|enterprise| enterprise.id).collect();
        let mut new: Vec<&EnterpriseRecord> =
            after.iter().filter(|enterprise| !old_ids.contains(&enterprise.id)).collect();
        new.sort_by(|a, b| a.credit_code.cmp(&b.credit_code));
        assert_eq!(after.len(), before.len() + 3);
        let stored: Vec<(i64, &str, &str, &str, i64)> = new
            .iter()
            .map(|e| (e.park_id, e.credit_code.as_str(), e.name.as_str(), e.industry_code.as_str(), e.version))
            .collect();
        assert_eq!(
            stored,
            [
                (1, "91420111MA5D00001G", "示例光谷光电有限公司", "C3976", 1),
                (1, "91420111MA5D00002K", "演示星河软件有限公司", "I6513", 1),
                (2, "91420111MA5D00003N", "示例云帆汽车零部件有限公司", "C3670", 1),
            ]
        );
        assert_eq!(new[0].public.main_products, ["光模块", "激光器芯片"]);
        assert_eq!(new[0].private, None, "the public never sees private facts");

        let admin = server.login("admin").await;
        let first: EnterpriseRecord =
            admin.call(Method::GET, &format!("/api/v1/enterprises/{}", new[0].id)).send().await.json(StatusCode::OK);
        let private = first.private.expect("admins see private facts");
        assert_eq!(
            (private.contact_name.as_deref(), private.contact_phone.as_deref(), private.tier_facts.staff_count),
            (Some("张示例"), Some("02700000001"), Some(120))
        );

        let (mut changes, _) = changes_since(&server, cursor).await;
        changes.sort_by_key(|(_, id, _)| *id);
        let mut new_ids: Vec<i64> = new.iter().map(|enterprise| enterprise.id).collect();
        new_ids.sort();
        assert_eq!(changes, new_ids.iter().map(|id| (ChangeKind::Enterprise, *id, 1)).collect::<Vec<_>>());

        let again = import(&server, &["enterprises", &fixture("enterprises-good.csv")]);
        assert_eq!(again.status.code(), Some(2));
        assert_eq!(
            stderr_lines(&again)[1..],
            [
                "row 2 (credit_code): another enterprise is registered under the credit code 91420111MA5D00001G",
                "row 3 (credit_code): another enterprise is registered under the credit code 91420111MA5D00002K",
                "row 4 (credit_code): another enterprise is registered under the credit code 91420111MA5D00003N",
            ]
        );
        assert_eq!(all_enterprises(&server).await.len(), after.len());
    }
}

#[tokio::test]
async fn an_enterprises_file_with_bad_rows_stores_nothing_and_names_each_row_and_column() {
    for server in TestServer::each_backend().await {
        let before = all_enterprises(&server).await;
        let cursor = server.feed_end().await;

        let output = import(&server, &["enterprises", &fixture("enterprises-bad.csv")]);
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(
            stderr_lines(&output),
            [
                format!("error: nothing was imported from {}: problems in 4 of 5 rows", fixture("enterprises-bad.csv"))
                    .as_str(),
                "row 3 (credit_code): the check character (the 18th) of 91420111MA5D00005X should be W, not X; \
                 one of the 18 characters is probably mistyped",
                "row 4 (industry_code): division 58 belongs to section G (交通运输、仓储和邮政业), not C; write G5810",
                "row 5 (credit_code): is the same as in row 2",
                "row 6 (park_id): no park has id 9",
            ]
        );
        assert_eq!(all_enterprises(&server).await, before, "not even the good row 2 was stored");
        assert!(changes_since(&server, cursor).await.0.is_empty(), "nothing reached the change feed");
    }
}

/// Writes `bytes` to a file named `name` in a fresh directory, kept while the guard lives.
fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path.to_string_lossy().into_owned())
}

fn survey_parcel(code: &str, land_use: &str, lon: f64) -> SurveyParcel {
    SurveyParcel {
        code: code.into(),
        land_use: land_use.into(),
        status: "待出让".into(),
        note: "测绘备注".into(),
        rings: vec![square(lon, 30.436, 60.0)],
    }
}

#[tokio::test]
async fn a_zipped_shapefile_in_epsg_4547_with_gbk_attributes_lands_where_it_was_surveyed() {
    for server in TestServer::each_backend().await {
        let before = park_1_parcels(&server).await;
        let parcels = [survey_parcel("SHP-001", "工业用地", 114.494), survey_parcel("SHP-002", "M0", 114.496)];
        let (_dir, file) = temp_file("光谷测绘.zip", &SurveyLayer::wuhan_gbk().zip(&parcels));

        let output = import(&server, &["parcels", &file, "--park", "1"]);
        assert_eq!(output.status.code(), Some(0), "{:?}", stderr_lines(&output));
        assert_eq!(
            stdout(&output),
            "imported 2 parcels into park 1 (光谷星河智造园（演示）)\nread as Shapefile, attributes in gb18030 in \
             EPSG:4547; ignored columns: OBJECTID, BZ, SHAPE_AREA\n"
        );
        let after = park_1_parcels(&server).await;
        assert_eq!(after.features.len(), before.features.len() + 2);
        for parcel in &parcels {
            let stored = after.features.iter().find(|stored| stored.properties.code == parcel.code).unwrap();
            let record: Value = server.get_json(&format!("/api/v1/parcels/{}", stored.id), StatusCode::OK).await;
            let ring = record["geometry"]["coordinates"][0].as_array().unwrap();
            for corner in &parcel.rings[0] {
                let nearest = ring
                    .iter()
                    .map(|position| (position[0].as_f64().unwrap(), position[1].as_f64().unwrap()))
                    .map(|read| geodesic_distance_m(*corner, read))
                    .fold(f64::INFINITY, f64::min);
                assert!(nearest < 1.0, "{} is {nearest} m from where it was surveyed", parcel.code);
            }
        }
        let second = after.features.iter().find(|stored| stored.properties.code == "SHP-002").unwrap();
        assert_eq!(second.properties.land_use, LandUse::InnovativeIndustrial);
    }
}

#[tokio::test]
async fn a_zipped_shapefile_with_one_bad_feature_stores_nothing_and_names_it() {
    let server = TestServer::with_demo_data().await;
    let before = park_1_parcels(&server).await;
    let parcels = [survey_parcel("SHP-101", "工业用地", 114.494), survey_parcel("SHP-102", "工矿仓储用地", 114.496)];
    let (_dir, file) = temp_file("bad.zip", &SurveyLayer::wuhan_gbk().zip(&parcels));
    let output = import(&server, &["parcels", &file, "--park", "1"]);
    assert_eq!(output.status.code(), Some(2));
    let lines = stderr_lines(&output);
    assert!(lines[0].ends_with("problems in 1 of 2 features"), "{lines:?}");
    assert!(lines[1].starts_with("feature 2 (YDXZ → land_use): “工矿仓储用地” is not one of industrial"), "{lines:?}");
    assert_eq!(park_1_parcels(&server).await, before);
}

#[tokio::test]
async fn enterprises_come_from_gbk_csv_and_from_excel_alike() {
    for server in TestServer::each_backend().await {
        let csv = std::fs::read_to_string(fixture("enterprises-good.csv")).unwrap();
        let (gbk, _, _) = encoding_rs::GB18030.encode(&csv);
        let (_csv_dir, csv_file) = temp_file("入园企业.csv", &gbk);
        let output = import(&server, &["enterprises", &csv_file]);
        assert_eq!(output.status.code(), Some(0), "{:?}", stderr_lines(&output));
        assert_eq!(stdout(&output), "imported 3 enterprises (park 1: 2, park 2: 1)\n");
        let names: BTreeSet<String> = all_enterprises(&server).await.into_iter().map(|e| e.name).collect();
        assert!(names.contains("示例云帆汽车零部件有限公司"), "GBK text read exactly");

        // The same rows from a workbook reach the same checks: each is now taken.
        let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let mut rows: Vec<Vec<String>> = vec![reader.headers().unwrap().iter().map(String::from).collect()];
        rows.extend(reader.records().map(|record| record.unwrap().iter().map(String::from).collect()));
        let rows: Vec<Vec<&str>> = rows.iter().map(|row| row.iter().map(String::as_str).collect()).collect();
        let (_xlsx_dir, xlsx_file) = temp_file("入园企业.xlsx", &xlsx_of(&rows));
        let again = import(&server, &["enterprises", &xlsx_file]);
        assert_eq!(again.status.code(), Some(2), "{:?}", stderr_lines(&again));
        assert_eq!(
            stderr_lines(&again)[1],
            "row 2 (credit_code): another enterprise is registered under the credit code 91420111MA5D00001G"
        );
    }
}
