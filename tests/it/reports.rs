//! The PDF reports end to end: the binary writes them, poppler's `pdftotext`/`pdfinfo` read them
//! back (installed by `.ci/run`), and the tests check figures, footer, metadata, suppression,
//! reproducibility and size.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn woonmonitor(args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args(args)
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("binary runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// `report` for `period` on `data` with a fixed run date and generation time.
fn report(data: &Path, out: &Path, period: &str, run_date: &str, config: Option<&Path>) {
    let cfg = config
        .map(|p| p.to_str().unwrap().to_string())
        .unwrap_or_else(|| "config/default.toml".into());
    woonmonitor(&[
        "report",
        "--config",
        &cfg,
        "--period",
        period,
        "--run-date",
        run_date,
        "--generated-at",
        "2026-04-10T07:30:00",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--internal",
        out.join("internal").to_str().unwrap(),
    ]);
}

fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8(o.stdout).unwrap()
}

fn pdfinfo(pdf: &Path) -> String {
    let o = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo is installed");
    String::from_utf8(o.stdout).unwrap()
}

/// Whitespace collapsed; `< 5` written as `<5` (pdftotext's layout mode may drop that space).
fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("< ", "<")
}

fn fixture() -> PathBuf {
    root().join("tests/fixtures/small")
}

#[test]
fn every_document_type_is_written_with_stable_names() {
    let out = tempfile::tempdir().unwrap();
    report(&fixture(), out.path(), "2026-03", "2026-04-10", None);
    let dir = out.path().join("2026-03");
    for name in [
        "2026-03_gemeente-utrecht_GM0344.pdf",
        "2026-03_gemeente-de-ronde-venen_GM0736.pdf",
        "2026-03_regio-u16.pdf",
        "2026-03_corporatie-mitros.pdf",
        "2026-03_corporatie-bo-ex.pdf",
    ] {
        assert!(dir.join(name).exists(), "{name} missing");
    }
    let pdfs = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "pdf")
        })
        .count();
    // 16 municipalities, the region, 12 configured corporations.
    assert_eq!(pdfs, 16 + 1 + 12);
}

#[test]
fn municipality_report_has_key_figures_footer_and_metadata() {
    let data = tempfile::tempdir().unwrap();
    woonmonitor(&[
        "sample-data",
        "--config",
        "config/default.toml",
        "--out",
        data.path().to_str().unwrap(),
        "--years",
        "3",
        "--seed",
        "11",
        "--until",
        "2026-04-09",
        "--clean",
    ]);
    let out = tempfile::tempdir().unwrap();
    report(data.path(), out.path(), "2026-03", "2026-04-10", None);
    let pdf = out
        .path()
        .join("2026-03/2026-03_gemeente-utrecht_GM0344.pdf");
    let text = squash(&pdftotext(&pdf));
    // Key figures as in key_figures.csv, formatted the Dutch way.
    let key = std::fs::read_to_string(out.path().join("internal/2026-03/figures/key_figures.csv"))
        .unwrap();
    let row: Vec<&str> = key
        .lines()
        .find(|l| l.contains(",GM0344,"))
        .unwrap()
        .split(',')
        .collect();
    let (apps, apps_prev, dels, lower, upper) = (row[3], row[4], row[5], row[9], row[10]);
    assert!(
        text.contains(&format!("Aanvragen ontvangen {apps} {apps_prev}")),
        "{text}"
    );
    assert!(
        text.contains(&format!("Woningen beschikbaar gesteld {dels}")),
        "{text}"
    );
    assert!(
        text.contains(&format!("Ondergrens 2026 (woningen 2025) {lower}")),
        "{text}"
    );
    assert!(
        text.contains(&format!("Bovengrens 2026 (aanvragen 2025) {upper}")),
        "{text}"
    );
    let status = match row[13] {
        "below_lower" => "onder de ondergrens",
        "within" => "binnen de bandbreedte",
        _ => "boven de bovengrens",
    };
    assert!(text.contains(&format!("Realisatie: {status}")), "{text}");
    assert!(text.contains("Gemeente Utrecht — stand januari t/m maart 2026"));
    // Footer on every page.
    let pages: usize = pdfinfo(&pdf)
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap()
        .parse()
        .unwrap();
    for p in 1..=pages {
        assert!(text.contains(&format!("Monitor uitstroom MO/BW, gemeente Utrecht · maart 2026 · gegenereerd 10 april 2026 · pagina {p} van {pages}")), "footer of page {p}");
    }
    assert!(text.contains("Bron: applications.csv, deliveries.csv"));
    // The definitions page explains the rule and the suppression.
    assert!(text.contains("Het aantal aanvragen voor een woning in het voorgaande jaar is bepalend voor de bovengrens"));
    assert!(text.contains("Aantallen van 1 tot en met 4 staan er als \"<5\""));
    // Charts carry their text in the document font (selectable): axis titles and legend.
    assert!(text.contains("Aantal per maand") && text.contains("Woningen beschikbaar gesteld"));
    let info = pdfinfo(&pdf);
    for want in [
        "Title: Monitor uitstroom MO/BW, gemeente Utrecht",
        "Author: Gemeente Utrecht, afdeling Maatschappelijke Ontwikkeling",
        "Subject: Monitor uitstroom MO/BW, gemeente Utrecht, maart 2026",
        "Keywords: maatschappelijke opvang",
        "CreationDate: Fri Apr 10 05:30:00 2026 UTC",
    ] {
        assert!(
            squash(&info).contains(&squash(want)),
            "{want} not in {info}"
        );
    }
    // Subset fonts and compressed streams keep it small.
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size < 300_000, "{size} bytes");
}

