//! The Polars side of compute: the accepted records as two DataFrames and the lazy queries over
//! them. Every scope (each municipality and the region) is computed in the same group-by: the
//! frames are stacked once with the municipality code and once with the region code. Text keys
//! (scope, corporation, origin, housing form) are integer codes in the frames ([`Names`]):
//! Polars groups and joins integers several times faster than text, in less memory.

use std::collections::{BTreeMap, HashMap};

use polars::prelude::*;

use super::figures::{BreakdownLine, MonthFigures};
use crate::domain::{day_number, Period};
use crate::ingest::Dataset;

/// Housing statistics of a scope over a range of months.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HousedStats {
    pub housed: u64,
    pub median_wait_days: Option<f64>,
    pub within_90: u64,
}

/// Counts per scope and label (origin or housing form).
#[derive(Debug, Clone, Default)]
pub struct Breakdown(BTreeMap<String, BTreeMap<Option<String>, BreakdownLine>>);

impl Breakdown {
    /// A scope's lines: without a label first, then the labels, the group of values outside the
    /// reference data ([`crate::schema::OTHER`]) last.
    pub fn lines(&self, scope: &str) -> Vec<BreakdownLine> {
        let mut lines: Vec<BreakdownLine> = self
            .0
            .get(scope)
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default();
        lines.sort_by_key(|l| l.label.as_deref() == Some(crate::schema::OTHER));
        lines
    }
}

/// Homes made available per month of a range, per scope and per corporation in a scope.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// The first month of the range ([`Period::index`]).
    pub from: i32,
    /// Per scope code (municipalities and the region): a count per month.
    pub scopes: BTreeMap<String, Vec<u64>>,
    /// Per (scope, corporation): a count per month.
    pub corporations: BTreeMap<(String, String), Vec<u64>>,
}

impl History {
    /// The counts of `months` (indexes into the range) of a series, summed; 0 without one.
    fn sum(series: Option<&Vec<u64>>, from: i32, to: i32, start: i32) -> u64 {
        let Some(v) = series else { return 0 };
        (from..=to)
            .filter_map(|m| usize::try_from(m - start).ok().and_then(|i| v.get(i)))
            .sum()
    }

    /// A scope's homes over months `[from, to]` ([`Period::index`]).
    pub fn scope_sum(&self, scope: &str, from: i32, to: i32) -> u64 {
        Self::sum(self.scopes.get(scope), from, to, self.from)
    }

    /// A corporation's homes in a scope over months `[from, to]`.
    pub fn corporation_sum(&self, scope: &str, corp: &str, from: i32, to: i32) -> u64 {
        let key = (scope.to_string(), corp.to_string());
        Self::sum(self.corporations.get(&key), from, to, self.from)
    }

    /// A scope's 12 months of `year` (January first).
    pub fn scope_year(&self, scope: &str, year: i32) -> [u64; 12] {
        let jan = Period::new(year, 1).expect("valid").index();
        let mut out = [0u64; 12];
        for (m, o) in out.iter_mut().enumerate() {
            *o = self.scope_sum(scope, jan + m as i32, jan + m as i32);
        }
        out
    }
}

/// Text values and their integer codes in the frames.
#[derive(Debug, Default)]
struct Names {
    names: Vec<String>,
    index: HashMap<String, i32>,
}

impl Names {
    /// The code of `s`, given a new one when it is not known yet.
    fn code(&mut self, s: &str) -> i32 {
        if let Some(&c) = self.index.get(s) {
            return c;
        }
        let c = self.names.len() as i32;
        self.names.push(s.to_string());
        self.index.insert(s.to_string(), c);
        c
    }

    fn name(&self, code: Option<i32>) -> Option<&str> {
        code.and_then(|c| self.names.get(usize::try_from(c).ok()?))
            .map(String::as_str)
    }

    /// The text of a code (a null or unknown code reads as "").
    fn text(&self, code: Option<i32>) -> String {
        self.name(code).unwrap_or_default().to_string()
    }
}

/// The two frames, each stacked with the region once (materialised once, read by every query).
pub struct Queries {
    apps: DataFrame,
    dels: DataFrame,
    scopes: Names,
    corporations: Names,
    /// Origins and housing forms.
    labels: Names,
    first_month: Option<i32>,
}

