//! Results: the four dimensions by side of the debate, the pattern, flags,
//! "since last time", and how each score was computed (`m`).

use super::common::{bar, columns, hang};
use crate::evidence::beside::beside;
use crate::evidence::report::Json as EvidenceJson;
use crate::model::Assessment;
use crate::model::dimension::{Dimension, Side};
use crate::model::flags::RaisedFlag;
use crate::model::plan::Plan;
use crate::model::raters::Attached;
use crate::model::scoring::{TALKING_POINT_GAP, TalkingPoint};
use crate::model::time::Zone;
use crate::report::{
    computation_lines, instrument_lines, method_summary, no_score_reason, perspectives,
    scale_computation_lines, scale_detail, scale_summary, score_band, unmeasured,
};
use crate::tui::app::{Active, App, Screen};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// The session whose results show, the scroll position and whether the
/// method is open: the active session, or one opened from history.
fn showing(app: &App) -> Option<(&Active, u16, bool)> {
    match &app.screen {
        Screen::Results { scroll, method } => Some((app.active.as_ref()?, *scroll, *method)),
        Screen::Past { scroll, method, .. } => Some((app.viewing.as_ref()?, *scroll, *method)),
        _ => None,
    }
}

/// The results as lines wrapped at `width`, hanging indents kept.
fn content(
    app: &App,
    active: &Active,
    method: bool,
    side_by_side: bool,
    width: u16,
) -> Vec<Line<'static>> {
    let Some(a) = &active.assessment else {
        return Vec::new();
    };
    let read_only = matches!(app.screen, Screen::Past { .. });
    let lines = if method {
        method_lines(&app.theme, a, &active.session.answers)
    } else {
        let mut lines = summary_lines(&app.theme, active, a);
        lines.extend(perspective_lines(
            &app.theme,
            a,
            active.session.others.as_ref(),
            app.attach_problems_for(&active.session.id),
            app.zone,
        ));
        if let Some(plan) = &a.plan {
            lines.extend(plan_lines(&app.theme, plan));
        }
        lines.push(Line::from(""));
        if active.set_changed {
            lines.push(Line::from(Span::styled(
                "The question set has changed since this session: these are the results it showed then.",
                app.theme.warn,
            )));
        }
        lines.push(Line::from(Span::styled(
            match (read_only, side_by_side) {
                (true, true) => "Read-only: a past session. Esc goes back to history.",
                (true, false) => {
                    "Read-only: a past session. Press m to see how each score was computed, Esc to go back."
                }
                (false, true) => "Enter for suggestions; how each score was computed is on the right.",
                (false, false) => {
                    "Press m to see how each score was computed, Enter for suggestions."
                }
            },
            app.theme.dim,
        )));
        lines
    };
    hang(lines, width)
}

/// What shows in `area`: one column (the results, or the method when `m`
/// is on), or on a wide terminal the results and the method side by side.
fn panes(app: &App, active: &Active, method: bool, area: Rect) -> Vec<(Rect, Vec<Line<'static>>)> {
    match columns(area) {
        (left, Some(right)) => vec![
            (left, content(app, active, false, true, left.width)),
            (right, content(app, active, true, true, right.width)),
        ],
        (one, None) => vec![(one, content(app, active, method, false, one.width))],
    }
}

