//! Row validation: each raw row becomes a typed record or a [`Rejection`] with a reason in Dutch
//! (the rejected-rows files are read by policy advisors).
//!
//! Rules: required fields filled; municipality code well-formed and in the configured region;
//! dates readable (ISO `2026-10-31` or Dutch `31-10-2026`), real, and not after the run date;
//! housed/withdrawn not before received; ids unique (the first accepted occurrence counts).
//! All problems of a row are listed, separated by `; `.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::columns::{Applications, Deliveries, DictColumn, TextColumn};

/// Bytes per id reserved up front (ids such as `A0012345`; longer ones grow the buffer).
const ID_BYTES: usize = 10;
use super::mapping::{BsnCount, ColumnMap};
use super::{Commitment, Rejection};
use crate::config::{MunicipalityLookup, Reference};

/// Why a date cell is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    Unreadable,
    Impossible,
}

/// Parses `YYYY-MM-DD` or `DD-MM-YYYY` (also with `/` or `.`, one-digit day or month, and a
/// trailing time such as `T00:00:00` or ` 00:00`, as spreadsheet exports write).
pub fn parse_date(raw: &str) -> Result<NaiveDate, DateProblem> {
    let s = raw.trim();
    if let Some(ymd) = fixed_width_date(s.as_bytes()) {
        return ymd;
    }
    let date_part = s.split(['T', ' ']).next().unwrap_or("");
    let rest = &s[date_part.len()..];
    if !rest.is_empty() {
        let time = rest.trim_start_matches(['T', ' ']);
        let ok = time
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'Z' | '+' | '-'))
            && time.contains(':');
        if !ok {
            return Err(DateProblem::Unreadable);
        }
    }
    let parts: Vec<&str> = date_part.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(DateProblem::Unreadable);
    }
    let (y, m, d) = if parts[0].len() == 4 && parts[1].len() <= 2 && parts[2].len() <= 2 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        (parts[2], parts[1], parts[0])
    } else {
        return Err(DateProblem::Unreadable);
    };
    let (y, m, d): (i32, u32, u32) = (
        y.parse().map_err(|_| DateProblem::Unreadable)?,
        m.parse().map_err(|_| DateProblem::Unreadable)?,
        d.parse().map_err(|_| DateProblem::Unreadable)?,
    );
    NaiveDate::from_ymd_opt(y, m, d).ok_or(DateProblem::Impossible)
}

/// `DD-MM-YYYY` or `YYYY-MM-DD` (separator `-`, `/` or `.`), the forms exports write on
/// every row, read without splitting; `None` sends anything else to the general parser.
fn fixed_width_date(b: &[u8]) -> Option<Result<NaiveDate, DateProblem>> {
    if b.len() != 10 {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let is_sep = |c: u8| matches!(c, b'-' | b'/' | b'.');
    let (y, m, d) = if is_sep(b[2]) && b[5] == b[2] {
        (num(6..10)?, num(3..5)?, num(0..2)?)
    } else if is_sep(b[4]) && b[7] == b[4] {
        (num(0..4)?, num(5..7)?, num(8..10)?)
    } else {
        return None;
    };
    Some(NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(DateProblem::Impossible))
}

/// Dutch date for messages: `31-10-2026`.
fn nl(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// Canonical columns of each source, by position in the lists in `ingest`.
mod col {
    pub const APP_ID: usize = 0;
    pub const RECEIVED: usize = 1;
    pub const APP_MUNICIPALITY: usize = 2;
    pub const ORIGIN: usize = 3;
    pub const APP_HOUSING_FORM: usize = 4;
    pub const APP_CORPORATION: usize = 5;
    pub const HOUSED: usize = 6;
    pub const WITHDRAWN: usize = 7;

    pub const DWELLING_ID: usize = 0;
    pub const DEL_CORPORATION: usize = 1;
    pub const DEL_MUNICIPALITY: usize = 2;
    pub const DELIVERED: usize = 3;
    pub const DEL_HOUSING_FORM: usize = 4;
    pub const DEL_APPLICATION_ID: usize = 5;

    pub const YEAR: usize = 0;
    pub const COM_CORPORATION: usize = 1;
    pub const COM_MUNICIPALITY: usize = 2;
    pub const LOWER: usize = 3;
    pub const UPPER: usize = 4;
}

/// One data row as the validators see it: its line, a handle to find it again (byte offset
/// or row index) and its trimmed cells.
#[derive(Clone, Copy)]
pub struct RowIn<'r, 'a> {
    pub line: usize,
    pub handle: usize,
    pub cells: &'r [Cow<'a, str>],
}

/// A row with problems, before duplicates across chunks are known.
pub struct Pending<'a> {
    line: usize,
    handle: usize,
    cells: Vec<String>,
    problems: Vec<String>,
    /// The row's duplicate key, when its fields for the key are readable.
    key: Option<Cow<'a, str>>,
}

