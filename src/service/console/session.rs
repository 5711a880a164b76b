//! Signing in and staying signed in: sessions (in memory, so a restart signs everyone out),
//! the session cookie, the CSRF token of each session, the Origin check on every POST, and the
//! limit on failed sign-ins per client.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;

use super::{PageError, St};
use crate::service::store::NewAudit;

const COOKIE: &str = "wm_sessie";
/// Failed sign-ins per client within [`FAIL_WINDOW`] before sign-in is refused for a while.
const MAX_FAILURES: usize = 5;
const FAIL_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Who is signed in, for a handler.
#[derive(Debug, Clone)]
pub struct Signed {
    pub actor: String,
    pub csrf: String,
}

struct Session {
    actor: String,
    csrf: String,
    expires: Instant,
}

/// The sessions of this process and the failed sign-ins per client.
pub struct Sessions {
    map: Mutex<HashMap<String, Session>>,
    failures: Mutex<HashMap<String, Vec<Instant>>>,
    lifetime: Duration,
}

impl Sessions {
    pub fn new(hours: u32) -> Self {
        Self {
            map: Mutex::new(HashMap::new()),
            failures: Mutex::new(HashMap::new()),
            lifetime: Duration::from_secs(u64::from(hours) * 3600),
        }
    }

    fn create(&self, actor: &str) -> (String, Signed) {
        let id = random_hex(32);
        let csrf = random_hex(32);
        let mut map = self.map.lock().expect("sessions lock");
        let now = Instant::now();
        map.retain(|_, s| s.expires > now);
        map.insert(
            id.clone(),
            Session {
                actor: actor.to_string(),
                csrf: csrf.clone(),
                expires: now + self.lifetime,
            },
        );
        (
            id,
            Signed {
                actor: actor.to_string(),
                csrf,
            },
        )
    }

    fn get(&self, id: &str) -> Option<Signed> {
        let map = self.map.lock().expect("sessions lock");
        map.get(id)
            .filter(|s| s.expires > Instant::now())
            .map(|s| Signed {
                actor: s.actor.clone(),
                csrf: s.csrf.clone(),
            })
    }

    fn remove(&self, id: &str) {
        self.map.lock().expect("sessions lock").remove(id);
    }

    /// Whether `client` may try to sign in now.
    fn may_try(&self, client: &str) -> bool {
        let mut f = self.failures.lock().expect("failures lock");
        let now = Instant::now();
        let list = f.entry(client.to_string()).or_default();
        list.retain(|t| now.duration_since(*t) < FAIL_WINDOW);
        list.len() < MAX_FAILURES
    }

    fn failed(&self, client: &str) {
        let mut f = self.failures.lock().expect("failures lock");
        f.entry(client.to_string())
            .or_default()
            .push(Instant::now());
    }

    fn succeeded(&self, client: &str) {
        self.failures.lock().expect("failures lock").remove(client);
    }
}

/// `n` random bytes from the kernel, as hex.
fn random_hex(n: usize) -> String {
    use std::io::Read;
    let mut buf = vec![0u8; n];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .expect("the kernel's random source is readable");
    crate::files::hex(&buf)
}

/// Compares without leaking where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn cookie_value(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
}

