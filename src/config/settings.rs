//! The settings structs, as read from TOML (`deny_unknown_fields`: a typo is an error, never a
//! silent default), and the secrets they point at (read on use, never logged).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use super::error::ConfigError;
use super::http::{ApiSetting, ConsoleSetting, PortalSetting};
use crate::domain::AudienceKind;
use crate::schema::SourceKind;

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
    pub warning: WarningSetting,
    #[serde(default)]
    pub mail: MailSetting,
    #[serde(default)]
    pub recipients: Vec<RecipientSetting>,
    #[serde(default)]
    pub api: ApiSetting,
    #[serde(default)]
    pub console: ConsoleSetting,
    #[serde(default)]
    pub portal: PortalSetting,
}

/// Where the daemon keeps its state.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateSetting {
    /// Folder for the SQLite store, source snapshots, the report archive and the mail outbox.
    pub dir: PathBuf,
    /// The daemon's socket for operator commands (default `<dir>/woonmonitor.sock`). Outside the
    /// private state folder (the package uses `/run/woonmonitor/woonmonitor.sock`) it is made
    /// mode 0660: members of the daemon's group then run operator commands through it.
    #[serde(default)]
    pub socket: Option<PathBuf>,
}

impl Default for StateSetting {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("state"),
            socket: None,
        }
    }
}

