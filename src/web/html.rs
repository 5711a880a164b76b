//! What the console and the portal share as web pages: the templates (`templates/web/`, built
//! in, a copy in the templates folder wins), the Dutch words, numbers, sizes and times they use,
//! the Dutch texts for stored (English, technical) problems, the Origin check on every POST and
//! the security headers on every answer. Neither the console nor the portal imports the other.

use std::path::{Path, PathBuf};

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use minijinja::Environment;

macro_rules! embedded {
    ($($name:literal),*) => {
        &[$(($name, include_str!(concat!("../../templates/web/", $name)))),*]
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
    "review.html",
    "console.css",
    "berichten.toml",
    "accounts.html",
    "portaal_base.html",
    "portaal_bericht.html",
    "portaal_home.html",
    "portaal_upload.html",
    "portaal_afspraken.html",
    "fout.html"
);

/// The templates and assets of one templates folder, read once: `<templates>/web/<name>` when it
/// exists, else the built-in copy; and the messages of `berichten.toml`, parsed.
struct Assets {
    files: std::collections::BTreeMap<&'static str, String>,
    messages: std::collections::BTreeMap<String, String>,
}

/// The assets of `templates`, read the first time they are asked for (the daemon asks at start,
/// off the async threads: `preload`), then kept: no request reads a file. An edited template
/// takes effect when the daemon starts again.
fn assets(templates: &Path) -> std::sync::Arc<Assets> {
    use std::sync::{Arc, Mutex};
    static READ: Mutex<Vec<(PathBuf, Arc<Assets>)>> = Mutex::new(Vec::new());
    let mut read = READ.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, a)) = read.iter().find(|(dir, _)| dir == templates) {
        return a.clone();
    }
    let files: std::collections::BTreeMap<&'static str, String> = FILES
        .iter()
        .map(|(name, built_in)| {
            let text = std::fs::read_to_string(templates.join("web").join(name))
                .unwrap_or_else(|_| built_in.to_string());
            (*name, text)
        })
        .collect();
    let messages =
        toml::from_str(files.get("berichten.toml").map_or("", String::as_str)).unwrap_or_default();
    let a = Arc::new(Assets { files, messages });
    read.push((templates.to_path_buf(), a.clone()));
    a
}

/// Reads the assets of `templates` now (the daemon does at start, on a blocking thread).
pub fn preload(templates: &Path) {
    let _ = assets(templates);
}

