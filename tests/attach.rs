//! Attaching a folder of raters' files to a session from its results, in
//! the TUI: read as `score --others` reads them, shown per perspective with
//! the anonymity rule, kept with the session (beside the finished file,
//! which is never rewritten), and found again after a restart and in every
//! export. The app is driven by actions; its effects are performed by the
//! real run loop against a real data dir.

mod common;

use altitude::model::catalog::Library;
use altitude::model::time::Timestamp;
use altitude::model::{Kind, Mode};
use altitude::sessions::{History, SessionStore};
use altitude::store::{Config, Paths};
use altitude::tui::action::{Action, Effect};
use altitude::tui::app::{App, Overlay, Screen};
use altitude::tui::run::{load_app, perform_for};
use altitude::tui::theme::Theme;
use altitude::tui::view;
use common::Sandbox;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};

const NOW: Timestamp = Timestamp(1_795_289_405);

fn library() -> Library {
    Library::builtin().unwrap()
}

/// A rater's file: every scored item of `set` answered `value`, the first
/// `low` of them answered 1 instead, and a comment.
fn rater_file(dir: &Path, name: &str, set: &str, rater: &str, value: u8, low: usize) {
    let lib = library();
    let mut text = format!("set = \"{set}\"\nrater = \"{rater}\"\n[answers]\n");
    let set = lib.set(set).unwrap();
    for (i, item) in set.items.iter().enumerate() {
        if item.kind == Kind::Text {
            text.push_str(&format!("{} = \"comment from {name}\"\n", item.id));
        } else {
            let v = if i < low { 1 } else { value };
            text.push_str(&format!("{} = {v}\n", item.id));
        }
    }
    std::fs::write(dir.join(name), text).unwrap();
}

/// Answers the profile and every question of `quick`: the results show.
fn finish_questions(app: &mut App) {
    app.start("quick", Mode::Solo);
    for a in [
        Action::Digit(7),
        Action::Enter,
        Action::Digit(3),
        Action::Digit(0),
        Action::Enter,
        Action::Yes,
        Action::Stage(2),
    ] {
        app.update(a);
    }
    let mut i = 0;
    while let Screen::Question { points, .. } = app.screen {
        app.update(Action::Answer([5, 4, 2, 5, 1, 2, 4, 1][i % 8].min(points)));
        i += 1;
    }
    assert!(
        matches!(app.screen, Screen::Results { .. }),
        "{:?}",
        app.screen
    );
}

/// `a`, the path typed, Enter; the effects performed by the run loop.
fn attach(app: &mut App, store: &mut SessionStore, path: &Path) {
    assert_eq!(app.update(Action::AttachRaters), None);
    assert_eq!(app.overlay, Some(Overlay::RatersPath));
    for c in path.display().to_string().chars() {
        app.update(Action::Edit(KeyCode::Char(c).into()));
    }
    let effect = app.update(Action::Enter).expect("Enter reads the files");
    assert!(matches!(effect, Effect::ReadRaters(_)), "{effect:?}");
    perform_for(app, store, effect);
}

/// A sandbox, its paths, and an empty folder for the raters' returned files.
fn with_returned_folder() -> (Sandbox, Paths, std::path::PathBuf) {
    let sandbox = Sandbox::new();
    let paths = Paths {
        data_dir: sandbox.data(),
        config_dir: sandbox.config(),
    };
    let raters = sandbox.dir.path().join("returned");
    std::fs::create_dir(&raters).unwrap();
    (sandbox, paths, raters)
}

/// Everything the results show, on a screen tall enough for all of it.
fn whole_screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 400)).unwrap();
    terminal
        .draw(|f| view::render(app, f.area(), f.buffer_mut()))
        .unwrap();
    terminal.backend().to_string()
}

fn fixed_app() -> App {
    let mut app = App::new(library(), Config::default(), History::default(), None, NOW);
    app.theme = Theme::mono();
    app
}

