//! Hostile input, generated: random bytes and mutated valid files (CSV and xlsx, the latter
//! also edited at the XML level: cell references, row numbers, cell types, dates such as 1e308
//! and NaN, dimensions, nesting, truncation, flipped bytes, merged ranges, repeated rows, and a
//! shared-strings table that claims a huge count or repeats long strings) through the
//! scanner, the validators and the projection. Properties: nothing panics; a file is read or
//! refused with a `SourceError`; rows read = accepted + rejected for every feed; and a snapshot's
//! projection reads back to the same counts and rejected lines as the delivered file.
//!
//! CI runs a fixed number of cases; run longer with
//! `WOONMONITOR_FUZZ_CASES=20000 cargo test --release --test fuzz`.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use woonmonitor::config::{LoadOptions, Reference, Settings, SourceSetting};
use woonmonitor::ingest::{self, PlannedFeed, SourcePlan};
use woonmonitor::schema::SourceKind;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cases() -> u32 {
    std::env::var("WOONMONITOR_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

fn reference() -> Reference {
    Settings::load(&LoadOptions {
        file: Some(root().join("config/default.toml")),
        env: Some(Default::default()),
    })
    .unwrap()
    .1
}

fn feed(kind: SourceKind, path: &Path) -> PlannedFeed {
    PlannedFeed {
        name: kind.as_str().to_string(),
        kind,
        path: path.to_path_buf(),
        setting: SourceSetting {
            path: path.to_path_buf(),
            ..Default::default()
        },
        export_date: None,
        projected: false,
        notes: Vec::new(),
    }
}

/// A mutation of a valid file: bytes that break quoting, separators, lines and encodings.
fn mutate(base: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    const NASTY: &[u8] = b"\";,\n\r\t\0\xff\xc3\xa9 0123456789-/:GMx";
    let mut b = base.to_vec();
    for &(at, op, v) in edits {
        if b.is_empty() {
            b.push(v);
            continue;
        }
        let at = at % b.len();
        match op % 6 {
            0 => b.insert(at, NASTY[v as usize % NASTY.len()]),
            1 => {
                b.remove(at);
            }
            2 => b[at] = v,
            3 => {
                // Duplicate a line.
                let start = b[..at]
                    .iter()
                    .rposition(|c| *c == b'\n')
                    .map_or(0, |i| i + 1);
                let end = b[at..]
                    .iter()
                    .position(|c| *c == b'\n')
                    .map_or(b.len(), |i| at + i + 1);
                let line = b[start..end].to_vec();
                b.splice(end..end, line);
            }
            4 => b.truncate(at),
            _ => b.insert(at, b'"'),
        }
    }
    b
}

/// Ingests `bytes` as the applications (beside the small fixture's deliveries); checks the
/// invariants and the projection's equivalence.
fn check(bytes: Vec<u8>, ext: &str, reference: &Reference) {
    check_as(bytes, ext, reference, SourceKind::Applications, None);
}

/// Ingests `bytes` as the source of `kind` (of `corporation`'s feed), the small fixture's file
/// of the other kind beside it; checks the invariants and the projection's equivalence.
fn check_as(
    bytes: Vec<u8>,
    ext: &str,
    reference: &Reference,
    kind: SourceKind,
    corporation: Option<&str>,
) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{}.{ext}", kind.as_str()));
    std::fs::write(&path, &bytes).unwrap();
    let fuzzed = |path: &Path| {
        let mut f = feed(kind, path);
        f.setting.corporation = corporation.map(String::from);
        f
    };
    let (other_kind, at) = match kind {
        SourceKind::Applications => (SourceKind::Deliveries, 0),
        _ => (SourceKind::Applications, 1),
    };
    let other = feed(
        other_kind,
        &root().join(format!("tests/fixtures/small/{}.csv", other_kind.as_str())),
    );
    let plan_with = |f: PlannedFeed| SourcePlan {
        feeds: if at == 0 {
            vec![f, other.clone()]
        } else {
            vec![other.clone(), f]
        },
        ..SourcePlan::default()
    };
    let today = "2026-04-10".parse().unwrap();
    let direct = ingest::ingest(&plan_with(fuzzed(&path)), reference, today);
    let projected = ingest::project::project(&fuzzed(&path), bytes);
    match (&direct, projected) {
        (Ok(ds), Ok(p)) => {
            for r in &ds.reports {
                assert_eq!(r.read, r.accepted + r.rejected, "{}", r.name);
            }
            let snap = dir.path().join("snapshot.csv");
            std::fs::write(&snap, &p.csv).unwrap();
            let mut again = fuzzed(&snap);
            again.projected = true;
            let back = ingest::ingest(&plan_with(again), reference, today)
                .expect("a projection reads back");
            let (a, b) = (&ds.reports[at], &back.reports[at]);
            assert_eq!(
                (a.read, a.accepted, a.rejected),
                (b.read, b.accepted, b.rejected)
            );
            let lines = |r: &ingest::SourceReport| {
                r.rejections
                    .iter()
                    .map(|x| (x.line, x.reason.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(lines(a), lines(b));
        }
        // Refused both ways, or refused by the projection only for what it alone checks.
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) => panic!("read directly but its projection was refused: {e}"),
        (Err(e), Ok(_)) => panic!("refused directly but projected: {e}"),
    }
}

/// An edit of a workbook's sheet XML (`n`: which cell, row or byte, modulo their number).
#[derive(Debug, Clone)]
enum XmlEdit {
    /// The reference (`r`) of cell `n`.
    CellRef(usize, String),
    /// The number (`r`) of row `n`.
    RowNumber(usize, String),
    /// The type (`t`) of cell `n`.
    CellType(usize, String),
    /// Cell `n` becomes a date cell (style 1) with this value.
    DateValue(usize, String),
    /// The sheet's dimension.
    Dimension(String),
    /// Elements nested this deep inside cell `n`.
    Nest(usize, usize),
    /// The XML cut at byte `n`.
    Truncate(usize),
    /// Byte `n` of the XML replaced.
    Flip(usize, u8),
    /// A merged range from A1 to this reference after the sheet's data.
    Merge(String),
    /// The sheet's rows written this many times over (same row numbers: a sheet that grows).
    RepeatRows(usize),
    /// The shared-strings table's `count` and `uniqueCount` set to this (a table that claims
    /// to be huge).
    StringsCount(String),
    /// The shared strings repeated this many times, each string this many times longer.
    RepeatStrings(usize, usize),
}

impl XmlEdit {
    /// The workbook part the edit applies to.
    fn part(&self) -> &'static str {
        match self {
            XmlEdit::StringsCount(_) | XmlEdit::RepeatStrings(..) => "xl/sharedStrings.xml",
            _ => "xl/worksheets/sheet1.xml",
        }
    }
}

fn cell_reference() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u8..8, 1u32..250).prop_map(|(c, r)| format!("{}{r}", (b'A' + c) as char)),
        prop::sample::select(vec![
            "XFD1048576",
            "IV1048576",
            "IW1",
            "ZZZZ99999999",
            "A0",
            "",
            "$A$1",
            "a1",
            "A01",
            "A4294967297",
            "AAAAAAAAAAAAAAA1",
            "A99999999999",
            "1A",
            "A-1",
            "ZZZ1",
        ])
        .prop_map(String::from),
        "[A-Za-z$0-9:]{0,14}",
    ]
}

