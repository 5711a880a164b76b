//! The municipality report, for the council: status and key figures, the monthly charts, the
//! corporations, origins and housing forms, and the explanation page.

use minijinja::context;

use super::charts::monthly_charts;
use super::ctx::{basis_word, bound_text, column, Ctx};
use super::sections::{explanation, key_figures, status_block};
use crate::compute::{BreakdownLine, ScopeFigures};
use crate::domain::{slug, Audience};
use crate::render::canvas::Align;
use crate::render::context::{RenderError, Rendered, ReportContext};
use crate::render::layout::{Col, Doc, WIDTH};

fn corporation_table(doc: &mut Doc, cx: &Ctx<'_, '_>, s: &ScopeFigures) -> Result<(), RenderError> {
    let lines = &s.corporations;
    if lines.is_empty() {
        doc.para(&cx.t("no_corporations")?);
        return Ok(());
    }
    let (delivered, delivered_total) = column(
        cx,
        &lines.iter().map(|l| l.delivered_ytd).collect::<Vec<_>>(),
        s.realisation.delivered_ytd,
    );
    // The forecast's 80% band (• where it would give a small count away).
    let forecasts = cx.rc.figures.forecasts();
    let band = |f: Option<&crate::compute::forecast::Forecast>, status| match f {
        _ if status == crate::compute::Status::Incomplete => "–".to_string(),
        Some(f) if !cx.small(f.low) => format!("{}–{}", f.low, f.high),
        Some(_) => "•".to_string(),
        None => "–".to_string(),
    };
    let mut rows = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let name = if l.corporation == crate::schema::OTHER {
            cx.label_text(Some(&l.corporation), "other_corporations")?
        } else {
            l.name.clone()
        };
        let mut row = vec![
            name,
            delivered[i].clone(),
            cx.published(l.lower),
            bound_text(cx, l.upper),
            basis_word(cx, l.basis)?,
            cx.status_word(l.status)?,
        ];
        if forecasts {
            row.push(band(l.forecast.as_ref(), l.status));
        }
        rows.push(row);
    }
    let mut total = vec![
        cx.t("total_municipality")?,
        delivered_total,
        cx.published(s.realisation.lower),
        cx.published(s.realisation.upper),
        cx.t("basis_derived")?,
        cx.status_word(s.realisation.status)?,
    ];
    if forecasts {
        total.push(band(s.realisation.forecast.as_ref(), s.realisation.status));
    }
    let headers = [
        cx.t("header_corporation")?,
        cx.t("header_homes_until")?,
        cx.t(if forecasts {
            "header_lower_short"
        } else {
            "header_lower"
        })?,
        cx.t(if forecasts {
            "header_upper_short"
        } else {
            "header_upper"
        })?,
        cx.t("header_bounds")?,
        cx.t("header_status")?,
        cx.t("header_forecast_band")?,
    ];
    let widths: [f32; 7] = if forecasts {
        [34.0, 20.0, 19.0, 19.0, 21.0, 39.0, 18.0]
    } else {
        [38.0, 22.0, 21.0, 21.0, 23.0, 45.0, 0.0]
    };
    let aligns = [
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Left,
        Align::Left,
        Align::Right,
    ];
    let n = if forecasts { 7 } else { 6 };
    let cols: Vec<Col<'_>> = (0..n)
        .map(|i| Col {
            header: &headers[i],
            width: widths[i],
            align: aligns[i],
        })
        .collect();
    doc.table(&cols, &rows, Some(&total));
    doc.small(&cx.t("note_corporations")?);
    Ok(())
}

