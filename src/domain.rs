//! Domain newtypes: parsed once at the edge, trusted everywhere after ("parse, don't validate").
//!
//! A [`MunicipalityCode`] is always `GM` + 4 digits, a [`ScopeCode`] a municipality's or the
//! region's, a [`CorporationCode`] a configured corporation's (or `(overig)`), a [`Period`] is always a real calendar month,
//! an [`EmailAddress`] always has a local part and a domain; an [`Audience`] says who a document
//! is for. Dates are handled as `chrono::NaiveDate`
//! and, inside the compute stage, as day and month numbers (see [`day_number`], [`Period::index`]).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

mod codes;
mod error;
mod fold;
pub use codes::{CorporationCode, LineKey, MunicipalityCode, ScopeCode};
pub use error::DomainError;
pub use fold::{fold_id, fold_id_cow};

/// A report period: one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Period {
    year: i32,
    month: u32,
}

impl Period {
    /// The years a period may be in: the monitor's figures begin long after 1990, and a report
    /// looks back years before its own (a period of 1900 made the year-end forecast panic).
    pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2200;

    pub fn new(year: i32, month: u32) -> Result<Self, DomainError> {
        if (1..=12).contains(&month) && Self::YEARS.contains(&year) {
            Ok(Self { year, month })
        } else {
            Err(DomainError::Period(format!("{year:04}-{month:02}")))
        }
    }
    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u32 {
        self.month
    }
    /// Month number on a continuous scale (`year * 12 + month - 1`); used as a join key.
    pub fn index(self) -> i32 {
        self.year * 12 + self.month as i32 - 1
    }
    pub fn from_index(index: i32) -> Self {
        Self {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }
    pub fn of_date(d: NaiveDate) -> Self {
        Self {
            year: d.year(),
            month: d.month(),
        }
    }
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid period")
    }
    pub fn last_day(self) -> NaiveDate {
        Self::from_index(self.index() + 1)
            .first_day()
            .pred_opt()
            .expect("valid date")
    }
    pub fn offset(self, months: i32) -> Self {
        Self::from_index(self.index() + months)
    }
    /// The last month that has fully ended on `today`.
    pub fn last_complete(today: NaiveDate) -> Self {
        Self::of_date(today).offset(-1)
    }
}

impl FromStr for Period {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let err = || DomainError::Period(s.to_string());
        let (y, m) = t.split_once('-').ok_or_else(err)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(err());
        }
        let year: i32 = y.parse().map_err(|_| err())?;
        let month: u32 = m.parse().map_err(|_| err())?;
        Self::new(year, month).map_err(|_| err())
    }
}
impl TryFrom<String> for Period {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}
impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// What a report covers, ending in its last month: a month report covers January up to that
/// month (the year to date), a quarter report its three months, a year report January to
/// December.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Span {
    Month,
    Quarter,
    Year,
}

impl Span {
    pub fn as_str(self) -> &'static str {
        match self {
            Span::Month => "month",
            Span::Quarter => "quarter",
            Span::Year => "year",
        }
    }
}

/// What a recipient is sent: the month, quarter or year reports, or the early warning (a mail
/// when a scope's chance of ending the year below its lower bound first rises above
/// `warning.threshold`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Subscription {
    Month,
    Quarter,
    Year,
    Warning,
}

impl From<Span> for Subscription {
    fn from(s: Span) -> Self {
        match s {
            Span::Month => Subscription::Month,
            Span::Quarter => Subscription::Quarter,
            Span::Year => Subscription::Year,
        }
    }
}

/// A report period as asked for: `2026-10` (a month: the year to date), `2026-Q3` (a quarter)
/// or `2026` (a year). Stored and sent as that text (a month's text is a [`Period`]'s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ReportPeriod {
    pub span: Span,
    /// The last month covered.
    pub end: Period,
}

impl ReportPeriod {
    pub fn month(end: Period) -> Self {
        Self {
            span: Span::Month,
            end,
        }
    }
    /// The first month whose figures count (January for month and year reports).
    pub fn start(self) -> Period {
        match self.span {
            Span::Quarter => self.end.offset(-2),
            Span::Month | Span::Year => Period::new(self.end.year(), 1).expect("valid"),
        }
    }
    /// How many months are covered (the band is pro rata over these).
    pub fn months(self) -> u32 {
        (self.end.index() - self.start().index() + 1) as u32
    }
    /// The quarter (1–4) of a quarter report.
    pub fn quarter(self) -> u32 {
        (self.end.month() - 1) / 3 + 1
    }
}

impl FromStr for ReportPeriod {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let err = || DomainError::Period(s.to_string());
        if let Some((y, q)) = t.split_once("-Q").or_else(|| t.split_once("-q")) {
            let year: i32 = y.parse().map_err(|_| err())?;
            let q: u32 = q.parse().map_err(|_| err())?;
            if y.len() != 4 || !(1..=4).contains(&q) {
                return Err(err());
            }
            return Ok(Self {
                span: Span::Quarter,
                end: Period::new(year, q * 3).map_err(|_| err())?,
            });
        }
        if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
            let year: i32 = t.parse().map_err(|_| err())?;
            return Ok(Self {
                span: Span::Year,
                end: Period::new(year, 12).map_err(|_| err())?,
            });
        }
        t.parse::<Period>().map(Self::month)
    }
}

