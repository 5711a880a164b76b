//! The portal for outside organisations: Dutch pages under `/portaal/` on the daemon's HTTP port
//! (off unless `[portal] enabled = true`). The corporations' and the matching organisation's
//! people sign in with a single-use link by mail (the page says the same whether the address is
//! known or not), upload their exports and see what the monitor makes of them before they
//! confirm, and download their own published documents and the region's.
//!
//! Separate from the console: its own sessions table and cookie (`wm_portaal`, `Path=/portaal`),
//! so a portal session never reaches `/console/` or the API, and an operator's never reaches the
//! portal. Every POST checks the Origin and the session's CSRF token; sessions end after
//! `portal.session_hours` or `portal.idle_minutes` without a request. An account sees only its
//! own organisation: another organisation's upload or document answers 404, also by a guessed id.
//!
//! Uploads are the one request body larger than [`super::MAX_BODY`]: the edge passes
//! `POST /portaal/upload` through unread, and `upload` streams it to a private file, at most
//! the feed's `max_bytes`, each chunk within the body time-out, at most [`UPLOADS_AT_ONCE`] at a
//! time, after checking the session, the CSRF token and the feed in the fields before the file.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use chrono::{Datelike, Utc};
use minijinja::context;
use serde::Deserialize;
use tokio::sync::Semaphore;

mod commitments;
mod upload;

use super::client::Client;
use super::secret::{id_hash, random_hex};
use super::{blocking, Shared};
use crate::service::store::{Account, NewAudit, Organisation};
use crate::service::{Service, ServiceError};

const COOKIE: &str = "wm_portaal";
/// Uploads streamed at the same time; more wait.
pub const UPLOADS_AT_ONCE: usize = 4;
/// The path of the upload, which the edge passes through unread.
pub const UPLOAD_PATH: &str = "/portaal/upload";

pub(super) struct PortalState {
    service: Service,
    templates: minijinja::Environment<'static>,
    uploads: Semaphore,
    body_timeout: Duration,
}

pub(super) type St = State<Arc<PortalState>>;

/// Who is signed in.
#[derive(Debug, Clone)]
struct Signed {
    account: Account,
    csrf: String,
}

/// The portal's routes, to merge into the HTTP edge.
pub fn router(shared: &Shared) -> Router {
    let service = shared.service.clone();
    let state = Arc::new(PortalState {
        templates: super::web::environment(
            &service.settings().output.templates,
            service.settings().time_zone(),
        ),
        uploads: Semaphore::new(UPLOADS_AT_ONCE),
        body_timeout: Duration::from_secs(service.settings().api.body_timeout_secs),
        service,
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
        .route(
            UPLOAD_PATH,
            post(upload::upload).layer(DefaultBodyLimit::disable()),
        )
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            require_session,
        ));
    Router::new()
        .route("/portaal", get(|| async { Redirect::to("/portaal/") }))
        .route("/portaal/", get(home))
        .route("/portaal/aanmelden", post(ask_link))
        .route("/portaal/link/{token}", get(link_page).post(use_link))
        .route("/portaal/static/portaal.css", get(stylesheet))
        .route_layer(shared.slot_layer())
        .merge(signed_in)
        .layer(middleware::from_fn(super::web::security_headers))
        .with_state(state)
}

async fn stylesheet(State(st): St) -> Response {
    super::web::stylesheet(&st.service.settings().output.templates)
}

/// A page of the portal, or a plain error page when rendering fails.
fn page(st: &PortalState, name: &str, ctx: minijinja::Value) -> Response {
    match st.templates.get_template(name).and_then(|t| t.render(ctx)) {
        Ok(html) => Html(html).into_response(),
        Err(e) => internal(&ServiceError::Console(format!("template {name}: {e}"))),
    }
}

/// A message page with `status`.
fn message(st: &PortalState, status: StatusCode, titel: &str, tekst: &[&str]) -> Response {
    let mut res = page(
        st,
        "portaal_bericht.html",
        context! { titel => titel, tekst => tekst, terug => true },
    );
    *res.status_mut() = status;
    res
}

