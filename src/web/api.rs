//! The HTTP API for machines (axum), bound to 127.0.0.1 by default. Every endpoint but `/health`
//! needs `Authorization: Bearer <token>` (the API's own token, at least 32 characters; scheme
//! case-insensitive; compared as digests; wrong tokens slowed by the shared throttle).
//!
//! Hygiene: store work runs on the blocking pool, never on the async threads; the shared edge
//! (`http`) gives time-outs, a body limit, a connection limit and request slots; errors a client can fix say what is wrong,
//! other errors are logged with a correlation id and answered generically with that id; no
//! response carries a file path (a feed's origin is its kind and host). `POST /regenerate` queues a job and answers at once (202 with
//! the job to poll); the same `Idempotency-Key` gives the same job, so a retrying client never
//! mails anyone twice.

use std::sync::Arc;

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::state::{blocking, correlation_id, origin_view, Shared};
use crate::domain::Period;
use crate::service::secret::Secret;
use crate::service::worker::{Queue, RegenerateRequest};
use crate::service::{ErrorClass, Selection, Service, ServiceError};
use crate::store::{parse_ts, MailStatus, ReportRow, RunKind, RunStatus, Store, StoreError};
use crate::web::client::Client;
use crate::web::download::{self, Disposition, DownloadError};
use crate::web::html::{mail_problem_nl, problem_view};
use crate::web::jobs::{self, SubmitError};
use crate::web::throttle::Throttle;

struct ApiState {
    service: Service,
    /// The machines' token (its digest); `None`: only `/health` is served.
    token: Option<Secret>,
    queue: Arc<Queue>,
    throttle: Arc<Throttle>,
}

type St = State<Arc<ApiState>>;

/// Seconds a client waits before it asks again when the queue is full.
const RETRY_AFTER_SECS: u64 = 30;

/// `/health`, and with a token the API's endpoints (each takes a request slot once signed in).
pub fn router(shared: &Shared, token: Option<&str>) -> Router {
    let state = Arc::new(ApiState {
        service: shared.service.clone(),
        token: token.map(Secret::new),
        queue: shared.queue.clone(),
        throttle: shared.throttle.clone(),
    });
    let mut app = Router::new()
        .route("/health", get(health))
        .route("/openapi.json", get(openapi));
    if state.token.is_some() {
        let protected = Router::new()
            .route("/runs", get(runs))
            .route("/runs/{id}", get(run))
            .route("/reports", get(reports))
            .route("/reports/{id}", get(report_file))
            .route("/regenerate", post(regenerate))
            .route("/jobs/{id}", get(job))
            .route("/feeds", get(feeds))
            .route("/metrics", get(metrics))
            .route_layer(shared.slot_layer())
            .route_layer(middleware::from_fn_with_state(state.clone(), auth));
        app = app.merge(protected);
    }
    app.with_state(state)
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
            e if e.class() == ErrorClass::Usage => {
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

/// The token of an `Authorization: Bearer` header (the scheme ignores case).
fn bearer(header: Option<&str>) -> &str {
    header
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim())
        .unwrap_or("")
}

/// Lets requests with the token through; a wrong or missing one is answered 401 after the
/// throttle's delay for this client (a right one is never delayed).
async fn auth(
    State(st): St,
    Extension(client): Extension<Client>,
    req: Request,
    next: Next,
) -> Response {
    let given = bearer(
        req.headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok()),
    );
    let ok = !given.is_empty() && st.token.as_ref().is_some_and(|t| t.matches(given));
    if ok {
        st.throttle.succeeded(client.ip);
        return next.run(req).await;
    }
    if !given.is_empty() {
        let verdict = st.throttle.failed(client.ip);
        tracing::warn!(client = %client.ip, delay_ms = verdict.delay.as_millis() as u64, "API request with a wrong bearer token");
        tokio::time::sleep(verdict.delay).await;
    }
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

/// The OpenAPI 3.1 description of this API (kept true by `tests/it/openapi.rs`: every route is
/// described, and schemathesis checks the running daemon's answers against it).
pub const OPENAPI: &str = include_str!("openapi.json");

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// ok / not ok, and when the last report run succeeded; no paths, no error text.
async fn health(State(st): St) -> Response {
    let service = st.service.clone();
    let found = crate::threads::offload(move || service.health(chrono::Utc::now())).await;
    match found {
        // A held run published nothing: it is not the last successful report run.
        Ok(h) => Json(json!({
            "status": h.status,
            "reasons": h.reasons,
            "last_published_report_run": h.last_published_report_run,
            "last_successful_report_run": h.last_published_report_run,
            "last_held_report_run": h.last_held_report_run,
            "held_deliveries": h.held_deliveries,
        }))
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: the state store cannot be read");
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
    let templates = &st.service.settings().output.templates;
    let views: Vec<_> = runs.iter().map(|r| run_view(templates, r)).collect();
    Ok(Json(views).into_response())
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
    /// The document's scope's year-end forecast (absent for a year that is over, and for a
    /// report an older version made).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast: Option<serde_json::Value>,
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
            forecast: r.forecast.and_then(|f| serde_json::from_str(&f).ok()),
        }
    }
}

