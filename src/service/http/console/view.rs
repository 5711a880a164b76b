//! The console's templates (`templates/web/`, built in, a copy in the templates folder wins)
//! and the Dutch words and time formats they use.

use std::path::{Path, PathBuf};

use axum::response::Html;
use minijinja::{Environment, Value};

use super::{ConsoleState, PageError, Signed};

macro_rules! embedded {
    ($($name:literal),*) => {
        &[$(($name, include_str!(concat!("../../../../templates/web/", $name)))),*]
    };
}

const FILES: &[(&str, &str)] = embedded!(
    "base.html",
    "login.html",
    "overview.html",
    "runs.html",
    "run.html",
    "regenerate.html",
    "confirm.html",
    "job.html",
    "mails.html",
    "quality.html",
    "console.css",
    "berichten.toml"
);

/// A template or asset: `<templates>/web/<name>` when it exists, else the built-in copy.
pub fn asset(templates: &Path, name: &str) -> String {
    std::fs::read_to_string(templates.join("web").join(name)).unwrap_or_else(|_| {
        FILES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.to_string())
            .unwrap_or_default()
    })
}

pub fn environment(templates: &Path, tz: chrono_tz::Tz) -> Environment<'static> {
    let mut env = Environment::new();
    let dir: PathBuf = templates.to_path_buf();
    env.set_loader(move |name| {
        Ok(FILES
            .iter()
            .any(|(n, _)| *n == name)
            .then(|| asset(&dir, name)))
    });
    env.add_filter("run_status", |s: String| label(RUN_STATUS, &s));
    env.add_filter("run_kind", |s: String| label(RUN_KIND, &s));
    env.add_filter("trigger", |s: String| label(TRIGGER, &s));
    env.add_filter("mail_status", |s: String| label(MAIL_STATUS, &s));
    env.add_filter("job_status", |s: String| label(JOB_STATUS, &s));
    env.add_filter("kind", |s: String| label(SOURCE_KIND, &s));
    env.add_filter("when", move |s: Option<String>| when(s.as_deref(), tz));
    env.add_filter("getal", |n: i64| {
        let body = crate::render::nl::int(n.unsigned_abs());
        if n < 0 {
            format!("−{body}")
        } else {
            body
        }
    });
    env.add_filter("grootte", |n: i64| size_nl(n.max(0) as u64));
    env
}

/// A file size the Dutch way: `812 bytes`, `15,4 kB`, `2,3 MB`.
pub fn size_nl(n: u64) -> String {
    use crate::render::nl::dec;
    match n {
        0..=999 => format!("{n} bytes"),
        1_000..=999_999 => format!("{} kB", dec(n as f64 / 1e3, 1)),
        _ => format!("{} MB", dec(n as f64 / 1e6, 1)),
    }
}

const RUN_STATUS: &[(&str, &str)] = &[
    ("running", "bezig"),
    ("succeeded", "gelukt"),
    ("failed", "mislukt"),
    ("held", "vastgehouden"),
];
const RUN_KIND: &[(&str, &str)] = &[
    ("pull", "ophalen"),
    ("report", "rapporten"),
    ("purge", "opschonen"),
];
const TRIGGER: &[(&str, &str)] = &[
    ("scheduled", "gepland"),
    ("catch-up", "ingehaald"),
    ("manual", "handmatig"),
    ("api", "console/API"),
];
const MAIL_STATUS: &[(&str, &str)] = &[
    ("held", "wacht op vrijgave"),
    ("pending", "in de wachtrij"),
    ("sending", "wordt verstuurd"),
    ("sent", "verstuurd"),
    ("failed", "mislukt"),
    ("cancelled", "geannuleerd"),
];
const JOB_STATUS: &[(&str, &str)] = &[
    ("queued", "wacht"),
    ("running", "bezig"),
    ("succeeded", "klaar"),
    ("failed", "mislukt"),
];
const SOURCE_KIND: &[(&str, &str)] = &[
    ("applications", "aanvragen"),
    ("deliveries", "woningen"),
    ("commitments", "afspraken"),
];

/// A run's status in Dutch.
pub fn run_status_nl(s: &str) -> String {
    label(RUN_STATUS, s)
}

/// A mail's status in Dutch.
pub fn mail_status_nl(s: &str) -> String {
    label(MAIL_STATUS, s)
}

fn label(table: &[(&str, &str)], s: &str) -> String {
    table
        .iter()
        .find(|(k, _)| *k == s)
        .map_or_else(|| s.to_string(), |(_, v)| v.to_string())
}

/// A stored UTC time as local time the Dutch way: `26-11-2026 07:00`.
pub fn when(s: Option<&str>, tz: chrono_tz::Tz) -> String {
    let Some(t) = s.and_then(crate::service::store::parse_ts) else {
        return "–".into();
    };
    t.with_timezone(&tz).format("%d-%m-%Y %H:%M").to_string()
}

/// What a selection of documents is, in Dutch.
pub fn scope_nl(service: &crate::service::Service, s: &crate::domain::Selection) -> String {
    use crate::domain::Selection;
    match s {
        Selection::All => "alle rapporten".into(),
        Selection::Region => format!("het regiorapport ({})", service.settings.region.name),
        Selection::Municipality(c) => service
            .reference
            .municipalities
            .iter()
            .find(|(m, _)| m.as_str() == c)
            .map_or_else(|| c.clone(), |(_, n)| format!("gemeente {n} ({c})")),
        Selection::Corporation(c) => {
            format!("corporatie {}", service.reference.corporation_name(c))
        }
    }
}

/// A page without a signed-in user (sign-in).
pub fn page(st: &ConsoleState, name: &str, ctx: Value) -> Result<Html<String>, PageError> {
    render(st, name, ctx)
}

/// A page for a signed-in user: the navigation, who is signed in and the CSRF token for forms.
pub fn signed_page(
    st: &ConsoleState,
    signed: &Signed,
    nav: &str,
    name: &str,
    ctx: Value,
) -> Result<Html<String>, PageError> {
    let ctx = minijinja::context! {
        user => signed.actor.clone(),
        csrf => signed.csrf.clone(),
        nav => nav,
        // Behind the single sign-on proxy, signing out is the proxy's business.
        via_proxy => signed.via_proxy,
        organisation => st.service.settings.organisation.name.clone(),
        ..ctx
    };
    render(st, name, ctx)
}

fn render(st: &ConsoleState, name: &str, ctx: Value) -> Result<Html<String>, PageError> {
    st.templates
        .get_template(name)
        .and_then(|t| t.render(ctx))
        .map(Html)
        .map_err(|e| {
            PageError::Internal(Box::new(crate::service::ServiceError::Console(format!(
                "template {name}: {e:#}"
            ))))
        })
}
