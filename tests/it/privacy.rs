//! Privacy by design and hostile input, against the real binary: columns with names, phone
//! numbers and free text are left out at the door and their values appear in no file and on no
//! console; a BSN as an id refuses the delivery (and tells the operator); a zip bomb, an
//! unclosed quote and an oversized file are refused; a secret in a URL is redacted everywhere;
//! state and internal files are private under umask 022; retention purges old snapshots and
//! internal figures and records it.

use crate::support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::support::{config, sample_copy, woonmonitor};

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Every file under `dir` (recursively), except under `skip`.
fn files(dir: &Path, skip: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten() {
        let p = e.unwrap().path();
        if p.starts_with(skip) {
            continue;
        }
        if p.is_dir() {
            out.extend(files(&p, skip));
        } else {
            out.push(p);
        }
    }
    out
}

/// Asserts that none of `needles` occurs in any file under `dir` (but `skip` and the
/// configuration file) or in `console`; returns how many files were searched.
fn nowhere(dir: &Path, skip: &Path, console: &str, needles: &[&str]) -> usize {
    let all: Vec<PathBuf> = files(dir, skip)
        .into_iter()
        .filter(|f| f.file_name().is_none_or(|n| n != "config.toml"))
        .collect();
    for f in &all {
        let bytes = std::fs::read(f).unwrap();
        for n in needles {
            assert!(
                memchr::memmem::find(&bytes, n.as_bytes()).is_none(),
                "{n:?} found in {}",
                f.display()
            );
        }
    }
    for n in needles {
        assert!(!console.contains(n), "{n:?} on the console:\n{console}");
    }
    all.len()
}

/// The sample's applications with three columns a matching organisation should not send.
fn add_personal_columns(drop: &Path) {
    let path = drop.join("applications.csv");
    let apps = std::fs::read_to_string(&path).unwrap();
    let mut out = String::new();
    for (i, line) in apps.lines().enumerate() {
        if i == 0 {
            out.push_str(&format!("{line};Cliëntnaam;Telefoonnr;Opmerking\n"));
        } else if line.trim().is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!(
                "{line};Qwerty Zwaan {i};06-5555{i:04};\"geheim ZQX {i}; zie dossier\"\n"
            ));
        }
    }
    std::fs::write(&path, out).unwrap();
}

#[test]
fn personal_columns_are_left_out_and_their_values_are_nowhere() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    add_personal_columns(&drop);
    let period = "2026-10";
    // The command line: published and internal output.
    let report = woonmonitor(&cfg, &["report", "--period", period]);
    assert!(report.status.success(), "{}", text(&report));
    let console = text(&report);
    for h in ["Cliëntnaam", "Telefoonnr", "Opmerking"] {
        assert!(
            console.contains(&format!("kolom \"{h}\" lijkt")),
            "{h} is named in a warning: {console}"
        );
    }
    assert!(console.contains("vraag de leverancier die niet meer mee te sturen"));
    // Rows were rejected (the sample has a few mistakes): their files hold mapped cells only.
    let rejected = std::fs::read_to_string(
        dir.path()
            .join("internal")
            .join(period)
            .join("rejected/applications.csv"),
    )
    .unwrap();
    assert!(rejected.lines().count() > 1, "{rejected}");
    assert_eq!(
        rejected.lines().next().unwrap(),
        "line,application_id,received_on,municipality_code,origin,housing_form,corporation,housed_on,withdrawn_on,reason"
    );
    // The service: pull (snapshots), the monthly run (archive, outbox), then the history.
    let once = woonmonitor(&cfg, &["daemon", "--once"]);
    assert!(once.status.success(), "{}", text(&once));
    let runs = woonmonitor(&cfg, &["runs"]);
    let console = format!("{console}{}{}", text(&once), text(&runs));
    let n = nowhere(
        dir.path(),
        &drop,
        &console,
        // Base64 attachments hold no spaces or dashes: these cannot match by chance.
        &["Qwerty Zwaan", "geheim ZQX", "06-5555", "zie dossier"],
    );
    assert!(
        n > 40,
        "the state, output and outbox were searched: {n} files"
    );
    // The snapshot keeps the mapped columns, with the original line numbers.
    let snap = files(&dir.path().join("state/snapshots/applications"), &drop);
    assert_eq!(snap.len(), 1);
    let projection = std::fs::read_to_string(&snap[0]).unwrap();
    assert!(
        projection.starts_with("regel,application_id,received_on,"),
        "{projection:.200}"
    );
    assert!(projection.lines().nth(1).unwrap().starts_with("2,"));
}

