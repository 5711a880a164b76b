//! The operators' console in a real browser: headless Debian Chromium over WebDriver
//! (chromium and chromium-driver, installed by `tests/setup`), against the real daemon, a real SMTP
//! server on loopback and a real SQLite file. The forgeries a browser would never send, tried
//! with a plain HTTP client, are in `console_http`; the portal in the browser in `console_portal`.
//!
//! Screenshots of every page at 1280, 390 and 320 CSS pixels wide land in a temporary folder, or in
//! `WOONMONITOR_SCREENSHOTS` when set (`WOONMONITOR_SCREENSHOTS=docs/img cargo test --test it
//! console` refreshes the ones in the README).

use crate::support::webdriver;

use std::path::{Path, PathBuf};

use crate::support::*;
use webdriver::Browser;

/// The operator's own token (the console), and the machines' token (the API).
pub(crate) const TOKEN: &str = "console-test-operator-token-4d1f9a0123";
pub(crate) const API_TOKEN: &str = "console-test-api-token-0123456789abcdef";

/// A state folder with the API and console on a free port, the daemon started with `TOKEN`.
pub(crate) struct Setup {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) cfg: PathBuf,
    pub(crate) base: String,
    daemon: Option<std::process::Child>,
}

impl Setup {
    pub(crate) fn new(smtp: Option<u16>, extra: &str) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let api = free_port();
        let cfg = config(
            dir.path(),
            smtp,
            &format!(
                "[api]\nenabled = true\nbind = \"127.0.0.1:{api}\"\ntoken_env = \"TEST_API_TOKEN\"\n{extra}\n[[console.operators]]\nname = \"beheerder\"\ntoken_env = \"TEST_OPERATOR_TOKEN\"\n"
            ),
        );
        Setup {
            dir,
            cfg,
            base: format!("http://127.0.0.1:{api}"),
            daemon: None,
        }
    }

    /// Sets the hold threshold so low that the sample's few rejected rows hold the run.
    fn hold_everything(&self) {
        let text = std::fs::read_to_string(&self.cfg)
            .unwrap()
            .replace("max_rejected_share = 0.05", "max_rejected_share = 0.0001");
        std::fs::write(&self.cfg, text).unwrap();
    }

    pub(crate) fn start(&mut self) {
        self.daemon = Some(spawn_daemon(
            &self.cfg,
            &[
                ("TEST_API_TOKEN", API_TOKEN),
                ("TEST_OPERATOR_TOKEN", TOKEN),
            ],
            &self.dir.path().join("daemon.log"),
        ));
        let url = format!("{}/health", self.base);
        wait_for("the daemon's HTTP port", 60, || {
            std::net::TcpStream::connect(url[7..].split('/').next().unwrap()).is_ok()
        });
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub(crate) fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("daemon.log")).unwrap_or_default()
    }
}

impl Drop for Setup {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let log = self.log();
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            eprintln!("daemon log (last lines):");
            for l in tail.iter().rev() {
                eprintln!("  {l}");
            }
        }
        if let Some(d) = self.daemon.take() {
            stop(d);
        }
    }
}

/// Where the screenshots go.
pub(crate) fn shots() -> (PathBuf, Option<tempfile::TempDir>) {
    match std::env::var_os("WOONMONITOR_SCREENSHOTS") {
        Some(d) => {
            let d = root().join(d);
            std::fs::create_dir_all(&d).unwrap();
            (d, None)
        }
        None => {
            let t = tempfile::tempdir().unwrap();
            (t.path().to_path_buf(), Some(t))
        }
    }
}

