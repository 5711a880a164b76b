//! The single worker: scheduler ticks, mail passes, jobs from the API and operator commands
//! from the local socket are executed one at a time, so runs never overlap.
//!
//! Ticks and mail passes are flags, not queue slots: a tick that comes while one is waiting is
//! the same tick, and scheduled work is never dropped. Jobs and commands wait in a bounded queue;
//! when it is full the API answers 429 and a command waits.
//!
//! A job that exceeds `schedule.run_timeout_secs` is abandoned and its run recorded as failed;
//! a pipeline still rendering is cancelled between documents and waited for, so the next job
//! never starts beside it.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use chrono::Utc;
use tokio::sync::{oneshot, Notify};

use super::commands::{Command, Outcome};
use super::error::ServiceError;
use super::handle::Service;
use super::reporting::ReportRun;
use crate::domain::Selection;
use crate::store::{Failure, Trigger};

/// A regeneration the API accepted (stored as the job's request).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RegenerateRequest {
    /// A month, quarter or year (a request stored by an older version names a month).
    pub period: crate::domain::ReportPeriod,
    pub selection: Selection,
    pub send: bool,
}

/// Work for the worker.
#[derive(Debug)]
pub enum Work {
    Tick,
    SendMail,
    /// A job of the API (its row in `jobs` has the request and takes the result).
    Job {
        id: i64,
        request: RegenerateRequest,
    },
    /// An operator command from the local socket.
    Command {
        command: Command,
        reply: oneshot::Sender<Result<Outcome, ServiceError>>,
    },
}

/// What waits for the worker.
pub struct Queue {
    tick: AtomicBool,
    mail: AtomicBool,
    jobs: Mutex<VecDeque<Work>>,
    capacity: usize,
    notify: Notify,
}

impl Queue {
    pub fn new(capacity: usize) -> Self {
        Self {
            tick: AtomicBool::new(false),
            mail: AtomicBool::new(false),
            jobs: Mutex::new(VecDeque::new()),
            capacity,
            notify: Notify::new(),
        }
    }

    /// Asks for a scheduler tick (never lost; a waiting tick absorbs this one).
    pub fn tick(&self) {
        self.tick.store(true, Ordering::SeqCst);
        self.notify.notify_one();
    }

    /// Asks for a mail pass (never lost).
    pub fn mail(&self) {
        self.mail.store(true, Ordering::SeqCst);
        self.notify.notify_one();
    }

    /// Whether a job or command can be queued now.
    pub fn has_room(&self) -> bool {
        self.jobs.lock().expect("queue lock").len() < self.capacity
    }

    /// Queues a job or command; gives it back when the queue is full.
    pub fn push(&self, work: Work) -> Result<(), Work> {
        let mut jobs = self.jobs.lock().expect("queue lock");
        if jobs.len() >= self.capacity {
            return Err(work);
        }
        jobs.push_back(work);
        drop(jobs);
        self.notify.notify_one();
        Ok(())
    }

    /// Queues a job accepted before a restart, whatever the queue holds.
    pub fn push_unbounded(&self, work: Work) {
        self.jobs.lock().expect("queue lock").push_back(work);
        self.notify.notify_one();
    }

