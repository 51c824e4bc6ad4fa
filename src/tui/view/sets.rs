//! The set browser.

use super::common::{boxed, marker, para, truncate, wrapped_height};
use crate::model::dimension::Dimension;
use crate::tui::app::{App, Screen};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Screen::Sets { cursor } = app.screen else {
        return;
    };
    let [list, detail] = Layout::vertical([
        Constraint::Length(app.library.sets.len().min(8) as u16 + 1),
        Constraint::Min(5),
    ])
    .areas(area);
    let first = cursor.saturating_sub(7);
    let lines: Vec<Line> = app
        .library
        .sets
        .iter()
        .enumerate()
        .skip(first)
        .take(8)
        .map(|(i, s)| {
            let style = if i == cursor { t.selected } else { t.text };
            Line::from(vec![
                Span::raw(marker(i == cursor)),
                Span::styled(
                    format!(
                        "{:<14} {:<32} {}",
                        truncate(&s.id, 14),
                        truncate(s.title.as_str(), 32),
                        s.source.describe()
                    ),
                    style,
                ),
            ])
        })
        .collect();
    para(lines).render(list, buf);

    let Some(set) = app.library.sets.get(cursor) else {
        return;
    };
    let counts: Vec<String> = Dimension::ALL
        .iter()
        .filter(|d| set.measures(**d))
        .map(|d| format!("{} {}", d.id(), set.items_in(*d).count()))
        .chain(
            set.scales
                .iter()
                .map(|s| format!("scale {} {}", s.id, s.items.len())),
        )
        .collect();
    // The set's own words first: description, citation and licence.
    let mut head = vec![set.description.clone()];
    head.extend(crate::report::instrument_lines(set));
    let width = detail.width.saturating_sub(2);
    let head_rows: u16 = head.iter().map(|l| wrapped_height(l, width)).sum();
    let mut d: Vec<Line> = head.into_iter().map(Line::from).collect();
    let counts = format!(
        "{} items, {} scored: {}",
        set.items.len(),
        set.scored_items().count(),
        counts.join(", ")
    );
    let count_rows = wrapped_height(&counts, width);
    d.push(Line::from(Span::styled(counts, t.accent)));
    d.push(Line::from(""));
    // As many prompts as fit, counted in wrapped rows, then how many are left.
    let mut room = detail.height.saturating_sub(2 + head_rows + count_rows + 2);
    let mut shown = 0;
    for item in &set.items {
        let dim = item
            .dimension
            .map_or("reflection".to_string(), |d| d.id().to_string());
        let line = format!("{dim:<12}{}", item.prompt.as_str());
        let rows = wrapped_height(&line, width);
        if rows > room {
            break;
        }
        room -= rows;
        shown += 1;
        d.push(Line::from(vec![
            Span::styled(format!("{dim:<12}"), t.dim),
            Span::raw(item.prompt.as_str()),
        ]));
    }
    if shown < set.items.len() {
        d.push(Line::from(Span::styled(
            format!(
                "… and {} more (Enter starts this set)",
                set.items.len() - shown
            ),
            t.accent,
        )));
    }
    para(d)
        .block(boxed(set.title.as_str(), t.dim))
        .render(detail, buf);
}
