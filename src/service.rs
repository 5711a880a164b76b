//! The operated service: pull and report runs recorded in the state store, the scheduler tick,
//! hold-for-review and release. The daemon, the operator commands and the HTTP API all call these
//! functions, so every trigger leaves the same records.
//!
//! A report run: snapshots (latest, or as of an earlier run or date) → `run::report` into the
//! archive folder `<state>/archive/run-<id>/` → copies published to `<out>/<period>/` → reports and
//! mails recorded in one transaction → run finished as `succeeded` or `held`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use minijinja::context;
use sha2::{Digest, Sha256};

use crate::config::{Reference, Settings, SourceSetting};
use crate::deliver::{self, MailTexts, Transport};
use crate::domain::Period;
use crate::export::write_atomic;
use crate::ingest::SourcePlan;
use crate::render::{nl, Audience};
use crate::run::{self, ReportRequest};
use crate::sources::{self, HttpPolicy, Pulled};
use crate::store::{self, NewMail, Store};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Run(#[from] run::RunError),
    #[error(transparent)]
    Deliver(#[from] deliver::DeliverError),
    #[error("{0}")]
    Other(String),
}

/// Everything a service call needs.
#[derive(Clone)]
pub struct Service {
    pub settings: Settings,
    pub reference: Reference,
    pub http: HttpPolicy,
}

/// Which reports to (re)generate and mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    All,
    Municipality(String),
    Corporation(String),
    Region,
}

impl Selection {
    fn includes(&self, a: &Audience) -> bool {
        match (self, a) {
            (Selection::All, _) => true,
            (Selection::Municipality(c), Audience::Municipality(m)) => c.eq_ignore_ascii_case(m),
            (Selection::Corporation(c), Audience::Corporation(k)) => c.eq_ignore_ascii_case(k),
            (Selection::Region, Audience::Region) => true,
            _ => false,
        }
    }
}

/// Whether and how mails are queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Send {
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

fn kind_code(a: &Audience) -> (&'static str, String) {
    match a {
        Audience::Municipality(c) => ("municipality", c.clone()),
        Audience::Region => ("region", String::new()),
        Audience::Corporation(c) => ("corporation", c.clone()),
    }
}

impl Service {
    pub fn new(settings: Settings, reference: Reference) -> Self {
        Self {
            settings,
            reference,
            http: HttpPolicy::default(),
        }
    }

    pub fn state_dir(&self) -> &Path {
        &self.settings.state.dir
    }

    pub fn store_path(&self) -> PathBuf {
        self.settings.state.dir.join("woonmonitor.sqlite")
    }

    pub fn store(&self) -> Result<Store, ServiceError> {
        Ok(Store::open(&self.store_path())?)
    }

    pub fn archive_dir(&self) -> PathBuf {
        self.settings.state.dir.join("archive")
    }

    /// Pulls every source into snapshots; records a `pull` run. Failing sources keep their last
    /// good snapshot; the run is failed when any source failed.
    pub async fn pull(&self, trigger: &str, now: DateTime<Utc>) -> Result<i64, ServiceError> {
        let run_id = self.store()?.start_run("pull", trigger, None, now)?;
        let mut errors = Vec::new();
        for (name, setting) in sources::configured(&self.settings) {
            match sources::pull_source(
                name,
                setting,
                &self.store_path(),
                self.state_dir(),
                &self.http,
                now,
            )
            .await
            {
                Ok(Pulled::New(id)) | Ok(Pulled::Unchanged(id)) => {
                    self.store()?.link_snapshot(run_id, id)?
                }
                Ok(Pulled::Absent) => {}
                Err(e) => {
                    tracing::error!(error = %e, "pull failed; the last good snapshot stays in use");
                    errors.push(e.to_string());
                }
            }
        }
        let store = self.store()?;
        if errors.is_empty() {
            store.finish_run(run_id, "succeeded", None, None, Utc::now().max(now))?;
        } else {
            store.finish_run(
                run_id,
                "failed",
                Some(&errors.join("; ")),
                None,
                Utc::now().max(now),
            )?;
        }
        Ok(run_id)
    }

