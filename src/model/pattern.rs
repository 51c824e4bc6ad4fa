//! Naming the pattern a manager is in, from their scores and profile.
//!
//! Thresholds (all on the 0..100 scale):
//! - risk is *high* when burnout or ownership is at least `HIGH_RISK`;
//! - risk is *low* when both burnout and ownership are scored and below `LOW_RISK`;
//! - empathy and credibility are *strong* when both are at least `STRONG`,
//!   and *weak* when both are scored and below `WEAK`.
//!
//! The rules are checked in order. First the profile: critical-path work with
//! more than `SMALL_TEAM` reports, or any coding with more than `LARGE_TEAM`,
//! is `player-coach-trap` whatever the scores (the essays' team-size rules).
//! Then high risk gives `player-coach-trap` when hands-on (coding share of
//! `LARGE_CODING_SHARE`% or more, or critical-path work) and `stretched-thin`
//! otherwise. Both risks low gives `sustainable-player-coach` for a small
//! early-stage team coding off the critical path. Strong empathy and
//! credibility with low ownership risk and burnout below `HIGH_RISK` gives
//! `sustainable-player-coach` for someone coding off the critical path with at
//! most `LARGE_TEAM` reports (team size is then the tripwire) and `multiplier`
//! otherwise, or when that coding is light (under `LIGHT_CODING_SHARE`% of the
//! week) and both risks are low. More coding can then only move a multiplier
//! to sustainable player/coach, which ranks the same. Both risks low with one of empathy or credibility weak and the
//! other not strong gives `drifting`; everything else is `steady`. More risk can only move a result down the
//! order healthy -> steady/drifting -> trap/stretched-thin (see `health_rank`).

use super::condition::Condition;
use super::dimension::Dimension;
use super::profile::{
    LARGE_TEAM, LIGHT_CODING_SHARE, Profile, SMALL_TEAM, SPLIT_FOCUS_SHARE, Stage,
};
use super::question_set::QuestionSet;
use super::scoring::{Contribution, Scores};
use serde::{Deserialize, Serialize};

pub const HIGH_RISK: u8 = 60;
pub const LOW_RISK: u8 = 40;
pub const STRONG: u8 = 60;
pub const WEAK: u8 = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pattern {
    Multiplier,
    SustainablePlayerCoach,
    PlayerCoachTrap,
    StretchedThin,
    Drifting,
    Steady,
}

impl Pattern {
    pub const ALL: [Pattern; 6] = [
        Pattern::Multiplier,
        Pattern::SustainablePlayerCoach,
        Pattern::PlayerCoachTrap,
        Pattern::StretchedThin,
        Pattern::Drifting,
        Pattern::Steady,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Pattern::Multiplier => "multiplier",
            Pattern::SustainablePlayerCoach => "sustainable-player-coach",
            Pattern::PlayerCoachTrap => "player-coach-trap",
            Pattern::StretchedThin => "stretched-thin",
            Pattern::Drifting => "drifting",
            Pattern::Steady => "steady",
        }
    }

    pub fn parse(s: &str) -> Option<Pattern> {
        Pattern::ALL.into_iter().find(|p| p.id() == s)
    }

    /// 0 for the healthy patterns, 1 for the middle, 2 for the risky ones.
    pub fn health_rank(self) -> u8 {
        match self {
            Pattern::Multiplier | Pattern::SustainablePlayerCoach => 0,
            Pattern::Steady | Pattern::Drifting => 1,
            Pattern::PlayerCoachTrap | Pattern::StretchedThin => 2,
        }
    }
}

/// Why a profile alone puts someone in player/coach territory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanRule {
    /// Critical-path work with more than `SMALL_TEAM` reports.
    CriticalPath,
    /// Any coding with more than `LARGE_TEAM` reports.
    Coding,
}

/// The team-size rule this profile breaks, if any: the essays treat either as
/// player/coach territory even when the answers look calm.
pub fn span_rule(profile: &Profile) -> Option<SpanRule> {
    if profile.critical_path && profile.reports > SMALL_TEAM {
        Some(SpanRule::CriticalPath)
    } else if profile.coding_share > 0 && profile.reports > LARGE_TEAM {
        Some(SpanRule::Coding)
    } else {
        None
    }
}

