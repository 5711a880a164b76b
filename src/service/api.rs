//! The operators' HTTP API (axum), bound to 127.0.0.1 by default. Every endpoint but `/health`
//! needs `Authorization: Bearer <token>` (scheme case-insensitive, token compared in constant
//! time).
//!
//! Hygiene: store work runs on the blocking pool, never on the async threads; requests have a
//! time-out, a body limit and a concurrency limit; errors a client can fix say what is wrong,
//! other errors are logged with a correlation id and answered generically with that id; no
//! response carries a file path. `POST /regenerate` queues a job and answers at once (202 with
//! the job to poll); the same `Idempotency-Key` gives the same job, so a retrying client never
//! mails anyone twice.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::store::{parse_ts, MailStatus, ReportRow, RunKind, RunStatus, Store, StoreError};
use super::worker::{Queue, RegenerateRequest, Work};
use super::{Selection, Service, ServiceError};
use crate::domain::Period;

struct ApiState {
    service: Service,
    token: String,
    queue: Arc<Queue>,
}

type St = State<Arc<ApiState>>;

/// Seconds a client waits before it asks again when the queue is full.
const RETRY_AFTER_SECS: u64 = 30;

pub fn router(service: Service, token: String, queue: Arc<Queue>) -> Router {
    let state = Arc::new(ApiState {
        service,
        token,
        queue,
    });
    let protected = Router::new()
        .route("/runs", get(runs))
        .route("/runs/{id}", get(run))
        .route("/reports", get(reports))
        .route("/reports/{id}", get(report_file))
        .route("/regenerate", post(regenerate))
        .route("/jobs/{id}", get(job))
        .route("/feeds", get(feeds))
        .route("/metrics", get(metrics))
        .route_layer(middleware::from_fn_with_state(state.clone(), auth));
    let mut app = Router::new()
        .route("/health", get(health))
        .merge(protected)
        .with_state(state.clone());
    if state.service.settings.console.enabled {
        app = app.merge(super::console::router(
            state.service.clone(),
            state.token.clone(),
            state.queue.clone(),
        ));
    }
    app.layer(DefaultBodyLimit::max(16 * 1024))
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(32))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
}

/// An error answer.
#[derive(Debug)]
pub enum ApiError {
    /// The client can fix it: the message says how.
    Client(StatusCode, String),
    /// The queue is full: try again after a while.
    Busy,
    /// Ours: logged with a correlation id, answered generically.
    Internal(ServiceError),
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Store(StoreError::NotFound { .. }) => {
                ApiError::Client(StatusCode::NOT_FOUND, e.to_string())
            }
            e if e.class() == super::ErrorClass::Usage => {
                ApiError::Client(StatusCode::BAD_REQUEST, e.to_string())
            }
            e => ApiError::Internal(e),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ServiceError::from(e).into()
    }
}

/// A short random id that ties an answer to its line in the log.
pub fn correlation_id() -> String {
    use std::hash::{BuildHasher, RandomState};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{:012x}", RandomState::new().hash_one(n) & 0xffff_ffff_ffff)
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Client(status, msg) => {
                (status, Json(json!({ "error": msg }))).into_response()
            }
            ApiError::Busy => (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, RETRY_AFTER_SECS.to_string())],
                Json(json!({ "error": "the job queue is full; try again later" })),
            )
                .into_response(),
            ApiError::Internal(e) => {
                let id = correlation_id();
                tracing::error!(correlation_id = %id, error = %e, "API request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Json(json!({ "error": "internal error", "correlation_id": id })),
                )
                    .into_response()
            }
        }
    }
}

fn bad(msg: impl Into<String>) -> ApiError {
    ApiError::Client(StatusCode::BAD_REQUEST, msg.into())
}

/// Runs store work on the blocking pool with a store of its own.
pub async fn blocking<T: Send + 'static>(
    service: &Service,
    f: impl FnOnce(&Store) -> Result<T, ServiceError> + Send + 'static,
) -> Result<T, ApiError> {
    let service = service.clone();
    tokio::task::spawn_blocking(move || {
        let store = service.store()?;
        f(&store)
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))?
    .map_err(ApiError::from)
}

