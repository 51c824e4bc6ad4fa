//! Scale (issue 4, "Scale, as a benchmark"): a history of 1,000 finished
//! sessions.
//!
//! * `history/load 1000`: reading every session file (`SessionStore::history`)
//!   and building the app, which summarises each session. Target: under 100 ms.
//! * `history/draw 80x24`: drawing the history screen with 1,000 sessions.
//!   Target: under 1 ms.
//!
//! The two halves of the load are also timed alone, to show where it goes.
//! The sessions are written once into a temp dir, outside the timed part.
//!
//! Run with `cargo bench --bench history`.

// Benchmark reports print only their own fixed text and figures.
#![allow(clippy::disallowed_macros)]

use altitude::model::answers::Answer;
use altitude::model::catalog::Library;
use altitude::model::session::{CheckIn, CheckInStatus, Commitment, OtherRating, Session};
use altitude::model::time::Timestamp;
use altitude::model::{Kind, Mode, Profile, Stage, assess};
use altitude::sessions::SessionStore;
use altitude::store::Config;
use altitude::tui::action::Action;
use altitude::tui::app::{App, Screen};
use altitude::tui::view;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::hint::black_box;
use std::time::Duration;

const SESSIONS: usize = 1_000;
const NOW: Timestamp = Timestamp(1_795_289_405);

/// A small deterministic generator (xorshift64*), so every run writes the
/// same history.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const TEXT_ANSWERS: &[&str] = &[
    "Paired with a new hire on the deploy pipeline; mostly listened.",
    "Reviewed the design for the billing migration and asked about rollbacks.",
    "Nothing hands-on this week: hiring loop and planning took it all.",
    "Traced a slow request end to end with the on-call engineer.",
    "Wrote a small script to clean up stale feature flags, \"just this once\".",
];

const NOTES: &[&str] = &[
    "Coach: ask what the team would lose if you stopped reviewing every PR.",
    "Talked about the estimate that slipped; the team saw it coming.",
    "Agreed to try a fortnight without taking tickets.",
];

/// One realistic finished session, `n` sessions into the history. It checks
/// in on `previous` (the last commitments) and picks from its own suggestions.
fn session(library: &Library, rng: &mut Rng, n: usize, previous: &[Commitment]) -> Session {
    // One session every other day or so, oldest first.
    let started =
        Timestamp(NOW.0 - (SESSIONS - n) as u64 * 2 * 86_400 + rng.below(8 * 3_600) + 8 * 3_600);
    let mode = match rng.below(20) {
        0..=12 => Mode::Solo,
        13..=18 => Mode::Coaching,
        _ => Mode::Onboarding,
    };
    let set_id = match mode {
        Mode::Onboarding => "onboarding",
        _ if rng.chance(55) => "quick",
        _ => "core",
    };
    let set = library.set(set_id).expect("a built-in set");
    let mut s = Session::new(set_id, mode, started);
    let hands_on = rng.chance(40);
    s.profile = Some(Profile {
        reports: 2 + rng.below(14) as u16,
        coding_share: if hands_on {
            30 + rng.below(50) as u8
        } else {
            rng.below(25) as u8
        },
        critical_path: hands_on && rng.chance(60),
        stage: *rng.pick(&Stage::ALL),
    });
    // A leaning for this session, so scores spread out rather than all sit in the middle.
    let lean = rng.below(5) as u8;
    for item in &set.items {
        let answer = match item.kind {
            Kind::Text if rng.chance(50) => Some(Answer::Text(rng.pick(TEXT_ANSWERS).to_string())),
            Kind::Text => None,
            _ if rng.chance(4) => None,
            _ if rng.chance(5) => Some(Answer::NotApplicable),
            _ => {
                let len = item.scale_len();
                let v = (lean + rng.below(3) as u8).clamp(1, len);
                Some(Answer::Value(v))
            }
        };
        if let Some(a) = answer {
            s.answers.insert(item.id.clone(), a);
        }
    }
    if mode == Mode::Coaching {
        for item in &set.items {
            if rng.chance(15) {
                s.notes.insert(item.id.clone(), rng.pick(NOTES).to_string());
            }
        }
        if rng.chance(30)
            && let Some(perception) = library.set("perception")
        {
            let answers = perception
                .items
                .iter()
                .filter(|i| i.kind != Kind::Text)
                .map(|i| {
                    let v = (1 + rng.below(u64::from(i.scale_len()))) as u8;
                    (i.id.clone(), Answer::Value(v))
                })
                .collect();
            s.other = Some(OtherRating {
                set: "perception".into(),
                answers,
                position: perception.items.len(),
            });
        }
    }
    const STATUSES: [CheckInStatus; 4] = [
        CheckInStatus::Done,
        CheckInStatus::Partly,
        CheckInStatus::NotDone,
        CheckInStatus::Skipped,
    ];
    s.checkins = previous
        .iter()
        .map(|c| CheckIn {
            practice: c.practice.clone(),
            title: c.title.clone(),
            status: *rng.pick(&STATUSES),
            note: None,
        })
        .collect();
    let suggestions = assess(library, set, &s.sheet()).suggestions;
    let wanted = rng.below(4) as usize;
    s.commitments = suggestions
        .iter()
        .filter(|_| rng.chance(70))
        .take(wanted)
        .map(|sg| Commitment {
            practice: sg.id.clone(),
            title: sg.title.clone(),
            due: None,
        })
        .collect();
    s.position = set.items.len();
    s.finished = Some(Timestamp(started.0 + 600 + rng.below(2_400)));
    s
}

