//! The TUI's key contract (SPEC §5): which key does what on which screen, as
//! tables of `action_for` rows, and the flows a user relies on, driven by real
//! key presses through `action_for` and `App::update`.

use altitude::model::catalog::Library;
use altitude::model::session::{CheckInStatus, Commitment, Session};
use altitude::model::time::Timestamp;
use altitude::model::{Answer, Kind, Mode, Profile, Stage};
use altitude::sessions::History;
use altitude::store::Config;
use altitude::tui::action::Action;
use altitude::tui::app::{App, Effect, Overlay, ProfileField, Screen};
use altitude::tui::keys::{action_for, footer};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::path::PathBuf;

const NOW: Timestamp = Timestamp(1_795_289_405);
const DAY: u64 = 86_400;

// ---------------------------------------------------------------- screens

fn home() -> Screen {
    Screen::Home { cursor: 0 }
}

fn picker() -> Screen {
    Screen::Picker {
        set: 0,
        mode: Mode::Solo,
    }
}

fn check_in() -> Screen {
    Screen::CheckIn { index: 0 }
}

fn profile(field: ProfileField) -> Screen {
    Screen::Profile {
        field,
        input: String::new(),
        error: None,
    }
}

fn question() -> Screen {
    Screen::Question {
        index: 0,
        cursor: None,
        why: false,
        text: false,
        points: 5,
        na: true,
    }
}

fn text_question() -> Screen {
    Screen::Question {
        index: 0,
        cursor: None,
        why: false,
        text: true,
        points: 0,
        na: true,
    }
}

fn results() -> Screen {
    Screen::Results {
        scroll: 0,
        method: false,
    }
}

fn suggestions() -> Screen {
    Screen::Suggestions { cursor: 0 }
}

fn saved() -> Screen {
    Screen::Saved {
        path: PathBuf::from("/home/me/.local/share/altitude/sessions/x.toml"),
    }
}

fn history() -> Screen {
    Screen::History { cursor: 0 }
}

fn sets() -> Screen {
    Screen::Sets { cursor: 0 }
}

const FIELDS: [ProfileField; 4] = [
    ProfileField::Reports,
    ProfileField::CodingShare,
    ProfileField::CriticalPath,
    ProfileField::Stage,
];

/// Every screen where keys are commands (not typed into a text field).
fn command_screens() -> Vec<Screen> {
    let mut all = vec![home(), picker(), check_in()];
    all.extend(FIELDS.map(profile));
    all.extend([
        question(),
        results(),
        suggestions(),
        saved(),
        history(),
        past(),
        sets(),
        Screen::Handover,
    ]);
    all
}

fn past() -> Screen {
    Screen::Past {
        index: 0,
        scroll: 0,
        method: false,
    }
}

fn all_screens() -> Vec<Screen> {
    let mut all = command_screens();
    all.push(text_question());
    all
}

// ---------------------------------------------------------------- keys

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::from(code)
}

