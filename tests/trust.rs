//! Trust (SPEC §9), in-process: no session is ever lost or replaced, ids from
//! files can never point outside the data dir, and history keeps what each
//! session showed. The binary-level attacks are in `trust_cli.rs`.

mod common;

use altitude::model::Mode;
use altitude::model::catalog::Library;
use altitude::model::session::Session;
use altitude::model::time::{Clock, Timestamp};
use altitude::sessions::SessionStore;
use altitude::store::Config;
use altitude::tui::app::{App, Screen};
use altitude::tui::keys::Action;
use altitude::tui::run::perform_for;
use common::Sandbox;
use std::fs;
use std::path::Path;

const NOW: Timestamp = Timestamp(1_795_289_405);

fn app_on(store: &SessionStore, clock: Clock) -> App {
    App::new(
        Library::builtin().unwrap(),
        Config::default(),
        store.history(),
        None,
        clock,
    )
}

/// Runs one action as the run loop would, performing its effect.
fn act(app: &mut App, store: &mut SessionStore, action: Action) {
    if let Some(effect) = app.update(action) {
        perform_for(app, store, effect);
    }
}

/// A whole `quick` session through the app: profile, every question, one
/// commitment, saved. The clock moves on by `minutes` before the end.
fn run_quick_session(app: &mut App, store: &mut SessionStore, answer: u8, minutes: u64) {
    let effect = app.start("quick", Mode::Solo).expect("an autosave");
    perform_for(app, store, effect);
    while let Screen::CheckIn { .. } = app.screen {
        act(
            app,
            store,
            Action::CheckIn(altitude::model::session::CheckInStatus::Done),
        );
    }
    // Last time's profile is pre-filled: clear it first.
    for a in [
        Action::Backspace,
        Action::Backspace,
        Action::Digit(4),
        Action::Enter,
        Action::Backspace,
        Action::Backspace,
        Action::Backspace,
        Action::Digit(1),
        Action::Digit(0),
        Action::Enter,
        Action::No,
        Action::Stage(1),
    ] {
        act(app, store, a);
    }
    // A choice item may have fewer options than `answer`: take its last.
    while let Screen::Question { points, .. } = app.screen {
        act(app, store, Action::Answer(answer.min(points)));
    }
    assert!(
        matches!(app.screen, Screen::Results { .. }),
        "{:?}",
        app.screen
    );
    act(app, store, Action::Enter);
    act(app, store, Action::Toggle);
    if let Clock::Fixed(t) = app.clock {
        app.clock = Clock::Fixed(Timestamp(t.0 + minutes * 60));
    }
    act(app, store, Action::Enter);
    assert!(
        matches!(app.screen, Screen::Saved { .. }),
        "{:?}",
        app.status
    );
    act(app, store, Action::Enter);
    assert_eq!(app.screen, Screen::Home { cursor: 0 });
}

fn session_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn two_sessions_of_one_set_in_one_run_are_both_kept() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    // A fixed clock: both sessions start in the same second.
    let mut app = app_on(&store, Clock::Fixed(NOW));
    run_quick_session(&mut app, &mut store, 2, 12);
    app.clock = Clock::Fixed(NOW);
    run_quick_session(&mut app, &mut store, 4, 9);

    let history = store.history();
    assert_eq!(history.sessions.len(), 2, "{:?}", history.problems);
    let [first, second] = [&history.sessions[0], &history.sessions[1]];
    assert_ne!(first.id, second.id);
    assert!(
        first
            .answers
            .values()
            .all(|a| *a == altitude::model::Answer::Value(2))
    );
    assert!(
        second
            .answers
            .values()
            .all(|a| *a == altitude::model::Answer::Value(4))
    );
    // The second checked in on the first's commitment.
    assert_eq!(second.checkins.len(), 1, "no check-in on the first session");
    assert_eq!(first.finished, Some(Timestamp(NOW.0 + 12 * 60)));
    assert_eq!(second.finished, Some(Timestamp(NOW.0 + 9 * 60)));
    assert_eq!(first.started, NOW);
    assert!(session_files(&store.unfinished_dir()).is_empty());
}

