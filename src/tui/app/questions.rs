//! The questions: answering, moving back, notes, handing the keyboard to
//! the coach, and scoring once the last one is answered.

use super::*;

impl App {
    /// Shows question `index`, with the cursor on its earlier answer.
    pub(super) fn enter_question(&mut self, index: usize) {
        let Some(active) = self.active.as_mut() else {
            return;
        };
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

    pub(super) fn record(&mut self, index: usize, answer: Option<Answer>) -> Option<Effect> {
        let active = self.active.as_mut()?;
        let id = active.current_set().items.get(index)?.id.clone();
        match answer {
            Some(a) => active.current_answers_mut().insert(id, a),
            None => active.current_answers_mut().remove(&id),
        };
        self.enter_question(index + 1);
        Some(Effect::SaveProgress)
    }

    pub(super) fn on_question(
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

    pub(super) fn open_note(&mut self, item: &str) {
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
    pub(super) fn close_note(&mut self) -> Option<Effect> {
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
                Some(Effect::SaveProgress)
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
    pub(super) fn enter_results(&mut self) {
        let library = &self.library;
        let Some(active) = self.active.as_mut() else {
            return;
        };
        active.session.position = active.asked.items.len();
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
}
