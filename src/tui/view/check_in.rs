//! Check-in on last time's commitments.

use super::common::para;
use crate::tui::app::{App, Screen};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let (Screen::CheckIn { index }, Some(active)) = (&app.screen, &app.active) else {
        return;
    };
    let total = active.to_check.len();
    let mut lines = vec![
        Line::from(""),
        Line::from(Span::styled(
            format!(
                "Last time you committed to {total} thing{}. How did it go?",
                if total == 1 { "" } else { "s" }
            ),
            t.title,
        )),
        Line::from(""),
    ];
    for (i, c) in active.to_check.iter().enumerate() {
        let answered = active.session.checkins.get(i).filter(|_| i < *index);
        let (mark, style) = match (i == *index, answered) {
            (true, _) => ("▶ ", t.selected),
            (false, Some(_)) => ("  ", t.dim),
            (false, None) => ("  ", t.text),
        };
        let status = answered
            .map(|a| format!("  [{}]", a.status.label()))
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::raw(mark),
            Span::styled(format!("{}. {}", i + 1, c.title.as_str()), style),
            Span::styled(status, t.accent),
        ]));
        let note = match active.session.checkins.get(i) {
            Some(c) if i <= *index => c.note.clone(),
            _ => None,
        }
        .or_else(|| {
            (i == *index)
                .then(|| app.pending_check_in_note.clone())
                .flatten()
        });
        if let Some(note) = note {
            lines.push(Line::from(Span::styled(
                format!("     note: {}", note.as_str()),
                t.dim,
            )));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::styled("d", t.key),
        Span::raw(" done   "),
        Span::styled("p", t.key),
        Span::raw(" partly   "),
        Span::styled("x", t.key),
        Span::raw(" not done   "),
        Span::styled("s", t.key),
        Span::raw(" skip   "),
        Span::styled("t", t.key),
        Span::raw(" add a note   "),
        Span::styled("Esc", t.key),
        Span::raw(" the one before"),
    ]));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "No judgement: \"not done\" is useful information. It often means the practice did not fit the week.",
        t.dim,
    )));
    para(super::common::hang(lines, area.width)).render(area, buf);
}
