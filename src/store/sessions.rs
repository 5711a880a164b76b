//! The console's sessions (`console_sessions`), kept in the store so a restart signs nobody
//! out. Only a SHA-256 of a session id is stored (whoever reads the file cannot sign in with
//! it); a session ends at its expiry or after a stretch without requests (idle time-out).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::connection::{parse_ts, ts, Result, Store};

/// A live session.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRow {
    pub actor: String,
    pub csrf: String,
    pub via_proxy: bool,
    pub created_at: String,
    pub last_seen: String,
    pub expires_at: String,
}

/// A session to record.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    pub id_hash: &'a str,
    pub actor: &'a str,
    pub csrf: &'a str,
    pub via_proxy: bool,
    pub expires_at: DateTime<Utc>,
}

impl Store {
    /// Records a session (replacing one with the same id hash) and prunes the ended ones.
    pub fn create_session(
        &self,
        s: &NewSession<'_>,
        now: DateTime<Utc>,
        idle: chrono::Duration,
    ) -> Result<()> {
        self.prune_sessions(now, idle)?;
        self.conn
            .execute(
                "INSERT OR REPLACE INTO console_sessions (id_hash, actor, csrf, via_proxy, created_at, last_seen, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
                params![s.id_hash, s.actor, s.csrf, s.via_proxy, ts(now), ts(s.expires_at)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The session with this id hash and kind, if it has neither expired nor been idle for
    /// `idle`; its idle clock starts again.
    pub fn live_session(
        &self,
        id_hash: &str,
        via_proxy: bool,
        now: DateTime<Utc>,
        idle: chrono::Duration,
    ) -> Result<Option<SessionRow>> {
        let row = self
            .conn
            .query_row(
                "SELECT actor, csrf, via_proxy, created_at, last_seen, expires_at FROM console_sessions WHERE id_hash = ?1 AND via_proxy = ?2",
                params![id_hash, via_proxy],
                |r| {
                    Ok(SessionRow {
                        actor: r.get(0)?,
                        csrf: r.get(1)?,
                        via_proxy: r.get(2)?,
                        created_at: r.get(3)?,
                        last_seen: r.get(4)?,
                        expires_at: r.get(5)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(row) = row else { return Ok(None) };
        let expires = parse_ts(&row.expires_at).unwrap_or(now);
        let seen = parse_ts(&row.last_seen).unwrap_or(now - idle);
        if expires <= now || seen + idle <= now {
            self.delete_session(id_hash)?;
            return Ok(None);
        }
        self.conn
            .execute(
                "UPDATE console_sessions SET last_seen = ?2 WHERE id_hash = ?1",
                params![id_hash, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(Some(row))
    }

    pub fn delete_session(&self, id_hash: &str) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM console_sessions WHERE id_hash = ?1",
                params![id_hash],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Deletes the sessions that have ended (expired or idle too long).
    pub fn prune_sessions(&self, now: DateTime<Utc>, idle: chrono::Duration) -> Result<usize> {
        self.conn
            .execute(
                "DELETE FROM console_sessions WHERE expires_at <= ?1 OR last_seen <= ?2",
                params![ts(now), ts(now - idle)],
            )
            .map_err(|e| self.err(e))
    }

    /// How many sessions are recorded (live or not yet pruned).
    pub fn count_sessions(&self) -> Result<i64> {
        self.conn
            .query_row("SELECT count(*) FROM console_sessions", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_end_at_expiry_or_when_idle_and_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        let t0 = parse_ts("2026-11-30T08:00:00.000Z").unwrap();
        let idle = chrono::Duration::minutes(30);
        let new = |id: &'static str, hours: i64| NewSession {
            id_hash: id,
            actor: "j.jansen",
            csrf: "c",
            via_proxy: false,
            expires_at: t0 + chrono::Duration::hours(hours),
        };
        store.create_session(&new("a", 8), t0, idle).unwrap();
        store.create_session(&new("b", 8), t0, idle).unwrap();
        // Used within the idle time: alive, and its clock restarts.
        let t1 = t0 + chrono::Duration::minutes(25);
        assert!(store.live_session("a", false, t1, idle).unwrap().is_some());
        assert!(
            store.live_session("a", true, t1, idle).unwrap().is_none(),
            "a cookie session is never a proxy session"
        );
        let t2 = t0 + chrono::Duration::minutes(50);
        assert!(store.live_session("a", false, t2, idle).unwrap().is_some());
        assert!(
            store.live_session("b", false, t2, idle).unwrap().is_none(),
            "idle for 50 minutes"
        );
        // Past its expiry, even when used all the time.
        let mut t = t2;
        while t < t0 + chrono::Duration::hours(8) {
            t += chrono::Duration::minutes(20);
            let alive = store.live_session("a", false, t, idle).unwrap().is_some();
            assert_eq!(alive, t < t0 + chrono::Duration::hours(8), "{t}");
        }
        store.create_session(&new("c", 1), t0, idle).unwrap();
        assert_eq!(
            store
                .prune_sessions(t0 + chrono::Duration::hours(2), idle)
                .unwrap(),
            1
        );
        assert_eq!(store.count_sessions().unwrap(), 0);
    }
}
