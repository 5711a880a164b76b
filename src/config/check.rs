//! Checking the values TOML types cannot express; every problem is reported at once.

use std::collections::BTreeSet;

use super::error::ConfigError;
use super::reference::Reference;
use super::settings::{mail_address, Settings};
use crate::domain::{AudienceKind, MunicipalityCode};
use crate::schema::SourceKind;

/// A feed's URL: http or https; credentials (a token, a password or a user in the URL) only
/// over TLS, or over plain HTTP to loopback (as for the mail relay).
fn check_feed_url(at: &str, url: &str, auth: bool, problems: &mut Vec<String>) {
    let Ok(u) = url::Url::parse(url) else {
        problems.push(format!("{at}.url: not a URL"));
        return;
    };
    let creds = auth || !u.username().is_empty() || u.password().is_some();
    match u.scheme() {
        "https" => {}
        "http" if !creds => {}
        "http" => {
            let loopback = match u.host() {
                Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                None => false,
            };
            if !loopback {
                problems.push(format!(
                    "{at}.url: credentials over plain http:// to {} would travel readable; use https:// (plain http with credentials is only allowed on loopback)",
                    u.host_str().unwrap_or("?")
                ));
            }
        }
        other => problems.push(format!(
            "{at}.url: scheme {other:?}; use https:// (or http://)"
        )),
    }
}

impl Settings {
    /// The feeds: names well-formed and unique, a corporation only where it means something
    /// and only a configured one, columns that exist.
    fn check_feeds(&self, problems: &mut Vec<String>) {
        let mut names = BTreeSet::new();
        for kind in SourceKind::ALL {
            let Some(feeds) = self.sources.of(kind) else {
                continue;
            };
            if feeds.0.is_empty() {
                problems.push(format!("sources.{kind}: at least one feed is needed"));
            }
            let several = feeds.0.len() > 1;
            for (i, s) in feeds.0.iter().enumerate() {
                let at = if several {
                    format!("sources.{kind}[{i}]")
                } else {
                    format!("sources.{kind}")
                };
                let allowed = kind.column_names();
                if s.portal {
                    if !s.path.as_os_str().is_empty() || s.url.is_some() {
                        problems.push(format!(
                            "{at}: a portal feed is uploaded in the portal; remove its path and url"
                        ));
                    }
                    match kind {
                        SourceKind::Commitments => problems.push(format!(
                            "{at}.portal: commitments are not uploaded in the portal; keep the commitments file"
                        )),
                        SourceKind::Deliveries if s.corporation.is_none() => problems.push(format!(
                            "{at}.portal: a deliveries feed in the portal belongs to one corporation; set its corporation"
                        )),
                        _ => {}
                    }
                    if !self.portal.enabled {
                        problems.push(format!(
                            "{at}.portal needs [portal] enabled = true: without the portal nobody can deliver it"
                        ));
                    }
                } else if s.path.as_os_str().is_empty() {
                    problems.push(format!("{at}.path: must name a .csv or .xlsx file"));
                }
                for key in s.columns.keys().chain(s.values.keys()) {
                    if !allowed.contains(&key.as_str()) {
                        problems.push(format!(
                            "{at}: {key:?} is not a column of this source; expected one of {}",
                            allowed.join(", ")
                        ));
                    }
                }
                match &s.name {
                    None if several => problems.push(format!(
                        "{at}.name: give each feed a name when there are several (e.g. the corporation's, \"mitros\")"
                    )),
                    None => {}
                    Some(n) => {
                        let ok = !n.is_empty()
                            && n.len() <= 40
                            && n.bytes()
                                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                        if !ok {
                            problems.push(format!(
                                "{at}.name {n:?}: use lower-case letters, digits and '-' (at most 40)"
                            ));
                        }
                    }
                }
                let name = s.name.clone().unwrap_or_else(|| kind.as_str().to_string());
                if !names.insert(name.clone()) {
                    problems.push(format!(
                        "{at}.name {name:?}: another feed has this name; feed names are unique"
                    ));
                }
                if let Some(c) = &s.corporation {
                    if kind == SourceKind::Applications {
                        problems.push(format!(
                            "{at}.corporation: only deliveries and commitments feeds belong to a corporation"
                        ));
                    } else if !self
                        .corporations
                        .iter()
                        .any(|k| k.code.eq_ignore_ascii_case(c.trim()))
                    {
                        problems.push(format!(
                            "{at}.corporation {c:?} is not a configured corporation (use its code)"
                        ));
                    }
                }
                let auth_parts = [
                    s.token_env.is_some() || s.token_file.is_some(),
                    s.username.is_some(),
                ];
                if auth_parts.iter().all(|p| *p) {
                    problems.push(format!(
                        "{at}: choose one way to sign in: a token (token_env/token_file) or a user name with a password"
                    ));
                }
                if s.username.is_some() && s.password_env.is_none() && s.password_file.is_none() {
                    problems.push(format!(
                        "{at}.username: give the password with password_env or password_file"
                    ));
                }
                if let Some(url) = &s.url {
                    check_feed_url(&at, url, auth_parts[0] || auth_parts[1], problems);
                }
                if s.max_bytes == Some(0) {
                    problems.push(format!("{at}.max_bytes: must be more than 0"));
                }
            }
        }
    }

