//! The check of a workbook before anything is built from it: every part unpacked into nothing
//! against the zip-bomb limits, and the XML parts calamine parses streamed through a tag
//! scanner that ends tags exactly where quick-xml does (quotes included, comments, CDATA,
//! processing instructions and DOCTYPE as quick-xml reads them), so no cell can hide from it.
//! The limits are in the parent module.

use std::collections::HashSet;
use std::io::{Cursor, Read};

use super::limits::{
    BASE_BYTES, MAX_ATTRIBUTES, MAX_CELLS, MAX_COLUMNS, MAX_DEPTH, MAX_PART_BYTES, MAX_RATIO,
    MAX_ROWS, MAX_RUN, MAX_STRINGS, MAX_TAG, MAX_UNPACKED,
};

/// What a part of the workbook is to calamine.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Part {
    /// A worksheet (or chart or dialog sheet) the workbook's relationships can point at.
    Sheet,
    /// `xl/sharedStrings.xml`.
    Strings,
    /// `xl/_rels/workbook.xml.rels`: where the sheets are.
    Rels,
    /// `xl/workbook.xml`, `xl/styles.xml`.
    Other,
}

/// Unpacks every part of the workbook into nothing and checks it (see the module comment).
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) if bytes.starts_with(b"PK") => {
            return Err(format!("not a readable spreadsheet: {e}"))
        }
        Err(_) => {
            return Err("not an .xlsx workbook (an old .xls under a new name?): save it in Excel as .xlsx (Excel Workbook) or as CSV".into())
        }
    };
    let sheets = sheet_parts(&mut zip)?;
    let limit = BASE_BYTES
        .saturating_add(MAX_RATIO.saturating_mul(bytes.len() as u64))
        .min(MAX_UNPACKED);
    let mut tally = Tally::default();
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 << 10];
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(unreadable)?;
        let name = part.name().to_string();
        let kind = part_kind(&name, &sheets);
        let mut scan = kind.map(|k| Scan::new(k, &name));
        let mut size = 0u64;
        loop {
            let n = part.read(&mut buf).map_err(unreadable)?;
            if n == 0 {
                break;
            }
            total += n as u64;
            size += n as u64;
            if total > limit {
                return Err(if limit == MAX_UNPACKED {
                    format!("the workbook unpacks to more than {} MB: refused as a possible zip bomb; export the data as CSV", limit >> 20)
                } else {
                    format!(
                        "the workbook unpacks to more than {} MB ({} times its size): refused as a possible zip bomb",
                        limit >> 20,
                        limit / (bytes.len() as u64).max(1)
                    )
                });
            }
            if kind.is_some_and(|k| k != Part::Sheet) && size > MAX_PART_BYTES {
                return Err(format!(
                    "{} unpacks to more than {} MB: export the data as CSV",
                    shown(name.as_bytes()),
                    MAX_PART_BYTES >> 20
                ));
            }
            if let Some(scan) = &mut scan {
                scan.feed(&buf[..n], &mut tally)?;
            }
        }
    }
    Ok(())
}

pub(super) fn unreadable(e: impl std::fmt::Display) -> String {
    format!("not a readable spreadsheet: {e}")
}

fn part_kind(name: &str, sheets: &HashSet<String>) -> Option<Part> {
    let norm = name.replace('\\', "/").to_ascii_lowercase();
    match norm.as_str() {
        _ if sheets.contains(&norm) => Some(Part::Sheet),
        "xl/sharedstrings.xml" => Some(Part::Strings),
        "xl/_rels/workbook.xml.rels" => Some(Part::Rels),
        "xl/workbook.xml" | "xl/styles.xml" => Some(Part::Other),
        _ => None,
    }
}

