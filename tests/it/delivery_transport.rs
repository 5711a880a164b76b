//! Mail and sources over the network, with the real binary: a long SMTP outage that loses no
//! mail, a wrong SMTP password that fails none, STARTTLS with the organisation's own CA, and an
//! HTTPS source that asks for a client certificate.

use crate::delivery::{edit, sqlite, stderr, stdout};
use crate::support::*;

#[test]
fn a_long_smtp_outage_loses_no_mail_and_the_operator_is_told_once() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port(); // nothing listens for a long time
    let cfg = config(dir.path(), Some(port), "");
    edit(
        &cfg,
        "retry_base_secs = 0\n",
        "retry_base_secs = 0\nalert_blocked_after_minutes = 0\n",
    );
    // Far more passes than the old attempt budget (8).
    for _ in 0..10 {
        once(&cfg);
    }
    assert_eq!(
        sqlite(
            dir.path(),
            "SELECT COUNT(*) FROM outbox WHERE status = 'failed'"
        ),
        0,
        "an outage never fails a mail"
    );
    let list = stdout(&woonmonitor(&cfg, &["mails"]));
    assert!(list.contains("unreachable since"), "{list}");
    let sink = Sink::start_on(port, &dir.path().join("mail"), &[]);
    once(&cfg);
    once(&cfg);
    let got = sink.received();
    exactly_once(&got);
    assert_eq!(got.get("beheer@example.nl"), Some(&1), "told once: {got:?}");
    let blocked_notice = std::fs::read_dir(&sink.dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .find(|m| m.contains("X-Sink-Rcpt: beheer@example.nl"))
        .unwrap();
    assert!(blocked_notice.contains("onbereikbaar"), "{blocked_notice}");
    assert_eq!(
        sqlite(
            dir.path(),
            "SELECT COUNT(*) FROM outbox WHERE status <> 'sent'"
        ),
        0
    );
}

#[test]
fn a_wrong_password_fails_no_mail_and_the_right_one_delivers_everything() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(&dir.path().join("mail"), &["--auth", "woonmonitor:s3cret"]);
    let cfg = config(dir.path(), Some(sink.port), "");
    edit(
        &cfg,
        "tls = \"none\"\n",
        "tls = \"none\"\nusername = \"woonmonitor\"\npassword_env = \"TEST_SMTP_PASSWORD\"\n",
    );
    let with_password = |password: &str, args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
            .args(args)
            .args(["--config", cfg.to_str().unwrap()])
            .current_dir(root())
            .env("TEST_SMTP_PASSWORD", password)
            .output()
            .unwrap()
    };
    let check = with_password("wrong", &["check-config", "--smtp"]);
    assert_eq!(check.status.code(), Some(2));
    assert!(stderr(&check).contains("535"), "{}", stderr(&check));
    assert!(with_password("wrong", &["daemon", "--once"])
        .status
        .success());
    assert!(with_password("wrong", &["daemon", "--once"])
        .status
        .success());
    assert!(sink.received().is_empty());
    assert_eq!(
        sqlite(
            dir.path(),
            "SELECT COUNT(*) FROM outbox WHERE status = 'failed'"
        ),
        0,
        "a 535 fails no mail"
    );
    let check = with_password("s3cret", &["check-config", "--smtp"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stdout(&check).contains("logged in"), "{}", stdout(&check));
    assert!(with_password("s3cret", &["daemon", "--once"])
        .status
        .success());
    exactly_once(&sink.received());
}

#[test]
fn starttls_with_the_organisations_own_ca_works_when_trusted_and_fails_clearly_when_not() {
    let dir = tempfile::tempdir().unwrap();
    let ca = make_ca(&dir.path().join("ca"));
    let sink = Sink::start(
        &dir.path().join("mail"),
        &[
            "--tls-cert",
            ca.server_cert.to_str().unwrap(),
            "--tls-key",
            ca.server_key.to_str().unwrap(),
        ],
    );
    // Not trusted: nothing is sent, nothing fails, and the check says why.
    let untrusted = dir.path().join("untrusted");
    std::fs::create_dir(&untrusted).unwrap();
    let cfg = config(&untrusted, Some(sink.port), "");
    edit(&cfg, "tls = \"none\"", "tls = \"starttls\"");
    let check = woonmonitor(&cfg, &["check-config", "--smtp"]);
    assert_eq!(check.status.code(), Some(2));
    let err = stderr(&check);
    assert!(
        err.contains("UnknownIssuer") && err.contains("mail.smtp.ca_file"),
        "{err}"
    );
    once(&cfg);
    assert!(sink.received().is_empty());
    assert_eq!(
        sqlite(
            &untrusted,
            "SELECT COUNT(*) FROM outbox WHERE status = 'failed'"
        ),
        0
    );
    // Trusted with mail.smtp.ca_file: delivered over STARTTLS.
    let trusted = dir.path().join("trusted");
    std::fs::create_dir(&trusted).unwrap();
    let cfg = config(&trusted, Some(sink.port), "");
    edit(
        &cfg,
        "tls = \"none\"",
        &format!("tls = \"starttls\"\nca_file = {:?}", ca.ca),
    );
    let check = woonmonitor(&cfg, &["check-config", "--smtp"]);
    assert!(check.status.success(), "{}", stderr(&check));
    once(&cfg);
    exactly_once(&sink.received());
}

#[test]
fn an_https_source_with_the_organisations_own_ca_and_a_client_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let ca = make_ca(&dir.path().join("ca"));
    let port = free_port();
    let file = root().join("data/sample/applications.csv");
    let mut server = python_server(
        "https_source.py",
        &[
            "--port",
            &port.to_string(),
            "--cert",
            ca.server_cert.to_str().unwrap(),
            "--key",
            ca.server_key.to_str().unwrap(),
            "--file",
            file.to_str().unwrap(),
            "--client-ca",
            ca.ca.to_str().unwrap(),
        ],
    );
    let pull = |extra: &str| {
        let d = tempfile::tempdir().unwrap();
        let cfg = config(d.path(), None, "");
        edit(
            &cfg,
            "[sources.applications]\n",
            &format!("[sources.applications]\nurl = \"https://127.0.0.1:{port}/export/applications.csv\"\n{extra}"),
        );
        let o = woonmonitor(&cfg, &["pull"]);
        (o.status.success(), stdout(&o), stderr(&o), d)
    };
    let (ok, out, err, _d) = pull("");
    assert!(!ok, "a failed pull exits non-zero: {err}");
    assert!(err.contains("pull run 1 failed"), "{err}");
    assert!(
        out.contains("pull run 1: failed") && out.contains("UnknownIssuer"),
        "without the CA: {out}"
    );
    let (_, out, _, _d) = pull(&format!("ca_file = {:?}\n", ca.ca));
    assert!(
        out.contains("pull run 1: failed"),
        "without the client certificate: {out}"
    );
    let (_, out, _, _d) = pull(&format!(
        "ca_file = {:?}\nclient_cert = {:?}\nclient_key = {:?}\n",
        ca.ca, ca.client_cert, ca.client_key
    ));
    assert!(out.contains("pull run 1: succeeded"), "{out}");
    assert!(out.contains("applications"), "{out}");
    let _ = server.kill();
    let _ = server.wait();
}
