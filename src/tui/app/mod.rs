//! App state and `update(Action) -> Option<Effect>`. No drawing and no I/O
//! here: the run loop performs the effects and reports back.

use super::keys::Action;
use crate::evidence::report::Json as EvidenceJson;
use crate::model::answers::Answer;
use crate::model::catalog::Library;
use crate::model::profile::ProfileDraft;
use crate::model::question_set::{Kind, QuestionSet, Rater};
use crate::model::record::Record;
use crate::model::scoring::{TalkingPoint, talking_points};
use crate::model::session::{
    CHECK_IN_DAYS, CheckIn, Commitment, OtherRating, Session, Summary, summarize,
};
use crate::model::time::{Clock, Timestamp};
use crate::model::{Assessment, Mode, Profile, Stage, assess};
use crate::sessions::History;
use crate::store::Config;
use std::path::PathBuf;

mod profile;
mod questions;

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
    /// "Read these files for evidence?", naming them.
    ConfirmEvidence,
    /// The note editor on the current question (coaching).
    Note,
}

/// The set the coach answers in coaching mode: worded for what a coach hears
/// in conversation, not what a team member sees at work.
pub const PERCEPTION_SET: &str = "coach";

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
    /// Read the configured evidence sources and attach the figures.
    AttachEvidence,
    Quit,
}

/// A session in progress, with the set it uses.
#[derive(Debug, Clone)]
pub struct Active {
    pub session: Session,
    /// The whole set, as scored (items not asked are reported, not counted).
    pub set: QuestionSet,
    /// The questions this profile is asked: what the question screens and
    /// their progress count walk through.
    pub asked: QuestionSet,
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
        let asked = set.asked_for(session.profile.as_ref());
        let rating_other =
            other_set.is_some() && session.other.is_some() && session.position >= asked.items.len();
        Active {
            session,
            set,
            asked,
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
            _ => &self.asked,
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
    /// A message, such as where an export went.
    pub status: Option<String>,
    /// Why the last autosave failed, in full, until one succeeds. While it is
    /// set the app never claims that progress is saved.
    pub autosave_error: Option<String>,
    pub clock: Clock,
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
        clock: impl Into<Clock>,
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
            autosave_error: None,
            clock: clock.into(),
            quit: false,
            theme: super::theme::Theme::colour(),
            note: None,
        }
    }

    /// The time now, from the app's clock.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
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
            (Overlay::ConfirmEvidence, Action::Yes) => {
                self.overlay = None;
                Some(Effect::AttachEvidence)
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
        // Unique among the sessions this app knows, so that it sorts after
        // them; the store makes it unique on disk at the first save.
        let mut session = Session::new(&set.id, mode, self.now());
        let base = session.id.clone();
        let known = |id: &str| {
            self.history.sessions.iter().any(|s| s.id == id)
                || self.unfinished.as_ref().is_some_and(|u| u.id == id)
        };
        for n in 2.. {
            if !known(&session.id) {
                break;
            }
            session.id = format!("{base}-{n}");
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
            Action::AttachEvidence if self.config.evidence.is_empty() => {
                self.status = Some(
                    "No evidence sources yet: add [evidence] repos and calendars to config.toml (see the README)."
                        .into(),
                );
                None
            }
            Action::AttachEvidence => {
                self.overlay = Some(Overlay::ConfirmEvidence);
                None
            }
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
                        due: None,
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
                let now = self.clock.now();
                active.session.finished = Some(now);
                let due = Timestamp(now.0 + CHECK_IN_DAYS * 86_400);
                for c in &mut active.session.commitments {
                    c.due.get_or_insert(due);
                }
                active.session.record = active
                    .assessment
                    .as_ref()
                    .map(|a| Record::of(a, active.other_assessment.as_ref()));
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

    /// Called by the run loop with the evidence it read (or why it could
    /// not). Returns whether the session changed and should be saved.
    pub fn attach_evidence(&mut self, found: Result<EvidenceJson, String>) -> bool {
        let Some(active) = self.active.as_mut() else {
            return false;
        };
        match found {
            Ok(json) => {
                self.status = Some(format!(
                    "Evidence for {} to {} attached; it is listed after your results.",
                    json.since, json.until
                ));
                active.session.evidence = Some(json);
                true
            }
            Err(e) => {
                self.status = Some(format!("Evidence not attached: {e}"));
                false
            }
        }
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
            active.session.record = None;
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
