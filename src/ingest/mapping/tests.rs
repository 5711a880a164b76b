//! The column and value mapping on small headers: configured names and value labels, the
//! allowlist (left-out columns named, their cells never copied), personal headers and cells
//! (BSNs by the eleven-test), headers glued together, and missing columns named.

use super::*;

fn cols(c: &[(&'static str, bool)]) -> Vec<Column> {
    c.iter()
        .map(|&(name, required)| Column { name, required })
        .collect()
}

fn headers(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

#[test]
fn dutch_headers_are_mapped_by_config() {
    let h = headers(&["Aanvraagnummer", "Datum aanmelding"]);
    let mut s = SourceSetting::default();
    s.columns
        .insert("application_id".into(), "aanvraagnummer".into());
    s.columns
        .insert("received_on".into(), "DATUM AANMELDING".into());
    s.values.insert(
        "application_id".into(),
        [("a1".to_string(), "X1".to_string())].into_iter().collect(),
    );
    let m = ColumnMap::resolve(
        &h,
        &s,
        &cols(&[("application_id", true), ("received_on", false)]),
    );
    let cells = [Cow::Borrowed("A1"), Cow::Borrowed("01-02-2025")];
    assert_eq!(m.get(1, &cells), "01-02-2025");
    assert_eq!(m.header(1), "Datum aanmelding");
    // Value labels apply ignoring case, also to keys that outlive the row.
    assert_eq!(m.get(0, &cells), "X1");
    assert_eq!(m.get_cow(0, &cells), "X1");
    assert!(m.missing.is_empty() && m.ignored.is_empty());
    assert_eq!(m.kept, vec![0, 1]);
    assert_eq!(m.kinds, vec![CellKind::Id, CellKind::Date]);
}

#[test]
fn other_columns_are_left_out_and_only_kept_cells_are_copied() {
    let m = ColumnMap::resolve(
        &headers(&[
            "Cliëntnaam",
            "application_id",
            "Telefoonnr",
            "Opmerking",
            "Corporatie",
        ]),
        &SourceSetting::default(),
        &cols(&[("application_id", true), ("corporation", false)]),
    );
    assert_eq!(m.kept, vec![1]);
    assert_eq!(
        m.ignored,
        vec!["Cliëntnaam", "Telefoonnr", "Opmerking", "Corporatie"]
    );
    assert_eq!(
        m.keep(&["Jan Jansen", "A1", "06-12345678", "geheim", "Mitros"]),
        vec!["A1"]
    );
}

#[test]
fn personal_headers_are_recognised_by_pattern() {
    for (h, why) in [
        ("Cliëntnaam", "a name"),
        ("Achternaam cliënt", "a name"),
        ("BSN", "a BSN"),
        ("Burgerservicenummer", "a BSN"),
        ("Geboortedatum", "a date of birth"),
        ("date_of_birth", "a date of birth"),
        ("Straat + huisnr", "an address"),
        ("Woonplaats", "an address"),
        ("Telefoonnr.", "a phone number"),
        ("Mobiel", "a phone number"),
        ("E-mail", "an e-mail address"),
        ("Opmerking", "free text"),
    ] {
        assert_eq!(personal_header(h), Some(why), "{h}");
    }
    for h in ["Kenmerk", "Datum", "Status", "Woonvorm"] {
        assert_eq!(personal_header(h), None, "{h}");
    }
}

#[test]
fn personal_cells_are_counted_never_kept() {
    let count = |cells: &[&str], kind: CellKind| {
        let mut c = PersonalCount::default();
        for v in cells {
            c.note(v, kind);
        }
        c
    };
    // A BSN used as an id among ordinary ids.
    let c = count(&["A-2026-001", "111222333", "A-2026-002"], CellKind::Id);
    assert!(c.verdict().unwrap().contains("1 cell(s) hold a valid BSN"));
    // Eight digits: a leading zero dropped by a spreadsheet.
    assert!(is_bsn("11222333") == is_bsn("011222333"));
    // Nine-digit numbers that pass the eleven-test by chance (about 1 in 11) are ids.
    let ids: Vec<String> = (100_000_000u32..100_000_110)
        .map(|n| n.to_string())
        .collect();
    let refs: Vec<&str> = ids.iter().map(|s| s.as_str()).collect();
    let c = count(&refs, CellKind::Id);
    assert!(c.bsn > 0 && c.verdict().is_none(), "{c:?}");
    for (cell, what) in [
        ("jan.jansen@example.nl", "e-mail"),
        ("mail: j@x.nl", "e-mail"),
        ("06-12345678", "phone"),
        ("+31 6 1234 5678", "phone"),
        ("030 123 4567", "phone"),
        ("3511 AB 12", "postcode"),
        ("Oudegracht 1, 3511AB-12a", "postcode"),
    ] {
        let v = count(&[cell], CellKind::Label)
            .verdict()
            .unwrap_or_default();
        assert!(v.contains(what), "{cell}: {v}");
    }
    for cell in [
        "GM0344",
        "Housing First",
        "W9000001",
        "2026-10-31",
        "HF",
        "VHE 12345",
        "Bo-Ex",
    ] {
        assert_eq!(count(&[cell], CellKind::Label).verdict(), None, "{cell}");
    }
    // Dates and numbers are only checked for BSNs.
    assert_eq!(count(&["06-12345678"], CellKind::Date).verdict(), None);
}

#[test]
fn bsn_eleven_test() {
    assert!(is_bsn("111222333"));
    assert!(!is_bsn("123456789"));
    assert!(!is_bsn("000000000"));
    assert!(!is_bsn("1112223"));
}

#[test]
fn a_header_that_hides_a_column_is_found() {
    // Regression: `withdrawn_on,Cliëntnaam` (two headers glued by a wrong separator) made
    // the optional withdrawn_on silently missing.
    let cols = crate::schema::SourceKind::Applications.columns();
    let setting = SourceSetting::default();
    let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let base = [
        "application_id",
        "registered_on",
        "municipality",
        "origin",
        "housing_form",
        "housed_on",
        "corporation",
    ];
    let mut glued = h(&base);
    glued.push("withdrawn_on,Cliëntnaam".into());
    let m = ColumnMap::resolve(&glued, &setting, cols);
    let (n, cell, col) = m.mangled.clone().expect("found");
    assert_eq!(
        (n, cell.as_str(), col.as_str()),
        (8, "withdrawn_on,Cliëntnaam", "withdrawn_on")
    );
    assert!(m
        .mangled_error(Path::new("a.csv"))
        .unwrap()
        .to_string()
        .contains("withdrawn_on,Cliëntnaam"));
    // A name with more around it, no separator.
    let mut more = h(&base);
    more.push("withdrawn_on_datum_oud".into());
    assert!(ColumnMap::resolve(&more, &setting, cols).mangled.is_some());
    // Clean headers, and an unrelated left-out column with a comma: nothing.
    let mut clean = h(&base);
    clean.push("withdrawn_on".into());
    clean.push("Opmerking, vrij".into());
    assert!(ColumnMap::resolve(&clean, &setting, cols).mangled.is_none());
}

#[test]
fn missing_columns_are_named() {
    let m = ColumnMap::resolve(
        &headers(&["application_id"]),
        &SourceSetting::default(),
        &cols(&[("application_id", true), ("origin", true)]),
    );
    let msg = m
        .missing_error(
            "applications",
            Path::new("a.csv"),
            &headers(&["application_id"]),
        )
        .unwrap()
        .to_string();
    assert!(msg.contains("a.csv") && msg.contains("origin"), "{msg}");
}
