//! One question: progress, the prompt, the scale, and "why this matters".

use super::common::{boxed, columns, marker, para, progress, wrapped_height};
use crate::model::answers::Answer;
use crate::model::{Item, Kind, Mode};
use crate::tui::app::{App, Screen};
use crate::tui::keys::LONG_SCALE;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let (
        Screen::Question {
            index,
            cursor,
            why,
            text,
            na,
            ..
        },
        Some(active),
    ) = (&app.screen, &app.active)
    else {
        return;
    };
    let set = active.current_set();
    let Some(item) = set.items.get(*index) else {
        return;
    };
    let total = set.items.len();
    // On a wide terminal, "why this matters" has its own column, always open.
    let (area, side) = columns(area);
    // Level with the question's box, under the progress bar.
    let side = side.filter(|_| item.why.is_some()).map(|s| Rect {
        y: s.y + 1,
        height: s.height.saturating_sub(1),
        ..s
    });
    // The set's instructions come before its first question.
    let instructions = set.instructions.as_deref().filter(|_| *index == 0);
    let (instructions_area, area) = match instructions {
        Some(text) => {
            let rows = (wrapped_height(text, area.width.saturating_sub(2)) + 2).min(8);
            let [top, rest] =
                Layout::vertical([Constraint::Length(rows), Constraint::Min(0)]).areas(area);
            (Some(top), rest)
        }
        None => (None, area),
    };
    if let (Some(text), Some(top)) = (instructions, instructions_area) {
        para(Line::from(String::from(text)))
            .block(boxed("Instructions", t.accent))
            .render(top, buf);
    }
    let prompt_lines = wrapped_height(item.prompt.as_str(), area.width.saturating_sub(2)) + 2;
    let show_why = *why && item.why.is_some() && side.is_none();
    let discuss = active.session.mode == Mode::Coaching && item.discuss.is_some();
    let earlier = active.current_answers().get(&item.id);
    let scale_rows = match item.kind {
        // The reflection box grows with what is typed, up to the room there is.
        Kind::Text => {
            let typed = app.reflection_text();
            let rows = wrapped_height(&typed, area.width.saturating_sub(3)) + 1;
            let room = area.height.saturating_sub(prompt_lines + 3);
            (rows + 3).clamp(5, room.max(5))
        }
        _ => item.scale_len() as u16 + u16::from(*na) + u16::from(earlier.is_some()),
    };
    let [progress_area, prompt, scale, extra] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(prompt_lines),
        Constraint::Length(scale_rows),
        Constraint::Min(0),
    ])
    .areas(area);

    let bar_width = usize::from(progress_area.width.saturating_sub(14));
    Line::from(vec![
        Span::styled(format!("{:>3} / {total:<3}  ", index + 1), t.accent),
        Span::styled(progress(*index, total, bar_width), t.bar),
    ])
    .render(progress_area, buf);

    let mut title = String::from("Question");
    if active.session.mode == Mode::Onboarding
        && let Some(d) = item.dimension
    {
        title = format!("Question · {}", d.title());
    }
    para(Line::from(Span::styled(item.prompt.as_str(), t.title)))
        .block(boxed(&title, t.accent))
        .render(prompt, buf);

    match (text, &app.reflection) {
        (true, Some(editor)) => {
            let [boxed_area, hint] =
                Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(scale);
            // A rater's free text reaches the manager as a comment.
            let title = if active.set.rater == crate::model::Rater::Other {
                "Your comment"
            } else {
                "Your reflection"
            };
            let block = boxed(title, t.accent);
            let inner = block.inner(boxed_area);
            block.render(boxed_area, buf);
            editor.render(inner, buf);
            Line::from(Span::styled(
                "Optional. Enter saves and goes on; the box grows and scrolls as you write.",
                t.dim,
            ))
            .render(hint, buf);
        }
        _ => render_scale(app, item, (*cursor, *na), earlier, scale, buf),
    }

    // Coaching puts the conversation first: the discussion prompt and the note.
    let mut lines = Vec::new();
    if discuss {
        lines.push(Line::from(vec![
            Span::styled("Talk about it: ", t.accent),
            Span::raw(String::from(item.discuss.as_deref().unwrap_or_default())),
        ]));
    }
    if let Some(note) = active.session.notes.get(&item.id) {
        lines.push(Line::from(vec![
            Span::styled("Note: ", t.accent),
            Span::raw(String::from(note)),
        ]));
    }
    if show_why {
        lines.push(Line::from(vec![
            Span::styled("Why this matters: ", t.accent),
            Span::raw(String::from(item.why.as_deref().unwrap_or_default())),
        ]));
    }
    if let Some(side) = side {
        para(Line::from(String::from(
            item.why.as_deref().unwrap_or_default(),
        )))
        .block(boxed("Why this matters: both sides", t.accent))
        .render(
            Rect {
                height: side.height.min(
                    wrapped_height(item.why.as_deref().unwrap_or_default(), side.width - 2) + 2,
                ),
                ..side
            },
            buf,
        );
    } else if !show_why && item.why.is_some() && lines.is_empty() {
        lines.push(Line::from(Span::styled(
            "Press w for why this matters, with both sides of the debate.",
            t.dim,
        )));
    }
    para(lines).render(extra, buf);
}