fn row_number() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..300).prop_map(|r| r.to_string()),
        prop::sample::select(vec![
            "0",
            "1048576",
            "1048577",
            "99999999999",
            "4294967296",
            "",
            "-1",
            "A5",
            " 7",
        ])
        .prop_map(String::from),
        "[0-9]{1,14}",
    ]
}

fn date_value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "1e308",
            "-1e308",
            "NaN",
            "inf",
            "-inf",
            "infinity",
            "45943",
            "45943.99999999",
            "-1",
            "0",
            "59",
            "60",
            "61",
            "2958465",
            "2958466",
            "1e15",
            "-0",
            "abc",
            "",
            "9223372036854775807",
            "1e-300",
        ])
        .prop_map(String::from),
        any::<f64>().prop_map(|v| v.to_string()),
        (-1e7f64..1e7).prop_map(|v| v.to_string()),
    ]
}

fn xml_edit() -> impl Strategy<Value = XmlEdit> {
    prop_oneof![
        3 => (any::<usize>(), cell_reference()).prop_map(|(n, r)| XmlEdit::CellRef(n, r)),
        2 => (any::<usize>(), row_number()).prop_map(|(n, r)| XmlEdit::RowNumber(n, r)),
        2 => (
            any::<usize>(),
            prop::sample::select(vec!["s", "n", "b", "e", "str", "inlineStr", "d", "x", ""])
        )
            .prop_map(|(n, t)| XmlEdit::CellType(n, t.to_string())),
        3 => (any::<usize>(), date_value()).prop_map(|(n, v)| XmlEdit::DateValue(n, v)),
        1 => cell_reference().prop_map(|a| XmlEdit::Dimension(format!("A1:{a}"))),
        1 => (any::<usize>(), 1usize..3000).prop_map(|(n, d)| XmlEdit::Nest(n, d)),
        1 => any::<usize>().prop_map(XmlEdit::Truncate),
        2 => (any::<usize>(), any::<u8>()).prop_map(|(n, b)| XmlEdit::Flip(n, b)),
        1 => cell_reference().prop_map(XmlEdit::Merge),
        1 => (1usize..40).prop_map(XmlEdit::RepeatRows),
        1 => prop::sample::select(vec!["0", "1", "4294967295", "18446744073709551615", "99999999999999999999", "-1", "x"])
            .prop_map(|c| XmlEdit::StringsCount(c.to_string())),
        1 => (1usize..30, 1usize..200).prop_map(|(n, k)| XmlEdit::RepeatStrings(n, k)),
    ]
}

