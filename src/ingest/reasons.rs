//! Rejections counted by kind of problem: what the console's data-quality page and the store
//! keep. A kind is made without the cell's value when the problem is found
//! ([`super::validate::Problem`]), so nothing of a cell can be in it, whatever the cell holds
//! (quotes, line breaks, a name typed in a date column).

use std::collections::BTreeMap;

use super::records::SourceReport;

impl SourceReport {
    /// The rejected rows counted by kind of problem (a row with two problems counts for both).
    pub fn reason_counts(&self) -> BTreeMap<String, i64> {
        let mut counts = BTreeMap::new();
        for r in &self.rejections {
            for kind in &r.kinds {
                *counts.entry(kind.clone()).or_insert(0) += 1;
            }
        }
        counts
    }
}
