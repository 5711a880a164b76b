//! The outbox worker: sends every due outbox row once per pass. Transient failures are retried
//! with exponential backoff ([`retry_wait_secs`]), permanent ones are marked failed and reported
//! to the operator.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::mail::{self, MailTexts, SendError, Transport};
use super::store::{NewMail, OutboxRow, Store};
use super::ServiceError;
use crate::config::Settings;

/// What one pass of the worker did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SendStats {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

/// Seconds to wait before attempt `attempts + 1` after `attempts` failed ones:
/// `base × 2^(attempts − 1)`, the exponent capped at 16.
pub fn retry_wait_secs(base: u64, attempts: i64) -> u64 {
    base.saturating_mul(1 << (attempts - 1).clamp(0, 16))
}

/// Sends every due outbox row once (and the operator alerts that this queues).
pub async fn send_due(
    settings: &Settings,
    store: &mut Store,
    transport: &Transport,
    texts: &MailTexts,
    now: DateTime<Utc>,
) -> Result<SendStats, ServiceError> {
    let mut stats = SendStats::default();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..3 {
        let due: Vec<OutboxRow> = store
            .due_mails(now)?
            .into_iter()
            .filter(|r| seen.insert(r.id))
            .collect();
        if due.is_empty() {
            break;
        }
        for row in due {
            send_row(settings, store, transport, texts, now, row, &mut stats).await?;
        }
    }
    Ok(stats)
}

async fn send_row(
    settings: &Settings,
    store: &mut Store,
    transport: &Transport,
    texts: &MailTexts,
    now: DateTime<Utc>,
    row: OutboxRow,
    stats: &mut SendStats,
) -> Result<(), ServiceError> {
    let attachment = match row.report_id {
        Some(id) => {
            let report = store.report(id)?;
            match std::fs::read(&report.path) {
                Ok(bytes) => {
                    let name = Path::new(&report.path)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    Some((name, bytes))
                }
                Err(e) => {
                    store.mark_failed(
                        row.id,
                        &format!("report file {} cannot be read: {e}", report.path),
                    )?;
                    stats.failed += 1;
                    return Ok(());
                }
            }
        }
        None => None,
    };
    let msg = match mail::build(
        settings,
        &row,
        attachment.as_ref().map(|(n, b)| (n.as_str(), b.clone())),
        now,
    ) {
        Ok(m) => m,
        Err(e) => {
            let e = e.to_string();
            store.mark_failed(row.id, &e)?;
            stats.failed += 1;
            alert(settings, store, texts, &row, &e, now)?;
            return Ok(());
        }
    };
    store.mark_sending(row.id)?;
    match transport.send(row.id, &msg).await {
        Ok(()) => {
            store.mark_sent(row.id, now)?;
            stats.sent += 1;
            tracing::info!(outbox = row.id, recipient = %row.recipient, "mail sent");
        }
        Err(e) => {
            let attempts = row.attempts + 1;
            let permanent = matches!(e, SendError::Permanent(_));
            let e = e.to_string();
            if permanent || attempts >= settings.mail.max_attempts as i64 {
                store.mark_failed(row.id, &e)?;
                stats.failed += 1;
                tracing::error!(outbox = row.id, recipient = %row.recipient, error = %e, "mail failed permanently");
                alert(settings, store, texts, &row, &e, now)?;
            } else {
                let wait = retry_wait_secs(settings.mail.retry_base_secs, attempts);
                store.mark_retry(row.id, &e, now + chrono::Duration::seconds(wait as i64))?;
                stats.retried += 1;
                tracing::warn!(outbox = row.id, recipient = %row.recipient, error = %e, retry_in_secs = wait, "mail will be retried");
            }
        }
    }
    Ok(())
}

/// Tells the operator (if configured) that a mail could not be delivered.
fn alert(
    settings: &Settings,
    store: &Store,
    texts: &MailTexts,
    row: &OutboxRow,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let Some(op) = &settings.mail.operator else {
        return Ok(());
    };
    if op == &row.recipient {
        return Ok(()); // never alert about an alert to the same address
    }
    let run = store.run(row.run_id)?;
    let ctx = minijinja::context! {
        recipient => row.recipient.clone(),
        subject => row.subject.clone(),
        error => error,
        run => row.run_id,
        period => run.period.map(|p| p.to_string()).unwrap_or_default(),
    };
    store.queue_mail(
        row.run_id,
        &NewMail {
            dedup_key: format!("alert|outbox|{}", row.id),
            recipient: op.clone(),
            subject: texts.render("subject_alert", &ctx)?,
            body: texts.render("body_alert", &ctx)?,
        },
        now,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_waits_double_from_the_base_and_stop_growing() {
        assert_eq!(retry_wait_secs(30, 1), 30);
        assert_eq!(retry_wait_secs(30, 2), 60);
        assert_eq!(retry_wait_secs(30, 4), 240);
        assert_eq!(retry_wait_secs(30, 17), 30 << 16);
        assert_eq!(retry_wait_secs(30, 40), 30 << 16, "the exponent is capped");
        assert_eq!(retry_wait_secs(0, 5), 0);
        assert_eq!(retry_wait_secs(u64::MAX, 3), u64::MAX, "no overflow");
    }
}