impl TryFrom<String> for ReportPeriod {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}
impl From<ReportPeriod> for String {
    fn from(p: ReportPeriod) -> String {
        p.to_string()
    }
}

impl fmt::Display for ReportPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.span {
            Span::Month => write!(f, "{}", self.end),
            Span::Quarter => write!(f, "{:04}-Q{}", self.end.year(), self.quarter()),
            Span::Year => write!(f, "{:04}", self.end.year()),
        }
    }
}

/// An e-mail address: what lettre's parser (RFC 5321) takes, with a dotted domain, at most
/// 254 characters, and nothing a header or a list could be smuggled in with: no comma,
/// semicolon, quote, angle bracket, whitespace, NUL or other control character.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let t = raw.trim();
        let plain = !t.is_empty()
            && t.len() <= 254
            && !t.chars().any(|c| {
                c.is_control()
                    || c.is_whitespace()
                    || matches!(
                        c,
                        ',' | ';' | '"' | '<' | '>' | '(' | ')' | '[' | ']' | '\\'
                    )
            });
        let valid = plain
            && t.parse::<lettre::Address>().is_ok_and(|a| {
                let d = a.domain();
                d.contains('.') && !d.starts_with('.') && !d.ends_with('.')
            });
        if valid {
            Ok(Self(t.to_string()))
        } else {
            Err(DomainError::Email(raw.to_string()))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
impl TryFrom<String> for EmailAddress {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}
impl From<EmailAddress> for String {
    fn from(e: EmailAddress) -> String {
        e.0
    }
}
impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Who a document is for: a municipality (its council), the region, or a corporation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "code", rename_all = "snake_case")]
pub enum Audience {
    Municipality(String),
    Region,
    Corporation(String),
}

impl Audience {
    pub fn kind(&self) -> AudienceKind {
        match self {
            Audience::Municipality(_) => AudienceKind::Municipality,
            Audience::Region => AudienceKind::Region,
            Audience::Corporation(_) => AudienceKind::Corporation,
        }
    }
    /// The municipality or corporation code; empty for the region.
    pub fn code(&self) -> &str {
        match self {
            Audience::Municipality(c) | Audience::Corporation(c) => c,
            Audience::Region => "",
        }
    }
}

/// Which documents of a period a run makes: all of them, or one audience's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "code", rename_all = "snake_case")]
pub enum Selection {
    All,
    Municipality(String),
    Corporation(String),
    Region,
}

impl Selection {
    /// `all`, `municipality`, `region` or `corporation`.
    pub fn kind(&self) -> &'static str {
        match self {
            Selection::All => "all",
            Selection::Municipality(_) => "municipality",
            Selection::Region => "region",
            Selection::Corporation(_) => "corporation",
        }
    }
    /// The municipality or corporation code; empty otherwise.
    pub fn code(&self) -> &str {
        match self {
            Selection::Municipality(c) | Selection::Corporation(c) => c,
            Selection::All | Selection::Region => "",
        }
    }
    /// From [`Selection::kind`] and [`Selection::code`].
    pub fn from_parts(kind: &str, code: &str) -> Option<Self> {
        match kind {
            "all" => Some(Selection::All),
            "region" => Some(Selection::Region),
            "municipality" => Some(Selection::Municipality(code.to_string())),
            "corporation" => Some(Selection::Corporation(code.to_string())),
            _ => None,
        }
    }
    /// Whether the document for `a` belongs to the selection.
    pub fn includes(&self, a: &Audience) -> bool {
        match (self, a) {
            (Selection::All, _) => true,
            (Selection::Municipality(c), Audience::Municipality(m)) => c.eq_ignore_ascii_case(m),
            (Selection::Corporation(c), Audience::Corporation(k)) => c.eq_ignore_ascii_case(k),
            (Selection::Region, Audience::Region) => true,
            _ => false,
        }
    }
}

impl fmt::Display for Selection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selection::All => f.write_str("all"),
            Selection::Region => f.write_str("region"),
            Selection::Municipality(c) | Selection::Corporation(c) => {
                write!(f, "{} {c}", self.kind())
            }
        }
    }
}

/// The kind of an [`Audience`] (configuration: `recipients[].audience`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AudienceKind {
    Municipality,
    Region,
    Corporation,
}

