//! Opening a source file as a [`Body`] whose rows the validators walk.
//!
//! CSV: `,`, `;` or tab separated (detected from the header line), UTF-8 with or without BOM,
//! falling back to Windows-1252 (what Excel on a Dutch Windows writes) when the bytes are not
//! UTF-8; CRLF or LF; blank lines and lines of only separators are skipped and counted (the
//! scanner is in `scan`). XLSX: the first worksheet (or a named one) via calamine, read into a
//! [`RawTable`]; date cells become ISO dates.

use std::borrow::Cow;
use std::path::Path;

use calamine::{Data, Reader};

use super::scan::{CsvText, Header};
use super::validate::{ChunkOut, Kind, RowIn};
use super::SourceError;

/// The trimmed cells of one row, in a single allocation (a national file has millions of rows).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cells(csv::StringRecord);

impl Cells {
    #[cfg(test)]
    pub fn get(&self, i: usize) -> Option<&str> {
        self.0.get(i)
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

/// A source file, opened: CSV text (validated in parallel chunks) or a worksheet's rows.
pub enum Body {
    Csv {
        csv: CsvText,
        header: Header,
        /// Bytes validated per task ([`CHUNK_BYTES`]; tests make it small).
        chunk_bytes: usize,
    },
    Sheet(RawTable),
}

/// Bytes of CSV validated per task: small enough to keep every core busy to the end.
pub const CHUNK_BYTES: usize = 2 << 20;

impl Body {
    /// Opens a `.csv` or `.xlsx` file, chosen by extension.
    pub fn open(path: &Path, sheet: Option<&str>) -> Result<Body, SourceError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "xlsx" | "xlsm" | "xls" | "ods" => read_xlsx(path, sheet).map(Body::Sheet),
            _ => {
                let unreadable = |reason: String| SourceError::Unreadable {
                    file: path.to_path_buf(),
                    reason,
                };
                let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
                let csv = CsvText::new(bytes);
                let header = csv
                    .header()
                    .ok_or_else(|| unreadable("the file is empty: no header line found".into()))?;
                Ok(Body::Csv {
                    csv,
                    header,
                    chunk_bytes: CHUNK_BYTES,
                })
            }
        }
    }

    pub fn headers(&self) -> &[String] {
        match self {
            Body::Csv { header, .. } => &header.cells,
            Body::Sheet(t) => &t.headers,
        }
    }

    pub fn encoding_note(&self) -> Option<&str> {
        match self {
            Body::Csv { csv, .. } => csv.encoding_note.as_deref(),
            Body::Sheet(t) => t.encoding_note.as_deref(),
        }
    }

    /// Blank rows already skipped while opening (worksheets).
    pub fn skipped_blank_rows(&self) -> usize {
        match self {
            Body::Csv { .. } => 0,
            Body::Sheet(t) => t.blank_lines,
        }
    }

    /// Validates every row with `kind`, CSV chunks in parallel; chunks come back in file order.
    pub fn validate<'a, K: Kind<'a>>(
        &'a self,
        kind: &K,
        unmapped: &[usize],
    ) -> Vec<ChunkOut<'a, K>> {
        use rayon::prelude::*;
        match self {
            Body::Csv {
                csv,
                header,
                chunk_bytes,
            } => {
                let record_bytes = csv.mean_record_bytes(header);
                csv.chunks(header, *chunk_bytes)
                    .par_iter()
                    .map(|chunk| {
                        // Room for a few more rows than expected: untouched capacity costs nothing.
                        let rows = chunk.bytes.len() / record_bytes * 5 / 4 + 16;
                        let mut out = ChunkOut::new(kind, unmapped.len(), rows);
                        csv.for_each(chunk, |line, handle, cells| {
                            out.feed(
                                kind,
                                unmapped,
                                RowIn {
                                    line,
                                    handle,
                                    cells,
                                },
                            )
                        });
                        out
                    })
                    .collect()
            }
            Body::Sheet(t) => {
                let mut out = ChunkOut::new(kind, unmapped.len(), t.rows.len());
                let mut cells: Vec<Cow<'a, str>> = Vec::new();
                for (handle, row) in t.rows.iter().enumerate() {
                    cells.clear();
                    cells.extend(row.cells.iter().map(Cow::Borrowed));
                    let line = row.line;
                    out.feed(
                        kind,
                        unmapped,
                        RowIn {
                            line,
                            handle,
                            cells: &cells,
                        },
                    );
                }
                vec![out]
            }
        }
    }

    /// The cells of the row with `handle` (from [`Body::validate`]).
    pub fn cells_of(&self, handle: usize) -> Vec<String> {
        match self {
            Body::Csv { csv, .. } => csv.cells_at(handle),
            Body::Sheet(t) => t.rows[handle].cells.to_vec(),
        }
    }
}

/// Decodes and parses CSV bytes into a table (tests: the scanner's rules, row by row).
#[cfg(test)]
fn parse_csv_bytes(bytes: &[u8]) -> Result<RawTable, &'static str> {
    let csv = CsvText::new(bytes.to_vec());
    let header = csv
        .header()
        .ok_or("the file is empty: no header line found")?;
    Ok(csv_table(&csv, &header))
}

#[cfg(test)]
fn csv_table(csv: &CsvText, header: &Header) -> RawTable {
    let mut rows = Vec::new();
    let mut blank_lines = 0;
    for chunk in csv.chunks(header, usize::MAX) {
        csv.for_each(&chunk, |line, _, cells| {
            if cells.iter().all(|c| c.is_empty()) {
                blank_lines += 1;
            } else {
                rows.push(RawRow {
                    line,
                    cells: Cells::from(cells.to_vec()),
                });
            }
        });
    }
    RawTable {
        headers: header.cells.clone(),
        rows,
        blank_lines,
        encoding_note: csv.encoding_note.clone(),
    }
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
    fn line_number_after_a_blank_crlf_line() {
        // Regression: the csv crate placed a record after a skipped blank CRLF line one line
        // early, so "regel N telt" in duplicate messages pointed at the blank line.
        let t = parse_csv_bytes(b"a;b\r\n1;2\r\n\r\n3;4\r\n").unwrap();
        assert_eq!(
            t.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![2, 4]
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
