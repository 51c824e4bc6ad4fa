//! The suggestion catalogue and its ranking: which practices fit this
//! person's scores, pattern and profile, and why each one was chosen.
//!
//! Ranking: each dimension has a *need* between 0 and 1: the shortfall for
//! empathy and credibility (`(100 - score) / 100`) and the risk itself for
//! burnout and ownership (`score / 100`); an unscored dimension counts 0.35.
//! A practice's fit is the largest need among the dimensions it serves, plus
//! 0.3 when it is written for the person's pattern, plus 0.4 when it answers a
//! flag that was raised (0.25 when it answers a narrower flag folded into it;
//! a little more for the more serious flags, which come first in
//! `assets/flags.toml`). Practices are picked greedily; after each pick the
//! need it answered drops by 0.15, and the flag it answered gives no more
//! bonus, so the list covers more than one dimension and more than one flag.
//! With burnout risk of 70 or more the list starts with a practice that
//! removes work and stays within an hour a week in total. A practice written
//! for the person's situation (`when`) gets 0.1 more, one that works on an
//! item the person answered in the middle or worse (`settled_by`) 0.1 more,
//! and one whose items were all answered at or next to their best is not
//! offered. Practices in one
//! `group` are alternatives, of which at most one is suggested. Practices limited by team size or stage
//! are left out where they do not apply, and implementation practices are only
//! offered to a small team (5 reports or fewer) with low risk and no
//! critical-path work, and at most one of them.

use super::answers::describe_answer;
use super::condition::Condition;
use super::dimension::Dimension;
use super::flags::RaisedFlag;
use super::pattern::{HIGH_RISK, LOW_RISK, Pattern};
use super::profile::{LARGE_TEAM, Profile, SMALL_TEAM, SPLIT_FOCUS_SHARE, Stage};
use super::question_set::QuestionSet;
use super::scoring::Scores;
use serde::{Deserialize, Serialize};

/// How many suggestions a result offers.
pub const SUGGESTION_COUNT: usize = 4;
/// At most this many suggestions put the manager on implementation work.
pub const MAX_IMPLEMENTATION: usize = 1;
const UNKNOWN_NEED: f64 = 0.35;
const PATTERN_BONUS: f64 = 0.3;
const FLAG_BONUS: f64 = 0.4;
const COVERED_FLAG_BONUS: f64 = 0.25;
/// A practice written for this person's situation (`when` = codes, no-code
/// or critical-path) ranks a little above a general one.
const SITUATION_BONUS: f64 = 0.1;
/// A practice that works on an item the person answered in the middle or
/// worse (`settled_by`) gets this much more.
const ANSWER_BONUS: f64 = 0.1;
const ANSWERED_NEED_DROP: f64 = 0.15;
/// A practice that fits less than this (no pattern, flag or situation for it
/// and a need below 0.3) is filler: better to suggest fewer.
const MIN_FIT: f64 = 0.3;
/// Burnout risk at or above this puts the suggestions on a time budget.
pub const BUDGET_BURNOUT: u8 = 70;
/// With burnout risk at `BUDGET_BURNOUT` or more, the suggestions together
/// add at most this many minutes a week, and the first one removes work.
pub const BUDGET_MINUTES: u16 = 60;
/// The weekly total when burnout risk is between `LOW_RISK` and
/// `BUDGET_BURNOUT`, or has no score.
pub const WEEKLY_MINUTES: u16 = 90;
/// The weekly total when burnout risk is below `LOW_RISK`: room for more.
pub const ROOMY_MINUTES: u16 = 150;

/// The weekly minutes the suggestions may add up to, if they are limited.
pub fn time_budget(scores: &Scores) -> Option<u16> {
    scores
        .value(Dimension::Burnout)
        .is_some_and(|b| b >= BUDGET_BURNOUT)
        .then_some(BUDGET_MINUTES)
}

