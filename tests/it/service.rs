//! The service through the library with an injected clock: scheduler ticks across DST and
//! catch-up, HTTP sources on loopback (500, hang, truncated body, ETag), snapshots and `--as-of`,
//! and the operators' API over real HTTP.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use woonmonitor::config::{LoadOptions, Settings};
use woonmonitor::domain::Period;
use woonmonitor::service::fetch::HttpPolicy;
use woonmonitor::service::reporting::{AsOf, ReportRun, SendMode};
use woonmonitor::service::store::{RunKind, RunStatus, Trigger};
use woonmonitor::service::worker::{self, Queue};
use woonmonitor::service::{Selection, Service};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn gen() -> NaiveDateTime {
    "2026-11-01T07:00:00".parse().unwrap()
}

/// A service whose sources are the small fixture (or URLs), state and output in `dir`.
fn service(dir: &Path, applications_url: Option<String>) -> Service {
    service_with(dir, applications_url, "")
}

/// [`service`] with more configuration (sections the base does not have) at the end.
fn service_with(dir: &Path, applications_url: Option<String>, extra: &str) -> Service {
    let default = std::fs::read_to_string(root().join("config/default.toml")).unwrap();
    let base = &default[..default.find("# ---- The daemon").unwrap()];
    let fixture = root().join("tests/fixtures/small");
    // The small fixture has one deliveries file instead of the sample's feeds.
    let feeds =
        base.find("[[sources.deliveries]]").unwrap()..base.find("[sources.commitments]").unwrap();
    let base = format!(
        "{}[sources.deliveries]\npath = \"data/sample/deliveries.csv\"\n\n{}",
        &base[..feeds.start],
        &base[feeds.end..]
    );
    let mut text = base
        .replace("dir = \"out\"", &format!("dir = {:?}", dir.join("out")))
        .replace(
            "internal_dir = \"state/internal\"",
            &format!("internal_dir = {:?}", dir.join("internal")),
        )
        .replace("data/sample/", &format!("{}/", fixture.display()));
    if let Some(url) = applications_url {
        text = text.replace(
            "[sources.applications]\n",
            &format!("[sources.applications]\nurl = {url:?}\n"),
        );
    }
    text.push_str(&format!(
        "[state]\ndir = {:?}\n[mail]\nfrom = \"w@example.nl\"\noutbox_dir = {:?}\nretry_base_secs = 0\n[[recipients]]\naudience = \"region\"\nemail = \"regio@example.nl\"\n[hold]\nmax_rejected_share = 0.5\nmax_source_age_hours = 48\n",
        dir.join("state"),
        dir.join("outbox")
    ));
    text.push_str(extra);
    let path = dir.join("c.toml");
    std::fs::write(&path, text).unwrap();
    let (settings, reference) = Settings::load(&LoadOptions {
        file: Some(path),
        env: Some(Default::default()),
    })
    .unwrap();
    Service::with_http_policy(
        settings,
        reference,
        HttpPolicy {
            timeout: Duration::from_millis(700),
            attempts: 2,
            backoff: Duration::from_millis(20),
        },
    )
}

