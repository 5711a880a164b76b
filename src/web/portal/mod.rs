//! The portal for outside organisations: Dutch pages under `/portaal/` on the daemon's HTTP port
//! (off unless `[portal] enabled = true`). The corporations' and the matching organisation's
//! people sign in with a single-use link by mail (the page says the same, as fast, whether the
//! address is known or not), upload their exports and see what the monitor makes of them before
//! they confirm, and download their own published documents and the region's.
//!
//! Separate from the console: its own sessions table and cookie (`wm_portaal`, `Path=/portaal`),
//! so a portal session never reaches `/console/` or the API, and an operator's never reaches the
//! portal. Cookies, CSRF, the Origin check against `portal.public_url`, time-outs, the audit
//! trail and the Dutch error pages are the shared session layer's (`http::session`,
//! `http::web`). An account sees only its own organisation: another organisation's upload or
//! document answers 404, also by a guessed id.
//!
//! Uploads are the one request body larger than [`crate::web::MAX_BODY`]: the edge passes
//! `POST /portaal/upload` through unread and `upload` reads it within its limits.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use chrono::Utc;
use minijinja::context;
use serde::Deserialize;

mod commitments;
mod signin;
mod upload;

use crate::web::client::Client;
use crate::web::session::{audit, AuditIds, Sessions, Signed, Site, Visitor};
use crate::web::html::WebError;
use super::{blocking, Shared};
use crate::service::secret::id_hash;
use crate::store::{Account, Organisation};
use crate::service::{Service, ServiceError};

/// The path of the upload, which the edge passes through unread.
pub const UPLOAD_PATH: &str = "/portaal/upload";

pub(super) struct PortalState {
    service: Service,
    templates: minijinja::Environment<'static>,
    /// The portal's cookie, time-outs and address (the shared session layer).
    site: Site,
    /// Uploads being received, per organisation, and being checked, for everyone.
    uploads: upload::Slots,
    /// Sign-in links asked, per client and in all.
    links: signin::LinkLimits,
    body_timeout: Duration,
}

impl PortalState {
    /// A text of `templates/web/berichten.toml`.
    fn text(&self, key: &str, ctx: minijinja::Value) -> String {
        crate::web::html::text(&self.service.settings().output.templates, key, ctx)
    }
}

pub(super) type St = State<Arc<PortalState>>;

/// Who is signed in: an organisation's person.
#[derive(Debug, Clone)]
pub(super) struct Person {
    account: Account,
    csrf: String,
}

impl Visitor for Person {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl Sessions for PortalState {
    type Visitor = Person;

    fn site(&self) -> &Site {
        &self.site
    }

    async fn find(&self, headers: &HeaderMap, _: &Client) -> Result<Option<Person>, ServiceError> {
        let Some(id) = self.site.session_id(headers) else {
            return Ok(None);
        };
        let (hash, idle) = (id_hash(&id), self.site.idle);
        let found = blocking(&self.service, move |s| {
            Ok(s.live_portal_session(&hash, Utc::now(), idle)?)
        })
        .await?;
        Ok(found.map(|s| Person {
            account: s.account,
            csrf: s.csrf,
        }))
    }
}

/// The portal's routes, to merge into the HTTP edge.
pub fn router(shared: &Shared) -> Router {
    let service = shared.service.clone();
    let settings = service.settings();
    let state = Arc::new(PortalState {
        templates: crate::web::html::environment(&settings.output.templates, settings.time_zone()),
        site: Site::portal(settings),
        uploads: upload::Slots::new(&settings.portal),
        links: signin::LinkLimits::new(&settings.portal),
        body_timeout: Duration::from_secs(settings.api.body_timeout_secs),
        service: service.clone(),
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

/// A page of the portal.
fn page(st: &PortalState, name: &str, ctx: minijinja::Value) -> Result<Response, WebError> {
    st.templates
        .get_template(name)
        .and_then(|t| t.render(ctx))
        .map(|html| Html(html).into_response())
        .map_err(|e| {
            WebError::Internal(Box::new(ServiceError::Console(format!(
                "template {name}: {e}"
            ))))
        })
}

/// A message page (`portaal_bericht.html`): a title and paragraphs, each a text key of
/// `berichten.toml` with what it fills in.
fn message(
    st: &PortalState,
    title: &str,
    paragraphs: &[(&str, minijinja::Value)],
    extra: minijinja::Value,
) -> Result<Response, WebError> {
    let tekst: Vec<String> = paragraphs
        .iter()
        .map(|(k, ctx)| st.text(k, ctx.clone()))
        .collect();
    page(
        st,
        "portaal_bericht.html",
        context! { titel => st.text(title, context! {}), tekst => tekst, ..extra },
    )
}

/// The organisation's name as people know it.
fn organisation_name(st: &PortalState, org: &Organisation) -> String {
    match org {
        Organisation::Corporation(code) => {
            st.service.reference().corporation_name(code).to_string()
        }
        Organisation::Applications => st.text("matchingsorganisatie", context! {}),
    }
}

/// Records an action in the audit trail under the person's address.
async fn audit_as(service: &Service, actor: &str, action: &str, detail: String) {
    audit(
        service,
        &format!("portaal:{actor}"),
        action,
        AuditIds {
            detail,
            ..Default::default()
        },
    )
    .await;
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
                max => crate::web::html::size_nl(f.setting.max_bytes()),
            }
        })
        .collect();
    let code = match &org {
        Organisation::Corporation(c) => Some(c.clone()),
        Organisation::Applications => None,
    };
    let afspraken_jaren = match &code {
        Some(c) => st.service.commitment_years(c, chrono::Utc::now())?.open,
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
    match crate::web::download::report(&st.service, id, crate::web::download::Disposition::Attachment).await {
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
        Err(crate::web::download::DownloadError::Service(e)) => Err(WebError::Internal(Box::new(e))),
        Err(_) => Err(WebError::NotFound),
    }
}

/// An answer with `status` whose body the error pages fill in (e.g. a refused upload's).
fn refused(status: StatusCode, text: &'static str, ctx: minijinja::Value) -> WebError {
    WebError::Message {
        status,
        title: "titel_niet_aangenomen",
        text,
        ctx,
    }
}
