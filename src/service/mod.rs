//! The operated service: everything around the pipeline that keeps state. Pull and report runs
//! recorded in the state store, the scheduler tick, the outbox, the worker that serialises jobs,
//! the daemon loop and the HTTP API. The daemon, the operator commands and the API all call the
//! functions here, so every trigger leaves the same records.
//!
//! Files: `store` (SQLite state), `backup` (backup, verify, restore of a state folder), `lock` (one owner per state folder), `pull` (sources →
//! snapshots), `reporting` (report runs, hold and release), `tick` (what the scheduler starts),
//! `mail` (wording, messages, transport), `outbox` (sending with claims, retries and backoff),
//! `commands` (the operator commands, one code path whether run here or by the daemon),
//! `worker` (one job at a time), `local` (the daemon's local socket for operator commands),
//! `listings` (what `runs` and `mails` show, read here or asked of the daemon), `portal` (the
//! portal's previews, confirmed uploads, sign-in links; served by `http::portal`),
//! `daemon` (the long-running process), `http` (the HTTP edge: limits, client address,
//! throttle, and the `api` and `console` mounted on it).

pub mod backup;
pub mod commands;
pub mod fetch;
pub mod listings;
pub mod lock;
pub mod mail;
pub mod outbox;
pub mod portal;
pub mod pull;
pub mod recovery;
pub mod reporting;
pub mod retention;
pub mod secret;
pub mod tick;
pub mod worker;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use chrono::Utc;