#[test]
fn a_session_starts_at_the_time_it_starts_not_when_the_app_did() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    let mut app = app_on(&store, Clock::Fixed(NOW));
    app.clock = Clock::Fixed(Timestamp(NOW.0 + 3600));
    let effect = app.start("quick", Mode::Solo).unwrap();
    perform_for(&mut app, &mut store, effect);
    let session = &app.active.as_ref().unwrap().session;
    assert_eq!(session.started, Timestamp(NOW.0 + 3600));
    assert!(
        session.id.starts_with("20261121-203005-quick"),
        "{}",
        session.id
    );
}

#[test]
fn two_stores_starting_the_same_session_in_the_same_second_get_their_own_files() {
    let sandbox = Sandbox::new();
    let mut one = SessionStore::new(&sandbox.data());
    let mut two = SessionStore::new(&sandbox.data());
    let mut a = Session::new("quick", Mode::Solo, NOW);
    let mut b = Session::new("quick", Mode::Solo, NOW);
    one.save_progress(&mut a).unwrap();
    two.save_progress(&mut b).unwrap();
    assert_ne!(a.id, b.id);
    a.answers
        .insert("after-hours".into(), altitude::model::Answer::Value(1));
    b.answers
        .insert("after-hours".into(), altitude::model::Answer::Value(5));
    one.save_progress(&mut a).unwrap();
    two.save_progress(&mut b).unwrap();
    a.finished = Some(NOW);
    b.finished = Some(NOW);
    one.save_finished(&mut a).unwrap();
    two.save_finished(&mut b).unwrap();
    let history = SessionStore::new(&sandbox.data()).history();
    let answers: Vec<_> = history
        .sessions
        .iter()
        .map(|s| s.answers["after-hours"].clone())
        .collect();
    assert_eq!(answers.len(), 2);
    assert!(answers.contains(&altitude::model::Answer::Value(1)));
    assert!(answers.contains(&altitude::model::Answer::Value(5)));
}

#[test]
fn an_unfinished_session_held_by_one_process_is_taken_for_another() {
    let sandbox = Sandbox::new();
    let mut writer = SessionStore::new(&sandbox.data());
    let mut s = Session::new("quick", Mode::Solo, NOW);
    writer.save_progress(&mut s).unwrap();
    drop(writer); // the process that wrote it has gone
    let mut first = SessionStore::new(&sandbox.data());
    let (mine, taken, _) = first.unfinished();
    assert_eq!(mine.map(|m| m.id), Some(s.id.clone()));
    assert!(taken.is_empty());
    let mut second = SessionStore::new(&sandbox.data());
    let (mine, taken, _) = second.unfinished();
    assert!(mine.is_none(), "two processes both resumed one session");
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].id, s.id);
    // Once the first lets go (it quits), the session is free again.
    drop(first);
    let (mine, _, _) = SessionStore::new(&sandbox.data()).unfinished();
    assert_eq!(mine.map(|m| m.id), Some(s.id));
}

#[test]
fn finishing_a_resumed_session_never_replaces_a_newer_or_unreadable_file() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    let mut s = Session::new("quick", Mode::Solo, NOW);
    store.save_progress(&mut s).unwrap();
    drop(store);
    for (name, text) in [
        ("newer", format!("schema = 99\nid = \"{}\"\n", s.id)),
        ("garbage", "this is not [toml".to_string()),
    ] {
        let finished = sandbox
            .data()
            .join("sessions")
            .join(format!("{}.toml", s.id));
        fs::create_dir_all(finished.parent().unwrap()).unwrap();
        fs::write(&finished, &text).unwrap();
        let mut store = SessionStore::new(&sandbox.data());
        let (resumed, _, problems) = store.unfinished();
        let mut resumed = resumed.expect("the autosave is offered");
        assert!(problems.is_empty());
        resumed.finished = Some(NOW);
        let path = store.save_finished(&mut resumed).unwrap();
        assert_ne!(path, finished, "{name}: saved over the other file");
        assert_eq!(
            fs::read_to_string(&finished).unwrap(),
            text,
            "{name} changed"
        );
        assert!(
            SessionStore::new(&sandbox.data())
                .history()
                .problems
                .iter()
                .any(|p| p.path == finished)
        );
        // Start the next round from a fresh autosave of the same id.
        fs::remove_file(&path).unwrap();
        fs::remove_file(&finished).unwrap();
        let mut again = SessionStore::new(&sandbox.data());
        let mut copy = s.clone();
        again.save_progress(&mut copy).unwrap();
        assert_eq!(copy.id, s.id);
    }
}

