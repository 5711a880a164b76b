//! Generated reports (`reports`) and the e-mail outbox (`outbox`), recorded together: a run's
//! reports and their mails are one transaction, and releasing a held run turns its held mails
//! into pending ones.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::{ts, MailStatus, Result, RunStatus, Store, StoreError};
use crate::domain::{Audience, AudienceKind, Period};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow {
    pub id: i64,
    pub run_id: i64,
    pub period: String,
    pub audience_kind: AudienceKind,
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
    pub status: MailStatus,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub message_id: String,
    pub next_attempt_at: String,
    pub sent_at: Option<String>,
}

/// A new outbox row.
#[derive(Debug, Clone)]
pub struct NewMail {
    /// Unique per message that must be sent once (see `reporting` for the keys).
    pub dedup_key: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

/// A report to record, with the mails that carry it.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub period: Period,
    pub audience: Audience,
    pub path: String,
    pub sha256: String,
    pub mails: Vec<NewMail>,
}

const REPORT_COLS: &str =
    "id, run_id, period, audience_kind, audience_code, path, sha256, created_at";

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

const OUTBOX_COLS: &str = "id, report_id, run_id, recipient, subject, body, status, attempts, last_error, message_id, next_attempt_at, sent_at";

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

/// Inserts a mail unless its `dedup_key` exists; gives it its stable Message-ID. Returns whether
/// it was queued.
fn insert_mail(
    tx: &Transaction<'_>,
    run_id: i64,
    report_id: Option<i64>,
    m: &NewMail,
    status: MailStatus,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    let n = tx.execute(
        "INSERT OR IGNORE INTO outbox (report_id, run_id, dedup_key, recipient, subject, body, status, message_id, next_attempt_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', ?8)",
        params![report_id, run_id, m.dedup_key, m.recipient, m.subject, m.body, status, ts(now)],
    )?;
    if n == 1 {
        let id = tx.last_insert_rowid();
        tx.execute(
            "UPDATE outbox SET message_id = ?2 WHERE id = ?1",
            params![id, format!("<woonmonitor.{id}.{run_id}@woonmonitor.local>")],
        )?;
    }
    Ok(n == 1)
}

impl Store {
    /// Records the reports of a run and queues their mails (`held` ones wait for a release) in
    /// one transaction. Mails whose `dedup_key` is already queued are skipped; returns how many
    /// were queued.
    pub fn record_reports(
        &self,
        run_id: i64,
        reports: &[NewReport],
        held: bool,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let status = if held {
            MailStatus::Held
        } else {
            MailStatus::Pending
        };
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        let mut queued = 0;
        for r in reports {
            tx.execute(
                "INSERT INTO reports (run_id, period, audience_kind, audience_code, path, sha256, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![run_id, r.period.to_string(), r.audience.kind(), r.audience.code(), r.path, r.sha256, ts(now)],
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
        tx.commit().map_err(|e| self.err(e))?;
        Ok(queued)
    }

    /// Queues a single mail without a report (operator alerts); `false` when the key exists.
    pub fn queue_mail(&self, run_id: i64, m: &NewMail, now: DateTime<Utc>) -> Result<bool> {
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        let queued =
            insert_mail(&tx, run_id, None, m, MailStatus::Pending, now).map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(queued)
    }

    /// Releases a held run: its held mails become pending.
    pub fn release(&self, run_id: i64, now: DateTime<Utc>) -> Result<usize> {
        let run = self.run(run_id)?;
        if run.status != RunStatus::Held {
            return Err(StoreError::NotHeld {
                run: run_id,
                status: run.status,
            });
        }
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
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

    pub fn run_reports(&self, run_id: i64) -> Result<Vec<ReportRow>> {
        self.rows(
            &format!("SELECT {REPORT_COLS} FROM reports WHERE run_id = ?1 ORDER BY id"),
            params![run_id],
            report_from_row,
        )
    }

    /// Mails due for a (re)try: pending ones whose time has come, and ones left `sending` by a
    /// process that died mid-send.
    pub fn due_mails(&self, now: DateTime<Utc>) -> Result<Vec<OutboxRow>> {
        self.rows(
            &format!(
                "SELECT {OUTBOX_COLS} FROM outbox WHERE (status = ?2 AND next_attempt_at <= ?1) OR status = ?3 ORDER BY id"
            ),
            params![ts(now), MailStatus::Pending, MailStatus::Sending],
            outbox_from_row,
        )
    }

    pub fn outbox(&self, run_id: Option<i64>) -> Result<Vec<OutboxRow>> {
        self.rows(
            &format!(
                "SELECT {OUTBOX_COLS} FROM outbox WHERE (?1 IS NULL OR run_id = ?1) ORDER BY id"
            ),
            params![run_id],
            outbox_from_row,
        )
    }

    pub fn mark_sending(&self, id: i64) -> Result<()> {
        self.conn
            .execute(
                "UPDATE outbox SET status = ?2, attempts = attempts + 1 WHERE id = ?1",
                params![id, MailStatus::Sending],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn mark_sent(&self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.conn
            .execute(
                "UPDATE outbox SET status = ?3, sent_at = ?2, last_error = NULL WHERE id = ?1",
                params![id, ts(now), MailStatus::Sent],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn mark_retry(&self, id: i64, error: &str, next: DateTime<Utc>) -> Result<()> {
        self.conn
            .execute(
                "UPDATE outbox SET status = ?4, last_error = ?2, next_attempt_at = ?3 WHERE id = ?1",
                params![id, error, ts(next), MailStatus::Pending],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn mark_failed(&self, id: i64, error: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE outbox SET status = ?3, last_error = ?2 WHERE id = ?1",
                params![id, error, MailStatus::Failed],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn count_mails(&self, status: MailStatus) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM outbox WHERE status = ?1",
                params![status],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }
}
