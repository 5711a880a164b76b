//! The CSV scanner: splits a decoded file into records without copying cells, in chunks that
//! can be validated on all cores.
//!
//! Rules (those of the `csv` crate the project used before, kept by the tests below): the
//! separator is `;`, `,` or tab (the one the header line uses most); records end at `\n`, `\r\n`
//! or a lone `\r`; a cell that starts with `"` is quoted (`""` is a quote, separators and line
//! breaks inside are text, anything after the closing quote up to the separator is appended);
//! a quote elsewhere is an ordinary character; every cell is trimmed. Line numbers count `\n`.
//! A record whose cells are all empty is a blank line.

use std::borrow::Cow;
use std::ops::Range;

/// A decoded CSV file: its text (UTF-8), separator and a note when it was not UTF-8.
#[derive(Debug)]
pub struct CsvText {
    pub text: String,
    pub sep: u8,
    pub encoding_note: Option<String>,
}

/// The header record and where the data rows start.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub cells: Vec<String>,
    /// Byte offset of the first record after the header.
    pub body_start: usize,
    /// Line number (1-based) of that byte.
    pub body_line: usize,
}

/// A part of the body that starts and ends on record boundaries.
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    pub bytes: Range<usize>,
    /// Line number of the chunk's first byte.
    pub line: usize,
}

impl CsvText {
    /// Decodes the bytes (UTF-8 without a copy, else Windows-1252) and detects the separator.
    pub fn new(bytes: Vec<u8>) -> Self {
        let (text, encoding_note) = decode(bytes);
        let sep = detect_separator(&text);
        Self {
            text,
            sep,
            encoding_note,
        }
    }

    /// The first record with a non-empty cell, or `None` for a file without one.
    pub fn header(&self) -> Option<Header> {
        let mut fields = Vec::new();
        let (mut pos, mut line) = (0, 1);
        while pos < self.text.len() {
            let (next, newlines) = record(&self.text, pos, self.sep, &mut fields);
            if fields.iter().any(|f| !f.is_empty()) {
                return Some(Header {
                    cells: fields.iter().map(|f| f.to_string()).collect(),
                    body_start: next,
                    body_line: line + newlines,
                });
            }
            pos = next;
            line += newlines;
        }
        None
    }

    /// Splits the body into chunks of about `target` bytes on record boundaries.
    pub fn chunks(&self, header: &Header, target: usize) -> Vec<Chunk> {
        let bytes = self.text.as_bytes();
        let (start, end) = (header.body_start, bytes.len());
        let target = target.max(1);
        let mut bounds = vec![start];
        if memchr::memchr(b'"', &bytes[start..]).is_none() {
            // Without quotes every line break ends a record.
            let mut next = start.saturating_add(target);
            while next < end {
                match memchr::memchr(b'\n', &bytes[next..]) {
                    Some(i) if next + i + 1 < end => {
                        bounds.push(next + i + 1);
                        next = (next + i + 1).saturating_add(target);
                    }
                    _ => break,
                }
            }
        } else {
            // Quoted cells may hold line breaks: walk the records to find the boundaries.
            let mut fields = Vec::new();
            let mut pos = start;
            let mut next = start.saturating_add(target);
            while pos < end {
                pos = record(&self.text, pos, self.sep, &mut fields).0;
                if pos >= next && pos < end {
                    bounds.push(pos);
                    next = pos.saturating_add(target);
                }
            }
        }
        bounds.push(end);
        let mut line = header.body_line;
        bounds
            .windows(2)
            .map(|w| {
                let chunk = Chunk {
                    bytes: w[0]..w[1],
                    line,
                };
                line += memchr::memchr_iter(b'\n', &bytes[w[0]..w[1]]).count();
                chunk
            })
            .collect()
    }

    /// The mean length of a record in the first 64 KiB of the body (at least 1), to size
    /// buffers before the rows are counted.
    pub fn mean_record_bytes(&self, header: &Header) -> usize {
        let body = &self.text.as_bytes()[header.body_start..];
        let sample = &body[..body.len().min(64 << 10)];
        let lines = memchr::memchr_iter(b'\n', sample).count().max(1);
        (sample.len() / lines).max(1)
    }