fn month(d: chrono::NaiveDate) -> i32 {
    Period::of_date(d).index()
}

impl Queries {
    pub fn new(ds: &Dataset, region: &str) -> PolarsResult<Self> {
        let a = &ds.applications;
        let months =
            |dates: &[chrono::NaiveDate]| dates.iter().map(|d| month(*d)).collect::<Vec<_>>();
        let opt_months = |dates: &[Option<chrono::NaiveDate>]| {
            dates.iter().map(|d| d.map(month)).collect::<Vec<_>>()
        };
        let (mut scopes, mut corporations, mut labels) =
            (Names::default(), Names::default(), Names::default());
        // A missing municipality, origin or corporation counts under "" (as the text did).
        let (no_scope, no_label, no_corporation) =
            (scopes.code(""), labels.code(""), corporations.code(""));
        let region_code = scopes.code(region);
        // Values outside the reference data count in one group (`schema::OTHER`).
        let (other_label, other_corporation) = (
            labels.code(crate::schema::OTHER),
            corporations.code(crate::schema::OTHER),
        );
        let or = |codes: Vec<Option<i32>>, none: i32| -> Vec<i32> {
            codes.into_iter().map(|c| c.unwrap_or(none)).collect()
        };
        let apps = df!(
            "scope" => or(a.municipality.recode(|v| scopes.code(v)), no_scope),
            "received_m" => months(&a.received_on),
            "housed_m" => opt_months(&a.housed_on),
            "withdrawn_m" => opt_months(&a.withdrawn_on),
            // Closed = housed or withdrawn, whichever came first.
            "closed_m" => a.housed_on.iter().zip(&a.withdrawn_on).map(|(h, w)| match (h, w) {
                (Some(h), Some(w)) => Some(month(*h.min(w))),
                (h, w) => h.or(*w).map(month),
            }).collect::<Vec<_>>(),
            "wait" => a.housed_on.iter().zip(&a.received_on).map(|(h, r)| h.map(|h| day_number(h) - day_number(*r))).collect::<Vec<_>>(),
            "origin" => or(a.origin.recode_known(|v| labels.code(v), other_label), no_label),
            "housing_form" => a.housing_form.recode_known(|v| labels.code(v), other_label),
        )?;
        let d = &ds.deliveries;
        let dels = df!(
            "scope" => or(d.municipality.recode(|v| scopes.code(v)), no_scope),
            "corporation" => or(d.corporation.recode_known(|v| corporations.code(v), other_corporation), no_corporation),
            "delivered_m" => months(&d.delivered_on),
            "housing_form" => d.housing_form.recode_known(|v| labels.code(v), other_label),
        )?;
        let first_month = a
            .received_on
            .iter()
            .chain(&d.delivered_on)
            .min()
            .map(|d| month(*d));
        Ok(Self {
            apps: with_region(apps, region_code)?,
            dels: with_region(dels, region_code)?,
            scopes,
            corporations,
            labels,
            first_month,
        })
    }

    /// The label of a [`label_code`] (0: no label).
    fn label(&self, code: Option<i32>) -> Option<String> {
        match code {
            Some(c) if c > 0 => self.labels.name(Some(c - 1)).map(str::to_string),
            _ => None,
        }
    }

    fn apps(&self) -> LazyFrame {
        self.apps.clone().lazy()
    }

    fn dels(&self) -> LazyFrame {
        self.dels.clone().lazy()
    }

    /// The earliest month with data.
    pub fn first_month(&self) -> Option<i32> {
        self.first_month
    }