/// How far the results can scroll in `area`.
pub fn scroll_limit(app: &App, area: Rect) -> u16 {
    let Some((active, _, method)) = showing(app) else {
        return 0;
    };
    let rows = panes(app, active, method, area)
        .iter()
        .map(|(_, lines)| lines.len() as u16)
        .max()
        .unwrap_or(0);
    if rows <= area.height {
        0
    } else {
        // One row is kept for the "more" line.
        rows - area.height.saturating_sub(1)
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some((active, scroll, method)) = showing(app) else {
        return;
    };
    let panes = panes(app, active, method, area);
    let rows = panes
        .iter()
        .map(|(_, lines)| lines.len() as u16)
        .max()
        .unwrap_or(0);
    if rows <= area.height {
        for (rect, lines) in panes {
            Paragraph::new(lines).render(rect, buf);
        }
        return;
    }
    // Too long to fit: the last row says where you are, and covers nothing.
    let text_height = area.height.saturating_sub(1);
    let max_scroll = rows - text_height;
    let offset = scroll.min(max_scroll);
    for (rect, lines) in panes {
        let rect = Rect {
            height: text_height,
            ..rect
        };
        Paragraph::new(lines).scroll((offset, 0)).render(rect, buf);
    }
    let more = Rect {
        y: area.y + text_height,
        height: 1,
        ..area
    };
    let hint = if offset < max_scroll {
        format!(
            "↓ {} more line{} below (↓ / PgDn)",
            max_scroll - offset,
            if max_scroll - offset == 1 { "" } else { "s" }
        )
    } else {
        "↑ end of the results (↑ / PgUp to go back up)".to_string()
    };
    Line::from(Span::styled(hint, app.theme.accent))
        .right_aligned()
        .render(more, buf);
}

/// One dimension's row: name, bar, number, reading, change.
pub fn dimension_line(
    t: &Theme,
    a: &Assessment,
    dim: Dimension,
    previous: Option<&Assessment>,
) -> Line<'static> {
    let s = a.scores.get(dim);
    let style = if dim.is_risk() { t.bar_risk } else { t.bar };
    let number = s.score.map_or("  –".to_string(), |v| format!("{v:>3}"));
    let reading = match s.score {
        Some(_) => score_band(dim, s.score).to_string(),
        None => no_score_reason(s),
    };
    let (delta, delta_style) = match (s.score, previous.and_then(|p| p.scores.value(dim))) {
        (Some(now), Some(before)) => change(dim, i16::from(now) - i16::from(before), t),
        _ => (String::new(), t.text),
    };
    Line::from(vec![
        Span::raw(format!("  {:<15}", dim.title())),
        Span::styled(bar(s.score, 20), style),
        Span::styled(format!(" {number} "), t.title),
        Span::raw(format!("{reading:<10}")),
        Span::styled(delta, delta_style),
    ])
}

/// A change since last time in words: for the risks, going down is better.
fn change(dim: Dimension, d: i16, t: &Theme) -> (String, ratatui::style::Style) {
    let better = if dim.is_risk() { d < 0 } else { d > 0 };
    match d {
        0 => ("  = same as last time".to_string(), t.text),
        _ if better => (format!("  {d:+} better"), t.good),
        _ => (format!("  {d:+} worse"), t.risk),
    }
}

