//! Report runs: snapshots (latest, or as of an earlier run or date) → the pipeline into the
//! archive folder `<state>/archive/run-<id>/` → copies published to `<out>/<period>/` → reports and
//! mails recorded in one transaction → the run finished as `succeeded`, or `held` for review when
//! too many rows were rejected or a source is stale.

use std::path::{Path, PathBuf};

use std::sync::atomic::Ordering;

use chrono::{DateTime, NaiveDateTime, Utc};
use minijinja::context;

use super::mail::MailTexts;
use super::store::{
    self, Failure, NewMail, NewReport, RunKind, RunOutcome, Snapshot, Store, Trigger,
};
use super::{Service, ServiceError};
use crate::config::Feed;
use crate::domain::{Audience, Period, Selection};
use crate::files::{sha256_hex, write_atomic};
use crate::ingest::{PlannedFeed, SourcePlan};
use crate::pipeline::{self, ReportRequest};
use crate::render::nl;
use crate::schema::SourceKind;

/// Whether and how mails are queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendMode {
    /// Scheduled / catch-up runs: each report of a period reaches a recipient once, ever.
    Once,
    /// An operator's explicit `--send`: queued again for this run.
    Again,
    No,
}

/// Which data a report run uses.
#[derive(Debug, Clone)]
pub enum AsOf {
    /// The latest snapshots (pulling first when a source has none).
    Latest,
    /// The snapshots an earlier run used.
    Run(i64),
    /// The latest snapshots fetched at or before this time.
    Time(DateTime<Utc>),
}

/// A report run to make.
#[derive(Debug, Clone)]
pub struct ReportRun {
    /// The last month of the report.
    pub period: Period,
    /// Month (the year to date), quarter or year.
    pub span: crate::domain::Span,
    pub trigger: Trigger,
    pub selection: Selection,
    pub send: SendMode,
    pub as_of: AsOf,
    pub now: DateTime<Utc>,
    /// Printed in the reports (local time).
    pub generated_at: NaiveDateTime,
}

impl ReportRun {
    /// An operator's regeneration from the latest snapshots: mailed again when `send`.
    /// A month, quarter or year, with the same scopes and sending rules for each.
    pub fn regeneration(
        period: crate::domain::ReportPeriod,
        trigger: Trigger,
        selection: Selection,
        send: bool,
        now: DateTime<Utc>,
        generated_at: NaiveDateTime,
    ) -> Self {
        Self {
            period: period.end,
            span: period.span,
            trigger,
            selection,
            send: if send { SendMode::Again } else { SendMode::No },
            as_of: AsOf::Latest,
            now,
            generated_at,
        }
    }
}

/// A snapshot chosen for a run, with when it was last confirmed and the feed to read it as.
struct Chosen {
    feed: Feed,
    snapshot: Snapshot,
    checked: String,
}

fn plan_of(chosen: &[Chosen], tz: chrono_tz::Tz) -> SourcePlan {
    SourcePlan {
        feeds: chosen
            .iter()
            .map(|c| PlannedFeed {
                name: c.feed.name.clone(),
                kind: c.feed.kind,
                path: PathBuf::from(&c.snapshot.path),
                setting: c.feed.setting.clone(),
                projected: c.snapshot.projection,
                notes: c.snapshot.notes.clone(),
                // An export first seen on the 1st covers up to the day before.
                export_date: store::parse_ts(&c.snapshot.fetched_at)
                    .and_then(|t| crate::clock::local_date(tz, t).pred_opt()),
            })
            .collect(),
    }
}

/// The key that makes a scheduled send happen once per (period, audience, recipient).
/// `period` is the report period's label (`2026-10`, `2026-Q3`, `2026`).
fn dedup_key(period: impl std::fmt::Display, audience: &Audience, email: &str) -> String {
    format!(
        "{period}|{}|{}|{}",
        audience.kind(),
        audience.code(),
        email.to_lowercase()
    )
}

