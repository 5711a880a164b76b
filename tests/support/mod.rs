//! Shared helpers of the daemon tests: a real SMTP server (tests/support/smtp_sink.py, aiosmtpd),
//! configurations for a state folder of a test's own, and the binary.
#![allow(dead_code)] // not every helper is used by every build of the tests

pub mod webdriver;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What `tests/setup` installs outside the system: `WOONMONITOR_CACHE`, by default
/// `~/.cache/woonmonitor`.
pub fn tools_cache() -> PathBuf {
    std::env::var_os("WOONMONITOR_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".cache/woonmonitor")
        })
}

/// The virtual environment `tests/setup` makes (the PDF validators, schemathesis, aiosmtpd):
/// `WOONMONITOR_VENV`, by default `<tools_cache>/venv`. Missing, the tests that need it fail
/// with what to run: they do not skip.
pub fn venv() -> PathBuf {
    let venv = std::env::var_os("WOONMONITOR_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| tools_cache().join("venv"));
    assert!(
        venv.join("bin/python").exists(),
        "{} is missing: run tests/setup (tests/run, the README's test command, does)",
        venv.display()
    );
    venv
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A real SMTP server (tests/support/smtp_sink.py) that stores what it accepts.
pub struct Sink {
    pub child: Child,
    pub port: u16,
    pub dir: PathBuf,
}

impl Sink {
    pub fn start(dir: &Path, args: &[&str]) -> Sink {
        Self::start_on(free_port(), dir, args)
    }

    /// A sink on a port a test chose (e.g. one the daemon already tried in vain).
    pub fn start_on(port: u16, dir: &Path, args: &[&str]) -> Sink {
        let mut child = Command::new(venv().join("bin/python"))
            .arg(root().join("tests/support/smtp_sink.py"))
            .args(["--port", &port.to_string(), "--dir", dir.to_str().unwrap()])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 runs");
        use std::io::BufRead;
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(
            line.trim(),
            "READY",
            "SMTP sink did not start (is aiosmtpd installed? tests/setup installs it)"
        );
        Sink {
            child,
            port,
            dir: dir.to_path_buf(),
        }
    }

    /// Messages received per recipient.
    pub fn received(&self) -> BTreeMap<String, usize> {
        received(&self.dir)
    }

    /// The distinct Message-IDs received per recipient (a message sent twice is one).
    pub fn message_ids(&self) -> BTreeMap<String, std::collections::BTreeSet<String>> {
        let mut m: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
        for e in std::fs::read_dir(&self.dir).into_iter().flatten() {
            let p = e.unwrap().path();
            if p.extension().is_none_or(|x| x != "eml") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let id = text
                .lines()
                .find_map(|l| {
                    l.strip_prefix("Message-ID: ")
                        .or_else(|| l.strip_prefix("Message-Id: "))
                })
                .unwrap_or_default()
                .to_string();
            for l in text.lines() {
                if let Some(r) = l.strip_prefix("X-Sink-Rcpt: ") {
                    m.entry(r.to_string()).or_default().insert(id.clone());
                }
            }
        }
        m
    }
}

pub fn received(dir: &Path) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for e in std::fs::read_dir(dir).into_iter().flatten() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "eml") {
            for l in std::fs::read_to_string(&p).unwrap().lines() {
                if let Some(r) = l.strip_prefix("X-Sink-Rcpt: ") {
                    *m.entry(r.to_string()).or_default() += 1;
                }
            }
        }
    }
    m
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub const RECIPIENTS: [&str; 3] = [
    "griffie@example.nl",
    "regio@example.nl",
    "mitros@example.nl",
];

