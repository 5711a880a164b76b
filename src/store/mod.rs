//! State store: one SQLite file (WAL mode, versioned migrations) holding runs, source snapshots,
//! generated reports, the e-mail outbox and the scheduler's last fire times.
//!
//! Every state change that must survive a crash is one transaction. The outbox has a unique
//! `dedup_key` per (period, audience, recipient) for automatic sends, so a report is queued for a
//! recipient at most once however often the run is retried.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("state store {}: {source}\n  what to do: check that the state folder is writable; a corrupt file can be moved away (the history is lost)", path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{0}")]
    NotFound(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

const MIGRATIONS: &[&str] = &[
    // 1: the initial schema.
    "CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,            -- pull | report
        trigger TEXT NOT NULL,         -- scheduled | catch-up | manual | api
        period TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,          -- running | succeeded | failed | held
        error TEXT,
        hold_reason TEXT,
        released_at TEXT
    );
    CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        path TEXT NOT NULL,
        origin TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        etag TEXT,
        last_modified TEXT,
        UNIQUE (source, sha256)
    );
    CREATE TABLE source_checks (
        source TEXT PRIMARY KEY,
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
        checked_at TEXT NOT NULL
    );
    CREATE TABLE run_snapshots (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
        PRIMARY KEY (run_id, snapshot_id)
    );
    CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        period TEXT NOT NULL,
        audience_kind TEXT NOT NULL,   -- municipality | region | corporation
        audience_code TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX reports_period ON reports(period);
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        report_id INTEGER REFERENCES reports(id),
        run_id INTEGER NOT NULL REFERENCES runs(id),
        dedup_key TEXT NOT NULL UNIQUE,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL,          -- held | pending | sending | sent | failed
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        message_id TEXT NOT NULL,
        next_attempt_at TEXT NOT NULL,
        sent_at TEXT
    );
    CREATE TABLE schedule_state (
        job TEXT PRIMARY KEY,
        last_fire TEXT NOT NULL
    );",
];

