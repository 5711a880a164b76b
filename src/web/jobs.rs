//! Submitting a regeneration to the daemon's worker, for the API and the console alike: the job
//! is recorded (with its idempotency key) and queued, or refused without leaving anything
//! behind, so a client that retries after `Retry-After` gets its job.

use std::sync::Arc;

use crate::service::worker::{Queue, RegenerateRequest, Work};
use crate::service::{Service, ServiceError};
use crate::store::JobRow;

/// Why a job was not queued.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error("the job queue is full; try again later")]
    Busy,
    #[error("this Idempotency-Key was used for another request")]
    KeyReused,
    #[error(transparent)]
    Service(Box<ServiceError>),
}

impl From<ServiceError> for SubmitError {
    fn from(e: ServiceError) -> Self {
        SubmitError::Service(Box::new(e))
    }
}

/// Queues a regeneration. Returns the job and whether it is new; with an `Idempotency-Key`
/// already used for the same request, that job (also when the queue is full).
pub async fn submit(
    service: &Service,
    queue: &Arc<Queue>,
    request: RegenerateRequest,
    key: Option<String>,
    requested_by: &str,
) -> Result<(JobRow, bool), SubmitError> {
    let text = serde_json::to_string(&request).expect("requests serialize");
    let same = |job: JobRow| {
        if job.request == text {
            Ok((job, false))
        } else {
            Err(SubmitError::KeyReused)
        }
    };
    if !queue.has_room() {
        // A retry of an accepted request still gets its job; anything else waits.
        if let Some(k) = key.clone() {
            if let Some(job) =
                crate::web::state::blocking(service, move |s| Ok(s.job_by_key(&k)?)).await?
            {
                return same(job);
            }
        }
        return Err(SubmitError::Busy);
    }
    let (by, stored) = (requested_by.to_string(), text.clone());
    let (job, new) = crate::web::state::blocking(service, move |s| {
        Ok(s.create_job(
            "regenerate",
            &stored,
            key.as_deref(),
            &by,
            chrono::Utc::now(),
        )?)
    })
    .await?;
    if !new {
        return same(job);
    }
    if queue
        .push(Work::Job {
            id: job.id,
            request,
        })
        .is_err()
    {
        // Filled up meanwhile: forget the job, so its key is free for the retry.
        let id = job.id;
        crate::web::state::blocking(service, move |s| Ok(s.delete_unqueued_job(id)?)).await?;
        return Err(SubmitError::Busy);
    }
    Ok((job, true))
}
