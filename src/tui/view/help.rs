//! The help overlay and the quit confirmation.

use super::common::{boxed, centred};
use crate::tui::app::App;
use crate::tui::keys::{GLOBAL, hints};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

pub fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let mut lines = vec![Line::from(Span::styled("On this screen", t.title))];
    let global: Vec<&str> = GLOBAL.iter().map(|(k, _)| *k).collect();
    for (key, what) in hints(&app.screen, None, app.coaching())
        .iter()
        .filter(|(k, _)| !global.contains(k) && *k != "Esc")
    {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key:<12}"), t.key),
            Span::raw(*what),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Everywhere", t.title)));
    for (key, what) in GLOBAL {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key:<12}"), t.key),
            Span::raw(*what),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Answers are saved as you go. Nothing leaves this machine.",
        t.dim,
    )));
    let h = lines.len() as u16 + 2;
    let rect = centred(area, 72, h);
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(boxed("Help", t.accent))
        .render(rect, buf);
}

pub fn render_confirm(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let rect = centred(area, 56, 7);
    Clear.render(rect, buf);
    Paragraph::new(vec![
        Line::from(Span::styled("Quit now?", t.title)),
        Line::from("Your progress is saved. Next time, choose"),
        Line::from("\"Resume\" (r) on the home screen to carry on."),
        Line::from(vec![
            Span::styled("y", t.key),
            Span::raw(" quit   "),
            Span::styled("n", t.key),
            Span::raw(" stay"),
        ]),
    ])
    .block(boxed("Quit", t.warn))
    .render(rect, buf);
}
