//! The portal's records: outside organisations' people (`portal_accounts`), their single-use
//! sign-in links (`portal_links`) and sessions (`portal_sessions`), kept as SHA-256s of the
//! secrets only, and their uploads (`portal_uploads`): waiting for confirmation, confirmed into a
//! snapshot (with who delivered it and up to which day it is complete), or deleted.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::connection::{parse_ts, ts, Result, Store};

/// The organisation an account belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Organisation {
    /// A housing corporation (its configured code).
    Corporation(String),
    /// The matching organisation, which delivers the applications.
    Applications,
}

impl Organisation {
    /// As stored: `corporation:CODE` or `applications`.
    pub fn key(&self) -> String {
        match self {
            Organisation::Corporation(c) => format!("corporation:{c}"),
            Organisation::Applications => "applications".into(),
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.split_once(':') {
            Some(("corporation", c)) if !c.is_empty() => Some(Organisation::Corporation(c.into())),
            None if s == "applications" => Some(Organisation::Applications),
            _ => None,
        }
    }
}

impl std::fmt::Display for Organisation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.key())
    }
}

/// A person of an outside organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub organisation: Organisation,
    pub created_at: String,
    pub created_by: String,
    pub disabled_at: Option<String>,
}

/// A live portal session.
#[derive(Debug, Clone, PartialEq)]
pub struct PortalSession {
    pub account: Account,
    pub csrf: String,
}

/// An upload, waiting or confirmed.
#[derive(Debug, Clone, PartialEq)]
pub struct Upload {
    pub id: i64,
    /// The random key in the upload's address (never the row id: not guessable).
    pub key: String,
    pub account_id: i64,
    pub feed: String,
    pub extension: String,
    pub sha256: String,
    pub bytes: i64,
    pub path: String,
    /// What the monitor made of it (JSON, shown again on the confirmation page).
    pub preview: String,
    pub created_at: String,
    pub confirmed_at: Option<String>,
    pub covers_until: Option<String>,
    pub snapshot_id: Option<i64>,
    pub deleted_at: Option<String>,
}

/// A new upload.
pub struct NewUpload<'a> {
    pub key: &'a str,
    pub account_id: i64,
    pub feed: &'a str,
    pub extension: &'a str,
    pub sha256: &'a str,
    pub bytes: i64,
    pub path: &'a str,
    pub preview: &'a str,
}

const ACCOUNT_COLS: &str = "id, email, organisation, created_at, created_by, disabled_at";
const UPLOAD_COLS: &str = "id, key, account_id, feed, extension, sha256, bytes, path, preview, created_at, confirmed_at, covers_until, snapshot_id, deleted_at";

fn account_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Account> {
    let org: String = r.get(2)?;
    Ok(Account {
        id: r.get(0)?,
        email: r.get(1)?,
        organisation: Organisation::parse(&org).unwrap_or(Organisation::Corporation(org)),
        created_at: r.get(3)?,
        created_by: r.get(4)?,
        disabled_at: r.get(5)?,
    })
}

fn upload_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Upload> {
    Ok(Upload {
        id: r.get(0)?,
        key: r.get(1)?,
        account_id: r.get(2)?,
        feed: r.get(3)?,
        extension: r.get(4)?,
        sha256: r.get(5)?,
        bytes: r.get(6)?,
        path: r.get(7)?,
        preview: r.get(8)?,
        created_at: r.get(9)?,
        confirmed_at: r.get(10)?,
        covers_until: r.get(11)?,
        snapshot_id: r.get(12)?,
        deleted_at: r.get(13)?,
    })
}

