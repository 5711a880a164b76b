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
mod error;
mod feed;
pub mod mapping;
pub(crate) mod meldingen;
mod plan;
pub mod project;
pub mod reasons;
mod reconcile;
mod records;
mod rows;
pub mod scan;
pub mod table;
pub mod validate;
mod xlsx;

pub use columns::{Applications, Deliveries};
pub use error::SourceError;
pub use plan::{HeldDelivery, PlannedFeed, SourcePlan};
pub use reconcile::{Conflict, Decisions};
#[cfg(test)]
pub use records::{Application, Delivery};
pub use records::{Commitment, Rejection, SourceReport};

use chrono::NaiveDate;

use crate::config::Reference;
use crate::schema::SourceKind;

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
    ds.conflicts = reconcile::reconcile(
        &mut ds.deliveries,
        &ds.applications,
        &mut ds.reports,
        &plan.decisions,
        reference,
    );
    let mut per_corporation: std::collections::BTreeMap<&str, usize> = Default::default();
    for c in &ds.conflicts {
        *per_corporation.entry(c.corporation.as_str()).or_default() += 1;
    }
    for (corporation, n) in per_corporation {
        ds.notices.push(meldingen::text(
            "conflicten",
            minijinja::context! { aantal => n, corporatie => reference.corporation_name(corporation) },
        ));
    }

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
    ds.held = plan.held.clone();
    Ok(ds)
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
    /// Deliveries held for an operator's approval (from the plan).
    pub held: Vec<HeldDelivery>,
    /// Homes in conflict with the applications register that wait for an operator's decision
    /// (they are rejected rows of their feeds until then).
    pub conflicts: Vec<Conflict>,
}

#[cfg(test)]
mod tests {
    use super::plan::export_covers;
    use super::*;
    use crate::config::SourceSetting;
    use std::path::Path;

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
            ..SourcePlan::default()
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