/// A report run at `now`, generated at [`gen`].
fn report_run(
    period: Period,
    trigger: Trigger,
    selection: Selection,
    send: SendMode,
    as_of: AsOf,
    now: DateTime<Utc>,
) -> ReportRun {
    ReportRun {
        period,
        span: woonmonitor::domain::Span::Month,
        trigger,
        selection,
        send,
        as_of,
        now,
        generated_at: gen(),
    }
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn ticks_follow_local_time_across_dst_and_catch_up_once() {
    let dir = tempfile::tempdir().unwrap();
    let s = service(dir.path(), None);
    let rt = rt();
    let tick = |now: &str| rt.block_on(s.tick(utc(now), gen())).unwrap();
    // Saturday 24 October 2026, 06:00 CEST = 04:00 UTC: the pull fires (and, the first time,
    // the September reports are caught up).
    let first = tick("2026-10-24T04:00:20Z");
    assert!(first.iter().any(|s| s.starts_with("pull run")), "{first:?}");
    assert!(first.iter().any(|s| s.contains("for 2026-09")), "{first:?}");
    assert!(
        tick("2026-10-24T04:01:00Z").is_empty(),
        "same fire time: nothing again"
    );
    // Sunday 25 October after the switch to CET: 06:00 local is 05:00 UTC, not 04:00.
    assert!(
        tick("2026-10-25T04:30:00Z").is_empty(),
        "04:30 UTC is 05:30 CET: not yet"
    );
    let t = tick("2026-10-25T05:00:30Z");
    assert_eq!(t.len(), 1, "{t:?}");
    assert!(t[0].starts_with("pull run"));
    // 1 November 07:00 CET = 06:00 UTC: the October reports, once.
    assert!(!tick("2026-11-01T05:59:00Z")
        .iter()
        .any(|s| s.contains("report")));
    let t = tick("2026-11-01T06:00:10Z");
    assert!(
        t.iter()
            .any(|s| s.contains("report run") && s.contains("2026-10")),
        "{t:?}"
    );
    assert!(tick("2026-11-01T06:01:00Z").is_empty());
    // Down from 2 November to 5 December: one pull and one (catch-up) report, not one per tick.
    let t = tick("2026-12-05T10:00:00Z");
    assert_eq!(
        t.iter().filter(|s| s.starts_with("pull run")).count(),
        1,
        "{t:?}"
    );
    assert_eq!(
        t.iter().filter(|s| s.contains("report run")).count(),
        1,
        "{t:?}"
    );
    assert!(t.iter().any(|s| s.contains("2026-11")));
    let store = s.store().unwrap();
    let runs = store.runs(100).unwrap();
    let reports: Vec<_> = runs.iter().filter(|r| r.kind == RunKind::Report).collect();
    assert_eq!(reports.len(), 3);
    assert_eq!(reports[0].trigger, Trigger::CatchUp);
    assert_eq!(reports[1].trigger, Trigger::Scheduled);
    // Spring 2027: 28 March 06:00 CEST = 04:00 UTC.
    let t = tick("2027-03-28T04:00:05Z");
    assert!(t.iter().any(|s| s.starts_with("pull run")), "{t:?}");
    assert!(tick("2027-03-28T05:00:05Z")
        .iter()
        .all(|s| !s.starts_with("pull run")));
}

/// A tiny HTTP server on loopback; `mode` chooses the behaviour per request.
struct Http {
    port: u16,
    mode: Arc<AtomicUsize>,
    hits: Arc<AtomicUsize>,
}

const OK: usize = 0;
const FAIL_500: usize = 1;
const HANG: usize = 2;
const TRUNCATE: usize = 3;

fn http_server(body: Vec<u8>) -> Http {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mode = Arc::new(AtomicUsize::new(OK));
    let hits = Arc::new(AtomicUsize::new(0));
    let (m, h) = (mode.clone(), hits.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let body = body.clone();
            let mode = m.load(Ordering::SeqCst);
            h.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let n = stream.read(&mut buf).unwrap_or(0);
                let req = String::from_utf8_lossy(&buf[..n]).to_string();
                let etag = "\"v1\"";
                let resp: Vec<u8> = match mode {
                    OK if req.contains(&format!("If-None-Match: {etag}")) || req.contains(&format!("if-none-match: {etag}")) => {
                        b"HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n".to_vec()
                    }
                    OK => [format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nETag: {etag}\r\nConnection: close\r\n\r\n", body.len()).into_bytes(), body].concat(),
                    FAIL_500 => b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\nConnection: close\r\n\r\nerror".to_vec(),
                    HANG => {
                        std::thread::sleep(Duration::from_secs(5));
                        return;
                    }
                    _ => [format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).into_bytes(), body[..body.len() / 2].to_vec()].concat(),
                };
                let _ = stream.write_all(&resp);
                let _ = stream.flush();
            });
        }
    });
    Http { port, mode, hits }
}