    /// The monthly series of every scope over `[from, to]` (months without data are zeros).
    pub fn monthly(
        &self,
        scopes: &[String],
        from: i32,
        to: i32,
    ) -> PolarsResult<BTreeMap<String, Vec<MonthFigures>>> {
        // Start the running totals at the first month with data so "open" counts everything.
        let start = self.first_month.map_or(from, |f| f.min(from));
        let n = (to - start + 1) as usize;
        // A scope without rows has no code in the data; it gets one of its own (below zero).
        let codes: Vec<i32> = scopes
            .iter()
            .enumerate()
            .map(|(i, s)| {
                self.scopes
                    .index
                    .get(s.as_str())
                    .copied()
                    .unwrap_or(-1 - i as i32)
            })
            .collect();
        let scope_of: HashMap<i32, &str> = codes
            .iter()
            .zip(scopes)
            .map(|(&c, s)| (c, s.as_str()))
            .collect();
        let grid = df!(
            "scope" => codes.iter().flat_map(|&c| std::iter::repeat_n(c, n)).collect::<Vec<i32>>(),
            "month" => scopes.iter().flat_map(|_| start..=to).collect::<Vec<i32>>(),
        )?
        .lazy()
        .with_column(pair(col("scope"), col("month")).alias("key"));
        let count_by = |lf: LazyFrame, month_col: &str, name: &str| {
            lf.filter(
                col(month_col)
                    .is_not_null()
                    .and(col(month_col).lt_eq(lit(to))),
            )
            .group_by([pair(col("scope"), col(month_col)).alias("key")])
            .agg([len().cast(DataType::Int64).alias(name)])
        };
        let housed = self
            .apps()
            .filter(
                col("housed_m")
                    .is_not_null()
                    .and(col("housed_m").lt_eq(lit(to))),
            )
            .group_by([pair(col("scope"), col("housed_m")).alias("key")])
            .agg([
                len().cast(DataType::Int64).alias("housed"),
                col("wait").median().alias("median_wait"),
                col("wait")
                    .lt_eq(lit(90))
                    .cast(DataType::Int64)
                    .sum()
                    .alias("within_90"),
            ]);
        let join = |l: LazyFrame, r: LazyFrame| {
            l.join(r, [col("key")], [col("key")], JoinArgs::new(JoinType::Left))
        };
        let mut lf = grid;
        lf = join(lf, count_by(self.apps(), "received_m", "applications"));
        lf = join(lf, count_by(self.dels(), "delivered_m", "deliveries"));
        lf = join(lf, housed);
        lf = join(lf, count_by(self.apps(), "withdrawn_m", "withdrawn"));
        lf = join(lf, count_by(self.apps(), "closed_m", "closed"));
        let counts = [
            "applications",
            "deliveries",
            "housed",
            "withdrawn",
            "closed",
            "within_90",
        ];
        let over = |e: Expr| e.over([col("scope")]);
        // Months since the start of the grid (the same for every scope).
        let idx = || col("month") - lit(start);
        let twelve = |name: &str| {
            let cs = col(name).cum_sum(false);
            let sum = over(cs.clone() - cs.shift_and_fill(lit(12), lit(0i64)))?;
            PolarsResult::Ok(
                when(idx().gt_eq(lit(11)))
                    .then(sum)
                    .otherwise(lit(NULL).cast(DataType::Int64))
                    .alias(format!("{name}_12m")),
            )
        };
        let yoy = |name: &str| {
            PolarsResult::Ok(
                over(col(name) - col(name).shift(lit(12)))?.alias(format!("{name}_yoy")),
            )
        };
        let df = lf
            .with_columns(counts.map(|c| col(c).fill_null(lit(0i64))))
            .sort(["scope", "month"], SortMultipleOptions::default())
            .with_columns([
                over((col("applications") - col("closed")).cum_sum(false))?.alias("open"),
                // Rolling sums need 12 months of history inside the data's range.
                twelve("applications")?,
                twelve("deliveries")?,
                twelve("housed")?,
                yoy("applications")?,
                yoy("deliveries")?,
                yoy("housed")?,
            ])
            .filter(col("month").gt_eq(lit(from)))
            .collect()?;
        let scope = df.column("scope")?.i32()?;
        let month = df.column("month")?.i32()?;
        let int = |name: &str| -> PolarsResult<Vec<Option<i64>>> {
            let ca = df.column(name)?.i64()?;
            Ok((0..ca.len()).map(|i| ca.get(i)).collect())
        };
        let (apps, dels, housed, withdrawn, open, within) = (
            int("applications")?,
            int("deliveries")?,
            int("housed")?,
            int("withdrawn")?,
            int("open")?,
            int("within_90")?,
        );
        let (a12, d12, h12) = (
            int("applications_12m")?,
            int("deliveries_12m")?,
            int("housed_12m")?,
        );
        let (ay, dy, hy) = (
            int("applications_yoy")?,
            int("deliveries_yoy")?,
            int("housed_yoy")?,
        );
        let median_ca = df.column("median_wait")?.f64()?;
        let median: Vec<Option<f64>> = (0..median_ca.len()).map(|i| median_ca.get(i)).collect();
        let u = |v: Option<i64>| v.unwrap_or(0).max(0) as u64;
        let mut out: BTreeMap<String, Vec<MonthFigures>> = BTreeMap::new();
        for i in 0..df.height() {
            let name = scope.get(i).and_then(|c| scope_of.get(&c)).copied();
            out.entry(name.unwrap_or_default().to_string())
                .or_default()
                .push(MonthFigures {
                    month: Period::from_index(month.get(i).unwrap_or_default()),
                    applications: u(apps[i]),
                    deliveries: u(dels[i]),
                    housed: u(housed[i]),
                    withdrawn: u(withdrawn[i]),
                    open_at_month_end: u(open[i]),
                    median_wait_days: median[i],
                    housed_within_90_days: u(within[i]),
                    applications_12m: a12[i].map(|v| v as u64),
                    deliveries_12m: d12[i].map(|v| v as u64),
                    housed_12m: h12[i].map(|v| v as u64),
                    applications_yoy: ay[i],
                    deliveries_yoy: dy[i],
                    housed_yoy: hy[i],
                });
        }
        Ok(out)
    }

