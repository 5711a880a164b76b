//! The settings of the daemon's HTTP edge (`[api]`: the listener and the machines' token;
//! `[console]`: the operators' pages, their named tokens and the trusted reverse proxies), their
//! checks, and the secrets they point at ([`HttpSecrets`], read on use, never logged).

use std::net::IpAddr;
use std::path::PathBuf;

use serde::Deserialize;

/// The shortest token accepted (for the API and every operator): long enough that guessing is
/// hopeless whatever the throttle lets through.
pub const MIN_TOKEN_CHARS: usize = 32;

/// The daemon's HTTP port: the API for machines (bearer token) and, on the same listener, the
/// operators' console.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiSetting {
    pub enabled: bool,
    pub bind: String,
    /// Environment variable holding the API's bearer token (for machines; at least 32
    /// characters).
    pub token_env: String,
    #[serde(default)]
    pub token_file: Option<PathBuf>,
    /// Open connections at most (idle, slow or busy); more wait in the kernel's queue until one
    /// closes. Separate from `max_requests`, so slow clients cannot take the requests' slots.
    #[serde(default = "default_max_connections")]
    pub max_connections: usize,
    /// Requests doing work at once (after their body has arrived).
    #[serde(default = "default_max_requests")]
    pub max_requests: usize,
    /// Seconds a client has to send a request's headers (also how long an idle connection
    /// stays open); 1 to 10.
    #[serde(default = "default_read_timeout")]
    pub header_timeout_secs: u64,
    /// Seconds a client has to send a request's body; 1 to 60.
    #[serde(default = "default_read_timeout")]
    pub body_timeout_secs: u64,
}

fn default_max_connections() -> usize {
    512
}

fn default_max_requests() -> usize {
    32
}

fn default_read_timeout() -> u64 {
    10
}

impl Default for ApiSetting {
    fn default() -> Self {
        Self {
            enabled: true,
            bind: "127.0.0.1:8480".into(),
            token_env: "WOONMONITOR_API_TOKEN".into(),
            token_file: None,
            max_connections: default_max_connections(),
            max_requests: default_max_requests(),
            header_timeout_secs: default_read_timeout(),
            body_timeout_secs: default_read_timeout(),
        }
    }
}

/// The operators' console: web pages served by the daemon next to the API (`/console/`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsoleSetting {
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The operators who sign in with a token of their own: each is named in the audit trail.
    #[serde(default)]
    pub operators: Vec<OperatorSetting>,
    /// Behind a reverse proxy with the municipality's single sign-on: the request header that
    /// carries the signed-in user (e.g. `X-Remote-User`). Honoured only from `trusted_proxies`.
    #[serde(default)]
    pub user_header: Option<String>,
    /// The reverse proxies (addresses or CIDR ranges, e.g. `127.0.0.1`, `10.1.2.0/24`) whose
    /// `user_header`, `X-Forwarded-For` and `X-Forwarded-Proto` are believed. Applies to the
    /// whole HTTP port (the API's client address too).
    #[serde(default)]
    pub trusted_proxies: Vec<String>,
    /// Mark the session cookie `Secure` (behind TLS). Without it, the cookie is still marked
    /// `Secure` when a trusted proxy says `X-Forwarded-Proto: https`.
    #[serde(default)]
    pub secure_cookies: bool,
    /// A session ends this many hours after sign-in…
    #[serde(default = "default_session_hours")]
    pub session_hours: u32,
    /// …or after this many minutes without a request.
    #[serde(default = "default_idle_minutes")]
    pub idle_minutes: u32,
    /// The address operators reach the console at (e.g. `https://woonmonitor.utrecht.nl`
    /// behind the municipality's proxy): a form is taken only from a page of this address
    /// (the Origin check). Without it, `http://` + `api.bind` (and `localhost` for a loopback
    /// address); it is needed when `api.bind` is not a loopback address.
    #[serde(default)]
    pub public_url: Option<String>,
}

