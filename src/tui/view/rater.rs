//! `altitude rate`: the opening screen, the end screen, and the question
//! asked when a rater quits with answers not yet in a file.

use super::common::{dialog, para};
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Paragraphs with a blank line between them; the first is the heading.
fn paragraphs(app: &App, texts: Vec<String>) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from("")];
    for (i, text) in texts.into_iter().enumerate() {
        if i > 0 {
            lines.push(Line::from(""));
        }
        let style = if i == 0 {
            app.theme.title
        } else {
            app.theme.text
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    lines
}

/// The footer says Enter starts: the body keeps its rows for the words, as a
/// long folder name wraps onto more of them.
pub fn render_intro(app: &App, area: Rect, buf: &mut Buffer) {
    para(paragraphs(app, app.rating_intro())).render(area, buf);
}

pub fn render_end(app: &App, area: Rect, buf: &mut Buffer) {
    para(paragraphs(app, app.rating_end())).render(area, buf);
}

/// `q` with answers not yet in a file.
pub fn render_confirm_leave(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let lines = vec![
        Line::from(Span::styled(app.unwritten_sentence(), t.title)),
        Line::from("Nothing is kept unless you write it now."),
        Line::from(""),
        // One choice a line, so none is split across two at any width.
        Line::from(vec![
            Span::styled("  w", t.key),
            Span::raw("    write them to a file to send back"),
        ]),
        Line::from(vec![
            Span::styled("  d", t.key),
            Span::raw("    discard and quit"),
        ]),
        Line::from(vec![
            Span::styled("  Esc", t.key),
            Span::raw("  keep answering"),
        ]),
    ];
    dialog(lines, "Quit", t.warn, 64, area, buf);
}
