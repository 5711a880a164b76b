//! The operator commands that change state (`pull`, `regenerate`, `release`, `mails retry`,
//! `mails cancel`) as values: the command line runs one here when it holds the state lock, or
//! hands it to the daemon that does (`local`), which runs it in its worker. Either way the same
//! function does the work, so the records and the output are the same.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::ServiceError;
use super::handle::Service;
use super::outbox::SendStats;
use super::reporting::ReportRun;
use crate::domain::{ReportPeriod, Selection};
use crate::store::{ReportRow, Run, Snapshot, Trigger};

/// A state-changing operator command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "kebab-case")]
pub enum Command {
    Pull,
    Regenerate {
        period: ReportPeriod,
        selection: Selection,
        send: bool,
    },
    Release {
        run: i64,
    },
    /// Failed mails back to the queue: one, or all (`None`).
    MailsRetry {
        id: Option<i64>,
    },
    MailsCancel {
        id: i64,
    },
}

impl Command {
    /// How the command is named in the lock file and the log.
    pub fn role(&self) -> &'static str {
        match self {
            Command::Pull => "woonmonitor pull",
            Command::Regenerate { .. } => "woonmonitor regenerate",
            Command::Release { .. } => "woonmonitor release",
            Command::MailsRetry { .. } => "woonmonitor mails retry",
            Command::MailsCancel { .. } => "woonmonitor mails cancel",
        }
    }
}

/// What a command did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    Pulled {
        run: Run,
        snapshots: Vec<Snapshot>,
    },
    Regenerated {
        run: Run,
        reports: Vec<ReportRow>,
        mail: Option<SendStats>,
    },
    Released {
        run: i64,
        queued: usize,
        mail: SendStats,
    },
    Requeued {
        count: usize,
        mail: SendStats,
    },
    Cancelled {
        id: i64,
    },
}

impl Service {
    /// Runs an operator command (the caller holds the state lock, or is the daemon's worker).
    pub async fn perform(
        &self,
        command: &Command,
        trigger: Trigger,
        now: DateTime<Utc>,
        generated_at: NaiveDateTime,
    ) -> Result<Outcome, ServiceError> {
        match command {
            Command::Pull => {
                let id = self.pull(trigger, now).await?;
                let store = self.store()?;
                Ok(Outcome::Pulled {
                    run: store.run(id)?,
                    snapshots: store.run_snapshots(id)?,
                })
            }
            Command::Regenerate {
                period,
                selection,
                send,
            } => {
                let run = ReportRun::regeneration(
                    *period,
                    trigger,
                    selection.clone(),
                    *send,
                    now,
                    generated_at,
                );
                let id = self.report(&run).await?;
                let (run, reports) = {
                    let store = self.store()?;
                    (store.run(id)?, store.run_reports(id)?)
                };
                let mail = if *send && run.hold_reason.is_none() {
                    Some(self.send_mail(Utc::now().max(now)).await?)
                } else {
                    None
                };
                Ok(Outcome::Regenerated { run, reports, mail })
            }
            Command::Release { run } => {
                let queued = self.release(*run, now)?;
                let mail = self.send_mail(Utc::now().max(now)).await?;
                Ok(Outcome::Released {
                    run: *run,
                    queued,
                    mail,
                })
            }
            Command::MailsRetry { id } => {
                let count = self.store()?.requeue_failed(*id, now)?;
                let mail = self.send_mail(Utc::now().max(now)).await?;
                Ok(Outcome::Requeued { count, mail })
            }
            Command::MailsCancel { id } => {
                self.store()?.cancel_mail(*id)?;
                Ok(Outcome::Cancelled { id: *id })
            }
        }
    }
}
