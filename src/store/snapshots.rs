//! Feed snapshots (`snapshots`), when each feed was last confirmed and whether its latest pull
//! was refused (`source_checks`), and which snapshots a run used (`run_snapshots`).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::connection::{ts, Result, Store};
use crate::schema::SourceKind;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub id: i64,
    /// The feed's name.
    pub feed: String,
    pub source: SourceKind,
    /// Of the file as it arrived.
    pub sha256: String,
    /// Where the stored copy is.
    pub path: String,
    /// Where the bytes came from (file path, or the URL without credentials).
    pub origin: String,
    /// When this content was first fetched.
    pub fetched_at: String,
    /// The size of the file as it arrived.
    pub bytes: i64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Warnings of the pull (e.g. columns left out).
    pub notes: Vec<String>,
    /// When retention deleted the stored copy.
    pub purged_at: Option<String>,
    /// `path` is the projection (mapped columns only); else a delivered file stored before
    /// projections (read as such, and projected at the next start).
    pub projection: bool,
}

/// A snapshot to record.
#[derive(Debug, Clone)]
pub struct NewSnapshot<'a> {
    pub feed: &'a str,
    pub source: SourceKind,
    pub sha256: &'a str,
    pub path: &'a str,
    pub origin: &'a str,
    pub bytes: i64,
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    pub notes: &'a [String],
}

/// A feed's current state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedCheck {
    pub feed: String,
    pub source: SourceKind,
    /// When the current snapshot was last confirmed.
    pub checked_at: String,
    /// Why the latest pull was refused; `None`: it was not.
    pub refused: Option<String>,
}

const SNAPSHOT_COLS: &str = "s.id, s.feed, s.source, s.sha256, s.path, s.origin, s.fetched_at, s.bytes, s.etag, s.last_modified, s.notes, s.purged_at, s.projection";

fn snapshot_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Snapshot> {
    let notes: String = r.get(10)?;
    Ok(Snapshot {
        id: r.get(0)?,
        feed: r.get(1)?,
        source: r.get(2)?,
        sha256: r.get(3)?,
        path: r.get(4)?,
        origin: r.get(5)?,
        fetched_at: r.get(6)?,
        bytes: r.get(7)?,
        etag: r.get(8)?,
        last_modified: r.get(9)?,
        notes: serde_json::from_str(&notes).unwrap_or_default(),
        purged_at: r.get(11)?,
        projection: r.get(12)?,
    })
}

