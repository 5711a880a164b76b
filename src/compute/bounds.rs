//! The bound rules: largest-remainder split of an upper bound over corporations, and the
//! realisation status against the pro-rata band. Pure integer arithmetic, no rounding drift.

use serde::Serialize;

/// Splits `upper` over corporations in proportion to their `shares` (their part of the lower
/// bound) with the largest-remainder method; ties go to the lower corporation code (ascending
/// string order). The parts always sum to `upper`. Returns `None` when the shares sum to 0.
pub fn split_upper(upper: u64, shares: &[(String, u64)]) -> Option<Vec<(String, u64)>> {
    let total: u64 = shares.iter().map(|(_, s)| s).sum();
    if total == 0 {
        return None;
    }
    let mut parts: Vec<(String, u64, u64)> = shares
        .iter()
        .map(|(code, s)| {
            let num = upper as u128 * *s as u128;
            (
                code.clone(),
                (num / total as u128) as u64,
                (num % total as u128) as u64,
            )
        })
        .collect();
    let assigned: u64 = parts.iter().map(|(_, q, _)| q).sum();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| {
        parts[b]
            .2
            .cmp(&parts[a].2)
            .then_with(|| parts[a].0.cmp(&parts[b].0))
    });
    for &i in order.iter().take((upper - assigned) as usize) {
        parts[i].1 += 1;
    }
    Some(parts.into_iter().map(|(c, q, _)| (c, q)).collect())
}

/// Where realisation stands against the pro-rata band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    BelowLower,
    /// Within the pro-rata band so far, but more likely than `warning.threshold` to end the
    /// year below the lower bound (the forecast).
    AtRisk,
    Within,
    AboveUpper,
    /// The data of a corporation does not reach the end of the period: no verdict.
    Incomplete,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::BelowLower => "below_lower",
            Status::AtRisk => "at_risk",
            Status::Within => "within",
            Status::AboveUpper => "above_upper",
            Status::Incomplete => "incomplete",
        }
    }
}

/// `below_lower` if `delivered < lower × months/12`, else `above_upper` if
/// `delivered > upper × months/12`, else `within`. An unknown upper bound (`None`) is never
/// exceeded. Compared exactly: `delivered × 12` against `bound × months`.
pub fn status(delivered: u64, lower: u64, upper: Option<u64>, months: u32) -> Status {
    let d = delivered as u128 * 12;
    if d < lower as u128 * months as u128 {
        Status::BelowLower
    } else if upper.is_some_and(|u| d > u as u128 * months as u128) {
        Status::AboveUpper
    } else {
        Status::Within
    }
}

/// The naive year-end forecast of a report over `months` months ending in month `last_month`
/// (1–12): the pace so far continued to December (`delivered × 12 / months`), what the monitor
/// showed before it had [`super::forecast`]; the backtest compares with it. `None` for a report
/// that reaches December (a year, a fourth quarter, December's year to date): its year is over.
pub fn naive_forecast(delivered: u64, months: u32, last_month: u32) -> Option<f64> {
    (last_month < 12).then(|| delivered as f64 * 12.0 / months as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(v: &[(&str, u64)]) -> Vec<(String, u64)> {
        v.iter().map(|(c, n)| (c.to_string(), *n)).collect()
    }

    #[test]
    fn split_hand_computed() {
        // U = 10 over shares 5/3/2 of 10 → exact 5, 3, 2.
        assert_eq!(
            split_upper(10, &s(&[("A", 5), ("B", 3), ("C", 2)])).unwrap(),
            s(&[("A", 5), ("B", 3), ("C", 2)])
        );
        // U = 7 over 1/1/1: quotas 2.33 each; one extra seat, tie → lowest code "A".
        assert_eq!(
            split_upper(7, &s(&[("B", 1), ("A", 1), ("C", 1)])).unwrap(),
            s(&[("B", 2), ("A", 3), ("C", 2)])
        );
        // U = 12 over 6/3/1 of 10: quotas 7.2, 3.6, 1.2 → floors 7,3,1 (11); largest remainder B.
        assert_eq!(
            split_upper(12, &s(&[("A", 6), ("B", 3), ("C", 1)])).unwrap(),
            s(&[("A", 7), ("B", 4), ("C", 1)])
        );
        // Code order is plain string order: "Bo-Ex" < "Mitros" < "SSH" < "mitros".
        assert_eq!(
            split_upper(1, &s(&[("SSH", 1), ("Mitros", 1), ("Bo-Ex", 1)])).unwrap(),
            s(&[("SSH", 0), ("Mitros", 0), ("Bo-Ex", 1)])
        );
        assert_eq!(split_upper(5, &s(&[("A", 0)])), None);
        assert_eq!(
            split_upper(0, &s(&[("A", 3), ("B", 1)])).unwrap(),
            s(&[("A", 0), ("B", 0)])
        );
    }

    #[test]
    fn status_hand_computed() {
        // lower 24, upper 36, after 6 months: band 12..18.
        assert_eq!(status(11, 24, Some(36), 6), Status::BelowLower);
        assert_eq!(status(12, 24, Some(36), 6), Status::Within);
        assert_eq!(status(18, 24, Some(36), 6), Status::Within);
        assert_eq!(status(19, 24, Some(36), 6), Status::AboveUpper);
        // Pro rata with fractions: lower 10 after 1 month = 0.833…: 0 below, 1 within a band
        // up to 20 × 1/12 = 1.67, but above an upper bound of 10 × 1/12 = 0.83.
        assert_eq!(status(0, 10, Some(20), 1), Status::BelowLower);
        assert_eq!(status(1, 10, Some(20), 1), Status::Within);
        assert_eq!(status(1, 10, Some(10), 1), Status::AboveUpper);
        // Lower above upper (more homes than applications last year): below is checked first.
        assert_eq!(status(5, 12, Some(6), 12), Status::BelowLower);
        assert_eq!(status(3, 0, None, 12), Status::Within);
        assert_eq!(naive_forecast(30, 10, 10), Some(36.0));
        // A quarter's pace over a year; nothing once the report reaches December.
        assert_eq!(naive_forecast(30, 3, 9), Some(120.0));
        assert_eq!(naive_forecast(30, 3, 12), None);
        assert_eq!(naive_forecast(30, 12, 12), None);
    }

    proptest! {
        #[test]
        fn parts_sum_to_upper(upper in 0u64..5000, shares in proptest::collection::vec(0u64..400, 1..12)) {
            let named: Vec<(String, u64)> = shares.iter().enumerate().map(|(i, s)| (format!("C{i:02}"), *s)).collect();
            match split_upper(upper, &named) {
                None => prop_assert_eq!(shares.iter().sum::<u64>(), 0),
                Some(parts) => {
                    prop_assert_eq!(parts.iter().map(|(_, p)| p).sum::<u64>(), upper);
                    let total: u64 = shares.iter().sum();
                    for ((_, p), s) in parts.iter().zip(&shares) {
                        // Each part is its quota rounded down or up.
                        let floor = upper * s / total;
                        prop_assert!(*p == floor || *p == floor + 1);
                    }
                }
            }
        }
    }
}
