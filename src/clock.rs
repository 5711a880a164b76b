//! The clock: today, the generation time and local ↔ UTC conversion, all in the time zone from
//! the configuration (`schedule.timezone`, Europe/Amsterdam by default). The only module that
//! reads the system clock for dates; the stages take dates and times as arguments.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

/// The calendar date at `now` in `tz`.
pub fn local_date(tz: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

/// Today in `tz`.
pub fn today(tz: Tz) -> NaiveDate {
    local_date(tz, Utc::now())
}

/// The generation time printed in reports: `SOURCE_DATE_EPOCH` when set (the reproducible-builds
/// convention), else now; local time in `tz`, whole seconds.
pub fn generation_time(tz: Tz) -> NaiveDateTime {
    let utc = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .unwrap_or_else(Utc::now);
    utc.with_timezone(&tz)
        .naive_local()
        .with_nanosecond(0)
        .unwrap_or_default()
}

/// Local wall-clock time to UTC. In the spring gap (02:00–03:00 does not exist) the time moves
/// forward by the gap; in the autumn overlap the first (summer-time) instant is taken.
pub fn local_to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(a, _) => a.with_timezone(&Utc),
        chrono::LocalResult::None => local_to_utc(tz, local + Duration::hours(1)),
    }
}

/// The last second of `date` in `tz`, in UTC.
pub fn end_of_day(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    local_to_utc(tz, date.and_hms_opt(23, 59, 59).expect("valid time"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn local_times_in_the_gaps() {
        let tz: Tz = "Europe/Amsterdam".parse().unwrap();
        let gap = NaiveDate::from_ymd_opt(2027, 3, 28)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert_eq!(local_to_utc(tz, gap), utc("2027-03-28T01:30:00Z")); // 03:30 CEST
        let overlap = NaiveDate::from_ymd_opt(2026, 10, 25)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert_eq!(local_to_utc(tz, overlap), utc("2026-10-25T00:30:00Z")); // first 02:30 (CEST)
    }

    #[test]
    fn dates_follow_the_configured_zone() {
        let now = utc("2026-10-31T23:30:00Z");
        let ams: Tz = "Europe/Amsterdam".parse().unwrap();
        let ny: Tz = "America/New_York".parse().unwrap();
        assert_eq!(local_date(ams, now).to_string(), "2026-11-01");
        assert_eq!(local_date(ny, now).to_string(), "2026-10-31");
        assert_eq!(
            end_of_day(ams, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()),
            utc("2026-07-01T21:59:59Z")
        );
    }
}
