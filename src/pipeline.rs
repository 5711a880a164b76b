//! The one pipeline for a period: ingest → compute → export (→ render → write). Every trigger
//! (the `report` command, the service's report runs from the scheduler, the operator commands
//! and the API) goes through [`report`] or [`report_with_plan`], so all leave the same files.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::compute::{self, ComputeInput, Figures};
use crate::config::{ConfigError, Reference, Settings};
use crate::domain::Period;
use crate::export;
use crate::files::WriteError;
use crate::ingest::{self, Dataset, SourceError, SourcePlan, SourceReport};
use crate::render::{self, RenderError, ReportContext, SourceInfo, Texts, TextsError};

/// Everything that can stop the pipeline (the exit code of each is chosen in `cli`).
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Compute(#[from] compute::ComputeError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Texts(#[from] TextsError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("cannot read template {}: {source}\n  what to do: check the file, or remove the templates folder to use the built-in wording", path.display())]
    TemplateFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("two documents would be written as {name} ({first} and {second}); nothing was written\n  what to do: give the corporations codes that differ in more than punctuation")]
    DuplicateFileName {
        name: String,
        first: String,
        second: String,
    },
    #[error("period {period} lies after the run date {today}: there are no figures for it yet\n  what to do: choose a month up to {last}")]
    FuturePeriod {
        period: Period,
        today: NaiveDate,
        last: Period,
    },
}

/// What a report run needs.
#[derive(Debug, Clone)]
pub struct ReportRequest {
    pub settings: Settings,
    pub reference: Reference,
    /// The last month of the report.
    pub period: Period,
    /// The year to date (month reports), a quarter or a year, ending in `period`.
    pub span: crate::domain::Span,
    /// Read the canonical files from this folder instead of the configured sources.
    pub data_dir: Option<PathBuf>,
    /// Published output root: the documents and the suppressed tables go to `<out>/<period>/`.
    pub out_dir: PathBuf,
    /// Internal output root, readable by the service user only: the unsuppressed figures go to
    /// `<internal>/<period>/figures/`, the rejected rows to `<internal>/<period>/rejected/`.
    pub internal_dir: PathBuf,
    /// Write the published files private too (the daemon's archive, published by copying).
    pub private: bool,
    /// The run date: rows dated after it are rejected.
    pub today: NaiveDate,
    /// Generation time printed in the reports (local time); fix it for reproducible bytes.
    pub generated_at: NaiveDateTime,
    /// Write the PDF reports (not only the figures).
    pub pdf: bool,
}

/// Loads the report wording from `dir` (`nl.toml`, `uitleg.md.j2`), or the built-in copy when
/// the folder does not have them.
pub fn load_texts(dir: &Path) -> Result<Texts, PipelineError> {
    let read = |name: &str, fallback: &'static str| -> Result<String, PipelineError> {
        let path = dir.join(name);
        if path.exists() {
            std::fs::read_to_string(&path)
                .map_err(|source| PipelineError::TemplateFile { path, source })
        } else {
            Ok(fallback.to_string())
        }
    };
    Ok(Texts::from_sources(
        &read("nl.toml", render::texts::EMBEDDED_LABELS)?,
        &read("uitleg.md.j2", render::texts::EMBEDDED_EXPLANATION)?,
    )?)
}

/// What the reports say about each source.
fn source_infos(
    dataset: &Dataset,
    texts: &Texts,
    reference: &Reference,
) -> Result<Vec<SourceInfo>, PipelineError> {
    dataset
        .reports
        .iter()
        .map(|r| {
            // Whose data: a corporation's own feed, a shared feed, or the one feed of the kind.
            let who = match (&r.corporation, r.name == r.kind.as_str()) {
                (Some(c), _) => reference.corporation_name(c).to_string(),
                (None, true) => texts.get("source_all", &minijinja::context! {})?,
                (None, false) => texts.get(
                    "source_shared",
                    &minijinja::context! { feed => r.name.clone() },
                )?,
            };
            let label = texts.get(
                &format!("source_label_{}", r.kind),
                &minijinja::context! { who => who },
            )?;
            Ok(SourceInfo {
                label,
                file: r
                    .file
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                latest: r.covers_until,
                read: r.read,
                accepted: r.accepted,
                rejected: r.rejected,
                warnings: r.warnings.len(),
            })
        })
        .collect()
}

