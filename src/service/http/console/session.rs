//! Signing in and staying signed in: each operator with a token of their own (or a trusted
//! proxy's user header), sessions in the store (only a hash of the session id; a restart signs
//! nobody out) that end after `console.session_hours` or `console.idle_minutes` without a
//! request, the session cookie, the CSRF token of each session, the Origin check on every POST,
//! and failed sign-ins slowed by the shared throttle (never the right token refused).

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use serde::Deserialize;

pub use super::Signed;
use super::{PageError, St};
use crate::service::http::blocking;
use crate::service::http::client::Client;
use crate::service::http::secret::{id_hash, random_hex, whose};
use crate::service::store::{NewAudit, NewSession};
use crate::service::ServiceError;

const COOKIE: &str = "wm_sessie";

/// How long sessions last.
pub struct Sessions {
    lifetime: Duration,
    idle: Duration,
}

impl Sessions {
    pub fn new(c: &crate::config::ConsoleSetting) -> Self {
        Self {
            lifetime: Duration::from_secs(u64::from(c.session_hours.max(1)) * 3600),
            idle: Duration::from_secs(u64::from(c.idle_minutes.max(1)) * 60),
        }
    }

    fn idle(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.idle).expect("a short duration")
    }

    /// A new cookie session for `actor`: the id for the cookie, and who is signed in.
    async fn create(
        &self,
        st: &super::ConsoleState,
        actor: &str,
    ) -> Result<(String, Signed), ServiceError> {
        let id = random_hex(32);
        let signed = Signed {
            actor: actor.to_string(),
            csrf: random_hex(32),
            via_proxy: false,
        };
        let (hash, s, idle) = (id_hash(&id), signed.clone(), self.idle());
        let expires = Utc::now() + chrono::Duration::from_std(self.lifetime).expect("hours");
        blocking(&st.service, move |store| {
            Ok(store.create_session(
                &NewSession {
                    id_hash: &hash,
                    actor: &s.actor,
                    csrf: &s.csrf,
                    via_proxy: false,
                    expires_at: expires,
                },
                Utc::now(),
                idle,
            )?)
        })
        .await?;
        Ok((id, signed))
    }

    /// The live cookie session with this id.
    async fn get(
        &self,
        st: &super::ConsoleState,
        id: &str,
    ) -> Result<Option<Signed>, ServiceError> {
        let (hash, idle) = (id_hash(id), self.idle());
        let row = blocking(&st.service, move |s| {
            Ok(s.live_session(&hash, false, Utc::now(), idle)?)
        })
        .await?;
        Ok(row.map(|r| Signed {
            actor: r.actor,
            csrf: r.csrf,
            via_proxy: false,
        }))
    }

    /// The proxy user's one session (made when there is none): who is signed in, and whether
    /// the session is new.
    async fn proxy(
        &self,
        st: &super::ConsoleState,
        user: &str,
    ) -> Result<(Signed, bool), ServiceError> {
        let hash = id_hash(&format!("proxy\u{0}{user}"));
        let (user, idle) = (user.to_string(), self.idle());
        let expires = Utc::now() + chrono::Duration::from_std(self.lifetime).expect("hours");
        blocking(&st.service, move |s| {
            let now = Utc::now();
            if let Some(r) = s.live_session(&hash, true, now, idle)? {
                return Ok((
                    Signed {
                        actor: r.actor,
                        csrf: r.csrf,
                        via_proxy: true,
                    },
                    false,
                ));
            }
            let csrf = random_hex(32);
            s.create_session(
                &NewSession {
                    id_hash: &hash,
                    actor: &user,
                    csrf: &csrf,
                    via_proxy: true,
                    expires_at: expires,
                },
                now,
                idle,
            )?;
            Ok((
                Signed {
                    actor: user,
                    csrf,
                    via_proxy: true,
                },
                true,
            ))
        })
        .await
    }

    async fn remove(&self, st: &super::ConsoleState, id: &str) -> Result<(), ServiceError> {
        let hash = id_hash(id);
        blocking(&st.service, move |s| Ok(s.delete_session(&hash)?)).await
    }
}

fn cookie_value(headers: &HeaderMap) -> Option<String> {
    crate::service::http::secret::session_cookie(headers, COOKIE)
}

/// Whether the browser reached us over TLS: configured, or said by a trusted proxy.
fn behind_tls(st: &super::ConsoleState, client: Client, headers: &HeaderMap) -> bool {
    st.service.settings().console.secure_cookies
        || (client.via_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.eq_ignore_ascii_case("https")))
}

