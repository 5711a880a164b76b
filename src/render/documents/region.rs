//! The region overview: the region's status and key figures, all municipalities in one table, a
//! comparison chart, the region's monthly charts and the explanation page.

use super::charts::monthly_charts;
use super::ctx::{column, Ctx};
use super::sections::{explanation, key_figures, status_block};
use crate::compute::forecast::Needed;
use crate::compute::ScopeFigures;
use crate::domain::{slug, Audience};
use crate::render::canvas::Align;
use crate::render::chart::{self, ComparisonRow};
use crate::render::context::{RenderError, Rendered, ReportContext, Table};
use crate::render::layout::{Col, Doc};
use crate::render::nl;

/// The region overview.
pub fn region(rc: &ReportContext<'_>) -> Result<Rendered, RenderError> {
    let f = rc.figures;
    let r = &f.region;
    let cx = Ctx::new(rc, &r.name, &r.code);
    let title = cx.t("doc_region")?;
    let mut doc = Doc::new();
    doc.title(&cx.t("title")?, &cx.t("subtitle_region")?);
    doc.para(&cx.t("intro_region")?);
    doc.space(2.0);
    status_block(&mut doc, &cx, &r.realisation)?;
    cx.held_note(&mut doc, |_| true)?;
    cx.conflict_note(&mut doc, |_| true)?;
    key_figures(&mut doc, &cx, r)?;

    doc.new_page();
    doc.heading(&cx.t("heading_all_municipalities")?);
    let table = overview_table(&cx)?;
    // The bounds and realisation; with a forecast, its columns in a table of their own.
    let widths: [(f32, Align); 8] = [
        (37.0, Align::Left),
        (14.0, Align::Right),
        (14.0, Align::Right),
        (18.0, Align::Right),
        (17.0, Align::Right),
        (42.0, Align::Left),
        (12.0, Align::Right),
        (16.0, Align::Right),
    ];
    let first: Vec<usize> = (0..8).collect();
    table_part(&mut doc, &table, &table.headers[..8], &widths, &first);
    doc.small(&cx.t("note_region_table")?);
    // Comparison chart: realisation in % of the pro-rata lower bound.
    let (small_note, no_lower_note) = (cx.t("comparison_small")?, cx.t("comparison_no_lower")?);
    let rows: Vec<ComparisonRow> = f
        .municipalities
        .iter()
        .map(|s| {
            let rl = &s.realisation;
            let hidden = cx.small(rl.lower) || cx.small(rl.upper) || cx.small(rl.delivered_ytd);
            if hidden {
                ComparisonRow {
                    name: s.name.clone(),
                    value_pct: None,
                    upper_pct: None,
                    note: Some(small_note.clone()),
                }
            } else if rl.band_low <= 0.0 {
                ComparisonRow {
                    name: s.name.clone(),
                    value_pct: None,
                    upper_pct: None,
                    note: Some(no_lower_note.clone()),
                }
            } else {
                ComparisonRow {
                    name: s.name.clone(),
                    value_pct: Some(rl.delivered_ytd as f64 / rl.band_low * 100.0),
                    upper_pct: Some(rl.band_high / rl.band_low * 100.0),
                    note: None,
                }
            }
        })
        .collect();
    doc.new_page();
    let title_c = cx.t("chart_comparison")?;
    let h = 22.0 + (rows.len() + 2) as f32 * 7.5;
    let (axis, band_label, value_label) = (
        cx.t("axis_comparison")?,
        cx.t("legend_comparison_band")?,
        cx.t("legend_comparison_value")?,
    );
    let alt_rows: Vec<String> = rows
        .iter()
        .map(|r| {
            let value = match (&r.value_pct, &r.note) {
                (Some(v), _) => format!("{}%", nl::dec(*v, 0)),
                (None, Some(n)) => n.clone(),
                (None, None) => String::new(),
            };
            cx.t_with(
                "alt_comparison_row",
                minijinja::context! { name => r.name.clone(), value => value },
            )
        })
        .collect::<Result<_, _>>()?;
    let alt = cx.t_with(
        "alt_comparison",
        minijinja::context! { title => title_c.clone(), rows => alt_rows.join("; ") },
    )?;
    doc.chart(&title_c, &alt, h.min(200.0), |c, bx| {
        chart::comparison(c, bx, &rows, &axis, (&band_label, &value_label))
    });
    doc.small(&cx.t("note_comparison")?);
    doc.new_page();
    // The forecast per municipality, then the region's monthly charts.
    if f.forecasts() {
        doc.heading(&cx.t("heading_forecast_municipalities")?);
        let second = [0usize, 8, 9, 10];
        let widths = [
            (60.0, Align::Left),
            (40.0, Align::Right),
            (35.0, Align::Right),
            (35.0, Align::Right),
        ];
        // Wide columns: the headers need not break ("Prog- nose" reads "Prognose").
        let headers: Vec<String> = second
            .iter()
            .map(|&i| crate::render::context::unbroken_header(&table.headers[i]))
            .collect();
        table_part(&mut doc, &table, &headers, &widths, &second);
        doc.small(&cx.t("note_forecast_table")?);
        doc.space(4.0);
    }

    monthly_charts(&mut doc, &cx, r)?;
    explanation(&mut doc, &cx)?;
    cx.finish(
        doc,
        &title,
        "subject_region",
        format!("{}_{}.pdf", cx.label(), slug(&r.name)),
        Audience::Region,
    )
}

