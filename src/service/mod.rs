//! The operated service: everything around the pipeline that keeps state. Pull and report runs
//! recorded in the state store, the scheduler tick, the outbox, the worker that serialises jobs,
//! the daemon loop and the HTTP API. The daemon, the operator commands and the API all call the
//! functions here, so every trigger leaves the same records.
//!
//! Files: `store` (SQLite state), `pull` (sources → snapshots), `reporting` (report runs, hold and
//! release), `tick` (what the scheduler starts), `mail` (wording, messages, transport),
//! `outbox` (sending with retries), `worker` (one job at a time), `daemon` (the long-running
//! process), `api` (the operators' HTTP API).

pub mod api;
pub mod daemon;
pub mod mail;
pub mod outbox;
pub mod pull;
pub mod reporting;
pub mod store;
pub mod tick;
pub mod worker;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::config::{Reference, Settings};
use crate::pipeline::PipelineError;
use crate::schedule::ScheduleError;
use crate::schema::SourceKind;
pub use pull::HttpPolicy;
pub use reporting::{AsOf, ReportRun, Selection, SendMode};
use store::{Store, StoreError};

/// Everything that can stop a service operation.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error(transparent)]
    Mail(#[from] mail::MailError),
    #[error(transparent)]
    Pull(#[from] pull::PullError),
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error(
        "no snapshot of {kind} is available{when}; run `woonmonitor pull` or check the source"
    )]
    NoSnapshot { kind: SourceKind, when: String },
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
}

/// Everything a service call needs.
#[derive(Clone)]
pub struct Service {
    pub settings: Settings,
    pub reference: Reference,
    pub http: HttpPolicy,
}

impl Service {
    pub fn new(settings: Settings, reference: Reference) -> Self {
        Self {
            settings,
            reference,
            http: HttpPolicy::default(),
        }
    }

    pub fn state_dir(&self) -> &Path {
        &self.settings.state.dir
    }

    pub fn store_path(&self) -> PathBuf {
        self.settings.state.dir.join("woonmonitor.sqlite")
    }

    /// Opens the state store (once per operation).
    pub fn store(&self) -> Result<Store, ServiceError> {
        Ok(Store::open(&self.store_path())?)
    }

    pub fn archive_dir(&self) -> PathBuf {
        self.settings.state.dir.join("archive")
    }

    /// Sends the due mails once.
    pub async fn send_mail(&self, now: DateTime<Utc>) -> Result<outbox::SendStats, ServiceError> {
        let transport = mail::Transport::from_settings(&self.settings)?;
        let texts = mail::MailTexts::load(&self.settings.output.templates)?;
        let mut store = self.store()?;
        outbox::send_due(&self.settings, &mut store, &transport, &texts, now).await
    }
}