    /// Housed count, median wait and housed within 90 days per scope, housed in `[from, to]`.
    pub fn housed_stats(
        &self,
        (from, to): (i32, i32),
    ) -> PolarsResult<BTreeMap<String, HousedStats>> {
        let df = self
            .apps()
            .filter(
                col("housed_m")
                    .gt_eq(lit(from))
                    .and(col("housed_m").lt_eq(lit(to))),
            )
            .group_by([col("scope")])
            .agg([
                len().cast(DataType::Int64).alias("housed"),
                col("wait").median().alias("median_wait"),
                col("wait")
                    .lt_eq(lit(90))
                    .cast(DataType::Int64)
                    .sum()
                    .alias("within_90"),
            ])
            .collect()?;
        let scope = df.column("scope")?.i32()?;
        let housed = df.column("housed")?.i64()?;
        let median = df.column("median_wait")?.f64()?;
        let within = df.column("within_90")?.i64()?;
        Ok((0..df.height())
            .map(|i| {
                (
                    self.scopes.text(scope.get(i)),
                    HousedStats {
                        housed: housed.get(i).unwrap_or(0) as u64,
                        median_wait_days: median.get(i),
                        within_90: within.get(i).unwrap_or(0) as u64,
                    },
                )
            })
            .collect())
    }

    /// Applications received in `[from, to]` per scope.
    pub fn applications_per_scope(
        &self,
        (from, to): (i32, i32),
    ) -> PolarsResult<BTreeMap<String, u64>> {
        let df = self
            .apps()
            .filter(
                col("received_m")
                    .gt_eq(lit(from))
                    .and(col("received_m").lt_eq(lit(to))),
            )
            .group_by([col("scope")])
            .agg([len().cast(DataType::Int64).alias("n")])
            .collect()?;
        let scope = df.column("scope")?.i32()?;
        let n = df.column("n")?.i64()?;
        Ok((0..df.height())
            .map(|i| (self.scopes.text(scope.get(i)), n.get(i).unwrap_or(0) as u64))
            .collect())
    }

    /// Homes made available in `[from, to]` per (municipality, corporation); region rows excluded.
    pub fn deliveries_by_corporation(
        &self,
        (from, to): (i32, i32),
    ) -> PolarsResult<BTreeMap<(String, String), u64>> {
        let df = self
            .dels()
            .filter(
                col("is_region")
                    .not()
                    .and(col("delivered_m").gt_eq(lit(from)))
                    .and(col("delivered_m").lt_eq(lit(to))),
            )
            .group_by([pair(col("scope"), col("corporation")).alias("key")])
            .agg([len().cast(DataType::Int64).alias("n")])
            .collect()?;
        let key = df.column("key")?.i64()?;
        let n = df.column("n")?.i64()?;
        Ok((0..df.height())
            .map(|i| {
                let (scope, corp) = unpair(key.get(i));
                (
                    (self.scopes.text(scope), self.corporations.text(corp)),
                    n.get(i).unwrap_or(0) as u64,
                )
            })
            .collect())
    }