#[test]
fn two_reports_show_their_count_only_and_one_reports_answers_change_nothing_else() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    let raters = sandbox.dir.path().join("returned");
    std::fs::create_dir(&raters).unwrap();
    rater_file(&raters, "a.toml", "perception", "report", 4, 0);
    rater_file(&raters, "b.toml", "perception", "report", 2, 0);
    rater_file(&raters, "c.toml", "coach", "coach", 3, 0);
    let mut app = fixed_app();
    finish_questions(&mut app);
    attach(&mut app, &mut store, &raters);
    let before = whole_screen(&app);
    assert!(
        before.contains("Your reports: 2 raters (shown from 3)"),
        "{before}"
    );
    assert!(
        before.contains("Not shown: fewer than 3 answered"),
        "{before}"
    );
    assert!(
        before.contains("Your coach: 1 rater (shown from 1)"),
        "{before}"
    );
    assert!(!before.contains("comment from a.toml"), "{before}");
    assert!(!before.contains("comment from b.toml"), "{before}");
    assert!(before.contains("comment from c.toml"), "{before}");

    // One report's answers change; nothing on screen does.
    rater_file(&raters, "b.toml", "perception", "report", 5, 3);
    attach(&mut app, &mut store, &raters);
    assert_eq!(app.overlay, Some(Overlay::ConfirmReplaceRaters));
    perform_or_none(&mut app, &mut store, Action::Yes);
    assert_eq!(app.overlay, None);
    let after = whole_screen(&app);
    assert_eq!(strip_status(&before), strip_status(&after));

    // A third report: the group shows, with figures.
    rater_file(&raters, "d.toml", "perception", "report", 4, 0);
    attach(&mut app, &mut store, &raters);
    perform_or_none(&mut app, &mut store, Action::Yes);
    let shown = whole_screen(&app);
    assert!(
        shown.contains("Your reports: 3 raters (shown from 3)"),
        "{shown}"
    );
    assert!(shown.contains("you minus them:"), "{shown}");
    assert!(shown.contains("comment from b.toml"), "{shown}");
}

/// The status line says what just happened; the rest must be identical.
fn strip_status(screen: &str) -> String {
    screen
        .lines()
        .filter(|l| !l.contains("Attached ") && !l.contains("perspectives follow"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn perform_or_none(app: &mut App, store: &mut SessionStore, action: Action) {
    if let Some(effect) = app.update(action) {
        perform_for(app, store, effect);
    }
}

#[test]
fn bad_files_are_named_with_their_line_and_the_good_ones_still_count() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    let raters = sandbox.dir.path().join("returned");
    std::fs::create_dir(&raters).unwrap();
    rater_file(&raters, "coach.toml", "coach", "coach", 4, 0);
    std::fs::write(
        raters.join("broken.toml"),
        "set = \"perception\"\nrater = \"peer\"\n[answers]\ntooling-told-as-summaries = 9\n",
    )
    .unwrap();
    std::fs::write(raters.join("self.toml"), "set = \"quick\"\n").unwrap();
    let before: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&raters)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    let mut app = fixed_app();
    finish_questions(&mut app);
    attach(&mut app, &mut store, &raters);
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("Attached 1 rater's answers"), "{status}");
    assert!(status.contains("2 files were skipped"), "{status}");
    let screen = whole_screen(&app);
    assert!(screen.contains("Your coach: 1 rater"), "{screen}");
    assert!(screen.contains("Raters' files not used"), "{screen}");
    assert!(screen.contains("broken.toml:4:29: item"), "{screen}");
    let problems = &app.attach_problems.as_ref().unwrap().problems;
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems.iter().any(|p| p.contains("self.toml")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.ends_with(
            "item \"tooling-told-as-summaries\": value 9 is out of range; expected a whole number from 1 to 5 or \"na\""
        )),
        "{problems:?}"
    );
    // The session keeps the attachment; its autosave carries it.
    let session = &app.active.as_ref().unwrap().session;
    assert_eq!(session.others.as_ref().map(|o| o.files), Some(1));
    // The folder's files are never changed.
    for (p, bytes) in before {
        assert_eq!(std::fs::read(&p).unwrap(), bytes, "{}", p.display());
    }
    // A path with nothing there says so.
    let empty = sandbox.dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    attach(&mut app, &mut store, &empty);
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.starts_with("No raters' answers attached"),
        "{status}"
    );
    assert!(whole_screen(&app).contains("no raters' files (*.toml, *.txt) there"));
}

