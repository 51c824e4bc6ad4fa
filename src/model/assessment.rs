//! A whole result: scores, pattern, flags and suggestions for one answer sheet.

use super::answers::AnswerSheet;
use super::catalog::Library;
use super::flags::{RaisedFlag, raise};
use super::pattern::{Pattern, PatternText, classify};
use super::plan::{PLAN_POOL, Plan, first_90_days};
use super::practices::{Context, SUGGESTION_COUNT, Suggestion, suggest};
use super::profile::{Mode, Profile};
use super::question_set::QuestionSet;
use super::scoring::{Scores, score};

/// The result of scoring one answer sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub set: QuestionSet,
    pub mode: Mode,
    pub profile: Option<Profile>,
    pub scores: Scores,
    /// `None` for second-rater sets, which describe someone else.
    pub pattern: Option<(Pattern, PatternText)>,
    pub flags: Vec<RaisedFlag>,
    pub suggestions: Vec<Suggestion>,
    /// The first-90-days plan, in onboarding mode or with the onboarding set.
    pub plan: Option<Plan>,
}

/// Scores a sheet against its set and derives everything else.
pub fn assess(library: &Library, set: &QuestionSet, sheet: &AnswerSheet) -> Assessment {
    let scores = score(set, &sheet.answers);
    let profile = sheet.profile;
    let pattern = profile.map(|p| {
        let pattern = classify(&scores, &p);
        (pattern, library.pattern_text(pattern))
    });
    let flags = raise(
        &library.flags,
        set,
        &sheet.answers,
        &scores,
        profile.as_ref(),
    );
    let onboarding = sheet.mode == Mode::Onboarding || set.id == "onboarding";
    let (suggestions, plan) = match (&pattern, &profile) {
        (Some((pattern, text)), Some(p)) => {
            let context = Context {
                scores: &scores,
                pattern: *pattern,
                pattern_title: &text.title,
                profile: p,
                flags: &flags,
            };
            // The ranking is greedy, so the top suggestions are the head of a
            // longer ranking: rank once, as deep as the plan needs.
            let depth = if onboarding {
                PLAN_POOL
            } else {
                SUGGESTION_COUNT
            };
            let mut ranked = suggest(&library.practices, &context, depth);
            let plan = onboarding.then(|| first_90_days(&library.plan, &ranked));
            ranked.truncate(SUGGESTION_COUNT);
            (ranked, plan)
        }
        _ => (Vec::new(), None),
    };
    Assessment {
        plan,
        set: set.clone(),
        mode: sheet.mode,
        profile,
        scores,
        pattern,
        flags,
        suggestions,
    }
}