#[test]
fn an_id_that_climbs_out_of_the_data_dir_is_refused_and_nothing_outside_is_touched() {
    let sandbox = Sandbox::new();
    let outside = sandbox.dir.path().join("precious.toml");
    fs::write(&outside, "keep me").unwrap();
    let unfinished = sandbox.data().join("unfinished");
    fs::create_dir_all(&unfinished).unwrap();
    let mut evil = Session::new("quick", Mode::Solo, NOW);
    evil.id = "../../precious".into();
    let text = altitude::sessions::to_toml(&evil);
    fs::write(unfinished.join("evil.toml"), &text).unwrap();
    let mut matching = evil.clone();
    matching.id = "someone-else".into();
    fs::write(
        unfinished.join("mine.toml"),
        altitude::sessions::to_toml(&matching),
    )
    .unwrap();

    let mut store = SessionStore::new(&sandbox.data());
    let (resumed, _, problems) = store.unfinished();
    assert!(
        resumed.is_none(),
        "a hostile session was offered: {resumed:?}"
    );
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("evil.toml") && m.contains("not a valid id")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("mine.toml") && m.contains("does not match the file name")),
        "{messages:?}"
    );
    assert_eq!(fs::read_to_string(&outside).unwrap(), "keep me");
    assert_eq!(
        fs::read_to_string(unfinished.join("evil.toml")).unwrap(),
        text
    );
}

#[test]
fn a_fifo_or_a_device_among_the_sessions_is_skipped_not_waited_on() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    let mut s = Session::new("quick", Mode::Solo, NOW);
    s.finished = Some(NOW);
    store.save_finished(&mut s).unwrap();
    let dir = store.finished_dir();
    let fifo = dir.join("fifo.toml");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.toml")).unwrap();
    let history = store.history();
    assert_eq!(history.sessions.len(), 1);
    let messages: Vec<String> = history.problems.iter().map(ToString::to_string).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("fifo.toml") && m.contains("a FIFO")),
        "{messages:?}"
    );
    // In the data dir a link is refused before its target is looked at.
    assert!(
        messages
            .iter()
            .any(|m| m.contains("zero.toml") && m.contains("a symbolic link")),
        "{messages:?}"
    );
}

#[test]
fn history_shows_what_a_session_showed_even_after_its_set_changes() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    let mut app = app_on(&store, Clock::Fixed(NOW));
    run_quick_session(&mut app, &mut store, 5, 10);
    let saved = store.history().sessions.remove(0);
    let record = saved
        .record
        .clone()
        .expect("a finished session keeps its result");
    let before = altitude::model::session::summarize(&app.library, &saved);

    // Today's `quick` set reverses every item: scores computed from it now
    // would all flip. The summary must not.
    let mut library = Library::builtin().unwrap();
    let quick = library.sets.iter_mut().find(|s| s.id == "quick").unwrap();
    for item in &mut quick.items {
        item.reverse = !item.reverse;
    }
    quick.fingerprint = "changed".into();
    let after = altitude::model::session::summarize(&library, &saved);
    assert_eq!(after.scores, before.scores);
    assert_eq!(
        after.pattern,
        record.pattern.as_ref().map(|p| p.title.clone())
    );
    let report = altitude::report::markdown::render_session(&library, &saved, &[]);
    assert!(
        report.contains("has changed since this session"),
        "{report}"
    );
    for s in &record.suggestions {
        assert!(
            report.contains(&altitude::output::markdown(&s.title)),
            "{report}"
        );
    }
}

#[test]
fn a_stale_lock_or_temp_file_from_a_crash_never_blocks_a_new_session() {
    let sandbox = Sandbox::new();
    let unfinished = sandbox.data().join("unfinished");
    fs::create_dir_all(&unfinished).unwrap();
    let s = Session::new("quick", Mode::Solo, NOW);
    fs::write(unfinished.join(format!("{}.lock", s.id)), "").unwrap();
    fs::write(unfinished.join(format!(".{}.toml.123.tmp", s.id)), "half").unwrap();
    let mut store = SessionStore::new(&sandbox.data());
    let mut s2 = s.clone();
    store.save_progress(&mut s2).unwrap();
    assert_eq!(s2.id, format!("{}-2", s.id));
}