/// A row of `runs`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    pub id: i64,
    pub kind: String,
    pub trigger: String,
    pub period: Option<String>,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: String,
    pub error: Option<String>,
    pub hold_reason: Option<String>,
    pub released_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    pub id: i64,
    pub source: String,
    pub sha256: String,
    pub path: String,
    pub origin: String,
    pub fetched_at: String,
    pub bytes: i64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow {
    pub id: i64,
    pub run_id: i64,
    pub period: String,
    pub audience_kind: String,
    pub audience_code: String,
    pub path: String,
    pub sha256: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboxRow {
    pub id: i64,
    pub report_id: Option<i64>,
    pub run_id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub message_id: String,
    pub next_attempt_at: String,
    pub sent_at: Option<String>,
}

/// A new outbox row.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub report_id: Option<i64>,
    pub dedup_key: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

pub fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub fn parse_ts(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating when needed) the store and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let err = |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let mut conn = Connection::open(path).map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(err)?;
        for (i, m) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = conn.transaction().map_err(err)?;
            tx.execute_batch(m).map_err(err)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)
                .map_err(err)?;
            tx.commit().map_err(err)?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    // ---- runs ----

    pub fn start_run(
        &self,
        kind: &str,
        trigger: &str,
        period: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        self.conn
            .execute(
                "INSERT INTO runs (kind, trigger, period, started_at, status) VALUES (?1, ?2, ?3, ?4, 'running')",
                params![kind, trigger, period, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn finish_run(
        &self,
        id: i64,
        status: &str,
        error: Option<&str>,
        hold_reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn
            .execute(
                "UPDATE runs SET status = ?2, error = ?3, hold_reason = ?4, finished_at = ?5 WHERE id = ?1",
                params![id, status, error, hold_reason, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Runs left `running` by a process that died are marked failed (called at start-up).
    pub fn fail_interrupted_runs(&self, now: DateTime<Utc>) -> Result<usize> {
        self.conn
            .execute(
                "UPDATE runs SET status = 'failed', error = 'interrupted: the process stopped during the run', finished_at = ?1 WHERE status = 'running'",
                params![ts(now)],
            )
            .map_err(|e| self.err(e))
    }

    /// Runs still `running` are marked failed with `error` (after a timeout).
    pub fn fail_running(&self, error: &str, now: DateTime<Utc>) -> Result<usize> {
        self.conn
            .execute(
                "UPDATE runs SET status = 'failed', error = ?1, finished_at = ?2 WHERE status = 'running'",
                params![error, ts(now)],
            )
            .map_err(|e| self.err(e))
    }

    /// Per source: when its current snapshot was last confirmed.
    pub fn source_checks(&self) -> Result<Vec<(String, String)>> {
        let mut st = self
            .conn
            .prepare("SELECT source, checked_at FROM source_checks ORDER BY source")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    fn run_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Run> {
        Ok(Run {
            id: r.get(0)?,
            kind: r.get(1)?,
            trigger: r.get(2)?,
            period: r.get(3)?,
            started_at: r.get(4)?,
            finished_at: r.get(5)?,
            status: r.get(6)?,
            error: r.get(7)?,
            hold_reason: r.get(8)?,
            released_at: r.get(9)?,
        })
    }

    const RUN_COLS: &'static str = "id, kind, trigger, period, started_at, finished_at, status, error, hold_reason, released_at";

    pub fn runs(&self, limit: usize) -> Result<Vec<Run>> {
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM runs ORDER BY id DESC LIMIT ?1",
                Self::RUN_COLS
            ))
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![limit as i64], Self::run_from_row)
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    pub fn run(&self, id: i64) -> Result<Run> {
        self.conn
            .query_row(
                &format!("SELECT {} FROM runs WHERE id = ?1", Self::RUN_COLS),
                params![id],
                Self::run_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| {
                StoreError::NotFound(format!(
                    "run {id} does not exist; `woonmonitor runs` lists the runs"
                ))
            })
    }

    /// Whether a report run for `period` has completed (succeeded or held) from any trigger.
    pub fn period_reported(&self, period: &str) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row(
                "SELECT COUNT(*) FROM runs WHERE kind = 'report' AND period = ?1 AND status IN ('succeeded', 'held')",
                params![period],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    pub fn last_successful_run(&self, kind: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT MAX(finished_at) FROM runs WHERE kind = ?1 AND status IN ('succeeded', 'held')",
                params![kind],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    pub fn count_runs(&self, status: &str) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM runs WHERE status = ?1",
                params![status],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Releases a held run: its held mails become pending.
    pub fn release(&self, run_id: i64, now: DateTime<Utc>) -> Result<usize> {
        let run = self.run(run_id)?;
        if run.status != "held" {
            return Err(StoreError::NotFound(format!(
                "run {run_id} is not held (status: {}); only held runs can be released",
                run.status
            )));
        }
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        let n = tx
            .execute("UPDATE outbox SET status = 'pending', next_attempt_at = ?2 WHERE run_id = ?1 AND status = 'held'", params![run_id, ts(now)])
            .map_err(|e| self.err(e))?;
        tx.execute(
            "UPDATE runs SET status = 'succeeded', released_at = ?2 WHERE id = ?1",
            params![run_id, ts(now)],
        )
        .map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(n)
    }

    // ---- snapshots ----

    /// Records a snapshot (or finds the identical one) and marks it as the source's latest check.
    #[allow(clippy::too_many_arguments)]
    pub fn add_snapshot(
        &self,
        source: &str,
        sha256: &str,
        path: &str,
        origin: &str,
        bytes: i64,
        etag: Option<&str>,
        last_modified: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        tx.execute(
            "INSERT INTO snapshots (source, sha256, path, origin, fetched_at, bytes, etag, last_modified)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (source, sha256) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified",
            params![source, sha256, path, origin, ts(now), bytes, etag, last_modified],
        )
        .map_err(|e| self.err(e))?;
        let id: i64 = tx
            .query_row(
                "SELECT id FROM snapshots WHERE source = ?1 AND sha256 = ?2",
                params![source, sha256],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        tx.execute(
            "INSERT INTO source_checks (source, snapshot_id, checked_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (source) DO UPDATE SET snapshot_id = excluded.snapshot_id, checked_at = excluded.checked_at",
            params![source, id, ts(now)],
        )
        .map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(id)
    }

    /// The source's current snapshot and when it was last confirmed (fetched or not modified).
    pub fn latest_snapshot(&self, source: &str) -> Result<Option<(Snapshot, String)>> {
        self.conn
            .query_row(
                "SELECT s.id, s.source, s.sha256, s.path, s.origin, s.fetched_at, s.bytes, s.etag, s.last_modified, c.checked_at
                 FROM source_checks c JOIN snapshots s ON s.id = c.snapshot_id WHERE c.source = ?1",
                params![source],
                |r| Ok((Self::snapshot_from_row(r)?, r.get::<_, String>(9)?)),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The latest snapshot of `source` fetched at or before `at`.
    pub fn snapshot_as_of(&self, source: &str, at: &str) -> Result<Option<Snapshot>> {
        self.conn
            .query_row(
                "SELECT id, source, sha256, path, origin, fetched_at, bytes, etag, last_modified FROM snapshots
                 WHERE source = ?1 AND fetched_at <= ?2 ORDER BY fetched_at DESC, id DESC LIMIT 1",
                params![source, at],
                Self::snapshot_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Marks the source's current snapshot as confirmed now (HTTP 304).
    pub fn touch_source(&self, source: &str, now: DateTime<Utc>) -> Result<()> {
        self.conn
            .execute(
                "UPDATE source_checks SET checked_at = ?2 WHERE source = ?1",
                params![source, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    fn snapshot_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Snapshot> {
        Ok(Snapshot {
            id: r.get(0)?,
            source: r.get(1)?,
            sha256: r.get(2)?,
            path: r.get(3)?,
            origin: r.get(4)?,
            fetched_at: r.get(5)?,
            bytes: r.get(6)?,
            etag: r.get(7)?,
            last_modified: r.get(8)?,
        })
    }

    pub fn link_snapshot(&self, run_id: i64, snapshot_id: i64) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR IGNORE INTO run_snapshots (run_id, snapshot_id) VALUES (?1, ?2)",
                params![run_id, snapshot_id],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn run_snapshots(&self, run_id: i64) -> Result<Vec<Snapshot>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT s.id, s.source, s.sha256, s.path, s.origin, s.fetched_at, s.bytes, s.etag, s.last_modified
                 FROM run_snapshots rs JOIN snapshots s ON s.id = rs.snapshot_id WHERE rs.run_id = ?1 ORDER BY s.source",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![run_id], Self::snapshot_from_row)
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    // ---- reports and outbox ----

    /// Records the reports of a run and queues the mails in one transaction. Mails whose
    /// `dedup_key` is already queued are skipped (returned count excludes them).
    pub fn record_reports(
        &self,
        run_id: i64,
        reports: &[(String, String, String, String, String)],
        mails: &[(usize, NewMail)],
        held: bool,
        now: DateTime<Utc>,
    ) -> Result<(Vec<i64>, usize)> {
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        let mut ids = Vec::new();
        for (period, kind, code, path, sha) in reports {
            tx.execute(
                "INSERT INTO reports (run_id, period, audience_kind, audience_code, path, sha256, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![run_id, period, kind, code, path, sha, ts(now)],
            )
            .map_err(|e| self.err(e))?;
            ids.push(tx.last_insert_rowid());
        }
        let mut queued = 0;
        for (report_idx, m) in mails {
            let report_id = ids.get(*report_idx).copied();
            let n = tx
                .execute(
                    "INSERT OR IGNORE INTO outbox (report_id, run_id, dedup_key, recipient, subject, body, status, message_id, next_attempt_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', ?8)",
                    params![report_id, run_id, m.dedup_key, m.recipient, m.subject, m.body, if held { "held" } else { "pending" }, ts(now)],
                )
                .map_err(|e| self.err(e))?;
            if n == 1 {
                let id = tx.last_insert_rowid();
                tx.execute(
                    "UPDATE outbox SET message_id = ?2 WHERE id = ?1",
                    params![id, format!("<woonmonitor.{id}.{run_id}@woonmonitor.local>")],
                )
                .map_err(|e| self.err(e))?;
                queued += 1;
            }
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok((ids, queued))
    }

    /// Queues a single mail without a report (operator alerts); ignored when the key exists.
    pub fn queue_mail(&self, run_id: i64, m: &NewMail, now: DateTime<Utc>) -> Result<bool> {
        let (_, n) = self.record_reports(run_id, &[], &[(usize::MAX, m.clone())], false, now)?;
        Ok(n == 1)
    }

    pub fn reports(&self, period: Option<&str>) -> Result<Vec<ReportRow>> {
        let sql = "SELECT id, run_id, period, audience_kind, audience_code, path, sha256, created_at FROM reports
                   WHERE (?1 IS NULL OR period = ?1) ORDER BY id DESC LIMIT 1000";
        let mut st = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![period], Self::report_from_row)
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    pub fn report(&self, id: i64) -> Result<ReportRow> {
        self.conn
            .query_row(
                "SELECT id, run_id, period, audience_kind, audience_code, path, sha256, created_at FROM reports WHERE id = ?1",
                params![id],
                Self::report_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| StoreError::NotFound(format!("report {id} does not exist")))
    }

    pub fn run_reports(&self, run_id: i64) -> Result<Vec<ReportRow>> {
        let mut st = self
            .conn
            .prepare("SELECT id, run_id, period, audience_kind, audience_code, path, sha256, created_at FROM reports WHERE run_id = ?1 ORDER BY id")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![run_id], Self::report_from_row)
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    fn report_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReportRow> {
        Ok(ReportRow {
            id: r.get(0)?,
            run_id: r.get(1)?,
            period: r.get(2)?,
            audience_kind: r.get(3)?,
            audience_code: r.get(4)?,
            path: r.get(5)?,
            sha256: r.get(6)?,
            created_at: r.get(7)?,
        })
    }

    const OUTBOX_COLS: &'static str = "id, report_id, run_id, recipient, subject, body, status, attempts, last_error, message_id, next_attempt_at, sent_at";

    fn outbox_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxRow> {
        Ok(OutboxRow {
            id: r.get(0)?,
            report_id: r.get(1)?,
            run_id: r.get(2)?,
            recipient: r.get(3)?,
            subject: r.get(4)?,
            body: r.get(5)?,
            status: r.get(6)?,
            attempts: r.get(7)?,
            last_error: r.get(8)?,
            message_id: r.get(9)?,
            next_attempt_at: r.get(10)?,
            sent_at: r.get(11)?,
        })
    }

    /// Mails due for a (re)try: pending ones whose time has come, and ones left `sending` by a
    /// process that died mid-send.
    pub fn due_mails(&self, now: DateTime<Utc>) -> Result<Vec<OutboxRow>> {
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM outbox WHERE (status = 'pending' AND next_attempt_at <= ?1) OR status = 'sending' ORDER BY id",
                Self::OUTBOX_COLS
            ))
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![ts(now)], Self::outbox_from_row)
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    pub fn outbox(&self, run_id: Option<i64>) -> Result<Vec<OutboxRow>> {
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM outbox WHERE (?1 IS NULL OR run_id = ?1) ORDER BY id",
                Self::OUTBOX_COLS
            ))
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![run_id], Self::outbox_from_row)
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    pub fn mark_sending(&self, id: i64) -> Result<()> {
        self.conn
            .execute(
                "UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ?1",
                params![id],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn mark_sent(&self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.conn
            .execute(
                "UPDATE outbox SET status = 'sent', sent_at = ?2, last_error = NULL WHERE id = ?1",
                params![id, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn mark_retry(&self, id: i64, error: &str, next: DateTime<Utc>) -> Result<()> {
        self.conn
            .execute("UPDATE outbox SET status = 'pending', last_error = ?2, next_attempt_at = ?3 WHERE id = ?1", params![id, error, ts(next)])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn mark_failed(&self, id: i64, error: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE outbox SET status = 'failed', last_error = ?2 WHERE id = ?1",
                params![id, error],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn count_mails(&self, status: &str) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM outbox WHERE status = ?1",
                params![status],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    // ---- scheduler ----

    pub fn last_fire(&self, job: &str) -> Result<Option<DateTime<Utc>>> {
        let s: Option<String> = self
            .conn
            .query_row(
                "SELECT last_fire FROM schedule_state WHERE job = ?1",
                params![job],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(s.and_then(|s| parse_ts(&s)))
    }

    pub fn set_last_fire(&self, job: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO schedule_state (job, last_fire) VALUES (?1, ?2) ON CONFLICT (job) DO UPDATE SET last_fire = excluded.last_fire",
                params![job, ts(at)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-11-01T06:00:00Z".parse().unwrap()
    }

    #[test]
    fn migrations_run_once_and_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.sqlite");
        let s = Store::open(&p).unwrap();
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let id = s
            .start_run("report", "manual", Some("2026-10"), now())
            .unwrap();
        drop(s);
        let s = Store::open(&p).unwrap();
        assert_eq!(s.run(id).unwrap().status, "running");
        assert_eq!(s.fail_interrupted_runs(now()).unwrap(), 1);
        assert_eq!(s.run(id).unwrap().status, "failed");
    }

    #[test]
    fn a_mail_is_queued_once_per_dedup_key() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("s.sqlite")).unwrap();
        let run = s
            .start_run("report", "scheduled", Some("2026-10"), now())
            .unwrap();
        let report = (
            "2026-10".to_string(),
            "region".to_string(),
            "U16".to_string(),
            "/x.pdf".to_string(),
            "abc".to_string(),
        );
        let mail = NewMail {
            report_id: None,
            dedup_key: "2026-10|region|U16|a@b.nl".into(),
            recipient: "a@b.nl".into(),
            subject: "s".into(),
            body: "b".into(),
        };
        let (_, n) = s
            .record_reports(
                run,
                std::slice::from_ref(&report),
                &[(0, mail.clone())],
                false,
                now(),
            )
            .unwrap();
        assert_eq!(n, 1);
        let run2 = s
            .start_run("report", "catch-up", Some("2026-10"), now())
            .unwrap();
        let (_, n) = s
            .record_reports(run2, &[report], &[(0, mail)], false, now())
            .unwrap();
        assert_eq!(
            n, 0,
            "the same report for the same recipient is not queued twice"
        );
        let due = s.due_mails(now()).unwrap();
        assert_eq!(due.len(), 1);
        assert!(due[0].message_id.starts_with("<woonmonitor."));
    }

    #[test]
    fn held_mails_wait_for_release() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("s.sqlite")).unwrap();
        let run = s
            .start_run("report", "scheduled", Some("2026-10"), now())
            .unwrap();
        let mail = NewMail {
            report_id: None,
            dedup_key: "k".into(),
            recipient: "a@b.nl".into(),
            subject: "s".into(),
            body: "b".into(),
        };
        s.record_reports(run, &[], &[(0, mail)], true, now())
            .unwrap();
        s.finish_run(run, "held", None, Some("too many rejected rows"), now())
            .unwrap();
        assert!(s.due_mails(now()).unwrap().is_empty());
        assert_eq!(s.release(run, now()).unwrap(), 1);
        assert_eq!(s.due_mails(now()).unwrap().len(), 1);
        assert!(
            s.release(run, now()).is_err(),
            "a released run is no longer held"
        );
    }
}
