//! App state and `update(Action) -> Option<Effect>`. No drawing and no I/O
//! here: the run loop performs the effects and reports back.

pub use super::action::{Action, Effect};
use super::library::SharedLibrary;
pub use super::screen::{MIN_HEIGHT, MIN_WIDTH, Overlay, ProfileField, Screen};
use crate::evidence::report::Json as EvidenceJson;
use crate::model::answers::Answer;
use crate::model::catalog::Library;
use crate::model::profile::ProfileDraft;
use crate::model::question_set::{Kind, QuestionSet, Rater};
use crate::model::record::Record;
use crate::model::scoring::{TalkingPoint, talking_points};
use crate::model::session::{
    CHECK_IN_DAYS, CheckIn, Commitment, OtherRating, Session, Summary, summarize, summarize_with,
};
use crate::model::time::{Clock, Timestamp};
use crate::model::{Assessment, Mode, Profile, Stage, assess};
use crate::sessions::History;
use crate::store::Config;
use std::path::PathBuf;

mod attach;
mod profile;
mod questions;
mod rating;

pub use attach::{AttachProblems, PendingRaters};
pub use rating::RaterRun;

/// Most commitments a session can take away.
pub const MAX_COMMITMENTS: usize = 3;

/// The set the coach answers in coaching mode: worded for what a coach hears
/// in conversation, not what a team member sees at work.
pub const PERCEPTION_SET: &str = "coach";

/// What a note is written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    /// A question, by item id (coaching).
    Item(String),
    /// A commitment being checked in on, by its place in the check-in.
    CheckIn(usize),
}

/// A note being written.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub target: NoteTarget,
    pub area: ratatui_textarea::TextArea<'static>,
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
    /// A past session whose question set has changed since it was answered.
    pub set_changed: bool,
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
            set_changed: false,
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

/// The whole app.
#[derive(Debug, Clone)]
pub struct App {
    pub library: SharedLibrary,
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
    /// The answer being typed on a text question.
    pub reflection: Option<ratatui_textarea::TextArea<'static>>,
    /// A check-in note typed before its status was given.
    pub pending_check_in_note: Option<String>,
    /// A finished session opened from history, read-only.
    pub viewing: Option<Active>,
    /// The terminal's size, once known; below the minimum, keys do nothing.
    pub size: Option<(u16, u16)>,
    /// The time zone times are shown in: UTC unless the run loop says local.
    pub zone: crate::model::time::Zone,
    /// `altitude rate`: the rater's run, with where their answers go.
    pub rater: Option<RaterRun>,
    /// The path being typed to attach raters' answers.
    pub path_prompt: Option<ratatui_textarea::TextArea<'static>>,
    /// Raters' answers read, waiting to be confirmed or saved.
    pub pending_raters: Option<PendingRaters>,
    /// The raters' files that could not be used, last time some were read.
    pub attach_problems: Option<AttachProblems>,
}

