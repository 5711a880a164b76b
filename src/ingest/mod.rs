//! Ingest: from source files to accepted records and rejected rows with reasons.
//!
//! `table` opens CSV/xlsx (`scan` splits CSV into records and chunks without copying, `xlsx`
//! checks a workbook before it is read and reads its sheet sparsely),
//! `mapping` finds the canonical columns and leaves the others out (the allowlist), `validate`
//! turns each row into accepted columns (`columns`) or a rejection, chunks in parallel, then
//! joins the chunks in file order (duplicates are judged there).
//! Invariants: for every source, rows read = accepted + rejected; nothing is dropped silently.
//! Only the cells of mapped columns are ever kept (rejected rows included); a kept column with
//! personal data (a BSN; an e-mail address, phone number or address in an id or label) refuses
//! the file.

pub mod columns;
mod combine;
mod feed;
pub mod mapping;
pub(crate) mod meldingen;
pub mod project;
pub mod reasons;
mod rows;
pub mod scan;
pub mod table;
pub mod validate;
mod xlsx;

pub use columns::{Applications, Deliveries};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::{Reference, Settings, SourceSetting};
use crate::domain::MunicipalityCode;
use crate::schema::SourceKind;

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
            meldingen::shown(
                &f.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )
        };
        match self {
            SourceError::NotFound { file, .. } => {
                meldingen::text("niet_gevonden", context! { bestand => name(file) })
            }
            SourceError::Unreadable { file, .. } => {
                meldingen::text("onleesbaar", context! { bestand => name(file) })
            }
            SourceError::MissingColumns { file, missing, .. } => meldingen::text(
                "kolommen_ontbreken",
                context! { bestand => name(file), kolommen => missing.join(", ") },
            ),
            SourceError::MangledHeader {
                file,
                column_number,
                cell,
                column,
                ..
            } => meldingen::text(
                "kopcel_verbergt_kolom",
                context! { bestand => name(file), nummer => column_number, cel => meldingen::shown(cell), kolom => column },
            ),
            SourceError::TooLarge { file, limit } => meldingen::text(
                "te_groot",
                context! { bestand => name(file), grens => limit },
            ),
            SourceError::UnclosedQuote { file, line } => meldingen::text(
                "aanhalingsteken_open",
                context! { bestand => name(file), regel => line },
            ),
            SourceError::UnknownFeedCorporation { corporation, .. } => meldingen::text(
                "corporatie_onbekend",
                context! { corporatie => meldingen::shown(corporation) },
            ),
            SourceError::PersonalData {
                file,
                column_number,
                header,
                why,
                ..
            } => meldingen::text(
                "persoonsgegevens",
                context! { nummer => column_number, kop => meldingen::shown(header), bestand => name(file), waarom => why_nl(why) },
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
    /// console, the portal and the store show; see [`validate::Problem`]).
    pub kinds: Vec<String>,
}

impl Rejection {
    pub fn new(line: usize, cells: Vec<String>, problems: Vec<validate::Problem>) -> Self {
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
}

/// Everything ingest hands to compute.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub applications: Applications,
    pub deliveries: Deliveries,
    pub commitments: Vec<Commitment>,
    pub reports: Vec<SourceReport>,
    /// What the operator is told once per run about the feeds together (Dutch; never a cell's
    /// value): home numbers that two corporations both deliver.
    pub notices: Vec<String>,
}

/// One feed to read: where, how, and when its data ends when that is declared.
#[derive(Debug, Clone)]
pub struct PlannedFeed {
    pub name: String,
    pub kind: SourceKind,
    pub path: PathBuf,
    pub setting: SourceSetting,
    /// For `covers_until = "export"`: the day before the content was first seen (the snapshot's
    /// fetch date; for a plain file, its modification date).
    pub export_date: Option<NaiveDate>,
    /// `path` is a snapshot's projection ([`project`]), not the delivered file.
    pub projected: bool,
    /// What the projection left out of the delivered file (becomes the feed's warnings).
    pub notes: Vec<String>,
}

/// Where to read each feed from.
#[derive(Debug, Clone, Default)]
pub struct SourcePlan {
    pub feeds: Vec<PlannedFeed>,
    /// Commitments approved in the portal: they replace the commitments feeds' rows for their
    /// corporation and year.
    pub commitments: Vec<Commitment>,
}

impl SourcePlan {
    /// The configured feeds, or with `--data DIR` the canonical files in DIR
    /// (`applications.csv|.xlsx`, `deliveries.csv|.xlsx`, optional `commitments.csv|.xlsx`).
    pub fn new(settings: &Settings, data_dir: Option<&Path>) -> SourcePlan {
        let feeds = match data_dir {
            None => settings
                .feeds()
                .into_iter()
                .map(|f| PlannedFeed {
                    export_date: modified_date(&f.setting.path, settings.time_zone()),
                    projected: false,
                    notes: Vec::new(),
                    name: f.name,
                    kind: f.kind,
                    path: f.setting.path.clone(),
                    setting: f.setting,
                })
                .collect(),
            Some(dir) => SourceKind::ALL
                .into_iter()
                .map(|kind| {
                    let path = ["csv", "xlsx"]
                        .iter()
                        .map(|ext| dir.join(format!("{kind}.{ext}")))
                        .find(|p| p.exists())
                        .unwrap_or_else(|| dir.join(format!("{kind}.csv")));
                    PlannedFeed {
                        name: kind.as_str().to_string(),
                        kind,
                        export_date: modified_date(&path, settings.time_zone()),
                        projected: false,
                        notes: Vec::new(),
                        setting: SourceSetting {
                            path: path.clone(),
                            ..Default::default()
                        },
                        path,
                    }
                })
                .collect(),
        };
        SourcePlan {
            feeds,
            commitments: Vec::new(),
        }
    }

    fn of(&self, kind: SourceKind) -> Vec<&PlannedFeed> {
        self.feeds.iter().filter(|f| f.kind == kind).collect()
    }
}

/// The day before a file was last modified, in the configured time zone (`schedule.timezone`,
/// like every other date; never the server's): what an export made then covers.
fn modified_date(path: &Path, tz: chrono_tz::Tz) -> Option<NaiveDate> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    export_covers(modified.into(), tz)
}

