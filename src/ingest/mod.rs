//! Ingest: from source files to accepted records and rejected rows with reasons.
//!
//! `table` reads CSV/xlsx into text cells, `mapping` finds the canonical columns (and refuses
//! files with personal data), `validate` parses each row into a typed record or a rejection.
//! Invariant: for every source, rows read = accepted + rejected; nothing is dropped silently.

pub mod mapping;
pub mod table;
pub mod validate;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::{Reference, Settings, SourceSetting};
use crate::domain::MunicipalityCode;

pub const APPLICATION_COLUMNS: &[&str] = &[
    "application_id",
    "received_on",
    "municipality_code",
    "origin",
    "housing_form",
    "corporation",
    "housed_on",
    "withdrawn_on",
];
pub const APPLICATION_REQUIRED: &[&str] = &[
    "application_id",
    "received_on",
    "municipality_code",
    "origin",
];
pub const DELIVERY_COLUMNS: &[&str] = &[
    "dwelling_id",
    "corporation",
    "municipality_code",
    "delivered_on",
    "housing_form",
    "application_id",
];
pub const DELIVERY_REQUIRED: &[&str] = &[
    "dwelling_id",
    "corporation",
    "municipality_code",
    "delivered_on",
];
pub const COMMITMENT_COLUMNS: &[&str] =
    &["year", "corporation", "municipality_code", "lower", "upper"];
pub const COMMITMENT_REQUIRED: &[&str] = COMMITMENT_COLUMNS;

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
    #[error("file {}: column {column_number} {header:?} looks like personal data ({why}); woonmonitor refuses files with personal data, the file was not read\n  what to do: remove the column from the export; if it is not personal data, map it in sources.{source_name}.columns", file.display())]
    PersonalData {
        source_name: String,
        file: PathBuf,
        column_number: usize,
        header: String,
        why: String,
    },
}

/// An application (aanvraag) from the matching organisation.
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

/// A home made available (opgeleverde woning) by a corporation.
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
    pub reason: String,
}

/// What happened to one source.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceReport {
    pub name: String,
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
    pub applications: Vec<Application>,
    pub deliveries: Vec<Delivery>,
    pub commitments: Vec<Commitment>,
    pub reports: Vec<SourceReport>,
}

/// Where to read each source from.
#[derive(Debug, Clone)]
pub struct SourcePlan {
    pub applications: (PathBuf, SourceSetting),
    pub deliveries: (PathBuf, SourceSetting),
    /// Optional: a missing commitments file is not an error.
    pub commitments: Option<(PathBuf, SourceSetting)>,
}

impl SourcePlan {
    /// The configured sources, or with `--data DIR` the canonical files in DIR
    /// (`applications.csv|.xlsx`, `deliveries.csv|.xlsx`, optional `commitments.csv|.xlsx`).
    pub fn new(settings: &Settings, data_dir: Option<&Path>) -> SourcePlan {
        let s = &settings.sources;
        match data_dir {
            None => SourcePlan {
                applications: (s.applications.path.clone(), s.applications.clone()),
                deliveries: (s.deliveries.path.clone(), s.deliveries.clone()),
                commitments: s.commitments.as_ref().map(|c| (c.path.clone(), c.clone())),
            },
            Some(dir) => {
                let find = |stem: &str| {
                    ["csv", "xlsx"]
                        .iter()
                        .map(|ext| dir.join(format!("{stem}.{ext}")))
                        .find(|p| p.exists())
                        .unwrap_or_else(|| dir.join(format!("{stem}.csv")))
                };
                let canonical = |path: PathBuf| {
                    (
                        path.clone(),
                        SourceSetting {
                            path,
                            ..Default::default()
                        },
                    )
                };
                SourcePlan {
                    applications: canonical(find("applications")),
                    deliveries: canonical(find("deliveries")),
                    commitments: Some(canonical(find("commitments"))),
                }
            }
        }
    }
}

/// Reads and validates every source. `today` is the run date: later dates are rejected.
pub fn ingest(
    plan: &SourcePlan,
    reference: &Reference,
    today: NaiveDate,
) -> Result<Dataset, SourceError> {
    let mut ds = Dataset::default();
    // The two large sources are read and validated at the same time (one core each).
    let (apps, dels) = std::thread::scope(|scope| {
        let apps = scope.spawn(|| {
            let (path, setting) = &plan.applications;
            load_source("applications", path, setting, |t, m| {
                validate::applications(t, m, reference, today)
            })
        });
        let (path, setting) = &plan.deliveries;
        let dels = load_source("deliveries", path, setting, |t, m| {
            validate::deliveries(t, m, reference, today)
        });
        (apps.join().expect("ingest thread does not panic"), dels)
    });
    let (apps, report) = apps?;
    ds.applications = apps;
    ds.reports.push(report);
    let (dels, report) = dels?;
    ds.deliveries = dels;
    ds.reports.push(report);

    if let Some((path, setting)) = &plan.commitments {
        if path.exists() {
            let (c, report) = load_source("commitments", path, setting, |t, m| {
                validate::commitments(t, m, reference)
            })?;
            ds.commitments = c;
            ds.reports.push(report);
        }
    }
    Ok(ds)
}

type Validated<T> = (Vec<T>, Vec<Rejection>, Vec<String>);

fn load_source<T>(
    name: &str,
    path: &Path,
    setting: &SourceSetting,
    validate: impl FnOnce(&table::RawTable, &mapping::ColumnMap) -> Validated<T>,
) -> Result<(Vec<T>, SourceReport), SourceError> {
    if !path.exists() {
        return Err(SourceError::NotFound {
            source_name: name.to_string(),
            file: path.to_path_buf(),
        });
    }
    let table = table::read_table(path, setting.sheet.as_deref())?;
    let (columns, required): (&[&str], &[&str]) = match name {
        "applications" => (APPLICATION_COLUMNS, APPLICATION_REQUIRED),
        "deliveries" => (DELIVERY_COLUMNS, DELIVERY_REQUIRED),
        _ => (COMMITMENT_COLUMNS, COMMITMENT_REQUIRED),
    };
    let map = mapping::ColumnMap::resolve(name, path, &table, setting, columns, required)?;
    let (records, rejections, mut warnings) = validate(&table, &map);
    if let Some(note) = &table.encoding_note {
        warnings.insert(0, note.clone());
    }
    for ignored in &map.ignored {
        warnings.push(format!("column {ignored:?} is not used"));
    }
    let report = SourceReport {
        name: name.to_string(),
        file: path.to_path_buf(),
        read: table.rows.len(),
        accepted: records.len(),
        rejected: rejections.len(),
        blank_lines: table.blank_lines,
        warnings,
        headers: table.headers.clone(),
        rejections,
    };
    debug_assert_eq!(report.read, report.accepted + report.rejected);
    Ok((records, report))
}
