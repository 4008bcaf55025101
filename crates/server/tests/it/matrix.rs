//! The authorization matrix: every endpoint × every role (the public, enterprise A,
//! enterprise B, the officer of park 1, the officer of park 2, a city admin) with the
//! status the business rules give it, on records of A and of B and of parks 1 and 2;
//! a check that the table lists exactly the endpoints of the OpenAPI document; and a leak
//! check that A's and B's figures, contacts, requests and files, and the contact data of
//! investment inquiries, reach exactly the roles that may see them, in every read, in the
//! whole change feed, in Open311's reads (the public side, and each enterprise's own key)
//! and in the answers to refused writes.
//!
//! Demo data: enterprise.a is a user of enterprise 1 in park 1 (officer.guanggu's park),
//! enterprise.b of enterprise 2 in park 2 (officer.chegu's); [`World::new`] checks it.
//!
//! On 404: the API does not hide that a record exists. Every handler looks the record up
//! first (404 for a missing id, for everyone) and only then asks who calls (401 for the
//! public, 403 for a signed-in caller without rights). Ids are sequential and say nothing
//! of a record's contents, so an existing record of someone else is a 401 or 403 here,
//! never a 404. The one 404 on an existing record is an attachment asked for under a
//! request it does not belong to: attachments are looked up within their request.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{Method, StatusCode};
use parkatlas_server::auth::limits::{Allowance, RateLimits};
use parkatlas_server::demo::accounts::DEMO_PASSWORD;
use parkatlas_server::AppState;
use serde_json::{json, Value};

use crate::support::{postgres_admin_url, Answer, Call, Session, TestServer};
use crate::{enterprises, inquiries, requests};

/// The roles, in the order of every row's expected statuses.
const ROLES: [&str; 6] = ["public", "enterprise A", "enterprise B", "officer of park 1", "officer of park 2", "admin"];
/// The demo account of each role; the public has none.
const ACCOUNTS: [Option<&str>; 6] =
    [None, Some("enterprise.a"), Some("enterprise.b"), Some("officer.guanggu"), Some("officer.chegu"), Some("admin")];
const PUBLIC: usize = 0;
const ENTERPRISE_A: usize = 1;
const ENTERPRISE_B: usize = 2;
const OFFICER_1: usize = 3;
const OFFICER_2: usize = 4;
const ADMIN: usize = 5;

const GET: Method = Method::GET;
const POST: Method = Method::POST;
const PUT: Method = Method::PUT;
const DELETE: Method = Method::DELETE;

/// The year of figures the rows write and the runs evaluate (the demo data holds it).
const YEAR: i32 = 2025;
const EVALUATION_DATE: &str = "2026-04-30";
/// A profile with rules for 规下 (below-scale) enterprises, which A and B are in the demo data.
const PROFILE_KEY: &str = "huangyan-2022";
/// An id no record has.
const MISSING: i64 = 999_999;
/// Endpoints served beside the OpenAPI document rather than described in it.
const UNDOCUMENTED: [(&str, &str); 1] = [("GET", "/openapi.json")];