/// A configuration: the bundled default up to the daemon part, then test settings.
pub fn config(dir: &Path, smtp_port: Option<u16>, extra: &str) -> PathBuf {
    let default = std::fs::read_to_string(root().join("config/default.toml")).unwrap();
    let base = &default[..default.find("# ---- The daemon").unwrap()];
    let base = base
        .replace("dir = \"out\"", &format!("dir = {:?}", dir.join("out")))
        .replace(
            "internal_dir = \"state/internal\"",
            &format!("internal_dir = {:?}", dir.join("internal")),
        )
        .replace(
            "data/sample/",
            &format!("{}/", root().join("data/sample").display()),
        );
    let smtp = smtp_port
        .map(|p| {
            format!(
                "[mail.smtp]\nhost = \"127.0.0.1\"\nport = {p}\ntls = \"none\"\ntimeout_secs = 5\n"
            )
        })
        .unwrap_or_default();
    let text = format!(
        "{base}
[state]
dir = {state:?}

[schedule]
timezone = \"Europe/Amsterdam\"
pull = \"0 0 6 * * *\"
report_time = \"07:00\"
report_day = 1
run_timeout_secs = 300

[hold]
max_rejected_share = 0.05
max_source_age_hours = 48

[mail]
from = \"Woonmonitor <woonmonitor@example.nl>\"
operator = \"beheer@example.nl\"
outbox_dir = {outbox:?}
retry_base_secs = 0
{smtp}
[[recipients]]
audience = \"municipality\"
code = \"GM0344\"
email = \"{r0}\"
[[recipients]]
audience = \"region\"
email = \"{r1}\"
[[recipients]]
audience = \"corporation\"
code = \"Mitros\"
email = \"{r2}\"
{extra}",
        state = dir.join("state"),
        outbox = dir.join("outbox"),
        r0 = RECIPIENTS[0],
        r1 = RECIPIENTS[1],
        r2 = RECIPIENTS[2],
    );
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    path
}

pub fn woonmonitor(cfg: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args(args)
        .args(["--config", cfg.to_str().unwrap()])
        .current_dir(root())
        .env("WOONMONITOR_LOG", "info")
        .output()
        .expect("binary runs")
}

