//! Keys to actions, per screen: pure and table-tested. The hint tables here
//! feed both the footer and the help overlay, so they can never disagree.

use super::app::{Overlay, ProfileField, Screen};
use crate::model::session::CheckInStatus;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// `q`: quit, asking first mid-session.
    Quit,
    /// Ctrl-C: quit at once; progress is already saved.
    ForceQuit,
    Help,
    Back,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Enter,
    NewSession,
    Resume,
    OpenHistory,
    OpenSets,
    /// 1-based answer value.
    Answer(u8),
    NotApplicable,
    Skip,
    Previous,
    ToggleWhy,
    Note,
    CheckIn(CheckInStatus),
    Digit(u8),
    Backspace,
    Yes,
    No,
    /// 1..=3: early, growth, scale.
    Stage(u8),
    Toggle,
    Export,
    ToggleMethod,
    CycleMode,
    /// A character typed into a text field.
    Type(char),
    /// A key for the note editor.
    NoteKey(KeyEvent),
    /// Hand the keyboard to the second rater (coaching).
    StartOther,
    /// `v` on results: attach evidence from the configured sources.
    AttachEvidence,
}

type Hints = &'static [(&'static str, &'static str)];

const HOME: Hints = &[
    ("↑↓ Enter", "choose"),
    ("n", "new"),
    ("r", "resume"),
    ("h", "history"),
    ("s", "sets"),
    ("?", "help"),
    ("q", "quit"),
];
const PICKER: Hints = &[
    ("↑↓", "set"),
    ("Tab/m", "mode"),
    ("Enter", "start"),
    ("Esc", "back"),
    ("?", "help"),
];
const CHECK_IN: Hints = &[
    ("d", "done"),
    ("p", "partly"),
    ("x", "not done"),
    ("s", "skip"),
    ("Esc", "back"),
    ("?", "help"),
];
const PROFILE_NUMBER: Hints = &[
    ("0-9", "type"),
    ("Enter", "keep / next"),
    ("Backspace", "delete"),
    ("Esc", "back"),
    ("?", "help"),
];
const PROFILE_YES_NO: Hints = &[
    ("y/n", "yes / no"),
    ("Enter", "keep"),
    ("Esc", "back"),
    ("?", "help"),
];
const PROFILE_STAGE: Hints = &[
    ("1-3", "stage"),
    ("Enter", "keep"),
    ("Esc", "back"),
    ("?", "help"),
];
const QUESTION: Hints = &[
    ("1-5", "answer"),
    ("←→ Enter", "pick"),
    ("0/x", "n/a"),
    ("s", "skip"),
    ("b", "back"),
    ("w", "why"),
    ("?", "help"),
    ("q", "quit"),
];
const QUESTION_COACHING: Hints = &[
    ("1-5", "answer"),
    ("←→ Enter", "pick"),
    ("0/x", "n/a"),
    ("s", "skip"),
    ("b", "back"),
    ("w", "why"),
    ("n", "note"),
    ("q", "quit"),
];
const QUESTION_TEXT: Hints = &[
    ("type", "your answer"),
    ("Enter", "save, next"),
    ("Tab", "skip"),
    ("Esc", "back"),
];
const RESULTS: Hints = &[
    ("Enter", "next"),
    ("m", "method"),
    ("v", "evidence"),
    ("e", "export"),
    ("↑↓", "scroll"),
    ("b", "back"),
    ("?", "help"),
    ("q", "quit"),
];
const SUGGESTIONS: Hints = &[
    ("↑↓", "move"),
    ("Space", "commit"),
    ("Enter", "save"),
    ("Esc", "results"),
    ("?", "help"),
    ("q", "quit"),
];
const SAVED: Hints = &[
    ("Enter", "home"),
    ("e", "export"),
    ("h", "history"),
    ("q", "quit"),
];
const HISTORY: Hints = &[
    ("↑↓", "session"),
    ("e", "export"),
    ("Esc", "home"),
    ("?", "help"),
    ("q", "quit"),
];
const SETS: Hints = &[
    ("↑↓", "set"),
    ("Enter", "start"),
    ("Esc", "home"),
    ("?", "help"),
    ("q", "quit"),
];
const HANDOVER: Hints = &[
    ("Enter", "coach rates"),
    ("s", "skip to results"),
    ("Esc", "back"),
    ("?", "help"),
    ("q", "quit"),
];
const NOTE: Hints = &[
    ("type", "your note"),
    ("Esc", "close and keep"),
    ("Ctrl-C", "quit"),
];
const HELP: Hints = &[("Esc/?", "close"), ("q", "quit")];
const CONFIRM: Hints = &[("y", "quit"), ("n/Esc", "stay")];
const CONFIRM_EVIDENCE: Hints = &[("y", "read them"), ("n/Esc", "cancel")];