/// What validating one chunk of a source produced.
pub struct ChunkOut<'a, K: Kind<'a> + ?Sized> {
    pub cols: K::Cols,
    cache: K::Cache,
    /// Per accepted row: line, handle and the hash of its duplicate key (the key itself is in
    /// `cols`, see [`Kind::key`]).
    lines: Vec<usize>,
    hashes: Vec<u64>,
    handles: Vec<usize>,
    rejected: Vec<Pending<'a>>,
    pub read: usize,
    pub blank: usize,
    /// Per unmapped column (in `ColumnMap::unmapped` order).
    pub bsn: Vec<BsnCount>,
}

impl<'a, K: Kind<'a> + ?Sized> ChunkOut<'a, K> {
    /// `rows`: the expected number of rows (an estimate; it sizes the columns once).
    pub fn new(kind: &K, unmapped: usize, rows: usize) -> Self {
        Self {
            cols: kind.new_cols(rows),
            cache: K::Cache::default(),
            lines: Vec::with_capacity(rows),
            hashes: Vec::with_capacity(rows),
            handles: Vec::with_capacity(rows),
            rejected: Vec::new(),
            read: 0,
            blank: 0,
            bsn: vec![BsnCount::default(); unmapped],
        }
    }

    /// Takes one record: blank lines are counted, other rows validated.
    pub fn feed(&mut self, kind: &K, unmapped: &[usize], row: RowIn<'_, 'a>) {
        if row.cells.iter().all(|c| c.is_empty()) {
            self.blank += 1;
            return;
        }
        self.read += 1;
        for (count, &i) in self.bsn.iter_mut().zip(unmapped) {
            if let Some(c) = row.cells.get(i) {
                count.note(c);
            }
        }
        kind.row(self, row);
        if self.hashes.len() < self.lines.len() {
            let key = kind.key(&self.cols, self.hashes.len());
            self.hashes.push(key_hash(key));
        }
    }

    fn accept(&mut self, row: RowIn<'_, 'a>) {
        self.lines.push(row.line);
        self.handles.push(row.handle);
    }

    fn reject(&mut self, row: RowIn<'_, 'a>, problems: Vec<String>, key: Option<Cow<'a, str>>) {
        self.rejected.push(Pending {
            line: row.line,
            handle: row.handle,
            cells: row.cells.iter().map(|c| c.to_string()).collect(),
            problems,
            key,
        });
    }
}

/// A kind of source (applications, deliveries, commitments): how a row is validated and
/// stored, and what a duplicate is.
pub trait Kind<'a>: Sync {
    /// Accepted rows of a chunk.
    type Cols: Send + Sync;
    /// Chunk-local lookup caches.
    type Cache: Default + Send + Sync;
    /// Empty columns with room for `rows` rows.
    fn new_cols(&self, rows: usize) -> Self::Cols;
    /// Validates one non-blank row: accepted rows go to `out.cols` and `out.accept`.
    fn row(&self, out: &mut ChunkOut<'a, Self>, row: RowIn<'_, 'a>);
    /// The duplicate key of accepted row `k` of `cols`.
    fn key<'c>(&self, cols: &'c Self::Cols, k: usize) -> &'c str;
    /// The problem for a row whose key an earlier accepted row (at `first_line`) has.
    fn duplicate(&self, key: &str, first_line: usize) -> String;
    /// Appends the rows of `from` that `keep` selects.
    fn append(&self, into: &mut Self::Cols, from: Self::Cols, keep: Option<&[bool]>);
}

fn key_hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(key)
}

/// Duplicates are found per bucket of key hashes (top bits): small tables that stay in cache,
/// judged on all cores.
const BUCKET_BITS: u32 = 8;

