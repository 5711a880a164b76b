//! The operators' console: server-rendered Dutch web pages under `/console/`, served by the
//! daemon next to the API (axum + minijinja templates in `templates/web/`, no JavaScript).
//!
//! Pages: Overzicht (the service at a glance), Runs (history and one run), Opnieuw maken
//! (regenerate, with a confirmation that lists the recipients before anything is mailed), Mails
//! (the outbox; queue a failed mail again, cancel one), Gegevenskwaliteit (per feed: counts,
//! warnings, rejected rows by kind of reason, never row contents), Portaal (`accounts`: invite
//! people of outside organisations, end their access, who has not delivered the last month).
//!
//! Security: each operator signs in with a token of their own (`[[console.operators]]`), or a
//! trusted reverse proxy's user header names them (`session`); cookies, CSRF tokens, the Origin
//! check against the console's address, time-outs and the audit trail are the shared session
//! layer's (`http::session`), error pages the shared Dutch ones (`http::web`); failed sign-ins
//! slowed by the shared throttle; strict security headers on every answer. Every action goes
//! into the audit trail under the operator's name.
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
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::web::session::{Site, Visitor};
use crate::web::throttle::Throttle;
use crate::web::html::WebError;
use crate::web::Shared;
use crate::config::HttpSecrets;
use crate::service::secret::Secret;
use crate::service::worker::Queue;
use crate::service::{Service, ServiceError};

/// The operator signed in on a request (set by `session::require_session`).
#[derive(Debug, Clone)]
pub struct Operator {
    pub actor: String,
    pub csrf: String,
    /// Signed in by the proxy's user header (signing out is the proxy's business).
    pub via_proxy: bool,
}

impl Visitor for Operator {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// What every console handler has.
pub struct ConsoleState {
    pub service: Service,
    /// Each operator's name and token digest.
    pub operators: Vec<(String, Secret)>,
    pub queue: Arc<Queue>,
    /// The console's cookie, time-outs and address (the shared session layer).
    pub site: Site,
    pub throttle: Arc<Throttle>,
    templates: minijinja::Environment<'static>,
}

impl ConsoleState {
    /// A text of `templates/web/berichten.toml`.
    pub(crate) fn text(&self, key: &str, ctx: minijinja::Value) -> String {
        crate::web::html::text(&self.service.settings().output.templates, key, ctx)
    }
}

pub(crate) type St = State<Arc<ConsoleState>>;

/// Whether anyone can sign in: operators with tokens, or a proxy's user header.
pub fn can_sign_in(service: &Service, secrets: &HttpSecrets) -> bool {
    !secrets.operators.is_empty() || service.settings().console.user_header.is_some()
}

/// The console's routes, to merge into the HTTP edge.
pub fn router(shared: &Shared, secrets: &HttpSecrets) -> Router {
    let service = shared.service.clone();
    let settings = service.settings();
    let state = Arc::new(ConsoleState {
        templates: crate::web::html::environment(&settings.output.templates, settings.time_zone()),
        site: Site::console(settings),
        operators: secrets
            .operators
            .iter()
            .map(|(n, t)| (n.clone(), Secret::new(t)))
            .collect(),
        throttle: shared.throttle.clone(),
        queue: shared.queue.clone(),
        service: service.clone(),
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
            crate::web::session::require_session::<ConsoleState>,
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
        .layer(middleware::from_fn(crate::web::html::security_headers))
        .with_state(state)
}

async fn stylesheet(State(st): St) -> Response {
    crate::web::html::stylesheet(&st.service.settings().output.templates)
}

/// What an operator reads when the service refuses a request: Dutch, from
/// `templates/web/berichten.toml`, never the service's English text (that goes to the log).
pub(crate) fn nl_refusal(st: &ConsoleState, e: &ServiceError) -> String {
    use crate::store::StoreError;
    use minijinja::context;
    let texts = crate::web::html::messages(&st.service.settings().output.templates);
    let (key, ctx) = match e {
        ServiceError::Store(StoreError::NotHeld { run, status }) => (
            "niet_vastgehouden",
            context! { run => run, status => crate::web::html::run_status_nl(&status.to_string()) },
        ),
        ServiceError::Store(StoreError::MailNotFailed { id, status }) => (
            "mail_niet_mislukt",
            context! { id => id, status => crate::web::html::mail_status_nl(&status.to_string()) },
        ),
        ServiceError::Store(StoreError::MailNotCancellable { id, status }) => (
            "mail_niet_te_annuleren",
            context! { id => id, status => crate::web::html::mail_status_nl(&status.to_string()) },
        ),
        ServiceError::Store(StoreError::NotFound { what, id, .. }) => (
            "niet_gevonden",
            context! { wat => st.text(&format!("wat_{what}"), context! {}), id => id },
        ),
        ServiceError::UnknownScope { kind, code, .. } => (
            "onbekende_keuze",
            context! { code => code, soort => st.text(if *kind == "municipality" { "soort_gemeente" } else { "soort_corporatie" }, context! {}) },
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
    let id = crate::web::correlation_id();
    tracing::warn!(correlation_id = %id, error = %e, "console request refused");
    let ctx = context! { kenmerk => id, ..ctx };
    texts
        .get(key)
        .and_then(|t| st.templates.render_str(t, ctx).ok())
        .unwrap_or_else(|| st.text("fout_anders", context! {}))
}

/// A refusal whose text is the service's reason in Dutch.
pub(crate) fn refused(st: &ConsoleState, e: &ServiceError) -> WebError {
    WebError::Text {
        status: StatusCode::BAD_REQUEST,
        title: "titel_lukt_niet",
        text: nl_refusal(st, e),
    }
}

impl From<crate::web::jobs::SubmitError> for WebError {
    fn from(e: crate::web::jobs::SubmitError) -> Self {
        match e {
            crate::web::jobs::SubmitError::Service(e) => (*e).into(),
            // The console sends no idempotency key; a full queue is the only other reason.
            _ => WebError::Message {
                status: StatusCode::SERVICE_UNAVAILABLE,
                title: "titel_lukt_niet",
                text: "wachtrij_vol",
                ctx: minijinja::context! {},
            },
        }
    }
}
