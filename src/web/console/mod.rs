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
//! layer's (`web::session`), error pages the shared Dutch ones (`web::html`); failed sign-ins
//! slowed by the shared throttle; strict security headers on every answer. Every action goes
//! into the audit trail under the operator's name.
//! State-changing work goes through the daemon's single worker, like the API's (`web::jobs`).
//! The console never uses the API's token, nor the API module.

mod accounts;
mod actions;
mod pages;
mod review;
mod session;
mod state;

use state::{ConsoleState, St};
pub(crate) mod view;

use std::sync::Arc;

use axum::extract::State;
use axum::middleware;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::config::HttpSecrets;
use crate::service::secret::Secret;
use crate::service::Service;
use crate::web::session::Site;
use crate::web::state::Shared;

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
        .route("/console/beoordelen", get(review::page))
        .route(
            "/console/beoordelen/levering/{id}",
            post(review::decide_held),
        )
        .route(
            "/console/beoordelen/aanvraag",
            post(review::decide_application),
        )
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
