//! What a key asks for (`Action`) and what the run loop does for the app
//! (`Effect`). Outcomes of effects come back as actions.

use crate::model::session::{CheckInStatus, Session};
use crossterm::event::KeyEvent;
use std::path::PathBuf;

/// Everything a key, a resize or an effect's outcome can ask for.
#[derive(Debug, Clone, PartialEq)]
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
    /// A digit typed on a question: answers at once on scales of up to 9
    /// points; on longer ones it chooses (1 then 0 is 10).
    Answer(u8),
    /// Answers with this 1-based point whatever the scale's length (the
    /// accessible mode, which reads a whole number from a line).
    AnswerPoint(u8),
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
    /// Discard the unfinished session and start a new one.
    Discard,
    /// A key for a text editor (the reflection box or a note).
    Edit(KeyEvent),
    /// Hand the keyboard to the second rater (coaching).
    StartOther,
    /// `v` on results: attach evidence from the configured sources.
    AttachEvidence,
    /// `altitude rate`: write the answers given so far to the rater's file.
    WriteRating,
    /// `a` on results: attach raters' answers from a folder or file.
    AttachRaters,
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// Outcome: the autosave worked; the session's id on disk.
    Autosaved(String),
    /// Outcome: the autosave failed; what failed and where, in full.
    AutosaveFailed(String),
    /// Outcome: the finished session was saved at `path` with `id`.
    Saved {
        path: PathBuf,
        id: String,
    },
    /// Outcome: saving the finished session failed.
    SaveFailed(String),
    /// Outcome: a report was written here.
    Exported(PathBuf),
    /// Outcome: the report could not be written.
    ExportFailed(String),
    /// Outcome: the rater's answers file was written here.
    RatingWritten(PathBuf),
    /// Outcome: the rater's answers file could not be written, and why.
    RatingFailed(String),
    /// Outcome: the raters' files found under `source`, with their text,
    /// and every file that could not be read, with why.
    RatersRead {
        source: PathBuf,
        files: Vec<(PathBuf, String)>,
        problems: Vec<String>,
    },
    /// Outcome: a finished session's attachment was saved (its id and
    /// where), or why it was not.
    OthersSaved(Result<(String, PathBuf), String>),
    /// Outcome: the evidence figures read, or why they could not be.
    EvidenceRead(Result<Box<crate::evidence::report::Json>, String>),
}

/// Work for the run loop, carrying everything it needs: the run loop reads
/// nothing from the app and reports back with an outcome action.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Autosave this unfinished session.
    SaveProgress(Box<Session>),
    /// Save this finished session.
    SaveFinished(Box<Session>),
    /// Remove this unfinished session's autosave (the user chose to discard it).
    Discard(Box<Session>),
    /// Write a session's Markdown report.
    Export {
        id: String,
        text: String,
    },
    /// Read these evidence sources (the user confirmed, having seen them named).
    AttachEvidence(Box<crate::evidence::Request>),
    /// Write a rater's answers file: to `to` (`-o`), else under a new
    /// random name in `dir`. Never replaces a file.
    WriteRating {
        to: Option<PathBuf>,
        dir: PathBuf,
        perspective: crate::model::perspective::Perspective,
        text: String,
    },
    /// Read the raters' files at this path (a folder or a file).
    ReadRaters(PathBuf),
    /// Save a finished session's raters' answers beside it; `replace` once
    /// the user confirmed replacing an earlier attachment.
    SaveOthers {
        id: String,
        attached: Box<crate::model::raters::Attached>,
        replace: bool,
    },
    Quit,
}
