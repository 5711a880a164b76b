//! (moved from mod.rs)

use crate::ingest::records::Problem;
use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::super::columns::DictColumn;
use super::super::mapping::{ColumnMap, PersonalCount};
use crate::config::{MunicipalityLookup, Reference};

use super::dates::{nl, parse_date, DateProblem};

/// Bytes per id reserved up front (ids such as `A0012345`; longer ones grow the buffer).
pub(super) const ID_BYTES: usize = 10;

/// One data row as the validators see it: its line, a handle to find it again (byte offset
/// or row index) and its trimmed cells.
#[derive(Clone, Copy)]
pub struct RowIn<'r, 'a> {
    pub line: usize,
    pub handle: usize,
    pub cells: &'r [Cow<'a, str>],
    /// A projection's row: blank rows were left out of it, so this one is not blank even when
    /// its kept cells are empty.
    pub not_blank: bool,
    /// A projection's row that had filled cells beyond its header in the delivered file: how
    /// many cells it had, and how many the header had.
    pub wide: Option<(usize, usize)>,
}

/// A row's duplicate key: the organisation whose numbering it is and the row's number in it.
/// Two corporations may use the same home number for different homes; the same corporation's
/// number in two files is the same home. (Applications and commitments have one numbering:
/// their `org` is empty, or part of the key itself.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Key<'c> {
    pub org: &'c str,
    pub id: &'c str,
}

/// The duplicate key of a rejected row, when its fields for the key are readable.
#[derive(Debug, Clone)]
pub struct PendingKey<'a> {
    pub org: Cow<'a, str>,
    pub id: Cow<'a, str>,
}

impl PendingKey<'_> {
    pub(super) fn key(&self) -> Key<'_> {
        Key {
            org: &self.org,
            id: &self.id,
        }
    }
}

/// A row with problems, before duplicates across chunks are known.
pub struct Pending<'a> {
    pub(super) line: usize,
    pub(super) handle: usize,
    pub(super) cells: Vec<String>,
    pub(super) problems: Vec<Problem>,
    /// The row's duplicate key, when its fields for the key are readable.
    pub(super) key: Option<PendingKey<'a>>,
}

/// What validating one chunk of a source produced.
pub struct ChunkOut<'a, K: Kind<'a> + ?Sized> {
    pub cols: K::Cols,
    pub(super) cache: K::Cache,
    /// Per accepted row: line, handle and the hash of its duplicate key (the key itself is in
    /// `cols`, see [`Kind::key`]).
    pub(super) lines: Vec<usize>,
    pub(super) hashes: Vec<u64>,
    pub(super) handles: Vec<usize>,
    pub(super) rejected: Vec<Pending<'a>>,
    pub read: usize,
    pub blank: usize,
    /// Per kept column (in `ColumnMap::kept` order): what its cells look like.
    pub personal: Vec<PersonalCount>,
    /// The file positions of the kept columns: a rejected row keeps only these cells.
    kept: Vec<usize>,
}

impl<'a, K: Kind<'a> + ?Sized> ChunkOut<'a, K> {
    /// `rows`: the expected number of rows (an estimate; it sizes the columns once).
    pub fn new(kind: &K, map: &ColumnMap, rows: usize) -> Self {
        Self {
            cols: kind.new_cols(rows),
            cache: K::Cache::default(),
            lines: Vec::with_capacity(rows),
            hashes: Vec::with_capacity(rows),
            handles: Vec::with_capacity(rows),
            rejected: Vec::new(),
            read: 0,
            blank: 0,
            personal: vec![PersonalCount::default(); map.kept.len()],
            kept: map.kept.clone(),
        }
    }

    /// Takes one record: blank lines are counted, other rows validated.
    pub fn feed(&mut self, kind: &K, map: &ColumnMap, row: RowIn<'_, 'a>) {
        if !row.not_blank && row.cells.iter().all(|c| c.is_empty()) {
            self.blank += 1;
            return;
        }
        self.read += 1;
        for ((count, &i), &k) in self.personal.iter_mut().zip(&map.kept).zip(&map.kinds) {
            if let Some(c) = row.cells.get(i) {
                count.note(c, k);
            }
        }
        kind.row(self, row);
        if self.hashes.len() < self.lines.len() {
            let key = kind.key(&self.cols, self.hashes.len());
            self.hashes.push(key_hash(key));
        }
    }

    pub(super) fn accept(&mut self, row: RowIn<'_, 'a>) {
        self.lines.push(row.line);
        self.handles.push(row.handle);
    }

    pub(super) fn reject(
        &mut self,
        row: RowIn<'_, 'a>,
        problems: Vec<Problem>,
        key: Option<PendingKey<'a>>,
    ) {
        self.rejected.push(Pending {
            line: row.line,
            handle: row.handle,
            cells: self
                .kept
                .iter()
                .map(|&i| row.cells.get(i).map_or(String::new(), |c| c.to_string()))
                .collect(),
            problems,
            key,
        });
    }
}