/// Whether an `Authorization` header carries `token` as a bearer token (the scheme ignores case).
pub fn bearer_matches(header: Option<&str>, token: &str) -> bool {
    let given = header
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim())
        .unwrap_or("");
    !token.is_empty() && constant_time_eq::constant_time_eq(given.as_bytes(), token.as_bytes())
}

async fn auth(State(st): St, req: Request, next: Next) -> Response {
    let header = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if bearer_matches(header, &st.token) {
        next.run(req).await
    } else {
        let mut r = ApiError::Client(
            StatusCode::UNAUTHORIZED,
            "a valid bearer token is required".into(),
        )
        .into_response();
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            "Bearer".parse().expect("valid header"),
        );
        r
    }
}

/// ok / not ok, and when the last report run succeeded; no paths, no error text.
async fn health(State(st): St) -> Response {
    match blocking(&st.service, |s| Ok(s.last_successful_run(RunKind::Report)?)).await {
        Ok(last) => {
            Json(json!({ "status": "ok", "last_successful_report_run": last })).into_response()
        }
        Err(e) => {
            if let ApiError::Internal(e) = e {
                tracing::error!(error = %e, "health check: the state store cannot be read");
            }
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "not ok" })),
            )
                .into_response()
        }
    }
}

async fn runs(State(st): St) -> Result<Response, ApiError> {
    let runs = blocking(&st.service, |s| Ok(s.runs(200)?)).await?;
    Ok(Json(runs).into_response())
}

/// A report as the API shows it: by id, without where it is stored.
#[derive(Debug, Serialize)]
pub struct ReportView {
    pub id: i64,
    pub run_id: i64,
    pub period: Period,
    pub audience_kind: crate::domain::AudienceKind,
    pub audience_code: String,
    pub file_name: String,
    pub sha256: String,
    pub created_at: String,
}

