//! The operators' console in a real browser: headless Debian Chromium over WebDriver
//! (chromium and chromium-driver, installed by `.ci/run`), against the real daemon, a real SMTP
//! server on loopback and a real SQLite file. Plus the forgeries a browser would never send
//! (no CSRF token, another origin, guessing the token), with a plain HTTP client.
//!
//! Screenshots of every page at 1280 and 390 CSS pixels wide land in a temporary folder, or in
//! `WOONMONITOR_SCREENSHOTS` when set (`WOONMONITOR_SCREENSHOTS=docs/img cargo test --test
//! console` refreshes the ones in the README).

use crate::support::webdriver;

use std::path::{Path, PathBuf};

use crate::support::*;
use webdriver::Browser;

/// The operator's own token (the console), and the machines' token (the API).
const TOKEN: &str = "console-test-operator-token-4d1f9a0123";
const API_TOKEN: &str = "console-test-api-token-0123456789abcdef";

/// A state folder with the API and console on a free port, the daemon started with `TOKEN`.
struct Setup {
    dir: tempfile::TempDir,
    cfg: PathBuf,
    base: String,
    daemon: Option<std::process::Child>,
}

impl Setup {
    fn new(smtp: Option<u16>, extra: &str) -> Setup {
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

    fn start(&mut self) {
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

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn log(&self) -> String {
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
fn shots() -> (PathBuf, Option<tempfile::TempDir>) {
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
fn shoot(b: &Browser, dir: &Path, name: &str) {
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

/// Waits until the catch-up's first run has finished (the overview no longer says it runs).
async fn wait_for_run(c: &reqwest::Client, s: &Setup, cookie: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let page = c
            .get(s.url("/console/runs/1"))
            .header("Cookie", cookie)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if page.contains("gelukt") {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "run 1 never finished: {page}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}

/// A form field's value in a page (`name="csrf" value="…"`).
fn csrf_of(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    html[at..at + html[at..].find('"').unwrap()].to_string()
}

#[test]
fn forged_posts_are_refused_without_csrf_or_from_another_origin() {
    let mut s = Setup::new(None, "");
    s.start();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let c = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .unwrap();
        let origin = s.base.clone();
        // Sign in from another origin: refused.
        let r = c
            .post(s.url("/console/login"))
            .header("Origin", "http://evil.example")
            .form(&[("token", TOKEN)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
        // Signed in properly.
        let r = c
            .post(s.url("/console/login"))
            .header("Origin", &origin)
            .form(&[("token", TOKEN)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let set = r.headers()["set-cookie"].to_str().unwrap().to_string();
        for flag in ["HttpOnly", "SameSite=Strict", "Path=/console", "Max-Age="] {
            assert!(set.contains(flag), "{set}");
        }
        let cookie = set.split(';').next().unwrap().to_string();
        let page = c
            .get(s.url("/console/mails"))
            .header("Cookie", &cookie)
            .send()
            .await
            .unwrap();
        let h = page.headers().clone();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"));
        assert_eq!(h["referrer-policy"], "same-origin");
        let html = page.text().await.unwrap();
        let csrf = csrf_of(&html);

        let post = |path: &str, origin: Option<&str>, form: Vec<(&str, String)>| {
            let mut r = c.post(s.url(path)).header("Cookie", &cookie).form(&form);
            if let Some(o) = origin {
                r = r.header("Origin", o);
            }
            r.send()
        };
        // No CSRF token: refused, whatever the origin.
        let r = post("/console/mails/1/cancel", Some(&origin), vec![])
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
        let r = post(
            "/console/opnieuw",
            Some(&origin),
            vec![
                ("csrf", "0".repeat(64)),
                ("period", "2026-09".into()),
                ("scope", "alles".into()),
                ("send", "ja".into()),
                ("confirm", "ja".into()),
            ],
        )
        .await
        .unwrap();
        assert_eq!(r.status(), 403, "a wrong token");
        // The right token from another origin: refused.
        let r = post(
            "/console/opnieuw",
            Some("http://evil.example"),
            vec![
                ("csrf", csrf.clone()),
                ("period", "2026-09".into()),
                ("scope", "alles".into()),
                ("send", "ja".into()),
                ("confirm", "ja".into()),
            ],
        )
        .await
        .unwrap();
        assert_eq!(r.status(), 403, "another origin");
        // Neither Origin nor Referer: refused too (a browser always sends one on a POST).
        let r = post("/console/opnieuw", None, vec![("csrf", csrf.clone())])
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "no origin");
        // With both, the form is taken (and asks for confirmation before sending).
        let r = post(
            "/console/opnieuw",
            Some(&origin),
            vec![
                ("csrf", csrf.clone()),
                ("period", "2026-09".into()),
                ("scope", "regio".into()),
                ("send", "ja".into()),
            ],
        )
        .await
        .unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.text().await.unwrap().contains("Weet u het zeker"));
        // A refusal reads Dutch (regression: the service's English message reached the page).
        wait_for_run(&c, &s, &cookie).await;
        let r = post(
            "/console/runs/1/release",
            Some(&origin),
            vec![("csrf", csrf.clone())],
        )
        .await
        .unwrap();
        assert_eq!(r.status(), 400);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("wordt niet (meer) vastgehouden") && !html.contains("is not held"),
            "{html}"
        );
        // A quarter or a year, too (regression: the console took months only).
        for (period, words) in [
            ("2026-Q3", "het 3e kwartaal 2026 (juli t&#x2f;m september)"),
            ("2025", "het jaar 2025"),
        ] {
            let r = post(
                "/console/opnieuw",
                Some(&origin),
                vec![
                    ("csrf", csrf.clone()),
                    ("period", period.into()),
                    ("scope", "regio".into()),
                    ("send", "ja".into()),
                ],
            )
            .await
            .unwrap();
            assert_eq!(r.status(), 200, "{period}");
            let html = r.text().await.unwrap();
            assert!(html.contains(words), "{period}: {html}");
        }
        // No job was queued by any of these posts.
        let conn =
            rusqlite::Connection::open(s.dir.path().join("state/woonmonitor.sqlite")).unwrap();
        let jobs: i64 = conn
            .query_row("SELECT count(*) FROM jobs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(jobs, 0);

        // Guessing the token: failures are slowed, the right token still gets in (the edge's
        // tests try this harder: tests/it/edge.rs).
        let fresh = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .unwrap();
        for i in 0..5 {
            let r = fresh
                .post(s.url("/console/login"))
                .header("Origin", &origin)
                .form(&[("token", format!("guess-{i}"))])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 401, "guess {i}");
        }
        let r = fresh
            .post(s.url("/console/login"))
            .header("Origin", &origin)
            .form(&[("token", TOKEN)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "the right token after five wrong ones");
        // Pages need a session; the API's bearer token is not a console session.
        let r = fresh
            .get(s.url("/console/runs"))
            .bearer_auth(API_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
    });
    let log = s.log();
    assert!(!log.contains(TOKEN), "the token is never logged");
    assert!(!log.contains(API_TOKEN), "the token is never logged");
}

#[test]
fn behind_a_single_sign_on_proxy_the_user_header_signs_in_and_is_audited() {
    let mut s = Setup::new(
        None,
        "[console]\nuser_header = \"X-Remote-User\"\ntrusted_proxies = [\"127.0.0.1\"]\nsecure_cookies = true\n",
    );
    s.start();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let c = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .unwrap();
        // Without the header: the token sign-in page, as usual.
        let r = c.get(s.url("/console/")).send().await.unwrap();
        assert_eq!(r.status(), 303);
        // With it: signed in as that user.
        let r = c
            .get(s.url("/console/opnieuw"))
            .header("X-Remote-User", "j.jansen@gemeente.example")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(
            r.headers().get("set-cookie").is_none(),
            "the proxy signs in every request: no cookie needed"
        );
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Aangemeld als j.jansen@gemeente.example"),
            "{html}"
        );
        assert!(!html.contains("Afmelden"), "sign-out belongs to the proxy");
        let csrf = csrf_of(&html);
        // An action is recorded under that name.
        let r = c
            .post(s.url("/console/opnieuw"))
            .header("X-Remote-User", "j.jansen@gemeente.example")
            .header("Origin", &s.base)
            .form(&[
                ("csrf", csrf.as_str()),
                ("period", "2026-09"),
                ("scope", "regio"),
                ("send", "nee"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{:?}", r.text().await);
        // An operator's token still signs in (through the proxy, without its header), with a
        // Secure cookie.
        let r = c
            .post(s.url("/console/login"))
            .header("Origin", &s.base)
            .form(&[("token", TOKEN)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let set = r.headers()["set-cookie"].to_str().unwrap().to_string();
        assert!(set.contains("; Secure"), "{set}");
    });
    let conn = rusqlite::Connection::open(s.dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let actions: Vec<(String, String)> = conn
        .prepare("SELECT actor, action FROM audit ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let who = "j.jansen@gemeente.example".to_string();
    assert!(
        actions.contains(&(who.clone(), "aangemeld (via de proxy)".into()))
            && actions.contains(&(who, "opnieuw maken gestart".into())),
        "{actions:?}"
    );
}

#[test]
fn personal_columns_are_named_on_the_quality_page_and_their_values_on_no_page() {
    let mut s = Setup::new(None, "");
    // The applications export with three columns nobody asked for.
    let drop = sample_copy(s.dir.path(), &s.cfg);
    let path = drop.join("applications.csv");
    let apps = std::fs::read_to_string(&path).unwrap();
    let mut out = String::new();
    for (i, line) in apps.lines().enumerate() {
        if i == 0 {
            out.push_str(&format!("{line};Cliëntnaam;Telefoonnr;Opmerking\n"));
        } else if !line.trim().is_empty() {
            out.push_str(&format!(
                "{line};Qwerty Zwaan {i};06-5555{i:04};\"geheim ZQX {i}\"\n"
            ));
        }
    }
    std::fs::write(&path, out).unwrap();
    s.start();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let pages = rt.block_on(async {
        let c = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .unwrap();
        let r = c
            .post(s.url("/console/login"))
            .header("Origin", &s.base)
            .form(&[("token", TOKEN)])
            .send()
            .await
            .unwrap();
        let set = r.headers()["set-cookie"].to_str().unwrap().to_string();
        let cookie = set.split(';').next().unwrap().to_string();
        let get = |p: String| {
            let c = c.clone();
            let cookie = cookie.clone();
            async move {
                c.get(p)
                    .header("Cookie", cookie)
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap()
            }
        };
        // Wait for the catch-up run, then read every page.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        // (until the quality page shows what the report run read)
        while get(s.url("/console/kwaliteit"))
            .await
            .contains("<dt>Regels gelezen</dt><dd>–")
        {
            assert!(std::time::Instant::now() < deadline, "no report run");
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        let mut all = String::new();
        for p in [
            "/console/",
            "/console/runs",
            "/console/runs/1",
            "/console/runs/2",
            "/console/mails",
            "/console/kwaliteit",
            "/console/opnieuw",
        ] {
            all.push_str(&get(s.url(p)).await);
        }
        all
    });
    for h in ["Cliëntnaam", "Telefoonnr", "Opmerking"] {
        assert!(pages.contains(h), "{h} is named on the quality page");
    }
    for v in ["Qwerty Zwaan", "06-5555", "geheim ZQX"] {
        assert!(!pages.contains(v), "{v:?} is shown on a console page");
    }
}

/// The sign-in link's token in the newest mail to `to` in the SMTP sink's folder.
fn portal_link(mail: &Path, to: &str) -> Option<String> {
    portal_link_tokens(mail, &format!("X-Sink-Rcpt: {to}")).pop()
}

/// A corporation's export as an Excel workbook: 60 good rows, then two bad ones (lines 62 and
/// 63), and a column with client names.
fn mitros_export(path: &Path) {
    use chrono::Datelike;
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Opgeleverd").unwrap();
    let header = [
        "Woningnummer",
        "Gemeentecode",
        "Datum beschikbaar",
        "Woonvorm",
        "Aanvraagnummer",
        "Cliëntnaam",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let mut rows: Vec<[String; 6]> = (0..60)
        .map(|i| {
            let day = today - chrono::Duration::days(1 + i % 20);
            [
                format!("W8{i:06}"),
                "GM0344".into(),
                day.format("%-d-%-m-%Y").to_string(),
                "LO".into(),
                "A0000004".into(),
                "Jan Jansen".into(),
            ]
        })
        .collect();
    let year = today.year();
    rows.push([
        "W8100001".into(),
        "GM9999".into(),
        format!("20-1-{year}"),
        "LO".into(),
        "A0000004".into(),
        "Piet Geheim".into(),
    ]);
    rows.push([
        "W8100002".into(),
        "GM0344".into(),
        format!("31-2-{year}"),
        "LO".into(),
        "A0000004".into(),
        "Klaas Vertrouwelijk".into(),
    ]);
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn a_corporation_employee_is_invited_signs_in_by_mail_uploads_and_confirms_in_chromium() {
    const EMPLOYEE: &str = "medewerker@mitros.example";
    let mail = tempfile::tempdir().unwrap();
    let sink = Sink::start(mail.path(), &[]);
    let mut s = Setup::new(Some(sink.port), "");
    // Mitros delivers in the portal; the portal is on, its links point here.
    let text = std::fs::read_to_string(&s.cfg).unwrap();
    let mitros = format!(
        "path = \"{}/data/sample/feeds/mitros.xlsx\"",
        root().display()
    );
    assert!(text.contains(&mitros));
    let text = text.replace(&mitros, "portal = true")
        + &format!("\n[portal]\nenabled = true\npublic_url = \"{}\"\n", s.base);
    std::fs::write(&s.cfg, text).unwrap();
    s.start();
    let (shots, _keep) = shots();
    let b = Browser::start();

    // The operator invites the employee on the console's Portaal page.
    b.goto(&s.url("/console/login"));
    b.fill("#token", TOKEN);
    b.click("button[type=submit]");
    b.wait_text("Aangemeld als beheerder", 10, false);
    // The overview says who has not delivered yet.
    assert!(
        b.text().contains("Portaal: nog niet geleverd"),
        "{}",
        b.text()
    );
    assert!(
        b.text().contains("Mitros (mitros): nog niets geleverd"),
        "{}",
        b.text()
    );
    b.click("nav a[href='/console/portaal']");
    b.wait_text("Nog niet geleverd", 10, false);
    assert!(b.text().contains("nog niets geleverd"), "{}", b.text());
    b.fill("#email", EMPLOYEE);
    b.select("#organisatie", "corporation:Mitros");
    b.click("#uitnodigen ~ form button[type=submit]");
    b.wait_text("De uitnodiging staat in de wachtrij", 10, false);
    assert!(b.text().contains(EMPLOYEE));
    shoot(&b, &shots, "portaal-beheer");
    wait_for("the invitation mail", 30, || {
        sink.received().contains_key(EMPLOYEE)
    });

    // The employee asks for a link and reads it from the mail.
    b.goto(&s.url("/portaal/"));
    assert_eq!(b.title(), "Aanmelden – Woonmonitor portaal");
    shoot(&b, &shots, "portaal-aanmelden");
    b.fill("#email", EMPLOYEE);
    b.click("button[type=submit]");
    b.wait_text("Kijk in uw e-mail", 10, false);
    shoot(&b, &shots, "portaal-mail");
    let mut token = None;
    wait_for("the sign-in link", 30, || {
        token = portal_link(mail.path(), EMPLOYEE);
        token.is_some()
    });
    let link = s.url(&format!("/portaal/link/{}", token.unwrap()));
    b.goto(&link);
    shoot(&b, &shots, "portaal-link");
    b.click("button[type=submit]");
    b.wait_text("Gegevens leveren", 10, false);
    let cookie = b
        .cookies()
        .into_iter()
        .find(|c| c["name"] == "wm_portaal")
        .expect("the portal's session cookie");
    assert_eq!(cookie["httpOnly"], true, "{cookie}");
    assert_eq!(cookie["sameSite"], "Strict", "{cookie}");
    assert_eq!(cookie["path"], "/portaal", "{cookie}");
    shoot(&b, &shots, "portaal-overzicht");

    // The upload: both bad rows by line and reason, the name column named, never its values.
    let export = s.dir.path().join("mitros-export.xlsx");
    mitros_export(&export);
    b.attach("#bestand", &export);
    b.click("form[enctype] button[type=submit]");
    b.wait_text("Controle van uw levering", 30, false);
    let text = b.text();
    for want in [
        "62",
        "63",
        "Cliëntnaam",
        "hoort niet bij de gemeenten van de regio",
        "Bevestigen",
    ] {
        assert!(text.contains(want), "{want} missing: {text}");
    }
    for never in ["Jan Jansen", "Piet Geheim", "Klaas Vertrouwelijk", "GM9999"] {
        assert!(!b.source().contains(never), "{never} echoed");
    }
    shoot(&b, &shots, "portaal-controle");
    b.click("form[action$='/bevestigen'] button[type=submit]");
    b.wait_text("De levering is ontvangen", 30, false);
    shoot(&b, &shots, "portaal-ontvangen");

    // Commitments (for the year that has begun: nothing is approved yet): entered, then
    // approved by the operator on the console.
    b.click("a[href^='/portaal/afspraken']");
    b.wait_text("Grenzen voor", 30, false);
    b.fill("#o-GM0344", "12");
    b.fill("#b-GM0344", "9");
    b.click("form[action='/portaal/afspraken'] button[type=submit]");
    b.wait_text("groter dan de bovengrens", 30, false);
    b.fill("#o-GM0344", "80");
    b.fill("#b-GM0344", "112");
    b.click("form[action='/portaal/afspraken'] button[type=submit]");
    b.wait_text("zijn ingediend", 30, false);
    assert!(b.text().contains("wacht op beoordeling"), "{}", b.text());
    shoot(&b, &shots, "portaal-grenzen");
    b.goto(&s.url("/console/portaal"));
    b.wait_text("Grenzen ter beoordeling", 10, false);
    assert!(b.text().contains("112"), "{}", b.text());
    shoot(&b, &shots, "portaal-beoordelen");
    b.click("button[value=goedkeuren]");
    b.wait_text("De grenzen zijn goedgekeurd", 10, false);
    b.goto(&s.url("/portaal/afspraken"));
    b.wait_text("afgesproken", 30, false);

    // The same link again is refused.
    b.goto(&link);
    b.click("button[type=submit]");
    b.wait_text("werkt niet (meer)", 10, false);
    shoot(&b, &shots, "portaal-link-gebruikt");
    // The error page, as the portal and the console show it.
    b.goto(&s.url("/portaal/bestaat-niet"));
    b.wait_text("bestaat niet (meer)", 10, false);
    shoot(&b, &shots, "portaal-fout");
    b.goto(&s.url("/console/bestaat-niet"));
    b.wait_text("bestaat niet (meer)", 10, false);
    shoot(&b, &shots, "fout");
    drop(b);
    drop(sink);
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
