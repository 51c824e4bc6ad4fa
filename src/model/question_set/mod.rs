//! Question sets: a file is read into raw, type-checked structs (`low`),
//! then checked for meaning into a `QuestionSet` (`high`); every rule a file
//! can break becomes a `FILE:LINE:COL: message` problem, all in one pass.

mod high;
pub mod low;

use super::condition::{Condition, applies};
use super::dimension::{Dimension, Side};
use super::location::{Position, Problem};
use super::profile::Profile;
use super::toml_walk::Reader;
use std::path::{Path, PathBuf};

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Sets with more items than this are refused.
pub const MAX_ITEMS: usize = 500;
/// Weights outside this range are refused.
pub const WEIGHT_RANGE: std::ops::RangeInclusive<f64> = low::WEIGHT_MIN..=low::WEIGHT_MAX;
/// A response scale has this many points at least and at most.
pub const POINTS: std::ops::RangeInclusive<usize> = 2..=11;
/// The share of a scale's (or a dimension's) items that must be answered
/// for it to have a score, unless the set says otherwise.
pub const DEFAULT_MIN_SHARE: f64 = 0.5;

/// How an item is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Strongly disagree (1) .. Strongly agree (5).
    Likert,
    /// Never (1) .. Always (5).
    Frequency,
    /// A response scale the set declares in `[[response_scales]]`.
    Scale,
    /// Labelled options, each with its own score on the 1..5 scale.
    Choice,
    /// Free reflection, not scored.
    Text,
}

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::Likert => "likert",
            Kind::Frequency => "frequency",
            Kind::Scale => "scale",
            Kind::Choice => "choice",
            Kind::Text => "text",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        [
            Kind::Likert,
            Kind::Frequency,
            Kind::Scale,
            Kind::Choice,
            Kind::Text,
        ]
        .into_iter()
        .find(|k| k.id() == s)
    }

    pub fn is_scored(self) -> bool {
        self != Kind::Text
    }
}

const LIKERT: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither",
    "Agree",
    "Strongly agree",
];
const FREQUENCY: [&str; 5] = ["Never", "Rarely", "Sometimes", "Often", "Always"];

/// An ordered response scale: 2 to 11 labelled points. Answers are point
/// numbers 1..=n; the instrument's own value of point `p` is `first + p - 1`.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseScale {
    pub id: String,
    pub labels: Vec<String>,
    /// The instrument's value of the first point: 0 or 1.
    pub first: u8,
}

impl ResponseScale {
    fn fixed(id: &str, labels: [&str; 5]) -> ResponseScale {
        ResponseScale {
            id: id.to_string(),
            labels: labels.iter().map(|l| l.to_string()).collect(),
            first: 1,
        }
    }

    pub fn likert() -> ResponseScale {
        ResponseScale::fixed("likert", LIKERT)
    }

    pub fn frequency() -> ResponseScale {
        ResponseScale::fixed("frequency", FREQUENCY)
    }

    pub fn points(&self) -> u8 {
        self.labels.len() as u8
    }

    /// The instrument's own value of point `p` (1-based).
    pub fn value(&self, p: u8) -> f64 {
        f64::from(self.first) + f64::from(p) - 1.0
    }

    /// The lowest and highest value, e.g. `(0.0, 3.0)`.
    pub fn range(&self) -> (f64, f64) {
        (self.value(1), self.value(self.points()))
    }
}

/// Whether a scale's score is shown 0..100 or in the instrument's own units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Report {
    /// 0..100: the mean of the answers rescaled linearly.
    Percent,
    /// The mean of the answers' own values (e.g. 1.0 to 4.0).
    Mean,
    /// The sum of the answers' own values over every item of the scale,
    /// an unanswered item counted at the mean of the answered ones.
    Sum,
}

impl Report {
    pub fn id(self) -> &'static str {
        match self {
            Report::Percent => "percent",
            Report::Mean => "mean",
            Report::Sum => "sum",
        }
    }

    fn parse(s: &str) -> Option<Report> {
        [Report::Percent, Report::Mean, Report::Sum]
            .into_iter()
            .find(|r| r.id() == s)
    }
}

