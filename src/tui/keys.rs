//! Keys to actions: one table per screen, each row a key, what it does and
//! how to describe it. `action_for`, the footer, the help overlay and the home
//! menu all read these tables, so they cannot disagree (yazi's keymap `desc`).

/// Re-exported: what every key table row produces.
pub use super::action::Action;
use super::screen::{Overlay, ProfileField, Screen};
use crate::model::session::CheckInStatus;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What a row does with the key that matched it.
#[derive(Debug, Clone)]
pub enum Act {
    /// Always this action.
    Do(Action),
    /// The digit pressed, made into an action (`3` answers 3).
    Digit(fn(u8) -> Action),
    /// Two directions: ↑, ←, PgUp, `k`, `h` ask for the first; the rest for the second.
    Pair(Action, Action),
    /// Any key not matched above it, handed to a text editor.
    Edit,
}

/// One row of a key table.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The keys; empty means any key (only with `Act::Edit`).
    pub keys: &'static [KeyCode],
    /// How the footer and help write the keys: `↑↓`, `1-5`, `0/x`.
    pub label: &'static str,
    pub act: Act,
    /// The footer's word for it; empty keeps it out of the footer.
    pub hint: &'static str,
    /// The help overlay's (and home menu's) description.
    pub desc: &'static str,
    /// Listed in the home menu.
    pub menu: bool,
    /// Only in coaching sessions.
    pub coaching: bool,
    /// The row that answers with a digit: its label follows the scale.
    pub answers: bool,
}

impl Binding {
    const fn new(
        keys: &'static [KeyCode],
        label: &'static str,
        act: Act,
        hint: &'static str,
        desc: &'static str,
    ) -> Binding {
        Binding {
            keys,
            label,
            act,
            hint,
            desc,
            menu: false,
            coaching: false,
            answers: false,
        }
    }

    const fn answers(mut self) -> Binding {
        self.answers = true;
        self
    }

    /// How the footer and help write the keys on `screen`: the answer row
    /// says the scale's own range (`1-4`, `1-11`).
    pub fn label_on(&self, screen: &Screen) -> std::borrow::Cow<'static, str> {
        match screen {
            Screen::Question { points, .. } if self.answers => format!("1-{points}").into(),
            _ => self.label.into(),
        }
    }

    const fn menu(mut self) -> Binding {
        self.menu = true;
        self
    }

    const fn coaching(mut self) -> Binding {
        self.coaching = true;
        self
    }

    /// The action this row gives `key`, if the key is one of its keys.
    pub fn resolve(&self, key: KeyEvent) -> Option<Action> {
        if !self.keys.is_empty() && !self.keys.contains(&key.code) {
            return None;
        }
        match (&self.act, key.code) {
            (Act::Do(a), _) => Some(a.clone()),
            (Act::Digit(f), KeyCode::Char(c)) => c.to_digit(10).map(|d| f(d as u8)),
            (Act::Digit(_), _) => None,
            (Act::Pair(first, second), code) => Some(if backward(code) {
                first.clone()
            } else {
                second.clone()
            }),
            (Act::Edit, _) => Some(Action::Edit(key)),
        }
    }
}

fn backward(code: KeyCode) -> bool {
    matches!(
        code,
        KeyCode::Up | KeyCode::Left | KeyCode::PageUp | KeyCode::Char('k' | 'h')
    )
}

type Table = &'static [Binding];

/// From this many points on, digits choose a point and Enter answers, so
/// that 10 and 11 can be typed as two digits.
pub const LONG_SCALE: u8 = 10;

use Action as A;
use KeyCode::{Backspace, Char, Down, Enter, Esc, Left, PageDown, PageUp, Right, Tab, Up};