/// One practice, from `assets/practices.toml`.
/// How many minutes a week all suggestions together may add: 60 at high
/// burnout risk, 150 when it is low, 90 otherwise.
pub fn weekly_minutes(scores: &Scores) -> u16 {
    match scores.value(Dimension::Burnout) {
        Some(b) if b >= BUDGET_BURNOUT => BUDGET_MINUTES,
        Some(b) if b < LOW_RISK => ROOMY_MINUTES,
        _ => WEEKLY_MINUTES,
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub steps: Vec<String>,
    pub minutes_per_week: u16,
    /// Whether the first week's time recurs: weekly unless it says otherwise.
    #[serde(default)]
    pub cadence: Cadence,
    /// Time that later weeks' steps take, in words, when it is not simply
    /// the cadence: "a 45-minute handover per item, each in place of the
    /// work it hands over".
    pub later: Option<String>,
    pub serves: Vec<Dimension>,
    #[serde(default)]
    pub patterns: Vec<Pattern>,
    #[serde(default)]
    pub implementation: bool,
    pub max_reports: Option<u16>,
    /// Only suggested above this many direct reports: the practices about a
    /// span too wide for the hybrid.
    pub min_reports: Option<u16>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// Flags this practice answers: it ranks higher when one is raised.
    #[serde(default)]
    pub flags: Vec<String>,
    /// Whether it takes work off the manager's plate (declining, handing
    /// over, stopping), rather than adding a habit.
    #[serde(default)]
    pub removes_work: bool,
    /// Whether it does not lower a risk by itself but says early when the
    /// hybrid has stopped fitting: a quarterly check, a tripwire, a review
    /// date. Its "why" says so instead of promising to bring a risk down.
    #[serde(default)]
    pub early_warning: bool,
    /// Offered only when this holds for the profile.
    pub when: Option<Condition>,
    /// Practices in one group are alternatives: at most one is suggested.
    pub group: Option<String>,
    /// Core items this practice works on: when every one of them is answered
    /// at or next to its best, there is little left for it to do and it is not
    /// offered; when one of them is answered in the middle or worse, it ranks
    /// higher, because it works on something the person said.
    #[serde(default)]
    pub settled_by: Vec<String>,
}

/// How a practice's time recurs: `minutes_per_week` is always the total of
/// its first week's steps, and this says what comes after that week.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cadence {
    /// Done in the first week, and then it is done.
    Once,
    /// Repeated every week.
    #[default]
    Weekly,
    /// Repeated once a quarter.
    Quarterly,
}

impl Cadence {
    /// The time in words for a report: "about 15 minutes the first week,
    /// then each quarter", with what later weeks' steps take when a practice
    /// says ("about 30 minutes the first week, then a 45-minute handover per
    /// item").
    pub fn long(self, minutes: u16, later: Option<&str>) -> String {
        match (self, later) {
            (Cadence::Once, Some(later)) => {
                format!("about {minutes} minutes the first week, then {later}")
            }
            (Cadence::Once, None) => format!("about {minutes} minutes, once"),
            (Cadence::Weekly, later) => format!(
                "about {minutes} minutes the first week, then weekly{}",
                later.map(|l| format!("; later, {l}")).unwrap_or_default()
            ),
            (Cadence::Quarterly, later) => format!(
                "about {minutes} minutes the first week, then each quarter{}",
                later.map(|l| format!("; later, {l}")).unwrap_or_default()
            ),
        }
    }

    /// The time in a few characters for a list: "~15 min week 1, then
    /// quarterly"; "~30 min week 1, more later" for a one-off whose later
    /// steps take time of their own.
    pub fn short(self, minutes: u16, later: Option<&str>) -> String {
        match (self, later) {
            (Cadence::Once, Some(_)) => format!("~{minutes} min week 1, more later"),
            (Cadence::Once, None) => format!("~{minutes} min, once"),
            (Cadence::Weekly, _) => format!("~{minutes} min week 1, then weekly"),
            (Cadence::Quarterly, _) => format!("~{minutes} min week 1, then quarterly"),
        }
    }
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub id: String,
    pub title: String,
    pub why: String,
    pub minutes_per_week: u16,
    /// Absent in records saved before cadences were marked: weekly.
    #[serde(default)]
    pub cadence: Cadence,
    /// What later weeks' steps take, when the practice says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub later: Option<String>,
    pub implementation: bool,
    /// Absent in records saved before practices were marked: false.
    #[serde(default)]
    pub removes_work: bool,
    pub summary: String,
    pub steps: Vec<String>,
    /// The dimensions the practice serves.
    pub serves: Vec<Dimension>,
}

/// What the ranking knows about the person.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub scores: &'a Scores,
    pub pattern: Pattern,
    pub pattern_title: &'a str,
    pub profile: &'a Profile,
    pub flags: &'a [RaisedFlag],
    /// The set answered, to quote the answer a practice works on.
    pub set: &'a QuestionSet,
}

