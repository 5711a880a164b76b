//! The figures compute makes, as plain structs (what export and render read): per month, per
//! municipality, region and corporation, the year to date, realisation against the band, and
//! what went in ([`ComputeInput`]).

use serde::Serialize;

use super::bounds::Status;
use super::forecast::Forecast;
use crate::config::Reference;
use crate::domain::{CorporationCode, LineKey, MunicipalityCode, Period, ScopeCode};
use crate::ingest::Dataset;

#[derive(Debug, thiserror::Error)]
pub enum ComputeError {
    #[error("computing the figures failed in the Polars engine: {0}\n  what to do: this is a bug; report it with the command line used")]
    Polars(#[from] polars::error::PolarsError),
}

/// How a bound came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// From last year's data (the article's rule).
    Derived,
    /// Declared by the corporation (commitments data).
    Declared,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Derived => "derived",
            Basis::Declared => "declared",
        }
    }
}

/// One month of one scope (municipality or region).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthFigures {
    pub month: Period,
    pub applications: u64,
    pub deliveries: u64,
    pub housed: u64,
    pub withdrawn: u64,
    pub open_at_month_end: u64,
    /// Median days from received to housed, over the applications housed this month.
    pub median_wait_days: Option<f64>,
    /// Of those housed this month, how many within 90 days.
    pub housed_within_90_days: u64,
    /// Sums over the 12 months ending here; `None` without 12 months of history.
    pub applications_12m: Option<u64>,
    pub deliveries_12m: Option<u64>,
    pub housed_12m: Option<u64>,
    /// Change against the same month a year earlier; `None` without that month.
    pub applications_yoy: Option<i64>,
    pub deliveries_yoy: Option<i64>,
    pub housed_yoy: Option<i64>,
}

/// Bounds and realisation of one corporation in one scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorporationLine {
    /// The corporation (in a scope's table), or the municipality (in a corporation's).
    pub corporation: LineKey,
    pub name: String,
    pub delivered_ytd: u64,
    /// Homes made available in the same months of last year.
    pub delivered_prev_ytd: u64,
    /// The bounds in force (declared when available, else derived).
    pub lower: u64,
    /// `None` when the municipality's lower bound is 0, so no upper bound can be split.
    pub upper: Option<u64>,
    pub basis: Basis,
    pub derived_lower: u64,
    pub derived_upper: Option<u64>,
    pub status: Status,
    /// Its year-end forecast against its bounds in force; `None` when the report reaches
    /// December.
    pub forecast: Option<Forecast>,
}

/// Counts by origin or housing form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakdownLine {
    /// The origin / housing form; `None` = not filled in.
    pub label: Option<String>,
    pub applications_ytd: u64,
    pub applications_prev_ytd: u64,
    pub housed_ytd: u64,
    pub open_at_period_end: u64,
    pub deliveries_ytd: u64,
}

/// Year-to-date statistics of a scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearToDate {
    pub applications: u64,
    pub applications_prev: u64,
    pub deliveries: u64,
    pub deliveries_prev: u64,
    pub housed: u64,
    pub housed_prev: u64,
    pub withdrawn: u64,
    pub open_at_period_end: u64,
    pub open_a_year_earlier: u64,
    pub median_wait_days: Option<f64>,
    pub housed_within_90_days: u64,
    /// `housed_within_90_days / housed`; `None` when nobody was housed.
    pub share_within_90_days: Option<f64>,
}

/// The bounds of a scope and realisation against them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Realisation {
    pub lower: u64,
    pub upper: u64,
    pub delivered_ytd: u64,
    /// `lower × M / 12` and `upper × M / 12`.
    pub band_low: f64,
    pub band_high: f64,
    pub status: Status,
    /// The expected number of homes by December ([`Forecast::expected`]); `None` when the
    /// report reaches December.
    pub forecast_year_end: Option<f64>,
    /// The year-end forecast with its band and chances ([`super::forecast`]); `None` when the
    /// report reaches December.
    pub forecast: Option<Forecast>,
}

