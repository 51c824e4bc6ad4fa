//! The plain-text report printed by `altitude score`.

use super::{
    computation_lines, instrument_lines, method_summary, no_score_reason, scale_computation_lines,
    scale_summary, score_band, score_label, unmeasured,
};
use crate::model::answers::Answer;
use crate::model::dimension::{Dimension, Side};
use crate::model::scoring::{TALKING_POINT_GAP, gaps, talking_points};
use crate::model::{Assessment, Kind};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Renders the assessment as plain text, wrapped for an 80-column terminal.
pub fn render(
    a: &Assessment,
    answers: &BTreeMap<String, Answer>,
    other: Option<&Assessment>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "altitude: {} ({} mode)", a.set.title, a.mode);
    if let Some(p) = &a.profile {
        let _ = writeln!(
            out,
            "Profile: {} reports, {}% of the week coding, critical path: {}, stage: {}",
            p.reports,
            p.coding_share,
            if p.critical_path { "yes" } else { "no" },
            p.stage
        );
    }
    let gap = other.map(|o| gaps(&a.scores, &o.scores));
    for side in [Side::ProCoding, Side::AgainstCoding] {
        let measured: Vec<Dimension> = Dimension::ALL
            .into_iter()
            .filter(|d| d.side() == side && a.scores.get(*d).measured)
            .collect();
        if measured.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", side.title());
        for dim in measured {
            let s = a.scores.get(dim);
            let _ = write!(
                out,
                "  {:<15} {:>3}  {:<10} {}",
                dim.title(),
                s.score.map_or("-".to_string(), |v| v.to_string()),
                score_band(dim, s.score),
                bar(s.score),
            );
            if s.score.is_none() {
                let _ = write!(out, "  {}", no_score_reason(s));
            }
            if let (Some(o), Some(g)) = (other, &gap) {
                let theirs = score_label(o.scores.get(dim));
                let _ = write!(out, "  other: {theirs}");
                if let Some(d) = g.get(&dim) {
                    let _ = write!(out, " (gap {d:+})");
                }
            }
            let _ = writeln!(out);
        }
    }
    if let Some(names) = unmeasured(a) {
        out.push_str(&wrap(
            &format!("\nNot measured by this set: {names}."),
            78,
            "",
        ));
    }
    if !a.scales.is_empty() {
        let _ = writeln!(out, "\nScales");
        for s in &a.scales {
            out.push_str(&wrap(&scale_summary(s), 78, "  "));
        }
    }
    if let Some(why) = &a.no_pattern {
        let _ = writeln!(out);
        out.push_str(&wrap(why, 78, ""));
    }
    if let Some((_, text)) = &a.pattern {
        let _ = writeln!(out, "\nPattern: {}", text.title);
        if let Some(h) = &a.headline {
            out.push_str(&wrap(h, 78, "  "));
        }
        out.push_str(&wrap(&text.summary, 78, "  "));
    }
    if !a.flags.is_empty() {
        let _ = writeln!(out, "\nFlags");
        for f in &a.flags {
            out.push_str(&wrap(&format!("! {}", f.message), 78, "  "));
            let _ = writeln!(out, "    raised by: {}", f.raised_by.join(", "));
        }
    }
    if let Some(o) = other {
        let points = talking_points(&a.set, &a.scores, &o.set, &o.scores);
        let _ = writeln!(
            out,
            "\nTalking points (gaps of {TALKING_POINT_GAP} or more)"
        );
        if points.is_empty() {
            let _ = writeln!(
                out,
                "  None: you and the other rater see each dimension within {TALKING_POINT_GAP} points."
            );
        }
        for p in points {
            let _ = writeln!(
                out,
                "  {}: self {}, other {} (gap {:+})",
                p.dimension.title(),
                p.own,
                p.other,
                p.gap
            );
            out.push_str(&wrap(
                &format!("self: {}", p.own_items.join(", ")),
                78,
                "    ",
            ));
            out.push_str(&wrap(
                &format!("other: {}", p.other_items.join(", ")),
                78,
                "    ",
            ));
        }
    }
    if !a.suggestions.is_empty() {
        let _ = writeln!(out, "\nSuggestions");
        for (i, s) in a.suggestions.iter().enumerate() {
            let marker = if s.implementation {
                " [hands-on, off the critical path]"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  {}. {} ({}){marker}",
                i + 1,
                s.title,
                s.cadence.short(s.minutes_per_week, s.later.as_deref())
            );
            out.push_str(&wrap(&s.why, 78, "     "));
        }
    }
    if let Some(plan) = &a.plan {
        let _ = writeln!(out, "\nYour first 90 days");
        out.push_str(&wrap(&plan.intro, 78, "  "));
        for w in &plan.weeks {
            out.push_str(&wrap(&w.theme, 78, "  "));
            let _ = writeln!(
                out,
                "    -> {} ({})",
                w.practice.title,
                w.practice
                    .cadence
                    .short(w.practice.minutes_per_week, w.practice.later.as_deref())
            );
        }
        let _ = writeln!(out, "  After the first month, watch for:");
        for line in &plan.watch_for {
            out.push_str(&wrap(&format!("- {}", line), 78, "    "));
        }
        let _ = writeln!(out, "  Team-size tripwires:");
        for line in &plan.tripwires {
            out.push_str(&wrap(&format!("- {}", line), 78, "    "));
        }
    }
    let reflections = reflections(a, answers);
    if !reflections.is_empty() {
        let _ = writeln!(out, "\nReflections");
        for (prompt, text) in reflections {
            out.push_str(&wrap(&prompt, 78, "  "));
            out.push_str(&wrap(&text, 78, "    > "));
        }
    }
    let _ = writeln!(out, "\nHow the scores were computed");
    out.push_str(&wrap(&method_summary(&a.set), 78, "  "));
    for dim in Dimension::ALL
        .into_iter()
        .filter(|d| a.scores.get(*d).measured)
    {
        let s = a.scores.get(dim);
        let _ = writeln!(out, "  {} = {}", dim.id(), score_label(s));
        for line in computation_lines(a, dim, answers) {
            let _ = writeln!(out, "    {line}");
        }
    }
    for s in &a.scales {
        let _ = writeln!(out, "  {} = {}", s.id, s.shown());
        for line in scale_computation_lines(&a.set, s, answers) {
            let _ = writeln!(out, "    {line}");
        }
    }
    if a.scores.get(Dimension::Burnout).measured {
        out.push_str(&wrap(&a.sources.burnout_note, 78, "  "));
    }
    if !a.not_asked.is_empty() {
        let _ = writeln!(out, "  Not asked, and not scored:");
        for n in &a.not_asked {
            out.push_str(&wrap(
                &format!("- {} (not asked: {})", n.prompt, n.reason),
                78,
                "    ",
            ));
        }
    }
    let instrument = instrument_lines(&a.set);
    if !instrument.is_empty() {
        let _ = writeln!(out, "\nThe instrument");
        for line in instrument {
            out.push_str(&wrap(&line, 78, "  "));
        }
    }
    if !a.sources.list.is_empty() {
        let _ = writeln!(out, "\nSources");
        for line in a.sources.lines() {
            out.push_str(&wrap(&line, 78, "  "));
        }
    }
    out
}

/// The set's text items that were answered, as (prompt, answer) pairs.
pub fn reflections(a: &Assessment, answers: &BTreeMap<String, Answer>) -> Vec<(String, String)> {
    a.set
        .items
        .iter()
        .filter(|i| i.kind == Kind::Text)
        .filter_map(|i| match answers.get(&i.id) {
            Some(Answer::Text(t)) if !t.trim().is_empty() => Some((i.prompt.clone(), t.clone())),
            _ => None,
        })
        .collect()
}

/// A 20-cell bar of `#` and `.`, legible without colour.
pub fn bar(score: Option<u8>) -> String {
    let filled = score.map_or(0, |s| (usize::from(s) + 2) / 5);
    format!("[{}{}]", "#".repeat(filled), ".".repeat(20 - filled))
}

/// Greedy word wrap with a prefix on every line.
pub fn wrap(text: &str, width: usize, prefix: &str) -> String {
    let mut out = String::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && prefix.len() + line.len() + 1 + word.len() > width {
                let _ = writeln!(out, "{prefix}{line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        let _ = writeln!(out, "{prefix}{line}");
    }
    out
}
