//! The e-mail outbox (`outbox`) and its blocked state (`outbox_state`). A sender claims one row
//! at a time, atomically, with its owner id and a lease; only the owner can settle the row. Rows
//! left `sending` by a process that died are reclaimed by the next holder of the state lock (or
//! when their lease ends).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::connection::{parse_ts, ts, Result, Store, StoreError};
use super::kinds::MailStatus;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub id: i64,
    pub report_id: Option<i64>,
    /// `None`: a mail of no run (a portal sign-in link).
    pub run_id: Option<i64>,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// The HTML alternative of the body (report mails), when there is one.
    pub body_html: Option<String>,
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
    /// An HTML alternative of `body`.
    pub body_html: Option<String>,
}

const OUTBOX_COLS: &str = "id, report_id, run_id, recipient, subject, body, status, attempts, last_error, message_id, next_attempt_at, sent_at, body_html";

fn outbox_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxRow> {
    Ok(OutboxRow {
        id: r.get(0)?,
        report_id: r.get(1)?,
        run_id: r.get(2)?,
        recipient: r.get(3)?,
        subject: r.get(4)?,
        body: r.get(5)?,
        body_html: r.get(12)?,
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
pub(super) fn insert_mail(
    tx: &Transaction<'_>,
    run_id: i64,
    report_id: Option<i64>,
    m: &NewMail,
    status: MailStatus,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    let n = tx.execute(
        "INSERT OR IGNORE INTO outbox (report_id, run_id, dedup_key, recipient, subject, body, status, message_id, next_attempt_at, body_html)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', ?8, ?9)",
        params![report_id, run_id, m.dedup_key, m.recipient, m.subject, m.body, status, ts(now), m.body_html],
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

/// The outbox's transport state: whether sending is blocked, since when, and the backoff.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OutboxState {
    pub blocked_since: Option<DateTime<Utc>>,
    pub failures: i64,
    pub next_try_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub alerted_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Queues a single mail without a report (operator alerts); `false` when the key exists.
    pub fn queue_mail(&self, run_id: i64, m: &NewMail, now: DateTime<Utc>) -> Result<bool> {
        let tx = self.write_tx()?;
        let queued =
            insert_mail(&tx, run_id, None, m, MailStatus::Pending, now).map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(queued)
    }

    /// Queues a mail that belongs to no run (a portal sign-in link, the operator's notices);
    /// `false` when the key exists.
    pub fn queue_runless_mail(&self, m: &NewMail, now: DateTime<Utc>) -> Result<bool> {
        let tx = self.write_tx()?;
        let n = tx
            .execute(
                "INSERT OR IGNORE INTO outbox (report_id, run_id, dedup_key, recipient, subject, body, status, message_id, next_attempt_at, body_html)
                 VALUES (NULL, NULL, ?1, ?2, ?3, ?4, ?5, '', ?6, ?7)",
                params![m.dedup_key, m.recipient, m.subject, m.body, MailStatus::Pending, ts(now), m.body_html],
            )
            .map_err(|e| self.err(e))?;
        if n == 1 {
            let id = tx.last_insert_rowid();
            tx.execute(
                "UPDATE outbox SET message_id = ?2 WHERE id = ?1",
                params![id, format!("<woonmonitor.{id}.service@woonmonitor.local>")],
            )
            .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(n == 1)
    }

    /// Claims the first due row after `after_id` for `owner` until `lease_until`, atomically:
    /// a pending row whose time has come, or a `sending` row whose lease has ended.
    pub fn claim_mail(
        &self,
        owner: &str,
        after_id: i64,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
    ) -> Result<Option<OutboxRow>> {
        self.conn
            .query_row(
                &format!(
                    "UPDATE outbox SET status = ?1, owner = ?2, lease_until = ?3, attempts = attempts + 1
                     WHERE id = (SELECT id FROM outbox WHERE id > ?4 AND (
                         (status = ?5 AND next_attempt_at <= ?6) OR (status = ?1 AND lease_until <= ?6))
                         ORDER BY id LIMIT 1)
                     RETURNING {OUTBOX_COLS}"
                ),
                params![
                    MailStatus::Sending,
                    owner,
                    ts(lease_until),
                    after_id,
                    MailStatus::Pending,
                    ts(now)
                ],
                outbox_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Rows left `sending` by an earlier holder of the state lock go back to the queue (that
    /// process is gone: the lock proves it). Returns how many.
    pub fn reclaim_sending(&self, now: DateTime<Utc>) -> Result<usize> {
        self.conn
            .execute(
                "UPDATE outbox SET status = ?1, owner = NULL, lease_until = NULL, next_attempt_at = ?2 WHERE status = ?3",
                params![MailStatus::Pending, ts(now), MailStatus::Sending],
            )
            .map_err(|e| self.err(e))
    }

    /// Settles a claimed row; only its owner can. `false` when the row is no longer ours.
    fn settle(
        &self,
        id: i64,
        owner: &str,
        set: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<bool> {
        let mut all: Vec<&dyn rusqlite::ToSql> = vec![&id, &owner];
        all.extend_from_slice(values);
        let n = self
            .conn
            .execute(
                &format!(
                    "UPDATE outbox SET owner = NULL, lease_until = NULL, {set} WHERE id = ?1 AND owner = ?2 AND status = 'sending'"
                ),
                rusqlite::params_from_iter(all),
            )
            .map_err(|e| self.err(e))?;
        Ok(n == 1)
    }

    pub fn mark_sent(&self, id: i64, owner: &str, now: DateTime<Utc>) -> Result<bool> {
        self.settle(
            id,
            owner,
            "status = ?3, sent_at = ?4, last_error = NULL",
            &[&MailStatus::Sent, &ts(now)],
        )
    }

    /// Back to the queue, tried again at `next`.
    pub fn mark_retry(
        &self,
        id: i64,
        owner: &str,
        error: &str,
        next: DateTime<Utc>,
    ) -> Result<bool> {
        self.settle(
            id,
            owner,
            "status = ?3, last_error = ?4, next_attempt_at = ?5",
            &[&MailStatus::Pending, &error, &ts(next)],
        )
    }

    pub fn mark_failed(&self, id: i64, owner: &str, error: &str) -> Result<bool> {
        self.settle(
            id,
            owner,
            "status = ?3, last_error = ?4",
            &[&MailStatus::Failed, &error],
        )
    }

    /// Failed mails (one, or all with `None`) go back to the queue, due now. Returns how many.
    pub fn requeue_failed(&self, id: Option<i64>, now: DateTime<Utc>) -> Result<usize> {
        if let Some(id) = id {
            let row = self.mail(id)?;
            if row.status != MailStatus::Failed {
                return Err(StoreError::MailNotFailed {
                    id,
                    status: row.status,
                });
            }
        }
        self.conn
            .execute(
                "UPDATE outbox SET status = ?1, next_attempt_at = ?2, attempts = 0 WHERE status = ?3 AND (?4 IS NULL OR id = ?4)",
                params![MailStatus::Pending, ts(now), MailStatus::Failed, id],
            )
            .map_err(|e| self.err(e))
    }

    /// Withdraws a mail that is not sent yet (pending, held or failed).
    pub fn cancel_mail(&self, id: i64) -> Result<()> {
        let row = self.mail(id)?;
        if !matches!(
            row.status,
            MailStatus::Pending | MailStatus::Held | MailStatus::Failed
        ) {
            return Err(StoreError::MailNotCancellable {
                id,
                status: row.status,
            });
        }
        self.conn
            .execute(
                "UPDATE outbox SET status = ?2 WHERE id = ?1 AND status = ?3",
                params![id, MailStatus::Cancelled, row.status],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn mail(&self, id: i64) -> Result<OutboxRow> {
        self.conn
            .query_row(
                &format!("SELECT {OUTBOX_COLS} FROM outbox WHERE id = ?1"),
                params![id],
                outbox_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(StoreError::NotFound {
                what: "mail",
                id,
                hint: "; `woonmonitor mails` lists the outbox",
            })
    }

    /// The mails of a run (all with `None`), oldest first.
    pub fn outbox(&self, run_id: Option<i64>) -> Result<Vec<OutboxRow>> {
        self.rows(
            &format!(
                "SELECT {OUTBOX_COLS} FROM outbox WHERE (?1 IS NULL OR run_id = ?1) ORDER BY id"
            ),
            params![run_id],
            outbox_from_row,
        )
    }

    /// The newest mails, optionally of one status, newest first.
    pub fn outbox_latest(
        &self,
        status: Option<MailStatus>,
        limit: usize,
    ) -> Result<Vec<OutboxRow>> {
        self.rows(
            &format!(
                "SELECT {OUTBOX_COLS} FROM outbox WHERE (?1 IS NULL OR status = ?1) ORDER BY id DESC LIMIT ?2"
            ),
            params![status, limit as i64],
            outbox_from_row,
        )
    }

    /// Mails waiting for their (next) attempt.
    pub fn pending_mails(&self) -> Result<i64> {
        self.count_mails(MailStatus::Pending)
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

    pub fn outbox_state(&self) -> Result<OutboxState> {
        self.conn
            .query_row(
                "SELECT blocked_since, failures, next_try_at, last_error, alerted_at FROM outbox_state WHERE id = 1",
                [],
                |r| {
                    let t = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
                        Ok(r.get::<_, Option<String>>(i)?.as_deref().and_then(parse_ts))
                    };
                    Ok(OutboxState {
                        blocked_since: t(0)?,
                        failures: r.get(1)?,
                        next_try_at: t(2)?,
                        last_error: r.get(3)?,
                        alerted_at: t(4)?,
                    })
                },
            )
            .map_err(|e| self.err(e))
    }

    /// The transport failed at `now`: blocked since the first such failure, no pass before
    /// `next_try_at`.
    pub fn transport_failed(
        &self,
        error: &str,
        now: DateTime<Utc>,
        next_try_at: DateTime<Utc>,
    ) -> Result<()> {
        self.conn
            .execute(
                "UPDATE outbox_state SET blocked_since = COALESCE(blocked_since, ?1), failures = failures + 1,
                 next_try_at = ?2, last_error = ?3 WHERE id = 1",
                params![ts(now), ts(next_try_at), error],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The transport works again.
    pub fn transport_ok(&self) -> Result<()> {
        self.conn
            .execute(
                "UPDATE outbox_state SET blocked_since = NULL, failures = 0, next_try_at = NULL,
                 last_error = NULL, alerted_at = NULL WHERE id = 1",
                [],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The operator has been told about the current blockage.
    pub fn outbox_alerted(&self, now: DateTime<Utc>) -> Result<()> {
        self.conn
            .execute(
                "UPDATE outbox_state SET alerted_at = ?1 WHERE id = 1",
                params![ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}
