//! The monthly charts: applications against homes (per quarter when months hold small numbers),
//! homes this year against the band, open applications and the waiting time.

use minijinja::context;

use super::ctx::Ctx;
use crate::compute::ScopeFigures;
use crate::domain::Period;
use crate::render::canvas::{palette, Rgb8};
use crate::render::chart::{self, Series};
use crate::render::context::RenderError;
use crate::render::layout::Doc;
use crate::render::nl;

/// Months shown in the monthly charts.
const CHART_MONTHS: usize = 24;

/// The months of the charts: the last `CHART_MONTHS` of the series.
pub(super) fn chart_window<T: Clone>(v: &[T]) -> Vec<T> {
    v[v.len().saturating_sub(CHART_MONTHS)..].to_vec()
}

/// Groups consecutive months into calendar quarters: (label, indices of the months).
fn quarters(cx: &Ctx<'_, '_>, months: &[Period]) -> Result<Vec<(String, Vec<usize>)>, RenderError> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    let mut last: Option<(i32, u32)> = None;
    for (i, p) in months.iter().enumerate() {
        let q = (p.year(), (p.month() - 1) / 3 + 1);
        if last != Some(q) {
            let yy = format!("{:02}", q.0 % 100);
            let label = cx.t_with("quarter_label", context! { quarter => q.1, yy => yy })?;
            out.push((label, Vec::new()));
            last = Some(q);
        }
        out.last_mut().expect("pushed").1.push(i);
    }
    Ok(out)
}

/// Sums `values` per quarter.
fn per_quarter(groups: &[(String, Vec<usize>)], values: &[u64]) -> Vec<u64> {
    groups
        .iter()
        .map(|(_, idx)| idx.iter().map(|&i| values[i]).sum())
        .collect()
}

/// A chart's alternative text: its title and span, and per series the first, last, lowest
/// and highest value (with where they fall). Only charts without small counts are drawn, so
/// every number here is printable.
pub(super) fn alt_text(
    cx: &Ctx<'_, '_>,
    title: &str,
    labels: &[String],
    series: &[(&str, &[Option<f64>])],
    extra: Option<String>,
) -> Result<String, RenderError> {
    let mut parts = Vec::new();
    for (label, values) in series {
        let shown: Vec<(usize, f64)> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .collect();
        let (Some(first), Some(last)) = (shown.first(), shown.last()) else {
            continue;
        };
        let min = shown
            .iter()
            .copied()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .expect("not empty");
        let max = shown
            .iter()
            .copied()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("not empty");
        let at = |i: usize| labels.get(i).cloned().unwrap_or_default();
        parts.push(cx.t_with(
            "alt_series",
            context! {
                label => label,
                first => nl::dec(first.1, 1),
                last => nl::dec(last.1, 1),
                min => nl::dec(min.1, 1),
                max => nl::dec(max.1, 1),
                min_at => at(min.0),
                max_at => at(max.0),
            },
        )?);
    }
    if let Some(e) = extra {
        parts.push(e);
    }
    cx.t_with(
        "alt_chart",
        context! {
            title => title,
            from => labels.first().cloned().unwrap_or_default(),
            to => labels.last().cloned().unwrap_or_default(),
            series => parts.join(" "),
        },
    )
}

/// The forecast on the cumulative chart: its fan, the expected line, and what the alt text says
/// of it.
struct ForecastDrawing {
    fan: chart::Fan,
    expected: Vec<Option<f64>>,
    sentence: String,
}

/// The forecast's fan on the cumulative chart (from the report's month to December); `None`
/// when there is no forecast, the data is incomplete, or a number of it would be a small count.
fn forecast_fan(
    cx: &Ctx<'_, '_>,
    r: &crate::compute::Realisation,
    cum: &[crate::compute::CumulativeMonth],
) -> Result<Option<ForecastDrawing>, RenderError> {
    let Some(f) = &r.forecast else {
        return Ok(None);
    };
    let month = cx.period().month() as usize;
    let so_far = cum.get(month - 1).and_then(|c| c.this_year).unwrap_or(0);
    if r.status == crate::compute::Status::Incomplete
        || cx.small(so_far)
        || f.path.iter().any(|p| cx.small(p.low))
    {
        return Ok(None);
    }
    let mut points = vec![((month - 1) as f64, so_far as f64, so_far as f64)];
    points.extend(
        f.path
            .iter()
            .map(|p| ((p.month - 1) as f64, p.low as f64, p.high as f64)),
    );
    let mut expected = vec![None; 12];
    expected[month - 1] = Some(so_far as f64);
    for p in &f.path {
        expected[p.month as usize - 1] = Some(p.expected);
    }
    let label = cx.t("legend_forecast_band")?;
    let sentence = cx.t_with(
        "alt_forecast",
        context! { low => cx.published(f.low), high => cx.published(f.high) },
    )?;
    Ok(Some(ForecastDrawing {
        fan: chart::Fan { label, points },
        expected,
        sentence,
    }))
}

/// Whether any count in the series would be suppressed.
fn has_small(cx: &Ctx<'_, '_>, values: impl IntoIterator<Item = u64>) -> bool {
    values.into_iter().any(|v| cx.small(v))
}