/// The pattern, or `None` when there is nothing to judge: no profile, or not
/// a single dimension with a score.
pub fn verdict(scores: &Scores, profile: Option<&Profile>) -> Option<Pattern> {
    let any_score = Dimension::ALL.iter().any(|d| scores.value(*d).is_some());
    profile.filter(|_| any_score).map(|p| classify(scores, p))
}

/// One sentence saying what put this person in this pattern: the profile
/// rule, or the scores; for the patterns whose sentence names no strength,
/// followed by the healthiest dimension when it is clearly healthy.
pub fn headline(pattern: Pattern, scores: &Scores, profile: &Profile, set: &QuestionSet) -> String {
    let mut reason = reason(pattern, scores, profile, set);
    let no_code = Condition::NoCode.holds(profile);
    if no_code && let Some(partner) = technical_partner(scores) {
        reason.push(' ');
        reason.push_str(&partner);
    }
    match (pattern, strongest(scores)) {
        // Coding while the team still decides for itself is the outcome the
        // pro-coding side promises: say so, in its words.
        (Pattern::SustainablePlayerCoach, _)
            if scores
                .value(Dimension::Ownership)
                .is_some_and(|o| o < LOW_RISK) =>
        {
            let o = scores.value(Dimension::Ownership).unwrap_or_default();
            format!(
                "{reason} What is going well: you write code and your team still owns its decisions (ownership risk {o}, low). Lasn argues that a manager who codes helps build a team whose engineers feel free to decide for themselves, and your answers so far are consistent with that."
            )
        }
        (Pattern::Multiplier | Pattern::SustainablePlayerCoach, _) | (_, None) => reason,
        (_, Some((dim, strength))) => {
            // With no code of their own, a team that never waits on them may
            // also be a team they are far from.
            let distance = if no_code && dim == Dimension::Ownership {
                ", though with no code of your own a low ownership risk may partly reflect distance from the work"
            } else {
                ""
            };
            format!("{reason} What is going well: {strength}{distance}.")
        }
    }
}

/// Credit for a manager who writes no code and has a senior engineer to
/// think technical decisions through with (`technical-partner` at Agree or
/// above): the developer-experience essay's way to lead without deep coding.
fn technical_partner(scores: &Scores) -> Option<String> {
    let c = scores
        .get(Dimension::Credibility)
        .contributions
        .iter()
        .find(|c| c.item == "technical-partner")?;
    (c.fraction >= 0.75).then(|| {
        "You have a senior engineer you trust to think technical decisions through with, and the developer-experience essay sees that partnership as a way to lead well without deep coding experience, so build on it.".to_string()
    })
}

/// The healthiest scored dimension, when it is clearly healthy: a strength at
/// `STRONG` or more, or a risk below `LOW_RISK`, in words that read right for
/// either: "your team owns its decisions (ownership risk 6, low)".
fn strongest(scores: &Scores) -> Option<(Dimension, String)> {
    Dimension::ALL
        .into_iter()
        .filter_map(|d| {
            let v = scores.value(d)?;
            let health = if d.is_risk() { 100 - v } else { v };
            let healthy = if d.is_risk() {
                v < LOW_RISK
            } else {
                v >= STRONG
            };
            healthy.then_some((d, v, health))
        })
        .max_by_key(|(_, _, health)| *health)
        .map(|(d, v, _)| {
            let what = match d {
                Dimension::Empathy => "you know the team's daily reality",
                Dimension::Credibility => "you rate your own technical judgement highly",
                Dimension::Burnout => "your load looks sustainable",
                Dimension::Ownership => "your team owns its decisions",
            };
            let word = if d.is_risk() { "low" } else { "strong" };
            (
                d,
                format!(
                    "{what} ({} {v}, {word}); keep that",
                    d.title().to_lowercase()
                ),
            )
        })
}

