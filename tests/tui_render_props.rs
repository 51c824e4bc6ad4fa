//! Drawing never panics, whatever the terminal size and whatever the user
//! pressed before: random action sequences from home, each drawn at a random
//! size from 0×0 to 300×100, in the mono and the colour theme.

use altitude::model::catalog::Library;
use altitude::model::session::{CheckIn, CheckInStatus, Commitment, Session};
use altitude::model::time::Timestamp;
use altitude::model::{Answer, Mode, Profile, Stage};
use altitude::sessions::History;
use altitude::store::Config;
use altitude::tui::action::Action;
use altitude::tui::app::{App, Effect};
use altitude::tui::theme::Theme;
use altitude::tui::view::{self, MIN_HEIGHT, MIN_WIDTH};
use crossterm::event::{KeyCode, KeyEvent};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::sync::OnceLock;

const NOW: Timestamp = Timestamp(1_795_289_405);
const DAY: u64 = 86_400;

/// The built-in library, parsed once for all cases.
fn library() -> Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY
        .get_or_init(|| Library::builtin().expect("the built-in library loads"))
        .clone()
}

/// A finished quick session from `days_ago`, with two commitments and a check-in.
fn finished(lib: &Library, days_ago: u64) -> Session {
    let started = Timestamp(NOW.0 - days_ago * DAY);
    let mut s = Session::new("quick", Mode::Solo, started);
    s.profile = Some(Profile {
        reports: 9,
        coding_share: 30,
        critical_path: true,
        stage: Stage::Early,
    });
    s.finished = Some(Timestamp(started.0 + 600));
    let set = lib.set("quick").expect("quick set");
    for (i, item) in set.items.iter().enumerate() {
        s.answers
            .insert(item.id.clone(), Answer::Value((i % 5) as u8 + 1));
    }
    s.commitments = lib
        .practices
        .iter()
        .take(2)
        .map(|p| Commitment {
            practice: p.id.clone(),
            title: p.title.clone(),
            due: None,
        })
        .collect();
    s.checkins = vec![CheckIn {
        practice: s.commitments[0].practice.clone(),
        title: s.commitments[0].title.clone(),
        status: CheckInStatus::Partly,
        note: None,
    }];
    s
}

/// A new user, or one with three finished sessions and an unfinished one.
fn app(returning: bool, colour: bool) -> App {
    let lib = library();
    let (history, unfinished) = if returning {
        let sessions = vec![finished(&lib, 90), finished(&lib, 60), finished(&lib, 30)];
        let mut open = Session::new("core", Mode::Coaching, Timestamp(NOW.0 - DAY));
        open.position = 3;
        (
            History {
                sessions,
                problems: vec![],
            },
            Some(open),
        )
    } else {
        (History::default(), None)
    };
    let mut app = App::new(lib, Config::default(), history, unfinished, NOW);
    app.theme = if colour {
        Theme::colour()
    } else {
        Theme::mono()
    };
    app
}

/// Ways into the app that random keys rarely find on their own: into each
/// set and mode, through the profile, and on to results or the handover.
fn journeys() -> Vec<Vec<Action>> {
    use Action::*;
    let profile = [Digit(7), Enter, Digit(4), Digit(0), Enter, Yes, Stage(2)];
    let into = |downs: usize, modes: usize| {
        let mut v = vec![NewSession];
        v.extend(std::iter::repeat_n(Down, downs));
        v.extend(std::iter::repeat_n(CycleMode, modes));
        // Check-in answers do nothing when there is nothing to check in on.
        v.extend([
            Enter,
            CheckIn(CheckInStatus::Done),
            CheckIn(CheckInStatus::Partly),
        ]);
        v.extend(profile.clone());
        v
    };
    let answered = |mut v: Vec<Action>, n: usize| {
        v.extend((0..n).map(|i| Answer((i % 5) as u8 + 1)));
        v
    };
    vec![
        vec![],
        vec![Resume],
        vec![OpenHistory],
        vec![OpenSets],
        into(0, 0),
        into(0, 1),
        into(1, 0),
        into(2, 2),
        into(3, 1),
        answered(into(1, 0), 10),
        answered(into(1, 1), 10),
        answered(into(0, 0), 34),
        [into(1, 1), vec![Note]].concat(),
    ]
}

fn key_event() -> impl Strategy<Value = KeyEvent> {
    prop_oneof![
        any::<char>().prop_map(|c| KeyEvent::from(KeyCode::Char(c))),
        Just(KeyEvent::from(KeyCode::Enter)),
        Just(KeyEvent::from(KeyCode::Backspace)),
        Just(KeyEvent::from(KeyCode::Left)),
        Just(KeyEvent::from(KeyCode::Tab)),
    ]
}

/// Any action, weighted toward the ones that move a session along.
fn action() -> impl Strategy<Value = Action> {
    use Action::*;
    prop_oneof![
        1 => Just(Quit),
        1 => Just(ForceQuit),
        2 => Just(Help),
        3 => Just(Back),
        3 => Just(Up),
        3 => Just(Down),
        2 => Just(Left),
        2 => Just(Right),
        1 => Just(PageUp),
        2 => Just(PageDown),
        8 => Just(Enter),
        2 => Just(NewSession),
        1 => Just(Resume),
        1 => Just(OpenHistory),
        1 => Just(OpenSets),
        8 => (0u8..=9).prop_map(Answer),
        2 => Just(NotApplicable),
        3 => Just(Skip),
        2 => Just(Previous),
        2 => Just(ToggleWhy),
        2 => Just(Note),
        2 => prop_oneof![
            Just(CheckInStatus::Done),
            Just(CheckInStatus::Partly),
            Just(CheckInStatus::NotDone),
            Just(CheckInStatus::Skipped),
        ]
        .prop_map(CheckIn),
        4 => (0u8..=9).prop_map(Digit),
        2 => Just(Backspace),
        2 => Just(Yes),
        2 => Just(No),
        2 => (0u8..=4).prop_map(Stage),
        3 => Just(Toggle),
        1 => Just(Export),
        2 => Just(ToggleMethod),
        2 => Just(CycleMode),
        4 => any::<char>().prop_map(|c| Edit(KeyCode::Char(c).into())),
        3 => key_event().prop_map(Edit),
        1 => Just(Discard),
        1 => Just(Resume),
        2 => Just(StartOther),
        1 => Just(WriteRating),
        2 => Just(AttachRaters),
    ]
}

