//! The onboarding result: a first-90-days plan for staying technical, built
//! from the ranked suggestions and the framing in `assets/onboarding.toml`.

use super::dimension::Dimension;
use super::practices::Suggestion;
use serde::{Deserialize, Serialize};

/// The words around the plan.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanText {
    pub intro: String,
    pub weeks: Vec<String>,
    pub watch_for: Vec<String>,
    pub tripwires: Vec<String>,
}

/// One week of the first month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanWeek {
    pub week: usize,
    pub theme: String,
    pub practice: Suggestion,
}

/// A first-90-days plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub intro: String,
    pub weeks: Vec<PlanWeek>,
    pub watch_for: Vec<String>,
    pub tripwires: Vec<String>,
}

/// How many ranked suggestions the plan chooses from.
pub const PLAN_POOL: usize = 16;

/// Each week of the first month has a focus, in this order: listen and look
/// (empathy), get close to the code (credibility), hand decisions over
/// (ownership), protect your time (burnout).
pub const WEEK_FOCUS: [Dimension; 4] = [
    Dimension::Empathy,
    Dimension::Credibility,
    Dimension::Ownership,
    Dimension::Burnout,
];

/// Builds the plan: for each week, the best-ranked practice that serves that
/// week's focus (never implementation work, never the same practice twice).
pub fn first_90_days(text: &PlanText, ranked: &[Suggestion]) -> Plan {
    let mut weeks: Vec<PlanWeek> = Vec::new();
    for (i, focus) in WEEK_FOCUS.iter().enumerate().take(text.weeks.len()) {
        let pick = ranked.iter().find(|s| {
            !s.implementation
                && s.serves.contains(focus)
                && weeks.iter().all(|w| w.practice.id != s.id)
        });
        if let Some(s) = pick {
            weeks.push(PlanWeek {
                week: i + 1,
                theme: text.weeks[i].clone(),
                practice: s.clone(),
            });
        }
    }
    Plan {
        intro: text.intro.clone(),
        weeks,
        watch_for: text.watch_for.clone(),
        tripwires: text.tripwires.clone(),
    }
}
