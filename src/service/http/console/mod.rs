//! The operators' console: server-rendered Dutch web pages under `/console/`, served by the
//! daemon next to the API (axum + minijinja templates in `templates/web/`, no JavaScript).
//!
//! Pages: Overzicht (the service at a glance), Runs (history and one run), Opnieuw maken
//! (regenerate, with a confirmation that lists the recipients before anything is mailed), Mails
//! (the outbox; queue a failed mail again, cancel one), Gegevenskwaliteit (per feed: counts,
//! warnings, rejected rows by kind of reason, never row contents), Portaal (`accounts`: invite
//! people of outside organisations, end their access, who has not delivered the last month).
//!
//! Security (`session`): each operator signs in with a token of their own (`[[console.operators]]`),
//! or a trusted reverse proxy's user header names them; sessions live in the store (a restart
//! signs nobody out) and end after `session_hours` or `idle_minutes` without a request; a
//! session cookie (HttpOnly, SameSite=Strict, Secure behind TLS); a CSRF token on every form and
//! an Origin check on every POST; failed sign-ins slowed by the shared throttle; strict security
//! headers on every answer. Every action goes into the audit trail under the operator's name.
//! State-changing work goes through the daemon's single worker, like the API's (`http::jobs`).
//! The console never uses the API's token, nor the API module.

mod accounts;
mod actions;
mod pages;
mod session;
pub(crate) mod view;

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::middleware;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use super::secret::Secret;
use super::throttle::Throttle;
use super::Shared;
use crate::config::HttpSecrets;
use crate::service::worker::Queue;
use crate::service::{Service, ServiceError};

pub use session::Sessions;

/// Who is signed in, for a handler (set by `session::require_session`).
#[derive(Debug, Clone)]
pub struct Signed {
    pub actor: String,
    pub csrf: String,
    /// Signed in by the proxy's user header (signing out is the proxy's business).
    pub via_proxy: bool,
}

/// What every console handler has.
pub struct ConsoleState {
    pub service: Service,
    /// Each operator's name and token digest.
    pub operators: Vec<(String, Secret)>,
    pub queue: Arc<Queue>,
    pub sessions: Sessions,
    pub throttle: Arc<Throttle>,
    templates: minijinja::Environment<'static>,
}

pub(crate) type St = State<Arc<ConsoleState>>;

/// Whether anyone can sign in: operators with tokens, or a proxy's user header.
pub fn can_sign_in(service: &Service, secrets: &HttpSecrets) -> bool {
    !secrets.operators.is_empty() || service.settings().console.user_header.is_some()
}

/// The console's routes, to merge into the HTTP edge.
pub fn router(shared: &Shared, secrets: &HttpSecrets) -> Router {
    let service = shared.service.clone();
    let state = Arc::new(ConsoleState {
        templates: super::web::environment(
            &service.settings().output.templates,
            service.settings().time_zone(),
        ),
        sessions: Sessions::new(&service.settings().console),
        operators: secrets
            .operators
            .iter()
            .map(|(n, t)| (n.clone(), Secret::new(t)))
            .collect(),
        throttle: shared.throttle.clone(),
        queue: shared.queue.clone(),
        service,
    });
    let signed_in = Router::new()
        .route("/console/", get(pages::overview))
        .route("/console/runs", get(pages::runs))
        .route("/console/runs/{id}", get(pages::run))
        .route("/console/runs/{id}/release", post(actions::release))
        .route("/console/reports/{id}", get(pages::report_file))
        .route(
            "/console/opnieuw",
            get(pages::regenerate_form).post(actions::regenerate),
        )
        .route("/console/jobs/{id}", get(pages::job))
        .route("/console/mails", get(pages::mails))
        .route("/console/mails/{id}/retry", post(actions::retry_mail))
        .route("/console/mails/{id}/cancel", post(actions::cancel_mail))
        .route("/console/kwaliteit", get(pages::quality))
        .route("/console/portaal", get(accounts::page))
        .route("/console/portaal/uitnodigen", post(accounts::invite))
        .route("/console/portaal/afspraken", post(accounts::decide))
        .route(
            "/console/portaal/{id}/uitschakelen",
            post(accounts::disable),
        )
        .route("/console/logout", post(session::logout))
        .route_layer(shared.slot_layer())
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            session::require_session,
        ));
    Router::new()
        .route("/", get(|| async { Redirect::to("/console/") }))
        .route("/console", get(|| async { Redirect::to("/console/") }))
        .route(
            "/console/login",
            get(session::login_form).post(session::login),
        )
        .route("/console/static/console.css", get(stylesheet))
        .merge(signed_in)
        .layer(middleware::from_fn(super::web::security_headers))
        .with_state(state)
}

async fn stylesheet(State(st): St) -> Response {
    super::web::stylesheet(&st.service.settings().output.templates)
}