impl From<ReportRow> for ReportView {
    fn from(r: ReportRow) -> Self {
        let file_name = std::path::Path::new(&r.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Self {
            id: r.id,
            run_id: r.run_id,
            period: r.period,
            audience_kind: r.audience_kind,
            audience_code: r.audience_code,
            file_name,
            sha256: r.sha256,
            created_at: r.created_at,
        }
    }
}

async fn run(State(st): St, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id: i64 = id.parse().map_err(|_| bad("a run id is a number"))?;
    let detail = blocking(&st.service, move |store| {
        let run = store.run(id)?;
        let snapshots: Vec<_> = store
            .run_snapshots(id)?
            .into_iter()
            .map(|s| json!({ "id": s.id, "feed": s.feed, "source": s.source, "sha256": s.sha256, "bytes": s.bytes, "fetched_at": s.fetched_at, "origin": s.origin }))
            .collect();
        let reports: Vec<ReportView> = store
            .run_reports(id)?
            .into_iter()
            .map(ReportView::from)
            .collect();
        let mails: Vec<_> = store
            .outbox(Some(id))?
            .into_iter()
            .map(|m| json!({ "id": m.id, "recipient": m.recipient, "status": m.status, "attempts": m.attempts, "last_error": m.last_error, "message_id": m.message_id, "sent_at": m.sent_at }))
            .collect();
        Ok(json!({ "run": run, "snapshots": snapshots, "reports": reports, "mails": mails }))
    })
    .await?;
    Ok(Json(detail).into_response())
}

/// Every configured feed: where it comes from (without credentials), its current snapshot, when
/// it was last confirmed and whether its latest delivery was refused.
async fn feeds(State(st): St) -> Result<Response, ApiError> {
    let configured = st.service.settings.feeds();
    let list = blocking(&st.service, move |store| {
        let now = chrono::Utc::now();
        let checks = store.source_checks()?;
        let mut out = Vec::with_capacity(configured.len());
        for f in configured {
            let latest = store.latest_snapshot(&f.name)?.map(|(s, _)| s);
            let check = checks.iter().find(|c| c.feed == f.name);
            let origin = match &f.setting.url {
                Some(u) => crate::files::redact_url(u),
                None => f.setting.path.display().to_string(),
            };
            out.push(json!({
                "name": f.name,
                "kind": f.kind,
                "corporation": f.setting.corporation,
                "origin": origin,
                "snapshot": latest.map(|s| json!({ "id": s.id, "sha256": s.sha256, "bytes": s.bytes, "fetched_at": s.fetched_at })),
                "checked_at": check.map(|c| c.checked_at.clone()),
                "age_seconds": check.and_then(|c| parse_ts(&c.checked_at)).map(|t| (now - t).num_seconds()),
                "refused": check.and_then(|c| c.refused.clone()),
            }));
        }
        Ok(json!({ "feeds": out }))
    })
    .await?;
    Ok(Json(list).into_response())
}

#[derive(Deserialize)]
struct ReportsQuery {
    period: Option<String>,
}

async fn reports(State(st): St, Query(q): Query<ReportsQuery>) -> Result<Response, ApiError> {
    let period = match q.period.as_deref() {
        None => None,
        Some(p) => Some(
            p.parse::<Period>()
                .map_err(|_| bad(format!("period {p:?} is not YYYY-MM")))?,
        ),
    };
    let reports = blocking(&st.service, move |s| Ok(s.reports(period)?)).await?;
    let views: Vec<ReportView> = reports.into_iter().map(ReportView::from).collect();
    Ok(Json(views).into_response())
}

async fn report_file(State(st): St, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id: i64 = id.parse().map_err(|_| bad("a report id is a number"))?;
    let service = st.service.clone();
    let (name, bytes) = tokio::task::spawn_blocking(move || service.report_file(id))
        .await
        .map_err(|e| ApiError::Internal(e.into()))?
        .map_err(|e| match e {
            super::ReportFileError::Service(e) => ApiError::from(*e),
            e @ super::ReportFileError::Missing => {
                ApiError::Client(StatusCode::NOT_FOUND, e.to_string())
            }
            e @ super::ReportFileError::OutsideArchive => {
                ApiError::Client(StatusCode::FORBIDDEN, e.to_string())
            }
        })?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
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

/// Queues a regeneration: 202 with the job (poll `GET /jobs/{id}`); with an `Idempotency-Key`
/// already used, that job again (422 when the body differs).
async fn regenerate(
    State(st): St,
    headers: HeaderMap,
    body: Result<Json<RegenerateBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|e| bad(e.body_text()))?;
    let period: Period = body
        .period
        .parse()
        .map_err(|_| bad(format!("period {:?} is not YYYY-MM", body.period)))?;
    let selection = match (body.municipality, body.corporation, body.region) {
        (None, None, false) => Selection::All,
        (Some(m), None, false) => Selection::Municipality(m),
        (None, Some(c), false) => Selection::Corporation(c),
        (None, None, true) => Selection::Region,
        _ => {
            return Err(bad(
                "choose at most one of municipality, corporation, region",
            ))
        }
    };
    let selection = st.service.check_selection(&selection)?;
    let key = match headers.get("idempotency-key") {
        None => None,
        Some(v) => {
            let k = v
                .to_str()
                .ok()
                .map(str::trim)
                .filter(|k| !k.is_empty() && k.len() <= 200)
                .ok_or_else(|| bad("Idempotency-Key must be 1 to 200 visible characters"))?;
            Some(k.to_string())
        }
    };
    let request = RegenerateRequest {
        period,
        selection,
        send: body.send,
    };
    submit(&st, request, key, "api").await
}

/// Queues a regeneration as a job (shared by the API and the console).
pub(super) async fn submit_job(
    service: &Service,
    queue: &Arc<Queue>,
    request: RegenerateRequest,
    key: Option<String>,
    requested_by: &str,
) -> Result<(super::store::JobRow, bool), ApiError> {
    let text = serde_json::to_string(&request).expect("requests serialize");
    if key.is_none() && !queue.has_room() {
        return Err(ApiError::Busy);
    }
    let by = requested_by.to_string();
    let stored = text.clone();
    let (job, new) = blocking(service, move |s| {
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
        if job.request != text {
            return Err(ApiError::Client(
                StatusCode::UNPROCESSABLE_ENTITY,
                "this Idempotency-Key was used for another request".into(),
            ));
        }
        return Ok((job, false));
    }
    if let Err(_full) = queue.push(Work::Job {
        id: job.id,
        request,
    }) {
        let id = job.id;
        blocking(service, move |s| {
            Ok(s.finish_job(
                id,
                None,
                Some("refused: the job queue was full"),
                chrono::Utc::now(),
            )?)
        })
        .await?;
        return Err(ApiError::Busy);
    }
    Ok((job, true))
}

async fn submit(
    st: &ApiState,
    request: RegenerateRequest,
    key: Option<String>,
    requested_by: &str,
) -> Result<Response, ApiError> {
    let (job, _new) = submit_job(&st.service, &st.queue, request, key, requested_by).await?;
    Ok((
        StatusCode::ACCEPTED,
        [(header::LOCATION, format!("/jobs/{}", job.id))],
        Json(job_view(&job)),
    )
        .into_response())
}

fn job_view(job: &super::store::JobRow) -> serde_json::Value {
    let request: serde_json::Value = serde_json::from_str(&job.request).unwrap_or_default();
    json!({
        "id": job.id,
        "status": job.status,
        "request": request,
        "run": job.run_id,
        "error": job.error,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
    })
}

async fn job(State(st): St, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id: i64 = id.parse().map_err(|_| bad("a job id is a number"))?;
    let job = blocking(&st.service, move |s| Ok(s.job(id)?)).await?;
    Ok(Json(job_view(&job)).into_response())
}

async fn metrics(State(st): St) -> Result<Response, ApiError> {
    let out = blocking(&st.service, |s| Ok(metrics_text(s)?)).await?;
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], out).into_response())
}

