//! Reports of an assessment for people and programs: plain text, Markdown and
//! JSON. They are written through `crate::output`, which makes text from files safe.

pub mod ics;
pub mod json;
pub mod markdown;
pub mod perspectives;
pub mod plain;

use std::collections::BTreeMap;

use crate::model::Dimension;
use crate::model::answers::Answer;
use crate::model::scoring::DimensionScore;

/// "72" or "not enough answers".
pub fn score_label(s: &DimensionScore) -> String {
    s.score
        .map_or_else(|| "not enough answers".to_string(), |v| v.to_string())
}

/// A word for a score: what it means for this dimension.
pub fn score_band(dim: Dimension, score: Option<u8>) -> &'static str {
    let Some(s) = score else { return "no score" };
    match (dim.is_risk(), s) {
        (true, 60..) => "high risk",
        (true, 40..) => "some risk",
        (true, _) => "low risk",
        (false, 60..) => "strong",
        (false, 40..) => "middling",
        (false, _) => "weak",
    }
}

/// How a dimension's score was computed: one line per answer, then one per
/// asked item left out (skipped or not applicable), so every item asked is
/// accounted for; or, when the set rolls its subscales up, the mean of the
/// subscales (whose answers are listed under each scale, not twice).
pub fn computation_lines(
    a: &crate::model::Assessment,
    dim: Dimension,
    answers: &BTreeMap<String, Answer>,
) -> Vec<String> {
    let set = &a.set;
    let s = a.scores.get(dim);
    let rolled: Vec<&crate::model::scoring::ScaleScore> = a
        .scales
        .iter()
        .filter(|sc| sc.dimension == Some(dim))
        .collect();
    if set.rollup == crate::model::question_set::Rollup::Scales && !rolled.is_empty() {
        let scored: Vec<(&str, f64)> = rolled
            .iter()
            .filter_map(|sc| sc.exact.map(|x| (sc.label.as_str(), x)))
            .collect();
        let parts: Vec<String> = scored
            .iter()
            .map(|(label, x)| format!("{label} {x:.1}"))
            .collect();
        let left_out: Vec<&str> = rolled
            .iter()
            .filter(|sc| sc.exact.is_none())
            .map(|sc| sc.label.as_str())
            .collect();
        let mut line = match (s.score, scored.len()) {
            (Some(v), n) if n > 0 => {
                let mean = scored.iter().map(|(_, x)| x).sum::<f64>() / n as f64;
                format!(
                    "the mean of its subscales: ({}) / {n} = {mean:.1}, shown {v}",
                    parts.join(" + ")
                )
            }
            _ => format!(
                "no score: {} of {} items answered, and a score needs {}",
                s.answered, s.items, s.needed
            ),
        };
        if !left_out.is_empty() {
            line.push_str(&format!(
                "; left out for too few answers: {}",
                left_out.join(", ")
            ));
        }
        return vec![
            line,
            "(each subscale's answers are listed under it)".to_string(),
        ];
    }
    s.contributions
        .iter()
        .map(|c| {
            let label = set.item(&c.item).and_then(|i| i.label(c.raw)).unwrap_or("");
            let keying = if c.reverse {
                format!("reverse-keyed -> {}", c.keyed)
            } else {
                format!("keyed {}", c.keyed)
            };
            let weight = if (c.weight - 1.0).abs() > f64::EPSILON {
                format!(", weight {}", c.weight)
            } else {
                String::new()
            };
            let prompt = set
                .item(&c.item)
                .map_or(c.item.as_str(), |i| i.prompt.as_str());
            format!(
                "\"{prompt}\" ({}): answered {} ({label}), {keying}{weight}",
                c.item, c.raw
            )
        })
        .chain(
            set.items_in(dim)
                .filter(|i| !s.contributions.iter().any(|c| c.item == i.id))
                .map(|i| {
                    let why = match answers.get(&i.id) {
                        Some(Answer::NotApplicable) => "answered not applicable",
                        _ => "not answered",
                    };
                    format!("\"{}\" ({}): {why}, left out", i.prompt, i.id)
                }),
        )
        .collect()
}

