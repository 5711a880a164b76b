//! The early warning and the backtest, against the real service and binary: the scheduler's
//! month runs replayed with an injected clock on the bundled sample (each run reads only the
//! rows dated up to its day), a scope at risk warned about exactly once a year (also across a
//! restart, a regeneration and the next month's run), no warning before `warning.from_month` or
//! for a year that is over; `woonmonitor backtest` on the sample.

use std::path::Path;

use chrono::{DateTime, NaiveDateTime, Utc};
use woonmonitor::config::{LoadOptions, Settings};
use woonmonitor::service::reporting::ReportRun;
use woonmonitor::service::{Selection, Service};
use woonmonitor::store::Trigger;

use crate::support::*;

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn gen() -> NaiveDateTime {
    "2026-11-01T07:00:00".parse().unwrap()
}

/// The sample's configuration in `dir`, with De Bilt's and Woongoed Zeist's warning addresses.
/// The replay reads the same files every month: every row dated after a run's day is rejected
/// then (so no run is held for that), and the feeds declare `covers_until = "latest"` (with the
/// default, `export`, a file unchanged since April would cover only March, and every later
/// month's figures would rightly be incomplete).
fn config_with_warnings(dir: &Path) -> std::path::PathBuf {
    let cfg = config(
        dir,
        None,
        "[[recipients]]\naudience = \"municipality\"\ncode = \"GM0310\"\nemail = \"debilt@example.nl\"\nreports = [\"warning\"]\n[[recipients]]\naudience = \"corporation\"\ncode = \"Woongoed Zeist\"\nemail = \"wonen@woongoed.example\"\nreports = [\"month\", \"warning\"]\n",
    );
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("max_rejected_share = 0.05", "max_rejected_share = 1.0")
        .lines()
        .map(|l| {
            if l.starts_with("path = ") && l.contains("/feeds/") {
                format!("{l}\ncovers_until = \"latest\"\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect::<String>();
    std::fs::write(&cfg, text).unwrap();
    cfg
}

fn service(cfg: &Path) -> Service {
    let (s, r) = Settings::load(&LoadOptions {
        file: Some(cfg.to_path_buf()),
        env: Some(Default::default()),
    })
    .unwrap();
    Service::new(s, r)
}

/// The warning mails in the outbox: (de-duplication key, subject, body).
fn warnings(dir: &Path) -> Vec<(String, String, String)> {
    let db = rusqlite::Connection::open(dir.join("state/woonmonitor.sqlite")).unwrap();
    let mut st = db
        .prepare("SELECT dedup_key, subject, body FROM outbox WHERE dedup_key LIKE 'warning|%' ORDER BY id")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_scope_at_risk_is_warned_once_a_year_also_across_a_restart_and_a_regeneration() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config_with_warnings(dir.path());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = service(&cfg);
    // 1 April 07:00 CEST: the March reports. Before warning.from_month (4): no warning.
    let t = rt
        .block_on(s.tick(utc("2026-04-01T05:00:30Z"), gen()))
        .unwrap();
    assert!(
        t.iter()
            .any(|l| l.contains("report run") && l.contains("2026-03")),
        "{t:?}"
    );
    assert!(
        warnings(dir.path()).is_empty(),
        "{:?}",
        warnings(dir.path())
    );
    // Nor does the console list scopes at risk for it.
    let db = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let march: String = db
        .query_row(
            "SELECT at_risk FROM runs WHERE period = '2026-03'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(march, "[]");
    drop(db);
    // 1 July: the June reports. De Bilt is more likely than not to end below its lower bound:
    // its warning addresses get one mail, with the sentence and what is needed per month.
    let t = rt
        .block_on(s.tick(utc("2026-07-01T05:00:30Z"), gen()))
        .unwrap();
    assert!(t.iter().any(|l| l.contains("2026-06")), "{t:?}");
    let first = warnings(dir.path());
    let debilt: Vec<_> = first
        .iter()
        .filter(|(k, _, _)| k == "warning|2026|GM0310|debilt@example.nl")
        .collect();
    assert_eq!(debilt.len(), 1, "{first:?}");
    let (_, subject, body) = debilt[0];
    assert!(
        subject.contains("De Bilt") && subject.contains("2026"),
        "{subject}"
    );
    assert!(
        body.contains("Bij het huidige tempo eindigt De Bilt in 2026 tussen")
            && body.contains("kans gehaald")
            && body.contains("per maand nodig"),
        "{body}"
    );
    // Only addresses that take warnings, only for their own scope.
    assert!(
        first
            .iter()
            .all(|(k, _, _)| k.ends_with("|debilt@example.nl")
                || k.ends_with("|wonen@woongoed.example")),
        "{first:?}"
    );
    drop(s);

    // A restart: the same state, the same minute again, then a regeneration of June with
    // mails: no second warning.
    let s = service(&cfg);
    rt.block_on(s.tick(utc("2026-07-01T05:01:30Z"), gen()))
        .unwrap();
    let regen = ReportRun::regeneration(
        "2026-06".parse().unwrap(),
        Trigger::Manual,
        Selection::All,
        true,
        utc("2026-07-01T09:00:00Z"),
        gen(),
    );
    rt.block_on(s.report(&regen)).unwrap();
    assert_eq!(
        warnings(dir.path()),
        first,
        "no second warning after a restart or a regeneration"
    );
    // The next months' runs: no second mail in 2026 for any scope, whether its chance stays
    // up, falls back or rises again.
    for month in ["08", "09", "10", "11", "12"] {
        rt.block_on(s.tick(utc(&format!("2026-{month}-01T05:00:30Z")), gen()))
            .unwrap();
    }
    let after = warnings(dir.path());
    let mut keys: Vec<&String> = after.iter().map(|(k, _, _)| k).collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n, "{after:?}");
    assert_eq!(
        after
            .iter()
            .filter(|(k, _, _)| k.starts_with("warning|2026|GM0310|"))
            .count(),
        1,
        "{after:?}"
    );
    let db = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let recorded: i64 = db
        .query_row(
            "SELECT count(*) FROM forecast_warnings WHERE scope = 'GM0310' AND year = 2026",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(recorded, 1);
    // The console's list: the June run's scopes at risk, De Bilt among them; in August it is
    // still listed (and got no second mail, above).
    let at_risk: String = db
        .query_row(
            "SELECT at_risk FROM runs WHERE kind = 'report' AND period = '2026-06' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(at_risk.contains("\"scope\":\"GM0310\""), "{at_risk}");
    let august: String = db
        .query_row(
            "SELECT at_risk FROM runs WHERE kind = 'report' AND period = '2026-08'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(august.contains("\"scope\":\"GM0310\""), "{august}");
}

#[test]
fn a_year_that_is_over_forecasts_and_warns_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config_with_warnings(dir.path());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = service(&cfg);
    // 1 January 2026 07:00 CET: December 2025's reports, the year complete.
    let t = rt
        .block_on(s.tick(utc("2026-01-01T06:00:30Z"), gen()))
        .unwrap();
    assert!(t.iter().any(|l| l.contains("2025-12")), "{t:?}");
    assert!(warnings(dir.path()).is_empty());
    let db = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let (at_risk, forecasts): (String, i64) = db
        .query_row(
            "SELECT r.at_risk, (SELECT count(*) FROM reports WHERE run_id = r.id AND forecast IS NOT NULL) FROM runs r WHERE r.kind = 'report' ORDER BY r.id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((at_risk.as_str(), forecasts), ("[]", 0));
}

#[test]
fn the_backtest_replays_the_sample_and_beats_the_naive_forecast() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let o = woonmonitor(
        &cfg,
        &[
            "backtest",
            "--from",
            "2022",
            "--to",
            "2025",
            "--run-date",
            "2026-11-20",
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // A line per month 1-11, then April to October together.
    let months: Vec<&str> = out
        .lines()
        .filter(|l| {
            l.split_whitespace()
                .next()
                .is_some_and(|m| m.parse::<u32>().is_ok())
        })
        .collect();
    assert_eq!(months.len(), 11, "{out}");
    let summary = out
        .lines()
        .find(|l| l.starts_with("Apr-Oct"))
        .expect("the summary");
    let cells: Vec<&str> = summary.split_whitespace().collect();
    let coverage: f64 = cells[2].trim_end_matches('%').parse().unwrap();
    let (brier, naive): (f64, f64) = (cells[4].parse().unwrap(), cells[5].parse().unwrap());
    assert!((75.0..=88.0).contains(&coverage), "{summary}");
    assert!(brier <= naive * 0.8, "{summary}");
    // Backwards years are a usage error.
    let o = woonmonitor(&cfg, &["backtest", "--from", "2025", "--to", "2022"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_held_run_superseded_by_a_regeneration_sends_its_early_warnings() {
    // Regression: the July run was held, its warnings recorded with it (held mails); the
    // regeneration that published June found them recorded and sent nothing, so they never
    // went out.
    let dir = tempfile::tempdir().unwrap();
    let cfg = config_with_warnings(dir.path());
    // The scheduled June run held: its data was pulled two days before, 24 hours is the most.
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("max_source_age_hours = 48", "max_source_age_hours = 24");
    std::fs::write(&cfg, text).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = service(&cfg);
    rt.block_on(s.pull(Trigger::Manual, utc("2026-06-29T10:00:00Z")))
        .unwrap();
    let june = woonmonitor::domain::ReportPeriod::month("2026-06".parse().unwrap());
    let scheduled =
        ReportRun::scheduled(june, Trigger::Scheduled, utc("2026-07-01T05:00:30Z"), gen());
    rt.block_on(s.report(&scheduled)).unwrap();
    let held = warnings(dir.path());
    assert!(!held.is_empty(), "the held run recorded its warnings");
    let db = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let status = |db: &rusqlite::Connection| -> Vec<String> {
        db.prepare("SELECT status FROM outbox WHERE dedup_key LIKE 'warning|%'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert!(status(&db).iter().all(|s| s == "held"), "{:?}", status(&db));
    // The regeneration publishes June (the operator accepts the data's age).
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("max_source_age_hours = 24", "max_source_age_hours = 1000");
    std::fs::write(&cfg, text).unwrap();
    let s = service(&cfg);
    let run = ReportRun::regeneration(
        "2026-06".parse().unwrap(),
        Trigger::Manual,
        Selection::All,
        true,
        utc("2026-07-02T09:00:00Z"),
        gen(),
    );
    rt.block_on(s.report(&run)).unwrap();
    assert_eq!(warnings(dir.path()).len(), held.len(), "no second warning");
    assert!(
        status(&db).iter().all(|s| s == "pending"),
        "the superseded run's warnings go out: {:?}",
        status(&db)
    );
}
