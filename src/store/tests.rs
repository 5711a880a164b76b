use super::migrations::MIGRATIONS;
use super::*;
use crate::domain::{Audience, AudienceKind, Selection};
use chrono::{DateTime, Utc};
use rusqlite::Connection;

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
        .start_run(
            RunKind::Report,
            Trigger::Scheduled,
            Some(period()),
            &Selection::All,
            now(),
        )
        .unwrap();
    (s, run)
}

fn report(audience: Audience, mails: Vec<NewMail>) -> NewReport {
    NewReport {
        forecast: None,
        annex_sha256: None,
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
        body_html: None,
    }
}

#[test]
fn migrations_run_once_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.sqlite");
    let s = Store::open(&p).unwrap();
    assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
    let id = s
        .start_run(
            RunKind::Report,
            Trigger::Manual,
            Some(period()),
            &Selection::All,
            now(),
        )
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

/// The due mails, claimed by `owner` one by one (and put back as they were).
fn due(s: &Store) -> Vec<OutboxRow> {
    let mut out = Vec::new();
    let mut after = 0;
    while let Some(row) = s
        .claim_mail("peek", after, now(), now() + chrono::Duration::minutes(10))
        .unwrap()
    {
        after = row.id;
        s.mark_retry(row.id, "peek", "", now()).unwrap();
        out.push(row);
    }
    out
}

#[test]
fn a_mail_is_queued_once_per_dedup_key() {
    let dir = tempfile::tempdir().unwrap();
    let (s, run) = store_with_run(&dir);
    let report = report(Audience::Region, vec![mail("2026-10|region||a@b.nl")]);
    let n = s
        .complete_report_run(
            run,
            std::slice::from_ref(&report),
            RunOutcome::Succeeded,
            &[],
            &[],
            now(),
        )
        .unwrap();
    assert_eq!(n, 1);
    let run2 = s
        .start_run(
            RunKind::Report,
            Trigger::CatchUp,
            Some(period()),
            &Selection::All,
            now(),
        )
        .unwrap();
    let n = s
        .complete_report_run(run2, &[report], RunOutcome::Succeeded, &[], &[], now())
        .unwrap();
    assert_eq!(
        n, 0,
        "the same report for the same recipient is not queued twice"
    );
    let due = due(&s);
    assert_eq!(due.len(), 1);
    assert!(due[0].message_id.starts_with("<woonmonitor."));
    assert!(due[0].report_id.is_some());
    // An alert has no report.
    assert!(s.queue_mail(run2, &mail("alert|1"), now()).unwrap());
    assert!(!s.queue_mail(run2, &mail("alert|1"), now()).unwrap());
    assert_eq!(self::due(&s)[1].report_id, None);
}

#[test]
fn reports_mails_and_outcome_are_one_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let (s, run) = store_with_run(&dir);
    // A mail whose key is not unique within the run makes the insert of the second report's
    // row fail? No: duplicates are skipped. A report with an audience the CHECK refuses does.
    let ok = report(Audience::Region, vec![mail("a")]);
    let mut broken = report(Audience::Corporation("X".into()), vec![mail("b")]);
    broken.sha256 = "abc".into();
    // Force a failure inside the transaction: the outcome refers to the run, a held reason on a
    // run that does not exist is fine, so break the reports table instead.
    s.conn.execute_batch("DROP INDEX reports_period; CREATE TRIGGER refuse BEFORE INSERT ON reports WHEN NEW.audience_kind = 'corporation' BEGIN SELECT RAISE(ABORT, 'refused'); END;").unwrap();
    let err = s.complete_report_run(
        run,
        &[ok, broken],
        RunOutcome::Held { reason: "x" },
        &[mail("held|1")],
        &[],
        now(),
    );
    assert!(err.is_err());
    assert!(s.run_reports(run).unwrap().is_empty(), "no report recorded");
    assert!(s.outbox(None).unwrap().is_empty(), "no mail queued");
    assert_eq!(
        s.run(run).unwrap().status,
        RunStatus::Running,
        "outcome not set"
    );
}

