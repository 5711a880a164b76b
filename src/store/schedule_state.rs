//! The scheduler's memory (`schedule_state`): the last fire time acted on per job, so a missed
//! fire is caught up once and a fire is never acted on twice.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::connection::{parse_ts, ts, Result, Store};
use super::kinds::RunKind;

impl Store {
    pub fn last_fire(&self, job: RunKind) -> Result<Option<DateTime<Utc>>> {
        let s: Option<String> = self
            .conn
            .query_row(
                "SELECT last_fire FROM schedule_state WHERE job = ?1",
                params![job],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(s.and_then(|s| parse_ts(&s)))
    }

    pub fn set_last_fire(&self, job: RunKind, at: DateTime<Utc>) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO schedule_state (job, last_fire) VALUES (?1, ?2) ON CONFLICT (job) DO UPDATE SET last_fire = excluded.last_fire",
                params![job, ts(at)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}
