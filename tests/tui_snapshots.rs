//! Every TUI screen at 80×24, as a user would see it with `NO_COLOR`: the app
//! is driven only by `Action`s (what the user's keys give) and drawn into a
//! `TestBackend`. The clock is fixed, so dates never change between runs.

use altitude::model::catalog::Library;
use altitude::model::session::{CheckIn, CheckInStatus, Commitment, Session};
use altitude::model::time::Timestamp;
use altitude::model::{Answer, Kind, Mode, Profile, Stage};
use altitude::sessions::History;
use altitude::store::Config;
use altitude::tui::action::Action;
use altitude::tui::app::{App, Effect, Screen};
use altitude::tui::theme::Theme;
use altitude::tui::view;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;

const NOW: Timestamp = Timestamp(1_795_289_405);
const DAY: u64 = 86_400;
const SAVED_AT: &str = "/home/me/.local/share/altitude/sessions/x.toml";

// ---------------------------------------------------------------- building apps

fn library() -> Library {
    Library::builtin().expect("the built-in library loads")
}

fn app_with(history: History, unfinished: Option<Session>) -> App {
    let mut app = App::new(library(), Config::default(), history, unfinished, NOW);
    app.theme = Theme::mono();
    app
}

fn new_app() -> App {
    app_with(History::default(), None)
}

fn history_of(sessions: Vec<Session>) -> History {
    History {
        sessions,
        problems: vec![],
    }
}

/// Feeds actions one by one, as the run loop would.
fn act(app: &mut App, actions: &[Action]) {
    for action in actions {
        app.update(action.clone());
    }
}

/// Clears a profile number field (it may be pre-filled), types `n`, then Enter.
fn number(app: &mut App, n: u32) {
    for _ in 0..3 {
        app.update(Action::Backspace);
    }
    for d in n.to_string().bytes() {
        app.update(Action::Digit(d - b'0'));
    }
    app.update(Action::Enter);
}

/// From home: the picker on `set_id` in `mode`.
fn open_picker(app: &mut App, set_id: &str, mode: Mode) {
    app.update(Action::NewSession);
    let target = app
        .self_sets()
        .iter()
        .position(|s| s.id == set_id)
        .expect("the picker offers the set");
    for _ in 0..app.library.sets.len() + Mode::ALL.len() {
        let Screen::Picker { set, mode: now } = app.screen else {
            panic!("expected the picker, got {:?}", app.screen);
        };
        let action = if set < target {
            Action::Down
        } else if set > target {
            Action::Up
        } else if now != mode {
            Action::CycleMode
        } else {
            return;
        };
        app.update(action);
    }
    panic!("could not reach {set_id} in {mode} mode");
}

/// Starts `set_id` in `mode` and fills in the profile: 12 reports, 40% coding,
/// on the critical path, growth stage.
fn start(app: &mut App, set_id: &str, mode: Mode) {
    open_picker(app, set_id, mode);
    app.update(Action::Enter);
    if matches!(app.screen, Screen::Profile { .. }) {
        number(app, 12);
        number(app, 40);
        act(app, &[Action::Yes, Action::Stage(2)]);
    }
    assert!(
        matches!(app.screen, Screen::Question { index: 0, .. }),
        "expected the first question, got {:?}",
        app.screen
    );
}

fn at_question(set_id: &str, mode: Mode) -> App {
    let mut app = new_app();
    start(&mut app, set_id, mode);
    app
}

fn item_count(app: &App) -> usize {
    app.active.as_ref().expect("a session").asked.items.len()
}

/// Skips to the first item of `kind` in the core set.
fn at_core_item(kind: Kind) -> App {
    let mut app = at_question("core", Mode::Solo);
    let index = app
        .active
        .as_ref()
        .and_then(|a| a.asked.items.iter().position(|i| i.kind == kind))
        .expect("core has one");
    for _ in 0..index {
        app.update(Action::Skip);
    }
    app
}

/// The answer the `i`th question gets in a made-up session.
fn made_up(i: usize, seed: usize) -> u8 {
    ((i * 7 + seed * 3) % 5) as u8 + 1
}

/// Answers every question of the quick set and lands on results; the quick
/// session from a month ago is "last time".
fn at_results() -> App {
    let mut app = app_with(history_of(vec![finished("quick", 30, 1, &[])]), None);
    start(&mut app, "quick", Mode::Solo);
    for i in 0..item_count(&app) {
        app.update(Action::Answer(made_up(i, 0)));
    }
    assert!(matches!(app.screen, Screen::Results { .. }));
    app
}

fn profile() -> Profile {
    Profile {
        reports: 6,
        coding_share: 20,
        critical_path: false,
        stage: Stage::Growth,
    }
}

fn commitments(n: usize) -> Vec<Commitment> {
    library()
        .practices
        .iter()
        .take(n)
        .map(|p| Commitment {
            practice: p.id.clone(),
            title: p.title.clone(),
            due: None,
        })
        .collect()
}

