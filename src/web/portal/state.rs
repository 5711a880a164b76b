//! What every portal handler has: the portal's state (`PortalState`: the service, the
//! templates, the session site, the upload slots, the sign-in link limits), the signed-in
//! `Person`, its sessions, and the helpers of its pages (a page, a message page, a refusal, an
//! organisation's name, the audit trail).

use crate::service::secret::id_hash;
use crate::service::{Service, ServiceError};
use crate::store::{Account, Organisation};
use crate::web::client::Client;
use crate::web::html::WebError;
use crate::web::session::{audit, AuditIds, Sessions, Site, Visitor};
use crate::web::state::blocking;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use chrono::Utc;
use minijinja::context;
use std::sync::Arc;
use std::time::Duration;

pub(super) struct PortalState {
    /// The worker's queue (mail passes).
    pub(super) queue: Arc<crate::service::worker::Queue>,
    pub(super) service: Service,
    pub(super) templates: minijinja::Environment<'static>,
    /// The portal's cookie, time-outs and address (the shared session layer).
    pub(super) site: Site,
    /// Uploads being received, per organisation, and being checked, for everyone.
    pub(super) uploads: super::limits::Slots,
    /// Sign-in links asked, per client and in all.
    pub(super) links: super::limits::LinkLimits,
    pub(super) body_timeout: Duration,
}

impl PortalState {
    /// A text of `templates/web/berichten.toml`.
    pub(super) fn text(&self, key: &str, ctx: minijinja::Value) -> String {
        crate::web::html::text(&self.service.settings().output.templates, key, ctx)
    }
}

pub(super) type St = State<Arc<PortalState>>;

/// Who is signed in: an organisation's person.
#[derive(Debug, Clone)]
pub(super) struct Person {
    pub(super) account: Account,
    pub(super) csrf: String,
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

/// A page of the portal.
pub(super) fn page(
    st: &PortalState,
    name: &str,
    ctx: minijinja::Value,
) -> Result<Response, WebError> {
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
pub(super) fn message(
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
pub(super) fn organisation_name(st: &PortalState, org: &Organisation) -> String {
    match org {
        Organisation::Corporation(code) => {
            st.service.reference().corporation_name(code).to_string()
        }
        Organisation::Applications => st.text("matchingsorganisatie", context! {}),
    }
}

/// Records an action in the audit trail under the person's address.
pub(super) async fn audit_as(service: &Service, actor: &str, action: &str, detail: String) {
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

/// An answer with `status` whose body the error pages fill in (e.g. a refused upload's).
pub(super) fn refused(status: StatusCode, text: &'static str, ctx: minijinja::Value) -> WebError {
    WebError::Message {
        status,
        title: "titel_niet_aangenomen",
        text,
        ctx,
    }
}
