//! Settings: typed configuration loaded with the `config` crate from TOML and the environment.
//!
//! Layers, later ones win: `config/default.toml` (from the working directory, or the copy built
//! into the binary when that file is absent) and an optional `config/local.toml`, *or* the single
//! file given with `--config`; then environment variables `WOONMONITOR__SECTION__KEY`.
//! Unknown keys are an error (`deny_unknown_fields`). [`Settings::validate`] turns the raw values
//! into checked reference data ([`Reference`]) and reports every problem at once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::MunicipalityCode;

/// The default configuration, compiled in so the binary runs from any directory.
pub const EMBEDDED_DEFAULT: &str = include_str!("../../config/default.toml");

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read configuration: {0}\n  what to do: check the file name and the TOML syntax at the position given")]
    Load(#[from] config::ConfigError),
    #[error("configuration file {0} does not exist\n  what to do: pass an existing file with --config, or omit --config to use config/default.toml")]
    Missing(PathBuf),
    #[error("configuration is invalid:\n{}", .0.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<String>),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub organisation: Organisation,
    pub region: Region,
    pub municipalities: Vec<MunicipalitySetting>,
    #[serde(default)]
    pub corporations: Vec<CorporationSetting>,
    #[serde(default)]
    pub reference: ReferenceSetting,
    pub output: Output,
    #[serde(default)]
    pub privacy: Privacy,
    pub sources: Sources,
    #[serde(default)]
    pub state: StateSetting,
    #[serde(default)]
    pub schedule: ScheduleSetting,
    #[serde(default)]
    pub hold: HoldSetting,
    #[serde(default)]
    pub mail: MailSetting,
    #[serde(default)]
    pub recipients: Vec<RecipientSetting>,
    #[serde(default)]
    pub api: ApiSetting,
}

/// Where the daemon keeps its state.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateSetting {
    /// Folder for the SQLite store, source snapshots, the report archive and the mail outbox.
    pub dir: PathBuf,
}

impl Default for StateSetting {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("state"),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleSetting {
    pub timezone: String,
    /// Cron expression with seconds for pulling the sources, local time.
    pub pull: String,
    /// Time of day (HH:MM, local) of the monthly reports for the previous month.
    pub report_time: String,
    /// Calendar day of the month (1–28) for the monthly reports…
    pub report_day: Option<u32>,
    /// …or the n-th working day (Mon–Fri, no Dutch public holiday) instead.
    pub report_working_day: Option<u32>,
    /// A run taking longer is stopped and recorded as failed.
    pub run_timeout_secs: u64,
}

impl Default for ScheduleSetting {
    fn default() -> Self {
        Self {
            timezone: "Europe/Amsterdam".into(),
            pull: "0 0 6 * * *".into(),
            report_time: "07:00".into(),
            report_day: Some(1),
            report_working_day: None,
            run_timeout_secs: 900,
        }
    }
}

/// When reports are generated but not sent until an operator releases them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoldSetting {
    /// Hold when more than this share of the rows read was rejected.
    pub max_rejected_share: f64,
    /// Hold when a source's snapshot was last confirmed longer ago than this.
    pub max_source_age_hours: u64,
}

