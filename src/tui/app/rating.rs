//! `altitude rate`: the question screens for a rater, framed by an opening
//! screen (who it is for, where the answers go) and an end screen (the file
//! to send back). Nothing is autosaved and nothing is scored: the answers
//! leave only as the one file the rater sends.

use super::*;
use crate::model::answers::rating_toml;
use crate::model::perspective::Perspective;

/// A rater's run of `altitude rate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaterRun {
    pub perspective: Perspective,
    /// `-o FILE`: where the answers go; else a new name in `dir`.
    pub output: Option<PathBuf>,
    /// The folder a file without `-o` goes in: where `rate` was run.
    pub dir: PathBuf,
    /// Where the answers were written, once they are.
    pub written: Option<PathBuf>,
    /// Whether the file holds the answers of a rater who stopped early.
    pub partial: bool,
    /// Why the last write failed, until one works or the rater discards.
    pub failed: Option<String>,
}

impl RaterRun {
    /// A run for `perspective`, writing into `dir` unless `output` is given.
    pub fn new(perspective: Perspective, dir: PathBuf, output: Option<PathBuf>) -> RaterRun {
        RaterRun {
            perspective,
            output,
            dir,
            written: None,
            partial: false,
            failed: None,
        }
    }
}

impl App {
    /// Opens `altitude rate` on `set_id`: the opening screen first.
    pub fn start_rating(&mut self, set_id: &str, run: RaterRun) {
        let Some(set) = self.library.set(set_id).cloned() else {
            self.status = Some(format!("There is no question set \"{set_id}\"."));
            return;
        };
        let session = Session::new(&set.id, Mode::Solo, self.now());
        self.active = Some(Active::new(session, set, None, Vec::new(), &self.library));
        self.rater = Some(run);
        self.screen = Screen::RateIntro;
    }

    /// Whether this is `altitude rate`.
    pub fn rating(&self) -> bool {
        self.rater.is_some()
    }

    /// How many answers were given that are not in a file yet.
    pub fn unwritten_answers(&self) -> usize {
        match (&self.rater, &self.active) {
            (Some(run), Some(active)) if run.written.is_none() => active.session.answers.len(),
            _ => 0,
        }
    }

    /// "You have answered 2 questions that are not in a file yet."
    pub fn unwritten_sentence(&self) -> String {
        match self.unwritten_answers() {
            1 => "You have answered 1 question that is not in a file yet.".to_string(),
            n => format!("You have answered {n} questions that are not in a file yet."),
        }
    }

    /// `q` while rating: straight out if nothing would be lost, else ask.
    pub(super) fn leave_rating(&mut self) -> Option<Effect> {
        if self.unwritten_answers() > 0 {
            self.overlay = Some(Overlay::ConfirmLeaveRating);
            None
        } else {
            self.quit = true;
            Some(Effect::Quit)
        }
    }

    /// Ctrl-C while rating: quit at once, but first put the answers given
    /// so far in a file, so that nothing typed is lost.
    pub(super) fn force_leave_rating(&mut self) -> Option<Effect> {
        self.quit = true;
        if self.unwritten_answers() > 0 {
            self.write_rating(true)
        } else {
            Some(Effect::Quit)
        }
    }

    pub(super) fn on_rate_intro(&mut self, action: Action) -> Option<Effect> {
        if action == Action::Enter {
            self.enter_question(0);
        }
        None
    }

    pub(super) fn on_rate_end(
        &mut self,
        written: Option<PathBuf>,
        action: Action,
    ) -> Option<Effect> {
        match (written, action) {
            (None, Action::Enter | Action::WriteRating) => self.write_rating(false),
            (None, Action::Previous | Action::Back) => {
                let last = self.active.as_ref()?.current_set().items.len();
                self.enter_question(last.checked_sub(1)?);
                None
            }
            (Some(_), Action::Enter) => {
                self.quit = true;
                Some(Effect::Quit)
            }
            _ => None,
        }
    }

    /// The rater's file, to be written by the run loop.
    pub(super) fn write_rating(&mut self, partial: bool) -> Option<Effect> {
        if let Some(run) = self.rater.as_mut() {
            run.partial = partial;
        }
        match self.rating_effect()? {
            Ok(effect) => Some(effect),
            Err(e) => {
                self.status = Some(format!("Your answers could not be put in a file: {e}"));
                None
            }
        }
    }

    /// Writing the answers given so far, as an effect.
    fn rating_effect(&self) -> Option<Result<Effect, String>> {
        let active = self.active.as_ref()?;
        let run = self.rater.as_ref()?;
        Some(
            rating_toml(&active.set, run.perspective, &active.session.answers)
                .map(|text| Effect::WriteRating {
                    to: run.output.clone(),
                    dir: run.dir.clone(),
                    perspective: run.perspective,
                    text,
                })
                .map_err(|e| e.to_string()),
        )
    }

