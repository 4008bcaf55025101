//! Open311 GeoReport v2 at `/open311/v2`: every resource in JSON and XML against the
//! standard's field lists, filing and reading back with an enterprise's key, each error
//! with its parameter, the public side without a key, and keys issued, listed and revoked.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use quick_xml::events::Event;
use serde_json::{json, Value};

use crate::requests::step;
use crate::support::{Answer, TestServer};

const FORM: &str = "application/x-www-form-urlencoded";

/// GeoReport v2's fields of a service request, of which parkatlas writes all but `address_id`.
const REQUEST_FIELDS: [&str; 16] = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "zipcode",
    "lat",
    "long",
    "media_url",
];
/// What anyone may read of a request.
const PUBLIC_FIELDS: [&str; 9] = [
    "service_request_id",
    "status",
    "service_name",
    "service_code",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
];
const SERVICE_FIELDS: [&str; 7] =
    ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];
const ATTRIBUTE_FIELDS: [&str; 7] =
    ["variable", "code", "datatype", "required", "datatype_description", "order", "description"];
const RECEIPT_FIELDS: [&str; 3] = ["service_request_id", "service_notice", "account_id"];
const ERROR_FIELDS: [&str; 2] = ["code", "description"];

fn names(fields: &[&str]) -> BTreeSet<String> {
    fields.iter().map(|name| name.to_string()).collect()
}

fn keys(object: &Value) -> BTreeSet<String> {
    object.as_object().unwrap_or_else(|| panic!("an object: {object}")).keys().cloned().collect()
}

/// Every element of an XML document as `(path, text)`, the path joining the names from the
/// document element down (`service_requests/request/status`), in document order.
fn xml_elements(text: &str) -> Vec<(String, String)> {
    let mut reader = quick_xml::Reader::from_str(text);
    let (mut path, mut found): (Vec<String>, Vec<(String, String)>) = (Vec::new(), Vec::new());
    loop {
        match reader.read_event().unwrap() {
            Event::Start(start) => {
                path.push(start.name().as_ref().to_string());
                found.push((path.join("/"), String::new()));
            }
            Event::Empty(empty) => {
                let name = empty.name().as_ref().to_string();
                found.push((format!("{}/{name}", path.join("/")), String::new()));
            }
            Event::Text(text) => {
                let here = path.join("/");
                if let Some(last) = found.iter_mut().rev().find(|(at, _)| *at == here) {
                    last.1.push_str(&text);
                }
            }
            Event::GeneralRef(reference) => {
                let here = path.join("/");
                let resolved = match &*reference {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("an unexpected entity &{other};"),
                };
                if let Some(last) = found.iter_mut().rev().find(|(at, _)| *at == here) {
                    last.1.push_str(resolved);
                }
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Eof => return found,
            _ => {}
        }
    }
}

/// The names of the elements directly under `parent` (a path), across all its occurrences.
fn xml_children(elements: &[(String, String)], parent: &str) -> BTreeSet<String> {
    elements
        .iter()
        .filter_map(|(path, _)| path.strip_prefix(parent)?.strip_prefix('/').filter(|rest| !rest.contains('/')))
        .map(str::to_string)
        .collect()
}

/// The text of the first element at `path`.
fn xml_text<'a>(elements: &'a [(String, String)], path: &str) -> &'a str {
    elements.iter().find(|(at, _)| at == path).map_or_else(|| panic!("no <{path}>"), |(_, text)| text.as_str())
}

/// Issues a key to the account `username`, as the admin.
async fn issue_key(server: &TestServer, username: &str) -> String {
    let admin = server.login("admin").await;
    let users: Value = admin.call(Method::GET, "/api/v1/users").send().await.json(StatusCode::OK);
    let id = users.as_array().unwrap().iter().find(|user| user["username"] == username).unwrap()["id"].clone();
    let path = format!("/api/v1/users/{id}/api-keys");
    let issued: Value =
        admin.call(Method::POST, &path).json(&json!({ "label": "测试对接" })).send().await.json(StatusCode::CREATED);
    issued["key"].as_str().unwrap().to_string()
}