impl App {
    pub fn new(
        library: impl Into<SharedLibrary>,
        config: Config,
        history: History,
        unfinished: Option<Session>,
        clock: impl Into<Clock>,
    ) -> App {
        let library = library.into();
        // Sessions that recorded their result need no question set: the
        // library may still be loading.
        let summaries = history
            .sessions
            .iter()
            .map(|s| summarize_with(|| &library, s))
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
            reflection: None,
            pending_check_in_note: None,
            viewing: None,
            size: None,
            zone: crate::model::time::Zone::Utc,
            rater: None,
            path_prompt: None,
            pending_raters: None,
            attach_problems: None,
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

    /// Whether the terminal is known to be below the minimum size.
    pub fn too_small(&self) -> bool {
        self.size
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    /// Handles one action; returns what the run loop should do.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if let Action::Resize(w, h) = action {
            self.size = Some((w, h));
            return None;
        }
        if let Some(done) = self.outcome(&action) {
            return done;
        }
        // Nothing can be seen on the "too small" screen, so nothing acts
        // there but quitting; progress is already saved.
        if self.too_small() && !matches!(action, Action::Quit | Action::ForceQuit) {
            return None;
        }
        if action != Action::Export {
            self.status = None;
        }
        if action == Action::ForceQuit || (action == Action::Quit && self.too_small()) {
            if self.rating() {
                return self.force_leave_rating();
            }
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
            Action::Quit if self.rating() => return self.leave_rating(),
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
                ..
            } => self.on_question(index, cursor, why, text, action),
            Screen::Results { scroll, method } => self.on_results(scroll, method, action),
            Screen::Suggestions { cursor } => self.on_suggestions(cursor, action),
            Screen::Saved { .. } => self.on_saved(action),
            Screen::History { cursor } => self.on_history(cursor, action),
            Screen::Past {
                index,
                scroll,
                method,
            } => self.on_past(index, scroll, method, action),
            Screen::Sets { cursor } => self.on_sets(cursor, action),
            Screen::Handover => self.on_handover(action),
            Screen::RateIntro => self.on_rate_intro(action),
            Screen::RateEnd { written } => self.on_rate_end(written, action),
        }
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) -> Option<Effect> {
        match (overlay, action) {
            (Overlay::RatersPath, action) => self.on_raters_prompt(action),
            (Overlay::ConfirmReplaceRaters, Action::Yes) => self.replace_raters(),
            (Overlay::ConfirmReplaceRaters, Action::No | Action::Back) => {
                self.overlay = None;
                self.pending_raters = None;
                self.status = Some("Kept the raters' answers attached before.".into());
                None
            }
            (Overlay::Note, Action::Edit(key)) => {
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
                Some(Effect::AttachEvidence(Box::new(self.evidence_request())))
            }
            (Overlay::ConfirmNew, Action::Resume) => {
                self.overlay = None;
                self.resume()
            }
            (Overlay::ConfirmNew, Action::Discard) => {
                self.overlay = None;
                let old = self.unfinished.take()?;
                self.open_picker(None);
                Some(Effect::Discard(Box::new(old)))
            }
            (Overlay::ConfirmLeaveRating, Action::WriteRating) => {
                self.overlay = None;
                self.write_rating(true)
            }
            (Overlay::ConfirmLeaveRating, Action::Discard) => {
                if let Some(run) = self.rater.as_mut() {
                    run.failed = None;
                }
                self.quit = true;
                Some(Effect::Quit)
            }
            (Overlay::Help, Action::Quit) if self.rating() => {
                self.overlay = None;
                self.leave_rating()
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
        let menu: Vec<_> = super::keys::home_menu().collect();
        if let Some(cursor) = stepped(cursor, menu.len(), &action) {
            self.screen = Screen::Home { cursor };
            return None;
        }
        match action {
            Action::Enter => {
                let key = menu.get(cursor)?.keys.first().copied()?;
                let chosen = menu.get(cursor)?.resolve(key.into())?;
                self.update(chosen)
            }
            Action::NewSession if self.unfinished.is_some() => {
                self.overlay = Some(Overlay::ConfirmNew);
                None
            }
            Action::NewSession => {
                self.open_picker(None);
                None
            }
            Action::Resume => self.resume(),
            Action::OpenHistory => {
                self.open_history();
                None
            }
            Action::OpenSets => {
                self.screen = Screen::Sets { cursor: 0 };
                None
            }
            _ => None,
        }
    }

    fn open_history(&mut self) {
        self.screen = Screen::History {
            cursor: self.history.sessions.len().saturating_sub(1),
        };
    }

    /// The sets a person can take about themselves: what the picker offers.
    /// Sets for a second rater are answered inside a coaching session.
    pub fn self_sets(&self) -> Vec<&QuestionSet> {
        self.library
            .sets
            .iter()
            .filter(|s| s.rater == Rater::SelfRater)
            .collect()
    }

    /// Opens the set and mode picker, on `set_id` or the configured default.
    pub fn open_picker(&mut self, set_id: Option<&str>) {
        let wanted = set_id
            .or(self.config.default_set.as_deref())
            .unwrap_or("core");
        let set = self
            .self_sets()
            .iter()
            .position(|s| s.id == wanted)
            .unwrap_or(0);
        let mode = self.config.default_mode.unwrap_or_default();
        self.screen = Screen::Picker { set, mode };
    }

    fn on_picker(&mut self, set: usize, mode: Mode, action: Action) -> Option<Effect> {
        if let Some(set) = stepped(set, self.self_sets().len(), &action) {
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
                let id = self.self_sets().get(set)?.id.clone();
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
        self.save_progress()
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
        } else if active.set.asks_profile() && active.session.profile.is_none() {
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
                self.screen = Screen::Results {
                    scroll: scrolled(scroll, &action),
                    method,
                };
                self.clamp_scroll();
                None
            }
            Action::ToggleMethod => {
                self.screen = Screen::Results {
                    scroll: 0,
                    method: !method,
                };
                None
            }
            // Esc closes the method first; only then does it go back.
            Action::Back if method => {
                self.screen = Screen::Results {
                    scroll: 0,
                    method: false,
                };
                None
            }
            Action::Export => self.export(),
            Action::AttachRaters => self.open_raters_prompt(),
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

    /// Keeps the results' scroll position within what there is to scroll.
    fn clamp_scroll(&mut self) {
        let limit = super::view::scroll_limit(self);
        if let Screen::Results { scroll, .. } | Screen::Past { scroll, .. } = &mut self.screen {
            *scroll = (*scroll).min(limit);
        }
    }

    fn on_suggestions(&mut self, cursor: usize, action: Action) -> Option<Effect> {
        let active = self.active.as_mut()?;
        let suggestions = active
            .assessment
            .as_ref()
            .map_or(&[][..], |a| a.suggestions.as_slice());
        if let Some(cursor) = stepped(cursor, suggestions.len(), &action) {
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
                return self.save_progress();
            }
            Action::Enter => {
                let now = self.clock.now();
                active.session.finished = Some(now);
                let due = now.plus_days(CHECK_IN_DAYS);
                for c in &mut active.session.commitments {
                    c.due.get_or_insert(due);
                }
                active.session.record = active
                    .assessment
                    .as_ref()
                    .map(|a| Record::of(a, active.other_assessment.as_ref()));
                return Some(Effect::SaveFinished(Box::new(active.session.clone())));
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
            Action::Export => self.export(),
            Action::OpenHistory => {
                self.active = None;
                self.open_history();
                None
            }
            _ => None,
        }
    }

    fn on_history(&mut self, cursor: usize, action: Action) -> Option<Effect> {
        let count = self.history.sessions.len();
        if let Some(cursor) = stepped(cursor, count, &action) {
            self.screen = Screen::History { cursor };
            return None;
        }
        match action {
            Action::Export if count > 0 => return self.export(),
            Action::Enter if count > 0 => self.open_past(cursor),
            Action::Back | Action::Enter => self.go_home(),
            _ => {}
        }
        None
    }

    /// Opens a finished session's results from history, read-only.
    fn open_past(&mut self, index: usize) {
        let Some(session) = self.history.sessions.get(index).cloned() else {
            return;
        };
        let Some(set) = self.library.set(&session.set).cloned() else {
            self.status = Some(format!(
                "The set \"{}\" this session used is no longer available, so its results cannot be shown; e exports what was saved.",
                session.set
            ));
            return;
        };
        let previous = self.history.previous(&set.id, &session.id).cloned();
        let mut past = Active::new(session, set, previous, Vec::new(), &self.library);
        past.score(&self.library);
        // What the session showed when it finished, not today's rules.
        if let Some(shown) = past.session.as_recorded(&self.library) {
            past.set_changed = !shown.set_unchanged;
            if let Some(other) = &shown.other {
                past.talking_points =
                    talking_points(&shown.own.set, &shown.own.scores, &other.set, &other.scores);
            }
            past.assessment = Some(shown.own);
            past.other_assessment = shown.other;
        }
        if let Some(prev) = past.previous.as_ref()
            && let Some(shown) = prev.as_recorded(&self.library)
        {
            past.previous_assessment = Some(shown.own);
        }
        self.viewing = Some(past);
        self.screen = Screen::Past {
            index,
            scroll: 0,
            method: false,
        };
    }

    fn on_past(
        &mut self,
        index: usize,
        scroll: u16,
        method: bool,
        action: Action,
    ) -> Option<Effect> {
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                self.screen = Screen::Past {
                    index,
                    scroll: scrolled(scroll, &action),
                    method,
                };
                self.clamp_scroll();
                None
            }
            Action::ToggleMethod => {
                self.screen = Screen::Past {
                    index,
                    scroll: 0,
                    method: !method,
                };
                None
            }
            Action::Back if method => {
                self.screen = Screen::Past {
                    index,
                    scroll: 0,
                    method: false,
                };
                None
            }
            Action::Export => self.export(),
            Action::AttachRaters => self.open_raters_prompt(),
            Action::Back => {
                self.viewing = None;
                self.screen = Screen::History { cursor: index };
                None
            }
            _ => None,
        }
    }

    fn on_sets(&mut self, cursor: usize, action: Action) -> Option<Effect> {
        if let Some(cursor) = stepped(cursor, self.library.sets.len(), &action) {
            self.screen = Screen::Sets { cursor };
            return None;
        }
        match action {
            Action::Enter => {
                let set = self.library.sets.get(cursor)?;
                if set.rater != Rater::SelfRater {
                    self.status = Some(format!(
                        "\"{}\" is answered by someone else about you: start a coaching session and your coach rates it after you.",
                        set.id
                    ));
                    return None;
                }
                let id = set.id.clone();
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
            (Screen::History { cursor }, _) | (Screen::Past { index: cursor, .. }, _) => {
                self.history.sessions.get(*cursor).cloned()
            }
            (_, Some(a)) => Some(a.session.clone()),
            _ => None,
        }
    }
}

/// The scroll position after a scrolling action, before clamping.
fn scrolled(scroll: u16, action: &Action) -> u16 {
    match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(10),
        Action::PageDown => scroll.saturating_add(10),
        _ => scroll,
    }
}