fn breakdown_table(
    doc: &mut Doc,
    cx: &Ctx<'_, '_>,
    title: &str,
    lines: &[BreakdownLine],
    with_deliveries: bool,
) -> Result<(), RenderError> {
    if lines.is_empty() {
        doc.para(&cx.t_with("no_breakdown_data", context! { dimension => title })?);
        return Ok(());
    }
    let labels = lines
        .iter()
        .map(|l| cx.label_text(l.label.as_deref(), "other_label"))
        .collect::<Result<Vec<_>, _>>()?;
    let col = |f: fn(&BreakdownLine) -> u64| {
        let parts: Vec<u64> = lines.iter().map(f).collect();
        let total = parts.iter().sum();
        column(cx, &parts, total)
    };
    let (apps, apps_t) = col(|l| l.applications_ytd);
    let (prev, prev_t) = col(|l| l.applications_prev_ytd);
    let (housed, housed_t) = col(|l| l.housed_ytd);
    let (open, open_t) = col(|l| l.open_at_period_end);
    let (dels, dels_t) = col(|l| l.deliveries_ytd);
    let mut rows = Vec::new();
    for (i, label) in labels.into_iter().enumerate() {
        let mut r = vec![
            label,
            apps[i].clone(),
            prev[i].clone(),
            housed[i].clone(),
            open[i].clone(),
        ];
        if with_deliveries {
            r.push(dels[i].clone());
        }
        rows.push(r);
    }
    let mut total = vec![cx.t("total")?, apps_t, prev_t, housed_t, open_t];
    if with_deliveries {
        total.push(dels_t);
    }
    let (h1, h2, h3, h_open, h_homes) = (
        cx.t("header_applications_year")?,
        cx.t("header_applications_prev_year")?,
        cx.t("header_housed_year")?,
        cx.t("header_open_end")?,
        cx.t("header_homes")?,
    );
    let mut cols = vec![
        Col {
            header: title,
            width: if with_deliveries { 45.0 } else { 60.0 },
            align: Align::Left,
        },
        Col {
            header: &h1,
            width: 26.0,
            align: Align::Right,
        },
        Col {
            header: &h2,
            width: 26.0,
            align: Align::Right,
        },
        Col {
            header: &h3,
            width: 26.0,
            align: Align::Right,
        },
        Col {
            header: &h_open,
            width: if with_deliveries { 22.0 } else { 32.0 },
            align: Align::Right,
        },
    ];
    if with_deliveries {
        cols.push(Col {
            header: &h_homes,
            width: 25.0,
            align: Align::Right,
        });
    }
    debug_assert!(cols.iter().map(|c| c.width).sum::<f32>() <= WIDTH + 0.1);
    doc.table(&cols, &rows, Some(&total));
    Ok(())
}

/// The municipality report (for the council).
pub fn municipality(rc: &ReportContext<'_>, s: &ScopeFigures) -> Result<Rendered, RenderError> {
    let cx = Ctx::new(rc, &s.name, &s.code);
    let title = cx.t("doc_municipality")?;
    let mut doc = Doc::new();
    doc.title(&cx.t("title")?, &cx.t("subtitle_municipality")?);
    doc.para(&cx.t("intro_municipality")?);
    doc.space(2.0);
    status_block(&mut doc, &cx, &s.realisation)?;
    let here = |c: &str| s.corporations.iter().any(|l| l.corporation.as_str() == c);
    cx.held_note(&mut doc, here)?;
    cx.conflict_note(&mut doc, here)?;
    key_figures(&mut doc, &cx, s)?;
    doc.new_page();
    monthly_charts(&mut doc, &cx, s)?;
    // The tables follow the charts on the same page when the heading and a few rows fit (a
    // chart shown as a note must not leave a page of its own).
    doc.need(70.0);
    doc.heading(&cx.t("heading_corporations")?);
    corporation_table(&mut doc, &cx, s)?;
    doc.heading(&cx.t("heading_origin")?);
    breakdown_table(&mut doc, &cx, &cx.t("header_origin")?, &s.by_origin, false)?;
    doc.small(&cx.t("note_origin")?);
    doc.heading(&cx.t("heading_housing_form")?);
    breakdown_table(
        &mut doc,
        &cx,
        &cx.t("header_housing_form")?,
        &s.by_housing_form,
        true,
    )?;
    explanation(&mut doc, &cx)?;
    cx.finish(
        doc,
        &title,
        "subject_municipality",
        format!("{}_gemeente-{}_{}.pdf", cx.label(), slug(&s.name), s.code),
        Audience::Municipality(s.code.to_string()),
    )
}
