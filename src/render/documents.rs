//! The three document types, laid out with [`Doc`]: municipality report, region overview,
//! corporation report. Every count passes through suppression before it is written.

use minijinja::{context, Value};

use super::canvas::{palette, Align, Rgb8};
use super::chart::{self, ComparisonRow, Series};
use super::layout::{Col, Doc, WIDTH};
use super::nl;
use super::suppress;
use super::{slug, to_pdf, Audience, Meta, RenderError, Rendered, ReportContext};
use crate::compute::{BreakdownLine, CorporationFigures, CorporationLine, ScopeFigures, Status};
use crate::domain::Period;

/// Months shown in the monthly charts.
const CHART_MONTHS: usize = 24;

struct Ctx<'a, 'b> {
    rc: &'a ReportContext<'b>,
    base: Value,
}

impl<'a, 'b> Ctx<'a, 'b> {
    fn new(rc: &'a ReportContext<'b>, name: &str, code: &str) -> Self {
        let p = rc.figures.period;
        let sources: Vec<Value> = rc
            .sources
            .iter()
            .map(|s| {
                context! {
                    label => s.label.clone(),
                    file => s.file.clone(),
                    latest => s.latest.map(nl::date_long),
                    read => nl::int(s.read as u64),
                    accepted => nl::int(s.accepted as u64),
                    rejected => nl::int(s.rejected as u64),
                }
            })
            .collect();
        let base = context! {
            name => name,
            code => code,
            period_long => nl::month_long(p),
            month_name => nl::month_long(p).split(' ').next().unwrap_or_default().to_string(),
            months => p.month(),
            year => p.year(),
            prev_year => p.year() - 1,
            generated => nl::date_long(rc.generated_at.date()),
            organisation => rc.organisation,
            region => rc.region_name,
            threshold => rc.threshold,
            sources => sources,
            rejected_total => rc.sources.iter().map(|s| s.rejected).sum::<usize>(),
            warnings_total => rc.sources.iter().map(|s| s.warnings).sum::<usize>(),
        };
        Self { rc, base }
    }
    fn t(&self, key: &str) -> Result<String, RenderError> {
        Ok(self.rc.texts.get(key, &self.base)?)
    }
    fn t_with(&self, key: &str, extra: Value) -> Result<String, RenderError> {
        Ok(self
            .rc
            .texts
            .get(key, &context! { ..extra, ..self.base.clone() })?)
    }
    fn n(&self, v: u64) -> String {
        suppress::primary(v, self.rc.threshold).text(self.rc.threshold)
    }
    fn small(&self, v: u64) -> bool {
        suppress::primary(v, self.rc.threshold).is_suppressed()
    }
    fn status_word(&self, s: Status) -> Result<String, RenderError> {
        self.t(&format!("status_{}", s.as_str()))
    }
    fn period(&self) -> Period {
        self.rc.figures.period
    }
    fn sources_text(&self) -> String {
        self.rc
            .sources
            .iter()
            .map(|s| s.file.clone())
            .collect::<Vec<_>>()
            .join(", ")
    }
    /// Footer, source line and PDF assembly.
    fn finish(
        &self,
        doc: Doc,
        title: &str,
        subject: &str,
        file_name: String,
        audience: Audience,
    ) -> Result<Rendered, RenderError> {
        let source_line =
            self.t_with("source_line", context! { sources => self.sources_text() })?;
        let mut footers = Vec::new();
        let pages = doc.pages.len();
        for i in 1..=pages {
            footers.push(self.t_with(
                "footer",
                context! { doc_title => title, page => i, pages => pages },
            )?);
        }
        let canvases = doc.finish(|i, _| footers[i - 1].clone(), &source_line);
        let keywords = self
            .t("keywords")?
            .split(',')
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .collect();
        let bytes = to_pdf(
            canvases,
            Meta {
                title,
                author: self.rc.organisation,
                subject,
                keywords,
                created: self.rc.generated_at,
                time_zone: self.rc.time_zone,
            },
        );
        Ok(Rendered {
            file_name,
            title: title.to_string(),
            audience,
            bytes,
        })
    }
}

fn status_color(s: Status) -> Rgb8 {
    match s {
        Status::BelowLower => palette::VERMILLION,
        Status::Within => palette::GREEN,
        Status::AboveUpper => palette::BLUE,
    }
}

