//! The "saved" confirmation.

use super::common::para;
use crate::tui::app::{App, Screen};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Screen::Saved { path } = &app.screen else {
        return;
    };
    let mut lines = vec![
        Line::from(""),
        Line::from(Span::styled("Session saved.", t.title)),
        Line::from(""),
        Line::from(vec![
            Span::raw("File: "),
            Span::styled(path.display().to_string(), t.accent),
        ]),
        Line::from(""),
    ];
    let commitments = app
        .active
        .as_ref()
        .map(|a| a.session.commitments.clone())
        .unwrap_or_default();
    if commitments.is_empty() {
        lines.push(Line::from(
            "You picked no commitments this time. That is fine: the picture itself is useful.",
        ));
    } else {
        lines.push(Line::from(Span::styled(
            "Your commitments until next time:",
            t.accent,
        )));
        for c in &commitments {
            lines.push(Line::from(format!("  • {}", c.title.as_str())));
        }
        lines.push(Line::from(""));
        lines.push(Line::from(
            "Next session starts by asking how each one went.",
        ));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::styled("e", t.key),
        Span::raw(" writes a Markdown report to share with a coach. "),
        Span::styled("Enter", t.key),
        Span::raw(" returns home."),
    ]));
    para(lines).render(area, buf);
}
