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
    "berichten.toml",
    "accounts.html",
    "portaal_base.html",
    "portaal_bericht.html",
    "portaal_home.html",
    "portaal_upload.html",
    "portaal_afspraken.html"
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
    let texts_dir = templates.to_path_buf();
    env.add_filter("probleem", move |s: Option<String>| {
        s.map(|s| problem_nl(&texts_dir, &s)).unwrap_or_default()
    });
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

/// A failed run's or job's problem in Dutch, from `berichten.toml`, by the kind of the stored
/// (English, technical) message; the log keeps that message.
pub fn problem_nl(templates: &Path, error: &str) -> String {
    let key = if error.starts_with("given up:") {
        "probleem_opgegeven"
    } else if error.starts_with("interrupted") {
        "probleem_onderbroken"
    } else if error.starts_with("timed out") {
        "probleem_te_lang"
    } else if error.starts_with("no snapshot of") {
        "probleem_geen_levering"
    } else if error.contains("was refused")
        || error.contains("refused: ") && !error.contains("queue")
    {
        "probleem_geweigerd"
    } else if error.contains("queue was full") {
        "probleem_wachtrij"
    } else {
        "probleem_anders"
    };
    let texts: std::collections::BTreeMap<String, String> =
        toml::from_str(&asset(templates, "berichten.toml")).unwrap_or_default();
    texts
        .get(key)
        .cloned()
        .unwrap_or_else(|| "Mislukt. De technische melding staat in het logboek.".into())
}

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

#[cfg(test)]
mod tests {
    #[test]
    fn problems_read_dutch_whatever_the_service_said() {
        // Regression: a failed run's English error text reached the console's pages.
        let t = std::path::Path::new("/nonexistent");
        for (en, nl) in [
            (
                "given up: the run was interrupted 3 times in a row",
                "Opgegeven",
            ),
            ("interrupted: the process stopped", "Onderbroken"),
            ("timed out after 900s", "Afgebroken"),
            (
                "no snapshot of applications is available; run `woonmonitor pull`",
                "nog geen bruikbare levering",
            ),
            (
                "the latest delivery of feed mitros was refused: …",
                "geweigerd",
            ),
            ("refused: the job queue was full", "wachtrij"),
            ("state store x: disk I/O error", "Mislukt"),
        ] {
            let got = super::problem_nl(t, en);
            assert!(got.contains(nl), "{en} → {got}");
            assert!(!got.contains(en), "{got}");
        }
    }
}
