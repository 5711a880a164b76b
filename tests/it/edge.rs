//! The HTTP edge tried as an attacker on the same network would: against the real daemon on
//! loopback, from other 127.x source addresses, with forged headers, wrong tokens, stalled and
//! slow connections, and a full job queue (those two in `edge_load`). Each test names what gave
//! way before it was fixed.

use std::net::{IpAddr, SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::support::*;

/// The machines' token (the API) and two operators' own tokens (the console).
pub(crate) const API_TOKEN: &str = "edge-test-api-token-0123456789abcdef";
const JANSEN: &str = "edge-test-operator-jansen-0123456789";
const DEVRIES: &str = "edge-test-operator-devries-012345678";

pub(crate) struct Daemon {
    dir: tempfile::TempDir,
    cfg: PathBuf,
    pub(crate) port: u16,
    child: Option<std::process::Child>,
}

impl Daemon {
    /// A state folder with the HTTP port on a free port; `extra` goes after `[api]` (e.g. a
    /// `[console]` section).
    pub(crate) fn new(extra: &str) -> Daemon {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        for (name, token) in [("jansen", JANSEN), ("devries", DEVRIES)] {
            std::fs::write(dir.path().join(name), format!("{token}\n")).unwrap();
        }
        let console = if extra.contains("[console]") {
            extra.to_string()
        } else {
            format!("[console]\n{extra}")
        };
        let cfg = config(
            dir.path(),
            None,
            &format!(
                "[api]\nenabled = true\nbind = \"127.0.0.1:{port}\"\ntoken_env = \"EDGE_API_TOKEN\"\n\n{console}\n\
                 [[console.operators]]\nname = \"j.jansen\"\ntoken_file = {:?}\n\
                 [[console.operators]]\nname = \"p.devries\"\ntoken_file = {:?}\n",
                dir.path().join("jansen"),
                dir.path().join("devries"),
            ),
        );
        Daemon {
            dir,
            cfg,
            port,
            child: None,
        }
    }

    pub(crate) fn start(&mut self) {
        self.start_with(&[("EDGE_API_TOKEN", API_TOKEN)]);
    }

    /// Starts the daemon with this environment (`start`: with the API's token).
    fn start_with(&mut self, env: &[(&str, &str)]) {
        self.child = Some(spawn_daemon(
            &self.cfg,
            env,
            &self.dir.path().join("daemon.log"),
        ));
        let port = self.port;
        wait_for("the daemon's HTTP port", 60, || {
            TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
    }

    fn restart(&mut self) {
        if let Some(c) = self.child.take() {
            stop(c);
        }
        self.start();
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub(crate) fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("daemon.log")).unwrap_or_default()
    }

    pub(crate) fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.dir.path().join("state/woonmonitor.sqlite")).unwrap()
    }

    fn audit(&self) -> Vec<(String, String, String)> {
        self.db()
            .prepare("SELECT actor, action, detail FROM audit ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let log = self.log();
            eprintln!("daemon log (last lines):");
            for l in log.lines().rev().take(30).collect::<Vec<_>>().iter().rev() {
                eprintln!("  {l}");
            }
        }
        if let Some(c) = self.child.take() {
            stop(c);
        }
    }
}

/// An HTTP client whose connections come from `from` (any 127.x address reaches loopback).
pub(crate) fn client_from(from: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .local_address(from.parse::<IpAddr>().unwrap())
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

pub(crate) fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Signs in at the console with `token` from `c`; the status and the session cookie.
async fn sign_in(c: &reqwest::Client, d: &Daemon, token: &str) -> (u16, Option<String>) {
    let r = c
        .post(d.url("/console/login"))
        .header("Origin", format!("http://127.0.0.1:{}", d.port))
        .form(&[("token", token)])
        .send()
        .await
        .unwrap();
    let cookie = r
        .headers()
        .get("set-cookie")
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string());
    (r.status().as_u16(), cookie)
}

