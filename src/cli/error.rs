//! The command line's `Error` (every failure a command can end with) and `Error::exit_code`, the
//! one place where failures become exit codes; the runtime the commands block on.

use crate::config::ConfigError;
use crate::files::WriteError;
use crate::pipeline::PipelineError;
use crate::service::{ErrorClass, ServiceError};
use crate::store::StoreError;
use crate::tools::bench::BenchError;
use crate::tools::bench_preview::PreviewError;

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error(transparent)]
    Service(Box<ServiceError>),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Bench(#[from] BenchError),
    #[error(transparent)]
    Backup(#[from] crate::service::backup::BackupError),
    /// `verify` found problems (listed).
    #[error("{} problem(s) found:\n{}", .0.len(), .0.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Verify(Vec<String>),
    #[error("--as-of {0:?}: give a run id or a date YYYY-MM-DD")]
    AsOf(String),
    #[error("{0}")]
    Usage(String),
    /// A pull that could not fetch every source (the others were pulled).
    #[error("pull run {run} failed: {error}\n  the last good snapshot of each failed source stays in use; fix the source, then: woonmonitor pull")]
    PullFailed { run: i64, error: String },
    /// A command the daemon ran and that failed there.
    #[error("{message}")]
    Remote { message: String, class: ErrorClass },
}

impl From<ServiceError> for Error {
    fn from(e: ServiceError) -> Self {
        Error::Service(Box::new(e))
    }
}

impl From<crate::service::lock::LockError> for Error {
    fn from(e: crate::service::lock::LockError) -> Self {
        ServiceError::from(e).into()
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        ServiceError::from(e).into()
    }
}

/// The portal-preview benchmark's failures, as the command's own: a usage error stays one.
impl From<PreviewError> for Error {
    fn from(e: PreviewError) -> Self {
        match e {
            PreviewError::Usage(message) => Error::Usage(message),
            PreviewError::Service(e) => Error::Service(e),
        }
    }
}

impl Error {
    /// The one place where failures become exit codes: 2 = usage or configuration, 3 = a
    /// required source is unusable, 1 = anything else.
    pub fn exit_code(&self) -> i32 {
        fn pipeline(e: &PipelineError) -> i32 {
            match e {
                PipelineError::Config(_)
                | PipelineError::FuturePeriod { .. }
                | PipelineError::Texts(_)
                | PipelineError::TemplateFile { .. } => 2,
                PipelineError::Source(_) => 3,
                PipelineError::Compute(_)
                | PipelineError::Write(_)
                | PipelineError::Render(_)
                | PipelineError::DuplicateFileName { .. } => 1,
            }
        }
        fn class(c: ErrorClass) -> i32 {
            match c {
                ErrorClass::Usage => 2,
                ErrorClass::Source => 3,
                ErrorClass::Internal => 1,
            }
        }
        match self {
            Error::Config(_) | Error::AsOf(_) | Error::Usage(_) => 2,
            Error::Pipeline(e) | Error::Bench(BenchError::Pipeline(e)) => pipeline(e),
            Error::Service(e) => match e.as_ref() {
                ServiceError::Pipeline(e) => pipeline(e),
                e => class(e.class()),
            },
            Error::Remote { class: c, .. } => class(*c),
            Error::PullFailed { .. } => 3,
            Error::Write(_) | Error::Bench(_) | Error::Verify(_) => 1,
            Error::Backup(crate::service::backup::BackupError::NotEmpty(_))
            | Error::Backup(crate::service::backup::BackupError::NotState(_)) => 2,
            Error::Backup(_) => 1,
        }
    }
}

/// The runtime of a command that needs one (the daemon, `report --as-of`, the operator
/// commands, `check-config --smtp`).
pub(super) fn runtime() -> tokio::runtime::Runtime {
    crate::threads::runtime()
}