/// A template or asset: `<templates>/web/<name>` when it exists, else the built-in copy.
pub fn asset(templates: &Path, name: &str) -> String {
    assets(templates)
        .files
        .get(name)
        .cloned()
        .unwrap_or_default()
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
    let mail_dir = templates.to_path_buf();
    env.add_filter("mailprobleem", move |s: Option<String>| {
        s.map(|s| mail_problem_nl(&mail_dir, &s))
            .unwrap_or_default()
    });
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

/// The web pages' Dutch messages (`berichten.toml`), by key.
pub fn messages(templates: &Path) -> std::collections::BTreeMap<String, String> {
    assets(templates).messages.clone()
}

/// The message `key` of `berichten.toml` with `ctx` filled in (minijinja); the key itself when
/// the file does not have it (a test checks every key the code uses is there).
pub fn text(templates: &Path, key: &str, ctx: minijinja::Value) -> String {
    let texts = messages(templates);
    let Some(t) = texts.get(key) else {
        tracing::error!(key, "a web text is missing from berichten.toml");
        return key.to_string();
    };
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.render_str(t, ctx).unwrap_or_else(|_| t.clone())
}

/// Why a request of the console or the portal failed: a Dutch page from
/// `templates/web/fout.html` with its words from `berichten.toml`, filled in by the site's
/// [`error_pages`] layer (which also turns every answer of the framework itself, such as a form
/// it could not read, into such a page: no English or technical text reaches a person).
#[derive(Debug)]
pub enum WebError {
    /// 404: the page does not exist, or belongs to another organisation.
    NotFound,
    /// 403, with the key of the reason in `berichten.toml`.
    Forbidden(&'static str),
    /// An answer with `status`: the keys of its title and text, and what the text fills in.
    Message {
        status: StatusCode,
        title: &'static str,
        text: &'static str,
        ctx: minijinja::Value,
    },
    /// Like `Message`, with a text already made from the templates (a service's refusal).
    Text {
        status: StatusCode,
        title: &'static str,
        text: String,
    },
    /// Ours: logged with a correlation id, which the page shows.
    Internal(Box<crate::service::ServiceError>),
}

impl WebError {
    /// A 400 answer with the text `key`.
    pub fn bad(key: &'static str, ctx: minijinja::Value) -> Self {
        Self::Message {
            status: StatusCode::BAD_REQUEST,
            title: "titel_lukt_niet",
            text: key,
            ctx,
        }
    }
}

impl From<crate::service::ServiceError> for WebError {
    fn from(e: crate::service::ServiceError) -> Self {
        match e {
            crate::service::ServiceError::Store(crate::store::StoreError::NotFound { .. }) => {
                WebError::NotFound
            }
            e => WebError::Internal(Box::new(e)),
        }
    }
}

impl From<crate::store::StoreError> for WebError {
    fn from(e: crate::store::StoreError) -> Self {
        crate::service::ServiceError::from(e).into()
    }
}

/// What [`error_pages`] renders: put on the answer by [`WebError`].
#[derive(Debug, Clone)]
struct ErrorPage {
    title: &'static str,
    text: Result<String, (&'static str, minijinja::Value)>,
    kenmerk: Option<String>,
}

impl axum::response::IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, page) = match self {
            WebError::NotFound => (
                StatusCode::NOT_FOUND,
                ErrorPage {
                    title: "titel_niet_gevonden",
                    text: Err(("fout_404", minijinja::Value::UNDEFINED)),
                    kenmerk: None,
                },
            ),
            WebError::Forbidden(key) => (
                StatusCode::FORBIDDEN,
                ErrorPage {
                    title: "titel_geweigerd",
                    text: Err((key, minijinja::Value::UNDEFINED)),
                    kenmerk: None,
                },
            ),
            WebError::Message {
                status,
                title,
                text,
                ctx,
            } => (
                status,
                ErrorPage {
                    title,
                    text: Err((text, ctx)),
                    kenmerk: None,
                },
            ),
            WebError::Text {
                status,
                title,
                text,
            } => (
                status,
                ErrorPage {
                    title,
                    text: Ok(text),
                    kenmerk: None,
                },
            ),
            WebError::Internal(e) => {
                let id = crate::web::state::correlation_id();
                tracing::error!(correlation_id = %id, error = %e, "web request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorPage {
                        title: "titel_fout",
                        text: Err(("fout_500", minijinja::Value::UNDEFINED)),
                        kenmerk: Some(id),
                    },
                )
            }
        };
        let mut res = status.into_response();
        res.extensions_mut().insert(page);
        res
    }
}

/// The error pages of the console and the portal: their templates, and which site a path is.
pub struct Pages {
    templates: PathBuf,
    env: Environment<'static>,
}

impl Pages {
    pub fn new(templates: &Path, tz: chrono_tz::Tz) -> Self {
        Self {
            templates: templates.to_path_buf(),
            env: environment(templates, tz),
        }
    }

    /// `/console` or `/portaal` for a path of those sites; `None` for the API's.
    fn site_of(path: &str) -> Option<&'static str> {
        if path == "/" || path == "/console" || path.starts_with("/console/") {
            Some("/console")
        } else if path == "/portaal" || path.starts_with("/portaal/") {
            Some("/portaal")
        } else {
            None
        }
    }

    fn render(&self, root: &'static str, status: StatusCode, page: ErrorPage) -> Response {
        use axum::response::IntoResponse;
        let texts = messages(&self.templates);
        let title = texts
            .get(page.title)
            .cloned()
            .unwrap_or_else(|| "Er ging iets mis".into());
        let body = match page.text {
            Ok(t) => t,
            Err((key, ctx)) => text(&self.templates, key, ctx),
        };
        let stylesheet = if root == "/console" {
            "/console/static/console.css"
        } else {
            "/portaal/static/portaal.css"
        };
        let html = self
            .env
            .get_template("fout.html")
            .and_then(|t| {
                t.render(minijinja::context! {
                    titel => title,
                    tekst => body,
                    kenmerk => page.kenmerk,
                    root => root,
                    stylesheet => stylesheet,
                })
            })
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "the error page template failed");
                String::from("<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Fout</title></head><body><main><h1>Er ging iets mis</h1></main></body></html>")
            });
        let mut res = (status, axum::response::Html(html)).into_response();
        set_security_headers(res.headers_mut(), false);
        res
    }
}

