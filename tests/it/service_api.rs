//! The operators' API over real HTTP on loopback, served from the library with a worker of its
//! own: the token, traversal and junk ids, regeneration as a job, the idempotency key, a full
//! queue answering 429, and a report file that points outside the archive.

use std::sync::Arc;
use std::time::Duration;

use woonmonitor::service::reporting::{AsOf, SendMode};
use woonmonitor::service::worker::{self, Queue};
use woonmonitor::service::{Selection, Service};
use woonmonitor::store::Trigger;

use crate::service::{report_run, rt, service, utc};

/// Serves the API of `s` on loopback with a worker of its own; returns the base URL.
pub(crate) async fn serve_api(s: &Service, token: &str, capacity: usize, worker: bool) -> String {
    let queue = Arc::new(Queue::new(capacity));
    let secrets = woonmonitor::config::HttpSecrets {
        api: Some(token.to_string()),
        operators: Vec::new(),
    };
    let app = woonmonitor::web::router(s.clone(), queue.clone(), &secrets);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    if worker {
        // The worker: jobs run here, one at a time.
        let s = s.clone();
        tokio::spawn(async move {
            loop {
                let w = queue.next().await;
                worker::run(
                    s.clone(),
                    queue.clone(),
                    w,
                    tokio::sync::oneshot::channel().1,
                )
                .await;
            }
        });
    }
    base
}

/// Polls a job until it has finished; returns it.
pub(crate) async fn finished_job(
    c: &reqwest::Client,
    base: &str,
    token: &str,
    id: i64,
) -> serde_json::Value {
    for _ in 0..600 {
        let job: serde_json::Value = c
            .get(format!("{base}/jobs/{id}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if job["status"] == "succeeded" || job["status"] == "failed" {
            return job;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("job {id} did not finish");
}

#[test]
fn api_requires_a_token_refuses_traversal_and_regenerates() {
    let dir = tempfile::tempdir().unwrap();
    let s = service(dir.path(), None);
    let token = "test-token-1234567890".to_string();
    let rt = rt();
    rt.block_on(async move {
        let base = serve_api(&s, &token, 16, true).await;
        let c = reqwest::Client::new();
        let get = |path: &str, tok: Option<&str>| {
            let mut r = c.get(format!("{base}{path}"));
            if let Some(t) = tok {
                r = r.bearer_auth(t);
            }
            r.send()
        };
        assert_eq!(get("/health", None).await.unwrap().status(), 200);
        for path in [
            "/runs",
            "/reports",
            "/metrics",
            "/runs/1",
            "/reports/1",
            "/jobs/1",
        ] {
            assert_eq!(
                get(path, None).await.unwrap().status(),
                401,
                "{path} without token"
            );
            assert_eq!(
                get(path, Some("wrong")).await.unwrap().status(),
                401,
                "{path} wrong token"
            );
        }
        let t = Some(token.as_str());
        let resp = c
            .post(format!("{base}/regenerate"))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "period": "2026-03", "municipality": "GM0344" }))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 202, "accepted at once");
        let location = resp.headers()["location"].to_str().unwrap().to_string();
        let job: serde_json::Value = resp.json().await.unwrap();
        assert_eq!(location, format!("/jobs/{}", job["id"]));
        let job = finished_job(&c, &base, &token, job["id"].as_i64().unwrap()).await;
        assert_eq!(job["status"], "succeeded", "{job}");
        let run_id = job["run"].as_i64().unwrap();
        let reports: serde_json::Value = get("/reports?period=2026-03", t)
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let list = reports.as_array().unwrap();
        assert_eq!(list.len(), 1, "only the municipality's report: {reports}");
        assert!(list[0].get("path").is_none(), "ids, not paths: {reports}");
        let id = list[0]["id"].as_i64().unwrap();
        let pdf = get(&format!("/reports/{id}"), t).await.unwrap();
        assert_eq!(pdf.status(), 200);
        assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
        let detail: serde_json::Value = get(&format!("/runs/{run_id}"), t)
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(detail["run"]["status"], "succeeded");
        assert!(!detail["snapshots"].as_array().unwrap().is_empty());
        // Traversal and junk ids.
        for path in [
            "/reports/..%2F..%2Fetc%2Fpasswd",
            "/reports/..",
            "/reports/1%20OR%201=1",
            "/runs/abc",
            "/jobs/x",
        ] {
            let r = get(path, t).await.unwrap();
            let st = r.status();
            // `/reports/..` is normalised to `/` by the client, which leads to the console's
            // sign-in page: never a file.
            let to_console = r.url().path().starts_with("/console/");
            assert!(st == 400 || st == 404 || to_console, "{path}: {st}");
        }
        assert_eq!(get("/reports/9999", t).await.unwrap().status(), 404);
        assert_eq!(get("/jobs/9999", t).await.unwrap().status(), 404);
        assert_eq!(
            get("/reports?period=2026-13", t).await.unwrap().status(),
            400
        );
        let post = |body: serde_json::Value| {
            c.post(format!("{base}/regenerate"))
                .bearer_auth(&token)
                .json(&body)
                .send()
        };
        let bad = post(
            serde_json::json!({ "period": "2026-03", "region": true, "municipality": "GM0344" }),
        )
        .await
        .unwrap();
        assert_eq!(bad.status(), 400);
        // A code that is not configured is the client's mistake, not a run with 0 reports.
        let unknown = post(serde_json::json!({ "period": "2026-03", "municipality": "GM0999" }))
            .await
            .unwrap();
        assert_eq!(unknown.status(), 400);
        assert!(unknown.text().await.unwrap().contains("GM0999"));
        let unknown = post(serde_json::json!({ "period": "2026-03", "corporation": "Mitros." }))
            .await
            .unwrap();
        assert_eq!(unknown.status(), 400);
        let metrics = get("/metrics", t).await.unwrap().text().await.unwrap();
        assert!(
            metrics.contains("woonmonitor_runs{status=\"succeeded\"} 2"),
            "{metrics}"
        );
        assert!(metrics.contains(
            "woonmonitor_source_age_seconds{source=\"applications\",kind=\"applications\"}"
        ));
        assert!(
            metrics.contains("woonmonitor_outbox_blocked_seconds 0"),
            "{metrics}"
        );
    });
}