/// Whether this person may be offered implementation work at all.
/// Hands-on work is offered only off the critical path, with ownership risk
/// low, burnout risk below `HIGH_RISK`, no more reports than the practice
/// allows (`SMALL_TEAM` unless it says otherwise, never more than `LARGE_TEAM`),
/// and to a manager not already spending `SPLIT_FOCUS_SHARE` or more of the
/// week in code: they have hands-on time, and more would come on top of it.
pub fn implementation_allowed(
    scores: &Scores,
    profile: &Profile,
    max_reports: Option<u16>,
) -> bool {
    let below = |d, limit| scores.value(d).is_some_and(|s| s < limit);
    profile.reports <= max_reports.unwrap_or(SMALL_TEAM).min(LARGE_TEAM)
        && !profile.critical_path
        && profile.coding_share < SPLIT_FOCUS_SHARE
        && below(Dimension::Ownership, LOW_RISK)
        && below(Dimension::Burnout, HIGH_RISK)
}

/// The keyed answer to `item`, rescaled 0..=1, and whether its dimension
/// is a risk.
fn keyed_answer(scores: &Scores, item: &str) -> Option<(f64, bool)> {
    Dimension::ALL.iter().find_map(|d| {
        scores
            .get(*d)
            .contributions
            .iter()
            .find(|c| c.item == item)
            .map(|c| (c.fraction, d.is_risk()))
    })
}

/// True when every item in `settled_by` was answered at or next to its best:
/// a 4 or 5 of 5 on a strength, a 1 or 2 on a risk (after reverse keying;
/// on other scales the same top or bottom quarter of the range).
pub fn settled(p: &Practice, scores: &Scores) -> bool {
    !p.settled_by.is_empty()
        && p.settled_by.iter().all(|item| {
            keyed_answer(scores, item)
                .is_some_and(|(f, risk)| if risk { f <= 0.25 } else { f >= 0.75 })
        })
}

/// True when one of the items in `settled_by` was answered in the middle or
/// worse: a 3 or less on a strength, a 3 or more on a risk.
pub fn works_on_an_answer(p: &Practice, scores: &Scores) -> bool {
    answer_worked_on(p, scores).is_some()
}

/// The item in `settled_by` answered worst, if it was answered in the
/// middle or worse (the first listed among equals), with the answer as given.
fn answer_worked_on<'p>(p: &'p Practice, scores: &Scores) -> Option<(&'p str, u8)> {
    answers_worked_on(p, scores, None)
        .first()
        .map(|(item, raw, _)| (*item, *raw))
}

/// The items in `settled_by` answered in the middle or worse, with the
/// answers as given: those on `main` first, then the worst first (the first
/// listed among equals), so a practice cites the answers behind the
/// dimension it is picked for.
fn answers_worked_on<'p>(
    p: &'p Practice,
    scores: &Scores,
    main: Option<Dimension>,
) -> Vec<(&'p str, u8, Dimension)> {
    let mut found: Vec<(&str, u8, Dimension, bool, f64)> = Vec::new();
    for item in &p.settled_by {
        for d in Dimension::ALL {
            let Some(c) = scores.get(d).contributions.iter().find(|c| &c.item == item) else {
                continue;
            };
            // 0.5 is the middle; 1.0 the worst, whichever way the dimension
            // runs, on a scale of any length.
            let severity = if d.is_risk() {
                c.fraction
            } else {
                1.0 - c.fraction
            };
            if severity >= 0.5 {
                found.push((item.as_str(), c.raw, d, Some(d) == main, severity));
            }
        }
    }
    // Stable: among equals, the order of `settled_by`.
    found.sort_by(|a, b| b.3.cmp(&a.3).then(b.4.total_cmp(&a.4)));
    found
        .into_iter()
        .map(|(item, raw, d, _, _)| (item, raw, d))
        .collect()
}

/// How many of the answers a practice works on its "why" cites.
const CITED_ANSWERS: usize = 2;

fn applies(p: &Practice, scores: &Scores, profile: &Profile) -> bool {
    p.when.is_none_or(|c| c.holds(profile))
        && p.max_reports.is_none_or(|max| profile.reports <= max)
        && p.min_reports.is_none_or(|min| profile.reports > min)
        && (p.stages.is_empty() || p.stages.contains(&profile.stage))
        && (!p.implementation || implementation_allowed(scores, profile, p.max_reports))
        && !settled(p, scores)
}

fn need(scores: &Scores, dim: Dimension) -> f64 {
    match scores.value(dim) {
        None => UNKNOWN_NEED,
        Some(s) if dim.is_risk() => f64::from(s) / 100.0,
        Some(s) => f64::from(100 - s) / 100.0,
    }
}

/// Ranks the catalogue and returns up to `count` suggestions.
/// Up to `count` suggestions that together stay within `weekly_minutes`.
pub fn suggest(catalogue: &[Practice], context: &Context<'_>, count: usize) -> Vec<Suggestion> {
    rank(catalogue, context, count, weekly_minutes(context.scores))
}

