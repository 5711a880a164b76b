//! Command-line interface: argument definitions (clap), dispatch to the library, and the one
//! place where failures become exit codes (`operator` runs the state-changing commands).
//! Exit codes: 0 success (also when rows were rejected), 1 internal or output error,
//! 2 usage or configuration error, 3 a required source is unusable.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Parser, Subcommand};

mod operator;
mod owner;

use crate::clock;
use crate::config::{ConfigError, LoadOptions, Settings};
use crate::domain::{Period, ReportPeriod};
use crate::files::{write_atomic, WriteError};
use crate::pipeline::{self, PipelineError, ReportRequest};
use crate::service::commands::Command as ServiceCommand;
use crate::service::reporting::AsOf;
use crate::service::store::StoreError;
use crate::service::{ErrorClass, Selection, Service, ServiceError};
use crate::tools::bench::{self, BenchError, BenchOptions};
use crate::tools::sample::{self, SampleOptions};

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

#[derive(Debug, Subcommand)]
pub enum MailsAction {
    /// Queue a failed mail again (or all failed mails with --failed) and send.
    Retry {
        /// The mail id (see `woonmonitor mails`).
        #[arg(required_unless_present = "failed", conflicts_with = "failed")]
        id: Option<i64>,
        #[arg(long)]
        failed: bool,
    },
    /// Withdraw a mail that has not been sent.
    Cancel { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum AccountsAction {
    /// Invite a person: they sign in to the portal with a link sent to this address.
    Add {
        #[arg(long, value_name = "ADDRESS")]
        email: String,
        /// The corporation they deliver for (its code, name or alias).
        #[arg(
            long,
            value_name = "CODE",
            required_unless_present = "source",
            conflicts_with = "source"
        )]
        corporation: Option<String>,
        /// `applications`: a person of the matching organisation.
        #[arg(long, value_name = "SOURCE", value_parser = ["applications"])]
        source: Option<String>,
    },
    /// Every account, enabled ones first.
    List,
    /// End an account's access (its sessions and links end at once).
    Disable {
        #[arg(long, value_name = "ADDRESS")]
        email: String,
    },
}

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error(transparent)]
    Service(Box<ServiceError>),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Bench(#[from] BenchError),
    #[error(transparent)]
    Backup(#[from] crate::service::backup::BackupError),
    /// `verify` found problems (listed).
    #[error("{} problem(s) found:\n{}", .0.len(), .0.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Verify(Vec<String>),
    #[error("--as-of {0:?}: give a run id or a date YYYY-MM-DD")]
    AsOf(String),
    #[error("{0}")]
    Usage(String),
    /// A pull that could not fetch every source (the others were pulled).
    #[error("pull run {run} failed: {error}\n  the last good snapshot of each failed source stays in use; fix the source, then: woonmonitor pull")]
    PullFailed { run: i64, error: String },
    /// A command the daemon ran and that failed there.
    #[error("{message}")]
    Remote { message: String, class: ErrorClass },
}

impl From<ServiceError> for Error {
    fn from(e: ServiceError) -> Self {
        Error::Service(Box::new(e))
    }
}

impl From<crate::service::lock::LockError> for Error {
    fn from(e: crate::service::lock::LockError) -> Self {
        ServiceError::from(e).into()
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        ServiceError::from(e).into()
    }
}

impl Error {
    /// The one place where failures become exit codes: 2 = usage or configuration, 3 = a
    /// required source is unusable, 1 = anything else.
    pub fn exit_code(&self) -> i32 {
        fn pipeline(e: &PipelineError) -> i32 {
            match e {
                PipelineError::Config(_)
                | PipelineError::FuturePeriod { .. }
                | PipelineError::Texts(_)
                | PipelineError::TemplateFile { .. } => 2,
                PipelineError::Source(_) => 3,
                PipelineError::Compute(_)
                | PipelineError::Write(_)
                | PipelineError::Render(_)
                | PipelineError::DuplicateFileName { .. } => 1,
            }
        }
        fn class(c: ErrorClass) -> i32 {
            match c {
                ErrorClass::Usage => 2,
                ErrorClass::Source => 3,
                ErrorClass::Internal => 1,
            }
        }
        match self {
            Error::Config(_) | Error::AsOf(_) | Error::Usage(_) => 2,
            Error::Pipeline(e) | Error::Bench(BenchError::Pipeline(e)) => pipeline(e),
            Error::Service(e) => match e.as_ref() {
                ServiceError::Pipeline(e) => pipeline(e),
                e => class(e.class()),
            },
            Error::Remote { class: c, .. } => class(*c),
            Error::PullFailed { .. } => 3,
            Error::Write(_) | Error::Bench(_) | Error::Verify(_) => 1,
            Error::Backup(crate::service::backup::BackupError::NotEmpty(_))
            | Error::Backup(crate::service::backup::BackupError::NotState(_)) => 2,
            Error::Backup(_) => 1,
        }
    }
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

fn as_of(s: &str, tz: chrono_tz::Tz) -> Result<AsOf, Error> {
    if let Ok(id) = s.parse::<i64>() {
        return Ok(AsOf::Run(id));
    }
    let d: NaiveDate = s.parse().map_err(|_| Error::AsOf(s.to_string()))?;
    Ok(AsOf::Time(clock::end_of_day(tz, d)))
}

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
            as_of: as_of_arg,
        } => {
            let (settings, reference) = Settings::load(&load)?;
            let tz = settings.time_zone();
            let today = run_date.unwrap_or_else(|| clock::today(tz));
            let plan = match &as_of_arg {
                Some(a) => {
                    let a = as_of(a, tz)?;
                    let service = Service::new(settings.clone(), reference.clone());
                    Some(runtime().block_on(service.plan(&a, chrono::Utc::now()))?)
                }
                None => None,
            };
            let report =
                period.unwrap_or_else(|| ReportPeriod::month(Period::last_complete(today)));
            let req = ReportRequest {
                period: report.end,
                span: report.span,
                data_dir: data,
                out_dir: out.unwrap_or_else(|| settings.output.dir.clone()),
                internal_dir: internal.unwrap_or_else(|| settings.privacy.internal_dir.clone()),
                private: false,
                today,
                generated_at: generated_at.unwrap_or_else(|| clock::generation_time(tz)),
                pdf: !no_pdf,
                settings,
                reference,
            };
            tracing::info!(period = %req.period, "report run started");
            let outcome = match &plan {
                Some(p) => pipeline::report_with_plan(&req, p, None)?,
                None => pipeline::report(&req)?,
            };
            let cwd = std::env::current_dir().unwrap_or_default();
            out!("{}", pipeline::describe(&outcome, &cwd));
            Ok(())
        }
        Command::Daemon { once } => {
            let service = service()?;
            runtime().block_on(crate::service::daemon::run(
                service,
                crate::service::daemon::DaemonOptions { once },
            ))?;
            Ok(())
        }
        Command::Pull => operator::run(&service()?, ServiceCommand::Pull),
        Command::Runs { limit } => operator::list_runs(&service()?, limit),
        Command::Regenerate {
            period,
            municipality,
            corporation,
            region,
            send,
        } => {
            let selection = match (municipality, corporation, region) {
                (Some(m), _, _) => Selection::Municipality(m),
                (_, Some(c), _) => Selection::Corporation(c),
                (_, _, true) => Selection::Region,
                _ => Selection::All,
            };
            let service = service()?;
            // An unknown code is a usage error before anything runs.
            let selection = service.check_selection(&selection)?;
            operator::run(
                &service,
                ServiceCommand::Regenerate {
                    period,
                    selection,
                    send,
                },
            )
        }
        Command::Release { run } => operator::run(&service()?, ServiceCommand::Release { run }),
        Command::Accounts { action } => operator::accounts(&service()?, action),
        Command::Mails {
            action,
            status,
            limit,
        } => {
            let service = service()?;
            match action {
                None => operator::list_mails(&service, status.as_deref(), limit),
                Some(MailsAction::Retry { id, .. }) => {
                    operator::run(&service, ServiceCommand::MailsRetry { id })
                }
                Some(MailsAction::Cancel { id }) => {
                    operator::run(&service, ServiceCommand::MailsCancel { id })
                }
            }
        }
        Command::Backup { dir, keep } => {
            let (settings, _) = Settings::load(&load)?;
            let state = &settings.state.dir;
            let (dir, parent) = match keep {
                Some(_) => (
                    dir.join(chrono::Utc::now().format("%Y-%m-%dT%H%M%SZ").to_string()),
                    Some(dir),
                ),
                None => (dir, None),
            };
            let s = crate::service::backup::backup(state, &state.display().to_string(), &dir)?;
            if let (Some(parent), Some(keep)) = (parent, keep) {
                for old in crate::service::backup::prune(&parent, keep.max(1))? {
                    outln!("removed the older backup {}", old.display());
                }
            }
            outln!(
                "backup of {} in {}: {} files, {} bytes, store schema version {}",
                state.display(),
                dir.display(),
                s.files,
                s.bytes,
                s.schema_version
            );
            Ok(())
        }
        Command::Verify { dir } => {
            let (settings, _) = Settings::load(&load)?;
            let state = settings.state.dir.clone();
            let dir = dir.unwrap_or_else(|| state.clone());
            let problems = crate::service::backup::verify(&dir, &state.display().to_string())?;
            if !problems.is_empty() {
                return Err(Error::Verify(problems));
            }
            outln!(
                "{}: clean (store, archived reports, snapshots)",
                dir.display()
            );
            Ok(())
        }
        Command::Restore { dir, state } => {
            let s = crate::service::backup::restore(&dir, &state, &state.display().to_string())?;
            outln!(
                "restored {} files from {} into {} (store schema version {}; {} file names moved to the new folder)",
                s.files,
                dir.display(),
                state.display(),
                s.schema_version,
                s.renamed
            );
            outln!("next:");
            outln!(
                "  - set state.dir = {:?} in the configuration, then start the daemon",
                state.display().to_string()
            );
            outln!("  - {} mail(s) queued at backup time will be sent once at its first start; {} held mail(s) wait for `woonmonitor release`", s.queued, s.held);
            outln!("  - {} mail(s) were sent before the backup and stay sent; any mail sent after the backup was taken will be sent again (with its original Message-ID, so a mail system can recognise the duplicate)", s.sent);
            Ok(())
        }
        Command::CheckConfig { smtp } => {
            let (settings, reference) = Settings::load(&load)?;
            outln!(
                "configuration is valid: {} municipalities in {}, {} corporations, output to {}",
                reference.municipalities.len(),
                settings.region.name,
                reference.corporations.len(),
                settings.output.dir.display()
            );
            for feed in settings.feeds() {
                let where_ = match &feed.setting.url {
                    _ if feed.setting.portal => "uploaded in the portal (/portaal/)".to_string(),
                    Some(url) => format!("{} (HTTP)", crate::files::redact_url(url)),
                    None => format!(
                        "{} ({})",
                        feed.setting.path.display(),
                        if feed.setting.path.exists() {
                            "found"
                        } else {
                            "NOT FOUND"
                        }
                    ),
                };
                let label = if feed.name == feed.kind.as_str() {
                    format!("source {}", feed.kind)
                } else {
                    format!("feed {} ({})", feed.name, feed.kind)
                };
                outln!("  {label}: {where_}");
            }
            // The HTTP edge's tokens (never printed): long enough, each its own.
            let secrets = settings.http_secrets()?;
            outln!(
                "  HTTP on {}: API {}, console {} operator(s){}",
                settings.api.bind,
                if secrets.api.is_some() {
                    "token set"
                } else {
                    "off (no token)"
                },
                secrets.operators.len(),
                match &settings.console.user_header {
                    Some(h) => format!(
                        ", proxy header {h} from {}",
                        settings.console.trusted_proxies.join(", ")
                    ),
                    None => String::new(),
                }
            );
            if smtp {
                operator::check_smtp(&settings)?;
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
            let (reference, tz) = match municipalities {
                Some(n) => (
                    sample::synthetic_reference(n.max(1), corporations.max(1)),
                    crate::config::ScheduleSetting::default().timezone,
                ),
                None => {
                    let (settings, reference) = Settings::load(&load)?;
                    (reference, settings.time_zone())
                }
            };
            let until = until.unwrap_or_else(|| clock::today(tz).pred_opt().expect("valid date"));
            let opts = SampleOptions {
                applications_per_year: applications_per_year.or(municipalities.map(|_| 100_000.0)),
                years: years.max(1),
                seed,
                until,
                clean,
            };
            for f in sample::write(&out, &reference, &opts)? {
                outln!("wrote {}", f.display());
            }
            if municipalities.is_some() {
                let cfg = out.join("config.toml");
                write_atomic(&cfg, sample::config_toml(&reference, &out).as_bytes())?;
                outln!("wrote {} (use it with --config)", cfg.display());
            }
            Ok(())
        }
        Command::Bench {
            data,
            period,
            run_date,
            out,
            repeat,
            portal_preview,
            feed,
        } => {
            let (settings, reference) = Settings::load(&load)?;
            if let (Some(file), Some(feed)) = (portal_preview, feed) {
                return operator::bench_preview(
                    settings, reference, &file, &feed, run_date, repeat,
                );
            }
            bench::run(
                settings,
                reference,
                BenchOptions {
                    data,
                    period,
                    run_date,
                    out,
                    repeat,
                },
            )?;
            Ok(())
        }
    }
}
