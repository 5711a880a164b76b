//! Workbooks (`.xlsx`, `.xlsm`) read without trusting them.
//!
//! A workbook is a zip of XML parts, and a few kilobytes can claim anything: a cell at
//! `XFD1048576`, a sheet of a billion cells, a gigabyte of XML, a date in the year 10^300. So the
//! bytes are checked before anything is built from them, and the sheet is then read sparsely.
//!
//! 1. [`check()`] unpacks every part into nothing (64 KiB at a time), counting bytes against the
//!    zip-bomb limits, and streams the XML parts calamine will parse through a small tag scanner:
//!    in each worksheet part every cell reference (`<c r=…>`), row number and `<dimension>` must
//!    lie within [`MAX_COLUMNS`] × [`MAX_ROWS`], with any namespace prefix (`<x:c>` counts as
//!    `<c>`); the cells of all sheets and the shared strings are counted; a single tag, text,
//!    comment, cell, nesting depth or attribute list past its limit refuses the workbook. The
//!    scanner ends tags exactly where quick-xml (calamine's parser) does, quotes included, so
//!    no cell can hide from it.
//! 2. [`read()`] walks the chosen sheet cell by cell (`worksheet_cells_reader`, never
//!    `worksheet_range`, which allocates rows × columns of the claimed size): empty cells are
//!    skipped, each cell's position is checked again, and the kept text is budgeted. The first
//!    non-blank row is the header; a data row keeps the cells up to the header's width, and a
//!    filled cell beyond it only marks the row as wider than its header (its value is dropped
//!    as soon as the header is known), which the validator rejects as it does for CSV.
//! 3. Dates are converted here from Excel's serial numbers with range checks ([`serial_date`]);
//!    a number outside Excel's calendar (or NaN, infinity) stays a number, which the date
//!    validator rejects with the row's line.
//!
//! The whole workbook path runs under `catch_unwind`: a panic in calamine (or here) refuses the
//! file like any unreadable source instead of ending the process.

mod check;
mod limits;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{DataRef, ExcelDateTime, ExcelDateTimeType, Reader, Xlsx, XlsxError};
use chrono::NaiveDate;

use super::error::SourceError;
use super::rows::{Cells, RawRow, RawTable};
use check::{check, sheet_limits, unreadable, within};
pub use limits::*;

/// Reads the worksheet `sheet` (default: the first) of the workbook `bytes`, or refuses it.
pub fn read(path: &Path, bytes: Vec<u8>, sheet: Option<&str>) -> Result<RawTable, SourceError> {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        check(&bytes)?;
        read_checked(bytes, sheet)
    }));
    let reason = match outcome {
        Ok(Ok(table)) => return Ok(table),
        Ok(Err(reason)) => reason,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the reader failed".into());
            format!("not a readable spreadsheet: {what}")
        }
    };
    Err(SourceError::Unreadable {
        file: path.to_path_buf(),
        reason,
    })
}

fn read_checked(bytes: Vec<u8>, sheet: Option<&str>) -> Result<RawTable, String> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(s))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "worksheet {s:?} not found; the workbook has {}",
                    names.join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or("the workbook has no worksheets")?,
    };
    // The first pass drops the values beyond the header as it goes; rows out of order that
    // move the header after that need a second pass that keeps everything until the end.
    match collect(&mut workbook, &name, true)? {
        Some(sheet) => sheet.into_table(),
        None => collect(&mut workbook, &name, false)?
            .ok_or("the worksheet's rows are out of order")?
            .into_table(),
    }
}

/// A cell's column with this bit set: a filled cell beyond the header, its value not kept.
const DROPPED: u32 = 1 << 31;

/// The cells of one row as read: their text in one string, and per cell its column and where
/// its text ends (in file order; a later cell at the same column wins, as in calamine).
#[derive(Default)]
struct Line {
    text: String,
    cells: Vec<(u32, u32)>,
}