/// A record saved before suggestions were marked `removes_work`, flags had
/// `covers` and patterns a headline still loads, and shows what it showed.
#[test]
fn a_record_from_before_the_second_edition_still_loads() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    let mut app = app_on(&store, Clock::Fixed(NOW));
    run_quick_session(&mut app, &mut store, 5, 10);
    let dir = store.finished_dir();
    let path = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "toml"))
        .expect("a saved session");
    let text = fs::read_to_string(&path).unwrap();
    let older: String = text
        .lines()
        .filter(|l| {
            !l.starts_with("removes_work") && !l.starts_with("covers") && !l.starts_with("headline")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(older, text, "the new fields were saved");
    fs::write(&path, older).unwrap();
    let history = store.history();
    assert!(history.problems.is_empty(), "{:?}", history.problems);
    let record = history.sessions[0].record.clone().expect("a record");
    assert!(record.pattern.is_some_and(|p| p.headline.is_none()));
    assert!(record.suggestions.iter().all(|s| !s.removes_work));
}

#[test]
fn since_last_time_compares_with_what_the_last_session_showed() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    let mut app = app_on(&store, Clock::Fixed(NOW));
    run_quick_session(&mut app, &mut store, 4, 10);
    let first = store.history().sessions.remove(0);
    let recorded = first.record.clone().expect("a record");
    // The set changes: every item flips its keying. A new run of the app.
    let mut library = Library::builtin().unwrap();
    let quick = library.sets.iter_mut().find(|s| s.id == "quick").unwrap();
    for item in &mut quick.items {
        item.reverse = !item.reverse;
    }
    quick.fingerprint = "changed".into();
    let mut app = App::new(
        library,
        Config::default(),
        store.history(),
        None,
        Clock::Fixed(Timestamp(NOW.0 + 86_400)),
    );
    let effect = app.start("quick", Mode::Solo).unwrap();
    perform_for(&mut app, &mut store, effect);
    while let Screen::CheckIn { .. } = app.screen {
        act(
            &mut app,
            &mut store,
            Action::CheckIn(altitude::model::session::CheckInStatus::Done),
        );
    }
    for a in [
        Action::Enter,
        Action::Enter,
        Action::Enter,
        Action::Stage(1),
    ] {
        act(&mut app, &mut store, a);
    }
    while let Screen::Question { points, .. } = app.screen {
        act(&mut app, &mut store, Action::Answer(4.min(points)));
    }
    let previous = app
        .active
        .as_ref()
        .unwrap()
        .previous_assessment
        .as_ref()
        .unwrap();
    for d in altitude::model::Dimension::ALL {
        assert_eq!(previous.scores.value(d), recorded.value(d), "{d}");
    }
}

#[test]
fn symlinks_inside_the_data_dir_never_lead_outside_it() {
    let sandbox = Sandbox::new();
    let outside = sandbox.dir.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    let unfinished = sandbox.data().join("unfinished");
    fs::create_dir_all(&unfinished).unwrap();
    // A valid autosave whose lock file is a link to a file outside.
    let s = Session::new("quick", Mode::Solo, NOW);
    fs::write(
        unfinished.join(format!("{}.toml", s.id)),
        altitude::sessions::to_toml(&s),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.join("made"),
        unfinished.join(format!("{}.lock", s.id)),
    )
    .unwrap();
    let mut store = SessionStore::new(&sandbox.data());
    let _ = store.unfinished();
    assert!(!outside.join("made").exists(), "followed the lock link");

    // A finished session that is a link to a file outside is not read.
    let mut real = Session::new("quick", Mode::Solo, Timestamp(NOW.0 - 86_400));
    real.finished = Some(NOW);
    let target = outside.join("elsewhere.toml");
    fs::write(&target, altitude::sessions::to_toml(&real)).unwrap();
    let sessions = sandbox.data().join("sessions");
    fs::create_dir_all(&sessions).unwrap();
    std::os::unix::fs::symlink(&target, sessions.join(format!("{}.toml", real.id))).unwrap();
    let history = store.history();
    assert!(history.sessions.is_empty());
    assert!(history.problems[0].to_string().contains("a symbolic link"));

    // exports/ as a link: nothing is written through it.
    std::os::unix::fs::symlink(&outside, sandbox.data().join("exports")).unwrap();
    let e = store
        .write_export("report", "md", "text")
        .unwrap_err()
        .to_string();
    assert!(e.contains("is a symbolic link"), "{e}");
    assert_eq!(
        fs::read_dir(&outside).unwrap().count(),
        1,
        "only the target file"
    );
}