/// What an export made at `at` covers: up to the day before, in `tz`.
fn export_covers(at: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> Option<NaiveDate> {
    at.with_timezone(&tz).date_naive().pred_opt()
}

/// Reads and validates every feed. `today` is the run date: later dates are rejected.
pub fn ingest(
    plan: &SourcePlan,
    reference: &Reference,
    today: NaiveDate,
) -> Result<Dataset, SourceError> {
    let mut ds = Dataset::default();
    // The two large kinds are read at the same time; their chunks share all cores.
    let (apps, dels) = rayon::join(
        || {
            let opened = feed::open_all(&plan.of(SourceKind::Applications))?;
            let rules: Vec<_> = opened
                .iter()
                .map(|o| validate::ApplicationRules {
                    map: &o.map,
                    reference,
                    today,
                })
                .collect();
            combine::run_kind(
                &opened,
                &rules,
                |c| validate::application_warnings(c, reference),
                columns::Applications::latest_date,
            )
        },
        || {
            let opened = feed::open_all(&plan.of(SourceKind::Deliveries))?;
            let rules = opened
                .iter()
                .map(|o| {
                    Ok(validate::DeliveryRules {
                        map: &o.map,
                        reference,
                        today,
                        feed_corporation: o.corporation(reference)?,
                    })
                })
                .collect::<Result<Vec<_>, SourceError>>()?;
            combine::run_kind(
                &opened,
                &rules,
                |c| validate::delivery_warnings(c, reference),
                columns::Deliveries::latest_date,
            )
        },
    );
    let (apps, reports) = apps?;
    ds.applications = apps;
    ds.reports.extend(reports);
    let (dels, reports) = dels?;
    ds.deliveries = dels;
    ds.reports.extend(reports);
    ds.notices = combine::shared_numbers(&ds.deliveries, reference);

    // Commitments are optional: a feed whose file does not exist is left out.
    let present: Vec<&PlannedFeed> = plan
        .of(SourceKind::Commitments)
        .into_iter()
        .filter(|f| f.path.exists())
        .collect();
    if !present.is_empty() {
        let opened = feed::open_all(&present)?;
        let rules = opened
            .iter()
            .map(|o| {
                Ok(validate::CommitmentRules {
                    map: &o.map,
                    reference,
                    feed_corporation: o.corporation(reference)?,
                })
            })
            .collect::<Result<Vec<_>, SourceError>>()?;
        let (c, reports) = combine::run_kind(
            &opened,
            &rules,
            |c| validate::commitment_warnings(&c.rows, reference),
            |_| None,
        )?;
        ds.commitments = c.rows;
        ds.reports.extend(reports);
    }
    if !plan.commitments.is_empty() {
        let approved: std::collections::BTreeSet<(i32, &str)> = plan
            .commitments
            .iter()
            .map(|c| (c.year, c.corporation.as_str()))
            .collect();
        ds.commitments
            .retain(|c| !approved.contains(&(c.year, c.corporation.as_str())));
        ds.commitments.extend(plan.commitments.iter().cloned());
    }
    Ok(ds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_saved_just_after_midnight_in_amsterdam_covers_the_day_before_there() {
        // Regression: on a server in UTC, an export saved at 00:30 on 1 November Amsterdam time
        // (23:30 UTC on 31 October) counted as made on 31 October, so October was "onvolledig".
        let at: chrono::DateTime<chrono::Utc> = "2026-10-31T23:30:00Z".parse().unwrap();
        assert_eq!(
            export_covers(at, chrono_tz::Europe::Amsterdam),
            NaiveDate::from_ymd_opt(2026, 10, 31)
        );
        assert_eq!(
            export_covers(at, chrono_tz::UTC),
            NaiveDate::from_ymd_opt(2026, 10, 30)
        );
    }
    use crate::tools::sample::{generate, synthetic_reference, SampleOptions};

    /// Sample rows with the mistakes real exports have, spread so that chunks split them:
    /// duplicates of rows far back, quoted cells (with separators, quotes and line breaks),
    /// blank lines, CRLF, extra cells, bad dates and codes.
    fn messy(text: &str, crlf: bool) -> String {
        let mut lines = text.lines();
        let mut out = vec![lines.next().unwrap().to_string()];
        let rows: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
        for (i, row) in rows.iter().enumerate() {
            let mut cells: Vec<String> = row.split(';').map(str::to_string).collect();
            match i % 23 {
                1 => cells[0] = rows[i / 3].split(';').next().unwrap().to_string(),
                3 => cells[1] = "31-02-2020".into(),
                5 => cells[2] = format!(" {} ", cells[2].to_lowercase()),
                7 => cells[3] = format!("\"{};\"\"x\"\"\"", cells[3]),
                9 => cells[0] = format!("\"{}\n\"", cells[0]),
                11 => out.push(";;;".into()),
                13 => out.push(String::new()),
                15 => cells.push("extra".into()),
                17 => cells[2] = "GM9999".into(),
                19 => cells[0] = String::new(),
                _ => {}
            }
            out.push(cells.join(";"));
        }
        out.join(if crlf { "\r\n" } else { "\n" }) + "\n"
    }

    /// A feed of the kind's canonical columns at `path`.
    fn planned(kind: SourceKind, path: &Path) -> PlannedFeed {
        PlannedFeed {
            name: kind.as_str().to_string(),
            kind,
            path: path.to_path_buf(),
            setting: SourceSetting::default(),
            export_date: None,
            projected: false,
            notes: Vec::new(),
        }
    }

    /// Validates `$path` in one pass and in small chunks; both must give the same result.
    macro_rules! validate_both {
        ($path:expr, $name:expr, |$map:ident| $rules:expr) => {{
            let mut results = Vec::new();
            for chunk_bytes in [usize::MAX, 700] {
                let mut src = feed::open_all(&[&planned($name, $path)]).unwrap().remove(0);
                if let table::Body::Csv { chunk_bytes: c, .. } = &mut src.body {
                    *c = chunk_bytes;
                }
                let $map = &src.map;
                let kind = $rules;
                let (merged, v) = src.validate(&kind).unwrap();
                results.push((format!("{:?}", merged.cols), v.read, v.blank, v.rejections));
            }
            assert_eq!(
                results[0],
                results[1],
                "{}: chunked equals one pass",
                $name.as_str()
            );
            (results[0].1, results[0].3.len())
        }};
    }

    #[test]
    fn chunked_validation_equals_one_pass_with_duplicates_across_chunks() {
        let reference = synthetic_reference(12, 6);
        let files = generate(
            &reference,
            &SampleOptions {
                applications_per_year: Some(400.0),
                years: 3,
                seed: 11,
                until: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
                clean: false,
            },
        );
        let dir = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let apps = dir.path().join("applications.csv");
        let dels = dir.path().join("deliveries.csv");
        std::fs::write(&apps, messy(&files.applications, true)).unwrap();
        std::fs::write(&dels, messy(&files.deliveries, false)).unwrap();
        let (read, rejected) = validate_both!(&apps, SourceKind::Applications, |map| {
            validate::ApplicationRules {
                map,
                reference: &reference,
                today,
            }
        });
        assert!(read > 800 && rejected > read / 10, "{read} {rejected}");
        let (read, rejected) = validate_both!(&dels, SourceKind::Deliveries, |map| {
            validate::DeliveryRules {
                map,
                reference: &reference,
                today,
                feed_corporation: None,
            }
        });
        assert!(read > 800 && rejected > read / 10, "{read} {rejected}");
    }

    #[test]
    fn a_bsn_as_application_id_refuses_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("applications.csv");
        std::fs::write(
            &path,
            "application_id;received_on;municipality_code;origin\nA1;2026-01-05;GM0344;MO\n111222333;2026-01-06;GM0344;MO\n",
        )
        .unwrap();
        let reference = crate::config::Settings::load(&crate::config::LoadOptions {
            file: None,
            env: Some(Default::default()),
        })
        .unwrap()
        .1;
        let plan = SourcePlan {
            feeds: vec![
                planned(SourceKind::Applications, &path),
                planned(SourceKind::Deliveries, &path),
            ],
            commitments: Vec::new(),
        };
        let err = ingest(&plan, &reference, "2026-11-01".parse().unwrap())
            .err()
            .unwrap();
        assert!(
            matches!(
                &err,
                SourceError::PersonalData {
                    column_number: 1,
                    ..
                }
            ),
            "{err}"
        );
        let msg = err.to_string();
        assert!(msg.contains("1 cell(s) hold a valid BSN"), "{msg}");
        assert!(!msg.contains("111222333"), "never the value: {msg}");
    }
}
