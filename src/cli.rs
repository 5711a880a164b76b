//! Command-line interface: argument definitions (clap) and dispatch to the library.
//! Exit codes: 0 success (also when rows were rejected), 1 internal or output error,
//! 2 usage or configuration error, 3 a required source is unusable.

use std::path::PathBuf;

use chrono::Timelike;
use chrono::{NaiveDate, NaiveDateTime};
use clap::{Parser, Subcommand};

use crate::config::{LoadOptions, Settings};
use crate::domain::Period;
use crate::run::{self, ReportRequest, RunError};
use crate::sample::{self, SampleOptions};
use crate::service::{AsOf, Selection, Send as SendMode, Service, ServiceError};

#[derive(Debug, Parser)]
#[command(
    name = "woonmonitor",
    version,
    about = "Monitors homes for people leaving shelter (MO) and sheltered living (BW): figures and reports per municipality, region and corporation"
)]
pub struct Cli {
    /// A complete configuration file (default: config/default.toml plus optional config/local.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the sources, compute the figures for a month and write them to <out>/<period>/.
    Report {
        /// The report month, YYYY-MM (default: the last complete month).
        #[arg(long, value_name = "YYYY-MM")]
        period: Option<Period>,
        /// Read applications/deliveries/commitments (.csv or .xlsx) from DIR instead of the configured sources.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// Output root (default: output.dir from the configuration).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// The run date, YYYY-MM-DD: rows dated after it are rejected (default: today, Europe/Amsterdam).
        #[arg(long, value_name = "YYYY-MM-DD")]
        run_date: Option<NaiveDate>,
        /// Generation time shown in the reports, YYYY-MM-DDTHH:MM:SS (default: now, or
        /// SOURCE_DATE_EPOCH when set); fix it to get byte-identical PDFs.
        #[arg(long, value_name = "YYYY-MM-DDTHH:MM:SS")]
        generated_at: Option<NaiveDateTime>,
        /// Write only the figures, no PDF reports.
        #[arg(long)]
        no_pdf: bool,
        /// Use the source snapshots of an earlier run (its id) or of a date (YYYY-MM-DD, the
        /// latest snapshots fetched by the end of that day) from the state store.
        #[arg(long, value_name = "RUN|YYYY-MM-DD")]
        as_of: Option<String>,
    },
    /// Run as a service: scheduled pulls and monthly reports, mail, the operators' API.
    Daemon {
        /// Do one scheduler pass and one mail pass, then exit.
        #[arg(long)]
        once: bool,
    },
    /// Pull every source into a snapshot now.
    Pull,
    /// List the recent runs (newest first).
    Runs {
        #[arg(long, default_value_t = 30)]
        limit: usize,
    },
    /// Generate the reports of a period again from the latest snapshots, optionally mailing them.
    Regenerate {
        #[arg(long, value_name = "YYYY-MM")]
        period: Period,
        /// Only this municipality's report.
        #[arg(long, value_name = "GM0344", conflicts_with_all = ["corporation", "region"])]
        municipality: Option<String>,
        /// Only this corporation's report.
        #[arg(long, value_name = "CODE", conflicts_with = "region")]
        corporation: Option<String>,
        /// Only the region overview.
        #[arg(long)]
        region: bool,
        /// Mail the regenerated reports to their recipients (again).
        #[arg(long)]
        send: bool,
    },
    /// Release the reports of a held run for sending.
    Release {
        /// The run id (see `woonmonitor runs`).
        run: i64,
    },
    /// Check the configuration and say what is wrong.
    CheckConfig,
    /// Write a realistic synthetic dataset for the configured region.
    SampleData {
        /// Folder to write applications.csv, deliveries.csv and commitments.csv to.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Number of calendar years of data, ending with the current one.
        #[arg(long, default_value_t = 6)]
        years: u32,
        /// Random seed: the same seed gives the same files.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Last day with data, YYYY-MM-DD (default: yesterday).
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<NaiveDate>,
        /// Leave out the handful of deliberate mistakes.
        #[arg(long)]
        clean: bool,
        /// Instead of the configured region: this many synthetic municipalities (GM0001…), with
        /// a matching configuration written to DIR/config.toml.
        #[arg(long, value_name = "N")]
        municipalities: Option<usize>,
        /// With --municipalities: this many synthetic corporations.
        #[arg(long, value_name = "N", default_value_t = 300)]
        corporations: usize,
        /// Total applications per year (default: the region's natural volume; with
        /// --municipalities 100000, about a million in ten years).
        #[arg(long, value_name = "N")]
        applications_per_year: Option<f64>,
    },
    /// Measure the stages of a report run (read+validate, compute, export, render) on a dataset.
    Bench {
        /// Folder with applications/deliveries/commitments (.csv or .xlsx).
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        #[arg(long, value_name = "YYYY-MM")]
        period: Period,
        #[arg(long, value_name = "YYYY-MM-DD")]
        run_date: NaiveDate,
        /// Output root for the run's files (default: a temporary folder).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Runs to make; the fastest of each stage is reported.
        #[arg(long, default_value_t = 3)]
        repeat: u32,
    },
}

