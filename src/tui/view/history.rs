//! History: a table of sessions, a trend per dimension, and follow-through
//! on commitments.

use super::common::{boxed, para, truncate};
use crate::model::dimension::Dimension;
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
    // The table takes what its rows need (up to half the screen); the trend
    // fills the rest, one to six rows per dimension.
    // Only the dimensions some session measured get a trend: a burnout-only
    // instrument's sessions leave the other three out, not empty.
    let dims: Vec<Dimension> = Dimension::ALL
        .into_iter()
        .filter(|d| rows.iter().any(|r| r.measured[d.index()]))
        .collect();
    let count = dims.len().max(1) as u16;
    let table_rows = (rows.len() as u16 + 1).clamp(5, (area.height / 2).max(5));
    let per_dim = (area.height.saturating_sub(table_rows + 5) / count).clamp(1, 6);
    let [table, trends, follow] = Layout::vertical([
        Constraint::Min(table_rows),
        Constraint::Length(count * per_dim + 3),
        Constraint::Length(1),
    ])
    .areas(area);

    let height = table.height.saturating_sub(1) as usize;
    let first = cursor
        .saturating_sub(height.saturating_sub(1))
        .min(rows.len().saturating_sub(height));
    let zone_name = app
        .history
        .sessions
        .last()
        .map(|s| s.started.clock_in(app.zone).1)
        .unwrap_or_default();
    let started = format!("started ({zone_name})");
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "  {started:<16} {:<11} {:<10} {:>4} {:>4} {:>4} {:>4}  {}",
            "set", "mode", "emp", "cred", "burn", "own", "pattern"
        ),
        t.accent,
    ))];
    let pattern_width = usize::from(table.width).saturating_sub(66).max(8);
    for (i, r) in rows.iter().enumerate().skip(first).take(height) {
        let style = if i == cursor { t.selected } else { t.text };
        let cells = r.score_cells();
        let when = app
            .history
            .sessions
            .get(i)
            .map_or_else(|| r.date.clone(), |s| s.started.clock_in(app.zone).0);
        let text = format!(
            "{}{:<16} {:<11} {:<10} {:>4} {:>4} {:>4} {:>4}  {}",
            if i == cursor { "▶ " } else { "  " },
            when,
            truncate(r.set.as_str(), 11),
            r.mode,
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            truncate(
                &String::from(r.pattern.as_deref().unwrap_or("–")),
                pattern_width
            )
        );
        lines.push(Line::from(Span::styled(text, style)));
    }
    para(lines).render(table, buf);

    let block = boxed(
        &format!(
            "Trend over {} (scores 0-100; gaps are unscored)",
            plural(rows.len(), "session")
        ),
        t.dim,
    );
    let inner = block.inner(trends);
    block.render(trends, buf);
    let [plots, axis] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let [_, axis_line, _] = Layout::horizontal([
        Constraint::Length(16),
        Constraint::Min(4),
        Constraint::Length(12),
    ])
    .areas(axis);
    for (i, &dim) in dims.iter().enumerate() {
        let row = Rect {
            y: plots.y + i as u16 * per_dim,
            height: per_dim,
            ..plots
        };
        if row.bottom() > plots.bottom() {
            break;
        }
        let [label, spark, last] = Layout::horizontal([
            Constraint::Length(16),
            Constraint::Min(4),
            Constraint::Length(12),
        ])
        .areas(row);
        Line::from(dim.title()).render(label, buf);
        let data = stretched(rows, dim, usize::from(spark.width));
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
    axis_labels(app, usize::from(axis_line.width)).render(axis_line, buf);

    let text = match app.follow_through {
        Some((rate, counted)) => format!(
            "Follow-through on commitments: {:.0}% over {} (done 1, partly ½).",
            rate * 100.0,
            plural(counted, "check-in"),
        ),
        None => "Follow-through on commitments: no check-ins yet.".to_string(),
    };
    Line::from(Span::styled(text, t.accent)).render(follow, buf);
}

/// `1 session`, `3 sessions`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The latest sessions' scores spread over `width` columns: each session gets
/// an equal share, so a short history still fills the box.
fn stretched(
    rows: &[crate::model::session::Summary],
    dim: Dimension,
    width: usize,
) -> Vec<Option<u64>> {
    let shown: Vec<Option<u64>> = rows
        .iter()
        .rev()
        .take(width.max(1))
        .rev()
        .map(|r| r.scores[dim.index()].map(u64::from))
        .collect();
    let each = (width / shown.len().max(1)).max(1);
    shown
        .iter()
        .flat_map(|v| std::iter::repeat_n(*v, each))
        .collect()
}

/// The time axis under the trend: the first and the last session's date.
fn axis_labels(app: &App, width: usize) -> Line<'static> {
    let sessions = &app.history.sessions;
    let shown = sessions.len().min(width.max(1));
    let first = sessions
        .get(sessions.len() - shown)
        .map(|s| s.started.date_in(app.zone))
        .unwrap_or_default();
    let last = sessions
        .last()
        .map(|s| s.started.date_in(app.zone))
        .unwrap_or_default();
    let each = (width / shown.max(1)).max(1);
    let used = each * shown;
    let left = format!("└ {first}");
    let right = format!("{last} ┘");
    let gap = used.saturating_sub(left.chars().count() + right.chars().count());
    if shown < 2 || gap < 2 {
        return Line::from(Span::styled(format!("└ {last}"), app.theme.dim));
    }
    Line::from(Span::styled(
        format!("{left}{}{right}", "─".repeat(gap)),
        app.theme.dim,
    ))
}
