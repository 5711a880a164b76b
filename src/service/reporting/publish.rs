//! Publishing a run's documents and tables, releasing a held run, and the mails that carry a
//! report (once per period, audience and recipient: the de-duplication key).

use std::path::Path;

use minijinja::context;

use super::run::{ReportRun, SendMode};
use crate::domain::Audience;
use crate::files::sha256_hex;
use crate::pipeline;
use crate::render::nl;
use crate::service::error::ServiceError;
use crate::service::handle::Service;
use crate::service::mail::MailTexts;
use crate::store::{self, NewMail};
use chrono::{DateTime, Utc};

/// The key that makes a scheduled send happen once per (period, audience, recipient).
/// `period` is the report period's label (`2026-10`, `2026-Q3`, `2026`).
pub(super) fn dedup_key(
    period: impl std::fmt::Display,
    audience: &Audience,
    email: &str,
) -> String {
    format!(
        "{period}|{}|{}|{}",
        audience.kind(),
        audience.code(),
        email.to_lowercase()
    )
}

impl Service {
    /// The published tables of a run (the `.csv` files beside its documents in the archive).
    pub(super) fn tables_of(
        &self,
        run_period_dir: &Path,
    ) -> Result<Vec<(String, Vec<u8>)>, ServiceError> {
        let Ok(entries) = std::fs::read_dir(run_period_dir) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for e in entries.flatten() {
            let path = e.path();
            if path.extension().is_some_and(|x| x == "csv") && path.is_file() {
                let bytes = std::fs::read(&path).map_err(|source| ServiceError::ReadReport {
                    path: path.clone(),
                    source,
                })?;
                out.push((e.file_name().to_string_lossy().into_owned(), bytes));
            }
        }
        Ok(out)
    }

    /// Publishes `files` as `<out>/<period>/`, whole (`publication`): with `keep_others`, the
    /// documents of the period this selection does not make stay.
    pub(super) fn publish_all(
        &self,
        period: impl std::fmt::Display,
        files: &[(String, Vec<u8>)],
        keep_others: bool,
    ) -> Result<crate::publication::Published, ServiceError> {
        let files: Vec<(String, &[u8])> = files.iter().map(|(n, b)| (n.clone(), &b[..])).collect();
        Ok(crate::publication::publish(
            &self.settings().output.dir,
            &period.to_string(),
            &files,
            keep_others,
        )
        .map_err(pipeline::PipelineError::from)?)
    }

    /// Releases a held run: its reports are published (copied from the archive, checked against
    /// their recorded SHA-256), then its mails become due. Returns how many mails.
    pub fn release(&self, run_id: i64, now: DateTime<Utc>) -> Result<usize, ServiceError> {
        let store = self.store()?;
        let run = store.run(run_id)?;
        if run.status != store::RunStatus::Held {
            return Err(store::StoreError::NotHeld {
                run: run_id,
                status: run.status,
            }
            .into());
        }
        let mut published: Vec<(String, Vec<u8>)> = Vec::new();
        let mut labels = std::collections::BTreeSet::new();
        for r in store.run_reports(run_id)? {
            let path = std::path::Path::new(&r.path);
            let bytes = std::fs::read(path).map_err(|source| ServiceError::ReadReport {
                path: path.to_path_buf(),
                source,
            })?;
            if sha256_hex(&bytes) != r.sha256 {
                return Err(ServiceError::ReportChanged {
                    id: r.id,
                    path: path.to_path_buf(),
                    run: run_id,
                });
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // The archive's folder is named like the published one (`2026-10`, `2026-Q3`).
            let label = path
                .parent()
                .and_then(|d| d.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| r.period.to_string());
            labels.insert(label);
            published.push((name.clone(), bytes));
            // The Excel annex archived beside the document (older runs have none).
            let annex = path.with_file_name(crate::render::annex_name(&name));
            if let Ok(bytes) = std::fs::read(&annex) {
                published.push((crate::render::annex_name(&name), bytes));
            }
            if r.audience_kind == crate::domain::AudienceKind::Region {
                if let Some(dir) = path.parent() {
                    published.extend(self.tables_of(dir)?);
                }
            }
        }
        // A run's documents are of one period; published whole, and undone when the release
        // cannot be recorded.
        let mut publications = Vec::new();
        for label in &labels {
            publications.push(self.publish_all(label, &published, true)?);
        }
        match store.release(run_id, now) {
            Ok(n) => Ok(n),
            Err(e) => {
                for p in publications {
                    let _ = p.undo();
                }
                Err(e.into())
            }
        }
    }

    /// The mails carrying one document to its configured recipients.
    pub(super) fn mails_for(
        &self,
        texts: &MailTexts,
        run_id: i64,
        run: &ReportRun,
        doc: &crate::render::Rendered,
    ) -> Result<Vec<NewMail>, ServiceError> {
        let (send, period, span) = (run.send, run.period, run.span);
        let report = crate::domain::ReportPeriod { span, end: period };
        let (audience, file_name) = (&doc.audience, doc.file_name.as_str());
        let name = match audience {
            Audience::Municipality(c) => self
                .reference()
                .municipalities
                .iter()
                .find(|(m, _)| m.as_str() == c)
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            Audience::Region => self.settings().region.name.clone(),
            Audience::Corporation(c) => self.reference().corporation_name(c).to_string(),
        };
        let period_long = texts.render(
            "period_label",
            &context! {
                span => span.as_str(),
                quarter => report.quarter(),
                year => period.year(),
                month_long => nl::month_long(period),
            },
        )?;
        let ctx = context! {
            name => name,
            span => span.as_str(),
            period_long => period_long,
            organisation => self.settings().organisation.name.clone(),
            region => self.settings().region.name.clone(),
            file => file_name,
            // What the document says first, so the recipient sees the month without opening it.
            status => doc.status.as_ref().map(|s| s.0.clone()),
            status_text => doc.status.as_ref().map(|s| s.1.clone()),
            figures => doc.key_figures.clone(),
        };
        let kind = audience.kind();
        // One text per document, whoever gets it.
        let subject = texts.render(&format!("subject_{kind}"), &ctx)?;
        let body = texts.render("body", &ctx)?;
        let body_html = texts.render(
            "body_html",
            &context! { subject => subject.clone(), ..ctx.clone() },
        )?;
        let mut mails = Vec::new();
        for r in self
            .settings()
            .recipients
            .iter()
            .filter(|r| r.gets(audience, span))
        {
            let base = dedup_key(report, audience, &r.email);
            mails.push(NewMail {
                dedup_key: if send == SendMode::Again {
                    format!("{base}|run-{run_id}")
                } else {
                    base
                },
                recipient: r.email.clone(),
                subject: subject.clone(),
                body: body.clone(),
                body_html: Some(body_html.clone()),
            });
        }
        Ok(mails)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn dedup_keys_name_period_audience_and_recipient() {
        let p: crate::domain::Period = "2026-10".parse().unwrap();
        assert_eq!(
            dedup_key(
                p,
                &Audience::Municipality("GM0344".into()),
                "Griffie@Utrecht.nl"
            ),
            "2026-10|municipality|GM0344|griffie@utrecht.nl"
        );
        assert_eq!(
            dedup_key(p, &Audience::Region, "a@b.nl"),
            "2026-10|region||a@b.nl"
        );
    }
}