fn reason(pattern: Pattern, scores: &Scores, profile: &Profile, set: &QuestionSet) -> String {
    let reports = profile.reports;
    if pattern == Pattern::PlayerCoachTrap {
        match span_rule(profile) {
            Some(SpanRule::CriticalPath) => {
                return format!(
                    "From your profile: you own critical-path work with {reports} reports, which this tool counts as player/coach territory on the profile alone. {}",
                    profile_backing(scores, set)
                );
            }
            Some(SpanRule::Coding) => {
                return format!(
                    "From your profile: you write code ({}% of the week) with {reports} reports, which this tool counts as player/coach territory on the profile alone. {}",
                    profile.coding_share,
                    profile_backing(scores, set)
                );
            }
            None => {}
        }
    }
    let risk = [Dimension::Burnout, Dimension::Ownership]
        .into_iter()
        .filter_map(|d| scores.value(d).map(|v| (d, v)))
        .max_by_key(|(_, v)| *v);
    let num = |d| {
        scores
            .value(d)
            .map_or("unscored".to_string(), |v| v.to_string())
    };
    let (e, c) = (num(Dimension::Empathy), num(Dimension::Credibility));
    let (o, b) = (num(Dimension::Ownership), num(Dimension::Burnout));
    match (pattern, risk) {
        (Pattern::PlayerCoachTrap, Some((d, v))) => format!(
            "From your scores: {} is {v} while you are hands-on ({}).",
            d.title().to_lowercase(),
            hands_on_words(profile)
        ),
        (Pattern::StretchedThin, Some((d, v))) => format!(
            "From your scores: {} is {v} without much hands-on work.",
            d.title().to_lowercase()
        ),
        (Pattern::SustainablePlayerCoach, _)
            if is_small_early_hybrid(profile) && low_both(scores) =>
        {
            format!(
                "From your profile and scores: {reports} reports at an early-stage company, coding off the critical path, and both risks below {LOW_RISK}."
            )
        }
        (Pattern::SustainablePlayerCoach, _) if reports > SMALL_TEAM => format!(
            "From your profile and scores: coding off the critical path with {reports} reports, empathy {e} and credibility {c}, ownership risk {o} and burnout risk {b}. At {reports} reports you are already in the 6 to 10 band where The Myth of the Coding Manager says split focus starts to hurt, so its signs count even at \"Sometimes\". {}",
            strain_showing(scores, set)
        ),
        (Pattern::SustainablePlayerCoach, _) => format!(
            "From your profile and scores: coding off the critical path with {reports} reports, empathy {e} and credibility {c}, ownership risk {o} and burnout risk {b}."
        ),
        (Pattern::Multiplier, _) => format!(
            "From your scores: empathy {e} and credibility {c}, ownership risk {o} and burnout risk {b}."
        ),
        // Someone who writes no code may never have been close to it: there
        // is nothing to drift back to, only a picture to build.
        (Pattern::Drifting, _) if Condition::NoCode.holds(profile) => format!(
            "From your scores: both risks below {LOW_RISK}, but empathy {e} and credibility {c}, and you write no production code: start with the weaker of the two."
        ),
        (Pattern::Drifting, _) => format!(
            "From your scores: both risks below {LOW_RISK}, but empathy {e} and credibility {c}: the weaker of the two is where to reconnect."
        ),
        _ if (SMALL_TEAM + 1..=LARGE_TEAM).contains(&reports)
            && profile.coding_share >= SPLIT_FOCUS_SHARE =>
        {
            format!(
                "From your scores: no dimension stands out far enough to name another pattern. Coding with {reports} reports is where The Myth of the Coding Manager says split focus starts to hurt, so keep an eye on it."
            )
        }
        _ => "From your scores: no dimension stands out far enough to name another pattern."
            .to_string(),
    }
}

/// The split-focus strain items: the signs The Myth of the Coding Manager
/// names for a team over 5 reports.
const STRAIN_ITEMS: [&str; 4] = [
    "one-on-ones-moved",
    "management-postponed",
    "after-hours",
    "coding-crowds-management",
];

/// An item's few words, or its id when the set does not have it.
fn short_name(set: &QuestionSet, id: &str) -> String {
    set.item(id)
        .map_or_else(|| id.to_string(), |i| i.short_name())
}

