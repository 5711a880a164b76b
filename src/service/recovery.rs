//! Recovery after a stop: whatever an earlier holder of the state lock left half-done belongs to
//! a process that is gone (runs and jobs `running` are marked failed, mails `sending` queued
//! again), and no delivered file stays in the state (an older version's snapshots projected).

use chrono::{DateTime, Utc};

use super::error::ServiceError;
use super::handle::Service;

impl Service {
    /// Brings the state up to date after taking the state lock: whatever an earlier holder left
    /// half-done (runs and jobs `running`, mails `sending`) belongs to a process that is gone.
    pub fn recover(&self, now: DateTime<Utc>) -> Result<(), ServiceError> {
        let store = self.store()?;
        let runs = store.fail_interrupted_runs(now)?;
        let jobs = store.fail_running_jobs(now)?;
        let mails = store.reclaim_sending(now)?;
        drop(store);
        // No delivered file stays in the state: an older version's snapshots are projected.
        self.project_raw_snapshots(now)?;
        if runs + jobs + mails > 0 {
            tracing::warn!(
                runs,
                jobs,
                mails,
                "work interrupted by an earlier stop: runs and jobs marked failed, mails queued again"
            );
        }
        Ok(())
    }
}
