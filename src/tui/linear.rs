//! Accessible mode (SPEC §12): the same sessions as a linear stream of plain
//! lines, for screen readers and braille displays. It drives the same `App`
//! with the same actions and saves through the same effects as the TUI; only
//! how a screen is said and how an answer is read differ. No alternate
//! screen, no cursor movement, no redraws, no box drawing. It reads lines, so
//! stdin may be a pipe.

use super::action::Action;
use super::app::App;
use super::library::SharedLibrary;
use super::run::{Launch, load_app, perform_for, start_launch};
use super::screen::{Overlay, ProfileField, Screen};
use crate::model::answers::Answer;
use crate::model::dimension::Dimension;
use crate::model::{Kind, Mode, Stage};
use crate::report::score_band;
use crate::sessions::SessionStore;
use crate::store::Paths;
use crossterm::event::KeyCode;
use std::io::{BufRead, Write};

/// Runs a session in accessible mode until it is saved, the user quits, or
/// input ends. Progress is saved after every answer, as in the TUI.
pub fn run(
    library: impl Into<SharedLibrary>,
    paths: &Paths,
    launch: Launch,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (mut app, mut store) = load_app(library, paths);
    app.adopt_library_warnings();
    // Every line goes through the output edge, whatever `out` is.
    let mut safe = crate::output::SafeWriter::new(out);
    let mut linear = Linear {
        app: &mut app,
        store: &mut store,
        input,
        out: &mut safe,
        shown: None,
    };
    writeln!(
        linear.out,
        "altitude, accessible mode. Type a number or a letter, then Enter. ? explains the keys; q quits and keeps your progress."
    )?;
    for w in linear.app.warnings.clone() {
        writeln!(linear.out, "Warning: {}", w.as_str())?;
    }
    if launch.start
        && let Some(effect) = start_launch(linear.app, &launch)
    {
        perform_for(linear.app, linear.store, effect);
    }
    linear.run()
}

/// Runs `altitude rate` in accessible mode, on an app from `rater_app`,
/// until the answers are in a file, the rater quits, or input ends (which
/// writes the answers given so far, so that nothing typed is lost). Hands
/// the app back, so the command can say where the answers went.
pub fn run_rating(
    mut app: App,
    paths: &Paths,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<App> {
    // A rater's answers are never autosaved, so this store is never written.
    let mut store = SessionStore::new(&paths.data_dir);
    let mut safe = crate::output::SafeWriter::new(out);
    let mut linear = Linear {
        app: &mut app,
        store: &mut store,
        input,
        out: &mut safe,
        shown: None,
    };
    writeln!(
        linear.out,
        "altitude rate, accessible mode. Type a number or a letter, then Enter. ? explains the keys; q quits, asking first if you have answers not yet in a file."
    )?;
    linear.run()?;
    Ok(app)
}

struct Linear<'a> {
    app: &'a mut App,
    store: &'a mut SessionStore,
    input: &'a mut dyn BufRead,
    out: &'a mut dyn Write,
    /// Which screen was last said, so each is said once.
    shown: Option<String>,
}

/// What to do with a line: actions for the app, or a reason to ask again.
type Reply = Result<Vec<Action>, String>;