fn ch(c: char) -> KeyEvent {
    KeyCode::Char(c).into()
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// The action for a key with no overlay open.
fn on(screen: &Screen, key: impl Into<KeyEvent>) -> Option<Action> {
    action_for(screen, None, key.into())
}

/// Checks a table of `(key, expected action)` rows on one screen and reports
/// every row that fails, not just the first.
fn check_rows(screen: &Screen, rows: &[(KeyEvent, Option<Action>)]) {
    let wrong: Vec<String> = rows
        .iter()
        .filter_map(|(key, want)| {
            let got = on(screen, *key);
            (got != *want).then(|| format!("{:?}: want {want:?}, got {got:?}", key.code))
        })
        .collect();
    assert!(wrong.is_empty(), "on {screen:?}:\n{}", wrong.join("\n"));
}

#[test]
fn q_quits_question_mark_helps_and_esc_goes_back_on_every_screen() {
    for screen in command_screens() {
        check_rows(
            &screen,
            &[
                (ch('q'), Some(Action::Quit)),
                (ch('?'), Some(Action::Help)),
                (key(KeyCode::Esc), Some(Action::Back)),
            ],
        );
    }
}

#[test]
fn ctrl_c_quits_at_once_on_every_screen_and_overlay() {
    for screen in all_screens() {
        assert_eq!(
            on(&screen, ctrl('c')),
            Some(Action::ForceQuit),
            "{screen:?}"
        );
        for overlay in [
            Overlay::Help,
            Overlay::ConfirmQuit,
            Overlay::ConfirmNew,
            Overlay::Note,
        ] {
            assert_eq!(
                action_for(&screen, Some(&overlay), ctrl('c')),
                Some(Action::ForceQuit),
                "{screen:?} under {overlay:?}"
            );
        }
    }
}

#[test]
fn other_ctrl_chords_do_nothing_except_in_an_editor() {
    for screen in command_screens() {
        assert_eq!(on(&screen, ctrl('q')), None, "{screen:?}");
        assert_eq!(on(&screen, ctrl('s')), None, "{screen:?}");
    }
    // The reflection box is an editor: its own shortcuts (Ctrl-A: line start) work.
    assert_eq!(
        on(&text_question(), ctrl('a')),
        Some(Action::Edit(ctrl('a')))
    );
}

#[test]
fn a_key_release_is_not_a_second_press() {
    let mut release = ch('3');
    release.kind = KeyEventKind::Release;
    for screen in all_screens() {
        assert_eq!(on(&screen, release), None, "{screen:?}");
    }
}

#[test]
fn arrows_vim_keys_and_enter_move_and_choose_in_lists() {
    for screen in [
        home(),
        picker(),
        results(),
        suggestions(),
        history(),
        sets(),
    ] {
        check_rows(
            &screen,
            &[
                (key(KeyCode::Up), Some(Action::Up)),
                (ch('k'), Some(Action::Up)),
                (key(KeyCode::Down), Some(Action::Down)),
                (ch('j'), Some(Action::Down)),
                (key(KeyCode::Enter), Some(Action::Enter)),
            ],
        );
    }
}

#[test]
fn home_keys_start_resume_and_open_history_and_sets() {
    check_rows(
        &home(),
        &[
            (ch('n'), Some(Action::NewSession)),
            (ch('r'), Some(Action::Resume)),
            (ch('h'), Some(Action::OpenHistory)),
            (ch('s'), Some(Action::OpenSets)),
            (ch('3'), None),
        ],
    );
}

#[test]
fn picker_tab_and_m_change_the_mode() {
    check_rows(
        &picker(),
        &[
            (key(KeyCode::Tab), Some(Action::CycleMode)),
            (ch('m'), Some(Action::CycleMode)),
        ],
    );
}

#[test]
fn question_keys_answer_move_skip_go_back_and_explain() {
    let mut rows: Vec<(KeyEvent, Option<Action>)> = (1..=5u8)
        .map(|n| (ch(char::from(b'0' + n)), Some(Action::Answer(n))))
        .collect();
    rows.extend([
        (key(KeyCode::Left), Some(Action::Left)),
        (ch('h'), Some(Action::Left)),
        (key(KeyCode::Right), Some(Action::Right)),
        (ch('l'), Some(Action::Right)),
        (key(KeyCode::Enter), Some(Action::Enter)),
        (ch('0'), Some(Action::NotApplicable)),
        (ch('x'), Some(Action::NotApplicable)),
        (ch('s'), Some(Action::Skip)),
        (key(KeyCode::Backspace), Some(Action::Previous)),
        (ch('b'), Some(Action::Previous)),
        (ch('w'), Some(Action::ToggleWhy)),
        (ch('n'), Some(Action::Note)),
    ]);
    check_rows(&question(), &rows);
}

#[test]
fn check_in_keys_say_how_a_commitment_went() {
    check_rows(
        &check_in(),
        &[
            (ch('d'), Some(Action::CheckIn(CheckInStatus::Done))),
            (ch('p'), Some(Action::CheckIn(CheckInStatus::Partly))),
            (ch('x'), Some(Action::CheckIn(CheckInStatus::NotDone))),
            (ch('s'), Some(Action::CheckIn(CheckInStatus::Skipped))),
            (ch('1'), None),
        ],
    );
}

#[test]
fn number_fields_take_digits_backspace_and_enter_only() {
    for field in [ProfileField::Reports, ProfileField::CodingShare] {
        let mut rows: Vec<(KeyEvent, Option<Action>)> = (0..=9u8)
            .map(|d| (ch(char::from(b'0' + d)), Some(Action::Digit(d))))
            .collect();
        rows.extend([
            (key(KeyCode::Backspace), Some(Action::Backspace)),
            (key(KeyCode::Enter), Some(Action::Enter)),
            (ch('y'), None),
            (ch('-'), None),
        ]);
        check_rows(&profile(field), &rows);
    }
}

#[test]
fn critical_path_takes_y_or_n_and_enter_keeps() {
    check_rows(
        &profile(ProfileField::CriticalPath),
        &[
            (ch('y'), Some(Action::Yes)),
            (ch('n'), Some(Action::No)),
            (key(KeyCode::Enter), Some(Action::Enter)),
            (ch('1'), None),
        ],
    );
}

#[test]
fn stage_takes_1_to_3_and_enter_keeps() {
    check_rows(
        &profile(ProfileField::Stage),
        &[
            (ch('1'), Some(Action::Stage(1))),
            (ch('2'), Some(Action::Stage(2))),
            (ch('3'), Some(Action::Stage(3))),
            (ch('4'), None),
            (ch('0'), None),
            (key(KeyCode::Enter), Some(Action::Enter)),
            (ch('y'), None),
        ],
    );
}

#[test]
fn results_keys_go_on_export_and_show_the_method() {
    check_rows(
        &results(),
        &[
            (key(KeyCode::Enter), Some(Action::Enter)),
            (ch('e'), Some(Action::Export)),
            (ch('m'), Some(Action::ToggleMethod)),
            (ch('b'), Some(Action::Previous)),
        ],
    );
}

#[test]
fn suggestions_space_picks_and_enter_saves() {
    check_rows(
        &suggestions(),
        &[
            (ch(' '), Some(Action::Toggle)),
            (key(KeyCode::Enter), Some(Action::Enter)),
        ],
    );
}

#[test]
fn saved_screen_goes_home_exports_or_opens_history() {
    check_rows(
        &saved(),
        &[
            (key(KeyCode::Enter), Some(Action::Enter)),
            (ch('e'), Some(Action::Export)),
            (ch('h'), Some(Action::OpenHistory)),
        ],
    );
}

#[test]
fn history_e_exports_the_selected_session() {
    check_rows(&history(), &[(ch('e'), Some(Action::Export))]);
}

#[test]
fn handover_enter_gives_the_coach_the_keyboard_and_s_skips() {
    check_rows(
        &Screen::Handover,
        &[
            (key(KeyCode::Enter), Some(Action::StartOther)),
            (ch('s'), Some(Action::Skip)),
        ],
    );
}

#[test]
fn the_note_editor_takes_every_key_and_esc_closes_it() {
    let note = Some(&Overlay::Note);
    let screen = question();
    assert_eq!(
        action_for(&screen, note, key(KeyCode::Esc)),
        Some(Action::Back)
    );
    for k in [
        ch('q'),
        ch('?'),
        ch('3'),
        key(KeyCode::Enter),
        key(KeyCode::Backspace),
    ] {
        assert_eq!(
            action_for(&screen, note, k),
            Some(Action::Edit(k)),
            "{:?} belongs to the note",
            k.code
        );
    }
}

#[test]
fn a_text_field_takes_every_printable_key_as_typing() {
    let field = text_question();
    for c in ['a', 'Z', 'q', '?', '3', 'x', 's', 'b', 'w', ' ', 'é', '—'] {
        assert_eq!(on(&field, ch(c)), Some(Action::Edit(ch(c))), "typing {c:?}");
    }
    check_rows(
        &field,
        &[
            (
                key(KeyCode::Backspace),
                Some(Action::Edit(key(KeyCode::Backspace))),
            ),
            (key(KeyCode::Enter), Some(Action::Enter)),
            (key(KeyCode::Tab), Some(Action::Skip)),
            (key(KeyCode::Esc), Some(Action::Previous)),
        ],
    );
}

#[test]
fn help_overlay_closes_on_esc_or_question_mark_and_swallows_other_keys() {
    let help = Some(&Overlay::Help);
    for screen in all_screens() {
        assert_eq!(
            action_for(&screen, help, key(KeyCode::Esc)),
            Some(Action::Back)
        );
        assert_eq!(action_for(&screen, help, ch('?')), Some(Action::Back));
        assert_eq!(action_for(&screen, help, ch('q')), Some(Action::Quit));
        assert_eq!(action_for(&screen, help, ch('3')), None, "{screen:?}");
        assert_eq!(action_for(&screen, help, ch(' ')), None, "{screen:?}");
    }
}

#[test]
fn quit_confirmation_takes_y_to_quit_and_n_or_esc_to_stay() {
    let confirm = Some(&Overlay::ConfirmQuit);
    for screen in all_screens() {
        assert_eq!(action_for(&screen, confirm, ch('y')), Some(Action::Yes));
        assert_eq!(action_for(&screen, confirm, ch('n')), Some(Action::No));
        assert_eq!(
            action_for(&screen, confirm, key(KeyCode::Esc)),
            Some(Action::No)
        );
        assert_eq!(action_for(&screen, confirm, ch('3')), None, "{screen:?}");
        assert_eq!(
            action_for(&screen, confirm, key(KeyCode::Enter)),
            None,
            "Enter must not quit by accident on {screen:?}"
        );
    }
}

// ---------------------------------------------------------------- footer hints

/// The footer as (keys, word) pairs.
fn hints(
    screen: &Screen,
    overlay: Option<&Overlay>,
    coaching: bool,
) -> Vec<(&'static str, &'static str)> {
    footer(screen, overlay, coaching)
        .iter()
        .map(|b| (b.label, b.hint))
        .collect()
}

/// The keys a hint names: `"↑↓ Enter"`, `"0/x"`, `"1-5"`, `"Space"`, …
fn keys_named(hint: &str) -> Vec<KeyEvent> {
    let mut keys = Vec::new();
    for token in hint.split_whitespace().flat_map(|t| t.split('/')) {
        let chars: Vec<char> = token.chars().collect();
        match (token, chars.as_slice()) {
            ("type", _) => {}
            ("Enter", _) => keys.push(key(KeyCode::Enter)),
            ("Esc", _) => keys.push(key(KeyCode::Esc)),
            ("Tab", _) => keys.push(key(KeyCode::Tab)),
            ("Space", _) => keys.push(ch(' ')),
            ("Backspace", _) => keys.push(key(KeyCode::Backspace)),
            ("Ctrl-C", _) => keys.push(ctrl('c')),
            ("↑↓", _) => keys.extend([key(KeyCode::Up), key(KeyCode::Down)]),
            ("←→", _) => keys.extend([key(KeyCode::Left), key(KeyCode::Right)]),
            (_, [from, '-', to]) => keys.extend((*from..=*to).map(ch)),
            (_, [c]) => keys.push(ch(*c)),
            _ => panic!("a footer names a key this test cannot read: {token:?} in {hint:?}"),
        }
    }
    keys
}

fn screens_with_overlays() -> Vec<(Screen, Option<Overlay>, bool)> {
    let mut all: Vec<(Screen, Option<Overlay>, bool)> = all_screens()
        .into_iter()
        .map(|s| (s, None, false))
        .collect();
    all.push((question(), None, true));
    for overlay in [Overlay::Help, Overlay::ConfirmQuit] {
        all.push((question(), Some(overlay), false));
    }
    all.push((question(), Some(Overlay::Note), true));
    all.push((home(), Some(Overlay::ConfirmNew), false));
    all
}

#[test]
fn every_screen_and_overlay_has_footer_hints() {
    for (screen, overlay, coaching) in screens_with_overlays() {
        let table = hints(&screen, overlay.as_ref(), coaching);
        assert!(!table.is_empty(), "{screen:?} {overlay:?}");
        for (key, what) in table {
            assert!(
                !key.trim().is_empty() && !what.trim().is_empty(),
                "blank hint on {screen:?} {overlay:?}"
            );
        }
    }
}

#[test]
fn every_footer_shows_a_way_out() {
    for (screen, overlay, coaching) in screens_with_overlays() {
        let table = hints(&screen, overlay.as_ref(), coaching);
        assert!(
            table
                .iter()
                .any(|(key, _)| key.split('/').any(|k| k == "q" || k == "Esc")),
            "no q or Esc in the footer of {screen:?} {overlay:?}: {table:?}"
        );
    }
}

#[test]
fn every_key_a_footer_shows_does_something_there() {
    for (screen, overlay, coaching) in screens_with_overlays() {
        for (hint, what) in hints(&screen, overlay.as_ref(), coaching) {
            for key in keys_named(hint) {
                assert!(
                    action_for(&screen, overlay.as_ref(), key).is_some(),
                    "footer says {hint:?} {what:?}, but {:?} does nothing on {screen:?} {overlay:?}",
                    key.code
                );
            }
        }
    }
}

/// The footer's promise, exactly: each key its label names gives the very
/// action of that row, on that screen (no other row or global key wins).
#[test]
fn each_footer_key_gives_exactly_the_action_its_hint_names() {
    for (screen, overlay, coaching) in screens_with_overlays() {
        for b in footer(&screen, overlay.as_ref(), coaching) {
            for key in keys_named(b.label) {
                let want = b.resolve(key);
                assert!(
                    want.is_some(),
                    "{:?} {:?}: the label names {:?}, which the row does not bind",
                    b.label,
                    b.hint,
                    key.code
                );
                assert_eq!(
                    action_for(&screen, overlay.as_ref(), key),
                    want,
                    "footer {:?} {:?} on {screen:?} {overlay:?}",
                    b.label,
                    b.hint
                );
            }
        }
    }
}

#[test]
fn coaching_footer_offers_notes_and_solo_does_not() {
    let shows_n = |coaching| {
        hints(&question(), None, coaching)
            .iter()
            .any(|(k, _)| *k == "n")
    };
    assert!(shows_n(true));
    assert!(!shows_n(false));
}

// ---------------------------------------------------------------- flows

fn library() -> Library {
    Library::builtin().expect("the built-in library loads")
}

fn new_app(history: History, unfinished: Option<Session>) -> App {
    App::new(library(), Config::default(), history, unfinished, NOW)
}

/// One key press, the way the run loop handles it.
fn press(app: &mut App, key: impl Into<KeyEvent>) -> Option<Effect> {
    let action = action_for(&app.screen, app.overlay.as_ref(), key.into())?;
    app.update(action)
}

/// Types `keys`: `\n` is Enter, anything else is that character.
fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let pressed = if c == '\n' {
            key(KeyCode::Enter)
        } else {
            ch(c)
        };
        press(app, pressed);
    }
}

