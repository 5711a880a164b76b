//! The PDF/A-1a and PDF/UA-1 conformance of every kind of document: Apache PDFBox Preflight
//! (the file format, fonts, colour, metadata), the validators `page` and `outloud`
//! (tests/support/pdf_validators.py, installed by `tests/setup`), and the structure tree read
//! back with lopdf (headings, lists and tables, alt text, artifacts, bookmarks).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::reports::{fixture, pdfinfo, report, root, squash, woonmonitor};

/// Apache PDFBox Preflight (Debian's libpdfbox2-java, installed by `tests/setup`) on one file:
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
        .expect(
            "java runs (apt-get install default-jre-headless libpdfbox2-java; tests/setup does)",
        );
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