/// A worksheet being read.
struct Sheet {
    /// Rows with at least one filled cell, by row (from 0).
    rows: BTreeMap<u32, Line>,
    /// Over all non-empty cells: the first and last column, the last row.
    min_col: u32,
    max_col: u32,
    max_row: u32,
    any: bool,
    bytes: usize,
    /// Drop values beyond the header (the rows came in order so far).
    drop_wide: bool,
    /// The first row with text and its last column with text, while it is being read…
    candidate: Option<(u32, u32)>,
    /// …and once a later row began: the header.
    header: Option<(u32, u32)>,
    dropped: bool,
}

/// Reads every cell of sheet `name`; `None`: start again without dropping (see `read_checked`).
fn collect<R: Read + std::io::Seek>(
    workbook: &mut Xlsx<R>,
    name: &str,
    drop_wide: bool,
) -> Result<Option<Sheet>, String> {
    let mut cells = match workbook.worksheet_cells_reader(name) {
        Ok(c) => c,
        Err(XlsxError::NotAWorksheet(_)) => return Err("the worksheet is empty".into()),
        Err(e) => return Err(format!("worksheet {name:?} cannot be read: {e}")),
    };
    let mut sheet = Sheet::new(drop_wide);
    let mut text = String::new();
    loop {
        let cell = match cells.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => return Err(format!("worksheet {name:?} cannot be read: {e}")),
        };
        let (row, col) = cell.get_position();
        if !within(row.saturating_add(1), col.saturating_add(1)) {
            return Err(format!(
                "worksheet {name:?} has a cell in row {} and column {}, which is not within {} (the columns and rows woonmonitor reads): clear it and save the workbook again, or export the sheet as CSV",
                u64::from(row) + 1,
                u64::from(col) + 1,
                sheet_limits()
            ));
        }
        let value = cell.get_value();
        if matches!(value, DataRef::Empty) {
            continue;
        }
        text.clear();
        push_text(value, &mut text);
        if !sheet.add(row, col, &text)? {
            return Ok(None);
        }
    }
    Ok(Some(sheet))
}

impl Sheet {
    fn new(drop_wide: bool) -> Self {
        Sheet {
            rows: BTreeMap::new(),
            min_col: u32::MAX,
            max_col: 0,
            max_row: 0,
            any: false,
            bytes: 0,
            drop_wide,
            candidate: None,
            header: None,
            dropped: false,
        }
    }

    /// Takes a non-empty cell; `false`: the header moved after values beyond it were dropped.
    fn add(&mut self, row: u32, col: u32, text: &str) -> Result<bool, String> {
        self.any = true;
        self.min_col = self.min_col.min(col);
        self.max_col = self.max_col.max(col);
        self.max_row = self.max_row.max(row);
        let filled = !text.is_empty();
        let mut drop = false;
        if self.drop_wide {
            match (self.header, &mut self.candidate) {
                (Some((hr, _)), _) if row < hr && filled || row == hr => {
                    if self.dropped {
                        return Ok(false);
                    }
                    self.drop_wide = false;
                }
                (Some((hr, hc)), _) => drop = filled && row > hr && col > hc,
                (None, _) if !filled => {}
                (None, None) => self.candidate = Some((row, col)),
                (None, Some((cr, cc))) if row == *cr => *cc = (*cc).max(col),
                (None, Some((cr, cc))) if row > *cr => {
                    self.header = Some((*cr, *cc));
                    drop = col > *cc;
                }
                (None, Some(_)) => self.drop_wide = false,
            }
        }
        // An empty cell only matters where it replaces a filled one.
        if !filled && !self.rows.contains_key(&row) {
            return Ok(true);
        }
        let line = match self.rows.last_entry() {
            Some(e) if *e.key() == row => e.into_mut(),
            _ => {
                self.bytes += 64;
                self.rows.entry(row).or_default()
            }
        };
        if drop {
            self.dropped = true;
            line.cells.push((col | DROPPED, line.text.len() as u32));
        } else {
            line.text.push_str(text);
            line.cells.push((col, line.text.len() as u32));
            self.bytes += text.len();
        }
        self.bytes += 8;
        if self.bytes > MAX_SHEET_BYTES {
            return Err(format!(
                "the worksheet holds more than {} MB of cell text: export the data as CSV",
                MAX_SHEET_BYTES >> 20
            ));
        }
        Ok(true)
    }