impl Service {
    /// The source files of `as_of` as a plan for `pipeline::report_with_plan` (`report --as-of`).
    pub async fn plan(&self, as_of: &AsOf, now: DateTime<Utc>) -> Result<SourcePlan, ServiceError> {
        let mut store = self.store()?;
        self.plan_with(&mut store, as_of, now).await
    }

    pub(super) async fn plan_with(
        &self,
        store: &mut Store,
        as_of: &AsOf,
        now: DateTime<Utc>,
    ) -> Result<SourcePlan, ServiceError> {
        let chosen = self.snapshots(store, as_of, now).await?;
        Ok(plan_of(&chosen, self.settings.time_zone()))
    }

    /// The snapshots a report run uses, with the source settings to read them.
    async fn snapshots(
        &self,
        store: &mut Store,
        as_of: &AsOf,
        now: DateTime<Utc>,
    ) -> Result<Vec<Chosen>, ServiceError> {
        let mut out = Vec::new();
        let mut pulled = false;
        let refused: Vec<_> = store
            .source_checks()?
            .into_iter()
            .filter_map(|c| c.refused.map(|r| (c.feed, r)))
            .collect();
        for feed in self.settings.feeds() {
            let source = feed.kind;
            let found = match as_of {
                AsOf::Latest => {
                    // A feed whose latest delivery was refused stops the run: reporting on
                    // the old data instead would hide the problem.
                    if let Some((_, reason)) = refused.iter().find(|(f, _)| *f == feed.name) {
                        return Err(ServiceError::FeedRefused {
                            feed: feed.name.clone(),
                            reason: reason.clone(),
                        });
                    }
                    let mut latest = store.latest_snapshot(&feed.name)?;
                    if latest.is_none() && !pulled {
                        self.pull_with(store, Trigger::Manual, now).await?;
                        pulled = true;
                        latest = store.latest_snapshot(&feed.name)?;
                    }
                    latest
                }
                AsOf::Run(id) => {
                    let snaps = store.run_snapshots(*id)?;
                    if snaps.is_empty() {
                        return Err(ServiceError::RunWithoutSnapshots(*id));
                    }
                    snaps.into_iter().find(|s| s.feed == feed.name).map(|s| {
                        let at = s.fetched_at.clone();
                        (s, at)
                    })
                }
                AsOf::Time(t) => store.snapshot_as_of(&feed.name, *t)?.map(|s| {
                    let at = s.fetched_at.clone();
                    (s, at)
                }),
            };
            match found {
                Some((snapshot, _)) if snapshot.purged_at.is_some() => {
                    return Err(ServiceError::SnapshotPurged {
                        feed: feed.name.clone(),
                        purged_at: snapshot.purged_at.unwrap_or_default(),
                    })
                }
                Some((snapshot, checked)) => out.push(Chosen {
                    feed,
                    snapshot,
                    checked,
                }),
                None if !source.is_required() => {}
                None => {
                    return Err(ServiceError::NoSnapshot {
                        kind: feed.name.clone(),
                        when: match as_of {
                            AsOf::Latest => String::new(),
                            AsOf::Run(id) => format!(" for run {id}"),
                            AsOf::Time(t) => format!(" at {t}"),
                        },
                    })
                }
            }
        }
        Ok(out)
    }

    /// Generates the reports of a period and queues the mails; returns the run id.
    pub async fn report(&self, run: &ReportRun) -> Result<i64, ServiceError> {
        let mut store = self.store()?;
        self.report_with(&mut store, run).await
    }

    pub(super) async fn report_with(
        &self,
        store: &mut Store,
        run: &ReportRun,
    ) -> Result<i64, ServiceError> {
        let selection = self.check_selection(&run.selection)?;
        let run = &ReportRun {
            selection,
            ..run.clone()
        };
        let run_id = store.start_run(
            RunKind::Report,
            run.trigger,
            Some(run.period),
            &run.selection,
            run.now,
        )?;
        if run.span != crate::domain::Span::Month {
            store.set_run_span(run_id, run.span)?;
        }
        match self.report_inner(store, run_id, run).await {
            Ok(()) => Ok(run_id),
            Err(e) => {
                let msg = e.to_string();
                store.finish_run(
                    run_id,
                    RunOutcome::Failed {
                        failure: Failure::Error,
                        error: &msg,
                    },
                    Utc::now().max(run.now),
                )?;
                tracing::error!(run = run_id, error = %msg, "report run failed");
                Err(e)
            }
        }
    }

