//! The PDF reports end to end: the binary writes them, poppler's `pdftotext`/`pdfinfo` read them
//! back (installed by `tests/setup`), and the tests check figures, footer, metadata, suppression,
//! reproducibility, size, how full the pages are and the Excel annex. Conformance to PDF/A and
//! PDF/UA is in `pdf_conformance`, quarters and years in `report_periods`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn woonmonitor(args: &[&str]) -> Output {
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
pub(crate) fn report(data: &Path, out: &Path, period: &str, run_date: &str, config: Option<&Path>) {
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

pub(crate) fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8(o.stdout).unwrap()
}

pub(crate) fn pdfinfo(pdf: &Path) -> String {
    let o = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo is installed");
    String::from_utf8(o.stdout).unwrap()
}

/// Whitespace collapsed; `< 5` written as `<5` (pdftotext's layout mode may drop that space).
pub(crate) fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("< ", "<")
}

pub(crate) fn fixture() -> PathBuf {
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
