//! Sections the document types share: the status call-out, the key figures and the explanation
//! page.

use minijinja::context;

use super::blocks::{blocks, Block};
use super::ctx::{status_color, Ctx};
use crate::compute::forecast::Needed;
use crate::compute::ScopeFigures;
use crate::render::canvas::Align;
use crate::render::context::RenderError;
use crate::render::layout::{Col, Doc};
use crate::render::nl;

pub(super) fn status_block(
    doc: &mut Doc,
    cx: &Ctx<'_, '_>,
    r: &crate::compute::Realisation,
) -> Result<(), RenderError> {
    let word = cx.status_word(r.status)?;
    let suppressed = cx.small(r.delivered_ytd) || cx.small(r.lower) || cx.small(r.upper);
    let sentence = if r.status == crate::compute::Status::Incomplete {
        "status_sentence_incomplete"
    } else {
        "status_sentence"
    };
    let mut text = cx.t_with(
        sentence,
        context! {
            delivered => cx.published(r.delivered_ytd),
            band_low => if suppressed { format!("< {}", cx.rc.threshold) } else { nl::dec(r.band_low, 1) },
            band_high => if suppressed { format!("< {}", cx.rc.threshold) } else { nl::dec(r.band_high, 1) },
            coverage => cx.coverage()?,
        },
    )?;
    if let Some(sentence) = forecast_sentence(cx, r.forecast.as_ref(), r.lower, r.status)? {
        text.push(' ');
        text.push_str(&sentence);
    }
    doc.callout(
        status_color(r.status),
        &cx.t_with("status_headline", context! { status => word })?,
        &text,
    );
    Ok(())
}

/// The forecast in one sentence a council member understands ("Bij het huidige tempo eindigt
/// Houten tussen 9 en 15 woningen; de ondergrens van 14 wordt met 35% kans gehaald. Daarvoor
/// zijn vanaf nu 2 woningen per maand nodig."); `None` without a forecast, with incomplete
/// data, or when its numbers would give a small count away.
pub(super) fn forecast_sentence(
    cx: &Ctx<'_, '_>,
    forecast: Option<&crate::compute::forecast::Forecast>,
    lower: u64,
    status: crate::compute::Status,
) -> Result<Option<String>, RenderError> {
    let Some(f) = forecast else {
        return Ok(None);
    };
    if status == crate::compute::Status::Incomplete || cx.small(f.low) {
        return Ok(None);
    }
    // The chance against the lower bound only where the bound itself may be shown.
    let with_lower = lower > 0 && !cx.small(lower);
    let needed = match f.needed_per_month_lower {
        Needed::PerMonth(k) if with_lower => Some(k),
        _ => None,
    };
    Ok(Some(cx.t_with(
        "forecast_sentence",
        context! {
            low => cx.published(f.low),
            high => cx.published(f.high),
            lower => with_lower.then(|| cx.published(lower)),
            kans => nl::chance(1.0 - f.p_below_lower),
            needed => needed,
            reached => with_lower && f.needed_per_month_lower == Needed::Reached,
        },
    )?))
}

