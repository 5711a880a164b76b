//! Dutch (nl-NL) formatting: `1.234`, `12,5%`, `31 oktober 2026`, `okt '26`.

use chrono::{Datelike, NaiveDate};

use crate::domain::Period;

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_SHORT: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// A whole number with `.` as thousands separator: `1.234`.
pub fn int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A number with `decimals` decimals, `,` as decimal and `.` as thousands separator; a zero
/// fraction is dropped (`12`, `12,5`, `1.234,5`).
pub fn dec(v: f64, decimals: usize) -> String {
    let neg = v < 0.0;
    let s = format!("{:.*}", decimals, v.abs());
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    let whole = int(whole.parse().unwrap_or(0));
    let frac = frac.trim_end_matches('0');
    let body = if frac.is_empty() {
        whole
    } else {
        format!("{whole},{frac}")
    };
    if neg && body != "0" {
        format!("−{body}")
    } else {
        body
    }
}

/// A share (0..=1) as a percentage with one decimal: `12,5%`, `80%`.
pub fn pct(share: f64) -> String {
    format!("{}%", dec(share * 100.0, 1))
}

/// A chance in whole percents (`35%`), never `0%` or `100%` for what is not certain:
/// `< 1%`, `> 99%`.
pub fn chance(p: f64) -> String {
    let pct = (p * 100.0).round();
    if p <= 0.0 {
        "0%".into()
    } else if p >= 1.0 {
        "100%".into()
    } else if pct < 1.0 {
        "< 1%".into()
    } else if pct > 99.0 {
        "> 99%".into()
    } else {
        format!("{pct:.0}%")
    }
}

/// `31 oktober 2026`.
pub fn date_long(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// `oktober 2026`.
/// A report period in words: `oktober 2026`, `het 3e kwartaal 2026 (juli t/m september)`,
/// `het jaar 2025`.
pub fn report_period_long(p: crate::domain::ReportPeriod) -> String {
    use crate::domain::Span;
    match p.span {
        Span::Month => month_long(p.end),
        Span::Quarter => {
            let first = month_long(p.start());
            let last = month_long(p.end);
            format!(
                "het {}e kwartaal {} ({} t/m {})",
                p.quarter(),
                p.end.year(),
                first.split(' ').next().unwrap_or_default(),
                last.split(' ').next().unwrap_or_default()
            )
        }
        Span::Year => format!("het jaar {}", p.end.year()),
    }
}

#[cfg(test)]
mod period_words {
    #[test]
    fn report_periods_in_words() {
        let w = |s: &str| super::report_period_long(s.parse().unwrap());
        assert_eq!(w("2026-10"), "oktober 2026");
        assert_eq!(w("2026-Q3"), "het 3e kwartaal 2026 (juli t/m september)");
        assert_eq!(w("2025"), "het jaar 2025");
    }
}

pub fn month_long(p: Period) -> String {
    format!("{} {}", MONTHS[p.month() as usize - 1], p.year())
}

/// `okt '26`.
pub fn month_short(p: Period) -> String {
    format!(
        "{} '{:02}",
        MONTHS_SHORT[p.month() as usize - 1],
        p.year() % 100
    )
}

/// `jan`, `feb`, …
pub fn month_abbr(month: u32) -> &'static str {
    MONTHS_SHORT[(month as usize + 11) % 12]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers() {
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(1234), "1.234");
        assert_eq!(int(1234567), "1.234.567");
        assert_eq!(dec(12.5, 1), "12,5");
        assert_eq!(dec(1234.56, 1), "1.234,6");
        assert_eq!(dec(12.0, 1), "12");
        assert_eq!(dec(-3.25, 2), "−3,25");
        assert_eq!(pct(0.125), "12,5%");
        assert_eq!(pct(0.8), "80%");
    }

    #[test]
    fn dutch_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
        assert_eq!(date_long(d), "31 oktober 2026");
        let p: Period = "2026-03".parse().unwrap();
        assert_eq!(month_long(p), "maart 2026");
        assert_eq!(month_short(p), "mrt '26");
        assert_eq!(month_abbr(12), "dec");
        assert_eq!(month_abbr(1), "jan");
    }
}
