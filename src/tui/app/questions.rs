//! The questions: answering, moving back, notes, handing the keyboard to
//! the coach, and scoring once the last one is answered.

use super::*;
use crate::tui::keys::LONG_SCALE;

impl App {
    /// Shows question `index`, with the cursor on its earlier answer.
    pub(super) fn enter_question(&mut self, index: usize) {
        let Some(active) = self.active.as_mut() else {
            return;
        };
        if index >= active.current_set().items.len() && self.rater.is_some() {
            self.screen = Screen::RateEnd { written: None };
            return;
        }
        if index >= active.current_set().items.len() {
            let other_pending = active.other_set.is_some() && !active.rating_other;
            if other_pending {
                active.session.position = active.asked.items.len();
                self.screen = Screen::Handover;
            } else {
                self.enter_results();
            }
            return;
        }
        active.set_position(index);
        let item = active.current_set().items[index].clone();
        let earlier = active.current_answers().get(&item.id);
        // The cursor starts on no answer, so Enter cannot answer by accident;
        // going back puts it on the earlier answer.
        let cursor = match earlier {
            Some(Answer::Value(v)) => Some(*v),
            Some(Answer::NotApplicable) => Some(0),
            _ => None,
        };
        let points = item.scale_len();
        let na = active.current_set().not_applicable;
        let text = item.kind == Kind::Text;
        self.reflection = text.then(|| {
            reflection_editor(match earlier {
                Some(Answer::Text(t)) => t,
                _ => "",
            })
        });
        // "Why this matters" stays open once opened; onboarding always shows it.
        let why_open = matches!(self.screen, Screen::Question { why: true, .. });
        let why = why_open || active.session.mode == Mode::Onboarding;
        self.screen = Screen::Question {
            index,
            cursor,
            why,
            text,
            points,
            na,
        };
    }

    pub(super) fn record(&mut self, index: usize, answer: Option<Answer>) -> Option<Effect> {
        let active = self.active.as_mut()?;
        let id = active.current_set().items.get(index)?.id.clone();
        match answer {
            Some(a) => active.current_answers_mut().insert(id, a),
            None => active.current_answers_mut().remove(&id),
        };
        self.enter_question(index + 1);
        self.save_progress()
    }

    pub(super) fn on_question(
        &mut self,
        index: usize,
        cursor: Option<u8>,
        why: bool,
        text: bool,
        action: Action,
    ) -> Option<Effect> {
        let item = self
            .active
            .as_ref()?
            .current_set()
            .items
            .get(index)?
            .clone();
        if text {
            return self.on_reflection(index, action);
        }
        let len = item.scale_len();
        let na = self.active.as_ref()?.current_set().not_applicable;
        let set = |app: &mut App, cursor: Option<u8>, why: bool| {
            app.screen = Screen::Question {
                index,
                cursor,
                why,
                text: false,
                points: len,
                na,
            };
            None
        };
        // "Not applicable" sits left of the first point, when the set has it.
        let lowest = u8::from(!na);
        match action {
            // Long scales: digits choose (1 then 0 is 10) and Enter answers.
            Action::Answer(d) if len >= LONG_SCALE => {
                let typed = cursor
                    .filter(|c| *c >= 1)
                    .map(|c| c * 10 + d)
                    .filter(|v| (1..=len).contains(v));
                match typed.or(Some(d).filter(|v| (1..=len).contains(v))) {
                    Some(v) => set(self, Some(v), why),
                    None => None,
                }
            }
            Action::Answer(v) | Action::AnswerPoint(v) if (1..=len).contains(&v) => {
                self.record(index, Some(Answer::Value(v)))
            }
            Action::NotApplicable if na => self.record(index, Some(Answer::NotApplicable)),
            Action::NotApplicable => {
                self.status =
                    Some("This set has no \"not applicable\" answer; s skips the question.".into());
                None
            }
            Action::Skip => self.record(index, None),
            Action::Left => set(
                self,
                Some(cursor.map_or(len, |c| c.saturating_sub(1).max(lowest))),
                why,
            ),
            Action::Right => set(self, Some(cursor.map_or(1, |c| (c + 1).min(len))), why),
            Action::Enter => match cursor {
                None => {
                    self.status = Some(
                        "Choose an answer first: its number, or the arrows and Enter; s skips."
                            .into(),
                    );
                    None
                }
                Some(0) => self.record(index, Some(Answer::NotApplicable)),
                Some(v) => self.record(index, Some(Answer::Value(v))),
            },
            Action::ToggleWhy if item.why.is_none() => {
                self.status = Some("This question's set gives no explanation for it.".into());
                None
            }
            Action::ToggleWhy => set(self, cursor, !why),
            // Esc closes "why this matters" first, so it never leaves the
            // question by surprise (the next digit would answer elsewhere).
            Action::Back if why => set(self, cursor, false),
            // Esc on the first question stays: the profile is behind it, and
            // a digit typed there would change it. `b` goes back on purpose.
            Action::Back if index == 0 && !self.active.as_ref()?.rating_other && !self.rating() => {
                self.status = Some(if self.active.as_ref()?.set.asks_profile() {
                    "This is the first question; b goes back to your profile.".into()
                } else {
                    "This is the first question; b goes back to the home screen.".into()
                });
                None
            }
            Action::Previous | Action::Back => self.previous_question(index),
            Action::Note if self.coaching() => {
                self.open_note(NoteTarget::Item(item.id.clone()));
                None
            }
            _ => None,
        }
    }

