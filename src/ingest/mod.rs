//! Ingest: from source files to accepted records and rejected rows with reasons.
//!
//! `table` opens CSV/xlsx (`scan` splits CSV into records and chunks without copying),
//! `mapping` finds the canonical columns (and refuses files with personal data), `validate`
//! turns each row into accepted columns (`columns`) or a rejection, chunks in parallel, then
//! joins the chunks in file order (duplicates are judged there).
//! Invariant: for every source, rows read = accepted + rejected; nothing is dropped silently.

pub mod columns;
pub mod mapping;
pub mod scan;
pub mod table;
pub mod validate;

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
    #[error("file {}: column {column_number} {header:?} looks like personal data ({why}); woonmonitor refuses files with personal data, the file was not read\n  what to do: remove the column from the export; if it is not personal data, map it in sources.{source_name}.columns", file.display())]
    PersonalData {
        source_name: String,
        file: PathBuf,
        column_number: usize,
        header: String,
        why: String,
    },
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
    pub reason: String,
}

/// What happened to one source.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceReport {
    pub name: String,
    #[serde(skip)]
    pub kind: SourceKind,
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
    // The two large sources are read at the same time; their chunks share all cores.
    let (apps, dels) = rayon::join(
        || {
            let (path, setting) = &plan.applications;
            let src = Opened::open(SourceKind::Applications, path, setting)?;
            let rules = validate::ApplicationRules {
                map: &src.map,
                reference,
                today,
            };
            let (apps, v) = src.validate(&rules)?;
            let warnings = validate::application_warnings(&apps, reference);
            let report = src.report(v, apps.len(), warnings);
            Ok::<_, SourceError>((apps, report))
        },
        || {
            let (path, setting) = &plan.deliveries;
            let src = Opened::open(SourceKind::Deliveries, path, setting)?;
            let rules = validate::DeliveryRules {
                map: &src.map,
                reference,
                today,
            };
            let (dels, v) = src.validate(&rules)?;
            let warnings = validate::delivery_warnings(&dels, reference);
            let report = src.report(v, dels.len(), warnings);
            Ok((dels, report))
        },
    );
    let (apps, report) = apps?;
    ds.applications = apps;
    ds.reports.push(report);
    let (dels, report) = dels?;
    ds.deliveries = dels;
    ds.reports.push(report);

    if let Some((path, setting)) = &plan.commitments {
        if path.exists() {
            let src = Opened::open(SourceKind::Commitments, path, setting)?;
            let rules = validate::CommitmentRules {
                map: &src.map,
                reference,
            };
            let (c, v) = src.validate(&rules)?;
            let warnings = validate::commitment_warnings(&c.rows, reference);
            ds.reports.push(src.report(v, c.rows.len(), warnings));
            ds.commitments = c.rows;
        }
    }
    Ok(ds)
}

/// A source file with its columns mapped, ready to validate.
struct Opened {
    kind: SourceKind,
    path: PathBuf,
    body: table::Body,
    map: mapping::ColumnMap,
}

/// Counts and rejections of one validated source.
struct Validation {
    read: usize,
    blank: usize,
    rejections: Vec<Rejection>,
}

impl Opened {
    fn open(kind: SourceKind, path: &Path, setting: &SourceSetting) -> Result<Self, SourceError> {
        let name = kind.as_str();
        if !path.exists() {
            return Err(SourceError::NotFound {
                source_name: name.to_string(),
                file: path.to_path_buf(),
            });
        }
        let started = std::time::Instant::now();
        let body = table::Body::open(path, setting.sheet.as_deref())?;
        tracing::debug!(
            source = name,
            ms = started.elapsed().as_secs_f64() * 1e3,
            "read and decoded"
        );
        let map = mapping::ColumnMap::resolve(name, path, body.headers(), setting, kind.columns())?;
        let opened = Self {
            kind,
            path: path.to_path_buf(),
            body,
            map,
        };
        if let Some(missing) = opened.map.missing_error(name, path, opened.body.headers()) {
            // A file with personal data is refused as such, whatever else is wrong with it.
            let chunks = opened
                .body
                .validate(&validate::BsnOnly, &opened.map.unmapped);
            opened.check_bsn(chunks.iter().map(|c| c.bsn.as_slice()))?;
            return Err(missing);
        }
        Ok(opened)
    }

