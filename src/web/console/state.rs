//! What every console handler has: the console's state (`ConsoleState`: the service, the
//! operators and their token digests, the worker's queue, the session site, the throttle, the
//! templates), the signed-in `Operator`, and how a refusal of the service reads in Dutch.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;

use crate::service::secret::Secret;
use crate::service::worker::Queue;
use crate::service::{Service, ServiceError};
use crate::web::html::WebError;
use crate::web::session::{Site, Visitor};
use crate::web::throttle::Throttle;

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
    pub(super) templates: minijinja::Environment<'static>,
}

pub(crate) type St = State<Arc<ConsoleState>>;

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
        e if e.future_period().is_some() => (
            "toekomst",
            context! { period => e.future_period().map(|p| p.to_string()) },
        ),
        ServiceError::Config(_) | ServiceError::Pipeline(_) => ("instellingen", context! {}),
        _ => ("anders", context! {}),
    };
    let id = crate::web::state::correlation_id();
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

impl ConsoleState {
    /// A text of `templates/web/berichten.toml`.
    pub(crate) fn text(&self, key: &str, ctx: minijinja::Value) -> String {
        crate::web::html::text(&self.service.settings().output.templates, key, ctx)
    }
}