#[test]
fn small_counts_are_suppressed_and_cannot_be_derived_from_totals() {
    // Utrecht this year: Mitros 20 homes, Portaal 3, total 23. Showing 20 and 23 would reveal 3.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("applications.csv"),
        "application_id,received_on,municipality_code,origin\na1,2025-03-01,GM0344,MO\n",
    )
    .unwrap();
    let mut dels = String::from("dwelling_id,corporation,municipality_code,delivered_on\n");
    for i in 0..20 {
        dels.push_str(&format!("m{i},Mitros,GM0344,2026-02-{:02}\n", i + 1));
    }
    for i in 0..3 {
        dels.push_str(&format!("p{i},Portaal,GM0344,2026-03-{:02}\n", i + 1));
    }
    std::fs::write(dir.path().join("deliveries.csv"), dels).unwrap();
    let out = tempfile::tempdir().unwrap();
    report(dir.path(), out.path(), "2026-03", "2026-04-10", None);
    let text = pdftotext(
        &out.path()
            .join("2026-03/2026-03_gemeente-utrecht_GM0344.pdf"),
    );
    let row = |name: &str| {
        squash(
            text.lines()
                .find(|l| l.trim_start().starts_with(name))
                .unwrap_or_else(|| panic!("no {name} row in {text}")),
        )
    };
    assert!(
        row("Portaal").starts_with("Portaal <5"),
        "{}",
        row("Portaal")
    );
    assert!(row("Mitros").starts_with("Mitros x"), "{}", row("Mitros"));
    assert!(
        row("Gemeente totaal").starts_with("Gemeente totaal 23"),
        "{}",
        row("Gemeente totaal")
    );
    // The one application is a small count on page one too.
    assert!(squash(&text).contains("Aanvragen ontvangen 0 <5"), "{text}");
    assert!(squash(&text).contains("Bovengrens 2026 (aanvragen 2025) <5"));
    // And the monthly chart is replaced by a note rather than a line of tiny numbers.
    assert!(squash(&text).contains("Deze grafiek wordt niet getoond"));
}

#[test]
fn region_and_corporation_documents_suppress_small_counts_and_their_complements() {
    // This year: Mitros 20 homes in Utrecht and 2 in Houten, Portaal 3 in Utrecht. Region
    // table: Houten 2 is small, so Utrecht (25 − 2 = 23) must be hidden too. Mitros' document:
    // Houten 2 is small, so Utrecht (22 − 2 = 20) is hidden.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("applications.csv"),
        "application_id,received_on,municipality_code,origin,housed_on,withdrawn_on\n\
         a1,2024-03-01,GM0344,MO,,2024-04-01\n",
    )
    .unwrap();
    let mut dels = String::from("dwelling_id,corporation,municipality_code,delivered_on\n");
    for i in 0..20 {
        dels.push_str(&format!("m{i},Mitros,GM0344,2026-02-{:02}\n", i + 1));
    }
    for i in 0..2 {
        dels.push_str(&format!("h{i},Mitros,GM0321,2026-03-{:02}\n", i + 1));
    }
    for i in 0..3 {
        dels.push_str(&format!("p{i},Portaal,GM0344,2026-03-{:02}\n", i + 1));
    }
    std::fs::write(dir.path().join("deliveries.csv"), dels).unwrap();
    let out = tempfile::tempdir().unwrap();
    report(dir.path(), out.path(), "2026-03", "2026-04-10", None);
    let row = |text: &str, name: &str| {
        squash(
            text.lines()
                .find(|l| squash(l).starts_with(&format!("{name} ")))
                .unwrap_or_else(|| panic!("no {name} row in {text}")),
        )
    };

    let region = pdftotext(&out.path().join("2026-03/2026-03_regio-u16.pdf"));
    let houten = row(&region, "Houten");
    assert!(houten.contains("<5") && !houten.contains(" 2 "), "{houten}");
    let utrecht = row(&region, "Utrecht");
    assert!(
        utrecht.contains(" x ") && !utrecht.contains("23") && !utrecht.contains("20"),
        "{utrecht}"
    );
    let total = row(&region, "Regio U16");
    assert!(total.contains("25"), "{total}");

    let mitros = pdftotext(&out.path().join("2026-03/2026-03_corporatie-mitros.pdf"));
    let houten = row(&mitros, "Houten");
    assert!(houten.starts_with("Houten <5"), "{houten}");
    let utrecht = row(&mitros, "Utrecht");
    assert!(utrecht.starts_with("Utrecht x"), "{utrecht}");
    assert!(squash(&mitros).contains("Totaal 22 0 0"), "{mitros}");
    // March holds 2 homes: the monthly chart falls back to quarters (Q1: 22).
    assert!(
        squash(&mitros).contains("per maand (per kwartaal)"),
        "{mitros}"
    );

    let portaal = pdftotext(&out.path().join("2026-03/2026-03_corporatie-portaal.pdf"));
    let squashed = squash(&portaal);
    assert!(squashed.contains("Utrecht <5"), "{portaal}");
    assert!(!squashed.contains("Utrecht 3 "), "{portaal}");
}

