//! `woonmonitor bench`: measure the stages of a report run on a dataset, or with
//! `--portal-preview FILE --feed NAME` the portal's preview of an upload; the measuring is in
//! `tools`.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::error::Error;
use crate::config::{LoadOptions, Settings};
use crate::domain::Period;
use crate::tools::bench::{self, BenchOptions};
use crate::tools::bench_preview;

/// The arguments of `woonmonitor bench` (see [`super::Command::Bench`]).
pub(super) struct Options {
    pub data: Option<PathBuf>,
    pub period: Period,
    pub run_date: NaiveDate,
    pub out: Option<PathBuf>,
    pub repeat: u32,
    pub portal_preview: Option<PathBuf>,
    pub feed: Option<String>,
}

/// `woonmonitor bench`.
pub(super) fn run(load: &LoadOptions, options: Options) -> Result<(), Error> {
    let Options {
        data,
        period,
        run_date,
        out,
        repeat,
        portal_preview,
        feed,
    } = options;
    let (settings, reference) = Settings::load(load)?;
    if let (Some(file), Some(feed)) = (portal_preview, feed) {
        bench_preview::run(settings, reference, &file, &feed, run_date, repeat)?;
        return Ok(());
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
