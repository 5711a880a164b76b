//! One feed per corporation: CSV and xlsx feeds with their own headers and labels give the
//! figures of one combined file; an HTTP feed with a token next to file feeds; a row of another
//! corporation and a home in two feeds are rejected, saying why; configuration mistakes are
//! named. A late feed is in `feeds_late`.

use crate::support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::support::root;
use chrono::{DateTime, NaiveDateTime, Utc};
use woonmonitor::config::{LoadOptions, Settings};
use woonmonitor::domain::Period;
use woonmonitor::service::reporting::{AsOf, ReportRun, SendMode};
use woonmonitor::service::{Selection, Service};
use woonmonitor::store::Trigger;

pub(crate) fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

pub(crate) fn gen() -> NaiveDateTime {
    "2026-05-01T07:00:00".parse().unwrap()
}

pub(crate) fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The small fixture's deliveries, split into three feeds in `dir`: Mitros without a
/// corporation column, Portaal with its own headers, `;` and codes, and a shared feed.
pub(crate) fn split_small_fixture(dir: &Path) {
    let text = std::fs::read_to_string(root().join("tests/fixtures/small/deliveries.csv")).unwrap();
    let mut mitros =
        String::from("dwelling_id,municipality_code,delivered_on,housing_form,application_id\n");
    let mut portaal = String::from("VHE-nummer;Gemeente;Opleverdatum;Type;Kandidaat\n");
    let mut overige = String::from(
        "dwelling_id,corporation,municipality_code,delivered_on,housing_form,application_id\n",
    );
    for line in text.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        match c[1] {
            "Mitros" => mitros.push_str(&format!("{},{},{},{},{}\n", c[0], c[2], c[3], c[4], c[5])),
            "Portaal" => {
                let code = match c[4] {
                    "Housing First" => "HF",
                    "Gemengd wonen" => "GW",
                    "Lichte ondersteuning" => "LO",
                    "" => "",
                    other => panic!("no code for {other}"),
                };
                // Portaal writes dates the Dutch way.
                let d: chrono::NaiveDate = c[3].parse().unwrap();
                portaal.push_str(&format!(
                    "{};{};{};{code};{}\n",
                    c[0],
                    c[2],
                    d.format("%d-%m-%Y"),
                    c[5]
                ))
            }
            _ => overige.push_str(&format!("{line}\n")),
        }
    }
    std::fs::write(dir.join("mitros.csv"), mitros).unwrap();
    std::fs::write(dir.join("portaal.csv"), portaal).unwrap();
    std::fs::write(dir.join("overige.csv"), overige).unwrap();
}

/// The `[[sources.deliveries]]` blocks for the split fixture in `feeds`; `mitros` is the
/// source line(s) of the Mitros feed (a path, or a URL with a token), `portaal_extra` goes into
/// the Portaal feed.
pub(crate) fn feed_blocks(feeds: &Path, mitros: &str, portaal_extra: &str) -> String {
    format!(
        r#"
[[sources.deliveries]]
name = "mitros"
corporation = "Mitros"
{mitros}

[[sources.deliveries]]
name = "portaal"
corporation = "Portaal"
path = {portaal:?}
{portaal_extra}
[sources.deliveries.columns]
dwelling_id = "VHE-nummer"
municipality_code = "Gemeente"
delivered_on = "Opleverdatum"
housing_form = "Type"
application_id = "Kandidaat"
[sources.deliveries.values]
housing_form = [["HF", "Housing First"], ["GW", "Gemengd wonen"], ["LO", "Lichte ondersteuning"]]

[[sources.deliveries]]
name = "overige"
path = {overige:?}
"#,
        portaal = feeds.join("portaal.csv"),
        overige = feeds.join("overige.csv"),
    )
}

/// A configuration in `dir`: the bundled default's region, corporations and privacy settings,
/// the small fixture's applications and commitments, `deliveries` as the deliveries feeds, then
/// state, mail and `extra`.
pub(crate) fn config(dir: &Path, deliveries: &str, extra: &str) -> PathBuf {
    let default = std::fs::read_to_string(root().join("config/default.toml")).unwrap();
    let base = &default[..default.find("# Sources in the canonical schema").unwrap()];
    let fixture = root().join("tests/fixtures/small");
    let text = format!(
        r#"{base}
[sources.applications]
path = {apps:?}

{deliveries}

[sources.commitments]
path = {commitments:?}

[state]
dir = {state:?}

[mail]
from = "w@example.nl"
outbox_dir = {outbox:?}
retry_base_secs = 0

[[recipients]]
audience = "region"
email = "regio@example.nl"
{extra}
"#,
        base = base
            .replace("dir = \"out\"", &format!("dir = {:?}", dir.join("out")))
            .replace(
                "internal_dir = \"state/internal\"",
                &format!("internal_dir = {:?}", dir.join("internal"))
            ),
        apps = fixture.join("applications.csv"),
        commitments = fixture.join("commitments.csv"),
        state = dir.join("state"),
        outbox = dir.join("outbox"),
    );
    let path = dir.join("c.toml");
    std::fs::write(&path, text).unwrap();
    path
}