/// A scope's year-end forecast, as the service records it with a report and warns about it.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeForecast {
    /// `GM0344`, the region's code, `corporation:Mitros`, or `GM0344/Mitros` (a corporation in
    /// a municipality).
    pub scope: String,
    /// The municipality it is about (its own, or the one a corporation's line is in).
    pub municipality: Option<String>,
    /// The region as a whole.
    pub region: bool,
    /// The corporation it is about.
    pub corporation: Option<String>,
    /// Its name in words: `Utrecht`, `Regio U16`, `Mitros`, `Mitros in Utrecht`.
    pub name: String,
    pub lower: u64,
    /// Pro rata within its band (or above) but more likely than `warning.threshold` to end
    /// below its lower bound; incomplete data makes no verdict.
    pub status: compute::Status,
    pub forecast: compute::forecast::Forecast,
}

impl ScopeForecast {
    /// Every scope of `figures` with a forecast.
    fn all(figures: &Figures) -> Vec<ScopeForecast> {
        let mut out = Vec::new();
        let scope = |s: &compute::ScopeFigures, region: bool| {
            s.realisation.forecast.clone().map(|f| ScopeForecast {
                scope: s.code.to_string(),
                municipality: (!region).then(|| s.code.to_string()),
                region,
                corporation: None,
                name: s.name.clone(),
                lower: s.realisation.lower,
                status: s.realisation.status,
                forecast: f,
            })
        };
        out.extend(scope(&figures.region, true));
        for m in &figures.municipalities {
            out.extend(scope(m, false));
            for l in &m.corporations {
                if let Some(f) = &l.forecast {
                    out.push(ScopeForecast {
                        scope: format!("{}/{}", m.code, l.corporation),
                        municipality: Some(m.code.to_string()),
                        region: false,
                        corporation: Some(l.corporation.to_string()),
                        name: format!("{} in {}", l.name, m.name),
                        lower: l.lower,
                        status: l.status,
                        forecast: f.clone(),
                    });
                }
            }
        }
        for c in figures.corporations.iter().filter(|c| c.known) {
            if let Some(f) = &c.total.forecast {
                out.push(ScopeForecast {
                    scope: format!("corporation:{}", c.code),
                    municipality: None,
                    region: false,
                    corporation: Some(c.code.to_string()),
                    name: c.name.clone(),
                    lower: c.total.lower,
                    status: c.total.status,
                    forecast: f.clone(),
                });
            }
        }
        out
    }
}

/// What a report run did.
#[derive(Debug, Clone, Serialize)]
pub struct ReportOutcome {
    pub period: Period,
    pub run_date: NaiveDate,
    pub sources: Vec<SourceReport>,
    /// What the operator is told about the feeds together (Dutch, never a cell's value): home
    /// numbers that two corporations both deliver.
    pub notices: Vec<String>,
    /// Homes in conflict with the applications register, waiting for an operator's decision.
    #[serde(skip)]
    pub conflicts: Vec<crate::ingest::Conflict>,
    /// Every scope's year-end forecast (none when the report reaches December).
    #[serde(skip)]
    pub forecasts: Vec<ScopeForecast>,
    /// Where the published files are.
    pub period_dir: PathBuf,
    /// Where the internal files are (unsuppressed figures, rejected rows).
    pub internal_period_dir: PathBuf,
    pub files: Vec<PathBuf>,
    #[serde(skip)]
    pub documents: Vec<render::Rendered>,
    #[serde(skip)]
    pub timings: Timings,
}

/// How long each stage of a run took (for `woonmonitor bench`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Read and validate every source.
    pub ingest: std::time::Duration,
    pub compute: std::time::Duration,
    /// Figures CSV/JSON and rejected rows.
    pub export: std::time::Duration,
    /// Render every PDF (in memory, all cores).
    pub render: std::time::Duration,
    pub write_pdfs: std::time::Duration,
}

#[derive(Serialize)]
struct Summary<'a> {
    period: Period,
    run_date: NaiveDate,
    sources: &'a [SourceReport],
    notices: &'a [String],
    figures: &'a Figures,
}

/// Forgets what rendering keeps from one run to the next in a process (font subsets), so a
/// `bench` repeat costs what a fresh process's run costs.
pub fn forget_render_caches() {
    crate::render::forget_caches();
}

/// Runs the pipeline for one period on the configured sources (or `--data`) and writes its
/// outputs.
pub fn report(req: &ReportRequest) -> Result<ReportOutcome, PipelineError> {
    let plan = SourcePlan::new(&req.settings, req.data_dir.as_deref());
    report_with_plan(req, &plan, None)
}

