//! One scheduler tick: which pulls and report runs are due at `now` (pure rules in `schedule`,
//! memory in the store's `schedule_state`). A missed fire is caught up once; a failed report run
//! is retried, at most every 15 minutes.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::mail::MailTexts;
use super::reporting::{AsOf, ReportRun, SendMode};
use super::store::{Failure, NewMail, RunKind, RunOutcome, Store, Trigger};
use super::{Selection, Service, ServiceError};
use crate::domain::Period;

/// A failed scheduled report run is tried again after this long.
const RETRY_AFTER_MINUTES: i64 = 15;

impl Service {
    /// One scheduler tick at `now`: pulls when a pull fire time has passed since the last one,
    /// and runs the monthly reports when their fire time has passed and the period has not been
    /// reported yet (a missed run is caught up once). Returns what it started.
    pub async fn tick(
        &self,
        now: DateTime<Utc>,
        generated_at: NaiveDateTime,
    ) -> Result<Vec<String>, ServiceError> {
        let schedule = self.settings.schedule()?;
        let mut store = self.store()?;
        let mut started = Vec::new();
        let late = |fire: DateTime<Utc>| {
            if now - fire > chrono::Duration::minutes(5) {
                Trigger::CatchUp
            } else {
                Trigger::Scheduled
            }
        };
        if let Some(fire) = schedule.previous_pull(now) {
            let last = store.last_fire(RunKind::Pull)?;
            if last.is_none_or(|l| fire > l) {
                store.set_last_fire(RunKind::Pull, fire)?;
                let id = self.pull_with(&mut store, late(fire), now).await?;
                started.push(format!("pull run {id}"));
            }
        }
        let (fire, period) = schedule.previous_report(now);
        let last = store.last_fire(RunKind::Report)?;
        if last.is_none_or(|l| fire > l) {
            // A run cut short by a stopped process is retried at once, but not forever.
            let recent_failure = store.report_failed_since(
                period,
                now - chrono::Duration::minutes(RETRY_AFTER_MINUTES),
                now,
            )?;
            let interrupted = store.interrupted_in_a_row(period)?;
            let max_interrupted = self.settings.schedule.max_interrupted_attempts as usize;
            if let Some(run) = store.period_reported(period)? {
                // Only a complete scheduled or catch-up run satisfies the schedule; previews
                // and partial regenerations neither count nor block.
                tracing::info!(%period, run, "the reports of this period went out in an earlier run; nothing to do");
                store.set_last_fire(RunKind::Report, fire)?;
            } else if interrupted >= max_interrupted {
                let id = self.give_up(&store, period, late(fire), interrupted, now)?;
                store.set_last_fire(RunKind::Report, fire)?;
                started.push(format!("report for {period} given up (run {id})"));
            } else if recent_failure {
                // A failed run is retried, but not more often than every 15 minutes.
            } else {
                let run = ReportRun {
                    period,
                    trigger: late(fire),
                    selection: Selection::All,
                    send: SendMode::Once,
                    as_of: AsOf::Latest,
                    now,
                    generated_at,
                };
                match self.report_with(&mut store, &run).await {
                    Ok(id) => {
                        store.set_last_fire(RunKind::Report, fire)?;
                        started.push(format!("report run {id} for {period}"));
                    }
                    // Not marked as fired: the next tick tries again.
                    Err(e) => started.push(format!("report for {period} failed: {e}")),
                }
            }
        }
        Ok(started)
    }

    /// Records that the scheduled run for `period` is given up after `attempts` interruptions
    /// in a row, and tells the operator. Returns the id of the failed run that says so.
    fn give_up(
        &self,
        store: &Store,
        period: Period,
        trigger: Trigger,
        attempts: usize,
        now: DateTime<Utc>,
    ) -> Result<i64, ServiceError> {
        let error = format!(
            "given up: the run was interrupted {attempts} times in a row (the process stopped during it); fix the cause, then: woonmonitor regenerate --period {period} --send"
        );
        tracing::error!(%period, attempts, "{error}");
        let id = store.start_run(RunKind::Report, trigger, Some(period), &Selection::All, now)?;
        store.finish_run(
            id,
            RunOutcome::Failed {
                failure: Failure::Error,
                error: &error,
            },
            now,
        )?;
        if let Some(op) = &self.settings.mail.operator {
            let texts = MailTexts::load(&self.settings.output.templates)?;
            let ctx = minijinja::context! { period => period.to_string(), attempts => attempts };
            store.queue_mail(
                id,
                &NewMail {
                    dedup_key: format!("gave-up|{period}|run-{id}"),
                    recipient: op.clone(),
                    subject: texts.render("subject_gave_up", &ctx)?,
                    body: texts.render("body_gave_up", &ctx)?,
                },
                now,
            )?;
        }
        Ok(id)
    }
}
