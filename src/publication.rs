//! A period's published folder, switched whole. `<out>/<period>` is a symbolic link to a complete
//! version of the folder under `<out>/.versions/<period>/`: a new version is written aside
//! (every file, synced), then the link is replaced by one rename. A reader of `<out>/<period>/`
//! sees the old set or the new one, never a mix; a publication that fails (a full disk) leaves
//! the old set as it was and no temporary file behind.
//!
//! A selection (one municipality's documents) is published as a new version too: the files of the
//! current version that the selection does not replace are linked into it (hard links, or copies
//! on a file system without them).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::files::WriteError;

/// The folder under `<out>` that holds the versions.
pub const VERSIONS: &str = ".versions";

/// A publication that can still be undone (when what it belongs to could not be recorded).
#[derive(Debug)]
#[must_use = "a publication is undone or kept"]
pub struct Published {
    out: PathBuf,
    label: String,
    /// The version it replaced (its name), if any.
    previous: Option<String>,
}

impl Published {
    /// Points `<out>/<label>` back at the version it replaced (or removes it when there was
    /// none).
    pub fn undo(self) -> Result<(), WriteError> {
        match &self.previous {
            Some(name) => switch(&self.out, &self.label, name),
            None => std::fs::remove_file(self.out.join(&self.label)).map_err(|source| WriteError {
                path: self.out.join(&self.label),
                source,
            }),
        }
    }
}

/// Publishes `files` (names and bytes) as the new content of `<out>/<label>/`. With
/// `keep_others`, the current version's other files stay; without, the folder is exactly
/// `files`. Older versions than the one replaced are removed.
pub fn publish(
    out: &Path,
    label: &str,
    files: &[(String, &[u8])],
    keep_others: bool,
) -> Result<Published, WriteError> {
    crate::threads::assert_may_block("a publication");
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WriteError { path, source }
    };
    let versions = out.join(VERSIONS).join(label);
    std::fs::create_dir_all(&versions).map_err(err(&versions))?;
    let link = out.join(label);
    let current = current_version(&link);
    let name = format!(
        "{}-{}",
        chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f"),
        std::process::id()
    );
    let tmp = versions.join(format!("{name}.tmp"));
    let made = (|| {
        std::fs::create_dir(&tmp).map_err(err(&tmp))?;
        if keep_others {
            if let Some(current) = &current {
                for e in std::fs::read_dir(current).map_err(err(current))?.flatten() {
                    let file = e.file_name().to_string_lossy().into_owned();
                    if e.path().is_file() && !files.iter().any(|(n, _)| *n == file) {
                        let to = tmp.join(&file);
                        if std::fs::hard_link(e.path(), &to).is_err() {
                            std::fs::copy(e.path(), &to).map_err(err(&to))?;
                        }
                    }
                }
            }
        }
        for (file, bytes) in files {
            let path = tmp.join(file);
            let mut f = std::fs::File::create(&path).map_err(err(&path))?;
            f.write_all(bytes).map_err(err(&path))?;
            f.sync_all().map_err(err(&path))?;
        }
        sync_dir(&tmp)
    })();
    if let Err(e) = made {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let version = versions.join(&name);
    if let Err(source) = std::fs::rename(&tmp, &version) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(WriteError {
            path: version,
            source,
        });
    }
    if let Err(e) = switch(out, label, &name) {
        let _ = std::fs::remove_dir_all(&version);
        return Err(e);
    }
    // Versions older than the one just replaced go (a reader still in that one keeps it).
    let mut previous = None;
    if let Ok(entries) = std::fs::read_dir(&versions) {
        for e in entries.flatten() {
            let p = e.path();
            let replaced = current.as_ref().is_some_and(|c| *c == p)
                || (p.file_name().is_some_and(|n| n == "earlier")
                    && current.as_ref().is_some_and(|c| *c == link));
            if replaced {
                previous = Some(e.file_name().to_string_lossy().into_owned());
            } else if p != version {
                let _ = std::fs::remove_dir_all(&p);
            }
        }
    }
    Ok(Published {
        out: out.to_path_buf(),
        label: label.to_string(),
        previous,
    })
}

/// The version `<out>/<label>` points at (`None`: nothing published yet, or an older version's
/// plain folder, which is made a version first).
fn current_version(link: &Path) -> Option<PathBuf> {
    let meta = std::fs::symlink_metadata(link).ok()?;
    if meta.file_type().is_symlink() {
        let target = std::fs::read_link(link).ok()?;
        return Some(link.parent()?.join(target));
    }
    meta.is_dir().then(|| link.to_path_buf())
}