/// What a row sends.
#[derive(Debug, Clone, Copy)]
enum Body {
    Nothing,
    /// A demo account's credentials.
    Login,
    /// A new record, unique on every attempt (name, code, key, username).
    NewPark,
    NewParcel,
    /// Two new parcels for the all-or-nothing import.
    ParcelImport,
    NewUser,
    NewApiKey,
    NewEnterprise(Scope),
    NewProfile,
    NewRequest,
    NewInquiry,
    /// The record at the row's path as it stands, as its own editing body.
    Park,
    Parcel,
    Enterprise,
    Profile,
    Figures,
    Certificate,
    Run(Scope),
    /// A step of a request's life cycle, `{ "to": … }`.
    Step(&'static str),
    Rating,
    Attachment,
    InquiryStatus,
}

/// A park, or the city.
#[derive(Debug, Clone, Copy)]
enum Scope {
    Park1,
    Park2,
    City,
}

/// One endpoint on one target, with the status each role gets. `path` is below `/api/v1`;
/// `{name}` stands for a record of the demo world (see [`World::target`]); those named
/// `fresh_…`, `doomed_…` and `resolved_…` are made anew for every role's attempt, so that
/// one role's successful write never changes what the next role meets.
struct Row {
    method: Method,
    path: &'static str,
    body: Body,
    expected: [u16; 6],
}

fn row(method: Method, path: &'static str, body: Body, expected: [u16; 6]) -> Row {
    Row { method, path, body, expected }
}

/// Every endpoint × every role:
/// [public, enterprise A, enterprise B, officer of park 1, officer of park 2, admin].
fn table() -> Vec<Row> {
    use Body::*;
    use Scope::*;
    const ALL: [u16; 6] = [200; 6];
    vec![
        // The map, and the deployment's config: public. Parks are added by admins and
        // edited by their officers; parcels added, edited and deleted by their park's officers.
        row(GET, "/config", Nothing, ALL),
        row(GET, "/parks", Nothing, ALL),
        row(POST, "/parks", NewPark, [401, 403, 403, 403, 403, 201]),
        row(GET, "/parks/{park_1}", Nothing, ALL),
        row(GET, "/parks/{park_2}", Nothing, ALL),
        row(PUT, "/parks/{park_1}", Park, [401, 403, 403, 200, 403, 200]),
        row(PUT, "/parks/{park_2}", Park, [401, 403, 403, 403, 200, 200]),
        row(GET, "/parks/{park_1}/parcels", Nothing, ALL),
        row(GET, "/parks/{park_2}/parcels", Nothing, ALL),
        // A park's statistics are counts, and finding land lists occupants by their public
        // names: both public (the leak check reads them for every role).
        row(GET, "/parks/{park_1}/statistics", Nothing, ALL),
        row(GET, "/parks/{park_2}/statistics", Nothing, ALL),
        row(GET, "/land?park={park_1}&status=producing", Nothing, ALL),
        // The 梯度培育库 reads every enterprise's private facts, figures and certificates at
        // once: the park's officers and admins only (the leak check reads them for every role).
        row(GET, "/parks/{park_1}/tier-profiles", Nothing, [401, 403, 403, 200, 403, 200]),
        row(GET, "/parks/{park_2}/tier-profiles", Nothing, [401, 403, 403, 403, 200, 200]),
        row(GET, "/parks/{missing}/tier-profiles", Nothing, [404; 6]),
        row(POST, "/parks/{park_1}/parcels", NewParcel, [401, 403, 403, 201, 403, 201]),
        row(POST, "/parks/{park_2}/parcels", NewParcel, [401, 403, 403, 403, 201, 201]),
        row(POST, "/parks/{park_1}/parcels/import", ParcelImport, [401, 403, 403, 201, 403, 201]),
        row(POST, "/parks/{park_2}/parcels/import", ParcelImport, [401, 403, 403, 403, 201, 201]),
        row(GET, "/parcels?bbox=113.5,30.0,115.0,31.0&zoom=12", Nothing, ALL),
        row(GET, "/parcels/{parcel_1}", Nothing, ALL),
        row(GET, "/parcels/{parcel_2}", Nothing, ALL),
        row(PUT, "/parcels/{parcel_1}", Parcel, [401, 403, 403, 200, 403, 200]),
        row(PUT, "/parcels/{parcel_2}", Parcel, [401, 403, 403, 403, 200, 200]),
        row(DELETE, "/parcels/{doomed_parcel_1}", Nothing, [401, 403, 403, 204, 403, 204]),
        row(DELETE, "/parcels/{doomed_parcel_2}", Nothing, [401, 403, 403, 403, 204, 204]),
        // Sessions: anyone signs in; only a session can be read or ended (each role ends a
        // session of its own, opened for the purpose). Accounts: admins.
        row(GET, "/session", Nothing, [401, 200, 200, 200, 200, 200]),
        row(POST, "/session", Login, [201; 6]),
        row(DELETE, "/session", Nothing, [401, 204, 204, 204, 204, 204]),
        row(GET, "/demo-accounts", Nothing, [200; 6]),
        row(GET, "/users", Nothing, [401, 403, 403, 403, 403, 200]),
        row(POST, "/users", NewUser, [401, 403, 403, 403, 403, 201]),
        // Open311 API keys: admins issue, list and revoke them; not even the account's own user.
        row(GET, "/users/{user_A}/api-keys", Nothing, [401, 403, 403, 403, 403, 200]),
        row(POST, "/users/{user_A}/api-keys", NewApiKey, [401, 403, 403, 403, 403, 201]),
        row(DELETE, "/users/{user_A}/api-keys/{fresh_api_key_A}", Nothing, [401, 403, 403, 403, 403, 204]),
        row(GET, "/users/{missing}/api-keys", Nothing, [404; 6]),
        // The change feed answers everyone, with what each may see (the leak check below).
        row(GET, "/changes", Nothing, ALL),
        // Enterprises: the register is public (private facts only for those who may see
        // them: the leak check); registered and edited by the officers of their park.
        row(GET, "/enterprises", Nothing, ALL),
        row(POST, "/enterprises", NewEnterprise(Park1), [401, 403, 403, 201, 403, 201]),
        row(POST, "/enterprises", NewEnterprise(Park2), [401, 403, 403, 403, 201, 201]),
        row(GET, "/enterprises/{A}", Nothing, ALL),
        row(GET, "/enterprises/{B}", Nothing, ALL),
        row(PUT, "/enterprises/{A}", Enterprise, [401, 403, 403, 200, 403, 200]),
        row(PUT, "/enterprises/{B}", Enterprise, [401, 403, 403, 403, 200, 200]),
        // Tiers and yearly figures: the enterprise's own users, its park's officers, admins.
        row(GET, "/enterprises/{A}/parcels", Nothing, ALL),
        row(GET, "/enterprises/{A}/tiers", Nothing, [401, 200, 403, 200, 403, 200]),
        row(GET, "/enterprises/{B}/tiers", Nothing, [401, 403, 200, 403, 200, 200]),
        row(GET, "/enterprises/{A}/annual-data", Nothing, [401, 200, 403, 200, 403, 200]),
        row(GET, "/enterprises/{B}/annual-data", Nothing, [401, 403, 200, 403, 200, 200]),
        row(PUT, "/enterprises/{A}/annual-data/{year}", Figures, [401, 200, 403, 200, 403, 200]),
        row(PUT, "/enterprises/{B}/annual-data/{year}", Figures, [401, 403, 200, 403, 200, 200]),
        // Certificates are published honours: public; added and withdrawn by the park's officers.
        row(GET, "/enterprises/{A}/certificates", Nothing, ALL),
        row(GET, "/enterprises/{B}/certificates", Nothing, ALL),
        row(POST, "/enterprises/{A}/certificates", Certificate, [401, 403, 403, 201, 403, 201]),
        row(POST, "/enterprises/{B}/certificates", Certificate, [401, 403, 403, 403, 201, 201]),
        row(DELETE, "/certificates/{fresh_certificate_A}", Nothing, [401, 403, 403, 204, 403, 204]),
        row(DELETE, "/certificates/{fresh_certificate_B}", Nothing, [401, 403, 403, 403, 204, 204]),
        // Profiles: public, edited by admins. Runs: made by a park's officers (the city's
        // by admins); summaries public; results for the signed-in as far as they may see
        // them (an enterprise its own, a list of 0 or 1; an officer its parks').
        row(GET, "/profiles", Nothing, ALL),
        row(POST, "/profiles", NewProfile, [401, 403, 403, 403, 403, 201]),
        row(GET, "/profiles/{profile}", Nothing, ALL),
        row(PUT, "/profiles/{profile}", Profile, [401, 403, 403, 403, 403, 200]),
        row(GET, "/evaluations", Nothing, ALL),
        row(POST, "/evaluations", Run(Park1), [401, 403, 403, 201, 403, 201]),
        row(POST, "/evaluations", Run(Park2), [401, 403, 403, 403, 201, 201]),
        row(POST, "/evaluations", Run(City), [401, 403, 403, 403, 403, 201]),
        row(GET, "/evaluations/{run_1}", Nothing, ALL),
        row(GET, "/evaluations/{run_2}", Nothing, ALL),
        row(GET, "/evaluations/{run_city}", Nothing, ALL),
        row(GET, "/evaluations/{run_1}/results", Nothing, [401, 200, 200, 200, 403, 200]),
        row(GET, "/evaluations/{run_2}/results", Nothing, [401, 200, 200, 403, 200, 200]),
        row(GET, "/evaluations/{run_city}/results", Nothing, [401, 200, 200, 200, 200, 200]),
        // Every enterprise's figures of a year, for what-ifs in the browser: a park's
        // officers and admins only; without a park, each officer gets only their parks'
        // (the leak check proves A's figures never reach B, officer 2 or the public).
        row(GET, "/evaluation-inputs?year={year}&park_id={park_1}", Nothing, [401, 403, 403, 200, 403, 200]),
        row(GET, "/evaluation-inputs?year={year}&park_id={park_2}", Nothing, [401, 403, 403, 403, 200, 200]),
        row(GET, "/evaluation-inputs?year={year}", Nothing, [401, 403, 403, 200, 200, 200]),
        // Requests: filed by enterprise users only; open to the enterprise, its park's
        // officers and admins. Officers and admins take every step but the rating, which
        // only the enterprise gives (403 for a step the role may not take).
        row(GET, "/requests", Nothing, [401, 200, 200, 200, 200, 200]),
        row(POST, "/requests", NewRequest, [401, 201, 201, 403, 403, 403]),
        row(GET, "/requests/{request_A}", Nothing, [401, 200, 403, 200, 403, 200]),
        row(GET, "/requests/{request_B}", Nothing, [401, 403, 200, 403, 200, 200]),
        row(POST, "/requests/{fresh_request_A}/events", Step("assigned"), [401, 403, 403, 200, 403, 200]),
        row(POST, "/requests/{fresh_request_B}/events", Step("assigned"), [401, 403, 403, 403, 200, 200]),
        row(POST, "/requests/{resolved_request_A}/events", Rating, [401, 200, 403, 403, 403, 403]),
        row(POST, "/requests/{resolved_request_B}/events", Rating, [401, 403, 200, 403, 403, 403]),
        // On a fresh request each time: a request holds at most 3 files.
        row(
            POST,
            "/requests/{fresh_request_A}/attachments?name=matrix.txt",
            Attachment,
            [401, 201, 403, 201, 403, 201],
        ),
        row(
            POST,
            "/requests/{fresh_request_B}/attachments?name=matrix.txt",
            Attachment,
            [401, 403, 201, 403, 201, 201],
        ),
        row(GET, "/requests/{request_A}/attachments/{attachment_A}", Nothing, [401, 200, 403, 200, 403, 200]),
        row(GET, "/requests/{request_B}/attachments/{attachment_B}", Nothing, [401, 403, 200, 403, 200, 200]),
        // B's file asked for under A's request: not there, for those who may see A's request.
        row(GET, "/requests/{request_A}/attachments/{attachment_B}", Nothing, [401, 404, 403, 404, 403, 404]),
        // Inquiries: sent by anyone; read and answered by the park's officers and admins.
        row(GET, "/inquiries", Nothing, [401, 403, 403, 200, 200, 200]),
        row(POST, "/inquiries", NewInquiry, [201; 6]),
        row(GET, "/inquiries/{inquiry_1}", Nothing, [401, 403, 403, 200, 403, 200]),
        row(GET, "/inquiries/{inquiry_2}", Nothing, [401, 403, 403, 403, 200, 200]),
        row(PUT, "/inquiries/{inquiry_1}", InquiryStatus, [401, 403, 403, 200, 403, 200]),
        row(PUT, "/inquiries/{inquiry_2}", InquiryStatus, [401, 403, 403, 403, 200, 200]),
        // A missing record is a 404 for everyone, before anyone is asked who they are.
        row(GET, "/requests/{missing}", Nothing, [404; 6]),
        row(GET, "/enterprises/{missing}/annual-data", Nothing, [404; 6]),
        row(GET, "/inquiries/{missing}", Nothing, [404; 6]),
        // The OpenAPI document itself.
        row(GET, "/openapi.json", Nothing, ALL),
    ]
}

#[tokio::test]
async fn every_endpoint_answers_every_role_as_the_rules_say() {
    for (backend, server) in servers().await {
        let world = World::new(&server).await;
        let rows = table();
        let mut mismatches = Vec::new();
        for row in &rows {
            for (role, expected) in row.expected.iter().enumerate() {
                let (path, answer) = world.attempt(row, role, None).await;
                if answer.status.as_u16() != *expected || !refused_as_expected(*expected, &answer) {
                    mismatches.push(format!(
                        "{:<18} {:<6} {:<56} expected {expected}, got {}: {}",
                        ROLES[role],
                        row.method,
                        format!("{} = {path}", row.path),
                        answer.status.as_u16(),
                        excerpt(&answer.text())
                    ));
                }
            }
        }
        assert!(
            mismatches.is_empty(),
            "{backend}: {} of {} checks ({} rows × {} roles) got another status than the rules give:\n{}",
            mismatches.len(),
            rows.len() * ROLES.len(),
            rows.len(),
            ROLES.len(),
            mismatches.join("\n")
        );
    }
}

/// A refusal must be the one the status stands for: a 403 for a missing right, not for a
/// missing CSRF token (which would make every 403 in the table pass for the wrong reason).
fn refused_as_expected(status: u16, answer: &Answer) -> bool {
    let code = match status {
        401 => "login_required",
        403 => "forbidden",
        404 => "not_found",
        _ => return true,
    };
    let body: Value = serde_json::from_slice(&answer.body).unwrap_or_default();
    body["error"]["code"] == code
}

/// A new endpoint without a row in the table fails here, and so does a row for an
/// endpoint that is gone.
#[tokio::test]
async fn the_matrix_lists_exactly_the_endpoints_of_the_openapi_document() {
    let server = TestServer::with_demo_data().await;
    let document: Value = server.get_json("/api/v1/openapi.json", StatusCode::OK).await;
    let mut documented = BTreeSet::new();
    for (path, operations) in document["paths"].as_object().expect("paths") {
        for method in operations.as_object().expect("operations").keys() {
            if ["get", "put", "post", "delete", "patch", "head", "options", "trace"].contains(&method.as_str()) {
                documented.insert((method.to_uppercase(), shape(path)));
            }
        }
    }
    let undocumented: BTreeSet<(String, String)> =
        UNDOCUMENTED.iter().map(|(m, p)| (m.to_string(), shape(p))).collect();
    let tabled: BTreeSet<(String, String)> = table()
        .iter()
        .map(|row| (row.method.to_string(), shape(row.path)))
        .filter(|e| !undocumented.contains(e))
        .collect();
    let without_row: Vec<String> = documented.difference(&tabled).map(|(m, p)| format!("{m} {p}")).collect();
    let without_endpoint: Vec<String> = tabled.difference(&documented).map(|(m, p)| format!("{m} {p}")).collect();
    assert!(
        without_row.is_empty() && without_endpoint.is_empty(),
        "endpoints of the OpenAPI document without a row in the matrix: {without_row:?}; rows for endpoints the \
         document does not have: {without_endpoint:?}"
    );
    for (method, path) in UNDOCUMENTED {
        assert!(!documented.contains(&(method.to_string(), shape(path))), "{method} {path} is documented now");
    }
}

/// A path with its query left out and every `{parameter}` written `{}`: what tells endpoints apart.
fn shape(path: &str) -> String {
    let path = path.split('?').next().unwrap_or_default();
    let mut shaped = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                shaped.push_str("{}");
            }
            '}' => inside = false,
            c if !inside => shaped.push(c),
            _ => {}
        }
    }
    shaped
}

