//! What a finished session showed, kept with it. History and exports read
//! the record, so editing or deleting a question set later, or a new
//! altitude with different rules, never rewrites what an old session said.

use super::assessment::Assessment;
use super::dimension::Dimension;
use super::flags::RaisedFlag;
use super::pattern::{Pattern, PatternText};
use super::practices::Suggestion;
use super::question_set::QuestionSet;
use super::scoring::ScaleScore;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A dimension's score as it was shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedScore {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    pub answered: usize,
    pub items: usize,
}

/// The result a session showed when it finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The fingerprint of the question set's file when the session finished.
    pub set_fingerprint: String,
    pub set_title: String,
    pub scores: BTreeMap<Dimension, RecordedScore>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<RecordedPattern>,
    #[serde(default)]
    pub flags: Vec<RaisedFlag>,
    #[serde(default)]
    pub suggestions: Vec<Suggestion>,
    /// The set's own scales as they were shown; absent in records saved
    /// before sets could declare scales.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<ScaleScore>,
    /// The second rater's scores (coaching), if there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_scores: Option<BTreeMap<Dimension, RecordedScore>>,
}

/// A pattern as it was shown: its id and its words at the time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedPattern {
    pub id: Pattern,
    pub title: String,
    pub summary: String,
    /// What put the session in the pattern (profile or scores); absent in
    /// records saved before headlines existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
}

fn scores_of(a: &Assessment) -> BTreeMap<Dimension, RecordedScore> {
    Dimension::ALL
        .iter()
        .map(|&d| {
            let s = a.scores.get(d);
            (
                d,
                RecordedScore {
                    score: s.score,
                    answered: s.answered,
                    items: s.items,
                },
            )
        })
        .collect()
}

impl Record {
    /// Records what `own` (and the second rater's `other`) show now.
    pub fn of(own: &Assessment, other: Option<&Assessment>) -> Record {
        Record {
            set_fingerprint: own.set.fingerprint.clone(),
            set_title: own.set.title.clone(),
            scores: scores_of(own),
            pattern: own.pattern.as_ref().map(|(id, text)| RecordedPattern {
                id: *id,
                title: text.title.clone(),
                summary: text.summary.clone(),
                headline: own.headline.clone(),
            }),
            flags: own.flags.clone(),
            suggestions: own.suggestions.clone(),
            scales: own.scales.clone(),
            other_scores: other.map(scores_of),
        }
    }

    /// The recorded score of `dim`.
    pub fn value(&self, dim: Dimension) -> Option<u8> {
        self.scores.get(&dim).and_then(|s| s.score)
    }

    /// Whether `set` is still the one the session was answered with.
    pub fn matches(&self, set: &QuestionSet) -> bool {
        set.fingerprint == self.set_fingerprint
    }

    /// Puts the recorded result into a freshly computed assessment, so every
    /// view shows what the session showed. Returns whether the set is still
    /// the same; if not, the per-answer method no longer applies and is
    /// cleared.
    pub fn restore(&self, a: &mut Assessment) -> bool {
        let same = self.matches(&a.set);
        for d in Dimension::ALL {
            let shown = &mut a.scores.0[d.index()];
            if let Some(r) = self.scores.get(&d) {
                shown.score = r.score;
                shown.answered = r.answered;
                shown.items = r.items;
            }
            if !same {
                shown.contributions.clear();
            }
        }
        a.pattern = self.pattern.as_ref().map(|p| {
            (
                p.id,
                PatternText {
                    id: p.id.id().to_string(),
                    title: p.title.clone(),
                    summary: p.summary.clone(),
                    no_code: None,
                },
            )
        });
        a.headline = self.pattern.as_ref().and_then(|p| p.headline.clone());
        a.flags = self.flags.clone();
        a.suggestions = self.suggestions.clone();
        a.scales = self.scales.clone();
        same
    }
}

/// A saved session's result as it was shown: its own assessment and the
/// second rater's, with the recorded values restored.
#[derive(Debug, Clone)]
pub struct AsRecorded {
    pub own: Assessment,
    pub other: Option<Assessment>,
    /// False when the set has changed since the session: its per-answer
    /// method no longer applies.
    pub set_unchanged: bool,
}

impl Record {
    /// Puts the second rater's recorded scores back into their assessment.
    pub fn restore_other(&self, other: &mut Assessment) {
        let Some(scores) = &self.other_scores else {
            return;
        };
        for d in Dimension::ALL {
            if let Some(r) = scores.get(&d) {
                let shown = &mut other.scores.0[d.index()];
                shown.score = r.score;
                shown.answered = r.answered;
                shown.items = r.items;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record saved before sets could declare scales still loads, with
    /// none; one with scales keeps them through a save and a load.
    #[test]
    fn records_with_and_without_scales_load() {
        let old = r#"
set_fingerprint = "cbf29ce484222325"
set_title = "Monthly check-in"
[scores.burnout]
score = 42
answered = 2
items = 2
"#;
        let record: Record = toml::from_str(old).expect("an old record loads");
        assert!(record.scales.is_empty());
        assert_eq!(record.value(Dimension::Burnout), Some(42));

        let mut with = record.clone();
        with.scales.push(ScaleScore {
            id: "people".into(),
            label: "Strain from supporting people".into(),
            report: super::super::question_set::Report::Mean,
            score: Some(1.25),
            percent: Some(8),
            exact: None,
            answered: 4,
            items: 6,
            needed: 3,
            range: Some((1.0, 4.0)),
            dimension: Some(Dimension::Burnout),
        });
        let text = toml::to_string(&with).expect("saves");
        let back: Record = toml::from_str(&text).expect("loads");
        assert_eq!(back.scales, with.scales);
        assert_eq!(back.scales[0].shown(), "1.25 (1 to 4)");
    }
}
