//! One owner per state folder: an OS file lock (`flock`) on `<state>/woonmonitor.lock`, held by
//! the daemon for its whole life and by an operator command while it changes state. The file
//! says who holds it (process, host, command, since when), so a refused process can name the
//! holder. The kernel releases the lock when the holder dies, so a lock is never stale.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("cannot use the lock file {}: {source}\n  what to do: check that the state folder exists and is writable", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the state folder {} is in use by {holder}\n  what to do: stop that process first (a daemon: systemctl stop woonmonitor), or give this one another state folder", dir.display())]
    Held { dir: PathBuf, holder: String },
}

/// The lock on a state folder; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct StateLock {
    _file: File,
}

/// What the lock file says about its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder(pub String);

impl Holder {
    /// Whether the holder is a daemon (it answers on the local socket).
    pub fn is_daemon(&self) -> bool {
        self.0.contains("woonmonitor daemon")
    }
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.trim().is_empty() {
            f.write_str("another woonmonitor process")
        } else {
            f.write_str(self.0.trim())
        }
    }
}

pub fn lock_path(state_dir: &Path) -> PathBuf {
    state_dir.join("woonmonitor.lock")
}

fn open(state_dir: &Path) -> Result<File, LockError> {
    let path = lock_path(state_dir);
    let io = |source| LockError::Io {
        path: path.clone(),
        source,
    };
    crate::files::private_dir(state_dir).map_err(io)?;
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(&path).map_err(io)
}

fn describe(role: &str) -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "this host".into());
    format!(
        "{role} (pid {} on {host}, since {} UTC)",
        std::process::id(),
        chrono::Utc::now().format("%Y-%m-%d %H:%M:%S")
    )
}

fn claim(mut file: File, role: &str, state_dir: &Path) -> Result<StateLock, LockError> {
    let io = |source| LockError::Io {
        path: lock_path(state_dir),
        source,
    };
    file.set_len(0).map_err(io)?;
    file.rewind().map_err(io)?;
    file.write_all(describe(role).as_bytes()).map_err(io)?;
    file.sync_all().map_err(io)?;
    Ok(StateLock { _file: file })
}

/// Who holds the lock, as its file says.
pub fn holder(state_dir: &Path) -> Holder {
    let mut s = String::new();
    let _ = File::open(lock_path(state_dir)).and_then(|mut f| f.read_to_string(&mut s));
    Holder(s)
}

/// Takes the lock if it is free; `Err(holder)` when another process has it.
pub fn try_lock(state_dir: &Path, role: &str) -> Result<Result<StateLock, Holder>, LockError> {
    let file = open(state_dir)?;
    match file.try_lock() {
        Ok(()) => Ok(Ok(claim(file, role, state_dir)?)),
        Err(TryLockError::WouldBlock) => Ok(Err(holder(state_dir))),
        Err(TryLockError::Error(source)) => Err(LockError::Io {
            path: lock_path(state_dir),
            source,
        }),
    }
}

/// Takes the lock, waiting for the holder to finish.
pub fn lock_waiting(state_dir: &Path, role: &str) -> Result<StateLock, LockError> {
    let file = open(state_dir)?;
    file.lock().map_err(|source| LockError::Io {
        path: lock_path(state_dir),
        source,
    })?;
    claim(file, role, state_dir)
}

/// Takes the lock or fails naming the holder (for the daemon).
pub fn lock_or_fail(state_dir: &Path, role: &str) -> Result<StateLock, LockError> {
    try_lock(state_dir, role)?.map_err(|h| LockError::Held {
        dir: state_dir.to_path_buf(),
        holder: h.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_and_named_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock_or_fail(dir.path(), "woonmonitor daemon").unwrap();
        // flock locks belong to the open file description: a second open is refused.
        let second = try_lock(dir.path(), "woonmonitor release").unwrap();
        let holder = second.unwrap_err();
        assert!(holder.is_daemon(), "{holder}");
        assert!(holder
            .to_string()
            .contains(&format!("pid {}", std::process::id())));
        let err = lock_or_fail(dir.path(), "woonmonitor daemon").unwrap_err();
        assert!(
            err.to_string().contains("is in use by woonmonitor daemon"),
            "{err}"
        );
        drop(first);
        let again = try_lock(dir.path(), "woonmonitor release").unwrap();
        assert!(again.is_ok());
        assert!(!holder_is_daemon(dir.path()));
    }

    fn holder_is_daemon(dir: &Path) -> bool {
        holder(dir).is_daemon()
    }
}
