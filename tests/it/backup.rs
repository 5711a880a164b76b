//! Backup, verify and restore against the real binary and a real SMTP server: a backup taken
//! while the daemon mails through a slow server, restored into a new folder on "another server",
//! where the restored daemon sends every mail that was queued at backup time exactly once; the
//! documents made again with `report --as-of` from the restored snapshots are byte for byte the
//! archived ones; `verify` catches a flipped byte in an archived PDF, a missing snapshot and a
//! truncated store.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// A fixed generation time (the daemon's and `report --generated-at`'s), for identical bytes.
const EPOCH: &str = "1793512800"; // 2026-11-01T06:00:00Z
const GENERATED_AT: &str = "2026-11-01T07:00:00"; // the same moment in Europe/Amsterdam

fn bin(cfg: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args(args)
        .args(["--config", cfg.to_str().unwrap()])
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap()
}

fn db(state: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(state.join("woonmonitor.sqlite")).unwrap()
}

/// Mail states per recipient in a store.
fn mails(conn: &rusqlite::Connection) -> BTreeMap<String, String> {
    conn.prepare("SELECT recipient, status FROM outbox")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p, ext));
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn a_backup_taken_while_mailing_restores_on_a_new_server_and_sends_what_was_queued_once() {
    let dir = tempfile::tempdir().unwrap();
    let mail = tempfile::tempdir().unwrap();
    // A slow mail server: three seconds a message.
    let sink = Sink::start(mail.path(), &["--delay-ms", "3000"]);
    let cfg = config(dir.path(), Some(sink.port), "");
    let state = dir.path().join("state");
    let daemon = Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args(["daemon", "--config", cfg.to_str().unwrap()])
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("WOONMONITOR_LOG", "info")
        .stderr(std::fs::File::create(dir.path().join("daemon.log")).unwrap())
        .spawn()
        .unwrap();
    // Back up while the catch-up run's mails are going out.
    wait_for("the catch-up run's mails", 180, || {
        state.join("woonmonitor.sqlite").exists()
            && db(&state)
                .query_row("SELECT count(*) FROM outbox", [], |r| r.get::<_, i64>(0))
                .unwrap_or(0)
                > 0
    });
    let backup = dir.path().join("backup");
    let o = bin(&cfg, &["backup", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("backup of"));
    let at_backup = mails(&db(&backup));
    let queued: Vec<&String> = at_backup
        .iter()
        .filter(|(_, s)| *s == "pending" || *s == "sending")
        .map(|(r, _)| r)
        .collect();
    assert!(
        !queued.is_empty(),
        "the backup was taken while mails were still queued: {at_backup:?}"
    );
    // The old server finishes its work, then is lost.
    wait_for("every mail sent", 120, || {
        mails(&db(&state)).values().all(|s| s == "sent")
    });
    stop(daemon);
    exactly_once(&sink.received());

    // The backup is private and verifies.
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777,
        0o700
    );
    for f in files_under(&backup, "pdf") {
        assert_eq!(
            std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let o = bin(&cfg, &["verify", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // The new server: restored into a new folder, a new mail server.
    let new = tempfile::tempdir().unwrap();
    let new_mail = tempfile::tempdir().unwrap();
    let new_sink = Sink::start(new_mail.path(), &[]);
    let new_state = new.path().join("state");
    std::fs::create_dir_all(&new_state).unwrap();
    std::fs::write(new_state.join("leftover"), "x").unwrap();
    let o = bin(
        &cfg,
        &[
            "restore",
            backup.to_str().unwrap(),
            "--state",
            new_state.to_str().unwrap(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "a folder that is not empty is refused"
    );
    std::fs::remove_file(new_state.join("leftover")).unwrap();
    let o = bin(
        &cfg,
        &[
            "restore",
            backup.to_str().unwrap(),
            "--state",
            new_state.to_str().unwrap(),
        ],
    );
    let said = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        said.contains(&format!(
            "{} mail(s) queued at backup time will be sent once",
            queued.len()
        )) && said.contains("will be sent again"),
        "{said}"
    );
    let new_cfg_text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace(&format!("dir = {state:?}"), &format!("dir = {new_state:?}"))
        .replace(
            &format!("port = {}", sink.port),
            &format!("port = {}", new_sink.port),
        );
    let new_cfg = new.path().join("config.toml");
    std::fs::write(&new_cfg, new_cfg_text).unwrap();
    let o = bin(&new_cfg, &["verify"]);
    assert!(
        o.status.success(),
        "the restored state verifies: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = bin(&new_cfg, &["daemon", "--once"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got = new_sink.received();
    let want: BTreeMap<String, usize> = queued.iter().map(|r| (r.to_string(), 1)).collect();
    assert_eq!(
        got, want,
        "exactly the mails queued at backup time, once each"
    );
    // Nothing more on a second pass, and no second report run for the month.
    let o = bin(&new_cfg, &["daemon", "--once"]);
    assert!(o.status.success());
    assert_eq!(new_sink.received(), want);

    // The documents made again from the restored snapshots are the archived ones, byte for byte.
    // The month the daemon's catch-up run reported (whatever today is), read from the store.
    let (run, period): (i64, String) = db(&new_state)
        .query_row(
            "SELECT run_id, period FROM reports ORDER BY run_id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let again = new.path().join("again");
    let o = bin(
        &new_cfg,
        &[
            "report",
            "--period",
            &period,
            "--as-of",
            &run.to_string(),
            "--generated-at",
            GENERATED_AT,
            "--out",
            again.to_str().unwrap(),
            "--internal",
            new.path().join("internal").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let archived = files_under(&new_state.join("archive").join(format!("run-{run}")), "pdf");
    assert!(archived.len() >= 29, "{archived:?}");
    for a in &archived {
        let name = a.file_name().unwrap();
        let made = again.join(&period).join(name);
        assert!(
            std::fs::read(&made).unwrap() == std::fs::read(a).unwrap(),
            "{} differs from the archived one",
            name.to_string_lossy()
        );
    }

    // verify catches damage: a flipped byte in an archived PDF, a missing snapshot, a
    // truncated store.
    let damaged = |name: &str, harm: &dyn Fn(&Path)| -> String {
        let copy = dir.path().join(name);
        copy_dir(&backup, &copy);
        harm(&copy);
        let o = bin(&cfg, &["verify", copy.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{name}: verify must fail");
        String::from_utf8_lossy(&o.stderr).to_string()
    };
    let err = damaged("flipped", &|b| {
        let pdf = files_under(b, "pdf").remove(0);
        let mut bytes = std::fs::read(&pdf).unwrap();
        let i = bytes.len() / 2;
        bytes[i] ^= 0x01;
        std::fs::write(&pdf, bytes).unwrap();
    });
    assert!(err.contains("report") && err.contains("differs"), "{err}");
    let err = damaged("missing", &|b| {
        let csv = files_under(&b.join("state/snapshots"), "csv").remove(0);
        std::fs::remove_file(csv).unwrap();
    });
    assert!(err.contains("snapshot") && err.contains("missing"), "{err}");
    let err = damaged("truncated", &|b| {
        let store = b.join("woonmonitor.sqlite");
        let len = std::fs::metadata(&store).unwrap().len();
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(&store)
            .unwrap();
        f.set_len(len / 2).unwrap();
    });
    assert!(err.contains("woonmonitor.sqlite"), "{err}");
}