/// A row in a bucket: `chunk << 32 | index`, the top bit set for a rejected (pending) row.
#[derive(Clone, Copy)]
struct Entry {
    hash: u64,
    id: u64,
}

const PENDING: u64 = 1 << 63;

impl Entry {
    fn new(hash: u64, chunk: usize, index: usize, pending: bool) -> Self {
        let id = ((chunk as u64) << 32) | index as u64;
        Self {
            hash,
            id: if pending { id | PENDING } else { id },
        }
    }
    fn chunk(self) -> usize {
        ((self.id & !PENDING) >> 32) as usize
    }
    fn index(self) -> usize {
        (self.id & 0xFFFF_FFFF) as usize
    }
    fn pending(self) -> bool {
        self.id & PENDING != 0
    }
}

/// Joins the chunks of a source in file order: a row whose key an earlier accepted row has is
/// rejected (or, when already rejected, gets that problem too). `cells_of(handle)` gives the
/// cells of an accepted row that turns out to be a duplicate.
pub fn merge<'a, K: Kind<'a>>(
    kind: &K,
    mut chunks: Vec<ChunkOut<'a, K>>,
    cells_of: impl Fn(usize) -> Vec<String>,
) -> (K::Cols, Vec<Rejection>) {
    use rayon::prelude::*;
    let pending: Vec<Vec<Pending<'a>>> = chunks
        .iter_mut()
        .map(|c| std::mem::take(&mut c.rejected))
        .collect();
    let total: usize = chunks.iter().map(|c| c.lines.len()).sum();

    // 1. Scatter every keyed row into its bucket, in file order.
    let buckets_n = 1usize << BUCKET_BITS;
    let bucket_of = |hash: u64| (hash >> (64 - BUCKET_BITS)) as usize;
    let mut buckets: Vec<Vec<Entry>> = (0..buckets_n)
        .map(|_| Vec::with_capacity(total / buckets_n * 5 / 4 + 8))
        .collect();
    for (c, (chunk, pending)) in chunks.iter().zip(&pending).enumerate() {
        assert!(
            chunk.lines.len().max(pending.len()) < 1 << 31 && c < 1 << 31,
            "fewer than 2^31 chunks and rows per chunk"
        );
        let mut p = 0;
        let push_pending = |p: usize, buckets: &mut Vec<Vec<Entry>>| {
            if let Some(key) = pending[p].key.as_deref() {
                let h = key_hash(key);
                buckets[bucket_of(h)].push(Entry::new(h, c, p, true));
            }
        };
        for (k, (&hash, &handle)) in chunk.hashes.iter().zip(&chunk.handles).enumerate() {
            while p < pending.len() && pending[p].handle < handle {
                push_pending(p, &mut buckets);
                p += 1;
            }
            buckets[bucket_of(hash)].push(Entry::new(hash, c, k, false));
        }
        for p in p..pending.len() {
            push_pending(p, &mut buckets);
        }
    }

    // 2. In each bucket, in file order: the first accepted row of a key stays; later rows with
    // that key are duplicates of it. Result: (row, line of the first) per duplicate.
    let key_of = |e: Entry| -> &str {
        if e.pending() {
            pending[e.chunk()][e.index()]
                .key
                .as_deref()
                .unwrap_or_default()
        } else {
            kind.key(&chunks[e.chunk()].cols, e.index())
        }
    };
    let duplicates: Vec<(Entry, usize)> = buckets
        .par_iter()
        .flat_map_iter(|bucket| {
            let mut table: hashbrown::HashTable<u32> =
                hashbrown::HashTable::with_capacity(bucket.len());
            let mut found = Vec::new();
            for (i, &e) in bucket.iter().enumerate() {
                // Keys are compared only on a full hash match (the key is another cache miss).
                let first = table.find(e.hash, |&j| {
                    let f = bucket[j as usize];
                    f.hash == e.hash && key_of(f) == key_of(e)
                });
                match first {
                    Some(&j) => {
                        let f = bucket[j as usize];
                        found.push((e, chunks[f.chunk()].lines[f.index()]));
                    }
                    None if !e.pending() => {
                        table.insert_unique(e.hash, i as u32, |&j| bucket[j as usize].hash);
                    }
                    None => {}
                }
            }
            found
        })
        .collect();
    drop(buckets);

    // 3. Rejections in file order: rows rejected before, now with their duplicate problem,
    // and accepted rows that are duplicates.
    let mut accepted_dups: Vec<Vec<(usize, usize)>> = vec![Vec::new(); chunks.len()];
    let mut pending_dups: Vec<FxHashMap<usize, usize>> = vec![FxHashMap::default(); chunks.len()];
    for (e, first) in duplicates {
        if e.pending() {
            pending_dups[e.chunk()].insert(e.index(), first);
        } else {
            accepted_dups[e.chunk()].push((e.index(), first));
        }
    }
    let mut rejections = Vec::new();
    let mut masks: Vec<Option<Vec<bool>>> = Vec::with_capacity(chunks.len());
    for (c, (chunk, pending)) in chunks.iter().zip(pending).enumerate() {
        let dups = &mut accepted_dups[c];
        dups.sort_unstable();
        let mut mask = (!dups.is_empty()).then(|| vec![true; chunk.lines.len()]);
        let mut dups = dups.iter().peekable();
        for (p, row) in pending.into_iter().enumerate() {
            while let Some(&(k, first)) = dups.next_if(|(k, _)| chunk.handles[*k] < row.handle) {
                rejections.push(duplicate_rejection(kind, chunk, k, first, &cells_of));
                if let Some(m) = mask.as_mut() {
                    m[k] = false;
                }
            }
            let mut problems = row.problems;
            if let (Some(first), Some(key)) = (pending_dups[c].get(&p), row.key.as_deref()) {
                problems.push(kind.duplicate(key, *first));
            }
            rejections.push(Rejection {
                line: row.line,
                cells: row.cells,
                reason: problems.join("; "),
            });
        }
        for &(k, first) in dups {
            rejections.push(duplicate_rejection(kind, chunk, k, first, &cells_of));
            if let Some(m) = mask.as_mut() {
                m[k] = false;
            }
        }
        masks.push(mask);
    }

    // 4. The accepted rows that stay, in one set of columns.
    let kept = total
        - masks
            .iter()
            .flatten()
            .map(|m| m.iter().filter(|k| !**k).count())
            .sum::<usize>();
    let mut cols = kind.new_cols(kept);
    for (chunk, mask) in chunks.into_iter().zip(masks) {
        kind.append(&mut cols, chunk.cols, mask.as_deref());
    }
    (cols, rejections)
}

