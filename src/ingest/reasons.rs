//! Rejections counted by kind of reason, without the values in them: `datum "31-02-2025" in
//! "received_on" bestaat niet` counts as `datum "…" in "received_on" bestaat niet`. What the
//! console's data-quality page shows: counts, never row contents.

use std::collections::BTreeMap;

use super::SourceReport;

/// The kinds of problem in one rejection's reason (problems are separated by `; `): quoted
/// values that are not a header of the feed, and numbers, dates and codes, become `…`.
pub fn reason_kinds(reason: &str, headers: &[String]) -> Vec<String> {
    let mut kinds: Vec<String> = Vec::new();
    for p in split_problems(reason) {
        let m = mask(p, headers);
        // "…; regel 12 telt" belongs to the duplicate before it.
        match kinds.last_mut() {
            Some(last) if p.starts_with("regel ") && p.ends_with(" telt") => {
                last.push_str("; ");
                last.push_str(&m);
            }
            _ => kinds.push(m),
        }
    }
    kinds
}

/// Splits on `; ` outside quotes.
fn split_problems(reason: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    let b = reason.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => quoted = !quoted,
            b';' if !quoted && b.get(i + 1) == Some(&b' ') => {
                out.push(&reason[start..i]);
                start = i + 2;
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&reason[start..]);
    out
}

fn mask(problem: &str, headers: &[String]) -> String {
    let mut out = String::with_capacity(problem.len());
    let mut chars = problem.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '"' {
            let rest = &problem[i + 1..];
            let end = rest.find('"').unwrap_or(rest.len());
            let inner = &rest[..end];
            if headers.iter().any(|h| h == inner) {
                out.push('"');
                out.push_str(inner);
                out.push('"');
            } else {
                out.push_str("\"…\"");
            }
            // Skip the quoted part and its closing quote.
            let skip_to = i + 1 + end + 1;
            while chars.peek().is_some_and(|(j, _)| *j < skip_to) {
                chars.next();
            }
        } else if c.is_ascii_digit() || (c == 'G' && problem[i..].starts_with("GM")) {
            // A number, a date (31-12-2025) or a municipality code (GM0344).
            while chars
                .peek()
                .is_some_and(|(_, d)| d.is_ascii_alphanumeric() || *d == '-')
            {
                chars.next();
            }
            if !out.ends_with('…') {
                out.push('…');
            }
        } else {
            out.push(c);
        }
    }
    out
}

impl SourceReport {
    /// The rejected rows counted by kind of reason (a row with two problems counts for both).
    pub fn reason_counts(&self) -> BTreeMap<String, i64> {
        let mut counts = BTreeMap::new();
        for r in &self.rejections {
            for kind in reason_kinds(&r.reason, &self.headers) {
                *counts.entry(kind).or_insert(0) += 1;
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_masked_headers_kept() {
        let h = vec!["received_on".to_string(), "Gemeente".to_string()];
        assert_eq!(
            reason_kinds(
                "datum \"31-02-2025\" in \"received_on\" bestaat niet; gemeentecode GM0999 hoort niet bij de gemeenten van de regio",
                &h
            ),
            vec![
                "datum \"…\" in \"received_on\" bestaat niet",
                "gemeentecode … hoort niet bij de gemeenten van de regio"
            ]
        );
        assert_eq!(
            reason_kinds(
                "datum 01-05-2026 in \"received_on\" ligt na de rundatum 10-04-2026",
                &h
            ),
            vec!["datum … in \"received_on\" ligt na de rundatum …"]
        );
        assert_eq!(
            reason_kinds(
                "aanvraagnummer \"A12; x\" komt dubbel voor; regel 12 telt",
                &h
            ),
            vec!["aanvraagnummer \"…\" komt dubbel voor; regel … telt"]
        );
        assert_eq!(
            reason_kinds("regel heeft 9 cellen, de kopregel 8: scheidingsteken", &h),
            vec!["regel heeft … cellen, de kopregel …: scheidingsteken"]
        );
    }
}