#[test]
fn http_source_failures_keep_the_last_good_snapshot() {
    let body = std::fs::read(root().join("tests/fixtures/small/applications.csv")).unwrap();
    let server = http_server(body);
    let dir = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{}/export/applications.csv", server.port);
    let s = service(dir.path(), Some(url));
    let rt = rt();
    let now = utc("2026-04-10T05:00:00Z");
    let first = rt.block_on(s.pull(Trigger::Manual, now)).unwrap();
    let store = s.store().unwrap();
    assert_eq!(store.run(first).unwrap().status, RunStatus::Succeeded);
    let (good, _) = store.latest_snapshot("applications").unwrap().unwrap();
    assert_eq!(good.etag.as_deref(), Some("\"v1\""));
    // Unchanged: the server answers 304 to If-None-Match.
    let again = rt.block_on(s.pull(Trigger::Manual, now)).unwrap();
    assert_eq!(store.run(again).unwrap().status, RunStatus::Succeeded);
    assert_eq!(
        store.latest_snapshot("applications").unwrap().unwrap().0.id,
        good.id
    );

    for (mode, what) in [(FAIL_500, "500"), (HANG, "did not answer"), (TRUNCATE, "")] {
        server.mode.store(mode, Ordering::SeqCst);
        let before = server.hits.load(Ordering::SeqCst);
        let id = rt.block_on(s.pull(Trigger::Manual, now)).unwrap();
        let run = store.run(id).unwrap();
        assert_eq!(run.status, RunStatus::Failed, "mode {mode}");
        assert!(
            run.error.as_deref().unwrap_or("").contains(what),
            "{:?}",
            run.error
        );
        assert!(server.hits.load(Ordering::SeqCst) - before >= 2, "retried");
        // The last good snapshot stays in force.
        assert_eq!(
            store.latest_snapshot("applications").unwrap().unwrap().0.id,
            good.id
        );
    }
    // A report run with the source down uses that snapshot and records it.
    let run = rt
        .block_on(s.report(&report_run(
            "2026-03".parse().unwrap(),
            Trigger::Manual,
            Selection::All,
            SendMode::No,
            AsOf::Latest,
            utc("2026-04-10T06:00:00Z"),
        )))
        .unwrap();
    let used = store.run_snapshots(run).unwrap();
    assert!(used.iter().any(|x| x.id == good.id));
    assert_eq!(store.run(run).unwrap().status, RunStatus::Succeeded);
    // Three days later the snapshot is stale: reports are made but held.
    let late = rt
        .block_on(s.report(&report_run(
            "2026-03".parse().unwrap(),
            Trigger::Manual,
            Selection::Region,
            SendMode::Once,
            AsOf::Latest,
            utc("2026-04-13T06:00:00Z"),
        )))
        .unwrap();
    let r = store.run(late).unwrap();
    assert_eq!(r.status, RunStatus::Held);
    assert!(r.hold_reason.unwrap().contains("applications"));
}

