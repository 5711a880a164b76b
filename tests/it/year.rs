//! A year of the daemon on hostile and unlucky days (issue 32, "done means"): the real binary
//! under libfaketime, one `daemon --once` (a tick and a mail pass) at each step of the year:
//! twelve monthly runs of 2026, the SMTP server down for a week, the output disk full for a day,
//! a SIGKILL while a run renders, a corporation's late delivery and an inflated one. At the end
//! every report was mailed exactly once, nothing is half published, the held delivery waits
//! visibly for the operator, and `/health` (the service's health) said the truth at every step.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::support::*;

/// libfaketime, preloaded into the binary itself (not through the `faketime` wrapper, whose
/// process a SIGKILL would hit instead of the daemon's).
const LIBFAKETIME: &str = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

/// The binary with `args` under libfaketime, its clock starting at `at` (UTC).
fn at(cfg: &Path, at: &str, args: &[&str]) -> Command {
    assert!(
        Path::new(LIBFAKETIME).exists(),
        "{LIBFAKETIME} is missing (tests/setup installs faketime)"
    );
    let mut c = Command::new(env!("CARGO_BIN_EXE_woonmonitor"));
    c.args(args)
        .args(["--config", cfg.to_str().unwrap()])
        .current_dir(root())
        .env("LD_PRELOAD", LIBFAKETIME)
        .env("FAKETIME", format!("@{at}"))
        .env("TZ", "UTC")
        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1")
        .env("WOONMONITOR_LOG", "info");
    c
}

/// One tick and one mail pass at `when`.
fn once_at(cfg: &Path, when: &str) {
    let o = at(cfg, when, &["daemon", "--once"])
        .output()
        .expect("the binary runs");
    assert!(
        o.status.success(),
        "daemon --once at {when}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn utc(s: &str) -> DateTime<Utc> {
    format!("{}Z", s.replace(' ', "T")).parse().unwrap()
}

/// The month's run day: the first of the next month, 06:30 UTC (07:30 or 08:30 in Utrecht).
fn run_day(month: u32) -> String {
    let (y, m) = if month == 12 {
        (2027, 1)
    } else {
        (2026, month + 1)
    };
    format!("{y}-{m:02}-01 06:30:00")
}

/// A tmpfs on `dir` while this lives.
struct Disk(PathBuf);

impl Disk {
    fn mount(dir: &Path) -> Disk {
        std::fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256m", "tmpfs"])
            .arg(dir)
            .status()
            .unwrap()
            .success();
        assert!(ok, "mounting a tmpfs needs root (CI runs as root)");
        Disk(dir.to_path_buf())
    }

    /// Fills the disk but for `free` bytes.
    fn fill(&self, free: u64) {
        let o = Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(&self.0)
            .output()
            .unwrap();
        let avail: u64 = String::from_utf8_lossy(&o.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse().ok())
            .unwrap();
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(self.0.join("filler")).unwrap());
        let chunk = vec![0u8; 65536];
        let mut left = avail.saturating_sub(free);
        while left > 0 {
            let n = left.min(chunk.len() as u64) as usize;
            if f.write_all(&chunk[..n]).is_err() {
                break;
            }
            left -= n as u64;
        }
        let _ = f.flush();
    }

    fn empty(&self) {
        std::fs::remove_file(self.0.join("filler")).unwrap();
    }
}