/// Any size up to 300×100, most often near the 80×24 minimum (where layouts
/// are tightest) or below it; huge sizes are slow to draw in debug builds.
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        1 => (0u16..=300, 0u16..=100),
        2 => (MIN_WIDTH..=MIN_WIDTH + 4, MIN_HEIGHT..=MIN_HEIGHT + 4),
        1 => (0u16..MIN_WIDTH + 1, 0u16..MIN_HEIGHT + 1),
    ]
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

/// Draws the app at `w`×`h` and checks what a user would see first.
fn draw_and_check(app: &App, w: u16, h: u16) -> Result<(), TestCaseError> {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    view::render(app, area, &mut buf);
    if w >= MIN_WIDTH && h >= MIN_HEIGHT {
        prop_assert!(
            row(&buf, 0).starts_with(" altitude "),
            "title bar missing on {:?}",
            app.screen
        );
        prop_assert!(
            !row(&buf, h - 1).trim().is_empty(),
            "footer of key hints empty on {:?} {:?}",
            app.screen,
            app.overlay
        );
    } else if w >= 20 && h >= 1 {
        prop_assert!(
            row(&buf, 0).contains("Terminal too small"),
            "{w}×{h} should say the terminal is too small"
        );
    }
    Ok(())
}

/// Updates the app and plays the run loop's part, without touching the disk.
fn perform(app: &mut App, action: Action) {
    match app.update(action) {
        Some(Effect::SaveFinished(session)) => {
            app.update(Action::Saved {
                path: PathBuf::from(
                    "/nonexistent/altitude-test/sessions/20261121-193005-quick.toml",
                ),
                id: session.id,
            });
        }
        Some(Effect::AttachEvidence(_)) => {
            app.update(Action::EvidenceRead(Err(format!(
                "/nonexistent/{}: no such directory",
                "y".repeat(200)
            ))));
        }
        Some(Effect::Export { .. }) => {
            let long = "x".repeat(200);
            app.update(Action::Exported(PathBuf::from(format!(
                "/nonexistent/{long}.md"
            ))));
        }
        Some(Effect::WriteRating { text, .. }) => {
            // A failure first when the file would be short, else written:
            // both the error and a long path must fit the screen.
            let long = "z".repeat(200);
            app.update(if text.len() % 2 == 0 {
                Action::RatingFailed(format!(
                    "could not save /nonexistent/{long}: the disk is full"
                ))
            } else {
                Action::RatingWritten(PathBuf::from(format!("/nonexistent/{long}.toml")))
            });
        }
        Some(Effect::ReadRaters(source)) => {
            // A coach's file that reads, and one that does not.
            let lib = library();
            let mut coach = String::from("set = \"coach\"\nrater = \"coach\"\n[answers]\n");
            for item in lib.set("coach").unwrap().scored_items() {
                coach.push_str(&format!("{} = 2\n", item.id));
            }
            app.update(Action::RatersRead {
                source,
                files: vec![(PathBuf::from("/nonexistent/coach.toml"), coach)],
                problems: vec![format!(
                    "/nonexistent/{}.toml:1:1: not TOML",
                    "p".repeat(200)
                )],
            });
        }
        Some(Effect::SaveOthers { .. }) => {
            app.update(Action::OthersSaved(Err(format!(
                "could not save /nonexistent/{}: the disk is full",
                "o".repeat(200)
            ))));
        }
        Some(Effect::Quit | Effect::SaveProgress(_) | Effect::Discard(_)) | None => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn rendering_never_panics_at_any_size_on_any_reachable_screen(
        returning in any::<bool>(),
        colour in any::<bool>(),
        rater in prop::option::of(0usize..4),
        journey in 0..journeys().len(),
        steps in prop::collection::vec((action(), size()), 0..40),
        last in (0u16..=300, 0u16..=100),
    ) {
        let mut app = app(returning, colour);
        match rater {
            // `altitude rate`, in a folder with a long name.
            Some(p) => {
                let perspective = altitude::model::perspective::Perspective::ALL[p];
                let dir = PathBuf::from(format!("/nonexistent/{}", "r".repeat(150)));
                app.start_rating(
                    perspective.default_set(),
                    altitude::tui::app::RaterRun::new(perspective, dir, None),
                );
            }
            // The journeys' screens have their own snapshots: draw once at the end.
            None => {
                for action in &journeys()[journey] {
                    perform(&mut app, action.clone());
                }
            }
        }
        draw_and_check(&app, last.0, last.1)?;
        for (action, (w, h)) in steps {
            if app.quit {
                break;
            }
            perform(&mut app, action);
            draw_and_check(&app, w, h)?;
        }
        draw_and_check(&app, MIN_WIDTH, MIN_HEIGHT)?;
    }
}