/// Marker values planted in an enterprise's private records: none of them occurs in the
/// demo data, so finding one in a response means that response carries the record.
struct EnterpriseMarkers {
    /// On [`LAND_MU`] 亩: the tax per 亩 that the evaluation scores is `tax_per_mu`, exactly.
    tax: &'static str,
    tax_per_mu: &'static str,
    revenue: &'static str,
    energy: &'static str,
    net_profit: &'static str,
    contact_name: &'static str,
    contact_phone: &'static str,
    contact_email: &'static str,
    request_title: &'static str,
    request_text: &'static str,
    file_name: &'static str,
    file_content: &'static str,
    /// What it produces and pays on the parcel it occupies.
    parcel_output: &'static str,
    parcel_tax: &'static str,
}

/// The land of A and B in their marker figures: a power of two, so that dividing by it is
/// exact, and enough for 规下 enterprises to be evaluated (3 亩 at least).
const LAND_MU: f64 = 4.0;

const MARKERS_A: EnterpriseMarkers = EnterpriseMarkers {
    tax: "3950617.284",
    tax_per_mu: "987654.321",
    revenue: "876543.21",
    energy: "765432.1",
    net_profit: "654321.98",
    contact_name: "甲标记联系人",
    contact_phone: "13987650001",
    contact_email: "marker.a@example.com",
    request_title: "甲标记诉求标题",
    request_text: "甲标记诉求正文，请勿外泄。",
    file_name: "甲标记附件.txt",
    file_content: "甲标记附件内容",
    parcel_output: "55443.21",
    parcel_tax: "4433.219",
};

