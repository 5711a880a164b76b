//! Charts: the report's chart types (lines, bars, the region's comparison), drawn with plotters
//! on the PDF backend in `backend`.

mod backend;

use std::cell::RefCell;
use std::rc::Rc;

use plotters::prelude::*;

use super::canvas::{pt, Canvas, Rgb8, PAGE_H};
use super::fonts::CHART_FAMILY;
use backend::{PdfBackend, PX_MM};

/// A chart box on a page (mm from the top-left).
#[derive(Debug, Clone, Copy)]
pub struct ChartBox {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// Runs `draw` on a backend for `bx` and appends the resulting operations to `canvas`.
fn with_backend(
    canvas: &mut Canvas<'static>,
    bx: ChartBox,
    draw: impl FnOnce(
        DrawingArea<PdfBackend, plotters::coord::Shift>,
    ) -> Result<(), Box<dyn std::error::Error>>,
) {
    let shared = Rc::new(RefCell::new(canvas.nested()));
    let backend = PdfBackend {
        w: (bx.w / PX_MM) as u32,
        h: (bx.h / PX_MM) as u32,
        ox: pt(bx.x).0,
        oy: pt(PAGE_H - bx.y).0,
        canvas: shared.clone(),
    };
    let area = backend.into_drawing_area();
    // Drawing only fails on impossible ranges, which the callers rule out; a chart that
    // cannot be drawn leaves its box empty rather than stopping the report.
    if let Err(e) = draw(area) {
        tracing::warn!(error = %e, "chart could not be drawn");
    }
    let drawn = shared.borrow_mut().take();
    canvas.splice(drawn);
}

fn color(c: Rgb8) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Text sizes in backend pixels (0.1 mm): 8 pt ≈ 28 px.
const LABEL_PX: u32 = 31;
const DESC_PX: u32 = 32;

fn label_font() -> TextStyle<'static> {
    (CHART_FAMILY, LABEL_PX as f64)
        .into_font()
        .color(&RGBColor(60, 60, 60))
}

/// Rounds an axis maximum up to a readable value.
fn nice_max(v: f64) -> f64 {
    if v <= 4.0 {
        return 5.0;
    }
    let mag = 10f64.powf(v.log10().floor());
    for step in [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if step * mag >= v * 1.08 {
            return step * mag;
        }
    }
    10.0 * mag
}

/// One line of a line chart.
pub struct Series<'a> {
    pub label: &'a str,
    pub color: Rgb8,
    pub dashed: bool,
    /// One value per x position; `None` leaves a gap.
    pub values: Vec<Option<f64>>,
}

/// A forecast's fan on a line chart: `(x, low, high)` per x position, from the last one with
/// data to the end.
pub struct Fan {
    pub label: String,
    pub points: Vec<(f64, f64, f64)>,
}