    /// The source files of `as_of` as a plan for `run::report_with_plan` (for `report --as-of`).
    pub async fn plan(&self, as_of: &AsOf, now: DateTime<Utc>) -> Result<SourcePlan, ServiceError> {
        let snaps = self.snapshots(as_of, now).await?;
        let find = |n: &str| {
            snaps
                .iter()
                .find(|(name, ..)| name == n)
                .map(|(_, s, _, set)| (PathBuf::from(&s.path), set.clone()))
        };
        Ok(SourcePlan {
            applications: find("applications").expect("required source"),
            deliveries: find("deliveries").expect("required source"),
            commitments: find("commitments"),
        })
    }

    /// The snapshots a report run uses, with the source settings to read them.
    async fn snapshots(
        &self,
        as_of: &AsOf,
        now: DateTime<Utc>,
    ) -> Result<Vec<(String, store::Snapshot, String, SourceSetting)>, ServiceError> {
        let mut out = Vec::new();
        let mut pulled = false;
        for (name, setting) in sources::configured(&self.settings) {
            let found = match as_of {
                AsOf::Latest => {
                    let mut latest = self.store()?.latest_snapshot(name)?;
                    if latest.is_none() && !pulled {
                        self.pull("manual", now).await?;
                        pulled = true;
                        latest = self.store()?.latest_snapshot(name)?;
                    }
                    latest
                }
                AsOf::Run(id) => {
                    let snaps = self.store()?.run_snapshots(*id)?;
                    if snaps.is_empty() {
                        return Err(ServiceError::Other(format!("run {id} used no snapshots; choose a report or pull run (woonmonitor runs)")));
                    }
                    snaps.into_iter().find(|s| s.source == name).map(|s| {
                        let at = s.fetched_at.clone();
                        (s, at)
                    })
                }
                AsOf::Time(t) => self
                    .store()?
                    .snapshot_as_of(name, &store::ts(*t))?
                    .map(|s| {
                        let at = s.fetched_at.clone();
                        (s, at)
                    }),
            };
            match found {
                Some((snap, checked)) => out.push((name.to_string(), snap, checked, setting.clone())),
                None if name == "commitments" => {}
                None => {
                    return Err(ServiceError::Other(format!(
                        "no snapshot of {name} is available{}; run `woonmonitor pull` or check the source",
                        match as_of {
                            AsOf::Latest => String::new(),
                            AsOf::Run(id) => format!(" for run {id}"),
                            AsOf::Time(t) => format!(" at {t}"),
                        }
                    )))
                }
            }
        }
        Ok(out)
    }

