//! The single worker: scheduler ticks, mail passes and regenerate requests from the API are
//! [`Work`] items executed one at a time, so runs never overlap. A job that exceeds
//! `schedule.run_timeout_secs` is abandoned and its run recorded as failed.

use std::time::Duration;

use chrono::Utc;
use tokio::sync::oneshot;

use super::reporting::{ReportRun, Selection};
use super::store::{Failure, Trigger};
use super::{Service, ServiceError};
use crate::domain::Period;

/// Work for the worker.
pub enum Work {
    Tick,
    SendMail,
    Regenerate {
        period: Period,
        selection: Selection,
        send: bool,
        reply: oneshot::Sender<Result<i64, ServiceError>>,
    },
}

/// Runs one job with the configured timeout; a timed-out job's run is marked failed.
pub async fn execute(service: &Service, work: Work) {
    let timeout = Duration::from_secs(service.settings.schedule.run_timeout_secs.max(1));
    let now = Utc::now();
    let generated_at = || crate::clock::generation_time(service.settings.time_zone());
    match work {
        Work::Tick => {
            match tokio::time::timeout(timeout, service.tick(now, generated_at())).await {
                Ok(Ok(started)) => {
                    for s in started {
                        tracing::info!(what = %s, "scheduled work done");
                    }
                }
                Ok(Err(e)) => tracing::error!(error = %e, "scheduler tick failed"),
                Err(_) => timed_out(service, timeout),
            }
        }
        Work::SendMail => match tokio::time::timeout(timeout, service.send_mail(now)).await {
            Ok(Ok(stats)) if stats.sent + stats.failed + stats.retried > 0 => {
                tracing::info!(
                    sent = stats.sent,
                    retried = stats.retried,
                    failed = stats.failed,
                    "mail pass"
                )
            }
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::error!(error = %e, "mail pass failed"),
            Err(_) => tracing::error!("mail pass timed out"),
        },
        Work::Regenerate {
            period,
            selection,
            send,
            reply,
        } => {
            let run =
                ReportRun::regeneration(period, Trigger::Api, selection, send, now, generated_at());
            let result = match tokio::time::timeout(timeout, service.report(&run)).await {
                Ok(r) => r,
                Err(_) => {
                    timed_out(service, timeout);
                    Err(ServiceError::TimedOut(timeout))
                }
            };
            let _ = reply.send(result);
        }
    }
}

fn timed_out(service: &Service, timeout: Duration) {
    tracing::error!(?timeout, "run timed out and was abandoned");
    let message = format!("timed out after {} s and abandoned", timeout.as_secs());
    match service.store() {
        Ok(store) => {
            if let Err(e) = store.fail_running(Failure::TimedOut, &message, Utc::now()) {
                tracing::error!(error = %e, "the timed-out run could not be marked failed");
            }
        }
        Err(e) => tracing::error!(error = %e, "the timed-out run could not be marked failed"),
    }
}
