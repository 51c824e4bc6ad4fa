//! The app's error paths: an unknown set, a resume whose set is gone, and
//! saves and exports that fail. Each leaves the user informed and nothing lost.

use altitude::model::catalog::Library;
use altitude::model::session::Session;
use altitude::model::time::Timestamp;
use altitude::model::{Answer, Mode};
use altitude::sessions::{History, SessionStore};
use altitude::store::Config;
use altitude::tui::action::Action;
use altitude::tui::app::{App, Effect, Screen};
use altitude::tui::run::perform_for;

const NOW: Timestamp = Timestamp(1_795_289_405);

fn app(unfinished: Option<Session>) -> App {
    App::new(
        Library::builtin().unwrap(),
        Config::default(),
        History::default(),
        unfinished,
        NOW,
    )
}

/// The app's screen as text.
fn render(app: &App, width: u16, height: u16) -> String {
    let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, width, height));
    altitude::tui::view::render(app, buf.area, &mut buf);
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A store whose directory can never be created: its parent is a file.
fn broken_store(dir: &tempfile::TempDir) -> SessionStore {
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "not a directory").unwrap();
    SessionStore::new(&blocker.join("data"))
}

#[test]
fn starting_an_unknown_set_explains_and_stays_home() {
    let mut app = app(None);
    assert_eq!(app.start("qiuck", Mode::Solo), None);
    assert_eq!(app.screen, Screen::Home { cursor: 0 });
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("no question set \"qiuck\"")
    );
    assert!(app.active.is_none());
}

#[test]
fn resuming_a_session_whose_set_is_gone_explains_and_keeps_the_file() {
    let gone = Session::new("retired-set", Mode::Solo, NOW);
    let mut app = app(Some(gone.clone()));
    app.update(Action::Resume);
    assert!(matches!(app.screen, Screen::Home { .. }));
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("\"retired-set\", which is no longer available")
    );
    assert_eq!(
        app.unfinished,
        Some(gone),
        "the unfinished session is kept for later"
    );
}

#[test]
fn resuming_after_the_profile_goes_straight_to_the_question() {
    let mut session = Session::new("quick", Mode::Solo, NOW);
    session.profile = Some(altitude::model::Profile {
        reports: 4,
        coding_share: 10,
        critical_path: false,
        stage: altitude::model::Stage::Early,
    });
    session
        .answers
        .insert("slowest-build-step".into(), Answer::Value(4));
    session.position = 1;
    let mut app = app(Some(session));
    app.update(Action::Resume);
    assert!(
        matches!(app.screen, Screen::Question { index: 1, .. }),
        "{:?}",
        app.screen
    );
}

#[test]
fn a_failed_save_keeps_the_session_open_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = broken_store(&dir);
    let mut app = app(None);
    let effect = app.start("quick", Mode::Solo).expect("an autosave");
    perform_for(&mut app, &mut store, effect);
    let error = app.autosave_error.clone().expect("the failure is kept");
    assert!(
        error.starts_with("Your latest answers are NOT saved: could not save"),
        "{error}"
    );
    // The quit dialog tells the truth, in full.
    app.update(Action::Quit);
    let screen = render(&app, 80, 24);
    assert!(
        !screen.contains("Your progress is saved"),
        "claims progress is saved after a failed autosave:\n{screen}"
    );
    assert!(screen.contains("NOT saved"), "{screen}");
    assert!(
        screen.contains("Quitting now loses those answers."),
        "{screen}"
    );
    app.update(Action::No);

    app.screen = Screen::Suggestions { cursor: 0 };
    let effect = app.update(Action::Enter);
    assert!(matches!(effect, Some(Effect::SaveFinished(_))));
    perform_for(&mut app, &mut store, effect.expect("a save"));
    assert!(
        matches!(app.screen, Screen::Suggestions { .. }),
        "still on suggestions: {:?}",
        app.screen
    );
    assert_eq!(
        app.active.as_ref().unwrap().session.finished,
        None,
        "not marked finished"
    );
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("Your answers are still here")
    );
}

#[test]
fn a_failed_export_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = broken_store(&dir);
    let mut app = app(None);
    app.start("quick", Mode::Solo);
    let export = app.export().expect("a session to export");
    perform_for(&mut app, &mut store, export);
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .starts_with("Export failed: could not save"),
        "{:?}",
        app.status
    );
}