/// A kind of source (applications, deliveries, commitments): how a row is validated and
/// stored, and what a duplicate is.
pub trait Kind<'a>: Sync {
    /// Accepted rows of a chunk.
    type Cols: Send + Sync + Default;
    /// Chunk-local lookup caches.
    type Cache: Default + Send + Sync;
    /// Empty columns with room for `rows` rows.
    fn new_cols(&self, rows: usize) -> Self::Cols;
    /// Validates one non-blank row: accepted rows go to `out.cols` and `out.accept`.
    fn row(&self, out: &mut ChunkOut<'a, Self>, row: RowIn<'_, 'a>);
    /// The duplicate key of accepted row `k` of `cols`.
    fn key<'c>(&self, cols: &'c Self::Cols, k: usize) -> Key<'c>;
    /// The problem for a row whose key an earlier accepted row (at `first_line`) has.
    fn duplicate(&self, key: Key<'_>, first_line: usize) -> Problem;
    /// The problem for a row of feed `own` whose key an accepted row of another feed (`feed`,
    /// at `first_line`) has: that one counts.
    fn duplicate_in(&self, key: Key<'_>, own: &str, feed: &str, first_line: usize) -> Problem {
        let d = self.duplicate(key, first_line);
        Problem::new(
            format!("{} (in feed {feed}, niet in {own})", d.text),
            format!("{} (in een andere feed)", d.kind),
        )
    }
    /// Appends the rows of `from` that `keep` selects.
    fn append(&self, into: &mut Self::Cols, from: Self::Cols, keep: Option<&[bool]>);
}

pub(super) fn key_hash(key: Key<'_>) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one((key.org, key.id))
}

/// Collects the problems of one row.
pub(super) struct Row<'r, 'a> {
    map: &'a ColumnMap,
    cells: &'r [Cow<'a, str>],
    pub(super) problems: Vec<Problem>,
}

