//! The portal as a corporation's employee uses it, against the real daemon on loopback: invited
//! on the command line, a sign-in link by mail (the outbox's .eml files), signing in once, an
//! upload with bad rows and a client-name column, its preview, the confirmation, a regeneration
//! that now has the feed, other organisations' documents answering 404, an upload over the limit.
//! Reminders and deadlines are in `portal_deadlines`, refused uploads in `portal_uploads`.

use std::path::Path;
use std::time::Duration;

use crate::support::*;
use chrono::Datelike;

pub(crate) const EMPLOYEE: &str = "medewerker@mitros.example";

/// The `seen`-th sign-in link's token (from 0) in mails to `to` in the outbox folder.
pub(crate) fn link_token(outbox: &Path, to: &str, seen: usize) -> Option<String> {
    portal_link_tokens(outbox, to).get(seen).cloned()
}

/// [`link_token`], waiting up to 10 s for the mail to reach the outbox.
pub(crate) async fn wait_link_token(outbox: &Path, to: &str, seen: usize) -> Option<String> {
    for _ in 0..100 {
        if let Some(t) = link_token(outbox, to, seen) {
            return Some(t);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

/// `woonmonitor accounts add` for the Mitros employee.
pub(crate) fn invite_employee(cfg: &Path) -> std::process::Output {
    woonmonitor(
        cfg,
        &[
            "accounts",
            "add",
            "--email",
            EMPLOYEE,
            "--corporation",
            "Mitros",
        ],
    )
}

pub(crate) fn csrf_of(page: &str) -> String {
    let i = page
        .find("name=\"csrf\" value=\"")
        .expect("a form with a CSRF token")
        + 19;
    page[i..i + 64].to_string()
}

#[test]
fn a_corporation_signs_in_uploads_sees_its_rows_confirms_and_sees_only_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let cfg = config(
        dir.path(),
        None,
        &format!(
            "[api]\nenabled = true\nbind = \"127.0.0.1:{port}\"\ntoken_env = \"PORTAL_TEST_NO_TOKEN\"\n\n[portal]\nenabled = true\npublic_url = \"{base}\"\n"
        ),
    );
    // Mitros delivers in the portal instead of from a file; at most 20 kB.
    let text = std::fs::read_to_string(&cfg).unwrap();
    let mitros_path = format!(
        "path = \"{}/data/sample/feeds/mitros.xlsx\"",
        root().display()
    );
    assert!(text.contains(&mitros_path), "{text}");
    std::fs::write(
        &cfg,
        text.replace(&mitros_path, "portal = true\nmax_bytes = 20000"),
    )
    .unwrap();
    let check = woonmonitor(&cfg, &["check-config"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // Invited on the command line; a second time changes nothing.
    let o = invite_employee(&cfg);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("invited"));
    let again = invite_employee(&cfg);
    assert!(String::from_utf8_lossy(&again.stdout).contains("has an account already"));
    let list = woonmonitor(&cfg, &["accounts", "list"]);
    assert!(
        String::from_utf8_lossy(&list.stdout).contains("corporation:Mitros"),
        "{}",
        String::from_utf8_lossy(&list.stdout)
    );

    // Without Mitros's delivery the report is made with Mitros "onvolledig" (its feed covers
    // nothing yet); regression: the run failed with "run `woonmonitor pull`", which cannot help.
    let period = due_month();
    let before = woonmonitor(&cfg, &["regenerate", "--period", &period, "--region"]);
    assert!(
        before.status.success(),
        "{}",
        String::from_utf8_lossy(&before.stderr)
    );
    let run: i64 = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite"))
        .unwrap()
        .query_row("SELECT max(id) FROM runs WHERE kind = 'report'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let realisation = std::fs::read_to_string(
        dir.path()
            .join(format!("state/archive/run-{run}/internal"))
            .join(&period)
            .join("figures/realisation.csv"),
    )
    .unwrap();
    assert!(
        realisation
            .lines()
            .filter(|l| l.contains(",Mitros,"))
            .all(|l| l.split(',').nth(6) == Some("incomplete")),
        "{realisation}"
    );

    let log = dir.path().join("daemon.log");
    let daemon = spawn_daemon(&cfg, &[], &log);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let c = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let mut up = false;
        for _ in 0..300 {
            if c.get(format!("{base}/portaal/")).send().await.is_ok() {
                up = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(up, "{}", std::fs::read_to_string(&log).unwrap_or_default());
        let post = |path: &str| {
            c.post(format!("{base}{path}"))
                .header("Origin", base.clone())
        };

        // The same answer for a known and an unknown address; a mail only for the known one.
        let known = post("/portaal/aanmelden")
            .form(&[("email", EMPLOYEE)])
            .send()
            .await
            .unwrap();
        assert_eq!(known.status(), 200);
        let known = known.text().await.unwrap();
        let unknown = post("/portaal/aanmelden")
            .form(&[("email", "iemand@elders.example")])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(known, unknown);
        assert!(known.contains("Kijk in uw e-mail"));
        let outbox = dir.path().join("outbox");
        let token = wait_link_token(&outbox, EMPLOYEE, 0).await;
        let token = token.expect("a sign-in link in the outbox");
        assert!(link_token(&outbox, "iemand@elders.example", 0).is_none());

        // Opening the link uses nothing up; its button signs in.
        let page = c
            .get(format!("{base}/portaal/link/{token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let signed = post(&format!("/portaal/link/{token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(signed.status(), 200);
        let home = signed.text().await.unwrap();
        assert!(home.contains("Gegevens leveren"), "{home}");
        assert!(home.contains(EMPLOYEE));
        // The same link again is refused.
        let other = reqwest::Client::new();
        let reused = other
            .post(format!("{base}/portaal/link/{token}"))
            .header("Origin", base.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(reused.status(), 400);
        // A POST from elsewhere is refused.
        let foreign = c
            .post(format!("{base}/portaal/afmelden"))
            .header("Origin", "http://evil.example")
            .form(&[("csrf", csrf_of(&home))])
            .send()
            .await
            .unwrap();
        assert_eq!(foreign.status(), 403);

        // An export with two bad rows and a client-name column.
        // 60 good rows in the last weeks (lines 2-61), then the two bad ones (lines 62, 63).
        let today = chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Amsterdam)
            .date_naive();
        let year = today.year();
        let mut csv = String::from(
            "Woningnummer;Gemeentecode;Datum beschikbaar;Woonvorm;Aanvraagnummer;Naam cliënt\n",
        );
        let mut this_year = false;
        for i in 0..60 {
            let day = today - chrono::Duration::days(1 + i % 20);
            this_year |= day.year() == year;
            // Each its own application, one the register does not know (a number the register
            // says another corporation housed would be a conflict: `inflation`).
            csv.push_str(&format!(
                "W9{i:06};GM0344;{};LO;A8{i:06};Jan Jansen\n",
                day.format("%-d-%-m-%Y")
            ));
        }
        csv.push_str(&format!(
            "W9100001;GM9999;20-1-{year};LO;A0000004;Piet Geheim\n"
        ));
        csv.push_str(&format!(
            "W9100002;GM0344;31-2-{year};LO;A0000004;Klaas Vertrouwelijk\n"
        ));
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf_of(&home))
            .text("feed", "mitros")
            .part(
                "bestand",
                reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("export.csv"),
            );
        let preview = post("/portaal/upload")
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(
            preview.status(),
            200,
            "{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        let url = preview.url().to_string();
        let preview = preview.text().await.unwrap();
        assert!(url.contains("/portaal/uploads/"), "{url}");
        for want in ["Regels gelezen", "Afgekeurd", "Naam cliënt", "Bevestigen"] {
            assert!(preview.contains(want), "{want} missing: {preview}");
        }
        // Their homes this year per municipality (none in the first days of January).
        assert_eq!(preview.contains("Utrecht"), this_year, "{preview}");
        // Lines 62 and 63 (the header is line 1), each with its reason.
        assert!(
            preview.contains("<td data-label=\"Regel\">62</td>"),
            "{preview}"
        );
        assert!(
            preview.contains("<td data-label=\"Regel\">63</td>"),
            "{preview}"
        );
        for never in ["Jan Jansen", "Piet Geheim", "Klaas Vertrouwelijk", "GM9999"] {
            assert!(!preview.contains(never), "{never} echoed: {preview}");
        }

        // Another organisation's view of the same upload: 404 (the address is not enough).
        let key = url.rsplit('/').next().unwrap().to_string();
        let stranger = reqwest::Client::new()
            .get(format!("{base}/portaal/uploads/{key}"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            stranger.url().path(),
            "/portaal/",
            "not signed in: to the sign-in page"
        );

        // Confirmed, complete up to yesterday.
        let yesterday = (chrono::Utc::now().date_naive() - chrono::Duration::days(1)).to_string();
        let done = post(&format!("/portaal/uploads/{key}/bevestigen"))
            .form(&[("csrf", csrf_of(&preview)), ("tot", yesterday)])
            .send()
            .await
            .unwrap();
        assert_eq!(done.status(), 200);
        assert!(done
            .text()
            .await
            .unwrap()
            .contains("De levering is ontvangen"));

        // An upload over the feed's limit is refused while it streams.
        let home = c
            .get(format!("{base}/portaal/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let big = reqwest::multipart::Form::new()
            .text("csrf", csrf_of(&home))
            .text("feed", "mitros")
            .part(
                "bestand",
                reqwest::multipart::Part::bytes(vec![b'x'; 200_000]).file_name("groot.csv"),
            );
        let refused = post("/portaal/upload").multipart(big).send().await.unwrap();
        assert_eq!(refused.status(), 413);
        let uploads: Vec<_> = std::fs::read_dir(dir.path().join("state/uploads"))
            .unwrap()
            .flatten()
            .collect();
        assert!(uploads.is_empty(), "nothing kept: {uploads:?}");
    });

    // The next regeneration has Mitros's delivery, with who delivered it.
    let after = woonmonitor(&cfg, &["regenerate", "--period", &period, "--region"]);
    assert!(
        after.status.success(),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
    let db = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let origin: String = db
        .query_row(
            "SELECT origin FROM snapshots WHERE feed = 'mitros'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(origin, format!("portal: {EMPLOYEE}"));
    let actions: Vec<String> = db
        .prepare("SELECT action FROM audit WHERE actor = ?1 ORDER BY id")
        .unwrap()
        .query_map([format!("portaal:{EMPLOYEE}")], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for want in [
        "aanmeldlink gevraagd",
        "aangemeld",
        "bestand geüpload",
        "levering bevestigd",
    ] {
        assert!(
            actions.iter().any(|a| a == want),
            "{want} not audited: {actions:?}"
        );
    }
    let region_doc: i64 = db
        .query_row(
            "SELECT max(id) FROM reports WHERE audience_kind = 'region'",
            [],
            |r| r.get(0),
        )
        .unwrap();

    // Its documents: the region's; a municipality's document answers 404, even by its id.
    let regen = woonmonitor(
        &cfg,
        &[
            "regenerate",
            "--period",
            &period,
            "--municipality",
            "GM0344",
        ],
    );
    assert!(
        regen.status.success(),
        "{}",
        String::from_utf8_lossy(&regen.stderr)
    );
    let municipal_doc: i64 = db
        .query_row(
            "SELECT max(id) FROM reports WHERE audience_kind = 'municipality'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    rt.block_on(async {
        let c = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let o = woonmonitor(&cfg, &["accounts", "list"]);
        assert!(o.status.success());
        c.post(format!("{base}/portaal/aanmelden"))
            .header("Origin", base.clone())
            .form(&[("email", EMPLOYEE)])
            .send()
            .await
            .unwrap();
        let outbox = dir.path().join("outbox");
        let token = wait_link_token(&outbox, EMPLOYEE, 1).await;
        let token = token.expect("a second sign-in link");
        let home = c
            .post(format!("{base}/portaal/link/{token}"))
            .header("Origin", base.clone())
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            home.contains(&format!("/portaal/rapporten/{region_doc}")),
            "{home}"
        );
        assert!(!home.contains(&format!("/portaal/rapporten/{municipal_doc}\"")));
        let own = c
            .get(format!("{base}/portaal/rapporten/{region_doc}"))
            .send()
            .await
            .unwrap();
        let status = own.status();
        let kind = own.headers()["content-type"].to_str().unwrap().to_string();
        assert_eq!(
            (status, kind.as_str()),
            (reqwest::StatusCode::OK, "application/pdf"),
            "{}\n{}",
            own.text().await.unwrap_or_default(),
            std::fs::read_to_string(dir.path().join("daemon.log")).unwrap_or_default()
        );
        let theirs = c
            .get(format!("{base}/portaal/rapporten/{municipal_doc}"))
            .send()
            .await
            .unwrap();
        assert_eq!(theirs.status(), 404);
        // The portal's session is no operator's: the console is not reached with it.
        let console = c.get(format!("{base}/console/")).send().await.unwrap();
        assert_ne!(console.status(), 200);
    });

    // Disabled: its session ends at once.
    let o = woonmonitor(&cfg, &["accounts", "disable", "--email", EMPLOYEE]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    stop(daemon);
}

/// The daemon on a free port with the portal on (`api_extra` and `portal_extra` added to their
/// sections) and `EMPLOYEE` of Mitros invited: its address, the process and its log.
pub(crate) fn invited_portal_daemon(
    dir: &Path,
    api_extra: &str,
    portal_extra: &str,
) -> (String, std::process::Child, std::path::PathBuf) {
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let cfg = portal_config(dir);
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace(
            "bind = \"127.0.0.1:1\"",
            &format!("bind = \"127.0.0.1:{port}\"\n{api_extra}"),
        )
        .replace(
            "public_url = \"https://woonmonitor.example\"",
            &format!("public_url = \"{base}\"\n{portal_extra}"),
        );
    std::fs::write(&cfg, text).unwrap();
    let o = invite_employee(&cfg);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let log = dir.join("daemon.log");
    let daemon = spawn_daemon(&cfg, &[], &log);
    (base, daemon, log)
}

/// A portal configuration in `dir`: Mitros delivers in the portal; reminders on the 2nd working
/// day.
pub(crate) fn portal_config(dir: &Path) -> std::path::PathBuf {
    let cfg = config(
        dir,
        None,
        "[api]\nenabled = true\nbind = \"127.0.0.1:1\"\ntoken_env = \"PORTAL_TEST_NO_TOKEN\"\n\n[portal]\nenabled = true\npublic_url = \"https://woonmonitor.example\"\nremind_working_day = 2\n",
    );
    let text = std::fs::read_to_string(&cfg).unwrap();
    let mitros_path = format!(
        "path = \"{}/data/sample/feeds/mitros.xlsx\"",
        root().display()
    );
    std::fs::write(&cfg, text.replace(&mitros_path, "portal = true")).unwrap();
    cfg
}

/// A client signed in to the portal at `base` as `email` (the first link to that address),
/// with its cookie jar.
pub(crate) async fn sign_in_with_jar(
    base: &str,
    outbox: &Path,
    email: &str,
) -> (
    reqwest::Client,
    std::sync::Arc<reqwest::cookie::Jar>,
    String,
) {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let c = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .build()
        .unwrap();
    let home = sign_in_client(&c, base, outbox, email, 0).await;
    (c, jar, home)
}

/// A client signed in to the portal at `base` as `email` (the `nth` link to that address).
pub(crate) async fn sign_in(
    base: &str,
    outbox: &Path,
    email: &str,
    nth: usize,
) -> (reqwest::Client, String) {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let home = sign_in_client(&c, base, outbox, email, nth).await;
    (c, home)
}

/// Signs `c` in; the overview page.
pub(crate) async fn sign_in_client(
    c: &reqwest::Client,
    base: &str,
    outbox: &Path,
    email: &str,
    nth: usize,
) -> String {
    let mut up = false;
    for _ in 0..300 {
        if c.get(format!("{base}/portaal/")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "the portal does not answer");
    c.post(format!("{base}/portaal/aanmelden"))
        .header("Origin", base)
        .form(&[("email", email)])
        .send()
        .await
        .unwrap();
    let token = wait_link_token(outbox, email, nth).await;
    let home = c
        .post(format!(
            "{base}/portaal/link/{}",
            token.expect("a sign-in link")
        ))
        .header("Origin", base)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("Gegevens leveren"), "{home}");
    home
}