/// From home: `n`, then `j`/`k` to `set_id` in the picker.
fn open_picker_on(app: &mut App, set_id: &str) {
    press(app, ch('n'));
    let target = app
        .self_sets()
        .iter()
        .position(|s| s.id == set_id)
        .expect("the picker offers the set");
    for _ in 0..app.library.sets.len() {
        let Screen::Picker { set, .. } = app.screen else {
            panic!("n on home should open the picker, got {:?}", app.screen);
        };
        if set == target {
            return;
        }
        press(app, ch(if set < target { 'j' } else { 'k' }));
    }
    panic!("could not reach {set_id} in the picker");
}

/// A fresh app on the first question of `set_id`, after the profile
/// (7 reports, 25%, not on the critical path, growth stage).
fn at_first_question(set_id: &str) -> App {
    let mut app = new_app(History::default(), None);
    open_picker_on(&mut app, set_id);
    type_keys(&mut app, "\n7\n25\nn2");
    assert_eq!(question_index(&app), 0, "{:?}", app.screen);
    app
}

fn question_index(app: &App) -> usize {
    match app.screen {
        Screen::Question { index, .. } => index,
        ref other => panic!("expected a question, got {other:?}"),
    }
}

fn question_cursor(app: &App) -> Option<u8> {
    match app.screen {
        Screen::Question { cursor, .. } => cursor,
        ref other => panic!("expected a question, got {other:?}"),
    }
}