fn duplicate_rejection<'a, K: Kind<'a>>(
    kind: &K,
    chunk: &ChunkOut<'a, K>,
    k: usize,
    first: usize,
    cells_of: &impl Fn(usize) -> Vec<String>,
) -> Rejection {
    Rejection {
        line: chunk.lines[k],
        cells: cells_of(chunk.handles[k]),
        reason: kind.duplicate(kind.key(&chunk.cols, k), first),
    }
}

/// Collects the problems of one row.
struct Row<'r, 'a> {
    map: &'a ColumnMap,
    cells: &'r [Cow<'a, str>],
    problems: Vec<String>,
}

impl<'r, 'a: 'r> Row<'r, 'a> {
    fn new(map: &'a ColumnMap, cells: &'r [Cow<'a, str>]) -> Self {
        let mut problems = Vec::new();
        let width = map.width;
        if cells.len() > width && cells.iter().skip(width).any(|c| !c.is_empty()) {
            problems.push(format!(
                "regel heeft {} cellen, de kopregel {}: scheidingsteken of aanhalingstekens kloppen niet",
                cells.len(),
                width
            ));
        }
        Self {
            map,
            cells,
            problems,
        }
    }
    fn text(&self, col: usize) -> &'r str {
        self.map.get(col, self.cells)
    }
    fn required(&mut self, col: usize) -> Option<&'r str> {
        let v = self.text(col);
        if v.is_empty() {
            self.problems.push(format!(
                "verplicht veld \"{}\" is leeg",
                self.map.header(col)
            ));
            None
        } else {
            Some(v)
        }
    }
    fn optional(&self, col: usize) -> Option<&'r str> {
        let v = self.text(col);
        (!v.is_empty()).then_some(v)
    }
    fn date(&mut self, col: usize, required: bool, today: NaiveDate) -> Option<NaiveDate> {
        let v = if required {
            self.required(col)?
        } else {
            self.optional(col)?
        };
        match parse_date(v) {
            Ok(d) if d > today => {
                self.problems.push(format!(
                    "datum {} in \"{}\" ligt na de rundatum {}",
                    nl(d),
                    self.map.header(col),
                    nl(today)
                ));
                None
            }
            Ok(d) => Some(d),
            Err(DateProblem::Unreadable) => {
                self.problems.push(format!(
                    "datum \"{v}\" in \"{}\" is onleesbaar (verwacht bijvoorbeeld 31-12-2025 of 2025-12-31)",
                    self.map.header(col)
                ));
                None
            }
            Err(DateProblem::Impossible) => {
                self.problems.push(format!(
                    "datum \"{v}\" in \"{}\" bestaat niet",
                    self.map.header(col)
                ));
                None
            }
        }
    }
    /// The position of the row's municipality in the reference data.
    fn municipality(&mut self, col: usize, reference: &Reference) -> Option<usize> {
        let v = self.required(col)?;
        match reference.municipality_lookup(v) {
            MunicipalityLookup::Index(i) => Some(i),
            MunicipalityLookup::NotInRegion(code) => {
                self.problems.push(format!(
                    "gemeentecode {code} hoort niet bij de gemeenten van de regio"
                ));
                None
            }
            MunicipalityLookup::Invalid => {
                self.problems.push(format!(
                    "gemeentecode \"{v}\" is ongeldig (verwacht GM gevolgd door 4 cijfers, bijvoorbeeld GM0344)"
                ));
                None
            }
        }
    }
    fn non_negative(&mut self, col: usize) -> Option<u32> {
        let v = self.required(col)?;
        match v.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.problems.push(format!(
                    "\"{v}\" in \"{}\" is geen geheel getal van 0 of meer",
                    self.map.header(col)
                ));
                None
            }
        }
    }
}

