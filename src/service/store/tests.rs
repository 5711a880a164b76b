use super::*;
use crate::domain::{Audience, AudienceKind};

fn now() -> DateTime<Utc> {
    "2026-11-01T06:00:00Z".parse().unwrap()
}

fn period() -> crate::domain::Period {
    "2026-10".parse().unwrap()
}

/// A fresh store with one scheduled report run for the period.
fn store_with_run(dir: &tempfile::TempDir) -> (Store, i64) {
    let s = Store::open(&dir.path().join("s.sqlite")).unwrap();
    let run = s
        .start_run(RunKind::Report, Trigger::Scheduled, Some(period()), now())
        .unwrap();
    (s, run)
}

fn report(audience: Audience, mails: Vec<NewMail>) -> NewReport {
    NewReport {
        period: period(),
        audience,
        path: "/x.pdf".into(),
        sha256: "abc".into(),
        mails,
    }
}

fn mail(key: &str) -> NewMail {
    NewMail {
        dedup_key: key.into(),
        recipient: "a@b.nl".into(),
        subject: "s".into(),
        body: "b".into(),
    }
}

#[test]
fn migrations_run_once_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.sqlite");
    let s = Store::open(&p).unwrap();
    assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
    let id = s
        .start_run(RunKind::Report, Trigger::Manual, Some(period()), now())
        .unwrap();
    drop(s);
    let s = Store::open(&p).unwrap();
    assert_eq!(s.run(id).unwrap().status, RunStatus::Running);
    assert_eq!(s.fail_interrupted_runs(now()).unwrap(), 1);
    let run = s.run(id).unwrap();
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(run.failure, Some(Failure::Interrupted));
}

#[test]
fn a_version_1_store_is_migrated_with_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.sqlite");
    {
        let conn = Connection::open(&p).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.execute_batch(
            "INSERT INTO runs (kind, trigger, period, started_at, status, error) VALUES
                ('report', 'scheduled', '2026-09', '2026-10-01T05:00:00.000Z', 'failed', 'interrupted: the process stopped during the run'),
                ('report', 'catch-up', '2026-09', '2026-10-01T05:01:00.000Z', 'failed', 'timed out after 900 s and abandoned'),
                ('report', 'catch-up', '2026-09', '2026-10-01T05:20:00.000Z', 'succeeded', NULL);
             INSERT INTO reports (run_id, period, audience_kind, audience_code, path, sha256, created_at)
                VALUES (3, '2026-09', 'region', '', '/x.pdf', 'ab', '2026-10-01T05:21:00.000Z');
             INSERT INTO outbox (report_id, run_id, dedup_key, recipient, subject, body, status, message_id, next_attempt_at)
                VALUES (1, 3, 'k', 'a@b.nl', 's', 'b', 'sent', '<m>', '2026-10-01T05:21:00.000Z');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let s = Store::open(&p).unwrap();
    assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
    let runs = s.runs(10).unwrap();
    let failures: Vec<_> = runs.iter().map(|r| r.failure).collect();
    assert_eq!(
        failures,
        [None, Some(Failure::TimedOut), Some(Failure::Interrupted)]
    );
    assert_eq!(s.outbox(Some(3)).unwrap()[0].status, MailStatus::Sent);
    assert_eq!(
        s.run_reports(3).unwrap()[0].audience_kind,
        AudienceKind::Region
    );
    // The constraints hold after the migration.
    assert!(s
        .conn
        .execute("UPDATE outbox SET status = 'lost' WHERE id = 1", [])
        .is_err());
    assert!(s
        .conn
        .execute("UPDATE runs SET status = 'failed' WHERE id = 3", [])
        .is_err());
}

#[test]
fn a_mail_is_queued_once_per_dedup_key() {
    let dir = tempfile::tempdir().unwrap();
    let (s, run) = store_with_run(&dir);
    let report = report(Audience::Region, vec![mail("2026-10|region||a@b.nl")]);
    let n = s
        .record_reports(run, std::slice::from_ref(&report), false, now())
        .unwrap();
    assert_eq!(n, 1);
    let run2 = s
        .start_run(RunKind::Report, Trigger::CatchUp, Some(period()), now())
        .unwrap();
    let n = s.record_reports(run2, &[report], false, now()).unwrap();
    assert_eq!(
        n, 0,
        "the same report for the same recipient is not queued twice"
    );
    let due = s.due_mails(now()).unwrap();
    assert_eq!(due.len(), 1);
    assert!(due[0].message_id.starts_with("<woonmonitor."));
    assert!(due[0].report_id.is_some());
    // An alert has no report.
    assert!(s.queue_mail(run2, &mail("alert|1"), now()).unwrap());
    assert!(!s.queue_mail(run2, &mail("alert|1"), now()).unwrap());
    assert_eq!(s.due_mails(now()).unwrap()[1].report_id, None);
}

#[test]
fn held_mails_wait_for_release() {
    let dir = tempfile::tempdir().unwrap();
    let (s, run) = store_with_run(&dir);
    let report = report(Audience::Municipality("GM0344".into()), vec![mail("k")]);
    s.record_reports(run, &[report], true, now()).unwrap();
    s.finish_run(
        run,
        RunOutcome::Held {
            reason: "too many rejected rows",
        },
        now(),
    )
    .unwrap();
    assert!(s.due_mails(now()).unwrap().is_empty());
    assert_eq!(s.release(run, now()).unwrap(), 1);
    assert_eq!(s.due_mails(now()).unwrap().len(), 1);
    assert!(
        matches!(s.release(run, now()), Err(StoreError::NotHeld { .. })),
        "a released run is no longer held"
    );
}

#[test]
fn a_recent_failure_is_found_but_not_an_interruption() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("s.sqlite")).unwrap();
    let at = |m: i64| now() + chrono::Duration::minutes(m);
    let run = s
        .start_run(RunKind::Report, Trigger::Scheduled, Some(period()), at(0))
        .unwrap();
    s.finish_run(
        run,
        RunOutcome::Failed {
            failure: Failure::Interrupted,
            error: "interrupted",
        },
        at(1),
    )
    .unwrap();
    assert!(!s.report_failed_since(period(), at(-15), at(1)).unwrap());
    let run = s
        .start_run(RunKind::Report, Trigger::Scheduled, Some(period()), at(2))
        .unwrap();
    s.finish_run(
        run,
        RunOutcome::Failed {
            failure: Failure::Error,
            error: "no snapshot",
        },
        at(3),
    )
    .unwrap();
    assert!(s.report_failed_since(period(), at(-13), at(3)).unwrap());
    assert!(!s.report_failed_since(period(), at(2), at(20)).unwrap());
}
