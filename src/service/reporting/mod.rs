//! Report runs: snapshots (latest, or as of an earlier run or date) → the pipeline into the
//! archive folder `<state>/archive/run-<id>/` → copies published to `<out>/<period>/` → reports and
//! mails recorded in one transaction → the run finished as `succeeded`, or `held` for review when
//! too many rows were rejected or a source is stale.
//!
//! Files: this one (the run and its hold), `snapshots` (which snapshots a run reads),
//! `publish` (publishing, releasing a held run, the mails of a report and their keys).

mod publish;
mod run;
mod snapshots;
mod warnings;

pub use run::{AsOf, ReportRun, SendMode};
use snapshots::plan_of;

use std::sync::atomic::Ordering;

use chrono::Utc;
use minijinja::context;

use crate::domain::Audience;
use crate::files::sha256_hex;
use crate::pipeline::{self, ReportRequest};
use crate::render::nl;
use crate::schema::SourceKind;
use crate::service::error::ServiceError;
use crate::service::handle::Service;
use crate::service::mail::MailTexts;
use crate::store::{self, Failure, NewMail, NewReport, RunKind, RunOutcome};

impl Service {
    /// Generates the reports of a period and queues the mails; returns the run id.
    /// A connection is taken for each step; none is held while the pipeline runs.
    pub async fn report(&self, run: &ReportRun) -> Result<i64, ServiceError> {
        let selection = self.check_selection(&run.selection)?;
        let run = &ReportRun {
            selection,
            ..run.clone()
        };
        let run_id = self.store()?.start_run(
            RunKind::Report,
            run.trigger,
            Some(run.period),
            &run.selection,
            run.now,
        )?;
        if run.span != crate::domain::Span::Month {
            self.store()?.set_run_span(run_id, run.span)?;
        }
        match self.report_inner(run_id, run).await {
            Ok(()) => Ok(run_id),
            Err(e) => {
                let msg = e.to_string();
                tracing::error!(run = run_id, error = %msg, "report run failed");
                // The failed run's archive is kept for a look, the earlier failed ones go: a
                // run retried every 15 minutes on a full disk must not fill the state folder.
                self.keep_one_failed_archive(run_id);
                self.store()?.finish_run(
                    run_id,
                    RunOutcome::Failed {
                        failure: Failure::Error,
                        error: &msg,
                    },
                    Utc::now().max(run.now),
                )?;
                self.tell_failed(run_id, run, &msg)?;
                Err(e)
            }
        }
    }

    /// Removes the archives of report runs that failed before `run_id` (their documents were
    /// never published or mailed).
    fn keep_one_failed_archive(&self, run_id: i64) {
        let Ok(failed) = self
            .store()
            .and_then(|s| Ok(s.failed_report_runs_before(run_id)?))
        else {
            return;
        };
        for id in failed {
            let dir = self.archive_dir().join(format!("run-{id}"));
            if dir.exists() {
                if let Err(e) = std::fs::remove_dir_all(&dir) {
                    tracing::warn!(run = id, error = %e, "a failed run's archive could not be removed");
                }
            }
        }
    }

    /// Tells the operator once (until a run of the period succeeds again) that the reports of a
    /// period could not be made.
    fn tell_failed(&self, run_id: i64, run: &ReportRun, error: &str) -> Result<(), ServiceError> {
        let Some(op) = &self.settings().mail.operator else {
            return Ok(());
        };
        let label = crate::domain::ReportPeriod {
            span: run.span,
            end: run.period,
        }
        .to_string();
        let store = self.store()?;
        let since = store.last_succeeded_report_run(&label)?.unwrap_or(0);
        let texts = MailTexts::load(&self.settings().output.templates)?;
        let disk_full = error.contains("No space left") || error.contains("os error 28");
        let ctx = context! { period => label.clone(), run => run_id, disk_full => disk_full };
        store.queue_runless_mail(
            &NewMail {
                dedup_key: format!("failed|{label}|after-{since}"),
                recipient: op.clone(),
                subject: texts.render("subject_failed", &ctx)?,
                body: texts.render("body_failed", &ctx)?,
                body_html: None,
            },
            Utc::now(),
        )?;
        Ok(())
    }