    /// Homes made available per month over `[from, to]` for every scope (the municipalities
    /// and the region) and every corporation in it: what the forecasts are made from. One
    /// group-by on one integer key (scope, corporation and month nested in [`pair`]s).
    pub fn delivery_history(&self, from: i32, to: i32) -> PolarsResult<History> {
        let df = self
            .dels()
            .filter(
                col("delivered_m")
                    .gt_eq(lit(from))
                    .and(col("delivered_m").lt_eq(lit(to))),
            )
            .group_by([
                pair(pair(col("scope"), col("corporation")), col("delivered_m")).alias("key"),
            ])
            .agg([len().cast(DataType::Int64).alias("n")])
            .collect()?;
        let key = df.column("key")?.i64()?;
        let n = df.column("n")?.i64()?;
        let months = (to - from + 1).max(0) as usize;
        let mut history = History {
            from,
            ..History::default()
        };
        for i in 0..df.height() {
            let Some(k) = key.get(i) else { continue };
            let (outer, month) = (k / PAIR, (k % PAIR) as i32);
            let (scope, corp) = unpair(Some(outer));
            let count = n.get(i).unwrap_or(0) as u64;
            let idx = (month - from) as usize;
            let scope = self.scopes.text(scope);
            let corp = self.corporations.text(corp);
            history
                .scopes
                .entry(scope.clone())
                .or_insert_with(|| vec![0; months])[idx] += count;
            history
                .corporations
                .entry((scope, corp))
                .or_insert_with(|| vec![0; months])[idx] += count;
        }
        Ok(history)
    }

    /// Homes made available per corporation and month over `[from, to]`, zeros included.
    pub fn corporation_monthly(
        &self,
        from: i32,
        to: i32,
    ) -> PolarsResult<BTreeMap<String, Vec<(Period, u64)>>> {
        let df = self
            .dels()
            .filter(
                col("is_region")
                    .and(col("delivered_m").gt_eq(lit(from)))
                    .and(col("delivered_m").lt_eq(lit(to))),
            )
            .group_by([pair(col("corporation"), col("delivered_m")).alias("key")])
            .agg([len().cast(DataType::Int64).alias("n")])
            .collect()?;
        let key = df.column("key")?.i64()?;
        let n = df.column("n")?.i64()?;
        let mut out: BTreeMap<String, Vec<(Period, u64)>> = BTreeMap::new();
        for i in 0..df.height() {
            let (corp, m) = unpair(key.get(i));
            let series = out
                .entry(self.corporations.text(corp))
                .or_insert_with(|| (from..=to).map(|m| (Period::from_index(m), 0)).collect());
            let idx = (m.unwrap_or(from) - from) as usize;
            series[idx].1 = n.get(i).unwrap_or(0) as u64;
        }
        Ok(out)
    }