impl Default for HoldSetting {
    fn default() -> Self {
        Self {
            max_rejected_share: 0.05,
            max_source_age_hours: 48,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSetting {
    pub from: String,
    /// Operators alerted about failed deliveries and held runs.
    #[serde(default)]
    pub operator: Option<String>,
    /// Without `[mail.smtp]`, messages are written here as .eml files.
    pub outbox_dir: PathBuf,
    #[serde(default)]
    pub smtp: Option<SmtpSetting>,
    pub max_attempts: u32,
    pub retry_base_secs: u64,
}

impl Default for MailSetting {
    fn default() -> Self {
        Self {
            from: "Woonmonitor <woonmonitor@example.nl>".into(),
            operator: None,
            outbox_dir: PathBuf::from("state/outbox"),
            smtp: None,
            max_attempts: 8,
            retry_base_secs: 30,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSetting {
    pub host: String,
    pub port: u16,
    /// `starttls` (default), `tls`, or `none` (only allowed for a relay on loopback).
    #[serde(default = "default_tls")]
    pub tls: String,
    #[serde(default)]
    pub username: Option<String>,
    /// Name of the environment variable holding the password.
    #[serde(default)]
    pub password_env: Option<String>,
    /// File holding the password (e.g. a systemd credential).
    #[serde(default)]
    pub password_file: Option<PathBuf>,
    #[serde(default = "default_smtp_timeout")]
    pub timeout_secs: u64,
}

fn default_tls() -> String {
    "starttls".into()
}
fn default_smtp_timeout() -> u64 {
    30
}

/// Who receives which report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientSetting {
    /// `municipality`, `region` or `corporation`.
    pub audience: String,
    /// The municipality code or corporation code (not for `region`).
    #[serde(default)]
    pub code: Option<String>,
    pub email: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiSetting {
    pub enabled: bool,
    pub bind: String,
    /// Environment variable holding the bearer token.
    pub token_env: String,
    #[serde(default)]
    pub token_file: Option<PathBuf>,
}

impl Default for ApiSetting {
    fn default() -> Self {
        Self {
            enabled: true,
            bind: "127.0.0.1:8480".into(),
            token_env: "WOONMONITOR_API_TOKEN".into(),
            token_file: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Shown as author of the reports and in the source line.
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Short identifier used in file names and exports, e.g. `U16`.
    pub code: String,
    /// Display name, e.g. `Regio U16`.
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MunicipalitySetting {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorporationSetting {
    /// The identifier used in exports and file names; data values are matched against the code,
    /// the name and the aliases, ignoring case and surrounding spaces.
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceSetting {
    /// Known origins of applications (besides these, any value is accepted with a warning).
    #[serde(default = "default_origins")]
    pub origins: Vec<String>,
    /// Known housing forms.
    #[serde(default)]
    pub housing_forms: Vec<String>,
}

impl Default for ReferenceSetting {
    fn default() -> Self {
        Self {
            origins: default_origins(),
            housing_forms: Vec::new(),
        }
    }
}

fn default_origins() -> Vec<String> {
    vec!["MO".into(), "BW".into()]
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    pub dir: PathBuf,
    /// Folder with the report wording (`nl.toml`, `uitleg.md.j2`); the built-in copy is used
    /// when the folder has no such files.
    #[serde(default = "default_templates")]
    pub templates: PathBuf,
}

fn default_templates() -> PathBuf {
    PathBuf::from("templates")
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Privacy {
    /// Counts from 1 to `threshold - 1` are suppressed in published documents.
    pub threshold: u32,
}

impl Default for Privacy {
    fn default() -> Self {
        Self { threshold: 5 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    pub applications: SourceSetting,
    pub deliveries: SourceSetting,
    #[serde(default)]
    pub commitments: Option<SourceSetting>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSetting {
    /// A local `.csv` or `.xlsx` file (relative paths are relative to the working directory);
    /// with `url`, only its extension matters (it tells CSV from xlsx).
    pub path: PathBuf,
    /// Fetch the source over HTTP(S) instead of reading `path`.
    #[serde(default)]
    pub url: Option<String>,
    /// Canonical column name → header in the file (matched ignoring case and spaces).
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Canonical column name → list of `[label in the file, canonical value]` pairs.
    #[serde(default)]
    pub values: BTreeMap<String, Vec<(String, String)>>,
    /// Worksheet to read from an `.xlsx` file (default: the first).
    #[serde(default)]
    pub sheet: Option<String>,
}

/// The address part of `Name <address>` (or the whole string).
pub fn mail_address(s: &str) -> &str {
    match (s.find('<'), s.rfind('>')) {
        (Some(a), Some(b)) if a < b => &s[a + 1..b],
        _ => s.trim(),
    }
}

impl Settings {
    /// The schedule rules, checked.
    pub fn schedule(&self) -> Result<crate::schedule::Schedule, crate::schedule::ScheduleError> {
        use crate::schedule::{ReportDay, Schedule, ScheduleError};
        let s = &self.schedule;
        let day = match (s.report_day, s.report_working_day) {
            (_, Some(n)) => ReportDay::WorkingDay(n),
            (Some(d), None) => ReportDay::DayOfMonth(d),
            (None, None) => {
                return Err(ScheduleError::Invalid(
                    "set schedule.report_day or schedule.report_working_day".into(),
                ))
            }
        };
        Schedule::new(&s.timezone, &s.pull, day, &s.report_time)
    }

    /// The SMTP password from the environment or a file; never logged.
    pub fn smtp_password(&self) -> Result<Option<String>, ConfigError> {
        let Some(smtp) = &self.mail.smtp else {
            return Ok(None);
        };
        if let Some(var) = &smtp.password_env {
            if let Ok(v) = std::env::var(var) {
                return Ok(Some(v));
            }
        }
        if let Some(file) = &smtp.password_file {
            return std::fs::read_to_string(file)
                .map(|s| Some(s.trim_end_matches(['\r', '\n']).to_string()))
                .map_err(|e| {
                    ConfigError::Invalid(vec![format!(
                        "mail.smtp.password_file {}: {e}",
                        file.display()
                    )])
                });
        }
        Ok(None)
    }

    /// The API bearer token from the environment or a file.
    pub fn api_token(&self) -> Option<String> {
        if let Ok(v) = std::env::var(&self.api.token_env) {
            if !v.trim().is_empty() {
                return Some(v.trim().to_string());
            }
        }
        self.api
            .token_file
            .as_ref()
            .and_then(|f| std::fs::read_to_string(f).ok())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }
}

/// Checked reference data derived from [`Settings`].
#[derive(Debug, Clone)]
pub struct Reference {
    pub municipalities: Vec<(MunicipalityCode, String)>,
    pub corporations: Vec<CorporationSetting>,
    pub origins: Vec<String>,
    pub housing_forms: Vec<String>,
    /// Lookup indexes (a national dataset checks millions of rows against hundreds of entries).
    municipality_index: std::collections::HashSet<MunicipalityCode>,
    /// Position in `municipalities` by the number of the code (`GM0344` → 344).
    municipality_by_number: Vec<Option<u32>>,
    corporation_index: std::collections::HashMap<String, usize>,
}

/// What a municipality code cell refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum MunicipalityLookup {
    /// Position in [`Reference::municipalities`].
    Index(usize),
    /// A well-formed code of a municipality outside the region.
    NotInRegion(MunicipalityCode),
    /// Not a code (`GM` and four digits).
    Invalid,
}

impl Reference {
    pub fn new(
        municipalities: Vec<(MunicipalityCode, String)>,
        corporations: Vec<CorporationSetting>,
        origins: Vec<String>,
        housing_forms: Vec<String>,
    ) -> Self {
        let municipality_index = municipalities.iter().map(|(c, _)| c.clone()).collect();
        let mut municipality_by_number = vec![None; 10_000];
        for (i, (c, _)) in municipalities.iter().enumerate() {
            if let Ok(n) = c.as_str()[2..].parse::<usize>() {
                municipality_by_number[n] = Some(i as u32);
            }
        }
        let mut corporation_index = std::collections::HashMap::new();
        for (i, c) in corporations.iter().enumerate() {
            // The code wins over another corporation's name or alias.
            for key in c.aliases.iter().chain([&c.name]).chain([&c.code]) {
                corporation_index.insert(key.trim().to_lowercase(), i);
            }
        }
        for (i, c) in corporations.iter().enumerate() {
            corporation_index.insert(c.code.trim().to_lowercase(), i);
        }
        Self {
            municipalities,
            corporations,
            origins,
            housing_forms,
            municipality_index,
            municipality_by_number,
            corporation_index,
        }
    }

    /// Looks a (trimmed) code cell up without allocating; `gm0344` is `GM0344`.
    pub fn municipality_lookup(&self, raw: &str) -> MunicipalityLookup {
        let b = raw.as_bytes();
        if b.len() != 6
            || !b[..2].eq_ignore_ascii_case(b"GM")
            || !b[2..].iter().all(u8::is_ascii_digit)
        {
            return MunicipalityLookup::Invalid;
        }
        let n = b[2..]
            .iter()
            .fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
        match self.municipality_by_number[n] {
            Some(i) => MunicipalityLookup::Index(i as usize),
            None => match MunicipalityCode::parse(raw) {
                Ok(code) => MunicipalityLookup::NotInRegion(code),
                Err(_) => MunicipalityLookup::Invalid,
            },
        }
    }

    /// Position in [`Reference::corporations`] of the corporation a data value refers to.
    pub fn corporation_position(&self, value: &str) -> Option<usize> {
        let v = value.trim();
        if v.bytes().any(|b| b.is_ascii_uppercase()) || !v.is_ascii() {
            self.corporation_index.get(&v.to_lowercase()).copied()
        } else {
            self.corporation_index.get(v).copied()
        }
    }

    pub fn municipality_name(&self, code: &MunicipalityCode) -> Option<&str> {
        self.municipalities
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| n.as_str())
    }
    pub fn contains_municipality(&self, code: &MunicipalityCode) -> bool {
        self.municipality_index.contains(code)
    }
    /// The configured corporation a data value refers to (by code, name or alias, ignoring case).
    pub fn corporation(&self, value: &str) -> Option<&CorporationSetting> {
        self.corporation_position(value)
            .map(|i| &self.corporations[i])
    }
    pub fn corporation_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.corporations
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.name.as_str())
            .unwrap_or(code)
    }
}

/// Where settings come from.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// A complete configuration file replacing `config/default.toml` + `config/local.toml`.
    pub file: Option<PathBuf>,
    /// Environment variables to use instead of the process environment (tests).
    pub env: Option<BTreeMap<String, String>>,
}

impl Settings {
    /// Loads and checks the settings; every problem is reported, not just the first.
    pub fn load(opts: &LoadOptions) -> Result<(Settings, Reference), ConfigError> {
        use config::{Config, Environment, File, FileFormat};
        let mut builder = Config::builder();
        match &opts.file {
            Some(path) => {
                if !path.exists() {
                    return Err(ConfigError::Missing(path.clone()));
                }
                builder = builder.add_source(File::from(path.as_path()).format(FileFormat::Toml));
            }
            None => {
                let default = Path::new("config/default.toml");
                builder = if default.exists() {
                    builder.add_source(File::from(default).format(FileFormat::Toml))
                } else {
                    builder.add_source(File::from_str(EMBEDDED_DEFAULT, FileFormat::Toml))
                };
                builder = builder.add_source(
                    File::from(Path::new("config/local.toml"))
                        .format(FileFormat::Toml)
                        .required(false),
                );
            }
        }
        let mut env = Environment::with_prefix("WOONMONITOR")
            .prefix_separator("__")
            .separator("__")
            .try_parsing(true);
        if let Some(vars) = &opts.env {
            env = env.source(Some(vars.clone().into_iter().collect()));
        }
        let settings: Settings = builder.add_source(env).build()?.try_deserialize()?;
        let reference = settings.validate()?;
        Ok((settings, reference))
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
            if c.code.trim().is_empty() || c.code.trim() != c.code {
                problems.push(format!(
                    "corporations[{i}]: code {:?} must be non-empty without surrounding spaces",
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
        if self.privacy.threshold < 1 {
            problems.push("privacy.threshold: must be at least 1 (1 disables suppression)".into());
        }
        if self.region.code.trim().is_empty() {
            problems.push("region.code: must not be empty".into());
        }
        let mut check_source = |name: &str, s: &SourceSetting, allowed: &[&str]| {
            if s.path.as_os_str().is_empty() {
                problems.push(format!(
                    "sources.{name}.path: must name a .csv or .xlsx file"
                ));
            }
            for key in s.columns.keys().chain(s.values.keys()) {
                if !allowed.contains(&key.as_str()) {
                    problems.push(format!(
                        "sources.{name}: {key:?} is not a column of this source; expected one of {}",
                        allowed.join(", ")
                    ));
                }
            }
        };
        check_source(
            "applications",
            &self.sources.applications,
            crate::ingest::APPLICATION_COLUMNS,
        );
        check_source(
            "deliveries",
            &self.sources.deliveries,
            crate::ingest::DELIVERY_COLUMNS,
        );
        if let Some(c) = &self.sources.commitments {
            check_source("commitments", c, crate::ingest::COMMITMENT_COLUMNS);
        }
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
            match (r.audience.as_str(), &r.code) {
                ("region", None) => {}
                ("municipality", Some(c)) if codes.contains(&c.to_uppercase()) => {}
                ("municipality", c) => problems.push(format!(
                    "recipients[{i}]: municipality code {c:?} is not a configured municipality"
                )),
                ("corporation", Some(c)) if self.corporations.iter().any(|k| &k.code == c) => {}
                ("corporation", c) => problems.push(format!(
                    "recipients[{i}]: corporation code {c:?} is not a configured corporation"
                )),
                ("region", Some(_)) => {
                    problems.push(format!("recipients[{i}]: a region recipient has no code"))
                }
                (a, _) => problems.push(format!(
                    "recipients[{i}].audience: {a:?} must be municipality, region or corporation"
                )),
            }
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
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_with_env(vars: &[(&str, &str)]) -> Result<(Settings, Reference), ConfigError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, EMBEDDED_DEFAULT).unwrap();
        Settings::load(&LoadOptions {
            file: Some(path),
            env: Some(
                vars.iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            ),
        })
    }

    #[test]
    fn embedded_default_is_valid() {
        let (s, r) = load_with_env(&[]).unwrap();
        assert_eq!(r.municipalities.len(), 16);
        assert_eq!(s.privacy.threshold, 5);
        assert_eq!(
            r.municipality_name(&MunicipalityCode::parse("GM0344").unwrap()),
            Some("Utrecht")
        );
    }

    #[test]
    fn environment_overrides_nested_keys() {
        let (s, _) = load_with_env(&[
            ("WOONMONITOR__PRIVACY__THRESHOLD", "3"),
            ("WOONMONITOR__OUTPUT__DIR", "/tmp/elders"),
        ])
        .unwrap();
        assert_eq!(s.privacy.threshold, 3);
        assert_eq!(s.output.dir, PathBuf::from("/tmp/elders"));
    }

    #[test]
    fn unknown_key_is_an_error() {
        let err = load_with_env(&[("WOONMONITOR__OUTPUT__DIRR", "x")]).unwrap_err();
        assert!(err.to_string().contains("dirr"), "{err}");
    }

    #[test]
    fn plain_smtp_is_only_allowed_on_loopback() {
        let with_smtp = |host: &str, tls: &str| {
            load_with_env(&[
                ("WOONMONITOR__MAIL__SMTP__HOST", host),
                ("WOONMONITOR__MAIL__SMTP__PORT", "25"),
                ("WOONMONITOR__MAIL__SMTP__TLS", tls),
            ])
        };
        assert!(with_smtp("127.0.0.1", "none").is_ok());
        assert!(with_smtp("localhost", "none").is_ok());
        let err = with_smtp("smtp.example.nl", "none").unwrap_err();
        assert!(
            err.to_string()
                .contains("only allowed for a relay on loopback"),
            "{err}"
        );
        assert!(with_smtp("smtp.example.nl", "starttls").is_ok());
        assert!(with_smtp("smtp.example.nl", "ssl3").is_err());
    }

    #[test]
    fn recipients_must_name_configured_audiences() {
        let err = load_with_env(&[("WOONMONITOR__API__BIND", "127.0.0.1:1")]).map(|_| ());
        assert!(err.is_ok());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(
            &path,
            format!("{EMBEDDED_DEFAULT}\n[[recipients]]\naudience = \"municipality\"\ncode = \"GM9999\"\nemail = \"x@example.nl\"\n[[recipients]]\naudience = \"region\"\nemail = \"not-an-address\"\n"),
        )
        .unwrap();
        let err = Settings::load(&LoadOptions {
            file: Some(path),
            env: Some(BTreeMap::new()),
        })
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("GM9999") && err.contains("not-an-address"),
            "{err}"
        );
    }

    #[test]
    fn invalid_municipality_code_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(
            &path,
            EMBEDDED_DEFAULT.replace("code = \"GM0344\"", "code = \"GM344\""),
        )
        .unwrap();
        let err = Settings::load(&LoadOptions {
            file: Some(path),
            env: Some(BTreeMap::new()),
        })
        .unwrap_err();
        assert!(err.to_string().contains("GM344"), "{err}");
    }
}