fn item_id(app: &App, index: usize) -> String {
    app.active.as_ref().expect("a session").asked.items[index]
        .id
        .clone()
}

fn answer(app: &App, index: usize) -> Option<Answer> {
    let active = app.active.as_ref().expect("a session");
    active.session.answers.get(&item_id(app, index)).cloned()
}

fn session(app: &App) -> &Session {
    &app.active.as_ref().expect("a session").session
}

#[test]
fn a_digit_answers_records_and_moves_to_the_next_question() {
    let mut app = at_first_question("quick");
    assert!(matches!(
        press(&mut app, ch('4')),
        Some(Effect::SaveProgress(_))
    ));
    assert_eq!(question_index(&app), 1);
    assert_eq!(answer(&app, 0), Some(Answer::Value(4)));
    for (i, key) in ['1', '5'].into_iter().enumerate() {
        press(&mut app, ch(key));
        assert_eq!(
            answer(&app, i + 1),
            key.to_digit(10).map(|v| Answer::Value(v as u8))
        );
    }
    assert_eq!(question_index(&app), 3);
}

#[test]
fn a_digit_beyond_the_scale_is_ignored() {
    let mut app = at_first_question("quick");
    assert_eq!(press(&mut app, ch('6')), None);
    assert_eq!(question_index(&app), 0);
    assert_eq!(answer(&app, 0), None);
}

#[test]
fn b_and_backspace_go_back_with_the_earlier_answer_under_the_cursor() {
    let mut app = at_first_question("quick");
    type_keys(&mut app, "42");
    press(&mut app, ch('b'));
    assert_eq!((question_index(&app), question_cursor(&app)), (1, Some(2)));
    press(&mut app, KeyCode::Backspace);
    assert_eq!((question_index(&app), question_cursor(&app)), (0, Some(4)));
    // Changing the answer on the way back replaces the earlier one.
    press(&mut app, ch('5'));
    assert_eq!(answer(&app, 0), Some(Answer::Value(5)));
    assert_eq!(
        answer(&app, 1),
        Some(Answer::Value(2)),
        "later answers stay"
    );
}

