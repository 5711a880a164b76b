//! How the service is, for `/health` and the console: `ok`, or `degraded` with the reasons (no
//! paths, no error texts of a file or a server): the latest report run failed and none
//! succeeded since (a full disk said so), a run left `running` longer than the run time-out,
//! the mail server unreachable; and what waits for an operator.

use chrono::{DateTime, Utc};

use super::error::ServiceError;
use super::handle::Service;
use crate::store::{RunKind, RunStatus};

/// What `/health` answers.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Health {
    /// `ok` or `degraded`.
    pub status: &'static str,
    /// Why it is degraded (English, for monitoring).
    pub reasons: Vec<String>,
    /// When the last report run that published its reports ended.
    pub last_published_report_run: Option<String>,
    /// When the last held report run ended.
    pub last_held_report_run: Option<String>,
    /// Deliveries that wait for an operator's approval (the console's Beoordelen page).
    pub held_deliveries: usize,
}

impl Service {
    /// The service's health at `now`.
    pub fn health(&self, now: DateTime<Utc>) -> Result<Health, ServiceError> {
        let store = self.store()?;
        let mut reasons = Vec::new();
        let runs = store.runs(50)?;
        if let Some(latest) = runs
            .iter()
            .find(|r| r.kind == RunKind::Report && r.status != RunStatus::Running)
        {
            if latest.status == RunStatus::Failed {
                let error = latest.error.as_deref().unwrap_or_default();
                let why = if error.contains("No space left") || error.contains("os error 28") {
                    "the disk is full"
                } else {
                    "see the log"
                };
                reasons.push(format!(
                    "the latest report run ({}) failed: {why}; nothing of it was published",
                    latest.id
                ));
            }
        }
        let timeout =
            chrono::Duration::seconds(self.settings().schedule.run_timeout_secs.max(1) as i64 + 60);
        for r in runs.iter().filter(|r| r.status == RunStatus::Running) {
            if crate::store::parse_ts(&r.started_at).is_some_and(|t| now - t > timeout) {
                reasons.push(format!(
                    "run {} has been running since {} (longer than the run time-out)",
                    r.id, r.started_at
                ));
            }
        }
        let outbox = store.outbox_state()?;
        if let Some(since) = outbox.blocked_since {
            reasons.push(format!(
                "the mail server cannot be reached since {}",
                crate::store::ts(since)
            ));
        }
        Ok(Health {
            held_deliveries: store.waiting_holds()?.len(),
            status: if reasons.is_empty() { "ok" } else { "degraded" },
            reasons,
            last_published_report_run: store.last_successful_run(RunKind::Report)?,
            last_held_report_run: store.last_held_report_run()?,
        })
    }
}
