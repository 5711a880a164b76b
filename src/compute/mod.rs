//! Compute: every figure of the monitor, from accepted records to plain [`Figures`] structs.
//!
//! Invariants: no I/O, deterministic (same dataset and period → same figures), and all
//! aggregation over rows runs in Polars lazy queries (`queries`); this module only assembles the
//! small per-municipality results. Definitions are in docs/DEFINITIONS.md.
//!
//! Notation: Y = the report year, M = the report month (1..=12). Month numbers are
//! [`Period::index`] values so months compare and subtract as integers.

pub mod backtest;
pub mod bounds;
mod figures;
pub mod forecast;
mod outlook;
mod queries;

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Reference;
use crate::domain::{CorporationCode, LineKey, MunicipalityCode, Period, ScopeCode};
pub use bounds::Status;
pub use figures::*;

/// Computes every figure for `period`.
pub fn compute(input: &ComputeInput<'_>) -> Result<Figures, ComputeError> {
    let period = input.period;
    let year = period.year();
    let report = crate::domain::ReportPeriod {
        span: input.span,
        end: period,
    };
    // The figures count from `from` to `period`; the band is pro rata over these `m` months.
    let from = report.start();
    let m = report.months();
    // The municipalities, and the region as a scope of its own.
    let municipal: Vec<(MunicipalityCode, String, String)> = input
        .reference
        .municipalities
        .iter()
        .map(|(c, n)| (c.clone(), c.to_string(), n.clone()))
        .collect();
    let (rc, rn) = (input.region_code, input.region_name);
    let q = queries::Queries::new(input.dataset, input.region_code)?;

    let data_start = q
        .first_month()
        .map(|f| f.min(period.index()))
        .unwrap_or(period.index());
    let series_start = Period::from_index(data_start.min(period.offset(-23).index()));
    let scope_codes: Vec<String> = municipal
        .iter()
        .map(|(_, c, _)| c.clone())
        .chain(std::iter::once(rc.to_string()))
        .collect();
    let series = q.monthly(&scope_codes, series_start.index(), period.index())?;

    let ytd_range = (from.index(), period.index());
    let prev_range = (ytd_range.0 - 12, ytd_range.1 - 12);
    // The bounds come from the whole previous calendar year, whatever the report's span.
    let jan = Period::new(year, 1).expect("valid").index();
    let prev_year = (jan - 12, jan - 1);
    let housed_stats = q.housed_stats(ytd_range)?;
    let upper = q.applications_per_scope(prev_year)?;
    let lower_by_corp = q.deliveries_by_corporation(prev_year)?;
    let ytd_by_corp = q.deliveries_by_corporation(ytd_range)?;
    let prev_ytd_by_corp = q.deliveries_by_corporation(prev_range)?;
    let origin = q.breakdown("origin", ytd_range, prev_range)?;
    let forms = q.breakdown("housing_form", ytd_range, prev_range)?;
    let corp_monthly = q.corporation_monthly(series_start.index(), period.index())?;

    // Declared bounds; those of corporations outside the reference data count together.
    let mut declared: BTreeMap<(String, String), (u64, u64)> = BTreeMap::new();
    for c in input.dataset.commitments.iter().filter(|c| c.year == year) {
        let corp = match input.reference.corporation(&c.corporation) {
            Some(known) => known.code.clone(),
            None => crate::schema::OTHER.to_string(),
        };
        let e = declared
            .entry((c.municipality.to_string(), corp))
            .or_default();
        e.0 += c.lower as u64;
        e.1 += c.upper as u64;
    }

    let mut bound_rows = Vec::new();
    let per_scope = PerScope {
        period,
        from,
        series: &series,
        housed_stats: &housed_stats,
        origin: &origin,
        forms: &forms,
    };
    let mut municipalities = Vec::new();
    for (typed, code, name) in &municipal {
        let lower_parts: Vec<(String, u64)> = lower_by_corp
            .iter()
            .filter(|((mc, _), _)| mc == code)
            .map(|((_, c), n)| (c.clone(), *n))
            .collect();
        let lower: u64 = lower_parts.iter().map(|(_, n)| n).sum();
        let upper_m = upper.get(code).copied().unwrap_or(0);
        bound_rows.push(BoundRow {
            year,
            municipality_code: typed.clone(),
            corporation: None,
            lower,
            upper: Some(upper_m),
            basis: Basis::Derived,
        });
        let split: BTreeMap<String, u64> = bounds::split_upper(upper_m, &lower_parts)
            .unwrap_or_default()
            .into_iter()
            .collect();
        for (corp, l) in &lower_parts {
            bound_rows.push(BoundRow {
                year,
                municipality_code: typed.clone(),
                corporation: Some(corporation_code(corp)),
                lower: *l,
                upper: split.get(corp).copied(),
                basis: Basis::Derived,
            });
        }
        for ((mc, corp), (l, u)) in &declared {
            if mc == code {
                bound_rows.push(BoundRow {
                    year,
                    municipality_code: typed.clone(),
                    corporation: Some(corporation_code(corp)),
                    lower: *l,
                    upper: Some(*u),
                    basis: Basis::Declared,
                });
            }
        }
        // Corporations with bounds or homes this year, in code order.
        let corps: BTreeSet<String> = lower_parts
            .iter()
            .map(|(c, _)| c.clone())
            .chain(
                declared
                    .keys()
                    .filter(|(mc, _)| mc == code)
                    .map(|(_, c)| c.clone()),
            )
            .chain(
                ytd_by_corp
                    .keys()
                    .filter(|(mc, _)| mc == code)
                    .map(|(_, c)| c.clone()),
            )
            .collect();
        let corporations = corps
            .into_iter()
            .map(|corp| {
                let key = (code.clone(), corp.clone());
                let derived_lower = lower_by_corp.get(&key).copied().unwrap_or(0);
                let derived_upper = if lower == 0 {
                    None
                } else {
                    Some(split.get(&corp).copied().unwrap_or(0))
                };
                let delivered = ytd_by_corp.get(&key).copied().unwrap_or(0);
                let (l, u, basis) = match declared.get(&key) {
                    Some((l, u)) => (*l, Some(*u), Basis::Declared),
                    None => (derived_lower, derived_upper, Basis::Derived),
                };
                CorporationLine {
                    name: input.reference.corporation_name(&corp).to_string(),
                    corporation: LineKey::Corporation(corporation_code(&corp)),
                    delivered_ytd: delivered,
                    delivered_prev_ytd: prev_ytd_by_corp.get(&key).copied().unwrap_or(0),
                    lower: l,
                    upper: u,
                    basis,
                    derived_lower,
                    derived_upper,
                    status: bounds::status(delivered, l, u, m),
                    forecast: None,
                }
            })
            .collect::<Vec<_>>();
        let corporations = other_last(corporations, |l| l.corporation.as_str());
        municipalities.push(scope_figures(
            &per_scope,
            ScopeBounds {
                code: ScopeCode::Municipality(typed.clone()),
                name,
                lower,
                upper: upper_m,
            },
            corporations,
        ));
    }

    // The year-end forecasts of the municipalities and their corporations (the region's and
    // the corporations' totals below), before the corporations are summed.
    let history = outlook::history(&q, period)?;
    let forecaster = history
        .as_ref()
        .map(|(h, years)| outlook::Forecaster::new(h, years, input.region_code, period));
    if let Some(f) = &forecaster {
        for s in &mut municipalities {
            f.scope(&mut s.realisation, s.code.as_str(), input.risk_threshold);
            for line in &mut s.corporations {
                f.line(line, s.code.as_str(), input.risk_threshold);
            }
        }
    }

    // The region: bounds are the sums of the municipalities'; corporation lines are the sums
    // of each corporation's municipal lines.
    let months: Vec<Period> = (series_start.index()..=period.index())
        .map(Period::from_index)
        .collect();
    let corporations = other_last(
        corporation_figures(&municipalities, input.reference, &corp_monthly, &months, m),
        |c| c.code.as_str(),
    );
    let region_lines: Vec<CorporationLine> = corporations.iter().map(|c| c.total.clone()).collect();
    let region = scope_figures(
        &per_scope,
        ScopeBounds {
            code: ScopeCode::Region(rc.to_string()),
            name: rn,
            lower: municipalities.iter().map(|s| s.realisation.lower).sum(),
            upper: upper.get(rc).copied().unwrap_or(0),
        },
        region_lines,
    );
    let mut region = region;
    let mut corporations = corporations;
    if let Some(f) = &forecaster {
        f.scope(&mut region.realisation, rc, input.risk_threshold);
        for c in &mut corporations {
            f.line(&mut c.total, rc, input.risk_threshold);
        }
        for line in &mut region.corporations {
            f.line(line, rc, input.risk_threshold);
        }
    }
    let mut figures = Figures {
        period,
        span: input.span,
        from,
        series_start,
        municipalities,
        region,
        corporations,
        bounds: bound_rows,
        incomplete: Vec::new(),
        held: input.dataset.held.clone(),
        conflicted: {
            let mut c: Vec<String> = input
                .dataset
                .conflicts
                .iter()
                .map(|c| c.corporation.clone())
                .collect();
            c.sort();
            c.dedup();
            c
        },
    };
    apply_coverage(&mut figures, input);
    Ok(figures)
}

