//! `woonmonitor backtest --from YYYY --to YYYY`: the year-end forecast replayed on past years
//! (`compute::backtest` through `pipeline::backtest`), printed per month of the year beside the
//! naive pace forecast.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::error::Error;
use crate::clock;
use crate::config::{LoadOptions, Settings};

/// `woonmonitor backtest`.
pub(super) fn run(
    load: &LoadOptions,
    from: i32,
    to: i32,
    data: Option<PathBuf>,
    run_date: Option<NaiveDate>,
) -> Result<(), Error> {
    let years = crate::domain::Period::YEARS;
    if !years.contains(&from) || !years.contains(&to) {
        return Err(Error::Usage(format!(
            "--from {from} and --to {to} must be years from {} to {}\n  what to do: give the years of the data to replay, e.g. --from 2022 --to 2025",
            years.start(),
            years.end()
        )));
    }
    if from > to {
        return Err(Error::Usage(format!(
            "--from {from} is after --to {to}\n  what to do: give the first year, then the last"
        )));
    }
    let (settings, reference) = Settings::load(load)?;
    let today = run_date.unwrap_or_else(|| clock::today(settings.time_zone()));
    let result =
        crate::pipeline::backtest(&settings, &reference, data.as_deref(), today, from, to)?;
    outln!(
        "backtest of the year-end forecast, {from}-{to}: each month replayed with the deliveries dated up to its end"
    );
    outln!(
        "month  scope-years  in 80% band  naive in band   Brier  naive Brier  (Brier over scopes with a lower bound)"
    );
    let pct = |v: f64| format!("{:.1}%", v * 100.0);
    for m in &result.months {
        outln!(
            "{:>5}  {:>11}  {:>11}  {:>13}  {:>6.3}  {:>11.3}  ({})",
            m.month,
            m.scopes,
            pct(m.coverage),
            pct(m.naive_coverage),
            m.brier,
            m.naive_brier,
            m.brier_scopes
        );
    }
    let all = result.april_to_october();
    outln!(
        "Apr-Oct {:>9}  {:>11}  {:>13}  {:>6.3}  {:>11.3}  ({})",
        all.scopes,
        pct(all.coverage),
        pct(all.naive_coverage),
        all.brier,
        all.naive_brier,
        all.brier_scopes
    );
    if all.naive_brier > 0.0 {
        outln!(
            "the forecast's Brier score is {:.0}% lower than the naive forecast's (April to October)",
            (1.0 - all.brier / all.naive_brier) * 100.0
        );
    }
    Ok(())
}
