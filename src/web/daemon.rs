//! The long-running process: the worker loop (`worker`: one job at a time, so runs never overlap),
//! fed by a UTC minute tick from tokio-cron-scheduler (no DST there; which local-time jobs are due
//! is decided by `schedule` + the store, see `Service::tick`), a 30-second mail pass and the HTTP
//! API. SIGTERM/SIGINT: stop taking work, let the current job finish (up to a grace period), stop
//! the API.

use std::time::Duration;

use std::sync::Arc;

use chrono::Utc;
use tokio::sync::watch;
use tokio_cron_scheduler::{Job, JobScheduler};

use super::local;
use crate::service::worker::{self, Queue, RegenerateRequest, Work};
use crate::service::{lock, Service, ServiceError};
use crate::threads::offload;
use tokio::sync::oneshot;

/// Jobs and operator commands waiting at most; more are refused (429) or wait.
const QUEUE_CAPACITY: usize = 16;

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

/// What the daemon does before it serves: the state lock (held for its whole life), what a crash
/// left half done put right, and the jobs the API accepted before a restart queued again.
fn start(service: &Service, queue: &Queue) -> Result<lock::StateLock, ServiceError> {
    let lock = lock::lock_or_fail(service.state_dir(), "woonmonitor daemon")?;
    super::html::preload(&service.settings().output.templates);
    // What a stopped process left half written: its temporary files and versions (the state
    // folder is this daemon's alone; in the output folder a `report` of the command line may be
    // writing, so only what is older than ten minutes).
    let state = crate::publication::clean_temporaries(service.state_dir(), Duration::ZERO);
    let out = crate::publication::clean_temporaries(
        &service.settings().output.dir,
        Duration::from_secs(600),
    );
    if state + out > 0 {
        tracing::warn!(
            files = state + out,
            "temporary files of an interrupted write removed"
        );
    }
    service.recover(Utc::now())?;
    for job in service.store()?.queued_jobs()? {
        match serde_json::from_str::<RegenerateRequest>(&job.request) {
            Ok(request) => queue.push_unbounded(Work::Job {
                id: job.id,
                request,
            }),
            Err(e) => {
                let error = format!("unreadable request: {e}");
                service
                    .store()?
                    .finish_job(job.id, None, Some(&error), Utc::now())?;
            }
        }
    }
    Ok(lock)
}

/// Runs the daemon until a shutdown signal (or after one pass with `once`). It holds the state
/// lock for its whole life: a second daemon (or a command acting beside it) is refused.
pub async fn run(service: Service, opts: DaemonOptions) -> Result<(), ServiceError> {
    let queue = Arc::new(Queue::new(QUEUE_CAPACITY));
    let _lock = {
        let (service, queue) = (service.clone(), queue.clone());
        offload(move || start(&service, &queue)).await?
    };
    if opts.once {
        for work in [Work::Tick, Work::SendMail] {
            worker::run(service.clone(), queue.clone(), work, oneshot::channel().1).await;
        }
        return Ok(());
    }

    let (stop_tx, stop_rx) = watch::channel(false);

    // Operator commands on the local socket.
    let local_task = {
        let (socket, store, queue, stop) = (
            service.settings().state.socket_path(),
            service.store_path(),
            queue.clone(),
            stop_rx.clone(),
        );
        tokio::spawn(async move {
            if let Err(e) = local::serve(socket, store, queue, stop).await {
                tracing::error!(error = %e, "the local socket for operator commands failed; commands will wait for the daemon to stop");
            }
        })
    };

    // The HTTP edge: the API (with its token) and the console (with operators or a trusted
    // proxy), on one listener with its own limits.
    let mut api_task = None;
    if service.settings().api.enabled {
        let secrets = service.settings().http_secrets()?;
        if super::edge::has_anything_to_serve(&service, &secrets) {
            let listener = tokio::net::TcpListener::bind(&service.settings().api.bind)
                .await
                .map_err(|source| ServiceError::Listen {
                    bind: service.settings().api.bind.clone(),
                    source,
                })?;
            tracing::info!(
                bind = %service.settings().api.bind,
                api = secrets.api.is_some(),
                operators = secrets.operators.len(),
                proxy = service.settings().console.user_header.is_some(),
                "HTTP listening"
            );
            let app = super::edge::router(service.clone(), queue.clone(), &secrets);
            let limits = super::edge::Limits::from_settings(service.settings());
            let stop = stop_rx.clone();
            api_task = Some(tokio::spawn(async move {
                super::edge::serve(listener, app, &limits, stop).await;
            }));
        } else {
            tracing::warn!(
                env = %service.settings().api.token_env,
                "HTTP port not opened: no API token (set the environment variable or api.token_file) and no console operators or proxy"
            );
        }
    }

    // The UTC minute tick: a flag, so a tick while the worker is busy is kept, not dropped.
    let mut scheduler = JobScheduler::new().await?;
    let tick_queue = queue.clone();
    let job = Job::new_async("0 * * * * *", move |_id, _lock| {
        let q = tick_queue.clone();
        Box::pin(async move { q.tick() })
    })?;
    scheduler.add(job).await?;
    scheduler.start().await?;

    // Catch up at start-up, then a mail pass every 30 seconds.
    queue.tick();
    let mail_queue = queue.clone();
    let mut stop_mail = stop_rx.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(30));
        loop {
            tokio::select! {
                _ = every.tick() => mail_queue.mail(),
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
            work = queue.next() => {
                let (abandon, abandoned) = oneshot::channel();
                let job = worker::run(service.clone(), queue.clone(), work, abandoned);
                tokio::pin!(job);
                tokio::select! {
                    _ = &mut job => {}
                    _ = &mut shutdown => {
                        tracing::info!("shutting down: letting the current job finish (30 s at most)");
                        if tokio::time::timeout(Duration::from_secs(30), &mut job).await.is_err() {
                            let _ = abandon.send(());
                            job.await;
                        }
                        break;
                    }
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
    let _ = tokio::time::timeout(Duration::from_secs(5), local_task).await;
    Ok(())
}