/// A line chart over labelled x positions (months), with a legend; whole numbers on the y axis.
pub fn lines(
    canvas: &mut Canvas<'static>,
    bx: ChartBox,
    x_labels: &[String],
    series: &[Series<'_>],
    (x_desc, y_desc): (&str, &str),
    band: Option<(&str, Vec<(f64, f64)>)>,
    fan: Option<&Fan>,
) {
    let n = x_labels.len().max(1) as i32;
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .copied()
        .chain(band.iter().flat_map(|(_, b)| b.iter().map(|(_, hi)| *hi)))
        .chain(fan.iter().flat_map(|f| f.points.iter().map(|p| p.2)))
        .fold(0.0f64, f64::max);
    let ymax = nice_max(max);
    let every = ((n as usize) / 12).max(1);
    with_backend(canvas, bx, |area| {
        let mut chart = ChartBuilder::on(&area)
            .margin_top(20)
            .margin_right(40)
            .x_label_area_size(95)
            .y_label_area_size(120)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..ymax)?;
        let xl = |v: &f64| {
            let i = v.round() as i64;
            if (v - v.round()).abs() < 1e-6
                && i >= 0
                && (i as usize) < x_labels.len()
                && (i as usize).is_multiple_of(every)
            {
                x_labels[i as usize].clone()
            } else {
                String::new()
            }
        };
        chart
            .configure_mesh()
            .x_labels(n as usize)
            .x_label_formatter(&xl)
            .y_labels(6)
            .y_label_formatter(&|v| super::nl::dec(*v, 0))
            .x_desc(x_desc)
            .y_desc(y_desc)
            .label_style(label_font())
            .axis_desc_style((CHART_FAMILY, DESC_PX as f64))
            .light_line_style(RGBColor(235, 235, 235))
            .bold_line_style(RGBColor(215, 215, 215))
            .axis_style(RGBColor(120, 120, 120))
            .disable_x_mesh()
            .draw()?;
        if let Some((label, band)) = &band {
            let mut poly: Vec<(f64, f64)> = band
                .iter()
                .enumerate()
                .map(|(i, (lo, _))| (i as f64, *lo))
                .collect();
            poly.extend(
                band.iter()
                    .enumerate()
                    .rev()
                    .map(|(i, (_, hi))| (i as f64, *hi)),
            );
            let band_color = color(super::canvas::palette::BAND);
            chart
                .draw_series(std::iter::once(Polygon::new(poly, band_color.filled())))?
                .label(*label)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 12), (x + 50, y + 12)], band_color.filled())
                });
        }
        if let Some(fan) = fan {
            // The forecast's 80% band from the last month with data to December.
            let mut poly: Vec<(f64, f64)> = fan.points.iter().map(|(x, lo, _)| (*x, *lo)).collect();
            poly.extend(fan.points.iter().rev().map(|(x, _, hi)| (*x, *hi)));
            let fan_color = color(super::canvas::palette::FAN);
            chart
                .draw_series(std::iter::once(Polygon::new(poly, fan_color.filled())))?
                .label(fan.label.as_str())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 12), (x + 50, y + 12)], fan_color.filled())
                });
        }
        for s in series {
            let c = color(s.color);
            let style = plotters::style::Color::stroke_width(&c, if s.dashed { 6 } else { 8 });
            // Consecutive runs of values (gaps split the line).
            let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
            for (i, v) in s.values.iter().enumerate() {
                match v {
                    Some(v) => runs.last_mut().expect("non-empty").push((i as f64, *v)),
                    None => runs.push(Vec::new()),
                }
            }
            let mut first = true;
            for run in runs.into_iter().filter(|r| !r.is_empty()) {
                let anno = if s.dashed {
                    chart.draw_series(DashedLineSeries::new(run.clone(), 24, 14, style))?
                } else {
                    chart.draw_series(LineSeries::new(run.clone(), style))?
                };
                if first {
                    let dashed = s.dashed;
                    anno.label(s.label).legend(move |(x, y)| {
                        if dashed {
                            PathElement::new(vec![(x, y), (x + 20, y)], style)
                        } else {
                            PathElement::new(vec![(x, y), (x + 50, y)], style)
                        }
                    });
                    first = false;
                }
                // Point markers help where colours print as grey.
                if !s.dashed && run.len() <= 40 {
                    chart.draw_series(
                        run.iter().map(|&(x, y)| Circle::new((x, y), 9, c.filled())),
                    )?;
                }
            }
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .margin(12)
            .legend_area_size(60)
            .label_font(label_font())
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(200, 200, 200))
            .draw()?;
        area.present()?;
        Ok(())
    });
}

/// Vertical bars per x position (months), one or two groups side by side.
pub fn bars(
    canvas: &mut Canvas<'static>,
    bx: ChartBox,
    x_labels: &[String],
    groups: &[(&str, Rgb8, Vec<u64>)],
    x_desc: &str,
    y_desc: &str,
) {
    let n = x_labels.len().max(1) as i32;
    let max = groups
        .iter()
        .flat_map(|(_, _, v)| v.iter())
        .copied()
        .max()
        .unwrap_or(0) as f64;
    let ymax = nice_max(max);
    let every = ((n as usize) / 12).max(1);
    let k = groups.len().max(1) as f64;
    with_backend(canvas, bx, |area| {
        let mut chart = ChartBuilder::on(&area)
            .margin_top(20)
            .margin_right(40)
            .x_label_area_size(95)
            .y_label_area_size(120)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..ymax)?;
        let xl = |v: &f64| {
            let i = v.round() as i64;
            if (v - v.round()).abs() < 1e-6
                && i >= 0
                && (i as usize) < x_labels.len()
                && (i as usize).is_multiple_of(every)
            {
                x_labels[i as usize].clone()
            } else {
                String::new()
            }
        };
        chart
            .configure_mesh()
            .x_labels(n as usize)
            .x_label_formatter(&xl)
            .y_labels(6)
            .y_label_formatter(&|v| super::nl::dec(*v, 0))
            .x_desc(x_desc)
            .y_desc(y_desc)
            .label_style(label_font())
            .axis_desc_style((CHART_FAMILY, DESC_PX as f64))
            .light_line_style(RGBColor(235, 235, 235))
            .bold_line_style(RGBColor(215, 215, 215))
            .axis_style(RGBColor(120, 120, 120))
            .disable_x_mesh()
            .draw()?;
        let width = 0.8 / k;
        for (g, (label, c, values)) in groups.iter().enumerate() {
            let c = color(*c);
            let off = -0.4 + g as f64 * width;
            chart
                .draw_series(values.iter().enumerate().map(|(i, v)| {
                    let x0 = i as f64 + off;
                    Rectangle::new([(x0, 0.0), (x0 + width * 0.92, *v as f64)], c.filled())
                }))?
                .label(*label)
                .legend(move |(x, y)| Rectangle::new([(x, y - 12), (x + 40, y + 12)], c.filled()));
        }
        if groups.len() > 1 {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperLeft)
                .margin(12)
                .legend_area_size(55)
                .label_font(label_font())
                .background_style(WHITE.mix(0.9))
                .border_style(RGBColor(200, 200, 200))
                .draw()?;
        }
        area.present()?;
        Ok(())
    });
}