    /// Generates the reports for `period` and queues the mails; returns the run id.
    #[allow(clippy::too_many_arguments)]
    pub async fn report(
        &self,
        period: Period,
        trigger: &str,
        selection: &Selection,
        send: Send,
        as_of: AsOf,
        now: DateTime<Utc>,
        generated_at: NaiveDateTime,
    ) -> Result<i64, ServiceError> {
        let run_id = self
            .store()?
            .start_run("report", trigger, Some(&period.to_string()), now)?;
        match self
            .report_inner(run_id, period, selection, send, as_of, now, generated_at)
            .await
        {
            Ok(()) => Ok(run_id),
            Err(e) => {
                let msg = e.to_string();
                self.store()?.finish_run(
                    run_id,
                    "failed",
                    Some(&msg),
                    None,
                    Utc::now().max(now),
                )?;
                tracing::error!(run = run_id, error = %msg, "report run failed");
                Err(e)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    async fn report_inner(
        &self,
        run_id: i64,
        period: Period,
        selection: &Selection,
        send: Send,
        as_of: AsOf,
        now: DateTime<Utc>,
        generated_at: NaiveDateTime,
    ) -> Result<(), ServiceError> {
        let snaps = self.snapshots(&as_of, now).await?;
        let mut stale = Vec::new();
        {
            let store = self.store()?;
            for (name, snap, checked, _) in &snaps {
                store.link_snapshot(run_id, snap.id)?;
                let age = store::parse_ts(checked).map(|t| now - t);
                if matches!(as_of, AsOf::Latest)
                    && age.is_some_and(|a| {
                        a > chrono::Duration::hours(self.settings.hold.max_source_age_hours as i64)
                    })
                {
                    stale.push(format!(
                        "bron {name} is voor het laatst opgehaald op {checked}"
                    ));
                }
            }
        }
        let find = |n: &str| {
            snaps
                .iter()
                .find(|(name, ..)| name == n)
                .map(|(_, s, _, set)| (PathBuf::from(&s.path), set.clone()))
        };
        let plan = SourcePlan {
            applications: find("applications").expect("required source"),
            deliveries: find("deliveries").expect("required source"),
            commitments: find("commitments"),
        };
        let archive = self.archive_dir().join(format!("run-{run_id}"));
        let req = ReportRequest {
            settings: self.settings.clone(),
            reference: self.reference.clone(),
            period,
            data_dir: None,
            out_dir: archive.clone(),
            today: now
                .with_timezone(&chrono_tz::Europe::Amsterdam)
                .date_naive(),
            generated_at,
            pdf: true,
        };
        let outcome = tokio::task::spawn_blocking(move || run::report_with_plan(&req, &plan))
            .await
            .map_err(|e| ServiceError::Other(format!("report task failed: {e}")))??;
        let read: usize = outcome.sources.iter().map(|s| s.read).sum();
        let rejected: usize = outcome.sources.iter().map(|s| s.rejected).sum();
        let mut reasons = stale;
        if read > 0 && rejected as f64 / read as f64 > self.settings.hold.max_rejected_share {
            reasons.push(format!(
                "{} van {} regels afgekeurd ({}, meer dan de grens van {})",
                rejected,
                read,
                nl::pct(rejected as f64 / read as f64),
                nl::pct(self.settings.hold.max_rejected_share)
            ));
        }
        let held = !reasons.is_empty();

        // Publish copies next to the figures, and collect the reports and their mails.
        let texts = MailTexts::load(&self.settings.output.templates)?;
        let published = self.settings.output.dir.join(period.to_string());
        let mut reports = Vec::new();
        let mut mails = Vec::new();
        for doc in outcome
            .documents
            .iter()
            .filter(|d| selection.includes(&d.audience))
        {
            let path = outcome.period_dir.join(&doc.file_name);
            write_atomic(&published.join(&doc.file_name), &doc.bytes)
                .map_err(run::RunError::from)?;
            let (kind, code) = kind_code(&doc.audience);
            let sha = sources::hex(&Sha256::digest(&doc.bytes));
            let idx = reports.len();
            reports.push((
                period.to_string(),
                kind.to_string(),
                code.clone(),
                path.display().to_string(),
                sha,
            ));
            if send == Send::No {
                continue;
            }
            let name = match &doc.audience {
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
            let ctx = context! {
                name => name,
                period_long => nl::month_long(period),
                organisation => self.settings.organisation.name.clone(),
                region => self.settings.region.name.clone(),
                file => doc.file_name.clone(),
            };
            for r in self.settings.recipients.iter().filter(|r| {
                r.audience == kind && r.code.as_deref().unwrap_or("").eq_ignore_ascii_case(&code)
            }) {
                let base = format!("{period}|{kind}|{code}|{}", r.email.to_lowercase());
                mails.push((
                    idx,
                    NewMail {
                        report_id: None,
                        dedup_key: if send == Send::Again {
                            format!("{base}|run-{run_id}")
                        } else {
                            base
                        },
                        recipient: r.email.clone(),
                        subject: texts.render(&format!("subject_{kind}"), &ctx)?,
                        body: texts.render("body", &ctx)?,
                    },
                ));
            }
        }
        let store = self.store()?;
        let (_, queued) = store.record_reports(run_id, &reports, &mails, held, now)?;
        if held {
            let reason = reasons.join("; ");
            store.finish_run(run_id, "held", None, Some(&reason), Utc::now().max(now))?;
            tracing::warn!(run = run_id, reason = %reason, "reports held for review: woonmonitor release {run_id}");
            if let Some(op) = &self.settings.mail.operator {
                let ctx = context! { period_long => nl::month_long(period), run => run_id, reason => reason };
                store.queue_mail(
                    run_id,
                    &NewMail {
                        report_id: None,
                        dedup_key: format!("held|run-{run_id}"),
                        recipient: op.clone(),
                        subject: texts.render("subject_held", &ctx)?,
                        body: texts.render("body_held", &ctx)?,
                    },
                    now,
                )?;
            }
        } else {
            store.finish_run(run_id, "succeeded", None, None, Utc::now().max(now))?;
        }
        tracing::info!(run = run_id, %period, reports = reports.len(), mails = queued, held, "report run finished");
        Ok(())
    }

    /// Sends the due mails once.
    pub async fn send_mail(&self, now: DateTime<Utc>) -> Result<deliver::SendStats, ServiceError> {
        let transport = Transport::from_settings(&self.settings)?;
        let texts = MailTexts::load(&self.settings.output.templates)?;
        Ok(deliver::send_due(&self.settings, &self.store_path(), &transport, &texts, now).await?)
    }

    /// One scheduler tick at `now`: pulls when a pull fire time has passed since the last one,
    /// and runs the monthly reports when their fire time has passed and the period has not been
    /// reported yet (a missed run is caught up once). Returns what it started.
    pub async fn tick(
        &self,
        now: DateTime<Utc>,
        generated_at: NaiveDateTime,
    ) -> Result<Vec<String>, ServiceError> {
        let schedule = self
            .settings
            .schedule()
            .map_err(|e| ServiceError::Other(e.to_string()))?;
        let mut started = Vec::new();
        let late = |fire: DateTime<Utc>| {
            if now - fire > chrono::Duration::minutes(5) {
                "catch-up"
            } else {
                "scheduled"
            }
        };
        if let Some(fire) = schedule.previous_pull(now) {
            let last = self.store()?.last_fire("pull")?;
            if last.is_none_or(|l| fire > l) {
                self.store()?.set_last_fire("pull", fire)?;
                let id = self.pull(late(fire), now).await?;
                started.push(format!("pull run {id}"));
            }
        }
        let (fire, period) = schedule.previous_report(now);
        let last = self.store()?.last_fire("report")?;
        if last.is_none_or(|l| fire > l) {
            let recent_failure = self.store()?.runs(20)?.into_iter().any(|r| {
                r.kind == "report"
                    && r.period.as_deref() == Some(period.to_string().as_str())
                    && r.status == "failed"
                    // A run cut short by a stopped process is retried at once.
                    && !r.error.as_deref().unwrap_or("").starts_with("interrupted")
                    && store::parse_ts(&r.started_at)
                        .is_some_and(|t| now - t < chrono::Duration::minutes(15) && t <= now)
            });
            if self.store()?.period_reported(&period.to_string())? {
                self.store()?.set_last_fire("report", fire)?;
            } else if recent_failure {
                // A failed run is retried, but not more often than every 15 minutes.
            } else {
                match self
                    .report(
                        period,
                        late(fire),
                        &Selection::All,
                        Send::Once,
                        AsOf::Latest,
                        now,
                        generated_at,
                    )
                    .await
                {
                    Ok(id) => {
                        self.store()?.set_last_fire("report", fire)?;
                        started.push(format!("report run {id} for {period}"));
                    }
                    // Not marked as fired: the next tick tries again.
                    Err(e) => started.push(format!("report for {period} failed: {e}")),
                }
            }
        }
        Ok(started)
    }
}