/// A finished session of `set_id` from `days_ago`, every item answered.
fn finished(set_id: &str, days_ago: u64, seed: usize, picked: &[Commitment]) -> Session {
    let lib = library();
    let started = Timestamp(NOW.0 - days_ago * DAY);
    let mut s = Session::new(set_id, Mode::Solo, started);
    s.profile = Some(profile());
    s.finished = Some(Timestamp(started.0 + 900));
    let set = lib.set(set_id).expect("set exists");
    s.position = set.items.len();
    for (i, item) in set.items.iter().enumerate() {
        let answer = match item.kind {
            Kind::Text => Answer::Text("Less firefighting.".into()),
            Kind::Choice => Answer::Value(1 + (i % item.options.len()) as u8),
            _ => Answer::Value(made_up(i, seed)),
        };
        s.answers.insert(item.id.clone(), answer);
    }
    s.commitments = picked.to_vec();
    s
}

// ---------------------------------------------------------------- drawing

fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| view::render(app, frame.area(), frame.buffer_mut()))
        .expect("draw");
    terminal.backend().to_string()
}

fn screen(app: &App) -> String {
    draw(app, 80, 24)
}

/// A check a user would make at a glance, beside the snapshot.
fn shows(text: &str, wanted: &str) {
    assert!(
        text.contains(wanted),
        "expected {wanted:?} on screen:\n{text}"
    );
}

// ---------------------------------------------------------------- home

#[test]
fn home_first_run() {
    let app = new_app();
    let text = screen(&app);
    shows(&text, "No sessions yet");
    shows(&text, "(none)");
    assert_snapshot!("home_first_run", text);
    assert_snapshot!("home_first_run_160x48", draw(&app, 160, 48));
}

#[test]
fn home_with_unfinished_session_and_last_commitments() {
    let lib = library();
    let core = lib.set("core").expect("core set");
    let mut unfinished = Session::new("core", Mode::Solo, Timestamp(NOW.0 - 2 * DAY));
    unfinished.profile = Some(profile());
    unfinished.position = 5;
    for (i, item) in core.items.iter().take(5).enumerate() {
        unfinished
            .answers
            .insert(item.id.clone(), Answer::Value(made_up(i, 2)));
    }
    let history = history_of(vec![finished("quick", 30, 1, &commitments(2))]);
    let app = app_with(history, Some(unfinished));
    let text = screen(&app);
    shows(&text, "Unfinished");
    shows(&text, "5 answers");
    shows(&text, &commitments(1)[0].title);
    assert_snapshot!("home_with_unfinished_and_commitments", text);
    assert_snapshot!(
        "home_with_unfinished_and_commitments_160x48",
        draw(&app, 160, 48)
    );
}

// ---------------------------------------------------------------- starting

#[test]
fn picker() {
    let mut app = new_app();
    app.update(Action::NewSession);
    let text = screen(&app);
    shows(&text, "[solo]");
    assert_snapshot!("picker", text);
    assert_snapshot!("picker_160x48", draw(&app, 160, 48));
}

#[test]
fn picker_coaching_mode_on_quick() {
    let mut app = new_app();
    open_picker(&mut app, "quick", Mode::Coaching);
    let text = screen(&app);
    shows(&text, "[coaching]");
    assert_snapshot!("picker_coaching_quick", text);
    assert_snapshot!("picker_coaching_quick_160x48", draw(&app, 160, 48));
}

#[test]
fn check_in_after_the_first_answer() {
    let history = history_of(vec![finished("quick", 30, 1, &commitments(2))]);
    let mut app = app_with(history, None);
    open_picker(&mut app, "quick", Mode::Solo);
    act(
        &mut app,
        &[Action::Enter, Action::CheckIn(CheckInStatus::Done)],
    );
    assert_eq!(app.screen, Screen::CheckIn { index: 1 });
    let text = screen(&app);
    shows(&text, "[done]");
    assert_snapshot!("check_in", text);
    assert_snapshot!("check_in_160x48", draw(&app, 160, 48));
}

// ---------------------------------------------------------------- profile

fn at_profile() -> App {
    let mut app = new_app();
    open_picker(&mut app, "quick", Mode::Solo);
    app.update(Action::Enter);
    app
}

#[test]
fn profile_reports_while_typing() {
    let mut app = at_profile();
    act(&mut app, &[Action::Digit(1), Action::Digit(2)]);
    let text = screen(&app);
    shows(&text, "About you (1 of 4)");
    shows(&text, "12▏");
    assert_snapshot!("profile_reports", text);
    assert_snapshot!("profile_reports_160x48", draw(&app, 160, 48));
}

#[test]
fn profile_reports_out_of_range() {
    let mut app = at_profile();
    number(&mut app, 900);
    let text = screen(&app);
    shows(&text, "0 to 500");
    assert_snapshot!("profile_reports_error", text);
    assert_snapshot!("profile_reports_error_160x48", draw(&app, 160, 48));
}

