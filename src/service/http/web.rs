//! What the console and the portal share as web pages: the templates (`templates/web/`, built
//! in, a copy in the templates folder wins), the Dutch words, numbers, sizes and times they use,
//! the Dutch texts for stored (English, technical) problems, the Origin check on every POST and
//! the security headers on every answer. Neither the console nor the portal imports the other.

use std::path::{Path, PathBuf};

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use minijinja::Environment;

macro_rules! embedded {
    ($($name:literal),*) => {
        &[$(($name, include_str!(concat!("../../../templates/web/", $name)))),*]
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

/// The console's Dutch messages (`berichten.toml`), by key.
pub fn messages(templates: &Path) -> std::collections::BTreeMap<String, String> {
    toml::from_str(&asset(templates, "berichten.toml")).unwrap_or_default()
}

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
    let Some(t) = s.and_then(crate::service::store::parse_ts) else {
        return "–".into();
    };
    t.with_timezone(&tz).format("%d-%m-%Y %H:%M").to_string()
}

/// What a person reads when a form did not come from this site (the Origin check).
pub const ORIGIN_REFUSED: &str = "Dit formulier kwam niet van deze website (Origin-controle). Open de pagina opnieuw en probeer het nog eens.";

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

/// Whether a POST comes from this site: its Origin (or, without one, its Referer) names the host
/// the request was sent to.
pub fn same_origin(headers: &HeaderMap) -> bool {
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

/// Headers on every answer of the console and the portal: a strict Content-Security-Policy (nothing but this
/// server's own styles, frames only for a report preview), no framing by others, no referrer,
/// no sniffing, no caching of pages with data.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let is_report = req.uri().path().starts_with("/console/reports/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
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
    res
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