#[test]
fn held_mails_wait_for_release() {
    let dir = tempfile::tempdir().unwrap();
    let (s, run) = store_with_run(&dir);
    let report = report(Audience::Municipality("GM0344".into()), vec![mail("k")]);
    s.complete_report_run(
        run,
        &[report],
        RunOutcome::Held {
            reason: "too many rejected rows",
        },
        &[mail("held|run")],
        &[],
        now(),
    )
    .unwrap();
    assert_eq!(s.run(run).unwrap().status, RunStatus::Held);
    let due_now: Vec<String> = due(&s).into_iter().map(|m| m.subject).collect();
    assert_eq!(due_now.len(), 1, "only the operator's alert is due");
    assert_eq!(s.release(run, now()).unwrap(), 1);
    assert_eq!(due(&s).len(), 2);
    assert!(
        matches!(s.release(run, now()), Err(StoreError::NotHeld { .. })),
        "a released run is no longer held"
    );
}

#[test]
fn a_claimed_mail_belongs_to_its_owner_until_its_lease_ends() {
    let dir = tempfile::tempdir().unwrap();
    let (s, run) = store_with_run(&dir);
    s.queue_mail(run, &mail("m1"), now()).unwrap();
    let lease = now() + chrono::Duration::minutes(10);
    let mine = s.claim_mail("a", 0, now(), lease).unwrap().unwrap();
    assert_eq!(mine.status, MailStatus::Sending);
    assert!(
        s.claim_mail("b", 0, now(), lease).unwrap().is_none(),
        "a live claim is never taken"
    );
    assert!(
        !s.mark_sent(mine.id, "b", now()).unwrap(),
        "only the owner settles"
    );
    // After the lease a dead owner's row is claimed again.
    let later = lease + chrono::Duration::seconds(1);
    let taken = s
        .claim_mail("b", 0, later, later + chrono::Duration::minutes(10))
        .unwrap()
        .unwrap();
    assert_eq!(taken.id, mine.id);
    assert_eq!(taken.attempts, 2);
    assert!(
        !s.mark_sent(mine.id, "a", now()).unwrap(),
        "the old owner lost it"
    );
    assert!(s.mark_sent(mine.id, "b", later).unwrap());
    assert_eq!(s.mail(mine.id).unwrap().status, MailStatus::Sent);
}

#[test]
fn failed_mails_are_queued_again_and_unsent_ones_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let (s, run) = store_with_run(&dir);
    for k in ["m1", "m2", "m3"] {
        s.queue_mail(run, &mail(k), now()).unwrap();
    }
    let lease = now() + chrono::Duration::minutes(10);
    for _ in 0..2 {
        let m = s.claim_mail("a", 0, now(), lease).unwrap().unwrap();
        s.mark_failed(m.id, "a", "550 no such user").unwrap();
    }
    assert!(matches!(
        s.requeue_failed(Some(3), now()),
        Err(StoreError::MailNotFailed { .. })
    ));
    assert_eq!(s.requeue_failed(Some(1), now()).unwrap(), 1);
    assert_eq!(s.requeue_failed(None, now()).unwrap(), 1);
    assert_eq!(s.count_mails(MailStatus::Pending).unwrap(), 3);
    s.cancel_mail(3).unwrap();
    assert_eq!(s.mail(3).unwrap().status, MailStatus::Cancelled);
    let m = s.claim_mail("a", 0, now(), lease).unwrap().unwrap();
    s.mark_sent(m.id, "a", now()).unwrap();
    assert!(matches!(
        s.cancel_mail(m.id),
        Err(StoreError::MailNotCancellable { .. })
    ));
}