#[test]
fn profile_coding_share() {
    let mut app = at_profile();
    number(&mut app, 12);
    let text = screen(&app);
    shows(&text, "About you (2 of 4)");
    assert_snapshot!("profile_coding_share", text);
    assert_snapshot!("profile_coding_share_160x48", draw(&app, 160, 48));
}

#[test]
fn profile_critical_path() {
    let mut app = at_profile();
    number(&mut app, 12);
    number(&mut app, 40);
    let text = screen(&app);
    shows(&text, "About you (3 of 4)");
    assert_snapshot!("profile_critical_path", text);
    assert_snapshot!("profile_critical_path_160x48", draw(&app, 160, 48));
}

#[test]
fn profile_stage() {
    let mut app = at_profile();
    number(&mut app, 12);
    number(&mut app, 40);
    app.update(Action::Yes);
    let text = screen(&app);
    shows(&text, "About you (4 of 4)");
    assert_snapshot!("profile_stage", text);
    assert_snapshot!("profile_stage_160x48", draw(&app, 160, 48));
}

#[test]
fn profile_prefilled_from_last_time() {
    let mut app = app_with(history_of(vec![finished("quick", 30, 1, &[])]), None);
    open_picker(&mut app, "quick", Mode::Solo);
    act(&mut app, &[Action::Enter, Action::Enter, Action::Enter]);
    let text = screen(&app);
    shows(&text, "Enter keeps it");
    assert_snapshot!("profile_prefilled_critical_path", text);
    assert_snapshot!(
        "profile_prefilled_critical_path_160x48",
        draw(&app, 160, 48)
    );
}

// ---------------------------------------------------------------- questions

#[test]
fn question_likert() {
    let app = at_question("core", Mode::Solo);
    let text = screen(&app);
    shows(&text, &format!("1 / {}", item_count(&app)));
    assert_snapshot!("question_likert", text);
    assert_snapshot!("question_likert_160x48", draw(&app, 160, 48));
}

#[test]
fn question_with_why_open() {
    let mut app = at_question("core", Mode::Solo);
    app.update(Action::ToggleWhy);
    let text = screen(&app);
    shows(&text, "Why this matters");
    assert_snapshot!("question_why", text);
    assert_snapshot!("question_why_160x48", draw(&app, 160, 48));
}

#[test]
fn question_back_shows_the_earlier_answer() {
    let mut app = at_question("quick", Mode::Solo);
    act(&mut app, &[Action::Answer(4), Action::Previous]);
    let text = screen(&app);
    shows(&text, "✓");
    assert_snapshot!("question_earlier_answer", text);
    assert_snapshot!("question_earlier_answer_160x48", draw(&app, 160, 48));
}

#[test]
fn question_choice() {
    let app = at_core_item(Kind::Choice);
    assert_snapshot!("question_choice", screen(&app));
}

#[test]
fn question_text_with_typed_text() {
    let mut app = at_core_item(Kind::Text);
    for c in "Code reviews on the payments service; I keep them because I enjoy them.".chars() {
        app.update(Action::Edit(KeyCode::Char(c).into()));
    }
    let text = screen(&app);
    shows(&text, "I keep them");
    assert_snapshot!("question_text", text);
    assert_snapshot!("question_text_160x48", draw(&app, 160, 48));
}

#[test]
fn question_in_coaching_mode() {
    let app = at_question("core", Mode::Coaching);
    let text = screen(&app);
    shows(&text, "[coaching mode]");
    shows(&text, "Talk about it");
    assert_snapshot!("question_coaching", text);
    assert_snapshot!("question_coaching_160x48", draw(&app, 160, 48));
}

#[test]
fn question_in_onboarding_mode() {
    let app = at_question("onboarding", Mode::Onboarding);
    let text = screen(&app);
    shows(&text, "Why this matters");
    assert_snapshot!("question_onboarding", text);
    assert_snapshot!("question_onboarding_160x48", draw(&app, 160, 48));
}

// ---------------------------------------------------------------- results and after

#[test]
fn results() {
    let app = at_results();
    let text = screen(&app);
    shows(&text, "Empathy");
    assert_snapshot!("results", text);
    assert_snapshot!("results_160x48", draw(&app, 160, 48));
}

#[test]
fn results_method() {
    let mut app = at_results();
    app.update(Action::ToggleMethod);
    let text = screen(&app);
    shows(&text, "How the scores were computed");
    assert_snapshot!("results_method", text);
    assert_snapshot!("results_method_160x48", draw(&app, 160, 48));
}

fn evidence_config() -> Config {
    let mut config = Config::default();
    config.evidence.repos = vec![PathBuf::from("~/src/billing")];
    config.evidence.calendars = vec![PathBuf::from("/home/me/work.ics")];
    config.evidence.me = vec!["me@example.com".into()];
    config
}