/// A longer ranking for a plan that adds one practice a week: only the
/// high-burnout budget applies, since the practices are not taken up at once.
pub fn rank_for_plan(
    catalogue: &[Practice],
    context: &Context<'_>,
    count: usize,
) -> Vec<Suggestion> {
    rank(
        catalogue,
        context,
        count,
        time_budget(context.scores).unwrap_or(u16::MAX),
    )
}

fn rank(
    catalogue: &[Practice],
    context: &Context<'_>,
    count: usize,
    minutes: u16,
) -> Vec<Suggestion> {
    let Context {
        scores,
        pattern,
        profile,
        ..
    } = *context;
    let mut needs = Dimension::ALL.map(|d| need(scores, d));
    let mut pool: Vec<&Practice> = catalogue
        .iter()
        .filter(|p| applies(p, scores, profile))
        .collect();
    let mut picked = Vec::new();
    let high_load = time_budget(scores).is_some();
    let mut left = minutes;
    // Flags (by position) that a picked practice already answers.
    let mut answered: Vec<usize> = Vec::new();
    while picked.len() < count {
        // On a budget, only what still fits; and until a work-removing
        // practice is picked, only those (when one fits).
        pool.retain(|p| p.minutes_per_week <= left);
        let removal_first = high_load
            && !picked.iter().any(|s: &Suggestion| s.removes_work)
            && pool.iter().any(|p| p.removes_work);
        let eligible = |p: &Practice| !removal_first || p.removes_work;
        if pool.is_empty() {
            break;
        }
        let fit = |p: &Practice| {
            let best = p
                .serves
                .iter()
                .map(|d| needs[d.index()])
                .fold(0.0, f64::max);
            let pattern_bonus = if p.patterns.contains(&pattern) {
                PATTERN_BONUS
            } else {
                0.0
            };
            let situation = match p.when {
                Some(Condition::HasReports) | None => 0.0,
                Some(_) => SITUATION_BONUS,
            };
            let answer = if works_on_an_answer(p, scores) {
                ANSWER_BONUS
            } else {
                0.0
            };
            best + pattern_bonus + situation + answer + flag_bonus(p, context.flags, &answered)
        };
        let best = pool
            .iter()
            .enumerate()
            .filter(|(_, p)| eligible(p) && fit(p) >= MIN_FIT)
            .max_by(|(_, a), (_, b)| {
                // Among equals, one written for a span this wide, then the
                // shorter one.
                fit(a)
                    .total_cmp(&fit(b))
                    .then(a.min_reports.is_some().cmp(&b.min_reports.is_some()))
                    .then(b.minutes_per_week.cmp(&a.minutes_per_week))
                    .then(b.id.cmp(&a.id))
            });
        let Some((index, _)) = best else {
            break;
        };
        let practice = pool.remove(index);
        if let Some(group) = &practice.group {
            pool.retain(|p| p.group.as_ref() != Some(group));
        }
        let flag = best_flag(practice, context.flags, &answered);
        if let Some(i) = flag {
            answered.push(i);
        }
        left = left.saturating_sub(practice.minutes_per_week);
        if practice.implementation {
            let hands_on = picked
                .iter()
                .filter(|s: &&Suggestion| s.implementation)
                .count()
                + 1;
            if hands_on >= MAX_IMPLEMENTATION {
                pool.retain(|p| !p.implementation);
            }
        }
        let main = main_dimension(practice, &needs);
        picked.push(Suggestion {
            id: practice.id.clone(),
            title: practice.title.clone(),
            why: why(practice, main, flag.map(|i| &context.flags[i]), context),
            minutes_per_week: practice.minutes_per_week,
            cadence: practice.cadence,
            later: practice.later.clone(),
            implementation: practice.implementation,
            removes_work: practice.removes_work,
            summary: practice.summary.clone(),
            steps: practice.steps.clone(),
            serves: practice.serves.clone(),
        });
        if let Some(d) = main {
            needs[d.index()] = (needs[d.index()] - ANSWERED_NEED_DROP).max(0.0);
        }
    }
    if let (Some(first), Some(minutes)) = (picked.first_mut(), time_budget(scores)) {
        first.why.push_str(&format!(
            " Your burnout risk is {BUDGET_BURNOUT} or more, so all suggestions together stay within {minutes} minutes a week."
        ));
    }
    picked
}

