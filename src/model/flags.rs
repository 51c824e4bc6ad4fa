//! Flags: specific warnings, each naming the answers that raised it.
//!
//! Profile rules, from the essays' context rules:
//! - `wide-span-still-coding`: more than 10 reports and any coding share;
//! - `split-focus`: 6 to 10 reports and a coding share of 20% or more, and
//!   at least one burnout or ownership answer at a keyed 4 or 5 (management
//!   work slipping, load, or work waiting on the manager): team size alone is
//!   a tripwire to watch, not evidence that focus is split;
//! - `critical-path-wide-span`: critical-path work with more than 5 reports;
//! - `critical-path`: critical-path work with 5 reports or fewer;
//! - `large-coding-share`: a coding share of 30% or more.
//!
//! Score rules: `burnout-high` and `ownership-high` at a score of 70 or more.
//! Item rules: an item with `flag = "id"` raises that flag when its keyed
//! answer is 4 or 5. `losing-touch`: at least two of `LOSING_TOUCH_ITEMS`
//! answered at a keyed 1 or 2 (a dated or second-hand picture of the work).
//!
//! No flag repeats another: a flag that `absorbs` narrower ones (in
//! `assets/flags.toml`) takes their evidence, and they are not shown apart.

use super::answers::{Answer, describe_answer};
use super::dimension::Dimension;
use super::profile::{LARGE_CODING_SHARE, LARGE_TEAM, Profile, SMALL_TEAM, SPLIT_FOCUS_SHARE};
use super::question_set::QuestionSet;
use super::scoring::Scores;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A score at or above this raises the dimension's `-high` flag.
pub const HIGH_SCORE_FLAG: u8 = 70;
/// A keyed answer at or above this raises an item's flag: 4 of 5 on a
/// five-point scale, the top quarter of any other (0.0 lowest, 1.0 highest).
pub const ITEM_FLAG_FRACTION: f64 = 0.75;
/// A keyed answer at or below this counts towards `losing-touch`: 2 of 5.
pub const LOW_FRACTION: f64 = 0.25;
/// Items that, answered at a keyed 1 or 2, say the manager's picture of the
/// team's daily work is dated or second-hand.
pub const LOSING_TOUCH_ITEMS: [&str; 4] = [
    "run-build-recently",
    "toolchain-left-to-engineers",
    "incident-review-enough",
    "updates-enough-on-tooling",
];
/// How many of `LOSING_TOUCH_ITEMS` answered that way raise `losing-touch`.
pub const LOSING_TOUCH_MIN: usize = 2;

/// A flag's words, from `assets/flags.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagText {
    pub id: String,
    pub message: String,
    /// Its words when no suggestions follow (a set that names no pattern),
    /// if `message` speaks of them.
    #[serde(default)]
    pub alone: Option<String>,
    /// Narrower flags that say the same thing: when this one is raised they
    /// are folded into it rather than shown separately.
    #[serde(default)]
    pub absorbs: Vec<String>,
    /// A profile flag's sentence when a broader flag absorbs it, so the
    /// broader flag still states its reason; `{reports}` and `{coding_share}`
    /// are filled from the profile.
    #[serde(default)]
    pub absorbed: Option<String>,
    /// Its words when a rater's answers raise it: what the rater saw or
    /// heard, never why, since only the manager knows the cause.
    #[serde(default)]
    pub seen: Option<String>,
}

impl FlagText {
    /// Its words when a rater's answers raise it: `seen`, or the message
    /// marked as a rater's observation when the flag has no `seen` text.
    pub fn seen_by_rater(&self) -> String {
        self.seen.clone().unwrap_or_else(|| {
            format!(
                "From a rater's answers, which show what they saw, not why: {}",
                self.message
            )
        })
    }

    /// This flag's `absorbed` sentence with the profile's figures, if it has one.
    pub fn absorbed_sentence(&self, profile: Option<&Profile>) -> Option<String> {
        let (text, p) = (self.absorbed.as_ref()?, profile?);
        Some(
            text.replace("{reports}", &p.reports.to_string())
                .replace("{coding_share}", &p.coding_share.to_string()),
        )
    }
}

/// A raised flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaisedFlag {
    pub id: String,
    pub message: String,
    /// The answers that raised it, e.g. `reports = 12` or `skipped-1on1 = 4 (Often)`.
    pub raised_by: Vec<String>,
    /// Narrower flags that were also raised and are folded into this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

impl RaisedFlag {
    /// Whether this flag is `id`, or has folded `id` into itself.
    pub fn answers(&self, id: &str) -> bool {
        self.id == id || self.covers.iter().any(|c| c == id)
    }
}

