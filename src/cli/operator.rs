//! The operator commands. One that changes state never acts beside the daemon: it takes the
//! state lock and acts itself, or, when a daemon holds the lock, hands the command to it over the
//! local socket and prints its answer; when another command holds the lock, it waits. An
//! operator who may not open the state folder (a member of the daemon's group on an installed
//! service) hands every command, and asks every listing, to the daemon over its socket.

use std::time::Duration;

use super::{runtime, Error};
use crate::config::Settings;
use crate::service::commands::{Command, Outcome};
use crate::service::listings::{self, MailsListing, RunLine};
use crate::service::local::{self, Query, Reply, Request};
use crate::service::lock;
use crate::service::mail::{SendError, Transport};
use crate::service::outbox::SendStats;
use crate::service::store::{MailStatus, RunStatus, Trigger};
use crate::service::Service;

/// How long a listing asked of the daemon may take.
const LISTING_TIMEOUT: Duration = Duration::from_secs(60);

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
fn may_open(dir: &std::path::Path) -> bool {
    !matches!(std::fs::read_dir(dir), Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied)
}

/// Asks the daemon over its socket, for an operator who may not open the state folder.
fn ask(service: &Service, request: Request, timeout: Duration) -> Result<Reply, Error> {
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

fn unexpected(reply: Reply) -> Error {
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

/// `woonmonitor runs`.
pub(super) fn list_runs(service: &Service, limit: usize) -> Result<(), Error> {
    let runs = if may_open(service.state_dir()) {
        listings::runs(&*service.store()?, limit).map_err(crate::service::ServiceError::from)?
    } else {
        match ask(
            service,
            Request::Query(Query::Runs { limit }),
            LISTING_TIMEOUT,
        )? {
            Reply::Runs { runs } => runs,
            other => return Err(unexpected(other)),
        }
    };
    outln!(
        "{:>5}  {:<7} {:<10} {:<8} {:<10} {:<24} problem",
        "run",
        "kind",
        "trigger",
        "period",
        "status",
        "started (UTC)"
    );
    for RunLine {
        run: r,
        mails,
        sent,
    } in runs
    {
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
            if mails == 0 {
                String::new()
            } else {
                format!("mails {sent}/{mails} sent  ")
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
    let listing: MailsListing = if may_open(service.state_dir()) {
        listings::mails(&*service.store()?, status, limit)
            .map_err(crate::service::ServiceError::from)?
    } else {
        match ask(
            service,
            Request::Query(Query::Mails { status, limit }),
            LISTING_TIMEOUT,
        )? {
            Reply::Mails { listing } => listing,
            other => return Err(unexpected(other)),
        }
    };
    if let Some(since) = listing.blocked_since {
        outln!(
            "the mail server has been unreachable since {} UTC: {}",
            since.format("%Y-%m-%d %H:%M"),
            listing.last_error.unwrap_or_default()
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
    for m in listing.mails {
        outln!(
            "{:>5}  {:>5}  {:<9} {:>8}  {:<32} {:<24} {}",
            m.id,
            m.run_id.map_or("-".to_string(), |r| r.to_string()),
            m.status.as_str(),
            m.attempts,
            m.recipient,
            m.when,
            m.problem
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

/// `woonmonitor accounts add|list|disable`.
pub(super) fn accounts(service: &Service, action: super::AccountsAction) -> Result<(), Error> {
    use super::AccountsAction;
    use crate::service::store::Organisation;
    let by = format!(
        "cli:{}",
        std::env::var("SUDO_USER")
            .or_else(|_| std::env::var("USER"))
            .unwrap_or_else(|_| "operator".into())
    );
    let now = chrono::Utc::now();
    match action {
        AccountsAction::Add {
            email,
            corporation,
            source: _,
        } => {
            let email = crate::domain::EmailAddress::parse(&email)
                .map_err(|e| Error::Usage(format!("--email: {e}")))?;
            let organisation = match corporation {
                Some(c) => Organisation::Corporation(
                    service
                        .reference()
                        .corporation(&c)
                        .map(|k| k.code.clone())
                        .ok_or_else(|| Error::Usage(format!("--corporation {c:?} is not a configured corporation; use one of: {}", service.settings().corporations.iter().map(|k| k.code.as_str()).collect::<Vec<_>>().join(", "))))?,
                ),
                None => Organisation::Applications,
            };
            if service.portal_feeds(&organisation).is_empty() {
                eprintln!("note: no feed of {organisation} has `portal = true`; they can sign in and see documents, but deliver nothing");
            }
            match service.invite(email.as_str(), &organisation, &by, now)? {
                true => outln!(
                    "invited {} ({organisation}){}",
                    email.as_str().to_lowercase(),
                    if service.settings().portal.enabled {
                        "; an invitation mail is queued"
                    } else {
                        "; the portal is off ([portal] enabled = false): no mail was sent"
                    }
                ),
                false => outln!("{} has an account already", email.as_str().to_lowercase()),
            }
        }
        AccountsAction::List => {
            let accounts = service
                .store()?
                .accounts()
                .map_err(crate::service::ServiceError::from)?;
            outln!(
                "{:<40} {:<28} {:<10} invited (UTC) by",
                "e-mail",
                "organisation",
                "status"
            );
            for a in accounts {
                outln!(
                    "{:<40} {:<28} {:<10} {} {}",
                    a.email,
                    a.organisation.to_string(),
                    if a.disabled_at.is_some() {
                        "disabled"
                    } else {
                        "enabled"
                    },
                    a.created_at,
                    a.created_by
                );
            }
        }
        AccountsAction::Disable { email } => {
            if service.disable_account(&email.trim().to_lowercase(), &by, now)? {
                outln!(
                    "{} disabled; its sessions and sign-in links ended",
                    email.trim()
                );
            } else {
                return Err(Error::Usage(format!(
                    "no enabled account for {}; see `woonmonitor accounts list`",
                    email.trim()
                )));
            }
        }
    }
    Ok(())
}

/// `bench --portal-preview FILE --feed NAME`: the time from an uploaded file to the preview a
/// person sees (projection, validation, the comparison with the previous delivery), best of
/// `repeat`, in a temporary state folder whose previous delivery is the same file.
pub(super) fn bench_preview(
    mut settings: Settings,
    reference: crate::config::Reference,
    file: &std::path::Path,
    feed: &str,
    today: chrono::NaiveDate,
    repeat: u32,
) -> Result<(), Error> {
    let state =
        std::env::temp_dir().join(format!("woonmonitor-bench-preview-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&state);
    settings.state.dir = state.clone();
    let service = Service::new(settings, reference);
    let Some(feed) = service
        .settings()
        .feeds()
        .into_iter()
        .find(|f| f.name == feed && f.setting.portal)
    else {
        return Err(Error::Usage(format!(
            "--feed {feed}: not a feed with `portal = true` in the configuration"
        )));
    };
    let bytes =
        std::fs::read(file).map_err(|e| Error::Usage(format!("{}: {e}", file.display())))?;
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_else(|| "csv".into());
    let mut store = service.store()?;
    let delivery = crate::service::fetch::Delivery {
        origin: "bench".into(),
        etag: None,
        last_modified: None,
        extension: ext.clone(),
    };
    runtime()
        .block_on(crate::service::fetch::keep_delivery(
            &feed,
            &mut store,
            service.state_dir(),
            bytes.clone(),
            delivery,
            chrono::Utc::now(),
        ))
        .map_err(crate::service::ServiceError::from)?;
    let mut best = Duration::MAX;
    let mut preview = None;
    for _ in 0..repeat.max(1) {
        let t = std::time::Instant::now();
        let p = service.preview_delivery(&store, &feed, bytes.clone(), &ext, today);
        best = best.min(t.elapsed());
        preview = Some(p);
    }
    let p = preview.expect("at least one run");
    if let Some(why) = &p.refused {
        return Err(Error::Usage(format!("the preview refused the file: {why}")));
    }
    outln!(
        "portal preview of {} ({} bytes, feed {}): {} rows read, {} accepted, {} rejected; best of {}: {} ms",
        file.display(),
        bytes.len(),
        feed.name,
        p.read,
        p.accepted,
        p.rejected,
        repeat.max(1),
        best.as_millis()
    );
    let _ = std::fs::remove_dir_all(&state);
    Ok(())
}
