//! `ServiceError`: everything that can stop a service operation, with what to do about it, and
//! its class (which the command line maps to exit codes); `ReportFileError` for serving a
//! report's file.

use crate::pipeline::PipelineError;
use crate::schedule::ScheduleError;
use crate::store::StoreError;
use std::path::PathBuf;

/// Everything that can stop a service operation.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("console: {0}")]
    Console(String),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error(transparent)]
    Mail(#[from] super::mail::MailError),
    #[error(transparent)]
    Pull(#[from] super::fetch::PullError),
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error(
        "no snapshot of {kind} is available{when}; run `woonmonitor pull` or check the source"
    )]
    NoSnapshot { kind: String, when: String },
    #[error("the latest delivery of feed {feed} was refused: {reason}\n  what to do: have the supplier send a corrected file, then `woonmonitor pull`")]
    FeedRefused { feed: String, reason: String },
    #[error("the snapshot of feed {feed} was deleted by retention on {purged_at}; it can no longer be used\n  what to do: choose a later run or date")]
    SnapshotPurged { feed: String, purged_at: String },
    #[error("run {0} used no snapshots; choose a report or pull run (woonmonitor runs)")]
    RunWithoutSnapshots(i64),
    #[error("report task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("timed out after {0:?}")]
    TimedOut(std::time::Duration),
    #[error("API cannot listen on {bind}: {source}")]
    Listen {
        bind: String,
        #[source]
        source: std::io::Error,
    },
    #[error("scheduler: {0}")]
    Scheduler(#[from] tokio_cron_scheduler::JobSchedulerError),
    #[error(transparent)]
    Lock(#[from] super::lock::LockError),
    #[error("{kind} {code:?} is not configured; the configured ones are: {known}\n  what to do: use one of those codes (woonmonitor check-config lists them)")]
    UnknownScope {
        kind: &'static str,
        code: String,
        known: String,
    },
    #[error("cannot delete {}: {source}\n  what to do: check the permissions of the state folder", path.display())]
    Remove {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read the report file {}: {source}", path.display())]
    ReadReport {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("report {id} ({}) has changed since run {run} made it (SHA-256 differs); nothing was published or sent\n  what to do: regenerate the period", path.display())]
    ReportChanged { id: i64, path: PathBuf, run: i64 },
    #[error("the daemon cannot take the command: {0}")]
    Daemon(String),
    #[error("the local socket {}: {source}", path.display())]
    Socket {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// What kind of failure a [`ServiceError`] is (the command line maps these to exit codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ErrorClass {
    /// The operator asked for something that does not exist or is not allowed now.
    Usage,
    /// A required source is unusable.
    Source,
    /// Anything else.
    Internal,
}

impl ServiceError {
    /// The period asked for when it has not ended yet (a report of the future is refused).
    pub fn future_period(&self) -> Option<crate::domain::Period> {
        match self {
            ServiceError::Pipeline(crate::pipeline::PipelineError::FuturePeriod {
                period, ..
            }) => Some(*period),
            _ => None,
        }
    }

    pub fn class(&self) -> ErrorClass {
        use crate::pipeline::PipelineError as P;
        match self {
            ServiceError::UnknownScope { .. }
            | ServiceError::Config(_)
            | ServiceError::Lock(super::lock::LockError::Held { .. })
            | ServiceError::Store(
                StoreError::NotFound { .. }
                | StoreError::NotHeld { .. }
                | StoreError::MailNotFailed { .. }
                | StoreError::MailNotCancellable { .. },
            ) => ErrorClass::Usage,
            ServiceError::Pipeline(
                P::Config(_) | P::FuturePeriod { .. } | P::Texts(_) | P::TemplateFile { .. },
            ) => ErrorClass::Usage,
            ServiceError::Pipeline(P::Source(_)) => ErrorClass::Source,
            _ => ErrorClass::Internal,
        }
    }
}

/// Why a report file is not served.
#[derive(Debug, thiserror::Error)]
pub enum ReportFileError {
    #[error(transparent)]
    Service(Box<ServiceError>),
    #[error("the report file is missing")]
    Missing,
    #[error("the report file is outside the archive")]
    OutsideArchive,
}
