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
        } => {
            let (settings, reference) = Settings::load(&load)?;
            let today = run_date.unwrap_or_else(today);
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
            let outcome = run::report(&req)?;
            let cwd = std::env::current_dir().unwrap_or_default();
            print!("{}", run::describe(&outcome, &cwd));
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
        } => {
            let (_, reference) = Settings::load(&load)?;
            let until = until.unwrap_or_else(|| today().pred_opt().expect("valid date"));
            let files = sample::write(
                &out,
                &reference,
                &SampleOptions {
                    years: years.max(1),
                    seed,
                    until,
                    clean,
                },
            )?;
            for f in files {
                println!("wrote {}", f.display());
            }
            Ok(())
        }
    }
}
