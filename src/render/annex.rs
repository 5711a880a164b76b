//! The Excel annex beside each document: the same tables, suppressed exactly as printed (one
//! sheet per table), numbers as numbers with Dutch-style formats, and a sheet with the
//! definitions. Built in memory (no I/O) with rust_xlsxwriter; the same document gives the same
//! bytes (the creation time is the document's generation time).

use chrono::{Datelike, NaiveDateTime, Timelike};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use crate::domain::excel_safe;

/// A table as the document shows it (cells already formatted and suppressed).
#[derive(Debug, Clone)]
pub struct TableRecord {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub total: Option<Vec<String>>,
}

/// What a printed cell is in a spreadsheet.
#[derive(Debug, PartialEq)]
enum Cell {
    Int(f64),
    Dec(f64),
    Pct(f64),
    Text(String),
}

/// Reads a cell printed the Dutch way back: `1.234` → 1234, `12,5` → 12.5, `63,8%` → 0.638,
/// `−5` → −5; anything else (`< 5`, `x`, `•`, `189–224`, words) stays text.
fn cell(s: &str) -> Cell {
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('−').or_else(|| t.strip_prefix('-')) {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (pct, body) = match body.strip_suffix('%') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let (whole, frac) = match body.split_once(',') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = whole.split('.').collect();
    let digits = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    let whole_ok = groups.iter().all(|g| digits(g))
        && (groups.len() == 1
            || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3)));
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    if !whole_ok || !frac_ok {
        return Cell::Text(s.to_string());
    }
    let digits: String = groups.concat();
    let v: f64 = format!("{digits}.{}", frac.unwrap_or("0"))
        .parse()
        .unwrap_or(0.0);
    let v = if neg { -v } else { v };
    match (pct, frac) {
        (true, _) => Cell::Pct(v / 100.0),
        (false, Some(_)) => Cell::Dec(v),
        (false, None) => Cell::Int(v),
    }
}

/// A sheet name Excel accepts (31 characters, none of `[]:*?/\`), unique in the workbook.
fn sheet_name(title: &str, taken: &mut Vec<String>) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let base: String = clean.trim().chars().take(28).collect();
    let base = if base.is_empty() {
        "Tabel".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{base} {n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// The annex workbook: a sheet per table, then `definitions` (heading + lines) on a sheet of
/// its own. `note` goes under every table (what `< 5`, `x` and `•` mean).
pub(crate) fn workbook(
    doc_title: &str,
    tables: &[TableRecord],
    definitions_title: &str,
    definitions: &[String],
    note: &str,
    created: NaiveDateTime,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let when = ExcelDateTime::from_ymd(
        created.year() as u16,
        created.month() as u8,
        created.day() as u8,
    )?
    .and_hms(
        created.hour() as u16,
        created.minute() as u8,
        created.second() as f64,
    )?;
    book.set_properties(
        &DocProperties::new()
            .set_title(doc_title)
            .set_creation_datetime(&when),
    );
    let bold = Format::new().set_bold();
    let title_format = Format::new().set_bold().set_font_size(13);
    let int = Format::new().set_num_format("#,##0");
    let dec = Format::new().set_num_format("#,##0.0");
    let pct = Format::new().set_num_format("0.0%");
    let wrap = Format::new().set_text_wrap();
    let mut taken = Vec::new();
    for t in tables {
        let title = if t.title.is_empty() {
            t.headers.first().cloned().unwrap_or_default()
        } else {
            t.title.clone()
        };
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&title, &mut taken))?;
        ws.write_string_with_format(0, 0, &title, &title_format)?;
        ws.write_string(1, 0, doc_title)?;
        for (c, h) in t.headers.iter().enumerate() {
            let h = &super::context::unbroken_header(h);
            ws.write_string_with_format(3, c as u16, h, &bold)?;
            let width = t
                .rows
                .iter()
                .chain(t.total.as_ref())
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .chain([h.chars().count()])
                .max()
                .unwrap_or(8);
            ws.set_column_width(c as u16, (width as f64 + 2.0).min(60.0))?;
        }
        let rows = t
            .rows
            .iter()
            .map(|r| (r, false))
            .chain(t.total.iter().map(|r| (r, true)));
        let mut row = 4u32;
        for (cells, is_total) in rows {
            for (c, v) in cells.iter().enumerate() {
                let col = c as u16;
                let f = |base: &Format| {
                    if is_total {
                        base.clone().set_bold()
                    } else {
                        base.clone()
                    }
                };
                match cell(v) {
                    Cell::Int(n) => ws.write_number_with_format(row, col, n, &f(&int))?,
                    Cell::Dec(n) => ws.write_number_with_format(row, col, n, &f(&dec))?,
                    Cell::Pct(n) => ws.write_number_with_format(row, col, n, &f(&pct))?,
                    Cell::Text(s) if is_total => {
                        ws.write_string_with_format(row, col, excel_safe(&s), &bold)?
                    }
                    Cell::Text(s) => ws.write_string(row, col, excel_safe(&s))?,
                };
            }
            row += 1;
        }
        if !note.is_empty() {
            ws.write_string(row + 1, 0, note)?;
        }
    }
    let ws = book.add_worksheet();
    ws.set_name(sheet_name(definitions_title, &mut taken))?;
    ws.set_column_width(0, 110)?;
    ws.write_string_with_format(0, 0, definitions_title, &title_format)?;
    for (i, line) in definitions.iter().enumerate() {
        ws.write_string_with_format(i as u32 + 2, 0, line, &wrap)?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_printed_cells_read_back_as_numbers_and_the_rest_stays_text() {
        assert_eq!(cell("3.559"), Cell::Int(3559.0));
        assert_eq!(cell("12"), Cell::Int(12.0));
        assert_eq!(cell("417,5"), Cell::Dec(417.5));
        assert_eq!(cell("1.234,5"), Cell::Dec(1234.5));
        assert_eq!(cell("63,8%"), Cell::Pct(0.638));
        assert_eq!(cell("−5"), Cell::Int(-5.0));
        for text in [
            "< 5",
            "x",
            "•",
            "–",
            "189–224",
            "Utrecht",
            "12.34",
            "1.2345",
            ".5",
            "5,",
        ] {
            assert_eq!(cell(text), Cell::Text(text.into()), "{text}");
        }
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut taken = Vec::new();
        assert_eq!(sheet_name("Naar herkomst", &mut taken), "Naar herkomst");
        assert_eq!(sheet_name("Naar herkomst", &mut taken), "Naar herkomst 2");
        assert_eq!(sheet_name("a/b [c]", &mut taken), "a-b -c-");
        assert_eq!(sheet_name("", &mut taken), "Tabel");
        assert!(sheet_name(&"x".repeat(50), &mut taken).chars().count() <= 31);
    }
}
