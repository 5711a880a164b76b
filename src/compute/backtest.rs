//! The backtest of the year-end forecast: every month of the given years replayed with only the
//! deliveries dated up to that month's end, each scope's forecast set against what it really
//! made available by December. Per month of the year: how often the real year-end fell inside
//! the 80% band, and the Brier score of the chance of ending below the lower bound, beside the
//! same for the naive pace forecast (a band of ± nothing, a chance of 0 or 1). Pure: no I/O.
//!
//! Scopes: the region, every municipality, every corporation in a municipality where it has a
//! (derived) lower bound or made homes available, and every corporation's total. Bounds are the
//! derived ones (declared commitments are not part of the data the backtest replays).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::figures::ComputeError;
use super::outlook::{earlier_years, jan, Forecaster};
use super::queries::Queries;
use crate::domain::Period;
use crate::ingest::Dataset;

/// The results of one month of the year, over all years and scopes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MonthScore {
    pub month: u32,
    /// Scope-years forecast (those with a lower bound or homes).
    pub scopes: usize,
    /// The share whose real year-end fell inside the 80% band.
    pub coverage: f64,
    /// The Brier score of the chance of ending below the lower bound (scopes with a lower bound
    /// of at least one home).
    pub brier: f64,
    pub brier_scopes: usize,
    /// The same for the naive pace forecast.
    pub naive_coverage: f64,
    pub naive_brier: f64,
}

/// The backtest over `from..=to`: a score per month (1–11).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Backtest {
    pub from: i32,
    pub to: i32,
    pub months: Vec<MonthScore>,
}

impl Backtest {
    /// The band's coverage and the Brier scores over April to October together.
    pub fn april_to_october(&self) -> MonthScore {
        let chosen: Vec<&MonthScore> = self
            .months
            .iter()
            .filter(|m| (4..=10).contains(&m.month))
            .collect();
        let n: usize = chosen.iter().map(|m| m.scopes).sum();
        let nb: usize = chosen.iter().map(|m| m.brier_scopes).sum();
        let w = |f: fn(&MonthScore) -> f64, by: fn(&MonthScore) -> usize, total: usize| {
            chosen.iter().map(|m| f(m) * by(m) as f64).sum::<f64>() / total.max(1) as f64
        };
        MonthScore {
            month: 0,
            scopes: n,
            coverage: w(|m| m.coverage, |m| m.scopes, n),
            brier: w(|m| m.brier, |m| m.brier_scopes, nb),
            brier_scopes: nb,
            naive_coverage: w(|m| m.naive_coverage, |m| m.scopes, n),
            naive_brier: w(|m| m.naive_brier, |m| m.brier_scopes, nb),
        }
    }
}

/// One scope-year's outcome at one month.
struct Case {
    inside: bool,
    naive_inside: bool,
    /// (forecast chance, naive chance, whether it ended below) when it has a lower bound.
    below: Option<(f64, f64, bool)>,
}

/// Replays every month of `from..=to` (years whose December is in the data).
pub fn backtest(
    dataset: &Dataset,
    region: &str,
    municipalities: &[String],
    from: i32,
    to: i32,
) -> Result<Backtest, ComputeError> {
    let q = Queries::new(dataset, region)?;
    let first = earlier_years(q.first_month(), from)
        .first()
        .copied()
        .unwrap_or(from);
    let history = q.delivery_history(jan(first), jan(to) + 11)?;
    let mut cases: BTreeMap<u32, Vec<Case>> = BTreeMap::new();
    for year in from..=to {
        let years = earlier_years(q.first_month(), year);
        let (y0, y1) = (jan(year), jan(year) + 11);
        let (p0, p1) = (jan(year - 1), jan(year - 1) + 11);
        // The scopes of the year: the region, the municipalities, corporations with homes in
        // the year or the year before (their lower bound).
        let mut scopes: Vec<(String, Option<String>)> = vec![(region.to_string(), None)];
        scopes.extend(municipalities.iter().map(|m| (m.clone(), None)));
        let corps: BTreeSet<(String, String)> = history
            .corporations
            .keys()
            .filter(|(s, c)| {
                !c.is_empty()
                    && (history.corporation_sum(s, c, p0, p1) > 0
                        || history.corporation_sum(s, c, y0, y1) > 0)
            })
            .cloned()
            .collect();
        scopes.extend(corps.into_iter().map(|(s, c)| (s, Some(c))));
        for month in 1..=11u32 {
            let period = Period::new(year, month).expect("valid");
            let f = Forecaster::new(&history, &years, region, period);
            for (scope, corp) in &scopes {
                let (lower, real, inputs) = match corp {
                    None => (
                        history.scope_sum(scope, p0, p1),
                        history.scope_sum(scope, y0, y1),
                        f.scope_inputs(scope),
                    ),
                    Some(c) => (
                        history.corporation_sum(scope, c, p0, p1),
                        history.corporation_sum(scope, c, y0, y1),
                        f.corporation_inputs(scope, c),
                    ),
                };
                if lower == 0 && real == 0 {
                    continue;
                }
                let so_far = inputs.1;
                let forecast = f.forecast(inputs, lower, None);
                let naive = super::bounds::naive_forecast(so_far, month, month).unwrap_or(0.0);
                cases.entry(month).or_default().push(Case {
                    inside: forecast.low <= real && real <= forecast.high,
                    naive_inside: (naive - real as f64).abs() < 0.5,
                    below: (lower > 0).then_some((
                        forecast.p_below_lower,
                        if naive < lower as f64 { 1.0 } else { 0.0 },
                        real < lower,
                    )),
                });
            }
        }
    }
    let months = cases
        .into_iter()
        .map(|(month, cases)| {
            let n = cases.len().max(1) as f64;
            let below: Vec<(f64, f64, bool)> = cases.iter().filter_map(|c| c.below).collect();
            let nb = below.len().max(1) as f64;
            let brier = |pick: fn(&(f64, f64, bool)) -> f64| {
                below
                    .iter()
                    .map(|b| (pick(b) - if b.2 { 1.0 } else { 0.0 }).powi(2))
                    .sum::<f64>()
                    / nb
            };
            MonthScore {
                month,
                scopes: cases.len(),
                coverage: cases.iter().filter(|c| c.inside).count() as f64 / n,
                brier: brier(|b| b.0),
                brier_scopes: below.len(),
                naive_coverage: cases.iter().filter(|c| c.naive_inside).count() as f64 / n,
                naive_brier: brier(|b| b.1),
            }
        })
        .collect();
    Ok(Backtest { from, to, months })
}
