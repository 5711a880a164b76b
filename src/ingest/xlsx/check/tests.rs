//! The workbook check on hand-made parts: cell references, the tag scanner (any prefix, tags
//! across chunks, quotes, comments and CDATA) and the relationships that name the sheets.

use super::*;

#[test]
fn cell_references() {
    assert_eq!(cell_ref(b"A1"), Some((1, 1)));
    assert_eq!(cell_ref(b"XFD1048576"), Some((1_048_576, 16_384)));
    assert_eq!(cell_ref(b"iv7"), Some((7, 256)));
    assert_eq!(cell_ref(b"$A$1"), Some((1, 1)));
    assert_eq!(cell_ref(b"$B7"), Some((7, 2)));
    assert_eq!(cell_ref(b"ZZZZZZZZZZ1"), None);
    assert_eq!(cell_ref(b"ZZZZ99999999"), None);
    assert_eq!(cell_ref(b"A99999999999"), None);
    assert_eq!(cell_ref(b"A0"), None);
    assert_eq!(cell_ref(b"A"), None);
    assert_eq!(cell_ref(b"7"), None);
    assert_eq!(cell_ref(b""), None);
    assert_eq!(cell_ref(b"A1B2"), None);
    assert_eq!(cell_ref(b"A-1"), None);
    assert!(within(1_048_576, 256));
    assert!(!within(1_048_576, 16_384));
    assert!(!within(1_048_577, 1));
    assert_eq!(column_name(256), "IV");
    assert_eq!(column_name(16_384), "XFD");
    assert_eq!(sheet_limits(), "A1:IV1048576");
}

fn scan(part: Part, xml: &[u8], chunk: usize) -> Result<Tally, String> {
    let mut tally = Tally::default();
    let mut s = Scan::new(part, "xl/worksheets/sheet1.xml");
    for c in xml.chunks(chunk) {
        s.feed(c, &mut tally)?;
    }
    Ok(tally)
}

#[test]
fn the_scanner_counts_cells_with_any_prefix_across_chunks() {
    let xml = br#"<?xml version="1.0"?><x:worksheet xmlns:x="s"><x:dimension ref="A1:B2"/><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><c r="B1"/><c
r="A2"><v>2</v></c></x:row></x:sheetData></x:worksheet>"#;
    for chunk in [1, 2, 3, 7, 64] {
        assert_eq!(scan(Part::Sheet, xml, chunk).unwrap().cells, 3, "{chunk}");
    }
}

#[test]
fn the_scanner_refuses_what_is_beyond_the_sheet() {
    let refused = |xml: &str| scan(Part::Sheet, xml.as_bytes(), 5).unwrap_err();
    assert!(refused(r#"<c r="XFD1048576"/>"#).contains("XFD1048576"));
    assert!(refused(r#"<y:c r="ZZZZ99999999">"#).contains("ZZZZ99999999"));
    assert!(refused(r#"<row r="99999999999">"#).contains("99999999999"));
    assert!(refused(r#"<x:dimension ref="A1:XFD1048576"/>"#).contains("A1:XFD1048576"));
    assert!(refused(r#"<dimension ref="B2:A1"/>"#).contains("B2:A1"));
    // A `>` inside quotes does not end the tag, so the reference after it is seen.
    assert!(refused(r#"<c a=">" r='XFD1'/>"#).contains("XFD1"));
    // A cell hidden in a comment or CDATA section is not a cell.
    assert!(scan(
        Part::Sheet,
        br#"<!-- <c r="XFD1"/> --><![CDATA[<c r="XFD1"/>]]><?pi <c r="XFD1"/> ?>"#,
        3
    )
    .is_ok());
    // `<!-->` does not end a comment (quick-xml reads on), so the cell after it is in it…
    assert!(scan(Part::Sheet, br#"<!--><c r="XFD1"/>-->"#, 3).is_ok());
    // …but a comment ends at its first `-->`.
    assert!(scan(Part::Sheet, br#"<!-- x --><c r="XFD1"/>"#, 2).is_err());
    assert!(refused(&"<a>".repeat(MAX_DEPTH + 1)).contains("nested"));
    assert!(refused(&format!("<c r=\"A1\" {}/>", "a=\"\" ".repeat(40))).contains("attributes"));
    assert!(refused(&format!("<c r=\"A1\" a=\"{}\"/>", "x".repeat(MAX_TAG))).contains("tag"));
    assert!(refused(&format!("<v>{}</v>", "1".repeat(MAX_RUN + 1))).contains("text"));
    assert!(refused(&format!(
        "<c r=\"A1\">{}</c>",
        "<v>1</v>".repeat(MAX_RUN / 8 + 1)
    ))
    .contains("cell"));
}

#[test]
fn relationships_name_the_sheets_calamine_may_read() {
    let mut tally = Tally::default();
    let mut s = Scan::new(Part::Rels, "xl/_rels/workbook.xml.rels");
    s.feed(br#"<Relationships><Relationship Id="rId1" Type="t" Target="worksheets/sheet1.xml"/><r:Relationship Target = '/xl/worksheets/B.xml' Id="2"/></Relationships>"#, &mut tally).unwrap();
    assert_eq!(
        s.targets,
        vec![
            b"worksheets/sheet1.xml".to_vec(),
            b"/xl/worksheets/B.xml".to_vec()
        ]
    );
}
