//! Command-line interface: argument definitions (clap), dispatch to the command's own file, and
//! the one place where failures become exit codes. Each command lives in a file of its own
//! (`report`, `daemon`, `runs`, …); `operator` runs the state-changing commands for them.
//! Exit codes: 0 success (also when rows were rejected), 1 internal or output error,
//! 2 usage or configuration error, 3 a required source is unusable.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Parser, Subcommand};

mod accounts;
mod backtest;
mod backup;
mod bench;
mod check_config;
mod daemon;
mod error;
mod mails;
mod operator;
mod owner;
mod regenerate;
mod report;
mod restore;
mod runs;
mod sample_data;
mod verify;

use crate::config::{LoadOptions, Settings};
use crate::domain::{Period, ReportPeriod};
use crate::service::commands::Command as ServiceCommand;
use crate::service::Service;
pub use accounts::AccountsAction;
pub use error::Error;
pub use mails::MailsAction;

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
    /// Read the sources, compute the figures for a month, quarter or year; the documents and
    /// suppressed tables go to <out>/<period>/, the unsuppressed figures and rejected rows to
    /// <internal>/<period>/.
    Report {
        /// The report period: a month YYYY-MM (January up to it), a quarter YYYY-Qn or a year
        /// YYYY (default: the last complete month).
        #[arg(long, value_name = "YYYY-MM|YYYY-Qn|YYYY")]
        period: Option<ReportPeriod>,
        /// Read applications/deliveries/commitments (.csv or .xlsx) from DIR instead of the configured sources.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// Published output root (default: output.dir from the configuration).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Internal output root, private to the user who runs it (default: privacy.internal_dir).
        #[arg(long, value_name = "DIR")]
        internal: Option<PathBuf>,
        /// The run date, YYYY-MM-DD: rows dated after it are rejected (default: today in the
        /// configured time zone, schedule.timezone).
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
        /// A month (2026-10: the year to date), a quarter (2026-Q3) or a year (2026).
        #[arg(long, value_name = "YYYY-MM|YYYY-Qn|YYYY")]
        period: ReportPeriod,
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
    /// Back up the state folder (store, snapshots, report archive, outbox) into DIR, a new or
    /// empty folder, while the daemon runs; with a manifest of every file's SHA-256.
    Backup {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// DIR holds dated backups: make a new one in DIR/<UTC time>/ and keep only the newest N
        /// (the daily timer of the package uses --keep 7).
        #[arg(long, value_name = "N")]
        keep: Option<usize>,
    },
    /// Check a state folder (default: the configured one) or a backup: the store's integrity,
    /// every archived report and snapshot against its recorded hash, every manifest entry.
    /// Exit 0 when clean, 1 with the list of what is wrong.
    Verify {
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Restore a backup into a new, empty state folder (verified first).
    Restore {
        /// The backup (made by `woonmonitor backup`).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// The new state folder; afterwards set `state.dir` to it.
        #[arg(long, value_name = "NEWDIR")]
        state: PathBuf,
    },
    /// Check the configuration and say what is wrong.
    CheckConfig {
        /// Also connect to the SMTP server (TLS as configured) and log in.
        #[arg(long)]
        smtp: bool,
    },
    /// The e-mail outbox: list it, queue failed mails again, cancel one.
    Mails {
        #[command(subcommand)]
        action: Option<MailsAction>,
        /// Only mails with this status (held, pending, sending, sent, failed, cancelled).
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// The portal's accounts: invite a person of a corporation or of the matching organisation,
    /// list them, disable one.
    Accounts {
        #[command(subcommand)]
        action: AccountsAction,
    },
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
    /// Replay every month of the years FROM to TO with only the data known at that month's
    /// end, and print per month how often the real year-end fell inside the forecast's 80%
    /// band and the Brier score of its chance of ending below the lower bound, beside the naive
    /// pace forecast's (docs/FORECAST.md).
    Backtest {
        #[arg(long, value_name = "YYYY")]
        from: i32,
        #[arg(long, value_name = "YYYY")]
        to: i32,
        /// Folder with applications/deliveries (.csv or .xlsx); default: the configured feeds.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// Rows dated after this day are rejected (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        run_date: Option<NaiveDate>,
    },
    /// Measure the stages of a report run (read+validate, compute, export, render) on a dataset.
    Bench {
        /// Folder with applications/deliveries/commitments (.csv or .xlsx); default: the
        /// configured feeds.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
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
        /// Instead: time the portal's preview of this upload (`--feed` names the portal feed),
        /// against a previous delivery of the same file, in a temporary state folder.
        #[arg(long, value_name = "FILE", requires = "feed")]
        portal_preview: Option<PathBuf>,
        #[arg(long, value_name = "NAME")]
        feed: Option<String>,
    },
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

/// Runs the command in its own file; the state folder's commands get the [`Service`] (as the
/// folder's owner, see `owner`).
fn dispatch(cli: Cli) -> Result<(), Error> {
    let load = LoadOptions {
        file: cli.config.clone(),
        env: None,
    };
    let service = || -> Result<Service, Error> {
        let (settings, reference) = Settings::load(&load)?;
        owner::become_state_owner(&settings.state.dir)?;
        Ok(Service::new(settings, reference))
    };
    match cli.command {
        Command::Report {
            period,
            data,
            out,
            internal,
            run_date,
            generated_at,
            no_pdf,
            as_of,
        } => report::run(
            &load,
            report::Options {
                period,
                data,
                out,
                internal,
                run_date,
                generated_at,
                no_pdf,
                as_of,
            },
        ),
        Command::Daemon { once } => daemon::run(service()?, once),
        Command::Pull => operator::run(&service()?, ServiceCommand::Pull),
        Command::Runs { limit } => runs::run(&service()?, limit),
        Command::Regenerate {
            period,
            municipality,
            corporation,
            region,
            send,
        } => regenerate::run(&service()?, period, municipality, corporation, region, send),
        Command::Release { run } => operator::run(&service()?, ServiceCommand::Release { run }),
        Command::Accounts { action } => accounts::run(&service()?, action),
        Command::Mails {
            action,
            status,
            limit,
        } => mails::run(&service()?, action, status.as_deref(), limit),
        Command::Backup { dir, keep } => backup::run(&load, dir, keep),
        Command::Verify { dir } => verify::run(&load, dir),
        Command::Restore { dir, state } => restore::run(&dir, &state),
        Command::CheckConfig { smtp } => check_config::run(&load, smtp),
        Command::SampleData {
            out,
            years,
            seed,
            until,
            clean,
            municipalities,
            corporations,
            applications_per_year,
        } => sample_data::run(
            &load,
            sample_data::Options {
                out,
                years,
                seed,
                until,
                clean,
                municipalities,
                corporations,
                applications_per_year,
            },
        ),
        Command::Backtest {
            from,
            to,
            data,
            run_date,
        } => backtest::run(&load, from, to, data, run_date),
        Command::Bench {
            data,
            period,
            run_date,
            out,
            repeat,
            portal_preview,
            feed,
        } => bench::run(
            &load,
            bench::Options {
                data,
                period,
                run_date,
                out,
                repeat,
                portal_preview,
                feed,
            },
        ),
    }
}