#[test]
fn going_back_to_a_not_applicable_answer_puts_the_cursor_on_it() {
    let mut app = at_first_question("quick");
    type_keys(&mut app, "xb");
    assert_eq!((question_index(&app), question_cursor(&app)), (0, Some(0)));
}

#[test]
fn zero_or_x_records_not_applicable() {
    let mut app = at_first_question("quick");
    type_keys(&mut app, "0x");
    assert_eq!(answer(&app, 0), Some(Answer::NotApplicable));
    assert_eq!(answer(&app, 1), Some(Answer::NotApplicable));
    assert_eq!(question_index(&app), 2);
}

#[test]
fn s_skips_without_recording_an_answer() {
    let mut app = at_first_question("quick");
    assert!(matches!(
        press(&mut app, ch('s')),
        Some(Effect::SaveProgress(_))
    ));
    assert_eq!(question_index(&app), 1);
    assert_eq!(answer(&app, 0), None);
    assert!(session(&app).answers.is_empty());
}

#[test]
fn arrows_move_along_the_scale_and_enter_answers_under_the_cursor() {
    let mut app = at_first_question("quick");
    assert_eq!(
        question_cursor(&app),
        None,
        "the cursor starts on no answer"
    );
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        None,
        "Enter on no answer waits"
    );
    assert_eq!((question_index(&app), answer(&app, 0)), (0, None));
    press(&mut app, KeyCode::Right);
    assert_eq!(question_cursor(&app), Some(1), "the first move lands on 1");
    type_keys(&mut app, "llllll");
    assert_eq!(
        question_cursor(&app),
        Some(5),
        "the cursor stops at the end"
    );
    press(&mut app, KeyCode::Left);
    press(&mut app, ch('h'));
    assert_eq!(question_cursor(&app), Some(3));
    assert_eq!(answer(&app, 0), None, "moving does not answer");
    press(&mut app, KeyCode::Enter);
    assert_eq!(answer(&app, 0), Some(Answer::Value(3)));
    // The next question starts on no answer again; left of 1 is "not applicable".
    assert_eq!(question_cursor(&app), None);
    type_keys(&mut app, "lhhhh");
    assert_eq!(question_cursor(&app), Some(0));
    press(&mut app, KeyCode::Enter);
    assert_eq!(answer(&app, 1), Some(Answer::NotApplicable));
}

#[test]
fn w_shows_and_hides_why_this_matters() {
    let mut app = at_first_question("quick");
    let why = |app: &App| matches!(app.screen, Screen::Question { why: true, .. });
    assert!(!why(&app));
    press(&mut app, ch('w'));
    assert!(why(&app));
    press(&mut app, ch('w'));
    assert!(!why(&app));
}

#[test]
fn q_mid_session_asks_to_confirm_instead_of_quitting() {
    let mut app = at_first_question("quick");
    assert_eq!(press(&mut app, ch('q')), None);
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    assert!(!app.quit);
    press(&mut app, ch('n'));
    assert_eq!(app.overlay, None);
    assert_eq!(question_index(&app), 0, "staying keeps the place");
    press(&mut app, ch('q'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    assert!(!app.quit);
    press(&mut app, ch('q'));
    assert_eq!(press(&mut app, ch('y')), Some(Effect::Quit));
    assert!(app.quit);
}

#[test]
fn q_on_home_quits_at_once() {
    let mut app = new_app(History::default(), None);
    assert_eq!(press(&mut app, ch('q')), Some(Effect::Quit));
    assert!(app.quit);
    assert_eq!(app.overlay, None);
}

#[test]
fn ctrl_c_mid_session_quits_without_asking() {
    let mut app = at_first_question("quick");
    assert_eq!(press(&mut app, ctrl('c')), Some(Effect::Quit));
    assert!(app.quit);
}

#[test]
fn help_opens_with_question_mark_and_keys_underneath_wait() {
    let mut app = at_first_question("quick");
    press(&mut app, ch('?'));
    assert_eq!(app.overlay, Some(Overlay::Help));
    press(&mut app, ch('3'));
    assert_eq!(
        answer(&app, 0),
        None,
        "a key under the help overlay answers nothing"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    press(&mut app, ch('?'));
    press(&mut app, ch('?'));
    assert_eq!(app.overlay, None);
    assert_eq!(question_index(&app), 0);
}

#[test]
fn esc_on_the_picker_goes_home() {
    let mut app = new_app(History::default(), None);
    press(&mut app, ch('n'));
    assert!(matches!(app.screen, Screen::Picker { .. }));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Home { .. }));
}

#[test]
fn home_menu_moves_with_j_and_k_and_enter_chooses() {
    let mut app = new_app(History::default(), None);
    type_keys(&mut app, "jjk");
    assert_eq!(app.screen, Screen::Home { cursor: 1 });
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    assert_eq!(
        app.screen,
        Screen::Home { cursor: 0 },
        "the cursor stops at the top"
    );
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Picker { .. }));
}

#[test]
fn h_and_s_on_home_open_history_and_the_set_browser() {
    let mut app = new_app(History::default(), None);
    press(&mut app, ch('h'));
    assert!(matches!(app.screen, Screen::History { .. }));
    press(&mut app, KeyCode::Esc);
    press(&mut app, ch('s'));
    assert!(matches!(app.screen, Screen::Sets { .. }));
}

#[test]
fn r_with_nothing_to_resume_says_so() {
    let mut app = new_app(History::default(), None);
    press(&mut app, ch('r'));
    assert!(matches!(app.screen, Screen::Home { .. }));
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("no unfinished session"), "{status:?}");
}