/// `items` in their order, with the group of values outside the reference data
/// ([`crate::schema::OTHER`]) moved to the end.
fn other_last<T>(mut items: Vec<T>, key: impl Fn(&T) -> &str) -> Vec<T> {
    items.sort_by_key(|i| key(i) == crate::schema::OTHER);
    items
}

/// Marks the corporations whose deliveries feed ends before the period does `incomplete`, and
/// every municipality (and the region) with such a corporation: no verdict against the bounds
/// on data that is not all there.
fn apply_coverage(f: &mut Figures, input: &ComputeInput<'_>) {
    let end = f.period.last_day();
    let late: Vec<&crate::ingest::SourceReport> = input
        .dataset
        .reports
        .iter()
        .filter(|r| r.kind == crate::schema::SourceKind::Deliveries)
        .filter(|r| r.covers_until.is_none_or(|d| d < end) || r.too_many_rejected)
        .collect();
    if late.is_empty() {
        return;
    }
    let own: BTreeSet<String> = input
        .dataset
        .reports
        .iter()
        .filter_map(|r| r.corporation.as_ref())
        .filter_map(|c| input.reference.corporation(c).map(|c| c.code.clone()))
        .collect();
    // A corporation's own feed speaks for it; a shared feed for the others.
    let late_own: BTreeSet<String> = late
        .iter()
        .filter_map(|r| r.corporation.as_ref())
        .filter_map(|c| input.reference.corporation(c).map(|c| c.code.clone()))
        .collect();
    let shared_late = late.iter().any(|r| r.corporation.is_none());
    let is_late = |corp: &str| late_own.contains(corp) || (shared_late && !own.contains(corp));
    f.incomplete = late
        .iter()
        .map(|r| IncompleteFeed {
            feed: r.name.clone(),
            corporation: r
                .corporation
                .as_deref()
                .and_then(|c| input.reference.corporation(c))
                .map(|c| corporation_code(&c.code)),
            name: r
                .corporation
                .as_deref()
                .map(|c| input.reference.corporation_name(c).to_string())
                .unwrap_or_else(|| r.name.clone()),
            until: r.covers_until,
            rejected: r.too_many_rejected,
        })
        .collect();
    let mut any = false;
    for s in &mut f.municipalities {
        let mut here = false;
        for line in &mut s.corporations {
            if is_late(line.corporation.as_str()) {
                line.status = Status::Incomplete;
                here = true;
            }
        }
        if here {
            s.realisation.status = Status::Incomplete;
            any = true;
        }
    }
    for line in &mut f.region.corporations {
        if is_late(line.corporation.as_str()) {
            line.status = Status::Incomplete;
        }
    }
    if any {
        f.region.realisation.status = Status::Incomplete;
    }
    for c in &mut f.corporations {
        if is_late(c.code.as_str()) {
            c.total.status = Status::Incomplete;
            for line in &mut c.municipalities {
                line.status = Status::Incomplete;
            }
        }
    }
}