#[test]
fn a_bsn_as_application_id_refuses_the_delivery_and_tells_the_operator() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    let path = drop.join("applications.csv");
    let apps = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = apps.lines().map(String::from).collect();
    let cells: Vec<&str> = lines[5].splitn(2, ';').collect();
    lines[5] = format!("111222333;{}", cells[1]);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();

    let pull = woonmonitor(&cfg, &["pull"]);
    assert_eq!(pull.status.code(), Some(3), "{}", text(&pull));
    let out = text(&pull);
    assert!(
        out.contains("applications") && out.contains("1 cell(s) hold a valid BSN"),
        "{out}"
    );
    // The other feeds were pulled; nothing of the refused file was kept.
    assert!(out.contains("mitros"), "{out}");
    let conn = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let refused: String = conn
        .query_row(
            "SELECT refused FROM source_checks WHERE feed = 'applications'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // In Dutch for the console and the operator (counts, never the value); the log keeps the
    // English detail.
    assert!(
        refused.contains("kolom 1") && refused.contains("geldig BSN"),
        "{refused}"
    );
    let (subject, body): (String, String) = conn
        .query_row(
            "SELECT subject, body FROM outbox WHERE dedup_key LIKE 'refused|applications|%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(subject.contains("geweigerd"), "{subject}");
    assert!(body.contains("geldig BSN"), "{body}");
    // A report run cannot go on without applications.
    let period = {
        use chrono::Datelike;
        let t = chrono::Utc::now().date_naive().with_day(1).unwrap();
        t.pred_opt().unwrap().format("%Y-%m").to_string()
    };
    let regen = woonmonitor(&cfg, &["regenerate", "--period", &period]);
    assert!(!regen.status.success());
    assert!(text(&regen).contains("applications"), "{}", text(&regen));
    drop_conn(conn);
    let console = format!("{out}{}", text(&regen));
    nowhere(dir.path(), &drop, &console, &["111222333"]);
}

fn drop_conn(c: rusqlite::Connection) {
    c.close().unwrap();
}

/// The peak resident memory (MiB) of a process while it runs, read from /proc until it ends.
fn run_watching_memory(mut cmd: Command) -> (Output, u64) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status_file) {
            if let Some(kb) = s
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
            {
                peak_kb = peak_kb.max(kb);
            }
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let out = child.wait_with_output().unwrap();
    (out, peak_kb / 1024)
}

#[test]
fn a_zip_bomb_is_refused_with_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    // A worksheet of 400 MB (spaces compress about a thousandfold): well past 64 MB + 100 times
    // the file's size.
    let bomb = drop.join("feeds/viveste.xlsx");
    {
        let f = std::fs::File::create(&bomb).unwrap();
        let mut zip = zip::ZipWriter::new(f);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9))
            .large_file(true);
        zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..400 {
            zip.write_all(&block).unwrap();
        }
        zip.finish().unwrap();
    }
    let size = std::fs::metadata(&bomb).unwrap().len();
    assert!(size < 4 << 20, "the bomb is small: {size} bytes");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_woonmonitor"));
    cmd.args(["report", "--period", "2026-10", "--no-pdf", "--config"])
        .arg(&cfg)
        .current_dir(support::root());
    let (o, peak_mib) = run_watching_memory(cmd);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("possible zip bomb"), "{}", text(&o));
    assert!(peak_mib < 250, "memory stays bounded: peak {peak_mib} MiB");
}

#[test]
fn an_unclosed_quote_refuses_the_file_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    let path = drop.join("feeds/groenwest.csv");
    let text_in = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text_in.lines().map(String::from).collect();
    // Line 4 of the file: a quote opens the housing form and is never closed.
    let cells: Vec<&str> = lines[3].split(',').collect();
    let mut broken: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
    broken[3] = format!("\"{}", broken[3]);
    lines[3] = broken.join(",");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let o = woonmonitor(&cfg, &["report", "--period", "2026-10", "--no-pdf"]);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    let e = text(&o);
    assert!(e.contains("groenwest.csv") && e.contains("line 4"), "{e}");
    assert!(e.contains("never closed"), "{e}");
}