#[test]
fn a_user_header_from_an_untrusted_peer_is_refused_and_behind_the_proxy_the_client_is_the_forwarded_one(
) {
    // Regression: with console.user_header set, `X-Remote-User: wethouder.jansen` from anyone
    // signed in as that name, and the audit trail recorded the forged name.
    let mut d = Daemon::new(
        "user_header = \"X-Remote-User\"\ntrusted_proxies = [\"127.0.0.1\"]\nsecure_cookies = true\n",
    );
    d.start();
    rt().block_on(async {
        let attacker = client_from("127.0.0.2");
        for path in ["/console/", "/console/opnieuw", "/health", "/runs"] {
            let r = attacker
                .get(d.url(path))
                .header("X-Remote-User", "wethouder.jansen")
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 403, "{path} with a forged user header");
        }
        // Without the header, the attacker is just someone who must sign in.
        let r = attacker.get(d.url("/console/")).send().await.unwrap();
        assert_eq!(r.status(), 303);

        // Through the proxy: signed in as the proxy's user; the client is the last hop the proxy
        // added, not what the browser claimed.
        let proxy = client_from("127.0.0.1");
        for _ in 0..5 {
            let r = proxy
                .get(d.url("/console/opnieuw"))
                .header("X-Remote-User", "j.devries@gemeente.example")
                .header("X-Forwarded-For", "6.6.6.6, 192.0.2.7")
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            let html = r.text().await.unwrap();
            assert!(html.contains("Aangemeld als j.devries@gemeente.example"));
        }
    });
    let audit = d.audit();
    assert!(
        !audit.iter().any(|(a, _, _)| a.contains("wethouder")),
        "the forged name is nowhere: {audit:?}"
    );
    let signins: Vec<_> = audit
        .iter()
        .filter(|(a, act, _)| {
            a == "j.devries@gemeente.example" && act == "aangemeld (via de proxy)"
        })
        .collect();
    assert_eq!(
        signins.len(),
        1,
        "one session per proxy user, not one per request: {audit:?}"
    );
    assert!(signins[0].2.contains("192.0.2.7") && !signins[0].2.contains("6.6.6.6"));
    let sessions: i64 = d
        .db()
        .query_row("SELECT count(*) FROM console_sessions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sessions, 1);
    assert!(d
        .log()
        .contains("refused: the user header came from a peer that is not a trusted proxy"));
}

