//! The frame every screen shares: title bar, status line, key footer; and
//! small drawing helpers.

use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::app::{App, Screen};
use crate::tui::keys::footer;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Widget, Wrap};

/// The screen's name for the title bar.
fn screen_title(app: &App) -> String {
    let set = app
        .active
        .as_ref()
        .map(|a| a.set.title.clone())
        .unwrap_or_default();
    match &app.screen {
        Screen::Home { .. } => "Home".into(),
        Screen::Picker { .. } => "New session".into(),
        Screen::CheckIn { .. } => "Check-in on last time's commitments".into(),
        Screen::Profile { .. } => format!("{set}: about you"),
        Screen::Question { .. } => match &app.active {
            Some(a) if a.rating_other => {
                format!("{}: the coach's view", String::from(&a.current_set().title))
            }
            _ => set,
        },
        Screen::Results { .. } => format!("{set}: results"),
        Screen::Suggestions { .. } => format!("{set}: suggestions and commitments"),
        Screen::Saved { .. } => "Saved".into(),
        Screen::History { .. } => "History and trends".into(),
        Screen::Past { index, .. } => match app.history.sessions.get(*index) {
            Some(s) => format!(
                "{}: results of {} (read-only)",
                app.viewing
                    .as_ref()
                    .map_or_else(|| s.set.clone(), |v| v.set.title.clone()),
                s.started.display_in(app.zone)
            ),
            None => "Results (read-only)".into(),
        },
        Screen::Sets { .. } => "Question sets".into(),
        Screen::Handover => format!("{set}: over to your coach"),
        Screen::RateIntro => format!("{set}: rating a manager"),
        Screen::RateEnd { .. } => format!("{set}: your answers"),
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

/// The title, body, status and footer rows: the status grows to show a
/// message in full.
fn areas(message: Option<&String>, area: Rect) -> [Rect; 4] {
    // The status is shown in full, wrapped: a failure must never be cut off.
    let inner = area.width.saturating_sub(2).max(1) as usize;
    let status_rows = message.map_or(1, |m| {
        (m.lines()
            .map(|l| l.chars().count().div_ceil(inner).max(1))
            .sum::<usize>() as u16)
            .clamp(1, area.height / 2)
    });
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_rows),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The body area `chrome` leaves inside `area`.
pub fn body_area(app: &App, area: Rect) -> Rect {
    let [_, body, _, _] = areas(status_message(app).as_ref(), area);
    body.inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 0,
    })
}

