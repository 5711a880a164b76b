//! The low ones of the third review (issue 32, item 5): sign-in links limited per address and
//! account but never in all, the API's errors as a code and a Dutch message, periods and
//! backtests outside the monitor's years refused, names with control characters refused, a
//! flood of wrong links logged once a minute, the early warnings said to whom they went, one
//! corporation's bad rows marking that corporation "onvolledig" instead of holding everyone.

use std::path::Path;
use std::time::Duration;

use crate::edge::client_from;
use crate::portal::{wait_link_token, EMPLOYEE};
use crate::support::*;

/// The portal daemon (Mitros's employee invited) on a free port; its address, process, log.
fn portal_daemon(dir: &Path) -> (String, std::process::Child, std::path::PathBuf) {
    crate::portal::invited_portal_daemon(dir, "", "")
}

#[test]
fn a_flood_of_sign_in_requests_from_many_addresses_locks_nobody_out() {
    // Regression: 20 addresses asking for links used up the budget of all (200 an hour), and
    // every organisation's people were refused for an hour.
    let dir = tempfile::tempdir().unwrap();
    let (base, daemon, log) = portal_daemon(dir.path());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let c = reqwest::Client::new();
        wait_for_up(&c, &base).await;
        for i in 1..=20 {
            let from = client_from(&format!("127.0.5.{i}"));
            for n in 0..10 {
                let r = from
                    .post(format!("{base}/portaal/aanmelden"))
                    .header("Origin", &base)
                    .form(&[("email", format!("flood{n}@elders.example"))])
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 200, "within one address's limit");
            }
        }
        // Each address is at its own limit…
        let r = client_from("127.0.5.1")
            .post(format!("{base}/portaal/aanmelden"))
            .header("Origin", &base)
            .form(&[("email", EMPLOYEE)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 429);
        // …but the employee, from an address of their own, gets a link.
        let r = client_from("127.0.6.1")
            .post(format!("{base}/portaal/aanmelden"))
            .header("Origin", &base)
            .form(&[("email", EMPLOYEE)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let token = wait_link_token(&dir.path().join("outbox"), EMPLOYEE, 0).await;
        assert!(
            token.is_some(),
            "{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        // 100 wrong links: the log says so once, not 100 times.
        for i in 0..100 {
            let _ = c
                .post(format!("{base}/portaal/link/{i:064x}"))
                .header("Origin", &base)
                .send()
                .await
                .unwrap();
        }
    });
    stop(daemon);
    let log = std::fs::read_to_string(&log).unwrap();
    let lines = log.matches("unknown, used or expired").count();
    assert!(
        (1..=2).contains(&lines),
        "{lines} lines for 100 wrong links"
    );
}

async fn wait_for_up(c: &reqwest::Client, base: &str) {
    for _ in 0..300 {
        if c.get(format!("{base}/portaal/")).send().await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the portal does not answer");
}

#[test]
fn periods_and_backtests_outside_the_monitors_years_are_refused() {
    // Regression: a period of 1902 panicked in the year-end forecast, and `backtest --from 1
    // --to 3000` panicked.
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    for period in ["1902-05", "1899", "2201-Q1"] {
        let o = woonmonitor(&cfg, &["report", "--period", period]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{period}: {err}");
        assert!(err.contains("1990 to 2200"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let o = woonmonitor(&cfg, &["backtest", "--from", "1", "--to", "3000"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("must be years from 1990 to 2200"), "{err}");
}

#[test]
fn a_control_character_in_a_configured_name_is_refused_and_unheard_warnings_are_said() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let o = woonmonitor(&cfg, &["check-config"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    assert!(
        out.contains("the early warnings (section [warning]) reach nobody"),
        "{out}"
    );
    let text = std::fs::read_to_string(&cfg).unwrap().replacen(
        "name = \"Utrecht\"",
        "name = \"Utrecht\\u001b[31m\"",
        1,
    );
    std::fs::write(&cfg, text).unwrap();
    let o = woonmonitor(&cfg, &["check-config"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("contains a control character"), "{err}");
}

#[test]
fn one_corporations_bad_rows_mark_it_onvolledig_and_the_others_publish() {
    // Regression: one corporation's export with many bad rows held the month for everyone.
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    let feed = drop.join("feeds/bo-ex.csv");
    let mut text = std::fs::read_to_string(&feed).unwrap();
    for i in 0..400 {
        text.push_str(&format!("X{i},GM0344,niet-een-datum,Housing First,\n"));
    }
    std::fs::write(&feed, text).unwrap();
    let period = due_month();
    let o = woonmonitor(&cfg, &["pull"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = woonmonitor(&cfg, &["regenerate", "--period", &period]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r = runs(&cfg);
    assert!(!r.contains("held"), "not held for one corporation: {r}");
    let run: i64 = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite"))
        .unwrap()
        .query_row("SELECT max(id) FROM runs WHERE kind = 'report'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let realisation = crate::feeds::figures(dir.path(), run, "realisation.csv");
    let line = |who: &str| {
        realisation
            .lines()
            .find(|l| l.contains(&format!(",GM0344,{who},")))
            .unwrap_or_else(|| panic!("{who}: {realisation}"))
            .to_string()
    };
    assert!(line("Bo-Ex").contains(",incomplete,"), "{}", line("Bo-Ex"));
    assert!(
        !line("Mitros").contains(",incomplete,"),
        "{}",
        line("Mitros")
    );
}

#[test]
fn the_apis_job_and_run_errors_are_a_code_and_a_dutch_message() {
    // Regression: a failed job showed the service's own text (internal paths, a panic's text).
    let dir = tempfile::tempdir().unwrap();
    let s = crate::service::service_with(dir.path(), None, "");
    // The applications' file is gone: the run fails, and its error names the path.
    let cfg_text = std::fs::read_to_string(dir.path().join("c.toml")).unwrap();
    assert!(cfg_text.contains("applications.csv"));
    let text = cfg_text.replace("small/applications.csv", "small/weg.csv");
    std::fs::write(dir.path().join("c.toml"), text).unwrap();
    let s = {
        drop(s);
        let (settings, reference) =
            woonmonitor::config::Settings::load(&woonmonitor::config::LoadOptions {
                file: Some(dir.path().join("c.toml")),
                env: Some(Default::default()),
            })
            .unwrap();
        woonmonitor::service::Service::new(settings, reference)
    };
    let token = "low-ones-api-token-0123456789abcdef";
    let rt = crate::service::rt();
    rt.block_on(async {
        let base = crate::service_api::serve_api(&s, token, 4, true).await;
        let c = reqwest::Client::new();
        let job: serde_json::Value = c
            .post(format!("{base}/regenerate"))
            .bearer_auth(token)
            .json(&serde_json::json!({ "period": "2026-03" }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let job =
            crate::service_api::finished_job(&c, &base, token, job["id"].as_i64().unwrap()).await;
        assert_eq!(job["status"], "failed", "{job}");
        let error = &job["error"];
        assert!(error["code"].is_string(), "{job}");
        let message = error["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty() && !message.contains('/'), "{job}");
        let runs: serde_json::Value = c
            .get(format!("{base}/runs"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for r in runs.as_array().unwrap() {
            if !r["error"].is_null() {
                assert!(r["error"]["code"].is_string(), "{r}");
                assert!(!r["error"].to_string().contains("/tmp"), "{r}");
            }
        }
    });
}
