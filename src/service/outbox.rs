//! The outbox worker: one pass sends every due outbox row once. Each row is claimed atomically
//! (owner and lease) before it is handed to the transport, and settled by its owner after.
//!
//! What happens on failure depends on whose fault it is (see `mail::SendError`):
//! - the server refused this recipient for good (55x): the mail fails, the operator is told;
//! - the server put this message off (45x): the mail is retried with capped backoff;
//! - the server or the way to it is in trouble (no connection, time-out, TLS, 421, wrong
//!   password): no mail fails; the pass stops and the whole outbox waits with capped backoff.
//!   Once it has been blocked longer than `mail.alert_blocked_after_minutes` the operator is told
//!   once (log, `/metrics`, and a mail that goes out when the server is back).
//!
//! Before a report is attached, its bytes are checked against the SHA-256 recorded with the
//! report: a changed file is never sent (the mail fails and the operator is told).

use std::path::Path;

use chrono::{DateTime, Utc};

use super::error::ServiceError;
use super::handle::Service;
use super::mail::{self, MailTexts, SendError, Transport};
use crate::config::Settings;
use crate::store::{NewMail, OutboxRow, Store};

/// What one pass of the worker did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SendStats {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    /// The pass stopped (or did not start) because the mail server is unreachable.
    pub blocked: bool,
}

/// Seconds to wait before attempt `attempts + 1` after `attempts` failed ones:
/// `base × 2^(attempts − 1)`, at most `max`.
pub fn retry_wait_secs(base: u64, max: u64, attempts: i64) -> u64 {
    base.saturating_mul(1 << (attempts - 1).clamp(0, 16))
        .min(max)
}

/// How long a claim holds: well past the SMTP time-out of one message.
fn lease_secs(settings: &Settings) -> i64 {
    let timeout = settings.mail.smtp.as_ref().map_or(30, |s| s.timeout_secs);
    (timeout.saturating_mul(4)).max(600) as i64
}

/// The owner, the transport and the wording of one pass.
pub struct Pass<'a> {
    pub settings: &'a Settings,
    pub transport: &'a Transport,
    pub texts: &'a MailTexts,
    /// This process (`Service::instance`).
    pub owner: &'a str,
    pub now: DateTime<Utc>,
}

/// Sends every due outbox row once (and the operator alerts that this queues). A connection is
/// taken for each step that needs the store and given back before the transport is waited for.
async fn send_due(pass: &Pass<'_>, service: &Service) -> Result<SendStats, ServiceError> {
    let mut stats = SendStats::default();
    let state = service.store()?.outbox_state()?;
    if state.next_try_at.is_some_and(|t| t > pass.now) {
        stats.blocked = true;
    } else {
        let lease = chrono::Duration::seconds(lease_secs(pass.settings));
        let mut after = 0;
        loop {
            let claimed = {
                let store = service.store()?;
                match store.claim_mail(pass.owner, after, pass.now, pass.now + lease)? {
                    Some(row) => {
                        after = row.id;
                        prepare(pass, &store, &row, &mut stats)?.map(|msg| (row, msg))
                    }
                    None => break,
                }
            };
            let Some((row, msg)) = claimed else {
                continue; // failed before sending (the operator is told)
            };
            let sent = pass.transport.send(row.id, &msg).await;
            if !settle(pass, &*service.store()?, &row, sent, &mut stats)? {
                break;
            }
        }
    }
    tell_when_blocked(pass, &*service.store()?)?;
    Ok(stats)
}