#[test]
fn an_oversized_file_or_body_is_refused_while_reading() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    // A file: 4 KB allowed.
    let text_cfg = std::fs::read_to_string(&cfg).unwrap().replace(
        "[sources.applications]\n",
        "[sources.applications]\nmax_bytes = 4096\n",
    );
    std::fs::write(&cfg, text_cfg).unwrap();
    let o = woonmonitor(&cfg, &["report", "--period", "2026-10", "--no-pdf"]);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("larger than 4096 bytes"), "{}", text(&o));
    let o = woonmonitor(&cfg, &["pull"]);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("larger than 4096 bytes"), "{}", text(&o));
    let _ = drop;

    // An HTTP body without a length that does not stop: cut off at the limit.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf);
                let _ = s.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\napplication_id,received_on,municipality_code,origin\n");
                let row = b"A1,2026-01-01,GM0344,MO\n".repeat(1000);
                for _ in 0..2000 {
                    if s.write_all(&row).is_err() {
                        return;
                    }
                }
            });
        }
    });
    let text_cfg = std::fs::read_to_string(&cfg).unwrap().replace(
        "[sources.applications]\nmax_bytes = 4096\n",
        &format!(
            "[sources.applications]\nmax_bytes = 100000\nurl = \"http://127.0.0.1:{port}/export/applications.csv\"\n"
        ),
    );
    std::fs::write(&cfg, text_cfg).unwrap();
    let o = woonmonitor(&cfg, &["pull"]);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(
        text(&o).contains("sent more than 100000 bytes"),
        "{}",
        text(&o)
    );
}

#[test]
fn a_secret_in_a_url_is_redacted_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let _drop = sample_copy(dir.path(), &cfg);
    let body = std::fs::read(support::root().join("data/sample/applications.csv")).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let body = body.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                let _ = s.read(&mut buf);
                let _ = s.write_all(
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .as_bytes(),
                );
                let _ = s.write_all(&body);
            });
        }
    });
    let url = format!(
        "http://woonmonitor:hunter2pw@127.0.0.1:{port}/export/applications.csv?access_token=s3cr3tTOKEN&periode=2026"
    );
    let text_cfg = std::fs::read_to_string(&cfg).unwrap().replace(
        "[sources.applications]\n",
        &format!("[sources.applications]\nurl = \"{url}\"\n"),
    );
    std::fs::write(&cfg, text_cfg).unwrap();
    let mut console = String::new();
    for args in [
        &["check-config"][..],
        &["pull"][..],
        &["runs"][..],
        &["daemon", "--once"][..],
    ] {
        let o = woonmonitor(&cfg, args);
        assert!(o.status.success(), "{args:?}: {}", text(&o));
        console.push_str(&text(&o));
    }
    assert!(
        console.contains("periode=2026") && console.contains("***"),
        "the URL is shown, redacted: {console}"
    );
    // The API.
    let log = dir.path().join("daemon.log");
    let api_port = support::free_port();
    let text_cfg = std::fs::read_to_string(&cfg).unwrap()
        + &format!(
            "\n[api]\nenabled = true\nbind = \"127.0.0.1:{api_port}\"\ntoken_env = \"WM_TEST_API_TOKEN\"\n"
        );
    std::fs::write(&cfg, text_cfg).unwrap();
    let daemon = support::spawn_daemon(
        &cfg,
        &[(
            "WM_TEST_API_TOKEN",
            "privacy-test-api-token-0123456789abcdef",
        )],
        &log,
    );
    let get = |path: &str| -> Option<String> {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", api_port)).ok()?;
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer privacy-test-api-token-0123456789abcdef\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut out = String::new();
        s.read_to_string(&mut out).ok()?;
        out.contains("200 OK").then_some(out)
    };
    support::wait_for("the API", 60, || get("/feeds").is_some());
    for path in ["/feeds", "/runs", "/runs/1", "/metrics"] {
        console.push_str(&get(path).unwrap_or_default());
    }
    support::stop(daemon);
    console.push_str(&std::fs::read_to_string(&log).unwrap());
    assert!(console.contains("/export/applications.csv"), "{console}");
    nowhere(
        dir.path(),
        &dir.path().join("drop"),
        &console.replace(&format!("{}", cfg.display()), ""),
        &["hunter2pw", "s3cr3tTOKEN"],
    );
    // The configuration file itself holds the URL (it is the operator's), nothing else does.
    assert!(std::fs::read_to_string(&cfg).unwrap().contains("hunter2pw"));
}