#[test]
fn a_past_run_is_regenerated_from_its_own_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    // Sources in a drop folder that changes between runs.
    let drop = dir.path().join("drop");
    std::fs::create_dir(&drop).unwrap();
    for f in ["applications.csv", "deliveries.csv", "commitments.csv"] {
        std::fs::copy(root().join("tests/fixtures/small").join(f), drop.join(f)).unwrap();
    }
    // The fixture's files are named in the configuration by their folder: point it at the drop.
    let s = service(dir.path(), None);
    let fixture = root().join("tests/fixtures/small");
    let (mut settings, reference) = (s.settings().clone(), s.reference().clone());
    std::mem::drop(s);
    settings.sources.applications.0[0].path = drop.join("applications.csv");
    settings.sources.deliveries.0[0].path = drop.join("deliveries.csv");
    assert!(fixture.exists());
    let s = Service::new(settings, reference);
    let rt = rt();
    let now = utc("2026-04-10T05:00:00Z");
    let first = rt
        .block_on(s.report(&report_run(
            "2026-03".parse().unwrap(),
            Trigger::Manual,
            Selection::All,
            SendMode::No,
            AsOf::Latest,
            now,
        )))
        .unwrap();
    // The drop folder gets a new file: an extra home in March.
    let mut dels = std::fs::read_to_string(drop.join("deliveries.csv")).unwrap();
    dels.push_str("w99,Mitros,GM0344,2026-03-15,,\n");
    std::fs::write(drop.join("deliveries.csv"), dels).unwrap();
    rt.block_on(s.pull(Trigger::Manual, now)).unwrap();
    let plan_now = rt.block_on(s.plan(&AsOf::Latest, now)).unwrap();
    let plan_then = rt.block_on(s.plan(&AsOf::Run(first), now)).unwrap();
    let deliveries = |plan: &woonmonitor::ingest::SourcePlan| {
        plan.feeds
            .iter()
            .find(|f| f.name == "deliveries")
            .unwrap()
            .path
            .clone()
    };
    assert_ne!(
        deliveries(&plan_now),
        deliveries(&plan_then),
        "a new snapshot"
    );
    let then = std::fs::read_to_string(deliveries(&plan_then)).unwrap();
    assert!(
        !then.contains("w99"),
        "the first run's snapshot is unchanged"
    );
    assert!(std::fs::read_to_string(deliveries(&plan_now))
        .unwrap()
        .contains("w99"));
}

/// Serves the API of `s` on loopback with a worker of its own; returns the base URL.
async fn serve_api(s: &Service, token: &str, capacity: usize, worker: bool) -> String {
    let queue = Arc::new(Queue::new(capacity));
    let secrets = woonmonitor::config::HttpSecrets {
        api: Some(token.to_string()),
        operators: Vec::new(),
    };
    let app = woonmonitor::service::http::router(s.clone(), queue.clone(), &secrets);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    if worker {
        // The worker: jobs run here, one at a time.
        let s = s.clone();
        tokio::spawn(async move {
            loop {
                let w = queue.next().await;
                worker::execute(&s, &queue, w).await;
            }
        });
    }
    base
}

/// Polls a job until it has finished; returns it.
async fn finished_job(c: &reqwest::Client, base: &str, token: &str, id: i64) -> serde_json::Value {
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

#[test]
fn a_timed_out_run_is_cancelled_and_waited_for_before_the_worker_goes_on() {
    // A national-size region renders for longer than the one-second time-out.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nl");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args([
            "sample-data",
            "--out",
            data.to_str().unwrap(),
            "--municipalities",
            "342",
        ])
        .args([
            "--corporations",
            "60",
            "--years",
            "2",
            "--until",
            "2026-10-31",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut text = std::fs::read_to_string(data.join("config.toml")).unwrap();
    text.push_str(&format!(
        "[state]\ndir = {:?}\n[schedule]\ntimezone = \"Europe/Amsterdam\"\npull = \"0 0 6 * * *\"\nreport_time = \"07:00\"\nreport_day = 1\nrun_timeout_secs = 1\n",
        dir.path().join("state")
    ));
    let cfg = dir.path().join("c.toml");
    std::fs::write(&cfg, text).unwrap();
    let (settings, reference) = Settings::load(&LoadOptions {
        file: Some(cfg),
        env: Some(Default::default()),
    })
    .unwrap();
    let s = Service::new(settings, reference);
    let rt = rt();
    rt.block_on(async {
        let queue = Queue::new(4);
        let (tx, rx) = tokio::sync::oneshot::channel();
        let command = woonmonitor::service::commands::Command::Regenerate {
            period: "2026-10".parse().unwrap(),
            selection: Selection::All,
            send: false,
        };
        worker::execute(&s, &queue, worker::Work::Command { command, reply: tx }).await;
        // When the worker is free again, the pipeline has stopped: the next job cannot start
        // beside it.
        assert!(
            s.pipeline_idle(),
            "the worker waited for the pipeline to stop"
        );
        let result = rx.await.unwrap();
        assert!(
            matches!(result, Err(woonmonitor::service::ServiceError::TimedOut(_))),
            "{result:?}"
        );
    });
    let store = s.store().unwrap();
    let run = store
        .runs(10)
        .unwrap()
        .into_iter()
        .find(|r| r.kind == RunKind::Report)
        .unwrap();
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(
        run.failure,
        Some(woonmonitor::service::store::Failure::TimedOut)
    );
    // Cancelled between documents, before anything was written: no PDF in the archive.
    let archive = dir
        .path()
        .join("state/archive")
        .join(format!("run-{}", run.id));
    let pdfs = walk_pdfs(&archive);
    assert_eq!(pdfs, 0, "no PDF written by the cancelled run");
    assert!(store.run_reports(run.id).unwrap().is_empty());
}

fn walk_pdfs(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().path())
        .map(|p| {
            if p.is_dir() {
                walk_pdfs(&p)
            } else {
                usize::from(p.extension().is_some_and(|x| x == "pdf"))
            }
        })
        .sum()
}