/// How a dimension's score is made when scales roll up into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rollup {
    /// Every item of the dimension pooled, as if there were no scales.
    #[default]
    Pooled,
    /// The mean of the 0..100 scores of the scales that roll up into it.
    Scales,
}

/// A scale (or subscale) the set declares: a named group of items with its
/// own score.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub id: String,
    pub label: String,
    pub items: Vec<String>,
    /// The share of its items that must be answered for a score (0..=1).
    pub min_share: f64,
    pub report: Report,
    /// The dimension it rolls up into, if any.
    pub dimension: Option<Dimension>,
    /// For `mean` and `sum`: the response scale all its items share.
    pub range: Option<(f64, f64)>,
}

/// How many of `items` must be answered at `share`: at least one.
pub fn needed(share: f64, items: usize) -> usize {
    ((share * items as f64).ceil() as usize).max(1)
}

/// Who answers a set: the manager, or a second rater about the manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rater {
    #[default]
    SelfRater,
    Other,
}

/// One labelled option of a choice item.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceOption {
    pub label: String,
    /// 1..=5: how much of the dimension this option means.
    pub score: u8,
}

/// A validated item.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub kind: Kind,
    /// The points of a likert, frequency or declared scale item.
    pub scale: Option<std::sync::Arc<ResponseScale>>,
    /// `None` for text items and items of a standalone scale.
    pub dimension: Option<Dimension>,
    /// `None` for text items, and in sets that turn sides off.
    pub side: Option<Side>,
    pub reverse: bool,
    pub weight: f64,
    pub prompt: String,
    /// A few words naming the item in a summary ("1:1s moved"), where the
    /// whole prompt would be too long; the prompt stands in when absent.
    pub short: Option<String>,
    pub why: Option<String>,
    pub discuss: Option<String>,
    pub flag: Option<String>,
    pub options: Vec<ChoiceOption>,
    /// Asked only when this holds for the profile.
    pub when: Option<Condition>,
    /// On a set rated by someone else: the id of the self-assessment item
    /// (in `core`) that this one mirrors, so a gap can be traced item by item.
    pub mirrors: Option<String>,
}

/// An item a profile made meaningless, and why it was not asked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NotAsked {
    pub id: String,
    pub prompt: String,
    pub reason: &'static str,
}

impl Item {
    /// A few words naming the item in a summary: its `short`, or else its
    /// whole prompt in quotes.
    pub fn short_name(&self) -> String {
        self.short
            .clone()
            .unwrap_or_else(|| format!("\"{}\"", self.prompt))
    }

    /// Whether this item is asked of someone with this profile.
    pub fn asked(&self, profile: Option<&Profile>) -> bool {
        applies(self.when, profile)
    }

    /// How many answer values the item takes (its points, or its options).
    pub fn scale_len(&self) -> u8 {
        match (&self.scale, self.kind) {
            (Some(scale), _) => scale.points(),
            (None, Kind::Choice) => self.options.len() as u8,
            (None, _) => 0,
        }
    }

    /// The label of raw answer `value` (1-based).
    pub fn label(&self, value: u8) -> Option<&str> {
        let index = usize::from(value).checked_sub(1)?;
        match (&self.scale, self.kind) {
            (Some(scale), _) => scale.labels.get(index).map(String::as_str),
            (None, Kind::Choice) => self.options.get(index).map(|o| o.label.as_str()),
            (None, _) => None,
        }
    }

    /// The keyed point of raw answer `value`: high means more of what the
    /// item measures. Reverse-keyed items are flipped (`n + 1 - value`);
    /// choice options carry their own score (1..=5).
    pub fn keyed(&self, value: u8) -> Option<u8> {
        match (&self.scale, self.kind) {
            (Some(scale), _) if (1..=scale.points()).contains(&value) => Some(if self.reverse {
                scale.points() + 1 - value
            } else {
                value
            }),
            (None, Kind::Choice) => self
                .options
                .get(usize::from(value).checked_sub(1)?)
                .map(|o| o.score),
            _ => None,
        }
    }

