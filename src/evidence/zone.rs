//! Time zones: the user's (`--tz`, or the local one) and the ones events are
//! written in (IANA names, UTC, floating times, or a file's own VTIMEZONE rules).
//! Instants are Unix seconds; wall-clock times are `NaiveDateTime`.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone};
use std::str::FromStr;
use std::sync::Arc;

/// A zone that turns wall-clock times into instants and back.
#[derive(Debug, Clone)]
pub enum Zone {
    /// A named IANA zone from the bundled time-zone database.
    Named(chrono_tz::Tz),
    /// The system's zone when it has no IANA name we know.
    Local,
    /// Rules read from a calendar file's VTIMEZONE (Outlook's Windows names).
    Rules(Arc<ZoneRules>),
}

impl Zone {
    /// An IANA zone by name (`Europe/Berlin`, `UTC`).
    pub fn named(name: &str) -> Option<Zone> {
        chrono_tz::Tz::from_str(name).ok().map(Zone::Named)
    }

    /// The machine's zone: `TZ` when it holds an IANA name, else the
    /// system's zone by name, else whatever the C library says.
    pub fn local() -> Zone {
        std::env::var("TZ")
            .ok()
            .and_then(|tz| Zone::named(tz.trim_start_matches(':')))
            .or_else(|| {
                iana_time_zone::get_timezone()
                    .ok()
                    .and_then(|name| Zone::named(&name))
            })
            .unwrap_or(Zone::Local)
    }

    pub fn utc() -> Zone {
        Zone::Named(chrono_tz::Tz::UTC)
    }

    /// A short name for reports.
    pub fn name(&self) -> String {
        match self {
            Zone::Named(tz) => tz.name().to_string(),
            Zone::Local => "local time".to_string(),
            Zone::Rules(r) => r.name.clone(),
        }
    }

    /// The instant a wall-clock time names. A time that falls in a
    /// daylight-saving gap moves forward by the gap; an ambiguous one takes the
    /// earlier instant.
    pub fn to_instant(&self, wall: NaiveDateTime) -> i64 {
        match self {
            Zone::Named(tz) => resolve(tz, wall),
            Zone::Local => resolve(&chrono::Local, wall),
            Zone::Rules(r) => r.to_instant(wall),
        }
    }

    /// The wall-clock time of an instant.
    pub fn to_wall(&self, t: i64) -> NaiveDateTime {
        let utc = utc_wall(t);
        match self {
            Zone::Named(tz) => tz.from_utc_datetime(&utc).naive_local(),
            Zone::Local => chrono::Local.from_utc_datetime(&utc).naive_local(),
            Zone::Rules(r) => utc + Duration::seconds(i64::from(r.offset_at_instant(t))),
        }
    }
}

/// The UTC wall clock of an instant (clamped to chrono's range).
pub fn utc_wall(t: i64) -> NaiveDateTime {
    DateTime::from_timestamp(t, 0)
        .unwrap_or(DateTime::UNIX_EPOCH)
        .naive_utc()
}

fn resolve<Z: TimeZone>(tz: &Z, wall: NaiveDateTime) -> i64 {
    match tz.from_local_datetime(&wall) {
        LocalResult::Single(dt) | LocalResult::Ambiguous(dt, _) => dt.timestamp(),
        LocalResult::None => {
            // In a gap: RFC 5545 reads the time with the offset before the gap.
            let after = (1..=8)
                .map(|i| wall + Duration::minutes(30 * i))
                .find_map(|w| tz.from_local_datetime(&w).earliest());
            let before = after.map_or_else(
                || tz.offset_from_utc_datetime(&wall).fix(),
                |dt| {
                    tz.offset_from_utc_datetime(&utc_wall(dt.timestamp() - 1))
                        .fix()
                },
            );
            wall.and_utc().timestamp() - i64::from(before.local_minus_utc())
        }
    }
}

/// A VTIMEZONE's transitions: each onset (wall clock, in the offset before it)
/// with the offsets before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneRules {
    pub name: String,
    /// Sorted by onset.
    pub transitions: Vec<Transition>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transition {
    pub onset: NaiveDateTime,
    pub from: i32,
    pub to: i32,
}

impl ZoneRules {
    pub fn new(name: String, mut transitions: Vec<Transition>) -> ZoneRules {
        transitions.sort_by_key(|t| t.onset);
        ZoneRules { name, transitions }
    }

    fn offset_at_wall(&self, wall: NaiveDateTime) -> i32 {
        let i = self.transitions.partition_point(|t| t.onset <= wall);
        match i {
            0 => self.transitions.first().map_or(0, |t| t.from),
            i => self.transitions[i - 1].to,
        }
    }

    fn offset_at_instant(&self, t: i64) -> i32 {
        let i = self
            .transitions
            .partition_point(|tr| tr.onset.and_utc().timestamp() - i64::from(tr.from) <= t);
        match i {
            0 => self.transitions.first().map_or(0, |t| t.from),
            i => self.transitions[i - 1].to,
        }
    }

    fn to_instant(&self, wall: NaiveDateTime) -> i64 {
        wall.and_utc().timestamp() - i64::from(self.offset_at_wall(wall))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn wall(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .unwrap_or_default()
    }

    #[test]
    fn named_zones_follow_daylight_saving() {
        let berlin = Zone::named("Europe/Berlin").map(|z| z.to_instant(wall(2026, 10, 5, 9, 0)));
        // 09:00 CEST (+02:00) is 07:00 UTC.
        assert_eq!(berlin, Some(wall(2026, 10, 5, 7, 0).and_utc().timestamp()));
        // After 25 October 2026 Berlin is on +01:00.
        let winter = Zone::named("Europe/Berlin").map(|z| z.to_instant(wall(2026, 10, 26, 9, 0)));
        assert_eq!(winter, Some(wall(2026, 10, 26, 8, 0).and_utc().timestamp()));
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_forward() {
        // 2026-03-29 02:30 does not exist in Berlin; it becomes 03:30 CEST = 01:30 UTC.
        let t = Zone::named("Europe/Berlin").map(|z| z.to_instant(wall(2026, 3, 29, 2, 30)));
        assert_eq!(t, Some(wall(2026, 3, 29, 1, 30).and_utc().timestamp()));
    }

    #[test]
    fn vtimezone_rules_pick_the_last_transition() {
        let rules = ZoneRules::new(
            "W. Europe Standard Time".into(),
            vec![
                Transition {
                    onset: wall(2026, 3, 29, 2, 0),
                    from: 3600,
                    to: 7200,
                },
                Transition {
                    onset: wall(2026, 10, 25, 3, 0),
                    from: 7200,
                    to: 3600,
                },
            ],
        );
        let z = Zone::Rules(Arc::new(rules));
        assert_eq!(
            z.to_instant(wall(2026, 1, 5, 9, 0)),
            wall(2026, 1, 5, 8, 0).and_utc().timestamp()
        );
        assert_eq!(
            z.to_instant(wall(2026, 7, 6, 9, 0)),
            wall(2026, 7, 6, 7, 0).and_utc().timestamp()
        );
        assert_eq!(
            z.to_wall(wall(2026, 7, 6, 7, 0).and_utc().timestamp()),
            wall(2026, 7, 6, 9, 0)
        );
        assert_eq!(
            z.to_instant(wall(2026, 11, 2, 9, 0)),
            wall(2026, 11, 2, 8, 0).and_utc().timestamp()
        );
    }
}
