//! The profile, one field at a time.

use super::common::para;
use crate::tui::app::{App, ProfileField, Screen};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

const FIELDS: [(ProfileField, &str, &str); 4] = [
    (
        ProfileField::Reports,
        "How many direct reports do you have?",
        "Type a number (0 to 500) and press Enter.",
    ),
    (
        ProfileField::CodingShare,
        "What percent of your working time goes to writing production code?",
        "Type 0 to 100 and press Enter. A rough guess is fine.",
    ),
    (
        ProfileField::CriticalPath,
        "Do you own implementation work that the team's commitments depend on?",
        "y yes · n no. That is, would a deadline slip if you stopped?",
    ),
    (
        ProfileField::Stage,
        "What stage is your company at?",
        "1 early (finding its footing) · 2 growth (scaling up) · 3 scale",
    ),
];

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Screen::Profile {
        field,
        input,
        error,
    } = &app.screen
    else {
        return;
    };
    let known = app.known_profile();
    let current = FIELDS.iter().position(|(f, ..)| f == field).unwrap_or(0);
    let mut lines = vec![
        Line::from(""),
        Line::from(Span::styled(
            format!("About you ({} of 4)", current + 1),
            t.title,
        )),
        Line::from(Span::styled(
            "The Myth of the Coding Manager and the player/coach trap essay tie what works to team size, coding share, critical-path work and stage.",
            t.dim,
        )),
        Line::from(""),
    ];
    for (i, (f, question, help)) in FIELDS.iter().enumerate() {
        let value = match f {
            ProfileField::Reports => known.reports.map(|v| v.to_string()),
            ProfileField::CodingShare => known.coding_share.map(|v| format!("{v}%")),
            ProfileField::CriticalPath => known
                .critical_path
                .map(|v| if v { "yes" } else { "no" }.to_string()),
            ProfileField::Stage => known.stage.map(|v| v.to_string()),
        }
        .unwrap_or_default();
        if i == current {
            lines.push(Line::from(vec![
                Span::raw("▶ "),
                Span::styled(*question, t.accent),
            ]));
            let shown = match f {
                ProfileField::Reports | ProfileField::CodingShare => format!("{input}▏"),
                _ if value.is_empty() => "▏".into(),
                _ => format!("{value}  (Enter keeps it)"),
            };
            lines.push(Line::from(vec![
                Span::raw("    "),
                Span::styled(shown, t.selected),
            ]));
            lines.push(Line::from(Span::styled(format!("    {help}"), t.dim)));
            if !value.is_empty() && matches!(f, ProfileField::Reports | ProfileField::CodingShare) {
                lines.push(Line::from(Span::styled(
                    format!("    Pre-filled from last time ({value}). Enter keeps it."),
                    t.dim,
                )));
            }
            if let Some(e) = error {
                lines.push(Line::from(Span::styled(format!("    {e}"), t.warn)));
            }
        } else if i < current {
            lines.push(Line::from(vec![
                Span::raw("✓ "),
                Span::styled(format!("{question} "), t.dim),
                Span::raw(value),
            ]));
        } else {
            lines.push(Line::from(Span::styled(format!("  {question}"), t.dim)));
        }
        lines.push(Line::from(""));
    }
    para(lines).render(area, buf);
}