#[cfg(unix)]
#[test]
fn state_and_internal_files_are_private_under_umask_022() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let _drop = sample_copy(dir.path(), &cfg);
    let run = |args: &str| {
        let o = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask 022; exec \"{}\" {args} --config \"{}\"",
                env!("CARGO_BIN_EXE_woonmonitor"),
                cfg.display()
            ))
            .current_dir(support::root())
            .output()
            .unwrap();
        assert!(o.status.success(), "{args}: {}", text(&o));
    };
    run("daemon --once");
    run("report --period 2026-10");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let mut checked = 0;
    for root in [dir.path().join("state"), dir.path().join("internal")] {
        assert_eq!(mode(&root), 0o700, "{}", root.display());
        for f in files(&root, Path::new("/nonexistent")) {
            assert_eq!(mode(&f), 0o600, "{}", f.display());
            let mut d = f.parent().unwrap().to_path_buf();
            while d.starts_with(&root) {
                assert_eq!(mode(&d), 0o700, "{}", d.display());
                d = d.parent().unwrap().to_path_buf();
            }
            checked += 1;
        }
    }
    // The database, its WAL, a snapshot, an archived report, an .eml in the outbox.
    for part in ["woonmonitor.sqlite", "snapshots/", "archive/", ".eml"] {
        assert!(
            files(&dir.path().join("state"), Path::new("/nonexistent"))
                .iter()
                .chain(files(&dir.path().join("outbox"), Path::new("/nonexistent")).iter())
                .any(|f| f.to_string_lossy().contains(part)),
            "{part}"
        );
    }
    let outbox = files(&dir.path().join("outbox"), Path::new("/nonexistent"));
    assert!(!outbox.is_empty());
    for f in &outbox {
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }
    assert!(checked > 30, "{checked}");
    // What may be published is readable as the umask says.
    let published = files(&dir.path().join("out"), Path::new("/nonexistent"));
    assert!(published
        .iter()
        .any(|f| f.to_string_lossy().ends_with("_tabel_regio-u16.csv")));
    for f in published {
        assert_eq!(mode(&f), 0o644, "{}", f.display());
    }
}

#[test]
fn retention_purges_old_snapshots_and_internal_figures_and_records_it() {
    use woonmonitor::service::reporting::{AsOf, ReportRun, SendMode};
    use woonmonitor::service::{Selection, Service};
    use woonmonitor::store::{RunKind, Trigger};
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    let text_cfg = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("retention_days = 400", "retention_days = 30");
    std::fs::write(&cfg, text_cfg).unwrap();
    let (settings, reference) =
        woonmonitor::config::Settings::load(&woonmonitor::config::LoadOptions {
            file: Some(cfg.clone()),
            env: Some(Default::default()),
        })
        .unwrap();
    let s = Service::new(settings, reference);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let t0: chrono::DateTime<chrono::Utc> = "2026-10-02T06:00:00Z".parse().unwrap();
    rt.block_on(s.pull(Trigger::Manual, t0)).unwrap();
    let run = rt
        .block_on(s.report(&ReportRun {
            period: "2026-09".parse().unwrap(),
            span: woonmonitor::domain::Span::Month,
            trigger: Trigger::Manual,
            selection: Selection::All,
            send: SendMode::No,
            as_of: AsOf::Latest,
            now: t0,
            generated_at: "2026-10-02T08:00:00".parse().unwrap(),
        }))
        .unwrap();
    let archive = dir.path().join(format!("state/archive/run-{run}"));
    assert!(archive
        .join("internal/2026-09/figures/key_figures.csv")
        .exists());
    let old_snapshot = files(&dir.path().join("state/snapshots/bo-ex"), &drop);
    assert_eq!(old_snapshot.len(), 1);
    // Nothing is old enough yet.
    assert_eq!(
        s.purge(Trigger::Manual, t0 + chrono::Duration::days(10))
            .unwrap(),
        None
    );
    // Bo-Ex sends a new export; 40 days later the first one is past retention.
    let feed = drop.join("feeds/bo-ex.csv");
    let mut text_feed = std::fs::read_to_string(&feed).unwrap();
    text_feed.push_str("W9999999,GM0344,2026-10-01,,\r\n");
    std::fs::write(&feed, text_feed).unwrap();
    let later = t0 + chrono::Duration::days(40);
    rt.block_on(s.pull(Trigger::Manual, later)).unwrap();
    let purge = s
        .purge(Trigger::Scheduled, later)
        .unwrap()
        .expect("a purge run");
    assert!(!old_snapshot[0].exists(), "the old projection is deleted");
    assert_eq!(
        files(&dir.path().join("state/snapshots/bo-ex"), &drop).len(),
        1,
        "the current one stays"
    );
    // Feeds whose content did not change keep their (only, current) snapshot.
    assert_eq!(
        files(&dir.path().join("state/snapshots/mitros"), &drop).len(),
        1
    );
    assert!(
        !archive.join("internal").exists(),
        "internal figures deleted"
    );
    let pdfs = files(&archive, &drop)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .count();
    assert_eq!(pdfs, 29, "the documents stay");
    let store = s.store().unwrap();
    let r = store.run(purge).unwrap();
    assert_eq!(r.kind, RunKind::Purge);
    let note = r.note.unwrap();
    assert!(
        note.contains("1 snapshot(s), 1 map(pen) met interne cijfers en 11 controle(s)")
            && note.contains("30 dagen"),
        "{note}"
    );
    // What the old run read per feed is gone with its figures.
    let checks: i64 = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite"))
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM run_sources WHERE run_id = ?1",
            [run],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(checks, 0);
    let purged: i64 = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite"))
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM snapshots WHERE purged_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(purged, 1, "the record of the snapshot stays, marked purged");
}