/// Where `pat` occurs in `xml`.
fn find_all(xml: &[u8], pat: &[u8]) -> Vec<usize> {
    xml.windows(pat.len())
        .enumerate()
        .filter(|(_, w)| *w == pat)
        .map(|(i, _)| i)
        .collect()
}

/// The `n`-th (modulo) place where `pat` occurs, just after it.
fn nth_after(xml: &[u8], pat: &[u8], n: usize) -> Option<usize> {
    let all = find_all(xml, pat);
    (!all.is_empty()).then(|| all[n % all.len()] + pat.len())
}

/// Replaces the attribute value that starts at `at` (up to the next `"`).
fn set_value(xml: &mut Vec<u8>, at: usize, value: &str) {
    let end = xml[at..]
        .iter()
        .position(|b| *b == b'"')
        .map_or(xml.len(), |p| at + p);
    xml.splice(at..end, value.bytes());
}

/// How large a repeated part may grow in a generated workbook.
const MAX_GROWN: usize = 16 << 20;

fn apply(xml: &mut Vec<u8>, edit: &XmlEdit) {
    match edit {
        XmlEdit::CellRef(n, r) => {
            if let Some(at) = nth_after(xml, b"<c r=\"", *n) {
                set_value(xml, at, r);
            }
        }
        XmlEdit::RowNumber(n, r) => {
            if let Some(at) = nth_after(xml, b"<row r=\"", *n) {
                set_value(xml, at, r);
            }
        }
        XmlEdit::CellType(n, t) => {
            if let Some(at) = nth_after(xml, b"<c ", *n) {
                let end = xml[at..]
                    .iter()
                    .position(|b| *b == b'>')
                    .map_or(xml.len(), |p| at + p);
                match find_all(&xml[at..end], b"t=\"").first() {
                    Some(p) => set_value(xml, at + p + 3, t),
                    None => {
                        xml.splice(at..at, format!("t=\"{t}\" ").into_bytes());
                    }
                }
            }
        }
        XmlEdit::DateValue(n, v) => {
            let Some(at) = nth_after(xml, b"<c ", *n) else {
                return;
            };
            let start = at - 3;
            let Some(end) = find_all(&xml[start..], b"</c>")
                .first()
                .map(|p| start + p + 4)
            else {
                return;
            };
            let tag_end = xml[start..end].iter().position(|b| *b == b'>').unwrap_or(0) + start;
            let r = find_all(&xml[start..tag_end], b"r=\"")
                .first()
                .map(|p| {
                    let from = start + p + 3;
                    let to = xml[from..]
                        .iter()
                        .position(|b| *b == b'"')
                        .map_or(from, |q| from + q);
                    String::from_utf8_lossy(&xml[from..to]).into_owned()
                })
                .unwrap_or_default();
            let cell = format!("<c r=\"{r}\" s=\"1\"><v>{v}</v></c>");
            xml.splice(start..end, cell.into_bytes());
        }
        XmlEdit::Dimension(d) => {
            if let Some(at) = nth_after(xml, b"<dimension ref=\"", 0) {
                set_value(xml, at, d);
            }
        }
        XmlEdit::Nest(n, depth) => {
            if let Some(at) = nth_after(xml, b"</v>", *n) {
                let nested = format!("{}{}", "<a>".repeat(*depth), "</a>".repeat(*depth));
                xml.splice(at..at, nested.into_bytes());
            }
        }
        XmlEdit::Truncate(n) => {
            let keep = n % (xml.len() + 1);
            xml.truncate(keep);
        }
        XmlEdit::Flip(n, b) => {
            if !xml.is_empty() {
                let at = n % xml.len();
                xml[at] = *b;
            }
        }
        XmlEdit::Merge(r) => {
            if let Some(at) = nth_after(xml, b"</sheetData>", 0) {
                let merge =
                    format!("<mergeCells count=\"1\"><mergeCell ref=\"A1:{r}\"/></mergeCells>");
                xml.splice(at..at, merge.into_bytes());
            }
        }
        XmlEdit::RepeatRows(k) => {
            let (Some(from), Some(to)) = (
                nth_after(xml, b"<sheetData>", 0),
                find_all(xml, b"</sheetData>").first().copied(),
            ) else {
                return;
            };
            // The test's own memory stays bounded: repeated repeats stop at 16 MB of rows
            // (the reader's limits are tried with gigabytes in tests/it/hostile_workbooks.rs).
            if from <= to && (to - from) * k <= MAX_GROWN {
                let rows = xml[from..to].repeat(*k);
                xml.splice(from..to, rows);
            }
        }
        XmlEdit::StringsCount(c) => {
            for attr in [&b"count=\""[..], b"uniqueCount=\""] {
                if let Some(at) = nth_after(xml, attr, 0) {
                    set_value(xml, at, c);
                }
            }
        }
        XmlEdit::RepeatStrings(n, k) => {
            let (Some(from), Some(to)) = (
                find_all(xml, b"<si>").first().copied(),
                find_all(xml, b"</sst>").first().copied(),
            ) else {
                return;
            };
            if from <= to {
                let text = String::from_utf8_lossy(&xml[from..to]).into_owned();
                let longer = text.replace("</t>", &format!("{}</t>", "Ë".repeat(*k)));
                if longer.len() * n <= MAX_GROWN {
                    xml.splice(from..to, longer.repeat(*n).into_bytes());
                }
            }
        }
    }
}

