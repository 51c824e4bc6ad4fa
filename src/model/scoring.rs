//! Scoring: answers + set -> a 0..100 score per dimension, with every
//! contribution kept so the user can see how each score was computed.

use super::answers::Answer;
use super::dimension::Dimension;
use super::question_set::QuestionSet;
use serde::Serialize;
use std::collections::BTreeMap;

/// A dimension with fewer answered items than this has no score.
pub const MIN_ANSWERED: usize = 2;

/// One answered item's part in a dimension score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    pub item: String,
    /// The answer as given (1..5, or the option number).
    pub raw: u8,
    /// 1..5 after reverse keying (or the option's own score).
    pub keyed: u8,
    pub reverse: bool,
    pub weight: f64,
}

/// The score of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionScore {
    /// 0..=100, or `None` when fewer than `MIN_ANSWERED` items were answered.
    pub score: Option<u8>,
    pub answered: usize,
    pub items: usize,
    #[serde(skip)]
    pub contributions: Vec<Contribution>,
}

/// Scores for all four dimensions.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores(pub [DimensionScore; 4]);

impl Scores {
    pub fn get(&self, dim: Dimension) -> &DimensionScore {
        &self.0[dim.index()]
    }

    pub fn value(&self, dim: Dimension) -> Option<u8> {
        self.get(dim).score
    }
}

/// Scores `answers` against `set`. Skipped, "not applicable" and text answers
/// are left out; each contribution is `(keyed - 1) / 4`, weighted, averaged and
/// rescaled to 0..100.
pub fn score(set: &QuestionSet, answers: &BTreeMap<String, Answer>) -> Scores {
    Scores(Dimension::ALL.map(|dim| {
        let items: Vec<_> = set.items_in(dim).collect();
        let contributions: Vec<Contribution> = items
            .iter()
            .filter_map(|item| {
                let Some(Answer::Value(raw)) = answers.get(&item.id) else {
                    return None;
                };
                Some(Contribution {
                    item: item.id.clone(),
                    raw: *raw,
                    keyed: item.keyed(*raw)?,
                    reverse: item.reverse,
                    weight: item.weight,
                })
            })
            .collect();
        DimensionScore {
            score: rescale(&contributions),
            answered: contributions.len(),
            items: items.len(),
            contributions,
        }
    }))
}

fn rescale(contributions: &[Contribution]) -> Option<u8> {
    if contributions.len() < MIN_ANSWERED {
        return None;
    }
    let total_weight: f64 = contributions.iter().map(|c| c.weight).sum();
    let weighted: f64 = contributions
        .iter()
        .map(|c| c.weight * f64::from(c.keyed - 1) / 4.0)
        .sum();
    Some((100.0 * weighted / total_weight).round().clamp(0.0, 100.0) as u8)
}

/// Self minus other, per dimension, where both have a score.
pub fn gaps(own: &Scores, other: &Scores) -> BTreeMap<Dimension, i16> {
    Dimension::ALL
        .into_iter()
        .filter_map(|d| {
            let (a, b) = (own.value(d)?, other.value(d)?);
            Some((d, i16::from(a) - i16::from(b)))
        })
        .collect()
}

/// A gap of at least this many points between self and other is a talking point.
pub const TALKING_POINT_GAP: i16 = 20;

/// A dimension where self and other see the manager differently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TalkingPoint {
    pub dimension: Dimension,
    pub own: u8,
    pub other: u8,
    /// Self minus other.
    pub gap: i16,
    /// Up to three answers behind each side, e.g. `after-hours = 4 (Often)`.
    pub own_items: Vec<String>,
    pub other_items: Vec<String>,
}

/// Every dimension whose gap is `TALKING_POINT_GAP` or more, either way.
pub fn talking_points(
    own_set: &QuestionSet,
    own: &Scores,
    other_set: &QuestionSet,
    other: &Scores,
) -> Vec<TalkingPoint> {
    // The three answers on each side that pull hardest in the gap's direction.
    let describe = |set: &QuestionSet, s: &DimensionScore, high: bool| -> Vec<String> {
        let mut c: Vec<&Contribution> = s.contributions.iter().collect();
        c.sort_by_key(|c| if high { 5 - c.keyed } else { c.keyed });
        c.iter()
            .take(3)
            .map(|c| super::answers::describe_answer(set, &c.item, c.raw))
            .collect()
    };
    gaps(own, other)
        .into_iter()
        .filter(|(_, g)| g.abs() >= TALKING_POINT_GAP)
        .map(|(d, gap)| TalkingPoint {
            dimension: d,
            own: own.value(d).unwrap_or(0),
            other: other.value(d).unwrap_or(0),
            gap,
            own_items: describe(own_set, own.get(d), gap > 0),
            other_items: describe(other_set, other.get(d), gap < 0),
        })
        .collect()
}