#[test]
fn same_data_and_timestamp_give_identical_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    report(&fixture(), a.path(), "2026-03", "2026-04-10", None);
    report(&fixture(), b.path(), "2026-03", "2026-04-10", None);
    let (mut pdfs, mut annexes) = (0, 0);
    for entry in std::fs::read_dir(a.path().join("2026-03")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|x| x == "pdf" || x == "xlsx") {
            let other = b.path().join("2026-03").join(p.file_name().unwrap());
            assert!(
                std::fs::read(&p).unwrap() == std::fs::read(&other).unwrap(),
                "{} differs",
                p.display()
            );
            if p.extension().is_some_and(|x| x == "pdf") {
                pdfs += 1;
            } else {
                annexes += 1;
            }
        }
    }
    // Regression: this test once compared nothing and passed (it never counted): every document
    // of the region (16 municipalities, the region, the configured corporations) and its annex.
    assert!(pdfs >= 29, "only {pdfs} documents compared");
    assert_eq!(annexes, pdfs, "every document's annex compared");
}

#[test]
fn dutch_characters_from_the_templates_render_and_extract() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let labels = std::fs::read_to_string(root().join("templates/nl.toml"))
        .unwrap()
        .replace(
            "title = \"Monitor huisvesting uitstroom MO/BW\"",
            "title = \"Noël café € 12,5% — coöperatie\"",
        );
    std::fs::write(templates.join("nl.toml"), labels).unwrap();
    let cfg = dir.path().join("c.toml");
    std::fs::write(
        &cfg,
        std::fs::read_to_string(root().join("config/default.toml"))
            .unwrap()
            .replace(
                "dir = \"out\"",
                &format!("dir = \"out\"\ntemplates = {:?}", templates),
            ),
    )
    .unwrap();
    let out = dir.path().join("out");
    report(&fixture(), &out, "2026-03", "2026-04-10", Some(&cfg));
    let text = pdftotext(&out.join("2026-03/2026-03_regio-u16.pdf"));
    assert!(text.contains("Noël café € 12,5% — coöperatie"), "{text}");
}

#[test]
fn reports_render_with_no_rows_one_row_and_ten_years() {
    // No rows at all for most municipalities, one application for Houten (small fixture).
    let out = tempfile::tempdir().unwrap();
    report(&fixture(), out.path(), "2026-03", "2026-04-10", None);
    let lopik = squash(&pdftotext(
        &out.path().join("2026-03/2026-03_gemeente-lopik_GM0331.pdf"),
    ));
    assert!(lopik.contains("Aanvragen ontvangen 0 0"));
    assert!(lopik.contains("Geen gegevens in deze periode."));
    let houten = squash(&pdftotext(
        &out.path()
            .join("2026-03/2026-03_gemeente-houten_GM0321.pdf"),
    ));
    assert!(
        houten.contains("Bovengrens 2026 (aanvragen 2025) <5"),
        "{houten}"
    );
    // Ten years of data.
    let data = tempfile::tempdir().unwrap();
    woonmonitor(&[
        "sample-data",
        "--config",
        "config/default.toml",
        "--out",
        data.path().to_str().unwrap(),
        "--years",
        "10",
        "--seed",
        "3",
        "--until",
        "2026-04-09",
    ]);
    let out = tempfile::tempdir().unwrap();
    report(data.path(), out.path(), "2026-03", "2026-04-10", None);
    let utrecht = out
        .path()
        .join("2026-03/2026-03_gemeente-utrecht_GM0344.pdf");
    let text = squash(&pdftotext(&utrecht));
    assert!(text.contains("pagina 1 van"));
    assert!(std::fs::metadata(&utrecht).unwrap().len() < 300_000);
    // The monthly series holds ten years, the charts the last 24 months.
    let monthly =
        std::fs::read_to_string(out.path().join("internal/2026-03/figures/monthly.csv")).unwrap();
    assert!(monthly.lines().any(|l| l.starts_with("2017-01,GM0344,")));
}

