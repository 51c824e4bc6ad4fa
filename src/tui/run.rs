//! The event loop: read a key, turn it into an action, update, perform the
//! effect, draw, then autosave. Also the terminal's safe return on quit,
//! Ctrl-C, SIGINT, SIGQUIT, SIGTERM, SIGHUP and panic (ratatui's hook,
//! installed after color-eyre's).

use super::action::{Action, Effect};
use super::app::{App, RaterRun};
use super::keys::action_for;
use super::library::SharedLibrary;
use super::theme::Theme;
use super::view;
use crate::evidence;
use crate::model::Mode;
use crate::model::time::Clock;
use crate::sessions::SessionStore;
use crate::store::ratings;
use crate::store::{Config, Paths};
use crossterm::event::{self, Event};
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

/// What to open: the home screen, or straight into a session.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    pub start: bool,
    pub set: Option<String>,
    pub mode: Option<Mode>,
}

/// Builds the app from what is on disk; problems become home-screen warnings.
pub fn load_app(library: impl Into<SharedLibrary>, paths: &Paths) -> (App, SessionStore) {
    let library = library.into();
    let (config, config_problem) = Config::load(&paths.config_dir);
    let mut store = SessionStore::new(&paths.data_dir);
    let history = store.history();
    let (unfinished, taken, unfinished_problems) = store.unfinished();
    // The library's own problems join once it has loaded (`adopt_library_warnings`).
    let mut warnings: Vec<String> = config_problem.map(|p| p.to_string()).into_iter().collect();
    warnings.extend(
        history
            .problems
            .iter()
            .chain(&unfinished_problems)
            .map(ToString::to_string),
    );
    warnings.extend(taken.iter().map(|t| {
        format!(
            "The unfinished session {} is open in another altitude window; it is left to that window.",
            t.id
        )
    }));
    if let Some(id) = config.default_set.as_deref()
        && !library
            .sets
            .iter()
            .any(|s| s.id == id && s.rater == crate::model::Rater::SelfRater)
    {
        warnings.push(format!(
            "{}: default_set = \"{id}\" is not a set you can start; the picker opens on the first set instead.",
            paths.config_dir.join("config.toml").display()
        ));
    }
    let theme = Theme::from_env(config.theme);
    let mut app = App::new(library, config, history, unfinished, Clock::System);
    app.warnings = warnings;
    app.theme = theme;
    app.zone = crate::model::time::Zone::Local;
    (app, store)
}

/// Starts the session `launch` asks for: its set, else the configured
/// default, else `core` (`onboarding` in onboarding mode).
pub fn start_launch(app: &mut App, launch: &Launch) -> Option<Effect> {
    let mode = launch.mode.or(app.config.default_mode).unwrap_or_default();
    let default = if mode == Mode::Onboarding {
        "onboarding"
    } else {
        "core"
    };
    let set = launch
        .set
        .clone()
        .or(app.config.default_set.clone())
        .unwrap_or_else(|| default.to_string());
    app.start(&set, mode)
}

/// How the app ended: by the user, or by a signal (its number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Quit,
    Signal(i32),
}

impl Ending {
    /// The process exit status: 0, or 128 + the signal's number.
    pub fn exit_code(self) -> u8 {
        match self {
            Ending::Quit => 0,
            Ending::Signal(n) => (128 + n).clamp(0, 255) as u8,
        }
    }
}

/// Runs the app until the user quits or a signal arrives.
pub fn run(
    library: impl Into<SharedLibrary>,
    paths: &Paths,
    launch: Launch,
) -> color_eyre::Result<Ending> {
    let (mut app, mut store) = load_app(library, paths);
    // Its first autosave waits for the first frame, like every other.
    let first = if launch.start {
        start_launch(&mut app, &launch)
    } else {
        None
    };
    drive(&mut app, &mut store, first)
}

/// The app for `altitude rate`: no history, no unfinished session, nothing
/// read from or written to the data dir; on the opening screen of `set`.
pub fn rater_app(
    library: impl Into<SharedLibrary>,
    config: Config,
    set: &str,
    run: RaterRun,
) -> App {
    let theme = Theme::from_env(config.theme);
    let mut app = App::new(
        library,
        config,
        crate::sessions::History::default(),
        None,
        Clock::System,
    );
    app.theme = theme;
    app.zone = crate::model::time::Zone::Local;
    app.start_rating(set, run);
    app
}

/// Runs `altitude rate` until the rater quits; hands the app back, so the
/// command can say where the answers went.
pub fn run_rating(mut app: App, paths: &Paths) -> color_eyre::Result<(Ending, App)> {
    // A rater's answers are never autosaved, so this store is never written.
    let mut store = SessionStore::new(&paths.data_dir);
    let ending = drive(&mut app, &mut store, None)?;
    Ok((ending, app))
}

