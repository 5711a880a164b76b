//! When jobs fire: local-time rules in the configured time zone, computed in UTC, safe across DST.
//!
//! tokio-cron-scheduler freezes a time-zone job's UTC offset when the job is created (its issue
//! #107), so a 07:00 job drifts to 06:00 or 08:00 after a DST change. The daemon therefore gives
//! it only a UTC job ("every minute", which has no DST), and on each tick asks this module for
//! the latest local fire time at or before now. A job runs when that time is later than the last
//! fire recorded in the state store, which also gives catch-up after downtime: a missed run happens
//! once (only the latest missed fire counts), never once per missed tick.
//! Everything here is pure and takes `now` as an argument, so tests use any clock.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use crate::clock::local_to_utc;
use crate::domain::Period;

#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    #[error("schedule {what} {value:?} is invalid: {reason}\n  what to do: use a cron expression with seconds, e.g. \"0 0 6 * * *\" (daily at 06:00)")]
    Cron {
        what: String,
        value: String,
        reason: String,
    },
    #[error("schedule: {0}")]
    Invalid(String),
}

/// Which day of the month the monthly reports go out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportDay {
    /// A calendar day (1–28).
    DayOfMonth(u32),
    /// The n-th working day (Monday–Friday, not a Dutch public holiday).
    WorkingDay(u32),
}

#[derive(Debug, Clone)]
pub struct Schedule {
    pub tz: Tz,
    pull: croner::Cron,
    pub report_day: ReportDay,
    pub report_time: NaiveTime,
}

impl Schedule {
    pub fn new(
        tz: Tz,
        pull: &str,
        report_day: ReportDay,
        report_time: &str,
    ) -> Result<Self, ScheduleError> {
        let parser = croner::parser::CronParser::builder()
            .seconds(croner::parser::Seconds::Required)
            .build();
        let pull = parser.parse(pull).map_err(|e| ScheduleError::Cron {
            what: "pull".into(),
            value: pull.into(),
            reason: e.to_string(),
        })?;
        let report_time = NaiveTime::parse_from_str(report_time, "%H:%M").map_err(|_| {
            ScheduleError::Invalid(format!("report time {report_time:?} must be HH:MM"))
        })?;
        match report_day {
            ReportDay::DayOfMonth(d) if !(1..=28).contains(&d) => {
                return Err(ScheduleError::Invalid(format!(
                    "report day {d} must be 1–28 (every month has it)"
                )))
            }
            ReportDay::WorkingDay(n) if !(1..=15).contains(&n) => {
                return Err(ScheduleError::Invalid(format!(
                    "report working day {n} must be 1–15"
                )))
            }
            _ => {}
        }
        Ok(Self {
            tz,
            pull,
            report_day,
            report_time,
        })
    }

    /// The latest pull fire time at or before `now`.
    pub fn previous_pull(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let local = now.with_timezone(&self.tz);
        self.pull
            .find_previous_occurrence(&local, true)
            .ok()
            .map(|t| whole_second(t.with_timezone(&Utc)))
    }

    /// The next pull fire time after `now`.
    pub fn next_pull(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let local = now.with_timezone(&self.tz);
        self.pull
            .find_next_occurrence(&local, false)
            .ok()
            .map(|t| whole_second(t.with_timezone(&Utc)))
    }

    /// When the reports of `period` go out: in the month after it, on the configured day.
    pub fn report_fire(&self, period: Period) -> DateTime<Utc> {
        let month = period.offset(1);
        let day = match self.report_day {
            ReportDay::DayOfMonth(d) => {
                NaiveDate::from_ymd_opt(month.year(), month.month(), d).expect("day 1–28 exists")
            }
            ReportDay::WorkingDay(n) => nth_working_day(month, n),
        };
        local_to_utc(self.tz, day.and_time(self.report_time))
    }

    /// The latest monthly report fire at or before `now`, with the period it reports on.
    pub fn previous_report(&self, now: DateTime<Utc>) -> (DateTime<Utc>, Period) {
        let local = now.with_timezone(&self.tz);
        let this_month = Period::new(local.year(), local.month()).expect("valid month");
        let mut period = this_month.offset(-1);
        while self.report_fire(period) > now {
            period = period.offset(-1);
        }
        (self.report_fire(period), period)
    }

    /// The next monthly report fire after `now`.
    pub fn next_report(&self, now: DateTime<Utc>) -> (DateTime<Utc>, Period) {
        let (_, mut period) = self.previous_report(now);
        loop {
            period = period.offset(1);
            let t = self.report_fire(period);
            if t > now {
                return (t, period);
            }
        }
    }
}

/// croner keeps the sub-second part of its start time; fire times are whole seconds.
fn whole_second(t: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::Timelike;
    t.with_nanosecond(0).unwrap_or(t)
}

/// Easter Sunday (Anonymous Gregorian algorithm).
fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("valid Easter date")
}

/// Dutch public holidays on which offices are closed (New Year, Easter Monday, King's Day,
/// Ascension, Whit Monday, Christmas; Liberation Day in lustrum years).
pub fn is_public_holiday(d: NaiveDate) -> bool {
    let y = d.year();
    let e = easter(y);
    let kings = {
        let k = NaiveDate::from_ymd_opt(y, 4, 27).expect("valid");
        if k.weekday() == Weekday::Sun {
            k - Duration::days(1)
        } else {
            k
        }
    };
    let fixed = [(1, 1), (12, 25), (12, 26)];
    fixed.iter().any(|&(m, dd)| d.month() == m && d.day() == dd)
        || d == e + Duration::days(1)
        || d == e + Duration::days(39)
        || d == e + Duration::days(50)
        || d == kings
        || (y % 5 == 0 && d.month() == 5 && d.day() == 5)
}