    /// Refuses the file when an unmapped column mostly holds BSNs.
    fn check_bsn<'c>(
        &self,
        chunks: impl Iterator<Item = &'c [mapping::BsnCount]>,
    ) -> Result<(), SourceError> {
        let mut total = vec![mapping::BsnCount::default(); self.map.unmapped.len()];
        for counts in chunks {
            for (t, c) in total.iter_mut().zip(counts) {
                t.add(*c);
            }
        }
        for (count, &i) in total.iter().zip(&self.map.unmapped) {
            if let Some(why) = count.verdict() {
                return Err(SourceError::PersonalData {
                    source_name: self.kind.as_str().to_string(),
                    file: self.path.clone(),
                    column_number: i + 1,
                    header: self.body.headers()[i].clone(),
                    why,
                });
            }
        }
        Ok(())
    }

    fn validate<'a, K: validate::Kind<'a>>(
        &'a self,
        kind: &K,
    ) -> Result<(K::Cols, Validation), SourceError> {
        let started = std::time::Instant::now();
        let chunks = self.body.validate(kind, &self.map.unmapped);
        let validated = started.elapsed();
        self.check_bsn(chunks.iter().map(|c| c.bsn.as_slice()))?;
        let read = chunks.iter().map(|c| c.read).sum();
        let blank = chunks.iter().map(|c| c.blank).sum::<usize>() + self.body.skipped_blank_rows();
        let (cols, rejections) = validate::merge(kind, chunks, |h| self.body.cells_of(h));
        tracing::debug!(
            source = self.kind.as_str(),
            validate_ms = validated.as_secs_f64() * 1e3,
            merge_ms = (started.elapsed() - validated).as_secs_f64() * 1e3,
            "validated"
        );
        Ok((
            cols,
            Validation {
                read,
                blank,
                rejections,
            },
        ))
    }

    fn report(&self, v: Validation, accepted: usize, mut warnings: Vec<String>) -> SourceReport {
        if let Some(note) = self.body.encoding_note() {
            warnings.insert(0, note.to_string());
        }
        for ignored in &self.map.ignored {
            warnings.push(format!("column {ignored:?} is not used"));
        }
        let report = SourceReport {
            name: self.kind.as_str().to_string(),
            kind: self.kind,
            file: self.path.clone(),
            read: v.read,
            accepted,
            rejected: v.rejections.len(),
            blank_lines: v.blank,
            warnings,
            headers: self.body.headers().to_vec(),
            rejections: v.rejections,
        };
        assert_eq!(
            report.read,
            report.accepted + report.rejected,
            "every row read is accepted or rejected"
        );
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    /// Validates `$path` in one pass and in small chunks; both must give the same result.
    macro_rules! validate_both {
        ($path:expr, $name:expr, |$map:ident| $rules:expr) => {{
            let mut results = Vec::new();
            for chunk_bytes in [usize::MAX, 700] {
                let mut src = Opened::open($name, $path, &SourceSetting::default()).unwrap();
                if let table::Body::Csv { chunk_bytes: c, .. } = &mut src.body {
                    *c = chunk_bytes;
                }
                let $map = &src.map;
                let kind = $rules;
                let (cols, v) = src.validate(&kind).unwrap();
                results.push((format!("{cols:?}"), v.read, v.blank, v.rejections));
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
            }
        });
        assert!(read > 800 && rejected > read / 10, "{read} {rejected}");
    }

    #[test]
    fn bsn_content_wins_over_missing_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("applications.csv");
        std::fs::write(
            &path,
            "application_id;kenmerk\nA1;111222333\nA2;123456782\n",
        )
        .unwrap();
        let err = Opened::open(SourceKind::Applications, &path, &SourceSetting::default())
            .err()
            .unwrap();
        assert!(
            matches!(
                &err,
                SourceError::PersonalData {
                    column_number: 2,
                    ..
                }
            ),
            "{err}"
        );
    }
}
