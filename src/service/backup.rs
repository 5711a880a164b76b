//! Backups of a state folder, checking one, and restoring one on a new server.
//!
//! `backup` copies the store consistently while the daemon runs and mails (`VACUUM INTO`, a read
//! transaction: writers go on), then every other file of the state folder (snapshots, the report
//! archive with each run's internal figures, the `.eml` outbox), and writes a manifest: each
//! file's SHA-256 and size, the store's schema version, the program's version and the state
//! folder it came from. The copy is private (folders 0700, files 0600). Files written after the
//! store was copied may be in the copy too; the store never names them, so they do no harm.
//!
//! `verify` checks a state folder or a backup end to end: SQLite's integrity check, every
//! archived report against its recorded hash, every snapshot (a raw one against its hash, a
//! projection for being there and, in a backup, against the manifest), every manifest entry.
//!
//! `restore` refuses a target that is not empty, verifies first, copies, names the files under
//! the new folder in the store, and says what the daemon will do at its next start.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::store::{MailStatus, Store, StoreError};

/// The manifest's file name in a backup.
pub const MANIFEST: &str = "manifest.json";
/// The store's file name, in a state folder and in a backup.
pub const STORE: &str = "woonmonitor.sqlite";
/// Files of a state folder that are not copied: the live store (copied through SQLite), the
/// lock and the socket, and earlier copies.
const SKIP: &[&str] = &[
    "woonmonitor.sqlite",
    "woonmonitor.sqlite-wal",
    "woonmonitor.sqlite-shm",
    "woonmonitor.sqlite-journal",
    "woonmonitor.lock",
    "woonmonitor.sock",
    "backups",
];

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{}: {source}\n  what to do: check that the folder exists and is readable and writable by this user", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{} is not empty: a backup or restore goes into a new or empty folder\n  what to do: choose another folder", .0.display())]
    NotEmpty(PathBuf),
    #[error("{} is neither a state folder nor a backup (no {STORE})", .0.display())]
    NotState(PathBuf),
    #[error("the backup in {} did not verify:\n{}\n  what to do: restore an older backup", dir.display(), problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Damaged { dir: PathBuf, problems: Vec<String> },
    #[error("manifest {}: {reason}", path.display())]
    Manifest { path: PathBuf, reason: String },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// One file in a backup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Relative to the backup folder, with `/`.
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub program_version: String,
    pub schema_version: i64,
    pub created_at: String,
    /// The state folder as the configuration named it (the store's file names start with it).
    pub state_dir: String,
    pub files: Vec<Entry>,
}

impl Manifest {
    pub fn read(dir: &Path) -> Result<Manifest, BackupError> {
        let path = dir.join(MANIFEST);
        let text = std::fs::read_to_string(&path).map_err(io(&path))?;
        serde_json::from_str(&text).map_err(|e| BackupError::Manifest {
            path,
            reason: e.to_string(),
        })
    }
}

/// What a backup made.
#[derive(Debug, Clone)]
pub struct BackupSummary {
    pub files: usize,
    pub bytes: u64,
    pub schema_version: i64,
}

/// Copies `from` to `to` (private), returning its SHA-256 and size.
fn copy_hashed(from: &Path, to: &Path) -> Result<(String, u64), BackupError> {
    if let Some(parent) = to.parent() {
        crate::files::private_dir(parent).map_err(io(parent))?;
    }
    crate::files::create_private(to).map_err(io(to))?;
    let mut output = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(to)
        .map_err(io(to))?;
    let hashed = read_hashed(from, Some((&mut output, to)))?;
    output.sync_all().map_err(io(to))?;
    Ok(hashed)
}

fn hash_file(path: &Path) -> Result<(String, u64), BackupError> {
    read_hashed(path, None)
}

/// Reads `path` through SHA-256, writing what it reads to `copy` when given.
fn read_hashed(
    path: &Path,
    mut copy: Option<(&mut std::fs::File, &Path)>,
) -> Result<(String, u64), BackupError> {
    use sha2::{Digest, Sha256};
    use std::io::{Read, Write};
    let mut f = std::fs::File::open(path).map_err(io(path))?;
    let (mut hash, mut bytes, mut buf) = (Sha256::new(), 0u64, vec![0u8; 256 * 1024]);
    loop {
        let n = f.read(&mut buf).map_err(io(path))?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
        if let Some((out, to)) = copy.as_mut() {
            out.write_all(&buf[..n]).map_err(io(to))?;
        }
        bytes += n as u64;
    }
    Ok((crate::files::hex(&hash.finalize()), bytes))
}

