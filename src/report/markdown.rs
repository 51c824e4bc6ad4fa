//! The Markdown report: reads well pasted into a document or an email to a
//! coach. Untrusted text is escaped so it cannot break the structure.

use super::plain::reflections;
use super::{
    computation_lines, instrument_lines, method_summary, no_score_reason, scale_computation_lines,
    scale_summary, score_band, score_label, unmeasured,
};
use crate::model::answers::Answer;
use crate::model::catalog::Library;
use crate::model::dimension::{Dimension, Side};
use crate::model::plan::Plan;
use crate::model::scoring::{TALKING_POINT_GAP, gaps, talking_points};
use crate::model::session::{Session, Summary};
use crate::model::{Assessment, QuestionSet};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escapes untrusted inline text (see `crate::output::markdown`).
pub fn escape(text: &str) -> String {
    crate::output::markdown(text)
}

/// Escapes multi-line untrusted text as a block quote.
pub fn quote(text: &str) -> String {
    text.lines()
        .map(|l| format!("> {}", escape(l)))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Renders the assessment as Markdown.
pub fn render(
    a: &Assessment,
    answers: &BTreeMap<String, Answer>,
    other: Option<&Assessment>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# altitude report: {}\n", escape(&a.set.title));
    let _ = writeln!(out, "Mode: {}\n", a.mode);
    write_body(&mut out, a, answers, other);
    write_method(&mut out, a, answers);
    write_sources(&mut out, a);
    out
}

/// Renders a saved session: the report plus its check-in, commitments,
/// notes and the trend of earlier sessions of the same set.
pub fn render_session(library: &Library, session: &Session, history: &[Summary]) -> String {
    let mut out = String::new();
    let (Some(set), Some(shown)) = (library.set(&session.set), session.as_recorded(library)) else {
        write_record_only(&mut out, session);
        return out;
    };
    let (a, other) = (shown.own, shown.other);
    let _ = writeln!(out, "# altitude report: {}\n", escape(&set.title));
    let finished = session
        .finished
        .map_or("unfinished".to_string(), |t| t.display());
    let _ = writeln!(
        out,
        "Session {} · started {} · finished {} · {} mode\n",
        escape(&session.id),
        session.started.display(),
        finished,
        session.mode
    );
    if !session.checkins.is_empty() {
        let _ = writeln!(out, "## Check-in on last time's commitments\n");
        for c in &session.checkins {
            let note = c
                .note
                .as_deref()
                .filter(|n| !n.trim().is_empty())
                .map(|n| format!(" ({})", escape(n)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- {}: **{}**{note}",
                escape(&c.title),
                c.status.label()
            );
        }
        out.push('\n');
    }
    if !shown.set_unchanged {
        let _ = writeln!(
            out,
            "*The question set \"{}\" has changed since this session. The scores, pattern, flags and suggestions below are as the session recorded them; the per-answer method is left out.*\n",
            escape(&set.title)
        );
    }
    let coaching = session.mode == crate::model::Mode::Coaching;
    if coaching {
        let _ = writeln!(
            out,
            "*A debrief of a coaching conversation: the picture from both sides, the gaps worth talking about with the questions behind them, the notes, and what happens next. Both of you can keep a copy.*\n"
        );
    }
    write_body(&mut out, &a, &session.answers, other.as_ref());
    write_evidence(&mut out, set, session);
    write_others(&mut out, session);
    let _ = writeln!(out, "## Commitments until next time\n");
    if session.commitments.is_empty() {
        let _ = writeln!(out, "None picked this time.\n");
    } else {
        for c in &session.commitments {
            let due = c
                .due
                .map(|d| format!(" · check in by {}", d.date()))
                .unwrap_or_default();
            let _ = writeln!(out, "- [ ] {} · owner: the manager{due}", escape(&c.title));
        }
        out.push('\n');
    }
    write_notes(&mut out, set, session);
    if coaching {
        write_next_steps(&mut out, session);
    }
    write_trend(&mut out, session, history);
    write_method(&mut out, &a, &session.answers);
    write_sources(&mut out, &a);
    out
}

/// What happens after a coaching conversation: the check-in and two re-runs.
fn write_next_steps(out: &mut String, session: &Session) {
    let from = session.finished.unwrap_or(session.started);
    let day = |days: u64| from.plus_days(days).date();
    let _ = writeln!(
        out,
        "## Next steps
"
    );
    let _ = writeln!(
        out,
        "- Around {}: re-run the monthly check-in (`altitude start --set quick`); it opens by asking how each commitment went.",
        day(30)
    );
    let _ = writeln!(
        out,
        "- Around {}: run it again and compare the trend with your coach.",
        day(60)
    );
    let _ = writeln!(
        out,
        "- `altitude remind {}` writes the first check-in to a calendar file, so it does not depend on memory.\n",
        escape(&session.id)
    );
}

/// A session whose question set is gone: what its record still says.
/// The raters' answers attached to the session, as the groups were shown.
fn write_others(out: &mut String, session: &Session) {
    let Some(o) = &session.others else { return };
    out.push_str(&super::perspectives::markdown(&o.groups));
    let _ = writeln!(
        out,
        "*From {} raters' files, attached {}. Groups under their minimum show their count only.*\n",
        o.files,
        o.attached.display()
    );
}

fn write_record_only(out: &mut String, session: &Session) {
    let _ = writeln!(out, "# altitude report\n");
    let Some(record) = &session.record else {
        let _ = writeln!(
            out,
            "The question set \"{}\" is no longer available, and this session was saved before altitude kept results with sessions, so it cannot be shown.",
            escape(&session.set)
        );
        return;
    };
    let _ = writeln!(
        out,
        "Session {} · {} · started {}\n\n*The question set \"{}\" is no longer available; this is what the session recorded.*\n",
        escape(&session.id),
        escape(&record.set_title),
        session.started.display(),
        escape(&session.set)
    );
    let _ = writeln!(out, "## Scores\n");
    // A dimension with no items was not measured by the set.
    for dim in Dimension::ALL
        .into_iter()
        .filter(|d| record.scores.get(d).is_none_or(|s| s.items > 0))
    {
        let shown = record
            .value(dim)
            .map_or("not enough answers".to_string(), |v| v.to_string());
        let _ = writeln!(out, "- {}: {shown}", dim.title());
    }
    for sc in &record.scales {
        let _ = writeln!(out, "- {}", escape(&scale_summary(sc)));
    }
    if let Some(p) = &record.pattern {
        let _ = writeln!(
            out,
            "\n## Pattern: {}\n\n{}",
            escape(&p.title),
            escape(&p.summary)
        );
    }
    if !record.flags.is_empty() {
        let _ = writeln!(out, "\n## Flags\n");
        for f in &record.flags {
            let _ = writeln!(out, "- {}", escape(&f.message));
        }
    }
    if !record.suggestions.is_empty() {
        let _ = writeln!(out, "\n## Suggestions\n");
        for s in &record.suggestions {
            let _ = writeln!(out, "- **{}**: {}", escape(&s.title), escape(&s.why));
        }
    }
    out.push('\n');
    write_others(out, session);
}

fn write_sources(out: &mut String, a: &Assessment) {
    if a.sources.list.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## Sources\n");
    let _ = writeln!(
        out,
        "The questions and suggestions paraphrase these essays; claims in this report name the one they come from.\n"
    );
    for line in a.sources.lines() {
        let _ = writeln!(out, "- {}", escape(&line));
    }
}

fn write_notes(out: &mut String, set: &crate::model::QuestionSet, session: &Session) {
    if session.notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Notes\n");
    for item in &set.items {
        if let Some(note) = session.notes.get(&item.id) {
            let _ = writeln!(out, "**{}**\n\n{}", escape(&item.prompt), quote(note));
        }
    }
}

fn write_trend(out: &mut String, session: &Session, history: &[Summary]) {
    let earlier: Vec<&Summary> = history
        .iter()
        .filter(|s| s.set == session.set && s.id.as_str() <= session.id.as_str())
        .collect();
    if earlier.len() < 2 {
        return;
    }
    let _ = writeln!(out, "## Trend ({} sessions of this set)\n", earlier.len());
    let _ = writeln!(
        out,
        "| Date | Empathy | Credibility | Burnout risk | Ownership risk | Pattern |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for s in earlier {
        let cells = s.score_cells();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            s.date,
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            escape(s.pattern.as_deref().unwrap_or("-"))
        );
    }
    out.push('\n');
}

fn write_body(
    out: &mut String,
    a: &Assessment,
    answers: &BTreeMap<String, Answer>,
    other: Option<&Assessment>,
) {
    if let Some(p) = &a.profile {
        let _ = writeln!(out, "## Profile\n");
        let _ = writeln!(out, "- Direct reports: {}", p.reports);
        let _ = writeln!(
            out,
            "- Time spent writing production code: {}%",
            p.coding_share
        );
        let _ = writeln!(
            out,
            "- Owns critical-path implementation work: {}",
            if p.critical_path { "yes" } else { "no" }
        );
        let _ = writeln!(out, "- Company stage: {}\n", p.stage);
    }
    write_scores(out, a, other);
    if !a.scales.is_empty() {
        let _ = writeln!(out, "## Scales\n");
        for sc in &a.scales {
            let _ = writeln!(out, "- {}", escape(&scale_summary(sc)));
        }
        out.push('\n');
    }
    if let Some(why) = &a.no_pattern {
        let _ = writeln!(out, "{}\n", escape(why));
    }
    if let Some((_, text)) = &a.pattern {
        let _ = writeln!(
            out,
            "## Pattern: {}\n\n**{}**\n\n{}\n",
            escape(&text.title),
            escape(a.headline.as_deref().unwrap_or("")),
            escape(&text.summary)
        );
    }
    if !a.flags.is_empty() {
        let _ = writeln!(out, "## Flags\n");
        for f in &a.flags {
            let _ = writeln!(
                out,
                "- **{}** Raised by: {}.",
                escape(&f.message),
                escape(&f.raised_by.join(", "))
            );
        }
        out.push('\n');
    }
    if let Some(o) = other {
        write_talking_points(out, a, o);
    }
    if !a.suggestions.is_empty() {
        let _ = writeln!(out, "## Suggestions\n");
        for (i, s) in a.suggestions.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **{}** ({}{})  \n   {}  \n   *Why for you:* {}",
                i + 1,
                escape(&s.title),
                s.cadence.long(s.minutes_per_week, s.later.as_deref()),
                if s.implementation {
                    "; hands-on, keep it off the critical path"
                } else {
                    ""
                },
                escape(&s.summary),
                escape(&s.why)
            );
            for step in &s.steps {
                let _ = writeln!(out, "   - {}", escape(step));
            }
        }
        out.push('\n');
    }
    if let Some(plan) = &a.plan {
        write_plan(out, plan);
    }
    let reflections = reflections(a, answers);
    if !reflections.is_empty() {
        let _ = writeln!(out, "## Reflections\n");
        for (prompt, text) in reflections {
            let _ = writeln!(out, "**{}**\n\n{}", escape(&prompt), quote(&text));
        }
    }
}