#[test]
fn check_config_and_start_refuse_an_unguarded_user_header_short_tokens_and_credentials_over_http() {
    let d = Daemon::new("user_header = \"X-Remote-User\"\n");
    let run = |cmd: &str, cfg: &std::path::Path, token: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
            .args([cmd, "--config", cfg.to_str().unwrap()])
            .current_dir(root())
            .env("EDGE_API_TOKEN", token)
            .output()
            .unwrap()
    };
    // Regression: `check-config` accepted user_header without anything saying who may send it.
    for cmd in ["check-config", "daemon"] {
        let o = run(cmd, &d.cfg, API_TOKEN);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {err}");
        assert!(err.contains("console.trusted_proxies"), "{cmd}: {err}");
    }
    // With the proxy named it is fine.
    let text = std::fs::read_to_string(&d.cfg).unwrap().replace(
        "user_header = \"X-Remote-User\"\n",
        "user_header = \"X-Remote-User\"\ntrusted_proxies = [\"127.0.0.1\", \"10.20.0.0/16\"]\n",
    );
    std::fs::write(&d.cfg, &text).unwrap();
    let o = run("check-config", &d.cfg, API_TOKEN);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("2 operator(s)"), "{out}");
    assert!(
        !out.contains(API_TOKEN) && !out.contains(JANSEN),
        "no token printed"
    );

    // Tokens shorter than 32 characters: the API's and an operator's.
    for cmd in ["check-config", "daemon"] {
        let o = run(cmd, &d.cfg, "short-api-token");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {err}");
        assert!(err.contains("at least 32"), "{err}");
        assert!(
            !err.contains("short-api-token"),
            "the token itself is never shown"
        );
    }
    std::fs::write(d.dir.path().join("jansen"), "too-short\n").unwrap();
    let o = run("check-config", &d.cfg, API_TOKEN);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("j.jansen") && err.contains("at least 32"),
        "{err}"
    );
    std::fs::write(d.dir.path().join("jansen"), format!("{API_TOKEN}\n")).unwrap();
    let err = String::from_utf8_lossy(&run("check-config", &d.cfg, API_TOKEN).stderr).to_string();
    assert!(err.contains("the same as another's"), "{err}");
    std::fs::write(d.dir.path().join("jansen"), format!("{JANSEN}\n")).unwrap();

    // A feed's credentials over plain http://, except to loopback.
    let feed = |url: &str| {
        let t = text.replace(
            "path = \"",
            &format!(
                "url = \"{url}\"\ntoken_file = {:?}\npath = \"",
                d.dir.path().join("devries")
            ),
        );
        std::fs::write(&d.cfg, t).unwrap();
        run("check-config", &d.cfg, API_TOKEN)
    };
    let o = feed("http://export.corporatie.example/wm.csv");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("use https://"));
    let o = feed("http://127.0.0.1:9/wm.csv");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = feed("https://export.corporatie.example/wm.csv");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn wrong_guesses_are_slowed_but_never_keep_the_right_token_out() {
    // Regression: five wrong sign-ins locked every operator behind the same proxy out for 15
    // minutes (the right token got 429), another 127.x address walked around it, and wrong API
    // tokens were never slowed.
    let mut d = Daemon::new("");
    d.start();
    rt().block_on(async {
        let console_guesses = async {
            let c = client_from("127.0.0.1");
            let mut last = Duration::ZERO;
            for i in 0..6 {
                let t = Instant::now();
                let (status, _) =
                    sign_in(&c, &d, &format!("guess-{i}-0123456789abcdef0123456789")).await;
                assert_eq!(status, 401, "guess {i}");
                last = t.elapsed();
            }
            assert!(
                last >= Duration::from_millis(3500),
                "the 6th guess waited {last:?}"
            );
            // The right token from the same client: in at once.
            let t = Instant::now();
            let (status, cookie) = sign_in(&c, &d, JANSEN).await;
            assert_eq!(status, 303, "the right token after wrong ones");
            assert!(t.elapsed() < Duration::from_secs(2));
            cookie.unwrap()
        };
        let api_guesses = async {
            let c = client_from("127.0.0.3");
            let mut last = Duration::ZERO;
            for i in 0..6 {
                let t = Instant::now();
                let r = c
                    .get(d.url("/runs"))
                    .bearer_auth(format!("wrong-{i}-0123456789abcdef0123456789"))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 401);
                last = t.elapsed();
            }
            assert!(
                last >= Duration::from_millis(3500),
                "the 6th wrong bearer token waited {last:?}"
            );
            let t = Instant::now();
            let r = c
                .get(d.url("/runs"))
                .bearer_auth(API_TOKEN)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            assert!(t.elapsed() < Duration::from_secs(2));
        };
        let (cookie, ()) = tokio::join!(console_guesses, api_guesses);
        // The console is the operators' own: the machines' token does not sign in there.
        let c = client_from("127.0.0.1");
        let (status, _) = sign_in(&c, &d, API_TOKEN).await;
        assert_eq!(status, 401);
        let r = c
            .get(d.url("/console/"))
            .header("Cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.text().await.unwrap().contains("j.jansen"));

        // Many source addresses at once: past the global budget every guess waits the longest.
        let mut tasks = Vec::new();
        for i in 1..=40 {
            let c = client_from(&format!("127.0.1.{i}"));
            let url = d.url("/console/login");
            let origin = format!("http://127.0.0.1:{}", d.port);
            tasks.push(tokio::spawn(async move {
                let t = Instant::now();
                let r = c
                    .post(url)
                    .header("Origin", origin)
                    .form(&[("token", format!("spray-{i}-0123456789abcdef0123456789"))])
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 401);
                t.elapsed()
            }));
        }
        // Meanwhile, once the daemon has turned all 40 away (its log says so), the right
        // token, from yet another address, is let in at once.
        let turned_away = || {
            d.log()
                .lines()
                .filter(|l| l.contains("console sign-in failed") && l.contains("127.0.1."))
                .count()
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while turned_away() < 40 {
            assert!(
                Instant::now() < deadline,
                "{} of 40 turned away:\n{}",
                turned_away(),
                d.log()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let t = Instant::now();
        let (status, _) = sign_in(&client_from("127.0.2.1"), &d, DEVRIES).await;
        assert_eq!(status, 303);
        assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
        let mut slowed = 0;
        for t in tasks {
            if t.await.unwrap() >= Duration::from_secs(9) {
                slowed += 1;
            }
        }
        assert!(
            slowed >= 10,
            "only {slowed} of 40 sprayed guesses were slowed"
        );
    });
    // Named in the audit trail, with where they came from; failures only as far as the budget.
    let audit = d.audit();
    assert!(audit
        .iter()
        .any(|(a, act, det)| a == "j.jansen" && act == "aangemeld" && det == "vanaf 127.0.0.1"));
    assert!(audit
        .iter()
        .any(|(a, act, _)| a == "p.devries" && act == "aangemeld"));
    let failed = audit
        .iter()
        .filter(|(_, act, _)| act == "aanmelden mislukt")
        .count();
    assert!(failed <= 31, "{failed} failures audited");
    let log = d.log();
    for t in [API_TOKEN, JANSEN, DEVRIES] {
        assert!(!log.contains(t), "a token in the log");
    }
}

#[test]
fn feeds_and_runs_name_where_data_comes_from_without_a_path() {
    // Regression: /feeds and /runs/{id} returned each feed's full local path.
    let mut d = Daemon::new("");
    let drop = sample_copy(d.dir.path(), &d.cfg);
    d.start();
    let folder = drop.display().to_string();
    rt().block_on(async {
        let c = client_from("127.0.0.1");
        let get = |p: &'static str| {
            let c = c.clone();
            let url = d.url(p);
            async move {
                c.get(url)
                    .bearer_auth(API_TOKEN)
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap()
            }
        };
        let feeds = get("/feeds").await;
        let v: serde_json::Value = serde_json::from_str(&feeds).unwrap();
        assert!(!v["feeds"].as_array().unwrap().is_empty());
        for f in v["feeds"].as_array().unwrap() {
            assert_eq!(f["origin"], serde_json::json!({ "kind": "file" }), "{f}");
        }
        // The catch-up pull run has snapshots of every feed.
        let deadline = Instant::now() + Duration::from_secs(120);
        let run = loop {
            let r = get("/runs/1").await;
            if r.contains("\"snapshots\":[{") {
                break r;
            }
            assert!(Instant::now() < deadline, "no pull run: {r}");
            tokio::time::sleep(Duration::from_millis(250)).await;
        };
        for text in [&feeds, &run] {
            assert!(!text.contains(&folder), "a path in {text}");
            assert!(!text.contains("/drop/"), "a path in {text}");
        }
        assert!(run.contains("\"origin\":{\"kind\":\"file\"}"), "{run}");
    });
}

#[test]
fn console_sessions_survive_a_restart_and_only_their_hash_is_stored() {
    // Regression: a restart signed every operator out (sessions lived in memory). The console
    // runs with the default idle time-out (30 minutes).
    let mut d = Daemon::new("");
    d.start();
    let cookie = rt().block_on(async {
        let (status, cookie) = sign_in(&client_from("127.0.0.1"), &d, DEVRIES).await;
        assert_eq!(status, 303);
        cookie.unwrap()
    });
    d.restart();
    rt().block_on(async {
        let r = client_from("127.0.0.1")
            .get(d.url("/console/runs"))
            .header("Cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "still signed in after the restart");
        assert!(r.text().await.unwrap().contains("p.devries"));
        // A made-up cookie is not a session.
        let r = client_from("127.0.0.1")
            .get(d.url("/console/runs"))
            .header("Cookie", format!("wm_sessie={}", "0".repeat(64)))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
    });
    let id = cookie.split_once('=').unwrap().1.to_string();
    let stored: Vec<String> = d
        .db()
        .prepare("SELECT id_hash || actor || csrf FROM console_sessions")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert!(
        !stored[0].contains(&id),
        "the session id itself is not stored"
    );
    // Idle for 29 minutes: still signed in (and the idle clock starts again); idle for 31: the
    // session has ended and is gone from the store.
    let idle_for = |minutes: i64| {
        let seen = chrono::Utc::now() - chrono::Duration::minutes(minutes);
        d.db()
            .execute(
                "UPDATE console_sessions SET last_seen = ?1",
                [seen.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)],
            )
            .unwrap();
    };
    let runs_page = || {
        rt().block_on(async {
            client_from("127.0.0.1")
                .get(d.url("/console/runs"))
                .header("Cookie", &cookie)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        })
    };
    idle_for(29);
    assert_eq!(runs_page(), 200, "idle for 29 minutes");
    idle_for(31);
    assert_eq!(runs_page(), 303, "idle for 31 minutes: sent to sign in");
    let left: i64 = d
        .db()
        .query_row("SELECT count(*) FROM console_sessions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "the idle session is deleted");
}

#[test]
fn the_console_serves_without_an_api_token_and_then_the_api_is_not_there() {
    // The console once lived inside the API module and existed only when the API's token did.
    let mut d = Daemon::new("");
    d.start_with(&[]);
    rt().block_on(async {
        let c = client_from("127.0.0.1");
        let (status, cookie) = sign_in(&c, &d, JANSEN).await;
        assert_eq!(status, 303, "{}", d.log());
        let r = c
            .get(d.url("/console/runs"))
            .header("Cookie", cookie.unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.text().await.unwrap().contains("j.jansen"));
        let r = c
            .get(d.url("/runs"))
            .bearer_auth(API_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "no API without its token");
        let r = c.get(d.url("/health")).send().await.unwrap();
        assert_eq!(r.status(), 200);
    });
}
