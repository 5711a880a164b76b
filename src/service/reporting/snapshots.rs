//! Which snapshots a report run reads: the latest of each feed, or those an earlier run used,
//! or the latest fetched by a date; and the plan the pipeline reads them with.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::run::AsOf;
use crate::config::Feed;
use crate::ingest::{PlannedFeed, SourcePlan};
use crate::service::error::ServiceError;
use crate::service::handle::Service;
use crate::store::{self, Snapshot, Store, Trigger};

/// A snapshot chosen for a run, with when it was last confirmed and the feed to read it as.
pub(super) struct Chosen {
    pub(super) feed: Feed,
    pub(super) snapshot: Snapshot,
    pub(super) checked: String,
}

pub(super) fn plan_of(
    chosen: &[Chosen],
    undelivered: Vec<PlannedFeed>,
    tz: chrono_tz::Tz,
    commitments: Vec<crate::ingest::Commitment>,
    held: Vec<crate::ingest::HeldDelivery>,
    decisions: crate::ingest::Decisions,
) -> SourcePlan {
    SourcePlan {
        commitments,
        held,
        decisions,
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
            .chain(undelivered)
            .collect(),
    }
}

impl Service {
    /// The source files of `as_of` as a plan for `pipeline::report_with_plan` (`report --as-of`).
    /// A connection is taken for each step; none is held while a missing feed is pulled.
    pub async fn plan(&self, as_of: &AsOf, now: DateTime<Utc>) -> Result<SourcePlan, ServiceError> {
        let chosen = self.snapshots(as_of, now).await?;
        let undelivered = self.undelivered_stand_ins(&chosen)?;
        let approved = self.approved_commitments(&*self.store()?, as_of, now)?;
        let held = self.held_notes(as_of)?;
        let decisions = self.application_decisions()?;
        Ok(plan_of(
            &chosen,
            undelivered,
            self.settings().time_zone(),
            approved,
            held,
            decisions,
        ))
    }

    /// What a portal feed of which nothing was delivered (by the time `as_of` chose) stands for
    /// in a run: a delivery without rows, covering nothing, so the run goes on and marks its
    /// corporation "onvolledig" instead of failing (the scheduled run waits for it first, like
    /// for a late feed: `tick`).
    pub(super) fn undelivered_stand_ins(
        &self,
        chosen: &[Chosen],
    ) -> Result<Vec<PlannedFeed>, ServiceError> {
        let mut out = Vec::new();
        for feed in self.settings().feeds() {
            if !feed.setting.portal || chosen.iter().any(|c| c.feed.name == feed.name) {
                continue;
            }
            let mut setting = feed.setting.clone();
            setting.covers_until = Some(crate::config::CoversUntil::Latest);
            let dir = self.state_dir().join("snapshots").join(&feed.name);
            crate::files::private_dir(&dir).map_err(|source| {
                crate::pipeline::PipelineError::from(crate::files::WriteError {
                    path: dir.clone(),
                    source,
                })
            })?;
            let path = dir.join("nog-niets-geleverd.csv");
            let planned = PlannedFeed {
                name: feed.name.clone(),
                kind: feed.kind,
                path: path.clone(),
                setting,
                export_date: None,
                projected: true,
                notes: Vec::new(),
            };
            crate::files::write_private(&path, &crate::ingest::project::empty(&planned))
                .map_err(crate::pipeline::PipelineError::from)?;
            out.push(planned);
        }
        Ok(out)
    }

    /// The operators' decisions on applications in conflict, as ingest takes them.
    pub(crate) fn application_decisions(&self) -> Result<crate::ingest::Decisions, ServiceError> {
        Ok(self
            .store()?
            .application_decisions()?
            .into_iter()
            .map(|d| (d.application_id, d.corporation))
            .collect())
    }

