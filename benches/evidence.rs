//! Speed of `altitude evidence` (issue 13): a year of a busy calendar and a
//! repository of 50,000 commits, each read in under a second.
//!
//! * `evidence/calendar year`: reading and expanding a generated .ics with
//!   about 3,000 occurrences in the year (daily standups, weekly one-on-ones,
//!   fortnightly reviews, hundreds of single meetings, exceptions and
//!   overrides), then computing the figures for the whole year.
//! * `evidence/git log parse 50k`: parsing `git log` output of 50,000
//!   commits (captured once from the repository below).
//! * `evidence/git end-to-end 50k, last two weeks`: `altitude evidence` as it
//!   is used, over the last two weeks of a 50,000-commit repository built
//!   with `git fast-import` (about 1,600 commits fall in the window; `git log`
//!   stops a week before the window's start).
//! * `evidence/git end-to-end 50k, two weeks in October`: the same window
//!   length with ten weeks of newer history that git must walk and diff too.
//! * `evidence/git end-to-end 50k, whole year`: the worst case, a window that
//!   holds all 50,000 commits, so git diffs every one of them.
//!
//! The files are generated once into a temp dir, outside the timed part.
//! Run with `cargo bench --bench evidence`.

// Benchmark reports print only their own fixed text and figures.
#![allow(clippy::disallowed_macros)]

use altitude::evidence::{self, Request, calendar, git, ics};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const COMMITS: usize = 50_000;
/// 2026-01-01T00:00:00Z
const YEAR_START: i64 = 1_767_225_600;

fn request(since: &str, until: &str) -> Request {
    Request {
        since: since.into(),
        until: until.into(),
        tz: Some("Europe/Berlin".into()),
        me: vec!["me@example.com".into()],
        ..Request::default()
    }
}