/// A finished session, opened from history, gets raters' answers; they
/// survive a restart, show in its results again, and reach every export.
/// Its finished file is never rewritten.
#[test]
fn an_attachment_to_a_past_session_survives_a_restart_and_reaches_the_exports() {
    let (sandbox, paths, raters) = with_returned_folder();
    for name in ["a.toml", "b.toml", "c.toml"] {
        rater_file(&raters, name, "perception", "report", 2, 0);
    }

    // Finish and save a session.
    let (mut app, mut store) = load_app(library(), &paths);
    finish_questions(&mut app);
    app.update(Action::Enter);
    let effect = app.update(Action::Enter).expect("Enter saves");
    perform_for(&mut app, &mut store, effect);
    let Screen::Saved { path: finished } = app.screen.clone() else {
        panic!("not saved: {:?}", app.status);
    };
    let finished_bytes = std::fs::read(&finished).unwrap();
    drop(app);
    drop(store);

    // Restart, open it from history, attach.
    let (mut app, mut store) = load_app(library(), &paths);
    app.update(Action::OpenHistory);
    app.update(Action::Enter);
    assert!(
        matches!(app.screen, Screen::Past { .. }),
        "{:?}",
        app.screen
    );
    attach(&mut app, &mut store, &raters);
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("Attached 3 raters' answers"), "{status}");
    assert!(whole_screen(&app).contains("Your reports: 3 raters (shown from 3)"));
    assert_eq!(std::fs::read(&finished).unwrap(), finished_bytes);
    let id = app.history.sessions[0].id.clone();
    assert!(
        sandbox
            .data()
            .join("others")
            .join(format!("{id}.toml"))
            .is_file()
    );
    drop(app);
    drop(store);

    // Restart again: history opens it with the perspectives.
    let (mut app, mut store) = load_app(library(), &paths);
    assert!(app.warnings.is_empty(), "{:?}", app.warnings);
    app.update(Action::OpenHistory);
    app.update(Action::Enter);
    let screen = whole_screen(&app);
    assert!(
        screen.contains("Your reports: 3 raters (shown from 3)"),
        "{screen}"
    );
    assert!(screen.contains("comment from a.toml"), "{screen}");

    // Attaching again asks; n keeps the earlier ones, on screen and on disk.
    let others_file = sandbox.data().join("others").join(format!("{id}.toml"));
    let kept = std::fs::read(&others_file).unwrap();
    std::fs::remove_file(raters.join("c.toml")).unwrap();
    attach(&mut app, &mut store, &raters);
    assert_eq!(app.overlay, Some(Overlay::ConfirmReplaceRaters));
    perform_or_none(&mut app, &mut store, Action::No);
    assert_eq!(std::fs::read(&others_file).unwrap(), kept);
    assert!(whole_screen(&app).contains("Your reports: 3 raters"));
    // y replaces them: two reports, count only.
    attach(&mut app, &mut store, &raters);
    perform_or_none(&mut app, &mut store, Action::Yes);
    assert!(whole_screen(&app).contains("Your reports: 2 raters (shown from 3)"));
    assert_ne!(std::fs::read(&others_file).unwrap(), kept);
    assert_eq!(std::fs::read(&finished).unwrap(), finished_bytes);

    // Every export carries the perspectives.
    let markdown = sandbox.run(&["export", "latest"]);
    assert_eq!(markdown.code, 0, "{}", markdown.stderr);
    assert!(
        markdown.stdout.contains("## Other perspectives"),
        "{}",
        markdown.stdout
    );
    assert!(
        markdown
            .stdout
            .contains("Your reports: 2 raters (shown from 3)")
    );
    assert!(
        !markdown.stdout.contains("comment from"),
        "withheld comments leaked"
    );
    let json = sandbox
        .run(&["export", "latest", "--format", "json"])
        .json();
    assert_eq!(json["perspectives"]["report"]["raters"], 2);
    assert_eq!(json["perspectives"]["report"]["shown"], false);
    assert!(json["perspectives"]["report"]["dimensions"].is_null());
    let history = sandbox.run(&["history", "--format", "json"]).json();
    assert_eq!(history[0]["raters"], 2);
    let history = sandbox.run(&["history"]);
    assert!(
        history
            .stdout
            .contains(&format!("  {id}: report 2, count only\n")),
        "{}",
        history.stdout
    );
}

