//! `woonmonitor sample-data`: write a realistic synthetic dataset for the configured region, or
//! for a synthetic one of N municipalities with a matching configuration.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::error::Error;
use crate::clock;
use crate::config::{LoadOptions, Settings};
use crate::files::write_atomic;
use crate::tools::sample::{self, SampleOptions};

/// The arguments of `woonmonitor sample-data` (see [`super::Command::SampleData`]).
pub(super) struct Options {
    pub out: PathBuf,
    pub years: u32,
    pub seed: u64,
    pub until: Option<NaiveDate>,
    pub clean: bool,
    pub municipalities: Option<usize>,
    pub corporations: usize,
    pub applications_per_year: Option<f64>,
}

/// `woonmonitor sample-data`: prints every file it wrote.
pub(super) fn run(load: &LoadOptions, options: Options) -> Result<(), Error> {
    let Options {
        out,
        years,
        seed,
        until,
        clean,
        municipalities,
        corporations,
        applications_per_year,
    } = options;
    let (reference, tz) = match municipalities {
        Some(n) => (
            sample::synthetic_reference(n.max(1), corporations.max(1)),
            crate::config::ScheduleSetting::default().timezone,
        ),
        None => {
            let (settings, reference) = Settings::load(load)?;
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