/// The most serious raised flag, not yet answered by a pick, that this
/// practice answers: by its own id first, or as one folded into it.
fn best_flag(p: &Practice, flags: &[RaisedFlag], answered: &[usize]) -> Option<usize> {
    let open = |i: &usize| !answered.contains(i);
    let direct = (0..flags.len())
        .filter(open)
        .find(|&i| p.flags.contains(&flags[i].id));
    direct.or_else(|| {
        (0..flags.len())
            .filter(open)
            .find(|&i| p.flags.iter().any(|id| flags[i].answers(id)))
    })
}

/// The bonus for answering a raised flag: `FLAG_BONUS` for its own id (a
/// little more for the more serious flags, which come first), less for a flag
/// folded into it, and nothing once another pick has answered that flag.
fn flag_bonus(p: &Practice, flags: &[RaisedFlag], answered: &[usize]) -> f64 {
    best_flag(p, flags, answered).map_or(0.0, |i| {
        let base = if p.flags.contains(&flags[i].id) {
            FLAG_BONUS
        } else {
            COVERED_FLAG_BONUS
        };
        base + 0.05 / (1.0 + i as f64)
    })
}

fn main_dimension(p: &Practice, needs: &[f64; 4]) -> Option<Dimension> {
    p.serves
        .iter()
        .copied()
        .max_by(|a, b| needs[a.index()].total_cmp(&needs[b.index()]))
}

/// Why this practice was chosen: the flag it answers (only the pick that
/// answers a flag says so), the pattern, and its main dimension.
fn why(
    p: &Practice,
    main: Option<Dimension>,
    flag: Option<&RaisedFlag>,
    context: &Context<'_>,
) -> String {
    let Context {
        scores,
        pattern,
        pattern_title,
        ..
    } = *context;
    let mut sentences = Vec::new();
    if let Some(flag) = flag {
        sentences.push(format!("Answers a flag: {}", first_clause(&flag.message)));
    }
    if p.patterns.contains(&pattern) {
        sentences.push(format!("Fits the {pattern_title} pattern."));
    }
    let cited = answers_worked_on(p, scores, main);
    let citing = flag.is_none() && !cited.is_empty();
    // The score named is the one the cited answers count towards, when the
    // practice serves it, so an empathy answer is never followed by a
    // credibility score.
    let main = match cited.first() {
        Some((_, _, d)) if citing && p.serves.contains(d) => Some(*d),
        _ => main,
    };
    if citing {
        let answers: Vec<String> = cited
            .iter()
            .filter(|(_, _, d)| Some(*d) == main)
            .take(CITED_ANSWERS)
            .map(|(item, raw, _)| describe_answer(context.set, item, *raw))
            .collect();
        sentences.push(if answers.len() == 1 {
            format!("It works on your answer {}.", answers[0])
        } else {
            format!("It works on your answers {}.", answers.join(" and "))
        });
    }
    if let Some(dim) = main {
        let name = dim.title().to_lowercase();
        let early_warning = p.early_warning && !p.removes_work;
        sentences.push(match scores.value(dim) {
            None => format!("Your {name} has no score yet; this helps you see it."),
            Some(s) if dim.is_risk() && early_warning && s >= LOW_RISK => format!(
                "Your {name} is {s}/100; this will not bring it down by itself, but it gives you an early warning when the hybrid stops fitting."
            ),
            Some(s) if dim.is_risk() && early_warning => format!(
                "Your {name} is low ({s}/100); this gives you an early warning if the hybrid stops fitting."
            ),
            Some(s) if dim.is_risk() && s >= LOW_RISK => {
                format!("Your {name} is {s}/100; this is aimed at bringing it down.")
            }
            Some(s) if dim.is_risk() => {
                format!("Your {name} is low ({s}/100); this is aimed at keeping it there.")
            }
            Some(s) if s < 60 => {
                format!("Your {name} is {s}/100; this is aimed at building it up.")
            }
            Some(s) => format!("Your {name} is {s}/100; this is aimed at keeping it there."),
        });
    }
    if p.removes_work {
        sentences.push("It takes work off your plate rather than adding to it.".to_string());
    }
    if p.implementation {
        sentences.push(
            "Your code stays off the critical path and your ownership risk is low, so a little hands-on work is fine: keep it that way."
                .to_string(),
        );
    }
    sentences.join(" ")
}

/// "A: b." -> "A." so a flag can be quoted in one short sentence.
fn first_clause(message: &str) -> String {
    let cut = [": ", ". "]
        .iter()
        .filter_map(|sep| message.find(sep))
        .min();
    let clause = cut.map_or(message, |i| &message[..i]).trim_end_matches('.');
    format!("{clause}.")
}
