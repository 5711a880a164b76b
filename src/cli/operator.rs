//! The mechanism of the state-changing operator commands (`pull`, `regenerate`, `release`,
//! `mails retry|cancel`), and the socket the listings (`runs`, `mails`) ask when the folder is
//! not this user's. A command that changes state never acts beside the daemon: it takes the
//! state lock and acts itself, or, when a daemon holds the lock, hands the command to it over the
//! local socket and prints its answer; when another command holds the lock, it waits. An
//! operator who may not open the state folder (a member of the daemon's group on an installed
//! service) hands every command, and asks every listing, to the daemon over its socket.

use std::time::Duration;

use super::error::{runtime, Error};
use crate::service::commands::{Command, Outcome};
use crate::service::lock;
use crate::service::outbox::SendStats;
use crate::service::Service;
use crate::store::{RunStatus, Trigger};
use crate::web::local::{self, Reply, Request};

/// How long a listing asked of the daemon may take.
pub(super) const LISTING_TIMEOUT: Duration = Duration::from_secs(60);

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
    let timeout = Duration::from_secs(service.settings().schedule.run_timeout_secs.max(1) + 60);
    let mut told = false;
    if !may_open(dir) {
        return loop {
            match ask(service, Request::Command(command.clone()), timeout)? {
                Reply::Done { outcome } => {
                    eprintln!("(done by the running daemon)");
                    break Ok(*outcome);
                }
                Reply::Busy => {
                    if !told {
                        eprintln!("the daemon is busy; waiting for a free place in its queue");
                        told = true;
                    }
                    std::thread::sleep(Duration::from_secs(2));
                }
                other => break Err(unexpected(other)),
            }
        };
    }
    loop {
        let held = match lock::try_lock(dir, command.role())? {
            Ok(lock) => return act(service, command, lock),
            Err(holder) => holder,
        };
        if held.is_daemon() {
            let request = Request::Command(command.clone());
            match local::request(&service.settings().state.socket_path(), &request, timeout) {
                Ok(Reply::Done { outcome }) => {
                    eprintln!("(done by the running daemon: {held})");
                    return Ok(*outcome);
                }
                Ok(Reply::Failed { message, class }) => {
                    return Err(Error::Remote { message, class })
                }
                Ok(Reply::Runs { .. } | Reply::Mails { .. }) => {
                    return Err(Error::Remote {
                        message: "the daemon answered with a listing".into(),
                        class: crate::service::ErrorClass::Internal,
                    })
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

/// Whether this user may open the state folder (not so for a member of the daemon's group on an
/// installed service: the folder is the daemon user's only). A folder that does not exist yet is
/// made by whoever acts first.
pub(super) fn may_open(dir: &std::path::Path) -> bool {
    !matches!(std::fs::read_dir(dir), Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied)
}

/// Asks the daemon over its socket, for an operator who may not open the state folder.
pub(super) fn ask(service: &Service, request: Request, timeout: Duration) -> Result<Reply, Error> {
    let socket = service.settings().state.socket_path();
    match local::request(&socket, &request, timeout) {
        Ok(Reply::Failed { message, class }) => Err(Error::Remote { message, class }),
        Ok(reply) => Ok(reply),
        Err(e) => Err(Error::Usage(format!(
            "the state folder {} is not yours to open, and the daemon does not answer on its socket: {e}\n  what to do: start the daemon (`systemctl start woonmonitor`), set state.socket to a place your group can reach (the package uses /run/woonmonitor/woonmonitor.sock), or run the command as root",
            service.state_dir().display()
        ))),
    }
}

pub(super) fn unexpected(reply: Reply) -> Error {
    Error::Remote {
        message: format!("the daemon gave an unexpected answer: {reply:?}"),
        class: crate::service::ErrorClass::Internal,
    }
}

/// Runs the command here, holding the lock.
fn act(service: &Service, command: &Command, _lock: lock::StateLock) -> Result<Outcome, Error> {
    let now = chrono::Utc::now();
    service.recover(now)?;
    let generated_at = crate::clock::generation_time(service.settings().time_zone());
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
