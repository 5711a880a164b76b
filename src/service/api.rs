//! The operators' HTTP API (axum), bound to 127.0.0.1 by default. Every endpoint but `/health`
//! needs `Authorization: Bearer <token>` (compared in constant time). Report files are served by
//! id only, from the archive folder; a path from the store that resolves outside it is refused.

use std::sync::Arc;

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use tokio::sync::{mpsc, oneshot};

use super::store::{parse_ts, MailStatus, RunKind, RunStatus, StoreError};
use super::worker::Work;
use super::{Selection, Service, ServiceError};
use crate::domain::Period;

struct ApiState {
    service: Service,
    token: String,
    jobs: mpsc::Sender<Work>,
}

type St = State<Arc<ApiState>>;

pub fn router(service: Service, token: String, jobs: mpsc::Sender<Work>) -> Router {
    let state = Arc::new(ApiState {
        service,
        token,
        jobs,
    });
    let protected = Router::new()
        .route("/runs", get(runs))
        .route("/runs/{id}", get(run))
        .route("/reports", get(reports))
        .route("/reports/{id}", get(report_file))
        .route("/regenerate", post(regenerate))
        .route("/metrics", get(metrics))
        .route_layer(middleware::from_fn_with_state(state.clone(), auth));
    Router::new()
        .route("/health", get(health))
        .merge(protected)
        .with_state(state)
}

fn error(status: StatusCode, msg: impl Into<String>) -> Response {
    (status, Json(json!({ "error": msg.into() }))).into_response()
}

async fn auth(State(st): St, req: Request, next: Next) -> Response {
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if constant_time_eq::constant_time_eq(given.as_bytes(), st.token.as_bytes()) {
        next.run(req).await
    } else {
        let mut r = error(StatusCode::UNAUTHORIZED, "a valid bearer token is required");
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            "Bearer".parse().expect("valid header"),
        );
        r
    }
}

fn internal(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "API request failed");
    error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
}

async fn health(State(st): St) -> Response {
    match st
        .service
        .store()
        .and_then(|s| Ok(s.last_successful_run(RunKind::Report)?))
    {
        Ok(last) => {
            Json(json!({ "status": "ok", "last_successful_report_run": last })).into_response()
        }
        Err(e) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "error", "error": e.to_string() })),
        )
            .into_response(),
    }
}

async fn runs(State(st): St) -> Response {
    match st.service.store().and_then(|s| Ok(s.runs(200)?)) {
        Ok(r) => Json(r).into_response(),
        Err(e) => internal(e),
    }
}

async fn run(State(st): St, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return error(StatusCode::BAD_REQUEST, "a run id is a number");
    };
    let store = match st.service.store() {
        Ok(s) => s,
        Err(e) => return internal(e),
    };
    let detail = || -> Result<serde_json::Value, StoreError> {
        let run = store.run(id)?;
        let snapshots = store.run_snapshots(id)?;
        let reports = store.run_reports(id)?;
        let mails: Vec<_> = store
            .outbox(Some(id))?
            .into_iter()
            .map(|m| json!({ "id": m.id, "recipient": m.recipient, "status": m.status, "attempts": m.attempts, "last_error": m.last_error, "message_id": m.message_id, "sent_at": m.sent_at }))
            .collect();
        Ok(json!({ "run": run, "snapshots": snapshots, "reports": reports, "mails": mails }))
    };
    match detail() {
        Ok(v) => Json(v).into_response(),
        Err(e @ StoreError::NotFound { .. }) => error(StatusCode::NOT_FOUND, e.to_string()),
        Err(e) => internal(e),
    }
}

#[derive(Deserialize)]
struct ReportsQuery {
    period: Option<String>,
}

async fn reports(State(st): St, Query(q): Query<ReportsQuery>) -> Response {
    let period = match q.period.as_deref().map(str::parse::<Period>) {
        None => None,
        Some(Ok(p)) => Some(p),
        Some(Err(_)) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!("period {:?} is not YYYY-MM", q.period.unwrap_or_default()),
            )
        }
    };
    match st.service.store().and_then(|s| Ok(s.reports(period)?)) {
        Ok(r) => Json(r).into_response(),
        Err(e) => internal(e),
    }
}