pub fn once(cfg: &Path) -> Output {
    let o = woonmonitor(cfg, &["daemon", "--once"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

pub fn exactly_once(got: &BTreeMap<String, usize>) {
    for r in RECIPIENTS {
        assert_eq!(got.get(r), Some(&1), "{r} in {got:?}");
    }
}

/// The daemon's end of its established TCP connections on `port` (IPv4, /proc/net/tcp): how
/// many there are, and how many of them hold bytes the daemon has not read yet.
pub fn server_connections(port: u16) -> (usize, usize) {
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap();
    let mut open = 0;
    let mut unread = 0;
    for line in table.lines().skip(1) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let local_port = f[1]
            .rsplit(':')
            .next()
            .and_then(|p| u16::from_str_radix(p, 16).ok());
        // State 01: established; field 4 is tx_queue:rx_queue in hex.
        if local_port == Some(port) && f[3] == "01" {
            open += 1;
            let rx = f[4]
                .split(':')
                .nth(1)
                .and_then(|q| usize::from_str_radix(q, 16).ok());
            if rx != Some(0) {
                unread += 1;
            }
        }
    }
    (open, unread)
}

/// Whether the outbox of the state folder under `dir` has nothing left to send (no mail
/// pending or being sent): what a mail server received by then is all it will get.
pub fn outbox_settled(dir: &Path) -> bool {
    let Ok(db) = rusqlite::Connection::open(dir.join("state/woonmonitor.sqlite")) else {
        return false;
    };
    db.query_row(
        "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')",
        [],
        |r| r.get::<_, i64>(0),
    )
    .is_ok_and(|n| n == 0)
}

pub fn runs(cfg: &Path) -> String {
    String::from_utf8(woonmonitor(cfg, &["runs"]).stdout).unwrap()
}

/// The report period of the one run folder in `out/`.
pub fn published_period(dir: &Path) -> String {
    std::fs::read_dir(dir.join("out"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| !n.starts_with('.'))
        .expect("a published period")
}

/// The outbox's de-duplication keys, oldest first.
pub fn dedup_keys(dir: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(dir.join("state/woonmonitor.sqlite")).unwrap();
    let mut st = conn
        .prepare("SELECT dedup_key FROM outbox ORDER BY id")
        .unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Starts the long-running daemon on `cfg` (with `env`); stderr goes to `log`.
pub fn spawn_daemon(cfg: &Path, env: &[(&str, &str)], log: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args(["daemon", "--config", cfg.to_str().unwrap()])
        .current_dir(root())
        .envs(env.iter().copied())
        .env("WOONMONITOR_LOG", "info")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .expect("binary runs")
}

/// Waits until `cond` holds (a guard against hangs, not a timing assertion).
pub fn wait_for(what: &str, secs: u64, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Stops a daemon with SIGTERM and waits for it.
pub fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.wait();
}

/// A certificate authority made for a test, with a server certificate for localhost and
/// 127.0.0.1 and a client certificate (openssl command line).
pub struct TestCa {
    pub ca: PathBuf,
    pub server_cert: PathBuf,
    pub server_key: PathBuf,
    pub client_cert: PathBuf,
    pub client_key: PathBuf,
}

fn openssl(dir: &Path, args: &[&str]) {
    let o = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl is installed");
    assert!(
        o.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

pub fn make_ca(dir: &Path) -> TestCa {
    std::fs::create_dir_all(dir).unwrap();
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=Test municipality CA",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
        ],
    );
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("client.ext"),
        "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n",
    )
    .unwrap();
    for (name, cn) in [("server", "localhost"), ("client", "woonmonitor")] {
        openssl(
            dir,
            &[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                &format!("/CN={cn}"),
                "-keyout",
                &format!("{name}.key"),
                "-out",
                &format!("{name}.csr"),
            ],
        );
        openssl(
            dir,
            &[
                "x509",
                "-req",
                "-in",
                &format!("{name}.csr"),
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                &format!("{name}.ext"),
                "-out",
                &format!("{name}.pem"),
            ],
        );
    }
    TestCa {
        ca: dir.join("ca.pem"),
        server_cert: dir.join("server.pem"),
        server_key: dir.join("server.key"),
        client_cert: dir.join("client.pem"),
        client_key: dir.join("client.key"),
    }
}

/// A child process that prints READY when it listens (tests/support/*.py).
pub fn python_server(script: &str, args: &[&str]) -> Child {
    let mut child = Command::new("python3")
        .arg(root().join("tests/support").join(script))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 runs");
    use std::io::BufRead;
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "READY", "{script} did not start");
    child
}

/// A copy of the sample data (with its feeds) in `dir/drop`, and the configuration pointed at it.
pub fn sample_copy(dir: &Path, cfg: &Path) -> PathBuf {
    let drop = dir.join("drop");
    copy_dir(&root().join("data/sample"), &drop);
    let text = std::fs::read_to_string(cfg).unwrap().replace(
        &format!("{}/", root().join("data/sample").display()),
        &format!("{}/", drop.display()),
    );
    std::fs::write(cfg, text).unwrap();
    drop
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// The month the test configuration's scheduler reports now (`report_day = 1`,
/// `report_time = "07:00"`, Europe/Amsterdam): the month just ended, or on the 1st before
/// 07:00 the one before it. For a test that needs the month before it starts a daemon; after a
/// run, [`published_period`] says what the daemon did.
pub fn due_month() -> String {
    use chrono::{Datelike, Months, Timelike};
    let now = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Amsterdam);
    let back = if now.day() == 1 && now.hour() < 7 {
        2
    } else {
        1
    };
    (now.date_naive().with_day(1).unwrap() - Months::new(back))
        .format("%Y-%m")
        .to_string()
}

/// The portal sign-in links' tokens in the `.eml` files of `dir` (an outbox or the SMTP sink's
/// folder) whose text contains `marker`, oldest first.
pub fn portal_link_tokens(dir: &Path, marker: &str) -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_else(|_| Vec::new());
    files.retain(|p: &PathBuf| p.extension().is_some_and(|x| x == "eml"));
    files.sort();
    files
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            if !text.contains(marker) {
                return None;
            }
            // Undo quoted-printable soft line breaks.
            let text = text
                .replace("=\r\n", "")
                .replace("=\n", "")
                .replace("=3D", "=");
            let i = text.find("/portaal/link/")? + 14;
            Some(text.get(i..i + 64)?.to_string())
        })
        .collect()
}
