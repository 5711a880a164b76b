//! The HTTP API's description (`GET /openapi.json`, `src/web/openapi.json`) kept true:
//! every route of the API's source is described and every described path is a route; and
//! schemathesis (from PyPI, in the venv `tests/setup` makes) throws generated requests at the running
//! daemon: no 5xx on any of them, every answer's status, content type and body matching the
//! description.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use crate::support::*;

const TOKEN: &str = "openapi-test-api-token-0123456789abcdef";

fn spec() -> serde_json::Value {
    serde_json::from_str(woonmonitor::web::api::OPENAPI).expect("openapi.json is JSON")
}

#[test]
fn every_route_is_described_and_every_description_is_a_route() {
    let spec = spec();
    assert_eq!(spec["openapi"], "3.1.0");
    let described: BTreeSet<String> = spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| format!("{} {path}", m.to_uppercase()))
        })
        .collect();
    // The routes as the API's source declares them: `.route("/path", get(..).post(..))`.
    let src =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/web/api.rs"))
            .unwrap();
    let mut routes = BTreeSet::new();
    for (i, _) in src.match_indices(".route(\"") {
        let rest = &src[i + 8..];
        let path = &rest[..rest.find('"').unwrap()];
        let call = &rest[..rest.find(")\n").unwrap_or(rest.len())];
        for method in ["get", "post", "put", "delete", "patch"] {
            if call.contains(&format!("{method}(")) {
                routes.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    assert!(routes.len() >= 10, "{routes:?}");
    assert_eq!(
        routes, described,
        "routes (left) and the description (right) differ"
    );
    // Every reference resolves.
    let text = spec.to_string();
    for (i, _) in text.match_indices("#/components/schemas/") {
        let name: String = text[i + 21..]
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        assert!(
            spec["components"]["schemas"].get(&name).is_some(),
            "{name} is referenced but not defined"
        );
    }
}

/// The schemathesis command line from the venv `tests/setup` makes.
fn schemathesis() -> PathBuf {
    let st = venv().join("bin/schemathesis");
    assert!(
        st.exists(),
        "{} is missing: run tests/setup (it installs schemathesis into the venv)",
        st.display()
    );
    st
}

#[test]
fn the_running_daemon_answers_every_generated_request_as_described() {
    let st = schemathesis();
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let cfg = config(
        dir.path(),
        None,
        &format!("[api]\nenabled = true\nbind = \"127.0.0.1:{port}\"\ntoken_env = \"OPENAPI_TEST_TOKEN\"\n"),
    );
    let daemon = spawn_daemon(
        &cfg,
        &[("OPENAPI_TEST_TOKEN", TOKEN)],
        &dir.path().join("daemon.log"),
    );
    wait_for("the daemon's HTTP port", 60, || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    // Let the catch-up run finish, so runs, reports and mails exist to be read.
    let db = dir.path().join("state/woonmonitor.sqlite");
    wait_for("the catch-up run", 120, || {
        rusqlite::Connection::open(&db)
            .and_then(|c| {
                c.query_row(
                    "SELECT count(*) FROM runs WHERE kind = 'report' AND status = 'succeeded'",
                    [],
                    |r| r.get::<_, i64>(0),
                )
            })
            .is_ok_and(|n| n > 0)
    });
    let out = Command::new(&st)
        .args([
            "--no-color",
            "run",
            &format!("http://127.0.0.1:{port}/openapi.json"),
            "--header",
            &format!("Authorization: Bearer {TOKEN}"),
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance",
            "--max-examples",
            "25",
            "--seed",
            "1",
            "--request-timeout",
            "40",
        ])
        .env("SCHEMATHESIS_HOOKS", "")
        // Its own files (.schemathesis/) go into the test's folder, not the checkout.
        .current_dir(dir.path())
        .output()
        .unwrap();
    stop(daemon);
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "schemathesis found problems:\n{text}");
    // It did test every operation, with many requests, and found the description's limits
    // match what the daemon accepts.
    let number_after = |key: &str| -> usize {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(key))
            .and_then(|v| v.trim().split('/').next_back()?.trim().parse().ok())
            .unwrap_or(0)
    };
    let (selected, tested) = (number_after("Selected:"), number_after("Tested:"));
    assert!(
        selected >= 9 && tested == selected,
        "{tested} of {selected} operations tested:\n{text}"
    );
    let generated: usize = text
        .lines()
        .find_map(|l| l.trim().split_once(" generated, "))
        .and_then(|(n, _)| n.trim().parse().ok())
        .unwrap_or(0);
    assert!(generated >= 100, "only {generated} requests:\n{text}");
    assert!(
        !text.contains("Schema validation mismatch"),
        "the description and the daemon disagree on what is valid:\n{text}"
    );
    let log = std::fs::read_to_string(dir.path().join("daemon.log")).unwrap_or_default();
    assert!(!log.contains(TOKEN), "the token is never logged");
}
