//! The daemon against real parts: a real SMTP server on loopback (aiosmtpd, installed by
//! `tests/setup`), a real SQLite file, real processes killed with SIGKILL.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

#[test]
fn catch_up_sends_every_report_once_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(&dir.path().join("mail"), &[]);
    let cfg = config(dir.path(), Some(sink.port), "");
    once(&cfg);
    exactly_once(&sink.received());
    // Restarted (twice): the missed monthly run is not repeated, nothing is sent again.
    once(&cfg);
    once(&cfg);
    exactly_once(&sink.received());
    let r = runs(&cfg);
    assert_eq!(r.matches(" report ").count(), 1, "{r}");
    assert!(
        r.contains("catch-up") && r.contains("mails 3/3 sent"),
        "{r}"
    );
    // The reports are in the archive and published next to the figures.
    // (the versions the periods' folders point at are beside them, hidden)
    let out: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert_eq!(out.len(), 1);
}

#[test]
fn smtp_down_then_up_delivers_once() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port(); // nothing listens yet
    let cfg = config(dir.path(), Some(port), "");
    once(&cfg);
    assert!(runs(&cfg).contains("mails 0/3 sent"), "{}", runs(&cfg));
    // The server comes up on that port; the next pass delivers, the one after adds nothing.
    let mail = dir.path().join("mail");
    let mut sink = Sink::start_on(port, &mail, &[]);
    once(&cfg);
    once(&cfg);
    let got = received(&mail);
    let _ = sink.child.kill();
    let _ = sink.child.wait();
    exactly_once(&got);
}

#[test]
fn smtp_dropping_the_connection_mid_message_is_retried_once() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(
        &dir.path().join("mail"),
        &["--drop-first", "1", "--fail-first", "1"],
    );
    let cfg = config(dir.path(), Some(sink.port), "");
    once(&cfg);
    once(&cfg);
    once(&cfg);
    exactly_once(&sink.received());
}

#[test]
fn permanent_failure_is_marked_and_the_operator_alerted() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(&dir.path().join("mail"), &["--reject", RECIPIENTS[1]]);
    let cfg = config(dir.path(), Some(sink.port), "");
    once(&cfg);
    let got = sink.received();
    assert_eq!(got.get(RECIPIENTS[0]), Some(&1));
    assert_eq!(got.get(RECIPIENTS[1]), None);
    assert_eq!(
        got.get("beheer@example.nl"),
        Some(&1),
        "operator alert: {got:?}"
    );
    assert!(runs(&cfg).contains("mails 3/4 sent"), "{}", runs(&cfg));
}

#[test]
fn without_smtp_the_mails_are_written_as_eml_files() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let o = once(&cfg);
    let files: Vec<_> = std::fs::read_dir(dir.path().join("outbox"))
        .unwrap()
        .collect();
    assert_eq!(files.len(), 3, "{}", String::from_utf8_lossy(&o.stderr));
    let any = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
    assert!(any.contains("Subject: Monitor uitstroom MO/BW"));
    assert!(any.contains("application/pdf"));
}

#[test]
fn too_many_rejected_rows_hold_the_reports_until_release() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(&dir.path().join("mail"), &[]);
    // A threshold below the sample's share of rejected rows (7 of about 6,500).
    let cfg = config(dir.path(), Some(sink.port), "");
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("max_rejected_share = 0.05", "max_rejected_share = 0.0001");
    std::fs::write(&cfg, text).unwrap();
    once(&cfg);
    let got = sink.received();
    assert_eq!(
        got.get(RECIPIENTS[0]),
        None,
        "held reports are not sent: {got:?}"
    );
    assert_eq!(
        got.get("beheer@example.nl"),
        Some(&1),
        "the operator is told: {got:?}"
    );
    let r = runs(&cfg);
    assert!(r.contains(" held "), "{r}");
    let id = r
        .lines()
        .find(|l| l.contains(" report "))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let o = woonmonitor(&cfg, &["release", &id]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got = sink.received();
    exactly_once(&got);
    // Releasing twice is refused.
    assert!(!woonmonitor(&cfg, &["release", &id]).status.success());
}

/// When to kill the daemon: a signal from the process or the mail server, never a fixed delay.
enum KillWhen {
    /// The daemon logged that it began rendering the documents.
    Rendering,
    /// The mail server accepted the first message.
    FirstMailAccepted,
}