/// The files under `dir`, relative, in a stable order (`skip` names left out at the top).
fn walk(dir: &Path, skip: &[&str]) -> Result<Vec<PathBuf>, BackupError> {
    fn go(
        root: &Path,
        rel: &Path,
        skip: &[&str],
        out: &mut Vec<PathBuf>,
    ) -> Result<(), BackupError> {
        let here = root.join(rel);
        let mut entries: Vec<_> = std::fs::read_dir(&here)
            .map_err(io(&here))?
            .collect::<Result<_, _>>()
            .map_err(io(&here))?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name();
            if rel.as_os_str().is_empty() && skip.iter().any(|s| name == *s) {
                continue;
            }
            let r = rel.join(&name);
            let kind = e.file_type().map_err(io(&e.path()))?;
            if kind.is_dir() {
                go(root, &r, skip, out)?;
            } else if kind.is_file() {
                out.push(r);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    go(dir, Path::new(""), skip, &mut out)?;
    Ok(out)
}

fn is_empty_or_missing(dir: &Path) -> bool {
    std::fs::read_dir(dir).map_or(true, |mut d| d.next().is_none())
}

fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Makes a backup of the state folder `state` (named `state_name` in the configuration) in
/// `dir`, a new or empty folder.
pub fn backup(state: &Path, state_name: &str, dir: &Path) -> Result<BackupSummary, BackupError> {
    if !is_empty_or_missing(dir) {
        return Err(BackupError::NotEmpty(dir.to_path_buf()));
    }
    crate::files::private_dir(dir).map_err(io(dir))?;
    let store_path = state.join(STORE);
    if !store_path.exists() {
        return Err(BackupError::NotState(state.to_path_buf()));
    }
    // The store first: the files it names exist by then (they are written before their rows).
    let store = Store::open_read_only(&store_path)?;
    let schema_version = store.schema_version()?;
    let copy = dir.join(STORE);
    store.copy_into(&copy)?;
    drop(store);
    let (sha, bytes) = hash_file(&copy)?;
    let mut files = vec![Entry {
        path: STORE.into(),
        sha256: sha,
        bytes,
    }];
    for rel in walk(state, SKIP)? {
        let target = dir.join("state").join(&rel);
        match copy_hashed(&state.join(&rel), &target) {
            Ok((sha256, bytes)) => files.push(Entry {
                path: format!("state/{}", slash(&rel)),
                sha256,
                bytes,
            }),
            // Deleted meanwhile (retention, a temporary file): not part of the backup.
            Err(BackupError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                let _ = std::fs::remove_file(&target);
            }
            Err(e) => return Err(e),
        }
    }
    let summary = BackupSummary {
        files: files.len(),
        bytes: files.iter().map(|f| f.bytes).sum(),
        schema_version,
    };
    let manifest = Manifest {
        program_version: env!("CARGO_PKG_VERSION").into(),
        schema_version,
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        state_dir: state_name.to_string(),
        files,
    };
    let text = serde_json::to_string_pretty(&manifest).expect("a manifest serializes");
    crate::files::write_private(&dir.join(MANIFEST), text.as_bytes()).map_err(|e| {
        BackupError::Io {
            path: dir.join(MANIFEST),
            source: std::io::Error::other(e.to_string()),
        }
    })?;
    Ok(summary)
}

/// Keeps the newest `keep` backups in `parent` (folders with a manifest, by name: dated names
/// sort by time) and deletes the others; returns the deleted ones.
pub fn prune(parent: &Path, keep: usize) -> Result<Vec<PathBuf>, BackupError> {
    let mut backups: Vec<PathBuf> = std::fs::read_dir(parent)
        .map_err(io(parent))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join(MANIFEST).is_file())
        .collect();
    backups.sort();
    let excess = backups.len().saturating_sub(keep);
    let old: Vec<PathBuf> = backups.into_iter().take(excess).collect();
    for p in &old {
        std::fs::remove_dir_all(p).map_err(io(p))?;
    }
    Ok(old)
}

/// Where a file the store names is in `dir`: a backup keeps the state folder under `state/`;
/// a state folder is `dir` itself.
fn locate(dir: &Path, manifest: Option<&Manifest>, state_name: &str, stored: &str) -> PathBuf {
    let (prefix, base) = match manifest {
        Some(m) => (m.state_dir.as_str(), dir.join("state")),
        None => (state_name, dir.to_path_buf()),
    };
    let prefix = prefix.trim_end_matches('/');
    match stored.strip_prefix(prefix) {
        Some(rest) if rest.starts_with('/') || rest.is_empty() => {
            base.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(stored),
    }
}

/// Checks a state folder (named `state_name` in the configuration) or a backup; returns what
/// is wrong (empty: all is well).
pub fn verify(dir: &Path, state_name: &str) -> Result<Vec<String>, BackupError> {
    let mut problems = Vec::new();
    let manifest = if dir.join(MANIFEST).exists() {
        Some(Manifest::read(dir)?)
    } else {
        None
    };
    let store_path = dir.join(STORE);
    if !store_path.exists() {
        return Err(BackupError::NotState(dir.to_path_buf()));
    }
    if let Some(m) = &manifest {
        for e in &m.files {
            let p = dir.join(&e.path);
            match hash_file(&p) {
                Err(_) => problems.push(format!("{}: missing", e.path)),
                Ok((_, bytes)) if bytes != e.bytes => problems.push(format!(
                    "{}: {bytes} bytes, the manifest says {}",
                    e.path, e.bytes
                )),
                Ok((sha, _)) if sha != e.sha256 => problems.push(format!(
                    "{}: its SHA-256 differs from the manifest's (changed or damaged)",
                    e.path
                )),
                Ok(_) => {}
            }
        }
    }
    let store = match Store::open_read_only(&store_path) {
        Ok(s) => s,
        Err(e) => {
            problems.push(format!("{STORE}: cannot be opened: {e}"));
            return Ok(problems);
        }
    };
    match store.integrity_problems() {
        Ok(p) => problems.extend(p.into_iter().map(|l| format!("{STORE}: {l}"))),
        Err(e) => {
            problems.push(format!("{STORE}: the integrity check failed: {e}"));
            return Ok(problems);
        }
    }
    let refs = match store.file_refs() {
        Ok(r) => r,
        Err(e) => {
            problems.push(format!("{STORE}: cannot be read: {e}"));
            return Ok(problems);
        }
    };
    for r in refs {
        let p = locate(dir, manifest.as_ref(), state_name, &r.path);
        match (hash_file(&p), &r.sha256) {
            (Err(_), _) => problems.push(format!("{}: {} is missing", r.what, p.display())),
            (Ok((sha, _)), Some(want)) if &sha != want => problems.push(format!(
                "{}: {} differs from the SHA-256 recorded when it was made",
                r.what,
                p.display()
            )),
            _ => {}
        }
    }
    Ok(problems)
}

/// What a restore did and what the daemon will do next.
#[derive(Debug, Clone)]
pub struct RestoreSummary {
    pub files: usize,
    pub renamed: usize,
    pub queued: i64,
    pub held: i64,
    pub sent: i64,
    pub schema_version: i64,
}

/// Restores the backup in `dir` into `target` (a new or empty folder), to be used as the state
/// folder named `target_name` in the configuration.
pub fn restore(
    dir: &Path,
    target: &Path,
    target_name: &str,
) -> Result<RestoreSummary, BackupError> {
    if !is_empty_or_missing(target) {
        return Err(BackupError::NotEmpty(target.to_path_buf()));
    }
    if !dir.join(MANIFEST).exists() {
        return Err(BackupError::Manifest {
            path: dir.join(MANIFEST),
            reason: "missing: restore takes a folder made by `woonmonitor backup`".into(),
        });
    }
    let manifest = Manifest::read(dir)?;
    let problems = verify(dir, &manifest.state_dir)?;
    if !problems.is_empty() {
        return Err(BackupError::Damaged {
            dir: dir.to_path_buf(),
            problems,
        });
    }
    crate::files::private_dir(target).map_err(io(target))?;
    let mut files = 0;
    for e in &manifest.files {
        let to = match e.path.strip_prefix("state/") {
            Some(rest) => target.join(rest),
            None => target.join(&e.path),
        };
        copy_hashed(&dir.join(&e.path), &to)?;
        files += 1;
    }
    let store = Store::open(&target.join(STORE))?;
    let renamed = store.rebase_paths(&manifest.state_dir, target_name)?;
    Ok(RestoreSummary {
        files,
        renamed,
        queued: store.count_mails(MailStatus::Pending)? + store.count_mails(MailStatus::Sending)?,
        held: store.count_mails(MailStatus::Held)?,
        sent: store.count_mails(MailStatus::Sent)?,
        schema_version: manifest.schema_version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_are_found_in_a_backup_and_in_a_state_folder() {
        let m = Manifest {
            program_version: "0".into(),
            schema_version: 9,
            created_at: String::new(),
            state_dir: "/var/lib/woonmonitor/state".into(),
            files: vec![],
        };
        assert_eq!(
            locate(
                Path::new("/b"),
                Some(&m),
                "x",
                "/var/lib/woonmonitor/state/archive/run-1/a.pdf"
            ),
            PathBuf::from("/b/state/archive/run-1/a.pdf")
        );
        assert_eq!(
            locate(
                Path::new("/srv/s"),
                None,
                "state",
                "state/snapshots/x/1.csv"
            ),
            PathBuf::from("/srv/s/snapshots/x/1.csv")
        );
        // A prefix of a longer folder name is not the folder.
        assert_eq!(
            locate(Path::new("/srv/s"), None, "state", "state2/a.pdf"),
            PathBuf::from("state2/a.pdf")
        );
    }
}