    /// Checks values that TOML types cannot express; returns the reference data.
    pub fn validate(&self) -> Result<Reference, ConfigError> {
        let mut problems = Vec::new();
        let mut municipalities = Vec::new();
        let mut seen = BTreeSet::new();
        if self.municipalities.is_empty() {
            problems.push("municipalities: at least one municipality is needed".to_string());
        }
        for (i, m) in self.municipalities.iter().enumerate() {
            match MunicipalityCode::parse(&m.code) {
                Ok(code) => {
                    if !seen.insert(code.clone()) {
                        problems.push(format!("municipalities[{i}]: code {code} appears twice"));
                    }
                    municipalities.push((code, m.name.trim().to_string()));
                }
                Err(e) => problems.push(format!("municipalities[{i}] ({}): {e}", m.name)),
            }
            if m.name.trim().is_empty() {
                problems.push(format!("municipalities[{i}]: name is empty"));
            }
        }
        let mut codes = BTreeSet::new();
        for (i, c) in self.corporations.iter().enumerate() {
            if crate::domain::CorporationCode::parse(&c.code).is_err() {
                problems.push(format!(
                    "corporations[{i}]: code {:?} must be non-empty without surrounding spaces or control characters",
                    c.code
                ));
            }
            if !codes.insert(c.code.to_lowercase()) {
                problems.push(format!(
                    "corporations[{i}]: code {:?} appears twice",
                    c.code
                ));
            }
        }
        // Names are printed in the documents, mails and pages: no control characters (a line
        // break or an escape in a name would break a line, a header or a cell).
        let mut names: Vec<(String, &str)> = vec![
            ("organisation.name".into(), self.organisation.name.as_str()),
            ("region.name".into(), self.region.name.as_str()),
        ];
        for (i, m) in self.municipalities.iter().enumerate() {
            names.push((format!("municipalities[{i}].name"), m.name.as_str()));
        }
        for (i, c) in self.corporations.iter().enumerate() {
            names.push((format!("corporations[{i}].name"), c.name.as_str()));
            for a in &c.aliases {
                names.push((format!("corporations[{i}].aliases"), a.as_str()));
            }
        }
        for (what, name) in names {
            use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
            let bad = |c: char| c.is_control() || c.general_category() == GeneralCategory::Format;
            if name.chars().any(bad) {
                problems.push(format!(
                    "{what}: {name:?} contains a control character\n  what to do: remove it (a name is printed in the documents)"
                ));
            }
        }
        let reserved = |v: &str| v.trim().eq_ignore_ascii_case(crate::schema::OTHER);
        for (what, values) in [
            (
                "corporations[].code",
                self.corporations
                    .iter()
                    .map(|c| c.code.clone())
                    .collect::<Vec<_>>(),
            ),
            ("reference.origins", self.reference.origins.clone()),
            (
                "reference.housing_forms",
                self.reference.housing_forms.clone(),
            ),
        ] {
            for v in values.iter().filter(|v| reserved(v)) {
                problems.push(format!(
                    "{what}: {v:?} is the name of the group of values outside the reference data; choose another"
                ));
            }
        }
        if self.privacy.threshold < 1 {
            problems.push("privacy.threshold: must be at least 1 (1 disables suppression)".into());
        }
        if self.region.code.trim().is_empty() {
            problems.push("region.code: must not be empty".into());
        }
        self.check_feeds(&mut problems);
        self.check_http(&mut problems);
        if let Err(e) = self.schedule() {
            problems.push(e.to_string());
        }
        if crate::domain::EmailAddress::parse(mail_address(&self.mail.from)).is_err() {
            problems.push(format!(
                "mail.from: {:?} is not an e-mail address",
                self.mail.from
            ));
        }
        if let Some(op) = &self.mail.operator {
            if crate::domain::EmailAddress::parse(op).is_err() {
                problems.push(format!("mail.operator: {op:?} is not an e-mail address"));
            }
        }
        if let Some(smtp) = &self.mail.smtp {
            match smtp.tls.as_str() {
                "starttls" | "tls" => {}
                "none" => {
                    let loopback = smtp.host == "localhost"
                        || smtp
                            .host
                            .parse::<std::net::IpAddr>()
                            .is_ok_and(|ip| ip.is_loopback());
                    if !loopback {
                        problems.push(format!(
                            "mail.smtp.tls = \"none\" is only allowed for a relay on loopback, not {:?}; use starttls or tls",
                            smtp.host
                        ));
                    }
                }
                other => problems.push(format!(
                    "mail.smtp.tls: {other:?} must be starttls, tls or none"
                )),
            }
        }
        let codes: BTreeSet<String> = municipalities.iter().map(|(c, _)| c.to_string()).collect();
        for (i, r) in self.recipients.iter().enumerate() {
            if crate::domain::EmailAddress::parse(&r.email).is_err() {
                problems.push(format!(
                    "recipients[{i}].email: {:?} is not an e-mail address",
                    r.email
                ));
            }
            match (r.audience, &r.code) {
                (AudienceKind::Region, None) => {}
                (AudienceKind::Municipality, Some(c)) if codes.contains(&c.to_uppercase()) => {}
                (AudienceKind::Municipality, c) => problems.push(format!(
                    "recipients[{i}]: municipality code {c:?} is not a configured municipality"
                )),
                (AudienceKind::Corporation, Some(c))
                    if self.corporations.iter().any(|k| &k.code == c) => {}
                (AudienceKind::Corporation, c) => problems.push(format!(
                    "recipients[{i}]: corporation code {c:?} is not a configured corporation"
                )),
                (AudienceKind::Region, Some(_)) => {
                    problems.push(format!("recipients[{i}]: a region recipient has no code"))
                }
            }
        }
        if self.mail.max_attempts.is_some() {
            tracing::warn!("mail.max_attempts is no longer used: trouble with the mail server never fails a mail; remove it from the configuration");
        }
        if self.schedule.max_interrupted_attempts == 0 {
            problems.push("schedule.max_interrupted_attempts: must be at least 1".into());
        }
        let mut slugs = std::collections::BTreeMap::new();
        for c in &self.corporations {
            let file = crate::domain::slug(&c.code);
            if let Some(other) = slugs.insert(file.clone(), c.code.clone()) {
                problems.push(format!(
                    "corporations: codes {other:?} and {:?} give the same file name ({file}); give one a distinct code",
                    c.code
                ));
            }
        }
        if !(0.0 < self.warning.threshold && self.warning.threshold < 1.0) {
            problems.push("warning.threshold: a chance between 0 and 1 (e.g. 0.5)".into());
        }
        if !(1..=11).contains(&self.warning.from_month) {
            problems.push("warning.from_month: a month 1 to 11".into());
        }
        if !(0.0..=1.0).contains(&self.hold.max_rejected_share) {
            problems.push("hold.max_rejected_share: must be between 0 and 1".into());
        }
        if !problems.is_empty() {
            return Err(ConfigError::Invalid(problems));
        }
        Ok(Reference::new(
            municipalities,
            self.corporations.clone(),
            self.reference
                .origins
                .iter()
                .map(|o| o.trim().to_uppercase())
                .collect(),
            self.reference.housing_forms.clone(),
        )
        .with_earliest_date(self.reference.earliest_date)
        .with_threshold(self.privacy.threshold as usize))
    }
}