/// The query results every scope's figures are read from.
struct PerScope<'a> {
    period: Period,
    from: Period,
    series: &'a BTreeMap<String, Vec<MonthFigures>>,
    housed_stats: &'a BTreeMap<String, queries::HousedStats>,
    origin: &'a queries::Breakdown,
    forms: &'a queries::Breakdown,
}

/// A scope (municipality or region) and its bounds.
struct ScopeBounds<'a> {
    code: ScopeCode,
    name: &'a str,
    lower: u64,
    upper: u64,
}

fn scope_figures(
    q: &PerScope<'_>,
    scope: ScopeBounds<'_>,
    corporations: Vec<CorporationLine>,
) -> ScopeFigures {
    let PerScope {
        period,
        from,
        series,
        housed_stats,
        origin,
        forms,
    } = *q;
    let ScopeBounds {
        code: scope_code,
        name,
        lower,
        upper,
    } = scope;
    let code = scope_code.as_str();
    // Months in the report's range (the band is pro rata over these) and the calendar month.
    let m = (period.index() - from.index() + 1) as u32;
    let month_of_year = period.month();
    let monthly = series.get(code).cloned().unwrap_or_default();
    let at = |p: Period| monthly.iter().find(|r| r.month == p);
    let sum = |from: Period, to: Period, f: fn(&MonthFigures) -> u64| -> u64 {
        monthly
            .iter()
            .filter(|r| r.month >= from && r.month <= to)
            .map(f)
            .sum()
    };
    let jan = Period::new(period.year(), 1).expect("valid");
    let (from_prev, period_prev) = (from.offset(-12), period.offset(-12));
    let jan_prev = jan.offset(-12);
    let hs = housed_stats.get(code).cloned().unwrap_or_default();
    let delivered = sum(from, period, |r| r.deliveries);
    let ytd = YearToDate {
        applications: sum(from, period, |r| r.applications),
        applications_prev: sum(from_prev, period_prev, |r| r.applications),
        deliveries: delivered,
        deliveries_prev: sum(from_prev, period_prev, |r| r.deliveries),
        housed: sum(from, period, |r| r.housed),
        housed_prev: sum(from_prev, period_prev, |r| r.housed),
        withdrawn: sum(from, period, |r| r.withdrawn),
        open_at_period_end: at(period).map(|r| r.open_at_month_end).unwrap_or(0),
        open_a_year_earlier: at(period_prev).map(|r| r.open_at_month_end).unwrap_or(0),
        median_wait_days: hs.median_wait_days,
        housed_within_90_days: hs.within_90,
        share_within_90_days: (hs.housed > 0).then(|| hs.within_90 as f64 / hs.housed as f64),
    };
    let cumulative = (1..=12u32)
        .map(|month| {
            let this = Period::new(period.year(), month).expect("valid");
            CumulativeMonth {
                month,
                this_year: (month <= month_of_year).then(|| sum(jan, this, |r| r.deliveries)),
                last_year: sum(jan_prev, this.offset(-12), |r| r.deliveries),
            }
        })
        .collect();
    ScopeFigures {
        by_origin: origin.lines(code),
        by_housing_form: forms.lines(code),
        code: scope_code,
        name: name.to_string(),
        realisation: Realisation {
            lower,
            upper,
            delivered_ytd: delivered,
            band_low: lower as f64 * m as f64 / 12.0,
            band_high: upper as f64 * m as f64 / 12.0,
            status: bounds::status(delivered, lower, Some(upper), m),
            forecast_year_end: None,
            forecast: None,
        },
        ytd,
        monthly,
        cumulative,
        corporations,
    }
}