    /// What to write if a signal ends `altitude rate` now: the answers not
    /// yet in a file, if there are any.
    pub fn rating_on_signal(&self) -> Option<Effect> {
        if self.unwritten_answers() == 0 {
            return None;
        }
        self.rating_effect()?.ok()
    }

    /// The outcome of writing the rater's file.
    pub(super) fn rating_outcome(&mut self, outcome: Result<PathBuf, String>) {
        let Some(run) = self.rater.as_mut() else {
            return;
        };
        match outcome {
            Ok(path) => {
                run.failed = None;
                run.written = Some(path.clone());
                self.overlay = None;
                self.screen = Screen::RateEnd {
                    written: Some(path),
                };
            }
            Err(message) => {
                run.failed = Some(message.clone());
                // A file named with -o that cannot be written: the next try
                // goes to a new name in the folder instead.
                let retry = match run.output.take() {
                    Some(_) => format!(
                        "Enter writes them to a new file in {} instead.",
                        run.dir.display()
                    ),
                    None => "Enter tries again.".to_string(),
                };
                self.overlay = None;
                self.screen = Screen::RateEnd { written: None };
                self.status = Some(format!(
                    "Not written: {message}. Your answers are still here; {retry}"
                ));
            }
        }
    }
}

/// Who the rater is to the manager, in a sentence: "as their peer".
fn as_whom(p: Perspective) -> &'static str {
    match p {
        Perspective::Coach => "as their coach or mentor",
        Perspective::Manager => "as their manager",
        Perspective::Peer => "as their peer",
        Perspective::Report => "as someone who reports to them",
    }
}

/// Whose answers the group's are, for the rater: "peers' answers".
fn group_of(p: Perspective) -> &'static str {
    match p {
        Perspective::Coach => "a coach's answers",
        Perspective::Manager => "a manager's answers",
        Perspective::Peer => "peers' answers",
        Perspective::Report => "their reports' answers",
    }
}

impl App {
    /// The opening screen's paragraphs (the first is its heading): who the
    /// answers are for, where they go, and who may see what. The TUI and
    /// accessible mode say the same words.
    pub fn rating_intro(&self) -> Vec<String> {
        let (Some(run), Some(active)) = (&self.rater, &self.active) else {
            return Vec::new();
        };
        let p = run.perspective;
        let set = &active.set;
        let scored = set.scored_items().count();
        let open = match set.items.len() - scored {
            0 => String::new(),
            1 => " and one open question".to_string(),
            n => format!(" and {n} open questions"),
        };
        let file = match &run.output {
            Some(path) => format!("to {}", path.display()),
            None => format!(
                "to a new file in {}, with a random name like {}",
                run.dir.display(),
                crate::store::ratings::file_name(p, "k3x9q2mz")
            ),
        };
        let min = self.config.raters.of(p);
        let who_sees = if p.is_one() {
            format!(
                "The file does not name you, but {}, you are the one rater from there: the manager sees your answers as yours, comments included.",
                as_whom(p)
            )
        } else {
            format!(
                "The file does not say who you are: no name, time or computer name. The manager sees {} only as a group, and only once at least {min} people have answered: average scores, and comments without names, in no set order. With fewer, only how many answered. How you send the file (an email, say) may still show it is from you.",
                group_of(p)
            )
        };
        vec![
            format!(
                "You are rating the manager who asked you, {}.",
                as_whom(p)
            ),
            format!(
                "\"{}\": {scored} questions{open}. Answer from what you have seen yourself; s skips a question and 0 marks one you cannot judge. Nothing is asked about you.",
                set.title
            ),
            format!(
                "At the end your answers are written {file}. You send that file back; nothing is kept anywhere else, and nothing is sent for you."
            ),
            who_sees,
            "Quitting before the end asks first, and offers to write what you have answered so far."
                .to_string(),
        ]
    }

    /// The end screen's paragraphs (the first is its heading).
    pub fn rating_end(&self) -> Vec<String> {
        let (Some(run), Some(active)) = (&self.rater, &self.active) else {
            return Vec::new();
        };
        let asked = active.set.items.len();
        let answered = active.session.answers.len();
        match &run.written {
            None => vec![
                "That was the last question.".to_string(),
                format!(
                    "You answered {answered} of {asked}. Enter writes them to your answers file; b goes back to change an answer."
                ),
            ],
            Some(path) => {
                let what = if run.partial && answered == 1 {
                    "The one answer you gave before stopping is in:".to_string()
                } else if run.partial {
                    format!("The {answered} answers you gave before stopping are in:")
                } else {
                    "Your answers are in:".to_string()
                };
                vec![
                    "Thank you. One thing left: send the file.".to_string(),
                    what,
                    format!("  {}", path.display()),
                    "Send it to whoever asked you for it: the manager, or their coach if the coach collects the answers. They read it with altitude, together with the other raters' files.".to_string(),
                    "Nothing else was kept on this computer. You can quit now.".to_string(),
                ]
            }
        }
    }
}
