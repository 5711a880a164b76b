//! The HTTP edge's secrets (`HttpSecrets`: the API token, the operators' tokens; from the
//! environment or a file, never from the configuration's text), and the settings the edge
//! derives (trusted proxy ranges).

use super::error::ConfigError;
use super::http::*;
use super::settings::Settings;
use std::path::PathBuf;

/// The secrets of the HTTP edge, read from the environment or files.
#[derive(Clone, Default)]
pub struct HttpSecrets {
    /// The API's bearer token (machines); `None`: the API's endpoints are off.
    pub api: Option<String>,
    /// Each operator's name and token.
    pub operators: Vec<(String, String)>,
}

impl std::fmt::Debug for HttpSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpSecrets")
            .field("api", &self.api.as_ref().map(|_| "<set>"))
            .field(
                "operators",
                &self.operators.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .finish()
    }
}

fn read_secret(env: Option<&str>, file: Option<&PathBuf>) -> Result<Option<String>, String> {
    if let Some(var) = env {
        if let Ok(v) = std::env::var(var) {
            if !v.trim().is_empty() {
                return Ok(Some(v.trim().to_string()));
            }
        }
    }
    match file {
        None => Ok(None),
        Some(f) => std::fs::read_to_string(f)
            .map(|s| Some(s.trim().to_string()).filter(|s| !s.is_empty()))
            .map_err(|e| format!("{}: {e}", f.display())),
    }
}

impl Settings {
    /// The trusted proxies, parsed (checked by `validate`).
    pub fn trusted_proxies(&self) -> Vec<ProxyRange> {
        self.console
            .trusted_proxies
            .iter()
            .filter_map(|p| ProxyRange::parse(p).ok())
            .collect()
    }

    /// The checks of `[api]` and `[console]` that need no secret.
    pub(super) fn check_http(&self, problems: &mut Vec<String>) {
        let api = &self.api;
        if api.max_connections < 16 {
            problems.push("api.max_connections: must be at least 16".into());
        }
        if api.max_requests == 0 || api.max_requests >= api.max_connections {
            problems.push(
                "api.max_requests: must be at least 1 and less than api.max_connections".into(),
            );
        }
        if !(1..=10).contains(&api.header_timeout_secs) {
            problems.push("api.header_timeout_secs: must be 1 to 10".into());
        }
        if !(1..=60).contains(&api.body_timeout_secs) {
            problems.push("api.body_timeout_secs: must be 1 to 60".into());
        }
        let c = &self.console;
        for (i, p) in c.trusted_proxies.iter().enumerate() {
            if let Err(e) = ProxyRange::parse(p) {
                problems.push(format!("console.trusted_proxies[{i}]: {e}"));
            }
        }
        if let Some(h) = &c.user_header {
            let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
            if h.is_empty() || !h.bytes().all(token) {
                problems.push(format!(
                    "console.user_header {h:?}: not a valid header name"
                ));
            }
            if c.trusted_proxies.is_empty() {
                problems.push(format!(
                    "console.user_header = {h:?} needs console.trusted_proxies: the address(es) of the reverse proxy that sets it; without it anyone who reaches the port could send the header and act under any name"
                ));
            }
        }
        if c.idle_minutes == 0 || c.session_hours == 0 {
            problems
                .push("console.idle_minutes and console.session_hours: must be at least 1".into());
        }
        match c.public_url.as_deref().map(url::Url::parse) {
            None if c.enabled && self.api.enabled => {
                let loopback = self
                    .api
                    .bind
                    .parse::<std::net::SocketAddr>()
                    .is_ok_and(|a| a.ip().is_loopback());
                if !loopback {
                    problems.push(format!(
                        "console.public_url: api.bind {:?} is reachable from other machines, so the console needs the address operators reach it at (e.g. \"https://woonmonitor.utrecht.nl\"); forms from any other address are refused",
                        self.api.bind
                    ));
                }
            }
            None => {}
            Some(Ok(u)) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() && u.query().is_none() => {}
            Some(_) => problems.push(format!("console.public_url {:?}: an http(s) address without a query (e.g. \"https://woonmonitor.utrecht.nl\")", c.public_url.as_deref().unwrap_or_default())),
        }
        let p = &self.portal;
        if p.enabled {
            match p.public_url.as_deref().map(url::Url::parse) {
                None => problems.push("portal.public_url: the portal needs the address people reach it at, for the sign-in links (e.g. \"https://woonmonitor.utrecht.nl\")".into()),
                Some(Ok(u)) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() && u.query().is_none() => {}
                Some(_) => problems.push(format!("portal.public_url {:?}: an http(s) address without a query (e.g. \"https://woonmonitor.utrecht.nl\")", p.public_url.as_deref().unwrap_or_default())),
            }
            if !self.api.enabled {
                problems.push("portal.enabled needs api.enabled: the portal is served on the daemon's HTTP port".into());
            }
            if self.mail.operator.is_none() {
                problems.push(
                    "portal.enabled needs mail.operator: the operator is told of refused uploads"
                        .into(),
                );
            }
        }
        if !(1..=60).contains(&p.link_minutes) {
            problems.push("portal.link_minutes: must be 1 to 60".into());
        }
        if p.idle_minutes == 0 || p.session_hours == 0 || p.upload_hours == 0 {
            problems.push("portal.idle_minutes, portal.session_hours and portal.upload_hours: must be at least 1".into());
        }
        if !(1..=16).contains(&p.uploads_per_organisation)
            || !(1..=16).contains(&p.uploads_checked_at_once)
        {
            problems.push(
                "portal.uploads_per_organisation and portal.uploads_checked_at_once: 1 to 16"
                    .into(),
            );
        }
        if p.links_per_client_per_hour == 0 || p.links_per_hour < p.links_per_client_per_hour {
            problems.push("portal.links_per_client_per_hour: at least 1, and portal.links_per_hour at least as many".into());
        }
        if p.remind_working_day.is_some_and(|d| !(1..=15).contains(&d)) {
            problems.push("portal.remind_working_day: 1 to 15".into());
        }
        if p.scan_command.is_some() && p.scanner().is_none() {
            problems.push(
                "portal.scan_command: name a program (e.g. \"clamdscan --no-summary -\")".into(),
            );
        }
        let mut names = std::collections::BTreeSet::new();
        for (i, o) in c.operators.iter().enumerate() {
            let at = format!("console.operators[{i}]");
            if o.name.trim().is_empty() || o.name.len() > 80 || o.name.chars().any(char::is_control)
            {
                problems.push(format!("{at}.name: 1 to 80 printable characters"));
            }
            if !names.insert(o.name.trim().to_lowercase()) {
                problems.push(format!(
                    "{at}.name {:?}: another operator has this name",
                    o.name
                ));
            }
            if o.token_env.is_some() == o.token_file.is_some() {
                problems.push(format!(
                    "{at}: give the operator's token with token_env or token_file (one of them)"
                ));
            }
        }
    }

