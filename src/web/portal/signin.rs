//! Signing in to the portal by a single-use link, giving nothing away: asking a link answers at
//! once with the same page whether the address has an account or not (the work, looking the
//! address up and queueing the mail, is done after the answer by one background task, so the
//! answer takes the same time too); links asked are limited per address (three per link
//! lifetime, in the store), per client address and in all (per hour, here); addresses are
//! parsed strictly (`domain::EmailAddress`). Opening a link shows a button (a mail scanner that
//! follows links uses nothing up); pressing it starts a session.

use std::time::Instant;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use minijinja::context;
use serde::Deserialize;

use super::limits::{Asked, LinkLimits};
use super::state::{audit_as, message, St};
use crate::service::secret::{id_hash, random_hex};
use crate::web::client::Client;
use crate::web::html::WebError;
use crate::web::session::Site;
use crate::web::state::blocking;

/// Hands the asked work to the background task (started on first use).
fn queue(limits: &LinkLimits, asked: Asked) {
    let tx = limits.work.get_or_init(|| {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Asked>(256);
        tokio::spawn(async move {
            while let Some(a) = rx.recv().await {
                send_link(a).await;
            }
        });
        tx
    });
    if tx.try_send(asked).is_err() {
        tracing::warn!(
            "sign-in link requests are coming faster than they can be handled; one was dropped"
        );
    }
}

/// Looks the address up and, for an enabled account within its limit, queues the link's mail
/// and sends it.
async fn send_link(a: Asked) {
    let (service, email) = (a.service.clone(), a.email.clone());
    let sent = crate::threads::offload(move || service.send_sign_in_link(&email, Utc::now())).await;
    match sent {
        Ok(true) => {
            tracing::info!(client = %a.client, "portal sign-in link queued");
            audit_as(
                &a.service,
                &a.email,
                "aanmeldlink gevraagd",
                format!("vanaf {}", a.client),
            )
            .await;
            // The worker sends it (one mail pass at a time, off the async threads).
            a.queue.mail();
        }
        Ok(false) => {
            tracing::info!(client = %a.client, "portal sign-in asked for an address without an enabled account (or too often)");
        }
        Err(e) => tracing::error!(error = %e, "a sign-in link could not be made"),
    }
}

#[derive(Deserialize)]
pub(super) struct AskLink {
    #[serde(default)]
    email: String,
}

/// `POST /portaal/aanmelden`: the same answer, as fast, whether the address has an account or
/// not; the work is queued.
pub(super) async fn ask_link(
    State(st): St,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Form(form): Form<AskLink>,
) -> Result<Response, WebError> {
    st.site.check_origin(&headers)?;
    if !st.links.allow(client.ip, Instant::now()) {
        if let Some(more) = crate::web::state::log_now("portal-links-limited") {
            tracing::warn!(client = %client.ip, more, "portal sign-in links asked too often from this client (and `more` times since the last line)");
        }
        return Err(WebError::Message {
            status: StatusCode::TOO_MANY_REQUESTS,
            title: "titel_te_vaak",
            text: "portaal_te_vaak",
            ctx: context! {},
        });
    }
    if let Ok(email) = crate::domain::EmailAddress::parse(&form.email) {
        queue(
            &st.links,
            Asked {
                email: email.as_str().to_lowercase(),
                client: client.ip,
                service: st.service.clone(),
                queue: st.queue.clone(),
            },
        );
    }
    let minutes = st.service.settings().portal.link_minutes;
    message(
        &st,
        "portaal_kijk_titel",
        &[
            ("portaal_kijk", context! {}),
            ("portaal_kijk_link", context! { minuten => minutes }),
        ],
        context! { terug => true },
    )
}

fn well_formed_token(t: &str) -> bool {
    t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `GET /portaal/link/{token}`: a button that signs in (a mail scanner that opens the link uses
/// nothing up).
pub(super) async fn link_page(
    State(st): St,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    if !well_formed_token(&token) {
        return link_refused(&st);
    }
    message(
        &st,
        "portaal_link_titel",
        &[("portaal_link", context! {})],
        context! { link => token },
    )
}

fn link_refused(st: &super::state::PortalState) -> Result<Response, WebError> {
    let mut res = message(
        st,
        "portaal_link_weg_titel",
        &[("portaal_link_weg", context! {})],
        context! { aanmelden => true },
    )?;
    *res.status_mut() = StatusCode::BAD_REQUEST;
    Ok(res)
}

/// `POST /portaal/link/{token}`: uses the link (once) and starts a session.
pub(super) async fn use_link(
    State(st): St,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    st.site.check_origin(&headers)?;
    if !well_formed_token(&token) {
        return link_refused(&st);
    }
    let (hash, idle, lifetime) = (id_hash(&token), st.site.idle, st.site.lifetime);
    let session = Site::new_session_id();
    let (session_hash, csrf) = (id_hash(&session), random_hex(32));
    let found = blocking(&st.service, move |s| {
        let now = Utc::now();
        let Some(account) = s.use_link(&hash, now)? else {
            return Ok(None);
        };
        s.add_portal_session(&session_hash, account.id, &csrf, now, now + lifetime, idle)?;
        Ok(Some(account))
    })
    .await?;
    let Some(account) = found else {
        if let Some(more) = crate::web::state::log_now("portal-link-unknown") {
            tracing::warn!(client = %client.ip, more, "portal sign-in with a link that is unknown, used or expired (and `more` times since the last line)");
        }
        return link_refused(&st);
    };
    audit_as(
        &st.service,
        &account.email,
        "aangemeld",
        format!("vanaf {}", client.ip),
    )
    .await;
    let mut res = Redirect::to("/portaal/").into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        st.site.set_cookie(&client, &headers, &session),
    );
    Ok(res)
}