/// The table of all municipalities with the region's total, suppressed as in the document: in
/// the region overview and, as the published table, next to the documents.
/// The columns `idx` of `table` as a table of its own, under `headers` with `widths`.
fn table_part(
    doc: &mut Doc,
    table: &Table,
    headers: &[String],
    widths: &[(f32, Align)],
    idx: &[usize],
) {
    let pick = |row: &[String]| idx.iter().map(|&i| row[i].clone()).collect::<Vec<_>>();
    let cols: Vec<Col<'_>> = headers
        .iter()
        .zip(widths)
        .map(|(h, &(width, align))| Col {
            header: h,
            width,
            align,
        })
        .collect();
    let rows: Vec<Vec<String>> = table.rows.iter().map(|r| pick(r)).collect();
    doc.table(&cols, &rows, Some(&pick(&table.total)));
}

fn overview_table(cx: &Ctx<'_, '_>) -> Result<Table, RenderError> {
    let rc = cx.rc;
    let f = rc.figures;
    let r = &f.region;
    let ms = &f.municipalities;
    let col = |g: fn(&ScopeFigures) -> u64, total: u64| {
        column(cx, &ms.iter().map(g).collect::<Vec<_>>(), total)
    };
    let (lower, lower_t) = col(|s| s.realisation.lower, r.realisation.lower);
    let (upper, upper_t) = col(|s| s.realisation.upper, r.realisation.upper);
    let (dels, dels_t) = col(|s| s.realisation.delivered_ytd, r.realisation.delivered_ytd);
    let (open, open_t) = col(|s| s.ytd.open_at_period_end, r.ytd.open_at_period_end);
    let th = rc.threshold as u64;
    let wait = |s: &ScopeFigures| match s.ytd.median_wait_days {
        Some(m) if s.ytd.housed >= th => nl::dec(m, 0),
        Some(_) => "•".into(),
        None => "–".into(),
    };
    let band = |s: &ScopeFigures, lo: &str, up: &str| {
        if lo.starts_with('<') || lo == "x" || up.starts_with('<') || up == "x" {
            "•".to_string()
        } else {
            format!(
                "{}–{}",
                nl::dec(s.realisation.band_low, 0),
                nl::dec(s.realisation.band_high, 0)
            )
        }
    };
    // The forecast's band and the chance of making the lower bound (not for a year that is
    // over); • where a number would give a small count away.
    let forecasts = f.forecasts();
    let reached = cx.t("value_reached")?;
    let forecast_cells = |s: &ScopeFigures, lo: &str| -> Result<[String; 3], RenderError> {
        let rl = &s.realisation;
        let dash = || -> [String; 3] { ["–".into(), "–".into(), "–".into()] };
        Ok(match &rl.forecast {
            _ if rl.status == crate::compute::Status::Incomplete => dash(),
            Some(fc) if !cx.small(fc.low) => {
                let hidden_lower = lo.starts_with('<') || lo == "x";
                let (chance, needed) = match fc.needed_per_month_lower {
                    _ if rl.lower == 0 => ("–".into(), "–".into()),
                    _ if hidden_lower => ("•".into(), "•".into()),
                    Needed::Reached => (reached.clone(), reached.clone()),
                    Needed::PerMonth(k) => (nl::chance(1.0 - fc.p_below_lower), cx.published(k)),
                };
                [format!("{}–{}", fc.low, fc.high), chance, needed]
            }
            Some(_) => ["•".into(), "•".into(), "•".into()],
            None => dash(),
        })
    };
    let mut rows = Vec::new();
    for (i, s) in ms.iter().enumerate() {
        let mut row = vec![
            s.name.clone(),
            lower[i].clone(),
            upper[i].clone(),
            band(s, &lower[i], &upper[i]),
            dels[i].clone(),
            cx.status_word(s.realisation.status)?,
            open[i].clone(),
            wait(s),
        ];
        if forecasts {
            row.extend(forecast_cells(s, &lower[i])?);
        }
        rows.push(row);
    }
    let mut total = vec![
        r.name.clone(),
        lower_t.clone(),
        upper_t.clone(),
        band(r, &lower_t, &upper_t),
        dels_t,
        cx.status_word(r.realisation.status)?,
        open_t,
        wait(r),
    ];
    if forecasts {
        total.extend(forecast_cells(r, &lower_t)?);
    }
    let mut header_keys = vec![
        "header_municipality",
        "header_lower_short",
        "header_upper_short",
        "header_band_pro_rata",
        "header_homes_until",
        "header_status",
        "header_open",
        "header_wait_days",
    ];
    if forecasts {
        header_keys.extend([
            "header_forecast_band",
            "header_chance_lower",
            "header_needed_lower",
        ]);
    }
    let headers = header_keys
        .iter()
        .map(|k| cx.t(k))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Table {
        headers,
        rows,
        total,
        note: if forecasts {
            format!(
                "{} {}",
                cx.t("note_region_table")?,
                cx.t("note_forecast_table")?
            )
        } else {
            cx.t("note_region_table")?
        },
    })
}

/// The region overview's table as it may be published (suppressed like the document).
pub fn published_table(rc: &ReportContext<'_>) -> Result<Table, RenderError> {
    let r = &rc.figures.region;
    overview_table(&Ctx::new(rc, &r.name, &r.code))
}