/// What an operator reads when the service refuses a request: Dutch, from
/// `templates/web/berichten.toml`, never the service's English text (that goes to the log).
pub(crate) fn nl_refusal(st: &ConsoleState, e: &ServiceError) -> String {
    use crate::service::store::StoreError;
    use minijinja::context;
    let texts = super::web::messages(&st.service.settings().output.templates);
    let (key, ctx) = match e {
        ServiceError::Store(StoreError::NotHeld { run, status }) => (
            "niet_vastgehouden",
            context! { run => run, status => super::web::run_status_nl(&status.to_string()) },
        ),
        ServiceError::Store(StoreError::MailNotFailed { id, status }) => (
            "mail_niet_mislukt",
            context! { id => id, status => super::web::mail_status_nl(&status.to_string()) },
        ),
        ServiceError::Store(StoreError::MailNotCancellable { id, status }) => (
            "mail_niet_te_annuleren",
            context! { id => id, status => super::web::mail_status_nl(&status.to_string()) },
        ),
        ServiceError::Store(StoreError::NotFound { what, id, .. }) => (
            "niet_gevonden",
            context! { wat => match *what { "run" => "Run", "mail" => "Mail", "job" => "Opdracht", "report" => "Rapport", w => w }, id => id },
        ),
        ServiceError::UnknownScope { kind, code, .. } => (
            "onbekende_keuze",
            context! { code => code, soort => if *kind == "municipality" { "gemeente" } else { "corporatie" } },
        ),
        ServiceError::Lock(crate::service::lock::LockError::Held { holder, .. }) => {
            ("bezet", context! { holder => holder })
        }
        ServiceError::Pipeline(crate::pipeline::PipelineError::FuturePeriod { period, .. }) => {
            ("toekomst", context! { period => period.to_string() })
        }
        ServiceError::Config(_) | ServiceError::Pipeline(_) => ("instellingen", context! {}),
        _ => ("anders", context! {}),
    };
    let id = super::correlation_id();
    tracing::warn!(correlation_id = %id, error = %e, "console request refused");
    let ctx = context! { kenmerk => id, ..ctx };
    texts
        .get(key)
        .and_then(|t| st.templates.render_str(t, ctx).ok())
        .unwrap_or_else(|| "Dat lukt niet. De details staan in het logboek.".to_string())
}

/// A console error page.
pub(crate) enum PageError {
    /// Not found (a run, mail, report or job id that does not exist).
    NotFound,
    /// Refused: a missing or wrong CSRF token, another origin.
    Forbidden(&'static str),
    /// The client sent something unusable; the text says what (in Dutch).
    Bad(String),
    /// Ours: logged with a correlation id.
    Internal(Box<ServiceError>),
}

impl From<ServiceError> for PageError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Store(crate::service::store::StoreError::NotFound { .. }) => {
                PageError::NotFound
            }
            e => PageError::Internal(Box::new(e)),
        }
    }
}

impl From<crate::service::store::StoreError> for PageError {
    fn from(e: crate::service::store::StoreError) -> Self {
        ServiceError::from(e).into()
    }
}

impl From<super::jobs::SubmitError> for PageError {
    fn from(e: super::jobs::SubmitError) -> Self {
        match e {
            super::jobs::SubmitError::Service(e) => (*e).into(),
            // The console sends no idempotency key; a full queue is the only other reason.
            _ => PageError::Bad(
                "De wachtrij van de dienst is vol. Probeer het over een minuut opnieuw.".into(),
            ),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, title, text, id) = match self {
            PageError::NotFound => (
                StatusCode::NOT_FOUND,
                "Niet gevonden",
                "Deze pagina bestaat niet (meer).".to_string(),
                None,
            ),
            PageError::Forbidden(why) => {
                (StatusCode::FORBIDDEN, "Geweigerd", why.to_string(), None)
            }
            PageError::Bad(text) => (StatusCode::BAD_REQUEST, "Dat lukt niet", text, None),
            PageError::Internal(e) => {
                let id = super::correlation_id();
                tracing::error!(correlation_id = %id, error = %e, "console request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Er ging iets mis",
                    "Er ging iets mis in de dienst. De details staan in het logboek.".to_string(),
                    Some(id),
                )
            }
        };
        // A plain page: the error may come from rendering itself.
        let body = format!(
            "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title} – Woonmonitor</title><link rel=\"stylesheet\" href=\"/console/static/console.css\"></head><body><main id=\"inhoud\"><h1>{title}</h1><p>{}</p>{}<p><a href=\"/console/\">Naar het overzicht</a></p></main></body></html>",
            html_escape(&text),
            id.map(|i| format!("<p>Kenmerk voor de beheerder: <code>{i}</code></p>"))
                .unwrap_or_default()
        );
        (status, Html(body)).into_response()
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