fn not_found(st: &PortalState) -> Response {
    message(
        st,
        StatusCode::NOT_FOUND,
        "Niet gevonden",
        &["Deze pagina bestaat niet (meer)."],
    )
}

fn forbidden(st: &PortalState, why: &str) -> Response {
    message(st, StatusCode::FORBIDDEN, "Geweigerd", &[why])
}

fn internal(e: &ServiceError) -> Response {
    let id = super::correlation_id();
    tracing::error!(correlation_id = %id, error = %e, "portal request failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Html(format!("<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Er ging iets mis – Woonmonitor portaal</title></head><body><main><h1>Er ging iets mis</h1><p>Er ging iets mis in de dienst. Kenmerk voor de beheerder: <code>{id}</code></p><p><a href=\"/portaal/\">Naar het begin</a></p></main></body></html>")),
    )
        .into_response()
}

/// The organisation's name as people know it.
fn organisation_name(service: &Service, org: &Organisation) -> String {
    match org {
        Organisation::Corporation(code) => service.reference().corporation_name(code).to_string(),
        Organisation::Applications => "Matchingsorganisatie".to_string(),
    }
}

/// Records an action in the audit trail under the person's address.
async fn audit(service: &Service, actor: &str, action: &str, detail: String) {
    let (actor, action) = (format!("portaal:{actor}"), action.to_string());
    let r = blocking(service, move |s| {
        s.audit(
            &NewAudit {
                actor: &actor,
                action: &action,
                run_id: None,
                job_id: None,
                mail_id: None,
                detail: &detail,
            },
            Utc::now(),
        )?;
        Ok(())
    })
    .await;
    if let Err(e) = r {
        tracing::error!(error = %e, "the portal's audit record failed");
    }
}

fn cookie_value(headers: &HeaderMap) -> Option<String> {
    super::secret::session_cookie(headers, COOKIE)
}

fn idle(service: &Service) -> chrono::Duration {
    chrono::Duration::minutes(i64::from(service.settings().portal.idle_minutes.max(1)))
}

/// The signed-in person of this request, if any.
async fn signed(st: &PortalState, headers: &HeaderMap) -> Result<Option<Signed>, ServiceError> {
    let Some(id) = cookie_value(headers) else {
        return Ok(None);
    };
    let (hash, idle) = (id_hash(&id), idle(&st.service));
    let found = blocking(&st.service, move |s| {
        Ok(s.live_portal_session(&hash, Utc::now(), idle)?)
    })
    .await?;
    Ok(found.map(|s| Signed {
        account: s.account,
        csrf: s.csrf,
    }))
}

/// Lets signed-in requests through (with [`Signed`]); every POST must come from this site.
async fn require_session(State(st): St, mut req: Request, next: Next) -> Response {
    let who = match signed(&st, req.headers()).await {
        Ok(Some(s)) => s,
        Ok(None) => return Redirect::to("/portaal/").into_response(),
        Err(e) => return internal(&e),
    };
    if req.method() == axum::http::Method::POST && !super::web::same_origin(req.headers()) {
        return forbidden(&st, super::web::ORIGIN_REFUSED);
    }
    req.extensions_mut().insert(who);
    next.run(req).await
}

fn csrf_ok(who: &Signed, given: &str) -> bool {
    !given.is_empty()
        && given.len() == who.csrf.len()
        && constant_time_eq::constant_time_eq(given.as_bytes(), who.csrf.as_bytes())
}

const CSRF_REFUSED: &str = "Het formulier was verlopen of onvolledig (CSRF-controle). Open de pagina opnieuw en probeer het nog eens.";

