//! The set and mode picker.

use super::common::{boxed, marker, para};
use crate::model::Mode;
use crate::tui::app::{App, Screen};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

fn mode_blurb(mode: Mode) -> &'static str {
    match mode {
        Mode::Solo => "On your own: an honest picture, a few commitments, a trend over time.",
        Mode::Coaching => {
            "With a coach on one screen: discussion prompts, notes per question, and the coach's own ratings beside yours."
        }
        Mode::Onboarding => {
            "For new managers: every question explains what both sides of the debate say."
        }
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Screen::Picker { set: cursor, mode } = app.screen else {
        return;
    };
    let [sets_area, detail] = Layout::vertical([
        Constraint::Length(app.self_sets().len() as u16 + 3),
        Constraint::Min(6),
    ])
    .areas(area);
    let mut lines = vec![Line::from(Span::styled(
        "Choose a question set (↑↓):",
        t.text,
    ))];
    for (i, set) in app.self_sets().into_iter().enumerate() {
        let style = if i == cursor { t.selected } else { t.text };
        lines.push(Line::from(vec![
            Span::raw(marker(i == cursor)),
            Span::styled(
                format!(
                    "{:<12} {} · {} questions",
                    set.id,
                    set.title.as_str(),
                    set.items.len()
                ),
                style,
            ),
        ]));
    }
    para(lines).render(sets_area, buf);

    let mut modes = vec![Span::raw("Mode (Tab): ")];
    for m in Mode::ALL {
        let chosen = m == mode;
        let label = if chosen {
            format!("[{m}]")
        } else {
            format!(" {m} ")
        };
        modes.push(Span::styled(label, if chosen { t.selected } else { t.dim }));
        modes.push(Span::raw(" "));
    }
    let description = app
        .self_sets()
        .get(cursor)
        .map(|s| s.description.as_str())
        .unwrap_or_default();
    para(vec![
        Line::from(description),
        Line::from(""),
        Line::from(modes),
        Line::from(Span::styled(mode_blurb(mode), t.dim)),
        Line::from(""),
        Line::from(vec![Span::styled("Enter", t.key), Span::raw(" to begin.")]),
    ])
    .block(boxed("About this set", t.dim))
    .render(detail, buf);
}
