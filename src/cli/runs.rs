//! `woonmonitor runs`: the recent runs, newest first (asked of the daemon when the state folder
//! is not this user's to open).

use super::error::Error;
use super::operator::{ask, may_open, unexpected, LISTING_TIMEOUT};
use crate::service::listings::{self, RunLine};
use crate::service::Service;
use crate::web::local::{Query, Reply, Request};

/// `woonmonitor runs`.
pub(super) fn run(service: &Service, limit: usize) -> Result<(), Error> {
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