/// The workbook `base` with its first worksheet's (or its shared strings') XML edited.
fn edit_sheet(base: &[u8], edits: &[XmlEdit]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(base)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        for e in edits.iter().filter(|e| e.part() == part.name()) {
            apply(&mut data, e);
        }
        out.start_file(part.name(), opts).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let reference = reference();
        check(bytes.clone(), "csv", &reference);
        check(bytes, "xlsx", &reference);
    }

    #[test]
    fn mutated_csv_keeps_the_invariants(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12)
    ) {
        let base = std::fs::read(root().join("tests/fixtures/small/applications.csv")).unwrap();
        check(mutate(&base, &edits), "csv", &reference());
    }

    #[test]
    fn mutated_xlsx_is_read_or_refused(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6)
    ) {
        let base = std::fs::read(root().join("data/sample/feeds/viveste.xlsx")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.xlsx");
        std::fs::write(&path, mutate(&base, &edits)).unwrap();
        let mut f = feed(SourceKind::Deliveries, &path);
        f.setting.corporation = Some("Viveste".into());
        let plan = SourcePlan { feeds: vec![
            feed(SourceKind::Applications, &root().join("tests/fixtures/small/applications.csv")),
            f,
        ], ..SourcePlan::default() };
        if let Ok(ds) = ingest::ingest(&plan, &reference(), "2026-11-25".parse().unwrap()) {
            for r in &ds.reports {
                prop_assert_eq!(r.read, r.accepted + r.rejected);
            }
        }
    }

    #[test]
    fn xml_mutated_xlsx_is_read_or_refused_and_projects_the_same(
        edits in proptest::collection::vec(xml_edit(), 1..6)
    ) {
        let base = std::fs::read(root().join("data/sample/feeds/viveste.xlsx")).unwrap();
        let bytes = edit_sheet(&base, &edits);
        check_as(bytes, "xlsx", &reference(), SourceKind::Deliveries, Some("Viveste"));
    }
}