/// Runs the pipeline for one period on the given source files (e.g. snapshots).
pub fn report_with_plan(
    req: &ReportRequest,
    plan: &SourcePlan,
    cancel: Option<&AtomicBool>,
) -> Result<ReportOutcome, PipelineError> {
    crate::threads::assert_may_block("a report run");
    let last = Period::last_complete(req.today);
    if req.period > Period::of_date(req.today) {
        return Err(PipelineError::FuturePeriod {
            period: req.period,
            today: req.today,
            last,
        });
    }
    let t0 = std::time::Instant::now();
    let mut dataset = ingest::ingest(plan, &req.reference, req.today)?;
    // A corporation's own feed with too many rejected rows: that corporation is "onvolledig"
    // (no verdict on data that is not all there); the other organisations' figures stand. A
    // shared feed (the applications, a file of several corporations) holds the whole run.
    let max = req.settings.hold.max_rejected_share;
    for r in &mut dataset.reports {
        let share = r.rejected as f64 / r.read.max(1) as f64;
        r.too_many_rejected = r.kind == crate::schema::SourceKind::Deliveries
            && r.corporation.is_some()
            && r.read > 0
            && share > max;
    }
    let t_ingest = t0.elapsed();
    let t1 = std::time::Instant::now();
    let figures = compute::compute(&ComputeInput {
        dataset: &dataset,
        reference: &req.reference,
        period: req.period,
        span: req.span,
        region_code: &req.settings.region.code,
        region_name: &req.settings.region.name,
        risk_threshold: req.settings.warning.threshold,
    })?;
    let t_compute = t1.elapsed();
    let t2 = std::time::Instant::now();
    // Folders are named after the report period: `2026-10`, `2026-Q3` or `2026`.
    let label = crate::domain::ReportPeriod {
        span: req.span,
        end: req.period,
    }
    .to_string();
    let period_dir = req.out_dir.join(&label);
    let internal_period_dir = req.internal_dir.join(&label);
    let summary = serde_json::to_vec_pretty(&Summary {
        period: req.period,
        run_date: req.today,
        sources: &dataset.reports,
        notices: &dataset.notices,
        figures: &figures,
    })
    .expect("figures serialize to JSON");
    // The internal folder is the service user's only, whatever the umask.
    crate::files::private_dir(&req.internal_dir).map_err(|source| WriteError {
        path: req.internal_dir.clone(),
        source,
    })?;
    let mut files = export::write_all(&internal_period_dir, &figures, &dataset.reports, &summary)?;
    let t_export = t2.elapsed();
    let t3 = std::time::Instant::now();
    let mut documents = Vec::new();
    let mut tables = Vec::new();
    if req.pdf {
        let texts = load_texts(&req.settings.output.templates)?;
        let sources = source_infos(&dataset, &texts, &req.reference)?;
        let ctx = ReportContext {
            figures: &figures,
            organisation: &req.settings.organisation.name,
            region_name: &req.settings.region.name,
            threshold: req.settings.privacy.threshold,
            risk_threshold: req.settings.warning.threshold,
            generated_at: req.generated_at,
            time_zone: req.settings.time_zone(),
            sources: &sources,
            texts: &texts,
            cancel,
        };
        tracing::info!(period = %req.period, "rendering the documents");
        documents = render::render_all(&ctx)?;
        unique_file_names(&documents)?;
        tables = render::published_tables(&ctx)?;
    }
    let t_render = t3.elapsed();
    let t4 = std::time::Instant::now();
    // Every document, annex and table of the run written together: on disk before any is
    // named by the run (`files::write_all_atomic`).
    let csvs: Vec<(PathBuf, Vec<u8>)> = tables
        .iter()
        .map(|(name, table)| {
            let rows: Vec<&Vec<String>> = table.rows.iter().chain([&table.total]).collect();
            (
                period_dir.join(name),
                export::published_csv(&table.headers, &rows, &table.note),
            )
        })
        .collect();
    let mut batch: Vec<(PathBuf, &[u8])> = Vec::with_capacity(documents.len() * 2 + csvs.len());
    for doc in &documents {
        batch.push((period_dir.join(&doc.file_name), &doc.bytes));
        // The Excel annex beside it (the same tables, suppressed the same way).
        batch.push((period_dir.join(doc.annex_name()), &doc.annex));
    }
    for (path, bytes) in &csvs {
        batch.push((path.clone(), bytes));
    }
    if req.private {
        // A service run's archive: private files, written together.
        crate::files::write_all_atomic(&batch, true)?;
    } else {
        // Straight into the published folder (`report`): the period's folder is switched whole
        // (`publication`), so a failure publishes nothing half.
        let named: Vec<(String, &[u8])> = batch
            .iter()
            .map(|(p, b)| {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                (name.unwrap_or_default(), *b)
            })
            .collect();
        if !named.is_empty() {
            let _published = crate::publication::publish(&req.out_dir, &label, &named, false)?;
        }
    }
    files.extend(batch.into_iter().map(|(p, _)| p));
    let timings = Timings {
        ingest: t_ingest,
        compute: t_compute,
        export: t_export,
        render: t_render,
        write_pdfs: t4.elapsed(),
    };
    Ok(ReportOutcome {
        period: req.period,
        run_date: req.today,
        sources: dataset.reports,
        notices: dataset.notices,
        conflicts: dataset.conflicts,
        forecasts: ScopeForecast::all(&figures),
        period_dir,
        internal_period_dir,
        files,
        documents,
        timings,
    })
}