fn write_scores(out: &mut String, a: &Assessment, other: Option<&Assessment>) {
    let gap = other.map(|o| gaps(&a.scores, &o.scores));
    let _ = writeln!(out, "## Scores\n");
    if other.is_some() {
        let _ = writeln!(
            out,
            "| Group | Dimension | Self | Other | Gap | What a high score means |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|---|");
    } else {
        let _ = writeln!(
            out,
            "| Group | Dimension | Score | Reading | What a high score means |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|");
    }
    for side in [Side::ProCoding, Side::AgainstCoding] {
        for dim in Dimension::ALL
            .into_iter()
            .filter(|d| d.side() == side && a.scores.get(*d).measured)
        {
            let s = a.scores.get(dim);
            match (other, &gap) {
                (Some(o), Some(g)) => {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | {} | {} | {} |",
                        side.group(),
                        dim.title(),
                        score_label(s),
                        score_label(o.scores.get(dim)),
                        g.get(&dim).map_or("-".to_string(), |v| format!("{v:+}")),
                        dim.meaning()
                    );
                }
                _ => {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | {} | {} |",
                        side.group(),
                        dim.title(),
                        score_label(s),
                        match s.score {
                            Some(_) => score_band(dim, s.score).to_string(),
                            None => no_score_reason(s),
                        },
                        dim.meaning()
                    );
                }
            }
        }
    }
    out.push('\n');
    if let Some(names) = unmeasured(a) {
        let _ = writeln!(out, "Not measured by this set: {names}.\n");
    }
}