pub(crate) const HOLD: &str = "[hold]\nmax_rejected_share = 0.5\nmax_source_age_hours = 48\n";

pub(crate) fn service(cfg: &Path) -> Service {
    let (settings, reference) = Settings::load(&LoadOptions {
        file: Some(cfg.to_path_buf()),
        env: Some(Default::default()),
    })
    .unwrap();
    Service::new(settings, reference)
}

/// The file `name` of the report run `run`'s figures in the archive.
pub(crate) fn figures(dir: &Path, run: i64, name: &str) -> String {
    let base = dir.join(format!("state/archive/run-{run}"));
    let found = walk(&base)
        .into_iter()
        .find(|p| p.ends_with(format!("figures/{name}")))
        .unwrap_or_else(|| panic!("no {name} under {}", base.display()));
    std::fs::read_to_string(found).unwrap()
}

pub(crate) fn walk(dir: &Path) -> Vec<PathBuf> {
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

/// The report run at `now` for `period`, mailing nothing.
fn preview(period: &str, now: DateTime<Utc>) -> ReportRun {
    ReportRun {
        period: period.parse::<Period>().unwrap(),
        span: woonmonitor::domain::Span::Month,
        trigger: Trigger::Manual,
        selection: Selection::All,
        send: SendMode::No,
        as_of: AsOf::Latest,
        now,
        generated_at: gen(),
    }
}

/// A loopback HTTP server for one file, read at every request (so a test can change it); it
/// answers 401 without `Authorization: Bearer <token>` and records the request lines.
struct FeedServer {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

fn feed_server(file: PathBuf, token: &'static str) -> FeedServer {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://127.0.0.1:{}/export/mitros.csv",
        listener.local_addr().unwrap().port()
    );
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = requests.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 8192];
            let n = stream.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            seen.lock().unwrap().push(req.clone());
            let authorized = req
                .lines()
                .any(|l| l.eq_ignore_ascii_case(&format!("authorization: Bearer {token}")));
            let resp = if authorized {
                let body = std::fs::read(&file).unwrap();
                [
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes(),
                    body,
                ]
                .concat()
            } else {
                b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec()
            };
            let _ = stream.write_all(&resp);
        }
    });
    FeedServer { url, requests }
}