/// Apache PDFBox Preflight (Debian's libpdfbox2-java, installed by `.ci/run`) on one file:
/// its first line of output, `The file … is a valid PDF/A-1b file` or the errors. Preflight 2.x
/// has one profile, PDF/A-1b (the file format, fonts, colour, metadata; it accepts the
/// identification `A` as well as `B`); what PDF/A-1a adds (the structure) page checks below.
fn preflight(pdf: &Path) -> String {
    let cp: Vec<String> = [
        "preflight",
        "pdfbox2",
        "xmpbox",
        "fontbox2",
        "commons-logging",
        "javax.activation",
        "jaxb-api",
    ]
    .iter()
    .map(|j| format!("/usr/share/java/{j}.jar"))
    .collect();
    let o = Command::new("java")
        .args(["-cp", &cp.join(":")])
        .arg("org.apache.pdfbox.preflight.Validator_A1b")
        .arg(pdf)
        .output()
        .expect("java runs (apt-get install default-jre-headless libpdfbox2-java; .ci/run does)");
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

/// The Python of the virtual environment holding the validators `page` and `outloud` (PyPI's
/// page-validation and outloud, installed by `tests/setup`): `WOONMONITOR_VALIDATOR_PY`, by
/// default the venv's. Missing, the tests fail: they do not skip.
fn validator_python() -> PathBuf {
    std::env::var_os("WOONMONITOR_VALIDATOR_PY")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::support::venv().join("bin/python"))
}

/// `page` (PDF/UA-1 and PDF/A-1a) and `outloud` (PDF/UA-1, WCAG) on some files, through
/// tests/support/pdf_validators.py: whether all passed, and what they said.
fn validators(pdfs: &[PathBuf]) -> (bool, String) {
    let py = validator_python();
    let o = Command::new(&py)
        .arg(root().join("tests/support/pdf_validators.py"))
        .args(pdfs)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (run tests/setup; WOONMONITOR_VALIDATOR_PY names another Python)",
                py.display()
            )
        });
    let text =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    (o.status.success(), text)
}

/// The documents every validator must accept: the bundled sample's month (2026-10), quarter
/// (2026-Q3) and year (2025), every document of each (municipalities, the region,
/// corporations), and a municipality with almost no data (the small fixture) by month,
/// quarter and year.
fn documents_to_validate(sample: &Path, small: &Path) -> Vec<PathBuf> {
    let mut pdfs = Vec::new();
    for period in ["2026-10", "2026-Q3", "2025"] {
        woonmonitor(&[
            "report",
            "--period",
            period,
            "--run-date",
            "2026-11-05",
            "--generated-at",
            "2026-11-01T07:00:00",
            "--out",
            sample.to_str().unwrap(),
            "--internal",
            sample.join("internal").to_str().unwrap(),
        ]);
        let mut these: Vec<PathBuf> = std::fs::read_dir(sample.join(period))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        these.sort();
        // 16 municipalities, the region, 12 corporations.
        assert_eq!(these.len(), 29, "{period}: {these:?}");
        pdfs.extend(these);
    }
    report(&fixture(), small, "2026-03", "2026-04-10", None);
    for name in [
        "2026-03_gemeente-houten_GM0321.pdf",
        "2026-03_gemeente-lopik_GM0331.pdf",
        "2026-03_regio-u16.pdf",
    ] {
        pdfs.push(small.join("2026-03").join(name));
    }
    for period in ["2026-Q1", "2025"] {
        woonmonitor(&[
            "report",
            "--period",
            period,
            "--run-date",
            "2026-04-10",
            "--generated-at",
            "2026-04-10T07:30:00",
            "--data",
            fixture().to_str().unwrap(),
            "--out",
            small.to_str().unwrap(),
            "--internal",
            small.join("internal").to_str().unwrap(),
        ]);
        pdfs.push(
            small
                .join(period)
                .join(format!("{period}_gemeente-houten_GM0321.pdf")),
        );
    }
    pdfs
}

/// The XMP packet of a document (written uncompressed).
fn xmp(pdf: &Path) -> String {
    let doc = lopdf::Document::load(pdf).unwrap();
    let md = doc
        .catalog()
        .unwrap()
        .get(b"Metadata")
        .unwrap()
        .as_reference()
        .unwrap();
    let stream = doc.get_object(md).unwrap().as_stream().unwrap();
    String::from_utf8(stream.content.clone()).unwrap()
}

