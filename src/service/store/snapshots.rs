//! Source snapshots (`snapshots`), when each source was last confirmed (`source_checks`), and
//! which snapshots a run used (`run_snapshots`).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{ts, Result, Store};
use crate::schema::SourceKind;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub id: i64,
    pub source: SourceKind,
    pub sha256: String,
    pub path: String,
    pub origin: String,
    pub fetched_at: String,
    pub bytes: i64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A snapshot to record.
#[derive(Debug, Clone)]
pub struct NewSnapshot<'a> {
    pub source: SourceKind,
    pub sha256: &'a str,
    pub path: &'a str,
    /// Where the bytes came from (file path or URL).
    pub origin: &'a str,
    pub bytes: i64,
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
}

const SNAPSHOT_COLS: &str =
    "s.id, s.source, s.sha256, s.path, s.origin, s.fetched_at, s.bytes, s.etag, s.last_modified";

fn snapshot_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Snapshot> {
    Ok(Snapshot {
        id: r.get(0)?,
        source: r.get(1)?,
        sha256: r.get(2)?,
        path: r.get(3)?,
        origin: r.get(4)?,
        fetched_at: r.get(5)?,
        bytes: r.get(6)?,
        etag: r.get(7)?,
        last_modified: r.get(8)?,
    })
}

impl Store {
    /// Records a snapshot (or finds the identical one) and marks it as the source's latest check.
    pub fn add_snapshot(&self, new: &NewSnapshot<'_>, now: DateTime<Utc>) -> Result<i64> {
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        tx.execute(
            "INSERT INTO snapshots (source, sha256, path, origin, fetched_at, bytes, etag, last_modified)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (source, sha256) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified",
            params![
                new.source,
                new.sha256,
                new.path,
                new.origin,
                ts(now),
                new.bytes,
                new.etag,
                new.last_modified
            ],
        )
        .map_err(|e| self.err(e))?;
        let id: i64 = tx
            .query_row(
                "SELECT id FROM snapshots WHERE source = ?1 AND sha256 = ?2",
                params![new.source, new.sha256],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        tx.execute(
            "INSERT INTO source_checks (source, snapshot_id, checked_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (source) DO UPDATE SET snapshot_id = excluded.snapshot_id, checked_at = excluded.checked_at",
            params![new.source, id, ts(now)],
        )
        .map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(id)
    }

    /// The source's current snapshot and when it was last confirmed (fetched or not modified).
    pub fn latest_snapshot(&self, source: SourceKind) -> Result<Option<(Snapshot, String)>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {SNAPSHOT_COLS}, c.checked_at
                     FROM source_checks c JOIN snapshots s ON s.id = c.snapshot_id WHERE c.source = ?1"
                ),
                params![source],
                |r| Ok((snapshot_from_row(r)?, r.get::<_, String>(9)?)),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The latest snapshot of `source` fetched at or before `at`.
    pub fn snapshot_as_of(
        &self,
        source: SourceKind,
        at: DateTime<Utc>,
    ) -> Result<Option<Snapshot>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {SNAPSHOT_COLS} FROM snapshots s
                     WHERE s.source = ?1 AND s.fetched_at <= ?2 ORDER BY s.fetched_at DESC, s.id DESC LIMIT 1"
                ),
                params![source, ts(at)],
                snapshot_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Marks the source's current snapshot as confirmed now (HTTP 304).
    pub fn touch_source(&self, source: SourceKind, now: DateTime<Utc>) -> Result<()> {
        self.conn
            .execute(
                "UPDATE source_checks SET checked_at = ?2 WHERE source = ?1",
                params![source, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Per source: when its current snapshot was last confirmed.
    pub fn source_checks(&self) -> Result<Vec<(SourceKind, String)>> {
        self.rows(
            "SELECT source, checked_at FROM source_checks ORDER BY source",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
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
                 WHERE rs.run_id = ?1 ORDER BY s.source"
            ),
            params![run_id],
            snapshot_from_row,
        )
    }
}
