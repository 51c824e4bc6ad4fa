//! Drawing: one file per screen, each `fn render(&App, Rect, &mut Buffer)`.
//! Views read the app and never change it.

mod attach;
mod check_in;
mod common;
mod help;
mod history;
mod home;
mod picker;
mod profile;
mod question;
mod rater;
mod results;
mod saved;
mod sets;
mod suggestions;

use super::app::{App, Overlay, Screen};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub use super::screen::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole app into `buf`.
/// Draws the app, then cleans every cell: whatever a screen drew, no
/// control, bidi or invisible character from a file reaches the terminal.
/// This is the TUI's one sanitising edge.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    draw(app, area, buf);
    crate::output::sanitize_buffer(buf);
}

fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        common::too_small(app, area, buf);
        return;
    }
    let full = common::chrome(app, area, buf);
    // Text stays readable on a wide terminal: at most about 100 columns. The
    // question, results and history screens use the width themselves.
    let body = common::readable(full);
    match &app.screen {
        Screen::Home { .. } => home::render(app, body, buf),
        Screen::Picker { .. } => picker::render(app, body, buf),
        Screen::CheckIn { .. } => check_in::render(app, body, buf),
        Screen::Profile { .. } => profile::render(app, body, buf),
        Screen::Question { .. } => question::render(app, full, buf),
        Screen::Results { .. } => results::render(app, full, buf),
        Screen::Suggestions { .. } => suggestions::render(app, body, buf),
        Screen::Saved { .. } => saved::render(app, body, buf),
        Screen::History { .. } => history::render(app, full, buf),
        Screen::Past { .. } => results::render(app, full, buf),
        Screen::Sets { .. } => sets::render(app, body, buf),
        Screen::Handover => question::render_handover(app, body, buf),
        Screen::RateIntro => rater::render_intro(app, body, buf),
        Screen::RateEnd { .. } => rater::render_end(app, body, buf),
    }
    match app.overlay {
        Some(Overlay::Help) => help::render_help(app, area, buf),
        Some(Overlay::ConfirmQuit) => help::render_confirm(app, area, buf),
        Some(Overlay::ConfirmEvidence) => help::render_confirm_evidence(app, area, buf),
        Some(Overlay::ConfirmNew) => help::render_confirm_new(app, area, buf),
        Some(Overlay::Note) => question::render_note(app, area, buf),
        Some(Overlay::ConfirmLeaveRating) => rater::render_confirm_leave(app, area, buf),
        Some(Overlay::RatersPath) => attach::render_prompt(app, area, buf),
        Some(Overlay::ConfirmReplaceRaters) => attach::render_confirm_replace(app, area, buf),
        None => {}
    }
}

/// How far the results (or a past session's) can scroll in the app's
/// terminal; unlimited while the size is unknown.
pub fn scroll_limit(app: &App) -> u16 {
    match app.size {
        Some((w, h)) => results::scroll_limit(app, common::body_area(app, Rect::new(0, 0, w, h))),
        None => u16::MAX,
    }
}