async fn run(State(st): St, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id: i64 = id.parse().map_err(|_| bad("a run id is a number"))?;
    let templates = st.service.settings().output.templates.clone();
    let detail = blocking(&st.service, move |store| {
        let run = run_view(&templates, &store.run(id)?);
        let snapshots: Vec<_> = store
            .run_snapshots(id)?
            .into_iter()
            .map(|s| json!({ "id": s.id, "feed": s.feed, "source": s.source, "sha256": s.sha256, "bytes": s.bytes, "fetched_at": s.fetched_at, "origin": origin_view(&s.origin) }))
            .collect();
        let reports: Vec<ReportView> = store
            .run_reports(id)?
            .into_iter()
            .map(ReportView::from)
            .collect();
        let mails: Vec<_> = store
            .outbox(Some(id))?
            .into_iter()
            .map(|m| json!({ "id": m.id, "recipient": m.recipient, "status": m.status, "attempts": m.attempts, "last_error": m.last_error.as_deref().map(|e| mail_problem_nl(&templates, e)), "message_id": m.message_id, "sent_at": m.sent_at }))
            .collect();
        Ok(json!({ "run": run, "snapshots": snapshots, "reports": reports, "mails": mails }))
    })
    .await?;
    Ok(Json(detail).into_response())
}

/// Every configured feed: where it comes from (its kind and host, never a path or credentials), its current snapshot, when
/// it was last confirmed and whether its latest delivery was refused.
async fn feeds(State(st): St) -> Result<Response, ApiError> {
    let configured = st.service.settings().feeds();
    let list = blocking(&st.service, move |store| {
        let now = chrono::Utc::now();
        let checks = store.source_checks()?;
        let mut out = Vec::with_capacity(configured.len());
        for f in configured {
            let latest = store.latest_snapshot(&f.name)?.map(|(s, _)| s);
            let check = checks.iter().find(|c| c.feed == f.name);
            let origin = match &f.setting.url {
                Some(u) => origin_view(u),
                None => origin_view(""),
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

async fn reports(
    State(st): St,
    query: Result<Query<ReportsQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    // A malformed query (e.g. `period` twice) is a JSON 400 like every other error.
    let Query(q) = query.map_err(|e| bad(e.body_text()))?;
    let period = match q.period.as_deref() {
        None => None,
        Some(p) => Some(p.parse::<Period>().map_err(|_| {
            bad(format!(
                "period {p:?} is not YYYY-MM (reports are listed by their last month)"
            ))
        })?),
    };
    let reports = blocking(&st.service, move |s| Ok(s.reports(period)?)).await?;
    let views: Vec<ReportView> = reports.into_iter().map(ReportView::from).collect();
    Ok(Json(views).into_response())
}

async fn report_file(State(st): St, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id: i64 = id.parse().map_err(|_| bad("a report id is a number"))?;
    download::report(&st.service, id, Disposition::Attachment)
        .await
        .map_err(|e| match e {
            DownloadError::NotFound => {
                ApiError::Client(StatusCode::NOT_FOUND, format!("report {id} does not exist"))
            }
            DownloadError::Forbidden => ApiError::Client(
                StatusCode::FORBIDDEN,
                "the report file is outside the archive".into(),
            ),
            DownloadError::Service(e) => ApiError::from(e),
        })
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
    let period: crate::domain::ReportPeriod = body
        .period
        .parse()
        .map_err(|e: crate::domain::DomainError| bad(e.to_string()))?;
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

async fn submit(
    st: &ApiState,
    request: RegenerateRequest,
    key: Option<String>,
    requested_by: &str,
) -> Result<Response, ApiError> {
    let (job, _new) = jobs::submit(&st.service, &st.queue, request, key, requested_by)
        .await
        .map_err(|e| match e {
            SubmitError::Busy => ApiError::Busy,
            e @ SubmitError::KeyReused => {
                ApiError::Client(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
            }
            SubmitError::Service(e) => ApiError::from(*e),
        })?;
    Ok((
        StatusCode::ACCEPTED,
        [(header::LOCATION, format!("/jobs/{}", job.id))],
        Json(job_view(&st.service.settings().output.templates, &job)),
    )
        .into_response())
}

/// A run as the API shows it: its error as a code and a Dutch message, never the text.
fn run_view(templates: &std::path::Path, run: &crate::store::Run) -> serde_json::Value {
    let mut v = serde_json::to_value(run).expect("a run serializes");
    v["error"] = problem_view(templates, run.error.as_deref());
    v
}

fn job_view(templates: &std::path::Path, job: &crate::store::JobRow) -> serde_json::Value {
    let request: serde_json::Value = serde_json::from_str(&job.request).unwrap_or_default();
    json!({
        "id": job.id,
        "status": job.status,
        "request": request,
        "run": job.run_id,
        "error": problem_view(templates, job.error.as_deref()),
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
    })
}

async fn job(State(st): St, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id: i64 = id.parse().map_err(|_| bad("a job id is a number"))?;
    let job = blocking(&st.service, move |s| Ok(s.job(id)?)).await?;
    Ok(Json(job_view(&st.service.settings().output.templates, &job)).into_response())
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
    out.push_str("# HELP woonmonitor_store_connections_opened_total Connections to the state store this process opened (its requests share a pool).\n# TYPE woonmonitor_store_connections_opened_total counter\n");
    out.push_str(&format!(
        "woonmonitor_store_connections_opened_total {}\n",
        crate::store::connections_opened()
    ));
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
        assert_eq!(bearer(Some("Bearer s3cret")), "s3cret");
        assert_eq!(bearer(Some("bearer s3cret")), "s3cret");
        assert_eq!(bearer(Some("BEARER  s3cret")), "s3cret");
        assert_eq!(bearer(Some("Basic s3cret")), "");
        assert_eq!(bearer(None), "");
        assert_eq!(bearer(Some("Bearer ")), "");
    }
}