/// One row of the region comparison: realisation against the band, in % of the pro-rata lower
/// bound (100 = exactly on the lower bound).
pub struct ComparisonRow {
    pub name: String,
    /// `None`: suppressed or no lower bound (drawn as a note).
    pub value_pct: Option<f64>,
    pub upper_pct: Option<f64>,
    pub note: Option<String>,
}

/// Horizontal bars: realisation in % of the pro-rata lower bound, with the band drawn behind.
pub fn comparison(
    canvas: &mut Canvas<'static>,
    bx: ChartBox,
    rows: &[ComparisonRow],
    x_desc: &str,
    legend: (&str, &str),
) {
    let n = rows.len().max(1) as i32;
    let max = rows
        .iter()
        .flat_map(|r| [r.value_pct, r.upper_pct])
        .flatten()
        .fold(120.0f64, f64::max)
        .min(400.0);
    let xmax = nice_max(max);
    with_backend(canvas, bx, |area| {
        let mut chart = ChartBuilder::on(&area)
            .margin_top(20)
            .margin_right(60)
            .x_label_area_size(90)
            .y_label_area_size(400)
            // Two empty rows at the bottom hold the legend, clear of the bars.
            .build_cartesian_2d(0f64..xmax, -2.5f64..(n as f64 - 0.5))?;
        let names: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
        let yl = |v: &f64| {
            let i = v.round() as i64;
            if (v - v.round()).abs() < 1e-6 && i >= 0 && (i as usize) < names.len() {
                names[names.len() - 1 - i as usize].clone()
            } else {
                String::new()
            }
        };
        chart
            .configure_mesh()
            .y_labels(n as usize + 3)
            .y_label_formatter(&yl)
            .x_labels(8)
            .x_label_formatter(&|v| format!("{}%", super::nl::dec(*v, 0)))
            .x_desc(x_desc)
            .label_style(label_font())
            .axis_desc_style((CHART_FAMILY, DESC_PX as f64))
            .light_line_style(RGBColor(240, 240, 240))
            .bold_line_style(RGBColor(215, 215, 215))
            .axis_style(RGBColor(120, 120, 120))
            .disable_y_mesh()
            .draw()?;
        let band = color(super::canvas::palette::BAND);
        let bar = color(super::canvas::palette::BLUE);
        let y_of = |i: usize| (n as usize - 1 - i) as f64;
        chart
            .draw_series(rows.iter().enumerate().filter_map(|(i, r)| {
                let hi = r.upper_pct?.min(xmax);
                let (lo, hi) = if hi >= 100.0 {
                    (100.0, hi)
                } else {
                    (hi, 100.0)
                };
                Some(Rectangle::new(
                    [(lo, y_of(i) - 0.42), (hi, y_of(i) + 0.42)],
                    band.filled(),
                ))
            }))?
            .label(legend.0)
            .legend(move |(x, y)| Rectangle::new([(x, y - 12), (x + 40, y + 12)], band.filled()));
        chart
            .draw_series(rows.iter().enumerate().filter_map(|(i, r)| {
                let v = r.value_pct?.min(xmax);
                Some(Rectangle::new(
                    [(0.0, y_of(i) - 0.22), (v, y_of(i) + 0.22)],
                    bar.filled(),
                ))
            }))?
            .label(legend.1)
            .legend(move |(x, y)| Rectangle::new([(x, y - 8), (x + 40, y + 8)], bar.filled()));
        chart.draw_series(rows.iter().enumerate().filter_map(|(i, r)| {
            r.note.as_ref().map(|t| {
                Text::new(
                    t.clone(),
                    (xmax * 0.01, y_of(i)),
                    label_font().pos(plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Left,
                        plotters::style::text_anchor::VPos::Center,
                    )),
                )
            })
        }))?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(100.0, -0.5), (100.0, n as f64 - 0.5)],
            plotters::style::Color::stroke_width(&RGBColor(90, 90, 90), 4),
        )))?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .margin(12)
            .legend_area_size(55)
            .label_font(label_font())
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(200, 200, 200))
            .draw()?;
        area.present()?;
        Ok(())
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_maxima_are_round() {
        assert_eq!(nice_max(0.0), 5.0);
        assert_eq!(nice_max(3.0), 5.0);
        assert_eq!(nice_max(19.0), 25.0);
        assert_eq!(nice_max(240.0), 300.0);
        assert_eq!(nice_max(180.0), 200.0);
    }
}