/// A claimed row's message with its attachments checked against their recorded hashes; `None`
/// when it cannot be sent (the row is marked failed and the operator told).
fn prepare(
    pass: &Pass<'_>,
    store: &Store,
    row: &OutboxRow,
    stats: &mut SendStats,
) -> Result<Option<lettre::Message>, ServiceError> {
    let (settings, now) = (pass.settings, pass.now);
    let attachment = match row.report_id {
        Some(id) => {
            let report = store.report(id)?;
            match std::fs::read(&report.path) {
                Ok(bytes) if crate::files::sha256_hex(&bytes) == report.sha256 => {
                    let name = Path::new(&report.path)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    Some((name, bytes))
                }
                Ok(_) => {
                    let e = format!(
                        "report file {} has changed since run {} made it (SHA-256 differs); not sent",
                        report.path, report.run_id
                    );
                    fail(pass, store, row, &e, stats)?;
                    return Ok(None);
                }
                Err(e) => {
                    let e = format!("report file {} cannot be read: {e}", report.path);
                    fail(pass, store, row, &e, stats)?;
                    return Ok(None);
                }
            }
        }
        None => None,
    };
    let mut attachments: Vec<(String, Vec<u8>)> = attachment.into_iter().collect();
    // The Excel annex beside the archived document, when the configuration asks for it:
    // checked against its SHA-256 like the document (one made by an older version, without a
    // recorded hash, is left out rather than sent unchecked).
    if settings.mail.attach_annex {
        if let Some(report_id) = row.report_id {
            let report = store.report(report_id)?;
            let name = attachments
                .first()
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            let annex = crate::render::annex_name(&name);
            let path = Path::new(&report.path).with_file_name(&annex);
            match (&report.annex_sha256, std::fs::read(&path)) {
                (Some(want), Ok(bytes)) if crate::files::sha256_hex(&bytes) == *want => {
                    attachments.push((annex, bytes));
                }
                (Some(_), Ok(_)) => {
                    let e = format!(
                        "annex {} has changed since run {} made it (SHA-256 differs); not sent",
                        path.display(),
                        report.run_id
                    );
                    fail(pass, store, row, &e, stats)?;
                    return Ok(None);
                }
                (Some(_), Err(e)) => {
                    let e = format!("annex {} cannot be read: {e}", path.display());
                    fail(pass, store, row, &e, stats)?;
                    return Ok(None);
                }
                (None, _) => tracing::warn!(
                    report = report.id,
                    "the report was made by an older version without the annex's hash: sent without the annex"
                ),
            }
        }
    }
    match mail::build(settings, row, &attachments, now) {
        Ok(m) => Ok(Some(m)),
        Err(e) => {
            fail(pass, store, row, &e.to_string(), stats)?;
            Ok(None)
        }
    }
}

/// Records what the transport said of a row; `false` when the transport is in trouble and the
/// pass must stop.
fn settle(
    pass: &Pass<'_>,
    store: &Store,
    row: &OutboxRow,
    sent: Result<(), SendError>,
    stats: &mut SendStats,
) -> Result<bool, ServiceError> {
    let (settings, now) = (pass.settings, pass.now);
    match sent {
        Ok(()) => {
            store.mark_sent(row.id, pass.owner, now)?;
            if store.outbox_state()?.blocked_since.is_some() {
                tracing::info!("the mail server accepts mail again");
            }
            store.transport_ok()?;
            stats.sent += 1;
            tracing::info!(outbox = row.id, recipient = %row.recipient, "mail sent");
            Ok(true)
        }
        Err(SendError::Recipient(e)) => {
            tracing::error!(outbox = row.id, recipient = %row.recipient, error = %e, "mail refused for good");
            fail(pass, store, row, &e, stats)?;
            Ok(true)
        }
        Err(SendError::Message(e)) => {
            let m = &settings.mail;
            let wait = retry_wait_secs(m.retry_base_secs, m.retry_max_secs, row.attempts);
            store.mark_retry(
                row.id,
                pass.owner,
                &e,
                now + chrono::Duration::seconds(wait as i64),
            )?;
            stats.retried += 1;
            tracing::warn!(outbox = row.id, recipient = %row.recipient, error = %e, retry_in_secs = wait, "mail put off by the server; will be retried");
            Ok(true)
        }
        Err(SendError::Transport(e)) => {
            // Not the mail's fault: it stays due; the outbox as a whole waits.
            store.mark_retry(row.id, pass.owner, &e, now)?;
            let failures = store.outbox_state()?.failures + 1;
            let m = &settings.mail;
            let wait = retry_wait_secs(m.retry_base_secs, m.retry_max_secs, failures);
            store.transport_failed(&e, now, now + chrono::Duration::seconds(wait as i64))?;
            stats.retried += 1;
            stats.blocked = true;
            tracing::warn!(error = %e, retry_in_secs = wait, "the mail server cannot be reached; the outbox waits");
            Ok(false)
        }
    }
}

/// Marks a mail failed and tells the operator.
fn fail(
    pass: &Pass<'_>,
    store: &Store,
    row: &OutboxRow,
    error: &str,
    stats: &mut SendStats,
) -> Result<(), ServiceError> {
    store.mark_failed(row.id, pass.owner, error)?;
    stats.failed += 1;
    alert(pass, store, row, error)
}