pub fn is_working_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(d)
}

/// The n-th working day of a month.
pub fn nth_working_day(month: Period, n: u32) -> NaiveDate {
    let mut d = month.first_day();
    let mut count = 0;
    loop {
        if is_working_day(d) {
            count += 1;
            if count == n {
                return d;
            }
        }
        d += Duration::days(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AMSTERDAM: Tz = chrono_tz::Europe::Amsterdam;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn sched(day: ReportDay) -> Schedule {
        Schedule::new(AMSTERDAM, "0 0 6 * * *", day, "07:00").unwrap()
    }

    #[test]
    fn daily_pull_stays_at_six_local_across_autumn_dst() {
        // DST ends Sunday 25 October 2026 at 03:00 CEST → 02:00 CET.
        let s = sched(ReportDay::DayOfMonth(1));
        assert_eq!(
            s.next_pull(utc("2026-10-24T00:00:00Z")).unwrap(),
            utc("2026-10-24T04:00:00Z")
        ); // 06:00 CEST
        assert_eq!(
            s.next_pull(utc("2026-10-24T04:00:00Z")).unwrap(),
            utc("2026-10-25T05:00:00Z")
        ); // 06:00 CET
        assert_eq!(
            s.next_pull(utc("2026-10-25T05:00:00Z")).unwrap(),
            utc("2026-10-26T05:00:00Z")
        );
        assert_eq!(
            s.previous_pull(utc("2026-10-25T04:59:00Z")).unwrap(),
            utc("2026-10-24T04:00:00Z")
        );
        // Regression: the same fire time whatever the sub-second part of now.
        assert_eq!(
            s.previous_pull(utc("2026-10-25T05:00:07.123456Z")).unwrap(),
            utc("2026-10-25T05:00:00Z")
        );
    }

    #[test]
    fn daily_pull_stays_at_six_local_across_spring_dst() {
        // DST starts Sunday 28 March 2027 at 02:00 CET → 03:00 CEST.
        let s = sched(ReportDay::DayOfMonth(1));
        assert_eq!(
            s.next_pull(utc("2027-03-27T06:00:00Z")).unwrap(),
            utc("2027-03-28T04:00:00Z")
        ); // 06:00 CEST
        assert_eq!(
            s.previous_pull(utc("2027-03-27T05:30:00Z")).unwrap(),
            utc("2027-03-27T05:00:00Z")
        ); // 06:00 CET
        assert_eq!(
            s.next_pull(utc("2027-03-28T04:00:00Z")).unwrap(),
            utc("2027-03-29T04:00:00Z")
        );
    }

    #[test]
    fn monthly_report_at_seven_local_in_winter_and_summer() {
        let s = sched(ReportDay::DayOfMonth(1));
        // Reports for October 2026 go out 1 November 07:00 CET = 06:00 UTC.
        assert_eq!(
            s.report_fire("2026-10".parse().unwrap()),
            utc("2026-11-01T06:00:00Z")
        );
        // For March 2027: 1 April 07:00 CEST = 05:00 UTC.
        assert_eq!(
            s.report_fire("2027-03".parse().unwrap()),
            utc("2027-04-01T05:00:00Z")
        );
        let (t, p) = s.previous_report(utc("2026-11-25T12:00:00Z"));
        assert_eq!(
            (t, p.to_string().as_str()),
            (utc("2026-11-01T06:00:00Z"), "2026-10")
        );
        // One minute before the fire, the previous one is a month earlier.
        let (t, p) = s.previous_report(utc("2026-11-01T05:59:00Z"));
        assert_eq!(
            (t, p.to_string().as_str()),
            (utc("2026-10-01T05:00:00Z"), "2026-09")
        );
        let (t, p) = s.next_report(utc("2026-11-01T05:59:00Z"));
        assert_eq!(
            (t, p.to_string().as_str()),
            (utc("2026-11-01T06:00:00Z"), "2026-10")
        );
    }

    #[test]
    fn third_working_day_skips_weekends_and_holidays() {
        // January 2027: Fri 1 is New Year → working days 4, 5, 6 → the 3rd is Wed 6 January.
        assert_eq!(
            nth_working_day("2027-01".parse().unwrap(), 3),
            NaiveDate::from_ymd_opt(2027, 1, 6).unwrap()
        );
        // April 2026: Easter Monday is 6 April; Wed 1, Thu 2, Fri 3 → 3rd = 3 April.
        assert_eq!(
            nth_working_day("2026-04".parse().unwrap(), 3),
            NaiveDate::from_ymd_opt(2026, 4, 3).unwrap()
        );
        // November 2026 starts on a Sunday: Mon 2, Tue 3, Wed 4.
        assert_eq!(
            nth_working_day("2026-11".parse().unwrap(), 3),
            NaiveDate::from_ymd_opt(2026, 11, 4).unwrap()
        );
        assert_eq!(easter(2026), NaiveDate::from_ymd_opt(2026, 4, 5).unwrap());
        assert_eq!(easter(2027), NaiveDate::from_ymd_opt(2027, 3, 28).unwrap());
        let s = sched(ReportDay::WorkingDay(3));
        assert_eq!(
            s.report_fire("2026-10".parse().unwrap()),
            utc("2026-11-04T06:00:00Z")
        );
    }

    #[test]
    fn invalid_rules_are_refused() {
        assert!(Schedule::new(AMSTERDAM, "0 6 * * *x", ReportDay::DayOfMonth(1), "07:00").is_err());
        assert!(
            Schedule::new(AMSTERDAM, "0 0 6 * * *", ReportDay::DayOfMonth(31), "07:00").is_err()
        );
        assert!(Schedule::new(AMSTERDAM, "0 0 6 * * *", ReportDay::DayOfMonth(1), "7h").is_err());
    }
}
