//! Scoring: answers + set -> a 0..100 score per dimension, with every
//! contribution kept so the user can see how each score was computed.

use super::answers::Answer;
use super::dimension::Dimension;
use super::question_set::{QuestionSet, Report, Rollup, Scale, needed};
use serde::Serialize;
use std::collections::BTreeMap;

/// A dimension with fewer answered items than this has no score, whatever
/// share of its items that is.
pub const MIN_ANSWERED: usize = 2;

/// One answered item's part in a dimension score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    pub item: String,
    /// The answer as given (1..5, or the option number).
    pub raw: u8,
    /// 1..=points after reverse keying (or the option's own score, 1..5).
    pub keyed: u8,
    /// How many points `keyed` is out of (5 for choice items).
    pub points: u8,
    /// 0.0..=1.0: the keyed answer rescaled linearly.
    #[serde(skip)]
    pub fraction: f64,
    pub reverse: bool,
    pub weight: f64,
}

/// The score of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionScore {
    /// 0..=100, or `None` when fewer than `needed` items were answered.
    pub score: Option<u8>,
    pub answered: usize,
    pub items: usize,
    /// How many answers a score needs.
    #[serde(skip)]
    pub needed: usize,
    /// False when the set does not measure this dimension at all.
    #[serde(skip)]
    pub measured: bool,
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
/// are left out; each contribution is the keyed answer rescaled linearly to
/// 0..1, weighted, averaged and shown 0..100. A dimension needs
/// `MIN_ANSWERED` answers and the set's minimum share of its items; with
/// `rollup = "scales"` its score is the mean of its scales' scores.
pub fn score(set: &QuestionSet, answers: &BTreeMap<String, Answer>) -> Scores {
    let scales = score_scales(set, answers);
    Scores(Dimension::ALL.map(|dim| {
        let items: Vec<_> = set.items_in(dim).collect();
        let contributions = contributions(items.iter().copied(), answers);
        let need = needed(set.min_share, items.len()).max(MIN_ANSWERED);
        let pooled = (contributions.len() >= need).then(|| rescale(&contributions));
        let rolled: Vec<f64> = scales
            .iter()
            .filter(|s| s.dimension == Some(dim))
            .filter_map(|s| s.exact)
            .collect();
        let score = match set.rollup {
            Rollup::Scales if set.scales.iter().any(|s| s.dimension == Some(dim)) => {
                // The dimension's own minimum share holds here too: three
                // answers of nineteen never make a score, whichever subscale
                // they fall in.
                (!rolled.is_empty() && contributions.len() >= need).then(|| {
                    let mean = rolled.iter().sum::<f64>() / rolled.len() as f64;
                    mean.round().clamp(0.0, 100.0) as u8
                })
            }
            _ => pooled,
        };
        DimensionScore {
            score,
            answered: contributions.len(),
            items: items.len(),
            needed: need,
            measured: set.measures(dim),
            contributions,
        }
    }))
}

fn contributions<'a>(
    items: impl Iterator<Item = &'a super::Item>,
    answers: &BTreeMap<String, Answer>,
) -> Vec<Contribution> {
    items
        .filter_map(|item| {
            let Some(Answer::Value(raw)) = answers.get(&item.id) else {
                return None;
            };
            Some(Contribution {
                item: item.id.clone(),
                raw: *raw,
                keyed: item.keyed(*raw)?,
                points: item.scale.as_ref().map_or(5, |s| s.points()),
                fraction: item.fraction(*raw)?,
                reverse: item.reverse,
                weight: item.weight,
            })
        })
        .collect()
}

/// The weighted mean of the rescaled answers, 0..=100.
fn rescale(contributions: &[Contribution]) -> u8 {
    exact_percent(contributions).round().clamp(0.0, 100.0) as u8
}