/// `GET /portaal/`: the sign-in form, or the organisation's overview.
async fn home(
    State(st): St,
    headers: HeaderMap,
    query: axum::extract::Query<std::collections::BTreeMap<String, String>>,
) -> Response {
    let who = match signed(&st, &headers).await {
        Ok(Some(w)) => w,
        Ok(None) => {
            return page(
                &st,
                "portaal_bericht.html",
                context! {
                    titel => "Aanmelden",
                    tekst => ["Vul het e-mailadres in waarmee u bent uitgenodigd. U krijgt een e-mail met een aanmeldlink; u heeft geen wachtwoord nodig."],
                    aanmelden => true,
                },
            )
        }
        Err(e) => return internal(&e),
    };
    let org = who.account.organisation.clone();
    let feeds: Vec<_> = st
        .service
        .portal_feeds(&org)
        .into_iter()
        .map(|f| {
            context! {
                name => f.name.clone(),
                label => format!("{} ({})", f.name, if f.kind == crate::schema::SourceKind::Deliveries { "opgeleverde woningen" } else { "aanvragen" }),
                max => super::web::size_nl(f.setting.max_bytes()),
            }
        })
        .collect();
    let code = match &org {
        Organisation::Corporation(c) => Some(c.clone()),
        Organisation::Applications => None,
    };
    let tz = st.service.settings().time_zone();
    let reports = blocking(&st.service, move |s| {
        Ok(s.published_reports_for(code.as_deref())?)
    })
    .await;
    let reports = match reports {
        Ok(r) => r,
        Err(e) => return internal(&e),
    };
    let rapporten: Vec<_> = reports
        .iter()
        .map(|r| {
            context! {
                id => r.id,
                periode => r.period.to_string(),
                naam => std::path::Path::new(&r.path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                gemaakt => crate::service::store::parse_ts(&r.created_at).map(|t| crate::clock::local_date(tz, t).format("%d-%m-%Y").to_string()).unwrap_or_default(),
            }
        })
        .collect();
    page(
        &st,
        "portaal_home.html",
        context! {
            user => who.account.email.clone(),
            organisatie => organisation_name(&st.service, &org),
            csrf => who.csrf.clone(),
            feeds => feeds,
            rapporten => rapporten,
            bevestigd => query.0.contains_key("bevestigd"),
            corporatie => matches!(org, Organisation::Corporation(_)),
            volgend_jaar => crate::clock::today(tz).year() + 1,
        },
    )
}

#[derive(Deserialize)]
struct AskLink {
    email: String,
}

/// `POST /portaal/aanmelden`: a link goes out when the address has an account; the answer is the
/// same either way.
async fn ask_link(
    State(st): St,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Form(form): Form<AskLink>,
) -> Response {
    if !super::web::same_origin(&headers) {
        return forbidden(&st, super::web::ORIGIN_REFUSED);
    }
    if let Ok(email) = crate::domain::EmailAddress::parse(&form.email) {
        let email = email.as_str().to_lowercase();
        let service = st.service.clone();
        let sent = tokio::task::spawn_blocking(move || {
            let sent = service.send_sign_in_link(&email, Utc::now());
            (email, sent)
        })
        .await;
        match sent {
            Ok((email, Ok(true))) => {
                tracing::info!(client = %client.ip, "portal sign-in link queued");
                audit(
                    &st.service,
                    &email,
                    "aanmeldlink gevraagd",
                    format!("vanaf {}", client.ip),
                )
                .await;
                // Send it now rather than at the next minute's tick.
                let service = st.service.clone();
                tokio::spawn(async move {
                    if let Err(e) = service.send_mail(Utc::now()).await {
                        tracing::warn!(error = %e, "sending the sign-in link failed; the outbox retries");
                    }
                });
            }
            Ok((_, Ok(false))) => {
                tracing::info!(client = %client.ip, "portal sign-in asked for an address without an enabled account (or too often)");
            }
            Ok((_, Err(e))) => return internal(&e),
            Err(e) => return internal(&e.into()),
        }
    }
    let minutes = st.service.settings().portal.link_minutes.to_string();
    page(
        &st,
        "portaal_bericht.html",
        context! {
            titel => "Kijk in uw e-mail",
            tekst => [
                "Als dit adres bij ons bekend is, ontvangt u binnen enkele minuten een e-mail met een aanmeldlink.".to_string(),
                format!("De link werkt één keer en {minutes} minuten lang. Geen e-mail ontvangen? Kijk in uw map met ongewenste e-mail of vraag de beheerder bij de gemeente om een uitnodiging."),
            ],
            terug => true,
        },
    )
}

fn well_formed_token(t: &str) -> bool {
    t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `GET /portaal/link/{token}`: a button that signs in (a mail scanner that opens the link uses
/// nothing up).
async fn link_page(State(st): St, Path(token): Path<String>) -> Response {
    if !well_formed_token(&token) {
        return link_refused(&st);
    }
    page(
        &st,
        "portaal_bericht.html",
        context! {
            titel => "Aanmelden bij het woonmonitorportaal",
            tekst => ["Klik op de knop om u aan te melden."],
            link => token,
        },
    )
}

fn link_refused(st: &PortalState) -> Response {
    let mut res = page(
        st,
        "portaal_bericht.html",
        context! {
            titel => "Deze aanmeldlink werkt niet (meer)",
            tekst => ["Een aanmeldlink werkt één keer en maar kort. Vraag hieronder een nieuwe aan."],
            aanmelden => true,
        },
    );
    *res.status_mut() = StatusCode::BAD_REQUEST;
    res
}

/// `POST /portaal/link/{token}`: uses the link (once) and starts a session.
async fn use_link(
    State(st): St,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    if !super::web::same_origin(&headers) {
        return forbidden(&st, super::web::ORIGIN_REFUSED);
    }
    if !well_formed_token(&token) {
        return link_refused(&st);
    }
    let p = &st.service.settings().portal;
    let lifetime = chrono::Duration::hours(i64::from(p.session_hours.max(1)));
    let (hash, idle) = (id_hash(&token), idle(&st.service));
    let session = random_hex(32);
    let (session_hash, csrf) = (id_hash(&session), random_hex(32));
    let found = blocking(&st.service, move |s| {
        let now = Utc::now();
        let Some(account) = s.use_link(&hash, now)? else {
            return Ok(None);
        };
        s.add_portal_session(&session_hash, account.id, &csrf, now, now + lifetime, idle)?;
        Ok(Some(account))
    })
    .await;
    let account = match found {
        Ok(Some(a)) => a,
        Ok(None) => {
            tracing::warn!(client = %client.ip, "portal sign-in with a link that is unknown, used or expired");
            return link_refused(&st);
        }
        Err(e) => return internal(&e),
    };
    audit(
        &st.service,
        &account.email,
        "aangemeld",
        format!("vanaf {}", client.ip),
    )
    .await;
    let secure = p.secure_cookies
        || (client.via_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.eq_ignore_ascii_case("https")));
    let cookie = format!(
        "{COOKIE}={session}; Path=/portaal; HttpOnly; SameSite=Strict; Max-Age={}{}",
        lifetime.num_seconds(),
        if secure { "; Secure" } else { "" }
    );
    let mut res = Redirect::to("/portaal/").into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).expect("a valid cookie"),
    );
    res
}