    /// Calls `f(line, byte offset, cells)` for every record of the chunk.
    pub fn for_each<'a>(&'a self, chunk: &Chunk, mut f: impl FnMut(usize, usize, &[Cow<'a, str>])) {
        let mut fields = Vec::with_capacity(16);
        let (mut pos, mut line) = (chunk.bytes.start, chunk.line);
        while pos < chunk.bytes.end {
            let (next, newlines) = record(&self.text, pos, self.sep, &mut fields);
            f(line, pos, &fields);
            pos = next;
            line += newlines;
        }
    }

    /// The line (1-based) of a quote that opens a cell and is never closed, which would make
    /// the rest of the file one cell.
    pub fn unclosed_quote(&self, header: &Header) -> Option<usize> {
        let bytes = self.text.as_bytes();
        memchr::memchr(b'"', &bytes[header.body_start..])?;
        let mut fields = Vec::new();
        let mut unclosed = None;
        let mut pos = header.body_start;
        while pos < bytes.len() && unclosed.is_none() {
            pos = record_noting(&self.text, pos, self.sep, &mut fields, &mut unclosed).0;
        }
        unclosed.map(|at| 1 + memchr::memchr_iter(b'\n', &bytes[..at]).count())
    }

    /// The cells of the record at `offset` (for the rejected-rows file).
    pub fn cells_at(&self, offset: usize) -> Vec<String> {
        let mut fields = Vec::new();
        record(&self.text, offset, self.sep, &mut fields);
        fields.into_iter().map(|f| f.into_owned()).collect()
    }
}

/// Parses the record at `pos` into `fields`; returns the position after its terminator and the
/// number of `\n` it consumed.
pub fn record<'a>(
    text: &'a str,
    pos: usize,
    sep: u8,
    fields: &mut Vec<Cow<'a, str>>,
) -> (usize, usize) {
    record_noting(text, pos, sep, fields, &mut None)
}

/// [`record`], noting in `unclosed` the offset of a quote that opens a cell and is never closed.
fn record_noting<'a>(
    text: &'a str,
    pos: usize,
    sep: u8,
    fields: &mut Vec<Cow<'a, str>>,
    unclosed: &mut Option<usize>,
) -> (usize, usize) {
    fields.clear();
    let bytes = text.as_bytes();
    let end = memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
    // Cells are short: one pass over the line beats a search call per cell. The pass looks at
    // eight bytes at a time (`bytes_equal`), the rest one by one.
    let line = &bytes[pos..end];
    let mut start = pos;
    let (seps, quotes) = (u64::from_ne_bytes([sep; 8]), u64::from_ne_bytes([b'"'; 8]));
    let mut i = 0;
    while let Some(word) = line.get(i..i + 8) {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        if bytes_equal(word, quotes) != 0 {
            fields.clear();
            return quoted_record(text, pos, sep, fields, unclosed);
        }
        let mut found = bytes_equal(word, seps);
        while found != 0 {
            let at = pos + i + (found.trailing_zeros() / 8) as usize;
            fields.push(Cow::Borrowed(trim(&text[start..at])));
            start = at + 1;
            found &= found - 1;
        }
        i += 8;
    }
    for (k, &b) in line[i..].iter().enumerate() {
        if b == sep {
            fields.push(Cow::Borrowed(trim(&text[start..pos + i + k])));
            start = pos + i + k + 1;
        } else if b == b'"' {
            fields.clear();
            return quoted_record(text, pos, sep, fields, unclosed);
        }
    }
    fields.push(Cow::Borrowed(trim(&text[start..end])));
    terminator(bytes, end)
}