    async fn report_inner(
        &self,
        store: &mut Store,
        run_id: i64,
        run: &ReportRun,
    ) -> Result<(), ServiceError> {
        let (period, now) = (run.period, run.now);
        let label = crate::domain::ReportPeriod {
            span: run.span,
            end: period,
        }
        .to_string();
        let chosen = self.snapshots(store, &run.as_of, now).await?;
        let mut stale = Vec::new();
        for c in &chosen {
            store.link_snapshot(run_id, c.snapshot.id)?;
            let age = store::parse_ts(&c.checked).map(|t| now - t);
            if matches!(run.as_of, AsOf::Latest)
                && age.is_some_and(|a| {
                    a > chrono::Duration::hours(self.settings.hold.max_source_age_hours as i64)
                })
            {
                stale.push(format!(
                    "bron {} is voor het laatst opgehaald op {}",
                    c.feed.name, c.checked
                ));
            }
        }
        let plan = plan_of(&chosen, self.settings.time_zone());
        let req = ReportRequest {
            settings: self.settings.clone(),
            reference: self.reference.clone(),
            period,
            span: run.span,
            data_dir: None,
            out_dir: self.archive_dir().join(format!("run-{run_id}")),
            // Retention deletes the internal part of a run's archive and keeps its documents.
            internal_dir: self
                .archive_dir()
                .join(format!("run-{run_id}"))
                .join("internal"),
            private: true,
            today: crate::clock::local_date(self.settings.time_zone(), now),
            generated_at: run.generated_at,
            pdf: true,
        };
        // One pipeline at a time; the worker cancels it between documents after a time-out and
        // waits for this permit before it starts the next job.
        let permit = self
            .render
            .permit
            .clone()
            .acquire_owned()
            .await
            .expect("the render slot is never closed");
        self.render.cancel.store(false, Ordering::SeqCst);
        let cancel = self.render.cancel.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            pipeline::report_with_plan(&req, &plan, Some(&cancel))
        })
        .await??;
        // What the run read, per feed (counts, warnings, reasons without values): the console.
        let read: Vec<store::RunSource> = outcome
            .sources
            .iter()
            .map(|s| store::RunSource {
                feed: s.name.clone(),
                source: s.kind,
                read: s.read as i64,
                accepted: s.accepted as i64,
                rejected: s.rejected as i64,
                blank: s.blank_lines as i64,
                warnings: s.warnings.clone(),
                reasons: s.reason_counts(),
            })
            .collect();
        store.record_run_sources(run_id, &read)?;
        // Judged per feed: one corporation's bad export holds the month, and says whose.
        let mut reasons = stale;
        let single = outcome.sources.len() <= SourceKind::ALL.len()
            && outcome.sources.iter().all(|s| s.name == s.kind.as_str());
        for s in &outcome.sources {
            let share = s.rejected as f64 / s.read.max(1) as f64;
            if s.read > 0 && share > self.settings.hold.max_rejected_share {
                reasons.push(format!(
                    "{}{} van {} regels afgekeurd ({}, meer dan de grens van {})",
                    if single {
                        String::new()
                    } else {
                        format!("feed {}: ", s.name)
                    },
                    nl::int(s.rejected as u64),
                    nl::int(s.read as u64),
                    nl::pct(share),
                    nl::pct(self.settings.hold.max_rejected_share)
                ));
            }
        }
        let held = !reasons.is_empty();

        // Collect the reports and their mails; a held run publishes nothing until released.
        let texts = MailTexts::load(&self.settings.output.templates)?;
        let mut reports = Vec::new();
        for doc in outcome
            .documents
            .iter()
            .filter(|d| run.selection.includes(&d.audience))
        {
            let path = outcome.period_dir.join(&doc.file_name);
            if !held {
                self.publish(&label, &doc.file_name, &doc.bytes)?;
                self.publish(&label, &doc.annex_name(), &doc.annex)?;
            }
            let mut report = NewReport {
                period,
                audience: doc.audience.clone(),
                path: path.display().to_string(),
                sha256: sha256_hex(&doc.bytes),
                annex_sha256: Some(sha256_hex(&doc.annex)),
                mails: Vec::new(),
            };
            if run.send != SendMode::No {
                report.mails = self.mails_for(&texts, run_id, run, doc)?;
            }
            reports.push(report);
        }
        // The published tables (suppressed like the documents) go with the region's document.
        if !held && run.selection.includes(&Audience::Region) {
            self.publish_tables(&label, &outcome.period_dir)?;
        }
        // Reports, mails, the operator's alert and the run's outcome: one transaction.
        let reason = reasons.join("; ");
        let (outcome, alert) = if held {
            let alert = match &self.settings.mail.operator {
                Some(op) => {
                    let ctx = context! { period_long => nl::month_long(period), run => run_id, reason => reason.clone() };
                    Some(NewMail {
                        dedup_key: format!("held|run-{run_id}"),
                        recipient: op.clone(),
                        subject: texts.render("subject_held", &ctx)?,
                        body: texts.render("body_held", &ctx)?,
                        body_html: None,
                    })
                }
                None => None,
            };
            (RunOutcome::Held { reason: &reason }, alert)
        } else {
            (RunOutcome::Succeeded, None)
        };
        let queued = store.complete_report_run(
            run_id,
            &reports,
            outcome,
            alert.as_ref(),
            Utc::now().max(now),
        )?;
        if held {
            tracing::warn!(run = run_id, reason = %reason, "reports held for review, nothing published or sent: woonmonitor release {run_id}");
        }
        tracing::info!(run = run_id, %period, reports = reports.len(), mails = queued, held, "report run finished");
        Ok(())
    }

    /// Copies the published tables of a run (the `.csv` files beside its documents) into
    /// `<out>/<period>/`.
    fn publish_tables(
        &self,
        period: impl std::fmt::Display + Copy,
        run_period_dir: &Path,
    ) -> Result<(), ServiceError> {
        let Ok(entries) = std::fs::read_dir(run_period_dir) else {
            return Ok(());
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.extension().is_some_and(|x| x == "csv") && path.is_file() {
                let bytes = std::fs::read(&path).map_err(|source| ServiceError::ReadReport {
                    path: path.clone(),
                    source,
                })?;
                let name = e.file_name().to_string_lossy().into_owned();
                self.publish(period, &name, &bytes)?;
            }
        }
        Ok(())
    }

    /// Copies a report into `<out>/<period>/`, where published reports live.
    fn publish(
        &self,
        period: impl std::fmt::Display,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<(), ServiceError> {
        let path = self
            .settings
            .output
            .dir
            .join(period.to_string())
            .join(file_name);
        write_atomic(&path, bytes).map_err(pipeline::PipelineError::from)?;
        Ok(())
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
            self.publish(&label, &name, &bytes)?;
            // The Excel annex archived beside the document (older runs have none).
            let annex = path.with_file_name(crate::render::annex_name(&name));
            if let Ok(bytes) = std::fs::read(&annex) {
                self.publish(&label, &crate::render::annex_name(&name), &bytes)?;
            }
            if r.audience_kind == crate::domain::AudienceKind::Region {
                if let Some(dir) = path.parent() {
                    self.publish_tables(&label, dir)?;
                }
            }
        }
        Ok(store.release(run_id, now)?)
    }

    /// The mails carrying one document to its configured recipients.
    fn mails_for(
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
                .reference
                .municipalities
                .iter()
                .find(|(m, _)| m.as_str() == c)
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            Audience::Region => self.settings.region.name.clone(),
            Audience::Corporation(c) => self.reference.corporation_name(c).to_string(),
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
            organisation => self.settings.organisation.name.clone(),
            region => self.settings.region.name.clone(),
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
            .settings
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
    fn dedup_keys_name_period_audience_and_recipient() {
        let p: Period = "2026-10".parse().unwrap();
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