#[test]
fn r_resumes_the_unfinished_session_where_it_stopped() {
    let lib = library();
    let quick = lib.set("quick").expect("quick set");
    let mut unfinished = Session::new("quick", Mode::Solo, Timestamp(NOW.0 - DAY));
    unfinished.profile = Some(a_profile());
    unfinished.position = 2;
    unfinished
        .answers
        .insert(quick.items[0].id.clone(), Answer::Value(4));
    unfinished
        .answers
        .insert(quick.items[1].id.clone(), Answer::Value(2));
    let mut app = new_app(History::default(), Some(unfinished));
    press(&mut app, ch('r'));
    assert_eq!(question_index(&app), 2);
    press(&mut app, ch('b'));
    assert_eq!(question_cursor(&app), Some(2), "earlier answers came back");
}

fn a_profile() -> Profile {
    Profile {
        reports: 12,
        coding_share: 40,
        critical_path: true,
        stage: Stage::Scale,
    }
}

fn finished_session(days_ago: u64, commitments: &[&str]) -> Session {
    let lib = library();
    let mut s = Session::new("quick", Mode::Solo, Timestamp(NOW.0 - days_ago * DAY));
    s.profile = Some(a_profile());
    s.finished = Some(Timestamp(NOW.0 - days_ago * DAY + 600));
    for item in &lib.set("quick").expect("quick set").items {
        s.answers.insert(item.id.clone(), Answer::Value(3));
    }
    s.commitments = commitments
        .iter()
        .map(|id| {
            let p = lib
                .practices
                .iter()
                .find(|p| p.id == *id)
                .expect("practice exists");
            Commitment {
                practice: p.id.clone(),
                title: p.title.clone(),
                due: None,
            }
        })
        .collect();
    s
}

fn practice_ids(n: usize) -> Vec<String> {
    library()
        .practices
        .iter()
        .take(n)
        .map(|p| p.id.clone())
        .collect()
}

#[test]
fn profile_is_prefilled_from_last_time_and_enter_keeps_it() {
    let history = History {
        sessions: vec![finished_session(30, &[])],
        problems: vec![],
    };
    let mut app = new_app(history, None);
    open_picker_on(&mut app, "quick");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.screen,
        Screen::Profile {
            field: ProfileField::Reports,
            input: "12".into(),
            error: None
        }
    );
    type_keys(&mut app, "\n\n\n\n");
    assert_eq!(question_index(&app), 0);
    assert_eq!(session(&app).profile, Some(a_profile()));
}

#[test]
fn profile_answers_are_saved_with_the_session() {
    let app = at_first_question("quick");
    assert_eq!(
        session(&app).profile,
        Some(Profile {
            reports: 7,
            coding_share: 25,
            critical_path: false,
            stage: Stage::Growth
        })
    );
}

#[test]
fn profile_y_and_stage_digits_set_their_fields() {
    let mut app = new_app(History::default(), None);
    open_picker_on(&mut app, "quick");
    type_keys(&mut app, "\n0\n100\ny3");
    assert_eq!(
        session(&app).profile,
        Some(Profile {
            reports: 0,
            coding_share: 100,
            critical_path: true,
            stage: Stage::Scale
        })
    );
}

#[test]
fn profile_refuses_a_number_out_of_range_and_says_why() {
    let mut app = new_app(History::default(), None);
    open_picker_on(&mut app, "quick");
    type_keys(&mut app, "\n999\n");
    let Screen::Profile { field, error, .. } = &app.screen else {
        panic!("still on the profile, got {:?}", app.screen);
    };
    assert_eq!(*field, ProfileField::Reports);
    let error = error.clone().unwrap_or_default();
    assert!(error.contains("0 to 500"), "{error:?}");
    press(&mut app, KeyCode::Backspace);
    type_keys(&mut app, "\n101\n");
    let Screen::Profile { field, error, .. } = &app.screen else {
        panic!("still on the profile, got {:?}", app.screen);
    };
    assert_eq!(*field, ProfileField::CodingShare);
    assert!(error.as_deref().unwrap_or_default().contains("0 to 100"));
}

#[test]
fn profile_enter_on_an_empty_yes_no_asks_for_y_or_n() {
    let mut app = new_app(History::default(), None);
    open_picker_on(&mut app, "quick");
    type_keys(&mut app, "\n5\n10\n\n");
    let Screen::Profile { field, error, .. } = &app.screen else {
        panic!("still on the profile, got {:?}", app.screen);
    };
    assert_eq!(*field, ProfileField::CriticalPath);
    assert!(error.as_deref().unwrap_or_default().contains("y or n"));
}

#[test]
fn check_in_keys_record_each_status() {
    let ids = practice_ids(1);
    for (key, status) in [
        ('d', CheckInStatus::Done),
        ('p', CheckInStatus::Partly),
        ('x', CheckInStatus::NotDone),
        ('s', CheckInStatus::Skipped),
    ] {
        let history = History {
            sessions: vec![finished_session(30, &[ids[0].as_str()])],
            problems: vec![],
        };
        let mut app = new_app(history, None);
        open_picker_on(&mut app, "quick");
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.screen, Screen::CheckIn { index: 0 });
        press(&mut app, ch(key));
        let checkins = &session(&app).checkins;
        assert_eq!(checkins.len(), 1);
        assert_eq!(checkins[0].status, status, "key {key}");
        assert_eq!(checkins[0].practice, ids[0]);
        assert!(
            matches!(app.screen, Screen::Profile { .. }),
            "after the last check-in comes the profile"
        );
    }
}