/// Resolves each distinct cell value of a dictionary column once per chunk.
#[derive(Default)]
pub struct Interner(FxHashMap<Box<str>, u32>);

impl Interner {
    fn code(&mut self, raw: &str, resolve: impl FnOnce(&str) -> u32) -> u32 {
        if let Some(&c) = self.0.get(raw) {
            return c;
        }
        let c = resolve(raw);
        self.0.insert(raw.into(), c);
        c
    }
}

fn known_or_new(known: Option<usize>, raw: &str, col: &mut DictColumn) -> u32 {
    match known {
        Some(i) => i as u32,
        None => col.code_of(raw),
    }
}

fn position_ignoring_case(list: &[String], raw: &str) -> Option<usize> {
    list.iter().position(|v| v.eq_ignore_ascii_case(raw))
}

/// Data-quality warnings for values that are not reference data, sorted by kind and value.
fn unknown_warnings(columns: &[(&str, &DictColumn)]) -> Vec<String> {
    let mut all = BTreeMap::new();
    for (what, column) in columns {
        for (value, n) in column.unknown_counts() {
            *all.entry((*what, value.to_string())).or_insert(0) += n;
        }
    }
    all.into_iter()
        .map(|((what, value), n)| {
            format!("{what} {value:?} is not in the reference data ({n} accepted row(s)); a new {what} or a typo?")
        })
        .collect()
}

fn municipality_codes(reference: &Reference) -> Vec<String> {
    reference
        .municipalities
        .iter()
        .map(|(c, _)| c.as_str().to_string())
        .collect()
}

fn corporation_codes(reference: &Reference) -> Vec<String> {
    reference
        .corporations
        .iter()
        .map(|c| c.code.clone())
        .collect()
}

/// Applications: id, dates in order, municipality in the region; ids unique.
pub struct ApplicationRules<'a> {
    pub map: &'a ColumnMap,
    pub reference: &'a Reference,
    pub today: NaiveDate,
}

#[derive(Default)]
pub struct ApplicationCache {
    origin: Interner,
    housing_form: Interner,
    corporation: Interner,
}