/// An answer in the words a summary uses: "1:1s moved (Sometimes)".
fn answer_words(set: &QuestionSet, c: &Contribution) -> String {
    let label = set.item(&c.item).and_then(|i| i.label(c.raw));
    match label {
        Some(label) => format!("{} ({label})", short_name(set, &c.item)),
        None => short_name(set, &c.item),
    }
}

/// The strain signs this set asks about, named: "1:1s moved, people work
/// postponed, evenings or weekends worked or coding crowding out management".
fn strain_names(set: &QuestionSet) -> String {
    let names: Vec<String> = STRAIN_ITEMS
        .iter()
        .filter(|id| set.item(id).is_some())
        .map(|id| short_name(set, id))
        .collect();
    if names.is_empty() {
        "the strain signs".to_string()
    } else {
        word_list(&names, "or")
    }
}

/// The split-focus strain answers at the middle point or above, in the
/// words the report uses for them: "1:1s moved (Sometimes)". Above 5 reports
/// every profile gets the same rule, so "Sometimes" counts the same whether
/// the profile or the scores named the pattern.
fn strain_answers(scores: &Scores, set: &QuestionSet) -> Vec<String> {
    STRAIN_ITEMS
        .iter()
        .filter_map(|id| {
            let c = scores
                .get(Dimension::Burnout)
                .contributions
                .iter()
                .find(|c| c.item == *id && !c.reverse && c.points == 5)?;
            (c.raw >= 3).then(|| answer_words(set, c))
        })
        .collect()
}

/// Names the strain answers already showing, so a report never tells
/// someone to watch for what they have already said; when none shows, names
/// the signs to watch.
fn strain_showing(scores: &Scores, set: &QuestionSet) -> String {
    let showing = strain_answers(scores, set);
    match showing.len() {
        0 => format!(
            "None of the split-focus signs shows in your answers yet: {} are the ones to watch.",
            strain_names(set)
        ),
        n => format!(
            "Your answers show {n} of the {} split-focus signs: {}. {} worth a look now, before the mix changes.",
            STRAIN_ITEMS.len(),
            showing.join(", "),
            if n == 1 { "It is" } else { "They are" }
        ),
    }
}

/// For a verdict the profile made, the person's own answers that back it,
/// named: first the split-focus signs, counted as they are for every team
/// over 5 reports, then the other burnout and ownership answers that raise
/// a risk (keyed 4 or 5), each answer named once.
fn profile_backing(scores: &Scores, set: &QuestionSet) -> String {
    let others: Vec<&Contribution> = [Dimension::Burnout, Dimension::Ownership]
        .into_iter()
        .flat_map(|d| scores.get(d).contributions.iter())
        .filter(|c| !STRAIN_ITEMS.contains(&c.item.as_str()))
        .collect();
    let mut raising: Vec<&&Contribution> = others.iter().filter(|c| c.keyed >= 4).collect();
    // The strongest first; beyond three, the rest are counted, not named.
    raising.sort_by_key(|c| std::cmp::Reverse(c.keyed));
    let named: Vec<String> = raising
        .iter()
        .take(NAMED_MAX)
        .map(|c| answer_words(set, c))
        .collect();
    let showing = strain_answers(scores, set);
    let signs = format!(
        "counting \"Sometimes\" as a sign, as for any team over 5 reports, you show {} of the {} split-focus signs: {}",
        showing.len(),
        STRAIN_ITEMS.len(),
        showing.join(", ")
    );
    let also = if showing.is_empty() { "" } else { "other " };
    let risks = if raising.len() > NAMED_MAX {
        format!(
            "of your {} {also}burnout and ownership answers, {} raise a risk, among them {}",
            others.len(),
            raising.len(),
            word_list(&named, "and")
        )
    } else {
        let verb = if named.len() == 1 { "raises" } else { "raise" };
        let also = if showing.is_empty() { "" } else { " also" };
        format!("{}{also} {verb} a risk", word_list(&named, "and"))
    };
    match (named.is_empty(), showing.is_empty()) {
        (true, true) => format!(
            "None of your {} burnout and ownership answers points the same way yet, so the profile decides it.",
            others.len()
        ),
        (true, false) => format!("Your answers back it: {signs}."),
        (false, true) => format!("Your answers back it: {risks}."),
        (false, false) => format!("Your answers back it: {signs}; and {risks}."),
    }
}