/// An attachment file that cannot be read is reported, never replaced.
#[test]
fn an_unreadable_attachment_is_reported_and_never_replaced() {
    let sandbox = Sandbox::new();
    let paths = Paths {
        data_dir: sandbox.data(),
        config_dir: sandbox.config(),
    };
    let (mut app, mut store) = load_app(library(), &paths);
    finish_questions(&mut app);
    app.update(Action::Enter);
    let effect = app.update(Action::Enter).unwrap();
    perform_for(&mut app, &mut store, effect);
    let id = app.history.sessions[0].id.clone();
    let others = sandbox.data().join("others");
    std::fs::create_dir_all(&others).unwrap();
    let file = others.join(format!("{id}.toml"));
    std::fs::write(&file, "not = [toml").unwrap();
    let (mut app, mut store) = load_app(library(), &paths);
    assert!(
        app.warnings
            .iter()
            .any(|w| w.contains(&format!("{id}.toml"))),
        "{:?}",
        app.warnings
    );
    let raters = sandbox.dir.path().join("returned");
    std::fs::create_dir(&raters).unwrap();
    rater_file(&raters, "c.toml", "coach", "coach", 3, 0);
    app.update(Action::OpenHistory);
    app.update(Action::Enter);
    attach(&mut app, &mut store, &raters);
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.starts_with("Raters' answers not attached"),
        "{status}"
    );
    assert!(
        status.contains("left untouched") || status.contains("already exists"),
        "{status}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not = [toml");
}

/// Answers changed after raters' answers were attached: the gaps are said
/// to be against the earlier scores, and attaching again mends that.
#[test]
fn changing_an_answer_after_attaching_says_the_gaps_are_stale() {
    let sandbox = Sandbox::new();
    let mut store = SessionStore::new(&sandbox.data());
    let raters = sandbox.dir.path().join("returned");
    std::fs::create_dir(&raters).unwrap();
    rater_file(&raters, "coach.toml", "coach", "coach", 3, 0);
    let mut app = fixed_app();
    finish_questions(&mut app);
    attach(&mut app, &mut store, &raters);
    let stale = "Your answers have changed since these were attached";
    assert!(!whole_screen(&app).contains(stale));
    // Back to the last question, a different answer, results again.
    app.update(Action::Previous);
    assert!(matches!(app.screen, Screen::Question { .. }));
    for _ in 0..4 {
        app.update(Action::Previous);
    }
    // It was answered 1; 5 moves its dimension's score.
    app.update(Action::Answer(5));
    while let Screen::Question { .. } = app.screen {
        app.update(Action::Enter);
    }
    assert!(whole_screen(&app).contains(stale), "{}", whole_screen(&app));
    attach(&mut app, &mut store, &raters);
    perform_or_none(&mut app, &mut store, Action::Yes);
    assert!(!whole_screen(&app).contains(stale));
}

/// The path prompt holds one line of path: Tab and Enter never hide in it,
/// Esc attaches nothing.
#[test]
fn the_path_prompt_takes_a_path_and_esc_cancels() {
    let mut app = fixed_app();
    finish_questions(&mut app);
    app.update(Action::AttachRaters);
    for key in [
        KeyCode::Char('r'),
        KeyCode::Tab,
        KeyCode::Char('x'),
        KeyCode::Backspace,
        KeyCode::Char('s'),
    ] {
        app.update(Action::Edit(key.into()));
    }
    assert_eq!(app.path_typed(), "rs");
    assert_eq!(app.update(Action::Back), None);
    assert_eq!(app.overlay, None);
    assert!(app.active.as_ref().unwrap().session.others.is_none());
    // An empty path asks for one.
    app.update(Action::AttachRaters);
    assert_eq!(app.update(Action::Enter), None);
    assert_eq!(app.overlay, Some(Overlay::RatersPath));
    assert!(
        app.status
            .as_deref()
            .unwrap_or_default()
            .starts_with("Type a folder")
    );
}

/// Attached while the session is open, the raters' answers are saved with
/// it when it finishes, and read back after a restart.
#[test]
fn raters_attached_before_saving_are_in_the_finished_session() {
    let (sandbox, paths, raters) = with_returned_folder();
    rater_file(&raters, "a.toml", "perception", "peer", 2, 0);
    rater_file(&raters, "b.toml", "coach", "coach", 3, 0);
    let (mut app, mut store) = load_app(library(), &paths);
    finish_questions(&mut app);
    attach(&mut app, &mut store, &raters);
    let attached = app.active.as_ref().unwrap().session.others.clone().unwrap();
    app.update(Action::Enter);
    let effect = app.update(Action::Enter).expect("Enter saves");
    perform_for(&mut app, &mut store, effect);
    assert!(
        matches!(app.screen, Screen::Saved { .. }),
        "{:?}",
        app.status
    );
    drop(app);
    drop(store);
    let (app, _store) = load_app(library(), &paths);
    assert!(app.warnings.is_empty(), "{:?}", app.warnings);
    assert_eq!(app.history.sessions[0].others.as_ref(), Some(&attached));
    assert!(
        !sandbox.data().join("others").exists(),
        "an open session needs no file beside it"
    );
}