    fn into_table(mut self) -> Result<RawTable, String> {
        if !self.any {
            return Err("the worksheet is empty".into());
        }
        // The header: the first row with text.
        let (header_row, header_line) = loop {
            let Some((row, line)) = self.rows.pop_first() else {
                return Err("the worksheet is empty".into());
            };
            if resolve(&line).iter().any(|c| c.1 || !c.2.is_empty()) {
                break (row, line);
            }
        };
        let header = resolve(&header_line);
        let last = header
            .iter()
            .filter(|c| !c.1 && !c.2.is_empty())
            .map(|c| c.0)
            .max()
            .unwrap_or(self.min_col);
        let width = (last - self.min_col + 1) as usize;
        let mut headers = vec![String::new(); width];
        for (col, _, text) in header.iter().filter(|c| !c.1 && c.0 <= last) {
            headers[(col - self.min_col) as usize] = text.to_string();
        }
        if (self.rows.len() as u64).saturating_mul(width as u64) > MAX_CELLS {
            return Err(format!(
                "the worksheet's table would be {} rows of {width} columns, more than {MAX_CELLS} cells: export the data as CSV",
                self.rows.len()
            ));
        }
        let range_width = (self.max_col - self.min_col + 1) as usize;
        let mut rows = Vec::with_capacity(self.rows.len());
        while let Some((row, line)) = self.rows.pop_first() {
            let cells = resolve(&line);
            if !cells.iter().any(|c| c.1 || !c.2.is_empty()) {
                continue;
            }
            let mut fields = vec![""; width];
            let mut wide = false;
            for &(col, dropped, text) in &cells {
                if dropped || col > last {
                    wide |= dropped || !text.is_empty();
                } else {
                    fields[(col - self.min_col) as usize] = text;
                }
            }
            rows.push(RawRow {
                line: row as usize + 1,
                cells: Cells::from_trimmed(fields.iter().copied()),
                wide: wide.then_some(range_width),
            });
        }
        let blank_lines = (self.max_row - header_row) as usize - rows.len();
        Ok(RawTable {
            headers,
            rows,
            blank_lines,
            encoding_note: None,
        })
    }
}

/// The cells of a line by column, the last one read at each column: (column, dropped, text).
fn resolve(line: &Line) -> Vec<(u32, bool, &str)> {
    let mut out = Vec::with_capacity(line.cells.len());
    let mut start = 0;
    for &(col, end) in &line.cells {
        let end = end as usize;
        out.push((col & !DROPPED, col & DROPPED != 0, &line.text[start..end]));
        start = end;
    }
    if !out.windows(2).all(|w| w[0].0 < w[1].0) {
        // Later cells win: sort by column, latest first, and keep the first of each column.
        let mut indexed: Vec<(usize, (u32, bool, &str))> = out.into_iter().enumerate().collect();
        indexed.sort_by_key(|(i, c)| (c.0, std::cmp::Reverse(*i)));
        indexed.dedup_by_key(|(_, c)| c.0);
        out = indexed.into_iter().map(|(_, c)| c).collect();
    }
    out
}

