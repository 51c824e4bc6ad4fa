//! `altitude evidence`, checked figure by figure against hand computations:
//! a git repository built here with chosen authors, dates and offsets, and
//! `.ics` calendars written from RFC 5545 (tests/fixtures/ics and inline).

mod common;

use altitude::evidence::calendar::{self, CalendarFigures};
use altitude::evidence::window::{Window, WorkDays, WorkHours, parse_date};
use altitude::evidence::{ics, zone::Zone};
use common::{Sandbox, fixture};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

// ---------------------------------------------------------------------------
// Calendar: the Google-style fixture, every figure by hand

/// tests/fixtures/ics/week.ics over Monday 2026-10-05 to Friday 2026-10-16 in
/// Berlin (CEST, +02:00 throughout), work hours 09-17, Monday to Friday.
///
/// Counted occurrences, Berlin time (in hours | out of hours):
/// - Standup 09:30-09:45 daily, 12 from Mon 5 (COUNT=12), EXDATE Wed 7:
///   9 weekdays x 0.25 h in hours; Sat 10 and Sun 11: 0.5 h out of hours.
/// - Alex 1:1 Mon+Thu 14:00-14:30 (room not a person: me + Alex = 2):
///   Mon 5, Mon 12 in place; Thu 8 moved to Fri 9 16:00-16:30; Thu 15
///   cancelled override. 1:1 occurrences 3, moved 2.
/// - Sam 1:1 weekly Tue 11:00-11:45 from Sep 1 (organizer me + attendee
///   Sam = 2): Tue 6 counted; EXDATE Tue 13 -> moved 1 (Sep 15 EXDATE is
///   outside the window).
/// - All hands Wed 14 declined by ME@Example.COM: not counted.
/// - Offsite all day Mon 12, Workshop Mon 12 cancelled, Focus Thu 15
///   transparent: not counted.
/// - Tue 6: 13:00-14:30 and 14:00-15:00 overlap -> 13:00-15:00, 2 h.
/// - Jo, New York 08:00-09:00 EDT Fri 9 = 14:00-15:00 Berlin; 2 people.
/// - Vendor call 07:00Z-08:00Z Fri 16 = 09:00-10:00, overlaps the standup.
/// - Team dinner Thu 8 18:00-19:30: 1.5 h out of hours.
/// - Late sync Wed 14 16:30-17:30: 0.5 h in, 0.5 h out.
/// - Floating Wed 14 13:00-14:00 (read in --tz Berlin).
/// - DURATION:PT1H Thu 15 15:00-16:00.
/// - Planning every other Wed from Sep 23 15:00-16:00: Wed 7; RDATE Tue 13.
///
/// Busy inside work hours per day, and free stretches of 2 h or more:
///   Mon 5  0.25+0.5           = 0.75  09:45-14:00, 14:30-17:00  -> 2
///   Tue 6  0.25+0.75+2        = 3.00  15:00-17:00               -> 1
///   Wed 7  1 (Planning)       = 1.00  09:00-15:00               -> 1
///   Thu 8  0.25               = 0.25  09:45-17:00               -> 1
///   Fri 9  0.25+1+0.5         = 1.75  09:45-14:00               -> 1
///   Mon 12 0.25+0.5           = 0.75                            -> 2
///   Tue 13 0.25+1 (RDATE)     = 1.25  09:45-15:00               -> 1
///   Wed 14 0.25+1+0.5         = 1.75  09:45-13:00, 14:00-16:30  -> 2
///   Thu 15 0.25+1             = 1.25  09:45-15:00               -> 1
///   Fri 16 09:00-10:00        = 1.00  10:00-17:00               -> 1
/// Meeting hours 12.75 (6.375 -> 6.38 a week), focus blocks 13 (6.5 a
/// week), out of hours 1.5+0.5+0.5 = 2.5, one-on-ones 3+1+1 = 5, moved 3.
#[test]
fn the_google_fixture_gives_the_hand_computed_figures() {
    let run = Sandbox::new().run(&[
        "evidence",
        "--calendar",
        &fixture("ics/week.ics").display().to_string(),
        "--me",
        "me@example.com",
        "--since",
        "2026-10-05",
        "--until",
        "2026-10-16",
        "--tz",
        "Europe/Berlin",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.json(),
        json!({
            "schema": 1, "since": "2026-10-05", "until": "2026-10-16", "weeks": 2.0,
            "git": null,
            "calendar": {
                "meeting_hours": 12.75, "meeting_hours_per_week": 6.38,
                "focus_blocks": 13, "focus_blocks_per_week": 6.5,
                "one_on_ones": 5, "one_on_ones_moved": 3,
                "out_of_hours_meeting_hours": 2.5
            }
        })
    );
}

/// tests/fixtures/ics/outlook.ics: a weekly Monday 10:00-11:00 in Outlook's
/// "W. Europe Standard Time", defined only by the file's VTIMEZONE. Summer
/// time ends on Sunday 2026-10-25, so Mon 19 is 08:00-09:00 UTC and Mon 26 is
/// 09:00-10:00 UTC. Read in Berlin both are inside 09-17 (2 h); read in UTC
/// the first is before work (1 h out) and the second inside (1 h).
#[test]
fn outlook_windows_zone_names_follow_the_files_vtimezone_rules() {
    for (tz, inside, outside) in [("Europe/Berlin", 2.0, 0.0), ("UTC", 1.0, 1.0)] {
        let run = Sandbox::new().run(&[
            "evidence",
            "--calendar",
            &fixture("ics/outlook.ics").display().to_string(),
            "--since",
            "2026-10-19",
            "--until",
            "2026-10-30",
            "--tz",
            tz,
            "--format",
            "json",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let cal = &run.json()["calendar"];
        assert_eq!(cal["meeting_hours"], json!(inside), "{tz}");
        assert_eq!(cal["out_of_hours_meeting_hours"], json!(outside), "{tz}");
        // Organizer (me) + one attendee: a one-on-one series, twice.
        assert_eq!(cal["one_on_ones"], json!(2), "{tz}");
    }
}

// ---------------------------------------------------------------------------
// Calendar: one rule at a time, on inline calendars

/// Monday 2026-10-05 to Friday 2026-10-09 in UTC, 09-17, Monday to Friday.
fn utc_week() -> Window {
    Window::new(
        parse_date("2026-10-05").expect("date"),
        parse_date("2026-10-09").expect("date"),
        Zone::utc(),
        WorkHours::default(),
        WorkDays::default(),
    )
}

/// Figures for events written inside a VCALENDAR, me = me@example.com.
fn figures(events: &str) -> CalendarFigures {
    let text = format!("BEGIN:VCALENDAR\nVERSION:2.0\n{events}\nEND:VCALENDAR\n");
    let occ = ics::parse(&text, &utc_week(), &["me@example.com".to_string()])
        .unwrap_or_else(|e| panic!("parse failed: {e:?}"));
    calendar::figures(&occ, &utc_week())
}

fn event(lines: &str) -> String {
    format!("BEGIN:VEVENT\nUID:{}\n{lines}\nEND:VEVENT", lines.len())
}

const HOUR: i64 = 3600;

/// A one-hour meeting Monday 10:00 UTC.
const MONDAY_10: &str = "DTSTART:20261005T100000Z\nDTEND:20261005T110000Z";

#[test]
fn a_plain_timed_event_counts_its_hour() {
    let f = figures(&event(MONDAY_10));
    assert_eq!(f.meeting_secs, HOUR);
    // Monday 11:00-17:00 stays a focus block, 09:00-10:00 is too short;
    // Tuesday to Friday one each: 1 + 4.
    assert_eq!(f.focus_blocks, 5);
}

#[test]
fn all_day_transparent_cancelled_and_declined_events_do_not_count() {
    let skipped = [
        "DTSTART;VALUE=DATE:20261005\nDTEND;VALUE=DATE:20261006".to_string(),
        "DTSTART:20261005\nDTEND:20261006".to_string(),
        format!("{MONDAY_10}\nTRANSP:TRANSPARENT"),
        format!("{MONDAY_10}\nSTATUS:CANCELLED"),
        format!("{MONDAY_10}\nATTENDEE;PARTSTAT=DECLINED:MAILTO:Me@Example.com"),
        format!("{MONDAY_10}\nATTENDEE;EMAIL=me@example.com;PARTSTAT=DECLINED:urn:uuid:1"),
    ];
    for lines in skipped {
        let f = figures(&event(&lines));
        assert_eq!(f.meeting_secs, 0, "counted:\n{lines}");
        assert_eq!(f.focus_blocks, 5, "not free:\n{lines}");
    }
    // Opaque, confirmed, and declined by someone else: it counts.
    let counted = format!(
        "{MONDAY_10}\nTRANSP:OPAQUE\nSTATUS:CONFIRMED\nATTENDEE;PARTSTAT=DECLINED:mailto:you@example.com"
    );
    assert_eq!(figures(&event(&counted)).meeting_secs, HOUR);
}

#[test]
fn overlapping_meetings_count_once() {
    // 10:00-11:00 and 10:30-12:00 on Monday: 10:00-12:00 = 2 h, not 2.5 h.
    let f = figures(&format!(
        "{}\n{}",
        event(MONDAY_10),
        event("DTSTART:20261005T103000Z\nDTEND:20261005T120000Z")
    ));
    assert_eq!(f.meeting_secs, 2 * HOUR);
}

#[test]
fn meeting_hours_outside_work_hours_and_days_are_counted_apart() {
    // Monday 16:00-18:00: 1 h in, 1 h out. Friday 20:00-22:00: 2 h out.
    // Saturday 10:00-11:00 is past this window's end (Friday): nothing.
    let f = figures(&format!(
        "{}\n{}\n{}",
        event("DTSTART:20261005T160000Z\nDTEND:20261005T180000Z"),
        event("DTSTART:20261009T200000Z\nDTEND:20261009T220000Z"),
        event("DTSTART:20261010T100000Z\nDTEND:20261010T110000Z")
    ));
    assert_eq!((f.meeting_secs, f.out_of_hours_secs), (HOUR, 3 * HOUR));
}

#[test]
fn focus_blocks_are_free_stretches_of_two_hours_or_more() {
    // Monday busy 11:00-13:00 and 15:00-17:00: free 09-11 and 13-15, both
    // exactly 2 h -> 2 blocks. Tuesday busy 10:59-15:01: free 09:00-10:59
    // (1 h 59) and 15:01-17:00 (1 h 59) -> none. Wed-Fri one each: 3.
    let f = figures(
        &[
            event("DTSTART:20261005T110000Z\nDTEND:20261005T130000Z"),
            event("DTSTART:20261005T150000Z\nDTEND:20261005T170000Z"),
            event("DTSTART:20261006T105900Z\nDTEND:20261006T150100Z"),
        ]
        .join("\n"),
    );
    assert_eq!(f.focus_blocks, 2 + 3);
}

#[test]
fn one_on_ones_have_exactly_two_people() {
    let people = |lines: &str| figures(&event(&format!("{MONDAY_10}\n{lines}"))).one_on_ones;
    // Two attendees.
    assert_eq!(
        people("ATTENDEE:mailto:me@example.com\nATTENDEE:mailto:a@example.com"),
        1
    );
    // Organizer plus one attendee (Outlook leaves the organizer out).
    assert_eq!(
        people("ORGANIZER:mailto:me@example.com\nATTENDEE:mailto:a@example.com"),
        1
    );
    // Organizer also listed as attendee (Google): still two people.
    assert_eq!(
        people(
            "ORGANIZER:mailto:me@example.com\nATTENDEE:mailto:ME@example.com\nATTENDEE:mailto:a@example.com"
        ),
        1
    );
    // A room is not a person.
    assert_eq!(
        people(
            "ATTENDEE:mailto:me@example.com\nATTENDEE:mailto:a@example.com\nATTENDEE;CUTYPE=ROOM:mailto:r@example.com"
        ),
        1
    );
    // Three people, or one.
    assert_eq!(
        people(
            "ATTENDEE:mailto:me@example.com\nATTENDEE:mailto:a@example.com\nATTENDEE:mailto:b@example.com"
        ),
        0
    );
    assert_eq!(people("ORGANIZER:mailto:me@example.com"), 0);
}

/// A daily 1:1 at 09:00-09:30 UTC from Monday, five occurrences.
const DAILY_ONE_ON_ONE: &str = "UID:daily\nDTSTART:20261005T090000Z\nDTEND:20261005T093000Z\nRRULE:FREQ=DAILY;COUNT=5\nATTENDEE:mailto:me@example.com\nATTENDEE:mailto:a@example.com";

fn series(master_extra: &str, overrides: &str) -> CalendarFigures {
    figures(&format!(
        "BEGIN:VEVENT\n{DAILY_ONE_ON_ONE}\n{master_extra}\nEND:VEVENT\n{overrides}"
    ))
}

#[test]
fn daily_recurrence_expands_and_exdate_moves_a_one_on_one() {
    let f = series("", "");
    // Five half hours; each day keeps 09:30-17:00 free.
    assert_eq!(
        (f.meeting_secs, f.one_on_ones, f.one_on_ones_moved),
        (5 * HOUR / 2, 5, 0)
    );
    // EXDATE on Wednesday: four occurrences, one moved, Wednesday fully free.
    let f = series("EXDATE:20261007T090000Z", "");
    assert_eq!(
        (f.meeting_secs, f.one_on_ones, f.one_on_ones_moved),
        (2 * HOUR, 4, 1)
    );
}

#[test]
fn an_override_that_moves_one_occurrence_counts_it_at_its_new_time() {
    // Tuesday's occurrence moves to 12:00-13:00 (an hour long now).
    let f = series(
        "",
        "BEGIN:VEVENT\nUID:daily\nRECURRENCE-ID:20261006T090000Z\nDTSTART:20261006T120000Z\nDTEND:20261006T130000Z\nATTENDEE:mailto:me@example.com\nATTENDEE:mailto:a@example.com\nEND:VEVENT",
    );
    // 4 x 0.5 h + 1 h = 3 h; still five one-on-ones, one of them moved.
    assert_eq!(
        (f.meeting_secs, f.one_on_ones, f.one_on_ones_moved),
        (3 * HOUR, 5, 1)
    );
    // Tuesday free: 09:00-12:00 and 13:00-17:00 -> 2 blocks; others 1 each.
    assert_eq!(f.focus_blocks, 2 + 4);
    // An override at the same time (a changed title) is not a move.
    let f = series(
        "",
        "BEGIN:VEVENT\nUID:daily\nRECURRENCE-ID:20261006T090000Z\nDTSTART:20261006T090000Z\nDTEND:20261006T093000Z\nATTENDEE:mailto:me@example.com\nATTENDEE:mailto:a@example.com\nEND:VEVENT",
    );
    assert_eq!((f.one_on_ones, f.one_on_ones_moved), (5, 0));
}

#[test]
fn a_cancelled_override_removes_the_occurrence_and_counts_as_moved() {
    let f = series(
        "",
        "BEGIN:VEVENT\nUID:daily\nRECURRENCE-ID:20261008T090000Z\nDTSTART:20261008T090000Z\nSTATUS:CANCELLED\nEND:VEVENT",
    );
    assert_eq!(
        (f.meeting_secs, f.one_on_ones, f.one_on_ones_moved),
        (2 * HOUR, 4, 1)
    );
}

#[test]
fn moves_of_group_series_are_not_one_on_one_moves() {
    let f = figures(&event(
        "DTSTART:20261005T090000Z\nDTEND:20261005T093000Z\nRRULE:FREQ=DAILY;COUNT=5\nEXDATE:20261007T090000Z\nATTENDEE:mailto:a@example.com\nATTENDEE:mailto:b@example.com\nATTENDEE:mailto:c@example.com",
    ));
    assert_eq!(
        (f.one_on_ones, f.one_on_ones_moved, f.meeting_secs),
        (0, 0, 2 * HOUR)
    );
}

#[test]
fn weekly_rules_rdate_and_until_follow_rfc_5545() {
    // Weekly on Monday and Wednesday 10:00-11:00 from Monday, UNTIL Wednesday
    // 10:00Z (inclusive): Mon and Wed. RDATE adds Friday 10:00.
    let f = figures(&event(
        "DTSTART:20261005T100000Z\nDTEND:20261005T110000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261007T100000Z\nRDATE:20261009T100000Z",
    ));
    assert_eq!(f.meeting_secs, 3 * HOUR);
}

#[test]
fn tzid_and_floating_times_are_placed_in_their_zones() {
    // 12:00-13:00 in New York (EDT, -04:00) is 16:00-17:00 UTC: inside.
    // 18:00-19:00 in Tokyo (+09:00) is 09:00-10:00 UTC: inside.
    // A floating 08:00-09:00 is read in --tz (UTC here): before work.
    let f = figures(
        &[
            event("DTSTART;TZID=America/New_York:20261005T120000\nDTEND;TZID=America/New_York:20261005T130000"),
            event("DTSTART;TZID=Asia/Tokyo:20261006T180000\nDTEND;TZID=Asia/Tokyo:20261006T190000"),
            event("DTSTART:20261007T080000\nDTEND:20261007T090000"),
        ]
        .join("\n"),
    );
    assert_eq!((f.meeting_secs, f.out_of_hours_secs), (2 * HOUR, HOUR));
}

#[test]
fn a_weekly_series_keeps_its_wall_clock_time_across_daylight_saving() {
    // Weekly Monday 09:00 Berlin from 2026-10-19: Oct 19 is 07:00Z (CEST),
    // Oct 26 is 08:00Z (CET). In a UTC window with work hours 08-17 the first
    // falls before work and the second inside.
    let window = Window::new(
        parse_date("2026-10-19").expect("date"),
        parse_date("2026-10-30").expect("date"),
        Zone::utc(),
        "08-17".parse().expect("hours"),
        WorkDays::default(),
    );
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART;TZID=Europe/Berlin:20261019T090000\nDTEND;TZID=Europe/Berlin:20261019T100000\nRRULE:FREQ=WEEKLY\nEND:VEVENT\nEND:VCALENDAR\n";
    let occ = ics::parse(text, &window, &[]).expect("parses");
    let f = calendar::figures(&occ, &window);
    assert_eq!((f.meeting_secs, f.out_of_hours_secs), (HOUR, HOUR));
}

// ---------------------------------------------------------------------------
// Calendar: bad files

fn calendar_error(name: &str, text: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    let run = Sandbox::new().run(&[
        "evidence",
        "--calendar",
        &path.display().to_string(),
        "--since",
        "2026-10-05",
        "--until",
        "2026-10-09",
        "--tz",
        "UTC",
    ]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    run.stderr
}

#[test]
fn bad_calendar_files_get_located_errors() {
    let e = calendar_error(
        "zone.ics",
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nDTSTART;TZID=Mars/Olympus:20261005T100000\nEND:VEVENT\nEND:VCALENDAR\n",
    );
    assert!(
        e.contains("zone.ics:4:1:") && e.contains("\"Mars/Olympus\""),
        "{e}"
    );
    let e = calendar_error(
        "date.ics",
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nDTSTART:2026-10-05\nEND:VEVENT\nEND:VCALENDAR\n",
    );
    assert!(
        e.contains("date.ics:4:1:") && e.contains("\"2026-10-05\""),
        "{e}"
    );
    let e = calendar_error(
        "rule.ics",
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nDTSTART:20261005T100000Z\nRRULE:FREQ=SOMETIMES\nEND:VEVENT\nEND:VCALENDAR\n",
    );
    assert!(
        e.contains("rule.ics:5:1:") && e.contains("FREQ=SOMETIMES"),
        "{e}"
    );
    let e = calendar_error("open.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\n");
    assert!(
        e.contains("open.ics:2:1:") && e.contains("never closed"),
        "{e}"
    );
    let e = calendar_error("notes.ics", "Dear diary\n");
    assert!(e.contains("notes.ics:1:1:"), "{e}");
    // Escape sequences in a bad value never reach the terminal.
    let e = calendar_error(
        "esc.ics",
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:\u{1b}[31mred\nEND:VEVENT\nEND:VCALENDAR\n",
    );
    assert!(
        !e.contains('\u{1b}') && e.contains("esc.ics:3:1:") && e.contains("<U+001B>"),
        "{e}"
    );
}

// ---------------------------------------------------------------------------
// Git: a repository built here

fn git(dir: &Path, args: &[&str], env: &[(&str, &str)]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .envs(env.iter().copied())
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A commit by `email` at `date` (ISO 8601 with its own offset) touching
/// `files`.
fn commit(dir: &Path, email: &str, date: &str, files: &[&str]) {
    for f in files {
        let path = dir.join(f);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        let before = std::fs::read_to_string(&path).unwrap_or_default();
        std::fs::write(&path, format!("{before}{date}\n")).expect("write");
        git(dir, &["add", f], &[]);
    }
    git(
        dir,
        &["commit", "-q", "-m", &format!("change at {date}")],
        &author(email, date),
    );
}

fn author<'a>(email: &'a str, date: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("GIT_AUTHOR_NAME", "Someone"),
        ("GIT_AUTHOR_EMAIL", email),
        ("GIT_AUTHOR_DATE", date),
        ("GIT_COMMITTER_NAME", "Someone"),
        ("GIT_COMMITTER_EMAIL", email),
        ("GIT_COMMITTER_DATE", date),
    ]
}

/// The repository of the git tests; its user.email is me@example.com.
///
/// Window Mon 2026-10-05 to Fri 2026-10-16 in Berlin (+02:00), 09-17,
/// Monday to Friday. Commits (author's own local time):
///  1 me     Mon  5 10:00 +02:00 billing/       in window, in hours
///  2 me     Tue  6 21:30 +02:00 billing/       evening: out of hours
///  3 me     Sat 10 11:00 +02:00 billing/       weekend: out of hours
///  4 me     Wed  7 10:00 -07:00 api/           in hours in its own offset
///                                              (19:00 in Berlin)
///  5 other  Thu  8 11:00 +02:00 api/
///  6 other  Fri  9 22:00 +02:00 docs/
///  7 me     Mon  5 01:00 +02:00 billing/       Sunday 23:00 UTC, but Monday
///                                              in Berlin: in window, out
///  8 other  Mon 12 10:00 +02:00 web/           on a side branch
///  9 me     Tue 13 10:00 +02:00 (merge of 8)   merges are excluded
/// 10 third  Wed 14 14:00 +05:30 README         a top-level file, no dir
/// 11 me     Sun  4 23:30 +02:00 billing/       before the window
/// 12 me     Sat 17 00:30 +02:00 billing/       after the window
///
/// In window: 1-8 and 10 = 9 commits; mine 1, 2, 3, 4, 7 = 5 (share
/// 5/9 = 0.556); mine out of hours 2, 3, 7 = 3; billing is touched by 1, 2,
/// 3, 7, all mine -> sole; api has 5 (other's); docs and web are others'.
fn team_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"], &[]);
    git(d, &["config", "user.email", "me@example.com"], &[]);
    let me = "me@example.com";
    let other = "other@example.com";
    commit(d, me, "2026-10-04T23:30:00+02:00", &["billing/old.rs"]);
    commit(d, me, "2026-10-05T01:00:00+02:00", &["billing/night.rs"]);
    commit(d, me, "2026-10-05T10:00:00+02:00", &["billing/a.rs"]);
    commit(d, me, "2026-10-06T21:30:00+02:00", &["billing/b.rs"]);
    commit(d, me, "2026-10-07T10:00:00-07:00", &["api/x.rs"]);
    commit(d, other, "2026-10-08T11:00:00+02:00", &["api/y.rs"]);
    commit(d, other, "2026-10-09T22:00:00+02:00", &["docs/z.md"]);
    commit(d, me, "2026-10-10T11:00:00+02:00", &["billing/c.rs"]);
    git(d, &["checkout", "-q", "-b", "side"], &[]);
    commit(d, other, "2026-10-12T10:00:00+02:00", &["web/w.ts"]);
    git(d, &["checkout", "-q", "main"], &[]);
    git(
        d,
        &["merge", "-q", "--no-ff", "-m", "merge side", "side"],
        &author(me, "2026-10-13T10:00:00+02:00"),
    );
    commit(
        d,
        "third@example.com",
        "2026-10-14T14:00:00+05:30",
        &["README"],
    );
    commit(d, me, "2026-10-17T00:30:00+02:00", &["billing/late.rs"]);
    dir
}

fn evidence_json(extra: &[&str]) -> Value {
    let mut args = vec![
        "evidence",
        "--since",
        "2026-10-05",
        "--until",
        "2026-10-16",
        "--tz",
        "Europe/Berlin",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let run = Sandbox::new().run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
}

#[test]
fn git_figures_match_the_hand_computation() {
    let repo = team_repo();
    let v = evidence_json(&["--repo", &repo.path().display().to_string()]);
    assert_eq!(
        v["git"],
        json!({
            "repos": 1, "commits_mine": 5, "commits_all": 9, "share": 0.556,
            "out_of_hours_mine": 3, "sole_paths": ["billing"]
        })
    );
    assert_eq!(v["calendar"], Value::Null);
}

#[test]
fn the_author_date_decides_not_the_committer_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    git(d, &["init", "-q"], &[]);
    git(d, &["config", "user.email", "me@example.com"], &[]);
    let me = "me@example.com";
    // Written on Tue 6 October 10:00, rebased (committed) on 30 November:
    // in the window, in hours.
    std::fs::create_dir_all(d.join("api")).expect("mkdir");
    std::fs::write(d.join("api/a.rs"), "a").expect("write");
    git(d, &["add", "."], &[]);
    let mut env = author(me, "2026-10-06T10:00:00+02:00");
    env[5] = ("GIT_COMMITTER_DATE", "2026-11-30T10:00:00+01:00");
    git(d, &["commit", "-q", "-m", "rebased later"], &env);
    // Written on 1 September, committed on Wed 7 October 22:00: outside.
    std::fs::write(d.join("api/b.rs"), "b").expect("write");
    git(d, &["add", "."], &[]);
    let mut env = author(me, "2026-09-01T22:00:00+02:00");
    env[5] = ("GIT_COMMITTER_DATE", "2026-10-07T22:00:00+02:00");
    git(d, &["commit", "-q", "-m", "cherry-picked"], &env);
    let v = evidence_json(&["--repo", &d.display().to_string()]);
    assert_eq!(v["git"]["commits_all"], json!(1));
    assert_eq!(v["git"]["out_of_hours_mine"], json!(0));
}

#[test]
fn several_me_addresses_match_case_insensitively() {
    let repo = team_repo();
    // other (5, 6, 8) and third (10): 4 commits; out of hours: 6 (Fri 22:00)
    // only, as 10 is 14:00 in its own +05:30.
    let v = evidence_json(&[
        "--repo",
        &repo.path().display().to_string(),
        "--me",
        "OTHER@example.com",
        "--me",
        "third@EXAMPLE.com",
    ]);
    assert_eq!(v["git"]["commits_mine"], json!(4));
    assert_eq!(v["git"]["out_of_hours_mine"], json!(1));
    assert_eq!(v["git"]["share"], json!(0.444));
    // Nobody else touches docs or web, but one commit each is under three.
    assert_eq!(v["git"]["sole_paths"], json!([]));
}

#[test]
fn several_repositories_add_up_and_name_their_sole_paths() {
    let a = team_repo();
    let b = team_repo();
    let v = evidence_json(&[
        "--repo",
        &a.path().display().to_string(),
        "--repo",
        &b.path().display().to_string(),
    ]);
    assert_eq!(v["git"]["repos"], json!(2));
    assert_eq!(
        (
            v["git"]["commits_mine"].clone(),
            v["git"]["commits_all"].clone()
        ),
        (json!(10), json!(18))
    );
    let name = |d: &tempfile::TempDir| {
        d.path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut expected = vec![
        format!("{}/billing", name(&a)),
        format!("{}/billing", name(&b)),
    ];
    expected.sort();
    assert_eq!(v["git"]["sole_paths"], json!(expected));
}

#[test]
fn an_empty_repository_has_no_commits_and_no_share() {
    let dir = tempfile::tempdir().expect("temp dir");
    git(dir.path(), &["init", "-q"], &[]);
    let v = evidence_json(&[
        "--repo",
        &dir.path().display().to_string(),
        "--me",
        "me@example.com",
    ]);
    assert_eq!(
        v["git"],
        json!({"repos": 1, "commits_mine": 0, "commits_all": 0, "share": null,
               "out_of_hours_mine": 0, "sole_paths": []})
    );
}

// ---------------------------------------------------------------------------
// The command line

fn run_err(args: &[&str]) -> String {
    let run = Sandbox::new().run(args);
    assert_eq!(run.code, 1, "stdout: {}", run.stdout);
    assert!(run.stdout.is_empty());
    run.stderr
}

#[test]
fn bad_arguments_are_named_with_their_value() {
    let base = ["evidence", "--since", "2026-10-05", "--until", "2026-10-16"];
    let with = |extra: &[&str]| {
        let mut a: Vec<&str> = base.to_vec();
        a.extend_from_slice(extra);
        run_err(&a)
    };
    let e = run_err(&["evidence", "--since", "2026-13-01", "--until", "2026-10-16"]);
    assert!(
        e.contains("--since \"2026-13-01\"") && e.contains("YYYY-MM-DD"),
        "{e}"
    );
    let e = run_err(&["evidence", "--since", "2026-10-16", "--until", "2026-10-05"]);
    assert!(
        e.contains("--until \"2026-10-05\"") && e.contains("before"),
        "{e}"
    );
    let e = with(&["--tz", "Mars/Olympus"]);
    assert!(e.contains("--tz \"Mars/Olympus\""), "{e}");
    let e = with(&["--work-hours", "17-09"]);
    assert!(e.contains("--work-hours \"17-09\""), "{e}");
    let e = with(&["--work-days", "mon-fry"]);
    assert!(
        e.contains("--work-days \"mon-fry\"") && e.contains("\"fry\""),
        "{e}"
    );
    let e = with(&["--calendar", "/no/such/file.ics"]);
    assert!(
        e.contains("/no/such/file.ics") && e.contains("cannot read"),
        "{e}"
    );
    let e = with(&["--repo", "/no/such/dir"]);
    assert!(e.contains("/no/such/dir: no such directory"), "{e}");
    let plain = tempfile::tempdir().expect("temp dir");
    let e = with(&["--repo", &plain.path().display().to_string()]);
    assert!(e.contains("not a git repository"), "{e}");
}

#[test]
fn a_repository_without_user_email_needs_me() {
    let dir = tempfile::tempdir().expect("temp dir");
    git(dir.path(), &["init", "-q"], &[]);
    let mut cmd = Sandbox::new().command(&[
        "evidence",
        "--since",
        "2026-10-05",
        "--until",
        "2026-10-16",
        "--repo",
        &dir.path().display().to_string(),
    ]);
    let out = cmd
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("no --me given") && stderr.contains("user.email"),
        "{stderr}"
    );
}

#[test]
fn json_has_exactly_the_contract_keys_and_null_sections() {
    let v = evidence_json(&[]);
    assert_eq!(
        v,
        json!({"schema": 1, "since": "2026-10-05", "until": "2026-10-16", "weeks": 2.0,
               "git": null, "calendar": null})
    );
    let repo = team_repo();
    let v = evidence_json(&[
        "--repo",
        &repo.path().display().to_string(),
        "--calendar",
        &fixture("ics/week.ics").display().to_string(),
    ]);
    let keys = |o: &Value| {
        let mut k: Vec<String> = o
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        k.sort();
        k
    };
    assert_eq!(
        keys(&v),
        ["calendar", "git", "schema", "since", "until", "weeks"]
    );
    assert_eq!(
        keys(&v["git"]),
        [
            "commits_all",
            "commits_mine",
            "out_of_hours_mine",
            "repos",
            "share",
            "sole_paths"
        ]
    );
    assert_eq!(
        keys(&v["calendar"]),
        [
            "focus_blocks",
            "focus_blocks_per_week",
            "meeting_hours",
            "meeting_hours_per_week",
            "one_on_ones",
            "one_on_ones_moved",
            "out_of_hours_meeting_hours"
        ]
    );
}

#[test]
fn text_output_fits_80_columns_and_shows_figures_only() {
    let repo = team_repo();
    let run = Sandbox::new().run(&[
        "evidence",
        "--since",
        "2026-10-05",
        "--until",
        "2026-10-16",
        "--tz",
        "Europe/Berlin",
        "--repo",
        &repo.path().display().to_string(),
        "--calendar",
        &fixture("ics/week.ics").display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    for figure in ["12.75", "6.38 a week", "13", "5", "56% of all", "billing"] {
        assert!(
            run.stdout.contains(figure),
            "missing {figure}:\n{}",
            run.stdout
        );
    }
    // No titles, attendees or commit messages.
    for private in [
        "Standup",
        "Alex",
        "alex@example.com",
        "change at",
        "Sam",
        "other@example.com",
    ] {
        assert!(
            !run.stdout.contains(private),
            "leaked {private}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn directory_names_are_sanitised_in_text_and_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    git(d, &["init", "-q"], &[]);
    for day in ["05", "06", "07"] {
        commit(
            d,
            "me@example.com",
            &format!("2026-10-{day}T10:00:00+00:00"),
            &["evil\u{1b}[2J/f"],
        );
    }
    let run = Sandbox::new().run(&[
        "evidence",
        "--since",
        "2026-10-05",
        "--until",
        "2026-10-16",
        "--tz",
        "UTC",
        "--me",
        "me@example.com",
        "--repo",
        &d.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    assert!(run.stdout.contains("evil<U+001B>[2J"), "{}", run.stdout);
    let run = Sandbox::new().run(&[
        "evidence",
        "--since",
        "2026-10-05",
        "--until",
        "2026-10-16",
        "--tz",
        "UTC",
        "--me",
        "me@example.com",
        "--repo",
        &d.display().to_string(),
        "--format",
        "json",
    ]);
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    assert_eq!(run.json()["git"]["sole_paths"], json!(["evil\u{1b}[2J"]));
}

#[test]
fn the_default_zone_is_the_local_one() {
    // With TZ=Europe/Berlin and no --tz, the Google fixture gives the figures
    // computed by hand for Berlin above; read in UTC it would not (the
    // standup would sit at 07:30-07:45, before work).
    let mut cmd = Sandbox::new().command(&[
        "evidence",
        "--calendar",
        &fixture("ics/week.ics").display().to_string(),
        "--me",
        "me@example.com",
        "--since",
        "2026-10-05",
        "--until",
        "2026-10-16",
        "--format",
        "json",
    ]);
    let out = cmd.env("TZ", "Europe/Berlin").output().expect("run");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["calendar"]["meeting_hours"], json!(12.75));
    assert_eq!(v["calendar"]["focus_blocks"], json!(13));
    let mut cmd =
        Sandbox::new().command(&["evidence", "--since", "2026-10-05", "--until", "2026-10-16"]);
    let out = cmd.env("TZ", "Asia/Tokyo").output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("mon,tue,wed,thu,fri, Asia/Tokyo"), "{text}");
}

#[test]
fn a_session_report_shows_attached_evidence_beside_the_answers() {
    use altitude::model::catalog::Library;
    use altitude::model::session::Session;
    use altitude::model::time::Timestamp;
    use altitude::model::{Answer, Mode, Profile, Stage};
    let lib = Library::builtin().expect("built-in sets");
    let mut s = Session::new("quick", Mode::Solo, Timestamp(1_795_289_405));
    s.profile = Some(Profile {
        reports: 6,
        coding_share: 10,
        critical_path: false,
        stage: Stage::Growth,
    });
    s.answers.insert("after-hours".into(), Answer::Value(1));
    s.evidence = serde_json::from_value(json!({
        "schema": 1, "since": "2026-11-08", "until": "2026-11-21", "weeks": 2.0,
        "git": { "repos": 1, "commits_mine": 9, "commits_all": 20, "share": 0.45,
                 "out_of_hours_mine": 4, "sole_paths": ["billing"] },
        "calendar": null
    }))
    .ok();
    let md = altitude::report::markdown::render_session(&lib, &s, &[]);
    assert!(
        md.contains("## What your calendar and commits show, 2026-11-08 to 2026-11-21"),
        "{md}"
    );
    // 10% answered against 45% of the commits: 35 points apart.
    assert!(md.contains("- **Coding share**: you said 10% of your week; the record shows 45% of the commits are yours (9 of 20)."), "{md}");
    assert!(
        md.contains("  - Talk about: You said 10% of your week goes to code"),
        "{md}"
    );
    // "Never" after hours against 4 late commits.
    assert!(md.contains("- **After hours**: you said \"Never\"; the record shows 4 of your 9 commits out of hours."), "{md}");
    // No calendar given: no focus or 1:1 rows.
    assert!(
        !md.contains("**Focus**") && !md.contains("1:1s moved"),
        "{md}"
    );
}
