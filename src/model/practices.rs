//! The suggestion catalogue and its ranking: which practices fit this
//! person's scores, pattern and profile, and why each one was chosen.
//!
//! Ranking: each dimension has a *need* between 0 and 1: the shortfall for
//! empathy and credibility (`(100 - score) / 100`) and the risk itself for
//! burnout and ownership (`score / 100`); an unscored dimension counts 0.35.
//! A practice's fit is the largest need among the dimensions it serves, plus
//! 0.3 when it is written for the person's pattern. Practices are picked
//! greedily; after each pick the need it answered drops by 0.15, so the list
//! covers more than one dimension. Practices limited by team size or stage
//! are left out where they do not apply, and implementation practices are only
//! offered to a small team (5 reports or fewer) with low risk and no
//! critical-path work.

use super::dimension::Dimension;
use super::pattern::{LOW_RISK, Pattern, SMALL_TEAM};
use super::profile::{Profile, Stage};
use super::scoring::Scores;
use serde::{Deserialize, Serialize};

/// How many suggestions a result offers.
pub const SUGGESTION_COUNT: usize = 6;
const UNKNOWN_NEED: f64 = 0.35;
const PATTERN_BONUS: f64 = 0.3;
const ANSWERED_NEED_DROP: f64 = 0.15;

/// One practice, from `assets/practices.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub steps: Vec<String>,
    pub minutes_per_week: u16,
    pub serves: Vec<Dimension>,
    #[serde(default)]
    pub patterns: Vec<Pattern>,
    #[serde(default)]
    pub implementation: bool,
    pub max_reports: Option<u16>,
    #[serde(default)]
    pub stages: Vec<Stage>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Catalogue {
    practice: Vec<Practice>,
}

/// Parses the practice catalogue.
pub fn parse_catalogue(source: &str) -> Result<Vec<Practice>, toml::de::Error> {
    toml::from_str::<Catalogue>(source).map(|c| c.practice)
}

/// A practice suggested for this person, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub id: String,
    pub title: String,
    pub why: String,
    pub minutes_per_week: u16,
    pub implementation: bool,
    pub summary: String,
    pub steps: Vec<String>,
}

/// Whether this person may be offered implementation work at all.
pub fn implementation_allowed(scores: &Scores, profile: &Profile) -> bool {
    let low = |d| scores.value(d).is_some_and(|s| s < LOW_RISK);
    profile.reports <= SMALL_TEAM
        && !profile.critical_path
        && low(Dimension::Burnout)
        && low(Dimension::Ownership)
}

fn applies(p: &Practice, scores: &Scores, profile: &Profile) -> bool {
    p.max_reports.is_none_or(|max| profile.reports <= max)
        && (p.stages.is_empty() || p.stages.contains(&profile.stage))
        && (!p.implementation || implementation_allowed(scores, profile))
}

fn need(scores: &Scores, dim: Dimension) -> f64 {
    match scores.value(dim) {
        None => UNKNOWN_NEED,
        Some(s) if dim.is_risk() => f64::from(s) / 100.0,
        Some(s) => f64::from(100 - s) / 100.0,
    }
}

/// Ranks the catalogue for this person and returns the top suggestions.
pub fn suggest(
    catalogue: &[Practice],
    scores: &Scores,
    pattern: Pattern,
    pattern_title: &str,
    profile: &Profile,
) -> Vec<Suggestion> {
    let mut needs = Dimension::ALL.map(|d| need(scores, d));
    let mut pool: Vec<&Practice> = catalogue
        .iter()
        .filter(|p| applies(p, scores, profile))
        .collect();
    let mut picked = Vec::new();
    while picked.len() < SUGGESTION_COUNT && !pool.is_empty() {
        let fit = |p: &Practice| {
            let best = p.serves.iter().map(|d| needs[d.index()]).fold(0.0, f64::max);
            best + if p.patterns.contains(&pattern) { PATTERN_BONUS } else { 0.0 }
        };
        let (index, _) = pool
            .iter()
            .enumerate()
            .max_by(|(_, a), (_, b)| {
                fit(a)
                    .total_cmp(&fit(b))
                    .then(b.minutes_per_week.cmp(&a.minutes_per_week))
                    .then(b.id.cmp(&a.id))
            })
            .expect("pool is not empty");
        let practice = pool.remove(index);
        let main = main_dimension(practice, &needs);
        picked.push(Suggestion {
            id: practice.id.clone(),
            title: practice.title.clone(),
            why: why(practice, main, scores, pattern, pattern_title),
            minutes_per_week: practice.minutes_per_week,
            implementation: practice.implementation,
            summary: practice.summary.clone(),
            steps: practice.steps.clone(),
        });
        if let Some(d) = main {
            needs[d.index()] = (needs[d.index()] - ANSWERED_NEED_DROP).max(0.0);
        }
    }
    picked
}

fn main_dimension(p: &Practice, needs: &[f64; 4]) -> Option<Dimension> {
    p.serves
        .iter()
        .copied()
        .max_by(|a, b| needs[a.index()].total_cmp(&needs[b.index()]))
}

fn why(
    p: &Practice,
    main: Option<Dimension>,
    scores: &Scores,
    pattern: Pattern,
    pattern_title: &str,
) -> String {
    let mut reasons = Vec::new();
    if let Some(dim) = main {
        reasons.push(match scores.value(dim) {
            None => format!("{} has no score yet, and this builds a picture of it", dim.title()),
            Some(s) if dim.is_risk() && s >= LOW_RISK => {
                format!("your {} is {s}/100, and this lowers it", dim.title().to_lowercase())
            }
            Some(s) if dim.is_risk() => {
                format!("your {} is low ({s}/100), and this keeps it there", dim.title().to_lowercase())
            }
            Some(s) if s < 60 => format!("your {} score is {s}/100, and this strengthens it", dim.id()),
            Some(s) => format!("your {} score is {s}/100, and this keeps it strong", dim.id()),
        });
    }
    if p.patterns.contains(&pattern) {
        reasons.push(format!("it suits the {pattern_title} pattern"));
    }
    let mut text = format!("Chosen because {}.", reasons.join(", and "));
    if p.implementation {
        text.push_str(
            " Your team is small and your risk is low, so a little hands-on work is fine: keep it off the critical path.",
        );
    }
    text
}