fn corporation_figures(
    municipalities: &[ScopeFigures],
    reference: &Reference,
    monthly: &BTreeMap<String, Vec<(Period, u64)>>,
    months: &[Period],
    m: u32,
) -> Vec<CorporationFigures> {
    let mut by_corp: BTreeMap<CorporationCode, Vec<CorporationLine>> = BTreeMap::new();
    for scope in municipalities {
        for line in &scope.corporations {
            let (Some(corp), Some(municipality)) =
                (line.corporation.corporation(), scope.code.municipality())
            else {
                continue;
            };
            let mut l = line.clone();
            l.corporation = LineKey::Municipality(municipality.clone());
            l.name = scope.name.clone();
            by_corp.entry(corp.clone()).or_default().push(l);
        }
    }
    // Configured corporations without any data still get a (empty) report.
    for c in &reference.corporations {
        by_corp.entry(corporation_code(&c.code)).or_default();
    }
    for code in monthly.keys() {
        by_corp.entry(corporation_code(code)).or_default();
    }
    by_corp
        .into_iter()
        .map(|(code, lines)| {
            let sum = |f: fn(&CorporationLine) -> u64| lines.iter().map(f).sum::<u64>();
            let sum_opt = |f: fn(&CorporationLine) -> Option<u64>| {
                lines.iter().try_fold(0u64, |acc, l| f(l).map(|v| acc + v))
            };
            let delivered = sum(|l| l.delivered_ytd);
            let lower = sum(|l| l.lower);
            let upper = sum_opt(|l| l.upper);
            let any_declared = lines.iter().any(|l| l.basis == Basis::Declared);
            let total = CorporationLine {
                corporation: LineKey::Corporation(code.clone()),
                name: reference.corporation_name(code.as_str()).to_string(),
                delivered_ytd: delivered,
                delivered_prev_ytd: sum(|l| l.delivered_prev_ytd),
                lower,
                upper,
                basis: if any_declared {
                    Basis::Declared
                } else {
                    Basis::Derived
                },
                derived_lower: sum(|l| l.derived_lower),
                derived_upper: sum_opt(|l| l.derived_upper),
                status: bounds::status(delivered, lower, upper, m),
                forecast: None,
            };
            CorporationFigures {
                name: reference.corporation_name(code.as_str()).to_string(),
                known: reference.corporations.iter().any(|c| code == *c.code),
                monthly: monthly
                    .get(code.as_str())
                    .cloned()
                    .unwrap_or_else(|| months.iter().map(|p| (*p, 0)).collect()),
                code,
                municipalities: lines,
                total,
            }
        })
        .collect()
}

/// A corporation's code as the queries give it: a configured corporation's code (checked when
/// the configuration is read) or [`crate::schema::OTHER`].
fn corporation_code(code: &str) -> CorporationCode {
    CorporationCode::parse(code)
        .expect("corporation codes are checked when the configuration is read")
}

#[cfg(test)]
mod tests;