use crate::config::{Reference, Settings};
pub use crate::domain::Selection;
use crate::pipeline::PipelineError;
use crate::schedule::ScheduleError;
use crate::store::StoreError;
use fetch::HttpPolicy;

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
    Mail(#[from] mail::MailError),
    #[error(transparent)]
    Pull(#[from] fetch::PullError),
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
    Lock(#[from] lock::LockError),
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
    pub fn class(&self) -> ErrorClass {
        use crate::pipeline::PipelineError as P;
        match self {
            ServiceError::UnknownScope { .. }
            | ServiceError::Config(_)
            | ServiceError::Lock(lock::LockError::Held { .. })
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

/// The render slot: one pipeline at a time, and a flag that cancels it between documents.
#[derive(Debug)]
pub struct RenderSlot {
    pub(crate) permit: Arc<tokio::sync::Semaphore>,
    pub(crate) cancel: Arc<AtomicBool>,
}

impl Default for RenderSlot {
    fn default() -> Self {
        Self {
            permit: Arc::new(tokio::sync::Semaphore::new(1)),
            cancel: Arc::new(AtomicBool::new(false)),
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

/// Everything a service call needs: a cheap handle (an `Arc` around the service's state, so
/// cloning it into a blocking task or a handler copies a pointer, not the settings). The state
/// store is opened once per process and shared through a small pool of connections.
#[derive(Clone)]
pub struct Service(Arc<Inner>);

struct Inner {
    settings: Settings,
    reference: Reference,
    http: HttpPolicy,
    /// This process, as the owner of the outbox rows it claims.
    instance: Arc<str>,
    /// One pipeline at a time, cancellable.
    render: RenderSlot,
    /// The state store's connections.
    pool: Arc<crate::store::Pool>,
    /// The period the scheduled run last waited for complete feeds (said once in the log).
    first_wait: std::sync::Mutex<Option<crate::domain::Period>>,
    /// The last answer of [`Service::late_feeds`], valid while the snapshots are the same (the
    /// scheduler asks every minute while it waits; reading every feed each time is wasteful).
    late_cache: std::sync::Mutex<Option<LateFeeds>>,
}

/// A cached [`Service::late_feeds`] answer: for this period and these snapshot files.
struct LateFeeds {
    period: crate::domain::Period,
    /// Each planned file with the day its deliverer said it covers (a portal delivery of the
    /// same content can say a later day).
    files: Vec<(PathBuf, Option<String>)>,
    late: Vec<(String, Option<chrono::NaiveDate>)>,
}

impl Service {
    pub fn new(settings: Settings, reference: Reference) -> Self {
        Self::with_http_policy(settings, reference, HttpPolicy::default())
    }

    /// A service whose HTTP sources are fetched with `http` (tests shorten its waits).
    pub fn with_http_policy(settings: Settings, reference: Reference, http: HttpPolicy) -> Self {
        let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
        let pool = Arc::new(crate::store::Pool::new(
            &settings.state.dir.join("woonmonitor.sqlite"),
        ));
        Self(Arc::new(Inner {
            settings,
            reference,
            http,
            instance: format!("pid-{}-{nanos:x}", std::process::id()).into(),
            render: RenderSlot::default(),
            pool,
            first_wait: Default::default(),
            late_cache: Default::default(),
        }))
    }

    /// The configuration the service runs with.
    pub fn settings(&self) -> &Settings {
        &self.0.settings
    }

    /// The reference data (municipalities, corporations, labels).
    pub fn reference(&self) -> &Reference {
        &self.0.reference
    }

    /// How HTTP sources are fetched.
    pub fn http_policy(&self) -> &HttpPolicy {
        &self.0.http
    }

    /// This process, as the owner of the outbox rows it claims.
    pub fn instance(&self) -> &str {
        &self.0.instance
    }

    /// The render slot: one pipeline at a time.
    pub(crate) fn render_slot(&self) -> &RenderSlot {
        &self.0.render
    }

    /// The canonical form of a selection, or an error when its code is not configured.
    pub fn check_selection(&self, selection: &Selection) -> Result<Selection, ServiceError> {
        match selection {
            Selection::Municipality(code) => self
                .reference()
                .municipalities
                .iter()
                .find(|(m, _)| m.as_str().eq_ignore_ascii_case(code.trim()))
                .map(|(m, _)| Selection::Municipality(m.to_string()))
                .ok_or_else(|| ServiceError::UnknownScope {
                    kind: "municipality",
                    code: code.clone(),
                    known: self
                        .reference()
                        .municipalities
                        .iter()
                        .map(|(m, n)| format!("{m} ({n})"))
                        .collect::<Vec<_>>()
                        .join(", "),
                }),
            Selection::Corporation(code) => self
                .reference()
                .corporation(code)
                .map(|c| Selection::Corporation(c.code.clone()))
                .ok_or_else(|| ServiceError::UnknownScope {
                    kind: "corporation",
                    code: code.clone(),
                    known: self
                        .reference()
                        .corporations
                        .iter()
                        .map(|c| c.code.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                }),
            Selection::All | Selection::Region => Ok(selection.clone()),
        }
    }

    pub fn state_dir(&self) -> &Path {
        &self.settings().state.dir
    }

    pub fn store_path(&self) -> PathBuf {
        self.settings().state.dir.join("woonmonitor.sqlite")
    }

    /// A connection to the state store, from the pool (the first one of the process migrates
    /// the store); back to the pool when dropped.
    pub fn store(&self) -> Result<crate::store::Pooled, ServiceError> {
        Ok(self.0.pool.get()?)
    }

    pub fn archive_dir(&self) -> PathBuf {
        self.settings().state.dir.join("archive")
    }

    /// Whether no pipeline is running (none has the render slot).
    pub fn pipeline_idle(&self) -> bool {
        self.0.render.permit.available_permits() == 1
    }

    /// A report's file name and bytes, served only from the archive (a path that resolves
    /// outside it, e.g. through a symbolic link, is refused).
    pub fn report_file(&self, id: i64) -> Result<(String, Vec<u8>), ReportFileError> {
        let row = self
            .store()
            .and_then(|s| Ok(s.report(id)?))
            .map_err(|e| ReportFileError::Service(Box::new(e)))?;
        let archive =
            std::fs::canonicalize(self.archive_dir()).map_err(|_| ReportFileError::Missing)?;
        let path = std::fs::canonicalize(&row.path).map_err(|_| ReportFileError::Missing)?;
        if !path.starts_with(&archive) {
            return Err(ReportFileError::OutsideArchive);
        }
        let bytes = std::fs::read(&path).map_err(|_| ReportFileError::Missing)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok((name, bytes))
    }
}
