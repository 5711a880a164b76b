//! Who the operators are: each signs in with a token of their own (or a trusted proxy's user
//! header names them), failed sign-ins slowed by the shared throttle (never the right token
//! refused). Cookies, CSRF, the Origin check, time-outs and the audit trail are the shared
//! session layer's (`web::session`); the console's sessions live in their own table.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use serde::Deserialize;

use super::state::{ConsoleState, Operator, St};
use crate::service::secret::{id_hash, random_hex, whose};
use crate::service::ServiceError;
use crate::store::NewSession;
use crate::web::client::Client;
use crate::web::html::WebError;
use crate::web::session::{audit, AuditIds, Sessions, Signed, Site};
use crate::web::state::blocking;

impl Sessions for ConsoleState {
    type Visitor = Operator;

    fn site(&self) -> &Site {
        &self.site
    }

    /// The proxy's user (its one session, made when there is none), else the cookie's session.
    async fn find(
        &self,
        headers: &HeaderMap,
        client: &Client,
    ) -> Result<Option<Operator>, ServiceError> {
        if let Some(user) = proxy_user(self, client, headers) {
            let (op, new) = self.proxy_session(&user).await?;
            if new {
                audit(
                    &self.service,
                    &user,
                    "aangemeld (via de proxy)",
                    AuditIds {
                        detail: format!("vanaf {}", client.ip),
                        ..Default::default()
                    },
                )
                .await;
            }
            return Ok(Some(op));
        }
        let Some(id) = self.site.session_id(headers) else {
            return Ok(None);
        };
        let (hash, idle) = (id_hash(&id), self.site.idle);
        let row = blocking(&self.service, move |s| {
            Ok(s.live_session(&hash, false, Utc::now(), idle)?)
        })
        .await?;
        Ok(row.map(|r| Operator {
            actor: r.actor,
            csrf: r.csrf,
            via_proxy: false,
        }))
    }
}

impl ConsoleState {
    /// A new cookie session for `actor`: the id for the cookie.
    async fn create_session(&self, actor: &str) -> Result<String, ServiceError> {
        let id = Site::new_session_id();
        let (hash, actor, csrf, idle) = (
            id_hash(&id),
            actor.to_string(),
            random_hex(32),
            self.site.idle,
        );
        let expires = Utc::now() + self.site.lifetime;
        blocking(&self.service, move |store| {
            Ok(store.create_session(
                &NewSession {
                    id_hash: &hash,
                    actor: &actor,
                    csrf: &csrf,
                    via_proxy: false,
                    expires_at: expires,
                },
                Utc::now(),
                idle,
            )?)
        })
        .await?;
        Ok(id)
    }

    /// The proxy user's one session (made when there is none), and whether it is new.
    async fn proxy_session(&self, user: &str) -> Result<(Operator, bool), ServiceError> {
        let hash = id_hash(&format!("proxy\u{0}{user}"));
        let (user, idle) = (user.to_string(), self.site.idle);
        let expires = Utc::now() + self.site.lifetime;
        blocking(&self.service, move |s| {
            let now = Utc::now();
            if let Some(r) = s.live_session(&hash, true, now, idle)? {
                let op = Operator {
                    actor: r.actor,
                    csrf: r.csrf,
                    via_proxy: true,
                };
                return Ok((op, false));
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
            let op = Operator {
                actor: user,
                csrf,
                via_proxy: true,
            };
            Ok((op, true))
        })
        .await
    }
}

/// The proxy's signed-in user: only from a trusted proxy (the edge refused the header from
/// anyone else), and only when configured.
fn proxy_user(st: &ConsoleState, client: &Client, headers: &HeaderMap) -> Option<String> {
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

pub async fn login_form(State(st): St) -> Result<Response, WebError> {
    Ok(crate::web::console::view::page(
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
) -> Result<Response, WebError> {
    st.site.check_origin(&headers)?;
    let given = form.token.trim();
    let Some(name) = whose(given, &st.operators).filter(|_| !given.is_empty()) else {
        let verdict = st.throttle.failed(client.ip);
        tracing::warn!(client = %client.ip, delay_ms = verdict.delay.as_millis() as u64, "console sign-in failed");
        if verdict.audit {
            audit(
                &st.service,
                &format!("onbekend ({})", client.ip),
                "aanmelden mislukt",
                AuditIds::default(),
            )
            .await;
        }
        tokio::time::sleep(verdict.delay).await;
        let page = crate::web::console::view::page(
            &st,
            "login.html",
            minijinja::context! { error => st.text("token_onjuist", minijinja::context! {}) },
        )?;
        return Ok((axum::http::StatusCode::UNAUTHORIZED, page).into_response());
    };
    let name = name.to_string();
    st.throttle.succeeded(client.ip);
    let id = st.create_session(&name).await?;
    audit(
        &st.service,
        &name,
        "aangemeld",
        AuditIds {
            detail: format!("vanaf {}", client.ip),
            ..Default::default()
        },
    )
    .await;
    let mut res = Redirect::to("/console/").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        st.site.set_cookie(&client, &headers, &id),
    );
    Ok(res)
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

pub async fn logout(
    State(st): State<Arc<ConsoleState>>,
    signed: Signed<Operator>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    signed.check_csrf(&form.csrf)?;
    if let Some(id) = st.site.session_id(&headers) {
        let hash = id_hash(&id);
        blocking(&st.service, move |s| Ok(s.delete_session(&hash)?)).await?;
    }
    audit(
        &st.service,
        &signed.0.actor,
        "afgemeld",
        AuditIds::default(),
    )
    .await;
    let mut res = Redirect::to("/console/login").into_response();
    res.headers_mut()
        .append(header::SET_COOKIE, st.site.clear_cookie());
    Ok(res)
}
