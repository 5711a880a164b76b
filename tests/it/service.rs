//! The service through the library with an injected clock: scheduler ticks across DST and
//! catch-up, HTTP sources on loopback (500, hang, truncated body, ETag), snapshots and `--as-of`,
//! and a run that outlives its time-out. The operators' API over real HTTP is in `service_api`,
//! quarters and years in `service_periods`.

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
use woonmonitor::service::worker::{self, Queue};
use woonmonitor::service::{Selection, Service};
use woonmonitor::store::{RunKind, RunStatus, Trigger};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

pub(crate) fn gen() -> NaiveDateTime {
    "2026-11-01T07:00:00".parse().unwrap()
}

/// A service whose sources are the small fixture (or URLs), state and output in `dir`.
pub(crate) fn service(dir: &Path, applications_url: Option<String>) -> Service {
    service_with(dir, applications_url, "")
}

/// [`service`] with more configuration (sections the base does not have) at the end.
pub(crate) fn service_with(dir: &Path, applications_url: Option<String>, extra: &str) -> Service {
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
pub(crate) fn report_run(
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

pub(crate) fn rt() -> tokio::runtime::Runtime {
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
        let queue = std::sync::Arc::new(Queue::new(4));
        let (tx, rx) = tokio::sync::oneshot::channel();
        let command = woonmonitor::service::commands::Command::Regenerate {
            period: "2026-10".parse().unwrap(),
            selection: Selection::All,
            send: false,
        };
        let work = worker::Work::Command { command, reply: tx };
        worker::run(
            s.clone(),
            queue.clone(),
            work,
            tokio::sync::oneshot::channel().1,
        )
        .await;
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
    assert_eq!(run.failure, Some(woonmonitor::store::Failure::TimedOut));
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