/// The portal for outside organisations (`/portaal/`): the corporations' and the matching
/// organisation's people sign in with a link by mail, upload their exports, see their reports.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalSetting {
    /// Off unless set: the portal faces outside organisations.
    #[serde(default)]
    pub enabled: bool,
    /// The address people reach the portal at, for the sign-in links in mails (e.g.
    /// `https://woonmonitor.utrecht.nl`); `/portaal/…` is added.
    #[serde(default)]
    pub public_url: Option<String>,
    /// A sign-in link works once, for this many minutes.
    #[serde(default = "default_link_minutes")]
    pub link_minutes: u32,
    /// A portal session ends this many hours after sign-in…
    #[serde(default = "default_session_hours")]
    pub session_hours: u32,
    /// …or after this many minutes without a request.
    #[serde(default = "default_idle_minutes")]
    pub idle_minutes: u32,
    /// An upload that is not confirmed is deleted after this many hours.
    #[serde(default = "default_upload_hours")]
    pub upload_hours: u32,
    /// A virus scanner that gets each upload on its standard input before anything reads it
    /// (e.g. `"clamdscan --no-summary -"`, split at spaces); any exit but 0 refuses the upload.
    #[serde(default)]
    pub scan_command: Option<String>,
    /// Mark the portal's session cookie `Secure` (behind TLS; also when a trusted proxy says
    /// `X-Forwarded-Proto: https`).
    #[serde(default)]
    pub secure_cookies: bool,
    /// On this working day of a month (1 = the first; Mon–Fri, no Dutch public holiday), each
    /// organisation whose portal feeds do not yet cover the month just ended gets one reminder.
    #[serde(default)]
    pub remind_working_day: Option<u32>,
    /// Uploads one organisation may send at the same time (its own slots: another
    /// organisation's slow or stalled uploads never hold them).
    #[serde(default = "default_uploads_per_organisation")]
    pub uploads_per_organisation: usize,
    /// Received uploads checked (scanned and previewed) at the same time, for everyone.
    #[serde(default = "default_uploads_checked_at_once")]
    pub uploads_checked_at_once: usize,
    /// Sign-in links one client address may ask for per hour (besides three per address per
    /// link lifetime), and all clients together.
    #[serde(default = "default_links_per_client_per_hour")]
    pub links_per_client_per_hour: u32,
    /// No longer used: links are limited per client address and per account, never in all (a
    /// flood from many addresses kept every organisation out). Kept so that older
    /// configurations load.
    #[serde(default = "default_links_per_hour")]
    pub links_per_hour: u32,
    /// From this day of the year ("MM-DD") on, corporations can enter their commitments for
    /// the coming year; the year that has begun stays open until the municipality has approved
    /// a corporation's commitments for it.
    #[serde(default = "default_commitments_from")]
    pub commitments_from: MonthDay,
    /// A commitment is plausible up to this many times the municipality's applications of the
    /// year before (its derived upper bound)…
    #[serde(default = "default_commitments_max_factor")]
    pub commitments_max_factor: f64,
    /// …and never refused below this many homes a year (a municipality with few applications).
    #[serde(default = "default_commitments_max_floor")]
    pub commitments_max_floor: u32,
    /// An upload is at most this many bytes (and its feed's `max_bytes`): reading and checking
    /// one takes about six times its size in memory, and four are checked at once.
    #[serde(default = "default_max_upload_bytes")]
    pub max_upload_bytes: u64,
}

fn default_max_upload_bytes() -> u64 {
    8 * 1024 * 1024
}

fn default_commitments_max_factor() -> f64 {
    2.0
}

fn default_commitments_max_floor() -> u32 {
    20
}

/// A day of the year, `MM-DD` in the configuration (e.g. `"10-01"`, 1 October).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MonthDay {
    month: u32,
    day: u32,
}

impl MonthDay {
    /// `MM-DD`, a day that occurs every year (so not 29 February).
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || format!("{s:?} must be a day of the year MM-DD, e.g. \"10-01\" (not 02-29)");
        let (m, d) = s.trim().split_once('-').ok_or_else(bad)?;
        let (month, day): (u32, u32) =
            (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
        // 2025 is no leap year: every day valid in it occurs every year.
        chrono::NaiveDate::from_ymd_opt(2025, month, day).ok_or_else(bad)?;
        Ok(MonthDay { month, day })
    }

    /// Whether `date` is on or after this day in its year.
    pub fn reached(&self, date: chrono::NaiveDate) -> bool {
        use chrono::Datelike;
        (date.month(), date.day()) >= (self.month, self.day)
    }

    /// The day in `year`.
    pub fn in_year(&self, year: i32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(year, self.month, self.day)
            .expect("a day that occurs every year")
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        MonthDay::parse(&s).map_err(serde::de::Error::custom)
    }
}

fn default_commitments_from() -> MonthDay {
    MonthDay { month: 10, day: 1 }
}

fn default_uploads_per_organisation() -> usize {
    2
}

fn default_uploads_checked_at_once() -> usize {
    4
}

fn default_links_per_client_per_hour() -> u32 {
    10
}

fn default_links_per_hour() -> u32 {
    200
}