/// A cell's text as the validators see it (trimmed), appended to `out`.
fn push_text(value: &DataRef<'_>, out: &mut String) {
    match value {
        DataRef::Empty => {}
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            out.push_str(s.trim())
        }
        DataRef::SharedString(s) => out.push_str(s.trim()),
        DataRef::Int(i) => {
            let _ = write!(out, "{i}");
        }
        DataRef::Float(f) => push_number(*f, out),
        DataRef::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        DataRef::DateTime(dt) => {
            let v = dt.as_f64();
            let kind = if dt.is_duration() {
                ExcelDateTimeType::TimeDelta
            } else {
                ExcelDateTimeType::DateTime
            };
            // calamine keeps the workbook's date system to itself; it shows in equality.
            let is_1904 = *dt == ExcelDateTime::new(v, kind, true);
            match serial_date(v, is_1904) {
                Some(d) => {
                    let _ = write!(out, "{}", d.format("%Y-%m-%d"));
                }
                None if v.is_finite() && v.abs() >= 1e15 => {
                    let _ = write!(out, "{v:e}");
                }
                None => push_number(v, out),
            }
        }
        DataRef::Error(e) => {
            let _ = write!(out, "#{e:?}");
        }
    }
}

fn push_number(f: f64, out: &mut String) {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        let _ = write!(out, "{}", f as i64);
    } else {
        let _ = write!(out, "{f}");
    }
}

/// The date of an Excel serial number (days since 1899-12-30, with Excel's 29 February 1900
/// folded as calamine did; the 1904 system counts from 1904-01-01), or `None` outside Excel's
/// calendar (before serial 0, after 9999-12-31) or for NaN and infinities.
pub fn serial_date(serial: f64, is_1904: bool) -> Option<NaiveDate> {
    const LAST: f64 = 2_958_466.0; // 10000-01-01
    if !serial.is_finite() || serial < 0.0 {
        return None;
    }
    let days = if is_1904 { serial + 1462.0 } else { serial };
    if days >= LAST {
        return None;
    }
    let days = if days >= 60.0 { days } else { days + 1.0 };
    // As calamine: the time rounded to the millisecond, then the day it falls on.
    let ms = (days * 86_400_000.0).round() as i64;
    NaiveDate::from_ymd_opt(1899, 12, 30)?
        .checked_add_days(chrono::Days::new(ms.div_euclid(86_400_000) as u64))
}

#[cfg(test)]
#[cfg(test)]
mod tests {
    use super::*;

    /// The table of cells (row, column, text; from 0) read in the order given, as `collect`
    /// does: dropping values beyond the header, or reading again without when the header moved.
    fn table_of(cells: &[(u32, u32, &str)]) -> (RawTable, bool) {
        let read = |drop_wide| {
            let mut sheet = Sheet::new(drop_wide);
            for &(r, c, t) in cells {
                if !sheet.add(r, c, t).unwrap() {
                    return None;
                }
            }
            Some(sheet)
        };
        let (sheet, again) = match read(true) {
            Some(s) => (s, false),
            None => (read(false).unwrap(), true),
        };
        (sheet.into_table().unwrap(), again)
    }

    #[test]
    fn a_sheet_read_sparsely_in_any_order() {
        // Row 1 is the header (A, B; C only whitespace); row 3 has a cell in D, beyond it;
        // row 4 only whitespace (blank); row 5 starts left of everything (column A is the
        // first, as the header's); nothing in row 0.
        let cells = [
            (1, 0, "id"),
            (1, 1, "name"),
            (1, 2, ""),
            (2, 0, "1"),
            (2, 1, "x"),
            (3, 0, "2"),
            (3, 3, "beyond"),
            (4, 1, ""),
            (5, 1, "y"),
        ];
        let (expected, again) = table_of(&cells);
        assert!(!again);
        assert_eq!(expected.headers, vec!["id", "name"]);
        let rows: Vec<(usize, Vec<String>, Option<usize>)> = expected
            .rows
            .iter()
            .map(|r| (r.line, r.cells.to_vec(), r.wide))
            .collect();
        assert_eq!(
            rows,
            vec![
                (3, vec!["1".into(), "x".into()], None),
                (4, vec!["2".into(), String::new()], Some(4)),
                (6, vec![String::new(), "y".into()], None),
            ]
        );
        assert_eq!(expected.blank_lines, 1);
        // The value beyond the header is not kept.
        let mut sheet = Sheet::new(true);
        for &(r, c, t) in &cells {
            assert!(sheet.add(r, c, t).unwrap());
        }
        assert!(sheet.rows.values().all(|l| !l.text.contains("beyond")));
        // Every rotation, forwards and backwards, gives the same table.
        for k in 0..cells.len() {
            let mut order = cells.to_vec();
            order.rotate_left(k);
            assert_eq!(table_of(&order).0, expected, "rotated by {k}");
            order.reverse();
            assert_eq!(table_of(&order).0, expected, "reversed, rotated by {k}");
        }
        // The header arriving after a value beyond it was dropped: read again, same table.
        let late = [&cells[3..], &cells[..3]].concat();
        let (table, again) = table_of(&late);
        assert!(again);
        assert_eq!(table, expected);
    }