#[test]
fn a_crash_between_saving_and_cleaning_up_never_offers_a_finished_session_again() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    let mut s = Session::new("quick", Mode::Solo, NOW);
    store.save_progress(&mut s).unwrap();
    let autosave = fs::read(sandbox.data().join(format!("unfinished/{}.toml", s.id))).unwrap();
    s.finished = Some(NOW);
    store.save_finished(&mut s).unwrap();
    drop(store);
    // Put the autosave back, as if the process died before removing it.
    fs::write(
        sandbox.data().join(format!("unfinished/{}.toml", s.id)),
        autosave,
    )
    .unwrap();
    let (offered, _, problems) = SessionStore::new(&sandbox.data()).unfinished();
    assert!(offered.is_none(), "a finished session was offered again");
    assert!(problems.is_empty());
    assert_eq!(
        SessionStore::new(&sandbox.data()).history().sessions.len(),
        1
    );
}

#[test]
fn impossible_times_and_scores_in_a_session_file_are_reported_not_crashed_on() {
    let sandbox = Sandbox::new();
    let dir = sandbox.data().join("sessions");
    fs::create_dir_all(&dir).unwrap();
    let mut s = Session::new("quick", Mode::Coaching, NOW);
    s.finished = Some(Timestamp(u64::MAX));
    fs::write(
        dir.join(format!("{}.toml", s.id)),
        altitude::sessions::to_toml(&s),
    )
    .unwrap();
    let mut unfinished_in_finished = Session::new("core", Mode::Solo, NOW);
    unfinished_in_finished.id = "20261121-193005-core".into();
    fs::write(
        dir.join("20261121-193005-core.toml"),
        altitude::sessions::to_toml(&unfinished_in_finished),
    )
    .unwrap();
    let history = SessionStore::new(&sandbox.data()).history();
    assert!(history.sessions.is_empty());
    let messages: Vec<String> = history.problems.iter().map(ToString::to_string).collect();
    assert!(
        messages.iter().any(|m| m.contains("past the year 9999")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("no finish time")),
        "{messages:?}"
    );
}

/// "Discard it and start new" removes only the autosave this window holds,
/// and the new session gets its own file; a session another window holds is
/// never offered, so it cannot be discarded from here.
#[test]
fn discarding_an_unfinished_session_removes_only_its_own_autosave() {
    let sandbox = Sandbox::new();
    let mut writer = SessionStore::new(&sandbox.data());
    let mut old = Session::new("quick", Mode::Solo, NOW);
    writer.save_progress(&mut old).unwrap();
    drop(writer);
    let old_file = sandbox.data().join(format!("unfinished/{}.toml", old.id));

    // Another window holds it: this one is not offered it.
    let mut other_window = SessionStore::new(&sandbox.data());
    let (held, _, _) = other_window.unfinished();
    assert_eq!(held.map(|s| s.id), Some(old.id.clone()));
    let mut store = SessionStore::new(&sandbox.data());
    let (offered, taken, _) = store.unfinished();
    assert!(offered.is_none());
    assert_eq!(taken.len(), 1);
    drop(other_window);

    // Now free: offered, then discarded for a new session.
    let mut store = SessionStore::new(&sandbox.data());
    let (offered, _, _) = store.unfinished();
    let mut app = App::new(
        Library::builtin().unwrap(),
        Config::default(),
        store.history(),
        offered,
        Clock::Fixed(Timestamp(NOW.0 + 60)),
    );
    act(&mut app, &mut store, Action::NewSession);
    act(&mut app, &mut store, Action::Discard);
    assert!(!old_file.exists(), "the discarded autosave is still there");
    assert!(
        session_files(&sandbox.data().join("unfinished")).is_empty(),
        "the autosave and its lock are both gone"
    );
    assert!(app.unfinished.is_none());
}
