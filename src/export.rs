//! Export: figures and rejected rows as CSV (comma-separated, UTF-8, header row) and a JSON
//! summary, for policy advisors and for checking.
//!
//! Text cells that start with `=`, `+`, `-`, `@`, tab or carriage return are prefixed with `'`
//! so Excel cannot run them as a formula. Files are written atomically and private to the service
//! user (`files::write_private`); only `published_csv` is meant for publication.

use std::path::{Path, PathBuf};

use crate::compute::forecast::{Forecast, Needed};
use crate::compute::{Figures, MonthFigures, ScopeFigures};
use crate::files::{write_private, WriteError};
use crate::ingest::SourceReport;

pub use crate::domain::excel_safe;

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A number with at most `decimals` decimals and no trailing zeros (`12`, `12.5`).
pub fn decimal(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

struct Table {
    w: csv::Writer<Vec<u8>>,
}

impl Table {
    fn new(header: &[&str]) -> Self {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        w.write_record(header).expect("write to memory");
        Self { w }
    }
    /// `cells`: (value, is_text) — text cells get the Excel guard.
    fn row(&mut self, cells: &[(String, bool)]) {
        let rec: Vec<String> = cells
            .iter()
            .map(|(v, text)| if *text { excel_safe(v) } else { v.clone() })
            .collect();
        self.w.write_record(&rec).expect("write to memory");
    }
    fn bytes(self) -> Vec<u8> {
        self.w.into_inner().expect("flush to memory")
    }
}

fn t(s: impl ToString) -> (String, bool) {
    (s.to_string(), true)
}
fn n(s: impl ToString) -> (String, bool) {
    (s.to_string(), false)
}

pub fn bounds_csv(f: &Figures) -> Vec<u8> {
    let mut tb = Table::new(&[
        "year",
        "municipality_code",
        "corporation",
        "lower_bound",
        "upper_bound",
        "basis",
    ]);
    for b in &f.bounds {
        tb.row(&[
            n(b.year),
            t(&b.municipality_code),
            t(b.corporation.as_deref().unwrap_or_default()),
            n(b.lower),
            n(opt(b.upper)),
            t(b.basis.as_str()),
        ]);
    }
    tb.bytes()
}

fn month_row(scope: &str, r: &MonthFigures) -> Vec<(String, bool)> {
    vec![
        t(r.month),
        t(scope),
        n(r.applications),
        n(r.deliveries),
        n(r.housed),
        n(r.open_at_month_end),
        n(opt(r.median_wait_days.map(|v| decimal(v, 1)))),
    ]
}

const MONTHLY_HEADER: [&str; 7] = [
    "month",
    "municipality_code",
    "applications",
    "deliveries",
    "housed",
    "open_at_month_end",
    "median_wait_days",
];

pub fn monthly_csv(f: &Figures) -> Vec<u8> {
    let mut tb = Table::new(&MONTHLY_HEADER);
    for s in &f.municipalities {
        for r in &s.monthly {
            tb.row(&month_row(&s.code, r));
        }
    }
    tb.bytes()
}

pub fn region_monthly_csv(f: &Figures) -> Vec<u8> {
    let mut header = MONTHLY_HEADER;
    header[1] = "region";
    let mut tb = Table::new(&header);
    for r in &f.region.monthly {
        tb.row(&month_row(&f.region.code, r));
    }
    tb.bytes()
}

/// The forecast's cells: `forecast_year_end`, `forecast_low`, `forecast_high`, `p_below_lower`,
/// `p_above_upper`, `needed_per_month_lower` (empty when the report reaches December).
fn forecast(fc: Option<&Forecast>) -> [(String, bool); 6] {
    match fc {
        None => std::array::from_fn(|_| n("")),
        Some(fc) => [
            n(decimal(fc.expected, 1)),
            n(fc.low),
            n(fc.high),
            n(decimal(fc.p_below_lower, 4)),
            n(decimal(fc.p_above_upper, 4)),
            match fc.needed_per_month_lower {
                Needed::Reached => t("reached"),
                Needed::PerMonth(k) => n(k),
            },
        ],
    }
}

pub fn realisation_csv(f: &Figures) -> Vec<u8> {
    let mut tb = Table::new(&[
        "period",
        "municipality_code",
        "corporation",
        "delivered_ytd",
        "lower_bound",
        "upper_bound",
        "status",
        "forecast_year_end",
        "forecast_low",
        "forecast_high",
        "p_below_lower",
        "p_above_upper",
        "needed_per_month_lower",
    ]);
    for s in &f.municipalities {
        let code = s.code.as_str();
        let r = &s.realisation;
        let mut row = vec![
            t(f.period),
            t(code),
            t(""),
            n(r.delivered_ytd),
            n(r.lower),
            n(r.upper),
            t(r.status.as_str()),
        ];
        row.extend(forecast(r.forecast.as_ref()));
        tb.row(&row);
        for c in &s.corporations {
            let mut row = vec![
                t(f.period),
                t(code),
                t(&c.corporation),
                n(c.delivered_ytd),
                n(c.lower),
                n(opt(c.upper)),
                t(c.status.as_str()),
            ];
            row.extend(forecast(c.forecast.as_ref()));
            tb.row(&row);
        }
    }
    tb.bytes()
}

/// Year-on-year changes and rolling 12-month sums for every scope and month.
pub fn trends_csv(f: &Figures) -> Vec<u8> {
    let mut tb = Table::new(&[
        "month",
        "scope",
        "applications_12m",
        "deliveries_12m",
        "housed_12m",
        "applications_yoy",
        "deliveries_yoy",
        "housed_yoy",
        "withdrawn",
        "housed_within_90_days",
    ]);
    for s in scopes(f) {
        for r in &s.monthly {
            tb.row(&[
                t(r.month),
                t(&s.code),
                n(opt(r.applications_12m)),
                n(opt(r.deliveries_12m)),
                n(opt(r.housed_12m)),
                n(opt(r.applications_yoy)),
                n(opt(r.deliveries_yoy)),
                n(opt(r.housed_yoy)),
                n(r.withdrawn),
                n(r.housed_within_90_days),
            ]);
        }
    }
    tb.bytes()
}

fn scopes(f: &Figures) -> impl Iterator<Item = &ScopeFigures> {
    f.municipalities.iter().chain(std::iter::once(&f.region))
}

/// One row of key figures per municipality and for the region.
pub fn key_figures_csv(f: &Figures) -> Vec<u8> {
    let mut tb = Table::new(&[
        "period",
        "scope",
        "name",
        "applications_ytd",
        "applications_prev_ytd",
        "deliveries_ytd",
        "deliveries_prev_ytd",
        "housed_ytd",
        "withdrawn_ytd",
        "lower_bound",
        "upper_bound",
        "pro_rata_lower",
        "pro_rata_upper",
        "status",
        "forecast_year_end",
        "forecast_low",
        "forecast_high",
        "p_below_lower",
        "p_above_upper",
        "needed_per_month_lower",
        "open_at_period_end",
        "median_wait_days_ytd",
        "share_housed_within_90_days_ytd",
    ]);
    for s in scopes(f) {
        let (r, y) = (&s.realisation, &s.ytd);
        let mut row = vec![
            t(f.period),
            t(&s.code),
            t(&s.name),
            n(y.applications),
            n(y.applications_prev),
            n(y.deliveries),
            n(y.deliveries_prev),
            n(y.housed),
            n(y.withdrawn),
            n(r.lower),
            n(r.upper),
            n(decimal(r.band_low, 2)),
            n(decimal(r.band_high, 2)),
            t(r.status.as_str()),
        ];
        row.extend(forecast(r.forecast.as_ref()));
        row.extend([
            n(y.open_at_period_end),
            n(opt(y.median_wait_days.map(|v| decimal(v, 1)))),
            n(opt(y.share_within_90_days.map(|v| decimal(v, 4)))),
        ]);
        tb.row(&row);
    }
    tb.bytes()
}

/// Counts by origin and by housing form per scope.
pub fn breakdowns_csv(f: &Figures) -> Vec<u8> {
    let mut tb = Table::new(&[
        "period",
        "scope",
        "dimension",
        "label",
        "applications_ytd",
        "applications_prev_ytd",
        "housed_ytd",
        "open_at_period_end",
        "deliveries_ytd",
    ]);
    for s in scopes(f) {
        for (dim, lines) in [
            ("origin", &s.by_origin),
            ("housing_form", &s.by_housing_form),
        ] {
            for l in lines {
                tb.row(&[
                    t(f.period),
                    t(&s.code),
                    t(dim),
                    t(l.label.clone().unwrap_or_default()),
                    n(l.applications_ytd),
                    n(l.applications_prev_ytd),
                    n(l.housed_ytd),
                    n(l.open_at_period_end),
                    n(l.deliveries_ytd),
                ]);
            }
        }
    }
    tb.bytes()
}

/// The rejected rows of a source: line number, the original cells, and the reason.
pub fn rejected_csv(report: &SourceReport) -> Vec<u8> {
    let mut header: Vec<&str> = vec!["line"];
    header.extend(report.headers.iter().map(|s| s.as_str()));
    header.push("reason");
    let header: Vec<String> = header.iter().map(|h| excel_safe(h)).collect();
    let refs: Vec<&str> = header.iter().map(|s| s.as_str()).collect();
    let mut tb = Table::new(&refs);
    for r in &report.rejections {
        let mut cells = vec![n(r.line)];
        for i in 0..report.headers.len().max(r.cells.len()) {
            cells.push(t(r.cells.get(i).cloned().unwrap_or_default()));
        }
        cells.truncate(report.headers.len() + 1);
        cells.push(t(&r.reason));
        tb.row(&cells);
    }
    tb.bytes()
}

/// A published table for Excel: UTF-8 with a byte-order mark, `;` between cells (what Excel in
/// Dutch expects), formula prefixes neutralised; the rows, the total row, then the note.
pub fn published_csv(headers: &[String], rows: &[&Vec<String>], note: &str) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let safe = |row: &[String]| row.iter().map(|c| excel_safe(c)).collect::<Vec<_>>();
    // Headers are broken for narrow table columns ("Onder- grens"); a spreadsheet needs none.
    // (The same rule as `render::unbroken_header`; export may not use render.)
    let headers: Vec<String> = headers.iter().map(|h| h.replace("- ", "")).collect();
    w.write_record(safe(&headers)).expect("in memory");
    for row in rows {
        w.write_record(safe(row)).expect("in memory");
    }
    let mut last = vec![String::new(); headers.len()];
    w.write_record(&last).expect("in memory");
    last[0] = excel_safe(note);
    w.write_record(&last).expect("in memory");
    out.extend(w.into_inner().expect("in memory"));
    out
}

