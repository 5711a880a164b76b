//! `woonmonitor mails`: list the e-mail outbox (asked of the daemon when the state folder is not
//! this user's to open); `mails retry` and `mails cancel` change it through `operator`.

use clap::Subcommand;

use super::error::Error;
use super::operator::{self, ask, may_open, unexpected, LISTING_TIMEOUT};
use crate::service::commands::Command;
use crate::service::listings::{self, MailsListing};
use crate::service::Service;
use crate::store::MailStatus;
use crate::web::local::{Query, Reply, Request};

/// `woonmonitor mails [retry|cancel]`: without an action the listing, else the change (by the
/// daemon or under the state lock).
pub(super) fn run(
    service: &Service,
    action: Option<MailsAction>,
    status: Option<&str>,
    limit: usize,
) -> Result<(), Error> {
    match action {
        None => list(service, status, limit),
        Some(MailsAction::Retry { id, .. }) => operator::run(service, Command::MailsRetry { id }),
        Some(MailsAction::Cancel { id }) => operator::run(service, Command::MailsCancel { id }),
    }
}

/// `woonmonitor mails`: the newest mails first.
fn list(service: &Service, status: Option<&str>, limit: usize) -> Result<(), Error> {
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

#[derive(Debug, Subcommand)]
pub enum MailsAction {
    /// Queue a failed mail again (or all failed mails with --failed) and send.
    Retry {
        /// The mail id (see `woonmonitor mails`).
        #[arg(required_unless_present = "failed", conflicts_with = "failed")]
        id: Option<i64>,
        #[arg(long)]
        failed: bool,
    },
    /// Withdraw a mail that has not been sent.
    Cancel { id: i64 },
}