/// Renders every failed answer under `/console/` and `/portaal/` as a Dutch page: a
/// [`WebError`]'s, and any answer of the framework or the edge (a form it could not read, a
/// body too large or too slow, a method not allowed, a refused header) whose text would
/// otherwise be English or technical. The API's answers (JSON) are left as they are.
pub async fn error_pages(
    axum::extract::State(pages): axum::extract::State<std::sync::Arc<Pages>>,
    req: Request,
    next: Next,
) -> Response {
    let site = Pages::site_of(req.uri().path());
    let mut res = next.run(req).await;
    let Some(root) = site else {
        return res;
    };
    let status = res.status();
    if let Some(page) = res.extensions_mut().remove::<ErrorPage>() {
        return keep_headers(res, pages.render(root, status, page));
    }
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if (status.is_client_error() || status.is_server_error()) && !html {
        let key = match status.as_u16() {
            400 => "fout_400",
            403 => "fout_403",
            404 => "fout_404",
            405 => "fout_405",
            408 => "fout_408",
            413 => "fout_413",
            415 => "fout_415",
            422 => "fout_422",
            429 => "fout_429",
            500 => "fout_500",
            503 => "fout_503",
            _ => "fout_anders",
        };
        let title = match status.as_u16() {
            404 => "titel_niet_gevonden",
            403 => "titel_geweigerd",
            500..=599 => "titel_fout",
            _ => "titel_lukt_niet",
        };
        let page = ErrorPage {
            title,
            text: Err((key, minijinja::Value::UNDEFINED)),
            kenmerk: None,
        };
        return keep_headers(res, pages.render(root, status, page));
    }
    res
}

/// The new page with the headers the old answer set that still matter (cookies, `Retry-After`).
fn keep_headers(old: Response, mut new: Response) -> Response {
    for name in [header::SET_COOKIE, header::RETRY_AFTER, header::ALLOW] {
        for v in old.headers().get_all(&name) {
            new.headers_mut().append(name.clone(), v.clone());
        }
    }
    new
}

/// A failed run's or job's problem in Dutch, from `berichten.toml`, by the kind of the stored
/// (English, technical) message; the log keeps that message.
/// What kind of problem a stored (English) run or job error is, as the API names it: the
/// detail (paths, texts of a file or a panic) stays in the log.
pub fn problem_code(error: &str) -> &'static str {
    if error.contains("No space left") || error.contains("os error 28") {
        "disk_full"
    } else if error.starts_with("given up:") {
        "given_up"
    } else if error.starts_with("interrupted") || error.starts_with("did not finish") {
        "interrupted"
    } else if error.starts_with("timed out") {
        "timed_out"
    } else if error.starts_with("no snapshot of") {
        "no_data"
    } else if error.contains("was refused")
        || error.contains("refused: ") && !error.contains("queue")
    {
        "source_refused"
    } else if error.contains("queue was full") {
        "queue_full"
    } else {
        "failed"
    }
}

/// A stored run or job error as the API shows it: its code and a Dutch message, never the text.
pub fn problem_view(templates: &Path, error: Option<&str>) -> serde_json::Value {
    match error {
        None => serde_json::Value::Null,
        Some(e) => {
            serde_json::json!({ "code": problem_code(e), "message": problem_nl(templates, e) })
        }
    }
}