fn summary_lines(t: &Theme, active: &Active, a: &Assessment) -> Vec<Line<'static>> {
    let previous = active.previous_assessment.as_ref();
    let other = active.other_assessment.as_ref();
    let mut lines = Vec::new();
    for side in [Side::ProCoding, Side::AgainstCoding] {
        // A dimension the set does not measure is left out, not shown empty.
        let measured: Vec<Dimension> = Dimension::ALL
            .into_iter()
            .filter(|d| d.side() == side && a.scores.get(*d).measured)
            .collect();
        if measured.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(side.title(), t.accent)));
        for dim in measured {
            lines.push(dimension_line(t, a, dim, previous));
            if let Some(o) = other {
                lines.push(other_line(t, a, o, dim));
            }
        }
    }
    if let Some(names) = unmeasured(a) {
        lines.push(Line::from(Span::styled(
            format!("  Not measured by this set: {names}."),
            t.dim,
        )));
    }
    if a.scores.get(Dimension::Burnout).measured {
        lines.push(Line::from(Span::styled(
            format!("  {}", a.sources.burnout_short.clone()),
            t.dim,
        )));
    }
    match active.previous.as_ref().map(|p| p.started.date()) {
        Some(date) => lines.push(Line::from(Span::styled(
            format!(
                "  Changes are since your last {} session on {date}.",
                a.set.id
            ),
            t.dim,
        ))),
        None => lines.push(Line::from(Span::styled(
            "  First session of this set: next time you will see the change.",
            t.dim,
        ))),
    }
    if !a.scales.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Scales", t.accent)));
        // As wide as the longest label, up to 30 columns: the bar and a
        // value like "2.00 (1 to 4)" still fit in 80.
        let width = a
            .scales
            .iter()
            .map(|sc| sc.label.chars().count())
            .max()
            .unwrap_or(0)
            .clamp(14, 30);
        for sc in &a.scales {
            lines.push(Line::from(vec![
                Span::raw(format!("  {:<w$} ", truncate(&sc.label, width), w = width)),
                Span::styled(bar(sc.percent, 20), t.bar),
                Span::styled(
                    format!(" {}", sc.score.map_or("  –".to_string(), |_| sc.shown())),
                    t.title,
                ),
            ]));
            lines.push(Line::from(Span::styled(
                format!("    {}", scale_detail(sc)),
                t.dim,
            )));
        }
    }
    if let Some(why) = &a.no_pattern {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(why.clone(), t.dim)));
    }
    if let Some((_, text)) = &a.pattern {
        lines.push(Line::from(""));
        lines.push(Line::from(vec![
            Span::styled("Pattern: ", t.accent),
            Span::styled(text.title.clone(), t.title),
        ]));
        if let Some(h) = &a.headline {
            lines.push(Line::from(Span::styled(h.clone(), t.accent)));
        }
        lines.push(Line::from(text.summary.clone()));
    }
    if !a.flags.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("Flags ({})", a.flags.len()),
            t.accent,
        )));
        lines.extend(flag_lines(
            t,
            &a.flags[..a.flags.len().min(FLAGS_ON_SCREEN)],
        ));
        let more = a.flags.len().saturating_sub(FLAGS_ON_SCREEN);
        if more > 0 {
            lines.push(Line::from(Span::styled(
                format!("  {more} more: press m to see them, with how each score was computed."),
                t.accent,
            )));
        }
    }
    if other.is_some() {
        lines.extend(talking_point_lines(t, &active.talking_points));
    }
    if let Some(e) = &active.session.evidence {
        lines.extend(evidence_lines(t, active, e));
    }
    lines
}

/// Raters' answers attached to the session: per perspective the count and,
/// only at or over its minimum, the scores, gaps and findings with their
/// questions, in the words of every report; then the files not used.
fn perspective_lines(
    t: &Theme,
    own: &Assessment,
    others: Option<&Attached>,
    problems: &[String],
    zone: Zone,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some(o) = others {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!(
                "Other perspectives: {}, attached {}",
                if o.files == 1 {
                    "1 rater's file".to_string()
                } else {
                    format!("{} raters' files", o.files)
                },
                o.attached.display_in(zone)
            ),
            t.accent,
        )));
        if compared_with_other_scores(own, o) {
            lines.push(Line::from(Span::styled(
                "  Your answers have changed since these were attached, so the gaps below are against your earlier scores: press a to attach the raters' files again.",
                t.warn,
            )));
        }
        for g in &o.groups {
            lines.push(Line::from(Span::styled(
                format!("  {}", perspectives::heading(g)),
                t.title,
            )));
            let Some(fig) = &g.figures else {
                lines.push(Line::from(format!("    {}", perspectives::withheld(g))));
                continue;
            };
            for dim in Dimension::ALL {
                let score = fig.scores.get(&dim).copied().flatten();
                let gap = fig.gaps.get(&dim).copied().flatten();
                lines.push(Line::from(vec![
                    Span::raw(format!("    {:<16} ", dim.title())),
                    Span::raw(format!(
                        "{:>4}",
                        score.map_or("-".into(), |s| s.to_string())
                    )),
                    Span::styled("   you minus them: ", t.dim),
                    Span::raw(gap.map_or("-".into(), perspectives::signed)),
                ]));
            }
            if let Some(note) = perspectives::unscored(g, fig) {
                lines.push(Line::from(Span::styled(format!("    {note}"), t.dim)));
            }
            for f in &fig.findings {
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("    ◆ {} ({}): ", f.kind.title(), f.dimension.title()),
                        t.warn,
                    ),
                    Span::raw(format!("{}: you {}, them {}.", f.summary, f.own, f.group)),
                ]));
                for q in perspectives::question_lines(f) {
                    lines.push(Line::from(format!("      - {q}")));
                }
            }
            if !fig.comments.is_empty() {
                lines.push(Line::from(Span::styled(
                    "    Comments (not attributed, in no particular order):",
                    t.dim,
                )));
                for c in &fig.comments {
                    lines.push(Line::from(format!("      - {c}")));
                }
            }
        }
    }
    if !problems.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            "Raters' files not used (fix them and press a again):",
            t.warn,
        )));
        for p in problems {
            lines.push(Line::from(format!("  - {p}")));
        }
    }
    lines
}

