//! Reading a source file into a [`RawTable`] of trimmed text cells with their line numbers.
//!
//! CSV: `,`, `;` or tab separated (detected from the header line), UTF-8 with or without BOM,
//! falling back to Windows-1252 (what Excel on a Dutch Windows writes) when the bytes are not
//! UTF-8; CRLF or LF; blank lines and lines of only separators are skipped and counted.
//! XLSX: the first worksheet (or a named one) via calamine; date cells become ISO dates.

use std::path::Path;

use calamine::{Data, Reader};

use super::SourceError;

/// The trimmed cells of one row, in a single allocation (a national file has millions of rows).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cells(csv::StringRecord);

impl Cells {
    pub fn get(&self, i: usize) -> Option<&str> {
        self.0.get(i)
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter()
    }
    pub fn to_vec(&self) -> Vec<String> {
        self.0.iter().map(|c| c.to_string()).collect()
    }
}

impl<S: AsRef<str>> From<Vec<S>> for Cells {
    fn from(v: Vec<S>) -> Self {
        Cells(v.iter().map(|s| s.as_ref().trim()).collect())
    }
}

/// One data row: the line (CSV) or row (xlsx) number in the file, 1-based, and its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    pub line: usize,
    pub cells: Cells,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RawTable {
    pub headers: Vec<String>,
    pub rows: Vec<RawRow>,
    /// Blank lines (or lines of only separators) that were skipped.
    pub blank_lines: usize,
    /// Set when the file was not UTF-8 and was read as Windows-1252.
    pub encoding_note: Option<String>,
}

/// Reads a `.csv` or `.xlsx` file, chosen by extension.
pub fn read_table(path: &Path, sheet: Option<&str>) -> Result<RawTable, SourceError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => read_xlsx(path, sheet),
        _ => {
            let bytes = std::fs::read(path).map_err(|e| SourceError::Unreadable {
                file: path.to_path_buf(),
                reason: e.to_string(),
            })?;
            parse_csv_owned(bytes).map_err(|reason| SourceError::Unreadable {
                file: path.to_path_buf(),
                reason,
            })
        }
    }
}

/// Decodes and parses CSV bytes.
pub fn parse_csv_bytes(bytes: &[u8]) -> Result<RawTable, String> {
    parse_csv_owned(bytes.to_vec())
}

/// Decodes (without copying valid UTF-8) and parses CSV bytes.
pub fn parse_csv_owned(bytes: Vec<u8>) -> Result<RawTable, String> {
    let (text, encoding_note) = decode(bytes);
    let sep = detect_separator(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut blank_lines = 0;
    // The csv crate's own line counter is late with CRLF endings: count from byte offsets.
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let line_of = |byte: usize| newlines.partition_point(|&nl| nl <= byte) + 1;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record
                    .position()
                    .map(|p| line_of(p.byte() as usize))
                    .unwrap_or(0);
                if record.iter().all(|c| c.is_empty()) {
                    if headers.is_some() {
                        blank_lines += 1;
                    }
                    continue;
                }
                if headers.is_none() {
                    headers = Some(record.iter().map(|c| c.to_string()).collect());
                } else {
                    // A clone is allocated at its exact size; the read buffer is reused.
                    rows.push(RawRow {
                        line,
                        cells: Cells(record.clone()),
                    });
                }
            }
            Err(e) => return Err(format!("not a readable CSV file: {e}")),
        }
    }
    let headers = headers.ok_or_else(|| "the file is empty: no header line found".to_string())?;
    // The csv reader skips truly empty lines itself; count those after the header line too.
    let header_line = text.lines().position(|l| !l.trim().is_empty()).unwrap_or(0);
    blank_lines += text
        .lines()
        .skip(header_line + 1)
        .filter(|l| l.trim_end_matches('\r').is_empty())
        .count();
    Ok(RawTable {
        headers,
        rows,
        blank_lines,
        encoding_note,
    })
}

