//! The JSON contracts of `sets --format json` and `score --format json`.

use crate::model::dimension::Dimension;
use crate::model::practices::Cadence;
use crate::model::question_set::{Kind, QuestionSet};
use crate::model::{Assessment, Profile};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct SetJson {
    pub id: String,
    pub title: String,
    pub source: String,
    pub rater: &'static str,
    /// The dimensions the set measures; the others it does not score.
    pub measures: Vec<Dimension>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// Whether scored items take "na".
    pub not_applicable: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<ScaleJson>,
    pub items: Vec<ItemJson>,
}

/// A declared scale: its items and how it is reported.
#[derive(Serialize)]
pub struct ScaleJson {
    pub id: String,
    pub label: String,
    pub items: Vec<String>,
    pub min_answered: f64,
    pub report: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimension: Option<Dimension>,
}

#[derive(Serialize)]
pub struct ItemJson {
    pub id: String,
    pub kind: &'static str,
    /// The question as the app asks it.
    pub prompt: String,
    /// What an answers file may give this item.
    pub answer: String,
    /// The scale's words for 1..=n (likert, frequency and scale items).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
    /// The response scale's id, for kind = "scale" items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    pub dimension: Option<Dimension>,
    pub side: Option<&'static str>,
    pub reverse: bool,
    pub weight: f64,
    /// The condition under which the item is asked (`codes`, `no-code`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<OptionJson>>,
}

#[derive(Serialize)]
pub struct OptionJson {
    pub label: String,
    pub score: u8,
}

