//! The one session layer of the web pages, for the console (operators) and the portal (outside
//! organisations' people) alike: the session cookie and its flags, the CSRF token of every
//! form, the Origin check of every POST against the configured public address (never the
//! request's own `Host`), TLS detection behind trusted proxies, idle and absolute time-outs
//! (kept by each site's sessions in the store), the audit trail, and the middleware that lets
//! only signed-in requests through. The console and the portal keep only their own pages and
//! rules; `tests/it/architecture.rs` fails when either defines cookie, CSRF or Origin logic
//! again.

use std::future::Future;
use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use chrono::Utc;

use crate::config::Settings;
use crate::service::secret;
use crate::service::{Service, ServiceError};
use crate::store::NewAudit;
use crate::web::client::Client;
use crate::web::html::WebError;
use crate::web::state::blocking;

/// A site with sessions: where its cookie lives, how long a session lasts, and which addresses
/// its forms may come from.
#[derive(Debug, Clone)]
pub struct Site {
    /// The cookie's name (`wm_sessie`, `wm_portaal`) and path (`/console`, `/portaal`): a
    /// session of one site never reaches the other.
    pub cookie: &'static str,
    pub path: &'static str,
    /// Where a request without a session is sent.
    pub sign_in: &'static str,
    /// A session ends this long after it began…
    pub lifetime: chrono::Duration,
    /// …or after this long without a request.
    pub idle: chrono::Duration,
    /// The cookie is `Secure` (configured, or the public address is https).
    secure: bool,
    /// The origins (`scheme://host[:port]`) a form may come from.
    origins: Vec<String>,
}

impl Site {
    /// The operators' console.
    pub fn console(settings: &Settings) -> Self {
        let c = &settings.console;
        let origins = match &c.public_url {
            Some(u) => origin_of(u).into_iter().collect(),
            None => bind_origins(&settings.api.bind),
        };
        Self {
            cookie: "wm_sessie",
            path: "/console",
            sign_in: "/console/login",
            lifetime: chrono::Duration::hours(i64::from(c.session_hours.max(1))),
            idle: chrono::Duration::minutes(i64::from(c.idle_minutes.max(1))),
            secure: c.secure_cookies || origins.iter().any(|o| o.starts_with("https://")),
            origins,
        }
    }

    /// The portal of outside organisations.
    pub fn portal(settings: &Settings) -> Self {
        let p = &settings.portal;
        let origins: Vec<String> = p
            .public_url
            .as_deref()
            .and_then(origin_of)
            .into_iter()
            .collect();
        Self {
            cookie: "wm_portaal",
            path: "/portaal",
            sign_in: "/portaal/",
            lifetime: chrono::Duration::hours(i64::from(p.session_hours.max(1))),
            idle: chrono::Duration::minutes(i64::from(p.idle_minutes.max(1))),
            secure: p.secure_cookies || origins.iter().any(|o| o.starts_with("https://")),
            origins,
        }
    }

    /// The session id in the request's cookie, when it is well formed (64 hex digits).
    pub fn session_id(&self, headers: &HeaderMap) -> Option<String> {
        secret::session_cookie(headers, self.cookie)
    }

    /// Whether the browser reached us over TLS: configured, or said by a trusted proxy.
    pub fn behind_tls(&self, client: &Client, headers: &HeaderMap) -> bool {
        self.secure
            || (client.via_proxy
                && headers
                    .get("x-forwarded-proto")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.eq_ignore_ascii_case("https")))
    }

    /// The cookie that carries session `id`: HttpOnly, SameSite=Strict, this site's path only,
    /// Secure behind TLS, ending with the session.
    pub fn set_cookie(&self, client: &Client, headers: &HeaderMap, id: &str) -> HeaderValue {
        let secure = if self.behind_tls(client, headers) {
            "; Secure"
        } else {
            ""
        };
        HeaderValue::from_str(&format!(
            "{}={id}; Path={}; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
            self.cookie,
            self.path,
            self.lifetime.num_seconds()
        ))
        .expect("a valid cookie")
    }

    /// The cookie that ends the session in the browser.
    pub fn clear_cookie(&self) -> HeaderValue {
        HeaderValue::from_str(&format!(
            "{}=; Path={}; HttpOnly; SameSite=Strict; Max-Age=0",
            self.cookie, self.path
        ))
        .expect("a valid cookie")
    }

    /// Whether a POST comes from a page of this site: its Origin (or, without one, its
    /// Referer) is one of the configured public addresses. The request's own `Host` header
    /// decides nothing (anyone can send any `Host`).
    pub fn same_origin(&self, headers: &HeaderMap) -> bool {
        let from = headers
            .get(header::ORIGIN)
            .or_else(|| headers.get(header::REFERER))
            .and_then(|v| v.to_str().ok());
        let Some(from) = from else {
            return false;
        };
        self.origins.iter().any(|o| {
            from.eq_ignore_ascii_case(o)
                || (from.len() > o.len()
                    && from[..o.len()].eq_ignore_ascii_case(o)
                    && from.as_bytes()[o.len()] == b'/')
        })
    }

    /// [`Site::same_origin`] as a refusal.
    pub fn check_origin(&self, headers: &HeaderMap) -> Result<(), WebError> {
        if self.same_origin(headers) {
            Ok(())
        } else {
            Err(WebError::Forbidden("origin_geweigerd"))
        }
    }

    /// A new session id for the cookie (only its hash is stored).
    pub fn new_session_id() -> String {
        secret::random_hex(32)
    }
}