impl<'a> Kind<'a> for ApplicationRules<'a> {
    type Cols = Applications;
    type Cache = ApplicationCache;

    fn new_cols(&self, rows: usize) -> Applications {
        let r = self.reference;
        Applications {
            id: TextColumn::with_capacity(rows, rows * ID_BYTES),
            received_on: Vec::with_capacity(rows),
            municipality: DictColumn::with_known(municipality_codes(r), rows),
            origin: DictColumn::with_known(r.origins.clone(), rows),
            housing_form: DictColumn::with_known(r.housing_forms.clone(), rows),
            corporation: DictColumn::with_known(corporation_codes(r), rows),
            housed_on: Vec::with_capacity(rows),
            withdrawn_on: Vec::with_capacity(rows),
        }
    }

    fn key<'c>(&self, cols: &'c Applications, k: usize) -> &'c str {
        cols.id.get(k).unwrap_or_default()
    }

    fn row(&self, out: &mut ChunkOut<'a, Self>, raw: RowIn<'_, 'a>) {
        let today = self.today;
        let mut row = Row::new(self.map, raw.cells);
        let id = row.required(col::APP_ID);
        let received = row.date(col::RECEIVED, true, today);
        let municipality = row.municipality(col::APP_MUNICIPALITY, self.reference);
        let origin = row.required(col::ORIGIN);
        let housed = row.date(col::HOUSED, false, today);
        let withdrawn = row.date(col::WITHDRAWN, false, today);
        if let Some(r) = received {
            for (c, d) in [(col::HOUSED, housed), (col::WITHDRAWN, withdrawn)] {
                if let Some(d) = d.filter(|d| *d < r) {
                    row.problems.push(format!(
                        "datum {} in \"{}\" ligt vóór de datum van ontvangst {}",
                        nl(d),
                        self.map.header(c),
                        nl(r)
                    ));
                }
            }
        }
        if !row.problems.is_empty() {
            let key = id.map(|_| self.map.get_cow(col::APP_ID, raw.cells));
            out.reject(raw, row.problems, key);
            return;
        }
        let (Some(id), Some(received), Some(municipality), Some(origin)) =
            (id, received, municipality, origin)
        else {
            unreachable!("a row without problems has its required fields");
        };
        let reference = self.reference;
        let cols = &mut out.cols;
        let cache = &mut out.cache;
        cols.id.push(Some(id));
        cols.received_on.push(received);
        cols.municipality.push_code(Some(municipality as u32));
        let o = cache.origin.code(origin, |v| {
            known_or_new(
                position_ignoring_case(&reference.origins, v),
                v,
                &mut cols.origin,
            )
        });
        cols.origin.push_code(Some(o));
        let h = row.optional(col::APP_HOUSING_FORM).map(|h| {
            cache.housing_form.code(h, |v| {
                let known = position_ignoring_case(&reference.housing_forms, v);
                known_or_new(known, v, &mut cols.housing_form)
            })
        });
        cols.housing_form.push_code(h);
        let c = row.optional(col::APP_CORPORATION).map(|c| {
            cache.corporation.code(c, |v| {
                known_or_new(reference.corporation_position(v), v, &mut cols.corporation)
            })
        });
        cols.corporation.push_code(c);
        cols.housed_on.push(housed);
        cols.withdrawn_on.push(withdrawn);
        out.accept(raw);
    }

    fn duplicate(&self, key: &str, first_line: usize) -> String {
        format!("aanvraagnummer \"{key}\" komt dubbel voor; regel {first_line} telt")
    }

    fn append(&self, into: &mut Applications, from: Applications, keep: Option<&[bool]>) {
        into.append(&from, keep);
    }
}

/// Warnings for accepted applications with values outside the reference data.
pub fn application_warnings(a: &Applications) -> Vec<String> {
    unknown_warnings(&[
        ("origin", &a.origin),
        ("housing form", &a.housing_form),
        ("corporation", &a.corporation),
    ])
}

/// Deliveries: dwelling, corporation, municipality in the region, date; dwellings unique.
pub struct DeliveryRules<'a> {
    pub map: &'a ColumnMap,
    pub reference: &'a Reference,
    pub today: NaiveDate,
}

#[derive(Default)]
pub struct DeliveryCache {
    housing_form: Interner,
    corporation: Interner,
}

