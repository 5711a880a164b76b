//! The console's pages: a page with or without the signed-in operator (navigation, CSRF
//! token), and what a selection of documents is called. The templates and Dutch formats are
//! `web::html`'s, shared with the portal.

use axum::response::Html;
use minijinja::Value;

use super::state::{ConsoleState, Operator};
use crate::web::html::WebError;

/// What a selection of documents is, in Dutch.
pub fn scope_nl(service: &crate::service::Service, s: &crate::domain::Selection) -> String {
    use crate::domain::Selection;
    match s {
        Selection::All => "alle rapporten".into(),
        Selection::Region => format!("het regiorapport ({})", service.settings().region.name),
        Selection::Municipality(c) => service
            .reference()
            .municipalities
            .iter()
            .find(|(m, _)| m.as_str() == c)
            .map_or_else(|| c.clone(), |(_, n)| format!("gemeente {n} ({c})")),
        Selection::Corporation(c) => {
            format!("corporatie {}", service.reference().corporation_name(c))
        }
    }
}

/// A page without a signed-in user (sign-in).
pub fn page(st: &ConsoleState, name: &str, ctx: Value) -> Result<Html<String>, WebError> {
    render(st, name, ctx)
}

/// A page for a signed-in user: the navigation, who is signed in and the CSRF token for forms.
pub fn signed_page(
    st: &ConsoleState,
    signed: &Operator,
    nav: &str,
    name: &str,
    ctx: Value,
) -> Result<Html<String>, WebError> {
    let ctx = minijinja::context! {
        user => signed.actor.clone(),
        csrf => signed.csrf.clone(),
        nav => nav,
        // Behind the single sign-on proxy, signing out is the proxy's business.
        via_proxy => signed.via_proxy,
        organisation => st.service.settings().organisation.name.clone(),
        ..ctx
    };
    render(st, name, ctx)
}

fn render(st: &ConsoleState, name: &str, ctx: Value) -> Result<Html<String>, WebError> {
    st.templates
        .get_template(name)
        .and_then(|t| t.render(ctx))
        .map(Html)
        .map_err(|e| {
            WebError::Internal(Box::new(crate::service::ServiceError::Console(format!(
                "template {name}: {e:#}"
            ))))
        })
}
