//! The event loop: read a key, turn it into an action, update, perform the
//! effect, draw, then autosave. Also the terminal's safe return on quit,
//! Ctrl-C, SIGINT, SIGQUIT, SIGTERM, SIGHUP and panic (ratatui's hook,
//! installed after color-eyre's).

use super::app::{App, Effect};
use super::keys::action_for;
use super::theme::Theme;
use super::view;
use crate::evidence;
use crate::model::Mode;
use crate::model::catalog::Library;
use crate::model::time::Clock;
use crate::output;
use crate::report::markdown;
use crate::sessions::SessionStore;
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
pub fn load_app(library: Library, paths: &Paths) -> (App, SessionStore) {
    let (config, config_problem) = Config::load(&paths.config_dir);
    let mut store = SessionStore::new(&paths.data_dir);
    let history = store.history();
    let (unfinished, taken, unfinished_problems) = store.unfinished();
    let mut warnings: Vec<String> = library.warnings.iter().map(ToString::to_string).collect();
    warnings.extend(config_problem.map(|p| p.to_string()));
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
    let theme = Theme::from_env(config.theme);
    let mut app = App::new(library, config, history, unfinished, Clock::System);
    app.warnings = warnings;
    app.theme = theme;
    (app, store)
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
pub fn run(library: Library, paths: &Paths, launch: Launch) -> color_eyre::Result<Ending> {
    let (mut app, mut store) = load_app(library, paths);
    let signal = watch_signals()?;
    let mut first = None;
    if launch.start {
        let mode = launch.mode.or(app.config.default_mode).unwrap_or_default();
        let default = if mode == Mode::Onboarding {
            "onboarding"
        } else {
            "core"
        };
        let set = launch
            .set
            .or(app.config.default_set.clone())
            .unwrap_or_else(|| default.to_string());
        // Its first autosave waits for the first frame, like every other.
        first = app.start(&set, mode);
    }
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, &mut app, &mut store, &signal, first);
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
            std::process::exit(Ending::Signal(n).exit_code().into());
        }
    });
    Ok(signal)
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    store: &mut SessionStore,
    signal: &AtomicI32,
    mut deferred: Option<Effect>,
) -> color_eyre::Result<Ending> {
    loop {
        let n = signal.load(Ordering::SeqCst);
        if n != 0 {
            if let Some(effect) = deferred.take() {
                perform(app, store, effect);
            }
            return Ok(Ending::Signal(n));
        }
        if app.quit {
            return Ok(Ending::Quit);
        }
        terminal.draw(|frame| {
            view::render(app, frame.area(), frame.buffer_mut());
            output::sanitize_buffer(frame.buffer_mut());
        })?;
        // The screen answers first; the autosave follows at once, before the
        // next key is read, so a kill loses at most the answer being typed.
        if let Some(effect) = deferred.take() {
            perform(app, store, effect);
            continue;
        }
        if !event::poll(Duration::from_millis(250))? {
            continue;
        }
        if let Event::Key(key) = event::read()? {
            let action = action_for(&app.screen, app.overlay.as_ref(), key);
            match action.and_then(|a| app.update(a)) {
                Some(Effect::SaveProgress) => deferred = Some(Effect::SaveProgress),
                Some(effect) => perform(app, store, effect),
                None => {}
            }
        }
    }
}

/// Carries out an effect and reports the outcome back to the app.
pub fn perform(app: &mut App, store: &mut SessionStore, effect: Effect) {
    match effect {
        Effect::SaveProgress => {
            let Some(active) = app.active.as_mut() else {
                return;
            };
            match store.save_progress(&mut active.session) {
                Ok(_) => app.autosave_error = None,
                Err(e) => {
                    app.autosave_error = Some(format!(
                        "Your latest answers are NOT saved: {e}. They are kept in this window; fix the problem and answer again, or they are lost when you quit."
                    ));
                }
            }
        }
        Effect::SaveFinished => {
            let Some(active) = app.active.as_mut() else {
                return;
            };
            match store.save_finished(&mut active.session) {
                Ok(path) => {
                    app.autosave_error = None;
                    app.saved(path);
                }
                Err(e) => app.save_failed(format!(
                    "Not saved: {e}. Your answers are still here; try Enter again."
                )),
            }
        }
        Effect::Export => {
            let Some(session) = app.export_target() else {
                return;
            };
            let text = markdown::render_session(&app.library, &session, &app.summaries);
            app.status = Some(match store.write_export(&session.id, "md", &text) {
                Ok(path) => format!("Report written to {}", path.display()),
                Err(e) => format!("Export failed: {e}"),
            });
        }
        Effect::AttachEvidence => {
            let found = gather_evidence(app);
            if app.attach_evidence(found) {
                perform(app, store, Effect::SaveProgress);
            }
        }
        Effect::Quit => app.quit = true,
    }
}

/// Reads the configured evidence sources for the last 14 days.
fn gather_evidence(app: &App) -> Result<crate::evidence::report::Json, String> {
    let now = i64::try_from(app.clock.now().0).unwrap_or(i64::MAX);
    let (since, until) = evidence::last_days(now, 14);
    let src = &app.config.evidence;
    let req = evidence::Request {
        repos: src.repos.iter().map(|p| evidence::expand_home(p)).collect(),
        calendars: src
            .calendars
            .iter()
            .map(|p| evidence::expand_home(p))
            .collect(),
        me: src.me.clone(),
        since,
        until,
        ..evidence::Request::default()
    };
    evidence::gather(&req)
        .map(|e| evidence::report::json(&e))
        .map_err(|e| e.to_string())
}
