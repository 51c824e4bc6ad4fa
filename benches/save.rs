//! The autosave's place on the key path (issue 8, "Saving off the key path").
//!
//! * `answer key/draw, then save`: what the user waits for now: the answer's
//!   `App::update` and the redraw at 80×24. The autosave (temp file, fsync,
//!   rename, directory fsync) runs after the frame is on screen.
//! * `answer key/save, then draw`: the old order, with the autosave between
//!   the key and the redraw, on the same disk.
//! * `answer key/save alone`: the autosave on its own.
//!
//! Run with `cargo bench --bench save`. The data dir is a temp dir on the
//! same disk as the system's temp dir.

use altitude::model::Mode;
use altitude::model::catalog::Library;
use altitude::model::time::Timestamp;
use altitude::sessions::{History, SessionStore};
use altitude::store::Config;
use altitude::tui::app::{App, Screen};
use altitude::tui::keys::Action;
use altitude::tui::run::perform_for;
use altitude::tui::view;
use criterion::Criterion;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::hint::black_box;
use std::time::Duration;

const SMALL: Rect = Rect::new(0, 0, 80, 24);

/// An app on the first question of `core`, with its store.
fn on_a_question() -> (App, SessionStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = SessionStore::new(dir.path());
    let mut app = App::new(
        Library::builtin().expect("the built-in library"),
        Config::default(),
        History::default(),
        None,
        Timestamp(1_795_289_405),
    );
    let effect = app.start("core", Mode::Solo).expect("an autosave");
    perform_for(&mut app, &mut store, effect);
    for a in [
        Action::Digit(6),
        Action::Enter,
        Action::Digit(2),
        Action::Digit(0),
        Action::Enter,
        Action::No,
        Action::Stage(2),
    ] {
        app.update(a);
    }
    assert!(matches!(app.screen, Screen::Question { .. }));
    (app, store, dir)
}

fn draw(app: &App, buf: &mut Buffer) {
    view::render(app, SMALL, buf);
    altitude::output::sanitize_buffer(buf);
    black_box(&*buf);
}

fn save_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("answer key");
    group.sample_size(60);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(4));
    let mut buf = Buffer::empty(SMALL);

    let (mut app, mut store, _dir) = on_a_question();
    group.bench_function("draw, then save", |b| {
        b.iter_custom(|iters| {
            let mut waited = Duration::ZERO;
            for _ in 0..iters {
                let start = std::time::Instant::now();
                let effect = app.update(Action::Answer(4));
                draw(&app, &mut buf);
                waited += start.elapsed();
                if let Some(effect) = effect {
                    perform_for(&mut app, &mut store, effect);
                }
                app.update(Action::Previous);
            }
            waited
        })
    });

    let (mut app, mut store, _dir) = on_a_question();
    group.bench_function("save, then draw", |b| {
        b.iter_custom(|iters| {
            let mut waited = Duration::ZERO;
            for _ in 0..iters {
                let start = std::time::Instant::now();
                if let Some(effect) = app.update(Action::Answer(4)) {
                    perform_for(&mut app, &mut store, effect);
                }
                draw(&app, &mut buf);
                waited += start.elapsed();
                app.update(Action::Previous);
            }
            waited
        })
    });

    let (mut app, mut store, _dir) = on_a_question();
    group.bench_function("save alone", |b| {
        b.iter(|| {
            let effect = app.save_progress().expect("a session");
            perform_for(&mut app, &mut store, effect)
        })
    });
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    save_benches(&mut c);
    c.final_summary();
}