impl Store {
    /// Records a snapshot (or finds the identical one of the feed) and marks it as the feed's
    /// latest check; a refusal of the feed is cleared.
    pub fn add_snapshot(&self, new: &NewSnapshot<'_>, now: DateTime<Utc>) -> Result<i64> {
        let notes = serde_json::to_string(new.notes).expect("notes serialize");
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO snapshots (feed, source, sha256, path, origin, fetched_at, bytes, etag, last_modified, notes, projection)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)
             ON CONFLICT (feed, sha256) DO UPDATE SET etag = excluded.etag,
                 last_modified = excluded.last_modified, notes = excluded.notes,
                 path = excluded.path, purged_at = NULL, projection = 1",
            params![
                new.feed,
                new.source,
                new.sha256,
                new.path,
                new.origin,
                ts(now),
                new.bytes,
                new.etag,
                new.last_modified,
                notes
            ],
        )
        .map_err(|e| self.err(e))?;
        let id: i64 = tx
            .query_row(
                "SELECT id FROM snapshots WHERE feed = ?1 AND sha256 = ?2",
                params![new.feed, new.sha256],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        tx.execute(
            "INSERT INTO source_checks (feed, source, snapshot_id, checked_at, refused) VALUES (?1, ?2, ?3, ?4, NULL)
             ON CONFLICT (feed) DO UPDATE SET snapshot_id = excluded.snapshot_id,
                 checked_at = excluded.checked_at, refused = NULL",
            params![new.feed, new.source, id, ts(now)],
        )
        .map_err(|e| self.err(e))?;
        // A later delivery that was taken supersedes one of the feed that waits for a decision.
        tx.execute(
            "UPDATE held_deliveries SET decision = 'superseded', decided_at = ?3
             WHERE feed = ?1 AND decision IS NULL AND snapshot_id != ?2",
            params![new.feed, id, ts(now)],
        )
        .map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(id)
    }

    /// The latest pull of a feed was refused (personal data, too large, …): its last good
    /// snapshot stays, but report runs fail until a good pull.
    pub fn refuse_feed(
        &self,
        feed: &str,
        source: SourceKind,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO source_checks (feed, source, snapshot_id, checked_at, refused) VALUES (?1, ?2, NULL, ?3, ?4)
                 ON CONFLICT (feed) DO UPDATE SET refused = excluded.refused",
                params![feed, source, ts(now), reason],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The feed's current snapshot and when it was last confirmed (fetched or not modified).
    pub fn latest_snapshot(&self, feed: &str) -> Result<Option<(Snapshot, String)>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {SNAPSHOT_COLS}, c.checked_at
                     FROM source_checks c JOIN snapshots s ON s.id = c.snapshot_id WHERE c.feed = ?1"
                ),
                params![feed],
                |r| Ok((snapshot_from_row(r)?, r.get::<_, String>(13)?)),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The latest snapshot of `feed` fetched at or before `at`.
    pub fn snapshot_as_of(&self, feed: &str, at: DateTime<Utc>) -> Result<Option<Snapshot>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {SNAPSHOT_COLS} FROM snapshots s
                     WHERE s.feed = ?1 AND COALESCE(s.in_force_from, s.fetched_at) <= ?2
                     AND s.id NOT IN (SELECT snapshot_id FROM held_deliveries
                                      WHERE decision IS NULL OR decision != 'approved')
                     ORDER BY COALESCE(s.in_force_from, s.fetched_at) DESC, s.id DESC LIMIT 1"
                ),
                params![feed, ts(at)],
                snapshot_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Marks the feed's current snapshot as confirmed now (HTTP 304).
    pub fn touch_source(&self, feed: &str, now: DateTime<Utc>) -> Result<()> {
        self.conn
            .execute(
                "UPDATE source_checks SET checked_at = ?2, refused = NULL WHERE feed = ?1",
                params![feed, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Every feed's current state, by name.
    pub fn source_checks(&self) -> Result<Vec<FeedCheck>> {
        self.rows(
            "SELECT feed, source, checked_at, refused FROM source_checks ORDER BY feed",
            [],
            |r| {
                Ok(FeedCheck {
                    feed: r.get(0)?,
                    source: r.get(1)?,
                    checked_at: r.get(2)?,
                    refused: r.get(3)?,
                })
            },
        )
    }

    pub fn link_snapshot(&self, run_id: i64, snapshot_id: i64) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR IGNORE INTO run_snapshots (run_id, snapshot_id) VALUES (?1, ?2)",
                params![run_id, snapshot_id],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn run_snapshots(&self, run_id: i64) -> Result<Vec<Snapshot>> {
        self.rows(
            &format!(
                "SELECT {SNAPSHOT_COLS} FROM run_snapshots rs JOIN snapshots s ON s.id = rs.snapshot_id
                 WHERE rs.run_id = ?1 ORDER BY s.source, s.feed"
            ),
            params![run_id],
            snapshot_from_row,
        )
    }

    /// Snapshots fetched before `before` that are no feed's current one and still stored.
    pub fn purgeable_snapshots(&self, before: DateTime<Utc>) -> Result<Vec<Snapshot>> {
        self.rows(
            &format!(
                "SELECT {SNAPSHOT_COLS} FROM snapshots s
                 WHERE s.fetched_at < ?1 AND s.purged_at IS NULL
                 AND s.id NOT IN (SELECT snapshot_id FROM source_checks WHERE snapshot_id IS NOT NULL)
                 ORDER BY s.id"
            ),
            params![ts(before)],
            snapshot_from_row,
        )
    }

    /// Snapshots stored as delivered files (before projections), not yet purged.
    pub fn raw_snapshots(&self) -> Result<Vec<Snapshot>> {
        self.rows(
            &format!(
                "SELECT {SNAPSHOT_COLS} FROM snapshots s
                 WHERE s.projection = 0 AND s.purged_at IS NULL ORDER BY s.id"
            ),
            [],
            snapshot_from_row,
        )
    }

    /// A raw snapshot now stored as its projection at `path`.
    pub fn set_projection(&self, snapshot_id: i64, path: &str, notes: &[String]) -> Result<()> {
        let notes = serde_json::to_string(notes).expect("notes serialize");
        self.conn
            .execute(
                "UPDATE snapshots SET path = ?2, notes = ?3, projection = 1 WHERE id = ?1",
                params![snapshot_id, path, notes],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn mark_purged(&self, snapshot_id: i64, now: DateTime<Utc>) -> Result<()> {
        self.conn
            .execute(
                "UPDATE snapshots SET purged_at = ?2 WHERE id = ?1",
                params![snapshot_id, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}