#[test]
fn quarter_and_year_reports_go_with_the_january_run_to_their_own_recipients() {
    let dir = tempfile::tempdir().unwrap();
    let s = service_with(
        dir.path(),
        None,
        "[schedule]\ntimezone = \"Europe/Amsterdam\"\npull = \"0 0 6 * * *\"\nreport_time = \"07:00\"\nreport_day = 1\nrun_timeout_secs = 300\nquarterly = true\nannual = true\n[[recipients]]\naudience = \"region\"\nemail = \"raad@example.nl\"\nreports = [\"quarter\", \"year\"]\n",
    );
    let rt = rt();
    let tick = |now: &str| rt.block_on(s.tick(utc(now), gen())).unwrap();
    // 1 November: October's run only (no quarter ended with October).
    let t = tick("2026-11-01T06:00:10Z");
    assert!(t.iter().any(|x| x.contains("for 2026-10")), "{t:?}");
    assert!(
        !t.iter().any(|x| x.contains("Q") || x.ends_with("for 2026")),
        "{t:?}"
    );
    // 1 January 07:00 CET: December's run, then the fourth quarter and the year 2026.
    let t = tick("2027-01-01T06:00:10Z");
    for label in ["for 2026-12", "for 2026-Q4", "for 2026"] {
        assert!(
            t.iter()
                .any(|x| x.starts_with("report run") && x.ends_with(label)),
            "{label} in {t:?}"
        );
    }
    assert!(tick("2027-01-01T06:01:00Z").is_empty(), "once");
    assert!(tick("2027-01-01T06:30:00Z").is_empty(), "once");
    // Each address gets what it asked for: the region's monthly address the months, the
    // council the quarter and the year.
    let conn = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let mails: Vec<(String, String, String)> = conn
        .prepare("SELECT recipient, subject, dedup_key FROM outbox ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let to = |who: &str| -> Vec<&str> {
        mails
            .iter()
            .filter(|m| m.0 == who)
            .map(|m| m.2.as_str())
            .collect()
    };
    assert_eq!(
        to("regio@example.nl"),
        vec![
            "2026-10|region||regio@example.nl",
            "2026-12|region||regio@example.nl"
        ],
        "{mails:?}"
    );
    assert_eq!(
        to("raad@example.nl"),
        vec![
            "2026-Q4|region||raad@example.nl",
            "2026|region||raad@example.nl"
        ],
        "{mails:?}"
    );
    let subjects: Vec<&str> = mails
        .iter()
        .filter(|m| m.0 == "raad@example.nl")
        .map(|m| m.1.as_str())
        .collect();
    assert!(subjects[0].ends_with("4e kwartaal 2026"), "{subjects:?}");
    assert!(subjects[1].ends_with(", 2026"), "{subjects:?}");
    // Published under their own names; the runs say what they cover.
    for f in [
        "2026-Q4/2026-Q4_regio-u16.pdf",
        "2026/2026_regio-u16.pdf",
        "2026-12/2026-12_regio-u16.pdf",
    ] {
        assert!(dir.path().join("out").join(f).exists(), "{f}");
    }
    let runs = s.store().unwrap().runs(100).unwrap();
    let labels: Vec<String> = runs
        .iter()
        .filter(|r| r.kind == RunKind::Report)
        .filter_map(|r| r.label.clone())
        .collect();
    for l in ["2026-10", "2026-12", "2026-Q4", "2026"] {
        assert!(labels.iter().any(|x| x == l), "{l} in {labels:?}");
    }
}