const MARKERS_B: EnterpriseMarkers = EnterpriseMarkers {
    tax: "3673094.58",
    tax_per_mu: "918273.645",
    revenue: "827364.51",
    energy: "736455.2",
    net_profit: "645546.37",
    contact_name: "乙标记联系人",
    contact_phone: "13987650002",
    contact_email: "marker.b@example.com",
    request_title: "乙标记诉求标题",
    request_text: "乙标记诉求正文，请勿外泄。",
    file_name: "乙标记附件.txt",
    file_content: "乙标记附件内容",
    parcel_output: "66554.32",
    parcel_tax: "5544.327",
};

/// Marker values of an inquiry's sender.
struct InquiryMarkers {
    name: &'static str,
    organisation: &'static str,
    phone: &'static str,
    email: &'static str,
    message: &'static str,
}

const MARKERS_INQUIRY_1: InquiryMarkers = InquiryMarkers {
    name: "丙标记投资人",
    organisation: "丙标记投资有限公司",
    phone: "13987650003",
    email: "marker.c@example.com",
    message: "丙标记咨询内容：希望了解供地条件。",
};

const MARKERS_INQUIRY_2: InquiryMarkers = InquiryMarkers {
    name: "丁标记投资人",
    organisation: "丁标记投资有限公司",
    phone: "13987650004",
    email: "marker.d@example.com",
    message: "丁标记咨询内容：希望了解供地条件。",
};

/// Who may see what: A's private records its own users, park 1's officer and admins;
/// B's likewise with park 2; an inquiry's contact data the officers of its park and
/// admins (no enterprise, not even the one that sent it while signed in).
fn secrets() -> Vec<(String, &'static str, [bool; 6])> {
    let mut secrets = Vec::new();
    for (who, m, visible) in [
        ("A", &MARKERS_A, [false, true, false, true, false, true]),
        ("B", &MARKERS_B, [false, false, true, false, true, true]),
    ] {
        for (what, marker) in [
            ("tax", m.tax),
            ("tax per 亩 in its evaluation results", m.tax_per_mu),
            ("revenue", m.revenue),
            ("energy", m.energy),
            ("net profit", m.net_profit),
            ("contact name", m.contact_name),
            ("contact phone", m.contact_phone),
            ("contact e-mail", m.contact_email),
            ("request title", m.request_title),
            ("request text", m.request_text),
            ("file name", m.file_name),
            ("file content", m.file_content),
            ("output on its parcel", m.parcel_output),
            ("tax on its parcel", m.parcel_tax),
        ] {
            secrets.push((format!("{who}'s {what}"), marker, visible));
        }
    }
    for (park, m, visible) in [
        ("1", &MARKERS_INQUIRY_1, [false, false, false, true, false, true]),
        ("2", &MARKERS_INQUIRY_2, [false, false, false, false, true, true]),
    ] {
        for (what, marker) in [
            ("sender's name", m.name),
            ("sender's organisation", m.organisation),
            ("sender's phone", m.phone),
            ("sender's e-mail", m.email),
            ("message", m.message),
        ] {
            secrets.push((format!("park {park}'s inquiry {what}"), marker, visible));
        }
    }
    secrets
}