/// Keys that work everywhere, for the help overlay.
pub const GLOBAL: Hints = &[
    ("?", "this help"),
    ("Esc", "back, or close an overlay"),
    ("q", "quit; asks first mid-session"),
    ("Ctrl-C", "quit at once, progress saved"),
];

/// The key hints for a screen.
pub fn hints(screen: &Screen, overlay: Option<&Overlay>, coaching: bool) -> Hints {
    match overlay {
        Some(Overlay::Help) => return HELP,
        Some(Overlay::ConfirmQuit) => return CONFIRM,
        Some(Overlay::ConfirmEvidence) => return CONFIRM_EVIDENCE,
        Some(Overlay::Note) => return NOTE,
        None => {}
    }
    match screen {
        Screen::Home { .. } => HOME,
        Screen::Picker { .. } => PICKER,
        Screen::CheckIn { .. } => CHECK_IN,
        Screen::Profile { field, .. } => match field {
            ProfileField::Reports | ProfileField::CodingShare => PROFILE_NUMBER,
            ProfileField::CriticalPath => PROFILE_YES_NO,
            ProfileField::Stage => PROFILE_STAGE,
        },
        Screen::Question { text: Some(_), .. } => QUESTION_TEXT,
        Screen::Question { .. } if coaching => QUESTION_COACHING,
        Screen::Question { .. } => QUESTION,
        Screen::Results { .. } => RESULTS,
        Screen::Suggestions { .. } => SUGGESTIONS,
        Screen::Saved { .. } => SAVED,
        Screen::History { .. } => HISTORY,
        Screen::Sets { .. } => SETS,
        Screen::Handover => HANDOVER,
    }
}

/// The action for a key on a screen, if any.
pub fn action_for(screen: &Screen, overlay: Option<&Overlay>, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(key.code, KeyCode::Char('c')).then_some(Action::ForceQuit);
    }
    if let Some(overlay) = overlay {
        return match (overlay, key.code) {
            (Overlay::ConfirmQuit, KeyCode::Char('y' | 'q')) => Some(Action::Yes),
            (Overlay::ConfirmQuit, KeyCode::Char('n') | KeyCode::Esc) => Some(Action::No),
            (Overlay::ConfirmEvidence, KeyCode::Char('y')) => Some(Action::Yes),
            (Overlay::ConfirmEvidence, KeyCode::Char('n' | 'q') | KeyCode::Esc) => Some(Action::No),
            (Overlay::Help, KeyCode::Esc | KeyCode::Char('?') | KeyCode::Enter) => {
                Some(Action::Back)
            }
            (Overlay::Help, KeyCode::Char('q')) => Some(Action::Quit),
            (Overlay::Note, KeyCode::Esc) => Some(Action::Back),
            (Overlay::Note, _) => Some(Action::NoteKey(key)),
            _ => None,
        };
    }
    // A text field takes every printable key.
    if let Screen::Question { text: Some(_), .. } = screen {
        return match key.code {
            KeyCode::Char(c) => Some(Action::Type(c)),
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Enter => Some(Action::Enter),
            KeyCode::Tab => Some(Action::Skip),
            KeyCode::Esc => Some(Action::Previous),
            _ => None,
        };
    }
    if let Some(a) = common(key.code) {
        return Some(a);
    }
    match screen {
        Screen::Home { .. } => home(key.code),
        Screen::Picker { .. } => picker(key.code),
        Screen::CheckIn { .. } => check_in(key.code),
        Screen::Profile { field, .. } => profile(*field, key.code),
        Screen::Question { .. } => question(key.code),
        Screen::Results { .. } => results(key.code),
        Screen::Suggestions { .. } => suggestions(key.code),
        Screen::Saved { .. } => saved(key.code),
        Screen::History { .. } => list(key.code).or(match key.code {
            KeyCode::Char('e') => Some(Action::Export),
            _ => None,
        }),
        Screen::Sets { .. } => list(key.code),
        Screen::Handover => match key.code {
            KeyCode::Enter => Some(Action::StartOther),
            KeyCode::Char('s') => Some(Action::Skip),
            _ => None,
        },
    }
}

fn common(code: KeyCode) -> Option<Action> {
    match code {
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Char('?') => Some(Action::Help),
        KeyCode::Esc => Some(Action::Back),
        _ => None,
    }
}

fn list(code: KeyCode) -> Option<Action> {
    match code {
        KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown => Some(Action::PageDown),
        KeyCode::Enter => Some(Action::Enter),
        _ => None,
    }
}

