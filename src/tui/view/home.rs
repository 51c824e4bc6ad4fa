//! Home: start, resume, history, sets, help, quit; and what is waiting.

use super::common::{boxed, hang, marker, para};
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::keys::{Act, home_menu};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Screen::Home { cursor } = app.screen else {
        return;
    };
    let [intro, menu, info] = Layout::vertical([
        Constraint::Length(5),
        Constraint::Length(8),
        Constraint::Min(3),
    ])
    .areas(area);
    para(vec![
        Line::from(""),
        Line::from(Span::styled("How hands-on should you be?", t.title)),
        Line::from(
            "Questions from both sides of the \"should managers code?\" debate, four scores, the pattern you are in, and ways to stay technical without taking on implementation work.",
        ),
    ])
    .render(intro, buf);

    let mut lines = vec![Line::from("")];
    for (i, entry) in home_menu().enumerate() {
        let (key, label) = (entry.label, entry.desc);
        let unavailable = matches!(entry.act, Act::Do(Action::Resume)) && app.unfinished.is_none();
        let style = if i == cursor {
            t.selected
        } else if unavailable {
            t.dim
        } else {
            t.text
        };
        let suffix = if unavailable { " (none)" } else { "" };
        lines.push(Line::from(vec![
            Span::raw(marker(i == cursor)),
            Span::styled(format!("{key}  {label}{suffix}"), style),
        ]));
    }
    para(lines).render(menu, buf);

    let mut notes = Vec::new();
    if let Some(u) = &app.unfinished {
        let answered = u.answers.len();
        notes.push(Line::from(vec![
            Span::styled("Unfinished: ", t.accent),
            Span::raw(format!(
                "{} set, started {}, {answered} answer{} so far. Press r to resume.",
                u.set.clone(),
                u.started.display_in(app.zone),
                if answered == 1 { "" } else { "s" }
            )),
        ]));
    }
    match (app.history.latest(), app.summaries.last()) {
        (Some(last), Some(summary)) => {
            let pattern = summary
                .pattern
                .clone()
                .unwrap_or_else(|| "no pattern".into());
            notes.push(Line::from(vec![
                Span::styled("Last time: ", t.accent),
                Span::raw(format!(
                    "{} on {}: {}.",
                    last.set.clone(),
                    last.started.date_in(app.zone),
                    pattern.clone()
                )),
            ]));
            if !last.commitments.is_empty() {
                let titles: Vec<String> =
                    last.commitments.iter().map(|c| c.title.clone()).collect();
                notes.push(Line::from(format!(
                    "You committed to: {}. A new session starts by checking in.",
                    titles.join("; ")
                )));
            }
        }
        _ => notes.push(Line::from(
            "No sessions yet. Press n to start; the quick set takes about five minutes.",
        )),
    }
    for w in app.warnings.iter().take(4) {
        notes.push(Line::from(vec![
            Span::styled("! ", t.warn),
            Span::raw(String::from(w)),
        ]));
    }
    if app.warnings.len() > 4 {
        notes.push(Line::from(format!(
            "  … and {} more problems (run `altitude sets` or `altitude history` to see them)",
            app.warnings.len() - 4
        )));
    }
    para(hang(notes, info.width.saturating_sub(2)))
        .block(boxed("Where you are", t.dim))
        .render(info, buf);
}