impl AudienceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AudienceKind::Municipality => "municipality",
            AudienceKind::Region => "region",
            AudienceKind::Corporation => "corporation",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [
            AudienceKind::Municipality,
            AudienceKind::Region,
            AudienceKind::Corporation,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

impl fmt::Display for AudienceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text cell made safe to open in a spreadsheet: text that starts with `=`, `+`, `-`, `@`,
/// `|` (DDE), tab, carriage return or line feed, or with the full-width forms Excel also reads
/// as them (`＝`, `＋`, `－`, `＠`, `｜`), gets a leading `'`, so Excel (or LibreOffice) cannot
/// take it for a formula. Every CSV and xlsx cell of text goes through here.
pub fn excel_safe(s: &str) -> String {
    match s.chars().next() {
        Some(
            '=' | '+' | '-' | '@' | '|' | '\t' | '\r' | '\n' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}'
            | '\u{ff20}' | '\u{ff5c}',
        ) => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// `Gemeente Súdwest-Fryslân` → `gemeente-sudwest-fryslan`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' | 'Á' | 'À' | 'Ä' | 'Â' => 'a',
            'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' | 'Ó' | 'Ò' | 'Ö' | 'Ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

const UNIX_EPOCH_CE_DAYS: i32 = 719_163;

/// Days since 1970-01-01 (negative before); the compute stage works on these.
pub fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - UNIX_EPOCH_CE_DAYS
}

/// Inverse of [`day_number`].
#[cfg(test)]
pub fn date_from_day_number(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n + UNIX_EPOCH_CE_DAYS).expect("day number in range")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn municipality_code_accepts_padded_and_lowercase() {
        assert_eq!(
            MunicipalityCode::parse(" gm0344 ").unwrap().as_str(),
            "GM0344"
        );
        for bad in ["GM344", "GM03445", "0344", "GMabcd", "", "XX0344"] {
            assert!(MunicipalityCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn period_parses_and_rejects() {
        let p: Period = "2026-10".parse().unwrap();
        assert_eq!((p.year(), p.month()), (2026, 10));
        assert_eq!(p.last_day(), NaiveDate::from_ymd_opt(2026, 10, 31).unwrap());
        assert_eq!(
            "2024-02".parse::<Period>().unwrap().last_day(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        for bad in ["2026-13", "2026-00", "2026-1", "26-10", "2026/10", ""] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
        assert_eq!(Period::from_index(p.index()), p);
        assert_eq!(p.offset(-10).to_string(), "2025-12");
        assert_eq!(
            Period::last_complete(NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()).to_string(),
            "2025-12"
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Utrecht"), "utrecht");
        assert_eq!(slug("De Ronde Venen"), "de-ronde-venen");
        assert_eq!(slug("Bo-Ex"), "bo-ex");
        assert_eq!(slug("Súdwest-Fryslân"), "sudwest-fryslan");
        assert_eq!(slug("Regio U16"), "regio-u16");
    }

    #[test]
    fn email_parses() {
        assert!(EmailAddress::parse("griffie@utrecht.nl").is_ok());
        assert!(EmailAddress::parse(" j.jansen+wm@gemeente.example.nl ").is_ok());
        for bad in ["griffie", "@utrecht.nl", "a@b", "a b@c.nl", "a@@c.nl"] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_address_with_a_list_or_a_control_character_in_it_is_refused() {
        // Regression: `a@b.example,c` and an address with a NUL were taken.
        for bad in [
            "a@b.example,c",
            "a@b.example,c@d.example",
            "a@b.example\0",
            "a\0b@c.example",
            "a@b.example;c@d.example",
            "\"a b\"@c.example",
            "a@b.example\r\nBcc: x@y.example",
            "<a@b.example>",
            "Jan <a@b.example>",
            "a@.example",
            "a@example.",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?}");
        }
        assert!(EmailAddress::parse(&format!("{}@b.example", "a".repeat(250))).is_err());
    }

    #[test]
    fn day_numbers_round_trip() {
        let d = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        assert_eq!(day_number(d), 0);
        let d = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        assert_eq!(date_from_day_number(day_number(d)), d);
    }

    #[test]
    fn report_periods_parse_months_quarters_and_years() {
        let m: ReportPeriod = "2026-10".parse().unwrap();
        assert_eq!(
            (m.span, m.start().to_string(), m.months()),
            (Span::Month, "2026-01".into(), 10)
        );
        let q: ReportPeriod = "2026-Q3".parse().unwrap();
        assert_eq!(
            (q.span, q.start().to_string(), q.end.to_string()),
            (Span::Quarter, "2026-07".into(), "2026-09".into())
        );
        assert_eq!((q.months(), q.to_string()), (3, "2026-Q3".to_string()));
        let y: ReportPeriod = "2026".parse().unwrap();
        assert_eq!(
            (y.span, y.start().to_string(), y.end.to_string(), y.months()),
            (Span::Year, "2026-01".into(), "2026-12".into(), 12)
        );
        assert_eq!(y.to_string(), "2026");
        for bad in ["2026-Q5", "2026-Q0", "26-Q1", "202", "2026-13", "Q3"] {
            assert!(bad.parse::<ReportPeriod>().is_err(), "{bad}");
        }
    }
}
