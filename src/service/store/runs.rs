//! The `runs` table: every pull and report run with its trigger, status and problem.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{ts, Failure, Result, RunKind, RunStatus, Store, StoreError, Trigger};
use crate::domain::Period;

/// A row of `runs`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    pub id: i64,
    pub kind: RunKind,
    pub trigger: Trigger,
    pub period: Option<Period>,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: RunStatus,
    /// Why the run failed (only for failed runs).
    pub failure: Option<Failure>,
    pub error: Option<String>,
    pub hold_reason: Option<String>,
    pub released_at: Option<String>,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunOutcome<'a> {
    Succeeded,
    Held { reason: &'a str },
    Failed { failure: Failure, error: &'a str },
}

const RUN_COLS: &str = "id, kind, trigger, period, started_at, finished_at, status, failure, error, hold_reason, released_at";

fn run_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Run> {
    let period: Option<String> = r.get(3)?;
    Ok(Run {
        id: r.get(0)?,
        kind: r.get(1)?,
        trigger: r.get(2)?,
        period: period.and_then(|p| p.parse().ok()),
        started_at: r.get(4)?,
        finished_at: r.get(5)?,
        status: r.get(6)?,
        failure: r.get(7)?,
        error: r.get(8)?,
        hold_reason: r.get(9)?,
        released_at: r.get(10)?,
    })
}

impl Store {
    pub fn start_run(
        &self,
        kind: RunKind,
        trigger: Trigger,
        period: Option<Period>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        self.conn
            .execute(
                "INSERT INTO runs (kind, trigger, period, started_at, status) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![kind, trigger, period.map(|p| p.to_string()), ts(now), RunStatus::Running],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn finish_run(&self, id: i64, outcome: RunOutcome<'_>, now: DateTime<Utc>) -> Result<()> {
        let (status, failure, error, hold_reason) = match outcome {
            RunOutcome::Succeeded => (RunStatus::Succeeded, None, None, None),
            RunOutcome::Held { reason } => (RunStatus::Held, None, None, Some(reason)),
            RunOutcome::Failed { failure, error } => {
                (RunStatus::Failed, Some(failure), Some(error), None)
            }
        };
        self.conn
            .execute(
                "UPDATE runs SET status = ?2, failure = ?3, error = ?4, hold_reason = ?5, finished_at = ?6 WHERE id = ?1",
                params![id, status, failure, error, hold_reason, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Runs left `running` by a process that died are marked failed (called at start-up).
    pub fn fail_interrupted_runs(&self, now: DateTime<Utc>) -> Result<usize> {
        self.fail_running(
            Failure::Interrupted,
            "interrupted: the process stopped during the run",
            now,
        )
    }

    /// Runs still `running` are marked failed with `failure` and `error`.
    pub fn fail_running(&self, failure: Failure, error: &str, now: DateTime<Utc>) -> Result<usize> {
        self.conn
            .execute(
                "UPDATE runs SET status = ?1, failure = ?2, error = ?3, finished_at = ?4 WHERE status = ?5",
                params![RunStatus::Failed, failure, error, ts(now), RunStatus::Running],
            )
            .map_err(|e| self.err(e))
    }

    pub fn runs(&self, limit: usize) -> Result<Vec<Run>> {
        self.rows(
            &format!("SELECT {RUN_COLS} FROM runs ORDER BY id DESC LIMIT ?1"),
            params![limit as i64],
            run_from_row,
        )
    }

    pub fn run(&self, id: i64) -> Result<Run> {
        self.conn
            .query_row(
                &format!("SELECT {RUN_COLS} FROM runs WHERE id = ?1"),
                params![id],
                run_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(StoreError::NotFound {
                what: "run",
                id,
                hint: "; `woonmonitor runs` lists the runs",
            })
    }

    /// Whether a report run for `period` has completed (succeeded or held) from any trigger.
    pub fn period_reported(&self, period: Period) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM runs WHERE kind = ?1 AND period = ?2 AND status IN (?3, ?4))",
                params![RunKind::Report, period.to_string(), RunStatus::Succeeded, RunStatus::Held],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Whether a report run for `period` failed with an error (not an interruption) after
    /// `since` (and not after `now`).
    pub fn report_failed_since(
        &self,
        period: Period,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM runs WHERE kind = ?1 AND period = ?2 AND status = ?3
                 AND failure <> ?4 AND started_at > ?5 AND started_at <= ?6)",
                params![
                    RunKind::Report,
                    period.to_string(),
                    RunStatus::Failed,
                    Failure::Interrupted,
                    ts(since),
                    ts(now)
                ],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// When the last run of `kind` that succeeded (or was held) finished.
    pub fn last_successful_run(&self, kind: RunKind) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT MAX(finished_at) FROM runs WHERE kind = ?1 AND status IN (?2, ?3)",
                params![kind, RunStatus::Succeeded, RunStatus::Held],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    pub fn count_runs(&self, status: RunStatus) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM runs WHERE status = ?1",
                params![status],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }
}