#[test]
fn dates_before_the_floor_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let text_cfg = std::fs::read_to_string(&cfg).unwrap().replace(
        "earliest_date = \"2000-01-01\"",
        "earliest_date = \"2015-01-01\"",
    );
    std::fs::write(&cfg, text_cfg).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let fixture = support::root().join("tests/fixtures/small");
    for f in ["deliveries.csv", "commitments.csv"] {
        std::fs::copy(fixture.join(f), data.join(f)).unwrap();
    }
    let apps = std::fs::read_to_string(fixture.join("applications.csv")).unwrap();
    // 1926 for 2026, and 2014 before the configured floor.
    let apps = apps
        .replacen("2025-01-10", "1926-01-10", 1)
        .replacen("2025-02-01", "2014-12-31", 1);
    std::fs::write(data.join("applications.csv"), apps).unwrap();
    let o = woonmonitor(
        &cfg,
        &[
            "report",
            "--period",
            "2026-03",
            "--run-date",
            "2026-04-10",
            "--no-pdf",
            "--data",
            data.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let rejected = std::fs::read_to_string(
        dir.path()
            .join("internal/2026-03/rejected/applications.csv"),
    )
    .unwrap();
    assert!(
        rejected.contains("datum 10-01-1926 in \"\"received_on\"\" ligt voor 01-01-2015"),
        "{rejected}"
    );
    assert!(rejected.contains("datum 31-12-2014 in"), "{rejected}");
}

#[test]
fn snapshots_an_older_version_stored_whole_are_projected_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    let o = woonmonitor(&cfg, &["pull"]);
    assert!(o.status.success(), "{}", text(&o));
    // As an older version left it: the delivered xlsx itself as Mitros's snapshot.
    let raw = dir.path().join("state/snapshots/mitros/old-delivery.xlsx");
    std::fs::copy(drop.join("feeds/mitros.xlsx"), &raw).unwrap();
    let db = dir.path().join("state/woonmonitor.sqlite");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE snapshots SET projection = 0, path = ?1 WHERE feed = 'mitros'",
        [raw.to_str().unwrap()],
    )
    .unwrap();
    conn.close().unwrap();
    // The next command that takes the state brings it up to date.
    let o = woonmonitor(&cfg, &["pull"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(!raw.exists(), "the delivered file is gone");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (path, projection): (String, bool) = conn
        .query_row(
            "SELECT path, projection FROM snapshots WHERE feed = 'mitros'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(projection && path.ends_with(".csv"), "{path}");
    let text_snap = std::fs::read_to_string(&path).unwrap();
    assert!(
        text_snap.starts_with("regel,Woningnummer,"),
        "{text_snap:.100}"
    );
}