/// The backtest of the year-end forecast over the years `from..=to` on the configured sources
/// (or the canonical files in `data_dir`), rows dated up to `today` (`compute::backtest`).
pub fn backtest(
    settings: &Settings,
    reference: &Reference,
    data_dir: Option<&Path>,
    today: NaiveDate,
    from: i32,
    to: i32,
) -> Result<compute::backtest::Backtest, PipelineError> {
    let plan = SourcePlan::new(settings, data_dir);
    let dataset = ingest::ingest(&plan, reference, today)?;
    let municipalities: Vec<String> = reference
        .municipalities
        .iter()
        .map(|(c, _)| c.to_string())
        .collect();
    Ok(compute::backtest::backtest(
        &dataset,
        &settings.region.code,
        &municipalities,
        from,
        to,
    )?)
}

/// Two documents with one file name would overwrite each other (and mail one audience the
/// other's figures): an error before anything is written.
fn unique_file_names(documents: &[render::Rendered]) -> Result<(), PipelineError> {
    let mut seen = std::collections::BTreeMap::new();
    for d in documents {
        if let Some(first) = seen.insert(d.file_name.as_str(), &d.audience) {
            return Err(PipelineError::DuplicateFileName {
                name: d.file_name.clone(),
                first: format!("{first:?}"),
                second: format!("{:?}", d.audience),
            });
        }
    }
    Ok(())
}

/// The human-readable summary printed after a run.
pub fn describe(outcome: &ReportOutcome, cwd: &Path) -> String {
    let mut s = format!(
        "woonmonitor report {} (run date {})\n\nsource            read  accepted  rejected  file\n",
        outcome.period, outcome.run_date
    );
    for r in &outcome.sources {
        s.push_str(&format!(
            "{:<16} {:>5} {:>9} {:>9}  {}\n",
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
    let warnings: Vec<String> = warnings
        .into_iter()
        .chain(outcome.notices.iter().cloned())
        .collect();
    if !warnings.is_empty() {
        s.push_str("\ndata-quality warnings:\n");
        for w in warnings {
            s.push_str(&format!("  - {w}\n"));
        }
    }
    let end = outcome.period.last_day();
    let late: Vec<&SourceReport> = outcome
        .sources
        .iter()
        .filter(|r| r.kind == crate::schema::SourceKind::Deliveries)
        .filter(|r| r.covers_until.is_none_or(|d| d < end))
        .collect();
    if !late.is_empty() {
        s.push_str(&format!(
            "
incomplete feeds (their corporations are marked \"onvolledig\"; the period ends {end}):\n"
        ));
        for r in late {
            match r.covers_until {
                Some(d) => s.push_str(&format!("  - {}: data up to {d}\n", r.name)),
                None => s.push_str(&format!("  - {}: no data yet\n", r.name)),
            }
        }
    }
    let shown = |p: &Path| {
        p.strip_prefix(cwd)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| p.display().to_string())
    };
    let (internal, published): (Vec<&PathBuf>, Vec<&PathBuf>) = outcome
        .files
        .iter()
        .partition(|f| f.starts_with(&outcome.internal_period_dir));
    s.push_str(&format!(
        "\npublished output (may be shared) in {}:\n",
        shown(&outcome.period_dir)
    ));
    for f in published {
        s.push_str(&format!("  {}\n", shown(f)));
    }
    s.push_str(&format!(
        "\ninternal output (unsuppressed figures and rejected rows: the service user only) in {}:\n",
        shown(&outcome.internal_period_dir)
    ));
    for f in internal {
        s.push_str(&format!("  {}\n", shown(f)));
    }
    s
}