const MOVE: &[KeyCode] = &[Up, Down, Char('k'), Char('j')];
const PAGE: &[KeyCode] = &[PageUp, PageDown];
const DIGITS_1_9: &[KeyCode] = &[
    Char('1'),
    Char('2'),
    Char('3'),
    Char('4'),
    Char('5'),
    Char('6'),
    Char('7'),
    Char('8'),
    Char('9'),
];
const DIGITS_0_9: &[KeyCode] = &[
    Char('0'),
    Char('1'),
    Char('2'),
    Char('3'),
    Char('4'),
    Char('5'),
    Char('6'),
    Char('7'),
    Char('8'),
    Char('9'),
];

const fn help() -> Binding {
    Binding::new(&[Char('?')], "?", Act::Do(A::Help), "help", "this help")
}
const fn quit() -> Binding {
    Binding::new(
        &[Char('q')],
        "q",
        Act::Do(A::Quit),
        "quit",
        "quit; asks first mid-session",
    )
}
const fn esc(hint: &'static str, desc: &'static str) -> Binding {
    Binding::new(&[Esc], "Esc", Act::Do(A::Back), hint, desc)
}
const fn moves(hint: &'static str, desc: &'static str) -> Binding {
    Binding::new(MOVE, "↑↓", Act::Pair(A::Up, A::Down), hint, desc)
}
const fn pages() -> Binding {
    Binding::new(
        PAGE,
        "PgUp/PgDn",
        Act::Pair(A::PageUp, A::PageDown),
        "",
        "scroll a page",
    )
}
const fn enter(hint: &'static str, desc: &'static str) -> Binding {
    Binding::new(&[Enter], "Enter", Act::Do(A::Enter), hint, desc)
}

const fn attach_raters() -> Binding {
    Binding::new(
        &[Char('a')],
        "a",
        Act::Do(A::AttachRaters),
        "raters",
        "attach raters' answers: a folder of their files (or one file), read as `score --others` reads them",
    )
}

const HOME: Table = &[
    moves("move", "move through the menu"),
    enter("choose", "do what the selected row says"),
    Binding::new(
        &[Char('n')],
        "n",
        Act::Do(A::NewSession),
        "new",
        "New session",
    )
    .menu(),
    Binding::new(
        &[Char('r')],
        "r",
        Act::Do(A::Resume),
        "resume",
        "Resume the unfinished session",
    )
    .menu(),
    Binding::new(
        &[Char('h')],
        "h",
        Act::Do(A::OpenHistory),
        "history",
        "History and trends",
    )
    .menu(),
    Binding::new(
        &[Char('s')],
        "s",
        Act::Do(A::OpenSets),
        "sets",
        "Question sets",
    )
    .menu(),
    Binding::new(&[Char('?')], "?", Act::Do(A::Help), "help", "Help").menu(),
    Binding::new(&[Char('q')], "q", Act::Do(A::Quit), "quit", "Quit").menu(),
];

const PICKER: Table = &[
    moves("set", "choose a question set"),
    Binding::new(
        &[Tab, Char('m'), Right, Char('l')],
        "Tab/m",
        Act::Do(A::CycleMode),
        "mode",
        "next mode: solo, coaching, onboarding",
    ),
    enter("start", "start a session of this set in this mode"),
    esc("back", "back to the home screen"),
    help(),
];

const CHECK_IN: Table = &[
    Binding::new(
        &[Char('d')],
        "d",
        Act::Do(A::CheckIn(CheckInStatus::Done)),
        "done",
        "you did it",
    ),
    Binding::new(
        &[Char('p')],
        "p",
        Act::Do(A::CheckIn(CheckInStatus::Partly)),
        "partly",
        "you did some of it",
    ),
    Binding::new(
        &[Char('x')],
        "x",
        Act::Do(A::CheckIn(CheckInStatus::NotDone)),
        "not done",
        "it did not happen",
    ),
    Binding::new(
        &[Char('s')],
        "s",
        Act::Do(A::CheckIn(CheckInStatus::Skipped)),
        "skip",
        "leave it out of the follow-through count",
    ),
    Binding::new(
        &[Char('t')],
        "t",
        Act::Do(A::Note),
        "note",
        "a short note on how it went; Esc closes and keeps it",
    ),
    Binding::new(
        &[Esc, Char('b'), Backspace],
        "Esc/b",
        Act::Do(A::Back),
        "back",
        "the commitment before, to change what you said",
    ),
    help(),
];