/// The parts calamine may read as a worksheet: the targets of the workbook's relationships, as
/// calamine resolves them (`xl/` prepended, the second path segment `worksheets`,
/// `chartsheets` or `dialogsheets`; zip names compared ignoring case, `\` as `/`), lowercase.
fn sheet_parts<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> Result<HashSet<String>, String> {
    let mut sheets = HashSet::new();
    let mut buf = vec![0u8; 64 << 10];
    let mut tally = Tally::default();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(unreadable)?;
        let name = part.name().to_string();
        if part_kind(&name, &sheets) != Some(Part::Rels) {
            continue;
        }
        let mut scan = Scan::new(Part::Rels, &name);
        let mut size = 0u64;
        loop {
            let n = part.read(&mut buf).map_err(unreadable)?;
            if n == 0 {
                break;
            }
            size += n as u64;
            if size > MAX_PART_BYTES {
                return Err(format!(
                    "{} unpacks to more than {} MB: export the data as CSV",
                    shown(name.as_bytes()),
                    MAX_PART_BYTES >> 20
                ));
            }
            scan.feed(&buf[..n], &mut tally)?;
        }
        for target in scan.targets {
            let Ok(t) = String::from_utf8(target) else {
                continue;
            };
            let path = if t.starts_with("/xl/") {
                t[1..].to_string()
            } else if t.starts_with("xl/") {
                t
            } else {
                format!("xl/{t}")
            };
            let kind = path.split('/').nth(1).unwrap_or("").to_ascii_lowercase();
            if matches!(kind.as_str(), "worksheets" | "chartsheets" | "dialogsheets") {
                sheets.insert(path.to_ascii_lowercase());
            }
        }
    }
    Ok(sheets)
}

/// Counts across the parts of one workbook.
#[derive(Default, Debug)]
struct Tally {
    cells: u64,
    strings: u64,
}

/// Where the scanner is in the XML.
#[derive(Clone, Copy, Debug)]
enum State {
    Text,
    /// Just after `<`.
    Open,
    /// Just after `<!`.
    Bang,
    /// In a start or end tag; the open quote, if any.
    Tag(u8),
    /// In a comment, CDATA section or processing instruction: it ends at `>` right after
    /// `end` (`--`, `]]`, `?`), at least `min` bytes after its `!` (or `?`).
    Skip {
        end: &'static [u8],
        min: usize,
    },
    /// In a `<!DOCTYPE`: `<` and `>` seen inside it, balanced.
    Doctype(i64),
}

/// A streaming scanner of one XML part: tags may straddle the chunks it is fed.
struct Scan<'n> {
    part: Part,
    name: &'n str,
    state: State,
    /// The current tag's bytes after `<`.
    tag: Vec<u8>,
    /// Bytes of the current text, comment or CDATA section so far.
    run: usize,
    /// The last two bytes of the current comment, CDATA section or PI.
    tail: [u8; 2],
    depth: usize,
    /// Bytes of the part before the current chunk.
    offset: u64,
    /// Where the open cell (`<c>`) or shared string (`<si>`) began.
    item: Option<u64>,
    /// Relationship targets (`Rels` parts).
    targets: Vec<Vec<u8>>,
}

impl<'n> Scan<'n> {
    fn new(part: Part, name: &'n str) -> Self {
        Self {
            part,
            name,
            state: State::Text,
            tag: Vec::new(),
            run: 0,
            tail: [0; 2],
            depth: 0,
            offset: 0,
            item: None,
            targets: Vec::new(),
        }
    }

    fn refuse(&self, what: &str) -> String {
        format!(
            "{} has {what}: not a spreadsheet woonmonitor reads safely; export the data as CSV",
            shown(self.name.as_bytes())
        )
    }