impl Store {
    /// Adds an account (e-mail address in lower case); `None` when the address has one already.
    /// A disabled account with the address is enabled again for the given organisation.
    pub fn add_account(
        &self,
        email: &str,
        organisation: &Organisation,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let tx = self.write_tx()?;
        let existing: Option<(i64, Option<String>)> = tx
            .query_row(
                "SELECT id, disabled_at FROM portal_accounts WHERE email = ?1",
                params![email],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let id = match existing {
            Some((_, None)) => return Ok(None),
            Some((id, Some(_))) => {
                tx.execute(
                    "UPDATE portal_accounts SET disabled_at = NULL, organisation = ?2, created_at = ?3, created_by = ?4 WHERE id = ?1",
                    params![id, organisation.key(), ts(now), by],
                )
                .map_err(|e| self.err(e))?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO portal_accounts (email, organisation, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
                    params![email, organisation.key(), ts(now), by],
                )
                .map_err(|e| self.err(e))?;
                tx.last_insert_rowid()
            }
        };
        tx.commit().map_err(|e| self.err(e))?;
        Ok(Some(id))
    }

    /// Every account, enabled ones first, by organisation and address.
    pub fn accounts(&self) -> Result<Vec<Account>> {
        self.rows(
            &format!("SELECT {ACCOUNT_COLS} FROM portal_accounts ORDER BY disabled_at IS NOT NULL, organisation, email"),
            [],
            account_row,
        )
    }

    /// The enabled account with this address.
    pub fn active_account(&self, email: &str) -> Result<Option<Account>> {
        self.conn
            .query_row(
                &format!("SELECT {ACCOUNT_COLS} FROM portal_accounts WHERE email = ?1 AND disabled_at IS NULL"),
                params![email],
                account_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Disables the account and ends its sessions and links; `false` when there is no enabled
    /// account with this address.
    pub fn disable_account(&self, email: &str, now: DateTime<Utc>) -> Result<bool> {
        let tx = self.write_tx()?;
        let id: Option<i64> = tx
            .query_row(
                "SELECT id FROM portal_accounts WHERE email = ?1 AND disabled_at IS NULL",
                params![email],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(id) = id else { return Ok(false) };
        for sql in [
            "UPDATE portal_accounts SET disabled_at = ?2 WHERE id = ?1",
            "DELETE FROM portal_sessions WHERE account_id = ?1 AND ?2 IS NOT NULL",
            "DELETE FROM portal_links WHERE account_id = ?1 AND ?2 IS NOT NULL",
        ] {
            tx.execute(sql, params![id, ts(now)])
                .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(true)
    }

    /// Records a sign-in link (its token's SHA-256) and deletes the ended ones.
    pub fn add_link(
        &self,
        token_hash: &str,
        account_id: i64,
        now: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM portal_links WHERE expires_at <= ?1",
                params![ts(now)],
            )
            .map_err(|e| self.err(e))?;
        self.conn
            .execute(
                "INSERT INTO portal_links (token_hash, account_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![token_hash, account_id, ts(now), ts(expires)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// How many links were made for the account since `since`.
    pub fn recent_links(&self, account_id: i64, since: DateTime<Utc>) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT count(*) FROM portal_links WHERE account_id = ?1 AND created_at > ?2",
                params![account_id, ts(since)],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Uses a sign-in link: its account when the link exists, has not been used, has not
    /// expired and its account is enabled. A link works once, whatever the answer.
    pub fn use_link(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<Account>> {
        let tx = self.write_tx()?;
        let found: Option<(i64, String, Option<String>)> = tx
            .query_row(
                "SELECT account_id, expires_at, used_at FROM portal_links WHERE token_hash = ?1",
                params![token_hash],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((account_id, expires, used)) = found else {
            return Ok(None);
        };
        tx.execute(
            "UPDATE portal_links SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL",
            params![token_hash, ts(now)],
        )
        .map_err(|e| self.err(e))?;
        let live = used.is_none() && parse_ts(&expires).is_some_and(|e| e > now);
        let account = if live {
            tx.query_row(
                &format!("SELECT {ACCOUNT_COLS} FROM portal_accounts WHERE id = ?1 AND disabled_at IS NULL"),
                params![account_id],
                account_row,
            )
            .optional()
            .map_err(|e| self.err(e))?
        } else {
            None
        };
        tx.commit().map_err(|e| self.err(e))?;
        Ok(account)
    }

    /// Records a portal session (its id's SHA-256) and deletes the ended ones.
    pub fn add_portal_session(
        &self,
        id_hash: &str,
        account_id: i64,
        csrf: &str,
        now: DateTime<Utc>,
        expires: DateTime<Utc>,
        idle: chrono::Duration,
    ) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM portal_sessions WHERE expires_at <= ?1 OR last_seen <= ?2",
                params![ts(now), ts(now - idle)],
            )
            .map_err(|e| self.err(e))?;
        self.conn
            .execute(
                "INSERT OR REPLACE INTO portal_sessions (id_hash, account_id, csrf, created_at, last_seen, expires_at) VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
                params![id_hash, account_id, csrf, ts(now), ts(expires)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The live session with this id hash (of an enabled account); its idle clock starts again.
    pub fn live_portal_session(
        &self,
        id_hash: &str,
        now: DateTime<Utc>,
        idle: chrono::Duration,
    ) -> Result<Option<PortalSession>> {
        let row: Option<(i64, String, String, String)> = self
            .conn
            .query_row(
                "SELECT account_id, csrf, last_seen, expires_at FROM portal_sessions WHERE id_hash = ?1",
                params![id_hash],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((account_id, csrf, seen, expires)) = row else {
            return Ok(None);
        };
        let ended = parse_ts(&expires).is_none_or(|e| e <= now)
            || parse_ts(&seen).is_none_or(|s| s + idle <= now);
        let account = if ended {
            None
        } else {
            self.conn
                .query_row(
                    &format!("SELECT {ACCOUNT_COLS} FROM portal_accounts WHERE id = ?1 AND disabled_at IS NULL"),
                    params![account_id],
                    account_row,
                )
                .optional()
                .map_err(|e| self.err(e))?
        };
        let Some(account) = account else {
            self.delete_portal_session(id_hash)?;
            return Ok(None);
        };
        self.conn
            .execute(
                "UPDATE portal_sessions SET last_seen = ?2 WHERE id_hash = ?1",
                params![id_hash, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(Some(PortalSession { account, csrf }))
    }

    pub fn delete_portal_session(&self, id_hash: &str) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM portal_sessions WHERE id_hash = ?1",
                params![id_hash],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Records an upload waiting for confirmation.
    pub fn add_upload(&self, u: &NewUpload<'_>, now: DateTime<Utc>) -> Result<i64> {
        self.conn
            .execute(
                "INSERT INTO portal_uploads (key, account_id, feed, extension, sha256, bytes, path, preview, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![u.key, u.account_id, u.feed, u.extension, u.sha256, u.bytes, u.path, u.preview, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The upload with this key, made by someone of `organisation`.
    pub fn upload_of(&self, key: &str, organisation: &Organisation) -> Result<Option<Upload>> {
        self.conn
            .query_row(
                &format!("SELECT {} FROM portal_uploads u JOIN portal_accounts a ON a.id = u.account_id WHERE u.key = ?1 AND a.organisation = ?2", UPLOAD_COLS.split(", ").map(|c| format!("u.{c}")).collect::<Vec<_>>().join(", ")),
                params![key, organisation.key()],
                upload_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Marks an upload confirmed into `snapshot_id`, complete up to `covers_until`; `false`
    /// when it was confirmed or deleted before.
    pub fn confirm_upload(
        &self,
        id: i64,
        snapshot_id: i64,
        covers_until: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let n = self
            .conn
            .execute(
                "UPDATE portal_uploads SET confirmed_at = ?2, snapshot_id = ?3, covers_until = ?4, deleted_at = ?2 WHERE id = ?1 AND confirmed_at IS NULL AND deleted_at IS NULL",
                params![id, ts(now), snapshot_id, covers_until.to_string()],
            )
            .map_err(|e| self.err(e))?;
        Ok(n == 1)
    }

    /// Uploads whose file is still kept and that were not confirmed before `before`.
    pub fn stale_uploads(&self, before: DateTime<Utc>) -> Result<Vec<Upload>> {
        self.rows(
            &format!("SELECT {UPLOAD_COLS} FROM portal_uploads WHERE deleted_at IS NULL AND created_at <= ?1"),
            params![ts(before)],
            upload_row,
        )
    }

    /// Forgets the previews (what the check of an upload found) of uploads made before `before`,
    /// confirmed or not: they are kept as long as the upload itself (`portal.upload_hours`).
    pub fn forget_previews(&self, before: DateTime<Utc>) -> Result<usize> {
        self.conn
            .execute(
                "UPDATE portal_uploads SET preview = '{}' WHERE created_at <= ?1 AND preview != '{}'",
                params![ts(before)],
            )
            .map_err(|e| self.err(e))
    }

    /// Records that an upload's file was deleted.
    pub fn upload_deleted(&self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.conn
            .execute(
                "UPDATE portal_uploads SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Up to which day a snapshot delivered in the portal is complete, as its deliverer said
    /// (the latest confirmation of that content).
    pub fn delivered_covers_until(&self, snapshot_id: i64) -> Result<Option<NaiveDate>> {
        let s: Option<String> = self
            .conn
            .query_row(
                "SELECT covers_until FROM portal_uploads WHERE snapshot_id = ?1 AND confirmed_at IS NOT NULL ORDER BY confirmed_at DESC, id DESC LIMIT 1",
                params![snapshot_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(s.and_then(|d| d.parse().ok()))
    }
}

/// A commitment entered in the portal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitmentRow {
    pub id: i64,
    pub corporation: String,
    pub municipality: String,
    pub year: i32,
    pub lower: u32,
    pub upper: u32,
    /// `submitted`, `approved`, `returned` or `replaced`.
    pub status: String,
    pub submitted_by: String,
    pub submitted_at: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
}

const COMMITMENT_COLS: &str = "id, corporation, municipality, year, lower, upper, status, submitted_by, submitted_at, decided_by, decided_at";

fn commitment_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CommitmentRow> {
    Ok(CommitmentRow {
        id: r.get(0)?,
        corporation: r.get(1)?,
        municipality: r.get(2)?,
        year: r.get(3)?,
        lower: r.get(4)?,
        upper: r.get(5)?,
        status: r.get(6)?,
        submitted_by: r.get(7)?,
        submitted_at: r.get(8)?,
        decided_by: r.get(9)?,
        decided_at: r.get(10)?,
    })
}

impl Store {
    /// Records a corporation's commitments for `year` (municipality code, lower, upper), replacing
    /// its submission for that year that is not decided yet. With `until_approved`, nothing is
    /// recorded (`None`) once commitments for that year are approved.
    pub fn submit_commitments(
        &self,
        corporation: &str,
        year: i32,
        rows: &[(String, u32, u32)],
        by: &str,
        now: DateTime<Utc>,
        until_approved: bool,
    ) -> Result<Option<usize>> {
        let tx = self.write_tx()?;
        // In the same transaction as the insert: an approval that came first closes the year.
        if until_approved {
            let approved: bool = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM portal_commitments WHERE corporation = ?1 AND year = ?2 AND status = 'approved')",
                    params![corporation, year],
                    |r| r.get(0),
                )
                .map_err(|e| self.err(e))?;
            if approved {
                return Ok(None);
            }
        }
        tx.execute(
            "UPDATE portal_commitments SET status = 'replaced' WHERE corporation = ?1 AND year = ?2 AND status = 'submitted'",
            params![corporation, year],
        )
        .map_err(|e| self.err(e))?;
        for (m, l, u) in rows {
            tx.execute(
                "INSERT INTO portal_commitments (corporation, municipality, year, lower, upper, status, submitted_by, submitted_at) VALUES (?1, ?2, ?3, ?4, ?5, 'submitted', ?6, ?7)",
                params![corporation, m, year, l, u, by, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(Some(rows.len()))
    }

    /// Whether the municipality has approved commitments of a corporation for `year`.
    pub fn commitments_approved(&self, corporation: &str, year: i32) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM portal_commitments WHERE corporation = ?1 AND year = ?2 AND status = 'approved')",
                params![corporation, year],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Every submission waiting for an operator, by corporation and year.
    pub fn submitted_commitments(&self) -> Result<Vec<CommitmentRow>> {
        self.rows(
            &format!("SELECT {COMMITMENT_COLS} FROM portal_commitments WHERE status = 'submitted' ORDER BY corporation, year, municipality"),
            [],
            commitment_row,
        )
    }

    /// The latest rows of a corporation for a year (any status but replaced), newest first.
    pub fn commitments_of(&self, corporation: &str, year: i32) -> Result<Vec<CommitmentRow>> {
        self.rows(
            &format!("SELECT {COMMITMENT_COLS} FROM portal_commitments WHERE corporation = ?1 AND year = ?2 AND status != 'replaced' ORDER BY id DESC"),
            params![corporation, year],
            commitment_row,
        )
    }

    /// The version of a corporation's submission for `year` that waits: its newest row's id.
    pub fn submission_version(&self, corporation: &str, year: i32) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT MAX(id) FROM portal_commitments WHERE corporation = ?1 AND year = ?2 AND status = 'submitted'",
                params![corporation, year],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Approves (or returns) the submission of a corporation for `year` whose version is
    /// `version` (what the operator looked at); how many rows it had. A newer submission is
    /// not decided (0): it needs a look of its own.
    pub fn decide_commitments(
        &self,
        corporation: &str,
        year: i32,
        version: i64,
        approve: bool,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let tx = self.write_tx()?;
        let current: Option<i64> = tx
            .query_row(
                "SELECT MAX(id) FROM portal_commitments WHERE corporation = ?1 AND year = ?2 AND status = 'submitted'",
                params![corporation, year],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        if current != Some(version) {
            return Ok(0);
        }
        let n = tx
            .execute(
                "UPDATE portal_commitments SET status = ?3, decided_by = ?4, decided_at = ?5 WHERE corporation = ?1 AND year = ?2 AND status = 'submitted'",
                params![corporation, year, if approve { "approved" } else { "returned" }, by, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(n)
    }

    /// The commitments in force at `at`: per corporation and year, the latest approval made by
    /// then (an approval replaces the whole earlier one for that corporation and year).
    pub fn approved_commitments(&self, at: DateTime<Utc>) -> Result<Vec<CommitmentRow>> {
        let rows = self.rows(
            &format!("SELECT {COMMITMENT_COLS} FROM portal_commitments WHERE status = 'approved' AND decided_at <= ?1 ORDER BY decided_at DESC, id"),
            params![ts(at)],
            commitment_row,
        )?;
        let mut latest: std::collections::BTreeMap<(String, i32), String> = Default::default();
        for r in &rows {
            latest
                .entry((r.corporation.clone(), r.year))
                .or_insert_with(|| r.decided_at.clone().unwrap_or_default());
        }
        Ok(rows
            .into_iter()
            .filter(|r| latest.get(&(r.corporation.clone(), r.year)) == r.decided_at.as_ref())
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("s.sqlite")).unwrap();
        (dir, s)
    }

    #[test]
    fn a_link_works_once_and_only_before_it_expires() {
        let (_d, s) = store();
        let now: DateTime<Utc> = "2026-11-02T09:00:00Z".parse().unwrap();
        let org = Organisation::Corporation("MITROS".into());
        let id = s
            .add_account("a@mitros.nl", &org, "op", now)
            .unwrap()
            .unwrap();
        assert_eq!(s.add_account("a@mitros.nl", &org, "op", now).unwrap(), None);
        let later = now + chrono::Duration::minutes(15);
        s.add_link("h1", id, now, later).unwrap();
        s.add_link("h2", id, now, later).unwrap();
        assert_eq!(s.use_link("h1", now).unwrap().unwrap().id, id);
        assert_eq!(s.use_link("h1", now).unwrap(), None, "used twice");
        assert_eq!(s.use_link("h2", later).unwrap(), None, "expired");
        assert_eq!(s.use_link("nope", now).unwrap(), None);
    }

    #[test]
    fn a_disabled_account_loses_its_links_and_sessions() {
        let (_d, s) = store();
        let now: DateTime<Utc> = "2026-11-02T09:00:00Z".parse().unwrap();
        let id = s
            .add_account("b@x.nl", &Organisation::Applications, "op", now)
            .unwrap()
            .unwrap();
        let idle = chrono::Duration::minutes(30);
        s.add_link("l", id, now, now + chrono::Duration::minutes(15))
            .unwrap();
        s.add_portal_session("s", id, "c", now, now + chrono::Duration::hours(8), idle)
            .unwrap();
        assert!(s.live_portal_session("s", now, idle).unwrap().is_some());
        assert!(s.disable_account("b@x.nl", now).unwrap());
        assert!(!s.disable_account("b@x.nl", now).unwrap());
        assert!(s.live_portal_session("s", now, idle).unwrap().is_none());
        assert!(s.use_link("l", now).unwrap().is_none());
        assert!(s
            .live_portal_session("s", now + chrono::Duration::minutes(31), idle)
            .unwrap()
            .is_none());
    }
}