#[test]
fn only_complete_scheduled_runs_satisfy_the_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("s.sqlite")).unwrap();
    let done = |trigger, scope: Selection| {
        let id = s
            .start_run(RunKind::Report, trigger, Some(period()), &scope, now())
            .unwrap();
        s.finish_run(id, RunOutcome::Succeeded, now()).unwrap();
        id
    };
    done(Trigger::Manual, Selection::Municipality("GM0344".into()));
    done(Trigger::Manual, Selection::All);
    done(Trigger::Api, Selection::All);
    done(Trigger::Scheduled, Selection::Region);
    assert_eq!(s.period_reported(period()).unwrap(), None);
    let id = done(Trigger::CatchUp, Selection::All);
    assert_eq!(s.period_reported(period()).unwrap(), Some(id));
}

#[test]
fn interruptions_in_a_row_are_counted_back_from_the_latest() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("s.sqlite")).unwrap();
    let end = |failure| {
        let id = s
            .start_run(
                RunKind::Report,
                Trigger::Scheduled,
                Some(period()),
                &Selection::All,
                now(),
            )
            .unwrap();
        s.finish_run(
            id,
            RunOutcome::Failed {
                failure,
                error: "x",
            },
            now(),
        )
        .unwrap();
    };
    end(Failure::Interrupted);
    end(Failure::Error);
    end(Failure::Interrupted);
    end(Failure::Interrupted);
    assert_eq!(s.interrupted_in_a_row(period()).unwrap(), 2);
    end(Failure::TimedOut);
    assert_eq!(s.interrupted_in_a_row(period()).unwrap(), 0);
}

#[test]
fn a_recent_failure_is_found_but_not_an_interruption() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("s.sqlite")).unwrap();
    let at = |m: i64| now() + chrono::Duration::minutes(m);
    let run = s
        .start_run(
            RunKind::Report,
            Trigger::Scheduled,
            Some(period()),
            &Selection::All,
            at(0),
        )
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
        .start_run(
            RunKind::Report,
            Trigger::Scheduled,
            Some(period()),
            &Selection::All,
            at(2),
        )
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

#[test]
fn processes_opening_a_new_store_at_once_migrate_it_once() {
    // Regression: a daemon and an operator command that opened a new store together both ran
    // the migrations ("table outbox_new has 13 columns but 15 values were supplied").
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.sqlite");
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let p = p.clone();
                std::thread::spawn(move || Store::open(&p).map(|s| s.schema_version().unwrap()))
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap().unwrap(), MIGRATIONS.len() as i64);
        }
    }
}

#[test]
fn writers_on_two_connections_wait_for_each_other_instead_of_failing_busy() {
    // Regression: a regenerate through the API failed with "database is locked" (500) while the
    // worker wrote a pull run: a deferred transaction that reads, then writes, cannot wait for
    // the lock once another connection has written in between.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    Store::open(&path).unwrap();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let s = Store::open(&path).unwrap();
                for i in 0..150 {
                    let key = format!("w{w}-{i}");
                    s.create_job("regenerate", "{}", Some(&key), "test", now())
                        .unwrap_or_else(|e| panic!("writer {w}, job {i}: {e}"));
                    s.start_run(RunKind::Pull, Trigger::Manual, None, &Selection::All, now())
                        .unwrap_or_else(|e| panic!("writer {w}, run {i}: {e}"));
                }
            })
        })
        .collect();
    for t in writers {
        t.join().unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert!(s.job_by_key("w1-149").unwrap().is_some());
}

#[test]
fn a_store_from_a_newer_version_is_refused_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    Store::open(&path).unwrap();
    let newer = migrations::MIGRATIONS.len() as i64 + 1;
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();
    let e = Store::open(&path).expect_err("refused");
    let text = e.to_string();
    assert!(matches!(e, StoreError::Newer { .. }), "{text}");
    assert!(text.contains(&format!("schema version {newer}")), "{text}");
    // Untouched: the version is still the newer one.
    let v: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, newer);
}
