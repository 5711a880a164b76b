//! Uploads the portal refuses, against the real daemon on loopback: a file the virus scanner
//! refuses (not kept, the operator told), a workbook with a far cell, an upload that stalls from
//! another 127.x address, and one without a session; the daemon stays up.

use std::time::Duration;

use crate::portal::{csrf_of, invited_portal_daemon, sign_in, sign_in_with_jar, EMPLOYEE};
use crate::support::{root, stop};

#[test]
fn an_upload_the_virus_scanner_refuses_is_not_kept_and_the_operator_is_told() {
    let dir = tempfile::tempdir().unwrap();
    // The scanner is `false`: it refuses everything (as clamdscan does a virus, exit 1).
    let (base, daemon, log) = invited_portal_daemon(dir.path(), "", "scan_command = \"false\"");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let (c, home) = sign_in(&base, &dir.path().join("outbox"), EMPLOYEE, 0).await;
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf_of(&home))
            .text("feed", "mitros")
            .part(
                "bestand",
                reqwest::multipart::Part::bytes(
                    std::fs::read(root().join("data/sample/feeds/mitros.xlsx")).unwrap(),
                )
                .file_name("mitros.xlsx"),
            );
        let refused = c
            .post(format!("{base}/portaal/upload"))
            .header("Origin", base.clone())
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(
            refused.status(),
            422,
            "{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        assert!(refused.text().await.unwrap().contains("virusscanner"));
    });
    stop(daemon);
    let kept: Vec<_> = std::fs::read_dir(dir.path().join("state/uploads"))
        .unwrap()
        .flatten()
        .collect();
    assert!(kept.is_empty(), "nothing kept: {kept:?}");
    let db = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let told: i64 = db
        .query_row(
            "SELECT count(*) FROM outbox WHERE recipient = 'beheer@example.nl' AND subject LIKE '%virusscanner%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(told, 1, "the operator is told");
    let snapshots: i64 = db
        .query_row(
            "SELECT count(*) FROM snapshots WHERE feed = 'mitros'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(snapshots, 0);
}

/// The bundled Mitros workbook with a cell at `XFD1048576` (calamine once allocated rows ×
/// columns for it: 512 GiB).
fn workbook_with_a_far_cell() -> Vec<u8> {
    use std::io::{Read, Write};
    let bytes = std::fs::read(root().join("data/sample/feeds/mitros.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if f.name() == "xl/worksheets/sheet1.xml" {
            data = String::from_utf8(data)
                .unwrap()
                .replace(
                    "</sheetData>",
                    r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#,
                )
                .into_bytes();
        }
        out.start_file(f.name(), opts).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// As an attacker on loopback would try the upload: a hostile workbook, an upload that stalls
/// from another 127.x address, an upload without a session.
#[test]
fn hostile_and_stalled_uploads_are_refused_and_the_daemon_stays_up() {
    let dir = tempfile::tempdir().unwrap();
    let (base, daemon, log) = invited_portal_daemon(dir.path(), "body_timeout_secs = 2", "");
    let port: u16 = base.rsplit(':').next().unwrap().parse().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let (c, jar, home) = sign_in_with_jar(&base, &dir.path().join("outbox"), EMPLOYEE).await;
        let csrf = csrf_of(&home);

        // A workbook with a cell at XFD1048576: a preview that refuses it, at once.
        let started = std::time::Instant::now();
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("feed", "mitros")
            .part(
                "bestand",
                reqwest::multipart::Part::bytes(workbook_with_a_far_cell()).file_name("mitros.xlsx"),
            );
        let page = c
            .post(format!("{base}/portaal/upload"))
            .header("Origin", base.clone())
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(page.contains("kan niet worden gebruikt"), "{page}");
        assert!(!page.contains("Bevestigen</button>"), "a refused file cannot be confirmed");
        assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());

        // An upload from 127.0.0.2 that sends its headers and part of the file, then stalls:
        // answered and closed after the body time-out (2 s), nothing kept.
        use reqwest::cookie::CookieStore;
        let session = jar
            .cookies(&format!("{base}/portaal/").parse().unwrap())
            .expect("the portal's session cookie")
            .to_str()
            .unwrap()
            .to_string();
        let started = std::time::Instant::now();
        let sock = tokio::net::TcpSocket::new_v4().unwrap();
        sock.bind("127.0.0.2:0".parse().unwrap()).unwrap();
        let mut s = sock
            .connect(format!("127.0.0.1:{port}").parse().unwrap())
            .await
            .unwrap();
        let boundary = "XyZbound";
        let part = |name: &str, value: &str| {
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
        };
        let body = format!(
            "{}{}--{boundary}\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"x.csv\"\r\n\r\nWoningnummer;Gemeentecode\r\n",
            part("csrf", &csrf),
            part("feed", "mitros")
        );
        let request = format!(
            "POST /portaal/upload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {base}\r\nCookie: {session}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: 1000000\r\n\r\n{body}"
        );
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        s.write_all(request.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        tokio::time::timeout(Duration::from_secs(60), s.read_to_end(&mut answer))
            .await
            .expect("the stalled upload is answered and closed")
            .unwrap();
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(started.elapsed() < Duration::from_secs(30), "{:?}", started.elapsed());

        // Without a session: sent to the sign-in page, nothing read.
        let anonymous = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .post(format!("{base}/portaal/upload"))
            .header("Origin", base.clone())
            .body(vec![b'x'; 100_000])
            .send()
            .await
            .unwrap();
        assert_eq!(anonymous.status(), 303);

        // The daemon is still there.
        let health = reqwest::get(format!("{base}/health")).await.unwrap();
        assert!(health.status().is_success() || health.status() == 404);
        let again = c.get(format!("{base}/portaal/")).send().await.unwrap();
        assert_eq!(again.status(), 200);
    });
    stop(daemon);
    let kept: Vec<_> = std::fs::read_dir(dir.path().join("state/uploads"))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        kept.is_empty(),
        "nothing of a refused or stalled upload is kept: {kept:?}"
    );
    let log = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(!log.contains("panicked"), "{log}");
}