impl StateSetting {
    /// Where the daemon listens for operator commands.
    pub fn socket_path(&self) -> PathBuf {
        self.socket
            .clone()
            .unwrap_or_else(|| self.dir.join("woonmonitor.sock"))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleSetting {
    /// IANA time zone of the schedule, the run date and the generation time.
    pub timezone: chrono_tz::Tz,
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
    /// A scheduled run interrupted this many times in a row (the process stopped during it) is
    /// given up and the operator alerted, so a run that crashes the process cannot loop.
    #[serde(default = "default_max_interrupted")]
    pub max_interrupted_attempts: u32,
    /// Also make a quarter report (the quarter's three months) with the monthly run after a
    /// quarter ends (the runs in April, July, October and January), for the recipients that ask
    /// for `reports = ["quarter"]`.
    #[serde(default)]
    pub quarterly: bool,
    /// Also make the year report with the monthly run in January (for `reports = ["year"]`).
    #[serde(default)]
    pub annual: bool,
}

fn default_max_interrupted() -> u32 {
    3
}

impl Default for ScheduleSetting {
    fn default() -> Self {
        Self {
            timezone: chrono_tz::Europe::Amsterdam,
            pull: "0 0 6 * * *".into(),
            report_time: "07:00".into(),
            report_day: Some(1),
            report_working_day: None,
            run_timeout_secs: 900,
            max_interrupted_attempts: default_max_interrupted(),
            quarterly: false,
            annual: false,
        }
    }
}

/// The early warning: a scope whose chance of ending the year below its lower bound first
/// rises above `threshold` (from report month `from_month`) is mailed once that year to the
/// recipients with `reports = ["warning"]` for it; documents call such a scope "risico".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarningSetting {
    #[serde(default = "default_warning_threshold")]
    pub threshold: f64,
    #[serde(default = "default_warning_from_month")]
    pub from_month: u32,
}

fn default_warning_threshold() -> f64 {
    0.5
}

fn default_warning_from_month() -> u32 {
    4
}

impl Default for WarningSetting {
    fn default() -> Self {
        Self {
            threshold: default_warning_threshold(),
            from_month: default_warning_from_month(),
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
    /// Wait with the scheduled run until every deliveries feed covers the whole period…
    #[serde(default)]
    pub require_complete_feeds: bool,
    /// …but no longer than this many days after the report time; then the reports go out, with
    /// the late corporations marked "onvolledig".
    #[serde(default = "default_complete_deadline")]
    pub complete_feeds_deadline_days: u32,
    /// A delivery that raises a month already reported (or a year's reported months) by more
    /// than this many homes *and* more than `delivery_increase_percent` percent over the
    /// corporation's previous delivery is held for an operator's approval.
    #[serde(default = "default_increase_homes")]
    pub delivery_increase_homes: u32,
    #[serde(default = "default_increase_percent")]
    pub delivery_increase_percent: f64,
    /// …and so is a new month with more than this many times the corporation's average month
    /// of the twelve before it (and more than `delivery_increase_homes` above it).
    #[serde(default = "default_new_month_factor")]
    pub delivery_new_month_factor: f64,
}

fn default_increase_homes() -> u32 {
    10
}

fn default_increase_percent() -> f64 {
    25.0
}

fn default_new_month_factor() -> f64 {
    3.0
}

fn default_complete_deadline() -> u32 {
    10
}

impl Default for HoldSetting {
    fn default() -> Self {
        Self {
            max_rejected_share: 0.05,
            max_source_age_hours: 48,
            require_complete_feeds: false,
            complete_feeds_deadline_days: default_complete_deadline(),
            delivery_increase_homes: default_increase_homes(),
            delivery_increase_percent: default_increase_percent(),
            delivery_new_month_factor: default_new_month_factor(),
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
    /// No longer used: trouble with the mail server never fails a mail (it is retried with
    /// capped backoff); only a permanent refusal of one recipient does. Accepted so older
    /// configuration files keep loading.
    #[serde(default)]
    pub max_attempts: Option<u32>,
    /// The first wait before a retry; it doubles per attempt up to `retry_max_secs`.
    pub retry_base_secs: u64,
    /// The longest wait between two attempts.
    #[serde(default = "default_retry_max")]
    pub retry_max_secs: u64,
    /// Tell the operator (log, `/metrics`, mail when possible) once the outbox has been blocked
    /// this long.
    #[serde(default = "default_blocked_alert")]
    pub alert_blocked_after_minutes: u64,
    /// Attach each document's Excel annex (`.xlsx`) to its mail as a second attachment.
    #[serde(default)]
    pub attach_annex: bool,
}

fn default_retry_max() -> u64 {
    900
}
fn default_blocked_alert() -> u64 {
    60
}

impl Default for MailSetting {
    fn default() -> Self {
        Self {
            from: "Woonmonitor <woonmonitor@example.nl>".into(),
            operator: None,
            outbox_dir: PathBuf::from("state/outbox"),
            smtp: None,
            max_attempts: None,
            retry_base_secs: 30,
            retry_max_secs: default_retry_max(),
            alert_blocked_after_minutes: default_blocked_alert(),
            attach_annex: false,
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
    /// An extra certificate authority (PEM) to trust besides the system's, e.g. the
    /// organisation's internal CA that signed the relay's certificate.
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
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
    pub audience: AudienceKind,
    /// The municipality code or corporation code (not for `region`).
    #[serde(default)]
    pub code: Option<String>,
    pub email: String,
    /// What this address gets: `month`, `quarter`, `year` reports and the early `warning`
    /// (default: the monthly reports). A council's clerk, say, takes `["quarter", "year"]`.
    #[serde(default = "month_reports")]
    pub reports: Vec<crate::domain::Subscription>,
}

impl RecipientSetting {
    /// Whether this address gets `audience`'s document of a `span` report.
    pub fn gets(&self, audience: &crate::domain::Audience, span: crate::domain::Span) -> bool {
        self.audience == audience.kind()
            && self.reports.contains(&span.into())
            && self
                .code
                .as_deref()
                .unwrap_or("")
                .eq_ignore_ascii_case(audience.code())
    }

    /// The documents this address is for, as an audience.
    pub fn as_audience(&self) -> crate::domain::Audience {
        use crate::domain::Audience;
        let code = self.code.clone().unwrap_or_default();
        match self.audience {
            AudienceKind::Municipality => Audience::Municipality(code),
            AudienceKind::Region => Audience::Region,
            AudienceKind::Corporation => Audience::Corporation(code),
        }
    }
}

fn month_reports() -> Vec<crate::domain::Subscription> {
    vec![crate::domain::Subscription::Month]
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
    /// Dates before this day are rejected as typing mistakes (1926 for 2026).
    #[serde(default = "default_earliest_date")]
    pub earliest_date: chrono::NaiveDate,
}

fn default_earliest_date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date")
}

impl Default for ReferenceSetting {
    fn default() -> Self {
        Self {
            origins: default_origins(),
            housing_forms: Vec::new(),
            earliest_date: default_earliest_date(),
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
    /// Unsuppressed figures and rejected rows of `woonmonitor report`: internal, readable by the
    /// service user only (the daemon keeps them in its archive under the state folder).
    #[serde(default = "default_internal_dir")]
    pub internal_dir: PathBuf,
    /// Source snapshots and internal figures are deleted this many days after they were made;
    /// published reports are kept.
    #[serde(default = "default_retention_days")]
    pub retention_days: u32,
}

fn default_internal_dir() -> PathBuf {
    PathBuf::from("state/internal")
}

fn default_retention_days() -> u32 {
    400
}

impl Default for Privacy {
    fn default() -> Self {
        Self {
            threshold: 5,
            internal_dir: default_internal_dir(),
            retention_days: default_retention_days(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    pub applications: Feeds,
    pub deliveries: Feeds,
    #[serde(default)]
    pub commitments: Option<Feeds>,
}

/// The feeds of one source kind: one table (`[sources.deliveries]`, the simple case) or a list
/// (`[[sources.deliveries]]`, e.g. one feed per corporation).
#[derive(Debug, Clone, Default)]
pub struct Feeds(pub Vec<SourceSetting>);

impl<'de> Deserialize<'de> for Feeds {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Feeds;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a source table, or a list of feed tables")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Feeds, A::Error> {
                let one =
                    SourceSetting::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Feeds(vec![one]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Feeds, A::Error> {
                let many = Vec::<SourceSetting>::deserialize(
                    serde::de::value::SeqAccessDeserializer::new(seq),
                )?;
                Ok(Feeds(many))
            }
        }
        d.deserialize_any(V)
    }
}

/// When a feed's data ends (see docs/DATA.md, "Completeness").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CoversUntil {
    /// A declared date.
    Date(chrono::NaiveDate),
    /// The day before the feed's current content was first fetched (an export made on the 1st
    /// covers up to the last day of the month before). The default.
    #[default]
    Export,
    /// The latest date in the feed's rows.
    Latest,
}

impl<'de> Deserialize<'de> for CoversUntil {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.trim().to_ascii_lowercase().as_str() {
            "export" => return Ok(CoversUntil::Export),
            "latest" => return Ok(CoversUntil::Latest),
            _ => {}
        }
        s.trim().parse().map(CoversUntil::Date).map_err(|_| {
            serde::de::Error::custom(format!(
                "covers_until {s:?} must be a date YYYY-MM-DD, \"export\" or \"latest\""
            ))
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSetting {
    /// The feed's name (lower case, digits and `-`): in snapshots, rejected-row files, the run
    /// history and metrics. Required when a kind has several feeds; else the kind's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The configured corporation this feed belongs to (deliveries, commitments): its rows need
    /// no corporation column, and a row that names another corporation is rejected.
    #[serde(default)]
    pub corporation: Option<String>,
    /// When the feed's data ends: a date, `"export"` (the day before its content was first
    /// fetched; the default) or `"latest"` (the latest date in its rows).
    #[serde(default)]
    pub covers_until: Option<CoversUntil>,
    /// A local `.csv` or `.xlsx` file (relative paths are relative to the working directory);
    /// with `url`, only its extension matters (it tells CSV from xlsx).
    #[serde(default)]
    pub path: PathBuf,
    /// Delivered by the organisation's people in the portal (`/portaal/`) instead of a `path`
    /// or `url`: each confirmed upload is the feed's new snapshot.
    #[serde(default)]
    pub portal: bool,
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
    /// HTTPS: an extra certificate authority (PEM) to trust besides the system's.
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    /// HTTPS: a client certificate (PEM) for endpoints that require one, with `client_key`.
    #[serde(default)]
    pub client_cert: Option<PathBuf>,
    /// The private key (PEM) of `client_cert`.
    #[serde(default)]
    pub client_key: Option<PathBuf>,
    /// HTTP: send `Authorization: Bearer <token>`, the token from this environment variable…
    #[serde(default)]
    pub token_env: Option<String>,
    /// …or from this file (never in the URL).
    #[serde(default)]
    pub token_file: Option<PathBuf>,
    /// HTTP basic authentication: the user name, with `password_env` or `password_file`.
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password_env: Option<String>,
    #[serde(default)]
    pub password_file: Option<PathBuf>,
    /// The largest file (or HTTP body) accepted, in bytes; checked while reading. Default
    /// 256 MiB.
    #[serde(default)]
    pub max_bytes: Option<u64>,
}

/// The default `max_bytes` of a source.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

impl SourceSetting {
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes.unwrap_or(DEFAULT_MAX_BYTES)
    }
}

impl Sources {
    /// The feeds of a kind (`None`: optional commitments not configured).
    pub fn of(&self, kind: SourceKind) -> Option<&Feeds> {
        match kind {
            SourceKind::Applications => Some(&self.applications),
            SourceKind::Deliveries => Some(&self.deliveries),
            SourceKind::Commitments => self.commitments.as_ref(),
        }
    }
}

/// A configured feed with its kind and its name resolved.
#[derive(Debug, Clone)]
pub struct Feed {
    pub name: String,
    pub kind: SourceKind,
    pub setting: SourceSetting,
}

impl Settings {
    /// Every configured feed: applications, deliveries, commitments, in configuration order.
    pub fn feeds(&self) -> Vec<Feed> {
        SourceKind::ALL
            .into_iter()
            .filter_map(|kind| self.sources.of(kind).map(|f| (kind, f)))
            .flat_map(|(kind, feeds)| {
                let several = feeds.0.len() > 1;
                feeds.0.iter().enumerate().map(move |(i, s)| Feed {
                    name: s.name.clone().unwrap_or_else(|| {
                        if several {
                            format!("{kind}-{}", i + 1)
                        } else {
                            kind.as_str().to_string()
                        }
                    }),
                    kind,
                    setting: s.clone(),
                })
            })
            .collect()
    }
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
        Schedule::new(s.timezone, &s.pull, day, &s.report_time)
    }

    /// The time zone of the schedule, the run date and the generation time.
    pub fn time_zone(&self) -> chrono_tz::Tz {
        self.schedule.timezone
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
}
