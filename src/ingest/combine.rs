//! The feeds of one kind together: each validated on its own (duplicates within a feed judged
//! there), then duplicates across feeds judged on the organisation *and* its number: a home is
//! one corporation's number, so another corporation's file can never remove it. Which feed's row
//! counts when one organisation's number is in two feeds does not depend on the configuration's
//! order: the organisation's own feed before a shared one, then the feed's name. Then one set of
//! columns for compute. Rows read = accepted + rejected holds per feed.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::error::SourceError;
use super::feed::Opened;
use super::records::{Rejection, SourceReport};
use super::validate::Kind;

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
    // Across feeds: the first accepted row of an (organisation, number) counts, feeds taken in
    // the order of `judging_order` (never the configuration's).
    let mut seen: FxHashMap<(&str, &str), (usize, usize)> = FxHashMap::default();
    let mut masks: Vec<Vec<bool>> = parts
        .iter()
        .map(|(merged, _)| vec![true; merged.lines.len()])
        .collect();
    let mut found: Vec<Vec<Rejection>> = vec![Vec::new(); parts.len()];
    for fi in judging_order(opened) {
        let (merged, _) = &parts[fi];
        let kind = &rules[fi];
        for (k, keep) in masks[fi].iter_mut().enumerate() {
            let key = kind.key(&merged.cols, k);
            match seen.get(&(key.org, key.id)) {
                Some(&(first, line)) if first != fi => {
                    *keep = false;
                    found[fi].push(Rejection::new(
                        merged.lines[k],
                        opened[fi]
                            .map
                            .keep(&opened[fi].body.cells_of(merged.handles[k])),
                        vec![kind.duplicate_in(
                            key,
                            &opened[fi].feed.name,
                            &opened[first].feed.name,
                            line,
                        )],
                    ));
                }
                Some(_) => {}
                None => {
                    seen.insert((key.org, key.id), (fi, merged.lines[k]));
                }
            }
        }
    }
    drop(seen);
    let kept: usize = masks.iter().flatten().filter(|k| **k).count();
    let mut combined = rules[0].new_cols(kept);
    let mut reports = Vec::with_capacity(parts.len());
    for (fi, (((merged, mut v), mask), extra)) in
        parts.into_iter().zip(masks).zip(found).enumerate()
    {
        v.rejections.extend(extra);
        v.rejections.sort_by_key(|r| r.line);
        let accepted = mask.iter().filter(|k| **k).count();
        reports.push(opened[fi].report(v, accepted, warnings(&merged.cols), latest(&merged.cols)));
        rules[fi].append(&mut combined, merged.cols, Some(&mask));
    }
    Ok((combined, reports))
}

/// The order in which feeds are judged for numbers they share: a corporation's own feeds
/// (those with `corporation` set) before shared feeds, then by feed name. A number of one
/// organisation found in its own feed and in a shared file counts for its own feed, whatever
/// order the configuration lists them in.
fn judging_order(opened: &[Opened]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..opened.len()).collect();
    order.sort_by(|&a, &b| {
        let rank = |i: usize| {
            (
                opened[i].feed.setting.corporation.is_none(),
                opened[i].feed.name.as_str(),
            )
        };
        rank(a).cmp(&rank(b)).then(a.cmp(&b))
    });
    order
}

/// Home numbers that two organisations both deliver: both homes count (each corporation numbers
/// its own), and the operator is told once per run, per pair of organisations with how many
/// numbers they share. A corporation that is not configured is not named (its "name" is a cell
/// of a delivered file).
pub(super) fn shared_numbers(
    deliveries: &super::columns::Deliveries,
    reference: &crate::config::Reference,
) -> Vec<String> {
    use std::collections::BTreeMap;
    let mut first: FxHashMap<&str, &str> = FxHashMap::default();
    let mut pairs: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for k in 0..deliveries.dwelling_id.len() {
        let (Some(id), org) = (
            deliveries.dwelling_id.get(k),
            deliveries.corporation.get(k).unwrap_or_default(),
        ) else {
            continue;
        };
        match first.get(id) {
            Some(&other) if other != org => {
                let pair = if other < org {
                    (other, org)
                } else {
                    (org, other)
                };
                *pairs.entry(pair).or_default() += 1;
            }
            Some(_) => {}
            None => {
                first.insert(id, org);
            }
        }
    }
    let name = |code: &str| match reference.corporation(code) {
        Some(c) => c.name.clone(),
        None => super::meldingen::text("niet_ingestelde_corporatie", minijinja::context! {}),
    };
    pairs
        .into_iter()
        .map(|((a, b), n)| {
            super::meldingen::text(
                "zelfde_woningnummers",
                minijinja::context! { a => name(a), b => name(b), aantal => n },
            )
        })
        .collect()
}