/// The cursor after `Up` or `Down` in a list of `count` rows; `None` for any
/// other action.
fn stepped(cursor: usize, count: usize, action: &Action) -> Option<usize> {
    match action {
        Action::Up => Some(cursor.saturating_sub(1)),
        Action::Down => Some((cursor + 1).min(count.saturating_sub(1))),
        _ => None,
    }
}

impl App {
    /// Once the library has loaded, its problems (broken user sets) join the
    /// home screen's warnings. Returns whether there were any.
    pub fn adopt_library_warnings(&mut self) -> bool {
        let problems: Vec<String> = self
            .library
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect();
        let any = !problems.is_empty();
        self.warnings.splice(0..0, problems);
        any
    }
}

impl App {
    /// Autosave the active session as it is now. A rater's answers are
    /// never autosaved: they leave only in the file they send back.
    pub fn save_progress(&self) -> Option<Effect> {
        if self.rating() {
            return None;
        }
        let active = self.active.as_ref()?;
        Some(Effect::SaveProgress(Box::new(active.session.clone())))
    }

    /// Export the Markdown report of the session in view.
    pub fn export(&self) -> Option<Effect> {
        let session = self.export_target()?;
        let text =
            crate::report::markdown::render_session(&self.library, &session, &self.summaries);
        Some(Effect::Export {
            id: session.id,
            text,
        })
    }

