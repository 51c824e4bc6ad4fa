//! Times on screen are the reader's own: the machine's time zone, not UTC.
//! Alone in its own test binary, because it sets `TZ` for the process.

use altitude::model::time::{Timestamp, Zone};

#[test]
fn an_evening_in_new_york_is_not_shown_as_tomorrow() {
    // SAFETY: this binary has one test and no other threads read the environment.
    unsafe { std::env::set_var("TZ", "America/New_York") };
    // 2026-11-22 01:28 UTC is 20:28 on the 21st in New York (EST, UTC-5).
    let t = Timestamp(1_795_310_880);
    assert_eq!(t.display_in(Zone::Utc), "2026-11-22 01:28 UTC");
    assert_eq!(t.display_in(Zone::Local), "2026-11-21 20:28 EST");
    assert_eq!(t.date_in(Zone::Local), "2026-11-21");
    // Summer time is the zone's own offset on that date, not today's.
    let july = Timestamp(1_783_038_480); // 2026-07-03 00:28 UTC
    assert_eq!(july.display_in(Zone::Local), "2026-07-02 20:28 EDT");
}