/// Cumulative homes made available per month of this year and last year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CumulativeMonth {
    pub month: u32,
    /// `None` for months after the report month.
    pub this_year: Option<u64>,
    pub last_year: u64,
}

/// Everything about one municipality, or the region as a whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScopeFigures {
    pub code: ScopeCode,
    pub name: String,
    pub realisation: Realisation,
    pub ytd: YearToDate,
    pub monthly: Vec<MonthFigures>,
    pub cumulative: Vec<CumulativeMonth>,
    pub corporations: Vec<CorporationLine>,
    pub by_origin: Vec<BreakdownLine>,
    pub by_housing_form: Vec<BreakdownLine>,
}

/// One corporation across the region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorporationFigures {
    pub code: CorporationCode,
    pub name: String,
    /// Known in the reference data (otherwise it only appears in the data).
    pub known: bool,
    /// One line per municipality where it has bounds or made homes available (`corporation`
    /// is [`LineKey::Municipality`], `name` the municipality's name).
    pub municipalities: Vec<CorporationLine>,
    pub total: CorporationLine,
    /// Homes made available per month (the same months as the scopes' series).
    pub monthly: Vec<(Period, u64)>,
}

/// A row of `bounds.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoundRow {
    pub year: i32,
    pub municipality_code: MunicipalityCode,
    pub corporation: Option<CorporationCode>,
    pub lower: u64,
    pub upper: Option<u64>,
    pub basis: Basis,
}

/// All figures for one report period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// The last month of the report.
    pub period: Period,
    /// What the report covers: the year to date, a quarter or a year (ending in `period`).
    pub span: crate::domain::Span,
    /// The first month whose figures count.
    pub from: Period,
    /// First month of the monthly series.
    pub series_start: Period,
    pub municipalities: Vec<ScopeFigures>,
    pub region: ScopeFigures,
    pub corporations: Vec<CorporationFigures>,
    pub bounds: Vec<BoundRow>,
    /// Deliveries feeds whose data ends before the period does (their corporations get no
    /// verdict: status `incomplete`).
    pub incomplete: Vec<IncompleteFeed>,
    /// Deliveries held for an operator's approval: their corporations' figures are those of the
    /// previous delivery until then.
    pub held: Vec<crate::ingest::HeldDelivery>,
    /// Corporations with homes in conflict with the applications register: those homes count
    /// for nobody until an operator decides (their codes).
    pub conflicted: Vec<String>,
}

impl Figures {
    /// Whether the report forecasts its year's end: not when it reaches December.
    pub fn forecasts(&self) -> bool {
        self.region.realisation.forecast_year_end.is_some()
    }

    /// The report period these figures are for (`2026-10`, `2026-Q3`, `2026`).
    pub fn report(&self) -> crate::domain::ReportPeriod {
        crate::domain::ReportPeriod {
            span: self.span,
            end: self.period,
        }
    }
}

/// A feed whose data does not reach the end of the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncompleteFeed {
    pub feed: String,
    /// The corporation whose own feed it is; `None`: a feed of several corporations.
    pub corporation: Option<CorporationCode>,
    /// Its display name (the corporation's name, or the feed's).
    pub name: String,
    /// The last day with data (`None`: no data at all).
    pub until: Option<chrono::NaiveDate>,
    /// Its data is there, but too many of its rows were rejected to judge it.
    pub rejected: bool,
}

/// What compute needs besides the data.
#[derive(Debug, Clone)]
pub struct ComputeInput<'a> {
    pub dataset: &'a Dataset,
    pub reference: &'a Reference,
    pub period: Period,
    /// Month (January to `period`), quarter (its three months) or year.
    pub span: crate::domain::Span,
    pub region_code: &'a str,
    pub region_name: &'a str,
    /// From this chance of ending the year below the lower bound, a scope that is within its
    /// pro-rata band is "at risk" (`warning.threshold`).
    pub risk_threshold: f64,
}