pub(super) fn monthly_charts(
    doc: &mut Doc,
    cx: &Ctx<'_, '_>,
    s: &ScopeFigures,
) -> Result<(), RenderError> {
    let months = chart_window(&s.monthly);
    let labels: Vec<String> = months.iter().map(|m| nl::month_short(m.month)).collect();
    let too_small = cx.t("chart_too_small")?;
    let no_data = cx.t("chart_no_data")?;

    // 1. Applications vs homes per month (per quarter when months hold small numbers).
    let title = cx.t("chart_monthly")?;
    let apps: Vec<u64> = months.iter().map(|m| m.applications).collect();
    let dels: Vec<u64> = months.iter().map(|m| m.deliveries).collect();
    let periods: Vec<Period> = months.iter().map(|m| m.month).collect();
    flow_chart(
        doc,
        cx,
        &title,
        &periods,
        &[
            (&cx.t("label_applications")?, palette::BLUE, apps),
            (&cx.t("label_deliveries")?, palette::ORANGE, dels),
        ],
    )?;

    // 2. Cumulative this year against the band, with last year.
    let title = cx.t("chart_cumulative")?;
    let r = &s.realisation;
    let cum = &s.cumulative;
    let counts = cum
        .iter()
        .flat_map(|c| [c.this_year.unwrap_or(0), c.last_year]);
    // Running totals only grow: months still below the threshold are left out of the lines.
    let shown = |v: u64| (!cx.small(v)).then_some(v as f64);
    let this_year: Vec<Option<f64>> = cum.iter().map(|c| c.this_year.and_then(shown)).collect();
    let last_year: Vec<Option<f64>> = cum.iter().map(|c| shown(c.last_year)).collect();
    if counts.clone().all(|v| v == 0) && r.upper == 0 {
        doc.chart_note(&title, &no_data);
    } else if cx.small(r.lower)
        || cx.small(r.upper)
        || this_year.iter().chain(&last_year).all(|v| v.is_none())
    {
        doc.chart_note(&title, &too_small);
    } else {
        let gaps = cum
            .iter()
            .any(|c| c.this_year.is_some_and(|v| cx.small(v)) || cx.small(c.last_year));
        let labels: Vec<String> = (1..=12).map(|m| nl::month_abbr(m).to_string()).collect();
        let band: Vec<(f64, f64)> = (1..=12)
            .map(|m| {
                let (a, b) = (
                    r.lower as f64 * m as f64 / 12.0,
                    r.upper as f64 * m as f64 / 12.0,
                );
                (a.min(b), a.max(b))
            })
            .collect();
        let year = cx.period().year();
        let (axis_month, axis_cumulative, band_label) = (
            cx.t("axis_month")?,
            cx.t("axis_cumulative")?,
            cx.t("legend_band_pro_rata")?,
        );
        let (this_label, last_label) = (format!("{year}"), format!("{}", year - 1));
        let (dec_low, dec_high) = band[11];
        // The forecast as a fan to December, when its numbers may be shown.
        let fan = forecast_fan(cx, r, cum)?;
        let mut alt_extra = cx.t_with(
            "alt_band",
            context! { low => nl::dec(dec_low, 1), high => nl::dec(dec_high, 1) },
        )?;
        if let Some(f) = &fan {
            alt_extra.push(' ');
            alt_extra.push_str(&f.sentence);
        }
        let alt = alt_text(
            cx,
            &title,
            &labels,
            &[(&this_label, &this_year), (&last_label, &last_year)],
            Some(alt_extra),
        )?;
        let expected_label = cx.t("legend_forecast_expected")?;
        doc.chart(&title, &alt, 92.0, |c, bx| {
            let mut series = vec![
                Series {
                    label: &this_label,
                    color: palette::BLUE,
                    dashed: false,
                    values: this_year,
                },
                Series {
                    label: &last_label,
                    color: palette::MUTED,
                    dashed: true,
                    values: last_year,
                },
            ];
            if let Some(f) = &fan {
                series.push(Series {
                    label: &expected_label,
                    color: palette::ORANGE,
                    dashed: true,
                    values: f.expected.clone(),
                });
            }
            chart::lines(
                c,
                bx,
                &labels,
                &series,
                (&axis_month, &axis_cumulative),
                Some((&band_label, band)),
                fan.as_ref().map(|f| &f.fan),
            )
        });
        if gaps {
            doc.small(&cx.t("note_cumulative_gaps")?);
        }
    }

    // 3. Open applications at month end.
    let title = cx.t("chart_open")?;
    let counts = months.iter().map(|m| m.open_at_month_end);
    if counts.clone().all(|v| v == 0) {
        doc.chart_note(&title, &no_data);
    } else if has_small(cx, counts) {
        doc.chart_note(&title, &too_small);
    } else {
        let values = months
            .iter()
            .map(|m| Some(m.open_at_month_end as f64))
            .collect();
        let line = ("series_open", palette::PURPLE, "axis_open");
        one_line_chart(doc, cx, &title, &labels, line, values)?;
    }

    // 4. Median waiting time: only months with enough people housed.
    let title = cx.t("chart_wait")?;
    let th = cx.rc.threshold as u64;
    let values: Vec<Option<f64>> = months
        .iter()
        .map(|m| {
            if m.housed >= th {
                m.median_wait_days
            } else {
                None
            }
        })
        .collect();
    if months.iter().all(|m| m.housed == 0) {
        doc.chart_note(&title, &no_data);
    } else if values.iter().filter(|v| v.is_some()).count() * 2 < values.len() {
        // Fewer than half the months can be shown: a few dots would mislead.
        doc.chart_note(&title, &too_small);
    } else {
        let gaps = values
            .iter()
            .zip(&months)
            .any(|(v, m)| v.is_none() && m.housed > 0);
        let line = ("series_wait", palette::GREEN, "axis_days");
        one_line_chart(doc, cx, &title, &labels, line, values)?;
        if gaps {
            doc.small(&cx.t("note_wait_gaps")?);
        }
    }
    Ok(())
}