impl<'r, 'a: 'r> Row<'r, 'a> {
    pub(super) fn new(map: &'a ColumnMap, raw: RowIn<'r, 'a>) -> Self {
        let mut problems = Vec::new();
        let cells = raw.cells;
        let width = map.width;
        let wide = raw.wide.or_else(|| {
            (cells.len() > width && cells.iter().skip(width).any(|c| !c.is_empty()))
                .then_some((cells.len(), width))
        });
        if let Some((n, width)) = wide {
            problems.push(Problem::new(
                format!(
                    "regel heeft {n} cellen, de kopregel {width}: scheidingsteken of aanhalingstekens kloppen niet"
                ),
                "regel heeft meer cellen dan de kopregel: scheidingsteken of aanhalingstekens kloppen niet".into(),
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
    pub(super) fn required(&mut self, col: usize) -> Option<&'r str> {
        let v = self.text(col);
        if v.is_empty() {
            self.problems.push(Problem::plain(format!(
                "verplicht veld \"{}\" is leeg",
                self.map.header(col)
            )));
            None
        } else {
            Some(v)
        }
    }
    pub(super) fn optional(&self, col: usize) -> Option<&'r str> {
        let v = self.text(col);
        (!v.is_empty()).then_some(v)
    }
    pub(super) fn date(
        &mut self,
        col: usize,
        required: bool,
        today: NaiveDate,
        earliest: NaiveDate,
    ) -> Option<NaiveDate> {
        let v = if required {
            self.required(col)?
        } else {
            self.optional(col)?
        };
        let header = self.map.header(col);
        match parse_date(v) {
            Ok(d) if d > today => {
                self.problems.push(Problem::new(
                    format!(
                        "datum {} in \"{header}\" ligt na de rundatum {}",
                        nl(d),
                        nl(today)
                    ),
                    format!("datum in \"{header}\" ligt na de rundatum"),
                ));
                None
            }
            Ok(d) if d < earliest => {
                self.problems.push(Problem::new(
                    format!(
                        "datum {} in \"{header}\" ligt voor {} (een tikfout?)",
                        nl(d),
                        nl(earliest)
                    ),
                    format!(
                        "datum in \"{header}\" ligt voor {} (een tikfout?)",
                        nl(earliest)
                    ),
                ));
                None
            }
            Ok(d) => Some(d),
            Err(DateProblem::Unreadable) => {
                self.problems.push(Problem::new(
                    format!(
                        "datum \"{v}\" in \"{header}\" is onleesbaar (verwacht bijvoorbeeld 31-12-2025 of 2025-12-31)"
                    ),
                    format!(
                        "datum in \"{header}\" is onleesbaar (verwacht bijvoorbeeld 31-12-2025 of 2025-12-31)"
                    ),
                ));
                None
            }
            Err(DateProblem::Impossible) => {
                self.problems.push(Problem::new(
                    format!("datum \"{v}\" in \"{header}\" bestaat niet"),
                    format!("datum in \"{header}\" bestaat niet"),
                ));
                None
            }
        }
    }
    /// The position of the row's municipality in the reference data.
    pub(super) fn municipality(&mut self, col: usize, reference: &Reference) -> Option<usize> {
        let v = self.required(col)?;
        match reference.municipality_lookup(v) {
            MunicipalityLookup::Index(i) => Some(i),
            MunicipalityLookup::NotInRegion(code) => {
                self.problems.push(Problem::new(
                    format!("gemeentecode {code} hoort niet bij de gemeenten van de regio"),
                    "gemeentecode hoort niet bij de gemeenten van de regio".into(),
                ));
                None
            }
            MunicipalityLookup::Invalid => {
                self.problems.push(Problem::new(
                    format!(
                        "gemeentecode \"{v}\" is ongeldig (verwacht GM gevolgd door 4 cijfers, bijvoorbeeld GM0344)"
                    ),
                    "gemeentecode is ongeldig (verwacht GM gevolgd door 4 cijfers, bijvoorbeeld GM0344)".into(),
                ));
                None
            }
        }
    }
    pub(super) fn non_negative(&mut self, col: usize) -> Option<u32> {
        let v = self.required(col)?;
        match v.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                let header = self.map.header(col);
                self.problems.push(Problem::new(
                    format!("\"{v}\" in \"{header}\" is geen geheel getal van 0 of meer"),
                    format!("waarde in \"{header}\" is geen geheel getal van 0 of meer"),
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
    pub(super) fn code(&mut self, raw: &str, resolve: impl FnOnce(&str) -> u32) -> u32 {
        if let Some(&c) = self.0.get(raw) {
            return c;
        }
        let c = resolve(raw);
        self.0.insert(raw.into(), c);
        c
    }
}

pub(super) fn known_or_new(known: Option<usize>, raw: &str, col: &mut DictColumn) -> u32 {
    match known {
        Some(i) => i as u32,
        None => col.code_of(raw),
    }
}

pub(super) fn position_ignoring_case(list: &[String], raw: &str) -> Option<usize> {
    list.iter().position(|v| v.eq_ignore_ascii_case(raw))
}

/// Data-quality warnings for values that are not reference data, sorted by kind and value. An
/// unknown corporation is named with the configured one it most likely means.
/// Warnings about values not in the reference data, in Dutch. A value is named only when at
/// least `privacy.threshold` accepted rows carry it (a shared typo is a label; one cell may be
/// a person's name or phone number); the rarer ones are counted, never shown.
pub(super) fn unknown_warnings(
    columns: &[(&str, &DictColumn)],
    reference: &Reference,
) -> Vec<String> {
    use minijinja::context;
    let mut all = BTreeMap::new();
    for (what, column) in columns {
        for (value, n) in column.unknown_counts() {
            *all.entry((*what, value.to_string())).or_insert(0) += n;
        }
    }
    let threshold = reference.threshold.max(1);
    let mut out = Vec::new();
    let mut rare: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for ((what, value), n) in all {
        let label = what_nl(what);
        if n < threshold {
            let r = rare.entry(what).or_default();
            r.0 += 1;
            r.1 += n;
            continue;
        }
        let mut w = crate::ingest::meldingen::text(
            "onbekende_waarde",
            context! { soort => label, waarde => crate::ingest::meldingen::shown(&value), regels => n },
        );
        if what == "corporation" {
            if let Some(c) = reference.likely_corporation(&value) {
                w.push_str(&crate::ingest::meldingen::text(
                    "lijkt_op_corporatie",
                    context! { code => &c.code, waarde => crate::ingest::meldingen::shown(&value) },
                ));
            }
            w.push_str(&crate::ingest::meldingen::text(
                "corporatie_telt_mee",
                context! {},
            ));
        }
        out.push(w);
    }
    for (what, (values, rows)) in rare {
        out.push(crate::ingest::meldingen::text(
            "zeldzame_waarden",
            context! { waarden => values, soort => what_nl(what), regels => rows, drempel => threshold },
        ));
    }
    out
}

/// A reference column's name in Dutch.
pub(super) fn what_nl(what: &str) -> &str {
    match what {
        "origin" => "herkomst",
        "housing form" => "woonvorm",
        "corporation" => "corporatie",
        w => w,
    }
}

pub(super) fn municipality_codes(reference: &Reference) -> Vec<String> {
    reference
        .municipalities
        .iter()
        .map(|(c, _)| c.as_str().to_string())
        .collect()
}

pub(super) fn corporation_codes(reference: &Reference) -> Vec<String> {
    reference
        .corporations
        .iter()
        .map(|c| c.code.clone())
        .collect()
}