#[tokio::test]
async fn private_data_reaches_only_the_roles_that_may_see_it() {
    for (backend, server) in servers().await {
        let world = World::new(&server).await;
        let secrets = secrets();
        let mut problems = Vec::new();
        for (role, role_name) in ROLES.iter().enumerate() {
            let read = world.everything_readable_by(role).await;
            for (what, marker, visible) in &secrets {
                let found: Vec<&str> =
                    read.iter().filter(|(_, text)| text.contains(marker)).map(|(what, _)| what.as_str()).collect();
                match (visible[role], found.is_empty()) {
                    (true, true) => problems.push(format!(
                        "{role_name:<18} finds {what} ({marker}) nowhere, though it may see it: the check cannot fail"
                    )),
                    (false, false) => {
                        for endpoint in found {
                            problems.push(format!("{role_name:<18} reads {what} ({marker}) in {endpoint}"));
                        }
                    }
                    _ => {}
                }
            }
        }
        assert!(problems.is_empty(), "{backend}: {} problems:\n{}", problems.len(), problems.join("\n"));
    }
}

/// A server per backend, with rate limits that let the matrix sign in and send inquiries
/// as often as it needs (the limits are tested in session.rs and inquiries.rs).
async fn servers() -> Vec<(&'static str, TestServer)> {
    fn relaxed(state: AppState) -> AppState {
        let many = Allowance { attempts: NonZeroU32::new(10_000).unwrap(), per: Duration::from_secs(1) };
        AppState { limits: Arc::new(RateLimits::new(many, many)), ..state }
    }
    let mut servers = vec![("SQLite", TestServer::with_state(None, relaxed).await)];
    if let Some(admin_url) = postgres_admin_url() {
        servers.push(("PostgreSQL", TestServer::with_state(Some(&admin_url), relaxed).await));
    }
    servers
}