/// Raises every flag that applies, in the catalogue's order.
pub fn raise(
    catalogue: &[FlagText],
    set: &QuestionSet,
    answers: &BTreeMap<String, Answer>,
    scores: &Scores,
    profile: Option<&Profile>,
) -> Vec<RaisedFlag> {
    let mut raised: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    if let Some(p) = profile {
        for (id, mut evidence) in profile_flags(p) {
            if id == "split-focus" {
                let strain = split_focus_evidence(set, scores);
                if strain.is_empty() {
                    continue;
                }
                evidence.extend(strain);
            }
            raised.insert(id, evidence);
        }
    }
    for (dim, id) in [
        (Dimension::Burnout, "burnout-high"),
        (Dimension::Ownership, "ownership-high"),
    ] {
        let score = scores.get(dim);
        if score.score.is_some_and(|s| s >= HIGH_SCORE_FLAG) {
            let mut evidence = vec![format!("{dim} score = {}", score.score.unwrap_or(0))];
            evidence.extend(
                score
                    .contributions
                    .iter()
                    .filter(|c| c.fraction >= ITEM_FLAG_FRACTION)
                    .map(|c| describe_answer(set, &c.item, c.raw)),
            );
            raised.insert(id, evidence);
        }
    }
    for item in set.items.iter() {
        let (Some(flag), Some(Answer::Value(raw))) = (&item.flag, answers.get(&item.id)) else {
            continue;
        };
        if item.fraction(*raw).is_some_and(|f| f >= ITEM_FLAG_FRACTION) {
            raised
                .entry(flag.as_str())
                .or_default()
                .push(describe_answer(set, &item.id, *raw));
        }
    }
    let distant: Vec<String> = LOSING_TOUCH_ITEMS
        .iter()
        .filter_map(|id| {
            let item = set.item(id)?;
            let Some(Answer::Value(raw)) = answers.get(*id) else {
                return None;
            };
            item.fraction(*raw)
                .filter(|f| *f <= LOW_FRACTION)
                .map(|_| describe_answer(set, id, *raw))
        })
        .collect();
    if distant.len() >= LOSING_TOUCH_MIN {
        raised.insert("losing-touch", distant);
    }
    merge(catalogue, raised, profile)
}

/// The burnout and ownership answers at a keyed 4 or 5 (the top quarter of
/// any scale): what shows that a
/// coding manager's focus is split, beyond the team size.
fn split_focus_evidence(set: &QuestionSet, scores: &Scores) -> Vec<String> {
    [Dimension::Burnout, Dimension::Ownership]
        .into_iter()
        .flat_map(|d| scores.get(d).contributions.iter())
        .filter(|c| c.fraction >= ITEM_FLAG_FRACTION)
        .map(|c| describe_answer(set, &c.item, c.raw))
        .collect()
}

/// Turns the raised ids into flags in the catalogue's order, folding each
/// absorbed flag (and its evidence) into the first raised flag that absorbs it.
/// An absorbed profile flag adds its sentence, with the profile's figures, to
/// the message, so every reason folded in is still said in words.
fn merge(
    catalogue: &[FlagText],
    mut raised: BTreeMap<&str, Vec<String>>,
    profile: Option<&Profile>,
) -> Vec<RaisedFlag> {
    let mut out = Vec::new();
    for f in catalogue {
        let Some(mut raised_by) = raised.remove(f.id.as_str()) else {
            continue;
        };
        let mut covers = Vec::new();
        let mut message = f.message.clone();
        for absorbed in &f.absorbs {
            if let Some(evidence) = raised.remove(absorbed.as_str()) {
                if let Some(sentence) = catalogue
                    .iter()
                    .find(|t| &t.id == absorbed)
                    .and_then(|t| t.absorbed_sentence(profile))
                {
                    message.push(' ');
                    message.push_str(&sentence);
                }
                for e in evidence {
                    if !raised_by.contains(&e) {
                        raised_by.push(e);
                    }
                }
                covers.push(absorbed.clone());
            }
        }
        out.push(RaisedFlag {
            id: f.id.clone(),
            message,
            raised_by,
            covers,
        });
    }
    out
}

fn profile_flags(p: &Profile) -> Vec<(&'static str, Vec<String>)> {
    let reports = format!("reports = {}", p.reports);
    let share = format!("coding_share = {}%", p.coding_share);
    let critical = "critical_path = yes".to_string();
    let mut out = Vec::new();
    if p.reports > LARGE_TEAM && p.coding_share > 0 {
        out.push((
            "wide-span-still-coding",
            vec![reports.clone(), share.clone()],
        ));
    }
    if (SMALL_TEAM + 1..=LARGE_TEAM).contains(&p.reports) && p.coding_share >= SPLIT_FOCUS_SHARE {
        out.push(("split-focus", vec![reports.clone(), share.clone()]));
    }
    if p.critical_path && p.reports > SMALL_TEAM {
        out.push((
            "critical-path-wide-span",
            vec![critical.clone(), reports.clone()],
        ));
    }
    if p.critical_path && p.reports <= SMALL_TEAM {
        out.push(("critical-path", vec![critical]));
    }
    if p.coding_share >= LARGE_CODING_SHARE {
        out.push(("large-coding-share", vec![share]));
    }
    out
}