const PROFILE_NUMBER: Table = &[
    Binding::new(
        DIGITS_0_9,
        "0-9",
        Act::Digit(A::Digit),
        "type",
        "type the number",
    ),
    enter("keep / next", "keep the number and go on"),
    Binding::new(
        &[Backspace],
        "Backspace",
        Act::Do(A::Backspace),
        "delete",
        "delete the last digit",
    ),
    esc("back", "the step before"),
    help(),
];

const PROFILE_YES_NO: Table = &[
    Binding::new(&[Char('y')], "y", Act::Do(A::Yes), "yes", "yes"),
    Binding::new(&[Char('n')], "n", Act::Do(A::No), "no", "no"),
    enter("keep", "keep last time's answer"),
    esc("back", "the step before"),
    help(),
];

const PROFILE_STAGE: Table = &[
    Binding::new(
        &[Char('1'), Char('2'), Char('3')],
        "1-3",
        Act::Digit(A::Stage),
        "stage",
        "early, growth or scale",
    ),
    enter("keep", "keep last time's answer"),
    esc("back", "the step before"),
    help(),
];

/// Up to 9 points: a digit answers at once.
const ANSWER_DIGIT: Binding = Binding::new(
    DIGITS_1_9,
    "1-9",
    Act::Digit(A::Answer),
    "answer",
    "answer and go to the next question",
)
.answers();
/// 10 or 11 points: digits choose (1 then 0 is 10), Enter answers.
const CHOOSE_DIGIT: Binding = Binding::new(
    DIGITS_0_9,
    "1-11",
    Act::Digit(A::Answer),
    "type+Enter",
    "choose a point: type its number (1 then 0 for 10, 1 then 1 for 11), then Enter",
)
.answers();

const QUESTION: Table = &[
    ANSWER_DIGIT,
    Binding::new(
        &[
            Left,
            Right,
            Char('h'),
            Char('l'),
            Up,
            Down,
            Char('k'),
            Char('j'),
        ],
        "←→",
        Act::Pair(A::Left, A::Right),
        "move",
        "move along the scale",
    ),
    // Left out of the footer for room: the help overlay has it.
    enter("", "answer with the option under the cursor"),
    Binding::new(
        &[Char('0'), Char('x')],
        "0/x",
        Act::Do(A::NotApplicable),
        "n/a",
        "not applicable / don't know",
    ),
    Binding::new(&[Char('s')], "s", Act::Do(A::Skip), "skip", "skip for now"),
    Binding::new(
        &[Char('b'), Backspace],
        "b",
        Act::Do(A::Previous),
        "back",
        "the question before, with your earlier answer",
    ),
    Binding::new(
        &[Char('w')],
        "w",
        Act::Do(A::ToggleWhy),
        "why",
        "why this matters: both sides of the debate",
    ),
    Binding::new(
        &[Char('n')],
        "n",
        Act::Do(A::Note),
        "note",
        "a note on this question; Esc closes and keeps it",
    )
    .coaching(),
    esc(
        "",
        "close \"why this matters\", else the question before (not past the first)",
    ),
    help(),
    quit(),
];

/// A set without "not applicable".
const QUESTION_NO_NA: Table = &[
    ANSWER_DIGIT,
    Binding::new(
        &[
            Left,
            Right,
            Char('h'),
            Char('l'),
            Up,
            Down,
            Char('k'),
            Char('j'),
        ],
        "←→",
        Act::Pair(A::Left, A::Right),
        "move",
        "move along the scale",
    ),
    // Left out of the footer for room: the help overlay has it.
    enter("", "answer with the option under the cursor"),
    Binding::new(
        &[Char('0'), Char('x')],
        "0/x",
        Act::Do(A::NotApplicable),
        "",
        "this set has no \"not applicable\" answer: s skips instead",
    ),
    Binding::new(&[Char('s')], "s", Act::Do(A::Skip), "skip", "skip for now"),
    Binding::new(
        &[Char('b'), Backspace],
        "b",
        Act::Do(A::Previous),
        "back",
        "the question before, with your earlier answer",
    ),
    Binding::new(
        &[Char('w')],
        "w",
        Act::Do(A::ToggleWhy),
        "why",
        "why this matters: both sides of the debate",
    ),
    Binding::new(
        &[Char('n')],
        "n",
        Act::Do(A::Note),
        "note",
        "a note on this question; Esc closes and keeps it",
    )
    .coaching(),
    esc(
        "",
        "close \"why this matters\", else the question before (not past the first)",
    ),
    help(),
    quit(),
];