    /// What an effect's outcome changes: `Some` if `action` is one.
    fn outcome(&mut self, action: &Action) -> Option<Option<Effect>> {
        match action {
            Action::Autosaved(id) => {
                self.adopt_id(id);
                self.autosave_error = None;
            }
            Action::AutosaveFailed(message) => self.autosave_error = Some(message.clone()),
            Action::Saved { path, id } => {
                self.adopt_id(id);
                self.autosave_error = None;
                self.saved(path.clone());
            }
            Action::SaveFailed(message) => self.save_failed(message.clone()),
            Action::Exported(path) => {
                self.status = Some(format!("Report written to {}", path.display()));
            }
            Action::ExportFailed(message) => self.status = Some(message.clone()),
            Action::RatingWritten(path) => self.rating_outcome(Ok(path.clone())),
            Action::RatingFailed(message) => self.rating_outcome(Err(message.clone())),
            Action::RatersRead {
                source,
                files,
                problems,
            } => {
                let (source, files, problems) = (source.clone(), files.clone(), problems.clone());
                return Some(self.raters_read(&source, &files, problems));
            }
            Action::OthersSaved(outcome) => self.others_saved(outcome.clone()),
            Action::EvidenceRead(found) => {
                let found = found.clone().map(|json| *json);
                return Some(if self.attach_evidence(found) {
                    self.save_progress()
                } else {
                    None
                });
            }
            _ => return None,
        }
        Some(None)
    }

    /// What to read for evidence: the configured sources, the last 14 days.
    pub fn evidence_request(&self) -> crate::evidence::Request {
        let now = i64::try_from(self.clock.now().0).unwrap_or(i64::MAX);
        let (since, until) = crate::evidence::last_days(now, 14);
        let src = &self.config.evidence;
        crate::evidence::Request {
            repos: src
                .repos
                .iter()
                .map(|p| crate::evidence::expand_home(p))
                .collect(),
            calendars: src
                .calendars
                .iter()
                .map(|p| crate::evidence::expand_home(p))
                .collect(),
            me: src.me.clone(),
            since,
            until,
            ..crate::evidence::Request::default()
        }
    }

    /// The store may give a session a new id on its first save, to keep it
    /// unique; the app carries on with that id.
    fn adopt_id(&mut self, id: &str) {
        if let Some(active) = self.active.as_mut()
            && active.session.id != id
        {
            active.session.id = id.to_string();
        }
    }
}
