//! Which screen is showing and what is drawn over it. Shared by the keys,
//! the app and the views, so none of them needs to import another.

use crate::model::Mode;
use std::path::PathBuf;

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
    /// `text` is true on a text item, whose editor lives in `App::reflection`.
    /// `cursor` is `None` until an answer is chosen, `Some(0)` on "not
    /// applicable", else the point under it; `points` is the scale's length
    /// and `na` whether the set offers "not applicable".
    Question {
        index: usize,
        cursor: Option<u8>,
        why: bool,
        text: bool,
        points: u8,
        na: bool,
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
    /// A finished session's results, opened from history; nothing can change.
    Past {
        index: usize,
        scroll: u16,
        method: bool,
    },
    Sets {
        cursor: usize,
    },
    /// Coaching: "pass the keyboard to your coach".
    Handover,
    /// `altitude rate`: who the answers are for and where they go.
    RateIntro,
    /// `altitude rate`: the answers are in; `written` once they are in a file.
    RateEnd {
        written: Option<PathBuf>,
    },
}

/// A layer drawn over the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    ConfirmQuit,
    /// `n` on home while a session is unfinished: resume it or discard it.
    ConfirmNew,
    /// "Read these files for evidence?", naming them.
    ConfirmEvidence,
    /// The note editor on the current question (coaching) or check-in.
    Note,
    /// `altitude rate`, quitting with answers not yet in a file: write what
    /// there is, or discard it.
    ConfirmLeaveRating,
    /// The path prompt for attaching raters' answers (a folder or files);
    /// its editor lives in `App::path_prompt`.
    RatersPath,
    /// The session already has raters' answers: replace them with the ones
    /// just read (`App::pending_raters`)?
    ConfirmReplaceRaters,
}

/// The smallest terminal the app draws into.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
