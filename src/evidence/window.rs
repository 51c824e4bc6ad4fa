//! The window of days evidence looks at, and the work hours and work days
//! inside it, as instants in the user's time zone.

use super::zone::Zone;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use std::fmt;
use std::str::FromStr;

/// The longest window we accept, in days (about three years).
pub const MAX_DAYS: i64 = 1100;

/// Work hours as minutes after midnight, `start < end <= 24:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkHours {
    pub start: u32,
    pub end: u32,
}

impl WorkHours {
    /// Whether a wall-clock time of day falls inside work hours.
    pub fn contains(&self, time: NaiveTime) -> bool {
        let minutes = time.hour_min();
        minutes >= self.start && minutes < self.end
    }
}

trait HourMin {
    fn hour_min(&self) -> u32;
}

impl HourMin for NaiveTime {
    fn hour_min(&self) -> u32 {
        use chrono::Timelike;
        self.hour() * 60 + self.minute()
    }
}

impl Default for WorkHours {
    fn default() -> Self {
        WorkHours {
            start: 9 * 60,
            end: 17 * 60,
        }
    }
}

impl fmt::Display for WorkHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02}-{:02}:{:02}",
            self.start / 60,
            self.start % 60,
            self.end / 60,
            self.end % 60
        )
    }
}

impl FromStr for WorkHours {
    type Err = String;

    /// `09-17`, `9-17` or `08:30-17:30`.
    fn from_str(s: &str) -> Result<Self, String> {
        let (a, b) = s
            .split_once('-')
            .ok_or("expected START-END in hours, like 09-17 or 08:30-17:30")?;
        let start = clock_minutes(a)?;
        let end = clock_minutes(b)?;
        if start >= end {
            return Err("the end must be later than the start".into());
        }
        Ok(WorkHours { start, end })
    }
}

fn clock_minutes(s: &str) -> Result<u32, String> {
    let (h, m) = s.trim().split_once(':').unwrap_or((s.trim(), "0"));
    let bad = || format!("\"{s}\" is not an hour like 09 or 08:30");
    let h: u32 = h.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    if m >= 60 || h > 24 || (h == 24 && m > 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

/// Which days of the week are work days, Monday first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkDays(pub [bool; 7]);

impl WorkDays {
    pub fn contains(&self, day: Weekday) -> bool {
        self.0[day.num_days_from_monday() as usize]
    }

    pub fn count(&self) -> usize {
        self.0.iter().filter(|d| **d).count()
    }
}

impl Default for WorkDays {
    fn default() -> Self {
        WorkDays([true, true, true, true, true, false, false])
    }
}

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl fmt::Display for WorkDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = (0..7)
            .filter(|i| self.0[*i])
            .map(|i| DAY_NAMES[i])
            .collect();
        write!(f, "{}", names.join(","))
    }
}

impl FromStr for WorkDays {
    type Err = String;

    /// `mon-fri`, `sun-thu` (wrapping), `mon,tue,thu`, or a mix.
    fn from_str(s: &str) -> Result<Self, String> {
        let mut days = [false; 7];
        for part in s.split(',') {
            let (a, b) = part.split_once('-').unwrap_or((part, part));
            let (a, b) = (day_index(a)?, day_index(b)?);
            let mut i = a;
            loop {
                days[i] = true;
                if i == b {
                    break;
                }
                i = (i + 1) % 7;
            }
        }
        Ok(WorkDays(days))
    }
}

fn day_index(s: &str) -> Result<usize, String> {
    const FULL: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let key = s.trim().to_ascii_lowercase();
    FULL.iter()
        .position(|full| key.len() >= 3 && full.starts_with(&key))
        .ok_or_else(|| format!("\"{s}\" is not a day; use mon, tue, wed, thu, fri, sat, sun"))
}

/// A `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let ok = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
    ok.then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| "not a date; expected YYYY-MM-DD, like 2026-10-05".to_string())
}

/// The days looked at, both included, in one time zone.
#[derive(Debug, Clone)]
pub struct Window {
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub zone: Zone,
    pub hours: WorkHours,
    pub days: WorkDays,
    /// The first instant of `since` and the first instant after `until`.
    pub start: i64,
    pub end: i64,
    /// Work hours on each work day, as instants, in order.
    pub work: Vec<(i64, i64)>,
}