/// Writes the history into `dir`; returns how many bytes the files take.
fn write_history(library: &Library, store: &mut SessionStore) -> u64 {
    let mut rng = Rng(0x5eed_a1b2_c3d4_e5f6);
    let mut last: Vec<Commitment> = Vec::new();
    let mut bytes = 0;
    for n in 0..SESSIONS {
        let mut s = session(library, &mut rng, n, &last);
        if !s.commitments.is_empty() {
            last = s.commitments.clone();
        }
        let path = store.save_finished(&mut s).expect("save a session");
        bytes += std::fs::metadata(path).map_or(0, |m| m.len());
    }
    bytes
}

fn load(library: &Library, store: &SessionStore) -> App {
    let history = store.history();
    App::new(library.clone(), Config::default(), history, None, NOW)
}

fn history_benches(c: &mut Criterion) {
    let library = Library::builtin().expect("the built-in library loads");
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = SessionStore::new(dir.path());
    let bytes = write_history(&library, &mut store);
    let history = store.history();
    assert_eq!(history.sessions.len(), SESSIONS, "{:?}", history.problems);
    assert!(history.problems.is_empty(), "{:?}", history.problems);
    eprintln!(
        "history: {SESSIONS} sessions, {} KiB of session files in {}",
        bytes / 1024,
        store.finished_dir().display()
    );

    let mut group = c.benchmark_group("history");
    group.sample_size(20);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("load 1000 (read + App::new)", |b| {
        b.iter(|| black_box(load(&library, &store)))
    });
    group.bench_function("load 1000: read only (SessionStore::history)", |b| {
        b.iter(|| black_box(store.history()))
    });
    group.bench_function("load 1000: App::new only (summaries)", |b| {
        b.iter_batched(
            || (library.clone(), history.clone()),
            |(library, history)| App::new(library, Config::default(), history, None, NOW),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();

    let mut app = load(&library, &store);
    app.update(Action::OpenHistory);
    assert!(
        matches!(app.screen, Screen::History { .. }),
        "expected the history screen, got {:?}",
        app.screen
    );
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    let mut group = c.benchmark_group("history");
    group.sample_size(50);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    group.bench_function("draw 80x24", |b| {
        b.iter(|| {
            buf.reset();
            view::render(&app, area, &mut buf);
            black_box(&buf);
        })
    });
    let mut up = false;
    group.bench_function("key ↑/↓ + draw 80x24", |b| {
        b.iter(|| {
            up = !up;
            app.update(if up { Action::Up } else { Action::Down });
            buf.reset();
            view::render(&app, area, &mut buf);
            black_box(&buf);
        })
    });
    group.finish();
}

criterion_group!(benches, history_benches);
criterion_main!(benches);