    /// How many jobs and commands wait.
    pub fn len(&self) -> usize {
        self.jobs.lock().expect("queue lock").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn try_next(&self) -> Option<Work> {
        if self.tick.swap(false, Ordering::SeqCst) {
            return Some(Work::Tick);
        }
        if let Some(w) = self.jobs.lock().expect("queue lock").pop_front() {
            return Some(w);
        }
        if self.mail.swap(false, Ordering::SeqCst) {
            return Some(Work::SendMail);
        }
        None
    }

    /// The next piece of work, waiting for one.
    pub async fn next(&self) -> Work {
        loop {
            if let Some(w) = self.try_next() {
                return w;
            }
            self.notify.notified().await;
        }
    }
}

/// Runs one piece of work on a blocking thread of its own (`threads::offload_async`: the work
/// reads and writes the store between its awaits), so no async thread ever waits for it. When
/// `abandon` is sent (the daemon stops and its grace period is over), the work is dropped at its
/// next await; a sender dropped without sending abandons nothing.
pub async fn run(
    service: Service,
    queue: std::sync::Arc<Queue>,
    work: Work,
    abandon: oneshot::Receiver<()>,
) {
    crate::threads::offload_async(async move {
        tokio::select! {
            _ = execute(&service, &queue, work) => {}
            Ok(()) = abandon => tracing::warn!("the current job was abandoned at shutdown"),
        }
    })
    .await
}

/// Runs one piece of work with the configured timeout. Work that queues mails asks `queue` for
/// a mail pass.
async fn execute(service: &Service, queue: &Queue, work: Work) {
    let timeout = Duration::from_secs(service.settings().schedule.run_timeout_secs.max(1));
    let now = Utc::now();
    let generated_at = || crate::clock::generation_time(service.settings().time_zone());
    match work {
        Work::Tick => match within(service, timeout, service.tick(now, generated_at())).await {
            Ok(started) => {
                for s in started {
                    tracing::info!(what = %s, "scheduled work done");
                }
                queue.mail();
            }
            Err(e) => tracing::error!(error = %e, "scheduler tick failed"),
        },
        Work::SendMail => match within(service, timeout, service.send_mail(now)).await {
            Ok(stats) if stats.sent + stats.failed + stats.retried > 0 => {
                tracing::info!(
                    sent = stats.sent,
                    retried = stats.retried,
                    failed = stats.failed,
                    blocked = stats.blocked,
                    "mail pass"
                )
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "mail pass failed"),
        },
        Work::Job { id, request } => {
            if let Err(e) = service.store().and_then(|s| Ok(s.start_job(id, now)?)) {
                tracing::error!(job = id, error = %e, "job could not be started");
                return;
            }
            let run = ReportRun::regeneration(
                request.period,
                Trigger::Api,
                request.selection,
                request.send,
                now,
                generated_at(),
            );
            let result = within(service, timeout, service.report(&run)).await;
            if result.is_ok() && request.send {
                queue.mail();
            }
            let (run_id, error) = match &result {
                Ok(run) => (Some(*run), None),
                Err(e) => (None, Some(e.to_string())),
            };
            let finished = service.store().and_then(|s| {
                Ok(s.finish_job(id, run_id, error.as_deref(), Utc::now().max(now))?)
            });
            if let Err(e) = finished {
                tracing::error!(job = id, error = %e, "job result could not be recorded");
            }
        }
        Work::Command { command, reply } => {
            tracing::info!(
                command = command.role(),
                "operator command from the local socket"
            );
            let fut = service.perform(&command, Trigger::Manual, now, generated_at());
            let _ = reply.send(within(service, timeout, fut).await);
        }
    }
}

/// Awaits `fut` for at most `timeout`. On time-out the run is recorded as failed, a pipeline
/// still rendering is cancelled, and this returns only after it has stopped.
async fn within<T>(
    service: &Service,
    timeout: Duration,
    fut: impl std::future::Future<Output = Result<T, ServiceError>>,
) -> Result<T, ServiceError> {
    match tokio::time::timeout(timeout, fut).await {
        Ok(r) => r,
        Err(_) => {
            tracing::error!(?timeout, "run timed out and was abandoned");
            service.render_slot().cancel.store(true, Ordering::SeqCst);
            // The blocking pipeline holds the permit until it returns.
            let _idle = service.render_slot().permit.acquire().await;
            let message = format!("timed out after {} s and abandoned", timeout.as_secs());
            if let Err(e) = service
                .store()
                .and_then(|s| Ok(s.fail_running(Failure::TimedOut, &message, Utc::now())?))
            {
                tracing::error!(error = %e, "the timed-out run could not be marked failed");
            }
            Err(ServiceError::TimedOut(timeout))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_coalesce_and_come_first_jobs_are_bounded() {
        let q = Queue::new(2);
        q.mail();
        q.tick();
        q.tick();
        for id in 1..=2 {
            let request = RegenerateRequest {
                period: "2026-10".parse().unwrap(),
                selection: Selection::All,
                send: false,
            };
            q.push(Work::Job { id, request }).unwrap();
        }
        assert!(!q.has_room());
        let full = Work::Job {
            id: 3,
            request: RegenerateRequest {
                period: "2026-10".parse().unwrap(),
                selection: Selection::All,
                send: false,
            },
        };
        assert!(q.push(full).is_err(), "a full queue refuses jobs");
        q.tick(); // …but never a tick
        let order: Vec<String> = std::iter::from_fn(|| q.try_next())
            .map(|w| match w {
                Work::Tick => "tick".to_string(),
                Work::SendMail => "mail".to_string(),
                Work::Job { id, .. } => format!("job {id}"),
                Work::Command { .. } => "command".to_string(),
            })
            .collect();
        assert_eq!(order, ["tick", "job 1", "job 2", "mail"]);
    }
}