    /// Reads the API's and the operators' tokens and checks them: at least
    /// [`MIN_TOKEN_CHARS`] characters, no two the same. `check-config` and the daemon's start
    /// call this; a problem names where the token comes from, never the token.
    pub fn http_secrets(&self) -> Result<HttpSecrets, ConfigError> {
        let mut problems = Vec::new();
        let mut out = HttpSecrets::default();
        let short = |what: String, t: &str, problems: &mut Vec<String>| {
            if t.chars().count() < MIN_TOKEN_CHARS {
                problems.push(format!(
                    "{what}: the token has {} characters; use at least {MIN_TOKEN_CHARS} (e.g. `openssl rand -hex 32`)",
                    t.chars().count()
                ));
            }
        };
        match read_secret(Some(&self.api.token_env), self.api.token_file.as_ref()) {
            Ok(Some(t)) => {
                short(
                    format!("api token (${} or api.token_file)", self.api.token_env),
                    &t,
                    &mut problems,
                );
                out.api = Some(t);
            }
            Ok(None) => {}
            Err(e) => problems.push(format!("api.token_file {e}")),
        }
        for (i, o) in self.console.operators.iter().enumerate() {
            let at = format!("console.operators[{i}] ({})", o.name);
            match read_secret(o.token_env.as_deref(), o.token_file.as_ref()) {
                Ok(Some(t)) => {
                    short(at.clone(), &t, &mut problems);
                    if out.api.as_deref() == Some(t.as_str())
                        || out.operators.iter().any(|(_, u)| *u == t)
                    {
                        problems.push(format!(
                            "{at}: the token is the same as another's; give every operator (and the API) a token of its own"
                        ));
                    }
                    out.operators.push((o.name.trim().to_string(), t));
                }
                Ok(None) => problems.push(format!(
                    "{at}: no token found ({}); set it or remove the operator",
                    match (&o.token_env, &o.token_file) {
                        (Some(v), _) => format!("${v} is not set"),
                        (_, Some(f)) => format!("{} is empty", f.display()),
                        _ => "no token_env or token_file".into(),
                    }
                )),
                Err(e) => problems.push(format!("{at}.token_file {e}")),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(ConfigError::Invalid(problems))
        }
    }
}
