//! Quarters and years in the service, with an injected clock: the January run that also makes
//! the fourth quarter and the year for their own recipients, a quarter or a year regenerated on
//! demand (the library and the API), and the crash-loop guard for quarter runs.

use woonmonitor::service::Selection;
use woonmonitor::store::{RunKind, Trigger};

use crate::service::{gen, rt, service_with, utc};
use crate::service_api::{finished_job, serve_api};

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
    let quarter_run = |r: &woonmonitor::store::Run| r.label.as_deref() == Some("2026-Q3");
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
