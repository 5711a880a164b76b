//! The operator commands. One that changes state never acts beside the daemon: it takes the
//! state lock and acts itself, or, when a daemon holds the lock, hands the command to it over the
//! local socket and prints its answer; when another command holds the lock, it waits.

use std::time::Duration;

use super::{runtime, Error};
use crate::config::Settings;
use crate::service::commands::{Command, Outcome};
use crate::service::local::{self, Reply};
use crate::service::lock;
use crate::service::mail::{SendError, Transport};
use crate::service::outbox::SendStats;
use crate::service::store::{MailStatus, RunStatus, Trigger};
use crate::service::Service;

/// Runs a state-changing command here or in the daemon, and prints what it did.
pub(super) fn run(service: &Service, command: Command) -> Result<(), Error> {
    let outcome = perform(service, &command)?;
    print_outcome(&outcome);
    match outcome {
        Outcome::Pulled { run, .. } if run.status == RunStatus::Failed => Err(Error::PullFailed {
            run: run.id,
            error: run.error.unwrap_or_default(),
        }),
        _ => Ok(()),
    }
}

fn perform(service: &Service, command: &Command) -> Result<Outcome, Error> {
    let dir = service.state_dir();
    let timeout = Duration::from_secs(service.settings.schedule.run_timeout_secs.max(1) + 60);
    let mut told = false;
    loop {
        let held = match lock::try_lock(dir, command.role())? {
            Ok(lock) => return act(service, command, lock),
            Err(holder) => holder,
        };
        if held.is_daemon() {
            match local::request(dir, command, timeout) {
                Ok(Reply::Done { outcome }) => {
                    eprintln!("(done by the running daemon: {held})");
                    return Ok(*outcome);
                }
                Ok(Reply::Failed { message, class }) => {
                    return Err(Error::Remote { message, class })
                }
                Ok(Reply::Busy) => {
                    if !told {
                        eprintln!("the daemon is busy; waiting for a free place in its queue");
                        told = true;
                    }
                    std::thread::sleep(Duration::from_secs(2));
                    continue;
                }
                // No socket (a daemon that is starting or stopping): wait for the lock.
                Err(e) => tracing::warn!(error = %e, "the daemon does not answer on its socket"),
            }
        }
        eprintln!("waiting for {held} to finish…");
        let lock = lock::lock_waiting(dir, command.role())?;
        return act(service, command, lock);
    }
}

/// Runs the command here, holding the lock.
fn act(service: &Service, command: &Command, _lock: lock::StateLock) -> Result<Outcome, Error> {
    let now = chrono::Utc::now();
    service.recover(now)?;
    let generated_at = crate::clock::generation_time(service.settings.time_zone());
    Ok(runtime().block_on(service.perform(command, Trigger::Manual, now, generated_at))?)
}

fn print_mail_stats(stats: &SendStats) {
    outln!(
        "mail: {} sent, {} to retry, {} failed{}",
        stats.sent,
        stats.retried,
        stats.failed,
        if stats.blocked {
            " (the mail server cannot be reached; the mails stay queued)"
        } else {
            ""
        }
    );
}

fn print_outcome(outcome: &Outcome) {
    match outcome {
        Outcome::Pulled { run, snapshots } => {
            outln!(
                "pull run {}: {}{}",
                run.id,
                run.status,
                run.error
                    .as_ref()
                    .map(|e| format!(" ({e})"))
                    .unwrap_or_default()
            );
            for s in snapshots {
                outln!(
                    "  {:<20} {}  {} bytes  from {}",
                    s.feed,
                    &s.sha256[..12],
                    s.bytes,
                    s.origin
                );
            }
        }
        Outcome::Regenerated { run, reports, mail } => {
            let period = run.label.clone().unwrap_or_default();
            outln!("report run {} for {period}: {}", run.id, run.status);
            for r in reports {
                outln!("  {}", r.path);
            }
            if let Some(reason) = &run.hold_reason {
                outln!(
                    "held for review: {reason}\n  release with: woonmonitor release {}",
                    run.id
                );
            } else if let Some(stats) = mail {
                print_mail_stats(stats);
            }
        }
        Outcome::Released { run, queued, mail } => {
            outln!("run {run} released: {queued} mail(s) queued");
            print_mail_stats(mail);
        }
        Outcome::Requeued { count, mail } => {
            outln!("{count} mail(s) queued again");
            print_mail_stats(mail);
        }
        Outcome::Cancelled { id } => outln!("mail {id} cancelled"),
    }
}