pub fn set_json(set: &QuestionSet) -> SetJson {
    SetJson {
        id: set.id.clone(),
        title: set.title.clone(),
        source: set.source.describe(),
        rater: match set.rater {
            crate::model::Rater::SelfRater => "self",
            crate::model::Rater::Other => "other",
        },
        measures: set.measures.clone(),
        instructions: set.instructions.clone(),
        citation: set.citation.clone(),
        licence: set.licence.clone(),
        not_applicable: set.not_applicable,
        scales: set
            .scales
            .iter()
            .map(|s| ScaleJson {
                id: s.id.clone(),
                label: s.label.clone(),
                items: s.items.clone(),
                min_answered: s.min_share,
                report: s.report.id(),
                dimension: s.dimension,
            })
            .collect(),
        items: set
            .items
            .iter()
            .map(|i| ItemJson {
                id: i.id.clone(),
                kind: i.kind.id(),
                prompt: i.prompt.clone(),
                answer: match i.kind {
                    Kind::Text => "free text, or \"na\"".to_string(),
                    Kind::Choice => format!(
                        "the option's number, 1 to {}{}",
                        i.options.len(),
                        if set.not_applicable {
                            ", or \"na\""
                        } else {
                            ""
                        }
                    ),
                    _ => format!(
                        "1 to {} (see labels){}",
                        i.scale_len(),
                        if set.not_applicable {
                            ", or \"na\""
                        } else {
                            ""
                        }
                    ),
                },
                labels: i.scale.as_ref().map(|s| s.labels.clone()),
                scale: i
                    .scale
                    .as_ref()
                    .filter(|_| i.kind == Kind::Scale)
                    .map(|s| s.id.clone()),
                dimension: i.dimension,
                side: i.side.map(|s| s.id()),
                reverse: i.reverse,
                weight: i.weight,
                when: i.when.map(|c| c.id()),
                options: (i.kind == Kind::Choice).then(|| {
                    i.options
                        .iter()
                        .map(|o| OptionJson {
                            label: o.label.clone(),
                            score: o.score,
                        })
                        .collect()
                }),
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct ScoreJson {
    pub schema: u32,
    pub set: String,
    /// The set's citation and licence, when it declares them (an instrument).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    pub mode: &'static str,
    pub profile: Option<Profile>,
    pub dimensions: BTreeMap<&'static str, DimensionJson>,
    pub pattern: Option<PatternJson>,
    pub flags: Vec<FlagJson>,
    pub suggestions: Vec<SuggestionJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gaps: Option<BTreeMap<&'static str, i16>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub talking_points: Option<Vec<crate::model::scoring::TalkingPoint>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<crate::model::plan::Plan>,
    /// Items the profile made meaningless: not asked, not scored.
    pub not_asked: Vec<crate::model::question_set::NotAsked>,
    /// The set's own scales, when it declares any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<crate::model::scoring::ScaleScore>,
    /// Why no pattern is named, when the set rules one out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_pattern: Option<String>,
}

#[derive(Serialize)]
pub struct DimensionJson {
    pub score: Option<u8>,
    pub answered: usize,
    pub items: usize,
    /// False when the set does not measure this dimension.
    pub measured: bool,
    pub contributions: Vec<crate::model::scoring::Contribution>,
}

#[derive(Serialize)]
pub struct PatternJson {
    pub id: &'static str,
    pub title: String,
    pub summary: String,
    /// What put this person in the pattern: the profile rule, or the scores.
    pub headline: String,
}

#[derive(Serialize)]
pub struct FlagJson {
    pub id: String,
    pub message: String,
    pub raised_by: Vec<String>,
    /// Narrower flags folded into this one rather than shown apart.
    pub covers: Vec<String>,
}

#[derive(Serialize)]
pub struct SuggestionJson {
    pub id: String,
    pub title: String,
    pub why: String,
    /// The total of the first week's steps.
    pub minutes_per_week: u16,
    /// What follows the first week: "once", "weekly" or "quarterly".
    pub cadence: Cadence,
    /// What later weeks' steps take, when the practice says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub later: Option<String>,
    pub implementation: bool,
    pub removes_work: bool,
    pub summary: String,
    pub steps: Vec<String>,
}

pub const SCHEMA: u32 = 1;

pub fn score_json(a: &Assessment, other: Option<&Assessment>) -> ScoreJson {
    let gaps = other.map(|o| crate::model::scoring::gaps(&a.scores, &o.scores));
    ScoreJson {
        talking_points: other
            .map(|o| crate::model::scoring::talking_points(&a.set, &a.scores, &o.set, &o.scores)),
        plan: a.plan.clone(),
        not_asked: a.not_asked.clone(),
        scales: a.scales.clone(),
        no_pattern: a.no_pattern.clone(),
        schema: SCHEMA,
        set: a.set.id.clone(),
        citation: a.set.citation.clone(),
        licence: a.set.licence.clone(),
        mode: a.mode.id(),
        profile: a.profile,
        dimensions: Dimension::ALL
            .into_iter()
            .map(|d| {
                let s = a.scores.get(d);
                (
                    d.id(),
                    DimensionJson {
                        score: s.score,
                        answered: s.answered,
                        items: s.items,
                        measured: s.measured,
                        contributions: s.contributions.clone(),
                    },
                )
            })
            .collect(),
        pattern: a.pattern.as_ref().map(|(p, t)| PatternJson {
            id: p.id(),
            title: t.title.clone(),
            summary: t.summary.clone(),
            headline: a.headline.clone().unwrap_or_default(),
        }),
        flags: a
            .flags
            .iter()
            .map(|f| FlagJson {
                id: f.id.clone(),
                message: f.message.clone(),
                raised_by: f.raised_by.clone(),
                covers: f.covers.clone(),
            })
            .collect(),
        suggestions: a
            .suggestions
            .iter()
            .map(|s| SuggestionJson {
                id: s.id.clone(),
                title: s.title.clone(),
                why: s.why.clone(),
                minutes_per_week: s.minutes_per_week,
                cadence: s.cadence,
                later: s.later.clone(),
                implementation: s.implementation,
                removes_work: s.removes_work,
                summary: s.summary.clone(),
                steps: s.steps.clone(),
            })
            .collect(),
        gaps: gaps.map(|g| g.iter().map(|(d, v)| (d.id(), *v)).collect()),
    }
}