/// Tells the operator (if configured) that a mail could not be delivered.
fn alert(pass: &Pass<'_>, store: &Store, row: &OutboxRow, error: &str) -> Result<(), ServiceError> {
    let Some(op) = &pass.settings.mail.operator else {
        return Ok(());
    };
    if op == &row.recipient {
        return Ok(()); // never alert about an alert to the same address
    }
    let period = match row.run_id {
        Some(id) => store.run(id)?.period.map(|p| p.to_string()),
        None => None,
    };
    let ctx = minijinja::context! {
        recipient => row.recipient.clone(),
        subject => row.subject.clone(),
        error => error,
        run => row.run_id,
        period => period.unwrap_or_default(),
    };
    let alert = NewMail {
        dedup_key: format!("alert|outbox|{}", row.id),
        recipient: op.clone(),
        subject: pass.texts.render("subject_alert", &ctx)?,
        body: pass.texts.render("body_alert", &ctx)?,
        body_html: None,
    };
    match row.run_id {
        Some(run) => store.queue_mail(run, &alert, pass.now)?,
        None => store.queue_runless_mail(&alert, pass.now)?,
    };
    Ok(())
}

/// Once the outbox has been blocked longer than the configured time: an error in the log and a
/// mail to the operator (queued; it goes out when the server is back). Once per blockage.
fn tell_when_blocked(pass: &Pass<'_>, store: &Store) -> Result<(), ServiceError> {
    let state = store.outbox_state()?;
    let Some(since) = state.blocked_since else {
        return Ok(());
    };
    let limit = chrono::Duration::minutes(pass.settings.mail.alert_blocked_after_minutes as i64);
    if pass.now - since < limit || state.alerted_at.is_some() {
        return Ok(());
    }
    let waiting = store.pending_mails()?;
    let error = state.last_error.unwrap_or_default();
    tracing::error!(since = %since, waiting, error = %error, "the outbox has been blocked for longer than mail.alert_blocked_after_minutes: no mail can be delivered");
    if let Some(op) = &pass.settings.mail.operator {
        let tz = pass.settings.time_zone();
        let ctx = minijinja::context! {
            since => since.with_timezone(&tz).format("%d-%m-%Y %H:%M").to_string(),
            waiting => waiting,
            error => error,
        };
        let mail = NewMail {
            dedup_key: format!("blocked|{}", crate::store::ts(since)),
            recipient: op.clone(),
            subject: pass.texts.render("subject_blocked", &ctx)?,
            body: pass.texts.render("body_blocked", &ctx)?,
            body_html: None,
        };
        // Alerts belong to a run; the blockage has none, so it goes with the newest run.
        if let Some(run) = store.runs(1)?.first() {
            store.queue_mail(run.id, &mail, pass.now)?;
        }
    }
    store.outbox_alerted(pass.now)?;
    Ok(())
}

impl Service {
    /// Sends the due mails once.
    pub async fn send_mail(&self, now: DateTime<Utc>) -> Result<SendStats, ServiceError> {
        let transport = super::mail::Transport::from_settings(self.settings())?;
        let texts = super::mail::MailTexts::load(&self.settings().output.templates)?;
        let pass = Pass {
            settings: self.settings(),
            transport: &transport,
            texts: &texts,
            owner: self.instance(),
            now,
        };
        send_due(&pass, self).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_waits_double_from_the_base_up_to_the_cap() {
        assert_eq!(retry_wait_secs(30, 900, 1), 30);
        assert_eq!(retry_wait_secs(30, 900, 2), 60);
        assert_eq!(retry_wait_secs(30, 900, 4), 240);
        assert_eq!(retry_wait_secs(30, 900, 6), 900, "capped");
        assert_eq!(retry_wait_secs(30, u64::MAX, 17), 30 << 16);
        assert_eq!(
            retry_wait_secs(30, u64::MAX, 40),
            30 << 16,
            "the exponent is capped"
        );
        assert_eq!(retry_wait_secs(0, 900, 5), 0);
        assert_eq!(
            retry_wait_secs(u64::MAX, u64::MAX, 3),
            u64::MAX,
            "no overflow"
        );
    }
}