fn write_method(out: &mut String, a: &Assessment, answers: &BTreeMap<String, Answer>) {
    let _ = writeln!(out, "## How the scores were computed\n");
    let _ = writeln!(out, "{}\n", method_summary(&a.set));
    if a.scores.get(Dimension::Burnout).measured {
        let _ = writeln!(out, "{}\n", escape(&a.sources.burnout_note));
    }
    if !a.not_asked.is_empty() {
        let _ = writeln!(out, "Not asked, and not scored:\n");
        for n in &a.not_asked {
            let _ = writeln!(out, "- {} (not asked: {})", escape(&n.prompt), n.reason);
        }
        out.push('\n');
    }
    for dim in Dimension::ALL
        .into_iter()
        .filter(|d| a.scores.get(*d).measured)
    {
        let s = a.scores.get(dim);
        let _ = writeln!(out, "- **{}**: {}", dim.title(), score_label(s));
        for line in computation_lines(a, dim, answers) {
            let _ = writeln!(out, "  - {}", escape(&line));
        }
    }
    for sc in &a.scales {
        let _ = writeln!(out, "- **{}**: {}", escape(&sc.label), sc.shown());
        for line in scale_computation_lines(&a.set, sc, answers) {
            let _ = writeln!(out, "  - {}", escape(&line));
        }
    }
    let instrument = instrument_lines(&a.set);
    if !instrument.is_empty() {
        let _ = writeln!(out, "\n### The instrument\n");
        for line in instrument {
            let _ = writeln!(out, "- {}", escape(&line));
        }
    }
}

