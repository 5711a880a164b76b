//! One scheduler tick: which pulls and report runs are due at `now` (pure rules in `schedule`,
//! memory in the store's `schedule_state`). A missed fire is caught up once; a failed report run
//! is retried, at most every 15 minutes.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::error::ServiceError;
use super::handle::Service;
use super::mail::MailTexts;
use super::reporting::{AsOf, ReportRun};
use crate::domain::Period;
use crate::domain::Selection;
use crate::store::{Failure, NewMail, RunKind, RunOutcome, Store, Trigger};

/// A failed scheduled report run is tried again after this long.
const RETRY_AFTER_MINUTES: i64 = 15;

/// What the scheduler's ticks remember between them.
#[derive(Default)]
struct TickState {
    /// The period the scheduled run last waited for complete feeds (said once in the log).
    first_wait: std::sync::Mutex<Option<Period>>,
    /// The last answer of [`Service::late_feeds`], valid while the snapshots are the same (the
    /// scheduler asks every minute while it waits; reading every feed each time is wasteful).
    late_cache: std::sync::Mutex<Option<LateFeeds>>,
}

/// A cached [`Service::late_feeds`] answer: for this period and these snapshot files.
struct LateFeeds {
    period: Period,
    /// Each planned file with the day its deliverer said it covers (a portal delivery of the
    /// same content can say a later day).
    files: Vec<(std::path::PathBuf, Option<String>)>,
    late: Vec<(String, Option<chrono::NaiveDate>)>,
}

impl Service {
    /// One scheduler tick at `now`: pulls when a pull fire time has passed since the last one,
    /// and runs the monthly reports when their fire time has passed and the period has not been
    /// reported yet (a missed run is caught up once). Returns what it started.
    pub async fn tick(
        &self,
        now: DateTime<Utc>,
        generated_at: NaiveDateTime,
    ) -> Result<Vec<String>, ServiceError> {
        let schedule = self.settings().schedule()?;
        // The worker runs one job at a time and is between jobs now: a run still marked running
        // did not finish (its end could not be recorded, e.g. on a full disk) and never will.
        let stale = self.store()?.fail_running(
            Failure::Error,
            "did not finish: its end could not be recorded (see the log)",
            now,
        )?;
        if stale > 0 {
            tracing::warn!(runs = stale, "runs left running were marked failed");
        }
        let mut started = Vec::new();
        // Portal uploads nobody confirmed go after portal.upload_hours (checked every tick).
        if self.settings().portal.enabled {
            let gone = self.purge_uploads(now)?;
            if gone > 0 {
                tracing::info!(uploads = gone, "unconfirmed portal uploads deleted");
            }
            let reminded = self.remind_late(now)?;
            if reminded > 0 {
                started.push(format!("{reminded} portal reminder(s)"));
            }
        }
        let late = |fire: DateTime<Utc>| {
            if now - fire > chrono::Duration::minutes(5) {
                Trigger::CatchUp
            } else {
                Trigger::Scheduled
            }
        };
        if let Some(fire) = schedule.previous_pull(now) {
            let last = self.store()?.last_fire(RunKind::Pull)?;
            if last.is_none_or(|l| fire > l) {
                self.store()?.set_last_fire(RunKind::Pull, fire)?;
                let id = self.pull(late(fire), now).await?;
                started.push(format!("pull run {id}"));
                // Once a day, with the pull: what retention allows goes.
                if let Some(purge) = self.purge(late(fire), now)? {
                    started.push(format!("purge run {purge}"));
                }
            }
        }
        let (fire, period) = schedule.previous_report(now);
        let last = self.store()?.last_fire(RunKind::Report)?;
        if last.is_none_or(|l| fire > l) {
            // A run cut short by a stopped process is retried at once, but not forever.
            let recent_failure = self.store()?.report_failed_since(
                period,
                now - chrono::Duration::minutes(RETRY_AFTER_MINUTES),
                now,
            )?;
            let interrupted = self.store()?.interrupted_in_a_row(period)?;
            let max_interrupted = self.settings().schedule.max_interrupted_attempts as usize;
            let reported = self.store()?.period_reported(period)?;
            if let Some(run) = reported {
                // Only a complete scheduled or catch-up run satisfies the schedule; previews
                // and partial regenerations neither count nor block.
                tracing::info!(%period, run, "the reports of this period went out in an earlier run; nothing to do");
                self.store()?.set_last_fire(RunKind::Report, fire)?;
            } else if interrupted >= max_interrupted {
                let label = crate::domain::ReportPeriod::month(period);
                let id = self.give_up(&*self.store()?, label, late(fire), interrupted, now)?;
                self.store()?.set_last_fire(RunKind::Report, fire)?;
                started.push(format!("report for {period} given up (run {id})"));
            } else if recent_failure {
                // A failed run is retried, but not more often than every 15 minutes.
            } else if let Some(waiting) = self.waiting_for_feeds(fire, period, now).await? {
                tracing::debug!(%period, waiting = %waiting, "the monthly run waits for complete feeds");
                started.push(format!("report for {period} waits for {waiting}"));
            } else {
                let month = crate::domain::ReportPeriod {
                    span: crate::domain::Span::Month,
                    end: period,
                };
                let run = ReportRun::scheduled(month, late(fire), now, generated_at);
                match self.report(&run).await {
                    Ok(id) => {
                        self.store()?.set_last_fire(RunKind::Report, fire)?;
                        started.push(format!("report run {id} for {period}"));
                    }
                    // Not marked as fired: the next tick tries again.
                    Err(e) => started.push(format!("report for {period} failed: {e}")),
                }
            }
        }
        // Quarter and year reports go with the monthly run after the quarter (the year) ends,
        // once that month's own run is done; a failed one is tried again after 15 minutes.
        let spans = [
            (
                crate::domain::Span::Quarter,
                self.settings().schedule.quarterly && period.month() % 3 == 0,
            ),
            (
                crate::domain::Span::Year,
                self.settings().schedule.annual && period.month() == 12,
            ),
        ];
        for (span, wanted) in spans {
            if !wanted || self.store()?.period_reported(period)?.is_none() {
                continue;
            }
            let since = now - chrono::Duration::minutes(RETRY_AFTER_MINUTES);
            let (done, failed) = self.store()?.span_reported(period, span, since)?;
            if done.is_some() || failed {
                continue;
            }
            let label = crate::domain::ReportPeriod { span, end: period };
            // The same crash-loop guard as the month's: a run that keeps taking the process
            // down is given up and the operator told.
            let interrupted = self.store()?.interrupted_in_a_row_of(period, span)?;
            if interrupted >= self.settings().schedule.max_interrupted_attempts as usize {
                let id = self.give_up(&*self.store()?, label, late(fire), interrupted, now)?;
                started.push(format!("report for {label} given up (run {id})"));
                continue;
            }
            let run = ReportRun::scheduled(label, late(fire), now, generated_at);
            match self.report(&run).await {
                Ok(id) => started.push(format!("report run {id} for {label}")),
                Err(e) => started.push(format!("report for {label} failed: {e}")),
            }
        }
        Ok(started)
    }

