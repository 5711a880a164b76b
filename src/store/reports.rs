//! Generated reports (`reports`), recorded with their mails and the run's outcome in one
//! transaction; releasing a held run turns its held mails into pending ones.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::connection::{ts, Result, Store, StoreError};
use super::kinds::{MailStatus, RunStatus};
use super::runs::RunOutcome;
use crate::domain::{Audience, AudienceKind, Period};
use crate::store::outbox::{insert_mail, NewMail};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRow {
    pub id: i64,
    pub run_id: i64,
    pub period: Period,
    pub audience_kind: AudienceKind,
    pub audience_code: String,
    pub path: String,
    pub sha256: String,
    pub created_at: String,
    /// The SHA-256 of the Excel annex beside the document (`None`: made by an older version).
    pub annex_sha256: Option<String>,
    /// Its scope's year-end forecast (JSON; `None`: a year that is over, or an older version's).
    pub forecast: Option<String>,
}

/// A report to record, with the mails that carry it.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub period: Period,
    pub audience: Audience,
    pub path: String,
    pub sha256: String,
    /// The SHA-256 of the Excel annex written beside the document.
    pub annex_sha256: Option<String>,
    /// Its scope's year-end forecast (JSON).
    pub forecast: Option<String>,
    pub mails: Vec<NewMail>,
}

/// An early warning to record with a report run: once per scope and year (a scope already
/// warned about that year is skipped, with its mails).
#[derive(Debug, Clone)]
pub struct NewWarning {
    pub scope: String,
    pub year: i32,
    pub period: Period,
    pub p_below_lower: f64,
    pub mails: Vec<NewMail>,
}

/// An early warning that was recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WarningRow {
    pub scope: String,
    pub year: i32,
    pub period: String,
    pub run_id: i64,
    pub p_below_lower: f64,
    pub created_at: String,
}

const REPORT_COLS: &str =
    "id, run_id, period, audience_kind, audience_code, path, sha256, created_at, annex_sha256, forecast";

fn report_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReportRow> {
    Ok(ReportRow {
        id: r.get(0)?,
        run_id: r.get(1)?,
        period: r.get::<_, String>(2)?.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
        })?,
        audience_kind: r.get(3)?,
        audience_code: r.get(4)?,
        path: r.get(5)?,
        sha256: r.get(6)?,
        created_at: r.get(7)?,
        annex_sha256: r.get(8)?,
        forecast: r.get(9)?,
    })
}

impl Store {
    /// Finishes a report run in one transaction: records its reports, queues their mails
    /// (held ones wait for a release), queues the operator's `alert` and sets the run's outcome.
    /// Mails whose `dedup_key` is already queued are skipped; returns how many were queued.
    pub fn complete_report_run(
        &self,
        run_id: i64,
        reports: &[NewReport],
        outcome: RunOutcome<'_>,
        alerts: &[NewMail],
        warnings: &[NewWarning],
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let status = match outcome {
            RunOutcome::Held { .. } => MailStatus::Held,
            _ => MailStatus::Pending,
        };
        let tx = self.write_tx()?;
        let mut queued = 0;
        for r in reports {
            tx.execute(
                "INSERT INTO reports (run_id, period, audience_kind, audience_code, path, sha256, created_at, annex_sha256, forecast) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![run_id, r.period.to_string(), r.audience.kind(), r.audience.code(), r.path, r.sha256, ts(now), r.annex_sha256, r.forecast],
            )
            .map_err(|e| self.err(e))?;
            let report_id = tx.last_insert_rowid();
            for m in &r.mails {
                if insert_mail(&tx, run_id, Some(report_id), m, status, now)
                    .map_err(|e| self.err(e))?
                {
                    queued += 1;
                }
            }
        }
        for m in alerts {
            insert_mail(&tx, run_id, None, m, MailStatus::Pending, now).map_err(|e| self.err(e))?;
        }
        // Each scope is warned about once a year: only a first warning queues its mails (held
        // with a held run, like its reports). The warnings a held run of the same period
        // recorded are this run's when this one publishes: the regeneration superseded the held
        // run, and its early warnings go out now (they would never have otherwise).
        if status == MailStatus::Pending {
            let superseded = "SELECT h.id FROM runs h JOIN runs r ON r.id = ?1
                 WHERE h.status = 'held' AND h.released_at IS NULL AND h.kind = r.kind
                 AND h.period = r.period AND h.span = r.span AND h.id < r.id";
            queued += tx
                .execute(
                    &format!(
                        "UPDATE outbox SET status = ?2, run_id = ?1
                         WHERE status = ?3 AND dedup_key LIKE 'warning|%' AND run_id IN ({superseded})"
                    ),
                    params![run_id, MailStatus::Pending, MailStatus::Held],
                )
                .map_err(|e| self.err(e))?;
            tx.execute(
                &format!("UPDATE forecast_warnings SET run_id = ?1 WHERE run_id IN ({superseded})"),
                params![run_id],
            )
            .map_err(|e| self.err(e))?;
        }
        for w in warnings {
            let first = tx
                .execute(
                    "INSERT OR IGNORE INTO forecast_warnings (scope, year, period, run_id, p_below_lower, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![w.scope, w.year, w.period.to_string(), run_id, w.p_below_lower, ts(now)],
                )
                .map_err(|e| self.err(e))?
                == 1;
            if first {
                for m in &w.mails {
                    if insert_mail(&tx, run_id, None, m, status, now).map_err(|e| self.err(e))? {
                        queued += 1;
                    }
                }
            }
        }
        self.finish_run_in(&tx, run_id, outcome, now)?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(queued)
    }