/// Figures as `altitude evidence` would give them for the last 14 days.
fn figures() -> altitude::evidence::report::Json {
    serde_json::from_value(serde_json::json!({
        "schema": 1, "since": "2026-11-08", "until": "2026-11-21", "weeks": 2.0,
        "git": { "repos": 1, "commits_mine": 9, "commits_all": 20, "share": 0.45,
                 "out_of_hours_mine": 4, "sole_paths": ["billing"] },
        "calendar": { "meeting_hours": 41.5, "meeting_hours_per_week": 20.75,
                      "focus_blocks": 3, "focus_blocks_per_week": 1.5,
                      "one_on_ones": 9, "one_on_ones_moved": 3,
                      "out_of_hours_meeting_hours": 2.0 }
    }))
    .expect("figures")
}

#[test]
fn results_v_without_sources_says_where_to_add_them() {
    let mut app = at_results();
    assert_eq!(app.update(Action::AttachEvidence), None);
    assert_eq!(app.overlay, None);
    shows(&screen(&app), "No evidence sources yet");
}

#[test]
fn results_with_evidence_beside_the_answers() {
    let mut app = at_results();
    app.config = evidence_config();
    let before = app
        .active
        .as_ref()
        .map(|a| (a.session.answers.clone(), a.session.profile));
    // v names every path before anything is read; n reads nothing.
    assert_eq!(app.update(Action::AttachEvidence), None);
    let text = screen(&app);
    shows(&text, "~/src/billing");
    shows(&text, "/home/me/work.ics");
    assert_snapshot!("results_confirm_evidence", text);
    assert_eq!(app.update(Action::No), None);
    assert_eq!(app.overlay, None);
    app.update(Action::AttachEvidence);
    assert!(matches!(
        app.update(Action::Yes),
        Some(Effect::AttachEvidence(_))
    ));
    // The run loop reads the sources and hands back the figures; the app
    // asks for the session to be saved with them.
    let save = app.update(Action::EvidenceRead(Ok(Box::new(figures()))));
    assert!(matches!(save, Some(Effect::SaveProgress(_))));
    for _ in 0..10 {
        app.update(Action::PageDown);
    }
    let text = screen(&app);
    shows(
        &text,
        "What your calendar and commits show, 2026-11-08 to 2026-11-21",
    );
    shows(&text, "45% of the commits are yours (9 of 20)");
    shows(&text, "Talk about:");
    assert_snapshot!("results_with_evidence", text);
    let active = app.active.as_ref().expect("active session");
    assert_eq!(active.session.evidence, Some(figures()));
    // Self-report is never overwritten.
    assert_eq!(
        Some((active.session.answers.clone(), active.session.profile)),
        before
    );
}

#[test]
fn suggestions_with_one_picked() {
    let mut app = at_results();
    act(&mut app, &[Action::Enter, Action::Toggle, Action::Down]);
    let text = screen(&app);
    shows(&text, "[x]");
    shows(&text, "(1 picked)");
    assert_snapshot!("suggestions_one_picked", text);
    assert_snapshot!("suggestions_one_picked_160x48", draw(&app, 160, 48));
}

#[test]
fn saved() {
    let mut app = at_results();
    act(&mut app, &[Action::Enter, Action::Toggle]);
    assert!(matches!(
        app.update(Action::Enter),
        Some(Effect::SaveFinished(_))
    ));
    app.saved(PathBuf::from(SAVED_AT));
    let text = screen(&app);
    shows(&text, SAVED_AT);
    assert_snapshot!("saved", text);
    assert_snapshot!("saved_160x48", draw(&app, 160, 48));
}

// ---------------------------------------------------------------- browsing

#[test]
fn history_with_three_sessions() {
    let mut latest = finished("quick", 3, 3, &commitments(1));
    latest.checkins = commitments(2)
        .into_iter()
        .zip([CheckInStatus::Done, CheckInStatus::Partly])
        .map(|(c, status)| CheckIn {
            practice: c.practice,
            title: c.title,
            status,
            note: None,
        })
        .collect();
    let history = history_of(vec![
        finished("core", 62, 1, &[]),
        finished("quick", 33, 2, &commitments(2)),
        latest,
    ]);
    let mut app = app_with(history, None);
    app.update(Action::OpenHistory);
    let text = screen(&app);
    shows(&text, "Trend over 3 sessions");
    shows(&text, "Follow-through");
    assert_snapshot!("history", text);
    assert_snapshot!("history_160x48", draw(&app, 160, 48));
}

#[test]
fn history_empty() {
    let mut app = new_app();
    app.update(Action::OpenHistory);
    let text = screen(&app);
    shows(&text, "No finished sessions yet");
    assert_snapshot!("history_empty", text);
    assert_snapshot!("history_empty_160x48", draw(&app, 160, 48));
}

