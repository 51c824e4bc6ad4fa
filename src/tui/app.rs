//! App state and `update(Action) -> Option<Effect>`. No drawing and no I/O
//! here: the run loop performs the effects and reports back.

use super::keys::Action;
use crate::model::answers::Answer;
use crate::model::catalog::Library;
use crate::model::profile::ProfileDraft;
use crate::model::question_set::{Kind, QuestionSet, Rater};
use crate::model::scoring::{TalkingPoint, talking_points};
use crate::model::session::{CheckIn, Commitment, OtherRating, Session, Summary, summarize};
use crate::model::time::Timestamp;
use crate::model::{Assessment, Mode, Profile, Stage, assess};
use crate::sessions::History;
use crate::store::Config;
use std::path::PathBuf;

/// Most commitments a session can take away.
pub const MAX_COMMITMENTS: usize = 3;

/// The profile fields, asked one at a time in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileField {
    Reports,
    CodingShare,
    CriticalPath,
    Stage,
}

/// Which screen is showing, with what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Home {
        cursor: usize,
    },
    Picker {
        set: usize,
        mode: Mode,
    },
    CheckIn {
        index: usize,
    },
    Profile {
        field: ProfileField,
        input: String,
        error: Option<String>,
    },
    /// `text` holds the text being typed on a text item.
    Question {
        index: usize,
        cursor: u8,
        why: bool,
        text: Option<String>,
    },
    Results {
        scroll: u16,
        method: bool,
    },
    Suggestions {
        cursor: usize,
    },
    Saved {
        path: PathBuf,
    },
    History {
        cursor: usize,
    },
    Sets {
        cursor: usize,
    },
    /// Coaching: "pass the keyboard to your coach".
    Handover,
}

/// A layer drawn over the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    ConfirmQuit,
    /// The note editor on the current question (coaching).
    Note,
}

/// The set a second rater answers in coaching mode.
pub const PERCEPTION_SET: &str = "perception";

/// A note being written on one question.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub item: String,
    pub area: ratatui_textarea::TextArea<'static>,
}

/// Work for the run loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Autosave the unfinished session.
    SaveProgress,
    /// Save the finished session.
    SaveFinished,
    /// Write the Markdown report of the active session (or the one selected in history).
    Export,
    Quit,
}

/// A session in progress, with the set it uses.
#[derive(Debug, Clone)]
pub struct Active {
    pub session: Session,
    pub set: QuestionSet,
    /// Last time's session of the same set, for "since last time".
    pub previous: Option<Session>,
    /// Commitments to check in on, from the latest session that had any.
    pub to_check: Vec<Commitment>,
    pub assessment: Option<Assessment>,
    pub previous_assessment: Option<Assessment>,
    /// Coaching: the second rater's set, and whether they have the keyboard.
    pub other_set: Option<QuestionSet>,
    pub rating_other: bool,
    pub other_assessment: Option<Assessment>,
    /// Dimensions where self and coach differ by 20 or more, computed with the results.
    pub talking_points: Vec<TalkingPoint>,
}

impl Active {
    fn new(
        session: Session,
        set: QuestionSet,
        previous: Option<Session>,
        to_check: Vec<Commitment>,
        library: &Library,
    ) -> Active {
        let coaching = session.mode == Mode::Coaching && set.rater == Rater::SelfRater;
        let other_set = coaching
            .then(|| library.set(PERCEPTION_SET).cloned())
            .flatten();
        let rating_other =
            other_set.is_some() && session.other.is_some() && session.position >= set.items.len();
        Active {
            session,
            set,
            previous,
            to_check,
            assessment: None,
            previous_assessment: None,
            other_set,
            rating_other,
            other_assessment: None,
            talking_points: Vec::new(),
        }
    }

    /// The set whose questions are showing.
    pub fn current_set(&self) -> &QuestionSet {
        match (&self.other_set, self.rating_other) {
            (Some(other), true) => other,
            _ => &self.set,
        }
    }