fn write_talking_points(out: &mut String, a: &Assessment, o: &Assessment) {
    let mut points = talking_points(&a.set, &a.scores, &o.set, &o.scores);
    // The largest gaps first: a conversation starts with the top three.
    points.sort_by_key(|p| std::cmp::Reverse(p.gap.unsigned_abs()));
    let _ = writeln!(out, "## Talking points\n");
    if points.is_empty() {
        let _ = writeln!(
            out,
            "No dimension differs by {TALKING_POINT_GAP} points or more between self and other.\n"
        );
        return;
    }
    let _ = writeln!(
        out,
        "Where self and other differ by {TALKING_POINT_GAP} points or more: the gap is the conversation. Largest first; start with the top three.\n"
    );
    for p in points {
        let _ = writeln!(
            out,
            "- **{}**: self {}, other {} (gap {:+})",
            p.dimension.title(),
            p.own,
            p.other,
            p.gap
        );
        for item in &p.own_items {
            let _ = writeln!(out, "  - Self: {}", escape(item));
        }
        for item in &p.other_items {
            let _ = writeln!(out, "  - Other: {}", escape(item));
        }
    }
    out.push('\n');
}

fn write_plan(out: &mut String, plan: &Plan) {
    let _ = writeln!(out, "## Your first 90 days\n\n{}\n", escape(&plan.intro));
    for w in &plan.weeks {
        let _ = writeln!(out, "### {}\n", escape(&w.theme));
        let _ = writeln!(
            out,
            "**{}** ({}). {}\n",
            escape(&w.practice.title),
            w.practice
                .cadence
                .long(w.practice.minutes_per_week, w.practice.later.as_deref()),
            escape(&w.practice.summary)
        );
        for step in &w.practice.steps {
            let _ = writeln!(out, "- {}", escape(step));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "### After the first month, watch for\n");
    for line in &plan.watch_for {
        let _ = writeln!(out, "- {}", escape(line));
    }
    let _ = writeln!(out, "\n### Team-size tripwires\n");
    for line in &plan.tripwires {
        let _ = writeln!(out, "- {}", escape(line));
    }
    out.push('\n');
}

/// Attached evidence, each measure beside the answer it speaks to.
fn write_evidence(out: &mut String, set: &QuestionSet, session: &Session) {
    let Some(e) = &session.evidence else { return };
    let _ = writeln!(
        out,
        "## What your calendar and commits show, {} to {}\n",
        escape(&e.since),
        escape(&e.until)
    );
    for b in crate::evidence::beside::beside(set, session, e) {
        let _ = writeln!(
            out,
            "- **{}**: you said {}; the record shows {}.",
            b.topic,
            escape(&b.answered),
            escape(&b.measured)
        );
        if let Some(talk) = b.talk {
            let _ = writeln!(out, "  - Talk about: {}", escape(&talk));
        }
    }
    out.push('\n');
}
