//! The state store: one SQLite file (WAL mode, versioned migrations) holding runs, source
//! snapshots, generated reports, the e-mail outbox and the scheduler's last fire times.
//!
//! Every state change that must survive a crash is one transaction. The outbox has a unique
//! `dedup_key` per (period, audience, recipient) for automatic sends, so a report is queued for a
//! recipient at most once however often the run is retried. Values with a fixed set of states are
//! enums (`kinds`), stored as text under CHECK constraints.
//!
//! One file per table group: `runs`, `snapshots` (snapshots, source checks, run links),
//! `reports` (reports and the outbox), `schedule_state`.

mod kinds;
mod reports;
mod runs;
mod schedule_state;
mod snapshots;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

pub use kinds::{Failure, MailStatus, RunKind, RunStatus, Trigger};
pub use reports::{NewMail, NewReport, OutboxRow, ReportRow};
pub use runs::{Run, RunOutcome};
pub use snapshots::{NewSnapshot, Snapshot};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("state store {}: {source}\n  what to do: check that the state folder is writable; a corrupt file can be moved away (the history is lost)", path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{what} {id} does not exist{hint}")]
    NotFound {
        what: &'static str,
        id: i64,
        hint: &'static str,
    },
    #[error("run {run} is not held (status: {status}); only held runs can be released")]
    NotHeld { run: i64, status: RunStatus },
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
    // 2: typed states under CHECK constraints, and why a run failed as a value of its own.
    "CREATE TABLE runs_new (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('pull', 'report')),
        trigger TEXT NOT NULL CHECK (trigger IN ('scheduled', 'catch-up', 'manual', 'api')),
        period TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'held')),
        failure TEXT CHECK (failure IN ('error', 'interrupted', 'timed-out')),
        error TEXT,
        hold_reason TEXT,
        released_at TEXT,
        CHECK ((status = 'failed') = (failure IS NOT NULL))
    );
    INSERT INTO runs_new
        SELECT id, kind, trigger, period, started_at, finished_at, status,
            CASE WHEN status <> 'failed' THEN NULL
                 WHEN error LIKE 'interrupted%' THEN 'interrupted'
                 WHEN error LIKE 'timed out%' THEN 'timed-out'
                 ELSE 'error' END,
            error, hold_reason, released_at
        FROM runs;
    DROP TABLE runs;
    ALTER TABLE runs_new RENAME TO runs;

    CREATE TABLE snapshots_new (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('applications', 'deliveries', 'commitments')),
        sha256 TEXT NOT NULL,
        path TEXT NOT NULL,
        origin TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        etag TEXT,
        last_modified TEXT,
        UNIQUE (source, sha256)
    );
    INSERT INTO snapshots_new SELECT * FROM snapshots;
    DROP TABLE snapshots;
    ALTER TABLE snapshots_new RENAME TO snapshots;

    CREATE TABLE reports_new (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        period TEXT NOT NULL,
        audience_kind TEXT NOT NULL CHECK (audience_kind IN ('municipality', 'region', 'corporation')),
        audience_code TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    INSERT INTO reports_new SELECT * FROM reports;
    DROP TABLE reports;
    ALTER TABLE reports_new RENAME TO reports;
    CREATE INDEX reports_period ON reports(period);

    CREATE TABLE outbox_new (
        id INTEGER PRIMARY KEY,
        report_id INTEGER REFERENCES reports(id),
        run_id INTEGER NOT NULL REFERENCES runs(id),
        dedup_key TEXT NOT NULL UNIQUE,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('held', 'pending', 'sending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        message_id TEXT NOT NULL,
        next_attempt_at TEXT NOT NULL,
        sent_at TEXT
    );
    INSERT INTO outbox_new SELECT * FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_new RENAME TO outbox;

    CREATE TABLE schedule_state_new (
        job TEXT PRIMARY KEY CHECK (job IN ('pull', 'report')),
        last_fire TEXT NOT NULL
    );
    INSERT INTO schedule_state_new SELECT * FROM schedule_state;
    DROP TABLE schedule_state;
    ALTER TABLE schedule_state_new RENAME TO schedule_state;",
];

/// A timestamp as stored: RFC 3339 in UTC with milliseconds (sorts as text).
pub fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub fn parse_ts(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// An open state store. Open it once per operation and pass it down.
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
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(err)?;
        if (version as usize) < MIGRATIONS.len() {
            // Tables are rebuilt by migrations: references are checked after, not during.
            conn.pragma_update(None, "foreign_keys", "OFF")
                .map_err(err)?;
            for (i, m) in MIGRATIONS.iter().enumerate().skip(version as usize) {
                let tx = conn.transaction().map_err(err)?;
                tx.execute_batch(m).map_err(err)?;
                tx.pragma_update(None, "user_version", (i + 1) as i64)
                    .map_err(err)?;
                tx.commit().map_err(err)?;
            }
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
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

    /// Runs `query` and collects its rows with `map`.
    fn rows<T, P: rusqlite::Params>(
        &self,
        query: &str,
        params: P,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut st = self.conn.prepare_cached(query).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params, map)
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests;
