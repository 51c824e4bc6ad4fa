//! Attaching raters' answers to a session from its results: a path prompt,
//! the files read as `score --others` reads them, the groups aggregated by
//! `model::raters` with the configured minimums, and the attachment kept
//! with the session: in the session itself while it is open, beside its
//! file once it is finished (finished files are written once).

use super::*;
use crate::model::raters::{Attached, aggregate, parse_rating};

/// Longest path the prompt takes, in characters.
const MAX_PATH: usize = 1000;

/// Raters' answers read and aggregated, waiting for the user to confirm
/// that they replace the session's earlier ones.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingRaters {
    pub attached: Attached,
    /// What to say once they are attached: how many, from where, what was skipped.
    pub summary: String,
}

/// Problems with raters' files, shown with the session they were read for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachProblems {
    pub session: String,
    pub problems: Vec<String>,
}

impl App {
    /// The session whose results show: the active one, or one from history.
    fn results_session(&self) -> Option<&Session> {
        match self.screen {
            Screen::Results { .. } => self.active.as_ref().map(|a| &a.session),
            Screen::Past { .. } => self.viewing.as_ref().map(|a| &a.session),
            _ => None,
        }
    }

    /// The raters' answers attached to the session whose results show.
    pub fn results_others(&self) -> Option<&Attached> {
        self.results_session()?.others.as_ref()
    }

    /// `a` on results: the path prompt.
    pub(super) fn open_raters_prompt(&mut self) -> Option<Effect> {
        let mut area = ratatui_textarea::TextArea::default();
        area.set_placeholder_text("a folder of raters' files, or one file; ~ is your home");
        self.path_prompt = Some(area);
        self.overlay = Some(Overlay::RatersPath);
        None
    }

    /// What is typed at the path prompt.
    pub fn path_typed(&self) -> String {
        self.path_prompt
            .as_ref()
            .map(|a| a.lines().join(""))
            .unwrap_or_default()
            .chars()
            .filter(|c| !crate::model::text::is_forbidden(*c))
            .collect()
    }

    pub(super) fn on_raters_prompt(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Edit(key) => {
                use crossterm::event::KeyCode;
                // One line of path: characters and the keys that move or
                // delete; a Tab or a pasted newline would only hide in it.
                let room = self
                    .path_prompt
                    .as_ref()
                    .is_some_and(|a| a.lines().concat().chars().count() < MAX_PATH);
                let allowed = match key.code {
                    KeyCode::Char(_) => room,
                    KeyCode::Backspace
                    | KeyCode::Delete
                    | KeyCode::Left
                    | KeyCode::Right
                    | KeyCode::Home
                    | KeyCode::End => true,
                    _ => false,
                };
                if let Some(area) = self.path_prompt.as_mut().filter(|_| allowed) {
                    area.input(key);
                }
                None
            }
            Action::Enter => {
                let typed = self.path_typed();
                let typed = typed.trim();
                if typed.is_empty() {
                    self.status =
                        Some("Type a folder of raters' files, or one file, then Enter.".into());
                    return None;
                }
                let path = PathBuf::from(typed);
                self.overlay = None;
                self.path_prompt = None;
                Some(Effect::ReadRaters(path))
            }
            Action::Back => {
                self.overlay = None;
                self.path_prompt = None;
                None
            }
            _ => None,
        }
    }

    /// The raters' files came back from the run loop: score them against
    /// the session, aggregate, and attach (asking first if that replaces
    /// an earlier attachment).
    pub(super) fn raters_read(
        &mut self,
        source: &std::path::Path,
        files: &[(PathBuf, String)],
        mut problems: Vec<String>,
    ) -> Option<Effect> {
        let (own, own_answers, id) = {
            let shown = match self.screen {
                Screen::Results { .. } => self.active.as_ref()?,
                Screen::Past { .. } => self.viewing.as_ref()?,
                _ => return None,
            };
            (
                shown.assessment.clone()?,
                shown.session.answers.clone(),
                shown.session.id.clone(),
            )
        };
        let mut ratings = Vec::new();
        for (path, text) in files {
            match parse_rating(&self.library, path, text) {
                Ok(r) => ratings.push(r),
                Err(p) => problems.push(p.to_string()),
            }
        }
        self.attach_problems = Some(AttachProblems {
            session: id,
            problems: problems.clone(),
        });
        let skipped = match problems.len() {
            0 => String::new(),
            1 => " 1 file was skipped; its problem is listed with them.".to_string(),
            n => format!(" {n} files were skipped; their problems are listed with them."),
        };
        if ratings.is_empty() {
            self.status = Some(format!(
                "No raters' answers attached: {} holds no file that could be used.{skipped}",
                source.display()
            ));
            return None;
        }
        let groups = aggregate(&own, &own_answers, &ratings, self.config.raters);
        let attached = Attached {
            groups,
            files: ratings.len(),
            attached: self.now(),
        };
        let summary = format!(
            "Attached {} from {}: the perspectives follow your results.{skipped}",
            match ratings.len() {
                1 => "1 rater's answers".to_string(),
                n => format!("{n} raters' answers"),
            },
            source.display()
        );
        let pending = PendingRaters { attached, summary };
        if self.results_session()?.others.is_some() {
            self.pending_raters = Some(pending);
            self.overlay = Some(Overlay::ConfirmReplaceRaters);
            return None;
        }
        self.attach(pending, false)
    }

    /// Confirmed: the raters' answers just read replace the earlier ones.
    pub(super) fn replace_raters(&mut self) -> Option<Effect> {
        self.overlay = None;
        let pending = self.pending_raters.take()?;
        self.attach(pending, true)
    }

    /// Attaches `pending` to the session in view: at once to an open
    /// session (saved with its autosave), through the store to a finished one.
    fn attach(&mut self, pending: PendingRaters, replace: bool) -> Option<Effect> {
        match self.screen {
            Screen::Results { .. } => {
                self.active.as_mut()?.session.others = Some(pending.attached);
                self.status = Some(pending.summary);
                self.save_progress()
            }
            Screen::Past { .. } => {
                let id = self.viewing.as_ref()?.session.id.clone();
                let effect = Effect::SaveOthers {
                    id,
                    attached: Box::new(pending.attached.clone()),
                    replace,
                };
                self.pending_raters = Some(pending);
                Some(effect)
            }
            _ => None,
        }
    }

    /// A finished session's attachment is on disk (or could not be saved).
    pub(super) fn others_saved(&mut self, outcome: Result<(String, PathBuf), String>) {
        let pending = self.pending_raters.take();
        match (outcome, pending) {
            (Ok((id, _)), Some(pending)) => {
                for s in self.history.sessions.iter_mut().filter(|s| s.id == id) {
                    s.others = Some(pending.attached.clone());
                }
                if let Some(v) = self.viewing.as_mut().filter(|v| v.session.id == id) {
                    v.session.others = Some(pending.attached);
                }
                self.status = Some(pending.summary);
            }
            (Err(e), _) => {
                self.status = Some(format!(
                    "Raters' answers not attached: {e}. The session is as it was."
                ));
            }
            (Ok(_), None) => {}
        }
    }

    /// The problems of the last raters' files read for `session`, if any.
    pub fn attach_problems_for(&self, session: &str) -> &[String] {
        match &self.attach_problems {
            Some(p) if p.session == session => &p.problems,
            _ => &[],
        }
    }
}