/// 10 or 11 points: digits choose, Enter answers, x is "not applicable".
const QUESTION_LONG: Table = &[
    CHOOSE_DIGIT,
    Binding::new(
        &[
            Left,
            Right,
            Char('h'),
            Char('l'),
            Up,
            Down,
            Char('k'),
            Char('j'),
        ],
        "←→",
        Act::Pair(A::Left, A::Right),
        "move",
        "move along the scale",
    ),
    enter("", "answer with the option under the cursor"),
    Binding::new(
        &[Char('x')],
        "x",
        Act::Do(A::NotApplicable),
        "n/a",
        "not applicable / don't know",
    ),
    Binding::new(&[Char('s')], "s", Act::Do(A::Skip), "skip", "skip for now"),
    Binding::new(
        &[Char('b'), Backspace],
        "b",
        Act::Do(A::Previous),
        "back",
        "the question before, with your earlier answer",
    ),
    Binding::new(
        &[Char('w')],
        "w",
        Act::Do(A::ToggleWhy),
        "why",
        "why this matters: both sides of the debate",
    ),
    Binding::new(
        &[Char('n')],
        "n",
        Act::Do(A::Note),
        "note",
        "a note on this question; Esc closes and keeps it",
    )
    .coaching(),
    esc(
        "",
        "close \"why this matters\", else the question before (not past the first)",
    ),
    help(),
    quit(),
];

/// 10 or 11 points in a set without "not applicable".
const QUESTION_LONG_NO_NA: Table = &[
    CHOOSE_DIGIT,
    Binding::new(
        &[
            Left,
            Right,
            Char('h'),
            Char('l'),
            Up,
            Down,
            Char('k'),
            Char('j'),
        ],
        "←→",
        Act::Pair(A::Left, A::Right),
        "move",
        "move along the scale",
    ),
    enter("", "answer with the option under the cursor"),
    Binding::new(
        &[Char('x')],
        "x",
        Act::Do(A::NotApplicable),
        "",
        "this set has no \"not applicable\" answer: s skips instead",
    ),
    Binding::new(&[Char('s')], "s", Act::Do(A::Skip), "skip", "skip for now"),
    Binding::new(
        &[Char('b'), Backspace],
        "b",
        Act::Do(A::Previous),
        "back",
        "the question before, with your earlier answer",
    ),
    Binding::new(
        &[Char('w')],
        "w",
        Act::Do(A::ToggleWhy),
        "why",
        "why this matters: both sides of the debate",
    ),
    Binding::new(
        &[Char('n')],
        "n",
        Act::Do(A::Note),
        "note",
        "a note on this question; Esc closes and keeps it",
    )
    .coaching(),
    esc(
        "",
        "close \"why this matters\", else the question before (not past the first)",
    ),
    help(),
    quit(),
];

const QUESTION_TEXT: Table = &[
    enter("save, next", "save what you wrote and go on"),
    Binding::new(&[Tab], "Tab", Act::Do(A::Skip), "skip", "skip for now"),
    Binding::new(
        &[Esc],
        "Esc",
        Act::Do(A::Previous),
        "back",
        "the question before; what you wrote is kept",
    ),
    Binding::new(
        &[],
        "type",
        Act::Edit,
        "your answer",
        "type; arrows, Home and End move the cursor",
    ),
];