impl Drop for Disk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_year_of_unlucky_days_mails_every_report_once_and_publishes_nothing_half() {
    let dir = tempfile::tempdir().unwrap();
    let mail = dir.path().join("mail");
    let mut sink = Some(Sink::start(&mail, &[]));
    let port = sink.as_ref().unwrap().port;
    // The sample replayed: each run reads the rows dated up to its day (later ones are
    // rejected then, which holds nothing), the feeds covering what they hold.
    let cfg = config(dir.path(), Some(port), "");
    let dropped = sample_copy(dir.path(), &cfg);
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("max_rejected_share = 0.05", "max_rejected_share = 1.0")
        .lines()
        .map(|l| {
            if l.starts_with("path = ") && l.contains("/feeds/") {
                format!("{l}\ncovers_until = \"latest\"\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect::<String>();
    std::fs::write(&cfg, text).unwrap();
    let disk = Disk::mount(&dir.path().join("out"));
    let service = crate::feeds::service(&cfg);
    let health = |when: &str| service.health(utc(when)).unwrap();

    for month in 1..=12u32 {
        let day = run_day(month);
        match month {
            // The SMTP server down for a week: the reports wait, nothing is lost or doubled.
            3 => {
                drop_sink(&mut sink);
                once_at(&cfg, &day);
                let h = health(&day);
                assert_eq!(h.status, "degraded", "{h:?}");
                assert!(h.reasons.iter().any(|r| r.contains("mail server")), "{h:?}");
                for d in 2..=7 {
                    once_at(&cfg, &format!("2026-04-{d:02} 06:30:00"));
                }
                sink = Some(Sink::start_on(port, &mail, &[]));
                once_at(&cfg, "2026-04-08 06:30:00");
                once_at(&cfg, "2026-04-08 06:45:00");
            }
            // The output disk full for a day: the run fails whole, the operator is told once.
            5 => {
                disk.fill(40 * 1024);
                once_at(&cfg, &day);
                once_at(&cfg, "2026-06-01 07:30:00");
                let h = health("2026-06-01 07:31:00");
                assert_eq!(h.status, "degraded", "{h:?}");
                assert!(
                    h.reasons.iter().any(|r| r.contains("disk is full")),
                    "{h:?}"
                );
                assert_eq!(temporaries(&dir.path().join("out")), Vec::<PathBuf>::new());
                disk.empty();
                once_at(&cfg, "2026-06-02 06:30:00");
                once_at(&cfg, "2026-06-02 06:45:00");
            }
            // A SIGKILL while the run renders; the next start finishes it.
            7 => {
                kill_while_rendering(&cfg, "2026-08-01 05:05:00");
                once_at(&cfg, "2026-08-01 05:20:00");
                once_at(&cfg, "2026-08-01 05:35:00");
            }
            // A late delivery (three homes of August, as every month now) and an inflated one
            // (Mitros's homes of 2026 as Portaal's): the first counts, the second is held.
            9 => {
                let late = "W9700001,GM0344,2026-08-20,Housing First,\nW9700002,GM0344,2026-08-21,Pitstop,\nW9700003,GM0344,2026-08-22,Pitstop,\n";
                crate::inflation::append(&dropped.join("feeds/bo-ex.csv"), late);
                let (copies, _) = crate::inflation::mitros_homes_as_portaal("P", false);
                crate::inflation::append(&dropped.join("feeds/portaal.csv"), &copies);
                once_at(&cfg, &day);
                once_at(&cfg, &run_day(9).replace("06:30", "06:45"));
            }
            _ => {
                once_at(&cfg, &day);
                once_at(&cfg, &day.replace("06:30", "06:45"));
            }
        }
        let h = health(&day.replace("06:30", "23:00"));
        assert_eq!(
            h.status, "ok",
            "month {month}: the service is well again: {h:?}"
        );
    }

    // Every report mailed exactly once: twelve months to each recipient, by Message-ID, no
    // message twice.
    let sink = sink.unwrap();
    let history = runs(&cfg);
    let ids = sink.message_ids();
    let received = sink.received();
    for r in RECIPIENTS {
        let n = ids.get(r).map_or(0, |m| m.len());
        assert_eq!(n, 12, "{r}: {n} reports ({ids:?})\n{history}");
        assert_eq!(received.get(r), Some(&n), "{r}: no message twice");
    }
    // The operator heard once of the full disk.
    let db = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let failed: i64 = db
        .query_row(
            "SELECT count(*) FROM outbox WHERE subject LIKE '%niet gemaakt%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(failed, 1, "{history}");
    // … and once of the held delivery, though its file lay there for every later pull.
    let held_mails: i64 = db
        .query_row(
            "SELECT count(*) FROM outbox WHERE dedup_key LIKE 'held-delivery|%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(held_mails, 1, "{history}");
    // Nothing half published: every month's folder a link to one complete version, the same
    // files in each, and no temporary left anywhere.
    let out = dir.path().join("out");
    let files = |period: &str| {
        let link = out.join(period);
        assert!(
            link.symlink_metadata().unwrap().file_type().is_symlink(),
            "{period} is published as a link to its version"
        );
        let mut names: Vec<String> = crate::feeds::walk(&link)
            .iter()
            .map(|p| p.strip_prefix(&link).unwrap().display().to_string())
            .collect();
        names.sort();
        names
    };
    let january = files("2026-01");
    assert!(january.len() > 20, "{january:?}");
    for month in 2..=12 {
        let period = format!("2026-{month:02}");
        let names: Vec<String> = files(&period)
            .into_iter()
            .map(|n| n.replace(&period, "2026-01"))
            .collect();
        assert_eq!(names, january, "{period} has the files every month has");
    }
    assert_eq!(temporaries(&out), Vec::<PathBuf>::new());
    // The held delivery waits, visibly; the late one counted.
    let review = service.review(utc("2027-01-02 10:00:00")).unwrap();
    assert_eq!(review.held.len(), 1, "{:?}", review.held);
    assert!(review.held[0].decision.is_none());
    assert_eq!(
        service
            .health(utc("2027-01-02 10:00:00"))
            .unwrap()
            .held_deliveries,
        1
    );
}

fn drop_sink(sink: &mut Option<Sink>) {
    if let Some(mut s) = sink.take() {
        let _ = s.child.kill();
        let _ = s.child.wait();
    }
}

/// Temporary files and folders under `dir`.
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

/// Starts the daemon at `when` and kills it (SIGKILL) once its run renders the documents.
fn kill_while_rendering(cfg: &Path, when: &str) {
    let mut child = at(cfg, when, &["daemon"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for l in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(l);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(l) if l.contains("rendering the documents") => break,
            Ok(_) => {}
            Err(_) => panic!("the daemon never began rendering"),
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
}
