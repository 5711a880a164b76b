//! The long-running service: one worker that executes jobs one at a time (scheduler ticks,
//! regenerate requests from the API, mail sending), so runs never overlap. tokio-cron-scheduler
//! drives a UTC minute tick (no DST there); which local-time jobs are due is decided by
//! `schedule` + the store (see `Service::tick`). A job that exceeds `schedule.run_timeout_secs`
//! is abandoned and its run recorded as failed. SIGTERM/SIGINT: stop taking work, let the current
//! job finish (up to a grace period), stop the API.

use std::time::Duration;

use chrono::Utc;
use tokio::sync::{mpsc, oneshot, watch};
use tokio_cron_scheduler::{Job, JobScheduler};

use crate::domain::Period;
use crate::service::{AsOf, Selection, Send, Service, ServiceError};

/// Work for the worker.
pub enum Work {
    Tick,
    SendMail,
    Regenerate {
        period: Period,
        selection: Selection,
        send: bool,
        reply: oneshot::Sender<Result<i64, String>>,
    },
}

/// Options of `woonmonitor daemon`.
#[derive(Debug, Clone, Default)]
pub struct DaemonOptions {
    /// Do one tick and one mail pass, then exit (for cron-style use and tests).
    pub once: bool,
}

fn generation_time() -> chrono::NaiveDateTime {
    crate::cli::generation_time()
}

/// Runs one job with the configured timeout; a timed-out job's run is marked failed.
async fn execute(service: &Service, work: Work) {
    let timeout = Duration::from_secs(service.settings.schedule.run_timeout_secs.max(1));
    let now = Utc::now();
    match work {
        Work::Tick => {
            match tokio::time::timeout(timeout, service.tick(now, generation_time())).await {
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
            let mode = if send { Send::Again } else { Send::No };
            let fut = service.report(
                period,
                "api",
                &selection,
                mode,
                AsOf::Latest,
                now,
                generation_time(),
            );
            let result = match tokio::time::timeout(timeout, fut).await {
                Ok(r) => r.map_err(|e| e.to_string()),
                Err(_) => {
                    timed_out(service, timeout);
                    Err(format!("timed out after {timeout:?}"))
                }
            };
            let _ = reply.send(result);
        }
    }
}

fn timed_out(service: &Service, timeout: Duration) {
    tracing::error!(?timeout, "run timed out and was abandoned");
    if let Ok(store) = service.store() {
        let _ = store.fail_running(
            &format!("timed out after {} s and abandoned", timeout.as_secs()),
            Utc::now(),
        );
    }
}

/// Waits for SIGTERM or SIGINT.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Runs the daemon until a shutdown signal (or after one pass with `once`).
pub async fn run(service: Service, opts: DaemonOptions) -> Result<(), ServiceError> {
    let store = service.store()?;
    let interrupted = store.fail_interrupted_runs(Utc::now())?;
    if interrupted > 0 {
        tracing::warn!(
            runs = interrupted,
            "runs interrupted by an earlier stop were marked failed"
        );
    }
    drop(store);
    if opts.once {
        execute(&service, Work::Tick).await;
        execute(&service, Work::SendMail).await;
        return Ok(());
    }

    let (tx, mut rx) = mpsc::channel::<Work>(16);
    let (stop_tx, stop_rx) = watch::channel(false);

    // The API (only with a token: every endpoint but /health needs one).
    let mut api_task = None;
    if service.settings.api.enabled {
        match service.settings.api_token() {
            Some(token) => {
                let listener = tokio::net::TcpListener::bind(&service.settings.api.bind)
                    .await
                    .map_err(|e| {
                        ServiceError::Other(format!(
                            "API cannot listen on {}: {e}",
                            service.settings.api.bind
                        ))
                    })?;
                tracing::info!(bind = %service.settings.api.bind, "API listening");
                let app = crate::api::router(service.clone(), token, tx.clone());
                let mut stop = stop_rx.clone();
                api_task = Some(tokio::spawn(async move {
                    let _ = axum::serve(listener, app)
                        .with_graceful_shutdown(async move {
                            let _ = stop.wait_for(|s| *s).await;
                        })
                        .await;
                }));
            }
            None => tracing::warn!(
                env = %service.settings.api.token_env,
                "API disabled: no token configured (set the environment variable or api.token_file)"
            ),
        }
    }

    // The UTC minute tick.
    let mut scheduler = JobScheduler::new()
        .await
        .map_err(|e| ServiceError::Other(format!("scheduler: {e}")))?;
    let tick_tx = tx.clone();
    let job = Job::new_async("0 * * * * *", move |_id, _lock| {
        let tx = tick_tx.clone();
        Box::pin(async move {
            // A tick while the worker is busy is dropped: the next one sees the same state.
            let _ = tx.try_send(Work::Tick);
        })
    })
    .map_err(|e| ServiceError::Other(format!("scheduler job: {e}")))?;
    scheduler
        .add(job)
        .await
        .map_err(|e| ServiceError::Other(format!("scheduler: {e}")))?;
    scheduler
        .start()
        .await
        .map_err(|e| ServiceError::Other(format!("scheduler: {e}")))?;

    // Catch up at start-up, then retry mail every 30 seconds.
    let _ = tx.try_send(Work::Tick);
    let mail_tx = tx.clone();
    let mut stop_mail = stop_rx.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(30));
        loop {
            tokio::select! {
                _ = every.tick() => { let _ = mail_tx.try_send(Work::SendMail); }
                _ = stop_mail.wait_for(|s| *s) => break,
            }
        }
    });
    tracing::info!("daemon started");

    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            work = rx.recv() => {
                let Some(work) = work else { break };
                let is_tick = matches!(work, Work::Tick);
                let job = execute(&service, work);
                tokio::pin!(job);
                tokio::select! {
                    _ = &mut job => {}
                    _ = &mut shutdown => {
                        tracing::info!("shutting down: letting the current job finish (30 s at most)");
                        let _ = tokio::time::timeout(Duration::from_secs(30), job).await;
                        break;
                    }
                }
                if is_tick {
                    execute(&service, Work::SendMail).await;
                }
            }
        }
    }
    tracing::info!("daemon stopping");
    let _ = stop_tx.send(true);
    let _ = scheduler.shutdown().await;
    if let Some(t) = api_task {
        let _ = tokio::time::timeout(Duration::from_secs(10), t).await;
    }
    Ok(())
}
