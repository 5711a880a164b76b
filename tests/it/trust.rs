//! Trust between the organisations, tried as an outside organisation would on loopback: a
//! corporation's upload that claims another corporation's home numbers (with its feed listed
//! first and last in the configuration) changes none of the other's figures; names, formulas and
//! markup typed in a coded column are counted as "overig" and published nowhere.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::portal::{csrf_of, invited_portal_daemon, sign_in, EMPLOYEE};
use crate::support::*;

/// The text of every published file under `dir`: PDFs through pdftotext, workbooks as their XML,
/// the rest as it is.
fn published_text(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(published_text(&p));
            continue;
        }
        let text = match p.extension().and_then(|x| x.to_str()) {
            Some("pdf") => {
                let o = std::process::Command::new("pdftotext")
                    .args([p.to_str().unwrap(), "-"])
                    .output()
                    .expect("pdftotext (poppler-utils) is installed");
                assert!(o.status.success());
                String::from_utf8_lossy(&o.stdout).into_owned()
            }
            Some("xlsx") => {
                let mut zip = zip::ZipArchive::new(std::fs::File::open(&p).unwrap()).unwrap();
                let mut all = String::new();
                for i in 0..zip.len() {
                    let mut f = zip.by_index(i).unwrap();
                    let mut s = String::new();
                    let _ = f.read_to_string(&mut s);
                    all.push_str(&s);
                }
                all
            }
            _ => String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned(),
        };
        out.push((p, text));
    }
    out
}

fn append(path: &Path, lines: &str) {
    let mut text = std::fs::read_to_string(path).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(lines);
    std::fs::write(path, text).unwrap();
}

#[test]
fn names_formulas_and_markup_in_coded_columns_are_counted_as_overig_and_published_nowhere() {
    // Regression: a housing form that is not in the reference data became a row label, so one
    // row with housing form `Piet Jansen` (or a formula, or markup) was printed in the Utrecht
    // document and its Excel annex.
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    let formula = "\"=HYPERLINK(\"\"http://evil.example/t\"\",\"\"HF\"\")\"";
    // One row each: a name as origin, a formula and markup as housing form, a name as the
    // corporation of an application; all in Utrecht this year.
    append(
        &drop.join("applications.csv"),
        &format!(
            "A9100001;05-05-2026;GM0344;Piet Jansen;;;;\n\
             A9100002;06-05-2026;GM0344;MO;{formula};;;\n\
             A9100003;07-05-2026;GM0344;BW;<script>alert(1)</script>;;;\n\
             A9100004;08-05-2026;GM0344;MO;;Klaas Vaak;;\n"
        ),
    );
    // Deliveries: a name as the corporation of a shared file, a formula as housing form, markup
    // in a corporation's own (tab-separated) feed; and a label five rows share (the operator is
    // told of it; the documents still say "overig").
    let mut shared = format!(
        "W9100001;Piet Jansen;GM0344;09-05-2026;Housing First;\n\
         W9100002;Jutphaas;GM0344;10-05-2026;{formula};\n"
    );
    for i in 0..5 {
        shared.push_str(&format!(
            "W91001{i:02};Jutphaas;GM0344;1{i}-06-2026;Kamertraining;\n"
        ));
    }
    append(&drop.join("feeds/overige.csv"), &shared);
    append(
        &drop.join("feeds/ssh.csv"),
        "W9100003\tGM0344\t2026-05-11\t<script>alert(1)</script>\tA0000001\n",
    );
    let o = woonmonitor(
        &cfg,
        &[
            "report",
            "--period",
            "2026-10",
            "--run-date",
            "2026-11-20",
            "--generated-at",
            "2026-11-20T07:00:00",
        ],
    );
    let said = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The operator is told of the label that five rows share, of none of the single cells.
    assert!(said.contains("Kamertraining"), "{said}");
    let never = [
        "Piet Jansen",
        "HYPERLINK",
        "evil.example",
        "<script>",
        "alert(1)",
        "Klaas Vaak",
    ];
    for n in never {
        assert!(!said.contains(n), "{n:?} in the run's summary:\n{said}");
    }
    // Published: the documents (their text), annexes (their XML) and tables.
    let published = published_text(&dir.path().join("out/2026-10"));
    assert!(published.len() >= 50, "{}", published.len());
    for (path, text) in &published {
        for n in never.iter().chain(&["Kamertraining"]) {
            assert!(!text.contains(n), "{n:?} published in {}", path.display());
        }
    }
    // Internal figures: the same group, not the cells.
    for (path, text) in published_text(&dir.path().join("internal/2026-10/figures")) {
        for n in never {
            assert!(!text.contains(n), "{n:?} in {}", path.display());
        }
    }
    // Counted, as "overig": in Utrecht's tables of origins, housing forms and corporations.
    let (_, utrecht) = published
        .iter()
        .find(|(p, _)| p.ends_with("2026-10_gemeente-utrecht_GM0344.pdf"))
        .unwrap();
    assert!(utrecht.contains("overige corporaties"), "{utrecht}");
    assert!(utrecht.matches("overig").count() >= 3, "{utrecht}");
    let breakdowns =
        std::fs::read_to_string(dir.path().join("internal/2026-10/figures/breakdowns.csv"))
            .unwrap();
    assert!(
        breakdowns.contains("GM0344,housing_form,(overig),"),
        "{breakdowns}"
    );
    assert!(
        breakdowns.contains("GM0344,origin,(overig),"),
        "{breakdowns}"
    );
}

