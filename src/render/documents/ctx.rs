//! The document context (`Ctx`: texts, suppression, footer, metadata) and the small helpers every
//! document uses (a status colour, a suppressed column, a bound as text, the basis word).

use minijinja::{context, Value};

use super::super::canvas::{palette, Rgb8};
use super::super::context::{RenderError, Rendered, ReportContext};
use super::super::layout::Doc;
use super::super::nl;
use super::super::pdf::{to_pdf, Meta};
use super::super::suppress;
use crate::compute::{Basis, Status};
use crate::domain::Audience;
use crate::domain::Period;

pub(super) struct Ctx<'a, 'b> {
    pub(super) rc: &'a ReportContext<'b>,
    base: Value,
}

impl<'a, 'b> Ctx<'a, 'b> {
    pub(super) fn new(rc: &'a ReportContext<'b>, name: &str, code: &str) -> Self {
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
            month_abbr => nl::month_abbr(p.month()),
            year => p.year(),
            prev_year => p.year() - 1,
            generated => nl::date_long(rc.generated_at.date()),
            organisation => rc.organisation,
            region => rc.region_name,
            threshold => rc.threshold,
            risk_pct => nl::chance(rc.risk_threshold),
            sources => sources,
            rejected_total => rc.sources.iter().map(|s| s.rejected).sum::<usize>(),
            warnings_total => rc.sources.iter().map(|s| s.warnings).sum::<usize>(),
            // What the report covers: month (January up to it), quarter or year.
            span => rc.figures.span.as_str(),
            months => rc.figures.period.index() - rc.figures.from.index() + 1,
            // Whether the report forecasts its year's end (not when it reaches December).
            forecasts => rc.figures.forecasts(),
            quarter => (p.month() - 1) / 3 + 1,
            from_month_name => nl::month_long(rc.figures.from).split(' ').next().unwrap_or_default().to_string(),
        };
        // The span's wording (`span_label`, `span_text`, …), from `<key>_<span>` in the texts.
        let span = rc.figures.span.as_str();
        let mut extra = std::collections::BTreeMap::new();
        for key in [
            "span_label",
            "span_text",
            "span_range",
            "span_in",
            "span_short",
            "span_short_prev",
        ] {
            // A text missing from an older copy of nl.toml leaves the variable empty rather than
            // stopping the report.
            let v = rc
                .texts
                .get(&format!("{key}_{span}"), &base)
                .unwrap_or_default();
            extra.insert(key, v);
        }
        let base = context! { ..Value::from(extra), ..base };
        Self { rc, base }
    }

    /// The report's period as it names folders and files: `2026-10`, `2026-Q3` or `2026`.
    pub(super) fn label(&self) -> String {
        self.rc.figures.report().to_string()
    }
    pub(super) fn t(&self, key: &str) -> Result<String, RenderError> {
        Ok(self.rc.texts.get(key, &self.base)?)
    }
    pub(super) fn t_with(&self, key: &str, extra: Value) -> Result<String, RenderError> {
        Ok(self
            .rc
            .texts
            .get(key, &context! { ..extra, ..self.base.clone() })?)
    }
    /// A label or corporation as printed: the group of values outside the reference data
    /// ([`crate::schema::OTHER`]) in the texts' words, `None` (not filled in) as "onbekend".
    pub(super) fn label_text(
        &self,
        label: Option<&str>,
        other_key: &str,
    ) -> Result<String, RenderError> {
        match label {
            None => self.t("unknown_label"),
            Some(crate::schema::OTHER) => self.t(other_key),
            Some(l) => Ok(l.to_string()),
        }
    }
    /// A count as a document may print it: the gate every published number passes. A count
    /// from 1 to `privacy.threshold − 1` reads `< 5` (`render::suppress`); a table's column with
    /// one such cell also hides a second (`column`).
    pub(super) fn published(&self, v: u64) -> String {
        suppress::primary(v, self.rc.threshold).text(self.rc.threshold)
    }
    pub(super) fn small(&self, v: u64) -> bool {
        suppress::primary(v, self.rc.threshold).is_suppressed()
    }
    /// Which data does not reach the end of the period, in words ("gegevens Portaal t/m 30
    /// september 2026, …"); empty when all does.
    pub(super) fn coverage(&self) -> Result<String, RenderError> {
        let mut parts = Vec::new();
        for f in &self.rc.figures.incomplete {
            parts.push(match f.until {
                _ if f.rejected => {
                    self.t_with("coverage_rejected", context! { name => f.name.clone() })?
                }
                Some(d) => self.t_with(
                    "coverage_until",
                    context! { name => f.name.clone(), until => nl::date_long(d) },
                )?,
                None => self.t_with("coverage_none", context! { name => f.name.clone() })?,
            });
        }
        Ok(parts.join(", "))
    }

    /// The note on incomplete data, when the document's own status is `incomplete`.
    pub(super) fn incomplete_note(&self, doc: &mut Doc, status: Status) -> Result<(), RenderError> {
        if status == Status::Incomplete && !self.rc.figures.incomplete.is_empty() {
            let text = self.t_with("note_incomplete", context! { coverage => self.coverage()? })?;
            doc.para(&text);
        }
        Ok(())
    }

    /// The note on deliveries held for an operator's approval whose corporations `concerns`
    /// this document: their figures are the previous delivery's until then.
    pub(super) fn held_note(
        &self,
        doc: &mut Doc,
        concerns: impl Fn(&str) -> bool,
    ) -> Result<(), RenderError> {
        for h in &self.rc.figures.held {
            let names: Vec<String> = h
                .corporations
                .iter()
                .filter(|c| concerns(c))
                .map(|c| self.corporation_name(c))
                .collect();
            let Some((last, first)) = names.split_last() else {
                continue;
            };
            let wie = if first.is_empty() {
                last.clone()
            } else {
                format!("{} {} {last}", first.join(", "), self.t("and")?)
            };
            let text = self.t_with(
                "note_held",
                context! { wie => wie, datum => nl::date_long(h.received) },
            )?;
            doc.para(&text);
        }
        Ok(())
    }

    /// The note on homes in conflict with the applications register of the corporations
    /// `concerns` this document: they count for nobody until an operator decides.
    pub(super) fn conflict_note(
        &self,
        doc: &mut Doc,
        concerns: impl Fn(&str) -> bool,
    ) -> Result<(), RenderError> {
        let names: Vec<String> = self
            .rc
            .figures
            .conflicted
            .iter()
            .filter(|c| concerns(c))
            .map(|c| self.corporation_name(c))
            .collect();
        let Some((last, first)) = names.split_last() else {
            return Ok(());
        };
        let wie = if first.is_empty() {
            last.clone()
        } else {
            format!("{} {} {last}", first.join(", "), self.t("and")?)
        };
        doc.para(&self.t_with("note_conflicts", context! { wie => wie })?);
        Ok(())
    }

    /// A corporation's name as the figures have it (its code when they do not).
    fn corporation_name(&self, code: &str) -> String {
        self.rc
            .figures
            .corporations
            .iter()
            .find(|f| f.code.as_str() == code)
            .map_or_else(|| code.to_string(), |f| f.name.clone())
    }

    pub(super) fn status_word(&self, s: Status) -> Result<String, RenderError> {
        self.t(&format!("status_{}", s.as_str()))
    }
    pub(super) fn period(&self) -> Period {
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
    pub(super) fn finish(
        &self,
        mut doc: Doc,
        title: &str,
        subject_key: &str,
        file_name: String,
        audience: Audience,
    ) -> Result<Rendered, RenderError> {
        let subject = self.t(subject_key)?;
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
        let tables = std::mem::take(&mut doc.tables);
        let tree = std::mem::take(&mut doc.tree);
        let status = doc.status.take();
        let key_figures = std::mem::take(&mut doc.key_figures);
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
                subject: &subject,
                keywords,
                created: self.rc.generated_at,
                time_zone: self.rc.time_zone,
                tree: &tree,
            },
        );
        let (definitions_title, definitions) = explanation_lines(&self.t("uitleg")?);
        let annex = super::super::annex::workbook(
            title,
            &tables,
            &definitions_title,
            &definitions,
            &source_line,
            self.rc.generated_at,
        )
        .map_err(|e| RenderError::Annex(e.to_string()))?;
        Ok(Rendered {
            file_name,
            audience,
            bytes,
            annex,
            status,
            key_figures,
        })
    }
}

