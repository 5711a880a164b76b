//! The corporation report: its homes per municipality against its bounds, and its monthly trend.

use minijinja::context;

use super::charts::{chart_window, flow_chart};
use super::sections::explanation;
use super::{basis_word, bound_text, column, status_color, Ctx};
use crate::compute::{CorporationFigures, CorporationLine};
use crate::domain::Period;
use crate::render::canvas::{palette, Align};
use crate::render::layout::{Col, Doc};
use crate::render::{slug, Audience, RenderError, Rendered, ReportContext};

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
    doc.callout(
        status_color(t.status),
        &cx.t_with("corporation_headline", context! { status => word.clone() })?,
        &cx.t_with(
            "corporation_summary",
            context! {
                delivered => cx.published(t.delivered_ytd),
                delivered_prev => cx.published(t.delivered_prev_ytd),
                lower => cx.published(t.lower),
                upper => upper.clone(),
            },
        )?,
    );
    cx.incomplete_note(&mut doc, t.status)?;
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
        let mut rows = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            rows.push(vec![
                l.name.clone(),
                dels[i].clone(),
                prev[i].clone(),
                lower[i].clone(),
                bound_text(&cx, l.upper),
                basis_word(&cx, l.basis)?,
                cx.status_word(l.status)?,
            ]);
        }
        let total = vec![
            cx.t("total")?,
            dels_t,
            prev_t,
            lower_t,
            upper.clone(),
            String::new(),
            word.clone(),
        ];
        let (h1, h2) = (cx.t("header_homes_year")?, cx.t("header_homes_prev_year")?);
        doc.table(
            &[
                Col {
                    header: &cx.t("header_municipality")?,
                    width: 34.0,
                    align: Align::Left,
                },
                Col {
                    header: &h1,
                    width: 18.0,
                    align: Align::Right,
                },
                Col {
                    header: &h2,
                    width: 18.0,
                    align: Align::Right,
                },
                Col {
                    header: &cx.t("header_lower_short")?,
                    width: 16.0,
                    align: Align::Right,
                },
                Col {
                    header: &cx.t("header_upper_short")?,
                    width: 16.0,
                    align: Align::Right,
                },
                Col {
                    header: &cx.t("header_bounds")?,
                    width: 23.0,
                    align: Align::Left,
                },
                Col {
                    header: &cx.t("header_status")?,
                    width: 45.0,
                    align: Align::Left,
                },
            ],
            &rows,
            Some(&total),
        );
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
        Audience::Corporation(c.code.clone()),
    )
}
