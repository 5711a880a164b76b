//! `SourceError`: a source that cannot be used at all (exit code 3), with what to do; its
//! Dutch wording for the deliverer.

use std::path::PathBuf;

/// A source that cannot be used at all (exit code 3).
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{source_name}: file {} not found\n  what to do: put the file there, point sources.{source_name}.path at it, or pass --data DIR", file.display())]
    NotFound { source_name: String, file: PathBuf },
    #[error("file {}: {reason}\n  what to do: export the data again as CSV (UTF-8, header row) or .xlsx", file.display())]
    Unreadable { file: PathBuf, reason: String },
    #[error("file {}: required column(s) missing: {}; the file has: {}\n  what to do: add the columns, or map the file's own headers in sources.{source_name}.columns", file.display(), missing.join(", "), found.join(", "))]
    MissingColumns {
        source_name: String,
        file: PathBuf,
        missing: Vec<String>,
        found: Vec<String>,
    },
    #[error("file {}: header cell {column_number} {cell:?} hides the column {column:?} (two headers glued by a wrong separator, or more text around the name); the file was not read\n  what to do: export the file again with one header per column, each exactly the column's name (or map it in sources.<feed>.columns)", file.display())]
    MangledHeader {
        file: PathBuf,
        column_number: usize,
        cell: String,
        column: String,
    },
    #[error("file {}: it is larger than {limit} bytes (max_bytes of this feed); it was not read\n  what to do: check that this is the export, or raise sources.<feed>.max_bytes", file.display())]
    TooLarge { file: PathBuf, limit: u64 },
    #[error("file {}: the quote (\") that opens a cell on line {line} is never closed, so the rest of the file would be one cell; the file was not read\n  what to do: correct line {line} in the export (a quote inside a cell is written as \"\")", file.display())]
    UnclosedQuote { file: PathBuf, line: usize },
    #[error("feed {feed}: corporation {corporation:?} is not configured\n  what to do: use the code of a configured corporation in sources.<kind>.corporation")]
    UnknownFeedCorporation { feed: String, corporation: String },
    #[error("file {}: column {column_number} {header:?} holds personal data: {why}; woonmonitor refuses such a file, nothing of it was kept\n  what to do: ask the supplier for an export without personal data in this column (e.g. an application number instead of a BSN); check sources.{source_name}.columns maps the right column", file.display())]
    PersonalData {
        source_name: String,
        file: PathBuf,
        column_number: usize,
        header: String,
        why: String,
    },
}

impl SourceError {
    /// What went wrong in Dutch, for the console's pages and the operator's mail (the log keeps
    /// the English message with its technical detail). Never a cell value.
    pub fn dutch(&self) -> String {
        use minijinja::context;
        let name = |f: &std::path::Path| {
            super::meldingen::shown(
                &f.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )
        };
        match self {
            SourceError::NotFound { file, .. } => {
                super::meldingen::text("niet_gevonden", context! { bestand => name(file) })
            }
            SourceError::Unreadable { file, .. } => {
                super::meldingen::text("onleesbaar", context! { bestand => name(file) })
            }
            SourceError::MissingColumns { file, missing, .. } => super::meldingen::text(
                "kolommen_ontbreken",
                context! { bestand => name(file), kolommen => missing.join(", ") },
            ),
            SourceError::MangledHeader {
                file,
                column_number,
                cell,
                column,
                ..
            } => super::meldingen::text(
                "kopcel_verbergt_kolom",
                context! { bestand => name(file), nummer => column_number, cel => super::meldingen::shown(cell), kolom => column },
            ),
            SourceError::TooLarge { file, limit } => super::meldingen::text(
                "te_groot",
                context! { bestand => name(file), grens => limit },
            ),
            SourceError::UnclosedQuote { file, line } => super::meldingen::text(
                "aanhalingsteken_open",
                context! { bestand => name(file), regel => line },
            ),
            SourceError::UnknownFeedCorporation { corporation, .. } => super::meldingen::text(
                "corporatie_onbekend",
                context! { corporatie => super::meldingen::shown(corporation) },
            ),
            SourceError::PersonalData {
                file,
                column_number,
                header,
                why,
                ..
            } => super::meldingen::text(
                "persoonsgegevens",
                context! { nummer => column_number, kop => super::meldingen::shown(header), bestand => name(file), waarom => why_nl(why) },
            ),
        }
    }
}

/// What the personal-data watch counted, in Dutch (counts and kinds only, never a value).
fn why_nl(why: &str) -> String {
    [
        (
            "cell(s) hold a valid BSN (eleven-test)",
            "cel(len) met een geldig BSN (elfproef)",
        ),
        (
            "cell(s) hold an e-mail address",
            "cel(len) met een e-mailadres",
        ),
        (
            "cell(s) hold a phone number",
            "cel(len) met een telefoonnummer",
        ),
        (
            "cell(s) hold a postcode with a house number",
            "cel(len) met een postcode en huisnummer",
        ),
    ]
    .iter()
    .fold(why.to_string(), |s, (en, nl)| s.replace(en, nl))
}
