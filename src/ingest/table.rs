//! Opening a source file as a [`Body`] whose rows the validators walk.
//!
//! CSV: `,`, `;` or tab separated (detected from the header line), UTF-8 with or without BOM,
//! falling back to Windows-1252 (what Excel on a Dutch Windows writes) when the bytes are not
//! UTF-8; CRLF or LF; blank lines and lines of only separators are skipped and counted (the
//! scanner is in `scan`). XLSX/XLSM: the first worksheet (or a named one), checked and read
//! sparsely by `xlsx` into a [`RawTable`]; date cells become ISO dates. Other spreadsheets
//! (`.xls`, `.xlsb`, `.ods`) are refused.

use std::borrow::Cow;
use std::path::Path;

use super::error::SourceError;
use super::mapping::ColumnMap;
use super::scan::{CsvText, Header};
use super::validate::{ChunkOut, Kind, RowIn};

pub use super::rows::{Cells, RawRow, RawTable};

/// A source file, opened: CSV text (validated in parallel chunks) or a worksheet's rows.
pub enum Body {
    Csv {
        csv: CsvText,
        header: Header,
        /// Bytes validated per task ([`CHUNK_BYTES`]; tests make it small).
        chunk_bytes: usize,
        /// A snapshot's projection: the first column is the row's line in the original file.
        line_column: bool,
    },
    Sheet(RawTable),
}

/// Bytes of CSV validated per task: small enough to keep every core busy to the end.
pub const CHUNK_BYTES: usize = 2 << 20;

/// The header of the line-number column of a projection.
pub const LINE_COLUMN: &str = "regel";

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The format of a source, by its file extension: a spreadsheet (anything else is CSV). Only
/// the Open XML workbooks (`.xlsx`, `.xlsm`) are read; the others are refused.
pub fn is_spreadsheet(path: &Path) -> bool {
    is_workbook(path) || matches!(extension(path).as_str(), "xls" | "xlsb" | "ods")
}

/// An Open XML workbook (`.xlsx`, `.xlsm`), read with [`super::xlsx`].
pub fn is_workbook(path: &Path) -> bool {
    matches!(extension(path).as_str(), "xlsx" | "xlsm")
}

