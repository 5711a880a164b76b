//! What corporations deliver, reconciled with the applications register (the municipality's own
//! record of who was housed by whom). A home that names an application the register says another
//! corporation housed, or an application that two corporations both claim while the register
//! names neither, is a conflict: it counts for nobody until an operator decides which
//! corporation's home counts (`decisions`). Conflicting rows become rejected rows of their feed
//! (read = accepted + rejected still holds), and the run lists them for the operator.

use std::collections::{BTreeMap, BTreeSet};

use minijinja::context;

use super::columns::Deliveries;
use super::meldingen;
use super::records::{Problem, Rejection, SourceReport};
use crate::config::Reference;
use crate::schema::SourceKind;

/// A home whose application is in conflict, for the operator to decide (no cell but the two
/// numbers and the organisations).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Conflict {
    /// The application's number (folded).
    pub application: String,
    /// The corporation that delivered the home (its configured code, or the name in the file).
    pub corporation: String,
    pub home: String,
    pub feed: String,
    pub line: u32,
    /// The corporation the register says housed the application; `None`: it names none.
    pub register: Option<String>,
}

/// The decisions operators took, per application (folded number): the corporation whose home
/// counts, `None` for no one's.
pub type Decisions = BTreeMap<String, Option<String>>;

/// Takes the conflicting homes out of `deliveries` (as rejected rows of their feeds in
/// `reports`); returns the conflicts that wait for a decision.
pub(super) fn reconcile(
    deliveries: &mut Deliveries,
    applications: &super::columns::Applications,
    reports: &mut [SourceReport],
    decisions: &Decisions,
    reference: &Reference,
) -> Vec<Conflict> {
    let canonical = |v: &str| {
        reference
            .corporation(v)
            .map_or_else(|| v.to_string(), |c| c.code.clone())
    };
    // The register: who housed each application (folded numbers, canonical codes).
    let mut register: BTreeMap<&str, Option<String>> = BTreeMap::new();
    for i in 0..applications.id.len() {
        if let Some(id) = applications.id.get(i) {
            register.insert(id, applications.corporation.get(i).map(canonical));
        }
    }
    // Who claims each application.
    let mut claims: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for k in 0..deliveries.delivered_on.len() {
        if let Some(a) = deliveries.application_id.get(k) {
            claims.entry(a.to_string()).or_default().push(k);
        }
    }
    let corporation_of = |k: usize| {
        deliveries
            .corporation
            .get(k)
            .map(canonical)
            .unwrap_or_default()
    };
    // Rows that do not count: (row, waiting for a decision, the register's corporation).
    let mut out: BTreeMap<usize, (bool, Option<String>)> = BTreeMap::new();
    for (a, rows) in &claims {
        let recorded = register.get(a.as_str()).cloned().flatten();
        match decisions.get(a) {
            Some(decided) => {
                for &k in rows {
                    if decided.as_deref() != Some(corporation_of(k).as_str()) {
                        out.insert(k, (false, recorded.clone()));
                    }
                }
            }
            None => {
                let corporations: BTreeSet<String> =
                    rows.iter().map(|&k| corporation_of(k)).collect();
                for &k in rows {
                    let own = corporation_of(k);
                    let conflict = match &recorded {
                        Some(r) => !r.eq_ignore_ascii_case(&own),
                        None => corporations.len() > 1,
                    };
                    if conflict {
                        out.insert(k, (true, recorded.clone()));
                    }
                }
            }
        }
    }
    if out.is_empty() {
        return Vec::new();
    }
    // Each row's feed: the deliveries feeds' accepted rows follow each other in their order.
    let feeds: Vec<usize> = reports
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == SourceKind::Deliveries)
        .map(|(i, _)| i)
        .collect();
    let mut ends = Vec::new();
    let mut end = 0;
    for &f in &feeds {
        end += reports[f].accepted;
        ends.push(end);
    }
    let feed_of = |k: usize| feeds[ends.iter().position(|e| k < *e).unwrap_or(feeds.len() - 1)];
    let mut waiting = Vec::new();
    for (&k, (pending, recorded)) in &out {
        let f = feed_of(k);
        let home = deliveries
            .dwelling_id
            .get(k)
            .unwrap_or_default()
            .to_string();
        let application = deliveries
            .application_id
            .get(k)
            .unwrap_or_default()
            .to_string();
        let corporation = corporation_of(k);
        let line = deliveries.line[k];
        let name = |c: &str| reference.corporation_name(c).to_string();
        let numbers = context! { woning => home, aanvraag => application };
        let (text, kind) = match (pending, recorded) {
            (true, Some(r)) => (
                meldingen::text(
                    "conflict_register",
                    context! { register => name(r), ..numbers },
                ),
                meldingen::text("conflict_register_soort", context! {}),
            ),
            (true, None) => (
                meldingen::text("conflict_twee", numbers),
                meldingen::text("conflict_twee_soort", context! {}),
            ),
            (false, _) => (
                meldingen::text("conflict_beslist", numbers),
                meldingen::text("conflict_beslist_soort", context! {}),
            ),
        };
        let report = &mut reports[f];
        report.accepted -= 1;
        report.rejected += 1;
        let cells = vec![String::new(); report.headers.len()];
        report.rejections.push(Rejection::new(
            line as usize,
            cells,
            vec![Problem::new(text, kind)],
        ));
        if *pending {
            waiting.push(Conflict {
                application: application.clone(),
                corporation,
                home,
                feed: report.name.clone(),
                line,
                register: recorded.clone(),
            });
        }
    }
    for &f in &feeds {
        reports[f].rejections.sort_by_key(|r| r.line);
    }
    let keep: Vec<bool> = (0..deliveries.delivered_on.len())
        .map(|k| !out.contains_key(&k))
        .collect();
    deliveries.retain(&keep);
    waiting
}
