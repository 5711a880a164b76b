//! Date cells: ISO `2026-10-31` or Dutch `31-10-2026` (and the variants spreadsheets write).

use chrono::NaiveDate;

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
pub(super) fn nl(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
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