    /// The early-warning mails of `year` per recipient: how many were sent, how many wait.
    pub fn warning_mails_of_year(&self, year: i32) -> Result<Vec<(String, i64, i64)>> {
        self.rows(
            "SELECT recipient, SUM(status = 'sent'), SUM(status != 'sent')
             FROM outbox WHERE dedup_key LIKE ?1 AND status != 'cancelled'
             GROUP BY recipient ORDER BY recipient",
            params![format!("warning|{year}|%")],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// The early warnings recorded for `year`, newest first.
    pub fn warnings_of_year(&self, year: i32) -> Result<Vec<WarningRow>> {
        self.rows(
            "SELECT scope, year, period, run_id, p_below_lower, created_at FROM forecast_warnings WHERE year = ?1 ORDER BY created_at DESC, scope",
            params![year],
            |r| {
                Ok(WarningRow {
                    scope: r.get(0)?,
                    year: r.get(1)?,
                    period: r.get(2)?,
                    run_id: r.get(3)?,
                    p_below_lower: r.get(4)?,
                    created_at: r.get(5)?,
                })
            },
        )
    }

    /// Records which scopes a report run found at risk (JSON list, for the console).
    pub fn set_run_at_risk(&self, run_id: i64, at_risk: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE runs SET at_risk = ?2 WHERE id = ?1",
                params![run_id, at_risk],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The scopes at risk according to the latest month report run that published or is held
    /// (JSON list), with its id; `None` when there is none.
    pub fn latest_at_risk(&self) -> Result<Option<(i64, String)>> {
        self.conn
            .query_row(
                "SELECT id, at_risk FROM runs WHERE kind = 'report' AND span = 'month' AND status IN ('succeeded', 'held') ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Releases a held run: its held mails become pending, the run succeeded.
    pub fn release(&self, run_id: i64, now: DateTime<Utc>) -> Result<usize> {
        let run = self.run(run_id)?;
        if run.status != RunStatus::Held {
            return Err(StoreError::NotHeld {
                run: run_id,
                status: run.status,
            });
        }
        let tx = self.write_tx()?;
        let n = tx
            .execute(
                "UPDATE outbox SET status = ?3, next_attempt_at = ?2 WHERE run_id = ?1 AND status = ?4",
                params![run_id, ts(now), MailStatus::Pending, MailStatus::Held],
            )
            .map_err(|e| self.err(e))?;
        tx.execute(
            "UPDATE runs SET status = ?3, released_at = ?2 WHERE id = ?1",
            params![run_id, ts(now), RunStatus::Succeeded],
        )
        .map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(n)
    }

    pub fn reports(&self, period: Option<Period>) -> Result<Vec<ReportRow>> {
        self.rows(
            &format!(
                "SELECT {REPORT_COLS} FROM reports WHERE (?1 IS NULL OR period = ?1) ORDER BY id DESC LIMIT 1000"
            ),
            params![period.map(|p| p.to_string())],
            report_from_row,
        )
    }

    pub fn report(&self, id: i64) -> Result<ReportRow> {
        self.conn
            .query_row(
                &format!("SELECT {REPORT_COLS} FROM reports WHERE id = ?1"),
                params![id],
                report_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(StoreError::NotFound {
                what: "report",
                id,
                hint: "",
            })
    }

    /// The published documents of one corporation (by code, ignoring case) and of the region,
    /// newest first: of runs that succeeded (a held or failed run's documents are not
    /// published), the latest of each file name.
    pub fn published_reports_for(&self, corporation: Option<&str>) -> Result<Vec<ReportRow>> {
        let rows = self.rows(
            &format!(
                "SELECT {} FROM reports r JOIN runs u ON u.id = r.run_id
                 WHERE u.status = 'succeeded' AND (r.audience_kind = 'region'
                    OR (r.audience_kind = 'corporation' AND ?1 IS NOT NULL AND upper(r.audience_code) = upper(?1)))
                 ORDER BY r.id DESC LIMIT 2000",
                REPORT_COLS.split(", ").map(|c| format!("r.{c}")).collect::<Vec<_>>().join(", ")
            ),
            params![corporation],
            report_from_row,
        )?;
        let mut seen = std::collections::BTreeSet::new();
        Ok(rows
            .into_iter()
            .filter(|r| {
                let name = std::path::Path::new(&r.path)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                seen.insert(name)
            })
            .collect())
    }

    pub fn run_reports(&self, run_id: i64) -> Result<Vec<ReportRow>> {
        self.rows(
            &format!("SELECT {REPORT_COLS} FROM reports WHERE run_id = ?1 ORDER BY id"),
            params![run_id],
            report_from_row,
        )
    }
}