/// A chart of one line over the months: `line` is the text keys of its label and y axis, and
/// its colour.
fn one_line_chart(
    doc: &mut Doc,
    cx: &Ctx<'_, '_>,
    title: &str,
    labels: &[String],
    (label_key, color, axis_key): (&str, Rgb8, &str),
    values: Vec<Option<f64>>,
) -> Result<(), RenderError> {
    let (label, axis_month, axis) = (cx.t(label_key)?, cx.t("axis_month")?, cx.t(axis_key)?);
    let alt = alt_text(cx, title, labels, &[(&label, &values)], None)?;
    doc.chart(title, &alt, 80.0, |c, bx| {
        chart::lines(
            c,
            bx,
            labels,
            &[Series {
                label: &label,
                color,
                dashed: false,
                values,
            }],
            (&axis_month, &axis),
            None,
            None,
        )
    });
    Ok(())
}

/// A chart of monthly counts: lines per month, or bars per quarter when a month holds a small
/// number, or a note when quarters do too.
pub(super) fn flow_chart(
    doc: &mut Doc,
    cx: &Ctx<'_, '_>,
    title: &str,
    periods: &[Period],
    series: &[(&str, Rgb8, Vec<u64>)],
) -> Result<(), RenderError> {
    let all = series.iter().flat_map(|(_, _, v)| v.iter().copied());
    if all.clone().all(|v| v == 0) {
        doc.chart_note(title, &cx.t("chart_no_data")?);
        return Ok(());
    }
    if !has_small(cx, all) {
        let labels: Vec<String> = periods.iter().map(|p| nl::month_short(*p)).collect();
        let lines: Vec<Series<'_>> = series
            .iter()
            .enumerate()
            .map(|(i, (label, color, v))| Series {
                label,
                color: *color,
                dashed: i > 0,
                values: v.iter().map(|x| Some(*x as f64)).collect(),
            })
            .collect();
        let (axis_month, axis_count) = (cx.t("axis_month")?, cx.t("axis_per_month")?);
        let alt = alt_text(
            cx,
            title,
            &labels,
            &lines
                .iter()
                .map(|l| (l.label, l.values.as_slice()))
                .collect::<Vec<_>>(),
            None,
        )?;
        doc.chart(title, &alt, 88.0, |c, bx| {
            chart::lines(
                c,
                bx,
                &labels,
                &lines,
                (&axis_month, &axis_count),
                None,
                None,
            )
        });
        return Ok(());
    }
    let groups = quarters(cx, periods)?;
    let summed: Vec<(&str, Rgb8, Vec<u64>)> = series
        .iter()
        .map(|(l, c, v)| (*l, *c, per_quarter(&groups, v)))
        .collect();
    if has_small(cx, summed.iter().flat_map(|(_, _, v)| v.iter().copied())) {
        doc.chart_note(title, &cx.t("chart_too_small")?);
        return Ok(());
    }
    let labels: Vec<String> = groups.iter().map(|(l, _)| l.clone()).collect();
    let (axis_quarter, axis_count) = (cx.t("axis_quarter")?, cx.t("axis_per_quarter")?);
    let quarter_title = cx.t_with("chart_per_quarter", context! { title => title })?;
    let as_f64: Vec<(&str, Vec<Option<f64>>)> = summed
        .iter()
        .map(|(l, _, v)| (*l, v.iter().map(|x| Some(*x as f64)).collect()))
        .collect();
    let alt = alt_text(
        cx,
        &quarter_title,
        &labels,
        &as_f64
            .iter()
            .map(|(l, v)| (*l, v.as_slice()))
            .collect::<Vec<_>>(),
        None,
    )?;
    doc.chart(&quarter_title, &alt, 80.0, |c, bx| {
        chart::bars(c, bx, &labels, &summed, &axis_quarter, &axis_count)
    });
    let (first, last) = (periods[0], periods[periods.len() - 1]);
    doc.small(&cx.t_with(
        "note_quarters",
        context! { first => nl::month_long(first), last => nl::month_long(last) },
    )?);
    Ok(())
}