impl Linear<'_> {
    fn run(&mut self) -> std::io::Result<()> {
        loop {
            if self.app.quit {
                return Ok(());
            }
            let key = self.screen_key();
            if self.shown.as_ref() != Some(&key) {
                self.say_screen()?;
                self.shown = Some(key);
                if matches!(
                    self.app.screen,
                    Screen::Saved { .. } | Screen::RateEnd { written: Some(_) }
                ) {
                    return Ok(());
                }
            }
            if let Some(message) = self.app.status.take() {
                writeln!(self.out, "{}", message.as_str())?;
            }
            if let Some(e) = &self.app.autosave_error {
                writeln!(self.out, "{}", e)?;
            }
            write!(self.out, "> ")?;
            self.out.flush()?;
            let Some(line) = self.read_line()? else {
                writeln!(self.out)?;
                if self.app.rating() {
                    return self.input_ended_rating();
                }
                writeln!(
                    self.out,
                    "Input ended. Your answers so far are saved; `altitude start --accessible` and r resume the session."
                )?;
                return Ok(());
            };
            let line = line.trim().to_string();
            match line.as_str() {
                "?" => self.say_keys()?,
                "q" if self.app.rating() && self.app.overlay.is_none() => {
                    self.act(vec![Action::Quit]);
                    if self.app.overlay == Some(Overlay::ConfirmLeaveRating) {
                        writeln!(
                            self.out,
                            "{} Type w to write your answers to a file to send back, d to discard them and quit, or Enter to keep answering.",
                            self.app.unwritten_sentence()
                        )?;
                    }
                }
                "q" if !self.app.rating() => {
                    writeln!(
                        self.out,
                        "Quitting. Your answers so far are saved; choose resume next time."
                    )?;
                    return Ok(());
                }
                _ => match self.interpret(&line)? {
                    Ok(actions) => self.act(actions),
                    Err(reason) => writeln!(self.out, "{reason}")?,
                },
            }
            if let Screen::Profile { error: Some(e), .. } = &self.app.screen {
                writeln!(self.out, "Not accepted: {e}")?;
            }
        }
    }

    /// Input ended while rating: the answers given so far go in a file.
    fn input_ended_rating(&mut self) -> std::io::Result<()> {
        let given = self.app.unwritten_answers();
        if given == 0 {
            return writeln!(self.out, "Input ended. Nothing was written.");
        }
        self.act(vec![Action::ForceQuit]);
        match self.app.rater.as_ref() {
            Some(run) if run.written.is_some() => {
                for line in self.app.rating_end().iter().skip(1) {
                    writeln!(self.out, "{}", line.as_str())?;
                }
                Ok(())
            }
            _ => writeln!(
                self.out,
                "Input ended. {}",
                self.app.status.clone().unwrap_or_default()
            ),
        }
    }

    fn read_line(&mut self) -> std::io::Result<Option<String>> {
        let mut line = String::new();
        Ok((self.input.read_line(&mut line)? > 0).then_some(line))
    }

    fn act(&mut self, actions: Vec<Action>) {
        for action in actions {
            if let Some(effect) = self.app.update(action) {
                perform_for(self.app, self.store, effect);
            }
        }
    }

    /// The screen, and where on it: a new key means something new to say.
    fn screen_key(&self) -> String {
        let other = self.app.active.as_ref().is_some_and(|a| a.rating_other);
        match &self.app.screen {
            Screen::Question { index, .. } => format!("question {other} {index}"),
            Screen::Profile { field, .. } => format!("profile {field:?}"),
            Screen::CheckIn { index } => format!("check-in {index}"),
            Screen::Results { method, .. } => format!("results {method}"),
            Screen::RateEnd { written } => format!("end {}", written.is_some()),
            other => format!("{:?}", std::mem::discriminant(other)),
        }
    }

    // ------------------------------------------------------------ saying

    fn say_screen(&mut self) -> std::io::Result<()> {
        writeln!(self.out)?;
        match self.app.screen.clone() {
            Screen::Home { .. } => self.say_home(),
            Screen::Picker { .. } => self.say_picker(),
            Screen::CheckIn { index } => self.say_check_in(index),
            Screen::Profile { field, .. } => self.say_profile(field),
            Screen::Question { index, .. } => self.say_question(index),
            Screen::Handover => writeln!(
                self.out,
                "Your answers are in. Now pass the keyboard to your coach, who rates what they have seen. Type Enter (an empty line) to start the coach's questions, or s to skip to the results."
            ),
            Screen::Results { method, .. } => self.say_results(method),
            Screen::Suggestions { .. } => self.say_suggestions(),
            Screen::Saved { path } => self.say_saved(&path),
            Screen::RateIntro => {
                for line in self.app.rating_intro() {
                    writeln!(self.out, "{}", line.as_str())?;
                }
                writeln!(self.out, "Type Enter (an empty line) to start.")
            }
            Screen::RateEnd { .. } => {
                for line in self.app.rating_end() {
                    writeln!(self.out, "{}", line.as_str())?;
                }
                Ok(())
            }
            Screen::History { .. } | Screen::Past { .. } | Screen::Sets { .. } => {
                writeln!(
                    self.out,
                    "History and the set list are not part of accessible mode; `altitude history` and `altitude sets` print them. Type Enter to go back."
                )
            }
        }
    }

    fn say_home(&mut self) -> std::io::Result<()> {
        writeln!(self.out, "Home. What would you like to do?")?;
        writeln!(self.out, "1. Start a new session")?;
        match &self.app.unfinished {
            Some(u) => writeln!(
                self.out,
                "2. Resume the unfinished {} session from {}, {} answers so far",
                u.set.as_str(),
                u.started.display_in(self.app.zone),
                u.answers.len()
            )?,
            None => writeln!(self.out, "2. Resume (there is no unfinished session)")?,
        }
        writeln!(self.out, "3. Quit")
    }

    fn say_picker(&mut self) -> std::io::Result<()> {
        writeln!(self.out, "Which question set?")?;
        let sets: Vec<String> = self
            .app
            .self_sets()
            .iter()
            .map(|s| {
                format!(
                    "{}, {} questions: {}",
                    s.title.as_str(),
                    s.items.len(),
                    s.description.as_str()
                )
            })
            .collect();
        for (i, s) in sets.iter().enumerate() {
            writeln!(self.out, "{}. {s}", i + 1)?;
        }
        Ok(())
    }

    fn say_check_in(&mut self, index: usize) -> std::io::Result<()> {
        let Some(active) = &self.app.active else {
            return Ok(());
        };
        let total = active.to_check.len();
        let title = active
            .to_check
            .get(index)
            .map(|c| c.title.clone())
            .unwrap_or_default();
        writeln!(
            self.out,
            "Check-in, {} of {total}. Last time you committed to: {title}. How did it go?",
            index + 1
        )?;
        writeln!(self.out, "1. Done")?;
        writeln!(self.out, "2. Partly")?;
        writeln!(self.out, "3. Not done")?;
        writeln!(self.out, "4. Skip this one")?;
        writeln!(
            self.out,
            "t adds a short note first; b goes back to the one before."
        )
    }

    fn say_profile(&mut self, field: ProfileField) -> std::io::Result<()> {
        let known = self.app.known_profile();
        let (question, how, kept) = match field {
            ProfileField::Reports => (
                "About you, 1 of 4: how many direct reports do you have?",
                "Type a number from 0 to 500.",
                known.reports.map(|v| v.to_string()),
            ),
            ProfileField::CodingShare => (
                "About you, 2 of 4: what percent of your working time goes to writing production code?",
                "Type a number from 0 to 100; a rough guess is fine.",
                known.coding_share.map(|v| format!("{v}%")),
            ),
            ProfileField::CriticalPath => (
                "About you, 3 of 4: do you own implementation work that the team's commitments depend on? That is, would a deadline slip if you stopped?",
                "Type y for yes or n for no.",
                known
                    .critical_path
                    .map(|v| if v { "yes" } else { "no" }.to_string()),
            ),
            ProfileField::Stage => (
                "About you, 4 of 4: what stage is your company at? 1. early, finding its footing. 2. growth, scaling up. 3. scale.",
                "Type 1, 2 or 3.",
                known.stage.map(|v| v.to_string()),
            ),
        };
        writeln!(self.out, "{question}")?;
        match kept {
            Some(v) => writeln!(self.out, "{how} Enter alone keeps last time's answer, {v}."),
            None => writeln!(self.out, "{how}"),
        }
    }

    fn say_question(&mut self, index: usize) -> std::io::Result<()> {
        let Some(active) = &self.app.active else {
            return Ok(());
        };
        let set = active.current_set();
        let Some(item) = set.items.get(index) else {
            return Ok(());
        };
        let whose = if active.rating_other {
            "The coach's question"
        } else {
            "Question"
        };
        if index == 0
            && let Some(instructions) = &set.instructions
        {
            writeln!(self.out, "Instructions: {instructions}")?;
        }
        writeln!(
            self.out,
            "{whose} {} of {}: {}",
            index + 1,
            set.items.len(),
            item.prompt.as_str()
        )?;
        if active.session.mode == Mode::Coaching
            && let Some(d) = &item.discuss
        {
            writeln!(self.out, "Talk about it: {}", d)?;
        }
        if active.session.mode == Mode::Onboarding
            && let Some(w) = &item.why
        {
            writeln!(self.out, "Why this matters: {}", w)?;
        }
        let earlier = active.current_answers().get(&item.id).cloned();
        if item.kind == Kind::Text {
            if let Some(Answer::Text(t)) = &earlier {
                writeln!(self.out, "Your earlier answer: {}", t)?;
                return writeln!(
                    self.out,
                    "Type a new answer on one line, or Enter alone to keep it. b alone goes back."
                );
            }
            return writeln!(
                self.out,
                "Optional: type your answer on one line, or Enter alone to skip. b alone goes back."
            );
        }
        for v in 1..=item.scale_len() {
            let label = item.label(v).map(String::from).unwrap_or_default();
            writeln!(self.out, "{v}. {label}")?;
        }
        if set.not_applicable {
            writeln!(self.out, "0. Not applicable or don't know")?;
        }
        match earlier {
            Some(Answer::Value(v)) => writeln!(
                self.out,
                "Your earlier answer: {v}, {}.",
                item.label(v).map(String::from).unwrap_or_default()
            )?,
            Some(Answer::NotApplicable) => {
                writeln!(self.out, "Your earlier answer: not applicable.")?
            }
            _ => {}
        }
        Ok(())
    }

    fn say_results(&mut self, method: bool) -> std::io::Result<()> {
        let Some(active) = &self.app.active else {
            return Ok(());
        };
        let Some(a) = &active.assessment else {
            return Ok(());
        };
        if method {
            writeln!(self.out, "How the scores were computed.")?;
            writeln!(self.out, "{}", crate::report::method_summary(&a.set))?;
            for dim in Dimension::ALL
                .into_iter()
                .filter(|d| a.scores.get(*d).measured)
            {
                let s = a.scores.get(dim);
                writeln!(
                    self.out,
                    "{}: {} from {} of {} items.",
                    dim.title(),
                    s.score.map_or("no score".to_string(), |v| v.to_string()),
                    s.answered,
                    s.items
                )?;
                for line in crate::report::computation_lines(a, dim, &active.session.answers) {
                    writeln!(self.out, "  {line}")?;
                }
            }
            for sc in &a.scales {
                writeln!(self.out, "{}.", crate::report::scale_summary(sc))?;
                for line in
                    crate::report::scale_computation_lines(&a.set, sc, &active.session.answers)
                {
                    writeln!(self.out, "  {line}")?;
                }
            }
            for line in crate::report::instrument_lines(&a.set) {
                writeln!(self.out, "{line}")?;
            }
            return writeln!(
                self.out,
                "Type m to go back to the results, or Enter for suggestions."
            );
        }
        writeln!(self.out, "Results.")?;
        let previous = active.previous_assessment.as_ref();
        for dim in Dimension::ALL
            .into_iter()
            .filter(|d| a.scores.get(*d).measured)
        {
            let s = a.scores.get(dim);
            let change = match (s.score, previous.and_then(|p| p.scores.value(dim))) {
                (Some(now), Some(before)) if now == before => ", the same as last time".into(),
                (Some(now), Some(before)) => {
                    let better = if dim.is_risk() {
                        now < before
                    } else {
                        now > before
                    };
                    let d = i16::from(now) - i16::from(before);
                    format!(
                        ", {} points {} than last time",
                        d.abs(),
                        if better { "better" } else { "worse" }
                    )
                }
                _ => String::new(),
            };
            match s.score {
                Some(v) => writeln!(
                    self.out,
                    "{}: {v} out of 100, {}{change}.",
                    dim.title(),
                    score_band(dim, s.score)
                )?,
                None => writeln!(
                    self.out,
                    "{}: no score, not enough answers ({} of {}).",
                    dim.title(),
                    s.answered,
                    s.items
                )?,
            }
        }
        if let Some(names) = crate::report::unmeasured(a) {
            writeln!(self.out, "Not measured by this set: {names}.")?;
        }
        for sc in &a.scales {
            writeln!(self.out, "Scale {}.", crate::report::scale_summary(sc))?;
        }
        if let Some(why) = &a.no_pattern {
            writeln!(self.out, "{why}")?;
        }
        if let Some((_, text)) = &a.pattern {
            writeln!(
                self.out,
                "Pattern: {}. {}",
                text.title.as_str(),
                text.summary.as_str()
            )?;
        }
        for f in &a.flags {
            writeln!(self.out, "Flag: {}", f.message.as_str())?;
        }
        for p in &active.talking_points {
            writeln!(
                self.out,
                "Talking point: {}: you {}, coach {}, a gap of {}.",
                p.dimension.title(),
                p.own,
                p.other,
                p.gap
            )?;
        }
        // Raters' answers attached in the app, to a session resumed here.
        if let Some(o) = &active.session.others {
            write!(
                self.out,
                "{}",
                crate::report::perspectives::plain(&o.groups)
            )?;
        }
        writeln!(
            self.out,
            "Type Enter for suggestions, m for how each score was computed, or b to go back to the last question."
        )
    }

    fn say_suggestions(&mut self) -> std::io::Result<()> {
        let Some(active) = &self.app.active else {
            return Ok(());
        };
        let suggestions = active
            .assessment
            .as_ref()
            .map(|a| a.suggestions.clone())
            .unwrap_or_default();
        writeln!(
            self.out,
            "Suggestions. Pick up to {} to try before next time.",
            super::app::MAX_COMMITMENTS
        )?;
        for (i, s) in suggestions.iter().enumerate() {
            writeln!(
                self.out,
                "{}. {}, {}. {}",
                i + 1,
                s.title.as_str(),
                s.cadence.long(s.minutes_per_week, s.later.as_deref()),
                s.why.as_str()
            )?;
            for (n, step) in s.steps.iter().enumerate() {
                writeln!(self.out, "   Step {}: {}", n + 1, step)?;
            }
        }
        writeln!(
            self.out,
            "Type the numbers of the ones you commit to, such as 1 3; typing a number again unpicks it. Enter alone saves the session."
        )
    }

    /// The titles of the commitments picked so far.
    fn commitment_titles(&self) -> Vec<String> {
        self.app.active.as_ref().map_or_else(Vec::new, |a| {
            a.session
                .commitments
                .iter()
                .map(|c| c.title.clone())
                .collect()
        })
    }

    fn say_picked(&mut self) -> std::io::Result<()> {
        let picked = self.commitment_titles();
        if picked.is_empty() {
            writeln!(self.out, "Nothing picked yet.")
        } else {
            writeln!(
                self.out,
                "Picked: {}. Enter alone saves the session.",
                picked.join("; ")
            )
        }
    }

    fn say_saved(&mut self, path: &std::path::Path) -> std::io::Result<()> {
        writeln!(self.out, "Session saved to {}.", path.display())?;
        let commitments = self.commitment_titles();
        if commitments.is_empty() {
            writeln!(self.out, "You picked no commitments this time.")
        } else {
            writeln!(
                self.out,
                "Your commitments until next time: {}. The next session starts by asking how each went.",
                commitments.join("; ")
            )
        }
    }

    fn say_keys(&mut self) -> std::io::Result<()> {
        let text = match &self.app.screen {
            Screen::Question { text: true, .. } => {
                "Type your answer and Enter. Enter alone skips or keeps your earlier answer; b alone goes back; q quits."
            }
            Screen::Question { .. } if self.app.rating() => {
                "Type the number of an answer and Enter. 0 is not applicable. s skips, b goes back to the question before, w says why this matters, q quits (asking first, and offering to write your answers to a file)."
            }
            Screen::Question { .. } => {
                "Type the number of an answer and Enter. 0 is not applicable. s skips, b goes back to the question before, w says why this matters, n writes a note in coaching, q quits and keeps your progress."
            }
            Screen::Profile { .. } => {
                "Type the answer and Enter; Enter alone keeps last time's. b goes back; q quits."
            }
            Screen::CheckIn { .. } => {
                "1 done, 2 partly, 3 not done, 4 skip, t a note first, b back; q quits."
            }
            Screen::Results { .. } => {
                "Enter goes on to suggestions, m shows how each score was computed, b goes back to the last question; q quits."
            }
            Screen::Suggestions { .. } => {
                "Type numbers to pick or unpick, Enter alone saves; b goes back to the results; q quits."
            }
            Screen::RateIntro => "Enter alone starts the questions; q quits.",
            Screen::RateEnd { .. } => {
                "Enter alone writes your answers file; b goes back to the last question; q quits."
            }
            _ => "Type the number of a choice and Enter; q quits.",
        };
        writeln!(self.out, "{text}")
    }

    // ------------------------------------------------------------ reading

    fn interpret(&mut self, line: &str) -> std::io::Result<Reply> {
        if self.app.overlay == Some(Overlay::ConfirmLeaveRating) {
            return Ok(match line {
                "w" => Ok(vec![Action::WriteRating]),
                "d" => Ok(vec![Action::Discard]),
                "" | "n" => {
                    writeln!(self.out, "Carrying on.")?;
                    Ok(vec![Action::No])
                }
                _ => Err(
                    "Type w to write your answers to a file, d to discard them and quit, or Enter to keep answering.".into(),
                ),
            });
        }
        if self.app.overlay == Some(Overlay::ConfirmNew) {
            return Ok(match line {
                "r" => Ok(vec![Action::Resume]),
                "d" => Ok(vec![Action::Discard]),
                "c" | "" => Ok(vec![Action::No]),
                _ => Err(
                    "Type r to resume it, d to discard it and start new, or c to cancel.".into(),
                ),
            });
        }
        Ok(match self.app.screen.clone() {
            Screen::Home { .. } => match line {
                "1" => {
                    let reply = Ok(vec![Action::NewSession]);
                    if self.app.unfinished.is_some() {
                        writeln!(
                            self.out,
                            "You have an unfinished session. Starting a new one discards it. Type r to resume it, d to discard it and start new, or c to cancel."
                        )?;
                    }
                    reply
                }
                "2" => Ok(vec![Action::Resume]),
                "3" => Ok(vec![Action::Quit]),
                _ => Err("Type 1, 2 or 3, then Enter.".into()),
            },
            Screen::Picker { set, .. } => return self.pick_set(set, line),
            Screen::CheckIn { .. } => match line {
                "1" => Ok(vec![Action::CheckIn(
                    crate::model::session::CheckInStatus::Done,
                )]),
                "2" => Ok(vec![Action::CheckIn(
                    crate::model::session::CheckInStatus::Partly,
                )]),
                "3" => Ok(vec![Action::CheckIn(
                    crate::model::session::CheckInStatus::NotDone,
                )]),
                "4" => Ok(vec![Action::CheckIn(
                    crate::model::session::CheckInStatus::Skipped,
                )]),
                "b" => Ok(vec![Action::Back]),
                "t" => return self.note(),
                _ => Err("Type 1, 2, 3 or 4 (or t for a note, b to go back), then Enter.".into()),
            },
            Screen::Profile { field, input, .. } => profile_reply(field, &input, line),
            Screen::Question { index, text, .. } => {
                if text {
                    self.text_reply(line)
                } else {
                    return self.question_reply(index, line);
                }
            }
            Screen::Handover => match line {
                "" => Ok(vec![Action::StartOther]),
                "s" => Ok(vec![Action::Skip]),
                "b" => Ok(vec![Action::Back]),
                _ => Err("Type Enter to start the coach's questions, or s to skip.".into()),
            },
            Screen::Results { .. } => match line {
                "" => Ok(vec![Action::Enter]),
                "m" => Ok(vec![Action::ToggleMethod]),
                "b" => Ok(vec![Action::Previous]),
                _ => Err("Type Enter for suggestions, m for the method, or b to go back.".into()),
            },
            Screen::Suggestions { cursor } => return self.pick_suggestions(cursor, line),
            Screen::RateIntro => match line {
                "" => Ok(vec![Action::Enter]),
                _ => Err("Type Enter (an empty line) to start the questions, or q to quit.".into()),
            },
            Screen::RateEnd { .. } => match line {
                "" => Ok(vec![Action::Enter]),
                "b" => Ok(vec![Action::Previous]),
                _ => Err("Type Enter to write your answers file, or b to go back.".into()),
            },
            _ => Ok(vec![Action::Back]),
        })
    }

    /// A set number, then its mode on the next line.
    fn pick_set(&mut self, cursor: usize, line: &str) -> std::io::Result<Reply> {
        let count = self.app.self_sets().len();
        let Some(n) = line
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=count).contains(n))
        else {
            return Ok(Err(format!(
                "There is no set {line:?}: type a number from 1 to {count}."
            )));
        };
        let mut actions = vec![Action::Up; cursor];
        actions.extend(vec![Action::Down; n - 1]);
        writeln!(
            self.out,
            "Which mode? 1. solo, on your own. 2. coaching, with a coach on this screen who rates you too. 3. onboarding, for new managers, with every question explained."
        )?;
        let mode = loop {
            write!(self.out, "> ")?;
            self.out.flush()?;
            let Some(answer) = self.read_line()? else {
                return Ok(Ok(Vec::new()));
            };
            match answer.trim() {
                "1" | "" => break Mode::Solo,
                "2" => break Mode::Coaching,
                "3" => break Mode::Onboarding,
                other => writeln!(self.out, "There is no mode {other:?}: type 1, 2 or 3.")?,
            }
        };
        let Screen::Picker { mode: now, .. } = self.app.screen else {
            return Ok(Ok(actions));
        };
        let from = Mode::ALL.iter().position(|m| *m == now).unwrap_or(0);
        let to = Mode::ALL.iter().position(|m| *m == mode).unwrap_or(0);
        let cycles = (to + Mode::ALL.len() - from) % Mode::ALL.len();
        actions.extend(vec![Action::CycleMode; cycles]);
        actions.push(Action::Enter);
        Ok(Ok(actions))
    }

    fn question_reply(&mut self, index: usize, line: &str) -> std::io::Result<Reply> {
        let item = self
            .app
            .active
            .as_ref()
            .and_then(|a| a.current_set().items.get(index).cloned());
        let Some(item) = item else {
            return Ok(Ok(Vec::new()));
        };
        let len = item.scale_len();
        let na = self
            .app
            .active
            .as_ref()
            .is_some_and(|a| a.current_set().not_applicable);
        let or_na = if na { ", or 0 for not applicable" } else { "" };
        Ok(match line {
            "s" => Ok(vec![Action::Skip]),
            "b" => Ok(vec![Action::Previous]),
            "x" | "0" if na => Ok(vec![Action::NotApplicable]),
            "w" => {
                match &item.why {
                    Some(why) => writeln!(self.out, "Why this matters: {}", why)?,
                    None => writeln!(self.out, "This question has no explanation.")?,
                }
                Ok(Vec::new())
            }
            "n" if self.app.coaching() => return self.note(),
            _ => match line.parse::<u8>() {
                Ok(v) if (1..=len).contains(&v) => Ok(vec![Action::AnswerPoint(v)]),
                Ok(v) => Err(format!("There is no answer {v}: type 1 to {len}{or_na}.")),
                Err(_) if line.is_empty() => Err(format!(
                    "Type a number from 1 to {len}{or_na}, then Enter. s skips."
                )),
                Err(_) => Err(format!(
                    "{:?} is not an answer: type 1 to {len}{or_na}, s to skip or b to go back.",
                    line
                )),
            },
        })
    }

    /// A text answer replaces what the box held; an empty line keeps it.
    fn text_reply(&self, line: &str) -> Reply {
        if line == "b" {
            return Ok(vec![Action::Previous]);
        }
        let mut actions = Vec::new();
        if !line.is_empty() {
            let held = self.app.reflection_text();
            let presses = held.chars().count();
            actions.extend(vec![Action::Edit(KeyCode::Backspace.into()); presses]);
            actions.extend(line.chars().map(|c| Action::Edit(KeyCode::Char(c).into())));
        }
        actions.push(Action::Enter);
        Ok(actions)
    }

    /// A one-line note: on a check-in (t) or a coaching question (n).
    fn note(&mut self) -> std::io::Result<Reply> {
        writeln!(
            self.out,
            "Type your note on one line, then Enter. An empty line leaves the note as it was."
        )?;
        write!(self.out, "note> ")?;
        self.out.flush()?;
        let Some(text) = self.read_line()? else {
            return Ok(Ok(Vec::new()));
        };
        let text = text.trim();
        if text.is_empty() {
            return Ok(Ok(Vec::new()));
        }
        let mut actions = vec![Action::Note];
        actions.extend(text.chars().map(|c| Action::Edit(KeyCode::Char(c).into())));
        actions.push(Action::Back);
        writeln!(self.out, "Note kept.")?;
        Ok(Ok(actions))
    }

    fn pick_suggestions(&mut self, cursor: usize, line: &str) -> std::io::Result<Reply> {
        match line {
            "" => return Ok(Ok(vec![Action::Enter])),
            "b" => return Ok(Ok(vec![Action::Back])),
            _ => {}
        }
        let count = self
            .app
            .active
            .as_ref()
            .and_then(|a| a.assessment.as_ref())
            .map_or(0, |a| a.suggestions.len());
        let mut picks = Vec::new();
        for word in line.split(|c: char| c == ',' || c.is_whitespace()) {
            if word.is_empty() {
                continue;
            }
            match word.parse::<usize>() {
                Ok(n) if (1..=count).contains(&n) => picks.push(n - 1),
                _ => {
                    return Ok(Err(format!(
                        "{:?} is not a suggestion: type numbers from 1 to {count}, or Enter alone to save.",
                        word
                    )));
                }
            }
        }
        let mut at = cursor;
        for target in picks {
            let mut actions = Vec::new();
            while at > target {
                actions.push(Action::Up);
                at -= 1;
            }
            while at < target {
                actions.push(Action::Down);
                at += 1;
            }
            actions.push(Action::Toggle);
            self.act(actions);
        }
        self.say_picked()?;
        Ok(Ok(Vec::new()))
    }
}