    /// The deliveries that wait for an operator's approval, as the documents mention them (for
    /// a run on the latest data; an earlier run's or date's data is shown as it was read).
    pub(crate) fn held_notes(
        &self,
        as_of: &AsOf,
    ) -> Result<Vec<crate::ingest::HeldDelivery>, ServiceError> {
        if !matches!(as_of, AsOf::Latest) {
            return Ok(Vec::new());
        }
        let tz = self.settings().time_zone();
        let feeds = self.settings().feeds();
        Ok(self
            .store()?
            .waiting_holds()?
            .into_iter()
            .map(|h| {
                let own = feeds
                    .iter()
                    .find(|f| f.name == h.feed)
                    .and_then(|f| f.setting.corporation.clone())
                    .and_then(|c| self.reference().corporation(&c).map(|c| c.code.clone()));
                let corporations: Vec<String> = match own {
                    Some(c) => vec![c],
                    None => {
                        let mut cs: Vec<String> = h
                            .rows
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|r| r["corporatie"].as_str().map(str::to_string))
                            .collect();
                        cs.sort();
                        cs.dedup();
                        cs
                    }
                };
                crate::ingest::HeldDelivery {
                    feed: h.feed,
                    corporations,
                    received: store::parse_ts(&h.held_at)
                        .map(|t| crate::clock::local_date(tz, t))
                        .unwrap_or_default(),
                }
            })
            .collect())
    }

    /// The commitments approved in the portal that were in force at `as_of` (a run's start, a
    /// date, or now), as ingest takes them.
    pub(crate) fn approved_commitments(
        &self,
        store: &Store,
        as_of: &AsOf,
        now: DateTime<Utc>,
    ) -> Result<Vec<crate::ingest::Commitment>, ServiceError> {
        let at = match as_of {
            AsOf::Latest => now,
            AsOf::Time(t) => *t,
            AsOf::Run(id) => store::parse_ts(&store.run(*id)?.started_at).unwrap_or(now),
        };
        Ok(store
            .approved_commitments(at)?
            .into_iter()
            .filter_map(|c| {
                Some(crate::ingest::Commitment {
                    year: c.year,
                    corporation: c.corporation,
                    municipality: crate::domain::MunicipalityCode::parse(&c.municipality).ok()?,
                    lower: c.lower,
                    upper: c.upper,
                })
            })
            .collect())
    }

    /// The snapshots a report run uses, with the source settings to read them.
    pub(super) async fn snapshots(
        &self,
        as_of: &AsOf,
        now: DateTime<Utc>,
    ) -> Result<Vec<Chosen>, ServiceError> {
        let mut out = Vec::new();
        let mut pulled = false;
        let refused: Vec<_> = self
            .store()?
            .source_checks()?
            .into_iter()
            .filter_map(|c| c.refused.map(|r| (c.feed, r)))
            .collect();
        for feed in self.settings().feeds() {
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
                    let mut latest = self.store()?.latest_snapshot(&feed.name)?;
                    if latest.is_none() && !pulled {
                        self.pull(Trigger::Manual, now).await?;
                        pulled = true;
                        latest = self.store()?.latest_snapshot(&feed.name)?;
                    }
                    latest
                }
                AsOf::Run(id) => {
                    let snaps = self.store()?.run_snapshots(*id)?;
                    if snaps.is_empty() {
                        return Err(ServiceError::RunWithoutSnapshots(*id));
                    }
                    snaps.into_iter().find(|s| s.feed == feed.name).map(|s| {
                        let at = s.fetched_at.clone();
                        (s, at)
                    })
                }
                AsOf::Time(t) => self.store()?.snapshot_as_of(&feed.name, *t)?.map(|s| {
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
                Some((snapshot, checked)) => {
                    let mut feed = feed;
                    // A delivery in the portal is complete up to the day its deliverer said.
                    if feed.setting.portal {
                        if let Some(d) = self.store()?.delivered_covers_until(snapshot.id)? {
                            feed.setting.covers_until = Some(crate::config::CoversUntil::Date(d));
                        }
                    }
                    out.push(Chosen {
                        feed,
                        snapshot,
                        checked,
                    })
                }
                None if !source.is_required() => {}
                // Nothing delivered in the portal yet: it stands in as an empty delivery.
                None if feed.setting.portal => {}
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
}