fn default_link_minutes() -> u32 {
    15
}

fn default_upload_hours() -> u32 {
    24
}

impl Default for PortalSetting {
    fn default() -> Self {
        Self {
            enabled: false,
            public_url: None,
            link_minutes: default_link_minutes(),
            session_hours: default_session_hours(),
            idle_minutes: default_idle_minutes(),
            upload_hours: default_upload_hours(),
            scan_command: None,
            secure_cookies: false,
            remind_working_day: None,
            uploads_per_organisation: default_uploads_per_organisation(),
            uploads_checked_at_once: default_uploads_checked_at_once(),
            links_per_client_per_hour: default_links_per_client_per_hour(),
            links_per_hour: default_links_per_hour(),
            commitments_from: default_commitments_from(),
            commitments_max_factor: default_commitments_max_factor(),
            commitments_max_floor: default_commitments_max_floor(),
            max_upload_bytes: default_max_upload_bytes(),
        }
    }
}

impl PortalSetting {
    /// The most an upload of a feed may be: its `max_bytes` (`feed_max`), at most
    /// `max_upload_bytes`.
    pub fn upload_limit(&self, feed_max: u64) -> u64 {
        feed_max.min(self.max_upload_bytes)
    }

    /// The scanner's program and arguments.
    pub fn scanner(&self) -> Option<Vec<String>> {
        self.scan_command
            .as_deref()
            .map(|c| c.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .filter(|v| !v.is_empty())
    }
}

/// One operator of the console: a name for the audit trail and a token of their own.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorSetting {
    /// Shown in the audit trail and on every page (e.g. `j.jansen`).
    pub name: String,
    /// The environment variable holding this operator's token…
    #[serde(default)]
    pub token_env: Option<String>,
    /// …or the file (readable by the service only).
    #[serde(default)]
    pub token_file: Option<PathBuf>,
}

fn yes() -> bool {
    true
}

fn default_session_hours() -> u32 {
    8
}

fn default_idle_minutes() -> u32 {
    30
}

impl Default for ConsoleSetting {
    fn default() -> Self {
        Self {
            enabled: true,
            operators: Vec::new(),
            user_header: None,
            trusted_proxies: Vec::new(),
            secure_cookies: false,
            session_hours: default_session_hours(),
            idle_minutes: default_idle_minutes(),
            public_url: None,
        }
    }
}

/// A trusted proxy: one address or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProxyRange(ipnet::IpNet);

impl ProxyRange {
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if let Ok(net) = s.parse::<ipnet::IpNet>() {
            return Ok(Self(net.trunc()));
        }
        s.parse::<IpAddr>()
            .map(|ip| Self(ipnet::IpNet::from(ip)))
            .map_err(|_| {
                format!("{s:?} is neither an IP address nor a CIDR range (e.g. 10.1.2.0/24)")
            })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        // An IPv4 peer may arrive as an IPv4-mapped IPv6 address.
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        };
        self.0.contains(&ip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_ranges_take_addresses_and_cidr() {
        let one = ProxyRange::parse("127.0.0.1").unwrap();
        assert!(one.contains("127.0.0.1".parse().unwrap()));
        assert!(!one.contains("127.0.0.2".parse().unwrap()));
        assert!(one.contains("::ffff:127.0.0.1".parse().unwrap()), "mapped");
        let net = ProxyRange::parse("10.1.2.7/24").unwrap();
        assert!(net.contains("10.1.2.200".parse().unwrap()));
        assert!(!net.contains("10.1.3.1".parse().unwrap()));
        assert!(ProxyRange::parse("::1")
            .unwrap()
            .contains("::1".parse().unwrap()));
        assert!(ProxyRange::parse("proxy.example").is_err());
        assert!(ProxyRange::parse("10.0.0.0/33").is_err());
    }

    #[test]
    fn a_day_of_the_year_is_mm_dd_that_occurs_every_year() {
        let oct = MonthDay::parse("10-01").unwrap();
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        assert!(!oct.reached(d("2026-09-30")));
        assert!(oct.reached(d("2026-10-01")));
        assert!(oct.reached(d("2028-12-31")));
        assert_eq!(oct.in_year(2028), d("2028-10-01"));
        assert_eq!(
            MonthDay::parse(" 1-1 ").unwrap().in_year(2027),
            d("2027-01-01")
        );
        for bad in ["02-29", "13-01", "10", "oktober", "10-32", "-1-01"] {
            assert!(MonthDay::parse(bad).is_err(), "{bad}");
        }
    }
}