/// What a prepared attempt sends.
enum Payload {
    Empty,
    Json(Value),
    Raw(&'static str, Vec<u8>),
}

/// The demo dataset with a session per role, the markers planted, three evaluation runs
/// made on them, and the ids the rows' `{names}` stand for.
struct World<'a> {
    server: &'a TestServer,
    sessions: Vec<Option<Session<'a>>>,
    ids: Vec<(&'static str, i64)>,
    /// The Open311 API key of each role that can hold one (the enterprises').
    api_keys: Vec<Option<String>>,
    /// Makes names, codes and keys unique across attempts.
    serial: Cell<u32>,
}

impl<'a> World<'a> {
    async fn new(server: &'a TestServer) -> World<'a> {
        let mut sessions = Vec::new();
        for account in ACCOUNTS {
            sessions.push(match account {
                Some(name) => Some(server.login(name).await),
                None => None,
            });
        }
        let mut world = World { server, sessions, ids: Vec::new(), api_keys: vec![None; 6], serial: Cell::new(0) };

        // Who is who in the demo data.
        let session_a = world.read(ENTERPRISE_A, "/session").await;
        let a = session_a["user"]["enterprise_id"].as_i64().expect("enterprise.a's enterprise");
        let user_a = session_a["user"]["id"].as_i64().expect("enterprise.a's account");
        let b = world.read(ENTERPRISE_B, "/session").await["user"]["enterprise_id"]
            .as_i64()
            .expect("enterprise.b's enterprise");
        let park_1 = single_park(&world.read(OFFICER_1, "/session").await);
        let park_2 = single_park(&world.read(OFFICER_2, "/session").await);
        assert_ne!(park_1, park_2);
        assert_eq!(world.read(ADMIN, &format!("/enterprises/{a}")).await["park_id"], park_1, "A is in park 1");
        assert_eq!(world.read(ADMIN, &format!("/enterprises/{b}")).await["park_id"], park_2, "B is in park 2");
        let parcel_1 = world.first_parcel(park_1).await;
        let parcel_2 = world.first_parcel(park_2).await;
        let profiles = world.read(PUBLIC, "/profiles").await;
        let profile = profiles.as_array().unwrap().iter().find(|p| p["key"] == PROFILE_KEY).expect("the profile")["id"]
            .as_i64()
            .unwrap();
        world.ids = vec![
            ("A", a),
            ("B", b),
            ("user_A", user_a),
            ("park_1", park_1),
            ("park_2", park_2),
            ("parcel_1", parcel_1),
            ("parcel_2", parcel_2),
            ("year", i64::from(YEAR)),
            ("profile", profile),
            ("missing", MISSING),
        ];

        let (request_a, attachment_a) = world.plant_enterprise_markers(ENTERPRISE_A, a, &MARKERS_A).await;
        let (request_b, attachment_b) = world.plant_enterprise_markers(ENTERPRISE_B, b, &MARKERS_B).await;
        world.plant_parcel_markers(parcel_1, a, &MARKERS_A).await;
        world.plant_parcel_markers(parcel_2, b, &MARKERS_B).await;
        let inquiry_1 = world.send_inquiry(park_1, &MARKERS_INQUIRY_1).await;
        let inquiry_2 = world.send_inquiry(park_2, &MARKERS_INQUIRY_2).await;
        // Made after the markers, so that A's and B's results score the marker figures.
        let mut runs = Vec::new();
        for scope in [Scope::Park1, Scope::Park2, Scope::City] {
            let body = world.run_body(scope);
            let made = world.call(ADMIN, POST, "/evaluations").json(&body).send().await;
            runs.push(made.json::<Value>(StatusCode::CREATED)["id"].as_i64().unwrap());
        }
        let user_b = world.read(ENTERPRISE_B, "/session").await["user"]["id"].as_i64().expect("enterprise.b's account");
        for (role, user) in [(ENTERPRISE_A, user_a), (ENTERPRISE_B, user_b)] {
            let issued = world.call(ADMIN, POST, &format!("/users/{user}/api-keys")).json(&json!({})).send().await;
            world.api_keys[role] = issued.json::<Value>(StatusCode::CREATED)["key"].as_str().map(str::to_string);
        }
        world.ids.extend([
            ("request_A", request_a),
            ("attachment_A", attachment_a),
            ("request_B", request_b),
            ("attachment_B", attachment_b),
            ("inquiry_1", inquiry_1),
            ("inquiry_2", inquiry_2),
            ("run_1", runs[0]),
            ("run_2", runs[1]),
            ("run_city", runs[2]),
        ]);
        world
    }

    /// Writes `m` into enterprise `id`'s contacts and its figures of [`YEAR`], and files a
    /// request with a file as the enterprise's user `role`; returns the request and file ids.
    async fn plant_enterprise_markers(&self, role: usize, id: i64, m: &EnterpriseMarkers) -> (i64, i64) {
        let path = format!("/enterprises/{id}");
        let read = self.call(ADMIN, GET, &path).send().await;
        let mut body = enterprise_body(read.json(StatusCode::OK));
        body["private"]["contact_name"] = json!(m.contact_name);
        body["private"]["contact_phone"] = json!(m.contact_phone);
        body["private"]["contact_email"] = json!(m.contact_email);
        let written = self.call(ADMIN, PUT, &path).header("if-match", &read.etag()).json(&body).send().await;
        assert_eq!(written.status, StatusCode::OK, "{}", written.text());

        let year = format!("/enterprises/{id}/annual-data/{YEAR}");
        let version = self.annual_version(id).await.expect("the demo data has figures of YEAR");
        let number = |text: &str| json!(text.parse::<f64>().unwrap());
        let figures = json!({
            "efficiency": { "land_area_mu": LAND_MU, "tax_wan_yuan": number(m.tax), "revenue_wan_yuan": number(m.revenue),
                            "energy_tce": number(m.energy), "electricity_kwh": 100_000.0, "average_staff": 10.0 },
            "accounts": { "revenue_wan_yuan": number(m.revenue), "net_profit_wan_yuan": number(m.net_profit) }
        });
        let written = self.call(ADMIN, PUT, &year).header("if-match", &version).json(&figures).send().await;
        assert_eq!(written.status, StatusCode::OK, "{}", written.text());

        let session = self.sessions[role].as_ref().unwrap();
        let filed = requests::file(
            session,
            &json!({ "category": "general", "title": m.request_title, "body": m.request_text }),
        )
        .await;
        let request = filed["id"].as_i64().unwrap();
        let attach = format!("/requests/{request}/attachments?name={}", enterprises::urlencode(m.file_name));
        let attached =
            self.call(role, POST, &attach).raw("text/plain", m.file_content.as_bytes().to_vec()).send().await;
        (request, attached.json::<Value>(StatusCode::CREATED)["id"].as_i64().unwrap())
    }

    /// Makes enterprise `occupant` the user of `parcel`, with the marker figures `m` of what
    /// it builds and earns there.
    async fn plant_parcel_markers(&self, parcel: i64, occupant: i64, m: &EnterpriseMarkers) {
        let path = format!("/parcels/{parcel}");
        let read = self.call(ADMIN, GET, &path).send().await;
        let current: Value = read.json(StatusCode::OK);
        let number = |text: &str| json!(text.parse::<f64>().unwrap());
        let body = json!({
            "code": current["properties"]["code"], "land_use": current["properties"]["land_use"],
            "status": "producing", "geometry": current["geometry"],
            "details": {
                "supply_mode": "listing", "occupant_id": occupant,
                "development": {
                    "land_area_m2": 20_000.0, "storeys": [{ "floor_area_m2": 12_000.0, "height_m": 6.0 }],
                    "building_footprint_m2": 12_000.0, "green_area_m2": 2_000.0,
                    "fixed_asset_investment_wan_yuan": 30_000.0,
                    "annual_output_wan_yuan": number(m.parcel_output), "annual_tax_wan_yuan": number(m.parcel_tax)
                }
            }
        });
        let written = self.call(ADMIN, PUT, &path).header("if-match", &read.etag()).json(&body).send().await;
        assert_eq!(written.status, StatusCode::OK, "{}", written.text());
    }

    /// Sends an inquiry with the markers `m` to `park`, as the public; returns its id.
    async fn send_inquiry(&self, park: i64, m: &InquiryMarkers) -> i64 {
        let mut body = inquiries::inquiry();
        body["name"] = json!(m.name);
        body["organisation"] = json!(m.organisation);
        body["phone"] = json!(m.phone);
        body["email"] = json!(m.email);
        body["message"] = json!(m.message);
        body["park_id"] = json!(park);
        let sent = self.call(PUBLIC, POST, "/inquiries").json(&body).send().await;
        sent.json::<Value>(StatusCode::CREATED)["id"].as_i64().unwrap()
    }

    async fn first_parcel(&self, park: i64) -> i64 {
        self.read(PUBLIC, &format!("/parks/{park}/parcels")).await["features"][0]["id"].as_i64().expect("a parcel")
    }

    fn id(&self, name: &str) -> i64 {
        self.ids.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("no record is called {{{name}}}")).1
    }

    fn next(&self) -> u32 {
        self.serial.set(self.serial.get() + 1);
        self.serial.get()
    }

    /// A request as `role` to `path` below `/api/v1`.
    fn call(&self, role: usize, method: Method, path: &str) -> Call<'_> {
        let path = format!("/api/v1{path}");
        match &self.sessions[role] {
            Some(session) => session.call(method, &path),
            None => self.server.call(method, &path),
        }
    }

    /// `GET path` as `role`, which must answer 200.
    async fn read(&self, role: usize, path: &str) -> Value {
        self.call(role, GET, path).send().await.json(StatusCode::OK)
    }