/// A busy year: recurring series with exceptions plus single meetings.
fn busy_calendar() -> String {
    let mut s = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");
    let mut event = |uid: &str, body: &str| {
        let _ = write!(s, "BEGIN:VEVENT\r\nUID:{uid}\r\n{body}END:VEVENT\r\n");
    };
    let people =
        "ORGANIZER:mailto:me@example.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com\r\n";
    // Daily standup on weekdays: about 260.
    event(
        "standup",
        &format!(
            "DTSTART;TZID=Europe/Berlin:20260101T093000\r\nDTEND;TZID=Europe/Berlin:20260101T094500\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nEXDATE;TZID=Europe/Berlin:20260406T093000,20261225T093000\r\n{people}ATTENDEE:mailto:a@example.com\r\nATTENDEE:mailto:b@example.com\r\n"
        ),
    );
    // Ten weekly one-on-ones: about 520, each with a moved and a cancelled one.
    for i in 0..10u32 {
        let hour = 10 + i % 6;
        let day = 5 + i % 5;
        event(
            &format!("one-on-one-{i}"),
            &format!(
                "DTSTART;TZID=Europe/Berlin:202601{day:02}T{hour:02}0000\r\nDTEND;TZID=Europe/Berlin:202601{day:02}T{hour:02}3000\r\nRRULE:FREQ=WEEKLY\r\n{people}ATTENDEE:mailto:p{i}@example.com\r\n"
            ),
        );
        event(
            &format!("one-on-one-{i}"),
            &format!(
                "RECURRENCE-ID;TZID=Europe/Berlin:202603{day:02}T{hour:02}0000\r\nDTSTART;TZID=Europe/Berlin:202603{:02}T{hour:02}0000\r\nDTEND;TZID=Europe/Berlin:202603{:02}T{hour:02}3000\r\n{people}ATTENDEE:mailto:p{i}@example.com\r\n",
                day + 1,
                day + 1
            ),
        );
        event(
            &format!("one-on-one-{i}"),
            &format!(
                "RECURRENCE-ID;TZID=Europe/Berlin:202605{day:02}T{hour:02}0000\r\nDTSTART;TZID=Europe/Berlin:202605{day:02}T{hour:02}0000\r\nSTATUS:CANCELLED\r\n"
            ),
        );
    }
    // Four fortnightly reviews: about 100.
    for i in 0..4u32 {
        event(
            &format!("review-{i}"),
            &format!(
                "DTSTART:2026010{}T1{}0000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;INTERVAL=2\r\n",
                5 + i,
                2 + i
            ),
        );
    }
    // Single meetings: about 2,100 over the year's working days.
    let mut n = 0;
    for day in 0..365i64 {
        for slot in 0..8i64 {
            if (day * 7 + slot * 3) % 5 == 0 {
                continue;
            }
            let start = YEAR_START + day * 86_400 + (8 + slot) * 3600 + (slot % 2) * 1800;
            let at = |t: i64| {
                chrono::DateTime::from_timestamp(t, 0)
                    .map(|d| d.format("%Y%m%dT%H%M%SZ").to_string())
                    .unwrap_or_default()
            };
            event(
                &format!("single-{n}"),
                &format!(
                    "DTSTART:{}\r\nDTEND:{}\r\nSUMMARY:Meeting {n}\r\n{people}ATTENDEE:mailto:x{n}@example.com\r\nATTENDEE:mailto:y@example.com\r\n",
                    at(start),
                    at(start + 2700)
                ),
            );
            n += 1;
        }
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

/// A 50,000-commit repository made with `git fast-import`: commits a few
/// minutes apart across 2026 by five authors, each touching one file in one
/// of twenty top-level directories.
fn big_repo(dir: &Path) {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("run git")
    };
    assert!(
        git(&["init", "-q", "-b", "main"])
            .wait()
            .expect("init")
            .success()
    );
    let mut child = git(&["fast-import", "--quiet"]);
    let mut stream = String::new();
    let step = 365 * 86_400 / COMMITS as i64;
    for i in 0..COMMITS {
        let who = ["me", "ana", "bo", "cy", "di"][i % 5];
        let t = YEAR_START + i as i64 * step;
        let offset = ["+0200", "+0100", "-0500", "+0530", "+0000"][i % 5];
        let message = format!("change {i}");
        let content = format!("{i}\n");
        let _ = write!(
            stream,
            "commit refs/heads/main\nauthor {who} <{who}@example.com> {t} {offset}\ncommitter {who} <{who}@example.com> {t} {offset}\ndata {}\n{message}\nM 644 inline dir{}/file{}.txt\ndata {}\n{content}\n",
            message.len(),
            (i * 7) % 20,
            i % 300,
            content.len()
        );
    }
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(stream.as_bytes()).expect("write stream");
    drop(stdin);
    assert!(child.wait().expect("fast-import").success());
    assert!(
        git(&["checkout", "-q", "main"])
            .wait()
            .expect("checkout")
            .success()
    );
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ics_path = dir.path().join("year.ics");
    std::fs::write(&ics_path, busy_calendar()).expect("write calendar");
    let year = request("2026-01-01", "2026-12-31");
    let window = year.window().expect("window");
    let me = vec!["me@example.com".to_string()];

    let occ = ics::read(&ics_path, &window, &me).expect("calendar reads");
    let in_year = occ
        .counted
        .iter()
        .filter(|o| o.start >= window.start && o.start < window.end)
        .count();
    let figures = calendar::figures(&occ, &window);
    println!(
        "calendar: {in_year} occurrences in 2026, {} one-on-ones, {} moved, {:.1} meeting hours",
        figures.one_on_ones,
        figures.one_on_ones_moved,
        figures.meeting_secs as f64 / 3600.0
    );

    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).expect("mkdir");
    big_repo(&repo);
    let log = Command::new("git")
        .arg("-C")
        .arg(&repo)
        .args([
            "log",
            "--no-merges",
            "--no-renames",
            git::LOG_FORMAT,
            "--date=raw",
            "--name-only",
            "-z",
        ])
        .output()
        .expect("git log")
        .stdout;
    let commits = git::parse_log(&log).expect("parses");
    println!("git: {} commits, {} bytes of log", commits.len(), log.len());

    let mut g = c.benchmark_group("evidence");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    g.bench_function("calendar year", |b| {
        b.iter(|| {
            let occ = ics::read(&ics_path, &window, &me).expect("calendar reads");
            black_box(calendar::figures(&occ, &window))
        })
    });
    g.bench_function("git log parse 50k", |b| {
        b.iter(|| black_box(git::parse_log(black_box(&log)).map(|c| c.len())))
    });
    for (name, since, until) in [
        (
            "git end-to-end 50k, last two weeks",
            "2026-12-14",
            "2026-12-25",
        ),
        (
            "git end-to-end 50k, two weeks in October",
            "2026-10-05",
            "2026-10-16",
        ),
        ("git end-to-end 50k, whole year", "2026-01-01", "2026-12-31"),
    ] {
        let mut req = request(since, until);
        req.repos = vec![repo.clone()];
        let found = evidence::gather(&req).expect("gathers");
        println!(
            "{name}: {:?} commits in the window",
            found.git.map(|g| g.commits_all)
        );
        g.bench_function(name, |b| {
            b.iter(|| {
                let e = evidence::gather(&req).expect("gathers");
                black_box(e.git.map(|g| g.commits_all))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