    /// Counts by `label` (`origin` or `housing_form`) per scope: applications this year and the
    /// same months last year, housed this year, open at the end of the period, and (housing form
    /// only) homes made available this year.
    pub fn breakdown(
        &self,
        label: &str,
        (from, to): (i32, i32),
        prev: (i32, i32),
    ) -> PolarsResult<Breakdown> {
        let between = |c: &str, (a, b): (i32, i32)| col(c).gt_eq(lit(a)).and(col(c).lt_eq(lit(b)));
        let as_i64 = |e: Expr| e.cast(DataType::Int64).sum();
        let apps = self
            .apps()
            .group_by([pair(col("scope"), label_code(col(label))).alias("key")])
            .agg([
                as_i64(between("received_m", (from, to)).fill_null(lit(false)))
                    .alias("applications_ytd"),
                as_i64(between("received_m", prev).fill_null(lit(false)))
                    .alias("applications_prev_ytd"),
                as_i64(between("housed_m", (from, to)).fill_null(lit(false))).alias("housed_ytd"),
                as_i64(
                    col("received_m")
                        .lt_eq(lit(to))
                        .and(col("closed_m").is_null().or(col("closed_m").gt(lit(to)))),
                )
                .alias("open"),
            ])
            .collect()?;
        let mut out: BTreeMap<String, BTreeMap<Option<String>, BreakdownLine>> = BTreeMap::new();
        let line = |l: Option<String>| BreakdownLine {
            label: l,
            applications_ytd: 0,
            applications_prev_ytd: 0,
            housed_ytd: 0,
            open_at_period_end: 0,
            deliveries_ytd: 0,
        };
        {
            let key = apps.column("key")?.i64()?;
            let get = |n: &str| -> PolarsResult<Vec<u64>> {
                let ca = apps.column(n)?.i64()?;
                Ok((0..ca.len())
                    .map(|i| ca.get(i).unwrap_or(0) as u64)
                    .collect())
            };
            let (a, ap, h, o) = (
                get("applications_ytd")?,
                get("applications_prev_ytd")?,
                get("housed_ytd")?,
                get("open")?,
            );
            for i in 0..apps.height() {
                if a[i] + ap[i] + h[i] + o[i] == 0 {
                    continue;
                }
                let (scope, lab) = unpair(key.get(i));
                let l = self.label(lab);
                let e = out
                    .entry(self.scopes.text(scope))
                    .or_default()
                    .entry(l.clone())
                    .or_insert_with(|| line(l));
                e.applications_ytd += a[i];
                e.applications_prev_ytd += ap[i];
                e.housed_ytd += h[i];
                e.open_at_period_end += o[i];
            }
        }
        if label == "housing_form" {
            let dels = self
                .dels()
                .filter(between("delivered_m", (from, to)))
                .group_by([pair(col("scope"), label_code(col("housing_form"))).alias("key")])
                .agg([len().cast(DataType::Int64).alias("n")])
                .collect()?;
            let key = dels.column("key")?.i64()?;
            let n = dels.column("n")?.i64()?;
            for i in 0..dels.height() {
                let (scope, lab) = unpair(key.get(i));
                let l = self.label(lab);
                out.entry(self.scopes.text(scope))
                    .or_default()
                    .entry(l.clone())
                    .or_insert_with(|| line(l))
                    .deliveries_ytd += n.get(i).unwrap_or(0) as u64;
            }
        }
        Ok(Breakdown(out))
    }
}

/// Room for the second code of a [`pair`]: months (year × 12 + month, about 24,000), and the
/// codes of corporations and labels, stay well below it.
const PAIR: i64 = 1 << 20;

/// Two integer keys as one (`a × 2²⁰ + b`, with `0 ≤ b < 2²⁰`): Polars groups on one integer
/// key with a hash table of integers, on two by encoding every row as bytes first (a national
/// run's group-bys spent most of their time there).
fn pair(a: Expr, b: Expr) -> Expr {
    a.cast(DataType::Int64) * lit(PAIR) + b.cast(DataType::Int64)
}

/// The two codes of a [`pair`] made from a code that is not negative.
fn unpair(key: Option<i64>) -> (Option<i32>, Option<i32>) {
    match key {
        Some(k) => (Some((k / PAIR) as i32), Some((k % PAIR) as i32)),
        None => (None, None),
    }
}

/// A label's code for [`pair`]: its code + 1, or 0 without a label.
fn label_code(e: Expr) -> Expr {
    (e.cast(DataType::Int64) + lit(1i64)).fill_null(lit(0i64))
}

/// Stacks the rows once per municipality and once more under the region's code, once for all
/// queries (a lazy stack was built again by each of them).
fn with_region(df: DataFrame, region: i32) -> PolarsResult<DataFrame> {
    let lf = df.lazy().with_column(lit(false).alias("is_region"));
    let region_rows = lf
        .clone()
        .with_columns([lit(region).alias("scope"), lit(true).alias("is_region")]);
    concat([lf, region_rows], UnionArgs::default())?.collect()
}
