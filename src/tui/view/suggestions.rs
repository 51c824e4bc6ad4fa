//! Suggestions and commitments.

use super::common::{boxed, hang, marker, para};
use crate::tui::app::{App, MAX_COMMITMENTS, Screen};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let (Screen::Suggestions { cursor }, Some(active)) = (&app.screen, &app.active) else {
        return;
    };
    let suggestions = active
        .assessment
        .as_ref()
        .map(|a| a.suggestions.as_slice())
        .unwrap_or_default();
    let picked = &active.session.commitments;

    // A set that names no pattern makes no suggestions: say so, and why.
    let none_why = active
        .assessment
        .as_ref()
        .and_then(|a| a.no_pattern.as_ref())
        .filter(|_| suggestions.is_empty());
    let mut lines = vec![Line::from(Span::styled(
        match none_why {
            Some(why) => format!("No suggestions: they follow from a pattern. {why} Enter saves."),
            None => format!(
                "Pick up to {MAX_COMMITMENTS} to try before next time ({} picked). Space picks, Enter saves.",
                picked.len()
            ),
        },
        t.text,
    ))];
    for (i, s) in suggestions.iter().enumerate() {
        let is_picked = picked.iter().any(|c| c.practice == s.id);
        let style = if i == *cursor { t.selected } else { t.text };
        let hands_on = if s.implementation { " · hands-on" } else { "" };
        lines.push(Line::from(vec![
            Span::raw(marker(i == *cursor)),
            Span::styled(if is_picked { "[x] " } else { "[ ] " }, t.accent),
            Span::styled(
                format!(
                    "{} ({}{hands_on})",
                    s.title.clone(),
                    s.cadence.short(s.minutes_per_week, s.later.as_deref())
                ),
                style,
            ),
        ]));
    }
    if suggestions.is_empty() {
        lines.push(Line::from(
            "No suggestions for this set. Press Enter to save the session.",
        ));
    }
    // A long title wraps under itself, and the list is as tall as its
    // wrapped rows, so no suggestion is pushed out of sight.
    let lines = hang(lines, area.width);
    let [list, detail] =
        Layout::vertical([Constraint::Length(lines.len() as u16), Constraint::Min(4)]).areas(area);
    para(lines).render(list, buf);

    if let Some(s) = suggestions.get(*cursor) {
        let block = boxed(&s.title, t.dim);
        let inner = block.inner(detail);
        // What to do comes first; the summary only when it fits whole.
        let mut d = vec![Line::from(vec![
            Span::styled("Why for you: ", t.accent),
            Span::raw(s.why.clone()),
        ])];
        for (i, step) in s.steps.iter().enumerate() {
            d.push(Line::from(vec![
                Span::styled(format!("{}. ", i + 1), t.accent),
                Span::raw(String::from(step)),
            ]));
        }
        let mut lines = hang(d, inner.width);
        let summary = hang(
            vec![Line::from(Span::styled(s.summary.clone(), t.dim))],
            inner.width,
        );
        let room = usize::from(inner.height);
        if lines.len() + summary.len() <= room {
            lines.extend(summary);
        } else if lines.len() > room {
            let hidden = lines.len() + 1 - room;
            lines.truncate(room.saturating_sub(1));
            lines.push(Line::from(Span::styled(
                format!(
                    "… {hidden} more line{}: the saved session's report (e) has every step.",
                    if hidden == 1 { "" } else { "s" }
                ),
                t.accent,
            )));
        }
        block.render(detail, buf);
        Paragraph::new(lines).render(inner, buf);
    }
}
