//! The operators' console through a plain HTTP client, against the real daemon: the forgeries a
//! browser would never send (no CSRF token, another origin, guessing the token), signing in
//! behind a single sign-on proxy (audited under the proxy's user), and personal columns named on
//! the quality page while their values appear on no page.

use crate::console::{Setup, API_TOKEN, TOKEN};
use crate::support::*;

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