fn render_scale(
    app: &App,
    item: &Item,
    (cursor, na): (Option<u8>, bool),
    earlier: Option<&Answer>,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = &app.theme;
    let long = item.scale_len() >= LONG_SCALE;
    let mut lines = Vec::new();
    for v in 1..=item.scale_len() {
        let label = item.label(v).map(String::from).unwrap_or_default();
        let chosen = earlier == Some(&Answer::Value(v));
        lines.push(option_line(
            app,
            &v.to_string(),
            &label,
            cursor == Some(v),
            chosen,
        ));
    }
    if na {
        let na_chosen = earlier == Some(&Answer::NotApplicable);
        lines.push(option_line(
            app,
            if long { "x" } else { "0/x" },
            "Not applicable / don't know",
            cursor == Some(0),
            na_chosen,
        ));
    }
    if earlier.is_some() {
        lines.push(Line::from(Span::styled(
            "  ✓ marks your earlier answer; press another key to change it.",
            t.dim,
        )));
    }
    para(lines).render(area, buf);
}

fn option_line(
    app: &App,
    key: &str,
    label: &str,
    under_cursor: bool,
    chosen: bool,
) -> Line<'static> {
    let t = &app.theme;
    let style = if under_cursor { t.selected } else { t.text };
    Line::from(vec![
        Span::raw(marker(under_cursor)),
        Span::styled(format!("{key:>3}  {label}"), style),
        Span::styled(if chosen { "  ✓" } else { "" }, t.accent),
    ])
}

/// The note editor, drawn over the question.
pub fn render_note(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(editor) = &app.note else { return };
    let rect = super::common::centred(area, 70, 12);
    ratatui::widgets::Clear.render(rect, buf);
    let block = boxed(
        "Note on this question (Esc closes and keeps it)",
        app.theme.accent,
    );
    let inner = block.inner(rect);
    block.render(rect, buf);
    (&editor.area).render(inner, buf);
}

/// "Pass the keyboard to your coach."
pub fn render_handover(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Some(active) = &app.active else { return };
    let (scored, open) = active.other_set.as_ref().map_or((0, 0), |s| {
        let scored = s.scored_items().count();
        (scored, s.items.len() - scored)
    });
    let open = match open {
        0 => String::new(),
        1 => " and one open question".to_string(),
        n => format!(" and {n} open questions"),
    };
    para(vec![
        Line::from(""),
        Line::from(Span::styled("Your answers are in. Now pass the keyboard to your coach.", t.title)),
        Line::from(""),
        Line::from(format!(
            "Coach: you will rate the manager on {scored} questions{open}, from what comes up in your conversations with them. Skip (s) or mark n/a (0) what you cannot judge."
        )),
        Line::from(""),
        Line::from("The results then show both views side by side. A gap of 20 points or more is marked as a talking point, with the answers behind it."),
        Line::from(""),
        Line::from(vec![
            Span::styled("Enter", t.key),
            Span::raw(" coach starts rating   "),
            Span::styled("s", t.key),
            Span::raw(" skip to results   "),
            Span::styled("Esc", t.key),
            Span::raw(" back to the last question"),
        ]),
    ])
    .render(area, buf);
}
