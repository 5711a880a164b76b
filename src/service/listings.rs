//! What `woonmonitor runs` and `woonmonitor mails` list, as values: read from the store here, or
//! asked of the daemon over its socket by an operator who may not open the private state folder
//! (a member of the daemon's group). Only what the listings show: no mail bodies.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::store::{MailStatus, Run, Store, StoreError};

/// One run with how many of its mails went out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunLine {
    pub run: Run,
    pub mails: usize,
    pub sent: usize,
}

/// One mail as `woonmonitor mails` shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MailLine {
    pub id: i64,
    /// `None`: a mail of no run (a portal sign-in link).
    pub run_id: Option<i64>,
    pub status: MailStatus,
    pub attempts: i64,
    pub recipient: String,
    /// When it was sent, or its next attempt (UTC); empty otherwise.
    pub when: String,
    pub problem: String,
}

/// The newest mails, and whether the mail server has been unreachable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MailsListing {
    pub blocked_since: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub mails: Vec<MailLine>,
}

/// The newest `limit` runs, newest first.
pub fn runs(store: &Store, limit: usize) -> Result<Vec<RunLine>, StoreError> {
    let mut lines = Vec::new();
    for run in store.runs(limit)? {
        let mails = store.outbox(Some(run.id))?;
        let sent = mails
            .iter()
            .filter(|m| m.status == MailStatus::Sent)
            .count();
        lines.push(RunLine {
            run,
            mails: mails.len(),
            sent,
        });
    }
    Ok(lines)
}

/// The newest `limit` mails (of one status, when given), newest first.
pub fn mails(
    store: &Store,
    status: Option<MailStatus>,
    limit: usize,
) -> Result<MailsListing, StoreError> {
    let state = store.outbox_state()?;
    let mails = store
        .outbox_latest(status, limit)?
        .into_iter()
        .map(|m| MailLine {
            when: match m.status {
                MailStatus::Sent => m.sent_at.clone().unwrap_or_default(),
                MailStatus::Pending => m.next_attempt_at.clone(),
                _ => String::new(),
            },
            id: m.id,
            run_id: m.run_id,
            status: m.status,
            attempts: m.attempts,
            recipient: m.recipient,
            problem: m.last_error.unwrap_or_default(),
        })
        .collect();
    Ok(MailsListing {
        blocked_since: state.blocked_since,
        last_error: state.last_error,
        mails,
    })
}