/// Draws the title bar, status line and footer; returns the body area.
pub fn chrome(app: &App, area: Rect, buf: &mut Buffer) -> Rect {
    let message = status_message(app);
    let [title, body, status, footer] = areas(message.as_ref(), area);
    let mode = match (&app.rater, &app.active) {
        (Some(run), _) => format!("  [rating as {}]", run.perspective.id()),
        (None, Some(a)) => format!("  [{} mode]", a.session.mode),
        (None, None) => String::new(),
    };
    // The title gives way, so the mode's closing `]` is never cut off.
    let room = usize::from(title.width).saturating_sub(11 + mode.chars().count());
    Line::from(vec![
        Span::styled(" altitude ", app.theme.selected),
        Span::styled(
            format!(" {}", truncate(&screen_title(app), room)),
            app.theme.title,
        ),
        Span::styled(mode, app.theme.dim),
    ])
    .render(title, buf);
    if let Some(msg) = &message {
        let style = if app.autosave_error.is_some() {
            app.theme.warn
        } else {
            app.theme.accent
        };
        Paragraph::new(Span::styled(String::from(msg), style))
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
    let mut spans = vec![Span::raw(" ")];
    for (i, b) in footer(&app.screen, app.overlay.as_ref(), app.coaching())
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            spans.push(Span::styled("  ", app.theme.dim));
        }
        spans.push(Span::styled(b.label_on(&app.screen), app.theme.key));
        spans.push(Span::raw(format!(" {}", b.hint)));
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
/// A centred dialog `width` columns wide, as tall as its wrapped lines
/// (up to the area), drawn over whatever is behind it.
pub fn dialog(
    lines: Vec<Line<'_>>,
    title: &str,
    style: Style,
    width: u16,
    area: Rect,
    buf: &mut Buffer,
) {
    let width = width.min(area.width);
    let inner = width.saturating_sub(2).max(1);
    let height = (lines
        .iter()
        .map(|l| (l.width() as u16).div_ceil(inner).max(1))
        .sum::<u16>()
        + 2)
    .min(area.height);
    let rect = centred(area, width, height);
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(boxed(title, style))
        .render(rect, buf);
}

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

/// Word-wraps `lines` at `width` columns. A wrapped line's continuation keeps
/// its indent: the leading spaces and a bullet (`• `, `! `, `→ `, `1. `), so
/// lists stay lists. Styles stay with their words.
pub fn hang(lines: Vec<Line<'static>>, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(8));
    let mut out = Vec::new();
    for line in lines {
        let cells: Vec<(char, Style)> = line
            .spans
            .iter()
            .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
            .collect();
        if cells.len() <= width {
            out.push(line);
            continue;
        }
        let indent = hanging_indent(&cells).min(width / 2);
        let mut rows: Vec<Vec<(char, Style)>> = vec![Vec::new()];
        for word in words(&cells) {
            let row = rows.last_mut().map_or(0, |r| r.len());
            let fits = row + word.len() <= width;
            if !fits && row > indent {
                let mut next = vec![(' ', Style::default()); indent];
                next.extend(word.iter().skip_while(|(c, _)| *c == ' '));
                rows.push(next);
            } else if let Some(r) = rows.last_mut() {
                r.extend_from_slice(word);
            }
            // A word longer than the width is cut into pieces.
            while rows.last().is_some_and(|r| r.len() > width) {
                let Some(r) = rows.last_mut() else { break };
                let rest = r.split_off(width);
                let mut next = vec![(' ', Style::default()); indent];
                next.extend(rest);
                rows.push(next);
            }
        }
        out.extend(rows.into_iter().map(|r| to_line(&r, line.style)));
    }
    out
}

/// Width of the leading spaces and list marker.
fn hanging_indent(cells: &[(char, Style)]) -> usize {
    let text: String = cells.iter().take(12).map(|(c, _)| *c).collect();
    let spaces = text.chars().take_while(|c| *c == ' ').count();
    let rest: String = text.chars().skip(spaces).collect();
    let marker = ["• ", "! ", "→ ", "◆ ", "▶ "]
        .iter()
        .find(|m| rest.starts_with(*m))
        .map(|m| m.chars().count())
        .or_else(|| {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            (digits > 0 && rest.chars().skip(digits).take(2).eq(['.', ' '])).then_some(digits + 2)
        })
        .unwrap_or(0);
    // A checkbox after the marker ("▶ [x] title") belongs to the indent too.
    let after: String = rest.chars().skip(marker).collect();
    let checkbox = if after.starts_with("[ ] ") || after.starts_with("[x] ") {
        4
    } else {
        0
    };
    spaces + marker + checkbox
}

/// Splits cells into words, each with the spaces before it.
fn words(cells: &[(char, Style)]) -> Vec<&[(char, Style)]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut seen_text = false;
    for (i, (c, _)) in cells.iter().enumerate() {
        if *c == ' ' && seen_text {
            out.push(&cells[start..i]);
            start = i;
            seen_text = false;
        } else if *c != ' ' {
            seen_text = true;
        }
    }
    out.push(&cells[start..]);
    out
}

/// Cells back into spans, one per run of the same style.
fn to_line(cells: &[(char, Style)], style: Style) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut current: Option<Style> = None;
    for (c, s) in cells {
        if current.is_some_and(|cur| cur != *s) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                current.unwrap_or_default(),
            ));
        }
        current = Some(*s);
        text.push(*c);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, current.unwrap_or_default()));
    }
    Line::from(spans).style(style)
}

/// Longest readable line, in columns.
pub const READABLE: u16 = 100;
/// From this body width on, screens put a second column beside the first.
pub const WIDE: u16 = 118;

/// `area`, at most [`READABLE`] columns wide, centred.
pub fn readable(area: Rect) -> Rect {
    if area.width <= READABLE {
        return area;
    }
    Rect {
        x: area.x + (area.width - READABLE) / 2,
        width: READABLE,
        ..area
    }
}

/// On a wide terminal, two columns of readable width side by side, centred;
/// otherwise one readable column.
pub fn columns(area: Rect) -> (Rect, Option<Rect>) {
    if area.width < WIDE {
        return (readable(area), None);
    }
    let each = ((area.width - 3) / 2).min(READABLE);
    let used = each * 2 + 3;
    let x = area.x + (area.width - used) / 2;
    let left = Rect {
        x,
        width: each,
        ..area
    };
    let right = Rect {
        x: x + each + 3,
        width: each,
        ..area
    };
    (left, Some(right))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn wrapped_bullets_keep_their_indent() {
        let lines = hang(
            vec![Line::from("  • one two three four five six seven")],
            20,
        );
        assert_eq!(
            texts(&lines),
            ["  • one two three", "    four five six", "    seven"]
        );
    }

    #[test]
    fn short_lines_are_left_alone_and_long_words_are_cut() {
        assert_eq!(texts(&hang(vec![Line::from("short")], 20)), ["short"]);
        let cut = hang(vec![Line::from("x".repeat(25))], 10);
        assert!(cut.iter().all(|l| l.width() <= 10), "{:?}", texts(&cut));
        assert_eq!(texts(&cut).concat().matches('x').count(), 25);
    }
}
