//! The corporation report: its homes per municipality against its bounds, and its monthly trend.

use minijinja::context;

use super::charts::{chart_window, flow_chart};
use super::ctx::{basis_word, bound_text, column, status_color, Ctx};
use super::sections::{explanation, forecast_sentence};
use crate::compute::{CorporationFigures, CorporationLine};
use crate::domain::Period;
use crate::domain::{slug, Audience};
use crate::render::canvas::{palette, Align};
use crate::render::context::{RenderError, Rendered, ReportContext};
use crate::render::layout::{Col, Doc};

/// The corporation report.
pub fn corporation(
    rc: &ReportContext<'_>,
    c: &CorporationFigures,
) -> Result<Rendered, RenderError> {
    let cx = Ctx::new(rc, &c.name, &c.code);
    let title = cx.t("doc_corporation")?;
    let mut doc = Doc::new();
    doc.title(&cx.t("title")?, &cx.t("subtitle_corporation")?);
    doc.para(&cx.t("intro_corporation")?);
    doc.space(2.0);
    let t = &c.total;
    let word = cx.status_word(t.status)?;
    let upper = bound_text(&cx, t.upper);
    let mut summary = cx.t_with(
        "corporation_summary",
        context! {
            delivered => cx.published(t.delivered_ytd),
            delivered_prev => cx.published(t.delivered_prev_ytd),
            lower => cx.published(t.lower),
            upper => upper.clone(),
        },
    )?;
    if let Some(sentence) = forecast_sentence(&cx, t.forecast.as_ref(), t.lower, t.status)? {
        summary.push(' ');
        summary.push_str(&sentence);
    }
    doc.callout(
        status_color(t.status),
        &cx.t_with("corporation_headline", context! { status => word.clone() })?,
        &summary,
    );
    cx.incomplete_note(&mut doc, t.status)?;
    cx.held_note(&mut doc, |code| code == c.code.as_str())?;
    cx.conflict_note(&mut doc, |code| code == c.code.as_str())?;
    doc.heading(&cx.t("heading_per_municipality")?);
    if c.municipalities.is_empty() {
        doc.para(&cx.t("no_corporation_municipalities")?);
    } else {
        let lines: &[CorporationLine] = &c.municipalities;
        let (dels, dels_t) = column(
            &cx,
            &lines.iter().map(|l| l.delivered_ytd).collect::<Vec<_>>(),
            t.delivered_ytd,
        );
        let (prev, prev_t) = column(
            &cx,
            &lines
                .iter()
                .map(|l| l.delivered_prev_ytd)
                .collect::<Vec<_>>(),
            t.delivered_prev_ytd,
        );
        let (lower, lower_t) = column(
            &cx,
            &lines.iter().map(|l| l.lower).collect::<Vec<_>>(),
            t.lower,
        );
        // The forecast's 80% band per line (• where it would give a small count away).
        let band = |l: &CorporationLine| match &l.forecast {
            _ if l.status == crate::compute::Status::Incomplete => "–".to_string(),
            Some(f) if !cx.small(f.low) => format!("{}–{}", f.low, f.high),
            Some(_) => "•".to_string(),
            None => "–".to_string(),
        };
        let forecasts = rc.figures.forecasts();
        let mut rows = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            let mut row = vec![
                l.name.clone(),
                dels[i].clone(),
                prev[i].clone(),
                lower[i].clone(),
                bound_text(&cx, l.upper),
                basis_word(&cx, l.basis)?,
                cx.status_word(l.status)?,
            ];
            if forecasts {
                row.push(band(l));
            }
            rows.push(row);
        }
        let mut total = vec![
            cx.t("total")?,
            dels_t,
            prev_t,
            lower_t,
            upper.clone(),
            String::new(),
            word.clone(),
        ];
        if forecasts {
            total.push(band(t));
        }
        let (h1, h2) = (cx.t("header_homes_year")?, cx.t("header_homes_prev_year")?);
        let (h_mun, h_low, h_up, h_bounds, h_status, h_fc) = (
            cx.t("header_municipality")?,
            cx.t("header_lower_short")?,
            cx.t("header_upper_short")?,
            cx.t("header_bounds")?,
            cx.t("header_status")?,
            cx.t("header_forecast_band")?,
        );
        // Widths in mm: with the forecast's column the others give a little room.
        let w: [f32; 8] = if forecasts {
            [27.0, 16.0, 16.0, 14.0, 14.0, 21.0, 42.0, 18.0]
        } else {
            [34.0, 18.0, 18.0, 16.0, 16.0, 23.0, 45.0, 0.0]
        };
        let mut cols = vec![
            Col {
                header: &h_mun,
                width: w[0],
                align: Align::Left,
            },
            Col {
                header: &h1,
                width: w[1],
                align: Align::Right,
            },
            Col {
                header: &h2,
                width: w[2],
                align: Align::Right,
            },
            Col {
                header: &h_low,
                width: w[3],
                align: Align::Right,
            },
            Col {
                header: &h_up,
                width: w[4],
                align: Align::Right,
            },
            Col {
                header: &h_bounds,
                width: w[5],
                align: Align::Left,
            },
            Col {
                header: &h_status,
                width: w[6],
                align: Align::Left,
            },
        ];
        if forecasts {
            cols.push(Col {
                header: &h_fc,
                width: w[7],
                align: Align::Right,
            });
        }
        doc.table(&cols, &rows, Some(&total));
        doc.small(&cx.t("note_corporation_table")?);
    }
    let months = chart_window(&c.monthly);
    let title_c = cx.t("chart_corporation_monthly")?;
    let periods: Vec<Period> = months.iter().map(|(p, _)| *p).collect();
    let values: Vec<u64> = months.iter().map(|(_, v)| *v).collect();
    flow_chart(
        &mut doc,
        &cx,
        &title_c,
        &periods,
        &[(&cx.t("label_deliveries")?, palette::ORANGE, values)],
    )?;
    explanation(&mut doc, &cx)?;
    cx.finish(
        doc,
        &title,
        "subject_corporation",
        format!("{}_corporatie-{}.pdf", cx.label(), slug(&c.code)),
        Audience::Corporation(c.code.to_string()),
    )
}