    fn feed(&mut self, chunk: &[u8], tally: &mut Tally) -> Result<(), String> {
        let mut i = 0;
        while i < chunk.len() {
            let rest = &chunk[i..];
            match self.state {
                State::Text => {
                    let next = memchr::memchr(b'<', rest);
                    self.run += next.unwrap_or(rest.len());
                    if self.run > MAX_RUN {
                        return Err(
                            self.refuse(&format!("a text longer than {} MB", MAX_RUN >> 20))
                        );
                    }
                    match next {
                        Some(k) => {
                            i += k + 1;
                            self.state = State::Open;
                            self.run = 0;
                            self.tag.clear();
                        }
                        None => i = chunk.len(),
                    }
                }
                State::Open => match rest[0] {
                    b'!' => {
                        self.state = State::Bang;
                        i += 1;
                    }
                    b'?' => {
                        // quick-xml reads a PI from its `?`: `<?>` is complete.
                        self.begin_skip(b"?", 1, [0, b'?']);
                        i += 1;
                    }
                    _ => self.state = State::Tag(0),
                },
                State::Bang => {
                    match rest[0] {
                        // From the `!`: `<!---->` is the shortest comment.
                        b'-' => self.begin_skip(b"--", 5, [b'!', b'-']),
                        b'[' => self.begin_skip(b"]]", 0, [b'!', b'[']),
                        b'D' | b'd' => {
                            self.state = State::Doctype(0);
                            self.run = 2;
                        }
                        // quick-xml refuses other `<!`; read on as a tag.
                        _ => self.state = State::Tag(0),
                    }
                    i += 1;
                }
                State::Skip { end, min } => {
                    let mut done = None;
                    for p in memchr::memchr_iter(b'>', rest) {
                        let at = self.run + p;
                        let ends = (1..=end.len()).all(|k| {
                            let b = if p >= k {
                                rest[p - k]
                            } else {
                                self.tail[2 - (k - p)]
                            };
                            b == end[end.len() - k]
                        });
                        if ends && at >= min {
                            done = Some(p);
                            break;
                        }
                    }
                    let used = done.map_or(rest.len(), |p| p + 1);
                    self.run += used;
                    if self.run > MAX_RUN {
                        return Err(self.refuse(&format!(
                            "a comment or CDATA section longer than {} MB",
                            MAX_RUN >> 20
                        )));
                    }
                    match done {
                        Some(_) => self.end_markup(),
                        None if rest.len() >= 2 => {
                            self.tail = [rest[rest.len() - 2], rest[rest.len() - 1]]
                        }
                        None => self.tail = [self.tail[1], rest[0]],
                    }
                    i += used;
                }
                State::Doctype(mut balance) => {
                    let mut done = None;
                    for p in memchr::memchr2_iter(b'<', b'>', rest) {
                        if rest[p] == b'<' {
                            balance += 1;
                        } else if balance == 0 {
                            done = Some(p);
                            break;
                        } else {
                            balance -= 1;
                        }
                    }
                    let used = done.map_or(rest.len(), |p| p + 1);
                    self.run += used;
                    if self.run > MAX_RUN {
                        return Err(
                            self.refuse(&format!("a DOCTYPE longer than {} MB", MAX_RUN >> 20))
                        );
                    }
                    self.state = State::Doctype(balance);
                    if done.is_some() {
                        self.end_markup();
                    }
                    i += used;
                }
                State::Tag(mut quote) => {
                    // As quick-xml: `>` ends the tag outside quotes only.
                    let mut done = None;
                    for p in memchr::memchr3_iter(b'>', b'"', b'\'', rest) {
                        match (quote, rest[p]) {
                            (0, b'>') => {
                                done = Some(p);
                                break;
                            }
                            (0, q) => quote = q,
                            (q, b) if q == b => quote = 0,
                            _ => {}
                        }
                    }
                    let upto = done.unwrap_or(rest.len());
                    self.tag.extend_from_slice(&rest[..upto]);
                    if self.tag.len() > MAX_TAG {
                        return Err(self.refuse(&format!("a tag longer than {} KB", MAX_TAG >> 10)));
                    }
                    self.state = State::Tag(quote);
                    if done.is_some() {
                        let start = self.offset + i as u64;
                        self.on_tag(start, tally)?;
                        self.end_markup();
                    }
                    i += done.map_or(rest.len(), |p| p + 1);
                }
            }
        }
        self.offset += chunk.len() as u64;
        self.check_item(self.offset)
    }

    fn begin_skip(&mut self, end: &'static [u8], min: usize, tail: [u8; 2]) {
        self.state = State::Skip { end, min };
        self.run = if end == b"?" { 1 } else { 2 };
        self.tail = tail;
    }

    fn end_markup(&mut self) {
        self.state = State::Text;
        self.run = 0;
    }

