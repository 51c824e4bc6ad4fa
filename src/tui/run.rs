//! The event loop: read a key, turn it into an action, update, perform the
//! effect, draw. Also the terminal's safe return on quit, Ctrl-C, SIGTERM,
//! SIGHUP and panic (ratatui's hook, installed after color-eyre's).

use super::app::{App, Effect};
use super::keys::action_for;
use super::theme::Theme;
use super::view;
use crate::model::Mode;
use crate::model::catalog::Library;
use crate::report::markdown;
use crate::sessions::SessionStore;
use crate::store::{Config, Paths};
use crossterm::event::{self, Event};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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
    let store = SessionStore::new(&paths.data_dir);
    let history = store.history();
    let (unfinished, unfinished_problems) = store.unfinished();
    let mut warnings: Vec<String> = library.warnings.iter().map(ToString::to_string).collect();
    warnings.extend(config_problem.map(|p| p.to_string()));
    warnings.extend(
        history
            .problems
            .iter()
            .chain(&unfinished_problems)
            .map(ToString::to_string),
    );
    let theme = Theme::from_env(config.theme);
    let mut app = App::new(
        library,
        config,
        history,
        unfinished,
        crate::model::time::Timestamp::now(),
    );
    app.warnings = warnings;
    app.theme = theme;
    (app, store)
}

/// Runs the app until the user quits or a signal arrives.
pub fn run(library: Library, paths: &Paths, launch: Launch) -> color_eyre::Result<()> {
    let (mut app, store) = load_app(library, paths);
    let stop = watch_signals()?;
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
        if let Some(effect) = app.start(&set, mode) {
            perform(&mut app, &store, effect);
        }
    }
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, &mut app, &store, &stop);
    let _ = ratatui::try_restore();
    result
}

/// SIGTERM and SIGHUP set the returned flag, which the loop checks between
/// events. If the loop cannot get there (crossterm can spin on a terminal that
/// has gone away, crossterm-rs/crossterm#793), the watcher restores the
/// terminal and exits after a short grace period; progress is already saved.
fn watch_signals() -> std::io::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ])?;
    let flag = Arc::clone(&stop);
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            flag.store(true, Ordering::Relaxed);
            std::thread::sleep(Duration::from_millis(750));
            // `try_restore`, not `restore`: the latter prints on failure, and
            // printing to a closed terminal panics.
            let _ = ratatui::try_restore();
            std::process::exit(0);
        }
    });
    Ok(stop)
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    store: &SessionStore,
    stop: &AtomicBool,
) -> color_eyre::Result<()> {
    while !app.quit && !stop.load(Ordering::Relaxed) {
        terminal.draw(|frame| view::render(app, frame.area(), frame.buffer_mut()))?;
        if !event::poll(Duration::from_millis(250))? {
            continue;
        }
        if let Event::Key(key) = event::read()? {
            let action = action_for(&app.screen, app.overlay.as_ref(), key);
            if let Some(effect) = action.and_then(|a| app.update(a)) {
                perform(app, store, effect);
            }
        }
    }
    Ok(())
}

/// Carries out an effect and reports the outcome back to the app.
pub fn perform(app: &mut App, store: &SessionStore, effect: Effect) {
    match effect {
        Effect::SaveProgress => {
            if let Some(active) = &app.active
                && let Err(e) = store.save_progress(&active.session)
            {
                app.status = Some(format!("Not saved: {e}"));
            }
        }
        Effect::SaveFinished => {
            let Some(active) = &app.active else { return };
            match store.save_finished(&active.session) {
                Ok(path) => app.saved(path),
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
            app.status = Some(
                match store.write_export(&format!("{}.md", session.id), &text) {
                    Ok(path) => format!("Report written to {}", path.display()),
                    Err(e) => format!("Export failed: {e}"),
                },
            );
        }
        Effect::Quit => app.quit = true,
    }
}
