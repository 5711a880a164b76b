//! `woonmonitor bench`: times the stages of a report run on a dataset (read+validate, compute,
//! export, render all PDFs, the whole run), the rows per second, peak memory and PDF sizes, and
//! Polars' own CSV reader on the same files as the practical lower bound for parsing.
//! A benchmark, not a test: run it on an otherwise idle machine (`docs/PERFORMANCE.md`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::config::{Reference, Settings};
use crate::domain::Period;
use crate::pipeline::{self, PipelineError, ReportRequest, Timings};

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("Polars cannot read {}: {source}", path.display())]
    Polars {
        path: PathBuf,
        #[source]
        source: polars::error::PolarsError,
    },
}

/// What to measure.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Folder with applications/deliveries/commitments (.csv or .xlsx); `None`: the configured
    /// feeds.
    pub data: Option<PathBuf>,
    pub period: Period,
    pub run_date: NaiveDate,
    /// Output root (default: a temporary folder).
    pub out: Option<PathBuf>,
    /// Runs to make; the fastest of each stage is reported.
    pub repeat: u32,
}

/// Peak resident memory of this process (Linux `VmHWM`), in MiB.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Polars' CSV reader on `path` (separator detected from the header line); returns rows read.
/// Built only with the `polars-csv-reference` feature: Polars' CSV support brings its streaming
/// engine, Parquet and compression libraries along, a third of a first build's time.
#[cfg(feature = "polars-csv-reference")]
fn polars_read(path: &std::path::Path) -> Result<usize, BenchError> {
    use polars::prelude::*;
    let head = std::fs::read(path).map_err(|source| BenchError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let first = head.split(|b| *b == b'\n').next().unwrap_or(&[]);
    let sep = if first.iter().filter(|b| **b == b';').count()
        > first.iter().filter(|b| **b == b',').count()
    {
        b';'
    } else {
        b','
    };
    let df = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(1000))
        .with_parse_options(CsvParseOptions::default().with_separator(sep))
        .try_into_reader_with_file_path(Some(path.to_path_buf()))
        .and_then(|r| r.finish())
        .map_err(|source| BenchError::Polars {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(df.height())
}

/// The fastest of `repeat` reads of the feeds' CSV files by Polars, and the rows read; `None`
/// without the `polars-csv-reference` feature.
#[cfg(feature = "polars-csv-reference")]
fn polars_reference(
    outcome: &pipeline::ReportOutcome,
    repeat: u32,
) -> Result<Option<(Duration, usize)>, BenchError> {
    let mut best: Option<Duration> = None;
    let mut rows = 0;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        rows = 0;
        for r in &outcome.sources {
            if r.file.extension().is_some_and(|e| e == "csv") {
                rows += polars_read(&r.file)?;
            }
        }
        let e = t.elapsed();
        best = Some(best.map_or(e, |b| b.min(e)));
    }
    Ok(best.map(|b| (b, rows)))
}

#[cfg(not(feature = "polars-csv-reference"))]
fn polars_reference(
    _: &pipeline::ReportOutcome,
    _: u32,
) -> Result<Option<(Duration, usize)>, BenchError> {
    Ok(None)
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

pub fn run(settings: Settings, reference: Reference, opts: BenchOptions) -> Result<(), BenchError> {
    let BenchOptions {
        data,
        period,
        run_date,
        out,
        repeat,
    } = opts;
    let shown = data.as_ref().map_or_else(
        || "the configured feeds".to_string(),
        |d| d.display().to_string(),
    );
    let out_dir = out.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("woonmonitor-bench-{}", std::process::id()))
    });
    let req = ReportRequest {
        settings,
        reference,
        period,
        span: crate::domain::Span::Month,
        data_dir: data,
        out_dir: out_dir.clone(),
        internal_dir: out_dir.join("internal"),
        private: false,
        today: run_date,
        generated_at: run_date.and_hms_opt(7, 0, 0).expect("valid time"),
        pdf: true,
    };
    let mut best: Option<(Timings, Duration)> = None;
    let mut last = None;
    for _ in 0..repeat.max(1) {
        // Each run starts without the font subsets of the one before, as a new process would.
        pipeline::forget_render_caches();
        let t = Instant::now();
        let outcome = pipeline::report(&req)?;
        let wall = t.elapsed();
        let tm = outcome.timings;
        best = Some(match best {
            None => (tm, wall),
            Some((b, w)) => (
                Timings {
                    ingest: b.ingest.min(tm.ingest),
                    compute: b.compute.min(tm.compute),
                    export: b.export.min(tm.export),
                    render: b.render.min(tm.render),
                    write_pdfs: b.write_pdfs.min(tm.write_pdfs),
                },
                w.min(wall),
            ),
        });
        last = Some(outcome);
    }
    let (tm, wall) = best.expect("at least one run");
    let outcome = last.expect("at least one run");
    let rows: usize = outcome.sources.iter().map(|s| s.read).sum();
    let sizes: Vec<usize> = outcome.documents.iter().map(|d| d.bytes.len()).collect();
    let reference = polars_reference(&outcome, repeat)?;
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    outln!(
        "woonmonitor bench: {shown} for {period}, best of {} run(s), {cores} core(s)",
        repeat.max(1)
    );
    outln!(
        "rows read: {rows} ({})",
        outcome
            .sources
            .iter()
            .map(|s| format!("{} {}", s.name, s.read))
            .collect::<Vec<_>>()
            .join(", ")
    );
    outln!("| stage | time | rate |");
    outln!("|---|---|---|");
    outln!(
        "| read + validate | {} | {:.0} rows/s |",
        ms(tm.ingest),
        rows as f64 / tm.ingest.as_secs_f64().max(1e-9)
    );
    match reference {
        Some((best, rows)) => outln!("| Polars CSV read of the same files (reference) | {} | {:.0} rows/s ({rows} rows) |", ms(best), rows as f64 / best.as_secs_f64().max(1e-9)),
        None => outln!("| Polars CSV read (reference) | not built: `cargo run --release --features polars-csv-reference -- bench …` | |"),
    }
    outln!("| compute (Polars) | {} | |", ms(tm.compute));
    outln!("| export figures + rejected rows | {} | |", ms(tm.export));
    outln!(
        "| render {} PDFs | {} | {:.0} PDFs/s |",
        sizes.len(),
        ms(tm.render),
        sizes.len() as f64 / tm.render.as_secs_f64().max(1e-9)
    );
    outln!("| write PDFs (atomic, fsync) | {} | |", ms(tm.write_pdfs));
    outln!("| whole run | {} | |", ms(wall));
    if let Some((best, _)) = reference {
        outln!(
            "ingest vs Polars CSV read: {:.2}×",
            tm.ingest.as_secs_f64() / best.as_secs_f64().max(1e-9)
        );
    }
    if let (Some(max), true) = (sizes.iter().max(), !sizes.is_empty()) {
        outln!(
            "PDF sizes: total {:.1} MiB, largest {:.0} KiB, mean {:.0} KiB",
            sizes.iter().sum::<usize>() as f64 / 1048576.0,
            *max as f64 / 1024.0,
            sizes.iter().sum::<usize>() as f64 / sizes.len() as f64 / 1024.0
        );
    }
    if let Some(rss) = peak_rss_mib() {
        outln!("peak RSS: {rss:.0} MiB");
    }
    Ok(())
}