fn decode(mut bytes: Vec<u8>) -> (String, Option<String>) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
            (
                text.into_owned(),
                Some(format!(
                    "file is not UTF-8 (first invalid byte at offset {offset}); read as Windows-1252"
                )),
            )
        }
    }
}

/// Picks the separator that occurs most often (outside quotes) in the first non-blank line.
fn detect_separator(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut in_quotes = false;
    for b in first.bytes() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            for (sep, n) in counts.iter_mut() {
                if *sep == b {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(sep, n)| (*n, *sep == b','))
        .map(|(s, _)| *s)
        .unwrap_or(b',')
}

fn read_xlsx(path: &Path, sheet: Option<&str>) -> Result<RawTable, SourceError> {
    let unreadable = |reason: String| SourceError::Unreadable {
        file: path.to_path_buf(),
        reason,
    };
    let mut workbook = calamine::open_workbook_auto(path)
        .map_err(|e| unreadable(format!("not a readable spreadsheet: {e}")))?;
    let names = workbook.sheet_names().to_vec();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(s))
            .cloned()
            .ok_or_else(|| {
                unreadable(format!(
                    "worksheet {s:?} not found; the workbook has {}",
                    names.join(", ")
                ))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| unreadable("the workbook has no worksheets".into()))?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| unreadable(format!("worksheet {name:?} cannot be read: {e}")))?;
    let start_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut blank_lines = 0;
    for (i, row) in range.rows().enumerate() {
        let line = start_row + i + 1;
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        if cells.iter().all(|c| c.is_empty()) {
            if headers.is_some() {
                blank_lines += 1;
            }
            continue;
        }
        if headers.is_none() {
            headers = Some(cells);
        } else {
            rows.push(RawRow {
                line,
                cells: Cells::from(cells),
            });
        }
    }
    // Trailing empty cells in the header row (formatting) are not columns.
    let mut headers = headers.ok_or_else(|| unreadable("the worksheet is empty".into()))?;
    while headers.last().is_some_and(|h| h.is_empty()) {
        headers.pop();
    }
    Ok(RawTable {
        headers,
        rows,
        blank_lines,
        encoding_note: None,
    })
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(dt) => dt.date().format("%Y-%m-%d").to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) => s.trim().to_string(),
        Data::DurationIso(s) => s.trim().to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_bom_crlf_and_blank_lines() {
        let bytes = b"\xEF\xBB\xBFa;b;c\r\n 1 ; 2;3\r\n\r\n;;\r\n4;5;6\r\n";
        let t = parse_csv_bytes(bytes).unwrap();
        assert_eq!(t.headers, vec!["a", "b", "c"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells.to_vec(), vec!["1", "2", "3"]);
        assert_eq!(t.rows[0].line, 2);
        assert_eq!(t.rows[1].line, 5);
        assert_eq!(t.blank_lines, 2);
        assert!(t.encoding_note.is_none());
    }

    #[test]
    fn line_numbers_count_crlf_lines() {
        // Regression: the csv crate reports line 1 for the second record of a CRLF file.
        let t = parse_csv_bytes(b"a;b\r\n1;2\r\n3;4\r\n").unwrap();
        assert_eq!(
            t.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![2, 3]
        );
    }

    #[test]
    fn comma_with_quoted_semicolons() {
        let t = parse_csv_bytes(b"a,b\n\"x;y\",2\n").unwrap();
        assert_eq!(t.rows[0].cells.to_vec(), vec!["x;y", "2"]);
    }

    #[test]
    fn windows_1252_is_decoded_and_noted() {
        let t = parse_csv_bytes(b"gemeente;naam\nGM0344;Caf\xe9\n").unwrap();
        assert_eq!(t.rows[0].cells.get(1), Some("Café"));
        assert!(t.encoding_note.is_some());
    }

    #[test]
    fn empty_file_is_an_error() {
        assert!(parse_csv_bytes(b"\n\n").is_err());
    }
}