impl<'a> Kind<'a> for DeliveryRules<'a> {
    type Cols = Deliveries;
    type Cache = DeliveryCache;

    fn new_cols(&self, rows: usize) -> Deliveries {
        let r = self.reference;
        Deliveries {
            dwelling_id: TextColumn::with_capacity(rows, rows * ID_BYTES),
            corporation: DictColumn::with_known(corporation_codes(r), rows),
            municipality: DictColumn::with_known(municipality_codes(r), rows),
            delivered_on: Vec::with_capacity(rows),
            housing_form: DictColumn::with_known(r.housing_forms.clone(), rows),
            application_id: TextColumn::with_capacity(rows, rows * ID_BYTES),
        }
    }

    fn key<'c>(&self, cols: &'c Deliveries, k: usize) -> &'c str {
        cols.dwelling_id.get(k).unwrap_or_default()
    }

    fn row(&self, out: &mut ChunkOut<'a, Self>, raw: RowIn<'_, 'a>) {
        let mut row = Row::new(self.map, raw.cells);
        let id = row.required(col::DWELLING_ID);
        let corporation = row.required(col::DEL_CORPORATION);
        let municipality = row.municipality(col::DEL_MUNICIPALITY, self.reference);
        let delivered = row.date(col::DELIVERED, true, self.today);
        if !row.problems.is_empty() {
            let key = id.map(|_| self.map.get_cow(col::DWELLING_ID, raw.cells));
            out.reject(raw, row.problems, key);
            return;
        }
        let (Some(id), Some(corporation), Some(municipality), Some(delivered)) =
            (id, corporation, municipality, delivered)
        else {
            unreachable!("a row without problems has its required fields");
        };
        let reference = self.reference;
        let cols = &mut out.cols;
        let cache = &mut out.cache;
        cols.dwelling_id.push(Some(id));
        let c = cache.corporation.code(corporation, |v| {
            known_or_new(reference.corporation_position(v), v, &mut cols.corporation)
        });
        cols.corporation.push_code(Some(c));
        cols.municipality.push_code(Some(municipality as u32));
        cols.delivered_on.push(delivered);
        let h = row.optional(col::DEL_HOUSING_FORM).map(|h| {
            cache.housing_form.code(h, |v| {
                let known = position_ignoring_case(&reference.housing_forms, v);
                known_or_new(known, v, &mut cols.housing_form)
            })
        });
        cols.housing_form.push_code(h);
        cols.application_id
            .push(row.optional(col::DEL_APPLICATION_ID));
        out.accept(raw);
    }

    fn duplicate(&self, key: &str, first_line: usize) -> String {
        format!("woning-id \"{key}\" komt dubbel voor; regel {first_line} telt")
    }

    fn append(&self, into: &mut Deliveries, from: Deliveries, keep: Option<&[bool]>) {
        into.append(&from, keep);
    }
}

/// Warnings for accepted deliveries with values outside the reference data.
pub fn delivery_warnings(d: &Deliveries) -> Vec<String> {
    unknown_warnings(&[
        ("housing form", &d.housing_form),
        ("corporation", &d.corporation),
    ])
}

/// Commitments: year, corporation, municipality, lower ≤ upper; one per year, corporation and
/// municipality.
pub struct CommitmentRules<'a> {
    pub map: &'a ColumnMap,
    pub reference: &'a Reference,
}

/// Accepted commitments with their duplicate keys.
#[derive(Debug, Default, PartialEq)]
pub struct CommitmentCols {
    pub rows: Vec<Commitment>,
    keys: Vec<String>,
}