#[test]
fn set_browser() {
    let mut app = new_app();
    app.update(Action::OpenSets);
    let text = screen(&app);
    shows(&text, "quick");
    assert_snapshot!("sets", text);
    assert_snapshot!("sets_160x48", draw(&app, 160, 48));
}

// ---------------------------------------------------------------- overlays

#[test]
fn help_overlay() {
    let mut app = at_question("quick", Mode::Solo);
    app.update(Action::Help);
    let text = screen(&app);
    shows(&text, "Ctrl-C");
    assert_snapshot!("help_overlay", text);
    assert_snapshot!("help_overlay_160x48", draw(&app, 160, 48));
}

#[test]
fn quit_confirmation() {
    let mut app = at_question("quick", Mode::Solo);
    app.update(Action::Quit);
    let text = screen(&app);
    shows(&text, "Quit now?");
    assert_snapshot!("quit_confirm", text);
    assert_snapshot!("quit_confirm_160x48", draw(&app, 160, 48));
}

#[test]
fn terminal_too_small() {
    let text = draw(&new_app(), 60, 20);
    shows(&text, "Terminal too small");
    shows(&text, "60×20");
    assert_snapshot!("too_small", text);
}

// ---------------------------------------------------------------- coaching and onboarding

/// Answers every question on screen with made-up values (text items are left
/// empty) until the questions end.
fn answer_all(app: &mut App, seed: usize) {
    let mut i = 0;
    while let Screen::Question { text, .. } = &app.screen {
        let action = match text {
            true => Action::Enter,
            false => Action::Answer(made_up(i, seed)),
        };
        app.update(action);
        i += 1;
    }
}

fn at_handover() -> App {
    let mut app = at_question("quick", Mode::Coaching);
    answer_all(&mut app, 0);
    assert_eq!(app.screen, Screen::Handover);
    app
}

#[test]
fn coaching_note_editor() {
    let mut app = at_question("quick", Mode::Coaching);
    app.update(Action::Note);
    for c in "Says reviews pile up on Fridays.".chars() {
        app.update(Action::Edit(KeyCode::Char(c).into()));
    }
    let text = screen(&app);
    shows(&text, "Fridays");
    assert_snapshot!("coaching_note", text);
    assert_snapshot!("coaching_note_160x48", draw(&app, 160, 48));
}

#[test]
fn coaching_question_with_a_saved_note() {
    let mut app = at_question("quick", Mode::Coaching);
    app.update(Action::Note);
    for c in "Says reviews pile up on Fridays.".chars() {
        app.update(Action::Edit(KeyCode::Char(c).into()));
    }
    app.update(Action::Back);
    let text = screen(&app);
    shows(&text, "Note: Says reviews pile up on Fridays.");
    assert_snapshot!("coaching_question_with_note", text);
    assert_snapshot!("coaching_question_with_note_160x48", draw(&app, 160, 48));
}

#[test]
fn coaching_handover() {
    let app = at_handover();
    let text = screen(&app);
    shows(&text, "coach");
    assert_snapshot!("coaching_handover", text);
    assert_snapshot!("coaching_handover_160x48", draw(&app, 160, 48));
}

#[test]
fn coaching_coach_rates() {
    let mut app = at_handover();
    app.update(Action::StartOther);
    let text = screen(&app);
    shows(&text, "the coach's view");
    assert_snapshot!("coaching_coach_question", text);
    assert_snapshot!("coaching_coach_question_160x48", draw(&app, 160, 48));
}

#[test]
fn coaching_results_with_both_views() {
    let mut app = at_handover();
    app.update(Action::StartOther);
    answer_all(&mut app, 4);
    assert!(matches!(app.screen, Screen::Results { .. }));
    let text = screen(&app);
    shows(&text, "coach's view");
    assert_snapshot!("coaching_results", text);
    assert_snapshot!("coaching_results_160x48", draw(&app, 160, 48));
}

#[test]
fn onboarding_results_with_the_first_90_days() {
    let mut app = at_question("onboarding", Mode::Onboarding);
    answer_all(&mut app, 1);
    assert!(matches!(app.screen, Screen::Results { .. }));
    for _ in 0..3 {
        app.update(Action::PageDown);
    }
    let text = screen(&app);
    shows(&text, "90 days");
    assert_snapshot!("onboarding_results_scrolled", text);
    assert_snapshot!("onboarding_results_scrolled_160x48", draw(&app, 160, 48));
}

// ---------------------------------------------------------------- nothing cut off

/// The screen's words in order, with borders and line breaks gone, so that
/// wrapped text can be found whole.
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

fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Walks every question of `set_id` in `mode` (with "why" open if `why`) and
/// lists the texts that are not shown whole at 80×24.
fn cut_texts(set_id: &str, mode: Mode, why: bool) -> Vec<String> {
    let mut app = new_app();
    if set_id == "perception" || set_id == "coach" {
        // Answered by someone else inside a coaching session; started directly here.
        app.start(set_id, mode);
    } else {
        start(&mut app, set_id, mode);
    }
    if why != matches!(app.screen, Screen::Question { why: true, .. }) {
        app.update(Action::ToggleWhy);
    }
    let mut cut = Vec::new();
    while let Screen::Question { index, .. } = app.screen {
        let item = app.active.as_ref().expect("a session").asked.items[index].clone();
        let shown = words(&screen(&app));
        let mut wanted = vec![item.prompt.clone()];
        if why {
            wanted.extend(item.why.clone());
        }
        if mode == Mode::Coaching {
            wanted.extend(item.discuss.clone());
        }
        wanted.extend((1..=item.scale_len()).filter_map(|v| item.label(v).map(String::from)));
        for text in wanted {
            if !shown.contains(&normal(&text)) {
                cut.push(format!("{set_id}/{} ({mode}): {text:?}", item.id));
            }
        }
        app.update(Action::Skip);
    }
    cut
}

#[test]
fn every_question_shows_its_prompt_options_and_why_in_full() {
    let mut cut = Vec::new();
    for set in ["core", "quick", "onboarding", "perception", "coach"] {
        cut.extend(cut_texts(set, Mode::Solo, true));
    }
    cut.extend(cut_texts("onboarding", Mode::Onboarding, true));
    assert!(cut.is_empty(), "cut off at 80×24:\n{}", cut.join("\n"));
}

#[test]
fn coaching_shows_every_discussion_prompt_in_full() {
    let mut cut = cut_texts("core", Mode::Coaching, false);
    cut.extend(cut_texts("quick", Mode::Coaching, false));
    assert!(cut.is_empty(), "cut off at 80×24:\n{}", cut.join("\n"));
}

#[test]
fn coaching_with_why_open_still_shows_the_discussion_prompt() {
    let mut cut = cut_texts("core", Mode::Coaching, true);
    cut.extend(cut_texts("quick", Mode::Coaching, true));
    assert!(cut.is_empty(), "cut off at 80×24:\n{}", cut.join("\n"));
}

// ---------------------------------------------------------------- questions that apply

/// From home into `core` with a profile that writes no code.
fn at_core_without_code() -> App {
    let mut app = new_app();
    open_picker(&mut app, "core", Mode::Solo);
    app.update(Action::Enter);
    number(&mut app, 7);
    number(&mut app, 0);
    act(&mut app, &[Action::No, Action::Stage(3)]);
    app
}

#[test]
fn progress_counts_only_the_questions_asked() {
    let mut app = at_core_without_code();
    let active = app.active.as_ref().expect("a session");
    let coding_items = active
        .set
        .items
        .iter()
        .filter(|i| i.when == Some(altitude::model::condition::Condition::Codes))
        .count();
    assert!(coding_items >= 4);
    // The one item only for managers who write no code is asked instead.
    let asked = active.set.items.len() - coding_items;
    assert_eq!(item_count(&app), asked);
    shows(&screen(&app), &format!("1 / {asked}"));
    let mut seen = Vec::new();
    while let Screen::Question { index, .. } = app.screen {
        seen.push(item_id(&app, index));
        app.update(Action::Skip);
    }
    assert_eq!(seen.len(), asked);
    for id in [
        "coding-recharges",
        "code-can-wait",
        "took-hard-problem-myself",
        "pushback-in-code",
    ] {
        assert!(!seen.iter().any(|s| s == id), "{id} was asked");
    }
    assert!(seen.iter().any(|s| s == "technical-partner"));
}

fn item_id(app: &App, index: usize) -> String {
    app.active.as_ref().expect("a session").asked.items[index]
        .id
        .clone()
}

/// Answers the core set so that seven distinct flags are raised with calm
/// risk scores: a small team on the critical path, 40% coding, and specific
/// warning answers.
fn at_results_with_seven_flags() -> App {
    let mut app = new_app();
    open_picker(&mut app, "core", Mode::Solo);
    app.update(Action::Enter);
    number(&mut app, 4);
    number(&mut app, 40);
    act(&mut app, &[Action::Yes, Action::Stage(1)]);
    let raising = [
        "one-on-ones-moved",
        "management-postponed",
        "after-hours",
        "discussion-ends",
        "prs-wait-for-me",
        "hard-talk-waited",
    ];
    while let Screen::Question { index, text, .. } = &app.screen {
        let item = app.active.as_ref().expect("a session").asked.items[*index].clone();
        let action = if *text {
            Action::Enter
        } else if raising.contains(&item.id.as_str()) {
            Action::Answer(5)
        } else if item.dimension.is_some_and(|d| d.is_risk()) {
            // The calm end of every other risk item.
            Action::Answer(if item.reverse || item.kind == Kind::Choice {
                item.scale_len()
            } else {
                1
            })
        } else {
            Action::Answer(3)
        };
        app.update(action);
    }
    app
}

