//! The feeds of one kind together: each validated on its own (duplicates within a feed judged
//! there), then duplicates across feeds judged in configuration order (the first feed's row
//! counts; the other is rejected naming both feeds), then one set of columns for compute.
//! Rows read = accepted + rejected holds per feed.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::feed::Opened;
use super::validate::Kind;
use super::{Rejection, SourceError, SourceReport};

/// Validates the feeds of one kind with their `rules` and combines them. `warnings` and
/// `latest` are asked of each feed's accepted rows.
pub(super) fn run_kind<'a, K: Kind<'a>>(
    opened: &'a [Opened],
    rules: &[K],
    warnings: impl Fn(&K::Cols) -> Vec<String>,
    latest: impl Fn(&K::Cols) -> Option<NaiveDate>,
) -> Result<(K::Cols, Vec<SourceReport>), SourceError> {
    let mut parts = Vec::with_capacity(opened.len());
    for (o, kind) in opened.iter().zip(rules) {
        parts.push(o.validate(kind)?);
    }
    // No feed of this kind (a plan of one other feed: the portal's preview).
    if parts.is_empty() {
        return Ok((K::Cols::default(), Vec::new()));
    }
    // One feed: nothing to compare, and no copy of its columns.
    if parts.len() == 1 {
        let (merged, v) = parts.pop().expect("one part");
        let report = opened[0].report(
            v,
            merged.lines.len(),
            warnings(&merged.cols),
            latest(&merged.cols),
        );
        return Ok((merged.cols, vec![report]));
    }
    // Across feeds, in configuration order: the first accepted row of a key counts.
    let mut seen: FxHashMap<String, (usize, usize)> = FxHashMap::default();
    let mut masks = Vec::with_capacity(parts.len());
    for (fi, (merged, v)) in parts.iter_mut().enumerate() {
        let kind = &rules[fi];
        let mut mask = vec![true; merged.lines.len()];
        for (k, keep) in mask.iter_mut().enumerate() {
            let key = kind.key(&merged.cols, k);
            match seen.get(key) {
                Some(&(first, line)) if first != fi => {
                    *keep = false;
                    v.rejections.push(Rejection {
                        line: merged.lines[k],
                        cells: opened[fi]
                            .map
                            .keep(&opened[fi].body.cells_of(merged.handles[k])),
                        reason: kind.duplicate_in(
                            key,
                            &opened[fi].feed.name,
                            &opened[first].feed.name,
                            line,
                        ),
                    });
                }
                Some(_) => {}
                None => {
                    seen.insert(key.to_string(), (fi, merged.lines[k]));
                }
            }
        }
        v.rejections.sort_by_key(|r| r.line);
        masks.push(mask);
    }
    let kept: usize = masks.iter().flatten().filter(|k| **k).count();
    let mut combined = rules[0].new_cols(kept);
    let mut reports = Vec::with_capacity(parts.len());
    for (fi, ((merged, v), mask)) in parts.into_iter().zip(masks).enumerate() {
        let accepted = mask.iter().filter(|k| **k).count();
        reports.push(opened[fi].report(v, accepted, warnings(&merged.cols), latest(&merged.cols)));
        rules[fi].append(&mut combined, merged.cols, Some(&mask));
    }
    Ok((combined, reports))
}