/// Renders the explanation page from `uitleg.md.j2`.
fn explanation(doc: &mut Doc, cx: &Ctx<'_, '_>) -> Result<(), RenderError> {
    let text = cx.t("uitleg")?;
    doc.new_page();
    let mut para = String::new();
    let flush = |doc: &mut Doc, para: &mut String| {
        if !para.trim().is_empty() {
            doc.para(para.trim());
        }
        para.clear();
    };
    for line in text.lines() {
        let l = line.trim();
        if let Some(h) = l.strip_prefix("## ") {
            flush(doc, &mut para);
            doc.heading(h);
        } else if let Some(b) = l.strip_prefix("- ") {
            flush(doc, &mut para);
            doc.bullet(b);
        } else if l.is_empty() {
            flush(doc, &mut para);
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(l);
        }
    }
    flush(doc, &mut para);
    Ok(())
}

/// The months of the charts: the last `CHART_MONTHS` of the series.
fn chart_window<T: Clone>(v: &[T]) -> Vec<T> {
    v[v.len().saturating_sub(CHART_MONTHS)..].to_vec()
}

/// Groups consecutive months into calendar quarters: (label, indices of the months).
fn quarters(months: &[Period]) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    let mut last: Option<(i32, u32)> = None;
    for (i, p) in months.iter().enumerate() {
        let q = (p.year(), (p.month() - 1) / 3 + 1);
        if last != Some(q) {
            out.push((format!("K{} '{:02}", q.1, q.0 % 100), Vec::new()));
            last = Some(q);
        }
        out.last_mut().expect("pushed").1.push(i);
    }
    out
}

/// Sums `values` per quarter.
fn per_quarter(groups: &[(String, Vec<usize>)], values: &[u64]) -> Vec<u64> {
    groups
        .iter()
        .map(|(_, idx)| idx.iter().map(|&i| values[i]).sum())
        .collect()
}

/// Whether any count in the series would be suppressed.
fn has_small(cx: &Ctx<'_, '_>, values: impl IntoIterator<Item = u64>) -> bool {
    values.into_iter().any(|v| cx.small(v))
}

