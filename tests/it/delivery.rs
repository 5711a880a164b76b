//! The right report to the right person, exactly once: the real binary, a real SQLite file, a
//! real SMTP server (with STARTTLS and AUTH when a test needs them), a real HTTPS source, real
//! processes side by side. SMTP outages, AUTH, STARTTLS and HTTPS sources are in
//! `delivery_transport`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::*;

pub(crate) fn edit(cfg: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(cfg).unwrap();
    assert!(text.contains(from), "{from:?} not in the configuration");
    std::fs::write(cfg, text.replacen(from, to, 1)).unwrap();
}

pub(crate) fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub(crate) fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// SHA-256 of every file in a folder.
fn hashes(dir: &Path) -> BTreeMap<String, String> {
    use sha2::Digest;
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let h = sha2::Sha256::digest(std::fs::read(&p).unwrap());
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                h.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            )
        })
        .collect()
}

pub(crate) fn sqlite(dir: &Path, query: &str) -> i64 {
    let conn = rusqlite::Connection::open(dir.join("state/woonmonitor.sqlite")).unwrap();
    conn.query_row(query, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_preview_neither_satisfies_nor_blocks_the_month() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(&dir.path().join("mail"), &[]);
    let cfg = config(dir.path(), Some(sink.port), "");
    let period = due_month();
    let o = woonmonitor(
        &cfg,
        &[
            "regenerate",
            "--period",
            &period,
            "--municipality",
            "GM0344",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(sink.received().is_empty(), "a preview mails nobody");
    once(&cfg);
    exactly_once(&sink.received());
    let r = runs(&cfg);
    assert!(
        r.contains("catch-up") && r.contains("mails 3/3 sent"),
        "{r}"
    );
    assert!(r.contains("only municipality GM0344"), "{r}");
    // A code that is not configured is a usage error, not a run with no reports.
    let before = sqlite(dir.path(), "SELECT COUNT(*) FROM runs");
    for (flag, code) in [("--municipality", "GM9999"), ("--corporation", "Mitros.")] {
        let o = woonmonitor(&cfg, &["regenerate", "--period", &period, flag, code]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains(code) && stderr(&o).contains("not configured"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(sqlite(dir.path(), "SELECT COUNT(*) FROM runs"), before);
}

#[test]
fn a_look_alike_corporation_never_collides() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(&dir.path().join("mail"), &[]);
    let cfg = config(dir.path(), Some(sink.port), "");
    let drop = sample_copy(dir.path(), &cfg);
    let period = due_month();
    let day = format!("15-{}-{}", &period[5..7], &period[..4]);
    // The shared export of the smaller corporations names Mitros with a full stop.
    let shared = drop.join("feeds/overige.csv");
    let mut dels = std::fs::read_to_string(&shared).unwrap();
    for i in 0..30 {
        dels.push_str(&format!("LA{i:04};Mitros.;GM0344;{day};;\r\n"));
    }
    std::fs::write(&shared, &dels).unwrap();
    once(&cfg);
    exactly_once(&sink.received());
    let out = dir.path().join("out").join(&period);
    let names: Vec<String> = hashes(&out)
        .into_keys()
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    let mitros: Vec<&String> = names.iter().filter(|n| n.contains("mitros")).collect();
    assert_eq!(mitros.len(), 1, "one Mitros document: {names:?}");
    // 16 municipalities, the region, 12 configured corporations: no document of the look-alike.
    assert_eq!(names.len(), 16 + 1 + 12, "{names:?}");
    // The document mailed to Mitros is the published one, recorded with its hash.
    let recorded: String = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite"))
        .unwrap()
        .query_row(
            "SELECT sha256 FROM reports WHERE audience_kind = 'corporation' AND audience_code = 'Mitros'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hashes(&out)[mitros[0]], recorded);
    // What the look-alike's homes count for, and the warning that names the likely match.
    let report = woonmonitor(
        &cfg,
        &[
            "report",
            "--period",
            &period,
            "--no-pdf",
            "--out",
            dir.path().join("check").to_str().unwrap(),
        ],
    );
    assert!(report.status.success(), "{}", stderr(&report));
    let s = stdout(&report);
    assert!(
        s.contains("corporatie \"Mitros.\" staat niet in de referentiegegevens (30 geaccepteerde regel(s))")
            && s.contains("Het lijkt op \"Mitros\""),
        "{s}"
    );
    let realisation = std::fs::read_to_string(
        dir.path()
            .join("internal")
            .join(&period)
            .join("figures/realisation.csv"),
    )
    .unwrap();
    // Counted for Utrecht, in the group of corporations outside the reference data (with the
    // sample's one row of an unknown corporation, when it falls in the year).
    let other: u64 = realisation
        .lines()
        .find(|l| l.starts_with(&format!("{period},GM0344,(overig),")))
        .and_then(|l| l.split(',').nth(3))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no line of the other corporations: {realisation}"));
    assert!(
        (30..=31).contains(&other),
        "the look-alike's homes count for Utrecht: {realisation}"
    );
    assert!(!realisation.contains("Mitros."), "{realisation}");
}

#[test]
fn a_changed_attachment_is_not_sent_and_the_operator_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port(); // the mail server is down during the run
    let cfg = config(dir.path(), Some(port), "");
    once(&cfg);
    // Someone changes the archived Mitros document before it could be sent.
    let pdf = std::fs::read_dir(dir.path().join("state/archive"))
        .unwrap()
        .flat_map(|run| walk(&run.unwrap().path()))
        .find(|p| p.to_string_lossy().ends_with("corporatie-mitros.pdf"))
        .unwrap();
    let mut bytes = std::fs::read(&pdf).unwrap();
    bytes.extend_from_slice(b"% changed\n");
    std::fs::write(&pdf, bytes).unwrap();
    let sink = Sink::start_on(port, &dir.path().join("mail"), &[]);
    once(&cfg);
    let got = sink.received();
    assert_eq!(
        got.get(RECIPIENTS[2]),
        None,
        "the changed file is not sent: {got:?}"
    );
    assert_eq!(got.get(RECIPIENTS[0]), Some(&1));
    assert_eq!(
        got.get("beheer@example.nl"),
        Some(&1),
        "the operator is told"
    );
    let failed = woonmonitor(&cfg, &["mails", "--status", "failed"]);
    assert!(
        stdout(&failed).contains(RECIPIENTS[2]) && stdout(&failed).contains("has changed"),
        "{}",
        stdout(&failed)
    );
}

#[test]
fn a_changed_annex_is_not_sent_either() {
    // Regression: the PDF was checked against its SHA-256 before sending, the Excel annex
    // attached beside it was not.
    let dir = tempfile::tempdir().unwrap();
    let port = free_port(); // the mail server is down during the run
    let cfg = config(dir.path(), Some(port), "");
    let text = std::fs::read_to_string(&cfg).unwrap().replace(
        "retry_base_secs = 0\n",
        "retry_base_secs = 0\nattach_annex = true\n",
    );
    std::fs::write(&cfg, text).unwrap();
    once(&cfg);
    let annex = std::fs::read_dir(dir.path().join("state/archive"))
        .unwrap()
        .flat_map(|run| walk(&run.unwrap().path()))
        .find(|p| p.to_string_lossy().ends_with("corporatie-mitros.xlsx"))
        .unwrap();
    let mut bytes = std::fs::read(&annex).unwrap();
    bytes.push(0);
    std::fs::write(&annex, bytes).unwrap();
    let sink = Sink::start_on(port, &dir.path().join("mail"), &[]);
    once(&cfg);
    let got = sink.received();
    assert_eq!(
        got.get(RECIPIENTS[2]),
        None,
        "the changed annex is not sent: {got:?}"
    );
    assert_eq!(got.get(RECIPIENTS[0]), Some(&1));
    // The others carry both attachments.
    let utrecht = std::fs::read_dir(dir.path().join("mail"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .find(|m| m.contains(&format!("X-Sink-Rcpt: {}", RECIPIENTS[0])))
        .unwrap();
    assert!(utrecht.contains("GM0344.pdf") && utrecht.contains("GM0344.xlsx"));
    let failed = woonmonitor(&cfg, &["mails", "--status", "failed"]);
    assert!(
        stdout(&failed).contains(RECIPIENTS[2]) && stdout(&failed).contains("annex"),
        "{}",
        stdout(&failed)
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_second_daemon_is_refused_naming_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let daemon = spawn_daemon(&cfg, &[], &dir.path().join("daemon.log"));
    let lock = dir.path().join("state/woonmonitor.lock");
    wait_for("the daemon's lock", 30, || {
        std::fs::read_to_string(&lock).is_ok_and(|s| s.contains("woonmonitor daemon"))
    });
    let pid = daemon.id();
    let o = woonmonitor(&cfg, &["daemon", "--once"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("is in use by woonmonitor daemon (pid {pid}")),
        "{}",
        stderr(&o)
    );
    stop(daemon);
}

#[test]
fn release_beside_a_running_daemon_gives_one_copy_per_recipient() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(&dir.path().join("mail"), &[]);
    let cfg = config(dir.path(), Some(sink.port), "");
    edit(
        &cfg,
        "max_rejected_share = 0.05",
        "max_rejected_share = 0.0001",
    );
    // The socket in a folder of its own, as the package has it (/run/woonmonitor).
    let socket = dir.path().join("run/woonmonitor.sock");
    std::fs::create_dir(dir.path().join("run")).unwrap();
    edit(
        &cfg,
        "[state]\n",
        &format!("[state]\nsocket = {:?}\n", socket.to_str().unwrap()),
    );
    let log = dir.path().join("daemon.log");
    let daemon = spawn_daemon(&cfg, &[], &log);
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while !runs(&cfg).contains(" held ") {
        assert!(
            std::time::Instant::now() < deadline,
            "no held run: {}\n{}",
            runs(&cfg),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    wait_for("the operator's notice", 30, || {
        sink.received().contains_key("beheer@example.nl")
    });
    let id = runs(&cfg)
        .lines()
        .find(|l| l.contains(" held "))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let o = woonmonitor(&cfg, &["release", &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("done by the running daemon"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains(&format!("run {id} released: 3 mail(s) queued")),
        "{}",
        stdout(&o)
    );
    wait_for("the released mails", 30, || sink.received().len() == 4);
    // Nothing left to send: the counts below are final.
    wait_for("the outbox to settle", 30, || outbox_settled(dir.path()));
    let got = sink.received();
    exactly_once(&got);
    assert_eq!(got.get("beheer@example.nl"), Some(&1));
    // Outside the private state folder the socket is the daemon group's too (0660), and answers
    // the listings an operator who may not open the state folder asks for.
    {
        use std::io::{BufRead, Write};
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&socket).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o660, "socket mode {mode:o}");
        let ask = |line: &str| {
            let mut s = std::os::unix::net::UnixStream::connect(&socket).unwrap();
            s.write_all(line.as_bytes()).unwrap();
            let mut reply = String::new();
            std::io::BufReader::new(s).read_line(&mut reply).unwrap();
            reply
        };
        let listed = ask("{\"query\":\"runs\",\"limit\":5}\n");
        assert!(listed.starts_with("{\"reply\":\"runs\""), "{listed}");
        assert!(listed.contains(&format!("\"id\":{id},")), "{listed}");
        let mails = ask("{\"query\":\"mails\",\"status\":\"sent\",\"limit\":10}\n");
        assert!(mails.starts_with("{\"reply\":\"mails\""), "{mails}");
        assert!(mails.contains("beheer@example.nl"), "{mails}");
        assert!(
            !mails.contains("\"body\""),
            "a listing carries no mail bodies: {mails}"
        );
    }
    // Releasing again is the operator's mistake, told by the daemon.
    let again = woonmonitor(&cfg, &["release", &id]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("is not held"), "{}", stderr(&again));
    stop(daemon);
    exactly_once(&sink.received());
}

#[test]
fn a_held_run_publishes_nothing_until_released() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(&dir.path().join("mail"), &[]);
    let cfg = config(dir.path(), Some(sink.port), "");
    once(&cfg);
    exactly_once(&sink.received());
    let period = published_period(dir.path());
    let out = dir.path().join("out").join(&period);
    let approved = hashes(&out);
    let stamp = std::fs::metadata(out.join(format!("{period}_regio-u16.pdf")))
        .unwrap()
        .modified()
        .unwrap();
    edit(
        &cfg,
        "max_rejected_share = 0.05",
        "max_rejected_share = 0.0001",
    );
    // Another organisation name, so the held run's documents differ from the approved ones
    // whatever the clock: both runs may be made within the same second (the generation time
    // in the documents has seconds), and then their bytes are the same.
    edit(
        &cfg,
        "name = \"Gemeente Utrecht, afdeling Maatschappelijke Ontwikkeling\"",
        "name = \"Gemeente Utrecht, afdeling Wonen\"",
    );
    let o = woonmonitor(&cfg, &["regenerate", "--period", &period, "--send"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("held for review"), "{}", stdout(&o));
    assert_eq!(hashes(&out), approved, "out/ untouched by the held run");
    assert_eq!(
        std::fs::metadata(out.join(format!("{period}_regio-u16.pdf")))
            .unwrap()
            .modified()
            .unwrap(),
        stamp
    );
    let held = stdout(&o)
        .lines()
        .next()
        .unwrap()
        .split_whitespace()
        .nth(2)
        .unwrap()
        .to_string();
    let o = woonmonitor(&cfg, &["release", &held]);
    assert!(o.status.success(), "{}", stderr(&o));
    let released = hashes(&out);
    let archive = hashes(
        &dir.path()
            .join(format!("state/archive/run-{held}/{period}")),
    );
    for (name, sha) in &released {
        assert_eq!(
            archive.get(name),
            Some(sha),
            "{name} published from the released run"
        );
    }
    assert_ne!(
        released, approved,
        "the released run's documents are published"
    );
    let got = sink.received();
    assert_eq!(got.get(RECIPIENTS[0]), Some(&2), "{got:?}");
}

#[test]
fn a_retried_api_regenerate_with_its_idempotency_key_mails_once() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(&dir.path().join("mail"), &[]);
    let api = free_port();
    let cfg = config(
        dir.path(),
        Some(sink.port),
        &format!(
            "[api]\nenabled = true\nbind = \"127.0.0.1:{api}\"\ntoken_env = \"TEST_API_TOKEN\"\n"
        ),
    );
    let token = "idempotency-test-token-1234567890abcdef";
    let daemon = spawn_daemon(
        &cfg,
        &[("TEST_API_TOKEN", token)],
        &dir.path().join("daemon.log"),
    );
    wait_for("the catch-up mails", 120, || sink.received().len() == 3);
    let period = published_period(dir.path());
    let base = format!("http://127.0.0.1:{api}");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let c = reqwest::Client::new();
        let body = serde_json::json!({ "period": period, "region": true, "send": true });
        let post = || {
            c.post(format!("{base}/regenerate"))
                .bearer_auth(token)
                .header("Idempotency-Key", "retry-me")
                .json(&body)
                .send()
        };
        let first: serde_json::Value = post().await.unwrap().json().await.unwrap();
        let second: serde_json::Value = post().await.unwrap().json().await.unwrap();
        assert_eq!(first["id"], second["id"]);
        let id = first["id"].as_i64().unwrap();
        let mut job = serde_json::Value::Null;
        for _ in 0..600 {
            job = c
                .get(format!("{base}/jobs/{id}"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            if job["status"] == "succeeded" || job["status"] == "failed" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(job["status"], "succeeded", "{job}");
        let third: serde_json::Value = post().await.unwrap().json().await.unwrap();
        assert_eq!(third["id"], first["id"]);
    });
    wait_for("the regenerated mail", 30, || {
        sink.received().get(RECIPIENTS[1]) == Some(&2)
    });
    // Nothing left to send: the counts below are final.
    wait_for("the outbox to settle", 30, || outbox_settled(dir.path()));
    let got = sink.received();
    assert_eq!(
        got.get(RECIPIENTS[1]),
        Some(&2),
        "catch-up + one regeneration: {got:?}"
    );
    assert_eq!(got.get(RECIPIENTS[0]), Some(&1));
    stop(daemon);
}

#[test]
fn a_run_that_keeps_killing_the_process_is_given_up_after_three_attempts() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let db = dir.path().join("state/woonmonitor.sqlite");
    // The `n`-th report run is running (earlier ones stay `running` until the next start).
    let running = |n: i64| {
        db.exists()
            && rusqlite::Connection::open(&db)
                .and_then(|c| {
                    c.query_row(
                        "SELECT COUNT(*) FROM runs WHERE kind = 'report' AND status = 'running'
                         AND id = (SELECT MAX(id) FROM runs WHERE kind = 'report')
                         AND (SELECT COUNT(*) FROM runs WHERE kind = 'report') = ?1",
                        [n],
                        |r| r.get::<_, i64>(0),
                    )
                })
                .is_ok_and(|c| c > 0)
    };
    for attempt in 1..=3 {
        let mut daemon = spawn_daemon(&cfg, &[], &dir.path().join(format!("daemon-{attempt}.log")));
        wait_for("a new report run in progress", 120, || running(attempt));
        daemon.kill().unwrap(); // SIGKILL, as a crash would
        daemon.wait().unwrap();
    }
    let o = once(&cfg);
    let r = runs(&cfg);
    assert!(
        r.contains("given up: the run was interrupted 3 times in a row"),
        "{r}\n{}",
        stderr(&o)
    );
    assert_eq!(
        sqlite(
            dir.path(),
            "SELECT COUNT(*) FROM runs WHERE failure = 'interrupted'"
        ),
        3
    );
    // The operator is told; nobody else gets anything; a restart does not try again.
    let outbox: Vec<String> = std::fs::read_dir(dir.path().join("outbox"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(outbox.len(), 1, "only the operator's notice");
    assert!(outbox[0].contains("To: beheer@example.nl"));
    once(&cfg);
    assert_eq!(
        sqlite(
            dir.path(),
            "SELECT COUNT(*) FROM runs WHERE kind = 'report'"
        ),
        4
    );
}

#[test]
fn regenerate_takes_a_quarter_or_a_year_on_the_command_line() {
    // Regression: `woonmonitor regenerate --period 2026-Q3` answered "period 2026-Q3 is
    // malformed: expected … YYYY-Qn for a quarter (2026-Q3)", naming the form it refused.
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    sample_copy(dir.path(), &cfg);
    let pull = woonmonitor(&cfg, &["pull"]);
    assert!(pull.status.success(), "{}", both(&pull));
    for (period, file) in [
        ("2026-Q3", "2026-Q3_regio-u16.pdf"),
        ("2025", "2025_regio-u16.pdf"),
    ] {
        let o = woonmonitor(&cfg, &["regenerate", "--period", period, "--region"]);
        assert!(o.status.success(), "{period}: {}", both(&o));
        let pdf = dir.path().join("out").join(period).join(file);
        assert!(
            pdf.is_file(),
            "{period}: no {}: {}",
            pdf.display(),
            both(&o)
        );
        // Regenerated, not sent: no mail for a stakeholder without --send.
        assert!(!both(&o).contains("queued"), "{}", both(&o));
    }
    let conn = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let spans: Vec<(String, String)> = conn
        .prepare("SELECT span, period FROM runs WHERE kind = 'report' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        spans,
        vec![
            // Stored as the span and its last month.
            ("quarter".to_string(), "2026-09".to_string()),
            ("year".to_string(), "2025-12".to_string())
        ]
    );
    let bad = woonmonitor(&cfg, &["regenerate", "--period", "2026-Q5"]);
    assert_eq!(bad.status.code(), Some(2), "{}", both(&bad));
    assert!(both(&bad).contains("2026-Q5"), "{}", both(&bad));
}

fn both(o: &std::process::Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
}