    /// Where the keyed answer lies from the lowest (0.0) to the highest
    /// (1.0) point: `(keyed - 1) / (points - 1)`, so scales of any length
    /// are rescaled linearly onto one range.
    pub fn fraction(&self, value: u8) -> Option<f64> {
        let keyed = f64::from(self.keyed(value)?);
        let top = match &self.scale {
            Some(scale) => f64::from(scale.points()),
            None => 5.0,
        };
        Some((keyed - 1.0) / (top - 1.0))
    }

    /// The instrument's own value of raw answer `value`, after keying: the
    /// response scale's value of the keyed point, or a choice's score.
    pub fn own_value(&self, value: u8) -> Option<f64> {
        let keyed = self.keyed(value)?;
        Some(match &self.scale {
            Some(scale) => scale.value(keyed),
            None => f64::from(keyed),
        })
    }
}

/// Where a set came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    BuiltIn,
    User(PathBuf),
}

impl Source {
    pub fn describe(&self) -> String {
        match self {
            Source::BuiltIn => "built-in".to_string(),
            Source::User(path) => path.display().to_string(),
        }
    }
}

/// A validated question set.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionSet {
    pub id: String,
    pub title: String,
    pub description: String,
    pub rater: Rater,
    pub items: Vec<Item>,
    /// The dimensions the set measures: declared with `measures`, or those
    /// its items (and scales) name. The rest are "not measured by this set".
    pub measures: Vec<Dimension>,
    /// Whether the set asks the profile (reports, coding share, ...).
    pub profile: bool,
    /// Whether scored items offer "not applicable / don't know".
    pub not_applicable: bool,
    /// The share of a dimension's items that must be answered for a score.
    pub min_share: f64,
    pub rollup: Rollup,
    pub scales: Vec<Scale>,
    /// Shown before the first question.
    pub instructions: Option<String>,
    pub citation: Option<String>,
    pub licence: Option<String>,
    pub source: Source,
    /// The fingerprint of the file's text, recorded with finished sessions.
    pub fingerprint: String,
}

impl QuestionSet {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn scored_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.kind.is_scored())
    }

    pub fn items_in(&self, dim: Dimension) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.dimension == Some(dim))
    }

    /// Whether the set measures `dim` at all.
    pub fn measures(&self, dim: Dimension) -> bool {
        self.measures.contains(&dim)
    }

    /// Whether answering needs the manager's profile.
    pub fn asks_profile(&self) -> bool {
        self.profile && self.rater == Rater::SelfRater
    }

    /// The set as asked of someone with this profile: items whose condition
    /// does not hold are left out, so they are neither shown nor scored.
    pub fn asked_for(&self, profile: Option<&Profile>) -> QuestionSet {
        QuestionSet {
            items: self
                .items
                .iter()
                .filter(|i| i.asked(profile))
                .cloned()
                .collect(),
            ..self.clone()
        }
    }

    /// The items this profile is not asked, each with the reason.
    pub fn not_asked(&self, profile: Option<&Profile>) -> Vec<NotAsked> {
        self.items
            .iter()
            .filter(|i| !i.asked(profile))
            .filter_map(|i| {
                Some(NotAsked {
                    id: i.id.clone(),
                    prompt: i.prompt.clone(),
                    reason: i.when?.not_asked_reason(),
                })
            })
            .collect()
    }
}

/// Parses and validates one question-set file. `known_flags` are the flag ids
/// an item may raise. Every problem found is returned, not just the first.
pub fn parse_set(
    path: &Path,
    source: &str,
    known_flags: &[&str],
    origin: Source,
) -> Result<QuestionSet, Vec<Problem>> {
    if source.len() > MAX_FILE_BYTES {
        return Err(vec![Problem::new(
            path,
            Position::START,
            format!(
                "file is {} bytes; question sets are limited to {MAX_FILE_BYTES} bytes (1 MiB)",
                source.len()
            ),
        )]);
    }
    let reader = Reader::new(path, source);
    let checked = low::read(&reader).map(|raw| high::check(&reader, &raw, known_flags));
    match checked {
        Some(set) if !reader.has_problems() => Ok(QuestionSet {
            source: origin,
            fingerprint: super::text::fingerprint(source),
            ..set
        }),
        _ => Err(reader.finish()),
    }
}
