//! The help overlay and the quit confirmation.

use super::common::{boxed, centred, dialog};
use crate::tui::app::App;
use crate::tui::keys::{FORCE_QUIT, GLOBAL, table};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

pub fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let row = |key: &str, what: &str| {
        Line::from(vec![
            Span::styled(format!("  {key:<12}"), t.key),
            Span::raw(what.to_string()),
        ])
    };
    let mut lines = vec![Line::from(Span::styled("On this screen", t.title))];
    let coaching = app.coaching();
    let global: Vec<&str> = GLOBAL.iter().map(|b| b.label).collect();
    for b in table(&app.screen, None)
        .iter()
        .filter(|b| (coaching || !b.coaching) && !global.contains(&b.label))
    {
        lines.push(row(&b.label_on(&app.screen), b.desc));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Everywhere", t.title)));
    for b in GLOBAL {
        lines.push(row(b.label, b.desc));
    }
    lines.push(row(
        FORCE_QUIT.0,
        if app.rating() {
            "quit at once, writing the answers given to your file"
        } else {
            FORCE_QUIT.1
        },
    ));
    lines.push(Line::from(""));
    lines.push(Line::from(match &app.autosave_error {
        // A rater's answers are never autosaved: they leave only in their file.
        None if app.rating() => Span::styled(
            "Your answers stay in this window until they are written to the file you send back; nothing else is kept.",
            t.dim,
        ),
        None => Span::styled(
            "Answers are saved as you go. Nothing leaves this machine.",
            t.dim,
        ),
        Some(_) => Span::styled(
            "Your latest answers are NOT saved: the last autosave failed (see below the title).",
            t.warn,
        ),
    }));
    // Rows as wrapped, so the last sentence is never cut off.
    let h = lines
        .iter()
        .map(|l| (l.width() as u16).div_ceil(70).max(1))
        .sum::<u16>()
        + 2;
    let rect = centred(area, 72, h);
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(boxed("Help", t.accent))
        .render(rect, buf);
}

pub fn render_confirm(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let mut lines = vec![Line::from(Span::styled("Quit now?", t.title))];
    match &app.autosave_error {
        None => {
            lines.push(Line::from("Your progress is saved. Next time, choose"));
            lines.push(Line::from("\"Resume\" (r) on the home screen to carry on."));
        }
        Some(error) => {
            lines.push(Line::from(Span::styled(error.as_str(), t.warn)));
            lines.push(Line::from("Quitting now loses those answers."));
        }
    }
    lines.push(Line::from(vec![
        Span::styled("y", t.key),
        Span::raw(" quit   "),
        Span::styled("n", t.key),
        Span::raw(" stay"),
    ]));
    dialog(lines, "Quit", t.warn, 56, area, buf);
}

/// "Read these files?": every configured evidence source, named, before
/// anything is read.
pub fn render_confirm_evidence(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let src = &app.config.evidence;
    let mut lines = vec![
        Line::from(Span::styled(
            "Attach evidence from the last 14 days?",
            t.title,
        )),
        Line::from("altitude will read, on this machine only:"),
    ];
    for repo in &src.repos {
        lines.push(Line::from(format!("  git  {}", repo.display())));
    }
    for cal in &src.calendars {
        lines.push(Line::from(format!("  ics  {}", cal.display())));
    }
    if !src.me.is_empty() {
        lines.push(Line::from(format!("  as   {}", src.me.join(", "))));
    }
    lines.push(Line::from(
        "Only figures are kept with the session: no titles, attendees or commit messages.",
    ));
    lines.push(Line::from(vec![
        Span::styled("y", t.key),
        Span::raw(" read them   "),
        Span::styled("n", t.key),
        Span::raw(" cancel"),
    ]));
    dialog(lines, "Evidence", t.accent, 72, area, buf);
}

/// `n` with an unfinished session: resume it, or discard it and start anew.
pub fn render_confirm_new(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let about = app.unfinished.as_ref().map_or_else(String::new, |u| {
        format!(
            "The {} session from {} has {} answer{}.",
            u.set.clone(),
            u.started.display_in(app.zone),
            u.answers.len(),
            if u.answers.len() == 1 { "" } else { "s" }
        )
    });
    let rect = centred(area, 64, 9);
    Clear.render(rect, buf);
    Paragraph::new(vec![
        Line::from(Span::styled("You have an unfinished session.", t.title)),
        Line::from(about),
        Line::from("Starting a new one discards it for good."),
        Line::from(""),
        Line::from(vec![
            Span::styled("r", t.key),
            Span::raw(" resume it   "),
            Span::styled("d", t.key),
            Span::raw(" discard it and start new   "),
            Span::styled("Esc", t.key),
            Span::raw(" cancel"),
        ]),
    ])
    .wrap(Wrap { trim: false })
    .block(boxed("New session", t.warn))
    .render(rect, buf);
}