async fn report_file(State(st): St, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return error(StatusCode::BAD_REQUEST, "a report id is a number");
    };
    let row = match st.service.store().and_then(|s| Ok(s.report(id)?)) {
        Ok(r) => r,
        Err(ServiceError::Store(e @ StoreError::NotFound { .. })) => {
            return error(StatusCode::NOT_FOUND, e.to_string())
        }
        Err(e) => return internal(e),
    };
    // Only files inside the archive are served.
    let archive = match std::fs::canonicalize(st.service.archive_dir()) {
        Ok(a) => a,
        Err(_) => return error(StatusCode::NOT_FOUND, "the archive is empty"),
    };
    let path = match std::fs::canonicalize(&row.path) {
        Ok(p) if p.starts_with(&archive) => p,
        Ok(_) => {
            return error(
                StatusCode::FORBIDDEN,
                "the report file is outside the archive",
            )
        }
        Err(_) => return error(StatusCode::NOT_FOUND, "the report file is missing"),
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                [
                    (header::CONTENT_TYPE, "application/pdf".to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}\""),
                    ),
                ],
                bytes,
            )
                .into_response()
        }
        Err(e) => internal(e),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegenerateBody {
    period: String,
    municipality: Option<String>,
    corporation: Option<String>,
    #[serde(default)]
    region: bool,
    #[serde(default)]
    send: bool,
}

async fn regenerate(
    State(st): St,
    body: Result<Json<RegenerateBody>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Json(body) = match body {
        Ok(b) => b,
        Err(e) => return error(StatusCode::BAD_REQUEST, e.body_text()),
    };
    let Ok(period) = body.period.parse::<Period>() else {
        return error(
            StatusCode::BAD_REQUEST,
            format!("period {:?} is not YYYY-MM", body.period),
        );
    };
    let selection = match (body.municipality, body.corporation, body.region) {
        (None, None, false) => Selection::All,
        (Some(m), None, false) => Selection::Municipality(m),
        (None, Some(c), false) => Selection::Corporation(c),
        (None, None, true) => Selection::Region,
        _ => {
            return error(
                StatusCode::BAD_REQUEST,
                "choose at most one of municipality, corporation, region",
            )
        }
    };
    let (tx, rx) = oneshot::channel();
    if st
        .jobs
        .send(Work::Regenerate {
            period,
            selection,
            send: body.send,
            reply: tx,
        })
        .await
        .is_err()
    {
        return error(
            StatusCode::SERVICE_UNAVAILABLE,
            "the daemon is shutting down",
        );
    }
    match rx.await {
        Ok(Ok(run)) => (StatusCode::CREATED, Json(json!({ "run": run }))).into_response(),
        Ok(Err(e)) => error(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()),
        Err(_) => error(
            StatusCode::SERVICE_UNAVAILABLE,
            "the daemon stopped before the run finished",
        ),
    }
}

async fn metrics(State(st): St) -> Response {
    match st.service.store().and_then(|s| Ok(metrics_text(&s)?)) {
        Ok(out) => ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], out).into_response(),
        Err(e) => internal(e),
    }
}

/// The Prometheus exposition of the store's state.
fn metrics_text(store: &super::store::Store) -> Result<String, StoreError> {
    let mut out = String::new();
    let secs = |s: Option<String>| {
        s.as_deref()
            .and_then(parse_ts)
            .map(|t| t.timestamp())
            .unwrap_or(0)
    };
    out.push_str("# HELP woonmonitor_last_success_timestamp_seconds End of the last successful run of a kind.\n# TYPE woonmonitor_last_success_timestamp_seconds gauge\n");
    for kind in RunKind::ALL {
        let v = secs(store.last_successful_run(*kind)?);
        out.push_str(&format!(
            "woonmonitor_last_success_timestamp_seconds{{kind=\"{kind}\"}} {v}\n"
        ));
    }
    out.push_str("# HELP woonmonitor_runs Runs by status.\n# TYPE woonmonitor_runs gauge\n");
    for status in [
        RunStatus::Succeeded,
        RunStatus::Failed,
        RunStatus::Held,
        RunStatus::Running,
    ] {
        out.push_str(&format!(
            "woonmonitor_runs{{status=\"{status}\"}} {}\n",
            store.count_runs(status)?
        ));
    }
    out.push_str(
        "# HELP woonmonitor_mails Outbox messages by status.\n# TYPE woonmonitor_mails gauge\n",
    );
    for status in [
        MailStatus::Sent,
        MailStatus::Failed,
        MailStatus::Pending,
        MailStatus::Held,
        MailStatus::Sending,
    ] {
        out.push_str(&format!(
            "woonmonitor_mails{{status=\"{status}\"}} {}\n",
            store.count_mails(status)?
        ));
    }
    out.push_str("# HELP woonmonitor_source_age_seconds Time since a source was last confirmed.\n# TYPE woonmonitor_source_age_seconds gauge\n");
    let now = chrono::Utc::now();
    for (source, checked) in store.source_checks()? {
        let age = parse_ts(&checked)
            .map(|t| (now - t).num_seconds())
            .unwrap_or(-1);
        out.push_str(&format!(
            "woonmonitor_source_age_seconds{{source=\"{source}\"}} {age}\n"
        ));
    }
    Ok(out)
}
