//! A coach's own instrument in the app: no profile questions, instructions
//! before the first question, keys and footer that follow the scale's
//! points (10 and 11 points included), and no "not applicable" when the set
//! has none.

use altitude::model::catalog::Library;
use altitude::model::question_set::{Source, parse_set};
use altitude::model::time::Timestamp;
use altitude::model::{Answer, Dimension};
use altitude::sessions::History;
use altitude::store::Config;
use altitude::tui::app::{App, Screen};
use altitude::tui::keys::{action_for, footer};
use crossterm::event::{KeyCode, KeyEvent};
use std::path::Path;

const NOW: Timestamp = Timestamp(1_795_289_405);

const SET: &str = r#"
id = "pulse"
title = "Team pulse"
description = "Three statements on load."
instructions = "Think of the last two weeks."
measures = ["burnout"]
profile = false
sides = false
why = false
not_applicable = false

[[response_scales]]
id = "agree4"
labels = ["Not at all", "A little", "Quite a lot", "Completely"]

[[response_scales]]
id = "eleven"
labels = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]
first = 0

[[items]]
id = "l1"
kind = "scale"
scale = "agree4"
dimension = "burnout"
prompt = "My calendar leaves no room to think."

[[items]]
id = "l2"
kind = "scale"
scale = "eleven"
dimension = "burnout"
prompt = "From 0 to 10, how stretched do you feel?"

[[items]]
id = "l3"
kind = "scale"
scale = "agree4"
dimension = "burnout"
reverse = true
prompt = "I start the week rested."
"#;

fn app() -> App {
    let mut lib = Library::builtin().expect("the built-in library");
    let set = parse_set(Path::new("pulse.toml"), SET, &[], Source::BuiltIn).expect("valid");
    lib.sets.push(set);
    let mut app = App::new(lib, Config::default(), History::default(), None, NOW);
    press(&mut app, KeyCode::Char('n'));
    let target = app
        .self_sets()
        .iter()
        .position(|s| s.id == "pulse")
        .expect("the picker offers the set");
    for _ in 0..target {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    app
}

fn press(app: &mut App, key: KeyCode) {
    if let Some(action) = action_for(&app.screen, app.overlay.as_ref(), KeyEvent::from(key)) {
        app.update(action);
    }
}

fn at(app: &App) -> (usize, Option<u8>) {
    match app.screen {
        Screen::Question { index, cursor, .. } => (index, cursor),
        ref other => panic!("expected a question, got {other:?}"),
    }
}

fn footer_keys(app: &App) -> Vec<String> {
    footer(&app.screen, None, false)
        .iter()
        .map(|b| format!("{} {}", b.label_on(&app.screen), b.hint))
        .collect()
}

fn answers(app: &App) -> &std::collections::BTreeMap<String, Answer> {
    &app.active.as_ref().expect("a session").session.answers
}

#[test]
fn a_set_without_a_profile_opens_on_its_first_question() {
    let app = app();
    assert_eq!(
        at(&app),
        (0, None),
        "no profile screen, no preselected answer"
    );
}

#[test]
fn a_four_point_scale_answers_with_1_to_4_and_has_no_not_applicable() {
    let mut app = app();
    let keys = footer_keys(&app);
    assert!(keys.contains(&"1-4 answer".to_string()), "{keys:?}");
    assert!(!keys.iter().any(|k| k.contains("n/a")), "{keys:?}");
    // 5 is beyond the scale; 0 and x are not "not applicable" here.
    for key in ['5', '0', 'x'] {
        press(&mut app, KeyCode::Char(key));
        assert_eq!(at(&app), (0, None), "{key}");
    }
    assert!(answers(&app).is_empty());
    // Left of the first point is the last point, not "not applicable".
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Left);
    assert_eq!(at(&app), (0, Some(1)));
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(answers(&app).get("l1"), Some(&Answer::Value(3)));
}

#[test]
fn an_eleven_point_scale_takes_two_digits_and_enter() {
    let mut app = app();
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(at(&app), (1, None));
    let keys = footer_keys(&app);
    assert!(keys.contains(&"1-11 type+Enter".to_string()), "{keys:?}");
    // A digit chooses without answering; 1 then 0 is the tenth point.
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(at(&app), (1, Some(1)));
    press(&mut app, KeyCode::Char('0'));
    assert_eq!(at(&app), (1, Some(10)));
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(
        at(&app),
        (1, Some(1)),
        "101 is past the end: 1 starts again"
    );
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(at(&app), (1, Some(11)));
    assert!(
        !answers(&app).contains_key("l2"),
        "choosing does not answer"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(answers(&app).get("l2"), Some(&Answer::Value(11)));
    assert_eq!(at(&app), (2, None));
}

#[test]
fn the_instrument_is_scored_with_its_own_points() {
    let mut app = app();
    // l1 = 3 of 4, l2 = the 9th of 11 points (value 8), l3 = 1 reversed to 4.
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('9'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('1'));
    assert!(
        matches!(app.screen, Screen::Results { .. }),
        "{:?}",
        app.screen
    );
    let a = app
        .active
        .as_ref()
        .and_then(|a| a.assessment.as_ref())
        .expect("scored");
    // (2/3 + 8/10 + 3/3) / 3 * 100 = 82.2
    let want = ((2.0 / 3.0 + 0.8 + 1.0) / 3.0 * 100.0_f64).round() as u8;
    assert_eq!(a.scores.value(Dimension::Burnout), Some(want));
    assert!(!a.scores.get(Dimension::Empathy).measured);
    assert!(a.pattern.is_none() && a.no_pattern.is_some());
}

#[test]
fn w_on_a_set_without_explanations_says_so_instead_of_opening_an_empty_box() {
    let mut app = app();
    press(&mut app, KeyCode::Char('w'));
    assert!(
        matches!(app.screen, Screen::Question { why: false, .. }),
        "{:?}",
        app.screen
    );
    assert_eq!(
        app.status.as_deref(),
        Some("This question's set gives no explanation for it.")
    );
}

/// History leaves out what a set never measured: the row has no cell for
/// empathy, credibility or ownership (not "-", which means too few answers).
#[test]
fn history_leaves_the_unmeasured_dimensions_out_of_a_sessions_row() {
    let mut app = app();
    for key in ['3', '9'] {
        press(&mut app, KeyCode::Char(key));
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('1'));
    let active = app.active.as_ref().expect("a session");
    let shown = active.assessment.as_ref().expect("scored");
    let mut session = active.session.clone();
    session.record = Some(altitude::model::record::Record::of(shown, None));
    let row = altitude::model::session::summarize(&app.library, &session);
    let burnout = shown.scores.value(Dimension::Burnout).expect("a score");
    assert_eq!(
        row.score_cells(),
        [
            String::new(),
            String::new(),
            burnout.to_string(),
            String::new()
        ]
    );
    // Without a record (an older file), the set says what it measures.
    session.record = None;
    let row = altitude::model::session::summarize(&app.library, &session);
    assert_eq!(row.measured, [false, false, true, false]);
}