/// The bytes of `word` (little-endian) that equal those of `pattern`, as `0x80` in each such
/// byte and 0 elsewhere. Exact: no carry from one byte reaches the next.
#[inline]
fn bytes_equal(word: u64, pattern: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let x = word ^ pattern;
    // A byte's high bit ends up set when any of its bits is set.
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

/// `str::trim`, without its Unicode scan for the common cell that starts and ends with a
/// visible ASCII character.
#[inline]
pub fn trim(s: &str) -> &str {
    let visible = |b: u8| b > b' ' && b < 0x80;
    match s.as_bytes() {
        [] => s,
        [first, .., last] if visible(*first) && visible(*last) => s,
        [only] if visible(*only) => s,
        _ => s.trim(),
    }
}

fn terminator(bytes: &[u8], at: usize) -> (usize, usize) {
    match bytes.get(at) {
        Some(b'\n') => (at + 1, 1),
        Some(b'\r') if bytes.get(at + 1) == Some(&b'\n') => (at + 2, 1),
        Some(b'\r') => (at + 1, 0),
        _ => (at, 0),
    }
}

/// The end of an unquoted cell starting at `from`: the next separator or line break.
fn cell_end(bytes: &[u8], from: usize, sep: u8) -> usize {
    memchr::memchr3(sep, b'\n', b'\r', &bytes[from..]).map_or(bytes.len(), |i| from + i)
}

fn quoted_record<'a>(
    text: &'a str,
    mut i: usize,
    sep: u8,
    fields: &mut Vec<Cow<'a, str>>,
    unclosed: &mut Option<usize>,
) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut newlines = 0;
    loop {
        if bytes.get(i) == Some(&b'"') {
            let open = i + 1;
            let mut value: Option<String> = None;
            let mut seg = open;
            i = open;
            let close = loop {
                match memchr::memchr(b'"', &bytes[i..]) {
                    None => {
                        // Unterminated: the rest of the file is the cell (a file with one is
                        // refused, see `CsvText::unclosed_quote`).
                        unclosed.get_or_insert(open - 1);
                        newlines += memchr::memchr_iter(b'\n', &bytes[i..]).count();
                        i = bytes.len();
                        break bytes.len();
                    }
                    Some(k) => {
                        let q = i + k;
                        newlines += memchr::memchr_iter(b'\n', &bytes[i..q]).count();
                        if bytes.get(q + 1) == Some(&b'"') {
                            value
                                .get_or_insert_with(String::new)
                                .push_str(&text[seg..=q]);
                            i = q + 2;
                            seg = i;
                        } else {
                            i = q + 1;
                            break q;
                        }
                    }
                }
            };
            let tail_end = cell_end(bytes, i, sep);
            let tail = &text[i..tail_end];
            i = tail_end;
            match value {
                None if tail.is_empty() => fields.push(Cow::Borrowed(trim(&text[seg..close]))),
                value => {
                    let mut v = value.unwrap_or_default();
                    v.push_str(&text[seg..close]);
                    v.push_str(tail);
                    fields.push(Cow::Owned(trim(&v).to_string()));
                }
            }
        } else {
            let end = cell_end(bytes, i, sep);
            fields.push(Cow::Borrowed(trim(&text[i..end])));
            i = end;
        }
        match bytes.get(i) {
            Some(&c) if c == sep => i += 1,
            _ => {
                let (next, n) = terminator(bytes, i);
                return (next, newlines + n);
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str, sep: u8) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let mut fields = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            pos = record(text, pos, sep, &mut fields).0;
            out.push(fields.iter().map(|f| f.to_string()).collect());
        }
        out
    }

    fn csv_crate_records(text: &str, sep: u8) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .delimiter(sep)
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(|c| c.to_string()).collect())
            .collect()
    }

    /// The scan as it was before it looked at eight bytes at a time (one byte per step).
    fn byte_by_byte<'a>(
        text: &'a str,
        pos: usize,
        sep: u8,
        fields: &mut Vec<Cow<'a, str>>,
        unclosed: &mut Option<usize>,
    ) -> (usize, usize) {
        fields.clear();
        let bytes = text.as_bytes();
        let end = memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        let mut start = pos;
        for (i, &b) in bytes[pos..end].iter().enumerate() {
            if b == sep {
                fields.push(Cow::Borrowed(trim(&text[start..pos + i])));
                start = pos + i + 1;
            } else if b == b'"' {
                fields.clear();
                return quoted_record(text, pos, sep, fields, unclosed);
            }
        }
        fields.push(Cow::Borrowed(trim(&text[start..end])));
        terminator(bytes, end)
    }

    proptest::proptest! {
        /// Crafted files for the eight-bytes-at-a-time pass: long and short cells, quotes
        /// anywhere, separators next to the bytes one bit away (`:` for `;`), line breaks of
        /// every kind and letters of two and three bytes: every record, its end and an unclosed
        /// quote come out as the byte-by-byte scan gave them.
        #[test]
        fn crafted_lines_are_scanned_as_byte_by_byte(
            text in "[;:\"a \t\r\nëé€<]{0,160}"
        ) {
            let (mut pos, mut fast, mut slow) = (0, Vec::new(), Vec::new());
            while pos < text.len() {
                let (mut u1, mut u2) = (None, None);
                let a = record_noting(&text, pos, b';', &mut fast, &mut u1);
                let b = byte_by_byte(&text, pos, b';', &mut slow, &mut u2);
                proptest::prop_assert_eq!((a, &fast, u1), (b, &slow, u2), "{:?} at {}", text, pos);
                pos = a.0;
            }
        }
    }

    #[test]
    fn quoting_rules_match_the_csv_crate() {
        let cases: &[&str] = &[
            "a;b;c\n1;2;3\n",
            "\"x;y\";2\r\n\"a \"\"b\"\"\";c\n",
            "\"multi\nline\";2\nnext;3\n",
            "ab\"c;\"d\"e;\" f \"\n",
            " \"x;y\" ;z\n",
            "\"unterminated;x\ny",
            "a;;\r\rb\n",
            "\"\";\"\"\"\";x\n",
        ];
        for text in cases {
            let ours = records(text, b';');
            let theirs = csv_crate_records(text, b';');
            // The csv crate skips empty lines; we return them as blank records.
            let ours: Vec<Vec<String>> = ours
                .into_iter()
                .filter(|r| !(r.len() == 1 && r[0].is_empty()))
                .collect();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }

    #[test]
    fn chunks_start_on_record_boundaries_and_count_lines() {
        for quoted in [false, true] {
            let mut text = String::from("id;note\n");
            for i in 0..500 {
                if quoted && i % 7 == 0 {
                    text.push_str(&format!("{i};\"line\nbreak; {i}\"\n"));
                } else {
                    text.push_str(&format!("{i};plain {i}\n"));
                }
            }
            let csv = CsvText::new(text.clone().into_bytes());
            let header = csv.header().unwrap();
            assert_eq!(header.cells, vec!["id", "note"]);
            let whole = csv.chunks(&header, usize::MAX);
            assert_eq!(whole.len(), 1);
            let mut expected = Vec::new();
            csv.for_each(&whole[0], |line, _, cells| {
                expected.push((line, cells[0].to_string()))
            });
            let chunks = csv.chunks(&header, 97);
            assert!(chunks.len() > 10, "{}", chunks.len());
            let mut got = Vec::new();
            for c in &chunks {
                csv.for_each(c, |line, _, cells| got.push((line, cells[0].to_string())));
            }
            assert_eq!(got, expected, "quoted: {quoted}");
            assert_eq!(got.len(), 500);
            // Row 0 of the quoted file spans two lines.
            assert_eq!(got[1], (if quoted { 4 } else { 3 }, "1".to_string()));
        }
    }

    #[test]
    fn quote_in_a_later_cell_does_not_repeat_earlier_cells() {
        // Regression: the fast path kept the cells before the quote when it handed the line
        // to the quoted-cell parser, which parsed them again.
        let mut fields = Vec::new();
        record("1;\"x;y\";3\n", 0, b';', &mut fields);
        assert_eq!(fields, vec!["1", "x;y", "3"]);
    }

    #[test]
    fn trim_matches_str_trim() {
        for s in [
            "", "a", " a", "a ", "ab", " ab\t", "\u{a0}x", "x\u{a0}", "é", " é ", "\r",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn an_unclosed_quote_is_found_on_its_line() {
        let csv = CsvText::new(b"a;b\n1;x\n2;\"open\n3;y\n4;z\n".to_vec());
        let header = csv.header().unwrap();
        assert_eq!(csv.unclosed_quote(&header), Some(3));
        let csv = CsvText::new(b"a;b\n1;\"x\ny\";2\n3;ab\"c\n".to_vec());
        let header = csv.header().unwrap();
        assert_eq!(
            csv.unclosed_quote(&header),
            None,
            "closed, and a quote inside a cell"
        );
    }

    #[test]
    fn cells_at_reparses_one_record() {
        let csv = CsvText::new(b"a;b\n1;\"x;y\"\n2;z\n".to_vec());
        assert_eq!(csv.cells_at(4), vec!["1", "x;y"]);
    }

    #[test]
    fn eight_bytes_at_a_time_find_every_separator_and_quote_and_nothing_else() {
        // Every byte value beside separators (a carry from one byte must not flag the next,
        // e.g. ':' right after ';', '-' right after ','), and lines of every length around 8.
        for sep in [b';', b',', b'\t', b'|'] {
            for len in 0..40usize {
                let cells: Vec<String> = (0..len)
                    .map(|i| {
                        let b = [sep ^ 1, sep.wrapping_add(1), b'a', 0x7F, b'x'][i % 5];
                        let c = if b == b'"' || b == sep || b == b'\n' || b == b'\r' {
                            'y'
                        } else {
                            char::from(b)
                        };
                        std::iter::repeat_n(c, i % 4).collect()
                    })
                    .collect();
                let line = cells.join(&char::from(sep).to_string());
                let mut fields = Vec::new();
                record(&line, 0, sep, &mut fields);
                let want: Vec<&str> = if line.is_empty() {
                    vec![""]
                } else {
                    line.split(char::from(sep)).map(trim).collect()
                };
                assert_eq!(fields, want, "sep {sep:?}, line {line:?}");
            }
        }
        for at in 0..20 {
            let mut line = "a;bb;ccc;dddd;eeeee;ffffff".to_string();
            line.insert(at.min(line.len()), '"');
            let mut fields = Vec::new();
            let mut unclosed = None;
            record_noting(&line, 0, b';', &mut fields, &mut unclosed);
            let mut slow = Vec::new();
            let mut slow_unclosed = None;
            quoted_record(&line, 0, b';', &mut slow, &mut slow_unclosed);
            assert_eq!((fields, unclosed), (slow, slow_unclosed), "{line}");
        }
    }
}