#[test]
fn results_show_six_flags_and_the_rest_behind_m() {
    let mut app = at_results_with_seven_flags();
    let a = app
        .active
        .as_ref()
        .and_then(|a| a.assessment.as_ref())
        .expect("results");
    assert!(
        a.flags.len() > 6,
        "{:?}",
        a.flags.iter().map(|f| &f.id).collect::<Vec<_>>()
    );
    let last = a.flags.last().expect("flags").message.clone();
    let hidden = a.flags.len() - 6;
    let mut summary = String::new();
    for _ in 0..6 {
        summary.push_str(&words(&screen(&app)));
        app.update(Action::PageDown);
    }
    assert!(
        summary.contains(&format!("{hidden} more: press m to see them")),
        "{summary}"
    );
    assert!(!summary.contains(&words(&last)), "the 7th flag is behind m");
    app.update(Action::ToggleMethod);
    let mut method = String::new();
    for _ in 0..30 {
        method.push_str(&words(&screen(&app)));
        app.update(Action::PageDown);
    }
    assert!(method.contains("More flags"), "{method}");
    assert!(method.contains(&words(&last)), "{method}");
    assert!(method.contains("Sources"));
}

// ---------------------------------------------------------------- issue 9 screens

#[test]
fn past_session_read_only() {
    let history = history_of(vec![
        finished("quick", 33, 2, &commitments(1)),
        finished("quick", 3, 3, &[]),
    ]);
    let mut app = app_with(history, None);
    act(&mut app, &[Action::OpenHistory, Action::Enter]);
    let text = screen(&app);
    shows(&text, "read-only");
    assert_snapshot!("past_session", text);
    assert_snapshot!("past_session_160x48", draw(&app, 160, 48));
}

#[test]
fn new_session_while_one_is_unfinished() {
    let unfinished = Session::new("core", Mode::Solo, Timestamp(NOW.0 - 2 * DAY));
    let mut app = app_with(History::default(), Some(unfinished));
    app.update(Action::NewSession);
    let text = screen(&app);
    shows(&text, "unfinished session");
    assert_snapshot!("confirm_new", text);
    assert_snapshot!("confirm_new_160x48", draw(&app, 160, 48));
}

#[test]
fn wide_question_shows_why_beside_it() {
    let app = at_question("quick", Mode::Solo);
    let text = draw(&app, 160, 48);
    shows(&text, "Why this matters");
    for line in text.lines() {
        // No run of text wider than about 100 columns.
        let longest = line
            .trim_matches('"')
            .split("   ")
            .map(|run| run.trim().chars().count())
            .max()
            .unwrap_or(0);
        assert!(longest <= 102, "{longest} columns: {line}");
    }
}

#[test]
fn wide_results_show_the_method_beside_them() {
    let app = at_results();
    let text = draw(&app, 160, 48);
    shows(&text, "Pattern:");
    shows(&text, "How the scores were computed");
}

// ---------------------------------------------------------------- altitude rate

fn rating(set: &str, perspective: altitude::model::perspective::Perspective) -> App {
    let mut app = new_app();
    app.start_rating(
        set,
        altitude::tui::app::RaterRun::new(perspective, PathBuf::from("/home/sam/ratings"), None),
    );
    app
}

#[test]
fn rate_intro_for_a_report_and_a_coach() {
    use altitude::model::perspective::Perspective;
    let app = rating("perception", Perspective::Report);
    let text = screen(&app);
    shows(&text, "as someone who reports to them");
    shows(&text, "at least 3 people");
    assert_snapshot!("rate_intro_report", text);
    assert_snapshot!("rate_intro_report_160x48", draw(&app, 160, 48));
    let text = screen(&rating("coach", Perspective::Coach));
    shows(&text, "the manager sees your answers as yours");
    assert_snapshot!("rate_intro_coach", text);
}

#[test]
fn rate_question_shows_no_profile_and_who_is_rating() {
    let mut app = rating(
        "perception",
        altitude::model::perspective::Perspective::Peer,
    );
    act(&mut app, &[Action::Enter]);
    let text = screen(&app);
    shows(&text, "[rating as peer]");
    shows(&text, "1 / 22");
    assert_snapshot!("rate_question", text);
    // Help says what is true for a rater: nothing is autosaved.
    act(&mut app, &[Action::Help]);
    let text = screen(&app);
    shows(&text, "you send back; nothing else is kept.");
    shows(&text, "writing the answers given to your file");
    assert_snapshot!("rate_help", text);
}

#[test]
fn rate_quit_with_answers_asks_first() {
    let mut app = rating(
        "perception",
        altitude::model::perspective::Perspective::Peer,
    );
    act(
        &mut app,
        &[
            Action::Enter,
            Action::Answer(4),
            Action::Answer(2),
            Action::Quit,
        ],
    );
    let text = screen(&app);
    shows(
        &text,
        "You have answered 2 questions that are not in a file yet.",
    );
    assert_snapshot!("rate_confirm_leave", text);
}