fn key_figures(doc: &mut Doc, cx: &Ctx<'_, '_>, s: &ScopeFigures) {
    let p = cx.period();
    let month = nl::month_long(p)
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_string();
    let (this, last) = (
        format!("{} t/m {month}", p.year()),
        format!("{} t/m {month}", p.year() - 1),
    );
    let y = &s.ytd;
    let r = &s.realisation;
    let th = cx.rc.threshold as u64;
    let rows = vec![
        vec![
            "Aanvragen ontvangen".into(),
            cx.n(y.applications),
            cx.n(y.applications_prev),
        ],
        vec![
            "Woningen beschikbaar gesteld".into(),
            cx.n(y.deliveries),
            cx.n(y.deliveries_prev),
        ],
        vec![
            "Aanvragen gehuisvest".into(),
            cx.n(y.housed),
            cx.n(y.housed_prev),
        ],
        vec![
            format!("Openstaande aanvragen eind {month}"),
            cx.n(y.open_at_period_end),
            cx.n(y.open_a_year_earlier),
        ],
    ];
    doc.table(
        &[
            Col {
                header: "Kengetal",
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
        (Some(m), true) => format!("{} dagen", nl::dec(m, 1)),
        (Some(_), false) => format!("niet getoond (minder dan {} gehuisvest)", cx.rc.threshold),
        (None, _) => "geen huisvestingen".into(),
    };
    let share = match (y.share_within_90_days, y.housed >= th) {
        (Some(v), true) => nl::pct(v),
        (Some(_), false) => format!("niet getoond (minder dan {} gehuisvest)", cx.rc.threshold),
        (None, _) => "geen huisvestingen".into(),
    };
    let forecast = if cx.small(r.delivered_ytd) {
        "niet getoond (kleine aantallen)".to_string()
    } else {
        format!("{} woningen", nl::dec(r.forecast_year_end, 0))
    };
    let rows = vec![
        vec![
            format!("Ondergrens {} (woningen {})", p.year(), p.year() - 1),
            cx.n(r.lower),
        ],
        vec![
            format!("Bovengrens {} (aanvragen {})", p.year(), p.year() - 1),
            cx.n(r.upper),
        ],
        vec![
            format!("Bandbreedte naar rato ({}/12)", p.month()),
            format!(
                "{} – {}",
                band(r.band_low, r.lower),
                band(r.band_high, r.upper)
            ),
        ],
        vec![format!("Prognose eind {}", p.year()), forecast],
        vec![format!("Mediane wachttijd gehuisvesten {}", p.year()), wait],
        vec!["Gehuisvest binnen 90 dagen".into(), share],
    ];
    doc.table(
        &[
            Col {
                header: "Grenzen en doorlooptijd",
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
}

fn status_block(
    doc: &mut Doc,
    cx: &Ctx<'_, '_>,
    r: &crate::compute::Realisation,
) -> Result<(), RenderError> {
    let word = cx.status_word(r.status)?;
    let suppressed = cx.small(r.delivered_ytd) || cx.small(r.lower) || cx.small(r.upper);
    let text = cx.t_with(
        "status_sentence",
        context! {
            delivered => cx.n(r.delivered_ytd),
            band_low => if suppressed { format!("< {}", cx.rc.threshold) } else { nl::dec(r.band_low, 1) },
            band_high => if suppressed { format!("< {}", cx.rc.threshold) } else { nl::dec(r.band_high, 1) },
            forecast => if cx.small(r.delivered_ytd) { "een klein aantal".to_string() } else { nl::dec(r.forecast_year_end, 0) },
        },
    )?;
    doc.callout(
        status_color(r.status),
        &format!("Realisatie: {word}"),
        &text,
    );
    Ok(())
}

fn monthly_charts(doc: &mut Doc, cx: &Ctx<'_, '_>, s: &ScopeFigures) -> Result<(), RenderError> {
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
            ("Aanvragen ontvangen", palette::BLUE, apps),
            ("Woningen beschikbaar gesteld", palette::ORANGE, dels),
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
        doc.chart(&title, 92.0, |c, bx| {
            chart::lines(
                c,
                bx,
                &labels,
                &[
                    Series {
                        label: &format!("{year}"),
                        color: palette::BLUE,
                        dashed: false,
                        values: this_year,
                    },
                    Series {
                        label: &format!("{}", year - 1),
                        color: palette::MUTED,
                        dashed: true,
                        values: last_year,
                    },
                ],
                "Maand",
                "Woningen, opgeteld",
                Some(("Bandbreedte (onder- tot bovengrens, naar rato)", band)),
                0,
            )
        });
        if gaps {
            doc.small(&format!(
                "Maanden waarin het opgetelde aantal nog onder de {} ligt, zijn weggelaten.",
                cx.rc.threshold
            ));
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
        doc.chart(&title, 80.0, |c, bx| {
            chart::lines(
                c,
                bx,
                &labels,
                &[Series {
                    label: "Openstaande aanvragen",
                    color: palette::PURPLE,
                    dashed: false,
                    values: months
                        .iter()
                        .map(|m| Some(m.open_at_month_end as f64))
                        .collect(),
                }],
                "Maand",
                "Aantal open",
                None,
                0,
            )
        });
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
        doc.chart(&title, 80.0, |c, bx| {
            chart::lines(
                c,
                bx,
                &labels,
                &[Series {
                    label: "Mediane wachttijd (dagen)",
                    color: palette::GREEN,
                    dashed: false,
                    values,
                }],
                "Maand",
                "Dagen",
                None,
                0,
            )
        });
        if gaps {
            doc.small(&format!(
                "Maanden waarin minder dan {} aanvragen zijn gehuisvest, zijn weggelaten.",
                cx.rc.threshold
            ));
        }
    }
    Ok(())
}

/// A chart of monthly counts: lines per month, or bars per quarter when a month holds a small
/// number, or a note when quarters do too.
fn flow_chart(
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
        doc.chart(title, 88.0, |c, bx| {
            chart::lines(c, bx, &labels, &lines, "Maand", "Aantal per maand", None, 0)
        });
        return Ok(());
    }
    let groups = quarters(periods);
    let summed: Vec<(&str, Rgb8, Vec<u64>)> = series
        .iter()
        .map(|(l, c, v)| (*l, *c, per_quarter(&groups, v)))
        .collect();
    if has_small(cx, summed.iter().flat_map(|(_, _, v)| v.iter().copied())) {
        doc.chart_note(title, &cx.t("chart_too_small")?);
        return Ok(());
    }
    let labels: Vec<String> = groups.iter().map(|(l, _)| l.clone()).collect();
    doc.chart(&format!("{title} (per kwartaal)"), 80.0, |c, bx| {
        chart::bars(c, bx, &labels, &summed, "Kwartaal", "Aantal per kwartaal")
    });
    let (first, last) = (periods[0], periods[periods.len() - 1]);
    doc.small(&format!(
        "Per kwartaal, omdat er maanden met minder dan {} zijn. Het eerste kwartaal begint in {}, het laatste loopt tot en met {}.",
        cx.rc.threshold,
        nl::month_long(first),
        nl::month_long(last)
    ));
    Ok(())
}

/// Suppressed text cells for a column of parts and its total.
fn column(cx: &Ctx<'_, '_>, parts: &[u64], total: u64) -> (Vec<String>, String) {
    let t = cx.rc.threshold;
    let (cells, tot) = suppress::column(parts, total, t);
    (cells.iter().map(|c| c.text(t)).collect(), tot.text(t))
}

fn bound_text(cx: &Ctx<'_, '_>, v: Option<u64>) -> String {
    v.map(|v| cx.n(v)).unwrap_or_else(|| "–".into())
}

fn corporation_table(doc: &mut Doc, cx: &Ctx<'_, '_>, s: &ScopeFigures) -> Result<(), RenderError> {
    let lines = &s.corporations;
    if lines.is_empty() {
        doc.para(
            "Er zijn geen corporaties met woningen of grenzen in deze gemeente in deze periode.",
        );
        return Ok(());
    }
    let (delivered, delivered_total) = column(
        cx,
        &lines.iter().map(|l| l.delivered_ytd).collect::<Vec<_>>(),
        s.realisation.delivered_ytd,
    );
    let mut rows = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        rows.push(vec![
            l.name.clone(),
            delivered[i].clone(),
            cx.n(l.lower),
            bound_text(cx, l.upper),
            if l.basis == crate::compute::Basis::Declared {
                "afgesproken".into()
            } else {
                "afgeleid".into()
            },
            cx.status_word(l.status)?,
        ]);
    }
    let total = vec![
        "Gemeente totaal".to_string(),
        delivered_total,
        cx.n(s.realisation.lower),
        cx.n(s.realisation.upper),
        "afgeleid".into(),
        cx.status_word(s.realisation.status)?,
    ];
    doc.table(
        &[
            Col {
                header: "Corporatie",
                width: 38.0,
                align: Align::Left,
            },
            Col {
                header: &format!("Woningen t/m {}", nl::month_abbr(cx.period().month())),
                width: 22.0,
                align: Align::Right,
            },
            Col {
                header: "Ondergrens",
                width: 21.0,
                align: Align::Right,
            },
            Col {
                header: "Bovengrens",
                width: 21.0,
                align: Align::Right,
            },
            Col {
                header: "Grenzen",
                width: 23.0,
                align: Align::Left,
            },
            Col {
                header: "Status",
                width: 45.0,
                align: Align::Left,
            },
        ],
        &rows,
        Some(&total),
    );
    doc.small("Afgesproken grenzen gelden in plaats van de afgeleide; bij een afspraak tellen de grenzen van de corporaties niet per se op tot die van de gemeente. x = weggelaten zodat een klein aantal niet uit het totaal is af te leiden.");
    Ok(())
}

fn breakdown_table(
    doc: &mut Doc,
    cx: &Ctx<'_, '_>,
    title: &str,
    lines: &[BreakdownLine],
    with_deliveries: bool,
) {
    let p = cx.period();
    if lines.is_empty() {
        doc.para(&format!("{title}: geen gegevens."));
        return;
    }
    let label = |l: &BreakdownLine| l.label.clone().unwrap_or_else(|| "onbekend".into());
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
    for (i, l) in lines.iter().enumerate() {
        let mut r = vec![
            label(l),
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
    let mut total = vec!["Totaal".to_string(), apps_t, prev_t, housed_t, open_t];
    if with_deliveries {
        total.push(dels_t);
    }
    let (h1, h2, h3) = (
        format!("Aanvragen {}", p.year()),
        format!("Aanvragen {}", p.year() - 1),
        format!("Gehuisvest {}", p.year()),
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
            header: "Open eind periode",
            width: if with_deliveries { 22.0 } else { 32.0 },
            align: Align::Right,
        },
    ];
    if with_deliveries {
        cols.push(Col {
            header: "Woningen",
            width: 25.0,
            align: Align::Right,
        });
    }
    debug_assert!(cols.iter().map(|c| c.width).sum::<f32>() <= WIDTH + 0.1);
    doc.table(&cols, &rows, Some(&total));
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
    key_figures(&mut doc, &cx, s);
    doc.new_page();
    monthly_charts(&mut doc, &cx, s)?;
    doc.new_page();
    doc.heading("Per corporatie");
    corporation_table(&mut doc, &cx, s)?;
    doc.heading("Naar herkomst");
    breakdown_table(&mut doc, &cx, "Herkomst", &s.by_origin, false);
    doc.small("MO = maatschappelijke opvang, BW = beschermd wonen.");
    doc.heading("Naar woonvorm");
    breakdown_table(&mut doc, &cx, "Woonvorm", &s.by_housing_form, true);
    explanation(&mut doc, &cx)?;
    let p = rc.figures.period;
    cx.finish(
        doc,
        &title,
        &format!(
            "Monitor uitstroom MO/BW, gemeente {}, {}",
            s.name,
            nl::month_long(p)
        ),
        format!("{p}_gemeente-{}_{}.pdf", slug(&s.name), s.code),
        Audience::Municipality(s.code.clone()),
    )
}

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
    key_figures(&mut doc, &cx, r);

    doc.new_page();
    doc.heading("Alle gemeenten");
    let ms = &f.municipalities;
    let col = |g: fn(&ScopeFigures) -> u64, total: u64| {
        column(&cx, &ms.iter().map(g).collect::<Vec<_>>(), total)
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
    let mut rows = Vec::new();
    for (i, s) in ms.iter().enumerate() {
        rows.push(vec![
            s.name.clone(),
            lower[i].clone(),
            upper[i].clone(),
            band(s, &lower[i], &upper[i]),
            dels[i].clone(),
            cx.status_word(s.realisation.status)?,
            open[i].clone(),
            wait(s),
        ]);
    }
    let total = vec![
        r.name.clone(),
        lower_t.clone(),
        upper_t.clone(),
        band(r, &lower_t, &upper_t),
        dels_t,
        cx.status_word(r.realisation.status)?,
        open_t,
        wait(r),
    ];
    doc.table(
        &[
            Col {
                header: "Gemeente",
                width: 37.0,
                align: Align::Left,
            },
            Col {
                header: "Onder- grens",
                width: 14.0,
                align: Align::Right,
            },
            Col {
                header: "Boven- grens",
                width: 14.0,
                align: Align::Right,
            },
            Col {
                header: "Band naar rato",
                width: 18.0,
                align: Align::Right,
            },
            Col {
                header: &format!("Woningen t/m {}", nl::month_abbr(f.period.month())),
                width: 17.0,
                align: Align::Right,
            },
            Col {
                header: "Status",
                width: 42.0,
                align: Align::Left,
            },
            Col {
                header: "Open",
                width: 12.0,
                align: Align::Right,
            },
            Col {
                header: "Wacht- tijd (dagen)",
                width: 16.0,
                align: Align::Right,
            },
        ],
        &rows,
        Some(&total),
    );
    doc.small(&format!(
        "Wachttijd: mediaan in dagen van de aanvragen die dit jaar zijn gehuisvest. • = niet getoond (kleine aantallen), – = geen gegevens, x = weggelaten zodat een klein aantal niet uit het totaal is af te leiden. Band naar rato: onder- en bovengrens × {}/12.",
        f.period.month()
    ));

    // Comparison chart: realisation in % of the pro-rata lower bound.
    let rows: Vec<ComparisonRow> = ms
        .iter()
        .map(|s| {
            let rl = &s.realisation;
            let hidden = cx.small(rl.lower) || cx.small(rl.upper) || cx.small(rl.delivered_ytd);
            if hidden {
                ComparisonRow {
                    name: s.name.clone(),
                    value_pct: None,
                    upper_pct: None,
                    note: Some("kleine aantallen, niet getoond".into()),
                }
            } else if rl.band_low <= 0.0 {
                ComparisonRow {
                    name: s.name.clone(),
                    value_pct: None,
                    upper_pct: None,
                    note: Some("geen ondergrens".into()),
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
    doc.chart(&title_c, h.min(200.0), |c, bx| {
        chart::comparison(
            c,
            bx,
            &rows,
            "Gerealiseerd in % van de ondergrens naar rato (100% = precies op de ondergrens)",
            ("Bandbreedte (onder- tot bovengrens)", "Gerealiseerd"),
        )
    });
    doc.small("Een balk tot 100% betekent precies op de ondergrens naar rato; waar de balk voorbij het lichte vlak komt, ligt de realisatie boven de bovengrens.");
    doc.new_page();
    monthly_charts(&mut doc, &cx, r)?;
    explanation(&mut doc, &cx)?;
    let p = f.period;
    cx.finish(
        doc,
        &title,
        &format!("Monitor uitstroom MO/BW, {}, {}", r.name, nl::month_long(p)),
        format!("{p}_{}.pdf", slug(&r.name)),
        Audience::Region,
    )
}

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
        &format!("Totaal in de regio: {word}"),
        &format!(
            "Tot en met {} heeft {} {} woningen beschikbaar gesteld (vorig jaar in dezelfde maanden: {}). De grenzen voor {} tellen op tot ondergrens {} en bovengrens {}.",
            nl::month_long(rc.figures.period),
            c.name,
            cx.n(t.delivered_ytd),
            cx.n(t.delivered_prev_ytd),
            rc.figures.period.year(),
            cx.n(t.lower),
            upper
        ),
    );
    doc.heading("Per gemeente");
    if c.municipalities.is_empty() {
        doc.para(&format!(
            "{} heeft in {} en {} geen woningen voor deze doelgroep beschikbaar gesteld, en er zijn geen afspraken vastgelegd.",
            c.name,
            rc.figures.period.year() - 1,
            rc.figures.period.year()
        ));
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
                if l.basis == crate::compute::Basis::Declared {
                    "afgesproken".into()
                } else {
                    "afgeleid".into()
                },
                cx.status_word(l.status)?,
            ]);
        }
        let total = vec![
            "Totaal".to_string(),
            dels_t,
            prev_t,
            lower_t,
            upper.clone(),
            String::new(),
            word.clone(),
        ];
        let (h1, h2) = (
            format!("Woningen {}", rc.figures.period.year()),
            format!("Woningen {}", rc.figures.period.year() - 1),
        );
        doc.table(
            &[
                Col {
                    header: "Gemeente",
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
                    header: "Onder- grens",
                    width: 16.0,
                    align: Align::Right,
                },
                Col {
                    header: "Boven- grens",
                    width: 16.0,
                    align: Align::Right,
                },
                Col {
                    header: "Grenzen",
                    width: 23.0,
                    align: Align::Left,
                },
                Col {
                    header: "Status",
                    width: 45.0,
                    align: Align::Left,
                },
            ],
            &rows,
            Some(&total),
        );
        doc.small(&format!(
            "Woningen: 1 januari t/m eind {}; vorig jaar dezelfde maanden. Status: tegenover de grenzen naar rato ({}/12). – = geen bovengrens (de gemeente had vorig jaar geen woningen om de bovengrens over te verdelen). x = weggelaten zodat een klein aantal niet uit het totaal is af te leiden.",
            nl::month_long(rc.figures.period),
            rc.figures.period.month()
        ));
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
        &[("Woningen beschikbaar gesteld", palette::ORANGE, values)],
    )?;
    explanation(&mut doc, &cx)?;
    let p = rc.figures.period;
    cx.finish(
        doc,
        &title,
        &format!(
            "Monitor uitstroom MO/BW, corporatie {}, {}",
            c.name,
            nl::month_long(p)
        ),
        format!("{p}_corporatie-{}.pdf", slug(&c.code)),
        Audience::Corporation(c.code.clone()),
    )
}