    async fn report_inner(&self, run_id: i64, run: &ReportRun) -> Result<(), ServiceError> {
        let (period, now) = (run.period, run.now);
        let label = crate::domain::ReportPeriod {
            span: run.span,
            end: period,
        }
        .to_string();
        let chosen = self.snapshots(&run.as_of, now).await?;
        let mut stale = Vec::new();
        for c in &chosen {
            self.store()?.link_snapshot(run_id, c.snapshot.id)?;
            let age = store::parse_ts(&c.checked).map(|t| now - t);
            if matches!(run.as_of, AsOf::Latest)
                && age.is_some_and(|a| {
                    a > chrono::Duration::hours(self.settings().hold.max_source_age_hours as i64)
                })
            {
                stale.push(format!(
                    "bron {} is voor het laatst opgehaald op {}",
                    c.feed.name, c.checked
                ));
            }
        }
        let approved = self.approved_commitments(&*self.store()?, &run.as_of, now)?;
        let undelivered = self.undelivered_stand_ins(&chosen)?;
        let held = self.held_notes(&run.as_of)?;
        let decisions = self.application_decisions()?;
        let plan = plan_of(
            &chosen,
            undelivered,
            self.settings().time_zone(),
            approved,
            held,
            decisions,
        );
        let req = ReportRequest {
            settings: self.settings().clone(),
            reference: self.reference().clone(),
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
            today: crate::clock::local_date(self.settings().time_zone(), now),
            generated_at: run.generated_at,
            pdf: true,
        };
        // One pipeline at a time; the worker cancels it between documents after a time-out and
        // waits for this permit before it starts the next job.
        let permit = self
            .render_slot()
            .permit
            .clone()
            .acquire_owned()
            .await
            .expect("the render slot is never closed");
        self.render_slot().cancel.store(false, Ordering::SeqCst);
        let cancel = self.render_slot().cancel.clone();
        let outcome = crate::threads::offload(move || {
            let _permit = permit;
            pipeline::report_with_plan(&req, &plan, Some(&cancel))
        })
        .await?;
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
        self.store()?.record_run_sources(run_id, &read)?;
        let notices = outcome.notices.clone();
        self.store()?.set_run_notices(run_id, &notices)?;
        self.store()?.set_run_conflicts(
            run_id,
            &serde_json::to_value(&outcome.conflicts).expect("conflicts serialize"),
        )?;
        // Judged per feed: one corporation's bad export holds the month, and says whose.
        let mut reasons = stale;
        let single = outcome.sources.len() <= SourceKind::ALL.len()
            && outcome.sources.iter().all(|s| s.name == s.kind.as_str());
        // A corporation's own feed with too many rejected rows holds nothing: its corporation is
        // "onvolledig" in the documents (`pipeline`), the others publish.
        for s in outcome.sources.iter().filter(|s| !s.too_many_rejected) {
            let share = s.rejected as f64 / s.read.max(1) as f64;
            if s.read > 0 && share > self.settings().hold.max_rejected_share {
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
                    nl::pct(self.settings().hold.max_rejected_share)
                ));
            }
        }
        let held = !reasons.is_empty();

        // Collect the reports and their mails; a held run publishes nothing until released.
        let texts = MailTexts::load(&self.settings().output.templates)?;
        let mut reports = Vec::new();
        // What the run publishes, all together (`publication`): its documents with their
        // annexes, and with the region's document the published tables.
        let mut published: Vec<(String, Vec<u8>)> = Vec::new();
        for doc in outcome
            .documents
            .iter()
            .filter(|d| run.selection.includes(&d.audience))
        {
            let path = outcome.period_dir.join(&doc.file_name);
            if !held {
                published.push((doc.file_name.clone(), doc.bytes.clone()));
                published.push((doc.annex_name(), doc.annex.clone()));
            }
            let mut report = NewReport {
                period,
                audience: doc.audience.clone(),
                path: path.display().to_string(),
                sha256: sha256_hex(&doc.bytes),
                annex_sha256: Some(sha256_hex(&doc.annex)),
                forecast: warnings::forecast_json(&outcome.forecasts, &doc.audience),
                mails: Vec::new(),
            };
            if run.send != SendMode::No {
                report.mails = self.mails_for(&texts, run_id, run, doc)?;
            }
            reports.push(report);
        }
        // The published tables (suppressed like the documents) go with the region's document.
        if !held && run.selection.includes(&Audience::Region) {
            published.extend(self.tables_of(&outcome.period_dir)?);
        }
        // Reports, mails, the operator's alert and the run's outcome: one transaction.
        let reason = reasons.join("; ");
        let mut alerts = Vec::new();
        if let Some(op) = &self.settings().mail.operator {
            if held {
                let ctx = context! { period_long => nl::month_long(period), run => run_id, reason => reason.clone() };
                alerts.push(NewMail {
                    dedup_key: format!("held|run-{run_id}"),
                    recipient: op.clone(),
                    subject: texts.render("subject_held", &ctx)?,
                    body: texts.render("body_held", &ctx)?,
                    body_html: None,
                });
            }
            // What the feeds together showed (home numbers two corporations both deliver):
            // once per run.
            if !notices.is_empty() {
                let ctx = context! { period_long => nl::month_long(period), run => run_id, notices => notices.clone() };
                alerts.push(NewMail {
                    dedup_key: format!("notices|run-{run_id}"),
                    recipient: op.clone(),
                    subject: texts.render("subject_notices", &ctx)?,
                    body: texts.render("body_notices", &ctx)?,
                    body_html: None,
                });
            }
        }
        // The forecast: the scopes at risk for the console, the early warnings (first ones only).
        let w = &self.settings().warning;
        self.store()?.set_run_at_risk(
            run_id,
            &warnings::at_risk_json(
                &outcome.forecasts,
                w.threshold,
                warnings::in_season(run, w.from_month),
            ),
        )?;
        let warnings = self.warnings(&texts, run, &outcome.forecasts)?;
        let outcome = if held {
            RunOutcome::Held { reason: &reason }
        } else {
            RunOutcome::Succeeded
        };
        // Published whole, or not at all; and undone when the run cannot be recorded.
        let publication = if published.is_empty() {
            None
        } else {
            let keep_others = run.selection != crate::domain::Selection::All;
            Some(self.publish_all(&label, &published, keep_others)?)
        };
        let recorded = self.store().and_then(|s| {
            Ok(s.complete_report_run(
                run_id,
                &reports,
                outcome,
                &alerts,
                &warnings,
                Utc::now().max(now),
            )?)
        });
        let queued = match recorded {
            Ok(q) => q,
            Err(e) => {
                if let Some(p) = publication {
                    if let Err(undo) = p.undo() {
                        tracing::error!(error = %undo, "the publication of a run that could not be recorded could not be undone");
                    }
                }
                return Err(e);
            }
        };
        if held {
            tracing::warn!(run = run_id, reason = %reason, "reports held for review, nothing published or sent: woonmonitor release {run_id}");
        }
        tracing::info!(run = run_id, %period, reports = reports.len(), mails = queued, held, "report run finished");
        Ok(())
    }
}