/// Starts the long-running daemon, kills it with SIGKILL at `when`, then restarts it until
/// every mail is out. Returns how many messages had arrived when the process was killed.
fn kill_and_restart(when: KillWhen, sink_args: &[&str]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(&dir.path().join("mail"), sink_args);
    let cfg = config(dir.path(), Some(sink.port), "");
    let mut child = Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args(["daemon", "--config", cfg.to_str().unwrap()])
        .current_dir(root())
        .env("WOONMONITOR_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = log_lines(child.stderr.take().unwrap());
    match when {
        KillWhen::Rendering => {
            let deadline = Instant::now() + Duration::from_secs(120);
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                match lines.recv_timeout(left) {
                    Ok(l) if l.contains("rendering the documents") => break,
                    Ok(_) => {}
                    Err(_) => panic!("the daemon never began rendering"),
                }
            }
        }
        KillWhen::FirstMailAccepted => wait_for("the first mail accepted", 120, || {
            !sink.received().is_empty()
        }),
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let at_kill: usize = sink.received().values().sum();
    let committed: i64 = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite"))
        .unwrap()
        .query_row("SELECT count(*) FROM reports", [], |r| r.get(0))
        .unwrap();
    if matches!(when, KillWhen::Rendering) {
        assert_eq!(
            committed, 0,
            "killed while rendering, before the run was recorded"
        );
    }
    // Restart until everything is delivered (the kill may have come before or after sending).
    let deadline = Instant::now() + Duration::from_secs(60);
    while sink.received().len() < RECIPIENTS.len() && Instant::now() < deadline {
        once(&cfg);
    }
    once(&cfg);
    // Each recipient got one message: a mail the server accepted just before the kill (before
    // the outbox could record it) may come again, with the same Message-ID, so the recipient's
    // mail program shows it once (docs/OPERATIONS.md).
    let ids = sink.message_ids();
    for r in RECIPIENTS {
        assert_eq!(
            ids.get(r).map(|m| m.len()),
            Some(1),
            "{r}: one message, by Message-ID: {ids:?}"
        );
    }
    let copies: usize = sink.received().values().sum();
    assert!(
        copies <= RECIPIENTS.len() + 1,
        "at most the one mail in flight at the kill comes twice: {:?}",
        sink.received()
    );
    let r = runs(&cfg);
    assert!(r.contains("succeeded"), "{r}");
    // Every report of the period exists once in the published folder.
    let out = dir.path().join("out").join(published_period(dir.path()));
    let pdfs = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "pdf")
        })
        .count();
    assert!(pdfs >= 29, "{pdfs} reports in {}", out.display());
    drop(lines);
    at_kill
}

/// The lines a child writes to `stream`, as they come (read on a thread of their own).
fn log_lines(stream: std::process::ChildStderr) -> std::sync::mpsc::Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

#[test]
fn sigkill_during_rendering_then_restart_sends_once() {
    let at_kill = kill_and_restart(KillWhen::Rendering, &[]);
    assert_eq!(at_kill, 0, "killed before anything was sent");
}

#[test]
fn sigkill_during_sending_then_restart_sends_once() {
    // The server takes 1.5 s per recipient, so the kill lands while mails are being sent.
    let at_kill = kill_and_restart(KillWhen::FirstMailAccepted, &["--delay-ms", "1500"]);
    assert!(
        (1..RECIPIENTS.len()).contains(&at_kill),
        "killed while the mails went out ({at_kill})"
    );
}

#[test]
fn sigterm_stops_the_daemon_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let mut child = Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args(["daemon", "--config", cfg.to_str().unwrap()])
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Let it start and do its catch-up work (all of it: the run and its mails), then ask it to
    // stop. (Regression: this wait once ended silently at its deadline, so "no run is running"
    // also held when the catch-up had never run.)
    wait_for("the catch-up run's mails in the outbox", 120, || {
        std::fs::read_dir(dir.path().join("outbox"))
            .map(|d| d.count())
            .unwrap_or(0)
            >= RECIPIENTS.len()
    });
    assert!(runs(&cfg).contains("succeeded"), "{}", runs(&cfg));
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            Instant::now() < deadline,
            "the daemon did not stop after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}");
    // Nothing was left half-done: no run is still marked running.
    assert!(!runs(&cfg).contains("running"), "{}", runs(&cfg));
}

