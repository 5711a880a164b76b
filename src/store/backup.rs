//! What backups need of the store: a consistent copy while others write (`VACUUM INTO`), the
//! integrity check, the files the store names (archived reports and snapshots, with the hash
//! each was recorded with), and moving those names to a new state folder on restore.

use std::path::Path;

use rusqlite::{params, Connection, OpenFlags};

use super::connection::{Result, Store, StoreError};

/// A file the store names.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRef {
    /// `report 3`, `snapshot 5 (feed mitros)`.
    pub what: String,
    pub path: String,
    /// The SHA-256 the file must have; `None` for a snapshot's projection (its recorded hash is
    /// the delivered file's, which is not kept).
    pub sha256: Option<String>,
}

impl Store {
    /// Opens a store to read it as it is: no migration, nothing written (verify, backups).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        })?;
        let _ = conn.busy_timeout(std::time::Duration::from_secs(10));
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// SQLite's `integrity_check`: empty when the file is sound, else what is wrong.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.err(e))?;
        let lines: Vec<String> = st
            .query_map([], |r| r.get(0))
            .map_err(|e| self.err(e))?
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| self.err(e))?;
        Ok(lines.into_iter().filter(|l| l != "ok").collect())
    }

    /// A consistent copy of the whole store into `target` (a new or empty file), taken while
    /// others may write.
    pub fn copy_into(&self, target: &Path) -> Result<()> {
        let _ = crate::files::create_private(target);
        self.conn
            .execute("VACUUM INTO ?1", params![target.to_string_lossy()])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Every archived report and every snapshot not purged, with the hash it must have.
    pub fn file_refs(&self) -> Result<Vec<FileRef>> {
        let mut out = Vec::new();
        let mut st = self
            .conn
            .prepare(if self.has_column("reports", "annex_sha256")? {
                "SELECT id, path, sha256, annex_sha256 FROM reports ORDER BY id"
            } else {
                // A store of an older version, read as it is (verify migrates nothing).
                "SELECT id, path, sha256, NULL FROM reports ORDER BY id"
            })
            .map_err(|e| self.err(e))?;
        let reports = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        for r in reports {
            let (id, path, sha256, annex) = r.map_err(|e| self.err(e))?;
            if let Some(annex) = annex {
                // The annex beside the document: same name, .xlsx.
                let annex_path = match path.rsplit_once('.') {
                    Some((stem, _)) => format!("{stem}.xlsx"),
                    None => format!("{path}.xlsx"),
                };
                out.push(FileRef {
                    what: format!("report {id} (annex)"),
                    path: annex_path,
                    sha256: Some(annex),
                });
            }
            out.push(FileRef {
                what: format!("report {id}"),
                path,
                sha256: Some(sha256),
            });
        }
        let mut st = self
            .conn
            .prepare("SELECT id, feed, path, sha256, projection FROM snapshots WHERE purged_at IS NULL ORDER BY id")
            .map_err(|e| self.err(e))?;
        let snapshots = st
            .query_map([], |r| {
                let projection: bool = r.get(4)?;
                Ok(FileRef {
                    what: format!(
                        "snapshot {} (feed {})",
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?
                    ),
                    path: r.get(2)?,
                    sha256: if projection { None } else { Some(r.get(3)?) },
                })
            })
            .map_err(|e| self.err(e))?;
        for s in snapshots {
            out.push(s.map_err(|e| self.err(e))?);
        }
        Ok(out)
    }

    fn has_column(&self, table: &str, column: &str) -> Result<bool> {
        let mut st = self
            .conn
            .prepare(&format!("PRAGMA table_info({table})"))
            .map_err(|e| self.err(e))?;
        let names: Vec<String> = st
            .query_map([], |r| r.get(1))
            .map_err(|e| self.err(e))?
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| self.err(e))?;
        Ok(names.iter().any(|n| n == column))
    }

    /// Names the files under `new` instead of `old` (a restored state folder); returns how many
    /// names changed.
    pub fn rebase_paths(&self, old: &str, new: &str) -> Result<usize> {
        let tx = self.write_tx()?;
        let mut n = 0;
        for table in ["reports", "snapshots"] {
            n += tx
                .execute(
                    &format!(
                        "UPDATE {table} SET path = ?2 || substr(path, length(?1) + 1) WHERE substr(path, 1, length(?1)) = ?1 AND (length(path) = length(?1) OR substr(path, length(?1) + 1, 1) = '/')"
                    ),
                    params![old, new],
                )
                .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(n)
    }
}
