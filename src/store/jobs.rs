//! Jobs (`jobs`): work the HTTP API accepted, with its idempotency key, so a client that retries
//! gets the same job (and the same mails) instead of a second one, and a job accepted before a
//! restart still runs.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::connection::{ts, Result, Store, StoreError};
use super::kinds::JobStatus;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobRow {
    pub id: i64,
    pub kind: String,
    /// The request as JSON.
    pub request: String,
    pub idempotency_key: Option<String>,
    pub status: JobStatus,
    pub run_id: Option<i64>,
    pub error: Option<String>,
    pub requested_by: String,
    pub created_at: String,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
}

const JOB_COLS: &str = "id, kind, request, idempotency_key, status, run_id, error, requested_by, created_at, started_at, finished_at";

fn job_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<JobRow> {
    Ok(JobRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        request: r.get(2)?,
        idempotency_key: r.get(3)?,
        status: r.get(4)?,
        run_id: r.get(5)?,
        error: r.get(6)?,
        requested_by: r.get(7)?,
        created_at: r.get(8)?,
        started_at: r.get(9)?,
        finished_at: r.get(10)?,
    })
}

impl Store {
    /// Records a queued job, or finds the one with the same idempotency key. Returns the job and
    /// whether it is new.
    pub fn create_job(
        &self,
        kind: &str,
        request: &str,
        idempotency_key: Option<&str>,
        requested_by: &str,
        now: DateTime<Utc>,
    ) -> Result<(JobRow, bool)> {
        let tx = self.write_tx()?;
        if let Some(key) = idempotency_key {
            let existing = tx
                .query_row(
                    &format!("SELECT {JOB_COLS} FROM jobs WHERE idempotency_key = ?1"),
                    params![key],
                    job_from_row,
                )
                .optional()
                .map_err(|e| self.err(e))?;
            if let Some(job) = existing {
                return Ok((job, false));
            }
        }
        tx.execute(
            "INSERT INTO jobs (kind, request, idempotency_key, status, requested_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![kind, request, idempotency_key, JobStatus::Queued, requested_by, ts(now)],
        )
        .map_err(|e| self.err(e))?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(|e| self.err(e))?;
        Ok((self.job(id)?, true))
    }

    /// The job recorded under an idempotency key, if any.
    pub fn job_by_key(&self, key: &str) -> Result<Option<JobRow>> {
        self.conn
            .query_row(
                &format!("SELECT {JOB_COLS} FROM jobs WHERE idempotency_key = ?1"),
                params![key],
                job_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Deletes a job that was never queued (the queue refused it): a refused request leaves no
    /// job behind, so its idempotency key stays free for the retry.
    pub fn delete_unqueued_job(&self, id: i64) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM jobs WHERE id = ?1 AND status = ?2",
                params![id, JobStatus::Queued],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn job(&self, id: i64) -> Result<JobRow> {
        self.conn
            .query_row(
                &format!("SELECT {JOB_COLS} FROM jobs WHERE id = ?1"),
                params![id],
                job_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(StoreError::NotFound {
                what: "job",
                id,
                hint: "",
            })
    }

    /// Jobs still waiting, oldest first (re-queued when the daemon starts).
    pub fn queued_jobs(&self) -> Result<Vec<JobRow>> {
        self.rows(
            &format!("SELECT {JOB_COLS} FROM jobs WHERE status = ?1 ORDER BY id"),
            params![JobStatus::Queued],
            job_from_row,
        )
    }

    pub fn start_job(&self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.conn
            .execute(
                "UPDATE jobs SET status = ?2, started_at = ?3 WHERE id = ?1",
                params![id, JobStatus::Running, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Finishes a job: succeeded with its run, or failed with an error (and the run, if one
    /// was started).
    pub fn finish_job(
        &self,
        id: i64,
        run_id: Option<i64>,
        error: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let status = if error.is_some() {
            JobStatus::Failed
        } else {
            JobStatus::Succeeded
        };
        self.conn
            .execute(
                "UPDATE jobs SET status = ?2, run_id = ?3, error = ?4, finished_at = ?5 WHERE id = ?1",
                params![id, status, run_id, error, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Jobs left running by a process that stopped are failed (at start-up, under the lock).
    pub fn fail_running_jobs(&self, now: DateTime<Utc>) -> Result<usize> {
        self.conn
            .execute(
                "UPDATE jobs SET status = ?1, error = 'interrupted: the process stopped during the job', finished_at = ?2 WHERE status = ?3",
                params![JobStatus::Failed, ts(now), JobStatus::Running],
            )
            .map_err(|e| self.err(e))
    }
}