#[test]
fn feeds_in_csv_and_xlsx_give_the_figures_of_one_combined_file() {
    // The bundled configuration reads nine feeds (two xlsx, CSV with `;` and tabs, Dutch
    // headers, codes for housing forms); data/sample/deliveries.csv holds the same homes in
    // one canonical file.
    let dir = tempfile::tempdir().unwrap();
    let cfg = support::config(dir.path(), None, "");
    let run = |out: &str, data: Option<&str>| {
        let out_dir = dir.path().join(out);
        let text = std::fs::read_to_string(&cfg).unwrap();
        let c = dir.path().join(format!("{out}.toml"));
        std::fs::write(
            &c,
            text.replace(
                &format!("dir = {:?}", dir.path().join("out")),
                &format!("dir = {out_dir:?}"),
            ),
        )
        .unwrap();
        let internal = out_dir.join("internal");
        let mut args = vec![
            "report",
            "--period",
            "2026-10",
            "--no-pdf",
            "--internal",
            internal.to_str().unwrap(),
        ];
        if let Some(d) = data {
            args.extend(["--data", d]);
        }
        let o = support::woonmonitor(&c, &args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        internal.join("2026-10/figures")
    };
    let feeds = run("feeds", None);
    let combined = run("combined", Some("data/sample"));
    for f in ["key_figures.csv", "realisation.csv", "trends.csv"] {
        let a = std::fs::read_to_string(feeds.join(f)).unwrap();
        let b = std::fs::read_to_string(combined.join(f)).unwrap();
        assert!(a.lines().count() > 10, "{f} has figures");
        assert_eq!(a, b, "{f}: the feeds give the figures of the combined file");
    }
    // Each feed has its own rejected-rows file, named after the feed.
    for feed in ["mitros", "portaal", "viveste", "overige"] {
        assert!(dir
            .path()
            .join(format!("feeds/internal/2026-10/rejected/{feed}.csv"))
            .exists());
    }
}

#[test]
fn an_http_feed_with_a_token_next_to_file_feeds() {
    let dir = tempfile::tempdir().unwrap();
    let feeds = dir.path().join("feeds");
    std::fs::create_dir_all(&feeds).unwrap();
    split_small_fixture(&feeds);
    let server = feed_server(feeds.join("mitros.csv"), "s3cret-token");
    std::fs::write(dir.path().join("token"), "s3cret-token\n").unwrap();
    let mitros = format!(
        "path = \"mitros.csv\"\nurl = {:?}\ntoken_file = {:?}",
        server.url,
        dir.path().join("token")
    );
    let cfg = config(dir.path(), &feed_blocks(&feeds, &mitros, ""), HOLD);
    let s = service(&cfg);
    let rt = rt();
    let now = utc("2026-05-02T08:00:00Z");
    rt.block_on(s.pull(Trigger::Manual, now)).unwrap();
    let store = s.store().unwrap();
    for f in [
        "applications",
        "mitros",
        "portaal",
        "overige",
        "commitments",
    ] {
        assert!(
            store.latest_snapshot(f).unwrap().is_some(),
            "a snapshot of {f}"
        );
    }
    let (m, _) = store.latest_snapshot("mitros").unwrap().unwrap();
    assert_eq!(m.origin, server.url, "the URL, without credentials");
    let reqs = server.requests.lock().unwrap().clone();
    assert!(!reqs.is_empty());
    assert!(
        reqs.iter().all(|r| r.contains("s3cret-token")),
        "the token goes in the header of every request"
    );
    assert!(reqs
        .iter()
        .all(|r| !r.lines().next().unwrap().contains("s3cret")));

    let run = rt.block_on(s.report(&preview("2026-04", now))).unwrap();

    // The operators' API lists the feeds separately, and each run's snapshots by feed.
    let (feeds_json, run_json) = rt.block_on(async {
        let queue = Arc::new(woonmonitor::service::worker::Queue::new(4));
        let secrets = woonmonitor::config::HttpSecrets {
            api: Some("t0ken".into()),
            operators: Vec::new(),
        };
        let app = woonmonitor::web::router(s.clone(), queue, &secrets);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let c = reqwest::Client::new();
        let get = |path: &str| c.get(format!("{base}{path}")).bearer_auth("t0ken").send();
        let feeds: serde_json::Value = get("/feeds").await.unwrap().json().await.unwrap();
        let run: serde_json::Value = get(&format!("/runs/{run}"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        (feeds, run)
    });
    let list = feeds_json["feeds"].as_array().unwrap();
    let names: Vec<&str> = list.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "applications",
            "mitros",
            "portaal",
            "overige",
            "commitments"
        ]
    );
    assert_eq!(list[1]["corporation"], "Mitros");
    // Its kind and host, never the URL's path or credentials.
    assert_eq!(
        list[1]["origin"],
        serde_json::json!({ "kind": "url", "host": "127.0.0.1" })
    );
    assert!(list[1]["snapshot"]["sha256"].is_string(), "{feeds_json}");
    assert!(list[1]["age_seconds"].is_i64(), "{feeds_json}");
    assert!(!feeds_json.to_string().contains("s3cret"));
    let run_feeds: Vec<&str> = run_json["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["feed"].as_str().unwrap())
        .collect();
    assert!(run_feeds.contains(&"portaal"), "{run_json}");

    // The same homes in one canonical file.
    let one = tempfile::tempdir().unwrap();
    let single = format!(
        "[sources.deliveries]\npath = {:?}\n",
        root().join("tests/fixtures/small/deliveries.csv")
    );
    let cfg1 = config(one.path(), &single, HOLD);
    let s1 = service(&cfg1);
    rt.block_on(s1.pull(Trigger::Manual, now)).unwrap();
    let run1 = rt.block_on(s1.report(&preview("2026-04", now))).unwrap();
    for f in ["key_figures.csv", "realisation.csv"] {
        let a = figures(dir.path(), run, f);
        assert_eq!(a, figures(one.path(), run1, f), "{f}");
        assert!(a.contains("Portaal") || f == "key_figures.csv");
    }
}

#[test]
fn an_http_feed_without_its_token_is_refused_and_names_the_feed() {
    let dir = tempfile::tempdir().unwrap();
    let feeds = dir.path().join("feeds");
    std::fs::create_dir_all(&feeds).unwrap();
    split_small_fixture(&feeds);
    let server = feed_server(feeds.join("mitros.csv"), "right");
    std::fs::write(dir.path().join("token"), "wrong").unwrap();
    let mitros = format!(
        "path = \"mitros.csv\"\nurl = {:?}\ntoken_file = {:?}",
        server.url,
        dir.path().join("token")
    );
    let cfg = config(dir.path(), &feed_blocks(&feeds, &mitros, ""), HOLD);
    let o = support::woonmonitor(&cfg, &["pull"]);
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!o.status.success(), "{out}");
    assert!(out.contains("mitros"), "the feed is named: {out}");
    assert!(out.contains("401"), "the status is given: {out}");
    assert!(!out.contains("wrong"), "the token is never shown: {out}");
    // The other feeds were pulled all the same.
    let listed = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(listed.contains("portaal"), "{listed}");
}

#[test]
fn a_row_of_another_corporation_is_rejected_and_a_number_two_corporations_use_counts_for_both() {
    let dir = tempfile::tempdir().unwrap();
    let feeds = dir.path().join("feeds");
    std::fs::create_dir_all(&feeds).unwrap();
    split_small_fixture(&feeds);
    // Portaal's export names Mitros on one row (a typo in a corporation's export), and lists
    // w1, a number Mitros uses for one of its homes too: Portaal's w1 is Portaal's home.
    std::fs::write(
        feeds.join("portaal.csv"),
        "VHE-nummer;Corporatie;Gemeente;Opleverdatum;Type;Kandidaat\n\
         w3;Portaal;GM0344;28-04-2025;GW;a2\n\
         w6;Portaal;GM0344;15-02-2026;LO;a6\n\
         w7;Mitros;GM0344;31-03-2026;HF;a7\n\
         w1;Portaal;GM0344;05-02-2025;HF;\n",
    )
    .unwrap();
    let mitros = format!("path = {:?}", feeds.join("mitros.csv"));
    let cfg = config(
        dir.path(),
        &feed_blocks(&feeds, &mitros, "").replace(
            "dwelling_id = \"VHE-nummer\"",
            "dwelling_id = \"VHE-nummer\"\ncorporation = \"Corporatie\"",
        ),
        "",
    );
    let o = support::woonmonitor(&cfg, &["report", "--period", "2026-04", "--no-pdf"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rejected =
        std::fs::read_to_string(dir.path().join("internal/2026-04/rejected/portaal.csv")).unwrap();
    // Each rejected row with its line number in the export and the reason.
    let line = |prefix: &str| {
        rejected
            .lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix} rejected: {rejected}"))
            .to_string()
    };
    let w7 = line("4,w7,");
    assert!(w7.contains("hoort niet bij deze feed van Portaal"), "{w7}");
    assert_eq!(
        rejected.lines().count(),
        2,
        "header and one row: {rejected}"
    );
    // Both homes w1 count; the operator is told the two corporations share a number.
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        said.contains("Mitros en Portaal leveren 1 dezelfde woningnummer(s) aan"),
        "{said}"
    );
    // Portaal's 2026 homes without the rejected w7: only w6.
    let realisation =
        std::fs::read_to_string(dir.path().join("internal/2026-04/figures/realisation.csv"))
            .unwrap();
    assert!(
        realisation.contains("\n2026-04,GM0344,Portaal,1,"),
        "{realisation}"
    );
    assert!(
        realisation.contains("\n2026-04,GM0344,Mitros,2,"),
        "{realisation}"
    );
}

#[test]
fn feed_configuration_mistakes_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let feeds = dir.path().join("feeds");
    std::fs::create_dir_all(&feeds).unwrap();
    split_small_fixture(&feeds);
    let check = |deliveries: &str| {
        let cfg = config(dir.path(), deliveries, "");
        let o = support::woonmonitor(&cfg, &["check-config"]);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&o.stdout)
        );
        String::from_utf8_lossy(&o.stderr).to_string()
    };
    let two_unnamed = format!(
        "[[sources.deliveries]]\npath = {a:?}\n[[sources.deliveries]]\npath = {b:?}\n",
        a = feeds.join("mitros.csv"),
        b = feeds.join("overige.csv")
    );
    let e = check(&two_unnamed);
    assert!(
        e.contains("sources.deliveries[0].name: give each feed a name"),
        "{e}"
    );
    let unknown = format!(
        "[[sources.deliveries]]\nname = \"mitros\"\ncorporation = \"Mitroos\"\npath = {:?}\n",
        feeds.join("mitros.csv")
    );
    let e = check(&unknown);
    assert!(
        e.contains("sources.deliveries.corporation \"Mitroos\" is not a configured corporation"),
        "{e}"
    );
    let same = format!(
        "[[sources.deliveries]]\nname = \"x\"\npath = {a:?}\n[[sources.deliveries]]\nname = \"x\"\npath = {b:?}\n",
        a = feeds.join("mitros.csv"),
        b = feeds.join("overige.csv")
    );
    let e = check(&same);
    assert!(e.contains("another feed has this name"), "{e}");
    let bad_until = format!(
        "[[sources.deliveries]]\nname = \"m\"\ncovers_until = \"eind maart\"\npath = {:?}\n",
        feeds.join("mitros.csv")
    );
    let e = check(&bad_until);
    assert!(
        e.contains("covers_until \"eind maart\" must be a date"),
        "{e}"
    );
}