/// Points `<out>/<label>` at version `name` with one rename (a plain folder an older version
/// made is moved among the versions first).
fn switch(out: &Path, label: &str, name: &str) -> Result<(), WriteError> {
    let link = out.join(label);
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WriteError { path, source }
    };
    if let Ok(meta) = std::fs::symlink_metadata(&link) {
        if meta.is_dir() {
            let legacy = out.join(VERSIONS).join(label).join("earlier");
            let _ = std::fs::remove_dir_all(&legacy);
            std::fs::rename(&link, &legacy).map_err(err(&link))?;
        }
    }
    let target = Path::new(VERSIONS).join(label).join(name);
    let tmp = out.join(format!(".{label}.link.tmp"));
    let _ = std::fs::remove_file(&tmp);
    #[cfg(unix)]
    std::os::unix::fs::symlink(&target, &tmp).map_err(err(&tmp))?;
    #[cfg(not(unix))]
    return Err(WriteError {
        path: tmp,
        source: std::io::Error::other("published folders need symbolic links"),
    });
    std::fs::rename(&tmp, &link).map_err(err(&link))?;
    sync_dir(out)
}

fn sync_dir(dir: &Path) -> Result<(), WriteError> {
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|source| WriteError {
            path: dir.to_path_buf(),
            source,
        })
}

/// Removes what an interrupted publication or write left: temporary versions and links under
/// `<out>`, and `*.tmp<pid>` files of atomic writes below `dir`, when older than `older_than`.
pub fn clean_temporaries(dir: &Path, older_than: std::time::Duration) -> usize {
    fn walk(dir: &Path, older_than: std::time::Duration, removed: &mut usize) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age >= older_than);
            let temporary = name.ends_with(".tmp")
                || name.ends_with(".link.tmp")
                || name.rsplit_once(".tmp").is_some_and(|(_, pid)| {
                    !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
                });
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            if temporary && old {
                let gone = if is_dir {
                    std::fs::remove_dir_all(&p)
                } else {
                    std::fs::remove_file(&p)
                };
                if gone.is_ok() {
                    *removed += 1;
                }
            } else if is_dir {
                walk(&p, older_than, removed);
            }
        }
    }
    let mut removed = 0;
    walk(dir, older_than, &mut removed);
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    #[test]
    fn a_period_is_switched_whole_and_a_selection_keeps_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let _ = publish(
            out,
            "2026-10",
            &[("a.pdf".into(), b"a1"), ("b.pdf".into(), b"b1")],
            false,
        )
        .unwrap();
        assert_eq!(names(&out.join("2026-10")), ["a.pdf", "b.pdf"]);
        let second = publish(out, "2026-10", &[("a.pdf".into(), b"a2")], true).unwrap();
        assert_eq!(names(&out.join("2026-10")), ["a.pdf", "b.pdf"]);
        assert_eq!(std::fs::read(out.join("2026-10/a.pdf")).unwrap(), b"a2");
        assert_eq!(std::fs::read(out.join("2026-10/b.pdf")).unwrap(), b"b1");
        drop(second);
        let third = publish(out, "2026-10", &[("c.pdf".into(), b"c")], false).unwrap();
        assert_eq!(names(&out.join("2026-10")), ["c.pdf"]);
        // The current version and the one it replaced are kept, no more.
        assert_eq!(names(&out.join(VERSIONS).join("2026-10")).len(), 2);
        // Undone (what it belonged to was not recorded): the set before it again.
        third.undo().unwrap();
        assert_eq!(names(&out.join("2026-10")), ["a.pdf", "b.pdf"]);
        assert_eq!(std::fs::read(out.join("2026-10/a.pdf")).unwrap(), b"a2");
    }

    #[test]
    fn an_older_versions_plain_folder_becomes_a_version() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join("2026-09")).unwrap();
        std::fs::write(out.join("2026-09/old.pdf"), b"old").unwrap();
        std::fs::write(out.join("2026-09/keep.pdf"), b"keep").unwrap();
        let _ = publish(out, "2026-09", &[("old.pdf".into(), b"new")], true).unwrap();
        assert!(std::fs::symlink_metadata(out.join("2026-09"))
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(names(&out.join("2026-09")), ["keep.pdf", "old.pdf"]);
        assert_eq!(std::fs::read(out.join("2026-09/old.pdf")).unwrap(), b"new");
    }

    #[test]
    fn temporaries_of_a_stopped_publication_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join(VERSIONS).join("2026-10").join("x.tmp")).unwrap();
        std::fs::write(out.join("a.pdf.tmp1234"), b"half").unwrap();
        std::fs::write(out.join("keep.pdf"), b"whole").unwrap();
        assert_eq!(clean_temporaries(out, std::time::Duration::ZERO), 2);
        assert_eq!(names(out), [".versions", "keep.pdf"]);
    }
}