/// Why a dimension has no score: the set does not measure it, or too few
/// of its items were answered.
pub fn no_score_reason(s: &DimensionScore) -> String {
    if s.measured {
        format!("not enough answers ({} of {})", s.answered, s.items)
    } else {
        "not measured by this set".to_string()
    }
}

/// The dimensions the set does not measure, e.g. "Empathy, Credibility";
/// `None` when it measures all four.
pub fn unmeasured(a: &crate::model::Assessment) -> Option<String> {
    let names: Vec<&str> = Dimension::ALL
        .into_iter()
        .filter(|d| !a.scores.get(*d).measured)
        .map(|d| d.title())
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// One line per declared scale: label, score and how many answered.
pub fn scale_summary(s: &crate::model::scoring::ScaleScore) -> String {
    match s.score {
        Some(_) => format!("{}: {} ({})", s.label, s.shown(), scale_detail(s)),
        // The detail already says "not enough answers (k of n)".
        None => format!("{}: {}", s.label, scale_detail(s)),
    }
}

/// How many answered and where the scale counts, e.g. "5 of 6 answered;
/// counts towards burnout risk".
pub fn scale_detail(s: &crate::model::scoring::ScaleScore) -> String {
    let rolls = s
        .dimension
        .map(|d| format!("; counts towards {}", d.title().to_lowercase()))
        .unwrap_or_default();
    if s.score.is_some() {
        format!("{} of {} answered{rolls}", s.answered, s.items)
    } else {
        format!(
            "not enough answers ({} of {}): a score needs {} of {}{rolls}",
            s.answered, s.items, s.needed, s.items
        )
    }
}

/// How the scores were computed, in words that follow the set's rules.
pub fn method_summary(set: &crate::model::QuestionSet) -> String {
    let share = (set.min_share * 100.0).round();
    let mut text = format!(
        "Each answer is keyed so high means more of the dimension (a reverse-keyed answer on an n-point scale becomes n + 1 − answer), rescaled linearly to 0–1 as (keyed − 1) / (n − 1), averaged with its weight and shown 0–100. N/A and skipped answers are left out; a dimension needs {share}% of its items answered, and at least 2, for a score."
    );
    if set.rollup == crate::model::question_set::Rollup::Scales {
        text.push_str(
            " A dimension that scales count towards is the mean of those of its scales that have a score (0–100), and still needs its own share of answered items.",
        );
    }
    if !set.scales.is_empty() {
        text.push_str(" A scale needs its own minimum share of answered items; \"mean\" scales show the mean of the answers' own values, \"sum\" scales the sum over all their items with an unanswered item counted at the mean of the answered ones.");
    }
    text
}

/// How one scale's score was computed, one line per answered item.
pub fn scale_computation_lines(
    set: &crate::model::QuestionSet,
    s: &crate::model::scoring::ScaleScore,
    answers: &std::collections::BTreeMap<String, crate::model::Answer>,
) -> Vec<String> {
    let Some(scale) = set.scales.iter().find(|sc| sc.id == s.id) else {
        return Vec::new();
    };
    scale
        .items
        .iter()
        .filter_map(|id| set.item(id))
        .map(|item| {
            // The question in full, as everywhere an answer is cited.
            let asked = format!("\"{}\" ({})", item.prompt, item.id);
            match answers.get(&item.id) {
                Some(crate::model::Answer::Value(v)) => {
                    let label = item.label(*v).unwrap_or("");
                    let keyed = if item.reverse { ", reverse-keyed" } else { "" };
                    let value = item.own_value(*v).map_or(String::new(), |x| format!("{x}"));
                    format!("{asked}: answered {v} ({label}){keyed}, value {value}")
                }
                Some(crate::model::Answer::NotApplicable) => format!("{asked}: not applicable"),
                _ => format!("{asked}: not answered"),
            }
        })
        .collect()
}

/// The set's citation and licence, for the method view and every export.
pub fn instrument_lines(set: &crate::model::QuestionSet) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(c) = &set.citation {
        lines.push(format!("Citation: {c}"));
    }
    if let Some(l) = &set.licence {
        lines.push(format!("Licence: {l}"));
    }
    lines
}