const RESULTS: Table = &[
    enter("next", "go on to suggestions and commitments"),
    Binding::new(
        &[Char('m')],
        "m",
        Act::Do(A::ToggleMethod),
        "method",
        "how each score was computed",
    ),
    Binding::new(
        &[Char('v')],
        "v",
        Act::Do(A::AttachEvidence),
        "evidence",
        "attach evidence from your [evidence] sources (asks first, naming every file)",
    ),
    attach_raters(),
    Binding::new(
        &[Char('e')],
        "e",
        Act::Do(A::Export),
        "export",
        "write a Markdown report",
    ),
    // Left out of the footer for room: the results' last row says when
    // there is more below, and with which keys.
    moves("", "scroll a line"),
    pages(),
    Binding::new(
        &[Char('b'), Backspace],
        "b",
        Act::Do(A::Previous),
        "back",
        "the last question, to change an answer",
    ),
    esc("", "close the method, else the last question"),
    help(),
    quit(),
];

const SUGGESTIONS: Table = &[
    moves("move", "move through the suggestions"),
    Binding::new(
        &[Char(' ')],
        "Space",
        Act::Do(A::Toggle),
        "commit",
        "pick or unpick as a commitment",
    ),
    enter("save", "save the session"),
    esc("results", "back to the results"),
    help(),
    quit(),
];

const SAVED: Table = &[
    enter("home", "back to the home screen"),
    Binding::new(
        &[Char('e')],
        "e",
        Act::Do(A::Export),
        "export",
        "write a Markdown report",
    ),
    Binding::new(
        &[Char('h')],
        "h",
        Act::Do(A::OpenHistory),
        "history",
        "history and trends",
    ),
    quit(),
];

const HISTORY: Table = &[
    moves("session", "choose a session"),
    enter("open", "open its results, read-only"),
    Binding::new(
        &[Char('e')],
        "e",
        Act::Do(A::Export),
        "export",
        "write its Markdown report",
    ),
    esc("home", "back to the home screen"),
    help(),
    quit(),
];

const PAST: Table = &[
    moves("scroll", "scroll a line"),
    pages(),
    Binding::new(
        &[Char('m')],
        "m",
        Act::Do(A::ToggleMethod),
        "method",
        "how each score was computed",
    ),
    attach_raters(),
    Binding::new(
        &[Char('e')],
        "e",
        Act::Do(A::Export),
        "export",
        "write its Markdown report",
    ),
    esc("history", "close the method, else back to history"),
    help(),
    quit(),
];

const SETS: Table = &[
    moves("set", "choose a set"),
    enter("start", "start a session of this set"),
    esc("home", "back to the home screen"),
    help(),
    quit(),
];

const HANDOVER: Table = &[
    Binding::new(
        &[Enter],
        "Enter",
        Act::Do(A::StartOther),
        "coach rates",
        "the coach starts rating",
    ),
    Binding::new(
        &[Char('s')],
        "s",
        Act::Do(A::Skip),
        "skip to results",
        "results without the coach's view",
    ),
    esc("back", "back to the last question"),
    help(),
    quit(),
];

const RATE_INTRO: Table = &[enter("start", "start the questions"), help(), quit()];

const RATE_END: Table = &[
    enter(
        "write my answers file",
        "write your answers to a new file, to send back",
    ),
    Binding::new(
        &[Char('b'), Backspace],
        "b",
        Act::Do(A::Previous),
        "back",
        "the last question, to change an answer",
    ),
    esc("", "the last question, to change an answer"),
    help(),
    quit(),
];

const RATE_DONE: Table = &[
    Binding::new(
        &[Enter, Char('q')],
        "Enter/q",
        Act::Do(A::Quit),
        "quit",
        "quit; your answers are in the file named above",
    ),
    help(),
];

const CONFIRM_LEAVE_RATING: Table = &[
    Binding::new(
        &[Char('w')],
        "w",
        Act::Do(A::WriteRating),
        "write them to a file",
        "write the answers given so far to a file, to send back",
    ),
    Binding::new(
        &[Char('d')],
        "d",
        Act::Do(A::Discard),
        "discard and quit",
        "quit without writing anything",
    ),
    Binding::new(
        &[Char('n'), Esc],
        "n/Esc",
        Act::Do(A::No),
        "keep answering",
        "close this and carry on",
    ),
];