#[test]
fn a_run_over_the_timeout_is_abandoned_and_marked_failed() {
    // An HTTP source that accepts the connection and never answers: the pull hangs far
    // longer than the run timeout (its own HTTP timeout is 60 s).
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in listener.incoming() {
            held.push(s);
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("run_timeout_secs = 300", "run_timeout_secs = 1")
        .replace(
            "[sources.applications]\n",
            &format!(
                "[sources.applications]\nurl = \"http://127.0.0.1:{port}/applications.csv\"\n"
            ),
        );
    std::fs::write(&cfg, text).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args(["daemon", "--once", "--config", cfg.to_str().unwrap()])
        .current_dir(root())
        .env("WOONMONITOR_LOG", "info")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Not a timing assertion: a guard so a hanging daemon fails the test instead of CI.
    let deadline = std::time::Instant::now() + Duration::from_secs(50);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the daemon did not abandon the hanging run");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "{stderr}");
    assert!(
        stderr.contains("run timed out and was abandoned"),
        "{stderr}"
    );
    let listed = runs(&cfg);
    assert!(
        listed.contains("failed") && listed.contains("timed out after 1 s and abandoned"),
        "{listed}"
    );
    assert!(
        !listed.contains("running"),
        "no run is left running: {listed}"
    );
    // Nothing was mailed for the abandoned run.
    let mails = std::fs::read_dir(dir.path().join("outbox"))
        .into_iter()
        .flatten()
        .count();
    assert_eq!(mails, 0);
}

#[test]
fn regenerate_with_send_mails_again_under_a_key_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(&dir.path().join("mail"), &[]);
    let cfg = config(dir.path(), Some(sink.port), "");
    once(&cfg);
    exactly_once(&sink.received());
    let period = published_period(dir.path());
    for expected in [2, 3] {
        let o = woonmonitor(
            &cfg,
            &[
                "regenerate",
                "--period",
                &period,
                "--municipality",
                "GM0344",
                "--send",
            ],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let got = sink.received();
        assert_eq!(got.get(RECIPIENTS[0]), Some(&expected), "{got:?}");
        // Only the municipality's recipient: the region and Mitros are not mailed again.
        assert_eq!(got.get(RECIPIENTS[1]), Some(&1), "{got:?}");
        assert_eq!(got.get(RECIPIENTS[2]), Some(&1), "{got:?}");
    }
    let keys = dedup_keys(dir.path());
    let scheduled = format!("{period}|municipality|GM0344|{}", RECIPIENTS[0]);
    assert_eq!(
        keys.iter().filter(|k| k.starts_with(&scheduled)).count(),
        3,
        "{keys:?}"
    );
    assert!(keys.contains(&scheduled), "the scheduled send: {keys:?}");
    let resent: Vec<_> = keys
        .iter()
        .filter(|k| k.starts_with(&format!("{scheduled}|run-")))
        .collect();
    assert_eq!(resent.len(), 2, "one key per regenerating run: {keys:?}");
    assert_ne!(resent[0], resent[1]);
}

#[test]
fn report_as_of_a_date_uses_the_snapshots_of_that_day() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    let o = woonmonitor(&cfg, &["pull"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // After the pull the drop folder gets an extra home in Utrecht last month.
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive();
    let last_month = {
        use chrono::Datelike;
        let first = today.with_day(1).unwrap();
        first.pred_opt().unwrap()
    };
    let period = last_month.format("%Y-%m").to_string();
    let feed = drop.join("feeds/bo-ex.csv");
    let mut dels = std::fs::read_to_string(&feed).unwrap();
    dels.push_str(&format!(
        "extra-1,GM0344,{},,\r\n",
        last_month.format("%Y-%m-%d")
    ));
    std::fs::write(&feed, dels).unwrap();
    let report = |extra: &[&str], out: &str| {
        let mut args = vec!["report", "--period", &period, "--no-pdf", "--out"];
        let out = dir.path().join(out);
        let out_s = out.to_str().unwrap().to_string();
        let internal = out.join("internal");
        let internal_s = internal.to_str().unwrap().to_string();
        args.extend([out_s.as_str(), "--internal", internal_s.as_str()]);
        args.extend_from_slice(extra);
        let o = woonmonitor(&cfg, &args);
        (o, internal.join(&period).join("figures/key_figures.csv"))
    };
    let (o, now_file) = report(&[], "now");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let today_s = today.to_string();
    let (o, as_of_file) = report(&["--as-of", &today_s], "as-of");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let utrecht = |p: &Path| {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .find(|l| l.contains(",GM0344,"))
            .unwrap()
            .split(',')
            .nth(5)
            .unwrap()
            .parse::<u64>()
            .unwrap()
    };
    assert_eq!(
        utrecht(&now_file),
        utrecht(&as_of_file) + 1,
        "the configured sources have the extra home, today's snapshot does not"
    );
    // Before the first pull there is no snapshot.
    let yesterday = today.pred_opt().unwrap().to_string();
    let (o, _) = report(&["--as-of", &yesterday], "before");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no snapshot of applications is available at"),
        "{err}"
    );
}

/// Quoted-printable decoded (soft line breaks joined, `=XX` bytes), enough to read a body.
fn unquote(s: &str) -> String {
    let joined = s.replace("=\r\n", "").replace("=\n", "");
    let b = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn report_mails_say_the_status_and_key_figures_in_text_and_html_with_the_annex_attached() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let text = std::fs::read_to_string(&cfg).unwrap().replace(
        "retry_base_secs = 0",
        "retry_base_secs = 0\nattach_annex = true",
    );
    std::fs::write(&cfg, text).unwrap();
    once(&cfg);
    let utrecht = std::fs::read_dir(dir.path().join("outbox"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .find(|m| m.contains("gemeente Utrecht"))
        .expect("the municipality's mail");
    let body = unquote(&utrecht);
    assert!(
        body.contains("Content-Type: multipart/alternative"),
        "{body:.600}"
    );
    assert!(body.contains("Content-Type: text/html"));
    // What the document prints first, in the text and in the HTML (as a table).
    assert!(body.contains("Realisatie: "), "status: {body:.2000}");
    assert!(body.contains("Kerncijfers januari t/m "), "{body:.2000}");
    assert!(body.contains("- Aanvragen ontvangen: "), "{body:.2000}");
    assert!(
        body.contains("<th scope=\"row\""),
        "an HTML table with row headers"
    );
    assert!(
        body.contains("&lt; 5"),
        "the suppression sign, written for HTML"
    );
    // The PDF and its Excel annex.
    assert!(body.contains("Content-Type: application/pdf"));
    assert!(body.contains(
        "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ));
    assert!(body.contains("_GM0344.xlsx"));
}