fn home(code: KeyCode) -> Option<Action> {
    list(code).or(match code {
        KeyCode::Char('n') => Some(Action::NewSession),
        KeyCode::Char('r') => Some(Action::Resume),
        KeyCode::Char('h') => Some(Action::OpenHistory),
        KeyCode::Char('s') => Some(Action::OpenSets),
        _ => None,
    })
}

fn picker(code: KeyCode) -> Option<Action> {
    list(code).or(match code {
        KeyCode::Tab | KeyCode::Char('m') | KeyCode::Right | KeyCode::Char('l') => {
            Some(Action::CycleMode)
        }
        _ => None,
    })
}

fn check_in(code: KeyCode) -> Option<Action> {
    match code {
        KeyCode::Char('d') => Some(Action::CheckIn(CheckInStatus::Done)),
        KeyCode::Char('p') => Some(Action::CheckIn(CheckInStatus::Partly)),
        KeyCode::Char('x') => Some(Action::CheckIn(CheckInStatus::NotDone)),
        KeyCode::Char('s') => Some(Action::CheckIn(CheckInStatus::Skipped)),
        _ => None,
    }
}

fn profile(field: ProfileField, code: KeyCode) -> Option<Action> {
    match (field, code) {
        (_, KeyCode::Enter) => Some(Action::Enter),
        (ProfileField::Reports | ProfileField::CodingShare, KeyCode::Char(c @ '0'..='9')) => {
            Some(Action::Digit(c as u8 - b'0'))
        }
        (ProfileField::Reports | ProfileField::CodingShare, KeyCode::Backspace) => {
            Some(Action::Backspace)
        }
        (ProfileField::CriticalPath, KeyCode::Char('y')) => Some(Action::Yes),
        (ProfileField::CriticalPath, KeyCode::Char('n')) => Some(Action::No),
        (ProfileField::Stage, KeyCode::Char(c @ '1'..='3')) => Some(Action::Stage(c as u8 - b'0')),
        _ => None,
    }
}

fn question(code: KeyCode) -> Option<Action> {
    match code {
        KeyCode::Char(c @ '1'..='9') => Some(Action::Answer(c as u8 - b'0')),
        KeyCode::Char('0' | 'x') => Some(Action::NotApplicable),
        KeyCode::Char('s') => Some(Action::Skip),
        KeyCode::Backspace | KeyCode::Char('b') => Some(Action::Previous),
        KeyCode::Left | KeyCode::Char('h') => Some(Action::Left),
        KeyCode::Right | KeyCode::Char('l') => Some(Action::Right),
        KeyCode::Up | KeyCode::Char('k') => Some(Action::Left),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::Right),
        KeyCode::Enter => Some(Action::Enter),
        KeyCode::Char('w') => Some(Action::ToggleWhy),
        KeyCode::Char('n') => Some(Action::Note),
        _ => None,
    }
}

fn results(code: KeyCode) -> Option<Action> {
    list(code).or(match code {
        KeyCode::Char('m') => Some(Action::ToggleMethod),
        KeyCode::Char('v') => Some(Action::AttachEvidence),
        KeyCode::Char('e') => Some(Action::Export),
        KeyCode::Char('b') | KeyCode::Backspace => Some(Action::Previous),
        _ => None,
    })
}

fn suggestions(code: KeyCode) -> Option<Action> {
    list(code).or(match code {
        KeyCode::Char(' ') => Some(Action::Toggle),
        _ => None,
    })
}

fn saved(code: KeyCode) -> Option<Action> {
    match code {
        KeyCode::Enter => Some(Action::Enter),
        KeyCode::Char('e') => Some(Action::Export),
        KeyCode::Char('h') => Some(Action::OpenHistory),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every footer fits an 80-column terminal, so no key hint is ever cut off.
    #[test]
    fn every_footer_fits_in_80_columns() {
        for table in [
            HOME,
            PICKER,
            CHECK_IN,
            PROFILE_NUMBER,
            PROFILE_YES_NO,
            PROFILE_STAGE,
            QUESTION,
            QUESTION_COACHING,
            QUESTION_TEXT,
            RESULTS,
            SUGGESTIONS,
            SAVED,
            HISTORY,
            SETS,
            HANDOVER,
            NOTE,
            HELP,
            CONFIRM,
        ] {
            let width: usize = 1
                + table
                    .iter()
                    .map(|(k, w)| k.chars().count() + 1 + w.chars().count())
                    .sum::<usize>()
                + 2 * (table.len() - 1);
            assert!(width <= 80, "{table:?} needs {width} columns");
        }
    }
}