impl Window {
    /// The window from `since` to `until`; the caller has checked the order
    /// and length.
    pub fn new(
        since: NaiveDate,
        until: NaiveDate,
        zone: Zone,
        hours: WorkHours,
        days: WorkDays,
    ) -> Window {
        let midnight = |d: NaiveDate| zone.to_instant(d.and_time(NaiveTime::MIN));
        let at = |d: NaiveDate, minutes: u32| -> i64 {
            let wall: NaiveDateTime =
                d.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(minutes));
            zone.to_instant(wall)
        };
        let work = since
            .iter_days()
            .take_while(|d| *d <= until)
            .filter(|d| days.contains(d.weekday()))
            .map(|d| (at(d, hours.start), at(d, hours.end)))
            .collect();
        let after = until.succ_opt().unwrap_or(until);
        Window {
            since,
            until,
            start: midnight(since),
            end: midnight(after),
            work,
            zone,
            hours,
            days,
        }
    }

    /// Work days in the window over work days in a week: 2.0 for two
    /// Monday-to-Friday weeks.
    pub fn weeks(&self) -> f64 {
        match self.days.count() {
            0 => 0.0,
            n => self.work.len() as f64 / n as f64,
        }
    }

    /// Whether a wall-clock time (in whatever offset it was written) is
    /// outside work hours or on a day that is not a work day.
    pub fn out_of_hours(&self, wall: NaiveDateTime) -> bool {
        !self.days.contains(wall.weekday()) || !self.hours.contains(wall.time())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        parse_date(s).unwrap_or_default()
    }

    #[test]
    fn work_hours_parse_and_reject() {
        assert_eq!(
            "09-17".parse(),
            Ok(WorkHours {
                start: 540,
                end: 1020
            })
        );
        assert_eq!(
            "8:30-17:45".parse(),
            Ok(WorkHours {
                start: 510,
                end: 1065
            })
        );
        assert!("17-09".parse::<WorkHours>().is_err());
        assert!("9to5".parse::<WorkHours>().is_err());
        assert!("09-25".parse::<WorkHours>().is_err());
    }

    #[test]
    fn work_days_parse_ranges_lists_and_wrap() {
        assert_eq!("mon-fri".parse(), Ok(WorkDays::default()));
        assert_eq!(
            "sun-thu".parse(),
            Ok(WorkDays([true, true, true, true, false, false, true]))
        );
        assert_eq!(
            "Mon,Wednesday,fri".parse(),
            Ok(WorkDays([true, false, true, false, true, false, false]))
        );
        assert!("mon-fry".parse::<WorkDays>().is_err());
        assert!("".parse::<WorkDays>().is_err());
    }

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-10-05").is_ok());
        assert!(parse_date("2026-13-01").is_err());
        assert!(parse_date("2026-2-1").is_err());
        assert!(parse_date("05/10/2026").is_err());
    }

    #[test]
    fn two_weeks_of_weekdays_are_two_weeks() {
        // 2026-10-05 is a Monday, 2026-10-16 a Friday: ten work days.
        let w = Window::new(
            date("2026-10-05"),
            date("2026-10-16"),
            Zone::utc(),
            WorkHours::default(),
            WorkDays::default(),
        );
        assert_eq!(w.work.len(), 10);
        assert_eq!(w.weeks(), 2.0);
        assert_eq!(w.end - w.start, 12 * 86_400);
        // Monday 09:00 UTC to 17:00 UTC.
        assert_eq!(w.work[0], (w.start + 9 * 3600, w.start + 17 * 3600));
    }

    #[test]
    fn work_hours_follow_the_zone_across_daylight_saving() {
        // Berlin leaves summer time on Sunday 2026-10-25.
        let w = Window::new(
            date("2026-10-23"),
            date("2026-10-26"),
            Zone::named("Europe/Berlin").unwrap_or(Zone::Local),
            WorkHours::default(),
            WorkDays::default(),
        );
        // Friday 09:00 CEST = 07:00 UTC; Monday 09:00 CET = 08:00 UTC.
        let fri = date("2026-10-23")
            .and_time(NaiveTime::MIN)
            .and_utc()
            .timestamp();
        let mon = date("2026-10-26")
            .and_time(NaiveTime::MIN)
            .and_utc()
            .timestamp();
        assert_eq!(
            w.work,
            vec![
                (fri + 7 * 3600, fri + 15 * 3600),
                (mon + 8 * 3600, mon + 16 * 3600)
            ]
        );
        // Four days, one of them 25 hours long.
        assert_eq!(w.end - w.start, 4 * 86_400 + 3600);
    }
}
