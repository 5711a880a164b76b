//! Retention: what the service keeps, and for how long. Source snapshots (projections: the
//! mapped columns only) and internal figures (the unsuppressed figures and rejected rows of each
//! run) are deleted `privacy.retention_days` after they were made; a snapshot still in use as a
//! feed's current one is kept. Published reports and the run history stay. Every purge that
//! deleted something is a `purge` run with a note saying what.
//!
//! Also: snapshots that an older version stored as the delivered files are projected (or, when
//! that is no longer possible, deleted) at start-up, so no delivered file stays in the state.

use chrono::{DateTime, Utc};

use super::error::ServiceError;
use super::handle::Service;
use crate::domain::Selection;
use crate::files::write_private;
use crate::store::{RunKind, RunOutcome, Trigger};

impl Service {
    /// Deletes what retention allows; returns the purge run when anything was deleted.
    pub fn purge(&self, trigger: Trigger, now: DateTime<Utc>) -> Result<Option<i64>, ServiceError> {
        let days = self.settings().privacy.retention_days;
        let cutoff = now - chrono::Duration::days(i64::from(days));
        let store = self.store()?;
        let mut snapshots = 0;
        for s in store.purgeable_snapshots(cutoff)? {
            remove(std::path::Path::new(&s.path), false)?;
            store.mark_purged(s.id, now)?;
            snapshots += 1;
        }
        let mut folders = 0;
        // The internal part of each report run in the archive (its documents stay).
        if let Ok(entries) = std::fs::read_dir(self.archive_dir()) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                let Some(id) = name
                    .strip_prefix("run-")
                    .and_then(|n| n.parse::<i64>().ok())
                else {
                    continue;
                };
                let internal = e.path().join("internal");
                if !internal.exists() {
                    continue;
                }
                let old = match store.run(id) {
                    Ok(run) => crate::store::parse_ts(&run.started_at).is_none_or(|t| t < cutoff),
                    Err(_) => true,
                };
                if old {
                    remove(&internal, true)?;
                    folders += 1;
                }
            }
        }
        // The internal folders of `woonmonitor report`, by when they were last written.
        if let Ok(entries) = std::fs::read_dir(&self.settings().privacy.internal_dir) {
            for e in entries.flatten() {
                let modified = e.metadata().and_then(|m| m.modified()).ok();
                let old = modified.is_some_and(|m| DateTime::<Utc>::from(m) < cutoff);
                if old && e.path().is_dir() {
                    remove(&e.path(), true)?;
                    folders += 1;
                }
            }
        }
        // What old report runs read per feed and told the operator (counts and kinds only,
        // but kept no longer than the figures they were read with).
        let checks = store.forget_run_checks(cutoff)?;
        if snapshots + folders + checks == 0 {
            return Ok(None);
        }
        // Shown in the console: Dutch.
        let note = format!(
            "bewaartermijn ({days} dagen): {snapshots} snapshot(s), {folders} map(pen) met interne cijfers en {checks} controle(s) van gelezen feeds van vóór {} verwijderd",
            cutoff.format("%Y-%m-%d")
        );
        tracing::info!("{note}");
        let id = store.start_run(RunKind::Purge, trigger, None, &Selection::All, now)?;
        store.set_run_note(id, &note)?;
        store.finish_run(id, RunOutcome::Succeeded, now)?;
        Ok(Some(id))
    }

    /// Replaces snapshots that an older version stored as the delivered files by their
    /// projections; one that can no longer be projected (its feed is gone, its columns no longer
    /// match) is deleted. Returns how many were handled.
    pub fn project_raw_snapshots(&self, now: DateTime<Utc>) -> Result<usize, ServiceError> {
        let store = self.store()?;
        let raw = store.raw_snapshots()?;
        let feeds = self.settings().feeds();
        for s in &raw {
            let path = std::path::PathBuf::from(&s.path);
            let projected = feeds.iter().find(|f| f.name == s.feed).and_then(|f| {
                let bytes = std::fs::read(&path).ok()?;
                let planned = crate::ingest::PlannedFeed {
                    name: f.name.clone(),
                    kind: f.kind,
                    path: path.clone(),
                    setting: f.setting.clone(),
                    export_date: None,
                    projected: false,
                    notes: Vec::new(),
                };
                crate::ingest::project::project(&planned, bytes).ok()
            });
            match projected {
                Some(p) => {
                    let target = path.with_extension("csv");
                    write_private(&target, &p.csv).map_err(crate::pipeline::PipelineError::from)?;
                    if target != path {
                        remove(&path, false)?;
                    }
                    store.set_projection(s.id, &target.display().to_string(), &p.notes)?;
                }
                None => {
                    remove(&path, false)?;
                    store.mark_purged(s.id, now)?;
                }
            }
        }
        if !raw.is_empty() {
            tracing::warn!(
                snapshots = raw.len(),
                "snapshots stored as delivered files by an older version: replaced by their projections (mapped columns only)"
            );
        }
        Ok(raw.len())
    }
}

/// Deletes a file or folder; one that is already gone is fine.
fn remove(path: &std::path::Path, dir: bool) -> Result<(), ServiceError> {
    let r = if dir {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    };
    match r {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(ServiceError::Remove {
            path: path.to_path_buf(),
            source,
        }),
    }
}