    /// The ETag of enterprise `id`'s figures of [`YEAR`], if it has some.
    async fn annual_version(&self, id: i64) -> Option<String> {
        let years = self.read(ADMIN, &format!("/enterprises/{id}/annual-data")).await;
        let year = years.as_array().unwrap().iter().find(|y| y["year"] == YEAR)?;
        Some(format!("\"{}\"", year["version"]))
    }

    /// The record `{name}` stands for, made anew for the `fresh_…`, `doomed_…` and
    /// `resolved_…` names, with its ETag when it was just made.
    async fn target(&self, name: &str) -> (i64, Option<String>) {
        let (kind, side) = name.rsplit_once('_').unwrap_or((name, ""));
        let (park, enterprise, role) = match side {
            "1" | "A" => (self.id("park_1"), self.id("A"), ENTERPRISE_A),
            _ => (self.id("park_2"), self.id("B"), ENTERPRISE_B),
        };
        let made = |answer: Answer| {
            let record: Value = answer.json(StatusCode::CREATED);
            (record["id"].as_i64().unwrap(), Some(answer.etag()))
        };
        match kind {
            "doomed_parcel" => {
                let body = self.new_parcel_body();
                made(self.call(ADMIN, POST, &format!("/parks/{park}/parcels")).json(&body).send().await)
            }
            "fresh_certificate" => {
                let body = self.certificate_body();
                made(
                    self.call(ADMIN, POST, &format!("/enterprises/{enterprise}/certificates")).json(&body).send().await,
                )
            }
            "fresh_api_key" => {
                let path = format!("/users/{}/api-keys", self.id("user_A"));
                let issued = self.call(ADMIN, POST, &path).json(&json!({ "label": "matrix" })).send().await;
                (issued.json::<Value>(StatusCode::CREATED)["id"].as_i64().unwrap(), None)
            }
            "fresh_request" | "resolved_request" => {
                let session = self.sessions[role].as_ref().unwrap();
                let id = requests::file(session, &requests::general_request()).await["id"].as_i64().unwrap();
                let mut version = 1;
                if kind == "resolved_request" {
                    let admin = self.sessions[ADMIN].as_ref().unwrap();
                    for to in ["assigned", "in_progress", "resolved"] {
                        let moved = requests::step(admin, id, version, json!({ "to": to, "note": "矩阵测试" })).await;
                        version = moved.json::<Value>(StatusCode::OK)["version"].as_i64().unwrap();
                    }
                }
                (id, Some(format!("\"{version}\"")))
            }
            _ => (self.id(name), None),
        }
    }

    /// The row's path with its records filled in, the If-Match it needs, and its body.
    async fn prepare(&self, row: &Row) -> (String, Option<String>, Payload) {
        let mut path = String::new();
        let mut if_match = None;
        let mut rest = row.path;
        while let Some(start) = rest.find('{') {
            let end = rest[start..].find('}').unwrap() + start;
            let (id, etag) = self.target(&rest[start + 1..end]).await;
            path.push_str(&rest[..start]);
            path.push_str(&id.to_string());
            if_match = if_match.or(etag);
            rest = &rest[end + 1..];
        }
        path.push_str(rest);

        // Sessions and API keys are never edited, so ending one names no version.
        let updates = matches!(row.method, Method::PUT | Method::DELETE)
            && row.path != "/session"
            && !row.path.contains("/api-keys/");
        if updates && if_match.is_none() {
            if_match = match path.split_once("/annual-data/") {
                Some((enterprise, _)) => {
                    let id = enterprise.trim_start_matches("/enterprises/").parse().unwrap();
                    self.annual_version(id).await
                }
                None => Some(self.call(ADMIN, GET, &path).send().await.etag()),
            };
        }
        let current = || async { self.read(ADMIN, &path).await };
        let payload = match row.body {
            Body::Nothing => Payload::Empty,
            Body::Login => Payload::Json(json!({ "username": "enterprise.b", "password": DEMO_PASSWORD })),
            Body::NewPark => {
                let n = self.next();
                Payload::Json(json!({
                    "name": format!("矩阵测试园区{n}（演示）"), "name_en": format!("Matrix Park {n} (demo)"),
                    "park_type": "modern", "district": "东湖新技术开发区", "boundary": square(114.9, 30.9, 0.01)
                }))
            }
            Body::NewParcel => Payload::Json(self.new_parcel_body()),
            Body::ParcelImport => Payload::Json(json!({ "parcels": [self.new_parcel_body(), self.new_parcel_body()] })),
            Body::NewUser => {
                let name = format!("matrix.user{}", self.next());
                Payload::Json(json!({ "username": name, "display_name": name, "password": DEMO_PASSWORD,
                    "role": "officer", "park_ids": [self.id("park_1")] }))
            }
            Body::NewEnterprise(scope) => {
                Payload::Json(enterprises::body(self.park_of(scope).unwrap(), 700 + self.next()))
            }
            Body::NewProfile => {
                let mut profile =
                    self.read(PUBLIC, &format!("/profiles/{}", self.id("profile"))).await["profile"].clone();
                profile["id"] = json!(format!("matrix-{}", self.next()));
                Payload::Json(profile)
            }
            Body::NewRequest => Payload::Json(requests::general_request()),
            Body::NewInquiry => Payload::Json(inquiries::inquiry()),
            Body::NewApiKey => Payload::Json(json!({ "label": format!("矩阵测试{}", self.next()) })),
            Body::Park => {
                let park = current().await;
                let p = &park["properties"];
                Payload::Json(json!({
                    "name": p["name"], "name_en": p["name_en"], "park_type": p["park_type"], "level": p["level"],
                    "district": p["district"], "boundary": park["geometry"], "details": p["details"]
                }))
            }
            Body::Parcel => {
                let parcel = current().await;
                let p = &parcel["properties"];
                Payload::Json(json!({
                    "code": p["code"], "land_use": p["land_use"], "status": p["status"],
                    "geometry": parcel["geometry"], "details": p["details"]
                }))
            }
            Body::Enterprise => Payload::Json(enterprise_body(current().await)),
            Body::Profile => Payload::Json(current().await["profile"].clone()),
            Body::Figures => Payload::Json(enterprises::figures(350.0)),
            Body::Certificate => Payload::Json(self.certificate_body()),
            Body::Run(scope) => Payload::Json(self.run_body(scope)),
            Body::Step(to) => Payload::Json(json!({ "to": to })),
            Body::Rating => Payload::Json(json!({ "to": "rated", "rating": "satisfied" })),
            Body::Attachment => Payload::Raw("text/plain", b"matrix test file".to_vec()),
            Body::InquiryStatus => Payload::Json(json!({ "status": "answered" })),
        };
        (path, if_match, payload)
    }