#[test]
fn every_document_claims_pdfa_1a_and_pdfua_1_and_passes_preflight() {
    let sample = tempfile::tempdir().unwrap();
    let small = tempfile::tempdir().unwrap();
    let all = documents_to_validate(sample.path(), small.path());
    // Every document of the month, three of each kind for the quarter and the year (a JVM
    // each), and the small fixture's.
    let pdfs: Vec<PathBuf> = all
        .iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            name.starts_with("2026-10_")
                || !p.starts_with(sample.path())
                || ["gemeente-utrecht_GM0344", "regio-u16", "corporatie-mitros"]
                    .iter()
                    .any(|n| name.ends_with(&format!("_{n}.pdf")))
        })
        .cloned()
        .collect();
    assert_eq!(pdfs.len(), 29 + 2 * 3 + 5, "{pdfs:?}");
    // Two validators at a time (a JVM each).
    let results: Vec<(PathBuf, String)> = std::thread::scope(|s| {
        let (a, b) = pdfs.split_at(pdfs.len() / 2);
        let run = |part: &[PathBuf]| {
            part.iter()
                .map(|p| (p.clone(), preflight(p)))
                .collect::<Vec<_>>()
        };
        let h = s.spawn(move || run(b));
        let mut r = run(a);
        r.extend(h.join().unwrap());
        r
    });
    for (pdf, out) in &results {
        assert!(
            out.contains("is a valid PDF/A-1b file"),
            "{}:\n{out}",
            pdf.display()
        );
        // The claim Preflight read and accepted: PDF/A-1 level A, and PDF/UA-1 with the
        // extension schema PDF/A-1 requires for a namespace it does not predefine.
        let x = squash(&xmp(pdf));
        for claim in [
            "<pdfaid:part>1</pdfaid:part>",
            "<pdfaid:conformance>A</pdfaid:conformance>",
            "<pdfuaid:part>1</pdfuaid:part>",
            "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>",
        ] {
            assert!(x.contains(claim), "{}: no {claim} in\n{x}", pdf.display());
        }
        let info = pdfinfo(pdf);
        assert!(info.contains("Metadata Stream: yes"), "{info}");
        let bytes = std::fs::read(pdf).unwrap();
        let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        assert!(has(b"/Lang(nl-NL)") || has(b"/Lang (nl-NL)"), "language");
        assert!(has(b"/DisplayDocTitle true"), "window title");
        assert!(has(b"GTS_PDFA1"), "sRGB output intent");
    }
}

#[test]
fn every_document_passes_page_and_outloud_as_pdfua_1_and_pdfa_1a() {
    let sample = tempfile::tempdir().unwrap();
    let small = tempfile::tempdir().unwrap();
    let pdfs = documents_to_validate(sample.path(), small.path());
    assert_eq!(pdfs.len(), 3 * 29 + 5);
    // Two processes, one per core.
    let (a, b) = pdfs.split_at(pdfs.len() / 2);
    let (ra, rb) = std::thread::scope(|s| {
        let h = s.spawn(|| validators(b));
        (validators(a), h.join().unwrap())
    });
    for (part, (ok, out)) in [(a, ra), (b, rb)] {
        // What failed (and the versions and the summary), not the hundred lines that passed.
        let said: Vec<&str> = out.lines().filter(|l| !l.starts_with("ok ")).collect();
        let said = said.join("\n");
        assert!(ok, "{said}");
        // Each file was checked three times (page twice, outloud once) and passed each time.
        let passed = out.lines().filter(|l| l.starts_with("ok ")).count();
        assert_eq!(passed, 3 * part.len(), "{said}");
        assert!(
            out.contains(&format!(
                "validators: {} files, 0 failed checks",
                part.len()
            )),
            "{said}"
        );
    }
}