/// Writes every figures file and the rejected-rows files under `period_dir` (internal: the
/// figures are not suppressed and the rejected rows hold ids and dates), private to the service
/// user; returns the paths.
pub fn write_all(
    period_dir: &Path,
    figures: &Figures,
    sources: &[SourceReport],
    summary_json: &[u8],
) -> Result<Vec<PathBuf>, WriteError> {
    let fig = period_dir.join("figures");
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (fig.join("bounds.csv"), bounds_csv(figures)),
        (fig.join("monthly.csv"), monthly_csv(figures)),
        (fig.join("realisation.csv"), realisation_csv(figures)),
        (fig.join("region_monthly.csv"), region_monthly_csv(figures)),
        (fig.join("trends.csv"), trends_csv(figures)),
        (fig.join("key_figures.csv"), key_figures_csv(figures)),
        (fig.join("breakdowns.csv"), breakdowns_csv(figures)),
        (fig.join("summary.json"), summary_json.to_vec()),
    ];
    for s in sources {
        files.push((
            period_dir.join("rejected").join(format!("{}.csv", s.name)),
            rejected_csv(s),
        ));
    }
    let mut written = Vec::new();
    for (path, bytes) in files {
        write_private(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_prefixes_are_neutralised() {
        assert_eq!(excel_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(excel_safe("+31"), "'+31");
        assert_eq!(excel_safe("-1"), "'-1");
        assert_eq!(excel_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(excel_safe("GM0344"), "GM0344");
        // Regression: a leading full-width ＝ or a pipe passed unchanged into a published cell.
        assert_eq!(excel_safe("\u{ff1d}1+1"), "'\u{ff1d}1+1");
        assert_eq!(excel_safe("|cmd"), "'|cmd");
        assert_eq!(excel_safe("\u{ff5c}cmd"), "'\u{ff5c}cmd");
        assert_eq!(excel_safe(""), "");
    }

    #[test]
    fn decimals_without_trailing_zeros() {
        assert_eq!(decimal(12.0, 1), "12");
        assert_eq!(decimal(12.5, 1), "12.5");
        assert_eq!(decimal(0.83333, 4), "0.8333");
    }
}