#[derive(Deserialize)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

async fn sign_out(
    State(st): St,
    Extension(who): Extension<Signed>,
    headers: HeaderMap,
    Form(form): Form<CsrfOnly>,
) -> Response {
    if !csrf_ok(&who, &form.csrf) {
        return forbidden(&st, CSRF_REFUSED);
    }
    if let Some(id) = cookie_value(&headers) {
        let hash = id_hash(&id);
        if let Err(e) = blocking(&st.service, move |s| Ok(s.delete_portal_session(&hash)?)).await {
            return internal(&e);
        }
    }
    audit(&st.service, &who.account.email, "afgemeld", String::new()).await;
    let mut res = Redirect::to("/portaal/").into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static(
            "wm_portaal=; Path=/portaal; HttpOnly; SameSite=Strict; Max-Age=0",
        ),
    );
    res
}

/// `GET /portaal/rapporten/{id}`: one of the documents this organisation may see.
async fn report(
    State(st): St,
    Extension(who): Extension<Signed>,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&st);
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
    .await;
    match visible {
        Ok(true) => {}
        Ok(false) => return not_found(&st),
        Err(e) => return internal(&e),
    }
    match super::download::report(&st.service, id, super::download::Disposition::Attachment).await {
        Ok(r) => {
            audit(
                &st.service,
                &who.account.email,
                "rapport gedownload",
                format!("rapport {id}"),
            )
            .await;
            r
        }
        Err(super::download::DownloadError::Service(e)) => internal(&e),
        Err(_) => not_found(&st),
    }
}