/// Whether the gaps of `o` were worked out against other scores than `own`
/// (the answers changed after the raters' answers were attached).
fn compared_with_other_scores(own: &Assessment, o: &Attached) -> bool {
    o.groups
        .iter()
        .filter_map(|g| g.figures.as_ref())
        .any(|fig| {
            Dimension::ALL.into_iter().any(|dim| {
                let then = fig
                    .scores
                    .get(&dim)
                    .copied()
                    .flatten()
                    .zip(fig.gaps.get(&dim).copied().flatten())
                    .map(|(group, gap)| i16::from(group) + gap);
                let now = own.scores.value(dim).map(i16::from);
                then.is_some() && then != now
            })
        })
}

/// Each evidence figure beside the answer it speaks to; a large difference
/// is a question to talk about, and the answers stay as given.
fn evidence_lines(t: &Theme, active: &Active, e: &EvidenceJson) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(""),
        Line::from(Span::styled(
            format!(
                "What your calendar and commits show, {} to {}",
                e.since, e.until
            ),
            t.accent,
        )),
    ];
    for b in beside(&active.set, &active.session, e) {
        lines.push(Line::from(Span::styled(format!("  {}", b.topic), t.title)));
        lines.push(Line::from(vec![
            Span::styled("    you said  ", t.dim),
            Span::raw(b.answered),
        ]));
        lines.push(Line::from(vec![
            Span::styled("    record    ", t.dim),
            Span::raw(b.measured),
        ]));
        if let Some(talk) = b.talk {
            lines.push(Line::from(vec![
                Span::styled("    Talk about: ", t.warn),
                Span::raw(talk),
            ]));
        }
    }
    lines
}

/// At most this many flags show on the results summary; the rest are one
/// key away (`m`) and in every export.
pub const FLAGS_ON_SCREEN: usize = 6;

fn flag_lines(t: &Theme, flags: &[RaisedFlag]) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for f in flags {
        lines.push(Line::from(vec![
            Span::styled("! ", t.warn),
            Span::raw(f.message.clone()),
        ]));
        lines.push(Line::from(Span::styled(
            format!("    raised by: {}", String::from(&f.raised_by.join(", "))),
            t.dim,
        )));
    }
    lines
}

