//! The JSON contracts of `sets --format json` and `score --format json`.

use crate::model::dimension::Dimension;
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
    pub items: Vec<ItemJson>,
}

#[derive(Serialize)]
pub struct ItemJson {
    pub id: String,
    pub kind: &'static str,
    /// The question as the app asks it.
    pub prompt: String,
    /// What an answers file may give this item.
    pub answer: String,
    /// The scale's words for 1..=5 (likert and frequency items).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
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
        items: set
            .items
            .iter()
            .map(|i| ItemJson {
                id: i.id.clone(),
                kind: i.kind.id(),
                prompt: i.prompt.clone(),
                answer: match i.kind {
                    Kind::Text => "free text, or \"na\"".to_string(),
                    Kind::Choice => {
                        format!("the option's number, 1 to {}, or \"na\"", i.options.len())
                    }
                    _ => "1 to 5 (see labels), or \"na\"".to_string(),
                },
                labels: i
                    .kind
                    .scale_labels()
                    .map(|l| l.iter().map(|s| s.to_string()).collect()),
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
}

#[derive(Serialize)]
pub struct DimensionJson {
    pub score: Option<u8>,
    pub answered: usize,
    pub items: usize,
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
    pub minutes_per_week: u16,
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
        schema: SCHEMA,
        set: a.set.id.clone(),
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
                implementation: s.implementation,
                removes_work: s.removes_work,
                summary: s.summary.clone(),
                steps: s.steps.clone(),
            })
            .collect(),
        gaps: gaps.map(|g| g.iter().map(|(d, v)| (d.id(), *v)).collect()),
    }
}