    /// Sends `row` as `role`, with `stale_version` instead of the current one when given;
    /// returns the path it went to and the answer.
    async fn attempt(&self, row: &Row, role: usize, stale_version: Option<&str>) -> (String, Answer) {
        let (path, if_match, payload) = self.prepare(row).await;
        // Ending a session: each role ends one of its own, so that its other requests keep theirs.
        let own_session;
        let mut call = match ACCOUNTS[role] {
            Some(name) if row.method == Method::DELETE && row.path == "/session" => {
                own_session = self.server.login(name).await;
                own_session.call(row.method.clone(), &format!("/api/v1{path}"))
            }
            _ => self.call(role, row.method.clone(), &path),
        };
        if let Some(version) = stale_version.map(str::to_string).or(if_match) {
            call = call.header("if-match", &version);
        }
        let call = match payload {
            Payload::Empty => call,
            Payload::Json(body) => call.json(&body),
            Payload::Raw(content_type, bytes) => call.raw(content_type, bytes),
        };
        (path, call.send().await)
    }

    /// Every response `role` gets from reading: every GET row of the table, filtered
    /// lists, every page of the change feed, and the answers to writes naming a stale
    /// version (a 412 carries the record as it stands), as `(what, body)`.
    async fn everything_readable_by(&self, role: usize) -> Vec<(String, String)> {
        let mut read = Vec::new();
        let mut note = |what: String, answer: Answer| read.push((format!("{what} ({})", answer.status), answer.text()));
        let mut rows: Vec<Row> = table().into_iter().filter(|row| row.method == Method::GET).collect();
        for path in [
            "/enterprises?park_id={park_1}",
            "/enterprises?park_id={park_2}",
            "/requests?state=received",
            "/inquiries?status=new",
            "/evaluations?park_id={park_1}",
            "/land?park={park_2}&status=producing",
            "/land?limit=500",
        ] {
            rows.push(row(GET, path, Body::Nothing, [0; 6]));
        }
        for row in &rows {
            let (path, answer) = self.attempt(row, role, None).await;
            note(format!("GET {path}"), answer);
        }
        // Open311 reads the public side without a key, and an enterprise's own requests with its key.
        let key = self.api_keys[role].as_ref().map_or_else(String::new, |key| format!("?api_key={key}"));
        for resource in ["requests.json", "requests.xml", "requests/{request_A}.json", "requests/{request_B}.xml"] {
            let resource = resource
                .replace("{request_A}", &self.id("request_A").to_string())
                .replace("{request_B}", &self.id("request_B").to_string());
            let path = format!("/open311/v2/{resource}{key}");
            note(format!("GET {path}"), self.server.call(GET, &path).send().await);
        }
        let mut cursor = 0;
        loop {
            let path = format!("/changes?since={cursor}&limit=1000");
            let answer = self.call(role, GET, &path).send().await;
            let page: Value = serde_json::from_slice(&answer.body).expect("a page of changes");
            note(format!("GET {path}"), answer);
            cursor = page["next"].as_i64().unwrap();
            if page["more"] != true {
                break;
            }
        }
        let mut stale: Vec<Row> = table()
            .into_iter()
            .filter(|row| row.method == Method::PUT && !row.path.contains("{fresh") && !row.path.contains("{doomed"))
            .collect();
        stale.push(row(POST, "/requests/{request_A}/events", Body::Step("assigned"), [0; 6]));
        stale.push(row(POST, "/requests/{request_B}/events", Body::Step("assigned"), [0; 6]));
        for row in &stale {
            let (path, answer) = self.attempt(row, role, Some("\"999999\"")).await;
            note(format!("{} {path} with a stale If-Match", row.method), answer);
        }
        read
    }

    fn park_of(&self, scope: Scope) -> Option<i64> {
        match scope {
            Scope::Park1 => Some(self.id("park_1")),
            Scope::Park2 => Some(self.id("park_2")),
            Scope::City => None,
        }
    }

    fn run_body(&self, scope: Scope) -> Value {
        json!({ "profile_id": self.id("profile"), "year": YEAR, "evaluation_date": EVALUATION_DATE,
                "park_id": self.park_of(scope) })
    }

    fn new_parcel_body(&self) -> Value {
        let n = self.next();
        let (x, y) = (114.95 + f64::from(n % 50) * 0.002, 30.95 + f64::from(n / 50) * 0.002);
        json!({ "code": format!("MX-{n:04}"), "land_use": "industrial", "status": "available",
                "geometry": square(x, y, 0.001) })
    }

    fn certificate_body(&self) -> Value {
        json!({ "kind": "specialised_sme", "number": format!("矩阵-{}", self.next()), "issued_on": "2024-07-01",
                "expires_on": "2027-06-30" })
    }
}

/// The one park an officer's session names.
fn single_park(session: &Value) -> i64 {
    let parks = session["user"]["park_ids"].as_array().expect("an officer's parks");
    assert_eq!(parks.len(), 1, "{session}");
    parks[0].as_i64().unwrap()
}

/// An enterprise record as its editing body.
fn enterprise_body(mut record: Value) -> Value {
    let fields = record.as_object_mut().unwrap();
    fields.remove("id");
    fields.remove("version");
    record
}

/// A square GeoJSON polygon with its south-west corner at (`x`, `y`) degrees.
fn square(x: f64, y: f64, side: f64) -> Value {
    json!({ "type": "Polygon",
            "coordinates": [[[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]] })
}

/// The start of a response body, on one line.
fn excerpt(text: &str) -> String {
    let line: String = text.chars().take(160).collect();
    line.replace('\n', " ")
}