const RATERS_PATH: Table = &[
    enter("attach", "read the raters' files there and attach them"),
    Binding::new(&[Esc], "Esc", Act::Do(A::Back), "cancel", "attach nothing"),
    Binding::new(
        &[],
        "type",
        Act::Edit,
        "a folder or file",
        "type a path, relative to where altitude was started; ~ is your home",
    ),
];

const CONFIRM_REPLACE_RATERS: Table = &[
    Binding::new(
        &[Char('y')],
        "y",
        Act::Do(A::Yes),
        "replace them",
        "replace the raters' answers attached before with the ones just read",
    ),
    Binding::new(
        &[Char('n'), Char('q'), Esc],
        "n/Esc",
        Act::Do(A::No),
        "keep the earlier ones",
        "keep what was attached before",
    ),
];

const NOTE: Table = &[
    Binding::new(
        &[Esc],
        "Esc",
        Act::Do(A::Back),
        "close and keep",
        "close the note and keep what you typed",
    ),
    Binding::new(
        &[],
        "type",
        Act::Edit,
        "your note",
        "type; Enter starts a new line",
    ),
];

const HELP: Table = &[
    Binding::new(
        &[Esc, Char('?'), Enter],
        "Esc/?",
        Act::Do(A::Back),
        "close",
        "close the help",
    ),
    quit(),
];

const CONFIRM_QUIT: Table = &[
    Binding::new(
        &[Char('y'), Char('q')],
        "y",
        Act::Do(A::Yes),
        "quit",
        "quit now",
    ),
    Binding::new(
        &[Char('n'), Esc],
        "n/Esc",
        Act::Do(A::No),
        "stay",
        "carry on",
    ),
];

const CONFIRM_NEW: Table = &[
    Binding::new(
        &[Char('r')],
        "r",
        Act::Do(A::Resume),
        "resume it",
        "resume the unfinished session",
    ),
    Binding::new(
        &[Char('d')],
        "d",
        Act::Do(A::Discard),
        "discard it, start new",
        "delete the unfinished session and start a new one",
    ),
    Binding::new(
        &[Char('n'), Esc],
        "n/Esc",
        Act::Do(A::No),
        "cancel",
        "keep it and stay here",
    ),
];

const CONFIRM_EVIDENCE: Table = &[
    Binding::new(
        &[Char('y')],
        "y",
        Act::Do(A::Yes),
        "read them",
        "read the files named above",
    ),
    Binding::new(
        &[Char('n'), Char('q'), Esc],
        "n/Esc",
        Act::Do(A::No),
        "cancel",
        "read nothing",
    ),
];

/// Keys that work on every screen without a text field, unless its own table
/// says otherwise.
pub const GLOBAL: Table = &[help(), esc("back", "back, or close what is open"), quit()];

/// Shown with the global keys in the help overlay; handled before any table.
pub const FORCE_QUIT: (&str, &str) = ("Ctrl-C", "quit at once, progress saved");