    fn check_item(&self, now: u64) -> Result<(), String> {
        match self.item {
            Some(start) if now.saturating_sub(start) > MAX_RUN as u64 => Err(self.refuse(
                &format!("a cell or string longer than {} MB of XML", MAX_RUN >> 20),
            )),
            _ => Ok(()),
        }
    }

    /// A complete tag (its bytes after `<` in `self.tag`), `start` bytes into the part.
    fn on_tag(&mut self, start: u64, tally: &mut Tally) -> Result<(), String> {
        let tag = std::mem::take(&mut self.tag);
        let result = self.judge_tag(&tag, start, tally);
        self.tag = tag;
        result
    }

    fn judge_tag(&mut self, tag: &[u8], start: u64, tally: &mut Tally) -> Result<(), String> {
        self.check_item(start)?;
        if let Some(end) = tag.strip_prefix(b"/") {
            // As quick-xml: the name is all of it but trailing whitespace.
            let name = end
                .iter()
                .rposition(|b| !is_space(*b))
                .map_or(end, |p| &end[..=p]);
            self.depth = self.depth.saturating_sub(1);
            if matches!(
                (self.part, local(name)),
                (Part::Sheet, b"c") | (Part::Strings, b"si")
            ) {
                self.item = None;
            }
            return Ok(());
        }
        let (body, empty) = match tag.strip_suffix(b"/") {
            Some(body) => (body, true),
            None => (tag, false),
        };
        if !empty {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(self.refuse(&format!("elements nested more than {MAX_DEPTH} deep")));
            }
        }
        let name_len = body.iter().position(|b| is_space(*b)).unwrap_or(body.len());
        let name = local(&body[..name_len]);
        let attributes = &body[name_len..];
        if memchr::memchr_iter(b'=', attributes).count() > MAX_ATTRIBUTES {
            return Err(self.refuse(&format!("a tag with more than {MAX_ATTRIBUTES} attributes")));
        }
        match (self.part, name) {
            (Part::Sheet, b"c") => {
                tally.cells += 1;
                if tally.cells > MAX_CELLS {
                    return Err(format!(
                        "the worksheets have more than {MAX_CELLS} cells: export the data as CSV"
                    ));
                }
                for_attribute(attributes, b"r", |r| self.check_cell(r))?;
                if !empty && self.item.is_none() {
                    self.item = Some(start);
                }
            }
            (Part::Sheet, b"row") => for_attribute(attributes, b"r", |r| self.check_row(r))?,
            (Part::Sheet, b"dimension") => {
                for_attribute(attributes, b"ref", |r| self.check_dimension(r))?
            }
            (Part::Strings, b"si") => {
                tally.strings += 1;
                if tally.strings > MAX_STRINGS {
                    return Err(format!(
                        "its shared strings table ({}) has more than {MAX_STRINGS} strings: export the data as CSV",
                        shown(self.name.as_bytes())
                    ));
                }
                if !empty && self.item.is_none() {
                    self.item = Some(start);
                }
            }
            (Part::Rels, b"Relationship") => {
                let mut targets = Vec::new();
                for_attribute(attributes, b"Target", |t| {
                    targets.push(t.to_vec());
                    Ok(())
                })?;
                self.targets.extend(targets);
            }
            _ => {}
        }
        Ok(())
    }

    fn check_cell(&self, r: &[u8]) -> Result<(), String> {
        match cell_ref(r) {
            Some((row, col)) if within(row, col) => Ok(()),
            _ => Err(format!(
                "the worksheet {} has a cell at \"{}\", which is not within {} (the columns and rows woonmonitor reads): clear that cell, or delete its row or column, and save the workbook again, or export the sheet as CSV",
                shown(self.name.as_bytes()),
                shown(r),
                sheet_limits()
            )),
        }
    }

    fn check_row(&self, r: &[u8]) -> Result<(), String> {
        match row_number(r) {
            Some(row) if row <= MAX_ROWS => Ok(()),
            _ => Err(format!(
                "the worksheet {} has a row numbered \"{}\", which is not within rows 1 to {MAX_ROWS}: delete that row and save the workbook again, or export the sheet as CSV",
                shown(self.name.as_bytes()),
                shown(r)
            )),
        }
    }

    fn check_dimension(&self, r: &[u8]) -> Result<(), String> {
        let corners: Vec<Option<(u32, u32)>> = r.split(|b| *b == b':').map(cell_ref).collect();
        let ok = match corners.as_slice() {
            [Some(a)] => within(a.0, a.1),
            [Some(a), Some(b)] => within(b.0, b.1) && a.0 <= b.0 && a.1 <= b.1,
            _ => false,
        };
        if ok {
            return Ok(());
        }
        Err(format!(
            "the worksheet {} says it spans \"{}\", which is not within {} (the columns and rows woonmonitor reads): delete the rows and columns after the data (Ctrl+End shows where Excel thinks the sheet ends) and save the workbook again, or export the sheet as CSV",
            shown(self.name.as_bytes()),
            shown(r),
            sheet_limits()
        ))
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// A tag name without its namespace prefix (`x:c` → `c`), as quick-xml's `local_name`.
fn local(name: &[u8]) -> &[u8] {
    match memchr::memchr(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// Calls `f` with the value of every attribute named `key` (every one: calamine takes the
/// first, quick-xml refuses a second).
fn for_attribute(
    attributes: &[u8],
    key: &[u8],
    mut f: impl FnMut(&[u8]) -> Result<(), String>,
) -> Result<(), String> {
    let b = attributes;
    let mut i = 0;
    let skip_space = |i: &mut usize| {
        while *i < b.len() && is_space(b[*i]) {
            *i += 1;
        }
    };
    loop {
        skip_space(&mut i);
        if i >= b.len() {
            return Ok(());
        }
        let start = i;
        while i < b.len() && !is_space(b[i]) && b[i] != b'=' {
            i += 1;
        }
        let name = &b[start..i];
        skip_space(&mut i);
        if i >= b.len() || b[i] != b'=' {
            continue;
        }
        i += 1;
        skip_space(&mut i);
        let value = match b.get(i) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let from = i + 1;
                let len = memchr::memchr(q, &b[from..]).unwrap_or(b.len() - from);
                i = from + len + 1;
                &b[from..from + len]
            }
            _ => {
                let from = i;
                while i < b.len() && !is_space(b[i]) {
                    i += 1;
                }
                &b[from..i]
            }
        };
        if name == key {
            f(value)?;
        }
    }
}

/// An A1 cell reference (`B7`, `b7`, `$B$7`): its row and column, both from 1. At most three
/// letters and seven digits, so nothing overflows; `None` for anything else.
pub fn cell_ref(s: &[u8]) -> Option<(u32, u32)> {
    let s = s.strip_prefix(b"$").unwrap_or(s);
    let letters = s.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if !(1..=3).contains(&letters) {
        return None;
    }
    let digits = &s[letters..];
    let digits = digits.strip_prefix(b"$").unwrap_or(digits);
    let col = s[..letters].iter().fold(0u32, |c, b| {
        c * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    Some((row_number(digits)?, col))
}

/// A row number: one to seven digits, not 0.
fn row_number(s: &[u8]) -> Option<u32> {
    if s.is_empty() || s.len() > 7 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let row = s.iter().fold(0u32, |r, b| r * 10 + u32::from(b - b'0'));
    (row > 0).then_some(row)
}

pub(super) fn within(row: u32, col: u32) -> bool {
    (1..=MAX_ROWS).contains(&row) && (1..=MAX_COLUMNS).contains(&col)
}

/// `A1:IV1048576`.
pub(super) fn sheet_limits() -> String {
    format!("A1:{}{MAX_ROWS}", column_name(MAX_COLUMNS))
}

/// A column's letters (from 1: 1 → `A`, 256 → `IV`).
fn column_name(mut col: u32) -> String {
    let mut letters = Vec::new();
    while col > 0 {
        col -= 1;
        letters.push(b'A' + (col % 26) as u8);
        col /= 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// At most 40 characters of `v`, for a message.
fn shown(v: &[u8]) -> String {
    let s = String::from_utf8_lossy(v);
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.into_owned(),
    }
}

#[cfg(test)]
mod tests;