/// `scheme://host[:port]` of an http(s) address, as a browser sends it in `Origin`.
fn origin_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| u.origin().ascii_serialization())
}

/// The origins of a console without a configured address: `http://` + `api.bind`, and for a
/// loopback address also `localhost` and the other loopback spelling.
fn bind_origins(bind: &str) -> Vec<String> {
    let Ok(addr) = bind.parse::<std::net::SocketAddr>() else {
        return Vec::new();
    };
    let port = addr.port();
    let mut out = vec![format!("http://{addr}")];
    if addr.ip().is_loopback() {
        out.push(format!("http://localhost:{port}"));
        out.push(format!("http://127.0.0.1:{port}"));
        out.push(format!("http://[::1]:{port}"));
    }
    out.dedup();
    out
}

/// Whether a form's CSRF token is the session's (compared in constant time).
pub fn csrf_ok(expected: &str, given: &str) -> bool {
    !given.is_empty()
        && given.len() == expected.len()
        && constant_time_eq::constant_time_eq(given.as_bytes(), expected.as_bytes())
}

/// [`csrf_ok`] as a refusal.
pub fn check_csrf(expected: &str, given: &str) -> Result<(), WebError> {
    if csrf_ok(expected, given) {
        Ok(())
    } else {
        Err(WebError::Forbidden("csrf_geweigerd"))
    }
}

/// Who is signed in on a site (an operator, an organisation's person).
pub trait Visitor: Clone + Send + Sync + 'static {
    /// The session's CSRF token, for its forms.
    fn csrf(&self) -> &str;
}

/// How a site finds the session of a request (in its own table of the store).
pub trait Sessions: Send + Sync + 'static {
    type Visitor: Visitor;
    fn site(&self) -> &Site;
    /// The live session of this request, if any (touching its idle time).
    fn find(
        &self,
        headers: &HeaderMap,
        client: &Client,
    ) -> impl Future<Output = Result<Option<Self::Visitor>, ServiceError>> + Send;
}

/// Lets signed-in requests through, with the [`Signed`] visitor for the handler; sends others
/// to the sign-in page. Every POST must come from a page of this site (the Origin check); its
/// CSRF token is checked by the handler, which has the form.
pub async fn require_session<S: Sessions>(
    State(sessions): State<Arc<S>>,
    Extension(client): Extension<Client>,
    mut req: Request,
    next: Next,
) -> Response {
    let found = sessions.find(req.headers(), &client).await;
    let visitor = match found {
        Ok(Some(v)) => v,
        Ok(None) => return Redirect::to(sessions.site().sign_in).into_response(),
        Err(e) => return WebError::Internal(Box::new(e)).into_response(),
    };
    if req.method() == Method::POST {
        if let Err(e) = sessions.site().check_origin(req.headers()) {
            return e.into_response();
        }
    }
    req.extensions_mut().insert(Signed(visitor));
    next.run(req).await
}

/// The signed-in visitor of a request that passed [`require_session`].
#[derive(Debug, Clone)]
pub struct Signed<V>(pub V);

impl<V: Visitor, St: Send + Sync> FromRequestParts<St> for Signed<V> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &St) -> Result<Self, WebError> {
        parts.extensions.get::<Signed<V>>().cloned().ok_or_else(|| {
            WebError::Internal(Box::new(ServiceError::Console(
                "a signed-in route without the session layer".into(),
            )))
        })
    }
}