pub fn problem_nl(templates: &Path, error: &str) -> String {
    let key = if problem_code(error) == "disk_full" {
        "probleem_schijf_vol"
    } else if error.starts_with("given up:") {
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
    let texts = messages(templates);
    texts
        .get(key)
        .cloned()
        .unwrap_or_else(|| "Mislukt. De technische melding staat in het logboek.".into())
}

/// A failed or put-off mail's problem in Dutch, from `berichten.toml`, by the kind of the stored
/// (English) message, with the mail server's reply code when it gave one; the log keeps the
/// server's own words.
pub fn mail_problem_nl(templates: &Path, error: &str) -> String {
    // lettre writes a reply as "permanent error (550): …" or "transient error (451): …".
    let code = ["permanent error (", "transient error ("]
        .iter()
        .find_map(|p| error.find(p).map(|at| &error[at + p.len()..]))
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .unwrap_or_default();
    let key = if error.contains("has changed since run") {
        "mail_gewijzigd"
    } else if error.contains("cannot be read") {
        "mail_onleesbaar"
    } else if error.contains("permanent error") {
        "mail_geweigerd"
    } else if error.contains("transient error") {
        "mail_uitgesteld"
    } else if error.contains("connection")
        || error.contains("Connection")
        || error.contains("timed out")
        || error.contains("tls")
        || error.contains("TLS")
    {
        "mail_onbereikbaar"
    } else {
        "mail_anders"
    };
    let texts = messages(templates);
    let text = texts
        .get(key)
        .cloned()
        .unwrap_or_else(|| "Niet verstuurd. De technische melding staat in het logboek.".into());
    Environment::new()
        .render_str(&text, minijinja::context! { code => code })
        .unwrap_or(text)
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
    let Some(t) = s.and_then(crate::store::parse_ts) else {
        return "–".into();
    };
    t.with_timezone(&tz).format("%d-%m-%Y %H:%M").to_string()
}

/// The pages' stylesheet (vendored in `templates/web/`, no CDN), for `/console/static/` and
/// `/portaal/static/`.
pub fn stylesheet(templates: &Path) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=300"),
        ],
        asset(templates, "console.css"),
    )
        .into_response()
}

/// Headers on every answer of the console and the portal: a strict Content-Security-Policy
/// (nothing but this server's own styles, frames only for a report preview), no framing by
/// others, no referrer, no sniffing, no caching of pages with data.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let is_report = req.uri().path().starts_with("/console/reports/");
    let mut res = next.run(req).await;
    set_security_headers(res.headers_mut(), is_report);
    res
}

fn set_security_headers(h: &mut axum::http::HeaderMap, is_report: bool) {
    let csp = if is_report {
        // A report may be shown inside the run's page (its preview), nowhere else.
        "default-src 'none'; frame-ancestors 'self'"
    } else {
        "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    };
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    h.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static(if is_report { "SAMEORIGIN" } else { "DENY" }),
    );
    // `same-origin`, not `no-referrer`: under `no-referrer` Chromium sends `Origin: null` with
    // a form POST, which the Origin check must refuse. Other sites still get no referrer.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let got = problem_nl(t, en);
            assert!(got.contains(nl), "{en} → {got}");
            assert!(!got.contains(en), "{got}");
        }
    }

    #[test]
    fn mail_problems_read_dutch_with_the_servers_code() {
        // Regression: the SMTP server's English answer reached the console's mail pages.
        let t = std::path::Path::new("/nonexistent");
        for (en, nl) in [
            (
                "permanent error (550): 5.1.1 mailbox unavailable",
                "weigert deze mail (code 550)",
            ),
            (
                "transient error (451): try again later",
                "stelt de mail uit (code 451)",
            ),
            (
                "report file /x/a.pdf has changed since run 3 made it (SHA-256 differs); not sent",
                "veranderd",
            ),
            (
                "annex /x/a.xlsx cannot be read: No such file",
                "niet worden gelezen",
            ),
            (
                "Connection error: Connection refused (os error 111)",
                "niet bereikbaar",
            ),
            ("something else", "logboek"),
        ] {
            let got = mail_problem_nl(t, en);
            assert!(got.contains(nl), "{en} → {got}");
            assert!(!got.contains("error"), "{got}");
        }
    }
}