#[test]
fn check_in_asks_about_each_commitment_in_turn() {
    let ids = practice_ids(2);
    let history = History {
        sessions: vec![finished_session(30, &[ids[0].as_str(), ids[1].as_str()])],
        problems: vec![],
    };
    let mut app = new_app(history, None);
    open_picker_on(&mut app, "quick");
    type_keys(&mut app, "\np");
    assert_eq!(app.screen, Screen::CheckIn { index: 1 });
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.screen,
        Screen::CheckIn { index: 0 },
        "Esc goes back one"
    );
    type_keys(&mut app, "dx");
    let statuses: Vec<CheckInStatus> = session(&app).checkins.iter().map(|c| c.status).collect();
    assert_eq!(statuses, [CheckInStatus::Done, CheckInStatus::NotDone]);
}

/// Answers the quick set alternately 1 and 5 (enough for four suggestions) and lands on results.
fn at_results() -> App {
    let mut app = at_first_question("quick");
    let count = app.active.as_ref().expect("a session").asked.items.len();
    for i in 0..count {
        press(&mut app, ch(if i % 2 == 0 { '1' } else { '5' }));
    }
    assert!(
        matches!(app.screen, Screen::Results { .. }),
        "{:?}",
        app.screen
    );
    app
}

#[test]
fn answering_the_last_question_scores_the_session() {
    let app = at_results();
    let active = app.active.as_ref().expect("a session");
    assert!(active.assessment.is_some());
    assert_eq!(active.session.answers.len(), active.asked.items.len());
}

#[test]
fn results_m_toggles_the_method_and_e_exports() {
    let mut app = at_results();
    press(&mut app, ch('m'));
    assert!(matches!(app.screen, Screen::Results { method: true, .. }));
    press(&mut app, ch('m'));
    assert!(matches!(app.screen, Screen::Results { method: false, .. }));
    assert!(matches!(
        press(&mut app, ch('e')),
        Some(Effect::Export { .. })
    ));
}

#[test]
fn v_on_results_asks_before_reading_evidence_and_n_or_esc_cancel() {
    let mut app = at_results();
    app.config.evidence.calendars = vec!["work.ics".into()];
    assert_eq!(press(&mut app, ch('v')), None);
    assert_eq!(app.overlay, Some(Overlay::ConfirmEvidence));
    assert_eq!(press(&mut app, ch('n')), None);
    assert_eq!(app.overlay, None);
    press(&mut app, ch('v'));
    assert_eq!(press(&mut app, KeyCode::Esc), None);
    assert_eq!(app.overlay, None);
    press(&mut app, ch('v'));
    assert!(matches!(
        press(&mut app, ch('y')),
        Some(Effect::AttachEvidence(_))
    ));
    assert_eq!(app.overlay, None);
    // A failure to read leaves the session as it was and says why.
    assert!(!app.attach_evidence(Err("work.ics: cannot read".into())));
    assert_eq!(
        app.active.as_ref().and_then(|a| a.session.evidence.clone()),
        None
    );
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.contains("work.ics: cannot read"))
    );
}

#[test]
fn b_on_results_goes_back_to_the_last_question_to_change_it() {
    let mut app = at_results();
    let last = app.active.as_ref().expect("a session").asked.items.len() - 1;
    press(&mut app, ch('b'));
    assert_eq!(question_index(&app), last);
    press(&mut app, ch('1'));
    assert!(matches!(app.screen, Screen::Results { .. }));
    assert_eq!(answer(&app, last), Some(Answer::Value(1)));
}

fn at_suggestions() -> App {
    let mut app = at_results();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Suggestions { cursor: 0 });
    app
}

fn picked(app: &App) -> Vec<String> {
    session(app)
        .commitments
        .iter()
        .map(|c| c.practice.clone())
        .collect()
}

#[test]
fn space_picks_at_most_three_commitments() {
    let mut app = at_suggestions();
    let offered = app
        .active
        .as_ref()
        .and_then(|a| a.assessment.as_ref())
        .map_or(0, |a| a.suggestions.len());
    assert!(
        offered >= 4,
        "need 4 suggestions to test the limit, got {offered}"
    );
    type_keys(&mut app, " j j j ");
    assert_eq!(picked(&app).len(), 3);
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("up to 3"), "{status:?}");
    // Unpicking one makes room again.
    type_keys(&mut app, "k ");
    assert_eq!(picked(&app).len(), 2);
    type_keys(&mut app, "j ");
    assert_eq!(picked(&app).len(), 3);
}

#[test]
fn space_twice_unpicks() {
    let mut app = at_suggestions();
    assert!(matches!(
        press(&mut app, ch(' ')),
        Some(Effect::SaveProgress(_))
    ));
    assert_eq!(picked(&app).len(), 1);
    press(&mut app, ch(' '));
    assert!(picked(&app).is_empty());
}

#[test]
fn enter_on_suggestions_saves_the_finished_session() {
    let mut app = at_suggestions();
    press(&mut app, ch(' '));
    assert!(matches!(
        press(&mut app, KeyCode::Enter),
        Some(Effect::SaveFinished(_))
    ));
    assert_eq!(session(&app).finished, Some(NOW));
    let path = PathBuf::from("/home/me/.local/share/altitude/sessions/x.toml");
    app.saved(path.clone());
    assert_eq!(app.screen, Screen::Saved { path });
    assert_eq!(app.history.sessions.len(), 1);
    assert_eq!(app.history.sessions[0].commitments.len(), 1);
    assert_eq!(app.summaries.len(), 1, "history shows the new session");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Home { .. }));
    assert!(app.active.is_none());
}

#[test]
fn a_failed_save_keeps_the_session_open() {
    let mut app = at_suggestions();
    press(&mut app, KeyCode::Enter);
    app.save_failed("Not saved: disk full".into());
    assert!(matches!(app.screen, Screen::Suggestions { .. }));
    assert_eq!(session(&app).finished, None);
    assert!(
        app.status
            .as_deref()
            .unwrap_or_default()
            .contains("disk full")
    );
}