    /// The answers being given now: the manager's, or the second rater's.
    pub fn current_answers(&self) -> &std::collections::BTreeMap<String, Answer> {
        match (&self.session.other, self.rating_other) {
            (Some(o), true) => &o.answers,
            _ => &self.session.answers,
        }
    }

    fn current_answers_mut(&mut self) -> &mut std::collections::BTreeMap<String, Answer> {
        match (&mut self.session.other, self.rating_other) {
            (Some(o), true) => &mut o.answers,
            _ => &mut self.session.answers,
        }
    }

    /// The question to show: the manager's, or the second rater's.
    pub fn position(&self) -> usize {
        match (&self.session.other, self.rating_other) {
            (Some(o), true) => o.position,
            _ => self.session.position,
        }
    }

    fn set_position(&mut self, index: usize) {
        match (&mut self.session.other, self.rating_other) {
            (Some(o), true) => o.position = index,
            _ => self.session.position = index,
        }
    }
}

/// Home menu entries, in order.
pub const HOME_MENU: [(&str, &str); 6] = [
    ("n", "New session"),
    ("r", "Resume the unfinished session"),
    ("h", "History and trends"),
    ("s", "Question sets"),
    ("?", "Help"),
    ("q", "Quit"),
];

/// The whole app.
#[derive(Debug, Clone)]
pub struct App {
    pub library: Library,
    pub config: Config,
    pub history: History,
    /// One row per finished session, in history order.
    pub summaries: Vec<Summary>,
    /// Follow-through on commitments over every check-in, and how many counted.
    pub follow_through: Option<(f64, usize)>,
    pub unfinished: Option<Session>,
    /// Problems to show on the home screen (broken sets, unreadable files).
    pub warnings: Vec<String>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub active: Option<Active>,
    /// A one-line message, such as where an export went.
    pub status: Option<String>,
    pub now: Timestamp,
    pub quit: bool,
    pub theme: super::theme::Theme,
    pub note: Option<NoteEditor>,
}

impl App {
    pub fn new(
        library: Library,
        config: Config,
        history: History,
        unfinished: Option<Session>,
        now: Timestamp,
    ) -> App {
        let summaries = history
            .sessions
            .iter()
            .map(|s| summarize(&library, s))
            .collect();
        let follow_through = history.follow_through();
        App {
            library,
            config,
            history,
            summaries,
            follow_through,
            unfinished,
            warnings: Vec::new(),
            screen: Screen::Home { cursor: 0 },
            overlay: None,
            active: None,
            status: None,
            now,
            quit: false,
            theme: super::theme::Theme::colour(),
            note: None,
        }
    }

    pub fn coaching(&self) -> bool {
        self.active
            .as_ref()
            .is_some_and(|a| a.session.mode == Mode::Coaching)
    }

    /// Whether leaving now would interrupt a session.
    fn mid_session(&self) -> bool {
        matches!(
            self.screen,
            Screen::CheckIn { .. }
                | Screen::Profile { .. }
                | Screen::Question { .. }
                | Screen::Handover
                | Screen::Results { .. }
                | Screen::Suggestions { .. }
        )
    }