/// Takes the terminal, runs the event loop, and gives the terminal back.
fn drive(
    app: &mut App,
    store: &mut SessionStore,
    first: Option<Effect>,
) -> color_eyre::Result<Ending> {
    let signal = watch_signals()?;
    let mut terminal = ratatui::try_init()?;
    // Start crossterm's event reader now: it is what listens for SIGWINCH, and
    // a resize before it starts would be missed.
    event::poll(Duration::ZERO)?;
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let result = event_loop(&mut terminal, app, store, &signal, first);
    let _ = ratatui::try_restore();
    // From here the main thread ends the process; the watcher must not call
    // `exit` at the same time (two threads in `exit` can crash).
    if let Ok(mut ending) = ENDING.lock() {
        *ending = true;
    }
    result
}

/// Set once the main thread is on its way out; see `watch_signals`.
static ENDING: std::sync::Mutex<bool> = std::sync::Mutex::new(false);

/// `altitude rate`: the rater's answers not yet in a file, kept up to date
/// while the loop waits for a key, for the signal watcher to write if a
/// signal ends the app there (a rater's answers are never autosaved).
static RATING_ON_SIGNAL: std::sync::Mutex<Option<Effect>> = std::sync::Mutex::new(None);

/// Writes the answers a signal interrupted, and says where they went.
fn write_rating_on_signal() {
    let Ok(mut pending) = RATING_ON_SIGNAL.lock() else {
        return;
    };
    if let Some(Effect::WriteRating {
        to,
        dir,
        perspective,
        text,
    }) = pending.take()
    {
        match write_rating(to, &dir, perspective, &text) {
            Ok(path) => crate::output::warn(format_args!(
                "altitude: stopped; the answers you gave are in {}. Send it to whoever asked you for it.",
                path.display()
            )),
            Err(e) => crate::output::warn(format_args!(
                "altitude: stopped; your answers could not be written: {e}"
            )),
        }
    }
}

/// Writes a rater's answers file: to `to` (`-o`), else a new name in `dir`.
fn write_rating(
    to: Option<std::path::PathBuf>,
    dir: &std::path::Path,
    perspective: crate::model::perspective::Perspective,
    text: &str,
) -> Result<std::path::PathBuf, crate::store::SaveError> {
    match to {
        Some(path) => ratings::write_to(&path, text),
        None => ratings::write_new(dir, perspective, text),
    }
}

/// SIGINT, SIGQUIT, SIGTERM and SIGHUP store their number in the returned
/// cell, which the loop checks between events, and end the loop. If the loop
/// cannot get there (crossterm can spin on a terminal that has gone away,
/// crossterm-rs/crossterm#793), the watcher restores the terminal and exits
/// with 128 + the signal's number after a short grace period; progress is
/// saved after every answer, so nothing is lost.
fn watch_signals() -> std::io::Result<Arc<AtomicI32>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let signal = Arc::new(AtomicI32::new(0));
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGQUIT, SIGTERM, SIGHUP])?;
    let flag = Arc::clone(&signal);
    std::thread::spawn(move || {
        if let Some(n) = signals.forever().next() {
            flag.store(n, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(750));
            // Holding the lock keeps the main thread from exiting meanwhile.
            let Ok(ending) = ENDING.lock() else { return };
            if *ending {
                return;
            }
            // `try_restore`, not `restore`: the latter prints on failure, and
            // printing to a closed terminal panics.
            let _ = ratatui::try_restore();
            write_rating_on_signal();
            // The loop, blocked on input, never drops the terminal, which is
            // what shows the cursor again; so show it here. Only our own
            // control sequence is written, and a closed terminal is ignored.
            #[allow(clippy::disallowed_methods)]
            let _ = crossterm::execute!(std::io::stdout(), crossterm::cursor::Show);
            std::process::exit(Ending::Signal(n).exit_code().into());
        }
    });
    Ok(signal)
}