impl<V: Visitor> Signed<V> {
    /// Checks a form's CSRF token against the session's.
    pub fn check_csrf(&self, given: &str) -> Result<(), WebError> {
        check_csrf(self.0.csrf(), given)
    }
}

/// What an audited action is about.
#[derive(Debug, Clone, Default)]
pub struct AuditIds {
    pub run: Option<i64>,
    pub job: Option<i64>,
    pub mail: Option<i64>,
    pub detail: String,
}

/// Records an action in the audit trail (a failure to record is logged, never shown).
pub async fn audit(service: &Service, actor: &str, action: &str, ids: AuditIds) {
    let (actor, action) = (actor.to_string(), action.to_string());
    let r = blocking(service, move |s| {
        s.audit(
            &NewAudit {
                actor: &actor,
                action: &action,
                run_id: ids.run,
                job_id: ids.job,
                mail_id: ids.mail,
                detail: &ids.detail,
            },
            Utc::now(),
        )?;
        Ok(())
    })
    .await;
    if let Err(e) = r {
        tracing::error!(error = %e, "an action could not be recorded in the audit trail");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(origin: Option<&str>, host: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        if let Some(o) = origin {
            h.insert(header::ORIGIN, HeaderValue::from_str(o).unwrap());
        }
        h
    }

    fn site(origins: &[&str]) -> Site {
        Site {
            cookie: "wm_test",
            path: "/test",
            sign_in: "/test/",
            lifetime: chrono::Duration::hours(1),
            idle: chrono::Duration::minutes(5),
            secure: false,
            origins: origins.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_form_is_taken_from_the_configured_address_whatever_the_host_header_says() {
        // Regression: the Origin was compared with the request's own Host header, so a request
        // that sent `Host: evil.example` and `Origin: http://evil.example` passed.
        let s = site(&["https://woonmonitor.example"]);
        assert!(s.same_origin(&headers(
            Some("https://woonmonitor.example"),
            "woonmonitor.example"
        )));
        assert!(!s.same_origin(&headers(Some("http://evil.example"), "evil.example")));
        assert!(!s.same_origin(&headers(
            Some("https://woonmonitor.example.evil.example"),
            "woonmonitor.example"
        )));
        assert!(!s.same_origin(&headers(
            Some("http://woonmonitor.example"),
            "woonmonitor.example"
        )));
        assert!(
            !s.same_origin(&headers(None, "woonmonitor.example")),
            "no Origin"
        );
        let mut referer = headers(None, "x");
        referer.insert(
            header::REFERER,
            HeaderValue::from_static("https://woonmonitor.example/portaal/"),
        );
        assert!(s.same_origin(&referer));
    }

    #[test]
    fn a_console_without_an_address_takes_forms_from_its_loopback_bind() {
        let o = bind_origins("127.0.0.1:8480");
        assert!(o.contains(&"http://127.0.0.1:8480".to_string()));
        assert!(o.contains(&"http://localhost:8480".to_string()));
        assert_eq!(
            origin_of("https://a.example/portaal/").unwrap(),
            "https://a.example"
        );
        assert_eq!(
            origin_of("https://a.example:8443").unwrap(),
            "https://a.example:8443"
        );
    }

    #[test]
    fn csrf_tokens_must_match_whole() {
        assert!(csrf_ok("abc", "abc"));
        assert!(!csrf_ok("abc", "ab"));
        assert!(!csrf_ok("abc", ""));
        assert!(!csrf_ok("", ""));
    }

    #[test]
    fn cookies_are_the_sites_own() {
        let s = site(&["http://127.0.0.1:1"]);
        let client = Client {
            ip: "127.0.0.1".parse().unwrap(),
            via_proxy: false,
        };
        let c = s.set_cookie(&client, &HeaderMap::new(), "ab");
        let c = c.to_str().unwrap();
        assert!(c.starts_with("wm_test=ab; Path=/test; HttpOnly; SameSite=Strict; Max-Age=3600"));
        assert!(!c.contains("Secure"));
        let mut proxied = HeaderMap::new();
        proxied.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        let behind = Client {
            ip: "10.0.0.1".parse().unwrap(),
            via_proxy: true,
        };
        assert!(s
            .set_cookie(&behind, &proxied, "ab")
            .to_str()
            .unwrap()
            .ends_with("; Secure"));
    }
}
