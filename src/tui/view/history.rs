//! History: a table of sessions, a trend per dimension, and follow-through
//! on commitments.

use super::common::{boxed, para, truncate};
use crate::model::dimension::Dimension;
use crate::model::text::sanitize;
use crate::tui::app::{App, Screen};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Sparkline, Widget};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Screen::History { cursor } = app.screen else {
        return;
    };
    let rows = &app.summaries;
    if rows.is_empty() {
        para(vec![
            Line::from(""),
            Line::from("No finished sessions yet."),
            Line::from("Finish one (n on the home screen) and your scores start a trend here."),
        ])
        .render(area, buf);
        return;
    }
    let [table, trends, follow] = Layout::vertical([
        Constraint::Min(5),
        Constraint::Length(6),
        Constraint::Length(1),
    ])
    .areas(area);

    let height = table.height.saturating_sub(1) as usize;
    let first = cursor
        .saturating_sub(height.saturating_sub(1))
        .min(rows.len().saturating_sub(height));
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "  {:<10} {:<11} {:<10} {:>4} {:>4} {:>4} {:>4}  {}",
            "date", "set", "mode", "emp", "cred", "burn", "own", "pattern"
        ),
        t.accent,
    ))];
    for (i, r) in rows.iter().enumerate().skip(first).take(height) {
        let style = if i == cursor { t.selected } else { t.text };
        let cells = r.score_cells();
        let text = format!(
            "{}{:<10} {:<11} {:<10} {:>4} {:>4} {:>4} {:>4}  {}",
            if i == cursor { "▶ " } else { "  " },
            r.date,
            truncate(&sanitize(&r.set), 11),
            r.mode,
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            sanitize(r.pattern.as_deref().unwrap_or("–"))
        );
        lines.push(Line::from(Span::styled(text, style)));
    }
    para(lines).render(table, buf);

    let block = boxed(
        &format!(
            "Trend over {} sessions (oldest → newest; gaps are unscored)",
            rows.len()
        ),
        t.dim,
    );
    let inner = block.inner(trends);
    block.render(trends, buf);
    for (i, dim) in Dimension::ALL.into_iter().enumerate() {
        let row = Rect {
            y: inner.y + i as u16,
            height: 1,
            ..inner
        };
        if row.y >= inner.bottom() {
            break;
        }
        let [label, spark, last] = Layout::horizontal([
            Constraint::Length(16),
            Constraint::Min(4),
            Constraint::Length(12),
        ])
        .areas(row);
        Line::from(dim.title()).render(label, buf);
        let width = spark.width as usize;
        let data: Vec<Option<u64>> = rows
            .iter()
            .rev()
            .take(width)
            .rev()
            .map(|r| r.scores[dim.index()].map(u64::from))
            .collect();
        Sparkline::default()
            .data(&data)
            .max(100)
            .absent_value_symbol("·")
            .style(if dim.is_risk() { t.bar_risk } else { t.bar })
            .render(spark, buf);
        let latest = rows.iter().rev().find_map(|r| r.scores[dim.index()]);
        Line::from(latest.map_or(" latest –".to_string(), |v| format!(" latest {v:>3}")))
            .render(last, buf);
    }

    let text = match app.follow_through {
        Some((rate, counted)) => format!(
            "Follow-through on commitments: {:.0}% over {counted} check-ins (done 1, partly ½).",
            rate * 100.0,
        ),
        None => "Follow-through on commitments: no check-ins yet.".to_string(),
    };
    Line::from(Span::styled(text, t.accent)).render(follow, buf);
}