const QUARTERLY: &str = "[schedule]\ntimezone = \"Europe/Amsterdam\"\npull = \"0 0 6 * * *\"\nreport_time = \"07:00\"\nreport_day = 1\nrun_timeout_secs = 300\nquarterly = true\nannual = true\n[[recipients]]\naudience = \"region\"\nemail = \"raad@example.nl\"\nreports = [\"quarter\", \"year\"]\n";

#[test]
fn a_quarter_or_year_is_regenerated_on_demand_with_the_same_scopes_and_send_rules() {
    // Regression: `regenerate --period 2026-Q3` was refused as a malformed period; the API and
    // the console took months only.
    use woonmonitor::service::commands::{Command, Outcome};
    let dir = tempfile::tempdir().unwrap();
    let s = service_with(dir.path(), None, QUARTERLY);
    let rt = rt();
    let regenerate = |period: &str, selection: Selection, send: bool| {
        let command = Command::Regenerate {
            period: period.parse().unwrap(),
            selection,
            send,
        };
        match rt
            .block_on(s.perform(
                &command,
                Trigger::Manual,
                utc("2026-11-10T09:00:00Z"),
                gen(),
            ))
            .unwrap()
        {
            Outcome::Regenerated { run, reports, .. } => (run, reports),
            o => panic!("{o:?}"),
        }
    };
    // The scheduled runs first (they pull the snapshots): September, then the third quarter.
    let t = rt
        .block_on(s.tick(utc("2026-10-01T05:00:10Z"), gen()))
        .unwrap();
    assert!(
        t.iter()
            .any(|x| x.starts_with("report run") && x.ends_with("for 2026-Q3")),
        "{t:?}"
    );
    let conn = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let mails = || -> Vec<(String, String)> {
        conn.prepare("SELECT recipient, dedup_key FROM outbox ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let before = mails().len();
    let (run, reports) = regenerate("2026-Q3", Selection::Region, true);
    assert_eq!(run.span, woonmonitor::domain::Span::Quarter);
    assert_eq!(run.label.as_deref(), Some("2026-Q3"));
    assert_eq!(reports.len(), 1);
    assert!(
        reports[0].path.ends_with("2026-Q3_regio-u16.pdf"),
        "{}",
        reports[0].path
    );
    // Sent again to whoever gets quarters (the council), not to a monthly address.
    let new: Vec<(String, String)> = mails().into_iter().skip(before).collect();
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(new[0].0, "raad@example.nl");
    assert!(
        new[0].1.starts_with("2026-Q3|region||raad@example.nl"),
        "{new:?}"
    );
    // A year, one municipality, without sending.
    let (run, reports) = regenerate("2025", Selection::Municipality("GM0344".into()), false);
    assert_eq!(run.label.as_deref(), Some("2025"));
    assert_eq!(reports.len(), 1);
    assert!(reports[0]
        .path
        .ends_with("2025_gemeente-utrecht_GM0344.pdf"));
    assert_eq!(mails().len(), before + 1);
}

#[test]
fn a_quarter_run_that_keeps_killing_the_process_is_given_up_like_a_month() {
    // Regression: the crash-loop guard counted month runs only; an interrupted quarter run was
    // tried again every 15 minutes for ever.
    let dir = tempfile::tempdir().unwrap();
    let s = service_with(dir.path(), None, QUARTERLY);
    let rt = rt();
    // September's own run went out; then three quarter runs were cut short by a crash.
    let t = rt
        .block_on(s.tick(utc("2026-10-01T05:00:10Z"), gen()))
        .unwrap();
    assert!(t.iter().any(|x| x.ends_with("for 2026-Q3")), "{t:?}");
    let store = s.store().unwrap();
    let quarter_run = |r: &woonmonitor::service::store::Run| r.label.as_deref() == Some("2026-Q3");
    let first = store
        .runs(50)
        .unwrap()
        .into_iter()
        .find(quarter_run)
        .unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    conn.execute(
        "UPDATE runs SET status = 'failed', failure = 'interrupted', error = 'interrupted' WHERE id = ?1",
        [first.id],
    )
    .unwrap();
    for i in 0..2 {
        conn.execute(
            "INSERT INTO runs (kind, trigger, period, started_at, finished_at, status, failure, error, span)
             VALUES ('report', 'scheduled', '2026-09', ?1, ?1, 'failed', 'interrupted', 'interrupted', 'quarter')",
            [format!("2026-10-01T05:{:02}:00.000Z", 20 + i)],
        )
        .unwrap();
    }
    let t = rt
        .block_on(s.tick(utc("2026-10-01T05:40:00Z"), gen()))
        .unwrap();
    assert!(
        t.iter()
            .any(|x| x.starts_with("report for 2026-Q3 given up")),
        "{t:?}"
    );
    let given_up = store
        .runs(50)
        .unwrap()
        .into_iter()
        .find(|r| {
            quarter_run(r)
                && r.error
                    .as_deref()
                    .is_some_and(|e| e.starts_with("given up"))
        })
        .expect("a given-up quarter run");
    assert!(given_up
        .error
        .unwrap()
        .contains("woonmonitor regenerate --period 2026-Q3 --send"));
    // Not tried again, however long it waits.
    for now in ["2026-10-01T06:00:00Z", "2026-10-02T05:00:00Z"] {
        let t = rt.block_on(s.tick(utc(now), gen())).unwrap();
        assert!(!t.iter().any(|x| x.contains("2026-Q3")), "{now}: {t:?}");
    }
}

#[test]
fn the_api_regenerates_a_quarter() {
    // Regression: POST /regenerate answered 400 "period \"2026-Q3\" is not YYYY-MM".
    let dir = tempfile::tempdir().unwrap();
    let s = service_with(dir.path(), None, QUARTERLY);
    let token = "api-quarter-token-0123456789abcdef".to_string();
    let rt = rt();
    rt.block_on(s.tick(utc("2026-10-01T05:00:10Z"), gen()))
        .unwrap();
    rt.block_on(async move {
        let base = serve_api(&s, &token, 4, true).await;
        let c = reqwest::Client::new();
        let r = c
            .post(format!("{base}/regenerate"))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "period": "2026-Q3", "region": true }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 202);
        let job: serde_json::Value = r.json().await.unwrap();
        assert_eq!(job["request"]["period"], "2026-Q3");
        let done = finished_job(&c, &base, &token, job["id"].as_i64().unwrap()).await;
        assert_eq!(done["status"], "succeeded", "{done}");
        let run = s
            .store()
            .unwrap()
            .run(done["run"].as_i64().unwrap())
            .unwrap();
        assert_eq!(run.label.as_deref(), Some("2026-Q3"));
        let r = c
            .post(format!("{base}/regenerate"))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "period": "2026-Q5" }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        assert!(r.text().await.unwrap().contains("YYYY-Qn for a quarter"));
    });
}