fn behind_tls(st: &super::ConsoleState, headers: &HeaderMap) -> bool {
    st.service.settings.console.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

fn set_cookie(st: &super::ConsoleState, headers: &HeaderMap, id: &str) -> HeaderValue {
    let max_age = st.sessions.lifetime.as_secs();
    let secure = if behind_tls(st, headers) {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{COOKIE}={id}; Path=/console; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .expect("a valid cookie")
}

fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static("wm_sessie=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// The proxy's signed-in user, when the configuration trusts a header for it.
fn proxy_user(st: &super::ConsoleState, headers: &HeaderMap) -> Option<String> {
    let name = st.service.settings.console.user_header.as_deref()?;
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.len() <= 200)
        .map(str::to_string)
}

/// Lets signed-in requests through (with [`Signed`] for the handler); sends others to the
/// sign-in page. Every POST must also come from this site (Origin) and carry the session's CSRF
/// token (checked by [`check_form`] in the handler, which has the form).
pub async fn require_session(State(st): St, mut req: Request, next: Next) -> Response {
    let headers = req.headers().clone();
    let mut new_cookie = None;
    let signed = match cookie_value(&headers).and_then(|id| st.sessions.get(&id)) {
        Some(s) if proxy_user(&st, &headers).is_none_or(|u| u == s.actor) => s,
        _ => match proxy_user(&st, &headers) {
            Some(user) => {
                let (id, s) = st.sessions.create(&user);
                audit(&st, &user, "aangemeld (via de proxy)", None).await;
                new_cookie = Some(set_cookie(&st, &headers, &id));
                s
            }
            None => return Redirect::to("/console/login").into_response(),
        },
    };
    if req.method() == axum::http::Method::POST && !same_origin(&headers) {
        return PageError::Forbidden(
            "Dit formulier kwam niet van deze website (Origin-controle). Open de pagina opnieuw en probeer het nog eens.",
        )
        .into_response();
    }
    req.extensions_mut().insert(signed);
    let mut res = next.run(req).await;
    if let Some(c) = new_cookie {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}

/// Whether a POST comes from this site: its Origin (or, without one, its Referer) names the host
/// the request was sent to.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let from = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    let Some(from) = from else {
        return false;
    };
    ["http://", "https://"].iter().any(|scheme| {
        from.strip_prefix(scheme)
            .is_some_and(|rest| rest == host || rest.starts_with(&format!("{host}/")))
    })
}

/// Checks a form's CSRF token against the session's.
pub fn check_form(signed: &Signed, csrf: &str) -> Result<(), PageError> {
    if csrf.is_empty() || !same_secret(csrf, &signed.csrf) {
        return Err(PageError::Forbidden(
            "Het formulier was verlopen of onvolledig (CSRF-controle). Open de pagina opnieuw en probeer het nog eens.",
        ));
    }
    Ok(())
}

/// Records an action in the audit trail (a failure to record is logged, not shown).
pub async fn audit(st: &super::ConsoleState, actor: &str, action: &str, ids: Option<NewIds>) {
    let (actor, action) = (actor.to_string(), action.to_string());
    let ids = ids.unwrap_or_default();
    let r = crate::service::api::blocking(&st.service, move |s| {
        s.audit(
            &NewAudit {
                actor: &actor,
                action: &action,
                run_id: ids.run,
                job_id: ids.job,
                mail_id: ids.mail,
                detail: &ids.detail,
            },
            chrono::Utc::now(),
        )?;
        Ok(())
    })
    .await;
    if r.is_err() {
        tracing::error!("an action could not be recorded in the audit trail");
    }
}

/// What an audited action is about.
#[derive(Debug, Clone, Default)]
pub struct NewIds {
    pub run: Option<i64>,
    pub job: Option<i64>,
    pub mail: Option<i64>,
    pub detail: String,
}

pub async fn login_form(State(st): St) -> Result<Response, PageError> {
    Ok(super::view::page(
        &st,
        "login.html",
        minijinja::context! { proxy => st.service.settings.console.user_header.is_some() },
    )?
    .into_response())
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    token: String,
}

pub async fn login(
    State(st): St,
    connected: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    if !same_origin(&headers) {
        return Err(PageError::Forbidden(
            "Dit formulier kwam niet van deze website (Origin-controle).",
        ));
    }
    let client = connected
        .map(|Extension(ConnectInfo(a))| a.ip().to_string())
        .unwrap_or_else(|| "onbekend".into());
    if !st.sessions.may_try(&client) {
        tracing::warn!(%client, "sign-in refused: too many failed attempts");
        let page = super::view::page(
            &st,
            "login.html",
            minijinja::context! { error => "Te veel mislukte pogingen. Probeer het over een kwartier opnieuw." },
        )?;
        return Ok((axum::http::StatusCode::TOO_MANY_REQUESTS, page).into_response());
    }
    if !same_secret(form.token.trim(), &st.token) {
        st.sessions.failed(&client);
        tracing::warn!(%client, "console sign-in failed");
        audit(
            &st,
            &format!("onbekend ({client})"),
            "aanmelden mislukt",
            None,
        )
        .await;
        let page = super::view::page(
            &st,
            "login.html",
            minijinja::context! { error => "Dat token klopt niet." },
        )?;
        return Ok((axum::http::StatusCode::UNAUTHORIZED, page).into_response());
    }
    st.sessions.succeeded(&client);
    let actor = format!("beheerder ({client})");
    let (id, _) = st.sessions.create(&actor);
    audit(&st, &actor, "aangemeld", None).await;
    let mut res = Redirect::to("/console/").into_response();
    res.headers_mut()
        .append(header::SET_COOKIE, set_cookie(&st, &headers, &id));
    Ok(res)
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

pub async fn logout(
    State(st): St,
    Extension(signed): Extension<Signed>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    check_form(&signed, &form.csrf)?;
    if let Some(id) = cookie_value(&headers) {
        st.sessions.remove(&id);
    }
    audit(&st, &signed.actor, "afgemeld", None).await;
    let mut res = Redirect::to("/console/login").into_response();
    res.headers_mut().append(header::SET_COOKIE, clear_cookie());
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_must_name_the_host() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8480"));
        assert!(!same_origin(&h), "no Origin, no Referer");
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8480"),
        );
        assert!(same_origin(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://evil.example"),
        );
        assert!(!same_origin(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8480.evil.example"),
        );
        assert!(!same_origin(&h));
    }

    #[test]
    fn sign_in_is_limited_per_client() {
        let s = Sessions::new(1);
        for _ in 0..MAX_FAILURES {
            assert!(s.may_try("10.0.0.1"));
            s.failed("10.0.0.1");
        }
        assert!(!s.may_try("10.0.0.1"));
        assert!(s.may_try("10.0.0.2"), "per client");
        assert!(same_secret("abc", "abc") && !same_secret("abc", "abd") && !same_secret("a", "ab"));
    }
}