/// Reads a file, at most `max_bytes` (a larger file is refused without reading it all).
pub fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>, SourceError> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| SourceError::Unreadable {
        file: path.to_path_buf(),
        reason: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    // Sized from the file's length (plus the byte that tells a file grown past the limit), so
    // the buffer is not grown and copied while reading: that was 6% of a national run's CPU.
    let expected = file.metadata().map_or(0, |m| m.len().min(max_bytes)) + 1;
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max_bytes {
        return Err(SourceError::TooLarge {
            file: path.to_path_buf(),
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

impl Body {
    /// Opens a `.csv` or `.xlsx` file, chosen by extension, of at most `max_bytes`.
    pub fn open(path: &Path, sheet: Option<&str>, max_bytes: u64) -> Result<Body, SourceError> {
        let bytes = read_limited(path, max_bytes)?;
        Body::from_bytes(path, bytes, sheet)
    }

    /// Opens a snapshot's projection (CSV whose first column is the original line number).
    pub fn open_projection(path: &Path) -> Result<Body, SourceError> {
        let bytes = read_limited(path, u64::MAX / 2)?;
        match Body::from_bytes(path, bytes, None)? {
            Body::Csv {
                csv,
                header,
                chunk_bytes,
                ..
            } if header.cells.first().map(String::as_str) == Some(LINE_COLUMN) => Ok(Body::Csv {
                csv,
                header,
                chunk_bytes,
                line_column: true,
            }),
            _ => Err(SourceError::Unreadable {
                file: path.to_path_buf(),
                reason: format!(
                    "not a snapshot projection (its first column is not {LINE_COLUMN:?})"
                ),
            }),
        }
    }

    /// Opens the bytes of a file named `path` (the name tells CSV from xlsx).
    pub fn from_bytes(
        path: &Path,
        bytes: Vec<u8>,
        sheet: Option<&str>,
    ) -> Result<Body, SourceError> {
        let unreadable = |reason: String| SourceError::Unreadable {
            file: path.to_path_buf(),
            reason,
        };
        if is_workbook(path) {
            return super::xlsx::read(path, bytes, sheet).map(Body::Sheet);
        }
        if is_spreadsheet(path) {
            return Err(unreadable(format!(
                "a .{} spreadsheet is not read (only .xlsx and .xlsm workbooks are): save it in Excel as .xlsx (Excel Workbook) or as CSV",
                extension(path)
            )));
        }
        let csv = CsvText::new(bytes);
        let header = csv
            .header()
            .ok_or_else(|| unreadable("the file is empty: no header line found".into()))?;
        if let Some(line) = csv.unclosed_quote(&header) {
            return Err(SourceError::UnclosedQuote {
                file: path.to_path_buf(),
                line,
            });
        }
        Ok(Body::Csv {
            csv,
            header,
            chunk_bytes: CHUNK_BYTES,
            line_column: false,
        })
    }

    pub fn headers(&self) -> &[String] {
        match self {
            Body::Csv {
                header,
                line_column,
                ..
            } => &header.cells[usize::from(*line_column)..],
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
    pub fn validate<'a, K: Kind<'a>>(&'a self, kind: &K, map: &ColumnMap) -> Vec<ChunkOut<'a, K>> {
        use rayon::prelude::*;
        match self {
            Body::Csv {
                csv,
                header,
                chunk_bytes,
                line_column,
            } => {
                let record_bytes = csv.mean_record_bytes(header);
                let skip = usize::from(*line_column);
                csv.chunks(header, *chunk_bytes)
                    .par_iter()
                    .map(|chunk| {
                        // Room for a few more rows than expected: untouched capacity costs nothing.
                        let rows = chunk.bytes.len() / record_bytes * 5 / 4 + 16;
                        let mut out = ChunkOut::new(kind, map, rows);
                        csv.for_each(chunk, |line, handle, cells| {
                            // A projection carries the line of the original file (and, for a
                            // row wider than its header, `line:cells:header`).
                            let (line, wide) = match cells.first() {
                                Some(l) if skip == 1 => projected_line(l, line),
                                _ => (line, None),
                            };
                            out.feed(
                                kind,
                                map,
                                RowIn {
                                    line,
                                    handle,
                                    cells: cells.get(skip..).unwrap_or(&[]),
                                    not_blank: skip == 1,
                                    wide,
                                },
                            )
                        });
                        out
                    })
                    .collect()
            }
            Body::Sheet(t) => {
                let mut out = ChunkOut::new(kind, map, t.rows.len());
                let mut cells: Vec<Cow<'a, str>> = Vec::new();
                for (handle, row) in t.rows.iter().enumerate() {
                    cells.clear();
                    cells.extend(row.cells.iter().map(Cow::Borrowed));
                    let line = row.line;
                    out.feed(
                        kind,
                        map,
                        RowIn {
                            line,
                            handle,
                            cells: &cells,
                            // Filled cells beyond the header make a row (wide) even when
                            // its kept cells are empty.
                            not_blank: row.wide.is_some(),
                            wide: row.wide.map(|n| (n, t.headers.len())),
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
            Body::Csv {
                csv, line_column, ..
            } => {
                let mut cells = csv.cells_at(handle);
                if *line_column && !cells.is_empty() {
                    cells.remove(0);
                }
                cells
            }
            Body::Sheet(t) => t.rows[handle].cells.to_vec(),
        }
    }
}

/// The line cell of a projection: `17`, or `17:12:8` for a row of 12 cells under a header of 8.
fn projected_line(cell: &str, fallback: usize) -> (usize, Option<(usize, usize)>) {
    let mut parts = cell.split(':').map(|p| p.parse::<usize>().ok());
    let line = parts.next().flatten().unwrap_or(fallback);
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(n), Some(w)) => (line, Some((n, w))),
        _ => (line, None),
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
                    wide: None,
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

    #[test]
    fn only_open_xml_workbooks_are_read_as_spreadsheets() {
        let refusal = |name: &str, bytes: &[u8]| match Body::from_bytes(
            Path::new(name),
            bytes.to_vec(),
            None,
        ) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("{name} was read"),
        };
        for name in ["x.xls", "x.XLSB", "x.ods"] {
            let e = refusal(name, b"PK\x03\x04");
            assert!(e.contains("save it in Excel as .xlsx"), "{e}");
        }
        // Text under an .xlsx name is not read as CSV.
        let e = refusal("x.xlsx", b"a;b\n1;2\n");
        assert!(e.contains("not an .xlsx workbook"), "{e}");
        assert!(is_spreadsheet(Path::new("x.Xlsm")) && is_workbook(Path::new("x.xlsm")));
        assert!(!is_spreadsheet(Path::new("x.csv")));
    }
}
