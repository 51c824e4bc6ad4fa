//! What a new user tripped over (issue 9), each replayed through real key
//! presses (`action_for` then `App::update`) and read off the drawn screen.

use altitude::model::catalog::Library;
use altitude::model::session::{CheckInStatus, Commitment, Session};
use altitude::model::time::Timestamp;
use altitude::model::{Answer, Dimension, Kind, Mode, Profile, Stage};
use altitude::sessions::History;
use altitude::store::Config;
use altitude::tui::action::Action;
use altitude::tui::app::{App, Effect, Overlay, Screen};
use altitude::tui::keys::action_for;
use altitude::tui::view;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NOW: Timestamp = Timestamp(1_795_289_405);
const DAY: u64 = 86_400;

fn library() -> Library {
    Library::builtin().expect("the built-in library loads")
}

fn app_with(sessions: Vec<Session>, unfinished: Option<Session>) -> App {
    let history = History {
        sessions,
        problems: vec![],
    };
    App::new(library(), Config::default(), history, unfinished, NOW)
}

fn press(app: &mut App, key: impl Into<KeyEvent>) -> Option<Effect> {
    let action = action_for(&app.screen, app.overlay.as_ref(), key.into())?;
    app.update(action)
}

fn ch(c: char) -> KeyEvent {
    KeyCode::Char(c).into()
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(
            app,
            if c == '\n' {
                KeyCode::Enter.into()
            } else {
                ch(c)
            },
        );
    }
}

fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| view::render(app, frame.area(), frame.buffer_mut()))
        .expect("draw");
    terminal.backend().to_string()
}