/// Today in the Netherlands.
pub fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive()
}

/// The generation time: `SOURCE_DATE_EPOCH` when set (reproducible builds convention), else
/// now; in Dutch local time.
pub fn generation_time() -> NaiveDateTime {
    let utc = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .unwrap_or_else(chrono::Utc::now);
    utc.with_timezone(&chrono_tz::Europe::Amsterdam)
        .naive_local()
        .with_nanosecond(0)
        .unwrap_or_default()
}

/// Runs a parsed command; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match dispatch(cli) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            e.exit_code()
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime starts")
}

/// Errors of the operator commands, with their exit codes.
fn service_error(e: ServiceError) -> RunError {
    match e {
        ServiceError::Run(r) => r,
        other => RunError::Operation(other.to_string()),
    }
}

fn as_of(s: &str) -> Result<AsOf, RunError> {
    if let Ok(id) = s.parse::<i64>() {
        return Ok(AsOf::Run(id));
    }
    let d: NaiveDate = s.parse().map_err(|_| {
        RunError::Operation(format!("--as-of {s:?}: give a run id or a date YYYY-MM-DD"))
    })?;
    let end = d.and_hms_opt(23, 59, 59).expect("valid time");
    Ok(AsOf::Time(crate::schedule::local_to_utc(
        chrono_tz::Europe::Amsterdam,
        end,
    )))
}