/// Blocks on the next terminal event: an idle app wakes for nothing and
/// writes nothing. A signal ends the process from the watcher thread (after
/// its grace period), so the loop never needs to wake up to look for one.
fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    store: &mut SessionStore,
    signal: &AtomicI32,
    mut deferred: Option<Effect>,
) -> color_eyre::Result<Ending> {
    let mut dirty = true;
    let mut adopted = false;
    loop {
        let n = signal.load(Ordering::SeqCst);
        if n != 0 {
            if let Some(effect) = deferred.take() {
                perform_for(app, store, effect);
            }
            // A rater's answers go to their file now, here, not from the watcher.
            if app.rating() {
                if let Ok(mut pending) = RATING_ON_SIGNAL.lock() {
                    *pending = None;
                }
                if let Some(effect) = app.update(Action::ForceQuit) {
                    perform_for(app, store, effect);
                }
            }
            return Ok(Ending::Signal(n));
        }
        if app.quit {
            return Ok(Ending::Quit);
        }
        if dirty {
            terminal.draw(|frame| {
                view::render(app, frame.area(), frame.buffer_mut());
            })?;
            dirty = false;
        }
        // After the first frame: load the library, and show its problems
        // (broken user sets), if any.
        if !adopted {
            adopted = true;
            if app.adopt_library_warnings() {
                dirty = true;
                continue;
            }
        }
        // The screen answers first; the autosave follows at once, before the
        // next key is read, so a kill loses at most the answer being typed.
        if let Some(effect) = deferred.take() {
            let before = app.autosave_error.clone();
            perform_for(app, store, effect);
            // A failed (or mended) autosave changes what the status line says.
            dirty = app.autosave_error != before;
            continue;
        }
        if app.rating()
            && let Ok(mut pending) = RATING_ON_SIGNAL.lock()
        {
            *pending = app.rating_on_signal();
        }
        let action = match event::read()? {
            Event::Key(key) => action_for(&app.screen, app.overlay.as_ref(), key),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            // The terminal may have lost what was on screen.
            Event::FocusGained => {
                dirty = true;
                None
            }
            _ => None,
        };
        let Some(action) = action else { continue };
        dirty = true;
        match app.update(action) {
            Some(effect @ Effect::SaveProgress(_)) => deferred = Some(effect),
            Some(effect) => perform_for(app, store, effect),
            None => {}
        }
    }
}

/// Carries out an effect; the outcome comes back as an action for the app.
pub fn perform(store: &mut SessionStore, effect: Effect) -> Option<Action> {
    match effect {
        Effect::SaveProgress(mut session) => Some(match store.save_progress(&mut session) {
            Ok(_) => Action::Autosaved(session.id),
            Err(e) => Action::AutosaveFailed(format!(
                "Your latest answers are NOT saved: {e}. They are kept in this window; fix the problem and answer again, or they are lost when you quit."
            )),
        }),
        Effect::SaveFinished(mut session) => Some(match store.save_finished(&mut session) {
            Ok(path) => Action::Saved {
                path,
                id: session.id,
            },
            Err(e) => Action::SaveFailed(format!(
                "Not saved: {e}. Your answers are still here; try Enter again."
            )),
        }),
        Effect::Export { id, text } => Some(match store.write_export(&id, "md", &text) {
            Ok(path) => Action::Exported(path),
            Err(e) => Action::ExportFailed(format!("Export failed: {e}")),
        }),
        Effect::Discard(session) => {
            store.discard(&session);
            None
        }
        Effect::AttachEvidence(request) => Some(Action::EvidenceRead(
            evidence::gather(&request)
                .map(|e| Box::new(evidence::report::json(&e)))
                .map_err(|e| e.to_string()),
        )),
        Effect::WriteRating {
            to,
            dir,
            perspective,
            text,
        } => Some(write_rating(to, &dir, perspective, &text).map_or_else(
            |e| Action::RatingFailed(e.to_string()),
            Action::RatingWritten,
        )),
        Effect::ReadRaters(typed) => {
            let source = evidence::expand_home(&typed);
            let (files, problems) = ratings::gather(std::slice::from_ref(&source));
            let problems = match (files.is_empty(), problems.is_empty()) {
                // Nothing there at all: say so, naming the path as typed.
                (true, true) => vec![format!(
                    "{}: no raters' files (*.toml, *.txt) there",
                    source.display()
                )],
                _ => problems.iter().map(ToString::to_string).collect(),
            };
            Some(Action::RatersRead {
                source,
                files,
                problems,
            })
        }
        Effect::SaveOthers {
            id,
            attached,
            replace,
        } => Some(Action::OthersSaved(
            store
                .save_others(&id, &attached, replace)
                .map(|path| (id, path))
                .map_err(|e| e.to_string()),
        )),
        Effect::Quit => None,
    }
}

/// Performs `effect` and hands its outcome to the app, and so on while an
/// outcome asks for more (attached evidence is then saved).
pub fn perform_for(app: &mut App, store: &mut SessionStore, effect: Effect) {
    let mut next = Some(effect);
    while let Some(effect) = next.take() {
        next = perform(store, effect).and_then(|outcome| app.update(outcome));
    }
}