/// The screen's words in order, borders and line breaks gone.
fn words(screen: &str) -> String {
    screen
        .lines()
        .map(|l| {
            l.trim_matches('"')
                .replace(['│', '┌', '┐', '└', '┘', '─'], " ")
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn profile() -> Profile {
    Profile {
        reports: 7,
        coding_share: 25,
        critical_path: false,
        stage: Stage::Growth,
    }
}

/// A fresh app on the first question of `set_id`: 7 reports, 25%, not on the
/// critical path, growth stage.
fn at_first_question(set_id: &str) -> App {
    let mut app = app_with(Vec::new(), None);
    app.start(set_id, Mode::Solo);
    type_text(&mut app, "7\n25\nn2");
    assert!(
        matches!(app.screen, Screen::Question { index: 0, .. }),
        "{:?}",
        app.screen
    );
    app
}

/// The suggestions of the session just scored.
fn suggestions(app: &App) -> Vec<altitude::model::practices::Suggestion> {
    app.active
        .as_ref()
        .and_then(|a| a.assessment.clone())
        .expect("scored")
        .suggestions
}

/// Answers every question of the current set with `key(i)` for question `i`.
fn answer_every_question(app: &mut App, key: impl Fn(usize) -> char) {
    let count = app
        .active
        .as_ref()
        .expect("a session")
        .current_set()
        .items
        .len();
    for i in 0..count {
        press(app, ch(key(i)));
    }
}

fn answer(app: &App, index: usize) -> Option<Answer> {
    let active = app.active.as_ref().expect("a session");
    let id = &active.current_set().items[index].id;
    active.session.answers.get(id).cloned()
}

fn finished(days_ago: u64, value: u8, picked: &[&str]) -> Session {
    let lib = library();
    let started = Timestamp(NOW.0 - days_ago * DAY);
    let mut s = Session::new("quick", Mode::Solo, started);
    s.profile = Some(profile());
    s.finished = Some(Timestamp(started.0 + 600));
    let set = lib.set("quick").expect("quick");
    s.position = set.items.len();
    for item in &set.items {
        s.answers.insert(item.id.clone(), Answer::Value(value));
    }
    s.commitments = picked
        .iter()
        .map(|id| {
            let p = lib
                .practices
                .iter()
                .find(|p| p.id == *id)
                .expect("practice");
            Commitment {
                practice: p.id.clone(),
                title: p.title.clone(),
                due: None,
            }
        })
        .collect();
    s
}

// ---------------------------------------------------------------- Esc

#[test]
fn esc_closes_why_first_so_the_next_digit_answers_the_question_not_the_profile() {
    let mut app = at_first_question("quick");
    press(&mut app, ch('w'));
    assert!(matches!(app.screen, Screen::Question { why: true, .. }));
    press(&mut app, KeyCode::Esc);
    assert!(
        matches!(
            app.screen,
            Screen::Question {
                index: 0,
                why: false,
                ..
            }
        ),
        "Esc should close why and stay on question 1, got {:?}",
        app.screen
    );
    press(&mut app, ch('1'));
    assert_eq!(answer(&app, 0), Some(Answer::Value(1)));
    let stage = app
        .active
        .as_ref()
        .and_then(|a| a.session.profile)
        .map(|p| p.stage);
    assert_eq!(stage, Some(Stage::Growth), "the profile is untouched");
}

#[test]
fn esc_closes_the_method_before_leaving_the_results() {
    let mut app = at_first_question("quick");
    answer_every_question(&mut app, |_| '3');
    press(&mut app, ch('m'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.screen,
        Screen::Results {
            scroll: 0,
            method: false
        }
    );
    // Enter now goes on to suggestions; it does not re-answer the last question.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Suggestions { cursor: 0 });
}

// ---------------------------------------------------------------- reflection box

#[test]
fn the_reflection_box_grows_and_shows_the_end_of_a_long_answer() {
    let mut app = at_first_question("core");
    let index = app
        .active
        .as_ref()
        .and_then(|a| {
            a.current_set()
                .items
                .iter()
                .position(|i| i.kind == Kind::Text)
        })
        .expect("core has a text item");
    for _ in 0..index {
        press(&mut app, ch('s'));
    }
    let typed: String = (1..=60).map(|n| format!("word{n} ")).collect();
    type_text(&mut app, typed.trim_end());
    assert_eq!(
        app.reflection_text(),
        typed.trim_end(),
        "every key was kept"
    );
    let shown = words(&draw(&app, 80, 24));
    assert!(
        shown.contains("word59 word60"),
        "the end of what was typed is on screen:\n{shown}"
    );
    assert!(shown.contains("word40"), "the box grew past two lines");
    press(&mut app, KeyCode::Backspace);
    assert!(app.reflection_text().ends_with("word6"));
    assert!(words(&draw(&app, 80, 24)).contains("word59 word6"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        answer(&app, index),
        Some(Answer::Text(
            typed.trim_end()[..typed.trim_end().len() - 1].to_string()
        ))
    );
}

#[test]
fn going_back_from_a_reflection_keeps_what_was_typed() {
    let mut app = at_first_question("core");
    let index = app
        .active
        .as_ref()
        .and_then(|a| {
            a.current_set()
                .items
                .iter()
                .position(|i| i.kind == Kind::Text)
        })
        .expect("core has a text item");
    for _ in 0..index {
        press(&mut app, ch('s'));
    }
    type_text(&mut app, "half a thought");
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        answer(&app, index),
        Some(Answer::Text("half a thought".into()))
    );
}

// ---------------------------------------------------------------- too small

#[test]
fn keys_do_nothing_on_the_too_small_screen_but_q_and_ctrl_c_quit() {
    let mut app = at_first_question("quick");
    app.update(Action::Resize(60, 20));
    type_text(&mut app, "444w?");
    assert!(matches!(
        app.screen,
        Screen::Question {
            index: 0,
            why: false,
            ..
        }
    ));
    assert_eq!(answer(&app, 0), None, "nothing answered blind");
    assert_eq!(app.overlay, None);
    app.update(Action::Resize(80, 24));
    press(&mut app, ch('4'));
    assert_eq!(answer(&app, 0), Some(Answer::Value(4)), "keys work again");
    app.update(Action::Resize(70, 30));
    assert_eq!(press(&mut app, ch('q')), Some(Effect::Quit));
    assert!(app.quit, "q quits at once: no dialog nobody can see");

    let mut app = at_first_question("quick");
    app.update(Action::Resize(40, 10));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(press(&mut app, ctrl_c), Some(Effect::Quit));
}

// ---------------------------------------------------------------- history

#[test]
fn enter_in_history_opens_that_sessions_results_read_only() {
    let mut app = app_with(vec![finished(40, 2, &[]), finished(10, 4, &[])], None);
    press(&mut app, ch('h'));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.screen, Screen::Past { index: 0, .. }),
        "{:?}",
        app.screen
    );
    let shown = words(&draw(&app, 80, 24));
    assert!(shown.contains("read-only"), "{shown}");
    assert!(shown.contains("Empathy"), "{shown}");
    // Nothing here changes the session: answering keys do nothing.
    let before = app.history.sessions[0].clone();
    for c in ['1', ' ', 's', 'b'] {
        press(&mut app, ch(c));
    }
    assert_eq!(app.history.sessions[0], before);
    assert!(matches!(
        press(&mut app, ch('e')),
        Some(Effect::Export { .. })
    ));
    assert_eq!(app.export_target().map(|s| s.id), Some(before.id));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::History { cursor: 0 });
}

#[test]
fn history_rows_show_the_time_so_same_day_sessions_differ() {
    let morning = finished(2, 2, &[]);
    let mut evening = finished(2, 4, &[]);
    evening.id.push_str("-b");
    evening.started = Timestamp(morning.started.0 + 5 * 3600 + 7 * 60);
    let mut app = app_with(vec![morning, evening], None);
    press(&mut app, ch('h'));
    let shown = draw(&app, 80, 24);
    assert!(shown.contains("2026-11-19 19:30"), "{shown}");
    assert!(shown.contains("2026-11-20 00:37"), "{shown}");
}

#[test]
fn one_session_and_one_check_in_are_singular() {
    let mut s = finished(3, 3, &[]);
    s.checkins.push(altitude::model::session::CheckIn {
        practice: "x".into(),
        title: "x".into(),
        status: CheckInStatus::Done,
        note: None,
    });
    let mut app = app_with(vec![s], None);
    press(&mut app, ch('h'));
    let shown = words(&draw(&app, 80, 24));
    assert!(shown.contains("Trend over 1 session "), "{shown}");
    assert!(shown.contains("over 1 check-in "), "{shown}");
}

// ---------------------------------------------------------------- check-in

#[test]
fn the_check_in_takes_a_note_and_can_go_back_to_change_a_status() {
    let lib = library();
    let ids: Vec<&str> = lib
        .practices
        .iter()
        .take(2)
        .map(|p| p.id.as_str())
        .collect();
    let mut app = app_with(vec![finished(30, 3, &ids)], None);
    app.start("quick", Mode::Solo);
    assert_eq!(app.screen, Screen::CheckIn { index: 0 });
    press(&mut app, ch('t'));
    assert_eq!(app.overlay, Some(Overlay::Note));
    type_text(&mut app, "too many meetings");
    press(&mut app, KeyCode::Esc);
    press(&mut app, ch('x'));
    assert_eq!(app.screen, Screen::CheckIn { index: 1 });
    press(&mut app, ch('b'));
    assert_eq!(app.screen, Screen::CheckIn { index: 0 }, "b goes back one");
    press(&mut app, ch('p'));
    let checkin = &app.active.as_ref().expect("a session").session.checkins[0];
    assert_eq!(
        checkin.status,
        CheckInStatus::Partly,
        "the status was changed"
    );
    assert_eq!(
        checkin.note.as_deref(),
        Some("too many meetings"),
        "the note kept"
    );
    assert!(words(&draw(&app, 80, 24)).contains("note: too many meetings"));
}

// ---------------------------------------------------------------- unfinished

#[test]
fn n_with_an_unfinished_session_asks_before_starting_another() {
    let mut old = Session::new("quick", Mode::Solo, Timestamp(NOW.0 - DAY));
    old.answers.insert("q-anything".into(), Answer::Value(3));
    let mut app = app_with(Vec::new(), Some(old.clone()));
    press(&mut app, ch('n'));
    assert_eq!(app.overlay, Some(Overlay::ConfirmNew));
    assert!(words(&draw(&app, 80, 24)).contains("unfinished session"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    assert_eq!(app.screen, Screen::Home { cursor: 0 });
    assert_eq!(
        app.unfinished.as_ref(),
        Some(&old),
        "nothing lost on cancel"
    );

    press(&mut app, ch('n'));
    let effect = press(&mut app, ch('d'));
    assert_eq!(effect, Some(Effect::Discard(Box::new(old.clone()))));
    assert!(matches!(app.screen, Screen::Picker { .. }));

    let mut app = app_with(Vec::new(), Some(old.clone()));
    press(&mut app, ch('n'));
    press(&mut app, ch('r'));
    assert_eq!(
        app.active.as_ref().map(|a| a.session.id.clone()),
        Some(old.id),
        "r resumes it"
    );
}

// ---------------------------------------------------------------- words

#[test]
fn changes_since_last_time_say_better_or_worse() {
    // Last time every answer was 3; now every answer is 5.
    let mut app = app_with(vec![finished(30, 3, &[])], None);
    app.start("quick", Mode::Solo);
    type_text(&mut app, "\n\n\n\n");
    answer_every_question(&mut app, |_| '5');
    let shown = draw(&app, 80, 24);
    let a = app.active.as_ref().expect("a session");
    let (now, before) = (
        &a.assessment.as_ref().expect("scored").scores,
        &a.previous_assessment.as_ref().expect("last time").scores,
    );
    let mut words_seen = 0;
    for dim in Dimension::ALL {
        let row = shown
            .lines()
            .find(|l| l.contains(dim.title()))
            .unwrap_or_default();
        let (Some(n), Some(b)) = (now.value(dim), before.value(dim)) else {
            continue;
        };
        let up = n > b;
        let better = if dim.is_risk() { !up } else { up };
        let word = match n.cmp(&b) {
            std::cmp::Ordering::Equal => "same",
            _ if better => "better",
            _ => "worse",
        };
        assert!(
            row.contains(word),
            "{} {b} -> {n} should say {word}: {row}",
            dim.title()
        );
        words_seen += usize::from(word != "same");
    }
    assert!(words_seen >= 2, "the test needs real changes:\n{shown}");
    assert!(
        !shown.contains("since last "),
        "no bare signed numbers:\n{shown}"
    );
}

// ---------------------------------------------------------------- picker

#[test]
fn the_picker_does_not_offer_the_perception_set_as_a_self_assessment() {
    let mut app = app_with(Vec::new(), None);
    press(&mut app, ch('n'));
    assert!(app.self_sets().iter().all(|s| s.id != "perception"));
    let shown = draw(&app, 80, 24);
    assert!(!shown.contains("perception"), "{shown}");
    // The set browser lists it, but Enter explains instead of starting it.
    let mut app = app_with(Vec::new(), None);
    press(&mut app, ch('s'));
    let index = app
        .library
        .sets
        .iter()
        .position(|s| s.id == "perception")
        .expect("built in");
    for _ in 0..index {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Sets { .. }));
    assert!(
        app.status
            .as_deref()
            .unwrap_or_default()
            .contains("coaching")
    );
}

// ---------------------------------------------------------------- text

#[test]
fn a_long_title_gives_way_so_the_mode_keeps_its_closing_bracket() {
    let mut app = at_first_question("core");
    app.update(Action::Quit);
    app.update(Action::No);
    let mut long = app.active.clone().expect("a session");
    long.set.title = "A very long question set title that a coach wrote for a team".into();
    long.session.mode = Mode::Coaching;
    app.active = Some(long);
    let shown = draw(&app, 80, 24);
    let title = shown.lines().next().unwrap_or_default();
    assert!(title.contains("[coaching mode]"), "{title}");
    assert!(title.contains('…'), "{title}");
}

#[test]
fn every_suggestion_shows_its_steps_whole_or_says_what_is_left_out() {
    for value in ['1', '3', '5'] {
        let mut app = at_first_question("quick");
        answer_every_question(&mut app, |_| value);
        press(&mut app, KeyCode::Enter);
        let suggestions = suggestions(&app);
        for s in &suggestions {
            let shown = words(&draw(&app, 80, 24));
            for text in std::iter::once(&s.why).chain(&s.steps) {
                let whole = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    shown.contains(&whole) || shown.contains("more line"),
                    "{:?} is cut without saying so:\n{shown}",
                    s.id
                );
            }
            press(&mut app, KeyCode::Down);
        }
    }
}

#[test]
fn a_past_session_shows_what_it_recorded_not_a_rescore() {
    let mut s = finished(10, 2, &[]);
    let lib = library();
    let set = lib.set("quick").expect("quick").clone();
    let mut shown = altitude::model::assess(&lib, &set, &s.sheet());
    // Pretend the rules changed since: the record says empathy was 99.
    shown.scores.0[Dimension::Empathy.index()].score = Some(99);
    s.record = Some(altitude::model::record::Record::of(&shown, None));
    let mut app = app_with(vec![s], None);
    type_text(&mut app, "h\n");
    assert!(matches!(app.screen, Screen::Past { .. }));
    let screen = draw(&app, 80, 24);
    let row = screen
        .lines()
        .find(|l| l.contains("Empathy"))
        .unwrap_or_default();
    assert!(row.contains(" 99 "), "{row}");
}

#[test]
fn esc_on_the_first_question_never_leads_back_into_the_profile() {
    // On a wide terminal "why" shows without being opened, so Esc has
    // nothing to close: it must still not leave question 1 for the profile.
    let mut app = at_first_question("quick");
    app.update(Action::Resize(160, 48));
    press(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.screen, Screen::Question { index: 0, .. }),
        "{:?}",
        app.screen
    );
    assert!(
        app.status
            .as_deref()
            .unwrap_or_default()
            .contains("b goes back")
    );
    press(&mut app, ch('2'));
    assert_eq!(answer(&app, 0), Some(Answer::Value(2)));
    let stage = app
        .active
        .as_ref()
        .and_then(|a| a.session.profile)
        .map(|p| p.stage);
    assert_eq!(stage, Some(Stage::Growth));
    // b still goes back on purpose.
    press(&mut app, ch('b'));
    press(&mut app, ch('b'));
    assert!(
        matches!(app.screen, Screen::Profile { .. }),
        "{:?}",
        app.screen
    );
}

/// On a narrow terminal a long suggestion title wraps under itself, after
/// the checkbox, and the list grows to fit, so every suggestion stays in
/// sight above the detail box.
#[test]
fn a_long_suggestion_title_wraps_under_itself_and_none_drops_out_of_the_list() {
    let mut app = at_first_question("quick");
    answer_every_question(&mut app, |i| if i % 2 == 0 { '1' } else { '5' });
    press(&mut app, KeyCode::Enter);
    let suggestions = suggestions(&app);
    assert!(suggestions.len() >= 3, "{}", suggestions.len());
    let screen = draw(&app, 80, 24);
    let list: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("Pick up to"))
        .skip(1)
        .take_while(|l| !l.contains('┌'))
        .map(|l| l.trim_matches('"'))
        .collect();
    let joined = list.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
    for s in &suggestions {
        assert!(joined.contains(&s.title), "{} missing:\n{screen}", s.title);
    }
    assert!(list.len() > suggestions.len(), "nothing wrapped:\n{screen}");
    for row in list
        .iter()
        .filter(|l| !l.contains("[ ]") && !l.contains("[x]"))
    {
        assert!(
            row.starts_with("       "),
            "{row:?} is not under its title:\n{screen}"
        );
    }
}