pub(super) fn key_figures(
    doc: &mut Doc,
    cx: &Ctx<'_, '_>,
    s: &ScopeFigures,
) -> Result<(), RenderError> {
    let (this, last) = (
        cx.t("header_this_year_to_date")?,
        cx.t("header_last_year_to_date")?,
    );
    let y = &s.ytd;
    let r = &s.realisation;
    let th = cx.rc.threshold as u64;
    let rows = vec![
        vec![
            cx.t("label_applications")?,
            cx.published(y.applications),
            cx.published(y.applications_prev),
        ],
        vec![
            cx.t("label_deliveries")?,
            cx.published(y.deliveries),
            cx.published(y.deliveries_prev),
        ],
        vec![
            cx.t("label_housed")?,
            cx.published(y.housed),
            cx.published(y.housed_prev),
        ],
        vec![
            cx.t("label_open_end")?,
            cx.published(y.open_at_period_end),
            cx.published(y.open_a_year_earlier),
        ],
    ];
    doc.key_figures = rows.iter().map(|r| (r[0].clone(), r[1].clone())).collect();
    doc.table(
        &[
            Col {
                header: &cx.t("header_key_figure")?,
                width: 80.0,
                align: Align::Left,
            },
            Col {
                header: &this,
                width: 45.0,
                align: Align::Right,
            },
            Col {
                header: &last,
                width: 45.0,
                align: Align::Right,
            },
        ],
        &rows,
        None,
    );
    let band = |v: f64, bound: u64| {
        if cx.small(bound) {
            format!("< {}", cx.rc.threshold)
        } else {
            nl::dec(v, 1)
        }
    };
    let wait = match (y.median_wait_days, y.housed >= th) {
        (Some(m), true) => cx.t_with("value_days", context! { value => nl::dec(m, 1) })?,
        (Some(_), false) => cx.t("not_shown_few_housed")?,
        (None, _) => cx.t("no_housings")?,
    };
    let share = match (y.share_within_90_days, y.housed >= th) {
        (Some(v), true) => nl::pct(v),
        (Some(_), false) => cx.t("not_shown_few_housed")?,
        (None, _) => cx.t("no_housings")?,
    };
    // A report that reaches December has no year end left to forecast: no rows.
    let mut forecast_rows = Vec::new();
    if let Some(f) = &r.forecast {
        let shown = !cx.small(f.low) && r.status != crate::compute::Status::Incomplete;
        forecast_rows.push(vec![
            cx.t("row_forecast")?,
            if shown {
                cx.t_with(
                    "value_forecast",
                    context! { low => cx.published(f.low), high => cx.published(f.high), expected => nl::dec(f.expected, 0) },
                )?
            } else {
                cx.t("not_shown_small")?
            },
        ]);
        if shown && r.lower > 0 && !cx.small(r.lower) {
            if f.needed_per_month_lower != Needed::Reached {
                forecast_rows.push(vec![
                    cx.t("row_chance_lower")?,
                    nl::chance(1.0 - f.p_below_lower),
                ]);
            }
            forecast_rows.push(vec![
                cx.t("row_needed_lower")?,
                match f.needed_per_month_lower {
                    Needed::Reached => cx.t("value_reached")?,
                    Needed::PerMonth(k) => cx.t_with("value_per_month", context! { value => k })?,
                },
            ]);
        }
    }
    let mut rows = vec![
        vec![cx.t("row_lower")?, cx.published(r.lower)],
        vec![cx.t("row_upper")?, cx.published(r.upper)],
        vec![
            cx.t("row_band")?,
            format!(
                "{} – {}",
                band(r.band_low, r.lower),
                band(r.band_high, r.upper)
            ),
        ],
        vec![cx.t("row_wait")?, wait],
        vec![cx.t("row_within_90_days")?, share],
    ];
    for (i, row) in forecast_rows.into_iter().enumerate() {
        rows.insert(3 + i, row);
    }
    doc.table(
        &[
            Col {
                header: &cx.t("header_bounds_and_waiting")?,
                width: 95.0,
                align: Align::Left,
            },
            Col {
                header: &this,
                width: 75.0,
                align: Align::Right,
            },
        ],
        &rows,
        None,
    );
    Ok(())
}

/// Renders the explanation page from `uitleg.md.j2`.
pub(super) fn explanation(doc: &mut Doc, cx: &Ctx<'_, '_>) -> Result<(), RenderError> {
    let text = cx.t("uitleg")?;
    // The explanation follows on the same page when a good part of it fits there.
    doc.need(90.0);
    doc.space(6.0);
    for block in blocks(&text) {
        match block {
            Block::Heading(h) => doc.heading(&h),
            Block::Bullet(b) => doc.bullet(&b),
            Block::Para(p) => doc.para(&p),
        }
    }
    Ok(())
}
