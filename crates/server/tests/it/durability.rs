//! Durability: the real server, killed with SIGKILL while clients submit idempotent
//! writes, restarted on the same database; every client then retries every operation it
//! started. Each acknowledged write must be present exactly once, and each retry of an
//! acknowledged one must get the first answer back. And the other way to stop: SIGTERM
//! ends the server cleanly, with the SQLite file holding everything.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

use crate::support::{database_url, fresh_postgres_database, postgres_admin_url};

const OPERATIONS: usize = 240;
const CLIENTS: usize = 6;
/// The server is killed once this many writes were acknowledged.
const KILL_AFTER_ACKS: usize = 60;

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(database_url: &str, dir: &std::path::Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_parkatlas"))
            .args(["serve", "--port", "0", "--demo", "--database-url", database_url, "--static-dir"])
            .arg(dir)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the parkatlas binary starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line.split_whitespace().find(|word| word.starts_with("http://")).expect("a URL").to_string();
        Server { child, url: url.trim_end_matches('/').to_string() }
    }
}

/// A client's view of one operation: the answer, if one arrived.
type Answers = Arc<Mutex<Vec<Option<(u16, Value)>>>>;

fn parcel(i: usize) -> Value {
    let (x, y) = (114.70 + (i % 20) as f64 * 0.002, 30.40 + (i / 20) as f64 * 0.002);
    json!({
        "code": format!("DUR-{i:04}"), "land_use": "industrial", "status": "available",
        "geometry": { "type": "Polygon", "coordinates": [[[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]]] }
    })
}

async fn submit(
    client: &reqwest::Client,
    server_url: &str,
    session: &(String, String),
    i: usize,
) -> Option<(u16, Value)> {
    let response = client
        .post(format!("{server_url}/api/v1/parks/1/parcels"))
        .header("cookie", &session.0)
        .header("x-csrf-token", &session.1)
        .header("idempotency-key", format!("durability-op-{i:04}"))
        .json(&parcel(i))
        .send()
        .await
        .ok()?;
    let status = response.status().as_u16();
    Some((status, response.json().await.ok()?))
}

async fn login(client: &reqwest::Client, server_url: &str) -> (String, String) {
    let response = client
        .post(format!("{server_url}/api/v1/session"))
        .json(&json!({ "username": "officer.guanggu", "password": "parkatlas-demo" }))
        .send()
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let body: Value = response.json().await.unwrap();
    (cookie, body["csrf_token"].as_str().unwrap().to_string())
}

async fn kill_during_writes_then_retry(database_url: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(database_url, dir.path());
    let client = reqwest::Client::new();
    let session = login(&client, &server.url).await;
    let answers: Answers = Arc::new(Mutex::new(vec![None; OPERATIONS]));

    let mut clients = Vec::new();
    for c in 0..CLIENTS {
        let (client, url, session, answers) = (client.clone(), server.url.clone(), session.clone(), answers.clone());
        clients.push(tokio::spawn(async move {
            for i in (c..OPERATIONS).step_by(CLIENTS) {
                let Some(answer) = submit(&client, &url, &session, i).await else { return };
                answers.lock().unwrap()[i] = Some(answer);
            }
        }));
    }
    while answers.lock().unwrap().iter().flatten().count() < KILL_AFTER_ACKS {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    server.child.kill().unwrap(); // SIGKILL: no graceful shutdown, no flush.
    server.child.wait().unwrap();
    for client in clients {
        client.await.unwrap();
    }
    let before: Vec<Option<(u16, Value)>> = answers.lock().unwrap().clone();
    let acknowledged = before.iter().flatten().filter(|(status, _)| *status == 201).count();
    assert!((KILL_AFTER_ACKS..OPERATIONS).contains(&acknowledged), "killed mid-way: {acknowledged} acks");

    let restarted = Server::start(database_url, dir.path());
    // The session survived the crash with the database; every operation is retried.
    for (i, first) in before.iter().enumerate() {
        let (status, body) = submit(&client, &restarted.url, &session, i).await.expect("the restarted server answers");
        assert_eq!(status, 201, "operation {i}: {body}");
        if let Some((_, first_body)) = first {
            assert_eq!(&body, first_body, "operation {i}: a retry gets the first answer");
        }
    }
    let parcels: Value =
        client.get(format!("{}/api/v1/parks/1/parcels", restarted.url)).send().await.unwrap().json().await.unwrap();
    let mut codes: Vec<String> = parcels["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["properties"]["code"].as_str().filter(|c| c.starts_with("DUR-")).map(String::from))
        .collect();
    codes.sort();
    let expected: Vec<String> = (0..OPERATIONS).map(|i| format!("DUR-{i:04}")).collect();
    assert_eq!(codes, expected, "every operation applied exactly once");
    drop(restarted);
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill_exactly_once_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    kill_during_writes_then_retry(&database_url(dir.path())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill_exactly_once_on_postgresql() {
    if let Some(admin_url) = postgres_admin_url() {
        kill_during_writes_then_retry(&fresh_postgres_database(&admin_url).await).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_the_server_cleanly_leaving_no_write_ahead_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(&database_url(dir.path()), dir.path());
    let client = reqwest::Client::new();
    let session = login(&client, &server.url).await;
    assert_eq!(submit(&client, &server.url, &session, 0).await.map(|(status, _)| status), Some(201));

    let terminated = Command::new("kill").args(["-TERM", &server.child.id().to_string()]).status().unwrap();
    assert!(terminated.success());
    let exit = server.child.wait().unwrap();
    assert!(exit.success(), "exit status after SIGTERM: {exit}");
    let wal = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .find(|entry| entry.file_name().to_string_lossy().ends_with("-wal"));
    assert!(wal.is_none_or(|entry| entry.metadata().unwrap().len() == 0), "the write-ahead log was checkpointed");
}