fn method_lines(
    t: &Theme,
    a: &Assessment,
    answers: &std::collections::BTreeMap<String, crate::model::Answer>,
) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(Span::styled("How the scores were computed", t.accent)),
        Line::from(method_summary(&a.set)),
        Line::from(""),
    ];
    for dim in Dimension::ALL
        .into_iter()
        .filter(|d| a.scores.get(*d).measured)
    {
        let s = a.scores.get(dim);
        let score = s.score.map_or("no score".to_string(), |v| v.to_string());
        lines.push(Line::from(Span::styled(
            format!(
                "{}: {score} from {} of {} items",
                dim.title(),
                s.answered,
                s.items
            ),
            t.title,
        )));
        for line in computation_lines(a, dim, answers) {
            lines.push(Line::from(format!("  {}", line.clone())));
        }
    }
    for sc in &a.scales {
        lines.push(Line::from(Span::styled(scale_summary(sc), t.title)));
        for line in scale_computation_lines(&a.set, sc, answers) {
            lines.push(Line::from(format!("  {line}")));
        }
    }
    if a.scores.get(Dimension::Burnout).measured {
        lines.push(Line::from(a.sources.burnout_note.clone()));
    }
    let instrument = instrument_lines(&a.set);
    if !instrument.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("The instrument", t.accent)));
        for line in instrument {
            lines.push(Line::from(format!("  {line}")));
        }
    }
    if !a.not_asked.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Not asked", t.accent)));
        for n in &a.not_asked {
            lines.push(Line::from(format!(
                "  {} (not asked: {})",
                n.prompt.clone(),
                n.reason
            )));
        }
    }
    if a.flags.len() > FLAGS_ON_SCREEN {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("More flags", t.accent)));
        lines.extend(flag_lines(t, &a.flags[FLAGS_ON_SCREEN..]));
    }
    if !a.sources.list.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Sources", t.accent)));
        for line in a.sources.lines() {
            lines.push(Line::from(format!("  {}", line.clone())));
        }
    }
    lines
}

/// The second rater's row under a dimension: their bar, score and the gap.
fn other_line(t: &Theme, a: &Assessment, o: &Assessment, dim: Dimension) -> Line<'static> {
    let theirs = o.scores.value(dim);
    let gap = a
        .scores
        .value(dim)
        .zip(theirs)
        .map(|(x, y)| i16::from(x) - i16::from(y));
    let number = theirs.map_or("  –".to_string(), |v| format!("{v:>3}"));
    let gap_text = match gap {
        Some(g) if g.abs() >= TALKING_POINT_GAP => format!("gap {g:+}  ◆ talking point"),
        Some(g) => format!("gap {g:+}"),
        None => "no gap: too few answers".to_string(),
    };
    Line::from(vec![
        Span::styled(format!("    {:<13}", "coach's view"), t.dim),
        Span::styled(bar(theirs, 20), t.dim),
        Span::styled(format!(" {number} "), t.text),
        Span::styled(gap_text, t.accent),
    ])
}

fn talking_point_lines(t: &Theme, points: &[TalkingPoint]) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(""),
        Line::from(Span::styled(
            format!("Talking points ({})", points.len()),
            t.accent,
        )),
    ];
    if points.is_empty() {
        lines.push(Line::from(format!(
            "You and your coach are within {TALKING_POINT_GAP} points on every dimension."
        )));
    }
    for p in points {
        lines.push(Line::from(vec![
            Span::styled("◆ ", t.warn),
            Span::styled(
                format!(
                    "{}: you {}, coach {} (gap {:+})",
                    p.dimension.title(),
                    p.own,
                    p.other,
                    p.gap
                ),
                t.title,
            ),
        ]));
        lines.push(Line::from(Span::styled(
            format!("    you: {}", p.own_items.join(", ")),
            t.dim,
        )));
        lines.push(Line::from(Span::styled(
            format!("    coach: {}", p.other_items.join(", ")),
            t.dim,
        )));
    }
    lines
}

fn plan_lines(t: &Theme, plan: &Plan) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(""),
        Line::from(Span::styled("Your first 90 days", t.accent)),
        Line::from(plan.intro.clone()),
    ];
    for w in &plan.weeks {
        lines.push(Line::from(Span::styled(w.theme.clone(), t.title)));
        lines.push(Line::from(format!(
            "  → {} ({})",
            w.practice.title.clone(),
            w.practice
                .cadence
                .short(w.practice.minutes_per_week, w.practice.later.as_deref())
        )));
    }
    lines.push(Line::from(Span::styled(
        "After the first month, watch for:",
        t.title,
    )));
    for line in &plan.watch_for {
        lines.push(Line::from(format!("  • {}", String::from(line))));
    }
    lines.push(Line::from(Span::styled("Team-size tripwires:", t.title)));
    for line in &plan.tripwires {
        lines.push(Line::from(format!("  • {}", String::from(line))));
    }
    lines
}

/// `text` cut to `width` characters, with an ellipsis when cut.
fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}
