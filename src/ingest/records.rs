//! What ingest hands on: accepted records (`Application`, `Delivery`, `Commitment`), rejected
//! rows with their reasons (`Rejection`), each feed's `SourceReport`, and the whole `Dataset`.

use crate::domain::MunicipalityCode;
use crate::schema::SourceKind;
use chrono::NaiveDate;
use std::path::PathBuf;

/// An application (aanvraag) from the matching organisation: the row view of [`Applications`]
/// (tests build and read datasets row by row).
#[cfg(test)]
#[derive(Debug, Clone, PartialEq)]
pub struct Application {
    pub id: String,
    pub received_on: NaiveDate,
    pub municipality: MunicipalityCode,
    pub origin: String,
    pub housing_form: Option<String>,
    pub corporation: Option<String>,
    pub housed_on: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
}

/// A home made available (opgeleverde woning) by a corporation: the row view of [`Deliveries`].
#[cfg(test)]
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub dwelling_id: String,
    pub corporation: String,
    pub municipality: MunicipalityCode,
    pub delivered_on: NaiveDate,
    pub housing_form: Option<String>,
    pub application_id: Option<String>,
}

/// Bounds a corporation declared for a municipality and year.
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    pub year: i32,
    pub corporation: String,
    pub municipality: MunicipalityCode,
    pub lower: u32,
    pub upper: u32,
}

/// A row that was not accepted: where it was, what it said, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub line: usize,
    pub cells: Vec<String>,
    /// Its problems, separated by `; `, with the cells' values where they help (the private
    /// rejected-rows file only).
    pub reason: String,
    /// The kinds of its problems: the same words without any character of a cell (what the
    /// console, the portal and the store show; see [`Problem`]).
    pub kinds: Vec<String>,
}

impl Rejection {
    pub fn new(line: usize, cells: Vec<String>, problems: Vec<Problem>) -> Self {
        let reason = problems
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        Self {
            line,
            cells,
            reason,
            kinds: problems.into_iter().map(|p| p.kind).collect(),
        }
    }
}

/// What happened to one feed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceReport {
    /// The feed's name (the kind's name for a single feed).
    pub name: String,
    #[serde(skip)]
    pub kind: SourceKind,
    /// The configured corporation the feed belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corporation: Option<String>,
    /// Where the feed's data ends (declared, or the latest date in it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub covers_until: Option<NaiveDate>,
    pub file: PathBuf,
    pub read: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub blank_lines: usize,
    /// Data-quality warnings for accepted rows (unknown corporations, housing forms, …).
    pub warnings: Vec<String>,
    /// Header of the file as read (for the rejected-rows file).
    #[serde(skip)]
    pub headers: Vec<String>,
    #[serde(skip)]
    pub rejections: Vec<Rejection>,
    /// A corporation's own feed with more rejected rows than `hold.max_rejected_share`: its
    /// corporation is "onvolledig" instead of the whole run held (set by the pipeline).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub too_many_rejected: bool,
}

/// One problem of a row, in two forms: `text` names the cell's value where that helps the
/// supplier find it (only in the private rejected-rows file, beside the row's own cells), and
/// `kind` says the same without any character of a cell: what the console, the portal's preview
/// and the store show and count. A kind is made from the words and the column's header alone,
/// never by masking a text afterwards, so no quote, line break or long cell can slip through.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub text: String,
    pub kind: String,
}

impl Problem {
    pub fn new(text: String, kind: String) -> Self {
        Self { text, kind }
    }
    /// A problem whose text holds no value of a cell (its kind is its text).
    pub fn plain(text: String) -> Self {
        Self {
            kind: text.clone(),
            text,
        }
    }
}