    #[test]
    fn a_later_cell_at_the_same_place_wins() {
        let (t, _) = table_of(&[
            (0, 0, "a"),
            (0, 1, "b"),
            (1, 0, "1"),
            (1, 0, "2"),
            (2, 1, "z"),
        ]);
        assert_eq!(t.rows[0].cells.to_vec(), vec!["2", ""]);
        // Whitespace over the only filled cell leaves a blank row.
        let (t, _) = table_of(&[(0, 0, "a"), (1, 0, "1"), (1, 0, ""), (2, 0, "3")]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, 3);
        assert_eq!(t.blank_lines, 1);
        assert!(Sheet::new(true).into_table().is_err());
    }

    #[test]
    fn serial_dates() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(serial_date(45943.0, false), d(2025, 10, 13));
        // A time of day stays on its day; the last millisecond rounds to the next.
        assert_eq!(serial_date(45943.75, false), d(2025, 10, 13));
        assert_eq!(serial_date(45943.999999999, false), d(2025, 10, 14));
        // Excel's 29 February 1900 (serial 60) does not exist: as calamine, it reads as the
        // 28th, and the days before it are shifted by one.
        assert_eq!(serial_date(59.0, false), d(1900, 2, 28));
        assert_eq!(serial_date(60.0, false), d(1900, 2, 28));
        assert_eq!(serial_date(61.0, false), d(1900, 3, 1));
        assert_eq!(serial_date(1.0, false), d(1900, 1, 1));
        assert_eq!(serial_date(2_958_465.0, false), d(9999, 12, 31));
        // The 1904 system: serial 0 is 1 January 1904.
        assert_eq!(serial_date(0.0, true), d(1904, 1, 1));
        assert_eq!(serial_date(44481.0, true), d(2025, 10, 13));
        for v in [
            1e308,
            -1e308,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -1.0,
            2_958_466.0,
        ] {
            assert_eq!(serial_date(v, false), None, "{v}");
        }
        assert_eq!(serial_date(2_958_465.0, true), None);
    }

    #[test]
    fn date_cells_out_of_range_stay_numbers() {
        let text = |v: f64| {
            let mut s = String::new();
            let dt = ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false);
            push_text(&DataRef::DateTime(dt), &mut s);
            s
        };
        assert_eq!(text(45943.0), "2025-10-13");
        assert_eq!(text(1e308), "1e308");
        assert_eq!(text(-1e308), "-1e308");
        assert_eq!(text(f64::NAN), "NaN");
        assert_eq!(text(f64::INFINITY), "inf");
        assert_eq!(text(-3.0), "-3");
        let mut s = String::new();
        let dt = ExcelDateTime::new(44481.0, ExcelDateTimeType::DateTime, true);
        push_text(&DataRef::DateTime(dt), &mut s);
        assert_eq!(s, "2025-10-13");
    }
}
