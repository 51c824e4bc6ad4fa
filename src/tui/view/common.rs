//! The frame every screen shares: title bar, status line, key footer; and
//! small drawing helpers.

use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::model::text::sanitize;
use crate::tui::app::{App, Screen};
use crate::tui::keys::hints;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Widget, Wrap};

/// The screen's name for the title bar.
fn screen_title(app: &App) -> String {
    let set = app
        .active
        .as_ref()
        .map(|a| sanitize(&a.set.title))
        .unwrap_or_default();
    match &app.screen {
        Screen::Home { .. } => "Home".into(),
        Screen::Picker { .. } => "New session".into(),
        Screen::CheckIn { .. } => "Check-in on last time's commitments".into(),
        Screen::Profile { .. } => format!("{set}: about you"),
        Screen::Question { .. } => match &app.active {
            Some(a) if a.rating_other => {
                format!("{}: the coach's view", sanitize(&a.current_set().title))
            }
            _ => set,
        },
        Screen::Results { .. } => format!("{set}: results"),
        Screen::Suggestions { .. } => format!("{set}: suggestions and commitments"),
        Screen::Saved { .. } => "Saved".into(),
        Screen::History { .. } => "History and trends".into(),
        Screen::Sets { .. } => "Question sets".into(),
        Screen::Handover => format!("{set}: over to your coach"),
    }
}

/// The status line's text: a failed autosave first (it stays until a save
/// works), then the latest message.
fn status_message(app: &App) -> Option<String> {
    match (&app.autosave_error, &app.status) {
        (Some(e), Some(s)) => Some(format!("{e}\n{s}")),
        (Some(e), None) => Some(e.clone()),
        (None, s) => s.clone(),
    }
}

/// Draws the title bar, status line and footer; returns the body area.
pub fn chrome(app: &App, area: Rect, buf: &mut Buffer) -> Rect {
    let message = status_message(app);
    // The status is shown in full, wrapped: a failure must never be cut off.
    let inner = area.width.saturating_sub(2).max(1) as usize;
    let status_rows = message.as_ref().map_or(1, |m| {
        (m.lines()
            .map(|l| l.chars().count().div_ceil(inner).max(1))
            .sum::<usize>() as u16)
            .clamp(1, area.height / 2)
    });
    let [title, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    let mode = app
        .active
        .as_ref()
        .map(|a| format!("  [{} mode]", a.session.mode))
        .unwrap_or_default();
    Line::from(vec![
        Span::styled(" altitude ", app.theme.selected),
        Span::styled(format!(" {}", screen_title(app)), app.theme.title),
        Span::styled(mode, app.theme.dim),
    ])
    .render(title, buf);
    if let Some(msg) = &message {
        let style = if app.autosave_error.is_some() {
            app.theme.warn
        } else {
            app.theme.accent
        };
        Paragraph::new(Span::styled(sanitize(msg), style))
            .wrap(Wrap { trim: false })
            .block(Block::new().padding(Padding::horizontal(1)))
            .render(status, buf);
    }
    footer_line(app).render(footer, buf);
    body.inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 0,
    })
}

/// The key hints as one line: `key what · key what`.
pub fn footer_line(app: &App) -> Line<'static> {
    let table = hints(&app.screen, app.overlay.as_ref(), app.coaching());
    let mut spans = vec![Span::raw(" ")];
    for (i, (key, what)) in table.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("  ", app.theme.dim));
        }
        spans.push(Span::styled(*key, app.theme.key));
        spans.push(Span::raw(format!(" {what}")));
    }
    Line::from(spans)
}

pub fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let text = Text::from(vec![
        Line::from(Span::styled("Terminal too small", app.theme.warn)),
        Line::from(format!(
            "altitude needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this is {}×{}.",
            area.width, area.height
        )),
        Line::from("Make the window larger; it redraws at once. Ctrl-C quits."),
    ]);
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// A bordered box with a title.
pub fn boxed(title: &str, style: Style) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Span::styled(format!(" {title} "), style))
}

/// Wrapped text.
pub fn para<'a>(text: impl Into<Text<'a>>) -> Paragraph<'a> {
    Paragraph::new(text).wrap(Wrap { trim: false })
}

/// A text bar of `width` cells: `█` filled and `·` empty, with no colour needed.
pub fn bar(score: Option<u8>, width: usize) -> String {
    let filled = score.map_or(0, |s| (usize::from(s) * width + 50) / 100);
    format!("{}{}", "█".repeat(filled), "·".repeat(width - filled))
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// `▶ ` on the selected row, spaces otherwise, so selection never depends on colour.
pub fn marker(selected: bool) -> &'static str {
    if selected { "▶ " } else { "  " }
}

/// Cuts `s` to `n` characters, ending in `…` when cut.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n.saturating_sub(1)).chain(['…']).collect()
    }
}

/// How many rows `text` takes when word-wrapped at `width` columns.
pub fn wrapped_height(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let mut rows = 0u16;
    for paragraph in text.split('\n') {
        let mut line = 0usize;
        rows += 1;
        for word in paragraph.split_whitespace() {
            let w = word.chars().count();
            if line > 0 && line + 1 + w > width {
                rows += 1;
                line = w;
            } else {
                line += if line > 0 { 1 + w } else { w };
            }
        }
    }
    rows
}

/// A progress bar as text: `████████········ 7 / 30`.
pub fn progress(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0).min(width);
    format!("{}{}", "█".repeat(filled), "·".repeat(width - filled))
}