/// Portaal's homes made available in Utrecht in January–October 2026 (`realisation.csv`).
fn portaal_utrecht(realisation: &Path) -> u64 {
    let text = std::fs::read_to_string(realisation).unwrap();
    text.lines()
        .find(|l| l.starts_with("2026-10,GM0344,Portaal,"))
        .and_then(|l| l.split(',').nth(3))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no Portaal line for Utrecht in {text}"))
}

/// The configuration in `dir` with Mitros's feed block moved after the other deliveries feeds.
fn mitros_listed_last(cfg: &Path) {
    let text = std::fs::read_to_string(cfg).unwrap();
    let start = text
        .find("[[sources.deliveries]]\nname = \"mitros\"")
        .unwrap();
    let end = start + 1 + text[start + 1..].find("[[sources.deliveries]]").unwrap();
    let block = text[start..end].to_string();
    let rest = format!("{}{}", &text[..start], &text[end..]);
    let at = rest.find("[sources.commitments]").unwrap();
    std::fs::write(cfg, format!("{}{block}{}", &rest[..at], &rest[at..])).unwrap();
}

#[test]
fn an_upload_with_another_corporations_home_numbers_changes_none_of_its_figures() {
    // Regression: duplicates across feeds were matched on the home number alone and the feed
    // listed first won: an upload of Portaal's numbers removed Portaal's homes.
    let portaal_numbers: Vec<String> =
        std::fs::read_to_string(root().join("data/sample/feeds/portaal.csv"))
            .unwrap()
            .lines()
            .skip(1)
            .filter(|l| l.contains(";GM0344;") && l.contains("-2026;"))
            .take(10)
            .map(|l| l.split(';').next().unwrap().to_string())
            .collect();
    assert_eq!(portaal_numbers.len(), 10);
    // Portaal's figure from the files alone.
    let base = tempfile::tempdir().unwrap();
    let base_cfg = config(base.path(), None, "");
    let o = woonmonitor(
        &base_cfg,
        &[
            "report",
            "--period",
            "2026-10",
            "--no-pdf",
            "--run-date",
            "2026-11-20",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let expected = portaal_utrecht(&base.path().join("internal/2026-10/figures/realisation.csv"));
    assert!(expected >= 10, "{expected}");

    for mitros_last in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let (url, daemon, log) = invited_portal_daemon(dir.path(), "", "");
        let cfg = dir.path().join("config.toml");
        if mitros_last {
            mitros_listed_last(&cfg);
        }
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            let outbox = dir.path().join("outbox");
            let (c, home) = sign_in(&url, &outbox, EMPLOYEE, 0).await;
            // Mitros's own homes, and Portaal's numbers as if they were Mitros's.
            let mut csv = String::from(
                "Woningnummer;Gemeentecode;Datum beschikbaar;Woonvorm;Aanvraagnummer\n",
            );
            for i in 0..20 {
                csv.push_str(&format!("M9{i:06};GM0344;1{}-4-2026;LO;\n", i % 9));
            }
            for n in &portaal_numbers {
                csv.push_str(&format!("{n};GM0344;15-3-2026;HF;\n"));
            }
            let form = reqwest::multipart::Form::new()
                .text("csrf", csrf_of(&home))
                .text("feed", "mitros")
                .part(
                    "bestand",
                    reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("export.csv"),
                );
            let preview = c
                .post(format!("{url}/portaal/upload"))
                .header("Origin", url.clone())
                .multipart(form)
                .send()
                .await
                .unwrap();
            assert_eq!(
                preview.status(),
                200,
                "{}",
                std::fs::read_to_string(&log).unwrap()
            );
            let key = preview.url().path().rsplit('/').next().unwrap().to_string();
            let page = preview.text().await.unwrap();
            // Nothing of Portaal's is shown to Mitros.
            assert!(!page.contains("Portaal"), "{page}");
            let yesterday =
                (chrono::Utc::now().date_naive() - chrono::Duration::days(1)).to_string();
            let done = c
                .post(format!("{url}/portaal/uploads/{key}/bevestigen"))
                .header("Origin", url.clone())
                .form(&[("csrf", csrf_of(&page)), ("tot", yesterday)])
                .send()
                .await
                .unwrap();
            assert_eq!(done.status(), 200);
        });
        let o = woonmonitor(&cfg, &["regenerate", "--period", "2026-10", "--region"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let db = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
        let (run, notices): (i64, String) = db
            .query_row(
                "SELECT id, notices FROM runs WHERE kind = 'report' ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let realisation = dir.path().join(format!(
            "state/archive/run-{run}/internal/2026-10/figures/realisation.csv"
        ));
        assert_eq!(
            portaal_utrecht(&realisation),
            expected,
            "Mitros listed last: {mitros_last}"
        );
        // The operator is told once: both organisations, how many numbers.
        assert!(
            notices.contains("Mitros") && notices.contains("Portaal") && notices.contains(" 10 "),
            "{notices}"
        );
        wait_for("the operator's mail", 30, || {
            std::fs::read_dir(dir.path().join("outbox"))
                .unwrap()
                .flatten()
                .any(|e| {
                    std::fs::read_to_string(e.path()).is_ok_and(|t| {
                        t.contains("beheer@example.nl") && t.contains("let op bij de leveringen")
                    })
                })
        });
        stop(daemon);
    }
}
