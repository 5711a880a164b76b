//! What is judged before a delivery counts: deliveries held for an operator's approval
//! (`held_deliveries`: a snapshot kept but not its feed's current one) and the operators'
//! decisions on applications two organisations claim (`application_decisions`).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::connection::{ts, Result, Store, StoreError};
use super::snapshots::NewSnapshot;

/// A delivery held for an operator's approval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeldDelivery {
    pub snapshot_id: i64,
    pub feed: String,
    /// The feed's current snapshot when it was held (what it was compared with).
    pub previous_snapshot_id: Option<i64>,
    /// What was found, in Dutch (JSON list of texts; no cell values but home numbers).
    pub findings: Vec<String>,
    /// The rows to look at (JSON as the service wrote it).
    pub rows: serde_json::Value,
    pub held_at: String,
    /// `approved`, `rejected` or `superseded` (a later delivery of the feed came); `None` while
    /// it waits.
    pub decision: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
}

/// A hold to record with its snapshot.
#[derive(Debug, Clone)]
pub struct NewHold<'a> {
    pub previous_snapshot_id: Option<i64>,
    pub findings: &'a [String],
    pub rows: &'a serde_json::Value,
}

/// An operator's decision on an application two organisations claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationDecision {
    /// The application's number, folded (`domain::fold_id`).
    pub application_id: String,
    /// The corporation whose home counts for it; `None`: no one's.
    pub corporation: Option<String>,
    pub decided_by: String,
    pub decided_at: String,
}

const HELD_COLS: &str = "snapshot_id, feed, previous_snapshot_id, findings, rows, held_at, decision, decided_by, decided_at";

fn held_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<HeldDelivery> {
    let findings: String = r.get(3)?;
    let rows: String = r.get(4)?;
    Ok(HeldDelivery {
        snapshot_id: r.get(0)?,
        feed: r.get(1)?,
        previous_snapshot_id: r.get(2)?,
        findings: serde_json::from_str(&findings).unwrap_or_default(),
        rows: serde_json::from_str(&rows).unwrap_or_default(),
        held_at: r.get(5)?,
        decision: r.get(6)?,
        decided_by: r.get(7)?,
        decided_at: r.get(8)?,
    })
}

impl Store {
    /// Records a delivery that is held: its snapshot is stored, but the feed's current snapshot
    /// stays what it was. An earlier hold of the same feed that still waits is superseded.
    pub fn add_held_snapshot(
        &self,
        new: &NewSnapshot<'_>,
        hold: &NewHold<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let notes = serde_json::to_string(new.notes).expect("notes serialize");
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO snapshots (feed, source, sha256, path, origin, fetched_at, bytes, etag, last_modified, notes, projection)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)
             ON CONFLICT (feed, sha256) DO UPDATE SET path = excluded.path, purged_at = NULL,
                 projection = 1, in_force_from = NULL",
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
            "UPDATE held_deliveries SET decision = 'superseded', decided_at = ?2
             WHERE feed = ?1 AND decision IS NULL",
            params![new.feed, ts(now)],
        )
        .map_err(|e| self.err(e))?;
        tx.execute(
            &format!(
                "INSERT OR REPLACE INTO held_deliveries ({HELD_COLS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, NULL, NULL)"
            ),
            params![
                id,
                new.feed,
                hold.previous_snapshot_id,
                serde_json::to_string(hold.findings).expect("findings serialize"),
                hold.rows.to_string(),
                ts(now)
            ],
        )
        .map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(id)
    }

    /// What became of an earlier delivery of `feed` with these bytes that was held: its
    /// snapshot and the decision (`None` while it waits). `None` when none was held (or its
    /// hold was superseded by a later delivery, so that it is judged afresh).
    pub fn earlier_hold(&self, feed: &str, sha256: &str) -> Result<Option<(i64, Option<String>)>> {
        self.conn
            .query_row(
                "SELECT h.snapshot_id, h.decision FROM held_deliveries h
                 JOIN snapshots s ON s.id = h.snapshot_id
                 WHERE h.feed = ?1 AND s.sha256 = ?2 AND COALESCE(h.decision, '') != 'superseded'",
                params![feed, sha256],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The held deliveries, the waiting ones first, then the decided ones of the last 90 days.
    pub fn held_deliveries(&self, now: DateTime<Utc>) -> Result<Vec<HeldDelivery>> {
        self.rows(
            &format!(
                "SELECT {HELD_COLS} FROM held_deliveries
                 WHERE decision IS NULL OR decided_at >= ?1
                 ORDER BY decision IS NOT NULL, held_at DESC"
            ),
            params![ts(now - chrono::Duration::days(90))],
            held_from_row,
        )
    }

    /// One held delivery.
    pub fn held_delivery(&self, snapshot_id: i64) -> Result<HeldDelivery> {
        self.conn
            .query_row(
                &format!("SELECT {HELD_COLS} FROM held_deliveries WHERE snapshot_id = ?1"),
                params![snapshot_id],
                held_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(StoreError::NotFound {
                what: "held delivery",
                id: snapshot_id,
                hint: "",
            })
    }

    /// Decides a waiting hold: approved, its snapshot becomes the feed's current one (in force
    /// from now); rejected, it is never used. `false`: it was not waiting (decided before, or
    /// superseded).
    pub fn decide_held(
        &self,
        snapshot_id: i64,
        approve: bool,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let tx = self.write_tx()?;
        let decision = if approve { "approved" } else { "rejected" };
        let n = tx
            .execute(
                "UPDATE held_deliveries SET decision = ?2, decided_by = ?3, decided_at = ?4
                 WHERE snapshot_id = ?1 AND decision IS NULL",
                params![snapshot_id, decision, by, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        if n == 1 && approve {
            tx.execute(
                "UPDATE snapshots SET in_force_from = ?2 WHERE id = ?1",
                params![snapshot_id, ts(now)],
            )
            .map_err(|e| self.err(e))?;
            tx.execute(
                "INSERT INTO source_checks (feed, source, snapshot_id, checked_at, refused)
                 SELECT feed, source, id, ?2, NULL FROM snapshots WHERE id = ?1
                 ON CONFLICT (feed) DO UPDATE SET snapshot_id = excluded.snapshot_id,
                     checked_at = excluded.checked_at, refused = NULL",
                params![snapshot_id, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(n == 1)
    }

    /// The held deliveries that wait, per feed (for the documents and the console).
    pub fn waiting_holds(&self) -> Result<Vec<HeldDelivery>> {
        self.rows(
            &format!(
                "SELECT {HELD_COLS} FROM held_deliveries WHERE decision IS NULL ORDER BY feed"
            ),
            params![],
            held_from_row,
        )
    }

    /// Records an operator's decision on an application (replacing an earlier one).
    pub fn decide_application(
        &self,
        application_id: &str,
        corporation: Option<&str>,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO application_decisions (application_id, corporation, decided_by, decided_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![application_id, corporation, by, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Every decision on an application.
    pub fn application_decisions(&self) -> Result<Vec<ApplicationDecision>> {
        self.rows(
            "SELECT application_id, corporation, decided_by, decided_at FROM application_decisions ORDER BY application_id",
            params![],
            |r| {
                Ok(ApplicationDecision {
                    application_id: r.get(0)?,
                    corporation: r.get(1)?,
                    decided_by: r.get(2)?,
                    decided_at: r.get(3)?,
                })
            },
        )
    }
}
