//! Timestamps without a date library: seconds since the Unix epoch, shown as
//! UTC. The clock is passed in, so tests can fix it.

use serde::{Deserialize, Serialize};

/// Seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub u64);

impl Timestamp {
    /// The last second of year 9999: later times in a file are refused.
    pub const MAX: Timestamp = Timestamp(253_402_300_799);

    /// `days` later, never past `MAX`.
    pub fn plus_days(self, days: u64) -> Timestamp {
        Timestamp(
            self.0
                .saturating_add(days.saturating_mul(86_400))
                .min(Self::MAX.0),
        )
    }

    pub fn now() -> Timestamp {
        Timestamp(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        )
    }

    /// (year, month, day, hour, minute, second) in UTC.
    pub fn parts(self) -> (i64, u32, u32, u32, u32, u32) {
        let days = (self.0 / 86_400) as i64;
        let secs = self.0 % 86_400;
        let (y, m, d) = civil_from_days(days);
        (
            y,
            m,
            d,
            (secs / 3600) as u32,
            (secs / 60 % 60) as u32,
            (secs % 60) as u32,
        )
    }

    /// `2026-11-21`
    pub fn date(self) -> String {
        let (y, m, d, ..) = self.parts();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// `2026-11-21 19:30 UTC`
    pub fn display(self) -> String {
        let (y, m, d, h, min, _) = self.parts();
        format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02} UTC")
    }

    /// `20261121-193005`: sorts by time, safe in file names.
    pub fn compact(self) -> String {
        let (y, m, d, h, min, s) = self.parts();
        format!("{y:04}{m:02}{d:02}-{h:02}{min:02}{s:02}")
    }
}

/// Where the app reads the time: the system clock, or a fixed instant in tests
/// so that dates in snapshots never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(Timestamp),
}

impl Clock {
    pub fn now(self) -> Timestamp {
        match self {
            Clock::System => Timestamp::now(),
            Clock::Fixed(t) => t,
        }
    }
}

impl From<Timestamp> for Clock {
    fn from(t: Timestamp) -> Clock {
        Clock::Fixed(t)
    }
}

/// Which clock face to show times on: UTC (tests, files) or the machine's
/// own time zone (what a person reads on screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zone {
    #[default]
    Utc,
    Local,
}

impl Timestamp {
    /// `2026-11-21 14:30 EST`: the date and time in `zone`, with its name.
    pub fn display_in(self, zone: Zone) -> String {
        let (clock, name) = self.clock_in(zone);
        format!("{clock} {name}")
    }

    /// (`2026-11-21 14:30`, `EST`): the date and time in `zone`, and its name.
    pub fn clock_in(self, zone: Zone) -> (String, String) {
        let (shifted, name) = match (zone, local(self)) {
            (Zone::Local, Some((offset, name))) => {
                (Timestamp(self.0.saturating_add_signed(offset)), name)
            }
            _ => (self, "UTC".to_string()),
        };
        let (y, m, d, h, min, _) = shifted.parts();
        (format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02}"), name)
    }

    /// `2026-11-21` in `zone`.
    pub fn date_in(self, zone: Zone) -> String {
        match (zone, local(self)) {
            (Zone::Local, Some((offset, _))) => {
                Timestamp(self.0.saturating_add_signed(offset)).date()
            }
            _ => self.date(),
        }
    }
}

/// The machine's offset from UTC at `t`, in seconds, and the zone's short name.
fn local(t: Timestamp) -> Option<(i64, String)> {
    let secs = libc::time_t::try_from(t.0).ok()?;
    // SAFETY: `localtime_r` writes only into `tm`, which lives on this stack
    // frame, and is the thread-safe variant; `tm_zone` then points at static
    // zone data owned by the C library, read at once into a String.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&secs, &mut tm).is_null() {
            return None;
        }
        let name = if tm.tm_zone.is_null() {
            String::new()
        } else {
            std::ffi::CStr::from_ptr(tm.tm_zone)
                .to_string_lossy()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-'))
                .take(8)
                .collect()
        };
        // `c_long` is 32 bits on some targets.
        #[allow(clippy::useless_conversion)]
        let offset = i64::from(tm.tm_gmtoff);
        Some((offset, name))
    }
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_dates() {
        assert_eq!(Timestamp(0).display(), "1970-01-01 00:00 UTC");
        // 2026-11-21 19:30:05 UTC
        assert_eq!(Timestamp(1_795_289_405).compact(), "20261121-193005");
        assert_eq!(Timestamp(951_782_400).date(), "2000-02-29");
        assert_eq!(Timestamp(0).display_in(Zone::Utc), "1970-01-01 00:00 UTC");
    }
}