/// Screenshots of the current page at desktop, phone and narrow phone width (1280, 390 and
/// 320 CSS pixels); at each, nothing spills out sideways (the page itself never scrolls
/// horizontally, wide tables scroll in their own box) and axe-core finds no WCAG 2.1 A or AA
/// violation.
pub(crate) fn shoot(b: &Browser, dir: &Path, name: &str) {
    for (w, mobile) in [(1280, false), (390, true), (320, true)] {
        b.viewport(w, 900, mobile);
        let overflow = b.script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
        );
        assert!(
            overflow.as_i64().unwrap_or(0) <= 0,
            "{name} at {w} px scrolls sideways by {overflow} px"
        );
        let violations = b.axe();
        assert!(
            violations.is_empty(),
            "{name} at {w} px: WCAG 2.1 A/AA violations:\n{}",
            violations.join("\n")
        );
        b.screenshot_full(&dir.join(format!("console-{name}-{w}.png")));
    }
    b.viewport(1280, 900, false);
}

#[test]
fn an_operator_signs_in_regenerates_releases_and_requeues_in_chromium() {
    let mail = tempfile::tempdir().unwrap();
    // The regional address refuses mail (550) until the server is restarted without it.
    let sink = Sink::start(mail.path(), &["--reject", RECIPIENTS[1]]);
    let mut s = Setup::new(Some(sink.port), "");
    // Feeds under a long folder name: a long unbroken path must wrap, not widen the page on a
    // phone (a regression: the quality page scrolled sideways in a clone with a longer path).
    sample_copy(
        &s.dir
            .path()
            .join("GemeenteUtrechtAfdelingMaatschappelijkeOntwikkelingAanleveringen"),
        &s.cfg,
    );
    s.hold_everything();
    s.start();
    let (shots, _keep) = shots();
    let b = Browser::start();

    // Signing in: a wrong token is refused with a message, the right one opens the overview.
    b.goto(&s.url("/console/"));
    assert!(b.url().ends_with("/console/login"), "{}", b.url());
    assert_eq!(b.title(), "Aanmelden – Woonmonitor beheer");
    assert_eq!(b.script("return document.documentElement.lang;"), "nl");
    shoot(&b, &shots, "aanmelden");
    b.fill("#token", "not-the-token");
    b.click("button[type=submit]");
    b.wait_text("klopt niet", 10, false);
    b.fill("#token", TOKEN);
    b.click("button[type=submit]");
    b.wait_text("Aangemeld als beheerder", 10, false);
    let cookie = b
        .cookies()
        .into_iter()
        .find(|c| c["name"] == "wm_sessie")
        .expect("session cookie");
    assert_eq!(cookie["httpOnly"], true, "{cookie}");
    assert_eq!(cookie["sameSite"], "Strict", "{cookie}");

    // The catch-up run for last month shows up held, with its reason and a release button.
    b.wait_text("vrijgeven en versturen", 180, true);
    let text = b.text();
    assert!(text.contains("ingehaald"), "{text}");
    assert!(text.contains("afgekeurd"), "the hold reason: {text}");
    let stakeholders = |got: std::collections::BTreeMap<String, usize>| {
        got.into_iter()
            .filter(|(r, _)| RECIPIENTS.contains(&r.as_str()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        stakeholders(sink.received()),
        vec![],
        "a held run mails no stakeholder (the operator is told)"
    );
    shoot(&b, &shots, "overzicht");
    let held = b.element_text(".attention .cards li a");
    let held_run = held.trim_start_matches("Run ").to_string();

    // Regenerate one municipality without sending: the job page follows it until done.
    b.click("nav a[href='/console/opnieuw']");
    b.find("#period");
    shoot(&b, &shots, "opnieuw");
    b.click("#s-gemeente");
    b.select("#gemeente", "GM0589");
    b.click("#send-nee");
    b.click("#start");
    b.wait_text("Bekijk run", 120, false); // the page refreshes itself until done
    assert!(b.text().contains("Oudewater"), "{}", b.text());
    assert!(
        b.text().contains("gemaakt maar vastgehouden"),
        "the job says its run is held: {}",
        b.text()
    );
    shoot(&b, &shots, "opdracht");
    b.click("#naar-run");
    b.wait_text("2026", 10, false);
    assert_eq!(b.count(".files li"), 1, "one document: {}", b.text());
    assert!(b.text().contains("gemeente-oudewater_GM0589.pdf"));
    assert!(
        b.text().contains("opnieuw maken gestart"),
        "audit: {}",
        b.text()
    );
    assert_eq!(
        stakeholders(sink.received()),
        vec![],
        "a regeneration without sending mails nobody"
    );

    // Sending asks first and names the recipients.
    b.click("nav a[href='/console/opnieuw']");
    b.click("#s-gemeente");
    b.select("#gemeente", "GM0344");
    b.click("#send-ja");
    b.click("#start");
    b.wait_text("Weet u het zeker", 10, false);
    assert!(b.text().contains(RECIPIENTS[0]), "{}", b.text());
    assert!(!b.text().contains(RECIPIENTS[2]), "{}", b.text());
    shoot(&b, &shots, "bevestigen");
    b.click("a.cancel");
    assert_eq!(
        stakeholders(sink.received()),
        vec![],
        "nothing sent before confirming"
    );

    // Release the held catch-up run from its page: its mails go out (the region's address
    // refuses with 550).
    b.goto(&s.url(&format!("/console/runs/{held_run}")));
    b.wait_text("Vastgehouden omdat", 10, false);
    b.click("form[action$='/release'] button");
    b.wait_text("vrijgegeven", 30, false);
    wait_for("the released mails", 60, || {
        let got = sink.received();
        got.get(RECIPIENTS[0]) == Some(&1) && got.get(RECIPIENTS[2]) == Some(&1)
    });
    let run_text = b.text();
    assert!(run_text.contains("run vrijgegeven"), "audit: {run_text}");
    shoot(&b, &shots, "run");

    // The refused mail is shown failed; once the server accepts again, re-queue it.
    b.click("nav a[href='/console/mails']");
    b.wait_text("mislukt", 60, true);
    shoot(&b, &shots, "mails");
    // The server's reply code in a Dutch sentence; its English words stay in the log.
    assert!(
        b.text()
            .contains("De mailserver weigert deze mail (code 550)"),
        "the server's answer: {}",
        b.text()
    );
    assert!(!b.text().contains("permanent error"), "{}", b.text());
    // The same port, now accepting everyone (its messages in a folder of their own).
    let port = sink.port;
    let first = sink.received();
    drop(sink);
    let mail2 = tempfile::tempdir().unwrap();
    let sink = Sink::start_on(port, mail2.path(), &[]);
    b.click("form[action$='/retry'] button");
    b.wait_text("weer in de wachtrij", 30, false);
    wait_for("the re-queued mail", 60, || {
        sink.received().get(RECIPIENTS[1]) == Some(&1)
    });
    let mut got = first;
    for (r, n) in sink.received() {
        *got.entry(r).or_default() += n;
    }
    for r in RECIPIENTS {
        assert_eq!(got.get(r), Some(&1), "exactly once each: {got:?}");
    }
    b.goto(&s.url("/console/mails"));
    assert_eq!(b.count(".badge.failed"), 0, "{}", b.text());

    // Data quality: counts per reason, never row contents.
    b.click("nav a[href='/console/kwaliteit']");
    b.wait_text("Afgekeurd", 10, false);
    shoot(&b, &shots, "kwaliteit");
    b.click("nav a[href='/console/runs']");
    b.wait_text("vastgehouden", 10, false);
    shoot(&b, &shots, "runs");

    // Signing out ends the session: the console asks for the token again.
    b.click(".who button");
    b.wait_text("Beheerderstoken", 10, false);
    b.goto(&s.url("/console/mails"));
    assert!(b.url().ends_with("/console/login"), "{}", b.url());
    assert!(!s.log().contains(TOKEN), "the token is never logged");
}

/// The accessibility check can fail: on a page with an image without a text alternative, a
/// field without a label and no language, axe-core names each rule.
#[test]
fn axe_names_the_violations_of_a_page_that_has_them() {
    let b = Browser::start();
    b.goto("data:text/html,<title>x</title><img src='x.png'><input type='text'>");
    let found = b.axe().join("\n");
    for rule in ["image-alt", "label", "html-has-lang"] {
        assert!(found.contains(rule), "{rule} missing from:\n{found}");
    }
}
