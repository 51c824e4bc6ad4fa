//! Attaching raters' answers: the path prompt, and the question asked
//! before earlier ones are replaced.

use super::common::{boxed, centred, dialog};
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

/// `a` on results: where the raters' files are.
pub fn render_prompt(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Some(editor) = &app.path_prompt else {
        return;
    };
    let rect = centred(area, 72.min(area.width), 9);
    Clear.render(rect, buf);
    let block = boxed("Attach raters' answers", t.accent);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let [about, field, hint] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    Paragraph::new(vec![
        Line::from("The folder where raters' files are (from `altitude rate` or filled-in forms), or one file. They are read, never changed."),
        Line::from(Span::styled(
            minimums(app),
            t.dim,
        )),
    ])
    .wrap(Wrap { trim: false })
    .render(about, buf);
    editor.render(field, buf);
    Line::from(vec![
        Span::styled("Enter", t.key),
        Span::raw(" attach   "),
        Span::styled("Esc", t.key),
        Span::raw(" cancel"),
    ])
    .render(hint, buf);
}

/// When peers' and reports' answers show, from the config's minimums.
fn minimums(app: &App) -> String {
    use crate::model::perspective::Perspective;
    let (peer, report) = (
        app.config.raters.of(Perspective::Peer),
        app.config.raters.of(Perspective::Report),
    );
    if peer == report {
        format!("Peers and reports show only as groups of {peer} or more; fewer, their count only.")
    } else {
        format!(
            "Peers show only as a group of {peer} or more, reports of {report} or more; fewer, their count only."
        )
    }
}

/// The session has raters' answers already: replace them?
pub fn render_confirm_replace(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Some(pending) = &app.pending_raters else {
        return;
    };
    let groups = |a: &crate::model::raters::Attached| {
        a.groups
            .iter()
            .map(|g| format!("{} {}", g.perspective.id(), g.raters))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let earlier = match crate::tui::app::App::results_others(app) {
        Some(a) => format!(
            "This session already has raters' answers attached on {} ({}).",
            a.attached.display_in(app.zone),
            groups(a)
        ),
        None => "This session already has raters' answers attached.".to_string(),
    };
    let lines = vec![
        Line::from(Span::styled(earlier, t.title)),
        Line::from(format!(
            "Replace them with the ones just read ({})? The raters' files are not changed either way.",
            groups(&pending.attached)
        )),
        Line::from(""),
        Line::from(vec![
            Span::styled("y", t.key),
            Span::raw(" replace them   "),
            Span::styled("n", t.key),
            Span::raw(" keep the earlier ones"),
        ]),
    ];
    dialog(lines, "Replace?", t.warn, 68, area, buf);
}
