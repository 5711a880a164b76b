//! The `runs` table: every pull and report run with its trigger, status and problem.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::connection::{ts, Result, Store, StoreError};
use super::kinds::{Failure, RunKind, RunStatus, Trigger};
use crate::domain::{Period, Selection};

/// A row of `runs`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub id: i64,
    pub kind: RunKind,
    pub trigger: Trigger,
    pub period: Option<Period>,
    /// What a report run covers (month: the year to date, quarter, year).
    pub span: crate::domain::Span,
    /// The report period as folders and files are named: `2026-10`, `2026-Q3`, `2026`.
    pub label: Option<String>,
    /// Which documents the run makes (pull runs: `All`).
    pub scope: Selection,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: RunStatus,
    /// Why the run failed (only for failed runs).
    pub failure: Option<Failure>,
    pub error: Option<String>,
    pub hold_reason: Option<String>,
    pub released_at: Option<String>,
    /// What the run did, in words (a purge: what it deleted).
    pub note: Option<String>,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunOutcome<'a> {
    Succeeded,
    Held { reason: &'a str },
    Failed { failure: Failure, error: &'a str },
}

const RUN_COLS: &str = "id, kind, trigger, period, started_at, finished_at, status, failure, error, hold_reason, released_at, scope, scope_code, note, span";

fn run_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Run> {
    let period: Option<String> = r.get(3)?;
    let (scope, code): (String, String) = (r.get(11)?, r.get(12)?);
    let span: String = r.get(14)?;
    let span = match span.as_str() {
        "quarter" => crate::domain::Span::Quarter,
        "year" => crate::domain::Span::Year,
        _ => crate::domain::Span::Month,
    };
    let period: Option<Period> = period.and_then(|p| p.parse().ok());
    Ok(Run {
        span,
        label: period.map(|end| crate::domain::ReportPeriod { span, end }.to_string()),
        id: r.get(0)?,
        kind: r.get(1)?,
        trigger: r.get(2)?,
        period,
        scope: Selection::from_parts(&scope, &code).unwrap_or(Selection::All),
        started_at: r.get(4)?,
        finished_at: r.get(5)?,
        status: r.get(6)?,
        failure: r.get(7)?,
        error: r.get(8)?,
        hold_reason: r.get(9)?,
        released_at: r.get(10)?,
        note: r.get(13)?,
    })
}

/// The runs that count for the schedule: complete scheduled or catch-up report runs.
const SCHEDULED_FULL: &str =
    "kind = 'report' AND trigger IN ('scheduled', 'catch-up') AND scope = 'all' AND span = 'month'";

impl Store {
    pub fn start_run(
        &self,
        kind: RunKind,
        trigger: Trigger,
        period: Option<Period>,
        scope: &Selection,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        self.conn
            .execute(
                "INSERT INTO runs (kind, trigger, period, started_at, status, scope, scope_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![kind, trigger, period.map(|p| p.to_string()), ts(now), RunStatus::Running, scope.kind(), scope.code()],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn finish_run(&self, id: i64, outcome: RunOutcome<'_>, now: DateTime<Utc>) -> Result<()> {
        let tx = self.write_tx()?;
        self.finish_run_in(&tx, id, outcome, now)?;
        tx.commit().map_err(|e| self.err(e))
    }

    /// [`Store::finish_run`] inside a transaction of the caller.
    pub(super) fn finish_run_in(
        &self,
        tx: &rusqlite::Transaction<'_>,
        id: i64,
        outcome: RunOutcome<'_>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (status, failure, error, hold_reason) = match outcome {
            RunOutcome::Succeeded => (RunStatus::Succeeded, None, None, None),
            RunOutcome::Held { reason } => (RunStatus::Held, None, None, Some(reason)),
            RunOutcome::Failed { failure, error } => {
                (RunStatus::Failed, Some(failure), Some(error), None)
            }
        };
        tx.execute(
            "UPDATE runs SET status = ?2, failure = ?3, error = ?4, hold_reason = ?5, finished_at = ?6 WHERE id = ?1",
            params![id, status, failure, error, hold_reason, ts(now)],
        )
        .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Sets what the run did, in words.
    pub fn set_run_note(&self, id: i64, note: &str) -> Result<()> {
        self.conn
            .execute("UPDATE runs SET note = ?2 WHERE id = ?1", params![id, note])
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

    /// The report runs that failed before `run_id`.
    pub fn failed_report_runs_before(&self, run_id: i64) -> Result<Vec<i64>> {
        self.rows(
            "SELECT id FROM runs WHERE kind = ?1 AND status = ?2 AND id < ?3",
            params![RunKind::Report, RunStatus::Failed, run_id],
            |r| r.get(0),
        )
    }

    /// The last report run of `label` (`2026-10`, `2026-Q3`, `2026`) that succeeded.
    pub fn last_succeeded_report_run(&self, label: &str) -> Result<Option<i64>> {
        let runs = self.rows(
            &format!("SELECT {RUN_COLS} FROM runs WHERE kind = ?1 AND status = ?2 ORDER BY id DESC LIMIT 200"),
            params![RunKind::Report, RunStatus::Succeeded],
            run_from_row,
        )?;
        Ok(runs
            .into_iter()
            .find(|r| r.label.as_deref() == Some(label))
            .map(|r| r.id))
    }

    pub fn runs(&self, limit: usize) -> Result<Vec<Run>> {
        self.rows(
            &format!("SELECT {RUN_COLS} FROM runs ORDER BY id DESC LIMIT ?1"),
            params![limit as i64],
            run_from_row,
        )
    }

    /// The newest runs that match the filters.
    pub fn runs_filtered(
        &self,
        kind: Option<RunKind>,
        status: Option<RunStatus>,
        period: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Run>> {
        self.rows(
            &format!(
                "SELECT {RUN_COLS} FROM runs WHERE (?1 IS NULL OR kind = ?1)
                 AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR period = ?3)
                 ORDER BY id DESC LIMIT ?4"
            ),
            params![kind, status, period, limit as i64],
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

    /// The complete scheduled or catch-up report run that satisfied the schedule for `period`
    /// (succeeded or held), if any. Previews and partial regenerations never count.
    pub fn period_reported(&self, period: Period) -> Result<Option<i64>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT MIN(id) FROM runs WHERE {SCHEDULED_FULL} AND period = ?1 AND status IN (?2, ?3)"
                ),
                params![period.to_string(), RunStatus::Succeeded, RunStatus::Held],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The last month whose reports were made and published (a month report run that
    /// succeeded); `None`: none yet.
    pub fn last_reported_month(&self) -> Result<Option<Period>> {
        let p: Option<String> = self
            .conn
            .query_row(
                "SELECT MAX(period) FROM runs WHERE kind = ?1 AND status = ?2 AND span = 'month'",
                params![RunKind::Report, RunStatus::Succeeded],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(p.and_then(|p| p.parse().ok()))
    }

    /// Records what a report run covers (runs start as month runs).
    pub fn set_run_span(&self, id: i64, span: crate::domain::Span) -> Result<()> {
        self.conn
            .execute(
                "UPDATE runs SET span = ?2 WHERE id = ?1",
                params![id, span.as_str()],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// For a quarter or year report ending in `period`: the scheduled run that made it
    /// (succeeded or held) or gave it up, and whether one failed with an error after `since`.
    pub fn span_reported(
        &self,
        period: Period,
        span: crate::domain::Span,
        since: DateTime<Utc>,
    ) -> Result<(Option<i64>, bool)> {
        const SPAN_RUN: &str =
            "kind = 'report' AND trigger IN ('scheduled', 'catch-up') AND scope = 'all'";
        let done: Option<i64> = self
            .conn
            .query_row(
                &format!(
                    "SELECT MIN(id) FROM runs WHERE {SPAN_RUN} AND period = ?1 AND span = ?2
                     AND (status IN (?3, ?4) OR (status = 'failed' AND error LIKE 'given up:%'))"
                ),
                params![
                    period.to_string(),
                    span.as_str(),
                    RunStatus::Succeeded,
                    RunStatus::Held
                ],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        let failed: bool = self
            .conn
            .query_row(
                &format!(
                    "SELECT EXISTS (SELECT 1 FROM runs WHERE {SPAN_RUN} AND period = ?1 AND span = ?2
                     AND status = ?3 AND started_at > ?4)"
                ),
                params![period.to_string(), span.as_str(), RunStatus::Failed, ts(since)],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok((done, failed))
    }

    /// Whether a scheduled report run for `period` failed with an error (not an interruption)
    /// after `since` (and not after `now`).
    pub fn report_failed_since(
        &self,
        period: Period,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        self.conn
            .query_row(
                &format!(
                    "SELECT EXISTS (SELECT 1 FROM runs WHERE {SCHEDULED_FULL} AND period = ?1 AND status = ?2
                     AND failure <> ?3 AND started_at > ?4 AND started_at <= ?5)"
                ),
                params![
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

    /// How many scheduled month report runs for `period` in a row were interrupted (the
    /// process stopped during the run), counting back from the latest.
    pub fn interrupted_in_a_row(&self, period: Period) -> Result<usize> {
        self.interrupted_in_a_row_of(period, crate::domain::Span::Month)
    }

    /// The same for the scheduled report runs of a span (month, quarter, year) ending in
    /// `period`: the crash-loop guard counts each.
    pub fn interrupted_in_a_row_of(
        &self,
        period: Period,
        span: crate::domain::Span,
    ) -> Result<usize> {
        let statuses = self.rows(
            "SELECT failure FROM runs WHERE kind = 'report' AND trigger IN ('scheduled', 'catch-up') AND scope = 'all'
             AND period = ?1 AND span = ?3 AND status <> ?2 ORDER BY id DESC LIMIT 100",
            params![period.to_string(), RunStatus::Running, span.as_str()],
            |r| r.get::<_, Option<Failure>>(0),
        )?;
        Ok(statuses
            .iter()
            .take_while(|f| **f == Some(Failure::Interrupted))
            .count())
    }

    /// When the last run of `kind` that succeeded (or was held) finished.
    /// When the last run of `kind` that succeeded ended: for report runs, the last one whose
    /// documents were published (a held run is not, until it is released).
    pub fn last_successful_run(&self, kind: RunKind) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT MAX(finished_at) FROM runs WHERE kind = ?1 AND status = ?2",
                params![kind, RunStatus::Succeeded],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// When the last report run that is held for review ended (none: `None`).
    pub fn last_held_report_run(&self) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT MAX(finished_at) FROM runs WHERE kind = ?1 AND status = ?2",
                params![RunKind::Report, RunStatus::Held],
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
