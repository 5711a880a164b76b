//! Pull runs: every feed that is not delivered in the portal fetched into a snapshot
//! (`fetch`), a `pull` run recorded, and the operator told of a refused delivery.

use chrono::{DateTime, Utc};

use super::error::ServiceError;
use super::fetch::{pull_source, PullError, Pulled};
use super::handle::Service;
use crate::domain::Selection;
use crate::store::{RunKind, RunOutcome, Store, Trigger};

impl Service {
    /// Pulls every source into snapshots; records a `pull` run. Failing sources keep their last
    /// good snapshot; the run is failed when any source failed.
    /// A connection is taken for each step; none is held while a source is fetched.
    pub async fn pull(&self, trigger: Trigger, now: DateTime<Utc>) -> Result<i64, ServiceError> {
        let run_id = self
            .store()?
            .start_run(RunKind::Pull, trigger, None, &Selection::All, now)?;
        let mut errors = Vec::new();
        // A portal feed is delivered by its organisation's people, not pulled.
        for feed in self
            .settings()
            .feeds()
            .into_iter()
            .filter(|f| !f.setting.portal)
        {
            let judge = |new: &std::path::Path, previous: Option<&crate::store::Snapshot>| {
                self.judge_delivery(&feed, new, previous)
            };
            let pulled = pull_source(
                &feed,
                self.pool(),
                self.state_dir(),
                self.http_policy(),
                now,
                &judge,
            )
            .await;
            match pulled {
                Ok(Pulled::New(id)) | Ok(Pulled::Unchanged(id)) => {
                    self.store()?.link_snapshot(run_id, id)?
                }
                Ok(Pulled::Held(id)) => self.tell_held(id, now)?,
                Ok(Pulled::StillHeld(_) | Pulled::Rejected(_)) => {}
                Ok(Pulled::Absent) => {}
                Err(PullError::Refused {
                    feed: name,
                    sha256,
                    source,
                }) => {
                    // Nothing of the file was kept; report runs stop until a good delivery.
                    let reason = source.to_string();
                    tracing::error!(feed = %name, error = %reason, "delivery refused; nothing of it was kept");
                    // The console and the operator's mail say it in Dutch; the log keeps the detail.
                    let dutch = source.dutch();
                    let store = self.store()?;
                    store.refuse_feed(&name, feed.kind, &dutch, now)?;
                    self.tell_refused(&store, run_id, &name, &sha256, &dutch, now)?;
                    errors.push(format!("source {name}: refused: {reason}"));
                }
                Err(e) => {
                    tracing::error!(error = %e, "pull failed; the last good snapshot stays in use");
                    errors.push(e.to_string());
                }
            }
        }
        let joined = errors.join("; ");
        let outcome = if errors.is_empty() {
            RunOutcome::Succeeded
        } else {
            RunOutcome::Failed {
                failure: crate::store::Failure::Error,
                error: &joined,
            }
        };
        self.store()?
            .finish_run(run_id, outcome, Utc::now().max(now))?;
        Ok(run_id)
    }
}

impl Service {
    /// Tells the operator (once per refused delivery) that a feed's file was refused.
    fn tell_refused(
        &self,
        store: &Store,
        run_id: i64,
        feed: &str,
        sha256: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let Some(op) = &self.settings().mail.operator else {
            return Ok(());
        };
        let texts = super::mail::MailTexts::load(&self.settings().output.templates)?;
        let ctx = minijinja::context! { feed => feed, reason => reason };
        store.queue_mail(
            run_id,
            &crate::store::NewMail {
                dedup_key: format!("refused|{feed}|{sha256}"),
                recipient: op.clone(),
                subject: texts.render("subject_refused", &ctx)?,
                body: texts.render("body_refused", &ctx)?,
                body_html: None,
            },
            now,
        )?;
        Ok(())
    }
}
