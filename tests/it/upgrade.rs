//! Upgrades: a state store of every earlier schema version (the fixtures in
//! `tests/fixtures/stores/`, made by `make.py` with the migrations as they stood at each version
//! and filled with representative rows) is opened by today's program. Nothing is lost: runs,
//! reports, mails with their de-duplication keys and states (so nothing is mailed again), jobs,
//! audit rows and the schedule; every row reads back through today's types; a copy of the store
//! as it was is kept before the migration. A store from a newer version is refused.

use crate::support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use woonmonitor::store::{MailStatus, RunKind, Store};

fn fixtures() -> Vec<(i64, PathBuf)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stores");
    let mut out: Vec<(i64, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            let n = p
                .file_name()?
                .to_str()?
                .strip_prefix('v')?
                .strip_suffix(".sqlite")?
                .parse()
                .ok()?;
            Some((n, p))
        })
        .collect();
    out.sort();
    out
}

fn user_version(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

/// Rows as plain text, read with SQL (before the program touches the store).
fn rows(path: &Path, sql: &str) -> BTreeSet<String> {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut st = c.prepare(sql).unwrap();
    let n = st.column_count();
    st.query_map([], |r| {
        Ok((0..n)
            .map(|i| match r.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Null => "NULL".to_string(),
                rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                rusqlite::types::ValueRef::Real(v) => v.to_string(),
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                rusqlite::types::ValueRef::Blob(_) => "blob".to_string(),
            })
            .collect::<Vec<_>>()
            .join("|"))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn has_table(path: &Path, table: &str) -> bool {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
        == 1
}

#[test]
fn a_store_of_every_earlier_version_migrates_without_losing_anything() {
    let all = fixtures();
    let latest = all.last().unwrap().0;
    assert!(all.len() >= 9, "a fixture for every version: {all:?}");
    for (i, (n, _)) in all.iter().enumerate() {
        assert_eq!(*n, i as i64 + 1, "no version is missing");
    }
    for (n, fixture) in &all {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("woonmonitor.sqlite");
        std::fs::copy(fixture, &path).unwrap();
        assert_eq!(user_version(&path), *n);
        let runs = rows(&path, "SELECT id, kind, trigger, period, status FROM runs");
        let reports = rows(
            &path,
            "SELECT id, run_id, period, path, sha256 FROM reports",
        );
        let mails = rows(
            &path,
            "SELECT id, dedup_key, recipient, message_id, sent_at FROM outbox",
        );
        let states = rows(&path, "SELECT id, status FROM outbox");
        let fires = rows(&path, "SELECT * FROM schedule_state");
        let jobs = has_table(&path, "jobs").then(|| {
            rows(
                &path,
                "SELECT id, idempotency_key, status, request FROM jobs",
            )
        });
        let audit = has_table(&path, "audit").then(|| {
            rows(
                &path,
                "SELECT actor, action, run_id, job_id, mail_id FROM audit",
            )
        });

        let store = Store::open(&path).unwrap_or_else(|e| panic!("v{n}: {e}"));
        assert_eq!(user_version(&path), latest, "v{n} is brought up to date");

        // The same rows, read with SQL…
        assert_eq!(
            rows(&path, "SELECT id, kind, trigger, period, status FROM runs"),
            runs,
            "v{n}: runs"
        );
        assert_eq!(
            rows(
                &path,
                "SELECT id, run_id, period, path, sha256 FROM reports"
            ),
            reports,
            "v{n}: reports"
        );
        assert_eq!(
            rows(
                &path,
                "SELECT id, dedup_key, recipient, message_id, sent_at FROM outbox"
            ),
            mails,
            "v{n}: mails and their de-duplication keys"
        );
        // (a mail caught 'sending' by the version 3 migration is sent again, by design: it was
        // never confirmed; every other state stays.)
        let expected_states: BTreeSet<String> = states
            .iter()
            .map(|s| {
                if *n < 3 {
                    s.replace("|sending", "|pending")
                } else {
                    s.clone()
                }
            })
            .collect();
        assert_eq!(
            rows(&path, "SELECT id, status FROM outbox"),
            expected_states,
            "v{n}"
        );
        assert_eq!(rows(&path, "SELECT * FROM schedule_state"), fires, "v{n}");
        if let Some(jobs) = jobs {
            assert_eq!(
                rows(
                    &path,
                    "SELECT id, idempotency_key, status, request FROM jobs"
                ),
                jobs,
                "v{n}: jobs"
            );
        }
        if let Some(audit) = audit {
            assert_eq!(
                rows(
                    &path,
                    "SELECT actor, action, run_id, job_id, mail_id FROM audit"
                ),
                audit,
                "v{n}: audit"
            );
        }

        // …and through today's types.
        let typed = store.runs(200).unwrap();
        assert_eq!(typed.len(), runs.len(), "v{n}");
        let outbox = store.outbox(None).unwrap();
        assert_eq!(outbox.len(), mails.len());
        let sent: Vec<_> = outbox
            .iter()
            .filter(|m| m.status == MailStatus::Sent)
            .collect();
        assert_eq!(sent.len(), 1, "v{n}: the sent mail stays sent");
        assert_eq!(store.reports(None).unwrap().len(), reports.len());
        assert!(store.last_fire(RunKind::Report).unwrap().is_some());
        if *n >= 3 {
            assert_eq!(store.queued_jobs().unwrap().len(), 1, "v{n}");
            assert!(store.job_by_key("key-1").unwrap().is_some());
        }
        if *n >= 6 {
            assert_eq!(store.audit_latest(10).unwrap().len(), 3, "v{n}");
            assert_eq!(store.run_sources(2).unwrap().len(), 1);
        }
        if *n >= 11 {
            assert_eq!(
                store.accounts().unwrap().len(),
                1,
                "v{n}: the portal's account"
            );
            assert!(
                outbox.iter().any(|m| m.run_id.is_none()),
                "v{n}: the sign-in mail of no run"
            );
        }
        if *n >= 14 {
            let now = "2026-09-02T00:00:00Z".parse().unwrap();
            let held = store.held_deliveries(now).unwrap();
            assert_eq!(held.len(), 1, "v{n}: the held delivery");
            assert_eq!(held[0].findings.len(), 1);
            assert_eq!(store.application_decisions().unwrap().len(), 1, "v{n}");
            assert!(store.latest_conflicts().unwrap().is_some(), "v{n}");
        }
        // Nothing is mailed again: queueing the sent mail's key once more adds nothing.
        let queued_again: i64 = rusqlite::Connection::open(&path)
            .unwrap()
            .execute(
                "INSERT OR IGNORE INTO outbox (run_id, dedup_key, recipient, subject, body, status, message_id, next_attempt_at)
                 VALUES (2, '2026-08|municipality|GM0344|griffie@example.nl', 'griffie@example.nl', 's', 'b', 'pending', '<x>', '2026-09-01T00:00:00.000Z')",
                [],
            )
            .unwrap() as i64;
        assert_eq!(queued_again, 0, "v{n}: the de-duplication key still holds");

        // A copy of the store as it was, kept before the migration.
        let backups: Vec<PathBuf> = std::fs::read_dir(dir.path().join("backups"))
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        if *n < latest {
            assert_eq!(backups.len(), 1, "v{n}: {backups:?}");
            assert_eq!(user_version(&backups[0]), *n);
            assert_eq!(
                rows(&backups[0], "SELECT id, status FROM outbox"),
                states,
                "the copy is the store as it was"
            );
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&backups[0]).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "the copy is private");
        } else {
            assert!(backups.is_empty(), "no migration, no copy");
        }
        drop(store);
        // Opening again changes nothing and copies nothing more.
        Store::open(&path).unwrap();
        let again = std::fs::read_dir(dir.path().join("backups"))
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(again, backups.len());
    }
}

#[test]
fn the_daemon_refuses_a_store_made_by_a_newer_version() {
    let all = fixtures();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    std::fs::create_dir_all(&state).unwrap();
    let path = state.join("woonmonitor.sqlite");
    std::fs::copy(&all.last().unwrap().1, &path).unwrap();
    let newer = all.last().unwrap().0 + 1;
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();
    let default = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config/default.toml"),
    )
    .unwrap()
    .replace("dir = \"state\"", &format!("dir = {state:?}"))
    .replace(
        "data/sample/",
        &format!("{}/data/sample/", env!("CARGO_MANIFEST_DIR")),
    );
    let cfg = dir.path().join("c.toml");
    std::fs::write(&cfg, default).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args(["runs", "--config", cfg.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains(&format!("schema version {newer}")) && err.contains("newer woonmonitor"),
        "{err}"
    );
    assert_eq!(user_version(&path), newer, "left as it was");
}

#[test]
fn snapshots_and_archived_reports_of_an_older_version_stay_readable() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    support::copy_dir(
        &root.join("tests/fixtures/state-v8"),
        &dir.path().join("state"),
    );
    std::fs::remove_file(dir.path().join("state/README.md")).unwrap();
    let cfg = dir.path().join("c.toml");
    std::fs::write(
        &cfg,
        std::fs::read_to_string(root.join("config/default.toml"))
            .unwrap()
            .replace("data/sample/", &format!("{}/data/sample/", root.display()))
            .replace("[api]\nenabled = true", "[api]\nenabled = false"),
    )
    .unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
            .args(args)
            .args(["--config", cfg.to_str().unwrap()])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let store = dir.path().join("state/woonmonitor.sqlite");
    assert_eq!(user_version(&store), 8);
    // Checked as it is, before anything migrates it.
    let o = run(&["verify"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(user_version(&store), 8, "verify changes nothing");
    // The documents of run 2 made again from its snapshots.
    let o = run(&[
        "report",
        "--period",
        "2026-10",
        "--as-of",
        "2",
        "--generated-at",
        "2026-11-01T07:00:00",
        "--out",
        "again",
        "--internal",
        "internal",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let made: Vec<PathBuf> = std::fs::read_dir(dir.path().join("again/2026-10"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert_eq!(made.len(), 29, "{made:?}");
    for p in &made {
        assert!(std::fs::read(p).unwrap().starts_with(b"%PDF-"));
        // The same documents as archived (their wording may have changed since).
        let archived = dir
            .path()
            .join("state/archive/run-2/2026-10")
            .join(p.file_name().unwrap());
        assert!(archived.exists(), "{}", archived.display());
    }
    // Migrated on the way, with a copy of the store as it was.
    assert_eq!(user_version(&store), fixtures().last().unwrap().0);
    let copies = std::fs::read_dir(dir.path().join("state/backups"))
        .unwrap()
        .count();
    assert_eq!(copies, 1);
    let o = run(&["verify"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["runs"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("2026-10"));
}