    /// What is typed into the reflection box on a text question.
    fn on_reflection(&mut self, index: usize, action: Action) -> Option<Effect> {
        let typed = self.reflection_text();
        match action {
            Action::Edit(key) => {
                if let Some(area) = self.reflection.as_mut() {
                    let is_char = matches!(key.code, crossterm::event::KeyCode::Char(_));
                    if !is_char || typed.chars().count() < MAX_REFLECTION {
                        area.input(key);
                    }
                }
                None
            }
            Action::Enter if typed.trim().is_empty() => self.record(index, None),
            Action::Enter => self.record(index, Some(Answer::Text(typed.trim().to_string()))),
            Action::Skip => {
                self.enter_question(index + 1);
                self.save_progress()
            }
            // Going back keeps what was typed: nothing the user wrote is lost.
            Action::Previous | Action::Back => {
                if !typed.trim().is_empty()
                    && let Some(active) = self.active.as_mut()
                    && let Some(item) = active.current_set().items.get(index)
                {
                    let id = item.id.clone();
                    active
                        .current_answers_mut()
                        .insert(id, Answer::Text(typed.trim().to_string()));
                }
                self.previous_question(index)
            }
            _ => None,
        }
    }

    /// The reflection box's text, with characters the sanitiser forbids left out.
    pub fn reflection_text(&self) -> String {
        self.reflection
            .as_ref()
            .map(|area| editor_text(area))
            .unwrap_or_default()
    }

    pub(super) fn open_note(&mut self, target: NoteTarget) {
        let existing = match &target {
            NoteTarget::Item(item) => self
                .active
                .as_ref()
                .and_then(|a| a.session.notes.get(item).cloned()),
            NoteTarget::CheckIn(index) => self
                .active
                .as_ref()
                .and_then(|a| a.session.checkins.get(*index))
                .and_then(|c| c.note.clone())
                .or_else(|| self.pending_check_in_note.clone()),
        }
        .unwrap_or_default();
        let mut area =
            ratatui_textarea::TextArea::new(existing.lines().map(String::from).collect());
        area.set_wrap_mode(ratatui_textarea::WrapMode::Word);
        area.set_placeholder_text("What came up? Type freely; Esc closes and keeps the note.");
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        self.note = Some(NoteEditor { target, area });
        self.overlay = Some(Overlay::Note);
    }

