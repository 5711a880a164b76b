//! The portal for outside organisations: Dutch pages under `/portaal/` on the daemon's HTTP port
//! (off unless `[portal] enabled = true`). The corporations' and the matching organisation's
//! people sign in with a single-use link by mail (the page says the same, as fast, whether the
//! address is known or not), upload their exports and see what the monitor makes of them before
//! they confirm, and download their own published documents and the region's.
//!
//! Separate from the console: its own sessions table and cookie (`wm_portaal`, `Path=/portaal`),
//! so a portal session never reaches `/console/` or the API, and an operator's never reaches the
//! portal. Cookies, CSRF, the Origin check against `portal.public_url`, time-outs, the audit
//! trail and the Dutch error pages are the shared session layer's (`web::session`,
//! `web::html`). An account sees only its own organisation: another organisation's upload or
//! document answers 404, also by a guessed id.
//!
//! Uploads are the one request body larger than [`crate::web::edge::MAX_BODY`]: the edge passes
//! `POST /portaal/upload` through unread and `upload` reads it within its limits.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::middleware;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use minijinja::context;
use serde::Deserialize;

mod commitments;
mod limits;
mod signin;
mod state;
mod upload;

use state::{audit_as, message, organisation_name, page, Person, PortalState, St};

use super::state::{blocking, Shared};
use crate::service::secret::id_hash;
use crate::store::Organisation;
use crate::web::client::Client;
use crate::web::html::WebError;
use crate::web::session::{Sessions, Signed, Site};

/// The path of the upload, which the edge passes through unread.
pub const UPLOAD_PATH: &str = "/portaal/upload";

/// The portal's routes, to merge into the HTTP edge.
pub fn router(shared: &Shared) -> Router {
    let service = shared.service.clone();
    let settings = service.settings();
    let state = Arc::new(PortalState {
        templates: crate::web::html::environment(&settings.output.templates, settings.time_zone()),
        site: Site::portal(settings),
        uploads: limits::Slots::new(&settings.portal),
        links: limits::LinkLimits::new(&settings.portal),
        body_timeout: Duration::from_secs(settings.api.body_timeout_secs),
        service: service.clone(),
        queue: shared.queue.clone(),
    });
    let signed_in = Router::new()
        .route("/portaal/afmelden", post(sign_out))
        .route("/portaal/uploads/{key}", get(upload::upload_page))
        .route("/portaal/uploads/{key}/bevestigen", post(upload::confirm))
        .route("/portaal/rapporten/{id}", get(report))
        .route(
            "/portaal/afspraken",
            get(commitments::form).post(commitments::submit),
        )
        .route_layer(shared.slot_layer())
        // The upload takes no request slot: it holds its organisation's upload slot while its
        // bytes arrive, and a checking slot after.
        .route(UPLOAD_PATH, post(upload::upload))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::web::session::require_session::<PortalState>,
        ));
    Router::new()
        .route("/portaal", get(|| async { Redirect::to("/portaal/") }))
        .route("/portaal/", get(home))
        .route("/portaal/aanmelden", post(signin::ask_link))
        .route(
            "/portaal/link/{token}",
            get(signin::link_page).post(signin::use_link),
        )
        .route("/portaal/static/portaal.css", get(stylesheet))
        .route_layer(shared.slot_layer())
        .merge(signed_in)
        .layer(middleware::from_fn(crate::web::html::security_headers))
        .with_state(state)
}

async fn stylesheet(State(st): St) -> Response {
    crate::web::html::stylesheet(&st.service.settings().output.templates)
}