/// The table for a screen, or for the overlay on it.
pub fn table(screen: &Screen, overlay: Option<&Overlay>) -> Table {
    match overlay {
        Some(Overlay::Help) => return HELP,
        Some(Overlay::ConfirmQuit) => return CONFIRM_QUIT,
        Some(Overlay::ConfirmNew) => return CONFIRM_NEW,
        Some(Overlay::ConfirmEvidence) => return CONFIRM_EVIDENCE,
        Some(Overlay::Note) => return NOTE,
        Some(Overlay::ConfirmLeaveRating) => return CONFIRM_LEAVE_RATING,
        Some(Overlay::RatersPath) => return RATERS_PATH,
        Some(Overlay::ConfirmReplaceRaters) => return CONFIRM_REPLACE_RATERS,
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
        Screen::Question { text: true, .. } => QUESTION_TEXT,
        Screen::Question { points, na, .. } => match (*points >= LONG_SCALE, *na) {
            (false, true) => QUESTION,
            (false, false) => QUESTION_NO_NA,
            (true, true) => QUESTION_LONG,
            (true, false) => QUESTION_LONG_NO_NA,
        },
        Screen::Results { .. } => RESULTS,
        Screen::Suggestions { .. } => SUGGESTIONS,
        Screen::Saved { .. } => SAVED,
        Screen::History { .. } => HISTORY,
        Screen::Past { .. } => PAST,
        Screen::Sets { .. } => SETS,
        Screen::Handover => HANDOVER,
        Screen::RateIntro => RATE_INTRO,
        Screen::RateEnd { written: None } => RATE_END,
        Screen::RateEnd { written: Some(_) } => RATE_DONE,
    }
}

/// The rows the footer shows for a screen: those with a hint, and the
/// coaching-only ones only in coaching.
pub fn footer(screen: &Screen, overlay: Option<&Overlay>, coaching: bool) -> Vec<&'static Binding> {
    table(screen, overlay)
        .iter()
        .filter(|b| !b.hint.is_empty() && (coaching || !b.coaching))
        .collect()
}

/// The home menu's rows, in order.
pub fn home_menu() -> impl Iterator<Item = &'static Binding> {
    HOME.iter().filter(|b| b.menu)
}

/// The action for a key on a screen, if any.
pub fn action_for(screen: &Screen, overlay: Option<&Overlay>, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == Char('c') {
        return Some(Action::ForceQuit);
    }
    let table = table(screen, overlay);
    let editing = table.iter().any(|b| matches!(b.act, Act::Edit));
    if key.modifiers.contains(KeyModifiers::CONTROL) && !editing {
        return None;
    }
    let found = table.iter().find_map(|b| b.resolve(key));
    // Editors and dialogs take every key themselves: no global keys there.
    if found.is_some() || editing || overlay.is_some() {
        return found;
    }
    GLOBAL.iter().find_map(|b| b.resolve(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[Table] = &[
        HOME,
        PICKER,
        CHECK_IN,
        PROFILE_NUMBER,
        PROFILE_YES_NO,
        PROFILE_STAGE,
        QUESTION,
        QUESTION_NO_NA,
        QUESTION_LONG,
        QUESTION_LONG_NO_NA,
        QUESTION_TEXT,
        RESULTS,
        SUGGESTIONS,
        SAVED,
        HISTORY,
        PAST,
        SETS,
        HANDOVER,
        NOTE,
        HELP,
        CONFIRM_QUIT,
        CONFIRM_NEW,
        CONFIRM_EVIDENCE,
        RATE_INTRO,
        RATE_END,
        RATE_DONE,
        CONFIRM_LEAVE_RATING,
        RATERS_PATH,
        CONFIRM_REPLACE_RATERS,
    ];

    /// Every footer fits an 80-column terminal, so no key hint is ever cut off.
    #[test]
    fn every_footer_fits_in_80_columns() {
        for table in ALL {
            let shown: Vec<&Binding> = table.iter().filter(|b| !b.hint.is_empty()).collect();
            let width: usize = 1
                + shown
                    .iter()
                    .map(|b| b.label.chars().count() + 1 + b.hint.chars().count())
                    .sum::<usize>()
                + 2 * (shown.len() - 1);
            assert!(width <= 80, "{table:?} needs {width} columns");
        }
    }

    /// No key is bound twice in one table: the second row would never act.
    #[test]
    fn no_table_binds_a_key_twice() {
        for table in ALL {
            let keys: Vec<KeyCode> = table.iter().flat_map(|b| b.keys.iter().copied()).collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{k:?} twice in {table:?}");
            }
        }
    }

    /// Every row has words for the help overlay.
    #[test]
    fn every_row_is_described() {
        for b in ALL.iter().flat_map(|t| t.iter()) {
            assert!(!b.desc.trim().is_empty(), "{b:?}");
        }
    }
}
