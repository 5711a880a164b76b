//! `woonmonitor report`: one report run of the pipeline for a month, quarter or year, from the
//! sources (or the snapshots of an earlier run or date, `--as-of`), outside the state store.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};

use super::error::{runtime, Error};
use crate::clock;
use crate::config::{LoadOptions, Settings};
use crate::domain::{Period, ReportPeriod};
use crate::pipeline::{self, ReportRequest};
use crate::service::reporting::AsOf;
use crate::service::Service;

/// The arguments of `woonmonitor report` (see [`super::Command::Report`]).
pub(super) struct Options {
    pub period: Option<ReportPeriod>,
    pub data: Option<PathBuf>,
    pub out: Option<PathBuf>,
    pub internal: Option<PathBuf>,
    pub run_date: Option<NaiveDate>,
    pub generated_at: Option<NaiveDateTime>,
    pub no_pdf: bool,
    pub as_of: Option<String>,
}

/// `woonmonitor report`: the documents and suppressed tables to <out>/<period>/, the
/// unsuppressed figures and rejected rows to <internal>/<period>/; prints what it wrote.
pub(super) fn run(load: &LoadOptions, options: Options) -> Result<(), Error> {
    let Options {
        period,
        data,
        out,
        internal,
        run_date,
        generated_at,
        no_pdf,
        as_of: as_of_arg,
    } = options;
    let (settings, reference) = Settings::load(load)?;
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
    let report = period.unwrap_or_else(|| ReportPeriod::month(Period::last_complete(today)));
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

/// `--as-of`: a run id, or a date YYYY-MM-DD (the end of that day in the configured time zone).
fn as_of(s: &str, tz: chrono_tz::Tz) -> Result<AsOf, Error> {
    if let Ok(id) = s.parse::<i64>() {
        return Ok(AsOf::Run(id));
    }
    let d: NaiveDate = s.parse().map_err(|_| Error::AsOf(s.to_string()))?;
    Ok(AsOf::Time(clock::end_of_day(tz, d)))
}
