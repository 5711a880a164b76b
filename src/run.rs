//! The one pipeline for a period: load settings → ingest → compute → export (→ render).
//! The CLI, and later the scheduler and the API, all call [`report`]; it owns no other entry.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::compute::{self, ComputeInput, Figures};
use crate::config::{ConfigError, Reference, Settings};
use crate::domain::Period;
use crate::export::{self, ExportError};
use crate::ingest::{self, SourceError, SourcePlan, SourceReport};

/// Everything that can stop a run, with the process exit code for each.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Compute(#[from] compute::ComputeError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error("period {period} lies after the run date {today}: there are no figures for it yet\n  what to do: choose a month up to {last}")]
    FuturePeriod {
        period: Period,
        today: NaiveDate,
        last: Period,
    },
}

impl RunError {
    /// 2 = usage or configuration, 3 = a required source is unusable, 1 = anything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            RunError::Config(_) | RunError::FuturePeriod { .. } => 2,
            RunError::Source(_) => 3,
            RunError::Compute(_) | RunError::Export(_) => 1,
        }
    }
}

/// What a report run needs.
#[derive(Debug, Clone)]
pub struct ReportRequest {
    pub settings: Settings,
    pub reference: Reference,
    pub period: Period,
    /// Read the canonical files from this folder instead of the configured sources.
    pub data_dir: Option<PathBuf>,
    /// Output root; figures go to `<out>/<period>/figures/`.
    pub out_dir: PathBuf,
    /// The run date: rows dated after it are rejected.
    pub today: NaiveDate,
}

/// What a report run did.
#[derive(Debug, Clone, Serialize)]
pub struct ReportOutcome {
    pub period: Period,
    pub run_date: NaiveDate,
    pub sources: Vec<SourceReport>,
    pub period_dir: PathBuf,
    pub files: Vec<PathBuf>,
    #[serde(skip)]
    pub figures: Figures,
}

#[derive(Serialize)]
struct Summary<'a> {
    period: Period,
    run_date: NaiveDate,
    sources: &'a [SourceReport],
    figures: &'a Figures,
}

/// Runs the pipeline for one period and writes its outputs.
pub fn report(req: &ReportRequest) -> Result<ReportOutcome, RunError> {
    let last = Period::last_complete(req.today);
    if req.period > Period::of_date(req.today) {
        return Err(RunError::FuturePeriod {
            period: req.period,
            today: req.today,
            last,
        });
    }
    let plan = SourcePlan::new(&req.settings, req.data_dir.as_deref());
    let dataset = ingest::ingest(&plan, &req.reference, req.today)?;
    let figures = compute::compute(&ComputeInput {
        dataset: &dataset,
        reference: &req.reference,
        period: req.period,
        region_code: &req.settings.region.code,
        region_name: &req.settings.region.name,
    })?;
    let period_dir = req.out_dir.join(req.period.to_string());
    let summary = serde_json::to_vec_pretty(&Summary {
        period: req.period,
        run_date: req.today,
        sources: &dataset.reports,
        figures: &figures,
    })
    .expect("figures serialize to JSON");
    let files = export::write_all(&period_dir, &figures, &dataset.reports, &summary)?;
    Ok(ReportOutcome {
        period: req.period,
        run_date: req.today,
        sources: dataset.reports,
        period_dir,
        files,
        figures,
    })
}

/// The human-readable summary printed after a run.
pub fn describe(outcome: &ReportOutcome, cwd: &Path) -> String {
    let mut s = format!(
        "woonmonitor report {} (run date {})\n\nsource        read  accepted  rejected  file\n",
        outcome.period, outcome.run_date
    );
    for r in &outcome.sources {
        s.push_str(&format!(
            "{:<12} {:>5} {:>9} {:>9}  {}\n",
            r.name,
            r.read,
            r.accepted,
            r.rejected,
            r.file.display()
        ));
    }
    let warnings: Vec<String> = outcome
        .sources
        .iter()
        .flat_map(|r| {
            let blank = (r.blank_lines > 0)
                .then(|| format!("{}: {} blank line(s) skipped", r.name, r.blank_lines));
            blank
                .into_iter()
                .chain(r.warnings.iter().map(move |w| format!("{}: {w}", r.name)))
        })
        .collect();
    if !warnings.is_empty() {
        s.push_str("\ndata-quality warnings:\n");
        for w in warnings {
            s.push_str(&format!("  - {w}\n"));
        }
    }
    let shown = |p: &Path| {
        p.strip_prefix(cwd)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| p.display().to_string())
    };
    s.push_str(&format!("\noutput in {}:\n", shown(&outcome.period_dir)));
    for f in &outcome.files {
        s.push_str(&format!("  {}\n", shown(f)));
    }
    s
}