/// How far down each page the body text reaches (0–1 of the page height), the running footer
/// (the bottom 80 pt) left out; from `pdftotext -bbox`.
fn page_fill(pdf: &Path) -> Vec<f32> {
    let o = Command::new("pdftotext")
        .args(["-bbox", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8(o.stdout).unwrap();
    let attr = |s: &str, name: &str| -> Option<f32> {
        let at = s.find(&format!("{name}=\""))? + name.len() + 2;
        s[at..at + s[at..].find('"')?].parse().ok()
    };
    html.split("<page ")
        .skip(1)
        .map(|page| {
            let h = attr(page, "height").unwrap();
            page.split("<word ")
                .skip(1)
                .filter_map(|w| attr(w, "yMax"))
                .filter(|&y| y < h - 80.0)
                .fold(0.0, f32::max)
                / h
        })
        .collect()
}

#[test]
fn no_page_but_the_last_is_under_a_third_full() {
    let sample = tempfile::tempdir().unwrap();
    woonmonitor(&[
        "report",
        "--period",
        "2026-10",
        "--generated-at",
        "2026-11-01T07:00:00",
        "--out",
        sample.path().to_str().unwrap(),
        "--internal",
        sample.path().join("internal").to_str().unwrap(),
    ]);
    let small = tempfile::tempdir().unwrap();
    report(&fixture(), small.path(), "2026-03", "2026-04-10", None);
    let mut checked = 0;
    for dir in [sample.path().join("2026-10"), small.path().join("2026-03")] {
        for e in std::fs::read_dir(&dir).unwrap() {
            let pdf = e.unwrap().path();
            if pdf.extension().is_none_or(|x| x != "pdf") {
                continue;
            }
            let fill = page_fill(&pdf);
            for (i, f) in fill.iter().enumerate().take(fill.len() - 1) {
                assert!(
                    *f >= 1.0 / 3.0,
                    "{} page {} is {:.0}% full: {fill:?}",
                    pdf.display(),
                    i + 1,
                    f * 100.0
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked} documents");
}

#[test]
fn the_excel_annex_repeats_the_tables_suppressed_with_numbers_as_numbers() {
    use calamine::{Data, Reader, Xlsx};
    let out = tempfile::tempdir().unwrap();
    woonmonitor(&[
        "report",
        "--period",
        "2026-10",
        "--generated-at",
        "2026-11-01T07:00:00",
        "--out",
        out.path().to_str().unwrap(),
        "--internal",
        out.path().join("internal").to_str().unwrap(),
    ]);
    let dir = out.path().join("2026-10");
    // Every document has its annex.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for pdf in names.iter().filter(|n| n.ends_with(".pdf")) {
        let xlsx = pdf.replace(".pdf", ".xlsx");
        assert!(names.contains(&xlsx), "{xlsx} missing");
    }
    let mut book: Xlsx<_> = calamine::open_workbook(dir.join("2026-10_regio-u16.xlsx")).unwrap();
    let sheets = book.sheet_names();
    assert!(sheets.contains(&"Alle gemeenten".to_string()), "{sheets:?}");
    assert!(sheets.contains(&"Toelichting".to_string()), "{sheets:?}");
    // The municipalities' table equals the published CSV, cell by cell: numbers as numbers,
    // suppressed cells (`< 5`, `x`, `•`) as the same text.
    let csv = std::fs::read_to_string(dir.join("2026-10_tabel_regio-u16.csv")).unwrap();
    let range = book.worksheet_range("Alle gemeenten").unwrap();
    let rows: Vec<&[Data]> = range.rows().skip(3).collect();
    // The forecast's columns (the CSV's 9th to 11th) are the document's second table: its
    // sheet has the name in front of them.
    let forecast_sheet = sheets
        .iter()
        .find(|n| n.starts_with("Prognose eind"))
        .unwrap_or_else(|| panic!("a forecast sheet: {sheets:?}"))
        .clone();
    let range2 = book.worksheet_range(&forecast_sheet).unwrap();
    let rows2: Vec<&[Data]> = range2.rows().skip(3).collect();
    let mut numbers = 0;
    let mut texts = 0;
    // (The CSV's table ends at its first blank line; its note follows.)
    for (i, line) in csv
        .trim_start_matches('\u{feff}')
        .lines()
        .take_while(|l| !l.trim().trim_matches(';').is_empty())
        .enumerate()
    {
        for (j, want) in line.split(';').enumerate() {
            let got = if j < 8 { &rows[i][j] } else { &rows2[i][j - 7] };
            match got {
                Data::Float(f) => {
                    // A percentage is a fraction in the annex (formatted as a percentage).
                    let (body, scale) = match want.strip_suffix('%') {
                        Some(b) => (b, 100.0),
                        None => (want, 1.0),
                    };
                    let v: f64 = body
                        .replace('.', "")
                        .replace(',', ".")
                        .parse::<f64>()
                        .map(|v| v / scale)
                        .unwrap_or_else(|_| {
                            panic!("row {i} col {j}: {want:?} printed, {f} in the annex")
                        });
                    assert_eq!(v, *f, "row {i} col {j}");
                    numbers += 1;
                }
                Data::String(s) => {
                    assert_eq!(s, want, "row {i} col {j}");
                    texts += 1;
                }
                other => panic!("row {i} col {j}: {other:?}"),
            }
        }
    }
    assert!(
        numbers > 50 && texts > 30,
        "{numbers} numbers, {texts} texts"
    );
    assert!(
        csv.contains("< 5") || csv.contains(";x;"),
        "the sample has suppressed cells"
    );
}

/// The structure tree of a PDF: (role, alternative text, scope) of every element, depth first.
fn structure(doc: &lopdf::Document) -> Vec<(String, Option<String>, Option<String>)> {
    use lopdf::Object;
    fn text(o: &Object) -> String {
        match o {
            Object::String(b, _) if b.starts_with(&[0xFE, 0xFF]) => {
                let u: Vec<u16> = b[2..]
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16_lossy(&u)
            }
            Object::String(b, _) => String::from_utf8_lossy(b).into_owned(),
            _ => String::new(),
        }
    }
    fn walk(
        doc: &lopdf::Document,
        o: &Object,
        out: &mut Vec<(String, Option<String>, Option<String>)>,
    ) {
        let d = match o {
            Object::Reference(id) => match doc.get_dictionary(*id) {
                Ok(d) => d,
                Err(_) => return,
            },
            Object::Dictionary(d) => d,
            Object::Array(a) => {
                for k in a {
                    walk(doc, k, out);
                }
                return;
            }
            _ => return,
        };
        if d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"MCR".as_slice()) {
            return;
        }
        let role = d
            .get(b"S")
            .and_then(|s| s.as_name())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let alt = d.get(b"Alt").ok().map(text);
        let scope = d
            .get(b"A")
            .and_then(|a| a.as_dict())
            .and_then(|a| a.get(b"Scope"))
            .and_then(|s| s.as_name())
            .ok()
            .map(|n| String::from_utf8_lossy(n).into_owned());
        out.push((role, alt, scope));
        if let Ok(k) = d.get(b"K") {
            walk(doc, k, out);
        }
    }
    let root = doc
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    let mut out = Vec::new();
    walk(
        doc,
        doc.get_dictionary(root).unwrap().get(b"K").unwrap(),
        &mut out,
    );
    out
}

#[test]
fn documents_are_tagged_with_alt_text_artifacts_and_bookmarks() {
    let out = tempfile::tempdir().unwrap();
    woonmonitor(&[
        "report",
        "--period",
        "2026-10",
        "--generated-at",
        "2026-11-01T07:00:00",
        "--out",
        out.path().to_str().unwrap(),
        "--internal",
        out.path().join("internal").to_str().unwrap(),
    ]);
    let small = tempfile::tempdir().unwrap();
    report(&fixture(), small.path(), "2026-03", "2026-04-10", None);
    for pdf in [
        out.path()
            .join("2026-10/2026-10_gemeente-utrecht_GM0344.pdf"),
        out.path().join("2026-10/2026-10_regio-u16.pdf"),
        out.path().join("2026-10/2026-10_corporatie-mitros.pdf"),
        small
            .path()
            .join("2026-03/2026-03_gemeente-houten_GM0321.pdf"),
    ] {
        let name = pdf.display().to_string();
        assert!(pdfinfo(&pdf).contains("Tagged:          yes"), "{name}");
        let doc = lopdf::Document::load(&pdf).unwrap();
        let tree = structure(&doc);
        let roles: std::collections::BTreeSet<&str> =
            tree.iter().map(|(r, _, _)| r.as_str()).collect();
        for role in [
            "Document", "H1", "H2", "P", "L", "LI", "Table", "TR", "TH", "TD",
        ] {
            assert!(roles.contains(role), "{name}: no {role} in {roles:?}");
        }
        // Header cells say what they head; every figure says what it shows, with numbers.
        for (role, alt, scope) in &tree {
            if role == "TH" {
                assert!(scope.is_some(), "{name}: a TH without scope");
            }
            if role == "Figure" {
                let alt = alt.as_deref().unwrap_or("");
                assert!(
                    alt.starts_with("Grafiek: ") && alt.chars().any(|c| c.is_ascii_digit()),
                    "{name}: figure alt text {alt:?}"
                );
            }
        }
        if !name.contains("houten") {
            assert!(roles.contains("Figure"), "{name}: charts are figures");
        }
        // Nothing on a page is outside marked content: text and paths are either tagged or
        // artifacts (running footer, rules, stripes).
        let mut shown = 0;
        for (n, page) in doc.get_pages() {
            let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
            let mut depth = 0i32;
            for op in &content.operations {
                match op.operator.as_str() {
                    "Tj" | "TJ" => shown += 1,
                    _ => {}
                }
                match op.operator.as_str() {
                    "BDC" | "BMC" => depth += 1,
                    "EMC" => depth -= 1,
                    "Tj" | "TJ" | "f" | "S" | "B" | "re" if depth == 0 => {
                        panic!("{name} page {n}: {} outside marked content", op.operator)
                    }
                    _ => {}
                }
            }
            assert_eq!(depth, 0, "{name} page {n}: unbalanced marked content");
            let p = doc.get_dictionary(page).unwrap();
            assert!(p.get(b"StructParents").is_ok(), "{name} page {n}");
        }
        assert!(shown > 50, "{name}: {shown} text operations read");
        // The catalog: language, marked, bookmarks per section, title as window title.
        let cat = doc.catalog().unwrap();
        assert!(cat.get(b"MarkInfo").is_ok() && cat.get(b"Lang").is_ok());
        let outlines = doc
            .get_dictionary(cat.get(b"Outlines").unwrap().as_reference().unwrap())
            .unwrap();
        assert!(
            outlines.get(b"Count").unwrap().as_i64().unwrap() >= 3,
            "{name}"
        );
    }
}

#[test]
fn quarter_and_year_reports_cover_their_months_and_compare_with_a_year_earlier() {
    let out = tempfile::tempdir().unwrap();
    for period in ["2026-Q3", "2025"] {
        woonmonitor(&[
            "report",
            "--period",
            period,
            "--run-date",
            "2026-11-05",
            "--generated-at",
            "2026-11-01T07:00:00",
            "--out",
            out.path().to_str().unwrap(),
            "--internal",
            out.path().join("internal").to_str().unwrap(),
        ]);
    }
    let q = squash(&pdftotext(
        &out.path()
            .join("2026-Q3/2026-Q3_gemeente-utrecht_GM0344.pdf"),
    ));
    assert!(
        q.contains("Gemeente Utrecht — 3e kwartaal 2026 (juli t/m september)"),
        "{q}"
    );
    assert!(q.contains("De cijfers lopen van 1 juli tot en met eind september 2026."));
    assert!(q.contains("In het 3e kwartaal van 2026 zijn"), "{q}");
    assert!(q.contains("Naar rato van 3 van de 12 maanden"), "{q}");
    assert!(
        q.contains("3e kw. 2026 3e kw. 2025"),
        "the same quarter a year earlier: {q}"
    );
    assert!(q.contains("Bandbreedte naar rato (3/12)"));
    assert!(q.contains("3e kwartaal 2026 · gegenereerd"), "footer: {q}");
    let y = squash(&pdftotext(
        &out.path().join("2025/2025_gemeente-utrecht_GM0344.pdf"),
    ));
    assert!(y.contains("Gemeente Utrecht — het jaar 2025"), "{y}");
    assert!(y.contains("In heel 2025 zijn"), "{y}");
    assert!(
        y.contains("Over het hele jaar ligt de bandbreedte"),
        "not pro rata: {y}"
    );
    assert!(
        !y.contains("naar rato (12/12)") && !y.contains("In dit tempo"),
        "{y}"
    );
    // The year's homes equal the next year's lower bound, as defined.
    let m = squash(&pdftotext(&out.path().join("2025/2025_regio-u16.pdf")));
    assert!(
        m.contains("Regio U16: alle gemeenten — het jaar 2025"),
        "{m}"
    );
    // Figures and the published table are named after the period too.
    assert!(out
        .path()
        .join("internal/2026-Q3/figures/realisation.csv")
        .exists());
    assert!(out
        .path()
        .join("2026-Q3/2026-Q3_tabel_regio-u16.csv")
        .exists());
    assert!(out.path().join("2025/2025_corporatie-mitros.xlsx").exists());
    // A quarter that is not one is a usage error.
    let o = Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args(["report", "--period", "2026-Q5"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("YYYY-Qn for a quarter"));
}

#[test]
fn a_report_that_reaches_december_forecasts_nothing() {
    // The year 2025, its last quarter and December (the year to date) end with the year: there is
    // no year end left to forecast, the "forecast" would only repeat (or, for the quarter,
    // contradict) what was realised. A quarter and a month before December still forecast.
    let out = tempfile::tempdir().unwrap();
    for period in ["2025", "2025-Q4", "2025-12", "2026-Q3", "2026-10"] {
        woonmonitor(&[
            "report",
            "--period",
            period,
            "--run-date",
            "2026-11-05",
            "--generated-at",
            "2026-11-01T07:00:00",
            "--out",
            out.path().to_str().unwrap(),
            "--internal",
            out.path().join("internal").to_str().unwrap(),
        ]);
    }
    let text = |period: &str, name: &str| {
        squash(&pdftotext(
            &out.path().join(period).join(format!("{period}_{name}.pdf")),
        ))
    };
    for period in ["2025", "2025-Q4", "2025-12"] {
        for name in ["gemeente-utrecht_GM0344", "regio-u16", "corporatie-mitros"] {
            let t = text(period, name);
            for forecast in [
                "Prognose",
                "prognose",
                "In dit tempo",
                "huidige tempo",
                "risico",
            ] {
                assert!(!t.contains(forecast), "{period} {name}: {forecast} in {t}");
            }
        }
        let t = text(period, "gemeente-utrecht_GM0344");
        assert!(t.contains("Bandbreedte"), "{period}: still the band: {t}");
    }
    for period in ["2026-Q3", "2026-10"] {
        for name in ["gemeente-utrecht_GM0344", "regio-u16"] {
            let t = text(period, name);
            assert!(
                t.contains("Prognose eind 2026 (80%-band)"),
                "{period} {name}: {t}"
            );
            assert!(t.contains("Bij het huidige tempo eindigt"), "{t}");
            assert!(
                t.contains("Prognose: hoeveel woningen er eind 2026 waarschijnlijk"),
                "{t}"
            );
        }
    }
    // The internal key figures leave the forecast empty too.
    let csv =
        std::fs::read_to_string(out.path().join("internal/2025/figures/key_figures.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "forecast_year_end")
        .unwrap();
    for line in lines {
        for c in col..col + 6 {
            assert_eq!(line.split(',').nth(c), Some(""), "{line}");
        }
    }
}

#[test]
fn dutch_letters_in_any_text_are_drawn_and_read_back() {
    // Regression guard for the canvas writing glyph ids itself: a name with letters outside
    // ASCII (and outside the common set the font subsets start from) must come out of the PDF
    // as the same text, in the regular (footer) and the bold (none here) font alike.
    let out = tempfile::tempdir().unwrap();
    let name = "Gemeente Súdwest-Fryslân, coördinatie één geïnd ŉ";
    let o = Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .current_dir(root())
        .env("WOONMONITOR__ORGANISATION__NAME", name)
        .args([
            "report",
            "--config",
            "config/default.toml",
            "--period",
            "2026-10",
            "--run-date",
            "2026-11-25",
            "--generated-at",
            "2026-11-25T07:30:00",
            "--data",
            "data/sample",
            "--out",
            out.path().to_str().unwrap(),
            "--internal",
            out.path().join("internal").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = out.path().join("2026-10/2026-10_regio-u16.pdf");
    let text = squash(&pdftotext(&pdf));
    assert!(
        text.contains("bewerking Gemeente Súdwest-Fryslân, coördinatie één geïnd"),
        "{text}"
    );
    assert!(
        pdfinfo(&pdf).contains(name),
        "the author is the organisation"
    );
}
