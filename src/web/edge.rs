//! The HTTP edge, in one place: the listener with its own accept loop (a connection limit of its
//! own, a header read time-out that also closes idle connections), the layers every route shares
//! (who the client is, a body read time-out and size limit, a request time-out, security
//! headers), and the router that mounts the sites (`api`, `console`, `portal`) behind them.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use http_body_util::BodyExt;
use tokio::sync::{watch, Semaphore};

use super::state::Shared;
use crate::config::HttpSecrets;
use crate::service::worker::Queue;
use crate::service::Service;

/// The largest request body (forms and JSON; nothing larger is ever needed).
pub const MAX_BODY: usize = 16 * 1024;
/// How long a request may take once its body has arrived.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The limits of the listener, from `[api]`.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_connections: usize,
    pub max_requests: usize,
    pub header_timeout: Duration,
    pub body_timeout: Duration,
}

impl Limits {
    pub fn from_settings(s: &crate::config::Settings) -> Self {
        Self {
            max_connections: s.api.max_connections,
            max_requests: s.api.max_requests,
            header_timeout: Duration::from_secs(s.api.header_timeout_secs),
            body_timeout: Duration::from_secs(s.api.body_timeout_secs),
        }
    }
}

/// What the shared layers need.
struct Edge {
    proxies: Vec<crate::config::ProxyRange>,
    user_header: Option<axum::http::HeaderName>,
    body_timeout: Duration,
}

/// Whether the daemon has anything to serve: the API (with its token) or the console (with
/// operators or a trusted proxy).
pub fn has_anything_to_serve(service: &Service, secrets: &HttpSecrets) -> bool {
    secrets.api.is_some()
        || super::console::can_sign_in(service, secrets)
        || service.settings().portal.enabled
}

/// The whole HTTP edge as one router: `/health`, the API (when it has a token), the console
/// (when someone can sign in), behind the shared layers.
pub fn router(service: Service, queue: Arc<Queue>, secrets: &HttpSecrets) -> Router {
    let limits = Limits::from_settings(service.settings());
    let slots = Arc::new(Semaphore::new(limits.max_requests));
    let throttle = Arc::new(super::throttle::Throttle::default());
    let shared = Shared {
        service: service.clone(),
        queue,
        slots,
        throttle,
    };
    let mut app = super::api::router(&shared, secrets.api.as_deref());
    if service.settings().console.enabled && super::console::can_sign_in(&service, secrets) {
        app = app.merge(super::console::router(&shared, secrets));
    }
    if service.settings().portal.enabled {
        app = app.merge(super::portal::router(&shared));
    }
    let edge = Arc::new(Edge {
        proxies: service.settings().trusted_proxies(),
        user_header: service
            .settings()
            .console
            .user_header
            .as_deref()
            .and_then(|h| axum::http::HeaderName::from_bytes(h.as_bytes()).ok()),
        body_timeout: limits.body_timeout,
    });
    // The console's and the portal's failed answers, also the edge's own, as Dutch pages.
    let pages = Arc::new(super::html::Pages::new(
        &service.settings().output.templates,
        service.settings().time_zone(),
    ));
    app.layer(tower_http::timeout::TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        REQUEST_TIMEOUT,
    ))
    .layer(middleware::from_fn_with_state(edge.clone(), read_body))
    .layer(middleware::from_fn_with_state(edge, identify))
    .layer(middleware::from_fn_with_state(
        pages,
        super::html::error_pages,
    ))
    .layer(middleware::from_fn(common_headers))
}

/// Identifies the client (see `client`), refusing a proxy-only header from anyone but a trusted
/// proxy, and drops the forwarding headers an untrusted peer sent.
async fn identify(State(edge): State<Arc<Edge>>, mut req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    let trusted = edge.proxies.iter().any(|p| p.contains(peer));
    if !trusted {
        if let Some(h) = &edge.user_header {
            if req.headers().contains_key(h) {
                if let Some(more) = super::state::log_now("user-header-refused") {
                    tracing::warn!(peer = %peer, header = %h, path = %req.uri().path(), more, "refused: the user header came from a peer that is not a trusted proxy (and `more` times since the last line)");
                }
                return plain(
                    StatusCode::FORBIDDEN,
                    "Geweigerd: deze kop wordt alleen van de vertrouwde proxy aangenomen.",
                );
            }
        }
        for h in ["x-forwarded-for", "x-forwarded-proto", "forwarded"] {
            req.headers_mut().remove(h);
        }
    }
    let client = super::client::resolve(peer, trusted, req.headers(), &edge.proxies);
    req.extensions_mut().insert(client);
    next.run(req).await
}

/// Reads the whole body (at most [`MAX_BODY`] bytes within the body time-out) before anything
/// else looks at the request: a client that sends slowly holds its connection, nothing more.
async fn read_body(State(edge): State<Arc<Edge>>, req: Request, next: Next) -> Response {
    // The portal's upload streams its own body, with the feed's limit (`super::portal::upload`).
    if req.method() == axum::http::Method::POST && req.uri().path() == super::portal::UPLOAD_PATH {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let limited = http_body_util::Limited::new(body, MAX_BODY);
    let bytes = match tokio::time::timeout(edge.body_timeout, limited.collect()).await {
        Err(_) => {
            if let Some(more) = super::state::log_now("body-timeout") {
                tracing::warn!(path = %parts.uri.path(), more, "request body did not arrive in time (and `more` times since the last line)");
            }
            return plain(
                StatusCode::REQUEST_TIMEOUT,
                "the request body did not arrive in time",
            );
        }
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
            return plain(
                StatusCode::PAYLOAD_TOO_LARGE,
                "the request body is larger than 16 KiB",
            )
        }
        Ok(Err(_)) => return plain(StatusCode::BAD_REQUEST, "the request body is incomplete"),
        Ok(Ok(c)) => c.to_bytes(),
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// An answer of the edge itself, as the API's errors are: `{"error": "…"}`.
fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, axum::Json(serde_json::json!({ "error": text }))).into_response()
}

/// Headers on every answer.
async fn common_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    res.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

/// Serves `app` on `listener` until `stop`: at most `max_connections` open connections (more
/// wait in the kernel's accept queue), headers within `header_timeout` (an idle connection is
/// closed after the same time), HTTP/1.1.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: &Limits,
    mut stop: watch::Receiver<bool>,
) {
    use tower::ServiceExt;
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(64 * 1024);
    loop {
        let permit = tokio::select! {
            p = open.clone().acquire_owned() => p.expect("the semaphore is never closed"),
            _ = stopped(&mut stop) => break,
        };
        let (stream, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(c) => c,
                Err(e) => {
                    // Out of file descriptors, or a connection reset before it was accepted.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = stopped(&mut stop) => break,
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(req)
        });
        let builder = builder.clone();
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let _ = stream.set_nodelay(true);
            let conn = builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stopped(&mut stop) => {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(Duration::from_secs(10), conn).await;
                }
            }
        });
    }
}

/// Resolves once `stop` says so (the guard of the value is not held across an await).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}