/// The Prometheus exposition of the store's state.
fn metrics_text(store: &Store) -> Result<String, StoreError> {
    let mut out = String::new();
    let now = chrono::Utc::now();
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
    for status in MailStatus::ALL {
        out.push_str(&format!(
            "woonmonitor_mails{{status=\"{status}\"}} {}\n",
            store.count_mails(*status)?
        ));
    }
    let blocked = store
        .outbox_state()?
        .blocked_since
        .map_or(0, |t| (now - t).num_seconds().max(0));
    out.push_str("# HELP woonmonitor_outbox_blocked_seconds How long the mail server has been unreachable (0: it is not).\n# TYPE woonmonitor_outbox_blocked_seconds gauge\n");
    out.push_str(&format!("woonmonitor_outbox_blocked_seconds {blocked}\n"));
    out.push_str("# HELP woonmonitor_source_age_seconds Time since a feed was last confirmed.\n# TYPE woonmonitor_source_age_seconds gauge\n");
    let checks = store.source_checks()?;
    for c in &checks {
        let age = parse_ts(&c.checked_at)
            .map(|t| (now - t).num_seconds())
            .unwrap_or(-1);
        out.push_str(&format!(
            "woonmonitor_source_age_seconds{{source=\"{}\",kind=\"{}\"}} {age}\n",
            c.feed, c.source
        ));
    }
    out.push_str("# HELP woonmonitor_feed_refused Whether a feed's latest delivery was refused (1) or not (0).\n# TYPE woonmonitor_feed_refused gauge\n");
    for c in &checks {
        out.push_str(&format!(
            "woonmonitor_feed_refused{{source=\"{}\"}} {}\n",
            c.feed,
            u8::from(c.refused.is_some())
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bearer_scheme_ignores_case_the_token_does_not() {
        assert!(bearer_matches(Some("Bearer s3cret"), "s3cret"));
        assert!(bearer_matches(Some("bearer s3cret"), "s3cret"));
        assert!(bearer_matches(Some("BEARER  s3cret"), "s3cret"));
        assert!(!bearer_matches(Some("Bearer S3CRET"), "s3cret"));
        assert!(!bearer_matches(Some("Basic s3cret"), "s3cret"));
        assert!(!bearer_matches(None, "s3cret"));
        assert!(
            !bearer_matches(Some("Bearer "), ""),
            "an empty token never matches"
        );
    }

    #[test]
    fn correlation_ids_differ() {
        assert_ne!(correlation_id(), correlation_id());
        assert_eq!(correlation_id().len(), 12);
    }
}
