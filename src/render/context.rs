//! What rendering works from and gives: the `ReportContext` (figures, texts, sources, the
//! audience), a rendered document (`Rendered`: the PDF, its annex, its name), a published
//! `Table`, and `RenderError`.

use super::texts::{Texts, TextsError};
use crate::compute::Figures;
use crate::domain::Audience;
use chrono::{NaiveDate, NaiveDateTime};

/// What the explanation page says about a source.
#[derive(Debug, Clone)]
pub struct SourceInfo {
    /// Dutch description, e.g. "Aanvragen".
    pub label: String,
    pub file: String,
    /// The latest date found in the accepted rows (the extraction date as far as the data shows).
    pub latest: Option<NaiveDate>,
    pub read: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub warnings: usize,
}

/// Everything a document needs besides the figures.
pub struct ReportContext<'a> {
    pub figures: &'a Figures,
    pub organisation: &'a str,
    pub region_name: &'a str,
    pub threshold: u32,
    /// From this chance of ending below the lower bound a scope is "at risk" (the explanation
    /// says so).
    pub risk_threshold: f64,
    /// Local time of generation (printed in the footer, set as creation date).
    pub generated_at: NaiveDateTime,
    /// The time zone of `generated_at` (PDF dates are written in UTC).
    pub time_zone: chrono_tz::Tz,
    pub sources: &'a [SourceInfo],
    pub texts: &'a Texts,
    /// Set by the caller to stop rendering between two documents.
    pub cancel: Option<&'a std::sync::atomic::AtomicBool>,
}

/// A table as text, suppressed like the documents (header cells, rows, the total row and the
/// note that explains the signs).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub total: Vec<String>,
    pub note: String,
}

/// A finished document.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub file_name: String,
    pub audience: Audience,
    pub bytes: Vec<u8>,
    /// The Excel annex (`.xlsx`): the document's tables, suppressed the same way.
    pub annex: Vec<u8>,
    /// The status box (headline, sentence) and the key figures, for the mail's body.
    pub status: Option<(String, String)>,
    pub key_figures: Vec<(String, String)>,
}

impl Rendered {
    /// The annex's file name: the document's with `.xlsx`.
    pub fn annex_name(&self) -> String {
        annex_name(&self.file_name)
    }
}

/// A table header without the hyphenation hints of narrow PDF columns (`Onder- grens` →
/// `Ondergrens`), for spreadsheets.
pub fn unbroken_header(h: &str) -> String {
    h.replace("- ", "")
}

/// `2026-10_regio-u16.pdf` → `2026-10_regio-u16.xlsx`.
pub fn annex_name(pdf_name: &str) -> String {
    format!("{}.xlsx", pdf_name.strip_suffix(".pdf").unwrap_or(pdf_name))
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Texts(#[from] TextsError),
    #[error("rendering was cancelled (the run took longer than its time-out)")]
    Cancelled,
    #[error("the Excel annex could not be built: {0}")]
    Annex(String),
}