    /// Closes the note editor, keeping what was typed.
    pub(super) fn close_note(&mut self) -> Option<Effect> {
        self.overlay = None;
        let editor = self.note.take()?;
        let text = editor_text(&editor.area);
        let text = text.trim_end();
        let kept = (!text.trim().is_empty()).then(|| text.to_string());
        match editor.target {
            NoteTarget::Item(item) => {
                let notes = &mut self.active.as_mut()?.session.notes;
                match kept {
                    Some(t) => notes.insert(item, t),
                    None => notes.remove(&item),
                };
            }
            NoteTarget::CheckIn(index) => {
                match self.active.as_mut()?.session.checkins.get_mut(index) {
                    Some(checkin) => checkin.note = kept,
                    None => {
                        self.pending_check_in_note = kept;
                        return None;
                    }
                }
            }
        }
        self.save_progress()
    }

    pub(super) fn on_handover(&mut self, action: Action) -> Option<Effect> {
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
                self.save_progress()
            }
            Action::Skip => {
                self.enter_results();
                None
            }
            Action::Back | Action::Previous => {
                let last = active.asked.items.len().checked_sub(1)?;
                self.enter_question(last);
                None
            }
            _ => None,
        }
    }

    pub(super) fn previous_question(&mut self, index: usize) -> Option<Effect> {
        if index == 0 && self.active.as_ref().is_some_and(|a| a.rating_other) {
            if let Some(a) = self.active.as_mut() {
                a.rating_other = false;
            }
            self.screen = Screen::Handover;
            return None;
        }
        if index == 0 && self.rating() {
            self.screen = Screen::RateIntro;
            return None;
        }
        if index == 0 {
            let needs_profile = self.active.as_ref().is_some_and(|a| a.set.asks_profile());
            if needs_profile {
                self.screen = self.profile_screen(ProfileField::Stage);
            } else {
                self.go_home();
            }
            return None;
        }
        self.enter_question(index - 1);
        self.save_progress()
    }

    /// Scores the session and shows the results.
    pub(super) fn enter_results(&mut self) {
        let Some(active) = self.active.as_mut() else {
            return;
        };
        active.session.position = active.asked.items.len();
        active.score(&self.library);
        self.screen = Screen::Results {
            scroll: 0,
            method: false,
        };
    }
}

impl Active {
    /// Scores the session, the second rater's view and last time's session.
    pub(super) fn score(&mut self, library: &Library) {
        self.assessment = Some(assess(library, &self.set, &self.session.sheet()));
        self.other_assessment = match (&self.other_set, self.session.other_sheet()) {
            (Some(set), Some(sheet)) if !sheet.answers.is_empty() => {
                Some(assess(library, set, &sheet))
            }
            _ => None,
        };
        self.talking_points = match (&self.assessment, &self.other_assessment) {
            (Some(own), Some(other)) => {
                talking_points(&own.set, &own.scores, &other.set, &other.scores)
            }
            _ => Vec::new(),
        };
        // What the last session showed, from its record: never recomputed
        // with today's set.
        self.previous_assessment = self.previous.as_ref().map(|prev| {
            let mut shown = assess(library, &self.set, &prev.sheet());
            if let Some(record) = &prev.record {
                record.restore(&mut shown);
            }
            shown
        });
    }
}

/// Longest reflection answer, in characters.
const MAX_REFLECTION: usize = 2000;

/// A word-wrapping editor holding `text`, with the cursor at its end.
fn reflection_editor(text: &str) -> ratatui_textarea::TextArea<'static> {
    let mut area = ratatui_textarea::TextArea::new(text.lines().map(String::from).collect());
    area.set_wrap_mode(ratatui_textarea::WrapMode::Word);
    area.set_placeholder_text("Optional. Write as much or as little as is useful.");
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// An editor's lines joined, without the characters the sanitiser forbids.
fn editor_text(area: &ratatui_textarea::TextArea<'_>) -> String {
    area.lines()
        .iter()
        .map(|l| {
            l.chars()
                .filter(|c| !crate::model::text::is_forbidden(*c))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
