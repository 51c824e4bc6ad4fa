//! A whole result: scores, pattern, flags and suggestions for one answer sheet.

use super::answers::AnswerSheet;
use super::catalog::Library;
use super::flags::{RaisedFlag, raise};
use super::pattern::{Pattern, PatternText, headline, verdict};
use super::plan::{PLAN_POOL, Plan, first_90_days};
use super::practices::{Context, SUGGESTION_COUNT, Suggestion, rank_for_plan, suggest};
use super::profile::{Mode, Profile};
use super::question_set::{NotAsked, QuestionSet};
use super::scoring::{ScaleScore, Scores, score, score_scales};
use super::sources::Sources;

/// The result of scoring one answer sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub set: QuestionSet,
    pub mode: Mode,
    pub profile: Option<Profile>,
    pub scores: Scores,
    /// `None` for second-rater sets, which describe someone else.
    pub pattern: Option<(Pattern, PatternText)>,
    /// One sentence on what put this person in the pattern: profile or scores.
    pub headline: Option<String>,
    /// Why no pattern is named, when the set itself rules one out.
    pub no_pattern: Option<String>,
    /// The set's own scales, in its order.
    pub scales: Vec<ScaleScore>,
    pub flags: Vec<RaisedFlag>,
    pub suggestions: Vec<Suggestion>,
    /// The first-90-days plan, in onboarding mode or with the onboarding set.
    pub plan: Option<Plan>,
    /// Items of the set this profile was not asked (and that are not scored).
    pub not_asked: Vec<NotAsked>,
    /// The essays behind the content, for the report's Sources section.
    pub sources: Sources,
}

/// Scores a sheet against its set and derives everything else.
pub fn assess(library: &Library, full_set: &QuestionSet, sheet: &AnswerSheet) -> Assessment {
    // A set that asks no profile is never read against one, even if a sheet
    // carries it: its patterns would rest on what the set disowns.
    let profile = sheet.profile.filter(|_| full_set.asks_profile());
    let not_asked = full_set.not_asked(profile.as_ref());
    let asked = full_set.asked_for(profile.as_ref());
    let set = &asked;
    let scores = score(set, &sheet.answers);
    let scales = score_scales(set, &sheet.answers);
    let no_pattern = no_pattern_reason(set);
    let pattern = verdict(&scores, profile.as_ref()).map(|pattern| {
        (
            pattern,
            library.pattern_text(pattern).for_profile(profile.as_ref()),
        )
    });
    let headline = pattern
        .as_ref()
        .zip(profile.as_ref())
        .map(|((pattern, _), p)| headline(*pattern, &scores, p, set));
    let mut flags = raise(
        &library.flags,
        set,
        &sheet.answers,
        &scores,
        profile.as_ref(),
    );
    // Without a pattern no suggestions follow, so no flag may promise them.
    if pattern.is_none() {
        for flag in &mut flags {
            if let Some(text) = library.flags.iter().find(|t| t.id == flag.id)
                && let Some(alone) = &text.alone
            {
                // Keep the sentences of any flags it absorbed.
                flag.message = flag.message.replacen(&text.message, alone, 1);
            }
        }
    }
    // A rater sees what happens, not why: their flags say only what was seen.
    if set.rater != super::Rater::SelfRater {
        for flag in &mut flags {
            if let Some(text) = library.flags.iter().find(|t| t.id == flag.id) {
                flag.message = text.seen_by_rater();
            }
        }
    }
    let onboarding = sheet.mode == Mode::Onboarding || set.id == "onboarding";
    let (suggestions, plan) = match (&pattern, &profile) {
        (Some((pattern, text)), Some(p)) => {
            let context = Context {
                scores: &scores,
                pattern: *pattern,
                pattern_title: &text.title,
                profile: p,
                flags: &flags,
                set,
            };
            // The suggestions are taken up together, so they share the weekly
            // budget; the plan adds one practice a week and ranks deeper.
            let suggestions = suggest(&library.practices, &context, SUGGESTION_COUNT);
            let plan = onboarding.then(|| {
                let ranked = rank_for_plan(&library.practices, &context, PLAN_POOL);
                first_90_days(&library.plan, &ranked)
            });
            (suggestions, plan)
        }
        _ => (Vec::new(), None),
    };
    // A user's own instrument that names no pattern has nothing from the
    // essays in it: its report lists no essays as its sources.
    let mut sources = library.sources.clone();
    if matches!(set.source, super::question_set::Source::User(_)) && pattern.is_none() {
        sources.list.clear();
    }
    Assessment {
        plan,
        not_asked,
        headline,
        no_pattern,
        scales,
        set: asked.clone(),
        mode: sheet.mode,
        profile,
        scores,
        pattern,
        flags,
        suggestions,
        sources,
    }
}

/// Why a set can never name a pattern, if it cannot: the patterns are read
/// from the four dimensions and the profile.
fn no_pattern_reason(set: &QuestionSet) -> Option<String> {
    if set.rater != super::Rater::SelfRater {
        return None;
    }
    if set.measures.is_empty() {
        Some("No pattern is named: this set measures none of the four dimensions the patterns are read from.".to_string())
    } else if !set.profile {
        Some("No pattern is named: this set does not ask the profile (reports, coding share, critical path, stage) the patterns are read from.".to_string())
    } else {
        None
    }
}