/// `GET /portaal/`: the sign-in form, or the organisation's overview.
async fn home(
    State(st): St,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    query: axum::extract::Query<std::collections::BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    let Some(who) = st.find(&headers, &client).await? else {
        return message(
            &st,
            "portaal_aanmelden_titel",
            &[("portaal_aanmelden", context! {})],
            context! { aanmelden => true },
        );
    };
    let org = who.account.organisation.clone();
    let feeds: Vec<_> = st
        .service
        .portal_feeds(&org)
        .into_iter()
        .map(|f| {
            let soort = if f.kind == crate::schema::SourceKind::Deliveries {
                "soort_opgeleverd"
            } else {
                "soort_aanvragen"
            };
            context! {
                name => f.name.clone(),
                label => format!("{} ({})", f.name, st.text(soort, context! {})),
                max => crate::web::html::size_nl(st.service.settings().portal.upload_limit(f.setting.max_bytes())),
            }
        })
        .collect();
    let code = match &org {
        Organisation::Corporation(c) => Some(c.clone()),
        Organisation::Applications => None,
    };
    let afspraken_jaren = match code.clone() {
        Some(c) => {
            let service = st.service.clone();
            crate::threads::offload(move || service.commitment_years(&c, chrono::Utc::now()))
                .await?
                .open
        }
        None => Vec::new(),
    };
    let tz = st.service.settings().time_zone();
    let reports = blocking(&st.service, move |s| {
        Ok(s.published_reports_for(code.as_deref())?)
    })
    .await?;
    let rapporten: Vec<_> = reports
        .iter()
        .map(|r| {
            context! {
                id => r.id,
                periode => r.period.to_string(),
                naam => std::path::Path::new(&r.path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                gemaakt => crate::store::parse_ts(&r.created_at).map(|t| crate::clock::local_date(tz, t).format("%d-%m-%Y").to_string()).unwrap_or_default(),
            }
        })
        .collect();
    page(
        &st,
        "portaal_home.html",
        context! {
            user => who.account.email.clone(),
            organisatie => organisation_name(&st, &org),
            csrf => who.csrf.clone(),
            feeds => feeds,
            rapporten => rapporten,
            bevestigd => query.0.contains_key("bevestigd"),
            aangehouden => query.0.contains_key("aangehouden"),
            afgewezen => query.0.contains_key("afgewezen"),
            corporatie => matches!(org, Organisation::Corporation(_)),
            afspraken_jaren => afspraken_jaren,
        },
    )
}

#[derive(Deserialize)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

async fn sign_out(
    State(st): St,
    who: Signed<Person>,
    headers: HeaderMap,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    who.check_csrf(&form.csrf)?;
    if let Some(id) = st.site.session_id(&headers) {
        let hash = id_hash(&id);
        blocking(&st.service, move |s| Ok(s.delete_portal_session(&hash)?)).await?;
    }
    audit_as(&st.service, &who.0.account.email, "afgemeld", String::new()).await;
    let mut res = Redirect::to("/portaal/").into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, st.site.clear_cookie());
    Ok(res)
}

/// `GET /portaal/rapporten/{id}`: one of the documents this organisation may see.
async fn report(
    State(st): St,
    Signed(who): Signed<Person>,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let Ok(id) = id.parse::<i64>() else {
        return Err(WebError::NotFound);
    };
    let code = match &who.account.organisation {
        Organisation::Corporation(c) => Some(c.clone()),
        Organisation::Applications => None,
    };
    let visible = blocking(&st.service, move |s| {
        Ok(s.published_reports_for(code.as_deref())?
            .iter()
            .any(|r| r.id == id))
    })
    .await?;
    if !visible {
        return Err(WebError::NotFound);
    }
    match crate::web::download::report(
        &st.service,
        id,
        crate::web::download::Disposition::Attachment,
    )
    .await
    {
        Ok(r) => {
            audit_as(
                &st.service,
                &who.account.email,
                "rapport gedownload",
                format!("rapport {id}"),
            )
            .await;
            Ok(r)
        }
        Err(crate::web::download::DownloadError::Service(e)) => {
            Err(WebError::Internal(Box::new(e)))
        }
        Err(_) => Err(WebError::NotFound),
    }
}
