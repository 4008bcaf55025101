//! Service requests: filed by an enterprise, moved through their life cycle by the park's
//! officers, rated by the enterprise; their history, deadline and attachments; and that
//! nobody outside the enterprise, its park and the admins reads or changes them.

use axum::http::{Method, StatusCode};
use parkatlas_core::wire::ErrorBody;
use serde_json::{json, Value};

use crate::support::{Answer, Session, TestServer};

pub(crate) fn general_request() -> Value {
    json!({ "category": "general", "title": "厂房屋面漏水", "body": "3号厂房屋面雨天漏水，请协调维修。" })
}

/// Files `body` as `enterprise`; returns the record.
pub(crate) async fn file(enterprise: &Session<'_>, body: &Value) -> Value {
    enterprise.call(Method::POST, "/api/v1/requests").json(body).send().await.json(StatusCode::CREATED)
}

/// Sends one step of request `id` as `session`, naming `version`.
pub(crate) async fn step(session: &Session<'_>, id: i64, version: i64, body: Value) -> Answer {
    let path = format!("/api/v1/requests/{id}/events");
    session.call(Method::POST, &path).header("if-match", &format!("\"{version}\"")).json(&body).send().await
}

/// `(from, to, step in Chinese, rating)` of each event.
fn history(record: &Value) -> Vec<(Value, String, String, Value)> {
    record["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["from"].clone(),
                e["to"].as_str().unwrap().into(),
                e["step"]["zh"].as_str().unwrap().into(),
                e["rating"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_request_lives_from_receipt_through_rating_and_reopening_with_its_history() {
    for server in TestServer::each_backend().await {
        let (enterprise, officer) = (server.login("enterprise.a").await, server.login("officer.guanggu").await);
        let filed = file(&enterprise, &general_request()).await;
        let id = filed["id"].as_i64().unwrap();
        assert_eq!(
            (&filed["state"], &filed["enterprise_id"], &filed["park_id"], &filed["version"], &filed["rating"]),
            (&json!("received"), &json!(1), &json!(1), &json!(1), &Value::Null)
        );
        assert_eq!(filed["events"][0]["actor"], "企业用户甲（演示）");
        assert_eq!((&filed["due"]["kind"], &filed["due"]["status"]["overdue"]), (&json!("resolve"), &json!(false)));
        let due_before = filed["due"]["due_at"].as_str().unwrap().to_string();

        // The dissatisfied rating reopens the request in the same write (督办重办 by the platform).
        let steps = [
            (&officer, json!({ "to": "assigned", "note": "交园区物业服务中心" }), "assigned"),
            (&officer, json!({ "to": "in_progress" }), "in_progress"),
            (&officer, json!({ "to": "extended", "note": "需等待防水材料到货" }), "extended"),
            (&officer, json!({ "to": "resolved", "note": "已完成屋面修补" }), "resolved"),
            (&enterprise, json!({ "to": "rated", "rating": "dissatisfied", "note": "仍有渗水" }), "reopened"),
            (&officer, json!({ "to": "resolved", "note": "已整体更换防水层" }), "resolved"),
            (&enterprise, json!({ "to": "rated", "rating": "satisfied" }), "rated"),
        ];
        let mut record = filed;
        for (version, (session, body, reached)) in (1..).zip(steps) {
            let answer = step(session, id, version, body.clone()).await;
            assert_eq!(answer.etag(), format!("\"{}\"", version + 1), "{body}");
            record = answer.json(StatusCode::OK);
            assert_eq!(record["state"], reached);
            if body["to"] == "extended" {
                let due_after = record["due"]["due_at"].as_str().unwrap();
                assert!(due_after > due_before.as_str(), "an extension moves the deadline: {due_after}");
            }
        }
        let null = Value::Null;
        let expected = [
            (null.clone(), "received", "提交受理", null.clone()),
            (json!("received"), "assigned", "调度交办", null.clone()),
            (json!("assigned"), "in_progress", "签收办理", null.clone()),
            (json!("in_progress"), "extended", "延期", null.clone()),
            (json!("extended"), "resolved", "回复办结", null.clone()),
            (json!("resolved"), "rated", "回访评价", json!("dissatisfied")),
            (json!("rated"), "reopened", "督办重办", null.clone()),
            (json!("reopened"), "resolved", "首问答复", null.clone()),
            (json!("resolved"), "rated", "回访评价", json!("satisfied")),
        ];
        let expected: Vec<_> = expected.into_iter().map(|(f, t, s, r)| (f, t.to_string(), s.to_string(), r)).collect();
        assert_eq!(history(&record), expected);
        assert_eq!((&record["rating"], &record["version"]), (&json!("satisfied"), &json!(8)));
        assert_eq!(
            (&record["events"][6]["actor"], &record["events"][6]["at"]),
            (&json!("平台督办"), &record["events"][5]["at"])
        );
        assert_eq!(record["events"][6]["note"], "企业评价为“不满意”，平台督办重办");
        assert_eq!(record["events"][2]["actor"], "光谷星河园区管理员（演示）");
        assert_eq!(record["events"][3]["note"], "需等待防水材料到货");
        // A closed request's deadline is judged at its (last) resolution.
        assert_eq!(record["due"]["status"]["at"], record["events"][7]["at"]);

        let read = enterprise.call(Method::GET, &format!("/api/v1/requests/{id}")).send().await;
        assert_eq!(read.etag(), "\"8\"");
        let read: Value = read.json(StatusCode::OK);
        assert_eq!(history(&read), expected);
    }
}

#[tokio::test]
async fn steps_are_checked_by_the_life_cycle_and_by_who_takes_them() {
    for server in TestServer::each_backend().await {
        let (enterprise, officer) = (server.login("enterprise.a").await, server.login("officer.guanggu").await);
        let enquiry = json!({ "category": "enquiry", "title": "租金补贴", "body": "2026年租金补贴何时申报？" });
        let id = file(&enterprise, &enquiry).await["id"].as_i64().unwrap();

        let illegal = step(&officer, id, 1, json!({ "to": "in_progress" })).await;
        let body: ErrorBody = illegal.json(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body.error.field.as_deref(), Some("to"));
        assert!(body.error.message.contains("已交办 (assigned), 已办结 (resolved)"), "{}", body.error.message);
        let too_early = step(&enterprise, id, 1, json!({ "to": "rated", "rating": "satisfied" })).await;
        assert_eq!(too_early.error(StatusCode::UNPROCESSABLE_ENTITY), ("invalid_field".into(), Some("to".into())));
        let by_enterprise = step(&enterprise, id, 1, json!({ "to": "assigned" })).await;
        assert_eq!(by_enterprise.error(StatusCode::FORBIDDEN).0, "forbidden");
        let no_reason = step(&officer, id, 1, json!({ "to": "assigned" })).await;
        assert_eq!(no_reason.status, StatusCode::OK);
        step(&officer, id, 2, json!({ "to": "in_progress" })).await.json::<Value>(StatusCode::OK);
        let no_extension = step(&officer, id, 3, json!({ "to": "extended", "note": "材料未齐" })).await;
        let body: ErrorBody = no_extension.json(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body.error.field.as_deref(), Some("to"));
        assert!(body.error.message.contains("咨询 (enquiry) cannot be extended"), "{}", body.error.message);
        let unexplained = step(&officer, id, 3, json!({ "to": "returned", "note": " " })).await;
        assert_eq!(unexplained.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("note"));
        step(&officer, id, 3, json!({ "to": "resolved", "note": "已电话答复" })).await.json::<Value>(StatusCode::OK);

        let officer_rates = step(&officer, id, 4, json!({ "to": "rated", "rating": "satisfied" })).await;
        assert_eq!(officer_rates.error(StatusCode::FORBIDDEN).0, "forbidden");
        let unrated = step(&enterprise, id, 4, json!({ "to": "rated" })).await;
        assert_eq!(unrated.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("rating"));
        step(&enterprise, id, 4, json!({ "to": "rated", "rating": "satisfied" })).await.json::<Value>(StatusCode::OK);
        let stays_closed = step(&officer, id, 5, json!({ "to": "reopened", "note": "督办" })).await;
        assert_eq!(stays_closed.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("to"));

        let path = format!("/api/v1/requests/{id}/events");
        let without = officer.call(Method::POST, &path).json(&json!({ "to": "reopened", "note": "x" })).send().await;
        assert_eq!(without.error(StatusCode::PRECONDITION_REQUIRED).1.as_deref(), Some("If-Match"));
        let stale: ErrorBody =
            step(&officer, id, 2, json!({ "to": "reopened", "note": "x" })).await.json(StatusCode::PRECONDITION_FAILED);
        let current = stale.current.unwrap();
        assert_eq!((&current["version"], &current["state"]), (&json!(5), &json!("rated")));
        let now: Value = officer.call(Method::GET, &format!("/api/v1/requests/{id}")).send().await.json(StatusCode::OK);
        assert_eq!(now["events"].as_array().unwrap().len(), 5, "refused steps leave no trace");
    }
}

#[tokio::test]
async fn a_retried_step_is_taken_once() {
    let server = TestServer::with_demo_data().await;
    let (enterprise, officer) = (server.login("enterprise.a").await, server.login("officer.guanggu").await);
    let id = file(&enterprise, &general_request()).await["id"].as_i64().unwrap();
    let send = || {
        officer
            .call(Method::POST, &format!("/api/v1/requests/{id}/events"))
            .header("if-match", "\"1\"")
            .header("idempotency-key", "step-2f9c-0001")
            .json(&json!({ "to": "assigned", "note": "交办" }))
            .send()
    };
    let (first, second) = (send().await, send().await);
    assert_eq!((first.status, second.status), (StatusCode::OK, StatusCode::OK));
    assert_eq!(first.body, second.body);
    let now: Value = officer.call(Method::GET, &format!("/api/v1/requests/{id}")).send().await.json(StatusCode::OK);
    assert_eq!((now["version"].as_i64(), now["events"].as_array().unwrap().len()), (Some(2), 2));
}

#[tokio::test]
async fn requests_stay_within_their_enterprise_its_park_and_the_admins() {
    for server in TestServer::each_backend().await {
        let a = server.login("enterprise.a").await;
        let b = server.login("enterprise.b").await;
        let (guanggu, chegu, admin) =
            (server.login("officer.guanggu").await, server.login("officer.chegu").await, server.login("admin").await);
        let id = file(&a, &general_request()).await["id"].as_i64().unwrap();
        let path = format!("/api/v1/requests/{id}");

        assert_eq!(server.call(Method::GET, &path).send().await.error(StatusCode::UNAUTHORIZED).0, "login_required");
        assert_eq!(server.get("/api/v1/requests").await.0, StatusCode::UNAUTHORIZED);
        for outsider in [&b, &chegu] {
            assert_eq!(outsider.call(Method::GET, &path).send().await.status, StatusCode::FORBIDDEN);
            assert_eq!(step(outsider, id, 1, json!({ "to": "assigned" })).await.status, StatusCode::FORBIDDEN);
        }
        for insider in [&a, &guanggu, &admin] {
            assert_eq!(insider.call(Method::GET, &path).send().await.status, StatusCode::OK);
        }
        let missing = a.call(Method::GET, "/api/v1/requests/999999").send().await;
        assert_eq!(missing.error(StatusCode::NOT_FOUND).0, "not_found");

        let ids = |records: &[Value]| records.iter().map(|r| r["id"].as_i64().unwrap()).collect::<Vec<_>>();
        for (session, sees) in [(&a, true), (&b, false), (&guanggu, true), (&chegu, false), (&admin, true)] {
            assert_eq!(ids(&listed(session, "").await).contains(&id), sees);
        }
        let of_b = listed(&b, "").await;
        assert!(of_b.iter().all(|r| r["enterprise_id"] == 2), "enterprise B sees only its own");
        let of_chegu = listed(&chegu, "").await;
        assert!(of_chegu.iter().all(|r| r["park_id"] == 2), "an officer sees only the park's");
        assert!(ids(&listed(&a, "?state=received").await).contains(&id));
        assert!(!ids(&listed(&a, "?state=resolved").await).contains(&id));
        let bad_state = a.call(Method::GET, "/api/v1/requests?state=done").send().await;
        assert_eq!(bad_state.error(StatusCode::BAD_REQUEST).1.as_deref(), Some("state"));

        for (session, sees) in [(Some(&a), true), (Some(&b), false), (Some(&chegu), false), (None, false)] {
            let requests = all_changes(&server, session, "request").await;
            let mine = requests.iter().find(|c| c["id"] == id);
            assert_eq!(mine.is_some(), sees);
            if let Some(change) = mine {
                assert_eq!(change["data"]["title"], "厂房屋面漏水", "the feed carries the whole record");
            }
        }
    }
}

/// The requests `session` lists with `query`.
async fn listed(session: &Session<'_>, query: &str) -> Vec<Value> {
    session.call(Method::GET, &format!("/api/v1/requests{query}")).send().await.json(StatusCode::OK)
}

async fn post(session: &Session<'_>, body: Value) -> Answer {
    session.call(Method::POST, "/api/v1/requests").json(&body).send().await
}

/// Every change of `kind` in the feed that `session` (or the public) reads, from the start.
pub async fn all_changes(server: &TestServer, session: Option<&Session<'_>>, kind: &str) -> Vec<Value> {
    let mut cursor = 0;
    let mut found = Vec::new();
    loop {
        let path = format!("/api/v1/changes?since={cursor}&limit=1000");
        let call = match session {
            Some(session) => session.call(Method::GET, &path),
            None => server.call(Method::GET, &path),
        };
        let page: Value = call.send().await.json(StatusCode::OK);
        found.extend(page["changes"].as_array().unwrap().iter().filter(|c| c["kind"] == kind).cloned());
        cursor = page["next"].as_i64().unwrap();
        if page["more"] != true {
            return found;
        }
    }
}

#[tokio::test]
async fn only_enterprise_users_file_requests_and_what_they_file_is_checked() {
    let server = TestServer::with_demo_data().await;
    let enterprise = server.login("enterprise.a").await;
    for username in ["officer.guanggu", "admin"] {
        let session = server.login(username).await;
        assert_eq!(post(&session, general_request()).await.error(StatusCode::FORBIDDEN).0, "forbidden", "{username}");
    }
    let public = server.call(Method::POST, "/api/v1/requests").json(&general_request()).send().await;
    assert_eq!(public.status, StatusCode::UNAUTHORIZED);

    let mut on_a_parcel = general_request();
    on_a_parcel["parcel_id"] = json!(1);
    let filed: Value = post(&enterprise, on_a_parcel.clone()).await.json(StatusCode::CREATED);
    assert_eq!(filed["parcel_id"], 1);
    on_a_parcel["parcel_id"] = json!(999_999);
    let no_parcel = post(&enterprise, on_a_parcel).await;
    assert_eq!(no_parcel.error(StatusCode::UNPROCESSABLE_ENTITY), ("invalid_field".into(), Some("parcel_id".into())));
    let mut untitled = general_request();
    untitled["title"] = json!("x");
    assert_eq!(post(&enterprise, untitled).await.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("title"));
    let mut filing_for_another = general_request();
    filing_for_another["enterprise_id"] = json!(2);
    let refused = post(&enterprise, filing_for_another).await;
    assert_eq!(refused.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("enterprise_id"));
}

#[tokio::test]
async fn a_request_keeps_its_location_and_address_and_refuses_bad_ones() {
    for server in TestServer::each_backend().await {
        let enterprise = server.login("enterprise.a").await;
        let mut located = general_request();
        located["location"] = json!({ "lat": 30.5052, "lon": 114.3983 });
        located["address"] = json!("  武汉市东湖新技术开发区光谷大道77号 ");
        let filed = file(&enterprise, &located).await;
        assert_eq!(filed["location"], json!({ "lat": 30.5052, "lon": 114.3983 }));
        assert_eq!(filed["address"], "武汉市东湖新技术开发区光谷大道77号");
        let read: Value = enterprise
            .call(Method::GET, &format!("/api/v1/requests/{}", filed["id"]))
            .send()
            .await
            .json(StatusCode::OK);
        assert_eq!((&read["location"], &read["address"]), (&filed["location"], &filed["address"]));
        let plain = file(&enterprise, &general_request()).await;
        assert_eq!((&plain["location"], &plain["address"]), (&Value::Null, &Value::Null));

        for (field, value) in [
            ("location", json!({ "lat": 114.3983, "lon": 30.5052 })),
            ("location", json!({ "lat": 30.5 })),
            ("address", json!("路".repeat(201))),
        ] {
            let mut bad = general_request();
            bad[field] = value;
            let refused = post(&enterprise, bad).await;
            assert_eq!(refused.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some(field));
        }
    }
}

#[tokio::test]
async fn basically_satisfied_reopens_at_once_and_satisfied_closes() {
    for server in TestServer::each_backend().await {
        let (enterprise, officer) = (server.login("enterprise.a").await, server.login("officer.guanggu").await);
        for (rating, reached) in [("basically_satisfied", "reopened"), ("satisfied", "rated")] {
            let id = file(&enterprise, &general_request()).await["id"].as_i64().unwrap();
            step(&officer, id, 1, json!({ "to": "resolved", "note": "已答复" })).await.json::<Value>(StatusCode::OK);
            let rated: Value =
                step(&enterprise, id, 2, json!({ "to": "rated", "rating": rating })).await.json(StatusCode::OK);
            assert_eq!(
                (&rated["state"], &rated["rating"], &rated["version"]),
                (&json!(reached), &json!(rating), &json!(3))
            );
            let owner = &rated["events"][1]["actor"];
            assert_eq!(owner, "光谷星河园区管理员（演示）", "the official who answered first owns it");
        }
    }
}

mod attachments {
    use super::*;

    async fn attach(session: &Session<'_>, id: i64, name: &str, content_type: &str, bytes: Vec<u8>) -> Answer {
        let path = format!("/api/v1/requests/{id}/attachments?name={name}");
        session.call(Method::POST, &path).raw(content_type, bytes).send().await
    }

    #[tokio::test]
    async fn a_file_goes_in_and_comes_back_byte_for_byte() {
        for server in TestServer::each_backend().await {
            let (enterprise, officer) = (server.login("enterprise.a").await, server.login("officer.guanggu").await);
            let id = file(&enterprise, &general_request()).await["id"].as_i64().unwrap();
            let pdf: Vec<u8> = b"%PDF-1.7\n".iter().copied().chain((0..=255u8).cycle().take(40_000)).collect();
            let name = "%E7%94%B3%E6%8A%A5%E6%9D%90%E6%96%99.pdf"; // 申报材料.pdf
            let info: Value =
                attach(&enterprise, id, name, "application/pdf", pdf.clone()).await.json(StatusCode::CREATED);
            assert_eq!(
                (&info["name"], &info["content_type"], &info["size"]),
                (&json!("申报材料.pdf"), &json!("application/pdf"), &json!(pdf.len()))
            );
            let attachment_id = info["id"].as_i64().unwrap();

            let record: Value =
                officer.call(Method::GET, &format!("/api/v1/requests/{id}")).send().await.json(StatusCode::OK);
            assert_eq!(record["version"], 2, "the request's version moves on, so syncing clients learn of the file");
            assert_eq!(record["attachments"], json!([info]));

            let path = format!("/api/v1/requests/{id}/attachments/{attachment_id}");
            let download = officer.call(Method::GET, &path).send().await;
            assert_eq!(download.status, StatusCode::OK);
            assert_eq!(download.body, pdf);
            assert_eq!(download.headers["content-type"], "application/pdf");
            assert_eq!(download.headers["x-content-type-options"], "nosniff");
            let disposition = download.headers["content-disposition"].to_str().unwrap();
            assert!(disposition.starts_with("attachment;") && disposition.contains(name), "{disposition}");

            let b = server.login("enterprise.b").await;
            assert_eq!(b.call(Method::GET, &path).send().await.status, StatusCode::FORBIDDEN);
            assert_eq!(server.call(Method::GET, &path).send().await.status, StatusCode::UNAUTHORIZED);
            let other = attach(&b, id, "x.pdf", "application/pdf", pdf.clone()).await;
            assert_eq!(other.status, StatusCode::FORBIDDEN);
            let wrong = officer.call(Method::GET, &format!("/api/v1/requests/{id}/attachments/999999")).send().await;
            assert_eq!(wrong.error(StatusCode::NOT_FOUND).0, "not_found");
        }
    }

    /// A JPEG segment: marker, length (which counts itself), contents.
    fn segment(marker: u8, contents: &[u8]) -> Vec<u8> {
        let length = u16::try_from(contents.len() + 2).unwrap().to_be_bytes();
        [&[0xFF, marker][..], &length, contents].concat()
    }

    /// An EXIF block placing the photo at 30°30'18.96" N: a big-endian TIFF whose first
    /// directory points to a GPS directory with GPSLatitudeRef and GPSLatitude.
    fn exif_with_gps() -> Vec<u8> {
        let mut tiff = b"MM\0\x2A\0\0\0\x08".to_vec();
        tiff.extend([0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]); // IFD0: GPSInfo → 26
        tiff.extend([0, 2, 0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]); // GPSLatitudeRef "N"
        tiff.extend([0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 56, 0, 0, 0, 0]); // GPSLatitude → 56
        for (numerator, denominator) in [(30u32, 1u32), (30, 1), (1896, 100)] {
            tiff.extend(numerator.to_be_bytes());
            tiff.extend(denominator.to_be_bytes());
        }
        [b"Exif\0\0".to_vec(), tiff].concat()
    }

    /// An 8×8 grey photo as a baseline JPEG: JFIF, one quantisation table, the frame, one
    /// Huffman table each for DC and AC holding the one code the picture needs, the scan
    /// (DC difference 0, then end of block: bits 00, padded with ones), EOI. With `exif`
    /// the EXIF segment follows JFIF, where cameras write it.
    fn photo(exif: Option<Vec<u8>>) -> Vec<u8> {
        let jfif = segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        let quantisation = segment(0xDB, &[[0u8].as_slice(), &[1; 64]].concat());
        let frame = segment(0xC0, &[8, 0, 8, 0, 8, 1, 1, 0x11, 0]);
        let one_code = |class: u8| segment(0xC4, &[[class, 1].as_slice(), &[0; 15], &[0]].concat());
        let scan = segment(0xDA, &[1, 1, 0, 0, 63, 0]);
        let exif = exif.map(|block| segment(0xE1, &block)).unwrap_or_default();
        [
            vec![0xFF, 0xD8],
            jfif,
            exif,
            quantisation,
            frame,
            one_code(0x00),
            one_code(0x10),
            scan,
            vec![0x3F, 0xFF, 0xD9],
        ]
        .concat()
    }

    #[tokio::test]
    async fn a_photo_is_stored_without_its_gps_position_and_with_its_picture_intact() {
        for server in TestServer::each_backend().await {
            let (enterprise, officer) = (server.login("enterprise.a").await, server.login("officer.guanggu").await);
            let id = file(&enterprise, &general_request()).await["id"].as_i64().unwrap();
            let sent = photo(Some(exif_with_gps()));
            assert!(sent.windows(4).any(|w| w == b"Exif"));
            let info: Value = attach(&enterprise, id, "现场.jpg", "image/jpeg", sent).await.json(StatusCode::CREATED);
            let path = format!("/api/v1/requests/{id}/attachments/{}", info["id"]);
            let stored = officer.call(Method::GET, &path).send().await;
            assert_eq!(stored.status, StatusCode::OK);
            assert_eq!(stored.body, photo(None), "the same photo, byte for byte, without the EXIF segment");
            assert!(!stored.body.windows(4).any(|w| w == b"Exif" || w == [0x88, 0x25, 0, 4]));
            assert_eq!(info["size"], json!(stored.body.len()));
        }
    }

    #[tokio::test]
    async fn a_fourth_file_is_refused_naming_the_attachments() {
        for server in TestServer::each_backend().await {
            let enterprise = server.login("enterprise.a").await;
            let id = file(&enterprise, &general_request()).await["id"].as_i64().unwrap();
            for n in 1..=3 {
                let sent = attach(&enterprise, id, &format!("{n}.txt"), "text/plain", b"page".to_vec()).await;
                assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text());
            }
            let fourth: ErrorBody = attach(&enterprise, id, "4.txt", "text/plain", b"page".to_vec())
                .await
                .json(StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(fourth.error.field.as_deref(), Some("attachments"));
            assert!(fourth.error.message.contains("at most 3 files"), "{}", fourth.error.message);
            let record: Value =
                enterprise.call(Method::GET, &format!("/api/v1/requests/{id}")).send().await.json(StatusCode::OK);
            assert_eq!((record["attachments"].as_array().unwrap().len(), &record["version"]), (3, &json!(4)));
        }
    }

    #[tokio::test]
    async fn a_file_that_claims_to_be_an_image_and_is_not_is_refused() {
        let server = TestServer::with_demo_data().await;
        let enterprise = server.login("enterprise.a").await;
        let id = file(&enterprise, &general_request()).await["id"].as_i64().unwrap();
        let fake = attach(&enterprise, id, "scan.jpg", "image/jpeg", b"GIF89a".to_vec()).await;
        assert_eq!(fake.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("body"));
    }

    #[tokio::test]
    async fn wrong_types_sizes_and_names_are_refused_and_nothing_is_kept() {
        let server = TestServer::with_demo_data().await;
        let enterprise = server.login("enterprise.a").await;
        let id = file(&enterprise, &general_request()).await["id"].as_i64().unwrap();

        let html = attach(&enterprise, id, "a.html", "text/html", b"<script></script>".to_vec()).await;
        assert_eq!(
            html.error(StatusCode::UNSUPPORTED_MEDIA_TYPE),
            ("unsupported_media_type".into(), Some("Content-Type".into()))
        );
        let big = attach(&enterprise, id, "scan.png", "image/png", vec![7; 950 * 1024]).await;
        let body: ErrorBody = big.json(StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(body.error.code, "payload_too_large");
        assert!(body.error.message.contains("921600 bytes"), "{}", body.error.message);
        let huge = attach(&enterprise, id, "scan.png", "image/png", vec![7; 2 * 1024 * 1024]).await;
        assert_eq!(huge.error(StatusCode::PAYLOAD_TOO_LARGE).0, "payload_too_large");
        for name in ["", "..%2Fetc%2Fpasswd", "a%0Ab.txt"] {
            let named = attach(&enterprise, id, name, "text/plain", b"hello".to_vec()).await;
            assert_eq!(named.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("name"), "{name:?}");
        }
        let empty = attach(&enterprise, id, "empty.txt", "text/plain", Vec::new()).await;
        assert_eq!(empty.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("size"));
        let missing = attach(&enterprise, 999_999, "a.txt", "text/plain", b"hello".to_vec()).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);

        let record: Value =
            enterprise.call(Method::GET, &format!("/api/v1/requests/{id}")).send().await.json(StatusCode::OK);
        assert_eq!((&record["version"], &record["attachments"]), (&json!(1), &json!([])));
    }
}