#[test]
fn rate_end_before_and_after_the_file_is_written() {
    let mut app = rating("coach", altitude::model::perspective::Perspective::Coach);
    act(&mut app, &[Action::Enter]);
    while let Screen::Question { text, .. } = app.screen {
        app.update(if text {
            Action::Skip
        } else {
            Action::Answer(4)
        });
    }
    let text = screen(&app);
    shows(&text, "That was the last question.");
    assert_snapshot!("rate_end", text);
    let effect = app.update(Action::Enter);
    assert!(
        matches!(effect, Some(Effect::WriteRating { .. })),
        "{effect:?}"
    );
    app.update(Action::RatingWritten(PathBuf::from(
        "/home/sam/ratings/rating-coach-k3x9q2mz.toml",
    )));
    let text = screen(&app);
    shows(&text, "/home/sam/ratings/rating-coach-k3x9q2mz.toml");
    assert_snapshot!("rate_written", text);
    assert_snapshot!("rate_written_160x48", draw(&app, 160, 48));
}

// ---------------------------------------------------------------- raters' answers attached

/// A rater's file: every scored item of `set` answered `value`, and a comment.
fn rater_text(set: &str, rater: &str, value: u8) -> String {
    let lib = library();
    let mut text = format!("set = \"{set}\"\nrater = \"{rater}\"\n[answers]\n");
    for item in &lib.set(set).unwrap().items {
        if item.kind == Kind::Text {
            text.push_str(&format!(
                "{} = \"Talks about the rewrite a lot.\"\n",
                item.id
            ));
        } else {
            text.push_str(&format!("{} = {value}\n", item.id));
        }
    }
    text
}

fn read_raters(app: &mut App) {
    app.update(Action::RatersRead {
        source: PathBuf::from("/home/me/returned"),
        files: vec![
            (PathBuf::from("/home/me/returned/a.toml"), rater_text("perception", "report", 4)),
            (PathBuf::from("/home/me/returned/b.toml"), rater_text("perception", "report", 2)),
            (PathBuf::from("/home/me/returned/c.toml"), rater_text("coach", "coach", 2)),
        ],
        problems: vec![
            "/home/me/returned/d.toml:4:29: item \"tooling-told-as-summaries\": value 9 is out of range; expected 1 to 5 or \"na\"".into(),
        ],
    });
}

#[test]
fn attach_raters_prompt_then_perspectives_in_the_results() {
    let mut app = at_results();
    app.update(Action::AttachRaters);
    for c in "~/returned".chars() {
        app.update(Action::Edit(KeyCode::Char(c).into()));
    }
    let text = screen(&app);
    shows(&text, "Attach raters' answers");
    shows(&text, "~/returned");
    assert_snapshot!("attach_raters_prompt", text);
    let effect = app.update(Action::Enter);
    assert_eq!(
        effect,
        Some(Effect::ReadRaters(PathBuf::from("~/returned")))
    );
    read_raters(&mut app);
    for _ in 0..20 {
        app.update(Action::PageDown);
    }
    let text = screen(&app);
    shows(&text, "Raters' files not used");
    assert_snapshot!("results_with_perspectives_end", text);
    let tall = draw(&app, 80, 120);
    shows(&tall, "Your reports: 2 raters (shown from 3)");
    shows(&tall, "Not shown: fewer than 3 answered");
    shows(&tall, "Your coach: 1 rater (shown from 1)");
    assert_snapshot!("results_with_perspectives_80x120", tall);
    // Attaching again asks before replacing.
    app.update(Action::AttachRaters);
    app.update(Action::Edit(KeyCode::Char('x').into()));
    app.update(Action::Enter);
    read_raters(&mut app);
    let text = screen(&app);
    shows(&text, "Replace them with the ones just read");
    assert_snapshot!("attach_raters_confirm_replace", text);
}

// ---------------------------------------------------------------- an instrument

/// The worked example instrument's results: its three subscales with their
/// full labels, the one dimension it measures, and the three it leaves out.
#[test]
fn results_of_an_instrument_with_subscales() {
    let mut lib = library();
    let set = altitude::model::question_set::parse_set(
        std::path::Path::new("work-strain.toml"),
        include_str!("fixtures/sets/work-strain.toml"),
        &[],
        altitude::model::question_set::Source::BuiltIn,
    )
    .expect("the worked example is valid");
    let items = set.items.len();
    lib.sets.push(set);
    let mut app = App::new(lib, Config::default(), History::default(), None, NOW);
    app.theme = Theme::mono();
    start(&mut app, "work-strain", Mode::Solo);
    for i in 0..items {
        app.update(Action::Answer(1 + (i % 4) as u8));
    }
    let text = screen(&app);
    shows(&text, "Strain from supporting people");
    shows(
        &text,
        "Not measured by this set: Empathy, Credibility, Ownership risk.",
    );
    assert_snapshot!(text);
}