    /// With `hold.require_complete_feeds`: the deliveries feeds that do not yet cover `period`,
    /// in words, while the deadline (`hold.complete_feeds_deadline_days` after `fire`) has not
    /// passed; `None`: go ahead.
    async fn waiting_for_feeds(
        &self,
        fire: DateTime<Utc>,
        period: Period,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, ServiceError> {
        let hold = &self.settings().hold;
        let deadline = fire + chrono::Duration::days(hold.complete_feeds_deadline_days as i64);
        if now >= deadline {
            return Ok(None);
        }
        // A portal feed nobody has delivered yet always holds the run back (there is nothing of
        // its organisation to report on); other late feeds only with require_complete_feeds.
        let late = if hold.require_complete_feeds {
            self.late_feeds(period, now).await?
        } else {
            self.undelivered_portal_feeds(&*self.store()?)?
                .into_iter()
                .map(|f| (f, None))
                .collect()
        };
        if late.is_empty() {
            return Ok(None);
        }
        let tz = self.settings().time_zone();
        let text = late
            .iter()
            .map(|(feed, until)| match until {
                Some(d) => format!("{feed} (t/m {d})"),
                None => match self.portal_organisation_name(feed) {
                    Some(org) => format!("{feed} (nog niets geleverd via het portaal door {org})"),
                    None => format!("{feed} (nog geen gegevens)"),
                },
            })
            .collect::<Vec<_>>()
            .join(", ");
        let first = self
            .room_state::<TickState>()
            .first_wait
            .lock()
            .expect("lock")
            .replace(period)
            != Some(period);
        if first {
            tracing::info!(
                %period,
                feeds = %text,
                until = %deadline.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
                "the monthly run waits for complete data (hold.require_complete_feeds)"
            );
        }
        Ok(Some(text))
    }

    /// The deliveries feeds whose latest snapshot does not cover `period`, with where they end.
    pub async fn late_feeds(
        &self,
        period: Period,
        now: DateTime<Utc>,
    ) -> Result<Vec<(String, Option<chrono::NaiveDate>)>, ServiceError> {
        // A portal feed nobody has delivered yet is late (there is nothing to plan with).
        let undelivered: Vec<_> = self
            .undelivered_portal_feeds(&*self.store()?)?
            .into_iter()
            .map(|f| (f, None))
            .collect();
        if !undelivered.is_empty() {
            return Ok(undelivered);
        }
        let plan = self.plan(&AsOf::Latest, now).await?;
        let files: Vec<_> = plan
            .feeds
            .iter()
            .map(|f| {
                (
                    f.path.clone(),
                    f.setting.covers_until.map(|c| format!("{c:?}")),
                )
            })
            .collect();
        let state = self.room_state::<TickState>();
        if let Some(c) = state.late_cache.lock().expect("lock").as_ref() {
            if c.period == period && c.files == files {
                return Ok(c.late.clone());
            }
        }
        let reference = self.reference().clone();
        let today = crate::clock::local_date(self.settings().time_zone(), now);
        let dataset =
            crate::threads::offload(move || crate::ingest::ingest(&plan, &reference, today))
                .await
                .map_err(crate::pipeline::PipelineError::from)?;
        let end = period.last_day();
        let late: Vec<_> = dataset
            .reports
            .into_iter()
            .filter(|r| r.kind == crate::schema::SourceKind::Deliveries)
            .filter(|r| r.covers_until.is_none_or(|d| d < end))
            .map(|r| (r.name, r.covers_until))
            .collect();
        *state.late_cache.lock().expect("lock") = Some(LateFeeds {
            period,
            files,
            late: late.clone(),
        });
        Ok(late)
    }

    /// The portal feeds of which nothing has been delivered yet.
    pub fn undelivered_portal_feeds(&self, store: &Store) -> Result<Vec<String>, ServiceError> {
        let mut out = Vec::new();
        for feed in self
            .settings()
            .feeds()
            .into_iter()
            .filter(|f| f.setting.portal)
        {
            if store.latest_snapshot(&feed.name)?.is_none() {
                out.push(feed.name);
            }
        }
        Ok(out)
    }

    /// The name of the organisation that delivers portal feed `feed`, as people know it.
    fn portal_organisation_name(&self, feed: &str) -> Option<String> {
        let f = self
            .settings()
            .feeds()
            .into_iter()
            .find(|f| f.name == feed)?;
        if !f.setting.portal {
            return None;
        }
        Some(match self.feed_organisation(&f)? {
            crate::store::Organisation::Corporation(c) => {
                self.reference().corporation_name(&c).to_string()
            }
            crate::store::Organisation::Applications => "de matchingsorganisatie".to_string(),
        })
    }

    /// Records that the scheduled run for `period` is given up after `attempts` interruptions
    /// in a row, and tells the operator. Returns the id of the failed run that says so.
    fn give_up(
        &self,
        store: &Store,
        label: crate::domain::ReportPeriod,
        trigger: Trigger,
        attempts: usize,
        now: DateTime<Utc>,
    ) -> Result<i64, ServiceError> {
        let period = label;
        let error = format!(
            "given up: the run was interrupted {attempts} times in a row (the process stopped during it); fix the cause, then: woonmonitor regenerate --period {label} --send"
        );
        tracing::error!(%period, attempts, "{error}");
        let id = store.start_run(
            RunKind::Report,
            trigger,
            Some(label.end),
            &Selection::All,
            now,
        )?;
        store.set_run_span(id, label.span)?;
        store.finish_run(
            id,
            RunOutcome::Failed {
                failure: Failure::Error,
                error: &error,
            },
            now,
        )?;
        if let Some(op) = &self.settings().mail.operator {
            let texts = MailTexts::load(&self.settings().output.templates)?;
            let ctx = minijinja::context! { period => period.to_string(), attempts => attempts };
            store.queue_mail(
                id,
                &NewMail {
                    dedup_key: format!("gave-up|{period}|run-{id}"),
                    recipient: op.clone(),
                    subject: texts.render("subject_gave_up", &ctx)?,
                    body: texts.render("body_gave_up", &ctx)?,
                    body_html: None,
                },
                now,
            )?;
        }
        Ok(id)
    }
}
