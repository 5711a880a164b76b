//! The audit trail (`audit`): who did what and when in the console and the API (sign-ins,
//! regenerations, releases, mails queued again or cancelled), and what each report run read per
//! feed (`run_sources`: counts, warnings and rejections by kind of reason, never row contents).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::connection::{ts, Result, Store};
use crate::schema::SourceKind;

/// One recorded action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub run_id: Option<i64>,
    pub job_id: Option<i64>,
    pub mail_id: Option<i64>,
    pub detail: String,
}

/// An action to record.
#[derive(Debug, Clone, Default)]
pub struct NewAudit<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub run_id: Option<i64>,
    pub job_id: Option<i64>,
    pub mail_id: Option<i64>,
    pub detail: &'a str,
}

/// What a report run read from one feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSource {
    pub feed: String,
    pub source: SourceKind,
    pub read: i64,
    pub accepted: i64,
    pub rejected: i64,
    pub blank: i64,
    pub warnings: Vec<String>,
    /// Rejected rows by kind of reason (values masked), most frequent first when listed.
    pub reasons: BTreeMap<String, i64>,
}

const AUDIT_COLS: &str = "id, at, actor, action, run_id, job_id, mail_id, detail";

fn audit_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRow> {
    Ok(AuditRow {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        run_id: r.get(4)?,
        job_id: r.get(5)?,
        mail_id: r.get(6)?,
        detail: r.get(7)?,
    })
}

impl Store {
    pub fn audit(&self, a: &NewAudit<'_>, now: DateTime<Utc>) -> Result<i64> {
        self.conn
            .execute(
                "INSERT INTO audit (at, actor, action, run_id, job_id, mail_id, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    ts(now),
                    a.actor,
                    a.action,
                    a.run_id,
                    a.job_id,
                    a.mail_id,
                    a.detail
                ],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The actions about a run: on the run itself, on a job that made it, on one of its mails.
    pub fn audit_of_run(&self, run_id: i64) -> Result<Vec<AuditRow>> {
        self.rows(
            &format!(
                "SELECT {AUDIT_COLS} FROM audit WHERE run_id = ?1
                 OR job_id IN (SELECT id FROM jobs WHERE run_id = ?1)
                 OR mail_id IN (SELECT id FROM outbox WHERE run_id = ?1)
                 ORDER BY id"
            ),
            params![run_id],
            audit_from_row,
        )
    }

    /// The latest actions, newest first.
    pub fn audit_latest(&self, limit: usize) -> Result<Vec<AuditRow>> {
        self.rows(
            &format!("SELECT {AUDIT_COLS} FROM audit ORDER BY id DESC LIMIT ?1"),
            params![limit as i64],
            audit_from_row,
        )
    }

    pub fn record_run_sources(&self, run_id: i64, sources: &[RunSource]) -> Result<()> {
        let tx = self.write_tx()?;
        for s in sources {
            tx.execute(
                "INSERT OR REPLACE INTO run_sources
                 (run_id, feed, source, read, accepted, rejected, blank, warnings, reasons)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    run_id,
                    s.feed,
                    s.source,
                    s.read,
                    s.accepted,
                    s.rejected,
                    s.blank,
                    serde_json::to_string(&s.warnings).expect("serializes"),
                    serde_json::to_string(&s.reasons).expect("serializes"),
                ],
            )
            .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))
    }

    pub fn run_sources(&self, run_id: i64) -> Result<Vec<RunSource>> {
        self.rows(
            "SELECT feed, source, read, accepted, rejected, blank, warnings, reasons
             FROM run_sources WHERE run_id = ?1 ORDER BY rowid",
            params![run_id],
            |r| {
                let warnings: String = r.get(6)?;
                let reasons: String = r.get(7)?;
                Ok(RunSource {
                    feed: r.get(0)?,
                    source: r.get(1)?,
                    read: r.get(2)?,
                    accepted: r.get(3)?,
                    rejected: r.get(4)?,
                    blank: r.get(5)?,
                    warnings: serde_json::from_str(&warnings).unwrap_or_default(),
                    reasons: serde_json::from_str(&reasons).unwrap_or_default(),
                })
            },
        )
    }

    /// What a report run told the operator about the feeds together.
    pub fn set_run_notices(&self, run_id: i64, notices: &[String]) -> Result<()> {
        self.conn
            .execute(
                "UPDATE runs SET notices = ?2 WHERE id = ?1",
                params![run_id, serde_json::to_string(notices).expect("serializes")],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Records the homes in conflict with the applications register a run found (JSON list).
    pub fn set_run_conflicts(&self, run_id: i64, conflicts: &serde_json::Value) -> Result<()> {
        self.conn
            .execute(
                "UPDATE runs SET conflicts = ?2 WHERE id = ?1",
                params![run_id, conflicts.to_string()],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The conflicts the latest report run on the latest data found (and its id).
    pub fn latest_conflicts(&self) -> Result<Option<(i64, serde_json::Value)>> {
        self.conn
            .query_row(
                "SELECT id, conflicts FROM runs WHERE kind = 'report' AND status IN ('succeeded', 'held')
                 ORDER BY id DESC LIMIT 1",
                params![],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))
            .map(|o| o.map(|(id, t)| (id, serde_json::from_str(&t).unwrap_or_default())))
    }

    pub fn run_notices(&self, run_id: i64) -> Result<Vec<String>> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT notices FROM runs WHERE id = ?1",
                params![run_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(text
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default())
    }

    /// Forgets what report runs started before `before` read per feed and told the operator
    /// (retention, like the runs' internal figures). Returns how many runs it touched.
    pub fn forget_run_checks(&self, before: DateTime<Utc>) -> Result<usize> {
        let tx = self.write_tx()?;
        let n = tx
            .execute(
                "DELETE FROM run_sources WHERE run_id IN (SELECT id FROM runs WHERE started_at < ?1)",
                params![ts(before)],
            )
            .map_err(|e| self.err(e))?;
        tx.execute(
            "UPDATE runs SET notices = '[]' WHERE started_at < ?1 AND notices != '[]'",
            params![ts(before)],
        )
        .map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(n)
    }

    /// The latest report run that recorded what it read.
    pub fn latest_run_with_sources(&self) -> Result<Option<i64>> {
        Ok(self
            .rows(
                "SELECT run_id FROM run_sources ORDER BY run_id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )?
            .into_iter()
            .next())
    }
}
