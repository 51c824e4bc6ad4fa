//! Drawing: one file per screen, each `fn render(&App, Rect, &mut Buffer)`.
//! Views read the app and never change it.

mod check_in;
mod common;
mod help;
mod history;
mod home;
mod picker;
mod profile;
mod question;
mod results;
mod saved;
mod sets;
mod suggestions;

use super::app::{App, Overlay, Screen};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The smallest terminal the app draws into.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draws the whole app into `buf`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        common::too_small(app, area, buf);
        return;
    }
    let body = common::chrome(app, area, buf);
    match &app.screen {
        Screen::Home { .. } => home::render(app, body, buf),
        Screen::Picker { .. } => picker::render(app, body, buf),
        Screen::CheckIn { .. } => check_in::render(app, body, buf),
        Screen::Profile { .. } => profile::render(app, body, buf),
        Screen::Question { .. } => question::render(app, body, buf),
        Screen::Results { .. } => results::render(app, body, buf),
        Screen::Suggestions { .. } => suggestions::render(app, body, buf),
        Screen::Saved { .. } => saved::render(app, body, buf),
        Screen::History { .. } => history::render(app, body, buf),
        Screen::Sets { .. } => sets::render(app, body, buf),
        Screen::Handover => question::render_handover(app, body, buf),
    }
    match app.overlay {
        Some(Overlay::Help) => help::render_help(app, area, buf),
        Some(Overlay::ConfirmQuit) => help::render_confirm(app, area, buf),
        Some(Overlay::ConfirmEvidence) => help::render_confirm_evidence(app, area, buf),
        Some(Overlay::Note) => question::render_note(app, area, buf),
        None => {}
    }
}