    /// Handles one action; returns what the run loop should do.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if action != Action::Export {
            self.status = None;
        }
        if action == Action::ForceQuit {
            self.quit = true;
            return Some(Effect::Quit);
        }
        if let Some(overlay) = self.overlay {
            return self.update_overlay(overlay, action);
        }
        match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help);
                return None;
            }
            Action::Quit if self.mid_session() => {
                self.overlay = Some(Overlay::ConfirmQuit);
                return None;
            }
            Action::Quit => {
                self.quit = true;
                return Some(Effect::Quit);
            }
            _ => {}
        }
        match self.screen.clone() {
            Screen::Home { cursor } => self.on_home(cursor, action),
            Screen::Picker { set, mode } => self.on_picker(set, mode, action),
            Screen::CheckIn { index } => self.on_check_in(index, action),
            Screen::Profile { field, input, .. } => self.on_profile(field, input, action),
            Screen::Question {
                index,
                cursor,
                why,
                text,
            } => self.on_question(index, cursor, why, text, action),
            Screen::Results { scroll, method } => self.on_results(scroll, method, action),
            Screen::Suggestions { cursor } => self.on_suggestions(cursor, action),
            Screen::Saved { .. } => self.on_saved(action),
            Screen::History { cursor } => self.on_history(cursor, action),
            Screen::Sets { cursor } => self.on_sets(cursor, action),
            Screen::Handover => self.on_handover(action),
        }
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) -> Option<Effect> {
        match (overlay, action) {
            (Overlay::Note, Action::NoteKey(key)) => {
                if let Some(editor) = self.note.as_mut() {
                    editor.area.input(key);
                }
                None
            }
            (Overlay::Note, Action::Back) => self.close_note(),
            (Overlay::ConfirmQuit, Action::Yes) => {
                self.quit = true;
                Some(Effect::Quit)
            }
            (Overlay::Help, Action::Quit) if self.mid_session() => {
                self.overlay = Some(Overlay::ConfirmQuit);
                None
            }
            (Overlay::Help, Action::Quit) => {
                self.quit = true;
                Some(Effect::Quit)
            }
            (_, Action::No | Action::Back) => {
                self.overlay = None;
                None
            }
            _ => None,
        }
    }

    fn go_home(&mut self) {
        self.screen = Screen::Home { cursor: 0 };
    }

    fn on_home(&mut self, cursor: usize, action: Action) -> Option<Effect> {
        if let Some(cursor) = stepped(cursor, HOME_MENU.len(), action) {
            self.screen = Screen::Home { cursor };
            return None;
        }
        let pick = match action {
            Action::Enter => HOME_MENU[cursor].0,
            Action::NewSession => "n",
            Action::Resume => "r",
            Action::OpenHistory => "h",
            Action::OpenSets => "s",
            _ => return None,
        };
        match pick {
            "n" => self.open_picker(None),
            "r" => return self.resume(),
            "h" => {
                self.screen = Screen::History {
                    cursor: self.history.sessions.len().saturating_sub(1),
                }
            }
            "s" => self.screen = Screen::Sets { cursor: 0 },
            "?" => self.overlay = Some(Overlay::Help),
            _ => {
                self.quit = true;
                return Some(Effect::Quit);
            }
        }
        None
    }

    /// Opens the set and mode picker, on `set_id` or the configured default.
    pub fn open_picker(&mut self, set_id: Option<&str>) {
        let wanted = set_id
            .or(self.config.default_set.as_deref())
            .unwrap_or("core");
        let set = self
            .library
            .sets
            .iter()
            .position(|s| s.id == wanted)
            .unwrap_or(0);
        let mode = self.config.default_mode.unwrap_or_default();
        self.screen = Screen::Picker { set, mode };
    }

    fn on_picker(&mut self, set: usize, mode: Mode, action: Action) -> Option<Effect> {
        if let Some(set) = stepped(set, self.library.sets.len(), action) {
            self.screen = Screen::Picker { set, mode };
            return None;
        }
        match action {
            Action::CycleMode => {
                let next = Mode::ALL[(Mode::ALL.iter().position(|m| *m == mode).unwrap_or(0) + 1)
                    % Mode::ALL.len()];
                self.screen = Screen::Picker { set, mode: next };
            }
            Action::Enter => {
                let id = self.library.sets.get(set)?.id.clone();
                return self.start(&id, mode);
            }
            Action::Back => self.go_home(),
            _ => {}
        }
        None
    }

    /// Starts a new session of `set_id` in `mode`.
    pub fn start(&mut self, set_id: &str, mode: Mode) -> Option<Effect> {
        let Some(set) = self.library.set(set_id).cloned() else {
            self.status = Some(format!("There is no question set \"{set_id}\"."));
            self.go_home();
            return None;
        };
        let mut session = Session::new(&set.id, mode, self.now);
        if self.unfinished.as_ref().is_some_and(|u| u.id == session.id) {
            session.id.push_str("-2");
        }
        self.open(session, set);
        Some(Effect::SaveProgress)
    }

    /// Makes `session` the active one and shows where it stands.
    fn open(&mut self, session: Session, set: QuestionSet) {
        let previous = self.history.previous(&set.id, &session.id).cloned();
        let to_check = self.history.commitments_before(&session.id);
        self.active = Some(Active::new(session, set, previous, to_check, &self.library));
        self.enter_next_step();
    }

    /// The next thing the session needs: a check-in, the profile, or the
    /// question where it stopped.
    fn enter_next_step(&mut self) {
        let Some(active) = &self.active else { return };
        let checked = active.session.checkins.len();
        if checked < active.to_check.len() {
            self.screen = Screen::CheckIn { index: checked };
        } else if active.set.rater == Rater::SelfRater && active.session.profile.is_none() {
            self.screen = self.profile_screen(ProfileField::Reports);
        } else {
            let position = active.position();
            self.enter_question(position);
        }
    }

    /// The profile values to pre-fill: what this session has so far, else
    /// the last saved profile.
    pub fn known_profile(&self) -> ProfileDraft {
        let last = self
            .history
            .sessions
            .iter()
            .rev()
            .find_map(|s| s.profile)
            .map(ProfileDraft::from)
            .unwrap_or_default();
        let Some(active) = &self.active else {
            return last;
        };
        let own = active
            .session
            .profile
            .map(ProfileDraft::from)
            .unwrap_or(active.session.profile_draft);
        ProfileDraft {
            reports: own.reports.or(last.reports),
            coding_share: own.coding_share.or(last.coding_share),
            critical_path: own.critical_path.or(last.critical_path),
            stage: own.stage.or(last.stage),
        }
    }

    fn profile_screen(&self, field: ProfileField) -> Screen {
        let known = self.known_profile();
        let input = match field {
            ProfileField::Reports => known.reports.map(|v| v.to_string()),
            ProfileField::CodingShare => known.coding_share.map(|v| v.to_string()),
            _ => None,
        };
        Screen::Profile {
            field,
            input: input.unwrap_or_default(),
            error: None,
        }
    }

    fn resume(&mut self) -> Option<Effect> {
        let Some(session) = self.unfinished.clone() else {
            self.status = Some("There is no unfinished session to resume.".into());
            return None;
        };
        let Some(set) = self.library.set(&session.set).cloned() else {
            self.status = Some(format!(
                "The unfinished session uses the set \"{}\", which is no longer available.",
                session.set
            ));
            return None;
        };
        self.open(session, set);
        None
    }

    fn on_check_in(&mut self, index: usize, action: Action) -> Option<Effect> {
        let active = self.active.as_mut()?;
        match action {
            Action::CheckIn(status) => {
                let commitment = active.to_check.get(index)?.clone();
                active.session.checkins.truncate(index);
                active.session.checkins.push(CheckIn {
                    practice: commitment.practice,
                    title: commitment.title,
                    status,
                });
                if index + 1 < active.to_check.len() {
                    self.screen = Screen::CheckIn { index: index + 1 };
                } else {
                    self.enter_next_step();
                }
                Some(Effect::SaveProgress)
            }
            Action::Back if index > 0 => {
                self.screen = Screen::CheckIn { index: index - 1 };
                None
            }
            Action::Back => {
                self.go_home();
                None
            }
            _ => None,
        }
    }

    fn on_profile(
        &mut self,
        field: ProfileField,
        mut input: String,
        action: Action,
    ) -> Option<Effect> {
        let known = self.known_profile();
        let set_error = |app: &mut App, msg: String, input: String| {
            app.screen = Screen::Profile {
                field,
                input,
                error: Some(msg),
            };
        };
        match action {
            Action::Digit(d) => {
                if input.len() < 3 {
                    if input == "0" {
                        input.clear();
                    }
                    input.push(char::from(b'0' + d));
                }
                self.screen = Screen::Profile {
                    field,
                    input,
                    error: None,
                };
                None
            }
            Action::Backspace => {
                input.pop();
                self.screen = Screen::Profile {
                    field,
                    input,
                    error: None,
                };
                None
            }
            Action::Enter => match field {
                ProfileField::Reports | ProfileField::CodingShare => {
                    let max = if field == ProfileField::Reports {
                        u32::from(Profile::MAX_REPORTS)
                    } else {
                        100
                    };
                    match input.parse::<u32>() {
                        Ok(v) if v <= max => {
                            self.set_profile_number(field, v);
                            let next = if field == ProfileField::Reports {
                                ProfileField::CodingShare
                            } else {
                                ProfileField::CriticalPath
                            };
                            self.screen = self.profile_screen(next);
                            Some(Effect::SaveProgress)
                        }
                        Ok(_) => {
                            set_error(self, format!("Enter a number from 0 to {max}."), input);
                            None
                        }
                        Err(_) => {
                            set_error(self, "Type a number, then press Enter.".into(), input);
                            None
                        }
                    }
                }
                ProfileField::CriticalPath => match known.critical_path {
                    Some(yes) => self.set_critical_path(yes),
                    None => {
                        set_error(self, "Press y or n.".into(), input);
                        None
                    }
                },
                ProfileField::Stage => match known.stage {
                    Some(stage) => self.set_stage(stage),
                    None => {
                        set_error(self, "Press 1, 2 or 3.".into(), input);
                        None
                    }
                },
            },
            Action::Yes => self.set_critical_path(true),
            Action::No => self.set_critical_path(false),
            Action::Stage(n) => self.set_stage(Stage::ALL[usize::from(n.clamp(1, 3)) - 1]),
            Action::Back => {
                match field {
                    ProfileField::Reports => {
                        if self.active.as_ref().is_some_and(|a| !a.to_check.is_empty()) {
                            self.screen = Screen::CheckIn {
                                index: self.active.as_ref().map_or(0, |a| a.to_check.len() - 1),
                            };
                        } else {
                            self.go_home();
                        }
                    }
                    ProfileField::CodingShare => {
                        self.screen = self.profile_screen(ProfileField::Reports)
                    }
                    ProfileField::CriticalPath => {
                        self.screen = self.profile_screen(ProfileField::CodingShare)
                    }
                    ProfileField::Stage => {
                        self.screen = self.profile_screen(ProfileField::CriticalPath)
                    }
                }
                None
            }
            _ => None,
        }
    }

    fn draft_mut(&mut self) -> Option<&mut ProfileDraft> {
        let active = self.active.as_mut()?;
        if let Some(p) = active.session.profile.take() {
            active.session.profile_draft = p.into();
        }
        Some(&mut active.session.profile_draft)
    }

    fn set_profile_number(&mut self, field: ProfileField, v: u32) {
        if let Some(d) = self.draft_mut() {
            match field {
                ProfileField::Reports => d.reports = Some(v as u16),
                _ => d.coding_share = Some(v as u8),
            }
        }
    }

    fn set_critical_path(&mut self, yes: bool) -> Option<Effect> {
        self.draft_mut()?.critical_path = Some(yes);
        self.screen = self.profile_screen(ProfileField::Stage);
        Some(Effect::SaveProgress)
    }

    fn set_stage(&mut self, stage: Stage) -> Option<Effect> {
        self.draft_mut()?.stage = Some(stage);
        let active = self.active.as_mut()?;
        let profile = active.session.profile_draft.complete();
        let Some(profile) = profile else {
            // A field was never set (only possible after editing a file by hand).
            self.screen = self.profile_screen(ProfileField::Reports);
            return None;
        };
        active.session.profile = Some(profile);
        active.session.profile_draft = ProfileDraft::default();
        let position = active.session.position;
        self.enter_question(position);
        Some(Effect::SaveProgress)
    }

    /// Shows question `index`, with the cursor on its earlier answer.
    fn enter_question(&mut self, index: usize) {
        let Some(active) = self.active.as_mut() else {
            return;
        };
        if index >= active.current_set().items.len() {
            let other_pending = active.other_set.is_some() && !active.rating_other;
            if other_pending {
                active.session.position = active.set.items.len();
                self.screen = Screen::Handover;
            } else {
                self.enter_results();
            }
            return;
        }
        active.set_position(index);
        let item = active.current_set().items[index].clone();
        let earlier = active.current_answers().get(&item.id);
        let cursor = match earlier {
            Some(Answer::Value(v)) => *v,
            Some(Answer::NotApplicable) => 0,
            _ => 1 + item.scale_len() / 2,
        };
        let text = (item.kind == Kind::Text).then(|| match earlier {
            Some(Answer::Text(t)) => t.clone(),
            _ => String::new(),
        });
        // "Why this matters" stays open once opened; onboarding always shows it.
        let why_open = matches!(self.screen, Screen::Question { why: true, .. });
        let why = why_open || active.session.mode == Mode::Onboarding;
        self.screen = Screen::Question {
            index,
            cursor,
            why,
            text,
        };
    }

    fn record(&mut self, index: usize, answer: Option<Answer>) -> Option<Effect> {
        let active = self.active.as_mut()?;
        let id = active.current_set().items.get(index)?.id.clone();
        match answer {
            Some(a) => active.current_answers_mut().insert(id, a),
            None => active.current_answers_mut().remove(&id),
        };
        self.enter_question(index + 1);
        Some(Effect::SaveProgress)
    }

    fn on_question(
        &mut self,
        index: usize,
        cursor: u8,
        why: bool,
        text: Option<String>,
        action: Action,
    ) -> Option<Effect> {
        let item = self
            .active
            .as_ref()?
            .current_set()
            .items
            .get(index)?
            .clone();
        if let Some(mut text) = text {
            return match action {
                Action::Type(c) => {
                    if !crate::model::text::is_forbidden(c) && text.chars().count() < 2000 {
                        text.push(c);
                    }
                    self.screen = Screen::Question {
                        index,
                        cursor,
                        why,
                        text: Some(text),
                    };
                    None
                }
                Action::Backspace => {
                    text.pop();
                    self.screen = Screen::Question {
                        index,
                        cursor,
                        why,
                        text: Some(text),
                    };
                    None
                }
                Action::Enter if text.trim().is_empty() => self.record(index, None),
                Action::Enter => self.record(index, Some(Answer::Text(text.trim().to_string()))),
                Action::Skip => {
                    self.enter_question(index + 1);
                    Some(Effect::SaveProgress)
                }
                Action::Previous => self.previous_question(index),
                _ => None,
            };
        }
        let len = item.scale_len();
        let set = |app: &mut App, cursor: u8, why: bool| {
            app.screen = Screen::Question {
                index,
                cursor,
                why,
                text: None,
            };
            None
        };
        match action {
            Action::Answer(v) if (1..=len).contains(&v) => {
                self.record(index, Some(Answer::Value(v)))
            }
            Action::NotApplicable => self.record(index, Some(Answer::NotApplicable)),
            Action::Skip => self.record(index, None),
            Action::Left => set(self, cursor.saturating_sub(1), why),
            Action::Right => set(self, (cursor + 1).min(len), why),
            Action::Enter if cursor == 0 => self.record(index, Some(Answer::NotApplicable)),
            Action::Enter => self.record(index, Some(Answer::Value(cursor))),
            Action::ToggleWhy => set(self, cursor, !why),
            Action::Previous | Action::Back => self.previous_question(index),
            Action::Note if self.coaching() => {
                self.open_note(&item.id);
                None
            }
            _ => None,
        }
    }

    fn open_note(&mut self, item: &str) {
        let existing = self
            .active
            .as_ref()
            .and_then(|a| a.session.notes.get(item).cloned())
            .unwrap_or_default();
        let mut area =
            ratatui_textarea::TextArea::new(existing.lines().map(String::from).collect());
        area.set_wrap_mode(ratatui_textarea::WrapMode::Word);
        area.set_placeholder_text("What came up? Type freely; Esc closes and keeps the note.");
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        self.note = Some(NoteEditor {
            item: item.to_string(),
            area,
        });
        self.overlay = Some(Overlay::Note);
    }

    /// Closes the note editor, keeping what was typed.
    fn close_note(&mut self) -> Option<Effect> {
        self.overlay = None;
        let editor = self.note.take()?;
        let text: String = editor
            .area
            .lines()
            .iter()
            .map(|l| {
                l.chars()
                    .filter(|c| !crate::model::text::is_forbidden(*c))
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n");
        let notes = &mut self.active.as_mut()?.session.notes;
        if text.trim().is_empty() {
            notes.remove(&editor.item);
        } else {
            notes.insert(editor.item, text.trim_end().to_string());
        }
        Some(Effect::SaveProgress)
    }

    fn on_handover(&mut self, action: Action) -> Option<Effect> {
        let active = self.active.as_mut()?;
        match action {
            Action::StartOther => {
                let set = active.other_set.as_ref()?.id.clone();
                let position = active.session.other.as_ref().map_or(0, |o| o.position);
                active.session.other.get_or_insert(OtherRating {
                    set,
                    answers: Default::default(),
                    position: 0,
                });
                active.rating_other = true;
                self.enter_question(position);
                Some(Effect::SaveProgress)
            }
            Action::Skip => {
                self.enter_results();
                None
            }
            Action::Back | Action::Previous => {
                let last = active.set.items.len().checked_sub(1)?;
                self.enter_question(last);
                None
            }
            _ => None,
        }
    }

    fn previous_question(&mut self, index: usize) -> Option<Effect> {
        if index == 0 && self.active.as_ref().is_some_and(|a| a.rating_other) {
            if let Some(a) = self.active.as_mut() {
                a.rating_other = false;
            }
            self.screen = Screen::Handover;
            return None;
        }
        if index == 0 {
            let needs_profile = self
                .active
                .as_ref()
                .is_some_and(|a| a.set.rater == Rater::SelfRater);
            if needs_profile {
                self.screen = self.profile_screen(ProfileField::Stage);
            } else {
                self.go_home();
            }
            return None;
        }
        self.enter_question(index - 1);
        Some(Effect::SaveProgress)
    }

    /// Scores the session and shows the results.
    fn enter_results(&mut self) {
        let library = &self.library;
        let Some(active) = self.active.as_mut() else {
            return;
        };
        active.session.position = active.set.items.len();
        active.assessment = Some(assess(library, &active.set, &active.session.sheet()));
        active.other_assessment = match (&active.other_set, active.session.other_sheet()) {
            (Some(set), Some(sheet)) if !sheet.answers.is_empty() => {
                Some(assess(library, set, &sheet))
            }
            _ => None,
        };
        active.talking_points = match (&active.assessment, &active.other_assessment) {
            (Some(own), Some(other)) => {
                talking_points(&own.set, &own.scores, &other.set, &other.scores)
            }
            _ => Vec::new(),
        };
        active.previous_assessment = active
            .previous
            .as_ref()
            .map(|prev| assess(library, &active.set, &prev.sheet()));
        self.screen = Screen::Results {
            scroll: 0,
            method: false,
        };
    }

    fn on_results(&mut self, scroll: u16, method: bool, action: Action) -> Option<Effect> {
        match action {
            Action::Enter => {
                self.screen = Screen::Suggestions { cursor: 0 };
                None
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let scroll = match action {
                    Action::Up => scroll.saturating_sub(1),
                    Action::Down => scroll.saturating_add(1),
                    Action::PageUp => scroll.saturating_sub(10),
                    _ => scroll.saturating_add(10),
                };
                self.screen = Screen::Results { scroll, method };
                None
            }
            Action::ToggleMethod => {
                self.screen = Screen::Results {
                    scroll: 0,
                    method: !method,
                };
                None
            }
            Action::Export => Some(Effect::Export),
            Action::Previous | Action::Back => {
                let last = self
                    .active
                    .as_ref()?
                    .current_set()
                    .items
                    .len()
                    .checked_sub(1)?;
                self.enter_question(last);
                None
            }
            _ => None,
        }
    }

    fn on_suggestions(&mut self, cursor: usize, action: Action) -> Option<Effect> {
        let active = self.active.as_mut()?;
        let suggestions = active
            .assessment
            .as_ref()
            .map_or(&[][..], |a| a.suggestions.as_slice());
        if let Some(cursor) = stepped(cursor, suggestions.len(), action) {
            self.screen = Screen::Suggestions { cursor };
            return None;
        }
        match action {
            Action::Toggle => {
                let s = suggestions.get(cursor)?;
                let picked = &mut active.session.commitments;
                if let Some(i) = picked.iter().position(|c| c.practice == s.id) {
                    picked.remove(i);
                } else if picked.len() < MAX_COMMITMENTS {
                    picked.push(Commitment {
                        practice: s.id.clone(),
                        title: s.title.clone(),
                    });
                } else {
                    self.status = Some(format!(
                        "You can pick up to {MAX_COMMITMENTS}; unpick one first."
                    ));
                    return None;
                }
                return Some(Effect::SaveProgress);
            }
            Action::Enter => {
                active.session.finished = Some(self.now);
                return Some(Effect::SaveFinished);
            }
            Action::Back => {
                self.screen = Screen::Results {
                    scroll: 0,
                    method: false,
                }
            }
            _ => {}
        }
        None
    }

    /// Called by the run loop once the finished session is on disk.
    pub fn saved(&mut self, path: PathBuf) {
        if let Some(active) = &self.active {
            let session = active.session.clone();
            self.unfinished = self.unfinished.take().filter(|u| u.id != session.id);
            self.summaries.push(summarize(&self.library, &session));
            self.history.sessions.push(session);
            self.follow_through = self.history.follow_through();
        }
        self.screen = Screen::Saved { path };
    }

    /// Called by the run loop when a save failed: the session stays open.
    pub fn save_failed(&mut self, message: String) {
        if let (Screen::Suggestions { .. }, Some(active)) = (&self.screen, self.active.as_mut()) {
            active.session.finished = None;
        }
        self.status = Some(message);
    }

    fn on_saved(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Enter | Action::Back => {
                self.active = None;
                self.go_home();
                None
            }
            Action::Export => Some(Effect::Export),
            Action::OpenHistory => {
                self.active = None;
                self.screen = Screen::History {
                    cursor: self.history.sessions.len().saturating_sub(1),
                };
                None
            }
            _ => None,
        }
    }

    fn on_history(&mut self, cursor: usize, action: Action) -> Option<Effect> {
        let count = self.history.sessions.len();
        if let Some(cursor) = stepped(cursor, count, action) {
            self.screen = Screen::History { cursor };
            return None;
        }
        match action {
            Action::Export if count > 0 => return Some(Effect::Export),
            Action::Back | Action::Enter => self.go_home(),
            _ => {}
        }
        None
    }

    fn on_sets(&mut self, cursor: usize, action: Action) -> Option<Effect> {
        if let Some(cursor) = stepped(cursor, self.library.sets.len(), action) {
            self.screen = Screen::Sets { cursor };
            return None;
        }
        match action {
            Action::Enter => {
                let id = self.library.sets.get(cursor)?.id.clone();
                self.open_picker(Some(&id));
            }
            Action::Back => self.go_home(),
            _ => {}
        }
        None
    }

    /// The session an export refers to: the active one, or the one selected in history.
    pub fn export_target(&self) -> Option<Session> {
        match (&self.screen, &self.active) {
            (Screen::History { cursor }, _) => self.history.sessions.get(*cursor).cloned(),
            (_, Some(a)) => Some(a.session.clone()),
            _ => None,
        }
    }
}

/// The cursor after `Up` or `Down` in a list of `count` rows; `None` for any
/// other action.
fn stepped(cursor: usize, count: usize, action: Action) -> Option<usize> {
    match action {
        Action::Up => Some(cursor.saturating_sub(1)),
        Action::Down => Some((cursor + 1).min(count.saturating_sub(1))),
        _ => None,
    }
}