/// The explanation as lines for the annex: its first heading, then one line per heading
/// (in capitals, after a blank line), bullet or paragraph.
fn explanation_lines(text: &str) -> (String, Vec<String>) {
    use super::blocks::Block;
    let mut title = String::new();
    let mut lines = Vec::new();
    for block in super::blocks::blocks(text) {
        match block {
            Block::Heading(h) if title.is_empty() => title = h,
            Block::Heading(h) => lines.extend([String::new(), h.to_uppercase()]),
            Block::Bullet(b) => lines.push(format!("• {b}")),
            Block::Para(p) => lines.push(p),
        }
    }
    (title, lines)
}

pub(super) fn status_color(s: Status) -> Rgb8 {
    match s {
        Status::BelowLower => palette::VERMILLION,
        Status::AtRisk => palette::ORANGE,
        Status::Within => palette::GREEN,
        Status::AboveUpper => palette::BLUE,
        Status::Incomplete => palette::MUTED,
    }
}

/// Suppressed text cells for a column of parts and its total.
pub(super) fn column(cx: &Ctx<'_, '_>, parts: &[u64], total: u64) -> (Vec<String>, String) {
    let t = cx.rc.threshold;
    let (cells, tot) = suppress::column(parts, total, t);
    (cells.iter().map(|c| c.text(t)).collect(), tot.text(t))
}

pub(super) fn bound_text(cx: &Ctx<'_, '_>, v: Option<u64>) -> String {
    v.map(|v| cx.published(v)).unwrap_or_else(|| "–".into())
}

/// "afgesproken" or "afgeleid".
pub(super) fn basis_word(cx: &Ctx<'_, '_>, basis: Basis) -> Result<String, RenderError> {
    cx.t(match basis {
        Basis::Declared => "basis_declared",
        Basis::Derived => "basis_derived",
    })
}