async fn get(server: &TestServer, path: &str) -> Answer {
    server.call(Method::GET, &format!("/open311/v2/{path}")).send().await
}

async fn file(server: &TestServer, format: &str, form: &str) -> Answer {
    let path = format!("/open311/v2/requests.{format}");
    server.call(Method::POST, &path).raw(FORM, form.to_string()).send().await
}

/// A request for enterprise.a's roof, with a key.
fn roof(key: &str) -> String {
    format!(
        "api_key={key}&service_code=general&lat=30.5052&long=114.3983&address_string=%E5%85%89%E8%B0%B7%E5%A4%A7%E9%81%9377%E5%8F%B7\
         &description=%E5%B1%8B%E9%9D%A2%E6%BC%8F%E6%B0%B4%0A3%E5%8F%B7%E5%8E%82%E6%88%BF&media_url=https%3A%2F%2Fexample.com%2Froof.jpg\
         &email=li%40example.com&first_name=Si&last_name=Li&phone=13800000000&attribute%5Bmaterial-1%5D=%E5%B7%B2%E5%A4%87"
    )
}

fn json_of(answer: &Answer, status: StatusCode) -> Value {
    assert_eq!(answer.headers["content-type"], "application/json");
    answer.json(status)
}

fn xml_of(answer: &Answer, status: StatusCode) -> Vec<(String, String)> {
    assert_eq!(answer.status, status, "{}", answer.text());
    assert_eq!(answer.headers["content-type"], "text/xml; charset=utf-8");
    assert!(answer.text().starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    xml_elements(&answer.text())
}

#[tokio::test]
async fn discovery_services_and_definitions_carry_the_georeport_fields_in_json_and_xml() {
    for server in TestServer::each_backend().await {
        let discovery = json_of(&get(&server, "discovery.json").await, StatusCode::OK);
        assert_eq!(keys(&discovery), names(&["changeset", "contact", "key_service", "endpoints"]));
        let endpoint = &discovery["endpoints"][0];
        assert_eq!(keys(endpoint), names(&["specification", "url", "changeset", "type", "formats"]));
        assert_eq!(endpoint["specification"], "http://wiki.open311.org/GeoReport_v2");
        assert_eq!(endpoint["formats"], json!(["text/xml", "application/json"]));
        let xml = xml_of(&get(&server, "discovery.xml").await, StatusCode::OK);
        assert_eq!(xml_children(&xml, "discovery"), names(&["changeset", "contact", "key_service", "endpoints"]));
        assert_eq!(xml_children(&xml, "discovery/endpoints"), names(&["endpoint"]));
        assert_eq!(xml_children(&xml, "discovery/endpoints/endpoint/formats"), names(&["format"]));

        let services = json_of(&get(&server, "services.json").await, StatusCode::OK);
        let services = services.as_array().unwrap();
        let codes: Vec<&str> = services.iter().map(|s| s["service_code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["enquiry", "help_or_suggestion", "complaint_or_report", "general", "urgent"]);
        for service in services {
            assert_eq!(keys(service), names(&SERVICE_FIELDS));
            assert_eq!(service["type"], "realtime");
        }
        assert_eq!(services[2]["service_name"], "投诉/举报 (complaint or report)");
        assert_eq!(
            services[2]["description"],
            "投诉/举报 (complaint or report): 15个工作日内办结 (resolved within 15 working days)"
        );
        assert_eq!((&services[0]["metadata"], &services[2]["metadata"]), (&json!(false), &json!(true)));
        let xml = xml_of(&get(&server, "services.xml").await, StatusCode::OK);
        assert_eq!(xml_children(&xml, "services"), names(&["service"]));
        assert_eq!(xml_children(&xml, "services/service"), names(&SERVICE_FIELDS));
        assert_eq!(xml_text(&xml, "services/service/service_code"), "enquiry");

        let definition = json_of(&get(&server, "services/complaint_or_report.json").await, StatusCode::OK);
        assert_eq!(keys(&definition), names(&["service_code", "attributes"]));
        let attributes = definition["attributes"].as_array().unwrap();
        assert_eq!(attributes.len(), 3);
        for (order, attribute) in (1..).zip(attributes) {
            assert_eq!(keys(attribute), names(&ATTRIBUTE_FIELDS));
            assert_eq!(
                (&attribute["order"], &attribute["variable"], &attribute["datatype"]),
                (&json!(order), &json!(false), &json!("text"))
            );
        }
        assert_eq!(
            attributes[2]["description"],
            "相关证据（照片、合同、票据） (evidence (photos, contracts, receipts))"
        );
        let xml = xml_of(&get(&server, "services/complaint_or_report.xml").await, StatusCode::OK);
        assert_eq!(xml_children(&xml, "service_definition"), names(&["service_code", "attributes"]));
        assert_eq!(xml_children(&xml, "service_definition/attributes"), names(&["attribute"]));
        assert_eq!(xml_children(&xml, "service_definition/attributes/attribute"), names(&ATTRIBUTE_FIELDS));
        let none = json_of(&get(&server, "services/enquiry.json").await, StatusCode::OK);
        assert_eq!(none["attributes"], json!([]));
    }
}

#[tokio::test]
async fn a_request_filed_with_a_key_reads_back_in_full_in_json_and_xml() {
    for server in TestServer::each_backend().await {
        let key = issue_key(&server, "enterprise.a").await;
        let receipt = json_of(&file(&server, "json", &roof(&key)).await, StatusCode::CREATED);
        let receipt = &receipt[0];
        assert_eq!(keys(receipt), names(&RECEIPT_FIELDS));
        assert_eq!(receipt["service_notice"], "5个工作日内办结 (resolved within 5 working days)");
        let id = receipt["service_request_id"].as_str().unwrap().to_string();

        // Filed through the same path as the JSON API: the enterprise reads it there.
        let enterprise = server.login("enterprise.a").await;
        let record: Value =
            enterprise.call(Method::GET, &format!("/api/v1/requests/{id}")).send().await.json(StatusCode::OK);
        assert_eq!(
            (&record["title"], &record["category"], &record["state"]),
            (&json!("屋面漏水"), &json!("general"), &json!("received"))
        );
        assert_eq!(record["body"], "屋面漏水\n3号厂房\n申请书（a written application）：已备");
        assert_eq!((&record["location"]["lat"], &record["address"]), (&json!(30.5052), &json!("光谷大道77号")));
        assert_eq!(record["media_url"], "https://example.com/roof.jpg");
        let me: Value = enterprise.call(Method::GET, "/api/v1/session").send().await.json(StatusCode::OK);
        assert_eq!(receipt["account_id"], json!(me["user"]["id"].to_string()));
        let text = serde_json::to_string(&record).unwrap();
        assert!(!text.contains("13800000000") && !text.contains("li@example.com"), "contact fields are not stored");

        let officer = server.login("officer.guanggu").await;
        step(&officer, id.parse().unwrap(), 1, json!({ "to": "resolved", "note": "已安排维修" }))
            .await
            .json::<Value>(StatusCode::OK);

        let read = json_of(&get(&server, &format!("requests/{id}.json?api_key={key}")).await, StatusCode::OK);
        let request = &read[0];
        assert_eq!(keys(request), names(&REQUEST_FIELDS));
        assert_eq!(
            (&request["service_request_id"], &request["status"], &request["status_notes"]),
            (&json!(id), &json!("closed"), &json!("已安排维修"))
        );
        assert_eq!(
            (&request["lat"], &request["long"], &request["zipcode"]),
            (&json!(30.5052), &json!(114.3983), &json!(""))
        );
        assert_eq!(request["agency_responsible"], "光谷星河智造园（演示）");
        assert!(request["requested_datetime"].as_str().unwrap().ends_with("+08:00"));
        assert!(request["expected_datetime"].as_str().unwrap().ends_with("T23:59:59+08:00"));
        let xml = xml_of(&get(&server, &format!("requests/{id}.xml?api_key={key}")).await, StatusCode::OK);
        assert_eq!(xml_children(&xml, "service_requests"), names(&["request"]));
        assert_eq!(xml_children(&xml, "service_requests/request"), names(&REQUEST_FIELDS));
        assert_eq!(
            xml_text(&xml, "service_requests/request/description"),
            "屋面漏水\n3号厂房\n申请书（a written application）：已备"
        );
        assert_eq!(xml_text(&xml, "service_requests/request/long"), "114.3983");

        let listed =
            json_of(&get(&server, &format!("requests.json?api_key={key}&status=closed")).await, StatusCode::OK);
        assert!(listed.as_array().unwrap().iter().any(|r| r["service_request_id"] == id));
        assert!(listed.as_array().unwrap().iter().all(|r| r["status"] == "closed"));
        let open = json_of(&get(&server, &format!("requests.json?api_key={key}&status=open")).await, StatusCode::OK);
        assert!(!open.as_array().unwrap().iter().any(|r| r["service_request_id"] == id));
        let xml =
            xml_of(&get(&server, &format!("requests.xml?api_key={key}&service_code=general")).await, StatusCode::OK);
        assert!(xml.iter().any(|(path, text)| path == "service_requests/request/service_request_id" && *text == id));

        let token = json_of(&get(&server, &format!("tokens/{id}.json")).await, StatusCode::OK);
        assert_eq!(token, json!([{ "service_request_id": id, "token": id }]));
        let xml = xml_of(&get(&server, &format!("tokens/{id}.xml")).await, StatusCode::OK);
        assert_eq!(xml_children(&xml, "service_requests/request"), names(&["service_request_id", "token"]));
    }
}

#[tokio::test]
async fn filing_in_xml_and_retrying_with_the_same_operation_id_files_once() {
    for server in TestServer::each_backend().await {
        let key = issue_key(&server, "enterprise.a").await;
        let send = || {
            server
                .call(Method::POST, "/open311/v2/requests.xml")
                .header("idempotency-key", "open311-retry-0001")
                .raw(FORM, roof(&key))
                .send()
        };
        let (first, second) = (send().await, send().await);
        let receipt = xml_of(&first, StatusCode::CREATED);
        assert_eq!(xml_children(&receipt, "service_requests/request"), names(&RECEIPT_FIELDS));
        assert_eq!(
            (first.body.clone(), second.headers["content-type"].clone()),
            (second.body.clone(), first.headers["content-type"].clone())
        );
        let enterprise = server.login("enterprise.a").await;
        let filed: Value = enterprise.call(Method::GET, "/api/v1/requests").send().await.json(StatusCode::OK);
        let roofs =
            filed.as_array().unwrap().iter().filter(|r| r["media_url"] == "https://example.com/roof.jpg").count();
        assert_eq!(roofs, 1);
    }
}

#[tokio::test]
async fn without_a_key_reads_show_the_public_side_and_another_enterprises_key_sees_nothing() {
    for server in TestServer::each_backend().await {
        let (key_a, key_b) = (issue_key(&server, "enterprise.a").await, issue_key(&server, "enterprise.b").await);
        let script = "%3Cscript%3Ealert(1)%3C%2Fscript%3E%20%26%20%E5%B1%8B%E9%9D%A2";
        let form = format!("api_key={key_a}&service_code=general&lat=30.5052&long=114.3983&address_string=%E7%A7%98%E5%AF%86%E5%9C%B0%E5%9D%80&description={script}&media_url=https%3A%2F%2Fexample.com%2Fsecret.jpg");
        let receipt = json_of(&file(&server, "json", &form).await, StatusCode::CREATED);
        let id = receipt[0]["service_request_id"].as_str().unwrap().to_string();

        let public = json_of(&get(&server, &format!("requests/{id}.json")).await, StatusCode::OK);
        assert_eq!(keys(&public[0]), names(&PUBLIC_FIELDS));
        let xml = get(&server, &format!("requests/{id}.xml")).await;
        assert_eq!(xml_children(&xml_of(&xml, StatusCode::OK), "service_requests/request"), names(&PUBLIC_FIELDS));
        let listed = get(&server, "requests.json").await;
        let all: Value = json_of(&listed, StatusCode::OK);
        assert!(all.as_array().unwrap().iter().any(|r| r["service_request_id"] == id), "the public lists it");
        for answer in [&listed, &xml, &get(&server, "requests.xml").await] {
            let text = answer.text();
            for secret in ["alert(1)", "屋面", "秘密地址", "secret.jpg", "30.5052"] {
                assert!(!text.contains(secret), "the public reads {secret}: {text}");
            }
        }

        let as_b = get(&server, &format!("requests/{id}.json?api_key={key_b}")).await;
        assert_eq!(json_of(&as_b, StatusCode::NOT_FOUND)[0]["code"], 404);
        let b_lists = json_of(&get(&server, &format!("requests.json?api_key={key_b}")).await, StatusCode::OK);
        assert!(b_lists.as_array().unwrap().iter().all(|r| r["service_request_id"] != id));
        assert!(!get(&server, &format!("requests.xml?api_key={key_b}")).await.text().contains("alert(1)"));

        // Free text comes out escaped.
        let own = get(&server, &format!("requests/{id}.xml?api_key={key_a}")).await;
        let text = own.text();
        assert!(
            text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 屋面") && !text.contains("<script>"),
            "{text}"
        );
        assert_eq!(
            xml_text(&xml_of(&own, StatusCode::OK), "service_requests/request/description"),
            "<script>alert(1)</script> & 屋面"
        );
        let json = json_of(&get(&server, &format!("requests/{id}.json?api_key={key_a}")).await, StatusCode::OK);
        assert_eq!(json[0]["description"], "<script>alert(1)</script> & 屋面");
    }
}

/// An error list's one error: its code, and its description, which must start with `named`.
fn refused(answer: &Answer, status: StatusCode, named: &str) {
    let error = &json_of(answer, status)[0];
    assert_eq!(keys(error), names(&ERROR_FIELDS));
    assert_eq!(error["code"], status.as_u16());
    assert!(error["description"].as_str().unwrap().starts_with(named), "{named}: {error}");
}

#[tokio::test]
async fn each_error_is_an_open311_error_naming_its_parameter() {
    for server in TestServer::each_backend().await {
        let key = issue_key(&server, "enterprise.a").await;
        let valid =
            |change: &str| format!("api_key={key}&service_code=general&lat=30.5&long=114.4&description=d{change}");
        refused(
            &file(&server, "json", "service_code=general&lat=30.5&long=114.4&description=d").await,
            StatusCode::FORBIDDEN,
            "api_key: is required",
        );
        refused(
            &file(&server, "json", &valid("&api_key=x").replacen(&key, "nokey", 1)).await,
            StatusCode::FORBIDDEN,
            "api_key: this key is not valid",
        );
        refused(
            &file(&server, "json", &valid("").replace("general", "pothole")).await,
            StatusCode::BAD_REQUEST,
            "service_code: ",
        );
        refused(
            &file(&server, "json", &format!("api_key={key}&service_code=general&description=d")).await,
            StatusCode::BAD_REQUEST,
            "lat: the place is required",
        );
        let long = "%E5%AD%97".repeat(4001);
        refused(
            &file(&server, "json", &valid("").replace("description=d", &format!("description={long}"))).await,
            StatusCode::BAD_REQUEST,
            "description: has 4001 characters",
        );
        refused(&get(&server, "requests.json?start_date=yesterday").await, StatusCode::BAD_REQUEST, "start_date: ");
        refused(
            &get(&server, "requests.json?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-04-15T00:00:00%2B08:00")
                .await,
            StatusCode::BAD_REQUEST,
            "end_date: is 104 days after start_date",
        );
        refused(&get(&server, "requests/999999.json").await, StatusCode::NOT_FOUND, "service_request_id: ");
        refused(&get(&server, "tokens/999999.json").await, StatusCode::NOT_FOUND, "service_request_id: ");
        refused(&get(&server, "services/pothole.json").await, StatusCode::NOT_FOUND, "service_code: ");
        refused(&get(&server, "requests.json?api_key=nokey").await, StatusCode::FORBIDDEN, "api_key: ");
        refused(&get(&server, "nothing.json").await, StatusCode::NOT_FOUND, "no GeoReport v2 resource");
        let json_body =
            server.call(Method::POST, "/open311/v2/requests.json").json(&json!({ "api_key": key })).send().await;
        refused(&json_body, StatusCode::BAD_REQUEST, "Content-Type: ");
        let deleted = server.call(Method::DELETE, "/open311/v2/requests.json").send().await;
        refused(&deleted, StatusCode::METHOD_NOT_ALLOWED, "/open311/v2/requests.json is read with GET");

        // Too large: read by the handler (a streamed body), and refused by its length alone.
        let oversize = valid(&"x".repeat(70 * 1024));
        refused(&file(&server, "json", &oversize).await, StatusCode::PAYLOAD_TOO_LARGE, "the body is larger than");
        let declared = server
            .call(Method::POST, "/open311/v2/requests.xml")
            .header("content-length", &(2 * 1024 * 1024).to_string())
            .raw(FORM, vec![b'x'; 2 * 1024 * 1024])
            .send()
            .await;
        let xml = xml_of(&declared, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(xml_children(&xml, "errors/error"), names(&ERROR_FIELDS));
        assert_eq!(xml_text(&xml, "errors/error/code"), "413");

        let bad_xml =
            xml_of(&file(&server, "xml", &valid("").replace("general", "pothole")).await, StatusCode::BAD_REQUEST);
        assert_eq!(xml_children(&bad_xml, "errors"), names(&["error"]));
        assert!(xml_text(&bad_xml, "errors/error/description").starts_with("service_code: \"pothole\""));
        assert_eq!(xml_text(&bad_xml, "errors/error/code"), "400");
    }
}

#[tokio::test]
async fn keys_go_only_to_enterprise_accounts_are_listed_without_their_text_and_stop_when_revoked() {
    for server in TestServer::each_backend().await {
        let key = issue_key(&server, "enterprise.a").await;
        assert!(key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit()), "{key}");
        let admin = server.login("admin").await;
        let users: Value = admin.call(Method::GET, "/api/v1/users").send().await.json(StatusCode::OK);
        let id_of =
            |name: &str| users.as_array().unwrap().iter().find(|u| u["username"] == name).unwrap()["id"].clone();
        let path = format!("/api/v1/users/{}/api-keys", id_of("enterprise.a"));
        let listed = admin.call(Method::GET, &path).send().await;
        assert!(!listed.text().contains(&key), "a list never shows a key");
        let listed: Value = listed.json(StatusCode::OK);
        assert_eq!(listed[0]["label"], "测试对接");
        let key_id = listed[0]["id"].clone();

        let to_officer = format!("/api/v1/users/{}/api-keys", id_of("officer.guanggu"));
        let refused = admin.call(Method::POST, &to_officer).json(&json!({})).send().await;
        assert_eq!(refused.error(StatusCode::UNPROCESSABLE_ENTITY).1.as_deref(), Some("id"));

        assert_eq!(get(&server, &format!("requests.json?api_key={key}")).await.status, StatusCode::OK);
        let revoked = admin.call(Method::DELETE, &format!("{path}/{key_id}")).send().await;
        assert_eq!(revoked.status, StatusCode::NO_CONTENT);
        assert_eq!(get(&server, &format!("requests.json?api_key={key}")).await.status, StatusCode::FORBIDDEN);
        let again = admin.call(Method::DELETE, &format!("{path}/{key_id}")).send().await;
        assert_eq!(again.error(StatusCode::NOT_FOUND).0, "not_found");
    }
}

#[test]
fn the_command_line_issues_a_key_that_files_requests() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(TestServer::with_demo_data());
    let output = assert_cmd::Command::cargo_bin("parkatlas")
        .unwrap()
        .args(["user", "api-key", "enterprise.a", "--label", "12345 热线对接", "--database-url", &server.database_url])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let key = String::from_utf8(output.stdout).unwrap().trim().to_string();
    let receipt = runtime.block_on(file(&server, "json", &roof(&key)));
    assert_eq!(receipt.status, StatusCode::CREATED, "{}", receipt.text());
    let officer = assert_cmd::Command::cargo_bin("parkatlas")
        .unwrap()
        .args(["user", "api-key", "officer.guanggu", "--database-url", &server.database_url])
        .output()
        .unwrap();
    assert!(!officer.status.success());
    assert!(String::from_utf8_lossy(&officer.stderr).contains("is not an enterprise account"));
}
