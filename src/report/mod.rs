//! Reports of an assessment for people and programs: plain text, Markdown and
//! JSON. They are written through `crate::output`, which makes text from files safe.

pub mod ics;
pub mod json;
pub mod markdown;
pub mod perspectives;
pub mod plain;

use crate::model::Dimension;
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

/// How a dimension's score was computed, one line per answer.
pub fn computation_lines(set: &crate::model::QuestionSet, s: &DimensionScore) -> Vec<String> {
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
        .collect()
}