/// The actions that type `line` into a profile field.
fn profile_reply(field: ProfileField, input: &str, line: &str) -> Reply {
    if line == "b" {
        return Ok(vec![Action::Back]);
    }
    if line.is_empty() {
        return Ok(vec![Action::Enter]);
    }
    match field {
        ProfileField::Reports | ProfileField::CodingShare => {
            let digits: Option<Vec<u8>> = line
                .chars()
                .map(|c| c.to_digit(10).map(|d| d as u8))
                .collect();
            let Some(digits) = digits.filter(|d| d.len() <= 3) else {
                return Err(format!(
                    "{:?} is not a number: type digits only, such as 7.",
                    line
                ));
            };
            let mut actions = vec![Action::Backspace; input.chars().count()];
            actions.extend(digits.into_iter().map(Action::Digit));
            actions.push(Action::Enter);
            Ok(actions)
        }
        ProfileField::CriticalPath => match line {
            "y" | "yes" => Ok(vec![Action::Yes]),
            "n" | "no" => Ok(vec![Action::No]),
            _ => Err("Type y for yes or n for no.".into()),
        },
        ProfileField::Stage => match line.parse::<u8>() {
            Ok(n @ 1..=3) => Ok(vec![Action::Stage(n)]),
            _ => match Stage::parse(line) {
                Some(stage) => Ok(vec![Action::Stage(
                    Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0) as u8 + 1,
                )]),
                None => Err("Type 1 for early, 2 for growth or 3 for scale.".into()),
            },
        },
    }
}
