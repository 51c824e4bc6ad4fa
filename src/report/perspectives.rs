//! The many-raters part of a report: per perspective, how many answered and,
//! only for groups at or over their minimum, their scores, the gaps, the
//! blind spots, hidden strengths and hidden strain with the questions behind
//! them quoted in full, and their comments. In plain text, Markdown and JSON.

use super::markdown::escape;
use super::plain::wrap;
use crate::model::dimension::Dimension;
use crate::model::raters::{Finding, Group, GroupFigures};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt::Write;

pub fn signed(gap: i16) -> String {
    format!("{gap:+}")
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// How a group is introduced: "Reports: 3 raters (shown from 3)".
pub fn heading(g: &Group) -> String {
    let name = g.perspective.group();
    let mut first = name.chars();
    let name = first
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + first.as_str())
        .unwrap_or_default();
    format!(
        "{name}: {} (shown from {})",
        count(g.raters, "rater", "raters"),
        g.min
    )
}

pub fn withheld(g: &Group) -> String {
    format!(
        "Not shown: fewer than {} answered, so no figure could keep one person's answers private. Their answers are left out of every figure in this report.",
        g.min
    )
}

/// Why a shown group has no figure for some dimensions, if it has any such:
/// a group's score needs as many raters with a score as its minimum.
pub fn unscored(g: &Group, fig: &GroupFigures) -> Option<String> {
    let missing: Vec<&str> = Dimension::ALL
        .into_iter()
        .filter(|d| fig.scores.get(d).copied().flatten().is_none())
        .map(Dimension::title)
        .collect();
    if missing.is_empty() {
        return None;
    }
    let list = missing.join(", ");
    Some(if g.min <= 1 {
        format!("No figure for {list}: too few of its questions were answered.")
    } else {
        format!(
            "No figure for {list}: fewer than {} of them answered enough of its questions, so no figure could keep one person's answers private.",
            g.min
        )
    })
}

/// The question lines behind a finding.
pub fn question_lines(f: &Finding) -> Vec<String> {
    f.questions
        .iter()
        .map(|q| {
            let own = match (&q.own_prompt, &q.own_answer, &q.own_effect) {
                (Some(p), Some(a), Some(e)) => format!(" You, on \"{p}\": {a} ({e})."),
                (Some(p), Some(a), None) => format!(" You, on \"{p}\": {a}."),
                (Some(p), None, _) => format!(" You did not answer \"{p}\"."),
                _ => String::new(),
            };
            if q.answered == 1 {
                // One rater (a coach, say): their answer, not an average.
                format!(
                    "\"{}\": {} ({}).{own}",
                    q.prompt, q.group_label, q.group_effect
                )
            } else {
                format!(
                    "\"{}\": {} on average ({:.1}, {}).{own}",
                    q.prompt, q.group_label, q.group_mean, q.group_effect
                )
            }
        })
        .collect()
}

/// Plain text, for `score --others`.
pub fn plain(groups: &[Group]) -> String {
    let mut out = String::from("\nOther perspectives\n");
    for g in groups {
        let _ = writeln!(out, "\n  {}", heading(g));
        let Some(fig) = &g.figures else {
            out.push_str(&wrap(&withheld(g), 78, "    "));
            continue;
        };
        for dim in Dimension::ALL {
            let score = fig.scores.get(&dim).copied().flatten();
            let gap = fig.gaps.get(&dim).copied().flatten();
            let _ = writeln!(
                out,
                "    {:<16} {:>4}   you minus them: {}",
                dim.title(),
                score.map_or("-".into(), |s| s.to_string()),
                gap.map_or("-".into(), signed)
            );
        }
        if let Some(note) = unscored(g, fig) {
            out.push_str(&wrap(&note, 78, "    "));
        }
        for f in &fig.findings {
            let _ = writeln!(out);
            out.push_str(&wrap(
                &format!(
                    "◆ {} ({}): {}: you {}, them {}.",
                    f.kind.title(),
                    f.dimension.title(),
                    f.summary,
                    f.own,
                    f.group
                ),
                78,
                "      ",
            ));
            for line in question_lines(f) {
                out.push_str(&wrap(&format!("  - {line}"), 78, "        "));
            }
        }
        if !fig.comments.is_empty() {
            let _ = writeln!(
                out,
                "\n    Comments (not attributed, in no particular order):"
            );
            for c in &fig.comments {
                out.push_str(&wrap(&format!("  - {c}"), 78, "        "));
            }
        }
    }
    out
}

/// Markdown, for `score --others --format markdown`.
pub fn markdown(groups: &[Group]) -> String {
    let mut out = String::from("## Other perspectives\n\n");
    for g in groups {
        let _ = writeln!(out, "### {}\n", escape(&heading(g)));
        let Some(fig) = &g.figures else {
            let _ = writeln!(out, "{}\n", escape(&withheld(g)));
            continue;
        };
        let _ = writeln!(out, "| Dimension | Them | You minus them |\n|---|---|---|");
        for dim in Dimension::ALL {
            let score = fig.scores.get(&dim).copied().flatten();
            let gap = fig.gaps.get(&dim).copied().flatten();
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                dim.title(),
                score.map_or("-".into(), |s| s.to_string()),
                gap.map_or("-".into(), signed)
            );
        }
        out.push('\n');
        if let Some(note) = unscored(g, fig) {
            let _ = writeln!(out, "{}\n", escape(&note));
        }
        for f in &fig.findings {
            let _ = writeln!(
                out,
                "**{} ({})**: {}: you {}, them {}.\n",
                f.kind.title(),
                f.dimension.title(),
                escape(&f.summary),
                f.own,
                f.group
            );
            for line in question_lines(f) {
                let _ = writeln!(out, "- {}", escape(&line));
            }
            out.push('\n');
        }
        if !fig.comments.is_empty() {
            let _ = writeln!(out, "Comments (not attributed, in no particular order):\n");
            for c in &fig.comments {
                let _ = writeln!(out, "> {}\n", escape(c));
            }
        }
    }
    out
}

/// The `perspectives` object of `score --format json` (SPEC §10).
pub fn json(groups: &[Group]) -> Value {
    let map: serde_json::Map<String, Value> = groups
        .iter()
        .map(|g| {
            let dimensions = g.figures.as_ref().map(|fig| {
                Dimension::ALL
                    .iter()
                    .map(|d| {
                        (
                            d.id(),
                            json!({
                                "score": fig.scores.get(d).copied().flatten(),
                                "gap": fig.gaps.get(d).copied().flatten(),
                            }),
                        )
                    })
                    .collect::<BTreeMap<_, _>>()
            });
            let mut v = json!({
                "raters": g.raters,
                "min": g.min,
                "shown": g.figures.is_some(),
                "dimensions": dimensions,
            });
            if let Some(fig) = &g.figures {
                v["findings"] = json!(fig.findings);
                v["comments"] = json!(fig.comments);
            }
            (g.perspective.id().to_string(), v)
        })
        .collect();
    Value::Object(map)
}
