//! The forecasts of a report's scopes: the region, each municipality, each corporation in a
//! municipality and each corporation's total, made with [`super::forecast`] from the monthly
//! counts of the earlier full years of the data (at most three) and of this year so far. Also
//! what marks a scope "at risk". Used by `compute` for a report and by `backtest` for every
//! month of past years.

use super::bounds::Status;
use super::figures::{ComputeError, CorporationLine, Realisation};
use super::forecast::{Forecast, ForecastInput, Model};
use super::queries::{History, Queries};
use crate::domain::Period;

/// The earlier full years a report in `period`'s year can use (at most three, oldest first:
/// those the data reaches back to the January of) and the monthly counts from the first of
/// them up to `period`. `None` for a report that reaches December (its year is over).
pub(super) fn history(
    q: &Queries,
    period: Period,
) -> Result<Option<(History, Vec<i32>)>, ComputeError> {
    if period.month() == 12 {
        return Ok(None);
    }
    let year = period.year();
    let years = earlier_years(q.first_month(), year);
    let from = jan(years.first().copied().unwrap_or(year));
    Ok(Some((q.delivery_history(from, period.index())?, years)))
}

/// The full years before `year` (at most three) that begin at least twelve months after the
/// data does. The data's first year is left out: an export that starts when a system did
/// lacks the cases registered before, so its homes ramp up through that year (a season and a
/// level that would mislead every forecast).
pub(super) fn earlier_years(first_month: Option<i32>, year: i32) -> Vec<i32> {
    (year - 3..year)
        .filter(|y| first_month.is_some_and(|f| f + 12 <= jan(*y)))
        .collect()
}

pub(super) fn jan(year: i32) -> i32 {
    Period::new(year, 1).expect("valid").index()
}

/// The forecasts after one month of one year: the model fitted on the earlier `years`, the
/// counts, and the region's pace.
pub(super) struct Forecaster<'h> {
    model: Model,
    history: &'h History,
    years: &'h [i32],
    year: i32,
    month: u32,
    /// The region's pace this year against its earlier years.
    pace: f64,
}

impl<'h> Forecaster<'h> {
    /// After `period` (its month 1–11), on `history` (which covers the earlier `years` and
    /// this year up to `period`).
    pub(super) fn new(
        history: &'h History,
        years: &'h [i32],
        region: &str,
        period: Period,
    ) -> Self {
        let region_years: Vec<[u64; 12]> = years
            .iter()
            .map(|y| history.scope_year(region, *y))
            .collect();
        let scope_years: Vec<Vec<[u64; 12]>> = history
            .scopes
            .keys()
            .filter(|s| s.as_str() != region)
            .map(|s| years.iter().map(|y| history.scope_year(s, *y)).collect())
            .collect();
        let mut f = Self {
            model: Model::fit(&region_years, &scope_years),
            history,
            years,
            year: period.year(),
            month: period.month(),
            pace: 1.0,
        };
        let (hist, so_far) = f.scope_inputs(region);
        f.pace = f.model.pace(&hist, so_far, f.month);
        f
    }

    /// A scope's totals in the earlier years and its homes this year so far.
    pub(super) fn scope_inputs(&self, scope: &str) -> (Vec<u64>, u64) {
        let hist = self
            .years
            .iter()
            .map(|y| self.history.scope_sum(scope, jan(*y), jan(*y) + 11))
            .collect();
        let so_far = self.history.scope_sum(
            scope,
            jan(self.year),
            jan(self.year) + self.month as i32 - 1,
        );
        (hist, so_far)
    }

    /// A corporation's totals in `scope` in the earlier years and its homes this year so far.
    pub(super) fn corporation_inputs(&self, scope: &str, corp: &str) -> (Vec<u64>, u64) {
        let hist = self
            .years
            .iter()
            .map(|y| {
                self.history
                    .corporation_sum(scope, corp, jan(*y), jan(*y) + 11)
            })
            .collect();
        let so_far = self.history.corporation_sum(
            scope,
            corp,
            jan(self.year),
            jan(self.year) + self.month as i32 - 1,
        );
        (hist, so_far)
    }

    /// The forecast from a scope's inputs against its bounds.
    pub(super) fn forecast(
        &self,
        (hist, so_far): (Vec<u64>, u64),
        lower: u64,
        upper: Option<u64>,
    ) -> Forecast {
        self.model.forecast(&ForecastInput {
            month: self.month,
            so_far,
            history: &hist,
            pace: self.pace,
            lower,
            upper,
        })
    }

    /// The forecast of a municipality or the region, and its status at risk.
    pub(super) fn scope(&self, r: &mut Realisation, scope: &str, threshold: f64) {
        let f = self.forecast(self.scope_inputs(scope), r.lower, Some(r.upper));
        r.forecast_year_end = Some(f.expected);
        if at_risk(r.status, r.lower, &f, threshold) {
            r.status = Status::AtRisk;
        }
        r.forecast = Some(f);
    }

    /// The forecast of a corporation line: its corporation in `scope` (a municipality, or the
    /// region for a corporation's total), against its bounds in force.
    pub(super) fn line(&self, line: &mut CorporationLine, scope: &str, threshold: f64) {
        let f = self.forecast(
            self.corporation_inputs(scope, &line.corporation),
            line.lower,
            line.upper,
        );
        if at_risk(line.status, line.lower, &f, threshold) {
            line.status = Status::AtRisk;
        }
        line.forecast = Some(f);
    }
}

/// Within the pro-rata band so far, but more likely than `threshold` to end below a lower bound
/// of at least one home.
fn at_risk(status: Status, lower: u64, f: &Forecast, threshold: f64) -> bool {
    status == Status::Within && lower > 0 && f.p_below_lower > threshold
}