impl<'a> Kind<'a> for CommitmentRules<'a> {
    type Cols = CommitmentCols;
    type Cache = ();

    fn new_cols(&self, rows: usize) -> CommitmentCols {
        CommitmentCols {
            rows: Vec::with_capacity(rows),
            keys: Vec::with_capacity(rows),
        }
    }

    fn key<'c>(&self, cols: &'c CommitmentCols, k: usize) -> &'c str {
        &cols.keys[k]
    }

    fn row(&self, out: &mut ChunkOut<'a, Self>, raw: RowIn<'_, 'a>) {
        let map = self.map;
        let mut row = Row::new(map, raw.cells);
        let year = row
            .required(col::YEAR)
            .and_then(|y| match y.parse::<i32>() {
                Ok(y) if (1900..=9999).contains(&y) => Some(y),
                _ => {
                    row.problems.push(format!(
                        "jaar \"{y}\" in \"{}\" is geen jaartal",
                        map.header(col::YEAR)
                    ));
                    None
                }
            });
        let corporation = row.required(col::COM_CORPORATION);
        let municipality = row.municipality(col::COM_MUNICIPALITY, self.reference);
        let lower = row.non_negative(col::LOWER);
        let upper = row.non_negative(col::UPPER);
        if let (Some(l), Some(u)) = (lower, upper) {
            if l > u {
                row.problems
                    .push(format!("ondergrens {l} is groter dan bovengrens {u}"));
            }
        }
        let corporation = corporation.map(|c| match self.reference.corporation(c) {
            Some(c) => c.code.clone(),
            None => c.to_string(),
        });
        let municipality = municipality.map(|i| self.reference.municipalities[i].0.clone());
        let key = match (year, &corporation, &municipality) {
            (Some(y), Some(c), Some(m)) => Some(Cow::Owned(format!("{y}\0{c}\0{m}"))),
            _ => None,
        };
        if !row.problems.is_empty() {
            out.reject(raw, row.problems, key);
            return;
        }
        let (
            Some(year),
            Some(corporation),
            Some(municipality),
            Some(lower),
            Some(upper),
            Some(key),
        ) = (year, corporation, municipality, lower, upper, key)
        else {
            unreachable!("a row without problems has its required fields");
        };
        out.cols.rows.push(Commitment {
            year,
            corporation,
            municipality,
            lower,
            upper,
        });
        out.cols.keys.push(key.into_owned());
        out.accept(raw);
    }

    fn duplicate(&self, key: &str, first_line: usize) -> String {
        let mut parts = key.split('\0');
        let (y, c, m) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        format!("afspraak voor {c} in {m} in {y} komt dubbel voor; regel {first_line} telt")
    }

    fn append(&self, into: &mut CommitmentCols, from: CommitmentCols, keep: Option<&[bool]>) {
        let rows = from.rows.into_iter().zip(from.keys).enumerate();
        for (i, (row, key)) in rows {
            if keep.is_none_or(|keep| keep[i]) {
                into.rows.push(row);
                into.keys.push(key);
            }
        }
    }
}

/// Warnings for accepted commitments of corporations outside the reference data.
pub fn commitment_warnings(c: &[Commitment], reference: &Reference) -> Vec<String> {
    let mut column = DictColumn::with_known(corporation_codes(reference), c.len());
    for x in c {
        column.push(Some(&x.corporation));
    }
    unknown_warnings(&[("corporation", &column)])
}

/// Counts blank rows and BSNs only (to judge a file whose columns do not match).
pub struct BsnOnly;

impl<'a> Kind<'a> for BsnOnly {
    type Cols = ();
    type Cache = ();
    fn new_cols(&self, _: usize) {}
    fn row(&self, _: &mut ChunkOut<'a, Self>, _: RowIn<'_, 'a>) {}
    fn key<'c>(&self, _: &'c (), _: usize) -> &'c str {
        ""
    }
    fn duplicate(&self, _: &str, _: usize) -> String {
        String::new()
    }
    fn append(&self, _: &mut (), _: (), _: Option<&[bool]>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_iso_and_dutch_forms() {
        assert_eq!(parse_date("2026-10-31"), Ok(d(2026, 10, 31)));
        assert_eq!(parse_date(" 31-10-2026 "), Ok(d(2026, 10, 31)));
        assert_eq!(parse_date("1-2-2025"), Ok(d(2025, 2, 1)));
        assert_eq!(parse_date("01/02/2025"), Ok(d(2025, 2, 1)));
        assert_eq!(parse_date("2025-02-01T00:00:00"), Ok(d(2025, 2, 1)));
        assert_eq!(parse_date("2025-02-01 00:00"), Ok(d(2025, 2, 1)));
        assert_eq!(parse_date("31-02-2025"), Err(DateProblem::Impossible));
        assert_eq!(parse_date("2025-13-01"), Err(DateProblem::Impossible));
        for bad in [
            "gisteren",
            "2025-1",
            "25-12-31",
            "2025-12-31x",
            "31-12-25",
            "45678",
        ] {
            assert_eq!(parse_date(bad), Err(DateProblem::Unreadable), "{bad}");
        }
    }
}