/// `woonmonitor runs`.
pub(super) fn list_runs(service: &Service, limit: usize) -> Result<(), Error> {
    let store = service.store()?;
    outln!(
        "{:>5}  {:<7} {:<10} {:<8} {:<10} {:<24} problem",
        "run",
        "kind",
        "trigger",
        "period",
        "status",
        "started (UTC)"
    );
    for r in store.runs(limit)? {
        let mails = store.outbox(Some(r.id))?;
        let sent = mails
            .iter()
            .filter(|m| m.status == MailStatus::Sent)
            .count();
        let scope = match &r.scope {
            crate::domain::Selection::All => String::new(),
            s => format!("only {s}  "),
        };
        let problem = r.error.or(r.hold_reason).or(r.note).unwrap_or_default();
        outln!(
            "{:>5}  {:<7} {:<10} {:<8} {:<10} {:<24} {scope}{}{}",
            r.id,
            r.kind.as_str(),
            r.trigger.as_str(),
            r.label.clone().unwrap_or_default(),
            r.status.as_str(),
            r.started_at,
            if mails.is_empty() {
                String::new()
            } else {
                format!("mails {sent}/{} sent  ", mails.len())
            },
            problem
        );
    }
    Ok(())
}

/// `woonmonitor mails`: the newest mails first.
pub(super) fn list_mails(
    service: &Service,
    status: Option<&str>,
    limit: usize,
) -> Result<(), Error> {
    let status = match status {
        None => None,
        Some(s) => Some(MailStatus::parse(s).ok_or_else(|| {
            Error::Usage(format!(
                "--status {s:?}: choose one of {}",
                MailStatus::ALL
                    .iter()
                    .map(|m| m.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?),
    };
    let store = service.store()?;
    let state = store.outbox_state()?;
    if let Some(since) = state.blocked_since {
        outln!(
            "the mail server has been unreachable since {} UTC: {}",
            since.format("%Y-%m-%d %H:%M"),
            state.last_error.unwrap_or_default()
        );
    }
    outln!(
        "{:>5}  {:>5}  {:<9} {:>8}  {:<32} {:<24} problem",
        "mail",
        "run",
        "status",
        "attempts",
        "recipient",
        "sent / next attempt (UTC)"
    );
    for m in store.outbox_latest(status, limit)? {
        let when = match m.status {
            MailStatus::Sent => m.sent_at.clone().unwrap_or_default(),
            MailStatus::Pending => m.next_attempt_at.clone(),
            _ => String::new(),
        };
        outln!(
            "{:>5}  {:>5}  {:<9} {:>8}  {:<32} {:<24} {}",
            m.id,
            m.run_id,
            m.status.as_str(),
            m.attempts,
            m.recipient,
            when,
            m.last_error.unwrap_or_default()
        );
    }
    Ok(())
}

/// `check-config --smtp`: connect, start TLS, log in, say what is wrong.
pub(super) fn check_smtp(settings: &Settings) -> Result<(), Error> {
    let Some(smtp) = &settings.mail.smtp else {
        outln!(
            "  mail: no [mail.smtp]; mails are written as .eml files to {}",
            settings.mail.outbox_dir.display()
        );
        return Ok(());
    };
    // The transport's connection pool lives on the runtime: build it there.
    let checked = runtime().block_on(async {
        let transport = Transport::from_settings(settings)?;
        Ok::<_, crate::service::mail::MailError>(transport.check().await)
    });
    match checked.map_err(crate::service::ServiceError::from)? {
        Ok(_) => {
            outln!(
                "  mail: connected to {}:{} ({}){} — OK",
                smtp.host,
                smtp.port,
                smtp.tls,
                if smtp.username.is_some() {
                    ", logged in"
                } else {
                    ""
                }
            );
            Ok(())
        }
        Err(SendError::Transport(e) | SendError::Message(e) | SendError::Recipient(e)) => {
            Err(Error::Usage(format!(
                "mail server {}:{} ({}): {e}\n  what to do: check mail.smtp (host, port, tls), the password and, for an internal certificate authority, mail.smtp.ca_file",
                smtp.host, smtp.port, smtp.tls
            )))
        }
    }
}