#[test]
fn a_retried_regenerate_with_its_idempotency_key_is_one_job() {
    let dir = tempfile::tempdir().unwrap();
    let s = service(dir.path(), None);
    let token = "test-token-1234567890".to_string();
    let rt = rt();
    rt.block_on(async move {
        let base = serve_api(&s, &token, 16, true).await;
        let c = reqwest::Client::new();
        let post = |key: &str, body: serde_json::Value| {
            c.post(format!("{base}/regenerate"))
                .bearer_auth(&token)
                .header("Idempotency-Key", key)
                .json(&body)
                .send()
        };
        let body = serde_json::json!({ "period": "2026-03", "region": true, "send": true });
        let first: serde_json::Value = post("k-1", body.clone())
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let again: serde_json::Value = post("k-1", body.clone())
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(first["id"], again["id"], "the same key is the same job");
        let job = finished_job(&c, &base, &token, first["id"].as_i64().unwrap()).await;
        assert_eq!(job["status"], "succeeded", "{job}");
        // After the job has run, the client's retry still finds that job: no second run.
        let late: serde_json::Value = post("k-1", body.clone())
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(late["id"], first["id"]);
        assert_eq!(late["run"], job["run"]);
        let runs: serde_json::Value = c
            .get(format!("{base}/runs"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let report_runs = runs
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["kind"] == "report")
            .count();
        assert_eq!(report_runs, 1, "{runs}");
        // The key with another request is refused.
        let other = post(
            "k-1",
            serde_json::json!({ "period": "2026-02", "region": true }),
        )
        .await
        .unwrap();
        assert_eq!(other.status(), 422);
        // One queued mail for the region recipient, once.
        let keys = s.store().unwrap().outbox(None).unwrap();
        assert_eq!(
            keys.iter()
                .filter(|m| m.recipient == "regio@example.nl")
                .count(),
            1
        );
    });
}

#[test]
fn a_full_queue_answers_429_with_retry_after_and_never_loses_a_tick() {
    let dir = tempfile::tempdir().unwrap();
    let s = service(dir.path(), None);
    let token = "test-token-1234567890".to_string();
    let rt = rt();
    rt.block_on(async move {
        // No worker: the one place in the queue stays taken.
        let base = serve_api(&s, &token, 1, false).await;
        let c = reqwest::Client::new();
        let post = || {
            c.post(format!("{base}/regenerate"))
                .bearer_auth(&token)
                .json(&serde_json::json!({ "period": "2026-03" }))
                .send()
        };
        assert_eq!(post().await.unwrap().status(), 202);
        let full = post().await.unwrap();
        assert_eq!(full.status(), 429);
        assert_eq!(full.headers()["retry-after"], "30");
    });
    let q = Queue::new(0);
    q.tick();
    q.tick();
    let next = rt.block_on(q.next());
    assert!(
        matches!(next, worker::Work::Tick),
        "a tick is kept even with no room for jobs"
    );
}

#[test]
fn a_report_file_moved_outside_the_archive_is_not_served() {
    let dir = tempfile::tempdir().unwrap();
    let s = service(dir.path(), None);
    let rt = rt();
    let run = rt
        .block_on(s.report(&report_run(
            "2026-03".parse().unwrap(),
            Trigger::Manual,
            Selection::Region,
            SendMode::No,
            AsOf::Latest,
            utc("2026-04-10T06:00:00Z"),
        )))
        .unwrap();
    let store = s.store().unwrap();
    let report = store.run_reports(run).unwrap().remove(0);
    // Point the archive at a link to a file outside it.
    let outside = dir.path().join("secret.pdf");
    std::fs::write(&outside, b"%PDF secret").unwrap();
    std::fs::remove_file(&report.path).unwrap();
    std::os::unix::fs::symlink(&outside, &report.path).unwrap();
    let token = "t0ken-abcdefghijklmnop".to_string();
    rt.block_on(async move {
        let base = serve_api(&s, &token, 1, false).await;
        let r = reqwest::Client::new()
            .get(format!("{base}/reports/{}", report.id))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
    });
}