fn set_cookie(
    st: &super::ConsoleState,
    client: Client,
    headers: &HeaderMap,
    id: &str,
) -> HeaderValue {
    let max_age = st.sessions.lifetime.as_secs();
    let secure = if behind_tls(st, client, headers) {
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

/// The proxy's signed-in user: only from a trusted proxy (the edge refused the header from
/// anyone else), and only when configured.
fn proxy_user(st: &super::ConsoleState, client: Client, headers: &HeaderMap) -> Option<String> {
    if !client.via_proxy {
        return None;
    }
    let name = st.service.settings().console.user_header.as_deref()?;
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.len() <= 200 && !v.chars().any(char::is_control))
        .map(str::to_string)
}

/// Lets signed-in requests through (with [`Signed`] for the handler); sends others to the
/// sign-in page. Every POST must also come from this site (Origin) and carry the session's CSRF
/// token (checked by [`check_form`] in the handler, which has the form).
pub async fn require_session(
    State(st): St,
    Extension(client): Extension<Client>,
    mut req: Request,
    next: Next,
) -> Response {
    let headers = req.headers();
    let signed = match proxy_user(&st, client, headers) {
        Some(user) => match st.sessions.proxy(&st, &user).await {
            Ok((s, new)) => {
                if new {
                    audit(
                        &st,
                        &user,
                        "aangemeld (via de proxy)",
                        Some(NewIds {
                            detail: format!("vanaf {}", client.ip),
                            ..Default::default()
                        }),
                    )
                    .await;
                }
                s
            }
            Err(e) => return PageError::from(e).into_response(),
        },
        None => {
            let found = match cookie_value(headers) {
                Some(id) => st.sessions.get(&st, &id).await,
                None => Ok(None),
            };
            match found {
                Ok(Some(s)) => s,
                Ok(None) => return Redirect::to("/console/login").into_response(),
                Err(e) => return PageError::from(e).into_response(),
            }
        }
    };
    if req.method() == axum::http::Method::POST
        && !crate::service::http::web::same_origin(req.headers())
    {
        return PageError::Forbidden(crate::service::http::web::ORIGIN_REFUSED).into_response();
    }
    req.extensions_mut().insert(signed);
    next.run(req).await
}

/// Checks a form's CSRF token against the session's.
pub fn check_form(signed: &Signed, csrf: &str) -> Result<(), PageError> {
    let same = csrf.len() == signed.csrf.len()
        && constant_time_eq::constant_time_eq(csrf.as_bytes(), signed.csrf.as_bytes());
    if csrf.is_empty() || !same {
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
    let r = blocking(&st.service, move |s| {
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
        minijinja::context! { proxy => st.service.settings().console.user_header.is_some() },
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
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    if !crate::service::http::web::same_origin(&headers) {
        return Err(PageError::Forbidden(
            "Dit formulier kwam niet van deze website (Origin-controle).",
        ));
    }
    let given = form.token.trim();
    let Some(name) = whose(given, &st.operators).filter(|_| !given.is_empty()) else {
        let verdict = st.throttle.failed(client.ip);
        tracing::warn!(client = %client.ip, delay_ms = verdict.delay.as_millis() as u64, "console sign-in failed");
        if verdict.audit {
            audit(
                &st,
                &format!("onbekend ({})", client.ip),
                "aanmelden mislukt",
                None,
            )
            .await;
        }
        tokio::time::sleep(verdict.delay).await;
        let page = super::view::page(
            &st,
            "login.html",
            minijinja::context! { error => "Dat token klopt niet." },
        )?;
        return Ok((axum::http::StatusCode::UNAUTHORIZED, page).into_response());
    };
    let name = name.to_string();
    st.throttle.succeeded(client.ip);
    let (id, _) = st.sessions.create(&st, &name).await?;
    audit(
        &st,
        &name,
        "aangemeld",
        Some(NewIds {
            detail: format!("vanaf {}", client.ip),
            ..Default::default()
        }),
    )
    .await;
    let mut res = Redirect::to("/console/").into_response();
    res.headers_mut()
        .append(header::SET_COOKIE, set_cookie(&st, client, &headers, &id));
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
        st.sessions.remove(&st, &id).await?;
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
    fn only_a_well_formed_session_cookie_is_looked_up() {
        let mut h = HeaderMap::new();
        let id = "ab".repeat(32);
        h.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("x=1; wm_sessie={id}")).unwrap(),
        );
        assert_eq!(cookie_value(&h), Some(id));
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("wm_sessie=proxy-j.jansen"),
        );
        assert_eq!(cookie_value(&h), None);
    }
}
