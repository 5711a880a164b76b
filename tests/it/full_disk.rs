//! A full disk publishes nothing half (issue 32, item 4), against the real binary with its output
//! folder (or its state folder) on a small tmpfs: a regeneration that does not fit leaves the
//! period's published folder exactly as it was, no temporary file anywhere, one failed archive at
//! most, one mail to the operator, and `/health` degraded with the reason; with room again the
//! next run publishes the whole period. A run whose end could not be recorded does not stay
//! `running`.
//!
//! The tmpfs is mounted for the test (as root, which CI is; `tests/setup` says so).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::*;

/// A tmpfs of `size` mounted on `dir` for as long as this lives.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Tmpfs {
        std::fs::create_dir_all(dir).unwrap();
        let o = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .expect("mount runs");
        assert!(
            o.status.success(),
            "mounting a tmpfs needs root (CI runs as root): {}",
            String::from_utf8_lossy(&o.stderr)
        );
        Tmpfs(dir.to_path_buf())
    }

    /// Fills the disk up to `free` bytes with a file `filler`.
    fn fill(&self, free: u64) {
        let o = std::process::Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(&self.0)
            .output()
            .unwrap();
        let avail: u64 = String::from_utf8_lossy(&o.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse().ok())
            .expect("df says what is free");
        let filler = std::fs::File::create(self.0.join("filler")).unwrap();
        use std::io::Write;
        let mut w = std::io::BufWriter::new(filler);
        let chunk = vec![0u8; 4096];
        let mut left = avail.saturating_sub(free);
        while left > 0 {
            let n = left.min(4096) as usize;
            if w.write_all(&chunk[..n]).is_err() {
                break;
            }
            left -= n as u64;
        }
        let _ = w.flush();
    }

    fn resize(&self, size: &str) {
        let o = std::process::Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.0)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

/// Every file under `dir` (following the period's link) with its SHA-256.
fn published(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                woonmonitor::files::sha256_hex(&bytes),
            )
        })
        .collect()
}

/// Temporary files and folders anywhere under `dir`.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    crate::feeds::walk(dir)
        .into_iter()
        .filter(|p| {
            p.strip_prefix(dir)
                .unwrap()
                .components()
                .any(|c| c.as_os_str().to_string_lossy().contains(".tmp"))
        })
        .collect()
}

fn operator_mails(dir: &Path, like: &str) -> i64 {
    rusqlite::Connection::open(dir.join("state/woonmonitor.sqlite"))
        .unwrap()
        .query_row(
            "SELECT count(*) FROM outbox WHERE subject LIKE ?1",
            [like],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_full_output_disk_publishes_nothing_half_and_says_so() {
    // Regression: with the output folder full a regeneration left 32 of 59 files of the failed
    // run beside 27 of the previous one and a truncated .pdf.tmp in the public folder; every
    // retry kept its archive; no operator mail; /health said "ok".
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let disk = Tmpfs::mount(&dir.path().join("out"), "8m");
    let period = due_month();
    let o = woonmonitor(&cfg, &["pull"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = woonmonitor(&cfg, &["regenerate", "--period", &period]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let folder = dir.path().join("out").join(&period);
    let before = published(&folder);
    assert!(before.len() > 50, "{} files published", before.len());
    // The disk nearly full: room for the small files of a new set, not for the documents.
    disk.fill(40 * 1024);

    // Twice, as the scheduler retries: each fails, nothing changes in the public folder.
    for _ in 0..2 {
        let o = woonmonitor(&cfg, &["regenerate", "--period", &period]);
        assert!(!o.status.success(), "the disk was full");
        assert_eq!(
            published(&folder),
            before,
            "the period's folder is as it was"
        );
        assert_eq!(temporaries(&dir.path().join("out")), Vec::<PathBuf>::new());
    }
    let archives: Vec<_> = std::fs::read_dir(dir.path().join("state/archive"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(
        archives.len(),
        2,
        "the published run's archive and one failed one"
    );
    assert_eq!(
        operator_mails(dir.path(), "%niet gemaakt%"),
        1,
        "the operator is told once"
    );
    let service = crate::feeds::service(&cfg);
    let health = service.health(chrono::Utc::now()).unwrap();
    assert_eq!(health.status, "degraded");
    assert!(
        health.reasons.iter().any(|r| r.contains("disk is full")),
        "{:?}",
        health.reasons
    );

    // Room again: the whole period is published, and the service is well.
    std::fs::remove_file(dir.path().join("out/filler")).unwrap();
    let o = woonmonitor(&cfg, &["regenerate", "--period", &period]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = published(&folder);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    drop(disk);
    assert_eq!(service.health(chrono::Utc::now()).unwrap().status, "ok");
}

#[test]
fn a_run_whose_end_could_not_be_recorded_does_not_stay_running() {
    // Regression: with the state folder full a pull could not record its end and stayed
    // `running` for as long as the daemon lived.
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let disk = Tmpfs::mount(&dir.path().join("state"), "4m");
    let service = crate::feeds::service(&cfg);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let now = chrono::Utc::now();
    rt.block_on(service.pull(woonmonitor::store::Trigger::Manual, now))
        .unwrap();
    // The state disk full: a pull fails, whatever it managed to record.
    let filler = dir.path().join("state/filler");
    let _ = std::process::Command::new("dd")
        .args(["if=/dev/zero", "bs=64k"])
        .arg(format!("of={}", filler.display()))
        .output();
    let _ = rt.block_on(service.pull(woonmonitor::store::Trigger::Manual, now));
    // What a full disk can leave: a run started whose end was never written.
    std::fs::remove_file(&filler).unwrap();
    disk.resize("8m");
    let db = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    db.execute(
        "INSERT INTO runs (kind, trigger, started_at, status) VALUES ('pull', 'scheduled', ?1, 'running')",
        [woonmonitor::store::ts(now - chrono::Duration::hours(2))],
    )
    .unwrap();
    assert_eq!(
        service.health(now).unwrap().status,
        "degraded",
        "a run running for two hours is not health"
    );
    // The next tick (the worker is between jobs) finishes it as failed.
    rt.block_on(service.tick(now, "2026-11-01T07:00:00".parse().unwrap()))
        .unwrap();
    let running: i64 = db
        .query_row(
            "SELECT count(*) FROM runs WHERE status = 'running'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(running, 0);
}