/// How many risk-raising answers a profile verdict names before it counts.
const NAMED_MAX: usize = 3;

/// "a", "a and b", "a, b and c" (or with "or").
fn word_list(items: &[String], conjunction: &str) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {conjunction} {last}", rest.join(", "))
        }
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

fn low_both(scores: &Scores) -> bool {
    [Dimension::Burnout, Dimension::Ownership]
        .into_iter()
        .all(|d| scores.value(d).is_some_and(|v| v < LOW_RISK))
}

fn hands_on_words(p: &Profile) -> String {
    match (p.critical_path, p.coding_share) {
        (true, 0) => "critical-path work".to_string(),
        (true, share) => format!("critical-path work, {share}% of the week coding"),
        (false, share) => format!("{share}% of the week coding"),
    }
}

/// Picks the pattern for these scores and this profile.
pub fn classify(scores: &Scores, profile: &Profile) -> Pattern {
    if span_rule(profile).is_some() {
        return Pattern::PlayerCoachTrap;
    }
    let burnout = scores.value(Dimension::Burnout);
    let ownership = scores.value(Dimension::Ownership);
    let empathy = scores.value(Dimension::Empathy);
    let credibility = scores.value(Dimension::Credibility);

    let high_risk = [burnout, ownership]
        .into_iter()
        .flatten()
        .any(|r| r >= HIGH_RISK);
    if high_risk {
        return if profile.is_hands_on() {
            Pattern::PlayerCoachTrap
        } else {
            Pattern::StretchedThin
        };
    }
    let ownership_low = ownership.is_some_and(|o| o < LOW_RISK);
    let low_risk = ownership_low && burnout.is_some_and(|b| b < LOW_RISK);
    if low_risk && is_small_early_hybrid(profile) {
        return Pattern::SustainablePlayerCoach;
    }
    // Strong on both and ownership risk low, with burnout scored and below
    // `HIGH_RISK` (a high one returned above): healthy, whether the manager
    // stays close through their own code off the critical path or without it.
    let strong = matches!((empathy, credibility), (Some(e), Some(c)) if e >= STRONG && c >= STRONG);
    if strong && ownership_low && burnout.is_some() {
        let light = profile.coding_share < LIGHT_CODING_SHARE && low_risk;
        return if is_off_path_coder(profile) && !light {
            Pattern::SustainablePlayerCoach
        } else {
            Pattern::Multiplier
        };
    }
    if !low_risk {
        return Pattern::Steady;
    }
    match (empathy, credibility) {
        (Some(e), Some(c)) if (e < WEAK && c < STRONG) || (c < WEAK && e < STRONG) => {
            Pattern::Drifting
        }
        _ => Pattern::Steady,
    }
}

/// Some coding, none of it on the critical path, with no more than
/// `LARGE_TEAM` reports.
pub fn is_off_path_coder(profile: &Profile) -> bool {
    profile.coding_share > 0 && !profile.critical_path && profile.reports <= LARGE_TEAM
}

/// A small team at an early-stage company where the manager codes, but off
/// the critical path: the situation in which the essays say the hybrid works.
pub fn is_small_early_hybrid(profile: &Profile) -> bool {
    profile.reports <= SMALL_TEAM
        && profile.stage == Stage::Early
        && profile.coding_share > 0
        && !profile.critical_path
}

/// The words for a pattern, from `assets/patterns.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PatternText {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// The words for a manager who writes no production code and owns no
    /// critical-path work, where the general ones presume a closeness that
    /// may never have been there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_code: Option<PatternWords>,
}

/// A pattern's title and summary for one kind of profile.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PatternWords {
    pub title: String,
    pub summary: String,
}

impl PatternText {
    /// The words this profile reads: the no-code ones when they apply.
    pub fn for_profile(mut self, profile: Option<&Profile>) -> PatternText {
        if profile.is_some_and(|p| Condition::NoCode.holds(p))
            && let Some(words) = self.no_code.take()
        {
            self.title = words.title;
            self.summary = words.summary;
        }
        self
    }
}