/// The weighted mean of the rescaled answers on 0..100, unrounded.
fn exact_percent(contributions: &[Contribution]) -> f64 {
    let total_weight: f64 = contributions.iter().map(|c| c.weight).sum();
    let weighted: f64 = contributions.iter().map(|c| c.weight * c.fraction).sum();
    100.0 * weighted / total_weight
}

/// The score of one declared scale.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ScaleScore {
    pub id: String,
    pub label: String,
    pub report: Report,
    /// In the scale's own terms (`report`): 0..100, a mean or a sum; `None`
    /// below the minimum share of answers.
    #[serde(default)]
    pub score: Option<f64>,
    /// The same result on 0..100, rounded, for bars.
    #[serde(default)]
    pub percent: Option<u8>,
    /// The same result on 0..100, unrounded: what a dimension's roll-up
    /// averages.
    #[serde(skip)]
    pub exact: Option<f64>,
    pub answered: usize,
    pub items: usize,
    /// How many answers a score needs.
    pub needed: usize,
    /// The lowest and highest score a `mean` or `sum` can take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<(f64, f64)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<Dimension>,
}

impl ScaleScore {
    /// "62", "2.4 (1 to 4)" or "not enough answers (2 of 6)".
    pub fn shown(&self) -> String {
        match (self.score, self.report, self.range) {
            (None, _, _) => format!("not enough answers ({} of {})", self.answered, self.items),
            (Some(v), Report::Percent, _) => format!("{v:.0}"),
            (Some(v), Report::Mean, Some((lo, hi))) => format!("{v:.2} ({lo} to {hi})"),
            (Some(v), _, Some((lo, hi))) => format!("{v:.1} ({lo} to {hi})"),
            (Some(v), _, None) => format!("{v:.1}"),
        }
    }
}

/// Scores every declared scale of `set` (asked items only).
pub fn score_scales(set: &QuestionSet, answers: &BTreeMap<String, Answer>) -> Vec<ScaleScore> {
    set.scales
        .iter()
        .map(|scale| score_scale(set, scale, answers))
        .collect()
}

fn score_scale(set: &QuestionSet, scale: &Scale, answers: &BTreeMap<String, Answer>) -> ScaleScore {
    let items: Vec<&super::Item> = scale.items.iter().filter_map(|id| set.item(id)).collect();
    let contributions = contributions(items.iter().copied(), answers);
    let need = needed(scale.min_share, items.len());
    let scored = !items.is_empty() && contributions.len() >= need;
    let exact = scored.then(|| exact_percent(&contributions));
    let percent = scored.then(|| rescale(&contributions));
    let own = |c: &Contribution| {
        set.item(&c.item)
            .and_then(|i| i.own_value(c.raw))
            .unwrap_or(0.0)
    };
    let score = scored.then(|| {
        let n = contributions.len() as f64;
        match scale.report {
            Report::Percent => {
                let total: f64 = contributions.iter().map(|c| c.weight).sum();
                100.0
                    * contributions
                        .iter()
                        .map(|c| c.weight * c.fraction)
                        .sum::<f64>()
                    / total
            }
            Report::Mean => contributions.iter().map(own).sum::<f64>() / n,
            // Prorated: unanswered items count at the mean of the answered.
            Report::Sum => contributions.iter().map(own).sum::<f64>() / n * items.len() as f64,
        }
    });
    ScaleScore {
        id: scale.id.clone(),
        label: scale.label.clone(),
        report: scale.report,
        score,
        percent,
        exact,
        answered: contributions.len(),
        items: items.len(),
        needed: need,
        range: scale.range.map(|(lo, hi)| match scale.report {
            // Only the asked items count towards a sum's range.
            Report::Sum if !scale.items.is_empty() => {
                let per = scale.items.len() as f64;
                (lo / per * items.len() as f64, hi / per * items.len() as f64)
            }
            _ => (lo, hi),
        }),
        dimension: scale.dimension,
    }
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
        c.sort_by(|a, b| {
            let (a, b) = if high { (b, a) } else { (a, b) };
            a.fraction.total_cmp(&b.fraction)
        });
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