fn dispatch(cli: Cli) -> Result<(), RunError> {
    let load = LoadOptions {
        file: cli.config.clone(),
        env: None,
    };
    match cli.command {
        Command::Report {
            period,
            data,
            out,
            run_date,
            generated_at,
            no_pdf,
            as_of: as_of_arg,
        } => {
            let (settings, reference) = Settings::load(&load)?;
            let today = run_date.unwrap_or_else(today);
            let plan = match &as_of_arg {
                Some(a) => {
                    let a = as_of(a)?;
                    let service = Service::new(settings.clone(), reference.clone());
                    Some(
                        runtime()
                            .block_on(service.plan(&a, chrono::Utc::now()))
                            .map_err(service_error)?,
                    )
                }
                None => None,
            };
            let req = ReportRequest {
                period: period.unwrap_or_else(|| Period::last_complete(today)),
                data_dir: data,
                out_dir: out.unwrap_or_else(|| settings.output.dir.clone()),
                today,
                generated_at: generated_at.unwrap_or_else(generation_time),
                pdf: !no_pdf,
                settings,
                reference,
            };
            tracing::info!(period = %req.period, "report run started");
            let outcome = match &plan {
                Some(p) => run::report_with_plan(&req, p)?,
                None => run::report(&req)?,
            };
            let cwd = std::env::current_dir().unwrap_or_default();
            print!("{}", run::describe(&outcome, &cwd));
            Ok(())
        }
        Command::Daemon { once } => {
            let (settings, reference) = Settings::load(&load)?;
            let service = Service::new(settings, reference);
            runtime()
                .block_on(crate::daemon::run(
                    service,
                    crate::daemon::DaemonOptions { once },
                ))
                .map_err(service_error)
        }
        Command::Pull => {
            let (settings, reference) = Settings::load(&load)?;
            let service = Service::new(settings, reference);
            let id = runtime()
                .block_on(service.pull("manual", chrono::Utc::now()))
                .map_err(service_error)?;
            let run = service
                .store()
                .map_err(service_error)?
                .run(id)
                .map_err(|e| service_error(e.into()))?;
            println!(
                "pull run {id}: {}{}",
                run.status,
                run.error.map(|e| format!(" ({e})")).unwrap_or_default()
            );
            for s in service
                .store()
                .map_err(service_error)?
                .run_snapshots(id)
                .map_err(|e| service_error(e.into()))?
            {
                println!(
                    "  {:<13} {}  {} bytes  from {}",
                    s.source,
                    &s.sha256[..12],
                    s.bytes,
                    s.origin
                );
            }
            Ok(())
        }
        Command::Runs { limit } => {
            let (settings, reference) = Settings::load(&load)?;
            let service = Service::new(settings, reference);
            let store = service.store().map_err(service_error)?;
            let runs = store.runs(limit).map_err(|e| service_error(e.into()))?;
            println!(
                "{:>5}  {:<7} {:<10} {:<8} {:<10} {:<24} problem",
                "run", "kind", "trigger", "period", "status", "started (UTC)"
            );
            for r in runs {
                let mails = store.outbox(Some(r.id)).unwrap_or_default();
                let sent = mails.iter().filter(|m| m.status == "sent").count();
                let problem = r.error.or(r.hold_reason).unwrap_or_default();
                println!(
                    "{:>5}  {:<7} {:<10} {:<8} {:<10} {:<24} {}{}",
                    r.id,
                    r.kind,
                    r.trigger,
                    r.period.unwrap_or_default(),
                    r.status,
                    r.started_at,
                    if mails.is_empty() {
                        String::new()
                    } else {
                        format!("mails {sent}/{} sent  ", mails.len())
                    },
                    problem
                );
            }
            Ok(())
        }
        Command::Regenerate {
            period,
            municipality,
            corporation,
            region,
            send,
        } => {
            let (settings, reference) = Settings::load(&load)?;
            let service = Service::new(settings, reference);
            let selection = match (municipality, corporation, region) {
                (Some(m), _, _) => Selection::Municipality(m),
                (_, Some(c), _) => Selection::Corporation(c),
                (_, _, true) => Selection::Region,
                _ => Selection::All,
            };
            let rt = runtime();
            let now = chrono::Utc::now();
            let mode = if send { SendMode::Again } else { SendMode::No };
            let id = rt
                .block_on(service.report(
                    period,
                    "manual",
                    &selection,
                    mode,
                    AsOf::Latest,
                    now,
                    generation_time(),
                ))
                .map_err(service_error)?;
            let store = service.store().map_err(service_error)?;
            let run = store.run(id).map_err(|e| service_error(e.into()))?;
            println!("report run {id} for {period}: {}", run.status);
            for r in store.run_reports(id).map_err(|e| service_error(e.into()))? {
                println!("  {}", r.path);
            }
            if let Some(reason) = run.hold_reason {
                println!("held for review: {reason}\n  release with: woonmonitor release {id}");
            } else if send {
                let stats = rt
                    .block_on(service.send_mail(chrono::Utc::now()))
                    .map_err(service_error)?;
                println!(
                    "mail: {} sent, {} to retry, {} failed",
                    stats.sent, stats.retried, stats.failed
                );
            }
            Ok(())
        }
        Command::Release { run } => {
            let (settings, reference) = Settings::load(&load)?;
            let service = Service::new(settings, reference);
            let n = service
                .store()
                .map_err(service_error)?
                .release(run, chrono::Utc::now())
                .map_err(|e| service_error(e.into()))?;
            println!("run {run} released: {n} mail(s) queued");
            let stats = runtime()
                .block_on(service.send_mail(chrono::Utc::now()))
                .map_err(service_error)?;
            println!(
                "mail: {} sent, {} to retry, {} failed",
                stats.sent, stats.retried, stats.failed
            );
            Ok(())
        }
        Command::CheckConfig => {
            let (settings, reference) = Settings::load(&load)?;
            println!(
                "configuration is valid: {} municipalities in {}, {} corporations, output to {}",
                reference.municipalities.len(),
                settings.region.name,
                reference.corporations.len(),
                settings.output.dir.display()
            );
            let s = &settings.sources;
            for (name, path) in [
                ("applications", Some(&s.applications.path)),
                ("deliveries", Some(&s.deliveries.path)),
                ("commitments", s.commitments.as_ref().map(|c| &c.path)),
            ] {
                if let Some(p) = path {
                    let state = if p.exists() { "found" } else { "NOT FOUND" };
                    println!("  source {name}: {} ({state})", p.display());
                }
            }
            Ok(())
        }
        Command::SampleData {
            out,
            years,
            seed,
            until,
            clean,
            municipalities,
            corporations,
            applications_per_year,
        } => {
            let reference = match municipalities {
                Some(n) => sample::synthetic_reference(n.max(1), corporations.max(1)),
                None => Settings::load(&load)?.1,
            };
            let until = until.unwrap_or_else(|| today().pred_opt().expect("valid date"));
            let opts = SampleOptions {
                applications_per_year: applications_per_year.or(municipalities.map(|_| 100_000.0)),
                years: years.max(1),
                seed,
                until,
                clean,
            };
            let files = sample::write(&out, &reference, &opts)?;
            for f in files {
                println!("wrote {}", f.display());
            }
            if municipalities.is_some() {
                let cfg = out.join("config.toml");
                crate::export::write_atomic(
                    &cfg,
                    sample::config_toml(&reference, &out).as_bytes(),
                )?;
                println!("wrote {} (use it with --config)", cfg.display());
            }
            Ok(())
        }
        Command::Bench {
            data,
            period,
            run_date,
            out,
            repeat,
        } => {
            let (settings, reference) = Settings::load(&load)?;
            crate::bench::run(settings, reference, &data, period, run_date, out, repeat)
        }
    }
}
