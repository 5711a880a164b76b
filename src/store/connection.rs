//! The store's connection: opening a store (migrating it, with a copy first), `StoreError`,
//! timestamps as stored, and the helpers every table file uses (transactions, rows, errors).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::kinds::{MailStatus, RunStatus};
use super::migrations::MIGRATIONS;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("state store {}: {source}\n  what to do: check that the state folder is writable; a corrupt file can be moved away (the history is lost)", path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("state store {} has schema version {version}, made by a newer woonmonitor; this one knows versions up to {known} and will not use it\n  what to do: install the newer version again, or restore a backup made by this version", path.display())]
    Newer {
        path: PathBuf,
        version: i64,
        known: usize,
    },
    #[error("{what} {id} does not exist{hint}")]
    NotFound {
        what: &'static str,
        id: i64,
        hint: &'static str,
    },
    #[error("run {run} is not held (status: {status}); only held runs can be released")]
    NotHeld { run: i64, status: RunStatus },
    #[error("mail {id} has not failed (status: {status}); only failed mails are queued again")]
    MailNotFailed { id: i64, status: MailStatus },
    #[error("mail {id} cannot be cancelled (status: {status}); only mails not sent yet can")]
    MailNotCancellable { id: i64, status: MailStatus },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A timestamp as stored: RFC 3339 in UTC with milliseconds (sorts as text).
pub fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub fn parse_ts(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// An open state store. Open it once per operation and pass it down.
pub struct Store {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
}

/// Copies a store about to be migrated to `backups/woonmonitor-v<N>-<time>.sqlite` beside it
/// (private), consistently (`VACUUM INTO`), and returns where. Another process opening the
/// same store at the same moment may make a second copy; both are whole.
fn pre_migration_copy(conn: &Connection, path: &Path, version: i64) -> rusqlite::Result<PathBuf> {
    let dir = path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups");
    let _ = crate::files::private_dir(&dir);
    // Unique per process and call: two openers at the same moment must not write one file.
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let stamp = Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let copy = dir.join(format!(
        "woonmonitor-v{version}-{stamp}-{}-{n}.sqlite",
        std::process::id()
    ));
    // An empty private file first: VACUUM INTO fills it and keeps its mode.
    let _ = crate::files::create_private(&copy);
    conn.execute("VACUUM INTO ?1", [copy.to_string_lossy()])?;
    Ok(copy)
}

/// Connections opened to state stores by this process (`/metrics`: the HTTP handlers share a
/// pool, so this stays small however many requests come).
static OPENED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many connections to state stores this process has opened.
pub fn connections_opened() -> u64 {
    OPENED.load(std::sync::atomic::Ordering::Relaxed)
}

impl Store {
    /// Opens (creating when needed) the store and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let store = Self::connect(path)?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens a connection to a store whose schema is known to be up to date (the pool's, after
    /// its first [`Store::open`]): the connection's settings only, no migration check.
    pub(crate) fn connect(path: &Path) -> Result<Store> {
        // The state folder and the database are the service user's only (SQLite gives its
        // -wal and -shm files the database's mode), whatever the umask.
        if let Some(dir) = path.parent() {
            let _ = crate::files::private_dir(dir);
        }
        let _ = crate::files::create_private(path);
        let err = |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        OPENED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let conn = Connection::open(path).map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(err)?;
        // Switching a new file to WAL takes an exclusive lock and answers "busy" at once (no busy
        // handler) while another process opens it too: try again for a while.
        let mut tries = 0;
        loop {
            match conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            {
                Ok(_) => break,
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy && tries < 200 =>
                {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(e) => return Err(err(e)),
            }
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Brings the schema up to date (refusing a store of a newer version).
    fn migrate(&self) -> Result<()> {
        let (conn, path) = (&self.conn, self.path.as_path());
        let err = |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(err)?;
        if version as usize > MIGRATIONS.len() {
            return Err(StoreError::Newer {
                path: path.to_path_buf(),
                version,
                known: MIGRATIONS.len(),
            });
        }
        if version as usize == MIGRATIONS.len() {
            return Ok(());
        }
        if version > 0 {
            // A store with data is copied before a migration changes it.
            let copy = pre_migration_copy(conn, path, version).map_err(err)?;
            tracing::warn!(
                from = version,
                to = MIGRATIONS.len(),
                backup = %copy.display(),
                "migrating the state store; a copy of it as it was is kept"
            );
        }
        // Tables are rebuilt by migrations: references are checked after, not during.
        conn.pragma_update(None, "foreign_keys", "OFF")
            .map_err(err)?;
        // Another process may be opening the same new store: each step takes the write lock
        // first and reads the version under it, so a migration runs exactly once.
        loop {
            let tx = rusqlite::Transaction::new_unchecked(
                conn,
                rusqlite::TransactionBehavior::Immediate,
            )
            .map_err(err)?;
            let version: i64 = tx
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .map_err(err)?;
            let Some(m) = MIGRATIONS.get(version as usize) else {
                break;
            };
            tx.execute_batch(m).map_err(err)?;
            tx.pragma_update(None, "user_version", version + 1)
                .map_err(err)?;
            tx.commit().map_err(err)?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        Ok(())
    }

    /// A write transaction that takes the write lock at once (`BEGIN IMMEDIATE`), waiting for it
    /// up to the busy time-out. A deferred transaction that reads and then writes fails at once
    /// with "database is locked" when another connection wrote in between (the daemon's API
    /// requests and its worker each have a connection of their own).
    pub(super) fn write_tx(&self) -> Result<rusqlite::Transaction<'_>> {
        rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| self.err(e))
    }

    pub(super) fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Runs `query` and collects its rows with `map`.
    pub(super) fn rows<T, P: rusqlite::Params>(
        &self,
        query: &str,
        params: P,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut st = self.conn.prepare_cached(query).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params, map)
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }
}