/// Skips up to the first item of `kind` in the core set.
fn at_first_core_item(kind: Kind) -> App {
    let mut app = at_first_question("core");
    let index = app
        .active
        .as_ref()
        .and_then(|a| a.asked.items.iter().position(|i| i.kind == kind))
        .expect("core has one");
    for _ in 0..index {
        press(&mut app, ch('s'));
    }
    assert_eq!(question_index(&app), index);
    app
}

#[test]
fn a_text_question_takes_typed_text_including_command_letters() {
    let mut app = at_first_core_item(Kind::Text);
    let index = question_index(&app);
    type_keys(&mut app, "Hand off q? now!x");
    press(&mut app, KeyCode::Backspace);
    assert!(!app.quit);
    assert_eq!(app.overlay, None);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        answer(&app, index),
        Some(Answer::Text("Hand off q? now!".into()))
    );
}

#[test]
fn an_empty_text_answer_is_not_recorded() {
    let mut app = at_first_core_item(Kind::Text);
    let index = question_index(&app);
    type_keys(&mut app, "   \n");
    assert_eq!(answer(&app, index), None);
}

#[test]
fn a_choice_question_answers_with_its_option_number() {
    let mut app = at_first_core_item(Kind::Choice);
    let index = question_index(&app);
    let options = app.active.as_ref().expect("a session").asked.items[index]
        .options
        .len();
    assert!(options >= 2);
    press(&mut app, ch(char::from(b'0' + options as u8)));
    assert_eq!(answer(&app, index), Some(Answer::Value(options as u8)));
}

#[test]
fn picker_tab_cycles_solo_coaching_onboarding() {
    let mut app = new_app(History::default(), None);
    press(&mut app, ch('n'));
    let mode = |app: &App| match app.screen {
        Screen::Picker { mode, .. } => mode,
        ref other => panic!("expected the picker, got {other:?}"),
    };
    assert_eq!(mode(&app), Mode::Solo);
    press(&mut app, KeyCode::Tab);
    assert_eq!(mode(&app), Mode::Coaching);
    press(&mut app, ch('m'));
    assert_eq!(mode(&app), Mode::Onboarding);
    press(&mut app, KeyCode::Tab);
    assert_eq!(mode(&app), Mode::Solo);
}

/// A fresh app on the first question of `set_id` in coaching mode.
fn coaching_at_first_question(set_id: &str) -> App {
    let mut app = new_app(History::default(), None);
    open_picker_on(&mut app, set_id);
    press(&mut app, KeyCode::Tab);
    type_keys(&mut app, "\n7\n25\nn2");
    assert!(app.coaching());
    assert_eq!(question_index(&app), 0, "{:?}", app.screen);
    app
}

#[test]
fn n_in_coaching_opens_a_note_and_esc_keeps_what_was_typed() {
    let mut app = coaching_at_first_question("quick");
    press(&mut app, ch('n'));
    assert_eq!(app.overlay, Some(Overlay::Note));
    type_keys(&mut app, "quiet today; q?");
    assert!(!app.quit, "q in a note is a letter");
    assert!(matches!(
        press(&mut app, KeyCode::Esc),
        Some(Effect::SaveProgress(_))
    ));
    assert_eq!(app.overlay, None);
    assert_eq!(
        session(&app)
            .notes
            .get(&item_id(&app, 0))
            .map(String::as_str),
        Some("quiet today; q?")
    );
    assert_eq!(question_index(&app), 0, "the note does not answer");
    // Opening it again carries on from the saved text.
    press(&mut app, ch('n'));
    type_keys(&mut app, "!");
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        session(&app)
            .notes
            .get(&item_id(&app, 0))
            .map(String::as_str),
        Some("quiet today; q?!")
    );
}

#[test]
fn n_outside_coaching_opens_no_note() {
    let mut app = at_first_question("quick");
    press(&mut app, ch('n'));
    assert_eq!(app.overlay, None);
    assert!(session(&app).notes.is_empty());
}

/// A coaching session of the quick set with every question answered: the
/// handover screen.
fn at_handover() -> App {
    let mut app = coaching_at_first_question("quick");
    let count = app.active.as_ref().expect("a session").asked.items.len();
    for _ in 0..count {
        press(&mut app, ch('3'));
    }
    assert_eq!(app.screen, Screen::Handover);
    app
}

#[test]
fn coaching_hands_the_keyboard_to_the_coach_after_the_last_question() {
    let mut app = at_handover();
    press(&mut app, KeyCode::Enter);
    assert_eq!(question_index(&app), 0);
    let active = app.active.as_ref().expect("a session");
    assert!(active.rating_other);
    assert_eq!(active.current_set().id, "coach");
    press(&mut app, ch('4'));
    let other = session(&app).other.as_ref().expect("the coach's answers");
    assert_eq!(other.answers.len(), 1);
    assert_eq!(
        session(&app).answers.len(),
        active_items(&app),
        "the coach's answer does not touch the manager's"
    );
}

fn active_items(app: &App) -> usize {
    app.active.as_ref().expect("a session").asked.items.len()
}

#[test]
fn handover_s_skips_the_coach_and_shows_results() {
    let mut app = at_handover();
    press(&mut app, ch('s'));
    assert!(matches!(app.screen, Screen::Results { .. }));
}

#[test]
fn q_on_the_handover_screen_asks_to_confirm() {
    let mut app = at_handover();
    assert_eq!(press(&mut app, ch('q')), None);
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    assert!(!app.quit);
}
