//! File helpers shared by the pipeline and the service: atomic writes (temporary file in the same
//! folder, fsync, rename: nothing is ever written in place; a run's files together, synced in
//! parallel, with their folders synced after the renames) and content hashes.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}\n  what to do: check that the output folder is writable and the disk is not full", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename). For
/// what may be published: the file gets the umask's mode.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    crate::threads::assert_may_block("a file write");
    write_with(path, bytes, false)
}

/// [`write_atomic`] for internal files: the folder 0700, the file 0600, whatever the umask.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    crate::threads::assert_may_block("a file write");
    write_with(path, bytes, true)
}

fn write_with(path: &Path, bytes: &[u8], private: bool) -> Result<(), WriteError> {
    if let Some(dir) = path.parent() {
        make_dir(dir, private).map_err(|source| WriteError {
            path: path.to_path_buf(),
            source,
        })?;
    }
    let tmp = write_tmp(path, bytes, private)?;
    std::fs::rename(&tmp, path).map_err(|source| WriteError {
        path: path.to_path_buf(),
        source,
    })
}

fn make_dir(dir: &Path, private: bool) -> std::io::Result<()> {
    if private {
        private_dir(dir)
    } else {
        std::fs::create_dir_all(dir)
    }
}

/// Writes `bytes` to a temporary file beside `path` and makes it durable (fsync); returns its
/// name. The folder exists.
fn write_tmp(path: &Path, bytes: &[u8], private: bool) -> Result<PathBuf, WriteError> {
    let err = |source| WriteError {
        path: path.to_path_buf(),
        source,
    };
    let tmp = path.with_extension(format!(
        "{}.tmp{}",
        path.extension().and_then(|e| e.to_str()).unwrap_or(""),
        std::process::id()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(if private { 0o600 } else { 0o666 });
    }
    let mut f = options.open(&tmp).map_err(err)?;
    if private {
        // An existing temporary file keeps its mode: set it.
        set_mode(&tmp, 0o600).map_err(err)?;
    }
    f.write_all(bytes).map_err(err)?;
    f.sync_all().map_err(err)?;
    Ok(tmp)
}

/// Writes every file atomically, together: each to a temporary name beside it and made durable,
/// in parallel (fsyncs issued at the same time share the file system's journal commits instead
/// of waiting for one each); then all are renamed into place and each folder is synced once, so
/// the renames are durable too. When it returns `Ok`, every file is in place and on disk; on an
/// error no file is half-written and no temporary file is left (files renamed before a failed
/// rename stay renamed, each whole).
pub fn write_all_atomic(files: &[(PathBuf, &[u8])], private: bool) -> Result<(), WriteError> {
    use rayon::prelude::*;
    let dirs: std::collections::BTreeSet<&Path> =
        files.iter().filter_map(|(p, _)| p.parent()).collect();
    for dir in &dirs {
        make_dir(dir, private).map_err(|source| WriteError {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let written: Vec<Result<PathBuf, WriteError>> = files
        .par_iter()
        .map(|(p, b)| write_tmp(p, b, private))
        .collect();
    if let Some(pos) = written.iter().position(Result::is_err) {
        for tmp in written.iter().flatten() {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(written
            .into_iter()
            .nth(pos)
            .and_then(Result::err)
            .expect("an error at pos"));
    }
    let tmps: Vec<PathBuf> = written.into_iter().flatten().collect();
    for (i, ((path, _), tmp)) in files.iter().zip(&tmps).enumerate() {
        if let Err(source) = std::fs::rename(tmp, path) {
            // The files not renamed yet keep their earlier content; their temporaries go.
            for rest in &tmps[i..] {
                let _ = std::fs::remove_file(rest);
            }
            return Err(WriteError {
                path: path.clone(),
                source,
            });
        }
    }
    for dir in dirs {
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|source| WriteError {
                path: dir.to_path_buf(),
                source,
            })?;
    }
    Ok(())
}

/// Creates an empty file readable by the owner only (0600) when it does not exist yet.
pub fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

/// Creates `dir` (and its parents) when needed and makes it private: only the owner may read,
/// enter or change it (0700), whatever the umask.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        // Every folder it creates, not only the last.
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    set_mode(dir, 0o700)
}

/// A URL as it may be shown in logs, the store, output and the API: without user name and
/// password, and with the values of query parameters whose name suggests a secret (`token`,
/// `key`, `signature`, …) replaced by `***`.
pub fn redact_url(raw: &str) -> String {
    let Ok(mut u) = url::Url::parse(raw) else {
        return "(a URL that cannot be read)".to_string();
    };
    if !u.username().is_empty() || u.password().is_some() {
        let _ = u.set_username("***");
        let _ = u.set_password(None);
    }
    let secret = |k: &str| {
        let k = k.to_ascii_lowercase();
        [
            "token",
            "key",
            "secret",
            "passw",
            "pwd",
            "pass",
            "auth",
            "sig",
            "credential",
            "session",
            "code",
            "access",
        ]
        .iter()
        .any(|w| k.contains(w))
    };
    let pairs: Vec<(String, String)> = u
        .query_pairs()
        .map(|(k, v)| {
            let v = if secret(&k) {
                "***".to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    if !pairs.is_empty() {
        u.query_pairs_mut().clear().extend_pairs(pairs);
    }
    u.to_string()
}

/// An error with its causes, as `outer: cause: root cause` (libraries often keep the telling
/// part, such as a certificate problem, in a source).
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        cause = c.source();
    }
    s
}

/// The SHA-256 of `bytes` as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Bytes as lower-case hex digits.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_urls_are_redacted() {
        assert_eq!(
            redact_url("https://user:s3cret@example.nl/export.csv?token=abc&year=2026"),
            "https://***@example.nl/export.csv?token=***&year=2026"
        );
        assert_eq!(
            redact_url("https://example.nl/x.csv?X-Amz-Signature=f00&apiKey=1&sheet=2"),
            "https://example.nl/x.csv?X-Amz-Signature=***&apiKey=***&sheet=2"
        );
        assert_eq!(
            redact_url("https://example.nl/a.csv"),
            "https://example.nl/a.csv"
        );
        assert!(!redact_url("not a url s3cret").contains("s3cret"));
    }

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_batch_is_written_whole_private_and_without_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<(PathBuf, Vec<u8>)> = (0..40)
            .map(|i| {
                (
                    dir.path().join(format!("d{}/f{i}.pdf", i % 3)),
                    vec![i as u8; 1000 + i],
                )
            })
            .collect();
        let batch: Vec<(PathBuf, &[u8])> = files
            .iter()
            .map(|(p, b)| (p.clone(), b.as_slice()))
            .collect();
        write_all_atomic(&batch, true).unwrap();
        for (p, b) in &files {
            assert_eq!(&std::fs::read(p).unwrap(), b);
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{}", p.display());
            }
        }
        let left: Vec<_> = walk(dir.path())
            .into_iter()
            .filter(|p| p.file_name().unwrap().to_string_lossy().contains(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
        // A file that cannot be written (a folder where its temporary file goes) fails the
        // batch: nothing is renamed and no temporary file is left behind.
        let blocked = dir.path().join("d2");
        std::fs::create_dir_all(
            blocked
                .join(format!("x.pdf.tmp{}", std::process::id()))
                .join("in-the-way"),
        )
        .unwrap();
        let again: Vec<(PathBuf, &[u8])> = vec![
            (dir.path().join("d1/new.pdf"), b"new".as_slice()),
            (blocked.join("x.pdf"), b"x".as_slice()),
        ];
        assert!(write_all_atomic(&again, false).is_err());
        assert!(!dir.path().join("d1/new.pdf").exists(), "nothing renamed");
        let left: Vec<_> = walk(&dir.path().join("d1"))
            .into_iter()
            .filter(|p| p.file_name().unwrap().to_string_lossy().contains(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            }
            out.push(p);
        }
        out
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b.csv");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
    }
}
