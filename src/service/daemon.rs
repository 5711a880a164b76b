//! The long-running process: the worker loop (`worker`: one job at a time, so runs never overlap),
//! fed by a UTC minute tick from tokio-cron-scheduler (no DST there; which local-time jobs are due
//! is decided by `schedule` + the store, see `Service::tick`), a 30-second mail pass and the HTTP
//! API. SIGTERM/SIGINT: stop taking work, let the current job finish (up to a grace period), stop
//! the API.

use std::time::Duration;

use chrono::Utc;
use tokio::sync::{mpsc, watch};
use tokio_cron_scheduler::{Job, JobScheduler};

use super::worker::{execute, Work};
use super::{Service, ServiceError};

/// Options of `woonmonitor daemon`.
#[derive(Debug, Clone, Default)]
pub struct DaemonOptions {
    /// Do one tick and one mail pass, then exit (for cron-style use and tests).
    pub once: bool,
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
                    .map_err(|source| ServiceError::Listen {
                        bind: service.settings.api.bind.clone(),
                        source,
                    })?;
                tracing::info!(bind = %service.settings.api.bind, "API listening");
                let app = super::api::router(service.clone(), token, tx.clone());
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
    let mut scheduler = JobScheduler::new().await?;
    let tick_tx = tx.clone();
    let job = Job::new_async("0 * * * * *", move |_id, _lock| {
        let tx = tick_tx.clone();
        Box::pin(async move {
            // A tick while the worker is busy is dropped: the next one sees the same state.
            let _ = tx.try_send(Work::Tick);
        })
    })?;
    scheduler.add(job).await?;
    scheduler.start().await?;

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
