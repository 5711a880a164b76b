//! Joining the validated chunks of a source in file order; duplicates are judged here, per bucket
//! of key hashes on all cores, with the result of one pass: the first accepted row of a key counts.

use rustc_hash::FxHashMap;

use super::kind::{key_hash, ChunkOut, Key, Kind, Pending};
use crate::ingest::records::Rejection;

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
) -> Merged<K::Cols> {
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
            if let Some(key) = &pending[p].key {
                let h = key_hash(key.key());
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
    let key_of = |e: Entry| -> Key<'_> {
        if e.pending() {
            pending[e.chunk()][e.index()]
                .key
                .as_ref()
                .map(|k| k.key())
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
            if let (Some(first), Some(key)) = (pending_dups[c].get(&p), &row.key) {
                problems.push(kind.duplicate(key.key(), *first));
            }
            rejections.push(Rejection::new(row.line, row.cells, problems));
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
    let mut lines = Vec::with_capacity(kept);
    let mut handles = Vec::with_capacity(kept);
    for (chunk, mask) in chunks.into_iter().zip(masks) {
        match &mask {
            None => {
                lines.extend_from_slice(&chunk.lines);
                handles.extend_from_slice(&chunk.handles);
            }
            Some(m) => {
                for ((&line, &handle), &keep) in chunk.lines.iter().zip(&chunk.handles).zip(m) {
                    if keep {
                        lines.push(line);
                        handles.push(handle);
                    }
                }
            }
        }
        kind.append(&mut cols, chunk.cols, mask.as_deref());
    }
    Merged {
        cols,
        rejections,
        lines,
        handles,
    }
}

/// A source's accepted rows after the merge, with the line and handle of each, and its
/// rejected rows in file order.
pub struct Merged<C> {
    pub cols: C,
    pub rejections: Vec<Rejection>,
    pub lines: Vec<usize>,
    pub handles: Vec<usize>,
}

fn duplicate_rejection<'a, K: Kind<'a>>(
    kind: &K,
    chunk: &ChunkOut<'a, K>,
    k: usize,
    first: usize,
    cells_of: &impl Fn(usize) -> Vec<String>,
) -> Rejection {
    Rejection::new(
        chunk.lines[k],
        cells_of(chunk.handles[k]),
        vec![kind.duplicate(kind.key(&chunk.cols, k), first)],
    )
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::ingest::records::Problem;
    use crate::ingest::validate::kind::{PendingKey, RowIn};

    fn pending(key: String) -> Option<PendingKey<'static>> {
        Some(PendingKey {
            org: Cow::Borrowed(""),
            id: Cow::Owned(key),
        })
    }

    /// Rows of one cell, the key; a key starting with `bad` is rejected (keeping its key).
    struct Keys;

    impl<'a> Kind<'a> for Keys {
        type Cols = Vec<String>;
        type Cache = ();
        fn new_cols(&self, rows: usize) -> Vec<String> {
            Vec::with_capacity(rows)
        }
        fn row(&self, out: &mut ChunkOut<'a, Self>, raw: RowIn<'_, 'a>) {
            let key = raw.cells[0].clone();
            if key.starts_with("bad") {
                out.reject(
                    raw,
                    vec![Problem::plain("bad row".into())],
                    pending(key.into_owned()),
                );
            } else {
                out.cols.push(key.into_owned());
                out.accept(raw);
            }
        }
        fn key<'c>(&self, cols: &'c Vec<String>, k: usize) -> Key<'c> {
            Key {
                org: "",
                id: &cols[k],
            }
        }
        fn duplicate(&self, key: Key<'_>, first_line: usize) -> Problem {
            Problem::plain(format!("{} again; line {first_line} counts", key.id))
        }
        fn append(&self, into: &mut Vec<String>, from: Vec<String>, keep: Option<&[bool]>) {
            for (i, k) in from.into_iter().enumerate() {
                if keep.is_none_or(|m| m[i]) {
                    into.push(k);
                }
            }
        }
    }

    /// A map that keeps the one column these rows have.
    fn one_column() -> crate::ingest::mapping::ColumnMap {
        crate::ingest::mapping::ColumnMap::resolve(
            &["key".to_string()],
            &Default::default(),
            &[crate::schema::Column {
                name: "key",
                required: false,
            }],
        )
    }

    /// Validates `rows` (one key per line, lines numbered from 2) in chunks of `size` rows.
    fn run(rows: &[&'static str], size: usize) -> (Vec<String>, Vec<(usize, String, String)>) {
        let cells: Vec<Vec<Cow<'static, str>>> =
            rows.iter().map(|r| vec![Cow::Borrowed(*r)]).collect();
        let chunks: Vec<ChunkOut<'static, Keys>> = cells
            .chunks(size)
            .enumerate()
            .map(|(c, chunk)| {
                let mut out = ChunkOut::new(&Keys, &one_column(), chunk.len());
                for (i, row) in chunk.iter().enumerate() {
                    let handle = c * size + i;
                    out.feed(
                        &Keys,
                        &one_column(),
                        RowIn {
                            line: handle + 2,
                            handle,
                            cells: row,
                            not_blank: false,
                            wide: None,
                        },
                    );
                }
                out
            })
            .collect();
        let merged = merge(&Keys, chunks, |h| vec![rows[h].to_string()]);
        assert_eq!(merged.lines.len(), merged.cols.len());
        assert!(merged
            .lines
            .iter()
            .zip(&merged.handles)
            .all(|(l, h)| *l == h + 2));
        let (cols, rejections) = (merged.cols, merged.rejections);
        let rejections = rejections
            .into_iter()
            .map(|r| (r.line, r.cells.join("|"), r.reason))
            .collect();
        (cols, rejections)
    }

    #[test]
    fn the_first_accepted_row_of_a_key_counts_in_file_order() {
        let rows = [
            "a", "b", "bad1", "a", "c", "bad1", "b", "bad2", "bad2", "d", "a",
        ];
        let (kept, rejected) = run(&rows, usize::MAX);
        assert_eq!(kept, ["a", "b", "c", "d"]);
        assert_eq!(
            rejected,
            [
                (4, "bad1".into(), "bad row".into()),
                (5, "a".into(), "a again; line 2 counts".into()),
                (7, "bad1".into(), "bad row".into()),
                (8, "b".into(), "b again; line 3 counts".into()),
                (9, "bad2".into(), "bad row".into()),
                (10, "bad2".into(), "bad row".into()),
                (12, "a".into(), "a again; line 2 counts".into()),
            ],
            "a rejected row is no first occurrence: its repeats are judged on their own"
        );
    }

    #[test]
    fn chunk_boundaries_do_not_change_the_result() {
        let rows: Vec<&'static str> = (0..300)
            .map(|i| match i % 7 {
                0 => "bad",
                3 => ["k1", "k2", "k3"][i % 3],
                _ => Box::leak(format!("u{i}").into_boxed_str()),
            })
            .collect();
        let whole = run(&rows, usize::MAX);
        for size in [1, 2, 7, 64, 299] {
            assert_eq!(run(&rows, size), whole, "chunks of {size}");
        }
        // Rows read = accepted + rejected.
        assert_eq!(whole.0.len() + whole.1.len(), rows.len());
    }

    #[test]
    fn a_rejected_row_repeating_an_accepted_key_gets_both_problems() {
        // `bad` rows keep their key; here an accepted row has the key first.
        struct Prefixed;
        impl<'a> Kind<'a> for Prefixed {
            type Cols = Vec<String>;
            type Cache = ();
            fn new_cols(&self, rows: usize) -> Vec<String> {
                Vec::with_capacity(rows)
            }
            fn row(&self, out: &mut ChunkOut<'a, Self>, raw: RowIn<'_, 'a>) {
                let cell = raw.cells[0].to_string();
                match cell.strip_prefix('!') {
                    Some(key) => out.reject(
                        raw,
                        vec![Problem::plain("broken".into())],
                        pending(key.into()),
                    ),
                    None => {
                        out.cols.push(cell);
                        out.accept(raw);
                    }
                }
            }
            fn key<'c>(&self, cols: &'c Vec<String>, k: usize) -> Key<'c> {
                Key {
                    org: "",
                    id: &cols[k],
                }
            }
            fn duplicate(&self, key: Key<'_>, first_line: usize) -> Problem {
                Problem::plain(format!("{} again; line {first_line} counts", key.id))
            }
            fn append(&self, into: &mut Vec<String>, from: Vec<String>, _: Option<&[bool]>) {
                into.extend(from);
            }
        }
        let cells = [vec![Cow::Borrowed("x")], vec![Cow::Borrowed("!x")]];
        let mut out = ChunkOut::new(&Prefixed, &one_column(), 2);
        for (handle, row) in cells.iter().enumerate() {
            out.feed(
                &Prefixed,
                &one_column(),
                RowIn {
                    line: handle + 2,
                    handle,
                    cells: row,
                    not_blank: false,
                    wide: None,
                },
            );
        }
        let merged = merge(&Prefixed, vec![out], |_| Vec::new());
        let (kept, rejected) = (merged.cols, merged.rejections);
        assert_eq!(kept, ["x"]);
        assert_eq!(rejected[0].reason, "broken; x again; line 2 counts");
    }
}
